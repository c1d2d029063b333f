// Scenario: 002-sleep0-checkpoint (correct)
// The Java form of `await asyncio.sleep(0)`: an interruption check in every round of the spin.
// A request whose pool is shut down, or whose future is cancelled, leaves the spin with
// InterruptedException instead of waiting for a warm-up that may never come. (Thread.sleep(0)
// would be a checkpoint too: it throws InterruptedException when the flag is set.) A request that
// must not spin at all blocks on a latch instead.
package samples.s002_sleep0_checkpoint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** Holds requests back until the product cache has been loaded. */
public final class WarmupGate {
  private final Map<String, String> products = new ConcurrentHashMap<>();
  private final CountDownLatch loaded = new CountDownLatch(1);
  private volatile boolean warm;

  /** Called by the loader thread once the cache is filled. */
  public void warmUp(Map<String, String> entries) {
    products.putAll(entries);
    warm = true;
    loaded.countDown();
  }

  /** Called by latency-critical request threads: spins, but stays cancellable. */
  public String product(String id) throws InterruptedException {
    while (!warm) {
      if (Thread.interrupted()) {
        throw new InterruptedException("gave up waiting for the cache warm-up");
      }
      Thread.onSpinWait();
    }
    return products.get(id);
  }

  /** Called by batch jobs: blocks without spinning; await() is the cancellation point. */
  public String productWhenLoaded(String id) throws InterruptedException {
    loaded.await();
    return products.get(id);
  }
}
