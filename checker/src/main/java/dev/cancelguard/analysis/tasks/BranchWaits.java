package dev.cancelguard.analysis.tasks;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.CallScans;
import org.jspecify.annotations.Nullable;

/**
 * A cancel in one branch of an {@code if} whose other branch waits for the same work: {@code if
 * (interrupted) { executor.shutdown(); // shutdown but not wait } else { shutdownAndWait(executor);
 * }}. The code chose, on this path, to leave the work running; a wait inserted there would undo
 * that choice (an interrupted close that returns at once would wait after all).
 */
public final class BranchWaits {
  private BranchWaits() {}

  /**
   * The {@code if} around the cancel at {@code cancel} (inside {@code codeUnit}, not in nested
   * code) whose other branch waits for {@code target}; null if there is none.
   */
  public static @Nullable IfTree otherBranchWaits(
      TreePath cancel,
      TreePath codeUnit,
      CancelTarget target,
      CancelGuardOptions options,
      VisitorState state) {
    Tree child = cancel.getLeaf();
    for (TreePath p = cancel.getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        child = p.getLeaf(), p = p.getParentPath()) {
      if (!(p.getLeaf() instanceof IfTree ifTree)) {
        continue;
      }
      StatementTree other =
          child == ifTree.getThenStatement()
              ? ifTree.getElseStatement()
              : child == ifTree.getElseStatement() ? ifTree.getThenStatement() : null;
      if (other != null
          && CallScans.anyCallOutsideNestedCode(
              other, call -> waitsFor(call, target, options, state))) {
        return ifTree;
      }
    }
    return null;
  }

  private static boolean waitsFor(
      MethodInvocationTree call,
      CancelTarget target,
      CancelGuardOptions options,
      VisitorState state) {
    return Terminations.isWaitFor(call, target, TaskUses.none(), false, options, state);
  }
}
