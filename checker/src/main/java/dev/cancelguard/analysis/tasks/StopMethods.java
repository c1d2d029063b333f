package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import org.jspecify.annotations.Nullable;

/**
 * Whether leaving a method means "the work it cancelled has stopped": a close/stop/shutdown-like
 * method or a shutdown hook is expected to have waited, unless it is asynchronous (it hands back a
 * handle on its completion), the class offers the wait elsewhere, hands the work on, or is itself
 * the executor whose own wait its callers use.
 */
public final class StopMethods {
  private StopMethods() {}

  /**
   * True if leaving this code means "the work has stopped": a close/stop/shutdown-like method or a
   * shutdown hook, cancelling work that is not the caller's to wait for.
   *
   * @param cancel the cancel call, at {@code state}'s path
   */
  public static boolean exitMeansStopped(
      TreePath codeUnit,
      CancelTarget target,
      MethodInvocationTree cancel,
      CancelGuardOptions options,
      VisitorState state) {
    boolean stopLike =
        codeUnit.getLeaf() instanceof MethodTree method && Terminations.isStopLike(method);
    boolean hook = Terminations.isShutdownHook(codeUnit, state);
    if (!stopLike && !hook) {
      return false;
    }
    // A shutdown hook interrupting a thread that only ever runs as a shutdown hook itself (a
    // force-kill timer the cleanup hook interrupts once it is done): the JVM halts only once every
    // hook has ended, so the hook's return does not let it halt while that thread still runs.
    if (hook
        && target.kind() == CancelTarget.Kind.THREAD
        && HookOnlyThreads.runsOnlyAsAShutdownHook(target.variable(), state)) {
      return false;
    }
    // A parameter: the caller passed it in and may wait for it after this returns. So are the
    // elements of an array or collection the caller passed (`shutdown(ExecutorService... pools)`
    // stopping each in `for (pool : pools)`): the caller still holds every one of them.
    if (Ownership.isParameter(target.variable())
        || target.collection() != null && Ownership.isParameter(target.collection())) {
      return false;
    }
    // shutdown() beside `boolean isTerminated() { return pool.isTerminated(); }` for a pool it
    // shuts down: the class mirrors an executor, whose shutdown() by contract does not wait; its
    // callers poll for the end, as they would an executor's.
    if (TerminationQueries.stopIsPolledForTermination(codeUnit, state)) {
      return false;
    }
    // An asynchronous stop that returns a kept handle (`return closeFuture;`): leaving it says
    // the stop has begun; its callers wait on that handle, which other code completes.
    if (codeUnit.getLeaf() instanceof MethodTree method
        && StopShapes.returnsALaterCompletion(method, state)) {
      return false;
    }
    // An asynchronous stop that returns what a call handed the cancelled work gives back (`return
    // manager.untimedWait(pool, name);`): the handle comes from the work itself; the caller waits.
    if (codeUnit.getLeaf() instanceof MethodTree method
        && StopShapes.returnsAWaitOn(method, target, state)) {
      return false;
    }
    // `return pool.shutdownNow();`: the drained tasks go to the caller, who takes over.
    if (returnsDrainedTasks(codeUnit, state)) {
      return false;
    }
    ClassTree enclosingClass = enclosingClass(codeUnit);
    if (enclosingClass == null) {
      return true;
    }
    // A wrapper that is itself an executor: its own awaitTermination is the wait.
    Type self = getType(enclosingClass);
    Type executorService = state.getTypeFromString("java.util.concurrent.ExecutorService");
    if (self != null && executorService != null && isSubtype(self, executorService, state)) {
      return false;
    }
    // An Executor that only hands its tasks on to the target: stopping it is stopping the target,
    // on the target's terms (shutdown() does not wait either); its owner waits for the target.
    Type executor = state.getTypeFromString("java.util.concurrent.Executor");
    if (self != null
        && executor != null
        && isSubtype(self, executor, state)
        && delegatesTasksTo(enclosingClass, target, state)) {
      return false;
    }
    // stop() + a separate awaitStopped()/join()/waitForState(STOPPED): the class offers the wait
    // to its callers (the same question the fix asks before inserting a wait).
    if (otherMethodWaits(codeUnit, target, options, state)) {
      return false;
    }
    // shutdownNow() beside a graceful stop of the same work that hands back something to wait on
    // (`Future<Void> closeGracefully()`): the class's "now" mode, as the executor's own
    // shutdownNow() beside shutdown() and awaitTermination().
    return !(ExecutorCalls.SHUTDOWN_NOW.matches(cancel, state)
        && offersAwaitableGracefulStop(enclosingClass, codeUnit.getLeaf(), target, state));
  }

