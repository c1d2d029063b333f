// Scenario: 004-cpu-loop (correct)
// The same job with a cancellation point per row: `if (Thread.interrupted()) throw new
// InterruptedException()` is Swift's checkCancellation() in Java. A cancel(true) stops the job
// within one row of pixels, and the InterruptedException ends the task as cancelled.
package samples.s004_cpu_loop;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Blurs uploaded photos on a worker pool, and stops when cancelled. */
public final class PhotoBlurrer {
  private final ExecutorService workers;

  public PhotoBlurrer(ExecutorService workers) {
    this.workers = workers;
  }

  /** Starts blurring; the caller cancels the future when the result is no longer wanted. */
  public Future<List<BufferedImage>> blurAll(List<BufferedImage> photos) {
    return workers.submit(
        () -> {
          List<BufferedImage> blurred = new ArrayList<>();
          for (BufferedImage photo : photos) {
            BufferedImage out =
                new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < photo.getHeight(); y++) {
              if (Thread.interrupted()) {
                throw new InterruptedException("blur cancelled");
              }
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
