// Scenario: 003-explicit-cancel-all (correct)
// Cancel every child, then wait for all of them: shutdownNow() interrupts every render at once
// (the futures are cancelled too, so nobody waits for their results), awaitTermination waits
// until the last render has stopped, and only then is the cache closed.
package samples.s003_explicit_cancel_all;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Renders thumbnails into a shared cache and cancels them all before closing it. */
public final class ThumbnailBatch {
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

  public ThumbnailBatch() {
    this(
        photo -> {
          Thread.sleep(30);
          return new byte[] {1, 2, 3};
        });
  }

  public ThumbnailBatch(Renderer renderer) {
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

  public void cancelAll() throws InterruptedException {
    for (Future<?> render : renders) {
      render.cancel(true);
    }
    renderers.shutdownNow();
    if (!renderers.awaitTermination(5, TimeUnit.SECONDS)) {
      System.err.println("renders still running; the cache stays open");
      return;
    }
    cache.close();
  }

  public static void main(String[] args) throws InterruptedException {
    ThumbnailBatch batch = new ThumbnailBatch();
    batch.start(List.of("beach.jpg", "dunes.jpg", "harbour.jpg", "lighthouse.jpg"));
    Thread.sleep(10);
    batch.cancelAll();
  }
}
