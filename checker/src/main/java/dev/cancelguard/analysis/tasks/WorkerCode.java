package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * Code that may run on a thread of the work it would wait for: a wait inserted there could wait for
 * its own thread, which then never ends.
 */
public final class WorkerCode {
  private WorkerCode() {}

  /**
   * True if the code at {@code state}'s path, in {@code codeUnit}, may run on a worker thread: a
   * task, a thread's body, an event callback, a method one of those (or a lambda) calls in this
   * file, or a pool's own machinery.
   */
  public static boolean mayRunOnAWorker(TreePath codeUnit, VisitorState state) {
    return isWorkerCode(codeUnit, state)
        || calledFromWorkerCode(codeUnit, state)
        || Tasks.isExecutorInternals(state.getPath(), state);
  }

  /**
   * True if the code runs as a task, as the whole of a thread's work or as an event callback: on a
   * thread that may be one of those it would wait for. A shutdown hook's thread and {@code main}
   * are nobody's workers.
   */
  private static boolean isWorkerCode(TreePath codeUnit, VisitorState state) {
    if (Terminations.isShutdownHook(codeUnit, state) || Tasks.isMainMethod(codeUnit)) {
      return false;
    }
    return Tasks.runsAsTask(codeUnit, state)
        || Tasks.isThreadTopLevel(codeUnit, state)
        || Terminations.isEventCallback(codeUnit, state);
  }

  /**
   * True if a call in this file to the method runs in code {@link #isWorkerCode}, or in a lambda or
   * an anonymous class's method: code handed to someone else, who runs it when and where it decides
   * (a deferred supplier subscribed on a thread of the work, a callback), so possibly on a thread
   * of the work the method stops.
   */
  private static boolean calledFromWorkerCode(TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    boolean[] called = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        if (!called[0] && symbol.equals(getSymbol(invocation))) {
          TreePath caller = Tasks.enclosingCodeUnit(getCurrentPath());
          called[0] =
              caller != null && (isWorkerCode(caller, state) || isHandedOnCode(caller, state));
        }
        return super.visitMethodInvocation(invocation, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return called[0];
  }

  /**
   * A lambda, or a method of an anonymous class, other than a shutdown hook's body (which runs on a
   * thread of its own, nobody's worker).
   */
  private static boolean isHandedOnCode(TreePath codeUnit, VisitorState state) {
    boolean handedOn =
        codeUnit.getLeaf() instanceof LambdaExpressionTree
            || (codeUnit.getLeaf() instanceof MethodTree
                && codeUnit.getParentPath() != null
                && codeUnit.getParentPath().getLeaf() instanceof ClassTree
                && codeUnit.getParentPath().getParentPath() != null
                && codeUnit.getParentPath().getParentPath().getLeaf() instanceof NewClassTree);
    return handedOn && !Terminations.isShutdownHook(codeUnit, state);
  }
}
