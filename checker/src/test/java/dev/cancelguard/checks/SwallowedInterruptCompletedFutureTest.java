package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A {@code get()} on a future the JDK documents as completed: the task's own {@code get()} in
 * {@code FutureTask.done()}, the futures {@code invokeAll(..)} returns, the futures a {@code
 * CompletionService} hands out, and a list the method fills only with such futures.
 */
class SwallowedInterruptCompletedFutureTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /** A FutureTask subclass whose done() reads its own result with {@code get}. */
  private static String futureTask(String modifiers, String get, String extra) {
    return """
        import java.util.concurrent.*;
        import java.util.function.BiConsumer;
        public %sclass Worker<T> extends FutureTask<T> {
          private final BiConsumer<T, Throwable> callback;

          public Worker(Callable<T> work, BiConsumer<T, Throwable> callback) {
            super(work);
            this.callback = callback;
          }

          @Override
          protected void done() {
            Throwable failure = null;
            T result = null;
            try {
              result = %s;
              // BUG: Diagnostic contains: without restoring
            } catch (InterruptedException | ExecutionException e) {
              failure = e;
            }
            callback.accept(result, failure);
          }
          %s
        }
        """
        .formatted(modifiers, get, extra);
  }

  private static String noBug(String source) {
    return source.replace("// BUG: Diagnostic contains: without restoring", "");
  }

  @Test
  void negative_superGetInDoneOfAFutureTask() {
    helper.addSourceLines("Worker.java", noBug(futureTask("", "super.get()", ""))).doTest();
  }

  @Test
  void negative_ownGetInDoneOfAFinalFutureTask() {
    helper.addSourceLines("Worker.java", noBug(futureTask("final ", "get()", ""))).doTest();
  }

  @Test
  void negative_getInDoneOfAnAnonymousFutureTask() {
    helper
        .addSourceLines(
            "Runner.java",
            """
            import java.util.concurrent.*;
            class Runner {
              void start(ExecutorService pool, Callable<String> work) {
                pool.execute(
                    new FutureTask<String>(work) {
                      @Override
                      protected void done() {
                        try {
                          System.out.println(get());
                        } catch (InterruptedException | ExecutionException e) {
                          System.err.println("failed: " + e);
                        }
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_ownGetInDoneOfAClassASubclassMayChange() {
    // A subclass may override get() to wait for something else.
    helper.addSourceLines("Worker.java", futureTask("", "get()", "")).doTest();
  }

  @Test
  void positive_doneAlsoCalledByTheClassItself() {
    helper
        .addSourceLines(
            "Worker.java", futureTask("", "super.get()", "public void finishEarly() { done(); }"))
        .doTest();
  }

  @Test
  void positive_superGetInAnotherMethodOfAFutureTask() {
    helper
        .addSourceLines(
            "Worker.java",
            noBug(futureTask("", "super.get()", ""))
                + """
                class Waiter<T> extends FutureTask<T> {
                  Waiter(Callable<T> work) {
                    super(work);
                  }

                  T await() {
                    try {
                      return super.get();
                      // BUG: Diagnostic contains: without restoring
                    } catch (InterruptedException | ExecutionException e) {
                      return null;
                    }
                  }
                }
                """)
        .doTest();
  }

  /** Tasks run with invokeAll; {@code futures} initialises the list, {@code extra} follows. */
  private static String invokeAll(String futures, String read, String extra) {
    return """
        import java.util.*;
        import java.util.concurrent.*;
        class Batch {
          int run(ExecutorService pool, List<Callable<Integer>> tasks) throws InterruptedException {
            List<Future<Integer>> futures = %s;
            %s
            int total = 0;
            for (int i = 0; i < futures.size(); i++) {
              try {
                total += %s;
                // BUG: Diagnostic contains: without restoring
              } catch (InterruptedException | ExecutionException e) {
                total = -1;
              }
            }
            return total;
          }

          void track(List<Future<Integer>> futures) {}
        }
        """
        .formatted(futures, extra, read);
  }

  @Test
  void negative_futuresOfInvokeAll() {
    helper
        .addSourceLines(
            "Batch.java", noBug(invokeAll("pool.invokeAll(tasks)", "futures.get(i).get()", "")))
        .doTest();
  }

  @Test
  void negative_futuresOfATimedInvokeAllInAForEachLoop() {
    helper
        .addSourceLines(
            "Batch.java",
            """
            import java.util.*;
            import java.util.concurrent.*;
            class Batch {
              int run(ExecutorService pool, List<Callable<Integer>> tasks) throws InterruptedException {
                List<Future<Integer>> futures = pool.invokeAll(tasks, 10, TimeUnit.SECONDS);
                int total = 0;
                for (Future<Integer> future : futures) {
                  try {
                    total += future.get();
                  } catch (InterruptedException | ExecutionException | CancellationException e) {
                    total = -1;
                  }
                }
                return total;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_futuresOfInvokeAllHandedOn() {
    helper
        .addSourceLines(
            "Batch.java",
            invokeAll("pool.invokeAll(tasks)", "futures.get(i).get()", "track(futures);"))
        .doTest();
  }

  @Test
  void positive_futuresOfSubmitInAList() {
    helper
        .addSourceLines(
            "Batch.java",
            invokeAll(
                "new ArrayList<>()",
                "futures.get(i).get()",
                "for (Callable<Integer> t : tasks) { futures.add(pool.submit(t)); }"))
        .doTest();
  }

  /** A completion service's results: {@code take} reads one, {@code extra} comes first. */
  private static String completionService(String take) {
    return """
        import java.util.*;
        import java.util.concurrent.*;
        class Race {
          String first(Executor pool, List<Callable<String>> tasks) throws InterruptedException {
            CompletionService<String> service = new ExecutorCompletionService<>(pool);
            for (Callable<String> task : tasks) {
              service.submit(task);
            }
            Future<String> done = %s;
            try {
              return done.get();
              // BUG: Diagnostic contains: without restoring
            } catch (InterruptedException | ExecutionException e) {
              return null;
            }
          }
        }
        """
        .formatted(take);
  }

  @Test
  void negative_futureTakenFromACompletionService() {
    helper.addSourceLines("Race.java", noBug(completionService("service.take()"))).doTest();
  }

  @Test
  void negative_futurePolledFromACompletionService() {
    helper
        .addSourceLines("Race.java", noBug(completionService("service.poll(1, TimeUnit.SECONDS)")))
        .doTest();
  }

  @Test
  void positive_futureSubmittedToACompletionService() {
    helper.addSourceLines("Race.java", completionService("service.submit(tasks.get(0))")).doTest();
  }

  /** The results a completion service hands out, gathered in a list; {@code extra} adds more. */
  private static String gathered(String extra) {
    return """
        import java.util.*;
        import java.util.concurrent.*;
        class Iteration {
          List<String> run(Executor pool, List<Callable<String>> tasks) {
            CompletionService<String> service = new ExecutorCompletionService<>(pool);
            List<Future<String>> completed = new ArrayList<>();
            for (Callable<String> task : tasks) {
              service.submit(task);
            }
            while (completed.size() < tasks.size()) {
              try {
                Future<String> next = service.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                  completed.add(next);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
              }
            }
            %s
            List<String> results = new ArrayList<>();
            for (Future<String> future : completed) {
              try {
                results.add(future.get());
              } catch (ExecutionException e) {
                results.add(null);
                // BUG: Diagnostic contains: without restoring
              } catch (InterruptedException e) {
                results.add(null);
              }
            }
            return results;
          }
        }
        """
        .formatted(extra);
  }

  @Test
  void negative_listGivenOnlyFuturesOfACompletionService() {
    helper.addSourceLines("Iteration.java", noBug(gathered(""))).doTest();
  }

  @Test
  void positive_listAlsoGivenAFutureNotKnownToBeDone() {
    helper
        .addSourceLines(
            "Iteration.java", gathered("completed.add(service.submit(() -> \"late\"));"))
        .doTest();
  }

  /**
   * A list filled with the whole result of {@code invokeAll} ({@code fill}), each element read in a
   * lambda that {@code walk} hands it to; {@code extra} comes before the walk.
   */
  private static String gatheredAndWalked(String fill, String extra, String walk) {
    return """
        import java.util.*;
        import java.util.concurrent.*;
        class Fanout {
          Map<Integer, Integer> run(ExecutorService pool, List<Callable<Integer>> tasks) {
            List<Future<Integer>> futures = new ArrayList<>();
            Map<Integer, Integer> results = new TreeMap<>();
            try {
              futures.addAll(%s);
              %s
              %s(future -> {
                try {
                  Integer value = future.get();
                  results.put(value, value);
                  // BUG: Diagnostic contains: without restoring
                } catch (InterruptedException | ExecutionException e) {
                  results.put(-1, -1);
                }
              });
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("invokeAll failed", e);
            }
            return results;
          }
        }
        """
        .formatted(fill, extra, walk);
  }

  @Test
  void negative_futuresOfInvokeAllAddedToAListAndWalkedByStreamForEach() {
    helper
        .addSourceLines(
            "Fanout.java",
            noBug(gatheredAndWalked("pool.invokeAll(tasks)", "", "futures.stream().forEach")))
        .doTest();
  }

  @Test
  void negative_futuresOfInvokeAllAddedToAListAndWalkedByForEach() {
    helper
        .addSourceLines(
            "Fanout.java", noBug(gatheredAndWalked("pool.invokeAll(tasks)", "", "futures.forEach")))
        .doTest();
  }

  @Test
  void positive_listAlsoGivenASubmittedFuture() {
    helper
        .addSourceLines(
            "Fanout.java",
            gatheredAndWalked(
                "pool.invokeAll(tasks)",
                "futures.add(pool.submit(tasks.get(0)));",
                "futures.stream().forEach"))
        .doTest();
  }

  @Test
  void positive_listGivenAllOfAnotherList() {
    helper
        .addSourceLines(
            "Fanout.java",
            gatheredAndWalked(
                "tasks.stream().map(pool::submit).toList()",
                "pool.invokeAll(tasks);",
                "futures.stream().forEach"))
        .doTest();
  }

  @Test
  void positive_elementsWalkedAfterAnotherStreamStep() {
    helper
        .addSourceLines(
            "Fanout.java",
            gatheredAndWalked(
                "pool.invokeAll(tasks)",
                "",
                "futures.stream().map(f -> pool.submit(tasks.get(0))).forEach"))
        .doTest();
  }

  @Test
  void positive_forEachOverAListHandedIn() {
    helper
        .addSourceLines(
            "Fanout.java",
            gatheredAndWalked("pool.invokeAll(tasks)", "", "track(futures).forEach")
                .replace(
                    "  Map<Integer, Integer> run(",
                    "  List<Future<Integer>> track(List<Future<Integer>> f) { return f; }\n"
                        + "  Map<Integer, Integer> run("))
        .doTest();
  }
}
