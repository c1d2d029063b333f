package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.DoWhileLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.EnhancedForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ForLoopTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.WhileLoopTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.interrupts.CancellationPoints.LoopReaction;
import dev.cancelguard.analysis.interrupts.ClosedNativeWaits;
import dev.cancelguard.analysis.interrupts.DeadlinePolls;
import dev.cancelguard.analysis.interrupts.HandedInStopFlags;
import dev.cancelguard.analysis.interrupts.HandshakeSpins;
import dev.cancelguard.analysis.interrupts.Polls;
import dev.cancelguard.analysis.interrupts.Polls.Pause;
import dev.cancelguard.analysis.interrupts.Polls.PauseKind;
import dev.cancelguard.analysis.interrupts.Polls.PollingLoop;
import dev.cancelguard.analysis.interrupts.UnreadThrowingCalls;
import dev.cancelguard.analysis.interrupts.UnstoppableLoops;
import dev.cancelguard.analysis.jdk.ReadOnlyCalls;
import dev.cancelguard.analysis.tasks.InterruptCheckFixes;
import dev.cancelguard.analysis.tasks.OwnThreads;
import dev.cancelguard.analysis.tasks.PeriodicSweeps;
import dev.cancelguard.analysis.tasks.SelfThreadBases;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.tasks.UninterruptedThreads;
import dev.cancelguard.analysis.tasks.WakeUps;
import dev.cancelguard.analysis.tasks.WalksBeforeAWait;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.Set;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * A loop that no interrupt can stop: a task loop with no cancellation point, a busy-wait, or a
 * hand-made timeout polling {@code future.isDone()} against the clock.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A loop that cancel(true) and shutdownNow() cannot stop: a task loop with no cancellation"
            + " point, a busy-wait, or a hand-made timeout",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "LoopWithoutCancellationPoint.md")
