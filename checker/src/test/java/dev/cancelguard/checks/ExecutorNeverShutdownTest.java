package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

class ExecutorNeverShutdownTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ExecutorNeverShutdown.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(ExecutorNeverShutdown.class, getClass());

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_fixedPoolNeverShutDown() {
    helper
        .addSourceLines(
            "Downloader.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            class Downloader {
              public static void main(String[] args) throws Exception {
                // BUG: Diagnostic contains: pool is created here, never leaves this method, and is never shut down
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<Integer>> sizes = new ArrayList<>();
                for (String url : args) {
                  sizes.add(pool.submit(() -> url.length()));
                }
                for (Future<Integer> size : sizes) {
                  System.out.println(size.get());
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_cachedThreadPool() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void leaks() {
                // BUG: Diagnostic contains: never shut down
                ExecutorService a = Executors.newCachedThreadPool();
                a.execute(() -> {});
              }
              void closes() {
                ExecutorService b = Executors.newCachedThreadPool();
                b.execute(() -> {});
                b.shutdown();
              }
            }
""")
        .doTest();
  }

  @Test
  void positive_singleThreadExecutor() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void leaks() {
                // BUG: Diagnostic contains: never shut down
                ExecutorService a = Executors.newSingleThreadExecutor();
                a.execute(() -> {});
              }
              void closes() {
                ExecutorService b = Executors.newSingleThreadExecutor();
                b.execute(() -> {});
                b.shutdown();
              }
            }
""")
        .doTest();
  }

  @Test
  void positive_scheduledThreadPool() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            class Test {
              void leaks() {
                // BUG: Diagnostic contains: never shut down
                ScheduledExecutorService a = Executors.newScheduledThreadPool(2);
                a.scheduleAtFixedRate(() -> {}, 0, 1, TimeUnit.SECONDS);
              }
              void closes() {
                ScheduledExecutorService b = Executors.newScheduledThreadPool(2);
                b.scheduleAtFixedRate(() -> {}, 0, 1, TimeUnit.SECONDS);
                b.shutdown();
              }
            }
""")
        .doTest();
  }

  @Test
  void positive_singleThreadScheduledExecutor() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            class Test {
              void leaks() {
                // BUG: Diagnostic contains: never shut down
                ScheduledExecutorService a = Executors.newSingleThreadScheduledExecutor();
                a.schedule(() -> {}, 1, TimeUnit.SECONDS);
              }
              void closes() {
                ScheduledExecutorService b = Executors.newSingleThreadScheduledExecutor();
                b.schedule(() -> {}, 1, TimeUnit.SECONDS);
                b.shutdown();
              }
            }
""")
        .doTest();
  }

  @Test
  void positive_workStealingPool() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void leaks() {
                // BUG: Diagnostic contains: never shut down
                ExecutorService a = Executors.newWorkStealingPool();
                a.submit(() -> {});
              }
              void closes() {
                ExecutorService b = Executors.newWorkStealingPool();
                b.submit(() -> {});
                b.shutdown();
              }
            }
""")
        .doTest();
  }

  @Test
  void positive_virtualThreadPerTaskExecutor() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void leaks() {
                // BUG: Diagnostic contains: never shut down
                ExecutorService a = Executors.newVirtualThreadPerTaskExecutor();
                a.submit(() -> {});
              }
              void closes() {
                ExecutorService b = Executors.newVirtualThreadPerTaskExecutor();
                b.submit(() -> {});
                b.shutdown();
              }
            }
""")
        .doTest();
  }

  @Test
  void positive_threadPerTaskExecutor() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void leaks() {
                // BUG: Diagnostic contains: never shut down
                ExecutorService a = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory());
                a.submit(() -> {});
              }
              void closes() {
                ExecutorService b = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory());
                b.submit(() -> {});
                b.shutdown();
              }
            }
