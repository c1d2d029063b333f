// Scenario: 002-executor-outlives-main (correct)
// try-with-resources owns the pool on every path: close() shuts it down and waits for it whether
// the checksums come back or a file fails, so no verification leaves threads behind.
package samples.s002_executor_outlives_main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/** Computes the checksums of a release's files in parallel. */
public final class ChecksumVerifier {
  private ChecksumVerifier() {}

  /** The CRC-32 of each file, in order; fails if any file cannot be read. */
  public static List<String> checksums(List<Path> files)
      throws InterruptedException, ExecutionException {
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Callable<String>> jobs = new ArrayList<>();
      for (Path file : files) {
        jobs.add(() -> crc32(file));
      }
      List<String> sums = new ArrayList<>();
      for (Future<String> done : pool.invokeAll(jobs)) {
        sums.add(done.get());
      }
      return sums;
    }
  }

  static String crc32(Path file) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(Files.readAllBytes(file));
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }
}
