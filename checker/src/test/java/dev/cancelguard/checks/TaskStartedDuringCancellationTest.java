package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class TaskStartedDuringCancellationTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TaskStartedDuringCancellation.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(TaskStartedDuringCancellation.class, getClass());

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_executeInInterruptHandler() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.Executor;
            class Test {
              void serve(BlockingQueue<String> requests, Executor notifier) {
                try {
                  System.out.println(requests.take());
                } catch (InterruptedException e) {
                  // BUG: Diagnostic contains: This starts new work (execute) while handling an InterruptedException
                  notifier.execute(() -> System.out.println("connection closed"));
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_submitInInterruptHandler() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              void poll(ExecutorService pool) throws InterruptedException {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  // BUG: Diagnostic contains: (submit)
                  pool.submit(() -> System.out.println("saving state"));
                  throw e;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_newThreadStartedInInterruptHandler() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  // BUG: Diagnostic contains: (Thread.start)
                  new Thread(() -> System.out.println("bye")).start();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_startedLocalThreadInInterruptHandler() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread cleaner = new Thread(() -> System.out.println("cleaning"));
                  // BUG: Diagnostic contains: TaskStartedDuringCancellation
                  cleaner.start();
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_virtualThreadInInterruptHandler() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  // BUG: Diagnostic contains: (startVirtualThread)
                  Thread.startVirtualThread(() -> System.out.println("bye"));
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadBuilderInInterruptHandler() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  // BUG: Diagnostic contains: TaskStartedDuringCancellation
                  Thread.ofPlatform().name("late").start(() -> System.out.println("bye"));
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runAsyncInInterruptHandler() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Test {
              void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  // BUG: Diagnostic contains: (runAsync)
                  CompletableFuture.runAsync(() -> System.out.println("flush"));
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_scheduleInInterruptHandler() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            class Test {
              void retryLater(ScheduledExecutorService scheduler, Runnable job) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  // BUG: Diagnostic contains: (schedule)
                  scheduler.schedule(job, 1, TimeUnit.SECONDS);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_instanceofBranchOfGenericCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              Object await(Future<Object> reply, ExecutorService pool) {
                try {
                  return reply.get();
                } catch (Exception e) {
                  if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    // BUG: Diagnostic contains: the instanceof branch
                    pool.execute(() -> System.out.println("reply abandoned"));
                  }
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_inALoopInsideTheHandler() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Executor;
            class Test {
              void stop(List<String> clients, Executor pool) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  for (String client : clients) {
                    // BUG: Diagnostic contains: TaskStartedDuringCancellation
                    pool.execute(() -> System.out.println("bye " + client));
                  }
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_handlerInATaskLambda() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void start(ExecutorService workers, ExecutorService audit, BlockingQueue<String> q) {
                workers.execute(
                    () -> {
                      try {
                        System.out.println(q.take());
                      } catch (InterruptedException e) {
                        // BUG: Diagnostic contains: TaskStartedDuringCancellation
                        audit.submit(() -> System.out.println("worker stopped"));
                        Thread.currentThread().interrupt();
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_submitAfterShutdown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              private final ExecutorService pool;

              Test(ExecutorService pool) {
                this.pool = pool;
              }

              void close() {
                pool.shutdown();
                // BUG: Diagnostic contains: `pool` was shut down on every path before this (line 10)
                pool.submit(() -> System.out.println("final flush"));
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_executeAfterShutdownNowOnBothBranches() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              void stop(ExecutorService pool, boolean now) {
                if (now) {
                  pool.shutdownNow();
                } else {
                  pool.shutdown();
                }
                // BUG: Diagnostic contains: RejectedExecutionException
                pool.execute(() -> System.out.println("late"));
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_submitAfterClose() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void run() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.submit(() -> System.out.println("work"));
                pool.close();
                // BUG: Diagnostic contains: (line 7)
                pool.submit(() -> System.out.println("more work"));
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runAsyncOnAShutDownExecutor() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            class Test {
              void stop(ExecutorService pool) {
                pool.shutdown();
                // BUG: Diagnostic contains: TaskStartedDuringCancellation
                CompletableFuture.runAsync(() -> System.out.println("late"), pool);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_shutdownHookSubmitsAfterShuttingDown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              static void install(ExecutorService pool) {
                Runtime.getRuntime()
                    .addShutdownHook(
                        new Thread(
                            () -> {
                              pool.shutdown();
                              // BUG: Diagnostic contains: shut down in this shutdown hook
                              pool.execute(() -> System.out.println("flush metrics"));
                            }));
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_shutdownInTryThenSubmitAfterIt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Test {
              void stop(ExecutorService pool) throws InterruptedException {
                try {
                  pool.shutdown();
                  pool.awaitTermination(1, TimeUnit.SECONDS);
                } finally {
                  System.out.println("stopped");
                }
                // BUG: Diagnostic contains: TaskStartedDuringCancellation
                pool.submit(() -> System.out.println("too late"));
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_recordMethodWithSwitchInHandler() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            record Test(Executor pool, int mode) {
              void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  switch (mode) {
                    case 0 -> {}
                    default ->
                        // BUG: Diagnostic contains: TaskStartedDuringCancellation
                        pool.execute(() -> System.out.println("mode " + mode));
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_invokeAllInInterruptHandler() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            class Test {
              void flush(ExecutorService pool, List<Callable<Void>> flushes) throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  // BUG: Diagnostic contains: (invokeAll)
                  pool.invokeAll(flushes);
                  throw e;
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_retryOnOrdinaryFailure() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              void retry(ExecutorService pool, Future<?> first, Runnable job)
                  throws InterruptedException {
                try {
                  first.get();
                } catch (ExecutionException e) {
                  pool.submit(job);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_multiCatchAlsoRunsOnOrdinaryFailures() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              void fallback(ExecutorService backup, Future<?> first, Runnable job) {
                try {
                  first.get();
                } catch (InterruptedException | ExecutionException e) {
                  if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  backup.execute(job);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_genericCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              void report(Executor pool, Runnable job) {
                try {
                  job.run();
                } catch (RuntimeException e) {
                  pool.execute(() -> System.out.println("failed: " + e));
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_elseBranchOfInstanceofIsNotAnInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              Object await(Future<Object> reply, ExecutorService pool) {
                try {
                  return reply.get();
                } catch (Exception e) {
                  if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                  } else {
                    pool.execute(() -> System.out.println("retry"));
                  }
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_lambdaDefinedInHandlerRunsLater() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              Runnable onStop;

              void pause(Executor pool) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  onStop = () -> pool.execute(() -> System.out.println("stopped"));
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_anonymousClassMethodInHandlerIsItsOwnCode() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              Runnable onStop;

              void pause(Executor pool, Executor other) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  onStop =
                      new Runnable() {
                        @Override
                        public void run() {
                          other.execute(() -> System.out.println("later"));
                        }
                      };
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_threadCreatedButNotStarted() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              Thread pending;

              void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  pending = new Thread(() -> System.out.println("later"));
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_handlerRestoresAndReturns() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              void pollLoop(Executor pool) {
                while (true) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  pool.execute(() -> System.out.println("tick"));
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_submitBeforeShutdown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Test {
              void drain(ExecutorService pool) throws InterruptedException {
                pool.submit(() -> System.out.println("last batch"));
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_shutdownOnOnlyOnePath() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              void maybe(ExecutorService pool, boolean closing) {
                if (closing) {
                  pool.shutdown();
                }
                if (!pool.isShutdown()) {
                  pool.execute(() -> System.out.println("work"));
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_replacedAfterShutdown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              private ExecutorService pool = Executors.newSingleThreadExecutor();

              void restart() {
                pool.shutdownNow();
                pool = Executors.newSingleThreadExecutor();
                pool.execute(() -> System.out.println("fresh"));
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_otherExecutorWasShutDown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              void handOver(ExecutorService old, ExecutorService next) {
                old.shutdown();
                next.execute(() -> System.out.println("moved"));
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_shutdownMayHaveThrown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              void stop(ExecutorService pool) {
                try {
                  pool.shutdown();
                } catch (SecurityException e) {
                  pool.execute(() -> System.out.println("could not stop, still running"));
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_shutdownLaterInTheLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            class Test {
              void feed(ExecutorService pool, List<Runnable> jobs) {
                for (int i = 0; i < jobs.size(); i++) {
                  pool.execute(jobs.get(i));
                  if (i == jobs.size() - 1) {
                    pool.shutdown();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_shutdownInAnotherMethod() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              private final ExecutorService pool;

              Test(ExecutorService pool) {
                this.pool = pool;
              }

              void stop() {
                pool.shutdown();
              }

              void work() {
                pool.execute(() -> System.out.println("work"));
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_shutdownHookThatStartsNothingAfterShutdown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Test {
              static void install(ExecutorService pool) {
                Runtime.getRuntime()
                    .addShutdownHook(
                        new Thread(
                            () -> {
                              pool.shutdown();
                              try {
                                pool.awaitTermination(5, TimeUnit.SECONDS);
                              } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                              }
                            }));
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_noStartsAtAllAndFieldInitializers() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Test {
              static final CompletableFuture<Void> WARM =
                  CompletableFuture.runAsync(() -> System.out.println("warm"));

              void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_startInTryBlockOfAHandlerTryIsNotInTheCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              void work(Executor pool) {
                try {
                  pool.execute(() -> System.out.println("work"));
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
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
            import java.util.concurrent.Executor;
            class Test {
              @SuppressWarnings("TaskStartedDuringCancellation")
              void pause(Executor pool) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  pool.execute(() -> System.out.println("bye"));
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- no fix

  @Test
  void fix_noneForWorkStartedInAHandler() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              void pause(Executor pool) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  pool.execute(() -> System.out.println("bye"));
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_noneForWorkStartedAfterShutdown() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              void stop(ExecutorService pool) {
                pool.shutdown();
                pool.execute(() -> System.out.println("late"));
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }
}
