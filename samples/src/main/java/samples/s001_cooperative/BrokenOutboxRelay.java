// Scenario: 001-cooperative (incorrect)
// Code that never awaits is never cancelled — and this relay never waits: its loop takes the
// next message through two small helpers that end in outbox.poll(), which returns null at once
// when the outbox is empty. While there is nothing to send the thread burns a core, and since
// nothing in the loop blocks or reads the interrupt flag, interrupt() does not stop it either:
// only stop() does.
package samples.s001_cooperative;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** Relays queued messages to a broker, on a thread of its own. */
public final class BrokenOutboxRelay extends Thread {
  private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
  private final Consumer<String> broker;
  private volatile boolean running = true;
  private long sent;

  public BrokenOutboxRelay(Consumer<String> broker) {
    super("outbox-relay");
    this.broker = broker;
  }

  public void send(String message) {
    outbox.add(message);
  }

  @Override
  public void run() {
    // BUG: LoopWithoutCancellationPoint
    while (running) {
      String message = nextMessage();
      if (message == null) {
        continue;
      }
      broker.accept(message);
      sent++;
    }
  }

  private String nextMessage() {
    return dequeue();
  }

  private String dequeue() {
    return outbox.poll();
  }

  public void stopRelay() {
    running = false;
  }

  public long sent() {
    return sent;
  }
}
