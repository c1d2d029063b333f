package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.TypeTag;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * A task that does nothing once the stop has run, because the stop holds the task's lock while it
 * sets a flag the task tests under that lock, and the flag is never cleared:
 *
 * <pre>{@code
 * private void tick() {                         // every task the future field holds
 *   lock.lock();
 *   try {
 *     if (closed) return;                       // or: if (!closed) { ... }
 *     ...
 *   } finally {
 *     lock.unlock();
 *   }
 * }
 *
 * void close() {
 *   lock.lock();
 *   try {
 *     closed = true;                            // the only value `closed` is ever given
 *     tickTask.cancel(true);
 *     release(..);                              // cannot meet a run of tick()
 *   } finally {
 *     lock.unlock();
 *   }
 * }
 * }</pre>
 *
 * A run of the task that took the lock before the stop did has ended before the stop's region
 * began; one that takes it later finds the flag set (the lock orders the write before the read) and
 * does nothing. So no run of the task can act at or after the cancel: what the stop releases or
 * reads next, and its return, cannot meet one. The lock is a {@code synchronized} method's or
 * {@code synchronized (this)} block's instance monitor, a {@code synchronized} block on a private
 * final field, or a private final field whose every value is a {@code new ReentrantLock(..)} (a
 * read lock of a read-write lock is shared, and is not one). The stop's region is a {@code
 * synchronized} method or block, or a {@code try} whose {@code finally} is the {@code unlock()}
 * right after the {@code lock()}; a private method every call of which, in the file, lies in such a
 * region counts as one.
 */
public final class LockedStopFlags {
  private LockedStopFlags() {}

  private static final String REENTRANT_LOCK = "java.util.concurrent.locks.ReentrantLock";

  /** A lock both sides take, and the one-way flag the task tests under it. */
  private record Guard(Symbol lock, VarSymbol flag) {}

  /**
   * True if no run of the work the future {@code target} holds can act once the cancel at {@code
   * cancelPath} is reached, by the shape of the class comment.
   */
  public static boolean lateRunDoesNothing(
      CancelTarget target, TreePath cancelPath, VisitorState state) {
    try {
      return doesNothing(target, cancelPath, state);
    } catch (RuntimeException | AssertionError incomplete) {
      return false; // a symbol javac could not complete: nothing is shown
    }
  }

  private static boolean doesNothing(CancelTarget target, TreePath cancelPath, VisitorState state) {
    VarSymbol future = target.variable();
    if (target.kind() != CancelTarget.Kind.FUTURE
        || target.collection() != null
        || future.getKind() != ElementKind.FIELD
        || future.isStatic()
        || !(future.owner instanceof ClassSymbol owner)) {
      return false;
    }
    CompilationUnitTree unit = cancelPath.getCompilationUnit();
    List<ExpressionTree> values = FutureValues.assignedBranches(future, unit);
    if (values == null || !assignedOnlyOnItsOwnInstance(future, unit)) {
      return false;
    }
    Guard guard = null;
    for (ExpressionTree value : values) {
      if (value.getKind() == Tree.Kind.NULL_LITERAL) {
        continue;
      }
      if (!(value instanceof MethodInvocationTree submission)
          || !Expressions.isResolved(submission)
          || !ExecutorCalls.TASK_SUBMISSION.matches(submission, state)
          || submission.getArguments().isEmpty()) {
        return false;
      }
      Guard found = taskGuard(submission.getArguments().getFirst(), owner, unit, state);
      if (found == null || (guard != null && !guard.equals(found))) {
        return false;
      }
      guard = found;
    }
    return guard != null
        && isOneWay(guard.flag(), unit)
        && stopSetsTheFlagHoldingTheLock(cancelPath, guard, owner, unit, state);
  }

