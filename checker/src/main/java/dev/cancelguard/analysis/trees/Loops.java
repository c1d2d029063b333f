package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.tree.JCTree.JCBreak;
import com.sun.tools.javac.tree.JCTree.JCContinue;
import com.sun.tools.javac.tree.JCTree.JCYield;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a loop: its condition and body, the ways out of it, the variables it writes, and
 * whether a statement inside it lets it go round again. Code in lambdas and classes declared in the
 * loop runs elsewhere and is never looked at.
 */
public final class Loops {
  private Loops() {}

  /**
   * True for a loop that walks through items and ends by itself (a for-each, a {@code for} with a
   * condition and an update, or one whose condition is {@code it.hasNext()}); false for one that
   * goes round until something happens (a retry, a poll, a thread's loop).
   */
  public static boolean walksThroughItems(Tree loop) {
    return loop instanceof EnhancedForLoopTree
        || (loop instanceof ForLoopTree forLoop
            && forLoop.getCondition() != null
            && (!forLoop.getUpdate().isEmpty() || callsHasNext(forLoop.getCondition())));
  }

  /** {@code it.hasNext()}: a walk over an iterator that the body advances. */
  private static boolean callsHasNext(ExpressionTree condition) {
    return stripParentheses(condition) instanceof MethodInvocationTree call
        && getSymbol(call) instanceof MethodSymbol method
        && method.getSimpleName().contentEquals("hasNext")
        && call.getArguments().isEmpty();
  }

  /** True for while, do-while, for and for-each loops. */
  public static boolean isLoop(Tree tree) {
    return tree instanceof WhileLoopTree
        || tree instanceof DoWhileLoopTree
        || tree instanceof ForLoopTree
        || tree instanceof EnhancedForLoopTree;
  }

  /** The loop's condition without parentheses; null for {@code for (;;)} and for-each loops. */
  public static @Nullable ExpressionTree condition(Tree loop) {
    ExpressionTree condition =
        switch (loop) {
          case WhileLoopTree w -> w.getCondition();
          case DoWhileLoopTree d -> d.getCondition();
          case ForLoopTree f -> f.getCondition();
          default -> null;
        };
    return condition == null ? null : stripParentheses(condition);
  }

  /** The loop's body. */
  public static StatementTree body(Tree loop) {
    return switch (loop) {
      case WhileLoopTree w -> w.getStatement();
      case DoWhileLoopTree d -> d.getStatement();
      case ForLoopTree f -> f.getStatement();
      case EnhancedForLoopTree e -> e.getStatement();
      default -> throw new IllegalArgumentException("not a loop: " + loop.getKind());
    };
  }

  /** True if the expression is the compile-time constant {@code true}. */
  public static boolean isConstantTrue(@Nullable ExpressionTree condition) {
    return condition != null && Boolean.TRUE.equals(constValue(stripParentheses(condition)));
  }

  /**
   * True for {@code while (true)}, {@code do ... while (true)} and {@code for (..;;..)}: a loop
   * that its condition never ends.
   */
  public static boolean hasNoExitCondition(Tree loop) {
    if (loop instanceof EnhancedForLoopTree) {
      return false;
    }
    ExpressionTree condition = condition(loop);
    return condition == null || isConstantTrue(condition);
  }

  /** True if the tree contains a loop (outside lambdas and local classes). */
  public static boolean containsLoop(Tree tree) {
    return NestedCodeSkipper.containsKind(
        tree,
        Tree.Kind.WHILE_LOOP,
        Tree.Kind.DO_WHILE_LOOP,
        Tree.Kind.FOR_LOOP,
        Tree.Kind.ENHANCED_FOR_LOOP);
  }

  /**
   * The variables the loop assigns ({@code =}, compound assignment, {@code ++}, {@code --}) in its
   * condition, update or body, including from lambdas inside it.
   */
  public static ImmutableSet<Symbol> writtenVariables(TreePath loopPath) {
    ImmutableSet.Builder<Symbol> written = ImmutableSet.builder();
    new WriteScanner() {
      @Override
      protected void written(ExpressionTree variable, ExpressionTree write) {
        Symbol symbol = getSymbol(stripParentheses(variable));
        if (symbol != null) {
          written.add(symbol);
        }
      }
    }.scan(loopPath, null);
    return written.build();
  }

