package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers.ScanThrownTypes;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A same-file method that throws {@link InterruptedException} only through the functional
 * interfaces it is handed: {@code terminateCache(c -> { c.stop(); return true; }, name)} where
 * {@code terminateCache(CacheTerminator terminator, ..)} declares it only because {@code
 * terminator.stop(cache)} does. Called with lambdas none of which can throw one, the call cannot
 * throw one either, whatever other callers hand in.
 */
public final class FunctionalArguments {
  private FunctionalArguments() {}

  /**
   * True if every place in the body of {@code declaration} (not in its lambdas or nested classes)
   * that may throw an interrupt is a call of the abstract method of one of its parameters (never
   * assigned in the body) for which {@code call} passes a lambda whose body cannot throw one; and
   * there is at least one such place. A {@code throw}, a constructor or any other call that may
   * throw one answers false.
   */
  public static boolean throwsOnlyThroughLambdasThatThrowNone(
      MethodInvocationTree call, MethodTree declaration, VisitorState state) {
    Map<Symbol, LambdaExpressionTree> lambdas = lambdaArguments(call, declaration);
    if (lambdas.isEmpty() || declaration.getBody() == null) {
      return false;
    }
    Type interrupted = Interrupts.interruptedExceptionType(state);
    boolean[] through = new boolean[1];
    boolean[] other = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        Type type = getType(invocation.getMethodSelect());
        if (type == null || declaresAnInterrupt(type.getThrownTypes(), interrupted, state)) {
          LambdaExpressionTree lambda = lambdaCalled(invocation, lambdas);
          if (lambda != null && !lambdaThrowsAnInterrupt(lambda, interrupted, state)) {
            through[0] = true;
          } else {
            other[0] = true;
          }
        }
        return super.visitMethodInvocation(invocation, null);
      }

      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        Symbol constructor = getSymbol(creation);
        other[0] |=
            constructor == null
                || declaresAnInterrupt(constructor.type.getThrownTypes(), interrupted, state);
        return super.visitNewClass(creation, null);
      }

      @Override
      public Void visitThrow(ThrowTree throwTree, Void unused) {
        Type thrown = getType(throwTree.getExpression());
        other[0] |= thrown == null || mayBeAnInterrupt(thrown, interrupted, state);
        return super.visitThrow(throwTree, null);
      }
    }.scan(new TreePath(new TreePath(state.getPath().getCompilationUnit()), declaration), null);
    return through[0] && !other[0];
  }

  /** The lambdas {@code call} passes, keyed by the effectively final parameter they bind. */
  private static Map<Symbol, LambdaExpressionTree> lambdaArguments(
      MethodInvocationTree call, MethodTree declaration) {
    Map<Symbol, LambdaExpressionTree> lambdas = new HashMap<>();
    List<? extends ExpressionTree> arguments = call.getArguments();
    if (arguments.size() != declaration.getParameters().size()) {
      return lambdas; // varargs: positions may not line up
    }
    for (int i = 0; i < arguments.size(); i++) {
      Symbol parameter = getSymbol(declaration.getParameters().get(i));
      if (parameter != null
          && (parameter.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0
          && Expressions.strip(arguments.get(i)) instanceof LambdaExpressionTree lambda) {
        lambdas.put(parameter, lambda);
      }
    }
    return lambdas;
  }

  /** The lambda bound to the parameter the invocation calls the abstract method of, or null. */
  private static @Nullable LambdaExpressionTree lambdaCalled(
      MethodInvocationTree invocation, Map<Symbol, LambdaExpressionTree> lambdas) {
    ExpressionTree receiver = getReceiver(invocation);
    Symbol method = getSymbol(invocation);
    if (receiver == null
        || method == null
        || (method.flags() & Flags.ABSTRACT) == 0
        || !(Expressions.strip(receiver) instanceof com.sun.source.tree.IdentifierTree)) {
      return null;
    }
    return lambdas.get(getSymbol(Expressions.strip(receiver)));
  }

  private static boolean lambdaThrowsAnInterrupt(
      LambdaExpressionTree lambda, Type interrupted, VisitorState state) {
    ScanThrownTypes scanner = new ScanThrownTypes(state);
    scanner.scan(lambda.getBody(), null);
    return scanner.getThrownTypes().stream().anyMatch(t -> mayBeAnInterrupt(t, interrupted, state));
  }

  private static boolean declaresAnInterrupt(
      List<Type> thrownTypes, Type interrupted, VisitorState state) {
    return thrownTypes.stream().anyMatch(t -> mayBeAnInterrupt(t, interrupted, state));
  }

  private static boolean mayBeAnInterrupt(Type thrown, Type interrupted, VisitorState state) {
    return isSubtype(thrown, interrupted, state) || isSubtype(interrupted, thrown, state);
  }
}
