package dev.cancelguard.analysis.trees;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import org.junit.jupiter.api.Test;

/** {@link CompiledSources}: declarations found in any file of the compilation, never in a jar. */
class CompiledSourcesTest {
  /** Reports on every call whether the callee's method and class declarations have a tree. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class FindsTrees extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)) {
        return Description.NO_MATCH;
      }
      boolean method_ = CompiledSources.methodTree(method, state) != null;
      boolean class_ = CompiledSources.classTree(method.enclClass(), state) != null;
      return buildDescription(tree)
          .setMessage(
              (method_ ? "method tree" : "no method tree")
                  + ", "
                  + (class_ ? "class tree" : "no class tree"))
          .build();
    }
  }

  @Test
  void findsDeclarationsInOtherSourceFilesButNotInClassFiles() {
    CompilationTestHelper.newInstance(FindsTrees.class, getClass())
        .addSourceLines(
            "Helpers.java",
            """
            class Helpers {
              static void restore() {}
            }
            """)
        .addSourceLines(
            "Caller.java",
            """
            class Caller {
              void run() {
                // BUG: Diagnostic contains: method tree, class tree
                Helpers.restore();
                // BUG: Diagnostic contains: no method tree, no class tree
                Thread.currentThread();
              }
            }
            """)
        .doTest();
  }
}
