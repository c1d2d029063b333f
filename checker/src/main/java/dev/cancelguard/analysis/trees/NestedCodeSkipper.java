package dev.cancelguard.analysis.trees;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreeScanner;

/** A scanner that does not enter lambda bodies or class bodies: that code runs elsewhere. */
public abstract class NestedCodeSkipper extends TreeScanner<Void, Void> {
  @Override
  public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
    return null;
  }

  @Override
  public Void visitClass(ClassTree classTree, Void unused) {
    return null;
  }
}
