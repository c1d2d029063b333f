package dev.cancelguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.errorprone.fixes.ErrorPronePosition;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** Fixes of one file applied together: overlaps wait for the next round, nothing half applied. */
class FixesTest {
  private static final String SOURCE =
      """
      class Demo {
        void a() {}

        void b() {}
      }
      """;

  private static JCCompilationUnit parse() throws Exception {
    JavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///Demo.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return SOURCE;
          }
        };
    JavacTask task =
        (JavacTask)
            ToolProvider.getSystemJavaCompiler()
                .getTask(null, null, null, List.of("-proc:none"), null, List.of(file));
    CompilationUnitTree unit = task.parse().iterator().next();
    return (JCCompilationUnit) unit;
  }

  private static JCTree method(JCCompilationUnit unit, int index) {
    return (JCTree)
        ((com.sun.source.tree.ClassTree) unit.getTypeDecls().getFirst())
            .getMembers().stream()
                .filter(m -> m instanceof MethodTree mt && !mt.getName().contentEquals("<init>"))
                .toList()
                .get(index);
  }

  private static Description describe(JCTree tree, SuggestedFix fix) {
    return Description.builder(ErrorPronePosition.from(tree), "Demo", null, "demo")
        .addFix(fix)
        .build();
  }

  @Test
  void fixesThatDoNotOverlapAreAppliedTogether() throws Exception {
    JCCompilationUnit unit = parse();
    JCTree a = method(unit, 0);
    JCTree b = method(unit, 1);
    Fixes.FileFix fix =
        Fixes.apply(
            unit,
            Path.of("Demo.java"),
            SOURCE,
            List.of(
                describe(b, SuggestedFix.prefixWith(b, "// b\n  ")),
                describe(a, SuggestedFix.prefixWith(a, "// a\n  "))));
    assertNull(fix.failure());
    assertEquals(2, fix.applied());
    assertEquals(0, fix.deferred());
    assertEquals(
        """
        class Demo {
          // a
          void a() {}

          // b
          void b() {}
        }
        """,
        fix.text());
  }

  @Test
  void aFixOverlappingAnEarlierOneIsLeftForTheNextRound() throws Exception {
    JCCompilationUnit unit = parse();
    JCTree a = method(unit, 0);
    Fixes.FileFix fix =
        Fixes.apply(
            unit,
            Path.of("Demo.java"),
            SOURCE,
            List.of(
                describe(a, SuggestedFix.replace(a, "void a() { return; }")),
                describe(a, SuggestedFix.replace(a, "void a() { throw null; }")),
                describe(a, SuggestedFix.prefixWith(a, "// a\n  "))));
    assertNull(fix.failure());
    assertEquals(2, fix.applied());
    assertEquals(1, fix.deferred());
    assertEquals(
        """
        class Demo {
          // a
          void a() { return; }

          void b() {}
        }
        """,
        fix.text());
  }

  @Test
  void twoDifferentInsertionsAtOnePlaceAreBothAppliedTheEarlierFindingsFirst() throws Exception {
    // Two waits below the shutdowns of one stop, or two checks' statements at the top of one
    // catch: Error Prone's patch joins them in the order of the findings, and so does --fix.
    JCCompilationUnit unit = parse();
    JCTree a = method(unit, 0);
    JCTree b = method(unit, 1);
    Fixes.FileFix fix =
        Fixes.apply(
            unit,
            Path.of("Demo.java"),
            SOURCE,
            List.of(
                describe(b, SuggestedFix.prefixWith(b, "// second\n  ")),
                describe(a, SuggestedFix.prefixWith(b, "// first\n  "))));
    assertNull(fix.failure());
    assertEquals(2, fix.applied());
    assertEquals(0, fix.deferred());
    assertEquals(
        """
        class Demo {
          void a() {}

          // first
          // second
          void b() {}
        }
        """,
        fix.text());
  }

  @Test
  void anInsertionInsideAnEarlierFixsReplacementIsLeftForTheNextRound() throws Exception {
    JCCompilationUnit unit = parse();
    JCTree a = method(unit, 0);
    JCTree b = method(unit, 1);
    Fixes.FileFix fix =
        Fixes.apply(
            unit,
            Path.of("Demo.java"),
            SOURCE,
            List.of(
                describe(a, SuggestedFix.replace(a, "void a() { return; }")),
                describe(
                    b,
                    SuggestedFix.replace(
                        a.getStartPosition() + "void".length(),
                        a.getStartPosition() + "void".length(),
                        " /* inside */"))));
    assertNull(fix.failure());
    assertEquals(1, fix.applied());
    assertEquals(1, fix.deferred());
    assertEquals(
        """
        class Demo {
          void a() { return; }

          void b() {}
        }
        """,
        fix.text());
  }

  @Test
  void anEditAnEarlierFixAlreadyMakesIsAppliedOnceAndDefersNothing() throws Exception {
    // Two checks restoring in one catch, or two cancels of one stop sharing one `try`: the same
    // insertion in both fixes, as Error Prone applies it once.
    JCCompilationUnit unit = parse();
    JCTree a = method(unit, 0);
    JCTree b = method(unit, 1);
    Fixes.FileFix fix =
        Fixes.apply(
            unit,
            Path.of("Demo.java"),
            SOURCE,
            List.of(
                describe(
                    a,
                    SuggestedFix.builder()
                        .prefixWith(a, "// both\n  ")
                        .replace(a, "void a() { return; }")
                        .build()),
                describe(
                    b,
                    SuggestedFix.builder()
                        .prefixWith(a, "// both\n  ")
                        .replace(b, "void b() { return; }")
                        .build())));
    assertNull(fix.failure());
    assertEquals(2, fix.applied());
    assertEquals(0, fix.deferred());
    assertEquals(
        """
        class Demo {
          // both
          void a() { return; }

          void b() { return; }
        }
        """,
        fix.text());
  }

  @Test
  void aFixThatCannotBeAppliedFailsTheFileAndChangesNothing() throws Exception {
    JCCompilationUnit unit = parse();
    JCTree a = method(unit, 0);
    // A fix reaching past the end of the file, as broken end positions can produce.
    SuggestedFix broken =
        SuggestedFix.builder().replace(SOURCE.length() - 2, SOURCE.length() + 5, "x").build();
    Fixes.FileFix fix =
        Fixes.apply(
            unit,
            Path.of("Demo.java"),
            SOURCE,
            List.of(describe(a, SuggestedFix.prefixWith(a, "// a\n  ")), describe(a, broken)));
    assertEquals(SOURCE, fix.text());
    assertEquals(0, fix.applied());
    assertEquals(
        "IllegalStateException: a fix edits ["
            + (SOURCE.length() - 2)
            + ", "
            + (SOURCE.length() + 5)
            + ") of "
            + SOURCE.length(),
        fix.failure());
  }
}
