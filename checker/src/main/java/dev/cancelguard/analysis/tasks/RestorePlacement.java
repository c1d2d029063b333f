package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.InterruptPaths.Leak;
import dev.cancelguard.analysis.interrupts.InterruptRecords;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Where restoring the interrupt flag in a catch of {@code InterruptedException} is right, and what
 * to do instead where it is not. A restore at the top of a catch that goes back round a loop which
 * blocks again makes the next wait throw at once: the loop spins (and a {@code wait()} loop spins
 * holding its lock). There the interrupt is recorded in a local flag and restored once the loop is
 * over — in a {@code finally} around it, so that every way out restores — or, where the loop is a
 * task's work and an interrupt means stop, the catch restores and leaves the loop.
 */
public final class RestorePlacement {
  /** The shape of the fix that is right where the catch sits. */
  public enum Shape {
    /** Nothing after the catch blocks again: restore the flag at once. */
    RESTORE,
    /** The catch goes back round a loop that blocks again: record, restore after the loop. */
    RECORD_AND_RESTORE_AFTER,
    /** The same, in a task whose interruption means stop: restore and leave the loop. */
    LEAVE_THE_LOOP,
    /**
     * No mechanical fix is safe (a {@code finally} that blocks, a blocking call the catch goes on
     * to, a loop that cannot be wrapped).
     */
    NONE,
    /**
     * No fix: the method returns into a thread loop that never looks at the flag ({@link
     * FlagBlindLoops}); restored, the flag stays set there and the loop's waits fail at once. The
     * blocking call of the placement is the call of the method in that loop.
     */
    NONE_RETURNS_INTO_FLAG_BLIND_LOOP,
    /**
     * No fix: a caller in this compilation goes on, with the flag set, to something that fails at
     * once ({@link CallerContinuations}): it calls the method again in a loop that never looks at
     * the flag, or runs blocking cleanup after the call. The placement's {@code caller} says which
     * call and what fails; its blocking call is the call that would fail.
     */
    NONE_CALLER_GOES_ON_TO_BLOCK,
    /**
     * No fix: the code is the step of a template stop whose base class is in another library
     * ({@code serviceStop()} under {@code AbstractService.stop()}), or a helper such a step calls
     * ({@link LibraryStopSteps}); restored, the flag goes back into that library's stop and on to
     * whatever stops the component in turn, whose waits this compilation does not show. The
     * placement's {@code blockingCallWhere} names the library's step, its {@code blockingCall} the
     * step's call of the helper (null where the code is the step).
     */
    NONE_RETURNS_INTO_A_LIBRARY_STOP,
    /**
     * No fix: the catch goes back round a wait loop that has no bound of its own ({@link
     * WaitLoopBounds}), on a caller's thread; recorded and restored after the loop, the interrupt
     * would leave the caller waiting with no end.
     */
    NONE_UNBOUNDED_WAIT,
    /**
     * No fix: the loop is the whole work of a task or thread that others can interrupt as a stop,
     * and it goes on until its object's own stop state ends it ({@link
     * InterruptStops#goesOnUntilItsOwnStop}); recorded and restored after the loop, the interrupt
     * would not stop the task, and leaving the loop is not what its owner means by stop.
     */
    NONE_TASK_LOOP_GOES_ON,
    /**
     * No fix: the loop walks through items, each round starts blocking work of its own (a request,
     * a connection, a lock), and the catch takes the interrupt as one more failure of an item
     * ({@link ItemWalkRequests}); recorded, the interrupted thread would still do every remaining
     * round's work; restored at once, every remaining round would fail into the catch as if its
     * item had failed. The placement's blocking call is that work.
     */
    NONE_WALK_GOES_ON_WORKING,
    /**
     * No fix: a caller's poll whose round already fails on a bound of its own (a throw guarded by a
     * count or a deadline, {@link LoopInterruptExits#pollFailureExit}) that cannot be written in
     * the catch; recorded and restored after the loop, the interrupt would keep the caller polling
     * until that bound. The placement's {@code blockingCallWhere} says where that throw is.
     */
    NONE_POLL_FAILS_ON_ITS_OWN,
    /**
     * No fix: the catch already leaves the loop once a count of its own says so ({@code if (i + 1 <
     * retry) continue; .. throw e;}, {@link LoopInterruptExits#catchCountedExit}), by a way out
     * that cannot be written at the end of the catch; recorded and restored after the loop, the
     * interrupt would keep the caller going round until that count. The placement's {@code
     * blockingCallWhere} says where that way out is.
     */
    NONE_CATCH_LEAVES_ON_ITS_COUNT,
    /**
     * No fix: a caller's loop retries until its own attempt succeeds, with nothing else to end it,
     * and the catch takes the interrupt of its back-off pause ({@link
     * LoopInterruptExits#retriesUntilItsOwnSuccess}); recorded, the interrupted caller would retry
     * for as long as the attempts fail.
     */
    NONE_RETRIES_WITHOUT_END
  }

