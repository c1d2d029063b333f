package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.Supertypes;

/**
 * Sub-tasks and their handles: which calls start work on another thread and hand back a future or a
 * thread, which calls wait for one, which cancel one, and which statements cancel a whole
 * collection of them. Structured alternatives ({@code invokeAll}, {@code invokeAny}, {@code
 * StructuredTaskScope.fork}) are told apart: they cancel or join their sub-tasks themselves.
 */
public final class Subtasks {
  private static final java.util.Set<String> COLLECTION_INSPECTIONS =
      java.util.Set.of("size", "isEmpty", "contains", "containsKey", "keySet", "clear");

  private Subtasks() {}

  /**
   * True if the call starts work now, unstructured: a submission to an executor or pool, {@code
   * runAsync}/{@code supplyAsync}, {@code Thread.start()}, {@code Thread.startVirtualThread}, a
   * thread builder's {@code start}. Not: creating a thread without starting it, {@code
   * StructuredTaskScope.fork}.
   */
  public static boolean isTaskStart(ExpressionTree call, VisitorState state) {
    if (ThreadCalls.START.matches(call, state)) {
      return true;
    }
    return Tasks.isTaskSubmission(call, state)
        && !ThreadCalls.CREATE_UNSTARTED.matches(call, state)
        && !ExecutorCalls.STRUCTURED_FORK.matches(call, state);
  }

  /**
   * True if the call starts work and hands back its handle — a {@link java.util.concurrent.Future}
   * or a started {@link Thread} — that the caller must wait for or cancel. {@code invokeAll} and
   * {@code invokeAny} are not: their futures are done when they return.
   */
  public static boolean isHandleStart(ExpressionTree call, VisitorState state) {
    if (!(call instanceof MethodInvocationTree)
        || ThreadCalls.START.matches(call, state)
        || !isTaskStart(call, state)
        || ExecutorCalls.INVOKE_ALL_OR_ANY.matches(call, state)) {
      return false;
    }
    Type type = getType(call);
    return type != null && (isFuture(type, state) || isThread(type, state));
  }

  /**
   * True if the method reference starts work and hands back its handle per call, as {@link
   * #isHandleStart} does for a call: {@code pool::submit} in {@code
   * ids.stream().map(pool::submit)}.
   */
  public static boolean isHandleStartReference(MemberReferenceTree reference, VisitorState state) {
    if (!isTaskStart(reference, state)
        || ExecutorCalls.INVOKE_ALL_OR_ANY.matches(reference, state)
        || !(getSymbol(reference) instanceof MethodSymbol method)) {
      return false;
    }
    Type returned = method.getReturnType();
    return returned != null && (isFuture(returned, state) || isThread(returned, state));
  }

  /** {@code thread.start()}. */
  public static boolean isThreadStart(ExpressionTree call, VisitorState state) {
    return ThreadCalls.START.matches(call, state);
  }

  /** {@code future.get(..)}, {@code completableFuture.join()}, {@code thread.join(..)}. */
  public static boolean isWait(ExpressionTree call, VisitorState state) {
    return FutureCalls.WAIT.matches(call, state) || ThreadCalls.JOIN.matches(call, state);
  }

  /** {@code completableFuture.join()}: fails with an unchecked {@code CompletionException}. */
  public static boolean isJoinOfCompletableFuture(ExpressionTree call, VisitorState state) {
    return FutureCalls.WAIT.matches(call, state)
        && call instanceof MethodInvocationTree invocation
        && getSymbol(invocation) != null
        && getSymbol(invocation).getSimpleName().contentEquals("join");
  }

  /** {@code future.cancel(..)} or {@code thread.interrupt()}. */
  public static boolean isCancel(ExpressionTree call, VisitorState state) {
    return FutureCalls.CANCEL.matches(call, state) || ThreadCalls.INTERRUPT.matches(call, state);
  }

  /** {@code CompletableFuture.allOf(..)}. */
  public static boolean isAllOf(ExpressionTree call, VisitorState state) {
    return FutureCalls.ALL_OF.matches(call, state);
  }

  /**
   * {@code executor.shutdownNow()} or {@code executor.close()}: no task of it outlives the call.
   */
  public static boolean stopsAllTasksOfExecutor(ExpressionTree call, VisitorState state) {
    return ExecutorCalls.END_ALL_TASKS.matches(call, state);
  }

  public static boolean isFuture(Type type, VisitorState state) {
    return Supertypes.isSubtypeOf(type, "java.util.concurrent.Future", state);
  }

  public static boolean isThread(Type type, VisitorState state) {
    return Supertypes.isSubtypeOf(type, "java.lang.Thread", state);
  }

  public static boolean isCompletableFuture(Type type, VisitorState state) {
    return Supertypes.isSubtypeOf(type, "java.util.concurrent.CompletableFuture", state);
  }

