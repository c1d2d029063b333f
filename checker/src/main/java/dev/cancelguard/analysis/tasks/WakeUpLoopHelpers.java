package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A method whose every call is a round of a stop-flag doorbell loop of its own file ({@link
 * WakeUps#isWakeUpOfStopFlagLoop}): {@code while (!shutdown.get()) { sendMessage(); }}, where the
 * class sets {@code shutdown} right where it interrupts the loop's thread ({@code
 * shutdown.set(true); executor.shutdownNow();}). A catch in such a method that ends the method (it
 * returns, or falls through to the method's end with nothing after it that could notice an
 * interrupt) hands the thread back to the round, which goes straight to the loop's test: it is the
 * catch the wake-up rule already accepts in the loop itself, one call further in. The interrupt it
 * takes comes with the stop flag set, and the loop ends at that test.
 *
 * <p>Every call must be one the rule sees: the method is not {@code run()}, overrides nothing, is
 * named by no method reference, nothing outside the compilation can call it (it, or a class around
 * it, is private, or not public in a package compiled whole), and every call of it is in the file
 * of the catch (whose interrupts the wake-up rule reads), as a statement of its own ({@code
 * sendMessage();}, {@code ok = send();}, {@code boolean ok = send();}) after which nothing in the
 * loop's body notices an interrupt before the test; or, in another method with the same property,
 * the last thing that method does, at most {@link #MAX_CALLER_DEPTH} methods out. A call returned
 * from, or used inside an expression, a condition or another call, is not answered.
 */
public final class WakeUpLoopHelpers {
  private WakeUpLoopHelpers() {}

  private static final int MAX_CALLER_DEPTH = 3;

  /**
   * True if the statement at {@code statementPath} (a {@code try} whose catches fall through or
   * return) lies in a method that only the rounds of stop-flag doorbell loops of its file call, and
   * hands the thread straight back to the round: the method ends right after the statement (only
   * code without a cancellation point follows it), or every catch returns.
   *
   * @param fallsThrough whether some catch goes on after the statement (otherwise all return)
   */
  public static boolean isReachedOnlyFromRoundsOfStopFlagLoops(
      TreePath statementPath,
      boolean fallsThrough,
      @Nullable TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (codeUnit == null
        || !(codeUnit.getLeaf() instanceof MethodTree method)
        || method.getBody() == null
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    if (fallsThrough && !Tasks.isInTailPosition(statementPath, codeUnit, state, options)) {
      return false;
    }
    try {
      return calledOnlyFromRoundsOfStopFlagLoops(
          symbol, statementPath, state, options, new HashSet<>(), MAX_CALLER_DEPTH);
    } catch (RuntimeException incomplete) {
      return false; // a supertype that cannot be completed, a malformed descriptor
    }
  }

  private static boolean calledOnlyFromRoundsOfStopFlagLoops(
      MethodSymbol method,
      TreePath where,
      VisitorState state,
      CancelGuardOptions options,
      Set<MethodSymbol> visiting,
      int depth) {
    if (depth == 0
        || !visiting.add(method)
        || method.isConstructor()
        || (method.getSimpleName().contentEquals("run") && method.getParameters().isEmpty())
        || !ASTHelpers.findSuperMethods(method, state.getTypes()).isEmpty()
        || !CompiledSources.onlyTheCompilationReaches(method, state)) {
      return false;
    }
    CompilationCalls calls = CompilationCalls.of(state);
    List<TreePath> callPaths = calls.callsOf(method);
    if (callPaths.isEmpty() || calls.namedByAReference(method)) {
      return false;
    }
    for (TreePath call : callPaths) {
      // The wake-up rule reads the interrupts of the file it is asked in.
      if (call.getCompilationUnit() != where.getCompilationUnit()) {
        return false;
      }
      TreePath statement = statementOfDiscardedOrStoredCall(call);
      if (statement == null) {
        return false;
      }
      TreePath caller = Tasks.enclosingCodeUnit(call);
      VisitorState atCall = state.withPath(statement);
      if (WakeUps.isWakeUpOfStopFlagLoop(
          statement, /* continuesToTheTest= */ false, caller, atCall, options)) {
        continue;
      }
      if (caller == null
          || !(caller.getLeaf() instanceof MethodTree callerTree)
          || callerTree.getBody() == null
          || !(getSymbol(callerTree) instanceof MethodSymbol callerSymbol)
          || !Tasks.isInTailPosition(statement, caller, atCall, options)
          || !calledOnlyFromRoundsOfStopFlagLoops(
              callerSymbol, where, state, options, visiting, depth - 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The statement that is the whole call, its result dropped or stored ({@code send();}, {@code ok
   * = send();}, {@code boolean ok = send();}); null for a call returned from, or one inside an
   * expression, a condition or another call.
   */
  private static @Nullable TreePath statementOfDiscardedOrStoredCall(TreePath call) {
    TreePath parent = LocalUses.parent(call);
    if (parent == null) {
      return null;
    }
    Tree leaf = parent.getLeaf();
    if (leaf instanceof AssignmentTree assignment
        && Expressions.strip(assignment.getExpression()) == call.getLeaf()) {
      parent = LocalUses.parent(parent);
      return parent != null && parent.getLeaf() instanceof ExpressionStatementTree ? parent : null;
    }
    return switch (leaf) {
      case ExpressionStatementTree statement -> parent;
      case VariableTree variable
          when Expressions.strip(variable.getInitializer()) == call.getLeaf() ->
          parent;
      default -> null;
    };
  }
}
