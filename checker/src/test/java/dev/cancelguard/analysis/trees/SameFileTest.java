package dev.cancelguard.analysis.trees;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberSelectTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import org.junit.jupiter.api.Test;

/**
 * {@link SameFile#isDeclaredIn}, {@link SameFile#findMethod} and {@link SameFile#findClass}, seen
 * through reporting checkers.
 */
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

  /**
   * Reports on each call of a method named {@code helper*} whether the file being checked declares
   * it, with the declaration's first line, and its class.
   */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class FindsDeclaration extends BugChecker
      implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)
          || !method.getSimpleName().toString().startsWith("helper")) {
        return Description.NO_MATCH;
      }
      MethodTree declaration =
          SameFile.findMethod(state.getPath().getCompilationUnit(), method, state);
      ClassTree type =
          SameFile.findClass(state.getPath().getCompilationUnit(), method.enclClass(), state);
      return buildDescription(tree)
          .setMessage(
              declaration == null
                  ? "not in this file"
                  : "declared at line "
                      + state
                          .getPath()
                          .getCompilationUnit()
                          .getLineMap()
                          .getLineNumber(ASTHelpers.getStartPosition(declaration))
                      + (type == null ? " in no class" : " in a class of this file"))
          .build();
    }
  }

  /**
   * The declarations of a unit are found by one scan kept while the unit is checked: a method of a
   * class nested in a lambda is found, and the second file's lookups see its own declarations, not
   * the first file's.
   */
  @Test
  void findsDeclarationsOfTheFileBeingChecked() {
    CompilationTestHelper.newInstance(FindsDeclaration.class, getClass())
        .addSourceLines(
            "First.java",
            """
            class First {
              static void helperA() {}

              void use() {
                // BUG: Diagnostic contains: declared at line 2 in a class of this file
                helperA();
                Runnable r =
                    () -> {
                      class Local {
                        void helperDeep() {}
                      }
                      // BUG: Diagnostic contains: declared at line 10 in a class of this file
                      new Local().helperDeep();
                    };
                // BUG: Diagnostic contains: not in this file
                Second.helperB();
              }
            }
            """)
        .addSourceLines(
            "Second.java",
            """
            class Second {


              static void helperB() {}

              void use() {
                // BUG: Diagnostic contains: not in this file
                First.helperA();
                // BUG: Diagnostic contains: declared at line 4 in a class of this file
                helperB();
              }
            }
            """)
        .doTest();
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
