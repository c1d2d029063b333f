// Scenario: 002-no-task-in-handler (correct)
// The handler does only quick, non-blocking work while it is being cancelled: it logs, leaves
// the departure in a queue that the server drains after its handlers have stopped, and passes
// the interrupt on. No task is started while the pools are going away.
package samples.s002_no_task_in_handler;

import java.util.Queue;
import java.util.concurrent.BlockingQueue;

/** Serves one chat connection: relays what the user types to the room. */
public final class ConnectionHandler implements Runnable {
  /** The other users of the room. */
  public interface Room {
    void broadcast(String from, String message);
  }

  private final String user;
  private final BlockingQueue<String> inbox;
  private final Room room;
  private final Queue<String> departures;

  public ConnectionHandler(
      String user, BlockingQueue<String> inbox, Room room, Queue<String> departures) {
    this.user = user;
    this.inbox = inbox;
    this.room = room;
    this.departures = departures;
  }

  @Override
  public void run() {
    try {
      while (true) {
        room.broadcast(user, inbox.take());
      }
    } catch (InterruptedException e) {
      System.out.println(user + ": handler interrupted, closing the connection");
      departures.offer(user);
      Thread.currentThread().interrupt();
    }
  }
}
