package dev.cancelguard.analysis.tasks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.tasks.SubtaskGroup.Member;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The question OrphanedSubtasks asks of a code unit (which ways out leave a sub-task it started
 * running), and the fix it offers, here so that a check whose fix wraps the same code can tell
 * whether the two fixes would meet ({@link PoolFixes}).
 */
public final class OrphanFindings {
  private OrphanFindings() {}

  /**
   * The sub-tasks of a code unit left running on some ways out.
   *
   * @param several the unit starts several sub-tasks (siblings), not one nested task
   * @param unstoppable a thread left running that no interrupt stops, or null
   * @param read the read no interrupt ends that {@code unstoppable} blocks in, or null
   */
  public record Finding(
      SubtaskGroup group,
      List<Exit> exits,
      boolean several,
      @Nullable Member unstoppable,
      @Nullable MethodInvocationTree read) {

    /**
     * The cancels inserted before every way out that leaks; where one of them cannot take them (the
     * exception propagates, a member is out of scope), the waiting code wrapped in try/finally
     * instead; none if neither fits, or for a thread no interrupt stops.
     */
    public Optional<SuggestedFix> ownFix(VisitorState state) {
      if (unstoppable != null) {
        return Optional.empty();
      }
      SuggestedFix.Builder fix = SuggestedFix.builder();
      String variable = SubtaskCancels.freshName(group);
      String futureType = futureType(fix, state);
      boolean insertable = true;
      for (Exit exit : exits) {
        if (!SubtaskCancels.insertBeforeExit(group, exit, fix, variable, futureType)) {
          insertable = false;
          break;
        }
      }
      if (insertable) {
        return Optional.of(fix.build());
      }
      SuggestedFix.Builder wrap = SuggestedFix.builder();
      return SubtaskCancels.wrapInTryFinally(group, exits, wrap, variable, futureType(wrap, state))
          ? Optional.of(wrap.build())
          : Optional.empty();
    }

    /** The statements that cancel every member, each on its own line, for a fix's finally. */
    public String cancels(SuggestedFix.Builder fix, VisitorState state) {
      String variable = SubtaskCancels.freshName(group);
      String futureType = futureType(fix, state);
      StringBuilder cancels = new StringBuilder();
      for (Member member : group.members.values()) {
        cancels.append(SubtaskCancels.cancelText(member, variable, futureType));
      }
      return cancels.toString();
    }

    private String futureType(SuggestedFix.Builder fix, VisitorState state) {
      return group.hasFutureCollection()
          ? SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.Future")
          : "Future";
    }
  }

  /**
   * The finding of a code unit (a method, or a lambda with a block body), or null when it leaves no
   * sub-task running. {@code state} stands at the code unit.
   */
  public static @Nullable Finding of(
      TreePath unitPath, VisitorState state, CancelGuardOptions options) {
    BlockTree body =
        switch (unitPath.getLeaf()) {
          case MethodTree method -> method.getBody();
          case LambdaExpressionTree lambda when lambda.getBody() instanceof BlockTree block ->
              block;
          default -> null;
        };
    if (body == null) {
      return null;
    }
    SubtaskGroup group = SubtaskGroup.collect(unitPath, body, state);
    // No sub-task started here and waited for or cancelled here (handed-on ones are the
    // receiver's, never-awaited ones are deliberately detached).
    if (group.isEmpty()) {
      return null;
    }
    // Threads nobody misses when left running: confined to this method, or a component's start
    // or stop that others rely on.
    SubtaskWork.dropWorkNotOrphaned(group);
    if (group.isEmpty()) {
      return null;
    }
    boolean several = group.hasSiblings();
    // One sub-task in an ordinary method is out of scope; in a task it is a nested task.
    if (!several && !Tasks.runsAsTask(unitPath, state)) {
      return null;
    }
    group.number();
    // The question: which ways out leave a member running, neither waited for nor cancelled?
    List<Exit> exits = OrphanPaths.leaks(group, several, !Tasks.isMainMethod(unitPath));
    if (exits.isEmpty()) {
      return null;
    }
    // A thread left running that no interrupt stops: no interrupt offered, the message says why.
    Member unstoppable = null;
    MethodInvocationTree read = null;
    for (Exit exit : exits) {
      for (Member member : group.membersIn(exit.facts())) {
        MethodInvocationTree found =
            member.isThread() ? SubtaskWork.readNoInterruptEnds(member, group, options) : null;
        if (found != null && unstoppable == null) {
          unstoppable = member;
          read = found;
        }
      }
    }
    return new Finding(group, exits, several, unstoppable, read);
  }
}
