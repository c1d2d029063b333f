package dev.cancelguard.analysis;

import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import org.jspecify.annotations.Nullable;

/** Where executors stop taking work: shutdown calls, and shutdown hooks (the JVM going down). */
public final class ExecutorShutdowns {
  /** After any of these the executor rejects new tasks. */
  private static final Matcher<ExpressionTree> SHUTDOWN =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.ExecutorService")
          .namedAnyOf("shutdown", "shutdownNow", "close");

  private static final Matcher<ExpressionTree> ADD_SHUTDOWN_HOOK =
      instanceMethod().onDescendantOf("java.lang.Runtime").named("addShutdownHook");

  private static final Matcher<ExpressionTree> NEW_THREAD =
      constructor().forClass("java.lang.Thread");

  private ExecutorShutdowns() {}

  /** {@code shutdown()}, {@code shutdownNow()} or {@code close()} on an executor. */
  public static boolean isShutdown(ExpressionTree call, VisitorState state) {
    return SHUTDOWN.matches(call, state);
  }

  /**
   * True if the code unit (a lambda, or {@code run()} of an anonymous class or of a {@code Thread}
   * subclass created in place) is the body of a thread passed to {@code
   * Runtime.getRuntime().addShutdownHook(..)}: it runs while the JVM is going down.
   */
  public static boolean isShutdownHook(TreePath codeUnit, VisitorState state) {
    TreePath threadCreation = null;
    Tree leaf = codeUnit.getLeaf();
    if (leaf instanceof LambdaExpressionTree) {
      threadCreation = skipParens(codeUnit.getParentPath());
    } else if (leaf instanceof MethodTree method
        && method.getName().contentEquals("run")
        && method.getParameters().isEmpty()
        && codeUnit.getParentPath() != null
        && codeUnit.getParentPath().getLeaf() instanceof ClassTree) {
      // run() of `new Thread() {..}` or of `new Thread(new Runnable() {..})`.
      TreePath newClass = codeUnit.getParentPath().getParentPath();
      if (newClass != null && newClass.getLeaf() instanceof NewClassTree created) {
        threadCreation =
            NEW_THREAD.matches(created, state) ? newClass : skipParens(newClass.getParentPath());
      }
    }
    if (threadCreation == null
        || !(threadCreation.getLeaf() instanceof NewClassTree thread)
        || !NEW_THREAD.matches(thread, state)) {
      return false;
    }
    TreePath registration = skipParens(threadCreation.getParentPath());
    return registration != null
        && registration.getLeaf() instanceof MethodInvocationTree call
        && ADD_SHUTDOWN_HOOK.matches(call, state);
  }

  private static @Nullable TreePath skipParens(@Nullable TreePath path) {
    TreePath p = path;
    while (p != null && p.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
      p = p.getParentPath();
    }
    return p;
  }
}
