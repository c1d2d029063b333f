package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.List;

/**
 * A {@code get()} on the future a completion listener is handed: Netty calls {@code
 * GenericFutureListener.operationComplete(future)} only once {@code future} is done ("invoked when
 * the operation associated with the Future has been completed"), so {@code future.get()} there
 * returns at once without waiting or reading the flag, and a catch around it only takes the
 * operation's failure. The listener is a lambda or method reference given to {@code
 * addListener(..)}, or a class implementing the interface; the future is its parameter, read by a
 * bare name that is never assigned. Another future's {@code get()} in the listener is still a wait.
 */
public final class ListenerFutures {
  /** Netty's completion listener: its one method receives the future that has completed. */
  private static final String LISTENER = "io.netty.util.concurrent.GenericFutureListener";

  private static final String LISTENER_METHOD = "operationComplete";

  private ListenerFutures() {}

  /**
   * True if {@code call}, a {@code future.get()}, reads the future its enclosing completion
   * listener was handed: the parameter of the listener lambda, or of {@code operationComplete} in a
   * listener class.
   */
  public static boolean isGetOfTheListenersOwnFuture(
      MethodInvocationTree call, TreePath callPath, VisitorState state) {
    if (!FutureCalls.GET.matches(call, state)) {
      return false;
    }
    ExpressionTree receiver = getReceiver(call);
    if (receiver == null
        || !(stripParentheses(receiver) instanceof IdentifierTree name)
        || !(getSymbol(name) instanceof VarSymbol future)
        || future.getKind() != javax.lang.model.element.ElementKind.PARAMETER
        || (future.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0) {
      return false;
    }
    for (TreePath p = callPath; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof LambdaExpressionTree lambda && declares(lambda.getParameters(), future)) {
        return lambda.getParameters().size() == 1
            && Supertypes.isSubtypeOf(getType(lambda), LISTENER, state);
      }
      if (leaf instanceof MethodTree method) {
        return declares(method.getParameters(), future)
            && isOperationComplete(getSymbol(method), state);
      }
    }
    return false;
  }

  private static boolean declares(List<? extends VariableTree> parameters, Symbol variable) {
    return parameters.stream().anyMatch(parameter -> variable.equals(getSymbol(parameter)));
  }

  /** {@code operationComplete(future)} of a class that implements the listener interface. */
  private static boolean isOperationComplete(MethodSymbol method, VisitorState state) {
    return method != null
        && method.getSimpleName().contentEquals(LISTENER_METHOD)
        && method.getParameters().size() == 1
        && !method.isStatic()
        && Supertypes.isSubtypeOf(method.enclClass().type, LISTENER, state);
  }
}
