// Scenario: 003-consumed-error (correct)
// Giving up early is fine, as long as what is given up on is cancelled: the finally cancels
// the renders the loop no longer waits for, on the break, on an interrupt, and (as a no-op on
// finished futures) on success.
package samples.s003_consumed_error;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Builds a contact sheet of thumbnails rendered in parallel. */
public final class ThumbnailSheet {
  /** Renders one photo's thumbnail (an image codec in production); throws on a bad photo. */
  public interface Renderer {
    String render(String photoId) throws Exception;
  }

  private final ExecutorService renderers;
  private final Renderer renderer;

  public ThumbnailSheet(ExecutorService renderers) {
    this(renderers, ThumbnailSheet::render);
  }

  public ThumbnailSheet(ExecutorService renderers, Renderer renderer) {
    this.renderers = renderers;
    this.renderer = renderer;
  }

  public List<String> build(List<String> photoIds) throws InterruptedException {
    List<Future<String>> renders = new ArrayList<>();
    for (String photoId : photoIds) {
      renders.add(renderers.submit(() -> renderer.render(photoId)));
    }
    List<String> sheet = new ArrayList<>();
    try {
      for (Future<String> render : renders) {
        try {
          sheet.add(render.get());
        } catch (ExecutionException e) {
          System.err.println("sheet incomplete: " + e.getCause());
          break;
        }
      }
    } finally {
      for (Future<String> render : renders) {
        render.cancel(true);
      }
    }
    return sheet;
  }

  private static String render(String photoId) {
    if (photoId.isBlank()) {
      throw new IllegalArgumentException("no photo");
    }
    return "thumb-" + photoId;
  }
}
