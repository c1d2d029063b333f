package dev.cancelguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;

/**
 * What counts as a cancellation point: a place where an interrupt is noticed. Loops and tasks
 * without one cannot be stopped by {@code cancel(true)} or {@code shutdownNow()}.
 */
public final class CancellationPoints {
  private CancellationPoints() {}

  /**
   * True if the call notices an interrupt: it throws {@link InterruptedException}, it reads the
   * flag ({@code Thread.interrupted()}, {@code isInterrupted()}), or it is configured with {@code
   * -XepOpt:CancelGuard:CancellationPoints}.
   */
  public static boolean isCancellationPoint(
      ExpressionTree tree, VisitorState state, CancelGuardOptions options) {
    if (!(stripParentheses(tree) instanceof MethodInvocationTree call)
        || !Interrupts.isResolved(call)) {
      return false;
    }
    if (Interrupts.throwsInterruptedException(call, state)
        || Interrupts.THREAD_INTERRUPTED.matches(call, state)
        || Interrupts.IS_INTERRUPTED.matches(call, state)) {
      return true;
    }
    Symbol symbol = getSymbol(call);
    return symbol != null && options.isCancellationPoint(symbol);
  }
}
