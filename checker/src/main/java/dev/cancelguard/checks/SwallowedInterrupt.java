package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.TryTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.interrupts.DocumentedClears;
import dev.cancelguard.analysis.interrupts.InterruptPaths.Leak;
import dev.cancelguard.analysis.interrupts.InterruptRecords;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.interrupts.RestoringThrowers;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.tasks.CallerContinuations;
import dev.cancelguard.analysis.tasks.FlagTestsAfterCatches;
import dev.cancelguard.analysis.tasks.InterruptFixes;
import dev.cancelguard.analysis.tasks.LostInterrupts;
import dev.cancelguard.analysis.tasks.LostInterrupts.InterruptedBranch;
import dev.cancelguard.analysis.tasks.ProgramThreads;
import dev.cancelguard.analysis.tasks.RestorePlacement;
import dev.cancelguard.analysis.tasks.RunnerFunctions;
import dev.cancelguard.analysis.tasks.SelfThreadBases;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.tasks.WakeUpLoopHelpers;
import dev.cancelguard.analysis.tasks.WakeUps;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * An interrupt that is caught (or cleared by {@code Thread.interrupted()}) and then neither
 * rethrown nor restored on some path out.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "InterruptedException is caught, or the flag cleared, and the interrupt is neither"
            + " rethrown nor restored on every path",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "SwallowedInterrupt.md")
