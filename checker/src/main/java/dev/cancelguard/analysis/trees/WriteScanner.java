package dev.cancelguard.analysis.trees;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePathScanner;

/**
 * A scanner that is told of every variable the scanned code writes with {@code =}, a compound
 * assignment, {@code ++} or {@code --}: the one place that says what a write is, for the analyses
 * that ask which variables some code changes.
 */
public abstract class WriteScanner extends TreePathScanner<Void, Void> {
  /**
   * Called with the written expression (a variable, a field access, an array element) and the
   * write: the assignment, compound assignment, increment or decrement (or whatever tree a subclass
   * takes for a write, such as an atomic's {@code set} call).
   */
  protected abstract void written(ExpressionTree variable, ExpressionTree write);

  @Override
  public Void visitAssignment(AssignmentTree tree, Void unused) {
    written(tree.getVariable(), tree);
    return super.visitAssignment(tree, null);
  }

  @Override
  public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
    written(tree.getVariable(), tree);
    return super.visitCompoundAssignment(tree, null);
  }

  @Override
  public Void visitUnary(UnaryTree tree, Void unused) {
    switch (tree.getKind()) {
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
          written(tree.getExpression(), tree);
      default -> {}
    }
    return super.visitUnary(tree, null);
  }
}
