// Scenario: 001-no-swallow (correct)
// Where the interrupt is passed on by the flag rather than by the exception: the writer's retry
// helper restores the flag right before it rethrows, so the public write turns the interrupt into
// an IOException with the flag already set. Its caller learns of both: the write failed, and the
// thread was asked to stop; nothing is carried on as if nobody had asked.
package samples.s001_no_swallow;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Writes metrics to a store that may be down for a while, retrying a few times. */
public final class MetricsWriter {
  private final BooleanSupplier storeUp;
  private final Consumer<String> store;
  private final int retries;
  private final long retryIntervalMillis;

  public MetricsWriter(
      BooleanSupplier storeUp, Consumer<String> store, int retries, long retryIntervalMillis) {
    this.storeUp = storeUp;
    this.store = store;
    this.retries = retries;
    this.retryIntervalMillis = retryIntervalMillis;
  }

  /** Writes one metric, waiting for the store; fails with the flag set when interrupted. */
  public void write(String metric) throws IOException {
    try {
      if (!waitForStore()) {
        throw new IOException("metric store is down");
      }
    } catch (InterruptedException e) {
      // waitForStore() restored the flag before it threw: the caller sees it set.
      throw new IOException("interrupted while waiting for the metric store", e);
    }
    store.accept(metric);
  }

  private boolean waitForStore() throws InterruptedException {
    for (int left = retries; left > 0; left--) {
      if (storeUp.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(retryIntervalMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw e;
      }
    }
    return storeUp.getAsBoolean();
  }
}
