package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait's fixes that would throw from a stop or outlast its deadline: a checked wait
 * ({@code if (!pool.awaitTermination(..)) { throw .. }}) with more of the stop after it — a field
 * that says the component stopped, a registry to unexport — and any wait in the catch a method
 * enters once its own timed wait ran out ({@code catch (TimeoutException e) {
 * executor.shutdownNow(); }}). No fix in either; the finding stays. Next to each, the neighbour
 * that keeps its fix: only a read of the results after the wait, the same code in a method that is
 * not a stop, the catch of another exception.
 */
class CancelWithoutAwaitStopDeadlinesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  /** A keep-alive task that pings the registry; STOP is the name of the method that ends both. */
  private static final String KEEP_ALIVE =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class KeepAlive {
        interface Registry {
          void ping();

          void unexport();
        }

        private static ExecutorService daemon;
        private static Registry registry;

        static void start(Registry served) {
          registry = served;
          daemon = Executors.newSingleThreadExecutor();
          daemon.execute(() -> registry.ping());
        }

        static void STOP() {
          if (daemon != null) {
            daemon.shutdownNow();
            daemon = null;
          }
          if (registry != null) {
            registry.unexport();
            registry = null;
          }
        }
      }
      """;

  @Test
  void noFix_aCheckedWaitWouldSkipTheRestOfTheStop() {
    // The throw would leave the registry exported and the fields saying the server still runs.
    refactoring
        .addInputLines("KeepAlive.java", KEEP_ALIVE.replace("STOP", "shutdownImpl"))
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void noFix_aCheckedWaitWouldSkipTheRestOfATeardownNamedCleanup() {
    refactoring
        .addInputLines("KeepAlive.java", KEEP_ALIVE.replace("STOP", "cleanup"))
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void finding_aCheckedWaitWouldSkipTheRestOfTheStop_staysWithItsMessage() {
    helper
        .addSourceLines(
            "KeepAlive.java",
            KEEP_ALIVE
                .replace("STOP", "shutdownImpl")
                .replace(
                    "daemon.shutdownNow();",
                    "// BUG: Diagnostic contains: Wait for termination first\n"
                        + "      daemon.shutdownNow();"))
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void checkedFix_theSameCodeInAMethodThatIsNoStop() {
    // `rebind()` is not a stop: a throw there skips no shutdown, and the wait still tells the
    // caller that the task outlived it before the registry goes.
    refactoring
        .addInputLines("KeepAlive.java", KEEP_ALIVE.replace("STOP", "rebind"))
        .addOutputLines(
            "KeepAlive.java",
            KEEP_ALIVE
                .replace("STOP", "rebind")
                .replace(
                    "import java.util.concurrent.Executors;\n",
                    "import java.util.concurrent.Executors;\nimport java.util.concurrent.TimeUnit;\n")
                .replace(
                    "      daemon.shutdownNow();\n",
                    """
                          daemon.shutdownNow();
                          try {
                            if (!daemon.awaitTermination(30, TimeUnit.SECONDS)) {
                              throw new IllegalStateException("daemon did not terminate within 30 seconds");
                            }
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                    """))
        .setArgs("--release", "17")
        .doTest();
  }

  /** A distribution service whose stop waits a second for its senders, then drops the queue. */
  private static final String DISTRIBUTION =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.LinkedBlockingQueue;
      import java.util.concurrent.TimeUnit;
      class Distribution {
        private final ExecutorService service = Executors.newFixedThreadPool(2);
        private BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private volatile boolean active = true;
        private final StringBuffer sent = new StringBuffer();

        void start() {
          service.submit(() -> sent.append(queue.poll()));
        }

        public void close() {
          active = false;
          service.shutdownNow();
          try {
            service.awaitTermination(1L, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            System.err.println("failed to close");
          }
          AFTER
        }
      }
      """;

  @Test
  void noFix_aDroppedWaitResultInAStopThatGoesOn() {
    // Checking the result would throw out of close() before `queue` is dropped, and out of the
    // stop that called it.
    refactoring
        .addInputLines("Distribution.java", DISTRIBUTION.replace("AFTER", "this.queue = null;"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void checkedFix_aDroppedWaitResultWhereOnlyAReadOfTheResultsFollows() {
    String after = "System.out.println(sent);";
    refactoring
        .addInputLines("Distribution.java", DISTRIBUTION.replace("AFTER", after))
        .addOutputLines(
            "Distribution.java",
            DISTRIBUTION
                .replace("AFTER", after)
                .replace(
                    "      service.awaitTermination(1L, TimeUnit.SECONDS);\n",
                    """
                          if (!service.awaitTermination(1L, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("service did not terminate in time");
                          }
                    """))
        .doTest();
  }

  /**
   * A writer whose close waits 60 s for its task to flush, and forces the stop when that runs out;
   * FORCED is the exception whose catch forces it, OTHER the one rethrown.
   */
  private static final String WRITER =
      """
      import java.io.Closeable;
      import java.io.IOException;
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.TimeoutException;
      class Writer implements Closeable {
        interface Flushed {
          void await(long timeout, TimeUnit unit) throws TimeoutException, ExecutionException;
        }

        private final ExecutorService executor = Executors.newSingleThreadExecutor();
        private final Closeable out;
        private final Flushed flushed;

        Writer(Closeable out, Flushed flushed) {
          this.out = out;
          this.flushed = flushed;
          executor.execute(() -> System.out.println(out));
        }

        @Override
        public void close() throws IOException {
          try {
            flushed.await(60, TimeUnit.SECONDS);
          } catch (OTHER e) {
            throw new IOException(e);
          } catch (FORCED e) {
            executor.shutdownNow();
          } finally {
            out.close();
          }
        }
      }
      """;

  private static String writer(String forced, String other) {
    return WRITER.replace("FORCED", forced).replace("OTHER", other);
  }

  @Test
  void noFix_theCatchTheCloseEntersOnceItsOwnDeadlineRanOut() {
    refactoring
        .addInputLines("Writer.java", writer("TimeoutException", "ExecutionException"))
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void finding_theCatchOfTheTimeout_namesTheDeadline() {
    helper
        .addSourceLines(
            "Writer.java",
            writer("TimeoutException", "ExecutionException")
                .replace(
                    "      executor.shutdownNow();",
                    "      // BUG: Diagnostic contains: No wait is offered: this runs in the catch of"
                        + " TimeoutException of line 29\n"
                        + "      executor.shutdownNow();"))
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_theCatchOfAnotherException() {
    // The task failed; no deadline has run out, and the close has time to wait.
    String input = writer("ExecutionException", "TimeoutException");
    refactoring
        .addInputLines("Writer.java", input)
        .addOutputLines(
            "Writer.java",
            input.replace(
                "      executor.shutdownNow();\n",
                """
                      executor.shutdownNow();
                      try {
                        executor.awaitTermination(30, TimeUnit.SECONDS);
                      } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                      }
                """))
        .setArgs("--release", "17")
        .doTest();
  }
}
