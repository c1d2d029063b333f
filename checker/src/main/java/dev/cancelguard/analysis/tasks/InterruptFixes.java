package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.InterruptPaths.Leak;
import dev.cancelguard.analysis.interrupts.InterruptPaths.LeakKind;
import dev.cancelguard.analysis.interrupts.InterruptRecords;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.tasks.LostInterrupts.InterruptedBranch;
import dev.cancelguard.analysis.tasks.RestorePlacement.Placement;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * The fixes for code that loses an interrupt ({@link LostInterrupts}): in a catch, the restore
 * {@link RestorePlacement} says is right where the catch sits (at once, recorded and restored after
 * the loop, or with the loop left), then a rethrow where the method can declare it; for a cleared
 * flag, a restore, a rethrow or a test that does not clear it.
 */
public final class InterruptFixes {
  /** Where the catch should restore the flag, and the fixes that do it, in the order offered. */
  public record CatchFixes(Placement placement, ImmutableList<SuggestedFix> fixes) {}

  private static final String RESTORE = "Thread.currentThread().interrupt();";

  private InterruptFixes() {}

  /** The fixes for the catch at {@code catchPath}, whose ways out {@code leaks} lose the flag. */
  public static CatchFixes forCatch(
      TreePath catchPath,
      @Nullable TreePath codeUnit,
      List<Leak> leaks,
      VisitorState state,
      CancelGuardOptions options) {
    CatchTree catchTree = (CatchTree) catchPath.getLeaf();
    Placement placement =
        codeUnit == null
            ? new Placement(RestorePlacement.Shape.RESTORE, null, null)
            : RestorePlacement.of(
                catchPath,
                codeUnit,
                LostInterrupts.someGoOn(leaks),
                leaks.stream().anyMatch(leak -> leak.kind() != LeakKind.WRAPS),
                state,
                options);
    boolean fallsThroughOnly = leaks.stream().allMatch(l -> l.kind() == LeakKind.FALLS_THROUGH);
    // The catch hands the exception on and the code throws it later as itself (`result =
    // tryCancel(entry, e); .. throw (InterruptedException) result;`): on that path the interrupt
    // already propagates, and a restore at the top of the catch would set the flag as well (a
    // caller that catches it and waits again spins); a rethrow in the catch would lose what the
    // other path returns. Where to restore is a choice between paths: no fix.
    if (codeUnit != null && handedOnAndRethrownLater(catchPath, codeUnit, state)) {
      return new CatchFixes(placement, ImmutableList.of());
    }
    // Record-and-restore and leave-the-loop test the caught exception as the catch's first
    // statement.
    String guard = RestoreEdits.interruptGuard(catchTree, /* atTop= */ true, state);
    ImmutableList.Builder<SuggestedFix> fixes = ImmutableList.builder();
    switch (placement.shape()) {
      case RESTORE -> {
        SuggestedFix restore =
            RestoreEdits.restoreInCatch(catchTree, fallsThroughOnly, state, options);
        if (restore != null) {
          fixes.add(restore);
        }
      }
      case RECORD_AND_RESTORE_AFTER -> {
        // A caller's thread waiting under a lock for what another thread does (`while
        // (!helper.isFinished()) helper.wait();`) in a method that may throw the interrupt:
        // recorded,
        // the interrupted caller would still wait for that other thread; the rethrow lets it stop.
        boolean callersWait = rethrowEndsACallersWait(placement, catchTree, codeUnit, state);
        if (!"".equals(guard)
            && !(callersWait
                && mechanicalRethrow(
                        catchPath, codeUnit, placement, fallsThroughOnly, state, options)
                    != null)) {
          // Where the interrupt cannot be rethrown, a method that fails with IOException can say
          // it with InterruptedIOException ({@link InterruptedIoExits}).
          SuggestedFix ioFailure =
              callersWait && codeUnit != null
                  ? InterruptedIoExits.restoreAndThrow(
                      catchPath, codeUnit, placement, guard, state, options)
                  : null;
          fixes.add(
              ioFailure != null
                  ? ioFailure
                  : RestoreEdits.recordAndRestoreAfter(
                      placement, catchTree, guard, codeUnit, state, options));
        }
      }
      case LEAVE_THE_LOOP -> {
        if (!"".equals(guard)) {
          fixes.add(RestoreEdits.leaveTheLoop(placement, catchTree, guard, state));
        }
      }
      case NONE,
          NONE_RETURNS_INTO_FLAG_BLIND_LOOP,
          NONE_CALLER_GOES_ON_TO_BLOCK,
          NONE_RETURNS_INTO_A_LIBRARY_STOP,
          NONE_UNBOUNDED_WAIT,
          NONE_TASK_LOOP_GOES_ON,
          NONE_WALK_GOES_ON_WORKING,
          NONE_POLL_FAILS_ON_ITS_OWN,
          NONE_CATCH_LEAVES_ON_ITS_COUNT,
          NONE_RETRIES_WITHOUT_END -> {}
    }
    SuggestedFix rethrow =
        mechanicalRethrow(catchPath, codeUnit, placement, fallsThroughOnly, state, options);
    if (rethrow != null) {
      fixes.add(rethrow);
    }
    return new CatchFixes(placement, fixes.build());
  }

