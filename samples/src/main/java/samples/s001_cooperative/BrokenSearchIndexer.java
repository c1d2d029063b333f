// Scenario: 001-cooperative (incorrect)
// A volatile stop flag is not cancellation. The indexer stops only when stop() clears `running`;
// the executor that runs it knows nothing of that flag. Its shutdownNow() and a cancel(true) on
// the indexer's future set the interrupt flag, which this loop never reads: it keeps polling
// the queue (and burning a core while the queue is empty) after it was cancelled.
package samples.s001_cooperative;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Adds submitted documents to an in-memory word index, in the background. */
public final class BrokenSearchIndexer implements Runnable {
  private final Queue<String> pending = new ConcurrentLinkedQueue<>();
  private final Map<String, Set<String>> index = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  public void submit(String document) {
    pending.add(document);
  }

  public void stop() {
    running = false;
  }

  @Override
  public void run() {
    // BUG: LoopWithoutCancellationPoint
    while (running) {
      String document = pending.poll();
      if (document != null) {
        for (String word : document.toLowerCase().split("\\W+")) {
          index.computeIfAbsent(word, w -> ConcurrentHashMap.newKeySet()).add(document);
        }
      }
    }
  }

  public Set<String> search(String word) {
    return index.getOrDefault(word.toLowerCase(), Set.of());
  }
}
