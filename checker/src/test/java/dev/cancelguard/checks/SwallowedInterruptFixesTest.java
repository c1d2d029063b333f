package dev.cancelguard.checks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixes of SwallowedInterrupt, each chosen by where the catch sits, checked three ways: the
 * exact text of the fix; the fixed code compiled with every CancelGuard check, which must report
 * nothing; and the fixed program run on an interrupted thread, which must stop promptly (or, for an
 * uninterruptible wait, go on waiting without burning CPU) and leave the flag set.
 */
class SwallowedInterruptFixesTest {
  /**
   * CPU time a thread may use while it sits interrupted. A waiting thread uses well under a
   * millisecond; a spinning one uses far more even on a loaded machine.
   */
  private static final long IDLE_CPU_NANOS = 20_000_000L;

  /** How long an interrupted thread is watched for spinning. */
  private static final long WATCH_MILLIS = 500;

  @TempDir Path classes;

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  // ------------------------------------------------------------------ restore at once

  private static final String POLLER =
      """
      class Poller implements Runnable {
        volatile int rounds;

        @Override
        public void run() {
          while (!Thread.currentThread().isInterrupted()) {
            rounds++;
            pause();
          }
        }

        private void pause() {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            System.err.println("pause cut short");
          }
        }
      }
      """;

  private static final String POLLER_FIXED =
      """
      class Poller implements Runnable {
        volatile int rounds;

        @Override
        public void run() {
          while (!Thread.currentThread().isInterrupted()) {
            rounds++;
            pause();
          }
        }

        private void pause() {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("pause cut short");
          }
        }
      }
      """;

  @Test
  void restore_whenNothingAfterTheCatchBlocksAgain() {
    refactoring
        .addInputLines("Poller.java", POLLER)
        .addOutputLines("Poller.java", POLLER_FIXED)
        .doTest();
    EveryCheck.helper(getClass()).addSourceLines("Poller.java", POLLER_FIXED).doTest();
  }

  @Test
  void restore_runsAndStopsPromptly() throws Exception {
    Runnable poller = (Runnable) instantiate("Poller", POLLER_FIXED);
    Run run = Run.start(poller::run);
    Thread.sleep(50);
    run.thread.interrupt();
    run.assertEndsPromptly();
  }

  // ------------------------------------------------- record, restore after the loop

  private static final String MAILBOX =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.LinkedBlockingQueue;

      class Mailbox {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        String next() {
          String item = null;
          while (item == null) {
            try {
              item = queue.take();
            } catch (InterruptedException e) {
              System.err.println("interrupted; still waiting for the next message");
            }
          }
          return item;
        }
      }
      """;

  private static final String MAILBOX_FIXED =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.LinkedBlockingQueue;

      class Mailbox {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        String next() {
          String item = null;
          boolean interrupted = false;
          try {
            while (item == null) {
              try {
                item = queue.take();
              } catch (InterruptedException e) {
                interrupted = true;
                System.err.println("interrupted; still waiting for the next message");
              }
            }
          } finally {
            if (interrupted) {
              Thread.currentThread().interrupt();
            }
          }
          return item;
        }
      }
      """;

  /**
   * What a restore at the top of the catch would have made of it: a loop that spins (here for three
   * seconds at most, so that the demonstration ends by itself, and still spins while a loaded
   * machine gets round to measuring it).
   */
  private static final String MAILBOX_RESTORED_IN_THE_LOOP =
      MAILBOX
          .replace(
              "while (item == null) {",
              "long end = System.nanoTime() + 3_000_000_000L;\n"
                  + "    while (item == null && System.nanoTime() < end) {")
          .replace(
              "} catch (InterruptedException e) {",
              "} catch (InterruptedException e) {\n        Thread.currentThread().interrupt();");

  @Test
  void recordAndRestoreAfter_whenTheCatchGoesBackRoundALoopThatBlocks() {
    refactoring
        .addInputLines("Mailbox.java", MAILBOX)
        .addOutputLines("Mailbox.java", MAILBOX_FIXED)
        .doTest();
    EveryCheck.helper(getClass()).addSourceLines("Mailbox.java", MAILBOX_FIXED).doTest();
  }

  @Test
  @SuppressWarnings("unchecked")
  void recordAndRestoreAfter_waitsWithoutSpinningThenRestores() throws Exception {
    Object mailbox = instantiate("Mailbox", MAILBOX_FIXED);
    var queueField = mailbox.getClass().getDeclaredField("queue");
    queueField.setAccessible(true);
    BlockingQueue<String> queue = (BlockingQueue<String>) queueField.get(mailbox);
    Method next = mailbox.getClass().getDeclaredMethod("next");
    next.setAccessible(true);
    AtomicReference<Object> got = new AtomicReference<>();
    Run run = Run.start(() -> got.set(invoke(next, mailbox)));
    Thread.sleep(50);
    run.thread.interrupt();
    run.assertIdleFor(WATCH_MILLIS);
    queue.put("hello");
    run.assertEndsPromptly();
    assertEquals("hello", got.get());
  }

