package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.TypeTag;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Jumps;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.WriteScanner;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A {@code get()} on a future the code already knows is done, which returns without waiting and
 * without reading the interrupt flag, so it never throws {@link InterruptedException}: inside
 * {@code if (f.isDone() && ...)}, the else of {@code if (!f.isDone())}, or after {@code if
 * (!f.isDone()) return;} or {@code checkState(f.isDone())} ({@link ThrowingGuards}); also {@code
 * isCancelled()}, {@code isCompletedExceptionally()}, {@code f.state() != RUNNING}.
 *
 * <p>The future is a variable ({@code f}, a field), this object itself ({@code if (isDone()) return
 * get();}), or an element of an array variable at an index that is a variable or a constant ({@code
 * if (futures[i].isDone()) futures[i].get();}). A test that the future is {@code null} counts as a
 * test that it is done: {@code get()} on null throws a {@link NullPointerException}, never an
 * {@link InterruptedException} ({@code if (f == null || f.isDone())}, {@code if (f != null &&
 * !f.isDone()) return;}). The test may be read through a local boolean assigned it just before in
 * the same block ({@code boolean done = f.isDone(); if (done) f.get();}), when neither the boolean
 * nor the future is written in between.
 *
 * <p>The future must not be written between the test and the {@code get()}: not in the statements
 * of any block between them that come before the {@code get()}, and not anywhere in a loop that
 * holds the {@code get()} but not the test (a later part of an earlier round could replace it).
 * Nothing here holds in a lambda or a class nested between the test and the {@code get()}: they may
 * run later, when the future has been replaced.
 */
final class KnownDoneFutures {
  private KnownDoneFutures() {}

