// Scenario: 001-shield (incorrect)
// asyncio.shield keeps a critical commit from being cancelled by the caller's timeout, but the
// shielded task still needs an owner that waits for it. Here the commit is "shielded" by simply
// not cancelling it when the request's deadline passes, and then nobody waits for it: whether
// the payment went through, or failed, is never learned; the client is told "pending" forever.
package samples.s001_shield;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Commits a payment through the gateway on a dedicated pool, answering within the deadline. */
public final class BrokenPaymentCommit {
  /** The bank's side of a commit: returns the receipt id. */
  public interface Gateway {
    String commit(String paymentId, long cents) throws Exception;
  }

  /** What the client is told. */
  public record Status(String paymentId, String state, String receipt) {}

  private static final Duration QUICK_ANSWER = Duration.ofSeconds(2);

  private final ExecutorService commits;
  private final Gateway gateway;
  private final Duration quickAnswer;

  public BrokenPaymentCommit(ExecutorService commits, Gateway gateway) {
    this(commits, gateway, QUICK_ANSWER);
  }

  /** {@code quickAnswer}: how long the client may be kept waiting for the receipt. */
  public BrokenPaymentCommit(ExecutorService commits, Gateway gateway, Duration quickAnswer) {
    this.commits = commits;
    this.gateway = gateway;
    this.quickAnswer = quickAnswer;
  }

  public Status commit(String paymentId, long cents) throws InterruptedException {
    Future<String> receipt = commits.submit(() -> gateway.commit(paymentId, cents));
    try {
      // BUG: TimeoutWithoutCancel
      String receiptId = receipt.get(quickAnswer.toMillis(), TimeUnit.MILLISECONDS);
      return new Status(paymentId, "committed", receiptId);
    } catch (TimeoutException e) {
      // Not cancelled, so it is "shielded" - and abandoned: its outcome is lost.
      return new Status(paymentId, "pending", null);
    } catch (ExecutionException e) {
      return new Status(paymentId, "failed", null);
    } catch (InterruptedException e) {
      receipt.cancel(true);
      throw e;
    }
  }
}
