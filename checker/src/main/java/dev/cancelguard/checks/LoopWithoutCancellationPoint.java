package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

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
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.interrupts.CancellationPoints.LoopReaction;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.interrupts.Polls;
import dev.cancelguard.analysis.interrupts.Polls.Pause;
import dev.cancelguard.analysis.interrupts.Polls.PauseKind;
import dev.cancelguard.analysis.interrupts.Polls.PollingLoop;
import dev.cancelguard.analysis.tasks.RestorePlacement;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.SameFile;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.HashSet;
import java.util.Set;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
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

  /** Collections whose size is fixed in the source: {@code List.of(a, b)}, {@code E.values()}. */
  private static final Set<String> FIXED_SIZE_FACTORIES = Set.of("of", "asList", "allOf", "range");

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
    Set<Symbol> stopFlags = unboundedStopFlags(loop, loopPath);
    boolean unbounded = stopFlags != null;
    if (!unbounded && !isMainCpuLoop(loop, loopPath, codeUnit, state)) {
      return NO_MATCH;
    }
    // A class that runs its own loop and has a stop method clearing the flag has a stop protocol
    // of its own. Code handed to an executor is stopped the executor's way: by an interrupt.
    if (unbounded
        && !stopFlags.isEmpty()
        && !Tasks.isSubmittedToExecutor(codeUnit, state)
        && SameFile.writesAny(
            state.getPath().getCompilationUnit(), stopFlags, codeUnit.getLeaf())) {
      // Stoppable, but a worker that polls without blocking still burns a core while idle.
      MethodInvocationTree poll = Polls.idleSpinPoll(loopPath, state);
      return poll == null ? NO_MATCH : describeIdleSpin(loop, poll, state);
    }
    // A loop doing stream or socket I/O is stopped by closing what it reads or writes: an
    // interrupt would not wake it, and the loop ends with the IOException.
    if (CancellationPoints.containsIoCall(loop, state)) {
      return NO_MATCH;
    }
    return unbounded
        ? matchTaskLoop(loop, loopPath, state)
        : matchCpuLoop(loop, loopPath, codeUnit, state);
  }

  // ------------------------------------------------------------------ busy-waits and timeouts

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
    LoopReaction reaction = CancellationPoints.reactionOf(loopPath, state, options);
    if (reaction.stops()) {
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
    Description.Builder description = buildDescription(loop).setMessage(message);
    SuggestedFix fix = interruptCheckFix(loop, loopPath, reaction, state, options);
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
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

  /**
   * The stop flags of a loop its own code cannot end — no condition ({@code while (true)}, {@code
   * for (;;)}) or a stop flag the loop never writes, and no break or return other than in a catch
   * block or behind a stop flag — or null if the loop can end by itself. The set is empty for a
   * loop with no flag at all.
   */
  private static @Nullable Set<Symbol> unboundedStopFlags(StatementTree loop, TreePath loopPath) {
    if (loop instanceof EnhancedForLoopTree) {
      return null; // it ends with its collection
    }
    Set<Symbol> written = Loops.writtenVariables(loopPath);
    Set<Symbol> flags = new HashSet<>();
    if (!Loops.hasNoExitCondition(loop) && !isStopFlag(Loops.condition(loop), written, flags)) {
      return null;
    }
    for (TreePath exit : Loops.exits(loopPath)) {
      if (!onlyBehindStopFlags(exit, loopPath, written, flags)) {
        return null;
      }
    }
    return flags;
  }

  /**
   * A condition made of boolean variables the loop does not write (and {@code get()} of such an
   * AtomicBoolean), combined with {@code !}, {@code &&} and {@code ||}: only another thread can
   * change it. The variables go into {@code flags}.
   */
  private static boolean isStopFlag(
      @Nullable ExpressionTree tree, Set<Symbol> written, Set<Symbol> flags) {
    if (tree == null) {
      return false;
    }
    ExpressionTree expression = stripParentheses(tree);
    return switch (expression) {
      case UnaryTree not when not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT ->
          isStopFlag(not.getExpression(), written, flags);
      case BinaryTree binary
          when binary.getKind() == Tree.Kind.CONDITIONAL_AND
              || binary.getKind() == Tree.Kind.CONDITIONAL_OR ->
          isStopFlag(binary.getLeftOperand(), written, flags)
              && isStopFlag(binary.getRightOperand(), written, flags);
      case IdentifierTree identifier -> isUnwrittenBoolean(getSymbol(identifier), written, flags);
      case MemberSelectTree select -> isUnwrittenBoolean(getSymbol(select), written, flags);
      case MethodInvocationTree call -> isAtomicBooleanGet(call, written, flags);
      default -> false;
    };
  }

  private static boolean isUnwrittenBoolean(
      @Nullable Symbol symbol, Set<Symbol> written, Set<Symbol> flags) {
    if (!(symbol instanceof VarSymbol variable) || written.contains(variable)) {
      return false;
    }
    Type type = variable.type;
    boolean isBoolean =
        type.getTag() == TypeTag.BOOLEAN
            || type.tsym.getQualifiedName().contentEquals("java.lang.Boolean");
    if (isBoolean) {
      flags.add(variable);
    }
    return isBoolean;
  }

  private static boolean isAtomicBooleanGet(
      MethodInvocationTree call, Set<Symbol> written, Set<Symbol> flags) {
    Symbol method = getSymbol(call);
    ExpressionTree receiver = getReceiver(call);
    if (method == null
        || !method.getSimpleName().contentEquals("get")
        || !call.getArguments().isEmpty()
        || receiver == null) {
      return false;
    }
    Type type = getType(receiver);
    Symbol flag = getSymbol(stripParentheses(receiver));
    boolean isFlag =
        type != null
            && type.tsym
                .getQualifiedName()
                .contentEquals("java.util.concurrent.atomic.AtomicBoolean")
            && flag instanceof VarSymbol
            && !written.contains(flag);
    if (isFlag) {
      flags.add(flag);
    }
    return isFlag;
  }

  /** True if the exit is reached only through {@code if}s testing a stop flag. */
  private static boolean onlyBehindStopFlags(
      TreePath exit, TreePath loopPath, Set<Symbol> written, Set<Symbol> flags) {
    boolean behindFlag = false;
    Tree child = exit.getLeaf();
    for (TreePath p = exit.getParentPath();
        p != null && p.getLeaf() != loopPath.getLeaf();
        p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof IfTree ifTree && child != ifTree.getCondition()) {
        if (!isStopFlag(ifTree.getCondition(), written, flags)) {
          return false;
        }
        behindFlag = true;
      } else if (!(leaf instanceof BlockTree
          || leaf instanceof LabeledStatementTree
          || leaf instanceof SynchronizedTree
          || (leaf instanceof TryTree tryTree && child == tryTree.getBlock()))) {
        return false; // behind a real condition: a switch, a nested loop, ...
      }
      child = leaf;
    }
    return behindFlag;
  }

  private Description matchTaskLoop(StatementTree loop, TreePath loopPath, VisitorState state) {
    LoopReaction reaction = CancellationPoints.reactionOf(loopPath, state, options);
    if (reaction.stops()) {
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
    Description.Builder description = buildDescription(loop).setMessage(message);
    SuggestedFix fix = interruptCheckFix(loop, loopPath, reaction, state, options);
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  // ------------------------------------------------------------------ CPU loops in tasks

  /**
   * The task's main work: the outermost for or for-each loop of a task (not ForkJoinTask.compute,
   * which splits its work until each piece is small), over data whose size is not fixed in the
   * source, with nested loops inside, and no cancellation point anywhere in it.
   */
  private boolean isMainCpuLoop(
      StatementTree loop, TreePath loopPath, TreePath codeUnit, VisitorState state) {
    if (codeUnit.getLeaf() instanceof MethodTree method
        && method.getName().contentEquals("compute")) {
      return false;
    }
    boolean sizedByData =
        switch (loop) {
          case ForLoopTree forLoop ->
              forLoop.getCondition() != null && !hasConstantBound(forLoop.getCondition());
          case EnhancedForLoopTree forEach -> !isFixedSize(forEach.getExpression(), state);
          default -> false;
        };
    if (!sizedByData) {
      return false;
    }
    // Only the outermost loop is reported, and only when it does nested work per element.
    if (Loops.enclosingLoop(loopPath, codeUnit) != null || !Loops.containsLoop(Loops.body(loop))) {
      return false;
    }
    return !CancellationPoints.containsCancellationPoint(loop, state, options);
  }

  /** {@code i < 8}: a compile-time constant on either side of the comparison. */
  private static boolean hasConstantBound(ExpressionTree condition) {
    ExpressionTree expression = stripParentheses(condition);
    if (Loops.isConstantTrue(expression)) {
      return true;
    }
    return expression instanceof BinaryTree binary
        && (constValue(binary.getLeftOperand()) != null
            || constValue(binary.getRightOperand()) != null);
  }

  /** An array literal, {@code List.of(..)}, {@code E.values()}, or a static final field. */
  private static boolean isFixedSize(ExpressionTree tree, VisitorState state) {
    ExpressionTree expression = stripParentheses(tree);
    if (expression instanceof NewArrayTree array) {
      return array.getInitializers() != null;
    }
    if (expression instanceof MethodInvocationTree call
        && getSymbol(call) instanceof MethodSymbol method
        && method.isStatic()) {
      String name = method.getSimpleName().toString();
      if (name.equals("values") && call.getArguments().isEmpty()) {
        return method.owner.getKind() == ElementKind.ENUM;
      }
      if (!FIXED_SIZE_FACTORIES.contains(name) || call.getArguments().isEmpty()) {
        return false;
      }
      // Arrays.asList(array) and List.of(array) are as long as the array.
      if (call.getArguments().size() == 1) {
        Type argument = getType(call.getArguments().getFirst());
        return argument == null || argument.getTag() != TypeTag.ARRAY;
      }
      return true;
    }
    Symbol symbol = getSymbol(expression);
    return symbol instanceof VarSymbol field
        && field.getKind() == ElementKind.FIELD
        && field.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL));
  }

  private Description matchCpuLoop(
      StatementTree loop, TreePath loopPath, TreePath codeUnit, VisitorState state) {
    String message =
        "This loop is the task's main work and runs nested loops over every element with no"
            + " interrupt check, so "
            + CANNOT_STOP
            + " before it has processed them all. Check Thread.currentThread().isInterrupted() at"
            + " the top of each iteration.";
    Description.Builder description = buildDescription(loop).setMessage(message);
    SuggestedFix fix = insertCheckFix(loop, loopPath, codeUnit, state);
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  // ------------------------------------------------------------------ fixes

  /**
   * Adds {@code !Thread.currentThread().isInterrupted()} to the loop condition, or, where that
   * would not compile (a non-void method whose end the loop used to make unreachable, a {@code for}
   * with an initializer and no condition), an interrupt check as the body's first statement. A
   * catch inside the loop that swallows the interrupt first restores it.
   */
  private static @Nullable SuggestedFix interruptCheckFix(
      StatementTree loop,
      TreePath loopPath,
      LoopReaction reaction,
      VisitorState state,
      CancelGuardOptions options) {
    TreePath codeUnit = Tasks.enclosingCodeUnit(loopPath);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    SuggestedFix check = conditionFix(loop, codeUnit, state);
    if (check == null && codeUnit != null) {
      check = insertCheckFix(loop, loopPath, codeUnit, state);
    }
    if (check == null) {
      return null;
    }
    fix.merge(check);
    if (reaction.swallowingCatch() != null) {
      // The same edit SwallowedInterrupt makes in this catch: applied once when both are.
      SuggestedFix restore =
          RestorePlacement.restoreInCatch(
              (CatchTree) reaction.swallowingCatch().getLeaf(), false, state, options);
      if (restore == null) {
        return null;
      }
      fix.merge(restore);
    }
    return fix.build();
  }

  private static @Nullable SuggestedFix conditionFix(
      StatementTree loop, @Nullable TreePath codeUnit, VisitorState state) {
    boolean changesReachability = !Reachability.canCompleteNormally(loop);
    if (changesReachability && (codeUnit == null || !returnsVoid(codeUnit, state))) {
      return null; // the code after the loop would need a return value it does not have
    }
    ExpressionTree condition = Loops.condition(loop);
    if (condition == null) {
      if (loop instanceof ForLoopTree forLoop
          && forLoop.getInitializer().isEmpty()
          && forLoop.getUpdate().isEmpty()) {
        // for (;;) becomes while (...)
        return SuggestedFix.replace(
            getStartPosition(loop),
            getStartPosition(forLoop.getStatement()),
            "while (" + CHECK + ") ");
      }
      return null;
    }
    if (Loops.isConstantTrue(condition)) {
      return SuggestedFix.replace(condition, CHECK);
    }
    String source = state.getSourceForNode(condition);
    boolean needsParentheses =
        condition.getKind() == Tree.Kind.CONDITIONAL_OR
            || condition.getKind() == Tree.Kind.CONDITIONAL_EXPRESSION
            || condition instanceof AssignmentTree;
    return SuggestedFix.replace(
        condition, (needsParentheses ? "(" + source + ")" : source) + " && " + CHECK);
  }

  /**
   * Inserts an interrupt check as the first statement of the loop body, with the way out the code
   * unit allows: throw InterruptedException if it may (and no catch inside it would take it),
   * return from a void method, break out of a loop the code after it can follow, or throw
   * CancellationException.
   */
  private static @Nullable SuggestedFix insertCheckFix(
      StatementTree loop, TreePath loopPath, TreePath codeUnit, VisitorState state) {
    boolean inSwitchExpression = isInSwitchExpression(loopPath, codeUnit);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String check;
    if (mayThrowInterruptedException(codeUnit, state) && !caughtOnTheWayOut(loopPath, codeUnit)) {
      check = "if (Thread.interrupted()) { throw new InterruptedException(); }";
    } else if (returnsVoid(codeUnit, state) && !inSwitchExpression) {
      check = "if (Thread.currentThread().isInterrupted()) { return; }";
    } else if (Reachability.canCompleteNormally(loop)) {
      check = "if (Thread.currentThread().isInterrupted()) { break; }";
    } else {
      String cancellation =
          SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.CancellationException");
      check =
          "if (Thread.currentThread().isInterrupted()) { throw new "
              + cancellation
              + "(\"interrupted\"); }";
    }
    StatementTree body = Loops.body(loop);
    if (body instanceof BlockTree block) {
      fix.merge(insertFirst(block, check, state));
    } else {
      fix.replace(body, "{\n" + check + "\n" + state.getSourceForNode(body) + "\n}");
    }
    return fix.build();
  }

  /** Inserts a statement on its own line before the block's first one, at the same indentation. */
  private static SuggestedFix insertFirst(BlockTree block, String statement, VisitorState state) {
    return SourceEdits.insertFirst(block, statement, state);
  }

  private static boolean returnsVoid(TreePath codeUnit, VisitorState state) {
    Type returnType =
        switch (codeUnit.getLeaf()) {
          case MethodTree method ->
              getSymbol(method) instanceof MethodSymbol symbol ? symbol.getReturnType() : null;
          case LambdaExpressionTree lambda -> descriptor(lambda, state).getReturnType();
          default -> null;
        };
    return returnType != null && returnType.getTag() == TypeTag.VOID;
  }

  private static boolean mayThrowInterruptedException(TreePath codeUnit, VisitorState state) {
    Type interrupted = Interrupts.interruptedExceptionType(state);
    return switch (codeUnit.getLeaf()) {
      case MethodTree method -> Interrupts.declaresInterruptedException(method, state);
      case LambdaExpressionTree lambda ->
          descriptor(lambda, state).getThrownTypes().stream()
              .anyMatch(t -> isSubtype(interrupted, t, state));
      default -> false;
    };
  }

  private static Type descriptor(LambdaExpressionTree lambda, VisitorState state) {
    return state.getTypes().findDescriptorType(getType(lambda));
  }

  /** A try around the loop, inside the code unit, with a catch that would take the exception. */
  private static boolean caughtOnTheWayOut(TreePath loopPath, TreePath codeUnit) {
    Tree child = loopPath.getLeaf();
    for (TreePath p = loopPath.getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree tryTree
          && child == tryTree.getBlock()
          && !tryTree.getCatches().isEmpty()) {
        return true; // any catch: a catch of Exception would take it too
      }
      child = p.getLeaf();
    }
    return false;
  }

  private static boolean isInSwitchExpression(TreePath loopPath, TreePath codeUnit) {
    for (TreePath p = loopPath.getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof SwitchExpressionTree) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ message helpers

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
