package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loops whose stop is not where the check used to look: the loop of a service thread whose base
 * class (in another file or a jar) writes the stop state before every interrupt, the pass after
 * that loop, and a loop whose every round calls another library's method that may throw the
 * interrupt's exception out of it; and the CPU-loop fix where the code restored the interrupt
 * before the loop and went on to it on purpose. Each next to the neighbours still reported (or
 * still fixed). The base classes are checked compiled in the same run and read from class files.
 */
class LoopWithoutCancellationPointStopsTest {
  private static final Map<String, String> BASES =
      Map.of(
          "base/ServiceLoop.java",
          """
          package base;
          public abstract class ServiceLoop implements Runnable {
            protected Thread thread;
            protected volatile boolean stopped;

            public void start() {
              thread = new Thread(this, getClass().getSimpleName());
              thread.start();
            }

            public void shutdown(boolean interrupt) {
              stopped = true;
              if (interrupt) {
                thread.interrupt();
              }
            }

            protected void waitForRunning(long millis) {
              try {
                Thread.sleep(millis);
              } catch (InterruptedException e) {
                System.out.println("interrupted");
              }
            }

            public boolean isStopped() {
              return stopped;
            }
          }
          """,
          "base/LeakyLoop.java",
          """
          package base;
          public abstract class LeakyLoop implements Runnable {
            private Thread thread;
            protected volatile boolean stopped;

            public void start() {
              thread = new Thread(this, "leaky");
              thread.start();
            }

            public Thread getThread() {
              return thread;
            }

            protected void waitForRunning(long millis) {
              try {
                Thread.sleep(millis);
              } catch (InterruptedException e) {
                System.out.println("interrupted");
              }
            }
          }
          """,
          "base/InterruptOnlyLoop.java",
          """
          package base;
          public abstract class InterruptOnlyLoop implements Runnable {
            private Thread thread;
            protected volatile boolean stopped;

            public void start() {
              thread = new Thread(this, "InterruptOnlyLoop");
              thread.start();
            }

            public void halt() {
              stopped = true;
            }

            public void stop() {
              thread.interrupt();
            }

            protected void waitForRunning(long millis) {
              try {
                Thread.sleep(millis);
              } catch (InterruptedException e) {
                System.out.println("interrupted");
              }
            }
          }
          """);

  @TempDir static Path work;

  private static ClassFileBases bases;

  @BeforeAll
  static void compileBasesElsewhere() throws IOException {
    bases = ClassFileBases.compile(work, BASES);
  }

  /** The same expectations with the bases compiled here and read from their class files. */
  private static void bothWays(String file, String source) {
    bases.bothWays(
        LoopWithoutCancellationPoint.class,
        LoopWithoutCancellationPointStopsTest.class,
        file,
        source);
  }

  private static final String TASK_LOOP = "// BUG: Diagnostic contains: This task loop stops only";

  private static final String CPU_LOOP = "// BUG: Diagnostic contains: runs nested loops";

  /**
   * A pop service on {@code base}: a loop on its own stop state, then a pass that wakes every
   * request still waiting; {@code stop} is the owner's stop call.
   */
  private static String popService(String base, String loopMarker, String passMarker, String stop) {
    return """
        package app;
        import base.BASE;
        import java.util.Map;
        import java.util.Queue;
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.ConcurrentHashMap;
        class PopService extends BASE {
          private final Map<String, Queue<CompletableFuture<String>>> waiting =
              new ConcurrentHashMap<>();
          long rounds;
          @Override
          public void run() {
            LOOP_MARKER
            while (!this.stopped) {
              waitForRunning(20);
              rounds++;
            }
            try {
              PASS_MARKER
              for (Map.Entry<String, Queue<CompletableFuture<String>>> entry : waiting.entrySet()) {
                CompletableFuture<String> first;
                while ((first = entry.getValue().poll()) != null) {
                  wake(first);
                }
              }
            } catch (Throwable t) {
            }
          }
          private void wake(CompletableFuture<String> request) {
            request.complete("stopped");
          }
        }
        class Broker {
          private final PopService pop = new PopService();
          void start() {
            pop.start();
          }
          void stop() {
            STOP;
          }
        }
        """
        .replace("BASE", base)
        .replace("LOOP_MARKER", loopMarker)
        .replace("PASS_MARKER", passMarker)
        .replace("STOP", stop);
  }

