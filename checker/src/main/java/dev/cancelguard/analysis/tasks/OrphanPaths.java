package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.flow.FactFlow.factsOf;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.flow.FactFlow.Raise;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.tasks.SubtaskGroup.Member;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The path question for a {@link SubtaskGroup}: which ways out of the code unit leave some of its
 * sub-tasks running, neither waited for nor cancelled. One fact per member, "still running and
 * nobody will wait for it or cancel it", raised by a wait that fails (for its siblings) or is
 * interrupted, by an interruptible call while members run, and by {@code throw new
 * InterruptedException()}; removed by waits that settle a member, cancels, loops that cancel every
 * element, {@code shutdownNow()}/{@code close()} of the executor they were all submitted to.
 */
public final class OrphanPaths {
  private OrphanPaths() {}

  /**
   * The ways out on which members of the (numbered, see {@link SubtaskGroup#number}) group are left
   * running, each with the wait or call it comes from. Failures of waits count only among siblings
   * ({@code several}); interrupts only if {@code followInterrupts}.
   */
  public static List<Exit> leaks(SubtaskGroup group, boolean several, boolean followInterrupts) {
    FactFlow.Result result =
        FactFlow.walk(
            group.body,
            new OrphanSpec(group, several, followInterrupts),
            group.state,
            0,
            false,
            Set.of());
    return result.exits().stream().filter(e -> e.origin() != null).collect(Collectors.toList());
  }

  /** The facts: one per handle, "still running and nobody will wait for it or cancel it". */
  private static final class OrphanSpec implements FactFlow.Spec {
    private final SubtaskGroup group;
    private final boolean several;
    private final boolean followInterrupts;
    private final VisitorState state;

    OrphanSpec(SubtaskGroup group, boolean several, boolean followInterrupts) {
      this.group = group;
      this.several = several;
      this.followInterrupts = followInterrupts;
      this.state = group.state;
    }

    /** Members started before {@code position} and not yet waited for by their last wait. */
    private long live(int position) {
      return factsOf(
          group.members.values(),
          Member::mask,
          m -> m.rangeStart <= position && position < m.rangeEnd);
    }

    @Override
    public List<Raise> raises(ExpressionTree call) {
      if (!(call instanceof MethodInvocationTree invocation)) {
        return List.of();
      }
      int position = getStartPosition(call);
      List<Member> waited = group.waitsFor.get(call);
      if (waited == null || waited.isEmpty()) {
        long live = live(position) & ~cancelledBefore(call);
        return live != 0
                && followInterrupts
                && Interrupts.throwsInterruptedException(invocation, state)
            ? List.of(new Raise(Interrupts.interruptedExceptionType(state), live))
            : List.of();
      }
      // A member cancelled before this wait on every path is not left running unasked if the wait
      // fails: `t.interrupt(); t.join();` in a finally.
      long live =
          (live(position) | factsOf(waited, Member::mask, m -> true)) & ~cancelledBefore(call);
      // A wait that failed: the future waited for is done (a collection still has the rest).
      long failedDone =
          factsOf(waited, Member::mask, m -> !m.collection && !group.combinedWaits.contains(call));
      List<Raise> raises = new ArrayList<>();
      Type interrupted = Interrupts.interruptedExceptionType(state);
      Type methodType = getType(invocation.getMethodSelect());
      List<Type> thrown = methodType == null ? List.of() : methodType.getThrownTypes();
      for (Type type : thrown) {
        if (isSubtype(type, interrupted, state)) {
          if (followInterrupts) {
            raises.add(new Raise(type, live));
          }
        } else if (several) {
          raises.add(new Raise(type, live & ~failedDone));
        }
      }
      if (several
          && (Subtasks.isJoinOfCompletableFuture(call, state)
              || group.combinedWaits.contains(call))) {
        Type completion = state.getTypeFromString("java.util.concurrent.CompletionException");
        if (completion != null) {
          raises.add(new Raise(completion, live & ~failedDone));
        }
      }
      return raises;
    }

    /**
     * Members a statement cancels that runs before {@code call} on every path: an earlier statement
     * of a block that holds the call, up to the code unit's body.
     */
    private long cancelledBefore(ExpressionTree call) {
      TreePath path = TreePath.getPath(group.path, call);
      long cancelled = 0;
      for (TreePath p = path;
          p != null && p.getParentPath() != null && p.getLeaf() != group.body;
          p = p.getParentPath()) {
        if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
          break;
        }
        if (p.getParentPath().getLeaf() instanceof BlockTree block) {
          for (StatementTree statement : block.getStatements()) {
            if (statement == p.getLeaf()) {
              break;
            }
            cancelled |= cancelledBy(statement);
          }
        }
      }
      return cancelled;
    }

    /**
     * Members the statement cancels whole: `t.interrupt();`, `f.cancel(true);`, a cancelling loop.
     */
    private long cancelledBy(StatementTree statement) {
      long cancelled = killedByStatement(statement);
      if (statement instanceof ExpressionStatementTree expression) {
        cancelled |=
            factsOf(
                group.members.values(),
                Member::mask,
                m -> m.cancels.contains(expression.getExpression()));
      }
      return cancelled;
    }

    @Override
    public long addedByThrow(ThrowTree tree) {
      // A new interrupt noticed here (`throw new InterruptedException()`), not a rethrow.
      return followInterrupts
              && stripParentheses(tree.getExpression()) instanceof NewClassTree created
              && Interrupts.isInterruptedExceptionValue(created, state)
          ? live(getStartPosition(tree))
          : 0;
    }

    @Override
    public long killedByStatement(StatementTree statement) {
      if (!(statement instanceof EnhancedForLoopTree
          || statement instanceof ForLoopTree
          || statement instanceof ExpressionStatementTree)) {
        return 0;
      }
      return factsOf(
          group.members.values(),
          Member::mask,
          m -> m.collection && Subtasks.cancelsEveryElement(statement, m.symbol, state));
    }

    @Override
    public long killedBy(ExpressionTree tree) {
      long killed = factsOf(group.members.values(), Member::mask, m -> m.cancels.contains(tree));
      List<Member> waited = group.waitsFor.get(tree);
      if (waited != null && group.settlingWaits.contains(tree)) {
        killed |= factsOf(waited, Member::mask, m -> true);
      }
      if (Subtasks.stopsAllTasksOfExecutor(tree, state)) {
        killed |= startedOn(Expressions.receiverSymbol(tree));
      }
      return killed;
    }

    @Override
    public long acquiredBy(ExpressionTree tree) {
      return factsOf(group.members.values(), Member::mask, m -> m.starts.contains(tree));
    }

    @Override
    public long killedByLoop(StatementTree loop) {
      return factsOf(group.members.values(), Member::mask, m -> m.waitingLoops.contains(loop));
    }

    @Override
    public long killedByLeaving(TryTree tryTree) {
      long killed = 0;
      for (Tree resource : tryTree.getResources()) {
        killed |= startedOn(getSymbol(resource));
      }
      return killed;
    }

    /** Members whose every start went to this executor. */
    private long startedOn(@Nullable Symbol executor) {
      return executor == null
          ? 0
          : factsOf(
              group.members.values(),
              Member::mask,
              m -> !m.mixedExecutors && executor.equals(m.executor));
    }
  }
}
