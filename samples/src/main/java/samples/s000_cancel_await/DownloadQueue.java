// Scenario: 000-cancel-await (correct)
// A queue of downloads whose close() drops the ones still queued and counts them off at once,
// before it waits for the running ones. Each running download counts itself off when it ends; two
// additions to one atomic count each land whole and read nothing of the other, so the count comes
// out the same whichever runs first, as it would had close() waited before counting.
package samples.s000_cancel_await;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Downloads run two at a time; {@link #inFlight()} counts those fetched or waiting their turn. */
public final class DownloadQueue implements AutoCloseable {
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
    List<Runnable> queued = downloads.shutdownNow();
    inFlight.addAndGet(-queued.size());
    downloads.close();
    System.out.println(inFlight() + " downloads in flight after close");
  }

  public static void main(String[] args) {
    try (DownloadQueue queue = new DownloadQueue()) {
      queue.fetch("https://example.org/a.tar");
      queue.fetch("https://example.org/b.tar");
      queue.fetch("https://example.org/c.tar");
    }
  }
}
