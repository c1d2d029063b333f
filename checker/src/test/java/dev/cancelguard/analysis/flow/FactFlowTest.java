package dev.cancelguard.analysis.flow;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.LabeledStatementTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Type;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The paths {@link FactFlow} follows, seen through a reporting checker: one fact, set on the
 * exception a call to {@code risky()} raises, cleared by {@code release()}; every way out of the
 * method with the fact still set is reported with its kind.
 */
class FactFlowTest {
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ReportExits extends BugChecker implements MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null) {
        return Description.NO_MATCH;
      }
      FactFlow.Spec spec =
          new FactFlow.Spec() {
            @Override
            public List<FactFlow.Raise> raises(ExpressionTree call) {
              return named(call, "risky")
                  ? List.of(new FactFlow.Raise(state.getSymtab().exceptionType, 1))
                  : List.of();
            }

            @Override
            public long killedBy(ExpressionTree tree) {
              return named(tree, "release") ? 1 : 0;
            }
          };
      for (FactFlow.Exit exit :
          FactFlow.walk(tree.getBody(), spec, state, 0, false, Set.of()).exits()) {
        state.reportMatch(buildDescription(exit.tree()).setMessage(exit.kind().name()).build());
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
      CompilationTestHelper.newInstance(ReportExits.class, getClass());

  private static final String HELPERS =
      """
        static void risky() throws Exception {}

        static void release() {}
      """;

  @Test
  void propagationReturnAndThrowOutOfCatches() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            HELPERS,
            """
              void propagates() throws Exception {
                // BUG: Diagnostic contains: PROPAGATES
                risky();
              }

              void returns() {
                try {
                  risky();
                } catch (Exception e) {
                  // BUG: Diagnostic contains: RETURNS
                  return;
                }
              }

              void rethrowsWrapped() {
                try {
                  risky();
                } catch (Exception e) {
                  // BUG: Diagnostic contains: THROWS
                  throw new IllegalStateException(e);
                }
              }

              void releasedFirst() {
                try {
                  risky();
                } catch (Exception e) {
                  release();
                  throw new IllegalStateException(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void finallyBlocksAndLabeledBreaks() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            HELPERS,
            """
              void finallyReleases() throws Exception {
                try {
                  risky();
                } finally {
                  release();
                }
              }

              void breakOutThroughFinally(int n) {
                outer:
                for (int i = 0; i < n; i++) {
                  try {
                    try {
                      risky();
                    } catch (Exception e) {
                      break outer;
                    }
                  } finally {
                    release();
                  }
                }
              }

              // BUG: Diagnostic contains: FALLS_OFF
              void breakOutWithoutRelease(int n) {
                outer:
                for (int i = 0; i < n; i++) {
                  try {
                    risky();
                  } catch (Exception e) {
                    break outer;
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void switchFallThroughAndLoops() {
    helper
        .addSourceLines(
            "Test.java",
            "class Test {",
            HELPERS,
            """
              void fallsIntoRelease(int mode) {
                try {
                  risky();
                } catch (Exception e) {
                  switch (mode) {
                    case 1:
                    case 2:
                      release();
                      break;
                    default:
                      // BUG: Diagnostic contains: RETURNS
                      return;
                  }
                }
              }

              void releasedAfterTheLoop(int n) {
                for (int i = 0; i < n; i++) {
                  try {
                    risky();
                  } catch (Exception e) {
                    continue;
                  }
                }
                release();
              }

              void factCarriedIntoTheNextRound() {
                while (true) {
                  try {
                    risky();
                    // BUG: Diagnostic contains: RETURNS
                    return;
                  } catch (Exception e) {
                    if (Math.random() > 0.5) {
                      release();
                      break;
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  /**
   * A block walked on its own (the statement labeled {@code unit:}): one fact, set by {@code
   * acquire()}, cleared by {@code release()}; a jump out of the block is a way out of it, of its
   * own kind.
   */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ReportBlockExits extends BugChecker
      implements LabeledStatementTreeMatcher {
    @Override
    public Description matchLabeledStatement(LabeledStatementTree tree, VisitorState state) {
      if (!tree.getLabel().contentEquals("unit")) {
        return Description.NO_MATCH;
      }
      FactFlow.Spec spec =
          new FactFlow.Spec() {
            @Override
            public long addedBy(ExpressionTree tree) {
              return ReportExits.named(tree, "acquire") ? 1 : 0;
            }

            @Override
            public long killedBy(ExpressionTree tree) {
              return ReportExits.named(tree, "release") ? 1 : 0;
            }
          };
      for (FactFlow.Exit exit :
          FactFlow.walk(tree.getStatement(), spec, state, 0, false, Set.of()).exits()) {
        state.reportMatch(buildDescription(exit.tree()).setMessage(exit.kind().name()).build());
      }
      return Description.NO_MATCH;
    }
  }

  @Test
  void jumpsOutOfABlockWalkedOnItsOwnAreWaysOut() {
    CompilationTestHelper.newInstance(ReportBlockExits.class, getClass())
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static void acquire() {}

              static void release() {}

              void f(int[] items) {
                for (int item : items) {
                  unit:
                  // BUG: Diagnostic contains: FALLS_OFF
                  {
                    acquire();
                    if (item == 0) {
                      // BUG: Diagnostic contains: CONTINUES
                      continue;
                    }
                    if (item < 0) {
                      // BUG: Diagnostic contains: BREAKS
                      break;
                    }
                    if (item > 100) {
                      // BUG: Diagnostic contains: BREAKS
                      break unit;
                    }
                    try {
                      if (item == 1) {
                        continue; // the finally releases on the way out
                      }
                    } finally {
                      release();
                    }
                    acquire(); // the end of the block: reported at its start
                  }
                }
              }
            }
            """)
        .doTest();
  }

  /**
   * One fact, set by {@code acquire()}, cleared by {@code release()}, {@code releases()} and {@code
   * releasesInt()}; helpers of the file are followed with the same spec. Every way out of a method
   * with the fact set is reported with its kind.
   */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ReportHeldExits extends BugChecker implements MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null || !tree.getName().toString().startsWith("case")) {
        return Description.NO_MATCH;
      }
      FactFlow.Spec spec =
          new FactFlow.Spec() {
            @Override
            public long addedBy(ExpressionTree tree) {
              return ReportExits.named(tree, "acquire") ? 1 : 0;
            }

            @Override
            public long killedBy(ExpressionTree tree) {
              return ReportExits.named(tree, "release")
                      || ReportExits.named(tree, "releases")
                      || ReportExits.named(tree, "releasesInt")
                  ? 1
                  : 0;
            }

            @Override
            public FactFlow.Spec helperSpec(MethodInvocationTree call, MethodTree helper) {
              return this;
            }
          };
      for (FactFlow.Exit exit :
          FactFlow.walk(tree.getBody(), spec, state, 0, false, Set.of()).exits()) {
        state.reportMatch(buildDescription(exit.tree()).setMessage(exit.kind().name()).build());
      }
      return Description.NO_MATCH;
    }
  }

  private static final String HELD =
      """
        static void acquire() {}

        static void release() {}

        static boolean releases() {
          return true;
        }

        static int releasesInt() {
          return 0;
        }
      """;

  @Test
  void conditionalOperatorsBranch() {
    CompilationTestHelper.newInstance(ReportHeldExits.class, getClass())
        .addSourceLines(
            "Test.java",
            "class Test {",
            HELD,
            """
              void caseRightOperandMayNotRun(boolean a) {
                acquire();
                if (a && releases()) {}
                // BUG: Diagnostic contains: RETURNS
                return;
              }

              void caseRightOperandRunsOnTheTrueBranch(boolean a) {
                acquire();
                if (a && releases()) {
                  return;
                }
                release();
              }

              void caseOrSkipsItsRightOperand(boolean a) {
                acquire();
                boolean b = a || releases();
                // BUG: Diagnostic contains: RETURNS
                return;
              }

              void caseNegatedOrFalseBranchRanBoth(boolean a) {
                acquire();
                if (!(a || !releases())) {
                  return;
                }
                release();
              }

              void caseOneArm(boolean a) {
                acquire();
                int x = a ? releasesInt() : 0;
                // BUG: Diagnostic contains: RETURNS
                return;
              }

              void caseBothArms(boolean a) {
                acquire();
                int x = a ? releasesInt() : releasesInt();
                return;
              }

              int caseYieldFromOneCase(int k) {
                acquire();
                int x =
                    switch (k) {
                      case 1 -> {
                        release();
                        yield 1;
                      }
                      default -> 0;
                    };
                // BUG: Diagnostic contains: RETURNS
                return x;
              }

              int caseYieldFromEveryCase(int k) {
                acquire();
                int x =
                    switch (k) {
                      case 1 -> {
                        release();
                        yield 1;
                      }
                      default -> releasesInt();
                    };
                return x;
              }

              void caseProcessExitEndsThePath() {
                acquire();
                System.exit(1);
              }
            }
            """)
        .doTest();
  }

  @Test
  void helpersOfTheFileAreFollowed() {
    CompilationTestHelper.newInstance(ReportHeldExits.class, getClass())
        .addSourceLines(
            "Test.java",
            "class Test {",
            HELD,
            """
              void caseHelperReleases() {
                acquire();
                releaseAll();
                return;
              }

              void caseHelperReleasesOnOnePath(boolean a) {
                acquire();
                maybeRelease(a);
                // BUG: Diagnostic contains: RETURNS
                return;
              }

              void caseHelperOfAHelperOfAHelper() {
                acquire();
                first();
                return;
              }

              void caseRecursiveHelperIsNotAssumedToRelease() {
                acquire();
                countDown(3);
                // BUG: Diagnostic contains: RETURNS
                return;
              }

              private void releaseAll() {
                release();
              }

              private void maybeRelease(boolean a) {
                if (a) {
                  release();
                }
              }

              private void first() {
                second();
              }

              private void second() {
                third();
              }

              private void third() {
                release();
              }

              private void countDown(int n) {
                if (n > 0) {
                  countDown(n - 1);
                } else {
                  release();
                }
              }
            }
            """)
        .doTest();
  }

  /**
   * One fact, set by {@code acquire()}, cleared by {@code release()}; no exception a call declares
   * carries it. Methods named {@code reachable…} are walked with every catch reachable ({@link
   * FactFlow.CatchEntry#REACHABLE}), the others with catches entered by type only.
   */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ReportExitsFromAnyCatch extends BugChecker
      implements MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null || !tree.getName().toString().endsWith("Case")) {
        return Description.NO_MATCH;
      }
      FactFlow.Spec spec =
          new FactFlow.Spec() {
            @Override
            public long addedBy(ExpressionTree tree) {
              return ReportExits.named(tree, "acquire") ? 1 : 0;
            }

            @Override
            public long killedBy(ExpressionTree tree) {
              return ReportExits.named(tree, "release") ? 1 : 0;
            }

            @Override
            public boolean carriesFacts(ExpressionTree call, Type thrown) {
              return false;
            }
          };
      FactFlow.CatchEntry catches =
          tree.getName().toString().startsWith("reachable")
              ? FactFlow.CatchEntry.REACHABLE
              : FactFlow.CatchEntry.BY_TYPE;
      for (FactFlow.Exit exit :
          FactFlow.walk(tree.getBody(), spec, state, 0, catches, Set.of()).exits()) {
        state.reportMatch(buildDescription(exit.tree()).setMessage(exit.kind().name()).build());
      }
      return Description.NO_MATCH;
    }
  }

  @Test
  void everyCatchReachableAddsNoFacts() {
    CompilationTestHelper.newInstance(ReportExitsFromAnyCatch.class, getClass())
        .addSourceLines(
            "Test.java",
            "class Test {",
            HELPERS,
            """
              static void acquire() {}

              static void work() {}

              void reachableFactAddedInACatchCase() {
                try {
                  work();
                } catch (RuntimeException e) {
                  acquire();
                  // BUG: Diagnostic contains: RETURNS
                  return;
                }
              }

              void byTypeCatchNoExceptionCarriesFactsIntoCase() {
                try {
                  work();
                } catch (RuntimeException e) {
                  acquire();
                  return;
                }
              }

              void reachableFactAddedInACatchThenReleasedCase() {
                try {
                  risky();
                } catch (Exception e) {
                  acquire();
                  release();
                  return;
                }
              }

              void reachableCallExceptionsCarryNoFactsCase() throws Exception {
                acquire();
                try {
                  risky();
                } catch (IllegalStateException e) {
                  return; // entered with no facts: risky()'s exceptions do not carry them
                }
                risky(); // nor out of the method
                release();
              }

              void reachableExplicitThrowCarriesFactsToItsCatchCase() {
                try {
                  acquire();
                  throw new IllegalStateException();
                } catch (IllegalStateException e) {
                  // BUG: Diagnostic contains: RETURNS
                  return;
                }
              }

              void reachableCatchKeepsFactsOfItsTryEntryOnlyWhenRoutedCase(boolean a) {
                acquire();
                try {
                  work();
                } catch (RuntimeException e) {
                  release();
                }
                release();
              }
            }
            """)
        .doTest();
  }
}
