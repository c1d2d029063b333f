package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class TimeoutWithoutCancelTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TimeoutWithoutCancel.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(TimeoutWithoutCancel.class, getClass());

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_caughtThenReturnsFallback() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                try {
                  // BUG: Diagnostic contains: the TimeoutException is caught (line 8)
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return "fallback";
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_caughtLoggedAndFallsThrough() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String result;
              void refresh(ExecutorService pool) throws Exception {
                Future<String> job = pool.submit(() -> "fresh");
                try {
                  // BUG: Diagnostic contains: keeps running as a zombie
                  result = job.get(2, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  System.err.println("refresh timed out, keeping old value");
                }
                System.out.println(result);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_propagatesOutOfTheMethod() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              int compute(ExecutorService pool) throws InterruptedException, ExecutionException,
                  TimeoutException {
                Future<Integer> sum = pool.submit(() -> 1 + 1);
                // BUG: Diagnostic contains: propagates out of the method without cancelling
                return sum.get(100, TimeUnit.MILLISECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_propagatesThroughFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              int compute(ExecutorService pool) throws Exception {
                Future<Integer> sum = pool.submit(() -> 1 + 1);
                try {
                  // BUG: Diagnostic contains: propagates out of the method
                  return sum.get(100, TimeUnit.MILLISECONDS);
                } finally {
                  System.out.println("done waiting");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_caughtThroughCatchException() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) {
                Future<String> page = pool.submit(() -> "page");
                try {
                  // BUG: Diagnostic contains: caught (line 8)
                  return page.get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_multiCatchWrapsAndThrows() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws InterruptedException {
                Future<String> page = pool.submit(() -> "page");
                try {
                  // BUG: Diagnostic contains: the method throws without cancelling
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                  throw new IllegalStateException("download failed", e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_cancelOnOneBranchOnly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              boolean strict;
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                try {
                  // BUG: Diagnostic contains: TimeoutWithoutCancel
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  if (strict) {
                    page.cancel(true);
                  }
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_cancelOnlyInTheOtherCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws InterruptedException {
                Future<String> page = pool.submit(() -> "page");
                try {
                  // BUG: Diagnostic contains: TimeoutWithoutCancel
                  return page.get(5, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                  page.cancel(true);
                  return null;
                } catch (TimeoutException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_cancelAfterTheTryIsNotOnTheReturningPath() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                String body;
                try {
                  // BUG: Diagnostic contains: TimeoutWithoutCancel
                  body = page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return null;
                }
                page.cancel(true);
                return body;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_supplyAsyncCompletableFuture() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(Executor pool) throws Exception {
                CompletableFuture<String> page = CompletableFuture.supplyAsync(() -> "page", pool);
                try {
                  // BUG: Diagnostic contains: A CompletableFuture cannot interrupt its computation
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureNotKeptButItsPoolEndedOnEveryWayOut() {
    // The finally's shutdownNow() interrupts the task when the wait times out.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void cleanup() {
                ExecutorService runner = Executors.newWorkStealingPool();
                try {
                  runner.submit(() -> {
                    System.out.println("cleaning");
                    return null;
                  }).get(30L, TimeUnit.SECONDS);
                } catch (InterruptedException | ExecutionException | TimeoutException e) {
                  throw new RuntimeException(e.getMessage(), e);
                } finally {
                  runner.shutdownNow();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_futureNotKeptAndThePoolEndedOnlyOnSomePathsOrAnotherPool() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                try {
                  // BUG: Diagnostic contains: whose future is not kept
                  return pool.submit(() -> "page").get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return null;
                } finally {
                  if (pool.isTerminated()) {
                    pool.shutdownNow();
                  }
                }
              }

              String fetchAndEndAnother(ExecutorService pool, ExecutorService other) throws Exception {
                try {
                  // BUG: Diagnostic contains: whose future is not kept
                  return pool.submit(() -> "page").get(5, TimeUnit.SECONDS);
                } finally {
                  other.shutdownNow();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_futureOfSubmitNotKept() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                try {
                  // BUG: Diagnostic contains: whose future is not kept
                  return pool.submit(() -> "page").get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runAsyncNotKept() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void warmUp() throws Exception {
                // BUG: Diagnostic contains: nothing can cancel the task
                CompletableFuture.runAsync(() -> {}).get(1, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_retryLoopLeavesAZombiePerAttempt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool, Callable<String> call) throws Exception {
                for (int attempt = 0; attempt < 3; attempt++) {
                  Future<String> page = pool.submit(call);
                  try {
                    // BUG: Diagnostic contains: TimeoutWithoutCancel
                    return page.get(1, TimeUnit.SECONDS);
                  } catch (TimeoutException e) {
                    continue;
                  }
                }
                throw new IllegalStateException("no answer");
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_insideALambdaTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              Future<String> outer(ExecutorService pool, ExecutorService io) {
                return pool.submit(
                    () -> {
                      Future<String> inner = io.submit(() -> "data");
                      try {
                        // BUG: Diagnostic contains: TimeoutWithoutCancel
                        return inner.get(1, TimeUnit.SECONDS);
                      } catch (TimeoutException e) {
                        return "late";
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_scheduledTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              Integer probe(ScheduledExecutorService timer) throws Exception {
                ScheduledFuture<Integer> ping = timer.schedule(() -> 42, 10, TimeUnit.MILLISECONDS);
                try {
                  // BUG: Diagnostic contains: TimeoutWithoutCancel
                  return ping.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return -1;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_doneBranchWaitsButTheOtherLeaves() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                try {
                  // BUG: Diagnostic contains: TimeoutWithoutCancel
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  if (page.isDone()) {
                    return page.get();
                  }
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_recordVarAndSwitchExpressionInCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            record Fetcher(ExecutorService pool, int mode) {
              <T> T fetch(Callable<T> call, T fallback) throws Exception {
                var job = pool.submit(call);
                try {
                  // BUG: Diagnostic contains: TimeoutWithoutCancel
                  return job.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return switch (mode) {
                    case 0 -> fallback;
                    default -> throw new IllegalStateException(e);
                  };
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_orTimeoutOnSupplyAsyncChain() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String render(Executor pool) {
                return CompletableFuture.supplyAsync(() -> "report", pool)
                    .thenApply(String::toUpperCase)
                    // BUG: Diagnostic contains: orTimeout(..) completes this future
                    .orTimeout(2, TimeUnit.SECONDS)
                    .join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_completeOnTimeoutOnOwnedLocal() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String quote(Executor pool) {
                CompletableFuture<String> price = CompletableFuture.supplyAsync(() -> "42", pool);
                // BUG: Diagnostic contains: completeOnTimeout(..) completes this future
                price.completeOnTimeout("n/a", 300, TimeUnit.MILLISECONDS);
                return price.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_patternSwitchAndNestedLambdasAroundTheWait() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.function.*;
            class Test {
              sealed interface Job permits Fetch, Render {}
              record Fetch(String url) implements Job {}
              record Render(int pages) implements Job {}
              Object run(Job job, ExecutorService pool) throws Exception {
                Supplier<Supplier<Object>> fallback = () -> () -> "none";
                Future<Object> result =
                    pool.submit(
                        () ->
                            switch (job) {
                              case Fetch(String url) -> url;
                              case Render r -> {
                                int pages = r.pages();
                                yield pages;
                              }
                            });
                try {
                  // BUG: Diagnostic contains: TimeoutWithoutCancel
                  return result.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  if (job instanceof Fetch(var url) && url.isEmpty()) {
                    result.cancel(true);
                  }
                  return fallback.get().get();
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_cancelInTheCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                try {
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  System.err.println("slow");
                  page.cancel(true);
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_cancelInFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                try {
                  return page.get(5, TimeUnit.SECONDS);
                } finally {
                  page.cancel(true);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_cancelAndRethrow() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                try {
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  page.cancel(true);
                  throw e;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_cancelAfterTheTryOnTheFallThroughPath() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                String body = null;
                try {
                  body = page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  System.err.println("slow");
                }
                page.cancel(true);
                return body;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_cancelOnlyWhenNotDone() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                try {
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  if (!page.isDone()) {
                    page.cancel(true);
                  }
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureHandedInByTheCaller() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String await(Future<String> page) throws Exception {
                try {
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureInAField() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private Future<String> loading;
              String peek() throws Exception {
                try {
                  return loading.get(10, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                  return "still loading";
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureOfUnknownOrigin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              interface Client {
                Future<String> call();
              }
              String fetch(Client client) throws Exception {
                Future<String> reply = client.call();
                try {
                  return reply.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureReturnedToTheCaller() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              Future<String> start(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                try {
                  page.get(10, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                  System.err.println("not ready yet; the caller gets the future");
                }
                return page;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureStoredForLater() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.*;
            import java.util.concurrent.*;
            class Test {
              private final List<Future<?>> pending = new ArrayList<>();
              void commit(ExecutorService pool, Runnable write) throws Exception {
                Future<?> commit = pool.submit(write);
                try {
                  commit.get(2, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  pending.add(commit);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_shieldKeepsWaitingForTheCommit() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String commit(ExecutorService commits, Callable<String> write) throws Exception {
                Future<String> receipt = commits.submit(write);
                try {
                  return receipt.get(2, TimeUnit.SECONDS);
                } catch (TimeoutException slow) {
                  System.err.println("commit is slow; it must finish, waiting for it");
                  return receipt.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_waitsAgainUntilDone() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                while (true) {
                  try {
                    return page.get(1, TimeUnit.SECONDS);
                  } catch (TimeoutException e) {
                    System.err.println("still waiting");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_watchdogLambdaCancels() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool, ScheduledExecutorService timer) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                timer.schedule(() -> page.cancel(true), 30, TimeUnit.SECONDS);
                try {
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_executorShutdownNowOnTheWayOut() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch() throws Exception {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                try {
                  Future<String> page = pool.submit(() -> "page");
                  return page.get(5, TimeUnit.SECONDS);
                } finally {
                  pool.shutdownNow();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_executorClosedByTryWithResources() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch() throws Exception {
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                  Future<String> page = pool.submit(() -> "page");
                  return page.get(5, TimeUnit.SECONDS);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_untimedWaitIsNotThisCheck() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                return page.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_orTimeoutResultHandedToTheCaller() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              CompletableFuture<String> render(Executor pool) {
                return CompletableFuture.supplyAsync(() -> "report", pool)
                    .orTimeout(2, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_orTimeoutOnAFutureHandedIn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String render(CompletableFuture<String> report) {
                return report.orTimeout(2, TimeUnit.SECONDS).join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_completeOnTimeoutOnACopyWhileTheOriginalIsAwaited() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String cachedQuote;
              String quote(Executor pool) {
                CompletableFuture<String> price = CompletableFuture.supplyAsync(() -> "42", pool);
                String shown = price.copy().completeOnTimeout("n/a", 300, TimeUnit.MILLISECONDS).join();
                cachedQuote = price.join();
                return shown;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_getInsideAFutureImplementation() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            abstract class Test<V> implements Future<V> {
              V quick() throws Exception {
                try {
                  return get(1, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_anonymousClassAndNestedLambdas() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.function.*;
            class Test {
              Supplier<Supplier<String>> nested(Future<String> page) {
                return () -> () -> {
                  try {
                    return page.get(1, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    return null;
                  }
                };
              }
              Runnable anonymous(ExecutorService pool) {
                return new Runnable() {
                  @Override
                  public void run() {
                    Future<?> job = pool.submit(() -> {});
                    try {
                      job.get(1, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                      job.cancel(true);
                    } catch (InterruptedException | ExecutionException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                };
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
            import java.util.concurrent.*;
            class Test {
              static final ExecutorService POOL = Executors.newCachedThreadPool();
              static String warm;
              static {
                Future<String> loading = POOL.submit(() -> "x");
                try {
                  warm = loading.get(1, TimeUnit.SECONDS);
                } catch (Exception e) {
                  warm = null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_orTimeoutOfAFutureSubclassOnItself() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test<T> extends CompletableFuture<T> {
              Test<T> bounded() {
                orTimeout(1, TimeUnit.SECONDS);
                return this;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_orTimeoutOnAnOwnedFutureThatIsReturned() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              CompletableFuture<String> render(Executor pool) {
                CompletableFuture<String> report = CompletableFuture.supplyAsync(() -> "r", pool);
                report.orTimeout(2, TimeUnit.SECONDS);
                return report;
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
            import java.util.concurrent.*;
            class Test {
              @SuppressWarnings("TimeoutWithoutCancel")
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                try {
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  @Test
  void fix_cancelFirstInTheCatch() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                Future<String> page = pool.submit(() -> "page");
                try {
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  System.err.println("slow");
                  return null;
                }
              }
            }
            """)
        .addOutputLines("Test.java", CANCEL_FIRST_IN_THE_CATCH_FIXED)
        .doTest();
  }

  @Test
  void fix_cancelInAnEmptyCatch() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String result;
              void refresh(ExecutorService pool) throws Exception {
                Future<String> job = pool.submit(() -> "fresh");
                try {
                  result = job.get(2, TimeUnit.SECONDS);
                } catch (TimeoutException e) {}
              }
            }
            """)
        .addOutputLines("Test.java", CANCEL_IN_AN_EMPTY_CATCH_FIXED)
        .doTest();
  }

  @Test
  void fix_addsACatchThatCancelsAndRethrowsToTheTry() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            class Test {
              int compute(ExecutorService pool) throws Exception {
                Future<Integer> sum = pool.submit(() -> 1 + 1);
                try {
                  return sum.get(100, TimeUnit.MILLISECONDS);
                } finally {
                  System.out.println("done waiting");
                }
              }
            }
            """)
        .addOutputLines("Test.java", ADDS_A_CATCH_THAT_CANCELS_AND_RETHROWS_TO_THE_TRY_FIXED)
        .doTest();
  }

  @Test
  void fix_wrapsTheRestOfTheBlockWhenNoTryHoldsTheWait() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              int compute(ExecutorService pool) throws Exception {
                Future<Integer> sum = pool.submit(() -> 1 + 1);
                int value = sum.get(100, TimeUnit.MILLISECONDS);
                System.out.println(value);
                return value * 2;
              }
            }
            """)
        .addOutputLines("Test.java", WRAPS_THE_REST_OF_THE_BLOCK_WHEN_NO_TRY_HOLDS_THE_WAIT_FIXED)
        .doTest();
  }

  @Test
  void fix_freshNameWhenTimeoutIsTaken() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              int compute(ExecutorService pool, long timeout) throws Exception {
                Future<Integer> sum = pool.submit(() -> 1 + 1);
                try {
                  return sum.get(timeout, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                  return -1;
                }
              }
            }
            """)
        .addOutputLines("Test.java", FRESH_NAME_WHEN_TIMEOUT_IS_TAKEN_FIXED)
        .doTest();
  }

  @Test
  void fix_completableFutureCancelsWithoutTheInterruptFlag() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(Executor pool) throws Exception {
                CompletableFuture<String> page = CompletableFuture.supplyAsync(() -> "page", pool);
                try {
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return null;
                }
              }
            }
            """)
        .addOutputLines("Test.java", COMPLETABLE_FUTURE_CANCELS_WITHOUT_THE_INTERRUPT_FLAG_FIXED)
        .doTest();
  }

  @Test
  void fix_futureDeclaredInTheTryGetsItsOwnCatch() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                try {
                  Future<String> page = pool.submit(() -> "page");
                  return page.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return null;
                }
              }
            }
            """)
        .addOutputLines("Test.java", FUTURE_DECLARED_IN_THE_TRY_GETS_ITS_OWN_CATCH_FIXED)
        .doTest();
  }

  @Test
  void fix_futureDeclaredInTheTryGetsItsOwnCatch_leavesNoFindingForAnyCheck() {
    EveryCheck.helper(getClass())
        .addSourceLines("Test.java", FUTURE_DECLARED_IN_THE_TRY_GETS_ITS_OWN_CATCH_FIXED)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void fix_noneWhenTheFutureWasNeverKept() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool) throws Exception {
                try {
                  return pool.submit(() -> "page").get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  return null;
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_cancelFirstInTheCatch_leavesNoFindingForAnyCheck() {
    EveryCheck.helper(getClass())
        .addSourceLines("Test.java", CANCEL_FIRST_IN_THE_CATCH_FIXED)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void fix_cancelInAnEmptyCatch_leavesNoFindingForAnyCheck() {
    EveryCheck.helper(getClass())
        .addSourceLines("Test.java", CANCEL_IN_AN_EMPTY_CATCH_FIXED)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void fix_addsACatchThatCancelsAndRethrowsToTheTry_leavesNoFindingForAnyCheck() {
    EveryCheck.helper(getClass())
        .addSourceLines("Test.java", ADDS_A_CATCH_THAT_CANCELS_AND_RETHROWS_TO_THE_TRY_FIXED)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void fix_wrapsTheRestOfTheBlockWhenNoTryHoldsTheWait_leavesNoFindingForAnyCheck() {
    EveryCheck.helper(getClass())
        .addSourceLines("Test.java", WRAPS_THE_REST_OF_THE_BLOCK_WHEN_NO_TRY_HOLDS_THE_WAIT_FIXED)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void fix_freshNameWhenTimeoutIsTaken_leavesNoFindingForAnyCheck() {
    EveryCheck.helper(getClass())
        .addSourceLines("Test.java", FRESH_NAME_WHEN_TIMEOUT_IS_TAKEN_FIXED)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void fix_completableFutureCancelsWithoutTheInterruptFlag_leavesNoFindingForAnyCheck() {
    EveryCheck.helper(getClass())
        .addSourceLines("Test.java", COMPLETABLE_FUTURE_CANCELS_WITHOUT_THE_INTERRUPT_FLAG_FIXED)
        .expectNoDiagnostics()
        .doTest();
  }

  private static final String CANCEL_FIRST_IN_THE_CATCH_FIXED =
      """
      import java.util.concurrent.*;
      class Test {
        String fetch(ExecutorService pool) throws Exception {
          Future<String> page = pool.submit(() -> "page");
          try {
            return page.get(5, TimeUnit.SECONDS);
          } catch (TimeoutException e) {
            page.cancel(true);
            System.err.println("slow");
            return null;
          }
        }
      }
      """;

  private static final String CANCEL_IN_AN_EMPTY_CATCH_FIXED =
      """
      import java.util.concurrent.*;
      class Test {
        String result;
        void refresh(ExecutorService pool) throws Exception {
          Future<String> job = pool.submit(() -> "fresh");
          try {
            result = job.get(2, TimeUnit.SECONDS);
          } catch (TimeoutException e) {
            job.cancel(true);
          }
        }
      }
      """;

  private static final String ADDS_A_CATCH_THAT_CANCELS_AND_RETHROWS_TO_THE_TRY_FIXED =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.TimeoutException;
      class Test {
        int compute(ExecutorService pool) throws Exception {
          Future<Integer> sum = pool.submit(() -> 1 + 1);
          try {
            return sum.get(100, TimeUnit.MILLISECONDS);
          } catch (TimeoutException timeout) {
            sum.cancel(true);
            throw timeout;
          } finally {
            System.out.println("done waiting");
          }
        }
      }
      """;

  private static final String WRAPS_THE_REST_OF_THE_BLOCK_WHEN_NO_TRY_HOLDS_THE_WAIT_FIXED =
      """
      import java.util.concurrent.*;
      class Test {
        int compute(ExecutorService pool) throws Exception {
          Future<Integer> sum = pool.submit(() -> 1 + 1);
          try {
            int value = sum.get(100, TimeUnit.MILLISECONDS);
            System.out.println(value);
            return value * 2;
          } catch (TimeoutException timeout) {
            sum.cancel(true);
            throw timeout;
          }
        }
      }
      """;

  private static final String FRESH_NAME_WHEN_TIMEOUT_IS_TAKEN_FIXED =
      """
      import java.util.concurrent.*;
      class Test {
        int compute(ExecutorService pool, long timeout) throws Exception {
          Future<Integer> sum = pool.submit(() -> 1 + 1);
          try {
            return sum.get(timeout, TimeUnit.MILLISECONDS);
          } catch (TimeoutException timedOut) {
            sum.cancel(true);
            throw timedOut;
          } catch (ExecutionException e) {
            return -1;
          }
        }
      }
      """;

  private static final String COMPLETABLE_FUTURE_CANCELS_WITHOUT_THE_INTERRUPT_FLAG_FIXED =
      """
      import java.util.concurrent.*;
      class Test {
        String fetch(Executor pool) throws Exception {
          CompletableFuture<String> page = CompletableFuture.supplyAsync(() -> "page", pool);
          try {
            return page.get(5, TimeUnit.SECONDS);
          } catch (TimeoutException e) {
            page.cancel(false);
            return null;
          }
        }
      }
      """;

  private static final String FUTURE_DECLARED_IN_THE_TRY_GETS_ITS_OWN_CATCH_FIXED =
      """
      import java.util.concurrent.*;
      class Test {
        String fetch(ExecutorService pool) throws Exception {
          try {
            Future<String> page = pool.submit(() -> "page");
            try {
              return page.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException timeout) {
              page.cancel(true);
              throw timeout;
            }
          } catch (TimeoutException e) {
            return null;
          }
        }
      }
      """;
}