public final class SwallowedInterrupt extends CancelGuardChecker
    implements TryTreeMatcher, MethodInvocationTreeMatcher {
  private static final String CONSEQUENCE =
      " Whoever interrupted this thread (cancel(true), shutdownNow(), interrupt()) never learns it:"
          + " the thread carries on as if nobody had asked it to stop.";

  private static final String DOCUMENTED_CLEAR =
      " No fix is offered: the code's own comments say it clears the interrupt on purpose, so"
          + " something relies on the flag staying clear (a status its callers read, a channel the"
          + " flag would close); restore it only once that no longer holds.";

  private final CancelGuardOptions options;

  /** The constructor Error Prone uses when no flags are in play. */
  public SwallowedInterrupt() {
    this(CancelGuardOptions.defaults());
  }

  @Inject
  SwallowedInterrupt(ErrorProneFlags flags) {
    this(CancelGuardOptions.fromFlags(flags));
  }

  private SwallowedInterrupt(CancelGuardOptions options) {
    this.options = options;
  }

  @Override
  public Description matchTry(TryTree tree, VisitorState state) {
    if (tree.getCatches().isEmpty()) {
      return NO_MATCH;
    }
    for (CatchTree catchTree : tree.getCatches()) {
      Description description = matchCatch(tree, catchTree, state);
      if (description != NO_MATCH) {
        state.reportMatch(description);
      }
    }
    return NO_MATCH;
  }

  private Description matchCatch(TryTree tryTree, CatchTree catchTree, VisitorState state) {
    // Cheap test first: most catches can't receive an InterruptedException at all.
    if (!Interrupts.receivesInterruptedException(tryTree, catchTree, state)) {
      return NO_MATCH;
    }
    // @SuppressWarnings on the catch parameter itself.
    if (isSuppressed(catchTree.getParameter(), state)) {
      return NO_MATCH;
    }
    // A thread pool's worker machinery owns its threads' interruption policy.
    if (Tasks.isExecutorInternals(state.getPath(), state)) {
      return NO_MATCH;
    }
    // `if (f.isDone()) { f.get(); }`, or a same-file callee that declares InterruptedException
    // but never throws it: the catch cannot receive an interrupt.
    if (Interrupts.noInterruptReachesTheCatches(state.getPath(), state)) {
      return NO_MATCH;
    }
    // Every interrupt the try can throw comes from a same-file helper that restores the flag right
    // before it throws: the catch starts with the flag already set.
    if (RestoringThrowers.everyInterruptArrivesWithTheFlagSet(state.getPath(), catchTree, state)) {
      return NO_MATCH;
    }
    TreePath catchPath = new TreePath(state.getPath(), catchTree);
    TreePath codeUnit = Tasks.enclosingCodeUnit(catchPath);
    // The question: which ways out lose the interrupt (leaving a thread's whole work, or passing
    // through a finally that restores, does not).
    ImmutableList<Leak> leaks = LostInterrupts.ofCatch(catchPath, codeUnit, state, options);
    if (leaks.isEmpty()) {
      return NO_MATCH;
    }
    // The interrupt handed back as a lambda's result, which the code that ran the lambda rethrows:
    // `boolean interrupted = withLock(() -> { .. catch (InterruptedException e) { return true; }
    // .. }); if (interrupted) throw new InterruptedException();`.
    if (codeUnit != null && InterruptRecords.returnedToCodeThatRethrows(leaks, codeUnit, state)) {
      return NO_MATCH;
    }
    // An event loop's or executor's own worker code: the class owns its thread's interruption
    // policy. Asked after the path question, which most catches answer with no leak: this one
    // looks for every caller in the file.
    if (LostInterrupts.ownsInterruptionPolicy(catchPath, codeUnit, state, options)) {
      return NO_MATCH;
    }
    // A catch of a program's main(), which never hands its thread out: nobody can interrupt it.
    if (LostInterrupts.isMainNobodyCanInterrupt(codeUnit, state)) {
      return NO_MATCH;
    }
    // ... or code only such a main reaches, or a shutdown hook's body: no interrupt is ever sent.
    if (codeUnit != null && ProgramThreads.runsOnlyOnMainOrAShutdownHook(codeUnit, state)) {
      return NO_MATCH;
    }
    // `throw new AssertionError(e)`: the code says the interrupt cannot happen, and if it does the
    // thread dies of it rather than carrying on.
    if (LostInterrupts.allThrowErrors(leaks, state)) {
      return NO_MATCH;
    }
    // The interrupt is this file's own doorbell: it set the loop's stop flag, then interrupted
    // the thread to wake it; the catch goes straight back to the flag test.
    if (LostInterrupts.allGoOn(leaks)
        && WakeUps.isWakeUpOfStopFlagLoop(
            catchPath.getParentPath(),
            LostInterrupts.allContinueTheLoop(leaks),
            codeUnit,
            state,
            options)) {
      return NO_MATCH;
    }
    // The loop of the whole work of a thread its class (or a superclass in another file or a jar)
    // makes over `this` and keeps to itself, or the class around it makes from it and keeps: the
    // catch goes straight back to the test of that object's own stop state.
    if (LostInterrupts.allGoOn(leaks)
        && SelfThreadBases.isStopLoopOfThreadItsClassKeeps(
            catchPath.getParentPath(),
            LostInterrupts.allContinueTheLoop(leaks),
            codeUnit,
            state,
            options)) {
      return NO_MATCH;
    }
    // A method only such loops call, which hands the thread straight back to the loop's test (or a
    // catch at the end of such a thread's work, which then ends).
    if (LostInterrupts.allFallThroughOrReturn(leaks)
        && SelfThreadBases.isReachedOnlyFromStopLoopsOfThreadsTheirClassesKeep(
            catchPath.getParentPath(), LostInterrupts.someGoOn(leaks), codeUnit, state, options)) {
      return NO_MATCH;
    }
    // A method only the rounds of this file's stop-flag doorbell loops call (`while
    // (!shutdown.get()) { sendMessage(); }`), which the catch ends: the round goes straight back to
    // the loop's test, as a catch in the loop itself would.
    if (LostInterrupts.allFallThroughOrReturn(leaks)
        && WakeUpLoopHelpers.isReachedOnlyFromRoundsOfStopFlagLoops(
            catchPath.getParentPath(), LostInterrupts.someGoOn(leaks), codeUnit, state, options)) {
      return NO_MATCH;
    }
    // ... or the catch itself tests the stop flag and leaves when it is set.
    if (WakeUps.testsStopFlagAndLeaves(catchTree, codeUnit, state)) {
      return NO_MATCH;
    }
    // ... or the statement the catch falls into does: `if (!running) continue mainLoop;`.
    if (LostInterrupts.allFallThrough(leaks)
        && FlagTestsAfterCatches.fallsIntoAStopFlagTestThatLeaves(
            catchPath.getParentPath(), codeUnit, state)) {
      return NO_MATCH;
    }
    // The work a runner of this compilation calls in its stop-flag loop (`while (state == RUNNING)
    // function.run();`, stopped by setting the state and interrupting): a catch that ends the work
    // hands the thread back to the runner's test of the flag.
    if (RunnerFunctions.leaksEndTheWorkOfAStopFlagRunner(
        leaks, catchPath, codeUnit, state, options)) {
      return NO_MATCH;
    }
    // `Thread.interrupted()` written where `Thread.currentThread().interrupt()` was meant: that
    // call is reported on its own, with the fix.
    if (LostInterrupts.containsBareInterrupted(catchTree.getBlock(), state)) {
      return NO_MATCH;
    }
    // A test that expects the interrupt: `catch (InterruptedException expected)`, or a try block
    // ending in fail(..).
    MethodTree method = codeUnit != null && codeUnit.getLeaf() instanceof MethodTree m ? m : null;
    if (LostInterrupts.isExpectedInTest(tryTree, catchTree, method)) {
      return NO_MATCH;
    }
    boolean byName = Interrupts.catchesInterruptedExceptionByName(catchTree, state);
    String received =
        byName
            ? "This catch receives InterruptedException and "
            : "This catch receives InterruptedException (thrown in the try block) through "
                + state.getSourceForNode(catchTree.getParameter().getType())
                + " and ";
    InterruptFixes.CatchFixes fixes =
        InterruptFixes.forCatch(catchPath, codeUnit, leaks, state, options);
    Symbol caught = getSymbol(catchTree.getParameter());
    // The code's own comments say it clears the interrupt on purpose: what relies on that is not
    // seen here, so no fix changes it.
    boolean documented = DocumentedClears.saysTheClearIsDeliberate(catchPath, catchTree, state);
    Description.Builder description =
        buildDescription(catchTree)
            .setMessage(
                received
                    + describe(leaks.getFirst(), state)
                    + recordNote(catchTree.getBlock(), caught)
                    + "."
                    + CONSEQUENCE
                    + advice(fixes.placement(), catchPath, state)
                    + (documented ? DOCUMENTED_CLEAR : ""));
    if (!documented) {
      fixes.fixes().forEach(description::addFix);
    }
    return description.build();
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!Expressions.isResolved(tree) || !ThreadCalls.INTERRUPTED.matches(tree, state)) {
      return NO_MATCH;
    }
    TreePath parentPath = state.getPath().getParentPath();
    while (parentPath.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
      parentPath = parentPath.getParentPath();
    }
    if (parentPath.getLeaf() instanceof ExpressionStatementTree statement) {
      CatchTree enclosingCatch = ASTHelpers.findEnclosingNode(state.getPath(), CatchTree.class);
      boolean inInterruptCatch =
          enclosingCatch != null
              && Interrupts.catchesInterruptedExceptionByName(enclosingCatch, state);
      // `Thread.interrupted(); throw new InterruptedException();`: the interrupt is passed on as
      // the exception.
      if (LostInterrupts.passedOnAsTheExceptionNext(parentPath, state)) {
        return NO_MATCH;
      }
      // A class that clears the flag here and restores it in another method masks it on purpose
      // (clear, do blocking cleanup, restore).
      if (!inInterruptCatch
          && (LostInterrupts.classRestoresElsewhere(state.getPath(), state, options)
              || Tasks.isExecutorInternals(state.getPath(), state))) {
        return NO_MATCH;
      }
      // `if (deadline == 0) Thread.interrupted();` where the class's own alarm set `deadline = 0`
      // as it interrupted this thread: the class takes back its own interrupt.
      if (!inInterruptCatch && WakeUps.clearsItsOwnInterrupt(parentPath, state)) {
        return NO_MATCH;
      }
      // `boolean wasInterrupted = Thread.currentThread().isInterrupted(); pool.shutdownNow(); if
      // (!wasInterrupted) Thread.interrupted();`: the method takes back the interrupt it may have
      // sent its own thread, and leaves one that was there before.
      if (!inInterruptCatch && WakeUps.clearsOnlyWhatItCaused(parentPath, state)) {
        return NO_MATCH;
      }
      // `runner = Thread.currentThread(); .. runner = null; .. Thread.interrupted();` in a task
      // wrapper whose cancel interrupts `runner`: the interrupt it clears is its own, aimed at the
      // task it has finished, and would otherwise leak into the pooled thread's next task.
      if (!inInterruptCatch && WakeUps.clearsTheInterruptItAimedAtItsRunner(parentPath, state)) {
        return NO_MATCH;
      }
      // The thread's whole work ends right after: the flag it clears is read by nobody.
      if (LostInterrupts.clearsAsItsThreadEnds(
          parentPath, Tasks.enclosingCodeUnit(state.getPath()), state, options)) {
        return NO_MATCH;
      }
      // On a main thread or a shutdown hook's thread nothing interrupts: there is no flag to lose.
      TreePath clearingUnit = Tasks.enclosingCodeUnit(state.getPath());
      if (clearingUnit != null
          && ProgramThreads.runsOnlyOnMainOrAShutdownHook(clearingUnit, state)) {
        return NO_MATCH;
      }
      return describeBareInterrupted(tree, statement, inInterruptCatch, state);
    }
    // The branch taken when Thread.interrupted() returned true.
    InterruptedBranch branch = LostInterrupts.branchWhenInterrupted(state.getPath());
    if (branch == null) {
      return NO_MATCH;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    if (LostInterrupts.ownsInterruptionPolicy(state.getPath(), codeUnit, state, options)) {
      return NO_MATCH;
    }
    if (codeUnit != null && ProgramThreads.runsOnlyOnMainOrAShutdownHook(codeUnit, state)) {
      return NO_MATCH;
    }
    ImmutableList<Leak> leaks = LostInterrupts.ofBranch(branch, codeUnit, state, options);
    if (leaks.isEmpty()) {
      return NO_MATCH;
    }
    // `if (Thread.interrupted()) { result.completeWithError(new InterruptedException()); return;
    // }`:
    // the interrupt is handed on as the failure the caller gets.
    if (LostInterrupts.handsOnANewInterruptedException(branch, leaks, state)) {
      return NO_MATCH;
    }
    Description.Builder description = buildDescription(tree);
    boolean documented =
        DocumentedClears.saysTheClearIsDeliberate(
            state.getPath(), branch.ifPath().getLeaf(), state);
    SuggestedFix fix =
        documented ? null : InterruptFixes.forInterruptedBranch(tree, branch, codeUnit, state);
    if (fix != null) {
      description.addFix(fix);
    }
    return description
        .setMessage(
            "Thread.interrupted() clears the interrupt flag; when it returns true this branch "
                + describe(leaks.getFirst(), state)
                + recordNote(branch.branch(), null)
                + "."
                + CONSEQUENCE
                + " Throw InterruptedException, or call Thread.currentThread().interrupt() before"
                + " leaving; to test the flag without clearing it, use"
                + " Thread.currentThread().isInterrupted()."
                + (documented ? DOCUMENTED_CLEAR : ""))
        .build();
  }

  /**
   * For a block that records the interrupt ({@code interrupted = true}) without every later path
   * turning the record into a restore: says so.
   */
  private static String recordNote(Tree block, @Nullable Symbol caught) {
    InterruptRecords.Record record =
        InterruptRecords.firstRecordIn(
            block, value -> caught != null && caught.equals(getSymbol(stripParentheses(value))));
    return record == null
        ? ""
        : " (it records the interrupt in "
            + record.variable().getSimpleName()
            + ", but some path out of the method afterwards neither restores the flag nor"
            + " rethrows)";
  }

  private Description describeBareInterrupted(
      MethodInvocationTree tree,
      ExpressionStatementTree statement,
      boolean inInterruptCatch,
      VisitorState state) {
    boolean documented =
        DocumentedClears.saysTheClearIsDeliberate(state.getPath(), statement, state);
    Description.Builder description =
        buildDescription(tree)
            .setMessage(
                "Thread.interrupted() clears the interrupt flag and its result is dropped here."
                    + CONSEQUENCE
                    + " To restore the flag call Thread.currentThread().interrupt(); to stop on"
                    + " interrupt write `if (Thread.interrupted()) throw new"
                    + " InterruptedException();`."
                    + (documented ? DOCUMENTED_CLEAR : ""));
    // In a catch of InterruptedException the intent was to restore the flag.
    SuggestedFix fix =
        documented
            ? null
            : InterruptFixes.forBareInterrupted(
                statement, inInterruptCatch, state.getPath(), state, options);
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  private static String describe(Leak leak, VisitorState state) {
    String where = " (line " + Lines.of(leak.tree(), state) + ")";
    return switch (leak.kind()) {
      case FALLS_THROUGH -> "swallows it: the block ends without restoring the interrupt flag";
      case RETURNS -> "returns" + where + " without restoring the interrupt flag";
      case BREAKS -> "breaks out" + where + " without restoring the interrupt flag";
      case CONTINUES -> "continues the loop" + where + " without restoring the interrupt flag";
      case WRAPS ->
          "throws "
              + (leak.thrownType() == null ? "another exception" : simpleName(leak.thrownType()))
              + where
              + " without restoring the interrupt flag first";
    };
  }

  /** Why a caller in this compilation makes a restore here wrong, and what to do instead. */
  private static String callerAdvice(RestorePlacement.Placement placement, VisitorState state) {
    CallerContinuations.Failing caller = placement.caller();
    if (caller == null) {
      return "";
    }
    Symbol called = getSymbol(caller.callerCall().getLeaf());
    String call =
        "the call of "
            + (called == null ? "it" : called.getSimpleName() + "(..)")
            + " at "
            + Lines.where(caller.callerCall(), state);
    String instead =
        " Let the caller know of the interrupt (return it, or rethrow the exception) and decide"
            + " there what it means.";
    return switch (caller.why()) {
      case CALLS_AGAIN_IN_A_LOOP ->
          " Restoring the flag here would make the thread spin: its caller runs this again in a"
              + " loop that never tests the flag nor ends on an interrupt ("
              + call
              + "), and with the flag set every next wait here would fail at once."
              + instead;
      case CLEANUP_IN_FINALLY ->
          " Restoring the flag here would cut a caller's cleanup short: once this code returns,"
              + " its caller's finally block goes on to a blocking call ("
              + placement.blockingCallWhere()
              + ") that would throw at once ("
              + call
              + ")."
              + instead;
      case CLEANUP_IN_CATCH ->
          " Restoring the flag here would cut a caller's cleanup short: the exception this code"
              + " throws reaches a caller's catch that goes on to a blocking call ("
              + placement.blockingCallWhere()
              + ") that would throw at once ("
              + call
              + ")."
              + instead;
      case RESOURCE_CLOSE ->
          " Restoring the flag here would cut a caller's cleanup short: once this code returns or"
              + " throws, its caller's try-with-resources closes a resource whose close() may wait ("
              + placement.blockingCallWhere()
              + ") and would throw at once ("
              + call
              + ")."
              + instead;
      case GOES_ON_TO_BLOCK ->
          " Restoring the flag here would cut a caller's work short: once this code returns, its"
              + " caller goes on to a blocking call ("
              + placement.blockingCallWhere()
              + ") that would fail at once with the flag set ("
              + call
              + ")."
              + instead;
    };
  }

  private static String simpleName(Type type) {
    return type.tsym.getSimpleName().toString();
  }

  /**
   * What to do, for the placement: restore at once, or (where that would make a wait in the loop or
   * in a finally throw at once) record and restore later, or leave the loop.
   */
  private static String advice(
      RestorePlacement.Placement placement, TreePath catchPath, VisitorState state) {
    Tree blocking = placement.blockingCall();
    return switch (placement.shape()) {
      case RESTORE ->
          " Call Thread.currentThread().interrupt() before leaving the catch, or rethrow the"
              + " exception.";
      case RECORD_AND_RESTORE_AFTER, LEAVE_THE_LOOP ->
          " Restoring the flag at the top of this catch would make the next blocking call of the"
              + " loop (line "
              + Lines.of(blocking, state)
              + ") throw at once and the loop spin: record the interrupt in a local flag and"
              + " restore it once the loop is over, leave the loop, or rethrow the exception.";
      case NONE_RETURNS_INTO_FLAG_BLIND_LOOP ->
          " Restoring the flag here would not help: this method returns into a thread's loop"
              + " ("
              + placement.blockingCallWhere()
              + ") that never tests the flag nor ends on an interrupt, so the flag would stay set"
              + " and every wait of that loop would fail or return at once. Decide what an"
              + " interrupt means for that thread: end its loop on it, or let it carry no meaning"
              + " there.";
      case NONE_CALLER_GOES_ON_TO_BLOCK -> callerAdvice(placement, state);
      case NONE_RETURNS_INTO_A_LIBRARY_STOP ->
          " Restoring the flag here would hand it to the stop of another library: "
              + (blocking == null
                  ? "this method is the step " + placement.blockingCallWhere()
                  : "this method is called (line "
                      + Lines.of(blocking, state)
                      + ") by the step "
                      + placement.blockingCallWhere())
              + " that a base class's stop runs, and what stops the component there goes on, with"
              + " the flag set, to the stops of other components, whose waits would fail at once."
              + " Record the interrupt and let the code that stops the component restore it once"
              + " every stop is done, or let the stop fail with the exception.";
      case NONE_UNBOUNDED_WAIT ->
          " Restoring the flag at the top of this catch would make the next blocking call of the"
              + " loop (line "
              + Lines.of(blocking, state)
              + ") throw at once and the loop spin; recording the interrupt and restoring it after"
              + " the loop would keep the interrupted caller waiting, since the loop has no deadline"
              + " of its own and ends only when another thread changes what it polls. Leave the"
              + " loop on the interrupt (with the method's failure exception, or rethrow it).";
      case NONE_TASK_LOOP_GOES_ON ->
          " Restoring the flag at the top of this catch would make the next blocking call of the"
              + " loop (line "
              + Lines.of(blocking, state)
              + ") throw at once and the loop spin; recording the interrupt and restoring it after"
              + " the loop would not stop this task either: the loop is its whole work and goes on"
              + " working and waiting until its own stop state ends it, so shutdownNow() or"
              + " cancel(true) of what runs it would be ignored until then. Decide what an"
              + " interrupt means for this task: end its work on it (set its stop state, or leave"
              + " the loop so that what follows still runs), or rethrow it.";
      case NONE_WALK_GOES_ON_WORKING ->
          " Restoring the flag at the top of this catch would make every remaining item's blocking"
              + " call (line "
              + Lines.of(blocking, state)
              + ") fail at once into this catch, which takes it for that item's failure; recording"
              + " the interrupt and restoring it after the loop would keep the interrupted thread"
              + " doing every remaining item's blocking work. Decide what an interrupt means for"
              + " this walk: leave it (releasing what it holds) or rethrow the exception.";
      case NONE_POLL_FAILS_ON_ITS_OWN ->
          " Restoring the flag at the top of this catch would make the next blocking call of the"
              + " loop (line "
              + Lines.of(blocking, state)
              + ") throw at once and the loop spin; recording the interrupt and restoring it after"
              + " the loop would keep the interrupted caller polling until the loop's own bound"
              + " fails it ("
              + placement.blockingCallWhere()
              + "). Leave the loop on the interrupt with that failure, restoring the flag first, or"
              + " rethrow the exception.";
      case NONE_CATCH_LEAVES_ON_ITS_COUNT ->
          " Restoring the flag at the top of this catch would make the next blocking call of the"
              + " loop (line "
              + Lines.of(blocking, state)
              + ") throw at once and the loop spin; recording the interrupt and restoring it after"
              + " the loop would keep the interrupted caller going round until this catch's own"
              + " count lets it leave ("
              + placement.blockingCallWhere()
              + "). Leave by that way out at the first interrupt (restoring the flag first unless"
              + " it rethrows the exception), or rethrow the exception.";
      case NONE_RETRIES_WITHOUT_END ->
          " Restoring the flag at the top of this catch would make the pause of the loop (line "
              + Lines.of(blocking, state)
              + ") throw at once and the retries spin; recording the interrupt and restoring it"
              + " after the loop would keep the interrupted caller retrying for as long as its"
              + " attempts fail, since the loop has no other end. Decide what an interrupt means"
              + " here: give up the retries with a failure the callers can take (restoring the flag"
              + " first), or rethrow the exception.";
      case NONE ->
          placement.loop() != null
              ? " Restoring the flag at the top of this catch would make the next blocking call of"
                  + " the loop (line "
                  + Lines.of(blocking, state)
                  + ") throw at once and the loop spin: record the interrupt in a local flag and"
                  + " restore it once the loop is over, or rethrow the exception."
              : blocking instanceof VariableTree
                  ? " Restoring the flag at the top of this catch would make the close() of the"
                      + " try-with-resources resource (line "
                      + Lines.of(blocking, state)
                      + ") throw at once and be cut short: restore the flag once it is closed, or"
                      + " rethrow the exception."
                  : LostInterrupts.inEnclosingFinally(blocking, catchPath, state)
                      ? " Restoring the flag at the top of this catch would make the blocking cleanup"
                          + " in the finally block (line "
                          + Lines.of(blocking, state)
                          + ") throw at once and be skipped: restore the flag once that cleanup is"
                          + " done, or rethrow the exception."
                      : " Restoring the flag at the top of this catch would make the blocking call"
                          + " that follows it (line "
                          + Lines.of(blocking, state)
                          + ") throw at once and be cut short: record the interrupt in a local flag"
                          + " and restore it once that call is done, or rethrow the exception.";
    };
  }
}
