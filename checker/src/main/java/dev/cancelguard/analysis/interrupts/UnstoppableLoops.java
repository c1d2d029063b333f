package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.Loops;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * The loops of a task that only an interrupt could stop: a loop its own code cannot end (no
 * condition, or stop flags only another thread writes), and the task's main CPU work (nested loops
 * over data whose size the source does not fix). Whether such a loop notices an interrupt is {@link
 * CancellationPoints}' question.
 */
public final class UnstoppableLoops {
  /** Collections whose size is fixed in the source: {@code List.of(a, b)}, {@code E.values()}. */
  private static final Set<String> FIXED_SIZE_FACTORIES = Set.of("of", "asList", "allOf", "range");

  private UnstoppableLoops() {}

  /**
   * The stop flags of a loop its own code cannot end — no condition ({@code while (true)}, {@code
   * for (;;)}) or a stop flag the loop never writes, and no break or return other than in a catch
   * block or behind a stop flag — or null if the loop can end by itself. The set is empty for a
   * loop with no flag at all.
   */
  public static @Nullable Set<Symbol> unboundedStopFlags(StatementTree loop, TreePath loopPath) {
    if (loop instanceof EnhancedForLoopTree) {
      return null; // it ends with its collection
    }
    Set<Symbol> written = Loops.writtenVariables(loopPath);
    Set<Symbol> flags = new HashSet<>();
    if (!Loops.hasNoExitCondition(loop) && !isStopFlag(Loops.condition(loop), written, flags)) {
      return null;
    }
    for (TreePath exit : Loops.exits(loopPath)) {
      if (!onlyBehindStopFlags(exit, loopPath, written, flags)) {
        return null;
      }
    }
    return flags;
  }

  /**
   * A condition made of boolean variables the loop does not write (and {@code get()} of such an
   * AtomicBoolean), combined with {@code !}, {@code &&} and {@code ||}: only another thread can
   * change it. The variables go into {@code flags}.
   */
  private static boolean isStopFlag(
      @Nullable ExpressionTree tree, Set<Symbol> written, Set<Symbol> flags) {
    if (tree == null) {
      return false;
    }
    ExpressionTree expression = stripParentheses(tree);
    return switch (expression) {
      case UnaryTree not when not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT ->
          isStopFlag(not.getExpression(), written, flags);
      case BinaryTree binary
          when binary.getKind() == Tree.Kind.CONDITIONAL_AND
              || binary.getKind() == Tree.Kind.CONDITIONAL_OR ->
          isStopFlag(binary.getLeftOperand(), written, flags)
              && isStopFlag(binary.getRightOperand(), written, flags);
      case IdentifierTree identifier -> isUnwrittenBoolean(getSymbol(identifier), written, flags);
      case MemberSelectTree select -> isUnwrittenBoolean(getSymbol(select), written, flags);
      case MethodInvocationTree call -> isAtomicBooleanGet(call, written, flags);
      default -> false;
    };
  }

  private static boolean isUnwrittenBoolean(
      @Nullable Symbol symbol, Set<Symbol> written, Set<Symbol> flags) {
    if (!(symbol instanceof VarSymbol variable) || written.contains(variable)) {
      return false;
    }
    Type type = variable.type;
    boolean isBoolean =
        type.getTag() == TypeTag.BOOLEAN
            || type.tsym.getQualifiedName().contentEquals("java.lang.Boolean");
    if (isBoolean) {
      flags.add(variable);
    }
    return isBoolean;
  }

  private static boolean isAtomicBooleanGet(
      MethodInvocationTree call, Set<Symbol> written, Set<Symbol> flags) {
    Symbol method = getSymbol(call);
    ExpressionTree receiver = getReceiver(call);
    if (method == null
        || !method.getSimpleName().contentEquals("get")
        || !call.getArguments().isEmpty()
        || receiver == null) {
      return false;
    }
    Type type = getType(receiver);
    Symbol flag = getSymbol(stripParentheses(receiver));
    boolean isFlag =
        type != null
            && type.tsym
                .getQualifiedName()
                .contentEquals("java.util.concurrent.atomic.AtomicBoolean")
            && flag instanceof VarSymbol
            && !written.contains(flag);
    if (isFlag) {
      flags.add(flag);
    }
    return isFlag;
  }

