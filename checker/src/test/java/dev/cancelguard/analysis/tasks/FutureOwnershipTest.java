package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import org.junit.jupiter.api.Test;

/** Who owns a future, seen through a checker that reports on every {@code f.isDone()}. */
class FutureOwnershipTest {
  /** Reports "owned", "owned, leaves", "promise" or "not owned" for the receiver of isDone(). */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ClassifyFuture extends BugChecker
      implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      ExpressionTree receiver = getReceiver(tree);
      TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
      if (receiver == null
          || codeUnit == null
          || !tree.getMethodSelect().toString().endsWith(".isDone")) {
        return Description.NO_MATCH;
      }
      VarSymbol owned = FutureOwnership.ownedLocal(receiver, codeUnit, state);
      String kind =
          owned == null
              ? (FutureComputations.isPromise(receiver, state) ? "promise" : "not owned")
              : (FutureOwnership.escape(owned, codeUnit, state) == null
                  ? "owned"
                  : "owned, leaves");
      return buildDescription(tree).setMessage("[" + kind + "]").build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ClassifyFuture.class, getClass()).matchAllDiagnostics();

  @Test
  void startedHereHandedInOrLeaving() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.*;
            import java.util.concurrent.*;
            class Test {
              Future<?> field;
              List<Future<?>> pending = new ArrayList<>();
              void f(ExecutorService pool, Future<?> param, Executor executor) {
                Future<?> submitted = pool.submit(() -> {});
                // BUG: Diagnostic contains: [owned]
                submitted.isDone();
                var async = CompletableFuture.runAsync(() -> {}, executor);
                // BUG: Diagnostic contains: [owned]
                async.isDone();
                // BUG: Diagnostic contains: [not owned]
                param.isDone();
                // BUG: Diagnostic contains: [not owned]
                field.isDone();
                Future<?> kept = pool.submit(() -> {});
                pending.add(kept);
                // BUG: Diagnostic contains: [owned, leaves]
                kept.isDone();
                Future<?> captured = pool.submit(() -> {});
                Runnable watchdog = () -> captured.cancel(true);
                // BUG: Diagnostic contains: [owned, leaves]
                captured.isDone();
                CompletableFuture<Void> promise = new CompletableFuture<>();
                // BUG: Diagnostic contains: [promise]
                promise.isDone();
              }
              Future<?> g(ExecutorService pool) {
                Future<?> returned = pool.submit(() -> {});
                // BUG: Diagnostic contains: [owned, leaves]
                returned.isDone();
                return returned;
              }
              void h(ExecutorService pool, boolean b) {
                Future<?> either = b ? pool.submit(() -> {}) : pool.submit(() -> 1);
                // BUG: Diagnostic contains: [owned]
                either.isDone();
                Future<?> mixed = b ? pool.submit(() -> {}) : field;
                // BUG: Diagnostic contains: [not owned]
                mixed.isDone();
                CompletableFuture<String> chained = CompletableFuture.supplyAsync(() -> "x");
                // BUG: Diagnostic contains: [owned]
                chained.isDone();
                String value = chained.thenApply(String::trim).join();
              }
            }
            """)
        .doTest();
  }
}
