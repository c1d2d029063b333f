package dev.cancelguard.analysis.tasks;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import org.junit.jupiter.api.Test;

/** What {@link Tasks} calls a task and a thread's top level, seen through a reporting checker. */
class TasksTest {
  /** Reports "task" and/or "thread" on every method and lambda the analysis classifies. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ClassifyCode extends BugChecker
      implements MethodTreeMatcher, LambdaExpressionTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      return classify(tree, state);
    }

    @Override
    public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
      return classify(tree, state);
    }

    private Description classify(Tree tree, VisitorState state) {
      String kinds =
          (Tasks.runsAsTask(state.getPath(), state) ? "task " : "")
              + (Tasks.isThreadTopLevel(state.getPath(), state) ? "thread" : "");
      return kinds.isEmpty()
          ? Description.NO_MATCH
          : buildDescription(tree).setMessage(kinds.strip()).build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ClassifyCode.class, getClass()).matchAllDiagnostics();

  @Test
  void lambdasHandedToExecutorsAndThreads() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ThreadFactory;
            import java.util.function.Supplier;
            class Test {
              void f(ExecutorService pool, ThreadFactory factory) {
                // BUG: Diagnostic contains: task
                pool.execute(() -> {});
                // BUG: Diagnostic contains: task
                pool.submit(() -> 1);
                // BUG: Diagnostic contains: task
                CompletableFuture.runAsync(() -> {});
                // BUG: Diagnostic contains: task
                CompletableFuture.supplyAsync(() -> 1, pool);
                // BUG: Diagnostic contains: task thread
                new Thread(() -> {}).start();
                // BUG: Diagnostic contains: task thread
                Thread.ofVirtual().start(() -> {});
                // BUG: Diagnostic contains: task thread
                Thread.startVirtualThread(() -> {});
                // BUG: Diagnostic contains: task thread
                factory.newThread(() -> {});
                Supplier<Integer> notATask = () -> 1;
                Runnable stored = () -> {};
                stored.run();
              }
            }
            """)
        .doTest();
  }

  @Test
  void runAndCallMethods() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.RecursiveTask;
            class Worker extends Thread {
              @Override
              // BUG: Diagnostic contains: task thread
              public void run() {}
              void run(int times) {}
            }
            class Job implements Runnable {
              @Override
              // BUG: Diagnostic contains: task
              public void run() {}
            }
            class Query implements Callable<String> {
              @Override
              // BUG: Diagnostic contains: task
              public String call() {
                return "";
              }
            }
            class Sum extends RecursiveTask<Integer> {
              @Override
              // BUG: Diagnostic contains: task
              protected Integer compute() {
                return 0;
              }
            }
            class Main {
              // BUG: Diagnostic contains: thread
              public static void main(String[] args) {
                new Thread(
                    new Runnable() {
                      @Override
                      // BUG: Diagnostic contains: task thread
                      public void run() {}
                    });
              }
              void run() {}
            }
            """)
        .doTest();
  }
}
