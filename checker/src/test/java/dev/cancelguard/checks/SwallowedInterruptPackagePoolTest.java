package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Pools a class keeps to itself that are not a private field: a field only its package can name,
 * that no other file of the package names, and a field handed its pool by a local that configures
 * it first ({@code static { .. POOL = executor; }}).
 */
class SwallowedInterruptPackagePoolTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /** A watch loop on a single-thread pool held in a field of {@code modifiers}. */
  private static String watchLoop(String modifiers, String extra) {
    return """
        import java.util.concurrent.*;
        public class Watcher {
          private final BlockingQueue<Object> bell = new ArrayBlockingQueue<>(1);
          %s ScheduledExecutorService executorService;

          public void start() {
            executorService = Executors.newSingleThreadScheduledExecutor();
            executorService.submit(
                () -> {
                  while (!executorService.isShutdown()) {
                    try {
                      bell.poll(5L, TimeUnit.SECONDS);
                      sync();
                      // BUG: Diagnostic contains: swallows it
                    } catch (InterruptedException e) {
                      System.err.println("interrupted");
                    }
                  }
                });
          }

          public void shutdown() {
            if (executorService != null && !executorService.isShutdown()) {
              executorService.shutdown();
            }
          }

          void sync() {}
          %s
        }
        """
        .formatted(modifiers, extra);
  }

  private static final String OTHER_FILE =
      """
      class Other {
        void use(Watcher watcher) {
          watcher.start();
        }
      }
      """;

  private static String noBug(String source) {
    return source.replace("// BUG: Diagnostic contains: swallows it", "");
  }

  @Test
  void negative_packageFieldNoOtherFileNames() {
    helper
        .addSourceLines("Watcher.java", noBug(watchLoop("", "")))
        .addSourceLines("Other.java", OTHER_FILE)
        .doTest();
  }

  @Test
  void positive_packageFieldAnotherFileShutsDownNow() {
    helper
        .addSourceLines("Watcher.java", watchLoop("", ""))
        .addSourceLines(
            "Other.java",
            """
            class Other {
              void kill(Watcher watcher) {
                watcher.executorService.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_packageFieldAnotherFileOnlyReads() {
    helper
        .addSourceLines("Watcher.java", watchLoop("", ""))
        .addSourceLines(
            "Other.java",
            """
            class Other {
              boolean stopped(Watcher watcher) {
                return watcher.executorService.isShutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_protectedField() {
    helper
        .addSourceLines("Watcher.java", watchLoop("protected", ""))
        .addSourceLines("Other.java", OTHER_FILE)
        .doTest();
  }

  @Test
  void positive_publicField() {
    helper.addSourceLines("Watcher.java", watchLoop("public", "")).doTest();
  }

  @Test
  void positive_packageFieldDeclaredAsAPlainExecutor() {
    helper
        .addSourceLines(
            "Drainer.java",
            """
            import java.util.concurrent.*;
            class Drainer {
              final Executor plain = Executors.newSingleThreadExecutor();

              void start(BlockingQueue<Runnable> queue) {
                plain.execute(
                    () -> {
                      try {
                        queue.take().run();
                        // BUG: Diagnostic contains: swallows it
                      } catch (InterruptedException e) {
                        System.err.println("stopped");
                      }
                    });
              }
            }
            """)
        .addSourceLines("Other.java", "class Other {}")
        .doTest();
  }

  /**
   * The file's {@code shutdownNow()} is the only interrupter, and it puts the pool in its shut-down
   * state before it interrupts: the loop's {@code !executorService.isShutdown()} is the stop flag
   * it wrote first ({@code SwallowedInterruptPoolStopStateTest}).
   */
  @Test
  void negative_packageFieldShutDownNowInTheFileWhoseStateTheLoopTests() {
    helper
        .addSourceLines(
            "Watcher.java",
            watchLoop("", "void kill() { executorService.shutdownNow(); }")
                .replace("// BUG: Diagnostic contains: swallows it", ""))
        .doTest();
  }

  @Test
  void positive_packageFieldShutDownNowInTheFileWhileTheLoopTestsOnlyTermination() {
    helper
        .addSourceLines(
            "Watcher.java",
            watchLoop("", "void kill() { executorService.shutdownNow(); }")
                .replace(
                    "while (!executorService.isShutdown())",
                    "while (!executorService.isTerminated())"))
        .doTest();
  }

  @Test
  void positive_packageFieldWhoseFutureIsKept() {
    helper
        .addSourceLines(
            "Watcher.java",
            watchLoop(
                "",
                "Future<?> kept;\n"
                    + "  void again() { kept = executorService.submit(this::sync); }\n"
                    + "  void cancel() { kept.cancel(true); }"))
        .doTest();
  }

  @Test
  void positive_packageFieldReturned() {
    helper
        .addSourceLines(
            "Watcher.java",
            watchLoop("", "ScheduledExecutorService executor() { return executorService; }"))
        .doTest();
  }

  @Test
  void positive_packageFieldInAFileThatInterruptsAThread() {
    helper
        .addSourceLines("Watcher.java", watchLoop("", "void wake(Thread t) { t.interrupt(); }"))
        .doTest();
  }

  /**
   * A task class that resubmits itself to a pool configured in a static initializer; {@code init}
   * is the initializer's body, {@code extra} adds members.
   */
  private static String staticPool(String init, String extra) {
    return """
        import java.util.concurrent.*;
        final class Awaits {
          static class Poller implements Runnable {
            static final ScheduledExecutorService POOL;

            static {
              %s
            }

            private final CountDownLatch done;
            volatile boolean cancelled;

            static void awaitInPool(CountDownLatch done, java.util.function.Consumer<Runnable> onCancel) {
              Poller poller = new Poller(done, onCancel);
              POOL.submit(poller);
            }

            Poller(CountDownLatch done, java.util.function.Consumer<Runnable> onCancel) {
              this.done = done;
              onCancel.accept(this::cancel);
            }

            void cancel() {
              cancelled = true;
            }

            @Override
            public void run() {
              if (cancelled) {
                return;
              }
              try {
                if (!done.await(100, TimeUnit.MILLISECONDS)) {
                  POOL.submit(this);
                }
                // BUG: Diagnostic contains: swallows it
              } catch (InterruptedException e) {
                // nothing
              }
            }
            %s
          }
        }
        """
        .formatted(init, extra);
  }

  private static final String CONFIGURED =
      """
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(0);
      executor.setKeepAliveTime(10, TimeUnit.SECONDS);
      executor.allowCoreThreadTimeOut(true);
      POOL = executor;
      """;

  @Test
  void negative_poolConfiguredInALocalThenStoredInItsField() {
    helper.addSourceLines("Awaits.java", noBug(staticPool(CONFIGURED, ""))).doTest();
  }

  @Test
  void positive_localPoolAlsoShutDownNow() {
    helper
        .addSourceLines(
            "Awaits.java",
            staticPool(
                CONFIGURED
                    + "Runtime.getRuntime().addShutdownHook(new Thread(executor::shutdownNow));",
                ""))
        .doTest();
  }

  @Test
  void positive_localPoolAlsoHandedOut() {
    helper
        .addSourceLines(
            "Awaits.java",
            staticPool(CONFIGURED + "Registry.register(executor);", "")
                + "class Registry { static void register(ExecutorService e) {} }\n")
        .doTest();
  }

  @Test
  void positive_fieldGivenAPoolHandedIn() {
    helper
        .addSourceLines(
            "Awaits.java",
            staticPool("ScheduledExecutorService executor = Registry.pool(); POOL = executor;", "")
                + "class Registry { static ScheduledExecutorService pool() { return null; } }\n")
        .doTest();
  }

  @Test
  void positive_taskThatHandsItsRunOut() {
    helper
        .addSourceLines(
            "Awaits.java",
            staticPool(CONFIGURED, "void eager() { new Thread(this::run).start(); }"))
        .doTest();
  }

  @Test
  void positive_taskThatHandsItselfOut() {
    helper
        .addSourceLines(
            "Awaits.java",
            staticPool(CONFIGURED, "void eager(java.util.List<Runnable> all) { all.add(this); }"))
        .doTest();
  }
}
