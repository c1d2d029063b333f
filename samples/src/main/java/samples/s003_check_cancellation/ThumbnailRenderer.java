// Scenario: 003-check-cancellation (correct)
// The checkCancellation() form: `if (Thread.interrupted()) throw new InterruptedException();`
// turns the cleared flag into the exception, so the cancellation is not lost.
package samples.s003_check_cancellation;

import java.util.ArrayList;
import java.util.List;

/** Renders thumbnails for the photos a user scrolls past, stopping when cancelled. */
public final class ThumbnailRenderer {
  public List<String> render(List<String> photoIds) throws InterruptedException {
    List<String> thumbnails = new ArrayList<>();
    for (String photoId : photoIds) {
      if (Thread.interrupted()) {
        throw new InterruptedException("thumbnail rendering cancelled");
      }
      thumbnails.add("thumb-" + photoId);
    }
    return thumbnails;
  }

  /** The isCancelled form: test without clearing, and leave with the flag still set. */
  public int countRendered(List<String> photoIds) {
    int rendered = 0;
    for (String photoId : photoIds) {
      if (Thread.currentThread().isInterrupted()) {
        return rendered;
      }
      rendered += photoId.isEmpty() ? 0 : 1;
    }
    return rendered;
  }
}
