package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

class CancelWithoutAwaitTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  // ------------------------------------- a pool that runs only an SSLEngine's delegated tasks

  private static final String TLS_SOCKET =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import javax.net.ssl.SSLEngine;
      class TlsSocket {
        private final SSLEngine engine;
        private final ExecutorService handshakes = Executors.newSingleThreadExecutor();
        private final ExecutorService callbacks = Executors.newSingleThreadExecutor();

        TlsSocket(SSLEngine engine) {
          this.engine = engine;
        }

        void runDelegatedTasks() {
          Runnable task;
          while ((task = engine.getDelegatedTask()) != null) {
            handshakes.submit(task);
          }
          handshakes.execute(engine.getDelegatedTask());
        }

        void notifyLater(Runnable listener) {
          callbacks.execute(listener);
        }

        void close() {
          handshakes.shutdown();
          engine.closeOutbound();
        }

        void closeCallbacks() {
          // BUG: Diagnostic contains: closeCallbacks() returns
          callbacks.shutdown();
          engine.closeOutbound();
        }
      }
      """;

  @Test
  void negative_poolThatOnlyRunsDelegatedTasks() {
    helper.addSourceLines("TlsSocket.java", TLS_SOCKET).doTest();
  }

  @Test
  void positive_delegatedTaskPoolThatAlsoRunsOtherWorkOrIsHandedIn() {
    helper
        .addSourceLines(
            "TlsSocket.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import javax.net.ssl.SSLEngine;
            class TlsSocket {
              private final SSLEngine engine;
              private final ExecutorService handshakes = Executors.newSingleThreadExecutor();
              private final ExecutorService shared;

              TlsSocket(SSLEngine engine, ExecutorService shared) {
                this.engine = engine;
                this.shared = shared;
              }

              void runDelegatedTasks() {
                Runnable task = engine.getDelegatedTask();
                handshakes.execute(task);
                shared.execute(engine.getDelegatedTask());
                handshakes.execute(() -> System.out.println("handshake step"));
              }

              void close() {
                // BUG: Diagnostic contains: close() returns
                handshakes.shutdown();
                engine.closeOutbound();
              }

              void closeShared() {
                // BUG: Diagnostic contains: closeShared() returns
                shared.shutdown();
                engine.closeOutbound();
              }
            }
            """)
        .doTest();
  }

  // ------------------------- an asynchronous stop: its return says the stop began, not ended

  @Test
  void asynchronousStopsReturnDoesNotClaimTheWorkStopped() {
    helper
        .addSourceLines(
            "Channel.java",
            """
            import java.io.InputStream;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Channel {
              private final ExecutorService pumps = Executors.newCachedThreadPool();
              private final CompletableFuture<Void> closed = new CompletableFuture<>();
              private InputStream in;

              void start() {
                pumps.execute(() -> pump(in));
              }

              private void pump(InputStream stream) {
                System.out.println(stream);
              }

              // The caller waits on the returned future for the end of the close.
              CompletableFuture<Void> close() {
                pumps.shutdownNow();
                return closed;
              }

              // Also asynchronous, but it releases what the pumps read before they stop.
              CompletableFuture<Void> closeAndRelease() throws java.io.IOException {
                // BUG: Diagnostic contains: calls in.close()
                pumps.shutdownNow();
                in.close();
                return closed;
              }

              // Synchronous: its return claims the pumps have stopped.
              void stop() {
                // BUG: Diagnostic contains: stop() returns
                pumps.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  // ----------------------- the class offers its own wait: a loop on state the work itself writes

  @Test
  void stopBesideAWaitForTheStateTheWorkWrites() {
    helper
        .addSourceLines(
            "Watcher.java",
            """
            class Watcher {
              enum State { RUNNING, STOPPED }

              private final Object lock = new Object();
              private State state = State.RUNNING;
              private final Thread worker = new Thread(this::watch);

              void start() {
                worker.start();
              }

              private void watch() {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  synchronized (lock) {
                    state = State.STOPPED;
                    lock.notifyAll();
                  }
                }
              }

              /** Tells the thread to stop; does not wait: see waitForState. */
              void stop() {
                worker.interrupt();
              }

              void waitForState(State wanted) throws InterruptedException {
                synchronized (lock) {
                  while (state != wanted) {
                    lock.wait();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void stopBesideAWaitForSomethingElse() {
    helper
        .addSourceLines(
            "Watcher.java",
            """
            class Watcher {
              private final Object lock = new Object();
              private boolean configured;
              private final Thread worker = new Thread(this::watch);

              void start() {
                worker.start();
              }

              private void watch() {
                try {
                  Thread.sleep(1000);
                  System.out.println("watched");
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }

              void stop() {
                // BUG: Diagnostic contains: stop() returns
                worker.interrupt();
              }

              void configure() {
                synchronized (lock) {
                  configured = true;
                  lock.notifyAll();
                }
              }

              // Waits for the configuration, which the worker never writes.
              void awaitConfigured() throws InterruptedException {
                synchronized (lock) {
                  while (!configured) {
                    lock.wait();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_shutdownNowThenStopReturns() {
    helper
        .addSourceLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Server {
              private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
              void start() {
                acceptor.submit(() -> System.out.println("accepting"));
              }
              void stop() {
                // BUG: Diagnostic contains: stop() returns (line 12) as if the tasks had stopped
                acceptor.shutdownNow();
                System.out.println("server stopped");
              }
            }
            """)
        .doTest();
  }

  /**
   * Tasks that use nothing of this file leave only the way out to report, where leaving means
   * stopped: the question is not walked without it, and must still be where it is.
   */
  @Test
  void positive_tasksUseNothingButTheStopReturns() {
    helper
        .addSourceLines(
            "Ticker.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Ticker {
              private final ExecutorService clock = Executors.newSingleThreadExecutor();
              void start() {
                clock.execute(() -> System.out.println("tick"));
              }
              void pause() {
                clock.shutdownNow();
                System.out.println("paused");
              }
              void stop() {
                // BUG: Diagnostic contains: stop() returns (line 16) as if the tasks had stopped
                clock.shutdownNow();
                System.out.println("stopped");
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_shutdownInClose() {
    helper
        .addSourceLines(
            "Crawler.java",
            """
            import java.util.concurrent.ExecutorService;
            class Crawler implements AutoCloseable {
              private final ExecutorService workers;
              Crawler(ExecutorService workers) {
                this.workers = workers;
              }
              @Override
              public void close() {
                // BUG: Diagnostic contains: only stops new tasks; the running ones go on
                workers.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_shutdownThenCloseWhatTasksUse() {
    helper
        .addSourceLines(
            "Importer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Importer {
              interface Db extends Closeable { void insert(String row); }
              void importAll(Db db, Closeable log, List<String> rows) throws IOException {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                for (String row : rows) {
                  pool.execute(() -> db.insert(row));
                }
                // BUG: Diagnostic contains: the code then calls db.close() (line 16), releasing db
                pool.shutdown();
                log.close(); // the tasks do not use the log
                db.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_shutdownThenReadResults() {
    helper
        .addSourceLines(
            "Counter.java",
            """
            import java.util.List;
            import java.util.concurrent.ConcurrentLinkedQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Counter {
              int countWords(List<String> pages) {
                ConcurrentLinkedQueue<Integer> counts = new ConcurrentLinkedQueue<>();
                int submitted = 0;
                ExecutorService pool = Executors.newFixedThreadPool(4);
                for (String page : pages) {
                  pool.execute(() -> counts.add(page.split(" ").length));
                  submitted++;
                }
                // BUG: Diagnostic contains: reads counts (line 16), which the tasks write
                pool.shutdown();
                return counts.stream().mapToInt(Integer::intValue).sum() + submitted * 0;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptOwnedThreadInStop() {
    helper
        .addSourceLines(
            "Ticker.java",
            """
            class Ticker {
              private Thread worker;
              void start() {
                worker = new Thread(this::tick);
                worker.start();
              }
              private void tick() {
                while (!Thread.currentThread().isInterrupted()) {
                  System.out.println("tick");
                }
              }
              void stop() {
                // BUG: Diagnostic contains: worker.interrupt() only asks the thread to stop; it stops when it next notices, yet stop() returns (line 15) as if the thread had stopped: the caller goes on while it still runs
                worker.interrupt();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptLocalThreadThenReadItsResult() {
    helper
        .addSourceLines(
            "Scanner.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            class Scanner {
              List<String> scan(List<String> hosts) {
                List<String> alive = new ArrayList<>();
                Thread prober = new Thread(() -> {
                  for (String host : hosts) {
                    alive.add(host);
                  }
                });
                prober.start();
                // BUG: Diagnostic contains: reads alive
                prober.interrupt();
                return alive;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_futureCancelThenCloseStreamTheTaskWrites() {
    helper
        .addSourceLines(
            "Uploader.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Uploader {
              void upload(ExecutorService pool, InputStream in, OutputStream out) throws IOException {
                Future<?> copy = pool.submit(() -> in.transferTo(out));
                // BUG: Diagnostic contains: copy.cancel(..) only asks the task to stop; it may still be running, yet the code then calls out.close() (line 11), releasing out while the task may still use it: it fails on a closed resource or corrupts it
                copy.cancel(true);
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_cancelEveryFutureThenCloseChannel() {
    helper
        .addSourceLines(
            "Fetcher.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Fetcher {
              interface Channel extends Closeable { void read(String part); }
              void fetch(ExecutorService pool, Channel channel, List<String> parts) throws IOException {
                List<Future<?>> futures = new ArrayList<>();
                for (String part : parts) {
                  futures.add(pool.submit(() -> channel.read(part)));
                }
                for (Future<?> f : futures) {
                  // BUG: Diagnostic contains: releasing channel
                  f.cancel(true);
                }
                channel.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_ignoredAwaitTerminationThenClose() {
    helper
        .addSourceLines(
            "Batch.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Batch {
              interface Sink extends Closeable { void write(int x); }
              void run(Sink sink) throws IOException, InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                for (int i = 0; i < 10; i++) {
                  int n = i;
                  pool.execute(() -> sink.write(n));
                }
                pool.shutdown();
                // BUG: Diagnostic contains: result of pool.awaitTermination(..) is ignored
                pool.awaitTermination(5, TimeUnit.SECONDS);
                sink.close();
              }
            }
            """)
        .doTest();
  }

  /** A batch that waits {@code timeout}, then closes the sink its tasks write to. */
  private static String batchWaiting(String timeout, String marker) {
    return """
        import java.io.Closeable;
        import java.io.IOException;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.TimeUnit;
        import static java.util.concurrent.TimeUnit.NANOSECONDS;
        class Batch {
          interface Sink extends Closeable { void write(int x); }
          void run(Sink sink, TimeUnit unit) throws IOException, InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            for (int i = 0; i < 10; i++) {
              int n = i;
              pool.execute(() -> sink.write(n));
            }
            pool.shutdown();
            %s
            pool.awaitTermination(%s);
            sink.close();
          }
        }
        """
        .formatted(marker, timeout);
  }

  @Test
  void negative_ignoredAwaitOfAnHourOrMore_waitsAsLongAsItTakes() {
    for (String timeout :
        new String[] {"1, TimeUnit.DAYS", "60, TimeUnit.MINUTES", "Long.MAX_VALUE, NANOSECONDS"}) {
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass())
          .addSourceLines("Batch.java", batchWaiting(timeout, ""))
          .doTest();
    }
  }

  @Test
  void positive_ignoredAwaitShorterThanAnHourOrOfAUnitNotConstant() {
    for (String timeout :
        new String[] {"59, TimeUnit.MINUTES", "1, unit", "3_599_999, TimeUnit.MILLISECONDS"}) {
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass())
          .addSourceLines(
              "Batch.java",
              batchWaiting(
                  timeout,
                  "// BUG: Diagnostic contains: result of pool.awaitTermination(..) is ignored"))
          .doTest();
    }
  }

  @Test
  void positive_waitOnOnlyOneBranch() {
    helper
        .addSourceLines(
            "Indexer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Indexer implements Closeable {
              interface Index extends Closeable { void add(String doc); }
              private final ExecutorService pool;
              private final Index index;
              Indexer(ExecutorService pool, Index index) {
                this.pool = pool;
                this.index = index;
              }
              void add(String doc) {
                pool.execute(() -> index.add(doc));
              }
              @Override
              public void close() throws IOException {
                // BUG: Diagnostic contains: releasing index
                pool.shutdown();
                if (Boolean.getBoolean("graceful")) {
                  try {
                    if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                      System.err.println("still running");
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
                index.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_waitInLoopThatMayNotRun() {
    helper
        .addSourceLines(
            "Loader.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Loader {
              void load(Closeable cache, int attempts) throws IOException, InterruptedException {
                ExecutorService pool = Executors.newCachedThreadPool();
                pool.execute(() -> System.out.println(cache));
                // BUG: Diagnostic contains: releasing cache
                pool.shutdownNow();
                for (int i = 0; i < attempts; i++) {
                  if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    break;
                  }
                }
                cache.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_shutdownHookLambda() {
    helper
        .addSourceLines(
            "Main.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Main {
              public static void main(String[] args) {
                ExecutorService workers = Executors.newFixedThreadPool(4);
                workers.submit(() -> System.out.println("work"));
                Runtime.getRuntime()
                    // BUG: Diagnostic contains: the shutdown hook returns (line 9) without waiting
                    .addShutdownHook(new Thread(() -> workers.shutdownNow()));
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_shutdownHookThroughVariable() {
    helper
        .addSourceLines(
            "Daemon.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Daemon {
              private final ExecutorService jobs = Executors.newFixedThreadPool(2);
              void install() {
                Thread hook =
                    new Thread(
                        () -> {
                          System.out.println("stopping");
                          // BUG: Diagnostic contains: JVM halts
                          jobs.shutdown();
                        });
                Runtime.getRuntime().addShutdownHook(hook);
              }
              void start() { jobs.execute(() -> System.out.println("job")); }
            }
            """)
        .doTest();
  }

  @Test
  void positive_shutdownHookAnonymousThread() {
    helper
        .addSourceLines(
            "Daemon.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Daemon {
              private final ExecutorService jobs = Executors.newFixedThreadPool(2);
              void install() {
                Runtime.getRuntime().addShutdownHook(new Thread() {
                  @Override
                  public void run() {
                    // BUG: Diagnostic contains: the shutdown hook returns
                    jobs.shutdownNow();
                  }
                });
              }
              void start() { jobs.execute(() -> System.out.println("job")); }
            }
            """)
        .doTest();
  }

  @Test
  void positive_releaseInSameFileHelper() {
    helper
        .addSourceLines(
            "Relay.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Relay {
              private final ExecutorService pumps = Executors.newFixedThreadPool(2);
              private final Closeable upstream;
              Relay(Closeable upstream) {
                this.upstream = upstream;
                pumps.submit(this::pump);
              }
              private void pump() {
                System.out.println(upstream);
              }
              void restart() throws IOException {
                // BUG: Diagnostic contains: releasing upstream
                pumps.shutdownNow();
                closeAll();
              }
              private void closeAll() throws IOException {
                upstream.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_tryWithResourcesClosesWhatTasksUse() {
    helper
        .addSourceLines(
            "Report.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Report {
              void write(Path file, List<String> lines) throws IOException {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                try (Writer out = Files.newBufferedWriter(file)) {
                  for (String line : lines) {
                    pool.execute(() -> append(out, line));
                  }
                  // BUG: Diagnostic contains: the try-with-resources of line 11 closes out when its block ends
                  pool.shutdown();
                }
              }
              private static void append(Writer out, String line) {
                System.out.println(out + line);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_finallyClosesWhatTasksUse() {
    helper
        .addSourceLines(
            "Sync.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            class Sync {
              void sync(ExecutorService pool, Closeable connection) throws IOException {
                pool.execute(() -> System.out.println(connection));
                try {
                  System.out.println("syncing");
                } finally {
                  // BUG: Diagnostic contains: releasing connection
                  pool.shutdownNow();
                  connection.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_nullCheckedShutdownInStop() {
    helper
        .addSourceLines(
            "Poller.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Poller {
              private ScheduledExecutorService timer;
              void start() {
                timer = Executors.newSingleThreadScheduledExecutor();
                timer.scheduleAtFixedRate(() -> System.out.println("poll"), 0, 1, TimeUnit.SECONDS);
              }
              void stop() {
                if (timer != null)
                  // BUG: Diagnostic contains: stop() returns
                  timer.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_returnBeforeTheWait() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private volatile boolean fast;
              void shutdown() throws InterruptedException {
                // BUG: Diagnostic contains: shutdown() returns (line 11)
                pool.shutdownNow();
                if (fast) {
                  return;
                }
                pool.awaitTermination(10, TimeUnit.SECONDS);
              }
              void start() { pool.execute(() -> System.out.println("job")); }
            }
            """)
        .doTest();
  }

  @Test
  void positive_everyExecutorOfAListShutDownThenResourceClosed() {
    helper
        .addSourceLines(
            "Cluster.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            class Cluster {
              void stopAll(List<ExecutorService> pools, Closeable registry) throws IOException {
                for (ExecutorService pool : pools) {
                  pool.execute(() -> System.out.println(registry));
                }
                for (ExecutorService pool : pools) {
                  // BUG: Diagnostic contains: releasing registry
                  pool.shutdownNow();
                }
                registry.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptEveryWorkerOfAList() {
    helper
        .addSourceLines(
            "Crew.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            class Crew {
              private final List<Thread> workers = new ArrayList<>();
              void start(int n) {
                for (int i = 0; i < n; i++) {
                  Thread t = new Thread(() -> System.out.println("work"));
                  workers.add(t);
                  t.start();
                }
              }
              void stop() {
                for (Thread t : workers) {
                  // BUG: Diagnostic contains: stop() returns
                  t.interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_waitOnlyOnTheRightOfAnd() {
    helper
        .addSourceLines(
            "Pipeline.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Pipeline {
              void end(ExecutorService stages, Closeable buffer, boolean patient)
                  throws IOException, InterruptedException {
                stages.execute(() -> System.out.println(buffer));
                // BUG: Diagnostic contains: releasing buffer
                stages.shutdown();
                if (patient && stages.awaitTermination(5, TimeUnit.SECONDS)) {
                  System.out.println("clean");
                }
                buffer.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_setToNullWhatTasksUse() {
    helper
        .addSourceLines(
            "Session.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Session {
              private final ExecutorService io = Executors.newSingleThreadExecutor();
              private StringBuilder buffer = new StringBuilder();
              void send(String text) {
                io.execute(() -> buffer.length());
              }
              void reset() {
                // BUG: Diagnostic contains: sets buffer to null
                io.shutdownNow();
                buffer = null;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_switchBranchWithoutWait() {
    helper
        .addSourceLines(
            "Node.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Node {
              enum Mode { GRACEFUL, FAST }
              void leave(Mode mode, ExecutorService gossip, Closeable peers)
                  throws IOException, InterruptedException {
                gossip.execute(() -> System.out.println(peers));
                // BUG: Diagnostic contains: releasing peers
                gossip.shutdownNow();
                switch (mode) {
                  case GRACEFUL -> {
                    if (!gossip.awaitTermination(1, TimeUnit.MINUTES)) {
                      System.err.println("slow");
                    }
                  }
                  case FAST -> System.out.println("fast");
                }
                peers.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_oddCode_recordSwitchExpressionVarGenerics() {
    helper
        .addSourceLines(
            "Odd.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Odd {
              sealed interface Shape permits Circle, Square {}
              record Circle(double r) implements Shape {}
              record Square(double s) implements Shape {}
              record Stage<T extends Closeable>(ExecutorService pool, T resource) implements Closeable {
                @Override
                public void close() throws IOException {
                  pool.execute(() -> System.out.println(resource));
                  // BUG: Diagnostic contains: releasing resource
                  pool.shutdownNow();
                  var area = switch ((Shape) new Circle(1)) {
                    case Circle c -> c.r();
                    case Square s -> s.s();
                  };
                  Runnable nested = () -> { Runnable inner = () -> pool.shutdown(); inner.run(); };
                  resource.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_secondWaitSkippedWhenTheFirstTimesOut() {
    helper
        .addSourceLines(
            "Agent.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Agent {
              private ExecutorService sampler;
              private ExecutorService uploader;
              void stop() throws InterruptedException {
                sampler.shutdownNow();
                // BUG: Diagnostic contains: stop() returns (line 12)
                uploader.shutdownNow();
                if (!sampler.awaitTermination(2, TimeUnit.SECONDS)
                    || !uploader.awaitTermination(5, TimeUnit.SECONDS)) {
                  return;
                }
                System.out.println("stopped");
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_shutdownThenAwaitTermination() {
    helper
        .addSourceLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Server {
              private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
              void stop() throws InterruptedException {
                acceptor.shutdownNow();
                if (!acceptor.awaitTermination(10, TimeUnit.SECONDS)) {
                  System.err.println("acceptor still running");
                }
                System.out.println("server stopped");
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_shutdownThenClose() {
    helper
        .addSourceLines(
            "Importer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Importer {
              void importAll(Closeable db) throws IOException {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                pool.execute(() -> System.out.println(db));
                pool.shutdown();
                pool.close();
                db.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_tryWithResourcesOnTheExecutor() {
    helper
        .addSourceLines(
            "Importer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Importer {
              void importAll(Closeable db, boolean abort) throws IOException {
                try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                  pool.execute(() -> System.out.println(db));
                  if (abort) {
                    pool.shutdownNow();
                  }
                }
                db.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_returnsTheDrainedTasks() {
    helper
        .addSourceLines(
            "Queue.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Queue {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              List<Runnable> shutdownNow() {
                return pool.shutdownNow();
              }
              List<Runnable> stop() {
                List<Runnable> pending = pool.shutdownNow();
                System.out.println(pending.size() + " tasks never ran");
                return pending;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_fireAndForgetOutsideStopMethods() {
    helper
        .addSourceLines(
            "Mailer.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Mailer {
              void sendAll(List<String> addresses) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                for (String address : addresses) {
                  pool.execute(() -> System.out.println("mail " + address));
                }
                pool.shutdown();
                System.out.println("queued " + addresses.size());
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_releasesSomethingTheTasksDoNotUse() {
    helper
        .addSourceLines(
            "Importer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Importer {
              void importAll(Closeable db, Closeable progressLog) throws IOException {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                pool.execute(() -> System.out.println(db));
                pool.shutdown();
                progressLog.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptThenJoin() {
    helper
        .addSourceLines(
            "Ticker.java",
            """
            class Ticker {
              private Thread worker;
              void start() {
                worker = new Thread(() -> System.out.println("tick"));
                worker.start();
              }
              void stop() throws InterruptedException {
                worker.interrupt();
                worker.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptOfAThreadNotMadeHere() {
    helper
        .addSourceLines(
            "Runner.java",
            """
            class Runner {
              private volatile Thread runner;
              void run() {
                runner = Thread.currentThread();
                System.out.println("running");
              }
              void stop() {
                Thread r = runner;
                if (r != null) {
                  r.interrupt();
                }
                runner.interrupt();
              }
              static void stop(Thread someoneElses) {
                someoneElses.interrupt();
              }
              void restore() {
                Thread.currentThread().interrupt();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_awaitInSameFileHelper() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              void stop() {
                pool.shutdown();
                awaitQuietly(pool);
              }
              private static void awaitQuietly(ExecutorService executor) {
                try {
                  if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                  }
                } catch (InterruptedException e) {
                  executor.shutdownNow();
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_timedOutWaitIsCheckedThenEscalates() {
    helper
        .addSourceLines(
            "Indexer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Indexer {
              void close(ExecutorService pool, Closeable index) throws IOException, InterruptedException {
                pool.execute(() -> System.out.println(index));
                pool.shutdown();
                if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                  pool.shutdownNow();
                }
                index.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_pollUntilTerminated() {
    helper
        .addSourceLines(
            "Drainer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Drainer {
              void drain(ExecutorService pool, Closeable queue) throws IOException, InterruptedException {
                pool.execute(() -> System.out.println(queue));
                pool.shutdown();
                while (!pool.isTerminated()) {
                  TimeUnit.MILLISECONDS.sleep(100);
                }
                queue.close();
                pool.shutdownNow();
                while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                  System.out.println("waiting");
                }
                queue.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_waitInFinallyBeforeTheRelease() {
    helper
        .addSourceLines(
            "Job.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Job {
              void run(Closeable input) throws IOException, InterruptedException {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                  pool.execute(() -> System.out.println(input));
                } finally {
                  pool.shutdownNow();
                  pool.awaitTermination(1, TimeUnit.MINUTES);
                }
                System.out.println("done");
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_parameterExecutorInStopLikeHelper() {
    helper
        .addSourceLines(
            "Executors2.java",
            """
            import java.util.concurrent.ExecutorService;
            final class Executors2 {
              static void shutdownQuietly(ExecutorService executor) {
                if (executor != null) {
                  executor.shutdownNow();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_classOffersTheWaitInAnotherMethod() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Thread loop = new Thread(() -> System.out.println("loop"));
              void stopAsync() {
                pool.shutdown();
                loop.interrupt();
              }
              boolean awaitTerminated(long seconds) throws InterruptedException {
                loop.join(seconds * 1000);
                return pool.awaitTermination(seconds, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_executorWrapperDelegatesShutdown() {
    helper
        .addSourceLines(
            "Delegating.java",
            """
            import java.util.List;
            import java.util.concurrent.AbstractExecutorService;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Delegating extends AbstractExecutorService {
              private final ExecutorService delegate;
              Delegating(ExecutorService delegate) {
                this.delegate = delegate;
              }
              @Override public void shutdown() { delegate.shutdown(); }
              @Override public List<Runnable> shutdownNow() { return delegate.shutdownNow(); }
              @Override public boolean isShutdown() { return delegate.isShutdown(); }
              @Override public boolean isTerminated() { return delegate.isTerminated(); }
              @Override public boolean awaitTermination(long t, TimeUnit u) throws InterruptedException {
                return delegate.awaitTermination(t, u);
              }
              @Override public void execute(Runnable r) { delegate.execute(r); }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureCancelledThenRethrown() {
    helper
        .addSourceLines(
            "Payments.java",
            """
            import java.io.Closeable;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Payments {
              boolean commit(ExecutorService gateway, Closeable audit) throws InterruptedException {
                Future<Boolean> reply = gateway.submit(() -> audit != null);
                try {
                  return reply.get();
                } catch (InterruptedException e) {
                  reply.cancel(true);
                  throw e;
                } catch (ExecutionException e) {
                  return false;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_allResultsGotBeforeShutdown() {
    helper
        .addSourceLines(
            "Counter.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ConcurrentLinkedQueue;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            class Counter {
              int count(List<String> pages) throws InterruptedException, ExecutionException {
                ConcurrentLinkedQueue<Integer> counts = new ConcurrentLinkedQueue<>();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<?>> futures = new ArrayList<>();
                for (String page : pages) {
                  futures.add(pool.submit(() -> counts.add(page.length())));
                }
                for (Future<?> f : futures) {
                  f.get();
                }
                pool.shutdown();
                return counts.size();
              }
              int countAll(List<java.util.concurrent.Callable<Integer>> jobs) throws Exception {
                List<Integer> seen = new ArrayList<>();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                pool.invokeAll(jobs);
                pool.shutdown();
                return seen.size();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptedWaitRestoresAndGoesOn() {
    helper
        .addSourceLines(
            "Job.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Job {
              void end(ExecutorService pool, Closeable input) throws IOException {
                pool.execute(() -> System.out.println(input));
                pool.shutdownNow();
                try {
                  if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    System.err.println("tasks still running");
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                input.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptedWhileWaitingForOtherWork() {
    helper
        .addSourceLines(
            "Agent.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Agent {
              private ExecutorService sampler;
              private ExecutorService uploader;
              void stop() {
                sampler.shutdownNow();
                uploader.shutdownNow();
                try {
                  boolean samplerStopped = sampler.awaitTermination(2, TimeUnit.SECONDS);
                  boolean uploaderStopped = uploader.awaitTermination(5, TimeUnit.SECONDS);
                  if (!samplerStopped || !uploaderStopped) {
                    return;
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                System.out.println("stopped");
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_latchTheTaskCountsDown() {
    helper
        .addSourceLines(
            "Uploader.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Uploader {
              void upload(ExecutorService pool, InputStream in, OutputStream out)
                  throws IOException, InterruptedException {
                CountDownLatch done = new CountDownLatch(1);
                Future<?> copy = pool.submit(() -> {
                  try {
                    in.transferTo(out);
                  } finally {
                    done.countDown();
                  }
                  return null;
                });
                copy.cancel(true);
                done.await();
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_guavaShutdownAndAwaitTermination() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import com.google.common.util.concurrent.MoreExecutors;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              void stop() {
                pool.shutdown();
                MoreExecutors.shutdownAndAwaitTermination(pool, 10, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_everyWorkerJoinedInALoop() {
    helper
        .addSourceLines(
            "Crew.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            class Crew {
              private final List<Thread> workers = new ArrayList<>();
              void start() {
                Thread t = new Thread(() -> System.out.println("work"));
                workers.add(t);
                t.start();
              }
              void stop() throws InterruptedException {
                for (Thread t : workers) {
                  t.interrupt();
                }
                for (Thread t : workers) {
                  t.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_ignoredWaitResultButNothingReleased() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              void stop() throws InterruptedException {
                pool.shutdown();
                pool.awaitTermination(5, TimeUnit.SECONDS);
                System.out.println("stopped");
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_receiverIsAMethodResult() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              ExecutorService executor() {
                return pool;
              }
              void stop() {
                executor().shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_threadSubclassInterruptsItself() {
    helper
        .addSourceLines(
            "Worker.java",
            """
            class Worker extends Thread {
              @Override
              public void run() {
                System.out.println("work");
              }
              void shutdown() {
                interrupt();
                this.interrupt();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_cancelInsideATaskIsNotAHook() {
    helper
        .addSourceLines(
            "Chain.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Chain {
              private final ExecutorService first = Executors.newSingleThreadExecutor();
              private final ExecutorService second = Executors.newSingleThreadExecutor();
              void run() {
                second.execute(() -> first.shutdownNow());
                new Thread(() -> second.shutdown()).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_cancelInAFieldInitializer() {
    helper
        .addSourceLines(
            "Holder.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Holder {
              private static final ExecutorService SPARE = Executors.newSingleThreadExecutor();
              private static final List<Runnable> NEVER_RUN = SPARE.shutdownNow();
              private final Thread helper = new Thread(() -> {});
              private final Runnable stopper = () -> helper.interrupt();
            }
            """)
        .doTest();
  }

  @Test
  void negative_oddCode_noBodiesAndInterfaces() {
    helper
        .addSourceLines(
            "Odd.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.function.Supplier;
            abstract class Odd {
              interface Stoppable { void stop(); default void close() { } }
              abstract void shutdown();
              native void halt();
              <T extends ExecutorService> void stopAll(Supplier<T> pools) {
                pools.get().shutdownNow();
                var local = pools.get();
                Runnable r = new Runnable() {
                  @Override
                  public void run() {
                    local.shutdown();
                  }
                };
                r.run();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_configuredTerminationAwaiter() {
    helper
        .addSourceLines(
            "Pools.java",
            """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            public final class Pools {
              public static void awaitQuietly(ExecutorService pool) {}
            }
            """)
        .addSourceLines(
            "Service.java",
            """
            import com.acme.Pools;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              void stop() {
                pool.shutdown();
                Pools.awaitQuietly(pool);
              }
            }
            """)
        .setArgs("-XepOpt:CancelGuard:TerminationAwaiters=com.acme.Pools#awaitQuietly")
        .doTest();
  }

  @Test
  void positive_unconfiguredAwaiterDoesNotCount() {
    helper
        .addSourceLines(
            "Pools.java",
            """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            public final class Pools {
              public static void awaitQuietly(ExecutorService pool) {}
            }
            """)
        .addSourceLines(
            "Service.java",
            """
            import com.acme.Pools;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              void stop() {
                // BUG: Diagnostic contains: stop() returns
                pool.shutdown();
                Pools.awaitQuietly(pool);
              }
            }
            """)
        .setArgs("-XepOpt:CancelGuard:TerminationAwaiters=com.acme.Other#awaitQuietly")
        .doTest();
  }

  @Test
  void negative_configuredAwaiterWithoutArguments() {
    helper
        .addSourceLines(
            "Service.java",
            """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              void stop() {
                pool.shutdown();
                awaitWorkers();
              }
              void awaitWorkers() {}
            }
            """)
        .setArgs("-XepOpt:CancelGuard:TerminationAwaiters=com.acme.Service#awaitWorkers")
        .doTest();
  }

  @Test
  void negative_timedWaitCheckedThroughIsTerminated() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            class Endpoint {
              private ThreadPoolExecutor pool;
              private final java.io.Writer log = new java.io.StringWriter();

              void start() {
                pool.execute(
                    () -> {
                      try {
                        log.write("request");
                      } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    });
              }

              void stop() throws Exception {
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
                if (pool.isTerminating()) {
                  System.err.println("pool did not stop");
                }
                log.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_stopOverALoopWithTheWaitOfferedByAnotherMethod() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class WorkerService {
              private final List<ExecutorService> workers = new ArrayList<>();

              void start() {
                workers.add(Executors.newSingleThreadExecutor());
              }

              void stop() {
                for (ExecutorService worker : workers) {
                  worker.shutdown();
                }
              }

              void join(long millis) throws InterruptedException {
                for (ExecutorService worker : workers) {
                  worker.awaitTermination(millis, TimeUnit.MILLISECONDS);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_clearingAConcurrentCollectionTheTasksWrite() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Listeners {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final ConcurrentHashMap<String, Runnable> listeners = new ConcurrentHashMap<>();

              void fire(String key) {
                pool.execute(() -> listeners.remove(key));
              }

              void evictAll() {
                pool.shutdownNow();
                listeners.clear();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_clearingASynchronizedWrapperTheTasksWrite() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.Collections;
            import java.util.HashSet;
            import java.util.Set;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Connections {
              private final ExecutorService pool = Executors.newCachedThreadPool();
              private final Set<Long> inProgress = Collections.synchronizedSet(new HashSet<>());

              void connect(long sid) {
                pool.execute(() -> inProgress.remove(sid));
              }

              void halt() {
                pool.shutdownNow();
                inProgress.clear();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_clearingAPlainSetAssignedToASynchronizedWrapperLater() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.Collections;
            import java.util.HashSet;
            import java.util.Set;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Connections {
              private final ExecutorService pool = Executors.newCachedThreadPool();
              // Not final: it may hold a plain set when cleared.
              private Set<Long> inProgress = Collections.synchronizedSet(new HashSet<>());

              void connect(long sid) {
                pool.execute(() -> inProgress.remove(sid));
              }

              void reset() {
                inProgress = new HashSet<>();
              }

              void halt() {
                // BUG: Diagnostic contains: CancelWithoutAwait
                pool.shutdownNow();
                inProgress.clear();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_waitSkippedOnlyWhenTheConfiguredTimeoutIsNotPositive() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            class Endpoint {
              private final ThreadPoolExecutor workers =
                  new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
              private final long terminationTimeoutMillis;

              Endpoint(long terminationTimeoutMillis) {
                this.terminationTimeoutMillis = terminationTimeoutMillis;
              }

              void stop() {
                workers.shutdownNow();
                long timeout = terminationTimeoutMillis;
                if (timeout > 0) {
                  try {
                    workers.awaitTermination(timeout, TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  if (workers.isTerminating()) {
                    System.err.println("workers still running");
                  }
                }
              }

              void stopWorker(long joinMillis) throws InterruptedException {
                Thread own = new Thread(() -> {});
                own.start();
                own.interrupt();
                if (0 < joinMillis) {
                  own.join(joinMillis);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_waitSkippedWhenAnotherSettingIsNotPositive() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Endpoint {
              private final ExecutorService workers = Executors.newFixedThreadPool(4);
              private final long terminationTimeoutMillis = 1000;
              private final int retries = 0;

              void stop() throws InterruptedException {
                // BUG: Diagnostic contains: CancelWithoutAwait
                workers.shutdownNow();
                if (retries > 0) {
                  workers.awaitTermination(terminationTimeoutMillis, TimeUnit.MILLISECONDS);
                }
              }
              void start() { workers.execute(() -> System.out.println("job")); }
            }
            """)
        .addSourceLines(
            "Other.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Other {
              private final ExecutorService workers = Executors.newFixedThreadPool(4);
              private final long terminationTimeoutMillis = 1000;

              void close() throws InterruptedException {
                // BUG: Diagnostic contains: CancelWithoutAwait
                workers.shutdownNow();
                long timeout = terminationTimeoutMillis;
                if (timeout > 100) {
                  workers.awaitTermination(timeout, TimeUnit.MILLISECONDS);
                }
              }
              void start() { workers.execute(() -> System.out.println("job")); }
            }
            """)
        .doTest();
  }

  @Test
  void negative_cancelAndWaitGuardedByTheSameFinalFlag() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Reporter {
              private final ExecutorService executor = Executors.newSingleThreadScheduledExecutor();
              private final boolean shutdownExecutorOnStop;

              Reporter(boolean shutdownExecutorOnStop) {
                this.shutdownExecutorOnStop = shutdownExecutorOnStop;
              }

              void report() {}

              public void stop() {
                if (shutdownExecutorOnStop) {
                  executor.shutdown();
                }
                try {
                  report();
                } catch (RuntimeException e) {
                  System.err.println("last report failed");
                }
                if (shutdownExecutorOnStop) {
                  try {
                    if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                      executor.shutdownNow();
                    }
                  } catch (InterruptedException e) {
                    executor.shutdownNow();
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  private static String scheduler(String between) {
    return """
        import java.util.concurrent.ScheduledThreadPoolExecutor;
        import java.util.concurrent.TimeUnit;
        class Scheduler {
          private ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
          private ScheduledThreadPoolExecutor other = new ScheduledThreadPoolExecutor(2);

          public void shutdown() throws InterruptedException {
            ScheduledThreadPoolExecutor maybeExecutor = null;
            synchronized (this) {
              if (executor != null) {
                maybeExecutor = executor;
                // BUG: Diagnostic contains: CancelWithoutAwait
                maybeExecutor.shutdown();
                this.executor = null;
              }
            }
            %s
            if (maybeExecutor != null) {
              maybeExecutor.awaitTermination(1, TimeUnit.DAYS);
            }
          }
        }
        """
        .formatted(between);
  }

  @Test
  void negative_waitBehindANullTestOfTheJustCancelledVariable() {
    helper
        .addSourceLines(
            "Scheduler.java",
            scheduler("").replace("// BUG: Diagnostic contains: CancelWithoutAwait\n", ""))
        .addSourceLines(
            "Mirror.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Mirror {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);

              public void close() throws InterruptedException {
                pool.shutdownNow();
                if (null == pool) {
                  return;
                }
                pool.awaitTermination(1, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_nullTestOfAVariableThatMayHaveChangedSinceTheCancel() {
    helper
        .addSourceLines("Reassigned.java", scheduler("maybeExecutor = other;"))
        .addSourceLines(
            "Field.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Field {
              private ExecutorService pool = Executors.newFixedThreadPool(2);

              public void close() throws InterruptedException {
                // BUG: Diagnostic contains: CancelWithoutAwait
                pool.shutdownNow();
                if (pool != null) {
                  pool.awaitTermination(1, TimeUnit.SECONDS);
                }
              }
              void start() { pool.execute(() -> System.out.println("job")); }
            }
            """)
        .addSourceLines(
            "Loop.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Loop {
              public void close(List<ExecutorService> pools) throws InterruptedException {
                ExecutorService last = null;
                for (ExecutorService pool : pools) {
                  if (last != null) {
                    last.awaitTermination(1, TimeUnit.SECONDS);
                  }
                  last = pool;
                  // BUG: Diagnostic contains: CancelWithoutAwait
                  last.shutdownNow();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_cancelAndWaitGuardedByDifferentOrMutableFlags() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Reporter {
              private final ExecutorService executor = Executors.newSingleThreadScheduledExecutor();
              private final boolean shutdownOnStop;
              private final boolean waitOnStop;

              Reporter(boolean shutdownOnStop, boolean waitOnStop) {
                this.shutdownOnStop = shutdownOnStop;
                this.waitOnStop = waitOnStop;
              }

              void report() {}

              public void stop() throws InterruptedException {
                if (shutdownOnStop) {
                  // BUG: Diagnostic contains: CancelWithoutAwait
                  executor.shutdown();
                }
                report();
                if (waitOnStop) {
                  executor.awaitTermination(1, TimeUnit.SECONDS);
                }
              }
              void start() { executor.execute(() -> System.out.println("job")); }
            }
            """)
        .addSourceLines(
            "Other.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Other {
              private final ExecutorService executor = Executors.newSingleThreadScheduledExecutor();
              private boolean mutable = true;

              public void close() throws InterruptedException {
                if (mutable) {
                  // BUG: Diagnostic contains: CancelWithoutAwait
                  executor.shutdown();
                }
                mutable = false;
                if (mutable) {
                  executor.awaitTermination(1, TimeUnit.SECONDS);
                }
              }
              void start() { executor.execute(() -> System.out.println("job")); }
            }
            """)
        .doTest();
  }

  @Test
  void negative_cancelAndTaskUsesSynchronizedOnTheSameInstance() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            class TempClient {
              private ScheduledExecutorService cleanup;
              private Closeable client;
              private long lastAccess;
              private final long thresholdMs = 1000;

              synchronized void open(Closeable fresh) {
                client = fresh;
                cleanup = Executors.newScheduledThreadPool(1);
                Runnable command =
                    new Runnable() {
                      @Override
                      public void run() {
                        checkInactive();
                      }
                    };
                cleanup.scheduleAtFixedRate(command, thresholdMs, thresholdMs, TimeUnit.MILLISECONDS);
              }

              private synchronized void checkInactive() {
                if (System.currentTimeMillis() - lastAccess > thresholdMs && client != null) {
                  closeClient();
                }
              }

              private synchronized void closeClient() {
                if (cleanup != null) {
                  cleanup.shutdownNow();
                  cleanup = null;
                }
                if (client != null) {
                  try {
                    client.close();
                  } catch (IOException e) {
                    // best effort
                  }
                  client = null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_taskUsesTheResourceWithoutTheLock() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            class TempClient {
              private ScheduledExecutorService cleanup;
              private Closeable client;

              synchronized void open(Closeable fresh) {
                client = fresh;
                cleanup = Executors.newScheduledThreadPool(1);
                cleanup.scheduleAtFixedRate(
                    new Runnable() {
                      @Override
                      public synchronized void run() {
                        // Locks the Runnable, not the TempClient.
                        client = null;
                      }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
              }

              private synchronized void closeClient() throws IOException {
                if (cleanup != null) {
                  // BUG: Diagnostic contains: CancelWithoutAwait
                  cleanup.shutdownNow();
                  cleanup = null;
                }
                if (client != null) {
                  client.close();
                }
              }
            }
            """)
        .addSourceLines(
            "Unlocked.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Unlocked {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private Closeable client;

              synchronized void touch() {
                pool.execute(this::use);
              }

              private synchronized void use() {
                client = null;
              }

              // Not synchronized: runs alongside use().
              void close() throws IOException {
                // BUG: Diagnostic contains: CancelWithoutAwait
                pool.shutdownNow();
                client.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_cancelAndReleaseInASynchronizedThisBlockTheTaskTakesToo() {
    helper
        .addSourceLines(
            "Journal.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.ScheduledFuture;
            import java.util.concurrent.TimeUnit;
            class Journal {
              interface Readers extends Closeable {
                void disposeUnused();
              }

              private final ScheduledExecutorService scheduler =
                  Executors.newSingleThreadScheduledExecutor();
              private Readers readers;
              private ScheduledFuture<?> cleanupTask;
              private boolean started;

              synchronized void start(Readers fresh) {
                readers = fresh;
                started = true;
                cleanupTask =
                    scheduler.scheduleAtFixedRate(
                        new Runnable() {
                          @Override
                          public void run() {
                            cleanup();
                          }
                        },
                        1,
                        1,
                        TimeUnit.SECONDS);
              }

              public synchronized void cleanup() {
                if (readers != null) {
                  readers.disposeUnused();
                }
              }

              public void close() throws IOException {
                synchronized (this) {
                  if (!started) {
                    return;
                  }
                  cleanupTask.cancel(true);
                  readers.close();
                }
                started = false;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_releaseAfterTheSynchronizedBlockOrUnderAnotherLock() {
    helper
        .addSourceLines(
            "Journal.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.ScheduledFuture;
            import java.util.concurrent.TimeUnit;
            class Journal {
              interface Readers extends Closeable {
                void disposeUnused();
              }

              private final ScheduledExecutorService scheduler =
                  Executors.newSingleThreadScheduledExecutor();
              private final Object lock = new Object();
              private Readers readers;
              private ScheduledFuture<?> cleanupTask;

              synchronized void start(Readers fresh) {
                readers = fresh;
                cleanupTask = scheduler.scheduleAtFixedRate(this::cleanup, 1, 1, TimeUnit.SECONDS);
              }

              public synchronized void cleanup() {
                readers.disposeUnused();
              }

              // The lock is let go before the release: the cleanup may run in between.
              public void close() throws IOException {
                synchronized (this) {
                  // BUG: Diagnostic contains: CancelWithoutAwait
                  cleanupTask.cancel(true);
                }
                readers.close();
              }

              // Another object's lock: the cleanup does not take it.
              public void closeUnderLock() throws IOException {
                synchronized (lock) {
                  // BUG: Diagnostic contains: CancelWithoutAwait
                  cleanupTask.cancel(true);
                  readers.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_threadWorksOnlyInASynchronizedOuterThisBlock() {
    helper
        .addSourceLines(
            "Connection.java",
            """
            import java.io.IOException;
            import java.io.OutputStream;
            import java.util.ArrayDeque;
            class Connection {
              private final ArrayDeque<byte[]> toWrite = new ArrayDeque<>();
              private OutputStream out;
              private boolean closed;
              private Sender sender;

              private class Sender extends Thread {
                @Override
                public void run() {
                  synchronized (Connection.this) {
                    while (!closed) {
                      if (toWrite.isEmpty()) {
                        try {
                          Connection.this.wait();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        continue;
                      }
                      try {
                        out.write(toWrite.poll());
                      } catch (IOException e) {
                        closed = true;
                      }
                    }
                  }
                }
              }

              synchronized void open(OutputStream stream) {
                out = stream;
                sender = new Sender();
                sender.start();
              }

              public synchronized void shutdown() throws IOException {
                closed = true;
                sender.interrupt();
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadLocksItselfNotTheConnection() {
    helper
        .addSourceLines(
            "Connection.java",
            """
            import java.io.IOException;
            import java.io.OutputStream;
            import java.util.ArrayDeque;
            class Connection {
              private final ArrayDeque<byte[]> toWrite = new ArrayDeque<>();
              private OutputStream out;
              private volatile boolean closed;
              private Sender sender;

              private class Sender extends Thread {
                @Override
                public void run() {
                  // `this` is the Sender: shutdown() does not take its lock.
                  synchronized (this) {
                    while (!closed) {
                      byte[] next = toWrite.poll();
                      if (next != null) {
                        try {
                          out.write(next);
                        } catch (IOException e) {
                          closed = true;
                        }
                      }
                    }
                  }
                }
              }

              synchronized void open(OutputStream stream) {
                out = stream;
                sender = new Sender();
                sender.start();
              }

              public synchronized void shutdown() throws IOException {
                closed = true;
                // BUG: Diagnostic contains: CancelWithoutAwait
                sender.interrupt();
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_clearingAPlainCollectionTheTasksWrite() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.HashMap;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Listeners {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final HashMap<String, Runnable> listeners = new HashMap<>();

              void fire(String key) {
                pool.execute(() -> listeners.remove(key));
              }

              void evictAll() {
                // BUG: Diagnostic contains: CancelWithoutAwait
                pool.shutdownNow();
                listeners.clear();
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppression() {
    helper
        .addSourceLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Server {
              private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
              @SuppressWarnings("CancelWithoutAwait")
              void stop() {
                acceptor.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  @Test
  void fix_closeWhenTheReleaseHasIt() {
    refactoring
        .addInputLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Server {
              private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
              void stop() {
                acceptor.shutdownNow();
                System.out.println("server stopped");
              }
              void start() { acceptor.execute(() -> System.out.println("job")); }
            }
            """)
        .addOutputLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Server {
              private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
              void stop() {
                acceptor.shutdownNow();
                acceptor.close();
                System.out.println("server stopped");
              }
              void start() { acceptor.execute(() -> System.out.println("job")); }
            }
            """)
        .doTest();
  }

  @Test
  void fix_awaitTerminationOnRelease17WhenTheMethodThrowsIt() {
    refactoring
        .addInputLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Server {
              private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
              void stop() throws InterruptedException {
                acceptor.shutdownNow();
                System.out.println("server stopped");
              }
              void start() { acceptor.execute(() -> System.out.println("job")); }
            }
            """)
        .addOutputLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Server {
              private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
              void stop() throws InterruptedException {
                acceptor.shutdownNow();
                acceptor.awaitTermination(30, TimeUnit.SECONDS);
                System.out.println("server stopped");
              }
              void start() { acceptor.execute(() -> System.out.println("job")); }
            }
            """)
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_awaitTerminationOnRelease17RestoresTheFlag() {
    refactoring
        .addInputLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Server {
              private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
              void stop() {
                acceptor.shutdownNow();
              }
              void start() { acceptor.execute(() -> System.out.println("job")); }
            }
            """)
        .addOutputLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Server {
              private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
              void stop() {
                acceptor.shutdownNow();
                try {
                  acceptor.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              void start() { acceptor.execute(() -> System.out.println("job")); }
            }
            """)
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_checksTheResultWhenAReleaseFollows() {
    refactoring
        .addInputLines(
            "Importer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            class Importer {
              void end(ExecutorService pool, Closeable db) throws IOException, InterruptedException {
                pool.execute(() -> System.out.println(db));
                pool.shutdown();
                db.close();
              }
            }
            """)
        .addOutputLines(
            "Importer.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Importer {
              void end(ExecutorService pool, Closeable db) throws IOException, InterruptedException {
                pool.execute(() -> System.out.println(db));
                pool.shutdown();
                if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("pool did not terminate within 30 seconds");
                }
                db.close();
              }
            }
            """)
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_awaitInsideCatchAllUsesItsOwnCatch() {
    refactoring
        .addInputLines(
            "Importer.java",
            """
            import java.io.Closeable;
            import java.util.concurrent.ExecutorService;
            class Importer {
              void export(ExecutorService pool, Closeable db) throws Exception {
                pool.execute(() -> System.out.println(db));
                try {
                  pool.shutdownNow();
                  db.close();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
            }
            """)
        .addOutputLines(
            "Importer.java",
            """
            import java.io.Closeable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Importer {
              void export(ExecutorService pool, Closeable db) throws Exception {
                pool.execute(() -> System.out.println(db));
                try {
                  pool.shutdownNow();
                  try {
                    if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                      throw new IllegalStateException("pool did not terminate within 30 seconds");
                    }
                  } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                  }
                  db.close();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
            }
            """)
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_joinTheThread() {
    refactoring
        .addInputLines(
            "Ticker.java",
            """
            class Ticker {
              private Thread worker;
              void start() {
                worker = new Thread(() -> System.out.println("tick"));
                worker.start();
              }
              void stop() {
                worker.interrupt();
              }
              void stopAndWait() throws InterruptedException {
                worker.interrupt();
                System.out.println("stopping");
              }
            }
            """)
        .addOutputLines(
            "Ticker.java",
            """
            class Ticker {
              private Thread worker;
              void start() {
                worker = new Thread(() -> System.out.println("tick"));
                worker.start();
              }
              void stop() {
                worker.interrupt();
                try {
                  worker.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              void stopAndWait() throws InterruptedException {
                worker.interrupt();
                worker.join();
                System.out.println("stopping");
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_threadsStoppedTogetherAreJoinedInOneTry() {
    // Both findings get the same insertion, applied once: a restore between two waits would make
    // the second throw at once and skip it. A thread the class did not make is not joined.
    refactoring
        .addInputLines(
            "Pipe.java",
            """
            class Pipe {
              private Thread reader;
              private Thread writer;
              void start() {
                reader = new Thread(() -> System.out.println("read"));
                writer = new Thread(() -> System.out.println("write"));
                reader.start();
                writer.start();
              }
              void stop() {
                reader.interrupt();
                writer.interrupt();
              }
              void stopWith(Thread caller) {
                caller.interrupt();
                writer.interrupt();
              }
            }
            """)
        .addOutputLines(
            "Pipe.java",
            """
            class Pipe {
              private Thread reader;
              private Thread writer;
              void start() {
                reader = new Thread(() -> System.out.println("read"));
                writer = new Thread(() -> System.out.println("write"));
                reader.start();
                writer.start();
              }
              void stop() {
                reader.interrupt();
                writer.interrupt();
                try {
                  reader.join();
                  writer.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              void stopWith(Thread caller) {
                caller.interrupt();
                writer.interrupt();
                try {
                  writer.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_joinsTheWaitWithARestoringCatchThatFollows() {
    // `reader` is joined already, in a try whose catch restores the flag: `writer`'s wait goes
    // into that try. After a try whose catch does something else, it gets a try of its own.
    refactoring
        .addInputLines(
            "Pipe.java",
            """
            class Pipe {
              private Thread reader;
              private Thread writer;
              void start() {
                reader = new Thread(() -> System.out.println("read"));
                writer = new Thread(() -> System.out.println("write"));
                reader.start();
                writer.start();
              }
              void stop() {
                reader.interrupt();
                writer.interrupt();
                try {
                  reader.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              void stopLogging() {
                reader.interrupt();
                writer.interrupt();
                try {
                  reader.join();
                } catch (InterruptedException e) {
                  System.out.println("interrupted");
                }
              }
            }
            """)
        .addOutputLines(
            "Pipe.java",
            """
            class Pipe {
              private Thread reader;
              private Thread writer;
              void start() {
                reader = new Thread(() -> System.out.println("read"));
                writer = new Thread(() -> System.out.println("write"));
                reader.start();
                writer.start();
              }
              void stop() {
                reader.interrupt();
                writer.interrupt();
                try {
                  writer.join();
                  reader.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              void stopLogging() {
                reader.interrupt();
                writer.interrupt();
                try {
                  writer.join();
                } catch (InterruptedException ie) {
                  Thread.currentThread().interrupt();
                }
                try {
                  reader.join();
                } catch (InterruptedException e) {
                  System.out.println("interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_bracesAroundAnIfWithoutBlock() {
    refactoring
        .addInputLines(
            "Poller.java",
            """
            import java.util.concurrent.ExecutorService;
            class Poller {
              private ExecutorService timer;
              void stop() {
                if (timer != null) timer.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Poller.java",
            """
            import java.util.concurrent.ExecutorService;
            class Poller {
              private ExecutorService timer;
              void stop() {
                if (timer != null) {
                  timer.shutdownNow();
                  timer.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_hookLambdaGetsABlock() {
    refactoring
        .addInputLines(
            "Main.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Main {
              public static void main(String[] args) {
                ExecutorService workers = Executors.newFixedThreadPool(4);
                workers.submit(() -> System.out.println("work"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> workers.shutdownNow()));
              }
            }
            """)
        .addOutputLines(
            "Main.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Main {
              public static void main(String[] args) {
                ExecutorService workers = Executors.newFixedThreadPool(4);
                workers.submit(() -> System.out.println("work"));
                Runtime.getRuntime()
                    .addShutdownHook(
                        new Thread(
                            () -> {
                              workers.shutdownNow();
                              try {
                                workers.awaitTermination(30, TimeUnit.SECONDS);
                              } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                              }
                            }));
              }
            }
            """)
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_freshCatchNameInsideACatch() {
    refactoring
        .addInputLines(
            "Feeder.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Feeder {
              private final ExecutorService pool;
              private final BlockingQueue<String> queue;
              Feeder(ExecutorService pool, BlockingQueue<String> queue) {
                this.pool = pool;
                this.queue = queue;
              }
              void close() {
                try {
                  queue.put("EOF");
                } catch (InterruptedException e) {
                  pool.shutdownNow();
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .addOutputLines(
            "Feeder.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Feeder {
              private final ExecutorService pool;
              private final BlockingQueue<String> queue;
              Feeder(ExecutorService pool, BlockingQueue<String> queue) {
                this.pool = pool;
                this.queue = queue;
              }
              void close() {
                try {
                  queue.put("EOF");
                } catch (InterruptedException e) {
                  pool.shutdownNow();
                  try {
                    pool.awaitTermination(30, TimeUnit.SECONDS);
                  } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                  }
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_ignoredWaitResultIsChecked() {
    refactoring
        .addInputLines(
            "Batch.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Batch {
              void run(ExecutorService pool, Closeable sink) throws IOException, InterruptedException {
                pool.execute(() -> System.out.println(sink));
                pool.shutdown();
                pool.awaitTermination(5, TimeUnit.SECONDS);
                sink.close();
              }
            }
            """)
        .addOutputLines(
            "Batch.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Batch {
              void run(ExecutorService pool, Closeable sink) throws IOException, InterruptedException {
                pool.execute(() -> System.out.println(sink));
                pool.shutdown();
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("pool did not terminate in time");
                }
                sink.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_ignoredWaitResultInACaseRuleGetsABlock() {
    refactoring
        .addInputLines(
            "Node.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Node {
              void leave(boolean graceful, ExecutorService gossip, Closeable peers)
                  throws IOException, InterruptedException {
                gossip.execute(() -> System.out.println(peers));
                gossip.shutdown();
                switch (graceful ? 1 : 0) {
                  case 1 -> gossip.awaitTermination(1, TimeUnit.MINUTES);
                  default -> gossip.awaitTermination(1, TimeUnit.MINUTES);
                }
                peers.close();
              }
            }
            """)
        .addOutputLines(
            "Node.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Node {
              void leave(boolean graceful, ExecutorService gossip, Closeable peers)
                  throws IOException, InterruptedException {
                gossip.execute(() -> System.out.println(peers));
                gossip.shutdown();
                switch (graceful ? 1 : 0) {
                  case 1 -> {
                    if (!gossip.awaitTermination(1, TimeUnit.MINUTES)) {
                      throw new IllegalStateException("gossip did not terminate in time");
                    }
                  }
                  default -> {
                    if (!gossip.awaitTermination(1, TimeUnit.MINUTES)) {
                      throw new IllegalStateException("gossip did not terminate in time");
                    }
                  }
                }
                peers.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_noFixForAFuture() {
    refactoring
        .addInputLines(
            "Uploader.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Uploader {
              void upload(ExecutorService pool, InputStream in, OutputStream out) throws IOException {
                Future<?> copy = pool.submit(() -> in.transferTo(out));
                copy.cancel(true);
                out.close();
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_fixedCodeHasNoFindingFromEitherCheck() {
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(
                CancelWithoutAwait.class, SwallowedInterrupt.class),
            getClass())
        .addSourceLines(
            "Importer.java",
            """
            import java.io.Closeable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Importer {
              void stop(ExecutorService pool, Closeable db) throws Exception {
                pool.execute(() -> System.out.println(db));
                try {
                  pool.shutdownNow();
                  try {
                    if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                      throw new IllegalStateException("pool did not terminate within 30 seconds");
                    }
                  } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                  }
                  db.close();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
              private Thread worker = new Thread(() -> System.out.println("tick"));
              void close() {
                worker.interrupt();
                try {
                  worker.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .setArgs("--release", "17")
        .expectNoDiagnostics()
        .doTest();
  }

  // ------------------------------------------------ helpers at any depth

  @Test
  void negative_awaitThreeHelpersDeep() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Closeable store;
              Service(Closeable store) {
                this.store = store;
                pool.submit(() -> System.out.println(store));
              }
              void stop() throws IOException {
                pool.shutdown();
                drain();
                store.close();
              }
              private void drain() {
                awaitPool();
              }
              private void awaitPool() {
                awaitQuietly(pool);
              }
              private static void awaitQuietly(ExecutorService executor) {
                try {
                  while (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    System.err.println("still draining");
                  }
                } catch (InterruptedException e) {
                  executor.shutdownNow();
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_deepHelperChainThatNeverWaits() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Closeable store;
              Service(Closeable store) {
                this.store = store;
                pool.submit(() -> System.out.println(store));
              }
              void stop() throws IOException {
                // BUG: Diagnostic contains: CancelWithoutAwait
                pool.shutdown();
                drain();
                store.close();
              }
              private void drain() {
                report();
              }
              private void report() {
                log(pool);
              }
              private static void log(ExecutorService executor) {
                System.err.println("stopping " + executor);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_forEachLoopsInMutuallyRecursiveHelpers() {
    // Each for-each loop asks whether its body waits, and the body reaches the same loop again
    // through the recursion: the question must end (it once overflowed the stack).
    helper
        .addSourceLines(
            "Scanner.java",
            """
            import java.io.Closeable;
            import java.io.File;
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Scanner {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Closeable index;
              Scanner(Closeable index) {
                this.index = index;
                pool.submit(() -> System.out.println(index));
              }
              void stop(List<File> roots) throws IOException {
                // BUG: Diagnostic contains: CancelWithoutAwait
                pool.shutdown();
                for (File root : roots) {
                  scan(root);
                }
                index.close();
              }
              private void scan(File dir) {
                File[] children = dir.listFiles();
                if (children != null) {
                  for (File child : children) {
                    visit(child);
                  }
                }
              }
              private void visit(File file) {
                if (file.isDirectory()) {
                  scan(file);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_forEachLoopsInMutuallyRecursiveHelpersAfterAWait() {
    helper
        .addSourceLines(
            "Scanner.java",
            """
            import java.io.Closeable;
            import java.io.File;
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Scanner {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Closeable index;
              Scanner(Closeable index) {
                this.index = index;
                pool.submit(() -> System.out.println(index));
              }
              void stop(List<File> roots) throws IOException {
                pool.close();
                for (File root : roots) {
                  scan(root);
                }
                index.close();
              }
              private void scan(File dir) {
                File[] children = dir.listFiles();
                if (children != null) {
                  for (File child : children) {
                    visit(child);
                  }
                }
              }
              private void visit(File file) {
                if (file.isDirectory()) {
                  scan(file);
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- the caller chooses the wait

  @Test
  void negative_waitUnderTheCallersParameter() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Service {
              private final ExecutorService executor;

              Service(ExecutorService executor) {
                this.executor = executor;
              }

              public void dispose(boolean awaitTermination) throws InterruptedException {
                ExecutorService e = executor;
                e.shutdownNow();
                if (awaitTermination) {
                  e.awaitTermination(Integer.MAX_VALUE, TimeUnit.SECONDS);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_waitUnderAField() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Service {
              private final ExecutorService executor;
              private volatile boolean graceful;

              Service(ExecutorService executor) {
                this.executor = executor;
              }

              public void dispose() throws InterruptedException {
                // BUG: Diagnostic contains: returns
                executor.shutdownNow();
                if (graceful) {
                  executor.awaitTermination(1, TimeUnit.SECONDS);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_parameterChoosesSomethingElse() {
    helper
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.ExecutorService;
            class Service {
              private final ExecutorService executor;

              Service(ExecutorService executor) {
                this.executor = executor;
              }

              public void dispose(boolean log) {
                // BUG: Diagnostic contains: returns
                executor.shutdownNow();
                if (log) {
                  System.out.println("disposed");
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- a forwarding adapter

  @Test
  void negative_adapterForwardsShutdown() {
    helper
        .addSourceLines(
            "Pool.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            class Pool {
              interface TaskPool {
                void shutdown();

                List<Runnable> shutdownNow();
              }

              static final class ExecutorServiceTaskPool implements TaskPool {
                private final ExecutorService delegate;

                ExecutorServiceTaskPool(ExecutorService delegate) {
                  this.delegate = delegate;
                }

                @Override
                public void shutdown() {
                  delegate.shutdown();
                }

                @Override
                public List<Runnable> shutdownNow() {
                  return delegate.shutdownNow();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_closeThatOnlyShutsDown() {
    helper
        .addSourceLines(
            "Pool.java",
            """
            import java.util.concurrent.ExecutorService;
            class Pool implements AutoCloseable {
              private final ExecutorService delegate;

              Pool(ExecutorService delegate) {
                this.delegate = delegate;
              }

              @Override
              public void close() {
                // BUG: Diagnostic contains: close() returns
                delegate.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_shutdownThatDoesMore() {
    helper
        .addSourceLines(
            "Pool.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            class Pool {
              private final ExecutorService delegate;
              private final Closeable store;

              Pool(ExecutorService delegate, Closeable store) {
                this.delegate = delegate;
                this.store = store;
              }

              public void shutdown() throws IOException {
                // BUG: Diagnostic contains: CancelWithoutAwait
                delegate.shutdown();
                store.close();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- cancel in a finally after
  // get()

  @Test
  void negative_cancelInFinallyAfterGet() {
    helper
        .addSourceLines(
            "Connector.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            class Connector {
              private final ExecutorService connectExecutor;
              private volatile String serverInfo;

              Connector(ExecutorService connectExecutor) {
                this.connectExecutor = connectExecutor;
              }

              String connect(long timeoutNanos) throws Exception {
                Future<Object> future =
                    connectExecutor.submit(
                        () -> {
                          serverInfo = "info";
                          return null;
                        });
                try {
                  future.get(timeoutNanos, TimeUnit.NANOSECONDS);
                } finally {
                  future.cancel(true);
                }
                return serverInfo;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_cancelInFinallyOfATryThatCatchesTheTimeout() {
    helper
        .addSourceLines(
            "Connector.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Connector {
              private final ExecutorService connectExecutor;
              private volatile String serverInfo;

              Connector(ExecutorService connectExecutor) {
                this.connectExecutor = connectExecutor;
              }

              String connect(long timeoutNanos) throws Exception {
                Future<Object> future =
                    connectExecutor.submit(
                        () -> {
                          serverInfo = "info";
                          return null;
                        });
                try {
                  future.get(timeoutNanos, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                  System.err.println("timed out");
                } finally {
                  // BUG: Diagnostic contains: reads serverInfo
                  future.cancel(true);
                }
                return serverInfo;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_cancelInFinallyWithoutTheWait() {
    helper
        .addSourceLines(
            "Connector.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Connector {
              private final ExecutorService connectExecutor;
              private volatile String serverInfo;

              Connector(ExecutorService connectExecutor) {
                this.connectExecutor = connectExecutor;
              }

              String connect() throws Exception {
                Future<Object> future =
                    connectExecutor.submit(
                        () -> {
                          serverInfo = "info";
                          return null;
                        });
                try {
                  System.out.println("connecting");
                } finally {
                  // BUG: Diagnostic contains: reads serverInfo
                  future.cancel(true);
                }
                return serverInfo;
              }
            }
            """)
        .doTest();
  }

  private static final String DETECTOR =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.TimeoutException;
      class Detector {
        protected final ExecutorService detection;
        protected final long timeoutMillis;
        protected volatile String protocol;

        Detector(ExecutorService detection, long timeoutMillis) {
          this.detection = detection;
          this.timeoutMillis = timeoutMillis;
        }

        String detect() throws Exception {
          Future<?> future = detection.submit(() -> protocol = "amqp");
          try {
            waitForDetection(future);
          } finally {
            // MARK
            future.cancel(true);
          }
          return protocol;
        }

        protected void waitForDetection(Future<?> future) throws Exception {
          try {
            if (timeoutMillis > 0) {
              future.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } else {
              future.get();
            }
          } catch (TimeoutException e) {
            throw new IllegalStateException("no protocol in time");
          }
        }
      }
      """;

  @Test
  void negative_cancelInFinallyAfterAHelperThatGetsTheFuture() {
    helper.addSourceLines("Detector.java", DETECTOR).doTest();
  }

  @Test
  void negative_cancelInFinallyAfterTheBaseClassHelperThatGetsTheFuture() {
    helper
        .addSourceLines("Detector.java", DETECTOR)
        .addSourceLines(
            "SslDetector.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class SslDetector extends Detector {
              SslDetector(ExecutorService detection) {
                super(detection, 1000);
              }

              @Override
              String detect() throws Exception {
                Future<?> future = detection.submit(() -> protocol = "amqps");
                try {
                  waitForDetection(future);
                } finally {
                  future.cancel(true);
                }
                return protocol;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_cancelInFinallyAfterAHelperThatSwallowsTheTimeout() {
    helper
        .addSourceLines(
            "Detector.java",
            DETECTOR
                .replace(
                    "throw new IllegalStateException(\"no protocol in time\");",
                    "System.err.println(\"no protocol in time\");")
                .replace("// MARK", "// BUG: Diagnostic contains: reads protocol"))
        .doTest();
  }

  @Test
  void positive_cancelInFinallyAfterAHelperThatWaitsOnOneBranchOnly() {
    helper
        .addSourceLines(
            "Detector.java",
            DETECTOR
                .replace("} else {\n        future.get();\n      }", "}")
                .replace("// MARK", "// BUG: Diagnostic contains: reads protocol"))
        .doTest();
  }

  @Test
  void positive_cancelInFinallyAfterAHelperASubclassOverrides() {
    helper
        .addSourceLines(
            "Detector.java",
            DETECTOR.replace("// MARK", "// BUG: Diagnostic contains: reads protocol"))
        .addSourceLines(
            "QuickDetector.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class QuickDetector extends Detector {
              QuickDetector(ExecutorService detection) {
                super(detection, 0);
              }

              @Override
              protected void waitForDetection(Future<?> future) {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_cancelInFinallyAfterAHelperThatGetsAnotherFuture() {
    helper
        .addSourceLines(
            "Detector.java",
            DETECTOR
                .replace(
                    "waitForDetection(future);", "waitForDetection(detection.submit(() -> {}));")
                .replace("// MARK", "// BUG: Diagnostic contains: reads protocol"))
        .doTest();
  }

  private static final String MERGER =
      """
      import java.io.Closeable;
      import java.util.ArrayList;
      import java.util.Collections;
      import java.util.List;
      import java.util.concurrent.AbstractExecutorService;
      import java.util.concurrent.TimeUnit;
      class Merger implements Closeable {
        static final class SameThreadPool extends AbstractExecutorService {
          private volatile boolean shutdown;
          final List<Runnable> parked = new ArrayList<>();
          @Override public void execute(Runnable command) {
            // EXECUTE
            command.run();
          }
          @Override public void shutdown() { shutdown = true; }
          @Override public List<Runnable> shutdownNow() {
            shutdown = true;
            return Collections.emptyList();
          }
          @Override public boolean isShutdown() { return shutdown; }
          @Override public boolean isTerminated() { return shutdown; }
          @Override public boolean awaitTermination(long timeout, TimeUnit unit) { return true; }
          // MORE
        }

        private final SameThreadPool executor = new SameThreadPool();
        private final List<String> merged = new ArrayList<>();

        void merge(String segment) {
          executor.execute(() -> merged.add(segment));
        }

        @Override
        public void close() {
          // MARK
          executor.shutdown();
        }
      }
      """;

  @Test
  void negative_poolThatRunsItsTasksOnTheCaller() {
    helper.addSourceLines("Merger.java", MERGER).doTest();
  }

  @Test
  void positive_poolThatParksSomeTasksForLater() {
    helper
        .addSourceLines(
            "Merger.java",
            MERGER
                .replace(
                    "// EXECUTE",
                    "if (parked.size() < 4) {\n        parked.add(command);\n        return;\n      }")
                .replace("// MARK", "// BUG: Diagnostic contains: close() returns"))
        .doTest();
  }

  @Test
  void positive_poolThatRunsItsTasksOnTheCallerButSubmitsElsewhere() {
    helper
        .addSourceLines(
            "Merger.java",
            MERGER
                .replace(
                    "// MORE",
                    "@Override public java.util.concurrent.Future<?> submit(Runnable task) {\n"
                        + "      return java.util.concurrent.ForkJoinPool.commonPool().submit(task);\n"
                        + "    }")
                .replace("// MARK", "// BUG: Diagnostic contains: close() returns"))
        .doTest();
  }

  @Test
  void positive_poolThatRunsItsTasksOnTheCallerInAFieldOthersMayReplace() {
    helper
        .addSourceLines(
            "Merger.java",
            MERGER
                .replace(
                    "private final SameThreadPool executor = new SameThreadPool();",
                    "protected java.util.concurrent.ExecutorService executor = new SameThreadPool();")
                .replace("// MARK", "// BUG: Diagnostic contains: close() returns"))
        .doTest();
  }
}
