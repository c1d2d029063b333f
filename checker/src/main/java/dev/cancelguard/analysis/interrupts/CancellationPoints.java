package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.jdk.ChannelCalls;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.HelperChain;
import dev.cancelguard.analysis.trees.Jumps;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What counts as a cancellation point: a place where an interrupt is noticed. Loops and tasks
 * without one cannot be stopped by {@code cancel(true)} or {@code shutdownNow()}.
 */
public final class CancellationPoints {
  private CancellationPoints() {}

  /** {@code Thread.interrupted()} or {@code thread.isInterrupted()}: reads the interrupt flag. */
  public static boolean isInterruptCheck(ExpressionTree tree, VisitorState state) {
    return ThreadCalls.INTERRUPTED.matches(tree, state)
        || ThreadCalls.IS_INTERRUPTED.matches(tree, state);
  }

  /** {@code future.isCancelled()}: a task reading its own cancellation. */
  public static boolean isCancelledCheck(ExpressionTree tree, VisitorState state) {
    return FutureCalls.IS_CANCELLED.matches(tree, state);
  }

  /** A blocking call on an interruptible NIO channel, or {@code Selector.select()}. */
  public static boolean isInterruptibleChannelCall(ExpressionTree tree, VisitorState state) {
    return ChannelCalls.INTERRUPTIBLE_CHANNEL_CALL.matches(tree, state);
  }

  /**
   * True if the call declares {@link java.io.IOException} (or a subclass): stream, socket or file
   * I/O. A thread blocked in it is not woken by an interrupt (unless the channel is interruptible)
   * but by closing what it reads or writes, which ends the call with an exception. A loop around
   * such calls is stopped that way, not by cancellation.
   */
  public static boolean isIoCall(ExpressionTree tree, VisitorState state) {
    if (!(stripParentheses(tree) instanceof MethodInvocationTree call)) {
      return false;
    }
    Type methodType = getType(call.getMethodSelect());
    if (methodType == null || methodType.getThrownTypes().isEmpty()) {
      return false;
    }
    Type ioException = state.getTypeFromString("java.io.IOException");
    return ioException != null
        && methodType.getThrownTypes().stream().anyMatch(t -> isSubtype(t, ioException, state));
  }

  /** True if the tree (not counting lambdas and classes in it) makes an {@link #isIoCall}. */
  public static boolean containsIoCall(Tree tree, VisitorState state) {
    return CallScans.anyCallOutsideNestedCode(tree, call -> isIoCall(call, state));
  }

  /**
   * True if the call notices cancellation in any way: {@link #isCancellationPoint}, a {@code
   * Future.isCancelled()} check, or a blocking call on an interruptible channel.
   */
  public static boolean noticesCancellation(
      ExpressionTree tree, VisitorState state, CancelGuardOptions options) {
    return isCancellationPoint(tree, state, options)
        || isCancelledCheck(tree, state)
        || isInterruptibleChannelCall(tree, state);
  }

  /**
   * True if the tree (not counting lambdas and classes in it) calls something that {@linkplain
   * #noticesCancellation notices cancellation}, directly or through methods of the same file (at
   * any depth, see {@link HelperChain}). Whether the call ends anything is not asked: a lenient
   * test.
   */
  public static boolean containsCancellationPoint(
      Tree tree, VisitorState state, CancelGuardOptions options) {
    return new HelperScan(state, options).contains(tree, HelperChain.start());
  }

  /**
   * How the loop at {@code loopPath} reacts to an interrupt.
   *
   * @param stops some cancellation point in it ends the loop: a call that throws {@link
   *     InterruptedException} that no catch inside the loop turns into another round; an interrupt
   *     or {@code isCancelled()} check in the loop's condition, or in an {@code if} with a branch
   *     that leaves the loop; a configured cancellation point; a blocking call on an interruptible
   *     channel; a same-file helper that has a cancellation point
   * @param swallowingCatch the first catch inside the loop that receives the InterruptedException
   *     of a call in the loop and lets the loop go round again, if any
   * @param swallowedCall the call whose InterruptedException that catch receives
   */
  public record LoopReaction(
      boolean stops,
      @Nullable TreePath swallowingCatch,
      @Nullable MethodInvocationTree swallowedCall) {}

