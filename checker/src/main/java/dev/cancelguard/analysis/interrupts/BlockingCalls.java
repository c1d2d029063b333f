package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.jdk.ChannelCalls;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;

/**
 * Which calls block, and what they do with the interrupt flag: the calls that fail at once when the
 * flag is set (they throw {@link InterruptedException}, or are I/O on an interruptible channel,
 * which closes it), the call that clears it, and the waits that have no deadline.
 */
public final class BlockingCalls {
  private BlockingCalls() {}

  /**
   * True if the call gives up as soon as it would wait while the interrupt flag is set: it throws
   * {@link InterruptedException} ({@code sleep}, {@code join}, {@code awaitTermination}, {@code
   * take}, {@code Future.get}, ...), it is I/O on an interruptible channel (it throws {@code
   * ClosedByInterruptException} and closes the channel), or it is a configured cancellation point
   * that throws ({@code -XepOpt:CancelGuard:CancellationPoints}). Reading the flag ({@code
   * isInterrupted()}) is not failing.
   */
  public static boolean failsWhenInterrupted(
      ExpressionTree tree, VisitorState state, CancelGuardOptions options) {
    if (!(stripParentheses(tree) instanceof MethodInvocationTree call)) {
      return false;
    }
    if (Interrupts.throwsInterruptedException(call, state)
        || isInterruptibleChannelIo(call, state)) {
      return true;
    }
    return Expressions.isResolved(call)
        && options.isCancellationPoint(getSymbol(call))
        && !ThreadCalls.IS_INTERRUPTED.matches(call, state)
        && !ThreadCalls.INTERRUPTED.matches(call, state);
  }

  /**
   * True if the call is I/O on a channel that implements {@code InterruptibleChannel} (a {@code
   * FileChannel}, {@code SocketChannel}, ...): when the thread is interrupted the channel is closed
   * and the call throws {@code ClosedByInterruptException}.
   */
  public static boolean isInterruptibleChannelIo(MethodInvocationTree call, VisitorState state) {
    return ChannelCalls.INTERRUPTIBLE_CHANNEL_IO.matches(call, state);
  }

  /** True if the call clears the interrupt flag: {@code Thread.interrupted()}. */
  public static boolean clearsInterrupt(ExpressionTree tree, VisitorState state) {
    return stripParentheses(tree) instanceof MethodInvocationTree call
        && ThreadCalls.INTERRUPTED.matches(call, state);
  }

  /**
   * True if the call waits with no deadline: {@code Future.get()}, {@code
   * CompletableFuture.join()}, {@code CountDownLatch.await()}, {@code Thread.join()}.
   */
  public static boolean isUnboundedWait(ExpressionTree tree, VisitorState state) {
    return stripParentheses(tree) instanceof MethodInvocationTree call
        && SyncCalls.UNBOUNDED_WAIT.matches(call, state);
  }
}
