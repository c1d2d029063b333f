package dev.cancelguard.analysis.flow;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.flow.FactFlow.CatchEntry;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.flow.FactFlow.Result;
import dev.cancelguard.analysis.flow.FactFlow.Spec;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.HashSet;
import java.util.Set;

/**
 * The helper-summary hook of one question ({@link Spec#helperSpec}): what a call to a method of the
 * same file removes, found by walking the helper's body with the facts of the call. Followed to any
 * depth, but not into a helper already being walked (recursion), and not beyond the question's
 * budget of helper walks; the walks of one question share this object.
 */
final class HelperSummaries {
  /** Helper bodies walked for one question, at most: deep helper chains stay cheap. */
  private static final int MAX_HELPER_WALKS = 16;

  private final Set<MethodSymbol> inProgress = new HashSet<>();
  private int budget = MAX_HELPER_WALKS;

  /** What a call to a followed helper does to the caller's facts. */
  record Summary(long killed, long added) {
    static final Summary NONE = new Summary(0, 0);
  }

  /**
   * The facts of {@code facts} that the helper {@code tree} calls removes on every way out of its
   * body, and the facts it adds on some way out; {@link Summary#NONE} when the call is not to a
   * followed helper of this file.
   */
  Summary of(
      ExpressionTree tree, long facts, Spec spec, CatchEntry catchEntry, VisitorState state) {
    if (facts == 0
        || !(tree instanceof MethodInvocationTree call)
        || !Expressions.isResolved(call)
        || !(getSymbol(call) instanceof MethodSymbol method)
        || budget <= 0
        || inProgress.contains(method)) {
      return Summary.NONE;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    if (!SameFile.isDeclaredIn(method, unit)) {
      return Summary.NONE;
    }
    MethodTree helper = SameFile.findMethod(unit, method, state);
    if (helper == null || helper.getBody() == null) {
      return Summary.NONE;
    }
    Spec helperSpec = spec.helperSpec(call, helper);
    if (helperSpec == null) {
      return Summary.NONE;
    }
    budget--;
    inProgress.add(method);
    try {
      Result result =
          Walker.run(helper.getBody(), helperSpec, state, facts, catchEntry, Set.of(), this);
      long left = 0;
      for (Exit exit : result.exits()) {
        left |= exit.facts();
      }
      return new Summary(facts & ~left, left & ~facts);
    } finally {
      inProgress.remove(method);
    }
  }
}
