package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.Set;

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

  /**
   * Scans {@code tree}, a tree of {@code unit}, when its path is not at hand: the scan then has no
   * real ancestors, so a subclass that asks {@link #getCurrentPath()} about them must scan a path.
   */
  public final void scanWithin(CompilationUnitTree unit, Tree tree) {
    scan(new TreePath(new TreePath(unit), tree), null);
  }

  /** True if {@code tree}, a tree of {@code unit}, writes one of {@code variables}. */
  public static boolean writesAny(
      CompilationUnitTree unit, Tree tree, Set<? extends Symbol> variables) {
    boolean[] found = new boolean[1];
    new WriteScanner() {
      @Override
      protected void written(ExpressionTree variable, ExpressionTree write) {
        // An array element (`a[i] = x`) has no symbol, and Set.of(..).contains(null) throws.
        Symbol written = getSymbol(stripParentheses(variable));
        found[0] |= written != null && variables.contains(written);
      }
    }.scanWithin(unit, tree);
    return found[0];
  }

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
