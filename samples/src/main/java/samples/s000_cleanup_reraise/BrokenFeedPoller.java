// Scenario: 000-cleanup-reraise (incorrect)
// The cancellation handler hands the cleanup to a chain of helpers — close the connection, mark
// the poller stopped, log why — and the chain ends without passing the cancellation on: no
// rethrow, no restored flag. The pool thread that ran the poller goes back to the pool with the
// interrupt lost, and whoever shut the pool down never learns that this task saw it.
package samples.s000_cleanup_reraise;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Logger;

/** Reads entries from a news feed connection and hands them on, as a pool task. */
public final class BrokenFeedPoller implements Runnable {
  private static final Logger log = Logger.getLogger(BrokenFeedPoller.class.getName());

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
      // BUG: SwallowedInterrupt
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
  }

  private static void logStop(String reason) {
    log.info("feed poller stopped: " + reason);
  }

  public String state() {
    return state;
  }
}
