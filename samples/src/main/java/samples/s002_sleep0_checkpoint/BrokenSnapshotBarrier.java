// Scenario: 002-sleep0-checkpoint (incorrect)
// A spin with something in its body is still a spin. The writer waits for the snapshot thread
// to finish flushing by re-reading a volatile flag, and counts and logs its rounds while it
// waits: the logging is work, but not a checkpoint. Nothing in the loop blocks or reads the
// interrupt flag, so a writer cancelled during a slow flush spins on until the flush ends.
package samples.s002_sleep0_checkpoint;

import java.util.logging.Logger;

/** Lets writers through once the current snapshot has been flushed to disk. */
public final class BrokenSnapshotBarrier {
  private static final Logger log = Logger.getLogger(BrokenSnapshotBarrier.class.getName());

  private volatile boolean flushed = true;

  /** Called by the snapshot thread around a flush. */
  public void flushing(boolean inProgress) {
    flushed = !inProgress;
  }

  /** Called by every writer before it appends; returns how many rounds it waited. */
  public long awaitFlushed() {
    long rounds = 0;
    // BUG: LoopWithoutCancellationPoint
    while (!flushed) {
      rounds++;
      log.finest("waiting for the snapshot flush");
    }
    return rounds;
  }
}
