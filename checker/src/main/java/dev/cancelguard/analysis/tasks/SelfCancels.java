package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A timer task that cancels itself: every task the future field holds is the very method that
 * cancels it ({@code timer = scheduler.schedule(this::fire, ..)}), and that method runs wholly
 * under one lock whose first step leaves when the field is null and whose cancel is followed at
 * once by setting it to null:
 *
 * <pre>{@code
 * void fire() {
 *   synchronized (lock) {
 *     if (timer == null) return;
 *     timer.cancel(false);
 *     timer = null;
 *     out.close();
 *   }
 * }
 * }</pre>
 *
 * A run of the task is either this very call, or another call of the method: it waits for the lock,
 * finds the field null and returns before it touches anything. Nothing after the cancel can race
 * with it.
 */
public final class SelfCancels {
  private SelfCancels() {}

  /** True if the future {@code target} holds is the guarded method at {@code path} itself. */
  public static boolean cancelsItsOwnGuardedTask(
      CancelTarget target, TreePath path, VisitorState state) {
    VarSymbol future = target.variable();
    TreePath codeUnit = Tasks.enclosingCodeUnit(path);
    if (future.getKind() != ElementKind.FIELD
        || codeUnit == null
        || !(codeUnit.getLeaf() instanceof MethodTree method)
        || method.getBody() == null
        || !method.getParameters().isEmpty()
        || !(getSymbol(method) instanceof MethodSymbol self)) {
      return false;
    }
    List<ExpressionTree> values = FutureValues.assignedBranches(future, path.getCompilationUnit());
    if (values == null) {
      return false;
    }
    boolean scheduled = false;
    for (ExpressionTree value : values) {
      if (value.getKind() == Tree.Kind.NULL_LITERAL) {
        continue;
      }
      if (!(value instanceof MethodInvocationTree submission)
          || !Tasks.isTaskSubmission(submission, state)
          || submission.getArguments().isEmpty()
          || !runsOnly(submission.getArguments().getFirst(), self)) {
        return false;
      }
      scheduled = true;
    }
    if (!scheduled) {
      return false;
    }
    List<? extends StatementTree> locked = lockedStatements(method, self);
    return locked != null && guardedCancelThenCleared(locked, future, path.getLeaf());
  }

  /** {@code this::m}, {@code m} as a reference, or {@code () -> m()} / {@code () -> { m(); }}. */
  private static boolean runsOnly(ExpressionTree task, MethodSymbol self) {
    ExpressionTree stripped = Expressions.strip(task);
    if (stripped instanceof MemberReferenceTree reference) {
      ExpressionTree qualifier = Expressions.strip(reference.getQualifierExpression());
      return self.equals(getSymbol(reference))
          && qualifier instanceof IdentifierTree id
          && id.getName().contentEquals("this");
    }
    if (!(stripped instanceof LambdaExpressionTree lambda) || !lambda.getParameters().isEmpty()) {
      return false;
    }
    Tree body = lambda.getBody();
    if (body instanceof BlockTree block && block.getStatements().size() == 1) {
      body = block.getStatements().getFirst();
    }
    if (body instanceof ExpressionStatementTree statement) {
      body = statement.getExpression();
    }
    return body instanceof MethodInvocationTree call
        && self.equals(getSymbol(call))
        && Expressions.receiverSymbol(call) == null
        && call.getArguments().isEmpty();
  }

  /**
   * The statements that run under the method's one lock: the body of a {@code synchronized} method,
   * or of a {@code synchronized} block that is the body's only statement.
   */
  private static @Nullable List<? extends StatementTree> lockedStatements(
      MethodTree method, MethodSymbol self) {
    List<? extends StatementTree> body = method.getBody().getStatements();
    if ((self.flags() & Flags.SYNCHRONIZED) != 0) {
      return body;
    }
    return body.size() == 1 && body.getFirst() instanceof SynchronizedTree locked
        ? locked.getBlock().getStatements()
        : null;
  }

  /**
   * {@code if (f == null) return;} first, then the statement with the cancel, then {@code f =
   * null;} right after it.
   */
  private static boolean guardedCancelThenCleared(
      List<? extends StatementTree> statements, VarSymbol future, Tree cancel) {
    if (statements.size() < 3 || !isNullGuard(statements.getFirst(), future)) {
      return false;
    }
    for (int i = 1; i + 1 < statements.size(); i++) {
      if (statements.get(i) instanceof ExpressionStatementTree statement
          && stripParentheses(statement.getExpression()) == cancel) {
        return statements.get(i + 1) instanceof ExpressionStatementTree next
            && stripParentheses(next.getExpression()) instanceof AssignmentTree clear
            && future.equals(Expressions.variableOf(clear.getVariable()))
            && clear.getExpression().getKind() == Tree.Kind.NULL_LITERAL;
      }
    }
    return false;
  }

  private static boolean isNullGuard(StatementTree statement, VarSymbol future) {
    if (!(statement instanceof IfTree guard)
        || guard.getElseStatement() != null
        || !(Expressions.strip(guard.getCondition()) instanceof BinaryTree test)
        || test.getKind() != Tree.Kind.EQUAL_TO) {
      return false;
    }
    Symbol tested = Expressions.nullTestedVariable(test);
    StatementTree then = guard.getThenStatement();
    if (then instanceof BlockTree block && block.getStatements().size() == 1) {
      then = block.getStatements().getFirst();
    }
    return future.equals(tested)
        && then instanceof ReturnTree leave
        && leave.getExpression() == null;
  }
}
