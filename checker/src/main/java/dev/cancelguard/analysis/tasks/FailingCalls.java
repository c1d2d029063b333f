package dev.cancelguard.analysis.tasks;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.BlockingCalls;
import dev.cancelguard.analysis.interrupts.BlockingHelpers;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import org.jspecify.annotations.Nullable;

/**
 * Calls that fail at once when the interrupt flag is set, where a restore would make them throw or
 * spin: under a tree (not in nested code), in the statements after a point, in a {@code finally}
 * around a catch. A call fails by itself ({@link BlockingCalls}) or by a wait in its own code
 * wherever it is declared ({@link BlockingHelpers}).
 */
final class FailingCalls {
  private FailingCalls() {}

  /** Statements after {@code path} in the blocks up to the code unit hold a call that fails. */
  static boolean blocksAfter(
      TreePath path, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    return failingCallAfter(path, codeUnit, state, options) != null;
  }

  /**
   * The first call that fails when interrupted in the statements after {@code path}, in the blocks
   * around it up to the code unit.
   */
  static @Nullable Tree failingCallAfter(
      TreePath path, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    for (TreePath p = path;
        p != null && p.getParentPath() != null && p != codeUnit;
        p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof BlockTree block) {
        boolean after = false;
        for (StatementTree statement : block.getStatements()) {
          Tree call = after ? failingCall(statement, state, options) : null;
          if (call != null) {
            return call;
          }
          // A return or throw after the catch: what comes later is not reached from it.
          if (after
              && (statement.getKind() == Tree.Kind.RETURN
                  || statement.getKind() == Tree.Kind.THROW)) {
            return null;
          }
          after |= statement == p.getLeaf();
        }
      }
    }
    return null;
  }

  /**
   * A call in a {@code finally} around the catch (in the code unit) that fails when interrupted.
   */
  static @Nullable Tree blockingCallInEnclosingFinally(
      TreePath catchPath, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    for (TreePath p = catchPath; p != null && p != codeUnit; p = p.getParentPath()) {
      TreePath parent = p.getParentPath();
      if (parent != null
          && parent.getLeaf() instanceof TryTree tryTree
          && tryTree.getFinallyBlock() != null
          && p.getLeaf() != tryTree.getFinallyBlock()) {
        Tree call = failingCall(tryTree.getFinallyBlock(), state, options);
        if (call != null) {
          return call;
        }
      }
      if (parent != null && parent.getLeaf() == codeUnit.getLeaf()) {
        break;
      }
    }
    return null;
  }

  /** True if code under {@code tree} (not in nested code) fails at once when interrupted. */
  public static boolean blocksWhenInterrupted(
      Tree tree, VisitorState state, CancelGuardOptions options) {
    return failingCall(tree, state, options) != null;
  }

  /**
   * The first call under {@code tree} (not in nested code) that fails when interrupted: by itself,
   * or by a wait in its own code wherever it is declared ({@link BlockingHelpers}: a {@code
   * server.shutdown()} that joins a worker thread).
   */
  static @Nullable Tree failingCall(Tree tree, VisitorState state, CancelGuardOptions options) {
    Tree[] found = new Tree[1];
    new NestedCodeSkipper() {
      @Override
      public Void scan(Tree node, Void unused) {
        return found[0] != null ? null : super.scan(node, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && failsWhenInterrupted(call, state, options)) {
          found[0] = call;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  /** True if the (resolved) call fails when interrupted, by itself or by a wait in its code. */
  static boolean failsWhenInterrupted(
      MethodInvocationTree call, VisitorState state, CancelGuardOptions options) {
    return BlockingCalls.failsWhenInterrupted(call, state, options)
        || BlockingHelpers.callBlocksInside(call, state);
  }
}
