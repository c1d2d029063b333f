package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.BlockingCalls;
import dev.cancelguard.analysis.interrupts.BlockingHelpers;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.interrupts.UnseenLifecycleCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import org.jspecify.annotations.Nullable;

/**
 * Calls that may fail at once (or spin) when the interrupt flag is set, where a restore would make
 * them throw or spin: under a tree (not in nested code), in the statements after a point, in a
 * {@code finally} or a try-with-resources close around a catch. The one predicate every placement
 * of a restore asks ({@link #mayFailWhenInterrupted}): a call fails by itself ({@link
 * BlockingCalls}: it declares {@code InterruptedException}, is I/O on an interruptible channel, or
 * is a configured cancellation point), returns at once while the flag is set so that the loop
 * around it spins ({@code LockSupport.park}, {@code Selector.select}), is a lifecycle call whose
 * code is not seen ({@link UnseenLifecycleCalls}: {@code connector.stop()} through an interface of
 * a jar), or does one of these in its own code wherever it is declared ({@link BlockingHelpers}: a
 * {@code server.shutdown()} that joins a worker thread, up to three calls deep).
 */
public final class FailingCalls {
  private FailingCalls() {}

  /** Statements after {@code path} in the blocks up to the code unit hold a call that fails. */
  static boolean blocksAfter(
      TreePath path, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    return failingCallAfter(path, codeUnit, state, options) != null;
  }

  /**
   * The first call that fails when interrupted in the statements after {@code path}, in the blocks
   * around it up to the code unit.
   */
  static @Nullable Tree failingCallAfter(
      TreePath path, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    for (TreePath p = path;
        p != null && p.getParentPath() != null && p != codeUnit;
        p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof BlockTree block) {
        boolean after = false;
        for (StatementTree statement : block.getStatements()) {
          Tree call = after ? failingCall(statement, state, options) : null;
          if (call != null) {
            return call;
          }
          // A return or throw after the catch: what comes later is not reached from it.
          if (after
              && (statement.getKind() == Tree.Kind.RETURN
                  || statement.getKind() == Tree.Kind.THROW)) {
            return null;
          }
          after |= statement == p.getLeaf();
        }
      }
    }
    return null;
  }

  /**
   * A call in a {@code finally} around the catch (in the code unit) that fails when interrupted.
   */
  static @Nullable Tree blockingCallInEnclosingFinally(
      TreePath catchPath, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    for (TreePath p = catchPath; p != null && p != codeUnit; p = p.getParentPath()) {
      TreePath parent = p.getParentPath();
      if (parent != null
          && parent.getLeaf() instanceof TryTree tryTree
          && tryTree.getFinallyBlock() != null
          && p.getLeaf() != tryTree.getFinallyBlock()) {
        Tree call = failingCall(tryTree.getFinallyBlock(), state, options);
        if (call != null) {
          return call;
        }
      }
      if (parent != null && parent.getLeaf() == codeUnit.getLeaf()) {
        break;
      }
    }
    return null;
  }

  /** True if code under {@code tree} (not in nested code) fails at once when interrupted. */
  public static boolean blocksWhenInterrupted(
      Tree tree, VisitorState state, CancelGuardOptions options) {
    return failingCall(tree, state, options) != null;
  }

  /**
   * The first call under {@code tree} (not in nested code) that fails when interrupted: by itself,
   * or by a wait in its own code wherever it is declared ({@link BlockingHelpers}: a {@code
   * server.shutdown()} that joins a worker thread).
   */
  static @Nullable Tree failingCall(Tree tree, VisitorState state, CancelGuardOptions options) {
    return firstFailing(tree, false, state, options);
  }

  /**
   * The first call under {@code tree} (not in nested code) that may fail when interrupted ({@link
   * #mayFailWhenInterrupted}), or the resource of a try-with-resources there whose {@code close()}
   * may ({@link #failingClose}); null if none.
   */
  public static @Nullable Tree mayFailIn(
      Tree tree, VisitorState state, CancelGuardOptions options) {
    return firstFailing(tree, true, state, options);
  }

  private static @Nullable Tree firstFailing(
      Tree tree, boolean wide, VisitorState state, CancelGuardOptions options) {
    Tree[] found = new Tree[1];
    new NestedCodeSkipper() {
      @Override
      public Void scan(Tree node, Void unused) {
        return found[0] != null ? null : super.scan(node, null);
      }

      @Override
      public Void visitTry(TryTree tryTree, Void unused) {
        super.visitTry(tryTree, null);
        // The implicit close() of a resource runs after the body, before the catches.
        if (wide && found[0] == null && !tryTree.getResources().isEmpty()) {
          found[0] = failingClose(tryTree, state);
        }
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call)
            && (wide
                ? mayFailWhenInterrupted(call, state, options)
                : failsWhenInterrupted(call, state, options))) {
          found[0] = call;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  /** True if the (resolved) call fails when interrupted, by itself or by a wait in its code. */
  static boolean failsWhenInterrupted(
      MethodInvocationTree call, VisitorState state, CancelGuardOptions options) {
    return BlockingCalls.failsWhenInterrupted(call, state, options)
        || BlockingHelpers.callBlocksInside(call, state);
  }

  /**
   * True if the call may fail at once, or return at once and spin, when the interrupt flag is set
   * (the rule of this class); false for a call javac could not resolve.
   */
  public static boolean mayFailWhenInterrupted(
      MethodInvocationTree call, VisitorState state, CancelGuardOptions options) {
    if (!Expressions.isResolved(call)) {
      return false;
    }
    return BlockingCalls.failsWhenInterrupted(call, state, options)
        || ThreadCalls.RETURNS_AT_ONCE_WHILE_INTERRUPTED.matches(call, state)
        || (getSymbol(call) instanceof MethodSymbol method
            && UnseenLifecycleCalls.mayWait(method, state))
        || (getSymbol(call) instanceof MethodSymbol method
            && BlockingHelpers.mayFailByItsOwnCode(method, state));
  }

  /**
   * The first resource of the try-with-resources {@code tryTree} whose implicit {@code close()} may
   * fail when interrupted (its close method, found on the resource's static type, is judged as a
   * call of it would be), or null. Resources are closed last first; any one failing cuts the
   * closing short.
   */
  public static @Nullable Tree failingClose(TryTree tryTree, VisitorState state) {
    for (Tree resource : tryTree.getResources()) {
      Type type = getType(resource);
      MethodSymbol close = type == null ? null : closeMethod(type, state);
      if (close != null && closeMayFail(close, state)) {
        return resource;
      }
    }
    return null;
  }

  private static boolean closeMayFail(MethodSymbol close, VisitorState state) {
    Type interrupted = Interrupts.interruptedExceptionType(state);
    for (Type thrown : close.getThrownTypes()) {
      if (isSubtype(thrown, interrupted, state)) {
        return true;
      }
    }
    return UnseenLifecycleCalls.mayWait(close, state)
        || BlockingHelpers.mayFailByItsOwnCode(close, state);
  }

  /** The {@code close()} a resource of {@code type} is closed with: the most specific one. */
  private static @Nullable MethodSymbol closeMethod(Type type, VisitorState state) {
    try {
      for (Type supertype : state.getTypes().closure(type)) {
        for (Symbol member : supertype.tsym.members().getSymbolsByName(state.getName("close"))) {
          if (member instanceof MethodSymbol method
              && method.getParameters().isEmpty()
              && !method.isStatic()) {
            return method;
          }
        }
      }
    } catch (RuntimeException incomplete) {
      return null; // a type whose supertypes cannot be completed
    }
    return null;
  }
}
