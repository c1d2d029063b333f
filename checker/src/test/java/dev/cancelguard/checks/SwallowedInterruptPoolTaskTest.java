package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * {@link SwallowedInterrupt} on the whole work of a task that only a pool the compilation makes (or
 * a new thread) runs: a catch that ends the task obeyed the interrupt, which only the compilation's
 * own {@code shutdownNow()} or {@code cancel(true)} can send, and the pool takes its thread back.
 * Each shape has must-flag neighbours: a pool handed in, a plain {@code Executor}, a catch that
 * goes on with the task, a task also run directly.
 */
class SwallowedInterruptPoolTaskTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  @Test
  void lambdaOnOwnPool_catchEndsTheTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.Executor;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              private final ExecutorService own = Executors.newSingleThreadExecutor();
              final Executor plain = Executors.newSingleThreadExecutor();
              private ExecutorService handedIn;
              private ExecutorService cached = newPool();

              Test(ExecutorService pool) {
                this.handedIn = pool;
              }

              private static ExecutorService newPool() {
                return Executors.newCachedThreadPool();
              }

              void start(BlockingQueue<Runnable> queue) {
                own.submit(
                    () -> {
                      while (true) {
                        try {
                          queue.take().run();
                        } catch (InterruptedException e) {
                          break;
                        }
                      }
                      System.out.println("drained");
                    });
                cached.execute(
                    () -> {
                      try {
                        queue.take().run();
                      } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                      }
                    });
                // A plain Executor may run the task on the caller's thread.
                plain.execute(
                    () -> {
                      try {
                        queue.take().run();
                        // BUG: Diagnostic contains: swallows it
                      } catch (InterruptedException e) {
                        System.err.println("stopped");
                      }
                    });
                // A pool handed in may be anyone's.
                handedIn.execute(
                    () -> {
                      try {
                        queue.take().run();
                        // BUG: Diagnostic contains: swallows it
                      } catch (InterruptedException e) {
                        System.err.println("stopped");
                      }
                    });
                // The catch goes on with the task: the interrupt is not obeyed.
                own.execute(
                    () -> {
                      while (true) {
                        try {
                          queue.take().run();
                          // BUG: Diagnostic contains: SwallowedInterrupt
                        } catch (InterruptedException e) {
                          System.err.println("ignored");
                        }
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void poolAssignedSomethingElseToo_isNotOwn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              private ExecutorService pool = Executors.newSingleThreadExecutor();

              void use(ExecutorService other) {
                pool = other;
              }

              void start(BlockingQueue<Runnable> queue) {
                pool.execute(
                    () -> {
                      try {
                        queue.take().run();
                        // BUG: Diagnostic contains: swallows it
                      } catch (InterruptedException e) {
                        System.err.println("stopped");
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void namedTaskHandedOnlyToOwnPoolsInAnotherFile() {
    helper
        .addSourceLines(
            "Pump.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Pump implements Runnable {
              private final BlockingQueue<String> queue;

              Pump(BlockingQueue<String> queue) {
                this.queue = queue;
              }

              @Override
              public void run() {
                try {
                  while (true) {
                    System.out.println(queue.take());
                  }
                } catch (InterruptedException e) {
                  System.err.println("pump stopped");
                }
              }
            }
            """)
        .addSourceLines(
            "Handler.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Handler {
              private final ExecutorService pumps = Executors.newCachedThreadPool();

              void start(BlockingQueue<String> queue) {
                pumps.submit(new Pump(queue));
                Thread daemon = new Thread(new Pump(queue));
                daemon.start();
              }

              void stop() {
                pumps.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void namedTaskAlsoRunDirectly_isReported() {
    helper
        .addSourceLines(
            "Pump.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Pump implements Runnable {
              private final BlockingQueue<String> queue;

              Pump(BlockingQueue<String> queue) {
                this.queue = queue;
              }

              @Override
              public void run() {
                try {
                  while (true) {
                    System.out.println(queue.take());
                  }
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("pump stopped");
                }
              }
            }
            """)
        .addSourceLines(
            "Handler.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Handler {
              private final ExecutorService pumps = Executors.newCachedThreadPool();

              void start(BlockingQueue<String> queue) {
                pumps.submit(new Pump(queue));
                // Also on the caller's own thread.
                new Pump(queue).run();
              }
            }
            """)
        .doTest();
  }

  @Test
  void namedTaskKeptInAVariable_isReported() {
    helper
        .addSourceLines(
            "Pump.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Pump implements Runnable {
              private final BlockingQueue<String> queue;

              Pump(BlockingQueue<String> queue) {
                this.queue = queue;
              }

              @Override
              public void run() {
                try {
                  System.out.println(queue.take());
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("pump stopped");
                }
              }
            }
            """)
        .addSourceLines(
            "Handler.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Handler {
              private final ExecutorService pumps = Executors.newCachedThreadPool();
              private Runnable last;

              void start(BlockingQueue<String> queue) {
                last = new Pump(queue);
                pumps.submit(last);
              }
            }
            """)
        .doTest();
  }

  @Test
  void privateMethodReferenceOnOwnPool() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private BlockingQueue<String> queue;

              void start() {
                pool.submit(this::drain);
                pool.submit(this::drainAndGoOn);
              }

              private void drain() {
                try {
                  System.out.println(queue.take());
                } catch (InterruptedException e) {
                  System.err.println("drain stopped");
                }
              }

              // Also called directly, on whoever's thread calls report().
              private void drainAndGoOn() {
                try {
                  System.out.println(queue.take());
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("drain stopped");
                }
              }

              void report() {
                drainAndGoOn();
              }
            }
            """)
        .doTest();
  }

  @Test
  void taskOnTheCommonPool() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Executor;
            import java.util.concurrent.ForkJoinPool;
            class Test {
              void start(Executor handedIn) {
                CompletableFuture.runAsync(
                    () -> {
                      try {
                        Thread.sleep(100);
                      } catch (InterruptedException e) {
                        System.err.println("cut short");
                      }
                    });
                ForkJoinPool.commonPool()
                    .execute(
                        () -> {
                          try {
                            Thread.sleep(100);
                          } catch (InterruptedException e) {
                            System.err.println("cut short");
                          }
                        });
                // An executor handed in may run it on the caller's thread.
                CompletableFuture.runAsync(
                    () -> {
                      try {
                        Thread.sleep(100);
                        // BUG: Diagnostic contains: swallows it
                      } catch (InterruptedException e) {
                        System.err.println("cut short");
                      }
                    },
                    handedIn);
              }
            }
            """)
        .doTest();
  }
}
