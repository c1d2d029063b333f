package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * {@link SwallowedInterrupt} on the work a runner class of the compilation calls in its stop-flag
 * loop: the runner's stop sets the flag and then interrupts its thread, so a catch that ends the
 * work hands the thread back to the runner's test of the flag. Each shape has must-flag neighbours:
 * a runner that never interrupts, work that goes on after its catch, work also run another way, a
 * runner that hands its work elsewhere.
 */
class SwallowedInterruptStopFlagRunnerTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /** A runner in its own file: `while (running) function.run();`, stopped by flag and interrupt. */
  private static final String[] RUNNER = {
    "Runner.java",
    """
    class Runner implements Runnable {
      private final Runnable function;
      private volatile boolean running;
      private Thread thread;

      Runner(String name, Runnable function) {
        this(function);
      }

      Runner(Runnable function) {
        this.function = function;
      }

      void start() {
        running = true;
        thread = new Thread(this);
        thread.start();
      }

      void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
          t.interrupt();
        }
      }

      @Override
      public void run() {
        while (running) {
          try {
            if (function != null) {
              function.run();
            }
          } catch (Throwable t) {
          }
        }
      }
    }
    """
  };

  /** The same runner, but its stop only clears the flag: nothing rings the doorbell. */
  private static final String[] QUIET_RUNNER = {
    "QuietRunner.java",
    """
    class QuietRunner implements Runnable {
      private final Runnable function;
      private volatile boolean running = true;

      QuietRunner(Runnable function) {
        this.function = function;
      }

      void stop() {
        running = false;
      }

      @Override
      public void run() {
        while (running) {
          try {
            function.run();
          } catch (Throwable t) {
          }
        }
      }
    }
    """
  };

  @Test
  void workThatEndsOnTheInterruptOfAStopFlagRunner() {
    helper
        .addSourceLines(RUNNER[0], RUNNER[1])
        .addSourceLines(
            "Sender.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Sender implements Runnable {
              private final BlockingQueue<String> queue;
              private final Runner runner;
              Sender(BlockingQueue<String> queue) {
                this.queue = queue;
                this.runner = new Runner("sender", this);
              }
              @Override
              public void run() {
                try {
                  System.out.println(queue.take());
                } catch (InterruptedException e) {
                }
              }
            }
            """)
        .addSourceLines(
            "Batcher.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Batcher {
              private final BlockingQueue<String> queue;
              private final Runner drainer = new Runner(this::drain);
              private final Runner failer = new Runner(this::drainOrFail);
              private final Runner sleeper =
                  new Runner(
                      () -> {
                        try {
                          Thread.sleep(10);
                        } catch (InterruptedException e) {
                        }
                      });
              Batcher(BlockingQueue<String> queue) {
                this.queue = queue;
              }
              protected void drain() {
                try {
                  String item = queue.take();
                  if (item == null) {
                    return;
                  }
                  System.out.println(item);
                } catch (InterruptedException e) {
                  return;
                }
              }
              private void drainOrFail() {
                try {
                  System.out.println(queue.take());
                } catch (InterruptedException e) {
                  throw new RuntimeException(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void stillReportedWhereTheRunnerRingsNoBellOrTheWorkGoesOn() {
    helper
        .addSourceLines(RUNNER[0], RUNNER[1])
        .addSourceLines(QUIET_RUNNER[0], QUIET_RUNNER[1])
        .addSourceLines(
            "Worker.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Worker {
              private final BlockingQueue<String> queue;
              private final QuietRunner quiet = new QuietRunner(this::takeOne);
              private final Runner goesOn = new Runner(this::takeThenSleep);
              private final Runner alsoCalled = new Runner(this::takeTwice);
              Worker(BlockingQueue<String> queue) {
                this.queue = queue;
              }
              private void takeOne() {
                try {
                  System.out.println(queue.take());
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                }
              }
              private void takeThenSleep() {
                try {
                  System.out.println(queue.take());
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                }
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              private void takeTwice() {
                try {
                  System.out.println(queue.take());
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                }
              }
              void drainNow() {
                takeTwice();
              }
            }
            """)
        .addSourceLines(
            "Both.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.Executor;
            class Both implements Runnable {
              private final BlockingQueue<String> queue;
              private final Runner runner = new Runner(this);
              Both(BlockingQueue<String> queue, Executor pool) {
                this.queue = queue;
                pool.execute(this);
              }
              @Override
              public void run() {
                try {
                  System.out.println(queue.take());
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void stillReportedWhereTheRunnerKeepsOrRethrowsWhatTheWorkThrows() {
    helper
        .addSourceLines(
            "LeakyRunner.java",
            """
            import java.util.concurrent.Executor;
            class LeakyRunner implements Runnable {
              private final Runnable function;
              private volatile boolean running = true;
              private Thread thread;
              LeakyRunner(Runnable function) {
                this.function = function;
              }
              void stop() {
                running = false;
                thread.interrupt();
              }
              void alsoOn(Executor pool) {
                pool.execute(function);
              }
              @Override
              public void run() {
                while (running) {
                  function.run();
                }
              }
            }
            """)
        .addSourceLines(
            "StrictRunner.java",
            """
            class StrictRunner implements Runnable {
              private final Runnable function;
              private volatile boolean running = true;
              private Thread thread;
              StrictRunner(Runnable function) {
                this.function = function;
              }
              void stop() {
                running = false;
                thread.interrupt();
              }
              @Override
              public void run() {
                while (running) {
                  try {
                    function.run();
                  } catch (IllegalStateException e) {
                  }
                }
              }
            }
            """)
        .addSourceLines(
            "Users.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Users {
              private final BlockingQueue<String> queue;
              private final LeakyRunner leaky = new LeakyRunner(this::takeOne);
              private final StrictRunner strict = new StrictRunner(this::takeOrFail);
              Users(BlockingQueue<String> queue) {
                this.queue = queue;
              }
              private void takeOne() {
                try {
                  System.out.println(queue.take());
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                }
              }
              private void takeOrFail() {
                try {
                  System.out.println(queue.take());
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new RuntimeException(e);
                }
              }
            }
            """)
        .doTest();
  }
}
