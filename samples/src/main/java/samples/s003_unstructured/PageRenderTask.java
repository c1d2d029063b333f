// Scenario: 003-unstructured (correct)
// The prefetch runs as an executor Future the render task owns: when the task is interrupted,
// it cancels the prefetch (an executor Future, so cancel(true) really interrupts it) and
// rethrows. On success the prefetch is left to finish: warming the cache is the point.
package samples.s003_unstructured;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Renders one page of a document viewer, prefetching the next page meanwhile. */
public final class PageRenderTask implements Callable<String> {
  /** Loads page text, from disk or the network. */
  public interface PageStore {
    String load(int page);
  }

  private final int page;
  private final PageStore store;
  private final CountDownLatch fontsLoaded;
  private final ExecutorService prefetchPool;

  public PageRenderTask(
      int page, PageStore store, CountDownLatch fontsLoaded, ExecutorService prefetchPool) {
    this.page = page;
    this.store = store;
    this.fontsLoaded = fontsLoaded;
    this.prefetchPool = prefetchPool;
  }

  @Override
  public String call() throws InterruptedException {
    Future<String> prefetch = prefetchPool.submit(() -> store.load(page + 1));
    try {
      fontsLoaded.await();
    } catch (InterruptedException e) {
      prefetch.cancel(true);
      throw e;
    }
    return "<article>" + store.load(page) + "</article>";
  }
}
