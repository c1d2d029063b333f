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

  // ------------------------------- a thread a base class makes over `this`, stopped before each
  // interrupt

  private static final String SERVICE_LOOP =
      """
      package base;
      public abstract class ServiceLoop implements Runnable {
        protected Thread thread;
        protected volatile boolean stopped;
        public void start() {
          thread = new Thread(this, "service");
          thread.start();
        }
        public void shutdown(boolean interrupt) {
          stopped = true;
          if (interrupt) {
            thread.interrupt();
          }
        }
        public boolean isStopped() {
          return stopped;
        }
      }
      """;

  /** The same base whose stop interrupts its thread without setting the stop state first. */
  private static final String INTERRUPT_ONLY_LOOP =
      SERVICE_LOOP.replace("    stopped = true;\n", "");

  private static final String PULLER =
      """
      package app;
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.LinkedBlockingQueue;
      public class Puller extends base.ServiceLoop {
        private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        public void request(String s) {
          requests.add(s);
        }
        @Override
        public void run() {
          while (!isStopped()) {
            try {
              pull(requests.take());
            } catch (InterruptedException ignored) {
            }
          }
        }
        private void pull(String request) {}
      }
      """;

  /** Keeps the puller and hands it out by a getter; {@code extra} is more of its members. */
  private static String client(String extra) {
    return """
        package app;
        public class Client {
          private final Puller puller = new Puller();
          public Puller getPuller() {
            return puller;
          }
          public void start() {
            puller.start();
          }
          public void shutdown() {
            puller.shutdown(true);
          }
          %s
        }
        """
        .formatted(extra);
  }

  @Test
  void record_theLoopOfAThreadABaseMakesOverThis_everyInterruptAfterTheStop() {
    // The puller is handed out by a getter, so its thread may not be its class's alone (the
    // finding stays), but nothing in the compilation takes it as a Runnable or runs it, and its
    // base sets `stopped` before it interrupts the thread: the loop ends right after each
    // interrupt the code sends, and the record is restored there.
    refactoring
        .addInputLines("base/ServiceLoop.java", SERVICE_LOOP)
        .expectUnchanged()
        .addInputLines("app/Client.java", client(""))
        .expectUnchanged()
        .addInputLines("app/Puller.java", PULLER)
        .addOutputLines(
            "app/Puller.java",
            """
            package app;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            public class Puller extends base.ServiceLoop {
              private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
              public void request(String s) {
                requests.add(s);
              }
              @Override
              public void run() {
                boolean interrupted = false;
                try {
                  while (!isStopped()) {
                    try {
                      pull(requests.take());
                    } catch (InterruptedException ignored) {
                      interrupted = true;
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
              private void pull(String request) {}
            }
            """)
        .doTest();
  }

  @Test
  void reported_theLoopOfAThreadABaseMakesOverThis_handedOutByAGetter() {
    compilation
        .addSourceLines("base/ServiceLoop.java", SERVICE_LOOP)
        .addSourceLines("app/Client.java", client(""))
        .addSourceLines(
            "app/Puller.java",
            PULLER.replace(
                "      } catch (InterruptedException ignored) {",
                "      // BUG: Diagnostic contains: without restoring\n"
                    + "      } catch (InterruptedException ignored) {"))
        .doTest();
  }

  @Test
  void noFix_theSameLoopAlsoHandedToAPool() {
    // `pool.execute(puller)` runs it on a thread of the pool, whose shutdownNow() sets no stop
    // state: recorded there, the interrupt would leave the puller taking requests.
    refactoring
        .addInputLines("base/ServiceLoop.java", SERVICE_LOOP)
        .expectUnchanged()
        .addInputLines(
            "app/Client.java",
            client("void runOn(java.util.concurrent.Executor pool) { pool.execute(puller); }"))
        .expectUnchanged()
        .addInputLines("app/Puller.java", PULLER)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFix_theSameLoopWhoseBaseInterruptsWithoutStopping() {
    // The base's stop interrupts the thread and sets nothing the loop tests: recorded, the
    // interrupt would leave the puller working until something else stops it.
    refactoring
        .addInputLines("base/ServiceLoop.java", INTERRUPT_ONLY_LOOP)
        .expectUnchanged()
        .addInputLines("app/Client.java", client(""))
        .expectUnchanged()
        .addInputLines("app/Puller.java", PULLER)
        .expectUnchanged()
        .doTest();
  }
}
