// Scenario: 001-timeout-is-cancel (incorrect)
// asyncio.wait_for cancels the work when time is up: a timeout is a cancellation. Java's
// Future.get(timeout, unit) only stops waiting. This downloader gives up on a slow mirror after
// its deadline and reports "no release", but the download it gave up on keeps running on the
// pool: a zombie per slow request, holding a thread and a connection, its bytes thrown away.
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
public final class BrokenReleaseDownloader {
  /** Where the bytes come from: a mirror's web server, by default. */
  public interface Mirror {
    byte[] fetch(URI archive) throws IOException;
  }

  private final ExecutorService downloads;
  private final long deadlineSeconds;
  private final Mirror mirror;

  public BrokenReleaseDownloader(ExecutorService downloads, long deadlineSeconds) {
    this(downloads, deadlineSeconds, BrokenReleaseDownloader::fetch);
  }

  public BrokenReleaseDownloader(ExecutorService downloads, long deadlineSeconds, Mirror mirror) {
    this.downloads = downloads;
    this.deadlineSeconds = deadlineSeconds;
    this.mirror = mirror;
  }

  public Optional<byte[]> download(URI archive) throws IOException, InterruptedException {
    Future<byte[]> bytes = downloads.submit(() -> mirror.fetch(archive));
    try {
      // BUG: TimeoutWithoutCancel
      return Optional.of(bytes.get(deadlineSeconds, TimeUnit.SECONDS));
    } catch (TimeoutException e) {
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
