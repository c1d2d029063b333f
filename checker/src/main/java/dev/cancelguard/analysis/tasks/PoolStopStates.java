package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A pool's own shut-down state as the stop flag of the wake-up protocol ({@link WakeUps}): the
 * JDK's pools put themselves in their shut-down state in {@code shutdownNow()} before they
 * interrupt their threads, so a task of the pool that tests {@code pool.isShutdown()} (or {@code
 * isTerminating()}) after the interrupt reads a flag its class wrote first ({@code
 * pool.shutdownNow()}), as {@code running = false; worker.interrupt();} writes {@code running}.
 * Sound only when that {@code shutdownNow()} is all that can interrupt the task: the task runs on
 * that one pool and no other, the pool is kept to the file (no future of its tasks kept, the pool
 * not handed out), and the file interrupts no other thread ({@link
 * PrivateExecutors#runsOnlyOnAPoolOnlyItsShutdownNowInterrupts}). {@code isTerminated()} is no such
 * flag: a pool is not terminated while one of its tasks still runs.
 */
public final class PoolStopStates {
  private PoolStopStates() {}

  /**
   * True if {@code condition} has the value {@code whenStopped} as soon as a pool is shut down, by
   * its test of that pool's {@code isShutdown()} or {@code isTerminating()} ({@code
   * pool.isShutdown()} or {@code a || pool.isShutdown()} for {@code true}, {@code
   * !pool.isShutdown()} or {@code a && !pool.isShutdown()} for {@code false}), and the code unit is
   * a task that runs only on that pool and that only the pool's own {@code shutdownNow()} can
   * interrupt.
   */
  public static boolean testsTheStopOfItsOwnPool(
      ExpressionTree condition,
      boolean whenStopped,
      @Nullable TreePath codeUnit,
      VisitorState state) {
    if (codeUnit == null) {
      return false;
    }
    Set<VarSymbol> pools = new HashSet<>();
    collectPoolsTested(condition, whenStopped, pools, state);
    return pools.stream()
        .anyMatch(
            pool ->
                PrivateExecutors.runsOnlyOnAPoolOnlyItsShutdownNowInterrupts(
                    codeUnit, pool, state));
  }

  /**
   * The pools whose shut-down makes {@code condition} take the value {@code whenStopped}, whatever
   * the rest of it reads.
   */
  private static void collectPoolsTested(
      @Nullable ExpressionTree condition,
      boolean whenStopped,
      Set<VarSymbol> pools,
      VisitorState state) {
    ExpressionTree stripped = Expressions.strip(condition);
    switch (stripped) {
      case MethodInvocationTree call
          when whenStopped
              && call.getArguments().isEmpty()
              && ExecutorCalls.IS_SHUT_DOWN_OR_TERMINATING.matches(call, state)
              && Expressions.variableOf(getReceiver(call)) instanceof VarSymbol pool ->
          pools.add(pool);
      case UnaryTree not when not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT ->
          collectPoolsTested(not.getExpression(), !whenStopped, pools, state);
      // `a || stopped` is true once stopped is; `a && !stopped` is false once stopped is.
      case BinaryTree either
          when (either.getKind() == Tree.Kind.CONDITIONAL_OR && whenStopped)
              || (either.getKind() == Tree.Kind.CONDITIONAL_AND && !whenStopped) -> {
        collectPoolsTested(either.getLeftOperand(), whenStopped, pools, state);
        collectPoolsTested(either.getRightOperand(), whenStopped, pools, state);
      }
      case null, default -> {}
    }
  }
}
