package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait's inserted wait only where the compilation shows the work ends once cancelled:
 * none inside a task of the cancelled pool, none for an executor type of a library's own, none
 * after a {@code shutdown()} whose tasks sleep; next to each, the neighbour that keeps the wait.
 */
class CancelWithoutAwaitPromptEndsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  // ------------------------------------------- the cancel inside a task of its own pool

  private static final String SHUTDOWN_IN_A_CALLBACK_REGISTERED_BY_THE_POOLS_TASK =
      """
      import java.util.List;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ForkJoinPool;
      class Loader {
        void loadAll(List<String> keys, List<String> loaded) {
          ForkJoinPool pool = new ForkJoinPool(4);
          pool.submit(
              () -> {
                CompletableFuture<Void> all = CompletableFuture.runAsync(() -> loaded.add("x"));
                all.whenComplete(
                    (v, e) -> {
                      // BUG: Diagnostic contains: No wait is offered: this code runs inside a task
                      pool.shutdown();
                      System.out.println(loaded.size());
                    });
              });
        }
      }
      """;

  @Test
  void fix_noWaitForAPoolFromInsideItsOwnTask() {
    helper
        .addSourceLines("Loader.java", SHUTDOWN_IN_A_CALLBACK_REGISTERED_BY_THE_POOLS_TASK)
        .doTest();
    refactoring
        .addInputLines("Loader.java", SHUTDOWN_IN_A_CALLBACK_REGISTERED_BY_THE_POOLS_TASK)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitForAPoolFromOutsideItsTasks() {
    refactoring
        .addInputLines(
            "Loader.java",
            """
            import java.util.List;
            import java.util.concurrent.ForkJoinPool;
            class Loader {
              void loadAll(List<String> keys, List<String> loaded) {
                ForkJoinPool pool = new ForkJoinPool(4);
                pool.submit(() -> loaded.add("x"));
                pool.shutdown();
                System.out.println(loaded.size());
              }
            }
            """)
        .addOutputLines(
            "Loader.java",
            """
            import java.util.List;
            import java.util.concurrent.ForkJoinPool;
            class Loader {
              void loadAll(List<String> keys, List<String> loaded) {
                ForkJoinPool pool = new ForkJoinPool(4);
                pool.submit(() -> loaded.add("x"));
                pool.shutdown();
                pool.close();
                System.out.println(loaded.size());
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- an executor type of a library's own

  private static final String CLUSTER_EXECUTOR =
      """
      import java.util.concurrent.ExecutorService;
      interface ClusterExecutor extends ExecutorService {
        String name();
      }
      """;

  private static final String NODE_SHUTS_DOWN_A_CLUSTER_EXECUTOR =
      """
      class Node {
        private final ClusterExecutor executor;
        Node(ClusterExecutor executor) {
          this.executor = executor;
        }
        void shutdown() {
          // BUG: Diagnostic contains: executor is a ClusterExecutor, whose termination its own
          executor.shutdownNow();
        }
      }
      """;

  @Test
  void fix_noUnboundedWaitForAnExecutorTypeOfALibrarysOwn() {
    helper
        .addSourceLines("ClusterExecutor.java", CLUSTER_EXECUTOR)
        .addSourceLines("Node.java", NODE_SHUTS_DOWN_A_CLUSTER_EXECUTOR)
        .doTest();
    refactoring
        .addInputLines("ClusterExecutor.java", CLUSTER_EXECUTOR)
        .expectUnchanged()
        .addInputLines("Node.java", NODE_SHUTS_DOWN_A_CLUSTER_EXECUTOR)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitForAnExecutorOfThePlatformsType() {
    refactoring
        .addInputLines(
            "Node.java",
            """
            import java.util.concurrent.ExecutorService;
            class Node {
              private final ExecutorService executor;
              Node(ExecutorService executor) {
                this.executor = executor;
              }
              void shutdown() {
                executor.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Node.java",
            """
            import java.util.concurrent.ExecutorService;
            class Node {
              private final ExecutorService executor;
              Node(ExecutorService executor) {
                this.executor = executor;
              }
              void shutdown() {
                executor.shutdownNow();
                executor.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_waitForASubclassOfAJdkPool() {
    refactoring
        .addInputLines(
            "Node.java",
            """
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            class Node {
              static class NamedPool extends ThreadPoolExecutor {
                NamedPool() {
                  super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                }
              }
              private final NamedPool executor = new NamedPool();
              void shutdown() {
                executor.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Node.java",
            """
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            class Node {
              static class NamedPool extends ThreadPoolExecutor {
                NamedPool() {
                  super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                }
              }
              private final NamedPool executor = new NamedPool();
              void shutdown() {
                executor.shutdownNow();
                executor.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_boundedWaitForAnExecutorTypeOfALibrarysOwnWhereTheStopHasADeadline() {
    refactoring
        .addInputLines("ClusterExecutor.java", CLUSTER_EXECUTOR)
        .expectUnchanged()
        .addInputLines(
            "Node.java",
            """
            import java.util.concurrent.TimeUnit;
            class Node {
              private final ClusterExecutor executor;
              Node(ClusterExecutor executor) {
                this.executor = executor;
              }
              void shutdown(long timeout, TimeUnit unit) throws InterruptedException {
                executor.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Node.java",
            """
            import java.util.concurrent.TimeUnit;
            class Node {
              private final ClusterExecutor executor;
              Node(ClusterExecutor executor) {
                this.executor = executor;
              }
              void shutdown(long timeout, TimeUnit unit) throws InterruptedException {
                executor.shutdownNow();
                executor.awaitTermination(timeout, unit);
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- shutdown() and tasks that sleep

  private static final String POLLER_SLEEPS_BETWEEN_POLLS =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Poller {
        private final ExecutorService executor = Executors.newSingleThreadExecutor();
        private volatile boolean running = true;
        void start() {
          executor.execute(
              () -> {
                while (running) {
                  poll();
                  try {
                    Thread.sleep(60_000);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
        }
        void poll() { System.out.println("polled"); }
        void close() {
          running = false;
          // BUG: Diagnostic contains: shutdown() interrupts nothing and the tasks sleep
          executor.shutdown();
        }
      }
      """;

  @Test
  void fix_noWaitAfterShutdownForATaskThatSleeps() {
    helper.addSourceLines("Poller.java", POLLER_SLEEPS_BETWEEN_POLLS).doTest();
    refactoring
        .addInputLines("Poller.java", POLLER_SLEEPS_BETWEEN_POLLS)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitAfterShutdownNowForATaskThatSleeps() {
    refactoring
        .addInputLines(
            "Poller.java",
            POLLER_SLEEPS_BETWEEN_POLLS
                .replace("executor.shutdown();", "executor.shutdownNow();")
                .replace(
                    "      // BUG: Diagnostic contains: shutdown() interrupts nothing and the tasks"
                        + " sleep\n",
                    ""))
        .addOutputLines(
            "Poller.java",
            POLLER_SLEEPS_BETWEEN_POLLS
                .replace("executor.shutdown();", "executor.shutdownNow();\n    executor.close();")
                .replace(
                    "      // BUG: Diagnostic contains: shutdown() interrupts nothing and the tasks"
                        + " sleep\n",
                    ""))
        .doTest();
  }

  @Test
  void fix_waitAfterShutdownForATaskThatDoesNotSleep() {
    refactoring
        .addInputLines(
            "Poller.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Poller {
              private final ExecutorService executor = Executors.newSingleThreadExecutor();
              void start() {
                executor.execute(() -> poll());
              }
              void poll() { System.out.println("polled"); }
              void close() {
                executor.shutdown();
              }
            }
            """)
        .addOutputLines(
            "Poller.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Poller {
              private final ExecutorService executor = Executors.newSingleThreadExecutor();
              void start() {
                executor.execute(() -> poll());
              }
              void poll() { System.out.println("polled"); }
              void close() {
                executor.shutdown();
                executor.close();
              }
            }
            """)
        .doTest();
  }

  private static final String RETRIES =
      """
      import java.util.concurrent.Callable;
      import java.util.concurrent.TimeUnit;
      final class Retries {
        static <T> T withRetries(Callable<T> call) throws Exception {
          while (true) {
            try {
              return call.call();
            } catch (RuntimeException e) {
              TimeUnit.SECONDS.sleep(5);
            }
          }
        }
      }
      """;

  private static final String CLIENT_RECONNECTS_WITH_RETRIES =
      """
      import java.util.concurrent.Callable;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Client {
        private final ExecutorService connectExecutor = Executors.newSingleThreadExecutor();
        private final Callable<String> reconnect =
            new Callable<String>() {
              @Override
              public String call() throws Exception {
                return Retries.withRetries(() -> "session");
              }
            };
        void reconnect() {
          connectExecutor.submit(reconnect);
        }
        void close() {
          // BUG: Diagnostic contains: shutdown() interrupts nothing and the tasks sleep
          connectExecutor.shutdown();
        }
      }
      """;

  @Test
  void fix_noWaitAfterShutdownForATaskFieldThatRetriesInAnotherFile() {
    helper
        .addSourceLines("Retries.java", RETRIES)
        .addSourceLines("Client.java", CLIENT_RECONNECTS_WITH_RETRIES)
        .doTest();
    refactoring
        .addInputLines("Retries.java", RETRIES)
        .expectUnchanged()
        .addInputLines("Client.java", CLIENT_RECONNECTS_WITH_RETRIES)
        .expectUnchanged()
        .doTest();
  }

  private static final String DECOMMISSION_SERVICE =
      """
      import java.util.concurrent.ExecutorService;
      class DecommissionService {
        private final ExecutorService executor;
        DecommissionService(ExecutorService executor) {
          this.executor = executor;
        }
        void handle(String bookie) {
          executor.execute(() -> waitForReplication(bookie));
        }
        private void waitForReplication(String bookie) {
          try {
            Thread.sleep(300_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      """;

  private static final String PROVIDER_HANDS_ITS_POOL_TO_A_SERVICE =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Provider {
        private final ExecutorService executor = Executors.newSingleThreadExecutor();
        DecommissionService decommission() {
          return new DecommissionService(executor);
        }
        void close() {
          // BUG: Diagnostic contains: close() returns
          executor.shutdown();
        }
      }
      """;

  @Test
  void fix_noWaitAfterShutdownForAPoolHandedToAServiceWhoseTasksSleep() {
    helper
        .addSourceLines("DecommissionService.java", DECOMMISSION_SERVICE)
        .addSourceLines("Provider.java", PROVIDER_HANDS_ITS_POOL_TO_A_SERVICE)
        .doTest();
    refactoring
        .addInputLines("DecommissionService.java", DECOMMISSION_SERVICE)
        .expectUnchanged()
        .addInputLines("Provider.java", PROVIDER_HANDS_ITS_POOL_TO_A_SERVICE)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitAfterShutdownForAPoolHandedToAServiceWhoseTasksPauseBriefly() {
    refactoring
        .addInputLines(
            "DecommissionService.java",
            DECOMMISSION_SERVICE.replace("Thread.sleep(300_000);", "Thread.sleep(500);"))
        .expectUnchanged()
        .addInputLines(
            "Provider.java",
            PROVIDER_HANDS_ITS_POOL_TO_A_SERVICE.replace(
                "      // BUG: Diagnostic contains: close() returns\n", ""))
        .addOutputLines(
            "Provider.java",
            PROVIDER_HANDS_ITS_POOL_TO_A_SERVICE
                .replace("      // BUG: Diagnostic contains: close() returns\n", "")
                .replace("executor.shutdown();", "executor.shutdown();\n    executor.close();"))
        .doTest();
  }
}
