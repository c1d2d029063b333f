// Scenario: 000-shutdown-pattern (correct)
// The seed's pattern: start the server task, run the business logic in `try`, and in `finally`
// cancel the server and wait for it; only then is the transcript it writes closed. At the waiting
// site the cancellation this code caused is the normal outcome (`catch (CancellationException
// expected)`), while any other failure of the server task is logged.
package samples.s000_shutdown_pattern;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Runs a chat room's relay as a background task for the length of one session. */
public final class ChatRoomSession {
  private final ExecutorService serverExecutor = Executors.newSingleThreadExecutor();
  private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
  private final Writer transcript;

  public ChatRoomSession(Writer transcript) {
    this.transcript = transcript;
  }

  /** The server task: relays messages until it is cancelled. */
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
      server.cancel(true);
      serverExecutor.shutdown();
      if (serverExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
        transcript.close();
      } else {
        System.err.println("relay did not stop within 5 s; transcript left open");
      }
    }
    try {
      server.get();
    } catch (CancellationException expected) {
      System.out.println("relay stopped");
    } catch (ExecutionException e) {
      System.err.println("relay failed: " + e.getCause());
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    new ChatRoomSession(new PrintWriter(System.out, true))
        .run(new BufferedReader(new InputStreamReader(System.in)));
  }
}
