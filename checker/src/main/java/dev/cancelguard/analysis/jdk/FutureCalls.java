package dev.cancelguard.analysis.jdk;

import static com.google.errorprone.matchers.Matchers.allOf;
import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.Supertypes;

/**
 * The JDK's future API, named once: waiting for a result, cancelling, asking whether a future is
 * done, and the {@code CompletableFuture} calls that make or chain stages.
 */
public final class FutureCalls {
  public static final String FUTURE = "java.util.concurrent.Future";
  public static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";

  /** {@code future.get(..)}, with or without a deadline. */
  public static final Matcher<ExpressionTree> GET =
      CallNames.namedFirst(
          instanceMethod().onClass(Supertypes.descendantOf(FUTURE)).named("get"), "get");

  /** {@code future.get(timeout, unit)}. */
  public static final Matcher<ExpressionTree> TIMED_GET =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(FUTURE))
              .named("get")
              .withParameters("long", "java.util.concurrent.TimeUnit"),
          "get");

  /**
   * Waiting for a task's result, which returns once the task has finished: {@code Future.get},
   * {@code CompletableFuture.join()}, {@code StructuredTaskScope.Subtask.get()}.
   */
  public static final Matcher<ExpressionTree> WAIT =
      CallNames.namedFirst(
          anyOf(
              GET,
              instanceMethod()
                  .onClass(Supertypes.descendantOf(COMPLETABLE_FUTURE))
                  .named("join")
                  .withNoParameters(),
              instanceMethod()
                  .onClass(
                      Supertypes.descendantOf("java.util.concurrent.StructuredTaskScope.Subtask"))
                  .named("get")),
          "get",
          "join");

  /** {@code future.cancel(..)}, also a subtype's own overloads. */
  public static final Matcher<ExpressionTree> CANCEL =
      CallNames.namedFirst(
          instanceMethod().onClass(Supertypes.descendantOf(FUTURE)).named("cancel"), "cancel");

  /** {@code Future.cancel(mayInterruptIfRunning)} itself. */
  public static final Matcher<ExpressionTree> CANCEL_WITH_FLAG =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(FUTURE))
              .named("cancel")
              .withParameters("boolean"),
          "cancel");

  /** {@code future.isDone()}. */
  public static final Matcher<ExpressionTree> IS_DONE =
      CallNames.namedFirst(
          instanceMethod().onClass(Supertypes.descendantOf(FUTURE)).named("isDone"), "isDone");

  /** {@code future.isCancelled()}. */
  public static final Matcher<ExpressionTree> IS_CANCELLED =
      CallNames.namedFirst(
          instanceMethod().onClass(Supertypes.descendantOf(FUTURE)).named("isCancelled"),
          "isCancelled");

  /** Tests that are true once the future has finished: done, cancelled, failed. */
  public static final Matcher<ExpressionTree> FINISHED_TEST =
      CallNames.namedFirst(
          anyOf(
              IS_DONE,
              IS_CANCELLED,
              instanceMethod()
                  .onClass(Supertypes.descendantOf(COMPLETABLE_FUTURE))
                  .named("isCompletedExceptionally")),
          "isDone",
          "isCancelled",
          "isCompletedExceptionally");

  /**
   * {@code future.getNow(valueIfAbsent)}: {@code CompletableFuture}'s name for reading a result
   * without waiting, which other futures follow ({@code KafkaFuture.getNow} declares {@code
   * InterruptedException} but returns at once).
   */
  public static final Matcher<ExpressionTree> GET_NOW =
      CallNames.namedFirst(
          instanceMethod().onClass(Supertypes.descendantOf(FUTURE)).named("getNow"), "getNow");

  /** {@code future.state()} (JDK 19+). */
  public static final Matcher<ExpressionTree> STATE =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(FUTURE))
              .named("state")
              .withNoParameters(),
          "state");

  /** {@code CompletableFuture.allOf(..)}. */
  public static final Matcher<ExpressionTree> ALL_OF =
      CallNames.namedFirst(staticMethod().onClass(COMPLETABLE_FUTURE).named("allOf"), "allOf");

  /**
   * A static {@code allOf(..)} of any class: {@code CompletableFuture.allOf}, and the libraries'
   * own futures that follow it; the caller checks that it returns a {@link
   * java.util.concurrent.Future}.
   */
  public static final Matcher<ExpressionTree> ALL_OF_ANY =
      allOf(
          staticMethod().anyClass().named("allOf"),
          (tree, state) -> {
            Type type = ASTHelpers.getType(tree);
            Type future = state.getTypeFromString(FUTURE);
            return type != null && future != null && ASTHelpers.isSubtype(type, future, state);
          });

  /**
   * Callbacks a stage runs only once it completed successfully ({@code CompletionStage}'s names,
   * which other futures follow): {@code thenApply}, {@code thenAccept}, {@code thenRun}, {@code
   * thenCompose}; {@code thenCombine}, {@code thenAcceptBoth} and {@code runAfterBoth}, run only
   * once this stage and the other one both completed normally; and their {@code Async} forms.
   */
  public static final Matcher<ExpressionTree> SUCCESS_CALLBACK =
      CallNames.resolvedOnly(
          instanceMethod()
              .anyClass()
              .namedAnyOf(
                  "thenApply",
                  "thenAccept",
                  "thenRun",
                  "thenCompose",
                  "thenApplyAsync",
                  "thenAcceptAsync",
                  "thenRunAsync",
                  "thenComposeAsync",
                  "thenCombine",
                  "thenAcceptBoth",
                  "runAfterBoth",
                  "thenCombineAsync",
                  "thenAcceptBothAsync",
                  "runAfterBothAsync"));

  /**
   * Callbacks a stage runs once it completed, successfully or not: {@code whenComplete}, {@code
   * handle}, {@code exceptionally}, and their {@code Async} forms.
   */
  public static final Matcher<ExpressionTree> COMPLETION_CALLBACK =
      CallNames.resolvedOnly(
          instanceMethod()
              .anyClass()
              .namedAnyOf(
                  "whenComplete",
                  "handle",
                  "exceptionally",
                  "whenCompleteAsync",
                  "handleAsync",
                  "exceptionallyAsync"));

  /**
   * Guava's {@code ListenableFuture.addListener(listener, executor)}: by the interface's contract
   * the listener runs once the future's computation is complete (at once if it already is).
   */
  public static final Matcher<ExpressionTree> DONE_LISTENER =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(
                  Supertypes.descendantOf("com.google.common.util.concurrent.ListenableFuture"))
              .named("addListener"),
          "addListener");

  /** {@code orTimeout} and {@code completeOnTimeout}: the stage completes, the task runs on. */
  public static final Matcher<ExpressionTree> COMPLETE_ON_EXPIRY =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(COMPLETABLE_FUTURE))
              .namedAnyOf("orTimeout", "completeOnTimeout"),
          "orTimeout",
          "completeOnTimeout");

  /** Calls on a stage that return another stage of the same chain. */
  public static final Matcher<ExpressionTree> CHAINED_STAGE =
      CallNames.resolvedOnly(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.CompletionStage")));

  /** Completing a CompletableFuture by hand. */
  public static final Matcher<ExpressionTree> COMPLETE_BY_HAND =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(COMPLETABLE_FUTURE))
              .namedAnyOf("complete", "completeExceptionally", "obtrudeValue", "obtrudeException"),
          "complete",
          "completeExceptionally",
          "obtrudeValue",
          "obtrudeException");

  /** A CompletableFuture nobody computes: it is completed by hand. */
  public static final Matcher<ExpressionTree> PROMISE =
      CallNames.namedFirst(
          anyOf(
              constructor().forClass(Supertypes.descendantOf(COMPLETABLE_FUTURE)),
              staticMethod()
                  .onClass(COMPLETABLE_FUTURE)
                  .namedAnyOf("completedFuture", "failedFuture", "completedStage", "failedStage"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf(COMPLETABLE_FUTURE))
                  .named("newIncompleteFuture")),
          CallNames.CONSTRUCTOR,
          "completedFuture",
          "failedFuture",
          "completedStage",
          "failedStage",
          "newIncompleteFuture");

  private FutureCalls() {}
}