  /** True if the exit is reached only through {@code if}s testing a stop flag. */
  private static boolean onlyBehindStopFlags(
      TreePath exit, TreePath loopPath, Set<Symbol> written, Set<Symbol> flags) {
    boolean behindFlag = false;
    Tree child = exit.getLeaf();
    for (TreePath p = exit.getParentPath();
        p != null && p.getLeaf() != loopPath.getLeaf();
        p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof IfTree ifTree && child != ifTree.getCondition()) {
        if (!isStopFlag(ifTree.getCondition(), written, flags)) {
          return false;
        }
        behindFlag = true;
      } else if (!(leaf instanceof BlockTree
          || leaf instanceof LabeledStatementTree
          || leaf instanceof SynchronizedTree
          || (leaf instanceof TryTree tryTree && child == tryTree.getBlock()))) {
        return false; // behind a real condition: a switch, a nested loop, ...
      }
      child = leaf;
    }
    return behindFlag;
  }

  /**
   * The task's main work: the outermost for or for-each loop of a task (not ForkJoinTask.compute,
   * which splits its work until each piece is small), over data whose size is not fixed in the
   * source, with nested loops inside, and no cancellation point anywhere in it.
   */
  public static boolean isMainCpuLoop(
      StatementTree loop,
      TreePath loopPath,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (codeUnit.getLeaf() instanceof MethodTree method
        && method.getName().contentEquals("compute")) {
      return false;
    }
    boolean sizedByData =
        switch (loop) {
          case ForLoopTree forLoop ->
              forLoop.getCondition() != null && !hasConstantBound(forLoop.getCondition());
          case EnhancedForLoopTree forEach -> !isFixedSize(forEach.getExpression(), state);
          default -> false;
        };
    if (!sizedByData) {
      return false;
    }
    // Only the outermost loop is reported, and only when it does nested work per element.
    if (Loops.enclosingLoop(loopPath, codeUnit) != null || !Loops.containsLoop(Loops.body(loop))) {
      return false;
    }
    return !CancellationPoints.containsCancellationPoint(loop, state, options);
  }

  /** {@code i < 8}: a compile-time constant on either side of the comparison. */
  private static boolean hasConstantBound(ExpressionTree condition) {
    ExpressionTree expression = stripParentheses(condition);
    if (Loops.isConstantTrue(expression)) {
      return true;
    }
    return expression instanceof BinaryTree binary
        && (constValue(binary.getLeftOperand()) != null
            || constValue(binary.getRightOperand()) != null);
  }

  /** An array literal, {@code List.of(..)}, {@code E.values()}, or a static final field. */
  private static boolean isFixedSize(ExpressionTree tree, VisitorState state) {
    ExpressionTree expression = stripParentheses(tree);
    if (expression instanceof NewArrayTree array) {
      return array.getInitializers() != null;
    }
    if (expression instanceof MethodInvocationTree call
        && getSymbol(call) instanceof MethodSymbol method
        && method.isStatic()) {
      String name = method.getSimpleName().toString();
      if (name.equals("values") && call.getArguments().isEmpty()) {
        return method.owner.getKind() == ElementKind.ENUM;
      }
      if (!FIXED_SIZE_FACTORIES.contains(name) || call.getArguments().isEmpty()) {
        return false;
      }
      // Arrays.asList(array) and List.of(array) are as long as the array.
      if (call.getArguments().size() == 1) {
        Type argument = getType(call.getArguments().getFirst());
        return argument == null || argument.getTag() != TypeTag.ARRAY;
      }
      return true;
    }
    Symbol symbol = getSymbol(expression);
    return symbol instanceof VarSymbol field
        && field.getKind() == ElementKind.FIELD
        && field.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL));
  }
}
