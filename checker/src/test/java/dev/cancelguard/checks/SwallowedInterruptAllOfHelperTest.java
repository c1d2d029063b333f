package dev.cancelguard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.errorprone.CompilationTestHelper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code get()} in a callback of a project's "wait for all" helper over the very collection it
 * reads: a static method whose own code only returns {@code CompletableFuture.allOf} over the
 * collection it is handed (after returning a completed future when it is empty), read from its
 * class file (another jar) or from source (another file). Must-flag neighbours: a helper that
 * returns {@code anyOf}, one that returns a future of its own completed by the first future, one
 * that adds its own future to what it waits for, one that hands the combined future to others, an
 * instance method of the same code, a callback chained after {@code orTimeout} (run on the failure
 * path before the futures are done), a {@code get()} on a future not in the collection, a
 * reassigned collection variable, and a copy into a set.
 */
class SwallowedInterruptAllOfHelperTest {
  private static final String FLAGGED =
      "// BUG: Diagnostic contains: without restoring the interrupt flag";

  /** The helpers, compiled into class files in {@link #compileTheHelpers} (or read as source). */
  private static final String FUTURES =
      """
      package lib;
      import java.util.ArrayList;
      import java.util.Collection;
      import java.util.List;
      import java.util.concurrent.CompletableFuture;
      public class Futures {
        public static final List<CompletableFuture<?>> PENDING = new ArrayList<>();
        private static final CompletableFuture<Void> EXTRA = new CompletableFuture<>();

        public static CompletableFuture<Void> waitForAll(Collection<? extends CompletableFuture<?>> futures) {
          if (futures == null || futures.isEmpty()) {
            return CompletableFuture.completedFuture(null);
          }
          return CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]));
        }

        public static CompletableFuture<Void> whenAll(List<? extends CompletableFuture<?>> futures) {
          if (futures.isEmpty()) {
            return CompletableFuture.completedFuture(null);
          }
          return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
        }

        public static CompletableFuture<Void> plainAll(Collection<? extends CompletableFuture<?>> futures) {
          return CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]));
        }

        public static CompletableFuture<Object> waitForAny(Collection<? extends CompletableFuture<?>> futures) {
          return CompletableFuture.anyOf(futures.toArray(new CompletableFuture[0]));
        }

        public static CompletableFuture<Void> firstDone(Collection<? extends CompletableFuture<?>> futures) {
          CompletableFuture<Void> done = new CompletableFuture<>();
          futures.forEach(f -> f.whenComplete((v, e) -> done.complete(null)));
          return done;
        }

        public static CompletableFuture<Void> withExtra(Collection<? extends CompletableFuture<?>> futures) {
          List<CompletableFuture<?>> all = new ArrayList<>(futures);
          all.add(EXTRA);
          return CompletableFuture.allOf(all.toArray(new CompletableFuture[0]));
        }

        public static CompletableFuture<Void> shared(Collection<? extends CompletableFuture<?>> futures) {
          CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]));
          PENDING.add(all);
          return all;
        }

        public CompletableFuture<Void> waitForAllOf(Collection<? extends CompletableFuture<?>> futures) {
          return CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]));
        }
      }
      """;

  @TempDir static Path work;

