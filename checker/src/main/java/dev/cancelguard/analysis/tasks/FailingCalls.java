package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
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
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The first call (or try-with-resources resource, whose {@code close()} is implicit) that may
   * fail when interrupted ({@link #mayFailWhenInterrupted}) in what runs on this thread once the
   * code at {@code from} completes normally, up to the end of the code unit: the rest of each block
   * around it, the {@code finally} blocks and resource closes of the {@code try}s around it, and
   * the whole of each loop around it that goes round again (not one that looks at the flag: a
   * restored flag ends it or is seen there) before what follows it. A lambda that a JDK method runs
   * in place ({@link #runsInPlace}: {@code forEach}, a stream's operations) goes on in the code
   * around that call: the lambda runs again for the next element, then the rest of that code unit.
   * After a {@code return} or {@code throw} only the {@code finally} blocks and closes around it
   * run. Null where nothing that follows may fail.
   */
  public static @Nullable Tree mayFailAfter(
      TreePath from, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    return continuation(from, codeUnit, false, 0, state, options);
  }

  /**
   * The first call or resource close that may fail on every way out of {@code from} up to the end
   * of the code unit, whether it completes normally or not: the {@code finally} blocks and the
   * closes of the try-with-resources around it (a try's resources are closed before its own catches
   * run: only a try whose body holds {@code from} counts).
   */
  public static @Nullable Tree mayFailOnEveryWayOut(
      TreePath from, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    return continuation(from, codeUnit, true, 0, state, options);
  }

  /** How many lambdas run in place are followed out into the code around them. */
  private static final int IN_PLACE_DEPTH = 2;

  private static @Nullable Tree continuation(
      TreePath from,
      TreePath codeUnit,
      boolean leaving,
      int depth,
      VisitorState state,
      CancelGuardOptions options) {
    for (TreePath p = from;
        p.getParentPath() != null && p.getLeaf() != codeUnit.getLeaf();
        p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      if (parent == codeUnit.getLeaf()) {
        break;
      }
      if (parent instanceof TryTree tryTree) {
        if (p.getLeaf() == tryTree.getBlock() && !tryTree.getResources().isEmpty()) {
          Tree resource = failingClose(tryTree, state);
          if (resource != null) {
            return resource;
          }
        }
        if (tryTree.getFinallyBlock() != null && p.getLeaf() != tryTree.getFinallyBlock()) {
          Tree call = mayFailIn(tryTree.getFinallyBlock(), state, options);
          if (call != null) {
            return call;
          }
        }
        continue;
      }
      if (leaving) {
        continue;
      }
      if (parent instanceof BlockTree block) {
        boolean after = false;
        for (StatementTree statement : block.getStatements()) {
          if (after) {
            Tree call = mayFailIn(statement, state, options);
            if (call != null) {
              return call;
            }
            if (statement.getKind() == Tree.Kind.RETURN || statement.getKind() == Tree.Kind.THROW) {
              leaving = true; // what follows is not reached; the finally blocks still run
              break;
            }
          }
          after |= statement == p.getLeaf();
        }
      } else if (Loops.isLoop(parent) && !FlagBlindLoops.looksAtTheFlag(parent, state)) {
        Tree call = mayFailIn(parent, state, options);
        if (call != null) {
          return call;
        }
      }
    }
    if (depth >= IN_PLACE_DEPTH || !(codeUnit.getLeaf() instanceof LambdaExpressionTree lambda)) {
      return null;
    }
    TreePath call = inPlaceCall(codeUnit, state);
    TreePath outer = call == null ? null : Tasks.enclosingCodeUnit(call);
    if (outer == null) {
      return null;
    }
    if (!leaving && repeats(call, state)) {
      Tree again = mayFailIn(lambda.getBody(), state, options);
      if (again != null) {
        return again;
      }
    }
    return continuation(call, outer, leaving, depth + 1, state, options);
  }

  /** True if the code unit is a lambda a JDK method runs in place ({@link #runsInPlace}). */
  static boolean runsInPlace(TreePath codeUnit, VisitorState state) {
    return codeUnit.getLeaf() instanceof LambdaExpressionTree
        && inPlaceCall(codeUnit, state) != null;
  }

  /**
   * The call of a JDK method that runs the lambda at {@code codeUnit} in place, on this thread,
   * before it returns ({@link #runsInPlace}), or null.
   */
  static @Nullable TreePath inPlaceCall(TreePath codeUnit, VisitorState state) {
    TreePath parent = codeUnit.getParentPath();
    return parent != null
            && parent.getLeaf() instanceof MethodInvocationTree call
            && call.getArguments().contains(codeUnit.getLeaf())
            && runsInPlace(call, state)
        ? parent
        : null;
  }

  /**
   * True if the JDK method called runs the lambdas it is handed on the calling thread before it
   * returns, by its contract: the operations of a sequential stream ({@code
   * java.util.stream.BaseStream}), and the {@code forEach}-like methods of {@code Iterable}, {@code
   * Iterator}, {@code Map}, {@code Collection}, {@code List} and {@code Optional}.
   */
  static boolean runsInPlace(MethodInvocationTree call, VisitorState state) {
    if (!Expressions.isResolved(call) || !(getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    String owner = method.owner.getQualifiedName().toString();
    return owner.startsWith("java.util.stream.")
        || IN_PLACE_OWNERS.contains(owner)
        || owner.startsWith("java.util.Optional");
  }

  private static final ImmutableSet<String> IN_PLACE_OWNERS =
      ImmutableSet.of(
          "java.lang.Iterable",
          "java.util.Iterator",
          "java.util.Map",
          "java.util.Collection",
          "java.util.List");

  /** True if the call runs its lambda once per element (not an {@code Optional}'s once). */
  private static boolean repeats(TreePath call, VisitorState state) {
    return getSymbol(call.getLeaf()) instanceof MethodSymbol method
        && !method.owner.getQualifiedName().toString().startsWith("java.util.Optional");
  }

  /**
   * The first call under {@code tree} (not in nested code) that may fail when interrupted ({@link
   * #mayFailWhenInterrupted}), or the resource of a try-with-resources there whose {@code close()}
   * may ({@link #failingClose}); null if none.
   */
  public static @Nullable Tree mayFailIn(
      Tree tree, VisitorState state, CancelGuardOptions options) {
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
        if (found[0] == null && !tryTree.getResources().isEmpty()) {
          found[0] = failingClose(tryTree, state);
        }
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (mayFailWhenInterrupted(call, state, options)) {
          found[0] = call;
          return null;
        }
        // `Optional.ofNullable(server).ifPresent(Server::close)`: the method a reference names
        // runs here, before the call returns, as a call of it would.
        for (ExpressionTree argument : call.getArguments()) {
          if (argument instanceof MemberReferenceTree reference
              && referenceMayFailInPlace(call, reference, state)) {
            found[0] = call;
            return null;
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  /**
   * True if {@code reference}, an argument of {@code call}, names a method that {@code call} runs
   * in place ({@link #runsInPlace}: {@code forEach}, {@code Optional.ifPresent}, a stream's
   * operations) and that may fail when interrupted as a call of it would: it declares {@code
   * InterruptedException}, is a lifecycle call whose code is not seen ({@link
   * UnseenLifecycleCalls}) or fails by its own code ({@link BlockingHelpers}).
   */
  private static boolean referenceMayFailInPlace(
      MethodInvocationTree call, MemberReferenceTree reference, VisitorState state) {
    if (!runsInPlace(call, state)
        || !(getSymbol(reference) instanceof MethodSymbol method)
        || method.isConstructor()
        || !UnseenLifecycleCalls.isLifecycleName(method.getSimpleName().toString())) {
      return false;
    }
    return mayFailWhenInterrupted(method, state);
  }

  /**
   * True if the (resolved) call fails when interrupted, by itself or by a wait in its code — the
   * narrower rule {@link #mayFailWhenInterrupted} grew from, kept for {@link CallerCleanups}.
   */
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
   * The calls in {@code tree} (outside nested lambdas and classes) that {@link
   * #mayFailWhenInterrupted may fail when interrupted}, in source order.
   */
  static List<MethodInvocationTree> failingCallsIn(
      Tree tree, VisitorState state, CancelGuardOptions options) {
    List<MethodInvocationTree> calls = new ArrayList<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (mayFailWhenInterrupted(call, state, options)) {
          calls.add(call);
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(tree, null);
    return calls;
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
      if (close != null && mayFailWhenInterrupted(close, state)) {
        return resource;
      }
    }
    return null;
  }

  /**
   * True if a call of {@code method} may fail when the thread is interrupted: it declares {@code
   * InterruptedException}, is a lifecycle call whose code is not seen ({@link
   * UnseenLifecycleCalls}) or fails by its own code ({@link BlockingHelpers}).
   */
  static boolean mayFailWhenInterrupted(MethodSymbol method, VisitorState state) {
    Type interrupted = Interrupts.interruptedExceptionType(state);
    for (Type thrown : method.getThrownTypes()) {
      if (isSubtype(thrown, interrupted, state)) {
        return true;
      }
    }
    return UnseenLifecycleCalls.mayWait(method, state)
        || BlockingHelpers.mayFailByItsOwnCode(method, state);
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
