package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * SwallowedInterrupt's restore before returning, judged by the callers further up than the callers'
 * callers: followed on through the class's own code (private methods) and through callers that end
 * with the call and so only hand the flag on, a stop that goes on to wait gets no restore; a loop
 * that far up, or a caller that does something after the call, does not decide.
 */
class SwallowedInterruptCallersFurtherUpTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String TASK =
      """
      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.TimeUnit;

      public class Task {
        private final CountDownLatch done = new CountDownLatch(1);

        public boolean awaitStop(long millis) {
          try {
            return done.await(millis, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            return false;
          }
        }
      }
      """;

  private static final String TASK_FIXED =
      TASK.replace(
          "    } catch (InterruptedException e) {\n",
          "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n");

  private static final String WORKER =
      """
      import java.util.ArrayList;
      import java.util.List;

      class Worker {
        private final List<Task> tasks = new ArrayList<>();
        private final Thread log;

        Worker(Thread log) {
          this.log = log;
        }

        void stop() throws InterruptedException {
          stopAndAwaitTasks();
          log.join(1000);
        }

        public void stopAndAwaitTasks() {
          stopAndAwaitTasks(new ArrayList<>(tasks));
        }

        public void stopAndAwaitTasks(List<Task> ids) {
          awaitStopTasks(ids);
        }

        private void awaitStopTasks(List<Task> ids) {
          for (Task task : ids) {
            awaitStopTask(task);
          }
        }

        private void awaitStopTask(Task task) {
          if (!task.awaitStop(100)) {
            System.err.println("not stopped: " + task);
          }
        }
      }
      """;

  @Test
  void noFix_whenAStopFourCallsUpGoesOnToWait() {
    // awaitStopTask and awaitStopTasks are the class's own code, the two public overloads end with
    // the call: Worker.stop() then meets the flag, and its log.join(..) throws at once.
    helper
        .addSourceLines(
            "Task.java",
            TASK.replace(
                "    } catch (InterruptedException e) {\n",
                "      // BUG: Diagnostic contains: its caller goes on to a blocking call (line 14 of"
                    + " Worker.java)\n"
                    + "    } catch (InterruptedException e) {\n"))
        .addSourceLines("Worker.java", WORKER)
        .doTest();
    refactoring
        .addInputLines("Task.java", TASK)
        .expectUnchanged()
        .addInputLines("Worker.java", WORKER)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void restore_whenTheStopFourCallsUpDoesNotWait() {
    refactoring
        .addInputLines("Task.java", TASK)
        .addOutputLines("Task.java", TASK_FIXED)
        .addInputLines("Worker.java", WORKER.replace("log.join(1000);", "log.interrupt();"))
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenAPublicCallerDoesMoreAfterTheCall() {
    // stopAndAwaitTasks(ids) goes on after the call: it is a caller of its own, and the search ends
    // there (two levels of callers that decide, as before).
    refactoring
        .addInputLines("Task.java", TASK)
        .addOutputLines("Task.java", TASK_FIXED)
        .addInputLines(
            "Worker.java",
            WORKER.replace(
                "    awaitStopTasks(ids);\n",
                "    awaitStopTasks(ids);\n    System.err.println(\"stopped \" + ids);\n"))
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenTheCallerThatFarUpOnlyLoops() {
    // A loop blind to the flag four calls up is not taken: only cleanup is, that far.
    refactoring
        .addInputLines("Task.java", TASK)
        .addOutputLines("Task.java", TASK_FIXED)
        .addInputLines(
            "Worker.java",
            WORKER.replace(
                "  void stop() throws InterruptedException {\n"
                    + "    stopAndAwaitTasks();\n"
                    + "    log.join(1000);\n"
                    + "  }\n",
                "  private volatile boolean running = true;\n\n"
                    + "  void cycle() {\n"
                    + "    while (running) {\n"
                    + "      stopAndAwaitTasks();\n"
                    + "    }\n"
                    + "  }\n"))
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }
}
