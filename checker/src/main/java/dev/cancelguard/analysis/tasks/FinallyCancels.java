package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.trees.Expressions;

/**
 * A future cancelled in the {@code finally} of a {@code try} that waits for it: {@code try {
 * future.get(timeout, unit); } finally { future.cancel(true); }}, with no catch. Code after the
 * {@code try} runs only when its block completed normally, that is after {@code get()} returned —
 * the task had finished, and the cancel did nothing. On the ways where the cancel does stop the
 * task (the timeout, an interrupt, a failure), the exception leaves through the {@code finally},
 * and nothing after it treats the task as stopped.
 */
public final class FinallyCancels {
  private FinallyCancels() {}

  /** True if the cancel at {@code cancelPath} is such a cancel of {@code target}. */
  public static boolean cancelsOnlyOnTheWayOut(
      TreePath cancelPath, CancelTarget target, VisitorState state) {
    Tree child = cancelPath.getLeaf();
    for (TreePath p = cancelPath.getParentPath();
        p != null;
        child = p.getLeaf(), p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree tryTree) {
        if (child != tryTree.getFinallyBlock()) {
          return false;
        }
        return tryTree.getCatches().isEmpty()
            && !jumpsOut(tryTree.getBlock())
            && tryTree.getBlock().getStatements().stream()
                .anyMatch(statement -> isWaitFor(statement, target, state));
      }
      if (p.getLeaf() instanceof com.sun.source.tree.MethodTree
          || p.getLeaf() instanceof com.sun.source.tree.LambdaExpressionTree
          || p.getLeaf() instanceof com.sun.source.tree.ClassTree) {
        return false;
      }
    }
    return false;
  }

  /** {@code future.get(..);} or {@code T value = future.get(..);}, as a statement of the block. */
  private static boolean isWaitFor(
      StatementTree statement, CancelTarget target, VisitorState state) {
    ExpressionTree expression =
        switch (statement) {
          case ExpressionStatementTree e -> e.getExpression();
          case VariableTree v -> v.getInitializer();
          default -> null;
        };
    return Expressions.strip(expression) instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && FutureCalls.GET.matches(call, state)
        && target.isNamedBy(getReceiver(call));
  }

  /** A {@code break} or {@code continue} in the block could skip the wait and go on after it. */
  private static boolean jumpsOut(Tree block) {
    boolean[] jumps = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree tree, Void unused) {
        jumps[0] = true;
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree tree, Void unused) {
        jumps[0] = true;
        return null;
      }
    }.scan(block, null);
    return jumps[0];
  }
}
