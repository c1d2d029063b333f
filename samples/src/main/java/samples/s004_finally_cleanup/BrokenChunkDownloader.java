// Scenario: 004-finally-cleanup (incorrect)
// close() at the end of the happy path never runs when the task is cancelled. This download
// task writes chunks to a partial file as a fetcher thread queues them; cancelled while it
// waits for the next chunk, it leaves with the file still open.
package samples.s004_finally_cleanup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;

/** Assembles a downloaded file from the chunks a fetcher thread queues (empty chunk = end). */
public final class BrokenChunkDownloader implements Callable<Path> {
  private final BlockingQueue<byte[]> chunks;
  private final Path target;

  public BrokenChunkDownloader(BlockingQueue<byte[]> chunks, Path target) {
    this.chunks = chunks;
    this.target = target;
  }

  @Override
  public Path call() throws IOException, InterruptedException {
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    // BUG: ResourceLeakOnCancel
    OutputStream out = Files.newOutputStream(partial);
    while (true) {
      byte[] chunk = chunks.take();
      if (chunk.length == 0) {
        break;
      }
      out.write(chunk);
    }
    out.close();
    return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
  }
}
