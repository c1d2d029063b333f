package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait's inserted wait where it would fail where it lands: the work runs a loop that
 * never ends, not even on the interrupt ({@code while (true)} whose catch logs the {@code
 * InterruptedException} and goes round again), so an unbounded wait never returns (no fix; a
 * checked bounded wait where the stop has a deadline of its own); and a stop that sets the pool's
 * field to {@code null} after its cancel, where the wait, written on that field, goes before the
 * write. Next to each, the neighbour that keeps the wait where it was.
 */
class CancelWithoutAwaitNeverEndingWorkTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  /** A batcher whose task loops forever; CATCH is what its catch does with the interrupt. */
  private static final String BATCHER =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Batcher {
        private final Object lock = new Object();
        private ExecutorService pool;
        public void init() {
          pool = Executors.newSingleThreadExecutor();
          pool.submit(new Flush());
        }
        public void destroy() {
          if (pool != null) {
            pool.shutdownNow();
          }
        }
        private class Flush implements Runnable {
          @Override
          public void run() {
            while (true) {
              synchronized (lock) {
                try {
                  lock.wait(10);
                } catch (InterruptedException e) {
                  CATCH
                }
              }
              System.out.println("flush");
            }
          }
        }
      }
      """;

  private static String batcher(String onInterrupt) {
    return BATCHER.replace("CATCH", onInterrupt);
  }

  @Test
  void noFix_theTaskLoopsForeverAndSwallowsTheInterrupt() {
    helper
        .addSourceLines(
            "Batcher.java",
            batcher("System.err.println(\"interrupted\");")
                .replace(
                    "      pool.shutdownNow();",
                    "      // BUG: Diagnostic contains: the while loop of Flush.run() (line 19),"
                        + " which nothing ends, not even the interrupt\n"
                        + "      pool.shutdownNow();"))
        .doTest();
    refactoring
        .addInputLines("Batcher.java", batcher("System.err.println(\"interrupted\");"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_theTaskLoopLeavesOnTheInterrupt() {
    String leaves = batcher("return;");
    refactoring
        .addInputLines("Batcher.java", leaves)
        .addOutputLines(
            "Batcher.java",
            leaves.replace(
                "      pool.shutdownNow();\n", "      pool.shutdownNow();\n      pool.close();\n"))
        .doTest();
  }

  private static final String TIMED_STOP =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.TimeUnit;
      class Drainer {
        private final ExecutorService pool = Executors.newSingleThreadExecutor();
        private final java.util.concurrent.BlockingQueue<String> queue =
            new java.util.concurrent.LinkedBlockingQueue<>();
        public void start() {
          pool.execute(
              () -> {
                while (true) {
                  try {
                    System.out.println(queue.take());
                  } catch (InterruptedException e) {
                    System.err.println("interrupted");
                  }
                }
              });
        }
        public void stop(long timeout, TimeUnit unit) {
          pool.shutdownNow();
        }
      }
      """;

  @Test
  void checkedBoundedFix_theTaskLoopsForeverAndTheStopHasADeadline() {
    refactoring
        .addInputLines("Drainer.java", TIMED_STOP)
        .addOutputLines(
            "Drainer.java",
            TIMED_STOP.replace(
                "    pool.shutdownNow();\n",
                """
                    pool.shutdownNow();
                    try {
                      if (!pool.awaitTermination(timeout, unit)) {
                        throw new IllegalStateException("pool did not terminate in time");
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                """))
        .doTest();
  }

  private static final String WORKER =
      """
      class Pump {
        private final Thread worker =
            new Thread(
                () -> {
                  while (true) {
                    try {
                      Thread.sleep(100);
                    } catch (InterruptedException e) {
                      CATCH
                    }
                    System.out.println("tick");
                  }
                });
        public void start() {
          worker.start();
        }
        public void stop() {
          worker.interrupt();
        }
      }
      """;

  @Test
  void noFix_theThreadLoopsForeverAndSwallowsTheInterrupt() {
    String swallows = WORKER.replace("CATCH", "System.err.println(\"interrupted\");");
    helper
        .addSourceLines(
            "Pump.java",
            swallows.replace(
                "    worker.interrupt();",
                "    // BUG: Diagnostic contains: nothing ends, not even the interrupt\n"
                    + "    worker.interrupt();"))
        .doTest();
    refactoring.addInputLines("Pump.java", swallows).expectUnchanged().doTest();
  }

  @Test
  void fix_theThreadLoopLeavesOnTheInterrupt() {
    String leaves = WORKER.replace("CATCH", "return;");
    refactoring
        .addInputLines("Pump.java", leaves)
        .addOutputLines(
            "Pump.java",
            leaves.replace(
                "    worker.interrupt();\n",
                """
                    worker.interrupt();
                    try {
                      worker.join();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                """))
        .doTest();
  }

  /** A stop that releases a supplier after its pool's shutdown; NULLING is what it does between. */
  private static final String SESSION =
      """
      import java.io.Closeable;
      import java.io.IOException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Session {
        private ExecutorService executorService = Executors.newSingleThreadExecutor();
        private Closeable nodes;
        Session(Closeable nodes) {
          this.nodes = nodes;
          executorService.execute(() -> System.out.println("refresh"));
        }
        public void close() throws IOException {
          if (this.executorService != null) {
            this.executorService.shutdown();
            NULLING
            this.nodes.close();
            this.nodes = null;
          }
        }
      }
      """;

  @Test
  void fix_theWaitGoesBeforeTheFieldItNamesIsSetToNull() {
    String nulls = SESSION.replace("NULLING", "this.executorService = null;");
    refactoring
        .addInputLines("Session.java", nulls)
        .addOutputLines(
            "Session.java",
            nulls.replace(
                "      this.executorService.shutdown();\n",
                "      this.executorService.shutdown();\n      this.executorService.close();\n"))
        .doTest();
  }

  @Test
  void fix_theWaitGoesAfterTheRestOfTheStopWhereTheFieldKeepsThePool() {
    String keeps = SESSION.replace("NULLING", "System.out.println(\"stopping\");");
    refactoring
        .addInputLines("Session.java", keeps)
        .addOutputLines(
            "Session.java",
            keeps.replace(
                "      this.nodes.close();\n",
                "      this.nodes.close();\n      this.executorService.close();\n"))
        .doTest();
  }

  @Test
  void fix_theWaitGoesAfterWhatEndsSomethingBeforeTheFieldIsSetToNull() {
    String nulls =
        SESSION.replace("NULLING", "this.nodes.close();\n      this.executorService = null;");
    refactoring
        .addInputLines("Session.java", nulls)
        .addOutputLines(
            "Session.java",
            nulls.replaceFirst(
                "      this.nodes.close\\(\\);\n",
                "      this.nodes.close();\n      this.executorService.close();\n"))
        .doTest();
  }
}
