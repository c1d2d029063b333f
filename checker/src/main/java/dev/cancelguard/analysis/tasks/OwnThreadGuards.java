package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import org.jspecify.annotations.Nullable;

/**
 * An own-thread guard at the top of a method: a statement that asserts the method runs on its
 * class's own thread ({@code assert Thread.currentThread() == thread;}, {@code if (!inEventLoop())
 * throw ...;}, {@code checkState(inOwnThread())}), so that the code after it runs only there. One
 * of the two signs of {@link OwnThreads#runsOnlyOnOwnThread}.
 */
final class OwnThreadGuards {

  private OwnThreadGuards() {}

  /**
   * The first statements (up to the first that is neither a guard nor an early {@code if (..)
   * return ..;}) include an own-thread guard: the code after it runs only on the own thread.
   */
  static boolean startsWithOwnThreadGuard(BlockTree body, VisitorState state) {
    for (StatementTree statement : body.getStatements()) {
      if (returnsOnly(statement)) {
        continue; // `if (!isShuttingDown()) return false;`: the rest still runs past the guard
      }
      Boolean guard = guardKind(statement, state);
      if (guard == null) {
        return false;
      }
      if (guard) {
        return true;
      }
    }
    return false;
  }

  /**
   * For a guard statement: true if it asserts the own thread, false for another guard ({@code
   * assert x != null}, {@code checkNotNull(..)}); null for a statement that is no guard.
   */
  private static @Nullable Boolean guardKind(StatementTree statement, VisitorState state) {
    switch (statement) {
      case AssertTree assertTree -> {
        return isOwnThreadTest(assertTree.getCondition(), true, state);
      }
      case IfTree ifTree when ifTree.getElseStatement() == null && throwsOnly(ifTree) -> {
        return isOwnThreadTest(ifTree.getCondition(), false, state);
      }
      case ExpressionStatementTree expression
          when stripParentheses(expression.getExpression()) instanceof MethodInvocationTree call
              && !call.getArguments().isEmpty()
              && Expressions.isResolved(call)
              && getSymbol(call) instanceof MethodSymbol checker
              && checker.getReturnType().getKind() != javax.lang.model.type.TypeKind.BOOLEAN -> {
        // checkState(inEventLoop(), "..."): a precondition helper asserting its first argument.
        return isOwnThreadTest(call.getArguments().getFirst(), true, state);
      }
      default -> {
        return null;
      }
    }
  }

  /** {@code if (cond) return ..;} with no else: an early way out, no work. */
  private static boolean returnsOnly(StatementTree statement) {
    if (!(statement instanceof IfTree ifTree) || ifTree.getElseStatement() != null) {
      return false;
    }
    StatementTree then = ifTree.getThenStatement();
    if (then instanceof BlockTree block && block.getStatements().size() == 1) {
      then = block.getStatements().getFirst();
    }
    return then instanceof ReturnTree;
  }

  private static boolean throwsOnly(IfTree ifTree) {
    StatementTree then = ifTree.getThenStatement();
    if (then instanceof BlockTree block && block.getStatements().size() == 1) {
      then = block.getStatements().getFirst();
    }
    return then instanceof ThrowTree;
  }