public final class LoopWithoutCancellationPoint extends CancelGuardChecker
    implements WhileLoopTreeMatcher,
        DoWhileLoopTreeMatcher,
        ForLoopTreeMatcher,
        EnhancedForLoopTreeMatcher {
  private static final String CHECK = "!Thread.currentThread().isInterrupted()";

  private static final String CANNOT_STOP = "cancel(true) and shutdownNow() cannot stop it";

  private static final int MAX_QUOTED_CONDITION = 60;

  private final CancelGuardOptions options;

  /** The constructor Error Prone uses when no flags are in play. */
  public LoopWithoutCancellationPoint() {
    this(CancelGuardOptions.defaults());
  }

  @Inject
  LoopWithoutCancellationPoint(ErrorProneFlags flags) {
    this(CancelGuardOptions.fromFlags(flags));
  }

  private LoopWithoutCancellationPoint(CancelGuardOptions options) {
    this.options = options;
  }

  @Override
  public Description matchWhileLoop(WhileLoopTree tree, VisitorState state) {
    return matchLoop(tree, state);
  }

  @Override
  public Description matchDoWhileLoop(DoWhileLoopTree tree, VisitorState state) {
    return matchLoop(tree, state);
  }

  @Override
  public Description matchForLoop(ForLoopTree tree, VisitorState state) {
    return matchLoop(tree, state);
  }

  @Override
  public Description matchEnhancedForLoop(EnhancedForLoopTree tree, VisitorState state) {
    return matchLoop(tree, state);
  }

  private Description matchLoop(StatementTree loop, VisitorState state) {
    TreePath loopPath = state.getPath();
    // A call javac could not resolve (code that does not fully compile, analysed by the command
    // line tool) may block or notice the interrupt: nothing is known of such a loop.
    if (CallScans.anyCall(loop, call -> !Expressions.isResolved(call))) {
      return NO_MATCH;
    }
    // Busy-waits and hand-made timeouts are reported wherever they are.
    PollingLoop polling = Polls.pollingLoop(loopPath, state);
    if (polling != null) {
      return matchPollingLoop(loop, loopPath, polling, state);
    }
    MethodInvocationTree sweep = Polls.futureSweepPoll(loopPath, state);
    if (sweep != null) {
      return describeFutureSweep(loop, sweep, state);
    }
    // Other loops are only reported in code that runs as a task: that is what gets cancelled.
    TreePath codeUnit = Tasks.enclosingCodeUnit(loopPath);
    if (codeUnit == null || !Tasks.runsAsTask(codeUnit, state)) {
      return NO_MATCH;
    }
    Set<Symbol> stopFlags = UnstoppableLoops.unboundedStopFlags(loop, loopPath);
    boolean unbounded = stopFlags != null;
    if (!unbounded && !UnstoppableLoops.isMainCpuLoop(loop, loopPath, codeUnit, state, options)) {
      return NO_MATCH;
    }
    // One run of a periodic task sweeping over live objects (connections, consumers): it ends
    // with what it walks, and the task is stopped by cancelling its next runs.
    if (!unbounded && PeriodicSweeps.isSweepOfAPeriodicTask(loop, loopPath, codeUnit, state)) {
      return NO_MATCH;
    }
    // A walk over the collections the task holds, on its way to a wait that an interrupt ends:
    // the interrupt stays pending until that wait, and the walk is not the task's main work.
    if (!unbounded
        && WalksBeforeAWait.isWalkBeforeAWait(loop, loopPath, codeUnit, state, options)) {
      return NO_MATCH;
    }
    // A task nothing can interrupt (given only to a pool the class keeps to itself, its future at
    // most asked isDone(); a thread nobody holds): no cancel(true) or shutdownNow() reaches it, and
    // the loop ends with its data.
    if (!unbounded && OwnThreads.nothingCanInterrupt(codeUnit, state)) {
      return NO_MATCH;
    }
    // A pass after the stop loop of a thread its class (or a base class in a jar) makes over
    // `this` and keeps, whose every interrupt comes after the stop state is written: the thread's
    // work after its stop, which that stop (and any interrupt with it) wants done.
    if (!unbounded && SelfThreadBases.followsTheStopLoopOfThreadItsClassKeeps(loopPath, state)) {
      return NO_MATCH;
    }
    // A class that runs its own loop and has a stop method clearing the flag has a stop protocol
    // of its own. Code handed to an executor is stopped the executor's way, by an interrupt,
    // unless nothing can interrupt it (a pool nobody else holds, its future at most asked
    // isDone(), in a file that interrupts no other thread): then the flag is its only stop.
    if (unbounded
        && !stopFlags.isEmpty()
        && (!Tasks.isSubmittedToExecutor(codeUnit, state)
            || OwnThreads.nothingCanInterrupt(codeUnit, state))
        && (SameFile.writesAny(state.getPath().getCompilationUnit(), stopFlags, codeUnit.getLeaf())
            // or the code that starts it hands it the flag and sets it (`running.set(false)`)
            || HandedInStopFlags.setByWhoHandsThemIn(
                state.getPath().getCompilationUnit(), stopFlags, codeUnit.getLeaf())
            // or a base class (in a jar) that makes the thread over `this` writes the state the
            // loop tests before every interrupt of that thread (`stopped = true` in shutdown())
            || SelfThreadBases.isOwnStopLoopOfThreadItsClassKeeps(loopPath, state))) {
      // Stoppable, but a worker that polls without blocking still burns a core while idle.
      MethodInvocationTree poll = Polls.idleSpinPoll(loopPath, state);
      return poll == null ? NO_MATCH : describeIdleSpin(loop, poll, state);
    }
    // A loop doing stream or socket I/O is stopped by closing what it reads or writes: an
    // interrupt would not wake it, and the loop ends with the IOException.
    if (CancellationPoints.containsIoCall(loop, state)) {
      return NO_MATCH;
    }
    // The same for a loop blocked in a native call on a handle the class closes (`accept(handle)`
    // in the loop, `close(handle)` in close()): the closed handle ends the call and the loop.
    if (ClosedNativeWaits.blocksOnAHandleTheClassCloses(loopPath, codeUnit.getLeaf())) {
      return NO_MATCH;
    }
    return unbounded
        ? matchTaskLoop(loop, loopPath, state)
        : matchCpuLoop(loop, loopPath, codeUnit, state);
  }

  // ------------------------------------------------------------------ busy-waits and timeouts

  /** True if the loop's own condition reads the clock: it ends at a deadline. */
  private static boolean conditionReadsTheClock(StatementTree loop, VisitorState state) {
    ExpressionTree condition = Loops.condition(loop);
    if (condition == null) {
      return false;
    }
    boolean[] reads = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        reads[0] |= ReadOnlyCalls.CLOCK.matches(call, state);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(condition, null);
    return reads[0];
  }

  private Description matchPollingLoop(
      StatementTree loop, TreePath loopPath, PollingLoop polling, VisitorState state) {
    MethodInvocationTree isDone = polling.isDoneCall();
    if (isDone != null && polling.readsClock()) {
      return describeHandMadeTimeout(loop, isDone, state);
    }
    // A spin on the clock alone is a timed delay: it ends by itself.
    if (polling.readsClock() && !polling.readsShared()) {
      return NO_MATCH;
    }
    // `while (get() == INTERRUPTING) Thread.yield();` where every writer leaves that state a few
    // straight-line statements later: the spin waits out another thread's handshake. The same for
    // `while (subscription == null) Thread.onSpinWait();` once a state was seen that every writer
    // sets right before it stores that field.
    if (polling.pauses().stream().allMatch(p -> p.kind() == PauseKind.SPIN)
        && (HandshakeSpins.isHandshakeSpin(loopPath, state)
            || HandshakeSpins.isPublicationSpin(loopPath, state))) {
      return NO_MATCH;
    }
    // `new Thread(() -> { while (System.currentTimeMillis() < deadline) { .. } }).start();`: a
    // poll that ends at its deadline, in the whole work of a thread nobody holds or interrupts: no
    // interrupt can come, and the loop ends by itself.
    TreePath pollingUnit = Tasks.enclosingCodeUnit(loopPath);
    if (polling.readsClock()
        && conditionReadsTheClock(loop, state)
        && pollingUnit != null
        && UninterruptedThreads.isBodyOfUnreachableThread(pollingUnit, state)) {
      return NO_MATCH;
    }
    LoopReaction reaction = CancellationPoints.reactionOf(loopPath, state, options);
    if (reaction.stops()) {
      return NO_MATCH;
    }
    // `if (now() > start + 2_500) break;` and a catch that records the interrupt for a restore
    // once the wait is over: the poll ends by itself at its deadline and loses no interrupt.
    if (DeadlinePolls.endsAtItsDeadlineKeepingTheInterrupt(loopPath, state, options)) {
      return NO_MATCH;
    }
    // The sleep's catch leaves when the class's stop flag is set, and the class sets it before it
    // interrupts the loop's thread: the loop ends by that protocol.
    if (WakeUps.interruptCatchesTestStopFlagAndLeave(loop, state)) {
      return NO_MATCH;
    }
    String polled = quoteCondition(loop, state);
    PauseKind pause =
        polling.pauses().stream()
            .map(Pause::kind)
            .filter(k -> k != PauseKind.SPIN)
            .findFirst()
            .orElse(PauseKind.SPIN);
    String message =
        switch (pause) {
          case SPIN ->
              "This loop busy-waits"
                  + polled
                  + ": it keeps a CPU core busy and checks no interrupt, so "
                  + CANNOT_STOP
                  + ". Block on the event instead (Future.get, CountDownLatch.await, a"
                  + " BlockingQueue), or test Thread.currentThread().isInterrupted() in the loop.";
          case SLEEP ->
              "This loop polls"
                  + polled
                  + " and swallows the InterruptedException of its sleep: an interrupt only cuts"
                  + " one pause short and the loop goes on, so "
                  + CANNOT_STOP
                  + ". Let the InterruptedException propagate, or restore the flag in the catch"
                  + " and test Thread.currentThread().isInterrupted() in the loop.";
          case PARK ->
              "This loop waits"
                  + polled
                  + " with LockSupport.park, which returns at once while the thread is"
                  + " interrupted: an interrupt turns it into a hot spin that never ends. Test"
                  + " Thread.currentThread().isInterrupted() in the loop.";
        };
    return describe(
        loop, message, InterruptCheckFixes.forWaitLoop(loop, loopPath, reaction, state, options));
  }

  private Description describeFutureSweep(
      StatementTree loop, MethodInvocationTree isDone, VisitorState state) {
    return buildDescription(loop)
        .setMessage(
            "This loop busy-waits on futures: it sweeps over them re-checking "
                + state.getSourceForNode(isDone)
                + " and never blocks, so it keeps a CPU core busy until the slowest one finishes."
                + " Wait in get(timeout, unit) on each future in turn (with what is left of the"
                + " caller's deadline, cancelling the rest when it runs out), or use"
                + " ExecutorService.invokeAll or CompletableFuture.allOf(..).get(timeout, unit).")
        .build();
  }

  private Description describeIdleSpin(
      StatementTree loop, MethodInvocationTree poll, VisitorState state) {
    return buildDescription(loop)
        .setMessage(
            "This worker loop spins while idle: "
                + state.getSourceForNode(poll)
                + " returns at once when there is nothing to do, and nothing else in the loop"
                + " waits, so the thread keeps a CPU core busy between jobs. Block until there is"
                + " work: take() or poll(timeout, unit) on a BlockingQueue, tryLock(timeout, unit),"
                + " get(timeout, unit) on a future.")
        .build();
  }

  private Description describeHandMadeTimeout(
      StatementTree loop, MethodInvocationTree isDone, VisitorState state) {
    ExpressionTree receiver = getReceiver(isDone);
    String future = receiver == null ? "this" : state.getSourceForNode(receiver);
    return buildDescription(loop)
        .setMessage(
            "This loop is a hand-made timeout: it polls "
                + future
                + ".isDone() against the clock, so it wakes up to poll instead of waiting,"
                + " notices completion late, and leaves the task running unless every way out"
                + " cancels it. Use "
                + future
                + ".get(timeout, unit) and call "
                + future
                + ".cancel(true) when it throws TimeoutException.")
        .build();
  }

  // ------------------------------------------------------------------ task loops

  private Description matchTaskLoop(StatementTree loop, TreePath loopPath, VisitorState state) {
    LoopReaction reaction = CancellationPoints.reactionOf(loopPath, state, options);
    if (reaction.stops()) {
      return NO_MATCH;
    }
    // Every round calls a method of another library's type, with no code here, that may throw
    // InterruptedException (it declares Exception) out of the loop: whether the loop has a
    // cancellation point is in its implementations.
    if (reaction.swallowingCatch() == null
        && UnreadThrowingCalls.everyRoundCallsAnUnreadWaitThatLeaves(loopPath, state)) {
      return NO_MATCH;
    }
    ExpressionTree condition = Loops.condition(loop);
    String message;
    if (reaction.swallowingCatch() != null && reaction.swallowedCall() != null) {
      message =
          "This task loop catches the InterruptedException of "
              + callName(reaction.swallowedCall())
              + " (line "
              + Lines.of(reaction.swallowingCatch().getLeaf(), state)
              + ") and goes round again, so "
              + CANNOT_STOP
              + ": the task keeps its thread forever. Leave the loop in that catch (restore the"
              + " flag, then break or return), or restore the flag and test"
              + " Thread.currentThread().isInterrupted() in the loop condition.";
    } else if (condition != null && !Loops.hasNoExitCondition(loop)) {
      message =
          "This task loop stops only when `"
              + state.getSourceForNode(condition)
              + "` turns false: cancel(true) and shutdownNow() interrupt the thread, which the"
              + " loop never checks, so the task keeps running after it was cancelled. Add "
              + CHECK
              + " to the condition.";
    } else {
      message =
          "This task loop has no cancellation point (no call that throws InterruptedException,"
              + " no interrupt check), so "
              + CANNOT_STOP
              + ": the task keeps its thread busy forever. Test"
              + " Thread.currentThread().isInterrupted() in the loop condition, or call something"
              + " that throws InterruptedException.";
    }
    return describe(
        loop, message, InterruptCheckFixes.forTaskLoop(loop, loopPath, reaction, state, options));
  }

  // ------------------------------------------------------------------ CPU loops in tasks

  private Description matchCpuLoop(
      StatementTree loop, TreePath loopPath, TreePath codeUnit, VisitorState state) {
    String message =
        "This loop is the task's main work and runs nested loops over every element with no"
            + " interrupt check, so "
            + CANNOT_STOP
            + " before it has processed them all. Check Thread.currentThread().isInterrupted() at"
            + " the top of each iteration.";
    return describe(
        loop, message, InterruptCheckFixes.firstInBody(loop, loopPath, codeUnit, state));
  }

  // ------------------------------------------------------------------ message helpers

  private Description describe(StatementTree loop, String message, @Nullable SuggestedFix fix) {
    Description.Builder description = buildDescription(loop).setMessage(message);
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  private static String quoteCondition(StatementTree loop, VisitorState state) {
    ExpressionTree condition = Loops.condition(loop);
    if (condition == null || Loops.isConstantTrue(condition)) {
      return "";
    }
    String source = state.getSourceForNode(condition);
    if (source == null) {
      return "";
    }
    source = source.replaceAll("\\s+", " ");
    if (source.length() > MAX_QUOTED_CONDITION) {
      source = source.substring(0, MAX_QUOTED_CONDITION - 3) + "...";
    }
    return " on `" + source + "`";
  }

  private static String callName(MethodInvocationTree call) {
    Symbol symbol = getSymbol(call);
    return symbol == null ? "a blocking call" : symbol.getSimpleName() + "()";
  }
}
