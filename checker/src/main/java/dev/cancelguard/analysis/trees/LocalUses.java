package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a local variable is used inside its code unit: its references, and whether one of them hands
 * the value to code that may outlive or take over from the method (returned, stored, wrapped,
 * captured by a lambda or class).
 */
public final class LocalUses {
  private LocalUses() {}

  /** Every reference to {@code local} under {@code root}, in source order. */
  public static List<TreePath> references(TreePath root, Symbol local) {
    List<TreePath> found = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (local.equals(getSymbol(identifier))) {
          found.add(getCurrentPath());
        }
        return null;
      }
    }.scan(root, null);
    return found;
  }

  /** The parent of a path, skipping parentheses and casts. */
  public static @Nullable TreePath parent(TreePath path) {
    TreePath p = path.getParentPath();
    while (p != null
        && (p.getLeaf().getKind() == Tree.Kind.PARENTHESIZED
            || p.getLeaf().getKind() == Tree.Kind.TYPE_CAST)) {
      p = p.getParentPath();
    }
    return p;
  }

  /** True if the path lies in a lambda or class body nested inside {@code codeUnit}. */
  public static boolean isInNestedCode(TreePath path, TreePath codeUnit) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() == codeUnit.getLeaf()) {
        return false;
      }
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if this reference hands the value on: it is returned, assigned or used to initialize
   * another variable, passed to a constructor (a wrapper that takes it over), or captured by a
   * nested lambda or class.
   */
  public static boolean handsOn(TreePath reference, TreePath codeUnit) {
    if (isInNestedCode(reference, codeUnit)) {
      return true;
    }
    TreePath parent = parent(reference);
    if (parent == null) {
      return false;
    }
    return switch (parent.getLeaf()) {
      case ReturnTree returned -> true;
      case AssignmentTree assignment -> assignment.getVariable() != reference.getLeaf();
      case VariableTree variable -> true;
      case NewClassTree created -> created.getArguments().contains(reference.getLeaf());
      default -> false;
    };
  }

  /** Names of every variable declared under {@code root} (to pick a fresh one for a fix). */
  public static Set<String> declaredNames(Tree root) {
    Set<String> names = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        names.add(variable.getName().toString());
        return super.visitVariable(variable, null);
      }
    }.scan(root, null);
    return names;
  }

  /**
   * The variable a condition compares with null, if it is null on the branch where the condition is
   * {@code value}.
   */
  public static @Nullable Symbol nullTested(ExpressionTree condition, boolean value) {
    if (!(stripParentheses(condition) instanceof BinaryTree test)) {
      return null;
    }
    boolean nullOnTrue;
    if (test.getKind() == Tree.Kind.EQUAL_TO) {
      nullOnTrue = true;
    } else if (test.getKind() == Tree.Kind.NOT_EQUAL_TO) {
      nullOnTrue = false;
    } else {
      return null;
    }
    if (value != nullOnTrue) {
      return null;
    }
    ExpressionTree other;
    if (test.getLeftOperand().getKind() == Tree.Kind.NULL_LITERAL) {
      other = test.getRightOperand();
    } else if (test.getRightOperand().getKind() == Tree.Kind.NULL_LITERAL) {
      other = test.getLeftOperand();
    } else {
      return null;
    }
    return getSymbol(stripParentheses(other));
  }
}
