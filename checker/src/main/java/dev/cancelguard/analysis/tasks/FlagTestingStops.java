package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Jumps;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import org.jspecify.annotations.Nullable;

/**
 * A stop written to run with the interrupt flag set: its own code asks {@code
 * Thread.currentThread().isInterrupted()} (which leaves the flag as it is) and goes on either way —
 * {@code if (Thread.currentThread().isInterrupted()) { LOG.info("interrupted, cleaning up"); }} at
 * the top of a killed task's cleanup, which its callers run on the interrupted thread. On that path
 * a wait that throws {@code InterruptedException} ({@code join}, {@code awaitTermination}) throws
 * at once, before it waited for anything, and takes the rest of the stop with it: the stop's author
 * said this path must go on. A test whose branch for a set flag leaves the method ({@code if
 * (Thread.currentThread().isInterrupted()) return;}) does not count: past it the flag is clear.
 * Code in lambdas and local or anonymous classes runs elsewhere and is not read.
 */
public final class FlagTestingStops {
  private FlagTestingStops() {}

  /**
   * The first {@code Thread.currentThread().isInterrupted()} in the body of {@code codeUnit}
   * (outside lambdas and nested classes) that the code goes on from with the flag set; null where
   * there is none.
   */
  public static @Nullable MethodInvocationTree flagTestItGoesOnFrom(
      TreePath codeUnit, VisitorState state) {
    Tree body = CodeUnits.bodyOf(codeUnit.getLeaf());
    if (body == null) {
      return null;
    }
    MethodInvocationTree[] found = new MethodInvocationTree[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (found[0] != null) {
          return null;
        }
        if (testsTheCurrentThreadsFlag(call, state) && !leavesWhenSet(getCurrentPath())) {
          found[0] = call;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(new TreePath(codeUnit, body), null);
    return found[0];
  }

  /** {@code Thread.currentThread().isInterrupted()}. */
  private static boolean testsTheCurrentThreadsFlag(MethodInvocationTree call, VisitorState state) {
    if (!Expressions.isResolved(call)
        || !call.getArguments().isEmpty()
        || !ThreadCalls.IS_INTERRUPTED.matches(call, state)) {
      return false;
    }
    ExpressionTree receiver = Expressions.strip(getReceiver(call));
    return receiver instanceof MethodInvocationTree current
        && Expressions.isResolved(current)
        && ThreadCalls.CURRENT_THREAD.matches(current, state);
  }

  /**
   * True if the test at {@code test} is, alone or negated, the condition of an {@code if} whose
   * branch for a set flag cannot complete normally (it returns or throws).
   */
  private static boolean leavesWhenSet(TreePath test) {
    boolean negated = false;
    TreePath path = test.getParentPath();
    while (path != null) {
      Tree parent = path.getLeaf();
      if (parent instanceof ParenthesizedTree) {
        path = path.getParentPath();
      } else if (parent instanceof UnaryTree unary
          && unary.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
        negated = !negated;
        path = path.getParentPath();
      } else {
        break;
      }
    }
    if (path == null || !(path.getLeaf() instanceof IfTree choice)) {
      return false;
    }
    StatementTree whenSet = negated ? choice.getElseStatement() : choice.getThenStatement();
    return whenSet != null && !Jumps.canCompleteNormally(whenSet);
  }
}
