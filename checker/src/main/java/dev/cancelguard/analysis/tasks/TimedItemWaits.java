package dev.cancelguard.analysis.tasks;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;

/**
 * A loop that walks through items and, for each, waits at most until a timeout whose expiry the
 * code takes in its stride: {@code for (f : pending) { try { f.get(rest, MILLISECONDS); } catch
 * (TimeoutException e) { log(..); } catch (Throwable t) { } if (!f.isDone()) fail(f); }}. The wait
 * is optional there — the code already goes on when it ends without the result — and each round is
 * a new item, so the loop ends by itself. A restore at the top of the catch makes the remaining
 * waits end at once, as a timeout would, and the loop finishes promptly; recorded and restored
 * after the loop instead, the interrupted thread would still wait for every remaining item.
 */
final class TimedItemWaits {
  private TimedItemWaits() {}

  /**
   * True if the catch at {@code catchPath} sits in {@code loop}, a walk through items ({@link
   * Loops#walksThroughItems}), its try statement also catches {@code TimeoutException} and goes on,
   * every call of the loop that may fail when interrupted lies in that try's block (so the restored
   * flag ends it into this very catch), and nothing after the loop may fail.
   */
  static boolean restoreInPlace(
      TreePath catchPath,
      TreePath loop,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (!Loops.walksThroughItems(loop.getLeaf())
        || !(catchPath.getParentPath().getLeaf() instanceof TryTree tryTree)
        || !tryTree.getResources().isEmpty()
        || !catchesTimeoutAndGoesOn(tryTree, state)) {
      return false;
    }
    boolean[] failsElsewhere = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void scan(Tree tree, Void unused) {
        // The guarded block: what fails there ends in this catch, which restores again.
        return failsElsewhere[0] || tree == tryTree.getBlock() ? null : super.scan(tree, null);
      }

      @Override
      public Void visitTry(TryTree other, Void unused) {
        if (!other.getResources().isEmpty() && FailingCalls.failingClose(other, state) != null) {
          failsElsewhere[0] = true;
          return null;
        }
        return super.visitTry(other, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (FailingCalls.mayFailWhenInterrupted(call, state, options)) {
          failsElsewhere[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loop, null);
    return !failsElsewhere[0] && FailingCalls.mayFailAfter(loop, codeUnit, state, options) == null;
  }

  /** The try has a catch of {@code TimeoutException} that neither throws nor leaves the loop. */
  private static boolean catchesTimeoutAndGoesOn(TryTree tryTree, VisitorState state) {
    Type timeout = state.getTypeFromString("java.util.concurrent.TimeoutException");
    if (timeout == null) {
      return false;
    }
    for (CatchTree catchTree : tryTree.getCatches()) {
      for (Type caught : Catches.caughtTypes(catchTree)) {
        if (ASTHelpers.isSameType(caught, timeout, state)
            && catchTree.getBlock().getStatements().stream()
                .noneMatch(
                    s ->
                        s.getKind() == Tree.Kind.THROW
                            || s.getKind() == Tree.Kind.RETURN
                            || s.getKind() == Tree.Kind.BREAK)) {
          return true;
        }
      }
    }
    return false;
  }
}
