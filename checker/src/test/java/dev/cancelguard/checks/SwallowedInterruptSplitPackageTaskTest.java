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
 * The {@code run()} of a package-private task class made in its file and given only to a local pool
 * that is only ever {@code shutdown()}, in a package some of whose classes come from class files (a
 * package split across jars): no class file of the package spells the task class's name, so only
 * this file makes its instances. Must-flag neighbours: a class file of the package that makes the
 * task class, a task class with no class files in its package made by another source file, and the
 * pool shut down with {@code shutdownNow()}.
 */
class SwallowedInterruptSplitPackageTaskTest {
  private static final String FLAGGED = "// BUG: Diagnostic contains: swallows it";

  /** The owner of the task class; {@code stop} is how the pool is stopped. */
  private static String owner(String stop, String marker) {
    return """
        package app;
        import java.util.List;
        import java.util.concurrent.CountDownLatch;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        public class Owner {
          public void connect(List<String> addresses) throws InterruptedException {
            CountDownLatch latch = new CountDownLatch(addresses.size());
            ExecutorService executor = Executors.newFixedThreadPool(addresses.size());
            try {
              addresses.stream().map(a -> new Connector(a, latch)).forEach(executor::submit);
              latch.await();
            } finally {
              executor.%s();
            }
          }

          class Connector implements Runnable {
            private final String address;
            private final CountDownLatch latch;

            Connector(String address, CountDownLatch latch) {
              this.address = address;
              this.latch = latch;
            }

            @Override
            public void run() {
              try {
                Thread.sleep(100);
                System.out.println(address);
              %s
              } catch (InterruptedException e) {
                System.err.println("interrupted");
              } finally {
                latch.countDown();
              }
            }
          }
        }
        """
        .formatted(stop, marker);
  }

  /** A class of the package that does not name the task class (a generated record). */
  private static final String RECORD =
      """
      package app;
      public class Record {
        private int id;
        public int id() { return id; }
      }
      """;

  /** A class of the package that makes the task class itself. */
  private static final String MAKER =
      """
      package app;
      class Maker {
        Runnable make() {
          return new Owner().new Connector("a", new java.util.concurrent.CountDownLatch(1));
        }
      }
      """;

  @TempDir static Path work;

  @BeforeAll
  static void compileThePackageElsewhere() throws IOException {
    // The library's own jar beside its sources: Owner's class files, with a class of the package
    // compiled only there.
    compile("quiet", Map.of("app/Owner.java", owner("shutdown", ""), "app/Record.java", RECORD));
    compile("maker", Map.of("app/Owner.java", owner("shutdown", ""), "app/Maker.java", MAKER));
  }

  private static void compile(String name, Map<String, String> sources) throws IOException {
    ClassFileBases.compileJar(work, name, sources);
  }

  private static CompilationTestHelper withClassFiles(String name) {
    return CompilationTestHelper.newInstance(
            SwallowedInterrupt.class, SwallowedInterruptSplitPackageTaskTest.class)
        .setArgs(
            "-cp", work.resolve(name) + File.pathSeparator + System.getProperty("java.class.path"));
  }

  @Test
  void negative_noClassFileOfThePackageNamesTheTaskClass() {
    withClassFiles("quiet").addSourceLines("app/Owner.java", owner("shutdown", "")).doTest();
  }

  @Test
  void positive_aClassFileOfThePackageMakesTheTaskClass() {
    withClassFiles("maker").addSourceLines("app/Owner.java", owner("shutdown", FLAGGED)).doTest();
  }

  @Test
  void positive_poolShutDownNowInASplitPackage() {
    withClassFiles("quiet")
        .addSourceLines("app/Owner.java", owner("shutdownNow", FLAGGED))
        .doTest();
  }

  @Test
  void positive_anotherSourceFileOfThePackageMakesTheTaskClass() {
    withClassFiles("quiet")
        .addSourceLines("app/Owner.java", owner("shutdown", FLAGGED))
        .addSourceLines("app/Maker.java", MAKER)
        .doTest();
  }

  @Test
  void negative_wholePackageFromSource() {
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addSourceLines("app/Owner.java", owner("shutdown", ""))
        .addSourceLines("app/Record.java", RECORD)
        .doTest();
  }
}
