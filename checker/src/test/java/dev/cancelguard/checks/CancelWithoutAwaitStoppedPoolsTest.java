package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait where what the code releases after the cancel is an executor that the
 * cancelled work uses only to stop it, wait for it or ask about its state: a JDK executor shut down
 * refuses only new work, so the release cannot fail a late run. Next to each, the neighbour whose
 * work hands that pool work or hands it on, which still is reported.
 */
class CancelWithoutAwaitStoppedPoolsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private static final String CONNECTION =
      """
      import java.io.IOException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Connection {
        private final ExecutorService writer = Executors.newSingleThreadExecutor();
        private final ExecutorService push = Executors.newCachedThreadPool();
        void ping() {
          writer.execute(() -> {
            try {
              send();
            } catch (IOException e) {
              fail();
            }
          });
        }
        void send() throws IOException {
          System.out.println("ping");
        }
        private void fail() {
          %s
        }
        void close() {
          writer.shutdown();
          // the stop's last step: `push` is released while the writer's tasks may still run
          push.shutdown();
          writer.close();
          push.close();
        }
      }
      """;

  /** The writer's tasks touch the push pool only to shut it down too (a failure closes all). */
  @Test
  void negative_tasksOnlyShutDownThePoolReleasedAfterTheCancel() {
    helper
        .addSourceLines(
            "Connection.java", CONNECTION.formatted("if (!push.isShutdown()) { push.shutdown(); }"))
        .doTest();
  }

  /** The writer's tasks hand the push pool work: shut down, it refuses it. */
  @Test
  void positive_tasksSubmitToThePoolReleasedAfterTheCancel() {
    helper
        .addSourceLines(
            "Connection.java",
            CONNECTION
                .formatted("push.execute(() -> System.out.println(\"reset\"));")
                .replace(
                    "  writer.shutdown();",
                    "  // BUG: Diagnostic contains: releasing push\n    writer.shutdown();"))
        .doTest();
  }

  /** The writer's tasks hand the push pool on: what the receiver does with it is not seen. */
  @Test
  void positive_tasksHandThePoolReleasedAfterTheCancelOn() {
    helper
        .addSourceLines(
            "Connection.java",
            CONNECTION
                .formatted("Executors.unconfigurableExecutorService(push).shutdown();")
                .replace(
                    "  writer.shutdown();",
                    "  // BUG: Diagnostic contains: releasing push\n    writer.shutdown();"))
        .doTest();
  }

  private static final String POOL =
      """
      import java.util.concurrent.ArrayBlockingQueue;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.ScheduledFuture;
      import java.util.concurrent.ThreadPoolExecutor;
      import java.util.concurrent.TimeUnit;
      class Pool implements AutoCloseable {
        private final ArrayBlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(8);
        private final ThreadPoolExecutor appender =
            new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, queue);
        private final ScheduledFuture<?> sweep;
        Pool(ScheduledExecutorService timer) {
          sweep = timer.scheduleAtFixedRate(this::removeIdle, 1, 1, TimeUnit.SECONDS);
        }
        private void removeIdle() {
          System.out.println("idle connection closed");
          %s
        }
        @Override
        public void close() {
          sweep.cancel(false);
          appender.shutdown();
          appender.close();
        }
      }
      """;

  /** A sweep that only asks the appender for a core thread: a shut-down pool just says no. */
  @Test
  void negative_sweepOnlyQueriesThePoolTheStopShutsDown() {
    helper.addSourceLines("Pool.java", POOL.formatted("appender.prestartCoreThread();")).doTest();
  }

  /** A sweep that hands the appender work: after the shutdown it is refused. */
  @Test
  void positive_sweepSubmitsToThePoolTheStopShutsDown() {
    helper
        .addSourceLines(
            "Pool.java",
            POOL.formatted("appender.execute(() -> System.out.println(\"add\"));")
                .replace(
                    "    sweep.cancel(false);",
                    "    // BUG: Diagnostic contains: releasing appender\n    sweep.cancel(false);"))
        .doTest();
  }

  // ------------------------------------------- the pool a future's task was handed to

  private static final String MIGRATION =
      """
      import java.io.PrintStream;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.TimeUnit;
      class Migration {
        private final ExecutorService migrationPool;
        private final PrintStream table;
        private CompletableFuture<Boolean> pendingMove;
        Migration(ExecutorService migrationPool, PrintStream table) {
          this.migrationPool = migrationPool;
          this.table = table;
        }
        void startMove() {
          pendingMove = CompletableFuture.supplyAsync(() -> MOVE, migrationPool);
        }
        private boolean move() {
          table.println("moved");
          return true;
        }
        public synchronized void shutdown() {
          if (pendingMove != null && !pendingMove.isDone()) {
            // BUG: Diagnostic contains: FINDING
            pendingMove.cancel(true);
          }
          migrationPool.shutdown();
          try {
            if (!migrationPool.awaitTermination(30, TimeUnit.SECONDS)) {
              migrationPool.shutdownNow();
            }
          } catch (InterruptedException e) {
            migrationPool.shutdownNow();
            Thread.currentThread().interrupt();
          }
          RELEASE
        }
      }
      """;

  @Test
  void negative_poolTheFutureTaskRunsOnShutDownThenAwaited() {
    // `supplyAsync(task, pool)`: the pool is where the task runs, not something it runs with.
    // Shutting it down after the cancel lets the running move finish (shutdown() refuses only new
    // work), and awaitTermination of that pool waits for it before the table is closed.
    helper
        .addSourceLines(
            "Migration.java",
            MIGRATION
                .replace("MOVE", "move()")
                .replace("RELEASE", "table.close();")
                .replaceAll("(?m)^.*// BUG: .*\n", ""))
        .doTest();
  }

  @Test
  void positive_futureTaskSubmitsToThePoolItRunsOn() {
    // Must-flag neighbour: the task itself hands the pool more work, which the shutdown then
    // refuses while the cancelled move may still be running.
    helper
        .addSourceLines(
            "Migration.java",
            MIGRATION
                .replace(
                    "MOVE",
                    "{ migrationPool.execute(() -> table.println(\"next batch\")); return move(); }")
                .replace("RELEASE", "")
                .replace("FINDING", "releasing migrationPool"))
        .doTest();
  }

  @Test
  void positive_whatTheFutureTaskUsesReleasedBeforeItsPoolIsAwaited() {
    // Must-flag neighbour: the table the move writes to is closed after the pool is shut down
    // but before anything waits for it (reported for the cancel and for the pool's shutdown).
    helper
        .addSourceLines(
            "Migration.java",
            MIGRATION
                .replace("MOVE", "move()")
                .replace("RELEASE", "")
                .replace(
                    "    migrationPool.shutdown();\n",
                    "    // BUG: Diagnostic contains: migrationPool.shutdown() only stops new tasks\n"
                        + "    migrationPool.shutdown();\n"
                        + "    table.close();\n")
                .replace("FINDING", "releasing table"))
        .doTest();
  }
}
