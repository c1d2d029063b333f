package dev.cancelguard.analysis;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSetMultimap;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.CompletionFailure;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What well-known libraries' helpers do for cancellation, known without any flag (as NullAway's
 * library models are): which restore the interrupt flag, which wait for an executor or thread to
 * terminate, which notice an interrupt without declaring {@link InterruptedException}, which return
 * a future that completes when an executor has terminated, which declare {@link
 * InterruptedException} only to pass on what the action they are handed throws, which run the
 * action they are handed in place, on the caller's thread, and which throw the very exception they
 * are handed, unchecked.
 *
 * <p>Each entry is a documented behaviour of a published API. An entry names the declaring class
 * and the method ({@code <init>} for a constructor); an instance method matches also where a
 * subtype overrides it, all overloads of the name match.
 */
public final class LibraryModels {
  /** Methods whose result is a future completed when the object called has terminated. */
  private static final ImmutableSetMultimap<String, String> TERMINATION_FUTURES =
      ImmutableSetMultimap.<String, String>builder()
          // Netty: the group's terminationFuture(), also returned by shutdownGracefully(..).
          .putAll("io.netty.util.concurrent.EventExecutorGroup", "terminationFuture")
          .putAll("io.netty.util.concurrent.EventExecutorGroup", "shutdownGracefully")
          .build();

  /**
   * Methods that throw {@link InterruptedException} only when the action (an argument of a
   * functional interface type) they run throws it: they neither wait nor read the flag themselves.
   */
  private static final ImmutableSet<MethodRef> ACTION_RUNNERS =
      ImmutableSet.of(
          // Hadoop: doAs(PrivilegedExceptionAction) runs the action through Subject.doAs and
          // rethrows the PrivilegedActionException's cause; its Javadoc: "@throws
          // InterruptedException if the action throws an InterruptedException". The other
          // overload, doAs(PrivilegedAction), declares nothing.
          new MethodRef("org.apache.hadoop.security.UserGroupInformation", "doAs"));

  /**
   * Methods that run the action they are handed (an argument of a functional interface type) on the
   * caller's own thread, once, before they return its result, and do nothing after it that waits:
   * the JDK's privileged-action and subject runners, and Hadoop's wrappers of them.
   */
  private static final ImmutableSet<MethodRef> IN_PLACE_RUNNERS =
      ImmutableSet.of(
          // JDK: "Performs the specified PrivilegedAction with privileges enabled" on the calling
          // thread, returning the action's result.
          new MethodRef("java.security.AccessController", "doPrivileged"),
          // JDK: Subject.doAs / callAs run the action as the subject, on the calling thread.
          new MethodRef("javax.security.auth.Subject", "doAs"),
          new MethodRef("javax.security.auth.Subject", "callAs"),
          // Hadoop: SubjectUtil.doAs / callAs hand the action to Subject.callAs or Subject.doAs
          // and return its result; UserGroupInformation.doAs does the same for its user.
          new MethodRef("org.apache.hadoop.security.authentication.util.SubjectUtil", "doAs"),
          new MethodRef("org.apache.hadoop.security.authentication.util.SubjectUtil", "callAs"),
          new MethodRef("org.apache.hadoop.security.UserGroupInformation", "doAs"));

  /**
   * Static methods that throw the very exception they are handed, unchecked (a "sneaky throw"),
   * when it is not null; read from each library's bytecode, where a null check (which a caught
   * exception always passes) comes before the throw, so that the code-reading rule of {@code
   * dev.cancelguard.analysis.interrupts.RethrowingHelpers} does not see them.
   */
  private static final ImmutableSet<MethodRef> SNEAKY_THROWS =
      ImmutableSet.of(
          // JUnit Platform: Preconditions.notNull(t, ..), then the private throwAs(t), whose code
          // is `aload_0; athrow`.
          new MethodRef(
              "org.junit.platform.commons.util.ExceptionUtils", "throwAsUncheckedException"),
          // Lombok: `if (t == null) throw new NullPointerException("t")`, then sneakyThrow0(t),
          // whose code is `aload_0; athrow`.
          new MethodRef("lombok.Lombok", "sneakyThrow"),
          // Netty: Unsafe.throwException(checkNotNull(t, ..)), or throwException0(t), whose code is
          // `aload_0; athrow`.
          new MethodRef("io.netty.util.internal.PlatformDependent", "throwException"));

