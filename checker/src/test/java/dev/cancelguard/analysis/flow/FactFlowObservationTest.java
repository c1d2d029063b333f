package dev.cancelguard.analysis.flow;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Type;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@link FactFlow} observes, and the spec hooks whose effect depends on the path: the facts
 * before reads of {@code seen} and before each resource of a try-with-resources as it closes; facts
 * added given the facts before a call; facts a helper adds; resources that remove facts as they
 * close.
 */
class FactFlowObservationTest {
  /** Held from {@code acquire()} until {@code release()}, or until {@code move()} turns it. */
  private static final long HELD = 1;

  /** Turned from {@link #HELD} by {@code move()}; nothing when nothing was held. */
  private static final long MOVED = 2;

  /** Set on every path from the start, so that helpers are walked from the start too. */
  private static final long REACHED = 4;

  /**
   * Reports each observed tree (reads of {@code seen}, resources other than {@code closer}) reached
   * with {@link #HELD} or {@link #MOVED}: "facts N". A resource named {@code closer} releases as it
   * closes; every helper of the file is followed.
   */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ReportObserved extends BugChecker implements MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null || !tree.getName().toString().endsWith("Case")) {
        return Description.NO_MATCH;
      }
      FactFlow.Spec spec =
          new FactFlow.Spec() {
            @Override
            public long addedBy(ExpressionTree tree, long before) {
              if (named(tree, "acquire")) {
                return HELD;
              }
              return named(tree, "move") && (before & HELD) != 0 ? MOVED : 0;
            }

            @Override
            public long killedBy(ExpressionTree tree) {
              return named(tree, "release") || named(tree, "move") ? HELD : 0;
            }

            @Override
            public long killedByClosing(Tree resource) {
              return resource instanceof VariableTree variable
                      && variable.getName().contentEquals("closer")
                  ? HELD
                  : 0;
            }

            @Override
            public boolean carriesFacts(ExpressionTree call, Type thrown) {
              return false;
            }

            @Override
            public FactFlow.Spec helperSpec(MethodInvocationTree call, MethodTree helper) {
              return this;
            }
          };
      Set<Tree> observe = new HashSet<>();
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree identifier, Void unused) {
          if (identifier.getName().contentEquals("seen")) {
            observe.add(identifier);
          }
          return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree select, Void unused) {
          if (select.getIdentifier().contentEquals("seen")) {
            observe.add(select);
          }
          return super.visitMemberSelect(select, null);
        }

        @Override
        public Void visitTry(TryTree tryTree, Void unused) {
          for (Tree resource : tryTree.getResources()) {
            if (!(resource instanceof VariableTree variable
                && variable.getName().contentEquals("closer"))) {
              observe.add(resource);
            }
          }
          return super.visitTry(tryTree, null);
        }
      }.scan(tree.getBody(), null);
      FactFlow.Result result =
          FactFlow.walk(tree.getBody(), spec, state, REACHED, FactFlow.CatchEntry.BY_TYPE, observe);
      for (Map.Entry<Tree, Long> observed : result.observed().entrySet()) {
        long facts = observed.getValue() & (HELD | MOVED);
        if (facts != 0) {
          state.reportMatch(
              buildDescription(observed.getKey()).setMessage("facts " + facts).build());
        }
      }
      return Description.NO_MATCH;
    }

    private static boolean named(ExpressionTree tree, String name) {
      return tree instanceof MethodInvocationTree call
          && getSymbol(call) != null
          && getSymbol(call).getSimpleName().contentEquals(name);
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ReportObserved.class, getClass());

  private static final String HELPERS =
      """
        Runnable seen;

        static void acquire() {}

        static void release() {}

        static void move() {}

        static void use(Object o) {}

        static class Res implements AutoCloseable {
          @Override
          public void close() {}
        }
      """;

  @Test
  void readsAreObservedWithTheFactsOfEveryPathReachingThem() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            HELPERS,
            """
              void heldCase() {
                acquire();
                // BUG: Diagnostic contains: facts 1
                use(seen);
              }

              void releasedCase() {
                acquire();
                release();
                use(seen);
                use(this.seen);
              }

              void heldOnOneBranchCase(boolean a) {
                if (a) {
                  acquire();
                }
                // BUG: Diagnostic contains: facts 1
                use(this.seen);
              }

              void qualifierOfAMethodReferenceCase() {
                acquire();
                // BUG: Diagnostic contains: facts 1
                Runnable r = seen::run;
              }

              void lambdaBodyRunsLaterCase() {
                acquire();
                Runnable r = () -> use(seen);
              }
            }
            """)
        .doTest();
  }

  @Test
  void factsAddedGivenTheFactsBefore() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            HELPERS,
            """
              void movedWhenHeldCase() {
                acquire();
                move();
                // BUG: Diagnostic contains: facts 2
                use(seen);
              }

              void nothingMovedWhenNothingHeldCase() {
                move();
                use(seen);
              }

              void movedOnTheBranchThatHeldCase(boolean a) {
                if (a) {
                  acquire();
                }
                move();
                // BUG: Diagnostic contains: facts 2
                use(seen);
              }
            }
            """)
        .doTest();
  }

  @Test
  void resourcesCloseLastFirstAndAreObservedAsTheyClose() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            HELPERS,
            """
              void closedBeforeTheCloserCase() {
                // BUG: Diagnostic contains: facts 1
                try (Res closer = new Res(); Res other = new Res()) {
                  acquire();
                }
              }

              void closedAfterTheCloserCase() {
                try (Res other = new Res(); Res closer = new Res()) {
                  acquire();
                }
                use(seen);
              }

              void closedOnTheWayOfAReturnCase(boolean a) {
                // BUG: Diagnostic contains: facts 1
                try (Res other = new Res()) {
                  acquire();
                  if (a) {
                    return;
                  }
                  release();
                }
              }

              void closedWithNothingHeldCase() {
                try (Res other = new Res()) {
                  use(other);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void helpersAddAndRemoveFacts() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            HELPERS,
            """
              void helperAcquiresCase() {
                acquireThroughHelper();
                // BUG: Diagnostic contains: facts 1
                use(seen);
              }

              void helperAcquiresOnOnePathCase(boolean a) {
                maybeAcquire(a);
                // BUG: Diagnostic contains: facts 1
                use(seen);
              }

              void helperReleasesWhatItAcquiresCase() {
                acquireAndRelease();
                use(seen);
              }

              void helperReleasesCase() {
                acquire();
                releaseThroughHelper();
                use(seen);
              }

              private void acquireThroughHelper() {
                acquire();
              }

              private void maybeAcquire(boolean a) {
                if (a) {
                  acquire();
                }
              }

              private void acquireAndRelease() {
                acquire();
                release();
              }

              private void releaseThroughHelper() {
                release();
              }
            }
            """)
        .doTest();
  }
}