  /**
   * The chosen shape, the loop it concerns (if any), the call that would fail at once, for {@link
   * Shape#LEAVE_THE_LOOP} the statement that leaves ({@code break;} or {@code return;}), and where
   * the blocking call is when that may be another file ({@code line 9 of Acceptor.java}).
   */
  public record Placement(
      Shape shape,
      @Nullable TreePath loop,
      @Nullable Tree blockingCall,
      @Nullable String leave,
      @Nullable String blockingCallWhere,
      CallerContinuations.@Nullable Failing caller) {
    public Placement(Shape shape, @Nullable TreePath loop, @Nullable Tree blockingCall) {
      this(shape, loop, blockingCall, null, null, null);
    }

    public Placement(
        Shape shape, @Nullable TreePath loop, @Nullable Tree blockingCall, @Nullable String leave) {
      this(shape, loop, blockingCall, leave, null, null);
    }
  }

  private RestorePlacement() {}

  /**
   * Where the catch at {@code catchPath} (in {@code codeUnit}) should restore the flag. {@code
   * goesOn} says whether some path out of the catch goes on in the code unit (falls through or
   * continues a loop) rather than leaving it; {@code returnsToCaller} whether some path ends in the
   * method returning normally (rather than all of them throwing).
   */
  public static Placement of(
      TreePath catchPath,
      TreePath codeUnit,
      boolean goesOn,
      boolean returnsToCaller,
      VisitorState state,
      CancelGuardOptions options) {
    // What runs on every way out of the catch — the finally blocks and the try-with-resources
    // closes around it — must not meet a set flag.
    Tree blockingFinally = FailingCalls.mayFailOnEveryWayOut(catchPath, codeUnit, state, options);
    if (blockingFinally != null) {
      return new Placement(Shape.NONE, null, blockingFinally);
    }
    TreePath blindLoopCall = FlagBlindLoops.callFromFlagBlindThreadLoop(codeUnit, state);
    if (blindLoopCall != null) {
      return new Placement(
          Shape.NONE_RETURNS_INTO_FLAG_BLIND_LOOP,
          null,
          blindLoopCall.getLeaf(),
          null,
          Lines.where(blindLoopCall, state),
          null);
    }
    // A caller in this compilation that goes on with the flag set to something that fails at once
    // (calls this again in a loop, waits in its cleanup): a restore on the way out is wrong there,
    // whatever this code unit does next.
    CallerContinuations.Failing caller =
        CallerContinuations.of(
            codeUnit,
            returnsToCaller,
            returnsToCaller ? List.of() : thrownTypes(catchPath, codeUnit, state, options),
            state,
            options);
    if (caller != null) {
      return new Placement(
          Shape.NONE_CALLER_GOES_ON_TO_BLOCK,
          null,
          caller.failingCall(),
          null,
          Lines.where(caller.callerCall().getCompilationUnit(), caller.failingCall(), state),
          caller);
    }
    // The step of a library's template stop (`serviceStop()`), or a helper of one: the flag goes
    // back into that library's stop and on to the stops of the other components after it (a
    // composite stop), which wait and would fail at once. That code is not in this compilation.
    LibraryStopSteps.Reached libraryStop = LibraryStopSteps.of(codeUnit, state);
    if (libraryStop != null) {
      return new Placement(
          Shape.NONE_RETURNS_INTO_A_LIBRARY_STOP,
          null,
          libraryStop.via() == null ? null : libraryStop.via().getLeaf(),
          null,
          libraryStop.describe(),
          null);
    }
    // A lambda a JDK method runs in place (`forEach`) goes on there when it returns.
    boolean continues = goesOn || (returnsToCaller && FailingCalls.runsInPlace(codeUnit, state));
    TreePath loop = goesOn ? Loops.enclosingLoop(catchPath, codeUnit) : null;
    Tree blockingInLoop =
        loop == null ? null : FailingCalls.mayFailIn(loop.getLeaf(), state, options);
    if (loop == null || blockingInLoop == null) {
      // The catch goes on to a call that fails when interrupted (the second join of a shutdown,
      // the next round of an outer loop, a forEach's next element): a restore at the top makes it
      // throw at once and cuts that wait or cleanup short. Restoring after it is a choice of
      // where, which is not mechanical.
      Tree blockingAfter =
          continues
              ? FailingCalls.mayFailAfter(catchPath.getParentPath(), codeUnit, state, options)
              : null;
      return blockingAfter == null
          ? new Placement(Shape.RESTORE, null, null)
          : new Placement(Shape.NONE, null, blockingAfter);
    }
    // The loop tests the thread's own flag in its condition: restored at once, the interrupt ends
    // the loop at that test before it waits again; recorded, the loop would wait again.
    if (LoopInterruptExits.conditionTestsOwnFlag(loop.getLeaf(), state)
        && FailingCalls.mayFailAfter(catchPath.getParentPath(), codeUnit, state, options) == null) {
      return new Placement(Shape.RESTORE, null, null);
    }
    // A caller's poll with a deadline of its own (`while (!check() && timeLeft > 0) { sleep }`),
    // not a task's last act (whose ordinary end after the loop an interrupt must not do):
    // recorded, the interrupted caller would poll until the whole timeout has run out; left, the
    // code after the loop runs as on a timeout.
    boolean callersPoll =
        !Tasks.runsAsTask(codeUnit, state)
            && !Tasks.isThreadTopLevel(codeUnit, state)
            && !TaskTails.isLastActOfATask(codeUnit, state);
    if (callersPoll
        && LoopInterruptExits.pollLeavesAsOnItsTimeout(loop, catchPath, codeUnit, state, options)) {
      return new Placement(Shape.LEAVE_THE_LOOP, loop, blockingInLoop, "break;");
    }
    // A caller's timed wait whose every return leaves the loop (`wait(timeout); break;`): only the
    // interrupt goes round, to wait the whole time again; left, the code after the loop runs as
    // when the wait timed out.
    if (callersPoll
        && LoopInterruptExits.timedWaitLeavesEitherWay(loop, catchPath, codeUnit, state, options)) {
      return new Placement(Shape.LEAVE_THE_LOOP, loop, blockingInLoop, "break;");
    }
    // A caller's poll whose round already fails on a bound of its own (`if (++tries > max) throw
    // ..`): recorded, the interrupted caller would poll until that bound; the throw, written in the
    // catch after the restore, stops it with the failure its callers handle. Where it cannot be
    // written there, no fix.
    LoopInterruptExits.FailureExit failureExit =
        callersPoll
            ? LoopInterruptExits.pollFailureExit(loop, catchPath, codeUnit, state, options)
            : null;
    if (failureExit != null) {
      return failureExit.copyable()
          ? new Placement(
              Shape.LEAVE_THE_LOOP,
              loop,
              blockingInLoop,
              LoopInterruptExits.sourceOf(failureExit.exit(), state))
          : new Placement(
              Shape.NONE_POLL_FAILS_ON_ITS_OWN,
              loop,
              blockingInLoop,
              null,
              Lines.where(loop.getCompilationUnit(), failureExit.exit(), state),
              null);
    }
    // A walk that tells each item to end and then waits for it (`t.interrupt(); t.join();`):
    // left, the remaining items would never be told to end; recorded, the interrupted thread would
    // wait for each of them. Restored at once, each remaining item is still told to end and its
    // wait fails at once into this catch, which restores again.
    if (StoppedItemWaits.restoreInPlace(catchPath, loop, codeUnit, state, options)) {
      return new Placement(Shape.RESTORE, null, null);
    }
    String leave =
        isWaitLoop(loop.getLeaf(), state) ? null : leave(catchPath, loop, codeUnit, state, options);
    if (leave != null) {
      return new Placement(Shape.LEAVE_THE_LOOP, loop, blockingInLoop, leave);
    }
    // A loop that can never end would never reach the restore after it: the record would lose
    // the interrupt for good.
    boolean endless = Loops.hasNoExitCondition(loop.getLeaf()) && Loops.exits(loop).isEmpty();
    Tree wrapped = wrappable(loop);
    if (wrapped == null || endless) {
      return new Placement(Shape.NONE, loop, blockingInLoop);
    }
    // The restore goes after the last statement after the loop that may fail (the latch.await()
    // that waits for the loop's callbacks); what runs after that on this thread — the rest of the
    // blocks around, an outer loop's next round, finally blocks and closes — must not fail.
    Tree end = RestoreEdits.lastStatementToWrap(loop, state, options);
    TreePath wrappedPath = wrapped == loop.getLeaf() ? loop : loop.getParentPath();
    Tree beyond =
        FailingCalls.mayFailAfter(
            end == null ? wrappedPath : new TreePath(wrappedPath.getParentPath(), end),
            codeUnit,
            state,
            options);
    if (beyond != null) {
      return new Placement(Shape.NONE, null, beyond);
    }
    // Recorded, the interrupt is kept until the loop ends by itself; on a caller's thread a loop
    // with no bound of its own would keep an interrupted caller waiting with no end.
    if (!WaitLoopBounds.hasABound(loop, catchPath, codeUnit, state, options)) {
      return new Placement(Shape.NONE_UNBOUNDED_WAIT, loop, blockingInLoop);
    }
    // A walk through items whose timed waits the code already lets end without their result
    // (`catch (TimeoutException e) { log }`, then the next item): restored at once, the remaining
    // waits end as a timeout would and the walk finishes promptly; recorded, the interrupted thread
    // would still wait out every remaining item.
    if (TimedItemWaits.restoreInPlace(catchPath, loop, codeUnit, state, options)) {
      return new Placement(Shape.RESTORE, null, null);
    }
    // The loop is a task's whole work and goes on until its own stop state ends it: recorded, the
    // interrupt would leave the task working and waiting after shutdownNow() or cancel(true) until
    // something else stops it. Leaving was not chosen above (the interrupt is not what the loop's
    // owner means by stop there, or the loop's own exits do more than end it): no fix is safe.
    if (InterruptStops.goesOnUntilItsOwnStop(loop, catchPath.getLeaf(), codeUnit, state)) {
      return new Placement(Shape.NONE_TASK_LOOP_GOES_ON, loop, blockingInLoop);
    }
    // A walk whose rounds each start blocking work of their own, the interrupt taken as one more
    // failure of an item: recorded, the interrupted thread would still do all of that work.
    Tree newWork = ItemWalkRequests.newBlockingWork(loop, catchPath, state, options);
    if (newWork != null) {
      return new Placement(Shape.NONE_WALK_GOES_ON_WORKING, loop, newWork);
    }
    // A caller's retry until its own attempt succeeds, the interrupt caught round its back-off
    // pause (`while (!success) { try { attempt(); success = true; } catch (E e) { sleep } }`):
    // recorded, the interrupted caller would retry for as long as the attempts fail; the code has
    // no way out to take instead, so no fix.
    if (callersPoll
        && LoopInterruptExits.retriesUntilItsOwnSuccess(loop, catchPath, state, options)) {
      return new Placement(Shape.NONE_RETRIES_WITHOUT_END, loop, blockingInLoop);
    }
    // The catch already leaves the loop once its own count or a clock says so (`tryTimes++; if
    // (tryTimes > 3) return null;`, `if (i + 1 < retry) continue; .. throw e;`): the code's answer
    // to interrupts that keep coming. Recorded, the interrupted caller would go round until that
    // count; taken at the first interrupt, restoring first, the caller stops with an answer its
    // callers already handle. Where that way out cannot be written at the end of the catch, no fix.
    LoopInterruptExits.CountedExit counted =
        callersPoll ? LoopInterruptExits.catchCountedExit(loop, catchPath, codeUnit, state) : null;
    if (counted != null) {
      return counted.copyable()
          ? new Placement(
              Shape.LEAVE_THE_LOOP,
              loop,
              blockingInLoop,
              LoopInterruptExits.sourceOf(counted.exit(), state))
          : new Placement(
              Shape.NONE_CATCH_LEAVES_ON_ITS_COUNT,
              loop,
              blockingInLoop,
              null,
              Lines.where(loop.getCompilationUnit(), counted.exit(), state),
              null);
    }
    return new Placement(Shape.RECORD_AND_RESTORE_AFTER, loop, blockingInLoop);
  }

