// Scenario: 003-explicit-cancel-all (incorrect)
// Swift's cancelAll() reaches every child at once; Java gets there by cancelling every future
// (or shutdownNow()). But cancelling is only a request: this batch cancels all its renders and
// immediately closes the cache they write into, while some renders are still running.
package samples.s003_explicit_cancel_all;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Renders thumbnails of a photo album into a shared cache; the user can cancel the batch. */
public final class BrokenThumbnailBatch {
  /** An on-disk thumbnail cache; closing it flushes and invalidates it. */
  static final class ThumbnailCache implements Closeable {
    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    void put(String photo, byte[] thumbnail) {
      if (!open) {
        throw new IllegalStateException("cache closed while rendering " + photo);
      }
      entries.put(photo, thumbnail);
    }

    @Override
    public void close() {
      open = false;
      System.out.println("cache closed with " + entries.size() + " thumbnails");
    }
  }

  /** Decodes a photo and scales it down: slow, and an image codec may not answer interrupts. */
  public interface Renderer {
    byte[] render(String photo) throws InterruptedException;
  }

  private final ExecutorService renderers = Executors.newFixedThreadPool(4);
  private final List<Future<?>> renders = new ArrayList<>();
  private final ThumbnailCache cache = new ThumbnailCache();
  private final Renderer renderer;

  public BrokenThumbnailBatch() {
    this(
        photo -> {
          Thread.sleep(30);
          return new byte[] {1, 2, 3};
        });
  }

  public BrokenThumbnailBatch(Renderer renderer) {
    this.renderer = renderer;
  }

  public void start(List<String> photos) {
    for (String photo : photos) {
      renders.add(renderers.submit(() -> render(photo, cache)));
    }
  }

  private Void render(String photo, ThumbnailCache cache) throws InterruptedException {
    cache.put(photo, renderer.render(photo));
    return null;
  }

  public void cancelAll() {
    for (Future<?> render : renders) {
      // BUG: CancelWithoutAwait
      render.cancel(true);
    }
    cache.close();
    renderers.shutdown();
  }

  public static void main(String[] args) throws InterruptedException {
    BrokenThumbnailBatch batch = new BrokenThumbnailBatch();
    batch.start(List.of("beach.jpg", "dunes.jpg", "harbour.jpg", "lighthouse.jpg"));
    Thread.sleep(10);
    batch.cancelAll();
  }
}
