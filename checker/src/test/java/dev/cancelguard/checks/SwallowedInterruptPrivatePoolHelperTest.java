package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Methods that only tasks of a pool the class keeps to itself call: a private helper of such a
 * task, and a method of a nested class only this file can name, called only from such a task.
 */
class SwallowedInterruptPrivatePoolHelperTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /**
   * A private back-off helper the pool's task calls; {@code stop} is the pool's stop, {@code extra}
   * adds members.
   */
  private static String backOff(String stop, String extra) {
    return backOff("backOff();", stop, extra);
  }

  /** The same, with {@code call} the task's call in its catch. */
  private static String backOff(String call, String stop, String extra) {
    return """
        import java.util.concurrent.*;
        public class Dispatcher {
          private final ExecutorService pool = Executors.newFixedThreadPool(2);

          public void dispatch(Runnable request) {
            pool.execute(
                () -> {
                  try {
                    request.run();
                  } catch (RuntimeException e) {
                    %s
                  }
                });
          }

          public void stop() {
            %s
          }

          private void backOff() {
            try {
              Thread.sleep(50);
              // BUG: Diagnostic contains: without restoring
            } catch (InterruptedException e) {
              // ignore
            }
          }
          %s
        }
        """
        .formatted(call, stop, extra);
  }

  private static String noBug(String source) {
    return source.replace("// BUG: Diagnostic contains: without restoring", "");
  }

  @Test
  void negative_privateHelperOfAPrivatePoolsTask() {
    helper.addSourceLines("Dispatcher.java", noBug(backOff("pool.shutdown();", ""))).doTest();
  }

  @Test
  void negative_privateHelperTwoCallsDeep() {
    helper
        .addSourceLines(
            "Dispatcher.java",
            noBug(
                backOff(
                    "retryLater();",
                    "pool.shutdown();",
                    "private void retryLater() { backOff(); }")))
        .doTest();
  }

  @Test
  void positive_helperTwoCallsDeepWhoseCallerIsAlsoCalledOnTheCallersThread() {
    helper
        .addSourceLines(
            "Dispatcher.java",
            backOff(
                "retryLater();",
                "pool.shutdown();",
                "private void retryLater() { backOff(); }\n"
                    + "  public void retryNow() { retryLater(); }"))
        .doTest();
  }

  @Test
  void positive_poolShutDownNow() {
    helper.addSourceLines("Dispatcher.java", backOff("pool.shutdownNow();", "")).doTest();
  }

  @Test
  void positive_helperAlsoCalledOnTheCallersThread() {
    helper
        .addSourceLines(
            "Dispatcher.java", backOff("pool.shutdown();", "public void pause() { backOff(); }"))
        .doTest();
  }

  @Test
  void positive_helperNamedByAMethodReference() {
    helper
        .addSourceLines(
            "Dispatcher.java",
            backOff("pool.shutdown();", "public Runnable pauser() { return this::backOff; }"))
        .doTest();
  }

  /**
   * A queue class of the file whose {@code put} the pool's task calls; {@code modifiers} are the
   * queue class's, {@code extra} adds members of the outer class.
   */
  private static String orderlyQueue(String modifiers, String extra) {
    return """
        import java.util.concurrent.*;
        public class Store {
          private final ExecutorService pool = Executors.newFixedThreadPool(2);
          private final OrderlyQueue queue = new OrderlyQueue();

          public void dispatch(long index, Object request) {
            pool.execute(
                () -> {
                  try {
                    queue.put(index, request);
                  } catch (Exception e) {
                    System.err.println("dispatch failed: " + e);
                  }
                });
          }

          %s static class OrderlyQueue {
            private long next;

            public void put(long index, Object request) {
              synchronized (this) {
                while (next < index) {
                  try {
                    this.wait();
                    // BUG: Diagnostic contains: without restoring
                  } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                  }
                }
                next++;
                notifyAll();
              }
            }
          }
          %s
        }
        """
        .formatted(modifiers, extra);
  }

  @Test
  void negative_methodOfANestedClassOnlyThisFileNamesCalledOnlyByThePoolsTask() {
    helper.addSourceLines("Store.java", noBug(orderlyQueue("", ""))).doTest();
  }

  @Test
  void positive_nestedClassOtherFilesCanName() {
    helper.addSourceLines("Store.java", orderlyQueue("public", "")).doTest();
  }

  @Test
  void positive_nestedClassExtendedInTheFile() {
    helper
        .addSourceLines(
            "Store.java",
            orderlyQueue("", "public static class SharedQueue extends OrderlyQueue {}"))
        .doTest();
  }

  @Test
  void positive_putAlsoCalledOnTheCallersThread() {
    helper
        .addSourceLines(
            "Store.java",
            orderlyQueue("", "public void putNow(long index) { queue.put(index, null); }"))
        .doTest();
  }
}
