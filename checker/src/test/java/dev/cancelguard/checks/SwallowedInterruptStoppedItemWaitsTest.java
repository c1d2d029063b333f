package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import org.junit.jupiter.api.Test;

/**
 * SwallowedInterrupt's fix in a walk that tells each item to end and then waits for it ({@code
 * t.interrupt(); try { t.join(); } catch (InterruptedException e) {}}): the restore goes at the top
 * of the catch and the walk goes on, so that every remaining item is still told to end and each
 * remaining wait fails at once into the same catch. Leaving the walk would leave the remaining
 * items running. The neighbours keep the fix they had: a walk that only waits, a round that does
 * more work after its wait, a round whose wait is for something other than its item.
 */
class SwallowedInterruptStoppedItemWaitsTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String GATEWAY =
      """
      import java.util.ArrayList;
      import java.util.List;

      class Gateway extends Thread {
        private final List<Thread> forwarders = new ArrayList<>();

        @Override
        public void run() {
          serve();
          for (Thread forwarder : new ArrayList<>(forwarders)) {
            forwarder.interrupt();
            try {
              forwarder.join();
            } catch (InterruptedException e) {
              // ignore
            }
          }
        }

        private void serve() {}
      }
      """;

  @Test
  void restoreInPlace_whenEachRoundEndsItsItemBeforeItWaitsForIt() {
    refactoring
        .addInputLines("Gateway.java", GATEWAY)
        .addOutputLines(
            "Gateway.java",
            GATEWAY.replace(
                "      } catch (InterruptedException e) {\n",
                "      } catch (InterruptedException e) {\n"
                    + "        Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restoreInPlace_forAPoolShutDownThenAwaited() {
    String pools =
        GATEWAY
            .replace("List<Thread>", "List<java.util.concurrent.ExecutorService>")
            .replace("for (Thread forwarder", "for (java.util.concurrent.ExecutorService forwarder")
            .replace("forwarder.interrupt();", "forwarder.shutdownNow();")
            .replace(
                "forwarder.join();",
                "forwarder.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);");
    refactoring
        .addInputLines("Gateway.java", pools)
        .addOutputLines(
            "Gateway.java",
            pools.replace(
                "      } catch (InterruptedException e) {\n",
                "      } catch (InterruptedException e) {\n"
                    + "        Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  /** The fix the neighbours keep: restore and leave the walk. */
  private static String leaves(String source) {
    return source.replace(
        "      } catch (InterruptedException e) {\n",
        "      } catch (InterruptedException e) {\n"
            + "        Thread.currentThread().interrupt();\n"
            + "        break;\n");
  }

  @Test
  void neighbour_aWalkThatOnlyWaits() {
    String waits = GATEWAY.replace("      forwarder.interrupt();\n", "");
    refactoring
        .addInputLines("Gateway.java", waits)
        .addOutputLines("Gateway.java", leaves(waits))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void neighbour_aRoundThatWorksAfterItsWait() {
    String works =
        GATEWAY.replace(
            "        // ignore\n      }\n",
            "        // ignore\n      }\n      forwarders.remove(forwarder);\n");
    refactoring
        .addInputLines("Gateway.java", works)
        .addOutputLines("Gateway.java", leaves(works))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void neighbour_aRoundThatWaitsForSomethingElse() {
    String other = GATEWAY.replace("        forwarder.join();\n", "        Thread.sleep(100);\n");
    refactoring
        .addInputLines("Gateway.java", other)
        .addOutputLines("Gateway.java", leaves(other))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }
}