  /** True if {@code call} is a {@code Future.get} on a future the code already knows is done. */
  static boolean isGetOfDoneFuture(
      MethodInvocationTree call, TreePath callPath, VisitorState state) {
    if (!FutureCalls.GET.matches(call, state)) {
      return false;
    }
    FutureReference future = FutureReference.ofReceiver(call, callPath, state);
    if (future == null) {
      return false;
    }
    CompilationUnitTree unit = callPath.getCompilationUnit();
    Tree child = call;
    for (TreePath p = callPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof IfTree ifTree) {
        Statements context = Statements.around(p);
        if ((child == ifTree.getThenStatement()
                && impliesDone(ifTree.getCondition(), true, future, context, callPath, state))
            || (child == ifTree.getElseStatement()
                && impliesDone(ifTree.getCondition(), false, future, context, callPath, state))) {
          return true;
        }
      }
      List<? extends StatementTree> statements =
          switch (leaf) {
            case BlockTree block -> block.getStatements();
            case CaseTree caseTree -> caseTree.getStatements();
            default -> null;
          };
      if (statements != null) {
        Guard guard =
            guardBefore(
                new Statements(statements, statements.indexOf(child)), future, callPath, state);
        if (guard != Guard.NONE) {
          return guard == Guard.DONE;
        }
      }
      if (Loops.isLoop(leaf) && future.isWrittenIn(leaf, unit)) {
        return false;
      }
      child = leaf;
    }
    return false;
  }

  private enum Guard {
    /** A test before the statement leaves unless the future is done. */
    DONE,
    /** The future is written before the statement, after any test further out. */
    WRITTEN,
    NONE
  }

  /**
   * Whether, in its block, the statement at {@code at.index} is preceded by {@code if (!f.isDone())
   * return;} (a branch that cannot complete normally, taken whenever the future may not be done) or
   * a precondition helper handed {@code f.isDone()}, with the future not written in between.
   */
  private static Guard guardBefore(
      Statements at, FutureReference future, TreePath callPath, VisitorState state) {
    CompilationUnitTree unit = callPath.getCompilationUnit();
    for (int i = at.index() - 1; i >= 0; i--) {
      StatementTree earlier = at.statements().get(i);
      Statements context = new Statements(at.statements(), i);
      if (earlier instanceof IfTree guard
          && !Jumps.canCompleteNormally(guard.getThenStatement())
          && impliesDone(guard.getCondition(), false, future, context, callPath, state)) {
        return Guard.DONE;
      }
      // Assert.state(f.isDone(), ..): a precondition helper that throws unless it is handed true.
      MethodInvocationTree precondition = ThrowingGuards.guardCall(earlier, state);
      if (precondition != null
          && impliesDone(
              precondition.getArguments().getFirst(), true, future, context, callPath, state)) {
        return Guard.DONE;
      }
      if (future.isWrittenIn(earlier, unit)) {
        return Guard.WRITTEN;
      }
    }
    return Guard.NONE;
  }

  /**
   * True if the condition having {@code value} means a {@code get()} on the future cannot wait: it
   * is done ({@code f.isDone()}, {@code f.isCancelled()}, {@code f.isCompletedExceptionally()}
   * true, {@code f.state()} compared with a {@code Future.State} constant) or null ({@code f ==
   * null}: the call throws a {@link NullPointerException}); through {@code !}, {@code &&}, {@code
   * ||} and a local boolean assigned such a condition just before ({@code at}: the statement that
   * holds the condition, in its block, or null where it is not in a block).
   */
  private static boolean impliesDone(
      ExpressionTree condition,
      boolean value,
      FutureReference future,
      @Nullable Statements at,
      TreePath callPath,
      VisitorState state) {
    ExpressionTree c = stripParentheses(condition);
    return switch (c.getKind()) {
      case LOGICAL_COMPLEMENT ->
          impliesDone(((UnaryTree) c).getExpression(), !value, future, at, callPath, state);
      case CONDITIONAL_AND, CONDITIONAL_OR -> {
        BinaryTree binary = (BinaryTree) c;
        boolean left = impliesDone(binary.getLeftOperand(), value, future, at, callPath, state);
        boolean right = impliesDone(binary.getRightOperand(), value, future, at, callPath, state);
        // `a && b` true, or `a || b` false: both operands have that value; otherwise either.
        yield (c.getKind() == Tree.Kind.CONDITIONAL_AND) == value ? left || right : left && right;
      }
      case METHOD_INVOCATION ->
          value
              && Expressions.isResolved(c)
              && FutureCalls.FINISHED_TEST.matches(c, state)
              && future.equals(
                  FutureReference.ofReceiver((MethodInvocationTree) c, callPath, state));
      case EQUAL_TO, NOT_EQUAL_TO -> {
        BinaryTree comparison = (BinaryTree) c;
        boolean equal = (c.getKind() == Tree.Kind.EQUAL_TO) == value;
        if (isNull(comparison.getLeftOperand()) || isNull(comparison.getRightOperand())) {
          // `f == null` true, or `f != null` false: get() throws NullPointerException.
          ExpressionTree other =
              isNull(comparison.getLeftOperand())
                  ? comparison.getRightOperand()
                  : comparison.getLeftOperand();
          yield equal && future.equals(FutureReference.of(other, callPath, state));
        }
        String constant = futureStateConstant(comparison.getRightOperand());
        ExpressionTree other = comparison.getLeftOperand();
        if (constant == null) {
          constant = futureStateConstant(comparison.getLeftOperand());
          other = comparison.getRightOperand();
        }
        if (constant == null
            || !(stripParentheses(other) instanceof MethodInvocationTree stateCall)
            || !Expressions.isResolved(stateCall)
            || !FutureCalls.STATE.matches(stateCall, state)
            || !future.equals(FutureReference.ofReceiver(stateCall, callPath, state))) {
          yield false;
        }
        // `state() == SUCCESS` true, or `state() == RUNNING` false: the state is not RUNNING.
        yield equal != constant.equals("RUNNING");
      }
      case IDENTIFIER -> at != null && localTestImpliesDone(c, value, future, at, callPath, state);
      default -> false;
    };
  }

  /**
   * True if {@code name} is a local boolean whose last assignment before the statement {@code at},
   * in the same block, is a condition that having {@code value} means the future is done, and
   * neither the boolean nor the future is written between that assignment and the statement.
   */
  private static boolean localTestImpliesDone(
      ExpressionTree name,
      boolean value,
      FutureReference future,
      Statements at,
      TreePath callPath,
      VisitorState state) {
    if (!(getSymbol(name) instanceof VarSymbol local)
        || local.getKind() != ElementKind.LOCAL_VARIABLE
        || !local.type.hasTag(TypeTag.BOOLEAN)) {
      return false;
    }
    CompilationUnitTree unit = callPath.getCompilationUnit();
    for (int i = at.index() - 1; i >= 0; i--) {
      StatementTree earlier = at.statements().get(i);
      ExpressionTree assigned = assignedTo(earlier, local);
      if (assigned != null) {
        return !future.isWrittenIn(assigned, unit)
            && impliesDone(
                assigned, value, future, new Statements(at.statements(), i), callPath, state);
      }
      if (future.isWrittenIn(earlier, unit)
          || WriteScanner.writesAny(unit, earlier, java.util.Set.of(local))) {
        return false;
      }
    }
    return false;
  }

  /** What the statement assigns the local: {@code boolean b = X;} or {@code b = X;}; or null. */
  private static @Nullable ExpressionTree assignedTo(StatementTree statement, VarSymbol local) {
    if (statement instanceof VariableTree declaration) {
      return local.equals(getSymbol(declaration)) ? declaration.getInitializer() : null;
    }
    if (statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof AssignmentTree assignment
        && local.equals(getSymbol(stripParentheses(assignment.getVariable())))) {
      return assignment.getExpression();
    }
    return null;
  }

  private static boolean isNull(ExpressionTree expression) {
    return stripParentheses(expression) instanceof LiteralTree literal
        && literal.getKind() == Tree.Kind.NULL_LITERAL;
  }

  /** The name of the {@code Future.State} constant the expression names, or null. */
  private static @Nullable String futureStateConstant(ExpressionTree expression) {
    Symbol symbol = getSymbol(stripParentheses(expression));
    return symbol instanceof VarSymbol constant
            && (constant.flags() & Flags.ENUM) != 0
            && constant.owner.getQualifiedName().contentEquals("java.util.concurrent.Future.State")
        ? constant.getSimpleName().toString()
        : null;
  }

  /** A statement in its block: the block's statements and the statement's index among them. */
  private record Statements(List<? extends StatementTree> statements, int index) {
    /** The statement at {@code path} in the block or case around it, or null. */
    static @Nullable Statements around(TreePath path) {
      TreePath parent = path.getParentPath();
      List<? extends StatementTree> statements =
          parent == null
              ? null
              : switch (parent.getLeaf()) {
                case BlockTree block -> block.getStatements();
                case CaseTree caseTree -> caseTree.getStatements();
                default -> null;
              };
      if (statements == null) {
        return null;
      }
      int index = statements.indexOf(path.getLeaf());
      return index < 0 ? null : new Statements(statements, index);
    }
  }

  /**
   * Which future a call is made on, as far as the code names it: a variable ({@code index} null),
   * an element of an array variable at an index that is a variable or a constant ({@code index} the
   * index's symbol or constant value), or this object (the class whose instance it is).
   */
  private record FutureReference(Symbol variable, @Nullable Object index) {
    /**
     * What an instance call is made on: the variable of {@code f.isDone()}, the array element of
     * {@code futures[i].isDone()}; for a call on this object ({@code get()}, {@code this.get()}),
     * the class whose instance that is — the innermost class around {@code within} that inherits
     * the method (an unqualified call in an inner class may be made on the outer instance). Null
     * for any other receiver.
     */
    static @Nullable FutureReference ofReceiver(
        MethodInvocationTree call, TreePath within, VisitorState state) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      boolean onThis =
          receiver == null
              || (stripParentheses(receiver) instanceof IdentifierTree name
                  && name.getName().contentEquals("this"));
      if (!onThis) {
        return of(receiver, within, state);
      }
      Symbol method = getSymbol(call);
      if (method == null || method.isStatic()) {
        return null;
      }
      for (TreePath p = within; p != null; p = p.getParentPath()) {
        if (p.getLeaf() instanceof ClassTree classTree
            && getSymbol(classTree) instanceof ClassSymbol type) {
          if (receiver != null || type.isSubClass(method.owner, state.getTypes())) {
            return new FutureReference(type, null);
          }
        }
      }
      return null;
    }

    /** The future an expression names: a variable, or an array variable's element; or null. */
    static @Nullable FutureReference of(
        ExpressionTree expression, TreePath within, VisitorState state) {
      ExpressionTree e = stripParentheses(expression);
      if (e instanceof ArrayAccessTree element) {
        Symbol array = variable(element.getExpression());
        ExpressionTree indexTree = stripParentheses(element.getIndex());
        Object constant = ASTHelpers.constValue(indexTree);
        Object index = constant != null ? constant : variable(indexTree);
        return array == null || index == null ? null : new FutureReference(array, index);
      }
      Symbol symbol = getSymbol(e);
      return symbol == null ? null : new FutureReference(symbol, null);
    }

    /** The variable an identifier or {@code this.name} names, or null. */
    private static @Nullable Symbol variable(ExpressionTree expression) {
      ExpressionTree e = stripParentheses(expression);
      boolean plain =
          e instanceof IdentifierTree
              || (e instanceof MemberSelectTree select
                  && stripParentheses(select.getExpression()) instanceof IdentifierTree owner
                  && owner.getName().contentEquals("this"));
      return plain && getSymbol(e) instanceof VarSymbol v ? v : null;
    }

    /**
     * True if {@code tree} writes this future's variable, or for an array element the array
     * variable, the index variable or any element of the array.
     */
    boolean isWrittenIn(Tree tree, CompilationUnitTree unit) {
      boolean[] found = new boolean[1];
      new WriteScanner() {
        @Override
        protected void written(ExpressionTree written, ExpressionTree write) {
          ExpressionTree w = stripParentheses(written);
          Symbol symbol = getSymbol(w);
          found[0] |=
              (symbol != null && (symbol.equals(variable) || symbol.equals(index)))
                  || (index != null
                      && w instanceof ArrayAccessTree element
                      && Objects.equals(
                          getSymbol(stripParentheses(element.getExpression())), variable));
        }
      }.scanWithin(unit, tree);
      return found[0];
    }
  }
}
