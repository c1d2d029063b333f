// Scenario: 004-await-in-finally (correct)
// The cleanup that must finish runs before the interrupt flag is restored: the catch only notes
// the interrupt, the finally flushes what was queued and waits for the sender, and the flag is
// restored last, so the caller still learns that it was interrupted.
package samples.s004_await_in_finally;

import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/** Uploads a file in chunks: this thread reads, a sender thread writes them to the wire. */
public final class ChunkUploader {
  private static final byte[] END_OF_UPLOAD = new byte[0];
  private static final long FLUSH_MILLIS = 5_000;

  private final BlockingQueue<byte[]> outbox = new ArrayBlockingQueue<>(16);
  private final Consumer<byte[]> wire;
  private final ThreadFactory senders;

  public ChunkUploader(Consumer<byte[]> wire) {
    this(wire, Thread.ofPlatform().name("chunk-sender").factory());
  }

  public ChunkUploader(Consumer<byte[]> wire, ThreadFactory senders) {
    this.wire = wire;
    this.senders = senders;
  }

  public void upload(Iterator<byte[]> chunks) {
    Thread sender = senders.newThread(this::send);
    sender.start();
    boolean interrupted = false;
    try {
      while (chunks.hasNext()) {
        outbox.put(chunks.next());
      }
    } catch (InterruptedException e) {
      interrupted = true; // finish the upload first, restore the flag last
    } finally {
      try {
        outbox.put(END_OF_UPLOAD);
        sender.join(FLUSH_MILLIS);
      } catch (InterruptedException again) {
        interrupted = true;
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
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
