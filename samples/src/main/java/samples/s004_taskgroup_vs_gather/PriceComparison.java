// Scenario: 004-taskgroup-vs-gather (correct)
// The TaskGroup shape: the quotes run as executor Futures, and whatever way the method ends,
// the finally cancels the ones still running before the exception (or the result) leaves.
// Executor Futures are used rather than CompletableFutures because cancel(true) on them
// really interrupts the running quote.
package samples.s004_taskgroup_vs_gather;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Asks every shop for a price and keeps the cheapest. */
public final class PriceComparison {
  /** A shop that quotes a price in cents (slow: a remote call). */
  public interface Shop {
    long quote(String product);
  }

  private final ExecutorService quotePool;

  public PriceComparison(ExecutorService quotePool) {
    this.quotePool = quotePool;
  }

  public long cheapest(String product, List<Shop> shops)
      throws InterruptedException, ExecutionException {
    List<Future<Long>> quotes = new ArrayList<>();
    for (Shop shop : shops) {
      quotes.add(quotePool.submit(() -> shop.quote(product)));
    }
    try {
      long best = Long.MAX_VALUE;
      for (Future<Long> quote : quotes) {
        best = Math.min(best, quote.get());
      }
      return best;
    } finally {
      for (Future<Long> quote : quotes) {
        quote.cancel(true);
      }
    }
  }
}
