// Scenario: 003-consumed-error (incorrect)
// Catching a child's error inside a Swift task group body stops the propagation: the group
// returns what it has, and the siblings are not cancelled. Here the loop catches the first
// failed render, logs it and breaks out with a partial sheet, while the renders it stopped
// waiting for go on burning CPU.
package samples.s003_consumed_error;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Builds a contact sheet of thumbnails rendered in parallel. */
public final class BrokenThumbnailSheet {
  /** Renders one photo's thumbnail (an image codec in production); throws on a bad photo. */
  public interface Renderer {
    String render(String photoId) throws Exception;
  }

  private final ExecutorService renderers;
  private final Renderer renderer;

  public BrokenThumbnailSheet(ExecutorService renderers) {
    this(renderers, BrokenThumbnailSheet::render);
  }

  public BrokenThumbnailSheet(ExecutorService renderers, Renderer renderer) {
    this.renderers = renderers;
    this.renderer = renderer;
  }

  public List<String> build(List<String> photoIds) throws InterruptedException {
    List<Future<String>> renders = new ArrayList<>();
    for (String photoId : photoIds) {
      renders.add(renderers.submit(() -> renderer.render(photoId)));
    }
    List<String> sheet = new ArrayList<>();
    for (Future<String> render : renders) {
      try {
        // BUG: OrphanedSubtasks
        sheet.add(render.get());
      } catch (ExecutionException e) {
        System.err.println("sheet incomplete: " + e.getCause());
        break;
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
