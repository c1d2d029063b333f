// Scenario: 002-sleep0-checkpoint (incorrect)
// In asyncio, `while True: await asyncio.sleep(0)` can be cancelled because every round passes a
// checkpoint. This Java spin has no checkpoint: request threads that arrive before the cache is
// warm spin on the flag, and nothing stops them — not shutdownNow() of the server's pool, not
// cancel(true) of a request that timed out. If warm-up fails, they spin forever.
package samples.s002_sleep0_checkpoint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Holds requests back until the product cache has been loaded. */
public final class BrokenWarmupGate {
  private final Map<String, String> products = new ConcurrentHashMap<>();
  private volatile boolean warm;

  /** Called by the loader thread once the cache is filled. */
  public void warmUp(Map<String, String> loaded) {
    products.putAll(loaded);
    warm = true;
  }

  /** Called by every request thread before it reads the cache. */
  public String product(String id) {
    // BUG: LoopWithoutCancellationPoint
    while (!warm) {
      Thread.onSpinWait();
    }
    return products.get(id);
  }
}
