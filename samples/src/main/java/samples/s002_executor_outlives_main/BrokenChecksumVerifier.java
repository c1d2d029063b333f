// Scenario: 002-executor-outlives-main (incorrect)
// The pool is shut down, but only on the happy path: when one file cannot be read, get() throws
// its ExecutionException past the shutdown() at the end. Every failed verification leaves a pool
// of idle non-daemon threads behind; the release tool that calls verify() in a loop gathers one
// pool per bad file, and the JVM cannot exit when main returns.
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
public final class BrokenChecksumVerifier {
  private BrokenChecksumVerifier() {}

  /** The CRC-32 of each file, in order; fails if any file cannot be read. */
  public static List<String> checksums(List<Path> files)
      throws InterruptedException, ExecutionException {
    // BUG: ExecutorNeverShutdown
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<String>> jobs = new ArrayList<>();
    for (Path file : files) {
      jobs.add(() -> crc32(file));
    }
    List<String> sums = new ArrayList<>();
    for (Future<String> done : pool.invokeAll(jobs)) {
      sums.add(done.get());
    }
    pool.shutdown();
    return sums;
  }

  static String crc32(Path file) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(Files.readAllBytes(file));
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }
}
