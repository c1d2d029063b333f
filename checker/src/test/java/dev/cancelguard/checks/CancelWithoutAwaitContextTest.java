package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait where the context decides: fixes that must not wait on the awaited work's own
 * thread (tasks, thread bodies, callbacks, what they call), or must keep the method's own deadline;
 * and must-flag cases next to them.
 */
class CancelWithoutAwaitContextTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_sameShutdownInTheStopMethod() {
    helper
        .addSourceLines(
            "Pool.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Pool {
              private final ExecutorService reporter = Executors.newSingleThreadExecutor();
              Pool() {
                reporter.execute(() -> System.out.println("reporting"));
              }
              void terminate() {
                // BUG: Diagnostic contains: terminate() returns
                reporter.shutdownNow();
              }
              void terminateAll() {
                // BUG: Diagnostic contains: terminateAll() returns
                reporter.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_theSameCodeInClose() {
    helper
        .addSourceLines(
            "Session.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Session implements Closeable {
              interface Db extends Closeable { void insert(String row); }
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Db db;
              Session(Db database) {
                this.db = database;
                pool.execute(() -> db.insert("row"));
              }
              @Override
              public void close() throws IOException {
                // BUG: Diagnostic contains: releasing db
                pool.shutdownNow();
                db.close();
              }
              void closeConnection() throws IOException {
                // BUG: Diagnostic contains: releasing db
                pool.shutdownNow();
                db.close();
              }
              void drain() throws IOException {
                // BUG: Diagnostic contains: releasing db
                pool.shutdownNow();
                db.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_theSameReleaseInALambdaThatIsNoListener() {
    helper
        .addSourceLines(
            "Client.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.io.UncheckedIOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Client {
              interface Db extends Closeable { void insert(String row); }
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Db db;
              Client(Db database) {
                this.db = database;
                pool.execute(() -> db.insert("row"));
              }
              void later(Runnable action) {
                action.run();
              }
              void stopLater() {
                later(
                    () -> {
                      // BUG: Diagnostic contains: releasing db
                      pool.shutdownNow();
                      try {
                        db.close();
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_handlerDestroyIsStillTheStopMethod() {
    helper
        .addSourceLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Server {
              interface Handler {
                void destroy();
              }
              static class Workers implements Handler {
                private final ExecutorService pool = Executors.newFixedThreadPool(2);
                Workers() {
                  pool.execute(() -> System.out.println("work"));
                }
                @Override
                public void destroy() {
                  // BUG: Diagnostic contains: destroy() returns
                  pool.shutdownNow();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_executorThatRunsOtherWorkOnThePool() {
    helper
        .addSourceLines(
            "Batcher.java",
            """
            import java.util.Queue;
            import java.util.concurrent.ConcurrentLinkedQueue;
            import java.util.concurrent.Executor;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Batcher implements Executor {
              private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
              private final ExecutorService flusher = Executors.newSingleThreadExecutor();
              Batcher() {
                flusher.execute(() -> queue.forEach(Runnable::run));
              }
              @Override
              public void execute(Runnable task) {
                queue.add(task);
              }
              void shutdown() {
                // BUG: Diagnostic contains: shutdown() returns
                flusher.shutdown();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- callbacks, chosen modes,
  // delegates

  @Test
  void negative_poolTerminatedHook() {
    helper
        .addSourceLines(
            "Pool.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            class Pool extends ThreadPoolExecutor {
              private final ExecutorService reporter = Executors.newSingleThreadExecutor();
              Pool() {
                super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                reporter.execute(() -> System.out.println("reporting"));
              }
              @Override
              protected void terminated() {
                reporter.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_eventNamesAreNotStopMethods() {
    helper
        .addSourceLines(
            "Session.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Session {
              interface Db extends Closeable { void insert(String row); }
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Db db;
              Session(Db database) {
                this.db = database;
                pool.execute(() -> db.insert("row"));
              }
              void onClose() throws IOException {
                pool.shutdownNow();
                db.close();
              }
              void closed() {
                pool.shutdownNow();
              }
              void connectionClosed() throws IOException {
                pool.shutdownNow();
                db.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_listenerOverrideAndLambdaListener() {
    helper
        .addSourceLines(
            "Client.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.io.UncheckedIOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Client {
              interface Db extends Closeable { void insert(String row); }
              interface ConnectionListener {
                void connectionLost(String reason);
              }
              interface Connection {
                void addCloseListener(Runnable listener);
              }
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Db db;
              Client(Db database, Connection connection) {
                this.db = database;
                pool.execute(() -> db.insert("row"));
                connection.addCloseListener(
                    () -> {
                      pool.shutdownNow();
                      try {
                        db.close();
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    });
              }
              final ConnectionListener listener =
                  new ConnectionListener() {
                    @Override
                    public void connectionLost(String reason) {
                      pool.shutdownNow();
                      try {
                        db.close();
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }
                  };
            }
            """)
        .doTest();
  }

  @Test
  void negative_immediateModeChosenByAParameter() {
    helper
        .addSourceLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Server {
              enum CloseMode { GRACEFUL, IMMEDIATE }
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              Server() {
                pool.execute(() -> System.out.println("work"));
              }
              void close(boolean immediately) {
                if (immediately) {
                  pool.shutdownNow();
                } else {
                  pool.close();
                }
              }
              void close(CloseMode mode) {
                switch (mode) {
                  case IMMEDIATE -> pool.shutdownNow();
                  case GRACEFUL -> pool.close();
                }
              }
              void stop(boolean force) {
                if (force) {
                  pool.shutdownNow();
                }
              }
              void shutdown(boolean graceful) {
                if (!graceful) {
                  pool.shutdownNow();
                  return;
                }
                pool.shutdown();
                pool.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_forcefulStopBesideAwaitableGracefulStop() {
    helper
        .addSourceLines(
            "Scheduler.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Scheduler {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final ExecutorService[] lanes = {
                Executors.newSingleThreadExecutor(), Executors.newSingleThreadExecutor()
              };
              Scheduler() {
                pool.execute(() -> System.out.println("work"));
                for (ExecutorService lane : lanes) {
                  lane.execute(() -> System.out.println("lane"));
                }
              }
              void dispose() {
                pool.shutdownNow();
                for (ExecutorService lane : lanes) {
                  lane.shutdownNow();
                }
              }
              CompletableFuture<Void> disposeGracefully() {
                return CompletableFuture.runAsync(
                    () -> {
                      pool.shutdown();
                      for (ExecutorService lane : lanes) {
                        lane.shutdown();
                      }
                      awaitAll();
                    });
              }
              private void awaitAll() {
                System.out.println("awaiting");
              }
            }
            """)
        .addSourceLines(
            "Timers.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Flow;
            import java.util.concurrent.SubmissionPublisher;
            class Timers {
              private final ExecutorService timers = Executors.newSingleThreadExecutor();
              Timers() {
                timers.execute(() -> System.out.println("tick"));
              }
              void closeAll() {
                timers.shutdownNow();
              }
              Flow.Publisher<Void> closeGracefully() {
                SubmissionPublisher<Void> done = new SubmissionPublisher<>();
                Runnable stop = () -> timers.shutdown();
                stop.run();
                return done;
              }
            }
            """)
        .addSourceLines(
            "Lanes.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            class Lanes {
              static final class State {
                final ExecutorService[] executors;
                State(ExecutorService[] executors) {
                  this.executors = executors;
                }
              }
              private volatile State state;
              void dispose() {
                State current = state;
                for (ExecutorService executor : current.executors) {
                  executor.shutdownNow();
                }
              }
              CompletableFuture<Void> disposeGracefully() {
                return CompletableFuture.runAsync(
                    () -> {
                      State current = state;
                      for (ExecutorService executor : current.executors) {
                        executor.shutdown();
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_forcefulStopWithoutAwaitableGracefulStopOfTheSameWork() {
    helper
        .addSourceLines(
            "Scheduler.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Scheduler {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final ExecutorService timers = Executors.newSingleThreadExecutor();
              Scheduler() {
                pool.execute(() -> System.out.println("work"));
                timers.execute(() -> System.out.println("tick"));
              }
              void dispose() {
                // BUG: Diagnostic contains: dispose() returns
                timers.shutdownNow();
              }
              void stop() {
                // BUG: Diagnostic contains: stop() returns
                pool.shutdown();
              }
              CompletableFuture<Void> disposeGracefully() {
                return CompletableFuture.runAsync(() -> pool.shutdown());
              }
            }
            """)
        .addSourceLines(
            "Worker.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Worker {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              Worker() {
                pool.execute(() -> System.out.println("work"));
              }
              void dispose() {
                // BUG: Diagnostic contains: dispose() returns
                pool.shutdownNow();
              }
              void stopGracefully() {
                // BUG: Diagnostic contains: stopGracefully() returns
                pool.shutdown();
              }
            }
            """)
        .addSourceLines(
            "Lanes.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            class Lanes {
              static final class State {
                final ExecutorService[] executors;
                final ExecutorService[] timers;
                State(ExecutorService[] executors, ExecutorService[] timers) {
                  this.executors = executors;
                  this.timers = timers;
                }
              }
              private volatile State state;
              void dispose() {
                State current = state;
                for (ExecutorService executor : current.executors) {
                  // BUG: Diagnostic contains: dispose() returns
                  executor.shutdownNow();
                }
              }
              CompletableFuture<Void> disposeGracefully() {
                return CompletableFuture.runAsync(
                    () -> {
                      State current = state;
                      for (ExecutorService timer : current.timers) {
                        timer.shutdown();
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_choiceNotTheCallersOrNotAboutStopping() {
    helper
        .addSourceLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Server {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private volatile boolean abort;
              Server() {
                pool.execute(() -> System.out.println("work"));
              }
              void close(boolean immediately) {
                if (immediately) {
                  pool.shutdownNow();
                } else {
                  // BUG: Diagnostic contains: close() returns
                  pool.shutdown();
                }
              }
              void stop() {
                if (abort) {
                  // BUG: Diagnostic contains: stop() returns
                  pool.shutdownNow();
                }
              }
              void shutdown(boolean verbose) {
                if (verbose) {
                  // BUG: Diagnostic contains: shutdown() returns
                  pool.shutdownNow();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_stopMethodNamedImmediate() {
    // The method's name promises only that the stop has begun, as ExecutorService.shutdownNow()
    // does; the graceful close next to it and methods whose names say otherwise are still reported.
    helper
        .addSourceLines(
            "Channel.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Channel {
              private final ExecutorService pumper = Executors.newSingleThreadExecutor();
              Channel() {
                pumper.execute(() -> System.out.println("pumping"));
              }
              void closeImmediately0() {
                pumper.shutdownNow();
              }
              void forceClose() {
                pumper.shutdownNow();
              }
              void abort() {
                pumper.shutdownNow();
              }
              void close_now() {
                pumper.shutdownNow();
              }
              void closeGracefully() {
                // BUG: Diagnostic contains: closeGracefully() returns
                pumper.shutdown();
              }
              void shutdownAll() {
                // BUG: Diagnostic contains: shutdownAll() returns
                pumper.shutdownNow();
              }
              void stopNotifying() {
                // BUG: Diagnostic contains: stopNotifying() returns
                pumper.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_nullingTheVariableThatHoldsTheTaskItself() {
    // The running task has itself: dropping the manager's reference to it cannot fail it. A
    // variable the task's own code reads is still a release.
    helper
        .addSourceLines(
            "Manager.java",
            """
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            class Manager {
              private final ScheduledExecutorService timer =
                  Executors.newSingleThreadScheduledExecutor();
              private Runnable timeoutChecker;
              private Future<?> checking;
              private StringBuilder report = new StringBuilder();
              private Future<?> reporting;

              void start() {
                timeoutChecker = new TimeoutChecker();
                checking = timer.scheduleAtFixedRate(timeoutChecker, 1, 1, TimeUnit.SECONDS);
                reporting = timer.scheduleAtFixedRate(() -> report.append("x"), 1, 1, TimeUnit.SECONDS);
              }

              void stopChecking() {
                checking.cancel(true);
                timeoutChecker = null;
              }

              void stopReporting() {
                // BUG: Diagnostic contains: sets report to null
                reporting.cancel(true);
                report = null;
              }
            }
            """)
        .addSourceLines(
            "TimeoutChecker.java",
            """
            class TimeoutChecker implements Runnable {
              @Override
              public void run() {
                System.out.println("checking");
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_executorThatOnlyDelegates() {
    helper
        .addSourceLines(
            "Serial.java",
            """
            import java.util.concurrent.Executor;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Serial implements Executor {
              private final ExecutorService delegate = Executors.newSingleThreadExecutor();
              @Override
              public void execute(Runnable task) {
                delegate.execute(task);
              }
              void shutdown() {
                delegate.shutdown();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  private static final String TASK_CLOSES_THE_POOL =
      """
      import java.io.Closeable;
      import java.io.IOException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Jobs {
        interface Db extends Closeable { void insert(String row); }
        private final ExecutorService pool = Executors.newFixedThreadPool(2);
        private final Db db;
        Jobs(Db database) {
          this.db = database;
          pool.execute(() -> db.insert("row"));
        }
        void failFast() {
          pool.execute(
              () -> {
                // BUG: Diagnostic contains: releasing db
                pool.shutdownNow();
                try {
                  db.close();
                } catch (IOException e) {
                  System.err.println(e);
                }
              });
        }
      }
      """;

  @Test
  void fix_noWaitInATaskOfThePool() {
    helper.addSourceLines("Jobs.java", TASK_CLOSES_THE_POOL).doTest();
    refactoring.addInputLines("Jobs.java", TASK_CLOSES_THE_POOL).expectUnchanged().doTest();
  }

  private static final String TASK_CALLS_THE_STOP =
      """
      import java.io.Closeable;
      import java.io.IOException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Jobs {
        interface Db extends Closeable { void insert(String row); }
        private final ExecutorService pool = Executors.newFixedThreadPool(2);
        private final Db db;
        Jobs(Db database) {
          this.db = database;
          pool.execute(() -> db.insert("row"));
          pool.execute(() -> closeAll());
        }
        void closeAll() {
          // BUG: Diagnostic contains: releasing db
          pool.shutdownNow();
          try {
            db.close();
          } catch (IOException e) {
            System.err.println(e);
          }
        }
      }
      """;

  @Test
  void fix_noWaitInAMethodATaskCalls() {
    helper.addSourceLines("Jobs.java", TASK_CALLS_THE_STOP).doTest();
    refactoring.addInputLines("Jobs.java", TASK_CALLS_THE_STOP).expectUnchanged().doTest();
  }

  private static final String THREAD_INTERRUPTS_ITSELF =
      """
      import java.io.Closeable;
      import java.io.IOException;
      class Worker implements Runnable {
        interface Db extends Closeable { void insert(String row); }
        private final Thread thread = new Thread(this);
        private final Db db;
        Worker(Db database) {
          this.db = database;
          thread.start();
        }
        @Override
        public void run() {
          db.insert("row");
          // BUG: Diagnostic contains: CancelWithoutAwait
          thread.interrupt();
          try {
            db.close();
          } catch (IOException e) {
            System.err.println(e);
          }
        }
      }
      """;

  private static final String CLOSE_CALLED_FROM_A_CALLBACK =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Channel {
        private final ExecutorService reporter = Executors.newSingleThreadExecutor();
        Channel() {
          reporter.execute(() -> System.out.println("reporting"));
        }
        /** Called by the transport, on its own thread, once the connection is gone. */
        void onDisconnect() {
          close();
        }
        void close() {
          // BUG: Diagnostic contains: close() returns
          reporter.shutdownNow();
        }
      }
      """;

  @Test
  void fix_noWaitInAMethodACallbackCalls() {
    helper.addSourceLines("Channel.java", CLOSE_CALLED_FROM_A_CALLBACK).doTest();
    refactoring
        .addInputLines("Channel.java", CLOSE_CALLED_FROM_A_CALLBACK)
        .expectUnchanged()
        .doTest();
  }

  private static final String CLOSE_CALLED_FROM_DEFERRED_CODE =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.function.Supplier;
      class Channel {
        private final ExecutorService reporter = Executors.newSingleThreadExecutor();
        Channel() {
          reporter.execute(() -> System.out.println("reporting"));
        }
        /** Closes when the returned supplier is run, on whatever thread runs it. */
        Supplier<String> closeLater() {
          return defer(
              () -> {
                close();
                return "closed";
              });
        }
        private static Supplier<String> defer(Supplier<String> body) {
          return body;
        }
        void close() {
          // BUG: Diagnostic contains: close() returns
          reporter.shutdownNow();
        }
      }
      """;

  @Test
  void fix_noWaitInAMethodALambdaCalls() {
    helper.addSourceLines("Channel.java", CLOSE_CALLED_FROM_DEFERRED_CODE).doTest();
    refactoring
        .addInputLines("Channel.java", CLOSE_CALLED_FROM_DEFERRED_CODE)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitInAMethodPlainCodeAndAShutdownHookCall() {
    refactoring
        .addInputLines(
            "Channel.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Channel {
              private final ExecutorService reporter = Executors.newSingleThreadExecutor();
              Channel() {
                reporter.execute(() -> System.out.println("reporting"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close()));
              }
              void release() {
                close();
              }
              void close() {
                reporter.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Channel.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Channel {
              private final ExecutorService reporter = Executors.newSingleThreadExecutor();
              Channel() {
                reporter.execute(() -> System.out.println("reporting"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close()));
              }
              void release() {
                close();
              }
              void close() {
                reporter.shutdownNow();
                reporter.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_noJoinInTheThreadsOwnRun() {
    helper.addSourceLines("Worker.java", THREAD_INTERRUPTS_ITSELF).doTest();
    refactoring.addInputLines("Worker.java", THREAD_INTERRUPTS_ITSELF).expectUnchanged().doTest();
  }

  @Test
  void fix_waitOutsideTheTasksStillOffered() {
    refactoring
        .addInputLines(
            "Jobs.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Jobs {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              Jobs() {
                pool.execute(() -> System.out.println("work"));
              }
              void close() {
                pool.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Jobs.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Jobs {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              Jobs() {
                pool.execute(() -> System.out.println("work"));
              }
              void close() {
                pool.shutdownNow();
                pool.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_keepsTheMethodsDeadline() {
    refactoring
        .addInputLines(
            "Server.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Server {
              interface Db extends Closeable { void insert(String row); }
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Db db;
              Server(Db database) {
                this.db = database;
                pool.execute(() -> db.insert("row"));
              }
              void abandon(long timeout, TimeUnit unit) throws IOException, InterruptedException {
                pool.shutdownNow();
                db.close();
              }
              void stop(long quietPeriod, long timeout, TimeUnit unit) {
                pool.shutdown();
              }
            }
            """)
        .addOutputLines(
            "Server.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Server {
              interface Db extends Closeable { void insert(String row); }
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Db db;
              Server(Db database) {
                this.db = database;
                pool.execute(() -> db.insert("row"));
              }
              void abandon(long timeout, TimeUnit unit) throws IOException, InterruptedException {
                pool.shutdownNow();
                if (!pool.awaitTermination(timeout, unit)) {
                  throw new IllegalStateException("pool did not terminate in time");
                }
                db.close();
              }
              void stop(long quietPeriod, long timeout, TimeUnit unit) {
                pool.shutdown();
                try {
                  pool.awaitTermination(timeout, unit);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_keepsADurationDeadline() {
    refactoring
        .addInputLines(
            "Server.java",
            """
            import java.time.Duration;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Server {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Thread ticker = new Thread(() -> System.out.println("tick"));
              Server() {
                pool.execute(() -> System.out.println("work"));
                ticker.start();
              }
              void close(Duration timeout) throws InterruptedException {
                pool.shutdown();
                ticker.interrupt();
              }
            }
            """)
        .addOutputLines(
            "Server.java",
            """
            import java.time.Duration;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Server {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final Thread ticker = new Thread(() -> System.out.println("tick"));
              Server() {
                pool.execute(() -> System.out.println("work"));
                ticker.start();
              }
              void close(Duration timeout) throws InterruptedException {
                pool.shutdown();
                ticker.interrupt();
                pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
                ticker.join(timeout.toMillis());
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_threadJoinKeepsTheDeadline() {
    refactoring
        .addInputLines(
            "Poller.java",
            """
            import java.util.concurrent.TimeUnit;
            class Poller {
              private final Thread worker = new Thread(() -> System.out.println("poll"));
              Poller() {
                worker.start();
              }
              void stop(long timeout, TimeUnit unit) throws InterruptedException {
                worker.interrupt();
              }
            }
            """)
        .addOutputLines(
            "Poller.java",
            """
            import java.util.concurrent.TimeUnit;
            class Poller {
              private final Thread worker = new Thread(() -> System.out.println("poll"));
              Poller() {
                worker.start();
              }
              void stop(long timeout, TimeUnit unit) throws InterruptedException {
                worker.interrupt();
                unit.timedJoin(worker, timeout);
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_keepsADeadlineWhoseNameGivesItsUnit() {
    // shutdownHelper(.., long timeoutMs) is given its caller's close(timeout): the waits keep it,
    // in the unit the name says; timedJoin, since a deadline already past is 0 or less.
    refactoring
        .addInputLines(
            "Streams.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Streams {
              private final ExecutorService cleaner = Executors.newSingleThreadExecutor();
              private final Thread flusher = new Thread(() -> System.out.println("flush"));
              Streams() {
                cleaner.execute(() -> System.out.println("clean"));
                flusher.start();
              }
              private void shutdownHelper(boolean error, long timeoutMs) {
                cleaner.shutdownNow();
              }
              void stop(int graceSeconds) throws InterruptedException {
                flusher.interrupt();
              }
            }
            """)
        .addOutputLines(
            "Streams.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Streams {
              private final ExecutorService cleaner = Executors.newSingleThreadExecutor();
              private final Thread flusher = new Thread(() -> System.out.println("flush"));
              Streams() {
                cleaner.execute(() -> System.out.println("clean"));
                flusher.start();
              }
              private void shutdownHelper(boolean error, long timeoutMs) {
                cleaner.shutdownNow();
                try {
                  cleaner.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              void stop(int graceSeconds) throws InterruptedException {
                flusher.interrupt();
                TimeUnit.SECONDS.timedJoin(flusher, graceSeconds);
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_keepsWhatRemainsOfADeadlineComputedFromTheTimeout() {
    // The stop already spent part of its time on the first pool: the second wait gets what is
    // left of it, not the whole timeout again.
    refactoring
        .addInputLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Server {
              private final ExecutorService acceptors = Executors.newFixedThreadPool(2);
              private final ExecutorService workers = Executors.newFixedThreadPool(2);
              Server() {
                acceptors.execute(() -> System.out.println("accept"));
                workers.execute(() -> System.out.println("work"));
              }
              void stop(long timeout, TimeUnit unit) throws InterruptedException {
                long deadline = System.nanoTime() + unit.toNanos(timeout);
                acceptors.shutdown();
                if (!acceptors.awaitTermination(timeout, unit)) {
                  return;
                }
                workers.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Server.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Server {
              private final ExecutorService acceptors = Executors.newFixedThreadPool(2);
              private final ExecutorService workers = Executors.newFixedThreadPool(2);
              Server() {
                acceptors.execute(() -> System.out.println("accept"));
                workers.execute(() -> System.out.println("work"));
              }
              void stop(long timeout, TimeUnit unit) throws InterruptedException {
                long deadline = System.nanoTime() + unit.toNanos(timeout);
                acceptors.shutdown();
                if (!acceptors.awaitTermination(timeout, unit)) {
                  return;
                }
                workers.shutdownNow();
                workers.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
              }
            }
            """)
        .doTest();
  }

  private static final String DEADLINES_WITHOUT_A_UNIT =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Client {
        private final ExecutorService pool = Executors.newFixedThreadPool(2);
        private final ExecutorService timer = Executors.newSingleThreadExecutor();
        Client() {
          pool.execute(() -> System.out.println("work"));
          timer.execute(() -> System.out.println("tick"));
        }
        void close(long timeout) {
          // BUG: Diagnostic contains: close() returns
          pool.shutdownNow();
        }
        void stop(long deadline) {
          // BUG: Diagnostic contains: stop() returns
          timer.shutdownNow();
        }
      }
      """;

  @Test
  void fix_noneWhereTheDeadlineHasNoUnit() {
    // The caller bounded the stop in a unit nothing here names: an unbounded close() would ignore
    // the bound, and a timed wait cannot keep it.
    helper.addSourceLines("Client.java", DEADLINES_WITHOUT_A_UNIT).doTest();
    refactoring.addInputLines("Client.java", DEADLINES_WITHOUT_A_UNIT).expectUnchanged().doTest();
  }

  @Test
  void fix_closeWhereTheNumberIsNoTimeout() {
    // A number that names no timeout (a retry count, a delay being scheduled) is no deadline.
    refactoring
        .addInputLines(
            "Client.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Client {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              Client() {
                pool.execute(() -> System.out.println("work"));
              }
              void close(long retries, long delayMs) {
                pool.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Client.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Client {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              Client() {
                pool.execute(() -> System.out.println("work"));
              }
              void close(long retries, long delayMs) {
                pool.shutdownNow();
                pool.close();
              }
            }
            """)
        .doTest();
  }

  /** A task class of another file: the file that submits it cannot see what it runs. */
  private static final String SCHEDULED_TASK =
      """
      class ScheduledTask implements Runnable {
        private final Runnable action;
        ScheduledTask(Runnable action) {
          this.action = action;
        }
        @Override
        public void run() {
          action.run();
        }
      }
      """;

  private static final String WORKER_RUNS_WRAPPED_CODE_FROM_OUTSIDE =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.function.UnaryOperator;
      class Worker {
        private final ExecutorService executor = Executors.newSingleThreadExecutor();
        private final UnaryOperator<Runnable> hook = UnaryOperator.identity();
        public void schedule(Runnable run) {
          Runnable decorated = hook.apply(run);
          ScheduledTask task = new ScheduledTask(decorated);
          executor.execute(task);
        }
        public void dispose() {
          // BUG: Diagnostic contains: dispose() returns
          executor.shutdownNow();
        }
      }
      """;

  @Test
  void fix_noWaitForAPoolThatRunsWrappedCodeHandedInFromOutside() {
    // schedule(run) wraps its caller's code in a task object: any of it may dispose of the worker
    // (an operator disposing its worker when it completes), on the pool's own thread.
    helper
        .addSourceLines("ScheduledTask.java", SCHEDULED_TASK)
        .addSourceLines("Worker.java", WORKER_RUNS_WRAPPED_CODE_FROM_OUTSIDE)
        .doTest();
    refactoring
        .addInputLines("ScheduledTask.java", SCHEDULED_TASK)
        .expectUnchanged()
        .addInputLines("Worker.java", WORKER_RUNS_WRAPPED_CODE_FROM_OUTSIDE)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitForAPoolThatRunsWrappedCodeOfItsOwn() {
    // The task object wraps the file's own code: nothing from outside runs on the pool.
    refactoring
        .addInputLines("ScheduledTask.java", SCHEDULED_TASK)
        .expectUnchanged()
        .addInputLines(
            "Worker.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Worker {
              private final ExecutorService executor = Executors.newSingleThreadExecutor();
              public void start(int rounds) {
                Runnable tick = () -> System.out.println(rounds);
                executor.execute(new ScheduledTask(tick));
              }
              public void dispose() {
                executor.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Worker.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Worker {
              private final ExecutorService executor = Executors.newSingleThreadExecutor();
              public void start(int rounds) {
                Runnable tick = () -> System.out.println(rounds);
                executor.execute(new ScheduledTask(tick));
              }
              public void dispose() {
                executor.shutdownNow();
                executor.close();
              }
            }
            """)
        .doTest();
  }

  private static final String POOL_HANDED_OUT_BY_A_GETTER =
      """
      import java.util.concurrent.ExecutorService;
      class WorkerPool {
        private final ExecutorService executor;
        WorkerPool(ExecutorService executor) {
          this.executor = executor;
          executor.execute(() -> System.out.println("warm up"));
        }
        public ExecutorService executor() {
          return executor;
        }
        public void close() {
          // BUG: Diagnostic contains: close() returns
          executor.shutdownNow();
        }
      }
      """;

  @Test
  void fix_noWaitForAPoolHandedOutByAGetter() {
    // Whoever gets the pool runs on it what they choose, and that may close it (a close sequence
    // run in a completion callback on one of its threads).
    helper.addSourceLines("WorkerPool.java", POOL_HANDED_OUT_BY_A_GETTER).doTest();
    refactoring
        .addInputLines("WorkerPool.java", POOL_HANDED_OUT_BY_A_GETTER)
        .expectUnchanged()
        .doTest();
  }

  /** A scheduler of another file, which runs on the pool it is given whatever it is handed. */
  private static final String TASK_SCHEDULER =
      """
      import java.util.concurrent.ScheduledExecutorService;
      class TaskScheduler {
        private final ScheduledExecutorService executor;
        TaskScheduler(ScheduledExecutorService executor) {
          this.executor = executor;
        }
        void schedule(Runnable task) {
          executor.execute(task);
        }
      }
      """;

  private static final String POOL_HANDED_TO_A_SCHEDULER =
      """
      import java.util.concurrent.Executors;
      import java.util.concurrent.ScheduledExecutorService;
      class Router {
        private volatile ScheduledExecutorService localExecutor;
        TaskScheduler createDefaultScheduler() {
          ScheduledExecutorService localExecutor = Executors.newSingleThreadScheduledExecutor();
          this.localExecutor = localExecutor;
          localExecutor.execute(() -> System.out.println("started"));
          return new TaskScheduler(localExecutor);
        }
        public void destroy() {
          ScheduledExecutorService localExecutor = this.localExecutor;
          if (localExecutor != null) {
            // BUG: Diagnostic contains: destroy() returns
            localExecutor.shutdownNow();
          }
        }
      }
      """;

  @Test
  void fix_noWaitForAPoolHandedToOtherCode() {
    // The pool goes to a scheduler that runs on it tasks this file cannot see; one of them may
    // close the application, which destroys the router on that very thread.
    helper
        .addSourceLines("TaskScheduler.java", TASK_SCHEDULER)
        .addSourceLines("Router.java", POOL_HANDED_TO_A_SCHEDULER)
        .doTest();
    refactoring
        .addInputLines("TaskScheduler.java", TASK_SCHEDULER)
        .expectUnchanged()
        .addInputLines("Router.java", POOL_HANDED_TO_A_SCHEDULER)
        .expectUnchanged()
        .doTest();
  }

  /** A class of another file, compiled with the pool's, that schedules only its own tasks. */
  private static final String LEAK_TASK_FACTORY =
      """
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.TimeUnit;
      class LeakTaskFactory {
        private final ScheduledExecutorService executor;
        LeakTaskFactory(ScheduledExecutorService executor) {
          this.executor = executor;
        }
        void watch(String connection) {
          executor.schedule(() -> System.out.println(connection), 10, TimeUnit.SECONDS);
        }
      }
      """;

  @Test
  void fix_waitForAPoolHandedToAClassThatRunsOnlyItsOwnTasks() {
    // The class the pool goes to is compiled here and takes no code from anyone: what runs on the
    // pool is still only this library's own tasks.
    refactoring
        .addInputLines("LeakTaskFactory.java", LEAK_TASK_FACTORY)
        .expectUnchanged()
        .addInputLines(
            "Pool.java",
            """
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            class Pool {
              private final ScheduledExecutorService houseKeeper =
                  Executors.newSingleThreadScheduledExecutor();
              private final LeakTaskFactory leaks = new LeakTaskFactory(houseKeeper);
              Pool() {
                houseKeeper.execute(() -> System.out.println("housekeeping"));
              }
              public void shutdown() {
                houseKeeper.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Pool.java",
            """
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            class Pool {
              private final ScheduledExecutorService houseKeeper =
                  Executors.newSingleThreadScheduledExecutor();
              private final LeakTaskFactory leaks = new LeakTaskFactory(houseKeeper);
              Pool() {
                houseKeeper.execute(() -> System.out.println("housekeeping"));
              }
              public void shutdown() {
                houseKeeper.shutdownNow();
                houseKeeper.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_waitForAPoolHandedOnlyToThePlatformOrThisFileOrAPrivateGetter() {
    refactoring
        .addInputLines(
            "Router.java",
            """
            import java.util.Objects;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Router {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              Router() {
                Objects.requireNonNull(pool);
                startOn(pool);
              }
              private static void startOn(ExecutorService executor) {
                executor.execute(() -> System.out.println("started"));
              }
              private ExecutorService pool() {
                return pool;
              }
              public void destroy() {
                pool.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Router.java",
            """
            import java.util.Objects;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Router {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              Router() {
                Objects.requireNonNull(pool);
                startOn(pool);
              }
              private static void startOn(ExecutorService executor) {
                executor.execute(() -> System.out.println("started"));
              }
              private ExecutorService pool() {
                return pool;
              }
              public void destroy() {
                pool.shutdownNow();
                pool.close();
              }
            }
            """)
        .doTest();
  }

  private static final String SCHEDULER_KEEPS_DELAYED_TASKS =
      """
      import java.util.concurrent.Executors;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.TimeUnit;
      class Monitor {
        private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1);
        void watch(long maxRunTime) {
          executor.schedule(() -> System.out.println("late"), maxRunTime, TimeUnit.MILLISECONDS);
        }
        void shutdown() {
          // BUG: Diagnostic contains: executor.shutdown()
          executor.shutdown();
        }
      }
      """;

  @Test
  void fix_noWaitForAPoolThatRunsTasksHandedInFromOutside() {
    // fireEvent(..) runs whatever its callers hand it on the pool: one of those events may well
    // be what destroys the filter, and a wait there would wait for its own thread.
    refactoring
        .addInputLines(
            "EventFilter.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class EventFilter {
              private final ExecutorService executor = Executors.newFixedThreadPool(2);
              protected void fireEvent(Runnable event) {
                executor.execute(event);
              }
              public void destroy() {
                executor.shutdown();
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitForAPoolThatRunsOnlyItsOwnTasks() {
    // The same pool fed only by the class's own code (a private helper, a lambda): its stop gets
    // the wait.
    refactoring
        .addInputLines(
            "EventFilter.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class EventFilter {
              private final ExecutorService executor = Executors.newFixedThreadPool(2);
              public void fire(String name) {
                fireEvent(() -> System.out.println(name));
              }
              private void fireEvent(Runnable event) {
                executor.execute(event);
              }
              public void destroy() {
                executor.shutdown();
              }
            }
            """)
        .addOutputLines(
            "EventFilter.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class EventFilter {
              private final ExecutorService executor = Executors.newFixedThreadPool(2);
              public void fire(String name) {
                fireEvent(() -> System.out.println(name));
              }
              private void fireEvent(Runnable event) {
                executor.execute(event);
              }
              public void destroy() {
                executor.shutdown();
                executor.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_noWaitForASchedulerWhoseDelayedTasksStillRun() {
    // After shutdown() the checks scheduled with a delay still run when due: a wait inserted here
    // would hold the stop until the last of them.
    helper.addSourceLines("Monitor.java", SCHEDULER_KEEPS_DELAYED_TASKS).doTest();
    refactoring
        .addInputLines("Monitor.java", SCHEDULER_KEEPS_DELAYED_TASKS.replace("// BUG: ", "// "))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitForASchedulerStoppedNow() {
    // shutdownNow() drops the delayed tasks: the wait is for the running one only.
    refactoring
        .addInputLines(
            "Monitor.java",
            """
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            class Monitor {
              private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1);
              void watch(long maxRunTime) {
                executor.schedule(() -> System.out.println("late"), maxRunTime, TimeUnit.MILLISECONDS);
              }
              void shutdown() {
                executor.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Monitor.java",
            """
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            class Monitor {
              private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1);
              void watch(long maxRunTime) {
                executor.schedule(() -> System.out.println("late"), maxRunTime, TimeUnit.MILLISECONDS);
              }
              void shutdown() {
                executor.shutdownNow();
                executor.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_waitForASchedulerThatDropsDelayedTasksOnShutdown() {
    refactoring
        .addInputLines(
            "Monitor.java",
            """
            import java.util.concurrent.ScheduledThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            class Monitor {
              private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
              Monitor() {
                executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
              }
              void watch(long maxRunTime) {
                executor.schedule(() -> System.out.println("late"), maxRunTime, TimeUnit.MILLISECONDS);
              }
              void shutdown() {
                executor.shutdown();
              }
            }
            """)
        .addOutputLines(
            "Monitor.java",
            """
            import java.util.concurrent.ScheduledThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            class Monitor {
              private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
              Monitor() {
                executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
              }
              void watch(long maxRunTime) {
                executor.schedule(() -> System.out.println("late"), maxRunTime, TimeUnit.MILLISECONDS);
              }
              void shutdown() {
                executor.shutdown();
                executor.close();
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------- where the inserted wait goes, and where none

  @Test
  void fix_waitsAfterTheRestOfTheStop() {
    // The listener is blocked in accept(), which only terminate() (closing its socket) ends: a wait
    // right after shutdownNow() would wait forever. The log line stays after the wait.
    refactoring
        .addInputLines(
            "HttpServer.java",
            """
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class HttpServer {
              private final ExecutorService listener = Executors.newSingleThreadExecutor();
              private final ExecutorService workers = Executors.newCachedThreadPool();
              interface RequestListener extends Runnable {
                void terminate() throws IOException;
              }
              private final ThreadGroup workerThreads = new ThreadGroup("workers");
              private RequestListener requestListener;
              void start(RequestListener acceptingOnASocket) {
                requestListener = acceptingOnASocket;
                listener.execute(requestListener);
              }
              void stop() {
                listener.shutdownNow();
                final RequestListener local = requestListener;
                try {
                  local.terminate();
                } catch (IOException e) {
                  System.err.println(e);
                }
                workerThreads.interrupt();
                System.out.println("stopped");
              }
            }
            """)
        .addOutputLines(
            "HttpServer.java",
            """
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class HttpServer {
              private final ExecutorService listener = Executors.newSingleThreadExecutor();
              private final ExecutorService workers = Executors.newCachedThreadPool();
              interface RequestListener extends Runnable {
                void terminate() throws IOException;
              }
              private final ThreadGroup workerThreads = new ThreadGroup("workers");
              private RequestListener requestListener;
              void start(RequestListener acceptingOnASocket) {
                requestListener = acceptingOnASocket;
                listener.execute(requestListener);
              }
              void stop() {
                listener.shutdownNow();
                final RequestListener local = requestListener;
                try {
                  local.terminate();
                } catch (IOException e) {
                  System.err.println(e);
                }
                workerThreads.interrupt();
                listener.close();
                System.out.println("stopped");
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_waitsRightAfterTheCancelWhereTheRestMayReturnEarly() {
    // The wait after the socket's close would be skipped on the early return: it stays right after
    // the cancel.
    refactoring
        .addInputLines(
            "Acceptor.java",
            """
            import java.io.IOException;
            import java.net.ServerSocket;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Acceptor {
              private final ExecutorService listener = Executors.newSingleThreadExecutor();
              private ServerSocket socket;
              void start() throws IOException {
                socket = new ServerSocket(0);
                listener.execute(() -> System.out.println(socket));
              }
              void stop() throws IOException {
                listener.shutdownNow();
                if (socket == null) {
                  return;
                }
                socket.close();
              }
            }
            """)
        .addOutputLines(
            "Acceptor.java",
            """
            import java.io.IOException;
            import java.net.ServerSocket;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Acceptor {
              private final ExecutorService listener = Executors.newSingleThreadExecutor();
              private ServerSocket socket;
              void start() throws IOException {
                socket = new ServerSocket(0);
                listener.execute(() -> System.out.println(socket));
              }
              void stop() throws IOException {
                listener.shutdownNow();
                listener.close();
                if (socket == null) {
                  return;
                }
                socket.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_noThrowInACloseWithCleanupStillToCome() {
    // Throwing when the timed wait runs out would skip closing the tracker and the client.
    refactoring
        .addInputLines(
            "Framework.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Framework implements Closeable {
              interface Client extends Closeable { void send(String op); }
              private final ExecutorService background = Executors.newSingleThreadExecutor();
              private final Closeable tracker;
              private final Client client;
              Framework(Closeable tracker, Client client) {
                this.tracker = tracker;
                this.client = client;
                background.execute(() -> client.send("op"));
              }
              @Override
              public void close() throws IOException {
                background.shutdownNow();
                try {
                  background.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                tracker.close();
                client.close();
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_checksTheWaitAtTheEndOfAClose() {
    // Only a read of the results comes after the wait: failing there skips no cleanup.
    refactoring
        .addInputLines(
            "Framework.java",
            """
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Framework {
              private final ExecutorService background = Executors.newSingleThreadExecutor();
              private final StringBuilder log = new StringBuilder();
              Framework() {
                background.execute(() -> log.append("op"));
              }
              String shutdown() throws IOException {
                background.shutdownNow();
                try {
                  background.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
                return log.toString();
              }
            }
            """)
        .addOutputLines(
            "Framework.java",
            """
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Framework {
              private final ExecutorService background = Executors.newSingleThreadExecutor();
              private final StringBuilder log = new StringBuilder();
              Framework() {
                background.execute(() -> log.append("op"));
              }
              String shutdown() throws IOException {
                background.shutdownNow();
                try {
                  if (!background.awaitTermination(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("background did not terminate in time");
                  }
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
                return log.toString();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_noTimedWaitThatThrowsBeforeTheRestOfAStop() {
    // On release 17 the wait is a timed awaitTermination that throws on time-out: in stop() it
    // would skip closing the database.
    refactoring
        .addInputLines(
            "Importer.java",
            """
            import java.io.Closeable;
            import java.util.concurrent.ExecutorService;
            class Importer {
              void stop(ExecutorService pool, Closeable db) throws Exception {
                pool.execute(() -> System.out.println(db));
                pool.shutdownNow();
                db.close();
              }
            }
            """)
        .expectUnchanged()
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void fix_noWaitInAStopTheWorkItselfReaches() {
    // A write task that fails closes the connection: a wait in close() would wait for itself.
    refactoring
        .addInputLines(
            "Connection.java",
            """
            import java.io.IOException;
            import java.io.OutputStream;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Connection {
              private final ExecutorService writer = Executors.newSingleThreadExecutor();
              private final OutputStream out;
              Connection(OutputStream out) {
                this.out = out;
              }
              void writeLater(int b) {
                writer.execute(
                    new Runnable() {
                      @Override
                      public void run() {
                        try {
                          out.write(b);
                        } catch (IOException e) {
                          failConnection();
                        }
                      }
                    });
              }
              private void failConnection() {
                close();
              }
              void close() {
                writer.shutdown();
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitInAStopTheWorkDoesNotReach() {
    refactoring
        .addInputLines(
            "Connection.java",
            """
            import java.io.IOException;
            import java.io.OutputStream;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Connection {
              private final ExecutorService writer = Executors.newSingleThreadExecutor();
              private final OutputStream out;
              Connection(OutputStream out) {
                this.out = out;
              }
              void writeLater(int b) {
                writer.execute(
                    new Runnable() {
                      @Override
                      public void run() {
                        try {
                          out.write(b);
                        } catch (IOException e) {
                          failed(e);
                        }
                      }
                    });
              }
              private void failed(IOException e) {
                System.err.println(e);
              }
              void close() {
                writer.shutdown();
              }
            }
            """)
        .addOutputLines(
            "Connection.java",
            """
            import java.io.IOException;
            import java.io.OutputStream;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Connection {
              private final ExecutorService writer = Executors.newSingleThreadExecutor();
              private final OutputStream out;
              Connection(OutputStream out) {
                this.out = out;
              }
              void writeLater(int b) {
                writer.execute(
                    new Runnable() {
                      @Override
                      public void run() {
                        try {
                          out.write(b);
                        } catch (IOException e) {
                          failed(e);
                        }
                      }
                    });
              }
              private void failed(IOException e) {
                System.err.println(e);
              }
              void close() {
                writer.shutdown();
                writer.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_noWaitWhereTheWorkRunsListenersFromOutside() {
    // A listener that closes the manager when the connection is lost runs on this very executor:
    // a wait in close() would wait for itself.
    refactoring
        .addInputLines(
            "StateManager.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CopyOnWriteArrayList;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class StateManager {
              interface StateListener {
                void stateChanged(String state);
              }
              private final ExecutorService service = Executors.newSingleThreadExecutor();
              private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
              void addListener(StateListener listener) {
                listeners.add(listener);
              }
              void start() {
                service.submit(
                    new Callable<Object>() {
                      @Override
                      public Object call() {
                        processEvents();
                        return null;
                      }
                    });
              }
              private void processEvents() {
                listeners.forEach(listener -> listener.stateChanged("LOST"));
              }
              void close() {
                service.shutdownNow();
                listeners.clear();
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitWhereTheWorkOnlyCallsBackIntoThisFile() {
    // The Consumer the task calls is a lambda of this file, passed by the task itself; a
    // Comparator's default method is no callback either.
    String collector =
        """
        import java.util.Comparator;
        import java.util.Map;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.Executors;
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.TimeUnit;
        import java.util.function.Consumer;
        class Collector {
          private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
          private final Map<String, Integer> counts = new ConcurrentHashMap<>();
          void start() {
            scheduler.scheduleWithFixedDelay(
                () -> logTop(entry -> System.out.println(entry)), 1, 1, TimeUnit.MINUTES);
          }
          private void logTop(Consumer<Map.Entry<String, Integer>> output) {
            counts.entrySet().stream()
                .sorted(Comparator.comparing(Map.Entry<String, Integer>::getValue).reversed())
                .forEach(entry -> output.accept(entry));
          }
          void shutdown() {
            scheduler.shutdownNow();
          }
        }
        """;
    refactoring
        .addInputLines("Collector.java", collector)
        .addOutputLines(
            "Collector.java",
            collector.replace(
                "    scheduler.shutdownNow();\n",
                "    scheduler.shutdownNow();\n    scheduler.close();\n"))
        .doTest();
  }

  private static final String POLLING_WATCHER =
      """
      import java.util.List;
      import java.util.concurrent.CopyOnWriteArrayList;
      import java.util.function.Consumer;
      class PollingWatcher implements Runnable {
        interface ChangeCallback {
          void handleChanges(List<String> changes);
        }
        private final List<ChangeCallback> callbacks = new CopyOnWriteArrayList<>();
        private final Thread watchThread = new Thread(this);
        private volatile boolean stopped;
        PollingWatcher() {
          watchThread.start();
        }
        void watch(ChangeCallback callback) {
          callbacks.add(callback);
        }
        @Override
        public void run() {
          while (!stopped) {
            try {
              notifyCallbacks();
              Thread.sleep(1000);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
        private void notifyCallbacks() {
          for (ChangeCallback callback : callbacks) {
            %s
          }
        }
        static void invoke(ChangeCallback callback, List<String> changes) {
          try {
            callback.handleChanges(changes);
          } catch (RuntimeException e) {
            System.err.println(e);
          }
        }
        public void close() {
          stopped = true;
          watchThread.interrupt();
        }
      }
      """;

  @Test
  void fix_noJoinWhereTheThreadCallsListenersThroughAHelper() {
    // The thread hands each registered callback to a helper that calls it: a callback that closes
    // the watcher runs on watchThread, and a join in close() would wait for itself.
    refactoring
        .addInputLines(
            "PollingWatcher.java", POLLING_WATCHER.formatted("invoke(callback, List.of());"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_joinWhereTheHelperOnlyGetsTheThreadsOwnCode() {
    // The helper is handed a lambda of the thread's own: no callback from outside.
    String source =
        POLLING_WATCHER.formatted(
            "invoke(changes -> System.out.println(changes), List.of(callback.toString()));");
    refactoring
        .addInputLines("PollingWatcher.java", source)
        .addOutputLines(
            "PollingWatcher.java",
            source.replace(
                "    watchThread.interrupt();\n",
                """
                    watchThread.interrupt();
                    try {
                      watchThread.join();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                """))
        .doTest();
  }

  private static final String AGENT_PROXY =
      """
      import java.util.concurrent.ExecutorService;
      abstract class AgentProxy implements AutoCloseable {
        private final ExecutorService executor;
        protected AgentProxy(ExecutorService executor) {
          this.executor = executor;
        }
        protected ExecutorService executor() {
          return executor;
        }
        @Override
        public void close() {
          ExecutorService service = executor();
          if (!service.isShutdown()) {
            service.shutdownNow();
          }
        }
      }
      """;

  private static final String AGENT_CLIENT =
      """
      import java.util.concurrent.Executors;
      class AgentClient extends AgentProxy implements Runnable {
        AgentClient() {
          super(Executors.newSingleThreadExecutor());
          executor().submit(this);
        }
        @Override
        public void run() {
          try {
            System.out.println("pumping");
          } finally {
            %s
          }
        }
        @Override
        public void close() {
          System.out.println("closing");
          super.close();
        }
      }
      """;

  @Test
  void fix_noWaitWhereASubclassTaskClosesItself() {
    // AgentClient's pump runs on the executor and closes the client in its finally: a wait in
    // AgentProxy.close() would wait for the pump's own thread.
    refactoring
        .addInputLines("AgentProxy.java", AGENT_PROXY)
        .expectUnchanged()
        .addInputLines("AgentClient.java", AGENT_CLIENT.formatted("close();"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitWhereNoSubclassTaskReachesTheStop() {
    refactoring
        .addInputLines("AgentProxy.java", AGENT_PROXY)
        .addOutputLines(
            "AgentProxy.java",
            AGENT_PROXY.replace(
                "      service.shutdownNow();\n",
                "      service.shutdownNow();\n      service.close();\n"))
        .addInputLines(
            "AgentClient.java", AGENT_CLIENT.formatted("System.out.println(\"pumped\");"))
        .expectUnchanged()
        .doTest();
  }

  private static final String SHELL =
      """
      import java.io.BufferedReader;
      import java.io.IOException;
      import java.util.List;
      class Shell {
        void run(
            BufferedReader errReader, BufferedReader inReader, List<String> lines, Process process)
            throws IOException {
          Thread errThread =
              new Thread() {
                @Override
                public void run() {
                  try {
                    String line = %s.readLine();
                    while (line != null) {
                      lines.add(line);
                      line = %s.readLine();
                    }
                  } catch (IOException e) {
                    System.err.println(e);
                  }
                }
              };
          errThread.start();
          try {
            System.out.println(inReader.readLine());
          } finally {
            errThread.interrupt();
            errReader.close();
            lines.clear();
            process.destroy();
          }
        }
      }
      """;

  @Test
  void fix_noWaitWhereTheWorkBlocksReadingWhatIsReleasedNext() {
    // readLine() does not end on an interrupt: a join before errReader.close() waits as long as
    // the process runs, and one after it comes too late.
    refactoring
        .addInputLines("Shell.java", SHELL.formatted("errReader", "errReader"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_joinWhereTheWorkReadsSomethingElse() {
    // The thread blocks on inReader, which stays open: the join waits after the rest of the stop,
    // before the list it fills is cleared.
    String source = SHELL.formatted("inReader", "inReader");
    refactoring
        .addInputLines("Shell.java", source)
        .addOutputLines(
            "Shell.java",
            source.replace(
                "      errReader.close();\n",
                "      errReader.close();\n"
                    + "      try {\n"
                    + "        errThread.join();\n"
                    + "      } catch (InterruptedException ie) {\n"
                    + "        Thread.currentThread().interrupt();\n"
                    + "      }\n"))
        .doTest();
  }

  private static final String WATCHER =
      """
      class Watcher {
        enum State { RUNNING, STOPPED }
        private State state = State.RUNNING;
        private final Thread watcherThread =
            new Thread(
                () -> {
                  try {
                    System.out.println("watching");
                  } finally {
                    setState(State.STOPPED);
                  }
                });
        void start() {
          watcherThread.start();
        }
        private synchronized void setState(State newState) {
          state = newState;
          notifyAll();
        }
      %s
        /** Tells the thread to stop. Does not wait for it to exit. */
        public void stop() {
          watcherThread.interrupt();
        }
      }
      """;

  @Test
  void fix_noWaitInAStopWhoseClassOffersItsOwnWait() {
    String source =
        WATCHER.formatted(
            """
              synchronized void waitForState(State desired) throws InterruptedException {
                while (state != desired) {
                  wait();
                }
              }
            """);
    refactoring.addInputLines("Watcher.java", source).expectUnchanged().doTest();
  }

  @Test
  void fix_joinInAStopWhoseClassOffersNoWait() {
    refactoring
        .addInputLines("Watcher.java", WATCHER.formatted(""))
        .addOutputLines(
            "Watcher.java",
            WATCHER
                .formatted("")
                .replace(
                    "    watcherThread.interrupt();\n",
                    """
                          watcherThread.interrupt();
                          try {
                            watcherThread.join();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                    """))
        .doTest();
  }

  private static final String POOL =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.TimeUnit;
      class Pool {
        private final ExecutorService adder = Executors.newSingleThreadExecutor();
        private final ExecutorService houseKeeper = Executors.newSingleThreadExecutor();
        Pool() {
          houseKeeper.execute(() -> System.out.println("evict"));
        }
        void shutdown() throws InterruptedException {
          adder.shutdown();
          %s
          destroyHouseKeeper();
        }
        private void destroyHouseKeeper() {
          houseKeeper.shutdownNow();
        }
      }
      """;

  @Test
  void fix_keepsTheBoundOfTheStopPath() {
    // shutdown() gives the adder 10 seconds at most: the housekeeper's wait gets the same bound,
    // not an unbounded close() that can hang the whole shutdown.
    String bounded = "if (!adder.awaitTermination(10L, TimeUnit.SECONDS)) { return; }";
    refactoring
        .addInputLines("Pool.java", POOL.formatted(bounded))
        .addOutputLines(
            "Pool.java",
            POOL.formatted(bounded)
                .replace(
                    "    houseKeeper.shutdownNow();\n",
                    """
                        houseKeeper.shutdownNow();
                        try {
                          houseKeeper.awaitTermination(10L, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                    """))
        .doTest();
  }

  @Test
  void fix_closeWhereTheStopPathWaitsWithoutABound() {
    String unbounded = "adder.close();";
    refactoring
        .addInputLines("Pool.java", POOL.formatted(unbounded))
        .addOutputLines(
            "Pool.java",
            POOL.formatted(unbounded)
                .replace(
                    "    houseKeeper.shutdownNow();\n",
                    """
                        houseKeeper.shutdownNow();
                        houseKeeper.close();
                    """))
        .doTest();
  }

  private static final String BASE_POOL =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class BasePool {
        private final ExecutorService houseKeeper = Executors.newSingleThreadExecutor();
        BasePool() {
          houseKeeper.execute(() -> System.out.println("evict"));
        }
        void destroyHouseKeeper() {
          houseKeeper.shutdownNow();
        }
      }
      """;

  private static final String SUBCLASS_POOL =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import static java.util.concurrent.TimeUnit.SECONDS;
      class Pool extends BasePool {
        private final ExecutorService adder = Executors.newSingleThreadExecutor();
        void shutdown() throws InterruptedException {
          adder.shutdown();
          %s
          destroyHouseKeeper();
        }
      }
      """;

  @Test
  void fix_noneWhereASubclassCallerBoundsItsWaits() {
    // Pool.shutdown() gives the adder 10 seconds at most, in its own terms (a static import this
    // file lacks): an unbounded close() in the base class would break that bound.
    refactoring
        .addInputLines(
            "Pool.java",
            SUBCLASS_POOL.formatted("if (!adder.awaitTermination(10L, SECONDS)) { return; }"))
        .expectUnchanged()
        .addInputLines("BasePool.java", BASE_POOL)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_closeWhereTheSubclassCallerWaitsWithoutABound() {
    refactoring
        .addInputLines("Pool.java", SUBCLASS_POOL.formatted("adder.close();"))
        .expectUnchanged()
        .addInputLines("BasePool.java", BASE_POOL)
        .addOutputLines(
            "BasePool.java",
            BASE_POOL.replace(
                "    houseKeeper.shutdownNow();\n",
                """
                    houseKeeper.shutdownNow();
                    houseKeeper.close();
                """))
        .doTest();
  }

  private static final String STOP_THAT_RUNS_ON_ITS_WORKER_TOO =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.Future;
      class Command {
        private final ExecutorService runner = Executors.newSingleThreadExecutor();
        private volatile Thread runnerThread;
        private Future<?> running;
        void start() {
          running = runner.submit(() -> {
            runnerThread = Thread.currentThread();
            System.out.println("running");
          });
        }
        void destroy() {
          if (running != null && runnerThread != Thread.currentThread()) {
            running.cancel(true);
          }
          // BUG: Diagnostic contains: destroy() returns
          runner.shutdownNow();
        }
      }
      """;

  @Test
  void fix_noWaitWhereTheStopAsksIfItRunsOnItsWorker() {
    helper.addSourceLines("Command.java", STOP_THAT_RUNS_ON_ITS_WORKER_TOO).doTest();
    refactoring
        .addInputLines("Command.java", STOP_THAT_RUNS_ON_ITS_WORKER_TOO)
        .expectUnchanged()
        .doTest();
  }

  private static final String ASYNCHRONOUS_STOP =
      """
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Connector {
        private final ExecutorService acceptors = Executors.newFixedThreadPool(2);
        Connector() {
          acceptors.execute(() -> System.out.println("accepting"));
        }
        CompletableFuture<Void> shutdown() {
          // BUG: Diagnostic contains: shutdown() returns
          acceptors.shutdownNow();
          return CompletableFuture.completedFuture(null);
        }
      }
      """;

  @Test
  void fix_noBlockingWaitInAStopThatReturnsAFuture() {
    helper.addSourceLines("Connector.java", ASYNCHRONOUS_STOP).doTest();
    refactoring.addInputLines("Connector.java", ASYNCHRONOUS_STOP).expectUnchanged().doTest();
  }

  private static final String PUBLISHER_STOP =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.Flow;
      import java.util.concurrent.SubmissionPublisher;
      class Connector {
        private final ExecutorService acceptors = Executors.newFixedThreadPool(2);
        Connector() {
          acceptors.execute(() -> System.out.println("accepting"));
        }
        Flow.Publisher<Void> shutdown() {
          // BUG: Diagnostic contains: shutdown() returns
          acceptors.shutdownNow();
          return new SubmissionPublisher<>();
        }
      }
      """;

  @Test
  void fix_noBlockingWaitInAStopThatReturnsAPublisher() {
    helper.addSourceLines("Connector.java", PUBLISHER_STOP).doTest();
    refactoring.addInputLines("Connector.java", PUBLISHER_STOP).expectUnchanged().doTest();
  }

  @Test
  void fix_waitStillOfferedInASynchronousStopThatComparesNoThreads() {
    refactoring
        .addInputLines(
            "Command.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Command {
              private final ExecutorService runner = Executors.newSingleThreadExecutor();
              private volatile boolean done;
              void start() {
                runner.execute(() -> System.out.println("running"));
              }
              boolean destroy() {
                if (!done) {
                  runner.shutdownNow();
                }
                return done;
              }
            }
            """)
        .addOutputLines(
            "Command.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Command {
              private final ExecutorService runner = Executors.newSingleThreadExecutor();
              private volatile boolean done;
              void start() {
                runner.execute(() -> System.out.println("running"));
              }
              boolean destroy() {
                if (!done) {
                  runner.shutdownNow();
                  runner.close();
                }
                return done;
              }
            }
            """)
        .doTest();
  }

  private static final String SYNCHRONIZED_STOP_WHOSE_TASKS_TAKE_ITS_MONITOR =
      """
      import java.util.HashSet;
      import java.util.Set;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Runner {
        private final ExecutorService pool = Executors.newFixedThreadPool(2);
        private final Set<Runnable> active = new HashSet<>();
        synchronized void post(String message) {
          pool.execute(new Tracked(message));
        }
        synchronized void close() {
          // BUG: Diagnostic contains: close() returns
          pool.shutdownNow();
        }
        class Tracked implements Runnable {
          private final String message;
          Tracked(String message) {
            this.message = message;
          }
          @Override
          public void run() {
            synchronized (Runner.this) {
              active.add(this);
            }
            try {
              System.out.println(message);
            } finally {
              synchronized (Runner.this) {
                active.remove(this);
              }
            }
          }
        }
      }
      """;

  @Test
  void fix_noWaitInASynchronizedStopWhoseTasksTakeItsMonitor() {
    helper.addSourceLines("Runner.java", SYNCHRONIZED_STOP_WHOSE_TASKS_TAKE_ITS_MONITOR).doTest();
    refactoring
        .addInputLines("Runner.java", SYNCHRONIZED_STOP_WHOSE_TASKS_TAKE_ITS_MONITOR)
        .expectUnchanged()
        .doTest();
  }

  private static final String TASKS_CALL_A_SYNCHRONIZED_METHOD =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Runner {
        private final ExecutorService pool = Executors.newSingleThreadExecutor();
        private int done;
        void start() {
          pool.execute(this::work);
        }
        private void work() {
          System.out.println("working");
          finished();
        }
        private synchronized void finished() {
          done++;
        }
        void close() {
          synchronized (this) {
            // BUG: Diagnostic contains: close() returns
            pool.shutdown();
          }
        }
      }
      """;

  @Test
  void fix_noWaitWhereTheTasksCallASynchronizedMethodOfTheStopsClass() {
    helper.addSourceLines("Runner.java", TASKS_CALL_A_SYNCHRONIZED_METHOD).doTest();
    refactoring
        .addInputLines("Runner.java", TASKS_CALL_A_SYNCHRONIZED_METHOD)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitInASynchronizedStopWhoseTasksTakeNoLock() {
    refactoring
        .addInputLines(
            "Runner.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Runner {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final Object other = new Object();
              void start() {
                pool.execute(
                    () -> {
                      synchronized (other) {
                        System.out.println("working");
                      }
                    });
              }
              synchronized void close() {
                pool.shutdown();
              }
            }
            """)
        .addOutputLines(
            "Runner.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Runner {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final Object other = new Object();
              void start() {
                pool.execute(
                    () -> {
                      synchronized (other) {
                        System.out.println("working");
                      }
                    });
              }
              synchronized void close() {
                pool.shutdown();
                pool.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_noWaitUnderALockTheTasksTake() {
    refactoring
        .addInputLines(
            "Store.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.locks.ReentrantReadWriteLock;
            class Store {
              private final ExecutorService flusher = Executors.newSingleThreadExecutor();
              private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
              private final List<String> rows = new ArrayList<>();
              void flushLater() {
                flusher.execute(this::flush);
              }
              private void flush() {
                rw.readLock().lock();
                try {
                  System.out.println(rows);
                } finally {
                  rw.readLock().unlock();
                }
              }
              void stop() {
                rw.writeLock().lock();
                try {
                  flusher.shutdown();
                } finally {
                  rw.writeLock().unlock();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitOnceTheLockTheTasksTakeIsReleased() {
    refactoring
        .addInputLines(
            "Store.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.locks.ReentrantLock;
            class Store {
              private final ExecutorService flusher = Executors.newSingleThreadExecutor();
              private final ReentrantLock lock = new ReentrantLock();
              private final List<String> rows = new ArrayList<>();
              void flushLater() {
                flusher.execute(this::flush);
              }
              private void flush() {
                lock.lock();
                try {
                  System.out.println(rows);
                } finally {
                  lock.unlock();
                }
              }
              void stop() {
                lock.lock();
                try {
                  rows.clear();
                } finally {
                  lock.unlock();
                }
                flusher.shutdown();
              }
            }
            """)
        .addOutputLines(
            "Store.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.locks.ReentrantLock;
            class Store {
              private final ExecutorService flusher = Executors.newSingleThreadExecutor();
              private final ReentrantLock lock = new ReentrantLock();
              private final List<String> rows = new ArrayList<>();
              void flushLater() {
                flusher.execute(this::flush);
              }
              private void flush() {
                lock.lock();
                try {
                  System.out.println(rows);
                } finally {
                  lock.unlock();
                }
              }
              void stop() {
                lock.lock();
                try {
                  rows.clear();
                } finally {
                  lock.unlock();
                }
                flusher.shutdown();
                flusher.close();
              }
            }
            """)
        .doTest();
  }

  private static final String CLIENT =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Client implements Service {
        private final ExecutorService replies = Executors.newFixedThreadPool(2);
        void send(String request) {
          replies.execute(() -> System.out.println(request));
        }
        @Override
        public void shutdown() {
          replies.shutdown();
        }
      }
      """;

  private static final String CLIENT_WITH_WAIT =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Client implements Service {
        private final ExecutorService replies = Executors.newFixedThreadPool(2);
        void send(String request) {
          replies.execute(() -> System.out.println(request));
        }
        @Override
        public void shutdown() {
          replies.shutdown();
          replies.close();
        }
      }
      """;

  @Test
  void fix_noWaitInAStopACallerCallsHoldingALockItsCallbacksTake() {
    // Node.stop() holds the write lock around client.shutdown(); Node's timer task takes it.
    refactoring
        .addInputLines("Service.java", "interface Service {", "  void shutdown();", "}")
        .expectUnchanged()
        .addInputLines("Client.java", CLIENT)
        .expectUnchanged()
        .addInputLines(
            "Node.java",
            """
            import java.util.concurrent.locks.Lock;
            import java.util.concurrent.locks.ReentrantLock;
            class Node {
              private final Lock writeLock = new ReentrantLock();
              private final Service client = new Client();
              private int term;
              void stop() {
                writeLock.lock();
                try {
                  client.shutdown();
                } finally {
                  writeLock.unlock();
                }
              }
              Runnable onTimeout() {
                return () -> stepDown();
              }
              private void stepDown() {
                writeLock.lock();
                try {
                  term++;
                } finally {
                  writeLock.unlock();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitInAStopACallerCallsHoldingALockNoWorkTakes() {
    refactoring
        .addInputLines("Service.java", "interface Service {", "  void shutdown();", "}")
        .expectUnchanged()
        .addInputLines("Client.java", CLIENT)
        .addOutputLines("Client.java", CLIENT_WITH_WAIT)
        .addInputLines(
            "Node.java",
            """
            import java.util.concurrent.locks.Lock;
            import java.util.concurrent.locks.ReentrantLock;
            class Node {
              private final Lock writeLock = new ReentrantLock();
              private final Service client = new Client();
              private int term;
              void stop() {
                writeLock.lock();
                try {
                  client.shutdown();
                } finally {
                  writeLock.unlock();
                }
              }
              void stepDown() {
                writeLock.lock();
                try {
                  term++;
                } finally {
                  writeLock.unlock();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  private static String queueWith(String executorField, String constructorAssignment) {
    return """
        import java.io.Closeable;
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.Executor;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.LinkedBlockingQueue;
        class Queue implements Closeable {
          interface StateListener {
            void stateChanged(String state);
          }
          interface Consumer extends StateListener {
            void consume(String item);
          }
          private final ExecutorService service = Executors.newSingleThreadExecutor();
          private final BlockingQueue<String> items = new LinkedBlockingQueue<>();
          private final Consumer consumer;
          %s
          Queue(Consumer consumer, Executor executor) {
            this.consumer = consumer;
            %s
          }
          void start() {
            service.execute(this::runLoop);
          }
          private void runLoop() {
            while (!Thread.currentThread().isInterrupted()) {
              try {
                String item = items.take();
                executor.execute(
                    new Runnable() {
                      @Override
                      public void run() {
                        process(item);
                      }
                    });
              } catch (InterruptedException e) {
                return;
              }
            }
          }
          private void process(String item) {
            consumer.consume(item);
          }
          @Override
          public void close() {
            // BUG: Diagnostic contains: close() returns
            service.shutdownNow();
          }
        }
        """
        .formatted(executorField, constructorAssignment);
  }

  @Test
  void fix_noWaitWhereAnExecutorFromOutsideMayRunTheConsumerOnTheWorksThread() {
    // A direct executor (the API's default) runs consume(..) on the service's own thread, and a
    // consumer may close the queue from there: close() would wait for itself.
    String source = queueWith("private final Executor executor;", "this.executor = executor;");
    helper.addSourceLines("Queue.java", source).doTest();
    refactoring.addInputLines("Queue.java", source).expectUnchanged().doTest();
  }

  @Test
  void fix_waitWhereTheConsumerRunsOnAPoolOfTheClasssOwn() {
    String source =
        queueWith("private final ExecutorService executor = Executors.newFixedThreadPool(2);", "");
    refactoring
        .addInputLines("Queue.java", source)
        .addOutputLines(
            "Queue.java",
            source.replace(
                "service.shutdownNow();\n", "service.shutdownNow();\n    service.close();\n"))
        .doTest();
  }

  @Test
  void fix_noWaitWhereTheCallerStopsItThroughAnInterfaceOnlyASubclassImplements() {
    // Node holds its lock around raft.shutdown(): a RaftService, which Client's subclass is.
    refactoring
        .addInputLines("Service.java", "interface Service {", "  void shutdown();", "}")
        .expectUnchanged()
        .addInputLines("RaftService.java", "interface RaftService extends Service {}")
        .expectUnchanged()
        .addInputLines("Client.java", CLIENT)
        .expectUnchanged()
        .addInputLines(
            "RaftClient.java", "class RaftClient extends Client implements RaftService {}")
        .expectUnchanged()
        .addInputLines(
            "Node.java",
            """
            import java.util.concurrent.locks.Lock;
            import java.util.concurrent.locks.ReentrantLock;
            class Node {
              private final Lock writeLock = new ReentrantLock();
              private final RaftService raft = new RaftClient();
              private int term;
              void stop() {
                writeLock.lock();
                try {
                  raft.shutdown();
                } finally {
                  writeLock.unlock();
                }
              }
              Runnable onTimeout() {
                return () -> stepDown();
              }
              private void stepDown() {
                writeLock.lock();
                try {
                  term++;
                } finally {
                  writeLock.unlock();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitInAStopWhereTheCallerHoldingTheLockStopsAnotherClassOfTheSameInterface() {
    // Node holds its lock around engine.shutdown(): an Engine, never a Client.
    refactoring
        .addInputLines("Service.java", "interface Service {", "  void shutdown();", "}")
        .expectUnchanged()
        .addInputLines("Client.java", CLIENT)
        .addOutputLines("Client.java", CLIENT_WITH_WAIT)
        .addInputLines(
            "Engine.java",
            "class Engine implements Service {",
            "  @Override",
            "  public void shutdown() {}",
            "}")
        .expectUnchanged()
        .addInputLines(
            "Node.java",
            """
            import java.util.concurrent.locks.Lock;
            import java.util.concurrent.locks.ReentrantLock;
            class Node {
              private final Lock writeLock = new ReentrantLock();
              private final Engine engine = new Engine();
              private int term;
              void stop() {
                writeLock.lock();
                try {
                  engine.shutdown();
                } finally {
                  writeLock.unlock();
                }
              }
              Runnable onTimeout() {
                return () -> stepDown();
              }
              private void stepDown() {
                writeLock.lock();
                try {
                  term++;
                } finally {
                  writeLock.unlock();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  private static String auditor(String executorFactory, String cancellingCode) {
    return """
        import java.util.HashSet;
        import java.util.Set;
        import java.util.concurrent.Executors;
        import java.util.concurrent.Future;
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.TimeUnit;
        class Auditor {
          private final ScheduledExecutorService executor = Executors.%s;
          private final Set<String> lost = new HashSet<>();
          private volatile Future<?> auditTask;
          void scheduleAudit() {
            auditTask =
                executor.schedule(
                    () -> {
                      lost.remove("b1");
                      auditTask = null;
                    },
                    30,
                    TimeUnit.SECONDS);
          }
          %s
        }
        """
        .formatted(executorFactory, cancellingCode);
  }

  private static final String CANCEL_IN_A_TASK_OF_THE_EXECUTOR =
      """
      Future<?> bookieCameBack() {
          return executor.submit(
              () -> {
                if (auditTask != null) {
                  // BUG: Diagnostic contains: auditTask.cancel(..) only asks the task to stop
                  auditTask.cancel(false);
                }
                lost.clear();
              });
        }
      """;

  @Test
  void negative_cancelInATaskOfTheSingleThreadedExecutorTheTaskWasScheduledOn() {
    helper
        .addSourceLines(
            "Auditor.java",
            auditor("newSingleThreadScheduledExecutor()", CANCEL_IN_A_TASK_OF_THE_EXECUTOR)
                .replace(
                    "// BUG: Diagnostic contains: auditTask.cancel(..) only asks the task to stop\n",
                    ""))
        .doTest();
  }

  @Test
  void positive_cancelInATaskOfAPoolOfSeveralThreads() {
    helper
        .addSourceLines(
            "Auditor.java", auditor("newScheduledThreadPool(2)", CANCEL_IN_A_TASK_OF_THE_EXECUTOR))
        .doTest();
  }

  private static String monitor(String name, String factory, String invoker, String extra) {
    return """
        import java.util.concurrent.Executors;
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.ScheduledFuture;
        import java.util.concurrent.TimeUnit;
        class %1$s {
          interface Policy {
            long interval();
            void edit();
          }
          private final Policy policy;
          private ScheduledExecutorService ses;
          private ScheduledFuture<?> handler;
          private long monitorInterval;
          %1$s(Policy policy) {
            this.policy = policy;
            this.monitorInterval = policy.interval();
          }
          void start() {
            ses = Executors.%2$s;
            schedule();
          }
          private void schedule() {
            handler = ses.scheduleAtFixedRate(new PolicyInvoker(), 0, monitorInterval, TimeUnit.MILLISECONDS);
          }
          %3$s class PolicyInvoker implements Runnable {
            @Override
            public void run() {
              if (monitorInterval != policy.interval()) {
                // BUG: Diagnostic contains: handler.cancel(..) only asks the task to stop
                handler.cancel(true);
                monitorInterval = policy.interval();
                schedule();
              } else {
                policy.edit();
              }
            }
          }
          %4$s
        }
        """
        .formatted(name, factory, invoker, extra);
  }

  private static final String NO_BUG =
      "// BUG: Diagnostic contains: handler.cancel(..) only asks the task to stop\n";

  // A private task class whose every instance is scheduled on the single-threaded pool whose
  // future its run() cancels: that run() is on the pool's one thread, so no other run is going.
  @Test
  void negative_namedPrivateTaskCancellingItsOwnFutureOnItsSingleThreadedPool() {
    helper
        .addSourceLines(
            "Monitor.java",
            monitor("Monitor", "newSingleThreadScheduledExecutor()", "private", "")
                .replace(NO_BUG, ""))
        .addSourceLines(
            "OnePoolThread.java",
            monitor("OnePoolThread", "newScheduledThreadPool(1)", "private final", "")
                .replace(NO_BUG, ""))
        .doTest();
  }

  @Test
  void positive_namedTaskRunElsewhereOrOnSeveralThreads() {
    helper
        .addSourceLines(
            "SeveralThreads.java",
            monitor("SeveralThreads", "newScheduledThreadPool(2)", "private", ""))
        .addSourceLines(
            "NotPrivate.java", monitor("NotPrivate", "newSingleThreadScheduledExecutor()", "", ""))
        .addSourceLines(
            "RunDirectly.java",
            monitor(
                "RunDirectly",
                "newSingleThreadScheduledExecutor()",
                "private",
                "void checkNow() { new PolicyInvoker().run(); }"))
        .addSourceLines(
            "KeptInAField.java",
            monitor(
                "KeptInAField",
                "newSingleThreadScheduledExecutor()",
                "private",
                "private final Runnable kept = new PolicyInvoker();"))
        .addSourceLines(
            "OtherPool.java",
            monitor(
                "OtherPool",
                "newSingleThreadScheduledExecutor()",
                "private",
                "void alsoElsewhere(java.util.concurrent.Executor other) {"
                    + " other.execute(new PolicyInvoker()); }"))
        .addSourceLines(
            "Subclassed.java",
            monitor(
                "Subclassed",
                "newSingleThreadScheduledExecutor()",
                "private",
                "private class Eager extends PolicyInvoker {}"
                    + " Runnable eager() { return new Eager(); }"))
        .addSourceLines(
            "Escapes.java",
            monitor("Escapes", "newSingleThreadScheduledExecutor()", "private", "")
                .replace(
                    "policy.edit();",
                    "policy.edit(); java.util.concurrent.ForkJoinPool.commonPool().execute(this);"))
        .addSourceLines(
            "OtherInstance.java",
            monitor("OtherInstance", "newSingleThreadScheduledExecutor()", "private", "")
                .replace("new PolicyInvoker()", "peer.new PolicyInvoker()")
                .replace(
                    "private long monitorInterval;",
                    "private long monitorInterval; private OtherInstance peer = this;"))
        .doTest();
  }

  private static String transport(String task, String guard, String clear) {
    return """
        import java.io.Closeable;
        import java.io.IOException;
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.ScheduledFuture;
        import java.util.concurrent.TimeUnit;
        class Transport {
          interface Writer extends Closeable {
            void goAway();
          }
          private final Object lock = new Object();
          private final ScheduledExecutorService scheduler;
          private final Writer frameWriter;
          private ScheduledFuture<?> secondGoawayTimer;
          Transport(ScheduledExecutorService scheduler, Writer frameWriter) {
            this.scheduler = scheduler;
            this.frameWriter = frameWriter;
          }
          void shutdown() {
            synchronized (lock) {
              secondGoawayTimer = scheduler.schedule(%s, 1, TimeUnit.SECONDS);
              frameWriter.goAway();
            }
          }
          void pingAcked() {
            triggerGracefulSecondGoaway();
          }
          private void triggerGracefulSecondGoaway() {
            synchronized (lock) {
              %s
              // BUG: Diagnostic contains: secondGoawayTimer.cancel(..) only asks the task to stop
              secondGoawayTimer.cancel(false);
              %s
              frameWriter.goAway();
              try {
                frameWriter.close();
              } catch (IOException e) {
                System.err.println(e);
              }
            }
          }
        }
        """
        .formatted(task, guard, clear);
  }

  @Test
  void negative_timerTaskCancellingItselfUnderItsLockAndNullGuard() {
    String guard = "if (secondGoawayTimer == null) { return; }";
    String clear = "secondGoawayTimer = null;";
    String noBug =
        "// BUG: Diagnostic contains: secondGoawayTimer.cancel(..) only asks the task to stop\n";
    helper
        .addSourceLines(
            "Transport.java",
            transport("this::triggerGracefulSecondGoaway", guard, clear).replace(noBug, ""))
        .addSourceLines(
            "Lambda.java",
            transport("() -> triggerGracefulSecondGoaway()", guard, clear)
                .replace(noBug, "")
                .replace("class Transport", "class Lambda")
                .replace("Transport(", "Lambda("))
        .doTest();
  }

  @Test
  void positive_timerTaskCancelledWithoutTheGuardTheClearOrByAnotherTask() {
    String guard = "if (secondGoawayTimer == null) { return; }";
    String clear = "secondGoawayTimer = null;";
    helper
        .addSourceLines("Transport.java", transport("this::triggerGracefulSecondGoaway", "", clear))
        .addSourceLines(
            "NoClear.java",
            transport("this::triggerGracefulSecondGoaway", guard, "")
                .replace("class Transport", "class NoClear")
                .replace("Transport(", "NoClear("))
        .addSourceLines(
            "OtherTask.java",
            transport("this::pingAcked", guard, clear)
                .replace("class Transport", "class OtherTask")
                .replace("Transport(", "OtherTask("))
        .doTest();
  }

  private static String threadless(String name, String extra) {
    return """
        import java.util.ArrayList;
        import java.util.List;
        import java.util.Queue;
        import java.util.concurrent.AbstractExecutorService;
        import java.util.concurrent.ConcurrentLinkedQueue;
        import java.util.concurrent.TimeUnit;
        class %s extends AbstractExecutorService {
          private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
          private volatile boolean shutdown;
          %s
          @Override
          public void execute(Runnable command) {
            queue.add(command);
          }
          public void waitAndDrain() {
            Runnable next;
            while ((next = queue.poll()) != null) {
              next.run();
            }
          }
          @Override
          public void shutdown() {
            shutdown = true;
          }
          @Override
          public List<Runnable> shutdownNow() {
            shutdown();
            List<Runnable> left = new ArrayList<>(queue);
            queue.clear();
            return left;
          }
          @Override
          public boolean isShutdown() {
            return shutdown;
          }
          @Override
          public boolean isTerminated() {
            return shutdown;
          }
          @Override
          public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
          }
        }
        """
        .formatted(name, extra);
  }

  private static String responseFuture(String pool) {
    return """
        import java.util.concurrent.ExecutorService;
        class ResponseFuture {
          private final ExecutorService executor;
          ResponseFuture(ExecutorService executor) {
            this.executor = executor;
            executor.execute(() -> System.out.println("response"));
          }
          void shutdownExecutorIfNeeded() {
            if (executor instanceof %s && !executor.isShutdown()) {
              // BUG: Diagnostic contains: executor.shutdownNow() only interrupts the tasks
              executor.shutdownNow();
            }
          }
        }
        """
        .formatted(pool);
  }

  @Test
  void negative_shutdownOfAPoolWhoseClassOwnsNoThread() {
    helper
        .addSourceLines("Threadless.java", threadless("Threadless", ""))
        .addSourceLines(
            "ResponseFuture.java",
            responseFuture("Threadless")
                .replace(
                    "// BUG: Diagnostic contains: executor.shutdownNow() only interrupts the tasks\n",
                    ""))
        .addSourceLines(
            "Caller.java",
            """
            class Caller {
              private final Threadless pool = new Threadless();
              void call() {
                pool.execute(() -> System.out.println("reply"));
                pool.waitAndDrain();
              }
              void close() {
                pool.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_shutdownOfAPoolWhoseClassKeepsOrStartsAThread() {
    helper
        .addSourceLines(
            "Drained.java",
            threadless("Drained", "private final Thread drainer = new Thread(this::waitAndDrain);"))
        .addSourceLines(
            "Handing.java",
            threadless(
                "Handing",
                "void handOn(java.util.concurrent.Executor other) { other.execute(queue.poll()); }"))
        .addSourceLines("ResponseFuture.java", responseFuture("Drained"))
        .addSourceLines(
            "Other.java",
            responseFuture("Handing")
                .replace("class ResponseFuture", "class Other")
                .replace("ResponseFuture(", "Other("))
        .doTest();
  }

  private static String auditorOn(String pool, String more) {
    return auditor("newSingleThreadScheduledExecutor()", CANCEL_IN_A_TASK_OF_THE_EXECUTOR + more)
        .replace("Executors.newSingleThreadScheduledExecutor()", pool);
  }

  @Test
  void negative_cancelInATaskOfAPoolConstructedWithOneThread() {
    String noBug = "// BUG: Diagnostic contains: auditTask.cancel(..) only asks the task to stop\n";
    helper
        .addSourceLines(
            "Auditor.java",
            auditorOn("new java.util.concurrent.ScheduledThreadPoolExecutor(1)", "")
                .replace(noBug, ""))
        .addSourceLines(
            "Fixed.java",
            auditorOn("Executors.newScheduledThreadPool(1)", "")
                .replace("class Auditor", "class Fixed")
                .replace(noBug, ""))
        .doTest();
  }

  @Test
  void positive_cancelInATaskOfAPoolConstructedWithSeveralThreadsOrResized() {
    helper
        .addSourceLines(
            "Auditor.java",
            auditorOn("new java.util.concurrent.ScheduledThreadPoolExecutor(2)", ""))
        .addSourceLines(
            "Resized.java",
            auditorOn(
                    "new java.util.concurrent.ScheduledThreadPoolExecutor(1)",
                    "void grow() { ((java.util.concurrent.ScheduledThreadPoolExecutor) executor)"
                        + ".setCorePoolSize(4); }")
                .replace("class Auditor", "class Resized"))
        .doTest();
  }

  @Test
  void positive_cancelOutsideTheSingleThreadedExecutor() {
    helper
        .addSourceLines(
            "Auditor.java",
            auditor(
                "newSingleThreadScheduledExecutor()",
                """
                void bookieCameBack() {
                    if (auditTask != null) {
                      // BUG: Diagnostic contains: auditTask.cancel(..) only asks the task to stop
                      auditTask.cancel(false);
                    }
                    lost.clear();
                  }
                """))
        .doTest();
  }

  private static String channel(String guard) {
    return """
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.ScheduledFuture;
        import java.util.concurrent.TimeUnit;
        abstract class Channel {
          interface EventLoop extends ScheduledExecutorService {
            boolean inEventLoop();
          }
          private ScheduledFuture<?> connectTimeout;
          private StringBuilder pending;
          abstract EventLoop eventLoop();
          void connect() {
            pending = new StringBuilder();
            connectTimeout =
                eventLoop()
                    .schedule(
                        () -> {
                          pending.append("timed out");
                        },
                        10,
                        TimeUnit.SECONDS);
          }
          void finishConnect() {
            %s
            if (connectTimeout != null) {
              // BUG: Diagnostic contains: connectTimeout.cancel(..) only asks the task to stop
              connectTimeout.cancel(false);
            }
            pending = null;
          }
        }
        """
        .formatted(guard);
  }

  @Test
  void negative_cancelInAMethodAssertingItRunsInTheEventLoopTheTaskWasScheduledOn() {
    helper
        .addSourceLines(
            "Channel.java",
            channel("assert eventLoop().inEventLoop();")
                .replace(
                    "// BUG: Diagnostic contains: connectTimeout.cancel(..) only asks the task to"
                        + " stop\n",
                    ""))
        .doTest();
  }

  @Test
  void positive_cancelInAMethodThatMayRunOutsideTheEventLoop() {
    helper.addSourceLines("Channel.java", channel("System.out.println(\"connected\");")).doTest();
  }

  // ------------------------------------------- a deadline named for an await, a polled stop

  @Test
  void fix_keepsADeadlineNamedForAnAwait() {
    // shutdown(long awaitTerminateMillis): the caller bounded the stop, in the unit the name says;
    // an unbounded close() would wait past it.
    refactoring
        .addInputLines(
            "Consumer.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Consumer {
              private final ExecutorService cleaner = Executors.newSingleThreadExecutor();
              void start() {
                cleaner.execute(() -> System.out.println("clean"));
              }
              public void shutdown(long awaitTerminateMillis) {
                cleaner.shutdown();
              }
            }
            """)
        .addOutputLines(
            "Consumer.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Consumer {
              private final ExecutorService cleaner = Executors.newSingleThreadExecutor();
              void start() {
                cleaner.execute(() -> System.out.println("clean"));
              }
              public void shutdown(long awaitTerminateMillis) {
                cleaner.shutdown();
                try {
                  cleaner.awaitTermination(awaitTerminateMillis, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_anAwaitCountIsNoDeadline() {
    // Must-keep neighbour: a number named for an await but counting no time bounds nothing.
    refactoring
        .addInputLines(
            "Consumer.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Consumer {
              private final ExecutorService cleaner = Executors.newSingleThreadExecutor();
              void start() {
                cleaner.execute(() -> System.out.println("clean"));
              }
              public void shutdown(int awaitCount) {
                cleaner.shutdown();
              }
            }
            """)
        .addOutputLines(
            "Consumer.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Consumer {
              private final ExecutorService cleaner = Executors.newSingleThreadExecutor();
              void start() {
                cleaner.execute(() -> System.out.println("clean"));
              }
              public void shutdown(int awaitCount) {
                cleaner.shutdown();
                cleaner.close();
              }
            }
            """)
        .doTest();
  }

  private static final String POLLED_FACTORY =
      """
      import java.io.PrintStream;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class TaskFactory {
        private final ExecutorService tasks = Executors.newFixedThreadPool(4);
        private final ExecutorService timers = Executors.newSingleThreadExecutor();
        private final PrintStream log;
        TaskFactory(PrintStream log) {
          this.log = log;
        }
        void run() {
          tasks.execute(() -> log.println("task"));
          timers.execute(() -> log.println("timeout"));
        }
        public void shutdown() {
          // BUG: Diagnostic contains: No wait is offered: the class answers isTerminated()
          tasks.shutdown();
          // BUG: Diagnostic contains: callers poll for its end
          timers.shutdown();
          log.close();
        }
        public boolean isShutdown() {
          return tasks.isShutdown();
        }
        public boolean isTerminated() {
          return QUERIED.isTerminated();
        }
      }
      """;

  @Test
  void fix_noWaitInAStopWhoseClassAnswersIsTerminated() {
    // shutdown() next to isShutdown() and isTerminated() over the pool it shuts down: the class
    // mirrors an executor, shutdown() only starts the stop, and callers poll isTerminated(). What
    // the stop closes while the tasks may still use it is reported; no wait is inserted.
    String source = POLLED_FACTORY.replace("QUERIED", "tasks");
    helper.addSourceLines("TaskFactory.java", source).doTest();
    refactoring
        .addInputLines("TaskFactory.java", source.replace("// BUG: ", "// "))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void negative_returnOfAStopWhoseClassAnswersIsTerminated() {
    // The same stop that only shuts its pools down and returns: like an executor's own shutdown(),
    // it starts the stop by contract, and callers learn its end from isTerminated().
    String source =
        POLLED_FACTORY
            .replace("QUERIED", "tasks")
            .replace("    log.close();\n", "")
            .replaceAll("(?m)^.*// BUG: .*\n", "");
    helper.addSourceLines("TaskFactory.java", source).doTest();
  }

  @Test
  void positive_returnOfAStopWhoseIsTerminatedAsksAboutAnotherPool() {
    // Must-flag neighbour: isTerminated() answers for a pool the stop leaves running; returning
    // from shutdown() still says the stop's own work ended.
    helper
        .addSourceLines(
            "TaskFactory.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class TaskFactory {
              private final ExecutorService tasks = Executors.newFixedThreadPool(4);
              private final ExecutorService shared = Executors.newSingleThreadExecutor();
              void run() {
                tasks.execute(() -> System.out.println("task"));
                shared.execute(() -> System.out.println("shared"));
              }
              public void shutdown() {
                // BUG: Diagnostic contains: shutdown() returns
                tasks.shutdown();
              }
              public boolean isTerminated() {
                return shared.isTerminated();
              }
            }
            """)
        .doTest();
  }

  private static final String POLLED_WORKER =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.TimeUnit;
      class ActivityWorker {
        private final Poller poller = new Poller();
        private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(4);
        private final ExecutorService shared = Executors.newSingleThreadExecutor();
        void start() {
          poller.start();
          heartbeats.scheduleAtFixedRate(
              () -> System.out.println("heartbeat"), 1, 1, TimeUnit.SECONDS);
          shared.execute(() -> System.out.println("shared"));
        }
        public void shutdown() {
          poller.shutdown();
          // BUG: Diagnostic contains: shutdown() returns
          heartbeats.shutdown();
        }
        public boolean isTerminated() {
          return QUERY;
        }
        static class Poller {
          private final ExecutorService polls = Executors.newSingleThreadExecutor();
          void start() {
            polls.execute(() -> System.out.println("poll"));
          }
          void shutdown() {
            polls.shutdown();
          }
          boolean isTerminated() {
            return polls.isTerminated();
          }
          void awaitTermination() throws InterruptedException {
            polls.awaitTermination(1, TimeUnit.MINUTES);
          }
        }
      }
      """;

  @Test
  void negative_returnOfAStopWhoseIsTerminatedJoinsItsPartsWithAnd() {
    // A worker that stops several parts answers isTerminated() true only once every part has
    // ended: `poller.isTerminated() && heartbeats.isTerminated()` is true only when the pool the
    // stop shuts down has terminated, so callers poll for its end as they would an executor's.
    for (String query :
        List.of(
            "poller.isTerminated() && heartbeats.isTerminated()",
            "heartbeats.isTerminated() && poller.isTerminated()",
            "(poller.isTerminated() && (heartbeats.isTerminated() && shared.isShutdown()))")) {
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass())
          .addSourceLines(
              "ActivityWorker.java",
              POLLED_WORKER.replace("QUERY", query).replaceAll("(?m)^.*// BUG: .*\n", ""))
          .doTest();
    }
  }

  @Test
  void positive_returnOfAStopWhoseIsTerminatedMayBeTrueWhileThePoolRuns() {
    // Must-flag neighbours: an answer that can be true while the stopped pool still runs (an
    // `||`, a negation, a ternary) or that asks only about a pool the stop leaves running says
    // nothing about the stop's own work; returning from shutdown() is still reported.
    for (String query :
        List.of(
            "poller.isTerminated() || heartbeats.isTerminated()",
            "poller.isTerminated() && !heartbeats.isTerminated()",
            "poller.isTerminated() ? true : heartbeats.isTerminated()",
            "poller.isTerminated() && shared.isTerminated()")) {
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass())
          .addSourceLines("ActivityWorker.java", POLLED_WORKER.replace("QUERY", query))
          .doTest();
    }
  }

  @Test
  void fix_waitsWhereIsTerminatedAsksAboutAPoolTheStopLeavesRunning() {
    // Must-fix neighbour: isTerminated() answers for a pool this stop does not shut down, so it
    // says nothing about the stop's own work; both waits are offered.
    refactoring
        .addInputLines(
            "Owner.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Owner {
              private final ExecutorService tasks = Executors.newFixedThreadPool(4);
              private final ExecutorService shared = Executors.newSingleThreadExecutor();
              void run() {
                tasks.execute(() -> System.out.println("task"));
                shared.execute(() -> System.out.println("shared"));
              }
              public void shutdown() {
                tasks.shutdown();
              }
              public boolean isTerminated() {
                return shared.isTerminated();
              }
            }
            """)
        .addOutputLines(
            "Owner.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Owner {
              private final ExecutorService tasks = Executors.newFixedThreadPool(4);
              private final ExecutorService shared = Executors.newSingleThreadExecutor();
              void run() {
                tasks.execute(() -> System.out.println("task"));
                shared.execute(() -> System.out.println("shared"));
              }
              public void shutdown() {
                tasks.shutdown();
                tasks.close();
              }
              public boolean isTerminated() {
                return shared.isTerminated();
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- a branch that chose not to wait

  private static final String CHOSEN_NOT_TO_WAIT =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Services {
        private final ExecutorService executor = Executors.newFixedThreadPool(2);
        private final ExecutorService other = Executors.newFixedThreadPool(2);
        private volatile boolean hurry;
        void start() {
          executor.execute(() -> System.out.println("serve"));
          other.execute(() -> System.out.println("report"));
        }
        public void close() {
          if (hurry) {
            // BUG: Diagnostic contains: No wait is offered: the other branch of the if of line 12
            executor.shutdown(); // shut down, but do not wait
          } else {
            WAITED.close();
          }
        }
      }
      """;

  @Test
  void fix_noWaitWhereTheOtherBranchWaitsAndThisOneChoseNotTo() {
    // The stop waits for the executor on one branch and only shuts it down on the other: leaving
    // it running there is the code's choice, which a wait would undo.
    String source = CHOSEN_NOT_TO_WAIT.replace("WAITED", "executor");
    helper.addSourceLines("Services.java", source).doTest();
    refactoring
        .addInputLines("Services.java", source.replace("// BUG: ", "// "))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_waitsWhereTheOtherBranchWaitsForOtherWork() {
    // Must-fix neighbour: the other branch waits for another pool, which says nothing about this
    // one; the wait is offered.
    String source = CHOSEN_NOT_TO_WAIT.replace("WAITED", "other");
    refactoring
        .addInputLines("Services.java", source.replaceAll("(?m)^.*// BUG: .*\n", ""))
        .addOutputLines(
            "Services.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Services {
              private final ExecutorService executor = Executors.newFixedThreadPool(2);
              private final ExecutorService other = Executors.newFixedThreadPool(2);
              private volatile boolean hurry;
              void start() {
                executor.execute(() -> System.out.println("serve"));
                other.execute(() -> System.out.println("report"));
              }
              public void close() {
                if (hurry) {
                  executor.shutdown(); // shut down, but do not wait
                  executor.close();
                } else {
                  other.close();
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- executors the caller hands in, a wait the file
  // offers

  @Test
  void negative_stopOfExecutorsTheCallerHandsInAsAnArray() {
    // shutdown(ExecutorService...) stops each executor the caller passed and keeps them for a
    // handle that waits later: the caller holds every one of them, as it holds a single parameter.
    helper
        .addSourceLines(
            "GracefulShutdown.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            class GracefulShutdown {
              private final List<ExecutorService> enlisted = new ArrayList<>();
              GracefulShutdown shutdown(ExecutorService... executors) {
                for (ExecutorService executor : executors) {
                  if (executor != null) {
                    executor.shutdown();
                    enlisted.add(executor);
                  }
                }
                return this;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_stopOfExecutorsTheClassKeepsInAField() {
    // Must-flag neighbour: the loop goes over the class's own executors, which no caller holds;
    // returning from shutdown() says they stopped.
    helper
        .addSourceLines(
            "Workers.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Workers {
              private final List<ExecutorService> executors =
                  List.of(Executors.newSingleThreadExecutor(), Executors.newSingleThreadExecutor());
              void start() {
                for (ExecutorService executor : executors) {
                  executor.execute(() -> System.out.println("work"));
                }
              }
              void shutdown() {
                for (ExecutorService executor : executors) {
                  // BUG: Diagnostic contains: shutdown() returns
                  executor.shutdown();
                }
              }
            }
            """)
        .doTest();
  }

  private static final String NESTED_STATE =
      """
      import java.util.List;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.TimeUnit;
      class Scheduler {
        private final List<State> states = List.of(new State(), new State());
        void schedule(Runnable task) {
          states.get(0).executor.execute(task);
        }
        void disposeGracefully() {
          for (State state : states) {
            state.shutdown();
          }
        }
        boolean await(long timeout, TimeUnit unit) throws InterruptedException {
          for (State state : states) {
            if (!state.AWAITED.awaitTermination(timeout, unit)) {
              return false;
            }
          }
          return true;
        }
        static final class State {
          final ExecutorService executor = Executors.newSingleThreadExecutor();
          final ExecutorService evictor = Executors.newSingleThreadExecutor();
          void shutdown() {
            // BUG: Diagnostic contains: shutdown() returns
            executor.shutdown();
          }
        }
      }
      """;

  @Test
  void negative_stopOfANestedClassWhoseFieldTheEnclosingClassAwaits() {
    // State.shutdown() only starts the stop of its executor; the scheduler around it awaits every
    // state's executor in await(..): the component the file declares offers the wait there.
    helper
        .addSourceLines(
            "Scheduler.java",
            NESTED_STATE.replace("AWAITED", "executor").replaceAll("(?m)^.*// BUG: .*\\n", ""))
        .doTest();
  }

  @Test
  void positive_stopOfANestedClassWhoseEnclosingClassAwaitsAnotherField() {
    // Must-flag neighbour: the scheduler awaits another field of the states, so nothing in the
    // file waits for the executor shutdown() stops.
    helper.addSourceLines("Scheduler.java", NESTED_STATE.replace("AWAITED", "evictor")).doTest();
  }
}
