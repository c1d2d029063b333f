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
import com.google.errorprone.bugpatterns.BugChecker.TryTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.tasks.TaskScopes;
import dev.cancelguard.analysis.tasks.TaskScopes.Scope;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.Lines;
import java.util.List;
import java.util.Set;

/**
 * A path that leaves the try-with-resources block of a {@code StructuredTaskScope} normally after
 * forking and before joining.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "The block of a StructuredTaskScope is left after a fork and before join(): close()"
            + " cancels the subtasks and throws IllegalStateException",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "TaskScopeLeftBeforeJoin.md")
public final class TaskScopeLeftBeforeJoin extends CancelGuardChecker implements TryTreeMatcher {

  @Override
  public Description matchTry(TryTree tree, VisitorState state) {
    // Cheap test first: a resource of a scope type.
    if (tree.getResources().stream()
        .noneMatch(
            r ->
                r instanceof VariableTree v
                    && getSymbol(v) != null
                    && TaskScopes.isScopeType(getSymbol(v).type, state))) {
      return NO_MATCH;
    }
    TreePath unit = Tasks.enclosingCodeUnit(state.getPath());
    if (unit == null) {
      return NO_MATCH;
    }
    for (Tree resource : tree.getResources()) {
      // A scope handed to a helper may be joined there.
      Scope scope =
          resource instanceof VariableTree variable
              ? TaskScopes.ownedScope(getSymbol(variable), unit, state)
              : null;
      if (scope == null) {
        continue;
      }
      FactFlow.Result flow =
          TaskScopes.walkJoinOrder(tree.getBlock(), List.of(scope), state, Set.of());
      for (Exit exit : flow.exits()) {
        // Exceptions leaving the block are fine: close() cancels and waits, and the exception it
        // then throws is only added as suppressed to the one already on its way.
        if ((exit.facts() & TaskScopes.pending(0)) == 0 || !exit.kind().isNormal()) {
          continue;
        }
        state.reportMatch(describe(exit, tree, scope, state));
      }
    }
    return NO_MATCH;
  }

  private Description describe(Exit exit, TryTree tryTree, Scope scope, VisitorState state) {
    String name = scope.variable().getSimpleName().toString();
    String forkLine = exit.origin() == null ? "" : " (line " + Lines.of(exit.origin(), state) + ")";
    String consequence =
        ": closing the scope cancels the subtasks forked"
            + forkLine
            + " and, as the owner never tried to join, throws IllegalStateException"
            + (exit.tree() instanceof ReturnTree ? ", which replaces the return value" : "")
            + ". Call "
            + name
            + ".join() before leaving the block.";
    Tree at = exit.tree();
    String what;
    if (at instanceof ReturnTree) {
      what = "This returns from the block of `" + name + "` before " + name + ".join()";
    } else if (at instanceof BreakTree || at instanceof ContinueTree) {
      what = "This leaves the block of `" + name + "` before " + name + ".join()";
    } else {
      // The end of the block: report where the unjoined work was forked.
      at = exit.origin() == null ? tryTree : exit.origin();
      what = "The block of `" + name + "` ends without " + name + ".join() after this fork";
    }
    return buildDescription(at).setMessage(what + consequence).build();
  }
}
