package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCBreak;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.InterruptPaths;
import dev.cancelguard.analysis.interrupts.InterruptPaths.Leak;
import dev.cancelguard.analysis.interrupts.InterruptPaths.LeakKind;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The ways out of a catch (or of the branch taken when {@code Thread.interrupted()} returned true)
 * that lose the interrupt, with what the code around them says about it: {@link InterruptPaths}'
 * leaks, less those that end a thread which owns its interruption policy and those a {@code
 * finally} around the catch makes good; and the reasons a catch that loses the interrupt means to.
 */
public final class LostInterrupts {
  /** The branch taken when {@code Thread.interrupted()} returned true, and its {@code if}. */
  public record InterruptedBranch(TreePath ifPath, StatementTree branch) {
    /** The path of the branch itself. */
    public TreePath branchPath() {
      return new TreePath(ifPath, branch);
    }
  }

  private LostInterrupts() {}

  /**
   * True if the code unit's class owns its thread's interruption policy at {@code path}: an event
   * loop's or executor's own worker code, a private daemon loop, or a task of a pool the class
   * keeps to itself (in a loop that can never end, only where LoopWithoutCancellationPoint reports
   * that loop: {@link OwnThreads#runsOnPrivateThread}).
   */
  public static boolean ownsInterruptionPolicy(
      TreePath path, @Nullable TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    return codeUnit != null
        && (OwnThreads.runsOnlyOnOwnThread(codeUnit, state)
            || OwnThreads.runsOnPrivateThread(path, codeUnit, state, options));
  }

  /**
   * True if the code unit is a program's {@code main} method that never hands its own thread out
   * ({@code Thread.currentThread()} there is only ever the receiver of a call): nothing can reach
   * the main thread to interrupt it (a signal runs the shutdown hooks, it does not interrupt {@code
   * main}), so an interrupt a catch of {@code main} drops was never sent.
   */
  public static boolean isMainNobodyCanInterrupt(@Nullable TreePath codeUnit, VisitorState state) {
    if (codeUnit == null
        || !Tasks.isMainMethod(codeUnit)
        || !(codeUnit.getLeaf() instanceof MethodTree main)) {
      return false;
    }
    boolean[] handedOut = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (ThreadCalls.CURRENT_THREAD.matches(call, state)) {
          TreePath parent = skipParens(getCurrentPath().getParentPath());
          handedOut[0] |= !(parent.getLeaf() instanceof MemberSelectTree);
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(codeUnit, null);
    return !handedOut[0];
  }

  /**
   * The ways out of the catch at {@code catchPath} that lose the interrupt; empty when a {@code
   * finally} around the catch restores the flag on every path.
   */
  public static ImmutableList<Leak> ofCatch(
      TreePath catchPath,
      @Nullable TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    CatchTree catchTree = (CatchTree) catchPath.getLeaf();
    MethodTree method = methodOf(codeUnit);
    ImmutableList<Leak> leaks =
        withoutThreadEnds(
            InterruptPaths.leaksOfCatch(catchTree, method, state, options),
            catchPath,
            catchTree.getBlock(),
            codeUnit,
            state,
            options);
    if (LostInterrupts.someGoOn(leaks) && restoredAfterTheTry(catchPath, method, state, options)) {
      leaks =
          leaks.stream()
              .filter(leak -> leak.kind() != LeakKind.FALLS_THROUGH)
              .collect(ImmutableList.toImmutableList());
    }
    if (leaks.isEmpty()
        || restoredByEnclosingFinally(catchPath, codeUnit, method, state, options)) {
      return ImmutableList.of();
    }
    return leaks;
  }

  /** The ways out of the branch that lose the interrupt {@code Thread.interrupted()} cleared. */
  public static ImmutableList<Leak> ofBranch(
      InterruptedBranch branch,
      @Nullable TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    return withoutThreadEnds(
        InterruptPaths.leaksOfStatement(branch.branch(), methodOf(codeUnit), state, options),
        branch.ifPath(),
        branch.branch(),
        codeUnit,
        state,
        options);
  }

  /**
   * The leaks, less those that end a thread which owns its interruption policy: those that leave
   * its whole work, and those that end the loop the work ends with by the loop's own test ({@link
   * LoopEndingWrites}: {@code active.set(false);} and on to {@code while (active.get())}). Whether
   * the code unit is a thread's whole work (which looks through the file) is asked once, and only
   * when there is a leak.
   *
   * @param entered the catch's block, or the branch taken when {@code Thread.interrupted()}
   *     returned true
   */
  private static ImmutableList<Leak> withoutThreadEnds(
      List<Leak> leaks,
      TreePath statementPath,
      StatementTree entered,
      @Nullable TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (leaks.isEmpty() || !isThreadsWholeWork(codeUnit, state, options)) {
      return ImmutableList.copyOf(leaks);
    }
    return leaks.stream()
        .filter(
            leak ->
                !endsThreadTopLevel(leak, statementPath, codeUnit, state, options)
                    && !LoopEndingWrites.endsTheLoopAtItsTest(
                        leak, statementPath, entered, codeUnit, state, options))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * The code unit is a thread's top level, the whole work of a task only pools run ({@link
   * ThreadTasks}), or ends with one of those.
   */
  private static boolean isThreadsWholeWork(
      @Nullable TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    return codeUnit != null
        && (Tasks.isThreadTopLevel(codeUnit, state)
            || ThreadTasks.isWholeWork(codeUnit, state)
            || Tasks.endsWithItsThread(codeUnit, state, options));
  }

