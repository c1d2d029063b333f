package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.trees.Loops;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What runs when a loop that waits ends normally: the work it was waiting to allow. {@code while
 * (inKeyExchange) { sleep(10); } send(packet);} waits until a packet may be sent; a fix that also
 * ends the loop on an interrupt would send it anyway, in the middle of what the loop waited out. An
 * interrupt there must leave the method instead (throw), not fall through.
 */
public final class FallThroughWork {
  /** Calls that only report (a logger's levels): no work the wait allowed. */
  private static final ImmutableSet<String> REPORTING_VERBS =
      ImmutableSet.of(
          "trace", "debug", "info", "warn", "warning", "error", "fatal", "log", "print", "println",
          "printf", "severe", "config", "fine", "finer", "finest");

  private FallThroughWork() {}

  /**
   * The first statement that does work after {@code loopPath} ends normally, within its code unit:
   * a later statement of its block, or of an enclosing block up to the code unit (through {@code
   * if}, {@code try} and labelled statements), other than an empty statement or a logging call; a
   * {@code return} with a value counts (it hands on what the wait was for). Null where nothing
   * follows, where a bare {@code return;}, a {@code throw}, {@code break} or {@code continue} comes
   * first, or where the loop sits in another loop's body (the outer loop's next round follows,
   * which is no single piece of work).
   */
  public static @Nullable StatementTree workAfter(TreePath loopPath, TreePath codeUnit) {
    Tree child = loopPath.getLeaf();
    for (TreePath p = loopPath.getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (Loops.isLoop(leaf)
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree
          || leaf instanceof MethodTree) {
        return null;
      }
      List<? extends StatementTree> statements =
          switch (leaf) {
            case BlockTree block -> block.getStatements();
            case CaseTree caseTree when caseTree.getStatements() != null ->
                caseTree.getStatements();
            default -> null;
          };
      if (statements == null || !(child instanceof StatementTree statement)) {
        continue;
      }
      int index = statements.indexOf(statement);
      for (int i = index + 1; index >= 0 && i < statements.size(); i++) {
        StatementTree next = statements.get(i);
        if (doesWork(next)) {
          return next;
        }
        if (endsTheFlow(next)) {
          return null; // `return;`, `throw`, `break`: nothing after it runs
        }
      }
    }
    return null;
  }

  private static boolean endsTheFlow(StatementTree statement) {
    return statement instanceof ReturnTree
        || statement instanceof ThrowTree
        || statement instanceof BreakTree
        || statement instanceof ContinueTree;
  }

  private static boolean doesWork(StatementTree statement) {
    if (statement instanceof ThrowTree
        || statement instanceof BreakTree
        || statement instanceof ContinueTree) {
      return false;
    }
    if (statement instanceof EmptyStatementTree) {
      return false;
    }
    if (statement instanceof ReturnTree returned) {
      return returned.getExpression() != null;
    }
    return !(statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && getSymbol(call) != null
        && REPORTING_VERBS.contains(getSymbol(call).getSimpleName().toString()));
  }
}
