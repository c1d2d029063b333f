// Scenario: 002-no-task-in-handler (incorrect)
// asyncio warns: do not create tasks in a cancellation handler, the loop is shutting down
// ("Task was destroyed but it is pending!"). Here the handler, interrupted because the chat
// server is stopping, logs and hands a "user left" notice to the notifier pool, which the same
// shutdown is stopping: the notice is rejected or cut off half-sent.
package samples.s002_no_task_in_handler;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;

/** Serves one chat connection: relays what the user types to the room. */
public final class BrokenConnectionHandler implements Runnable {
  /** The other users of the room. */
  public interface Room {
    void broadcast(String from, String message);
  }

  private final String user;
  private final BlockingQueue<String> inbox;
  private final Room room;
  private final ExecutorService notifier;

  public BrokenConnectionHandler(
      String user, BlockingQueue<String> inbox, Room room, ExecutorService notifier) {
    this.user = user;
    this.inbox = inbox;
    this.room = room;
    this.notifier = notifier;
  }

  @Override
  public void run() {
    try {
      while (true) {
        room.broadcast(user, inbox.take());
      }
    } catch (InterruptedException e) {
      System.out.println(user + ": handler interrupted, closing the connection");
      // BUG: TaskStartedDuringCancellation
      notifier.execute(() -> room.broadcast("server", user + " left"));
      Thread.currentThread().interrupt();
    }
  }
}
