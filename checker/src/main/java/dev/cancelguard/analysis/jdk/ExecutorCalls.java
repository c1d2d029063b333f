package dev.cancelguard.analysis.jdk;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.Supertypes;

/**
 * The JDK's executor API, named once: making pools, running work on them, stopping them and waiting
 * for them to terminate.
 */
public final class ExecutorCalls {
  public static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";

  /** {@code Executors} factories that start a new pool (not the wrapping views). */
  private static final ImmutableSet<String> POOL_FACTORY_NAMES =
      ImmutableSet.of(
          "newFixedThreadPool",
          "newCachedThreadPool",
          "newSingleThreadExecutor",
          "newScheduledThreadPool",
          "newSingleThreadScheduledExecutor",
          "newWorkStealingPool",
          "newVirtualThreadPerTaskExecutor",
          "newThreadPerTaskExecutor");

  public static final Matcher<ExpressionTree> POOL_FACTORY =
      CallNames.namedFirst(
          staticMethod().onClass("java.util.concurrent.Executors").namedAnyOf(POOL_FACTORY_NAMES),
          POOL_FACTORY_NAMES);

  /** {@code Executors} factories of a pool that runs its tasks one at a time, on one thread. */
  public static final Matcher<ExpressionTree> SINGLE_THREAD_FACTORY =
      CallNames.namedFirst(
          staticMethod()
              .onClass("java.util.concurrent.Executors")
              .namedAnyOf("newSingleThreadExecutor", "newSingleThreadScheduledExecutor"),
          "newSingleThreadExecutor",
          "newSingleThreadScheduledExecutor");

