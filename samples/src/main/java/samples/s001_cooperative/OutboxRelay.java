// Scenario: 001-cooperative (correct)
// The same helpers, but the outbox is a blocking queue and the one at the bottom waits for a
// message: poll(timeout) sleeps while there is nothing to send, and an interrupt ends the relay
// at once. stopRelay() still works, within the 100 ms wait.
package samples.s001_cooperative;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Relays queued messages to a broker, on a thread of its own. */
public final class OutboxRelay extends Thread {
  private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>();
  private final Consumer<String> broker;
  private volatile boolean running = true;
  private long sent;

  public OutboxRelay(Consumer<String> broker) {
    super("outbox-relay");
    this.broker = broker;
  }

  public void send(String message) {
    outbox.add(message);
  }

  @Override
  public void run() {
    try {
      while (running) {
        String message = nextMessage();
        if (message == null) {
          continue;
        }
        broker.accept(message);
        sent++;
      }
    } catch (InterruptedException e) {
      // The relay's own thread: interrupted means stop, and run() ends here.
    }
  }

  private String nextMessage() throws InterruptedException {
    return dequeue();
  }

  private String dequeue() throws InterruptedException {
    return outbox.poll(100, TimeUnit.MILLISECONDS);
  }

  public void stopRelay() {
    running = false;
  }

  public long sent() {
    return sent;
  }
}
