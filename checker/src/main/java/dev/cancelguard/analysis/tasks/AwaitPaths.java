package dev.cancelguard.analysis.tasks;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.Tree;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.trees.HelperChain;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;

/**
 * The await question of {@code CancelWithoutAwait} as a {@link FactFlow} question: after a cancel
 * ({@code shutdown}, {@code interrupt}, {@code cancel}) — or a timed wait whose result was dropped
 * — is there a path on which the code uses what the cancelled work still uses before anything waits
 * for that work to finish?
 *
 * <p>Three facts: {@link AwaitSpec#REACHED} holds on every path, {@link AwaitSpec#RUNNING} where
 * work may run on the target, {@link AwaitSpec#PENDING} where it was cancelled and may still run.
 * The cancel turns a running target into a pending one (nothing happens when nothing runs: a local
 * executor before any submission); a submission or {@code start()} makes it run; a wait for it
 * (awaitTermination, close, join, a future's result, a signal the tasks give, a configured awaiter,
 * a loop left only once it terminated, a for-each loop whose body waits on every path, closing it
 * as a resource) removes both. A use — releasing or reading what the work uses, or, where leaving
 * means "it has stopped", a way out — reached with {@link AwaitSpec#PENDING} is an answer. A wait
 * for termination that is itself interrupted counts as a wait, whichever work it waited for: the
 * waiting thread was asked to stop, and restoring the flag and going on is the accepted idiom. Only
 * checked exceptions are followed. Calls to helpers of the same file are followed: their effect on
 * the facts by {@link FactFlow}'s helper summaries, their uses at the call.
 */
public final class AwaitPaths {
  /**
   * The question for one cancel.
   *
   * @param target what was cancelled
   * @param site the cancel (or the dropped timed wait) that makes the work pending
   * @param startsIdle true when nothing runs on the target at the start of the body (a local
   *     executor created there)
   * @param exitIsUse true when leaving the body counts as a use
   * @param uses what the target's work uses
   */
  public record Question(
      CancelTarget target, Tree site, boolean startsIdle, boolean exitIsUse, TaskUses uses) {}

  private AwaitPaths() {}

  /**
   * The uses, in source order, that some path from the question's site reaches before a wait.
   *
   * @param body a method body, or a lambda body (block or expression)
   */
  public static ImmutableList<AwaitUse> usesBeforeWait(
      Tree body, Question question, VisitorState state, CancelGuardOptions options) {
    AwaitSpec.Context context =
        new AwaitSpec.Context(
            state, options, question.uses(), HelperChain.start(), new HashSet<>());
    AwaitSpec spec = new AwaitSpec(context, question.target(), question.site(), Map.of(), body);
    long initial = AwaitSpec.REACHED | (question.startsIdle() ? 0 : AwaitSpec.RUNNING);
    return spec.usesIn(body, initial, question.exitIsUse(), context.chain()).stream()
        .sorted(
            Comparator.comparingInt((AwaitUse u) -> u.position(state))
                .thenComparing(AwaitUse::kind))
        .collect(ImmutableList.toImmutableList());
  }
}
