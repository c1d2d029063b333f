package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * {@link SwallowedInterrupt} on the whole work of a task that only new threads or the common pool
 * run, in this file or another of the compilation: a catch that ends it leaves the flag to nobody,
 * and nobody can send the common pool's threads a cancellation. Each shape has must-flag
 * neighbours: a pool the code makes (its shutdownNow() and cancel(true) are cancellations to pass
 * on), a pool handed in, a catch that goes on with the task, a task also run directly or kept in a
 * variable first. A task whose loop never ends on a pool nothing interrupts is
 * LoopWithoutCancellationPoint's finding, not this check's.
 */
class SwallowedInterruptThreadTaskTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /**
   * A Runnable in a file of its own whose catch ends its whole work; {@code marker} goes on the
   * line before the catch (a must-flag marker, or nothing).
   */
  private static String pump(String marker) {
    return """
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
              %s
            } catch (InterruptedException e) {
              System.err.println("pump stopped");
            }
          }
        }
        """
        .formatted(marker);
  }

  @Test
  void lambdaOnAPoolTheCodeMakes_isReported() {
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
                // Its shutdownNow() and cancel(true) are cancellations to pass on.
                own.submit(
                    () -> {
                      while (true) {
                        try {
                          queue.take().run();
                          // BUG: Diagnostic contains: breaks out
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
                        // BUG: Diagnostic contains: throws IllegalStateException
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
              }
            }
            """)
        .doTest();
  }

  /**
   * A task on a pool the code makes whose loop never ends; {@code marker} goes before the catch,
   * {@code loopMarker} before the loop, {@code extra} is more of the class's members.
   */
  private static String foreverOnOwnPool(String loopMarker, String marker, String extra) {
    return """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        class Test {
          private final ExecutorService own = Executors.newSingleThreadExecutor();

          void start(BlockingQueue<Runnable> queue) {
            // The catch goes on with the task: the interrupt is not obeyed.
            own.execute(
                () -> {
                  %s
                  while (true) {
                    try {
                      queue.take().run();
                      %s
                    } catch (InterruptedException e) {
                      System.err.println("ignored");
                    }
                  }
                });
          }
          %s
        }
        """
        .formatted(loopMarker, marker, extra);
  }

  @Test
  void lambdaOnAPoolTheCodeShutsDownNow_whoseLoopNeverEnds_isReported() {
    // shutdownNow() interrupts the task, and the catch goes round again.
    helper
        .addSourceLines(
            "Test.java",
            foreverOnOwnPool(
                "",
                "// BUG: Diagnostic contains: SwallowedInterrupt",
                "void stop() {\n    own.shutdownNow();\n  }"))
        .doTest();
  }

  @Test
  void lambdaOnAPoolNothingInterrupts_whoseLoopNeverEnds_isTheLoopChecksFinding() {
    // The pool is the class's own, never shut down with shutdownNow() and its futures dropped:
    // nothing can interrupt the task, and that its loop can never end is
    // LoopWithoutCancellationPoint's
    // finding on the same loop.
    helper.addSourceLines("Test.java", foreverOnOwnPool("", "", "")).doTest();
    CompilationTestHelper.newInstance(LoopWithoutCancellationPoint.class, getClass())
        .addSourceLines(
            "Test.java",
            foreverOnOwnPool(
                "// BUG: Diagnostic contains: catches the InterruptedException of take()", "", ""))
        .doTest();
  }

  @Test
  void namedTaskHandedOnlyToNewThreadsInAnotherFile() {
    helper
        .addSourceLines("Pump.java", pump(""))
        .addSourceLines(
            "Handler.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Handler {
              void start(BlockingQueue<String> queue) {
                new Thread(new Pump(queue)).start();
                Thread daemon = new Thread(new Pump(queue), "pump");
                daemon.start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void namedTaskAlsoRunDirectlyOrOnAPool_isReported() {
    helper
        .addSourceLines("Pump.java", pump("// BUG: Diagnostic contains: swallows it"))
        .addSourceLines(
            "Handler.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Handler {
              private final ExecutorService pumps = Executors.newCachedThreadPool();

              void start(BlockingQueue<String> queue) {
                new Thread(new Pump(queue)).start();
                // Also on a pool, whose shutdownNow() is a cancellation to pass on.
                pumps.submit(new Pump(queue));
              }
            }
            """)
        .doTest();
  }

  @Test
  void namedTaskKeptInAVariable_isReported() {
    helper
        .addSourceLines("Pump.java", pump("// BUG: Diagnostic contains: swallows it"))
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
                new Thread(last).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void privateMethodReferenceHandedToNewThreads() {
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
                new Thread(this::drain).start();
                pool.submit(this::drainOnAPool);
              }

              void stop() {
                pool.shutdownNow();
              }

              // On a pool the code makes: its shutdownNow() is a cancellation to pass on.
              private void drainOnAPool() {
                try {
                  System.out.println(queue.take());
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("drain stopped");
                }
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
                new Thread(this::drainAndGoOn).start();
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
