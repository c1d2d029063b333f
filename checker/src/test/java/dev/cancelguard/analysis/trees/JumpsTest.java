package dev.cancelguard.analysis.trees;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import org.junit.jupiter.api.Test;

/** {@link Jumps#mayLeaveEarly}, with and without throws, statement by statement. */
class JumpsTest {
  /** Reports, on each method named {@code work*}, which of its statements may leave early. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class EarlyExits extends BugChecker implements MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null || !tree.getName().toString().startsWith("work")) {
        return Description.NO_MATCH;
      }
      StringBuilder verdicts = new StringBuilder();
      for (StatementTree statement : tree.getBody().getStatements()) {
        verdicts
            .append(Jumps.mayLeaveEarly(statement, false) ? 'J' : '-')
            .append(Jumps.mayLeaveEarly(statement, true) ? 'T' : '-')
            .append(' ');
      }
      return buildDescription(tree).setMessage("[" + verdicts.toString().trim() + "]").build();
    }
  }

  @Test
  void jumpsAndThrowsOutsideNestedCode() {
    CompilationTestHelper.newInstance(EarlyExits.class, getClass())
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            class Test {
              // BUG: Diagnostic contains: [-- JT -T JT -- --]
              void work(List<String> items, boolean stop) {
                System.out.println(items);
                for (String item : items) {
                  if (item.isEmpty()) {
                    break;
                  }
                }
                if (stop) {
                  throw new IllegalStateException();
                }
                if (items.isEmpty()) {
                  return;
                }
                items.forEach(
                    item -> {
                      if (item.isEmpty()) {
                        return;
                      }
                      throw new IllegalArgumentException(item);
                    });
                new Object() {
                  void inner() {
                    return;
                  }
                };
              }

              // BUG: Diagnostic contains: [JT JT]
              int workSwitch(int kind) {
                int result =
                    switch (kind) {
                      case 0 -> {
                        yield 1;
                      }
                      default -> 2;
                    };
                return result;
              }
            }
            """)
        .doTest();
  }
}
