// Scenario: 004-wait-for-not-loop (incorrect)
// asyncio advises against a hand-written `while` loop that checks the clock and cancels: use
// wait_for. The Java version of that loop polls future.isDone() against currentTimeMillis(): it
// wakes up every 25 ms for nothing, notices the reply up to 25 ms late, and every way out of it
// has to remember to cancel the request by hand.
package samples.s004_wait_for_not_loop;

import java.math.BigDecimal;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Prices an order with a quote from a remote pricing service, or the last known price. */
public final class BrokenQuoteService {
  private static final long TIMEOUT_MILLIS = 200;

  private final ExecutorService remoteCalls;
  private volatile BigDecimal lastKnownPrice = BigDecimal.TEN;

  public BrokenQuoteService(ExecutorService remoteCalls) {
    this.remoteCalls = remoteCalls;
  }

  public BigDecimal price(String symbol) throws InterruptedException {
    Future<BigDecimal> reply = remoteCalls.submit(() -> requestQuote(symbol));
    try {
      long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
      // BUG: LoopWithoutCancellationPoint
      while (!reply.isDone() && System.currentTimeMillis() < deadline) {
        Thread.sleep(25);
      }
    } catch (InterruptedException e) {
      reply.cancel(true);
      throw e;
    }
    if (reply.state() != Future.State.SUCCESS) {
      reply.cancel(true);
      return lastKnownPrice;
    }
    lastKnownPrice = reply.resultNow();
    return lastKnownPrice;
  }

  private static BigDecimal requestQuote(String symbol) throws InterruptedException {
    Thread.sleep(50 + Math.abs(symbol.hashCode() % 300)); // the remote call
    return new BigDecimal("101.25");
  }
}
