// Scenario: 000-cleanup-reraise (correct)
// The same chain of cleanup helpers, ending in the re-raise: the last one restores the interrupt
// flag, so the pool (or any caller) still sees that the poller was cancelled.
package samples.s000_cleanup_reraise;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Logger;

/** Reads entries from a news feed connection and hands them on, as a pool task. */
public final class FeedPoller implements Runnable {
  private static final Logger log = Logger.getLogger(FeedPoller.class.getName());

  private final BlockingQueue<String> connection = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> entries = new LinkedBlockingQueue<>();
  private volatile String state = "new";

  @Override
  public void run() {
    state = "polling";
    try {
      while (true) {
        entries.put(connection.take());
      }
    } catch (InterruptedException e) {
      stop("interrupted");
    }
  }

  private void stop(String reason) {
    connection.clear();
    markStopped(reason);
  }

  private void markStopped(String reason) {
    state = "stopped";
    logStop(reason);
    passOnCancellation();
  }

  private static void logStop(String reason) {
    log.info("feed poller stopped: " + reason);
  }

  private static void passOnCancellation() {
    Thread.currentThread().interrupt();
  }

  public String state() {
    return state;
  }
}
