// Scenario: 003-consumed-error (correct)
// The first failing region still decides the answer, but the way out cancels the probes still
// running (cancelling one that has finished does nothing), so a "down" answer leaves no probe
// behind. An interrupt while waiting cancels them too, and is passed on.
package samples.s003_consumed_error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Probes every region of a service in parallel and sums up their health. */
public final class RegionHealthCheck {
  private final ExecutorService probes;

  public RegionHealthCheck(ExecutorService probes) {
    this.probes = probes;
  }

  public String status(List<String> regions) throws InterruptedException {
    Map<String, Future<Integer>> pending = new LinkedHashMap<>();
    for (String region : regions) {
      pending.put(region, probes.submit(() -> probe(region)));
    }
    try {
      int slowest = 0;
      for (Map.Entry<String, Future<Integer>> entry : pending.entrySet()) {
        try {
          slowest = Math.max(slowest, entry.getValue().get());
        } catch (ExecutionException e) {
          return "down: " + entry.getKey();
        }
      }
      return "up, slowest region answered in " + slowest + " ms";
    } finally {
      for (Future<Integer> probe : pending.values()) {
        probe.cancel(true);
      }
    }
  }

  private static int probe(String region) throws InterruptedException {
    Thread.sleep(20); // the round trip to the region's health endpoint
    if (region.isEmpty()) {
      throw new IllegalArgumentException("no region name");
    }
    return 20;
  }
}
