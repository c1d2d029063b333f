package dev.cancelguard.analysis.trees;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link UnitCache}: an answer is computed once per unit and key, and a second unit of the same
 * compilation gets answers of its own even for the same key.
 */
class UnitCacheTest {
  /**
   * Reports on each method how many methods its file's top-level class declares and how many times
   * that count was computed in this file, under one key for every file.
   */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class CountsMethods extends BugChecker implements MethodTreeMatcher {
    private static final UnitCache.Kind<String, Integer> METHODS = new UnitCache.Kind<>();
    private static final UnitCache.Kind<String, AtomicInteger> COMPUTED = new UnitCache.Kind<>();

    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      AtomicInteger computed =
          UnitCache.get(COMPUTED, "same key", state, key -> new AtomicInteger());
      int methods =
          UnitCache.get(
              METHODS,
              "same key",
              state,
              key -> {
                computed.incrementAndGet();
                ClassTree type =
                    (ClassTree) state.getPath().getCompilationUnit().getTypeDecls().getFirst();
                return (int)
                    type.getMembers().stream()
                        .filter(
                            m ->
                                m instanceof MethodTree method
                                    && !method.getName().contentEquals("<init>"))
                        .count();
              });
      return buildDescription(tree)
          .setMessage(methods + " methods, counted " + computed.get() + " time(s)")
          .build();
    }
  }

  @Test
  void oncePerUnitAndEachUnitItsOwn() {
    CompilationTestHelper.newInstance(CountsMethods.class, getClass())
        .addSourceLines(
            "Two.java",
            """
            class Two {
              // BUG: Diagnostic contains: 2 methods, counted 1 time(s)
              void a() {}

              // BUG: Diagnostic contains: 2 methods, counted 1 time(s)
              void b() {}
            }
            """)
        .addSourceLines(
            "Three.java",
            """
            class Three {
              // BUG: Diagnostic contains: 3 methods, counted 1 time(s)
              void a() {}

              // BUG: Diagnostic contains: 3 methods, counted 1 time(s)
              void b() {}

              // BUG: Diagnostic contains: 3 methods, counted 1 time(s)
              void c() {}
            }
            """)
        .doTest();
  }
}
