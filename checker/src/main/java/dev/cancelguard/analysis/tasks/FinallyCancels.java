package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.interrupts.ConfinedOverrides;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.WriteScanner;
import java.util.Set;

/**
 * A future cancelled in the {@code finally} of a {@code try} that waits for it: {@code try {
 * future.get(timeout, unit); } finally { future.cancel(true); }}, with no catch. Code after the
 * {@code try} runs only when its block completed normally, that is after {@code get()} returned —
 * the task had finished, and the cancel did nothing. On the ways where the cancel does stop the
 * task (the timeout, an interrupt, a failure), the exception leaves through the {@code finally},
 * and nothing after it treats the task as stopped.
 *
 * <p>The wait may sit in a helper of this compilation that the try block calls with the future
 * ({@code waitForDetection(future, timeout)}) when every way out of the helper that returns
 * normally has waited for the future: a {@code get()} on each branch, a timeout caught only to
 * throw something else. The helper is read from source; one that a class of the compilation
 * overrides, or that comes only from a class file, is not taken for a wait.
 */
public final class FinallyCancels {
  /** The one fact of a helper's walk: the future has not been waited for yet. */
  private static final long NOT_WAITED = 1;

  private FinallyCancels() {}

  /** True if the cancel at {@code cancelPath} is such a cancel of {@code target}. */
  public static boolean cancelsOnlyOnTheWayOut(
      TreePath cancelPath, CancelTarget target, VisitorState state) {
    Tree child = cancelPath.getLeaf();
    for (TreePath p = cancelPath.getParentPath();
        p != null;
        child = p.getLeaf(), p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree tryTree) {
        if (child != tryTree.getFinallyBlock()) {
          return false;
        }
        return tryTree.getCatches().isEmpty()
            && !jumpsOut(tryTree.getBlock())
            && tryTree.getBlock().getStatements().stream()
                .anyMatch(statement -> isWaitFor(statement, target, state));
      }
      if (p.getLeaf() instanceof com.sun.source.tree.MethodTree
          || p.getLeaf() instanceof com.sun.source.tree.LambdaExpressionTree
          || p.getLeaf() instanceof com.sun.source.tree.ClassTree) {
        return false;
      }
    }
    return false;
  }

  /** {@code future.get(..);} or {@code T value = future.get(..);}, as a statement of the block. */
  private static boolean isWaitFor(
      StatementTree statement, CancelTarget target, VisitorState state) {
    ExpressionTree expression =
        switch (statement) {
          case ExpressionStatementTree e -> e.getExpression();
          case VariableTree v -> v.getInitializer();
          default -> null;
        };
    if (!(Expressions.strip(expression) instanceof MethodInvocationTree call)
        || !Expressions.isResolved(call)) {
      return false;
    }
    if (FutureCalls.GET.matches(call, state)) {
      return target.isNamedBy(getReceiver(call));
    }
    return isWaitingHelperCall(call, target, state);
  }

  /**
   * {@code waitForDetection(future, ..)}: a method of this compilation, called on this object or
   * statically, that gets the future on every way out that returns normally.
   */
  private static boolean isWaitingHelperCall(
      MethodInvocationTree call, CancelTarget target, VisitorState state) {
    if (!(getSymbol(call) instanceof MethodSymbol helper)
        || !(getReceiver(call) == null || isThis(getReceiver(call)))
        || mayBeOverridden(helper, state)) {
      return false;
    }
    MethodTree declaration = CompiledSources.methodTree(helper, state);
    if (declaration == null
        || declaration.getBody() == null
        || declaration.getParameters().size() != call.getArguments().size()) {
      return false;
    }
    for (int i = 0; i < call.getArguments().size(); i++) {
      if (target.isNamedBy(Expressions.strip(call.getArguments().get(i)))
          && getSymbol(declaration.getParameters().get(i)) instanceof VarSymbol parameter
          && waitsOnEveryNormalExit(declaration.getBody(), parameter, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isThis(ExpressionTree receiver) {
    return Expressions.strip(receiver) instanceof IdentifierTree id
        && id.getName().contentEquals("this");
  }

  /**
   * A static, private or final method, or one of a final class, or one no other class of this
   * compilation overrides.
   */
  private static boolean mayBeOverridden(MethodSymbol helper, VisitorState state) {
    if (ConfinedOverrides.cannotBeOverridden(helper)
        || !(helper.owner instanceof ClassSymbol owner)) {
      return false;
    }
    try {
      for (ClassSymbol subclass : CompiledSources.subclassesOf(owner, state)) {
        for (Symbol member : subclass.getEnclosedElements()) {
          if (member instanceof MethodSymbol method
              && method.getSimpleName().equals(helper.getSimpleName())
              && method.overrides(helper, subclass, state.getTypes(), true)) {
            return true;
          }
        }
      }
    } catch (RuntimeException incomplete) {
      return true; // a supertype that cannot be completed
    }
    return false;
  }

  /**
   * True if every way out of {@code body} that returns normally passes a {@code get()} (or {@code
   * join()}) on {@code future}, which the body never assigns; a catch is entered as its try began.
   */
  private static boolean waitsOnEveryNormalExit(
      BlockTree body, VarSymbol future, VisitorState state) {
    // The unit only roots the scan's path; the body may be of another file.
    if (WriteScanner.writesAny(state.getPath().getCompilationUnit(), body, Set.of(future))) {
      return false;
    }
    FactFlow.Spec spec =
        new FactFlow.Spec() {
          @Override
          public long killedBy(ExpressionTree tree) {
            return tree instanceof MethodInvocationTree call
                    && Expressions.isResolved(call)
                    && FutureCalls.WAIT.matches(call, state)
                    && future.equals(Expressions.receiverSymbol(call))
                ? NOT_WAITED
                : 0;
          }
        };
    return FactFlow.walk(body, spec, state, NOT_WAITED, FactFlow.CatchEntry.TRY_ENTRY, Set.of())
        .exits()
        .stream()
        .noneMatch(exit -> exit.kind().isNormal() && (exit.facts() & NOT_WAITED) != 0);
  }

  /** A {@code break} or {@code continue} in the block could skip the wait and go on after it. */
  private static boolean jumpsOut(Tree block) {
    boolean[] jumps = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree tree, Void unused) {
        jumps[0] = true;
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree tree, Void unused) {
        jumps[0] = true;
        return null;
      }
    }.scan(block, null);
    return jumps[0];
  }
}