  @BeforeAll
  static void compileTheHelpers() throws IOException {
    Path file = work.resolve("src/lib/Futures.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, FUTURES);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit =
        javac.run(
            null,
            errors,
            errors,
            "--release",
            "17",
            "-proc:none",
            "-d",
            work.resolve("classes").toString(),
            file.toString());
    assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
  }

  private static CompilationTestHelper withClassFiles() {
    return CompilationTestHelper.newInstance(
            SwallowedInterrupt.class, SwallowedInterruptAllOfHelperTest.class)
        .setArgs(
            List.of(
                "-cp",
                work.resolve("classes")
                    + File.pathSeparator
                    + System.getProperty("java.class.path")));
  }

  /** A class whose {@code read(..)} reads {@code futures}' elements in {@code callback}. */
  private static String reader(String call, String marker) {
    return """
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.ExecutionException;
        import lib.Futures;
        class Test {
          CompletableFuture<List<String>> read(List<CompletableFuture<String>> futures) {
            CompletableFuture<List<String>> out = new CompletableFuture<>();
            %s(() -> {
              List<String> values = new ArrayList<>();
              for (CompletableFuture<String> future : futures) {
                try {
                  values.add(future.get());
                %s
                } catch (InterruptedException | ExecutionException e) {
                  out.completeExceptionally(e);
                  return;
                }
              }
              out.complete(values);
            });
            return out;
          }
        }
        """
        .formatted(call, marker);
  }

  @Test
  void negative_thenRunOfAHelperReadFromItsClassFile() {
    withClassFiles()
        .addSourceLines("Test.java", reader("Futures.waitForAll(futures).thenRun", ""))
        .doTest();
  }

  @Test
  void negative_helperWithAnEmptyTestOnlyAndWithNone() {
    withClassFiles()
        .addSourceLines("Test.java", reader("Futures.whenAll(futures).thenRunAsync", ""))
        .doTest();
    withClassFiles()
        .addSourceLines("Test.java", reader("Futures.plainAll(futures).thenRun", ""))
        .doTest();
  }

  @Test
  void negative_helperReadFromSourceInAnotherFile() {
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addSourceLines("lib/Futures.java", FUTURES)
        .addSourceLines("Test.java", reader("Futures.waitForAll(futures).thenRun", ""))
        .doTest();
  }

  @Test
  void positive_helperThatReturnsAnyOf() {
    withClassFiles()
        .addSourceLines("Test.java", reader("Futures.waitForAny(futures).thenRun", FLAGGED))
        .doTest();
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addSourceLines("lib/Futures.java", FUTURES)
        .addSourceLines("Test.java", reader("Futures.waitForAny(futures).thenRun", FLAGGED))
        .doTest();
  }

  @Test
  void positive_helperThatReturnsAFutureOfItsOwn() {
    withClassFiles()
        .addSourceLines("Test.java", reader("Futures.firstDone(futures).thenRun", FLAGGED))
        .doTest();
  }

  @Test
  void positive_helperThatAddsItsOwnFuture() {
    withClassFiles()
        .addSourceLines("Test.java", reader("Futures.withExtra(futures).thenRun", FLAGGED))
        .doTest();
  }

  @Test
  void positive_helperThatHandsTheCombinedFutureToOthers() {
    withClassFiles()
        .addSourceLines("Test.java", reader("Futures.shared(futures).thenRun", FLAGGED))
        .doTest();
  }

  @Test
  void positive_instanceMethodOfTheSameCode() {
    withClassFiles()
        .addSourceLines("Test.java", reader("new Futures().waitForAllOf(futures).thenRun", FLAGGED))
        .doTest();
  }

  @Test
  void negative_whenCompleteOnTheHelperCallOverACopyOfAMapsValues() {
    withClassFiles()
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.LinkedHashMap;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutionException;
            import lib.Futures;
            class Test {
              CompletableFuture<Map<String, String>> lookup(Map<String, CompletableFuture<String>> lookups) {
                CompletableFuture<Map<String, String>> future = new CompletableFuture<>();
                Futures.waitForAll(new ArrayList<>(lookups.values())).whenComplete((v, throwable) -> {
                  if (throwable != null) {
                    future.completeExceptionally(throwable);
                    return;
                  }
                  Map<String, String> result = new LinkedHashMap<>();
                  for (Map.Entry<String, CompletableFuture<String>> entry : lookups.entrySet()) {
                    try {
                      result.put(entry.getKey(), entry.getValue().get());
                    } catch (InterruptedException | ExecutionException e) {
                      future.completeExceptionally(e);
                      return;
                    }
                  }
                  future.complete(result);
                });
                return future;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_copyIntoASet() {
    withClassFiles()
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.HashSet;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.TimeUnit;
            import lib.Futures;
            class Test {
              void intoASet(Map<String, CompletableFuture<String>> lookups) {
                Futures.waitForAll(new HashSet<>(lookups.values())).thenRun(() -> {
                  for (Map.Entry<String, CompletableFuture<String>> entry : lookups.entrySet()) {
                    try {
                      System.out.println(entry.getValue().get());
                    // BUG: Diagnostic contains: without restoring the interrupt flag
                    } catch (Exception e) {
                      return;
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_whenCompleteOnTheFailurePathAfterATimeout() {
    withClassFiles()
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.TimeUnit;
            import lib.Futures;
            class Test {
              void afterATimeout(Map<String, CompletableFuture<String>> lookups) {
                Futures.waitForAll(new ArrayList<>(lookups.values()))
                    .orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((v, throwable) -> {
                      for (Map.Entry<String, CompletableFuture<String>> entry : lookups.entrySet()) {
                        try {
                          System.out.println(entry.getValue().get());
                        // BUG: Diagnostic contains: without restoring the interrupt flag
                        } catch (Exception e) {
                          return;
                        }
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_getOfAFutureNotInTheCollection() {
    withClassFiles()
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import lib.Futures;
            class Test {
              void read(List<CompletableFuture<String>> futures, List<CompletableFuture<String>> others) {
                Futures.waitForAll(futures).thenRun(() -> {
                  for (CompletableFuture<String> other : others) {
                    try {
                      System.out.println(other.get());
                    // BUG: Diagnostic contains: without restoring the interrupt flag
                    } catch (Exception e) {
                      return;
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_reassignedCollection() {
    withClassFiles()
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import lib.Futures;
            class Test {
              List<CompletableFuture<String>> futures = new ArrayList<>();

              void read(List<CompletableFuture<String>> more) {
                Futures.waitForAll(futures).thenRun(() -> {
                  for (CompletableFuture<String> future : futures) {
                    try {
                      System.out.println(future.get());
                    // BUG: Diagnostic contains: without restoring the interrupt flag
                    } catch (Exception e) {
                      return;
                    }
                  }
                });
                futures = more;
              }
            }
            """)
        .doTest();
  }
}
