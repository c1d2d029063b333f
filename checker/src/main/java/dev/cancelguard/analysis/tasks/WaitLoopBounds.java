package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.jdk.ReadOnlyCalls;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a wait loop whose catch records an interrupt ends by itself. Recorded, the interrupt is
 * restored only once the loop is over: on a caller's thread, a loop that only polls — it wakes up
 * now and then ({@code lockCondition.await(1, SECONDS)}) and leaves when some other thread has
 * changed a state — with no deadline of its own would keep an interrupted caller waiting with no
 * end, where the caller asked it to stop.
 *
 * <p>The loop has a bound where any of these holds: the code runs as a task or as a thread's whole
 * work (its owner's protocol ends it); the loop has a condition of its own (not {@code while
 * (true)} or {@code for (;;)}); a wait the catch guards has no timeout (it returns when what it
 * waits for has happened: {@code queue.take()}, {@code lock.wait()} under its loop's condition);
 * the wait's success leads out of the loop (a {@code break} or {@code return} in the same {@code
 * try}, its result assigned to a variable the loop's condition reads); the loop counts (a {@code
 * for} loop with a condition and an update, a for-each) or reads a clock ({@code
 * System.nanoTime()}, {@code System.currentTimeMillis()}).
 */
final class WaitLoopBounds {
  private WaitLoopBounds() {}

  /** True if the loop at {@code loop}, round which the catch at {@code catchPath} goes, ends. */
  static boolean hasABound(
      TreePath loop,
      TreePath catchPath,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (Tasks.runsAsTask(codeUnit, state) || Tasks.isThreadTopLevel(codeUnit, state)) {
      return true;
    }
    if (!(catchPath.getParentPath().getLeaf() instanceof TryTree tryTree)) {
      return true;
    }
    Tree loopTree = loop.getLeaf();
    // A condition of its own (`while (!isRunning())`) is the loop's own exit: it ends when what
    // it waits for has happened.
    if (!Loops.hasNoExitCondition(loopTree)) {
      return true;
    }
    if (loopTree instanceof EnhancedForLoopTree
        || (loopTree instanceof ForLoopTree forLoop
            && forLoop.getCondition() != null
            && !forLoop.getUpdate().isEmpty())) {
      return true;
    }
    List<MethodInvocationTree> waits =
        FailingCalls.failingCallsIn(tryTree.getBlock(), state, options);
    if (waits.isEmpty() || waits.stream().anyMatch(wait -> !isTimed(wait, state))) {
      return true;
    }
    for (TreePath exit : Loops.exits(loop)) {
      if (isWithinTree(exit, tryTree.getBlock())) {
        return true; // the wait's success leads out
      }
    }
    return ReadOnlyCalls.readsSystemClock(loopTree)
        || conditionReadsAWaitsResult(loopTree, waits, tryTree);
  }

  private static boolean isWithinTree(TreePath path, Tree root) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() == root) {
        return true;
      }
    }
    return false;
  }

  /**
   * A wait with a timeout: a parameter of type {@code long}, {@code TimeUnit} or {@code Duration}.
   */
  private static boolean isTimed(MethodInvocationTree call, VisitorState state) {
    if (!(getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    for (VarSymbol parameter : method.getParameters()) {
      Type type = parameter.type;
      if (type.hasTag(TypeTag.LONG)) {
        return true;
      }
      String name = type.tsym.getQualifiedName().toString();
      if (name.equals("java.util.concurrent.TimeUnit") || name.equals("java.time.Duration")) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if a wait's result is assigned to a variable the loop's condition reads ({@code remaining
   * = cond.awaitNanos(remaining)} in {@code while (remaining > 0)}, {@code item = queue.poll(..)}
   * in {@code while (item == null)}).
   */
  private static boolean conditionReadsAWaitsResult(
      Tree loop, List<MethodInvocationTree> waits, TryTree tryTree) {
    Tree condition = Loops.condition(loop);
    if (condition == null) {
      return false;
    }
    List<com.sun.tools.javac.code.Symbol> assigned = new ArrayList<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitAssignment(com.sun.source.tree.AssignmentTree assignment, Void unused) {
        if (waits.contains(assignment.getExpression())
            && getSymbol(assignment.getVariable()) != null) {
          assigned.add(getSymbol(assignment.getVariable()));
        }
        return super.visitAssignment(assignment, null);
      }
    }.scan(tryTree.getBlock(), null);
    if (assigned.isEmpty()) {
      return false;
    }
    boolean[] reads = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree id, Void unused) {
        reads[0] |= assigned.contains(getSymbol(id));
        return null;
      }
    }.scan(condition, null);
    return reads[0];
  }
}
