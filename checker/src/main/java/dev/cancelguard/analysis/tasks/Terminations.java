package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.util.ASTHelpers.findSuperMethods;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.LibraryModels;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import org.jspecify.annotations.Nullable;

/**
 * What cancels work, what waits for it to terminate, and where the code is expected to have waited:
 * a close/stop/shutdown-like method, a shutdown hook.
 */
public final class Terminations {
  private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";

  /**
   * Waiting on a future: on the future {@link LibraryModels#returnsTerminationFuture} returns, a
   * wait for the executor's termination ({@code group.terminationFuture().sync()}).
   */
  private static final ImmutableSet<String> FUTURE_WAITS =
      ImmutableSet.of("get", "sync", "syncUninterruptibly", "await", "awaitUninterruptibly");

  /** Waiting for a task's result: the task has finished when it returns. */
  private static final Matcher<ExpressionTree> RESULT_WAIT =
      anyOf(FutureCalls.WAIT, ExecutorCalls.INVOKE_ALL);

  /** Blocking calls that wait for a signal (a latch counted down by the task, ...). */
  private static final ImmutableSet<String> SIGNAL_WAITS =
      ImmutableSet.of(
          "await",
          "acquire",
          "acquireUninterruptibly",
          "awaitAdvance",
          "awaitAdvanceInterruptibly",
          "awaitUninterruptibly",
          "get",
          "join");

  /** Callback types: a method overriding one of theirs reacts to an event. */
  static final ImmutableSet<String> CALLBACK_TYPE_SUFFIXES =
      ImmutableSet.of("Listener", "Callback", "Handler", "Observer", "Watcher");

  /**
   * Last words of event names: something has happened ({@code channelClosed}, {@code terminated}).
   */
  private static final ImmutableSet<String> EVENT_WORDS =
      ImmutableSet.of(
          "closed",
          "stopped",
          "terminated",
          "destroyed",
          "disposed",
          "completed",
          "finished",
          "ended");

  private static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";

  /** Names of methods that end a component's life: returning from one means "it is gone". */
  private static final ImmutableSet<String> STOP_PREFIXES =
      ImmutableSet.of("close", "stop", "shutdown", "terminate", "destroy", "dispose");

  private Terminations() {}

  /** True if the call waits until the target's work has finished. */
  public static boolean isWaitFor(
      MethodInvocationTree call,
      CancelTarget target,
      TaskUses uses,
      boolean resultWaitsCount,
      CancelGuardOptions options,
      VisitorState state) {
    if (!Expressions.isResolved(call)) {
      return false;
    }
    ExpressionTree receiver = getReceiver(call);
    boolean namesTarget =
        target.isNamedBy(receiver) || call.getArguments().stream().anyMatch(target::isNamedBy);
    boolean namesExecutor =
        target.kind() == CancelTarget.Kind.FUTURE
            && (uses.executors().contains(Expressions.variableOf(receiver))
                || call.getArguments().stream()
                    .anyMatch(a -> uses.executors().contains(Expressions.variableOf(a))));
    switch (target.kind()) {
      case EXECUTOR -> {
        if ((ExecutorCalls.AWAIT_TERMINATION.matches(call, state)
                || ExecutorCalls.CLOSE.matches(call, state))
            && target.isNamedBy(receiver)) {
          return true;
        }
      }
      case THREAD -> {
        if (ThreadCalls.JOIN.matches(call, state) && target.isNamedBy(receiver)) {
          return true;
        }
      }
      case FUTURE -> {
        if ((ExecutorCalls.AWAIT_TERMINATION.matches(call, state)
                || ExecutorCalls.CLOSE.matches(call, state))
            && uses.executors().contains(Expressions.variableOf(receiver))) {
          return true;
        }
      }
    }
    ExpressionTree terminated = terminationFutureOwner(call);
    if (terminated != null
        && (target.isNamedBy(terminated)
            || (target.kind() == CancelTarget.Kind.FUTURE
                && uses.executors().contains(Expressions.variableOf(terminated))))) {
      return true;
    }
    Symbol method = getSymbol(call);
    if (method != null && options.isTerminationAwaiter(method)) {
      boolean namesNothingElse =
          call.getArguments().isEmpty()
              && (receiver == null || isThis(receiver) || getSymbol(receiver) == method.owner);
      if (namesTarget || namesExecutor || namesNothingElse) {
        return true;
      }
    }
    if (method != null
        && SIGNAL_WAITS.contains(method.getSimpleName().toString())
        && uses.signals(Expressions.variableOf(receiver))) {
      return true;
    }
    // `ExecutorUtils.awaitTermination(pool, timeout)`: a static helper of another file or a jar
    // whose own code waits for the executor or thread it is handed.
    if ((namesTarget || namesExecutor)
        && waitsThroughHelperOfAnotherFile(call, target, uses, state)) {
      return true;
    }
    return resultWaitsCount && RESULT_WAIT.matches(call, state);
  }

