// Scenario: 000-cancel-await (incorrect)
// The same queue, but close() reads the count to report how many downloads it cut short before it
// waits for the running ones: a download still finishing counts itself off after the read, so it is
// reported cut short although it completed, and the number changes while close() acts on it.
package samples.s000_cancel_await;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Downloads run two at a time; {@link #inFlight()} counts those fetched or waiting their turn. */
public final class BrokenDownloadQueue implements AutoCloseable {
  private final ExecutorService downloads = Executors.newFixedThreadPool(2);
  private final AtomicInteger inFlight = new AtomicInteger();

  public void fetch(String url) {
    inFlight.incrementAndGet();
    downloads.execute(
        () -> {
          try {
            System.out.println("fetched " + url);
          } finally {
            inFlight.decrementAndGet();
          }
        });
  }

  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public void close() {
    // BUG: CancelWithoutAwait
    List<Runnable> queued = downloads.shutdownNow();
    System.out.println(
        inFlight.get() + " downloads cut short, " + queued.size() + " never started");
    downloads.close();
  }

  public static void main(String[] args) {
    try (BrokenDownloadQueue queue = new BrokenDownloadQueue()) {
      queue.fetch("https://example.org/a.tar");
      queue.fetch("https://example.org/b.tar");
      queue.fetch("https://example.org/c.tar");
    }
  }
}
