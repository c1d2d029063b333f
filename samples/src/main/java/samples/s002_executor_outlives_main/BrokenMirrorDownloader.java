// Scenario: 002-executor-outlives-main (incorrect)
// Work started in an executor outlives `main`: asyncio's run_in_executor whose pool is never
// shut down. This downloader fetches from every mirror on a pool and returns the total, and main
// prints it and returns — but the pool is never shut down, its non-daemon threads stay alive,
// and the program never exits.
package samples.s002_executor_outlives_main;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/** Downloads a release from several mirrors in parallel and reports the bytes fetched. */
public final class BrokenMirrorDownloader {
  private BrokenMirrorDownloader() {}

  /** Stands in for an HTTP range download; returns the number of bytes fetched. */
  static long download(String mirror) throws InterruptedException {
    Thread.sleep(20);
    return mirror.length() * 1024L;
  }

  /** Downloads from every mirror at once, on threads made by {@code threads}; returns the bytes. */
  public static long downloadAll(List<String> mirrors, ThreadFactory threads)
      throws InterruptedException, ExecutionException {
    // BUG: ExecutorNeverShutdown
    ExecutorService pool = Executors.newFixedThreadPool(mirrors.size(), threads);
    List<Callable<Long>> downloads = new ArrayList<>();
    for (String mirror : mirrors) {
      downloads.add(() -> download(mirror));
    }
    long total = 0;
    for (Future<Long> done : pool.invokeAll(downloads)) {
      total += done.get();
    }
    return total;
  }

  public static void main(String[] args) throws Exception {
    List<String> mirrors = List.of("eu.mirror.example", "us.mirror.example", "ap.mirror.example");
    long total = downloadAll(mirrors, Executors.defaultThreadFactory());
    System.out.println("downloaded " + total + " bytes");
  }
}
