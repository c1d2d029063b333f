// Scenario: 000-cancel-await (correct)
// A stop that cancels a timer task and closes the stream the task writes to without waiting for it
// — safely: every run of the task takes the lock the stop holds and first tests a `closed` flag the
// stop has set under that lock, which nothing clears. A run either ended before the stop took the
// lock, or takes it afterwards, finds the flag set and does nothing.
package samples.s000_cancel_await;

import java.io.PrintStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Marks the log it writes to every period with the time, until it is closed. */
public final class LogRoller {
  private final ReentrantLock lock = new ReentrantLock();
  private final PrintStream log;
  private boolean closed;
  private ScheduledFuture<?> marker;

  public LogRoller(PrintStream log) {
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
    lock.lock();
    try {
      if (closed) {
        return;
      }
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
        marker.cancel(false);
      }
      log.close();
    } finally {
      lock.unlock();
    }
  }
}