  /**
   * True if the statement cancels (or interrupts) every element of {@code collection}: {@code for
   * (Future<?> f : futures) f.cancel(true);} (also guarded, e.g. by {@code !f.isDone()}), an index
   * loop cancelling {@code futures.get(i)}, {@code futures.forEach(f -> f.cancel(true))} or the
   * same on {@code futures.stream()} or {@code futures.values()}.
   */
  public static boolean cancelsEveryElement(
      StatementTree statement, Symbol collection, VisitorState state) {
    switch (statement) {
      case EnhancedForLoopTree loop -> {
        if (!isCollection(loop.getExpression(), collection)) {
          return false;
        }
        Symbol element = getSymbol(loop.getVariable());
        return element != null && cancelsIn(loop.getStatement(), element, state);
      }
      case ForLoopTree loop -> {
        return cancelsIndexedElementIn(loop.getStatement(), collection, state);
      }
      case BlockTree block -> {
        return block.getStatements().size() == 1
            && cancelsEveryElement(block.getStatements().getFirst(), collection, state);
      }
      case ExpressionStatementTree expressionStatement -> {
        return stripParentheses(expressionStatement.getExpression())
                instanceof MethodInvocationTree call
            && isForEachCancelling(call, collection, state);
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * True if the expression is the collection itself, or a view of all its elements: {@code
   * futures.values()}, {@code futures.stream()}, {@code futures.entrySet()} (whose entries hold the
   * handles, see {@link #isEntryValue}).
   */
  public static boolean isCollection(ExpressionTree expression, Symbol collection) {
    ExpressionTree stripped = stripParentheses(expression);
    if (collection.equals(getSymbol(stripped))) {
      return true;
    }
    if (stripped instanceof MethodInvocationTree call
        && getSymbol(call) != null
        && getSymbol(call)
            .getSimpleName()
            .toString()
            .matches("values|entrySet|stream|parallelStream")
        && getReceiver(call) != null) {
      return isCollection(getReceiver(call), collection);
    }
    return false;
  }

  private static boolean isForEachCancelling(
      MethodInvocationTree call, Symbol collection, VisitorState state) {
    Symbol method = getSymbol(call);
    ExpressionTree receiver = getReceiver(call);
    if (method == null
        || !method.getSimpleName().contentEquals("forEach")
        || receiver == null
        || !isCollection(receiver, collection)
        || call.getArguments().size() != 1
        || !(stripParentheses(call.getArguments().getFirst())
            instanceof LambdaExpressionTree lambda)
        || lambda.getParameters().size() != 1) {
      return false;
    }
    Symbol element = getSymbol(lambda.getParameters().getFirst());
    return element != null && cancelsIn(lambda.getBody(), element, state);
  }

  /** True if the tree (not nested lambdas or classes) cancels or interrupts {@code element}. */
  public static boolean cancelsIn(Tree tree, Symbol element, VisitorState state) {
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        found[0] |=
            isCancel(call, state)
                && (element.equals(Expressions.receiverSymbol(call))
                    || (getReceiver(call) != null && isEntryValue(getReceiver(call), element)));
        return super.visitMethodInvocation(call, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  private static boolean cancelsIndexedElementIn(Tree tree, Symbol collection, VisitorState state) {
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (isCancel(call, state)
            && getReceiver(call) != null
            && isElementOf(getReceiver(call), collection)) {
          found[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  /**
   * {@code entry.getValue()}: the handle held by an entry of a map of handles ({@code for
   * (Map.Entry<String, Future<T>> entry : futures.entrySet())}).
   */
  public static boolean isEntryValue(ExpressionTree expression, Symbol entry) {
    return stripParentheses(expression) instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("getValue")
        && entry.equals(getSymbol(stripParentheses(select.getExpression())));
  }

  /** {@code futures.entrySet()}: the entries of a map of handles. */
  public static boolean isEntrySetOf(ExpressionTree expression, Symbol map) {
    return stripParentheses(expression) instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("entrySet")
        && map.equals(getSymbol(stripParentheses(select.getExpression())));
  }

  /**
   * A read of a collection of handles that neither hands a handle on nor waits for one: {@code
   * size()}, {@code isEmpty()}, {@code contains(..)}, {@code containsKey(..)}, {@code keySet()},
   * {@code clear()}, and an array's {@code length}.
   */
  public static boolean isCollectionInspection(MemberSelectTree select, boolean call) {
    String name = select.getIdentifier().toString();
    return call
        ? COLLECTION_INSPECTIONS.contains(name)
        : name.equals("length")
            && getType(select.getExpression()) != null
            && getType(select.getExpression()).getKind() == javax.lang.model.type.TypeKind.ARRAY;
  }

  /** {@code futures.get(i)} or {@code futures[i]}. */
  public static boolean isElementOf(ExpressionTree expression, Symbol collection) {
    ExpressionTree stripped = stripParentheses(expression);
    if (stripped instanceof com.sun.source.tree.ArrayAccessTree access) {
      return collection.equals(getSymbol(stripParentheses(access.getExpression())));
    }
    return stripped instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("get")
        && call.getArguments().size() == 1
        && collection.equals(getSymbol(stripParentheses(select.getExpression())));
  }
}