  /**
   * True if the condition, when it has the value {@code value}, says the current thread is the
   * class's own: {@code Thread.currentThread() == thread}, {@code this == Thread.currentThread()}
   * in a Thread subclass, a same-file method returning such a test ({@code inEventLoop()}),
   * negations of these.
   */
  private static boolean isOwnThreadTest(
      ExpressionTree condition, boolean value, VisitorState state) {
    ExpressionTree stripped = stripParentheses(condition);
    if (stripped instanceof UnaryTree not && stripped.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return isOwnThreadTest(not.getExpression(), !value, state);
    }
    if (stripped instanceof BinaryTree binary
        && (stripped.getKind() == Tree.Kind.EQUAL_TO
            || stripped.getKind() == Tree.Kind.NOT_EQUAL_TO)) {
      boolean equal = (stripped.getKind() == Tree.Kind.EQUAL_TO) == value;
      return equal
          && (isCurrentThreadVersusOwn(binary.getLeftOperand(), binary.getRightOperand(), state)
              || isCurrentThreadVersusOwn(
                  binary.getRightOperand(), binary.getLeftOperand(), state));
    }
    if (value
        && stripped instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && Expressions.isResolved(call)
        && getSymbol(call) instanceof MethodSymbol test) {
      MethodTree declaration =
          SameFile.findMethod(state.getPath().getCompilationUnit(), test, state);
      if (declaration != null
          && declaration.getBody() != null
          && declaration.getBody().getStatements().size() == 1
          && declaration.getBody().getStatements().getFirst() instanceof ReturnTree returned
          && returned.getExpression() != null
          && isOwnThreadTest(returned.getExpression(), true, state)) {
        return true;
      }
      // `inEventLoop()` inherited from another file as `return
      // inEventLoop(Thread.currentThread());`,
      // with this file's class comparing the thread it is given with its own.
      return CurrentThreadTests.passesTheCurrentThreadOn(test, state)
          && comparesWithItsOwnThread(test, state);
    }
    return false;
  }

  /**
   * True if the class around the current path has (or inherits from a class of this file) the
   * one-{@code Thread}-parameter overload of {@code test}, and it returns {@code thread == field}.
   */
  private static boolean comparesWithItsOwnThread(MethodSymbol test, VisitorState state) {
    ClassTree enclosing =
        ASTHelpers.findEnclosingNode(state.getPath(), com.sun.source.tree.ClassTree.class);
    Type threadType = state.getTypeFromString("java.lang.Thread");
    if (enclosing == null
        || !(getSymbol(enclosing) instanceof ClassSymbol type)
        || threadType == null) {
      return false;
    }
    for (Type t = type.type; t != null && t.tsym instanceof ClassSymbol c; t = c.getSuperclass()) {
      for (Symbol member : c.members().getSymbolsByName(test.getSimpleName())) {
        if (member instanceof MethodSymbol overload
            && overload.getParameters().size() == 1
            && ASTHelpers.isSameType(overload.getParameters().getFirst().type, threadType, state)) {
          MethodTree declaration =
              SameFile.findMethod(state.getPath().getCompilationUnit(), overload, state);
          return declaration != null && returnsParameterVersusField(declaration);
        }
      }
    }
    return false;
  }

  /** {@code return thread == this.thread;} (either order) with the parameter and a field. */
  private static boolean returnsParameterVersusField(MethodTree method) {
    if (method.getBody() == null
        || method.getBody().getStatements().size() != 1
        || !(method.getBody().getStatements().getFirst() instanceof ReturnTree returned)
        || !(returned.getExpression() != null
            && stripParentheses(returned.getExpression()) instanceof BinaryTree binary)
        || binary.getKind() != Tree.Kind.EQUAL_TO) {
      return false;
    }
    Symbol parameter = getSymbol(method.getParameters().getFirst());
    Symbol left = getSymbol(stripParentheses(binary.getLeftOperand()));
    Symbol right = getSymbol(stripParentheses(binary.getRightOperand()));
    return parameter != null
        && ((parameter.equals(left) && isField(right))
            || (parameter.equals(right) && isField(left)));
  }

  private static boolean isField(@Nullable Symbol symbol) {
    return symbol instanceof VarSymbol field && field.owner instanceof ClassSymbol;
  }

  /** {@code Thread.currentThread()} compared with a field of the class, or {@code this}. */
  private static boolean isCurrentThreadVersusOwn(
      ExpressionTree current, ExpressionTree own, VisitorState state) {
    if (!(stripParentheses(current) instanceof MethodInvocationTree call)
        || !Expressions.isResolved(call)
        || !ThreadCalls.CURRENT_THREAD.matches(call, state)) {
      return false;
    }
    ExpressionTree other = stripParentheses(own);
    if (other instanceof IdentifierTree identifier && identifier.getName().contentEquals("this")) {
      return true;
    }
    Symbol symbol = getSymbol(other);
    return (other instanceof IdentifierTree || other instanceof MemberSelectTree)
        && symbol instanceof VarSymbol field
        && field.owner instanceof ClassSymbol;
  }
}