  /**
   * The branch an {@code if} takes when the call at {@code callPath} ({@code Thread.interrupted()})
   * returned true: its then branch, or the else branch of {@code if (!Thread.interrupted())}; null
   * when the call is not such a condition.
   */
  public static @Nullable InterruptedBranch branchWhenInterrupted(TreePath callPath) {
    TreePath parentPath = skipParens(callPath.getParentPath());
    Tree parent = parentPath.getLeaf();
    if (parent instanceof IfTree direct) {
      return new InterruptedBranch(parentPath, direct.getThenStatement());
    }
    if (parent instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      TreePath ifPath = skipParens(parentPath.getParentPath());
      if (ifPath.getLeaf() instanceof IfTree negated && negated.getElseStatement() != null) {
        return new InterruptedBranch(ifPath, negated.getElseStatement());
      }
    }
    return null;
  }

  /**
   * True if the branch taken when {@code Thread.interrupted()} returned true hands the interrupt on
   * as a value before every way out: a statement of the branch's own block calls a method with a
   * {@code new InterruptedException()} argument ({@code result.completeWithError(new
   * InterruptedException()); return;}), and no leak leaves before it. The caller gets the interrupt
   * as the failure of what it waits for.
   */
  public static boolean handsOnANewInterruptedException(
      InterruptedBranch branch, List<Leak> leaks, VisitorState state) {
    List<? extends StatementTree> statements =
        branch.branch() instanceof BlockTree block
            ? block.getStatements()
            : List.of(branch.branch());
    for (StatementTree statement : statements) {
      if (statement instanceof ExpressionStatementTree expression
          && stripParentheses(expression.getExpression()) instanceof MethodInvocationTree call
          && call.getArguments().stream()
              .anyMatch(
                  argument ->
                      stripParentheses(argument) instanceof NewClassTree creation
                          && Interrupts.isInterruptedExceptionValue(creation, state))) {
        int end = state.getEndPosition(statement);
        return leaks.stream()
            .allMatch(
                leak ->
                    leak.kind() == LeakKind.FALLS_THROUGH
                        ? leak.tree() == branch.branch()
                        : ASTHelpers.getStartPosition(leak.tree()) >= end);
      }
    }
    return false;
  }

