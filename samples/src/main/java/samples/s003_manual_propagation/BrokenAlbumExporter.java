// Scenario: 003-manual-propagation (incorrect)
// With GCD, cancelling an outer work item does not cancel the inner one it dispatched. Java
// behaves the same: cancelling the export interrupts the export task only; the upload it
// handed to another pool runs on, and the export task, interrupted while waiting for it,
// just returns.
package samples.s003_manual_propagation;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Exports a photo album: packs it on one pool, uploads the archive on another. */
public final class BrokenAlbumExporter {
  /** Stores archives remotely. */
  public interface Uploader {
    String upload(String name, byte[] archive) throws Exception;
  }

  private final ExecutorService exports;
  private final ExecutorService transfers;
  private final Uploader uploader;

  public BrokenAlbumExporter(
      ExecutorService exports, ExecutorService transfers, Uploader uploader) {
    this.exports = exports;
    this.transfers = transfers;
    this.uploader = uploader;
  }

  /** Starts the export; the caller may cancel the returned future. */
  public Future<String> export(String album, List<String> photos) {
    return exports.submit(
        () -> {
          byte[] archive = String.join("\n", photos).getBytes();
          Future<String> upload = transfers.submit(() -> uploader.upload(album, archive));
          try {
            // BUG: OrphanedSubtasks
            return upload.get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "export of " + album + " cancelled";
          }
        });
  }
}
