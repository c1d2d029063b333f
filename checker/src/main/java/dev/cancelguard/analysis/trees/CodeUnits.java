package dev.cancelguard.analysis.trees;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import org.jspecify.annotations.Nullable;

/** The code unit (a method or lambda body) a tree belongs to: the scope of a path question. */
public final class CodeUnits {
  private CodeUnits() {}

  /** The innermost method or lambda enclosing {@code path}, as a path; null at class level. */
  public static @Nullable TreePath enclosing(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree) {
        return p;
      }
      if (leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  /**
   * The body of a code unit: a method's block (null when abstract or native), a lambda's block or
   * expression; null for any other tree.
   */
  public static @Nullable Tree bodyOf(Tree codeUnit) {
    return switch (codeUnit) {
      case MethodTree method -> method.getBody();
      case LambdaExpressionTree lambda -> lambda.getBody();
      default -> null;
    };
  }
}