  private static boolean waitsThroughHelperOfAnotherFile(
      MethodInvocationTree call, CancelTarget target, TaskUses uses, VisitorState state) {
    if (!(getSymbol(call) instanceof MethodSymbol method)
        || SameFile.isDeclaredIn(method, state.getPath().getCompilationUnit())) {
      return false; // a helper of this file is walked as such
    }
    int index = WaitingHelpers.waitedArgument(call, state);
    if (index < 0) {
      return false;
    }
    ExpressionTree argument = call.getArguments().get(index);
    return target.isNamedBy(argument)
        || (target.kind() == CancelTarget.Kind.FUTURE
            && uses.executors().contains(Expressions.variableOf(argument)));
  }

  /**
   * True if the call waits for some executor or thread to terminate (whichever): {@code
   * awaitTermination}, {@code close()} of an executor, {@code join}, a wait on a termination
   * future, a library, annotated or configured awaiter.
   */
  public static boolean isTerminationWait(
      MethodInvocationTree call, CancelGuardOptions options, VisitorState state) {
    if (!Expressions.isResolved(call)) {
      return false;
    }
    if (ExecutorCalls.AWAIT_TERMINATION.matches(call, state)
        || ExecutorCalls.CLOSE.matches(call, state)
        || ThreadCalls.JOIN.matches(call, state)
        || terminationFutureOwner(call) != null) {
      return true;
    }
    Symbol method = getSymbol(call);
    return method != null && options.isTerminationAwaiter(method);
  }

  /**
   * For a wait on a termination future ({@code group.terminationFuture().sync()}, {@code
   * group.shutdownGracefully().await()}), the object whose termination it waits for; else null.
   */
  private static @Nullable ExpressionTree terminationFutureOwner(MethodInvocationTree call) {
    Symbol method = getSymbol(call);
    if (method == null
        || !FUTURE_WAITS.contains(method.getSimpleName().toString())
        || !(Expressions.strip(getReceiver(call)) instanceof MethodInvocationTree inner)
        || !Expressions.isResolved(inner)
        || !LibraryModels.returnsTerminationFuture(getSymbol(inner))) {
      return null;
    }
    return getReceiver(inner);
  }

  private static boolean isThis(ExpressionTree tree) {
    return Expressions.strip(tree) instanceof IdentifierTree id
        && id.getName().contentEquals("this");
  }

  /** True if the call starts more work on the target (a submission, {@code thread.start()}). */
  public static boolean isStartOf(
      MethodInvocationTree call, CancelTarget target, VisitorState state) {
    ExpressionTree receiver = getReceiver(call);
    if (!Expressions.isResolved(call) || !target.isNamedBy(receiver)) {
      return false;
    }
    return switch (target.kind()) {
      case EXECUTOR ->
          Tasks.isTaskSubmission(call, state) && !ExecutorCalls.INVOKE_ALL.matches(call, state);
      case THREAD -> ThreadCalls.START.matches(call, state);
      case FUTURE -> false;
    };
  }

  /**
   * True if a loop with this condition can only be left when the target has terminated: {@code
   * while (!pool.isTerminated())}, {@code while (thread.isAlive())}.
   */
  public static boolean exitMeansTerminated(
      @Nullable ExpressionTree condition, CancelTarget target, VisitorState state) {
    ExpressionTree stripped = Expressions.strip(condition);
    if (stripped instanceof UnaryTree not
        && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
        && Expressions.strip(not.getExpression()) instanceof MethodInvocationTree call) {
      return Expressions.isResolved(call)
          && ExecutorCalls.IS_TERMINATED.matches(call, state)
          && target.isNamedBy(getReceiver(call));
    }
    return stripped instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && ThreadCalls.IS_ALIVE.matches(call, state)
        && target.isNamedBy(getReceiver(call));
  }

  /**
   * True if the method ends a component's life by its name ({@code close}, {@code stop*}, {@code
   * shutdown*}, {@code terminate}, {@code destroy}, {@code dispose}: the verb, alone or followed by
   * a word, as in {@code closeAll}; not {@code closed}, {@code stopped}, {@code terminated}, which
   * name events) or is annotated {@code @PreDestroy}.
   */
  public static boolean isStopLike(MethodTree method) {
    return isStopLikeName(method.getName().toString())
        || method.getModifiers().getAnnotations().stream()
            .map(AnnotationTree::getAnnotationType)
            .map(Object::toString)
            .anyMatch(n -> n.equals("PreDestroy") || n.endsWith(".PreDestroy"));
  }

