package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.cancelguard.analysis.interrupts.Polls.PauseKind;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.ReadOnlyCalls;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import org.jspecify.annotations.Nullable;

/** Loops that sweep over futures again and again, polling {@code isDone()} without waiting. */
final class FutureSweeps {
  private FutureSweeps() {}

  /**
   * The first {@code isDone()} of a loop that sweeps over futures again and again — a {@code while}
   * or {@code do} loop with a loop inside it — and does nothing that waits: its calls are {@code
   * isDone()} and other queries of futures, {@code cancel}, collection and iterator calls, the
   * clock, counting and logging, {@code Thread.onSpinWait()}, and {@code get()} only where an
   * {@code isDone()} of the same future was just seen true. Such a loop burns a core until the
   * slowest future finishes. Null if the loop does not have that shape.
   */
  static @Nullable MethodInvocationTree isDonePolled(TreePath loopPath, VisitorState state) {
    Tree loop = loopPath.getLeaf();
    if (!(loop instanceof WhileLoopTree || loop instanceof DoWhileLoopTree)) {
      return null;
    }
    MethodInvocationTree[] isDone = {null};
    boolean[] waitsOrUnknown = {false};
    boolean[] innerLoop = {false};
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (waitsOrUnknown[0]) {
          return null;
        }
        if (FutureCalls.IS_DONE.matches(call, state)) {
          isDone[0] = isDone[0] == null ? call : isDone[0];
        } else if (FutureCalls.GET.matches(call, state)) {
          waitsOrUnknown[0] |= !knownDone(getCurrentPath(), loopPath);
        } else if (Interrupts.throwsInterruptedException(call, state)
            || !ReadOnlyCalls.SWEEP_CALL.matches(call, state)
                && !ReadOnlyCalls.CLOCK.matches(call, state)
                && !Polls.isLogging(call)
                && Polls.pauseKind(call, state) != PauseKind.SPIN) {
          waitsOrUnknown[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        waitsOrUnknown[0] = true; // a constructor may do anything
        return null;
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree inner, Void unused) {
        innerLoop[0] = true;
        return super.visitEnhancedForLoop(inner, null);
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree inner, Void unused) {
        innerLoop[0] |= inner != loop;
        return super.visitWhileLoop(inner, null);
      }

      @Override
      public Void visitForLoop(ForLoopTree inner, Void unused) {
        innerLoop[0] = true;
        return super.visitForLoop(inner, null);
      }
    }.scan(loopPath, null);
    return innerLoop[0] && !waitsOrUnknown[0] ? isDone[0] : null;
  }

  /**
   * {@code f.get()} inside {@code if (f.isDone()) { .. }}, or after {@code if (!f.isDone()) {
   * continue; }} in the same block: the future is done, get() does not wait.
   */
  private static boolean knownDone(TreePath getPath, TreePath loopPath) {
    MethodInvocationTree get = (MethodInvocationTree) getPath.getLeaf();
    Symbol future = getSymbol(getReceiver(get) == null ? get : getReceiver(get));
    if (getReceiver(get) == null || future == null) {
      return false;
    }
    Tree child = get;
    for (TreePath p = getPath.getParentPath();
        p != null && p.getLeaf() != loopPath.getLeaf();
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof IfTree ifTree
          && child == ifTree.getThenStatement()
          && testsDone(ifTree.getCondition(), future, true)) {
        return true;
      }
      if (p.getLeaf() instanceof BlockTree block && child instanceof StatementTree statement) {
        for (StatementTree before : block.getStatements()) {
          if (before == statement) {
            break;
          }
          if (before instanceof IfTree guard
              && guard.getElseStatement() == null
              && IdleSpins.endsInContinue(guard.getThenStatement())
              && testsDone(guard.getCondition(), future, false)) {
            return true;
          }
        }
      }
      child = p.getLeaf();
    }
    return false;
  }

  /** {@code f.isDone()} (when {@code value} is true) or {@code !f.isDone()} (when false). */
  private static boolean testsDone(ExpressionTree condition, Symbol future, boolean value) {
    ExpressionTree expression = stripParentheses(condition);
    if (expression instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return testsDone(not.getExpression(), future, !value);
    }
    return value
        && expression instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("isDone")
        && future.equals(getSymbol(stripParentheses(select.getExpression())));
  }
}
