package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * {@link SwallowedInterrupt} on code that runs on a thread nothing can interrupt, whose loop ends
 * by its own protocol: a task of the common pool; a task of a private pool made by a static {@code
 * new..} factory given a thread factory, only ever shut down gently with its futures dropped; the
 * {@code run()} of a {@code Runnable} class that hands itself to a daemon thread it keeps and never
 * interrupts. Each shape has must-flag neighbours: a pool handed in or shut down with {@code
 * shutdownNow()}, a factory with no thread factory, a thread interrupted, not a daemon or kept in a
 * protected field, a class whose {@code run()} is also called directly, whose instances are handed
 * to others or which is subclassed. A loop there that can never end is
 * LoopWithoutCancellationPoint's finding where that check reports it (tested here on the same
 * loop), and still this check's where it does not (a loop doing I/O) or where the file interrupts a
 * thread.
 */
class SwallowedInterruptUninterruptibleThreadTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());
  private final CompilationTestHelper loopHelper =
      CompilationTestHelper.newInstance(LoopWithoutCancellationPoint.class, getClass());

  // ------------------------------------------------------------------ tasks of the common pool

  /** A cleaner task on the common pool; {@code marker} goes on the line before the catch. */
  private static String commonPoolCleaner(String marker, String loopExit) {
    return """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.ForkJoinPool;
        import java.util.concurrent.LinkedBlockingQueue;
        import java.util.concurrent.TimeUnit;
        class Cleaner {
          private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

          synchronized boolean isEmpty() {
            return queue.isEmpty();
          }

          void start() {
            ForkJoinPool.commonPool()
                .execute(
                    () -> {
                      while (true) {
                        try {
                          Runnable ref = queue.poll(1, TimeUnit.SECONDS);
                          if (ref != null) {
                            ref.run();
                          }
                          %s
                          %s
                        } catch (InterruptedException e) {
                          System.err.println("stray interrupt");
                        }
                      }
                    });
          }
        }
        """
        .formatted(loopExit, marker);
  }

  private static final String EXIT = "if (isEmpty()) { break; }";

  @Test
  void negative_commonPoolTaskWhoseLoopEndsByItsOwnProtocol() {
    helper.addSourceLines("Cleaner.java", commonPoolCleaner("", EXIT)).doTest();
  }

  /** The cleaner with a must-flag marker for LoopWithoutCancellationPoint on its loop. */
  private static String withLoopMarked(String source) {
    return source.replace(
        "              while (true) {",
        "              // BUG: Diagnostic contains: catches the InterruptedException of poll()\n"
            + "              while (true) {");
  }

  @Test
  void negative_commonPoolTaskWhoseLoopNeverEnds_isTheLoopChecksFinding() {
    // Nothing can interrupt the task, and its loop can never end: that is
    // LoopWithoutCancellationPoint's
    // finding on the same loop (below), not this check's.
    helper.addSourceLines("Cleaner.java", commonPoolCleaner("", "")).doTest();
  }

  @Test
  void commonPoolTaskWhoseLoopNeverEnds_isReportedByLoopWithoutCancellationPoint() {
    loopHelper.addSourceLines("Cleaner.java", withLoopMarked(commonPoolCleaner("", ""))).doTest();
  }

  @Test
  void positive_commonPoolTaskWhoseLoopNeverEndsInAFileThatInterruptsAThread() {
    helper
        .addSourceLines(
            "Cleaner.java",
            commonPoolCleaner("// BUG: Diagnostic contains: receives InterruptedException", "")
                .replace(
                    "  void start() {",
                    "  void stop(Thread worker) {\n    worker.interrupt();\n  }\n\n  void start() {"))
        .doTest();
  }

  /** The cleaner's loop also writes its log: I/O, which LoopWithoutCancellationPoint leaves. */
  private static String loggingCleaner(String marker) {
    return commonPoolCleaner(marker, "")
        .replace("ref.run();", "ref.run();\n                            log.flush();")
        .replace(
            "                } catch (InterruptedException e) {\n"
                + "                  System.err.println(\"stray interrupt\");\n"
                + "                }",
            "                } catch (InterruptedException e) {\n"
                + "                  System.err.println(\"stray interrupt\");\n"
                + "                } catch (java.io.IOException e) {\n"
                + "                  System.err.println(\"log lost\");\n"
                + "                }")
        .replace(
            "  synchronized boolean isEmpty() {",
            "  private final java.io.Writer log = new java.io.StringWriter();\n\n"
                + "  synchronized boolean isEmpty() {");
  }

  @Test
  void positive_commonPoolTaskWhoseLoopNeverEndsButTheLoopCheckDoesNotReport() {
    // A loop doing I/O is LoopWithoutCancellationPoint's to leave (closing the stream stops it):
    // nobody else reports that it can never end, so this check still does.
    helper
        .addSourceLines(
            "Cleaner.java",
            loggingCleaner("// BUG: Diagnostic contains: receives InterruptedException"))
        .doTest();
    loopHelper.addSourceLines("Cleaner.java", loggingCleaner("")).doTest();
  }

  @Test
  void positive_commonPoolTaskInAFileThatInterruptsAThread() {
    helper
        .addSourceLines(
            "Cleaner.java",
            commonPoolCleaner("// BUG: Diagnostic contains: receives InterruptedException", EXIT)
                .replace(
                    "  void start() {",
                    "  void stop(Thread worker) {\n    worker.interrupt();\n  }\n\n  void start() {"))
        .doTest();
  }

  @Test
  void positive_sameTaskOnAPoolHandedIn() {
    helper
        .addSourceLines(
            "Cleaner.java",
            commonPoolCleaner("// BUG: Diagnostic contains: receives InterruptedException", EXIT)
                .replace("  void start() {", "  void start(ForkJoinPool pool) {")
                .replace("ForkJoinPool.commonPool()\n", "pool\n"))
        .doTest();
  }

  // ------------------------------------------------------------- pools made by a factory

  /**
   * A scanner pool kept in a field; {@code declaration} is the field, {@code creation} its pool.
   */
  private static String scanner(String declaration, String creation, String stop, String marker) {
    return """
        package scan;

        import java.util.concurrent.*;

        class Scanner {
          %s

          Scanner() {
            scanPool = %s;
          }

          void scan(String address) {
            scanPool.execute(
                new Runnable() {
                  @Override
                  public void run() {
                    try {
                      Thread.sleep(10);
                      System.out.println(address);
                      %s
                    } catch (InterruptedException e) {
                      System.err.println("scan of " + address + " failed");
                    }
                  }
                });
          }

          void shutdown() {
            if (scanPool != null) {
              %s
            }
          }
        }
        """
        .formatted(declaration, creation, marker, stop);
  }

  private static final String POOLS =
      """
      package scan;

      import java.util.concurrent.*;

      final class Pools {
        private Pools() {}

        static ExecutorService newThreadPoolExecutor(int threads, ThreadFactory factory) {
          return new ThreadPoolExecutor(
              threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        }

        static ExecutorService newPool(int threads) {
          return Executors.newFixedThreadPool(threads);
        }
      }
      """;

  private static final String PRIVATE_FIELD = "private final ExecutorService scanPool;";
  private static final String FACTORY_POOL =
      "Pools.newThreadPoolExecutor(4, Executors.defaultThreadFactory())";
  private static final String GENTLY = "scanPool.shutdown();";
  private static final String FLAG = "// BUG: Diagnostic contains: receives InterruptedException";

  @Test
  void negative_taskOfAPoolAStaticFactoryMakesFromAThreadFactory() {
    helper
        .addSourceLines("scan/Scanner.java", scanner(PRIVATE_FIELD, FACTORY_POOL, GENTLY, ""))
        .addSourceLines("scan/Pools.java", POOLS)
        .doTest();
  }

  @Test
  void positive_taskOfAFactoryPoolShutDownNow() {
    helper
        .addSourceLines(
            "scan/Scanner.java",
            scanner(PRIVATE_FIELD, FACTORY_POOL, "scanPool.shutdownNow();", FLAG))
        .addSourceLines("scan/Pools.java", POOLS)
        .doTest();
  }

  @Test
  void positive_taskOfAPoolFromAFactoryGivenNoThreadFactory() {
    // A factory that takes no thread factory may hand back any executor, one that runs its tasks
    // on the caller's thread among them.
    helper
        .addSourceLines(
            "scan/Scanner.java", scanner(PRIVATE_FIELD, "Pools.newPool(4)", GENTLY, FLAG))
        .addSourceLines("scan/Pools.java", POOLS)
        .doTest();
  }

  // ------------------------------------------- a Runnable that hands itself to its own thread

  /** A detector that starts its own sweep thread; {@code marker} goes before the catch. */
  private static String detector(String marker) {
    return """
        import java.util.concurrent.atomic.AtomicBoolean;
        public class Detector implements Runnable {
          private final AtomicBoolean started = new AtomicBoolean();
          private Thread runner;

          void sweep() {}

          @Override
          public void run() {
            while (started.get()) {
              try {
                sweep();
                Thread.sleep(5000);
                %s
              } catch (InterruptedException e) {
                System.err.println("stray interrupt");
              }
            }
          }

          public void start() {
            if (started.compareAndSet(false, true)) {
              runner = new Thread(this, "detector");
              runner.setDaemon(true);
              runner.start();
            }
          }

          public void stop() throws InterruptedException {
            started.set(false);
            if (runner != null) {
              runner.join(25000);
            }
          }
        }
        """
        .formatted(marker);
  }

  private static final String CONNECTOR =
      """
      public class Connector {
        private final Detector detector = new Detector();

        public void start() {
          detector.start();
        }
      }
      """;

  @Test
  void negative_runOfARunnableThatHandsItselfToADaemonItKeeps() {
    helper
        .addSourceLines("Detector.java", detector(""))
        .addSourceLines("Connector.java", CONNECTOR)
        .doTest();
  }

  @Test
  void positive_runnableThatHandsItselfToAThreadItInterrupts() {
    helper
        .addSourceLines(
            "Detector.java",
            detector(FLAG)
                .replace(
                    "  public void stop()",
                    "  public void wake() {\n    runner.interrupt();\n  }\n\n  public void stop()"))
        .addSourceLines("Connector.java", CONNECTOR)
        .doTest();
  }

  @Test
  void positive_runnableThatHandsItselfToAThreadThatIsNotADaemon() {
    helper
        .addSourceLines(
            "Detector.java", detector(FLAG).replace("      runner.setDaemon(true);\n", ""))
        .addSourceLines("Connector.java", CONNECTOR)
        .doTest();
  }

  @Test
  void positive_runnableWhoseThreadIsKeptInAProtectedField() {
    helper
        .addSourceLines(
            "Detector.java",
            detector(FLAG).replace("  private Thread runner;", "  protected Thread runner;"))
        .addSourceLines("Connector.java", CONNECTOR)
        .doTest();
  }

  @Test
  void positive_runnableAlsoHandedToAPool() {
    helper
        .addSourceLines("Detector.java", detector(FLAG))
        .addSourceLines(
            "Connector.java",
            CONNECTOR.replace(
                "  public void start() {\n",
                "  public void start(java.util.concurrent.Executor pool) {\n"
                    + "    pool.execute(new Detector());\n"))
        .doTest();
  }

  @Test
  void positive_runnableWhoseRunIsAlsoCalledDirectly() {
    helper
        .addSourceLines("Detector.java", detector(FLAG))
        .addSourceLines(
            "Connector.java", CONNECTOR.replace("    detector.start();\n", "    detector.run();\n"))
        .doTest();
  }

  @Test
  void positive_runnableHandedToAThreadThatDoesNotRunIt() {
    // The thread takes the detector as a plain owner to report to, not as the Runnable it runs:
    // whoever calls run() runs it on a thread of their own.
    helper
        .addSourceLines(
            "Detector.java",
            detector(FLAG)
                .replace("new Thread(this, \"detector\")", "new Reporter(this)")
                .replace("  private Thread runner;", "  private Reporter runner;"))
        .addSourceLines("Connector.java", CONNECTOR)
        .addSourceLines(
            "Reporter.java",
            """
            class Reporter extends Thread {
              private final Object owner;

              Reporter(Object owner) {
                this.owner = owner;
              }

              @Override
              public void run() {
                System.out.println(owner);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runnableSubclassed() {
    helper
        .addSourceLines("Detector.java", detector(FLAG))
        .addSourceLines("Connector.java", CONNECTOR)
        .addSourceLines(
            "LoudDetector.java",
            """
            public class LoudDetector extends Detector {
              @Override
              void sweep() {
                System.out.println("sweep");
              }
            }
            """)
        .doTest();
  }

  // ------------------------------- a Runnable that hands itself to a daemon it starts and drops

  /** A watchdog that starts a thread for itself through a helper; {@code marker} as above. */
  private static String watchdog(String start, String marker) {
    return """
        package exec;

        import java.util.concurrent.ThreadFactory;

        public class Watchdog implements Runnable {
          private final ThreadFactory factory;
          private final long timeoutMillis;
          private boolean stopped;

          private Watchdog(ThreadFactory factory, long timeoutMillis) {
            this.factory = factory;
            this.timeoutMillis = timeoutMillis;
          }

          public static Watchdog of(ThreadFactory factory, long timeoutMillis) {
            return new Watchdog(factory, timeoutMillis);
          }

          @Override
          public void run() {
            long start = System.currentTimeMillis();
            synchronized (this) {
              long left = timeoutMillis;
              while (!stopped && left > 0) {
                try {
                  wait(left);
                  %s
                } catch (InterruptedException ignore) {
                }
                left = timeoutMillis - (System.currentTimeMillis() - start);
              }
            }
          }

          public synchronized void start() {
            stopped = false;
            %s
          }

          public synchronized void stop() {
            stopped = true;
            notifyAll();
          }

          void fire(Observer observer) {
            observer.timedOut(this);
          }

          interface Observer {
            void timedOut(Watchdog watchdog);
          }
        }
        """
        .formatted(marker, start);
  }

  private static final String THREADS =
      """
      package exec;

      import java.util.concurrent.ThreadFactory;

      final class Threads {
        private Threads() {}

        static Thread newThread(ThreadFactory factory, Runnable runnable, String name, boolean daemon) {
          Thread thread = factory.newThread(runnable);
          thread.setName(name);
          thread.setDaemon(daemon);
          return thread;
        }
      }
      """;

  @Test
  void negative_runOfARunnableThatStartsADaemonForItselfAndDropsIt() {
    helper
        .addSourceLines(
            "exec/Watchdog.java",
            watchdog("Threads.newThread(factory, this, \"watchdog\", true).start();", ""))
        .addSourceLines("exec/Threads.java", THREADS)
        .doTest();
  }

  @Test
  void positive_runnableThatAlsoHandsItselfOutAsARunnable() {
    helper
        .addSourceLines(
            "exec/Watchdog.java",
            watchdog("Threads.newThread(factory, this, \"watchdog\", true).start();", FLAG)
                .replace("void timedOut(Watchdog watchdog);", "void timedOut(Runnable watchdog);"))
        .addSourceLines("exec/Threads.java", THREADS)
        .doTest();
  }

  @Test
  void positive_runnableThatStartsAThreadForItselfThatIsNotADaemon() {
    helper
        .addSourceLines(
            "exec/Watchdog.java",
            watchdog("Threads.newThread(factory, this, \"watchdog\", false).start();", FLAG))
        .addSourceLines("exec/Threads.java", THREADS)
        .doTest();
  }

  @Test
  void positive_runnableThatHandsOutTheDaemonItStarts() {
    helper
        .addSourceLines(
            "exec/Watchdog.java",
            watchdog(
                    "last = Threads.newThread(factory, this, \"watchdog\", true);\n"
                        + "    last.start();",
                    FLAG)
                .replace(
                    "  private boolean stopped;\n",
                    "  private boolean stopped;\n  public Thread last;\n"))
        .addSourceLines("exec/Threads.java", THREADS)
        .doTest();
  }
}
