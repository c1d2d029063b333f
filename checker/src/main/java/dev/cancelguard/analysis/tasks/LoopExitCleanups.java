package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * What a loop does on its own way out: the statements that run, in the branch that leads to one of
 * its ordinary exits ({@code break}, {@code return}), just before it. A worker loop that ends by
 * its own protocol often resets the state that says it runs ({@code worker = null; break;}, {@code
 * ref.set(null)}) so that the next request starts a new one. A catch that leaves the loop on an
 * interrupt skips that reset: the component then believes its worker still runs, and nothing serves
 * it again. Leaving the loop is no fix there.
 */
public final class LoopExitCleanups {
  /** Calls that only report (a logger's levels): they change nothing the component relies on. */
  private static final ImmutableSet<String> REPORTING_VERBS =
      ImmutableSet.of("trace", "debug", "info", "warn", "warning", "error", "fatal", "log");

  private LoopExitCleanups() {}

  /**
   * The first statement that changes the object's state (assigns a field or an array element, calls
   * a method of the object itself or of one of its instance fields) on the way to an ordinary exit
   * of {@code loop}: in the block of the exit before it, and in the blocks of the enclosing {@code
   * if} branches before them, up to the first block that is not such a branch (a {@code try}'s, the
   * loop's body). Null where every exit leaves without changing anything first.
   */
  public static @Nullable Tree stateChangeBeforeItsOwnExit(TreePath loop) {
    for (TreePath exit : Loops.exits(loop)) {
      Tree change = stateChangeBefore(exit, loop.getLeaf());
      if (change != null) {
        return change;
      }
    }
    return null;
  }

  /**
   * The first statement after {@code loop} in {@code codeUnit} — among the statements that follow
   * it in its block or in the {@code finally} of a {@code try} around it — that is an {@code if} on
   * the object's own stop state the loop's condition tests ({@code while (!isStop())} .. {@code
   * finally { if (isStop()) { state.set(STOPPED); runner = null; } }}) and changes the object's
   * state in its branch. The work tells its ordinary end from any other there: left from a catch,
   * the loop ends without that state saying stop, and the bookkeeping of the end is skipped, so the
   * component believes its worker still runs. Null where there is none.
   */
  public static @Nullable Tree stopBookkeepingAfter(TreePath loop, TreePath codeUnit) {
    ExpressionTree condition = Loops.condition(loop.getLeaf());
    Set<Symbol> stopState = condition == null ? Set.of() : ownStateReadBy(condition);
    if (stopState.isEmpty()) {
      return null;
    }
    for (TreePath p = loop; p != null && p.getLeaf() != codeUnit.getLeaf(); p = p.getParentPath()) {
      TreePath parentPath = p.getParentPath();
      if (parentPath == null) {
        return null;
      }
      List<StatementTree> after = new ArrayList<>();
      if (parentPath.getLeaf() instanceof BlockTree block) {
        int at = block.getStatements().indexOf(p.getLeaf());
        if (at >= 0) {
          after.addAll(block.getStatements().subList(at + 1, block.getStatements().size()));
        }
      } else if (parentPath.getLeaf() instanceof TryTree tryTree
          && tryTree.getFinallyBlock() != null
          && p.getLeaf() != tryTree.getFinallyBlock()) {
        after.add(tryTree.getFinallyBlock());
      }
      for (StatementTree statement : after) {
        Tree bookkeeping = stopStateTest(statement, stopState);
        if (bookkeeping != null) {
          return bookkeeping;
        }
      }
    }
    return null;
  }

  /**
   * An {@code if} in {@code statement} (not in nested code) on the stop state that changes state.
   */
  private static @Nullable Tree stopStateTest(StatementTree statement, Set<Symbol> stopState) {
    Tree[] found = new Tree[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitIf(IfTree ifTree, Void unused) {
        if (found[0] == null
            && !Collections.disjoint(ownStateReadBy(ifTree.getCondition()), stopState)
            && changesState(ifTree.getThenStatement())) {
          found[0] = ifTree;
        }
        return super.visitIf(ifTree, null);
      }
    }.scan(statement, null);
    return found[0];
  }

