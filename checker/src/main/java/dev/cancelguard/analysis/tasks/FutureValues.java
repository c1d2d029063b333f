package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * What a future-holding expression may evaluate to, as far as this file tells (the values assigned
 * to a local or field, through {@code c ? a : b}), and whether that is a {@code CompletableFuture}
 * whatever the declared type. What computes it is {@link FutureComputations}'s question.
 */
public final class FutureValues {
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";

  private FutureValues() {}

  /**
   * The expressions {@code tree} may evaluate to, as far as this file tells: for a local variable
   * or a field declared in this file, every value assigned to it (through {@code c ? a : b});
   * otherwise the expression itself. Empty when a variable's values are unknown (declared
   * elsewhere, or never assigned here).
   */
  public static ImmutableList<ExpressionTree> possibleValues(
      ExpressionTree tree, VisitorState state) {
    ExpressionTree stripped = stripParentheses(tree);
    List<ExpressionTree> branches = new ArrayList<>();
    if ((stripped instanceof IdentifierTree || stripped instanceof MemberSelectTree)
        && getSymbol(stripped) instanceof VarSymbol variable) {
      if (variable.getKind() != ElementKind.LOCAL_VARIABLE
          && variable.getKind() != ElementKind.FIELD) {
        return ImmutableList.of(); // a parameter, a resource, a catch or pattern variable
      }
      for (ExpressionTree value : assignedValuesInFile(variable, state)) {
        collectBranches(value, branches);
      }
    } else {
      collectBranches(stripped, branches);
    }
    return ImmutableList.copyOf(branches);
  }

  /**
   * True if {@code tree} evaluates to a {@code CompletableFuture}: its static type is one, or every
   * {@link #possibleValues possible value} of it (a variable of a wider type such as {@code
   * Future}) has one.
   */
  public static boolean holdsCompletableFuture(ExpressionTree tree, VisitorState state) {
    if (isSubtypeOf(getType(stripParentheses(tree)), COMPLETABLE_FUTURE, state)) {
      return true;
    }
    ImmutableList<ExpressionTree> values = possibleValues(tree, state);
    return !values.isEmpty()
        && values.stream().allMatch(v -> isSubtypeOf(getType(v), COMPLETABLE_FUTURE, state));
  }

  /** The values assigned to a local or field in the whole compilation unit. */
  private static List<ExpressionTree> assignedValuesInFile(VarSymbol variable, VisitorState state) {
    boolean[] declared = new boolean[1];
    List<ExpressionTree> values =
        collectAssignments(variable, state.getPath().getCompilationUnit(), declared);
    return declared[0] ? values : List.of();
  }

  /**
   * Every value assigned to {@code variable} in {@code unit}, a conditional split into its
   * branches; null if the variable is not declared there (its values are then not all known).
   */
  static @Nullable List<ExpressionTree> assignedBranches(VarSymbol variable, Tree unit) {
    boolean[] declared = new boolean[1];
    List<ExpressionTree> values = new ArrayList<>();
    for (ExpressionTree value : collectAssignments(variable, unit, declared)) {
      collectBranches(value, values);
    }
    return declared[0] ? values : null;
  }

  /**
   * The values assigned to {@code variable} under {@code root} (its initializer first); {@code
   * declared[0]} tells whether its declaration is there.
   */
  static List<ExpressionTree> collectAssignments(
      VarSymbol variable, Tree root, boolean[] declared) {
    List<ExpressionTree> values = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (variable.equals(getSymbol(tree))) {
          declared[0] = true;
          if (tree.getInitializer() != null) {
            values.add(tree.getInitializer());
          }
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (variable.equals(getSymbol(tree.getVariable()))) {
          values.add(tree.getExpression());
        }
        return super.visitAssignment(tree, null);
      }
    }.scan(root, null);
    return values;
  }

  /** The possible values of an expression through {@code c ? a : b} and parentheses. */
  static void collectBranches(ExpressionTree value, List<ExpressionTree> out) {
    ExpressionTree stripped = stripParentheses(value);
    if (stripped instanceof ConditionalExpressionTree conditional) {
      collectBranches(conditional.getTrueExpression(), out);
      collectBranches(conditional.getFalseExpression(), out);
    } else {
      out.add(stripped);
    }
  }

  private static boolean isSubtypeOf(@Nullable Type type, String name, VisitorState state) {
    return Supertypes.isSubtypeOf(type, name, state);
  }
}
