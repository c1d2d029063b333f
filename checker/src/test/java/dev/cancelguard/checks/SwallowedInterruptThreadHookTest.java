package dev.cancelguard.checks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SwallowedInterrupt} in the hook a template thread's final {@code run()} hands its whole
 * work to ({@code class Fetcher extends TemplateThread { public void work() { .. } }}): a catch
 * that ends the hook ends the thread, as one that ends the {@code run()} of a {@code Thread}
 * subclass does, and is not reported. Each case is checked with the bases compiled in the same run
 * and read from their class files. Must-flag neighbours: a base whose {@code run()} is not final,
 * one that calls the hook in a loop, one that waits after the hook, one that hands the hook to a
 * pool, one that does other work first; a hook called elsewhere in the compilation or by a
 * subclass's {@code super.work()}; a method of another name; and a catch in the hook that goes on.
 */
class SwallowedInterruptThreadHookTest {
  private static final Map<String, String> BASES =
      Map.of(
          "base/TemplateThread.java",
          """
          package base;
          public class TemplateThread extends Thread {
            public void work() {}

            @Override
            public final void run() {
              work();
            }
          }
          """,
          "base/PrivilegedThread.java",
          """
          package base;
          import java.security.AccessController;
          import java.security.PrivilegedAction;
          public class PrivilegedThread extends Thread {
            static boolean direct = Boolean.getBoolean("direct");

            public void work() {}

            @Override
            @SuppressWarnings("removal")
            public final void run() {
              if (direct) {
                work();
              } else {
                AccessController.doPrivileged(
                    new PrivilegedAction<Void>() {
                      @Override
                      public Void run() {
                        work();
                        return null;
                      }
                    });
              }
            }
          }
          """,
          "base/OpenThread.java",
          """
          package base;
          public class OpenThread extends Thread {
            public void work() {}

            @Override
            public void run() {
              work();
            }
          }
          """,
          "base/LoopingThread.java",
          """
          package base;
          public abstract class LoopingThread extends Thread {
            protected volatile boolean running = true;

            public abstract void work();

            @Override
            public final void run() {
              while (running) {
                work();
              }
            }
          }
          """,
          "base/WaitingAfterThread.java",
          """
          package base;
          import java.util.concurrent.CountDownLatch;
          public class WaitingAfterThread extends Thread {
            private final CountDownLatch done = new CountDownLatch(1);

            public void work() {}

            @Override
            public final void run() {
              work();
              awaitDone();
            }

            private void awaitDone() {
              try {
                done.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
          """,
          "base/PooledThread.java",
          """
          package base;
          import java.util.concurrent.ExecutorService;
          import java.util.concurrent.Executors;
          public class PooledThread extends Thread {
            private static final ExecutorService POOL = Executors.newCachedThreadPool();

            public void work() {}

            @Override
            public final void run() {
              POOL.execute(
                  new Runnable() {
                    @Override
                    public void run() {
                      work();
                    }
                  });
            }
          }
          """,
          "base/LoggingThread.java",
          """
          package base;
          public class LoggingThread extends Thread {
            public void work() {}

            @Override
            public final void run() {
              System.out.println("started " + getName());
              work();
            }
          }
          """);

  @TempDir static Path work;

  private static ClassFileBases bases;

  @BeforeAll
  static void compileBasesElsewhere() throws IOException {
    bases = ClassFileBases.compile(work, BASES);
  }

  /** The same expectations with the bases compiled here and read from their class files. */
  private static void bothWays(String... files) {
    bases.bothWays(SwallowedInterrupt.class, SwallowedInterruptThreadHookTest.class, files);
  }

  private static final String FLAGGED = "// BUG: Diagnostic contains: without restoring";

  /**
   * A fetcher thread of {@code base} whose {@code hook} waits for work; {@code marker} goes on the
   * line before the catch, which returns.
   */
  private static String fetcher(String base, String hook, String marker, String extra) {
    return """
        package app;
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.LinkedBlockingQueue;
        class Fetcher extends base.%s {
          final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

          Fetcher() {
            setDaemon(true);
          }

          public void %s() {
            String next;
            try {
              next = queue.take();
            %s
            } catch (InterruptedException e) {
              return;
            }
            handle(next);
          }

          private void handle(String s) {}
          %s
        }
        """
        .formatted(base, hook, marker, extra);
  }

  @Test
  void hookOfAFinalRunThatOnlyCallsIt() {
    bothWays("app/Fetcher.java", fetcher("TemplateThread", "work", "", ""));
  }

  @Test
  void hookCalledDirectlyOrThroughAnActionRunInPlace() {
    bothWays("app/Fetcher.java", fetcher("PrivilegedThread", "work", "", ""));
  }

  @Test
  void runNotFinal() {
    bothWays("app/Fetcher.java", fetcher("OpenThread", "work", FLAGGED, ""));
  }

  @Test
  void hookCalledInALoop() {
    bothWays("app/Fetcher.java", fetcher("LoopingThread", "work", FLAGGED, ""));
  }

  @Test
  void runWaitsAfterTheHook() {
    bothWays("app/Fetcher.java", fetcher("WaitingAfterThread", "work", FLAGGED, ""));
  }

  @Test
  void hookHandedToAPool() {
    bothWays("app/Fetcher.java", fetcher("PooledThread", "work", FLAGGED, ""));
  }

  @Test
  void runDoesOtherWorkFirst() {
    bothWays("app/Fetcher.java", fetcher("LoggingThread", "work", FLAGGED, ""));
  }

  @Test
  void methodOfAnotherName() {
    bothWays("app/Fetcher.java", fetcher("TemplateThread", "fetch", FLAGGED, ""));
  }

  @Test
  void hookAlsoCalledDirectly() {
    bothWays(
        "app/Fetcher.java",
        fetcher("TemplateThread", "work", FLAGGED, ""),
        "app/Shuffle.java",
        """
        package app;
        class Shuffle {
          void fetchHere(Fetcher fetcher) {
            fetcher.work();
          }
        }
        """);
  }

  @Test
  void hookNamedByAReference() {
    bothWays(
        "app/Fetcher.java",
        fetcher("TemplateThread", "work", FLAGGED, ""),
        "app/Shuffle.java",
        """
        package app;
        class Shuffle {
          Runnable fetchLater(Fetcher fetcher) {
            return fetcher::work;
          }
        }
        """);
  }

  @Test
  void hookCalledBySubclassBeforeMoreWork() {
    bothWays(
        "app/Fetcher.java",
        fetcher("TemplateThread", "work", FLAGGED, ""),
        "app/RetryingFetcher.java",
        """
        package app;
        class RetryingFetcher extends Fetcher {
          @Override
          public void work() {
            super.work();
            super.work();
          }
        }
        """);
  }

  @Test
  void catchInTheHookThatGoesOn() {
    bothWays(
        "app/Poller.java",
        """
        package app;
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.LinkedBlockingQueue;
        class Poller extends base.TemplateThread {
          final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

          public void work() {
            for (int round = 0; round < 10; round++) {
              try {
                queue.take();
              // BUG: Diagnostic contains: without restoring
              } catch (InterruptedException e) {
              }
              queue.clear();
            }
          }
        }
        """);
  }
}
