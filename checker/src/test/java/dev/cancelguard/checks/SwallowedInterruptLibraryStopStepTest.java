package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SwallowedInterrupt} in the step of a template stop whose base class is in another library
 * ({@code serviceStop()} under a jar's {@code AbstractService.stop()}), and in a helper such a step
 * calls: restored, the flag goes back into the library's stop and on to whatever stops the
 * component in turn, whose waits the compilation does not show; no fix is offered and the message
 * says why (where the catch ends the step, the rethrow stays: the exception, not the flag, goes to
 * the library's stop). The neighbours keep their restore: a start step, a plain {@code stop()}
 * override, a step of a base compiled beside the code (whose callers the caller reading follows), a
 * step of an interface of the library, a helper the step calls from a thread of its own, and a step
 * that tests the flag itself.
 */
class SwallowedInterruptLibraryStopStepTest {
  private static final Map<String, String> BASES =
      Map.of(
          "lib/Service.java",
          """
          package lib;
          public abstract class Service {
            public final void start() throws Exception {
              serviceStart();
            }

            public final void stop() {
              try {
                serviceStop();
              } catch (Exception e) {
                System.err.println(e);
              }
            }

            protected void serviceStart() throws Exception {}

            protected void serviceStop() throws Exception {}
          }
          """,
          "lib/Stoppable.java",
          """
          package lib;
          public interface Stoppable {
            void serviceStop() throws Exception;
          }
          """);

  @TempDir static Path work;

  private static ClassFileBases bases;

  @BeforeAll
  static void compileBasesElsewhere() throws IOException {
    bases = ClassFileBases.compile(work, BASES);
  }

  private BugCheckerRefactoringTestHelper refactoring() {
    return BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .setArgs("-cp", bases.classPath());
  }

  private CompilationTestHelper compilation() {
    return bases.classFilesOnly(SwallowedInterrupt.class, getClass());
  }

  /** A service whose {@code method} (with {@code modifiers}) joins its worker. */
  private static String service(String header, String modifiers, String method) {
    return """
        package app;
        public class Monitor %s {
          private final Thread worker = new Thread(() -> {});

          @Override
          %s void %s() throws Exception {
            worker.interrupt();
            try {
              worker.join();
            } catch (InterruptedException e) {
              System.err.println("interrupted while stopping");
            }
          }
        }
        """
        .formatted(header, modifiers, method);
  }

  private static final String STOP_STEP =
      service("extends lib.Service", "protected", "serviceStop");

  private static String restored(String source) {
    return source.replace(
        "    } catch (InterruptedException e) {\n",
        "    } catch (InterruptedException e) {\n" + "      Thread.currentThread().interrupt();\n");
  }

  /** The step goes on stopping after the catch: no rethrow either. */
  private static final String STOP_STEP_GOES_ON =
      STOP_STEP
          .replace(
              "  private final Thread worker",
              "  private final java.util.concurrent.ExecutorService pool =\n"
                  + "      java.util.concurrent.Executors.newCachedThreadPool();\n"
                  + "  private final Thread worker")
          .replace(
              "      System.err.println(\"interrupted while stopping\");\n    }\n",
              "      System.err.println(\"interrupted while stopping\");\n    }\n"
                  + "    pool.shutdownNow();\n");

  @Test
  void noFix_inTheStopStepOfALibrarysBase() {
    refactoring()
        .addInputLines("app/Monitor.java", STOP_STEP_GOES_ON)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  /** Where the catch ends the step, the exception can go to the library's stop as itself. */
  @Test
  void rethrowKept_whereTheCatchEndsTheStep() {
    refactoring()
        .addInputLines("app/Monitor.java", STOP_STEP)
        .addOutputLines(
            "app/Monitor.java",
            STOP_STEP.replace(
                "      System.err.println(\"interrupted while stopping\");\n",
                "      System.err.println(\"interrupted while stopping\");\n" + "      throw e;\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void message_namesTheLibrarysStep() {
    compilation()
        .addSourceLines(
            "app/Monitor.java",
            STOP_STEP.replace(
                "    } catch (InterruptedException e) {\n",
                "    // BUG: Diagnostic contains: this method is the step Service.serviceStop() that a"
                    + " base class's stop runs\n"
                    + "    } catch (InterruptedException e) {\n"))
        .doTest();
  }

  private static final String HELPER =
      """
      package app;
      public class Monitor extends lib.Service {
        private final Thread worker = new Thread(() -> {});

        @Override
        protected void serviceStop() throws Exception {
          stopWorker();
          System.out.println("stopped");
        }

        void stopWorker() {
          worker.interrupt();
          try {
            worker.join();
          } catch (InterruptedException e) {
            System.err.println("interrupted while stopping");
          }
        }
      }
      """;

  @Test
  void noFix_inAHelperTheLibrarysStopStepCalls() {
    refactoring()
        .addInputLines("app/Monitor.java", HELPER)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void message_namesTheStepsCallOfTheHelper() {
    compilation()
        .addSourceLines(
            "app/Monitor.java",
            HELPER.replace(
                "    } catch (InterruptedException e) {\n",
                "    // BUG: Diagnostic contains: this method is called (line 7) by the step"
                    + " Service.serviceStop()\n"
                    + "    } catch (InterruptedException e) {\n"))
        .doTest();
  }

  @Test
  void neighbour_aStartStepKeepsItsRestore() {
    String start = service("extends lib.Service", "protected", "serviceStart");
    refactoring()
        .addInputLines("app/Monitor.java", start)
        .addOutputLines("app/Monitor.java", restored(start))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void neighbour_aPlainStopOfItsOwnKeepsItsRestore() {
    String plain =
        """
        package app;
        public class Monitor extends lib.Service {
          private final Thread worker = new Thread(() -> {});

          public void halt() {
            worker.interrupt();
            try {
              worker.join();
            } catch (InterruptedException e) {
              System.err.println("interrupted while stopping");
            }
          }
        }
        """;
    refactoring()
        .addInputLines("app/Monitor.java", plain)
        .addOutputLines("app/Monitor.java", restored(plain))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void neighbour_theStepOfABaseCompiledBesideItKeepsItsRestore() {
    BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addInputLines("lib/Service.java", bases.source("lib/Service.java"))
        .expectUnchanged()
        .addInputLines("app/Monitor.java", STOP_STEP)
        .addOutputLines("app/Monitor.java", restored(STOP_STEP))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void neighbour_theStepOfALibrarysInterfaceKeepsItsRestore() {
    String implemented = service("implements lib.Stoppable", "public", "serviceStop");
    refactoring()
        .addInputLines("app/Monitor.java", implemented)
        .addOutputLines("app/Monitor.java", restored(implemented))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void neighbour_aHelperTheStepRunsOnAThreadOfItsOwnKeepsItsRestore() {
    String onAThread =
        HELPER.replace("    stopWorker();\n", "    new Thread(() -> stopWorker()).start();\n");
    refactoring()
        .addInputLines("app/Monitor.java", onAThread)
        .addOutputLines("app/Monitor.java", restored(onAThread))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void neighbour_aStepThatTestsTheFlagItselfKeepsItsHelpersRestore() {
    String tests =
        HELPER.replace(
            "    System.out.println(\"stopped\");\n",
            "    if (Thread.currentThread().isInterrupted()) {\n"
                + "      System.out.println(\"stop interrupted\");\n"
                + "    }\n");
    refactoring()
        .addInputLines("app/Monitor.java", tests)
        .addOutputLines("app/Monitor.java", restored(tests))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }
}
