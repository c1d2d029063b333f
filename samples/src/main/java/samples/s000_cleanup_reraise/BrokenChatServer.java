// Scenario: 000-cleanup-reraise (incorrect)
// The server task cleans up when it is cancelled but does not re-raise: asyncio's
// `except CancelledError: cleanup()` without `raise`. In Java the catch closes the
// connections and neither rethrows InterruptedException nor restores the flag, so the
// executor that called cancel(true) sees a task that finished normally.
package samples.s000_cleanup_reraise;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A chat server whose accept loop swallows the cancellation it receives. */
public final class BrokenChatServer implements Runnable {
  private final BlockingQueue<String> incomingConnections = new LinkedBlockingQueue<>();
  private final List<String> openConnections = new ArrayList<>();

  @Override
  public void run() {
    try {
      while (true) {
        String client = incomingConnections.take();
        openConnections.add(client);
        System.out.println("accepted " + client);
      }
      // BUG: SwallowedInterrupt
    } catch (InterruptedException e) {
      closeAll();
      System.out.println("server cleaned up");
    }
  }

  private void closeAll() {
    for (String connection : openConnections) {
      System.out.println("closing " + connection);
    }
    openConnections.clear();
  }

  /** Runs the server as a pool task and cancels it, as a hosting application would. */
  public static void main(String[] args) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<?> server = pool.submit(new BrokenChatServer());
    server.cancel(true);
    pool.shutdown();
    System.out.println("server task ended: " + pool.awaitTermination(1, TimeUnit.SECONDS));
  }
}
