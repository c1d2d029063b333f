package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.tasks.AwaitQuestions;
import dev.cancelguard.analysis.tasks.AwaitUse;
import dev.cancelguard.analysis.tasks.BranchWaits;
import dev.cancelguard.analysis.tasks.CallerContinuations;
import dev.cancelguard.analysis.tasks.CallerRunsPools;
import dev.cancelguard.analysis.tasks.CancelTarget;
import dev.cancelguard.analysis.tasks.CancelTarget.Kind;
import dev.cancelguard.analysis.tasks.DelegatedTaskPools;
import dev.cancelguard.analysis.tasks.FinallyCancels;
import dev.cancelguard.analysis.tasks.FlagTestingStops;
import dev.cancelguard.analysis.tasks.IdlePools;
import dev.cancelguard.analysis.tasks.LockedStopFlags;
import dev.cancelguard.analysis.tasks.LockedWaits;
import dev.cancelguard.analysis.tasks.MethodDeadlines;
import dev.cancelguard.analysis.tasks.NeverEndingTasks;
import dev.cancelguard.analysis.tasks.OutsideStateLoops;
import dev.cancelguard.analysis.tasks.Ownership;
import dev.cancelguard.analysis.tasks.PromptEnds;
import dev.cancelguard.analysis.tasks.ReleasesBeforeTheWait;
import dev.cancelguard.analysis.tasks.SameThreadCancels;
import dev.cancelguard.analysis.tasks.SelfCancels;
import dev.cancelguard.analysis.tasks.StopDeadlines;
import dev.cancelguard.analysis.tasks.StopModes;
import dev.cancelguard.analysis.tasks.StopPathBounds;
import dev.cancelguard.analysis.tasks.StopShapes;
import dev.cancelguard.analysis.tasks.TaskUses;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.tasks.TerminationQueries;
import dev.cancelguard.analysis.tasks.Terminations;
import dev.cancelguard.analysis.tasks.ThreadlessPools;
import dev.cancelguard.analysis.tasks.WaitFixes;
import dev.cancelguard.analysis.tasks.WaitPlacement;
import dev.cancelguard.analysis.tasks.WorkerCode;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/** Work that is cancelled and then treated as stopped without anyone waiting for it to finish. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "Work is cancelled (shutdown, shutdownNow, interrupt, cancel) and then treated as stopped"
            + " without waiting for it to finish",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "CancelWithoutAwait.md")
public final class CancelWithoutAwait extends CancelGuardChecker
    implements MethodInvocationTreeMatcher {
  private static final Matcher<ExpressionTree> CANCEL_OR_TIMED_WAIT =
      anyOf(
          ExecutorCalls.SHUTDOWN,
          ThreadCalls.INTERRUPT,
          FutureCalls.CANCEL,
          ExecutorCalls.AWAIT_TERMINATION);

  private final CancelGuardOptions options;

  /** The constructor Error Prone uses when no flags are in play. */
  public CancelWithoutAwait() {
    this(CancelGuardOptions.defaults());
  }

  @Inject
  CancelWithoutAwait(ErrorProneFlags flags) {
    this(CancelGuardOptions.fromFlags(flags));
  }

  private CancelWithoutAwait(CancelGuardOptions options) {
    this.options = options;
  }

  /**
   * A cancel this check reports, with what it found after it.
   *
   * @param found what treats the work as stopped before anyone waits for it, in source order
   */
  private record Cancel(
      Kind kind,
      boolean timedWait,
      CancelTarget target,
      TreePath codeUnit,
      ImmutableList<AwaitUse> found) {
    /** Something after the cancel releases or reads what the work uses (not only a return). */
    boolean releasesOrReads() {
      return found.stream().anyMatch(u -> u.kind() != AwaitUse.Kind.RETURNS);
    }

    /** Where the first of them starts. */
    int firstUse(VisitorState state) {
      return found.stream().mapToInt(u -> u.position(state)).min().orElse(Integer.MAX_VALUE);
    }
  }

  /**
   * The wait a fix puts after (or before) {@code anchor}: {@code statement}, which is {@code call}
   * or {@code call} in a catch that restores the flag; in a lambda body ({@code anchor} null) it
   * joins the cancel in a block.
   */
  private record PlannedWait(
      @Nullable TreePath anchor, boolean before, String statement, String call) {
    boolean needsItsOwnCatch() {
      return !statement.equals(call);
    }
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree call, VisitorState state) {
    Cancel cancel = analyse(call, state);
    if (cancel == null) {
      return NO_MATCH;
    }
    Kind kind = cancel.kind();
    boolean timedWait = cancel.timedWait();
    CancelTarget target = cancel.target();
    TreePath codeUnit = cancel.codeUnit();
    ImmutableList<AwaitUse> found = cancel.found();
    Description.Builder description =
        buildDescription(call)
            .setMessage(message(call, kind, timedWait, found.getFirst(), codeUnit, state));
    boolean releasesOrReads = cancel.releasesOrReads();
    int firstUse = cancel.firstUse(state);
    // The work blocks reading what is released next (a thread in readLine() on the stream closed
    // after its interrupt()): a wait before the release can last forever, one after it is late.
    SuggestedFix fix =
        timedWait
            ? checkResultFix(call, codeUnit, state)
            : WaitPlacement.workBlocksOnWhatIsReleased(target, found, state)
                ? null
                : waitFix(call, kind, releasesOrReads, codeUnit, target, firstUse, found, state);
    if (fix != null) {
      description.addFix(fix);
    } else if (!timedWait && kind != Kind.FUTURE) {
      // No wait offered where the compilation shows one may not end: the message says why.
      String note =
          doubtNote(
              PromptEnds.doubtAbout(target, call, state.getPath(), options, state),
              getReceiver(call),
              target,
              state);
      IfTree choice =
          note == null
              ? BranchWaits.otherBranchWaits(state.getPath(), codeUnit, target, options, state)
              : null;
      if (choice != null) {
        note = choiceNote(choice, getReceiver(call), state);
      }
      if (note == null) {
        note = releasedFirstNote(call, codeUnit, target, firstUse, found, state);
      }
      if (note == null) {
        CatchTree timedOut =
            StopDeadlines.branchAfterItsDeadlineRanOut(state.getPath(), codeUnit, state);
        if (timedOut != null) {
          note = deadlineNote(timedOut, state);
        }
      }
      if (note == null
          && kind == Kind.EXECUTOR
          && TerminationQueries.stopIsPolledForTermination(codeUnit, state)) {
        note = polledNote(codeUnit);
      }
      if (note == null) {
        note = outsideStateNote(call, codeUnit, target, state);
      }
      if (note == null && !timedWait) {
        note = callerNote(call, cancel, state);
      }
      if (note == null) {
        note = flagTestNote(call, cancel, state);
      }
      if (note == null && !WorkerCode.mayRunOnAWorker(codeUnit, state)) {
        ClassSymbol subclass = WorkerCode.subclassWhoseWorkReachesTheStop(codeUnit, target, state);
        if (subclass != null) {
          note = subclassWorkNote(subclass, getReceiver(call), state);
        }
      }
      if (note == null
          && !WorkerCode.mayRunOnAWorker(codeUnit, state)
          && !WorkerCode.reachedFromItsOwnWork(codeUnit, target, state)
          && WorkerCode.runsCodeOfItsUsers(codeUnit, target, state)) {
        note = usersCodeNote(getReceiver(call), state);
      }
      if (note != null) {
        description.setMessage(
            message(call, kind, timedWait, found.getFirst(), codeUnit, state) + note);
      }
    }
    return description.build();
  }

  /** The cancel at {@code call} (the path of {@code state}), if this check reports it. */
  private @Nullable Cancel analyse(MethodInvocationTree call, VisitorState state) {
    // Cheap test first: almost no call cancels anything (and an unresolved call is unknown).
    if (!Expressions.isResolved(call) || !CANCEL_OR_TIMED_WAIT.matches(call, state)) {
      return null;
    }
    boolean timedWait = ExecutorCalls.AWAIT_TERMINATION.matches(call, state);
    // A timed wait whose result is used, or tested through the pool next, was checked; one of an
    // hour or more waits until the work has ended.
    if (timedWait
        && (AwaitQuestions.isCheckedTimedWait(call, state)
            || AwaitQuestions.waitsAsLongAsItTakes(call))) {
      return null;
    }
    Kind kind =
        ThreadCalls.INTERRUPT.matches(call, state)
            ? Kind.THREAD
            : FutureCalls.CANCEL.matches(call, state) ? Kind.FUTURE : Kind.EXECUTOR;
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    // Only a variable can be followed: `Thread.currentThread()`, `this`, a method's result could be
    // anything.
    CancelTarget target = CancelTarget.of(kind, getReceiver(call), unit);
    if (target == null) {
      return null;
    }
    // A thread this file did not make (a caller's, `Thread.currentThread()` remembered in a field)
    // is joined by whoever owns it.
    if (kind == Kind.THREAD && !Ownership.isOwnedThread(target, unit, state)) {
      return null;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    // A field initializer, or a method without a body: no statements to walk.
    if (codeUnit == null || CodeUnits.bodyOf(codeUnit.getLeaf()) == null) {
      return null;
    }
    // A listener or callback (`onClose`, `terminated()`) runs when whoever fires the event says,
    // often on a thread of the cancelled work itself: it is not the component's stop method, and
    // no wait belongs there. The stop protocol is the component's own.
    if (Terminations.isEventCallback(codeUnit, state)) {
      return null;
    }
    ImmutableList<AwaitUse> found =
        AwaitQuestions.usesBeforeWait(call, target, timedWait, codeUnit, options, state);
    // Nothing after the cancel treats the work as stopped: fire-and-forget is fine.
    if (found.isEmpty()) {
      return null;
    }
    // A pool of the class's own that runs nothing but an SSLEngine's delegated tasks: they
    // compute on the engine's own state, which nothing after the stop reads.
    if (kind == Kind.EXECUTOR
        && DelegatedTaskPools.runsOnlyDelegatedTasks(target.variable(), state)) {
      return null;
    }
    // `private final OrderedExecutor cache = OrderedExecutor.newBuilder().build();`, only ever shut
    // down: the component never gave the pool a task, so none of its work can be running there.
    if (kind == Kind.EXECUTOR && IdlePools.givenNoWork(target, state)) {
      return null;
    }
    // `new SameThreadExecutorService()`, whose execute(command) runs command.run() itself: each
    // task ended inside the call that submitted it, and the pool has no thread left to wait for.
    if (kind == Kind.EXECUTOR && CallerRunsPools.runsTasksOnTheCaller(target.variable(), state)) {
      return null;
    }
    // `if (executor instanceof ThreadlessExecutor) executor.shutdownNow();`: a pool whose class
    // owns no thread (its tasks run on the threads that call into it) leaves none to wait for.
    if (kind == Kind.EXECUTOR
        && ThreadlessPools.ownsNoThread(target.variable(), state.getPath(), state)) {
      return null;
    }
    // `close(boolean immediately)`: the caller asked for a stop without waiting; or the method's
    // own name says so (`closeImmediately()`, `shutdownNow()`).
    if (!timedWait
        && (StopModes.immediateStopChosenByCaller(codeUnit, target, options, state)
            || StopModes.isImmediateStopMethod(codeUnit))) {
      return null;
    }
    // `try { f.get(timeout, unit); } finally { f.cancel(true); }`: what follows runs only after
    // get() returned, when the task was done.
    if (kind == Kind.FUTURE
        && FinallyCancels.cancelsOnlyOnTheWayOut(state.getPath(), target, state)) {
      return null;
    }
    // `auditTask.cancel(false)` in a task of the single-threaded executor the audit was scheduled
    // on (or in a method asserting it runs in that event loop): the audit cannot be running now.
    if (kind == Kind.FUTURE
        && SameThreadCancels.cancelsOnTheTasksOwnThread(target, state.getPath(), state)) {
      return null;
    }
    // `timer.cancel(false)` in the method the timer runs (`schedule(this::fire, ..)`), under a
    // lock, after `if (timer == null) return;` and before `timer = null;`: a run of the task is
    // this very call, or another that finds the timer null under the lock and does nothing.
    if (kind == Kind.FUTURE
        && SelfCancels.cancelsItsOwnGuardedTask(target, state.getPath(), state)) {
      return null;
    }
    // `closed = true; tick.cancel(true);` holding the lock under which every run of the task
    // first tests `closed`, a flag nothing clears: a run either ended before the stop took the lock
    // or finds the flag set and does nothing, so nothing after the cancel can meet one.
    if (kind == Kind.FUTURE && LockedStopFlags.lateRunDoesNothing(target, state.getPath(), state)) {
      return null;
    }
    // `dispose(boolean awaitTermination)`: the wait is right there, on the caller's say-so; and
    // `shutdown() { delegate.shutdown(); }`: an adapter with the wrapped executor's contract.
    if (!timedWait
        && (StopModes.waitChosenByCaller(codeUnit, target, options, state)
            || StopModes.isForwardingStop(codeUnit, state))) {
      return null;
    }
    return new Cancel(kind, timedWait, target, codeUnit, found);
  }

  /**
   * Why no wait is offered where the stop released what the work uses before the wait could run;
   * null where it did not.
   */
  private static @Nullable String releasedFirstNote(
      MethodInvocationTree call,
      TreePath codeUnit,
      CancelTarget target,
      int firstUse,
      List<AwaitUse> found,
      VisitorState state) {
    TreePath statement = state.getPath().getParentPath();
    if (!(statement.getLeaf() instanceof ExpressionStatementTree)
        && !(statement.getLeaf() instanceof VariableTree)) {
      return null;
    }
    WaitPlacement.Spot spot = WaitPlacement.spot(statement, firstUse, state);
    ReleasesBeforeTheWait.Release release =
        ReleasesBeforeTheWait.releasedBeforeTheWait(
            statement, spot, codeUnit, target, TaskUses.of(target, state), found, state);
    if (release == null) {
      return null;
    }
    String name =
        getReceiver(call) == null ? "the work" : state.getSourceForNode(getReceiver(call));
    long line =
        state
            .getPath()
            .getCompilationUnit()
            .getLineMap()
            .getLineNumber(getStartPosition(release.site()));
    return " No wait is offered: line "
        + line
        + " already releases "
        + release.released().getSimpleName()
        + ", which the work of "
        + name
        + " uses, before a wait here could run, so a late run still fails on it or fills it again;"
        + " cancel and wait before that release.";
  }

  /** Why no wait is offered in the catch a method enters once its own timed wait ran out. */
  private static String deadlineNote(CatchTree timedOut, VisitorState state) {
    long line =
        state.getPath().getCompilationUnit().getLineMap().getLineNumber(getStartPosition(timedOut));
    return " No wait is offered: this runs in the catch of TimeoutException of line "
        + line
        + ", once the method's own timed wait has run out, and a wait here would hold it past that"
        + " deadline; decide what the work may still do after this, and release it only once the"
        + " work cannot use it.";
  }

  /** Why no wait is offered where the other branch of an if waits and this one does not. */
  private static String choiceNote(
      IfTree choice, @Nullable ExpressionTree receiver, VisitorState state) {
    String name = receiver == null ? "the work" : state.getSourceForNode(receiver);
    long line =
        state.getPath().getCompilationUnit().getLineMap().getLineNumber(getStartPosition(choice));
    return " No wait is offered: the other branch of the if of line "
        + line
        + " waits for "
        + name
        + " and this one does not, a choice this path made; decide whether it should wait too.";
  }

  /** Why no wait is offered in a stop whose class answers isTerminated() for the work. */
  private static String polledNote(TreePath codeUnit) {
    String stop =
        codeUnit.getLeaf() instanceof MethodTree method ? method.getName() + "()" : "this stop";
    return " No wait is offered: the class answers isTerminated() for this work, as an executor"
        + " does, so "
        + stop
        + " only starts the stop and callers poll for its end; decide whether a caller that goes"
        + " on needs the work ended, and wait there.";
  }

  /**
   * Why no wait is offered where the wait would need a catch that restores the flag and a caller
   * goes on, with the flag set, to a call that would then fail at once; null where that is not why.
   */
  private @Nullable String callerNote(
      MethodInvocationTree call, Cancel cancel, VisitorState state) {
    if (WaitPlacement.workBlocksOnWhatIsReleased(cancel.target(), cancel.found(), state)) {
      return null;
    }
    PlannedWait plan = planWait(call, cancel, SuggestedFix.builder(), state);
    CallerContinuations.Failing caller =
        plan == null ? null : callerGoesOnToStop(plan, cancel.codeUnit(), state);
    if (caller == null) {
      return null;
    }
    Symbol called = getSymbol(caller.callerCall().getLeaf());
    Symbol failing = getSymbol(caller.failingCall());
    // A caller that stops its parts in a loop meets the same call again in its next round.
    String next =
        caller.failingCall() == caller.callerCall().getLeaf()
            ? " it runs that call again for the next one"
            : " it runs "
                + (failing == null ? "a call" : failing.getSimpleName() + "(..)")
                + " at "
                + Lines.where(
                    caller.callerCall().getCompilationUnit(), caller.failingCall(), state);
    return " No wait is offered: this stop cannot throw InterruptedException, so a wait here would"
        + " need a catch that restores the interrupt flag, and its caller goes on with the flag"
        + " set: after the call of "
        + (called == null ? "it" : called.getSimpleName() + "(..)")
        + " at "
        + Lines.where(caller.callerCall(), state)
        + next
        + ", which would then fail at once (its wait, or the one a fix puts there, cut short);"
        + " wait where the caller's stops are done, or let this stop throw the interrupt.";
  }

  /**
   * Why no wait is offered where the stop tests the current thread's interrupt flag and goes on
   * ({@link FlagTestingStops}), and the wait would throw; null where that is not why.
   */
  private @Nullable String flagTestNote(
      MethodInvocationTree call, Cancel cancel, VisitorState state) {
    MethodInvocationTree test = FlagTestingStops.flagTestItGoesOnFrom(cancel.codeUnit(), state);
    if (test == null
        || WaitPlacement.workBlocksOnWhatIsReleased(cancel.target(), cancel.found(), state)) {
      return null;
    }
    PlannedWait plan =
        planAnyWait(
            call,
            cancel.kind(),
            cancel.releasesOrReads(),
            cancel.codeUnit(),
            cancel.target(),
            cancel.firstUse(state),
            cancel.found(),
            SuggestedFix.builder(),
            state);
    if (plan == null || !throwsOnTheFlag(plan)) {
      return null;
    }
    String stop =
        cancel.codeUnit().getLeaf() instanceof MethodTree method
            ? method.getName() + "()"
            : "this stop";
    return " No wait is offered: "
        + stop
        + " tests the current thread's interrupt flag at line "
        + Lines.of(test, state)
        + " and goes on when it is set, so it is meant to run on an interrupted thread, where "
        + plan.call().replace(";", "")
        + " would throw InterruptedException at once, out of "
        + stop
        + ", before it waited for anything; wait only on a path where the flag is clear, or clear"
        + " it around the wait (Thread.interrupted()) and set it again after.";
  }

  /**
   * Why no wait is offered where a subclass of another file hands the pool work that calls this
   * stop on the object itself.
   */
  private static String subclassWorkNote(
      ClassSymbol subclass, @Nullable ExpressionTree receiver, VisitorState state) {
    String name = receiver == null ? "the work" : state.getSourceForNode(receiver);
    return " No wait is offered: "
        + subclass.getSimpleName()
        + ", a subclass in another file, hands "
        + name
        + " work that calls this stop on the object itself, so the stop may run on a thread of"
        + " that very work, where a wait would wait for itself; wait where the work was started.";
  }

  /**
   * Why no wait is offered where {@code shutdown()} leaves a loop of the work running until state
   * outside it lets it out ({@link OutsideStateLoops}); null where it does not.
   */
  private static @Nullable String outsideStateNote(
      MethodInvocationTree call, TreePath codeUnit, CancelTarget target, VisitorState state) {
    TreePath loop = OutsideStateLoops.loopTheStopLeavesRunning(target, call, codeUnit, state);
    if (loop == null) {
      return null;
    }
    String name =
        getReceiver(call) == null ? "the executor" : state.getSourceForNode(getReceiver(call));
    return " No wait is offered: shutdown() interrupts nothing, and the work of "
        + name
        + " runs "
        + NeverEndingTasks.describe(loop, state)
        + ", which goes round waiting until state outside it that this stop does not change lets"
        + " it out, so a wait would only hold the stop while that work goes on, and after it the"
        + " work still does what it was waiting to do; end it first (shutdownNow(), if it leaves on"
        + " the interrupt, or a flag the stop sets and the loop tests), then wait.";
  }

  /** Why no unbounded wait is offered where the work runs its users' code. */
  private static String usersCodeNote(@Nullable ExpressionTree receiver, VisitorState state) {
    String name = receiver == null ? "the executor" : state.getSourceForNode(receiver);
    return " No unbounded wait is offered: the work of "
        + name
        + " runs code its users hand in (a callback, a listener, a promise's dependent stages),"
        + " which may call this stop on that work's own thread, where the wait would wait for"
        + " itself; wait where the work was started, or with a timeout.";
  }

  /** Why no wait is offered, as a sentence that follows the message; null for no doubt. */
  private @Nullable String doubtNote(
      PromptEnds.Doubt doubt,
      @Nullable ExpressionTree receiver,
      CancelTarget target,
      VisitorState state) {
    String name = receiver == null ? "the executor" : state.getSourceForNode(receiver);
    return switch (doubt) {
      case NONE -> null;
      case OWN_TASK ->
          " No wait is offered: this code runs inside a task of "
              + name
              + ", and a wait here would wait for itself; wait where the work was started.";
      case LIBRARY_TYPE ->
          " No unbounded wait is offered: "
              + name
              + " is a "
              + (getType(receiver) == null
                  ? "library's own executor"
                  : getType(receiver).tsym.getSimpleName())
              + ", whose termination its own library defines; wait as it documents, with a"
              + " timeout.";
      case SLEEPING_WORK ->
          " No unbounded wait is offered: shutdown() interrupts nothing and the tasks sleep, so a"
              + " wait would last as long as their sleeps; call shutdownNow() before waiting, or"
              + " wait with a timeout.";
      case NEVER_ENDING_WORK -> neverEndingNote(target, name, state);
    };
  }

  /**
   * Why no unbounded wait is offered for work that runs a loop nothing ends ({@link
   * NeverEndingTasks}), and what is left to decide.
   */
  private String neverEndingNote(CancelTarget target, String name, VisitorState state) {
    TreePath loop = NeverEndingTasks.loopThatNeverEnds(target, state, options);
    String which = loop == null ? "a loop of its work" : NeverEndingTasks.describe(loop, state);
    return " No unbounded wait is offered: the work of "
        + name
        + " runs "
        + which
        + ", which nothing ends, not even the interrupt, so a wait for it would never return;"
        + " decide whether that loop should end when "
        + name
        + " is stopped (leave it on the interrupt, or test a flag the stop sets) or is meant to"
        + " run as long as the process, and wait only with a timeout.";
  }

  // ------------------------------------------------------------------ message

  /** How the message names the cancelled work; {@code s} ends a verb whose subject is it. */
  private record Work(String who, String they, String s) {
    static Work of(Kind kind) {
      return switch (kind) {
        case EXECUTOR -> new Work("the tasks", "they", "");
        case THREAD -> new Work("the thread", "it", "s");
        case FUTURE -> new Work("the task", "it", "s");
      };
    }
  }

  /** What was asked, what the code does next as if the work had stopped, and what to do. */
  private static String message(
      MethodInvocationTree call,
      Kind kind,
      boolean timedWait,
      AwaitUse use,
      TreePath codeUnit,
      VisitorState state) {
    String receiver = state.getSourceForNode(getReceiver(call));
    Work work = Work.of(kind);
    long line =
        state.getPath().getCompilationUnit().getLineMap().getLineNumber(use.position(state));
    String asked =
        timedWait
            ? "The result of %s.awaitTermination(..) is ignored: when it returns false the wait"
                + " timed out and the tasks are still running"
            : switch (kind) {
              case EXECUTOR ->
                  getSymbol(call).getSimpleName().contentEquals("shutdown")
                      ? "%s.shutdown() only stops new tasks; the running ones go on"
                      : "%s.shutdownNow() only interrupts the tasks; each stops when it next notices";
              case THREAD ->
                  "%s.interrupt() only asks the thread to stop; it stops when it next notices";
              case FUTURE -> "%s.cancel(..) only asks the task to stop; it may still be running";
            };
    String then =
        switch (use.kind()) {
          case RELEASES ->
              String.format(
                  ", yet %s while %s may still use it: %s fail%s on a closed resource or corrupt%4$s"
                      + " it",
                  release(use, line, state), work.who(), work.they(), work.s());
          case READS ->
              String.format(
                  ", yet the code then reads %s (line %s), which %s write%s: it may be incomplete"
                      + " or change while being read",
                  use.symbol().getSimpleName(), line, work.who(), work.s());
          case RETURNS ->
              codeUnit.getLeaf() instanceof MethodTree method
                      && !Terminations.isShutdownHook(codeUnit, state)
                  ? String.format(
                      ", yet %s() returns (line %s) as if %s had stopped: the caller goes on while"
                          + " %s still run%s",
                      method.getName(), line, work.who(), work.they(), work.s())
                  : String.format(
                      ", yet the shutdown hook returns (line %s) without waiting: the JVM halts and"
                          + " kills %s mid-work",
                      line, work.who());
        };
    String remedy =
        timedWait
            ? " Check the result, and do not release what running tasks use when the wait times"
                + " out."
            : switch (kind) {
              case EXECUTOR ->
                  WaitFixes.executorCloseAvailable(state)
                      ? " Wait for termination first: %1$s.awaitTermination(..), or %1$s.close()."
                      : " Wait for termination first: %s.awaitTermination(..).";
              case THREAD -> " Wait for it first: %s.join().";
              case FUTURE ->
                  " Wait for the task to finish first: shut its executor down and await"
                      + " termination, or have the task count down a latch in finally and await it.";
            };
    return String.format(asked, receiver) + then + "." + String.format(remedy, receiver);
  }

  /** What releases what the work uses: a call, setting it to null, or a try-with-resources. */
  private static String release(AwaitUse use, long line, VisitorState state) {
    String name = use.symbol() == null ? "a resource" : use.symbol().getSimpleName().toString();
    return switch (use.tree()) {
      case MethodInvocationTree call -> {
        String source = state.getSourceForNode(call);
        yield String.format(
            "the code then calls %s (line %s), releasing %s",
            source != null && source.length() <= 60 ? source : name + "..", line, name);
      }
      case AssignmentTree assignment ->
          String.format("the code then sets %s to null (line %s)", name, line);
      default ->
          String.format(
              "the try-with-resources of line %s closes %s when its block ends", line, name);
    };
  }

  // ------------------------------------------------------------------ fixes

  /**
   * Inserts the wait after the rest of the stop, before what treats the work as stopped (see {@link
   * WaitPlacement#spot}), keeping the method's own deadline ({@code stop(long timeout, TimeUnit
   * unit)}, {@code close(long timeoutMs)}, what remains of a deadline computed from one: {@link
   * MethodDeadlines}) or the bound its stop path puts on its other waits. None where the code may
   * run on a thread of the work it would wait for, where the class offers its own wait, or where a
   * timed wait would have to throw in the middle of a close.
   */
  private @Nullable SuggestedFix waitFix(
      MethodInvocationTree call,
      Kind kind,
      boolean checkResult,
      TreePath codeUnit,
      CancelTarget target,
      int firstUse,
      List<AwaitUse> found,
      VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    PlannedWait plan =
        planWait(call, kind, checkResult, codeUnit, target, firstUse, found, fix, state);
    if (plan == null || callerGoesOnToStop(plan, codeUnit, state) != null) {
      return null;
    }
    if (plan.anchor() == null) {
      // () -> pool.shutdownNow(): the body becomes a block that also waits.
      return fix.replace(call, "{ " + state.getSourceForNode(call) + "; " + plan.statement() + " }")
          .build();
    }
    String wait = plan.statement();
    if (!plan.before() && plan.needsItsOwnCatch()) {
      // `a.interrupt(); b.interrupt();`: both waits in one try, the same text in both findings'
      // fixes (applied once). A restore between two waits would make the second throw at once.
      List<String> waits = waitsOfTheSameStop(call, plan, fix, state);
      if (waits.size() > 1) {
        wait = WaitFixes.withRestoringCatch(String.join(" ", waits), plan.anchor());
      } else {
        // Another cancel's wait, with its catch that restores the flag, follows already: this
        // wait goes into the same try.
        SuggestedFix joined = WaitFixes.joinTheWaitThatFollows(plan.anchor(), plan.call(), state);
        if (joined != null) {
          return fix.merge(joined).build();
        }
      }
    }
    SuggestedFix insertion =
        plan.before()
            ? SourceEdits.insertBefore(plan.anchor().getLeaf(), wait, state)
            : WaitFixes.insertAfter(plan.anchor(), wait, state);
    return insertion == null ? null : fix.merge(insertion).build();
  }

  /**
   * The waits, in source order, of the cancels among the statements of {@code plan}'s block up to
   * its anchor whose fixes put a wait that needs a catch right after that same anchor, this
   * cancel's among them.
   */
  private List<String> waitsOfTheSameStop(
      MethodInvocationTree call, PlannedWait plan, SuggestedFix.Builder fix, VisitorState state) {
    TreePath blockPath = plan.anchor().getParentPath();
    Tree own = state.getPath().getParentPath().getLeaf();
    if (!(blockPath.getLeaf() instanceof BlockTree block)) {
      return List.of(plan.call());
    }
    Set<String> waits = new LinkedHashSet<>();
    boolean ownSeen = false;
    for (StatementTree statement : block.getStatements()) {
      if (statement == own) {
        waits.add(plan.call());
        ownSeen = true;
      } else if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof MethodInvocationTree other
          && CANCEL_OR_TIMED_WAIT.matches(other, state)) {
        TreePath otherPath = new TreePath(new TreePath(blockPath, statement), other);
        PlannedWait otherPlan = plannedWaitOf(other, state.withPath(otherPath), fix);
        if (otherPlan != null
            && otherPlan.anchor() != null
            && !otherPlan.before()
            && otherPlan.needsItsOwnCatch()
            && otherPlan.anchor().getLeaf() == plan.anchor().getLeaf()) {
          waits.add(otherPlan.call());
        }
      }
      if (statement == plan.anchor().getLeaf()) {
        break;
      }
    }
    return ownSeen ? List.copyOf(waits) : List.of(plan.call());
  }

  /** The wait this check's fix for another cancel, at the path of {@code state}, would insert. */
  private @Nullable PlannedWait plannedWaitOf(
      MethodInvocationTree call, VisitorState state, SuggestedFix.Builder fix) {
    Cancel cancel = analyse(call, state);
    if (cancel == null
        || cancel.timedWait()
        || WaitPlacement.workBlocksOnWhatIsReleased(cancel.target(), cancel.found(), state)) {
      return null;
    }
    return planWait(call, cancel, fix, state);
  }

  /**
   * Where the planned wait needs a catch that restores the flag: the first caller in this
   * compilation that goes on, once the stop returns with the flag set, to something that fails at
   * once ({@link CallerContinuations}): a composite stop that goes on to stop its other parts,
   * whose waits (their own, or those CancelGuard's fixes insert there) then throw at once. The
   * inserted wait is what a caller's deadline interrupts, where without it the stop would have
   * returned before any interrupt came; no wait is offered there. Null where the wait needs no
   * catch, or no caller here goes on to such a call.
   */
  private CallerContinuations.@Nullable Failing callerGoesOnToStop(
      PlannedWait plan, TreePath codeUnit, VisitorState state) {
    if (!plan.needsItsOwnCatch()) {
      return null;
    }
    return CallerContinuations.of(
        codeUnit, true, List.of(), state, options, ending -> waitsOnceFixed(ending, state));
  }

  /**
   * True if this check's fix for the cancel at {@code ending} (a call in another stop, of any file
   * of the compilation) inserts a wait that throws at once when the flag is set: a {@code join} or
   * an {@code awaitTermination}, not an executor's {@code close()}, which waits on.
   */
  private boolean waitsOnceFixed(TreePath ending, VisitorState state) {
    if (!(ending.getLeaf() instanceof MethodInvocationTree other)) {
      return false;
    }
    PlannedWait plan = plannedWaitOf(other, state.withPath(ending), SuggestedFix.builder());
    return plan != null && !plan.call().endsWith(".close();");
  }

  /** {@link #planWait} for what {@link #analyse} found about {@code call}. */
  private @Nullable PlannedWait planWait(
      MethodInvocationTree call, Cancel cancel, SuggestedFix.Builder fix, VisitorState state) {
    return planWait(
        call,
        cancel.kind(),
        cancel.releasesOrReads(),
        cancel.codeUnit(),
        cancel.target(),
        cancel.firstUse(state),
        cancel.found(),
        fix,
        state);
  }

  /** The wait {@link #waitFix} inserts, and where; null where it offers none. */
  private @Nullable PlannedWait planWait(
      MethodInvocationTree call,
      Kind kind,
      boolean checkResult,
      TreePath codeUnit,
      CancelTarget target,
      int firstUse,
      List<AwaitUse> found,
      SuggestedFix.Builder fix,
      VisitorState state) {
    PlannedWait plan =
        planAnyWait(call, kind, checkResult, codeUnit, target, firstUse, found, fix, state);
    // `if (Thread.currentThread().isInterrupted()) { LOG.info(..); }` and on: the stop is meant to
    // run with the flag set, where a wait that throws would throw at once and skip the rest of it.
    if (plan != null
        && throwsOnTheFlag(plan)
        && FlagTestingStops.flagTestItGoesOnFrom(codeUnit, state) != null) {
      return null;
    }
    return plan;
  }

  /**
   * True if the planned wait throws {@code InterruptedException} out of the stop (a {@code join} or
   * an {@code awaitTermination} with no catch of its own), not an executor's {@code close()}, which
   * waits on.
   */
  private static boolean throwsOnTheFlag(PlannedWait plan) {
    return !plan.needsItsOwnCatch() && !plan.call().endsWith(".close();");
  }

  /**
   * {@link #planWait}, before the question of a stop meant to run with the flag set ({@link
   * FlagTestingStops}).
   */
  private @Nullable PlannedWait planAnyWait(
      MethodInvocationTree call,
      Kind kind,
      boolean checkResult,
      TreePath codeUnit,
      CancelTarget target,
      int firstUse,
      List<AwaitUse> found,
      SuggestedFix.Builder fix,
      VisitorState state) {
    if (kind == Kind.FUTURE) {
      return null; // a cancelled future cannot be waited for; the executor's owner must do it
    }
    // A task, a thread's body, a pool's own machinery, a method they call, or a stop the work
    // itself reaches (a task that fails the connection closes it, a listener from outside): it may
    // be the very thread the wait waits for, which then never ends.
    if (WorkerCode.mayRunOnAWorker(codeUnit, state)
        || WorkerCode.reachedFromItsOwnWork(codeUnit, target, state)) {
      return null;
    }
    // close() is synchronized, and the tasks take the same monitor (or the caller holds a lock
    // around its stop() that the callbacks take): they cannot finish while the stop waits for them.
    if (LockedWaits.waitWouldHoldALockTheWorkTakes(codeUnit, state.getPath(), target, state)) {
      return null;
    }
    // A stop that asks whether it runs on its worker's thread (`runner != currentThread()`) knows
    // it may; one that returns a future is asynchronous, awaited through that future: a blocking
    // wait belongs in neither.
    if (codeUnit.getLeaf() instanceof MethodTree stop
        && (StopShapes.testsWhetherItRunsOnItsWorker(stop, state)
            || StopShapes.isAsynchronousStop(stop, state))) {
      return null;
    }
    // stop() next to a join/awaitTermination/waitForState of the class's own: stop() is meant to
    // return at once, and its callers wait where they choose.
    if (WaitPlacement.classOffersItsOwnWait(
        codeUnit, target, TaskUses.of(target, state), options, state)) {
      return null;
    }
    // shutdown() beside `boolean isTerminated() { return pool.isTerminated(); }`: the class mirrors
    // an executor, and its callers poll for the end where they choose.
    if (TerminationQueries.stopIsPolledForTermination(codeUnit, state)) {
      return null;
    }
    // `if (interrupted) { executor.shutdown(); } else { shutdownAndWait(executor); }`: this path
    // leaves the work running by choice.
    if (BranchWaits.otherBranchWaits(state.getPath(), codeUnit, target, options, state) != null) {
      return null;
    }
    // `catch (TimeoutException e) { executor.shutdownNow(); }` after the method's own timed wait:
    // the deadline has run out and this branch gives up; a wait here, bounded or not, outlasts it.
    if (StopDeadlines.branchAfterItsDeadlineRanOut(state.getPath(), codeUnit, state) != null) {
      return null;
    }
    ExpressionTree receiver = getReceiver(call);
    // A scheduler's delayed tasks still run after shutdown(): a wait would last until the last is
    // due.
    if (kind == Kind.EXECUTOR
        && receiver != null
        && getSymbol(receiver) != null
        && WaitFixes.keepsDelayedTasks(call, getSymbol(receiver), state)) {
      return null;
    }
    WaitFixes.Deadline deadline = MethodDeadlines.deadlineOf(codeUnit, state.getPath(), state);
    // `close(long timeout)`: the caller bounded the stop in a unit nothing names; an unbounded
    // wait would ignore that bound, and a timed one cannot keep it.
    if (deadline == null && MethodDeadlines.hasDeadlineOfUnknownUnit(codeUnit, state)) {
      return null;
    }
    boolean ownDeadline = deadline != null;
    if (deadline == null) {
      deadline = StopPathBounds.boundOfStopPath(codeUnit, state);
    }
    // The work runs its users' code (a callback, a promise's dependent stages), which may call this
    // stop on the work's own thread: an unbounded wait there waits for itself; a bounded one ends.
    if (deadline == null && WorkerCode.runsCodeOfItsUsers(codeUnit, target, state)) {
      return null;
    }
    // Inside the pool's own task the wait waits for itself, bounded or not. Elsewhere an unbounded
    // wait is offered only where the work is shown to end once cancelled: a pool of the platform's,
    // and after a shutdown() that interrupts nothing, no task that sleeps.
    PromptEnds.Doubt doubt = PromptEnds.doubtAbout(target, call, state.getPath(), options, state);
    if (doubt == PromptEnds.Doubt.OWN_TASK || deadline == null && doubt != PromptEnds.Doubt.NONE) {
      return null;
    }
    // Work that never ends, not even on the interrupt: only a caller that gave the stop a deadline
    // of its own has agreed to wait that long, and the wait says when the work did not end (it
    // will not): a checked wait there, no wait at all under a bound borrowed from the stop path.
    boolean neverEnds = doubt == PromptEnds.Doubt.NEVER_ENDING_WORK;
    if (neverEnds && !ownDeadline) {
      return null;
    }
    // `executor.shutdown()` and a task that goes round `while (true)` until another object's state
    // lets it out (`if (!server.isLeader()) break;`, a sleep each round): the stop interrupts
    // nothing and changes nothing the loop tests, so a wait only holds the stop while the work
    // goes on, and after it the work still does what it waited to do. Only a caller that gave the
    // stop a deadline of its own has agreed to wait that long.
    if (!ownDeadline
        && OutsideStateLoops.loopTheStopLeavesRunning(target, call, codeUnit, state) != null) {
      return null;
    }
    boolean checked = checkResult || neverEnds;
    // A subclass's stop calls this one and bounds its other waits in its own terms: an unbounded
    // wait here would break that bound.
    if (deadline == null && StopPathBounds.boundedByASubclassCaller(codeUnit, state)) {
      return null;
    }
    TreePath parentPath = state.getPath().getParentPath();
    String receiverSource = state.getSourceForNode(receiver);
    if (receiverSource == null) {
      return null;
    }
    // A timed wait that fails when time runs out would skip the rest of the stop: what it closes
    // or undoes, and the fields that say the component stopped.
    if (checked
        && WaitFixes.waitThrowsOnTimeout(kind, receiver, deadline, state)
        && StopDeadlines.moreOfTheStopFollows(parentPath, codeUnit, state)) {
      return null;
    }
    String bare = WaitFixes.waitCall(kind, receiverSource, receiver, checked, deadline, fix, state);
    if (parentPath.getLeaf() instanceof LambdaExpressionTree) {
      String wait =
          WaitFixes.waitStatement(
              kind, receiverSource, receiver, state.getPath(), checked, deadline, fix, state);
      return new PlannedWait(null, false, wait, bare);
    }
    Tree statement = parentPath.getLeaf();
    if (!(statement instanceof ExpressionStatementTree) && !(statement instanceof VariableTree)) {
      return null;
    }
    WaitPlacement.Spot spot = WaitPlacement.spot(parentPath, firstUse, state);
    // The stop already released what the work uses before the wait could run (`reset();
    // pool.shutdownNow();`, reset() clearing what the tasks refill): a late run still fails on it,
    // or refills it, with the wait in place.
    if (ReleasesBeforeTheWait.releasedBeforeTheWait(
            parentPath, spot, codeUnit, target, TaskUses.of(target, state), found, state)
        != null) {
      return null;
    }
    String wait =
        WaitFixes.waitStatement(
            kind, receiverSource, receiver, spot.anchor(), checked, deadline, fix, state);
    return new PlannedWait(spot.anchor(), spot.before(), wait, bare);
  }

  /** Turns {@code pool.awaitTermination(t, u);} into a check that fails when time runs out. */
  private static @Nullable SuggestedFix checkResultFix(
      MethodInvocationTree call, TreePath codeUnit, VisitorState state) {
    String source = state.getSourceForNode(call);
    String receiver = state.getSourceForNode(getReceiver(call));
    if (source == null || receiver == null) {
      return null;
    }
    TreePath statementPath = state.getPath().getParentPath();
    // Throwing in a close with more of the close to come skips it: the connection, the files it
    // would release leak, the fields that say it stopped are never set. The message explains; no
    // mechanical fix is right there.
    if (StopDeadlines.moreOfTheStopFollows(statementPath, codeUnit, state)) {
      return null;
    }
    String check =
        "if (!"
            + source
            + ") { throw new IllegalStateException(\""
            + receiver.replace("\\", "\\\\").replace("\"", "\\\"")
            + " did not terminate in time\"); }";
    // `case X -> pool.awaitTermination(..);` takes a block, not an if.
    boolean inBlock =
        statementPath.getParentPath().getLeaf() instanceof BlockTree
            || statementPath.getParentPath().getLeaf() instanceof CaseTree caseTree
                && caseTree.getCaseKind() == CaseTree.CaseKind.STATEMENT;
    return SuggestedFix.replace(statementPath.getLeaf(), inBlock ? check : "{ " + check + " }");
  }
}