  /**
   * True if the statement at {@code statementPath} (a bare {@code Thread.interrupted()}) is
   * followed directly, in the same block, by {@code throw} of an {@code InterruptedException}:
   * {@code Thread.interrupted(); throw new InterruptedException();}. The flag is cleared because
   * the interrupt is passed on as the exception, the contract of a blocking method.
   */
  public static boolean passedOnAsTheExceptionNext(TreePath statementPath, VisitorState state) {
    TreePath parent = statementPath.getParentPath();
    if (parent == null || !(parent.getLeaf() instanceof BlockTree block)) {
      return false;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf(statementPath.getLeaf());
    return index >= 0
        && index + 1 < statements.size()
        && statements.get(index + 1) instanceof ThrowTree next
        && Interrupts.isInterruptedExceptionValue(next.getExpression(), state);
  }

  /**
   * True if the statement at {@code statementPath} (a bare {@code Thread.interrupted()}) is among
   * the last things a thread's whole work does: after it the thread only finishes (no cancellation
   * point) and ends, so the flag it clears is read by nobody.
   */
  public static boolean clearsAsItsThreadEnds(
      TreePath statementPath,
      @Nullable TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    return isThreadsWholeWork(codeUnit, state, options)
        && Tasks.isInTailPosition(statementPath, codeUnit, state, options);
  }

  /** True if every leak throws an {@link Error}: the code says the interrupt cannot happen. */
  public static boolean allThrowErrors(List<Leak> leaks, VisitorState state) {
    return leaks.stream()
        .allMatch(
            l ->
                l.kind() == LeakKind.WRAPS
                    && l.thrownType() != null
                    && ASTHelpers.isSubtype(l.thrownType(), state.getSymtab().errorType, state));
  }

  /** True if every leak goes on in the code unit: the end of the block, or a continue. */
  public static boolean allGoOn(List<Leak> leaks) {
    return leaks.stream().allMatch(LostInterrupts::goesOn);
  }

  /**
   * True if every leak is an unlabelled {@code continue}: each goes straight back to the test of
   * the innermost loop, whatever the rest of the loop's body holds.
   */
  public static boolean allContinueTheLoop(List<Leak> leaks) {
    return !leaks.isEmpty()
        && leaks.stream()
            .allMatch(
                leak ->
                    leak.kind() == LeakKind.CONTINUES
                        && leak.tree() instanceof com.sun.source.tree.ContinueTree next
                        && next.getLabel() == null);
  }

  /** True if every leak falls through the end of its catch. */
  public static boolean allFallThrough(List<Leak> leaks) {
    return !leaks.isEmpty()
        && leaks.stream().allMatch(leak -> leak.kind() == LeakKind.FALLS_THROUGH);
  }

  /**
   * True if every leak goes on after the try (the end of the catch block) or returns from the code
   * unit: none goes round a loop, leaves one, or throws.
   */
  public static boolean allFallThroughOrReturn(List<Leak> leaks) {
    return !leaks.isEmpty()
        && leaks.stream()
            .allMatch(
                leak -> leak.kind() == LeakKind.FALLS_THROUGH || leak.kind() == LeakKind.RETURNS);
  }

  /** True if some leak goes on in the code unit: the end of the block, or a continue. */
  public static boolean someGoOn(List<Leak> leaks) {
    return leaks.stream().anyMatch(LostInterrupts::goesOn);
  }

  private static boolean goesOn(Leak leak) {
    return leak.kind() == LeakKind.FALLS_THROUGH || leak.kind() == LeakKind.CONTINUES;
  }

  /** True if {@code Thread.interrupted()} stands as a statement of its own in the block. */
  public static boolean containsBareInterrupted(BlockTree block, VisitorState state) {
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitExpressionStatement(ExpressionStatementTree statement, Void unused) {
        found[0] |=
            statement.getExpression() instanceof MethodInvocationTree call
                && Expressions.isResolved(call)
                && ThreadCalls.INTERRUPTED.matches(call, state);
        return super.visitExpressionStatement(statement, null);
      }
    }.scan(block, null);
    return found[0];
  }

