package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A clear or a swallow of {@link SwallowedInterrupt} guarded by a record of the interrupt the
 * compilation itself sent: a field its class sets to true right before it interrupts the thread it
 * keeps, and sets back to false. Each shape has its must-flag neighbours.
 */
class SwallowedInterruptOwnRecordTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String EXECUTION =
      """
      package com.acme.exec;
      public interface Execution {
        boolean isInterrupted();
        boolean isCancelled();
        boolean isMarked();
        boolean isSticky();
        Object lock();
      }
      """;

  private static final String TIMED_EXECUTION =
      """
      package com.acme.exec;
      import java.util.concurrent.atomic.AtomicBoolean;
      final class TimedExecution implements Execution {
        private final Thread executionThread;
        private final AtomicBoolean interrupted;
        private final AtomicBoolean sticky = new AtomicBoolean();
        private boolean cancelled;
        private boolean marked;
        private final Object lock = new Object();

        TimedExecution() {
          executionThread = Thread.currentThread();
          interrupted = new AtomicBoolean();
        }

        TimedExecution(TimedExecution copy) {
          executionThread = copy.executionThread;
          interrupted = copy.interrupted;
        }

        void preExecute() {
          interrupted.set(false);
          cancelled = false;
          marked = false;
        }

        /** Called by the timeout when the attempt runs too long. */
        void interrupt() {
          synchronized (lock) {
            interrupted.set(true);
            executionThread.interrupt();
          }
        }

        /** Cancelled records the interrupt too, but is also set where nothing is interrupted. */
        void cancel() {
          cancelled = true;
          executionThread.interrupt();
        }

        void cancelQuietly() {
          cancelled = true;
        }

        /** Marked is set with something between it and the interrupt. */
        void mark() {
          marked = true;
          System.out.println("interrupting");
          executionThread.interrupt();
        }

        /** Sticky is never set back: once set, every later interrupt would pass for its own. */
        void stick() {
          sticky.set(true);
          executionThread.interrupt();
        }

        @Override
        public boolean isInterrupted() {
          return interrupted.get();
        }

        @Override
        public boolean isCancelled() {
          return cancelled;
        }

        @Override
        public boolean isMarked() {
          return marked;
        }

        @Override
        public boolean isSticky() {
          return sticky.get();
        }

        @Override
        public Object lock() {
          return lock;
        }
      }
      """;

  @Test
  void clearOfTheInterruptItsOwnTimeoutSent() {
    helper
        .addSourceLines("com/acme/exec/Execution.java", EXECUTION)
        .addSourceLines("com/acme/exec/TimedExecution.java", TIMED_EXECUTION)
        .addSourceLines(
            "com/acme/exec/Functions.java",
            """
            package com.acme.exec;
            import java.util.concurrent.Callable;
            class Functions {
              static Object run(Execution execution, Callable<Object> work) {
                Object result;
                Throwable failure = null;
                try {
                  result = work.call();
                } catch (Throwable t) {
                  failure = t;
                  result = null;
                }
                synchronized (execution.lock()) {
                  if (execution.isInterrupted()) {
                    // Clears only the interrupt the timeout sent.
                    Thread.interrupted();
                    return null;
                  } else if (failure instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                  }
                }
                return result;
              }
            }
            """)
        .addSourceLines(
            "com/acme/exec/Clears.java",
            """
            package com.acme.exec;
            /** No method here restores the flag: a clear is not the first half of a mask. */
            class Clears {
              static void clearsOnlyItsOwn(Execution execution) {
                if (execution.isInterrupted()) {
                  Thread.interrupted();
                }
              }

              static void cancelledIsSetWhereNothingIsInterrupted(Execution execution) {
                if (execution.isCancelled()) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }

              static void somethingRunsBetweenTheRecordAndTheInterrupt(Execution execution) {
                if (execution.isMarked()) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }

              static void theRecordIsNeverSetBack(Execution execution) {
                if (execution.isSticky()) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }

              static void theRecordNotSet(Execution execution) {
                if (!execution.isInterrupted()) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void catchThatRestoresUnlessTheInterruptWasItsOwn() {
    helper
        .addSourceLines("com/acme/exec/Execution.java", EXECUTION)
        .addSourceLines("com/acme/exec/TimedExecution.java", TIMED_EXECUTION)
        .addSourceLines(
            "com/acme/exec/Retry.java",
            """
            package com.acme.exec;
            class Retry {
              static Object pause(Execution execution, long delay) {
                try {
                  Thread.sleep(delay);
                } catch (InterruptedException e) {
                  // Restore the flag if the interrupt was not the timeout's own.
                  if (!execution.isInterrupted()) {
                    Thread.currentThread().interrupt();
                  }
                  return e;
                }
                return null;
              }

              static Object guardTestsAnotherRecord(Execution execution, long delay) {
                try {
                  Thread.sleep(delay);
                  // BUG: Diagnostic contains: returns
                } catch (InterruptedException e) {
                  if (!execution.isCancelled()) {
                    Thread.currentThread().interrupt();
                  }
                  return e;
                }
                return null;
              }

              static Object stickyRecord(Execution execution, long delay) {
                try {
                  Thread.sleep(delay);
                  // BUG: Diagnostic contains: returns
                } catch (InterruptedException e) {
                  if (!execution.isSticky()) {
                    Thread.currentThread().interrupt();
                  }
                  return e;
                }
                return null;
              }

              static Object restoresOnlyWhenItWasItsOwn(Execution execution, long delay) {
                try {
                  Thread.sleep(delay);
                  // BUG: Diagnostic contains: returns
                } catch (InterruptedException e) {
                  if (execution.isInterrupted()) {
                    Thread.currentThread().interrupt();
                  }
                  return e;
                }
                return null;
              }
            }
            """)
        .doTest();
  }

  @Test
  void booleanRecordOfTheSameFile() {
    helper
        .addSourceLines(
            "Watchdog.java",
            """
            class Watchdog {
              private Thread worker;
              private volatile boolean fired;
              private volatile boolean fair;

              void arm() {
                worker = Thread.currentThread();
                fired = false;
                fair = false;
              }

              void fire() {
                fired = true;
                worker.interrupt();
              }

              /** Fair is also set from a value, which may be true anywhere. */
              void fireFair() {
                fair = true;
                worker.interrupt();
              }

              void setFair(boolean value) {
                fair = value;
              }

              void disarm() {
                if (fired) {
                  Thread.interrupted();
                  worker = null;
                }
              }

              void disarmFair() {
                if (fair) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                  worker = null;
                }
              }
            }
            """)
        .doTest();
  }
}
