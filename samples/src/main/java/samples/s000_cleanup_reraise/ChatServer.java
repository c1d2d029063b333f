// Scenario: 000-cleanup-reraise (correct)
// Clean up in the cancellation handler, then re-raise: the Java form restores the
// interrupt flag after the cleanup so the task's owner sees that it was cancelled.
package samples.s000_cleanup_reraise;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A chat server whose accept loop cleans up and then passes the cancellation on. */
public final class ChatServer implements Runnable {
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
    } catch (InterruptedException e) {
      closeAll();
      System.out.println("server cleaned up");
      Thread.currentThread().interrupt();
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
    Future<?> server = pool.submit(new ChatServer());
    server.cancel(true);
    pool.shutdown();
    System.out.println("server task ended: " + pool.awaitTermination(1, TimeUnit.SECONDS));
  }
}
