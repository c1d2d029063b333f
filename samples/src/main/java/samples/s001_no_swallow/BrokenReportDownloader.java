// Scenario: 001-no-swallow (incorrect)
// The most common cancellation mistake: catch the cancellation, log it, carry on. The
// download loop below keeps fetching the next report after being interrupted, and the
// pool that asked it to stop (shutdownNow) waits in vain.
package samples.s001_no_swallow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Downloads reports one after another, pausing between requests to respect a rate limit. */
public final class BrokenReportDownloader {
  private final List<String> reportUrls;
  private final Duration rateLimit;

  public BrokenReportDownloader(List<String> reportUrls) {
    this(reportUrls, Duration.ofMillis(200));
  }

  /** Pauses {@code rateLimit} after every request. */
  public BrokenReportDownloader(List<String> reportUrls, Duration rateLimit) {
    this.reportUrls = reportUrls;
    this.rateLimit = rateLimit;
  }

  public int downloadAll() {
    int downloaded = 0;
    for (String url : reportUrls) {
      System.out.println("GET " + url);
      downloaded++;
      try {
        TimeUnit.MILLISECONDS.sleep(rateLimit.toMillis());
        // BUG: SwallowedInterrupt
      } catch (InterruptedException e) {
        System.err.println("rate-limit pause interrupted, continuing: " + e);
      }
    }
    return downloaded;
  }
}
