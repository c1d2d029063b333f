package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Jumps;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A loop whose every round calls a method with no code here to read that declares a supertype of
 * {@link InterruptedException} ({@code Exception}, {@code Throwable}): an abstract method of a type
 * from outside the compilation ({@code source.read()} of a connector interface, {@code
 * Callable.call()}), whose implementations are anybody's. Such a method may wait and let the
 * interrupt's {@code InterruptedException} out (its {@code throws} clause is there for that), and
 * where nothing inside the loop catches it and goes round, it leaves the loop. Whether the loop has
 * a cancellation point is in code that is not here: the loop is not said to have none.
 *
 * <p>"Every round": the call is in the loop body's own statements, before any statement that could
 * skip the rest of the round (one that holds a {@code return}, {@code break}, {@code continue},
 * {@code yield} or {@code throw}): an expression statement, a declaration or a {@code return}, also
 * inside a {@code try} or {@code synchronized} block among them; in the statement's own expression,
 * not in a branch of {@code ?:}, {@code &&}, {@code ||} or a switch expression, nor in a lambda or
 * class ({@link CallScans#anyCallEveryEvaluationMakes}). Or a call there of a method of this file
 * whose body does the same, on every path, up to {@value #MAX_HELPER_DEPTH} calls deep, where a
 * catch of the helper on the way only rethrows what it caught ({@code catch (Exception e) { log(e);
 * throw e; }}).
 */
public final class UnreadThrowingCalls {
  /** How many same-file helpers deep a round's call is followed. */
  static final int MAX_HELPER_DEPTH = 2;

  private UnreadThrowingCalls() {}

  /**
   * True if every round of the loop at {@code loopPath} makes such a call, and the exception it may
   * throw leaves the loop: no catch inside the loop receives it, or the one that does leaves the
   * loop on an {@code InterruptedException}.
   */
  public static boolean everyRoundCallsAnUnreadWaitThatLeaves(
      TreePath loopPath, VisitorState state) {
    Tree loop = loopPath.getLeaf();
    if (!Loops.isLoop(loop)) {
      return false;
    }
    StatementTree body = Loops.body(loop);
    try {
      return new Scan(loopPath, state).runs(new TreePath(loopPath, body), loop, 0);
    } catch (RuntimeException incomplete) {
      return false; // a type javac cannot complete
    }
  }

  private static final class Scan {
    private final TreePath loopPath;
    private final VisitorState state;
    private final CompilationUnitTree unit;
    private final Set<MethodSymbol> entered = new HashSet<>();

    Scan(TreePath loopPath, VisitorState state) {
      this.loopPath = loopPath;
      this.state = state;
      this.unit = loopPath.getCompilationUnit();
    }

    /**
     * True if every run of the statement at {@code path} makes a qualifying call before it
     * completes, whose exception leaves {@code scope} (the loop, or a helper method).
     */
    boolean runs(TreePath path, Tree scope, int depth) {
      Tree leaf = path.getLeaf();
      switch (leaf) {
        case BlockTree block -> {
          for (StatementTree statement : block.getStatements()) {
            if (runs(new TreePath(path, statement), scope, depth)) {
              return true;
            }
            if (Jumps.mayLeaveEarly(statement, /* countThrows= */ true)) {
              return false; // it may skip the rest of the block
            }
          }
          return false;
        }
        case TryTree tryTree -> {
          return runs(new TreePath(path, tryTree.getBlock()), scope, depth);
        }
        case SynchronizedTree sync -> {
          return runs(new TreePath(path, sync.getBlock()), scope, depth);
        }
        case ExpressionStatementTree statement -> {
          return ownExpressionCalls(new TreePath(path, statement.getExpression()), scope, depth);
        }
        case ReturnTree returned when returned.getExpression() != null -> {
          return ownExpressionCalls(new TreePath(path, returned.getExpression()), scope, depth);
        }
        case VariableTree variable when variable.getInitializer() != null -> {
          return ownExpressionCalls(new TreePath(path, variable.getInitializer()), scope, depth);
        }
        default -> {
          return false;
        }
      }
    }

    /** A qualifying call in the expression's own evaluation, not in a branch of it. */
    private boolean ownExpressionCalls(TreePath expression, Tree scope, int depth) {
      return CallScans.anyCallEveryEvaluationMakes(
          expression, (call, callPath) -> qualifies(call, callPath, scope, depth));
    }

    private boolean qualifies(MethodInvocationTree call, TreePath callPath, Tree scope, int depth) {
      if (!Expressions.isResolved(call) || !(getSymbol(call) instanceof MethodSymbol method)) {
        return false;
      }
      if (isUnreadThrowing(call, method)) {
        return leaves(callPath, scope);
      }
      // A helper of this file that makes such a call on every path, and lets its exception out.
      if (depth >= MAX_HELPER_DEPTH
          || !SameFile.isDeclaredIn(method, unit)
          || !entered.add(method)) {
        return false;
      }
      MethodTree helper = SameFile.findMethod(unit, method, state);
      if (helper == null || helper.getBody() == null) {
        return false;
      }
      TreePath helperPath = TreePath.getPath(unit, helper);
      return helperPath != null
          && runs(new TreePath(helperPath, helper.getBody()), helper, depth + 1)
          && leaves(callPath, scope);
    }

    /**
     * An abstract method of a type from outside the compilation that declares a supertype of {@code
     * InterruptedException} but not that exception itself (which is a cancellation point already).
     */
    private boolean isUnreadThrowing(MethodInvocationTree call, MethodSymbol method) {
      if ((method.flags() & Flags.ABSTRACT) == 0
          || method.isStatic()
          || !(method.owner instanceof ClassSymbol owner)
          || CompiledSources.classTree(owner, state) != null
          || Interrupts.throwsInterruptedException(call, state)) {
        return false;
      }
      Type methodType = getType(call.getMethodSelect());
      if (methodType == null) {
        return false;
      }
      Type interrupted = Interrupts.interruptedExceptionType(state);
      for (Type thrown : methodType.getThrownTypes()) {
        if (isSubtype(interrupted, thrown, state)) {
          return true;
        }
      }
      return false;
    }

    /**
     * True if an {@code InterruptedException} thrown by the call at {@code callPath} leaves {@code
     * scope}: no catch on the way receives it; or, in the loop, the catch that does leaves the loop
     * on it; or, in a helper, the catch only rethrows what it caught.
     */
    private boolean leaves(TreePath callPath, Tree scope) {
      if (scope == loopPath.getLeaf()) {
        return CancellationPoints.interruptLeavesLoop(callPath, loopPath, state);
      }
      TreePath catchPath = CancellationPoints.catchingInterrupt(callPath, scope, state);
      return catchPath == null || rethrowsWhatItCaught((CatchTree) catchPath.getLeaf());
    }

    /** The catch's last statement throws its parameter, and nothing in it returns or jumps. */
    private static boolean rethrowsWhatItCaught(CatchTree catchTree) {
      List<? extends StatementTree> statements = catchTree.getBlock().getStatements();
      if (statements.isEmpty()
          || !(statements.getLast() instanceof ThrowTree thrown)
          || !(stripParentheses(thrown.getExpression()) instanceof IdentifierTree identifier)
          || !identifier.getName().equals(catchTree.getParameter().getName())) {
        return false;
      }
      return !Jumps.mayLeaveEarly(catchTree.getBlock(), /* countThrows= */ false);
    }
  }
}
