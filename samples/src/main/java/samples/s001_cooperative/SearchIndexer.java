// Scenario: 001-cooperative (correct)
// The stop flag stays for a graceful stop(), but the loop now waits on a blocking queue:
// poll(timeout) is a cancellation point, so an interrupt from shutdownNow() or cancel(true) ends
// the task at once, stop() takes effect within 100 ms, and no core is burnt while there is
// nothing to index.
package samples.s001_cooperative;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Adds submitted documents to an in-memory word index, on a background executor. */
public final class SearchIndexer {
  private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
  private final Map<String, Set<String>> index = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  public void submit(String document) {
    pending.add(document);
  }

  /** Starts the indexing task; the application cancels it, or shuts the executor down. */
  public Future<?> start(ExecutorService background) {
    return background.submit(
        () -> {
          try {
            while (running) {
              String document = pending.poll(100, TimeUnit.MILLISECONDS);
              if (document == null) {
                continue;
              }
              for (String word : document.toLowerCase().split("\\W+")) {
                index.computeIfAbsent(word, w -> ConcurrentHashMap.newKeySet()).add(document);
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
