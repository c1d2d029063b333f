package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getType;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The instance monitors a {@code synchronized} block takes, named as a {@code synchronized}
 * instance method's is: by the class of the instance. Only {@code synchronized (this)} and {@code
 * synchronized (Outer.this)} name one; a lock on any other object (a field, {@code X.class}, a
 * parameter) is another lock.
 */
final class InstanceMonitors {
  private InstanceMonitors() {}

  /**
   * The class whose instance monitor {@code sync} takes: the type of {@code this} or of {@code
   * Outer.this}; null for a lock on anything else.
   */
  static @Nullable ClassSymbol lockedBy(SynchronizedTree sync) {
    ExpressionTree lock = Expressions.strip(sync.getExpression());
    boolean namesThis =
        lock instanceof IdentifierTree id && id.getName().contentEquals("this")
            || lock instanceof MemberSelectTree select
                && select.getIdentifier().contentEquals("this");
    if (!namesThis) {
      return null;
    }
    Type type = getType(lock);
    return type != null && type.tsym instanceof ClassSymbol owner ? owner : null;
  }

  /**
   * The {@code synchronized (this)} and {@code synchronized (Outer.this)} blocks of {@code
   * codeUnit}'s own code that enclose {@code path}, innermost first. A lambda or class in between
   * runs later, elsewhere, without the lock: the walk stops there.
   */
  static List<SynchronizedTree> enclosing(TreePath path, TreePath codeUnit) {
    List<SynchronizedTree> blocks = new ArrayList<>();
    Tree child = path.getLeaf();
    for (TreePath up = path.getParentPath();
        up != null && child != codeUnit.getLeaf();
        child = up.getLeaf(), up = up.getParentPath()) {
      Tree leaf = up.getLeaf();
      if (leaf == codeUnit.getLeaf()) {
        break;
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return List.of();
      }
      if (leaf instanceof SynchronizedTree sync
          && sync.getBlock() == child
          && lockedBy(sync) != null) {
        blocks.add(sync);
      }
    }
    return blocks;
  }

  /** True if {@code tree} lies in the source of {@code sync}'s block. */
  static boolean within(Tree tree, SynchronizedTree sync, VisitorState state) {
    int start = getStartPosition(tree);
    int end = state.getEndPosition(tree);
    return start >= getStartPosition(sync.getBlock())
        && end >= 0
        && end <= state.getEndPosition(sync.getBlock());
  }
}
