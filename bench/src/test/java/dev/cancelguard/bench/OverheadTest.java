package dev.cancelguard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs end to end on a tiny library (one round): it cannot rot unnoticed. */
class OverheadTest {
  @TempDir Path dir;

  @Test
  void measuresTheThreeConfigurationsAndEachCheck() throws Exception {
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
    // This test JVM has Error Prone and the plugin on its classpath; the harness must not, so it
    // runs in a child JVM with only its own classes, and gets them as processor paths.
    List<String> errorProne = new ArrayList<>();
    List<String> plugin = new ArrayList<>();
    String harness = null;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("junit")
          || entry.contains("opentest4j")
          || entry.contains("apiguardian")) {
        continue;
      }
      if (entry.endsWith("bench/target/classes")) {
        harness = entry;
      } else if (entry.contains("checker/target/classes") || entry.contains("cancelguard-0")) {
        plugin.add(entry);
      } else if (!entry.endsWith("test-classes")) {
        errorProne.add(entry);
      }
    }
    assertEquals(1, plugin.size(), "the plugin on the test classpath: " + plugin);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
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
    command.addAll(
        List.of(
            "-cp",
            harness,
            Overhead.class.getName(),
            "--errorprone-path",
            String.join(File.pathSeparator, errorProne),
            "--plugin",
            plugin.getFirst(),
            "--rounds",
            "1",
            "--warmup",
            "0",
            "--checks",
            "SwallowedInterrupt",
            "--per-check",
            library.toString()));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertEquals(0, process.waitFor(), out);
    List<String> rows =
        out.lines().filter(l -> l.startsWith("| tiny | 1 |")).collect(Collectors.toList());
    assertEquals(1, rows.size(), out);
    assertTrue(out.contains("| **all** |"), out);
    assertTrue(out.contains("| SwallowedInterrupt | "), out);
    assertTrue(out.contains("Medians of 1 rounds after 0 warm-up round(s)"), out);
    assertTrue(out.contains("(cold mode;"), out);
  }
}