  @Test
  void negative_serviceLoopWhoseBaseWritesTheStopStateBeforeEveryInterrupt() {
    bothWays("app/PopService.java", popService("ServiceLoop", "", "", "pop.shutdown(true)"));
  }

  @Test
  void positive_theSameServiceOnABaseThatHandsOutItsThread() {
    bothWays("app/PopService.java", popService("LeakyLoop", TASK_LOOP, CPU_LOOP, "pop.start()"));
  }

  @Test
  void positive_theSameServiceOnABaseWhoseStopOnlyInterrupts() {
    bothWays(
        "app/PopService.java", popService("InterruptOnlyLoop", TASK_LOOP, CPU_LOOP, "pop.stop()"));
  }

  @Test
  void positive_theSameServiceAlsoHandedToAPool() {
    bothWays(
        "app/PopService.java",
        popService("ServiceLoop", TASK_LOOP, CPU_LOOP, "pop.shutdown(true)")
            .replace(
                "  void start() {\n    pop.start();",
                "  void start(java.util.concurrent.ExecutorService pool) {\n"
                    + "    pool.submit((Runnable) pop);"));
  }

  @Test
  void positive_aPassInTheStopLoopItselfIsStillTheLoopsWork() {
    // Only what comes after the stop loop is the thread's work after its stop.
    bothWays(
        "app/Sweeper.java",
        """
        package app;
        import base.LeakyLoop;
        import java.util.List;
        class Sweeper extends LeakyLoop {
          private final List<int[]> rows = new java.util.ArrayList<>();
          @Override
          public void run() {
            // BUG: Diagnostic contains: This task loop stops only
            while (!this.stopped) {
              waitForRunning(20);
              for (int[] row : rows) {
                for (int i = 1; i < row.length; i++) {
                  row[i] = (row[i - 1] + row[i]) / 2;
                }
              }
            }
          }
        }
        """);
  }

  // ------------------------------------------------------------ a round's unread wait

  /** A function instance reading from another library's source in every round. */
  private static String instance(String marker, String loopBody, String readInput) {
    return """
        import java.util.concurrent.Callable;
        class Instance implements Runnable {
          private final Callable<String> source;
          private volatile Throwable death;
          long received;
          Instance(Callable<String> source) {
            this.source = source;
          }
          @Override
          public void run() {
            try {
              MARKER
              while (true) {
                LOOP_BODY
              }
            } catch (Throwable t) {
              death = t;
              Thread.interrupted();
            } finally {
              close();
            }
          }
          READ_INPUT
          private void handle(String record) {
            received += record.length();
          }
          private void close() {
            received = 0;
          }
          static void startOn(java.util.concurrent.ExecutorService pool, Instance i) {
            pool.submit(i);
          }
        }
        """
        .replace("MARKER", marker)
        .replace("LOOP_BODY", loopBody)
        .replace("READ_INPUT", readInput);
  }

  private static final String NO_POINT = "// BUG: Diagnostic contains: has no cancellation point";

  private static final String READ_INPUT =
      """
      private String readInput() throws Exception {
        String record;
        try {
          record = source.call();
        } catch (Exception e) {
          System.err.println("source failed: " + e);
          throw e;
        }
        if (record == null) {
          throw new IllegalStateException("no record");
        }
        return record;
      }
      """;

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(LoopWithoutCancellationPoint.class, getClass());

  @Test
  void negative_everyRoundReadsFromASourceOfAnotherLibraryThatMayThrowTheInterrupt() {
    helper
        .addSourceLines(
            "Instance.java", instance("", "String r = readInput();\nhandle(r);", READ_INPUT))
        .doTest();
  }

  @Test
  void negative_everyRoundCallsTheSourceItself() {
    helper
        .addSourceLines(
            "Instance.java",
            instance("", "received++;\nString r = source.call();\nhandle(r);", READ_INPUT))
        .doTest();
  }

  @Test
  void positive_theSameReadOnlyOnSomeRounds() {
    helper
        .addSourceLines(
            "Instance.java",
            instance(
                NO_POINT,
                "received++;\nif (received % 2 == 0) {\n handle(readInput());\n}",
                READ_INPUT))
        .doTest();
  }

