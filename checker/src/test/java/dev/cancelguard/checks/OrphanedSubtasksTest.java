package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OrphanedSubtasksTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(OrphanedSubtasks.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(OrphanedSubtasks.class, getClass());

  /** Every CancelGuard check, to show a fixed program is clean. */
  private final CompilationTestHelper allChecks =
      CompilationTestHelper.newInstance(
          ScannerSupplier.fromBugCheckerClasses(OrphanedSubtasks.class, SwallowedInterrupt.class),
          getClass());

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_listOfFuturesPropagatesFailure() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<byte[]> downloadAll(ExecutorService pool, List<String> urls)
                  throws InterruptedException, ExecutionException {
                List<Future<byte[]>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> fetch(url)));
                }
                List<byte[]> images = new ArrayList<>();
                for (Future<byte[]> f : futures) {
                  // BUG: Diagnostic contains: lets the exception propagate while the other futures in `futures` still run
                  images.add(f.get());
                }
                return images;
              }

              static byte[] fetch(String url) {
                return new byte[0];
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_consumedErrorReturnsPartialResults() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> loadAll(ExecutorService pool, List<String> ids) {
                List<Future<String>> futures = new ArrayList<>();
                for (String id : ids) {
                  futures.add(pool.submit(() -> id.toUpperCase()));
                }
                List<String> done = new ArrayList<>();
                try {
                  for (Future<String> f : futures) {
                    // BUG: Diagnostic contains: returns (line 23) while the other futures
                    done.add(f.get());
                  }
                } catch (ExecutionException e) {
                  System.err.println("one failed: " + e.getCause());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return done;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_breakOutOfTheWaitingLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              int countUntilFailure(ExecutorService pool, List<Integer> xs) {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int x : xs) {
                  futures.add(pool.submit(() -> x * 2));
                }
                int sum = 0;
                for (Future<Integer> f : futures) {
                  try {
                    // BUG: Diagnostic contains: OrphanedSubtasks
                    sum += f.get();
                  } catch (ExecutionException e) {
                    break;
                  } catch (InterruptedException e) {
                    futures.forEach(x -> x.cancel(true));
                    Thread.currentThread().interrupt();
                    return -1;
                  }
                }
                return sum;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptRestoredThenReturn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetch(ExecutorService pool, List<String> urls) {
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                List<String> pages = new ArrayList<>();
                for (Future<String> f : futures) {
                  try {
                    // BUG: Diagnostic contains: If this wait fails or is interrupted, the method returns (line 19)
                    pages.add(f.get());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                  } catch (ExecutionException e) {
                    pages.add("");
                  }
                }
                return pages;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_wrappedAndThrown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.ExecutorService;
            class Test {
              List<String> fetch(ExecutorService pool, List<String> urls) {
                List<CompletableFuture<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(CompletableFuture.supplyAsync(() -> url, pool));
                }
                List<String> pages = new ArrayList<>();
                for (CompletableFuture<String> f : futures) {
                  try {
                    // BUG: Diagnostic contains: throws (line 18)
                    pages.add(f.join());
                  } catch (CompletionException e) {
                    throw new IllegalStateException("download failed", e.getCause());
                  }
                }
                return pages;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_twoLocalFuturesFirstWaitFails() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              String profile(ExecutorService pool, String user)
                  throws InterruptedException, ExecutionException {
                Future<String> name = pool.submit(() -> user.trim());
                Future<Integer> score = pool.submit(() -> user.length());
                // BUG: Diagnostic contains: while `name`, `score` still run
                String n = name.get();
                return n + score.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_allOfJoinOfSupplyAsyncLocals() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            class Test {
              String both(ExecutorService pool) {
                CompletableFuture<String> left = CompletableFuture.supplyAsync(() -> "l", pool);
                CompletableFuture<String> right = CompletableFuture.supplyAsync(() -> "r", pool);
                // BUG: Diagnostic contains: `left`, `right`
                CompletableFuture.allOf(left, right).join();
                return left.join() + right.join();
              }
            }
            """)
        .doTest();
  }

  /**
   * The cheap test before collecting starts looks only at the code that runs with the code unit:
   * siblings started in a block lambda are the lambda's, found when the lambda is checked, and the
   * method around it (which starts nothing itself) is not reported for them.
   */
  @Test
  void positive_siblingsStartedInABlockLambdaAreTheLambdas() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.function.Supplier;
            class Test {
              Supplier<String> later(ExecutorService pool) {
                return () -> {
                  CompletableFuture<String> left = CompletableFuture.supplyAsync(() -> "l", pool);
                  CompletableFuture<String> right = CompletableFuture.supplyAsync(() -> "r", pool);
                  // BUG: Diagnostic contains: `left`, `right`
                  CompletableFuture.allOf(left, right).join();
                  return left.join() + right.join();
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_allOfOverTheArrayOfAList() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            class Test {
              void warmAll(List<String> keys) {
                List<CompletableFuture<Void>> futures = new ArrayList<>();
                for (String key : keys) {
                  futures.add(CompletableFuture.runAsync(() -> key.hashCode()));
                }
                // BUG: Diagnostic contains: the other futures in `futures`
                CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_futuresFromAStreamMap() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<Integer> lengths(ExecutorService pool, List<String> words)
                  throws InterruptedException, ExecutionException {
                var futures = words.stream().map(w -> pool.submit(() -> w.length())).toList();
                List<Integer> out = new ArrayList<>();
                for (Future<Integer> f : futures) {
                  // BUG: Diagnostic contains: OrphanedSubtasks
                  out.add(f.get());
                }
                return out;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_streamJoinOfCompletableFutures() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            class Test {
              List<String> all(List<String> ids) {
                List<CompletableFuture<String>> futures = new ArrayList<>();
                for (String id : ids) {
                  futures.add(CompletableFuture.supplyAsync(() -> id + "!"));
                }
                // BUG: Diagnostic contains: If this wait fails or is interrupted
                return futures.stream().map(CompletableFuture::join).toList();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_indexLoopOverTheList() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              long total(ExecutorService pool, int parts) throws InterruptedException, ExecutionException {
                List<Future<Long>> futures = new ArrayList<>();
                for (int i = 0; i < parts; i++) {
                  long part = i;
                  futures.add(pool.submit(() -> part * part));
                }
                long total = 0;
                for (int i = 0; i < futures.size(); i++) {
                  // BUG: Diagnostic contains: OrphanedSubtasks
                  total += futures.get(i).get();
                }
                return total;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_arrayOfFutures() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              int sum(ExecutorService pool, int[] xs) throws InterruptedException, ExecutionException {
                @SuppressWarnings("unchecked")
                Future<Integer>[] futures = new Future[xs.length];
                for (int i = 0; i < xs.length; i++) {
                  int x = xs[i];
                  futures[i] = pool.submit(() -> x + 1);
                }
                int sum = 0;
                for (Future<Integer> f : futures) {
                  // BUG: Diagnostic contains: OrphanedSubtasks
                  sum += f.get();
                }
                return sum;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptedWhileSleepingBeforeTheWaits() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> poll(ExecutorService pool, List<String> hosts)
                  throws InterruptedException, ExecutionException {
                List<Future<String>> futures = new ArrayList<>();
                for (String host : hosts) {
                  futures.add(pool.submit(() -> host));
                }
                // BUG: Diagnostic contains: If this call is interrupted
                Thread.sleep(100);
                List<String> out = new ArrayList<>();
                for (Future<String> f : futures) {
                  out.add(f.get());
                }
                return out;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_taskWaitsForANestedFutureAndReturnsOnInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              Future<String> render(ExecutorService pool, ExecutorService io, String url) {
                return pool.submit(
                    () -> {
                      Future<String> body = io.submit(() -> url.repeat(2));
                      try {
                        // BUG: Diagnostic contains: the task returns (line 14) without cancelling `body`
                        return body.get().trim();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return "";
                      } catch (ExecutionException e) {
                        return "failed";
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_taskStartsAThreadAndLeavesItRunningOnInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void consume(ExecutorService pool, BlockingQueue<String> queue) {
                pool.execute(
                    () -> {
                      Thread progress = new Thread(() -> System.out.println("working"));
                      progress.start();
                      try {
                        // BUG: Diagnostic contains: without interrupting thread `progress`
                        System.out.println(queue.take());
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                      progress.interrupt();
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runOfARunnableStartsRunAsync() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Executor;
            class Test implements Runnable {
              private final BlockingQueue<String> queue;
              private final Executor cachePool;

              Test(BlockingQueue<String> queue, Executor cachePool) {
                this.queue = queue;
                this.cachePool = cachePool;
              }

              @Override
              public void run() {
                CompletableFuture<Void> warm = CompletableFuture.runAsync(() -> warmCache(), cachePool);
                String job;
                try {
                  // BUG: Diagnostic contains: without cancelling `warm`
                  job = queue.take();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                warm.join();
                System.out.println(job);
              }

              private static void warmCache() {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadsJoinedInALoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            class Test {
              void crawl(List<String> sites) throws InterruptedException {
                List<Thread> workers = new ArrayList<>();
                for (String site : sites) {
                  Thread t = new Thread(() -> System.out.println(site));
                  t.start();
                  workers.add(t);
                }
                for (Thread t : workers) {
                  // BUG: Diagnostic contains: the other threads in `workers`
                  t.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_timeoutOnOneOfSeveral() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Test {
              String quote(ExecutorService pool)
                  throws InterruptedException, ExecutionException, TimeoutException {
                Future<String> a = pool.submit(() -> "a");
                Future<String> b = pool.submit(() -> "b");
                // BUG: Diagnostic contains: `a`, `b`
                String first = a.get(1, TimeUnit.SECONDS);
                return first + b.get(1, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_retryLoopStartsNewSubtasksOverOrphans() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              String tryTwice(ExecutorService pool) {
                for (int attempt = 0; attempt < 2; attempt++) {
                  Future<String> a = pool.submit(() -> "a");
                  Future<String> b = pool.submit(() -> "b");
                  try {
                    // BUG: Diagnostic contains: starts new sub-tasks (line 8)
                    return a.get() + b.get();
                  } catch (ExecutionException e) {
                    System.err.println("retrying: " + e);
                  } catch (InterruptedException e) {
                    a.cancel(true);
                    b.cancel(true);
                    Thread.currentThread().interrupt();
                    return "";
                  }
                }
                return "";
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_inARecordWithSwitchAndVar() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            record Test(ExecutorService pool) {
              int score(Object key) throws InterruptedException, ExecutionException {
                var futures = new ArrayList<Future<Integer>>();
                for (int i = 0; i < 3; i++) {
                  int n = i;
                  futures.add(pool.submit(() -> switch (key) {
                    case String s -> s.length() + n;
                    default -> n;
                  }));
                }
                int total = 0;
                for (var f : futures) {
                  // BUG: Diagnostic contains: OrphanedSubtasks
                  total += f.get();
                }
                return total;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_consumedFailureAndPropagatedInterruptBothNamed() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> sheet(ExecutorService pool, List<String> ids) throws InterruptedException {
                List<Future<String>> renders = new ArrayList<>();
                for (String id : ids) {
                  renders.add(pool.submit(() -> id));
                }
                List<String> sheet = new ArrayList<>();
                for (Future<String> render : renders) {
                  try {
                    // BUG: Diagnostic contains: the method returns (line 21) or lets the exception propagate
                    sheet.add(render.get());
                  } catch (ExecutionException e) {
                    break;
                  }
                }
                return sheet;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_virtualThreadsStartedByABuilderInATask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.CountDownLatch;
            class Test implements Callable<String> {
              private final CountDownLatch ready = new CountDownLatch(1);

              @Override
              public String call() throws InterruptedException {
                Thread heartbeat = Thread.ofVirtual().start(() -> System.out.println("alive"));
                // BUG: Diagnostic contains: without interrupting thread `heartbeat`
                ready.await();
                heartbeat.interrupt();
                return "ok";
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_interruptedThenJoinedInTheFinally() {
    // A wait that follows the thread's cancel on every path: if it is cut short, the thread was
    // already asked to stop. Where the cancel may not run (under an if), it is still reported.
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void copy(Process process) throws InterruptedException {
                Thread errors = new Thread(() -> System.out.println("drain"));
                Thread output = new Thread(() -> System.out.println("drain"));
                errors.start();
                output.start();
                try {
                  process.waitFor();
                  errors.join();
                  output.join();
                } finally {
                  errors.interrupt();
                  output.interrupt();
                  try {
                    errors.join();
                    output.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }

              void copyIf(Process process, boolean stop) throws InterruptedException {
                Thread errors = new Thread(() -> System.out.println("drain"));
                Thread output = new Thread(() -> System.out.println("drain"));
                errors.start();
                output.start();
                try {
                  process.waitFor();
                  // BUG: Diagnostic contains: `errors` still run
                  errors.join();
                  output.join();
                } finally {
                  if (stop) {
                    errors.interrupt();
                  }
                  output.interrupt();
                  try {
                    errors.join();
                    output.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_finallyCancelsEveryFuture() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetch(ExecutorService pool, List<String> urls)
                  throws InterruptedException, ExecutionException {
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                try {
                  List<String> pages = new ArrayList<>();
                  for (Future<String> f : futures) {
                    pages.add(f.get());
                  }
                  return pages;
                } finally {
                  for (Future<String> f : futures) {
                    f.cancel(true);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_catchCancelsTheRestAndRethrows() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetch(ExecutorService pool, List<String> urls)
                  throws InterruptedException, ExecutionException {
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                List<String> pages = new ArrayList<>();
                for (Future<String> f : futures) {
                  try {
                    pages.add(f.get());
                  } catch (InterruptedException | ExecutionException e) {
                    for (Future<String> other : futures) {
                      if (!other.isDone()) {
                        other.cancel(true);
                      }
                    }
                    throw e;
                  }
                }
                return pages;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_indexLoopCancelsTheRestInTheCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              int sum(ExecutorService pool, int n) throws InterruptedException, ExecutionException {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                  int x = i;
                  futures.add(pool.submit(() -> x));
                }
                int sum = 0;
                for (int i = 0; i < futures.size(); i++) {
                  try {
                    sum += futures.get(i).get();
                  } catch (ExecutionException e) {
                    for (int j = i + 1; j < futures.size(); j++) {
                      futures.get(j).cancel(true);
                    }
                    throw e;
                  } catch (InterruptedException e) {
                    futures.forEach(f -> f.cancel(true));
                    throw e;
                  }
                }
                return sum;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_invokeAllCancelsForYou() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetch(ExecutorService pool, List<String> urls)
                  throws InterruptedException, ExecutionException {
                List<Callable<String>> jobs = new ArrayList<>();
                for (String url : urls) {
                  jobs.add(() -> url);
                }
                List<String> pages = new ArrayList<>();
                for (Future<String> f : pool.invokeAll(jobs)) {
                  pages.add(f.get());
                }
                return pages;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_invokeAnyCancelsTheLosers() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            class Test {
              String fastestMirror(ExecutorService pool, List<Callable<String>> mirrors)
                  throws InterruptedException, ExecutionException {
                return pool.invokeAny(mirrors);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futuresReturnedToTheCaller() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<Future<String>> startAll(ExecutorService pool, List<String> urls) throws Exception {
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                futures.get(0).get();
                return futures;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futuresHandedToAHelper() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetch(ExecutorService pool, List<String> urls) throws Exception {
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                try {
                  List<String> pages = new ArrayList<>();
                  for (Future<String> f : futures) {
                    pages.add(f.get());
                  }
                  return pages;
                } finally {
                  cancelAll(futures);
                }
              }

              static void cancelAll(List<? extends Future<?>> futures) {
                futures.forEach(f -> f.cancel(true));
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_consumedErrorKeepsWaitingForTheRest() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetchWhatWorks(ExecutorService pool, List<String> urls)
                  throws InterruptedException {
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                List<String> pages = new ArrayList<>();
                for (Future<String> f : futures) {
                  try {
                    pages.add(f.get());
                  } catch (ExecutionException e) {
                    System.err.println("skipping: " + e.getCause());
                  } catch (InterruptedException e) {
                    futures.forEach(x -> x.cancel(true));
                    throw e;
                  }
                }
                return pages;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_oneFutureInAnOrdinaryMethod() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              String load(ExecutorService pool) throws InterruptedException, ExecutionException {
                Future<String> f = pool.submit(() -> "x");
                return f.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_executorClosedByTryWithResourcesWaitsForAll() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetch(List<String> urls) throws InterruptedException, ExecutionException {
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                  List<Future<String>> futures = new ArrayList<>();
                  for (String url : urls) {
                    futures.add(pool.submit(() -> url));
                  }
                  List<String> pages = new ArrayList<>();
                  for (Future<String> f : futures) {
                    pages.add(f.get());
                  }
                  return pages;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_shutdownNowOnFailure() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetch(ExecutorService pool, List<String> urls)
                  throws InterruptedException, ExecutionException {
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                List<String> pages = new ArrayList<>();
                try {
                  for (Future<String> f : futures) {
                    pages.add(f.get());
                  }
                } catch (InterruptedException | ExecutionException e) {
                  pool.shutdownNow();
                  throw e;
                }
                return pages;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_fireAndForgetIsNeverWaitedFor() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              void notifyAll(ExecutorService pool, List<String> users) throws InterruptedException {
                List<Future<?>> sent = new ArrayList<>();
                for (String user : users) {
                  sent.add(pool.submit(() -> System.out.println(user)));
                }
                Thread.sleep(10);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_eachFutureWaitedRightAfterItsStart() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> oneByOne(ExecutorService pool, List<String> urls)
                  throws InterruptedException, ExecutionException {
                List<String> pages = new ArrayList<>();
                for (String url : urls) {
                  Future<String> f = pool.submit(() -> url);
                  pages.add(f.get());
                }
                return pages;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_secondWaitHasNothingLeftRunning() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              String pair(ExecutorService pool) throws InterruptedException, ExecutionException {
                Future<String> a = pool.submit(() -> "a");
                Future<String> b = pool.submit(() -> "b");
                String first;
                try {
                  first = a.get();
                } catch (InterruptedException | ExecutionException e) {
                  a.cancel(true);
                  b.cancel(true);
                  throw e;
                }
                try {
                  return first + b.get();
                } catch (InterruptedException e) {
                  b.cancel(true);
                  throw e;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_taskCancelsItsChildOnInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              Future<String> render(ExecutorService pool, ExecutorService io, String url) {
                return pool.submit(
                    () -> {
                      Future<String> body = io.submit(() -> url.repeat(2));
                      try {
                        return body.get().trim();
                      } catch (InterruptedException e) {
                        body.cancel(true);
                        Thread.currentThread().interrupt();
                        return "";
                      } catch (ExecutionException e) {
                        return "failed";
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_taskInterruptsItsThreadInFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void consume(ExecutorService pool, BlockingQueue<String> queue) {
                pool.execute(
                    () -> {
                      Thread progress = new Thread(() -> System.out.println("working"));
                      progress.start();
                      try {
                        System.out.println(queue.take());
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      } finally {
                        progress.interrupt();
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futuresStoredInAField() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              private List<Future<String>> inFlight;

              void start(ExecutorService pool, List<String> urls) throws Exception {
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                inFlight = futures;
                futures.get(0).get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futuresCapturedByAShutdownHook() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              void start(ExecutorService pool, List<String> urls) throws Exception {
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                Runtime.getRuntime()
                    .addShutdownHook(new Thread(() -> futures.forEach(f -> f.cancel(true))));
                for (Future<String> f : futures) {
                  f.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_allOfChainedAndReturned() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Test {
              CompletableFuture<String> both() {
                CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> "a");
                CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> "b");
                return CompletableFuture.allOf(a, b).thenApply(v -> a.join() + b.join());
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptAfterEveryFutureWasWaitedFor() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetchThenPause(ExecutorService pool, List<String> urls)
                  throws InterruptedException, ExecutionException {
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                List<String> pages = new ArrayList<>();
                try {
                  for (Future<String> f : futures) {
                    pages.add(f.get());
                  }
                } finally {
                  futures.forEach(f -> f.cancel(true));
                }
                Thread.sleep(50);
                return pages;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futuresHandedIn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Test {
              int sum(List<Future<Integer>> futures) throws InterruptedException, ExecutionException {
                int sum = 0;
                for (Future<Integer> f : futures) {
                  sum += f.get();
                }
                return sum;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_noBodyAndExpressionLambdas() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            interface Test {
              String load() throws Exception;

              static Callable<String> twice(ExecutorService pool) {
                return () -> pool.submit(() -> "a").get() + pool.submit(() -> "b").get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_anonymousClassAndNestedLambdasDoNotCrash() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              sealed interface Shape permits Circle, Square {}
              record Circle(double r) implements Shape {}
              record Square(double s) implements Shape {}

              Callable<Double> areas(ExecutorService pool, List<Shape> shapes) {
                return new Callable<>() {
                  @Override
                  public Double call() throws Exception {
                    List<Future<Double>> futures = new ArrayList<>();
                    for (Shape shape : shapes) {
                      futures.add(pool.submit(() -> switch (shape) {
                        case Circle c -> Math.PI * c.r() * c.r();
                        case Square s -> s.s() * s.s();
                      }));
                    }
                    double total = 0;
                    try {
                      for (Future<Double> f : futures) {
                        total += f.get();
                      }
                    } finally {
                      futures.forEach(f -> f.cancel(true));
                    }
                    return total;
                  }
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_mainIsNeverInterruptedButItsFailuresCount() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            public class Test {
              public static void main(String[] args) throws InterruptedException {
                Thread left = new Thread(() -> System.out.println("left"));
                Thread right = new Thread(() -> System.out.println("right"));
                left.start();
                right.start();
                left.join();
                right.join();
              }

              static class Other {
                public static void main(String[] args) throws Exception {
                  try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                    run(pool);
                  }
                }

                static void run(ExecutorService pool) throws InterruptedException, ExecutionException {
                  Future<String> a = pool.submit(() -> "a");
                  Future<String> b = pool.submit(() -> "b");
                  // BUG: Diagnostic contains: `b` still run
                  System.out.println(a.get() + b.get());
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
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              @SuppressWarnings("OrphanedSubtasks")
              void a(ExecutorService pool, List<String> urls) throws Exception {
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                for (Future<String> f : futures) {
                  f.get();
                }
              }

              void b(ExecutorService pool, List<String> urls) throws Exception {
                @SuppressWarnings("OrphanedSubtasks")
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                for (Future<String> f : futures) {
                  f.get();
                }
              }

              // Every start sits in a declaration suppressed for this check: not reported.
              void d(ExecutorService pool) throws Exception {
                List<Future<String>> futures = new ArrayList<>();
                @SuppressWarnings("OrphanedSubtasks")
                boolean a = futures.add(pool.submit(() -> "a"));
                @SuppressWarnings("OrphanedSubtasks")
                boolean b = futures.add(pool.submit(() -> "b"));
                for (Future<String> f : futures) {
                  f.get();
                }
              }

              // Suppressed for another check only: still reported.
              @SuppressWarnings("SwallowedInterrupt")
              void c(ExecutorService pool, List<String> urls) throws Exception {
                @SuppressWarnings("unchecked")
                List<Future<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                for (Future<String> f : futures) {
                  // BUG: Diagnostic contains: OrphanedSubtasks
                  f.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_structuredTaskScopeWhenTheCompilerHasIt() {
    int feature = Runtime.version().feature();
    // The preview API of JDK 25 (`StructuredTaskScope.open()`); older previews differ.
    Assumptions.assumeTrue(feature >= 25, "StructuredTaskScope.open() needs JDK 25+");
    helper
        .setArgs("--enable-preview", "--release", Integer.toString(feature))
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String both() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var a = scope.fork(() -> "a");
                  var b = scope.fork(() -> "b");
                  scope.join();
                  return a.get() + b.get();
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  private static final String CONSUMED_ERROR =
      """
      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;
      class Test {
        List<String> loadAll(ExecutorService pool, List<String> ids) {
          List<Future<String>> futures = new ArrayList<>();
          for (String id : ids) {
            futures.add(pool.submit(() -> id.toUpperCase()));
          }
          List<String> done = new ArrayList<>();
          try {
            for (Future<String> f : futures) {
              done.add(f.get());
            }
          } catch (ExecutionException e) {
            System.err.println("one failed: " + e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return done;
        }
      }
      """;

  private static final String CONSUMED_ERROR_FIXED =
      """
      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;
      class Test {
        List<String> loadAll(ExecutorService pool, List<String> ids) {
          List<Future<String>> futures = new ArrayList<>();
          for (String id : ids) {
            futures.add(pool.submit(() -> id.toUpperCase()));
          }
          List<String> done = new ArrayList<>();
          try {
            for (Future<String> f : futures) {
              done.add(f.get());
            }
          } catch (ExecutionException e) {
            System.err.println("one failed: " + e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          for (Future<?> future : futures) {
            future.cancel(true);
          }
          return done;
        }
      }
      """;

  @Test
  void fix_cancelTheRestBeforeReturningPartialResults() {
    refactoring
        .addInputLines("Test.java", CONSUMED_ERROR)
        .addOutputLines("Test.java", CONSUMED_ERROR_FIXED)
        .doTest();
  }

  @Test
  void fixedCode_cancelBeforeReturnIsClean() {
    allChecks.addSourceLines("Test.java", CONSUMED_ERROR_FIXED).expectNoDiagnostics().doTest();
  }

  private static final String PROPAGATES_FIXED =
      """
      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;
      class Test {
        List<byte[]> downloadAll(ExecutorService pool, List<String> urls)
            throws InterruptedException, ExecutionException {
          List<Future<byte[]>> futures = new ArrayList<>();
          for (String url : urls) {
            futures.add(pool.submit(() -> fetch(url)));
          }
          List<byte[]> images = new ArrayList<>();
          try {
            for (Future<byte[]> f : futures) {
              images.add(f.get());
            }
            return images;
          } finally {
            for (Future<?> future : futures) {
              future.cancel(true);
            }
          }
        }

        static byte[] fetch(String url) {
          return new byte[0];
        }
      }
      """;

  @Test
  void fix_wrapInTryFinallyWhenTheFailurePropagates() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<byte[]> downloadAll(ExecutorService pool, List<String> urls)
                  throws InterruptedException, ExecutionException {
                List<Future<byte[]>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> fetch(url)));
                }
                List<byte[]> images = new ArrayList<>();
                for (Future<byte[]> f : futures) {
                  images.add(f.get());
                }
                return images;
              }

              static byte[] fetch(String url) {
                return new byte[0];
              }
            }
            """)
        .addOutputLines("Test.java", PROPAGATES_FIXED)
        .doTest();
  }

  @Test
  void fixedCode_tryFinallyIsClean() {
    allChecks.addSourceLines("Test.java", PROPAGATES_FIXED).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_cancelBeforeTheThrowInTheCatch() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetch(ExecutorService pool, List<String> urls) {
                List<CompletableFuture<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(CompletableFuture.supplyAsync(() -> url, pool));
                }
                List<String> pages = new ArrayList<>();
                for (CompletableFuture<String> page : futures) {
                  try {
                    pages.add(page.join());
                  } catch (CompletionException e) {
                    throw new IllegalStateException("download failed", e.getCause());
                  }
                }
                return pages;
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetch(ExecutorService pool, List<String> urls) {
                List<CompletableFuture<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(CompletableFuture.supplyAsync(() -> url, pool));
                }
                List<String> pages = new ArrayList<>();
                for (CompletableFuture<String> page : futures) {
                  try {
                    pages.add(page.join());
                  } catch (CompletionException e) {
                    for (Future<?> f : futures) {
                      f.cancel(true);
                    }
                    throw new IllegalStateException("download failed", e.getCause());
                  }
                }
                return pages;
              }
            }
            """)
        .doTest();
  }

  private static final String NESTED_TASK_FIXED =
      """
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;
      class Test {
        Future<String> render(ExecutorService pool, ExecutorService io, String url) {
          return pool.submit(
              () -> {
                Future<String> body = io.submit(() -> url.repeat(2));
                try {
                  return body.get().trim();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  body.cancel(true);
                  return "";
                } catch (ExecutionException e) {
                  return "failed";
                }
              });
        }
      }
      """;

  @Test
  void fix_nestedTaskCancelsItsChildBeforeReturning() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              Future<String> render(ExecutorService pool, ExecutorService io, String url) {
                return pool.submit(
                    () -> {
                      Future<String> body = io.submit(() -> url.repeat(2));
                      try {
                        return body.get().trim();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return "";
                      } catch (ExecutionException e) {
                        return "failed";
                      }
                    });
              }
            }
            """)
        .addOutputLines("Test.java", NESTED_TASK_FIXED)
        .doTest();
  }

  @Test
  void fixedCode_nestedTaskIsClean() {
    allChecks.addSourceLines("Test.java", NESTED_TASK_FIXED).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_threadInterruptedBeforeReturning() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void consume(ExecutorService pool, BlockingQueue<String> queue) {
                pool.execute(
                    () -> {
                      Thread progress = new Thread(() -> System.out.println("working"));
                      progress.start();
                      try {
                        System.out.println(queue.take());
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                      progress.interrupt();
                    });
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void consume(ExecutorService pool, BlockingQueue<String> queue) {
                pool.execute(
                    () -> {
                      Thread progress = new Thread(() -> System.out.println("working"));
                      progress.start();
                      try {
                        System.out.println(queue.take());
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        progress.interrupt();
                        return;
                      }
                      progress.interrupt();
                    });
              }
            }
            """)
        .doTest();
  }

  private static final String ALL_OF_FIXED =
      """
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      class Test {
        String both(ExecutorService pool) {
          CompletableFuture<String> left = CompletableFuture.supplyAsync(() -> "l", pool);
          CompletableFuture<String> right = CompletableFuture.supplyAsync(() -> "r", pool);
          try {
            CompletableFuture.allOf(left, right).join();
            return left.join() + right.join();
          } finally {
            left.cancel(false);
            right.cancel(false);
          }
        }
      }
      """;

  @Test
  void fix_completableFuturesCancelledWithoutTheUselessFlag() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            class Test {
              String both(ExecutorService pool) {
                CompletableFuture<String> left = CompletableFuture.supplyAsync(() -> "l", pool);
                CompletableFuture<String> right = CompletableFuture.supplyAsync(() -> "r", pool);
                CompletableFuture.allOf(left, right).join();
                return left.join() + right.join();
              }
            }
            """)
        .addOutputLines("Test.java", ALL_OF_FIXED)
        .doTest();
  }

  @Test
  void fixedCode_allOfIsClean() {
    allChecks.addSourceLines("Test.java", ALL_OF_FIXED).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_bracesAddedAroundAReturnOfAnIf() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetch(ExecutorService pool, List<String> urls, boolean strict) {
                List<CompletableFuture<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(CompletableFuture.supplyAsync(() -> url, pool));
                }
                List<String> pages = new ArrayList<>();
                for (CompletableFuture<String> page : futures) {
                  try {
                    pages.add(page.join());
                  } catch (CompletionException e) {
                    if (strict) return List.of();
                  }
                }
                return pages;
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> fetch(ExecutorService pool, List<String> urls, boolean strict) {
                List<CompletableFuture<String>> futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(CompletableFuture.supplyAsync(() -> url, pool));
                }
                List<String> pages = new ArrayList<>();
                for (CompletableFuture<String> page : futures) {
                  try {
                    pages.add(page.join());
                  } catch (CompletionException e) {
                    if (strict) {
                      for (Future<?> f : futures) {
                        f.cancel(true);
                      }
                      return List.of();
                    }
                  }
                }
                return pages;
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_cancelAtTheEndOfAVoidMethod() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              void warm(ExecutorService pool) {
                Future<?> a = pool.submit(() -> System.out.println("a"));
                Future<?> b = pool.submit(() -> System.out.println("b"));
                try {
                  a.get();
                  b.get();
                } catch (ExecutionException e) {
                  System.err.println("warm-up failed: " + e.getCause());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              void warm(ExecutorService pool) {
                Future<?> a = pool.submit(() -> System.out.println("a"));
                Future<?> b = pool.submit(() -> System.out.println("b"));
                try {
                  a.get();
                  b.get();
                } catch (ExecutionException e) {
                  System.err.println("warm-up failed: " + e.getCause());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                a.cancel(true);
                b.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_wrapsWhenOneFailureReturnsAndAnotherPropagates() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> sheet(ExecutorService pool, List<String> ids) throws InterruptedException {
                List<Future<String>> renders = new ArrayList<>();
                for (String id : ids) {
                  renders.add(pool.submit(() -> id));
                }
                List<String> sheet = new ArrayList<>();
                for (Future<String> render : renders) {
                  try {
                    sheet.add(render.get());
                  } catch (ExecutionException e) {
                    break;
                  }
                }
                return sheet;
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> sheet(ExecutorService pool, List<String> ids) throws InterruptedException {
                List<Future<String>> renders = new ArrayList<>();
                for (String id : ids) {
                  renders.add(pool.submit(() -> id));
                }
                List<String> sheet = new ArrayList<>();
                try {
                  for (Future<String> render : renders) {
                    try {
                      sheet.add(render.get());
                    } catch (ExecutionException e) {
                      break;
                    }
                  }
                  return sheet;
                } finally {
                  for (Future<?> f : renders) {
                    f.cancel(true);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_noneWhenTheListIsOnlyAssignedLater() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              void fetch(ExecutorService pool, List<String> urls) throws Exception {
                List<Future<String>> futures;
                futures = new ArrayList<>();
                for (String url : urls) {
                  futures.add(pool.submit(() -> url));
                }
                for (Future<String> f : futures) {
                  f.get();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  // ------------------------------------------------ futures kept in other collections

  @Test
  void positive_mapValuesWaitedForPropagateFailure() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              int total(ExecutorService pool, List<String> hosts)
                  throws InterruptedException, ExecutionException {
                Map<String, Future<Integer>> loads = new HashMap<>();
                for (String host : hosts) {
                  loads.put(host, pool.submit(() -> host.length()));
                }
                int total = 0;
                for (Future<Integer> load : loads.values()) {
                  // BUG: Diagnostic contains: still run
                  total += load.get();
                }
                return total;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_mapEntriesTimeoutReturns() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Test {
              Map<String, Integer> loads(ExecutorService pool, List<String> hosts)
                  throws InterruptedException, ExecutionException {
                Map<String, Future<Integer>> pending = new HashMap<>();
                for (String host : hosts) {
                  pending.put(host, pool.submit(() -> host.length()));
                }
                Map<String, Integer> loads = new HashMap<>();
                for (Map.Entry<String, Future<Integer>> entry : pending.entrySet()) {
                  try {
                    // BUG: Diagnostic contains: OrphanedSubtasks
                    loads.put(entry.getKey(), entry.getValue().get(1, TimeUnit.SECONDS));
                  } catch (TimeoutException e) {
                    return loads;
                  }
                }
                return loads;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_futuresCollectedFromAStream() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.stream.Collectors;
            class Test {
              List<Integer> lengths(ExecutorService pool, List<String> words)
                  throws InterruptedException, ExecutionException {
                List<Future<Integer>> futures =
                    words.stream().map(w -> pool.submit(() -> w.length())).collect(Collectors.toList());
                List<Integer> out = new ArrayList<>();
                for (Future<Integer> f : futures) {
                  // BUG: Diagnostic contains: OrphanedSubtasks
                  out.add(f.get());
                }
                return out;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_arrayWaitInterruptedReturns() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              int sum(ExecutorService pool, int[] xs) throws ExecutionException {
                @SuppressWarnings("unchecked")
                Future<Integer>[] parts = new Future[xs.length];
                for (int i = 0; i < xs.length; i++) {
                  int x = xs[i];
                  parts[i] = pool.submit(() -> x * x);
                }
                int sum = 0;
                for (int i = 0; i < parts.length; i++) {
                  try {
                    // BUG: Diagnostic contains: OrphanedSubtasks
                    sum += parts[i].get();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                  }
                }
                return sum;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_continueOfTheOuterLoopLeavesTheBatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              int process(ExecutorService pool, List<List<String>> batches) throws InterruptedException {
                int done = 0;
                batches:
                for (List<String> batch : batches) {
                  List<Future<Integer>> futures = new ArrayList<>();
                  for (String item : batch) {
                    futures.add(pool.submit(() -> item.length()));
                  }
                  for (Future<Integer> f : futures) {
                    try {
                      // BUG: Diagnostic contains: OrphanedSubtasks
                      done += f.get();
                    } catch (ExecutionException e) {
                      continue batches;
                    } catch (InterruptedException e) {
                      futures.forEach(x -> x.cancel(true));
                      throw e;
                    }
                  }
                }
                return done;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_mapValuesCancelledInFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              int total(ExecutorService pool, List<String> hosts)
                  throws InterruptedException, ExecutionException {
                Map<String, Future<Integer>> loads = new HashMap<>();
                for (String host : hosts) {
                  loads.put(host, pool.submit(() -> host.length()));
                }
                try {
                  int total = 0;
                  for (Future<Integer> load : loads.values()) {
                    total += load.get();
                  }
                  return total;
                } finally {
                  for (Future<Integer> load : loads.values()) {
                    load.cancel(true);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_mapEntriesTimeoutCancelsTheRest() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Test {
              Map<String, Integer> loads(ExecutorService pool, List<String> hosts)
                  throws InterruptedException, ExecutionException {
                Map<String, Future<Integer>> pending = new HashMap<>();
                for (String host : hosts) {
                  pending.put(host, pool.submit(() -> host.length()));
                }
                Map<String, Integer> loads = new HashMap<>();
                for (Map.Entry<String, Future<Integer>> entry : pending.entrySet()) {
                  try {
                    loads.put(entry.getKey(), entry.getValue().get(1, TimeUnit.SECONDS));
                  } catch (TimeoutException | ExecutionException e) {
                    pending.values().forEach(f -> f.cancel(true));
                    return loads;
                  } catch (InterruptedException e) {
                    for (Map.Entry<String, Future<Integer>> other : pending.entrySet()) {
                      other.getValue().cancel(true);
                    }
                    throw e;
                  }
                }
                return loads;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_invokeAllWithTimeoutCancelsWhatIsLate() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            class Test {
              List<String> fetch(ExecutorService pool, List<Callable<String>> jobs)
                  throws InterruptedException, ExecutionException {
                List<Future<String>> futures = pool.invokeAll(jobs, 5, TimeUnit.SECONDS);
                List<String> pages = new ArrayList<>();
                for (Future<String> f : futures) {
                  pages.add(f.get());
                }
                return pages;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_continueOfTheInnerLoopKeepsWaiting() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              int process(ExecutorService pool, List<List<String>> batches) throws InterruptedException {
                int done = 0;
                for (List<String> batch : batches) {
                  List<Future<Integer>> futures = new ArrayList<>();
                  for (String item : batch) {
                    futures.add(pool.submit(() -> item.length()));
                  }
                  for (Future<Integer> f : futures) {
                    try {
                      done += f.get();
                    } catch (ExecutionException e) {
                      continue;
                    } catch (InterruptedException e) {
                      futures.forEach(x -> x.cancel(true));
                      throw e;
                    }
                  }
                }
                return done;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_arrayCancelledWhenInterrupted() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              int sum(ExecutorService pool, int[] xs) {
                @SuppressWarnings("unchecked")
                Future<Integer>[] parts = new Future[xs.length];
                for (int i = 0; i < xs.length; i++) {
                  int x = xs[i];
                  parts[i] = pool.submit(() -> x * x);
                }
                int sum = 0;
                for (int i = 0; i < parts.length; i++) {
                  try {
                    sum += parts[i].get();
                  } catch (InterruptedException | ExecutionException e) {
                    for (Future<Integer> part : parts) {
                      part.cancel(true);
                    }
                    if (e instanceof InterruptedException) {
                      Thread.currentThread().interrupt();
                    }
                    return -1;
                  }
                }
                return sum;
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_mapOfFuturesCancelledThroughItsValues() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Test {
              Map<String, Integer> loads(ExecutorService pool, List<String> hosts)
                  throws ExecutionException, InterruptedException {
                Map<String, Future<Integer>> pending = new HashMap<>();
                for (String host : hosts) {
                  pending.put(host, pool.submit(() -> host.length()));
                }
                Map<String, Integer> loads = new HashMap<>();
                for (Map.Entry<String, Future<Integer>> entry : pending.entrySet()) {
                  try {
                    loads.put(entry.getKey(), entry.getValue().get(1, TimeUnit.SECONDS));
                  } catch (TimeoutException e) {
                    return loads;
                  }
                }
                return loads;
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Test {
              Map<String, Integer> loads(ExecutorService pool, List<String> hosts)
                  throws ExecutionException, InterruptedException {
                Map<String, Future<Integer>> pending = new HashMap<>();
                for (String host : hosts) {
                  pending.put(host, pool.submit(() -> host.length()));
                }
                Map<String, Integer> loads = new HashMap<>();
                try {
                  for (Map.Entry<String, Future<Integer>> entry : pending.entrySet()) {
                    try {
                      loads.put(entry.getKey(), entry.getValue().get(1, TimeUnit.SECONDS));
                    } catch (TimeoutException e) {
                      return loads;
                    }
                  }
                  return loads;
                } finally {
                  for (Future<?> f : pending.values()) {
                    f.cancel(true);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------ futures collected by a method reference

  @Test
  void positive_streamOfMethodReferenceStartsPropagatesFailure() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> all(ExecutorService pool, List<Callable<String>> jobs)
                  throws InterruptedException, ExecutionException {
                List<Future<String>> futures = jobs.stream().map(pool::submit).toList();
                List<String> out = new ArrayList<>();
                for (Future<String> f : futures) {
                  // BUG: Diagnostic contains: lets the exception propagate while the other futures in `futures` still run
                  out.add(f.get());
                }
                return out;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_streamOfMethodReferenceStartsReturnsOnFailure() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.stream.Collectors;
            class Test {
              int count(ExecutorService pool, List<Callable<Integer>> jobs) throws InterruptedException {
                List<Future<Integer>> futures =
                    jobs.stream().filter(j -> j != null).map(pool::submit).collect(Collectors.toList());
                int total = 0;
                for (Future<Integer> f : futures) {
                  try {
                    // BUG: Diagnostic contains: the method returns (line 17)
                    total += f.get();
                  } catch (ExecutionException e) {
                    return -1;
                  }
                }
                return total;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_streamOfMethodReferenceStartsCancelledOrHandedOn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              List<String> cancelledInFinally(ExecutorService pool, List<Callable<String>> jobs)
                  throws InterruptedException, ExecutionException {
                List<Future<String>> futures = jobs.stream().map(pool::submit).toList();
                try {
                  List<String> out = new ArrayList<>();
                  for (Future<String> f : futures) {
                    out.add(f.get());
                  }
                  return out;
                } finally {
                  futures.forEach(f -> f.cancel(true));
                }
              }

              List<Future<String>> handedToTheCaller(ExecutorService pool, List<Callable<String>> jobs) {
                List<Future<String>> futures = jobs.stream().map(pool::submit).toList();
                return futures;
              }

              List<String> notAStart(List<String> names) throws InterruptedException, ExecutionException {
                List<Future<String>> futures = names.stream().map(this::lookup).toList();
                List<String> out = new ArrayList<>();
                for (Future<String> f : futures) {
                  out.add(f.get());
                }
                return out;
              }

              List<String> invokeAllIsStructured(ExecutorService pool, List<Callable<String>> jobs)
                  throws InterruptedException, ExecutionException {
                List<String> out = new ArrayList<>();
                for (Future<String> f : pool.invokeAll(jobs)) {
                  out.add(f.get());
                }
                return out;
              }

              private Future<String> lookup(String name) {
                return java.util.concurrent.CompletableFuture.completedFuture(name);
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_streamOfMethodReferenceStartsWrappedInTryFinally() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              int count(ExecutorService pool, List<Callable<Integer>> jobs) throws InterruptedException {
                List<Future<Integer>> futures = jobs.stream().map(pool::submit).toList();
                int total = 0;
                for (Future<Integer> f : futures) {
                  try {
                    total += f.get();
                  } catch (ExecutionException e) {
                    return -1;
                  }
                }
                return total;
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              int count(ExecutorService pool, List<Callable<Integer>> jobs) throws InterruptedException {
                List<Future<Integer>> futures = jobs.stream().map(pool::submit).toList();
                int total = 0;
                try {
                  for (Future<Integer> f : futures) {
                    try {
                      total += f.get();
                    } catch (ExecutionException e) {
                      return -1;
                    }
                  }
                  return total;
                } finally {
                  for (Future<?> future : futures) {
                    future.cancel(true);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------ what the threads left running do

  @Test
  void negative_drainersIntoALocalBufferReadOnlyAfterTheJoins() {
    // Threads that copy a process's output into a buffer the method made: left running when the
    // wait is interrupted, they change nothing anyone reads (the buffer is read only after both
    // joins) and end with the process. Confined to the method: not reported.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.ByteArrayOutputStream;
            import java.io.File;
            import java.io.FileOutputStream;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.util.logging.Level;
            import java.util.logging.Logger;
            class Test {
              static class Drainer extends Thread {
                private static final Logger LOG = Logger.getLogger("drain");
                private final InputStream in;
                private final OutputStream out;
                Drainer(InputStream in, OutputStream out) {
                  this.in = in;
                  this.out = out;
                }
                @Override
                public void run() {
                  byte[] buf = new byte[1024];
                  try {
                    int n;
                    while ((n = in.read(buf)) != -1) {
                      out.write(buf, 0, n);
                    }
                  } catch (IOException e) {
                    LOG.log(Level.SEVERE, e.getMessage(), e);
                  }
                }
              }
              String run(ProcessBuilder command) {
                try {
                  Process p = command.start();
                  ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                  Drainer errors = new Drainer(p.getErrorStream(), buffer);
                  Drainer output = new Drainer(p.getInputStream(), buffer);
                  errors.start();
                  output.start();
                  p.waitFor();
                  errors.join();
                  output.join();
                  return buffer.toString();
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_drainersIntoABufferReadOnTheFailurePathOrIntoAFile() {
    // Neighbours: the buffer is read in the catch, where the drainers may still write to it; the
    // drainers write to a file the try closes. Both reported, and no interrupt is offered: it
    // would not stop a thread blocked in a stream read that never tests the flag.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.ByteArrayOutputStream;
            import java.io.File;
            import java.io.FileOutputStream;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.util.logging.Level;
            import java.util.logging.Logger;
            class Test {
              static class Drainer extends Thread {
                private static final Logger LOG = Logger.getLogger("drain");
                private final InputStream in;
                private final OutputStream out;
                Drainer(InputStream in, OutputStream out) {
                  this.in = in;
                  this.out = out;
                }
                @Override
                public void run() {
                  byte[] buf = new byte[1024];
                  try {
                    int n;
                    while ((n = in.read(buf)) != -1) {
                      out.write(buf, 0, n);
                    }
                  } catch (IOException e) {
                    LOG.log(Level.SEVERE, e.getMessage(), e);
                  }
                }
              }
              String run(ProcessBuilder command) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                try {
                  Process p = command.start();
                  Drainer errors = new Drainer(p.getErrorStream(), buffer);
                  Drainer output = new Drainer(p.getInputStream(), buffer);
                  errors.start();
                  output.start();
                  // BUG: Diagnostic contains: interrupting them would not stop them: `errors` blocks in `in.read(buf)` (line 23), a read no interrupt ends
                  p.waitFor();
                  errors.join();
                  output.join();
                  return buffer.toString();
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(buffer.toString(), e);
                }
              }

              void parse(ProcessBuilder command, File file) {
                try (OutputStream out = new FileOutputStream(file)) {
                  Process p = command.start();
                  Drainer errors = new Drainer(p.getErrorStream(), out);
                  Drainer output = new Drainer(p.getInputStream(), out);
                  errors.start();
                  output.start();
                  // BUG: Diagnostic contains: a read no interrupt ends, and never tests the interrupt flag
                  p.waitFor();
                  errors.join();
                  output.join();
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_noneForThreadsBlockedInAReadNoInterruptEnds() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.io.File;
            import java.io.FileOutputStream;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            class Test {
              void parse(ProcessBuilder command, File file) {
                try (OutputStream out = new FileOutputStream(file)) {
                  Process p = command.start();
                  InputStream err = p.getErrorStream();
                  Thread errors = new Thread(() -> copy(err, out));
                  Thread output = new Thread(() -> copy(p.getInputStream(), out));
                  errors.start();
                  output.start();
                  p.waitFor();
                  errors.join();
                  output.join();
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }

              static void copy(InputStream in, OutputStream out) {
                try {
                  in.transferTo(out);
                } catch (IOException e) {
                  // gone
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_interruptsThreadsThatTestTheFlagBetweenReads() {
    // Neighbour: the drainer tests the flag before each read, so an interrupt stops it.
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.io.File;
            import java.io.FileOutputStream;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            class Test {
              void parse(ProcessBuilder command, File file) {
                try (OutputStream out = new FileOutputStream(file)) {
                  Process p = command.start();
                  Thread errors = new Thread(() -> copy(p.getErrorStream(), out));
                  Thread output =
                      new Thread(
                          () -> {
                            byte[] buf = new byte[1024];
                            try {
                              int n;
                              while (!Thread.currentThread().isInterrupted()
                                  && (n = p.getInputStream().read(buf)) != -1) {
                                out.write(buf, 0, n);
                              }
                            } catch (IOException e) {
                              // gone
                            }
                          });
                  errors.start();
                  output.start();
                  p.waitFor();
                  errors.join();
                  output.join();
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }

              static void copy(InputStream in, OutputStream out) {}
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.io.File;
            import java.io.FileOutputStream;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            class Test {
              void parse(ProcessBuilder command, File file) {
                try (OutputStream out = new FileOutputStream(file)) {
                  Process p = command.start();
                  Thread errors = new Thread(() -> copy(p.getErrorStream(), out));
                  Thread output =
                      new Thread(
                          () -> {
                            byte[] buf = new byte[1024];
                            try {
                              int n;
                              while (!Thread.currentThread().isInterrupted()
                                  && (n = p.getInputStream().read(buf)) != -1) {
                                out.write(buf, 0, n);
                              }
                            } catch (IOException e) {
                              // gone
                            }
                          });
                  errors.start();
                  output.start();
                  try { p.waitFor();
                  errors.join();
                  output.join();
            } finally {
            errors.interrupt();
            output.interrupt();
            }
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }

              static void copy(InputStream in, OutputStream out) {}
            }
            """)
        .doTest();
  }

  @Test
  void negative_threadsThatStartOrStopTheComponent() {
    // Threads whose one call starts or stops a component that outlives the method: others rely
    // on that start or stop completing; left running, it completes.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.Executor;
            class Test {
              interface Server {
                void stop() throws Exception;
              }

              private final Server server;

              Test(Server server) {
                this.server = server;
              }

              void startCaches(String... names) {
                Map<String, Thread> threads = new HashMap<>();
                for (String name : names) {
                  Thread thread =
                      new Thread() {
                        @Override
                        public void run() {
                          try {
                            createCache(name);
                          } catch (RuntimeException e) {
                            System.err.println(e);
                          }
                        }
                      };
                  thread.start();
                  threads.put(name, thread);
                }
                try {
                  for (Thread thread : threads.values()) {
                    thread.join();
                  }
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }

              void onFailure(Executor executor) {
                executor.execute(
                        () -> {
                          Thread stopper =
                              new Thread(
                                  () -> {
                                    try {
                                      server.stop();
                                    } catch (Exception e) {
                                      e.printStackTrace();
                                    }
                                  });
                          stopper.start();
                          try {
                            stopper.join();
                          } catch (InterruptedException e) {
                            e.printStackTrace();
                          }
                        });
              }

              private void createCache(String name) {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadsWhoseWorkIsAResultOrIsHandedState() {
    // Neighbours: the method is no start and the call is none (a load whose result the method
    // reads); the stop is handed a list the method made.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.Executor;
            class Test {
              interface Server {
                void stop(List<String> log) throws Exception;
              }

              private final Server server;

              Test(Server server) {
                this.server = server;
              }

              void loadCaches(String... names) {
                Map<String, Thread> threads = new HashMap<>();
                for (String name : names) {
                  Thread thread =
                      new Thread() {
                        @Override
                        public void run() {
                          try {
                            createCache(name);
                          } catch (RuntimeException e) {
                            System.err.println(e);
                          }
                        }
                      };
                  thread.start();
                  threads.put(name, thread);
                }
                try {
                  for (Thread thread : threads.values()) {
                    // BUG: Diagnostic contains: the other threads in `threads`
                    thread.join();
                  }
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }

              void onFailure(Executor executor) {
                executor.execute(
                        () -> {
                          List<String> log = new ArrayList<>();
                          Thread stopper =
                              new Thread(
                                  () -> {
                                    try {
                                      server.stop(log);
                                    } catch (Exception e) {
                                      e.printStackTrace();
                                    }
                                  });
                          stopper.start();
                          try {
                            // BUG: Diagnostic contains: without interrupting thread `stopper`
                            stopper.join();
                          } catch (InterruptedException e) {
                            e.printStackTrace();
                          }
                        });
              }

              private void createCache(String name) {}
            }
            """)
        .doTest();
  }
}
