// Scenario: 003-implicit-propagation (correct)
// The task-group behaviour by hand: whatever leaves search() — a shard's failure, an interrupt,
// or the merged result — passes through the finally, which cancels every shard still scanning.
package samples.s003_implicit_propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs a query on every shard of an index at once and merges the hits. */
public final class ShardedSearch {
  private final ExecutorService searchers;
  private final List<List<String>> shards;

  public ShardedSearch(ExecutorService searchers, List<List<String>> shards) {
    this.searchers = searchers;
    this.shards = shards;
  }

  public List<String> search(String term) throws InterruptedException, ExecutionException {
    @SuppressWarnings("unchecked")
    Future<List<String>>[] parts = new Future[shards.size()];
    for (int i = 0; i < parts.length; i++) {
      List<String> shard = shards.get(i);
      parts[i] = searchers.submit(() -> scan(shard, term));
    }
    try {
      List<String> hits = new ArrayList<>();
      for (int i = 0; i < parts.length; i++) {
        hits.addAll(parts[i].get());
      }
      return hits;
    } finally {
      for (Future<List<String>> part : parts) {
        part.cancel(true);
      }
    }
  }

  private static List<String> scan(List<String> shard, String term) {
    List<String> hits = new ArrayList<>();
    for (String document : shard) {
      if (Thread.currentThread().isInterrupted()) {
        break; // cancelled: the query failed elsewhere
      }
      if (document.contains(term)) {
        hits.add(document);
      }
    }
    return hits;
  }
}
