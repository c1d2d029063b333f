package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Thread loops that never look at the interrupt flag: the loop of a thread's body (or a task's)
 * that neither tests the flag nor ends on an interrupt. A method that returns into such a loop with
 * the flag restored leaves it set for good on that thread: the loop goes round, and every wait it
 * makes fails or returns at once ({@code Thread.sleep} throws, {@code Selector.select} returns,
 * {@code accept} on an interruptible channel closes it), so the thread spins or loses its channel.
 */
public final class FlagBlindLoops {
  private FlagBlindLoops() {}

  /**
   * The call through which {@code codeUnit} (a method) returns into a flag-blind thread loop: null
   * unless the method is called in this file, and every call of it sits in a loop of a task or
   * thread body that neither tests the interrupt flag ({@code isInterrupted()}, {@code
   * interrupted()}) nor has a catch of {@code InterruptedException} that restores it or leaves.
   * Callers in other files are not seen.
   */
  public static @Nullable MethodInvocationTree callFromFlagBlindThreadLoop(
      TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)
        || Tasks.runsAsTask(codeUnit, state)
        || Tasks.isThreadTopLevel(codeUnit, state)) {
      return null;
    }
    List<TreePath> calls = CallScans.callsOf(codeUnit.getCompilationUnit(), symbol);
    if (calls.isEmpty()) {
      return null;
    }
    for (TreePath call : calls) {
      TreePath caller = Tasks.enclosingCodeUnit(call);
      if (caller == null
          || caller.getLeaf() == method
          || !(Tasks.runsAsTask(caller, state) || Tasks.isThreadTopLevel(caller, state))) {
        return null;
      }
      TreePath loop = Loops.enclosingLoop(call, caller);
      if (loop == null || looksAtTheFlag(loop.getLeaf(), state)) {
        return null;
      }
    }
    return (MethodInvocationTree) calls.getFirst().getLeaf();
  }

  /**
   * True if the loop tests the flag, or has a catch of {@code InterruptedException} that restores
   * it or leaves (an interrupt then ends it, or is seen again by whoever runs it).
   */
  static boolean looksAtTheFlag(Tree loop, VisitorState state) {
    boolean[] looks = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        looks[0] |=
            Expressions.isResolved(call)
                && (ThreadCalls.IS_INTERRUPTED.matches(call, state)
                    || ThreadCalls.INTERRUPTED.matches(call, state));
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitCatch(CatchTree catchTree, Void unused) {
        if (Interrupts.catchesInterruptedExceptionByName(catchTree, state)
            && (restores(catchTree, state) || leaves(catchTree))) {
          looks[0] = true;
        }
        return super.visitCatch(catchTree, null);
      }
    }.scan(loop, null);
    return looks[0];
  }

  private static boolean restores(CatchTree catchTree, VisitorState state) {
    return CallScans.anyCallOutsideNestedCode(
        catchTree.getBlock(), call -> Interrupts.isCurrentThreadInterrupt(call, state));
  }

  /** True if the catch's block ends in a {@code break}, {@code return} or {@code throw}. */
  private static boolean leaves(CatchTree catchTree) {
    List<? extends StatementTree> statements = catchTree.getBlock().getStatements();
    if (statements.isEmpty()) {
      return false;
    }
    Tree.Kind last = statements.getLast().getKind();
    return last == Tree.Kind.BREAK || last == Tree.Kind.RETURN || last == Tree.Kind.THROW;
  }
}
