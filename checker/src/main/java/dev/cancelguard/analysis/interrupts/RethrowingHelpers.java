package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.classfiles.Opcodes.ALOAD;
import static dev.cancelguard.analysis.classfiles.Opcodes.ALOAD_0;
import static dev.cancelguard.analysis.classfiles.Opcodes.ARETURN;
import static dev.cancelguard.analysis.classfiles.Opcodes.ATHROW;
import static dev.cancelguard.analysis.classfiles.Opcodes.CHECKCAST;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKESTATIC;
import static dev.cancelguard.analysis.classfiles.Opcodes.RETURN;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.primitives.ImmutableIntArray;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Context;
import dev.cancelguard.analysis.LibraryModels;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.classfiles.MethodVerdicts;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.List;
import javax.lang.model.type.TypeKind;

/**
 * Helpers that throw the very exception they are handed, unchecked ("sneaky throw"): {@code static
 * <E extends Throwable> void throwAsUnchecked(Throwable t) throws E { throw (E) t; }}. Handed a
 * caught {@link InterruptedException}, such a helper rethrows it: the caller's caller receives the
 * interrupt itself, exactly as after {@code throw e;}, and nothing is swallowed.
 *
 * <p>The rule, the same whether the helper is read from source or from a class file: a method with
 * one parameter, of an exception type ({@code Throwable}, {@code Exception}, {@code
 * InterruptedException}), that cannot be overridden (static, private, final, or of a final class),
 * whose whole body is one statement: {@code throw t;} (through parentheses and casts that change
 * nothing at run time, such as {@code (E) t}: not {@code (RuntimeException) t}, which would fail on
 * an interrupt), or {@code throw m(t);}, {@code return m(t);} or {@code m(t);} where {@code m} is a
 * static method, of its own class or another, that takes {@code t} alone and is such a helper
 * itself (up to {@value #MAX_DEPTH} calls deep: {@code sneakyThrow(t)} → {@code sneakyThrow0(t)};
 * its value thrown, returned, or void). From a class file: its code is {@code aload} of the
 * parameter, an optional {@code checkcast}, then {@code athrow}; or the load, an {@code
 * invokestatic} of such a method, an optional {@code checkcast}, then {@code athrow}, {@code
 * areturn} or {@code return}. A helper that wraps ({@code throw new RuntimeException(t)}), checks
 * or logs first, or throws only under a condition is not one. A helper whose code cannot be read
 * (abstract, native, a class file missing or stripped of code) is not one either.
 *
 * <p>Nor is a method taken for one by its signature alone: {@code <E extends Throwable> void
 * f(Throwable t) throws E} is the sneaky throw's signature, but also that of a helper that throws
 * {@code (E) new IllegalStateException(t)}, or throws only some of what it is handed; the code
 * decides. The library helpers whose code checks for null first (which a caught exception always
 * passes) and then throws the very object are rows of {@link LibraryModels}, read from their
 * bytecode: JUnit's {@code ExceptionUtils.throwAsUncheckedException}, Lombok's {@code
 * Lombok.sneakyThrow}, Netty's {@code PlatformDependent.throwException}.
 *
 * <p>Verdicts are kept per compilation, in its {@link Context}.
 */
public final class RethrowingHelpers {
  /** How many calls deep a helper's delegation to its own class is followed. */
  static final int MAX_DEPTH = 2;

  private static final Context.Key<MethodVerdicts> KEY = new Context.Key<>();

  private RethrowingHelpers() {}

  /**
   * True if {@code call} hands {@code argument} (an exception that holds the interrupt) to a helper
   * that throws it on, unchecked: the helper never returns, and the interrupt propagates.
   */
  public static boolean rethrowsItsArgument(MethodInvocationTree call, VisitorState state) {
    return call.getArguments().size() == 1
        && Expressions.isResolved(call)
        && getSymbol(call) instanceof MethodSymbol method
        && isRethrower(method, state);
  }

