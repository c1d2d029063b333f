package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait where every run of the cancelled task takes a lock the stop holds and first
 * tests a flag the stop has set under it, which nothing clears: a run either ended before the stop
 * took the lock, or finds the flag set and does nothing. Next to each, the neighbour where one of
 * those conditions fails, which still is reported.
 */
class CancelWithoutAwaitLockedFlagTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  /**
   * A stream the streamer recreates on a timer: the timer task and the stop both run under {@code
   * lock}, and the stop's locked part is a private method only called holding it.
   */
  private static final String STREAMER =
      """
      import java.io.ByteArrayOutputStream;
      import java.io.IOException;
      import java.io.OutputStream;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.ScheduledFuture;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.locks.Lock;
      import java.util.concurrent.locks.ReentrantLock;
      final class Streamer {
        private final ScheduledExecutorService executor;
        private final Lock lock;
        private OutputStream stream;
        private boolean closed;
        private ScheduledFuture<?> recreation;
        Streamer(ScheduledExecutorService executor) {
          this.executor = executor;
          lock = new ReentrantLock();
        }
        void open() {
          lock.lock();
          try {
            stream = new ByteArrayOutputStream();
            recreation = executor.schedule(() -> recreate(stream), 10, TimeUnit.SECONDS);
          } finally {
            lock.unlock();
          }
        }
        private void recreate(OutputStream old) {
          try {
            lock.lockInterruptibly();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          try {
            if (!closed) {
              if (stream == old) {
                try {
                  stream.write(1);
                  stream.close();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
                stream = new ByteArrayOutputStream();
              }
            }
          } finally {
            lock.unlock();
          }
        }
        public void close() throws IOException {
          try {
            lock.lockInterruptibly();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          try {
            lockedClose();
          } finally {
            lock.unlock();
          }
        }
        private void lockedClose() throws IOException {
          closed = true;
          if (recreation != null) {
            %s
          }
          if (stream != null) {
            stream.close();
          }
        }
      }
      """;

  private static final String CANCEL = "recreation.cancel(true);";
  private static final String FLAGGED_CANCEL =
      "// BUG: Diagnostic contains: reads stream\n      recreation.cancel(true);";

  /** The stop sets the flag and cancels holding the lock the task takes before testing it. */
  @Test
  void negative_taskTestsUnderTheLockAFlagTheStopSetHoldingIt() {
    helper.addSourceLines("Streamer.java", STREAMER.formatted(CANCEL)).doTest();
  }

  /** A reopen clears the flag: a run queued behind the stop may find it clear again. */
  @Test
  void positive_flagClearedAgain() {
    helper
        .addSourceLines(
            "Streamer.java",
            STREAMER
                .formatted(FLAGGED_CANCEL)
                .replace(
                    "    stream = new ByteArrayOutputStream();\n      recreation",
                    "    closed = false;\n      stream = new ByteArrayOutputStream();\n      recreation"))
        .doTest();
  }

  /** The flag is set only after the cancel and the release. */
  @Test
  void positive_flagSetAfterTheCancel() {
    helper
        .addSourceLines(
            "Streamer.java",
            STREAMER
                .formatted(FLAGGED_CANCEL)
                .replace("    closed = true;\n    if (recreation", "    if (recreation")
                .replace(
                    "      stream.close();\n    }\n  }\n}",
                    "      stream.close();\n    }\n    closed = true;\n  }\n}"))
        .doTest();
  }

  /** The task tests the flag before it takes the lock: the stop may come in between. */
  @Test
  void positive_flagTestedOutsideTheLock() {
    helper
        .addSourceLines(
            "Streamer.java",
            STREAMER
                .formatted(FLAGGED_CANCEL)
                .replace(
                    "  private void recreate(OutputStream old) {\n",
                    "  private void recreate(OutputStream old) {\n    if (closed) return;\n")
                .replace(
                    "      if (!closed) {\n        if (stream == old) {",
                    "      {\n        if (stream == old) {"))
        .doTest();
  }

  /** A read lock is shared: the task and the stop can hold it at once. */
  @Test
  void positive_sharedReadLock() {
    helper
        .addSourceLines(
            "Streamer.java",
            STREAMER
                .formatted(FLAGGED_CANCEL)
                .replace(
                    "lock = new ReentrantLock();",
                    "lock = new java.util.concurrent.locks.ReentrantReadWriteLock().readLock();"))
        .doTest();
  }

  /** The task writes to the stream before it takes the lock. */
  @Test
  void positive_taskActsBeforeTheLock() {
    helper
        .addSourceLines(
            "Streamer.java",
            STREAMER
                .formatted(FLAGGED_CANCEL)
                .replace(
                    "recreation = executor.schedule(() -> recreate(stream),",
                    "recreation = executor.schedule(() -> { touch(); recreate(stream); },")
                .replace(
                    "  private void recreate(OutputStream old) {",
                    "  private void touch() {\n    try {\n      stream.write(2);\n    } catch"
                        + " (IOException e) {\n      throw new IllegalStateException(e);\n    }\n  }\n"
                        + "  private void recreate(OutputStream old) {"))
        .doTest();
  }

  /** The stop's locked part is also called without the lock. */
  @Test
  void positive_stopPartCalledWithoutTheLock() {
    helper
        .addSourceLines(
            "Streamer.java",
            STREAMER
                .formatted(FLAGGED_CANCEL)
                .replace(
                    "  private void lockedClose()",
                    "  void abort() throws IOException {\n    lockedClose();\n  }\n"
                        + "  private void lockedClose()"))
        .doTest();
  }

  /** A timer task guarded by a monitor field, stopped in a block on the same field. */
  private static final String TICKER =
      """
      import java.io.IOException;
      import java.io.OutputStream;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.ScheduledFuture;
      import java.util.concurrent.TimeUnit;
      class Ticker {
        private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger("ticker");
        private final Object guard = new Object();
        private final OutputStream out;
        private boolean stopped;
        private ScheduledFuture<?> tick;
        Ticker(ScheduledExecutorService scheduler, OutputStream out) {
          this.out = out;
          tick = scheduler.scheduleAtFixedRate(this::beat, 1, 1, TimeUnit.SECONDS);
        }
        private void beat() {
          synchronized (guard) {
            if (stopped) {
              LOG.fine("already stopped");
              return;
            }
            try {
              out.write(1);
            } catch (IOException e) {
              LOG.warning("beat failed");
            }
          }
        }
        void stop() throws IOException {
          synchronized (%s) {
            stopped = true;
            %s
            out.close();
          }
        }
      }
      """;

  /** The stop holds the monitor field the task tests its flag under. */
  @Test
  void negative_monitorFieldBothHold() {
    helper.addSourceLines("Ticker.java", TICKER.formatted("guard", "tick.cancel(false);")).doTest();
  }

  /** The stop holds another monitor: the task's beat can run beside it. */
  @Test
  void positive_stopHoldsAnotherMonitor() {
    helper
        .addSourceLines(
            "Ticker.java",
            TICKER.formatted(
                "this", "// BUG: Diagnostic contains: releasing out\n      tick.cancel(false);"))
        .doTest();
  }

  /** The task's skip branch does more than log: it writes. */
  @Test
  void positive_skipBranchActs() {
    helper
        .addSourceLines(
            "Ticker.java",
            TICKER
                .formatted(
                    "guard",
                    "// BUG: Diagnostic contains: releasing out\n      tick.cancel(false);")
                .replace(
                    "LOG.fine(\"already stopped\");",
                    "try { out.flush(); } catch (IOException e) { }"))
        .doTest();
  }
}
