package dev.cancelguard.analysis.jdk;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.Supertypes;

/**
 * The JDK's structured concurrency API ({@code StructuredTaskScope}), named once: opening a scope
 * (JDK 25's {@code open(..)} or the constructors of JDK 21 to 24), forking, joining, closing, and
 * reading a subtask. Where the compiler's JDK lacks the API the matchers match nothing.
 */
public final class ScopeCalls {
  public static final String SCOPE = "java.util.concurrent.StructuredTaskScope";

  public static final String SUBTASK = SCOPE + ".Subtask";

  /** Opening a scope: {@code StructuredTaskScope.open(..)}, or a constructor of one. */
  public static final Matcher<ExpressionTree> OPEN =
      anyOf(
          CallNames.namedFirst(staticMethod().onClass(SCOPE).named("open"), "open"),
          CallNames.namedFirst(
              constructor().forClass(Supertypes.descendantOf(SCOPE)), CallNames.CONSTRUCTOR));

  /** {@code scope.join()} and the older {@code joinUntil(..)}. */
  public static final Matcher<ExpressionTree> JOIN =
      CallNames.namedFirst(
          instanceMethod().onClass(Supertypes.descendantOf(SCOPE)).namedAnyOf("join", "joinUntil"),
          "join",
          "joinUntil");

  /** {@code scope.close()}. */
  public static final Matcher<ExpressionTree> CLOSE =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(SCOPE))
              .named("close")
              .withNoParameters(),
          "close");

  /** Reads of a subtask's outcome, meaningful only once the scope has been joined. */
  public static final Matcher<ExpressionTree> SUBTASK_READ =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf(SUBTASK))
              .namedAnyOf("get", "state", "exception"),
          "get",
          "state",
          "exception");

  private ScopeCalls() {}
}
