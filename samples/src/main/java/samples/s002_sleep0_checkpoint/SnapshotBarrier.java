// Scenario: 002-sleep0-checkpoint (correct)
// The writers wait on a monitor instead: wait() sleeps until the snapshot thread says the flush
// is done, and is a checkpoint — a cancelled writer leaves with InterruptedException.
package samples.s002_sleep0_checkpoint;

/** Lets writers through once the current snapshot has been flushed to disk. */
public final class SnapshotBarrier {
  private boolean flushed = true;

  /** Called by the snapshot thread around a flush. */
  public synchronized void flushing(boolean inProgress) {
    flushed = !inProgress;
    notifyAll();
  }

  /** Called by every writer before it appends. */
  public synchronized void awaitFlushed() throws InterruptedException {
    while (!flushed) {
      wait();
    }
  }
}
