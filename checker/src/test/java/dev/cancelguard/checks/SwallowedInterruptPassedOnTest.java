package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Interrupts passed on in another form: a clear right before {@code throw new
 * InterruptedException()}, a helper that restores for an interrupt (whose cause is always null),
 * and a clear of the interrupt the class's own timeout sent, in a longer branch.
 */
class SwallowedInterruptPassedOnTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  @Test
  void negative_clearRightBeforeThrowingInterruptedException() {
    helper
        .addSourceLines(
            "Queue.java",
            """
            class Queue {
              Object take() throws InterruptedException {
                Object e = poll();
                if (e != null) {
                  return e;
                }
                Thread.interrupted();
                throw new InterruptedException();
              }

              void transfer(Object e) throws InterruptedException {
                if (offer(e) == null) {
                  Thread.interrupted();
                  throw new InterruptedException("transfer");
                }
              }

              Object poll() {
                return null;
              }

              Object offer(Object e) {
                return null;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_clearWithTheThrowFurtherOnOrElsewhere() {
    helper
        .addSourceLines(
            "Queue.java",
            """
            class Queue {
              Object take() throws InterruptedException {
                Object e = poll();
                if (e != null) {
                  return e;
                }
                // BUG: Diagnostic contains: its result is dropped
                Thread.interrupted();
                log();
                throw new InterruptedException();
              }

              Object take2() {
                Object e = poll();
                if (e == null) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                  throw new IllegalStateException();
                }
                return e;
              }

              Object take3() throws InterruptedException {
                Object e = poll();
                if (e == null) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
                if (e == null) {
                  throw new InterruptedException();
                }
                return e;
              }

              void log() {}

              Object poll() {
                return null;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_helperRestoresForAnInterruptWhoseCauseIsNull() {
    helper
        .addSourceLines(
            "Replicas.java",
            """
            import java.util.concurrent.CancellationException;
            import java.util.concurrent.Future;
            class Replicas {
              boolean next(Future<Object> f) {
                try {
                  f.get();
                  return true;
                } catch (Exception e) {
                  return handle(e);
                }
              }

              private boolean handle(Throwable t) {
                Throwable cause = t.getCause();
                if (t instanceof CancellationException || cause instanceof CancellationException) {
                  return false;
                }
                if (t.getCause() instanceof IllegalStateException) {
                  return false;
                }
                if (t instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(t);
                }
                throw new IllegalStateException(t.getMessage(), cause != null ? cause : t);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_helperReturnsWhenTheCauseIsAbsentOrOnTheOtherBranch() {
    helper
        .addSourceLines(
            "Replicas.java",
            """
            import java.util.concurrent.CancellationException;
            import java.util.concurrent.Future;
            class Replicas {
              boolean next(Future<Object> f) {
                try {
                  f.get();
                  return true;
                  // BUG: Diagnostic contains: returns
                } catch (Exception e) {
                  return handle(e);
                }
              }

              boolean next2(Future<Object> f) {
                try {
                  f.get();
                  return true;
                  // BUG: Diagnostic contains: returns
                } catch (Exception e) {
                  return handle2(e);
                }
              }

              private boolean handle(Throwable t) {
                Throwable cause = t.getCause();
                if (cause == null || cause instanceof CancellationException) {
                  return false;
                }
                if (t instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                }
                throw new IllegalStateException(t);
              }

              private boolean handle2(Throwable t) {
                if (!(t.getCause() instanceof CancellationException)) {
                  return false;
                }
                Thread.currentThread().interrupt();
                throw new IllegalStateException(t);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_timeoutClearsTheInterruptItsOwnTaskSentInALongerBranch() {
    helper
        .addSourceLines(
            "TimedCall.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.ScheduledFuture;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class TimedCall {
              ScheduledExecutorService timer;

              <T> T call(Callable<T> body, long millis) throws Exception {
                InterruptTask task = new InterruptTask(Thread.currentThread());
                ScheduledFuture<?> future = timer.schedule(task, millis, TimeUnit.MILLISECONDS);
                Exception failure = null;
                T result = null;
                try {
                  result = body.call();
                } catch (Exception e) {
                  failure = e;
                } finally {
                  future.cancel(false);
                  if (task.executed) {
                    Thread.interrupted();
                    failure = new TimeoutException("timed out after " + millis + " ms");
                  }
                }
                if (failure != null) {
                  throw failure;
                }
                return result;
              }

              static class InterruptTask implements Runnable {
                private final Thread thread;
                volatile boolean executed;

                InterruptTask(Thread thread) {
                  this.thread = thread;
                }

                @Override
                public void run() {
                  executed = true;
                  thread.interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_longerBranchOnAFlagNoInterruptSets() {
    helper
        .addSourceLines(
            "TimedCall.java",
            """
            import java.util.concurrent.TimeoutException;
            class TimedCall {
              private Thread caller;
              private volatile boolean executed;
              private volatile boolean expired;

              void alarm() {
                expired = true;
                caller.interrupt();
              }

              void done() {
                executed = true;
              }

              Exception end() {
                if (executed) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                  return new TimeoutException();
                }
                if (expired) {
                  log();
                }
                // BUG: Diagnostic contains: its result is dropped
                Thread.interrupted();
                return null;
              }

              void log() {}
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptHandedOnAsTheFailureOfTheResult() {
    helper
        .addSourceLines(
            "Fallback.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Fallback {
              void onFailure(Throwable error, CompletableFuture<Object> result, boolean sync) {
                if (sync) {
                  if (error instanceof InterruptedException) {
                    result.completeExceptionally(error);
                    return;
                  } else if (Thread.interrupted()) {
                    result.completeExceptionally(new InterruptedException());
                    return;
                  }
                }
                if (Thread.interrupted()) {
                  result.completeExceptionally(new InterruptedException("interrupted"));
                } else {
                  result.complete(null);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptNotHandedOnOrLeavingBeforeItIs() {
    helper
        .addSourceLines(
            "Fallback.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Fallback {
              boolean cancelled;

              void onFailure(CompletableFuture<Object> result) {
                // BUG: Diagnostic contains: when it returns true
                if (Thread.interrupted()) {
                  result.completeExceptionally(new IllegalStateException());
                  return;
                }
                // BUG: Diagnostic contains: when it returns true
                if (Thread.interrupted()) {
                  if (cancelled) {
                    return;
                  }
                  result.completeExceptionally(new InterruptedException());
                  return;
                }
                // BUG: Diagnostic contains: when it returns true
                if (Thread.interrupted()) {
                  log(new InterruptedException().getMessage());
                }
                result.complete(null);
              }

              void log(String message) {}
            }
            """)
        .doTest();
  }

  @Test
  void negative_helperThrowsOnlyThroughTheLambdaItIsHanded() {
    helper
        .addSourceLines(
            "Manager.java",
            """
            import java.util.concurrent.TimeUnit;
            class Manager {
              interface Cache {
                void stop();

                boolean stop(long timeout, TimeUnit unit) throws InterruptedException;
              }

              private interface Terminator {
                boolean stop(Cache cache) throws InterruptedException;
              }

              Cache cache;

              void stopCache() {
                try {
                  terminate(c -> {
                    c.stop();
                    return true;
                  });
                } catch (Throwable t) {
                  log(t);
                }
              }

              boolean stopCache(long timeout, TimeUnit unit) throws InterruptedException {
                return terminate(c -> c.stop(timeout, unit));
              }

              private boolean terminate(Terminator terminator) throws InterruptedException {
                if (cache == null) {
                  return true;
                }
                return terminator.stop(cache);
              }

              void log(Throwable t) {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_helperCalledWithALambdaThatThrowsOrThrowingByItself() {
    helper
        .addSourceLines(
            "Manager.java",
            """
            import java.util.concurrent.TimeUnit;
            class Manager {
              interface Cache {
                void stop();

                boolean stop(long timeout, TimeUnit unit) throws InterruptedException;
              }

              private interface Terminator {
                boolean stop(Cache cache) throws InterruptedException;
              }

              Cache cache;
              Terminator quiet = c -> true;

              void stopCache(long timeout, TimeUnit unit) {
                try {
                  terminate(c -> c.stop(timeout, unit));
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Throwable t) {
                  log(t);
                }
              }

              void stopQuietly() {
                try {
                  terminate(quiet);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Throwable t) {
                  log(t);
                }
              }

              void stopAfterAPause() {
                try {
                  terminateAfterAPause(c -> true);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Throwable t) {
                  log(t);
                }
              }

              private boolean terminate(Terminator terminator) throws InterruptedException {
                return terminator.stop(cache);
              }

              private boolean terminateAfterAPause(Terminator terminator)
                  throws InterruptedException {
                Thread.sleep(10);
                return terminator.stop(cache);
              }

              void log(Throwable t) {}
            }
            """)
        .doTest();
  }

  @Test
  void negative_lambdaHandedOnAndAnInterruptMadeWhileTheFlagIsSet() {
    helper
        .addSourceLines(
            "Manager.java",
            """
            import java.util.List;
            import java.util.concurrent.TimeUnit;
            class Manager {
              interface Cache {
                void shutdown();

                boolean stop(long timeout, TimeUnit unit) throws InterruptedException;
              }

              private interface Terminator {
                boolean stop(Cache cache) throws InterruptedException;
              }

              List<String> names;

              void shutdownAll() {
                try {
                  performOnCaches(c -> {
                    c.shutdown();
                    return true;
                  });
                } catch (Throwable t) {
                  log(t);
                }
              }

              boolean stopAll(long timeout, TimeUnit unit) throws InterruptedException {
                return performOnCaches(c -> c.stop(timeout, unit));
              }

              void checkFirst() {
                try {
                  checkInterrupted();
                } catch (InterruptedException e) {
                  log(e); // the flag is still set
                }
              }

              private boolean performOnCaches(Terminator terminator) throws InterruptedException {
                boolean res = true;
                for (String name : names) {
                  if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                  }
                  res &= terminateCache(terminator, name);
                }
                return res;
              }

              private boolean terminateCache(Terminator terminator, String name)
                  throws InterruptedException {
                Cache cache = lookup(name);
                return cache == null || terminator.stop(cache);
              }

              private static void checkInterrupted() throws InterruptedException {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedException("stop");
              }

              Cache lookup(String name) {
                return null;
              }

              void log(Throwable t) {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_lambdaHandedOnToAWaitOrAnInterruptMadeAfterTheFlagIsCleared() {
    helper
        .addSourceLines(
            "Manager.java",
            """
            import java.util.List;
            class Manager {
              interface Cache {
                void shutdown();
              }

              private interface Terminator {
                boolean stop(Cache cache) throws InterruptedException;
              }

              List<String> names;
              Thread worker;

              void shutdownAfterAPause() {
                try {
                  performWithAPause(c -> true);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Throwable t) {
                  log(t);
                }
              }

              void shutdownThroughAnOverridable() {
                try {
                  performThroughAnOverridable(c -> true);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Throwable t) {
                  log(t);
                }
              }

              void checkCleared() {
                try {
                  checkAndClear();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  log(e);
                }
              }

              void checkWorker() {
                try {
                  checkWorkerInterrupted();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  log(e);
                }
              }

              void checkAfterCleanup() {
                try {
                  checkAfterClearingCleanup();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  log(e);
                }
              }

              void checkInATry() {
                try {
                  checkInsideATry();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  log(e);
                }
              }

              private boolean performWithAPause(Terminator terminator) throws InterruptedException {
                for (String name : names) {
                  if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                  }
                  pauseThenTerminate(terminator, name);
                }
                return true;
              }

              private boolean pauseThenTerminate(Terminator terminator, String name)
                  throws InterruptedException {
                Thread.sleep(10);
                return terminator.stop(null);
              }

              private boolean performThroughAnOverridable(Terminator terminator)
                  throws InterruptedException {
                return overridable(terminator);
              }

              boolean overridable(Terminator terminator) throws InterruptedException {
                return terminator.stop(null);
              }

              private static void checkAndClear() throws InterruptedException {
                if (Thread.interrupted()) {
                  throw new InterruptedException();
                }
              }

              private void checkWorkerInterrupted() throws InterruptedException {
                if (worker.isInterrupted()) {
                  throw new InterruptedException();
                }
              }

              private void checkAfterClearingCleanup() throws InterruptedException {
                if (Thread.currentThread().isInterrupted()) {
                  cleanup();
                  throw new InterruptedException();
                }
              }

              private void checkInsideATry() throws InterruptedException {
                try {
                  if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                  }
                } finally {
                  cleanup();
                }
              }

              private void cleanup() {
                synchronized (this) {
                  notifyAll();
                }
              }

              void log(Throwable t) {}
            }
            """)
        .doTest();
  }
}
