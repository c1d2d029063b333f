package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.trees.Supertypes;
import org.jspecify.annotations.Nullable;

/**
 * Calls on an executor that work the same once it is shut down: its stops, its waits for
 * termination and its queries of its own state. An {@code ExecutorService} that is shut down
 * refuses only new work (the {@code RejectedExecutionException} of {@code execute}, {@code submit},
 * {@code invoke*} and {@code schedule*}); {@code shutdown()} has "no additional effect if already
 * shut down", and the waits and queries report the state it is in. A task whose only calls on a
 * pool are these cannot fail on that pool being shut down while it runs.
 */
public final class StoppedPoolCalls {
  private StoppedPoolCalls() {}

  /** Methods of the JDK's executors that hand a pool no work and work on one shut down. */
  private static final ImmutableSet<String> STOPS_WAITS_AND_QUERIES =
      ImmutableSet.of(
          "shutdown",
          "shutdownNow",
          "close",
          "awaitTermination",
          "isShutdown",
          "isTerminated",
          "isTerminating",
          "prestartCoreThread",
          "prestartAllCoreThreads",
          "purge",
          "getActiveCount",
          "getPoolSize",
          "getCorePoolSize",
          "getMaximumPoolSize",
          "getLargestPoolSize",
          "getTaskCount",
          "getCompletedTaskCount");

  /** The name of one of a JDK executor's stops, waits or queries of its own state. */
  static boolean isStopWaitOrQuery(String methodName) {
    return STOPS_WAITS_AND_QUERIES.contains(methodName);
  }

  /**
   * The receiver of {@code call} when the call is one of a JDK executor's stops, waits or queries
   * ({@code pool.shutdown()}, {@code pool.isShutdown()}): the method is the JDK's own (declared in
   * {@code java.util.concurrent}, not an override of the code's), on a receiver that is an {@code
   * ExecutorService}; null for any other call.
   */
  static @Nullable ExpressionTree receiverOfStopOrQuery(
      MethodInvocationTree call, VisitorState state) {
    Symbol method = getSymbol(call);
    ExpressionTree receiver = getReceiver(call);
    if (!(method instanceof MethodSymbol symbol)
        || symbol.isStatic()
        || receiver == null
        || !STOPS_WAITS_AND_QUERIES.contains(symbol.getSimpleName().toString())
        || symbol.owner == null
        || !symbol.owner.packge().getQualifiedName().contentEquals("java.util.concurrent")
        || !isExecutor(getSymbol(receiver) instanceof VarSymbol v ? v : null, state)) {
      return null;
    }
    return receiver;
  }

  /** A variable whose declared type is an {@code ExecutorService}. */
  static boolean isExecutor(@Nullable Symbol variable, VisitorState state) {
    return variable instanceof VarSymbol v
        && Supertypes.isSubtypeOf(v.type, "java.util.concurrent.ExecutorService", state);
  }
}
