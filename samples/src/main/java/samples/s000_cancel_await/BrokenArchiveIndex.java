// Scenario: 000-cancel-await (incorrect)
// The same index, but compaction runs on the pool: close() shuts it down and closes the store at
// once, while a compaction may still be running and then writes to the closed store. Nothing
// waits for it.
package samples.s000_cancel_await;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An index of archived files, each entry written to the store as it is added. */
public final class BrokenArchiveIndex implements AutoCloseable {
  private final ExecutorService compactor = Executors.newSingleThreadExecutor();
  private final List<String> entries = new ArrayList<>();
  private final PrintStream store;

  public BrokenArchiveIndex(PrintStream store) {
    this.store = store;
  }

  public synchronized void add(String entry) {
    entries.add(entry);
    store.println(entry);
  }

  /** Compacts in the background. */
  public void compact() {
    compactor.execute(
        () -> {
          synchronized (this) {
            store.println("compacted " + entries.size() + " entries");
          }
        });
  }

  @Override
  public void close() {
    // BUG: CancelWithoutAwait
    compactor.shutdown();
    store.close();
  }

  public static void main(String[] args) {
    try (BrokenArchiveIndex index = new BrokenArchiveIndex(new PrintStream(System.out, true))) {
      index.add("a.tar");
      index.add("b.tar");
      index.compact();
    }
  }
}
