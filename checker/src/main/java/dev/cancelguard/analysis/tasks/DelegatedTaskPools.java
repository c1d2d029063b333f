package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.VariableReferences;
import java.util.ArrayList;
import java.util.List;

/**
 * Pools that run nothing but an {@code SSLEngine}'s delegated tasks: the {@code Runnable}s {@code
 * engine.getDelegatedTask()} hands out during a handshake are computations on the engine's own
 * state (key exchange, certificate checks), which touch nothing the engine's owner releases. A stop
 * of such a pool that returns before they end leaves nothing half done that the code after it could
 * see: the engine they compute for is closed with the connection.
 */
public final class DelegatedTaskPools {
  private static final Matcher<ExpressionTree> GET_DELEGATED_TASK =
      CallNames.resolvedOnly(
          instanceMethod().onDescendantOf("javax.net.ssl.SSLEngine").named("getDelegatedTask"));

  private DelegatedTaskPools() {}

  /**
   * True if the executor in {@code pool} (a variable of this file) only ever runs delegated tasks:
   * every value it is given is a pool this file creates ({@link Ownership#isExecutorCreation}), it
   * is handed nowhere, and each of its other uses is a call on it — a submission ({@code execute},
   * {@code submit}) of a delegated task, directly ({@code pool.execute(engine.getDelegatedTask())})
   * or through a local every value of which is one ({@code while ((task =
   * engine.getDelegatedTask()) != null) pool.execute(task);}), at least once — or a stop, a wait or
   * a query of its state.
   */
  public static boolean runsOnlyDelegatedTasks(VarSymbol pool, VisitorState state) {
    TreePath root = new TreePath(state.getPath().getCompilationUnit());
    List<ExpressionTree> values = valuesOf(root.getCompilationUnit(), pool);
    if (values.isEmpty()
        || !values.stream().allMatch(value -> Ownership.isExecutorCreation(value, state))) {
      return false;
    }
    int submissions = 0;
    for (TreePath reference : VariableReferences.in(root, pool)) {
      TreePath parentPath = LocalUses.parent(reference);
      Tree parent = parentPath == null ? null : parentPath.getLeaf();
      if (parent instanceof AssignmentTree assignment
          && assignment.getVariable() == reference.getLeaf()) {
        continue; // a value, checked above
      }
      TreePath callPath = parentPath == null ? null : LocalUses.parent(parentPath);
      if (!(parent instanceof MemberSelectTree select)
          || callPath == null
          || !(callPath.getLeaf() instanceof MethodInvocationTree call)
          || call.getMethodSelect() != select
          || !Expressions.isResolved(call)) {
        return false; // handed out, compared, or a call javac could not resolve
      }
      if (ExecutorCalls.TASK_SUBMISSION.matches(call, state)) {
        if (call.getArguments().size() != 1
            || !isDelegatedTask(call.getArguments().getFirst(), root, state)) {
          return false;
        }
        submissions++;
      } else if (!isStopWaitOrQuery(select.getIdentifier().toString())) {
        return false;
      }
    }
    return submissions > 0;
  }

  /**
   * Every value the code under {@code root} gives {@code variable}: its initializer and what is
   * assigned to it (shared with {@link ConfinedWork}).
   */
  static List<ExpressionTree> valuesOf(Tree root, VarSymbol variable) {
    List<ExpressionTree> values = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree declaration, Void unused) {
        if (variable.equals(getSymbol(declaration)) && declaration.getInitializer() != null) {
          values.add(declaration.getInitializer());
        }
        return super.visitVariable(declaration, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (variable.equals(getSymbol(Expressions.strip(assignment.getVariable())))) {
          values.add(assignment.getExpression());
        }
        return super.visitAssignment(assignment, null);
      }
    }.scan(root, null);
    return values;
  }

  private static boolean isStopWaitOrQuery(String name) {
    return switch (name) {
      case "shutdown", "shutdownNow", "close", "awaitTermination", "isShutdown", "isTerminated" ->
          true;
      default -> false;
    };
  }

  /** The call itself, or a local whose every value (initializer and assignments) is one. */
  private static boolean isDelegatedTask(ExpressionTree task, TreePath root, VisitorState state) {
    ExpressionTree stripped = Expressions.strip(task);
    if (stripped instanceof MethodInvocationTree call) {
      return isGetDelegatedTask(call, state);
    }
    if (!(getSymbol(stripped) instanceof VarSymbol local) || !Ownership.isLocal(local)) {
      return false;
    }
    List<ExpressionTree> values = valuesOf(root.getCompilationUnit(), local);
    return !values.isEmpty()
        && values.stream()
            .allMatch(
                value ->
                    Expressions.strip(value) instanceof MethodInvocationTree call
                        && isGetDelegatedTask(call, state));
  }

  private static boolean isGetDelegatedTask(MethodInvocationTree call, VisitorState state) {
    return Expressions.isResolved(call) && GET_DELEGATED_TASK.matches(call, state);
  }
}
