package dev.cancelguard.analysis.jdk;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.Supertypes;
import dev.cancelguard.analysis.trees.Symbols;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * JDK calls and types that only read: the clock, polls that return at once, side-effect free
 * queries and the objects they read (state other threads change, cursors, immutable values). What a
 * polling loop may do without doing work.
 */
public final class ReadOnlyCalls {
  private ReadOnlyCalls() {}

  /**
   * True if the tree calls {@code System.nanoTime()} or {@code System.currentTimeMillis()}, outside
   * nested lambdas and classes: a loop bounded by time reads one of them.
   */
  public static boolean readsSystemClock(@Nullable Tree tree) {
    boolean[] reads = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Symbols.getSymbol(call) instanceof MethodSymbol method
            && method.owner.getQualifiedName().contentEquals("java.lang.System")
            && (method.getSimpleName().contentEquals("nanoTime")
                || method.getSimpleName().contentEquals("currentTimeMillis"))) {
          reads[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(tree, null);
    return reads[0];
  }

  /** The clock: {@code System.nanoTime()}, {@code Instant.now()}, a {@code Clock}'s time. */
  public static final Matcher<ExpressionTree> CLOCK =
      CallNames.namedFirst(
          anyOf(
              staticMethod()
                  .onClass("java.lang.System")
                  .namedAnyOf("currentTimeMillis", "nanoTime"),
              staticMethod()
                  .onClassAny(
                      "java.time.Instant",
                      "java.time.LocalDateTime",
                      "java.time.LocalTime",
                      "java.time.OffsetDateTime",
                      "java.time.ZonedDateTime")
                  .named("now"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.time.Clock"))
                  .namedAnyOf("millis", "instant")),
          "currentTimeMillis",
          "nanoTime",
          "now",
          "millis",
          "instant");

  /**
   * Calls that return at once whether or not there is anything: {@code queue.poll()}, {@code
   * lock.tryLock()}, {@code semaphore.tryAcquire()}, {@code future.isDone()}, {@code
   * reader.ready()}.
   */
  public static final Matcher<ExpressionTree> NON_BLOCKING_POLL =
      CallNames.namedFirst(
          anyOf(
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.Queue"))
                  .named("poll")
                  .withNoParameters(),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.locks.Lock"))
                  .named("tryLock")
                  .withNoParameters(),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.Semaphore"))
                  .named("tryAcquire")
                  .withNoParameters(),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.Future"))
                  .named("isDone"),
              instanceMethod().onClass(Supertypes.descendantOf("java.io.Reader")).named("ready")),
          "poll",
          "tryLock",
          "tryAcquire",
          "isDone",
          "ready");

  /** What a sweep over futures may call without waiting. */
  public static final Matcher<ExpressionTree> SWEEP_CALL =
      anyOf(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.util.concurrent.Future"))
              .namedAnyOf("isDone", "isCancelled", "cancel", "state", "resultNow", "exceptionNow"),
          instanceMethod().onClass(Supertypes.descendantOf("java.util.Iterator")),
          instanceMethod().onClass(Supertypes.descendantOf("java.lang.Iterable")).named("iterator"),
          instanceMethod().onClass(Supertypes.descendantOf("java.util.Collection")),
          instanceMethod().onClass(Supertypes.descendantOf("java.util.Map")));

  /** Instance queries assumed to only read. */
  public static final Pattern QUERY_NAME =
      Pattern.compile(
          "(is|has)[A-Z].*|get|get(?!And)[A-Z].*|size|length|peek|contains|containsKey"
              + "|availablePermits|equals|compareTo|intValue|longValue|booleanValue|state");

  /** Static helpers that compute a value from their arguments. */
  private static final Set<String> VALUE_CLASSES =
      Set.of(
          "java.lang.Math",
          "java.lang.Long",
          "java.lang.Integer",
          "java.lang.Boolean",
          "java.util.Objects",
          "java.time.Duration",
          "java.time.Instant");

  /** Objects whose queries move a cursor: {@code buffer.get()}, {@code iterator.hasNext()}. */
  private static final ImmutableSet<String> CURSOR_TYPES =
      ImmutableSet.of(
          "java.nio.Buffer",
          "java.io.InputStream",
          "java.io.Reader",
          "java.io.DataInput",
          "java.util.Iterator",
          "java.util.Enumeration",
          "java.util.Scanner",
          "java.util.Spliterator");

  /** Objects other threads change, whose queries a waiting loop polls. */
  private static final ImmutableSet<String> SHARED_STATE_TYPES =
      ImmutableSet.of(
          "java.util.concurrent.Future",
          "java.util.concurrent.CountDownLatch",
          "java.util.concurrent.Semaphore",
          "java.util.concurrent.Phaser",
          "java.util.concurrent.CyclicBarrier",
          "java.util.concurrent.ExecutorService",
          "java.util.concurrent.locks.ReentrantLock",
          "java.util.concurrent.locks.ReentrantReadWriteLock",
          "java.lang.Thread",
          "java.lang.Process",
          "java.lang.ref.Reference",
          "java.util.Collection",
          "java.util.Map");

  private static final String ATOMIC_PACKAGE = "java.util.concurrent.atomic";

  private static final String IMMUTABLE_VALUE_PACKAGE = "java.time";

  private static final Set<String> IMMUTABLE_VALUE_TYPES =
      Set.of(
          "java.lang.String",
          "java.lang.Long",
          "java.lang.Integer",
          "java.lang.Boolean",
          "java.util.concurrent.TimeUnit");

  /** A static helper of a value class that computes from its arguments ({@code Math.max}). */
  public static boolean isValueHelper(MethodSymbol method) {
    return VALUE_CLASSES.contains(method.owner.getQualifiedName().toString())
        && !method.getSimpleName().contentEquals("now");
  }

  /** An object other threads change, whose queries a waiting loop polls. */
  public static boolean isSharedState(@Nullable Type type, VisitorState state) {
    if (type == null) {
      return false;
    }
    if (type.tsym.packge() != null
        && type.tsym.packge().getQualifiedName().contentEquals(ATOMIC_PACKAGE)) {
      return true;
    }
    return Supertypes.anyNamed(type, SHARED_STATE_TYPES, state);
  }

  /** An object whose queries move a cursor: {@code buffer.get()}, {@code iterator.hasNext()}. */
  public static boolean isCursor(@Nullable Type type, VisitorState state) {
    return Supertypes.anyNamed(type, CURSOR_TYPES, state);
  }

  /** A value that does not change: primitives, strings, boxed numbers, {@code java.time} values. */
  public static boolean isImmutableValue(@Nullable Type type) {
    if (type == null) {
      return false;
    }
    if (type.isPrimitive()) {
      return true;
    }
    String name = type.tsym.getQualifiedName().toString();
    return IMMUTABLE_VALUE_TYPES.contains(name)
        || (type.tsym.packge() != null
            && type.tsym.packge().getQualifiedName().contentEquals(IMMUTABLE_VALUE_PACKAGE)
            && !name.equals("java.time.Clock")
            && !name.endsWith("Clock"));
  }
}
