package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.tasks.TaskScopes;
import dev.cancelguard.analysis.tasks.TaskScopes.Scope;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.List;
import java.util.Set;

/** A subtask forked in a {@code StructuredTaskScope} that its owner has already joined. */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A subtask is forked in a StructuredTaskScope that was already joined",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "ForkAfterJoin.md")
public final class ForkAfterJoin extends CancelGuardChecker implements MethodInvocationTreeMatcher {

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    // Cheap test first: only StructuredTaskScope.fork.
    if (!TaskScopes.isFork(tree, state)) {
      return NO_MATCH;
    }
    TreePath unit = Tasks.enclosingCodeUnit(state.getPath());
    if (unit == null) {
      return NO_MATCH;
    }
    // A scope handed in or handed on: its joins may be elsewhere.
    Scope scope = TaskScopes.ownedScope(Expressions.receiverSymbol(tree), unit, state);
    Tree body = CodeUnits.bodyOf(unit.getLeaf());
    if (scope == null || body == null) {
      return NO_MATCH;
    }
    Long facts = TaskScopes.walkJoinOrder(body, List.of(scope), state, Set.of(tree)).factsAt(tree);
    // No path reaching the fork has joined this scope (a scope opened anew each round included).
    if (facts == null || (facts & TaskScopes.joined(0)) == 0) {
      return NO_MATCH;
    }
    String scopeName = scope.variable().getSimpleName().toString();
    return buildDescription(tree)
        .setMessage(
            "This forks in `"
                + scopeName
                + "` after "
                + scopeName
                + ".join() on some path: a joined scope takes no more subtasks, so fork throws"
                + " IllegalStateException and the work never starts. Fork every subtask before"
                + " join(); for another round of work, open a new scope.")
        .build();
  }
}
