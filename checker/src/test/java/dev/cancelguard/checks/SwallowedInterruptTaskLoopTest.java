package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A catch in the loop that is a task's whole work, where the loop goes on until its object's own
 * stop state ends it: recording the interrupt and restoring it once the loop is over would leave
 * the interrupted task working and waiting ({@code shutdownNow()} of the executor it runs on would
 * not stop it), and leaving the loop is not what its owner means by stop: no fix, the finding
 * stays. Next to each, the neighbours that keep the record-and-restore: an uninterruptible wait in
 * a method that returns once its loop is over, a task loop that ends by itself, the whole work of a
 * thread the class makes from a class its users cannot name.
 */
class SwallowedInterruptTaskLoopTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());
  private final CompilationTestHelper compilation =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String PUBLISHER =
      """
      public class Publisher implements Runnable {
        private volatile boolean keepGoing = true;
        public void stop() {
          keepGoing = false;
        }
        @Override
        public void run() {
          while (keepGoing) {
            publish();
            try {
              Thread.sleep(100);
            } catch (InterruptedException e) {
              System.err.println("interrupted");
            }
          }
        }
        private void publish() {}
      }
      """;

  private static final String DELAYED_EXECUTOR =
      """
      import java.util.concurrent.ExecutorService;
      public class DelayedExecutor {
        private final ExecutorService pool;
        private final Object sync = new Object();
        private volatile boolean started;
        public DelayedExecutor(ExecutorService pool) {
          this.pool = pool;
        }
        public void start() {
          started = true;
          pool.execute(new DelayedRunnable());
        }
        public void stop() {
          started = false;
          synchronized (sync) {
            sync.notifyAll();
          }
        }
        private class DelayedRunnable implements Runnable {
          @Override
          public void run() {
            while (started) {
              runDueWork();
              synchronized (sync) {
                try {
                  sync.wait(1000);
                } catch (InterruptedException ignored) {
                }
              }
            }
          }
        }
        private void runDueWork() {}
      }
      """;

  @Test
  void noFix_aPublicRunnableWhoseLoopGoesOnUntilItsStopFlag() {
    refactoring.addInputLines("Publisher.java", PUBLISHER).expectUnchanged().doTest();
  }

  @Test
  void reported_aPublicRunnableWhoseLoopGoesOnUntilItsStopFlag() {
    compilation
        .addSourceLines(
            "Publisher.java",
            PUBLISHER.replace(
                "} catch (InterruptedException e) {",
                "// BUG: Diagnostic contains: would not stop this task either\n"
                    + "      } catch (InterruptedException e) {"))
        .doTest();
  }

  @Test
  void noFix_aTaskOnAPoolItsUsersHandInWaitingUntilItsStartedStateEnds() {
    refactoring.addInputLines("DelayedExecutor.java", DELAYED_EXECUTOR).expectUnchanged().doTest();
  }

  @Test
  void reported_aTaskOnAPoolItsUsersHandIn() {
    compilation
        .addSourceLines(
            "DelayedExecutor.java",
            DELAYED_EXECUTOR.replace(
                "} catch (InterruptedException ignored) {",
                "// BUG: Diagnostic contains: would not stop this task either\n"
                    + "      } catch (InterruptedException ignored) {"))
        .doTest();
  }

  // ------------------------------------------------------ neighbours that keep the record

  @Test
  void record_anUninterruptibleWaitInAMethodThatReturnsAfterItsLoop() {
    refactoring
        .addInputLines(
            "Latch.java",
            """
            public class Latch {
              private final Object lock = new Object();
              private boolean done;
              public void awaitUninterruptibly() {
                synchronized (lock) {
                  while (!done) {
                    try {
                      lock.wait();
                    } catch (InterruptedException e) {
                      // keep waiting
                    }
                  }
                }
              }
              public void release() {
                synchronized (lock) {
                  done = true;
                  lock.notifyAll();
                }
              }
            }
            """)
        .addOutputLines(
            "Latch.java",
            """
            public class Latch {
              private final Object lock = new Object();
              private boolean done;
              public void awaitUninterruptibly() {
                synchronized (lock) {
                  boolean interrupted = false;
                  try {
                    while (!done) {
                      try {
                        lock.wait();
                      } catch (InterruptedException e) {
                        interrupted = true;
                        // keep waiting
                      }
                    }
                  } finally {
                    if (interrupted) {
                      Thread.currentThread().interrupt();
                    }
                  }
                }
              }
              public void release() {
                synchronized (lock) {
                  done = true;
                  lock.notifyAll();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_aTaskLoopThatEndsByItself() {
    refactoring
        .addInputLines(
            "Drainer.java",
            """
            public class Drainer implements Runnable {
              private final Object lock = new Object();
              private int pending;
              @Override
              public void run() {
                synchronized (lock) {
                  int rounds = 0;
                  while (pending > 0 && rounds++ < 10) {
                    try {
                      lock.wait(100);
                    } catch (InterruptedException e) {
                    }
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Drainer.java",
            """
            public class Drainer implements Runnable {
              private final Object lock = new Object();
              private int pending;
              @Override
              public void run() {
                synchronized (lock) {
                  int rounds = 0;
                  boolean interrupted = false;
                  try {
                    while (pending > 0 && rounds++ < 10) {
                      try {
                        lock.wait(100);
                      } catch (InterruptedException e) {
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
            }
            """)
        .doTest();
  }

  @Test
  void record_theWholeWorkOfAThreadTheClassMakesFromAClassItsUsersCannotName() {
    refactoring
        .addInputLines(
            "Discovery.java",
            """
            public class Discovery {
              volatile boolean running;
              Sender sender;
              class Sender extends Thread {
                @Override
                public void run() {
                  while (running) {
                    announce();
                    try {
                      sleep(2000);
                    } catch (InterruptedException e) {
                    }
                  }
                }
              }
              public void start() {
                running = true;
                sender = new Sender();
                sender.start();
              }
              public void stop() {
                running = false;
              }
              void announce() {}
            }
            """)
        .addOutputLines(
            "Discovery.java",
            """
            public class Discovery {
              volatile boolean running;
              Sender sender;
              class Sender extends Thread {
                @Override
                public void run() {
                  boolean interrupted = false;
                  try {
                    while (running) {
                      announce();
                      try {
                        sleep(2000);
                      } catch (InterruptedException e) {
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
              public void start() {
                running = true;
                sender = new Sender();
                sender.start();
              }
              public void stop() {
                running = false;
              }
              void announce() {}
            }
            """)
        .doTest();
  }
}
