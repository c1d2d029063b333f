package dev.cancelguard.checks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SwallowedInterrupt} on the loop of {@code run()} in a class whose superclass, in another
 * file or a jar, makes its thread over {@code this} and keeps it: the catch that goes straight back
 * to the test of the object's own stop state is not reported. Each case is checked with the base
 * classes compiled in the same run and read from their class files. Must-flag neighbours: a base
 * that returns its thread, one that hands itself to an executor, a worker also handed to a pool, a
 * loop with no way out, a catch followed by another wait, a loop that tests something else, and an
 * interrupt with no stop before it: a stop that only interrupts, one that sets the stop state after
 * the interrupt, a wake-up that sets another field, and an interrupt in the class's own code. A
 * worker handed on only as its class (returned by a getter, handed to another class, kept as its
 * base or in an array) is kept; one that becomes a {@code Runnable}, an {@code Object}, a
 * collection's element, {@code ::run} or is made by {@code Worker::new} is not.
 */
class SwallowedInterruptSelfThreadBaseTest {
  private static final Map<String, String> BASES =
      Map.of(
          "base/ServiceLoop.java",
          """
          package base;
          public abstract class ServiceLoop implements Runnable {
            protected Thread thread;
            protected volatile boolean stopped;

            public void start() {
              thread = new Thread(this, name());
              thread.setDaemon(false);
              thread.start();
              log("started", thread);
            }

            public String name() {
              return getClass().getSimpleName();
            }

            public void shutdown(boolean interrupt) {
              stopped = true;
              if (interrupt) {
                thread.interrupt();
              }
              try {
                thread.join(1000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }

            public boolean isStopped() {
              return stopped;
            }

            private static void log(String what, Object value) {
              System.out.println(what + value);
            }
          }
          """,
          "base/LeakyLoop.java",
          """
          package base;
          public abstract class LeakyLoop implements Runnable {
            private Thread thread;
            protected volatile boolean stopped;

            public void start() {
              thread = new Thread(this, "leaky");
              thread.start();
            }

            public Thread getThread() {
              return thread;
            }

            public boolean isStopped() {
              return stopped;
            }
          }
          """,
          "base/PooledLoop.java",
          """
          package base;
          import java.util.concurrent.Executor;
          public abstract class PooledLoop implements Runnable {
            private Thread thread;
            protected volatile boolean stopped;

            public void start() {
              thread = new Thread(this, "pooled");
              thread.start();
            }

            public void startOn(Executor executor) {
              executor.execute(this);
            }

            public boolean isStopped() {
              return stopped;
            }
          }
          """,
          "base/CallingStopLoop.java",
          """
          package base;
          public abstract class CallingStopLoop implements Runnable {
            private Thread thread;
            protected volatile boolean stopped;
            protected volatile boolean paused;

            public void start() {
              thread = new Thread(this, "CallingStopLoop");
              thread.start();
            }

            public void stop() {
              markStopped();
              thread.interrupt();
            }

            private void markStopped() {
              stopped = true;
            }

            public boolean isStopped() {
              return stopped;
            }
          }
          """,
          "base/InterruptOnlyLoop.java",
          """
          package base;
          public abstract class InterruptOnlyLoop implements Runnable {
            private Thread thread;
            protected volatile boolean stopped;
            protected volatile boolean paused;

            public void start() {
              thread = new Thread(this, "InterruptOnlyLoop");
              thread.start();
            }

            public void halt() {
              stopped = true;
            }

            public void stop() {
              thread.interrupt();
            }

            public boolean isStopped() {
              return stopped;
            }
          }
          """,
          "base/LateStopLoop.java",
          """
          package base;
          public abstract class LateStopLoop implements Runnable {
            private Thread thread;
            protected volatile boolean stopped;
            protected volatile boolean paused;

            public void start() {
              thread = new Thread(this, "LateStopLoop");
              thread.start();
            }

            public void stop() {
              thread.interrupt();
              stopped = true;
            }

            public boolean isStopped() {
              return stopped;
            }
          }
          """,
          "base/WakingLoop.java",
          """
          package base;
          public abstract class WakingLoop implements Runnable {
            private Thread thread;
            protected volatile boolean stopped;
            protected volatile boolean paused;

            public void start() {
              thread = new Thread(this, "WakingLoop");
              thread.start();
            }

            public void stop() {
              stopped = true;
              thread.interrupt();
            }

            public void wake() {
              paused = true;
              thread.interrupt();
            }

            public boolean isStopped() {
              return stopped;
            }
          }
          """);

