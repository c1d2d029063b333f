package dev.cancelguard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs end to end on a tiny library (one round): it cannot rot unnoticed. */
class OverheadTest {
  @TempDir Path dir;

  @Test
  void coldModeMeasuresTheThreeConfigurations() throws Exception {
    Harness harness = harness();
    List<String> command = harness.java();
    command.addAll(
        List.of(
            "-cp",
            harness.classes(),
            Overhead.class.getName(),
            "--errorprone-path",
            String.join(File.pathSeparator, harness.errorProne()),
            "--plugin",
            harness.plugin(),
            "--rounds",
            "1",
            "--warmup",
            "0",
            "--checks",
            "SwallowedInterrupt",
            tinyLibrary().toString()));
    String out = run(command);
    assertEquals(1, out.lines().filter(l -> l.startsWith("| tiny | 1 |")).count(), out);
    assertTrue(out.contains("| **all** |"), out);
    assertTrue(out.contains("Medians of 1 rounds after 0 warm-up round(s)"), out);
    assertTrue(out.contains("(cold mode;"), out);
  }

  @Test
  void warmModeReadsEachChecksTimeFromErrorPronesTimer() throws Exception {
    Harness harness = harness();
    List<String> classpath = new ArrayList<>(List.of(harness.classes()));
    classpath.addAll(harness.errorProne());
    classpath.add(harness.plugin());
    List<String> command = harness.java();
    command.addAll(
        List.of(
            "-cp",
            String.join(File.pathSeparator, classpath),
            Overhead.class.getName(),
            "--mode",
            "warm",
            "--rounds",
            "1",
            "--warmup",
            "0",
            "--checks",
            "SwallowedInterrupt,LoopWithoutCancellationPoint",
            "--per-check",
            tinyLibrary().toString()));
    String out = run(command);
    assertEquals(1, out.lines().filter(l -> l.startsWith("| tiny | 1 |")).count(), out);
    assertTrue(out.contains("(warm mode;"), out);
    // Each named check has a row with a time, and Error Prone's own checks were timed too.
    assertTrue(out.lines().anyMatch(l -> l.matches("\\| SwallowedInterrupt \\| \\d+ \\|")), out);
    assertTrue(
        out.lines().anyMatch(l -> l.matches("\\| LoopWithoutCancellationPoint \\| \\d+ \\|")), out);
    assertTrue(
        out.lines()
            .anyMatch(
                l -> l.matches("\\| \\(all of Error Prone's own checks that ran\\) \\| \\d+ \\|")),
        out);
  }

  @Test
  void perCheckTimesNeedWarmMode() throws Exception {
    Harness harness = harness();
    List<String> command = harness.java();
    command.addAll(
        List.of(
            "-cp",
            harness.classes(),
            Overhead.class.getName(),
            "--errorprone-path",
            String.join(File.pathSeparator, harness.errorProne()),
            "--plugin",
            harness.plugin(),
            "--checks",
            "SwallowedInterrupt",
            "--per-check",
            tinyLibrary().toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertEquals(2, process.waitFor(), out);
    assertTrue(out.startsWith("usage: Overhead"), out);
  }

  /** The harness's classes, Error Prone's classpath and the plugin, from this test's classpath. */
  record Harness(String classes, List<String> errorProne, String plugin) {
    List<String> java() {
      List<String> command =
          new ArrayList<>(
              List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      for (String pkg :
          List.of(
              "api",
              "code",
              "comp",
              "file",
              "main",
              "model",
              "parser",
              "processing",
              "tree",
              "util")) {
        command.add("--add-exports=jdk.compiler/com.sun.tools.javac." + pkg + "=ALL-UNNAMED");
      }
      command.add("--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED");
      command.add("--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED");
      return command;
    }
  }

  /**
   * This test JVM has Error Prone and the plugin on its classpath; the harness runs in a child JVM
   * and gets them as processor paths (cold) or on its classpath (warm).
   */
  private static Harness harness() {
    List<String> errorProne = new ArrayList<>();
    List<String> plugin = new ArrayList<>();
    String classes = null;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("junit")
          || entry.contains("opentest4j")
          || entry.contains("apiguardian")) {
        continue;
      }
      if (entry.endsWith("bench/target/classes")) {
        classes = entry;
      } else if (entry.contains("checker/target/classes") || entry.contains("cancelguard-0")) {
        plugin.add(entry);
      } else if (!entry.endsWith("test-classes")) {
        errorProne.add(entry);
      }
    }
    assertEquals(1, plugin.size(), "the plugin on the test classpath: " + plugin);
    return new Harness(classes, errorProne, plugin.getFirst());
  }

  private Path tinyLibrary() throws Exception {
    Path library = dir.resolve("tiny");
    Files.createDirectories(library.resolve("src/demo"));
    Files.writeString(
        library.resolve("src/demo/Poller.java"),
        """
        package demo;

        public class Poller {
          public void pause() {
            try {
              Thread.sleep(1);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """,
        UTF_8);
    return library;
  }

  private static String run(List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertEquals(0, process.waitFor(), out);
    return out;
  }
}
