// Scenario: 002-sleep0-checkpoint (correct)
// Spin, then back off: the first 100 rounds spin (the next event usually arrives within them),
// after that each round sleeps briefly. The sleep is the checkpoint — an interrupted consumer
// leaves with InterruptedException — and an idle consumer no longer holds a core.
package samples.s002_sleep0_checkpoint;

import java.util.concurrent.atomic.AtomicLong;

/** Reads events from a single-producer ring buffer. */
public final class RingBufferConsumer {
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
  public String take() throws InterruptedException {
    int spins = 0;
    while (published.get() < next) {
      if (spins < 100) {
        spins++;
        Thread.onSpinWait();
      } else {
        Thread.sleep(1);
      }
    }
    return slots[(int) (next++ % slots.length)];
  }
}
