// Scenario: 004-finally-cleanup (correct)
// The file is closed by try-with-resources and the partial file is removed in finally, so a
// cancellation at any chunk leaves nothing open and nothing half-written behind.
package samples.s004_finally_cleanup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;

/** Assembles a downloaded file from the chunks a fetcher thread queues (empty chunk = end). */
public final class ChunkDownloader implements Callable<Path> {
  private final BlockingQueue<byte[]> chunks;
  private final Path target;

  public ChunkDownloader(BlockingQueue<byte[]> chunks, Path target) {
    this.chunks = chunks;
    this.target = target;
  }

  @Override
  public Path call() throws IOException, InterruptedException {
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try {
      try (OutputStream out = Files.newOutputStream(partial)) {
        while (true) {
          byte[] chunk = chunks.take();
          if (chunk.length == 0) {
            break;
          }
          out.write(chunk);
        }
      }
      return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
