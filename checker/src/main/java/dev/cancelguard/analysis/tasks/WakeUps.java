package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.tree.JCTree;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.interrupts.OwnInterruptRecords;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import dev.cancelguard.analysis.trees.WriteScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * The stop-flag wake-up protocol: a class stops its own thread by setting a field that the thread's
 * loop tests, then interrupting the thread only to wake it from a sleep or wait ({@code running =
 * false; worker.interrupt();}, or {@code pool.shutdownNow()} / {@code future.cancel(true)} for a
 * loop that runs as a task). For the thread, the interrupt is a doorbell: it goes straight back to
 * the loop's test and leaves.
 */
public final class WakeUps {
  private WakeUps() {}

  /**
   * True if the statement at {@code statementPath} sits in a loop whose condition tests a field
   * that this file sets right where it interrupts a thread (in one method, besides {@code
   * Thread.currentThread().interrupt()}, directly or through a method of this file it calls: {@code
   * running = false; interruptWorkers();}), and nothing after the statement in the loop's body can
   * notice an interrupt before the test runs again — or the statement goes straight back to the
   * test ({@code continuesToTheTest}: every way on from it is an unlabelled {@code continue}).
   */
  public static boolean isWakeUpOfStopFlagLoop(
      TreePath statementPath,
      boolean continuesToTheTest,
      VisitorState state,
      CancelGuardOptions options) {
    return isWakeUpOfStopFlagLoop(statementPath, continuesToTheTest, null, state, options);
  }