  private static final ImmutableSetMultimap<HelperRole, MethodRef> MODELS =
      ImmutableSetMultimap.<HelperRole, MethodRef>builder()
          // Curator: restores the flag when the Throwable is an InterruptedException.
          .put(
              HelperRole.RESTORES_INTERRUPT,
              new MethodRef("org.apache.curator.utils.ThreadUtils", "checkInterrupted"))
          // Kafka: the unchecked wrapper's constructors set the flag.
          .put(
              HelperRole.RESTORES_INTERRUPT,
              new MethodRef("org.apache.kafka.common.errors.InterruptException", "<init>"))
          // Guava: shut down, wait (restoring the flag if interrupted).
          .put(
              HelperRole.AWAITS_TERMINATION,
              new MethodRef(
                  "com.google.common.util.concurrent.MoreExecutors", "shutdownAndAwaitTermination"))
          .put(
              HelperRole.AWAITS_TERMINATION,
              new MethodRef(
                  "com.google.common.util.concurrent.Uninterruptibles",
                  "awaitTerminationUninterruptibly"))
          .put(
              HelperRole.AWAITS_TERMINATION,
              new MethodRef(
                  "com.google.common.util.concurrent.Uninterruptibles", "joinUninterruptibly"))
          // commons-lang3: Thread.join with a Duration.
          .put(
              HelperRole.AWAITS_TERMINATION,
              new MethodRef("org.apache.commons.lang3.ThreadUtils", "join"))
          // The JDK's own helper for a timed join.
          .put(
              HelperRole.AWAITS_TERMINATION,
              new MethodRef("java.util.concurrent.TimeUnit", "timedJoin"))
          // Guava: an interrupt while waiting restores the flag and throws the caller's exception.
          .put(
              HelperRole.CANCELLATION_POINT,
              new MethodRef("com.google.common.util.concurrent.Futures", "getChecked"))
          // commons-lang3: get() restores the flag and throws UncheckedInterruptedException.
          .put(
              HelperRole.CANCELLATION_POINT,
              new MethodRef("org.apache.commons.lang3.concurrent.UncheckedFuture", "get"))
          .build();

  /** The simple names the models mention, to answer most calls without a look at supertypes. */
  private static final ImmutableSet<String> MODELLED_NAMES =
      Stream.concat(
              Stream.of(MODELS.values(), ACTION_RUNNERS, IN_PLACE_RUNNERS, SNEAKY_THROWS)
                  .flatMap(Collection::stream)
                  .map(MethodRef::name),
              TERMINATION_FUTURES.values().stream())
          .collect(ImmutableSet.toImmutableSet());

  private LibraryModels() {}

  /** True if the library models give the method this role. */
  public static boolean has(Symbol symbol, HelperRole role) {
    return symbol instanceof MethodSymbol method
        && MODELLED_NAMES.contains(method.getSimpleName().toString())
        && matches(MODELS.get(role), method);
  }

  /**
   * True if the library models say the method throws {@link InterruptedException} only when the
   * action it is handed (an argument of a functional interface type) does: Hadoop's {@code
   * UserGroupInformation.doAs(PrivilegedExceptionAction)}. The call is then judged by the action
   * ({@code dev.cancelguard.analysis.interrupts.PassedOnActions}).
   */
  public static boolean throwsInterruptOnlyThroughItsAction(Symbol symbol) {
    return symbol instanceof MethodSymbol method
        && MODELLED_NAMES.contains(method.getSimpleName().toString())
        && matches(ACTION_RUNNERS, method);
  }

