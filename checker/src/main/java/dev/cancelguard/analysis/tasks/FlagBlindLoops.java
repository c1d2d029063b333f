package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Thread loops that never look at the interrupt flag: the loop of a thread's body (or a task's)
 * that neither tests the flag nor ends on an interrupt. A method that returns into such a loop with
 * the flag restored leaves it set for good on that thread: the loop goes round, and every wait it
 * makes fails or returns at once ({@code Thread.sleep} throws, {@code Selector.select} returns,
 * {@code accept} on an interruptible channel closes it), so the thread spins or loses its channel.
 */
public final class FlagBlindLoops {
  private FlagBlindLoops() {}

  /** How many methods deep the callers are followed to the thread loop they return into. */
  private static final int MAX_CALLER_DEPTH = 2;

  /**
   * The call through which {@code codeUnit} (a method) returns into a flag-blind thread loop: null
   * unless the method is called in this compilation, and every call of it sits in a loop of a task
   * or thread body that neither tests the interrupt flag ({@code isInterrupted()}, {@code
   * interrupted()}) nor has a catch of {@code InterruptedException} that restores it or leaves — or
   * in a method (up to {@value #MAX_CALLER_DEPTH} deep) that looks at the flag nowhere and is
   * itself called only from such loops. The calls looked at are those of this file and of the files
   * that declare a method it overrides ({@code processHandles()} of an abstract acceptor calling
   * the {@code accept(..)} a subclass implements, from its selector loop); callers elsewhere are
   * not seen.
   */
  public static @Nullable TreePath callFromFlagBlindThreadLoop(
      TreePath codeUnit, VisitorState state) {
    return callFromFlagBlindThreadLoop(codeUnit, MAX_CALLER_DEPTH, state);
  }

  private static @Nullable TreePath callFromFlagBlindThreadLoop(
      TreePath codeUnit, int depth, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)
        || Tasks.runsAsTask(codeUnit, state)
        || Tasks.isThreadTopLevel(codeUnit, state)) {
      return null;
    }
    List<TreePath> calls = callsInTheFilesOfItsTypes(codeUnit, symbol, state);
    if (calls.isEmpty()) {
      return null;
    }
    TreePath loopCall = null;
    for (TreePath call : calls) {
      TreePath caller = Tasks.enclosingCodeUnit(call);
      if (caller == null || caller.getLeaf() == method) {
        return null;
      }
      TreePath found;
      if (Tasks.runsAsTask(caller, state) || Tasks.isThreadTopLevel(caller, state)) {
        TreePath loop = Loops.enclosingLoop(call, caller);
        if (loop == null || looksAtTheFlag(loop.getLeaf(), state)) {
          return null;
        }
        found = call;
      } else {
        // A helper between the method and the loop (`processHandles()` calling `accept(..)`)
        // hands the flag on unless it looks at it itself.
        found =
            depth > 0 && !looksAtTheFlag(caller.getLeaf(), state)
                ? callFromFlagBlindThreadLoop(caller, depth - 1, state)
                : null;
        if (found == null) {
          return null;
        }
      }
      if (loopCall == null) {
        loopCall = found;
      }
    }
    return loopCall;
  }

  /**
   * The calls of {@code method} in its own file, and the calls of a method it overrides in the
   * files of this compilation that declare one: a call there may run this implementation.
   */
  private static List<TreePath> callsInTheFilesOfItsTypes(
      TreePath codeUnit, MethodSymbol method, VisitorState state) {
    CompilationUnitTree unit = codeUnit.getCompilationUnit();
    List<TreePath> calls = new ArrayList<>(CallScans.callsOf(unit, method));
    if (method.isStatic() || method.isPrivate() || !(method.owner instanceof ClassSymbol owner)) {
      return calls;
    }
    Types types = state.getTypes();
    try {
      for (Type supertype : types.closure(owner.type)) {
        if (!(supertype.tsym instanceof ClassSymbol type) || type == owner) {
          continue;
        }
        for (Symbol member : type.members().getSymbolsByName(method.getSimpleName())) {
          if (member instanceof MethodSymbol overridden
              && method.overrides(overridden, owner, types, true)) {
            TreePath declaration = CompiledSources.classPath(type, state);
            if (declaration != null) {
              calls.addAll(CallScans.callsOf(declaration.getCompilationUnit(), overridden));
            }
          }
        }
      }
    } catch (RuntimeException incomplete) {
      return calls; // a supertype that cannot be completed: its callers are not seen
    }
    return calls;
  }

  /**
   * True if the loop tests the flag, or has a catch of {@code InterruptedException} that restores
   * it or leaves (an interrupt then ends it, or is seen again by whoever runs it).
   */
  static boolean looksAtTheFlag(Tree loop, VisitorState state) {
    boolean[] looks = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        looks[0] |=
            Expressions.isResolved(call)
                && (ThreadCalls.IS_INTERRUPTED.matches(call, state)
                    || ThreadCalls.INTERRUPTED.matches(call, state));
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitCatch(CatchTree catchTree, Void unused) {
        if (Interrupts.catchesInterruptedExceptionByName(catchTree, state)
            && (restores(catchTree, state) || leaves(catchTree))) {
          looks[0] = true;
        }
        return super.visitCatch(catchTree, null);
      }
    }.scan(loop, null);
    return looks[0];
  }

  private static boolean restores(CatchTree catchTree, VisitorState state) {
    return CallScans.anyCallOutsideNestedCode(
        catchTree.getBlock(), call -> Interrupts.isCurrentThreadInterrupt(call, state));
  }

  /** True if the catch's block ends in a {@code break}, {@code return} or {@code throw}. */
  private static boolean leaves(CatchTree catchTree) {
    List<? extends StatementTree> statements = catchTree.getBlock().getStatements();
    if (statements.isEmpty()) {
      return false;
    }
    Tree.Kind last = statements.getLast().getKind();
    return last == Tree.Kind.BREAK || last == Tree.Kind.RETURN || last == Tree.Kind.THROW;
  }
}
