package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A pool's own shut-down state as the stop flag of the wake-up protocol: a task of a JDK pool its
 * class makes and keeps, whose only interrupter is that pool's {@code shutdownNow()} (which puts
 * the pool in its shut-down state before it interrupts), tests {@code pool.isShutdown()} or {@code
 * isTerminating()} after the catch and leaves. Must-flag neighbours: a future of the pool cancelled
 * with {@code true}, a pool only ever {@code shutdown()} whose worker is interrupted by name, a
 * catch that goes on working, a pool handed out, a test of another pool, {@code isTerminated()}.
 */
class SwallowedInterruptPoolStopStateTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  @Test
  void negative_loopOfATaskTestsItsPoolsShutDownState() {
    helper
        .addSourceLines(
            "EventLoop.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            public class EventLoop {
              private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
              private ExecutorService pool;

              public void start() {
                pool = Executors.newSingleThreadExecutor();
                pool.execute(() -> {
                  while (!pool.isTerminated() && !pool.isShutdown()) {
                    try {
                      handle(events.take());
                    } catch (InterruptedException e) {
                      // the stop's shutdownNow(): the loop's test ends the task
                    }
                  }
                });
              }

              public void stop() {
                pool.shutdownNow();
              }

              private void handle(String event) {}
            }
            """)
        .doTest();
  }

  @Test
  void negative_catchOfANamedTaskTestsItsPoolsShutDownStateAndReturns() {
    helper
        .addSourceLines(
            "Responder.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            public class Responder {
              private final BlockingQueue<String> responses = new LinkedBlockingQueue<>();
              private final ExecutorService executor =
                  new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());

              public void onRequest() {
                executor.execute(new Runner());
              }

              public void close() throws InterruptedException {
                executor.shutdown();
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                  executor.shutdownNow();
                }
              }

              private final class Runner implements Runnable {
                @Override
                public void run() {
                  String response = null;
                  do {
                    try {
                      response = responses.take();
                    } catch (InterruptedException e) {
                      if (executor.isShutdown()) {
                        return;
                      }
                    }
                  } while (response == null);
                  System.out.println(response);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_catchFallsIntoATestOfItsPoolTerminating() {
    helper
        .addSourceLines(
            "Connector.java",
            """
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            public class Connector {
              private final ThreadPoolExecutor connections =
                  new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());

              public void reconnect() {
                connections.execute(new Runnable() {
                  @Override
                  public void run() {
                    for (int attempt = 0; attempt < 10; attempt++) {
                      try {
                        Thread.sleep(1000L * attempt);
                      } catch (InterruptedException e) {
                      }
                      if (connections.isTerminating()) {
                        return;
                      }
                      connect();
                    }
                  }
                });
              }

              public void stop() {
                connections.shutdownNow();
              }

              private void connect() {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_aFutureOfThePoolIsCancelledWithTrue() {
    helper
        .addSourceLines(
            "EventLoop.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            import java.util.concurrent.LinkedBlockingQueue;
            public class EventLoop {
              private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private Future<?> loop;

              public void start() {
                loop = pool.submit(() -> {
                  while (!pool.isShutdown()) {
                    try {
                      handle(events.take());
                    // BUG: Diagnostic contains: SwallowedInterrupt
                    } catch (InterruptedException e) {
                    }
                  }
                });
              }

              public void pause() {
                loop.cancel(true);
              }

              public void stop() {
                pool.shutdownNow();
              }

              private void handle(String event) {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_aPoolOnlyEverShutDownWhoseWorkerIsInterruptedByName() {
    helper
        .addSourceLines(
            "EventLoop.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            public class EventLoop {
              private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private volatile Thread worker;

              public void start() {
                pool.execute(() -> {
                  worker = Thread.currentThread();
                  while (!pool.isShutdown()) {
                    try {
                      handle(events.take());
                    // BUG: Diagnostic contains: SwallowedInterrupt
                    } catch (InterruptedException e) {
                    }
                  }
                });
              }

              public void wake() {
                worker.interrupt();
              }

              public void stop() {
                pool.shutdown();
              }

              private void handle(String event) {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_catchGoesOnWorkingAfterTheTest() {
    helper
        .addSourceLines(
            "Responder.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            public class Responder {
              private final BlockingQueue<String> responses = new LinkedBlockingQueue<>();
              private final ExecutorService executor = Executors.newSingleThreadExecutor();

              public void onRequest() {
                executor.execute(() -> {
                  while (true) {
                    try {
                      System.out.println(responses.take());
                    // BUG: Diagnostic contains: SwallowedInterrupt
                    } catch (InterruptedException e) {
                      if (executor.isShutdown()) {
                        System.err.println("stopping");
                      }
                    }
                  }
                });
              }

              public void close() {
                executor.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_catchWorksBeforeTheTest() {
    helper
        .addSourceLines(
            "Responder.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            public class Responder {
              private final BlockingQueue<String> responses = new LinkedBlockingQueue<>();
              private final ExecutorService executor = Executors.newSingleThreadExecutor();

              public void onRequest() {
                executor.execute(() -> {
                  while (true) {
                    try {
                      System.out.println(responses.take());
                    // BUG: Diagnostic contains: SwallowedInterrupt
                    } catch (InterruptedException e) {
                      retry();
                      if (executor.isShutdown()) {
                        return;
                      }
                    }
                  }
                });
              }

              public void close() {
                executor.shutdownNow();
              }

              private void retry() {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_thePoolIsHandedOut() {
    helper
        .addSourceLines(
            "EventLoop.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            public class EventLoop {
              private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
              private final ExecutorService pool = Executors.newSingleThreadExecutor();

              public void start() {
                pool.execute(() -> {
                  while (!pool.isShutdown()) {
                    try {
                      handle(events.take());
                    // BUG: Diagnostic contains: SwallowedInterrupt
                    } catch (InterruptedException e) {
                    }
                  }
                });
              }

              public ExecutorService pool() {
                return pool;
              }

              public void stop() {
                pool.shutdownNow();
              }

              private void handle(String event) {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_theTaskTestsAnotherPool() {
    helper
        .addSourceLines(
            "EventLoop.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            public class EventLoop {
              private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final ExecutorService other = Executors.newSingleThreadExecutor();

              public void start() {
                pool.execute(() -> {
                  while (!other.isShutdown()) {
                    try {
                      handle(events.take());
                    // BUG: Diagnostic contains: SwallowedInterrupt
                    } catch (InterruptedException e) {
                    }
                  }
                });
              }

              public void stop() {
                pool.shutdownNow();
                other.shutdownNow();
              }

              private void handle(String event) {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_onlyIsTerminatedIsTested() {
    helper
        .addSourceLines(
            "EventLoop.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            public class EventLoop {
              private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
              private final ExecutorService pool = Executors.newSingleThreadExecutor();

              public void start() {
                pool.execute(() -> {
                  while (!pool.isTerminated()) {
                    try {
                      handle(events.take());
                    // BUG: Diagnostic contains: SwallowedInterrupt
                    } catch (InterruptedException e) {
                    }
                  }
                });
              }

              public void stop() {
                pool.shutdownNow();
              }

              private void handle(String event) {}
            }
            """)
        .doTest();
  }
}
