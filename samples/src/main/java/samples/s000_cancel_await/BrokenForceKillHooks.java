// Scenario: 000-cancel-await (incorrect)
// The same journal, but its records are written by a daemon writer thread started at once, and
// the shutdown hook interrupts that writer and returns. The writer is no hook: once every hook has
// ended the JVM halts and kills it, possibly in the middle of a record, which the journal then
// holds torn. Nothing waits for it.
package samples.s000_cancel_await;

import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Writes a journal on a writer thread, and stops the writer when the JVM shuts down. */
public final class BrokenForceKillHooks {
  private BrokenForceKillHooks() {}

  /** Starts the writer and registers the hook that stops it. */
  public static BlockingQueue<String> install(PrintStream journal) {
    BlockingQueue<String> records = new LinkedBlockingQueue<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                while (true) {
                  String record = records.take();
                  for (String field : record.split(",")) {
                    journal.print(field);
                    journal.print('\t');
                  }
                  journal.println();
                }
              } catch (InterruptedException stopped) {
                journal.println("-- end of journal --");
              }
            },
            "journal-writer");
    writer.setDaemon(true);
    writer.start();
    Thread stop =
        new Thread(
            () -> {
              // BUG: CancelWithoutAwait
              writer.interrupt();
            },
            "journal-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    return records;
  }

  public static void main(String[] args) throws InterruptedException {
    BlockingQueue<String> records = install(new PrintStream(System.out, true));
    records.put("opened,journal");
  }
}
