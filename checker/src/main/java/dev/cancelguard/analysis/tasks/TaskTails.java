package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * A private method that is the last thing a task or a thread's whole work does: every call of it
 * (all in this file, since it is private) is a statement of a task's {@code run()}, a lambda handed
 * to an executor or a thread's body, after which that code does nothing more ({@code public void
 * run() { try { deleteExpiredFromAllRegions(); } catch (Throwable t) { log(..); } }}). Its work is
 * the task's work: an interrupt there means stop, as it would in the task's own body.
 */
final class TaskTails {
  private TaskTails() {}

  /** True if {@code codeUnit} is such a method (see the class comment). */
  static boolean isLastActOfATask(TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)
        || !symbol.isPrivate()
        || symbol.isConstructor()) {
      return false;
    }
    int[] calls = new int[1];
    boolean[] otherUse = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (symbol.equals(getSymbol(call))) {
          calls[0]++;
          otherUse[0] |= !isTaskTail(getCurrentPath(), state);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        otherUse[0] |= symbol.equals(getSymbol(reference));
        return super.visitMemberReference(reference, null);
      }
    }.scan(codeUnit.getCompilationUnit(), null);
    return calls[0] > 0 && !otherUse[0];
  }

  /**
   * The call at {@code callPath} is a statement of a task's or thread's top-level code, on a thread
   * that may be interrupted as a stop, and nothing runs after it there (a catch around it, or the
   * end of the blocks around it).
   */
  private static boolean isTaskTail(TreePath callPath, VisitorState state) {
    if (!(callPath.getParentPath().getLeaf() instanceof ExpressionStatementTree)) {
      return false;
    }
    TreePath caller = Tasks.enclosingCodeUnit(callPath);
    if (caller == null
        || !(Tasks.runsAsTask(caller, state) || Tasks.isThreadTopLevel(caller, state))
        || UninterruptedThreads.isBodyOfUninterruptedThread(caller, state)) {
      return false;
    }
    Tree body =
        caller.getLeaf() instanceof MethodTree m
            ? m.getBody()
            : caller.getLeaf() instanceof com.sun.source.tree.LambdaExpressionTree lambda
                ? lambda.getBody()
                : null;
    for (TreePath p = callPath.getParentPath(); p.getParentPath() != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      Tree parent = p.getParentPath().getLeaf();
      if (parent instanceof BlockTree block) {
        if (block.getStatements().getLast() != leaf) {
          return false;
        }
        if (block == body) {
          return true;
        }
      } else if (parent instanceof TryTree tryTree) {
        if (tryTree.getFinallyBlock() != null || !tryTree.getResources().isEmpty()) {
          return false; // the finally or a close still runs after it
        }
      } else if (!(parent instanceof CatchTree)
          && !(parent instanceof SynchronizedTree)
          && !(parent instanceof LabeledStatementTree)) {
        return false;
      }
    }
    return false;
  }
}
