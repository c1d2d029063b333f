// Scenario: 000-cancel-await (correct)
// A stop that shuts a pool down and closes the store without waiting, which is right here: the
// index still makes the pool an earlier version compacted on, but gives it no work any more. No
// task of the index can be running on it, so nothing can write to the store once it is closed.
package samples.s000_cancel_await;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An index of archived files, each entry written to the store as it is added. */
public final class ArchiveIndex implements AutoCloseable {
  private final ExecutorService compactor = Executors.newSingleThreadExecutor();
  private final List<String> entries = new ArrayList<>();
  private final PrintStream store;

  public ArchiveIndex(PrintStream store) {
    this.store = store;
  }

  public synchronized void add(String entry) {
    entries.add(entry);
    store.println(entry);
  }

  /** Compacts in place, on the caller's thread. */
  public synchronized void compact() {
    store.println("compacted " + entries.size() + " entries");
  }

  @Override
  public void close() {
    compactor.shutdown();
    store.close();
  }

  public static void main(String[] args) {
    try (ArchiveIndex index = new ArchiveIndex(new PrintStream(System.out, true))) {
      index.add("a.tar");
      index.add("b.tar");
      index.compact();
    }
  }
}
