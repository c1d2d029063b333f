package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.CancellationPoints.LoopReaction;
import dev.cancelguard.analysis.interrupts.InterruptPaths.Leak;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.trees.Jumps;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fix that makes a loop stop when its thread is interrupted: an interrupt test in its
 * condition, or as the first statement of its body with the way out the code unit allows; a catch
 * in the loop that swallows the interrupt restores it first (the edit {@link RestoreEdits} makes
 * for every check). None in the whole work of a thread its class keeps to itself and never
 * interrupts ({@link UninterruptedThreads}): an interrupt there is a stray one, and ending the loop
 * on it would stop the only thread doing that work.
 */
public final class InterruptCheckFixes {
  private static final String CHECK = "!Thread.currentThread().isInterrupted()";

  private InterruptCheckFixes() {}

  /**
   * Adds {@code !Thread.currentThread().isInterrupted()} to the loop condition, or, where that
   * would not compile (a non-void method whose end the loop used to make unreachable, a {@code for}
   * with an initializer and no condition), an interrupt check as the body's first statement. A
   * catch inside the loop that swallows the interrupt first restores it.
   */
  public static @Nullable SuggestedFix forLoop(
      StatementTree loop,
      TreePath loopPath,
      LoopReaction reaction,
      VisitorState state,
      CancelGuardOptions options) {
    TreePath codeUnit = Tasks.enclosingCodeUnit(loopPath);
    if (codeUnit != null && UninterruptedThreads.isBodyOfUninterruptedThread(codeUnit, state)) {
      return null; // ended on a stray interrupt, the only thread doing that work would be gone
    }
    if (codeUnit != null && !leavingIsSafe(loopPath, reaction, codeUnit, state)) {
      return null;
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    SuggestedFix check = conditionFix(loop, codeUnit, state);
    if (check == null && codeUnit != null) {
      check = firstInBody(loop, loopPath, codeUnit, state);
    }
    if (check == null) {
      return null;
    }
    fix.merge(check);
    return withRestoreInSwallowingCatch(fix, reaction, state, options);
  }

  /**
   * True if leaving the loop on an interrupt leaves its component as its own stop would, by the
   * rule SwallowedInterrupt's leave from a loop follows ({@link RestorePlacement}). It binds the
   * whole work of a task or a thread, where the loop is a worker's: an interrupt must be what its
   * owner means by stop ({@link InterruptStops}: a loop on its object's own {@code running} state
   * that nothing in the file stops by an interrupt would end on a stray one while that state says
   * it runs, and nothing would start it again) — unless its catch already restores the flag and
   * goes round, spinning on every interrupt, which leaving ends. A loop elsewhere (a wait in a
   * caller's method) ends its caller's wait, which an interrupt is meant to end.
   */
  private static boolean leavingIsSafe(
      TreePath loopPath, LoopReaction reaction, TreePath codeUnit, VisitorState state) {
    if (!Tasks.runsAsTask(codeUnit, state) && !Tasks.isThreadTopLevel(codeUnit, state)) {
      return true;
    }
    // `catch (InterruptedException e) { Thread.currentThread().interrupt(); }` and round again: on
    // an interrupt the loop already spins, every pause throwing at once; leaving ends the spin.
    if (reaction.swallowingCatch() != null
        && restoresAtItsTop((CatchTree) reaction.swallowingCatch().getLeaf(), state)) {
      return true;
    }
    Tree leaving = reaction.swallowingCatch() == null ? null : reaction.swallowingCatch().getLeaf();
    return InterruptStops.leavingIsItsStop(loopPath, leaving, codeUnit, state);
  }

  /**
   * The fix for a task loop: for one that waits under a lock for a condition ({@code while
   * (suspended) lock.wait();}), as {@link #forWaitLoop} — what follows it is the work it waited to
   * allow, which an interrupt must not let run early with the condition still unmet — else as
   * {@link #forLoop}.
   */
  public static @Nullable SuggestedFix forTaskLoop(
      StatementTree loop,
      TreePath loopPath,
      LoopReaction reaction,
      VisitorState state,
      CancelGuardOptions options) {
    return RestorePlacement.isWaitLoop(loop, state)
        ? forWaitLoop(loop, loopPath, reaction, state, options)
        : forLoop(loop, loopPath, reaction, state, options);
  }

  /**
   * The fix for a loop that waits (polls and pauses) until something may go ahead: as {@link
   * #forLoop}, unless work follows the loop ({@link FallThroughWork}) — the work it waited to
   * allow, which an interrupt must not let run early. There the interrupt leaves by throwing {@link
   * InterruptedException} (a check first in the body; a catch in the loop that swallows it restores
   * it, so the next round throws), and where the method cannot throw it, no fix.
   */
  public static @Nullable SuggestedFix forWaitLoop(
      StatementTree loop,
      TreePath loopPath,
      LoopReaction reaction,
      VisitorState state,
      CancelGuardOptions options) {
    TreePath codeUnit = Tasks.enclosingCodeUnit(loopPath);
    if (codeUnit == null || FallThroughWork.workAfter(loopPath, codeUnit) == null) {
      return forLoop(loop, loopPath, reaction, state, options);
    }
    if (UninterruptedThreads.isBodyOfUninterruptedThread(codeUnit, state)
        || !mayThrowInterruptedException(codeUnit, state)
        || caughtOnTheWayOut(loopPath, codeUnit)) {
      return null;
    }
    String check = "if (Thread.interrupted()) { throw new InterruptedException(); }";
    SuggestedFix.Builder fix = SuggestedFix.builder();
    StatementTree body = Loops.body(loop);
    if (body instanceof BlockTree block) {
      fix.merge(SourceEdits.insertFirst(block, check, state));
    } else {
      fix.replace(body, "{\n" + check + "\n" + state.getSourceForNode(body) + "\n}");
    }
    return withRestoreInSwallowingCatch(fix, reaction, state, options);
  }

  /**
   * The fix with the restore in the loop's swallowing catch, if it has one; null where that catch
   * cannot take a restore. The same edit SwallowedInterrupt makes there: applied once when both
   * are.
   */
  private static @Nullable SuggestedFix withRestoreInSwallowingCatch(
      SuggestedFix.Builder fix,
      LoopReaction reaction,
      VisitorState state,
      CancelGuardOptions options) {
    if (reaction.swallowingCatch() != null
        && !restoresAtItsTop((CatchTree) reaction.swallowingCatch().getLeaf(), state)) {
      SuggestedFix leave =
          guardedLeaveOfSwallowedInterrupt(reaction.swallowingCatch(), state, options);
      SuggestedFix restore =
          leave != null
              ? leave
              : RestoreEdits.restoreInCatch(
                  (CatchTree) reaction.swallowingCatch().getLeaf(), false, state, options);
      if (restore == null) {
        return null;
      }
      fix.merge(restore);
    }
    return fix.build();
  }

  /**
   * SwallowedInterrupt's fix for a catch that also takes other exceptions where it leaves the loop
   * ({@code if (e instanceof InterruptedException) { Thread.currentThread().interrupt(); break; }},
   * one insertion at the top of the catch); null elsewhere. The plain restore this check would
   * insert there is another text at the same point, an overlap that makes Error Prone drop the
   * file's patch; the same edit is applied once, and leaving the loop on the interrupt is what the
   * loop's new condition asks for too.
   */
  private static @Nullable SuggestedFix guardedLeaveOfSwallowedInterrupt(
      TreePath catchPath, VisitorState state, CancelGuardOptions options) {
    CatchTree catchTree = (CatchTree) catchPath.getLeaf();
    String guard = RestoreEdits.interruptGuard(catchTree, /* atTop= */ true, state);
    if (guard == null || guard.isEmpty()) {
      return null;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(catchPath);
    List<Leak> leaks = LostInterrupts.ofCatch(catchPath, codeUnit, state, options);
    if (leaks.isEmpty()) {
      return null;
    }
    InterruptFixes.CatchFixes fixes =
        InterruptFixes.forCatch(catchPath, codeUnit, leaks, state, options);
    return fixes.placement().shape() == RestorePlacement.Shape.LEAVE_THE_LOOP
            && !fixes.fixes().isEmpty()
        ? fixes.fixes().getFirst()
        : null;
  }

  /**
   * True if a statement of the catch's own block restores the flag ({@code catch (..) {
   * Thread.currentThread().interrupt(); continue; }}): it goes round and spins, but needs no second
   * restore.
   */
  private static boolean restoresAtItsTop(CatchTree catchTree, VisitorState state) {
    return catchTree.getBlock().getStatements().stream()
        .anyMatch(
            statement ->
                statement instanceof ExpressionStatementTree expression
                    && Interrupts.isCurrentThreadInterrupt(expression.getExpression(), state));
  }

  private static @Nullable SuggestedFix conditionFix(
      StatementTree loop, @Nullable TreePath codeUnit, VisitorState state) {
    boolean changesReachability = !Jumps.canCompleteNormally(loop);
    if (changesReachability && (codeUnit == null || !returnsVoid(codeUnit, state))) {
      return null; // the code after the loop would need a return value it does not have
    }
    ExpressionTree condition = Loops.condition(loop);
    if (condition == null) {
      if (loop instanceof ForLoopTree forLoop
          && forLoop.getInitializer().isEmpty()
          && forLoop.getUpdate().isEmpty()) {
        // for (;;) becomes while (...)
        return SuggestedFix.replace(
            getStartPosition(loop),
            getStartPosition(forLoop.getStatement()),
            "while (" + CHECK + ") ");
      }
      return null;
    }
    if (Loops.isConstantTrue(condition)) {
      return SuggestedFix.replace(condition, CHECK);
    }
    String source = state.getSourceForNode(condition);
    boolean needsParentheses =
        condition.getKind() == Tree.Kind.CONDITIONAL_OR
            || condition.getKind() == Tree.Kind.CONDITIONAL_EXPRESSION
            || condition instanceof AssignmentTree;
    return SuggestedFix.replace(
        condition, (needsParentheses ? "(" + source + ")" : source) + " && " + CHECK);
  }

  /**
   * Inserts an interrupt check as the first statement of the loop body, with the way out the code
   * unit allows: throw InterruptedException if it may (and no catch inside it would take it); else,
   * where code follows the loop, none (a return would skip it, a break would run it on half the
   * work as if it were whole); else return from a void method, or throw CancellationException.
   */
  public static @Nullable SuggestedFix firstInBody(
      StatementTree loop, TreePath loopPath, TreePath codeUnit, VisitorState state) {
    if (UninterruptedThreads.isBodyOfUninterruptedThread(codeUnit, state)) {
      return null;
    }
    // `catch (InterruptedException e) { Thread.currentThread().interrupt(); break; }` before the
    // loop: the code restores the flag and goes on, on purpose, to the work after the wait it cut
    // short. The loop may start with the flag set by that restore, and the check would skip it.
    if (restoredAndGoneOnBefore(loopPath, codeUnit, state)) {
      return null;
    }
    boolean inSwitchExpression = isInSwitchExpression(loopPath, codeUnit);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String check;
    if (mayThrowInterruptedException(codeUnit, state) && !caughtOnTheWayOut(loopPath, codeUnit)) {
      check = "if (Thread.interrupted()) { throw new InterruptedException(); }";
    } else if (Jumps.canCompleteNormally(loop) && !nothingAfter(loopPath, codeUnit)) {
      // Code follows the loop: a return would skip it (its cleanup), a break would run it on half
      // the work as if all were done (a partial sum returned as the sum), and an unchecked throw
      // would skip it too. Only InterruptedException says to the caller what happened.
      return null;
    } else if (returnsVoid(codeUnit, state) && !inSwitchExpression) {
      check = "if (Thread.currentThread().isInterrupted()) { return; }";
    } else {
      String cancellation =
          SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.CancellationException");
      check =
          "if (Thread.currentThread().isInterrupted()) { throw new "
              + cancellation
              + "(\"interrupted\"); }";
    }
    StatementTree body = Loops.body(loop);
    if (body instanceof BlockTree block) {
      fix.merge(SourceEdits.insertFirst(block, check, state));
    } else {
      fix.replace(body, "{\n" + check + "\n" + state.getSourceForNode(body) + "\n}");
    }
    return fix.build();
  }

  /**
   * True if the code unit, before the loop and outside it, restores the current thread's interrupt
   * ({@code Thread.currentThread().interrupt()}) where the code then goes on: in a catch whose
   * block can complete normally or leaves by {@code break} or {@code continue} (to the code after a
   * wait loop), or in no catch at all. Nested lambdas and classes are not read.
   */
  private static boolean restoredAndGoneOnBefore(
      TreePath loopPath, TreePath codeUnit, VisitorState state) {
    Tree body = bodyOf(codeUnit.getLeaf());
    if (body == null) {
      return false;
    }
    int loopStart = getStartPosition(loopPath.getLeaf());
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitExpressionStatement(ExpressionStatementTree statement, Void unused) {
        if (!found[0]
            && getStartPosition(statement) < loopStart
            && Interrupts.isCurrentThreadInterrupt(statement.getExpression(), state)) {
          CatchTree catchTree = enclosingCatch(getCurrentPath(), codeUnit);
          found[0] =
              catchTree == null
                  || Jumps.canCompleteNormally(catchTree.getBlock())
                  || NestedCodeSkipper.containsKind(
                      catchTree.getBlock(), Tree.Kind.BREAK, Tree.Kind.CONTINUE);
        }
        return super.visitExpressionStatement(statement, null);
      }
    }.scan(new TreePath(codeUnit, body), null);
    return found[0];
  }

  private static @Nullable Tree bodyOf(Tree codeUnit) {
    return switch (codeUnit) {
      case MethodTree method -> method.getBody();
      case LambdaExpressionTree lambda -> lambda.getBody();
      default -> null;
    };
  }

  private static @Nullable CatchTree enclosingCatch(TreePath path, TreePath codeUnit) {
    for (TreePath p = path; p != null && p.getLeaf() != codeUnit.getLeaf(); p = p.getParentPath()) {
      if (p.getLeaf() instanceof CatchTree catchTree) {
        return catchTree;
      }
    }
    return null;
  }

  /** Nothing runs after {@code path} in the code unit but the {@code finally} blocks around it. */
  private static boolean nothingAfter(TreePath path, TreePath codeUnit) {
    for (TreePath p = path;
        p != null && p.getParentPath() != null && p.getLeaf() != codeUnit.getLeaf();
        p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      if (parent == codeUnit.getLeaf()) {
        return true;
      }
      if (parent instanceof BlockTree block) {
        if (block.getStatements().getLast() != p.getLeaf()) {
          return false;
        }
      } else if (parent instanceof TryTree tryTree) {
        if (tryTree.getFinallyBlock() == p.getLeaf()) {
          return false; // the rest of the finally, then what follows the try
        }
      } else if (!(parent instanceof LabeledStatementTree)
          && !(parent instanceof SynchronizedTree)
          && !(parent instanceof CatchTree)
          && !(parent instanceof IfTree)) {
        return false;
      }
    }
    return true;
  }

  private static boolean returnsVoid(TreePath codeUnit, VisitorState state) {
    Type returnType =
        switch (codeUnit.getLeaf()) {
          case MethodTree method ->
              getSymbol(method) instanceof MethodSymbol symbol ? symbol.getReturnType() : null;
          case LambdaExpressionTree lambda -> descriptor(lambda, state).getReturnType();
          default -> null;
        };
    return returnType != null && returnType.getTag() == TypeTag.VOID;
  }

  private static boolean mayThrowInterruptedException(TreePath codeUnit, VisitorState state) {
    Type interrupted = Interrupts.interruptedExceptionType(state);
    return switch (codeUnit.getLeaf()) {
      case MethodTree method -> Interrupts.declaresInterruptedException(method, state);
      case LambdaExpressionTree lambda ->
          descriptor(lambda, state).getThrownTypes().stream()
              .anyMatch(t -> isSubtype(interrupted, t, state));
      default -> false;
    };
  }

  private static Type descriptor(LambdaExpressionTree lambda, VisitorState state) {
    return state.getTypes().findDescriptorType(getType(lambda));
  }

  /** A try around the loop, inside the code unit, with a catch that would take the exception. */
  private static boolean caughtOnTheWayOut(TreePath loopPath, TreePath codeUnit) {
    Tree child = loopPath.getLeaf();
    for (TreePath p = loopPath.getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree tryTree
          && child == tryTree.getBlock()
          && !tryTree.getCatches().isEmpty()) {
        return true; // any catch: a catch of Exception would take it too
      }
      child = p.getLeaf();
    }
    return false;
  }

  private static boolean isInSwitchExpression(TreePath loopPath, TreePath codeUnit) {
    for (TreePath p = loopPath.getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof SwitchExpressionTree) {
        return true;
      }
    }
    return false;
  }
}
