package dev.cancelguard.analysis.interrupts;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.DoWhileLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.WhileLoopTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.tasks.Tasks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link Polls}, {@link CancellationPoints#reactionOf} and {@link Tasks} say about loops. */
class LoopAnalysisTest {
  /**
   * Reports, for each while/do/for loop: "polling" (with "clock", "shared", "isDone" and the pause
   * kinds) or "working"; "stops" or "runs on"; "executor task" when it is in code handed to an
   * executor; then a period, so that a test can match the whole list.
   */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class DescribeLoop extends BugChecker
      implements WhileLoopTreeMatcher, DoWhileLoopTreeMatcher, ForLoopTreeMatcher {
    @Override
    public Description matchWhileLoop(WhileLoopTree tree, VisitorState state) {
      return describe(tree, state);
    }

    @Override
    public Description matchDoWhileLoop(DoWhileLoopTree tree, VisitorState state) {
      return describe(tree, state);
    }

    @Override
    public Description matchForLoop(ForLoopTree tree, VisitorState state) {
      return describe(tree, state);
    }

    private Description describe(Tree loop, VisitorState state) {
      List<String> facts = new ArrayList<>();
      Polls.PollingLoop polling = Polls.pollingLoop(state.getPath(), state);
      if (polling == null) {
        facts.add("working");
      } else {
        facts.add("polling");
        if (polling.readsClock()) {
          facts.add("clock");
        }
        if (polling.readsShared()) {
          facts.add("shared");
        }
        if (polling.isDoneCall() != null) {
          facts.add("isDone");
        }
        polling.pauses().forEach(p -> facts.add(p.kind().name()));
      }
      boolean stops =
          CancellationPoints.reactionOf(state.getPath(), state, CancelGuardOptions.defaults())
              .stops();
      facts.add(stops ? "stops" : "runs on");
      TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
      if (codeUnit != null && Tasks.isSubmittedToExecutor(codeUnit, state)) {
        facts.add("executor task");
      }
      return buildDescription(loop).setMessage(String.join(" ", facts) + ".").build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DescribeLoop.class, getClass()).matchAllDiagnostics();

  @Test
  void pollingShapes() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Future;
            import java.util.concurrent.atomic.AtomicInteger;
            class Test {
              volatile boolean ready;
              void f(Future<?> job, AtomicInteger count, long deadline) throws Exception {
                // BUG: Diagnostic contains: polling shared SPIN runs on.
                while (!ready) Thread.onSpinWait();
                // BUG: Diagnostic contains: polling clock shared isDone SLEEP stops.
                while (!job.isDone() && System.nanoTime() < deadline) Thread.sleep(1);
                // BUG: Diagnostic contains: polling clock SPIN runs on.
                while (System.nanoTime() < deadline) Thread.onSpinWait();
                // BUG: Diagnostic contains: polling shared runs on.
                while (count.get() < 3) {}
                // BUG: Diagnostic contains: working runs on.
                while (count.incrementAndGet() < 3) {}
                // BUG: Diagnostic contains: working stops.
                for (int i = 0; i < 3; i++) {
                  Thread.sleep(1);
                  count.set(i);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void reactionsAndExecutorTasks() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void f(ExecutorService pool, BlockingQueue<String> q) {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: working runs on executor task.
                  while (true) {
                    try {
                      q.take();
                    } catch (InterruptedException e) {
                      System.out.println("ignored");
                    }
                  }
                });
                pool.submit(new Runnable() {
                  @Override
                  public void run() {
                    // BUG: Diagnostic contains: working stops executor task.
                    while (true) {
                      try {
                        q.take();
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  }
                });
                new Thread(() -> {
                  // BUG: Diagnostic contains: working stops.
                  while (!Thread.currentThread().isInterrupted()) {
                    q.poll();
                  }
                }).start();
              }
            }
            """)
        .doTest();
  }
}
