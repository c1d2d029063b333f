package dev.cancelguard.analysis.trees;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreePathScanner;

/** {@link NestedCodeSkipper} for scans that need the path of what they visit. */
public abstract class NestedCodePathSkipper extends TreePathScanner<Void, Void> {
  @Override
  public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
    return null;
  }

  @Override
  public Void visitClass(ClassTree classTree, Void unused) {
    return null;
  }
}
