package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Code only a program's {@code main} reaches, on the main thread, and the body of a thread handed
 * straight to {@code Runtime.addShutdownHook}: threads nothing interrupts.
 */
class SwallowedInterruptProgramThreadTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /**
   * A command-line tool in package {@code tools}: {@code main} exits with what {@code mainNoExit}
   * (of {@code modifiers}) returns, which runs {@code execute} and turns a failure into status 1;
   * {@code extra} adds members.
   */
  private static String tool(String modifiers, String extra) {
    return """
        package tools;
        import java.util.concurrent.*;
        public class TopicTool {
          public static void main(String[] args) {
            System.exit(mainNoExit(args));
          }

          %s int mainNoExit(String... args) {
            try {
              execute(args);
              return 0;
              // BUG: Diagnostic contains: returns
            } catch (Throwable e) {
              System.err.println(e.getMessage());
              return 1;
            }
          }

          static void execute(String... args) throws InterruptedException, ExecutionException {
            Thread.sleep(10);
            Service service = new Service();
            service.list();
          }

          static class Service {
            private final ExecutorService admin = Executors.newSingleThreadExecutor();

            void list() {
              try {
                System.out.println(admin.submit(() -> "topics").get());
                // BUG: Diagnostic contains: throws RuntimeException
              } catch (InterruptedException | ExecutionException e) {
                throw new RuntimeException(e);
              }
            }
          }
          %s
        }
        """
        .formatted(modifiers, extra);
  }

  private static String noBug(String source) {
    return source
        .replace("// BUG: Diagnostic contains: returns", "")
        .replace("// BUG: Diagnostic contains: throws RuntimeException", "");
  }

  /** Only the service's catch is expected to be reported. */
  private static String onlyService(String source) {
    return source.replace("// BUG: Diagnostic contains: returns", "");
  }

  @Test
  void negative_packagePrivateCodeOnlyMainReaches() {
    helper.addSourceLines("tools/TopicTool.java", noBug(tool("static", ""))).doTest();
  }

  @Test
  void negative_privateEntryOnlyMainReaches() {
    helper.addSourceLines("tools/TopicTool.java", noBug(tool("private static", ""))).doTest();
  }

  @Test
  void positive_publicEntryOtherCodeMayCallOnItsThreads() {
    helper.addSourceLines("tools/TopicTool.java", tool("public static", "")).doTest();
  }

  @Test
  void positive_entryAlsoCalledByAPublicMethod() {
    helper
        .addSourceLines(
            "tools/TopicTool.java",
            tool("static", "public static int run(String... args) { return mainNoExit(args); }"))
        .doTest();
  }

  @Test
  void positive_entryCalledByAnotherFileOfThePackage() {
    helper
        .addSourceLines("tools/TopicTool.java", tool("static", ""))
        .addSourceLines(
            "tools/Runner.java",
            """
            package tools;
            public class Runner {
              public static int run(String... args) {
                return TopicTool.mainNoExit(args);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_mainCalledByOtherCode() {
    helper
        .addSourceLines("tools/TopicTool.java", tool("static", ""))
        .addSourceLines(
            "tools/Launcher.java",
            """
            package tools;
            public class Launcher {
              public void launch(String... args) {
                TopicTool.main(args);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_fileHandsTheMainThreadOut() {
    helper
        .addSourceLines(
            "tools/TopicTool.java",
            tool(
                "static",
                "static volatile Thread owner;"
                    + " static void remember() { owner = Thread.currentThread(); }"))
        .doTest();
  }

  @Test
  void positive_serviceCalledFromATaskMainSubmits() {
    helper
        .addSourceLines(
            "tools/TopicTool.java",
            onlyService(tool("static", ""))
                .replace(
                    "service.list();",
                    "Executors.newSingleThreadExecutor().execute(() -> service.list());"))
        .doTest();
  }

  @Test
  void positive_entryNamedByAMethodReference() {
    helper
        .addSourceLines(
            "tools/TopicTool.java",
            tool(
                "static",
                "public static java.util.function.ToIntFunction<String[]> entry() {"
                    + " return TopicTool::mainNoExit; }"))
        .doTest();
  }

  @Test
  void positive_serviceMethodOverridesAnInterfaces() {
    helper
        .addSourceLines(
            "tools/TopicTool.java",
            onlyService(tool("static", ""))
                .replace("static class Service {", "static class Service implements Lister {")
                .replace("void list() {", "public void list() {"))
        .addSourceLines(
            "tools/Lister.java",
            """
            package tools;
            public interface Lister {
              void list();
            }
            """)
        .doTest();
  }

  @Test
  void negative_actionOfAForEachOnMainsThread() {
    helper
        .addSourceLines(
            "tools/Waiter.java",
            """
            package tools;
            import java.util.List;
            public class Waiter {
              public static void main(String[] args) {
                awaitAll(List.of(new Thread(() -> {}), new Thread(() -> {})));
              }

              private static void awaitAll(List<Thread> workers) {
                workers.forEach(
                    worker -> {
                      try {
                        worker.join();
                      } catch (InterruptedException ignored) {
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_actionHandedToAnotherMethodThanForEach() {
    helper
        .addSourceLines(
            "tools/Waiter.java",
            """
            package tools;
            import java.util.List;
            import java.util.concurrent.Executor;
            import java.util.concurrent.Executors;
            public class Waiter {
              public static void main(String[] args) {
                awaitAll(
                    List.of(new Thread(() -> {}), new Thread(() -> {})),
                    Executors.newCachedThreadPool());
              }

              private static void awaitAll(List<Thread> workers, Executor executor) {
                for (Thread worker : workers) {
                  executor.execute(
                      () -> {
                        try {
                          worker.join();
                          // BUG: Diagnostic contains: SwallowedInterrupt
                        } catch (InterruptedException ignored) {
                        }
                      });
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_bareClearOnlyMainReaches() {
    helper
        .addSourceLines(
            "tools/Booter.java",
            """
            package tools;
            public class Booter {
              public static void main(String[] args) {
                new Booter().execute();
              }

              private void execute() {
                try {
                  System.out.println("running");
                } finally {
                  Thread.interrupted();
                  System.exit(0);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_bareClearInAPublicMethod() {
    helper
        .addSourceLines(
            "tools/Booter.java",
            """
            package tools;
            public class Booter {
              public static void main(String[] args) {
                new Booter().execute();
              }

              public void execute() {
                try {
                  System.out.println("running");
                } finally {
                  // BUG: Diagnostic contains: SwallowedInterrupt
                  Thread.interrupted();
                  System.exit(0);
                }
              }
            }
            """)
        .doTest();
  }

  /** A tool whose shutdown hook (the thread made by {@code hook}) stops its fetchers. */
  private static String verifier(String hook) {
    return """
        package tools;
        import java.util.List;
        public class Verifier {
          static class Fetcher extends Thread {
            void shutdown() throws InterruptedException {
              join();
            }
          }

          public static void main(String[] args) {
            List<Fetcher> fetchers = List.of(new Fetcher(), new Fetcher());
            %s
            fetchers.forEach(Thread::start);
          }
        }
        """
        .formatted(hook);
  }

  private static final String STOP_FETCHERS =
      """
      () -> fetchers.forEach(
          fetcher -> {
            try {
              fetcher.shutdown();
              // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException ignored) {
            }
          })""";

  @Test
  void negative_shutdownHookHandedStraightToTheRuntime() {
    helper
        .addSourceLines(
            "tools/Verifier.java",
            verifier(
                "Runtime.getRuntime().addShutdownHook(new Thread("
                    + STOP_FETCHERS.replace("// BUG: Diagnostic contains: SwallowedInterrupt", "")
                    + ", \"stopper\"));"))
        .doTest();
  }

  @Test
  void positive_sameBodyOnAThreadTheToolStarts() {
    helper
        .addSourceLines(
            "tools/Verifier.java",
            verifier("new Thread(" + STOP_FETCHERS + ", \"stopper\").start();"))
        .doTest();
  }

  @Test
  void positive_hookThreadKeptInAField() {
    helper
        .addSourceLines(
            "tools/Verifier.java",
            verifier(
                    "hook = new Thread("
                        + STOP_FETCHERS
                        + "); Runtime.getRuntime().addShutdownHook(hook);")
                .replace(
                    "public static void main",
                    "public static volatile Thread hook;\n  public static void main"))
        .doTest();
  }
}
