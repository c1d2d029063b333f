package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ForkAfterJoinTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ForkAfterJoin.class, getClass()).setArgs(PreviewApi.args());

  @BeforeAll
  static void scopeApi() {
    PreviewApi.assumeScopeApi();
  }

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_forkAfterJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  scope.fork(() -> "alice");
                  scope.join();
                  // BUG: Diagnostic contains: forks in `scope` after scope.join()
                  scope.fork(() -> "bob");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_joinInsideTheLoop() {
    // The second round forks in a scope the first round joined.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(List<Runnable> batches) throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  for (Runnable batch : batches) {
                    // BUG: Diagnostic contains: fork throws IllegalStateException
                    scope.fork(batch);
                    scope.join();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_joinedOnOneBranch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(boolean early) throws InterruptedException {
                var scope = StructuredTaskScope.open();
                try {
                  if (early) {
                    scope.join();
                  }
                  // BUG: Diagnostic contains: open a new scope
                  scope.fork(() -> "late");
                  scope.join();
                } finally {
                  scope.close();
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_everyForkBeforeJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(List<Runnable> batches) throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  for (Runnable batch : batches) {
                    scope.fork(batch);
                  }
                  scope.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_newScopeEachRound() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(List<Runnable> batches) throws InterruptedException {
                for (Runnable batch : batches) {
                  try (var scope = StructuredTaskScope.open()) {
                    scope.fork(batch);
                    scope.join();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_twoScopesOneJoined() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f() throws InterruptedException {
                try (var first = StructuredTaskScope.open()) {
                  first.fork(() -> "a");
                  first.join();
                  try (var second = StructuredTaskScope.open()) {
                    second.fork(() -> "b");
                    second.join();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_forkInsideASubtask() {
    // A nested fork runs in the subtask's thread, which does not own the scope (another error,
    // WrongThreadException, not this one).
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  scope.fork(() -> "a");
                  scope.join();
                  Runnable later = () -> System.out.println("done");
                  later.run();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_scopeFromAParameter() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(StructuredTaskScope<Object, Void> scope) throws InterruptedException {
                scope.join();
                scope.fork(() -> "b");
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppression() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              @SuppressWarnings("ForkAfterJoin")
              void f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  scope.join();
                  scope.fork(() -> "b");
                }
              }
            }
            """)
        .doTest();
  }
}
