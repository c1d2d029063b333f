package dev.cancelguard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.CompilationTestHelper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project's own helpers in other files, known from their code with no flag and no annotation:
 * each caller is checked twice, once with the helpers compiled in the same compilation (read from
 * their trees) and once against the same helpers compiled earlier into class files (read from their
 * bytecode), as a full and an incremental build see them. Both must report the same findings.
 */
class HelpersInOtherFilesTest {
  /** The helpers, one file each: the same text is compiled both ways. */
  private static final Map<String, String> HELPERS =
      Map.ofEntries(
          Map.entry(
              "com/acme/errors/Errors.java",
              """
          package com.acme.errors;
          import java.util.concurrent.ExecutionException;
          import java.util.concurrent.Executor;
          import java.util.concurrent.TimeoutException;
          public final class Errors {
            private Errors() {}
            public static Throwable unwrap(Throwable t) {
              return t instanceof ExecutionException ? t.getCause() : t;
            }
            /** Restores the flag when handed an interrupt, then wraps it. */
            public static RuntimeException bubble(Throwable t) {
              Throwable cause = unwrap(t);
              if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return new IllegalStateException("interrupted", cause);
              }
              return cause instanceof RuntimeException
                  ? (RuntimeException) cause
                  : new IllegalStateException(cause);
            }
            /** Restores through a method of its own class that does. */
            public static RuntimeException fromWait(Throwable t) {
              Throwable cause = unwrap(t);
              if (cause instanceof TimeoutException) {
                return new IllegalStateException("timed out", cause);
              }
              return bubble(cause);
            }
            /** Wraps only. */
            public static RuntimeException wrap(Throwable t) {
              return new IllegalStateException(t);
            }
            /** Interrupts another thread, not the current one. */
            public static RuntimeException wakeAndWrap(Throwable t, Thread other) {
              other.interrupt();
              return new IllegalStateException(t);
            }
            /** Restores whenever it is called: its code begins with the restore. */
            public static void restore() {
              Thread.currentThread().interrupt();
            }
            /** Takes no exception and restores only under a condition of its own. */
            public static void maybeRestore() {
              if (Boolean.getBoolean("restore")) {
                Thread.currentThread().interrupt();
              }
            }
            /** Restores later, on another thread: not its own code. */
            public static void restoreLater(Throwable t, Executor executor) {
              executor.execute(() -> Thread.currentThread().interrupt());
            }
            /** A restore after switches (tableswitch, lookupswitch) the bytecode reader walks. */
            public static int classifyAndRestore(Throwable t, int kind) {
              int weight;
              switch (kind) {
                case 0: weight = 3; break;
                case 1: weight = 5; break;
                case 2: weight = 8; break;
                case 3: weight = 13; break;
                default: weight = 0;
              }
              switch (kind * 1000) {
                case 1000: weight++; break;
                case 1000000: weight--; break;
                default: break;
              }
              if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
              }
              return weight;
            }
          }
          """),
          Map.entry(
              "com/acme/errors/InterruptedFailure.java",
              """
          package com.acme.errors;
          /** Its constructor restores the flag. */
          public class InterruptedFailure extends RuntimeException {
            public InterruptedFailure(InterruptedException cause) {
              super(cause);
              Thread.currentThread().interrupt();
            }
            public InterruptedFailure(String message, Throwable cause) {
              super(message, cause);
            }
          }
          """),
          Map.entry(
              "com/acme/errors/RestoringFailure.java",
              """
          package com.acme.errors;
          /** Restores in an initializer block, which the class file inlines into the constructor. */
          public class RestoringFailure extends RuntimeException {
            {
              Thread.currentThread().interrupt();
            }
            public RestoringFailure(Throwable cause) {
              super(cause);
            }
          }
          """),
          Map.entry(
              "com/acme/server/Server.java",
              """
          package com.acme.server;
          /** Its shutdown joins a worker thread two calls down, in another class. */
          public class Server {
            private final Throttler throttler = new Throttler();
            public void shutdown() {
              shutdown(false);
            }
            public synchronized void shutdown(boolean fully) {
              System.out.println(fully ? "stopping fully" : "stopping");
              throttler.stopAndWait();
            }
            public void log(String line) {
              System.out.println(line);
            }
          }
          class Throttler extends Thread {
            void stopAndWait() {
              try {
                join();
              } catch (InterruptedException e) {
                System.exit(1);
              }
            }
          }
          """),
          Map.entry(
              "com/acme/loop/AbstractLoop.java",
              """
          package com.acme.loop;
          /** An event loop's base: the own-thread test is answered by the subclass. */
          public abstract class AbstractLoop {
            public boolean inEventLoop() {
              return inEventLoop(Thread.currentThread());
            }
            public abstract boolean inEventLoop(Thread thread);
            /** Asks something other than the loop's own thread. */
            public boolean onALoopThread() {
              return Thread.currentThread().getName().startsWith("loop-");
            }
          }
          """),
          Map.entry(
              "com/acme/errors/Sneaky.java",
              """
          package com.acme.errors;
          /** Helpers that throw what they are handed, unchecked, and neighbours that do not. */
          public final class Sneaky {
            private Sneaky() {}
            @SuppressWarnings("unchecked")
            public static <E extends Throwable> void throwAsUnchecked(Throwable t) throws E {
              throw (E) t;
            }
            /** Delegates to a method of its own class that throws it. */
            public static RuntimeException sneakyThrow(Throwable t) {
              return Sneaky.<RuntimeException>sneakyThrow0(t);
            }
            @SuppressWarnings("unchecked")
            private static <T extends Throwable> T sneakyThrow0(Throwable t) throws T {
              throw (T) t;
            }
            /** Wraps: the interrupt is not what is thrown. */
            public static void throwWrapped(Throwable t) {
              throw new IllegalStateException(t);
            }
            /** Throws only some of what it is handed. */
            public static void throwIfError(Throwable t) {
              if (t instanceof Error) {
                throw (Error) t;
              }
            }
            /** A real cast, which fails on an interrupt (ClassCastException). */
            public static void throwAsRuntime(Throwable t) {
              throw (RuntimeException) t;
            }
            /** Logs first: more than the throw. */
            @SuppressWarnings("unchecked")
            public static <E extends Throwable> void logAndThrow(Throwable t) throws E {
              System.err.println(t);
              throw (E) t;
            }
          }
          """),
          Map.entry(
              "com/acme/errors/Rethrower.java",
              """
          package com.acme.errors;
          /** An instance method a subclass may override: its code says nothing of an override's. */
          public class Rethrower {
            @SuppressWarnings("unchecked")
            public <E extends Throwable> void rethrow(Throwable t) throws E {
              throw (E) t;
            }
          }
          """),
          Map.entry(
              "com/acme/errors/Handler.java",
              """
          package com.acme.errors;
          /** An instance method: the method the call resolves to is read. */
          public class Handler {
            public void handle(Exception e) {
              if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
              }
            }
          }
          """),
          Map.entry(
              "com/acme/pools/DirectExecutorService.java",
              """
          package com.acme.pools;
          import java.util.Collections;
          import java.util.List;
          import java.util.concurrent.AbstractExecutorService;
          import java.util.concurrent.RejectedExecutionException;
          import java.util.concurrent.TimeUnit;
          /** Runs each task on the thread that hands it over. */
          public final class DirectExecutorService extends AbstractExecutorService {
            private volatile boolean shutdown;
            @Override public void execute(Runnable command) {
              checkShutdown();
              command.run();
            }
            private void checkShutdown() {
              if (shutdown) {
                throw new RejectedExecutionException("shut down");
              }
            }
            @Override public void shutdown() { shutdown = true; }
            @Override public List<Runnable> shutdownNow() {
              shutdown = true;
              return Collections.emptyList();
            }
            @Override public boolean isShutdown() { return shutdown; }
            @Override public boolean isTerminated() { return shutdown; }
            @Override public boolean awaitTermination(long timeout, TimeUnit unit) { return true; }
          }
          """),
          Map.entry(
              "com/acme/pools/ThreadPerTaskService.java",
              """
          package com.acme.pools;
          import java.util.Collections;
          import java.util.List;
          import java.util.concurrent.AbstractExecutorService;
          import java.util.concurrent.TimeUnit;
          /** Runs each task on a thread of its own. */
          public final class ThreadPerTaskService extends AbstractExecutorService {
            private volatile boolean shutdown;
            @Override public void execute(Runnable command) {
              new Thread(command).start();
            }
            @Override public void shutdown() { shutdown = true; }
            @Override public List<Runnable> shutdownNow() {
              shutdown = true;
              return Collections.emptyList();
            }
            @Override public boolean isShutdown() { return shutdown; }
            @Override public boolean isTerminated() { return shutdown; }
            @Override public boolean awaitTermination(long timeout, TimeUnit unit) { return true; }
          }
          """),
          Map.entry(
              "com/acme/pools/Waits.java",
              """
          package com.acme.pools;
          import java.time.Duration;
          import java.util.concurrent.ExecutorService;
          import java.util.concurrent.TimeUnit;
          /** Waits for what it is handed, or not. */
          public final class Waits {
            private Waits() {}
            /** Waits, and turns an interrupt into a failed wait. */
            public static boolean awaitTermination(ExecutorService pool, Duration timeout) {
              try {
                return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            }
            /** Stops, then waits through the helper above. */
            public static boolean shutdownAndAwait(ExecutorService pool, Duration timeout) {
              pool.shutdown();
              boolean stopped = awaitTermination(pool, timeout);
              if (!stopped) {
                pool.shutdownNow();
              }
              return stopped;
            }
            public static void joinQuietly(Thread thread) {
              try {
                thread.join();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            /** Waits only when a timeout is given: not on every path. */
            public static void awaitIfAsked(ExecutorService pool, long timeoutMillis)
                throws InterruptedException {
              if (timeoutMillis > 0) {
                pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
              }
            }
            /** Waits after a null check of what it is handed. */
            public static void shutdownQuietly(ExecutorService pool, long timeout, TimeUnit unit) {
              if (pool == null) {
                return;
              }
              pool.shutdown();
              try {
                if (!pool.awaitTermination(timeout, unit)) {
                  pool.shutdownNow();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            /** Waits only when given a name: a null check of something else is a branch. */
            public static void awaitIfNamed(ExecutorService pool, String name)
                throws InterruptedException {
              if (name == null) {
                return;
              }
              pool.awaitTermination(1, TimeUnit.SECONDS);
            }
            /** Only looks. */
            public static String describe(ExecutorService pool) {
              return pool.isTerminated() ? "terminated" : "running";
            }
          }
          """),
          Map.entry(
              "com/acme/threads/Threads.java",
              """
          package com.acme.threads;
          /** Starts the threads it is handed, keeping them or not. */
          public final class Threads {
            private static Thread last;

            private Threads() {}
            /** Makes the thread a daemon and starts it through the overload below. */
            public static <T extends Thread> T setDaemonThreadRunning(T t, String name) {
              return setDaemonThreadRunning(t, name, null);
            }
            public static <T extends Thread> T setDaemonThreadRunning(
                T t, String name, Thread.UncaughtExceptionHandler handler) {
              t.setName(name);
              if (handler != null) {
                t.setUncaughtExceptionHandler(handler);
              }
              t.setDaemon(true);
              t.start();
              return t;
            }
            /** Starts the thread, not as a daemon. */
            public static <T extends Thread> T setThreadRunning(T t, boolean daemon) {
              t.setDaemon(daemon);
              t.start();
              return t;
            }
            /** Starts a daemon and remembers it where others can reach it. */
            public static void startRemembered(Thread t) {
              t.setDaemon(true);
              t.start();
              last = t;
            }
            public static Thread last() {
              return last;
            }
          }
          """));