  /** The types of the exceptions the catch at {@code catchPath} throws on its ways out. */
  private static List<Type> thrownTypes(
      TreePath catchPath, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    if (!(catchPath.getLeaf() instanceof CatchTree)) {
      return List.of();
    }
    List<Type> thrown = new ArrayList<>();
    for (Leak leak : LostInterrupts.ofCatch(catchPath, codeUnit, state, options)) {
      if (leak.thrownType() != null) {
        thrown.add(leak.thrownType());
      }
    }
    return thrown;
  }

  /**
   * How the catch can leave the loop, or null: only where the code unit runs as a task or as a
   * thread's whole work (an interrupt there means stop), and not on a thread its class keeps to
   * itself and never interrupts ({@link UninterruptedThreads}). {@code break;} when it leaves this
   * very loop (no switch between, the loop not inside another) and nothing after the loop blocks
   * again; else {@code return;} when the code unit returns nothing and nothing follows the loop.
   * Skipping cleanup that follows the loop would be wrong, so that is never offered; nor is leaving
   * a loop whose own exits change the object's state first ({@link LoopExitCleanups}).
   */
  private static @Nullable String leave(
      TreePath catchPath,
      TreePath loop,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    // A private method that is the last thing its task does is the task's work too ({@link
    // TaskTails}), where the loop is its last statement: leaving the loop ends the task. What
    // follows the loop there is what its ordinary end does (`failed.set(true)` once the retries
    // are used up), which an interrupt must not do.
    if (!(Tasks.runsAsTask(codeUnit, state)
            || Tasks.isThreadTopLevel(codeUnit, state)
            || (nothingAfter(loop, codeUnit) && TaskTails.isLastActOfATask(codeUnit, state)))
        || UninterruptedThreads.isBodyOfUninterruptedThread(codeUnit, state)) {
      return null; // on a thread nobody interrupts, the interrupt is a stray one: not a stop
    }
    // The loop's own way out resets what says it runs (`worker = null; break;`): leaving from the
    // catch would skip that, and the component would wait for a worker that is gone.
    if (LoopExitCleanups.stateChangeBeforeItsOwnExit(loop) != null) {
      return null;
    }
    // The work tells its ordinary end from any other after the loop (`finally { if (isStop()) {
    // state.set(STOPPED); .. } }`, on the stop state the loop tests): left from the catch, the
    // loop would end without that state saying stop, and that bookkeeping would be skipped.
    if (LoopExitCleanups.stopBookkeepingAfter(loop, codeUnit) != null) {
      return null;
    }
    // A worker loop run by its object's own state (`while (running)`) that nothing in the file
    // stops by an interrupt: left on a stray one, the only worker ends while that state says it
    // runs, and nothing starts it again ({@link InterruptStops}).
    if (!InterruptStops.leavingIsItsStop(loop, catchPath.getLeaf(), codeUnit, state)) {
      return null;
    }
    boolean switchBetween = false;
    for (TreePath p = catchPath.getParentPath(); p != null && p != loop; p = p.getParentPath()) {
      switchBetween |=
          p.getLeaf() instanceof SwitchTree || p.getLeaf() instanceof SwitchExpressionTree;
    }
    if (!switchBetween
        && Loops.enclosingLoop(loop, codeUnit) == null
        && FailingCalls.mayFailAfter(loop, codeUnit, state, options) == null) {
      return "break;";
    }
    return returnsVoid(codeUnit) && nothingAfter(loop, codeUnit) ? "return;" : null;
  }

