package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.CurrentThreadLocals;
import dev.cancelguard.analysis.jdk.ReadOnlyCalls;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loops whose own exits already say what an interrupt should do, so that recording the interrupt
 * and restoring it after the loop — which keeps the interrupted thread going round and waiting
 * again — is not the right fix:
 *
 * <ul>
 *   <li>The loop's condition tests the current thread's flag without clearing it ({@code while
 *       (port == -1 && !Thread.currentThread().isInterrupted())}): restored in the catch, the flag
 *       ends the loop at that test before it waits again, as the code meant.
 *   <li>A poll on a caller's thread: the only wait in the {@code try} is a pause ({@code
 *       Thread.sleep(interval)}) or a timed wait under a lock ({@code lock.wait(remaining)}), and
 *       the loop's condition has a bound of time or count of its own ({@code timeLeft > 0} counted
 *       down in the loop, a clock read): the code after the loop already copes with a loop that
 *       ends before what it polls for has happened. Recorded, the interrupted caller would go on
 *       polling until the whole timeout has run out; restored and left with {@code break;}, it
 *       stops at once and the code after the loop runs as on a timeout.
 * </ul>
 */
final class LoopInterruptExits {
  private LoopInterruptExits() {}

  /**
   * True if the condition of {@code loop} calls {@code isInterrupted()} on the current thread
   * ({@code Thread.currentThread()}, or a local holding it).
   */
  static boolean conditionTestsOwnFlag(Tree loop, VisitorState state) {
    ExpressionTree condition = Loops.condition(loop);
    if (condition == null) {
      return false;
    }
    boolean[] tests = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && ThreadCalls.IS_INTERRUPTED.matches(call, state)) {
          ExpressionTree receiver = com.google.errorprone.util.ASTHelpers.getReceiver(call);
          tests[0] |=
              receiver != null
                  && (ThreadCalls.CURRENT_THREAD.matches(Expressions.strip(receiver), state)
                      || CurrentThreadLocals.holdsTheCurrentThread(receiver, state));
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(condition, null);
    return tests[0];
  }

  /**
   * True if the catch at {@code catchPath}, which goes back round {@code loop}, guards only pauses
   * ({@code Thread.sleep}, {@code TimeUnit.sleep}) or timed waits under a lock of a loop whose
   * condition has a bound of time or count of its own, the catch can leave that loop with {@code
   * break;} (no {@code switch} between) and nothing that runs after the loop may fail when
   * interrupted.
   */
  static boolean pollLeavesAsOnItsTimeout(
      TreePath loop,
      TreePath catchPath,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (!(catchPath.getParentPath().getLeaf() instanceof TryTree tryTree)) {
      return false;
    }
    List<MethodInvocationTree> waits =
        FailingCalls.failingCallsIn(tryTree.getBlock(), state, options);
    if (waits.isEmpty() || !waits.stream().allMatch(wait -> isPauseOrTimedWait(wait, state))) {
      return false;
    }
    for (TreePath p = catchPath.getParentPath(); p != null && p != loop; p = p.getParentPath()) {
      if (p.getLeaf() instanceof SwitchTree || p.getLeaf() instanceof SwitchExpressionTree) {
        return false;
      }
      // What the rest of the loop's round does after the try is skipped by the break: only its
      // counting (`timeLeft -= interval;`, `if (++tries > max) break;`) may be, not work or
      // cleanup (`closeSocket(client);`, a recheck that undeploys).
      if (p.getParentPath().getLeaf() instanceof BlockTree block) {
        boolean after = false;
        for (StatementTree statement : block.getStatements()) {
          if (after && callsMoreThanAClock(statement)) {
            return false;
          }
          after |= statement == p.getLeaf();
        }
      }
    }
    return conditionHasABound(loop.getLeaf(), state)
        && FailingCalls.mayFailAfter(loop, codeUnit, state, options) == null;
  }

  /**
   * A pause ({@code Thread.sleep}, {@code TimeUnit.sleep}), or a wait for a condition under a lock
   * that ends by a timeout of its own ({@code lock.wait(remaining)}, {@code
   * condition.await(remaining, unit)}, {@code condition.awaitNanos(remaining)}): in a loop with a
   * deadline, the code after the loop copes with a wait that ended before what it waits for.
   */
  private static boolean isPauseOrTimedWait(MethodInvocationTree wait, VisitorState state) {
    return Expressions.isResolved(wait)
        && (ThreadCalls.SLEEP.matches(wait, state)
            || (!wait.getArguments().isEmpty()
                && (SyncCalls.OBJECT_WAIT.matches(wait, state)
                    || SyncCalls.CONDITION_AWAIT.matches(wait, state))));
  }

  /**
   * True if the loop's condition reads a clock ({@code System.nanoTime()}, {@code
   * System.currentTimeMillis()}) or a variable that the loop counts ({@code timeLeft -= interval},
   * {@code attempts++}) or sets from a clock.
   */
  private static boolean conditionHasABound(Tree loop, VisitorState state) {
    ExpressionTree condition = Loops.condition(loop);
    if (condition == null || Loops.isConstantTrue(condition)) {
      return false;
    }
    if (ReadOnlyCalls.readsSystemClock(condition)) {
      return true;
    }
    Set<Symbol> counted = new HashSet<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
        add(tree.getVariable());
        return super.visitCompoundAssignment(tree, null);
      }

      @Override
      public Void visitUnary(UnaryTree tree, Void unused) {
        switch (tree.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
              add(tree.getExpression());
          default -> {}
        }
        return super.visitUnary(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (ReadOnlyCalls.readsSystemClock(tree.getExpression())) {
          add(tree.getVariable());
        }
        return super.visitAssignment(tree, null);
      }

      private void add(ExpressionTree variable) {
        Symbol symbol = getSymbol(Expressions.strip(variable));
        if (symbol != null) {
          counted.add(symbol);
        }
      }
    }.scan(loop, null);
    boolean[] reads = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        reads[0] |= counted.contains(getSymbol(tree));
        return null;
      }
    }.scan(condition, null);
    return reads[0];
  }

  /** True if {@code tree} calls or creates anything but a clock read. */
  private static boolean callsMoreThanAClock(Tree tree) {
    boolean[] calls = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        calls[0] |= !ReadOnlyCalls.readsSystemClock(call);
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        calls[0] = true;
        return null;
      }
    }.scan(tree, null);
    return calls[0];
  }
}
