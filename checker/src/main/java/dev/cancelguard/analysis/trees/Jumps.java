package dev.cancelguard.analysis.trees;

import com.google.errorprone.util.Reachability;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import java.util.function.Supplier;

/** Jump statements inside a statement, outside nested code (lambda and class bodies). */
public final class Jumps {
  private Jumps() {}

  /**
   * Error Prone's {@link Reachability#canCompleteNormally}, except that a statement holding a call
   * javac could not resolve (code that does not fully compile, analysed by the command line tool),
   * on which Error Prone's throws, is taken to complete normally, as nearly every call returns.
   */
  public static boolean canCompleteNormally(StatementTree statement) {
    try {
      return Reachability.canCompleteNormally(statement);
    } catch (IllegalArgumentException | NullPointerException unresolved) {
      return true;
    }
  }

  /**
   * True if {@code statement} contains a {@code return}, {@code break}, {@code continue} or {@code
   * yield} (and, with {@code countThrows}, a {@code throw}) outside nested code: it may end other
   * than by finishing, so code placed after it may not run. A jump whose target is inside the
   * statement counts too (the answer errs towards "may leave").
   */
  public static boolean mayLeaveEarly(StatementTree statement, boolean countThrows) {
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitThrow(ThrowTree tree, Void unused) {
        found[0] |= countThrows;
        return super.visitThrow(tree, null);
      }

      @Override
      public Void visitBreak(BreakTree tree, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree tree, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitYield(YieldTree tree, Void unused) {
        found[0] = true;
        return null;
      }
    }.scan(statement, null);
    return found[0];
  }

  /**
   * True if {@code statement} may leave what it is in: a {@code return}, or a {@code yield}, {@code
   * break} or {@code continue} outside nested code whose switch or loop is not inside the statement
   * (a labelled one always counts). Unlike {@link #mayLeaveEarly}, a jump that stays inside the
   * statement does not count.
   */
  public static boolean leavesItself(StatementTree statement) {
    boolean[] leaves = new boolean[1];
    new NestedCodeSkipper() {
      private int targets;

      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        leaves[0] = true;
        return null;
      }

      @Override
      public Void visitYield(YieldTree tree, Void unused) {
        leaves[0] |= targets == 0;
        return null;
      }

      @Override
      public Void visitBreak(BreakTree tree, Void unused) {
        leaves[0] |= targets == 0 || tree.getLabel() != null;
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree tree, Void unused) {
        leaves[0] |= targets == 0 || tree.getLabel() != null;
        return null;
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
        return inTarget(() -> super.visitWhileLoop(tree, null));
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
        return inTarget(() -> super.visitDoWhileLoop(tree, null));
      }

      @Override
      public Void visitForLoop(ForLoopTree tree, Void unused) {
        return inTarget(() -> super.visitForLoop(tree, null));
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
        return inTarget(() -> super.visitEnhancedForLoop(tree, null));
      }

      @Override
      public Void visitSwitch(SwitchTree tree, Void unused) {
        return inTarget(() -> super.visitSwitch(tree, null));
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
        return inTarget(() -> super.visitSwitchExpression(tree, null));
      }

      private Void inTarget(Supplier<Void> scanTarget) {
        targets++;
        try {
          return scanTarget.get();
        } finally {
          targets--;
        }
      }
    }.scan(statement, null);
    return leaves[0];
  }
}
