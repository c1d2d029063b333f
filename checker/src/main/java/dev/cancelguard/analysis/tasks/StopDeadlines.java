package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.WriteScanner;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a wait inserted into a stop would break what the stop still has to do, or the time the stop
 * was given: a wait that throws when its time runs out ({@code if (!pool.awaitTermination(..)) {
 * throw .. }}) with more of the stop after it, and any wait in the branch a method takes once its
 * own timed wait has run out.
 */
public final class StopDeadlines {
  private StopDeadlines() {}

  /**
   * Verbs of calls that undo what a component set up, beside those that end or wake work: {@code
   * UnicastRemoteObject.unexportObject(registry, true)}, {@code Naming.unbind(..)}, {@code
   * listeners.clear()}, {@code registry.remove(this)}.
   */
  private static final ImmutableSet<String> UNDOING_VERBS =
      ImmutableSet.of(
          "unexport",
          "unbind",
          "unregister",
          "deregister",
          "unsubscribe",
          "remove",
          "clear",
          "delete",
          "free",
          "reset");

  /**
   * True if, in a close/stop-like method or a teardown ({@code cleanup()}), more of the stop runs
   * after {@code statement} (in the rest of each block around it, up to the method): a statement
   * that ends or wakes something ({@code db.close()}, {@code listener.terminate()}), undoes what
   * the component set up ({@code UnicastRemoteObject.unexportObject(registry, true)}, {@code
   * inputs.clear()}), or writes a field ({@code keepAliveDaemon = null;}, {@code closed = true;}):
   * the component's own state, which tells the rest of the class, and a later start, that it
   * stopped. A wait that throws when its time runs out would skip it, and leave the component half
   * stopped: what it releases leaks, and its state says it is still running. A return of a value
   * read (the stop's result) is not more of the stop.
   */
  public static boolean moreOfTheStopFollows(
      TreePath statement, TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method) || !isTeardown(method)) {
      return false;
    }
    Tree child = statement.getLeaf();
    for (TreePath p = statement.getParentPath();
        p != null && p.getLeaf() != method;
        child = p.getLeaf(), p = p.getParentPath()) {
      if (p.getLeaf() instanceof BlockTree block) {
        List<? extends StatementTree> statements = block.getStatements();
        int index = statements.indexOf(child);
        for (int i = index + 1; index >= 0 && i < statements.size(); i++) {
          StatementTree next = statements.get(i);
          if (WaitPlacement.endsOrWakesSomething(next, state)
              || undoesSomething(next)
              || writesAField(new TreePath(p, next))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * A close/stop-like method ({@link Terminations#isStopLike}), or a teardown named otherwise:
   * {@code cleanup()}, {@code cleanUp()}, the hook a framework calls when it ends a component (a
   * Storm bolt's {@code cleanup()}), which undoes what the component set up as a stop does.
   */
  private static boolean isTeardown(MethodTree method) {
    if (Terminations.isStopLike(method)) {
      return true;
    }
    String name = method.getName().toString();
    for (String prefix : TEARDOWN_NAMES) {
      if (name.startsWith(prefix)
          && (name.length() == prefix.length()
              || !Character.isLowerCase(name.charAt(prefix.length())))) {
        return true;
      }
    }
    return false;
  }

  /** Names of teardowns that {@link Terminations#isStopLike} does not take for a stop. */
  private static final ImmutableSet<String> TEARDOWN_NAMES = ImmutableSet.of("cleanup", "cleanUp");

  /**
   * The catch, around {@code path} and inside {@code codeUnit}, that the method enters when a timed
   * wait of its own ran out: a catch of {@link java.util.concurrent.TimeoutException} ({@code catch
   * (TimeoutException e) { executor.shutdownNow(); }} after {@code future.get(60, SECONDS)}), whose
   * block holds {@code path}. Null where there is none. That branch is the method's choice once its
   * deadline has passed (give up, force the stop now); a wait inserted there, bounded or not, holds
   * the method past that deadline.
   */
  public static @Nullable CatchTree branchAfterItsDeadlineRanOut(
      TreePath path, TreePath codeUnit, VisitorState state) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        child = p.getLeaf(), p = p.getParentPath()) {
      if (p.getLeaf() instanceof CatchTree catchTree
          && catchTree.getBlock() == child
          && catchesTimeout(catchTree)) {
        return catchTree;
      }
    }
    return null;
  }

  private static boolean catchesTimeout(CatchTree catchTree) {
    for (Type caught : Catches.caughtTypes(catchTree)) {
      if (caught.tsym != null
          && caught
              .tsym
              .getQualifiedName()
              .contentEquals("java.util.concurrent.TimeoutException")) {
        return true;
      }
    }
    return false;
  }

  /** A statement that calls a method named for undoing a set-up ({@link #UNDOING_VERBS}). */
  private static boolean undoesSomething(StatementTree statement) {
    boolean[] undoes = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && getSymbol(call) instanceof MethodSymbol method) {
          String name = method.getSimpleName().toString();
          for (String verb : UNDOING_VERBS) {
            undoes[0] |=
                name.startsWith(verb)
                    && (name.length() == verb.length()
                        || !Character.isLowerCase(name.charAt(verb.length())));
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(statement, null);
    return undoes[0];
  }

  /** A statement that writes a field, outside the lambdas and classes it declares. */
  private static boolean writesAField(TreePath statement) {
    boolean[] writes = new boolean[1];
    new WriteScanner() {
      @Override
      protected void written(ExpressionTree variable, ExpressionTree write) {
        Symbol written = getSymbol(stripParentheses(variable));
        writes[0] |= written != null && Ownership.isField(written);
      }

      @Override
      public Void visitLambdaExpression(
          com.sun.source.tree.LambdaExpressionTree lambda, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree classTree, Void unused) {
        return null;
      }
    }.scan(statement, null);
    return writes[0];
  }
}