  /**
   * A test that expects the interrupt: in a {@code @Test} method, {@code catch
   * (InterruptedException expected)}, or a try block ending in {@code fail(..)}.
   */
  public static boolean isExpectedInTest(
      TryTree tryTree, CatchTree catchTree, @Nullable MethodTree method) {
    boolean isTest =
        method != null
            && method.getModifiers().getAnnotations().stream()
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

  /**
   * True if another method of the class around {@code path} restores the flag: a class that clears
   * it at {@code path} and restores it there masks it on purpose (clear, do blocking cleanup,
   * restore).
   */
  public static boolean classRestoresElsewhere(
      TreePath path, VisitorState state, CancelGuardOptions options) {
    ClassTree enclosingClass = ASTHelpers.findEnclosingNode(path, ClassTree.class);
    MethodTree here = ASTHelpers.findEnclosingNode(path, MethodTree.class);
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

  /** True if {@code tree} lies in the {@code finally} block of a try around the catch. */
  public static boolean inEnclosingFinally(
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
   * Leaving code that is a thread's whole work ({@link #isThreadsWholeWork}, asked by the caller)
   * ends the thread: the thread owns its interruption policy, and nobody is left to read the flag.
   */
  private static boolean endsThreadTopLevel(
      Leak leak,
      TreePath statementPath,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    return switch (leak.kind()) {
      case RETURNS -> true;
      case FALLS_THROUGH -> Tasks.isInTailPosition(tailOf(statementPath), codeUnit, state, options);
      case BREAKS -> {
        Tree target = ((JCBreak) leak.tree()).target;
        TreePath targetPath = target == null ? null : findPath(codeUnit, target);
        yield targetPath != null && Tasks.isInTailPosition(targetPath, codeUnit, state, options);
      }
      case WRAPS -> throwEndsItsThread(leak, codeUnit, state);
      case CONTINUES -> false;
    };
  }

  /**
   * True if the leak ends the work of the code unit: it returns, falls through or breaks to the end
   * of the code unit with nothing after that could notice an interrupt, or throws an unchecked
   * exception that leaves the code unit uncaught (whoever called the code unit takes it).
   */
  public static boolean endsTheCodeUnit(
      Leak leak,
      TreePath catchPath,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (leak.kind() != LeakKind.WRAPS) {
      return endsThreadTopLevel(leak, catchPath, codeUnit, state, options);
    }
    Type thrown = leak.thrownType();
    TreePath throwPath = findPath(codeUnit, leak.tree());
    return thrown != null
        && (ASTHelpers.isSubtype(thrown, state.getSymtab().runtimeExceptionType, state)
            || ASTHelpers.isSubtype(thrown, state.getSymtab().errorType, state))
        && throwPath != null
        && Catches.escapesUncaught(throwPath, codeUnit, thrown, state);
  }

  /**
   * True if the leak throws an unchecked exception out of a thread's top level itself ({@link
   * Tasks#isThreadTopLevel}) or the whole work of a task only threads or the common pool run
   * ({@link ThreadTasks}), with no catch of the top level on its way: the exception ends the thread
   * or the task (the uncaught-exception handler or the task's future takes it), which is what the
   * interrupt asked, and nobody is left to read the flag. A private method that ends with its
   * thread is not enough: the top level that calls it may catch the exception and go on.
   */
  private static boolean throwEndsItsThread(Leak leak, TreePath codeUnit, VisitorState state) {
    Type thrown = leak.thrownType();
    if (thrown == null
        || !(ASTHelpers.isSubtype(thrown, state.getSymtab().runtimeExceptionType, state)
            || ASTHelpers.isSubtype(thrown, state.getSymtab().errorType, state))
        || !(Tasks.isThreadTopLevel(codeUnit, state) || ThreadTasks.isWholeWork(codeUnit, state))) {
      return false;
    }
    TreePath throwPath = findPath(codeUnit, leak.tree());
    return throwPath != null && Catches.escapesUncaught(throwPath, codeUnit, thrown, state);
  }

  /**
   * True if the statements that follow the catch's try statement in its block restore the flag (or
   * rethrow an interrupt) on every path before any way out of them: {@code catch
   * (InterruptedException ie) { try { pool.awaitTermination(..); } catch (InterruptedException
   * inner) { log(..); } Thread.currentThread().interrupt(); }}. A catch that completes normally
   * goes on to them, so its interrupt is restored there.
   */
  private static boolean restoredAfterTheTry(
      TreePath catchPath,
      @Nullable MethodTree method,
      VisitorState state,
      CancelGuardOptions options) {
    TreePath tryPath = catchPath.getParentPath();
    if (tryPath == null
        || tryPath.getParentPath() == null
        || !(tryPath.getParentPath().getLeaf() instanceof BlockTree block)) {
      return false;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf((StatementTree) tryPath.getLeaf());
    for (int i = index + 1; index >= 0 && i < statements.size(); i++) {
      ImmutableList<Leak> later =
          InterruptPaths.leaksOfStatement(statements.get(i), method, state, options);
      if (later.isEmpty()) {
        return true; // every path through it handles the interrupt
      }
      if (!later.stream().allMatch(leak -> leak.kind() == LeakKind.FALLS_THROUGH)) {
        return false; // some path leaves before a restore
      }
    }
    return false;
  }

  /** A finally around the catch, in the same code unit, that restores the flag on every path. */
  private static boolean restoredByEnclosingFinally(
      TreePath catchPath,
      @Nullable TreePath codeUnit,
      @Nullable MethodTree method,
      VisitorState state,
      CancelGuardOptions options) {
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

  /** The method a code unit is, or null (a lambda, or no code unit). */
  static @Nullable MethodTree methodOf(@Nullable TreePath codeUnit) {
    return codeUnit != null && codeUnit.getLeaf() instanceof MethodTree m ? m : null;
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
}
