package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * SwallowedInterrupt's restore is offered in place only where nothing that runs next on the same
 * thread inside the method may fail when the flag is set: the try-with-resources closes around the
 * catch, lifecycle calls whose code is not seen, the next element of a {@code forEach}, an outer
 * loop's next round. A record-and-restore goes after the last statement after the loop that may
 * fail, and is not offered round a poll loop with no bound on a caller's thread. Each withdrawn fix
 * has a neighbour that keeps its fix.
 */
class SwallowedInterruptContinuationTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String ADMIN =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.TimeUnit;

      class Admin implements AutoCloseable {
        private final ExecutorService pool;

        Admin(ExecutorService pool) {
          this.pool = pool;
        }

        void work() {}

        @Override
        public void close() throws InterruptedException {
          pool.shutdown();
          pool.awaitTermination(10, TimeUnit.SECONDS);
        }
      }
      """;

  private static final String PLAIN =
      """
      class Plain implements AutoCloseable {
        void work() {}

        @Override
        public void close() {}
      }
      """;

  // ---------------------------------------------------------- try-with-resources closes

  @Test
  void none_whenTheResourceAroundTheCatchWaitsInItsClose() throws Exception {
    helper
        .addSourceLines("Admin.java", ADMIN)
        .addSourceLines(
            "Tool.java",
            """
            import java.util.concurrent.ExecutorService;

            class Tool {
              void run(ExecutorService pool) throws Exception {
                try (Admin admin = new Admin(pool)) {
                  try {
                    Thread.sleep(10);
                  // BUG: Diagnostic contains: close() of the try-with-resources resource (line 5)
                  } catch (InterruptedException e) {
                    System.err.println("cut short");
                  }
                  admin.work();
                }
              }
            }
            """)
        .doTest();
    refactoring
        .addInputLines("Admin.java", ADMIN)
        .expectUnchanged()
        .addInputLines(
            "Tool.java",
            """
            import java.util.concurrent.ExecutorService;

            class Tool {
              void run(ExecutorService pool) throws Exception {
                try (Admin admin = new Admin(pool)) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    System.err.println("cut short");
                  }
                  admin.work();
                }
              }
            }
            """)
        // No restore; what is left is the rethrow, which leaves with the flag clear: the close
        // then waits as it should.
        .addOutputLines(
            "Tool.java",
            """
            import java.util.concurrent.ExecutorService;

            class Tool {
              void run(ExecutorService pool) throws Exception {
                try (Admin admin = new Admin(pool)) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    System.err.println("cut short");
                    throw e;
                  }
                  admin.work();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void restore_whenTheResourceAroundTheCatchClosesAtOnce() {
    refactoring
        .addInputLines("Plain.java", PLAIN)
        .expectUnchanged()
        .addInputLines(
            "Tool.java",
            """
            class Tool {
              void run() throws Exception {
                try (Plain plain = new Plain()) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    System.err.println("cut short");
                  }
                  plain.work();
                }
              }
            }
            """)
        .addOutputLines(
            "Tool.java",
            """
            class Tool {
              void run() throws Exception {
                try (Plain plain = new Plain()) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    System.err.println("cut short");
                  }
                  plain.work();
                }
              }
            }
            """)
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  // ------------------------------------------------- lifecycle calls whose code is not seen

  @Test
  void none_whenTheCatchGoesOnToCloseSomethingWhoseCodeIsNotSeen() {
    helper
        .addSourceLines(
            "Stopper.java",
            """
            class Stopper {
              void stop(AutoCloseable component) throws Exception {
                try {
                  Thread.sleep(10);
                // BUG: Diagnostic contains: blocking call that follows it (line 9)
                } catch (InterruptedException e) {
                  System.err.println("cut short");
                }
                component.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void restore_whenTheCatchGoesOnToAStopDocumentedNotToWait() {
    refactoring
        .addInputLines(
            "Stopper.java",
            """
            import java.util.concurrent.ExecutorService;

            class Stopper {
              void stop(ExecutorService pool) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("cut short");
                }
                pool.shutdown();
              }
            }
            """)
        .addOutputLines(
            "Stopper.java",
            """
            import java.util.concurrent.ExecutorService;

            class Stopper {
              void stop(ExecutorService pool) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  System.err.println("cut short");
                }
                pool.shutdown();
              }
            }
            """)
        .doTest();
  }

  // --------------------------------------------------------- lambdas a JDK method runs in place

  @Test
  void none_whenTheCatchIsInAForEachWhoseNextElementWaitsAgain() {
    helper
        .addSourceLines(
            "Reader.java",
            """
            import java.util.List;
            import java.util.concurrent.Future;

            class Reader {
              void readAll(List<Future<String>> entries) {
                entries.forEach(
                    entry -> {
                      try {
                        System.out.println(entry.get());
                      // BUG: Diagnostic contains: (line 9)
                      } catch (Exception e) {
                        System.err.println("read failed");
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void restore_whenTheLambdaRunsOnceAndNothingFollows() {
    refactoring
        .addInputLines(
            "Reader.java",
            """
            import java.util.Optional;
            import java.util.concurrent.Future;

            class Reader {
              void readOne(Optional<Future<String>> entry) {
                entry.ifPresent(
                    f -> {
                      try {
                        System.out.println(f.get());
                      } catch (Exception e) {
                        System.err.println("read failed");
                      }
                    });
              }
            }
            """)
        .addOutputLines(
            "Reader.java",
            """
            import java.util.Optional;
            import java.util.concurrent.Future;

            class Reader {
              void readOne(Optional<Future<String>> entry) {
                entry.ifPresent(
                    f -> {
                      try {
                        System.out.println(f.get());
                      } catch (Exception e) {
                        if (e instanceof InterruptedException) {
                          Thread.currentThread().interrupt();
                        }
                        System.err.println("read failed");
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- record and restore after the last failing call

  private static final String SCAN =
      """
      import java.util.List;
      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.Future;

      class Scan {
        int scan(List<Future<Integer>> checks, CountDownLatch done) throws InterruptedException {
          int found = 0;
          for (Future<Integer> check : checks) {
            try {
              found += check.get();
            } catch (Exception e) {
              System.err.println("check failed");
            }
          }
          done.await();
          return found;
        }
      }
      """;

  @Test
  void recordAndRestoreAfter_theWaitThatFollowsTheLoop() {
    refactoring
        .addInputLines("Scan.java", SCAN)
        .addOutputLines(
            "Scan.java",
            """
            import java.util.List;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.Future;

            class Scan {
              int scan(List<Future<Integer>> checks, CountDownLatch done)
                  throws InterruptedException {
                int found = 0;
                boolean interrupted = false;
                try {
                  for (Future<Integer> check : checks) {
                    try {
                      found += check.get();
                    } catch (Exception e) {
                      if (e instanceof InterruptedException) {
                        interrupted = true;
                      }
                      System.err.println("check failed");
                    }
                  }
                  done.await();
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
                return found;
              }
            }
            """)
        .doTest();
  }

  @Test
  void none_whenAWaitAfterTheLoopIsOutsideItsBlock() {
    // The wait after the loop is outside the `if` that holds the loop: no try can wrap both.
    helper
        .addSourceLines(
            "Scan.java",
            """
            import java.util.List;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.Future;

            class Scan {
              int scan(List<Future<Integer>> checks, CountDownLatch done, boolean check)
                  throws InterruptedException {
                int found = 0;
                if (check) {
                  for (Future<Integer> f : checks) {
                    try {
                      found += f.get();
                    // BUG: Diagnostic contains: (line 19)
                    } catch (Exception e) {
                      System.err.println("check failed");
                    }
                  }
                }
                done.await();
                return found;
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------------------- an outer loop's next round

  @Test
  void none_whenAnOuterLoopGoesRoundIntoTheWaitAgain() {
    helper
        .addSourceLines(
            "Worker.java",
            """
            import java.util.concurrent.BlockingQueue;

            class Worker {
              volatile boolean running = true;

              void serve(BlockingQueue<String> queue) {
                while (running) {
                  String item = null;
                  while (item == null) {
                    try {
                      item = queue.take();
                    // BUG: Diagnostic contains: (line 11)
                    } catch (InterruptedException e) {
                      System.err.println("again");
                    }
                  }
                  System.out.println(item);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void recordAndRestoreAfter_whenTheOuterLoopEndsOnTheFlag() {
    refactoring
        .addInputLines(
            "Worker.java",
            """
            import java.util.concurrent.BlockingQueue;

            class Worker {
              void serve(BlockingQueue<String> queue) {
                while (!Thread.currentThread().isInterrupted()) {
                  String item = null;
                  while (item == null) {
                    try {
                      item = queue.take();
                    } catch (InterruptedException e) {
                      System.err.println("again");
                    }
                  }
                  System.out.println(item);
                }
              }
            }
            """)
        .addOutputLines(
            "Worker.java",
            """
            import java.util.concurrent.BlockingQueue;

            class Worker {
              void serve(BlockingQueue<String> queue) {
                while (!Thread.currentThread().isInterrupted()) {
                  String item = null;
                  boolean interrupted2 = false;
                  try {
                    while (item == null) {
                      try {
                        item = queue.take();
                      } catch (InterruptedException e) {
                        interrupted2 = true;
                        System.err.println("again");
                      }
                    }
                  } finally {
                    if (interrupted2) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  System.out.println(item);
                }
              }
            }
            """)
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  // ------------------------------------------------- a poll loop with no bound, on a caller's
  // thread

  private static final String POOL =
      """
      import java.util.ArrayDeque;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.locks.Condition;
      import java.util.concurrent.locks.ReentrantLock;

      class Pool {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition returned = lock.newCondition();
        private final ArrayDeque<Object> available = new ArrayDeque<>();

        Object borrow() {
          lock.lock();
          try {
            while (true) {
              if (!available.isEmpty()) {
                return available.pop();
              }
              try {
                returned.await(1, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                // retry
              }
            }
          } finally {
            lock.unlock();
          }
        }
      }
      """;

  @Test
  void none_forAPollLoopWithNoDeadlineOnTheCallersThread() {
    helper
        .addSourceLines(
            "Pool.java",
            POOL.replace(
                "      } catch (InterruptedException e) {",
                "      // BUG: Diagnostic contains: no deadline\n"
                    + "      } catch (InterruptedException e) {"))
        .doTest();
  }

  @Test
  void leave_forAPollLoopWithADeadline() {
    // A caller's timed wait under a lock in a loop with a deadline of its own: left, the code
    // after the loop runs as on its timeout (null); recorded, the interrupted caller would poll
    // until the deadline.
    String bounded =
        POOL.replace("Object borrow() {", "Object borrow(long deadline) {")
            .replace("while (true) {", "while (System.nanoTime() < deadline) {")
            .replace("    } finally {\n", "      return null;\n    } finally {\n");
    refactoring
        .addInputLines("Pool.java", bounded)
        .addOutputLines(
            "Pool.java",
            bounded.replace(
                "} catch (InterruptedException e) {\n",
                "} catch (InterruptedException e) {\nThread.currentThread().interrupt();\nbreak;\n"))
        .doTest();
  }

  @Test
  void recordAndRestoreAfter_forAPollLoopWithAConditionOfItsOwn() {
    // The loop's own condition ends it once what it waits for has happened (the thread it started
    // is running): the interrupt is recorded and restored then.
    refactoring
        .addInputLines(
            "Starter.java",
            """
            class Starter {
              volatile boolean running;

              void awaitStart() {
                while (!running) {
                  try {
                    Thread.sleep(100);
                  } catch (Exception e) {
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Starter.java",
            """
            class Starter {
              volatile boolean running;

              void awaitStart() {
                boolean interrupted = false;
                try {
                  while (!running) {
                    try {
                      Thread.sleep(100);
                    } catch (Exception e) {
                      if (e instanceof InterruptedException) {
                        interrupted = true;
                      }
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
}
