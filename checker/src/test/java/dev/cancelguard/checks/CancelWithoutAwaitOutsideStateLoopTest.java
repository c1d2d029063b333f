package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait's inserted wait where {@code shutdown()} leaves the work's loop running until
 * state outside it lets it out: a task that goes round {@code while (true)}, sleeping or waiting
 * each round, until another object says it may go on ({@code if (!server.isLeader()) break;}). The
 * stop interrupts nothing and changes nothing the loop tests, so the wait only holds the stop (no
 * fix; the message names the loop). Next to each, the neighbour that keeps the wait: a loop that
 * tests a flag the stop sets, a loop that also ends by its own count, a stop that interrupts.
 */
class CancelWithoutAwaitOutsideStateLoopTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  /**
   * A role handler whose promotion task waits for the ledger to catch up while the server says it
   * leads; EXIT is one more way out of its loop, STOP what the stop does before its cancel.
   */
  private static final String HANDLER =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class RoleHandler {
        interface Server {
          boolean isLeader();
          long endIndex();
          long committedIndex();
          void becomeMaster();
        }
        private final Server server;
        private final ExecutorService executor = Executors.newSingleThreadExecutor();
        private volatile boolean stopped;
        RoleHandler(Server server) {
          this.server = server;
        }
        public void onLeader() {
          Runnable promotion =
              new Runnable() {
                @Override
                public void run() {
                  try {
                    boolean promote = true;
                    int rounds = 0;
                    while (true) {
                      if (!server.isLeader()) {
                        promote = false;
                        break;
                      }
                      if (server.endIndex() == server.committedIndex()) {
                        break;
                      }
                      EXIT
                      Thread.sleep(100);
                    }
                    if (promote) {
                      server.becomeMaster();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              };
          executor.submit(promotion);
        }
        public void shutdown() {
          STOP
          executor.shutdown();
        }
      }
      """;

  private static String handler(String exit, String stop) {
    return HANDLER.replace("EXIT", exit).replace("STOP", stop);
  }

  @Test
  void noFix_theLoopWaitsForAnotherObjectsState() {
    String code = handler("rounds++;", "");
    helper
        .addSourceLines(
            "RoleHandler.java",
            code.replace(
                "    executor.shutdown();",
                "    // BUG: Diagnostic contains: No wait is offered: shutdown() interrupts nothing,"
                    + " and the work of executor runs the while loop of run() (line 24), which goes"
                    + " round waiting until state outside it that this stop does not change lets it"
                    + " out\n"
                    + "    executor.shutdown();"))
        .doTest();
    refactoring.addInputLines("RoleHandler.java", code).expectUnchanged().doTest();
  }

  @Test
  void fix_theLoopTestsAFlagTheStopSets() {
    String code = handler("if (stopped) { promote = false; break; }", "stopped = true;");
    refactoring
        .addInputLines("RoleHandler.java", code)
        .addOutputLines(
            "RoleHandler.java",
            code.replace(
                "    executor.shutdown();\n", "    executor.shutdown();\n    executor.close();\n"))
        .doTest();
  }

  @Test
  void fix_theLoopAlsoEndsByItsOwnCount() {
    String code = handler("if (++rounds >= 50) { promote = false; break; }", "");
    refactoring
        .addInputLines("RoleHandler.java", code)
        .addOutputLines(
            "RoleHandler.java",
            code.replace(
                "    executor.shutdown();\n", "    executor.shutdown();\n    executor.close();\n"))
        .doTest();
  }

  @Test
  void fix_theStopInterruptsTheLoop() {
    String code =
        handler("rounds++;", "").replace("executor.shutdown();", "executor.shutdownNow();");
    refactoring
        .addInputLines("RoleHandler.java", code)
        .addOutputLines(
            "RoleHandler.java",
            code.replace(
                "    executor.shutdownNow();\n",
                "    executor.shutdownNow();\n    executor.close();\n"))
        .doTest();
  }

  /**
   * A task whose retry loop's way out is the success of a helper of its own class that waits; the
   * stop and the helper write the same log.
   */
  private static final String CONTROLLER =
      """
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.TimeUnit;
      class Controller {
        interface Ledger {
          CompletableFuture<Boolean> append(byte[] entry);
          boolean isLeader();
        }
        interface Logger {
          void info(String line);
        }
        private final Ledger ledger;
        private Logger log;
        private final ExecutorService executor = Executors.newSingleThreadExecutor();
        Controller(Ledger ledger) {
          this.ledger = ledger;
        }
        private boolean appendAndWait(byte[] entry) {
          try {
            return ledger.append(entry).get(5, TimeUnit.SECONDS);
          } catch (Exception e) {
            log.info("append failed");
            return false;
          }
        }
        public void onLeader() {
          executor.submit(
              () -> {
                while (true) {
                  byte[] entry = new byte[0];
                  try {
                    if (appendAndWait(entry)) {
                      System.out.println("leading");
                      break;
                    }
                  } catch (Throwable t) {
                    System.err.println("append failed");
                  }
                  if (!LEADER_TEST) {
                    break;
                  }
                }
              });
        }
        public void shutdown() {
          log.info("stopping");
          executor.shutdown();
        }
        public boolean isLeader() {
          return ledger.isLeader();
        }
      }
      """;

  @Test
  void noFix_theRetryLoopWaitsForTheLedger() {
    String code = CONTROLLER.replace("LEADER_TEST", "Controller.this.isLeader()");
    helper
        .addSourceLines(
            "Controller.java",
            code.replace(
                "    executor.shutdown();",
                "    // BUG: Diagnostic contains: runs the while loop of a task lambda (line 30)\n"
                    + "    executor.shutdown();"))
        .doTest();
    refactoring.addInputLines("Controller.java", code).expectUnchanged().doTest();
  }

  @Test
  void fix_theRetryLoopEndsOnAnEntryItMade() {
    String code = CONTROLLER.replace("LEADER_TEST", "(entry.length == 0)");
    refactoring
        .addInputLines("Controller.java", code)
        .addOutputLines(
            "Controller.java",
            code.replace(
                "    executor.shutdown();\n", "    executor.shutdown();\n    executor.close();\n"))
        .doTest();
  }
}
