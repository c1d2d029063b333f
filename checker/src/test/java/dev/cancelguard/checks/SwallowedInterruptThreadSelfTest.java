package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A {@code Thread} subclass whose {@code run()} restores the flag with its own {@code interrupt()}
 * ({@code catch (InterruptedException e) { interrupt(); }}): the object whose {@code run()} runs is
 * the thread running it, so the call is {@code Thread.currentThread().interrupt()}. Each shape has
 * its must-flag neighbours: the same call where {@code this} is not the running thread.
 */
class SwallowedInterruptThreadSelfTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /** An event thread whose loop ends once its own flag is set. */
  private static final String EVENT_THREAD =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.LinkedBlockingQueue;
      class EventThread extends Thread {
        private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();

        EventThread() {
          super("events");
        }

        void post(Runnable event) {
          events.add(event);
        }

        @Override
        public void run() {
          while (!isInterrupted()) {
            try {
              events.take().run();
              // MARK
            } catch (InterruptedException e) {
              interrupt(); // restore
            }
          }
        }

        void shutdown() throws InterruptedException {
          interrupt();
          join();
        }
      }
      """;

  @Test
  void negative_runRestoresWithItsOwnInterrupt() {
    helper.addSourceLines("EventThread.java", EVENT_THREAD).doTest();
  }

  @Test
  void negative_runRestoresWithThisInterrupt() {
    helper
        .addSourceLines(
            "EventThread.java",
            EVENT_THREAD.replace("interrupt(); // restore", "this.interrupt(); // restore"))
        .doTest();
  }

  @Test
  void negative_startedAndHandedAsAThread() {
    helper
        .addSourceLines("EventThread.java", EVENT_THREAD)
        .addSourceLines(
            "Owner.java",
            """
            class Owner {
              private final EventThread events = new EventThread();
              void start() {
                events.start();
                System.out.println("started " + events);
                keep(events);
              }
              private static void keep(Thread thread) {
                thread.setDaemon(false);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runAlsoCalledDirectly() {
    helper
        .addSourceLines("EventThread.java", markedFlagged(EVENT_THREAD))
        .addSourceLines(
            "Caller.java",
            """
            class Caller {
              void drainHere(EventThread events) {
                events.run();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_handedToAnExecutorAsARunnable() {
    helper
        .addSourceLines("EventThread.java", markedFlagged(EVENT_THREAD))
        .addSourceLines(
            "Caller.java",
            """
            import java.util.concurrent.ExecutorService;
            class Caller {
              void runOnPool(ExecutorService pool) {
                pool.execute(new EventThread());
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_handedToAnExecutorThroughAVariable() {
    helper
        .addSourceLines("EventThread.java", markedFlagged(EVENT_THREAD))
        .addSourceLines(
            "Caller.java",
            """
            import java.util.concurrent.ExecutorService;
            class Caller {
              private final EventThread events = new EventThread();
              void runOnPool(ExecutorService pool) {
                pool.execute(events);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runNamedByAMethodReference() {
    helper
        .addSourceLines("EventThread.java", markedFlagged(EVENT_THREAD))
        .addSourceLines(
            "Caller.java",
            """
            class Caller {
              Thread another(EventThread events) {
                return new Thread(events::run);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptInALambdaOfRun() {
    helper
        .addSourceLines(
            "Pumper.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Pumper extends Thread {
              private final ExecutorService pool;
              private final BlockingQueue<String> lines;
              Pumper(ExecutorService pool, BlockingQueue<String> lines) {
                this.pool = pool;
                this.lines = lines;
              }
              @Override
              public void run() {
                pool.execute(
                    () -> {
                      try {
                        System.out.println(lines.take());
                        // BUG: Diagnostic contains: SwallowedInterrupt
                      } catch (InterruptedException e) {
                        interrupt();
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptOfThisInAMethodOthersCall() {
    helper
        .addSourceLines(
            "Worker.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            class Worker extends Thread {
              private final BlockingQueue<String> results = new LinkedBlockingQueue<>();
              @Override
              public void run() {
                results.add("done");
              }
              // Called on the caller's thread: interrupt() here interrupts the worker, not it.
              String awaitResult() {
                try {
                  return results.take();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  interrupt();
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptOfAnotherThreadInRun() {
    helper
        .addSourceLines(
            "EventThread.java",
            markedFlagged(EVENT_THREAD)
                .replace("interrupt(); // restore", "partner.interrupt(); // restore")
                .replace(
                    "EventThread() {",
                    "private final Thread partner = new Thread();\n\n  EventThread() {"))
        .doTest();
  }

  private static String markedFlagged(String source) {
    return source.replace("// MARK", "// BUG: Diagnostic contains: SwallowedInterrupt");
  }
}