  /**
   * True if the library models say the method runs the action it is handed on the caller's own
   * thread before it returns, and waits for nothing after it ({@code
   * AccessController.doPrivileged}, {@code Subject.doAs}, Hadoop's {@code SubjectUtil.doAs}).
   */
  public static boolean runsItsActionInPlace(Symbol symbol) {
    return symbol instanceof MethodSymbol method
        && MODELLED_NAMES.contains(method.getSimpleName().toString())
        && matches(IN_PLACE_RUNNERS, method);
  }

  /**
   * The same question for a call read from a class file: the class it names ({@code
   * java/security/AccessController}, slashes and dollars as the class file spells it) and the
   * method's name. Only a static method is named by its declaring class there, so only the static
   * runners are known this way.
   */
  public static boolean runsItsActionInPlace(String binaryOwner, String name) {
    return MODELLED_NAMES.contains(name)
        && IN_PLACE_RUNNERS.contains(
            new MethodRef(binaryOwner.replace('/', '.').replace('$', '.'), name));
  }

  /**
   * True if the library models say the static method throws the exception it is handed itself,
   * unchecked, when that is not null (JUnit's {@code ExceptionUtils.throwAsUncheckedException},
   * Lombok's {@code Lombok.sneakyThrow}, Netty's {@code PlatformDependent.throwException}): handed
   * a caught exception, it rethrows it.
   */
  public static boolean throwsItsArgumentItself(Symbol symbol) {
    return symbol instanceof MethodSymbol method
        && method.isStatic()
        && method.getParameters().size() == 1
        && MODELLED_NAMES.contains(method.getSimpleName().toString())
        && matches(SNEAKY_THROWS, method);
  }

  /**
   * True if the method returns a future that completes once the object it is called on has
   * terminated (Netty's {@code group.terminationFuture()}, {@code group.shutdownGracefully()}).
   */
  public static boolean returnsTerminationFuture(Symbol symbol) {
    if (!(symbol instanceof MethodSymbol method)
        || method.isStatic()
        || !MODELLED_NAMES.contains(method.getSimpleName().toString())) {
      return false;
    }
    for (ClassSymbol owner : selfAndSupertypes(method)) {
      if (TERMINATION_FUTURES
          .get(owner.getQualifiedName().toString())
          .contains(method.getSimpleName().toString())) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Set<MethodRef> refs, MethodSymbol method) {
    String name = method.getSimpleName().toString();
    if (method.isStatic() || method.isConstructor()) {
      return refs.contains(new MethodRef(method.owner.getQualifiedName().toString(), name));
    }
    for (ClassSymbol owner : selfAndSupertypes(method)) {
      if (refs.contains(new MethodRef(owner.getQualifiedName().toString(), name))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The method's class and its supertypes (an override keeps the overridden contract); those
   * missing from the classpath are left out.
   */
  private static Set<ClassSymbol> selfAndSupertypes(MethodSymbol method) {
    Set<ClassSymbol> seen = new HashSet<>();
    if (!(method.owner instanceof ClassSymbol start)) {
      return seen;
    }
    Deque<ClassSymbol> work = new ArrayDeque<>();
    work.add(start);
    while (!work.isEmpty()) {
      ClassSymbol type = work.poll();
      if (!seen.add(type)) {
        continue;
      }
      try {
        addSymbol(work, type.getSuperclass());
        for (Type supertype : type.getInterfaces()) {
          addSymbol(work, supertype);
        }
      } catch (CompletionFailure e) {
        // A supertype not on the classpath: it cannot be a modelled library class we can see.
      }
    }
    return seen;
  }

  private static void addSymbol(Deque<ClassSymbol> work, Type type) {
    if (type != null && type.tsym instanceof ClassSymbol symbol) {
      work.add(symbol);
    }
  }

  /** A method named by its declaring class (nesting with '.') and simple name. */
  private record MethodRef(String owner, String name) {}
}