""")
        .doTest();
  }

  @Test
  void positive_newThreadPoolExecutor() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Test {
              void leaks() {
                // BUG: Diagnostic contains: never shut down
                ThreadPoolExecutor a =
                    new ThreadPoolExecutor(1, 4, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
                a.execute(() -> {});
              }
              void closes() {
                ThreadPoolExecutor b =
                    new ThreadPoolExecutor(1, 4, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
                b.execute(() -> {});
                b.shutdownNow();
              }
            }
""")
        .doTest();
  }

  @Test
  void positive_newScheduledThreadPoolExecutor() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ScheduledThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            class Test {
              void leaks() {
                // BUG: Diagnostic contains: never shut down
                ScheduledThreadPoolExecutor a = new ScheduledThreadPoolExecutor(1);
                a.schedule(() -> {}, 1, TimeUnit.SECONDS);
              }
              void closes() {
                ScheduledThreadPoolExecutor b = new ScheduledThreadPoolExecutor(1);
                b.schedule(() -> {}, 1, TimeUnit.SECONDS);
                b.close();
              }
            }
""")
        .doTest();
  }

  @Test
  void positive_newForkJoinPool() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ForkJoinPool;
            import java.util.concurrent.RecursiveTask;
            class Test {
              static final class One extends RecursiveTask<Long> {
                @Override
                protected Long compute() {
                  return 1L;
                }
              }
              long leaks() {
                // BUG: Diagnostic contains: never shut down
                ForkJoinPool a = new ForkJoinPool(4);
                return a.invoke(new One());
              }
              long common() {
                ForkJoinPool shared = ForkJoinPool.commonPool();
                return shared.invoke(new One());
              }
            }
""")
        .doTest();
  }

  @Test
  void positive_anonymousPoolSubclass() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Test {
              void leaks() {
                // BUG: Diagnostic contains: never shut down
                ThreadPoolExecutor d =
                    new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
                      @Override
                      protected void afterExecute(Runnable r, Throwable t) {
                        System.out.println("done " + r);
                      }
                    };
                d.execute(() -> {});
              }
            }
