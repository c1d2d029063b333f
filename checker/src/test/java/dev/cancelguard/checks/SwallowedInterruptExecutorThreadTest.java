package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A thread that is itself an executor ({@code final class IoThread extends Thread implements
 * Executor}): its {@code run()} is the executor's own worker loop on the executor's own thread, so
 * the clears before each task and before the idle wait, and the idle wait's catch, are the pool's
 * interruption policy, not a task's. Each shape has its must-flag neighbours: the same loop where
 * the code is not the executor's own thread's, or not the loop itself.
 */
class SwallowedInterruptExecutorThreadTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /** An I/O thread that queues tasks and runs them between its idle waits. */
  private static final String IO_THREAD =
      """
      import java.util.ArrayDeque;
      import java.util.concurrent.Executor;
      final class IoThread extends Thread implements Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private volatile boolean shutdown;

        IoThread() {
          super("io");
        }

        @Override
        public void execute(Runnable task) {
          synchronized (tasks) {
            tasks.add(task);
            tasks.notify();
          }
        }

        void shutdown() {
          shutdown = true;
          synchronized (tasks) {
            tasks.notify();
          }
        }

        @Override
        public void run() {
          for (;;) {
            Runnable task;
            do {
              synchronized (tasks) {
                task = tasks.poll();
              }
              if (task != null) {
                // MARK
                Thread.interrupted();
                task.run();
              }
            } while (task != null);
            if (shutdown) {
              return;
            }
            // MARK
            Thread.interrupted();
            synchronized (tasks) {
              try {
                tasks.wait(100);
                // MARK
              } catch (InterruptedException e) {
                // a task's stray interrupt: the loop's stop is `shutdown`
              }
            }
          }
        }
      }
      """;

  @Test
  void negative_clearsAndIdleWaitOfTheExecutorsOwnThread() {
    helper.addSourceLines("IoThread.java", IO_THREAD).doTest();
  }

  @Test
  void negative_startedAndHandedOnAsAThread() {
    helper
        .addSourceLines("IoThread.java", IO_THREAD)
        .addSourceLines(
            "Worker.java",
            """
            import java.util.concurrent.Executor;
            class Worker {
              private final IoThread io = new IoThread();
              Executor start() {
                io.start();
                name(io);
                return io;
              }
              private static void name(Thread thread) {
                thread.setName("worker-io");
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_executorThreadThroughAnAbstractBase() {
    helper
        .addSourceLines(
            "IoBase.java",
            """
            import java.util.concurrent.Executor;
            abstract class IoBase extends Thread implements Executor {
              IoBase(String name) {
                super(name);
              }
            }
            """)
        .addSourceLines(
            "IoThread.java",
            IO_THREAD
                .replace("import java.util.concurrent.Executor;\n", "")
                .replace("extends Thread implements Executor", "extends IoBase"))
        .doTest();
  }

  @Test
  void negative_handedToAGenericParameterTheCallMakesAThread() {
    helper
        .addSourceLines(
            "IoThread.java",
            IO_THREAD
                .replace(
                    "import java.util.concurrent.Executor;\n",
                    "import java.util.concurrent.Executor;\n"
                        + "import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;\n")
                .replace(
                    "  private volatile boolean shutdown;\n",
                    "  private volatile boolean shutdown;\n"
                        + "  private volatile int state;\n"
                        + "  private static final AtomicIntegerFieldUpdater<IoThread> STATE =\n"
                        + "      AtomicIntegerFieldUpdater.newUpdater(IoThread.class, \"state\");\n")
                .replace(
                    "    shutdown = true;\n",
                    "    shutdown = true;\n    STATE.compareAndSet(this, 0, 1);\n"))
        .doTest();
  }

  @Test
  void positive_handedToAGenericParameterTheCallMakesARunnable() {
    helper
        .addSourceLines("IoThread.java", markedFlagged(IO_THREAD))
        .addSourceLines(
            "Caller.java",
            """
            import java.util.ArrayDeque;
            import java.util.Queue;
            class Caller {
              private final Queue<Runnable> later = new ArrayDeque<>();
              void queue(IoThread io) {
                later.add(io);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_aThreadThatIsNotAnExecutor() {
    helper
        .addSourceLines(
            "IoThread.java",
            markedFlagged(IO_THREAD)
                .replace(" implements Executor", "")
                .replace("  @Override\n  public void execute", "  public void execute"))
        .doTest();
  }

  @Test
  void positive_runAlsoCalledDirectly() {
    helper
        .addSourceLines("IoThread.java", markedFlagged(IO_THREAD))
        .addSourceLines(
            "Caller.java",
            """
            class Caller {
              void drainHere(IoThread io) {
                io.run();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runNamedByAMethodReference() {
    helper
        .addSourceLines("IoThread.java", markedFlagged(IO_THREAD))
        .addSourceLines(
            "Caller.java",
            """
            class Caller {
              Thread another(IoThread io) {
                return new Thread(io::run);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_handedToAPoolAsARunnable() {
    helper
        .addSourceLines("IoThread.java", markedFlagged(IO_THREAD))
        .addSourceLines(
            "Caller.java",
            """
            import java.util.concurrent.ExecutorService;
            class Caller {
              void runOnPool(ExecutorService pool) {
                pool.execute(new IoThread());
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_clearInATaskTheLoopHandsToAnotherPool() {
    helper
        .addSourceLines(
            "IoThread.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.Executor;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.LinkedBlockingQueue;
            final class IoThread extends Thread implements Executor {
              private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
              private final ExecutorService blocking;
              private volatile boolean shutdown;

              IoThread(ExecutorService blocking) {
                this.blocking = blocking;
              }

              @Override
              public void execute(Runnable task) {
                tasks.add(task);
              }

              @Override
              public void run() {
                while (!shutdown) {
                  blocking.execute(
                      () -> {
                        while (!shutdown) {
                          // BUG: Diagnostic contains: SwallowedInterrupt
                          Thread.interrupted();
                          Runnable task = tasks.poll();
                          if (task != null) {
                            task.run();
                          }
                        }
                      });
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_clearInTheExecutorsMethodItsCallersRun() {
    helper
        .addSourceLines(
            "IoThread.java",
            IO_THREAD.replace(
                "      tasks.notify();\n    }\n  }\n\n  void shutdown",
                "      tasks.notify();\n"
                    + "      while (tasks.size() > 1000) {\n"
                    + "        // BUG: Diagnostic contains: SwallowedInterrupt\n"
                    + "        Thread.interrupted();\n"
                    + "        Thread.onSpinWait();\n"
                    + "      }\n"
                    + "    }\n  }\n\n  void shutdown"))
        .doTest();
  }

  private static String markedFlagged(String source) {
    return source.replace("// MARK", "// BUG: Diagnostic contains: SwallowedInterrupt");
  }
}
