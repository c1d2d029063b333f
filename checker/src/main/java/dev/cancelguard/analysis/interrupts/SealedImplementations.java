package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.isSubtype;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.CompletionFailure;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * The implementations of an abstract method of a sealed type, over the closed set of its permitted
 * subtypes. The set is read from the type's symbol ({@code permits} in source, the {@code
 * PermittedSubclasses} attribute of a class file), so a full build and an incremental one, with the
 * subtypes in other files or only on the class path, see the same set. A type that is not sealed
 * has no such set: any other file, module or user may implement it.
 */
final class SealedImplementations {
  /** Permitted subtypes followed at most, over every level. */
  private static final int MAX_TYPES = 64;

  private SealedImplementations() {}

  /** True if the method is abstract and declared in a sealed class or interface. */
  static boolean isAbstractInSealedType(MethodSymbol method) {
    return (method.flags() & Flags.ABSTRACT) != 0
        && (method.owner.flags() & Flags.SEALED) != 0
        && method.owner instanceof ClassSymbol;
  }

  /**
   * True if every concrete class among the permitted subtypes (followed through sealed ones; a
   * {@code non-sealed} one opens the set and answers false) implements the method with one that
   * declares no {@link InterruptedException}, and there is at least one such class.
   */
  static boolean everyImplementationDeclaresNone(MethodSymbol method, VisitorState state) {
    if (!isAbstractInSealedType(method)) {
      return false;
    }
    Type interrupted = Interrupts.interruptedExceptionType(state);
    Deque<ClassSymbol> pending = new ArrayDeque<>();
    Set<ClassSymbol> seen = new HashSet<>();
    pending.add((ClassSymbol) method.owner);
    int concrete = 0;
    try {
      while (!pending.isEmpty()) {
        ClassSymbol type = pending.poll();
        if (!seen.add(type) || seen.size() > MAX_TYPES) {
          return false;
        }
        type.complete();
        long flags = type.flags();
        boolean isAbstract = (flags & (Flags.ABSTRACT | Flags.INTERFACE)) != 0;
        if (!isAbstract) {
          Symbol implementation = method.implementation(type, state.getTypes(), true);
          if (!(implementation instanceof MethodSymbol found)
              || (found.flags() & Flags.ABSTRACT) != 0
              || found.getThrownTypes().stream()
                  .anyMatch(thrown -> isSubtype(interrupted, thrown, state))) {
            return false;
          }
          concrete++;
        }
        if ((flags & Flags.SEALED) != 0) {
          for (TypeMirror permitted : type.getPermittedSubclasses()) {
            if (!(permitted instanceof Type subtype)
                || !(subtype.tsym instanceof ClassSymbol subclass)) {
              return false;
            }
            pending.add(subclass);
          }
        } else if (isAbstract || (flags & Flags.FINAL) == 0) {
          return false; // non-sealed, or a class others may extend
        }
      }
    } catch (CompletionFailure missing) {
      return false; // a permitted subtype whose class file is not on the class path
    }
    return concrete > 0;
  }
}