  /**
   * The object's own state an expression reads: its instance fields, and its instance methods
   * called with no arguments on itself ({@code isStop()}, {@code this.isRunning()}).
   */
  static Set<Symbol> ownStateReadBy(ExpressionTree expression) {
    Set<Symbol> read = new HashSet<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        Symbol symbol = getSymbol(id);
        if (symbol != null && symbol.getKind() == ElementKind.FIELD && !symbol.isStatic()) {
          read.add(symbol);
        }
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        ExpressionTree receiver = getReceiver(call);
        if (Expressions.isResolved(call)
            && call.getArguments().isEmpty()
            && getSymbol(call) instanceof MethodSymbol method
            && !method.isStatic()
            && (receiver == null
                || (receiver instanceof IdentifierTree id && id.getName().contentEquals("this")))) {
          read.add(method);
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(expression, null);
    return read;
  }

  private static @Nullable Tree stateChangeBefore(TreePath exit, Tree loop) {
    for (TreePath p = exit; ; ) {
      TreePath parentPath = p.getParentPath();
      if (parentPath == null || parentPath.getLeaf() == loop) {
        return null;
      }
      if (parentPath.getLeaf() instanceof IfTree) {
        p = parentPath; // `if (done) break;`: the if is the statement of the block around it
        continue;
      }
      // Only the branch of an if runs just on the way to the exit; the statements of an enclosing
      // try's or loop's block run on every round.
      TreePath above = parentPath.getParentPath();
      if (!(parentPath.getLeaf() instanceof BlockTree block)
          || above == null
          || !(above.getLeaf() instanceof IfTree)) {
        return null;
      }
      for (StatementTree statement : block.getStatements()) {
        if (statement == p.getLeaf()) {
          break;
        }
        if (changesState(statement)) {
          return statement;
        }
      }
      p = above;
    }
  }

  private static boolean changesState(StatementTree statement) {
    boolean[] changes = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        changes[0] |= isObjectState(assignment.getVariable());
        return super.visitAssignment(assignment, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree assignment, Void unused) {
        changes[0] |= isObjectState(assignment.getVariable());
        return super.visitCompoundAssignment(assignment, null);
      }

      @Override
      public Void visitUnary(UnaryTree unary, Void unused) {
        if (unary.getKind() != Tree.Kind.LOGICAL_COMPLEMENT
            && unary.getKind() != Tree.Kind.UNARY_MINUS
            && unary.getKind() != Tree.Kind.UNARY_PLUS
            && unary.getKind() != Tree.Kind.BITWISE_COMPLEMENT) {
          changes[0] |= isObjectState(unary.getExpression());
        }
        return super.visitUnary(unary, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        changes[0] |= isCallOnTheObject(call);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(statement, null);
    return changes[0];
  }

  /** A field (of any object) or an array element: state that outlives the loop's round. */
  private static boolean isObjectState(ExpressionTree variable) {
    if (variable.getKind() == Tree.Kind.ARRAY_ACCESS) {
      return true;
    }
    Symbol symbol = getSymbol(variable);
    return symbol != null && symbol.getKind() == ElementKind.FIELD;
  }

  /**
   * A call of an instance method of the object itself ({@code cleanup()}, {@code this.reset()}) or
   * on one of its instance fields ({@code processorRef.set(null)}), other than a logger's.
   */
  private static boolean isCallOnTheObject(MethodInvocationTree call) {
    if (!Expressions.isResolved(call)
        || !(getSymbol(call) instanceof MethodSymbol method)
        || method.isStatic()
        || REPORTING_VERBS.contains(method.getSimpleName().toString())) {
      return false;
    }
    ExpressionTree receiver = getReceiver(call);
    if (receiver == null) {
      return true;
    }
    if (receiver instanceof IdentifierTree id && id.getName().contentEquals("this")) {
      return true;
    }
    if (!(receiver instanceof IdentifierTree) && !(receiver instanceof MemberSelectTree)) {
      return false;
    }
    Symbol symbol = getSymbol(receiver);
    return symbol != null && symbol.getKind() == ElementKind.FIELD && !symbol.isStatic();
  }
}
