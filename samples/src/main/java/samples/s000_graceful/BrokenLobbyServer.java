// Scenario: 000-graceful (incorrect)
// A graceful stop is a sequence: stop accepting, tell the clients, close the connections,
// release the resources — each step finished before the next starts. This stop() fires every
// step at once: it tells the clients while the acceptor may still register one, and it drops
// the connections and closes the chat log while the handlers are still writing to it.
package samples.s000_graceful;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/** A chat lobby: an acceptor registers clients, one handler per client logs its messages. */
public final class BrokenLobbyServer {
  static final String SHUTDOWN_NOTICE = "server going down";

  private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
  private final ExecutorService handlers = Executors.newFixedThreadPool(4);
  private final BlockingQueue<String> arrivals = new LinkedBlockingQueue<>();
  private final Map<String, BlockingQueue<String>> clients = new ConcurrentHashMap<>();
  private final Writer chatLog;

  public BrokenLobbyServer(Writer chatLog) {
    this.chatLog = chatLog;
  }

  public void start() {
    acceptor.execute(this::acceptLoop);
  }

  /** A client connects; the acceptor registers it and gives it a handler. */
  public void connect(String name) throws InterruptedException {
    arrivals.put(name);
  }

  private void acceptLoop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        String name = arrivals.take();
        BlockingQueue<String> outbox = new LinkedBlockingQueue<>();
        clients.put(name, outbox);
        handlers.execute(() -> serve(name, outbox));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(String name, BlockingQueue<String> outbox) {
    try {
      chatLog.write(name + " joined\n");
      while (!Thread.currentThread().isInterrupted()) {
        String message = outbox.take();
        chatLog.write(name + " <- " + message + "\n");
        if (message.equals(SHUTDOWN_NOTICE)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      System.err.println("chat log failed for " + name + ": " + e);
    }
  }

  private void broadcast(String message) {
    for (BlockingQueue<String> outbox : clients.values()) {
      outbox.offer(message);
    }
  }

  public void stop() throws IOException {
    // BUG: CancelWithoutAwait
    acceptor.shutdownNow();
    broadcast(SHUTDOWN_NOTICE);
    // BUG: CancelWithoutAwait
    handlers.shutdownNow();
    clients.clear();
    chatLog.close();
  }

  public static void main(String[] args) throws Exception {
    BrokenLobbyServer lobby = new BrokenLobbyServer(new PrintWriter(System.out, true));
    lobby.start();
    lobby.connect("alice");
    lobby.connect("bob");
    Thread.sleep(100);
    lobby.stop();
  }
}
