package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.findEnclosingNode;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * A class whose stop is the first half of an {@code ExecutorService}-style shutdown: besides the
 * stop, it answers {@code isTerminated()} for a pool that stop shuts down ({@code public boolean
 * isTerminated() { return taskExecutor.isTerminated(); }}), alone or as one operand of a chain of
 * {@code &&} ({@code return worker.isTerminated() && heartbeats.isTerminated();}: a class that
 * stops several parts answers true only once every one has ended, so true still says the pool has).
 * Its callers learn when the work has ended by asking, as they would an executor; the stop itself
 * is meant to return at once, and a wait inserted there would block where they poll. Its return is
 * not reported either ({@link StopMethods#exitMeansStopped}); what it releases or reads while the
 * work may still run is.
 */
public final class TerminationQueries {
  private TerminationQueries() {}

  /**
   * True if the class declaring the stop method at {@code codeUnit} has another non-private method,
   * without parameters and returning {@code boolean}, whose body is just {@code return
   * pool.isTerminated();} for a pool (a field) that the stop shuts down outside nested code, or
   * returns a chain of {@code &&} one of whose operands is that call.
   */
  public static boolean stopIsPolledForTermination(TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree stop) || stop.getBody() == null) {
      return false;
    }
    ClassTree owner = findEnclosingNode(codeUnit, ClassTree.class);
    if (owner == null) {
      return false;
    }
    Set<Symbol> shutDown = new HashSet<>();
    CallScans.anyCallOutsideNestedCode(
        stop.getBody(),
        call -> {
          if (Expressions.isResolved(call) && ExecutorCalls.SHUTDOWN.matches(call, state)) {
            Symbol pool = poolField(getReceiver(call));
            if (pool != null) {
              shutDown.add(pool);
            }
          }
          return false;
        });
    if (shutDown.isEmpty()) {
      return false;
    }
    for (Tree member : owner.getMembers()) {
      if (member instanceof MethodTree query
          && query != stop
          && answersTerminationOf(query, shutDown, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code boolean isTerminated() { return pool.isTerminated(); }}, for one of {@code pools}, or
   * {@code return a.isTerminated() && pool.isTerminated() && ..;}.
   */
  private static boolean answersTerminationOf(
      MethodTree query, Set<Symbol> pools, VisitorState state) {
    if (!(getSymbol(query) instanceof MethodSymbol symbol)
        || symbol.isPrivate()
        || symbol.isConstructor()
        || !symbol.getParameters().isEmpty()
        || symbol.getReturnType().getKind() != TypeKind.BOOLEAN
        || query.getBody() == null) {
      return false;
    }
    List<? extends StatementTree> body = query.getBody().getStatements();
    return body.size() == 1
        && body.getFirst() instanceof ReturnTree ret
        && trueOnlyOnceEnded(ret.getExpression(), pools, state);
  }

  /**
   * True if {@code condition} is true only when one of {@code pools} has terminated: it is {@code
   * pool.isTerminated()}, or a {@code &&} with such an operand. Any other form ({@code ||}, {@code
   * !}, {@code ?:}) may be true while the pool still runs.
   */
  private static boolean trueOnlyOnceEnded(
      @Nullable ExpressionTree condition, Set<Symbol> pools, VisitorState state) {
    ExpressionTree stripped = Expressions.strip(condition);
    if (stripped instanceof BinaryTree and && and.getKind() == Tree.Kind.CONDITIONAL_AND) {
      return trueOnlyOnceEnded(and.getLeftOperand(), pools, state)
          || trueOnlyOnceEnded(and.getRightOperand(), pools, state);
    }
    return stripped instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && call.getArguments().isEmpty()
        && getSymbol(call) instanceof MethodSymbol called
        && called.getSimpleName().contentEquals("isTerminated")
        && isExecutorService(called, state)
        && pools.contains(poolField(getReceiver(call)));
  }

  private static boolean isExecutorService(MethodSymbol called, VisitorState state) {
    Symbol executorService = state.getSymbolFromString("java.util.concurrent.ExecutorService");
    return executorService != null && called.owner.isSubClass(executorService, state.getTypes());
  }

  /** The field a receiver names ({@code pool}, {@code this.pool}), or null. */
  private static @Nullable Symbol poolField(@Nullable ExpressionTree receiver) {
    Symbol symbol = receiver == null ? null : Expressions.variableOf(receiver);
    return symbol != null && Ownership.isField(symbol) ? symbol : null;
  }
}
