// Scenario: 001-no-swallow (correct)
// Cleanup goes in finally; the cancellation propagates as InterruptedException.
package samples.s001_no_swallow;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Downloads reports one after another and stops as soon as it is interrupted. */
public final class ReportDownloader {
  private final List<String> reportUrls;

  public ReportDownloader(List<String> reportUrls) {
    this.reportUrls = reportUrls;
  }

  public int downloadAll() throws InterruptedException {
    int downloaded = 0;
    try {
      for (String url : reportUrls) {
        System.out.println("GET " + url);
        downloaded++;
        TimeUnit.MILLISECONDS.sleep(200); // rate limit
      }
    } finally {
      System.out.println("downloaded " + downloaded + " of " + reportUrls.size());
    }
    return downloaded;
  }
}
