package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait's inserted wait where it would go before the statement that unblocks what it
 * waits for: the work does I/O with a subprocess the stop destroys next ({@code
 * process.writeMsg(..)}, declared to throw {@code IOException}, before {@code process.destroy()},
 * which destroys a {@link Process}). An interrupt does not end that pipe I/O, only destroying the
 * subprocess does, so a wait before the destroy can wait for as long as the subprocess does not
 * read, and a wait after it comes too late: no fix. Next to each, the neighbour whose work only
 * asks the subprocess something that is no I/O, and keeps its wait before the destroy; and a writer
 * to a plain {@code Writer} the stop closes next, which keeps its wait too.
 */
class CancelWithoutAwaitBlockedIoTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  /** A subprocess of the compilation: writing to it is I/O, naming it is not. */
  private static final String SUBPROCESS =
      """
      import java.io.DataOutputStream;
      import java.io.IOException;
      class Subprocess {
        private Process process;
        private DataOutputStream out;
        void writeMsg(String msg) throws IOException {
          out.writeBytes(msg);
          out.flush();
        }
        String info() {
          return "pid " + process.pid();
        }
        void destroy() {
          process.destroy();
        }
      }
      """;

  /** A bolt whose writer thread feeds the subprocess; WORK is what a round does. */
  private static final String BOLT =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.LinkedBlockingQueue;
      import java.util.concurrent.TimeUnit;
      class Bolt {
        private volatile boolean running = true;
        private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
        private Subprocess process;
        private Thread writerThread;
        void prepare() {
          process = new Subprocess();
          writerThread = new Thread(new Writer());
          writerThread.start();
        }
        void cleanup() {
          running = false;
          writerThread.interrupt();
          process.destroy();
        }
        private class Writer implements Runnable {
          @Override
          public void run() {
            while (running) {
              try {
                String msg = pending.poll(1, TimeUnit.SECONDS);
                if (msg != null) {
                  WORK;
                }
              } catch (InterruptedException e) {
                // shutting down
              } catch (Exception e) {
                System.err.println(e);
              }
            }
          }
        }
      }
      """;

  private static String bolt(String work) {
    return BOLT.replace("WORK", work);
  }

  @Test
  void noFix_theThreadWritesToWhatIsDestroyedNext() {
    String writes = bolt("process.writeMsg(msg)");
    helper
        .addSourceLines("Subprocess.java", SUBPROCESS)
        .addSourceLines(
            "Bolt.java",
            writes.replace(
                "    writerThread.interrupt();",
                "    // BUG: Diagnostic contains: releasing process while the thread may still use"
                    + " it\n"
                    + "    writerThread.interrupt();"))
        .doTest();
    refactoring
        .addInputLines("Subprocess.java", SUBPROCESS)
        .expectUnchanged()
        .addInputLines("Bolt.java", writes)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_theThreadOnlyAsksWhatIsDestroyedNextForItsName() {
    String asks = bolt("System.out.println(process.info() + msg)");
    refactoring
        .addInputLines("Subprocess.java", SUBPROCESS)
        .expectUnchanged()
        .addInputLines("Bolt.java", asks)
        .addOutputLines(
            "Bolt.java",
            asks.replace(
                "    process.destroy();\n",
                """
                    try {
                      writerThread.join();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    process.destroy();
                """))
        .doTest();
  }

  /** A pool whose task does WORK with the subprocess, stopped before the subprocess goes. */
  private static final String FEEDER =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Feeder {
        private final ExecutorService pool = Executors.newSingleThreadExecutor();
        private final Subprocess process = new Subprocess();
        void send(String msg) {
          pool.execute(
              () -> {
                try {
                  WORK;
                } catch (Exception e) {
                  System.err.println(e);
                }
              });
        }
        void stop() {
          pool.shutdown();
          process.destroy();
        }
      }
      """;

  private static String feeder(String work) {
    return FEEDER.replace("WORK", work);
  }

  @Test
  void noFix_thePoolsTaskWritesToWhatIsDestroyedNext() {
    refactoring
        .addInputLines("Subprocess.java", SUBPROCESS)
        .expectUnchanged()
        .addInputLines("Feeder.java", feeder("process.writeMsg(msg)"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_thePoolsTaskOnlyAsksWhatIsDestroyedNextForItsName() {
    String asks = feeder("System.out.println(process.info() + msg)");
    refactoring
        .addInputLines("Subprocess.java", SUBPROCESS)
        .expectUnchanged()
        .addInputLines("Feeder.java", asks)
        .addOutputLines(
            "Feeder.java",
            asks.replace("    pool.shutdown();\n", "    pool.shutdown();\n    pool.close();\n"))
        .doTest();
  }

  /** A thread that writes to a spool the stop closes next: not a subprocess. */
  private static final String SPOOLER =
      """
      import java.io.IOException;
      import java.io.Writer;
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.LinkedBlockingQueue;
      class Spooler {
        private final BlockingQueue<String> samples = new LinkedBlockingQueue<>();
        private final Writer spool;
        private final Thread writer = new Thread(this::writeLoop);
        Spooler(Writer spool) {
          this.spool = spool;
          writer.start();
        }
        void stop() throws IOException {
          writer.interrupt();
          spool.close();
        }
        private void writeLoop() {
          try {
            while (true) {
              spool.write(samples.take());
            }
          } catch (InterruptedException | IOException e) {
            System.err.println(e);
          }
        }
      }
      """;

  @Test
  void fix_theThreadWritesToASpoolTheStopClosesNext() {
    refactoring
        .addInputLines("Spooler.java", SPOOLER)
        .addOutputLines(
            "Spooler.java",
            SPOOLER.replace(
                "    spool.close();\n",
                """
                    try {
                      writer.join();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    spool.close();
                """))
        .doTest();
  }
}
