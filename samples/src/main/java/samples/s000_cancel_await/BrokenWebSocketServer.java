// Scenario: 000-cancel-await (incorrect)
// Cancelling only sends a request. asyncio's `server_task.cancel()` returns at once and the
// server runs on until someone awaits it; Java's interrupt() and shutdownNow() are the same.
// Here stop() interrupts the accept thread, shuts the handler pool down, prints "server stopped"
// and returns: the accept loop may still hand a client to a pool that is going away, and the
// handlers are still answering frames when the caller believes the server is gone.
package samples.s000_cancel_await;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/** A websocket-like server: one accept thread, and a pool that serves each client's frames. */
public final class BrokenWebSocketServer {
  /** Reads a client's next websocket frame from its socket; blocks until one arrives. */
  public interface FrameReader {
    String read(String client) throws InterruptedException;
  }

  private final BlockingQueue<String> handshakes = new LinkedBlockingQueue<>();
  private final List<String> sessions = new CopyOnWriteArrayList<>();
  private final ExecutorService handlers = Executors.newFixedThreadPool(4);
  private final Thread acceptThread = new Thread(this::acceptLoop, "ws-accept");
  private final FrameReader frames;

  public BrokenWebSocketServer(FrameReader frames) {
    this.frames = frames;
  }

  public void start() {
    acceptThread.start();
  }

  /** A client's handshake arrives; the accept loop opens its session. */
  public void handshake(String client) throws InterruptedException {
    handshakes.put(client);
  }

  /** The clients whose sessions are still being served. */
  public List<String> openSessions() {
    return List.copyOf(sessions);
  }

  /** Takes handshakes until interrupted; every client gets a handler task. */
  private void acceptLoop() {
    try {
      while (true) {
        String client = handshakes.take();
        sessions.add(client);
        handlers.execute(() -> serveFrames(client));
      }
    } catch (InterruptedException e) {
      System.out.println("accept loop stopping");
      Thread.currentThread().interrupt();
    }
  }

  private void serveFrames(String client) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        String frame = frames.read(client);
        System.out.println(client + " <- " + frame);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sessions.remove(client);
    }
  }

  /** Stands in for a blocking read of the next websocket frame. */
  static String simulatedRead(String client) throws InterruptedException {
    Thread.sleep(50);
    return "ping for " + client;
  }

  public void stop() {
    // BUG: CancelWithoutAwait
    acceptThread.interrupt();
    // BUG: CancelWithoutAwait
    handlers.shutdownNow();
    System.out.println("server stopped");
  }

  public static void main(String[] args) throws InterruptedException {
    BrokenWebSocketServer server = new BrokenWebSocketServer(BrokenWebSocketServer::simulatedRead);
    server.start();
    server.handshake("alice");
    server.handshake("bob");
    Thread.sleep(200);
    server.stop();
    System.out.println("sessions still open after stop(): " + server.openSessions());
  }
}
