package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Catches of {@link SwallowedInterrupt} whose every interrupt comes from a helper of the same file
 * that restores the flag right before it throws it: the catch starts with the flag set. Each shape
 * has its must-flag neighbours (a helper that can be overridden, one that does something between
 * the restore and the throw, one with a finally or an enclosing try, one with a wait outside its
 * restoring try, a try block with another wait, a catch that clears the flag itself).
 */
class SwallowedInterruptRestoringThrowerTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  @Test
  void helperThatRestoresBeforeItThrows() {
    helper
        .addSourceLines(
            "Collector.java",
            """
            import java.io.IOException;
            public class Collector {
              private int retries = 3;
              private volatile boolean up;

              public void put() throws IOException {
                try {
                  if (!checkRetryWithSleep()) {
                    throw new IOException("down");
                  }
                } catch (InterruptedException e) {
                  throw new IOException("interrupted while retrying");
                }
              }

              public boolean tryPut() {
                try {
                  return checkRetryWithSleep();
                } catch (InterruptedException e) {
                  return false;
                }
              }

              public boolean throughTwoHelpers() {
                try {
                  return waitTwice();
                } catch (Exception e) {
                  return false;
                }
              }

              public void made() {
                try {
                  pauseOrThrowNew();
                } catch (InterruptedException e) {
                }
              }

              private boolean checkRetryWithSleep() throws InterruptedException {
                int left = retries;
                while (left > 0) {
                  if (up) {
                    return true;
                  }
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw ex;
                  }
                  left--;
                }
                return false;
              }

              private boolean waitTwice() throws InterruptedException {
                return checkRetryWithSleep() && checkRetryWithSleep();
              }

              private static void pauseOrThrowNew() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException ex) {
                  Thread.currentThread().interrupt();
                  throw new InterruptedException("paused");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void helperThatMayThrowWithTheFlagClear() {
    helper
        .addSourceLines(
            "Collector.java",
            """
            import java.io.IOException;
            import java.util.logging.Logger;
            public class Collector {
              private static final Logger LOG = Logger.getLogger("c");
              private final Object lock = new Object();

              public void overridable() throws IOException {
                try {
                  protectedHelper();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException("interrupted");
                }
              }

              public void logsBetween() throws IOException {
                try {
                  logsBeforeThrow();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException("interrupted");
                }
              }

              public void withFinally() throws IOException {
                try {
                  restoresWithAFinally();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException("interrupted");
                }
              }

              public void waitOutside() throws IOException {
                try {
                  alsoWaitsOutside();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException("interrupted");
                }
              }

              public void noRestore() throws IOException {
                try {
                  rethrowsOnly();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException("interrupted");
                }
              }

              public void nested() throws IOException {
                try {
                  restoresInsideAnotherTry();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException("interrupted");
                }
              }

              public void anotherWaitInTheTry() throws IOException {
                try {
                  restoringHelper();
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException("interrupted");
                }
              }

              public void catchClearsItself() throws IOException {
                try {
                  restoringHelper();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  boolean cleared = Thread.interrupted();
                  throw new IOException("interrupted: " + cleared);
                }
              }

              protected void protectedHelper() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException ex) {
                  Thread.currentThread().interrupt();
                  throw ex;
                }
              }

              private void restoringHelper() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException ex) {
                  Thread.currentThread().interrupt();
                  throw ex;
                }
              }

              private void logsBeforeThrow() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException ex) {
                  Thread.currentThread().interrupt();
                  LOG.info("interrupted");
                  throw ex;
                }
              }

              private void restoresWithAFinally() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException ex) {
                  Thread.currentThread().interrupt();
                  throw ex;
                } finally {
                  LOG.info("done");
                }
              }

              private void alsoWaitsOutside() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException ex) {
                  Thread.currentThread().interrupt();
                  throw ex;
                }
                synchronized (lock) {
                  lock.wait(10);
                }
              }

              private void rethrowsOnly() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException ex) {
                  LOG.info("interrupted");
                  throw ex;
                }
              }

              private void restoresInsideAnotherTry() throws InterruptedException {
                try {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw ex;
                  }
                } catch (InterruptedException outer) {
                  LOG.info("cleared: " + Thread.interrupted());
                  throw outer;
                }
              }
            }
            """)
        .doTest();
  }
}
