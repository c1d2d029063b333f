package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskScopeNotClosedTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TaskScopeNotClosed.class, getClass())
          .setArgs(PreviewApi.args());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(TaskScopeNotClosed.class, getClass())
          .setArgs(PreviewApi.args());

  @BeforeAll
  static void scopeApi() {
    PreviewApi.assumeScopeApi();
  }

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_closedOnTheHappyPathOnly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() throws InterruptedException {
                // BUG: Diagnostic contains: is not closed when the method lets the exception of line 7 propagate
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
  void positive_neverClosed() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(Runnable audit) throws InterruptedException {
                // BUG: Diagnostic contains: `scope` is opened outside try-with-resources and is never closed
                var scope = StructuredTaskScope.open(StructuredTaskScope.Joiner.awaitAll());
                scope.fork(audit);
                scope.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptCaughtAndReturned() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() {
                // BUG: Diagnostic contains: is not closed when the method returns (line 11)
                StructuredTaskScope<String, Void> scope = StructuredTaskScope.open();
                var user = scope.fork(() -> "alice");
                try {
                  scope.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return null;
                }
                scope.close();
                return user.get();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_tryWithResources() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
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
  void negative_closedInFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() throws InterruptedException {
                var scope = StructuredTaskScope.open();
                try {
                  var user = scope.fork(() -> "alice");
                  scope.join();
                  return user.get();
                } finally {
                  scope.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_handedToTheCaller() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              StructuredTaskScope<Object, Void> start(Runnable audit) {
                var scope = StructuredTaskScope.open();
                scope.fork(audit);
                return scope;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_closedByAHelper() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(Runnable audit) {
                var scope = StructuredTaskScope.open();
                scope.fork(audit);
                finish(scope);
              }
              static void finish(StructuredTaskScope<?, ?> scope) {
                try (scope) {
                  scope.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_notAScope() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.StringReader;
            class Test {
              int f() throws Exception {
                var reader = new StringReader("x");
                return reader.read();
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
              @SuppressWarnings("TaskScopeNotClosed")
              void f(Runnable audit) throws InterruptedException {
                var scope = StructuredTaskScope.open();
                scope.fork(audit);
                scope.join();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  @Test
  void fix_wrapsUpToTheClose() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(Runnable audit) throws InterruptedException {
                var scope = StructuredTaskScope.open();
                scope.fork(audit);
                scope.join();
                scope.close();
                System.out.println("audited");
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(Runnable audit) throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  scope.fork(audit);
                  scope.join();
                }
                System.out.println("audited");
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void fix_wrapsToTheEndWhenALocalIsUsedAfterTheClose() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() throws InterruptedException {
                var scope = StructuredTaskScope.open();
                var user = scope.fork(() -> "alice");
                scope.join();
                scope.close();
                return user.get();
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  scope.join();
                  return user.get();
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void fix_wrapsToTheEndWhenNeverClosed() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(Runnable audit) throws InterruptedException {
                StructuredTaskScope<Object, Void> scope = StructuredTaskScope.open();
                scope.fork(audit);
                scope.join();
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(Runnable audit) throws InterruptedException {
                try (StructuredTaskScope<Object, Void> scope = StructuredTaskScope.open()) {
                  scope.fork(audit);
                  scope.join();
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void fix_noneWhenTheCloseIsInABranch() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f(Runnable audit, boolean wait) throws InterruptedException {
                var scope = StructuredTaskScope.open();
                scope.fork(audit);
                scope.join();
                if (wait) {
                  scope.close();
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fixedCodeHasNoFindingFromAnyCheck() {
    EveryCheck.helper(getClass())
        .setArgs(PreviewApi.args())
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  scope.join();
                  return user.get();
                }
              }
            }
            """)
        .doTest();
  }
}
