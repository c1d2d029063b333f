// Scenario: 003-implicit-propagation (incorrect)
// In a Swift throwing task group, the first child that throws cancels its running siblings.
// A hand-made list of Java futures has no such link: when one image fails, f.get() throws,
// the exception propagates, and every other download keeps running for a gallery nobody
// will show.
package samples.s003_implicit_propagation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Downloads the images of a gallery in parallel. */
public final class BrokenGalleryDownloader {
  /** Where images come from (an HTTP client in production, a stub in tests). */
  public interface ImageStore {
    byte[] fetch(String url) throws IOException;
  }

  private final ExecutorService downloads;
  private final ImageStore store;

  public BrokenGalleryDownloader(ExecutorService downloads, ImageStore store) {
    this.downloads = downloads;
    this.store = store;
  }

  public List<byte[]> download(List<String> imageUrls)
      throws InterruptedException, ExecutionException {
    List<Future<byte[]>> futures = new ArrayList<>();
    for (String url : imageUrls) {
      futures.add(downloads.submit(() -> store.fetch(url)));
    }
    List<byte[]> images = new ArrayList<>();
    for (Future<byte[]> image : futures) {
      // BUG: OrphanedSubtasks
      images.add(image.get());
    }
    return images;
  }
}
