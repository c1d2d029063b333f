// Scenario: 004-taskgroup-vs-gather (incorrect)
// A task group used like gather: the StructuredTaskScope is kept in a plain local and closed at
// the end of the happy path. If the thread is interrupted while join() waits, join() throws and the
// method leaves with the scope still open: nothing cancels it, so the shops still quoting are not
// interrupted, nobody waits for them, and they run on for a comparison that was abandoned (the
// scope stays open until this thread ends).
package samples.s004_taskgroup_vs_gather;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Subtask;

/** Asks every shop for a price and keeps the cheapest. */
public final class BrokenScopedPriceComparison {
  /** A shop that quotes a price in cents (slow: a remote call). */
  public interface Shop {
    long quote(String product) throws Exception;
  }

  public long cheapest(String product, List<Shop> shops) throws InterruptedException {
    // BUG: TaskScopeNotClosed
    var scope = StructuredTaskScope.<Long>open();
    List<Subtask<Long>> quotes = new ArrayList<>();
    for (Shop shop : shops) {
      quotes.add(scope.fork(() -> shop.quote(product)));
    }
    scope.join();
    scope.close();
    long best = Long.MAX_VALUE;
    for (Subtask<Long> quote : quotes) {
      best = Math.min(best, quote.get());
    }
    return best;
  }
}
