package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait's inserted wait in a stop that the pool's own work reaches through a subclass
 * of another file: the base class keeps the pool in a field and stops it in {@code destroy()}; a
 * subclass compiled with it schedules its status checker on that inherited pool, and the checker
 * calls, on the object itself, a base-class method that ends in {@code destroy()}. The stop then
 * runs on a thread of the pool it would wait for: no wait there can see the pool end. Next to it,
 * the neighbours that keep their wait: a checker that stops another tracker, and one that never
 * stops anything.
 */
class CancelWithoutAwaitSubclassWorkTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private static final String TRACKER =
      """
      public abstract class Tracker {
        public abstract void destroy();

        protected void reportFinalStatusThenDestroy(String status) {
          System.out.println(status);
          destroy();
        }
      }
      """;

  private static final String HEAVY_TRACKER =
      """
      import java.util.concurrent.ScheduledExecutorService;
      public class HeavyTracker extends Tracker {
        protected ScheduledExecutorService scheduledPool;

        @Override
        public void destroy() {
          scheduledPool.shutdown();
        }
      }
      """;

  /** A subclass whose status checker, scheduled on the inherited pool, runs CHECK. */
  private static final String COMMON_TRACKER =
      """
      import java.util.concurrent.Executors;
      import java.util.concurrent.TimeUnit;
      public class CommonTracker extends HeavyTracker {
        private final HeavyTracker other = new HeavyTracker();

        public CommonTracker() {
          this.scheduledPool = Executors.newScheduledThreadPool(2);
          scheduledPool.scheduleWithFixedDelay(new StatusCheck(), 3, 5, TimeUnit.SECONDS);
        }

        private class StatusCheck implements Runnable {
          @Override
          public void run() {
            CHECK;
          }
        }
      }
      """;

  @Test
  void noFix_theSubclassesCheckerReachesTheStopOnItsOwnTracker() {
    helper
        .addSourceLines("Tracker.java", TRACKER)
        .addSourceLines(
            "HeavyTracker.java",
            HEAVY_TRACKER.replace(
                "    scheduledPool.shutdown();",
                "    // BUG: Diagnostic contains: No wait is offered: CommonTracker, a subclass in another"
                    + " file, hands scheduledPool work that calls this stop on the object itself,"
                    + " so the stop may run on a thread of that very work, where a wait would wait"
                    + " for itself; wait where the work was started.\n"
                    + "    scheduledPool.shutdown();"))
        .addSourceLines(
            "CommonTracker.java",
            COMMON_TRACKER.replace("CHECK", "reportFinalStatusThenDestroy(\"done\")"))
        .doTest();
    refactoring
        .addInputLines("Tracker.java", TRACKER)
        .expectUnchanged()
        .addInputLines("HeavyTracker.java", HEAVY_TRACKER)
        .expectUnchanged()
        .addInputLines(
            "CommonTracker.java",
            COMMON_TRACKER.replace("CHECK", "reportFinalStatusThenDestroy(\"done\")"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFix_theSubclassesCheckerCallsTheStopThroughOuterThis() {
    refactoring
        .addInputLines("Tracker.java", TRACKER)
        .expectUnchanged()
        .addInputLines("HeavyTracker.java", HEAVY_TRACKER)
        .expectUnchanged()
        .addInputLines(
            "CommonTracker.java", COMMON_TRACKER.replace("CHECK", "CommonTracker.this.destroy()"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_theSubclassesCheckerStopsAnotherTracker() {
    refactoring
        .addInputLines("Tracker.java", TRACKER)
        .expectUnchanged()
        .addInputLines("HeavyTracker.java", HEAVY_TRACKER)
        .addOutputLines(
            "HeavyTracker.java",
            HEAVY_TRACKER.replace(
                "scheduledPool.shutdown();",
                "scheduledPool.shutdown();\n    scheduledPool.close();"))
        .addInputLines("CommonTracker.java", COMMON_TRACKER.replace("CHECK", "other.destroy()"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_theSubclassesCheckerStopsNothing() {
    refactoring
        .addInputLines("Tracker.java", TRACKER)
        .expectUnchanged()
        .addInputLines("HeavyTracker.java", HEAVY_TRACKER)
        .addOutputLines(
            "HeavyTracker.java",
            HEAVY_TRACKER.replace(
                "scheduledPool.shutdown();",
                "scheduledPool.shutdown();\n    scheduledPool.close();"))
        .addInputLines(
            "CommonTracker.java", COMMON_TRACKER.replace("CHECK", "System.out.println(\"busy\")"))
        .expectUnchanged()
        .doTest();
  }
}
