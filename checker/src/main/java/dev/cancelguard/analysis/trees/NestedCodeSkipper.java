package dev.cancelguard.analysis.trees;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePathScanner;
import java.util.EnumSet;
import java.util.Set;

/**
 * A scanner that does not enter lambda bodies or class bodies: that code runs elsewhere. Started
 * from a {@link com.sun.source.util.TreePath} it knows the path of what it visits ({@link
 * #getCurrentPath()}); started from a bare tree it scans as a plain {@code TreeScanner}, with no
 * path.
 */
public abstract class NestedCodeSkipper extends TreePathScanner<Void, Void> {
  @Override
  public Void scan(Tree tree, Void unused) {
    if (tree != null && getCurrentPath() == null && !(tree instanceof CompilationUnitTree)) {
      return tree.accept(this, null); // no path to extend: a scan started from a bare tree
    }
    return super.scan(tree, null);
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
    return null;
  }

  @Override
  public Void visitClass(ClassTree classTree, Void unused) {
    return null;
  }

  /**
   * True if {@code tree} is, or holds outside lambda and class bodies, a tree of one of {@code
   * kinds}.
   */
  public static boolean containsKind(Tree tree, Tree.Kind first, Tree.Kind... rest) {
    Set<Tree.Kind> kinds = EnumSet.of(first, rest);
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void scan(Tree scanned, Void unused) {
        if (scanned != null && kinds.contains(scanned.getKind())) {
          found[0] = true;
          return null;
        }
        return found[0] ? null : super.scan(scanned, null);
      }
    }.scan(tree, null);
    return found[0];
  }
}
