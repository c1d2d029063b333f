package dev.cancelguard.analysis.trees;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NestedCodeSkipper}, started from a bare tree and from a path. */
class NestedCodeSkipperTest {
  /**
   * Reports the calls of the body of {@code work()} that a skipper visits: scanned from the bare
   * body, and from the body's path (each call with the kind of tree around it).
   */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class VisitedCalls extends BugChecker implements MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null || !tree.getName().contentEquals("work")) {
        return Description.NO_MATCH;
      }
      List<String> bare = new ArrayList<>();
      new NestedCodeSkipper() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          bare.add(ASTHelpers.getSymbol(call).getSimpleName().toString());
          return super.visitMethodInvocation(call, null);
        }
      }.scan(tree.getBody(), null);
      List<String> withPaths = new ArrayList<>();
      new NestedCodeSkipper() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          withPaths.add(
              ASTHelpers.getSymbol(call).getSimpleName()
                  + " in "
                  + getCurrentPath().getParentPath().getLeaf().getKind());
          return super.visitMethodInvocation(call, null);
        }
      }.scan(new TreePath(state.getPath(), tree.getBody()), null);
      return bare.isEmpty()
          ? Description.NO_MATCH
          : buildDescription(tree).setMessage("bare " + bare + ", with paths " + withPaths).build();
    }
  }

  @Test
  void skipsLambdaAndClassBodiesEitherWay() {
    CompilationTestHelper.newInstance(VisitedCalls.class, getClass())
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void run(Runnable r) {}

              void a() {}

              int b() {
                return 0;
              }

              // BUG: Diagnostic contains: bare [a, run, b], with paths [a in EXPRESSION_STATEMENT, run in EXPRESSION_STATEMENT, b in RETURN]
              int work() {
                a();
                run(() -> a());
                new Object() {
                  void inner() {
                    a();
                  }
                };
                return b();
              }
            }
            """)
        .doTest();
  }
}