  /**
   * True if the method is a helper that throws the exception it is handed (the rule above, or a row
   * of the library models).
   */
  static boolean isRethrower(MethodSymbol method, VisitorState state) {
    if (LibraryModels.throwsItsArgumentItself(method)) {
      return true;
    }
    if (method.getParameters().size() != 1
        || method.isVarArgs()
        || method.isConstructor()
        || (method.flags() & (Flags.ABSTRACT | Flags.NATIVE)) != 0
        || !(method.owner instanceof ClassSymbol owner)
        || !(method.isStatic()
            || method.isPrivate()
            || (method.flags() & Flags.FINAL) != 0
            || (owner.flags() & Flags.FINAL) != 0)
        || !RestoringHelpers.takesAnExceptionAt(method, 0, state)) {
      return false;
    }
    return MethodVerdicts.of(KEY, method, state, (m, o, descriptor, s) -> read(m, o, 0, s));
  }

  private static boolean read(
      MethodSymbol method, ClassSymbol owner, int depth, VisitorState state) {
    MethodTree declaration = CompiledSources.methodTree(method, state);
    if (declaration != null) {
      return sourceRethrows(declaration, method, depth, state);
    }
    ClassFiles files = ClassFiles.instance(state.context);
    ClassFile.Method code =
        files.methodOf(owner, method, ClassFiles.descriptor(method, state.getTypes()));
    if (code == null) {
      return false;
    }
    ClassFile file = files.of(owner);
    return file != null && classRethrows(file, code, method.isStatic() ? 0 : 1, depth, state);
  }

  // ---------------------------------------------------------------- from source

  private static boolean sourceRethrows(
      MethodTree declaration, MethodSymbol method, int depth, VisitorState state) {
    if (declaration.getBody() == null || declaration.getBody().getStatements().size() != 1) {
      return false;
    }
    Symbol parameter = getSymbol(declaration.getParameters().getFirst());
    StatementTree only = declaration.getBody().getStatements().getFirst();
    ExpressionTree expression =
        switch (only) {
          case ThrowTree throwTree -> throwTree.getExpression();
          case ReturnTree returnTree -> returnTree.getExpression();
          case ExpressionStatementTree statement -> statement.getExpression();
          default -> null;
        };
    if (expression == null || parameter == null) {
      return false;
    }
    ExpressionTree value = withoutCasts(expression, state);
    if (only instanceof ThrowTree && isParameter(value, parameter)) {
      return true;
    }
    return value instanceof MethodInvocationTree delegation
        && depth < MAX_DEPTH
        && delegation.getArguments().size() == 1
        && isParameter(withoutCasts(delegation.getArguments().getFirst(), state), parameter)
        && Expressions.isResolved(delegation)
        && getSymbol(delegation) instanceof MethodSymbol delegate
        && delegate != method
        // What the class file shows next: `athrow`, `areturn` of a reference, or `return` after a
        // void call (a dropped value would add a `pop`).
        && (only instanceof ThrowTree
            || (only instanceof ReturnTree && !method.getReturnType().isPrimitive())
            || (only instanceof ExpressionStatementTree
                && delegate.getReturnType().getKind() == TypeKind.VOID))
        && isRethrowerAt(delegate, depth + 1, state);
  }

  /**
   * The same rule for a delegate, which is static (an {@code invokestatic} in the class file), at a
   * depth of its own (not kept: the verdict depends on the depth); a delegate of another class
   * counts too, and so does one the library models know.
   */
  private static boolean isRethrowerAt(MethodSymbol method, int depth, VisitorState state) {
    if (LibraryModels.throwsItsArgumentItself(method)) {
      return true;
    }
    return method.getParameters().size() == 1
        && !method.isVarArgs()
        && !method.isConstructor()
        && method.isStatic()
        && (method.flags() & (Flags.ABSTRACT | Flags.NATIVE)) == 0
        && method.owner instanceof ClassSymbol owner
        && RestoringHelpers.takesAnExceptionAt(method, 0, state)
        && read(method, owner, depth, state);
  }