  /**
   * The rethrow of the catch at {@code catchPath}, where it is mechanical; null elsewhere. Rethrown
   * into a loop that never looks at the flag, the interrupt is caught there and dropped (or ends a
   * loop that was not meant to end on it): what it means there is no mechanical call. Nor where the
   * rethrow would skip what the code still has to do: a wait in the catch itself (the rethrow,
   * inserted last, would come after it), or the rest of a stop after the try (another pool's
   * shutdown, the superclass's stop that closes the server socket).
   */
  private static @Nullable SuggestedFix mechanicalRethrow(
      TreePath catchPath,
      @Nullable TreePath codeUnit,
      Placement placement,
      boolean fallsThroughOnly,
      VisitorState state,
      CancelGuardOptions options) {
    CatchTree catchTree = (CatchTree) catchPath.getLeaf();
    MethodTree method = LostInterrupts.methodOf(codeUnit);
    if (method != null
        && fallsThroughOnly
        && placement.shape() != RestorePlacement.Shape.NONE_RETURNS_INTO_FLAG_BLIND_LOOP
        && FailingCalls.mayFailIn(catchTree.getBlock(), state, options) == null
        && WaitPlacement.stopWorkFollows(catchPath.getParentPath(), method, state, options)
            == null) {
      return rethrow(catchTree, method, state);
    }
    return null;
  }

  /**
   * True if the record-and-restore of {@code placement} would keep a caller's thread waiting for
   * another thread: its loop waits under a lock ({@code wait()}, {@code Condition.await}) for a
   * condition another thread sets, the catch does nothing but log or comment (so it goes back to
   * that wait: one that ends the wait itself, {@code done = true;}, or chooses when to throw,
   * {@code if (interruptible) throw e;}, has decided what an interrupt means there), and the code
   * is neither a task nor a thread's whole work (whose loop ends on its own protocol).
   */
  private static boolean rethrowEndsACallersWait(
      Placement placement, CatchTree catchTree, @Nullable TreePath codeUnit, VisitorState state) {
    return placement.loop() != null
        && codeUnit != null
        && catchTree.getBlock().getStatements().stream()
            .allMatch(
                statement ->
                    statement instanceof ExpressionStatementTree expression
                        && expression.getExpression() instanceof MethodInvocationTree)
        && RestorePlacement.isWaitLoop(placement.loop().getLeaf(), state)
        && !Tasks.runsAsTask(codeUnit, state)
        && !Tasks.isThreadTopLevel(codeUnit, state);
  }