  /** Nothing runs after {@code path} in the code unit: it ends every block around it. */
  private static boolean nothingAfter(TreePath path, TreePath codeUnit) {
    for (TreePath p = path;
        p != null && p.getParentPath() != null && p != codeUnit;
        p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      if (parent == codeUnit.getLeaf()) {
        return true;
      }
      if (parent instanceof BlockTree block) {
        if (block.getStatements().getLast() != p.getLeaf()) {
          return false;
        }
      } else if (parent instanceof TryTree tryTree) {
        if (tryTree.getFinallyBlock() != null && p.getLeaf() != tryTree.getFinallyBlock()) {
          continue; // the finally still runs on the way out
        }
      } else if (!(parent instanceof LabeledStatementTree)
          && !(parent instanceof SynchronizedTree)
          && !(parent instanceof CatchTree)) {
        return false;
      }
    }
    return true;
  }

  private static boolean returnsVoid(TreePath codeUnit) {
    return switch (codeUnit.getLeaf()) {
      case MethodTree method ->
          getSymbol(method) instanceof MethodSymbol symbol
              && symbol.getReturnType().getKind() == TypeKind.VOID
              && !symbol.isConstructor();
      case LambdaExpressionTree lambda ->
          lambda.getBody() instanceof BlockTree body && !returnsAValue(body);
      default -> false;
    };
  }