  /** {@code executor.shutdown()} and {@code executor.shutdownNow()}. */
  public static final Matcher<ExpressionTree> SHUTDOWN =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(EXECUTOR_SERVICE))
              .namedAnyOf("shutdown", "shutdownNow"),
          "shutdown",
          "shutdownNow");

  /** {@code executor.close()} (JDK 19+): shuts down and waits for the tasks. */
  public static final Matcher<ExpressionTree> CLOSE =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(EXECUTOR_SERVICE))
              .named("close")
              .withNoParameters(),
          "close");

  /** After any of these the executor rejects new tasks: shutdown, shutdownNow, close. */
  public static final Matcher<ExpressionTree> STOP = anyOf(SHUTDOWN, CLOSE);

  /**
   * Stops every task of an executor, so that the futures it ran end with it: {@code shutdownNow()}
   * interrupts the running ones, {@code close()} waits for all of them.
   */
  public static final Matcher<ExpressionTree> END_ALL_TASKS =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(EXECUTOR_SERVICE))
              .namedAnyOf("shutdownNow", "close"),
          "shutdownNow",
          "close");

  /** {@code scheduler.schedule(task, delay, unit)}: one task, run once when the delay is up. */
  public static final Matcher<ExpressionTree> SCHEDULE_ONCE =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.ScheduledExecutorService"))
              .named("schedule"),
          "schedule");

  /**
   * {@code setExecuteExistingDelayedTasksAfterShutdownPolicy(..)}: whether the delayed tasks still
   * run after {@code shutdown()} (by default they do).
   */
  public static final Matcher<ExpressionTree> DELAYED_TASKS_AFTER_SHUTDOWN_POLICY =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.ScheduledThreadPoolExecutor"))
              .named("setExecuteExistingDelayedTasksAfterShutdownPolicy"),
          "setExecuteExistingDelayedTasksAfterShutdownPolicy");

  /** {@code executor.awaitTermination(timeout, unit)}. */
  public static final Matcher<ExpressionTree> AWAIT_TERMINATION =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(EXECUTOR_SERVICE))
              .named("awaitTermination"),
          "awaitTermination");

  /** {@code executor.isTerminated()}. */
  public static final Matcher<ExpressionTree> IS_TERMINATED =
      CallNames.namedFirst(
          instanceMethod().onClass(Supertypes.descendantOf(EXECUTOR_SERVICE)).named("isTerminated"),
          "isTerminated");

  /**
   * {@code executor.isShutdown()}, or {@code isTerminating()} of a {@code ThreadPoolExecutor} or
   * {@code ForkJoinPool}: true from the moment the pool is shut down, also while its tasks still
   * run.
   */
  public static final Matcher<ExpressionTree> IS_SHUT_DOWN_OR_TERMINATING =
      CallNames.namedFirst(
          anyOf(
              instanceMethod()
                  .onClass(Supertypes.descendantOf(EXECUTOR_SERVICE))
                  .named("isShutdown")
                  .withNoParameters(),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.ThreadPoolExecutor"))
                  .named("isTerminating")
                  .withNoParameters(),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.ForkJoinPool"))
                  .named("isTerminating")
                  .withNoParameters()),
          "isShutdown",
          "isTerminating");

  /** {@code invokeAll(..)}: returns once every task has finished. */
  public static final Matcher<ExpressionTree> INVOKE_ALL =
      CallNames.namedFirst(
          instanceMethod().onClass(Supertypes.descendantOf(EXECUTOR_SERVICE)).named("invokeAll"),
          "invokeAll");

  /** {@code invokeAll} and {@code invokeAny}: they cancel or wait for their tasks themselves. */
  public static final Matcher<ExpressionTree> INVOKE_ALL_OR_ANY =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(EXECUTOR_SERVICE))
              .namedAnyOf("invokeAll", "invokeAny"),
          "invokeAll",
          "invokeAny");

  /** {@code StructuredTaskScope.fork}: a preview API since JDK 21; inert where it is missing. */
  public static final Matcher<ExpressionTree> STRUCTURED_FORK =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.StructuredTaskScope"))
              .named("fork"),
          "fork");

  /** CompletableFuture calls that run their other arguments on an executor argument. */
  public static final Matcher<ExpressionTree> ASYNC_ON_EXECUTOR =
      anyOf(
          staticMethod()
              .onClass("java.util.concurrent.CompletableFuture")
              .namedAnyOf("runAsync", "supplyAsync"),
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.CompletableFuture"))
              .withNameMatching(java.util.regex.Pattern.compile(".*Async")));

  private ExecutorCalls() {}

  /** Every name {@link #TASK_SUBMISSION} matches. */
  public static final ImmutableSet<String> SUBMISSION_NAMES =
      ImmutableSet.of(
          "execute",
          "submit",
          "invokeAll",
          "invokeAny",
          "schedule",
          "scheduleAtFixedRate",
          "scheduleWithFixedDelay",
          "invoke",
          "runAsync",
          "supplyAsync",
          "fork");

  /** Calls that take a Runnable/Callable/Supplier and run it as a task. */
  public static final Matcher<ExpressionTree> TASK_SUBMISSION =
      CallNames.namedFirst(
          // Each alternative also on its own names: a call named submit tries three, not seven.
          anyOf(
              CallNames.namedFirst(
                  instanceMethod()
                      .onClass(Supertypes.descendantOf("java.util.concurrent.Executor"))
                      .named("execute"),
                  "execute"),
              CallNames.namedFirst(
                  instanceMethod()
                      .onClass(Supertypes.descendantOf("java.util.concurrent.ExecutorService"))
                      .namedAnyOf("submit", "invokeAll", "invokeAny"),
                  "submit",
                  "invokeAll",
                  "invokeAny"),
              CallNames.namedFirst(
                  instanceMethod()
                      .onClass(
                          Supertypes.descendantOf("java.util.concurrent.ScheduledExecutorService"))
                      .namedAnyOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"),
                  "schedule",
                  "scheduleAtFixedRate",
                  "scheduleWithFixedDelay"),
              CallNames.namedFirst(
                  instanceMethod()
                      .onClass(Supertypes.descendantOf("java.util.concurrent.ForkJoinPool"))
                      .namedAnyOf("invoke", "execute", "submit"),
                  "invoke",
                  "execute",
                  "submit"),
              CallNames.namedFirst(
                  instanceMethod()
                      .onClass(Supertypes.descendantOf("java.util.concurrent.CompletionService"))
                      .named("submit"),
                  "submit"),
              CallNames.namedFirst(
                  staticMethod()
                      .onClass("java.util.concurrent.CompletableFuture")
                      .namedAnyOf("runAsync", "supplyAsync"),
                  "runAsync",
                  "supplyAsync"),
              STRUCTURED_FORK),
          SUBMISSION_NAMES);

  /**
   * {@code executor.shutdown()}: stops taking tasks and lets the queued and running ones finish.
   */
  public static final Matcher<ExpressionTree> GRACEFUL_SHUTDOWN =
      CallNames.resolvedOnly(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.ExecutorService"))
              .named("shutdown")
              .withNoParameters());

  /** {@code executor.shutdownNow()}: stops the pool and interrupts its running tasks. */
  public static final Matcher<ExpressionTree> SHUTDOWN_NOW =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.ExecutorService"))
              .named("shutdownNow")
              .withNoParameters(),
          "shutdownNow");

  /**
   * Calls that take an executor only to run work on it, never to shut it down: passing a pool here
   * does not hand over its ownership.
   */
  public static final Matcher<ExpressionTree> RUNS_ON_EXECUTOR =
      anyOf(
          ASYNC_ON_EXECUTOR,
          CallNames.namedFirst(
              constructor().forClass("java.util.concurrent.ExecutorCompletionService"),
              CallNames.CONSTRUCTOR));
}