  /**
   * For {@code Thread.interrupted();} as a statement at {@code path}: in a catch of {@code
   * InterruptedException} the restore that was meant; in a method that declares {@code
   * InterruptedException}, a rethrow when the flag is set; otherwise none.
   */
  public static @Nullable SuggestedFix forBareInterrupted(
      ExpressionStatementTree statement,
      boolean inInterruptCatch,
      TreePath path,
      VisitorState state,
      CancelGuardOptions options) {
    // In a catch of InterruptedException, or where a local holds the interrupt a catch took
    // (`if (saved != null) { .. Thread.interrupted(); }`), the flag is already clear: a restore was
    // meant. Throwing there instead would lose what the code goes on to return (an item it took).
    TreePath codeUnit = Tasks.enclosingCodeUnit(path);
    if (inInterruptCatch) {
      // The restore that was meant lands where a catch's own restore would: it is offered only
      // where the placement of that catch is an in-place restore (not round a loop that waits
      // again, nor before a caller's or a finally's wait).
      // A catch that also takes other exceptions (`catch (InterruptedException |
      // ExecutionException e)`) runs the clear on their arms too, where no interrupt was caught:
      // the restore there follows the caught exception, as a restore the catch gets does; none
      // where the parameter cannot be tested.
      TreePath catchPath = enclosingCatch(path);
      if (catchPath == null) {
        return SuggestedFix.replace(statement, RESTORE);
      }
      String restore =
          RestoreEdits.restoreFor((CatchTree) catchPath.getLeaf(), /* atTop= */ false, state);
      return restore != null
              && (codeUnit == null || restoresInPlace(catchPath, codeUnit, state, options))
          ? SuggestedFix.replace(statement, restore)
          : null;
    }
    if (codeUnit != null && InterruptRecords.afterACaughtInterrupt(path, codeUnit, state)) {
      return SuggestedFix.replace(statement, RESTORE);
    }
    // In a finally block a throw replaces what the try was throwing or returning (the failure the
    // method reports, its result): the rethrow is not a mechanical change there.
    return LostInterrupts.methodOf(Tasks.enclosingCodeUnit(path)) instanceof MethodTree method
            && Interrupts.declaresInterruptedException(method, state)
            && !inFinally(path)
        ? SuggestedFix.replace(
            statement, "if (Thread.interrupted()) { throw new InterruptedException(); }")
        : null;
  }

  /**
   * True if the catch at {@code catchPath} hands its exception on (as an argument, or as the value
   * of an assignment) and the code unit, outside the catch, throws a value of type {@code
   * InterruptedException} that it did not create there ({@code throw (InterruptedException)
   * result;}).
   */
  private static boolean handedOnAndRethrownLater(
      TreePath catchPath, TreePath codeUnit, VisitorState state) {
    CatchTree catchTree = (CatchTree) catchPath.getLeaf();
    if (!(getSymbol(catchTree.getParameter()) instanceof Symbol caught)) {
      return false;
    }
    boolean[] handedOn = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        for (ExpressionTree argument : call.getArguments()) {
          handedOn[0] |= caught.equals(getSymbol(ASTHelpers.stripParentheses(argument)));
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        handedOn[0] |=
            caught.equals(getSymbol(ASTHelpers.stripParentheses(assignment.getExpression())));
        return super.visitAssignment(assignment, null);
      }
    }.scan(catchTree.getBlock(), null);
    if (!handedOn[0]) {
      return false;
    }
    Type interrupted = Interrupts.interruptedExceptionType(state);
    boolean[] rethrown = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitCatch(CatchTree other, Void unused) {
        return other == catchTree ? null : super.visitCatch(other, null);
      }

