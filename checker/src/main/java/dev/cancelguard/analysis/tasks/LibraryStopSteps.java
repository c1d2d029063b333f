package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import org.jspecify.annotations.Nullable;

/**
 * The step of a template stop whose base class is in another library: {@code serviceStop()} of a
 * class that extends hadoop-common's {@code AbstractService}, {@code doStop()} under a jar's
 * lifecycle base. That base's {@code stop()} runs the step, and what stops the component runs that
 * {@code stop()}, in turn with the stops of the other components (a composite stop, a container's
 * lifecycle): a flag the step hands back reaches their waits, which then fail at once. None of that
 * code is in this compilation, so the caller reading ({@link CallerContinuations}) cannot follow
 * it; what the compilation does show is that the code returns into a library's stop, as a step of
 * it.
 *
 * <p>The step is known by its name ({@link WaitPlacement#isStopTemplateStep}: a first word, then
 * the stop it performs) and by overriding a method of a superclass (not an interface) declared
 * outside this compilation and outside the JDK. A plain {@code stop()} or {@code close()} is not a
 * step: its callers are the component's users, whose policy the restore serves.
 */
public final class LibraryStopSteps {
  private LibraryStopSteps() {}

  /**
   * Where {@code codeUnit} returns into a library's template stop: the step's own method, or a
   * method of this compilation that such a step calls directly (in its own body, not from a lambda
   * or a class of its own), when the step does not test the flag itself. The result is the step's
   * overridden method in the library ({@code AbstractService.serviceStop()}), or null.
   */
  public static @Nullable Reached of(TreePath codeUnit, VisitorState state) {
    try {
      if (!(codeUnit.getLeaf() instanceof MethodTree method)
          || !(getSymbol(method) instanceof MethodSymbol symbol)) {
        return null;
      }
      MethodSymbol step = libraryStep(symbol, state);
      if (step != null) {
        return new Reached(step, null);
      }
      if (symbol.isStatic() || symbol.isConstructor()) {
        return null;
      }
      for (TreePath call : CompilationCalls.of(state).callsOf(symbol)) {
        TreePath caller = Tasks.enclosingCodeUnit(call);
        if (caller != null
            && caller.getLeaf() instanceof MethodTree callerMethod
            && callerMethod != method
            && getSymbol(callerMethod) instanceof MethodSymbol callerSymbol
            && !testsTheFlag(callerMethod, state)) {
          MethodSymbol callerStep = libraryStep(callerSymbol, state);
          if (callerStep != null) {
            return new Reached(callerStep, call);
          }
        }
      }
      return null;
    } catch (RuntimeException incomplete) {
      return null; // a supertype javac cannot complete: nothing is known of its stop
    }
  }

  /**
   * The library's template step a restore would return into ({@code step}), and the call of the
   * code from that step's override in this compilation, where the code is a helper of the step
   * ({@code via}); null {@code via} where the code is the step itself.
   */
  public record Reached(MethodSymbol step, @Nullable TreePath via) {
    /** {@code AbstractService.serviceStop()}: the class and the step, for messages. */
    public String describe() {
      return step.owner.getSimpleName() + "." + step.getSimpleName() + "()";
    }
  }

  /**
   * The method of a superclass of another library that {@code method} overrides, where {@code
   * method} is named as a template stop's step; null otherwise.
   */
  private static @Nullable MethodSymbol libraryStep(MethodSymbol method, VisitorState state) {
    if (method.isStatic()
        || method.isPrivate()
        || !(method.owner instanceof ClassSymbol owner)
        || !WaitPlacement.isStopTemplateStep(method.getSimpleName().toString())) {
      return null;
    }
    Types types = state.getTypes();
    for (Type supertype : types.closure(owner.type)) {
      if (!(supertype.tsym instanceof ClassSymbol type)
          || type == owner
          || (type.flags() & Flags.INTERFACE) != 0
          || isJdk(type)
          || CompiledSources.classTree(type, state) != null) {
        continue;
      }
      for (Symbol member : type.members().getSymbolsByName(method.getSimpleName())) {
        if (member instanceof MethodSymbol other
            && !other.isStatic()
            && method.overrides(other, owner, types, true)) {
          return other;
        }
      }
    }
    return null;
  }

  /** A step that reads the flag itself ({@code Thread.interrupted()}) decides what it means. */
  private static boolean testsTheFlag(MethodTree step, VisitorState state) {
    return CallScans.anyCallOutsideNestedCode(
        step.getBody(),
        call ->
            Expressions.isResolved(call)
                && (ThreadCalls.IS_INTERRUPTED.matches(call, state)
                    || ThreadCalls.INTERRUPTED.matches(call, state)));
  }

  private static boolean isJdk(ClassSymbol type) {
    String name = type.packge().getQualifiedName().toString();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
  }
}
