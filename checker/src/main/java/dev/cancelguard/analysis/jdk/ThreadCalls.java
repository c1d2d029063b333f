package dev.cancelguard.analysis.jdk;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.Supertypes;
import dev.cancelguard.analysis.trees.Symbols;
import java.util.regex.Pattern;

/**
 * The JDK's thread API, named once: the interrupt flag, starting and joining threads, pausing the
 * current one, the JVM going down. Checks and analyses match these instead of spelling the calls.
 */
public final class ThreadCalls {
  /** {@code Thread.currentThread()}. */
  public static final Matcher<ExpressionTree> CURRENT_THREAD =
      CallNames.namedFirst(
          staticMethod().onClass("java.lang.Thread").named("currentThread"), "currentThread");

  /** {@code thread.interrupt()}: sets the thread's flag and wakes it from a blocking call. */
  public static final Matcher<ExpressionTree> INTERRUPT =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.lang.Thread"))
              .named("interrupt")
              .withNoParameters(),
          "interrupt");

  /** {@code Thread.interrupted()}: tests and clears the flag. */
  public static final Matcher<ExpressionTree> INTERRUPTED =
      CallNames.namedFirst(
          staticMethod().onClass("java.lang.Thread").named("interrupted"), "interrupted");

  /** {@code thread.isInterrupted()}: tests the flag without clearing it. */
  public static final Matcher<ExpressionTree> IS_INTERRUPTED =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.lang.Thread"))
              .named("isInterrupted"),
          "isInterrupted");

  /**
   * {@code constructor.newInstance(..)} of {@code java.lang.reflect.Constructor}: a reflective
   * construction, a thread creation where the constructor's type is a {@code Thread}.
   */
  public static final Matcher<ExpressionTree> REFLECTIVE_CONSTRUCTION =
      CallNames.resolvedOnly(
          instanceMethod().onExactClass("java.lang.reflect.Constructor").named("newInstance"));

  /**
   * A {@code java.lang.reflect.Field} read or write ({@code field.set(target, value)}, {@code
   * field.get(target)}): it touches a field of its first argument and keeps no hold of it.
   */
  public static final Matcher<ExpressionTree> REFLECTIVE_FIELD_ACCESS =
      CallNames.resolvedOnly(
          instanceMethod()
              .onExactClass("java.lang.reflect.Field")
              .withNameMatching(Pattern.compile("(get|set).*")));

  /** {@code thread.start()}. */
  public static final Matcher<ExpressionTree> START =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.lang.Thread"))
              .named("start")
              .withNoParameters(),
          "start");

  /** {@code thread.join(..)}, with or without a deadline. */
  public static final Matcher<ExpressionTree> JOIN =
      CallNames.namedFirst(
          instanceMethod().onClass(Supertypes.descendantOf("java.lang.Thread")).named("join"),
          "join");

  /** {@code thread.isAlive()}. */
  public static final Matcher<ExpressionTree> IS_ALIVE =
      CallNames.namedFirst(
          instanceMethod().onClass(Supertypes.descendantOf("java.lang.Thread")).named("isAlive"),
          "isAlive");

  /** Calls that create a thread without starting it. */
  public static final Matcher<ExpressionTree> CREATE_UNSTARTED =
      CallNames.namedFirst(
          anyOf(
              constructor().forClass("java.lang.Thread"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.lang.Thread.Builder"))
                  .named("unstarted"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.ThreadFactory"))
                  .named("newThread")),
          CallNames.CONSTRUCTOR,
          "unstarted",
          "newThread");

  /** Calls other than {@code new Thread(..)} that make a new thread. */
  public static final Matcher<ExpressionTree> FACTORY_CALL =
      CallNames.namedFirst(
          anyOf(
              staticMethod().onClass("java.lang.Thread").named("startVirtualThread"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.lang.Thread.Builder"))
                  .namedAnyOf("start", "unstarted"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.ThreadFactory"))
                  .named("newThread")),
          "startVirtualThread",
          "start",
          "unstarted",
          "newThread");

  /** {@code new Thread(..)}. */
  public static final Matcher<ExpressionTree> NEW_THREAD =
      CallNames.namedFirst(constructor().forClass("java.lang.Thread"), CallNames.CONSTRUCTOR);

  /** {@code Thread.onSpinWait()} and {@code Thread.yield()}: give up the CPU, never block. */
  public static final Matcher<ExpressionTree> SPIN =
      CallNames.namedFirst(
          staticMethod().onClass("java.lang.Thread").namedAnyOf("onSpinWait", "yield"),
          "onSpinWait",
          "yield");

  /** {@code Thread.sleep(..)} and {@code TimeUnit.sleep(..)}. */
  public static final Matcher<ExpressionTree> SLEEP =
      CallNames.namedFirst(
          anyOf(
              staticMethod().onClass("java.lang.Thread").named("sleep"),
              instanceMethod().onExactClass("java.util.concurrent.TimeUnit").named("sleep")),
          "sleep");

  /**
   * {@code LockSupport.park*}: returns at once when the thread is interrupted, clearing nothing.
   */
  public static final Matcher<ExpressionTree> PARK =
      CallNames.namedFirst(
          staticMethod()
              .onClass("java.util.concurrent.locks.LockSupport")
              .namedAnyOf("park", "parkNanos", "parkUntil"),
          "park",
          "parkNanos",
          "parkUntil");

  /** {@code System.exit}, {@code Runtime.exit}, {@code Runtime.halt}: the process ends. */
  public static final Matcher<ExpressionTree> PROCESS_EXIT =
      CallNames.namedFirst(
          anyOf(
              staticMethod().onClass("java.lang.System").named("exit"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.lang.Runtime"))
                  .namedAnyOf("exit", "halt")),
          "exit",
          "halt");

  /** {@code Runtime.addShutdownHook(thread)}. */
  public static final Matcher<ExpressionTree> ADD_SHUTDOWN_HOOK =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.lang.Runtime"))
              .named("addShutdownHook"),
          "addShutdownHook");

  private ThreadCalls() {}

  /** Every name {@link #THREAD_BODY} matches. */
  public static final ImmutableSet<String> THREAD_BODY_NAMES =
      ImmutableSet.of(
          CallNames.CONSTRUCTOR, "startVirtualThread", "start", "unstarted", "newThread");

  /** Calls that take a Runnable and make it the whole body of a new thread. */
  public static final Matcher<ExpressionTree> THREAD_BODY =
      // Each alternative tried only on its own names: every constructor call is named <init>.
      anyOf(
          CallNames.namedFirst(constructor().forClass("java.lang.Thread"), CallNames.CONSTRUCTOR),
          CallNames.namedFirst(
              staticMethod().onClass("java.lang.Thread").named("startVirtualThread"),
              "startVirtualThread"),
          CallNames.namedFirst(
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.lang.Thread.Builder"))
                  .namedAnyOf("start", "unstarted"),
              "start",
              "unstarted"),
          CallNames.namedFirst(
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.ThreadFactory"))
                  .named("newThread"),
              "newThread"));

  /**
   * A project's own thread factory: a method or constructor of any class, other than the JDK's
   * {@link #THREAD_BODY}, that takes a {@link Runnable} and returns a new {@link Thread} for it
   * ({@code KafkaThread.daemon(name, runnable)}, {@code newThread(name, runnable)}, {@code new
   * WorkerThread(runnable)} of a Thread subclass). The Runnable it is handed is the whole work of
   * that thread.
   */
  public static final Matcher<ExpressionTree> THREAD_FACTORY_METHOD =
      (tree, state) -> {
        if (!(Symbols.getSymbol(tree) instanceof MethodSymbol method)) {
          return false;
        }
        Type thread = state.getTypeFromString("java.lang.Thread");
        Type runnable = state.getTypeFromString("java.lang.Runnable");
        if (thread == null || runnable == null) {
          return false;
        }
        Type made = method.isConstructor() ? method.owner.type : method.getReturnType();
        return made != null
            && ASTHelpers.isSubtype(made, thread, state)
            && method.getParameters().stream()
                .anyMatch(p -> ASTHelpers.isSameType(p.type, runnable, state));
      };

  /**
   * Calls that make the Runnable they are handed the whole work of a new thread: {@link
   * #THREAD_BODY} and {@link #THREAD_FACTORY_METHOD}.
   */
  public static final Matcher<ExpressionTree> THREAD_WHOLE_WORK =
      anyOf(THREAD_BODY, THREAD_FACTORY_METHOD);

  /**
   * Waits that an interrupt ends without clearing the flag, so that they return at once again and
   * again while it stays set: {@link #PARK} and {@code Selector.select(..)}.
   */
  public static final Matcher<ExpressionTree> RETURNS_AT_ONCE_WHILE_INTERRUPTED =
      anyOf(PARK, ChannelCalls.SELECT);
}
