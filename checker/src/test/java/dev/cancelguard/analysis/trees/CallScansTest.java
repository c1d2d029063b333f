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
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@link CallScans}: a call of {@code target()} found anywhere, or only outside nested code. */
class CallScansTest {
  /** Reports, on each method named {@code work*}, what the two scans find in its body. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class TargetCalls extends BugChecker implements MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null || !tree.getName().toString().startsWith("work")) {
        return Description.NO_MATCH;
      }
      Predicate<MethodInvocationTree> target =
          call -> call.getMethodSelect().toString().equals("target");
      return buildDescription(tree)
          .setMessage(
              "anywhere "
                  + CallScans.anyCall(tree.getBody(), target)
                  + ", outside nested code "
                  + CallScans.anyCallOutsideNestedCode(tree.getBody(), target))
          .build();
    }
  }

  @Test
  void nestedCodeCountsOnlyForTheWideScan() {
    CompilationTestHelper.newInstance(TargetCalls.class, getClass())
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static void target() {}

              static void other() {}

              // BUG: Diagnostic contains: anywhere true, outside nested code true
              void work() {
                other();
                if (System.nanoTime() > 0) {
                  target();
                }
              }

              // BUG: Diagnostic contains: anywhere true, outside nested code false
              void workInLambda() {
                Runnable r = () -> target();
                new Object() {
                  void inner() {
                    target();
                  }
                };
              }

              // BUG: Diagnostic contains: anywhere false, outside nested code false
              void workWithout() {
                other();
              }
            }
            """)
        .doTest();
  }

  /** Reports, on each method named {@code helper*}, the lines of its calls in the file. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class CallsOfHelpers extends BugChecker implements MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (!tree.getName().toString().startsWith("helper")
          || !(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)) {
        return Description.NO_MATCH;
      }
      StringBuilder lines = new StringBuilder("called at");
      for (var call : CallScans.callsOf(state.getPath().getCompilationUnit(), method)) {
        lines
            .append(' ')
            .append(
                state
                    .getPath()
                    .getCompilationUnit()
                    .getLineMap()
                    .getLineNumber(ASTHelpers.getStartPosition(call.getLeaf())));
      }
      return buildDescription(tree).setMessage(lines.toString()).build();
    }
  }

  /** Every call of the method, nested code included; an overload or a reference is no call. */
  @Test
  void callsOfFindsEveryCallOfThatMethod() {
    CompilationTestHelper.newInstance(CallsOfHelpers.class, getClass())
        .addSourceLines(
            "Test.java",
            """
            class Test {
              // BUG: Diagnostic contains: called at 9 11
              static void helper() {}

              // BUG: Diagnostic contains: called at 12
              static void helper(int n) {}

              void work() {
                helper();
                Runnable r = Test::helper;
                Runnable s = () -> helper();
                helper(1);
              }
            }
            """)
        .doTest();
  }
}
