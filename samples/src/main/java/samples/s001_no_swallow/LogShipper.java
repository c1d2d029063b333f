// Scenario: 001-no-swallow (correct)
// Where an interrupt carries no request of its own: the shipper stops its pump by setting its
// stop flag first and only then interrupting the pump's thread, so the interrupt is a doorbell
// that wakes the pump from its wait for the next line. The helper that takes one line ends on it,
// the round goes straight back to the loop's test of the flag, and the pump's task ends: nothing
// is carried on that the stop asked to end.
package samples.s001_no_swallow;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Ships log lines to a sink on its own thread, one line a round, until it is closed. */
public final class LogShipper implements AutoCloseable {
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final ExecutorService pump = Executors.newSingleThreadExecutor();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Consumer<String> sink;

  public LogShipper(Consumer<String> sink) {
    this.sink = sink;
    pump.execute(
        () -> {
          while (!closed.get()) {
            shipOne();
          }
        });
  }

  public void ship(String line) {
    lines.add(line);
  }

  private void shipOne() {
    String line;
    try {
      line = lines.take();
    } catch (InterruptedException e) {
      // close() set `closed` before it interrupted: the loop's test ends the pump.
      return;
    }
    sink.accept(line);
  }

  @Override
  public void close() {
    closed.set(true);
    pump.shutdownNow();
    pump.close();
  }
}
