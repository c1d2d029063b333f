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
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Catches whose every interrupt arrives with the flag already set: the only {@link
 * InterruptedException} the try block can throw for real comes from a helper of the same file that
 * restores the flag right before it throws it.
 *
 * <p>The helper's shape, {@code private boolean checkRetryWithSleep() throws InterruptedException}:
 *
 * <pre>{@code
 * try {
 *   Thread.sleep(retryInterval);
 * } catch (InterruptedException e) {
 *   Thread.currentThread().interrupt();
 *   throw e;
 * }
 * }</pre>
 *
 * <p>The rule: every call in the try block declared to throw {@link InterruptedException} either
 * throws none for real (the try block's own questions, {@link Interrupts#mayThrowForReal}) or calls
 * a <em>restoring thrower</em>; no constructor there declares one, nothing throws one by hand, the
 * try has no resources (whose close runs before the catch), and the catch calls no {@code
 * Thread.interrupted()} of its own. A restoring thrower is a method of this file that cannot be
 * overridden, with a body, in which every call or constructor declared to throw an interrupt either
 * throws none for real, is a call of another restoring thrower (up to {@value #MAX_DEPTH} deep), or
 * sits in the block of a <em>restoring try</em>; and which throws nothing by hand that may be an
 * interrupt except the restoring catch's own {@code throw}. A restoring try is a try statement of
 * the helper's own body, inside no other try of that body, without resources or {@code finally},
 * whose first catch that can take an {@link InterruptedException} holds exactly two statements:
 * {@code Thread.currentThread().interrupt();}, then {@code throw e;} of its own parameter or {@code
 * throw new InterruptedException(..)}.
 *
 * <p>Why it is sound: the flag is a property of the thread, not of the exception. Such a helper
 * throws an interrupt only right after setting the flag, and nothing runs between that {@code
 * throw} and the caller's catch (no {@code finally} or enclosing catch in the helper, no resource
 * of the caller's try): the catch starts with the flag set, as one whose first statement restored
 * it. The path question ({@link InterruptPaths}) already accepts such a catch, whatever it does
 * next; a catch that goes round a retry loop with the flag set fails at once on its next wait,
 * which is what a restore in the catch itself would give. Where it stops: a helper that can be
 * overridden or lives in another file, a restoring catch that does anything between the restore and
 * the throw (a call there could clear the flag), a restoring try with a {@code finally} or inside
 * another try, a helper that also throws an interrupt it did not restore, and a try block with any
 * other source of an interrupt.
 */
public final class RestoringThrowers {
  /** How many restoring throwers deep a helper's own calls are followed. */
  static final int MAX_DEPTH = 3;

  private RestoringThrowers() {}

  /**
   * True if every interrupt the try block at {@code tryPath} can throw for real comes from a
   * restoring thrower of this file (the rule above), and {@code catchTree} itself clears nothing.
   */
  public static boolean everyInterruptArrivesWithTheFlagSet(
      TreePath tryPath, CatchTree catchTree, VisitorState state) {
    TryTree tryTree = (TryTree) tryPath.getLeaf();
    if (!tryTree.getResources().isEmpty() || callsInterrupted(catchTree.getBlock(), state)) {
      return false;
    }
    boolean[] sawThrower = new boolean[1];
    boolean[] other = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call)
            && Interrupts.throwsInterruptedException(call, state)
            && Interrupts.mayThrowForReal(call, getCurrentPath(), state, 0)) {
          if (isRestoringThrower(call, state, 0)) {
            sawThrower[0] = true;
          } else {
            other[0] = true;
          }
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        other[0] |= !Expressions.isResolved(newClass) || declaresInterrupt(newClass, state);
        return super.visitNewClass(newClass, null);
      }

      @Override
      public Void visitThrow(ThrowTree throwTree, Void unused) {
        other[0] |= mayBeInterrupt(throwTree, state);
        return super.visitThrow(throwTree, null);
      }
    }.scan(new TreePath(tryPath, tryTree.getBlock()), null);
    return sawThrower[0] && !other[0];
  }

  /** A call of a same-file method that cannot be overridden and is a restoring thrower. */
  private static boolean isRestoringThrower(
      MethodInvocationTree call, VisitorState state, int depth) {
    if (depth >= MAX_DEPTH
        || !(getSymbol(call) instanceof MethodSymbol method)
        || (method.flags() & Flags.ABSTRACT) != 0
        || !ConfinedOverrides.cannotBeOverridden(method)) {
      return false;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    if (!SameFile.isDeclaredIn(method, unit)) {
      return false;
    }
    MethodTree declaration = SameFile.findMethod(unit, method, state);
    if (declaration == null || declaration.getBody() == null) {
      return false;
    }
    TreePath methodPath = TreePath.getPath(unit, declaration);
    if (methodPath == null) {
      return false;
    }
    TreePath body = new TreePath(methodPath, declaration.getBody());
    boolean[] unrestored = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree inner, Void unused) {
        if (!Expressions.isResolved(inner)) {
          unrestored[0] = true;
        } else if (Interrupts.throwsInterruptedException(inner, state)
            && !inRestoringTry(getCurrentPath(), body, state)
            && Interrupts.mayThrowForReal(inner, getCurrentPath(), state, 0)
            && !isRestoringThrower(inner, state, depth + 1)) {
          unrestored[0] = true;
        }
        return super.visitMethodInvocation(inner, null);
      }

      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        unrestored[0] |=
            !Expressions.isResolved(newClass)
                || (declaresInterrupt(newClass, state)
                    && !inRestoringTry(getCurrentPath(), body, state));
        return super.visitNewClass(newClass, null);
      }

      @Override
      public Void visitThrow(ThrowTree throwTree, Void unused) {
        unrestored[0] |=
            mayBeInterrupt(throwTree, state) && !isTheRestoringThrow(getCurrentPath(), body, state);
        return super.visitThrow(throwTree, null);
      }
    }.scan(body, null);
    return !unrestored[0];
  }

  /**
   * True if {@code path} lies in the block of a restoring try of the helper whose body is {@code
   * body}: the nearest try around it whose block holds it is one, and no other try of the body
   * encloses that try.
   */
  private static boolean inRestoringTry(TreePath path, TreePath body, VisitorState state) {
    TryTree found = null;
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null && p.getLeaf() != body.getLeaf(); ) {
      if (p.getLeaf() instanceof TryTree tryTree) {
        if (found != null || tryTree.getBlock() != child) {
          return false; // inside another try of the body, or in a catch or finally
        }
        found = tryTree;
      }
      child = p.getLeaf();
      p = p.getParentPath();
    }
    return found != null && restores(found, state);
  }

  /** No resources, no finally, and a first interrupt-taking catch of restore-then-throw. */
  private static boolean restores(TryTree tryTree, VisitorState state) {
    if (!tryTree.getResources().isEmpty() || tryTree.getFinallyBlock() != null) {
      return false;
    }
    CatchTree first = firstInterruptCatch(tryTree, state);
    return first != null && isRestoreThenThrow(first, state);
  }

  /** The first catch of {@code tryTree} that can take an {@link InterruptedException}. */
  private static @Nullable CatchTree firstInterruptCatch(TryTree tryTree, VisitorState state) {
    Type interrupted = Interrupts.interruptedExceptionType(state);
    for (CatchTree catchTree : tryTree.getCatches()) {
      if (Catches.caughtTypes(catchTree).stream()
          .anyMatch(t -> isSubtype(interrupted, t, state) || isSubtype(t, interrupted, state))) {
        return catchTree;
      }
    }
    return null;
  }

  /**
   * {@code Thread.currentThread().interrupt(); throw e;} (its own parameter) or {@code throw new
   * InterruptedException(..)}, and nothing else.
   */
  private static boolean isRestoreThenThrow(CatchTree catchTree, VisitorState state) {
    List<? extends StatementTree> statements = catchTree.getBlock().getStatements();
    if (statements.size() != 2
        || !(statements.get(0) instanceof ExpressionStatementTree restore)
        || !Interrupts.isCurrentThreadInterrupt(restore.getExpression(), state)
        || !(statements.get(1) instanceof ThrowTree throwTree)) {
      return false;
    }
    Tree thrown = stripParentheses(throwTree.getExpression());
    if (thrown instanceof IdentifierTree identifier) {
      Symbol parameter = getSymbol(catchTree.getParameter());
      return parameter != null && getSymbol(identifier) == parameter;
    }
    if (thrown instanceof NewClassTree newClass) {
      Type type = getType(newClass);
      return type != null
          && isSubtype(type, Interrupts.interruptedExceptionType(state), state)
          && newClass.getClassBody() == null;
    }
    return false;
  }

  /**
   * The {@code throw} of a restoring try's restoring catch: the last of its two statements, in the
   * first catch that takes an interrupt of a try that restores and lies in no other try of the
   * body.
   */
  private static boolean isTheRestoringThrow(
      TreePath throwPath, TreePath body, VisitorState state) {
    TreePath block = throwPath.getParentPath();
    TreePath catchPath = block == null ? null : block.getParentPath();
    TreePath tryPath = catchPath == null ? null : catchPath.getParentPath();
    if (tryPath == null
        || !(catchPath.getLeaf() instanceof CatchTree catchTree)
        || !(tryPath.getLeaf() instanceof TryTree tryTree)
        || catchTree.getBlock() != block.getLeaf()
        || !restores(tryTree, state)
        || firstInterruptCatch(tryTree, state) != catchTree) {
      return false;
    }
    for (TreePath p = tryPath.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() == body.getLeaf()) {
        return true;
      }
      if (p.getLeaf() instanceof TryTree) {
        return false;
      }
    }
    return false;
  }

  private static boolean declaresInterrupt(NewClassTree newClass, VisitorState state) {
    Symbol constructor = getSymbol(newClass);
    Type interrupted = Interrupts.interruptedExceptionType(state);
    return constructor == null
        || constructor.type.getThrownTypes().stream()
            .anyMatch(t -> isSubtype(t, interrupted, state) || isSubtype(interrupted, t, state));
  }

  private static boolean mayBeInterrupt(ThrowTree throwTree, VisitorState state) {
    Type thrown = getType(throwTree.getExpression());
    Type interrupted = Interrupts.interruptedExceptionType(state);
    return thrown == null
        || isSubtype(interrupted, thrown, state)
        || isSubtype(thrown, interrupted, state);
  }

  private static boolean callsInterrupted(BlockTree block, VisitorState state) {
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        found[0] |= ThreadCalls.INTERRUPTED.matches(call, state);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(block, null);
    return found[0];
  }
}