  /**
   * {@link #isWakeUpOfStopFlagLoop(TreePath, boolean, VisitorState, CancelGuardOptions)}, where the
   * loop's condition may also test the shut-down state of the one pool the code unit runs on, which
   * only that pool's own {@code shutdownNow()} can interrupt ({@link PoolStopStates}): {@code while
   * (!pool.isShutdown())} in a task of {@code pool}.
   */
  public static boolean isWakeUpOfStopFlagLoop(
      TreePath statementPath,
      boolean continuesToTheTest,
      @Nullable TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    TreePath child = statementPath;
    for (TreePath p = statementPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return false;
      }
      ExpressionTree condition = loopCondition(leaf);
      if (condition != null) {
        Set<Symbol> flags = stopStateReadBy(condition, state);
        return (!flags.isEmpty() || codeUnit != null)
            && (continuesToTheTest || bodyReturnsToTheTest(statementPath, child, state, options))
            && ((!flags.isEmpty() && isSetWhereAThreadIsInterrupted(flags, state))
                || PoolStopStates.testsTheStopOfItsOwnPool(
                    condition, /* whenStopped= */ false, codeUnit, state));
      }
      child = p;
    }
    return false;
  }

  static @Nullable ExpressionTree loopCondition(Tree loop) {
    return switch (loop) {
      case WhileLoopTree w -> w.getCondition();
      case DoWhileLoopTree d -> d.getCondition();
      case ForLoopTree f -> f.getCondition();
      default -> null;
    };
  }

  /** Nothing after the statement (up to the loop body) notices an interrupt. */
  private static boolean bodyReturnsToTheTest(
      TreePath statementPath,
      TreePath loopBodyPath,
      VisitorState state,
      CancelGuardOptions options) {
    TreePath p = statementPath;
    while (p != loopBodyPath && p.getParentPath() != null) {
      if (p.getParentPath().getLeaf() instanceof BlockTree block
          && !Tasks.onlyFinishingStatementsAfter(block, p.getLeaf(), state, options)) {
        return false;
      }
      p = p.getParentPath();
    }
    return true;
  }

  /**
   * The fields a stop test reads: {@link #fieldsReadBy} of the condition, and of the one returned
   * expression of each no-argument method of this file it calls that no subclass can replace
   * (private, static or final, or of a final class): {@code while (!shouldStop())} with {@code
   * private boolean shouldStop() { return closed || failed; }} reads {@code closed} as {@code while
   * (!closed)} does.
   */
  static Set<Symbol> stopStateReadBy(ExpressionTree condition, VisitorState state) {
    Set<Symbol> fields = fieldsReadBy(condition);
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (call.getArguments().isEmpty()
            && Expressions.isResolved(call)
            && getSymbol(call) instanceof MethodSymbol method
            && !method.isConstructor()
            && cannotBeReplaced(method)
            && SameFile.isDeclaredIn(method, unit)) {
          MethodTree tree = SameFile.findMethod(unit, method, state);
          if (tree != null
              && tree.getBody() != null
              && tree.getBody().getStatements().size() == 1
              && tree.getBody().getStatements().getFirst() instanceof ReturnTree returned
              && returned.getExpression() != null) {
            fields.addAll(fieldsReadBy(returned.getExpression()));
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(condition, null);
    return fields;
  }

  private static boolean cannotBeReplaced(MethodSymbol method) {
    return method.isPrivate()
        || method.isStatic()
        || (method.flags() & Flags.FINAL) != 0
        || (method.enclClass() != null && (method.enclClass().flags() & Flags.FINAL) != 0);
  }

  private static Set<Symbol> fieldsReadBy(ExpressionTree condition) {
    Set<Symbol> fields = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        addIfField(getSymbol(tree));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        addIfField(getSymbol(tree));
        return super.visitMemberSelect(tree, null);
      }

      private void addIfField(@Nullable Symbol symbol) {
        if (symbol instanceof VarSymbol variable && variable.owner instanceof Symbol.ClassSymbol) {
          fields.add(variable);
        }
      }
    }.scan(condition, null);
    return fields;
  }

  static boolean isSetWhereAThreadIsInterrupted(Set<Symbol> flags, VisitorState state) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        if (method.getBody() != null
            && setsFlag(method.getBody(), flags, state, /* followSetters= */ true)
            && interruptsAnotherThread(method.getBody(), state, /* followHelpers= */ true)) {
          found[0] = true;
        }
        return super.visitMethod(method, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return found[0];
  }

  /** True if the body writes a flag in any form a write takes, an atomic's set included. */
  private static boolean setsFlag(
      Tree body, Set<Symbol> flags, VisitorState state, boolean followSetters) {
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    boolean[] sets = new boolean[1];
    new WriteScanner() {
      @Override
      protected void written(ExpressionTree variable, ExpressionTree write) {
        sets[0] |= flags.contains(getSymbol(stripParentheses(variable)));
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && SyncCalls.ATOMIC_SET.matches(call, state)) {
          ExpressionTree receiver = getReceiver(call);
          if (receiver != null) {
            written(receiver, call);
          }
        }
        // `stopper.shutdown(); stopper.interrupt();`: a same-file setter sets the flag.
        if (followSetters
            && !sets[0]
            && Expressions.isResolved(call)
            && getSymbol(call) instanceof MethodSymbol method
            && SameFile.isDeclaredIn(method, unit)) {
          MethodTree setter = SameFile.findMethod(unit, method, state);
          sets[0] |=
              setter != null
                  && setter.getBody() != null
                  && setsFlag(setter.getBody(), flags, state, /* followSetters= */ false);
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scanWithin(unit, body);
    return sets[0];
  }

  /**
   * True if the loop has a catch of {@link InterruptedException} (outside code nested in it) and
   * every such catch {@linkplain #testsStopFlagAndLeaves tests the stop flag of this file's wake-up
   * protocol and leaves}: {@code catch (InterruptedException e) { if (state == SHUTDOWN) { return;
   * } }}. The class stops the loop by setting the flag and then interrupting its thread; the loop
   * ends by that protocol, and a stray interrupt only cuts one pause short.
   */
  public static boolean interruptCatchesTestStopFlagAndLeave(Tree loop, VisitorState state) {
    List<CatchTree> catches = new ArrayList<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitCatch(CatchTree catchTree, Void unused) {
        if (Interrupts.catchesInterruptedExceptionByName(catchTree, state)) {
          catches.add(catchTree);
        }
        return super.visitCatch(catchTree, null);
      }
    }.scan(loop, null);
    return !catches.isEmpty()
        && catches.stream().allMatch(catchTree -> testsStopFlagAndLeaves(catchTree, state));
  }

  /**
   * True if the catch tests a stop flag of this file's wake-up protocol (a field set where a thread
   * is interrupted) and leaves — returns, breaks or throws — when it is set: {@code if (closed) {
   * return; }}. The interrupt that comes with the flag ends the loop; the catch owns the rest.
   */
  public static boolean testsStopFlagAndLeaves(CatchTree catchTree, VisitorState state) {
    return testsStopFlagAndLeaves(catchTree, null, state);
  }

  /**
   * {@link #testsStopFlagAndLeaves(CatchTree, VisitorState)}, or the catch's first statement tests
   * the shut-down state of the one pool the code unit runs on, which only that pool's own {@code
   * shutdownNow()} can interrupt, and leaves when it is set ({@link PoolStopStates}): {@code catch
   * (InterruptedException e) { if (pool.isShutdown()) return; }} in a task of {@code pool}.
   */
  public static boolean testsStopFlagAndLeaves(
      CatchTree catchTree, @Nullable TreePath codeUnit, VisitorState state) {
    List<? extends StatementTree> statements = catchTree.getBlock().getStatements();
    if (!statements.isEmpty()
        && statements.getFirst() instanceof IfTree first
        && leaves(first.getThenStatement())
        && PoolStopStates.testsTheStopOfItsOwnPool(
            first.getCondition(), /* whenStopped= */ true, codeUnit, state)) {
      return true;
    }
    for (StatementTree statement : statements) {
      if (statement instanceof IfTree ifTree && leaves(ifTree.getThenStatement())) {
        Set<Symbol> flags = fieldsReadBy(ifTree.getCondition());
        if (!flags.isEmpty() && isSetWhereAThreadIsInterrupted(flags, state)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True if the statement at {@code statementPath} ({@code Thread.interrupted();}) is a statement
   * of the branch of an {@code if} that tests a field this file sets right where it interrupts
   * another thread: the class clears the interrupt it sent itself ({@code deadline = 0;
   * caller.interrupt();} in its alarm, {@code if (deadline == 0) Thread.interrupted();} when the
   * timed call ends), so it does not leak into the caller's next operation; or a statement of the
   * branch taken when a record of the compilation's own interrupt, in any file, is set ({@link
   * OwnInterruptRecords}).
   */
  public static boolean clearsItsOwnInterrupt(TreePath statementPath, VisitorState state) {
    return clearsOnTheTestOfAFieldSetWhereAThreadIsInterrupted(statementPath, state)
        || clearsUnderARecordOfItsOwnInterrupt(statementPath, state);
  }

  /**
   * True if the statement at {@code statementPath} is a statement of the branch of an {@code if}
   * taken when a record of the compilation's own interrupt is set ({@link OwnInterruptRecords}: a
   * field, of this file or another, set to true only right before its class interrupts the thread
   * it keeps, and cleared again): {@code if (execution.isInterrupted()) { Thread.interrupted();
   * return ..; }}.
   */
  private static boolean clearsUnderARecordOfItsOwnInterrupt(
      TreePath statementPath, VisitorState state) {
    TreePath p = statementPath.getParentPath();
    Tree child = statementPath.getLeaf();
    if (p != null && p.getLeaf() instanceof BlockTree) {
      child = p.getLeaf();
      p = p.getParentPath();
    }
    if (p == null || !(p.getLeaf() instanceof IfTree ifTree)) {
      return false;
    }
    return (child == ifTree.getThenStatement()
            && OwnInterruptRecords.impliesOwnInterrupt(ifTree.getCondition(), true, state))
        || (child == ifTree.getElseStatement()
            && OwnInterruptRecords.impliesOwnInterrupt(ifTree.getCondition(), false, state));
  }

  private static boolean clearsOnTheTestOfAFieldSetWhereAThreadIsInterrupted(
      TreePath statementPath, VisitorState state) {
    Tree child = statementPath.getLeaf();
    boolean longerBranch = false;
    for (TreePath p = statementPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof IfTree ifTree && child != ifTree.getCondition()) {
        Set<Symbol> flags = fieldsReadBy(ifTree.getCondition());
        return !flags.isEmpty()
            && (longerBranch
                ? isSetOnlyWhereAThreadIsInterrupted(flags, state)
                : isSetWhereAThreadIsInterrupted(flags, state));
      }
      if (!(leaf instanceof BlockTree block)) {
        return false;
      }
      // The clear may be any statement of the branch's own block (`if (task.executed) {
      // Thread.interrupted(); failure = timeout(..); }`) when every write of the flag in the file
      // comes with an interrupt; a block further out holds only the block within.
      if (block.getStatements().size() != 1) {
        if (child != statementPath.getLeaf()) {
          return false;
        }
        longerBranch = true;
      }
      child = leaf;
    }
    return false;
  }

  /**
   * True if the file writes the flags somewhere, and every method that writes one also interrupts
   * another thread: {@code executed = true; thread.interrupt();} is the only write of {@code
   * executed}.
   */
  private static boolean isSetOnlyWhereAThreadIsInterrupted(Set<Symbol> flags, VisitorState state) {
    boolean[] written = new boolean[1];
    boolean[] writtenWithoutInterrupt = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        if (method.getBody() != null
            && setsFlag(method.getBody(), flags, state, /* followSetters= */ false)) {
          written[0] = true;
          writtenWithoutInterrupt[0] |=
              !interruptsAnotherThread(method.getBody(), state, /* followHelpers= */ true);
        }
        return super.visitMethod(method, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return written[0] && !writtenWithoutInterrupt[0];
  }

  /**
   * True if the statement at {@code statementPath} ({@code Thread.interrupted();}) clears only an
   * interrupt its own method caused: it is the branch of {@code if (!wasInterrupted)}, where {@code
   * wasInterrupted} is an effectively final local of the same block initialized with {@code
   * Thread.currentThread().isInterrupted()}, and the statements between that local and the {@code
   * if} interrupt threads themselves ({@code pool.shutdownNow()}, {@code future.cancel(true)},
   * {@code t.interrupt()}; also through a method of this file they call) — which may be the current
   * one: {@code boolean wasInterrupted = Thread.currentThread().isInterrupted();
   * pool.shutdownNow(); if (!wasInterrupted) Thread.interrupted();}. An interrupt that was there
   * before is left alone.
   */
  public static boolean clearsOnlyWhatItCaused(TreePath statementPath, VisitorState state) {
    Tree child = statementPath.getLeaf();
    TreePath p = statementPath.getParentPath();
    while (p != null
        && p.getLeaf() instanceof BlockTree block
        && block.getStatements().size() == 1) {
      child = block;
      p = p.getParentPath();
    }
    if (p == null
        || !(p.getLeaf() instanceof IfTree ifTree)
        || ifTree.getThenStatement() != child
        || !(stripParentheses(ifTree.getCondition()) instanceof UnaryTree not)
        || not.getKind() != Tree.Kind.LOGICAL_COMPLEMENT
        || !(getSymbol(stripParentheses(not.getExpression())) instanceof VarSymbol saved)
        || saved.getKind() != ElementKind.LOCAL_VARIABLE
        || (saved.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0
        || !(p.getParentPath().getLeaf() instanceof BlockTree block)) {
      return false;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int test = statements.indexOf(ifTree);
    for (int i = 0; i < test; i++) {
      if (statements.get(i) instanceof VariableTree declaration
          && saved.equals(getSymbol(declaration))) {
        return declaration.getInitializer() != null
            && stripParentheses(declaration.getInitializer()) instanceof MethodInvocationTree read
            && Expressions.isResolved(read)
            && ThreadCalls.IS_INTERRUPTED.matches(read, state)
            && getReceiver(read) instanceof MethodInvocationTree current
            && Expressions.isResolved(current)
            && ThreadCalls.CURRENT_THREAD.matches(current, state)
            && statements.subList(i + 1, test).stream()
                .anyMatch(s -> interruptsAnotherThread(s, state, /* followHelpers= */ true));
      }
    }
    return false;
  }

  /**
   * True if the statement at {@code statementPath} ({@code Thread.interrupted();}) takes back an
   * interrupt its class aimed at the current thread while it ran the work: earlier in the same
   * method (or lambda: a derived executor's wrapper around each task, {@code tasks.offer(() -> {
   * runner = Thread.currentThread(); .. })}) the thread was published in a field of the class
   * ({@code runner = Thread.currentThread();}) and then withdrawn from it ({@code runner = null;}),
   * and this file interrupts threads through that field ({@code Thread t = runner; if (t != null)
   * t.interrupt();} in {@code cancel()}). A task wrapper on a pooled thread clears that interrupt
   * once its task is done, so that it does not leak into the thread's next task.
   */
  public static boolean clearsTheInterruptItAimedAtItsRunner(
      TreePath statementPath, VisitorState state) {
    TreePath codeUnit = Tasks.enclosingCodeUnit(statementPath);
    // A method, or a lambda (the wrapper a derived executor queues around each task it is given).
    Tree body = codeUnit == null ? null : CodeUnits.bodyOf(codeUnit.getLeaf());
    if (!(body instanceof BlockTree)) {
      return false;
    }
    long clearAt = ((JCTree) statementPath.getLeaf()).getStartPosition();
    Set<Symbol> published = new HashSet<>();
    Set<Symbol> withdrawn = new HashSet<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (getSymbol(assignment.getVariable()) instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
            && !field.isStatic()
            && ((JCTree) assignment).getStartPosition() < clearAt) {
          ExpressionTree value = stripParentheses(assignment.getExpression());
          if (value.getKind() == Tree.Kind.NULL_LITERAL) {
            withdrawn.add(field);
          } else if (value instanceof MethodInvocationTree call
              && Expressions.isResolved(call)
              && ThreadCalls.CURRENT_THREAD.matches(call, state)) {
            published.add(field);
          }
        }
        return super.visitAssignment(assignment, null);
      }
    }.scan(body, null);
    published.retainAll(withdrawn);
    if (published.isEmpty()) {
      return false;
    }
    // The file's interrupts aimed through the field: `runner.interrupt()`, or through a local
    // copy of it, `Thread t = runner; t.interrupt();`.
    Set<Symbol> copies = new HashSet<>(published);
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (variable.getInitializer() != null
            && copies.contains(getSymbol(stripParentheses(variable.getInitializer())))) {
          copies.add(getSymbol(variable));
        }
        return super.visitVariable(variable, null);
      }
    }.scan(statementPath.getCompilationUnit(), null);
    return CallScans.anyCall(
        statementPath.getCompilationUnit(),
        call ->
            Expressions.isResolved(call)
                && ThreadCalls.INTERRUPT.matches(call, state)
                && getReceiver(call) != null
                && copies.contains(getSymbol(stripParentheses(getReceiver(call)))));
  }

  static boolean leaves(StatementTree statement) {
    StatementTree last = statement;
    while (last instanceof BlockTree block && !block.getStatements().isEmpty()) {
      last = block.getStatements().getLast();
    }
    return last instanceof ReturnTree || last instanceof BreakTree || last instanceof ThrowTree;
  }

  /**
   * True if the body interrupts another thread; with {@code followHelpers}, also through a method
   * of this file it calls ({@code interruptAcceptors()}), one call deep.
   */
  private static boolean interruptsAnotherThread(
      Tree body, VisitorState state, boolean followHelpers) {
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    return CallScans.anyCall(
        body,
        call -> {
          if (!Expressions.isResolved(call)) {
            return false;
          }
          if (interruptsAnotherThread(call, state)) {
            return true;
          }
          if (!followHelpers
              || !(getSymbol(call) instanceof MethodSymbol method)
              || !SameFile.isDeclaredIn(method, unit)) {
            return false;
          }
          MethodTree helper = SameFile.findMethod(unit, method, state);
          return helper != null
              && helper.getBody() != null
              && interruptsAnotherThread(helper.getBody(), state, /* followHelpers= */ false);
        });
  }

  /**
   * {@code shutdownNow()} interrupts the pool's threads, {@code cancel(true)} the task's, {@code
   * t.interrupt()} a thread other than the current one.
   */
  private static boolean interruptsAnotherThread(MethodInvocationTree call, VisitorState state) {
    if (ExecutorCalls.SHUTDOWN_NOW.matches(call, state)
        || (FutureCalls.CANCEL_WITH_FLAG.matches(call, state)
            && call.getArguments().size() == 1
            && Boolean.TRUE.equals(constValue(call.getArguments().getFirst())))) {
      return true;
    }
    if (!ThreadCalls.INTERRUPT.matches(call, state)) {
      return false;
    }
    ExpressionTree receiver = getReceiver(call);
    return receiver == null
        || !(stripParentheses(receiver) instanceof MethodInvocationTree r
            && Expressions.isResolved(r)
            && ThreadCalls.CURRENT_THREAD.matches(r, state));
  }
}
