// Scenario: 004-wait-for-not-loop (incorrect)
// The clock-checking loop that wait_for replaces, over several replicas: it re-checks whether
// every write is done and cancels them all once the deadline passes — but between those checks
// it never waits. Until the replicas answer or the deadline comes it spins, and an interrupt
// does not end it.
package samples.s004_wait_for_not_loop;

import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Waits for a record's writes to all replicas, within the write timeout. */
public final class BrokenReplicaWriter {
  private static final long TIMEOUT_MILLIS = 500;

  /** True if every replica acknowledged the write in time; the writes are cancelled otherwise. */
  public boolean awaitAcks(List<Future<?>> writes) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
    boolean allDone;
    // BUG: LoopWithoutCancellationPoint
    do {
      allDone = true;
      for (Future<?> write : writes) {
        if (!write.isDone()) {
          allDone = false;
        }
      }
      if (System.nanoTime() > deadline) {
        for (Future<?> write : writes) {
          write.cancel(true);
        }
        return false;
      }
    } while (!allDone);
    return true;
  }
}
