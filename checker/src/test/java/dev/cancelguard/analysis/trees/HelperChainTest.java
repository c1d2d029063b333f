package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HelperChain}: how deep a question follows same-file helpers, where recursion stops it, and
 * what its budget allows, seen through a checker that follows every same-file call of a method
 * named {@code root} the way the analyses do.
 */
class HelperChainTest {
  /**
   * Reports on each method named {@code root}: "entered N, deepest D: name@depth ..." for the
   * helpers the chain let it enter, in the order entered, then "refused: name@depth ..." for the
   * same-file calls it did not (depth: of the chain at the call). Calls javac could not resolve are
   * skipped, as the analyses skip them (Error Prone runs no check on code with errors, so no test
   * here can show one).
   */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class FollowHelpers extends BugChecker implements MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (!tree.getName().contentEquals("root") || tree.getBody() == null) {
        return Description.NO_MATCH;
      }
      Walk walk = new Walk(state);
      walk.follow(tree.getBody(), HelperChain.start());
      return buildDescription(tree).setMessage(walk.describe()).build();
    }
  }

  private static final class Walk {
    final VisitorState state;
    final CompilationUnitTree unit;
    final List<String> entered = new ArrayList<>();
    final List<String> refused = new ArrayList<>();
    int deepest;

    Walk(VisitorState state) {
      this.state = state;
      this.unit = state.getPath().getCompilationUnit();
    }

    void follow(Tree body, HelperChain chain) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          String name = CallNames.of(call);
          if (Expressions.isResolved(call)
              && getSymbol(call) instanceof MethodSymbol method
              && SameFile.isDeclaredIn(method, unit)) {
            HelperChain inner = chain.enter(method);
            MethodTree helper = SameFile.findMethod(unit, method, state);
            if (inner == null) {
              refused.add(name + "@" + chain.depth());
            } else if (helper != null && helper.getBody() != null) {
              entered.add(name + "@" + inner.depth());
              deepest = Math.max(deepest, inner.depth());
              follow(helper.getBody(), inner);
            }
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(body, null);
    }

    String describe() {
      return "entered "
          + entered.size()
          + ", deepest "
          + deepest
          + ": "
          + String.join(" ", entered)
          + "; refused: "
          + String.join(" ", refused)
          + ".";
    }
  }

  private CompilationTestHelper helper() {
    return CompilationTestHelper.newInstance(FollowHelpers.class, getClass());
  }

  @Test
  void followsAChainOfAnyDepth() {
    helper()
        .addSourceLines(
            "Test.java",
            """
            class Test {
              // BUG: Diagnostic contains: entered 6, deepest 6: a@1 b@2 c@3 d@4 e@5 f@6; refused: .
              void root() {
                a();
              }
              void a() { b(); }
              void b() { c(); }
              void c() { d(); }
              void d() { e(); }
              void e() { f(); }
              void f() { System.out.println("six deep"); }
            }
            """)
        .doTest();
  }

  @Test
  void recursionEndsTheChainButNotTheSiblings() {
    // `a` calls itself and `b`; `b` calls `a` again (a cycle of two) and `c`. Neither cycle is
    // entered twice on one chain, and `c` after the cycle is still reached. A helper reached by a
    // second chain (`c` from root) is entered again: the chain forbids only its own methods.
    helper()
        .addSourceLines(
            "Test.java",
            """
            class Test {
              // BUG: Diagnostic contains: entered 4, deepest 3: a@1 b@2 c@3 c@1; refused: a@1 a@2.
              void root() {
                a(3);
                c();
              }
              void a(int n) {
                if (n > 0) {
                  a(n - 1);
                }
                b();
              }
              void b() {
                a(0);
                c();
              }
              void c() {}
            }
            """)
        .doTest();
  }

  @Test
  void deepHelpersShareOneBudgetPerQuestion() {
    // Thirty-six helpers three levels deep: the first two levels are free, the budget admits 32
    // deeper bodies, and the last four are refused. The first two levels of another chain of the
    // same question are still followed after the budget is spent; its third level is not.
    StringBuilder leaves = new StringBuilder();
    StringBuilder calls = new StringBuilder();
    for (int i = 0; i < 36; i++) {
      calls.append("    h").append(i).append("();\n");
      leaves.append("  void h").append(i).append("() {}\n");
    }
    helper()
        .addSourceLines(
            "Test.java",
            "class Test {",
            "  // BUG: Diagnostic contains: entered 36, deepest 3: first@1 second@2 h0@3",
            "  void root() {",
            "    first();",
            "    late();",
            "  }",
            "  void first() { second(); }",
            "  void second() {",
            calls.toString(),
            "  }",
            "  void late() { lateSecond(); }",
            "  void lateSecond() { lateThird(); }",
            "  void lateThird() {}",
            leaves.toString(),
            "}")
        .doTest();
    helper()
        .addSourceLines(
            "Refused.java",
            "class Refused {",
            "  // BUG: Diagnostic contains: h31@3 late@1 lateSecond@2; refused: h32@2 h33@2 h34@2"
                + " h35@2 lateThird@2.",
            "  void root() {",
            "    first();",
            "    late();",
            "  }",
            "  void first() { second(); }",
            "  void second() {",
            calls.toString(),
            "  }",
            "  void late() { lateSecond(); }",
            "  void lateSecond() { lateThird(); }",
            "  void lateThird() {}",
            leaves.toString(),
            "}")
        .doTest();
  }

  @Test
  void aFreshQuestionHasAFreshBudget() {
    // Each method named root is its own question: the second one's deep helpers are entered even
    // though the first one spent its budget on the same helpers.
    StringBuilder leaves = new StringBuilder();
    StringBuilder calls = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      calls.append("    h").append(i).append("();\n");
      leaves.append("  void h").append(i).append("() {}\n");
    }
    helper()
        .addSourceLines(
            "Test.java",
            "class Test {",
            "  static class One {",
            "    // BUG: Diagnostic contains: entered 34, deepest 3",
            "    void root() { new Test().first(); }",
            "  }",
            "  static class Two {",
            "    // BUG: Diagnostic contains: entered 34, deepest 3",
            "    void root() { new Test().first(); }",
            "  }",
            "  void first() { second(); }",
            "  void second() {",
            calls.toString(),
            "  }",
            leaves.toString(),
            "}")
        .doTest();
  }

  @Test
  void aRunawayChainStopsAtTheDepthGuard() {
    StringBuilder helpers = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      helpers.append("  void m").append(i).append("() { m").append(i + 1).append("(); }\n");
    }
    helper()
        .addSourceLines(
            "Test.java",
            "class Test {",
            "  // BUG: Diagnostic contains: entered 16, deepest 16",
            "  void root() { m1(); }",
            helpers.toString(),
            "  void m21() {}",
            "}")
        .doTest();
    helper()
        .addSourceLines(
            "Guard.java",
            "class Guard {",
            "  // BUG: Diagnostic contains: m16@16; refused: m17@16.",
            "  void root() { m1(); }",
            helpers.toString(),
            "  void m21() {}",
            "}")
        .doTest();
  }

  @Test
  void callsOutsideTheFileAndWithoutABodyAreNotEntered() {
    helper()
        .addSourceLines(
            "Other.java",
            """
            class Other {
              static void elsewhere() {}
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            abstract class Test {
              // BUG: Diagnostic contains: entered 1, deepest 1: local@1; refused: .
              void root() {
                Other.elsewhere();
                String.valueOf(1).length();
                abstractStep();
                local();
              }
              abstract void abstractStep();
              void local() {}
            }
            """)
        .doTest();
  }
}
