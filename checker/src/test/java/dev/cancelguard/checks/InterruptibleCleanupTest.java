package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class InterruptibleCleanupTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(InterruptibleCleanup.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(InterruptibleCleanup.class, getClass());

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_sleepAfterRestoreInTheSameCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void poll() throws InterruptedException {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  // BUG: Diagnostic contains: The suggested fix moves the restore from line 6 to
                  Thread.sleep(50);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_uncheckedExceptionAfterRestoreReachesTheCatchInTheFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void stop(Thread worker, Runnable flush) throws InterruptedException {
                try {
                  worker.interrupt();
                } finally {
                  try {
                    Thread.currentThread().interrupt();
                    flush.run();
                  } catch (RuntimeException e) {
                    // BUG: Diagnostic contains: (line 7) restored the interrupt flag before this join
                    worker.join();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_uncheckedExceptionBeforeTheRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void stop(Thread worker, Runnable flush) throws InterruptedException {
                try {
                  worker.interrupt();
                } finally {
                  try {
                    flush.run();
                    Thread.currentThread().interrupt();
                  } catch (RuntimeException e) {
                    worker.join();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_awaitTerminationInTheFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void run(ExecutorService workers, BlockingQueue<String> jobs) {
                try {
                  while (true) {
                    String job = jobs.take();
                    workers.execute(() -> System.out.println(job));
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  workers.shutdown();
                  try {
                    // BUG: Diagnostic contains: in the finally, so it throws InterruptedException
                    workers.awaitTermination(10, TimeUnit.SECONDS);
                  } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_joinInTheFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void upload(Thread flusher) throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  // BUG: Diagnostic contains: (line 6) restored the interrupt flag before this join
                  flusher.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_drainQueueWithTakeInTheCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              void consume(BlockingQueue<String> queue) throws InterruptedException {
                try {
                  System.out.println(queue.take());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  // BUG: Diagnostic contains: the cleanup is lost
                  String last = queue.take();
                  System.out.println("flushing " + last);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_futureGetInTheFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void save(ExecutorService io, Runnable flush) throws Exception {
                Future<?> flushing = io.submit(flush);
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  // BUG: Diagnostic contains: InterruptibleCleanup
                  flushing.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_fileChannelWriteInTheFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.nio.ByteBuffer;
            import java.nio.channels.FileChannel;
            class Test {
              void journal(FileChannel log, ByteBuffer trailer) throws IOException {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  // BUG: Diagnostic contains: ClosedByInterruptException and closes the channel
                  log.write(trailer);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_restoreInAnInnerCatchBlockingCallInTheOuterFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Test {
              void work(CountDownLatch stopped) throws InterruptedException {
                try {
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  System.out.println("work done");
                } finally {
                  // BUG: Diagnostic contains: InterruptibleCleanup
                  stopped.await();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_restoreOnOneBranchReachesTheWait() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Test {
              boolean verbose;
              void stop(CountDownLatch done) throws InterruptedException {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  if (verbose) {
                    System.err.println("interrupted");
                  } else {
                    Thread.currentThread().interrupt();
                  }
                  // BUG: Diagnostic contains: InterruptibleCleanup
                  done.await();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_joinEveryWorkerInALoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            class Test {
              void stopAll(List<Thread> workers) throws InterruptedException {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  for (Thread worker : workers) {
                    worker.interrupt();
                    // BUG: Diagnostic contains: join(..) in the catch
                    worker.join();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_lockInterruptiblyInTheFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.locks.Lock;
            class Test {
              int saved;
              void checkpoint(Lock lock) throws InterruptedException {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  // BUG: Diagnostic contains: lockInterruptibly(..)
                  lock.lockInterruptibly();
                  try {
                    saved++;
                  } finally {
                    lock.unlock();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_restoreEarlierInTheSameFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void close(ExecutorService pool) throws InterruptedException {
                boolean interrupted = false;
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  interrupted = true;
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                  pool.shutdown();
                  // BUG: Diagnostic contains: InterruptibleCleanup
                  pool.awaitTermination(5, TimeUnit.SECONDS);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_onlyTheFirstFailingCallIsReported() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void stop(Thread a, Thread b) {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  try {
                    // BUG: Diagnostic contains: InterruptibleCleanup
                    a.join();
                  } catch (InterruptedException again) {
                    // the flag is cleared by the exception: b.join() below waits normally
                  }
                  try {
                    b.join();
                  } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_configuredRestorer() {
    helper
        .addSourceLines(
            "Threads.java",
            """
            package com.acme;
            public final class Threads {
              public static void restoreInterrupt(InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import com.acme.Threads;
            class Test {
              void f() throws InterruptedException {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  Threads.restoreInterrupt(e);
                  // BUG: Diagnostic contains: Threads.restoreInterrupt(e) (line 7)
                  Thread.sleep(1);
                }
              }
            }
            """)
        .setArgs("-XepOpt:CancelGuard:InterruptRestorers=com.acme.Threads#restoreInterrupt")
        .doTest();
  }

  @Test
  void positive_configuredCancellationPoint() {
    helper
        .addSourceLines(
            "Cancellation.java",
            """
            package com.acme;
            public final class Cancellation {
              public static void check() {
                if (Thread.currentThread().isInterrupted()) {
                  throw new IllegalStateException("cancelled");
                }
              }
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import com.acme.Cancellation;
            class Test {
              void f() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  // BUG: Diagnostic contains: so it gives up at once
                  Cancellation.check();
                }
              }
            }
            """)
        .setArgs("-XepOpt:CancelGuard:CancellationPoints=com.acme.Cancellation#check")
        .doTest();
  }

  @Test
  void positive_insideATaskLambdaAndARecord() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            record Uploader(ExecutorService pool, Semaphore slots) {
              Future<?> start() {
                return pool.submit(
                    () -> {
                      try {
                        Thread.sleep(5);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      } finally {
                        try {
                          // BUG: Diagnostic contains: acquire(..)
                          slots.acquire();
                          slots.release();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_switchInTheCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void stop(int mode, ExecutorService pool) throws InterruptedException {
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  switch (mode) {
                    case 0 -> pool.shutdownNow();
                    default -> {
                      pool.shutdown();
                      // BUG: Diagnostic contains: awaitTermination(..)
                      pool.awaitTermination(1, TimeUnit.SECONDS);
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_recordPatternsYieldAndNestedLambdasAroundTheCleanup() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.function.*;
            class Test {
              sealed interface Shape permits Circle, Square {}
              record Circle(double r) implements Shape {}
              record Square(double side) implements Shape {}
              double area(Shape shape, Thread painter) throws InterruptedException {
                Supplier<Supplier<String>> label = () -> () -> "shape";
                double area =
                    switch (shape) {
                      case Circle(double r) -> Math.PI * r * r;
                      case Square s -> {
                        double side = s.side();
                        yield side * side;
                      }
                    };
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  if (shape instanceof Circle(var r) && r > 0) {
                    // BUG: Diagnostic contains: InterruptibleCleanup
                    painter.join();
                  }
                }
                return area + label.get().get().length();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_cleanupFirstThenRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void upload(Thread flusher) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  try {
                    flusher.join(1000);
                  } catch (InterruptedException again) {
                    // already restoring below
                  }
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_flagClearedAroundTheCleanup() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void close(ExecutorService pool) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  boolean wasInterrupted = Thread.interrupted();
                  pool.shutdown();
                  try {
                    pool.awaitTermination(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    wasInterrupted = true;
                  } finally {
                    if (wasInterrupted) {
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
  void negative_deferredRestoreAfterTheCleanup() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void close(ExecutorService pool) throws InterruptedException {
                boolean interrupted = false;
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  interrupted = true;
                } finally {
                  pool.shutdown();
                  pool.awaitTermination(5, TimeUnit.SECONDS);
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
  void negative_noRestoreInTheCleanup() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void upload(Thread flusher) throws InterruptedException {
                try {
                  Thread.sleep(10);
                } finally {
                  flusher.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_nonBlockingCleanupAfterRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.concurrent.locks.Lock;
            class Test {
              void stop(ExecutorService pool, Lock lock) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  pool.shutdownNow();
                  lock.unlock();
                  System.out.println("interrupted: " + Thread.currentThread().isInterrupted());
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_blockingCallAfterTheTryPropagatesTheInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void step() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                Thread.sleep(10); // not cleanup: throwing here is the point of restoring
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_blockingCallInTheTryBlockOfAnotherStatement() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void step(Thread helper) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                try {
                  helper.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_restoreInsideALambdaDoesNotCount() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(ExecutorService pool, Thread flusher) throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  pool.execute(() -> Thread.currentThread().interrupt());
                  flusher.join();
                  throw e;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_blockingCallInALambdaOfTheFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(ExecutorService pool, CountDownLatch done) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  pool.execute(
                      () -> {
                        try {
                          done.await();
                        } catch (InterruptedException ignored) {
                          Thread.currentThread().interrupt();
                        }
                      });
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_restoreOnlyInAnotherCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.*;
            class Test {
              void f(Reader reader) throws InterruptedException {
                try {
                  reader.read();
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                } catch (IOException e) {
                  Thread.sleep(100); // back off: this path has not restored anything
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_restoreAfterTheBlockingCallInALoopThatEnds() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            class Test {
              void stopAll(List<Thread> workers) throws InterruptedException {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  for (Thread worker : workers) {
                    worker.interrupt();
                    worker.join(500);
                  }
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_restoreThenReturnSkipsTheCleanupInTheCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              boolean closing;
              void f(Thread flusher) throws InterruptedException {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  if (closing) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  flusher.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptOfAnotherThreadIsNotARestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void stop(Thread worker) throws InterruptedException {
                try {
                  Thread.sleep(100);
                } finally {
                  worker.interrupt();
                  worker.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_nonInterruptibleIoAfterRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.*;
            class Test {
              void save(Writer out) throws IOException {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  out.write("end\\n");
                  out.flush();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_unconfiguredHelperIsNotARestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static void note(InterruptedException e) {
                System.err.println(e);
              }
              void f() throws InterruptedException {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  note(e);
                  Thread.sleep(1);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_anonymousClassInTheFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              Runnable f() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  return new Runnable() {
                    @Override
                    public void run() {
                      try {
                        Thread.sleep(1);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }
                  };
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_retryLoopPauseAfterAnEarlierRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.sql.*;
            class Test {
              void lock(Connection db) throws SQLException {
                int attempt = 0;
                while (true) {
                  try {
                    db.createStatement().execute("select 1 for update");
                    return;
                  } catch (SQLException e) {
                    if (++attempt > 3) {
                      throw e;
                    }
                    try {
                      Thread.sleep(100); // the pause of a later retry, not cleanup of this one
                    } catch (InterruptedException ignore) {
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
  void negative_initializerBlocksAreNotAnalysed() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppression() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              @SuppressWarnings("InterruptibleCleanup")
              void upload(Thread flusher) throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  flusher.join();
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  @Test
  void fix_restoreMovesBelowTheBlockingCall() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            class Test {
              void poll() throws InterruptedException {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  Thread.sleep(50);
                }
              }
            }
            """)
        .addOutputLines("Test.java", RESTORE_MOVES_BELOW_THE_BLOCKING_CALL_FIXED)
        .doTest();
  }

  @Test
  void fix_restoreMovesBelowSeveralStatements() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void stop(ExecutorService pool) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  pool.shutdown();
                  try {
                    pool.awaitTermination(5, TimeUnit.SECONDS);
                  } catch (InterruptedException again) {
                    pool.shutdownNow();
                    Thread.currentThread().interrupt();
                  }
                  System.out.println("stopped");
                }
              }
            }
            """)
        .addOutputLines("Test.java", RESTORE_MOVES_BELOW_SEVERAL_STATEMENTS_FIXED)
        .doTest();
  }

  @Test
  void fix_noneWhenTheBlockingCallIsInTheFinally() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            class Test {
              void upload(Thread flusher) throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  flusher.join();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_noneWhenAStatementInBetweenMayLeave() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            class Test {
              boolean closing;
              void f(Thread flusher) throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  if (closing) {
                    return;
                  }
                  flusher.join();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_restoreMovesBelowTheBlockingCall_leavesNoFindingForAnyCheck() {
    EveryCheck.helper(getClass())
        .addSourceLines("Test.java", RESTORE_MOVES_BELOW_THE_BLOCKING_CALL_FIXED)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void fix_restoreMovesBelowSeveralStatements_leavesNoFindingForAnyCheck() {
    EveryCheck.helper(getClass())
        .addSourceLines("Test.java", RESTORE_MOVES_BELOW_SEVERAL_STATEMENTS_FIXED)
        .expectNoDiagnostics()
        .doTest();
  }

  private static final String RESTORE_MOVES_BELOW_THE_BLOCKING_CALL_FIXED =
      """
      class Test {
        void poll() throws InterruptedException {
          try {
            Thread.sleep(1000);
          } catch (InterruptedException e) {
            Thread.sleep(50);
            Thread.currentThread().interrupt();
          }
        }
      }
      """;

  private static final String RESTORE_MOVES_BELOW_SEVERAL_STATEMENTS_FIXED =
      """
      import java.util.concurrent.*;
      class Test {
        void stop(ExecutorService pool) {
          try {
            Thread.sleep(1000);
          } catch (InterruptedException e) {
            pool.shutdown();
            try {
              pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException again) {
              pool.shutdownNow();
              Thread.currentThread().interrupt();
            }
            Thread.currentThread().interrupt();
            System.out.println("stopped");
          }
        }
      }
      """;
}
