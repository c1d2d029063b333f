package dev.cancelguard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.errorprone.CompilationTestHelper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SwallowedInterrupt} on the loop of a thread its class keeps and ends by its own stop.
 *
 * <p>The {@code run()} of an inner {@code Runnable} class that only its outer class makes, each
 * object the {@code Runnable} of a {@code new Thread(..)} kept in a private field: the loop tests
 * the outer object's stop state (here through a lifecycle base class in another file, compiled in
 * the same run and read from its class file: {@code isStarted()} over an {@code AtomicBoolean} that
 * {@code super.shutdown()} clears with {@code compareAndSet}), and the only interrupt of the thread
 * follows that stop. A catch that goes on to the loop's test is not reported. Must-flag neighbours:
 * the stop set after the interrupt, a wake-up that interrupts without the stop, the thread handed
 * out, the runner also handed to a pool, a catch followed by another wait before the test, and a
 * loop that tests something the stop does not set.
 *
 * <p>And a catch (or the branch of {@code if (Thread.interrupted())}) in a thread's whole work that
 * sets the variable its loop tests to the value that ends it and goes on to the test: the loop
 * ends, then the thread. Must-flag neighbours: a variable the loop does not read, a value that does
 * not end it, another wait before the test, the variable set again on the way, a loop followed by
 * more work, a {@code finally} that waits on the way, and the same loop in a method that is not a
 * thread's whole work.
 */
class SwallowedInterruptOwnRunnerThreadTest {
  private static final String LIFE_CYCLE =
      """
      package base;
      import java.util.concurrent.atomic.AtomicBoolean;
      public abstract class LifeCycle {
        private final AtomicBoolean started = new AtomicBoolean(false);

        public void startup() {
          if (started.compareAndSet(false, true)) {
            return;
          }
          throw new IllegalStateException("started");
        }

        public void shutdown() {
          if (started.compareAndSet(true, false)) {
            return;
          }
          throw new IllegalStateException("closed");
        }

        public boolean isStarted() {
          return started.get();
        }
      }
      """;

  @TempDir static Path work;