  /**
   * Every write of the future field names this instance's ({@code f = ..}, {@code this.f = ..}):
   * the task it holds then runs on the instance whose stop cancels it.
   */
  private static boolean assignedOnlyOnItsOwnInstance(VarSymbol future, CompilationUnitTree unit) {
    boolean[] foreign = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (future.equals(getSymbol(Expressions.strip(tree.getVariable())))
            && Expressions.variableOf(tree.getVariable()) == null) {
          foreign[0] = true;
        }
        return super.visitAssignment(tree, null);
      }
    }.scan(unit, null);
    return !foreign[0];
  }

  /**
   * The guard of a task: a lambda {@code () -> m(reads..)} or {@code this::m} running a method of
   * the class that nothing can override, or a lambda whose own block has the guarded shape.
   */
  private static @Nullable Guard taskGuard(
      ExpressionTree task, ClassSymbol owner, CompilationUnitTree unit, VisitorState state) {
    ExpressionTree stripped = Expressions.strip(task);
    MethodSymbol method = null;
    if (stripped instanceof MemberReferenceTree reference) {
      ExpressionTree qualifier = Expressions.strip(reference.getQualifierExpression());
      if (qualifier instanceof IdentifierTree id
          && id.getName().contentEquals("this")
          && getSymbol(reference) instanceof MethodSymbol referenced) {
        method = referenced;
      }
    } else if (stripped instanceof LambdaExpressionTree lambda
        && lambda.getParameters().isEmpty()) {
      Tree body = lambda.getBody();
      if (body instanceof BlockTree block && block.getStatements().size() != 1) {
        return guardOf(block.getStatements(), null, owner, state);
      }
      if (body instanceof BlockTree block) {
        body = block.getStatements().getFirst();
      }
      if (body instanceof ExpressionStatementTree statement) {
        body = statement.getExpression();
      }
      if (body instanceof MethodInvocationTree call
          && Expressions.receiverSymbol(call) == null
          && call.getArguments().stream().allMatch(LockedStopFlags::isPlainRead)
          && getSymbol(call) instanceof MethodSymbol called) {
        method = called;
      } else if (lambda.getBody() instanceof BlockTree block) {
        return guardOf(block.getStatements(), null, owner, state);
      }
    }
    if (method == null
        || method.isStatic()
        || !owner.equals(method.owner)
        || !cannotBeOverridden(method, owner)) {
      return null;
    }
    MethodTree declared = SameFile.findMethod(unit, method, state);
    if (declared == null || declared.getBody() == null) {
      return null;
    }
    return guardOf(declared.getBody().getStatements(), method, owner, state);
  }

  private static boolean cannotBeOverridden(MethodSymbol method, ClassSymbol owner) {
    return (method.flags() & (Flags.PRIVATE | Flags.FINAL)) != 0
        || (owner.flags() & Flags.FINAL) != 0;
  }

  /** A local, parameter or field read, {@code this.f}, or a literal: reading changes nothing. */
  private static boolean isPlainRead(ExpressionTree argument) {
    ExpressionTree stripped = Expressions.strip(argument);
    return stripped instanceof LiteralTree || Expressions.variableOf(stripped) != null;
  }

  /**
   * The guard of a task's statements: all of them under one lock, the first of the locked ones
   * leaving when the flag is set, or the only one running its body only when it is not.
   */
  private static @Nullable Guard guardOf(
      List<? extends StatementTree> statements,
      @Nullable MethodSymbol method,
      ClassSymbol owner,
      VisitorState state) {
    Symbol lock;
    List<? extends StatementTree> locked;
    if (method != null && (method.flags() & Flags.SYNCHRONIZED) != 0) {
      lock = owner;
      locked = statements;
    } else if (statements.size() == 1 && statements.getFirst() instanceof SynchronizedTree sync) {
      lock = monitorOf(sync, owner);
      locked = sync.getBlock().getStatements();
    } else if (statements.size() == 2
        && statements.get(1) instanceof TryTree region
        && (lock = unlockedIn(region, owner, state)) != null
        && acquires(statements.getFirst(), lock, true, state)) {
      locked = region.getBlock().getStatements();
    } else {
      return null;
    }
    if (lock == null || locked.isEmpty()) {
      return null;
    }
    VarSymbol flag = null;
    if (locked.getFirst() instanceof IfTree test && test.getElseStatement() == null) {
      ExpressionTree condition = Expressions.strip(test.getCondition());
      if (condition instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
        // if (!closed) { .. } and nothing else
        flag = locked.size() == 1 ? Expressions.variableOf(not.getExpression()) : null;
      } else if (onlyLogsThenReturns(test.getThenStatement(), state)) {
        flag = Expressions.variableOf(condition); // if (closed) return; ..
      }
    }
    return flag != null && isFlagField(flag, owner) ? new Guard(lock, flag) : null;
  }

  private static boolean isFlagField(VarSymbol flag, ClassSymbol owner) {
    return flag.getKind() == ElementKind.FIELD
        && !flag.isStatic()
        && flag.getModifiers().contains(Modifier.PRIVATE)
        && owner.equals(flag.owner)
        && flag.type.getTag() == TypeTag.BOOLEAN;
  }

  /** {@code return;}, or a block of log lines over plain reads ending with it. */
  private static boolean onlyLogsThenReturns(StatementTree exit, VisitorState state) {
    List<? extends StatementTree> statements =
        exit instanceof BlockTree block ? block.getStatements() : List.of(exit);
    if (statements.isEmpty()
        || !(statements.getLast() instanceof ReturnTree leave)
        || leave.getExpression() != null) {
      return false;
    }
    return statements.subList(0, statements.size() - 1).stream()
        .allMatch(statement -> isLogLine(statement, state));
  }

  private static boolean isLogLine(StatementTree statement, VisitorState state) {
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && getSymbol(call) instanceof MethodSymbol method
        && ConfinedWork.isLoggingApi(method)
        && call.getArguments().stream().allMatch(LockedStopFlags::isPlainRead)
        && (Expressions.receiverSymbol(call) instanceof VarSymbol logger
            && logger.getKind() == ElementKind.FIELD
            && logger.isStatic());
  }

  /** The monitor a block takes: this instance's (as the class), or a private final field's. */
  private static @Nullable Symbol monitorOf(SynchronizedTree sync, ClassSymbol owner) {
    ClassSymbol instance = InstanceMonitors.lockedBy(sync);
    if (instance != null) {
      return owner.equals(instance) ? owner : null;
    }
    VarSymbol field = Expressions.variableOf(sync.getExpression());
    return field != null && isPrivateFinalField(field, owner) ? field : null;
  }

  private static boolean isPrivateFinalField(VarSymbol field, ClassSymbol owner) {
    return field.getKind() == ElementKind.FIELD
        && !field.isStatic()
        && owner.equals(field.owner)
        && field.getModifiers().contains(Modifier.PRIVATE)
        && field.getModifiers().contains(Modifier.FINAL);
  }

  /**
   * The lock a {@code try} region holds: its {@code finally} is exactly {@code lock.unlock();} on a
   * private final field of the class whose every value is a {@code new ReentrantLock(..)}; it has
   * no catch and no resources.
   */
  private static @Nullable VarSymbol unlockedIn(
      TryTree region, ClassSymbol owner, VisitorState state) {
    BlockTree cleanup = region.getFinallyBlock();
    if (cleanup == null
        || !region.getCatches().isEmpty()
        || !region.getResources().isEmpty()
        || cleanup.getStatements().size() != 1
        || !(cleanup.getStatements().getFirst() instanceof ExpressionStatementTree statement)
        || !(statement.getExpression() instanceof MethodInvocationTree unlock)
        || !(getSymbol(unlock) instanceof MethodSymbol method)
        || !method.getSimpleName().contentEquals("unlock")
        || !unlock.getArguments().isEmpty()
        || !(Expressions.receiverSymbol(unlock) instanceof VarSymbol lock)
        || Expressions.variableOf(getReceiver(unlock)) == null
        || !isPrivateFinalField(lock, owner)) {
      return null;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    List<ExpressionTree> values = FutureValues.collectAssignments(lock, unit, new boolean[1]);
    boolean exclusive =
        !values.isEmpty()
            && values.stream()
                .allMatch(
                    value ->
                        Expressions.strip(value) instanceof NewClassTree made
                            && getSymbol(made) instanceof MethodSymbol constructor
                            && constructor.owner instanceof ClassSymbol type
                            && type.getQualifiedName().contentEquals(REENTRANT_LOCK)
                            && made.getClassBody() == null);
    return exclusive ? lock : null;
  }

  /**
   * The statement before a locked {@code try}: {@code lock.lock();}, {@code
   * lock.lockInterruptibly();}, or a {@code try} of just that whose every catch leaves the method —
   * in a task ({@code quiet}), after at most restoring the thread's interrupt.
   */
  private static boolean acquires(
      StatementTree statement, Symbol lock, boolean quiet, VisitorState state) {
    if (statement instanceof ExpressionStatementTree expression) {
      return isAcquire(expression.getExpression(), lock);
    }
    if (!(statement instanceof TryTree attempt)
        || attempt.getFinallyBlock() != null
        || !attempt.getResources().isEmpty()
        || attempt.getCatches().isEmpty()
        || attempt.getBlock().getStatements().size() != 1
        || !(attempt.getBlock().getStatements().getFirst() instanceof ExpressionStatementTree only)
        || !isAcquire(only.getExpression(), lock)) {
      return false;
    }
    for (CatchTree handler : attempt.getCatches()) {
      List<? extends StatementTree> steps = handler.getBlock().getStatements();
      if (steps.isEmpty()
          || !(steps.getLast() instanceof ReturnTree || steps.getLast() instanceof ThrowTree)) {
        return false;
      }
      if (quiet
          && !(steps.getLast() instanceof ReturnTree leave
              && leave.getExpression() == null
              && steps.subList(0, steps.size() - 1).stream()
                  .allMatch(step -> restoresInterrupt(step) || isLogLine(step, state)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAcquire(ExpressionTree expression, Symbol lock) {
    return expression instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && getSymbol(call) instanceof MethodSymbol method
        && (method.getSimpleName().contentEquals("lock")
            || method.getSimpleName().contentEquals("lockInterruptibly"))
        && lock.equals(Expressions.receiverSymbol(call))
        && Expressions.variableOf(getReceiver(call)) != null;
  }

  /** {@code Thread.currentThread().interrupt();} */
  private static boolean restoresInterrupt(StatementTree statement) {
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && getSymbol(call) instanceof MethodSymbol method
        && method.getSimpleName().contentEquals("interrupt")
        && getReceiver(call) instanceof MethodInvocationTree current
        && getSymbol(current) instanceof MethodSymbol currentThread
        && currentThread.getSimpleName().contentEquals("currentThread")
        && currentThread.owner instanceof ClassSymbol thread
        && thread.getQualifiedName().contentEquals("java.lang.Thread");
  }

  /** Every write of the flag, anywhere in the file, is {@code flag = true}. */
  private static boolean isOneWay(VarSymbol flag, CompilationUnitTree unit) {
    boolean[] cleared = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (flag.equals(getSymbol(Expressions.strip(tree.getVariable())))
            && !isTrue(tree.getExpression())) {
          cleared[0] = true;
        }
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
        if (flag.equals(getSymbol(Expressions.strip(tree.getVariable())))) {
          cleared[0] = true;
        }
        return super.visitCompoundAssignment(tree, null);
      }
    }.scan(unit, null);
    return !cleared[0];
  }

  private static boolean isTrue(ExpressionTree value) {
    return Expressions.strip(value) instanceof LiteralTree literal
        && Boolean.TRUE.equals(literal.getValue());
  }

  /**
   * The cancel lies in a region holding the guard's lock, after a statement of that region that
   * sets the flag; or in a private method whose body sets the flag before it and every call of
   * which lies in such a region.
   */
  private static boolean stopSetsTheFlagHoldingTheLock(
      TreePath cancelPath,
      Guard guard,
      ClassSymbol owner,
      CompilationUnitTree unit,
      VisitorState state) {
    TreePath codeUnit = Tasks.enclosingCodeUnit(cancelPath);
    if (codeUnit == null || !(codeUnit.getLeaf() instanceof MethodTree stop)) {
      return false;
    }
    List<? extends StatementTree> region =
        heldRegion(cancelPath, codeUnit, guard.lock(), owner, state);
    if (region != null) {
      return setsFlagBefore(region, cancelPath, guard.flag());
    }
    if (!(getSymbol(stop) instanceof MethodSymbol stopMethod)
        || (stopMethod.flags() & Flags.PRIVATE) == 0
        || stopMethod.isStatic()
        || stop.getBody() == null
        || !setsFlagBefore(stop.getBody().getStatements(), cancelPath, guard.flag())) {
      return false;
    }
    boolean[] called = new boolean[1];
    boolean[] unheld = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (stopMethod.equals(getSymbol(call))) {
          called[0] = true;
          TreePath caller = Tasks.enclosingCodeUnit(getCurrentPath());
          if (Expressions.receiverSymbol(call) != null
              || caller == null
              || !(caller.getLeaf() instanceof MethodTree)
              || heldRegion(getCurrentPath(), caller, guard.lock(), owner, state) == null) {
            unheld[0] = true;
          }
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        if (stopMethod.equals(getSymbol(reference))) {
          unheld[0] = true;
        }
        return super.visitMemberReference(reference, null);
      }
    }.scan(new TreePath(unit), null);
    return called[0] && !unheld[0];
  }

  /**
   * The statements of the innermost region of {@code codeUnit} (a method) enclosing {@code path}
   * that holds {@code lock}: a {@code synchronized} block or method, or a locked {@code try}; null
   * when there is none, or a lambda or class lies in between.
   */
  private static @Nullable List<? extends StatementTree> heldRegion(
      TreePath path, TreePath codeUnit, Symbol lock, ClassSymbol owner, VisitorState state) {
    Tree child = path.getLeaf();
    for (TreePath up = path.getParentPath();
        up != null && child != codeUnit.getLeaf();
        child = up.getLeaf(), up = up.getParentPath()) {
      Tree leaf = up.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return null;
      }
      if (leaf instanceof SynchronizedTree sync
          && sync.getBlock() == child
          && lock.equals(monitorOf(sync, owner))) {
        return sync.getBlock().getStatements();
      }
      if (leaf instanceof TryTree region
          && region.getBlock() == child
          && lock.equals(unlockedIn(region, owner, state))
          && up.getParentPath().getLeaf() instanceof BlockTree enclosing) {
        int index = enclosing.getStatements().indexOf(region);
        if (index > 0 && acquires(enclosing.getStatements().get(index - 1), lock, false, state)) {
          return region.getBlock().getStatements();
        }
      }
      if (leaf == codeUnit.getLeaf()) {
        break;
      }
    }
    return codeUnit.getLeaf() instanceof MethodTree method
            && lock.equals(owner)
            && getSymbol(method) instanceof MethodSymbol symbol
            && !symbol.isStatic()
            && (symbol.flags() & Flags.SYNCHRONIZED) != 0
            && method.getBody() != null
        ? method.getBody().getStatements()
        : null;
  }

  /** A statement of {@code region} sets the flag to true before the one that holds the cancel. */
  private static boolean setsFlagBefore(
      List<? extends StatementTree> region, TreePath cancelPath, VarSymbol flag) {
    Tree holder = null;
    for (TreePath up = cancelPath; up != null; up = up.getParentPath()) {
      if (region.contains(up.getLeaf())) {
        holder = up.getLeaf();
        break;
      }
    }
    if (holder == null) {
      return false;
    }
    for (StatementTree statement : region) {
      if (statement == holder) {
        return false;
      }
      if (statement instanceof ExpressionStatementTree expression
          && Expressions.strip(expression.getExpression()) instanceof AssignmentTree set
          && flag.equals(Expressions.variableOf(set.getVariable()))
          && isTrue(set.getExpression())) {
        return true;
      }
    }
    return false;
  }
}
