package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Loops whose own exits already say what an interrupt should do: a loop whose condition tests the
 * current thread's flag gets the restore in place (its test ends it), a caller's poll with a
 * deadline of its own is left as on its timeout. Next to each, the neighbour that keeps the
 * record-and-restore.
 */
class SwallowedInterruptLoopExitsTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  // ------------------------------------------- a loop that tests the flag in its condition

  @Test
  void restoreInPlace_whereTheLoopConditionTestsTheFlag() {
    refactoring
        .addInputLines(
            "Ports.java",
            """
            class Ports {
              interface Pool { int reserve(); }
              private final Pool pool;
              Ports(Pool pool) { this.pool = pool; }
              public synchronized int request() {
                int port = -1;
                Thread current = Thread.currentThread();
                while (port == -1 && !current.isInterrupted()) {
                  port = pool.reserve();
                  if (port == -1) {
                    try {
                      wait();
                    } catch (InterruptedException e) {
                    }
                  }
                }
                return port;
              }
            }
            """)
        .addOutputLines(
            "Ports.java",
            """
            class Ports {
              interface Pool { int reserve(); }
              private final Pool pool;
              Ports(Pool pool) { this.pool = pool; }
              public synchronized int request() {
                int port = -1;
                Thread current = Thread.currentThread();
                while (port == -1 && !current.isInterrupted()) {
                  port = pool.reserve();
                  if (port == -1) {
                    try {
                      wait();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                }
                return port;
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_whereTheConditionTestsAnotherThreadsFlag() {
    refactoring
        .addInputLines(
            "Ports.java",
            """
            class Ports {
              interface Pool { int reserve(); }
              private final Pool pool;
              private final Thread owner;
              Ports(Pool pool, Thread owner) { this.pool = pool; this.owner = owner; }
              public synchronized int request() {
                int port = -1;
                while (port == -1 && !owner.isInterrupted()) {
                  port = pool.reserve();
                  if (port == -1) {
                    try {
                      wait();
                    } catch (InterruptedException e) {
                    }
                  }
                }
                return port;
              }
            }
            """)
        .addOutputLines(
            "Ports.java",
            """
            class Ports {
              interface Pool { int reserve(); }
              private final Pool pool;
              private final Thread owner;
              Ports(Pool pool, Thread owner) { this.pool = pool; this.owner = owner; }
              public synchronized int request() {
                int port = -1;
                boolean interrupted = false;
                try {
                  while (port == -1 && !owner.isInterrupted()) {
                    port = pool.reserve();
                    if (port == -1) {
                      try {
                        wait();
                      } catch (InterruptedException e) {
                        interrupted = true;
                      }
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
                return port;
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- a caller's poll with a deadline of its own

  @Test
  void leave_aCallersPollWithACountedDownTimeout() {
    refactoring
        .addInputLines(
            "Polls.java",
            """
            import java.util.function.BooleanSupplier;
            class Polls {
              public static boolean waitFor(BooleanSupplier check, long timeout) {
                long timeLeft = timeout;
                long interval = 10;
                while (!check.getAsBoolean() && timeLeft > 0) {
                  try {
                    Thread.sleep(interval);
                  } catch (InterruptedException e) {
                  }
                  timeLeft -= interval;
                }
                return check.getAsBoolean();
              }
            }
            """)
        .addOutputLines(
            "Polls.java",
            """
            import java.util.function.BooleanSupplier;
            class Polls {
              public static boolean waitFor(BooleanSupplier check, long timeout) {
                long timeLeft = timeout;
                long interval = 10;
                while (!check.getAsBoolean() && timeLeft > 0) {
                  try {
                    Thread.sleep(interval);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                  }
                  timeLeft -= interval;
                }
                return check.getAsBoolean();
              }
            }
            """)
        .doTest();
  }

  @Test
  void leave_aCallersPollWithAClockDeadline() {
    refactoring
        .addInputLines(
            "Polls.java",
            """
            import java.util.function.BooleanSupplier;
            class Polls {
              public static boolean waitFor(BooleanSupplier check, long timeoutMillis) {
                long deadline = System.currentTimeMillis() + timeoutMillis;
                while (!check.getAsBoolean() && System.currentTimeMillis() < deadline) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    System.err.println("interrupted");
                  }
                }
                return check.getAsBoolean();
              }
            }
            """)
        .addOutputLines(
            "Polls.java",
            """
            import java.util.function.BooleanSupplier;
            class Polls {
              public static boolean waitFor(BooleanSupplier check, long timeoutMillis) {
                long deadline = System.currentTimeMillis() + timeoutMillis;
                while (!check.getAsBoolean() && System.currentTimeMillis() < deadline) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    System.err.println("interrupted");
                    break;
                  }
                }
                return check.getAsBoolean();
              }
            }
            """)
        .doTest();
  }

  @Test
  void leave_aCallersTimedWaitUnderALockWithACountedDownTimeout() {
    // The code after the loop already copes with a wait that ended before the response came.
    refactoring
        .addInputLines(
            "Calls.java",
            """
            import java.io.IOException;
            class Calls {
              private boolean finished;
              void waitResponse(long timeout) throws IOException {
                synchronized (this) {
                  long remaining = timeout;
                  while (!finished && remaining > 0) {
                    long start = System.currentTimeMillis();
                    try {
                      wait(remaining);
                    } catch (InterruptedException ex) {
                    }
                    long end = System.currentTimeMillis();
                    remaining -= end - start;
                  }
                  if (!finished) {
                    throw new IOException("no response");
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Calls.java",
            """
            import java.io.IOException;
            class Calls {
              private boolean finished;
              void waitResponse(long timeout) throws IOException {
                synchronized (this) {
                  long remaining = timeout;
                  while (!finished && remaining > 0) {
                    long start = System.currentTimeMillis();
                    try {
                      wait(remaining);
                    } catch (InterruptedException ex) {
                      Thread.currentThread().interrupt();
                      break;
                    }
                    long end = System.currentTimeMillis();
                    remaining -= end - start;
                  }
                  if (!finished) {
                    throw new IOException("no response");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_aTimedWaitUnderALockWithNoDeadlineOfItsOwn() {
    // The loop waits until what it waits for has happened, however long: it is not a poll with a
    // deadline whose end the code after it copes with.
    refactoring
        .addInputLines(
            "Calls.java",
            """
            class Calls {
              private boolean finished;
              synchronized void waitResponse() {
                while (!finished) {
                  try {
                    wait(1000);
                  } catch (InterruptedException ex) {
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Calls.java",
            """
            class Calls {
              private boolean finished;
              synchronized void waitResponse() {
                boolean interrupted = false;
                try {
                  while (!finished) {
                    try {
                      wait(1000);
                    } catch (InterruptedException ex) {
                      interrupted = true;
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_aPollWithNoBoundButWhatItWaitsFor() {
    // Left early, the code after the loop would take the state for reached: the loop has no
    // other way to end.
    refactoring
        .addInputLines(
            "Polls.java",
            """
            import java.util.function.BooleanSupplier;
            class Polls {
              public static void waitFor(BooleanSupplier ready) {
                while (!ready.getAsBoolean()) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                  }
                }
                System.out.println("ready");
              }
            }
            """)
        .addOutputLines(
            "Polls.java",
            """
            import java.util.function.BooleanSupplier;
            class Polls {
              public static void waitFor(BooleanSupplier ready) {
                boolean interrupted = false;
                try {
                  while (!ready.getAsBoolean()) {
                    try {
                      Thread.sleep(10);
                    } catch (InterruptedException e) {
                      interrupted = true;
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
                System.out.println("ready");
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_aTimedPollWhoseTryWaitsForMoreThanAPause() {
    // The try waits for an item, not only a pause: what the loop waits for is the code's to
    // finish.
    refactoring
        .addInputLines(
            "Polls.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Polls {
              public static int drain(BlockingQueue<String> queue, int max) {
                int taken = 0;
                for (int i = 0; i < max; i++) {
                  try {
                    queue.take();
                    taken++;
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                  }
                }
                return taken;
              }
            }
            """)
        .addOutputLines(
            "Polls.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Polls {
              public static int drain(BlockingQueue<String> queue, int max) {
                int taken = 0;
                boolean interrupted = false;
                try {
                  for (int i = 0; i < max; i++) {
                    try {
                      queue.take();
                      taken++;
                      Thread.sleep(10);
                    } catch (InterruptedException e) {
                      interrupted = true;
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
                return taken;
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_whereTheRoundDoesWorkAfterThePause() {
    // A break would skip the recheck that follows the pause in the same round.
    refactoring
        .addInputLines(
            "Polls.java",
            """
            import java.util.function.BooleanSupplier;
            class Polls {
              public static boolean waitFor(BooleanSupplier check, Runnable recheck, int max) {
                for (int i = 0; !check.getAsBoolean() && i < max; i++) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                  }
                  recheck.run();
                }
                return check.getAsBoolean();
              }
            }
            """)
        .addOutputLines(
            "Polls.java",
            """
            import java.util.function.BooleanSupplier;
            class Polls {
              public static boolean waitFor(BooleanSupplier check, Runnable recheck, int max) {
                boolean interrupted = false;
                try {
                  for (int i = 0; !check.getAsBoolean() && i < max; i++) {
                    try {
                      Thread.sleep(10);
                    } catch (InterruptedException e) {
                      interrupted = true;
                    }
                    recheck.run();
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
                return check.getAsBoolean();
              }
            }
            """)
        .doTest();
  }
}
