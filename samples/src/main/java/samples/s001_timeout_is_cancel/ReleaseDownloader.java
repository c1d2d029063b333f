// Scenario: 001-timeout-is-cancel (correct)
// When the deadline passes, the downloader cancels the download it gave up on, the way
// asyncio.wait_for would: cancel(true) interrupts the fetching thread, whose blocking read
// ends, and the pool thread is free for the next request.
package samples.s001_timeout_is_cancel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Downloads a release archive from a mirror, giving up when the mirror misses the deadline. */
public final class ReleaseDownloader {
  /** Where the bytes come from: a mirror's web server, by default. */
  public interface Mirror {
    byte[] fetch(URI archive) throws IOException;
  }

  private final ExecutorService downloads;
  private final long deadlineSeconds;
  private final Mirror mirror;

  public ReleaseDownloader(ExecutorService downloads, long deadlineSeconds) {
    this(downloads, deadlineSeconds, ReleaseDownloader::fetch);
  }

  public ReleaseDownloader(ExecutorService downloads, long deadlineSeconds, Mirror mirror) {
    this.downloads = downloads;
    this.deadlineSeconds = deadlineSeconds;
    this.mirror = mirror;
  }

  public Optional<byte[]> download(URI archive) throws IOException, InterruptedException {
    Future<byte[]> bytes = downloads.submit(() -> mirror.fetch(archive));
    try {
      return Optional.of(bytes.get(deadlineSeconds, TimeUnit.SECONDS));
    } catch (TimeoutException e) {
      bytes.cancel(true); // the timeout is a cancellation: stop the download
      System.err.println(archive + " missed the " + deadlineSeconds + " s deadline");
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IOException("download of " + archive + " failed", e.getCause());
    } catch (InterruptedException e) {
      bytes.cancel(true);
      throw e;
    }
  }

  private static byte[] fetch(URI archive) throws IOException {
    try (InputStream in = archive.toURL().openStream()) {
      return in.readAllBytes();
    }
  }
}
