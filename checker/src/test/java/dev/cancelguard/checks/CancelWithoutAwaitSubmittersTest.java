package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait's inserted wait where the pool's submitters or its users decide: none under a
 * lock that a method handing callers' code to the pool takes, none for a pool another object of the
 * class hands out; next to each, the neighbour that keeps the wait.
 */
class CancelWithoutAwaitSubmittersTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  // ------------------------------------------- a lock the submitters of callers' code take

  private static final String SCHEDULER_SUBMITS_CALLERS_CODE_UNDER_ITS_LOCK =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Scheduler {
        private volatile ExecutorService executor;
        void startup() {
          synchronized (this) {
            executor = Executors.newFixedThreadPool(2);
          }
        }
        void schedule(Runnable task) {
          synchronized (this) {
            if (executor != null) {
              executor.execute(task);
            }
          }
        }
        void shutdown() {
          ExecutorService maybeExecutor = null;
          synchronized (this) {
            if (executor != null) {
              maybeExecutor = executor;
              // BUG: Diagnostic contains: shutdown() returns
              maybeExecutor.shutdown();
              executor = null;
            }
          }
        }
      }
      """;

  @Test
  void fix_noWaitUnderALockASubmitterOfCallersCodeTakes() {
    helper.addSourceLines("Scheduler.java", SCHEDULER_SUBMITS_CALLERS_CODE_UNDER_ITS_LOCK).doTest();
    refactoring
        .addInputLines("Scheduler.java", SCHEDULER_SUBMITS_CALLERS_CODE_UNDER_ITS_LOCK)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitUnderALockWhoseSubmitterRunsOnlyItsOwnCode() {
    refactoring
        .addInputLines(
            "Scheduler.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Scheduler {
              private final ExecutorService executor = Executors.newFixedThreadPool(2);
              void startTicking() {
                synchronized (this) {
                  executor.execute(() -> System.out.println("tick"));
                }
              }
              void shutdown() {
                synchronized (this) {
                  executor.shutdown();
                }
              }
            }
            """)
        .addOutputLines(
            "Scheduler.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Scheduler {
              private final ExecutorService executor = Executors.newFixedThreadPool(2);
              void startTicking() {
                synchronized (this) {
                  executor.execute(() -> System.out.println("tick"));
                }
              }
              void shutdown() {
                synchronized (this) {
                  executor.shutdown();
                  executor.close();
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- a pool another object of the class hands out

  private static final String FACTORY_HANDS_OUT_A_SLOTS_POOL =
      """
      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Factory {
        private final List<Slot> slots = new ArrayList<>();
        public ExecutorService get() {
          Slot slot = new Slot(Executors.newSingleThreadExecutor());
          slots.add(slot);
          return slot.service;
        }
        void trim() {
          for (Slot slot : slots) {
            slot.close();
          }
        }
        static class Slot {
          private final ExecutorService service;
          Slot(ExecutorService service) {
            this.service = service;
          }
          void close() {
            // BUG: Diagnostic contains: close() returns
            this.service.shutdownNow();
          }
        }
      }
      """;

  @Test
  void fix_noWaitForAPoolAnotherObjectHandsOut() {
    helper.addSourceLines("Factory.java", FACTORY_HANDS_OUT_A_SLOTS_POOL).doTest();
    refactoring
        .addInputLines("Factory.java", FACTORY_HANDS_OUT_A_SLOTS_POOL)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitForAPoolThatStaysInside() {
    refactoring
        .addInputLines(
            "Factory.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Factory {
              private final List<Slot> slots = new ArrayList<>();
              public String get() {
                Slot slot = new Slot(Executors.newSingleThreadExecutor());
                slots.add(slot);
                slot.service.execute(() -> System.out.println("work"));
                return slot.service.toString();
              }
              void trim() {
                for (Slot slot : slots) {
                  slot.close();
                }
              }
              static class Slot {
                private final ExecutorService service;
                Slot(ExecutorService service) {
                  this.service = service;
                }
                void close() {
                  this.service.shutdownNow();
                }
              }
            }
            """)
        .addOutputLines(
            "Factory.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Factory {
              private final List<Slot> slots = new ArrayList<>();
              public String get() {
                Slot slot = new Slot(Executors.newSingleThreadExecutor());
                slots.add(slot);
                slot.service.execute(() -> System.out.println("work"));
                return slot.service.toString();
              }
              void trim() {
                for (Slot slot : slots) {
                  slot.close();
                }
              }
              static class Slot {
                private final ExecutorService service;
                Slot(ExecutorService service) {
                  this.service = service;
                }
                void close() {
                  this.service.shutdownNow();
                  this.service.close();
                }
              }
            }
            """)
        .doTest();
  }
}
