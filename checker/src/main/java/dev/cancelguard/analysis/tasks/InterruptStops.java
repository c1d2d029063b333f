package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import dev.cancelguard.analysis.trees.WriteScanner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Whether an interrupt is how a thread's loop is meant to stop, so that a fix may leave the loop on
 * one. A worker loop that runs while its object's own state says so ({@code while (running)},
 * {@code while (!isStopped())}) is stopped by that state; leaving it on an interrupt that nobody
 * sent as a stop (nothing in the file interrupts a thread, shuts a pool down now or cancels with an
 * interrupt) ends the only thread doing that work while the state still says it runs, and nothing
 * starts it again. A loop whose own exit test releases the run ({@code else if (checkEmpty())
 * break;} where {@code checkEmpty()} resets the field that says a worker runs) must end only there,
 * for the same reason.
 */
public final class InterruptStops {
  private InterruptStops() {}

  /**
   * True if leaving {@code loop} (in {@code codeUnit}) on an interrupt is the stop its owner
   * expects: the loop tests no state of its object that says whether to go on (a {@code while
   * (true)} work loop, a counted loop, a drain of a queue), or it tests the interrupt flag itself,
   * or {@code leavingCode} (the catch that would leave; null: none) sets the stop state the loop
   * tests, or something in the file interrupts another thread as its stop ({@code
   * thread.interrupt()}, {@code shutdownNow()}, {@code cancel(true)}) — and in every case the
   * loop's own exit test does not release the run.
   */
  public static boolean leavingIsItsStop(
      TreePath loop, @Nullable Tree leavingCode, TreePath codeUnit, VisitorState state) {
    if (exitTestReleasingTheRun(loop, state) != null) {
      return false;
    }
    ExpressionTree condition = Loops.condition(loop.getLeaf());
    if (condition == null
        || CallScans.anyCall(
            condition,
            call ->
                Expressions.isResolved(call)
                    && (ThreadCalls.IS_INTERRUPTED.matches(call, state)
                        || ThreadCalls.INTERRUPTED.matches(call, state)))) {
      return true;
    }
    Set<Symbol> stopState = stopStateReadBy(condition, state);
    if (stopState.isEmpty()) {
      return true;
    }
    if (leavingCode != null
        && writesAnyField(state.getPath().getCompilationUnit(), leavingCode, stopState)) {
      return true; // `catch (InterruptedException e) { running = false; }`: the leave is a stop
    }
    if (anotherCatchEndsTheLoopOnAnInterrupt(loop, leavingCode, state)) {
      return true; // the loop's own code already takes an interrupt for its end
    }
    return interruptsAsAStop(codeUnit, state);
  }

  /**
   * True if {@code loop} is the whole work of a task or a thread that its users can interrupt as a
   * stop, and it goes on until its object's own stop state ends it: the code unit runs as a task or
   * is a thread's whole work ({@link Tasks#runsAsTask}, {@link Tasks#isThreadTopLevel}); the loop
   * is its outermost loop; its condition reads only its object's own state that says whether to go
   * on ({@code while (running)}, {@code while (!halted.get())}, {@code while (isRunning())}) — no
   * local or parameter (a counter, a bound, an item it works through: such a loop ends by itself) —
   * or it has none ({@code for (;;)}, ended from inside); {@code catchTree} does not set that
   * state; and the work may run on a thread someone else interrupts: not on a thread its class
   * keeps and never interrupts ({@link UninterruptedThreads}), nor, for a thread's whole work, on a
   * thread this code makes from a class or lambda its users cannot name. An interrupt recorded
   * there and restored once the loop is over leaves the interrupted task working and waiting until
   * that state changes: {@code shutdownNow()} or {@code cancel(true)} of the executor it runs on
   * does not stop it.
   */
  public static boolean goesOnUntilItsOwnStop(
      TreePath loop, Tree catchTree, TreePath codeUnit, VisitorState state) {
    boolean task = Tasks.runsAsTask(codeUnit, state);
    boolean thread = Tasks.isThreadTopLevel(codeUnit, state);
    if (!(task || thread) || Loops.enclosingLoop(loop, codeUnit) != null) {
      return false;
    }
    ExpressionTree condition = Loops.condition(loop.getLeaf());
    if (loop.getLeaf() instanceof EnhancedForLoopTree) {
      return false; // a walk through items ends by itself
    }
    if (!Loops.hasNoExitCondition(loop.getLeaf()) && condition != null) {
      if (readsALocal(condition)) {
        return false;
      }
      Set<Symbol> stopState = stopStateReadBy(condition, state);
      if (stopState.isEmpty()
          || writesAnyField(state.getPath().getCompilationUnit(), catchTree, stopState)) {
        return false;
      }
    }
    if (UninterruptedThreads.isBodyOfUninterruptedThread(codeUnit, state)) {
      return false;
    }
    // The whole work of a thread this code makes, from a class its users cannot name: only this
    // code runs it, and an interrupt there is a stray one (rule 2), which the record keeps.
    return !(thread && !nameableByUsers(codeUnit));
  }

