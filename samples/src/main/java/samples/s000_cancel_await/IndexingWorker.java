// Scenario: 000-cancel-await (correct)
// A stop that, like an executor's own shutdown(), only starts the stop — and says so: the worker
// answers isTerminated() true only once both of its pools have ended, so the caller that needs
// the work gone polls for it before it closes what the tasks write to.
package samples.s000_cancel_await;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Indexes documents on one pool while another reports the worker alive to its coordinator. */
public final class IndexingWorker {
  private final ExecutorService indexers = Executors.newFixedThreadPool(2);
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
  private final PrintStream coordinator;

  public IndexingWorker(PrintStream coordinator) {
    this.coordinator = coordinator;
  }

  public void start(List<String> documents) {
    heartbeats.scheduleAtFixedRate(
        () -> coordinator.println("alive"), 0, 100, TimeUnit.MILLISECONDS);
    for (String document : documents) {
      indexers.execute(() -> coordinator.println("indexed " + document));
    }
  }

  /** Starts the stop: no new work; what runs goes on. Poll {@link #isTerminated()} for the end. */
  public void shutdown() {
    indexers.shutdown();
    heartbeats.shutdown();
  }

  /** True once every task of the worker has ended, not merely once the stop has begun. */
  public boolean isTerminated() {
    return indexers.isTerminated() && heartbeats.isTerminated();
  }

  public static void main(String[] args) throws InterruptedException {
    IndexingWorker worker = new IndexingWorker(System.out);
    worker.start(List.of("a.txt", "b.txt"));
    worker.shutdown();
    while (!worker.isTerminated()) {
      Thread.sleep(10);
    }
    System.out.println("worker stopped");
  }
}
