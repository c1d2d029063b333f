package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Tasks a stream makes and hands to a pool the class keeps to itself: {@code
 * addresses.stream().map(a -> new Connector(a)).forEach(pool::submit)}.
 */
class SwallowedInterruptStreamSubmitTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /**
   * Connectors made by a stream and submitted to {@code pool}; {@code submit} is the statement that
   * submits them, {@code after} follows the wait, {@code extra} adds members.
   */
  private static String connect(String submit, String after, String extra) {
    return """
        import java.util.*;
        import java.util.concurrent.*;
        import java.util.stream.*;
        public class Learner {
          public void connect(Set<String> addresses) throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(addresses.size());
            CountDownLatch latch = new CountDownLatch(addresses.size());
            %s
            try {
              latch.await();
            } finally {
              %s
            }
          }

          class Connector implements Runnable {
            private final String address;
            private final CountDownLatch latch;

            Connector(String address, CountDownLatch latch) {
              this.address = address;
              this.latch = latch;
            }

            @Override
            public void run() {
              try {
                Thread.sleep(100);
                System.out.println("connected to " + address);
                // BUG: Diagnostic contains: swallows it
              } catch (Exception e) {
                System.err.println("failed " + address);
              } finally {
                latch.countDown();
              }
            }
          }
          %s
        }
        """
        .formatted(submit, after, extra);
  }

  private static final String STREAM =
      "addresses.stream().map(a -> new Connector(a, latch)).forEach(pool::submit);";

  private static String noBug(String source) {
    return source.replace("// BUG: Diagnostic contains: swallows it", "");
  }

  @Test
  void negative_streamOfTasksSubmittedToAPrivatePool() {
    helper.addSourceLines("Learner.java", noBug(connect(STREAM, "pool.shutdown();", ""))).doTest();
  }

  @Test
  void negative_streamOfTasksExecutedInOrder() {
    helper
        .addSourceLines(
            "Learner.java",
            noBug(
                connect(
                    STREAM.replace("forEach(pool::submit)", "forEachOrdered(pool::execute)"),
                    "pool.shutdown();",
                    "")))
        .doTest();
  }

  @Test
  void positive_poolShutDownNow() {
    helper.addSourceLines("Learner.java", connect(STREAM, "pool.shutdownNow();", "")).doTest();
  }

  @Test
  void positive_futuresKeptAndCancelled() {
    helper
        .addSourceLines(
            "Learner.java",
            connect(
                "List<Future<?>> futures = addresses.stream().map(a -> new Connector(a, latch))"
                    + ".map(pool::submit).collect(Collectors.toList());",
                "futures.forEach(f -> f.cancel(true)); pool.shutdown();",
                ""))
        .doTest();
  }

  @Test
  void positive_poolHandedIn() {
    helper
        .addSourceLines(
            "Learner.java",
            connect(
                "addresses.stream().map(a -> new Connector(a, latch)).forEach(users::submit);",
                "pool.shutdown();",
                "private final ExecutorService users;\n"
                    + "  public Learner(ExecutorService users) { this.users = users; }"))
        .doTest();
  }

  @Test
  void positive_tasksAlsoKeptAndRunDirectly() {
    helper
        .addSourceLines(
            "Learner.java",
            connect(
                "List<Connector> all = addresses.stream().map(a -> new Connector(a, latch))"
                    + ".collect(Collectors.toList()); all.forEach(pool::submit); all.get(0).run();",
                "pool.shutdown();",
                ""))
        .doTest();
  }

  @Test
  void positive_connectorClassUsersCanMake() {
    helper
        .addSourceLines(
            "Learner.java",
            connect(STREAM, "pool.shutdown();", "")
                .replace("class Connector implements", "public class Connector implements")
                .replace("Connector(String address,", "public Connector(String address,"))
        .doTest();
  }

  @Test
  void positive_fileInterruptsAThread() {
    helper
        .addSourceLines(
            "Learner.java",
            connect(STREAM, "pool.shutdown();", "void wake(Thread t) { t.interrupt(); }"))
        .doTest();
  }
}
