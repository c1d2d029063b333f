// Scenario: 004-cpu-loop (correct)
// The same search, with a cancellation point three helpers down: every round ends in
// checkCancelled(), which throws CancellationException once the task is interrupted (the flag is
// left set for the pool). A cancel(true) stops the search within one round.
package samples.s004_cpu_loop;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/** Shortens a delivery route by local search until it is cancelled; keeps the best route. */
public final class RouteOptimizer {
  private final double[][] distances;
  private final int[] route;
  private volatile double bestLength = Double.MAX_VALUE;

  public RouteOptimizer(double[][] distances) {
    this.distances = distances;
    this.route = new int[distances.length];
    for (int i = 0; i < route.length; i++) {
      route[i] = i;
    }
  }

  /** Starts the search; the caller cancels the future when it wants the route. */
  public Future<?> start(ExecutorService workers) {
    return workers.submit(
        () -> {
          while (true) {
            round();
          }
        });
  }

  public double bestLength() {
    return bestLength;
  }

  private void round() {
    int i = ThreadLocalRandom.current().nextInt(route.length);
    int j = ThreadLocalRandom.current().nextInt(route.length);
    trySwap(i, j);
  }

  private void trySwap(int i, int j) {
    swap(i, j);
    double length = length();
    if (length < bestLength) {
      bestLength = length;
    } else {
      swap(i, j);
    }
    checkCancelled();
  }

  private static void checkCancelled() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("route search cancelled");
    }
  }

  private void swap(int i, int j) {
    int stop = route[i];
    route[i] = route[j];
    route[j] = stop;
  }

  private double length() {
    double length = 0;
    for (int i = 1; i < route.length; i++) {
      length += distances[route[i - 1]][route[i]];
    }
    return length;
  }
}
