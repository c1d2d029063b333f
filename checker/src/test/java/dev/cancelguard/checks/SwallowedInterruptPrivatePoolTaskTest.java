package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Tasks of a pool the class keeps to itself that are not a lambda handed to it directly: the {@code
 * run()} of a named task class whose instances the file makes and gives only to the pool, and a
 * task handed to a forwarder ({@code static void asyncGo(Runnable r) { POOL.execute(r); }}).
 */
class SwallowedInterruptPrivatePoolTaskTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /**
   * A named {@code Runnable} class whose instances {@code check()} gives to the private pool;
   * {@code use} replaces the submission, {@code modifiers} the class's, {@code extra} adds members.
   */
  private static String namedTaskSource(String use, String modifiers, String extra) {
    return """
        import java.util.concurrent.*;
        class Test {
          private final ExecutorService pool = Executors.newFixedThreadPool(2);

          void check(CountDownLatch latch) {
            %s
          }

          void stop() {
            pool.shutdown();
          }

          %s class Checker implements Runnable {
            private final CountDownLatch latch;

            Checker(CountDownLatch latch) {
              this.latch = latch;
            }

            @Override
            public void run() {
              try {
                if (!latch.await(2, TimeUnit.SECONDS)) {
                  System.err.println("no reply");
                }
                // BUG: Diagnostic contains: swallows it
              } catch (InterruptedException e) {
                System.err.println("interrupted");
              }
            }
          }
          %s
        }
        """
        .formatted(use, modifiers, extra);
  }

  private static String noBug(String source) {
    return source.replace("// BUG: Diagnostic contains: swallows it", "");
  }

  @Test
  void negative_namedTaskClassGivenOnlyToAPrivatePool() {
    helper
        .addSourceLines(
            "Test.java",
            noBug(namedTaskSource("pool.execute(new Checker(latch));", "private static final", "")))
        .doTest();
  }

  @Test
  void negative_namedTaskClassOfThePackageThroughALocal() {
    helper
        .addSourceLines(
            "Test.java",
            noBug(
                namedTaskSource(
                    "Checker task = new Checker(latch); pool.submit(task);", "static final", "")))
        .doTest();
  }

  @Test
  void positive_namedTaskClassOnAPoolShutDownNow() {
    helper
        .addSourceLines(
            "Test.java",
            namedTaskSource(
                "pool.execute(new Checker(latch));",
                "private static final",
                "void kill() { pool.shutdownNow(); }"))
        .doTest();
  }

  @Test
  void positive_namedTaskClassWhoseFutureIsKeptAndCancelled() {
    helper
        .addSourceLines(
            "Test.java",
            namedTaskSource(
                "future = pool.submit(new Checker(latch));",
                "private static final",
                "private Future<?> future;\n  void cancel() { future.cancel(true); }"))
        .doTest();
  }

  @Test
  void positive_namedTaskClassAlsoRunDirectly() {
    helper
        .addSourceLines(
            "Test.java",
            namedTaskSource(
                "pool.execute(new Checker(latch));",
                "private static final",
                "void checkNow(CountDownLatch latch) { new Checker(latch).run(); }"))
        .doTest();
  }

  @Test
  void positive_namedTaskClassAlsoGivenToAnExecutorTheCallerHandsIn() {
    helper
        .addSourceLines(
            "Test.java",
            namedTaskSource(
                "pool.execute(new Checker(latch));",
                "private static final",
                "public void checkOn(Executor executor, CountDownLatch latch) {"
                    + " executor.execute(new Checker(latch)); }"))
        .doTest();
  }

  @Test
  void positive_namedTaskClassUsersCanMake() {
    helper
        .addSourceLines(
            "Test.java",
            namedTaskSource("pool.execute(new Checker(latch));", "public static", "")
                .replace(
                    "Checker(CountDownLatch latch) {", "public Checker(CountDownLatch latch) {")
                .replace("class Test {", "public class Test {"))
        .doTest();
  }

  @Test
  void positive_namedTaskClassExtendedInTheFile() {
    helper
        .addSourceLines(
            "Test.java",
            namedTaskSource(
                "pool.execute(new Checker(latch));",
                "private static",
                "private static class Eager extends Checker {\n"
                    + "    Eager(CountDownLatch latch) { super(latch); }\n"
                    + "  }\n"
                    + "  void eager(CountDownLatch latch) { new Thread(new Eager(latch)).start(); }"))
        .doTest();
  }

  @Test
  void positive_namedTaskClassInAFileThatInterruptsAThread() {
    helper
        .addSourceLines(
            "Test.java",
            namedTaskSource(
                "pool.execute(new Checker(latch));",
                "private static final",
                "void wake(Thread worker) { worker.interrupt(); }"))
        .doTest();
  }

  @Test
  void positive_namedTaskClassThatHandsItselfOut() {
    helper
        .addSourceLines(
            "Test.java",
            namedTaskSource(
                    "pool.execute(new Checker(latch));",
                    "private final",
                    "static final java.util.List<Runnable> ALL = new java.util.ArrayList<>();")
                .replace("this.latch = latch;", "this.latch = latch;\n      ALL.add(this);"))
        .doTest();
  }

  /** A task handed to a forwarder of the private pool; {@code forwarder} replaces it. */
  private static String forwarderSource(String forwarder, String call, String extra) {
    return """
        import java.util.concurrent.*;
        public class Test {
          private static final ExecutorService POOL = Executors.newCachedThreadPool();

          %s

          public void notifyListeners(BlockingQueue<String> replies) {
            %s(
                () -> {
                  try {
                    System.out.println(replies.take());
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException e) {
                    System.err.println("interrupted");
                  }
                });
          }
          %s
        }
        """
        .formatted(forwarder, call, extra);
  }

  @Test
  void negative_taskHandedToAStaticForwarderOfAPrivatePool() {
    helper
        .addSourceLines(
            "Test.java",
            noBug(
                forwarderSource(
                    "protected static void asyncGo(Runnable task) { POOL.execute(task); }",
                    "asyncGo",
                    "")))
        .doTest();
  }

  @Test
  void negative_anonymousTaskHandedToAFinalForwarderOfAPrivatePool() {
    helper
        .addSourceLines(
            "Test.java",
            noBug(
                    forwarderSource(
                        "protected final void asyncGo(Runnable task) { POOL.submit(task); }",
                        "asyncGo",
                        ""))
                .replace(
                    """
                    () -> {
                          try {""",
                    """
                    new Runnable() {
                          @Override
                          public void run() {
                          try {""")
                .replace(
                    """
                    }
                        });""",
                    """
                    }
                        }});"""))
        .doTest();
  }

  @Test
  void positive_forwarderThatSubclassesCanOverride() {
    helper
        .addSourceLines(
            "Test.java",
            forwarderSource(
                "protected void asyncGo(Runnable task) { POOL.execute(task); }", "asyncGo", ""))
        .doTest();
  }

  @Test
  void positive_forwarderThatTakesThePoolUsersHandIn() {
    helper
        .addSourceLines(
            "Test.java",
            forwarderSource(
                    "public static void go(Executor pool, Runnable task) { pool.execute(task); }",
                    "go",
                    "")
                .replace("go(\n", "go(POOL,\n"))
        .doTest();
  }

  @Test
  void positive_forwarderThatAlsoRunsTheTaskOnTheCallersThread() {
    helper
        .addSourceLines(
            "Test.java",
            forwarderSource(
                "static void asyncGo(Runnable task) { if (POOL.isShutdown()) { task.run(); } else {"
                    + " POOL.execute(task); } }",
                "asyncGo",
                ""))
        .doTest();
  }

  @Test
  void positive_forwarderOfAPoolShutDownNow() {
    helper
        .addSourceLines(
            "Test.java",
            forwarderSource(
                "static void asyncGo(Runnable task) { POOL.execute(task); }",
                "asyncGo",
                "public static void stop() { POOL.shutdownNow(); }"))
        .doTest();
  }

  @Test
  void positive_forwarderWhoseFutureIsReturned() {
    helper
        .addSourceLines(
            "Test.java",
            forwarderSource(
                "static Future<?> asyncGo(Runnable task) { return POOL.submit(task); }",
                "asyncGo",
                ""))
        .doTest();
  }
}