  @Test
  void positive_theSameReadBehindAShortCircuit() {
    helper
        .addSourceLines(
            "Instance.java",
            instance(NO_POINT, "boolean ok = received > 0 && readInput() != null;", READ_INPUT))
        .doTest();
  }

  @Test
  void negative_everyRoundReadsInTheSelectorOfASwitchExpression() {
    helper
        .addSourceLines(
            "Instance.java",
            instance(
                "",
                "String r = switch (readInput().length()) {\n case 0 -> \"\";\n default -> \"x\";\n};\n"
                    + "handle(r);",
                READ_INPUT))
        .doTest();
  }

  @Test
  void positive_theSameReadInOneArmOfASwitchExpression() {
    helper
        .addSourceLines(
            "Instance.java",
            instance(
                NO_POINT,
                "String r = switch ((int) (received % 2)) {\n case 0 -> readInput();\n default ->"
                    + " \"\";\n};\nhandle(r);",
                READ_INPUT))
        .doTest();
  }

  @Test
  void positive_theSameReadWhoseExceptionACatchInTheLoopLogs() {
    helper
        .addSourceLines(
            "Instance.java",
            instance(
                NO_POINT,
                "try {\n handle(source.call());\n} catch (Exception e) {\n received--;\n}",
                READ_INPUT))
        .doTest();
  }

  @Test
  void positive_theSameReadThroughAHelperThatSwallowsItsFailure() {
    helper
        .addSourceLines(
            "Instance.java",
            instance(
                NO_POINT,
                "String r = readInput();\nhandle(r);",
                READ_INPUT.replace("throw e;", "return \"\";")))
        .doTest();
  }

  @Test
  void positive_theSameReadInALoopWhereACatchSwallowsAnotherCallsInterrupt() {
    helper
        .addSourceLines(
            "Instance.java",
            instance(
                "// BUG: Diagnostic contains: catches the InterruptedException of sleep()",
                "String r = readInput();\ntry {\n Thread.sleep(1);\n} catch (InterruptedException"
                    + " e) {\n received--;\n}",
                READ_INPUT))
        .doTest();
  }

  @Test
  void positive_theSameReadFromASourceWhoseCodeIsHere() {
    helper
        .addSourceLines(
            "Instance.java",
            instance(
                    NO_POINT,
                    "String r = readInput();\nhandle(r);",
                    READ_INPUT.replace("source.call()", "local.read()")
                        + "private final Local local = () -> \"x\";\n")
                + """
                interface Local {
                  String read() throws Exception;
                }
                """)
        .doTest();
  }

  // ------------------------------------------------ a stop flag on a pool nothing can interrupt

  private static final String CATCHES_SLEEP =
      "// BUG: Diagnostic contains: catches the InterruptedException of sleep()";

  /**
   * An autoscaler whose start() hands its loop to {@code pool}: the loop sleeps, swallows the
   * sleep's interrupt, and ends on {@code shuttingDown}, which stop() sets; {@code extra} is more
   * of the class.
   */
  private static String scaler(String bug, String submit, String extra) {
    return """
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.Future;
        class Scaler {
          private volatile boolean shuttingDown;
          private final ExecutorService own = Executors.newSingleThreadExecutor();
          private Future<?> scaling;
          void resize() {}
          public void start() {
            SUBMIT(new Runnable() {
              @Override
              public void run() {
                BUG
                while (!shuttingDown) {
                  try {
                    Thread.sleep(1000);
                    resize();
                  } catch (InterruptedException e) {
                    System.err.println("interrupted wait for the next resize");
                  }
                }
              }
            });
          }
          public void stop() {
            shuttingDown = true;
          }
          EXTRA
        }
        """
        .replace("SUBMIT", submit)
        .replace("BUG\n", bug.isEmpty() ? "" : bug + "\n")
        .replace("EXTRA", extra);
  }

  @Test
  void negative_stopFlagLoopOnAPoolMadeForTheSubmissionAndDropped() {
    helper
        .addSourceLines("Scaler.java", scaler("", "Executors.newSingleThreadExecutor().submit", ""))
        .doTest();
  }

