package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.Supertypes;
import org.jspecify.annotations.Nullable;

/**
 * What a stop method's own shape says about a wait inserted into it: code that asks whether it runs
 * on its worker's thread knows it may, and a stop that hands back a future is asynchronous. In
 * neither does a blocking wait belong.
 */
public final class StopShapes {
  private StopShapes() {}

  /**
   * True if the method compares the current thread with another ({@code runner !=
   * Thread.currentThread()}): it is written to run on the worker's own thread too, where a wait for
   * the worker would wait for itself.
   */
  public static boolean testsWhetherItRunsOnItsWorker(MethodTree method, VisitorState state) {
    if (method.getBody() == null) {
      return false;
    }
    boolean[] tests = new boolean[1];
    // Code of another class or of a lambda runs elsewhere.
    new NestedCodeSkipper() {
      @Override
      public Void visitBinary(BinaryTree tree, Void unused) {
        if ((tree.getKind() == Tree.Kind.EQUAL_TO || tree.getKind() == Tree.Kind.NOT_EQUAL_TO)
            && (isCurrentThread(tree.getLeftOperand(), state)
                || isCurrentThread(tree.getRightOperand(), state))) {
          tests[0] = true;
        }
        return super.visitBinary(tree, null);
      }
    }.scan(method.getBody(), null);
    return tests[0];
  }

  private static boolean isCurrentThread(ExpressionTree operand, VisitorState state) {
    return Expressions.strip(operand) instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && ThreadCalls.CURRENT_THREAD.matches(call, state);
  }

  /**
   * True if the method returns a handle on a completion that comes later: a {@code Future}, a
   * {@code CompletionStage}, a reactive-streams {@code Publisher} ({@code
   * java.util.concurrent.Flow.Publisher}, {@code org.reactivestreams.Publisher}), or a type named
   * as one ({@code CloseFuture}, {@code ChannelPromise}). Its callers wait on that handle; a
   * blocking wait inside it would block whoever only asked for the stop to begin, often an event
   * loop.
   */
  public static boolean isAsynchronousStop(MethodTree method, VisitorState state) {
    if (!(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    Type returned = symbol.getReturnType();
    if (returned == null || returned.tsym == null) {
      return false;
    }
    String name = returned.tsym.getSimpleName().toString();
    return name.endsWith("Future")
        || name.endsWith("Promise")
        || isSubtypeOf(returned, "java.util.concurrent.Future", state)
        || isSubtypeOf(returned, "java.util.concurrent.CompletionStage", state)
        || isSubtypeOf(returned, "java.util.concurrent.Flow.Publisher", state)
        || isSubtypeOf(returned, "org.reactivestreams.Publisher", state);
  }

  /**
   * True if the method is an asynchronous stop ({@link #isAsynchronousStop}) whose every {@code
   * return} hands back a handle kept in a variable ({@code return closeFuture;}): a completion that
   * lives beyond this call, completed by other code when the stop is done. A handle made on the
   * spot ({@code return CompletableFuture.completedFuture(null);}, {@code return new
   * SubmissionPublisher<>();}) is complete at once or tied to nothing: its callers learn nothing of
   * the work by waiting on it.
   */
  public static boolean returnsALaterCompletion(MethodTree method, VisitorState state) {
    if (method.getBody() == null || !isAsynchronousStop(method, state)) {
      return false;
    }
    boolean[] returns = new boolean[1];
    boolean[] madeOnTheSpot = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        ExpressionTree handle = Expressions.strip(tree.getExpression());
        returns[0] = true;
        madeOnTheSpot[0] |= handle == null || !(getSymbol(handle) instanceof VarSymbol);
        return null;
      }
    }.scan(method.getBody(), null);
    return returns[0] && !madeOnTheSpot[0];
  }

  /**
   * True if the method is an asynchronous stop ({@link #isAsynchronousStop}) whose every {@code
   * return} hands back what a call given the cancelled work returns ({@code return
   * manager.awaitTermination(pool, name);}, or either side of a {@code ?:} of such calls): a handle
   * made from the very executor or thread it cancels, which the callee can complete when that work
   * has ended. The stop hands the wait on to its caller. A handle from a call not given the work
   * ({@code return CompletableFuture.runAsync(..)}), or made on the spot, is no such wait.
   */
  public static boolean returnsAWaitOn(MethodTree method, CancelTarget target, VisitorState state) {
    if (method.getBody() == null || !isAsynchronousStop(method, state)) {
      return false;
    }
    boolean[] returns = new boolean[1];
    boolean[] other = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        returns[0] = true;
        other[0] |= !isCallGivenTheWork(tree.getExpression(), target);
        return null;
      }
    }.scan(method.getBody(), null);
    return returns[0] && !other[0];
  }

  private static boolean isCallGivenTheWork(@Nullable ExpressionTree tree, CancelTarget target) {
    ExpressionTree handle = Expressions.strip(tree);
    if (handle instanceof ConditionalExpressionTree conditional) {
      return isCallGivenTheWork(conditional.getTrueExpression(), target)
          && isCallGivenTheWork(conditional.getFalseExpression(), target);
    }
    return handle instanceof MethodInvocationTree call
        && call.getArguments().stream().anyMatch(target::isNamedBy);
  }

  private static boolean isSubtypeOf(Type type, String name, VisitorState state) {
    return Supertypes.isSubtypeOf(type, name, state);
  }
}
