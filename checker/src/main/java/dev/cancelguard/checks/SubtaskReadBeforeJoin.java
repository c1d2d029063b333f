package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
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
    implements MethodInvocationTreeMatcher, MemberReferenceTreeMatcher {

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
    if (scope == null || !readBeforeJoin(tree, scope, unit, state)) {
      return NO_MATCH;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(tree);
    String read = getSymbol(tree).getSimpleName().toString();
    String call =
        (receiver instanceof IdentifierTree subtask ? subtask.getName() + "." : "") + read + "()";
    return buildDescription(tree).setMessage(message(call, read, scope)).build();
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    // Cheap test first: only Subtask::get, Subtask::state and Subtask::exception.
    if (!TaskScopes.isSubtaskRead(tree, state)) {
      return NO_MATCH;
    }
    TreePath unit = Tasks.enclosingCodeUnit(state.getPath());
    if (unit == null) {
      return NO_MATCH;
    }
    // Only a stream over a local list of one scope's forks: `subtasks.stream().map(Subtask::get)`.
    Scope scope =
        TaskScopes.ownedScope(
            TaskScopes.forkingScopeOfStream(state.getPath(), unit, state), unit, state);
    Tree consumer = state.getPath().getParentPath().getLeaf();
    if (scope == null || !readBeforeJoin(consumer, scope, unit, state)) {
      return NO_MATCH;
    }
    String read = tree.getName().toString();
    return buildDescription(tree).setMessage(message("Subtask::" + read, read, scope)).build();
  }

  /** True if some path reaches {@code read} with a subtask of the scope forked and not joined. */
  private static boolean readBeforeJoin(Tree read, Scope scope, TreePath unit, VisitorState state) {
    Tree body = CodeUnits.bodyOf(unit.getLeaf());
    if (body == null) {
      return false;
    }
    Long facts = TaskScopes.walkJoinOrder(body, List.of(scope), state, Set.of(read)).factsAt(read);
    // Every path reaching the read has joined the scope since the fork (or none reaches it).
    return facts != null && (facts & TaskScopes.pending(0)) != 0;
  }

  private static String message(String call, String read, Scope scope) {
    String scopeName = scope.variable().getSimpleName().toString();
    return read.equals("state")
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
  }
}