  /** Reads a local variable or a parameter (not in nested code). */
  private static boolean readsALocal(ExpressionTree expression) {
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        Symbol symbol = getSymbol(id);
        found[0] |=
            symbol != null
                && (symbol.getKind() == ElementKind.LOCAL_VARIABLE
                    || symbol.getKind() == ElementKind.PARAMETER
                    || symbol.getKind() == ElementKind.RESOURCE_VARIABLE
                    || symbol.getKind() == ElementKind.BINDING_VARIABLE);
        return null;
      }
    }.scan(expression, null);
    return found[0];
  }

  /**
   * True if the code unit is a method of a named class that code outside its package can name (the
   * class and every class around it public): its users can make one and run it on a thread or
   * executor of their own.
   */
  private static boolean nameableByUsers(TreePath codeUnit) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    for (Symbol owner = symbol.enclClass();
        owner instanceof Symbol.ClassSymbol;
        owner = owner.owner) {
      if (owner.isAnonymous() || !owner.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
      if (owner.owner == null || owner.owner.getKind() == ElementKind.PACKAGE) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if a catch in the loop other than {@code leavingCode}, naming {@code
   * InterruptedException}, ends the loop: its block's last statement throws, returns or breaks
   * ({@code catch (InterruptedException e) { throw new RuntimeException(e); }} around the loop's
   * pause). The loop's owner already treats an interrupt as its end there.
   */
  private static boolean anotherCatchEndsTheLoopOnAnInterrupt(
      TreePath loop, @Nullable Tree leavingCode, VisitorState state) {
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitCatch(CatchTree catchTree, Void unused) {
        List<? extends StatementTree> statements = catchTree.getBlock().getStatements();
        if (catchTree != leavingCode
            && Interrupts.catchesInterruptedExceptionByName(catchTree, state)
            && !statements.isEmpty()
            && (statements.getLast() instanceof ThrowTree
                || statements.getLast() instanceof ReturnTree
                || (statements.getLast() instanceof BreakTree exit
                    && (exit.getLabel() == null || Loops.isLoop(loop.getLeaf()))))) {
          found[0] = true;
        }
        return super.visitCatch(catchTree, null);
      }
    }.scan(Loops.body(loop.getLeaf()), null);
    return found[0];
  }

  /**
   * The object's own state a loop condition reads that says whether to go on: its fields and
   * no-argument methods of type {@code boolean}, {@code Boolean}, {@code AtomicBoolean} or an enum
   * ({@code running}, {@code isStopped()}, {@code state}). What the loop works through ({@code
   * queue.poll() != null}, {@code count() > 0}) is no such state.
   */
  private static Set<Symbol> stopStateReadBy(ExpressionTree condition, VisitorState state) {
    Set<Symbol> stopState = new HashSet<>();
    for (Symbol symbol : LoopExitCleanups.ownStateReadBy(condition)) {
      Type type = symbol instanceof MethodSymbol method ? method.getReturnType() : symbol.type;
      if (isStateType(type, state)) {
        stopState.add(symbol);
      }
    }
    return stopState;
  }

  private static boolean isStateType(@Nullable Type type, VisitorState state) {
    if (type == null) {
      return false;
    }
    if (type.getKind() == TypeKind.BOOLEAN || type.tsym.getKind() == ElementKind.ENUM) {
      return true;
    }
    Type boxed = state.getTypeFromString("java.lang.Boolean");
    Type atomic = state.getTypeFromString("java.util.concurrent.atomic.AtomicBoolean");
    return (boxed != null && ASTHelpers.isSameType(type, boxed, state))
        || (atomic != null && ASTHelpers.isSubtype(type, atomic, state));
  }

  /**
   * The test on the way to one of the loop's ordinary exits ({@code if (checkEmpty()) break;}) that
   * calls a method of this object, declared in this file, that assigns one of the object's fields:
   * the exit releases the run (resets what says a worker runs), so that the next request starts a
   * new one. Null where there is none.
   */
  public static @Nullable Tree exitTestReleasingTheRun(TreePath loop, VisitorState state) {
    for (TreePath exit : Loops.exits(loop)) {
      for (TreePath p = exit.getParentPath();
          p != null && p.getLeaf() != loop.getLeaf();
          p = p.getParentPath()) {
        if (p.getLeaf() instanceof IfTree ifTree
            && callsAStateWriterOfItsObject(ifTree.getCondition(), state)) {
          return ifTree;
        }
      }
    }
    return null;
  }

  private static boolean callsAStateWriterOfItsObject(ExpressionTree test, VisitorState state) {
    return CallScans.anyCallOutsideNestedCode(
        test,
        call -> {
          ExpressionTree receiver = getReceiver(call);
          if (!Expressions.isResolved(call)
              || !(getSymbol(call) instanceof MethodSymbol method)
              || method.isStatic()
              || !(receiver == null
                  || (receiver instanceof IdentifierTree id
                      && id.getName().contentEquals("this")))) {
            return false;
          }
          MethodTree declaration =
              SameFile.findMethod(state.getPath().getCompilationUnit(), method, state);
          return declaration != null
              && declaration.getBody() != null
              && writesAnyField(state.getPath().getCompilationUnit(), declaration.getBody(), null);
        });
  }

  /**
   * True if something in the file, outside {@code codeUnit}, interrupts another thread or a pool's
   * running tasks: {@code thread.interrupt()} (not on {@code Thread.currentThread()}), {@code
   * executor.shutdownNow()}, {@code future.cancel(true)}. Such a class sends interrupts as its
   * stop.
   */
  private static boolean interruptsAsAStop(TreePath codeUnit, VisitorState state) {
    boolean[] found = new boolean[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] || tree == codeUnit.getLeaf() ? null : super.scan(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        found[0] |= Expressions.isResolved(call) && sendsAnInterrupt(call, state);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return found[0];
  }

  private static boolean sendsAnInterrupt(MethodInvocationTree call, VisitorState state) {
    if (ThreadCalls.INTERRUPT.matches(call, state)) {
      ExpressionTree receiver = getReceiver(call);
      return !(receiver instanceof MethodInvocationTree current
          && ThreadCalls.CURRENT_THREAD.matches(current, state));
    }
    if (ExecutorCalls.SHUTDOWN_NOW.matches(call, state)) {
      return true;
    }
    return FutureCalls.CANCEL_WITH_FLAG.matches(call, state)
        && !Boolean.FALSE.equals(constValue(call.getArguments().getFirst()));
  }

  /**
   * True if {@code tree}, a tree of {@code unit}, assigns (not in its nested code) a field in
   * {@code fields}, or any field when {@code fields} is null; a call with arguments on such a field
   * ({@code running.set(false)}) counts as a write too.
   */
  private static boolean writesAnyField(
      CompilationUnitTree unit, Tree tree, @Nullable Set<Symbol> fields) {
    boolean[] writes = new boolean[1];
    new WriteScanner() {
      @Override
      protected void written(ExpressionTree variable, ExpressionTree write) {
        Symbol symbol = getSymbol(variable);
        writes[0] |=
            symbol != null
                && symbol.getKind() == ElementKind.FIELD
                && !symbol.isStatic()
                && (fields == null || fields.contains(symbol));
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        // `running.set(false)`, `state.compareAndSet(..)` on a field the loop tests
        if (fields != null
            && getReceiver(call) instanceof ExpressionTree receiver
            && fields.contains(getSymbol(receiver))
            && getSymbol(call) instanceof MethodSymbol method
            && !method.getParameters().isEmpty()) {
          writes[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return null; // nested code runs elsewhere, or later
      }

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        return null;
      }
    }.scanWithin(unit, tree);
    return writes[0];
  }
}
