package dev.cancelguard.analysis.tasks;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.interrupts.ClosedNativeWaits;
import dev.cancelguard.analysis.interrupts.Polls;
import dev.cancelguard.analysis.interrupts.UnreadThrowingCalls;
import dev.cancelguard.analysis.interrupts.UnstoppableLoops;
import java.util.Set;

/**
 * The task loops LoopWithoutCancellationPoint reports as loops nothing can stop, asked from the
 * same shared questions it asks, in the same order: a loop that is neither a polling loop nor a
 * sweep over futures ({@link Polls}), in code that runs as a task ({@link Tasks#runsAsTask}), that
 * its own code cannot end and that has no stop flag at all ({@link
 * UnstoppableLoops#unboundedStopFlags} empty: {@code while (true)}, {@code for (;;)}, no way out
 * but in a catch), that does no stream or socket I/O ({@link CancellationPoints#containsIoCall}),
 * blocks in no native call on a handle its class closes ({@link ClosedNativeWaits}), and that no
 * cancellation point ends ({@link CancellationPoints#reactionOf}, with the same options), and whose
 * every round does not call a method of another library's type that may throw the interrupt's
 * exception out of it ({@link UnreadThrowingCalls}, asked as that check asks it: where no catch in
 * the loop swallows an interrupt). Such a loop is that check's finding whatever thread runs it.
 *
 * <p>Only a part of what that check reports is answered here (a polling loop, a loop with stop
 * flags and a task's main CPU work are judged by it on other terms, and are not taken for such a
 * loop): a check that leaves a loop to it asks only where the answer is sure.
 */
public final class UnstoppableTaskLoops {
  private UnstoppableTaskLoops() {}

  /** True if LoopWithoutCancellationPoint reports the loop at {@code loopPath} as above. */
  public static boolean isReportedAsUnstoppable(
      TreePath loopPath, VisitorState state, CancelGuardOptions options) {
    if (!(loopPath.getLeaf() instanceof StatementTree loop)
        || Polls.pollingLoop(loopPath, state) != null
        || Polls.futureSweepPoll(loopPath, state) != null) {
      return false;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(loopPath);
    return codeUnit != null
        && Tasks.runsAsTask(codeUnit, state)
        && neverEndsOnTheInterrupt(loopPath, state, options)
        && !(CancellationPoints.reactionOf(loopPath, state, options).swallowingCatch() == null
            && UnreadThrowingCalls.everyRoundCallsAnUnreadWaitThatLeaves(loopPath, state));
  }

  /**
   * True if the loop at {@code loopPath} (a {@code while}, {@code do} or {@code for} loop) can
   * never end, not even on an interrupt, whatever thread runs it: its own code cannot end it and it
   * has no stop flag at all ({@code while (true)}, {@code for (;;)}, no {@code break} or {@code
   * return} outside a catch), it does no stream or socket I/O and blocks in no native call on a
   * handle its class closes (closing those may end it), and no cancellation point in it ends it
   * (none at all, or a catch that swallows the {@code InterruptedException} and goes round again).
   * {@code state} must be at a path of the loop's own file. The same questions as {@link
   * #isReportedAsUnstoppable}, without asking where the loop runs: a caller that already knows the
   * loop is a task's asks this.
   */
  public static boolean neverEndsOnTheInterrupt(
      TreePath loopPath, VisitorState state, CancelGuardOptions options) {
    if (!(loopPath.getLeaf() instanceof StatementTree loop)) {
      return false;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(loopPath);
    Set<Symbol> stopFlags = UnstoppableLoops.unboundedStopFlags(loop, loopPath);
    return codeUnit != null
        && stopFlags != null
        && stopFlags.isEmpty()
        && !CancellationPoints.containsIoCall(loop, state)
        && !ClosedNativeWaits.blocksOnAHandleTheClassCloses(loopPath, codeUnit.getLeaf())
        && !CancellationPoints.reactionOf(loopPath, state, options).stops();
  }
}
