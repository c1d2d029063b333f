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
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.tasks.TaskScopes;
import dev.cancelguard.analysis.tasks.TaskScopes.Scope;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.LocalUses;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A {@code StructuredTaskScope} opened outside try-with-resources and not closed on every path out
 * of the method.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A StructuredTaskScope opened outside try-with-resources is not closed on every path: its"
            + " subtasks outlive it",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "TaskScopeNotClosed.md")
public final class TaskScopeNotClosed extends CancelGuardChecker implements VariableTreeMatcher {

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    Symbol variable = getSymbol(tree);
    // Cheap test first: a plain local (a resource is closed by its try) opened right here.
    if (variable == null
        || variable.getKind() != ElementKind.LOCAL_VARIABLE
        || !TaskScopes.isOpen(tree.getInitializer(), state)) {
      return NO_MATCH;
    }
    TreePath unit = Tasks.enclosingCodeUnit(state.getPath());
    if (unit == null) {
      return NO_MATCH;
    }
    // A scope handed to a helper, stored or returned is closed by whoever takes it.
    Scope scope = TaskScopes.ownedScope(variable, unit, state);
    Tree body = CodeUnits.bodyOf(unit.getLeaf());
    if (scope == null || body == null) {
      return NO_MATCH;
    }
    List<Exit> unclosed = TaskScopes.unclosedExits(body, scope, state);
    // Closed on every path out (in a finally, or on each branch).
    if (unclosed.isEmpty()) {
      return NO_MATCH;
    }
    String name = variable.getSimpleName().toString();
    List<MethodInvocationTree> closes = closes(unit, variable, state);
    String when =
        closes.isEmpty()
            ? "is never closed"
            : "is not closed when the method "
                + unclosed.getFirst().describe(state, "opens it again");
    Description.Builder description =
        buildDescription(tree)
            .setMessage(
                "`"
                    + name
                    + "` is opened outside try-with-resources and "
                    + when
                    + ": only close() cancels the subtasks still running and waits for them, so"
                    + " they outlive the method (the scope stays open until this thread ends)."
                    + " Open the scope in try-with-resources.");
    SuggestedFix fix = wrapInTry(state.getPath(), tree, closes, state);
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  /** The {@code close()} calls on the scope in the code unit. */
  private static List<MethodInvocationTree> closes(
      TreePath unit, Symbol variable, VisitorState state) {
    List<MethodInvocationTree> found = new ArrayList<>();
    for (TreePath reference : LocalUses.references(unit, variable)) {
      TreePath select = reference.getParentPath();
      TreePath call = select == null ? null : select.getParentPath();
      if (call != null
          && call.getLeaf() instanceof MethodInvocationTree invocation
          && TaskScopes.isClose(invocation, state)) {
        found.add(invocation);
      }
    }
    return found;
  }

  /**
   * The declaration and the statements after it in its block, wrapped in try-with-resources; a
   * {@code scope.close();} among them is dropped, and the wrap ends there when nothing declared
   * inside is used after it. Null when the scope is closed elsewhere, or not declared in a block.
   */
  private static @Nullable SuggestedFix wrapInTry(
      TreePath path,
      VariableTree declaration,
      List<MethodInvocationTree> closes,
      VisitorState state) {
    if (!(path.getParentPath().getLeaf() instanceof BlockTree block) || closes.size() > 1) {
      return null;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int start = statements.indexOf(declaration);
    int end = statements.size(); // exclusive: the statements wrapped are (start, end)
    StatementTree closeStatement = null;
    if (closes.size() == 1) {
      int at = indexOfStatement(statements, closes.getFirst());
      // A close nested in a branch or a finally: moving it is not mechanical.
      if (at <= start) {
        return null;
      }
      closeStatement = statements.get(at);
      end = declaredInsideUsedAfter(statements, start, at) ? statements.size() : at;
    }
    String source = state.getSourceForNode(declaration);
    if (source == null) {
      return null;
    }
    source = source.strip();
    if (source.endsWith(";")) {
      source = source.substring(0, source.length() - 1).strip();
    }
    if (start == statements.size() - 1) {
      return SuggestedFix.replace(declaration, "try (" + source + ") {}");
    }
    SuggestedFix.Builder fix =
        SuggestedFix.builder().replace(declaration, "try (" + source + ") {");
    if (closeStatement != null && end == statements.indexOf(closeStatement)) {
      fix.replace(closeStatement, "}");
    } else {
      if (closeStatement != null) {
        // From the end of the statement before it, so that no empty line is left.
        StatementTree previous = statements.get(statements.indexOf(closeStatement) - 1);
        fix.replace(state.getEndPosition(previous), state.getEndPosition(closeStatement), "");
      }
      StatementTree last = statements.getLast();
      fix.postfixWith(last, last == closeStatement ? "}" : "\n}");
    }
    return fix.build();
  }

  /** The index of the statement of the list that is {@code call;}, or -1. */
  private static int indexOfStatement(
      List<? extends StatementTree> statements, MethodInvocationTree call) {
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i) instanceof ExpressionStatementTree statement
          && statement.getExpression() == call) {
        return i;
      }
    }
    return -1;
  }

  /** True if a variable declared by statements (from, to) is referenced at or after {@code to}. */
  private static boolean declaredInsideUsedAfter(
      List<? extends StatementTree> statements, int from, int to) {
    List<Symbol> declared = new ArrayList<>();
    for (int i = from + 1; i < to; i++) {
      if (statements.get(i) instanceof VariableTree inner && getSymbol(inner) != null) {
        declared.add(getSymbol(inner));
      }
    }
    boolean[] used = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        used[0] |= declared.contains(getSymbol(identifier));
        return null;
      }
    }.scan(statements.subList(to, statements.size()), null);
    return used[0];
  }
}
