package dev.cancelguard.analysis.trees;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberSelectTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MemberSelectTree;
import com.sun.tools.javac.code.Symbol;
import org.junit.jupiter.api.Test;

/** {@link SameFile#isDeclaredIn}, seen through a reporting checker. */
class SameFileTest {
  /** Reports every member select whose symbol is declared in the file being compiled. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class DeclaredHere extends BugChecker implements MemberSelectTreeMatcher {
    @Override
    public Description matchMemberSelect(MemberSelectTree tree, VisitorState state) {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      return symbol != null && SameFile.isDeclaredIn(symbol, state.getPath().getCompilationUnit())
          ? buildDescription(tree).setMessage("declared here").build()
          : Description.NO_MATCH;
    }
  }

  @Test
  void arrayLengthAndOtherFilesAreNotDeclaredHere() {
    // The array's `length` is owned by javac's synthetic array class; asking about it crashed
    // on a real-world library.
    CompilationTestHelper.newInstance(DeclaredHere.class, getClass())
        .addSourceLines(
            "Test.java",
            """
            class Test {
              int[] slots = new int[4];
              String name = "";

              int size() {
                // BUG: Diagnostic contains: declared here
                int fromThisFile = this.slots.length + this.name.length();
                return fromThisFile + slots.clone().length + System.out.hashCode();
              }
            }
            """)
        .doTest();
  }
}
