// Scenario: 001-no-swallow (correct)
// Cleanup goes in finally; the cancellation propagates as InterruptedException.
package samples.s001_no_swallow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Downloads reports one after another and stops as soon as it is interrupted. */
public final class ReportDownloader {
  private final List<String> reportUrls;
  private final Duration rateLimit;

  public ReportDownloader(List<String> reportUrls) {
    this(reportUrls, Duration.ofMillis(200));
  }

  /** Pauses {@code rateLimit} after every request. */
  public ReportDownloader(List<String> reportUrls, Duration rateLimit) {
    this.reportUrls = reportUrls;
    this.rateLimit = rateLimit;
  }

  public int downloadAll() throws InterruptedException {
    int downloaded = 0;
    try {
      for (String url : reportUrls) {
        System.out.println("GET " + url);
        downloaded++;
        TimeUnit.MILLISECONDS.sleep(rateLimit.toMillis());
      }
    } finally {
      System.out.println("downloaded " + downloaded + " of " + reportUrls.size());
    }
    return downloaded;
  }
}
