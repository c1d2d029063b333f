package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

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
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCBreak;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.interrupts.InterruptPaths;
import dev.cancelguard.analysis.interrupts.InterruptPaths.Leak;
import dev.cancelguard.analysis.interrupts.InterruptPaths.LeakKind;
import dev.cancelguard.analysis.interrupts.InterruptRecords;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.tasks.OwnThreads;
import dev.cancelguard.analysis.tasks.RestorePlacement;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.tasks.WakeUps;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.List;
import javax.inject.Inject;
import javax.lang.model.element.Modifier;
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

  private static final String RESTORE = "Thread.currentThread().interrupt();";

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
    TreePath catchPath = new TreePath(state.getPath(), catchTree);
    TreePath codeUnit = Tasks.enclosingCodeUnit(catchPath);
    // An event loop's or executor's own worker code: the class owns its thread's interruption
    // policy.
    if (codeUnit != null
        && (OwnThreads.runsOnlyOnOwnThread(codeUnit, state)
            || OwnThreads.runsOnPrivateThread(catchPath, codeUnit, state))) {
      return NO_MATCH;
    }
    MethodTree method = codeUnit != null && codeUnit.getLeaf() instanceof MethodTree m ? m : null;
    ImmutableList<Leak> leaks =
        InterruptPaths.leaksOfCatch(catchTree, method, state, options).stream()
            .filter(leak -> !endsThreadTopLevel(leak, catchPath, codeUnit, state))
            .collect(ImmutableList.toImmutableList());
    if (leaks.isEmpty() || restoredByEnclosingFinally(catchPath, codeUnit, method, state)) {
      return NO_MATCH;
    }
    // `throw new AssertionError(e)`: the code says the interrupt cannot happen, and if it does the
    // thread dies of it rather than carrying on.
    if (leaks.stream()
        .allMatch(l -> l.kind() == LeakKind.WRAPS && isError(l.thrownType(), state))) {
      return NO_MATCH;
    }
    // The interrupt is this file's own doorbell: it set the loop's stop flag, then interrupted
    // the thread to wake it; the catch goes straight back to the flag test.
    if (leaks.stream()
            .allMatch(l -> l.kind() == LeakKind.FALLS_THROUGH || l.kind() == LeakKind.CONTINUES)
        && WakeUps.isWakeUpOfStopFlagLoop(tailOf(catchPath), state, options)) {
      return NO_MATCH;
    }
    // ... or the catch itself tests the stop flag and leaves when it is set.
    if (WakeUps.testsStopFlagAndLeaves(catchTree, state)) {
      return NO_MATCH;
    }
    // `Thread.interrupted()` written where `Thread.currentThread().interrupt()` was meant: that
    // call is reported on its own, with the fix.
    if (containsBareInterrupted(catchTree.getBlock(), state)) {
      return NO_MATCH;
    }
    // A test that expects the interrupt: `catch (InterruptedException expected)`, or a try block
    // ending in fail(..).
    if (method != null && isExpectedInTest(tryTree, catchTree, method)) {
      return NO_MATCH;
    }
    boolean byName = Interrupts.catchesInterruptedExceptionByName(catchTree, state);
    String received =
        byName
            ? "This catch receives InterruptedException and "
            : "This catch receives InterruptedException (thrown in the try block) through "
                + state.getSourceForNode(catchTree.getParameter().getType())
                + " and ";
    boolean goesOn =
        leaks.stream()
            .anyMatch(l -> l.kind() == LeakKind.FALLS_THROUGH || l.kind() == LeakKind.CONTINUES);
    RestorePlacement.Placement placement =
        codeUnit == null
            ? new RestorePlacement.Placement(RestorePlacement.Shape.RESTORE, null, null)
            : RestorePlacement.of(catchPath, codeUnit, goesOn, state, options);
    Symbol caught = getSymbol(catchTree.getParameter());
    Description.Builder description =
        buildDescription(catchTree)
            .setMessage(
                received
                    + describe(leaks.getFirst(), catchTree, state)
                    + recordNote(catchTree.getBlock(), caught)
                    + "."
                    + CONSEQUENCE
                    + advice(placement, catchPath, state));
    String guard = interruptGuard(catchTree, state);
    switch (placement.shape()) {
      case RESTORE -> {
        boolean fallsThroughOnly = leaks.stream().allMatch(l -> l.kind() == LeakKind.FALLS_THROUGH);
        restoreFix(catchTree, fallsThroughOnly, state).ifPresent(description::addFix);
      }
      case RECORD_AND_RESTORE_AFTER -> {
        if (!"".equals(guard)) {
          description.addFix(
              RestorePlacement.recordAndRestoreAfter(placement, catchTree, guard, codeUnit, state));
        }
      }
      case LEAVE_THE_LOOP -> {
        if (!"".equals(guard)) {
          description.addFix(RestorePlacement.leaveTheLoop(placement, catchTree, guard, state));
        }
      }
      case NONE -> {}
    }
    if (method != null && leaks.stream().allMatch(l -> l.kind() == LeakKind.FALLS_THROUGH)) {
      rethrowFix(catchTree, method, state).ifPresent(description::addFix);
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
    Tree parent = parentPath.getLeaf();
    if (parent instanceof ExpressionStatementTree statement) {
      CatchTree enclosingCatch = ASTHelpers.findEnclosingNode(state.getPath(), CatchTree.class);
      boolean inInterruptCatch =
          enclosingCatch != null
              && Interrupts.catchesInterruptedExceptionByName(enclosingCatch, state);
      // A class that clears the flag here and restores it in another method masks it on purpose
      // (clear, do blocking cleanup, restore).
      if (!inInterruptCatch
          && (classRestoresElsewhere(state) || Tasks.isExecutorInternals(state.getPath(), state))) {
        return NO_MATCH;
      }
      return describeBareInterrupted(tree, statement, inInterruptCatch, state);
    }
    // The branch taken when Thread.interrupted() returned true.
    StatementTree trueBranch = null;
    IfTree ifTree = null;
    if (parent instanceof IfTree direct) {
      ifTree = direct;
      trueBranch = direct.getThenStatement();
    } else if (parent instanceof UnaryTree not
        && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
        && skipParens(parentPath.getParentPath()).getLeaf() instanceof IfTree negated) {
      ifTree = negated;
      trueBranch = negated.getElseStatement();
    }
    if (trueBranch == null) {
      return NO_MATCH;
    }
    TreePath ifPath = ancestor(state.getPath(), ifTree);
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    if (codeUnit != null
        && (OwnThreads.runsOnlyOnOwnThread(codeUnit, state)
            || OwnThreads.runsOnPrivateThread(state.getPath(), codeUnit, state))) {
      return NO_MATCH;
    }
    MethodTree method = codeUnit != null && codeUnit.getLeaf() instanceof MethodTree m ? m : null;
    TreePath branchPath = new TreePath(ifPath, trueBranch);
    ImmutableList<Leak> leaks =
        InterruptPaths.leaksOfStatement(trueBranch, method, state, options).stream()
            .filter(leak -> !endsThreadTopLevel(leak, ifPath, codeUnit, state))
            .collect(ImmutableList.toImmutableList());
    if (leaks.isEmpty()) {
      return NO_MATCH;
    }
    Description.Builder description = buildDescription(tree);
    // Where the flag must stay cleared (a record-then-park wait), isInterrupted() would spin.
    if (codeUnit == null || !RestorePlacement.mustKeepClearing(ifPath, trueBranch, codeUnit)) {
      description.addFix(SuggestedFix.replace(tree, "Thread.currentThread().isInterrupted()"));
    }
    return description
        .setMessage(
            "Thread.interrupted() clears the interrupt flag; when it returns true this branch "
                + describe(leaks.getFirst(), branchPath.getLeaf(), state)
                + recordNote(trueBranch, null)
                + "."
                + CONSEQUENCE
                + " Throw InterruptedException, or call Thread.currentThread().interrupt() before"
                + " leaving; to test the flag without clearing it, use"
                + " Thread.currentThread().isInterrupted().")
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

  private boolean classRestoresElsewhere(VisitorState state) {
    com.sun.source.tree.ClassTree enclosingClass =
        ASTHelpers.findEnclosingNode(state.getPath(), com.sun.source.tree.ClassTree.class);
    MethodTree here = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    if (enclosingClass == null) {
      return false;
    }
    for (Tree member : enclosingClass.getMembers()) {
      if (member instanceof MethodTree method
          && method != here
          && method.getBody() != null
          && InterruptPaths.containsRestore(method.getBody(), state, options)) {
        return true;
      }
    }
    return false;
  }

  private Description describeBareInterrupted(
      MethodInvocationTree tree,
      ExpressionStatementTree statement,
      boolean inInterruptCatch,
      VisitorState state) {
    Description.Builder description =
        buildDescription(tree)
            .setMessage(
                "Thread.interrupted() clears the interrupt flag and its result is dropped here."
                    + CONSEQUENCE
                    + " To restore the flag call Thread.currentThread().interrupt(); to stop on"
                    + " interrupt write `if (Thread.interrupted()) throw new"
                    + " InterruptedException();`.");
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    if (inInterruptCatch) {
      // In a catch of InterruptedException the intent was to restore the flag.
      description.addFix(SuggestedFix.replace(statement, RESTORE));
    } else if (codeUnit != null
        && codeUnit.getLeaf() instanceof MethodTree method
        && Interrupts.declaresInterruptedException(method, state)) {
      description.addFix(
          SuggestedFix.replace(
              statement, "if (Thread.interrupted()) { throw new InterruptedException(); }"));
    }
    return description.build();
  }

  /**
   * Leaving code that is a thread's whole work ends the thread: the thread owns its interruption
   * policy, and nobody is left to read the flag.
   */
  private boolean endsThreadTopLevel(
      Leak leak, TreePath statementPath, @Nullable TreePath codeUnit, VisitorState state) {
    if (codeUnit == null
        || !(Tasks.isThreadTopLevel(codeUnit, state)
            || Tasks.endsWithItsThread(codeUnit, state, options))) {
      return false;
    }
    return switch (leak.kind()) {
      case RETURNS -> true;
      case FALLS_THROUGH -> Tasks.isInTailPosition(tailOf(statementPath), codeUnit, state, options);
      case BREAKS -> {
        Tree target = ((JCBreak) leak.tree()).target;
        TreePath targetPath = target == null ? null : findPath(codeUnit, target);
        yield targetPath != null && Tasks.isInTailPosition(targetPath, codeUnit, state, options);
      }
      case CONTINUES, WRAPS -> false;
    };
  }

  /** A finally around the catch, in the same code unit, that restores the flag on every path. */
  private boolean restoredByEnclosingFinally(
      TreePath catchPath,
      @Nullable TreePath codeUnit,
      @Nullable MethodTree method,
      VisitorState state) {
    for (TreePath p = catchPath; p != null && p != codeUnit; p = p.getParentPath()) {
      TreePath parent = p.getParentPath();
      if (parent != null
          && parent.getLeaf() instanceof TryTree tryTree
          && tryTree.getFinallyBlock() != null
          && p.getLeaf() != tryTree.getFinallyBlock()
          && InterruptPaths.restoresOnEveryPath(
              tryTree.getFinallyBlock(), method, state, options)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsBareInterrupted(BlockTree block, VisitorState state) {
    boolean[] found = new boolean[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitExpressionStatement(ExpressionStatementTree statement, Void unused) {
        found[0] |=
            statement.getExpression() instanceof MethodInvocationTree call
                && Expressions.isResolved(call)
                && ThreadCalls.INTERRUPTED.matches(call, state);
        return super.visitExpressionStatement(statement, null);
      }

      @Override
      public Void visitLambdaExpression(
          com.sun.source.tree.LambdaExpressionTree lambda, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree classTree, Void unused) {
        return null;
      }
    }.scan(block, null);
    return found[0];
  }

  /** For a catch, the try statement it belongs to; otherwise the statement itself. */
  private static TreePath tailOf(TreePath path) {
    return path.getLeaf() instanceof CatchTree ? path.getParentPath() : path;
  }

  private static @Nullable TreePath findPath(TreePath root, Tree target) {
    TreePath found = TreePath.getPath(root, target);
    if (found == null) {
      found = TreePath.getPath(root.getCompilationUnit(), target);
    }
    return found;
  }

  private static TreePath skipParens(TreePath path) {
    TreePath p = path;
    while (p.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
      p = p.getParentPath();
    }
    return p;
  }

  private static TreePath ancestor(TreePath path, Tree ancestor) {
    TreePath p = path;
    while (p.getLeaf() != ancestor) {
      p = p.getParentPath();
    }
    return p;
  }

  private static boolean isExpectedInTest(TryTree tryTree, CatchTree catchTree, MethodTree method) {
    boolean isTest =
        method.getModifiers().getAnnotations().stream()
            .map(AnnotationTree::getAnnotationType)
            .map(Object::toString)
            .anyMatch(name -> name.equals("Test") || name.endsWith(".Test"));
    if (!isTest) {
      return false;
    }
    if (catchTree.getParameter().getName().contentEquals("expected")) {
      return true;
    }
    List<? extends StatementTree> statements = tryTree.getBlock().getStatements();
    return !statements.isEmpty()
        && statements.getLast() instanceof ExpressionStatementTree last
        && stripParentheses(last.getExpression()) instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && getSymbol(call).getSimpleName().contentEquals("fail");
  }

  private static String describe(Leak leak, Tree block, VisitorState state) {
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

  private static boolean isError(@Nullable Type type, VisitorState state) {
    return type != null && ASTHelpers.isSubtype(type, state.getSymtab().errorType, state);
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
      case NONE ->
          placement.loop() != null
              ? " Restoring the flag at the top of this catch would make the next blocking call of"
                  + " the loop (line "
                  + Lines.of(blocking, state)
                  + ") throw at once and the loop spin: record the interrupt in a local flag and"
                  + " restore it once the loop is over, or rethrow the exception."
              : inEnclosingFinally(blocking, catchPath, state)
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

  /** True if {@code tree} lies in the {@code finally} block of a try around the catch. */
  private static boolean inEnclosingFinally(
      @Nullable Tree tree, TreePath catchPath, VisitorState state) {
    if (tree == null) {
      return false;
    }
    int position = ASTHelpers.getStartPosition(tree);
    for (TreePath p = catchPath; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof TryTree tryTree
          && tryTree.getFinallyBlock() != null
          && p.getLeaf() != tryTree.getFinallyBlock()
          && position >= ASTHelpers.getStartPosition(tryTree.getFinallyBlock())
          && position < state.getEndPosition(tryTree.getFinallyBlock())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The test that the caught exception is an interrupt ({@code e instanceof InterruptedException}),
   * null when the catch takes interrupts only, "" when it cannot be written (an unnamed parameter).
   */
  private static @Nullable String interruptGuard(CatchTree catchTree, VisitorState state) {
    String name = catchTree.getParameter().getName().toString();
    List<Type> caught = Catches.caughtTypes(catchTree);
    boolean onlyInterrupted =
        caught.size() == 1
            && ASTHelpers.isSubtype(
                caught.getFirst(), Interrupts.interruptedExceptionType(state), state);
    if (onlyInterrupted) {
      return null;
    }
    return name.equals("_") || name.isEmpty() ? "" : name + " instanceof InterruptedException";
  }

  /**
   * Restores the flag in the catch: the same edit LoopWithoutCancellationPoint makes in a catch it
   * fixes, so that both together apply it once.
   */
  private java.util.Optional<SuggestedFix> restoreFix(
      CatchTree catchTree, boolean fallsThroughOnly, VisitorState state) {
    return java.util.Optional.ofNullable(
        RestorePlacement.restoreInCatch(catchTree, fallsThroughOnly, state, options));
  }

  /**
   * Rethrows at the end of a catch of InterruptedException alone, where the method declares it or
   * can (private, and every caller in this file can take it).
   */
  private static java.util.Optional<SuggestedFix> rethrowFix(
      CatchTree catchTree, MethodTree method, VisitorState state) {
    List<Type> caught = Catches.caughtTypes(catchTree);
    String name = catchTree.getParameter().getName().toString();
    if (caught.size() != 1
        || !ASTHelpers.isSameType(
            caught.getFirst(), Interrupts.interruptedExceptionType(state), state)
        || name.equals("_")
        || method.getBody() == null) {
      return java.util.Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (!Interrupts.declaresInterruptedException(method, state)) {
      if (!canAddThrows(method, state)) {
        return java.util.Optional.empty();
      }
      if (method.getThrows().isEmpty()) {
        fix.prefixWith(method.getBody(), "throws InterruptedException ");
      } else {
        fix.postfixWith(method.getThrows().getLast(), ", InterruptedException");
      }
    }
    fix.merge(insertLast(catchTree.getBlock(), "throw " + name + ";", state));
    return java.util.Optional.of(fix.build());
  }

  /** A private method none of whose callers in this file would stop compiling. */
  private static boolean canAddThrows(MethodTree method, VisitorState state) {
    var symbol = getSymbol(method);
    if (symbol == null
        || !method.getModifiers().getFlags().contains(Modifier.PRIVATE)
        || symbol.isConstructor()) {
      return false;
    }
    boolean[] blocked = new boolean[1];
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && symbol.equals(getSymbol(call))) {
          TreePath unit = Tasks.enclosingCodeUnit(getCurrentPath());
          boolean callerTakesIt =
              unit != null
                  && unit.getLeaf() instanceof MethodTree caller
                  && Interrupts.declaresInterruptedException(caller, state)
                  && ASTHelpers.findEnclosingNode(getCurrentPath(), TryTree.class) == null;
          blocked[0] |= !callerTakesIt;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(
          com.sun.source.tree.MemberReferenceTree reference, Void unused) {
        blocked[0] |= symbol.equals(getSymbol(reference));
        return super.visitMemberReference(reference, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return !blocked[0];
  }

  private static SuggestedFix insertFirst(BlockTree block, String statement, VisitorState state) {
    return SourceEdits.insertFirst(block, statement, state);
  }

  private static SuggestedFix insertLast(BlockTree block, String statement, VisitorState state) {
    return SourceEdits.insertLast(block, statement, state);
  }
}
