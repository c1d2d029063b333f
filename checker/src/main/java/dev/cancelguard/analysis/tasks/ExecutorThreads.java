package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.interrupts.ThreadSelfInterrupts;
import dev.cancelguard.analysis.trees.Supertypes;

/**
 * A thread that is itself an executor ({@code final class WorkerThread extends Thread implements
 * Executor}): an I/O thread whose {@code execute(..)} queues tasks and whose {@code run()} takes
 * them and runs them, between selects. Its {@code run()} is the executor's own worker loop, on the
 * executor's own thread: the thread and the pool are one object, so the code that runs the tasks
 * also owns the thread they run on and sets its interruption policy (clearing a stray interrupt a
 * task left before the next task or the next select, ignoring one in its idle wait, and stopping by
 * its own state), as {@code ThreadPoolExecutor}'s worker does for its threads.
 *
 * <p>It holds only where the thread runs its own {@code run()}: no code of the compilation calls
 * that {@code run()} or names it by a method reference, and no instance is handed where a {@code
 * Runnable} that is not a {@code Thread} is taken ({@link
 * ThreadSelfInterrupts#runsOnlyAsItsOwnThread}): there the loop would run on a thread someone else
 * owns, as a task. Only {@code run()}'s own body counts, not a lambda or class body inside it (code
 * that may be handed to another thread), and not the class's other public methods ({@code
 * execute(..)} runs on its callers' threads).
 */
public final class ExecutorThreads {
  private ExecutorThreads() {}

  /**
   * True if the code at {@code path} lies in the body of the {@code run()} of a {@code Thread}
   * subclass that is also an {@code Executor}, which only its own thread runs.
   */
  public static boolean isOwnWorkerLoop(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof MethodTree method) {
        return isRunOfAnExecutorThread(method, state);
      }
    }
    return false;
  }

  private static boolean isRunOfAnExecutorThread(MethodTree method, VisitorState state) {
    if (!method.getName().contentEquals("run")
        || !method.getParameters().isEmpty()
        || method.getBody() == null
        || !(getSymbol(method) instanceof MethodSymbol run)
        || run.isStatic()
        || !(run.owner instanceof ClassSymbol type)) {
      return false;
    }
    return Supertypes.isSubtypeOf(type.type, "java.lang.Thread", state)
        && Supertypes.isSubtypeOf(type.type, "java.util.concurrent.Executor", state)
        && ThreadSelfInterrupts.runsOnlyAsItsOwnThread(type, run, state);
  }
}
