// Scenario: 001-base-exception (incorrect)
// asyncio's CancelledError is a BaseException, so `except Exception` lets it through.
// Java's InterruptedException is an ordinary Exception: the generic catch below, meant for
// gateway failures, also swallows the interrupt of the blocking Future.get().
package samples.s001_base_exception;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Commits payments through a gateway call that runs on a worker pool. */
public final class BrokenPaymentCommitter {
  private final ExecutorService gatewayPool;

  public BrokenPaymentCommitter(ExecutorService gatewayPool) {
    this.gatewayPool = gatewayPool;
  }

  public boolean commit(String paymentId) {
    Future<Boolean> reply = gatewayPool.submit(() -> sendToGateway(paymentId));
    try {
      return reply.get();
      // BUG: SwallowedInterrupt
    } catch (Exception e) {
      System.err.println("payment " + paymentId + " failed: " + e);
      return false;
    }
  }

  private static boolean sendToGateway(String paymentId) {
    return !paymentId.isEmpty();
  }
}
