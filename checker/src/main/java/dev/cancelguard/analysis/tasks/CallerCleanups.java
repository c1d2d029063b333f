package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import org.jspecify.annotations.Nullable;

/**
 * Callers that go on to blocking cleanup once a helper returns. A helper that restores the flag and
 * returns a status ({@code tryCleanClose()} answering false on an interrupt) hands the flag to its
 * caller: if the caller then waits as part of a stop (the dirty close's timed {@code get}, a {@code
 * shutdown(true)} that waits for running jobs), that wait throws at once and the cleanup is cut
 * short. The helper is then no place for a restore; only the caller, after its cleanup, is. Cleanup
 * is a wait made by a close/stop-like method ({@link Terminations#isStopLike}) or by a call of one;
 * any other wait the flag ends early is the interrupt doing its job.
 */
public final class CallerCleanups {
  private CallerCleanups() {}

  /**
   * The first call that fails when interrupted, as cleanup, which some caller of {@code codeUnit}
   * (a method) makes after the call returns: in the rest of the caller's statement (the branches of
   * the {@code if} whose condition calls it, the {@code finally} of its {@code try}), in the
   * statements after it up to a {@code return} or {@code throw}, or anywhere in a loop around the
   * call (it runs again). Only callers in this file are seen; null where there are none or none
   * goes on to block.
   */
  public static @Nullable Tree blockingCallAfterACall(
      TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return null;
    }
    for (TreePath call : CallScans.callsOf(codeUnit.getCompilationUnit(), symbol)) {
      TreePath caller = Tasks.enclosingCodeUnit(call);
      if (caller == null || caller.getLeaf() == method) {
        continue; // a recursive call: the method's own code is the placement's question
      }
      boolean stopping =
          caller.getLeaf() instanceof MethodTree callerMethod
              && Terminations.isStopLike(callerMethod);
      Tree blocking = blockingAfter(call, caller, stopping, state, options);
      if (blocking != null) {
        return blocking;
      }
    }
    return null;
  }

  private static @Nullable Tree blockingAfter(
      TreePath call,
      TreePath caller,
      boolean stopping,
      VisitorState state,
      CancelGuardOptions options) {
    Tree callTree = call.getLeaf();
    int callEnd = state.getEndPosition(callTree);
    for (TreePath p = call;
        p.getParentPath() != null && p.getLeaf() != caller.getLeaf();
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof ReturnTree || p.getLeaf() instanceof ThrowTree) {
        return null; // `return helper();`: the caller leaves with what the call returned
      }
      Tree parent = p.getParentPath().getLeaf();
      if (parent == caller.getLeaf()) {
        break;
      }
      if (parent instanceof BlockTree block) {
        boolean after = false;
        for (StatementTree statement : block.getStatements()) {
          if (after) {
            Tree found = failingCallIn(statement, callTree, -1, stopping, state, options);
            if (found != null) {
              return found;
            }
            if (statement.getKind() == Tree.Kind.RETURN || statement.getKind() == Tree.Kind.THROW) {
              return null; // what follows is not reached from the call
            }
          }
          after |= statement == p.getLeaf();
        }
        continue;
      }
      // A loop runs all of itself again after the call, unless it tests the flag or ends on an
      // interrupt (the restored flag then ends it, which is what the restore is for); any other
      // statement or expression runs what comes after the call in it (an if's branches, a try's
      // finally, the rest of a condition).
      boolean loop = Loops.isLoop(parent);
      if (loop && FlagBlindLoops.looksAtTheFlag(parent, state)) {
        return null;
      }
      Tree found = failingCallIn(parent, callTree, loop ? -1 : callEnd, stopping, state, options);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * A call under {@code tree} (not in nested code, nor in {@code call} itself) that fails when
   * interrupted, starts at or after {@code from} (-1: anywhere), and is cleanup: made while {@code
   * stopping}, or itself a call of a close/stop-like method.
   */
  private static @Nullable Tree failingCallIn(
      Tree tree,
      Tree call,
      int from,
      boolean stopping,
      VisitorState state,
      CancelGuardOptions options) {
    Tree[] found = new Tree[1];
    new NestedCodeSkipper() {
      @Override
      public Void scan(Tree node, Void unused) {
        return found[0] != null || node == call ? null : super.scan(node, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        if (getStartPosition(invocation) >= from
            && Expressions.isResolved(invocation)
            && (stopping
                || (getSymbol(invocation) instanceof MethodSymbol callee
                    && Terminations.isStopLikeName(callee.getSimpleName().toString())))
            && FailingCalls.failsWhenInterrupted(invocation, state, options)) {
          found[0] = invocation;
          return null;
        }
        return super.visitMethodInvocation(invocation, null);
      }
    }.scan(tree, null);
    return found[0];
  }
}
