// Scenario: 002-sleep0-checkpoint (incorrect)
// Thread.onSpinWait() behind a counter looks like spin-then-back-off, but the counter here only
// starts over: after 100 spins it resets and spins again, so the loop never blocks and never
// passes a checkpoint. A consumer whose producer died spins on forever, deaf to interrupts.
package samples.s002_sleep0_checkpoint;

import java.util.concurrent.atomic.AtomicLong;

/** Reads events from a single-producer ring buffer. */
public final class BrokenRingBufferConsumer {
  private final String[] slots = new String[1024];
  private final AtomicLong published = new AtomicLong(-1);
  private long next;

  /** Called by the producer. */
  public void publish(String event) {
    long sequence = published.get() + 1;
    slots[(int) (sequence % slots.length)] = event;
    published.set(sequence);
  }

  /** Waits for the next event and returns it. */
  public String take() {
    int spins = 0;
    // BUG: LoopWithoutCancellationPoint
    while (published.get() < next) {
      if (++spins < 100) {
        Thread.onSpinWait();
      } else {
        spins = 0;
      }
    }
    return slots[(int) (next++ % slots.length)];
  }
}
