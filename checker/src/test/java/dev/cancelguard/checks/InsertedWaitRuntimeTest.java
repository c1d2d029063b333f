package dev.cancelguard.checks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The waits CancelWithoutAwait's fixes insert, run: each program below is fixed by applying every
 * check's fixes (as {@code -XepPatchChecks} would), compiled and run. Its stop method must return
 * promptly once the work has ended, keep a deadline it was given, and, when the stopping thread is
 * interrupted, neither hang nor spin: little CPU time, and the interrupt still set afterwards.
 */
class InsertedWaitRuntimeTest {
  /** CPU time a stop may use: waiting is blocking, not polling. */
  private static final long CPU_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

  @TempDir Path directory;

  /** A server whose tasks end when interrupted; its stop() only shuts the pool down. */
  private static final String INTERRUPTIBLE_SERVER =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.atomic.AtomicInteger;
      public class Server {
        public final AtomicInteger running = new AtomicInteger();
        private final ExecutorService pool = Executors.newFixedThreadPool(2);
        public void start() {
          for (int i = 0; i < 2; i++) {
            pool.execute(
                () -> {
                  running.incrementAndGet();
                  try {
                    Thread.sleep(60_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    running.decrementAndGet();
                  }
                });
          }
        }
        public void stop() {
          pool.shutdownNow();
        }
      }
      """;

  /** A server whose task ignores interrupts for three seconds. */
  private static final String STUBBORN_SERVER =
      """
      import com.google.common.util.concurrent.Uninterruptibles;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.atomic.AtomicInteger;
      public class Server {
        public final AtomicInteger running = new AtomicInteger();
        private final ExecutorService pool = Executors.newFixedThreadPool(1);
        public void start() {
          pool.execute(
              () -> {
                running.incrementAndGet();
                try {
                  Uninterruptibles.sleepUninterruptibly(3, TimeUnit.SECONDS);
                } finally {
                  running.decrementAndGet();
                }
              });
        }
        public void stop(long timeout, TimeUnit unit) {
          pool.shutdownNow();
        }
      }
      """;

  /**
   * A server whose listener task blocks in {@code ServerSocket.accept()}, which no interrupt ends:
   * only terminating the listener (closing its socket), later in stop(), does.
   */
  private static final String ACCEPTING_SERVER =
      """
      import java.io.IOException;
      import java.io.UncheckedIOException;
      import java.net.ServerSocket;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.atomic.AtomicInteger;
      public class Server {
        public final AtomicInteger running = new AtomicInteger();
        private final ExecutorService listener = Executors.newSingleThreadExecutor();
        private Acceptor acceptor;
        public void start() throws IOException {
          acceptor = new Acceptor(new ServerSocket(0), running);
          listener.execute(acceptor);
        }
        public void stop() {
          listener.shutdownNow();
          final Acceptor local = acceptor;
          try {
            local.terminate();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        static final class Acceptor implements Runnable {
          private final ServerSocket server;
          private final AtomicInteger running;
          Acceptor(ServerSocket server, AtomicInteger running) {
            this.server = server;
            this.running = running;
          }
          void terminate() throws IOException {
            server.close();
          }
          @Override
          public void run() {
            running.incrementAndGet();
            try {
              server.accept().close();
            } catch (IOException closed) {
              System.err.println("listener ends: " + closed);
            } finally {
              running.decrementAndGet();
            }
          }
        }
      }
      """;

  @Test
  void insertedWaitComesAfterWhatEndsTheWork() throws Exception {
    String fixed = fix(ACCEPTING_SERVER);
    assertTrue(fixed.contains("    }\n    listener.close();\n  }"), fixed);
    Object server = start(fixed);

    Stop stop = stopInThread(server, /* interruptFirst= */ false, "stop");

    assertTrue(stop.elapsedNanos < TimeUnit.SECONDS.toNanos(5), "stop() took " + stop);
    assertTrue(stop.cpuNanos < CPU_BUDGET_NANOS, "stop() spun: " + stop);
    assertEquals(0, running(server), "the listener still ran when stop() returned");
  }

  @Test
  void insertedCloseWaitsForTheTasksAndKeepsTheInterrupt() throws Exception {
    String fixed = fix(INTERRUPTIBLE_SERVER);
    assertTrue(fixed.contains("pool.shutdownNow();\n    pool.close();"), fixed);
    Object server = start(fixed);

    Stop stop = stopInThread(server, /* interruptFirst= */ true, "stop");

    assertTrue(stop.elapsedNanos < TimeUnit.SECONDS.toNanos(5), "stop() took " + stop);
    assertTrue(stop.cpuNanos < CPU_BUDGET_NANOS, "stop() spun: " + stop);
    assertEquals(0, running(server), "tasks still running when stop() returned");
    assertTrue(stop.interruptedAfter, "the interrupt was lost");
  }

  @Test
  void insertedTimedWaitKeepsTheMethodsDeadline() throws Exception {
    String fixed = fix(STUBBORN_SERVER);
    assertTrue(fixed.contains("pool.awaitTermination(timeout, unit);"), fixed);
    Object server = start(fixed);

    Stop stop = stopInThread(server, /* interruptFirst= */ false, "stop", 200L);

    assertTrue(stop.elapsedNanos >= TimeUnit.MILLISECONDS.toNanos(150), "no wait at all: " + stop);
    assertTrue(stop.elapsedNanos < TimeUnit.SECONDS.toNanos(2), "deadline not kept: " + stop);
    assertTrue(stop.cpuNanos < CPU_BUDGET_NANOS, "stop() spun: " + stop);
    assertTrue(!stop.interruptedAfter);
  }

  @Test
  void insertedTimedWaitGivesUpAtOnceWhenInterrupted() throws Exception {
    String fixed = fix(STUBBORN_SERVER);
    Object server = start(fixed);

    Stop stop = stopInThread(server, /* interruptFirst= */ true, "stop", 10_000L);

    assertTrue(stop.elapsedNanos < TimeUnit.SECONDS.toNanos(1), "stop() hung: " + stop);
    assertTrue(stop.cpuNanos < CPU_BUDGET_NANOS, "stop() spun: " + stop);
    assertTrue(stop.interruptedAfter, "the interrupt was lost");
  }

  @Test
  void insertedTimedWaitKeepsADeadlineWhoseNameGivesItsUnit() throws Exception {
    String fixed =
        fix(STUBBORN_SERVER.replace("stop(long timeout, TimeUnit unit)", "stop(long timeoutMs)"));
    assertTrue(fixed.contains("pool.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);"), fixed);
    Object server = start(fixed);

    Stop stop = stopInThread(server, /* interruptFirst= */ false, "stop", 200L);

    assertTrue(stop.elapsedNanos >= TimeUnit.MILLISECONDS.toNanos(150), "no wait at all: " + stop);
    assertTrue(stop.elapsedNanos < TimeUnit.SECONDS.toNanos(2), "deadline not kept: " + stop);
    assertTrue(stop.cpuNanos < CPU_BUDGET_NANOS, "stop() spun: " + stop);

    Object interrupted = start(fixed);
    Stop early = stopInThread(interrupted, /* interruptFirst= */ true, "stop", 10_000L);

    assertTrue(early.elapsedNanos < TimeUnit.SECONDS.toNanos(1), "stop() hung: " + early);
    assertTrue(early.interruptedAfter, "the interrupt was lost");
  }

  @Test
  void insertedAwaitOnRelease17StopsWaitingWhenInterrupted() throws Exception {
    String stubbornNoDeadline =
        STUBBORN_SERVER.replace("stop(long timeout, TimeUnit unit)", "stop()");
    String fixed = fix(stubbornNoDeadline, "--release", "17");
    assertTrue(fixed.contains("pool.awaitTermination(30, TimeUnit.SECONDS);"), fixed);
    Object server = start(fixed);

    Stop stop = stopInThread(server, /* interruptFirst= */ true, "stop");

    assertTrue(stop.elapsedNanos < TimeUnit.SECONDS.toNanos(1), "stop() hung: " + stop);
    assertTrue(stop.cpuNanos < CPU_BUDGET_NANOS, "stop() spun: " + stop);
    assertTrue(stop.interruptedAfter, "the interrupt was lost");
  }

  // ---------------------------------------------------------------- harness

  private String fix(String source, String... javacOptions) {
    AllFixes.Result result = AllFixes.apply(directory, "Server.java", source, javacOptions);
    assertEquals(null, result.overlap());
    assertNotNull(result.fixed());
    return result.fixed();
  }

  /** Compiles the fixed program, loads it, starts it and waits until its tasks run. */
  private Object start(String fixed) throws Exception {
    Path sources = Files.createDirectories(directory.resolve("fixed"));
    Path classes = Files.createDirectories(directory.resolve("fixed-classes"));
    Files.writeString(sources.resolve("Server.java"), fixed, UTF_8);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                errors,
                errors,
                "-proc:none",
                "-cp",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                sources.resolve("Server.java").toString());
    assertEquals(0, exit, errors.toString(UTF_8));
    URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    Object server = loader.loadClass("Server").getConstructor().newInstance();
    server.getClass().getMethod("start").invoke(server);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (running(server) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(running(server) > 0, "the tasks did not start");
    return server;
  }

  private static int running(Object server) throws Exception {
    return ((AtomicInteger) server.getClass().getField("running").get(server)).get();
  }

  /** What a call to the stop method cost the thread that made it. */
  private record Stop(long elapsedNanos, long cpuNanos, boolean interruptedAfter) {}

  /** The stop method to call, and (into {@code args}) its arguments. */
  private static Method stopMethod(
      Object server, String name, Long[] timeoutMillis, List<Object> args)
      throws NoSuchMethodException {
    if (timeoutMillis.length == 0) {
      return server.getClass().getMethod(name);
    }
    args.add(timeoutMillis[0]);
    try {
      Method method = server.getClass().getMethod(name, long.class, TimeUnit.class);
      args.add(TimeUnit.MILLISECONDS);
      return method;
    } catch (NoSuchMethodException inMillisecondsByName) {
      return server.getClass().getMethod(name, long.class);
    }
  }

  /**
   * Calls {@code server.<name>(args)} (a {@code long} argument comes with {@code MILLISECONDS}, or
   * alone where the method takes milliseconds by the name of its parameter) on a new thread,
   * interrupted just before the call or not at all, and measures it.
   */
  private static Stop stopInThread(
      Object server, boolean interruptFirst, String name, Long... timeoutMillis) throws Exception {
    List<Object> args = new ArrayList<>();
    Method method = stopMethod(server, name, timeoutMillis, args);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    AtomicReference<Stop> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread stopper =
        new Thread(
            () -> {
              if (interruptFirst) {
                Thread.currentThread().interrupt();
              }
              long cpuBefore = threads.getCurrentThreadCpuTime();
              long start = System.nanoTime();
              try {
                method.invoke(server, args.toArray());
              } catch (ReflectiveOperationException e) {
                failure.set(e);
              }
              long elapsed = System.nanoTime() - start;
              long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
              result.set(new Stop(elapsed, cpu, Thread.currentThread().isInterrupted()));
            });
    stopper.start();
    stopper.join(TimeUnit.SECONDS.toMillis(20));
    assertTrue(!stopper.isAlive(), "the stop method never returned");
    if (failure.get() != null) {
      throw new AssertionError("the stop method failed", failure.get());
    }
    return result.get();
  }
}
