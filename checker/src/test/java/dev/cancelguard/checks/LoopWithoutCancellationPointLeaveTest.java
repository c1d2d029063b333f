package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * LoopWithoutCancellationPoint's fix leaves a loop on an interrupt only where that leaves the
 * component as its own stop would: none for a worker loop on its object's running state that
 * nothing in the file stops by an interrupt, none where an interrupt check in the body would skip
 * or half-run what follows the loop; next to each, the neighbour that keeps the fix.
 */
class LoopWithoutCancellationPointLeaveTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(LoopWithoutCancellationPoint.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(LoopWithoutCancellationPoint.class, getClass());

  // ------------------------------------------- a worker loop on its object's running state

  private static final String SWEEPER_STOPPED_BY_ITS_FLAG =
      """
      class Sweeper implements Runnable {
        private volatile boolean running = true;
        long swept;
        @Override
        public void run() {
          // BUG: Diagnostic contains: This task loop stops only when `running` turns false
          while (running) {
            swept++;
          }
        }
      }
      """;

  @Test
  void fix_noneForAWorkerLoopOnItsRunningStateThatNothingInterrupts() {
    helper.addSourceLines("Sweeper.java", SWEEPER_STOPPED_BY_ITS_FLAG).doTest();
    refactoring
        .addInputLines("Sweeper.java", SWEEPER_STOPPED_BY_ITS_FLAG)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_forAWorkerLoopOnItsRunningStateWhenTheFileStopsByAnInterrupt() {
    refactoring
        .addInputLines(
            "Sweeper.java",
            """
            class Sweeper implements Runnable {
              private volatile boolean running = true;
              long swept;
              @Override
              public void run() {
                while (running) {
                  swept++;
                }
              }
              static void stop(Thread worker) {
                worker.interrupt();
              }
            }
            """)
        .addOutputLines(
            "Sweeper.java",
            """
            class Sweeper implements Runnable {
              private volatile boolean running = true;
              long swept;
              @Override
              public void run() {
                while (running && !Thread.currentThread().isInterrupted()) {
                  swept++;
                }
              }
              static void stop(Thread worker) {
                worker.interrupt();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_forALoopOnItsRunningStateWhoseCatchAlreadyRestoresAndSpins() {
    String input =
        """
        import java.util.concurrent.ExecutorService;
        class Pauser {
          private volatile boolean suspended;
          void suspend(ExecutorService loop) {
            suspended = true;
            loop.execute(
                () -> {
                  while (suspended) {
                    try {
                      Thread.sleep(10);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                });
          }
        }
        """;
    refactoring
        .addInputLines("Pauser.java", input)
        .addOutputLines(
            "Pauser.java",
            input.replace(
                "while (suspended) {",
                "while (suspended && !Thread.currentThread().isInterrupted()) {"))
        .doTest();
  }

  // ------------------------------------------- what follows a loop checked in its body

  private static final String SUM_RETURNED_AFTER_THE_LOOP =
      """
      import java.util.List;
      import java.util.concurrent.CompletableFuture;
      class Test {
        CompletableFuture<Long> sum(List<int[]> rows) {
          return CompletableFuture.supplyAsync(() -> {
            long sum = 0;
            // BUG: Diagnostic contains: runs nested loops over every element
            for (int[] row : rows) {
              for (int v : row) {
                sum += v;
              }
            }
            return sum;
          });
        }
      }
      """;

  @Test
  void fix_noneForACpuLoopWhoseResultFollowsIt() {
    helper.addSourceLines("Test.java", SUM_RETURNED_AFTER_THE_LOOP).doTest();
    refactoring.addInputLines("Test.java", SUM_RETURNED_AFTER_THE_LOOP).expectUnchanged().doTest();
  }

  private static final String BLUR_THEN_MARK_DONE =
      """
      import java.util.List;
      class Blur implements Runnable {
        private final List<int[]> rows;
        volatile boolean done;
        Blur(List<int[]> rows) {
          this.rows = rows;
        }
        @Override
        public void run() {
          // BUG: Diagnostic contains: runs nested loops over every element
          for (int[] row : rows) {
            for (int i = 1; i < row.length; i++) {
              row[i] = (row[i - 1] + row[i]) / 2;
            }
          }
          done = true;
        }
      }
      """;

  @Test
  void fix_noneForACpuLoopInAVoidTaskWithCodeAfterIt() {
    helper.addSourceLines("Blur.java", BLUR_THEN_MARK_DONE).doTest();
    refactoring.addInputLines("Blur.java", BLUR_THEN_MARK_DONE).expectUnchanged().doTest();
  }

  @Test
  void fix_cpuLoopReturnsWhenOnlyAFinallyFollowsIt() {
    refactoring
        .addInputLines(
            "Blur.java",
            """
            import java.util.List;
            class Blur implements Runnable {
              private final List<int[]> rows;
              volatile boolean done;
              Blur(List<int[]> rows) {
                this.rows = rows;
              }
              @Override
              public void run() {
                try {
                  for (int[] row : rows) {
                    for (int i = 1; i < row.length; i++) {
                      row[i] = (row[i - 1] + row[i]) / 2;
                    }
                  }
                } finally {
                  done = true;
                }
              }
            }
            """)
        .addOutputLines(
            "Blur.java",
            """
            import java.util.List;
            class Blur implements Runnable {
              private final List<int[]> rows;
              volatile boolean done;
              Blur(List<int[]> rows) {
                this.rows = rows;
              }
              @Override
              public void run() {
                try {
                  for (int[] row : rows) {
                    if (Thread.currentThread().isInterrupted()) {
                      return;
                    }
                    for (int i = 1; i < row.length; i++) {
                      row[i] = (row[i - 1] + row[i]) / 2;
                    }
                  }
                } finally {
                  done = true;
                }
              }
            }
            """)
        .doTest();
  }
}
