package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A method only the rounds of a stop-flag doorbell loop call ({@code while (!shutdown.get()) {
 * sendOne(); }}, the class setting {@code shutdown} where it calls {@code shutdownNow()}), whose
 * catch ends the method; with must-flag neighbours for each condition the rule needs.
 */
class SwallowedInterruptStopLoopHelperTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String FLAG = "// BUG: Diagnostic contains: SwallowedInterrupt";

  /**
   * A pump whose task loop, on its class's private pool, runs {@code round} while {@code test}
   * holds; {@code stop} is its stop, {@code helpers} its other methods.
   */
  private static String pump(String test, String round, String stop, String helpers) {
    return """
        import java.util.List;
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.LinkedBlockingQueue;
        import java.util.concurrent.atomic.AtomicBoolean;
        public class Pump {
          private final BlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
          private final ExecutorService executor = Executors.newCachedThreadPool();
          private final AtomicBoolean shutdown = new AtomicBoolean();

          public void start() {
            executor.execute(new Runnable() {
              @Override
              public void run() {
                while (%s) {
                  %s
                }
              }
            });
          }

          public void destroy() {
            %s
          }

          private void fail(String message, Throwable t) {
            if (!shutdown.getAndSet(true)) {
              System.err.println(message + ": " + t);
            }
          }

          %s
        }
        """
        .formatted(test, round, stop, helpers);
  }

  private static final String STOP = "shutdown.set(true); executor.shutdownNow();";

  /** {@code sendOne()}, whose catch falls through to its end. */
  private static String sendOne(String modifiers, String marker) {
    return """
        %s void sendOne() {
          try {
            String m = outgoing.take();
            System.out.println(m);
          %s
          } catch (InterruptedException e) {
            fail("interrupted", e);
          }
        }
        """
        .formatted(modifiers, marker);
  }

  @Test
  void negative_privateHelperTheStopLoopCalls() {
    helper
        .addSourceLines(
            "Pump.java", pump("!shutdown.get()", "sendOne();", STOP, sendOne("private", "")))
        .doTest();
  }

  @Test
  void negative_helperCalledFromTheTailOfAnotherSuchHelper() {
    helper
        .addSourceLines(
            "Pump.java",
            pump(
                "!shutdown.get()",
                "step();",
                STOP,
                "private void step() { System.out.println(\"step\"); sendOne(); }\n"
                    + sendOne("private", "")))
        .doTest();
  }

  @Test
  void negative_helperWhoseCatchReturnsAResultTheRoundStores() {
    helper
        .addSourceLines(
            "Pump.java",
            pump(
                "!shutdown.get()",
                "boolean sent = trySend(); System.out.println(sent);",
                STOP,
                """
                private boolean trySend() {
                  try {
                    String m = outgoing.take();
                    System.out.println(m);
                  } catch (InterruptedException e) {
                    return false;
                  }
                  return true;
                }
                """))
        .doTest();
  }

  @Test
  void negative_stopThroughAHelperThatSetsTheFlag() {
    helper
        .addSourceLines(
            "Pump.java",
            pump(
                "!shutdown.get()",
                "sendOne();",
                "fail(\"destroyed\", new RuntimeException()); executor.shutdownNow();",
                sendOne("private", "")))
        .doTest();
  }

  @Test
  void positive_stopInterruptsWithoutSettingTheFlag() {
    helper
        .addSourceLines(
            "Pump.java",
            pump(
                "!shutdown.get()",
                "sendOne();",
                "executor.shutdownNow();",
                sendOne("private", FLAG)))
        .doTest();
  }

  @Test
  void positive_flagSetWhereNothingIsInterrupted() {
    helper
        .addSourceLines(
            "Pump.java",
            pump(
                "!shutdown.get()",
                "sendOne();",
                "shutdown.set(true);",
                "public void kill() { executor.shutdownNow(); }\n" + sendOne("private", FLAG)))
        .doTest();
  }

  @Test
  void positive_loopTestsNoStopFlag() {
    helper
        .addSourceLines("Pump.java", pump("true", "sendOne();", STOP, sendOne("private", FLAG)))
        .doTest();
  }

  @Test
  void positive_helperTheLibrarysUsersCanCall() {
    helper
        .addSourceLines(
            "Pump.java", pump("!shutdown.get()", "sendOne();", STOP, sendOne("public", FLAG)))
        .doTest();
  }

  @Test
  void positive_helperAlsoCalledOutsideTheLoop() {
    helper
        .addSourceLines(
            "Pump.java",
            pump(
                "!shutdown.get()",
                "sendOne();",
                STOP,
                "public void flushOne() { sendOne(); }\n" + sendOne("private", FLAG)))
        .doTest();
  }

  @Test
  void positive_helperNamedByAMethodReference() {
    helper
        .addSourceLines(
            "Pump.java",
            pump(
                "!shutdown.get()",
                "sendOne();",
                STOP,
                "public Runnable sender() { return this::sendOne; }\n" + sendOne("private", FLAG)))
        .doTest();
  }

  @Test
  void positive_roundWaitsAfterTheCall() {
    helper
        .addSourceLines(
            "Pump.java",
            pump(
                "!shutdown.get()",
                "sendOne();\n"
                    + FLAG
                    + "\ntry { awaitRoom(); } catch (InterruptedException e) { return; }",
                STOP,
                """
                private void awaitRoom() throws InterruptedException {
                  while (outgoing.size() > 100) {
                    Thread.sleep(100);
                  }
                }
                """
                    + sendOne("private", FLAG)))
        .doTest();
  }

  @Test
  void positive_catchGoesOnInsideTheHelpersOwnLoop() {
    helper
        .addSourceLines(
            "Pump.java",
            pump(
                "!shutdown.get()",
                "sendAll(List.of(\"a\", \"b\"));",
                STOP,
                """
                private void sendAll(List<String> batch) {
                  for (String m : batch) {
                    try {
                      outgoing.put(m);
                    // BUG: Diagnostic contains: SwallowedInterrupt
                    } catch (InterruptedException e) {
                      fail("interrupted", e);
                    }
                  }
                }
                """))
        .doTest();
  }

  @Test
  void positive_helperCallReturnedFromTheRound() {
    helper
        .addSourceLines(
            "Pump.java",
            pump(
                "!shutdown.get()",
                "if (trySend()) { return; }",
                STOP,
                """
                private boolean trySend() {
                  try {
                    String m = outgoing.take();
                    System.out.println(m);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                  } catch (InterruptedException e) {
                    return false;
                  }
                  return true;
                }
                """))
        .doTest();
  }
}
