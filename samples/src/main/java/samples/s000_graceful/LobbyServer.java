// Scenario: 000-graceful (correct)
// Each step of the stop is finished before the next begins: the acceptor is stopped and
// awaited (no client can arrive any more), every client is told, the handlers are allowed to
// deliver that notice and are awaited — interrupted only if they take too long — and only
// then are the connections dropped and the chat log closed. When the handlers cannot be
// stopped, the log is left open rather than closed under them.
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
import java.util.concurrent.TimeUnit;

/** A chat lobby that stops in order, waiting for each step. */
public final class LobbyServer {
  static final String SHUTDOWN_NOTICE = "server going down";

  private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
  private final ExecutorService handlers = Executors.newFixedThreadPool(4);
  private final BlockingQueue<String> arrivals = new LinkedBlockingQueue<>();
  private final Map<String, BlockingQueue<String>> clients = new ConcurrentHashMap<>();
  private final Writer chatLog;

  public LobbyServer(Writer chatLog) {
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

  public void stop() throws IOException, InterruptedException {
    acceptor.shutdownNow();
    if (!acceptor.awaitTermination(5, TimeUnit.SECONDS)) {
      System.err.println("acceptor did not stop; late clients will miss the notice");
    }
    broadcast(SHUTDOWN_NOTICE);
    handlers.shutdown();
    if (!handlers.awaitTermination(10, TimeUnit.SECONDS)) {
      handlers.shutdownNow();
      if (!handlers.awaitTermination(5, TimeUnit.SECONDS)) {
        System.err.println("handlers still running; leaving the chat log open");
        return;
      }
    }
    clients.clear();
    chatLog.close();
  }

  public static void main(String[] args) throws Exception {
    LobbyServer lobby = new LobbyServer(new PrintWriter(System.out, true));
    lobby.start();
    lobby.connect("alice");
    lobby.connect("bob");
    Thread.sleep(100);
    lobby.stop();
  }
}
