// Scenario: 004-wait-for-not-loop (correct)
// wait_for in Java: Future.get(timeout, unit) waits exactly as long as needed, and the
// TimeoutException handler cancels the request, because get() itself does not. An interrupt
// while waiting cancels it too, and is passed on.
package samples.s004_wait_for_not_loop;

import java.math.BigDecimal;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Prices an order with a quote from a remote pricing service, or the last known price. */
public final class QuoteService {
  private static final long TIMEOUT_MILLIS = 200;

  private final ExecutorService remoteCalls;
  private volatile BigDecimal lastKnownPrice = BigDecimal.TEN;

  public QuoteService(ExecutorService remoteCalls) {
    this.remoteCalls = remoteCalls;
  }

  public BigDecimal price(String symbol) throws InterruptedException {
    Future<BigDecimal> reply = remoteCalls.submit(() -> requestQuote(symbol));
    try {
      lastKnownPrice = reply.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      return lastKnownPrice;
    } catch (TimeoutException e) {
      reply.cancel(true);
      return lastKnownPrice;
    } catch (ExecutionException e) {
      return lastKnownPrice;
    } catch (InterruptedException e) {
      reply.cancel(true);
      throw e;
    }
  }

  private static BigDecimal requestQuote(String symbol) throws InterruptedException {
    Thread.sleep(50 + Math.abs(symbol.hashCode() % 300)); // the remote call
    return new BigDecimal("101.25");
  }
}
