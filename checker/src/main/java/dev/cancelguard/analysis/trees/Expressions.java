package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCNewClass;
import com.sun.tools.javac.tree.TreeInfo;
import org.jspecify.annotations.Nullable;

/**
 * What an expression names, read off the tree: the variable behind parentheses and casts, a call's
 * receiver, whether javac resolved a call at all.
 */
public final class Expressions {
  private Expressions() {}

  /**
   * False for a call javac could not resolve (code that does not compile, analysed by the command
   * line tool): Error Prone's matchers must not be asked about it.
   */
  public static boolean isResolved(ExpressionTree call) {
    return switch (call) {
      case MethodInvocationTree invocation ->
          TreeInfo.symbol((JCTree) invocation.getMethodSelect()) instanceof MethodSymbol;
      case NewClassTree newClass -> ((JCNewClass) newClass).constructor instanceof MethodSymbol;
      default -> true;
    };
  }

  /**
   * The variable an expression names, through parentheses and casts: {@code x} or {@code this.x}
   * for a local, a parameter or a field; null for anything else.
   */
  public static @Nullable VarSymbol variableOf(@Nullable ExpressionTree tree) {
    ExpressionTree stripped = strip(tree);
    if (stripped instanceof IdentifierTree || isThisSelect(stripped)) {
      return getSymbol(stripped) instanceof VarSymbol variable
              && !variable.getSimpleName().contentEquals("this")
              && !variable.getSimpleName().contentEquals("super")
          ? variable
          : null;
    }
    return null;
  }

  /**
   * The variable a comparison with {@code null} tests: {@code v} of {@code v == null}, {@code null
   * != v} and the like (any comparison operator; the caller checks which); null when neither
   * operand is the {@code null} literal or the other is not a variable.
   */
  public static @Nullable VarSymbol nullTestedVariable(BinaryTree test) {
    ExpressionTree left = strip(test.getLeftOperand());
    ExpressionTree right = strip(test.getRightOperand());
    if (right.getKind() == Tree.Kind.NULL_LITERAL) {
      return variableOf(left);
    }
    return left.getKind() == Tree.Kind.NULL_LITERAL ? variableOf(right) : null;
  }

  /** Removes parentheses and casts. */
  public static @Nullable ExpressionTree strip(@Nullable ExpressionTree tree) {
    ExpressionTree current = tree;
    while (true) {
      if (current instanceof ParenthesizedTree parens) {
        current = parens.getExpression();
      } else if (current instanceof TypeCastTree cast) {
        current = cast.getExpression();
      } else {
        return current;
      }
    }
  }

  private static boolean isThisSelect(@Nullable ExpressionTree tree) {
    return tree instanceof MemberSelectTree select
        && select.getExpression() instanceof Tree qualifier
        && (qualifier instanceof IdentifierTree id && id.getName().contentEquals("this")
            || qualifier instanceof MemberSelectTree outer
                && outer.getIdentifier().contentEquals("this"));
  }

  /** The symbol of a call's receiver ({@code x} in {@code x.get()}), or null. */
  public static @Nullable Symbol receiverSymbol(ExpressionTree call) {
    if (!(call instanceof MethodInvocationTree invocation)) {
      return null;
    }
    ExpressionTree receiver = getReceiver(invocation);
    return receiver == null ? null : getSymbol(stripParentheses(receiver));
  }
}
