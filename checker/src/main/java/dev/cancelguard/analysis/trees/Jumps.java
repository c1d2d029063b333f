package dev.cancelguard.analysis.trees;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.YieldTree;

/** Jump statements inside a statement, outside nested code (lambda and class bodies). */
public final class Jumps {
  private Jumps() {}

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
}