  @BeforeAll
  static void compileTheBaseElsewhere() throws IOException {
    Path file = work.resolve("src/base/LifeCycle.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, LIFE_CYCLE);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    List<String> args =
        List.of(
            "--release", "8", "-Xlint:-options", "-proc:none", "-d", classes(), file.toString());
    int exit = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
  }

  private static String classes() {
    return work.resolve("classes").toString();
  }

  /** The same expectations with the base compiled here and read from its class file. */
  private static void bothWays(String healer) {
    CompilationTestHelper.newInstance(
            SwallowedInterrupt.class, SwallowedInterruptOwnRunnerThreadTest.class)
        .addSourceLines("app/Healer.java", healer)
        .addSourceLines("base/LifeCycle.java", LIFE_CYCLE)
        .doTest();
    CompilationTestHelper.newInstance(
            SwallowedInterrupt.class, SwallowedInterruptOwnRunnerThreadTest.class)
        .setArgs("-cp", classes() + File.pathSeparator + System.getProperty("java.class.path"))
        .addSourceLines("app/Healer.java", healer)
        .doTest();
  }

  private static final String FLAGGED = "// BUG: Diagnostic contains: SwallowedInterrupt";

  private static final String STOP =
      """
      super.shutdown();
      healThread.interrupt();
      """;

  /**
   * A healer that keeps its heal thread; {@code marker} goes before both catches of the round,
   * {@code after} after the round's try, {@code extra} is more of the healer's members.
   */
  private static String healer(
      String test, String stop, String marker, String after, String extra) {
    return """
        package app;
        import java.util.concurrent.LinkedBlockingQueue;
        public class Healer extends base.LifeCycle {
          private final LinkedBlockingQueue<String> tasks = new LinkedBlockingQueue<>();
          private volatile boolean paused;
          private Thread healThread;

          public Healer() {
            startup();
          }

          public void reconnect(String url) {
            tasks.add(url);
          }

          @Override
          public void startup() {
            synchronized (this) {
              if (!isStarted()) {
                super.startup();
                this.healThread = new Thread(new Runner());
                this.healThread.setName("heal");
                this.healThread.start();
              }
            }
          }

          @Override
          public void shutdown() {
            %s
            this.tasks.clear();
          }

          private final class Runner implements Runnable {
            private long last = -1;

            @Override
            public void run() {
              while (%s) {
                long start = -1;
                String task = null;
                try {
                  if (this.last < 1000) {
                    Thread.sleep(1000);
                  }
                  try {
                    task = tasks.take();
                  %s
                  } catch (InterruptedException e) {
                    // ignore
                  }
                  start = System.currentTimeMillis();
                  heal(task);
                  this.last = System.currentTimeMillis() - start;
                %s
                } catch (Exception e) {
                  if (start != -1) {
                    this.last = System.currentTimeMillis() - start;
                  }
                  if (task != null) {
                    tasks.add(task);
                  }
                }
                %s
              }
            }
          }

          private void heal(String url) {}
          %s
        }
        """
        .formatted(stop, test, marker, marker, after, extra);
  }

  @Test
  void negative_loopOfTheThreadTheClassKeeps_stoppedBeforeItsOnlyInterrupt() {
    bothWays(healer("isStarted()", STOP, "", "", ""));
  }

  @Test
  void positive_theStopSetAfterTheInterrupt() {
    bothWays(
        healer(
            "isStarted()",
            """
            healThread.interrupt();
            super.shutdown();
            """,
            FLAGGED,
            "",
            ""));
  }

  @Test
  void positive_aWakeUpThatInterruptsWithoutTheStop() {
    bothWays(
        healer(
            "isStarted()",
            STOP,
            FLAGGED,
            "",
            """
            public void wake() {
              healThread.interrupt();
            }
            """));
  }

  @Test
  void positive_theThreadHandedOut() {
    bothWays(
        healer(
            "isStarted()",
            STOP,
            FLAGGED,
            "",
            """
            public Thread thread() {
              return healThread;
            }
            """));
  }

  @Test
  void positive_theRunnerAlsoHandedToAPool() {
    bothWays(
        healer(
            "isStarted()",
            STOP,
            FLAGGED,
            "",
            """
            public void healOn(java.util.concurrent.Executor pool) {
              pool.execute(new Runner());
            }
            """));
  }

  @Test
  void positive_anotherWaitBeforeTheTest() {
    bothWays(
        healer(
            "isStarted()",
            STOP,
            FLAGGED,
            """
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            """,
            ""));
  }

  @Test
  void positive_aLoopTestingWhatTheStopDoesNotSet() {
    bothWays(healer("!paused", STOP, FLAGGED, "", ""));
  }

  private static String healing(String marker) {
    return """
        private void heal(String url) {
          try {
            Thread.sleep(5);
          %s
          } catch (InterruptedException e) {
            System.out.println("stopping");
          }
        }
        """
        .formatted(marker);
  }

  @Test
  void negative_aMethodOnlyTheLoopCalls() {
    bothWays(
        healer("isStarted()", STOP, "", "", "")
            .replace("private void heal(String url) {}", healing("")));
  }

  @Test
  void positive_aMethodTheLoopCallsThatOthersCallToo() {
    bothWays(
        healer(
                "isStarted()",
                STOP,
                "",
                "",
                """
                public void healNow(String url) {
                  heal(url);
                }
                """)
            .replace("private void heal(String url) {}", healing(FLAGGED)));
  }

  // ------------------------------------------------------------------ a catch that ends its loop

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String CATCH_FLAGGED =
      "// BUG: Diagnostic contains: This catch receives InterruptedException and";

  /**
   * A timer thread; {@code marker} goes before the clear, {@code after} after the round's try,
   * {@code tail} after the loop. The round's catch, which sets the loop's test false as the clear
   * does, is reported where {@code after} or {@code tail} breaks the rule for both.
   */
  private static String timer(String clearBranch, String marker, String after, String tail) {
    return """
        package app;
        import java.util.concurrent.PriorityBlockingQueue;
        import java.util.concurrent.atomic.AtomicBoolean;
        public class Timer implements AutoCloseable {
          private final TimerThread thread = new TimerThread();

          public Timer() {
            thread.setActive(true);
            thread.setDaemon(true);
            thread.start();
          }

          @Override
          public void close() throws InterruptedException {
            thread.interrupt();
            thread.join();
          }

          public TimerThread thread() {
            return thread;
          }

          public static class TimerThread extends Thread {
            private final PriorityBlockingQueue<Runnable> queue = new PriorityBlockingQueue<>();
            private final AtomicBoolean active = new AtomicBoolean(false);
            private volatile boolean stopped;

            @Override
            public void run() {
              while (this.active.get()) {
                try {
                  Runnable r = queue.peek();
                  if (r != null) {
                    queue.remove(r);
                    r.run();
                  } else {
                    Thread.sleep(1000);
                  }
                  %s
                  if (Thread.interrupted()) {
                    %s
                  }
                %s
                } catch (InterruptedException e) {
                  this.active.set(false);
                }
                %s
              }
              %s
            }

            public boolean isActive() {
              return active.get();
            }

            public void setActive(boolean flag) {
              active.set(flag);
            }
          }
        }
        """
        .formatted(
            marker,
            clearBranch,
            tail.isEmpty() && after.isEmpty() ? "" : CATCH_FLAGGED,
            after,
            tail);
  }

  @Test
  void negative_aClearThatSetsTheLoopsOwnTestFalse() {
    helper.addSourceLines("app/Timer.java", timer("this.active.set(false);", "", "", "")).doTest();
  }

  @Test
  void negative_aClearThatSetsTheLoopsTestFalseAndLogs() {
    helper
        .addSourceLines(
            "app/Timer.java",
            timer("active.lazySet(false);\nSystem.out.println(\"stopping\");", "", "", ""))
        .doTest();
  }

  @Test
  void positive_aClearThatSetsAFieldTheLoopDoesNotRead() {
    helper
        .addSourceLines(
            "app/Timer.java",
            timer(
                "this.stopped = true;",
                "// BUG: Diagnostic contains: Thread.interrupted()",
                "",
                ""))
        .doTest();
  }

  @Test
  void positive_aClearThatSetsTheLoopsTestTrue() {
    helper
        .addSourceLines(
            "app/Timer.java",
            timer(
                "this.active.set(true);",
                "// BUG: Diagnostic contains: Thread.interrupted()",
                "",
                ""))
        .doTest();
  }

  @Test
  void positive_anotherWaitBeforeTheLoopsTest() {
    helper
        .addSourceLines(
            "app/Timer.java",
            timer(
                "this.active.set(false);",
                "// BUG: Diagnostic contains: Thread.interrupted()",
                "java.util.concurrent.locks.LockSupport.parkNanos(1000L);"
                    + " try { Thread.sleep(10); } catch (InterruptedException e) {"
                    + " Thread.currentThread().interrupt(); }",
                ""))
        .doTest();
  }

  @Test
  void positive_theTestSetTrueAgainOnTheWay() {
    helper
        .addSourceLines(
            "app/Timer.java",
            timer(
                "this.active.set(false);",
                "// BUG: Diagnostic contains: Thread.interrupted()",
                "active.set(true);",
                ""))
        .doTest();
  }

  @Test
  void positive_moreWorkAfterTheLoop() {
    helper
        .addSourceLines(
            "app/Timer.java",
            timer(
                "this.active.set(false);",
                "// BUG: Diagnostic contains: Thread.interrupted()",
                "",
                "try { Thread.sleep(10); } catch (InterruptedException e) {"
                    + " Thread.currentThread().interrupt(); }"))
        .doTest();
  }

  @Test
  void negative_aCatchThatSetsTheLocalItsLoopTestsFalse() {
    helper
        .addSourceLines(
            "app/Pump.java",
            """
            package app;
            import java.util.concurrent.BlockingQueue;
            class Pump {
              static Thread start(BlockingQueue<String> queue) {
                Thread t =
                    new Thread(
                        () -> {
                          boolean more = true;
                          while (more && !queue.isEmpty()) {
                            try {
                              System.out.println(queue.take());
                            } catch (InterruptedException e) {
                              more = false;
                            }
                          }
                        });
                t.start();
                return t;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_aFinallyThatWaitsOnTheWayToTheTest() {
    helper
        .addSourceLines(
            "app/Pump.java",
            """
            package app;
            import java.util.concurrent.BlockingQueue;
            class Pump {
              static Thread start(BlockingQueue<String> queue) {
                Thread t =
                    new Thread(
                        () -> {
                          boolean more = true;
                          while (more && !queue.isEmpty()) {
                            try {
                              System.out.println(queue.take());
                            // BUG: Diagnostic contains: SwallowedInterrupt
                            } catch (InterruptedException e) {
                              more = false;
                            } finally {
                              try {
                                Thread.sleep(1);
                              } catch (InterruptedException again) {
                                Thread.currentThread().interrupt();
                              }
                            }
                          }
                        });
                t.start();
                return t;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_theSameLoopInAMethodThatIsNotAThreadsWholeWork() {
    helper
        .addSourceLines(
            "app/Pump.java",
            """
            package app;
            import java.util.concurrent.BlockingQueue;
            class Pump {
              static void drain(BlockingQueue<String> queue) {
                boolean more = true;
                while (more && !queue.isEmpty()) {
                  try {
                    System.out.println(queue.take());
                  // BUG: Diagnostic contains: SwallowedInterrupt
                  } catch (InterruptedException e) {
                    more = false;
                  }
                }
              }
            }
            """)
        .doTest();
  }
}
