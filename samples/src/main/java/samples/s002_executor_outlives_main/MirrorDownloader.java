// Scenario: 002-executor-outlives-main (correct)
// The pool lives exactly as long as the work: try-with-resources closes it (JDK 19+), which
// shuts it down and waits for every download before the total is returned, so the program exits.
package samples.s002_executor_outlives_main;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/** Downloads a release from several mirrors on a pool that is closed when they are done. */
public final class MirrorDownloader {
  private MirrorDownloader() {}

  static long download(String mirror) throws InterruptedException {
    Thread.sleep(20);
    return mirror.length() * 1024L;
  }

  /** Downloads from every mirror at once, on threads made by {@code threads}; returns the bytes. */
  public static long downloadAll(List<String> mirrors, ThreadFactory threads)
      throws InterruptedException, ExecutionException {
    long total = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(mirrors.size(), threads)) {
      List<Callable<Long>> downloads = new ArrayList<>();
      for (String mirror : mirrors) {
        downloads.add(() -> download(mirror));
      }
      for (Future<Long> done : pool.invokeAll(downloads)) {
        total += done.get();
      }
    }
    return total;
  }

  public static void main(String[] args) throws Exception {
    List<String> mirrors = List.of("eu.mirror.example", "us.mirror.example", "ap.mirror.example");
    long total = downloadAll(mirrors, Executors.defaultThreadFactory());
    System.out.println("downloaded " + total + " bytes");
  }
}
