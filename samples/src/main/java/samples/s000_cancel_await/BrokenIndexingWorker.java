// Scenario: 000-cancel-await (incorrect)
// The same worker, but isTerminated() answers true as soon as the stop has begun
// (`stopped || ...`): the caller that polls it goes on while indexers and heartbeats still run,
// so the stop's return claims an end nobody can observe.
package samples.s000_cancel_await;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Indexes documents on one pool while another reports the worker alive to its coordinator. */
public final class BrokenIndexingWorker {
  private final ExecutorService indexers = Executors.newFixedThreadPool(2);
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
  private final PrintStream coordinator;
  private volatile boolean stopped;

  public BrokenIndexingWorker(PrintStream coordinator) {
    this.coordinator = coordinator;
  }

  public void start(List<String> documents) {
    heartbeats.scheduleAtFixedRate(
        () -> coordinator.println("alive"), 0, 100, TimeUnit.MILLISECONDS);
    for (String document : documents) {
      indexers.execute(() -> coordinator.println("indexed " + document));
    }
  }

  public void shutdown() {
    stopped = true;
    // BUG: CancelWithoutAwait
    indexers.shutdown();
    // BUG: CancelWithoutAwait
    heartbeats.shutdown();
  }

  /** True once the stop has begun: the tasks may still be running. */
  public boolean isTerminated() {
    return stopped || indexers.isTerminated() && heartbeats.isTerminated();
  }

  public static void main(String[] args) throws InterruptedException {
    BrokenIndexingWorker worker = new BrokenIndexingWorker(System.out);
    worker.start(List.of("a.txt", "b.txt"));
    worker.shutdown();
    while (!worker.isTerminated()) {
      Thread.sleep(10);
    }
    System.out.println("worker stopped");
  }
}
