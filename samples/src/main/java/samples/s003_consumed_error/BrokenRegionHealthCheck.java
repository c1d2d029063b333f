// Scenario: 003-consumed-error (incorrect)
// Catching one child's error inside the group body stops the propagation: here the probes are
// kept in a map by region, and the first region that fails makes the check answer "down" at once.
// The probes of the regions not yet read keep running: each holds a connection to a remote
// region until its own timeout, for an answer nobody reads. A dashboard polling every few
// seconds piles them up.
package samples.s003_consumed_error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Probes every region of a service in parallel and sums up their health. */
public final class BrokenRegionHealthCheck {
  private final ExecutorService probes;

  public BrokenRegionHealthCheck(ExecutorService probes) {
    this.probes = probes;
  }

  public String status(List<String> regions) throws InterruptedException {
    Map<String, Future<Integer>> pending = new LinkedHashMap<>();
    for (String region : regions) {
      pending.put(region, probes.submit(() -> probe(region)));
    }
    int slowest = 0;
    for (Map.Entry<String, Future<Integer>> entry : pending.entrySet()) {
      try {
        // BUG: OrphanedSubtasks
        slowest = Math.max(slowest, entry.getValue().get());
      } catch (ExecutionException e) {
        return "down: " + entry.getKey();
      }
    }
    return "up, slowest region answered in " + slowest + " ms";
  }

  private static int probe(String region) throws InterruptedException {
    Thread.sleep(20); // the round trip to the region's health endpoint
    if (region.isEmpty()) {
      throw new IllegalArgumentException("no region name");
    }
    return 20;
  }
}
