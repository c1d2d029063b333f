package dev.cancelguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Maven project and published-artifact inputs; these run Maven itself. */
class InputsTest {
  @TempDir Path dir;

  private static MainTest.Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new MainTest.Run(exit, out.toString(UTF_8), err.toString(UTF_8));
  }

  private void write(String relative, String content) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, UTF_8);
  }

  private static String pom(String artifactId, String packaging, String body) {
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>demo</groupId>
          <artifactId>%s</artifactId>
          <version>1.0</version>
          <packaging>%s</packaging>
          %s
        </project>
        """
        .formatted(artifactId, packaging, body);
  }

  private static final String SWALLOWING_WORKER =
      """
      package demo;
      public class Worker {
        public void pause() {
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
          }
        }
      }
      """;

  @Test
  void sourcesJarCopiesOfAFileAtALongerPathAreLeftOut() throws Exception {
    // An artifact's work folder as --artifact leaves it, so no Maven run is needed: the same class
    // shipped twice (a copied tree) and once more for a multi-release jar's other release.
    write("work/src/demo/Worker.java", SWALLOWING_WORKER);
    write("work/src/java/demo/Worker.java", SWALLOWING_WORKER);
    write("work/src/META-INF/versions/21/demo/Worker.java", SWALLOWING_WORKER);
    write("work/src/demo/Other.java", "package demo; class Other {}");
    write("work/classpath.txt", "");

    MainTest.Run result =
        run("--artifact", "demo:worker:1.0", "--work", dir.resolve("work").toString(), "-q");

    assertEquals(1, result.exit(), result.err());
    assertEquals(1, result.out().lines().filter(l -> l.contains("[SwallowedInterrupt]")).count());
    assertTrue(result.out().contains("demo/Worker.java:6:7"), result.out());
    assertTrue(
        result
            .err()
            .contains(
                "cancelguard: 2 files of the sources jar repeat one it has at a shorter path"
                    + " (first: META-INF/versions/21/demo/Worker.java;"),
        result.err());
    assertTrue(!result.err().contains("javac reported"), result.err());
    assertTrue(!result.err().contains("could not analyse"), result.err());
  }

  @Test
  void sourcesJarFilesThatOnlyShareAName() throws Exception {
    // Neighbour: same file name in other packages is not a copy.
    write("work/src/demo/Worker.java", SWALLOWING_WORKER);
    write(
        "work/src/demo/impl/Worker.java",
        SWALLOWING_WORKER.replace("package demo;", "package demo.impl;"));
    write("work/classpath.txt", "");

    MainTest.Run result =
        run("--artifact", "demo:worker:1.0", "--work", dir.resolve("work").toString(), "-q");

    assertEquals(1, result.exit(), result.err());
    assertEquals(2, result.out().lines().filter(l -> l.contains("[SwallowedInterrupt]")).count());
    assertTrue(!result.err().contains("repeat one"), result.err());
  }

  private static final String JAVA_8_WORKER =
      """
      package demo;
      import java.io.Closeable;
      import java.io.IOException;
      import java.util.concurrent.ExecutorService;
      public class Worker {
        void yield(int times) {}
        void step() {
          yield(1);
        }
        public void end(ExecutorService pool, Closeable db) throws IOException {
          pool.execute(() -> System.out.println(db));
          pool.shutdown();
          db.close();
        }
      }
      """;

  /** A work folder as --artifact leaves it, whose own jar's classes have this major version. */
  private void artifactCompiledAs(int classFileMajor) throws Exception {
    write("work/src/demo/Worker.java", JAVA_8_WORKER);
    Path jar = dir.resolve("repo/worker-1.0.jar");
    Files.createDirectories(jar.getParent());
    try (java.util.zip.ZipOutputStream zip =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("demo/Compiled.class"));
      // The class file header: magic, minor version 0, major version.
      zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0});
      zip.write(classFileMajor);
      zip.closeEntry();
    }
    write("work/classpath.txt", jar.toString());
  }

  @Test
  void artifactCompiledForJava8IsCompiledAtThatLanguageLevel() throws Exception {
    artifactCompiledAs(52);

    MainTest.Run result =
        run("--artifact", "demo:worker:1.0", "--work", dir.resolve("work").toString(), "-q");

    assertEquals(1, result.exit(), result.err());
    // `yield(1)` is a method call before Java 14, and ExecutorService.close() came in Java 19.
    assertTrue(!result.err().contains("javac reported"), result.err());
    assertTrue(result.out().contains("[CancelWithoutAwait]"), result.out());
    assertTrue(result.out().contains("pool.awaitTermination("), result.out());
    assertTrue(!result.out().contains("pool.close()"), result.out());
  }

  @Test
  void artifactCompiledForThisJdkIsCompiledAtItsDefaultLevel() throws Exception {
    artifactCompiledAs(javax.lang.model.SourceVersion.latest().ordinal() + 44);

    MainTest.Run result =
        run("--artifact", "demo:worker:1.0", "--work", dir.resolve("work").toString(), "-q");

    assertTrue(result.err().contains("javac reported 1 error"), result.err());
    assertTrue(result.out().contains("pool.close()"), result.out());
  }

  @Test
  void multiModuleMavenProjectWithADependencyBetweenModules() throws Exception {
    write(
        "pom.xml",
        pom("parent", "pom", "<modules><module>api</module><module>app</module></modules>"));
    write(
        "api/pom.xml",
        pom(
            "api",
            "jar",
            "<parent><groupId>demo</groupId><artifactId>parent</artifactId><version>1.0</version></parent>"));
    write(
        "api/src/main/java/demo/api/Clock.java",
        "package demo.api; public interface Clock { void tick() throws InterruptedException; }");
    write(
        "app/pom.xml",
        pom(
            "app",
            "jar",
            """
            <parent><groupId>demo</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
            <dependencies>
              <dependency><groupId>demo</groupId><artifactId>api</artifactId><version>1.0</version></dependency>
            </dependencies>
            """));
    write(
        "app/src/main/java/demo/app/Ticker.java",
        """
        package demo.app;

        import demo.api.Clock;

        public class Ticker {
          public void run(Clock clock) {
            try {
              clock.tick();
            } catch (InterruptedException e) {
              System.out.println("stopped");
            }
          }
        }
        """);
    MainTest.Run run = run("-q", dir.toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(
        run.out()
            .contains("app/src/main/java/demo/app/Ticker.java:9:7: warning: [SwallowedInterrupt]"),
        run.out());
    assertTrue(run.out().contains("(3 Maven modules), 2 files"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void aModuleWhoseClasspathDoesNotResolveIsAnalysedWithTheRestAndNothingIsWrittenInTheTree()
      throws Exception {
    write(
        "pom.xml",
        pom("parent", "pom", "<modules><module>broken</module><module>app</module></modules>"));
    write(
        "broken/pom.xml",
        pom(
            "broken",
            "jar",
            """
            <parent><groupId>demo</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
            <dependencies>
              <dependency><groupId>dev.cancelguard.nosuch</groupId><artifactId>nothing</artifactId><version>0.0.1</version></dependency>
            </dependencies>
            """));
    write(
        "broken/src/main/java/demo/broken/Sleeper.java",
        """
        package demo.broken;

        public class Sleeper {
          public void nap() {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
            }
          }
        }
        """);
    write(
        "app/pom.xml",
        pom(
            "app",
            "jar",
            "<parent><groupId>demo</groupId><artifactId>parent</artifactId><version>1.0</version></parent>"));
    write(
        "app/src/main/java/demo/app/Ticker.java",
        """
        package demo.app;

        public class Ticker {
          public void run() {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              System.out.println("stopped");
            }
          }
        }
        """);
    MainTest.Run run = run("-q", dir.toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(
        run.out()
            .contains("app/src/main/java/demo/app/Ticker.java:7:7: warning: [SwallowedInterrupt]"),
        run.out());
    assertTrue(
        run.out()
            .contains(
                "broken/src/main/java/demo/broken/Sleeper.java:7:7: warning: [SwallowedInterrupt]"),
        run.out());
    assertTrue(
        run.err()
            .startsWith(
                "cancelguard: a module's classpath did not resolve; its sources are analysed with"
                    + " what did: Failed to execute goal on project broken: Could not resolve"
                    + " dependencies for project demo:broken:jar:1.0"),
        run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    try (var files = java.nio.file.Files.walk(dir)) {
      assertEquals(
          List.of(),
          files.filter(f -> f.getFileName().toString().contains("cancelguard")).toList());
    }
  }

  @Test
  void publishedArtifactFromItsSourcesJar() {
    MainTest.Run run =
        run("-q", "--artifact", "com.google.auto.service:auto-service-annotations:1.1.1");
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(
        run.out().contains("com.google.auto.service:auto-service-annotations:1.1.1 (sources jar)"),
        run.out());
  }

  @Test
  void artifactThatDoesNotResolveIsOneLineAfterTheLineSayingMavenIsResolvingIt() {
    MainTest.Run run = run("--artifact", "dev.cancelguard.nosuch:nothing:0.0.1");
    assertEquals(2, run.exit(), run.out() + run.err());
    List<String> lines = run.err().lines().toList();
    assertEquals(2, lines.size(), run.err());
    assertEquals(
        "cancelguard: resolving dev.cancelguard.nosuch:nothing:0.0.1 and its dependencies with"
            + " Maven...",
        lines.get(0));
    assertTrue(
        lines
            .get(1)
            .startsWith(
                "cancelguard: artifact dev.cancelguard.nosuch:nothing:0.0.1 did not resolve: "),
        run.err());
  }
}
