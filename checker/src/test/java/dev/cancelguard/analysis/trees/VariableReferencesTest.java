package dev.cancelguard.analysis.trees;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import org.junit.jupiter.api.Test;

/** {@link VariableReferences}: every naming of a field or local in the file, and nothing else. */
class VariableReferencesTest {
  /** Reports, on each variable named {@code watched*}, the lines of its references in the file. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class WatchedReferences extends BugChecker implements VariableTreeMatcher {
    @Override
    public Description matchVariable(VariableTree tree, VisitorState state) {
      Symbol variable = ASTHelpers.getSymbol(tree);
      if (variable == null || !tree.getName().toString().startsWith("watched")) {
        return Description.NO_MATCH;
      }
      var unit = state.getPath().getCompilationUnit();
      StringBuilder lines = new StringBuilder("named at");
      for (TreePath reference : VariableReferences.in(new TreePath(unit), variable)) {
        lines
            .append(' ')
            .append(
                unit.getLineMap().getLineNumber(ASTHelpers.getStartPosition(reference.getLeaf())));
      }
      return buildDescription(tree).setMessage(lines.toString()).build();
    }
  }

  /**
   * Plain names, {@code this.} and qualified selects, in lambdas too; a same-named local is not.
   */
  @Test
  void findsEveryNamingOfThatVariable() {
    CompilationTestHelper.newInstance(WatchedReferences.class, getClass())
        .addSourceLines(
            "Test.java",
            """
            class Test {
              // BUG: Diagnostic contains: named at 6 7 8 10
              private Thread watched;

              void work(Test other) {
                watched = new Thread(() -> {});
                this.watched.start();
                Runnable r = () -> other.watched.interrupt();
                // BUG: Diagnostic contains: named at 11
                Thread watchedCopy = watched;
                watchedCopy.start();
              }

              void shadow() {
                // BUG: Diagnostic contains: named at 17
                Thread watched = null;
                watched.start();
              }
            }
            """)
        .doTest();
  }
}
