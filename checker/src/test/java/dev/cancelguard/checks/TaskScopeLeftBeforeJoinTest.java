package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskScopeLeftBeforeJoinTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TaskScopeLeftBeforeJoin.class, getClass())
          .setArgs(PreviewApi.args());

  @BeforeAll
  static void scopeApi() {
    PreviewApi.assumeScopeApi();
  }

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_returnBeforeJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f(String cached) throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  if (cached != null) {
                    // BUG: Diagnostic contains: returns from the block of `scope` before scope.join()
                    return cached;
                  }
                  scope.join();
                  return user.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_blockEndsWithoutJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(Runnable audit) {
                try (var scope = StructuredTaskScope.open()) {
                  // BUG: Diagnostic contains: ends without scope.join() after this fork
                  scope.fork(audit);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_breakOutOfTheBlock() {
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
                    if (batches.size() > 10) {
                      // BUG: Diagnostic contains: leaves the block of `scope` before scope.join()
                      break;
                    }
                    scope.join();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_catchReturnsBeforeJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f(String id) throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  try {
                    Integer.parseInt(id);
                  } catch (NumberFormatException e) {
                    // BUG: Diagnostic contains: which replaces the return value
                    return "bad id";
                  }
                  scope.join();
                  return user.get();
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_joinedBeforeEveryExit() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f(String cached) throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  if (cached != null) {
                    return cached; // nothing forked yet
                  }
                  var user = scope.fork(() -> "alice");
                  scope.join();
                  return user.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_exceptionLeavesBeforeJoin() {
    // close() cancels and waits; its IllegalStateException is only added as suppressed.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f(String id) throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  if (id.isEmpty()) {
                    throw new IllegalArgumentException("no id");
                  }
                  scope.join();
                  return user.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_joinInterruptedThenReturn() {
    // A join that failed was attempted: close does not throw for it.
    helper
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
  void negative_scopeJoinedByAHelper() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(Runnable audit) throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  scope.fork(audit);
                  awaitAll(scope);
                }
              }
              static void awaitAll(StructuredTaskScope<?, ?> scope) throws InterruptedException {
                scope.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_breakInsideTheBlock() {
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
                    if (batch == null) {
                      break;
                    }
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
  void negative_otherResources() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.StringReader;
            class Test {
              int f() throws Exception {
                try (var reader = new StringReader("x")) {
                  return reader.read();
                }
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
              @SuppressWarnings("TaskScopeLeftBeforeJoin")
              void f(Runnable audit) {
                try (var scope = StructuredTaskScope.open()) {
                  scope.fork(audit);
                }
              }
            }
            """)
        .doTest();
  }
}
