package dev.cancelguard.analysis.tasks;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.tree.JCTree.JCContinue;
import dev.cancelguard.analysis.trees.Loops;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The stop-flag wake-up protocol of {@link WakeUps}, with the flag tested right after the catch
 * rather than by the loop around it: {@code running = false; worker.interrupt();} in the file's
 * stop, and in the worker a catch that falls through into {@code if (!running) continue mainLoop;}
 * (or a {@code return}, {@code break} or {@code throw}). The catch sits in a loop nested in the
 * stop loop (a walk over this round's items) whose own test reads no stop flag, or in no loop; the
 * interrupt that comes with the flag is taken at once by the test that follows, as when the catch
 * itself tests the flag and leaves ({@link WakeUps#testsStopFlagAndLeaves}).
 */
public final class FlagTestsAfterCatches {
  private FlagTestsAfterCatches() {}

  /**
   * True if, after the statement at {@code statementPath} (a {@code try} whose catches fall
   * through), the next statement that runs is an {@code if} with no {@code else} whose condition
   * reads a stop flag of this file's wake-up protocol (a field set where a thread is interrupted,
   * read directly or through a no-argument method of the file that no subclass can replace) and
   * whose branch leaves: returns, breaks, throws, or continues a loop whose own test reads such a
   * flag. Getting there, the statement may end only blocks, the branches of an {@code if}, a
   * labelled statement or a {@code try} with no {@code finally}; never a loop's body (that is the
   * loop's test, {@link WakeUps#isWakeUpOfStopFlagLoop}), a lambda, a class or the method.
   */
  public static boolean fallsIntoAStopFlagTestThatLeaves(
      TreePath statementPath, VisitorState state) {
    return fallsIntoAStopFlagTestThatLeaves(statementPath, null, state);
  }

  /**
   * {@link #fallsIntoAStopFlagTestThatLeaves(TreePath, VisitorState)}, where the test may also read
   * the shut-down state of the one pool the code unit runs on, which only that pool's own {@code
   * shutdownNow()} can interrupt, and leave when it is set ({@link PoolStopStates}): {@code if
   * (pool.isShutdown()) return;} after the catch, in a task of {@code pool}.
   */
  public static boolean fallsIntoAStopFlagTestThatLeaves(
      TreePath statementPath, @Nullable TreePath codeUnit, VisitorState state) {
    for (TreePath p = statementPath; p.getParentPath() != null; p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      switch (parent) {
        case BlockTree block -> {
          List<? extends StatementTree> statements = block.getStatements();
          int index = statements.indexOf(p.getLeaf());
          if (index < 0) {
            return false;
          }
          if (index + 1 < statements.size()) {
            return statements.get(index + 1) instanceof IfTree next
                && next.getElseStatement() == null
                && testsStopFlagAndLeaves(next, p.getParentPath(), codeUnit, state);
          }
        }
        case IfTree ifTree -> {
          if (ifTree.getCondition() == p.getLeaf()) {
            return false;
          }
        }
        case TryTree tryTree -> {
          if (tryTree.getFinallyBlock() != null || !tryTree.getResources().isEmpty()) {
            return false;
          }
        }
        case LabeledStatementTree labeled -> {}
        default -> {
          return false;
        }
      }
    }
    return false;
  }

  private static boolean testsStopFlagAndLeaves(
      IfTree test, TreePath blockPath, @Nullable TreePath codeUnit, VisitorState state) {
    StatementTree last = test.getThenStatement();
    while (last instanceof BlockTree block && !block.getStatements().isEmpty()) {
      last = block.getStatements().getLast();
    }
    if (WakeUps.leaves(last)
        && PoolStopStates.testsTheStopOfItsOwnPool(
            test.getCondition(), /* whenStopped= */ true, codeUnit, state)) {
      return true;
    }
    Set<Symbol> flags = WakeUps.stopStateReadBy(test.getCondition(), state);
    if (flags.isEmpty() || !WakeUps.isSetWhereAThreadIsInterrupted(flags, state)) {
      return false;
    }
    if (WakeUps.leaves(last)) {
      return true;
    }
    if (!(last instanceof ContinueTree) || !(((JCContinue) last).target instanceof Tree target)) {
      return false;
    }
    for (TreePath p = blockPath; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf == target) {
        ExpressionTree condition = Loops.isLoop(leaf) ? WakeUps.loopCondition(leaf) : null;
        if (condition == null) {
          return false;
        }
        Set<Symbol> loopFlags = WakeUps.stopStateReadBy(condition, state);
        return !loopFlags.isEmpty() && WakeUps.isSetWhereAThreadIsInterrupted(loopFlags, state);
      }
    }
    return false;
  }
}
