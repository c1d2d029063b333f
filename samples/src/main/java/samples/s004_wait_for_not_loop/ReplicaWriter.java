// Scenario: 004-wait-for-not-loop (correct)
// wait_for over several replicas: each get(timeout) blocks for what is left of the one deadline,
// and a late replica, a failed one or an interrupt cancels every write still running.
package samples.s004_wait_for_not_loop;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a record's writes to all replicas, within the write timeout. */
public final class ReplicaWriter {
  private static final long TIMEOUT_MILLIS = 500;

  /** True if every replica acknowledged the write in time; the writes are cancelled otherwise. */
  public boolean awaitAcks(List<Future<?>> writes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
    boolean acknowledged = false;
    try {
      for (Future<?> write : writes) {
        write.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      }
      acknowledged = true;
    } catch (TimeoutException | ExecutionException e) {
      acknowledged = false;
    } finally {
      if (!acknowledged) {
        for (Future<?> write : writes) {
          write.cancel(true);
        }
      }
    }
    return acknowledged;
  }
}