  /** True if {@code target} is {@code root} itself or a tree inside it. */
  public static boolean isWithin(TreePath root, @Nullable Tree target) {
    return target != null && TreePath.getPath(root, target) != null;
  }

  /**
   * True if, once {@code statement} (inside the loop at {@code loopPath}) is entered, the loop does
   * not go round again: the statement cannot complete normally, and none of its jumps lands back in
   * the loop (a {@code continue} of the loop, a {@code break} of a loop or switch nested in it).
   */
  public static boolean leavesLoop(StatementTree statement, TreePath loopPath) {
    if (Jumps.canCompleteNormally(statement)) {
      return false;
    }
    TreePath statementPath = TreePath.getPath(loopPath, statement);
    if (statementPath == null) {
      return false;
    }
    boolean[] staysInLoop = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitBreak(BreakTree tree, Void unused) {
        staysInLoop[0] |= landsInLoop(((JCBreak) tree).target, false);
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree tree, Void unused) {
        staysInLoop[0] |= landsInLoop(((JCContinue) tree).target, true);
        return null;
      }

      @Override
      public Void visitYield(YieldTree tree, Void unused) {
        staysInLoop[0] |= landsInLoop(((JCYield) tree).target, false);
        return super.visitYield(tree, null);
      }

      private boolean landsInLoop(@Nullable Tree target, boolean isContinue) {
        if (target == null || isWithin(statementPath, target)) {
          return false; // a jump inside the statement itself
        }
        if (target == loopPath.getLeaf()) {
          return isContinue; // continue goes round again; break leaves
        }
        return isWithin(loopPath, target);
      }
    }.scan(statement, null);
    return !staysInLoop[0];
  }

  /**
   * The statements that leave the loop without an exception: a {@code break} of the loop or of a
   * statement around it, a {@code continue} of an outer loop, a {@code yield} out of a switch
   * expression around it, a {@code return}. Those in a catch block inside the loop are left out:
   * the loop ends there only because something threw.
   */
  public static ImmutableList<TreePath> exits(TreePath loopPath) {
    Tree loop = loopPath.getLeaf();
    List<TreePath> exits = new ArrayList<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitBreak(BreakTree tree, Void unused) {
        Tree target = ((JCBreak) tree).target;
        if (target == loop || !isWithin(loopPath, target)) {
          add();
        }
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree tree, Void unused) {
        if (!isWithin(loopPath, ((JCContinue) tree).target)) {
          add();
        }
        return null;
      }

      @Override
      public Void visitYield(YieldTree tree, Void unused) {
        if (!isWithin(loopPath, ((JCYield) tree).target)) {
          add();
        }
        return super.visitYield(tree, null);
      }

      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        add();
        return super.visitReturn(tree, null);
      }

      private void add() {
        if (!isInCatchBlock(getCurrentPath(), loop)) {
          exits.add(getCurrentPath());
        }
      }
    }.scan(loopPath, null);
    return ImmutableList.copyOf(exits);
  }

  /** True if the path passes through a catch block before reaching {@code stopAt}. */
  private static boolean isInCatchBlock(TreePath path, Tree stopAt) {
    for (TreePath p = path; p != null && p.getLeaf() != stopAt; p = p.getParentPath()) {
      if (p.getLeaf() instanceof CatchTree) {
        return true;
      }
    }
    return false;
  }

  /** The nearest loop around {@code path}, below {@code codeUnit}; null if there is none. */
  public static @Nullable TreePath enclosingLoop(TreePath path, TreePath codeUnit) {
    for (TreePath p = path.getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        p = p.getParentPath()) {
      if (isLoop(p.getLeaf())) {
        return p;
      }
      if (p.getLeaf() instanceof ClassTree || p.getLeaf() instanceof LambdaExpressionTree) {
        return null;
      }
    }
    return null;
  }
}
