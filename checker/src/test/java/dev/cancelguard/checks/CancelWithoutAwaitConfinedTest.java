package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait where every late run of the stopped work is confined to the component's own
 * memory (its tasks compute, log, and touch only objects the component made): returning from the
 * stop is not reported. Next to each, the neighbour whose work reaches outside, or whose work the
 * file does not show whole, which still is.
 */
class CancelWithoutAwaitConfinedTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  /** Periodic sampling into the collector's own maps, through its own methods, and a log line. */
  @Test
  void negative_periodicTasksThatOnlyUpdateTheComponentsMemoryAndLog() {
    helper
        .addSourceLines(
            "PathStats.java",
            """
            import java.util.Comparator;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicLong;
            import java.util.function.Consumer;
            import java.util.logging.Logger;
            public class PathStats {
              private static final Logger LOG = Logger.getLogger("stats");
              private final Map<String, Integer> counts = new ConcurrentHashMap<>();
              private final AtomicLong rounds = new AtomicLong();
              private final ScheduledThreadPoolExecutor pool;
              private int lastSize;
              public PathStats() {
                pool = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1);
                pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
              }
              public void start() {
                pool.scheduleWithFixedDelay(() -> {
                  rounds.incrementAndGet();
                  lastSize = counts.size();
                  logTop(copy(), e -> LOG.info(e.getKey() + " : " + e.getValue()));
                }, 1, 1, TimeUnit.MINUTES);
              }
              public void register(String path) {
                counts.merge(path, 1, Integer::sum);
              }
              Map<String, Integer> copy() {
                Map<String, Integer> copy = new HashMap<>();
                counts.forEach((k, v) -> copy.put(k, v));
                return copy;
              }
              void logTop(Map<String, Integer> map, Consumer<Map.Entry<String, Integer>> out) {
                map.entrySet().stream()
                    .sorted(Comparator.comparing(Map.Entry<String, Integer>::getValue).reversed())
                    .limit(10)
                    .forEach(out);
              }
              public void shutdown() {
                LOG.info("shutdown");
                pool.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_periodicTasksThatReachOutsideTheComponent() {
    helper
        .addSourceLines(
            "Reporter.java",
            """
            import java.io.PrintWriter;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.function.Consumer;
            public class Reporter {
              static final Map<String, Long> LAST = new ConcurrentHashMap<>();
              static long reports;
              private final Map<String, Integer> counts = new ConcurrentHashMap<>();
              private final Map<String, Integer> shared;
              private final ScheduledExecutorService printer = Executors.newScheduledThreadPool(1);
              private final ScheduledExecutorService publisher = Executors.newScheduledThreadPool(1);
              private final ScheduledExecutorService counter = Executors.newScheduledThreadPool(1);
              private final ScheduledExecutorService notifier = Executors.newScheduledThreadPool(1);
              private final ScheduledExecutorService filler = Executors.newScheduledThreadPool(1);
              private final ScheduledExecutorService exposer = Executors.newScheduledThreadPool(1);
              public final java.util.concurrent.atomic.AtomicLong published =
                  new java.util.concurrent.atomic.AtomicLong();
              private final PrintWriter out;
              private final Consumer<String> listener;
              public Reporter(PrintWriter out, Consumer<String> listener, Map<String, Integer> shared) {
                this.out = out;
                this.listener = listener;
                this.shared = shared;
              }
              public void start() {
                printer.scheduleAtFixedRate(() -> out.println(counts), 1, 1, TimeUnit.SECONDS);
                publisher.scheduleAtFixedRate(
                    () -> LAST.put("size", (long) counts.size()), 1, 1, TimeUnit.SECONDS);
                counter.scheduleAtFixedRate(() -> reports++, 1, 1, TimeUnit.SECONDS);
                notifier.scheduleAtFixedRate(() -> listener.accept("tick"), 1, 1, TimeUnit.SECONDS);
                filler.scheduleAtFixedRate(() -> shared.put("tick", 1), 1, 1, TimeUnit.SECONDS);
                exposer.scheduleAtFixedRate(
                    () -> published.incrementAndGet(), 1, 1, TimeUnit.SECONDS);
              }
              public void shutdown() {
                // BUG: Diagnostic contains: shutdown() returns
                printer.shutdownNow();
                // BUG: Diagnostic contains: shutdown() returns
                publisher.shutdownNow();
                // BUG: Diagnostic contains: shutdown() returns
                counter.shutdownNow();
                // BUG: Diagnostic contains: shutdown() returns
                notifier.shutdownNow();
                // BUG: Diagnostic contains: shutdown() returns
                filler.shutdownNow();
                // BUG: Diagnostic contains: shutdown() returns
                exposer.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  /** A pool whose every task is known, but one of them is handed in by a caller, or it is lent. */
  @Test
  void positive_confinedTasksOnAPoolThatAlsoRunsOrLendsOtherWork() {
    helper
        .addSourceLines(
            "Sampler.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.atomic.AtomicLong;
            public class Sampler {
              private final AtomicLong samples = new AtomicLong();
              private final ExecutorService runsCallers = Executors.newSingleThreadExecutor();
              private final ExecutorService lent = Executors.newSingleThreadExecutor();
              public void sample() {
                runsCallers.execute(() -> samples.incrementAndGet());
                lent.execute(() -> samples.incrementAndGet());
              }
              public void later(Runnable callersWork) {
                runsCallers.execute(callersWork);
              }
              public ExecutorService executor() {
                return lent;
              }
              public void close() {
                // BUG: Diagnostic contains: close() returns
                runsCallers.shutdownNow();
                // BUG: Diagnostic contains: close() returns
                lent.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  /** A daemon listener that only moves entries between the pool's own maps and counters. */
  @Test
  void negative_listenerThreadThatOnlyUpdatesThePoolsOwnMemory() {
    helper
        .addSourceLines(
            "MemoryPool.java",
            """
            import java.lang.ref.ReferenceQueue;
            import java.lang.ref.WeakReference;
            import java.nio.ByteBuffer;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.atomic.AtomicLong;
            import java.util.logging.Logger;
            public class MemoryPool implements AutoCloseable {
              private final Logger log = Logger.getLogger("pool");
              private final ReferenceQueue<ByteBuffer> collected = new ReferenceQueue<>();
              private final Map<Object, Integer> inFlight = new ConcurrentHashMap<>();
              private final AtomicLong available = new AtomicLong(1024);
              private final Thread listener;
              private volatile boolean alive = true;
              public MemoryPool() {
                Listener task = new Listener();
                this.listener = new Thread(task, "listener");
                this.listener.setDaemon(true);
                this.listener.start();
              }
              @Override
              public void close() {
                alive = false;
                listener.interrupt();
              }
              private class Listener implements Runnable {
                @Override
                public void run() {
                  while (alive) {
                    try {
                      WeakReference<?> ref = (WeakReference<?>) collected.remove();
                      ref.clear();
                      Integer size = inFlight.remove(ref);
                      if (size == null) {
                        continue;
                      }
                      available.addAndGet(size);
                      log.severe("reclaimed " + size);
                    } catch (InterruptedException e) {
                      log.fine("interrupted");
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  /**
   * The same listener, stopped without an interrupt (its wait may last), writing a file, or calling
   * an overridable method that a caller's subclass may replace.
   */
  @Test
  void positive_listenerThreadThatBlocksUnstoppedOrReachesOutside() {
    helper
        .addSourceLines(
            "Listeners.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            import java.lang.ref.ReferenceQueue;
            import java.nio.ByteBuffer;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.atomic.AtomicLong;
            public class Listeners {
              private final ReferenceQueue<ByteBuffer> collected = new ReferenceQueue<>();
              private final AtomicLong available = new AtomicLong(1024);
              private final Thread writer = new Thread(() -> {
                try (FileWriter w = new FileWriter("reclaimed.log")) {
                  w.write("reclaimed");
                } catch (IOException e) {
                  return;
                }
              });
              private final Thread hooked = new Thread(() -> onReclaim());
              public void onReclaim() {
                available.incrementAndGet();
              }
              private final ExecutorService waiter = Executors.newSingleThreadExecutor();
              public void startWaiter() {
                waiter.execute(() -> {
                  try {
                    collected.remove();
                    available.incrementAndGet();
                  } catch (InterruptedException e) {
                    return;
                  }
                });
              }
              public void stopWaiter() {
                // BUG: Diagnostic contains: stopWaiter() returns
                waiter.shutdown();
              }
              public void stopWriter() {
                // BUG: Diagnostic contains: stopWriter() returns
                writer.interrupt();
              }
              public void stopHooked() {
                // BUG: Diagnostic contains: stopHooked() returns
                hooked.interrupt();
              }
            }
            """)
        .doTest();
  }
}