  @TempDir static Path work;

  private static ClassFileBases bases;

  @BeforeAll
  static void compileBasesElsewhere() throws IOException {
    bases = ClassFileBases.compile(work, BASES);
  }

  /** The same expectations with the bases compiled here and read from their class files. */
  private static void bothWays(String... files) {
    bases.bothWays(SwallowedInterrupt.class, SwallowedInterruptSelfThreadBaseTest.class, files);
  }

  private static final String FLAGGED = "// BUG: Diagnostic contains: without restoring";

  /** A worker of {@code base}; {@code marker} goes on the line before the catch. */
  private static String worker(String base, String loop, String marker, String after) {
    return """
        package app;
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.LinkedBlockingQueue;
        class Worker extends base.%s {
          private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

          void put(String s) {
            queue.add(s);
          }

          @Override
          public void run() {
            %s {
              try {
                handle(queue.take());
              %s
              } catch (InterruptedException ignored) {
              }
              %s
            }
          }

          private void handle(String s) {}
        }
        """
        .formatted(base, loop, marker, after);
  }

  /** The class that makes the worker and keeps it; {@code extra} is more of its members. */
  private static String owner(String extra) {
    return """
        package app;
        public class Owner {
          private final Worker worker = new Worker();

          public void start() {
            worker.start();
          }

          public void send(String s) {
            worker.put(s);
          }

          public void stop() {
            if (worker != null) {
              worker.shutdown(true);
            }
          }
          %s
        }
        """
        .formatted(extra);
  }

  private static final String OWN_STOP = "while (!this.isStopped())";

  @Test
  void stopLoopOfThreadTheBaseKeeps() {
    bothWays(
        "app/Worker.java", worker("ServiceLoop", OWN_STOP, "", ""), "app/Owner.java", owner(""));
  }

