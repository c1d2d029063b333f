package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait's inserted wait in a stop meant to run with the interrupt flag set: the stop
 * asks {@code Thread.currentThread().isInterrupted()} and goes on either way (a killed task's
 * cleanup, run on the interrupted thread). There a wait that throws ({@code awaitTermination} or
 * {@code join} with no catch, in a stop that declares {@code InterruptedException}) would throw at
 * once, out of the stop: no fix, the message names the test. Next to it, the neighbours that keep
 * their waits: the same stop without the test, a test that returns when the flag is set, a test of
 * the worker's flag, and a stop that cannot throw the interrupt (its wait has a catch).
 */
class CancelWithoutAwaitFlagTestingStopsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  /**
   * A fetch manager with a reporter pool and a fetcher thread; TEST is what its stop does first,
   * THROWS what the stop declares.
   */
  private static final String MANAGER =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class FetchManager {
        private final ExecutorService reporter = Executors.newFixedThreadPool(1);
        private final Thread fetcher = new Thread(() -> System.out.println("fetch"));
        FetchManager() {
          reporter.execute(() -> System.out.println("report"));
          fetcher.start();
        }
        public void shutdown() THROWS {
          TEST
          reporter.shutdownNow();
          fetcher.interrupt();
        }
      }
      """;

  private static final String LOGGED_TEST =
      """
      if (Thread.currentThread().isInterrupted()) {
            System.err.println("interrupted: local files are left to the job's cleanup");
          }\
      """;

  private static final String DECLARED = "throws InterruptedException";

  private static String manager(String test, String declared) {
    return MANAGER.replace("TEST", test).replace("THROWS", declared);
  }

  /** The manager with the waits a fix inserts after the interrupt. */
  private static String fixed(String code, String waits) {
    return code.replace(
            "import java.util.concurrent.Executors;\n",
            "import java.util.concurrent.Executors;\nimport java.util.concurrent.TimeUnit;\n")
        .replace("    fetcher.interrupt();\n", "    fetcher.interrupt();\n" + waits);
  }

  @Test
  void noFix_theStopTestsTheFlagAndGoesOn() {
    refactoring
        .addInputLines("FetchManager.java", manager(LOGGED_TEST, DECLARED))
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void noFix_theTestIsPartOfALargerCondition() {
    refactoring
        .addInputLines(
            "FetchManager.java",
            manager(
                LOGGED_TEST.replace(
                    "Thread.currentThread().isInterrupted()",
                    "fetcher.isAlive() && Thread.currentThread().isInterrupted()"),
                DECLARED))
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void finding_staysWithTheNoteThatNamesTheTest() {
    helper
        .addSourceLines(
            "FetchManager.java",
            manager(LOGGED_TEST, DECLARED)
                .replace(
                    "    reporter.shutdownNow();",
                    "    // BUG: Diagnostic contains: No wait is offered: shutdown() tests the current"
                        + " thread's interrupt flag at line 11 and goes on when it is set, so it is"
                        + " meant to run on an interrupted thread, where"
                        + " reporter.awaitTermination(30, TimeUnit.SECONDS) would throw"
                        + " InterruptedException at once, out of shutdown(), before it waited for"
                        + " anything\n"
                        + "    reporter.shutdownNow();")
                .replace(
                    "    fetcher.interrupt();",
                    "    // BUG: Diagnostic contains: where fetcher.join() would throw"
                        + " InterruptedException at once\n"
                        + "    fetcher.interrupt();"))
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_theSameStopWithoutTheTest() {
    String code = manager("", DECLARED);
    refactoring
        .addInputLines("FetchManager.java", code)
        .addOutputLines(
            "FetchManager.java",
            fixed(
                code,
                "    reporter.awaitTermination(30, TimeUnit.SECONDS);\n    fetcher.join();\n"))
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_theStopReturnsWhenTheFlagIsSet() {
    String code =
        manager("if (Thread.currentThread().isInterrupted()) {\n      return;\n    }", DECLARED);
    refactoring
        .addInputLines("FetchManager.java", code)
        .addOutputLines(
            "FetchManager.java",
            fixed(
                code,
                "    reporter.awaitTermination(30, TimeUnit.SECONDS);\n    fetcher.join();\n"))
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_theStopTestsTheWorkersFlag() {
    String code =
        manager(
            LOGGED_TEST.replace(
                "Thread.currentThread().isInterrupted()", "fetcher.isInterrupted()"),
            DECLARED);
    refactoring
        .addInputLines("FetchManager.java", code)
        .addOutputLines(
            "FetchManager.java",
            fixed(
                code,
                "    reporter.awaitTermination(30, TimeUnit.SECONDS);\n    fetcher.join();\n"))
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_aStopThatCannotThrowTheInterruptKeepsItsCaughtWait() {
    String code = manager(LOGGED_TEST, "");
    refactoring
        .addInputLines("FetchManager.java", code)
        .addOutputLines(
            "FetchManager.java",
            fixed(
                code,
                "    try { reporter.awaitTermination(30, TimeUnit.SECONDS); fetcher.join(); }"
                    + " catch (InterruptedException e) { Thread.currentThread().interrupt(); }\n"))
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_anExecutorsCloseWaitsOnAndStays() {
    // On JDK 19+ the pool's wait is close(), which throws nothing and waits on; the thread's join
    // would throw, so it goes.
    String code = manager(LOGGED_TEST, DECLARED).replace("    fetcher.interrupt();\n", "");
    refactoring
        .addInputLines("FetchManager.java", code)
        .addOutputLines(
            "FetchManager.java",
            code.replace(
                "    reporter.shutdownNow();\n",
                "    reporter.shutdownNow();\n    reporter.close();\n"))
        .doTest();
  }
}
