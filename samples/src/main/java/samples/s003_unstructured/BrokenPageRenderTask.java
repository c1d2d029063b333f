// Scenario: 003-unstructured (incorrect)
// A Swift `Task {}` created inside a task is unstructured: it does not inherit the parent's
// cancellation and runs to completion. In Java, runAsync (or a new thread) started inside a
// task is the same: when the render task is cancelled while it waits for the fonts, the
// interrupt stops the task, and the prefetch it started keeps loading pages nobody will read.
package samples.s003_unstructured;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/** Renders one page of a document viewer, prefetching the next page meanwhile. */
public final class BrokenPageRenderTask implements Callable<String> {
  /** Loads page text, from disk or the network. */
  public interface PageStore {
    String load(int page);
  }

  private final int page;
  private final PageStore store;
  private final CountDownLatch fontsLoaded;
  private final Executor prefetchPool;

  public BrokenPageRenderTask(
      int page, PageStore store, CountDownLatch fontsLoaded, Executor prefetchPool) {
    this.page = page;
    this.store = store;
    this.fontsLoaded = fontsLoaded;
    this.prefetchPool = prefetchPool;
  }

  @Override
  public String call() throws InterruptedException {
    CompletableFuture<String> prefetch =
        CompletableFuture.supplyAsync(() -> store.load(page + 1), prefetchPool);
    // BUG: OrphanedSubtasks
    fontsLoaded.await();
    String html = "<article>" + store.load(page) + "</article>";
    prefetch.join();
    return html;
  }
}
