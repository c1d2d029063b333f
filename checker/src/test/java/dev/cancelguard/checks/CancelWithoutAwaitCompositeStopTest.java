package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait's inserted wait in a stop that a composite stop calls in turn: {@code
 * Client.shutdown() { scanner.shutdown(); monitor.shutdown(); }}. Where the stop cannot throw
 * {@code InterruptedException} the wait comes in a catch that restores the flag; once interrupted
 * there, the flag returns into the composite stop, which goes on to the next part's stop, and that
 * part's wait (its own, or the one this check's fix inserts there, the fixes applied together)
 * throws at once: its work is not waited for. No fix there; the message names the caller's next
 * stop. The neighbours keep their wait: the last part of the composite stop, a stop whose caller
 * does nothing after it, a public stop with no caller in the compilation, a caller that goes on to
 * a stop that ends nothing, and a stop that declares {@code InterruptedException} (no catch).
 * Compiled for release 17, where an executor has no {@code close()} and the inserted wait is a
 * timed {@code awaitTermination}.
 */
class CancelWithoutAwaitCompositeStopTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  /** A part with a pool of its own; its stop ends the pool and returns. */
  private static String part(String name) {
    return """
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        class NAME {
          private final ExecutorService pool = Executors.newSingleThreadExecutor();
          void start() {
            pool.execute(() -> System.out.println("NAME"));
          }
          public void shutdown() {
            pool.shutdown();
          }
        }
        """
        .replace("NAME", name);
  }

  /** The part's stop once fixed: the timed wait in a catch that restores the flag. */
  private static String fixedPart(String name) {
    return part(name)
        .replace(
            "import java.util.concurrent.Executors;\n",
            "import java.util.concurrent.Executors;\nimport java.util.concurrent.TimeUnit;\n")
        .replace(
            "    pool.shutdown();\n",
            "    pool.shutdown();\n"
                + "    try { pool.awaitTermination(30, TimeUnit.SECONDS); } catch"
                + " (InterruptedException e) { Thread.currentThread().interrupt(); }\n");
  }

  /** The composite: its stop's body is {@code body}. */
  private static String client(String body) {
    return """
        class Client {
          private final Scanner scanner = new Scanner();
          private final Monitor monitor = new Monitor();
          private final Flag flag = new Flag();
          public void shutdown() {
        BODY
          }
        }
        """
        .replace("BODY", body);
  }

  /** A part whose stop ends nothing: it only sets a flag. */
  private static final String FLAG =
      """
      class Flag {
        private volatile boolean stopped;
        public void stop() {
          stopped = true;
        }
      }
      """;

  @Test
  void noFix_theCompositeStopGoesOnToAStopTheFixMakesWait() {
    String body = "    scanner.shutdown();\n    monitor.shutdown();";
    refactoring
        .addInputLines("Client.java", client(body))
        .expectUnchanged()
        .addInputLines("Scanner.java", part("Scanner"))
        .expectUnchanged()
        .addInputLines("Monitor.java", part("Monitor"))
        .addOutputLines("Monitor.java", fixedPart("Monitor"))
        .addInputLines("Flag.java", FLAG)
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void message_namesTheCallersNextStop() {
    String body = "    scanner.shutdown();\n    monitor.shutdown();";
    helper
        .addSourceLines("Client.java", client(body))
        .addSourceLines(
            "Scanner.java",
            part("Scanner")
                .replace(
                    "    pool.shutdown();",
                    "    // BUG: Diagnostic contains: No wait is offered: this stop cannot throw"
                        + " InterruptedException, so a wait here would need a catch that restores"
                        + " the interrupt flag, and its caller goes on with the flag set: after the"
                        + " call of shutdown(..) at line 6 of Client.java it runs shutdown(..) at"
                        + " line 7 of Client.java\n"
                        + "    pool.shutdown();"))
        .addSourceLines(
            "Monitor.java",
            part("Monitor")
                .replace(
                    "    pool.shutdown();",
                    "    // BUG: Diagnostic contains: awaitTermination\n    pool.shutdown();"))
        .addSourceLines("Flag.java", FLAG)
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void message_aCallerThatStopsItsPartsInALoopMeetsTheSameCallAgain() {
    String fleet =
        """
        import java.util.List;
        class Fleet {
          private final List<Scanner> scanners = List.of(new Scanner(), new Scanner());
          public void shutdown() {
            for (Scanner scanner : scanners) {
              scanner.shutdown();
            }
          }
        }
        """;
    helper
        .addSourceLines("Fleet.java", fleet)
        .addSourceLines(
            "Scanner.java",
            part("Scanner")
                .replace(
                    "    pool.shutdown();",
                    "    // BUG: Diagnostic contains: its caller goes on with the flag set: after the"
                        + " call of shutdown(..) at line 6 of Fleet.java it runs that call again for"
                        + " the next one, which would then fail at once\n"
                        + "    pool.shutdown();"))
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void noFix_theCompositeStopGoesOnToAStopThatWaitsItself() {
    String body = "    scanner.shutdown();\n    monitor.shutdown();";
    String waitingMonitor =
        fixedPart("Monitor")
            .replace(
                "try { pool.awaitTermination(30, TimeUnit.SECONDS); } catch (InterruptedException"
                    + " e) { Thread.currentThread().interrupt(); }",
                "try {\n"
                    + "      pool.awaitTermination(5, TimeUnit.SECONDS);\n"
                    + "    } catch (InterruptedException e) {\n"
                    + "      Thread.currentThread().interrupt();\n"
                    + "    }");
    refactoring
        .addInputLines("Client.java", client(body))
        .expectUnchanged()
        .addInputLines("Scanner.java", part("Scanner"))
        .expectUnchanged()
        .addInputLines("Monitor.java", waitingMonitor)
        .expectUnchanged()
        .addInputLines("Flag.java", FLAG)
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_theCompositeStopDoesNothingAfterIt() {
    String body = "    monitor.shutdown();\n    scanner.shutdown();";
    refactoring
        .addInputLines("Client.java", client(body))
        .expectUnchanged()
        .addInputLines("Scanner.java", part("Scanner"))
        .addOutputLines("Scanner.java", fixedPart("Scanner"))
        .addInputLines("Monitor.java", part("Monitor"))
        .expectUnchanged()
        .addInputLines("Flag.java", FLAG)
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_theCompositeStopGoesOnToAStopThatEndsNothing() {
    String body = "    scanner.shutdown();\n    flag.stop();";
    refactoring
        .addInputLines("Client.java", client(body))
        .expectUnchanged()
        .addInputLines("Scanner.java", part("Scanner"))
        .addOutputLines("Scanner.java", fixedPart("Scanner"))
        .addInputLines("Monitor.java", part("Monitor"))
        .addOutputLines("Monitor.java", fixedPart("Monitor"))
        .addInputLines("Flag.java", FLAG)
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_theCompositeStopCallsOnePartOrTheOther() {
    // The monitor's stop runs instead of the scanner's, never after it: both keep their wait.
    String body =
        "    if (flag.hashCode() > 0) {\n      scanner.shutdown();\n    } else {\n"
            + "      monitor.shutdown();\n    }";
    refactoring
        .addInputLines("Client.java", client(body))
        .expectUnchanged()
        .addInputLines("Scanner.java", part("Scanner"))
        .addOutputLines("Scanner.java", fixedPart("Scanner"))
        .addInputLines("Monitor.java", part("Monitor"))
        .addOutputLines("Monitor.java", fixedPart("Monitor"))
        .addInputLines("Flag.java", FLAG)
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_aPublicStopWithNoCallerInTheCompilation() {
    refactoring
        .addInputLines("Scanner.java", part("Scanner"))
        .addOutputLines("Scanner.java", fixedPart("Scanner"))
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_aStopThatThrowsTheInterruptNeedsNoCatch() {
    String body =
        "    try {\n      scanner.shutdown();\n    } catch (InterruptedException e) {\n"
            + "      Thread.currentThread().interrupt();\n      return;\n    }\n    monitor.shutdown();";
    String throwing =
        part("Scanner")
            .replace(
                "public void shutdown() {", "public void shutdown() throws InterruptedException {");
    String fixed =
        throwing
            .replace(
                "import java.util.concurrent.Executors;\n",
                "import java.util.concurrent.Executors;\nimport java.util.concurrent.TimeUnit;\n")
            .replace(
                "    pool.shutdown();\n",
                "    pool.shutdown();\n    pool.awaitTermination(30, TimeUnit.SECONDS);\n");
    refactoring
        .addInputLines("Client.java", client(body))
        .expectUnchanged()
        .addInputLines("Scanner.java", throwing)
        .addOutputLines("Scanner.java", fixed)
        .addInputLines("Monitor.java", part("Monitor"))
        .addOutputLines("Monitor.java", fixedPart("Monitor"))
        .addInputLines("Flag.java", FLAG)
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }
}
