package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The stop-flag doorbell ({@code running = false; worker.interrupt();}) where the thread tests the
 * flag through a no-argument method of its class that no subclass can replace, or right after the
 * catch rather than in the loop around it; with must-flag neighbours for each.
 */
class SwallowedInterruptStopFlagTestTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String FLAG = "// BUG: Diagnostic contains: SwallowedInterrupt";

  /** A streamer whose loop tests its stop through {@code shouldStop()}. */
  private static String streamer(String shouldStop, String marker) {
    return """
        import java.util.ArrayDeque;
        class Streamer extends Thread {
          private volatile boolean closed;
          private volatile boolean failed;
          private final ArrayDeque<String> queue = new ArrayDeque<>();

          %s

          void close() {
            closed = true;
            this.interrupt();
          }

          @Override
          public void run() {
            synchronized (queue) {
              while (!shouldStop() && queue.isEmpty()) {
                try {
                  queue.wait(1000);
                %s
                } catch (InterruptedException e) {
                  System.err.println("woken up");
                }
              }
            }
          }
        }
        """
        .formatted(shouldStop, marker);
  }

  @Test
  void negative_loopTestsTheStopThroughAPrivateMethod() {
    helper
        .addSourceLines(
            "Streamer.java",
            streamer("private boolean shouldStop() { return closed || failed; }", ""))
        .doTest();
  }

  @Test
  void positive_loopTestsTheStopThroughAMethodASubclassMayReplace() {
    helper
        .addSourceLines(
            "Streamer.java",
            streamer("protected boolean shouldStop() { return closed || failed; }", FLAG))
        .doTest();
  }

  @Test
  void positive_methodTheLoopTestsReadsNoFlagTheStopSets() {
    helper
        .addSourceLines(
            "Streamer.java", streamer("private boolean shouldStop() { return failed; }", FLAG))
        .doTest();
  }

  @Test
  void positive_methodTheLoopTestsDoesMoreThanReturn() {
    helper
        .addSourceLines(
            "Streamer.java",
            streamer(
                "private boolean shouldStop() { if (failed) { return true; } return closed; }",
                FLAG))
        .doTest();
  }

  /**
   * A monitor whose walk over a round's items (a counted loop, whose test reads no stop flag) tests
   * the flag after the pause's catch.
   */
  private static String monitor(String afterCatch, String stop, String marker) {
    return """
        import java.util.List;
        class Monitor implements Runnable {
          private volatile boolean running = true;
          private volatile boolean paused;
          private Thread thread;
          private List<String> files;

          void check(String file) {}

          void start() {
            thread = new Thread(this);
            thread.start();
          }

          void stop() {
            %s
            thread.interrupt();
          }

          @Override
          public void run() {
            mainLoop:
            while (running) {
              for (int i = 0; i < files.size(); i++) {
                String file = files.get(i);
                check(file);
                if (file.isEmpty()) {
                  try {
                    Thread.sleep(100);
                  %s
                  } catch (InterruptedException e) {
                    // woken up
                  }
                }
                %s
              }
            }
          }
        }
        """
        .formatted(stop, marker, afterCatch);
  }

  @Test
  void negative_catchFallsIntoATestOfTheStopFlagThatContinuesTheStopLoop() {
    helper
        .addSourceLines(
            "Monitor.java",
            monitor("if (!running) {\n continue mainLoop;\n }", "running = false;", ""))
        .doTest();
  }

  @Test
  void negative_catchFallsIntoATestOfTheStopFlagThatReturns() {
    helper
        .addSourceLines(
            "Monitor.java", monitor("if (!running) {\n return;\n }", "running = false;", ""))
        .doTest();
  }

  @Test
  void positive_theStopInterruptsWithoutSettingTheFlag() {
    helper
        .addSourceLines(
            "Monitor.java", monitor("if (!running) {\n continue mainLoop;\n }", "", FLAG))
        .doTest();
  }

  @Test
  void positive_theTestAfterTheCatchReadsAnotherField() {
    helper
        .addSourceLines(
            "Monitor.java",
            monitor("if (paused) {\n continue mainLoop;\n }", "running = false;", FLAG))
        .doTest();
  }

  @Test
  void positive_somethingThatWaitsRunsBeforeTheTest() {
    helper
        .addSourceLines(
            "Monitor.java",
            monitor(
                "try {\n Thread.sleep(10);\n } catch (InterruptedException ignored) {\n"
                    + " return;\n }\n if (!running) {\n continue mainLoop;\n }",
                "running = false;",
                FLAG))
        .doTest();
  }

  @Test
  void positive_theTestContinuesOnlyTheWalk() {
    helper
        .addSourceLines(
            "Monitor.java", monitor("if (!running) {\n continue;\n }", "running = false;", FLAG))
        .doTest();
  }
}