  /** True if the name is that of a method ending a component's life ({@link #isStopLike}). */
  public static boolean isStopLikeName(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    for (String prefix : STOP_PREFIXES) {
      if (lower.startsWith(prefix)
          && (name.length() == prefix.length()
              || !Character.isLowerCase(name.charAt(prefix.length())))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the code unit reacts to an event instead of ending a component: a listener or callback
   * method ({@code onClose}, {@code channelClosed}, {@code terminated()}, an override of a method
   * of a {@code *Listener}, {@code *Callback}, {@code *Handler}, {@code *Observer} or {@code
   * *Watcher} type, a {@link java.util.concurrent.ThreadPoolExecutor} hook), or a lambda registered
   * as one ({@code addCloseListener(() -> ..)}, {@code onClose(() -> ..)}).
   *
   * <p>Whoever fires the event calls it, often on a thread of the work being cancelled (a pool runs
   * {@code terminated()} on its last worker): returning from it does not mean the component has
   * stopped, and a wait inserted there can wait for its own thread.
   */
  public static boolean isEventCallback(TreePath codeUnit, VisitorState state) {
    Tree leaf = codeUnit.getLeaf();
    if (leaf instanceof LambdaExpressionTree) {
      TreePath parent = skipParensAndCasts(codeUnit.getParentPath());
      return parent.getLeaf() instanceof MethodInvocationTree call
          && call.getArguments().contains(codeUnit.getLeaf())
          && getSymbol(call) != null
          && isRegistrationName(getSymbol(call).getSimpleName().toString());
    }
    if (!(leaf instanceof MethodTree method)) {
      return false;
    }
    if (isEventName(method.getName().toString())) {
      return true;
    }
    // A stop method declared by a handler type (a handler's destroy()) is still a stop method.
    if (isStopLike(method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)
        || symbol.isStatic()) {
      return false;
    }
    for (MethodSymbol overridden : findSuperMethods(symbol, state.getTypes())) {
      String owner = overridden.owner.getSimpleName().toString();
      if (CALLBACK_TYPE_SUFFIXES.stream().anyMatch(owner::endsWith)
          || overridden.owner.getQualifiedName().contentEquals(THREAD_POOL_EXECUTOR)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code onClose}, {@code onShutdown}; {@code closed}, {@code channelClosed}, {@code terminated}.
   */
  private static boolean isEventName(String name) {
    if (name.length() > 2 && name.startsWith("on") && Character.isUpperCase(name.charAt(2))) {
      return true;
    }
    int lastWord = name.length() - 1;
    while (lastWord > 0 && !Character.isUpperCase(name.charAt(lastWord))) {
      lastWord--;
    }
    return EVENT_WORDS.contains(name.substring(lastWord).toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * {@code addCloseListener}, {@code onClose}, {@code registerShutdownCallback}, {@code
   * whenClosed}.
   */
  private static boolean isRegistrationName(String name) {
    return (name.length() > 2 && name.startsWith("on") && Character.isUpperCase(name.charAt(2)))
        || ((name.startsWith("add") || name.startsWith("register") || name.startsWith("set"))
            && CALLBACK_TYPE_SUFFIXES.stream().anyMatch(name::endsWith));
  }

  /**
   * True if the code unit is the body of a thread registered with {@code Runtime.addShutdownHook}:
   * directly, or through a variable holding the thread.
   */
  public static boolean isShutdownHook(TreePath codeUnit, VisitorState state) {
    TreePath thread = hookThread(codeUnit, state);
    if (thread == null) {
      return false;
    }
    TreePath parent = skipParensAndCasts(thread.getParentPath());
    if (parent.getLeaf() instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && ThreadCalls.ADD_SHUTDOWN_HOOK.matches(call, state)) {
      return true;
    }
    if (parent.getLeaf() instanceof VariableTree variable
        && getSymbol(variable) instanceof VarSymbol holder) {
      return CallScans.anyCall(
          codeUnit.getCompilationUnit(),
          call ->
              Expressions.isResolved(call)
                  && ThreadCalls.ADD_SHUTDOWN_HOOK.matches(call, state)
                  && call.getArguments().stream()
                      .anyMatch(a -> holder.equals(Expressions.variableOf(a))));
    }
    return false;
  }

  /** The thread-making expression whose body the code unit is, or null. */
  static @Nullable TreePath hookThread(TreePath codeUnit, VisitorState state) {
    Tree leaf = codeUnit.getLeaf();
    if (leaf instanceof LambdaExpressionTree) {
      TreePath parent = skipParensAndCasts(codeUnit.getParentPath());
      return Ownership.isThreadCreation((ExpressionTree) asExpression(parent.getLeaf()), state)
          ? parent
          : null;
    }
    if (!(leaf instanceof MethodTree method)
        || !method.getName().contentEquals("run")
        || !method.getParameters().isEmpty()) {
      return null;
    }
    TreePath classPath = codeUnit.getParentPath();
    if (classPath == null
        || !(classPath.getLeaf() instanceof ClassTree)
        || classPath.getParentPath() == null
        || !(classPath.getParentPath().getLeaf() instanceof NewClassTree newClass)) {
      return null;
    }
    TreePath newClassPath = classPath.getParentPath();
    if (Ownership.isThreadCreation(newClass, state)) {
      return newClassPath; // new Thread() { public void run() { .. } }
    }
    TreePath parent = skipParensAndCasts(newClassPath.getParentPath());
    return Ownership.isThreadCreation((ExpressionTree) asExpression(parent.getLeaf()), state)
        ? parent
        : null;
  }

  private static @Nullable Tree asExpression(Tree tree) {
    return tree instanceof ExpressionTree ? tree : null;
  }

  private static TreePath skipParensAndCasts(TreePath path) {
    TreePath current = path;
    while (current.getLeaf() instanceof ParenthesizedTree
        || current.getLeaf() instanceof TypeCastTree) {
      current = current.getParentPath();
    }
    return current;
  }
}
