// Scenario: 004-taskgroup-vs-gather (incorrect)
// asyncio.gather propagates the first error and lets the other awaitables run on. Java's gather,
// CompletableFuture.allOf(..).join(), cancels none of them either, and does not even fail fast:
// when one shop fails, join() waits until every other shop has computed its quote — for a
// comparison that has already failed — and only then throws.
package samples.s004_taskgroup_vs_gather;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Asks every shop for a price and keeps the cheapest. */
public final class BrokenPriceComparison {
  /** A shop that quotes a price in cents (slow: a remote call). */
  public interface Shop {
    long quote(String product);
  }

  private final Executor quotePool;

  public BrokenPriceComparison(Executor quotePool) {
    this.quotePool = quotePool;
  }

  public long cheapest(String product, List<Shop> shops) {
    List<CompletableFuture<Long>> quotes = new ArrayList<>();
    for (Shop shop : shops) {
      quotes.add(CompletableFuture.supplyAsync(() -> shop.quote(product), quotePool));
    }
    // BUG: OrphanedSubtasks
    CompletableFuture.allOf(quotes.toArray(new CompletableFuture<?>[0])).join();
    return quotes.stream()
        .map(CompletableFuture::join)
        .min(Comparator.naturalOrder())
        .orElseThrow();
  }
}
