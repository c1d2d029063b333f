package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Stop methods that run once: the first thing they do is test a flag of the object and return when
 * it says the stop has already begun, and set it — under one lock or in one atomic step. Of two
 * calls, one runs the stop and the other returns at once.
 */
public final class OnceGuardedStops {
  private OnceGuardedStops() {}

  /**
   * True if the method's first statement is a once-guard: {@code synchronized (lock) { if
   * (!started) return; started = false; .. }}, in a {@code synchronized} method {@code if (closed)
   * return; closed = true;}, or {@code if (!closed.compareAndSet(false, true)) return;} ({@code if
   * (closed.getAndSet(true)) return;}) — the flag a field.
   */
  public static boolean runsOnce(MethodTree method) {
    BlockTree body = method.getBody();
    if (body == null || body.getStatements().isEmpty()) {
      return false;
    }
    StatementTree first = body.getStatements().getFirst();
    if (first instanceof SynchronizedTree locked) {
      return guardsAndSets(locked.getBlock().getStatements());
    }
    if (method.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED)
        && guardsAndSets(body.getStatements())) {
      return true;
    }
    return first instanceof IfTree test
        && test.getElseStatement() == null
        && endsInReturn(test.getThenStatement())
        && atomicTestAndSet(test.getCondition());
  }

  /** {@code if (flag-test) { ..; return; }} first, then {@code flag = ..;} among the statements. */
  private static boolean guardsAndSets(List<? extends StatementTree> statements) {
    if (statements.isEmpty()
        || !(statements.getFirst() instanceof IfTree test)
        || test.getElseStatement() != null
        || !endsInReturn(test.getThenStatement())) {
      return false;
    }
    VarSymbol flag = testedFlag(test.getCondition());
    if (flag == null) {
      return false;
    }
    for (StatementTree statement : statements.subList(1, statements.size())) {
      if (statement instanceof ExpressionStatementTree expression
          && Expressions.strip(expression.getExpression()) instanceof AssignmentTree assignment
          && flag.equals(Expressions.variableOf(assignment.getVariable()))) {
        return true;
      }
    }
    return false;
  }

  /** The field a condition is ({@code closed}, {@code !started}); null for anything else. */
  private static @Nullable VarSymbol testedFlag(ExpressionTree condition) {
    ExpressionTree tested = Expressions.strip(condition);
    if (tested instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      tested = Expressions.strip(not.getExpression());
    }
    VarSymbol flag = Expressions.variableOf(tested);
    return flag != null && Ownership.isField(flag) ? flag : null;
  }

  /** {@code !flag.compareAndSet(a, b)} or {@code flag.getAndSet(b)}, the flag a field. */
  private static boolean atomicTestAndSet(ExpressionTree condition) {
    ExpressionTree tested = Expressions.strip(condition);
    boolean negated = false;
    if (tested instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      tested = Expressions.strip(not.getExpression());
      negated = true;
    }
    if (!(tested instanceof MethodInvocationTree call) || getSymbol(call) == null) {
      return false;
    }
    String name = getSymbol(call).getSimpleName().toString();
    VarSymbol flag = Expressions.variableOf(getReceiver(call));
    return flag != null
        && Ownership.isField(flag)
        && (negated ? name.equals("compareAndSet") : name.equals("getAndSet"));
  }

  private static boolean endsInReturn(StatementTree statement) {
    if (statement instanceof BlockTree block) {
      return !block.getStatements().isEmpty()
          && block.getStatements().getLast() instanceof ReturnTree;
    }
    return statement instanceof ReturnTree;
  }
}
