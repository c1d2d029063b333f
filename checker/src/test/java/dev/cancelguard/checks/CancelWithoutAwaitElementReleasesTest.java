package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait's inserted wait after a stop that has already closed the elements of a
 * collection the work uses, in two shapes the release rule ({@code ReleasesBeforeTheWait}) did not
 * read: the close of what each element holds ({@code entry.getValue().close()} over a table's
 * entries), and work that is a task class of this file handed over in a variable whose value is not
 * made where it is handed over ({@code Builder builder = builders.get(i); runAsync(builder,
 * pool)}). A late run still reads, or fills, the collection the stop emptied of open resources, so
 * a wait after the cancel only delays the stop: no fix, the message names the release. Next to
 * each, the neighbour that keeps its wait.
 */
class CancelWithoutAwaitElementReleasesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  /**
   * A client whose scan task reads the channel table through two helpers and fills it through a
   * third; LOOP is the walk its stop makes before the cancel.
   */
  private static final String CLIENT =
      """
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      public class Client {
        static class Wrapper {
          void close() {}

          Object channel() {
            return null;
          }
        }

        private final Map<String, Wrapper> channelTables = new ConcurrentHashMap<>();
        private final Map<String, Wrapper> listeners = new ConcurrentHashMap<>();
        private final ExecutorService scanExecutor = Executors.newFixedThreadPool(2);

        public void start() {
          scanExecutor.execute(() -> scan("a"));
        }

        void scan(String addr) {
          getAndCreate(addr);
        }

        Object getAndCreate(String addr) {
          Wrapper w = channelTables.get(addr);
          return w != null ? w.channel() : create(addr);
        }

        Object create(String addr) {
          Wrapper w = new Wrapper();
          channelTables.put(addr, w);
          return w.channel();
        }

        public void shutdown() {
          for (Map.Entry<String, Wrapper> entry : this.TABLE.entrySet()) {
            entry.getValue().close();
          }
          if (this.scanExecutor != null) {
            this.scanExecutor.shutdown();
          }
        }
      }
      """;

  @Test
  void noFix_theStopClosesWhatEachEntryOfTheTasksTableHolds() {
    String client = CLIENT.replace("TABLE", "channelTables");
    helper
        .addSourceLines(
            "Client.java",
            client.replace(
                "      this.scanExecutor.shutdown();",
                "      // BUG: Diagnostic contains: No wait is offered: line 39 already releases"
                    + " channelTables, which the work of this.scanExecutor uses, before a wait"
                    + " here could run\n"
                    + "      this.scanExecutor.shutdown();"))
        .doTest();
    refactoring.addInputLines("Client.java", client).expectUnchanged().doTest();
  }

  @Test
  void fix_theStopClosesWhatEachEntryOfATableTheTaskDoesNotUseHolds() {
    String client = CLIENT.replace("TABLE", "listeners");
    refactoring
        .addInputLines("Client.java", client)
        .addOutputLines(
            "Client.java",
            client.replace(
                "this.scanExecutor.shutdown();",
                "this.scanExecutor.shutdown();\n      this.scanExecutor.close();"))
        .doTest();
  }

  /**
   * A spout whose connection builders, a task class of this file, are handed to the pool from a
   * list; each adds the client it connects to CLIENTS.
   */
  private static final String SPOUT =
      """
      import java.util.ArrayList;
      import java.util.Collections;
      import java.util.List;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      public class Spout {
        static class Connection {
          void close() {}
        }

        private final List<Connection> clients = Collections.synchronizedList(new ArrayList<>());
        private final List<Connection> pending = Collections.synchronizedList(new ArrayList<>());
        private ExecutorService background;

        private class Builder implements Runnable {
          @Override
          public void run() {
            Connection c = new Connection();
            CLIENTS.add(c);
          }
        }

        public void open() {
          background = Executors.newFixedThreadPool(2);
          List<Builder> builders = new ArrayList<>();
          builders.add(new Builder());
          establish(builders);
        }

        void establish(List<Builder> builders) {
          for (int i = 0; i < builders.size(); i++) {
            Builder builder = builders.get(i);
            CompletableFuture.runAsync(builder, background);
          }
        }

        public void close() {
          for (Connection client : clients) {
            client.close();
          }
          if (background != null) {
            background.shutdownNow();
          }
        }
      }
      """;

  @Test
  void noFix_aTaskOfThisFilesClassHandedOverFromAListFillsWhatTheStopCloses() {
    String spout = SPOUT.replace("CLIENTS", "clients");
    helper
        .addSourceLines(
            "Spout.java",
            spout.replace(
                "      background.shutdownNow();",
                "      // BUG: Diagnostic contains: No wait is offered: line 40 already releases"
                    + " clients, which the work of background uses, before a wait here could"
                    + " run\n"
                    + "      background.shutdownNow();"))
        .doTest();
    refactoring.addInputLines("Spout.java", spout).expectUnchanged().doTest();
  }

  @Test
  void fix_aTaskOfThisFilesClassHandedOverFromAListFillsSomethingElse() {
    String spout = SPOUT.replace("CLIENTS", "pending");
    refactoring
        .addInputLines("Spout.java", spout)
        .addOutputLines(
            "Spout.java",
            spout.replace(
                "background.shutdownNow();",
                "background.shutdownNow();\n      background.close();"))
        .doTest();
  }
}
