// Scenario: 002-executor-outlives-main (incorrect)
// The other half of the lesson: the loop must not close while executor work still runs.
// Here the compressors are shut down — which only stops new work — and the try block ends,
// closing the zip archive while entries are still being written into it.
package samples.s002_executor_outlives_main;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Compresses log files into one archive on a pool of compressors. */
public final class BrokenLogArchiver {
  private BrokenLogArchiver() {}

  /** Writes one zip entry per log into {@code target}, and closes it. */
  public static void archive(List<String> logNames, OutputStream target) throws IOException {
    ExecutorService compressors = Executors.newFixedThreadPool(4);
    try (ZipOutputStream zip = new ZipOutputStream(target)) {
      for (String name : logNames) {
        compressors.execute(() -> addEntry(zip, name));
      }
      // BUG: CancelWithoutAwait
      compressors.shutdown();
    }
  }

  private static void addEntry(ZipOutputStream zip, String name) {
    byte[] content = ("log lines of " + name + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (zip) {
      try {
        zip.putNextEntry(new ZipEntry(name));
        OutputStream entry = zip;
        entry.write(content);
        zip.closeEntry();
      } catch (IOException e) {
        System.err.println("could not archive " + name + ": " + e);
      }
    }
  }

  public static void main(String[] args) throws IOException {
    Path target = Files.createTempFile("logs", ".zip");
    archive(List.of("app.log", "gc.log", "access.log"), Files.newOutputStream(target));
    System.out.println("archived into " + target);
  }
}
