package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait where the stop hands the wait on (it returns what a call given the cancelled
 * work gives back) or only adds its own element to a concurrent queue the tasks fill; and the
 * must-flag cases next to them.
 */
class CancelWithoutAwaitHandedWaitsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private static final String TERMINATIONS =
      """
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      class Terminations {
        CompletableFuture<Void> untimedWait(ExecutorService pool, String name) {
          return CompletableFuture.runAsync(() -> {
            try {
              pool.awaitTermination(1, java.util.concurrent.TimeUnit.DAYS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
        }
        CompletableFuture<Void> later(String name) {
          return new CompletableFuture<>();
        }
      }
      """;

  @Test
  void negative_stopReturnsTheWaitOfACallGivenThePool() {
    helper
        .addSourceLines("Terminations.java", TERMINATIONS)
        .addSourceLines(
            "Queue.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Queue {
              private final ExecutorService queueThread = Executors.newSingleThreadExecutor();
              private volatile boolean running = true;
              void start() {
                queueThread.execute(() -> { while (running) { Thread.onSpinWait(); } });
              }
              CompletableFuture<Void> shutdown(Terminations terminations, boolean interrupt) {
                running = false;
                queueThread.shutdownNow();
                return interrupt
                    ? terminations.untimedWait(queueThread, "queue")
                    : terminations.untimedWait(queueThread, "queue (graceful)");
              }
              CompletableFuture<Void> close(Terminations terminations) {
                queueThread.shutdown();
                return terminations.untimedWait(queueThread, "queue");
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_stopReturnsAHandleNotMadeFromThePool() {
    helper
        .addSourceLines("Terminations.java", TERMINATIONS)
        .addSourceLines(
            "Queue.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Queue {
              private final ExecutorService queueThread = Executors.newSingleThreadExecutor();
              private final ExecutorService other = Executors.newSingleThreadExecutor();
              private volatile boolean running = true;
              void start() {
                queueThread.execute(() -> { while (running) { Thread.onSpinWait(); } });
              }
              CompletableFuture<Void> shutdown(Terminations terminations) {
                // BUG: Diagnostic contains: shutdown() returns
                queueThread.shutdownNow();
                return terminations.later("queue");
              }
              CompletableFuture<Void> stop(Terminations terminations) {
                // BUG: Diagnostic contains: stop() returns
                queueThread.shutdownNow();
                return terminations.untimedWait(other, "other");
              }
              CompletableFuture<Void> close(Terminations terminations, boolean wait) {
                // BUG: Diagnostic contains: close() returns
                queueThread.shutdownNow();
                return wait
                    ? terminations.untimedWait(queueThread, "queue")
                    : CompletableFuture.completedFuture(null);
              }
              void dispose(Terminations terminations) {
                // BUG: Diagnostic contains: dispose() returns
                queueThread.shutdownNow();
                terminations.untimedWait(queueThread, "queue");
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_offerToAConcurrentQueueTheTasksFill() {
    helper
        .addSourceLines(
            "Reader.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ConcurrentLinkedDeque;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Reader {
              private final ScheduledExecutorService scheduler =
                  Executors.newSingleThreadScheduledExecutor();
              private final BlockingQueue<String> signals = new LinkedBlockingQueue<>();
              private final ConcurrentLinkedDeque<String> events = new ConcurrentLinkedDeque<>();
              void start() {
                scheduler.scheduleAtFixedRate(
                    () -> { signals.offer("tick"); events.addLast("tick"); }, 1, 1, TimeUnit.SECONDS);
              }
              void flush() throws InterruptedException {
                scheduler.shutdown();
                signals.offer("flush");
                this.signals.put("poison");
                events.addLast("end");
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_setOfAnAtomicTheTasksAlsoSet() {
    helper
        .addSourceLines(
            "Notifier.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicBoolean;
            import java.util.concurrent.atomic.AtomicLong;
            class Notifier {
              private final ScheduledExecutorService scheduler =
                  Executors.newSingleThreadScheduledExecutor();
              private final AtomicBoolean pending = new AtomicBoolean();
              private final AtomicLong last = new AtomicLong();
              void start() {
                scheduler.scheduleWithFixedDelay(
                    () -> { pending.set(false); last.lazySet(System.nanoTime()); },
                    1, 1, TimeUnit.SECONDS);
              }
              void stopUpdates() {
                scheduler.shutdownNow();
                pending.set(false);
                this.last.lazySet(0L);
                scheduler.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_readOfAnAtomicOrStoringNull() {
    helper
        .addSourceLines(
            "Notifier.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicBoolean;
            import java.util.concurrent.atomic.AtomicReference;
            class Notifier {
              private final ScheduledExecutorService scheduler =
                  Executors.newSingleThreadScheduledExecutor();
              private final AtomicBoolean pending = new AtomicBoolean();
              private final AtomicReference<String> current = new AtomicReference<>("");
              void start() {
                scheduler.scheduleWithFixedDelay(
                    () -> { pending.set(true); current.set(current.get().trim()); },
                    1, 1, TimeUnit.SECONDS);
              }
              boolean pendingAtTheEnd() {
                // BUG: Diagnostic contains: reads pending
                scheduler.shutdownNow();
                return pending.getAndSet(false);
              }
              void stopAndSwap() {
                // BUG: Diagnostic contains: reads pending
                scheduler.shutdownNow();
                pending.compareAndSet(true, false);
              }
              void stopAndDrop() {
                // BUG: Diagnostic contains: reads current
                scheduler.shutdownNow();
                current.set(null);
              }
              void stopAndCopy() {
                // BUG: Diagnostic contains: reads current
                scheduler.shutdownNow();
                pending.set(current.get().isEmpty());
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_aStopThatRunsOnceReachedByTheTask() {
    helper
        .addSourceLines(
            "Replicator.java",
            """
            import java.io.Closeable;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.ScheduledFuture;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Replicator {
              interface Connection extends Closeable { void destroy(); }
              private final ScheduledExecutorService scheduler;
              private ScheduledFuture<?> checker;
              private Connection connection;
              private boolean started;
              Replicator(ScheduledExecutorService scheduler, Connection connection) {
                this.scheduler = scheduler;
                this.connection = connection;
              }
              synchronized void start() {
                started = true;
                checker = scheduler.scheduleAtFixedRate(this::check, 1, 1, TimeUnit.SECONDS);
              }
              private void check() {
                if (System.nanoTime() % 7 == 0) {
                  stop();
                }
              }
              void stop() {
                synchronized (this) {
                  if (!started) {
                    System.out.println("not started");
                    return;
                  }
                  started = false;
                }
                if (checker != null) {
                  checker.cancel(false);
                  checker = null;
                }
                Connection toStop = connection;
                if (toStop != null) {
                  toStop.destroy();
                }
                connection = null;
              }
            }
            """)
        .addSourceLines(
            "Poller.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.Future;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Poller {
              interface Channel extends Closeable { String poll() throws IOException; }
              private final AtomicBoolean closed = new AtomicBoolean();
              private final ScheduledExecutorService scheduler;
              private final Channel channel;
              private final Channel log;
              private Future<?> poll;
              Poller(ScheduledExecutorService scheduler, Channel channel, Channel log) {
                this.scheduler = scheduler;
                this.channel = channel;
                this.log = log;
              }
              void start() {
                poll = scheduler.schedule(this::pollOnce, 1, TimeUnit.SECONDS);
              }
              private void pollOnce() {
                try {
                  System.out.println(log.poll());
                } catch (IOException e) {
                  release();
                }
              }
              void release() {
                if (!closed.compareAndSet(false, true)) {
                  return;
                }
                poll.cancel(true);
                try {
                  channel.close();
                } catch (IOException ignored) {
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_aStopWithoutAOnceGuardOrUsedByTheTaskItself() {
    helper
        .addSourceLines(
            "Replicator.java",
            """
            import java.io.Closeable;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.ScheduledFuture;
            import java.util.concurrent.TimeUnit;
            class Replicator {
              interface Connection extends Closeable { void destroy(); }
              private final ScheduledExecutorService scheduler;
              private ScheduledFuture<?> checker;
              private Connection connection;
              private boolean started;
              Replicator(ScheduledExecutorService scheduler, Connection connection) {
                this.scheduler = scheduler;
                this.connection = connection;
              }
              synchronized void start() {
                started = true;
                checker = scheduler.scheduleAtFixedRate(this::check, 1, 1, TimeUnit.SECONDS);
              }
              private void check() {
                if (System.nanoTime() % 7 == 0) {
                  stop();
                }
              }
              void stop() {
                synchronized (this) {
                  if (!started) {
                    return;
                  }
                }
                if (checker != null) {
                  // BUG: Diagnostic contains: reads connection
                  checker.cancel(false);
                  checker = null;
                }
                Connection toStop = connection;
                if (toStop != null) {
                  toStop.destroy();
                }
                connection = null;
              }
            }
            """)
        .addSourceLines(
            "Poller.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.Future;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Poller {
              interface Channel extends Closeable { String poll() throws IOException; }
              private final AtomicBoolean closed = new AtomicBoolean();
              private final ScheduledExecutorService scheduler;
              private final Channel channel;
              private Future<?> poll;
              Poller(ScheduledExecutorService scheduler, Channel channel) {
                this.scheduler = scheduler;
                this.channel = channel;
              }
              void start() {
                poll = scheduler.schedule(this::pollOnce, 1, TimeUnit.SECONDS);
              }
              private void pollOnce() {
                try {
                  System.out.println(channel.poll());
                } catch (IOException e) {
                  release();
                }
              }
              void release() {
                if (!closed.compareAndSet(false, true)) {
                  return;
                }
                // BUG: Diagnostic contains: releasing channel
                poll.cancel(true);
                try {
                  channel.close();
                } catch (IOException ignored) {
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_readsOfAQueueOrAddsToAPlainOne() {
    helper
        .addSourceLines(
            "Reader.java",
            """
            import java.util.ArrayDeque;
            import java.util.Map;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Reader {
              private final ScheduledExecutorService scheduler =
                  Executors.newSingleThreadScheduledExecutor();
              private final BlockingQueue<String> signals = new LinkedBlockingQueue<>();
              private final ArrayDeque<String> plain = new ArrayDeque<>();
              private final ConcurrentHashMap<String, String> last = new ConcurrentHashMap<>();
              void start() {
                scheduler.scheduleAtFixedRate(
                    () -> { signals.offer("tick"); plain.add("tick"); last.put("k", "tick"); },
                    1, 1, TimeUnit.SECONDS);
              }
              String drain() {
                // BUG: Diagnostic contains: reads signals
                scheduler.shutdown();
                return signals.poll();
              }
              void addPlain() {
                // BUG: Diagnostic contains: reads plain
                scheduler.shutdown();
                plain.add("end");
              }
              void overwrite() {
                // BUG: Diagnostic contains: reads last
                scheduler.shutdown();
                last.put("k", "end");
              }
              boolean offered() {
                // BUG: Diagnostic contains: reads signals
                scheduler.shutdown();
                return signals.offer("end");
              }
            }
            """)
        .doTest();
  }
}
