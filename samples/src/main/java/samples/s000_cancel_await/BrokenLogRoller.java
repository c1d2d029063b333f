// Scenario: 000-cancel-await (incorrect)
// The same roller, but the task tests the `closed` flag before it takes the lock: a run that
// found the flag clear waits for the lock while the stop cancels and closes the stream, then
// takes the lock and writes to the closed stream. The cancel does not stop that run, and nothing
// waits for it.
package samples.s000_cancel_await;

import java.io.PrintStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Marks the log it writes to every period with the time, until it is closed. */
public final class BrokenLogRoller {
  private final ReentrantLock lock = new ReentrantLock();
  private final PrintStream log;
  private boolean closed;
  private ScheduledFuture<?> marker;

  public BrokenLogRoller(PrintStream log) {
    this.log = log;
  }

  public void start(ScheduledExecutorService scheduler) {
    lock.lock();
    try {
      marker = scheduler.scheduleAtFixedRate(this::mark, 0, 100, TimeUnit.MILLISECONDS);
    } finally {
      lock.unlock();
    }
  }

  private void mark() {
    if (closed) {
      return;
    }
    lock.lock();
    try {
      log.println("-- mark " + System.currentTimeMillis());
    } finally {
      lock.unlock();
    }
  }

  public void close() {
    lock.lock();
    try {
      closed = true;
      if (marker != null) {
        // BUG: CancelWithoutAwait
        marker.cancel(false);
      }
      log.close();
    } finally {
      lock.unlock();
    }
  }
}
