package samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the run-time demonstrations share: gates that hold a thread at a known point, pools and
 * threads that are stopped when the test ends, and a check that no test leaves a thread running.
 *
 * <p>One instance per test; {@link #close()} runs after it, passed or failed.
 */
final class DemoSupport implements AutoCloseable {
  /**
   * How long a test waits for something that must happen. In a passing run it happens at once; the
   * bound only turns a hang into a failure.
   */
  static final Duration PATIENCE = Duration.ofSeconds(5);

  private final Set<Thread> threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
  private final List<Runnable> endActions = new ArrayList<>();
  private final List<Gate> gates = new ArrayList<>();
  private final List<ExecutorService> pools = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger poolCount = new AtomicInteger();

  /** A gate that stays shut until the test opens it. */
  Gate gate() {
    return register(new Gate(false));
  }

  /**
   * A gate that also opens when a thread waiting at it is interrupted: a call that finishes its
   * current step and then returns, once it is cancelled.
   */
  Gate gateOpenedByInterrupt() {
    return register(new Gate(true));
  }

  private Gate register(Gate gate) {
    gates.add(gate);
    return gate;
  }

  /** A fixed pool of non-daemon threads, stopped and awaited when the test ends. */
  DemoPool pool(int threads) {
    DemoPool pool = new DemoPool(threads, "demo-pool-" + poolCount.incrementAndGet());
    pools.add(pool);
    return pool;
  }

  /** Runs {@code body} on a new thread; {@link #join} waits for it and rethrows its failure. */
  DemoThread start(String name, ThrowingRunnable body) {
    DemoThread thread = new DemoThread(name, body);
    threads.add(thread);
    thread.start();
    return thread;
  }

  /** Waits for a thread started with {@link #start} and rethrows what it threw. */
  void join(DemoThread thread) throws Exception {
    thread.join(PATIENCE.toMillis());
    assertFalse(thread.isAlive(), thread.getName() + " did not finish");
    if (thread.failure.get() != null) {
      throw thread.failure.get();
    }
  }

  /** Something to do when the test ends, before the threads are awaited: a stop flag, say. */
  void atEnd(Runnable action) {
    endActions.add(action);
  }

  /** Waits for a latch that must reach zero. */
  static void await(CountDownLatch latch, String what) throws InterruptedException {
    assertTrue(latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "never happened: " + what);
  }

  /** Waits for a pool that must terminate. */
  static void awaitTermination(ExecutorService pool) throws InterruptedException {
    assertTrue(pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "still running");
  }

  /**
   * Calls {@code body} on the current thread with its interrupt flag set — a thread that has been
   * cancelled — and reports what it returned or threw, and whether the flag is still set after it.
   * The flag is cleared again before this returns.
   */
  static <T> Outcome<T> onInterruptedThread(Callable<T> body) {
    Thread.currentThread().interrupt();
    T value = null;
    Exception thrown = null;
    try {
      value = body.call();
    } catch (Exception e) {
      thrown = e;
    }
    return new Outcome<>(value, thrown, Thread.interrupted());
  }

  /** What a call on an interrupted thread did. */
  record Outcome<T>(T value, Exception thrown, boolean stillInterrupted) {}

  /** A lambda body that may throw. */
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /**
   * Ends the test: sets its stop flags, opens every gate, stops every pool and waits for it, waits
   * for every thread it started, and fails if a thread that was not running before the test (other
   * than a daemon) is still alive.
   */
  @Override
  public void close() throws InterruptedException {
    endActions.forEach(Runnable::run);
    gates.forEach(Gate::open);
    List<String> problems = new ArrayList<>();
    for (ExecutorService pool : pools) {
      pool.shutdownNow();
      if (!pool.awaitTermination(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        problems.add("a pool did not terminate: " + pool);
      }
    }
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      // JUnit starts its timeout watcher with the first test that has a timeout.
      if (threadsBefore.contains(thread)
          || thread.isDaemon()
          || thread.getName().startsWith("junit-")) {
        continue;
      }
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      if (thread.isAlive()) {
        problems.add("thread left running: " + thread.getName());
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
  }

  /**
   * A point where a thread waits until the test lets it go. It counts who entered and whether an
   * interrupt reached a thread waiting there.
   */
  static final class Gate {
    private final boolean opensOnInterrupt;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    private Gate(boolean opensOnInterrupt) {
      this.opensOnInterrupt = opensOnInterrupt;
    }

    /**
     * Waits like a blocking socket call or an image decoder: an interrupt does not end the wait. It
     * is remembered, and the flag is set again when the wait ends.
     */
    void passIgnoringInterrupts() {
      entered.countDown();
      boolean wasInterrupted = false;
      while (true) {
        try {
          open.await();
          break;
        } catch (InterruptedException e) {
          wasInterrupted = true;
          interrupted.countDown();
          if (opensOnInterrupt) {
            open.countDown();
          }
        }
      }
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }

    /** Waits like an interruptible call: an interrupt ends the wait with the exception. */
    void pass() throws InterruptedException {
      entered.countDown();
      try {
        open.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        if (opensOnInterrupt) {
          open.countDown();
        }
        throw e;
      }
    }

    void open() {
      open.countDown();
    }

    /** Waits until a thread has reached the gate. */
    void awaitEntered() throws InterruptedException {
      await(entered, "a thread reaches the gate");
    }

    /** Waits until a thread waiting at the gate has been interrupted. */
    void awaitInterrupted() throws InterruptedException {
      await(interrupted, "an interrupt reaches the thread at the gate");
    }

    boolean wasInterrupted() {
      return interrupted.getCount() == 0;
    }
  }

  /** A fixed thread pool that also says when its workers have started running a task. */
  static final class DemoPool extends ThreadPoolExecutor {
    private final Semaphore started = new Semaphore(0);

    private DemoPool(int threads, String name) {
      super(
          threads,
          threads,
          0,
          TimeUnit.MILLISECONDS,
          new LinkedBlockingQueue<>(),
          Thread.ofPlatform().name(name + "-thread-", 1).factory());
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
      started.release();
    }

    /**
     * Waits until {@code count} tasks have started. A task that has started runs even if the pool
     * is then shut down with {@code shutdownNow()}; its thread is interrupted.
     */
    void awaitStarted(int count) throws InterruptedException {
      assertTrue(
          started.tryAcquire(count, PATIENCE.toMillis(), TimeUnit.MILLISECONDS),
          "tasks never started");
    }
  }

  /** A thread started by a test; it keeps what its body threw. */
  static final class DemoThread extends Thread {
    private final ThrowingRunnable body;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private DemoThread(String name, ThrowingRunnable body) {
      super(name);
      this.body = body;
    }

    @Override
    public void run() {
      try {
        body.run();
      } catch (Exception e) {
        failure.set(e);
      }
    }
  }
}
