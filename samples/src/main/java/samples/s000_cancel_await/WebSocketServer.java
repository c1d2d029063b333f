// Scenario: 000-cancel-await (correct)
// Cancel, then await: stop() interrupts the accept thread and joins it, so no client can
// arrive any more; then it interrupts the handlers and waits for the pool to terminate. Only
// then does it report "server stopped" — and when the wait times out it says so.
package samples.s000_cancel_await;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A websocket-like server whose stop() returns only once the server has stopped. */
public final class WebSocketServer {
  /** Reads a client's next websocket frame from its socket; blocks until one arrives. */
  public interface FrameReader {
    String read(String client) throws InterruptedException;
  }

  private final BlockingQueue<String> handshakes = new LinkedBlockingQueue<>();
  private final List<String> sessions = new CopyOnWriteArrayList<>();
  private final ExecutorService handlers = Executors.newFixedThreadPool(4);
  private final Thread acceptThread = new Thread(this::acceptLoop, "ws-accept");
  private final FrameReader frames;

  public WebSocketServer(FrameReader frames) {
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

  public void stop() throws InterruptedException {
    acceptThread.interrupt();
    acceptThread.join();
    handlers.shutdownNow();
    if (!handlers.awaitTermination(5, TimeUnit.SECONDS)) {
      System.err.println("some handlers did not stop within 5 s");
      return;
    }
    System.out.println("server stopped, open sessions: " + sessions.size());
  }

  public static void main(String[] args) throws InterruptedException {
    WebSocketServer server = new WebSocketServer(WebSocketServer::simulatedRead);
    server.start();
    server.handshake("alice");
    server.handshake("bob");
    Thread.sleep(200);
    server.stop();
  }
}
