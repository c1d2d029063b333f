package dev.cancelguard.analysis.trees;

import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import org.junit.jupiter.api.Test;

/** The names {@link CallNames} reads off calls, and the matchers it guards. */
class CallNamesTest {
  /** Reports the name read off every call, constructor call and method reference. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ReportName extends BugChecker
      implements MethodInvocationTreeMatcher, NewClassTreeMatcher, MemberReferenceTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return report(tree);
    }

    @Override
    public Description matchNewClass(NewClassTree tree, VisitorState state) {
      return report(tree);
    }

    @Override
    public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
      return report(tree);
    }

    private Description report(ExpressionTree tree) {
      return buildDescription(tree).setMessage("name=" + CallNames.of(tree)).build();
    }
  }

  /** Reports the calls a guarded matcher accepts: submit on an executor, and new Thread. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ReportGuarded extends BugChecker
      implements MethodInvocationTreeMatcher, NewClassTreeMatcher {
    private static final Matcher<ExpressionTree> SUBMIT =
        CallNames.namedFirst(
            instanceMethod().onDescendantOf("java.util.concurrent.Executor").named("execute"),
            "execute");
    private static final Matcher<ExpressionTree> NEW_THREAD =
        CallNames.namedFirst(constructor().forClass("java.lang.Thread"), CallNames.CONSTRUCTOR);

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return SUBMIT.matches(tree, state) || NEW_THREAD.matches(tree, state)
          ? describeMatch(tree)
          : Description.NO_MATCH;
    }

    @Override
    public Description matchNewClass(NewClassTree tree, VisitorState state) {
      return NEW_THREAD.matches(tree, state) ? describeMatch(tree) : Description.NO_MATCH;
    }
  }

  @Test
  void namesOfCallsConstructorsAndReferences() {
    CompilationTestHelper.newInstance(ReportName.class, getClass())
        .matchAllDiagnostics()
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            import java.util.function.Supplier;
            class Test extends Thread {
              Test(Runnable r) {
                // BUG: Diagnostic contains: name=<init>
                super(r);
              }

              Test() {
                // BUG: Diagnostic contains: name=<init>
                this(
                    // BUG: Diagnostic contains: name=<init>
                    new Thread());
              }

              void f(Executor pool) {
                // BUG: Diagnostic contains: name=execute
                pool.execute(
                    // BUG: Diagnostic contains: name=run
                    this::run);
                // BUG: Diagnostic contains: name=interrupt
                interrupt();
                // BUG: Diagnostic contains: name=<init>
                Supplier<Thread> threads = Thread::new;
                // BUG: Diagnostic contains: name=get
                threads.get()
                    // BUG: Diagnostic contains: name=start
                    .start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void guardedMatcherMatchesWhatTheMatcherAloneMatches() {
    CompilationTestHelper.newInstance(ReportGuarded.class, getClass())
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            import java.util.concurrent.ExecutorService;
            class Test extends Thread {
              Test(Runnable r) {
                // BUG: Diagnostic contains:
                super(r);
              }

              void f(Executor pool, ExecutorService service, Runnable task) {
                // BUG: Diagnostic contains:
                pool.execute(task);
                // BUG: Diagnostic contains:
                service.execute(task);
                service.submit(task);
                // BUG: Diagnostic contains:
                new Thread(task).start();
                new Object();
                execute(task);
              }

              void execute(Runnable task) {}
            }
            """)
        .doTest();
  }
}
