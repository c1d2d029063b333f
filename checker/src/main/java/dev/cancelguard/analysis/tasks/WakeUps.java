package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The stop-flag wake-up protocol: a class stops its own thread by setting a field that the thread's
 * loop tests, then interrupting the thread only to wake it from a sleep or wait ({@code running =
 * false; worker.interrupt();}). For the thread, the interrupt is a doorbell: it goes straight back
 * to the loop's test and leaves.
 */
public final class WakeUps {
  private static final Matcher<ExpressionTree> ATOMIC_SET =
      instanceMethod()
          .onDescendantOfAny(
              "java.util.concurrent.atomic.AtomicBoolean",
              "java.util.concurrent.atomic.AtomicInteger",
              "java.util.concurrent.atomic.AtomicReference")
          .namedAnyOf("set", "lazySet", "compareAndSet", "getAndSet");

  private WakeUps() {}

  /**
   * True if the statement at {@code statementPath} sits in a loop whose condition tests a field
   * that this file sets right where it interrupts a thread (in one method, besides {@code
   * Thread.currentThread().interrupt()}), and nothing after the statement in the loop's body can
   * notice an interrupt before the test runs again.
   */
  public static boolean isWakeUpOfStopFlagLoop(
      TreePath statementPath, VisitorState state, CancelGuardOptions options) {
    TreePath child = statementPath;
    for (TreePath p = statementPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return false;
      }
      ExpressionTree condition = loopCondition(leaf);
      if (condition != null) {
        Set<Symbol> flags = fieldsReadBy(condition);
        return !flags.isEmpty()
            && bodyReturnsToTheTest(statementPath, child, state, options)
            && isSetWhereAThreadIsInterrupted(flags, state);
      }
      child = p;
    }
    return false;
  }

  private static @Nullable ExpressionTree loopCondition(Tree loop) {
    return switch (loop) {
      case WhileLoopTree w -> w.getCondition();
      case DoWhileLoopTree d -> d.getCondition();
      case ForLoopTree f -> f.getCondition();
      default -> null;
    };
  }

  /** Nothing after the statement (up to the loop body) notices an interrupt. */
  private static boolean bodyReturnsToTheTest(
      TreePath statementPath,
      TreePath loopBodyPath,
      VisitorState state,
      CancelGuardOptions options) {
    TreePath p = statementPath;
    while (p != loopBodyPath && p.getParentPath() != null) {
      if (p.getParentPath().getLeaf() instanceof BlockTree block
          && !Tasks.onlyFinishingStatementsAfter(block, p.getLeaf(), state, options)) {
        return false;
      }
      p = p.getParentPath();
    }
    return true;
  }

  private static Set<Symbol> fieldsReadBy(ExpressionTree condition) {
    Set<Symbol> fields = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        addIfField(getSymbol(tree));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        addIfField(getSymbol(tree));
        return super.visitMemberSelect(tree, null);
      }

      private void addIfField(@Nullable Symbol symbol) {
        if (symbol instanceof VarSymbol variable && variable.owner instanceof Symbol.ClassSymbol) {
          fields.add(variable);
        }
      }
    }.scan(condition, null);
    return fields;
  }

  private static boolean isSetWhereAThreadIsInterrupted(Set<Symbol> flags, VisitorState state) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        if (method.getBody() != null
            && setsFlag(method.getBody(), flags, state)
            && interruptsAnotherThread(method.getBody(), state)) {
          found[0] = true;
        }
        return super.visitMethod(method, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return found[0];
  }

  private static boolean setsFlag(Tree body, Set<Symbol> flags, VisitorState state) {
    boolean[] sets = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        sets[0] |= flags.contains(getSymbol(tree.getVariable()));
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
        sets[0] |= flags.contains(getSymbol(tree.getVariable()));
        return super.visitCompoundAssignment(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && ATOMIC_SET.matches(call, state)) {
          ExpressionTree receiver = getReceiver(call);
          sets[0] |= receiver != null && flags.contains(getSymbol(stripParentheses(receiver)));
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(body, null);
    return sets[0];
  }

  private static boolean interruptsAnotherThread(Tree body, VisitorState state) {
    boolean[] interrupts = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && ThreadCalls.INTERRUPT.matches(call, state)) {
          ExpressionTree receiver = getReceiver(call);
          interrupts[0] |=
              receiver == null
                  || !(stripParentheses(receiver) instanceof MethodInvocationTree r
                      && Expressions.isResolved(r)
                      && ThreadCalls.CURRENT_THREAD.matches(r, state));
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(body, null);
    return interrupts[0];
  }
}
