package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code only a program's {@code main} reaches through code only its package can call, in another
 * file of the package: a server class a launcher's {@code main} makes, a helper of the package;
 * also in a package split across jars whose class files do not name the server class.
 */
class SwallowedInterruptPackageProgramThreadTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /**
   * A package-private server class of package {@code server} whose constructor binds and waits;
   * {@code modifiers} are the class's, {@code extra} adds members.
   */
  private static String server(String modifiers, String extra) {
    return """
        package server;
        import java.util.concurrent.*;
        %s class Server {
          private final Future<?> bound;

          Server(ExecutorService boss) {
            bound = boss.submit(() -> {});
            try {
              bound.get();
              // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException | ExecutionException e) {
              throw new RuntimeException(e);
            }
          }

          static void awaitPort(ExecutorService boss) {
            try {
              boss.awaitTermination(1, TimeUnit.SECONDS);
              // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              System.err.println("interrupted");
            }
          }
          %s
        }
        """
        .formatted(modifiers, extra);
  }

  /**
   * The launcher: its {@code main} makes the server through a private method; {@code extra} adds
   * members.
   */
  private static String launcher(String extra) {
    return """
        package server;
        import java.util.concurrent.*;
        public class Launcher {
          public static void main(String[] args) {
            ExecutorService boss = Executors.newSingleThreadExecutor();
            launch(boss);
            Server.awaitPort(boss);
          }

          private static Server launch(ExecutorService boss) {
            return new Server(boss);
          }
          %s
        }
        """
        .formatted(extra);
  }

  private static String noBug(String source) {
    return source.replace("// BUG: Diagnostic contains: SwallowedInterrupt", "");
  }

  @Test
  void negative_packagePrivateServerMadeOnlyFromAnotherFilesMain() {
    helper
        .addSourceLines("server/Server.java", noBug(server("", "")))
        .addSourceLines("server/Launcher.java", launcher(""))
        .doTest();
  }

  @Test
  void negative_publicClassWhosePackagePrivateConstructorOnlyMainReaches() {
    helper
        .addSourceLines("server/Server.java", noBug(server("public", "")))
        .addSourceLines("server/Launcher.java", launcher(""))
        .doTest();
  }

  @Test
  void positive_publicClassAndConstructorOtherPackagesMayCall() {
    helper
        .addSourceLines(
            "server/Server.java",
            server("public", "")
                .replace(
                    "  Server(ExecutorService boss) {", "  public Server(ExecutorService boss) {")
                .replace("  static void awaitPort(", "  public static void awaitPort("))
        .addSourceLines("server/Launcher.java", launcher(""))
        .doTest();
  }

  @Test
  void positive_alsoMadeAndCalledByAPublicMethodOfThePackage() {
    helper
        .addSourceLines("server/Server.java", server("", ""))
        .addSourceLines(
            "server/Launcher.java",
            launcher(
                "public static void embed(ExecutorService boss) { launch(boss); }"
                    + " public static void await(ExecutorService boss) {"
                    + " Server.awaitPort(boss); }"))
        .doTest();
  }

  @Test
  void positive_alsoMadeInAThirdFileOnAPoolThread() {
    helper
        .addSourceLines("server/Server.java", server("", ""))
        .addSourceLines("server/Launcher.java", launcher(""))
        .addSourceLines(
            "server/Restarter.java",
            """
            package server;
            import java.util.concurrent.*;
            class Restarter {
              static void restartLater(ExecutorService pool, ExecutorService boss) {
                pool.execute(() -> { new Server(boss); Server.awaitPort(boss); });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_subclassedInThePackage() {
    helper
        .addSourceLines(
            "server/Server.java",
            server("", "").replace("static void awaitPort(", "static void awaitPortUnused("))
        .addSourceLines("server/Launcher.java", launcher("").replace("Server.awaitPort(boss);", ""))
        .addSourceLines(
            "server/TlsServer.java",
            """
            package server;
            import java.util.concurrent.*;
            public class TlsServer extends Server {
              public TlsServer(ExecutorService boss) {
                super(boss);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_madeInAFieldInitializer() {
    helper
        .addSourceLines(
            "server/Server.java",
            server("", "").replace("static void awaitPort(", "static void awaitPortUnused("))
        .addSourceLines(
            "server/Launcher.java",
            launcher("final Server held = new Server(Executors.newSingleThreadExecutor());")
                .replace("Server.awaitPort(boss);", ""))
        .doTest();
  }

  @Test
  void positive_namedByAConstructorReference() {
    helper
        .addSourceLines(
            "server/Server.java",
            server("", "").replace("static void awaitPort(", "static void awaitPortUnused("))
        .addSourceLines(
            "server/Launcher.java",
            launcher(
                    "static java.util.function.Function<ExecutorService, Server> maker() {"
                        + " return Server::new; }")
                .replace("Server.awaitPort(boss);", ""))
        .doTest();
  }

  @Test
  void positive_launcherHandsTheMainThreadOut() {
    helper
        .addSourceLines("server/Server.java", server("", ""))
        .addSourceLines(
            "server/Launcher.java",
            launcher(
                "static volatile Thread owner;"
                    + " static void remember() { owner = Thread.currentThread(); }"))
        .doTest();
  }

  @Test
  void positive_serverFileHandsTheMainThreadOut() {
    helper
        .addSourceLines(
            "server/Server.java",
            server(
                "",
                "static volatile Thread owner;"
                    + " static void remember() { owner = Thread.currentThread(); }"))
        .addSourceLines("server/Launcher.java", launcher(""))
        .doTest();
  }

  /** A class of the package, compiled elsewhere, that does not name the server class. */
  private static final String RECORD =
      """
      package server;
      public class Record {
        private int id;
        public int id() { return id; }
      }
      """;

  /** A class of the package, compiled elsewhere, that makes a server and waits for its port. */
  private static final String RESTARTER =
      """
      package server;
      import java.util.concurrent.*;
      public class Restarter {
        public static void restart(ExecutorService boss) {
          new Server(boss);
          Server.awaitPort(boss);
        }
      }
      """;

  @TempDir static Path work;

  @BeforeAll
  static void compileThePackageElsewhere() throws IOException {
    compile("quiet", Map.of("server/Record.java", RECORD));
    compile(
        "restarter",
        Map.of("server/Server.java", noBug(server("", "")), "server/Restarter.java", RESTARTER));
  }

  private static void compile(String name, Map<String, String> sources) throws IOException {
    ClassFileBases.compileJar(work, name, sources);
  }

  private CompilationTestHelper withClassFiles(String name) {
    return CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .setArgs(
            "-cp", work.resolve(name) + File.pathSeparator + System.getProperty("java.class.path"));
  }

  @Test
  void negative_splitPackageWhoseClassFilesDoNotNameTheServer() {
    withClassFiles("quiet")
        .addSourceLines("server/Server.java", noBug(server("", "")))
        .addSourceLines("server/Launcher.java", launcher(""))
        .doTest();
  }

  @Test
  void positive_aClassFileOfThePackageMakesTheServer() {
    withClassFiles("restarter")
        .addSourceLines("server/Server.java", server("", ""))
        .addSourceLines("server/Launcher.java", launcher(""))
        .doTest();
  }

  @Test
  void positive_mainCalledByAnotherClass() {
    helper
        .addSourceLines("server/Server.java", server("", ""))
        .addSourceLines("server/Launcher.java", launcher(""))
        .addSourceLines(
            "server/Embedder.java",
            """
            package server;
            public class Embedder {
              public void start() {
                Launcher.main(new String[0]);
              }
            }
            """)
        .doTest();
  }
}
