package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * A loop that walks through items and, for each, waits at most until a timeout whose expiry the
 * code takes in its stride: {@code for (f : pending) { try { f.get(rest, MILLISECONDS); } catch
 * (TimeoutException e) { log(..); } catch (Throwable t) { } if (!f.isDone()) fail(f); }}. The wait
 * is optional there — the code already goes on when it ends without the result — and each round is
 * a new item, so the loop ends by itself. A restore at the top of the catch makes the remaining
 * waits end at once, as a timeout would, and the loop finishes promptly; recorded and restored
 * after the loop instead, the interrupted thread would still wait for every remaining item.
 *
 * <p>The same holds where the catch of the interrupt is the one that takes every failure of the
 * item ({@code catch (Exception e) { callback.accept(e); failed.add(job); }}): the code already
 * goes on when an item's wait fails, and it keeps the failure in a local that the code reads after
 * the walk (the failed list it returns, the exception it throws), so a restore there makes each
 * remaining wait fail at once into that catch, as a failed item the caller learns of, and the walk
 * ends promptly. A catch that only logs keeps the record: the code after the walk would take the
 * items it did not wait for as done. Not in a method that ends a component's life ({@link
 * Terminations#isStopLike}): there the remaining waits are cleanup (the children stopped before
 * what they use is torn down), which the interrupted thread still waits out.
 */
final class TimedItemWaits {
  private TimedItemWaits() {}

  /**
   * True if the catch at {@code catchPath} sits in {@code loop}, a walk through items ({@link
   * Loops#walksThroughItems}), its try statement also catches {@code TimeoutException} and goes on,
   * every call of the loop that may fail when interrupted lies in that try's block (so the restored
   * flag ends it into this very catch), and nothing after the loop may fail.
   */
  static boolean restoreInPlace(
      TreePath catchPath,
      TreePath loop,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (!Loops.walksThroughItems(loop.getLeaf())
        || !(catchPath.getParentPath().getLeaf() instanceof TryTree tryTree)
        || !tryTree.getResources().isEmpty()
        || !(catchesTimeoutAndGoesOn(tryTree, state)
            || (takesEveryFailureOutsideAStop(catchPath, codeUnit, state)
                && keepsTheFailureForAfter(catchPath, loop, codeUnit, state)))) {
      return false;
    }
    boolean[] failsElsewhere = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void scan(Tree tree, Void unused) {
        // The guarded block: what fails there ends in this catch, which restores again.
        return failsElsewhere[0] || tree == tryTree.getBlock() ? null : super.scan(tree, null);
      }

      @Override
      public Void visitTry(TryTree other, Void unused) {
        if (!other.getResources().isEmpty() && FailingCalls.failingClose(other, state) != null) {
          failsElsewhere[0] = true;
          return null;
        }
        return super.visitTry(other, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (FailingCalls.mayFailWhenInterrupted(call, state, options)) {
          failsElsewhere[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loop, null);
    return !failsElsewhere[0] && FailingCalls.mayFailAfter(loop, codeUnit, state, options) == null;
  }

  /**
   * The catch at {@code catchPath} takes every failure of the item ({@code Exception} or {@code
   * Throwable}) and neither throws nor leaves the loop, and the code unit is not, nor sits in, a
   * method that ends a component's life.
   */
  private static boolean takesEveryFailureOutsideAStop(
      TreePath catchPath, TreePath codeUnit, VisitorState state) {
    if (!(catchPath.getLeaf() instanceof CatchTree catchTree) || !goesOn(catchTree)) {
      return false;
    }
    Type exception = state.getTypeFromString("java.lang.Exception");
    Type throwable = state.getTypeFromString("java.lang.Throwable");
    boolean broad = false;
    for (Type caught : Catches.caughtTypes(catchTree)) {
      broad |=
          (exception != null && ASTHelpers.isSameType(caught, exception, state))
              || (throwable != null && ASTHelpers.isSameType(caught, throwable, state));
    }
    if (!broad) {
      return false;
    }
    for (TreePath p = codeUnit; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree method && Terminations.isStopLike(method)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The catch writes a local declared before {@code loop} ({@code parentException = ..}, {@code
   * failed.add(job)}, {@code errors++}) that the code unit reads after the loop.
   */
  private static boolean keepsTheFailureForAfter(
      TreePath catchPath, TreePath loop, TreePath codeUnit, VisitorState state) {
    int loopStart = ASTHelpers.getStartPosition(loop.getLeaf());
    int loopEnd = state.getEndPosition(loop.getLeaf());
    Tree body = CodeUnits.bodyOf(codeUnit.getLeaf());
    if (loopStart < 0 || loopEnd < 0 || body == null) {
      return false;
    }
    Set<Symbol> written = new HashSet<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        add(tree.getVariable());
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
        add(tree.getVariable());
        return super.visitCompoundAssignment(tree, null);
      }

      @Override
      public Void visitUnary(UnaryTree tree, Void unused) {
        add(tree.getExpression());
        return super.visitUnary(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        ExpressionTree receiver = ASTHelpers.getReceiver(call);
        if (receiver != null) {
          add(receiver);
        }
        return super.visitMethodInvocation(call, null);
      }

      private void add(ExpressionTree variable) {
        if (Expressions.strip(variable) instanceof IdentifierTree id
            && getSymbol(id) instanceof VarSymbol local
            && local.getKind() == ElementKind.LOCAL_VARIABLE) {
          if (local.pos < loopStart) {
            written.add(local); // declared before the loop
          }
        }
      }
    }.scan(catchPath.getLeaf(), null);
    if (written.isEmpty()) {
      return false;
    }
    boolean[] read = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        read[0] |= ASTHelpers.getStartPosition(id) > loopEnd && written.contains(getSymbol(id));
        return null;
      }
    }.scan(body, null);
    return read[0];
  }

  private static boolean goesOn(CatchTree catchTree) {
    return catchTree.getBlock().getStatements().stream()
        .noneMatch(
            s ->
                s.getKind() == Tree.Kind.THROW
                    || s.getKind() == Tree.Kind.RETURN
                    || s.getKind() == Tree.Kind.BREAK);
  }

  /** The try has a catch of {@code TimeoutException} that neither throws nor leaves the loop. */
  private static boolean catchesTimeoutAndGoesOn(TryTree tryTree, VisitorState state) {
    Type timeout = state.getTypeFromString("java.util.concurrent.TimeoutException");
    if (timeout == null) {
      return false;
    }
    for (CatchTree catchTree : tryTree.getCatches()) {
      for (Type caught : Catches.caughtTypes(catchTree)) {
        if (ASTHelpers.isSameType(caught, timeout, state)
            && catchTree.getBlock().getStatements().stream()
                .noneMatch(
                    s ->
                        s.getKind() == Tree.Kind.THROW
                            || s.getKind() == Tree.Kind.RETURN
                            || s.getKind() == Tree.Kind.BREAK)) {
          return true;
        }
      }
    }
    return false;
  }
}