  /** How the loop at {@code loopPath} reacts to an interrupt; see {@link LoopReaction}. */
  public static LoopReaction reactionOf(
      TreePath loopPath, VisitorState state, CancelGuardOptions options) {
    HelperScan helpers = new HelperScan(state, options);
    boolean[] stops = new boolean[1];
    TreePath[] swallowingCatch = new TreePath[1];
    MethodInvocationTree[] swallowedCall = new MethodInvocationTree[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (stops[0]) {
          return null;
        }
        TreePath path = getCurrentPath();
        if (stopsLoop(call, path, loopPath, state, options, helpers)) {
          stops[0] = true;
          return null;
        }
        if (swallowingCatch[0] == null && Interrupts.throwsInterruptedException(call, state)) {
          swallowingCatch[0] = catchingInterrupt(path, loopPath.getLeaf(), state);
          swallowedCall[0] = swallowingCatch[0] == null ? null : call;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loopPath, null);
    return new LoopReaction(stops[0], swallowingCatch[0], swallowedCall[0]);
  }

  private static boolean stopsLoop(
      MethodInvocationTree call,
      TreePath path,
      TreePath loopPath,
      VisitorState state,
      CancelGuardOptions options,
      HelperScan helpers) {
    Symbol symbol = getSymbol(call);
    if ((symbol != null && options.isCancellationPoint(symbol))
        || isInterruptibleChannelCall(call, state)) {
      return true;
    }
    if (Interrupts.throwsInterruptedException(call, state)) {
      return interruptLeavesLoop(path, loopPath, state);
    }
    if (isInterruptCheck(call, state) || isCancelledCheck(call, state)) {
      return checkEndsLoop(path, loopPath);
    }
    return symbol instanceof MethodSymbol method
        && helpers.helperContains(method, HelperChain.start());
  }

  /**
   * True if an InterruptedException thrown by the call at {@code callPath} leaves the loop at
   * {@code loopPath}: no catch inside the loop receives it, or the one that does {@linkplain
   * #leavesLoopOnInterrupt leaves the loop on it}. One answer for a call known to throw it and for
   * one that may (a method that declares {@code Exception}).
   */
  static boolean interruptLeavesLoop(TreePath callPath, TreePath loopPath, VisitorState state) {
    TreePath catchPath = catchingInterrupt(callPath, loopPath.getLeaf(), state);
    return catchPath == null
        || leavesLoopOnInterrupt((CatchTree) catchPath.getLeaf(), loopPath, state);
  }

  /**
   * True if the catch, given an InterruptedException, leaves the loop: its block cannot go round
   * again, or it starts with {@code if (e instanceof InterruptedException) { ... }} whose branch
   * leaves the loop (in a {@code catch (Exception e)}, say).
   */
  private static boolean leavesLoopOnInterrupt(
      CatchTree catchTree, TreePath loopPath, VisitorState state) {
    if (Loops.leavesLoop(catchTree.getBlock(), loopPath)) {
      return true;
    }
    Symbol parameter = getSymbol(catchTree.getParameter());
    Type interrupted = Interrupts.interruptedExceptionType(state);
    for (StatementTree statement : catchTree.getBlock().getStatements()) {
      if (statement instanceof IfTree ifTree
          && stripParentheses(ifTree.getCondition()) instanceof InstanceOfTree test
          && parameter != null
          && parameter.equals(getSymbol(stripParentheses(test.getExpression())))
          && test.getType() != null
          && getType(test.getType()) != null
          && isSubtype(getType(test.getType()), interrupted, state)
          && Loops.leavesLoop(ifTree.getThenStatement(), loopPath)) {
        return true;
      }
      if (!Jumps.canCompleteNormally(statement)) {
        return false;
      }
    }
    return !inANestedLoop(catchTree, loopPath)
        && setsTheLoopConditionFalse(catchTree.getBlock(), loopPath);
  }

  /** True if a loop inside the loop at {@code loopPath} encloses the tree. */
  private static boolean inANestedLoop(Tree tree, TreePath loopPath) {
    TreePath path = TreePath.getPath(loopPath, tree);
    for (TreePath p = path == null ? null : path.getParentPath();
        p != null && p.getLeaf() != loopPath.getLeaf();
        p = p.getParentPath()) {
      if (Loops.isLoop(p.getLeaf())) {
        return true;
      }
    }
    return path == null;
  }

  /**
   * True if the block, on every path through it, sets a flag the loop's condition tests to the
   * value that makes the condition false ({@code done.set(true)} in {@code while (!done.get())},
   * {@code running = false} in {@code while (running && ..)}): the loop ends at its next test of
   * the condition, as if the block had left it. Only the block's own top-level statements count, up
   * to the first that cannot complete normally.
   */
  private static boolean setsTheLoopConditionFalse(BlockTree block, TreePath loopPath) {
    ExpressionTree condition = Loops.condition(loopPath.getLeaf());
    if (condition == null || Loops.hasNoExitCondition(loopPath.getLeaf())) {
      return false;
    }
    for (StatementTree statement : block.getStatements()) {
      if (statement instanceof ExpressionStatementTree expression) {
        FlagWrite write = flagWrite(expression.getExpression());
        if (write != null
            && Boolean.FALSE.equals(valueWith(condition, write.flag(), write.value()))) {
          return true;
        }
      }
      if (!Jumps.canCompleteNormally(statement)) {
        return false;
      }
    }
    return false;
  }

  /** A boolean flag set to a constant: {@code flag = true}, {@code flag.set(false)}. */
  private record FlagWrite(Symbol flag, boolean value) {}

  private static @Nullable FlagWrite flagWrite(ExpressionTree expression) {
    ExpressionTree stripped = stripParentheses(expression);
    if (stripped instanceof AssignmentTree assignment
        && constValue(assignment.getExpression()) instanceof Boolean value
        && getSymbol(stripParentheses(assignment.getVariable())) instanceof VarSymbol flag) {
      return new FlagWrite(flag, value);
    }
    if (stripped instanceof MethodInvocationTree call
        && call.getArguments().size() == 1
        && constValue(call.getArguments().getFirst()) instanceof Boolean value
        && isAtomicBooleanCall(call, "set")
        && getSymbol(stripParentheses(getReceiver(call))) instanceof VarSymbol flag) {
      return new FlagWrite(flag, value);
    }
    return null;
  }

  private static boolean isAtomicBooleanCall(MethodInvocationTree call, String name) {
    ExpressionTree receiver = getReceiver(call);
    Type type = receiver == null ? null : getType(receiver);
    return getSymbol(call) instanceof MethodSymbol method
        && method.getSimpleName().contentEquals(name)
        && type != null
        && type.tsym.getQualifiedName().contentEquals("java.util.concurrent.atomic.AtomicBoolean");
  }

  /**
   * The value of the boolean expression once {@code flag} holds {@code value}, or null where it
   * depends on anything else: the flag itself, {@code flag.get()} of an AtomicBoolean, combined
   * with {@code !}, {@code &&} and {@code ||}.
   */
  private static @Nullable Boolean valueWith(ExpressionTree tree, Symbol flag, boolean value) {
    ExpressionTree expression = stripParentheses(tree);
    return switch (expression) {
      case UnaryTree not when not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT -> {
        Boolean operand = valueWith(not.getExpression(), flag, value);
        yield operand == null ? null : !operand;
      }
      case BinaryTree binary when binary.getKind() == Tree.Kind.CONDITIONAL_AND -> {
        Boolean left = valueWith(binary.getLeftOperand(), flag, value);
        Boolean right = valueWith(binary.getRightOperand(), flag, value);
        yield Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)
            ? Boolean.FALSE
            : (left != null && right != null ? Boolean.TRUE : null);
      }
      case BinaryTree binary when binary.getKind() == Tree.Kind.CONDITIONAL_OR -> {
        Boolean left = valueWith(binary.getLeftOperand(), flag, value);
        Boolean right = valueWith(binary.getRightOperand(), flag, value);
        yield Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)
            ? Boolean.TRUE
            : (left != null && right != null ? Boolean.FALSE : null);
      }
      case IdentifierTree identifier -> flag.equals(getSymbol(identifier)) ? value : null;
      case MemberSelectTree select -> flag.equals(getSymbol(select)) ? value : null;
      case MethodInvocationTree call
          when call.getArguments().isEmpty()
              && isAtomicBooleanCall(call, "get")
              && flag.equals(getSymbol(stripParentheses(getReceiver(call)))) ->
          value;
      default -> null;
    };
  }

  /**
   * Where the value of a flag check goes: in the loop's own condition it ends the loop; in an
   * {@code if} condition it does if a branch leaves the loop; in a nested loop's condition it ends
   * only that loop; as a bare statement it is dropped. Anywhere else (a variable, a return) it is
   * taken to be used.
   */
  private static boolean checkEndsLoop(TreePath path, TreePath loopPath) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf == loopPath.getLeaf()) {
        return true;
      }
      if (leaf instanceof IfTree ifTree && child == ifTree.getCondition()) {
        return Loops.leavesLoop(ifTree.getThenStatement(), loopPath)
            || (ifTree.getElseStatement() != null
                && Loops.leavesLoop(ifTree.getElseStatement(), loopPath));
      }
      if (Loops.isLoop(leaf)) {
        return false; // the condition (or body) of a nested loop: it ends that loop only
      }
      if (leaf instanceof ExpressionStatementTree) {
        return false;
      }
      if (leaf instanceof StatementTree) {
        return true;
      }
      child = leaf;
    }
    return false;
  }

  /**
   * The catch, between the call at {@code callPath} and {@code stopAt}, that receives the
   * InterruptedException the call throws; null if it propagates past {@code stopAt}.
   */
  public static @Nullable TreePath catchingInterrupt(
      TreePath callPath, Tree stopAt, VisitorState state) {
    Type interrupted = Interrupts.interruptedExceptionType(state);
    Tree child = callPath.getLeaf();
    for (TreePath p = callPath.getParentPath();
        p != null && p.getLeaf() != stopAt;
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree tryTree
          && (child == tryTree.getBlock() || tryTree.getResources().contains(child))) {
        for (CatchTree catchTree : tryTree.getCatches()) {
          if (Catches.caughtTypes(catchTree).stream()
              .anyMatch(t -> isSubtype(interrupted, t, state))) {
            return new TreePath(p, catchTree);
          }
        }
      }
      child = p.getLeaf();
    }
    return null;
  }

  /**
   * True if the call notices an interrupt: it throws {@link InterruptedException}, it reads the
   * flag ({@code Thread.interrupted()}, {@code isInterrupted()}), or it is configured with {@code
   * -XepOpt:CancelGuard:CancellationPoints}.
   */
  public static boolean isCancellationPoint(
      ExpressionTree tree, VisitorState state, CancelGuardOptions options) {
    if (!(stripParentheses(tree) instanceof MethodInvocationTree call)
        || !Expressions.isResolved(call)) {
      return false;
    }
    if (Interrupts.throwsInterruptedException(call, state)
        || ThreadCalls.INTERRUPTED.matches(call, state)
        || ThreadCalls.IS_INTERRUPTED.matches(call, state)) {
      return true;
    }
    Symbol symbol = getSymbol(call);
    return symbol != null && options.isCancellationPoint(symbol);
  }

  /** Looks for cancellation points in a tree and in the same-file methods it calls. */
  private static final class HelperScan {
    private final VisitorState state;
    private final CancelGuardOptions options;
    private final Set<MethodSymbol> entered = new HashSet<>();

    HelperScan(VisitorState state, CancelGuardOptions options) {
      this.state = state;
      this.options = options;
    }

    boolean contains(Tree tree, HelperChain chain) {
      boolean[] found = new boolean[1];
      new NestedCodeSkipper() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (found[0]) {
            return null;
          }
          if (noticesCancellation(call, state, options)
              || (getSymbol(call) instanceof MethodSymbol method
                  && helperContains(method, chain))) {
            found[0] = true;
            return null;
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(tree, null);
      return found[0];
    }

    /** A method of this file (not entered before in this scan) with a cancellation point. */
    boolean helperContains(MethodSymbol method, HelperChain chain) {
      if (!SameFile.isDeclaredIn(method, state.getPath().getCompilationUnit())) {
        return false;
      }
      HelperChain inner = chain.enter(method);
      if (inner == null || !entered.add(method)) {
        return false;
      }
      MethodTree helper = SameFile.findMethod(state.getPath().getCompilationUnit(), method, state);
      return helper != null && helper.getBody() != null && contains(helper.getBody(), inner);
    }
  }
}
