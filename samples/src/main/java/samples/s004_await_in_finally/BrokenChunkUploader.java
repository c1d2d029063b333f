// Scenario: 004-await-in-finally (incorrect)
// In asyncio an await inside `finally` after a cancellation can itself be cancelled, so cleanup
// that must finish has to be shielded. Java's version: once the catch has restored the interrupt
// flag, the next blocking call throws InterruptedException at once. Here the finally hands the
// end-of-upload marker to the sender thread and waits for it to flush the chunks already queued,
// but after the restore both calls give up immediately: the upload is left half-sent and is
// never closed.
package samples.s004_await_in_finally;

import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/** Uploads a file in chunks: this thread reads, a sender thread writes them to the wire. */
public final class BrokenChunkUploader {
  private static final byte[] END_OF_UPLOAD = new byte[0];
  private static final long FLUSH_MILLIS = 5_000;

  private final BlockingQueue<byte[]> outbox = new ArrayBlockingQueue<>(16);
  private final Consumer<byte[]> wire;
  private final ThreadFactory senders;

  public BrokenChunkUploader(Consumer<byte[]> wire) {
    this(wire, Thread.ofPlatform().name("chunk-sender").factory());
  }

  public BrokenChunkUploader(Consumer<byte[]> wire, ThreadFactory senders) {
    this.wire = wire;
    this.senders = senders;
  }

  public void upload(Iterator<byte[]> chunks) {
    Thread sender = senders.newThread(this::send);
    sender.start();
    try {
      while (chunks.hasNext()) {
        outbox.put(chunks.next());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        // BUG: InterruptibleCleanup
        outbox.put(END_OF_UPLOAD);
        sender.join(FLUSH_MILLIS);
      } catch (InterruptedException again) {
        Thread.currentThread().interrupt();
        System.err.println("upload left unfinished: the flush was interrupted");
      }
    }
  }

  private void send() {
    try {
      for (byte[] chunk = outbox.take(); chunk != END_OF_UPLOAD; chunk = outbox.take()) {
        wire.accept(chunk);
      }
      wire.accept(END_OF_UPLOAD);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
