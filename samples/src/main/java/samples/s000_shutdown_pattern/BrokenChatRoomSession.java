// Scenario: 000-shutdown-pattern (incorrect)
// The same session, with `finally` that cancels but does not wait: it closes the transcript
// right after cancel(true). cancel() only asks; the relay may be in the middle of writing a
// message when the transcript is closed under it, and the last lines are lost or fail.
package samples.s000_shutdown_pattern;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/** A chat room session that closes its transcript while the relay may still write to it. */
public final class BrokenChatRoomSession {
  private final ExecutorService serverExecutor = Executors.newSingleThreadExecutor();
  private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
  private final PrintWriter transcript;

  public BrokenChatRoomSession(PrintWriter transcript) {
    this.transcript = transcript;
  }

  private Void relay() throws InterruptedException {
    while (true) {
      String message = inbox.take();
      transcript.println(message);
      System.out.println("relayed: " + message);
    }
  }

  public void run(List<String> script) throws InterruptedException {
    Callable<Void> relayTask = this::relay;
    Future<Void> server = serverExecutor.submit(relayTask);
    try {
      for (String line : script) {
        inbox.put(line);
      }
      Thread.sleep(100);
    } finally {
      // BUG: CancelWithoutAwait
      server.cancel(true);
      transcript.close();
      serverExecutor.shutdown();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    new BrokenChatRoomSession(new PrintWriter(System.out, true))
        .run(List.of("hi", "how are you?", "bye"));
  }
}