  @Test
  void stopLoopTestingTheFieldItself() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", "while (!stopped)", "", ""),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void loopWithNoWayOut() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", "while (true)", FLAGGED, ""),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void catchFollowedByAnotherWait() {
    bothWays(
        "app/Worker.java",
        worker(
            "ServiceLoop",
            OWN_STOP,
            FLAGGED,
            "try { Thread.sleep(10); } catch (InterruptedException e) {"
                + " Thread.currentThread().interrupt(); }"),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void loopTestingSomethingElse() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", "while (!Owner.done())", FLAGGED, ""),
        "app/Owner.java",
        owner("static boolean done() { return false; }"));
  }

  @Test
  void workerAlsoHandedToAPool() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner("void runOn(java.util.concurrent.Executor pool) { pool.execute(worker); }"));
  }

  @Test
  void workerReturned() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner("Runnable worker() { return worker; }"));
  }

  @Test
  void runAlsoCalledDirectly() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner("void runHere() { worker.run(); }"));
  }

  @Test
  void baseReturnsItsThread() {
    bothWays(
        "app/Worker.java",
        worker("LeakyLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner("").replace("worker.shutdown(true);", ""));
  }

  @Test
  void baseHandsItselfToAnExecutor() {
    bothWays(
        "app/Worker.java",
        worker("PooledLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner("").replace("worker.shutdown(true);", ""));
  }

  /**
   * A worker nested in the class that keeps it, whose loop also reads that class's state ({@code
   * test}); {@code marker} goes on the line before the catch.
   */
  private static String innerWorker(String test, String marker) {
    return """
        package app;
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.LinkedBlockingQueue;
        public class Outer {
          private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
          private final Worker worker = new Worker();

          public void start() {
            worker.start();
          }

          public void send(String s) {
            pending.add(s);
          }

          public void stop() {
            worker.shutdown(true);
          }

          class Worker extends base.ServiceLoop {
            @Override
            public void run() {
              while (%s) {
                try {
                  handle(pending.take());
                %s
                } catch (InterruptedException ignored) {
                }
              }
            }

            private void handle(String s) {}
          }
        }
        """
        .formatted(test, marker);
  }

  @Test
  void innerWorkerWhoseLoopAlsoDrainsWhatItsOuterObjectHolds() {
    // As with a queue of its own: the stop comes before each interrupt, and what the loop then
    // does before it ends (draining what is queued) is the owner's own protocol.
    bothWays("app/Outer.java", innerWorker("!this.isStopped() || !pending.isEmpty()", ""));
  }

  @Test
  void innerWorkerWhoseLoopTestsOnlyWhatItsOuterObjectHolds() {
    bothWays("app/Outer.java", innerWorker("!pending.isEmpty()", FLAGGED));
  }

  // ------------------------------------------- workers handed on, but only ever as their class

  /** A class that is handed the worker and keeps it; {@code extra} is more of its members. */
  private static String holder(String extra) {
    return """
        package app;
        class Holder {
          private final Worker held;

          Holder(Worker held) {
            this.held = held;
          }

          void poke() {
            held.put("x");
          }
          %s
        }
        """
        .formatted(extra);
  }

  @Test
  void workerReturnedAsItsClass() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, "", ""),
        "app/Owner.java",
        owner("public Worker worker() { return worker; }"));
  }

  @Test
  void workerReturnedAsAnObject() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner("public Object worker() { return worker; }"));
  }

  @Test
  void workerHandedToAnotherClassAsItsClass() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, "", ""),
        "app/Owner.java",
        owner("Holder holder() { return new Holder(worker); }"),
        "app/Holder.java",
        holder(""));
  }

  @Test
  void workerHandedToAnotherClassThatHandsItToAPool() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner("Holder holder() { return new Holder(worker); }"),
        "app/Holder.java",
        holder("void runOn(java.util.concurrent.Executor pool) { pool.execute(held); }"));
  }

  @Test
  void workerKeptAsItsBaseChosenInAConditionalAndCastBack() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, "", ""),
        "app/Owner.java",
        owner(
            "private final base.ServiceLoop spare = Math.random() > 0.5 ? new Worker() : null;\n"
                + "  void sendSpare(String s) { ((Worker) spare).put(s); spare.shutdown(true); }"));
  }

  @Test
  void workerKeptAsItsBaseAndRunThroughIt() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner(
            "private final base.ServiceLoop spare = Math.random() > 0.5 ? new Worker() : null;\n"
                + "  void runSpareHere() { spare.run(); }"));
  }

  @Test
  void workerNamedByAReferenceToItsRun() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner("Holder holder() { return new Holder(worker); }"),
        "app/Holder.java",
        holder("void runOn(java.util.concurrent.Executor pool) { pool.execute(held::run); }"));
  }

  @Test
  void workerReturnedAsItsClassButAlsoMadeByAConstructorReference() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner(
            "public Worker worker() { return worker; }\n"
                + "  void runOn(java.util.concurrent.Executor pool) {\n"
                + "    java.util.function.Supplier<? extends Runnable> make = Worker::new;\n"
                + "    pool.execute(make.get());\n"
                + "  }"));
  }

  @Test
  void workersKeptInAnArray() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, "", ""),
        "app/Owner.java",
        owner(
            "private final Worker[] workers = {new Worker(), new Worker()};\n"
                + "  void startAll() { for (Worker w : workers) { w.start(); } }\n"
                + "  Worker[] workers() { return workers; }"));
  }

  @Test
  void workersArrayHandedOnAsObjects() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner(
            "private final Worker[] workers = {new Worker(), new Worker()};\n"
                + "  Object[] workers() { return workers; }"));
  }

  @Test
  void workersKeptInAList() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        owner(
            "private final java.util.List<Worker> workers = new java.util.ArrayList<>();\n"
                + "  void add() { workers.add(new Worker()); }"));
  }

  private static String stopOnly() {
    return owner("").replace("worker.shutdown(true);", "worker.stop();");
  }

  @Test
  void baseSetsTheStopStateInAMethodItCallsBeforeTheInterrupt() {
    bothWays(
        "app/Worker.java",
        worker("CallingStopLoop", OWN_STOP, "", ""),
        "app/Owner.java",
        stopOnly());
  }

  @Test
  void baseWhoseStopOnlyInterrupts() {
    bothWays(
        "app/Worker.java",
        worker("InterruptOnlyLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        stopOnly());
  }

  @Test
  void baseThatSetsTheStopStateAfterTheInterrupt() {
    bothWays(
        "app/Worker.java",
        worker("LateStopLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        stopOnly());
  }

  @Test
  void baseThatAlsoInterruptsToWakeWithoutStopping() {
    bothWays(
        "app/Worker.java",
        worker("WakingLoop", OWN_STOP, FLAGGED, ""),
        "app/Owner.java",
        stopOnly());
  }

  @Test
  void workerThatStopsBeforeItInterrupts() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, "", "")
            .replace(
                "  private void handle(String s) {}",
                "  private void handle(String s) {}\n\n"
                    + "  void abort() {\n    stopped = true;\n    thread.interrupt();\n  }"),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void workerThatInterruptsWithoutStopping() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", OWN_STOP, FLAGGED, "")
            .replace(
                "  private void handle(String s) {}",
                "  private void handle(String s) {}\n\n  void abort() {\n    thread.interrupt();\n  }"),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void loopThatTestsWhatItWorksThrough() {
    bothWays(
        "app/Worker.java",
        worker("ServiceLoop", "while (!queue.isEmpty())", FLAGGED, ""),
        "app/Owner.java",
        owner(""));
  }

  // ---------------------------------------------------------------- methods only the loop calls

  /**
   * A worker of {@code base} whose {@code run()} is {@code runBody}; {@code members} are its other
   * members (a catch's marker goes on the line before it).
   */
  private static String helperWorker(String base, String runBody, String members) {
    return """
        package app;
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.LinkedBlockingQueue;
        class Worker extends base.%s {
          private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

          void put(String s) {
            queue.add(s);
          }

          @Override
          public void run() {
            %s
          }

          private void handle(String s) {}

          %s
        }
        """
        .formatted(base, runBody, members);
  }

  private static String step(String marker, String after) {
    return """
        private void step() {
          try {
            handle(queue.take());
          %s
          } catch (InterruptedException ignored) {
          }
          %s
        }
        """
        .formatted(marker, after);
  }

  private static final String LOOP_CALLS_STEP = "while (!this.isStopped()) { step(); }";

  @Test
  void methodOnlyTheStopLoopCalls() {
    bothWays(
        "app/Worker.java",
        helperWorker("ServiceLoop", LOOP_CALLS_STEP, step("", "")),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void methodOnlyTheStopLoopCallsAlsoCalledFromElsewhere() {
    bothWays(
        "app/Worker.java",
        helperWorker("ServiceLoop", LOOP_CALLS_STEP, step(FLAGGED, "") + "void poke() { step(); }"),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void methodOnlyTheStopLoopCallsThatOthersCanCall() {
    bothWays(
        "app/Worker.java",
        helperWorker("ServiceLoop", LOOP_CALLS_STEP, step(FLAGGED, ""))
            .replace("class Worker", "public class Worker")
            .replace("private void step()", "public void step()"),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void methodOnlyTheStopLoopCallsFollowedByAWaitInTheLoop() {
    bothWays(
        "app/Worker.java",
        helperWorker(
            "ServiceLoop",
            "while (!this.isStopped()) { step(); try { Thread.sleep(10); }"
                + " catch (InterruptedException e) { Thread.currentThread().interrupt(); } }",
            step(FLAGGED, "")),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void methodOnlyTheStopLoopCallsThatWaitsAfterTheCatch() {
    bothWays(
        "app/Worker.java",
        helperWorker(
            "ServiceLoop",
            LOOP_CALLS_STEP,
            step(
                FLAGGED,
                "try { Thread.sleep(10); } catch (InterruptedException e) {"
                    + " Thread.currentThread().interrupt(); }")),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void methodOnlyTheStopLoopCallsWhoseCatchGoesRoundItsOwnLoop() {
    bothWays(
        "app/Worker.java",
        helperWorker(
            "ServiceLoop",
            LOOP_CALLS_STEP,
            """
            private void step() {
              while (queue.isEmpty()) {
                try {
                  Thread.sleep(10);
                // BUG: Diagnostic contains: without restoring
                } catch (InterruptedException ignored) {
                }
              }
            }
            """),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void methodOnlyTheStopLoopCallsOfABaseWhoseStopOnlyInterrupts() {
    bothWays(
        "app/Worker.java",
        helperWorker("InterruptOnlyLoop", LOOP_CALLS_STEP, step(FLAGGED, "")),
        "app/Owner.java",
        stopOnly());
  }

  @Test
  void methodOnlyTheStopLoopCallsOfAWorkerAlsoHandedToAPool() {
    bothWays(
        "app/Worker.java",
        helperWorker("ServiceLoop", LOOP_CALLS_STEP, step(FLAGGED, "")),
        "app/Owner.java",
        owner("void runOn(java.util.concurrent.Executor pool) { pool.execute(worker); }"));
  }

  @Test
  void methodTheStopLoopsTestCalls() {
    bothWays(
        "app/Worker.java",
        helperWorker(
            "ServiceLoop",
            "while (!this.isStopped() && step()) {}",
            """
            private boolean step() {
              try {
                handle(queue.take());
              } catch (InterruptedException e) {
                return false;
              }
              return true;
            }
            """),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void methodTheStopLoopsTestCallsInALoopThatWaits() {
    bothWays(
        "app/Worker.java",
        helperWorker(
            "ServiceLoop",
            "while (!this.isStopped() && step()) { try { Thread.sleep(10); }"
                + " catch (InterruptedException e) { Thread.currentThread().interrupt(); } }",
            """
            private boolean step() {
              try {
                handle(queue.take());
              // BUG: Diagnostic contains: without restoring
              } catch (InterruptedException e) {
                return false;
              }
              return true;
            }
            """),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void methodCalledLastByAMethodOnlyTheStopLoopCalls() {
    bothWays(
        "app/Worker.java",
        helperWorker(
            "ServiceLoop",
            "while (!this.isStopped()) { outer(); }",
            step("", "") + "private void outer() { handle(\"x\"); step(); }"),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void methodCalledBeforeAWaitByAMethodOnlyTheStopLoopCalls() {
    bothWays(
        "app/Worker.java",
        helperWorker(
            "ServiceLoop",
            "while (!this.isStopped()) { outer(); }",
            step(FLAGGED, "")
                + "private void outer() { step(); try { Thread.sleep(10); }"
                + " catch (InterruptedException e) { Thread.currentThread().interrupt(); } }"),
        "app/Owner.java",
        owner(""));
  }

  private static final String LAST_SLEEP =
      """
      try {
        Thread.sleep(10);
      %s
      } catch (InterruptedException e) {
      }
      handle("last");
      """;

  @Test
  void catchAtTheEndOfTheThreadsWork() {
    bothWays(
        "app/Worker.java",
        helperWorker("ServiceLoop", LOOP_CALLS_STEP + LAST_SLEEP.formatted(""), step("", "")),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void catchBeforeTheLoopOfTheThreadsWork() {
    bothWays(
        "app/Worker.java",
        helperWorker(
            "ServiceLoop",
            LAST_SLEEP.formatted(FLAGGED) + "while (!this.isStopped()) { handle(\"x\"); }",
            ""),
        "app/Owner.java",
        owner(""));
  }

  @Test
  void catchAtTheEndOfTheWorkOfAThreadHandedToAPool() {
    bothWays(
        "app/Worker.java",
        helperWorker("ServiceLoop", LAST_SLEEP.formatted(FLAGGED), ""),
        "app/Owner.java",
        owner("void runOn(java.util.concurrent.Executor pool) { pool.execute(worker); }"));
  }
}