  private static boolean returnsAValue(BlockTree body) {
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        found[0] |= tree.getExpression() != null;
        return null;
      }
    }.scan(body, null);
    return found[0];
  }

  /**
   * True if a test of {@code Thread.interrupted()} (the {@code if} at {@code ifPath}) must keep
   * clearing the flag: its true branch records the interrupt for a later restore, or it sits in a
   * loop that waits in a call an interrupt ends without clearing the flag ({@code
   * LockSupport.park}, {@code Selector.select}: they return at once while the flag is set, so a
   * test that leaves the flag set would make the loop, or the next round of the loop that calls
   * this code, spin).
   */
  public static boolean mustKeepClearing(
      TreePath ifPath, StatementTree trueBranch, TreePath codeUnit, VisitorState state) {
    if (InterruptRecords.firstRecordIn(trueBranch, value -> false) != null) {
      return true;
    }
    TreePath loop = Loops.enclosingLoop(ifPath, codeUnit);
    if (loop == null) {
      return false;
    }
    boolean[] parks = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        parks[0] |=
            Expressions.isResolved(call)
                && ThreadCalls.RETURNS_AT_ONCE_WHILE_INTERRUPTED.matches(call, state);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loop.getLeaf(), null);
    return parks[0];
  }

  /**
   * A loop that waits for a condition under a lock: {@code while (item == null) lock.wait();},
   * {@code condition.await()}. Leaving it early hands back a state the caller did not wait for; it
   * is recorded and restored after.
   */
  static boolean isWaitLoop(Tree loop, VisitorState state) {
    return CallScans.anyCallOutsideNestedCode(
        loop,
        call ->
            Expressions.isResolved(call)
                && (SyncCalls.OBJECT_WAIT.matches(call, state)
                    || SyncCalls.CONDITION_AWAIT.matches(call, state)));
  }

  /** The statement to wrap for a loop: the loop, or its label; null unless it sits in a block. */
  static @Nullable Tree wrappable(@Nullable TreePath loop) {
    if (loop == null) {
      return null;
    }
    TreePath statement = loop;
    if (statement.getParentPath().getLeaf() instanceof LabeledStatementTree) {
      statement = statement.getParentPath();
    }
    return statement.getParentPath().getLeaf() instanceof BlockTree ? statement.getLeaf() : null;
  }
}
