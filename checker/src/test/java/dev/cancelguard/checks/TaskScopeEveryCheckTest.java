package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scope code with every CancelGuard check on, so a line without a marker must stay clean of all of
 * them: each finding has one owner. An {@code InterruptedException} from {@code
 * StructuredTaskScope.join()} that is swallowed is SwallowedInterrupt's; a scope closed only on the
 * happy path is TaskScopeNotClosed's (not ResourceLeakOnCancel's); correct scope code has none.
 */
class TaskScopeEveryCheckTest {
  private final CompilationTestHelper everyCheck =
      EveryCheck.helper(getClass()).setArgs(PreviewApi.args());

  @BeforeAll
  static void scopeApi() {
    PreviewApi.assumeScopeApi();
  }

  @Test
  void positive_joinInterruptLoggedAndReturned() {
    everyCheck
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  try {
                    scope.join();
                    // BUG: Diagnostic contains: [SwallowedInterrupt]
                  } catch (InterruptedException e) {
                    System.err.println("interrupted");
                    return null;
                  }
                  return user.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_joinInterruptCaughtAsException() {
    everyCheck
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  scope.join();
                  return user.get();
                  // BUG: Diagnostic contains: [SwallowedInterrupt]
                } catch (Exception e) {
                  return "unknown";
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_joinInterruptRestored() {
    everyCheck
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  try {
                    scope.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                  }
                  return user.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_correctScopeCodeIsCleanForEveryCheck() {
    everyCheck
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.StructuredTaskScope;
            import java.util.concurrent.StructuredTaskScope.Joiner;
            import java.util.concurrent.StructuredTaskScope.Subtask;
            class Test {
              long cheapest(List<String> shops) throws InterruptedException {
                try (var scope = StructuredTaskScope.open(Joiner.<Long>allSuccessfulOrThrow())) {
                  for (String shop : shops) {
                    scope.fork(() -> (long) shop.length());
                  }
                  return scope.join().mapToLong(Subtask::get).min().orElseThrow();
                }
              }

              String profile() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  Subtask<String> user = scope.fork(() -> "alice");
                  Subtask<Integer> orders = scope.fork(() -> 3);
                  scope.join();
                  return user.get() + ":" + orders.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_scopeClosedOnTheHappyPathIsOneFinding() {
    everyCheck
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() throws InterruptedException {
                // BUG: Diagnostic contains: [TaskScopeNotClosed]
                var scope = StructuredTaskScope.open();
                var user = scope.fork(() -> "alice");
                scope.join();
                scope.close();
                return user.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_unusualCodeYieldsNoFindingAndNoCrash() {
    everyCheck
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.StructuredTaskScope;
            import java.util.function.Supplier;
            class Test {
              record Pair(String a, String b) {}

              Callable<Pair> both =
                  () -> {
                    try (var scope = StructuredTaskScope.open()) {
                      var a = scope.fork(() -> "a");
                      var b = scope.fork(() -> "b");
                      scope.join();
                      return new Pair(a.get(), b.get());
                    }
                  };

              Object kind(Object o) throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var task = scope.fork(() -> o);
                  scope.join();
                  return switch (task.state()) {
                    case SUCCESS -> task.get();
                    case FAILED -> task.exception();
                    default -> {
                      Supplier<Object> later = task::get;
                      yield later;
                    }
                  };
                }
              }
            }
            """)
        .doTest();
  }
}
