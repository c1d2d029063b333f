// Scenario: 003-implicit-propagation (correct)
// The list of futures behaves like a task group: whatever way the method is left — one image
// failed, the caller was interrupted, or everything worked — the finally cancels the downloads
// still running (cancelling a finished future does nothing), then the exception propagates.
// StructuredTaskScope (a preview API since JDK 21) gives the same shape without the bookkeeping.
package samples.s003_implicit_propagation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Downloads the images of a gallery in parallel, all or nothing. */
public final class GalleryDownloader {
  /** Where images come from (an HTTP client in production, a stub in tests). */
  public interface ImageStore {
    byte[] fetch(String url) throws IOException;
  }

  private final ExecutorService downloads;
  private final ImageStore store;

  public GalleryDownloader(ExecutorService downloads, ImageStore store) {
    this.downloads = downloads;
    this.store = store;
  }

  public List<byte[]> download(List<String> imageUrls)
      throws InterruptedException, ExecutionException {
    List<Future<byte[]>> futures = new ArrayList<>();
    for (String url : imageUrls) {
      futures.add(downloads.submit(() -> store.fetch(url)));
    }
    try {
      List<byte[]> images = new ArrayList<>();
      for (Future<byte[]> image : futures) {
        images.add(image.get());
      }
      return images;
    } finally {
      for (Future<byte[]> image : futures) {
        image.cancel(true);
      }
    }
  }
}
