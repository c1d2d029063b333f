// Scenario: 004-cpu-loop (incorrect)
// asyncio's `.cancel()` never stops a loop that does heavy computation without an await. A
// CPU-bound Java task is the same: this blur job runs through every pixel of every photo and
// never looks at the interrupt flag, so when the user leaves the page and the web layer calls
// cancel(true) on the returned future, the worker thread blurs the whole batch anyway.
package samples.s004_cpu_loop;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Blurs uploaded photos on a worker pool. */
public final class BrokenPhotoBlurrer {
  private final ExecutorService workers;

  public BrokenPhotoBlurrer(ExecutorService workers) {
    this.workers = workers;
  }

  /** Starts blurring; the caller cancels the future when the result is no longer wanted. */
  public Future<List<BufferedImage>> blurAll(List<BufferedImage> photos) {
    return workers.submit(
        () -> {
          List<BufferedImage> blurred = new ArrayList<>();
          // BUG: LoopWithoutCancellationPoint
          for (BufferedImage photo : photos) {
            BufferedImage out =
                new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < photo.getHeight(); y++) {
              for (int x = 0; x < photo.getWidth(); x++) {
                out.setRGB(x, y, BoxBlur.average(photo, x, y));
              }
            }
            blurred.add(out);
          }
          return blurred;
        });
  }
}