  /**
   * The expression inside parentheses and casts that change nothing at run time: {@code (E) t}
   * where {@code E} erases to a supertype of what {@code t} erases to (javac emits no {@code
   * checkcast} for it). A real cast ({@code (RuntimeException) t}) would fail on an interrupt.
   */
  private static ExpressionTree withoutCasts(ExpressionTree expression, VisitorState state) {
    ExpressionTree e = expression;
    while (true) {
      if (e instanceof ParenthesizedTree parenthesized) {
        e = parenthesized.getExpression();
      } else if (e instanceof TypeCastTree cast && isUpcast(cast, state)) {
        e = cast.getExpression();
      } else {
        return e;
      }
    }
  }

  private static boolean isUpcast(TypeCastTree cast, VisitorState state) {
    Type target = getType(cast.getType());
    Type value = getType(cast.getExpression());
    Types types = state.getTypes();
    return target != null
        && value != null
        && types.isSubtype(types.erasure(value), types.erasure(target));
  }

  private static boolean isParameter(ExpressionTree tree, Symbol parameter) {
    return tree instanceof IdentifierTree && parameter.equals(getSymbol(tree));
  }

  // ---------------------------------------------------------------- from a class file

  private static boolean classRethrows(
      ClassFile file, ClassFile.Method method, int slot, int depth, VisitorState state) {
    ImmutableIntArray code = method.shortCode();
    if (!method.hasCode() || code.isEmpty()) {
      return false;
    }
    int at = loadOf(code, slot);
    if (at < 0) {
      return false;
    }
    // No checkcast between the load and the throw: a real cast would fail on an interrupt.
    if (at == code.length() - 1 && code.get(at) == ATHROW) {
      return true;
    }
    if (depth >= MAX_DEPTH || at >= code.length()) {
      return false;
    }
    if (code.get(at) != INVOKESTATIC) {
      return false;
    }
    int callAt = at;
    ClassFile.Call call =
        method.calls().stream().filter(c -> c.offset() == callAt).findFirst().orElse(null);
    boolean ownClass = call != null && call.owner().equals(file.name());
    if (call == null
        || ownClass
            && call.descriptor().equals(method.descriptor())
            && call.name().equals(method.name())) {
      return false;
    }
    // A checkcast of the delegate's value never runs: the delegate does not return.
    at = afterCast(code, at + call.length());
    if (at != code.length() - 1
        || (code.get(at) != ATHROW && code.get(at) != ARETURN && code.get(at) != RETURN)
        || !takesOneException(call.descriptor())) {
      return false;
    }
    if (ownClass) {
      ClassFile.Method delegate = file.method(call.name(), call.descriptor());
      return delegate != null && classRethrows(file, delegate, 0, depth + 1, state);
    }
    // A static method of another class: judged by its symbol, as in source.
    ClassSymbol calledOn = BlockingHelpers.classNamed(call.owner(), state);
    MethodSymbol delegate =
        calledOn == null ? null : BlockingHelpers.methodOf(calledOn, call, state);
    return delegate != null && isRethrowerAt(delegate, depth + 1, state);
  }

  /** The offset after {@code aload slot} at the start of the code, or -1. */
  private static int loadOf(ImmutableIntArray code, int slot) {
    if (code.get(0) == ALOAD_0 + slot) {
      return 1;
    }
    return code.length() > 1 && code.get(0) == ALOAD && code.get(1) == slot ? 2 : -1;
  }

  private static int afterCast(ImmutableIntArray code, int at) {
    return at < code.length() && code.get(at) == CHECKCAST ? at + 3 : at;
  }

  /** A descriptor with one parameter, {@code Throwable}, {@code Exception} or the interrupt. */
  private static boolean takesOneException(String descriptor) {
    int close = descriptor.indexOf(')');
    return close > 0
        && List.of(
                "(Ljava/lang/Throwable;",
                "(Ljava/lang/Exception;",
                "(Ljava/lang/InterruptedException;")
            .contains(descriptor.substring(0, close));
  }
}
