// Scenario: 000-shutdown-pattern (incorrect)
// The same session, with `finally` that cancels but does not wait: it closes the transcript
// right after cancel(true). cancel() only asks; the relay may be in the middle of writing a
// message when the transcript is closed under it, and the last lines are lost or fail.
package samples.s000_shutdown_pattern;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
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
  private final Writer transcript;

  public BrokenChatRoomSession(Writer transcript) {
    this.transcript = transcript;
  }

  private Void relay() throws InterruptedException, IOException {
    while (true) {
      String message = inbox.take();
      transcript.write(message + "\n");
      System.out.println("relayed: " + message);
    }
  }

  /** Relays what the user types until they hang up (the end of the input). */
  public void run(BufferedReader userInput) throws IOException, InterruptedException {
    Callable<Void> relayTask = this::relay;
    Future<Void> server = serverExecutor.submit(relayTask);
    try {
      String line;
      while ((line = userInput.readLine()) != null) {
        inbox.put(line);
      }
    } finally {
      // BUG: CancelWithoutAwait
      server.cancel(true);
      transcript.close();
      serverExecutor.shutdown();
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    new BrokenChatRoomSession(new PrintWriter(System.out, true))
        .run(new BufferedReader(new InputStreamReader(System.in)));
  }
}
