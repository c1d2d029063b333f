package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.List;
import java.util.Set;

/**
 * A walk that stops each item and then waits for it: {@code for (Thread t : threads) {
 * t.interrupt(); try { t.join(); } catch (InterruptedException e) {} }}. Each round first tells its
 * item to end (an {@code interrupt()}, a {@code cancel(..)}, a {@code shutdown()}) and then only
 * waits for that item. Leaving the walk on the interrupt would leave every remaining item running,
 * never told to end (the forwarding threads of a stopped gateway go on forwarding); recording it
 * and restoring after the walk would keep the interrupted thread waiting for each remaining item,
 * with no bound where the waits have none. Restored at once, the walk goes on telling each
 * remaining item to end, and each remaining wait, for work already told to end, fails at once into
 * this very catch, which restores again: the walk ends promptly with every item stopped and the
 * flag set.
 */
final class StoppedItemWaits {
  /** The calls that tell an item to end its work, made on the item itself. */
  private static final Set<String> ENDING_CALLS =
      Set.of("interrupt", "cancel", "shutdown", "shutdownNow", "stop", "close");

  private StoppedItemWaits() {}

  /**
   * True if the catch at {@code catchPath} sits in {@code loop}, a for-each over items, whose body
   * is statements that end the item's work, made on the loop's variable, followed by the try of the
   * catch; every call of the try's block is made on that variable; every other call of the loop
   * that may fail when interrupted lies in that block (so the restored flag ends it into this very
   * catch); the catch neither throws nor leaves; and nothing after the loop may fail.
   */
  static boolean restoreInPlace(
      TreePath catchPath,
      TreePath loop,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (!(loop.getLeaf() instanceof EnhancedForLoopTree forEach)
        || !(getSymbol(forEach.getVariable()) instanceof VarSymbol item)
        || !(catchPath.getLeaf() instanceof CatchTree catchTree)
        || !(catchPath.getParentPath().getLeaf() instanceof TryTree tryTree)
        || tryTree.getFinallyBlock() != null
        || !tryTree.getResources().isEmpty()
        || leaves(catchTree)) {
      return false;
    }
    List<? extends StatementTree> body =
        forEach.getStatement() instanceof BlockTree block
            ? block.getStatements()
            : List.of(forEach.getStatement());
    int at = body.indexOf(tryTree);
    if (at < 1 || at != body.size() - 1) {
      return false; // the try is the round's last act, after at least one statement
    }
    for (StatementTree statement : body.subList(0, at)) {
      if (!(statement instanceof ExpressionStatementTree expression)
          || !(Expressions.strip(expression.getExpression()) instanceof MethodInvocationTree call)
          || !isOn(call, item)
          || !(getSymbol(call) instanceof MethodSymbol ending)
          || !ENDING_CALLS.contains(ending.getSimpleName().toString())) {
        return false;
      }
    }
    boolean[] onlyTheItem = {true};
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        onlyTheItem[0] &= isOn(call, item);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(tryTree.getBlock(), null);
    if (!onlyTheItem[0]) {
      return false;
    }
    for (StatementTree statement : body.subList(0, at)) {
      if (FailingCalls.mayFailIn(statement, state, options) != null) {
        return false;
      }
    }
    for (CatchTree other : tryTree.getCatches()) {
      if (FailingCalls.mayFailIn(other.getBlock(), state, options) != null) {
        return false;
      }
    }
    return FailingCalls.mayFailAfter(loop, codeUnit, state, options) == null;
  }

  /** True if the call is made on the variable {@code item}: {@code item.join()}. */
  private static boolean isOn(MethodInvocationTree call, VarSymbol item) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    ExpressionTree stripped = receiver == null ? null : Expressions.strip(receiver);
    return stripped != null && item.equals(getSymbol(stripped));
  }

  /** True if the catch's block throws, returns, breaks or continues at its top level. */
  private static boolean leaves(CatchTree catchTree) {
    return catchTree.getBlock().getStatements().stream()
        .anyMatch(
            s ->
                s.getKind() == Tree.Kind.THROW
                    || s.getKind() == Tree.Kind.RETURN
                    || s.getKind() == Tree.Kind.BREAK
                    || s.getKind() == Tree.Kind.CONTINUE);
  }
}
