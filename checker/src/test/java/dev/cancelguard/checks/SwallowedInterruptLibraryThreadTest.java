package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * {@link SwallowedInterrupt} on the {@code run()} of a {@code Thread} subclass or {@code Runnable}
 * class whose threads another file of the compilation creates, keeps to itself, makes daemons and
 * never interrupts. Must-flag neighbours: a thread some code of the compilation may interrupt (a
 * parameter's, its holder's), one handed out, not a daemon, a {@code Runnable} that users can make
 * or that goes to a pool, a {@code run()} also called directly, and a loop with no way out.
 */
class SwallowedInterruptLibraryThreadTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /** A monitor thread class; {@code marker} goes on the line before the catch. */
  private static String monitor(String marker, String loop) {
    return """
        package p;
        public class Monitor extends Thread {
          private volatile boolean shutdown;

          public Monitor() {
            super("monitor");
          }

          public void notifyShutdown() {
            shutdown = true;
          }

          public void notifyError() {
            synchronized (this) {
              notifyAll();
            }
          }

          @Override
          public void run() {
            %s {
              try {
                Thread.sleep(1000);
              %s
              } catch (InterruptedException e) {
                // the next round tests the flag
              }
            }
          }
        }
        """
        .formatted(loop, marker);
  }

  private static final String FLAG_LOOP = "while (!shutdown)";
  private static final String FLAGGED = "// BUG: Diagnostic contains: without restoring";

  /** The factory that makes, keeps and stops the monitor; {@code extra} is more of its members. */
  private static String factory(String daemon, String extra) {
    return """
        package p;
        public class Factory {
          private Monitor monitor;

          public void init() {
            monitor = new Monitor();
            monitor.setDaemon(%s);
            monitor.start();
          }

          public void dispose() throws InterruptedException {
            if (monitor != null) {
              monitor.notifyShutdown();
              monitor.join(5000);
              monitor = null;
            }
          }
          %s
        }
        """
        .formatted(daemon, extra);
  }

  @Test
  void negative_threadClassMadeAndKeptByAnotherFile() {
    helper
        .addSourceLines("p/Monitor.java", monitor("", FLAG_LOOP))
        .addSourceLines("p/Factory.java", factory("true", ""))
        .doTest();
  }

  @Test
  void positive_threadClassInALoopWithNoWayOut() {
    helper
        .addSourceLines("p/Monitor.java", monitor(FLAGGED, "while (true)"))
        .addSourceLines("p/Factory.java", factory("true", ""))
        .doTest();
  }

  @Test
  void positive_threadClassNotADaemon() {
    helper
        .addSourceLines("p/Monitor.java", monitor(FLAGGED, FLAG_LOOP))
        .addSourceLines("p/Factory.java", factory("false", ""))
        .doTest();
  }

  @Test
  void positive_threadClassHandedOut() {
    helper
        .addSourceLines("p/Monitor.java", monitor(FLAGGED, FLAG_LOOP))
        .addSourceLines(
            "p/Factory.java", factory("true", "public Thread monitor() { return monitor; }"))
        .doTest();
  }

  @Test
  void positive_threadClassHolderInterrupted() {
    helper
        .addSourceLines("p/Monitor.java", monitor(FLAGGED, FLAG_LOOP))
        .addSourceLines("p/Factory.java", factory("true", "void wake() { monitor.interrupt(); }"))
        .doTest();
  }

  @Test
  void positive_someThreadOfTheCompilationInterruptedThatMayBeIt() {
    // A thread handed in is interrupted: it may be the monitor (`Thread.currentThread()` captured
    // on it, or the holder read another way).
    helper
        .addSourceLines("p/Monitor.java", monitor(FLAGGED, FLAG_LOOP))
        .addSourceLines("p/Factory.java", factory("true", ""))
        .addSourceLines(
            "p/Threads.java",
            """
            package p;
            public final class Threads {
              public static void stop(Thread thread) {
                thread.interrupt();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_otherThreadsInterruptedAreNew() {
    // The compilation interrupts the current thread and a thread it made for other work: neither
    // can be the monitor.
    helper
        .addSourceLines("p/Monitor.java", monitor("", FLAG_LOOP))
        .addSourceLines("p/Factory.java", factory("true", ""))
        .addSourceLines(
            "p/Reader.java",
            """
            package p;
            public final class Reader {
              private Thread reader;

              public void start(Runnable work) {
                reader = new Thread(work, "reader");
                reader.start();
              }

              public void stop() {
                reader.interrupt();
                Thread.currentThread().interrupt();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadClassHandsItselfOut() {
    helper
        .addSourceLines(
            "p/Monitor.java",
            monitor(FLAGGED, FLAG_LOOP)
                .replace("super(\"monitor\");", "super(\"monitor\");\n    Registry.add(this);"))
        .addSourceLines("p/Factory.java", factory("true", ""))
        .addSourceLines(
            "p/Registry.java",
            """
            package p;
            import java.util.List;
            import java.util.concurrent.CopyOnWriteArrayList;
            public final class Registry {
              public static final List<Thread> THREADS = new CopyOnWriteArrayList<>();

              static void add(Thread thread) {
                THREADS.add(thread);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runCalledDirectly() {
    helper
        .addSourceLines("p/Monitor.java", monitor(FLAGGED, FLAG_LOOP))
        .addSourceLines("p/Factory.java", factory("true", "void runHere(Monitor m) { m.run(); }"))
        .doTest();
  }

  @Test
  void negative_threadHandedToConstructorsThatKeepItPrivate() {
    // The holder hands the monitor to the managers it makes, which keep it in private fields and
    // only call it.
    helper
        .addSourceLines("p/Monitor.java", monitor("", FLAG_LOOP))
        .addSourceLines(
            "p/Factory.java", factory("true", "Manager manager() { return new Manager(monitor); }"))
        .addSourceLines(
            "p/Manager.java",
            """
            package p;
            public class Manager {
              private final Monitor monitor;

              public Manager(Monitor monitor) {
                this.monitor = monitor;
              }

              public void failed() {
                monitor.notifyError();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadHandedToAConstructorThatStoresItWhereOthersReach() {
    helper
        .addSourceLines("p/Monitor.java", monitor(FLAGGED, FLAG_LOOP))
        .addSourceLines(
            "p/Factory.java", factory("true", "Manager manager() { return new Manager(monitor); }"))
        .addSourceLines(
            "p/Manager.java",
            """
            package p;
            public class Manager {
              public final Monitor monitor;

              public Manager(Monitor monitor) {
                this.monitor = monitor;
              }
            }
            """)
        .doTest();
  }

  /** A pump Runnable; {@code visibility} is its constructor's. */
  private static String pump(String visibility, String marker) {
    return """
        package p;
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.TimeUnit;
        public class Pump implements Runnable {
          private final BlockingQueue<String> queue;
          volatile boolean stop;

          %s Pump(BlockingQueue<String> queue) {
            this.queue = queue;
          }

          @Override
          public void run() {
            while (!stop) {
              try {
                String line = queue.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                  System.out.println(line);
                }
              %s
              } catch (InterruptedException e) {
                // the next round tests the flag
              }
            }
          }
        }
        """
        .formatted(visibility, marker);
  }

  private static final String HANDLER =
      """
      package p;
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.LinkedBlockingQueue;
      public class Handler {
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Pump pump;

        public void start() {
          pump = new Pump(queue);
          Thread thread = new Thread(pump, "pump");
          thread.setDaemon(true);
          thread.start();
        }

        public void stop() {
          pump.stop = true;
        }
      }
      """;

  @Test
  void negative_runnableOnlyItsPackageMakesHandedToAKeptDaemon() {
    helper
        .addSourceLines("p/Pump.java", pump("", ""))
        .addSourceLines("p/Handler.java", HANDLER)
        .doTest();
  }

  @Test
  void positive_runnableUsersCanMake() {
    // Users may make a Pump and run it as a task of their own, which they may cancel.
    helper
        .addSourceLines("p/Pump.java", pump("public", FLAGGED))
        .addSourceLines("p/Handler.java", HANDLER)
        .doTest();
  }

  @Test
  void positive_runnableAlsoGivenToAPool() {
    helper
        .addSourceLines("p/Pump.java", pump("", FLAGGED))
        .addSourceLines("p/Handler.java", HANDLER)
        .addSourceLines(
            "p/Pooled.java",
            """
            package p;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.LinkedBlockingQueue;
            class Pooled {
              void start(ExecutorService pool) {
                pool.execute(new Pump(new LinkedBlockingQueue<>()));
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runnableOnAThreadThatIsInterrupted() {
    helper
        .addSourceLines("p/Pump.java", pump("", FLAGGED))
        .addSourceLines(
            "p/Handler.java",
            HANDLER
                .replace("Thread thread = new Thread", "thread = new Thread")
                .replace("  Pump pump;", "  Pump pump;\n  private Thread thread;")
                .replace("pump.stop = true;", "pump.stop = true;\n    thread.interrupt();"))
        .doTest();
  }
}
