package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.flow.FactFlow.ExitKind;
import dev.cancelguard.analysis.tasks.OrphanFindings;
import dev.cancelguard.analysis.tasks.PoolFixes;
import dev.cancelguard.analysis.tasks.SubtaskCancels;
import dev.cancelguard.analysis.tasks.SubtaskGroup;
import dev.cancelguard.analysis.tasks.SubtaskGroup.Member;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.UnitCache;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * Sub-tasks a method started and waits for, left running when waiting for one of them fails or is
 * interrupted and the method leaves without cancelling the others.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "Sub-tasks started here are left running when waiting for one of them fails or is"
            + " interrupted",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "OrphanedSubtasks.md")
public final class OrphanedSubtasks extends CancelGuardChecker
    implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher {

  /** A task that leaves a sub-task of its own running: trigger, way out, the child, the cancel. */
  private static final String NESTED_TASK =
      "%s, the task %s without %s`%s` (started on line %s): a nested task does not inherit its"
          + " parent's interrupt and runs on, unowned. %s it before leaving (%s), or start it in a"
          + " StructuredTaskScope.";

  /** A method that leaves siblings running: trigger, way out, the siblings, a cancel. */
  private static final String SIBLINGS =
      "%s, the method %s while %s still run: nobody cancels them, so they keep using threads and"
          + " connections for a result nobody will read. Cancel them on that path (e.g. %s), or"
          + " use StructuredTaskScope, which cancels the siblings when one fails, or"
          + " ExecutorService.invokeAll, which returns only when all are done.";

  /**
   * Threads an interrupt cannot stop: trigger, way out, the threads, the one named, its read,
   * where.
   */
  private static final String UNSTOPPABLE =
      "%s, the %s %s while %s still run, and interrupting them would not stop them: `%s` blocks in"
          + " `%s` (%s), a read no interrupt ends, and never tests the interrupt flag. To stop it"
          + " on that path, close what it reads (the stream, or end the process it reads from),"
          + " then wait for it.";

  /**
   * The code units already looked at in this file (each from its first call named like a start).
   */
  private static final UnitCache.Kind<Tree, Boolean> LOOKED_AT = new UnitCache.Kind<>();

  private final CancelGuardOptions options;

  /** The constructor Error Prone uses when no flags are in play. */
  public OrphanedSubtasks() {
    this(CancelGuardOptions.defaults());
  }

  @Inject
  OrphanedSubtasks(ErrorProneFlags flags) {
    this(CancelGuardOptions.fromFlags(flags));
  }

  private OrphanedSubtasks(CancelGuardOptions options) {
    this.options = options;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return analyzeUnitOf(state);
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return analyzeUnitOf(state);
  }

  /**
   * Looks at the code unit (a method, or a lambda with a block body) that would start a sub-task at
   * this call or method reference, once per unit. Cheap exit: most calls are not named like a task
   * start, and a code unit with no such call starts nothing, so it is never walked.
   */
  private Description analyzeUnitOf(VisitorState state) {
    TreePath unitPath = SubtaskGroup.codeUnitCollecting(state.getPath());
    if (unitPath == null) {
      return NO_MATCH;
    }
    boolean[] first = new boolean[1];
    UnitCache.get(
        LOOKED_AT,
        unitPath.getLeaf(),
        state,
        unit -> {
          first[0] = true;
          return true;
        });
    if (!first[0]) {
      return NO_MATCH;
    }
    // Asked as if standing at the code unit, as a matcher of methods and lambdas would be.
    return analyze(unitPath, state.withPath(unitPath));
  }

  private Description analyze(TreePath unitPath, VisitorState state) {
    OrphanFindings.Finding finding = OrphanFindings.of(unitPath, state, options);
    if (finding == null) {
      return NO_MATCH;
    }
    SubtaskGroup group = finding.group();
    List<Exit> exits = finding.exits();
    Exit first =
        exits.stream().min(Comparator.comparingInt(e -> getStartPosition(e.origin()))).get();
    List<Member> left = group.membersIn(first.facts());
    // @SuppressWarnings on the declaration of the futures.
    if (left.stream().allMatch(m -> isSuppressed(m.declaration(), state))) {
      return NO_MATCH;
    }
    List<Exit> sameOrigin =
        exits.stream().filter(e -> e.origin() == first.origin()).collect(Collectors.toList());
    Member unstoppable = finding.unstoppable();
    // The fix of a pool of this code unit shut down on the normal path only wraps the same code:
    // it cancels these sub-tasks in its own finally, and this finding offers no edit of its own.
    PoolFixes.CoveringPool covering =
        unstoppable == null ? PoolFixes.poolFixCovering(unitPath, state, options) : null;
    String message =
        message(group, sameOrigin, left, finding.several(), unstoppable, finding.read(), state)
            + (covering == null
                ? ""
                : " The fix of ExecutorNeverShutdown's finding for `"
                    + covering.name()
                    + "` (line "
                    + covering.line()
                    + ") cancels them in the finally it adds, before the pool is shut down; no"
                    + " fix of its own is offered here.");
    Description.Builder description = buildDescription(first.origin()).setMessage(message);
    if (covering == null) {
      finding.ownFix(state).ifPresent(description::addFix);
    }
    return description.build();
  }

  // ---------------------------------------------------------------- message

  private static String message(
      SubtaskGroup group,
      List<Exit> exits,
      List<Member> left,
      boolean several,
      @Nullable Member unstoppable,
      @Nullable MethodInvocationTree read,
      VisitorState state) {
    Tree origin = exits.getFirst().origin();
    String trigger =
        origin instanceof ThrowTree
            ? "When this InterruptedException is thrown"
            : group.isWait(origin)
                ? several ? "If this wait fails or is interrupted" : "If this wait is interrupted"
                : "If this call is interrupted";
    // Ways out the code chose (return, throw, ..) first, then propagation; at most two.
    String how =
        exits.stream()
            .sorted(
                Comparator.comparing((Exit e) -> e.kind() == ExitKind.PROPAGATES)
                    .thenComparingInt(e -> getStartPosition(e.tree())))
            .map(e -> e.describe(state, "starts new sub-tasks"))
            .distinct()
            .limit(2)
            .collect(Collectors.joining(" or "));
    if (unstoppable != null && read != null) {
      return String.format(
          UNSTOPPABLE,
          trigger,
          several ? "method" : "task",
          how,
          describeMembers(left),
          unstoppable.name(),
          compact(read.toString()),
          where(read, state));
    }
    if (!several) {
      Member child = left.getFirst();
      return String.format(
          NESTED_TASK,
          trigger,
          how,
          child.isThread() ? "interrupting thread " : "cancelling ",
          child.name(),
          Lines.of(child.firstStart(), state),
          child.isThread() ? "Interrupt" : "Cancel",
          SubtaskCancels.cancelText(child, "f", "Future").strip());
    }
    return String.format(
        SIBLINGS,
        trigger,
        how,
        describeMembers(left),
        SubtaskCancels.cancelText(left.getFirst(), "f", "Future").strip());
  }

  /** Source text on one line. */
  private static String compact(String source) {
    return source.replaceAll("\\s+", " ");
  }

  /** "line 12", or "line 12 of Drainer.java" for a read in another file. */
  private static String where(Tree read, VisitorState state) {
    return TreePath.getPath(state.getPath().getCompilationUnit(), read) != null
        ? "line " + Lines.of(read, state)
        : "in the run() of its class";
  }

  /** "the other futures in `futures`", "`a`, `b`", or both joined by "and". */
  private static String describeMembers(List<Member> members) {
    List<String> parts = new ArrayList<>();
    List<String> singles = new ArrayList<>();
    for (Member member : members) {
      if (member.isCollection()) {
        parts.add(
            "the other "
                + (member.isThread() ? "threads" : "futures")
                + " in `"
                + member.name()
                + "`");
      } else {
        singles.add("`" + member.name() + "`");
      }
    }
    if (!singles.isEmpty()) {
      parts.add(String.join(", ", singles));
    }
    return String.join(" and ", parts);
  }
}
