package dev.cancelguard.analysis.jdk;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;

/** The JDK's synchronizers, named once: latches, semaphores, locks. */
public final class SyncCalls {
  /** {@code latch.await(..)}. */
  public static final Matcher<ExpressionTree> LATCH_AWAIT =
      instanceMethod().onDescendantOf("java.util.concurrent.CountDownLatch").named("await");

  /** {@code latch.countDown()}. */
  public static final Matcher<ExpressionTree> COUNT_DOWN =
      instanceMethod().onDescendantOf("java.util.concurrent.CountDownLatch").named("countDown");

  /** {@code semaphore.acquire(..)} and {@code acquireUninterruptibly(..)}. */
  public static final Matcher<ExpressionTree> SEMAPHORE_ACQUIRE =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.Semaphore")
          .namedAnyOf("acquire", "acquireUninterruptibly");

  /** {@code semaphore.release(..)}. */
  public static final Matcher<ExpressionTree> SEMAPHORE_RELEASE =
      instanceMethod().onDescendantOf("java.util.concurrent.Semaphore").named("release");

  /** {@code lock.lockInterruptibly()}. */
  public static final Matcher<ExpressionTree> LOCK_INTERRUPTIBLY =
      instanceMethod().onDescendantOf("java.util.concurrent.locks.Lock").named("lockInterruptibly");

  /** {@code lock.unlock()}. */
  public static final Matcher<ExpressionTree> UNLOCK =
      instanceMethod().onDescendantOf("java.util.concurrent.locks.Lock").named("unlock");

  private SyncCalls() {}
}
