// Scenario: 004-taskgroup-vs-gather (correct)
// The TaskGroup shape in Java itself: a StructuredTaskScope (a preview API in JDK 21 to 25; this is
// JDK 25's form) opened in try-with-resources. When one shop fails, the default joiner cancels the
// scope, which interrupts the shops still quoting, and join() throws at once; when the thread is
// interrupted, join() throws. Either way, leaving the block closes the scope, which cancels what
// still runs and waits for it to end before the exception goes on.
package samples.s004_taskgroup_vs_gather;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;

/** Asks every shop for a price and keeps the cheapest. */
public final class ScopedPriceComparison {
  /** A shop that quotes a price in cents (slow: a remote call). */
  public interface Shop {
    long quote(String product) throws Exception;
  }

  public long cheapest(String product, List<Shop> shops) throws InterruptedException {
    try (var scope = StructuredTaskScope.<Long>open()) {
      List<Subtask<Long>> quotes = new ArrayList<>();
      for (Shop shop : shops) {
        quotes.add(scope.fork(() -> shop.quote(product)));
      }
      scope.join();
      long best = Long.MAX_VALUE;
      for (Subtask<Long> quote : quotes) {
        best = Math.min(best, quote.get());
      }
      return best;
    }
  }
}
