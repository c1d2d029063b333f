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

  /**
   * A group tool in package {@code tools}: {@code main} calls {@code run} (of {@code
   * runModifiers}), which makes the {@code GroupService} (of {@code classModifiers}) and uses it
   * through a local; the service's catch is reached from {@code describe()} and from {@code
   * describeOne}, which no code of the compilation calls (the tool's tests do). {@code run} is
   * {@code runBody}'s statements after the service is made; {@code extra} adds members to the tool,
   * {@code serviceExtra} to the service.
   */
  private static String groupTool(
      String runModifiers,
      String runBody,
      String classModifiers,
      String extra,
      String serviceExtra) {
    return """
        package tools;
        import java.util.*;
        import java.util.concurrent.*;
        import java.util.stream.*;
        public class GroupTool {
          public static void main(String[] args) {
            run(args);
          }

          %s void run(String... args) {
            GroupService service = new GroupService();
            %s
          }
          %s

          %s class GroupService implements AutoCloseable {
            private final ExecutorService admin = Executors.newSingleThreadExecutor();

            public void describe() {
              System.out.println(committed("all"));
            }

            public String describeOne(String group) {
              return committed(group);
            }

            private String committed(String group) {
              try {
                return admin.submit(() -> group).get();
                // BUG: Diagnostic contains: SwallowedInterrupt
              } catch (InterruptedException | ExecutionException e) {
                throw new RuntimeException(e);
              }
            }

            @Override
            public void close() {
              admin.shutdown();
            }
            %s
          }
        }
        """
        .formatted(runModifiers, runBody, extra, classModifiers, serviceExtra);
  }

  private static final String DESCRIBE_AND_CLOSE = "service.describe(); service.close();";

  private static String noBugInService(String source) {
    return source.replace("// BUG: Diagnostic contains: SwallowedInterrupt", "");
  }

  @Test
  void negative_serviceMadeOnlyByCodeMainReachesAndKeptInALocal() {
    helper
        .addSourceLines(
            "tools/GroupTool.java",
            noBugInService(groupTool("static", DESCRIBE_AND_CLOSE, "static", "", "")))
        .doTest();
  }

  @Test
  void negative_serviceInTryWithResources() {
    helper
        .addSourceLines(
            "tools/GroupTool.java",
            noBugInService(
                groupTool("private static", "", "static", "", "")
                    .replace(
                        "GroupService service = new GroupService();",
                        "try (GroupService service = new GroupService()) {"
                            + " if (service != null) service.describe(); }")))
        .doTest();
  }

  @Test
  void positive_serviceAlsoReturned() {
    helper
        .addSourceLines(
            "tools/GroupTool.java",
            groupTool("static", "service.describe(); return service;", "static", "", "")
                .replace("static void run(", "static GroupService run(")
                .replace("run(args);", "run(args).close();"))
        .doTest();
  }

  @Test
  void positive_serviceAlsoStoredInAStaticField() {
    helper
        .addSourceLines(
            "tools/GroupTool.java",
            groupTool(
                "static",
                "last = service; " + DESCRIBE_AND_CLOSE,
                "static",
                "static volatile GroupService last;",
                ""))
        .doTest();
  }

  @Test
  void positive_serviceAlsoPassedToAnotherMethod() {
    helper
        .addSourceLines(
            "tools/GroupTool.java",
            groupTool(
                "static",
                "report(service); service.close();",
                "static",
                "static void report(GroupService s) { s.describe(); }",
                ""))
        .doTest();
  }

  @Test
  void positive_serviceMadeInAPublicEntryPoint() {
    helper
        .addSourceLines(
            "tools/GroupTool.java",
            groupTool("public static", DESCRIBE_AND_CLOSE, "static", "", ""))
        .doTest();
  }

  @Test
  void positive_servicePublicSoOthersCanNameIt() {
    helper
        .addSourceLines(
            "tools/GroupTool.java",
            groupTool("static", DESCRIBE_AND_CLOSE, "public static", "", ""))
        .doTest();
  }

  @Test
  void positive_serviceHandsItsThisOnFromItsConstructor() {
    helper
        .addSourceLines(
            "tools/GroupTool.java",
            groupTool(
                "static",
                DESCRIBE_AND_CLOSE,
                "static",
                "static final List<Object> OPEN = new CopyOnWriteArrayList<>();",
                "GroupService() { OPEN.add(this); }"))
        .doTest();
  }

  @Test
  void positive_serviceMethodRunByATaskItSubmits() {
    helper
        .addSourceLines(
            "tools/GroupTool.java",
            groupTool(
                "static",
                "service.refreshInBackground(); " + DESCRIBE_AND_CLOSE,
                "static",
                "",
                "void refreshInBackground() { admin.execute(() -> describeOne(\"x\")); }"))
        .doTest();
  }

  @Test
  void negative_serviceMethodCalledFromAFinishedStreamPipeline() {
    helper
        .addSourceLines(
            "tools/GroupTool.java",
            noBugInService(
                groupTool(
                    "static",
                    "System.out.println(service.describeAll(List.of(args))); service.close();",
                    "static",
                    "",
                    "List<String> describeAll(List<String> groups) {"
                        + " return groups.stream().map(g -> committed(g))"
                        + ".collect(Collectors.toList()); }")))
        .doTest();
  }

  @Test
  void positive_serviceMethodCalledFromAStreamLeftUnfinished() {
    helper
        .addSourceLines(
            "tools/GroupTool.java",
            groupTool(
                "static",
                "System.out.println(service.describeLazily(List.of(args))); service.close();",
                "static",
                "",
                "Iterator<String> describeLazily(List<String> groups) {"
                    + " return groups.stream().map(g -> committed(g)).iterator(); }"))
        .doTest();
  }

  /**
   * A tool whose {@code main} waits for each of its futures inside the pipeline {@code tail} ends.
   */
  private static String waiter(String tail, String type) {
    return """
        package tools;
        import java.util.*;
        import java.util.concurrent.*;
        import java.util.stream.*;
        public class Waiter {
          public static void main(String[] args) {
            System.out.println(results(List.of(CompletableFuture.completedFuture("a"))));
          }

          private static %s results(List<Future<String>> futures) {
            return futures.stream()
                .map(
                    future -> {
                      try {
                        return future.get();
                        // BUG: Diagnostic contains: SwallowedInterrupt
                      } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException(e);
                      }
                    })
                %s;
          }
        }
        """
        .formatted(type, tail);
  }

  @Test
  void negative_stepOfAPipelineFinishedOnMainsThread() {
    helper
        .addSourceLines(
            "tools/Waiter.java",
            noBugInService(waiter(".collect(Collectors.toList())", "List<String>")))
        .doTest();
  }

  @Test
  void positive_stepOfAPipelineHandedOnUnfinished() {
    helper.addSourceLines("tools/Waiter.java", waiter("", "Stream<String>")).doTest();
  }
}
