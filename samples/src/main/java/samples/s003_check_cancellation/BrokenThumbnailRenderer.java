// Scenario: 003-check-cancellation (incorrect)
// Swift's Task.checkCancellation() throws; Task.isCancelled is a plain flag. Java's
// Thread.interrupted() is neither: it tests *and clears* the flag. Used as a plain test
// before a `break`, it forgets the cancellation, and the caller goes on as if nothing happened.
package samples.s003_check_cancellation;

import java.util.ArrayList;
import java.util.List;

/** Renders thumbnails for the photos a user scrolls past. */
public final class BrokenThumbnailRenderer {
  public List<String> render(List<String> photoIds) {
    List<String> thumbnails = new ArrayList<>();
    for (String photoId : photoIds) {
      // BUG: SwallowedInterrupt
      if (Thread.interrupted()) {
        break;
      }
      thumbnails.add("thumb-" + photoId);
    }
    return thumbnails;
  }
}
