package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.jdk.ReadOnlyCalls;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.Set;

/**
 * A poll that ends at a deadline and keeps the interrupt for later: {@code while (closed != CLOSED)
 * { if (System.currentTimeMillis() > start + 2_500) break; try { Thread.sleep(1); } catch
 * (InterruptedException e) { interrupted = true; } }} with the flag restored in a {@code finally}.
 * The loop ends by itself at its deadline, and the interrupt is not lost: it is restored on every
 * path once the wait is over ({@link InterruptRecords}) — the uninterruptible wait with a bound, a
 * correct idiom. A catch that drops the interrupt, or restores it at once (every next sleep throws
 * at once and the wait spins hot until the deadline), and a poll whose deadline the loop itself
 * moves or that has none, are not this shape.
 */
public final class DeadlinePolls {
  private DeadlinePolls() {}

  /**
   * True if the loop at {@code loopPath} ends when the clock passes a bound the loop does not move
   * (a conjunct of its condition, or a top-level {@code if} of its body that leaves the loop), and
   * every call in it that throws InterruptedException is caught inside the loop by a catch that
   * records the interrupt, does not restore it at once, and whose record is restored or rethrown on
   * every path out of the method; with at least one such call.
   */
  public static boolean endsAtItsDeadlineKeepingTheInterrupt(
      TreePath loopPath, VisitorState state, CancelGuardOptions options) {
    TreePath codeUnit = CodeUnits.enclosing(loopPath);
    if (codeUnit == null) {
      return false;
    }
    Set<Symbol> written = Loops.writtenVariables(loopPath);
    if (!hasDeadlineExit(loopPath, written, state)) {
      return false;
    }
    int[] kept = new int[1];
    boolean[] other = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!other[0] && Interrupts.throwsInterruptedException(call, state)) {
          TreePath catchPath =
              CancellationPoints.catchingInterrupt(getCurrentPath(), loopPath.getLeaf(), state);
          if (catchPath != null
              && catchPath.getLeaf() instanceof CatchTree catchTree
              && recordsAndKeeps(catchTree, codeUnit, state, options)) {
            kept[0]++;
          } else {
            other[0] = true;
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loopPath, null);
    return kept[0] > 0 && !other[0];
  }

  /** The catch notes the interrupt, restores it nowhere itself, and the note is redeemed later. */
  private static boolean recordsAndKeeps(
      CatchTree catchTree, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    Symbol caught = getSymbol(catchTree.getParameter());
    BlockTree block = catchTree.getBlock();
    boolean[] restores = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        restores[0] |= Interrupts.isRestoringCall(call, state, options);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(block, null);
    if (restores[0]) {
      return false;
    }
    InterruptRecords.Record record =
        InterruptRecords.firstRecordIn(
            block, value -> caught != null && caught.equals(getSymbol(stripParentheses(value))));
    return record != null && InterruptRecords.redeemedOnEveryPath(record, codeUnit, state, options);
  }

  /** The loop leaves when the clock passes a bound it does not move. */
  private static boolean hasDeadlineExit(
      TreePath loopPath, Set<Symbol> written, VisitorState state) {
    Tree loop = loopPath.getLeaf();
    ExpressionTree condition = Loops.condition(loop);
    if (condition != null
        && hasClockComparison(condition, Tree.Kind.CONDITIONAL_AND, written, state)) {
      return true;
    }
    if (!(Loops.body(loop) instanceof BlockTree body)) {
      return false;
    }
    for (StatementTree statement : body.getStatements()) {
      if (statement instanceof IfTree ifTree
          && hasClockComparison(ifTree.getCondition(), Tree.Kind.CONDITIONAL_OR, written, state)
          && Loops.leavesLoop(ifTree.getThenStatement(), loopPath)) {
        return true;
      }
      // A round that skips ahead may never reach a later test.
      if (NestedCodeSkipper.containsKind(statement, Tree.Kind.CONTINUE)) {
        return false;
      }
    }
    return false;
  }

  /**
   * True if the expression, split at {@code split} ({@code &&} for a loop condition: any false
   * conjunct ends it; {@code ||} for an {@code if} that leaves: any true disjunct takes it), has a
   * part that compares the clock with values the loop does not write.
   */
  private static boolean hasClockComparison(
      ExpressionTree tree, Tree.Kind split, Set<Symbol> written, VisitorState state) {
    ExpressionTree expression = stripParentheses(tree);
    if (expression instanceof BinaryTree binary && binary.getKind() == split) {
      return hasClockComparison(binary.getLeftOperand(), split, written, state)
          || hasClockComparison(binary.getRightOperand(), split, written, state);
    }
    if (!(expression instanceof BinaryTree comparison)
        || !Set.of(
                Tree.Kind.LESS_THAN,
                Tree.Kind.LESS_THAN_EQUAL,
                Tree.Kind.GREATER_THAN,
                Tree.Kind.GREATER_THAN_EQUAL)
            .contains(comparison.getKind())) {
      return false;
    }
    boolean[] clock = new boolean[1];
    boolean[] moved = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (ReadOnlyCalls.CLOCK.matches(call, state)) {
          clock[0] = true;
          return null;
        }
        moved[0] = true; // a call other than the clock: its value may move
        return null;
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        moved[0] |= written.contains(getSymbol(identifier));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        Symbol symbol = getSymbol(select);
        moved[0] |= symbol != null && written.contains(symbol);
        return super.visitMemberSelect(select, null);
      }
    }.scan(comparison, null);
    return clock[0] && !moved[0];
  }
}
