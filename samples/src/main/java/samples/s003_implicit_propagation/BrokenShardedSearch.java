// Scenario: 003-implicit-propagation (incorrect)
// In a throwing task group one child's error cancels the running siblings. An array of futures
// does not: when shard 2's search fails, its ExecutionException leaves search(), and the shards
// after it go on scanning their segments for a query that has already failed.
package samples.s003_implicit_propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs a query on every shard of an index at once and merges the hits. */
public final class BrokenShardedSearch {
  private final ExecutorService searchers;
  private final List<List<String>> shards;

  public BrokenShardedSearch(ExecutorService searchers, List<List<String>> shards) {
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
    List<String> hits = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      // BUG: OrphanedSubtasks
      hits.addAll(parts[i].get());
    }
    return hits;
  }

  private static List<String> scan(List<String> shard, String term) {
    List<String> hits = new ArrayList<>();
    for (String document : shard) {
      if (document.contains(term)) {
        hits.add(document);
      }
    }
    return hits;
  }
}