  @TempDir static Path work;

  /** Compiles the helpers into a classes folder, as another module, jar or earlier build would. */
  @BeforeAll
  static void compileHelpersElsewhere() throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--release",
                "8",
                "-Xlint:-options",
                "-proc:none",
                "-d",
                work.resolve("classes").toString()));
    for (Map.Entry<String, String> helper : HELPERS.entrySet()) {
      Path file = work.resolve("src").resolve(helper.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, helper.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(work.resolve("classes/com/acme/errors/Errors.class")));
  }

  private static String classpath(String classes) {
    return work.resolve(classes) + File.pathSeparator + System.getProperty("java.class.path");
  }

  /**
   * Checks the caller with the helpers as source in the same compilation. The caller comes first:
   * under {@code -XDcompilePolicy=simple} every file is attributed before the first is checked, so
   * the helpers' trees are read attributed even though javac reaches them later.
   */
  private static void withHelperSources(Class<?> check, String fileName, String caller) {
    CompilationTestHelper helper =
        CompilationTestHelper.newInstance(
                check.asSubclass(com.google.errorprone.bugpatterns.BugChecker.class),
                HelpersInOtherFilesTest.class)
            .addSourceLines(fileName, caller);
    HELPERS.forEach((name, text) -> helper.addSourceLines(name, text));
    helper.doTest();
  }

  /** Checks the caller against the helpers' class files. */
  private static void withHelperClasses(
      Class<?> check, String classes, String fileName, String caller) {
    CompilationTestHelper.newInstance(
            check.asSubclass(com.google.errorprone.bugpatterns.BugChecker.class),
            HelpersInOtherFilesTest.class)
        .setArgs("-cp", classpath(classes))
        .addSourceLines(fileName, caller)
        .doTest();
  }

  /** The same expectations, with the helpers read from source and from class files. */
  private static void bothWays(Class<?> check, String caller) {
    withHelperSources(check, "Caller.java", caller);
    withHelperClasses(check, "classes", "Caller.java", caller);
  }

  @Test
  void threadStartedAsADaemonByAHelperThatKeepsNothing() {
    bothWays(
        SwallowedInterrupt.class,
        """
        import com.acme.threads.Threads;
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.DelayQueue;
        import java.util.concurrent.Delayed;
        import java.util.concurrent.TimeUnit;
        class Client<T extends Delayed> {
          private final BlockingQueue<T> tasks = new DelayQueue<>();
          private final T close;

          Client(T close) {
            this.close = close;
            Threads.setDaemonThreadRunning(new Thread(this::run), "client");
            Threads.setThreadRunning(new Thread(this::notDaemon), true);
            Threads.setThreadRunning(new Thread(this::daemonByAVariable), false);
            Threads.startRemembered(new Thread(this::remembered));
            Thread kept = Threads.setDaemonThreadRunning(new Thread(this::resultKept), "kept");
            kept.setName("kept");
            Threads.setDaemonThreadRunning(new Thread(this::forever), "forever");
            Threads.setDaemonThreadRunning(new Thread(this::alsoCalled), "also");
          }

          void poke() {
            alsoCalled();
          }

          private void run() {
            for (;;) {
              T task;
              try {
                task = tasks.poll(1, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                continue;
              }
              if (task == close) {
                break;
              }
            }
          }

          private void notDaemon() {
            for (;;) {
              T task;
              try {
                task = tasks.poll(1, TimeUnit.SECONDS);
              // BUG: Diagnostic contains: SwallowedInterrupt
              } catch (InterruptedException e) {
                continue;
              }
              if (task == close) {
                break;
              }
            }
          }

          private void daemonByAVariable() {
            for (;;) {
              T task;
              try {
                task = tasks.poll(1, TimeUnit.SECONDS);
              // BUG: Diagnostic contains: SwallowedInterrupt
              } catch (InterruptedException e) {
                continue;
              }
              if (task == close) {
                break;
              }
            }
          }

          private void remembered() {
            for (;;) {
              T task;
              try {
                task = tasks.poll(1, TimeUnit.SECONDS);
              // BUG: Diagnostic contains: SwallowedInterrupt
              } catch (InterruptedException e) {
                continue;
              }
              if (task == close) {
                break;
              }
            }
          }

          private void resultKept() {
            for (;;) {
              T task;
              try {
                task = tasks.poll(1, TimeUnit.SECONDS);
              // BUG: Diagnostic contains: SwallowedInterrupt
              } catch (InterruptedException e) {
                continue;
              }
              if (task == close) {
                break;
              }
            }
          }

          private void forever() {
            for (;;) {
              try {
                tasks.poll(1, TimeUnit.SECONDS);
              // BUG: Diagnostic contains: SwallowedInterrupt
              } catch (InterruptedException e) {
                continue;
              }
            }
          }

          private void alsoCalled() {
            for (;;) {
              T task;
              try {
                task = tasks.poll(1, TimeUnit.SECONDS);
              // BUG: Diagnostic contains: SwallowedInterrupt
              } catch (InterruptedException e) {
                continue;
              }
              if (task == close) {
                break;
              }
            }
          }
        }
        """);
  }

  @Test
  void restoringHelperOfAnotherFile() {
    bothWays(
        SwallowedInterrupt.class,
        """
        import com.acme.errors.Errors;
        import java.util.concurrent.ExecutionException;
        import java.util.concurrent.Future;
        class Caller {
          Object thrown(Future<Object> f) {
            try {
              return f.get();
            } catch (InterruptedException | ExecutionException e) {
              throw Errors.bubble(e);
            }
          }
          Object returned(Future<Object> f) {
            try {
              return f.get();
            } catch (Exception e) {
              RuntimeException failure = Errors.bubble(e);
              throw failure;
            }
          }
          Object throughItsOwnClass(Future<Object> f) throws ExecutionException {
            try {
              return f.get();
            } catch (InterruptedException e) {
              throw Errors.fromWait(e);
            }
          }
          void lastStatement() {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              Errors.classifyAndRestore(e, 2);
            }
          }
        }
        """);
  }

  @Test
  void helperThatThrowsTheInterruptOnUnchecked() {
    bothWays(
        SwallowedInterrupt.class,
        """
        import com.acme.errors.Rethrower;
        import com.acme.errors.Sneaky;
        import java.util.concurrent.CountDownLatch;
        class Caller {
          Object sneakyThrow(CountDownLatch latch) {
            try {
              latch.await();
            } catch (InterruptedException e) {
              Sneaky.throwAsUnchecked(e);
              return null;
            }
            return "done";
          }
          void throughItsOwnClass(CountDownLatch latch) {
            try {
              latch.await();
            } catch (InterruptedException e) {
              throw Sneaky.sneakyThrow(e);
            }
          }
          Object somethingElseIsThrown(CountDownLatch latch) {
            try {
              latch.await();
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              Sneaky.throwAsUnchecked(new IllegalStateException(e));
              return null;
            }
            return "done";
          }
          void wraps(CountDownLatch latch) {
            try {
              latch.await();
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              Sneaky.throwWrapped(e);
            }
          }
          void throwsOnlyErrors(CountDownLatch latch) {
            try {
              latch.await();
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              Sneaky.throwIfError(e);
            }
          }
          void castFailsOnAnInterrupt(CountDownLatch latch) {
            try {
              latch.await();
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              Sneaky.throwAsRuntime(e);
            }
          }
          void logsFirst(CountDownLatch latch) {
            try {
              latch.await();
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              Sneaky.logAndThrow(e);
            }
          }
          void overridable(CountDownLatch latch, Rethrower rethrower) {
            try {
              latch.await();
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              rethrower.rethrow(e);
            }
          }
          void onlyOnOnePath(CountDownLatch latch, boolean strict) {
            try {
              latch.await();
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              if (strict) {
                Sneaky.throwAsUnchecked(e);
              }
            }
          }
        }
        """);
  }

  @Test
  void helpersThatDoNotRestoreWhatTheyAreHanded() {
    bothWays(
        SwallowedInterrupt.class,
        """
        import com.acme.errors.Errors;
        import java.util.concurrent.Executor;
        import java.util.concurrent.Future;
        class Caller {
          Object wrapsOnly(Future<Object> f) throws Exception {
            try {
              return f.get();
            // BUG: Diagnostic contains: throws RuntimeException
            } catch (InterruptedException e) {
              throw Errors.wrap(e);
            }
          }
          Object interruptsAnotherThread(Future<Object> f, Thread worker) {
            try {
              return f.get();
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (Exception e) {
              throw Errors.wakeAndWrap(e, worker);
            }
          }
          void neverHandedTheExceptionRestoresOnlySometimes() {
            try {
              Thread.sleep(10);
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              Errors.maybeRestore();
            }
          }
          void aHelperThatRestoresAtOnce() {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              Errors.restore();
            }
          }
          void recordedAndRestoredByTheHelperLater() throws Exception {
            boolean interrupted = false;
            try {
              while (true) {
                try {
                  Thread.sleep(10);
                  return;
                } catch (InterruptedException e) {
                  interrupted = true;
                }
              }
            } finally {
              if (interrupted) {
                Errors.restore();
              }
            }
          }
          void handedSomethingElse(Exception lastFailure) {
            try {
              Thread.sleep(10);
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              throw Errors.bubble(lastFailure);
            }
          }
          void restoresLaterOnAnotherThread(Executor executor) {
            try {
              Thread.sleep(10);
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              Errors.restoreLater(e, executor);
            }
          }
          void onlySomePaths(boolean quiet) {
            try {
              Thread.sleep(10);
            // BUG: Diagnostic contains: returns
            } catch (InterruptedException e) {
              if (quiet) {
                return;
              }
              throw Errors.bubble(e);
            }
          }
        }
        """);
  }

  @Test
  void constructorsAndInstanceMethods() {
    bothWays(
        SwallowedInterrupt.class,
        """
        import com.acme.errors.Handler;
        import com.acme.errors.InterruptedFailure;
        import com.acme.errors.RestoringFailure;
        class Caller {
          void restoringConstructor() {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              throw new InterruptedFailure(e);
            }
          }
          void initializerRestores() {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              throw new RestoringFailure(e);
            }
          }
          void instanceHelper(Handler handler) {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              handler.handle(e);
            }
          }
          void otherConstructorOnlyWraps() {
            try {
              Thread.sleep(10);
            // BUG: Diagnostic contains: throws InterruptedFailure
            } catch (InterruptedException e) {
              throw new InterruptedFailure("interrupted", e);
            }
          }
        }
        """);
  }

  @Test
  void interruptibleCleanupSeesTheHelpersRestore() {
    bothWays(
        InterruptibleCleanup.class,
        """
        import com.acme.errors.Errors;
        import java.util.concurrent.BlockingQueue;
        class Caller {
          void f(BlockingQueue<String> queue) throws InterruptedException {
            try {
              queue.take();
            } catch (InterruptedException e) {
              Errors.bubble(e);
              // BUG: Diagnostic contains: InterruptibleCleanup
              queue.put("done");
            }
          }
          void g(BlockingQueue<String> queue) throws InterruptedException {
            try {
              queue.take();
            } catch (InterruptedException e) {
              Errors.wrap(e);
              queue.put("done");
            }
          }
        }
        """);
  }

  @Test
  void noRestoreBeforeACallThatWaitsInAnotherFile() {
    bothWays(
        SwallowedInterrupt.class,
        """
        import com.acme.server.Server;
        class Caller {
          void shutdown(Thread selector, Server server) {
            try {
              selector.join();
            // BUG: Diagnostic contains: would make the blocking call that follows it (line 10)
            } catch (InterruptedException e) {
              System.err.println("ignoring");
            }
            server.shutdown();
          }
          void shutdownAndLog(Thread selector, Server server) {
            try {
              selector.join();
            // BUG: Diagnostic contains: Call Thread.currentThread().interrupt() before leaving
            } catch (InterruptedException e) {
              System.err.println("ignoring");
            }
            server.log("stopped");
          }
        }
        """);
  }

  /**
   * Under {@code -XDcompilePolicy=byfile} javac attributes, lowers and generates one file after
   * another, so a helper in another file of the compilation has either no symbols in its tree yet
   * or a tree already lowered: it is not read (the finding stays), whichever file comes first, and
   * nothing breaks.
   */
  @Test
  void helperSourcesNotReadUnderByFilePolicy() {
    String caller =
        """
        import com.acme.errors.Errors;
        class Caller {
          void f() {
            try {
              Thread.sleep(10);
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              throw Errors.bubble(e);
            }
          }
        }
        """;
    for (boolean callerFirst : new boolean[] {true, false}) {
      CompilationTestHelper helper =
          CompilationTestHelper.newInstance(SwallowedInterrupt.class, HelpersInOtherFilesTest.class)
              .setArgs("-XDcompilePolicy=byfile");
      if (callerFirst) {
        helper.addSourceLines("Caller.java", caller);
      }
      HELPERS.forEach((name, text) -> helper.addSourceLines(name, text));
      if (!callerFirst) {
        helper.addSourceLines("Caller.java", caller);
      }
      helper.doTest();
    }
  }

  /**
   * A helper whose class file cannot be read (here: its code damaged, which javac itself never
   * reads) is not taken for a restorer.
   */
  @Test
  void unreadableClassFile() throws IOException {
    Path damaged = work.resolve("damaged");
    Path original = work.resolve("classes/com/acme/errors");
    Path copy = Files.createDirectories(damaged.resolve("com/acme/errors"));
    try (var files = Files.list(original)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    Path errors = copy.resolve("Errors.class");
    byte[] bytes = Files.readAllBytes(errors);
    // The first `invokestatic Thread.currentThread` followed by `invokevirtual`: make it an
    // undefined opcode, so the reader gives up on the file.
    boolean damagedOne = false;
    for (int i = 0; i + 3 < bytes.length && !damagedOne; i++) {
      if ((bytes[i] & 0xff) == 0xb8 && (bytes[i + 3] & 0xff) == 0xb6) {
        bytes[i] = (byte) 0xcb;
        damagedOne = true;
      }
    }
    assertTrue(damagedOne);
    Files.write(errors, bytes);
    String caller =
        """
        import com.acme.errors.Errors;
        import java.util.concurrent.Future;
        class Caller {
          Object thrown(Future<Object> f) throws Exception {
            try {
              return f.get();
            // BUG: Diagnostic contains: SwallowedInterrupt
            } catch (InterruptedException e) {
              throw Errors.bubble(e);
            }
          }
        }
        """;
    withHelperClasses(SwallowedInterrupt.class, "damaged", "Caller.java", caller);
  }

  @Test
  void ownThreadTestInheritedFromAnotherFile() {
    bothWays(
        SwallowedInterrupt.class,
        """
        import com.acme.loop.AbstractLoop;
        import java.util.concurrent.BlockingQueue;
        class Caller extends AbstractLoop {
          private volatile Thread thread;
          BlockingQueue<Runnable> tasks;

          @Override
          public boolean inEventLoop(Thread t) {
            return t == thread;
          }

          boolean confirmShutdown() {
            if (tasks.isEmpty()) {
              return true;
            }
            if (!inEventLoop()) {
              throw new IllegalStateException("must be invoked from the event loop");
            }
            try {
              Thread.sleep(100);
            } catch (InterruptedException e) {
              // woken up by the loop's own interruptThread()
            }
            return false;
          }

          void guardedByAnotherTest() {
            if (!onALoopThread()) {
              throw new IllegalStateException("not on a loop thread");
            }
            try {
              Thread.sleep(100);
            // BUG: Diagnostic contains: swallows it
            } catch (InterruptedException e) {
              // woken up
            }
          }
        }
        """);
  }

  @Test
  void inheritedTestWhoseOverloadComparesSomethingElse() {
    bothWays(
        SwallowedInterrupt.class,
        """
        import com.acme.loop.AbstractLoop;
        class Caller extends AbstractLoop {
          @Override
          public boolean inEventLoop(Thread t) {
            return t != null;
          }

          void pause() {
            if (!inEventLoop()) {
              throw new IllegalStateException("must be invoked from the event loop");
            }
            try {
              Thread.sleep(100);
            // BUG: Diagnostic contains: swallows it
            } catch (InterruptedException e) {
              // woken up
            }
          }
        }
        """);
  }

  @Test
  void poolThatRunsItsTasksOnTheCallerHasNothingToWaitFor() {
    bothWays(
        CancelWithoutAwait.class,
        """
        import com.acme.pools.DirectExecutorService;
        import com.acme.pools.ThreadPerTaskService;
        import java.io.Closeable;
        import java.util.concurrent.ExecutorService;
        class Caller implements Closeable {
          private final ExecutorService direct = new DirectExecutorService();
          private final ExecutorService threads = new ThreadPerTaskService();
          private volatile int merged;
          void merge() {
            direct.execute(() -> merged++);
            threads.execute(() -> merged++);
          }
          int mergedThenStoppedThreads() {
            // BUG: Diagnostic contains: reads merged
            threads.shutdown();
            return merged;
          }
          @Override
          public void close() {
            direct.shutdown();
          }
        }
        """);
  }

  @Test
  void helperOfAnotherFileThatWaitsForWhatItIsHanded() {
    bothWays(
        CancelWithoutAwait.class,
        """
        import com.acme.pools.Waits;
        import java.time.Duration;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.TimeUnit;
        class Caller {
          private final ExecutorService pool = Executors.newFixedThreadPool(2);
          private final ExecutorService other = Executors.newFixedThreadPool(2);
          private final Thread worker = new Thread(() -> {});
          void stop() {
            pool.shutdownNow();
            if (!Waits.awaitTermination(pool, Duration.ofSeconds(5))) {
              System.err.println("pool did not stop");
            }
          }
          void close() {
            pool.shutdownNow();
            Waits.shutdownAndAwait(pool, Duration.ofSeconds(5));
          }
          void shutdown() {
            worker.interrupt();
            Waits.joinQuietly(worker);
          }
          void terminate() {
            pool.shutdownNow();
            Waits.shutdownQuietly(pool, 5, TimeUnit.SECONDS);
          }
        }
        class Flagged {
          private final ExecutorService pool = Executors.newFixedThreadPool(2);
          private final ExecutorService other = Executors.newFixedThreadPool(2);
          void terminate() throws InterruptedException {
            // BUG: Diagnostic contains: returns
            pool.shutdownNow();
            Waits.awaitIfAsked(pool, 5000);
          }
          void destroy() {
            // BUG: Diagnostic contains: returns
            pool.shutdownNow();
            System.out.println(Waits.describe(pool));
          }
          void dispose() {
            // BUG: Diagnostic contains: returns
            pool.shutdownNow();
            Waits.awaitTermination(other, Duration.ofSeconds(5));
          }
          void stop() throws InterruptedException {
            // BUG: Diagnostic contains: returns
            pool.shutdownNow();
            Waits.awaitIfNamed(pool, "pool");
          }
        }
        """);
  }
}
