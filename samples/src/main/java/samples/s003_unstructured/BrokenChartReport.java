// Scenario: 003-unstructured (incorrect)
// A Swift Task {} started inside a task is unstructured: it does not inherit the parent's
// cancellation. CompletableFuture.supplyAsync is Java's unstructured child. When the report
// task is cancelled, it passes the cancellation on with chart.cancel(true) - but a
// CompletableFuture ignores that `true`: nothing interrupts the rendering thread, and the
// chart renders to the end for a report nobody will read.
package samples.s003_unstructured;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/** Builds a report page whose chart is rendered on a separate pool. */
public final class BrokenChartReport {
  private final ExecutorService renderers;

  public BrokenChartReport(ExecutorService renderers) {
    this.renderers = renderers;
  }

  public String build(String title, List<Double> series)
      throws InterruptedException, ExecutionException {
    CompletableFuture<String> chart =
        CompletableFuture.supplyAsync(() -> renderChart(series), renderers);
    try {
      return "<h1>" + title + "</h1>\n" + chart.get();
    } catch (InterruptedException e) {
      // BUG: CompletableFutureCancelNoInterrupt
      chart.cancel(true);
      throw e;
    }
  }

  private static String renderChart(List<Double> series) {
    StringBuilder svg = new StringBuilder("<svg>");
    for (int i = 0; i < series.size(); i++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("chart rendering cancelled");
      }
      svg.append("<rect x='").append(i * 10).append("' height='").append(series.get(i));
      svg.append("'/>");
    }
    return svg.append("</svg>").toString();
  }
}