  @Test
  void negative_stopFlagLoopOnAPoolTheClassKeeps_itsFutureOnlyAskedWhetherDone() {
    helper
        .addSourceLines(
            "Scaler.java",
            scaler("", "scaling = own.submit", "boolean busy() { return !scaling.isDone(); }"))
        .doTest();
  }

  @Test
  void positive_theSameLoopOnAPoolMadeThereWhoseFutureIsKept() {
    helper
        .addSourceLines(
            "Scaler.java",
            scaler(
                CATCHES_SLEEP,
                "scaling = Executors.newSingleThreadExecutor().submit",
                "Future<?> scaling() { return scaling; }"))
        .doTest();
  }

  @Test
  void positive_theSameLoopOnAPoolTheClassShutsDownNow() {
    helper
        .addSourceLines(
            "Scaler.java",
            scaler(CATCHES_SLEEP, "own.submit", "void kill() { own.shutdownNow(); }"))
        .doTest();
  }

  @Test
  void positive_theSameLoopOnAPoolHandedIn() {
    helper
        .addSourceLines(
            "Scaler.java",
            scaler(CATCHES_SLEEP, "pool.submit", "")
                .replace("public void start() {", "public void start(ExecutorService pool) {"))
        .doTest();
  }

  @Test
  void positive_theSameLoopInAFileThatInterruptsAThread() {
    helper
        .addSourceLines(
            "Scaler.java",
            scaler(
                CATCHES_SLEEP,
                "Executors.newSingleThreadExecutor().submit",
                "void wake(Thread t) { t.interrupt(); }"))
        .doTest();
  }

  @Test
  void positive_theSameLoopWhoseFlagNothingSets() {
    helper
        .addSourceLines(
            "Scaler.java",
            scaler(CATCHES_SLEEP, "Executors.newSingleThreadExecutor().submit", "")
                .replace("shuttingDown = true;", ""))
        .doTest();
  }

  @Test
  void positive_aLoopWithNoStopOnTheSamePool() {
    helper
        .addSourceLines(
            "Scaler.java",
            scaler(CATCHES_SLEEP, "Executors.newSingleThreadExecutor().submit", "")
                .replace("while (!shuttingDown)", "while (true)"))
        .doTest();
  }

  // ------------------------------------------------------------ the CPU-loop fix

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(LoopWithoutCancellationPoint.class, getClass());

  /** A blur that first waits for its input; {@code onInterrupt} is the wait's catch. */
  private static String blur(String onInterrupt, String check) {
    return """
        import java.util.List;
        import java.util.concurrent.CountDownLatch;
        class Blur implements Runnable {
          private final List<int[]> rows;
          private final CountDownLatch ready;
          Blur(List<int[]> rows, CountDownLatch ready) {
            this.rows = rows;
            this.ready = ready;
          }
          @Override
          public void run() {
            try {
              ready.await();
            } catch (InterruptedException e) {
              ON_INTERRUPT
            }
            for (int[] row : rows) {
              CHECK
              for (int i = 1; i < row.length; i++) {
                row[i] = (row[i - 1] + row[i]) / 2;
              }
            }
          }
        }
        """
        .replace("ON_INTERRUPT", onInterrupt)
        .replace("CHECK\n", check.isEmpty() ? "" : check + "\n");
  }

  private static final String RESTORE_AND_GO_ON =
      "Thread.currentThread().interrupt();\nSystem.err.println(\"interrupted, blurring now\");";

  @Test
  void fix_noneForACpuLoopTheCodeGoesOnToAfterRestoringTheInterrupt() {
    helper
        .addSourceLines(
            "Blur.java",
            blur(RESTORE_AND_GO_ON, "")
                .replace("    for (int[] row", CPU_LOOP + "\n    for (int[] row"))
        .doTest();
    refactoring.addInputLines("Blur.java", blur(RESTORE_AND_GO_ON, "")).expectUnchanged().doTest();
  }

  @Test
  void fix_forTheSameCpuLoopWhenTheRestoringCatchReturns() {
    String restoreAndReturn = "Thread.currentThread().interrupt();\nreturn;";
    refactoring
        .addInputLines("Blur.java", blur(restoreAndReturn, ""))
        .addOutputLines(
            "Blur.java",
            blur(restoreAndReturn, "if (Thread.currentThread().isInterrupted()) {\nreturn;\n}"))
        .doTest();
  }
}
