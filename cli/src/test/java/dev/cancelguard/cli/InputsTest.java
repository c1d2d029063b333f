package dev.cancelguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void publishedArtifactFromItsSourcesJar() {
    MainTest.Run run =
        run("-q", "--artifact", "com.google.auto.service:auto-service-annotations:1.1.1");
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(
        run.out().contains("com.google.auto.service:auto-service-annotations:1.1.1 (sources jar)"),
        run.out());
  }

  @Test
  void artifactThatDoesNotResolveIsOneLine() {
    MainTest.Run run = run("-q", "--artifact", "dev.cancelguard.nosuch:nothing:0.0.1");
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(
        run.err()
            .startsWith(
                "cancelguard: artifact dev.cancelguard.nosuch:nothing:0.0.1 did not resolve: "),
        run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }
}