""")
        .doTest();
  }

  @Test
  void positive_varDeclaration() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executors;
            class Test {
              void run() {
                // BUG: Diagnostic contains: workers is created here
                var workers = Executors.newFixedThreadPool(2);
                workers.execute(() -> System.out.println("job"));
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_declaredAsPlainExecutor() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            import java.util.concurrent.Executors;
            class Test {
              void run() {
                // BUG: Diagnostic contains: never shut down
                Executor executor = Executors.newFixedThreadPool(2);
                executor.execute(() -> System.out.println("job"));
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_onlyRunsCompletableFutures() {
    helper
        .addSourceLines(
            "Prices.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Prices {
              CompletableFuture<Integer> quote(String item) {
                // BUG: Diagnostic contains: never shut down
                ExecutorService pool = Executors.newFixedThreadPool(2);
                return CompletableFuture.supplyAsync(() -> item.length(), pool)
                    .thenApplyAsync(n -> n * 2, pool);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_onlyFeedsACompletionService() {
    helper
        .addSourceLines(
            "Race.java",
            """
            import java.util.concurrent.CompletionService;
            import java.util.concurrent.ExecutorCompletionService;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Race {
              String first(String a, String b) throws Exception {
                // BUG: Diagnostic contains: never shut down
                ExecutorService pool = Executors.newFixedThreadPool(2);
                CompletionService<String> race = new ExecutorCompletionService<>(pool);
                race.submit(() -> a);
                race.submit(() -> b);
                return race.take().get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_createdGivenWorkAndDropped() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            class Test {
              Future<?> fire(Runnable job) {
                // BUG: Diagnostic contains: created, given work, and dropped
                return Executors.newSingleThreadExecutor().submit(job);
              }
              void fine(Runnable job) {
                Executors.newSingleThreadExecutor().shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_insideALambda() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              Runnable job = () -> {
                // BUG: Diagnostic contains: never shut down
                ExecutorService inner = Executors.newSingleThreadExecutor();
                inner.execute(() -> System.out.println("inner"));
              };
            }
            """)
        .doTest();
  }

  @Test
  void positive_awaitTerminationAloneIsNotAShutdown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Test {
              void run() throws InterruptedException {
                // BUG: Diagnostic contains: never shut down
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.execute(() -> {});
                pool.awaitTermination(1, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_comparedAndPrintedOnly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void run() {
                // BUG: Diagnostic contains: never shut down
                ExecutorService pool = Executors.newFixedThreadPool(2);
                if (pool != null) {
                  System.out.println("using " + pool);
                }
                synchronized (pool) {
                  pool.execute(() -> {});
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_capturedOnlyToSubmitMore() {
    helper
        .addSourceLines(
            "Crawler.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Crawler {
              void crawl(String root) {
                // BUG: Diagnostic contains: never shut down
                ExecutorService pool = Executors.newFixedThreadPool(8);
                pool.execute(() -> pool.execute(() -> System.out.println(root + "/child")));
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_inAnInitializerBlock() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              static {
                // BUG: Diagnostic contains: never shut down
                ExecutorService warmup = Executors.newSingleThreadExecutor();
                warmup.execute(() -> System.out.println("warm"));
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_oddCode_recordSwitchGenerics() {
    helper
        .addSourceLines(
            "Odd.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Odd {
              sealed interface Job permits Quick, Slow {}
              record Quick(int n) implements Job {}
              record Slow(int n) implements Job {}
              record Batch(List<Job> jobs) {
                Batch {
                  // BUG: Diagnostic contains: never shut down
                  ExecutorService pool = Executors.newFixedThreadPool(2);
                  for (Job job : jobs) {
                    int weight = switch (job) {
                      case Quick q -> q.n();
                      case Slow s -> s.n() * 10;
                    };
                    pool.submit(() -> weight);
                  }
                }
              }
              <T> void all(List<Callable<T>> tasks) throws InterruptedException {
                // BUG: Diagnostic contains: never shut down
                ExecutorService pool = Executors.newCachedThreadPool();
                pool.invokeAll(tasks);
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_shutdownAndAwait() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Test {
              void run() throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.execute(() -> {});
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.MINUTES);
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_shutdownNowInFinally() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void run() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                  pool.execute(() -> {});
                } finally {
                  pool.shutdownNow();
                }
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_closed() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void run() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.execute(() -> {});
                pool.close();
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_shutDownThroughACast() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void run() {
                Object pool = Executors.newFixedThreadPool(2);
                ((ExecutorService) pool).shutdown();
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_tryWithResourcesDeclaration() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void run() {
                try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                  pool.execute(() -> {});
                }
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_tryWithResourcesOnTheVariable() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void run() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try (pool) {
                  pool.execute(() -> {});
                }
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_returned() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              ExecutorService create(int n) {
                ExecutorService pool = Executors.newFixedThreadPool(n);
                pool.execute(() -> System.out.println("warm up"));
                return pool;
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_returnedByALambda() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.function.Supplier;
            class Test {
              Supplier<ExecutorService> lazy() {
                ExecutorService pool = Executors.newCachedThreadPool();
                return () -> pool;
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_storedInAField() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              private ExecutorService pool;
              private final ExecutorService fieldPool = Executors.newFixedThreadPool(2);
              void start() {
                ExecutorService created = Executors.newFixedThreadPool(2);
                created.execute(() -> {});
                this.pool = created;
                fieldPool.execute(() -> {});
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_handedToAConstructor() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              record Server(ExecutorService workers) {}
              Server server() {
                ExecutorService workers = Executors.newFixedThreadPool(4);
                return new Server(workers);
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_addedToACollection() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.ArrayList;
            import java.util.List;
            class Test {
              private final List<ExecutorService> pools = new ArrayList<>();
              void register() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pools.add(pool);
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_handedToAMethod() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void handOver() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.execute(() -> {});
                manage(pool);
              }
              private void manage(ExecutorService pool) {}
            }
""")
        .doTest();
  }

  @Test
  void negative_putInAnArray() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void array() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                ExecutorService[] all = {pool};
                System.out.println(all.length);
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_aliased() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void run(boolean fast) {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                ExecutorService alias = pool;
                alias.execute(() -> {});
                ExecutorService chosen = fast ? pool : Executors.newCachedThreadPool();
                chosen.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_shutDownFromAHook() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void hook() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.execute(() -> {});
                Runtime.getRuntime().addShutdownHook(new Thread(() -> pool.shutdownNow()));
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_shutDownThroughAMethodReference() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void reference() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.execute(() -> {});
                Runtime.getRuntime().addShutdownHook(new Thread(pool::shutdown));
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_closedInAnAnonymousClass() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void anonymous() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                new Thread() {
                  @Override
                  public void run() {
                    pool.close();
                  }
                }.start();
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_unconfigurableView() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              private final ExecutorService shared = Executors.newFixedThreadPool(4);
              void view() {
                ExecutorService readOnly = Executors.unconfigurableExecutorService(shared);
                readOnly.execute(() -> {});
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_decoratorOverANewPool() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import com.google.common.util.concurrent.ListeningExecutorService;
            import com.google.common.util.concurrent.MoreExecutors;
            import java.util.concurrent.Executors;
            class Test {
              void decorated() {
                ListeningExecutorService listening =
                    MoreExecutors.listeningDecorator(Executors.newFixedThreadPool(2));
                listening.execute(() -> {});
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_executorReturnedByAMethod() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              private final ExecutorService shared = Executors.newFixedThreadPool(4);
              void fromAMethod() {
                ExecutorService pool = executorFor("io");
                pool.execute(() -> {});
              }
              private ExecutorService executorFor(String name) {
                return shared;
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_commonPool() {
    helper
        .addSourceLines(
            "Test.java",
"""
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ForkJoinPool;
            class Test {
              void common() {
                ExecutorService pool = ForkJoinPool.commonPool();
                pool.execute(() -> {});
              }
            }
""")
        .doTest();
  }

  @Test
  void negative_reassigned() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void run(int n) {
                ExecutorService pool = Executors.newFixedThreadPool(1);
                if (n > 4) {
                  pool = Executors.newFixedThreadPool(n);
                }
                pool.execute(() -> {});
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_createdInsideTheTryThatShutsItDown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void run() {
                ExecutorService pool = null;
                try {
                  pool = Executors.newFixedThreadPool(2);
                  pool.execute(() -> {});
                } finally {
                  if (pool != null) {
                    pool.shutdown();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_guavaShutdownAndAwaitTermination() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import com.google.common.util.concurrent.MoreExecutors;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Test {
              void run() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.execute(() -> {});
                MoreExecutors.shutdownAndAwaitTermination(pool, 10, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_parameterAndUnrelatedTypes() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ThreadFactory;
            class Test {
              void run(ExecutorService pool) {
                pool.execute(() -> {});
              }
              void factoryOnly() {
                ThreadFactory factory = Executors.defaultThreadFactory();
                factory.newThread(() -> {}).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_oddCode_interfacesAnonymousClassesNoBodies() {
    helper
        .addSourceLines(
            "Odd.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.function.Supplier;
            abstract class Odd {
              interface Pools {
                ExecutorService create();
                default ExecutorService single() {
                  return Executors.newSingleThreadExecutor();
                }
              }
              abstract ExecutorService make();
              <T extends ExecutorService> T keep(Supplier<T> supplier) {
                T pool = supplier.get();
                return pool;
              }
              Pools pools = new Pools() {
                @Override
                public ExecutorService create() {
                  ExecutorService made = Executors.newCachedThreadPool();
                  return made;
                }
              };
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
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              @SuppressWarnings("ExecutorNeverShutdown")
              void method() {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.execute(() -> {});
              }
              void variable() {
                @SuppressWarnings("ExecutorNeverShutdown")
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.execute(() -> {});
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  @Test
  void fix_tryWithResourcesUpToTheLastUse() {
    // A failed get leaves the other futures running (OrphanedSubtasks): that check's own
    // try/finally nests inside this try-with-resources (made of edits at the edges of the code it
    // wraps), so close() waits for tasks told to stop, and this fix leaves the cancels to it.
    refactoring
        .addInputLines(
            "Downloader.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            class Downloader {
              int download(List<String> urls) throws Exception {
                ExecutorService pool = Executors.newFixedThreadPool(4); // one per mirror
                List<Future<Integer>> sizes = new ArrayList<>();
                for (String url : urls) {
                  sizes.add(pool.submit(() -> url.length()));
                }
                int total = 0;
                for (Future<Integer> size : sizes) {
                  total += size.get();
                }
                System.out.println("downloaded " + total);
                return total;
              }
            }
            """)
        .addOutputLines(
            "Downloader.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            class Downloader {
              int download(List<String> urls) throws Exception {
                try (ExecutorService pool = Executors.newFixedThreadPool(4)) { // one per mirror
                  List<Future<Integer>> sizes = new ArrayList<>();
                  for (String url : urls) {
                    sizes.add(pool.submit(() -> url.length()));
                  }
                  int total = 0;
                  for (Future<Integer> size : sizes) {
                    total += size.get();
                  }
                  System.out.println("downloaded " + total);
                  return total;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_tryWithResourcesEndsAtTheLastUse() {
    refactoring
        .addInputLines(
            "Mailer.java",
            """
            import java.util.List;
            import java.util.concurrent.Executors;
            class Mailer {
              void send(List<String> addresses) {
                var pool = Executors.newFixedThreadPool(4);
                for (String address : addresses) {
                  pool.execute(() -> System.out.println("mail " + address));
                }
                System.out.println("sent " + addresses.size());
              }
            }
            """)
        .addOutputLines(
            "Mailer.java",
            """
            import java.util.List;
            import java.util.concurrent.Executors;
            class Mailer {
              void send(List<String> addresses) {
                try (var pool = Executors.newFixedThreadPool(4)) {
                  for (String address : addresses) {
                    pool.execute(() -> System.out.println("mail " + address));
                  }
                }
                System.out.println("sent " + addresses.size());
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_finallyOnRelease17WhenTheMethodThrowsInterruptedException() {
    refactoring
        .addInputLines(
            "Mailer.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Mailer {
              void send(List<String> addresses) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                for (String address : addresses) {
                  pool.execute(() -> System.out.println("mail " + address));
                }
                System.out.println("queued");
              }
            }
            """)
        .addOutputLines(
            "Mailer.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Mailer {
              void send(List<String> addresses) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                  for (String address : addresses) {
                    pool.execute(() -> System.out.println("mail " + address));
                  }
                } finally {
                  pool.shutdown();
                  pool.awaitTermination(30, TimeUnit.SECONDS);
                }
                System.out.println("queued");
              }
            }
            """)
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_finallyOnRelease17RestoresTheFlag() {
    refactoring
        .addInputLines(
            "Mailer.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Mailer {
              void send(List<String> addresses) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                for (String address : addresses) {
                  pool.execute(() -> System.out.println("mail " + address));
                }
              }
            }
            """)
        .addOutputLines(
            "Mailer.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Mailer {
              void send(List<String> addresses) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                  for (String address : addresses) {
                    pool.execute(() -> System.out.println("mail " + address));
                  }
                } finally {
                  pool.shutdown();
                  try {
                    pool.awaitTermination(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_finallyChecksTheWaitWhenResultsAreReadAfter() {
    refactoring
        .addInputLines(
            "Counter.java",
            """
            import java.util.List;
            import java.util.concurrent.ConcurrentLinkedQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Counter {
              int count(List<String> pages) throws InterruptedException {
                ConcurrentLinkedQueue<Integer> counts = new ConcurrentLinkedQueue<>();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                for (String page : pages) {
                  pool.execute(() -> counts.add(page.length()));
                }
                return counts.size();
              }
            }
            """)
        .addOutputLines(
            "Counter.java",
            """
            import java.util.List;
            import java.util.concurrent.ConcurrentLinkedQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Counter {
              int count(List<String> pages) throws InterruptedException {
                ConcurrentLinkedQueue<Integer> counts = new ConcurrentLinkedQueue<>();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                  for (String page : pages) {
                    pool.execute(() -> counts.add(page.length()));
                  }
                } finally {
                  pool.shutdown();
                  if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("pool did not terminate within 30 seconds");
                  }
                }
                return counts.size();
              }
            }
            """)
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_noFixForAPlainExecutorOrADroppedPool() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            import java.util.concurrent.Executors;
            class Test {
              void run(Runnable job) {
                Executor executor = Executors.newFixedThreadPool(2);
                executor.execute(job);
                Executors.newSingleThreadExecutor().execute(job);
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_fixedCodeHasNoFinding() {
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(
                ExecutorNeverShutdown.class, CancelWithoutAwait.class, SwallowedInterrupt.class),
            getClass())
        .addSourceLines(
            "Counter.java",
            """
            import java.util.List;
            import java.util.concurrent.ConcurrentLinkedQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Counter {
              int count(List<String> pages) throws InterruptedException {
                ConcurrentLinkedQueue<Integer> counts = new ConcurrentLinkedQueue<>();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                  for (String page : pages) {
                    pool.execute(() -> counts.add(page.length()));
                  }
                } finally {
                  pool.shutdown();
                  if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("pool did not terminate within 30 seconds");
                  }
                }
                return counts.size();
              }
              void send(List<String> addresses) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                  for (String address : addresses) {
                    pool.execute(() -> System.out.println("mail " + address));
                  }
                } finally {
                  pool.shutdown();
                  try {
                    pool.awaitTermination(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .setArgs("--release", "17")
        .expectNoDiagnostics()
        .doTest();
  }

  // ------------------------------------------------ shut down on the normal path only

  @Test
  void positive_shutdownAfterWorkWhoseFailurePropagates() {
    helper
        .addSourceLines(
            "Report.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            class Report {
              int total(List<String> files) throws Exception {
                // BUG: Diagnostic contains: pool is not shut down on every path: an exception from get(..) (line 16)
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<Integer>> sizes = new ArrayList<>();
                for (String file : files) {
                  sizes.add(pool.submit(() -> file.length()));
                }
                int total = 0;
                for (Future<Integer> size : sizes) {
                  total += size.get();
                }
                pool.shutdown();
                return total;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_earlyReturnBeforeTheShutdown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void run(Runnable first, List<Runnable> rest) {
                // BUG: Diagnostic contains: not shut down on every path: the return (line 10)
                ExecutorService pool = Executors.newCachedThreadPool();
                pool.execute(first);
                if (rest.isEmpty()) {
                  return;
                }
                rest.forEach(pool::execute);
                pool.shutdown();
              }

              void idleUntilTheReturn(List<Runnable> jobs) {
                ExecutorService pool = Executors.newCachedThreadPool();
                if (jobs.isEmpty()) {
                  return;
                }
                jobs.forEach(pool::execute);
                pool.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptedWhileWaitingBeforeTheShutdown() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Test {
              void runAll(List<Callable<String>> jobs) throws InterruptedException {
                // BUG: Diagnostic contains: an exception from invokeAll(..)
                ExecutorService pool =
                    new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                pool.invokeAll(jobs);
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.MINUTES);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_throwBeforeTheShutdownInALambda() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              Runnable job(int n) {
                return () -> {
                  // BUG: Diagnostic contains: the throw
                  ExecutorService pool = Executors.newSingleThreadExecutor();
                  pool.execute(() -> System.out.println(n));
                  if (n < 0) {
                    throw new IllegalArgumentException("negative");
                  }
                  pool.shutdown();
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_shutdownInFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Test {
              void runAll(List<Callable<String>> jobs) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                  pool.invokeAll(jobs);
                } finally {
                  pool.shutdown();
                  pool.awaitTermination(1, TimeUnit.MINUTES);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_catchShutsDownBeforeRethrowing() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void runAll(List<Callable<String>> jobs) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                  pool.invokeAll(jobs);
                } catch (InterruptedException e) {
                  pool.shutdownNow();
                  throw e;
                }
                pool.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_workThatThrowsNoCheckedException() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void runAll(List<Runnable> jobs) {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                for (Runnable job : jobs) {
                  pool.execute(job);
                }
                System.out.println("queued " + jobs.size());
                pool.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_shutDownByAHookOrHandedOn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void hook(List<Callable<String>> jobs) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                Runtime.getRuntime().addShutdownHook(new Thread(pool::shutdownNow));
                pool.invokeAll(jobs);
                pool.shutdown();
              }

              void handedOn(List<Callable<String>> jobs) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                register(pool);
                pool.invokeAll(jobs);
                pool.shutdown();
              }

              void register(ExecutorService pool) {}
            }
            """)
        .doTest();
  }

  @Test
  void negative_nullCheckedShutdownInFinallyAndTryWithResources() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Test {
              void checked(List<Callable<String>> jobs) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                  pool.invokeAll(jobs);
                } finally {
                  if (pool != null) {
                    pool.shutdownNow();
                  }
                }
              }

              void resource(List<Callable<String>> jobs) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try (pool) {
                  pool.invokeAll(jobs);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_shutdownOnTheNormalPathBecomesTryWithResources() {
    refactoring
        .addInputLines(
            "Report.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Report {
              int runAll(List<Callable<String>> jobs) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                int done = pool.invokeAll(jobs).size();
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.MINUTES);
                return done;
              }
            }
            """)
        .addOutputLines(
            "Report.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Report {
              int runAll(List<Callable<String>> jobs) throws InterruptedException {
                try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                  int done = pool.invokeAll(jobs).size();
                  pool.shutdown();
                  pool.awaitTermination(1, TimeUnit.MINUTES);
                  return done;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_shutdownMovesIntoFinallyOnRelease17() {
    refactoring
        .addInputLines(
            "Report.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Report {
              void runAll(List<Callable<String>> jobs) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                // every job, then wait
                pool.invokeAll(jobs);
                System.out.println("done");
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.MINUTES);
                System.out.println("stopped");
              }
            }
            """)
        .addOutputLines(
            "Report.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Report {
              void runAll(List<Callable<String>> jobs) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                // every job, then wait
                try {
                  pool.invokeAll(jobs);
                  System.out.println("done");
                } finally {
                  pool.shutdown();
                  pool.awaitTermination(1, TimeUnit.MINUTES);
                }
                System.out.println("stopped");
              }
            }
            """)
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_noneOnRelease17WhenTheWorkDeclaresWhatIsReadAfterTheShutdown() {
    refactoring
        .addInputLines(
            "Report.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Report {
              int runAll(List<Callable<String>> jobs) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                int done = pool.invokeAll(jobs).size();
                pool.shutdown();
                return done;
              }
            }
            """)
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fixedCode_shutdownInFinallyIsClean() {
    helper
        .addSourceLines(
            "Report.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Report {
              void runAll(List<Callable<String>> jobs) throws InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                // every job, then wait
                try {
                  pool.invokeAll(jobs);
                  System.out.println("done");
                } finally {
                  pool.shutdown();
                  pool.awaitTermination(1, TimeUnit.MINUTES);
                }
                System.out.println("stopped");
              }
            }
            """)
        .setArgs("--release", "17")
        .doTest();
  }

  // ------------------------------------------- tasks that never end, not even on the interrupt

  /** A listener that starts a drain task; CATCH is what the drain does with the interrupt. */
  private static final String LISTENER =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.LinkedBlockingQueue;
      class Listener {
        private static final BlockingQueue<String> QUEUE = new LinkedBlockingQueue<>();
        public void init() {
          ExecutorService pool = Executors.newSingleThreadExecutor();
          pool.submit(new Drain());
        }
        static class Drain implements Runnable {
          @Override
          public void run() {
            LOOP
          }
        }
      }
      """;

  private static final String FOREVER =
      """
      while (true) {
              try {
                System.out.println(QUEUE.take());
              } catch (InterruptedException e) {
                System.err.println("interrupted");
              }
            }""";

  private static final String BOUNDED =
      """
      for (int i = 0; i < 10; i++) {
              String next = QUEUE.poll();
              System.out.println(next);
            }""";

  @Test
  void noFix_theTaskLoopsForeverAndSwallowsTheInterrupt() {
    String forever = LISTENER.replace("LOOP", FOREVER);
    helper
        .addSourceLines(
            "Listener.java",
            forever.replace(
                "    ExecutorService pool",
                "    // BUG: Diagnostic contains: No fix is offered: its task runs the while loop of"
                    + " Drain.run() (line 15)\n"
                    + "    ExecutorService pool"))
        .doTest();
    refactoring.addInputLines("Listener.java", forever).expectUnchanged().doTest();
  }

  @Test
  void noFix_theTaskLoopsForeverOnAnOlderRelease() {
    String forever = LISTENER.replace("LOOP", FOREVER);
    refactoring
        .addInputLines("Listener.java", forever)
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_theTaskEndsByItself() {
    String bounded = LISTENER.replace("LOOP", BOUNDED);
    refactoring
        .addInputLines("Listener.java", bounded)
        .addOutputLines(
            "Listener.java",
            bounded.replace(
                """
                    ExecutorService pool = Executors.newSingleThreadExecutor();
                    pool.submit(new Drain());
                """,
                """
                    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
                      pool.submit(new Drain());
                    }
                """))
        .doTest();
  }
}
