package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.interrupts.BlockingCalls;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.Jumps;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/** A blocking call in cleanup code that runs after the interrupt flag was restored. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A blocking call in a catch or finally runs after the interrupt flag was restored: it"
            + " fails at once and the cleanup is lost",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "InterruptibleCleanup.md")
public final class InterruptibleCleanup extends CancelGuardChecker
    implements MethodInvocationTreeMatcher {
  private final CancelGuardOptions options;

  /** The constructor Error Prone uses when no flags are in play. */
  public InterruptibleCleanup() {
    this(CancelGuardOptions.defaults());
  }

  @Inject
  InterruptibleCleanup(ErrorProneFlags flags) {
    this(CancelGuardOptions.fromFlags(flags));
  }

  private InterruptibleCleanup(CancelGuardOptions options) {
    this.options = options;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    // Cheap test first: most calls do not care about the flag.
    if (!BlockingCalls.failsWhenInterrupted(tree, state, options)) {
      return NO_MATCH;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    if (codeUnit == null) {
      return NO_MATCH;
    }
    // Only cleanup code: a catch block, or a finally block, around the call in this code unit.
    List<Tree> regions = new ArrayList<>();
    String where = cleanupRegions(state.getPath(), codeUnit, regions);
    if (where == null) {
      return NO_MATCH;
    }
    // Nothing restores the flag in the cleanup: the call only fails when a new interrupt comes.
    if (regions.stream().allMatch(region -> restoresIn(region, state).isEmpty())) {
      return NO_MATCH;
    }
    for (Tree region : regions) {
      MethodInvocationTree restore = restoreReaching(region, tree, state);
      if (restore != null) {
        return describe(tree, restore, where, state);
      }
    }
    return NO_MATCH;
  }

  /**
   * The first restore of {@code region}, in source order, after which a path through the region
   * reaches {@code call}; null if none does. One fact per restore, added when it completes. The
   * walk covers only the region, so a path that leaves it (say to retry a loop: another run of the
   * cleanup) ends there; any call may raise an unchecked exception, which carries the facts to a
   * catch of the region that takes it; every catch is entered, by some exception, without facts;
   * another failing call (it takes the interrupt) or Thread.interrupted() (it clears the flag) on
   * the way removes every fact.
   */
  private @Nullable MethodInvocationTree restoreReaching(
      Tree region, MethodInvocationTree call, VisitorState state) {
    List<MethodInvocationTree> restores = restoresIn(region, state);
    if (restores.isEmpty()) {
      return null;
    }
    int count = Math.min(restores.size(), Long.SIZE);
    List<FactFlow.Raise> unchecked =
        List.of(
            new FactFlow.Raise(state.getSymtab().runtimeExceptionType, 0),
            new FactFlow.Raise(state.getSymtab().errorType, 0));
    FactFlow.Spec spec =
        new FactFlow.Spec() {
          @Override
          public List<FactFlow.Raise> raises(ExpressionTree tree) {
            return tree instanceof MethodInvocationTree || tree instanceof NewClassTree
                ? unchecked
                : List.of();
          }

          @Override
          public long addedBy(ExpressionTree tree) {
            int index = restores.indexOf(tree);
            return index >= 0 && index < count ? 1L << index : 0;
          }

          @Override
          public long killedBy(ExpressionTree tree) {
            return tree != call
                    && tree instanceof MethodInvocationTree other
                    && (BlockingCalls.clearsInterrupt(other, state)
                        || BlockingCalls.failsWhenInterrupted(other, state, options))
                ? -1L
                : 0;
          }
        };
    Long facts =
        FactFlow.walk(region, spec, state, 0, FactFlow.CatchEntry.REACHABLE, Set.of(call))
            .factsAt(call);
    return facts == null || facts == 0 ? null : restores.get(Long.numberOfTrailingZeros(facts));
  }

  private Description describe(
      MethodInvocationTree call, MethodInvocationTree restore, String where, VisitorState state) {
    String name = getSymbol(call).getSimpleName() + "(..)";
    String failure =
        Interrupts.throwsInterruptedException(call, state)
            ? "throws InterruptedException as soon as it has to wait"
            : BlockingCalls.isInterruptibleChannelIo(call, state)
                ? "fails with ClosedByInterruptException and closes the channel"
                : "gives up at once";
    Optional<SuggestedFix> fix = reorderFix(restore, call, state);
    Description.Builder description =
        buildDescription(call)
            .setMessage(
                state.getSourceForNode(restore)
                    + " (line "
                    + Lines.of(restore, state)
                    + ") restored the interrupt flag before this "
                    + name
                    + " in the "
                    + where
                    + ", so it "
                    + failure
                    + " and the cleanup is lost. Do the blocking cleanup first and restore the"
                    + " flag last, or clear the flag (Thread.interrupted()) around the cleanup and"
                    + " restore it afterwards."
                    + (fix.isPresent()
                        ? " The suggested fix moves the restore from line "
                            + Lines.of(restore, state)
                            + " to just after this cleanup."
                        : ""));
    fix.ifPresent(description::addFix);
    return description.build();
  }

  /**
   * Collects the code whose restores count ({@code regions}): each catch block around the call, and
   * each whole try statement whose finally block is around it. Returns where the call is ("catch"
   * or "finally", the innermost), or null when it is in neither.
   */
  private static @Nullable String cleanupRegions(
      TreePath path, TreePath codeUnit, List<Tree> regions) {
    String where = null;
    for (TreePath p = path; p.getParentPath() != null && p != codeUnit; p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      if (parent instanceof CatchTree catchTree && p.getLeaf() == catchTree.getBlock()) {
        regions.add(catchTree.getBlock());
        where = where == null ? "catch" : where;
      } else if (parent instanceof TryTree tryTree && p.getLeaf() == tryTree.getFinallyBlock()) {
        regions.add(tryTree);
        where = where == null ? "finally" : where;
      }
    }
    return where;
  }

  /** The calls that restore the flag in a region, in source order, outside nested code. */
  private List<MethodInvocationTree> restoresIn(Tree region, VisitorState state) {
    List<MethodInvocationTree> restores = new ArrayList<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Interrupts.isRestoringCall(call, state, options)) {
          restores.add(call);
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(region, null);
    restores.sort((a, b) -> Integer.compare(getStartPosition(a), getStartPosition(b)));
    return restores;
  }

  /**
   * Moves the restore below the statement holding the blocking call, when both are statements of
   * the same block and nothing in between can leave the block early (the restore would be skipped).
   */
  private static Optional<SuggestedFix> reorderFix(
      MethodInvocationTree restore, MethodInvocationTree call, VisitorState state) {
    TreePath restorePath = TreePath.getPath(state.getPath().getCompilationUnit(), restore);
    if (restorePath == null
        || !(restorePath.getParentPath().getLeaf() instanceof ExpressionStatementTree statement)
        || !(restorePath.getParentPath().getParentPath().getLeaf() instanceof BlockTree block)) {
      return Optional.empty();
    }
    List<? extends StatementTree> statements = block.getStatements();
    int from = statements.indexOf(statement);
    int to = -1;
    for (TreePath p = state.getPath(); p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() == block) {
        to = statements.indexOf((StatementTree) p.getLeaf());
        break;
      }
    }
    if (from < 0 || to <= from) {
      return Optional.empty();
    }
    List<? extends StatementTree> moved = statements.subList(from + 1, to + 1);
    if (moved.stream().anyMatch(each -> Jumps.mayLeaveEarly(each, /* countThrows= */ true))) {
      return Optional.empty();
    }
    CharSequence source = state.getSourceCode();
    int start = getStartPosition(statement);
    int restoreEnd = state.getEndPosition(statement);
    int next = getStartPosition(statements.get(from + 1));
    int end = state.getEndPosition(statements.get(to));
    if (source == null || start < 0 || restoreEnd < 0 || next < restoreEnd || end < 0) {
      return Optional.empty();
    }
    String restoreText = source.subSequence(start, restoreEnd).toString();
    String indent = SourceEdits.indentationOf(statement, state);
    // The restore and the blank up to what follows it (a comment there stays).
    int deleteEnd = restoreEnd;
    while (deleteEnd < next && Character.isWhitespace(source.charAt(deleteEnd))) {
      deleteEnd++;
    }
    // Two edits around the cleanup, none inside it: another check fixing a catch in the cleanup
    // (SwallowedInterrupt) then edits text this fix leaves alone, and both apply.
    return Optional.of(
        SuggestedFix.builder()
            .replace(start, deleteEnd, "")
            .replace(end, end, "\n" + indent + restoreText)
            .build());
  }
}
