// Scenario: 001-shield (correct)
// The shield done right: when the request's deadline passes (or the handler is interrupted),
// the commit is not torn down half-way, and it is not abandoned either. The method stops
// waiting for a quick answer but keeps owning the commit: it waits for its outcome without
// letting an interrupt cut the wait short, and restores the interrupt flag once it has it.
package samples.s001_shield;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Commits a payment through the gateway on a dedicated pool and always learns the outcome. */
public final class PaymentCommit {
  /** The bank's side of a commit: returns the receipt id. */
  public interface Gateway {
    String commit(String paymentId, long cents) throws Exception;
  }

  private static final Duration QUICK_ANSWER = Duration.ofSeconds(2);

  private final ExecutorService commits;
  private final Gateway gateway;
  private final Duration quickAnswer;

  public PaymentCommit(ExecutorService commits, Gateway gateway) {
    this(commits, gateway, QUICK_ANSWER);
  }

  /** {@code quickAnswer}: how long the client may be kept waiting for the receipt. */
  public PaymentCommit(ExecutorService commits, Gateway gateway, Duration quickAnswer) {
    this.commits = commits;
    this.gateway = gateway;
    this.quickAnswer = quickAnswer;
  }

  /** Returns the receipt; throws if the gateway refused the payment. */
  public String commit(String paymentId, long cents) throws ExecutionException {
    Future<String> receipt = commits.submit(() -> gateway.commit(paymentId, cents));
    boolean interrupted = false;
    try {
      try {
        return receipt.get(quickAnswer.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException slow) {
        System.err.println("commit of " + paymentId + " is slow; waiting for its outcome");
      } catch (InterruptedException e) {
        interrupted = true; // asked to stop: the commit still finishes first
      }
      while (true) {
        try {
          return receipt.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
