// Scenario: 003-manual-propagation (correct)
// The export task propagates its cancellation by hand: interrupted while waiting for the
// upload it started, it cancels the upload and rethrows, so the caller's cancel(true) reaches
// both tasks.
package samples.s003_manual_propagation;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Exports a photo album: packs it on one pool, uploads the archive on another. */
public final class AlbumExporter {
  /** Stores archives remotely. */
  public interface Uploader {
    String upload(String name, byte[] archive) throws Exception;
  }

  private final ExecutorService exports;
  private final ExecutorService transfers;
  private final Uploader uploader;

  public AlbumExporter(ExecutorService exports, ExecutorService transfers, Uploader uploader) {
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
            return upload.get();
          } catch (InterruptedException e) {
            upload.cancel(true);
            throw e;
          }
        });
  }
}