  /**
   * True if another stop-like method of the class shuts the target (a field's executor, or a loop
   * over a field's executors) down gently with {@code shutdown()} and returns a handle the caller
   * can wait on ({@link StopShapes#isAsynchronousStop}: a {@code Future}, a {@code
   * CompletionStage}, a {@code Publisher}). Callers who need the work gone use that one; the
   * forceful stop is not expected to wait.
   */
  static boolean offersAwaitableGracefulStop(
      ClassTree enclosingClass, Tree forcefulStop, CancelTarget target, VisitorState state) {
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    Symbol field = CancelTarget.fieldOfWork(target.variable(), unit);
    if (field == null) {
      return false;
    }
    for (Tree member : enclosingClass.getMembers()) {
      if (member instanceof MethodTree method
          && method != forcefulStop
          && method.getBody() != null
          && Terminations.isStopLike(method)
          && StopShapes.isAsynchronousStop(method, state)
          && CallScans.anyCall(
              method.getBody(),
              call ->
                  Expressions.isResolved(call)
                      && ExecutorCalls.GRACEFUL_SHUTDOWN.matches(call, state)
                      && getReceiver(call) != null
                      && field.equals(
                          CancelTarget.fieldOfWork(getSymbol(getReceiver(call)), unit)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the class's {@code execute} hands its task to the target: {@code target.execute(r)}.
   */
  private static boolean delegatesTasksTo(
      ClassTree enclosingClass, CancelTarget target, VisitorState state) {
    for (Tree member : enclosingClass.getMembers()) {
      if (member instanceof MethodTree method
          && method.getName().contentEquals("execute")
          && method.getBody() != null
          && CallScans.anyCall(
              method.getBody(),
              call -> Tasks.isTaskSubmission(call, state) && target.isNamedBy(getReceiver(call)))) {
        return true;
      }
    }
    return false;
  }

  /** The cancel's result is returned: directly, or through the local it is stored in. */
  private static boolean returnsDrainedTasks(TreePath codeUnit, VisitorState state) {
    Tree parent = state.getPath().getParentPath().getLeaf();
    if (parent instanceof ReturnTree) {
      return true;
    }
    if (!(parent instanceof VariableTree variable)
        || !(getSymbol(variable) instanceof VarSymbol drained)) {
      return false;
    }
    boolean[] returned = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        returned[0] |= drained.equals(Expressions.variableOf(tree.getExpression()));
        return super.visitReturn(tree, null);
      }
    }.scan(codeUnit.getLeaf(), null);
    return returned[0];
  }

  /** True if another method or lambda of the class waits for the target (a field's work). */
  /**
   * For work held in a field (or a loop over a field's executors): another method of the class
   * waits for it ({@link WaitPlacement#classOffersItsOwnWait}: it joins or awaits it, or waits in a
   * loop on state the work writes).
   */
  private static boolean otherMethodWaits(
      TreePath codeUnit, CancelTarget target, CancelGuardOptions options, VisitorState state) {
    if (!Ownership.isField(target.variable())
        && (target.collection() == null || !Ownership.isField(target.collection()))) {
      return false;
    }
    return WaitPlacement.classOffersItsOwnWait(
        codeUnit, target, TaskUses.of(target, state), options, state);
  }

  /** True if some code under {@code root}, outside {@code skipped}, waits for the target. */
  static boolean waitsOutside(
      @Nullable Tree root,
      @Nullable Tree skipped,
      CancelTarget target,
      CancelGuardOptions options,
      VisitorState state) {
    boolean[] waits = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return tree == skipped || waits[0] ? null : super.scan(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        waits[0] |= Terminations.isWaitFor(call, target, TaskUses.none(), false, options, state);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(root, null);
    return waits[0];
  }

  private static @Nullable ClassTree enclosingClass(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree classTree) {
        return classTree;
      }
    }
    return null;
  }
}
