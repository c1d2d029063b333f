// Scenario: 001-cooperative (incorrect)
// A volatile stop flag is not cancellation. The indexing task stops only when stop() clears
// `running`; the executor that runs it knows nothing of that flag. The application's
// shutdownNow() and a cancel(true) of the task set the interrupt flag, which this loop never
// reads: it keeps polling the queue (and burning a core while the queue is empty) after it was
// cancelled, and the executor never terminates.
package samples.s001_cooperative;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Adds submitted documents to an in-memory word index, on a background executor. */
public final class BrokenSearchIndexer {
  private final Queue<String> pending = new ConcurrentLinkedQueue<>();
  private final Map<String, Set<String>> index = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  public void submit(String document) {
    pending.add(document);
  }

  /** Starts the indexing task; the application cancels it, or shuts the executor down. */
  public Future<?> start(ExecutorService background) {
    return background.submit(
        () -> {
          // BUG: LoopWithoutCancellationPoint
          while (running) {
            String document = pending.poll();
            if (document != null) {
              for (String word : document.toLowerCase().split("\\W+")) {
                index.computeIfAbsent(word, w -> ConcurrentHashMap.newKeySet()).add(document);
              }
            }
          }
        });
  }

  public void stop() {
    running = false;
  }

  public Set<String> search(String word) {
    return index.getOrDefault(word.toLowerCase(), Set.of());
  }
}
