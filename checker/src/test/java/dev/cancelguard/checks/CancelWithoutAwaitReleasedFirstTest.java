package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait's inserted wait where the stop has already released what the work uses before
 * the wait could run: {@code close() { reset(); refresher.shutdownNow(); }}, where {@code reset()}
 * destroys and clears the {@code nodes} the refresh task reads and refills. A wait after the cancel
 * comes after that release: a late run still refills what was cleared and nothing clears it again,
 * so the wait only delays the stop. No fix; the message says to cancel and wait before the release.
 * Next to each, the neighbour that keeps its wait: the release of something the work does not use,
 * and a stop that releases the same thing again after the cancel (the wait goes before that second
 * release).
 */
class CancelWithoutAwaitReleasedFirstTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  /** A cache whose refresh task reads and refills {@code nodes}; CLOSE is its stop's body. */
  private static final String CACHE =
      """
      import java.util.HashMap;
      import java.util.Map;
      import java.util.concurrent.Executors;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.TimeUnit;
      public class Cache {
        private final Map<String, Pool> nodes = new HashMap<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, String> labels = new HashMap<>();
        private ScheduledExecutorService refresher;
        static class Pool {
          void destroy() {}

          void shutdown() {}
        }

        private final Pool proxy = new Pool();
        class Refresh implements Runnable {
          @Override
          public void run() {
            System.out.println(nodes.keySet() + " " + labels.values() + proxy);
            renew();
          }
        }
        void start() {
          refresher = Executors.newSingleThreadScheduledExecutor();
          refresher.scheduleWithFixedDelay(new Refresh(), 1, 1, TimeUnit.SECONDS);
        }
        void renew() {
          synchronized (nodes) {
            nodes.put("a", new Pool());
          }
        }
        public void reset() {
          synchronized (nodes) {
            for (Pool pool : nodes.values()) {
              pool.destroy();
            }
            nodes.clear();
          }
        }
        public void close() {
      CLOSE
        }
      }
      """;

  private static String cache(String close) {
    return CACHE.replace("CLOSE", close);
  }

  @Test
  void noFix_aHelperClearsWhatTheTaskRefillsBeforeTheCancel() {
    String close =
        """
            reset();
            if (refresher != null) {
              refresher.shutdownNow();
            }\
        """;
    helper
        .addSourceLines(
            "Cache.java",
            cache(
                close.replace(
                    "      refresher.shutdownNow();",
                    "      // BUG: Diagnostic contains: No wait is offered: line 43 already releases"
                        + " nodes, which the work of refresher uses, before a wait here could run\n"
                        + "      refresher.shutdownNow();")))
        .doTest();
    refactoring.addInputLines("Cache.java", cache(close)).expectUnchanged().doTest();
  }

  @Test
  void noFix_theStopClearsWhatTheTaskRefillsItselfBeforeTheCancel() {
    String close =
        """
            nodes.clear();
            refresher.shutdownNow();\
        """;
    refactoring.addInputLines("Cache.java", cache(close)).expectUnchanged().doTest();
  }

  @Test
  void noFix_theStopDestroysEachElementOfWhatTheTaskReads() {
    String close =
        """
            for (Pool pool : nodes.values()) {
              pool.destroy();
            }
            refresher.shutdownNow();\
        """;
    refactoring.addInputLines("Cache.java", cache(close)).expectUnchanged().doTest();
  }

  @Test
  void fix_theReleaseBeforeTheCancelIsOfWhatTheTaskDoesNotUse() {
    String close =
        """
            names.clear();
            refresher.shutdownNow();\
        """;
    expectWaitAfterTheCancel(close);
  }

  @Test
  void fix_theStopClearsWhatTheTaskOnlyReads() {
    String close =
        """
            labels.clear();
            refresher.shutdownNow();\
        """;
    expectWaitAfterTheCancel(close);
  }

  @Test
  void fix_theStopShutsDownAComponentTheTaskCallsBeforeTheCancel() {
    String close =
        """
            proxy.shutdown();
            refresher.shutdownNow();\
        """;
    expectWaitAfterTheCancel(close);
  }

  @Test
  void fix_theStopClosesTheOneResourceTheTaskUsesBeforeTheCancel() {
    // Closing the one resource the work uses (the socket its receive() blocks on) is often what
    // ends it: the wait after it is prompt, and the stop's next steps no longer race the work.
    String close =
        """
            proxy.destroy();
            refresher.shutdownNow();\
        """;
    expectWaitAfterTheCancel(close);
  }

  @Test
  void fix_theStopReleasesItAgainAfterTheCancel() {
    String close =
        """
            reset();
            refresher.shutdownNow();
            reset();\
        """;
    expectWaitAfterTheCancel(close);
  }

  /** The stop whose body is {@code close} gets its wait right after the cancel. */
  private void expectWaitAfterTheCancel(String close) {
    refactoring
        .addInputLines("Cache.java", cache(close))
        .addOutputLines(
            "Cache.java",
            cache(
                close.replace(
                    "refresher.shutdownNow();",
                    "refresher.shutdownNow();\n    refresher.close();")))
        .doTest();
  }
}
