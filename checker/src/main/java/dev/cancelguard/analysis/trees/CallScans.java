package dev.cancelguard.analysis.trees;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Searches for a call under a tree: anywhere, or only in the code that runs with it. */
public final class CallScans {
  private CallScans() {}

  /**
   * True if some method call under {@code root} (null: none), nested code included, passes {@code
   * test}.
   */
  public static boolean anyCall(@Nullable Tree root, Predicate<MethodInvocationTree> test) {
    CallFinder finder = new CallFinder(test, /* skipNestedCode= */ false);
    finder.scan(root, null);
    return finder.found;
  }

  /**
   * True if some method call under {@code root} (null: none), outside lambda and class bodies in it
   * (code that runs elsewhere), passes {@code test}.
   */
  public static boolean anyCallOutsideNestedCode(
      @Nullable Tree root, Predicate<MethodInvocationTree> test) {
    CallFinder finder = new CallFinder(test, /* skipNestedCode= */ true);
    finder.scan(root, null);
    return finder.found;
  }

  /** Scans until a call passes the test; lambda and class bodies only if asked to enter them. */
  private static final class CallFinder extends TreeScanner<Void, Void> {
    private final Predicate<MethodInvocationTree> test;
    private final boolean skipNestedCode;
    private boolean found;

    CallFinder(Predicate<MethodInvocationTree> test, boolean skipNestedCode) {
      this.test = test;
      this.skipNestedCode = skipNestedCode;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      return found ? null : super.scan(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      if (test.test(call)) {
        found = true;
        return null;
      }
      return super.visitMethodInvocation(call, null);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
      return skipNestedCode ? null : super.visitLambdaExpression(lambda, null);
    }

    @Override
    public Void visitClass(ClassTree classTree, Void unused) {
      return skipNestedCode ? null : super.visitClass(classTree, null);
    }
  }

  /**
   * True if some call that every evaluation of {@code expression} makes passes {@code test}: not a
   * call in a branch of {@code ?:}, {@code &&}, {@code ||} or a switch expression (only the
   * condition, the left operand and the selector run every time), nor in a lambda or class body.
   * Calls are tried in evaluation order (a call before its arguments) until one passes; the test
   * gets the call's path. Shared by the questions "does this statement always wait" and "does this
   * loop round always make such a call", which must agree on what always runs.
   */
  public static boolean anyCallEveryEvaluationMakes(
      TreePath expression, BiPredicate<MethodInvocationTree, TreePath> test) {
    EveryEvaluationFinder finder = new EveryEvaluationFinder(test);
    finder.scan(expression, null);
    return finder.found;
  }

  /**
   * {@link #anyCallEveryEvaluationMakes(TreePath, BiPredicate)} for an expression whose path is not
   * at hand: the test gets no path.
   */
  public static boolean anyCallEveryEvaluationMakes(
      @Nullable Tree expression, Predicate<MethodInvocationTree> test) {
    EveryEvaluationFinder finder = new EveryEvaluationFinder((call, path) -> test.test(call));
    finder.scan(expression, null);
    return finder.found;
  }

  /** Scans what always runs of an expression until a call passes the test. */
  private static final class EveryEvaluationFinder extends NestedCodeSkipper {
    private final BiPredicate<MethodInvocationTree, TreePath> test;
    private boolean found;

    EveryEvaluationFinder(BiPredicate<MethodInvocationTree, TreePath> test) {
      this.test = test;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      return found ? null : super.scan(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      if (test.test(call, getCurrentPath())) {
        found = true;
        return null;
      }
      return super.visitMethodInvocation(call, null);
    }

    @Override
    public Void visitConditionalExpression(ConditionalExpressionTree conditional, Void unused) {
      return scan(conditional.getCondition(), null);
    }

    @Override
    public Void visitBinary(BinaryTree binary, Void unused) {
      if (binary.getKind() == Tree.Kind.CONDITIONAL_AND
          || binary.getKind() == Tree.Kind.CONDITIONAL_OR) {
        return scan(binary.getLeftOperand(), null);
      }
      return super.visitBinary(binary, null);
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree switchExpression, Void unused) {
      return scan(switchExpression.getExpression(), null);
    }
  }

  /** The paths of the resolved calls of {@code method} in {@code unit}, in source order. */
  public static List<TreePath> callsOf(CompilationUnitTree unit, MethodSymbol method) {
    List<TreePath> calls = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && method.equals(ASTHelpers.getSymbol(call))) {
          calls.add(getCurrentPath());
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(unit, null);
    return calls;
  }

  /**
   * The calls and creations in {@code unit} handed an instance of {@code type} as an argument (one
   * entry per such argument), in source order: where the file hands such objects on.
   */
  public static List<ExpressionTree> callsHandedAn(ClassSymbol type, CompilationUnitTree unit) {
    List<ExpressionTree> calls = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        collect(newClass, newClass.getArguments());
        return super.visitNewClass(newClass, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        collect(call, call.getArguments());
        return super.visitMethodInvocation(call, null);
      }

      private void collect(ExpressionTree call, List<? extends ExpressionTree> arguments) {
        for (ExpressionTree argument : arguments) {
          Type argumentType = ASTHelpers.getType(argument);
          if (argumentType != null && argumentType.tsym == type) {
            calls.add(call);
          }
        }
      }
    }.scan(unit, null);
    return calls;
  }
}