  @Test
  void restoreInTheLoop_wouldSpin() throws Exception {
    // The demonstration that the test above can fail: the naive fix burns CPU.
    Object mailbox = instantiate("Mailbox", MAILBOX_RESTORED_IN_THE_LOOP);
    Method next = mailbox.getClass().getDeclaredMethod("next");
    next.setAccessible(true);
    PrintStream err = System.err;
    System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, UTF_8));
    try {
      Run run = Run.start(() -> invoke(next, mailbox));
      Thread.sleep(50);
      run.thread.interrupt();
      long used = run.cpuOver(800);
      assertTrue(used > IDLE_CPU_NANOS, "the restore inside the loop should spin; used " + used);
      run.thread.join(); // it gives up after three seconds
    } finally {
      System.setErr(err);
    }
  }

  // ------------------------------------------------------------ a wait() loop under a lock

  private static final String SLOT =
      """
      class Slot {
        private Object item;

        synchronized Object take() {
          while (item == null) {
            try {
              wait();
            } catch (InterruptedException e) {
              // keep waiting
            }
          }
          Object taken = item;
          item = null;
          return taken;
        }

        synchronized void put(Object value) {
          item = value;
          notifyAll();
        }
      }
      """;

  private static final String SLOT_FIXED =
      """
      class Slot {
        private Object item;

        synchronized Object take() {
          boolean interrupted = false;
          try {
            while (item == null) {
              try {
                wait();
              } catch (InterruptedException e) {
                interrupted = true;
                // keep waiting
              }
            }
          } finally {
            if (interrupted) {
              Thread.currentThread().interrupt();
            }
          }
          Object taken = item;
          item = null;
          return taken;
        }

        synchronized void put(Object value) {
          item = value;
          notifyAll();
        }
      }
      """;

  @Test
  void recordAndRestoreAfter_forAWaitLoopUnderALock() {
    refactoring.addInputLines("Slot.java", SLOT).addOutputLines("Slot.java", SLOT_FIXED).doTest();
    EveryCheck.helper(getClass()).addSourceLines("Slot.java", SLOT_FIXED).doTest();
  }

  @Test
  void recordAndRestoreAfter_waitLoopLetsOthersTakeTheLock() throws Exception {
    Object slot = instantiate("Slot", SLOT_FIXED);
    Method take = slot.getClass().getDeclaredMethod("take");
    Method put = slot.getClass().getDeclaredMethod("put", Object.class);
    take.setAccessible(true);
    put.setAccessible(true);
    AtomicReference<Object> got = new AtomicReference<>();
    Run run = Run.start(() -> got.set(invoke(take, slot)));
    Thread.sleep(50);
    run.thread.interrupt();
    run.assertIdleFor(WATCH_MILLIS);
    Run putter = Run.start(() -> invoke(put, slot, "item"));
    putter.thread.join(1_000);
    assertFalse(putter.thread.isAlive(), "the lock is held by the interrupted waiter");
    run.assertEndsPromptly();
    assertEquals("item", got.get());
  }

  // ------------------------------------------------------------------ leave the loop

  private static final String DRAINER =
      """
            import java.util.List;
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.CopyOnWriteArrayList;
      import java.util.concurrent.LinkedBlockingQueue;

      class Drainer implements Runnable {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final List<String> seen = new CopyOnWriteArrayList<>();

        Thread start() {
          Thread thread = new Thread(this, "drainer");
          thread.start();
          return thread;
        }

        @Override
        public void run() {
          while (true) {
            try {
              seen.add(queue.take());
            } catch (InterruptedException e) {
              System.err.println("drainer interrupted");
            }
          }
        }
      }
      """;

  private static final String DRAINER_FIXED =
      """
            import java.util.List;
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.CopyOnWriteArrayList;
      import java.util.concurrent.LinkedBlockingQueue;

      class Drainer implements Runnable {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final List<String> seen = new CopyOnWriteArrayList<>();

        Thread start() {
          Thread thread = new Thread(this, "drainer");
          thread.start();
          return thread;
        }

        @Override
        public void run() {
          while (true) {
            try {
              seen.add(queue.take());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              System.err.println("drainer interrupted");
              break;
            }
          }
        }
      }
      """;

  @Test
  void leaveTheLoop_inAThreadsWholeWork() {
    refactoring
        .addInputLines("Drainer.java", DRAINER)
        .addOutputLines("Drainer.java", DRAINER_FIXED)
        .doTest();
    EveryCheck.helper(getClass()).addSourceLines("Drainer.java", DRAINER_FIXED).doTest();
  }

  private static final String WATCHER =
      """
      import java.util.Queue;
      import java.util.concurrent.ConcurrentLinkedQueue;
      class Watcher {
        private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
        private final Thread thread =
            new Thread(
                () -> {
                  for (; ; ) {
                    Runnable task = pending.poll();
                    if (task != null) {
                      task.run();
                    }
                    try {
                      Thread.sleep(1000);
                    } catch (InterruptedException ignore) {
                    }
                    if (pending.isEmpty()) {
                      break;
                    }
                  }
                });

        Watcher() {
          thread.start();
        }

        void add(Runnable task) {
          pending.add(task);
        }
      }
      """;

  @Test
  void recordAndRestoreAfter_notLeaveTheLoop_onAThreadItsClassKeepsAndNeverInterrupts() {
    // Nobody can interrupt this thread but its class, which never does: leaving its loop on a
    // stray interrupt would end the only thread doing that work. It keeps going and restores the
    // flag when its loop ends by its own protocol.
    refactoring
        .addInputLines("Watcher.java", WATCHER)
        .addOutputLines(
            "Watcher.java",
            WATCHER
                .replace(
                    "            for (; ; ) {\n",
                    "            boolean interrupted = false;\n"
                        + "            try {\n"
                        + "            for (; ; ) {\n")
                .replace(
                    "              } catch (InterruptedException ignore) {\n",
                    "              } catch (InterruptedException ignore) {\n"
                        + "                interrupted = true;\n")
                .replace(
                    "                break;\n              }\n            }\n",
                    "                break;\n              }\n            }\n"
                        + "            } finally {\n"
                        + "              if (interrupted) {\n"
                        + "                Thread.currentThread().interrupt();\n"
                        + "              }\n"
                        + "            }\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void leaveTheLoop_onAThreadHandedOut() {
    String handedOut =
        WATCHER.replace(
            "  void add(Runnable task) {\n",
            "  Thread thread() {\n    return thread;\n  }\n\n  void add(Runnable task) {\n");
    refactoring
        .addInputLines("Watcher.java", handedOut)
        .addOutputLines(
            "Watcher.java",
            handedOut.replace(
                "              } catch (InterruptedException ignore) {\n",
                "              } catch (InterruptedException ignore) {\n"
                    + "                Thread.currentThread().interrupt();\n"
                    + "                break;\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  private static final String REFERENCE_CLEANER =
      """
      package refs;

      import java.lang.ref.Reference;
      import java.lang.ref.ReferenceQueue;

      public abstract class AutoReference {
        static ReferenceQueue<Object> queue() {
          return Cleaner.QUEUE;
        }

        static class Cleaner implements Runnable {
          private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();

          static {
            Thread thread = new Thread(new Cleaner(), "reference cleaner");
            thread.setDaemon(true);
            thread.start();
          }

          public void run() {
            for (; ; ) {
              try {
                Reference<?> reference = QUEUE.remove();
                reference.clear();
              } catch (InterruptedException ignored) {
              }
            }
          }
        }
      }
      """;

  private static final String REFERENCE_CLEANER_LEFT_ON_INTERRUPT =
      REFERENCE_CLEANER.replace(
          "        } catch (InterruptedException ignored) {\n",
          "        } catch (InterruptedException ignored) {\n"
              + "          Thread.currentThread().interrupt();\n"
              + "          break;\n");

  @Test
  void none_onTheCleanerThreadOfAClassOnlyItsPackageCanName() {
    // The cleaner class can be named only in its package, and no other file there names it: its
    // one thread is made here, kept in a local and never interrupted. Leaving the loop on a stray
    // interrupt would stop the only thread that clears references, for good; the loop never ends,
    // so no record restored after it would ever be reached either.
    refactoring
        .addInputLines("refs/AutoReference.java", REFERENCE_CLEANER)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void leaveTheLoop_whenAnotherFileOfThePackageMakesTheCleaner() {
    // Another file of the package runs a cleaner on a thread of its own: that thread may be
    // interrupted to stop it.
    refactoring
        .addInputLines("refs/AutoReference.java", REFERENCE_CLEANER)
        .addOutputLines("refs/AutoReference.java", REFERENCE_CLEANER_LEFT_ON_INTERRUPT)
        .addInputLines(
            "refs/Reaper.java",
            """
            package refs;

            class Reaper {
              Thread start() {
                Thread thread = new Thread(new AutoReference.Cleaner());
                thread.start();
                return thread;
              }
            }
            """)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void leaveTheLoop_whenTheCleanerClassIsPublic() {
    String open =
        REFERENCE_CLEANER.replace("  static class Cleaner", "  public static class Cleaner");
    refactoring
        .addInputLines("refs/AutoReference.java", open)
        .addOutputLines(
            "refs/AutoReference.java",
            REFERENCE_CLEANER_LEFT_ON_INTERRUPT.replace(
                "  static class Cleaner", "  public static class Cleaner"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void leaveTheLoop_whenTheCleanerThreadIsHandedOut() {
    String stored =
        REFERENCE_CLEANER.replace(
            "      Thread thread = new Thread(new Cleaner(), \"reference cleaner\");\n",
            "      Thread thread = new Thread(new Cleaner(), \"reference cleaner\");\n"
                + "      cleanerThread = thread;\n");
    String withField =
        stored.replace(
            "  static class Cleaner implements Runnable {\n",
            "  public static Thread cleanerThread;\n\n"
                + "  static class Cleaner implements Runnable {\n");
    refactoring
        .addInputLines("refs/AutoReference.java", withField)
        .addOutputLines(
            "refs/AutoReference.java",
            withField.replace(
                "        } catch (InterruptedException ignored) {\n",
                "        } catch (InterruptedException ignored) {\n"
                    + "          Thread.currentThread().interrupt();\n"
                    + "          break;\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void leaveTheLoop_whenTheClassInterruptsTheCleanerThread() {
    String interrupted =
        REFERENCE_CLEANER
            .replace(
                "      Thread thread = new Thread(new Cleaner(), \"reference cleaner\");\n",
                "      Thread thread = new Thread(new Cleaner(), \"reference cleaner\");\n"
                    + "      cleanerThread = thread;\n")
            .replace(
                "  static class Cleaner implements Runnable {\n",
                "  private static Thread cleanerThread;\n\n"
                    + "  static void stopCleaner() {\n"
                    + "    cleanerThread.interrupt();\n"
                    + "  }\n\n"
                    + "  static class Cleaner implements Runnable {\n");
    refactoring
        .addInputLines("refs/AutoReference.java", interrupted)
        .addOutputLines(
            "refs/AutoReference.java",
            interrupted.replace(
                "        } catch (InterruptedException ignored) {\n",
                "        } catch (InterruptedException ignored) {\n"
                    + "          Thread.currentThread().interrupt();\n"
                    + "          break;\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  private static final String RESETTING_PUMP =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.LinkedBlockingQueue;

      class Pump implements Runnable {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        volatile Pump running = this;

        @Override
        public void run() {
          while (true) {
            try {
              String item = queue.take();
              if (item.isEmpty()) {
                running = null;
                break;
              }
              System.out.println(item);
            } catch (InterruptedException e) {
              System.err.println("pump interrupted");
            }
          }
        }
      }
      """;

  @Test
  void noFix_notLeaveTheLoop_whoseOwnExitResetsState() {
    // The loop's own way out clears what says the pump runs: a break from the catch would leave
    // `running` set, and nobody would start a new pump. Nor is the interrupt recorded: the loop is
    // the task's whole work and goes on until its own exit, so the interrupted pump would go on
    // taking items. No fix.
    refactoring.addInputLines("Pump.java", RESETTING_PUMP).expectUnchanged().doTest();
  }

  @Test
  void leaveTheLoop_whoseOwnExitOnlyReports() {
    // Logging on the way out changes nothing a break would skip: the loop is left.
    String reporting =
        RESETTING_PUMP.replace(
            "          running = null;\n", "          System.out.println(\"done\");\n");
    refactoring
        .addInputLines("Pump.java", reporting)
        .addOutputLines(
            "Pump.java",
            reporting.replace(
                "        System.err.println(\"pump interrupted\");\n",
                "        Thread.currentThread().interrupt();\n"
                    + "        System.err.println(\"pump interrupted\");\n"
                    + "        break;\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void leaveTheLoop_whenTheStateChangesOnEveryRound() {
    // What every round does before the loop's exit test is no cleanup of the way out.
    String counting =
        RESETTING_PUMP
            .replace(
                "        String item = queue.take();\n",
                "        String item = queue.take();\n        taken++;\n")
            .replace("          running = null;\n", "")
            .replace("  volatile Pump running = this;\n", "  int taken;\n");
    refactoring
        .addInputLines("Pump.java", counting)
        .addOutputLines(
            "Pump.java",
            counting.replace(
                "        System.err.println(\"pump interrupted\");\n",
                "        Thread.currentThread().interrupt();\n"
                    + "        System.err.println(\"pump interrupted\");\n"
                    + "        break;\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void noFix_whenTheOwnExitCallsTheObjectsCleanup() {
    // `unregister(); return;` in the branch of a branch: still the loop's own way out, and the
    // loop is still the task's whole work: no fix.
    String unregisters =
        RESETTING_PUMP
            .replace(
                "        if (item.isEmpty()) {\n          running = null;\n          break;\n"
                    + "        }\n",
                "        if (item.isEmpty()) {\n          if (queue.isEmpty()) {\n"
                    + "            unregister();\n            return;\n          }\n"
                    + "        }\n")
            .replace(
                "  @Override\n",
                "  private void unregister() {\n    running = null;\n  }\n\n  @Override\n");
    refactoring.addInputLines("Pump.java", unregisters).expectUnchanged().doTest();
  }

  private static final String RECEIVER =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.LinkedBlockingQueue;
      import java.util.concurrent.TimeUnit;

      class Receiver implements Runnable {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        protected Thread runner;
        protected volatile boolean running;

        void start() {
          running = true;
          runner = new Thread(this, "receiver");
          runner.start();
        }

        void stop() {
          running = false;
        }

        @Override
        public void run() {
          while (running) {
            try {
              String item = queue.poll(1, TimeUnit.SECONDS);
              if (item != null) {
                System.out.println(item);
              }
            } catch (InterruptedException e) {
              System.err.println("receiver interrupted");
            }
          }
        }
      }
      """;

  /** {@link #RECEIVER}-like code with the catch left by restoring and breaking out. */
  private static String leftOnInterrupt(String receiver) {
    return receiver.replace(
        "        System.err.println(\"receiver interrupted\");\n",
        "        Thread.currentThread().interrupt();\n"
            + "        System.err.println(\"receiver interrupted\");\n"
            + "        break;\n");
  }

  @Test
  void recordAndRestoreAfter_notLeaveTheLoop_ofAWorkerRunByItsRunningFlag() {
    // stop() ends the loop through `running`, and nothing in the file interrupts the receiver: an
    // interrupt is a stray one. Left on it, the only receiver would end while `running` still says
    // it runs. The loop goes on; the flag is restored once stop() ends it.
    refactoring
        .addInputLines("Receiver.java", RECEIVER)
        .addOutputLines(
            "Receiver.java",
            RECEIVER
                .replace(
                    "    while (running) {\n",
                    "    boolean interrupted = false;\n    try {\n    while (running) {\n")
                .replace(
                    "      } catch (InterruptedException e) {\n",
                    "      } catch (InterruptedException e) {\n        interrupted = true;\n")
                .replace(
                    "        System.err.println(\"receiver interrupted\");\n      }\n    }\n",
                    "        System.err.println(\"receiver interrupted\");\n      }\n    }\n"
                        + "    } finally {\n"
                        + "      if (interrupted) {\n"
                        + "        Thread.currentThread().interrupt();\n"
                        + "      }\n"
                        + "    }\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void leaveTheLoop_ofAWorkerTheClassStopsByAnInterrupt() {
    // abort() interrupts the receiver: an interrupt is one of its stops, and leaving on it is
    // what abort() asks for.
    String interrupting =
        RECEIVER.replace(
            "  void stop() {\n",
            "  void abort() {\n    runner.interrupt();\n  }\n\n  void stop() {\n");
    refactoring
        .addInputLines("Receiver.java", interrupting)
        .addOutputLines("Receiver.java", leftOnInterrupt(interrupting))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void leaveTheLoop_whenTheCatchAlsoClearsTheRunningFlag() {
    // The catch itself sets the state the loop tests: leaving is a stop, seen as one. On a pool
    // handed in (on a thread of its own, the loop and the thread would end at the test, and the
    // catch is not reported: SwallowedInterruptOwnRunnerThreadTest).
    String stopping =
        RECEIVER
            .replace(
                "        System.err.println(\"receiver interrupted\");\n",
                "        System.err.println(\"receiver interrupted\");\n        running = false;\n")
            .replace(
                "  void start() {\n    running = true;\n    runner = new Thread(this, \"receiver\");\n"
                    + "    runner.start();\n  }\n",
                "  void start(java.util.concurrent.Executor pool) {\n    running = true;\n"
                    + "    pool.execute(this);\n  }\n");
    refactoring
        .addInputLines("Receiver.java", stopping)
        .addOutputLines(
            "Receiver.java",
            stopping
                .replace(
                    "        running = false;\n      }\n",
                    "        running = false;\n        break;\n      }\n")
                .replace(
                    "      } catch (InterruptedException e) {\n",
                    "      } catch (InterruptedException e) {\n"
                        + "        Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void leaveTheLoop_ofAWorkerWhosePauseEndsItOnAnInterrupt() {
    // The loop's own pause ends it on an interrupt: its owner takes an interrupt for its end.
    String pausing =
        RECEIVER.replace(
            "        System.err.println(\"receiver interrupted\");\n      }\n",
            "        System.err.println(\"receiver interrupted\");\n      }\n"
                + "      try {\n"
                + "        Thread.sleep(10);\n"
                + "      } catch (InterruptedException e) {\n"
                + "        Thread.currentThread().interrupt();\n"
                + "        return;\n"
                + "      }\n");
    refactoring
        .addInputLines("Receiver.java", pausing)
        .addOutputLines("Receiver.java", leftOnInterrupt(pausing))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void leaveTheLoop_ofALoopThatWorksThroughWhatItsObjectHolds() {
    // `while (!queue.isEmpty())` tests what the loop works through, not a state that says it runs.
    String draining = RECEIVER.replace("while (running) {", "while (!queue.isEmpty()) {");
    refactoring
        .addInputLines("Receiver.java", draining)
        .addOutputLines("Receiver.java", leftOnInterrupt(draining))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  private static final String LAZY_CLEANER =
      """
      import java.lang.ref.Reference;
      import java.lang.ref.ReferenceQueue;
      import java.util.concurrent.Executor;

      class LazyCleaner {
        private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
        private final Executor executor;
        private boolean threadRunning;
        private int registered;

        LazyCleaner(Executor executor) {
          this.executor = executor;
        }

        synchronized void register() {
          registered++;
          if (!threadRunning) {
            threadRunning = true;
            executor.execute(
                () -> {
                  while (true) {
                    try {
                      Reference<?> ref = queue.remove(1000);
                      if (ref != null) {
                        cleaned();
                      } else if (checkEmpty()) {
                        break;
                      }
                    } catch (InterruptedException e) {
                      System.err.println("cleaner interrupted");
                    }
                  }
                });
          }
        }

        private synchronized void cleaned() {
          registered--;
        }

        private synchronized boolean checkEmpty() {
          if (registered == 0) {
            threadRunning = false;
            return true;
          }
          return false;
        }
      }
      """;

  @Test
  void noFix_notLeaveTheLoop_whoseExitTestReleasesTheRun() {
    // checkEmpty() resets threadRunning on the loop's own way out, so that register() starts a new
    // cleaner: left from the catch, threadRunning would stay set and no cleaner would run again.
    // Recorded, the interrupted cleaner would go on until its own exit: no fix.
    refactoring.addInputLines("LazyCleaner.java", LAZY_CLEANER).expectUnchanged().doTest();
  }

  @Test
  void leaveTheLoop_whoseExitTestOnlyReadsState() {
    // The exit test reads a field and changes nothing: leaving from the catch skips no reset.
    String reading =
        LAZY_CLEANER.replace("} else if (checkEmpty()) {", "} else if (registered == 0) {");
    refactoring
        .addInputLines("LazyCleaner.java", reading)
        .addOutputLines(
            "LazyCleaner.java",
            reading.replace(
                "                System.err.println(\"cleaner interrupted\");\n",
                "                Thread.currentThread().interrupt();\n"
                    + "                System.err.println(\"cleaner interrupted\");\n"
                    + "                break;\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void leaveTheLoop_stopsPromptly() throws Exception {
    Runnable drainer = (Runnable) instantiate("Drainer", DRAINER_FIXED);
    Run run = Run.start(drainer::run);
    Thread.sleep(50);
    run.thread.interrupt();
    run.assertEndsPromptly();
  }

  private static final String TASK_LOOP_WITH_CLEANUP_AFTER =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.ExecutorService;

      class Forwarder {
        void start(ExecutorService pool, BlockingQueue<String> in, BlockingQueue<String> out) {
          pool.execute(
              () -> {
                for (int i = 0; i < 100; i++) {
                  try {
                    out.put(in.take());
                  } catch (InterruptedException e) {
                    System.err.println("interrupted");
                  }
                }
                try {
                  out.put("end");
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
        }
      }
      """;

  @Test
  void none_whenTheCleanupAfterTheLoopDeclaresWhatFollowsUses() {
    // `end` is declared before the last put and used after it: wrapped in a try, it would go out
    // of scope. Restored after the loop only, the flag would make that last put throw at once and
    // the end marker be lost: no fix.
    refactoring
        .addInputLines(
            "Forwarder.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;

            class Forwarder {
              void start(ExecutorService pool, BlockingQueue<String> in, BlockingQueue<String> out) {
                pool.execute(
                    () -> {
                      for (int i = 0; i < 100; i++) {
                        try {
                          out.put(in.take());
                        } catch (InterruptedException e) {
                          System.err.println("interrupted");
                        }
                      }
                      String end = "end";
                      try {
                        out.put(end);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      System.err.println(end);
                    });
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void recordAndRestoreAfter_theInnerLoopAndTheRestOfTheRoundThatWaits() {
    // The put that ends a round would throw at once with the flag restored before it: the restore
    // goes after it. The outer loop ends on an interrupt (its put's catch restores and returns).
    refactoring
        .addInputLines(
            "Forwarder.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;

            class Forwarder {
              void start(ExecutorService pool, BlockingQueue<String> in, BlockingQueue<String> out) {
                pool.execute(
                    () -> {
                      for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < 100; i++) {
                          try {
                            out.put(in.take());
                          } catch (InterruptedException e) {
                            System.err.println("interrupted");
                          }
                        }
                        try {
                          out.put("end of round");
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                          return;
                        }
                      }
                    });
              }
            }
            """)
        .addOutputLines(
            "Forwarder.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;

            class Forwarder {
              void start(ExecutorService pool, BlockingQueue<String> in, BlockingQueue<String> out) {
                pool.execute(
                    () -> {
                      for (int round = 0; round < 3; round++) {
                        boolean interrupted2 = false;
                        try {
                          for (int i = 0; i < 100; i++) {
                            try {
                              out.put(in.take());
                            } catch (InterruptedException e) {
                              interrupted2 = true;
                              System.err.println("interrupted");
                            }
                          }
                          try {
                            out.put("end of round");
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                          }
                        } finally {
                          if (interrupted2) {
                            Thread.currentThread().interrupt();
                          }
                        }
                      }
                    });
              }
            }
            """)
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void recordAndRestoreAfter_inATaskWhenBlockingCodeFollowsTheLoop() {
    // Leaving the loop would run into the put() after it with the flag set; the interrupt is
    // recorded instead, and restored once that last put, the task's cleanup, is done (restored
    // before it, the flag would make it throw at once and the end marker would never be sent).
    refactoring
        .addInputLines("Forwarder.java", TASK_LOOP_WITH_CLEANUP_AFTER)
        .addOutputLines(
            "Forwarder.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;

            class Forwarder {
              void start(ExecutorService pool, BlockingQueue<String> in, BlockingQueue<String> out) {
                pool.execute(
                    () -> {
                      boolean interrupted = false;
                      try {
                        for (int i = 0; i < 100; i++) {
                          try {
                            out.put(in.take());
                          } catch (InterruptedException e) {
                            interrupted = true;
                            System.err.println("interrupted");
                          }
                        }
                        try {
                          out.put("end");
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      } finally {
                        if (interrupted) {
                          Thread.currentThread().interrupt();
                        }
                      }
                    });
              }
            }
            """)
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  // --------------------------------------------------------------------- no safe fix
  @Test
  void noFix_forALoopThatNeverEndsOutsideATask() {
    // A restore after a loop that never ends would never run; a restore inside it would spin.
    refactoring
        .addInputLines(
            "Relay.java",
            """
            import java.util.concurrent.BlockingQueue;

            class Relay {
              void relay(BlockingQueue<String> in, BlockingQueue<String> out) {
                while (true) {
                  try {
                    out.put(in.take());
                  } catch (InterruptedException e) {
                    System.err.println("interrupted");
                  }
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFix_whenAFinallyAroundTheCatchBlocks() {
    refactoring
        .addInputLines(
            "Closer.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;

            class Closer {
              void run(ExecutorService pool, Runnable step) {
                try {
                  try {
                    pool.submit(step).get();
                  } catch (InterruptedException e) {
                    System.err.println("interrupted");
                  } catch (java.util.concurrent.ExecutionException e) {
                    System.err.println("failed");
                  }
                } finally {
                  try {
                    pool.awaitTermination(1, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void recordAndRestoreAfter_nestedLoopsGetAFlagEach() {
    // Both catches record; the inner loop's flag is declared inside the outer loop's try, so it
    // needs a name of its own for the two fixes together to compile. (The outer loop ends on the
    // flag, so the inner restore does not send it round into a wait that throws at once.)
    refactoring
        .addInputLines(
            "Waiter.java",
            """
            class Waiter {
              boolean done;
              boolean ready;

              synchronized void await() {
                while (!done && !Thread.currentThread().isInterrupted()) {
                  try {
                    wait();
                  } catch (InterruptedException e) {
                  }
                  while (!ready) {
                    try {
                      wait();
                    } catch (InterruptedException e) {
                    }
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Waiter.java",
            """
            class Waiter {
              boolean done;
              boolean ready;

              synchronized void await() {
                boolean interrupted = false;
                try {
                  while (!done && !Thread.currentThread().isInterrupted()) {
                    try {
                      wait();
                    } catch (InterruptedException e) {
                      interrupted = true;
                    }
                    boolean interrupted2 = false;
                    try {
                      while (!ready) {
                        try {
                          wait();
                        } catch (InterruptedException e) {
                          interrupted2 = true;
                        }
                      }
                    } finally {
                      if (interrupted2) {
                        Thread.currentThread().interrupt();
                      }
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void noFix_whenTheCatchGoesOnToABlockingCall() {
    // A restore in the first catch would make the second join throw at once: the data source
    // would then be closed while that thread may still use it. The second catch has nothing
    // blocking after it and is restored.
    refactoring
        .addInputLines(
            "Store.java",
            """
            class Store {
              void shutdown(Thread misfires, Thread cluster, Runnable closeDataSource) {
                try {
                  misfires.join();
                } catch (InterruptedException ignore) {
                }
                try {
                  cluster.join();
                } catch (InterruptedException ignore) {
                }
                closeDataSource.run();
              }
            }
            """)
        .addOutputLines(
            "Store.java",
            """
            class Store {
              void shutdown(Thread misfires, Thread cluster, Runnable closeDataSource) {
                try {
                  misfires.join();
                } catch (InterruptedException ignore) {
                }
                try {
                  cluster.join();
                } catch (InterruptedException ignore) { Thread.currentThread().interrupt();
                }
                closeDataSource.run();
              }
            }
            """)
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenTheBlockingCallAfterIsNotReachedFromTheCatch() {
    // The catch's block returns before the join further down: nothing it goes on to blocks.
    refactoring
        .addInputLines(
            "Store.java",
            """
            class Store {
              void shutdown(Thread misfires, Thread cluster, boolean quick) throws InterruptedException {
                if (quick) {
                  try {
                    misfires.join();
                  } catch (InterruptedException ignore) {
                  }
                  return;
                }
                cluster.join();
              }
            }
            """)
        .addOutputLines(
            "Store.java",
            """
            class Store {
              void shutdown(Thread misfires, Thread cluster, boolean quick) throws InterruptedException {
                if (quick) {
                  try {
                    misfires.join();
                  } catch (InterruptedException ignore) { Thread.currentThread().interrupt();
                  }
                  return;
                }
                cluster.join();
              }
            }
            """)
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenWhatFollowsTheCatchDoesNotBlock() {
    refactoring
        .addInputLines(
            "Store.java",
            """
            class Store {
              void shutdown(Thread misfires, Runnable closeDataSource) {
                try {
                  misfires.join();
                } catch (InterruptedException ignore) {
                }
                closeDataSource.run();
              }
            }
            """)
        .addOutputLines(
            "Store.java",
            """
            class Store {
              void shutdown(Thread misfires, Runnable closeDataSource) {
                try {
                  misfires.join();
                } catch (InterruptedException ignore) { Thread.currentThread().interrupt();
                }
                closeDataSource.run();
              }
            }
            """)
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  private static final String ACCEPTOR =
      """
      import java.io.IOException;
      import java.nio.channels.ServerSocketChannel;
      class Acceptor implements Runnable {
        private final ServerSocketChannel server;
        private volatile boolean stopCalled;
        Acceptor(ServerSocketChannel server) {
          this.server = server;
        }
        @Override
        public void run() {
          int errorDelay = 0;
          while (!stopCalled) {
            try {
              server.accept().close();
              errorDelay = 0;
            } catch (IOException e) {
              errorDelay = handleExceptionWithDelay(errorDelay);
            }
          }
        }
        private int handleExceptionWithDelay(int currentErrorDelay) {
          if (currentErrorDelay > 0) {
            try {
              Thread.sleep(currentErrorDelay);
            } catch (InterruptedException e) {
              System.err.println("ignored");
            }
          }
          return Math.min(currentErrorDelay * 2 + 50, 1600);
        }
        void stop() {
          stopCalled = true;
        }
      }
      """;

  @Test
  void noFix_whenTheMethodReturnsIntoAThreadLoopBlindToTheFlag() {
    // The acceptor's loop never tests the flag: restored, it would stay set and the next accept()
    // on the interruptible channel would close the listening socket.
    refactoring.addInputLines("Acceptor.java", ACCEPTOR).expectUnchanged().doTest();
  }

  @Test
  void restore_whenTheThreadLoopEndsOnAnInterrupt() {
    // The same back-off, where the loop tests the flag: the restored interrupt ends the loop.
    String watching =
        ACCEPTOR.replace(
            "while (!stopCalled)",
            "while (!stopCalled && !Thread.currentThread().isInterrupted())");
    refactoring
        .addInputLines("Acceptor.java", watching)
        .addOutputLines(
            "Acceptor.java",
            watching.replace(
                "} catch (InterruptedException e) {\n",
                "} catch (InterruptedException e) {\n        Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  private static final String BASE_ACCEPTOR =
      """
      import java.io.IOException;
      import java.nio.channels.Selector;

      abstract class BaseAcceptor implements Runnable {
        protected final Selector selector;
        private volatile boolean running = true;

        BaseAcceptor(Selector selector) {
          this.selector = selector;
        }

        @Override
        public void run() {
          while (running) {
            try {
              if (selector.select() > 0) {
                processHandles();
              }
            } catch (IOException e) {
              running = false;
            }
          }
        }

        private void processHandles() {
          for (int handle = 0; handle < 3; handle++) {
            accept(handle);
          }
        }

        protected abstract Object accept(int handle);
      }
      """;

  private static final String SOCKET_ACCEPTOR =
      """
      import java.nio.channels.Selector;

      class SocketAcceptor extends BaseAcceptor {
        SocketAcceptor(Selector selector) {
          super(selector);
        }

        @Override
        protected Object accept(int handle) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            System.err.println("ignored");
          }
          return null;
        }
      }
      """;

  @Test
  void noFix_whenAnOverrideReturnsThroughAHelperIntoALoopOfAnotherFileBlindToTheFlag() {
    // The base class's selector loop calls processHandles(), which calls the accept(..) this
    // subclass implements: restored here, the flag stays set and every later select() returns at
    // once, so the acceptor spins.
    refactoring
        .addInputLines("BaseAcceptor.java", BASE_ACCEPTOR)
        .expectUnchanged()
        .addInputLines("SocketAcceptor.java", SOCKET_ACCEPTOR)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noRethrow_intoALoopOfAnotherFileBlindToTheFlag() {
    // accept(..) may throw, but the loop it returns into would only catch and drop the interrupt.
    refactoring
        .addInputLines(
            "BaseAcceptor.java",
            BASE_ACCEPTOR
                .replace("} catch (IOException e) {", "} catch (Exception e) {")
                .replace(
                    "private void processHandles() {",
                    "private void processHandles() throws Exception {")
                .replace(
                    "protected abstract Object accept(int handle);",
                    "protected abstract Object accept(int handle) throws Exception;"))
        .expectUnchanged()
        .addInputLines(
            "SocketAcceptor.java",
            SOCKET_ACCEPTOR.replace(
                "protected Object accept(int handle) {",
                "protected Object accept(int handle) throws Exception {"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void restore_whenTheLoopOfAnotherFileEndsOnAnInterrupt() {
    String watching =
        BASE_ACCEPTOR.replace(
            "while (running)", "while (running && !Thread.currentThread().isInterrupted())");
    refactoring
        .addInputLines("BaseAcceptor.java", watching)
        .expectUnchanged()
        .addInputLines("SocketAcceptor.java", SOCKET_ACCEPTOR)
        .addOutputLines(
            "SocketAcceptor.java",
            SOCKET_ACCEPTOR.replace(
                "    } catch (InterruptedException e) {\n",
                "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void noFix_whenOneOfTheCallersRunsItInALoopBlindToTheFlag() {
    // pauseOnce() would take the restored flag well, but the thread loop calls the same method:
    // one caller that would spin is enough.
    String alsoCalledOnce =
        ACCEPTOR.replace(
            "  void stop() {\n",
            "  void pauseOnce() {\n    handleExceptionWithDelay(100);\n  }\n  void stop() {\n");
    refactoring.addInputLines("Acceptor.java", alsoCalledOnce).expectUnchanged().doTest();
  }

  @Test
  void restore_whenTheMethodIsCalledOnlyOutsideAThreadLoop() {
    String calledOnce =
        ACCEPTOR
            .replace("errorDelay = handleExceptionWithDelay(errorDelay);", "errorDelay = 50;")
            .replace(
                "  void stop() {\n",
                "  void pauseOnce() {\n    handleExceptionWithDelay(100);\n  }\n  void stop() {\n");
    refactoring
        .addInputLines("Acceptor.java", calledOnce)
        .addOutputLines(
            "Acceptor.java",
            calledOnce.replace(
                "} catch (InterruptedException e) {\n",
                "} catch (InterruptedException e) {\n        Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  private static final String STREAM =
      """
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.TimeoutException;

      class Stream {
        private final ExecutorService copier;
        private Future<?> pending;

        Stream(ExecutorService copier) {
          this.copier = copier;
        }

        void close() {
          try {
            if (pending == null || tryCleanClose()) {
              pending = null;
            } else {
              dirtyClose();
            }
          } finally {
            copier.shutdown();
          }
        }

        private boolean tryCleanClose() {
          try {
            pending.get(0, TimeUnit.MILLISECONDS);
            return true;
          } catch (TimeoutException | InterruptedException e) {
            return false;
          } catch (ExecutionException e) {
            return true;
          }
        }

        private void dirtyClose() {
          pending.cancel(true);
          Future<?> close = copier.submit(() -> {});
          try {
            close.get(200, TimeUnit.MILLISECONDS);
          } catch (InterruptedException | TimeoutException | ExecutionException e) {
            close.cancel(true);
            throw new IllegalStateException(e);
          }
        }
      }
      """;

  @Test
  void noFix_whenACallerGoesOnToBlockingCleanup() {
    // Restored in tryCleanClose(), the flag would make dirtyClose()'s timed get throw at once: the
    // close of the destination would be cancelled and the cleanup cut short. (dirtyClose's own
    // catch wraps the interrupt too; its fix is not this test's question.)
    String cleanOnly =
        STREAM.replace(
            "    } catch (InterruptedException | TimeoutException | ExecutionException e) {\n"
                + "      close.cancel(true);\n"
                + "      throw new IllegalStateException(e);\n",
            "    } catch (InterruptedException | TimeoutException | ExecutionException e) {\n"
                + "      close.cancel(true);\n"
                + "      Thread.currentThread().interrupt();\n"
                + "      throw new IllegalStateException(e);\n");
    refactoring.addInputLines("Stream.java", cleanOnly).expectUnchanged().doTest();
  }

  private static final String SERVER =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.TimeUnit;

      class Server {
        private final ExecutorService jobs;

        Server(ExecutorService jobs) {
          this.jobs = jobs;
        }

        void serve() {
          pause();
          shutdown();
        }

        private void pause() {
          try {
            Thread.sleep(3000);
          } catch (InterruptedException ignore) {
          }
        }

        void shutdown() {
          jobs.shutdown();
          try {
            jobs.awaitTermination(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      """;

  @Test
  void noFix_whenACallerGoesOnToAStop() {
    // serve() is no stop method, but what it calls next is: restored in pause(), the flag would
    // make
    // the shutdown's wait for the running jobs throw at once.
    refactoring.addInputLines("Server.java", SERVER).expectUnchanged().doTest();
  }

  @Test
  void restore_whenACallerGoesOnToMoreWorkThatWaits() {
    // A wait that is more work, not cleanup: the restored flag ends it early, which is what an
    // interrupt is for.
    String moreWork =
        SERVER
            .replace("    shutdown();\n", "    jobs.invokeAll(java.util.List.of());\n")
            .replace("  void serve() {\n", "  void serve() throws InterruptedException {\n");
    refactoring
        .addInputLines("Server.java", moreWork)
        .addOutputLines(
            "Server.java",
            moreWork.replace(
                "    } catch (InterruptedException ignore) {\n",
                "    } catch (InterruptedException ignore) {\n"
                    + "      Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenTheStopReturnsWhatTheCallReturns() {
    // shutdownGracefully() returns the helper's answer at once: the later wait in its loop is not
    // reached from that call.
    String source =
        """
        import java.util.concurrent.Semaphore;
        import java.util.concurrent.TimeUnit;

        class Executor {
          private final Semaphore threadLock = new Semaphore(1);
          private volatile boolean shutdown;

          boolean shutdownGracefully(long timeout, TimeUnit unit) {
            if (shutdown) {
              return awaitTermination(timeout, unit);
            }
            shutdown = true;
            return awaitTermination(timeout, unit);
          }

          boolean awaitTermination(long timeout, TimeUnit unit) {
            try {
              if (threadLock.tryAcquire(timeout, unit)) {
                threadLock.release();
              }
            } catch (InterruptedException ignored) {
            }
            return shutdown;
          }
        }
        """;
    refactoring
        .addInputLines("Executor.java", source)
        .addOutputLines(
            "Executor.java",
            source.replace(
                "    } catch (InterruptedException ignored) {\n",
                "    } catch (InterruptedException ignored) {\n"
                    + "      Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenNoCallerBlocksAfterTheCall() {
    // The same helper, whose caller does nothing that waits once it returns.
    String noDirtyClose =
        STREAM
            .replace(
                "    } catch (InterruptedException | TimeoutException | ExecutionException e) {\n"
                    + "      close.cancel(true);\n"
                    + "      throw new IllegalStateException(e);\n",
                "    } catch (InterruptedException | TimeoutException | ExecutionException e) {\n"
                    + "      close.cancel(true);\n"
                    + "      Thread.currentThread().interrupt();\n"
                    + "      throw new IllegalStateException(e);\n")
            .replace("        dirtyClose();\n", "        pending.cancel(true);\n");
    refactoring
        .addInputLines("Stream.java", noDirtyClose)
        .addOutputLines(
            "Stream.java",
            noDirtyClose.replace(
                "    } catch (TimeoutException | InterruptedException e) {\n",
                "    } catch (TimeoutException | InterruptedException e) {\n"
                    + "      if (e instanceof InterruptedException) {\n"
                    + "        Thread.currentThread().interrupt();\n"
                    + "      }\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenTheCallersWaitComesBeforeTheCall() {
    // The caller waits first and calls the helper last: nothing it does after the call blocks.
    String waitFirst =
        STREAM
            .replace(
                "    } catch (InterruptedException | TimeoutException | ExecutionException e) {\n"
                    + "      close.cancel(true);\n"
                    + "      throw new IllegalStateException(e);\n",
                "    } catch (InterruptedException | TimeoutException | ExecutionException e) {\n"
                    + "      close.cancel(true);\n"
                    + "      Thread.currentThread().interrupt();\n"
                    + "      throw new IllegalStateException(e);\n")
            .replace(
                "      if (pending == null || tryCleanClose()) {\n"
                    + "        pending = null;\n"
                    + "      } else {\n"
                    + "        dirtyClose();\n"
                    + "      }\n",
                "      dirtyClose();\n      boolean clean = tryCleanClose();\n");
    refactoring
        .addInputLines("Stream.java", waitFirst)
        .addOutputLines(
            "Stream.java",
            waitFirst.replace(
                "    } catch (TimeoutException | InterruptedException e) {\n",
                "    } catch (TimeoutException | InterruptedException e) {\n"
                    + "      if (e instanceof InterruptedException) {\n"
                    + "        Thread.currentThread().interrupt();\n"
                    + "      }\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  private static final String SHELL =
      """
      interface Shell {
        boolean isAlive();

        int exitValue();
      }
      """;

  private static final String PROCESS_SHELL =
      """
      class ProcessShell implements Shell {
        private final Process process;

        ProcessShell(Process process) {
          this.process = process;
        }

        @Override
        public boolean isAlive() {
          return process.isAlive();
        }

        @Override
        public int exitValue() {
          try {
            return process.waitFor();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
      }
      """;

  private static final String PUMP =
      """
      import java.util.function.IntConsumer;

      class Pump {
        private final Shell shell;
        private final IntConsumer onExit;

        Pump(Shell shell, IntConsumer onExit) {
          this.shell = shell;
          this.onExit = onExit;
        }

        void pump() {
          try {
            while (shell.isAlive()) {
              Thread.sleep(10);
            }
            onExit.accept(0);
          } catch (InterruptedException e) {
            int exitValue = shell.exitValue();
            onExit.accept(exitValue);
          }
        }
      }
      """;

  @Test
  void restoreLast_whenTheCatchCallsAnInterfaceWhoseImplementationHereWaits() {
    // Restored at the top, the flag would make ProcessShell.exitValue()'s waitFor() throw at once:
    // onExit would never run. Restored last, the cleanup runs first.
    refactoring
        .addInputLines("Shell.java", SHELL)
        .expectUnchanged()
        .addInputLines("ProcessShell.java", PROCESS_SHELL)
        .expectUnchanged()
        .addInputLines("Pump.java", PUMP)
        .addOutputLines(
            "Pump.java",
            PUMP.replace(
                "      onExit.accept(exitValue);\n",
                "      onExit.accept(exitValue);\n      Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenTheInterfacesImplementationsHereDoNotWait() {
    String exitedShell =
        PROCESS_SHELL.replace(
            "    try {\n"
                + "      return process.waitFor();\n"
                + "    } catch (InterruptedException e) {\n"
                + "      Thread.currentThread().interrupt();\n"
                + "      throw new IllegalStateException(e);\n"
                + "    }\n",
            "    return process.exitValue();\n");
    refactoring
        .addInputLines("Shell.java", SHELL)
        .expectUnchanged()
        .addInputLines("ProcessShell.java", exitedShell)
        .expectUnchanged()
        .addInputLines("Pump.java", PUMP)
        .addOutputLines(
            "Pump.java",
            PUMP.replace(
                "    } catch (InterruptedException e) {\n",
                "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restoreLast_whenTheCatchItselfBlocks() {
    // A restore at the top would make the awaitTermination of the cleanup throw at once.
    refactoring
        .addInputLines(
            "Stopper.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;

            class Stopper {
              void stop(ExecutorService pool, Thread worker) throws InterruptedException {
                try {
                  worker.join();
                } catch (InterruptedException e) {
                  pool.shutdownNow();
                  pool.awaitTermination(1, TimeUnit.SECONDS);
                }
              }
            }
            """)
        .addOutputLines(
            "Stopper.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;

            class Stopper {
              void stop(ExecutorService pool, Thread worker) throws InterruptedException {
                try {
                  worker.join();
                } catch (InterruptedException e) {
                  pool.shutdownNow();
                  pool.awaitTermination(1, TimeUnit.SECONDS);
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  // ------------------------------------------------------- Thread.interrupted() in a park loop

  @Test
  void noIsInterruptedFix_whereTheTestFeedsARecordThenParkWait() {
    refactoring
        .addInputLines(
            "Parker.java",
            """
            import java.util.concurrent.locks.LockSupport;

            class Parker {
              volatile boolean done;
              volatile boolean abandoned;

              void parkUntilDone() {
                boolean interrupted = false;
                while (!done) {
                  LockSupport.park(this);
                  if (Thread.interrupted()) {
                    interrupted = true;
                  }
                  if (abandoned) {
                    return;
                  }
                }
                if (interrupted) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noIsInterruptedFix_inASelectLoop() {
    refactoring
        .addInputLines(
            "SelectLoop.java",
            """
            import java.io.IOException;
            import java.nio.channels.Selector;

            class SelectLoop {
              int select(Selector selector, long timeoutMillis) throws IOException {
                int rounds = 0;
                for (; ; ) {
                  int selected = selector.select(timeoutMillis);
                  rounds++;
                  if (selected != 0) {
                    break;
                  }
                  if (Thread.interrupted()) {
                    // select() returns at once while the flag is set: clear it, or the loop spins
                    break;
                  }
                }
                return rounds;
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void isInterruptedFix_whereNothingParks() {
    refactoring
        .addInputLines(
            "Scanner.java",
            """
            class Scanner {
              int scan(int[] data) {
                int sum = 0;
                for (int value : data) {
                  if (Thread.interrupted()) {
                    break;
                  }
                  sum += value;
                }
                return sum;
              }
            }
            """)
        .addOutputLines(
            "Scanner.java",
            """
            class Scanner {
              int scan(int[] data) {
                int sum = 0;
                for (int value : data) {
                  if (Thread.currentThread().isInterrupted()) {
                    break;
                  }
                  sum += value;
                }
                return sum;
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------------------------------ support

  /** Compiles one class from source into a fresh directory and makes an instance of it. */
  private Object instantiate(String className, String source) throws Exception {
    Path dir = Files.createTempDirectory(classes, className);
    Path file = dir.resolve(className + ".java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int rc = javac.run(null, null, errors, "-d", dir.toString(), file.toString());
    assertEquals(0, rc, errors.toString(UTF_8));
    URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()});
    var constructor = loader.loadClass(className).getDeclaredConstructor();
    constructor.setAccessible(true);
    return constructor.newInstance();
  }

  private static Object invoke(Method method, Object target, Object... arguments) {
    try {
      return method.invoke(target, arguments);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A thread running the code under test, with its CPU time and its flag when it ended. */
  private static final class Run {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final Thread thread;
    final AtomicBoolean interruptedAtEnd = new AtomicBoolean();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    // Read by the thread itself as it ends: a thread that has ended has no CPU time to ask for.
    final AtomicLong cpuAtEnd = new AtomicLong();

    private Run(Runnable body) {
      thread =
          new Thread(
              () -> {
                try {
                  body.run();
                } catch (Throwable t) {
                  failure.set(t);
                } finally {
                  interruptedAtEnd.set(Thread.currentThread().isInterrupted());
                  cpuAtEnd.set(THREADS.getCurrentThreadCpuTime());
                }
              },
              "fix-under-test");
      thread.setDaemon(true);
    }

    static Run start(Runnable body) {
      Run run = new Run(body);
      run.thread.start();
      return run;
    }

    /** The CPU time the thread uses over the next {@code millis}, until it ends if it ends. */
    long cpuOver(long millis) throws InterruptedException {
      long before = cpuSoFar();
      Thread.sleep(millis);
      return cpuSoFar() - before;
    }

    private long cpuSoFar() {
      long cpu = THREADS.getThreadCpuTime(thread.threadId());
      return cpu >= 0 ? cpu : cpuAtEnd.get(); // -1 once the thread has ended
    }

    /** The thread stays alive and (nearly) idle: waiting, not spinning. */
    void assertIdleFor(long millis) throws InterruptedException {
      long used = cpuOver(millis);
      assertTrue(thread.isAlive(), "ended instead of waiting on");
      assertTrue(used < IDLE_CPU_NANOS, "spins while interrupted: used " + used + " ns of CPU");
    }

    /** The thread ends within a second, without failure, and with its interrupt flag set. */
    void assertEndsPromptly() throws InterruptedException {
      thread.join(1_000);
      assertFalse(thread.isAlive(), "still running a second after the interrupt");
      assertEquals(null, failure.get());
      assertTrue(interruptedAtEnd.get(), "the interrupt flag was not restored");
    }
  }

  // ------------------------------- a loop whose work tells its ordinary end by its stop state

  private static final String RUNNER =
      """
      import java.util.concurrent.Future;
      import java.util.concurrent.TimeUnit;
      class Runner implements Runnable {
        private volatile boolean stop;
        private volatile boolean paused;
        private volatile Thread runnerThread;
        private volatile String state = "STARTED";
        Future<?> resumed;

        boolean isStop() {
          return stop;
        }

        @Override
        public void run() {
          runnerThread = Thread.currentThread();
          try {
            while (!isStop()) {
              if (!paused) {
                select();
              } else {
                try {
                  resumed.get(5000, TimeUnit.MILLISECONDS);
                } catch (Exception ignored) {
                }
              }
            }
          } finally {
            if (isStop()) {
              state = "STOPPED";
              runnerThread = null;
            }
          }
        }

        private void select() {}
      }
      """;

  @Test
  void noFix_notLeaveTheLoop_whereTheWorkTellsItsEndByItsStopState() {
    // Left from the catch, the loop would end with isStop() false: the finally would skip the
    // bookkeeping of the end, and the component would take its runner for running. Recorded, the
    // interrupted runner would go on selecting until something sets its stop state: no fix.
    refactoring.addInputLines("Runner.java", RUNNER).expectUnchanged().doTest();
  }

  @Test
  void leaveTheLoop_whereNothingAfterTheLoopTestsItsStopState() {
    // The class interrupts its runner (wakeUp()), so an interrupt may be meant as a stop.
    String interrupting =
        RUNNER
            .replace("      if (isStop()) {\n", "      if (paused) {\n")
            .replace(
                "  private void select() {}\n",
                "  private void select() {}\n\n  void wakeUp() {\n    runnerThread.interrupt();\n  }\n");
    refactoring
        .addInputLines("Runner.java", interrupting)
        .addOutputLines(
            "Runner.java",
            interrupting.replace(
                "        } catch (Exception ignored) {\n",
                "        } catch (Exception ignored) {\n"
                    + "          if (ignored instanceof InterruptedException) {\n"
                    + "            Thread.currentThread().interrupt();\n"
                    + "            break;\n"
                    + "          }\n"))
        .doTest();
  }

  // ------------------------- a caller's catch that already leaves once its own count says so

  private static final String EVENTS =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.TimeUnit;
      class Events {
        private final BlockingQueue<Runnable> queue;
        private volatile boolean closed;
        Events(BlockingQueue<Runnable> queue) { this.queue = queue; }
        CompletableFuture<String> append(Runnable event) {
          int tryTimes = 0;
          while (true) {
            try {
              if (!queue.offer(event, 5, TimeUnit.SECONDS)) {
                continue;
              }
              return CompletableFuture.completedFuture("queued");
            } catch (InterruptedException e) {
              tryTimes++;
              if (tryTimes > 3) {
                return null;
              }
            }
          }
        }
      }
      """;

  @Test
  void leave_aCallersCatchThatReturnsOnceItsCountOfInterruptsIsReached() {
    refactoring
        .addInputLines("Events.java", EVENTS)
        .addOutputLines(
            "Events.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.TimeUnit;
            class Events {
              private final BlockingQueue<Runnable> queue;
              private volatile boolean closed;
              Events(BlockingQueue<Runnable> queue) { this.queue = queue; }
              CompletableFuture<String> append(Runnable event) {
                int tryTimes = 0;
                while (true) {
                  try {
                    if (!queue.offer(event, 5, TimeUnit.SECONDS)) {
                      continue;
                    }
                    return CompletableFuture.completedFuture("queued");
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    tryTimes++;
                    if (tryTimes > 3) {
                      return null;
                    }
                    return null;
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_aCallersCatchThatReturnsOnAnotherThreadsStateNotACount() {
    refactoring
        .addInputLines(
            "Events.java",
            EVENTS
                .replace("if (tryTimes > 3) {", "if (closed) {")
                .replaceAll("\\s*tryTimes\\+\\+;", ""))
        .addOutputLines(
            "Events.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.TimeUnit;
            class Events {
              private final BlockingQueue<Runnable> queue;
              private volatile boolean closed;
              Events(BlockingQueue<Runnable> queue) { this.queue = queue; }
              CompletableFuture<String> append(Runnable event) {
                int tryTimes = 0;
                boolean interrupted = false;
                try {
                  while (true) {
                    try {
                      if (!queue.offer(event, 5, TimeUnit.SECONDS)) {
                        continue;
                      }
                      return CompletableFuture.completedFuture("queued");
                    } catch (InterruptedException e) {
                      interrupted = true;
                      if (closed) {
                        return null;
                      }
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  private static final String POOLS =
      """
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.Future;
      class Pools {
        private final Future<String> creation;
        Pools(Future<String> creation) { this.creation = creation; }
        String pool() throws InterruptedException, ExecutionException {
          String pool = null;
          int retry = 3;
          for (int i = 0; (i < retry) && (pool == null); ++i) {
            try {
              pool = creation.get();
            } catch (InterruptedException e) {
              if (i + 1 < retry) {
                continue;
              }
              throw e;
            }
          }
          return pool;
        }
      }
      """;

  @Test
  void noFix_aCallersCatchThatRethrowsOnceItsCountOfTriesIsReached() {
    refactoring.addInputLines("Pools.java", POOLS).expectUnchanged().doTest();
  }

  @Test
  void reported_aCallersCatchThatRethrowsOnceItsCountOfTriesIsReached() {
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addSourceLines(
            "Pools.java",
            POOLS.replace(
                "} catch (InterruptedException e) {",
                "// BUG: Diagnostic contains: until this catch's own count lets it leave (line"
                    + " 17)\n"
                    + "      } catch (InterruptedException e) {"))
        .doTest();
  }

  @Test
  void record_aCallersCatchThatRethrowsUnlessAnotherThreadsStateSaysGoOn() {
    refactoring
        .addInputLines(
            "Pools.java",
            POOLS
                .replace("if (i + 1 < retry) {", "if (!creation.isCancelled()) {")
                .replace(
                    "for (int i = 0; (i < retry) && (pool == null); ++i) {",
                    "while (pool == null) {"))
        .addOutputLines(
            "Pools.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Pools {
              private final Future<String> creation;
              Pools(Future<String> creation) { this.creation = creation; }
              String pool() throws InterruptedException, ExecutionException {
                String pool = null;
                int retry = 3;
                boolean interrupted = false;
                try {
                  while (pool == null) {
                    try {
                      pool = creation.get();
                    } catch (InterruptedException e) {
                      interrupted = true;
                      if (!creation.isCancelled()) {
                        continue;
                      }
                      throw e;
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
                return pool;
              }
            }
            """)
        .doTest();
  }

  // ------------------------------ a caller's retry that goes on until its own attempt succeeds

  private static final String TRANSITIONS =
      """
      import java.io.IOException;
      class Transitions {
        interface State { void enter() throws IOException; }
        private volatile boolean closed;
        void enter(State next) throws IOException {
          boolean success = false;
          while (!success) {
            try {
              next.enter();
              success = true;
            } catch (IOException e) {
              try {
                Thread.sleep(1000);
              } catch (InterruptedException ie) {
              }
            }
          }
        }
      }
      """;

  @Test
  void noFix_aCallersRetryUntilItsOwnAttemptSucceeds() {
    refactoring.addInputLines("Transitions.java", TRANSITIONS).expectUnchanged().doTest();
  }

  @Test
  void reported_aCallersRetryUntilItsOwnAttemptSucceeds() {
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addSourceLines(
            "Transitions.java",
            TRANSITIONS.replace(
                "} catch (InterruptedException ie) {",
                "// BUG: Diagnostic contains: retrying for as long as its attempts fail\n"
                    + "        } catch (InterruptedException ie) {"))
        .doTest();
  }

  @Test
  void record_aCallersRetryThatAlsoEndsOnAnotherThreadsState() {
    refactoring
        .addInputLines(
            "Transitions.java",
            TRANSITIONS.replace("while (!success) {", "while (!success && !closed) {"))
        .addOutputLines(
            "Transitions.java",
            """
            import java.io.IOException;
            class Transitions {
              interface State { void enter() throws IOException; }
              private volatile boolean closed;
              void enter(State next) throws IOException {
                boolean success = false;
                boolean interrupted = false;
                try {
                  while (!success && !closed) {
                    try {
                      next.enter();
                      success = true;
                    } catch (IOException e) {
                      try {
                        Thread.sleep(1000);
                      } catch (InterruptedException ie) {
                        interrupted = true;
                      }
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_aCallersRetryThatLeavesForALastTryAfterItsBackOff() {
    // The back-off is followed by `break`: an interrupted caller makes one last try and stops.
    refactoring
        .addInputLines(
            "Transitions.java",
            """
            import java.io.IOException;
            class Transitions {
              interface State { void enter() throws IOException; }
              private volatile boolean closed;
              void enter(State next) throws IOException {
                boolean success = false;
                boolean last;
                do {
                  last = false;
                  try {
                    next.enter();
                    success = true;
                  } catch (IOException e) {
                    try {
                      Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                    }
                    last = true;
                    break;
                  }
                } while (!success);
              }
            }
            """)
        .addOutputLines(
            "Transitions.java",
            """
            import java.io.IOException;
            class Transitions {
              interface State { void enter() throws IOException; }
              private volatile boolean closed;
              void enter(State next) throws IOException {
                boolean success = false;
                boolean last;
                boolean interrupted = false;
                try {
                  do {
                    last = false;
                    try {
                      next.enter();
                      success = true;
                    } catch (IOException e) {
                      try {
                        Thread.sleep(1000);
                      } catch (InterruptedException ie) {
                        interrupted = true;
                      }
                      last = true;
                      break;
                    }
                  } while (!success);
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- a clear in a catch that also takes other exceptions

  private static final String LINK =
      """
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.Future;

      public class Link {
        private final Future<?> opening;
        private final Future<?> closing;

        public Link(Future<?> opening, Future<?> closing) {
          this.opening = opening;
          this.closing = closing;
        }

        public void close() {
          try {
            closing.get();
          } catch (InterruptedException | ExecutionException e) {
            Thread.interrupted();
          }
        }

        public void awaitOpen() {
          try {
            opening.get();
          } catch (ExecutionException | InterruptedException e) {
            Thread.interrupted();
            throw new IllegalStateException(e.getCause());
          }
        }

        public void awaitClose() {
          try {
            closing.get();
          } catch (InterruptedException e) {
            Thread.interrupted();
          } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
          }
        }
      }
      """;

  /** LINK with the clear of the catch that starts with {@code header} marked or replaced. */
  private static String clearIn(String source, String header, String replacement) {
    String clear = "    } catch (" + header + ") {\n      Thread.interrupted();\n";
    assertTrue(source.contains(clear), header);
    return source.replace(clear, "    } catch (" + header + ") {\n" + replacement);
  }

  private static final String GUARDED_RESTORE =
      "      if (e instanceof InterruptedException) {\n"
          + "        Thread.currentThread().interrupt();\n"
          + "      }\n";

  @Test
  void clearInAMultiCatch_becomesARestoreOnlyTheInterruptsArmRuns() {
    // `Thread.interrupted();` where `interrupt()` was meant, in a catch that also takes the
    // ExecutionException of a future that failed: replaced by an unconditional restore, the
    // failure's arm would set the flag of a thread nobody interrupted. The restore follows the
    // caught exception; the catch of InterruptedException alone keeps the plain restore.
    String fixed =
        clearIn(
            clearIn(
                clearIn(LINK, "InterruptedException | ExecutionException e", GUARDED_RESTORE),
                "ExecutionException | InterruptedException e",
                GUARDED_RESTORE),
            "InterruptedException e",
            "      Thread.currentThread().interrupt();\n");
    refactoring
        .addInputLines("Link.java", LINK)
        .addOutputLines("Link.java", fixed)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
    EveryCheck.helper(getClass()).addSourceLines("Link.java", fixed).doTest();
  }

  @Test
  void clearInAMultiCatch_buildLogShowsTheRestoreOnItsFirstLine() {
    // The build log prints the first changed line of a fix ("Did you mean '..'?"): the restore
    // and its test are on that one line.
    String marked =
        clearIn(
            clearIn(
                clearIn(
                    LINK,
                    "InterruptedException | ExecutionException e",
                    "      // BUG: Diagnostic contains: Did you mean 'if (e instanceof"
                        + " InterruptedException) { Thread.currentThread().interrupt(); }'\n"
                        + "      Thread.interrupted();\n"),
                "ExecutionException | InterruptedException e",
                "      // BUG: Diagnostic contains: Did you mean 'if (e instanceof"
                    + " InterruptedException) { Thread.currentThread().interrupt(); }'\n"
                    + "      Thread.interrupted();\n"),
            "InterruptedException e",
            "      // BUG: Diagnostic contains: Did you mean"
                + " 'Thread.currentThread().interrupt();'\n"
                + "      Thread.interrupted();\n");
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addSourceLines("Link.java", marked)
        .doTest();
  }

  @Test
  void clearInAMultiCatch_withAnUnnamedParameter_isReportedWithoutAFix() {
    // `_` cannot be tested: no restore rather than one that also runs on the failure's arm. The
    // named catches beside it keep theirs.
    String unnamed =
        clearIn(
                LINK,
                "InterruptedException | ExecutionException e",
                "      Thread.interrupted();\n")
            .replace(
                "catch (InterruptedException | ExecutionException e)",
                "catch (InterruptedException | ExecutionException _)");
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addSourceLines(
            "Link.java",
            clearIn(
                clearIn(
                    clearIn(
                        unnamed,
                        "InterruptedException | ExecutionException _",
                        "      // BUG: Diagnostic matches: noFix\n      Thread.interrupted();\n"),
                    "ExecutionException | InterruptedException e",
                    "      // BUG: Diagnostic contains: Did you mean\n"
                        + "      Thread.interrupted();\n"),
                "InterruptedException e",
                "      // BUG: Diagnostic contains: Did you mean\n      Thread.interrupted();\n"))
        .expectErrorMessage(
            "noFix",
            message ->
                message.contains("its result is dropped") && !message.contains("Did you mean"))
        .doTest();
    refactoring
        .addInputLines("Link.java", unnamed)
        .addOutputLines(
            "Link.java",
            clearIn(
                clearIn(unnamed, "ExecutionException | InterruptedException e", GUARDED_RESTORE),
                "InterruptedException e",
                "      Thread.currentThread().interrupt();\n"))
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  private static final String PAUSE =
      """
      import java.io.IOException;
      import java.nio.ByteBuffer;
      import java.nio.channels.FileChannel;

      public class Pause {
        public void clears() {
          try {
            Thread.sleep(10);
          } catch (Exception e) {
            Thread.interrupted();
          }
        }

        public void logs() {
          try {
            Thread.sleep(10);
          } catch (Exception e) {
            System.err.println(e);
          }
        }

        public void writes(FileChannel channel, ByteBuffer buffer) throws IOException {
          try {
            Thread.sleep(10);
          } catch (Exception e) {
            System.err.println(e);
            channel.write(buffer);
          }
        }

        public void wrapsThenWrites(FileChannel channel, ByteBuffer buffer) throws IOException {
          try {
            Thread.sleep(10);
          } catch (Exception e) {
            e = new IllegalStateException(e);
            System.err.println(e);
            channel.write(buffer);
          }
        }
      }
      """;

  @Test
  void catchOfException_restoresOnlyOnTheInterruptsArm() {
    // A catch of Exception around a sleep: its restore follows the caught exception, first in the
    // catch or, where the catch itself writes to a channel an interrupt would close, last. A catch
    // that assigns its parameter before that last line no longer holds what it caught there: no
    // fix. A clear in a catch that does not name InterruptedException is not read as a restore
    // meant: reported, no fix.
    String logs = "    } catch (Exception e) {\n      System.err.println(e);\n    }\n";
    String writes =
        "    } catch (Exception e) {\n      System.err.println(e);\n      channel.write(buffer);\n";
    assertTrue(PAUSE.contains(logs) && PAUSE.contains(writes));
    refactoring
        .addInputLines("Pause.java", PAUSE)
        .addOutputLines(
            "Pause.java",
            PAUSE
                .replace(
                    logs,
                    "    } catch (Exception e) {\n"
                        + GUARDED_RESTORE
                        + "      System.err.println(e);\n    }\n")
                .replace(writes, writes + GUARDED_RESTORE))
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
    String marked =
        PAUSE
            .replace(
                "      Thread.interrupted();\n",
                "      // BUG: Diagnostic matches: noFix\n      Thread.interrupted();\n")
            .replace(
                "    } catch (Exception e) {\n      System.err.println(e);\n",
                "    // BUG: Diagnostic contains: Did you mean 'if (e instanceof InterruptedException)"
                    + " { Thread.currentThread().interrupt(); }\n"
                    + "    } catch (Exception e) {\n      System.err.println(e);\n")
            .replace(
                "    } catch (Exception e) {\n      e = new IllegalStateException(e);\n",
                "    // BUG: Diagnostic matches: noFix\n"
                    + "    } catch (Exception e) {\n      e = new IllegalStateException(e);\n");
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addSourceLines("Pause.java", marked)
        .expectErrorMessage("noFix", message -> !message.contains("Did you mean"))
        .doTest();
  }
}
