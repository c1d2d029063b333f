// Scenario: 001-base-exception (correct)
// The interrupt is caught on its own, before the generic handler, and passed on.
package samples.s001_base_exception;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Commits payments through a gateway call that runs on a worker pool. */
public final class PaymentCommitter {
  /** The payment provider's API: charges a payment, over the network. */
  public interface PaymentGateway {
    boolean charge(String paymentId) throws Exception;
  }

  private final ExecutorService gatewayPool;
  private final PaymentGateway gateway;

  public PaymentCommitter(ExecutorService gatewayPool, PaymentGateway gateway) {
    this.gatewayPool = gatewayPool;
    this.gateway = gateway;
  }

  public boolean commit(String paymentId) throws InterruptedException {
    Future<Boolean> reply = gatewayPool.submit(() -> gateway.charge(paymentId));
    try {
      return reply.get();
    } catch (InterruptedException e) {
      reply.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      System.err.println("payment " + paymentId + " failed: " + e.getCause());
      return false;
    }
  }
}
