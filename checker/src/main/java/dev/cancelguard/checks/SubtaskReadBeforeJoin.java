package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.tasks.TaskScopes;
import dev.cancelguard.analysis.tasks.TaskScopes.Scope;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.CodeUnits;
import java.util.List;
import java.util.Set;

/** A subtask of a {@code StructuredTaskScope} read by its owner before the scope is joined. */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A subtask's result or state is read before its StructuredTaskScope is joined",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "SubtaskReadBeforeJoin.md")
public final class SubtaskReadBeforeJoin extends CancelGuardChecker
    implements MethodInvocationTreeMatcher {

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    // Cheap test first: only get(), state() and exception() on a Subtask.
    if (!TaskScopes.isSubtaskRead(tree, state)) {
      return NO_MATCH;
    }
    TreePath unit = Tasks.enclosingCodeUnit(state.getPath());
    // A field initializer: no scope of its own.
    if (unit == null) {
      return NO_MATCH;
    }
    // A subtask handed in, taken from a list, or seen by a joiner's callback: its scope's
    // joins are elsewhere.
    Scope scope = TaskScopes.ownedScope(TaskScopes.forkingScope(tree, unit, state), unit, state);
    Tree body = CodeUnits.bodyOf(unit.getLeaf());
    if (scope == null || body == null) {
      return NO_MATCH;
    }
    Long facts = TaskScopes.walkJoinOrder(body, List.of(scope), state, Set.of(tree)).factsAt(tree);
    // Every path reaching the read has joined the scope since the fork (or none reaches it).
    if (facts == null || (facts & TaskScopes.pending(0)) == 0) {
      return NO_MATCH;
    }
    String scopeName = scope.variable().getSimpleName().toString();
    String read = getSymbol(tree).getSimpleName().toString();
    ExpressionTree receiver = ASTHelpers.getReceiver(tree);
    String call =
        (receiver instanceof IdentifierTree subtask ? subtask.getName() + "." : "") + read + "()";
    String message =
        read.equals("state")
            ? "`"
                + call
                + "` is read before `"
                + scopeName
                + ".join()` on some path: until the scope is joined the subtask may still be"
                + " running, so the answer is a race (UNAVAILABLE now, SUCCESS or FAILED a moment"
                + " later). Call "
                + scopeName
                + ".join() first, then read the state."
            : "`"
                + call
                + "` is called before `"
                + scopeName
                + ".join()` on some path: the scope's owner may read a subtask only once it has"
                + " joined, so this throws IllegalStateException while the subtask may still be"
                + " running. Call "
                + scopeName
                + ".join() first, then read the subtasks.";
    return buildDescription(tree).setMessage(message).build();
  }
}
