package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

class LoopWithoutCancellationPointTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(LoopWithoutCancellationPoint.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(LoopWithoutCancellationPoint.class, getClass());

  /** This check and SwallowedInterrupt together: a fixed program must pass both. */
  private CompilationTestHelper bothChecks() {
    return CompilationTestHelper.newInstance(
        ScannerSupplier.fromBugCheckerClasses(
            LoopWithoutCancellationPoint.class, SwallowedInterrupt.class),
        getClass());
  }

  // ---------------------------------------------------------------- must flag: task loops

  @Test
  void positive_whileTrueInExecutorLambda() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              long hashes;
              void start(ExecutorService pool) {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: This task loop has no cancellation point
                  while (true) {
                    hashes = hashes * 31 + 7;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_forEverInRunnableRun() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Miner implements Runnable {
              private long nonce;
              @Override
              public void run() {
                // BUG: Diagnostic contains: cancel(true) and shutdownNow() cannot stop it
                for (;;) {
                  nonce++;
                  publishIfLucky(nonce);
                }
              }
              private void publishIfLucky(long n) {
                if (Long.numberOfTrailingZeros(n) > 20) {
                  System.out.println(n);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_volatileStopFlagInSubmittedTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            class Sweeper {
              private final Map<String, Long> sessions = new ConcurrentHashMap<>();
              private volatile boolean running = true;
              void start(ExecutorService pool) {
                pool.submit(() -> {
                  // BUG: Diagnostic contains: stops only when `running` turns false
                  while (running) {
                    sessions.values().removeIf(t -> t < System.currentTimeMillis());
                  }
                });
              }
              void stop() {
                running = false;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_stopFlagNothingEverClears() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Pump extends Thread {
              private volatile boolean running;
              long pumped;
              Pump() {
                running = true;
              }
              @Override
              public void run() {
                running = true;
                // BUG: Diagnostic contains: stops only when `running`
                while (running) {
                  pumped++;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_classWithItsOwnStopMethod() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.atomic.AtomicBoolean;
            class Sweeper implements Runnable {
              private volatile boolean running = true;
              long swept;
              @Override
              public void run() {
                while (running) {
                  swept++;
                }
              }
              void stop() {
                running = false;
              }
            }
            class Listener extends Thread {
              private final AtomicBoolean running = new AtomicBoolean();
              long heard;
              @Override
              public void run() {
                running.set(true);
                while (running.get()) {
                  heard++;
                }
              }
              void shutdown() {
                running.set(false);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_atomicBooleanStopFlag() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Test {
              final AtomicBoolean stopped = new AtomicBoolean();
              void start(ExecutorService pool, StringBuilder log) {
                pool.submit(() -> {
                  // BUG: Diagnostic contains: stops only when `!stopped.get()`
                  while (!stopped.get()) {
                    log.append('.');
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_doWhileTrueInCallable() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Callable;
            class Search implements Callable<Long> {
              long best;
              @Override
              public Long call() {
                long candidate = 1;
                // BUG: Diagnostic contains: no cancellation point
                do {
                  candidate = candidate * 6364136223846793005L + 1;
                  best = Math.max(best, candidate);
                } while (true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_anonymousThreadSubclass() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              int ticks;
              Thread ticker() {
                return new Thread() {
                  @Override
                  public void run() {
                    // BUG: Diagnostic contains: LoopWithoutCancellationPoint
                    while (true) {
                      ticks++;
                    }
                  }
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_exitOnlyBehindStopFlag() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              volatile boolean stopped;
              long work;
              void start(Executor executor) {
                executor.execute(() -> {
                  // BUG: Diagnostic contains: no cancellation point
                  while (true) {
                    if (stopped) {
                      break;
                    }
                    work++;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptCaughtInsideLoopAndLoopGoesOn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void start(ExecutorService pool, BlockingQueue<Runnable> jobs) {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: catches the InterruptedException of take() (line 10)
                  while (true) {
                    try {
                      jobs.take().run();
                    } catch (InterruptedException e) {
                      System.err.println("interrupted, waiting for the next job");
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_restoreThenGoRoundAgain() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Worker implements Runnable {
              private final BlockingQueue<String> inbox;
              private volatile boolean running = true;
              Worker(BlockingQueue<String> inbox) {
                this.inbox = inbox;
              }
              @Override
              public void run() {
                // BUG: Diagnostic contains: catches the InterruptedException of poll()
                while (running) {
                  try {
                    String message = inbox.poll(1, TimeUnit.SECONDS);
                    System.out.println(message);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptCheckEndsOnlyTheInnerLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            class Test {
              void start(ExecutorService pool, List<String> feeds) {
                pool.submit(() -> {
                  // BUG: Diagnostic contains: no cancellation point
                  while (true) {
                    for (String feed : feeds) {
                      if (Thread.currentThread().isInterrupted()) {
                        break;
                      }
                      System.out.println(feed);
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptCheckThatDoesNotLeave() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              int frames;
              void start(ExecutorService pool) {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: no cancellation point
                  while (true) {
                    if (Thread.currentThread().isInterrupted()) {
                      System.err.println("interrupted, rendering anyway");
                    }
                    frames++;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runAsyncAndVirtualThread() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Test {
              volatile long a;
              volatile long b;
              void start() {
                CompletableFuture.runAsync(() -> {
                  // BUG: Diagnostic contains: no cancellation point
                  while (true) {
                    a++;
                  }
                });
                Thread.ofVirtual().start(() -> {
                  // BUG: Diagnostic contains: no cancellation point
                  for (;;) {
                    b++;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_taskInsideTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              long count;
              void start(ExecutorService pool) {
                pool.submit(() -> {
                  pool.execute(() -> {
                    // BUG: Diagnostic contains: no cancellation point
                    while (true) {
                      count++;
                    }
                  });
                  return "started";
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_labeledContinueStaysInTheLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            class Scanner implements Runnable {
              private final List<String> hosts = List.of("a", "b");
              @Override
              public void run() {
                outer:
                // BUG: Diagnostic contains: no cancellation point
                while (true) {
                  for (String host : hosts) {
                    if (host.isEmpty()) {
                      continue outer;
                    }
                    System.out.println(host);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_switchExpressionAndVarInTaskLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              sealed interface Event permits Tick, Tock {}
              record Tick(int n) implements Event {}
              record Tock(String s) implements Event {}
              void start(ExecutorService pool, java.util.function.Supplier<Event> events) {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: no cancellation point
                  while (true) {
                    var event = events.get();
                    int weight = switch (event) {
                      case Tick t -> t.n();
                      case Tock(String s) -> s.length();
                    };
                    System.out.println(weight);
                  }
                });
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must flag: CPU loops

  @Test
  void positive_cpuLoopOverImagesInTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              Future<?> blurAll(ExecutorService pool, List<int[][]> images) {
                return pool.submit(() -> {
                  // BUG: Diagnostic contains: This loop is the task's main work
                  for (int[][] image : images) {
                    for (int y = 1; y < image.length - 1; y++) {
                      for (int x = 1; x < image[y].length - 1; x++) {
                        image[y][x] = (image[y - 1][x] + image[y + 1][x]) / 2;
                      }
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_countedCpuLoopInCallable() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Callable;
            class Histogram implements Callable<long[]> {
              private final int[][] pixels;
              Histogram(int[][] pixels) {
                this.pixels = pixels;
              }
              @Override
              public long[] call() {
                long[] counts = new long[256];
                // BUG: Diagnostic contains: nested loops over every element with no interrupt check
                for (int y = 0; y < pixels.length; y++) {
                  for (int x = 0; x < pixels[y].length; x++) {
                    counts[pixels[y][x] & 0xff]++;
                  }
                }
                return counts;
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must flag: busy-waits

  @Test
  void positive_busyWaitOnVolatileFlag() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Gate {
              private volatile boolean open;
              void awaitOpen() {
                // BUG: Diagnostic contains: This loop busy-waits on `!open`
                while (!open) {
                  Thread.onSpinWait();
                }
              }
              void open() {
                open = true;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_busyWaitEmptyBodyOnFuture() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Test {
              String await(Future<String> reply) throws InterruptedException, ExecutionException {
                // BUG: Diagnostic contains: busy-waits on `!reply.isDone()`
                while (!reply.isDone()) {}
                return reply.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_busyWaitWithYield() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.Queue;
            class Test {
              String next(Queue<String> inbox) {
                // BUG: Diagnostic contains: keeps a CPU core busy
                while (inbox.isEmpty()) Thread.yield();
                return inbox.remove();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_busyWaitWithSwallowedSleep() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Launcher {
              private volatile boolean started;
              void awaitStarted() {
                // BUG: Diagnostic contains: swallows the InterruptedException of its sleep
                while (!started) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException ignored) {
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_busyWaitWhileTrueWithBreak() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Test {
              void await(CountDownLatch ready) {
                // BUG: Diagnostic contains: This loop busy-waits
                while (true) {
                  if (ready.getCount() == 0) {
                    break;
                  }
                  Thread.onSpinWait();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_parkLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.locks.LockSupport;
            class Waiter {
              private volatile boolean done;
              void await() {
                // BUG: Diagnostic contains: LockSupport.park, which returns at once
                while (!done) {
                  LockSupport.parkNanos(1_000);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_busyWaitInRecord() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.atomic.AtomicInteger;
            record Barrier(AtomicInteger arrived, int parties) {
              void await() {
                // BUG: Diagnostic contains: busy-waits
                while (arrived.get() < parties) {
                  Thread.onSpinWait();
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must flag: hand-made timeouts

  @Test
  void positive_handMadeTimeout() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Future;
            class Test {
              boolean finishedInTime(Future<?> job, long timeoutMillis) throws InterruptedException {
                long deadline = System.currentTimeMillis() + timeoutMillis;
                // BUG: Diagnostic contains: hand-made timeout: it polls job.isDone() against the clock
                while (!job.isDone() && System.currentTimeMillis() < deadline) {
                  Thread.sleep(50);
                }
                if (!job.isDone()) {
                  job.cancel(true);
                  return false;
                }
                return true;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_handMadeTimeoutClockInBody() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeoutException;
            class Test {
              String fetch(Future<String> quote, long timeoutNanos)
                  throws InterruptedException, ExecutionException, TimeoutException {
                long start = System.nanoTime();
                // BUG: Diagnostic contains: Use quote.get(timeout, unit)
                while (!quote.isDone()) {
                  if (System.nanoTime() - start > timeoutNanos) {
                    quote.cancel(true);
                    throw new TimeoutException();
                  }
                  Thread.sleep(10);
                }
                return quote.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_handMadeTimeoutWithInstant() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.time.Duration;
            import java.time.Instant;
            import java.util.concurrent.CompletableFuture;
            class Test {
              Integer poll(CompletableFuture<Integer> price, Duration timeout) {
                Instant deadline = Instant.now().plus(timeout);
                // BUG: Diagnostic contains: hand-made timeout
                while (Instant.now().isBefore(deadline)) {
                  if (price.isDone()) {
                    return price.join();
                  }
                  Thread.onSpinWait();
                }
                price.cancel(true);
                return null;
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag: task loops

  @Test
  void negative_interruptCheckInCondition() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              long hashes;
              volatile boolean running = true;
              void start(ExecutorService pool) {
                pool.execute(() -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    hashes++;
                  }
                });
                pool.execute(() -> {
                  while (running && !Thread.interrupted()) {
                    hashes--;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_blockingTakePropagates() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Consumer implements Runnable {
              private final BlockingQueue<Runnable> jobs;
              Consumer(BlockingQueue<Runnable> jobs) {
                this.jobs = jobs;
              }
              @Override
              public void run() {
                try {
                  while (true) {
                    jobs.take().run();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_pollWithTimeoutAndCatchThatLeaves() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Test {
              volatile boolean running = true;
              void start(ExecutorService pool, BlockingQueue<String> inbox) {
                pool.execute(() -> {
                  while (running) {
                    try {
                      String message = inbox.poll(1, TimeUnit.SECONDS);
                      System.out.println(message);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      break;
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_sleepAndAwaitPropagate() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.locks.Condition;
            import java.util.concurrent.locks.Lock;
            class Poller implements Callable<Void> {
              private final Lock lock;
              private final Condition changed;
              private volatile boolean running = true;
              Poller(Lock lock) {
                this.lock = lock;
                this.changed = lock.newCondition();
              }
              @Override
              public Void call() throws Exception {
                while (running) {
                  Thread.sleep(100);
                }
                lock.lock();
                try {
                  while (true) {
                    changed.await();
                  }
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_catchAllThatLeavesOnInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void start(ExecutorService pool, BlockingQueue<Runnable> jobs) {
                pool.execute(() -> {
                  while (true) {
                    try {
                      jobs.take().run();
                    } catch (Exception e) {
                      if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                      System.err.println("job failed: " + e);
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptCheckThatThrows() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              long work;
              void start(ExecutorService pool) {
                pool.submit(() -> {
                  while (true) {
                    if (Thread.interrupted()) {
                      throw new InterruptedException();
                    }
                    work++;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_isCancelledOfOwnFuture() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.FutureTask;
            class Job extends FutureTask<Void> {
              Job(Runnable body) {
                super(body, null);
              }
              @Override
              public void run() {
                while (!isCancelled()) {
                  super.runAndReset();
                }
              }
            }
            class Test {
              final CompletableFuture<Void> self = new CompletableFuture<>();
              long n;
              void start() {
                new Thread(() -> {
                  while (true) {
                    if (self.isCancelled()) {
                      return;
                    }
                    n++;
                  }
                }).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_spinOnTheSizeOfAnInterruptibleChannel() {
    // An interrupt closes the channel and ends size() with ClosedByInterruptException, as it
    // ends read() or write(): the loop stops.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.nio.channels.FileChannel;
            class Test {
              void awaitLength(FileChannel log, long length) throws IOException {
                while (log.size() < length) {
                  Thread.onSpinWait();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptibleChannelAndSelector() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.nio.channels.Selector;
            import java.nio.channels.ServerSocketChannel;
            import java.nio.channels.SocketChannel;
            class Test {
              void start(ServerSocketChannel server, Selector selector) {
                new Thread(() -> {
                  try {
                    while (true) {
                      SocketChannel client = server.accept();
                      client.close();
                    }
                  } catch (IOException e) {
                    System.err.println("closed: " + e);
                  }
                }).start();
                new Thread(() -> {
                  try {
                    while (true) {
                      selector.select();
                      selector.selectedKeys().clear();
                    }
                  } catch (IOException e) {
                    System.err.println("closed: " + e);
                  }
                }).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_configuredCancellationPoint() {
    helper
        .addSourceLines(
            "Jobs.java",
            """
            package com.acme;
            public final class Jobs {
              public static native void checkpoint();
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import com.acme.Jobs;
            import java.util.concurrent.ExecutorService;
            class Test {
              long work;
              void start(ExecutorService pool) {
                pool.execute(() -> {
                  while (true) {
                    Jobs.checkpoint();
                    work++;
                  }
                });
              }
            }
            """)
        .setArgs("-XepOpt:CancelGuard:CancellationPoints=com.acme.Jobs#checkpoint")
        .doTest();
  }

  @Test
  void positive_unconfiguredCancellationPointNotTrusted() {
    helper
        .addSourceLines(
            "Jobs.java",
            """
            package com.acme;
            public final class Jobs {
              public static native void checkpoint();
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import com.acme.Jobs;
            import java.util.concurrent.ExecutorService;
            class Test {
              long work;
              void start(ExecutorService pool) {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: no cancellation point
                  while (true) {
                    Jobs.checkpoint();
                    work++;
                  }
                });
              }
            }
            """)
        .setArgs("-XepOpt:CancelGuard:CancellationPoints=com.acme.Other#checkpoint")
        .doTest();
  }

  @Test
  void negative_configuredPointInACpuLoop() {
    helper
        .addSourceLines(
            "Jobs.java",
            """
            package com.acme;
            public final class Jobs {
              public static native boolean stillWanted();
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import com.acme.Jobs;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            class Test {
              void start(ExecutorService pool, List<int[]> rows) {
                pool.execute(() -> {
                  for (int[] row : rows) {
                    if (!Jobs.stillWanted()) {
                      return;
                    }
                    for (int i = 0; i < row.length; i++) {
                      row[i] *= 2;
                    }
                  }
                });
              }
            }
            """)
        .setArgs("-XepOpt:CancelGuard:CancellationPoints=com.acme.Jobs#stillWanted")
        .doTest();
  }

  @Test
  void negative_readerLoopEndsAtEndOfStream() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.BufferedReader;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            class Test {
              void tail(ExecutorService pool, BufferedReader reader) {
                pool.submit(() -> {
                  while (true) {
                    String line = reader.readLine();
                    if (line == null) {
                      break;
                    }
                    System.out.println(line);
                  }
                  return null;
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_ioLoopsEndWhenTheirSocketIsClosed() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.DataInputStream;
            import java.io.IOException;
            import java.net.DatagramPacket;
            import java.net.DatagramSocket;
            import java.net.ServerSocket;
            import java.net.Socket;
            class Acceptor implements Runnable {
              private final ServerSocket server;
              private volatile boolean open = true;
              Acceptor(ServerSocket server) {
                this.server = server;
              }
              @Override
              public void run() {
                while (open) {
                  try {
                    Socket client = server.accept();
                    client.close();
                  } catch (IOException e) {
                    System.err.println("accept failed: " + e);
                  }
                }
              }
            }
            class Responder extends Thread {
              private final DatagramSocket socket;
              private final DataInputStream in;
              volatile boolean running = true;
              Responder(DatagramSocket socket, DataInputStream in) {
                this.socket = socket;
                this.in = in;
              }
              @Override
              public void run() {
                try {
                  while (running) {
                    DatagramPacket packet = new DatagramPacket(new byte[36], 36);
                    socket.receive(packet);
                    socket.send(packet);
                  }
                  while (true) {
                    readRecord();
                  }
                } catch (IOException e) {
                  System.err.println("responder stopped: " + e);
                }
              }
              private void readRecord() throws IOException {
                System.out.println(in.readLong());
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_drainLoopEndsWhenQueueIsEmpty() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.Queue;
            import java.util.concurrent.Executor;
            class Test {
              void drain(Executor executor, Queue<Runnable> pending) {
                executor.execute(() -> {
                  for (;;) {
                    Runnable job = pending.poll();
                    if (job == null) {
                      return;
                    }
                    job.run();
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_stopFlagWrittenInTheLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              int steps;
              boolean step() {
                return ++steps > 100;
              }
              void start(ExecutorService pool) {
                pool.execute(() -> {
                  boolean done = false;
                  while (!done) {
                    done = step();
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_loopOutsideAnyTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              long work;
              void serveForever() {
                while (true) {
                  work++;
                }
              }
              void stored() {
                Runnable notSubmitted = () -> {
                  while (true) {
                    work--;
                  }
                };
                notSubmitted.run();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_taskLoopInALocalLambdaHandedToAnExecutor() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            class Sweeper {
              private final Map<String, Long> sessions = new ConcurrentHashMap<>();
              private volatile boolean running = true;
              long hashes;
              void start(ExecutorService pool) {
                Runnable spin = () -> {
                  // BUG: Diagnostic contains: This task loop has no cancellation point
                  while (true) {
                    hashes = hashes * 31 + 7;
                  }
                };
                pool.execute(spin);
                Runnable sweep = () -> {
                  // BUG: Diagnostic contains: stops only when `running` turns false
                  while (running) {
                    sessions.values().removeIf(t -> t < System.currentTimeMillis());
                  }
                };
                pool.submit(sweep);
              }
              void stop() {
                running = false;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_localLambdaAlsoRunDirectlyIsNotOnlyATask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              long hashes;
              void start(ExecutorService pool, boolean inline) {
                Runnable spin = () -> {
                  while (true) {
                    hashes = hashes * 31 + 7;
                  }
                };
                if (inline) {
                  spin.run();
                } else {
                  pool.execute(spin);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_sameFileHelperChecksTheFlag() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CancellationException;
            import java.util.concurrent.ExecutorService;
            class Test {
              long work;
              private static void checkCancelled() {
                if (Thread.currentThread().isInterrupted()) {
                  throw new CancellationException("interrupted");
                }
              }
              void start(ExecutorService pool) {
                pool.execute(() -> {
                  while (true) {
                    checkCancelled();
                    work++;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_oddCodeInTaskLoopWithBlockingCall() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              sealed interface Msg permits Data, Stop {}
              record Data(String body) implements Msg {}
              record Stop() implements Msg {}
              <T extends Msg> void start(ExecutorService pool, BlockingQueue<T> inbox) {
                pool.submit(() -> {
                  while (true) {
                    var msg = inbox.take();
                    String text = switch (msg) {
                      case Data d when d.body().isEmpty() -> "empty";
                      case Data(String body) -> body;
                      case Stop s -> { yield "stop"; }
                    };
                    if (msg instanceof Stop) {
                      return text;
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_oddCodeDoesNotCrash() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.function.Supplier;
            interface Source<T> {
              T next();
              default int drain(List<T> into) {
                int n = 0;
                for (T item = next(); item != null; item = next()) {
                  into.add(item);
                  n++;
                }
                return n;
              }
            }
            record Range(int from, int to) {
              Range {
                while (from > to) {
                  from--;
                }
              }
            }
            abstract class Base implements Runnable {
              abstract void step();
            }
            class Test {
              <T> void start(ExecutorService pool, BlockingQueue<T> queue, int mode) {
                pool.submit(() -> {
                  int size = switch (mode) {
                    case 0 -> {
                      int taken = 0;
                      while (true) {
                        if (queue.take() == null) {
                          yield taken;
                        }
                        taken++;
                      }
                    }
                    default -> 0;
                  };
                  Supplier<Runnable> later = () -> () -> {
                    while (true) {
                      size();
                    }
                  };
                  class Local {
                    void spinOnce() {
                      for (var s : List.of("x")) {
                        System.out.println(s);
                      }
                    }
                  }
                  new Local().spinOnce();
                  block: {
                    if (size > 1) {
                      break block;
                    }
                  }
                  return size + later.hashCode();
                });
              }
              static int size() {
                return 0;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_busyWaitInStaticInitializerAndDefaultMethod() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.atomic.AtomicBoolean;
            interface Ready {
              AtomicBoolean READY = new AtomicBoolean();
              default void await() {
                // BUG: Diagnostic contains: busy-waits on `!READY.get()`
                while (!READY.get()) {}
              }
            }
            class Test {
              static final AtomicBoolean LOADED = new AtomicBoolean();
              static {
                // BUG: Diagnostic contains: busy-waits
                do {
                  Thread.onSpinWait();
                } while (!LOADED.get());
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag: CPU loops

  @Test
  void negative_boundedLoopsOutsideTasks() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            class Test {
              long sum(List<int[]> rows, int n) {
                long sum = 0;
                for (int[] row : rows) {
                  for (int v : row) {
                    sum += v;
                  }
                }
                for (int i = 0; i < n; i++) {
                  for (int j = 0; j < i; j++) {
                    sum += j;
                  }
                }
                return sum;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_flatForEachInTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            class Test {
              void invalidate(ExecutorService pool, Map<String, String> cache, List<String> ids) {
                pool.execute(() -> {
                  for (String id : ids) {
                    cache.remove(id);
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_fixedSizeCpuLoopsInTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            class Test {
              enum Channel { RED, GREEN, BLUE }
              static final int[] KERNEL = {1, 2, 1};
              void start(ExecutorService pool, int[][] image) {
                pool.execute(() -> {
                  for (Channel c : Channel.values()) {
                    for (int[] row : image) {
                      row[c.ordinal()] = 0;
                    }
                  }
                });
                pool.execute(() -> {
                  for (int pass = 0; pass < 3; pass++) {
                    for (int[] row : image) {
                      row[pass] = 1;
                    }
                  }
                });
                pool.execute(() -> {
                  for (String name : List.of("a", "b")) {
                    for (int[] row : image) {
                      row[0] = name.length();
                    }
                  }
                  for (int k : KERNEL) {
                    for (int[] row : image) {
                      row[1] = k;
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_cpuLoopWithCheckInTheInnerLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            class Test {
              void start(ExecutorService pool, List<int[]> rows) {
                pool.execute(() -> {
                  for (int[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                      if (Thread.currentThread().isInterrupted()) {
                        return;
                      }
                      row[i] = row[i] * 3 + 1;
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_forkJoinCompute() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.RecursiveTask;
            class Sum extends RecursiveTask<Long> {
              private final int[][] rows;
              Sum(int[][] rows) {
                this.rows = rows;
              }
              @Override
              protected Long compute() {
                long sum = 0;
                for (int[] row : rows) {
                  for (int v : row) {
                    sum += v;
                  }
                }
                return sum;
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag: polling

  @Test
  void negative_spinThenParkBoundedByCount() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Handoff {
              private static final int SPINS = 100;
              private volatile boolean ready;
              private final CountDownLatch latch = new CountDownLatch(1);
              void await() throws InterruptedException {
                for (int i = 0; i < SPINS && !ready; i++) {
                  Thread.onSpinWait();
                }
                int spins = 0;
                while (!ready && spins++ < SPINS) {
                  Thread.onSpinWait();
                }
                if (!ready) {
                  latch.await();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_spinWithInterruptCheckpoint() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Gate {
              private volatile boolean open;
              void awaitOpen() throws InterruptedException {
                while (!open) {
                  if (Thread.interrupted()) {
                    throw new InterruptedException();
                  }
                  Thread.onSpinWait();
                }
              }
              void awaitOpenOrReturn() {
                while (!open && !Thread.currentThread().isInterrupted()) {
                  Thread.onSpinWait();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_deadlinePollingWithInterruptibleSleep() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.TimeoutException;
            class Launcher {
              private volatile boolean started;
              void awaitStarted(long timeoutNanos) throws InterruptedException, TimeoutException {
                long deadline = System.nanoTime() + timeoutNanos;
                while (!started) {
                  if (System.nanoTime() > deadline) {
                    throw new TimeoutException("not started");
                  }
                  Thread.sleep(10);
                }
              }
              void awaitStartedOrGiveUp() {
                while (!started) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_timedSpinOnTheClockAlone() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void pause(long nanos) {
                long end = System.nanoTime() + nanos;
                while (System.nanoTime() < end) {
                  Thread.onSpinWait();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_loopsThatWorkInTheCondition() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.util.concurrent.atomic.AtomicLong;
            import java.util.concurrent.locks.Lock;
            import java.util.regex.Matcher;
            class Test {
              long update(AtomicLong counter) {
                long old;
                do {
                  old = counter.get();
                } while (!counter.compareAndSet(old, old + 1));
                return old;
              }
              void skip(InputStream in, Matcher m, java.nio.ByteBuffer b) throws IOException {
                while (in.read() != -1) {}
                while (m.find()) {}
                while (b.get() != 0) {}
                while (b.getInt() != 0) {
                  // skip to the terminator
                }
              }
              void acquire(Lock lock) {
                while (!lock.tryLock()) {}
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_scanningLoopsWithoutPauseAreNotWaits() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Cookie {
              static final class ByteBuffer {
                private final byte[] bytes;
                private int position;
                ByteBuffer(byte[] bytes) {
                  this.bytes = bytes;
                }
                boolean hasRemaining() {
                  return position < bytes.length;
                }
                byte get() {
                  return bytes[position++];
                }
              }
              static void skipUntilSemicolon(ByteBuffer bb) {
                while (bb.hasRemaining()) {
                  if (bb.get() == ';') {
                    break;
                  }
                }
              }
              static void skipZeros(ByteBuffer bb) {
                while (bb.get() == 0) {}
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_pollingOwnQueryWithAPause() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Server {
              private volatile int state;
              boolean isStarted() {
                return state == 2;
              }
              void awaitStarted() {
                // BUG: Diagnostic contains: busy-waits on `!isStarted()`
                while (!isStarted()) {
                  Thread.yield();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_guardedWaitAndBlockingGet() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Mailbox {
              private final Object lock = new Object();
              private String message;
              String take() throws InterruptedException {
                synchronized (lock) {
                  while (message == null) {
                    lock.wait();
                  }
                  return message;
                }
              }
              String first(Future<String> a) throws InterruptedException, ExecutionException {
                while (!a.isDone()) {
                  Thread.sleep(5);
                }
                return a.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_sleepLoopThatIsAHeartbeat() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            class Test {
              void start(ScheduledExecutorService pool) {
                pool.execute(() -> {
                  try {
                    while (true) {
                      System.out.println("alive");
                      Thread.sleep(1000);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_anonymousClassInsideTheLoopIsNotEntered() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void start(ExecutorService pool, BlockingQueue<Runnable> jobs) {
                pool.execute(() -> {
                  try {
                    while (true) {
                      Runnable job = jobs.take();
                      Runnable wrapped = new Runnable() {
                        @Override
                        public void run() {
                          job.run();
                        }
                      };
                      wrapped.run();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppression() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              volatile boolean open;
              long work;
              @SuppressWarnings("LoopWithoutCancellationPoint")
              void start(ExecutorService pool) {
                pool.execute(() -> {
                  while (true) {
                    work++;
                  }
                });
              }
              @SuppressWarnings("LoopWithoutCancellationPoint")
              void spin() {
                while (!open) {
                  Thread.onSpinWait();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_whileTrueGetsTheInterruptCheck() {
    String fixed =
        """
        class Miner implements Runnable {
          long nonce;
          @Override
          public void run() {
            while (!Thread.currentThread().isInterrupted()) {
              nonce++;
            }
          }
        }
        """;
    refactoring
        .addInputLines(
            "Miner.java",
            """
            class Miner implements Runnable {
              long nonce;
              @Override
              public void run() {
                while (true) {
                  nonce++;
                }
              }
            }
            """)
        .addOutputLines("Miner.java", fixed)
        .doTest();
    bothChecks().addSourceLines("Miner.java", fixed).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_forEverBecomesWhile() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              long n;
              void start(Executor executor) {
                executor.execute(() -> {
                  for (;;) {
                    n++;
                  }
                });
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              long n;
              void start(Executor executor) {
                executor.execute(() -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    n++;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_stopFlagGetsTheInterruptCheck() {
    String fixed =
        """
        class Sweeper implements Runnable {
          private volatile boolean running = true;
          private volatile boolean paused;
          long swept;
          @Override
          public void run() {
            while (running && !Thread.currentThread().isInterrupted()) {
              swept++;
            }
            while ((running || paused) && !Thread.currentThread().isInterrupted()) {
              swept--;
            }
          }
          static void stop(Thread worker) {
            worker.interrupt();
          }
        }
        """;
    refactoring
        .addInputLines(
            "Sweeper.java",
            """
            class Sweeper implements Runnable {
              private volatile boolean running = true;
              private volatile boolean paused;
              long swept;
              @Override
              public void run() {
                while (running) {
                  swept++;
                }
                while (running || paused) {
                  swept--;
                }
              }
              static void stop(Thread worker) {
                worker.interrupt();
              }
            }
            """)
        .addOutputLines("Sweeper.java", fixed)
        .doTest();
    bothChecks().addSourceLines("Sweeper.java", fixed).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_busyWaitGetsTheInterruptCheck() {
    refactoring
        .addInputLines(
            "Gate.java",
            """
            class Gate {
              private volatile boolean open;
              void awaitOpen() {
                while (!open) {
                  Thread.onSpinWait();
                }
              }
            }
            """)
        .addOutputLines(
            "Gate.java",
            """
            class Gate {
              private volatile boolean open;
              void awaitOpen() {
                while (!open && !Thread.currentThread().isInterrupted()) {
                  Thread.onSpinWait();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_swallowedSleepRestoresTheFlagAndChecksIt() {
    String fixed =
        """
        class Launcher {
          private volatile boolean started;
          void awaitStarted() {
            while (!started && !Thread.currentThread().isInterrupted()) {
              try {
                Thread.sleep(10);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        }
        """;
    refactoring
        .addInputLines(
            "Launcher.java",
            """
            class Launcher {
              private volatile boolean started;
              void awaitStarted() {
                while (!started) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                  }
                }
              }
            }
            """)
        .addOutputLines("Launcher.java", fixed)
        .doTest();
    bothChecks().addSourceLines("Launcher.java", fixed).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_callableThatNeverReturnsThrowsInterruptedException() {
    String fixed =
        """
        import java.util.concurrent.Callable;
        class Search implements Callable<Long> {
          long best;
          @Override
          public Long call() throws Exception {
            while (true) {
              if (Thread.interrupted()) {
                throw new InterruptedException();
              }
              best++;
            }
          }
        }
        """;
    refactoring
        .addInputLines(
            "Search.java",
            """
            import java.util.concurrent.Callable;
            class Search implements Callable<Long> {
              long best;
              @Override
              public Long call() throws Exception {
                while (true) {
                  best++;
                }
              }
            }
            """)
        .addOutputLines("Search.java", fixed)
        .doTest();
    bothChecks().addSourceLines("Search.java", fixed).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_valueLambdaThatCannotThrowGetsCancellationException() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Test {
              long n;
              CompletableFuture<Long> start() {
                return CompletableFuture.supplyAsync(() -> {
                  while (true) {
                    n++;
                  }
                });
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.CancellationException;
            import java.util.concurrent.CompletableFuture;
            class Test {
              long n;
              CompletableFuture<Long> start() {
                return CompletableFuture.supplyAsync(() -> {
                  while (true) {
                    if (Thread.currentThread().isInterrupted()) {
                      throw new CancellationException("interrupted");
                    }
                    n++;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_cpuLoopThrowsWhenTheTaskMay() {
    String fixed =
        """
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Future;
        class Test {
          Future<Integer> blur(ExecutorService pool, List<int[]> rows) {
            return pool.submit(() -> {
              int done = 0;
              for (int[] row : rows) {
                if (Thread.interrupted()) {
                  throw new InterruptedException();
                }
                for (int i = 1; i < row.length; i++) {
                  row[i] = (row[i - 1] + row[i]) / 2;
                }
                done++;
              }
              return done;
            });
          }
        }
        """;
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              Future<Integer> blur(ExecutorService pool, List<int[]> rows) {
                return pool.submit(() -> {
                  int done = 0;
                  for (int[] row : rows) {
                    for (int i = 1; i < row.length; i++) {
                      row[i] = (row[i - 1] + row[i]) / 2;
                    }
                    done++;
                  }
                  return done;
                });
              }
            }
            """)
        .addOutputLines("Test.java", fixed)
        .doTest();
    bothChecks().addSourceLines("Test.java", fixed).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_cpuLoopReturnsFromAVoidTask() {
    String fixed =
        """
        import java.util.List;
        class Blur implements Runnable {
          private final List<int[]> rows;
          Blur(List<int[]> rows) {
            this.rows = rows;
          }
          @Override
          public void run() {
            for (int[] row : rows) {
              if (Thread.currentThread().isInterrupted()) {
                return;
              }
              for (int i = 1; i < row.length; i++) {
                row[i] = (row[i - 1] + row[i]) / 2;
              }
            }
          }
        }
        """;
    refactoring
        .addInputLines(
            "Blur.java",
            """
            import java.util.List;
            class Blur implements Runnable {
              private final List<int[]> rows;
              Blur(List<int[]> rows) {
                this.rows = rows;
              }
              @Override
              public void run() {
                for (int[] row : rows) {
                  for (int i = 1; i < row.length; i++) {
                    row[i] = (row[i - 1] + row[i]) / 2;
                  }
                }
              }
            }
            """)
        .addOutputLines("Blur.java", fixed)
        .doTest();
    bothChecks().addSourceLines("Blur.java", fixed).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_noneForACpuLoopInAValueTaskThatCannotThrow() {
    // A break would return what the loop computed so far as if it were all; the task cannot
    // throw InterruptedException, and a return or an unchecked throw would skip what follows.
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            class Test {
              CompletableFuture<Long> sum(List<int[]> rows) {
                return CompletableFuture.supplyAsync(() -> {
                  long sum = 0;
                  for (int[] row : rows) {
                    for (int v : row) {
                      sum += v;
                    }
                  }
                  return sum;
                });
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_noneForACpuLoopInsideACatchAllWithAResultAfterIt() {
    // A break would return what the loop computed so far as if it were all; the task cannot
    // throw InterruptedException, and a return or an unchecked throw would skip what follows.
    refactoring
        .addInputLines(
            "Render.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            class Render implements Callable<String> {
              private final List<int[]> rows;
              Render(List<int[]> rows) {
                this.rows = rows;
              }
              @Override
              public String call() throws Exception {
                try {
                  for (int[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                      row[i] = -row[i];
                    }
                  }
                  return "ok";
                } catch (RuntimeException e) {
                  return "failed";
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_taskLoopThatSwallowsRestoresAndChecks() {
    String fixed =
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.ExecutorService;
        class Test {
          void start(ExecutorService pool, BlockingQueue<Runnable> jobs) {
            pool.execute(() -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  jobs.take().run();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  System.err.println("interrupted");
                }
              }
            });
          }
        }
        """;
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void start(ExecutorService pool, BlockingQueue<Runnable> jobs) {
                pool.execute(() -> {
                  while (true) {
                    try {
                      jobs.take().run();
                    } catch (InterruptedException e) {
                      System.err.println("interrupted");
                    }
                  }
                });
              }
            }
            """)
        .addOutputLines("Test.java", fixed)
        .doTest();
    bothChecks().addSourceLines("Test.java", fixed).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_doWhileTrueInAVoidTask() {
    refactoring
        .addInputLines(
            "Ticker.java",
            """
            class Ticker extends Thread {
              long ticks;
              @Override
              public void run() {
                do {
                  ticks++;
                } while (true);
              }
            }
            """)
        .addOutputLines(
            "Ticker.java",
            """
            class Ticker extends Thread {
              long ticks;
              @Override
              public void run() {
                do {
                  ticks++;
                } while (!Thread.currentThread().isInterrupted());
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_forWithACounterAndNoConditionGetsACheckInTheBody() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              long last;
              void start(Executor executor) {
                executor.execute(() -> {
                  for (long i = 0; ; i++) {
                    last = i;
                  }
                });
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              long last;
              void start(Executor executor) {
                executor.execute(() -> {
                  for (long i = 0; ; i++) {
                    if (Thread.currentThread().isInterrupted()) {
                      return;
                    }
                    last = i;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_cpuLoopWithoutBracesGetsABlock() {
    String fixed =
        """
        import java.util.List;
        class Invert implements Runnable {
          private final List<int[]> rows;
          Invert(List<int[]> rows) {
            this.rows = rows;
          }
          @Override
          public void run() {
            for (int[] row : rows) {
              if (Thread.currentThread().isInterrupted()) {
                return;
              }
              for (int i = 0; i < row.length; i++) row[i] = ~row[i];
            }
          }
        }
        """;
    refactoring
        .addInputLines(
            "Invert.java",
            """
            import java.util.List;
            class Invert implements Runnable {
              private final List<int[]> rows;
              Invert(List<int[]> rows) {
                this.rows = rows;
              }
              @Override
              public void run() {
                for (int[] row : rows)
                  for (int i = 0; i < row.length; i++) row[i] = ~row[i];
              }
            }
            """)
        .addOutputLines("Invert.java", fixed)
        .doTest();
    bothChecks().addSourceLines("Invert.java", fixed).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_noneForAHandMadeTimeout() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.Future;
            class Test {
              void await(Future<?> job, long deadline) throws InterruptedException {
                while (!job.isDone() && System.currentTimeMillis() < deadline) {
                  Thread.sleep(50);
                }
                job.cancel(true);
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  private static final String SUSPENDABLE_SYNC =
      """
      import java.util.concurrent.ExecutorService;
      class Sync {
        private final Object suspensionLock = new Object();
        private boolean suspended;

        void checkpoint(ExecutorService executor) {
          executor.execute(
              () -> {
                synchronized (suspensionLock) {
                  // BUG: Diagnostic contains: catches the InterruptedException of wait()
                  while (suspended) {
                    try {
                      suspensionLock.wait();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      continue;
                    }
                  }
                }
                flush();
              });
        }

        void flush() {}
      }
      """;

  @Test
  void positive_waitUnderALockThatRestoresAndGoesRound() {
    helper.addSourceLines("Sync.java", SUSPENDABLE_SYNC).doTest();
  }

  @Test
  void fix_noneForAWaitUnderALockFollowedByTheWorkItWaitedFor() {
    // Left on an interrupt, the loop would go on to flush() while sync is still suspended, and
    // with the flag set; the task cannot throw InterruptedException to leave instead.
    refactoring.addInputLines("Sync.java", SUSPENDABLE_SYNC).expectUnchanged().doTest();
  }

  @Test
  void fix_waitUnderALockFollowedByWorkThrowsWhereTheTaskMay() {
    String callable =
        SUSPENDABLE_SYNC
            .replace("executor.execute(", "executor.submit(")
            .replace("          flush();\n", "          flush();\n          return null;\n");
    String fixed =
        callable.replace(
            "while (suspended) {\n",
            "while (suspended) {\n"
                + "if (Thread.interrupted()) {\n"
                + "throw new InterruptedException();\n"
                + "}\n");
    refactoring.addInputLines("Sync.java", callable).addOutputLines("Sync.java", fixed).doTest();
    bothChecks()
        .addSourceLines(
            "Sync.java",
            fixed.replace(
                "// BUG: Diagnostic contains: catches the InterruptedException of wait()\n", ""))
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void fix_waitUnderALockWithNothingAfterItLeavesThroughItsCondition() {
    String nothingAfter = SUSPENDABLE_SYNC.replace("          flush();\n", "");
    refactoring
        .addInputLines("Sync.java", nothingAfter)
        .addOutputLines(
            "Sync.java",
            nothingAfter.replace(
                "while (suspended) {",
                "while (suspended && !Thread.currentThread().isInterrupted()) {"))
        .doTest();
  }

  private static final String PERF_SENDERS =
      """
      import java.util.concurrent.atomic.AtomicBoolean;
      class Perf {
        long sent;

        void sendMessages(int threads, long millis) throws InterruptedException {
          AtomicBoolean running = new AtomicBoolean(true);
          Thread[] senders = new Thread[threads];
          for (int i = 0; i < threads; i++) {
            senders[i] = new Thread(new Sender(running));
            senders[i].start();
          }
          Thread.sleep(millis);
          running.set(false);
          for (Thread sender : senders) {
            sender.join();
          }
        }

        class Sender implements Runnable {
          private final AtomicBoolean running;

          Sender(AtomicBoolean running) {
            this.running = running;
          }

          @Override
          public void run() {
            while (running.get()) {
              sent++;
            }
          }
        }
      }
      """;

  @Test
  void negative_stopFlagTheStarterHandsInAndSets() {
    // sendMessages() makes the flag, hands it to each sender and sets it false after the test
    // time: the loop ends by that protocol, as by a stop method of its own class.
    helper.addSourceLines("Perf.java", PERF_SENDERS).doTest();
  }

  @Test
  void positive_stopFlagTheStarterHandsInButNeverSets() {
    helper
        .addSourceLines(
            "Perf.java",
            PERF_SENDERS
                .replace("      running.set(false);\n", "")
                .replace(
                    "        while (running.get()) {\n",
                    "        // BUG: Diagnostic contains: stops only when `running.get()` turns false\n"
                        + "        while (running.get()) {\n"))
        .doTest();
  }

  private static final String NATIVE_AGENT =
      """
      import java.util.concurrent.ExecutorService;
      class Agent implements AutoCloseable {
        private final ExecutorService service;
        private long handle;

        Agent(ExecutorService service) {
          this.service = service;
        }

        void start() {
          handle = Local.create();
          service.submit(
              () -> {
                try {
                  while (true) {
                    long client = Local.accept(handle);
                    Local.serve(client);
                  }
                } catch (Exception e) {
                  System.err.println("agent stopped: " + e);
                }
              });
        }

        @Override
        public void close() {
          Local.close(handle);
        }
      }
      """;

  /** Native calls of a library, in a file of their own as in a jar. */
  private static final String NATIVE_LOCAL =
      """
      class Local {
        static native long create();

        static native long accept(long handle);

        static native void serve(long client);

        static native void close(long handle);
      }
      """;

  @Test
  void negative_nativeAcceptOnAHandleCloseCloses() {
    // An interrupt cannot wake a native accept; close() closes the handle, accept fails and the
    // exception leaves the loop.
    helper
        .addSourceLines("Agent.java", NATIVE_AGENT)
        .addSourceLines("Local.java", NATIVE_LOCAL)
        .doTest();
  }

  @Test
  void positive_nativeAcceptOnAHandleNothingCloses() {
    helper
        .addSourceLines(
            "Agent.java",
            NATIVE_AGENT
                .replace("Local.close(handle);\n", "")
                .replace(
                    "          while (true) {\n",
                    "          // BUG: Diagnostic contains: This task loop has no cancellation point\n"
                        + "          while (true) {\n"))
        .addSourceLines("Local.java", NATIVE_LOCAL)
        .doTest();
  }

  // ------------------------------------------------ busy-waits that hide behind bookkeeping

  @Test
  void positive_spinBehindACounterThatNeverEndsTheLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Handoff {
              private volatile boolean ready;
              void await() {
                int spins = 0;
                // BUG: Diagnostic contains: This loop busy-waits on `!ready`
                while (!ready) {
                  if (++spins < 100) {
                    Thread.onSpinWait();
                  } else {
                    spins = 0;
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_spinOnAFieldWhileCountingAndLogging() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.logging.Logger;
            class Startup {
              private static final Logger log = Logger.getLogger("startup");
              private volatile boolean started;
              private final java.util.concurrent.atomic.AtomicBoolean open =
                  new java.util.concurrent.atomic.AtomicBoolean();
              long awaitStarted() {
                long rounds = 0;
                // BUG: Diagnostic contains: This loop busy-waits on `!started`
                while (!started) {
                  rounds++;
                  log.fine("still waiting");
                }
                // BUG: Diagnostic contains: busy-waits on `!open.get()`
                while (!open.get()) {
                  System.out.println("waiting " + rounds);
                }
                return rounds;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_spinThenSleepBlocksAfterNRounds() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Handoff {
              private volatile boolean ready;
              void await() throws InterruptedException {
                int spins = 0;
                while (!ready) {
                  if (spins < 100) {
                    spins++;
                    Thread.onSpinWait();
                  } else {
                    Thread.sleep(1);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_counterThatEndsTheSpin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.TimeoutException;
            class Handoff {
              private volatile boolean ready;
              void await() throws TimeoutException {
                int spins = 0;
                while (!ready) {
                  if (++spins > 1_000_000) {
                    throw new TimeoutException("not ready");
                  }
                  Thread.onSpinWait();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_loopThatDoesWorkBesidesLogging() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.Queue;
            import java.util.logging.Logger;
            class Drain {
              private static final Logger log = Logger.getLogger("drain");
              private volatile boolean stopped;
              int drain(Queue<String> queue, int[] counts) {
                int rounds = 0;
                while (!stopped && !queue.isEmpty()) {
                  rounds++;
                  log.fine("draining");
                  queue.remove();
                }
                int local = 0;
                while (local < counts.length) {
                  local++;
                  log.fine("counting");
                }
                return rounds + local;
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_counterSpinGetsTheInterruptCheck() {
    refactoring
        .addInputLines(
            "Handoff.java",
            """
            class Handoff {
              private volatile boolean ready;
              void await() {
                int spins = 0;
                while (!ready) {
                  if (++spins < 100) {
                    Thread.onSpinWait();
                  } else {
                    spins = 0;
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Handoff.java",
            """
            class Handoff {
              private volatile boolean ready;
              void await() {
                int spins = 0;
                while (!ready && !Thread.currentThread().isInterrupted()) {
                  if (++spins < 100) {
                    Thread.onSpinWait();
                  } else {
                    spins = 0;
                  }
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------ helpers at any depth

  @Test
  void negative_flagCheckFourHelpersDeep() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CancellationException;
            import java.util.concurrent.ExecutorService;
            class Test {
              long work;
              void start(ExecutorService pool) {
                pool.execute(() -> {
                  while (true) {
                    step();
                  }
                });
              }
              private void step() {
                work++;
                account();
              }
              private void account() {
                guard();
              }
              private void guard() {
                checkCancelled();
              }
              private static void checkCancelled() {
                if (Thread.currentThread().isInterrupted()) {
                  throw new CancellationException("interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_helperChainWithNoCheckAndRecursion() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              long work;
              void start(ExecutorService pool) {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: no cancellation point
                  while (true) {
                    step();
                  }
                });
              }
              private void step() {
                account(3);
              }
              private void account(int n) {
                if (n > 0) {
                  account(n - 1);
                } else {
                  guard();
                }
              }
              private void guard() {
                work++;
                step();
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------ worker loops that spin while idle

  @Test
  void positive_workerWithAStopMethodPollsWithoutBlocking() {
    helper
        .addSourceLines(
            "Worker.java",
            """
            import java.util.Queue;
            import java.util.concurrent.ConcurrentLinkedQueue;
            class Worker extends Thread {
              private final Queue<Runnable> jobs = new ConcurrentLinkedQueue<>();
              private volatile boolean running = true;
              @Override
              public void run() {
                // BUG: Diagnostic contains: spins while idle: jobs.poll() returns at once
                while (running) {
                  Runnable job = jobs.poll();
                  if (job != null) {
                    job.run();
                  }
                }
              }
              void shutdown() {
                running = false;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_pollHiddenInSameFileHelpersAndTryLock() {
    helper
        .addSourceLines(
            "Worker.java",
            """
            import java.util.Queue;
            import java.util.concurrent.ConcurrentLinkedQueue;
            import java.util.concurrent.locks.ReentrantLock;
            class Worker implements Runnable {
              private final Queue<Runnable> jobs = new ConcurrentLinkedQueue<>();
              private final ReentrantLock lock = new ReentrantLock();
              private volatile boolean running = true;
              private long idleRounds;
              @Override
              public void run() {
                // BUG: Diagnostic contains: jobs.poll() returns at once
                while (running) {
                  Runnable job = next();
                  if (job == null) {
                    idleRounds++;
                    continue;
                  }
                  job.run();
                }
              }
              void startSpinner() {
                new Thread(
                        () -> {
                          // BUG: Diagnostic contains: lock.tryLock() returns at once
                          while (running) {
                            if (lock.tryLock()) {
                              try {
                                idleRounds = 0;
                              } finally {
                                lock.unlock();
                              }
                            }
                          }
                        })
                    .start();
              }
              private Runnable next() {
                return take();
              }
              private Runnable take() {
                return jobs.poll();
              }
              void stop() {
                running = false;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_workerThatBlocksWhileIdle() {
    helper
        .addSourceLines(
            "Worker.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Worker extends Thread {
              private final BlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
              private volatile boolean running = true;
              @Override
              public void run() {
                while (running) {
                  Runnable job;
                  try {
                    job = jobs.poll(100, TimeUnit.MILLISECONDS);
                  } catch (InterruptedException e) {
                    return;
                  }
                  if (job != null) {
                    job.run();
                  }
                }
              }
              void sleepWhenIdle() throws InterruptedException {
                while (running) {
                  Runnable job = jobs.poll();
                  if (job == null) {
                    Thread.sleep(10);
                    continue;
                  }
                  job.run();
                }
              }
              void shutdown() {
                running = false;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_idleRoundsThatDoOtherWork() {
    helper
        .addSourceLines(
            "Worker.java",
            """
            import java.util.Queue;
            import java.util.concurrent.ConcurrentLinkedQueue;
            class Worker extends Thread {
              private final Queue<Runnable> jobs = new ConcurrentLinkedQueue<>();
              private volatile boolean running = true;
              @Override
              public void run() {
                while (running) {
                  Runnable job = jobs.poll();
                  if (job != null) {
                    job.run();
                  }
                  housekeeping();
                }
              }
              private void housekeeping() {
                synchronized (this) {
                  try {
                    wait(100);
                  } catch (InterruptedException e) {
                    running = false;
                  }
                }
              }
              void shutdown() {
                running = false;
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------ sweeps over futures that never block

  @Test
  void positive_sweepOverFuturesReCheckingIsDone() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.Iterator;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Test {
              List<String> collect(List<Future<String>> pending) throws ExecutionException, InterruptedException {
                List<String> results = new ArrayList<>();
                // BUG: Diagnostic contains: busy-waits on futures: it sweeps over them re-checking f.isDone()
                while (!pending.isEmpty()) {
                  Iterator<Future<String>> it = pending.iterator();
                  while (it.hasNext()) {
                    Future<String> f = it.next();
                    if (f.isDone()) {
                      results.add(f.get());
                      it.remove();
                    }
                  }
                }
                return results;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_sweepWithADeadlineThatCancelsButNeverBlocks() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.Future;
            class Test {
              boolean awaitAll(List<Future<?>> futures, long deadlineNanos) {
                boolean allDone;
                // BUG: Diagnostic contains: busy-waits on futures
                do {
                  allDone = true;
                  for (Future<?> f : futures) {
                    if (!f.isDone()) {
                      allDone = false;
                    }
                  }
                  if (System.nanoTime() > deadlineNanos) {
                    for (Future<?> f : futures) {
                      f.cancel(true);
                    }
                    return false;
                  }
                } while (!allDone);
                return true;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_sweepsThatBlockOrDoOtherWork() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Test {
              List<String> blockInGet(List<Future<String>> pending)
                  throws ExecutionException, InterruptedException, TimeoutException {
                List<String> results = new ArrayList<>();
                while (!pending.isEmpty()) {
                  for (Future<String> f : new ArrayList<>(pending)) {
                    results.add(f.get(1, TimeUnit.SECONDS));
                    pending.remove(f);
                  }
                }
                return results;
              }

              void sleepBetweenSweeps(List<Future<String>> pending) throws InterruptedException {
                while (!pending.isEmpty()) {
                  pending.removeIf(Future::isDone);
                  for (Future<String> f : pending) {
                    if (f.isCancelled()) {
                      return;
                    }
                  }
                  Thread.sleep(50);
                }
              }

              void takeFromAQueue(List<Future<String>> pending, BlockingQueue<String> done)
                  throws InterruptedException {
                while (!pending.isEmpty()) {
                  for (Future<String> f : pending) {
                    if (f.isDone()) {
                      done.take();
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- a catch that tests the stop
  // state

  @Test
  void negative_sleepCatchTestsUpdaterStopStateAndLeaves() {
    helper
        .addSourceLines(
            "Timer.java",
            """
            import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
            class Timer {
              static final int STARTED = 1;
              static final int SHUTDOWN = 2;
              private static final AtomicIntegerFieldUpdater<Timer> STATE =
                  AtomicIntegerFieldUpdater.newUpdater(Timer.class, "state");
              private volatile int state;
              private volatile long deadline;
              private final Thread worker = new Thread(this::work);

              void start() {
                STATE.set(this, STARTED);
                worker.start();
              }

              void stop() throws InterruptedException {
                STATE.compareAndSet(this, STARTED, SHUTDOWN);
                worker.interrupt();
                worker.join();
              }

              private void work() {
                while (waitForNextTick() != Long.MIN_VALUE) {
                  System.out.println("tick");
                }
              }

              private long waitForNextTick() {
                for (; ; ) {
                  long now = System.nanoTime();
                  if (now >= deadline) {
                    return now;
                  }
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException ignored) {
                    if (STATE.get(this) == SHUTDOWN) {
                      return Long.MIN_VALUE;
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_sleepCatchTestsAFlagNobodySetsWithTheInterrupt() {
    helper
        .addSourceLines(
            "Timer.java",
            """
            class Timer {
              private volatile boolean closed;
              private volatile long deadline;

              void close() {
                closed = true;
              }

              long waitForNextTick() {
                // BUG: Diagnostic contains: swallows the InterruptedException of its sleep
                for (; ; ) {
                  long now = System.nanoTime();
                  if (now >= deadline) {
                    return now;
                  }
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException ignored) {
                    if (closed) {
                      return Long.MIN_VALUE;
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  private static final String CLOCK =
      """
      import java.util.concurrent.locks.LockSupport;
      class Clock {
        private volatile long millis = System.currentTimeMillis();
        private final Thread updater =
            new Thread("clock updater") {
              @Override
              public void run() {
                while (true) {
                  millis = System.currentTimeMillis();
                  LockSupport.parkNanos(1000 * 1000);
                }
              }
            };

        Clock() {
          updater.setDaemon(true);
          updater.start();
        }

        long millis() {
          return millis;
        }
      }
      """;

  @Test
  void fix_noneForTheLoopOfAThreadItsClassKeepsAndNeverInterrupts() {
    // Nobody can interrupt the updater but the class, which never does: ending its loop on a
    // stray interrupt would stop the only thread that updates the clock, and nothing restarts it.
    helper
        .addSourceLines(
            "Clock.java",
            CLOCK.replace(
                "          while (true) {",
                "          // BUG: Diagnostic contains: no cancellation point\n"
                    + "          while (true) {"))
        .doTest();
    refactoring.addInputLines("Clock.java", CLOCK).expectUnchanged().doTest();
  }

  private static final String REFERENCE_CLEANER =
      """
      package refs;

      import java.lang.ref.ReferenceQueue;

      public abstract class AutoReference {
        static ReferenceQueue<Object> queue() {
          return Cleaner.QUEUE;
        }

        static class Cleaner implements Runnable {
          private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();

          static {
            Thread thread = new Thread(new Cleaner(), "reference cleaner");
            thread.setDaemon(true);
            thread.start();
          }

          public void run() {
            for (; ; ) {
              try {
                QUEUE.remove().clear();
              } catch (Throwable ignored) {
              }
            }
          }
        }
      }
      """;

  @Test
  void fix_noneForTheCleanerLoopOfAClassOnlyItsPackageCanName() {
    // The loop can never end and is reported, but its thread is made only here (no other file of
    // the package names the class) and never interrupted: ending the loop on a stray interrupt
    // would stop the only thread that clears references.
    helper
        .addSourceLines(
            "refs/AutoReference.java",
            REFERENCE_CLEANER.replace(
                "      for (; ; ) {",
                "      // BUG: Diagnostic contains: catches the InterruptedException\n"
                    + "      for (; ; ) {"))
        .doTest();
    refactoring
        .addInputLines("refs/AutoReference.java", REFERENCE_CLEANER)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_forTheCleanerLoopWhenAnotherFileOfThePackageMakesTheCleaner() {
    // The catch takes every Throwable: the restore and the leave under one test of the caught
    // exception, the same insertion SwallowedInterrupt makes there.
    refactoring
        .addInputLines("refs/AutoReference.java", REFERENCE_CLEANER)
        .addOutputLines(
            "refs/AutoReference.java",
            REFERENCE_CLEANER
                .replace(
                    "      for (; ; ) {", "      while (!Thread.currentThread().isInterrupted()) {")
                .replace(
                    "        } catch (Throwable ignored) {\n",
                    "        } catch (Throwable ignored) {\n"
                        + "          if (ignored instanceof InterruptedException) {\n"
                        + "            Thread.currentThread().interrupt();\n"
                        + "            break;\n"
                        + "          }\n"))
        .addInputLines(
            "refs/Reaper.java",
            """
            package refs;

            class Reaper {
              void clearOnThisThread() {
                new AutoReference.Cleaner().run();
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_forTheLoopOfAThreadHandedOut() {
    // The same thread, handed out by a getter: whoever holds it may interrupt it to stop it.
    String handedOut =
        CLOCK.replace(
            "  long millis() {\n",
            "  Thread updater() {\n    return updater;\n  }\n\n  long millis() {\n");
    refactoring
        .addInputLines("Clock.java", handedOut)
        .addOutputLines(
            "Clock.java",
            handedOut.replace(
                "while (true) {", "while (!Thread.currentThread().isInterrupted()) {"))
        .doTest();
  }

  // ---------------------------------------------------------------- deadline polls on own threads

  private static String itemTask(String start) {
    return """
        import java.util.List;
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.TimeoutException;
        class ItemTask {
          private final List<String> items;
          private final int expected;
          ItemTask(List<String> items, int expected) {
            this.items = items;
            this.expected = expected;
          }
          Object future(long duration) {
            CompletableFuture<Void> future = new CompletableFuture<>();
            long timeout = System.currentTimeMillis() + duration;
            Thread waiter = new Thread(() -> {
              // BUG: Diagnostic contains: swallows the InterruptedException of its sleep
              while (System.currentTimeMillis() < timeout) {
                if (items.size() >= expected) {
                  future.complete(null);
                  return;
                }
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              future.completeExceptionally(new TimeoutException());
            });
            %s
          }
        }
        """
        .formatted(start);
  }

  @Test
  void negative_deadlinePollInAThreadNobodyHoldsOrInterrupts() {
    helper
        .addSourceLines(
            "ItemTask.java",
            itemTask("waiter.start();\nreturn future;")
                .replace(
                    "// BUG: Diagnostic contains: swallows the InterruptedException of its sleep\n",
                    ""))
        .doTest();
  }

  @Test
  void positive_deadlinePollInAThreadHandedOutOrInterrupted() {
    helper
        .addSourceLines("ItemTask.java", itemTask("waiter.start();\nreturn waiter;"))
        .addSourceLines(
            "Interrupted.java",
            itemTask("waiter.start();\nwaiter.interrupt();\nreturn future;")
                .replace("class ItemTask", "class Interrupted")
                .replace("ItemTask(", "Interrupted("))
        .doTest();
  }

  // ---------------------------------------------------------------- handshake spins

  private static final String PUBLICATION =
      """
      import java.util.concurrent.atomic.AtomicInteger;
      class Serialized {
        interface Subscription {
          void cancel();
        }
        static final int INIT = 0;
        static final int SUBSCRIBED = 1;
        static final int HAS_SUBSCRIPTION = 2;
        static final int DONE = 3;
        private final AtomicInteger state = new AtomicInteger(INIT);
        volatile Subscription subscription;
        void subscribe() {
          state.compareAndSet(INIT, SUBSCRIBED);
        }
        void onSubscribe(Subscription s) {
          if (state.compareAndSet(SUBSCRIBED, HAS_SUBSCRIPTION)) {
            %s
          }
        }
        void cancel() {
          if (state.compareAndSet(HAS_SUBSCRIPTION, DONE)) {
            %s
            while (subscription == null) {
              Thread.onSpinWait();
            }
            subscription.cancel();
          } else {
            state.set(DONE);
          }
        }
        %s
      }
      """;

  @Test
  void negative_spinOnAFieldEveryWriterOfTheSeenStateStoresRightAfter() {
    helper
        .addSourceLines("Serialized.java", PUBLICATION.formatted("this.subscription = s;", "", ""))
        .doTest();
  }

  @Test
  void positive_spinOnAFieldStoredLateResetOrWithoutTheState() {
    String bug = "// BUG: Diagnostic contains: LoopWithoutCancellationPoint";
    helper
        .addSourceLines(
            "Serialized.java",
            PUBLICATION.formatted(
                "try { Thread.sleep(100); } catch (InterruptedException e) {"
                    + " Thread.currentThread().interrupt(); }\nthis.subscription = s;",
                bug,
                ""))
        .addSourceLines(
            "Reset.java",
            PUBLICATION
                .formatted("this.subscription = s;", bug, "void reset() { subscription = null; }")
                .replace("class Serialized", "class Reset"))
        .addSourceLines(
            "Unguarded.java",
            PUBLICATION
                .formatted("this.subscription = s;", bug, "")
                .replace("class Serialized", "class Unguarded")
                .replace(
                    "if (state.compareAndSet(HAS_SUBSCRIPTION, DONE)) {",
                    "if (state.compareAndSet(SUBSCRIBED, DONE)) {"))
        .doTest();
  }

  private static final String HANDSHAKE =
      """
      import java.util.concurrent.atomic.AtomicInteger;
      class InterruptibleTask extends AtomicInteger implements Runnable {
        static final int READY = 0;
        static final int RUNNING = 1;
        static final int FINISHED = 2;
        static final int INTERRUPTING = 3;
        static final int INTERRUPTED = 4;
        final Runnable run;
        volatile Thread thread;
        InterruptibleTask(Runnable run) {
          this.run = run;
        }
        @Override
        public void run() {
          if (compareAndSet(READY, RUNNING)) {
            thread = Thread.currentThread();
            try {
              run.run();
            } finally {
              thread = null;
              if (!compareAndSet(RUNNING, FINISHED)) {
                %s
                Thread.interrupted();
              }
            }
          }
        }
        void dispose() {
          if (compareAndSet(RUNNING, INTERRUPTING)) {
            Thread t = thread;
            if (t != null) {
              t.interrupt();
            }
            %s
          }
        }
      }
      """;

  @Test
  void negative_spinThatWaitsOutAnotherThreadsHandshake() {
    // dispose() holds INTERRUPTING only for its own interrupt() call, then sets INTERRUPTED: the
    // spin lasts a few instructions of the other thread, and must not end early on an interrupt.
    helper
        .addSourceLines(
            "InterruptibleTask.java",
            HANDSHAKE.formatted(
                "while (get() == INTERRUPTING) { Thread.yield(); }", "set(INTERRUPTED);"))
        .doTest();
  }

  @Test
  void positive_spinOnAStateTheOtherThreadKeepsWhileItBlocks() {
    // Between entering INTERRUPTING and leaving it, the other side sleeps: that is no handshake.
    helper
        .addSourceLines(
            "InterruptibleTask.java",
            HANDSHAKE.formatted(
                "// BUG: Diagnostic contains: keeps a CPU core busy\n"
                    + "while (get() == INTERRUPTING) { Thread.yield(); }",
                "try { Thread.sleep(100); } catch (InterruptedException e) {"
                    + " Thread.currentThread().interrupt(); }\n"
                    + "set(INTERRUPTED);"))
        .doTest();
  }

  @Test
  void positive_spinOnAStateTheOtherThreadNeverLeaves() {
    helper
        .addSourceLines(
            "InterruptibleTask.java",
            HANDSHAKE.formatted(
                "// BUG: Diagnostic contains: keeps a CPU core busy\n"
                    + "while (get() == INTERRUPTING) { Thread.yield(); }",
                "System.out.println(\"interrupted\");"))
        .doTest();
  }

  @Test
  void positive_spinWhileAStateIsNotYetReached() {
    // Waiting for a state to be reached (!=) waits on the other thread's progress, however long.
    helper
        .addSourceLines(
            "InterruptibleTask.java",
            HANDSHAKE.formatted(
                "// BUG: Diagnostic contains: keeps a CPU core busy\n"
                    + "while (get() != INTERRUPTED) { Thread.yield(); }",
                "set(INTERRUPTED);"))
        .doTest();
  }

  @Test
  void negative_spinOnAVolatileFieldHeldForAHandshake() {
    helper
        .addSourceLines(
            "Handoff.java",
            """
            class Handoff {
              enum Phase { IDLE, HANDING_OVER, HANDED_OVER }
              private volatile Phase phase = Phase.IDLE;
              private volatile Object item;
              void give(Object value) {
                phase = Phase.HANDING_OVER;
                item = value;
                phase = Phase.HANDED_OVER;
              }
              Object take() {
                while (phase == Phase.HANDING_OVER) {
                  Thread.onSpinWait();
                }
                return item;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_spinOnAVolatileFieldAlsoSetFromAnotherPlaceThatKeepsIt() {
    helper
        .addSourceLines(
            "Handoff.java",
            """
            class Handoff {
              enum Phase { IDLE, HANDING_OVER, HANDED_OVER }
              private volatile Phase phase = Phase.IDLE;
              private volatile Object item;
              void give(Object value) {
                phase = Phase.HANDING_OVER;
                item = value;
                phase = Phase.HANDED_OVER;
              }
              void hold() {
                phase = Phase.HANDING_OVER;
              }
              Object take() {
                // BUG: Diagnostic contains: keeps a CPU core busy
                while (phase == Phase.HANDING_OVER) {
                  Thread.onSpinWait();
                }
                return item;
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- waits whose fall-through works

  @Test
  void fix_waitFollowedByWhatItAllowsThrowsOnInterrupt() {
    // Leaving the wait on an interrupt would send the packet in the middle of the key exchange:
    // the fix aborts the write instead.
    String fixed =
        """
        class Session {
          private volatile boolean inKeyExchange;
          void write(byte[] packet) throws Exception {
            while (inKeyExchange) {
              if (Thread.interrupted()) {
                throw new InterruptedException();
              }
              try {
                Thread.sleep(10);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            send(packet);
          }
          private void send(byte[] packet) {}
        }
        """;
    refactoring
        .addInputLines(
            "Session.java",
            """
            class Session {
              private volatile boolean inKeyExchange;
              void write(byte[] packet) throws Exception {
                while (inKeyExchange) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                  }
                }
                send(packet);
              }
              private void send(byte[] packet) {}
            }
            """)
        .addOutputLines("Session.java", fixed)
        .doTest();
    bothChecks().addSourceLines("Session.java", fixed).expectNoDiagnostics().doTest();
  }

  private static final String WAIT_FOLLOWED_BY_WORK_THAT_CANNOT_THROW =
      """
      import java.util.Queue;
      class Inbox {
        private volatile boolean open;
        String next(Queue<String> inbox) {
          // BUG: Diagnostic contains: keeps a CPU core busy
          while (!open) {
            Thread.onSpinWait();
          }
          return inbox.remove();
        }
      }
      """;

  @Test
  void fix_noneWhereTheWaitIsFollowedByWorkAndCannotThrow() {
    // Falling through would read the inbox before it opened; nothing here may throw
    // InterruptedException, and a silent return would hand the caller nothing: no fix.
    helper.addSourceLines("Inbox.java", WAIT_FOLLOWED_BY_WORK_THAT_CANNOT_THROW).doTest();
    refactoring
        .addInputLines("Inbox.java", WAIT_FOLLOWED_BY_WORK_THAT_CANNOT_THROW)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitWhoseBranchReturnsRightAfterItStillEndsInTheCondition() {
    // The wait's branch returns at once: the work later in the method never follows it.
    refactoring
        .addInputLines(
            "Server.java",
            """
            import java.util.logging.Logger;
            class Server {
              private static final Logger log = Logger.getLogger("server");
              private volatile boolean stopAwait;
              private int port;
              void await() {
                if (port == -1) {
                  while (!stopAwait) {
                    try {
                      Thread.sleep(10000);
                    } catch (InterruptedException ex) {
                    }
                  }
                  log.fine("stopped");
                  return;
                }
                listen();
              }
              private void listen() {}
            }
            """)
        .addOutputLines(
            "Server.java",
            """
            import java.util.logging.Logger;
            class Server {
              private static final Logger log = Logger.getLogger("server");
              private volatile boolean stopAwait;
              private int port;
              void await() {
                if (port == -1) {
                  while (!stopAwait && !Thread.currentThread().isInterrupted()) {
                    try {
                      Thread.sleep(10000);
                    } catch (InterruptedException ex) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  log.fine("stopped");
                  return;
                }
                listen();
              }
              private void listen() {}
            }
            """)
        .doTest();
  }

  @Test
  void fix_waitFollowedOnlyByLoggingStillEndsInTheCondition() {
    refactoring
        .addInputLines(
            "Gate.java",
            """
            class Gate {
              private volatile boolean open;
              void awaitOpen() {
                while (!open) {
                  Thread.onSpinWait();
                }
                System.out.println("open");
              }
            }
            """)
        .addOutputLines(
            "Gate.java",
            """
            class Gate {
              private volatile boolean open;
              void awaitOpen() {
                while (!open && !Thread.currentThread().isInterrupted()) {
                  Thread.onSpinWait();
                }
                System.out.println("open");
              }
            }
            """)
        .doTest();
  }
}
