package dev.cancelguard.analysis.tasks;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import dev.cancelguard.analysis.jdk.ExecutorCalls;

/**
 * Where executors stop taking work: shutdown calls. (Shutdown hooks, the JVM going down, are {@link
 * Terminations#isShutdownHook}.)
 */
public final class ExecutorShutdowns {
  private ExecutorShutdowns() {}

  /** {@code shutdown()}, {@code shutdownNow()} or {@code close()} on an executor. */
  public static boolean isShutdown(ExpressionTree call, VisitorState state) {
    return ExecutorCalls.STOP.matches(call, state);
  }
}
