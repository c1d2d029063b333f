package dev.cancelguard.analysis.jdk;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.Supertypes;

/** The JDK's synchronizers, named once: latches, semaphores, locks. */
public final class SyncCalls {
  /** {@code latch.await(..)}. */
  public static final Matcher<ExpressionTree> LATCH_AWAIT =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.CountDownLatch"))
              .named("await"),
          "await");

  /** {@code latch.countDown()}. */
  public static final Matcher<ExpressionTree> COUNT_DOWN =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.CountDownLatch"))
              .named("countDown"),
          "countDown");

  /** {@code semaphore.acquire(..)} and {@code acquireUninterruptibly(..)}. */
  public static final Matcher<ExpressionTree> SEMAPHORE_ACQUIRE =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.Semaphore"))
              .namedAnyOf("acquire", "acquireUninterruptibly"),
          "acquire",
          "acquireUninterruptibly");

  /** {@code semaphore.release(..)}. */
  public static final Matcher<ExpressionTree> SEMAPHORE_RELEASE =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.Semaphore"))
              .named("release"),
          "release");

  /** {@code lock.lockInterruptibly()}. */
  public static final Matcher<ExpressionTree> LOCK_INTERRUPTIBLY =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.locks.Lock"))
              .named("lockInterruptibly"),
          "lockInterruptibly");

  /** {@code lock.unlock()}. */
  public static final Matcher<ExpressionTree> UNLOCK =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.locks.Lock"))
              .named("unlock"),
          "unlock");

  private SyncCalls() {}

  /** Waits that end only when the other side is done: no deadline. */
  public static final Matcher<ExpressionTree> UNBOUNDED_WAIT =
      // Each alternative on its own name: map.get(k) is tried as a Future's get only.
      anyOf(
          CallNames.namedFirst(
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.Future"))
                  .named("get")
                  .withNoParameters(),
              "get"),
          CallNames.namedFirst(
              anyOf(
                  instanceMethod()
                      .onClass(Supertypes.descendantOf("java.util.concurrent.CompletableFuture"))
                      .named("join")
                      .withNoParameters(),
                  instanceMethod()
                      .onClass(Supertypes.descendantOf("java.lang.Thread"))
                      .named("join")
                      .withNoParameters()),
              "join"),
          CallNames.namedFirst(
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.CountDownLatch"))
                  .named("await")
                  .withNoParameters(),
              "await"));

  public static final Matcher<ExpressionTree> OBJECT_WAIT =
      CallNames.resolvedOnly(instanceMethod().anyClass().named("wait"));

  public static final Matcher<ExpressionTree> CONDITION_AWAIT =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.locks.Condition"))
              .namedAnyOf("await", "awaitNanos", "awaitUntil"),
          "await",
          "awaitNanos",
          "awaitUntil");

  /**
   * Setting an atomic, or a field through its updater (which stands for the field): {@code set},
   * {@code lazySet}, {@code compareAndSet}, {@code getAndSet}.
   */
  public static final Matcher<ExpressionTree> ATOMIC_SET =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(
                  Supertypes.descendantOf(
                      "java.util.concurrent.atomic.AtomicBoolean",
                      "java.util.concurrent.atomic.AtomicInteger",
                      "java.util.concurrent.atomic.AtomicLong",
                      "java.util.concurrent.atomic.AtomicReference",
                      "java.util.concurrent.atomic.AtomicIntegerFieldUpdater",
                      "java.util.concurrent.atomic.AtomicLongFieldUpdater",
                      "java.util.concurrent.atomic.AtomicReferenceFieldUpdater"))
              .namedAnyOf("set", "lazySet", "compareAndSet", "getAndSet"),
          "set",
          "lazySet",
          "compareAndSet",
          "getAndSet");

  /** Reading the value held by an AtomicReference. */
  public static final Matcher<ExpressionTree> ATOMIC_REFERENCE_READ =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.atomic.AtomicReference"))
              .namedAnyOf("get", "getAcquire", "getPlain", "getOpaque", "getAndSet"),
          "get",
          "getAcquire",
          "getPlain",
          "getOpaque",
          "getAndSet");

  private static final ImmutableSet<String> SYNCHRONIZED_WRAPPER_NAMES =
      ImmutableSet.of(
          "synchronizedCollection",
          "synchronizedSet",
          "synchronizedSortedSet",
          "synchronizedNavigableSet",
          "synchronizedList",
          "synchronizedMap",
          "synchronizedSortedMap",
          "synchronizedNavigableMap");

  public static final Matcher<ExpressionTree> SYNCHRONIZED_WRAPPER =
      CallNames.namedFirst(
          staticMethod().onClass("java.util.Collections").namedAnyOf(SYNCHRONIZED_WRAPPER_NAMES),
          SYNCHRONIZED_WRAPPER_NAMES);
}
