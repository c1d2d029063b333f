package dev.cancelguard.analysis.trees;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Type;
import org.junit.jupiter.api.Test;

/**
 * {@link Supertypes#anyNamed}: the same answer as a subtype test per name, on class, interface,
 * generic, raw, type-variable, intersection, array and primitive types.
 */
class SupertypesTest {
  private static final ImmutableSet<String> NAMES =
      ImmutableSet.of("java.util.Collection", "java.util.concurrent.Future", "java.io.InputStream");

  /** Reports on each variable both answers: one pass over its supertypes, one test per name. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class BothAnswers extends BugChecker implements VariableTreeMatcher {
    @Override
    public Description matchVariable(VariableTree tree, VisitorState state) {
      Type type = ASTHelpers.getType(tree);
      boolean each =
          NAMES.stream()
              .anyMatch(name -> ASTHelpers.isSubtype(type, state.getTypeFromString(name), state));
      return buildDescription(tree)
          .setMessage("one pass " + Supertypes.anyNamed(type, NAMES, state) + ", each name " + each)
          .build();
    }
  }

  @Test
  void sameAnswerAsOneTestPerName() {
    CompilationTestHelper.newInstance(BothAnswers.class, getClass())
        .addSourceLines(
            "Test.java",
            """
            import java.io.ByteArrayInputStream;
            import java.util.ArrayList;
            import java.util.Collection;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Future;
            import java.util.concurrent.FutureTask;

            class Test {
              static class Mine extends ArrayList<String> {}

              @SuppressWarnings("rawtypes")
              <F extends Future<?>, C extends Object & Collection<?>> void work(
                  // BUG: Diagnostic contains: one pass true, each name true
                  F future,
                  // Erased to its first bound, Object, by both.
                  // BUG: Diagnostic contains: one pass false, each name false
                  C collection,
                  // BUG: Diagnostic contains: one pass true, each name true
                  List<String> list,
                  // BUG: Diagnostic contains: one pass true, each name true
                  ArrayList raw,
                  // BUG: Diagnostic contains: one pass true, each name true
                  Mine mine,
                  // BUG: Diagnostic contains: one pass true, each name true
                  FutureTask<Integer> task,
                  // BUG: Diagnostic contains: one pass true, each name true
                  CompletableFuture<?> completable,
                  // BUG: Diagnostic contains: one pass true, each name true
                  ByteArrayInputStream stream,
                  // BUG: Diagnostic contains: one pass false, each name false
                  Map<String, String> map,
                  // BUG: Diagnostic contains: one pass false, each name false
                  String string,
                  // BUG: Diagnostic contains: one pass false, each name false
                  Object object,
                  // BUG: Diagnostic contains: one pass false, each name false
                  List<?>[] array,
                  // BUG: Diagnostic contains: one pass false, each name false
                  int primitive) {}
            }
            """)
        .doTest();
  }
}
