// Scenario: 003-unstructured (correct)
// The chart is rendered as an ExecutorService task, whose Future can interrupt it: when the
// report task is cancelled, chart.cancel(true) interrupts the rendering thread, the renderer
// sees the interrupt at its next check and stops. The child is cancelled with its parent.
package samples.s003_unstructured;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Builds a report page whose chart is rendered on a separate pool. */
public final class ChartReport {
  private final ExecutorService renderers;

  public ChartReport(ExecutorService renderers) {
    this.renderers = renderers;
  }

  public String build(String title, List<Double> series)
      throws InterruptedException, ExecutionException {
    Future<String> chart = renderers.submit(() -> renderChart(series));
    try {
      return "<h1>" + title + "</h1>\n" + chart.get();
    } catch (InterruptedException e) {
      chart.cancel(true); // interrupts the rendering thread
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
