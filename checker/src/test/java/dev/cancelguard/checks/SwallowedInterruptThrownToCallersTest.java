package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * SwallowedInterrupt's restore before a wrapping throw, judged by where the exception goes: through
 * callers of the compilation that do not catch it (private methods and lambdas freely, methods
 * others can call as one level each), a lambda a JDK method runs in place, to the catch that takes
 * it. Where that catch, or a finally on the way, goes on to cleanup that waits, the restored flag
 * would cut it short: no fix. Where the catch only logs, or what the finally does cannot fail, the
 * restore stays.
 */
class SwallowedInterruptThrownToCallersTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String STORE =
      """
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.Future;

      public class Store {
        public void put(Future<?> write) {
          try {
            write.get();
          } catch (InterruptedException e) {
            throw new IllegalStateException("write interrupted", e);
          } catch (ExecutionException e) {
            throw new IllegalStateException("write failed", e);
          }
        }
      }
      """;

  private static final String STORE_FIXED =
      STORE.replace(
          "    } catch (InterruptedException e) {\n",
          "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n");

  private static final String STORE_FLAGGED_AT = "    } catch (InterruptedException e) {\n";

  private static final String UTILS =
      """
      class Utils {
        static void closeQuietly(AutoCloseable closeable, String name) {
          try {
            closeable.close();
          } catch (Exception e) {
            System.err.println("failed to close " + name);
          }
        }
      }
      """;

  // A thread's loop three calls above the catch; the exception passes through tick() and apply()
  // uncaught, and run()'s catch stops the services, which joins a worker.
  private static final String HERDER =
      """
      class Herder implements Runnable {
        private final Store store = new Store();
        private final Thread worker;
        private volatile boolean stopping;

        Herder(Thread worker) {
          this.worker = worker;
        }

        @Override
        public void run() {
          try {
            while (!stopping) {
              tick();
            }
          } catch (Throwable t) {
            System.err.println(t);
            stopServices();
          }
        }

        private void tick() {
          apply();
        }

        private void apply() {
          store.put(null);
        }

        void stopServices() {
          try {
            worker.join(1000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      """;

  @Test
  void noFix_whenTheExceptionReachesACallersCatchThatStopsServices() {
    helper
        .addSourceLines(
            "Store.java",
            STORE.replace(
                STORE_FLAGGED_AT,
                "    // BUG: Diagnostic contains: reaches a caller's catch that goes on to a blocking"
                    + " call (line 18 of Herder.java)\n"
                    + STORE_FLAGGED_AT))
        .addSourceLines("Herder.java", HERDER)
        .doTest();
    refactoring
        .addInputLines("Store.java", STORE)
        .expectUnchanged()
        .addInputLines("Herder.java", HERDER)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFix_whenTheCallersCatchHandsTheStopToACloseHelperByReference() {
    // `Utils.closeQuietly(this::stopServices, ..)` runs stopServices() as a call of it would.
    String byReference =
        HERDER.replace(
            "stopServices();\n", "Utils.closeQuietly(this::stopServices, \"services\");\n");
    refactoring
        .addInputLines("Store.java", STORE)
        .expectUnchanged()
        .addInputLines("Herder.java", byReference)
        .expectUnchanged()
        .addInputLines("Utils.java", UTILS)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void restore_whenTheCallersCatchOnlyLogs() {
    String logging = HERDER.replace("      stopServices();\n", "");
    refactoring
        .addInputLines("Store.java", STORE)
        .addOutputLines("Store.java", STORE_FIXED)
        .addInputLines("Herder.java", logging)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenTheExceptionPassesThroughMethodsOthersCanCall() {
    // Through public methods the exception reaches callers of their own: each counts as a level,
    // and the catch three levels up is beyond what is followed.
    String open =
        HERDER
            .replace("private void tick()", "public void tick()")
            .replace("private void apply()", "public void apply()");
    refactoring
        .addInputLines("Store.java", STORE)
        .addOutputLines("Store.java", STORE_FIXED)
        .addInputLines("Herder.java", open)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenTheCloseHelperIsHandedSomethingThatDoesNotWait() {
    String quick =
        HERDER
            .replace("stopServices();\n", "Utils.closeQuietly(this::stopServices, \"services\");\n")
            .replace(
                "    try {\n      worker.join(1000);\n    } catch (InterruptedException e) {\n"
                    + "      Thread.currentThread().interrupt();\n    }\n",
                "    worker.interrupt();\n");
    refactoring
        .addInputLines("Store.java", STORE)
        .addOutputLines("Store.java", STORE_FIXED)
        .addInputLines("Herder.java", quick)
        .expectUnchanged()
        .addInputLines("Utils.java", UTILS)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  // A lambda Optional.ifPresent runs in place: its caller is the code around ifPresent(..).
  private static final String COMMITTER =
      """
      import java.util.Optional;

      class Committer {
        private final Optional<Store> store = Optional.of(new Store());
        private final Thread flusher;

        Committer(Thread flusher) {
          this.flusher = flusher;
        }

        void remove() throws InterruptedException {
          try {
            store.ifPresent(s -> s.put(null));
          } finally {
            flusher.join(1000);
          }
        }
      }
      """;

  @Test
  void noFix_whenALambdaRunInPlaceReturnsIntoAFinallyThatWaits() {
    helper
        .addSourceLines(
            "Store.java",
            STORE.replace(
                STORE_FLAGGED_AT,
                "    // BUG: Diagnostic contains: its caller's finally block goes on to a blocking"
                    + " call (line 15 of Committer.java)\n"
                    + STORE_FLAGGED_AT))
        .addSourceLines("Committer.java", COMMITTER)
        .doTest();
  }

  @Test
  void restore_whenTheFinallyAroundTheLambdaDoesNotWait() {
    refactoring
        .addInputLines("Store.java", STORE)
        .addOutputLines("Store.java", STORE_FIXED)
        .addInputLines(
            "Committer.java", COMMITTER.replace("flusher.join(1000);", "flusher.interrupt();"))
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  // A caller's loop around the call, with a catch that takes the exception.
  private static final String READER =
      """
      class Reader {
        private final Store store = new Store();
        private volatile boolean open = true;

        void serve() {
          while (open) {
            try {
              store.put(null);
            } catch (IllegalStateException e) {
              System.err.println(e);
              break;
            }
          }
        }
      }
      """;

  @Test
  void restore_whenTheCatchThatTakesItBreaksOutOfTheCallersLoop() {
    // The loop is left on the exception: it does not run put(..) again with the flag set.
    refactoring
        .addInputLines("Store.java", STORE)
        .addOutputLines("Store.java", STORE_FIXED)
        .addInputLines("Reader.java", READER)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void noFix_whenTheCatchThatTakesItGoesRoundTheCallersLoopAgain() {
    helper
        .addSourceLines(
            "Store.java",
            STORE.replace(
                STORE_FLAGGED_AT,
                "    // BUG: Diagnostic contains: its caller runs this again in a loop that never"
                    + " tests the flag nor ends on an interrupt (the call of put(..) at line 8 of"
                    + " Reader.java)\n"
                    + STORE_FLAGGED_AT))
        .addSourceLines("Reader.java", READER.replace("        break;\n", ""))
        .doTest();
  }
}
