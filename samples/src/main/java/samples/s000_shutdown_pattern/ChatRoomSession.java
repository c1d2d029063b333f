// Scenario: 000-shutdown-pattern (correct)
// The seed's pattern: start the server task, run the business logic in `try`, and in `finally`
// cancel the server and wait for it. At the waiting site the cancellation this code caused is
// the normal outcome (`catch (CancellationException expected)`), while any other failure of the
// server task is logged.
package samples.s000_shutdown_pattern;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Runs a chat room's relay as a background task for the length of one scripted session. */
public final class ChatRoomSession {
  private final ExecutorService serverExecutor = Executors.newSingleThreadExecutor();
  private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
  private final List<String> transcript = new CopyOnWriteArrayList<>();

  /** The server task: relays messages until it is cancelled. */
  private Void relay() throws InterruptedException {
    while (true) {
      String message = inbox.take();
      transcript.add(message);
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
      server.cancel(true);
      serverExecutor.shutdown();
      if (!serverExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
        System.err.println("relay did not stop within 5 s");
      }
    }
    try {
      server.get();
    } catch (CancellationException expected) {
      System.out.println("relay stopped after " + transcript.size() + " messages");
    } catch (ExecutionException e) {
      System.err.println("relay failed: " + e.getCause());
    }
  }

  public static void main(String[] args) throws InterruptedException {
    new ChatRoomSession().run(List.of("hi", "how are you?", "bye"));
  }
}
