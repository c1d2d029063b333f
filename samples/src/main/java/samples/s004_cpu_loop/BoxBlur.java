// Scenario: 004-cpu-loop (correct)
// The per-pixel arithmetic both blur jobs share: a 3x3 box average, per colour channel.
package samples.s004_cpu_loop;

import java.awt.image.BufferedImage;

/** A 3x3 box blur of one pixel. */
final class BoxBlur {
  private BoxBlur() {}

  static int average(BufferedImage image, int x, int y) {
    int red = 0;
    int green = 0;
    int blue = 0;
    int count = 0;
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int nx = x + dx;
        int ny = y + dy;
        if (nx >= 0 && ny >= 0 && nx < image.getWidth() && ny < image.getHeight()) {
          int rgb = image.getRGB(nx, ny);
          red += (rgb >> 16) & 0xff;
          green += (rgb >> 8) & 0xff;
          blue += rgb & 0xff;
          count++;
        }
      }
    }
    return ((red / count) << 16) | ((green / count) << 8) | (blue / count);
  }
}
