// Scenario: 001-base-exception (incorrect)
// asyncio's CancelledError is a BaseException, so `except Exception` lets it through.
// Java's InterruptedException is an ordinary Exception: the generic catch below, meant for
// gateway failures, also swallows the interrupt of the blocking Future.get(): commit() reports
// the payment as failed, its caller never learns it was interrupted, and the charge it started
// still goes through.
package samples.s001_base_exception;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Commits payments through a gateway call that runs on a worker pool. */
public final class BrokenPaymentCommitter {
  /** The payment provider's API: charges a payment, over the network. */
  public interface PaymentGateway {
    boolean charge(String paymentId) throws Exception;
  }

  private final ExecutorService gatewayPool;
  private final PaymentGateway gateway;

  public BrokenPaymentCommitter(ExecutorService gatewayPool, PaymentGateway gateway) {
    this.gatewayPool = gatewayPool;
    this.gateway = gateway;
  }

  public boolean commit(String paymentId) {
    Future<Boolean> reply = gatewayPool.submit(() -> gateway.charge(paymentId));
    try {
      return reply.get();
      // BUG: SwallowedInterrupt
    } catch (Exception e) {
      System.err.println("payment " + paymentId + " failed: " + e);
      return false;
    }
  }
}