      @Override
      public Void visitThrow(ThrowTree tree, Void unused) {
        ExpressionTree thrown = ASTHelpers.stripParentheses(tree.getExpression());
        Type type = ASTHelpers.getType(thrown);
        rethrown[0] |=
            !(thrown instanceof NewClassTree)
                && !(getSymbol(thrown) instanceof Symbol variable
                    && variable.getKind() == ElementKind.EXCEPTION_PARAMETER)
                && type != null
                && ASTHelpers.isSubtype(type, interrupted, state);
        return super.visitThrow(tree, null);
      }
    }.scan(
        switch (codeUnit.getLeaf()) {
          case MethodTree method -> method.getBody();
          case LambdaExpressionTree lambda -> lambda.getBody();
          default -> null;
        },
        null);
    return rethrown[0];
  }

  /** True if {@code path} is inside a {@code finally} block of its code unit. */
  private static boolean inFinally(TreePath path) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree) {
        return false;
      }
      if (p.getParentPath().getLeaf() instanceof TryTree tryTree
          && tryTree.getFinallyBlock() == leaf) {
        return true;
      }
    }
    return false;
  }

  /** The innermost catch around {@code path} in its code unit, or null. */
  private static @Nullable TreePath enclosingCatch(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof CatchTree) {
        return p;
      }
      if (p.getLeaf() instanceof MethodTree || p.getLeaf() instanceof LambdaExpressionTree) {
        return null;
      }
    }
    return null;
  }

  /**
   * True if {@link RestorePlacement} places the restore of the catch at {@code catchPath} in place
   * (its ways out as {@link LostInterrupts} sees them; all of them when it sees none, the bare
   * {@code Thread.interrupted()} aside).
   */
  private static boolean restoresInPlace(
      TreePath catchPath, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    List<Leak> leaks = LostInterrupts.ofCatch(catchPath, codeUnit, state, options);
    boolean goesOn = leaks.isEmpty() || LostInterrupts.someGoOn(leaks);
    boolean returns =
        leaks.isEmpty() || leaks.stream().anyMatch(leak -> leak.kind() != LeakKind.WRAPS);
    return RestorePlacement.of(catchPath, codeUnit, goesOn, returns, state, options).shape()
        == RestorePlacement.Shape.RESTORE;
  }

  /**
   * For {@code if (Thread.interrupted())} whose branch loses the interrupt: test the flag without
   * clearing it; none where the flag must stay cleared (a record-then-park wait, where {@code
   * isInterrupted()} would spin).
   */
  public static @Nullable SuggestedFix forInterruptedBranch(
      MethodInvocationTree call,
      InterruptedBranch branch,
      @Nullable TreePath codeUnit,
      VisitorState state) {
    return codeUnit == null
            || !RestorePlacement.mustKeepClearing(branch.ifPath(), branch.branch(), codeUnit, state)
        ? SuggestedFix.replace(call, "Thread.currentThread().isInterrupted()")
        : null;
  }

  /**
   * Rethrows at the end of a catch of InterruptedException alone, where the method declares it or
   * can (private, and every caller in this file can take it).
   */
  private static @Nullable SuggestedFix rethrow(
      CatchTree catchTree, MethodTree method, VisitorState state) {
    List<Type> caught = Catches.caughtTypes(catchTree);
    String name = catchTree.getParameter().getName().toString();
    if (caught.size() != 1
        || !ASTHelpers.isSameType(
            caught.getFirst(), Interrupts.interruptedExceptionType(state), state)
        || name.equals("_")
        || method.getBody() == null) {
      return null;
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (!Interrupts.declaresInterruptedException(method, state)) {
      if (!canAddThrows(method, state)) {
        return null;
      }
      if (method.getThrows().isEmpty()) {
        fix.prefixWith(method.getBody(), "throws InterruptedException ");
      } else {
        fix.postfixWith(method.getThrows().getLast(), ", InterruptedException");
      }
    }
    fix.merge(SourceEdits.insertLast(catchTree.getBlock(), "throw " + name + ";", state));
    return fix.build();
  }

  /** A private method none of whose callers in this file would stop compiling. */
  private static boolean canAddThrows(MethodTree method, VisitorState state) {
    MethodSymbol symbol = getSymbol(method);
    if (symbol == null
        || !method.getModifiers().getFlags().contains(Modifier.PRIVATE)
        || symbol.isConstructor()) {
      return false;
    }
    boolean[] blocked = new boolean[1];
    new TreePathScanner<Void, Void>() {
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
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        blocked[0] |= symbol.equals(getSymbol(reference));
        return super.visitMemberReference(reference, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return !blocked[0];
  }
}
