// Scenario: 002-executor-outlives-main (correct)
// The pool lives exactly as long as the work: try-with-resources closes it (JDK 19+), which
// shuts it down and waits for every download before main goes on, so the program exits.
package samples.s002_executor_outlives_main;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Downloads a release from several mirrors on a pool that is closed when they are done. */
public final class MirrorDownloader {
  private MirrorDownloader() {}

  static long download(String mirror) throws InterruptedException {
    Thread.sleep(20);
    return mirror.length() * 1024L;
  }

  public static void main(String[] args) throws Exception {
    List<String> mirrors = List.of("eu.mirror.example", "us.mirror.example", "ap.mirror.example");
    long total = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(mirrors.size())) {
      List<Callable<Long>> downloads = new ArrayList<>();
      for (String mirror : mirrors) {
        downloads.add(() -> download(mirror));
      }
      for (Future<Long> done : pool.invokeAll(downloads)) {
        total += done.get();
      }
    }
    System.out.println("downloaded " + total + " bytes");
  }
}
