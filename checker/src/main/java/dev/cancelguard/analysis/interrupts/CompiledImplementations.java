package dev.cancelguard.analysis.interrupts;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.cancelguard.analysis.trees.CompiledSources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The implementations of an abstract method among the classes of this compilation, for a method
 * declared in a type of this compilation (a library's own interface, not one of the JDK or a jar,
 * whose implementations are anybody's). A type with more than {@value #MAX_IMPLEMENTATIONS} of them
 * is a broad abstraction whose calls say little about any one of them: it is not followed. The
 * classes of the compilation are listed once per compilation and kept, by binary name, in its
 * {@link Context}.
 */
final class CompiledImplementations {
  /** More implementations than this, and the method is not followed. */
  static final int MAX_IMPLEMENTATIONS = 4;

  private static final Context.Key<CompiledImplementations> KEY = new Context.Key<>();

  private final Map<String, List<MethodSymbol>> implementations = new HashMap<>();

  private CompiledImplementations() {}

  /** True if calls of {@code method} are followed into its implementations of this compilation. */
  static boolean isFollowed(MethodSymbol method, VisitorState state) {
    return !of(method, state).isEmpty();
  }

  /**
   * The concrete implementations of the abstract {@code method} among the classes of this
   * compilation; empty for a method with code, one declared outside this compilation, or one with
   * too many.
   */
  static List<MethodSymbol> of(MethodSymbol method, VisitorState state) {
    if ((method.flags() & Flags.ABSTRACT) == 0
        || !(method.owner instanceof ClassSymbol owner)
        || method.isStatic()) {
      return List.of();
    }
    CompiledImplementations index = state.context.get(KEY);
    if (index == null) {
      index = new CompiledImplementations();
      state.context.put(KEY, index);
    }
    String name = owner.flatName() + "#" + method.getSimpleName() + method.type;
    List<MethodSymbol> known = index.implementations.get(name);
    if (known == null) {
      known = index.find(method, owner, state);
      index.implementations.put(name, known);
    }
    return known;
  }

  private List<MethodSymbol> find(MethodSymbol method, ClassSymbol owner, VisitorState state) {
    if (CompiledSources.classTree(owner, state) == null) {
      return List.of();
    }
    List<MethodSymbol> found = new ArrayList<>();
    try {
      for (ClassSymbol type : CompiledSources.subclassesOf(owner, state)) {
        if ((type.flags() & (Flags.ABSTRACT | Flags.INTERFACE)) != 0) {
          continue;
        }
        Symbol implementation = method.implementation(type, state.getTypes(), true);
        if (implementation instanceof MethodSymbol concrete
            && (concrete.flags() & Flags.ABSTRACT) == 0
            && !found.contains(concrete)) {
          found.add(concrete);
          if (found.size() > MAX_IMPLEMENTATIONS) {
            return List.of();
          }
        }
      }
    } catch (RuntimeException incomplete) {
      return List.of(); // a class whose supertypes cannot be completed
    }
    return List.copyOf(found);
  }
}
