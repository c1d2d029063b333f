package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Catches of {@link SwallowedInterrupt} that no real interrupt reaches: a get() of a future known
 * to be complete, a call whose declared {@code InterruptedException} no implementation the
 * compilation can reach throws, a helper that rethrows the interrupt itself. Each shape has its
 * must-flag neighbours.
 */
class SwallowedInterruptUnreachableCatchTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  // ------------------------------------------------------- a future known to be complete

  @Test
  void getOnThisFutureWhenItIsDone() {
    helper
        .addSourceLines(
            "SafeFuture.java",
            """
            import java.util.concurrent.FutureTask;
            class SafeFuture<R> extends FutureTask<R> {
              SafeFuture() {
                super(() -> null);
              }
              R resultIfDone() {
                if (isDone()) {
                  try {
                    return get();
                  } catch (Throwable ignored) {
                  }
                }
                return null;
              }
              R qualifiedWithThis() {
                if (!this.isDone()) {
                  return null;
                }
                try {
                  return this.get();
                } catch (Exception ignored) {
                  return null;
                }
              }
              R notKnownDone() {
                if (!isCancelled()) {
                  try {
                    return get();
                    // BUG: Diagnostic contains: SwallowedInterrupt
                  } catch (Throwable ignored) {
                  }
                }
                return null;
              }
              R otherFutureIsDone(FutureTask<R> other) {
                if (other.isDone()) {
                  try {
                    return get();
                    // BUG: Diagnostic contains: SwallowedInterrupt
                  } catch (Exception ignored) {
                  }
                }
                return null;
              }
              R thisIsDoneButOtherIsRead(FutureTask<R> other) {
                if (isDone()) {
                  try {
                    return other.get();
                    // BUG: Diagnostic contains: SwallowedInterrupt
                  } catch (Exception ignored) {
                  }
                }
                return null;
              }
              Runnable innerClassAsksItself(FutureTask<R> inner) {
                return new Runnable() {
                  @Override
                  public void run() {
                    if (isDone()) { // SafeFuture's isDone(): the outer instance
                      try {
                        get();
                      } catch (Exception ignored) {
                      }
                    }
                  }
                };
              }
              FutureTask<R> innerFutureAsksTheOuter() {
                return new FutureTask<R>(() -> null) {
                  @Override
                  public void run() { // not done(), where the inner future is itself complete
                    if (SafeFuture.this.isDone()) {
                      try {
                        get(); // the inner future's get(), not the outer one known done
                        // BUG: Diagnostic contains: SwallowedInterrupt
                      } catch (Exception ignored) {
                      }
                    }
                  }
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void getInACallbackOfTheFutureItself() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Test {
              void whenComplete(CompletableFuture<String> reply) {
                reply.whenComplete(
                    (value, failure) -> {
                      try {
                        System.out.println(reply.get());
                      } catch (Exception e) {
                        System.out.println("failed: " + e);
                      }
                    });
              }
              CompletableFuture<Integer> handle(CompletableFuture<String> reply) {
                return reply.handle(
                    (value, failure) -> {
                      try {
                        return reply.get().length();
                      } catch (Exception e) {
                        return -1;
                      }
                    });
              }
              void thenRun(CompletableFuture<String> reply) {
                reply.thenRun(
                    () -> {
                      try {
                        System.out.println(reply.get());
                      } catch (Exception e) {
                        System.out.println("failed: " + e);
                      }
                    });
              }
              void anotherFutureIsRead(CompletableFuture<String> reply, CompletableFuture<String> other) {
                reply.whenComplete(
                    (value, failure) -> {
                      try {
                        System.out.println(other.get());
                        // BUG: Diagnostic contains: SwallowedInterrupt
                      } catch (Exception e) {
                        System.out.println("failed: " + e);
                      }
                    });
              }
              private CompletableFuture<String> current = new CompletableFuture<>();
              void fieldThatMayBeReassigned() {
                current.whenComplete(
                    (value, failure) -> {
                      try {
                        System.out.println(current.get());
                        // BUG: Diagnostic contains: SwallowedInterrupt
                      } catch (Exception e) {
                        System.out.println("failed: " + e);
                      }
                    });
              }
              void combinedOnSuccess(CompletableFuture<String> reply, CompletableFuture<String> other) {
                reply.thenCombine(
                    other,
                    (a, b) -> {
                      try {
                        return reply.get();
                      } catch (Exception e) {
                        return "";
                      }
                    });
              }
              void notACompletionCallback(CompletableFuture<String> reply) {
                reply.completeAsync(
                    () -> {
                      try {
                        return reply.get();
                        // BUG: Diagnostic contains: SwallowedInterrupt
                      } catch (Exception e) {
                        return "";
                      }
                    });
              }
              void outsideTheCallback(CompletableFuture<String> reply) {
                reply.whenComplete((value, failure) -> System.out.println(value));
                try {
                  System.out.println(reply.get());
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  System.out.println("failed: " + e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void getInAGuavaListenerOfTheFutureItself() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import com.google.common.util.concurrent.ListenableFuture;
            import com.google.common.util.concurrent.MoreExecutors;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutionException;
            class Test {
              <T> CompletableFuture<T> toCompletable(ListenableFuture<T> future) {
                CompletableFuture<T> result = new CompletableFuture<>();
                future.addListener(
                    () -> {
                      try {
                        result.complete(future.get());
                      } catch (ExecutionException e) {
                        result.completeExceptionally(e.getCause());
                      } catch (Exception e) {
                        result.completeExceptionally(e);
                      }
                    },
                    MoreExecutors.directExecutor());
                return result;
              }
              <T> void anotherFutureIsRead(ListenableFuture<T> future, ListenableFuture<T> other) {
                future.addListener(
                    () -> {
                      try {
                        System.out.println(other.get());
                        // BUG: Diagnostic contains: SwallowedInterrupt
                      } catch (Exception e) {
                        System.out.println("failed: " + e);
                      }
                    },
                    MoreExecutors.directExecutor());
              }
              <T> void outsideTheListener(ListenableFuture<T> future) {
                future.addListener(() -> System.out.println("done"), MoreExecutors.directExecutor());
                try {
                  System.out.println(future.get());
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  System.out.println("failed: " + e);
                }
              }
            }
            """)
        .addSourceLines(
            "Listeners.java",
            """
            import java.util.concurrent.Executor;
            import java.util.concurrent.Future;
            /** Not Guava's: nothing says when its listeners run. */
            interface Listeners<T> extends Future<T> {
              void addListener(Runnable listener, Executor executor);
            }
            """)
        .addSourceLines(
            "OtherListener.java",
            """
            import java.util.concurrent.Executor;
            class OtherListener {
              <T> void notGuavas(Listeners<T> future, Executor executor) {
                future.addListener(
                    () -> {
                      try {
                        System.out.println(future.get());
                        // BUG: Diagnostic contains: SwallowedInterrupt
                      } catch (Exception e) {
                        System.out.println("failed: " + e);
                      }
                    },
                    executor);
              }
            }
            """)
        .doTest();
  }

  @Test
  void getOfTheFutureACompletionListenerIsHanded() {
    helper
        .addSourceLines(
            "Future.java",
            """
            package io.netty.util.concurrent;
            public interface Future<V> extends java.util.concurrent.Future<V> {
              boolean isSuccess();
              Future<V> addListener(GenericFutureListener<? extends Future<? super V>> listener);
            }
            """)
        .addSourceLines(
            "GenericFutureListener.java",
            """
            package io.netty.util.concurrent;
            public interface GenericFutureListener<F extends Future<?>> extends java.util.EventListener {
              void operationComplete(F future) throws Exception;
            }
            """)
        .addSourceLines(
            "Client.java",
            """
            import io.netty.util.concurrent.Future;
            import io.netty.util.concurrent.GenericFutureListener;
            class Client {
              void lambdaListener(Future<String> write) {
                write.addListener(
                    future -> {
                      if (!future.isSuccess()) {
                        try {
                          future.get();
                        } catch (Exception e) {
                          System.out.println("write failed: " + e);
                        }
                      }
                    });
              }
              static final class Logging implements GenericFutureListener<Future<String>> {
                @Override
                public void operationComplete(Future<String> future) {
                  try {
                    System.out.println(future.get());
                  } catch (Exception e) {
                    System.out.println("failed: " + e);
                  }
                }
                void notTheListenerMethod(Future<String> future) {
                  try {
                    System.out.println(future.get());
                    // BUG: Diagnostic contains: SwallowedInterrupt
                  } catch (Exception e) {
                    System.out.println("failed: " + e);
                  }
                }
              }
              void anotherFutureInTheListener(Future<String> write, Future<String> reply) {
                write.addListener(
                    future -> {
                      try {
                        System.out.println(reply.get());
                        // BUG: Diagnostic contains: SwallowedInterrupt
                      } catch (Exception e) {
                        System.out.println("failed: " + e);
                      }
                    });
              }
              void parameterReassigned(Future<String> write, Future<String> reply) {
                write.addListener(
                    future -> {
                      future = reply;
                      try {
                        System.out.println(future.get());
                        // BUG: Diagnostic contains: SwallowedInterrupt
                      } catch (Exception e) {
                        System.out.println("failed: " + e);
                      }
                    });
              }
              void notAListener(Future<String> write) {
                java.util.function.Consumer<Future<String>> reader =
                    future -> {
                      try {
                        System.out.println(future.get());
                        // BUG: Diagnostic contains: SwallowedInterrupt
                      } catch (Exception e) {
                        System.out.println("failed: " + e);
                      }
                    };
                reader.accept(write);
              }
            }
            """)
        .doTest();
  }

  @Test
  void getInACompletionCallbackOfAllOf() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            class Test {
              CompletableFuture<Map<String, String>> lastIds(Map<String, CompletableFuture<String>> ids) {
                CompletableFuture<Map<String, String>> result = new CompletableFuture<>();
                CompletableFuture.allOf(ids.values().toArray(new CompletableFuture<?>[0]))
                    .whenComplete(
                        (ignore, failure) -> {
                          Map<String, String> builder = new HashMap<>();
                          ids.forEach(
                              (key, future) -> {
                                String id;
                                try {
                                  id = future.get();
                                } catch (Exception e) {
                                  id = "earliest";
                                }
                                builder.put(key, id);
                              });
                          result.complete(builder);
                        });
                return result;
              }
              void throughALocalThatMayBeCompletedByHand(Map<String, CompletableFuture<String>> ids) {
                CompletableFuture<Void> all =
                    CompletableFuture.allOf(ids.values().toArray(new CompletableFuture<?>[0]));
                all.whenComplete(
                    (ignore, failure) ->
                        ids.forEach(
                            (key, future) -> {
                              try {
                                System.out.println(future.get());
                                // BUG: Diagnostic contains: SwallowedInterrupt
                              } catch (Exception e) {
                                System.out.println("failed: " + e);
                              }
                            }));
                all.complete(null);
              }
              void anyOfCompletesEarly(Map<String, CompletableFuture<String>> ids) {
                CompletableFuture.anyOf(ids.values().toArray(new CompletableFuture<?>[0]))
                    .whenComplete(
                        (ignore, failure) ->
                            ids.forEach(
                                (key, future) -> {
                                  try {
                                    System.out.println(future.get());
                                    // BUG: Diagnostic contains: SwallowedInterrupt
                                  } catch (Exception e) {
                                    System.out.println("failed: " + e);
                                  }
                                }));
              }
            }
            """)
        .doTest();
  }

  @Test
  void getNowNeverWaits() {
    helper
        .addSourceLines(
            "LazyFuture.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            /** A future whose getNow declares the interrupt, as some libraries' futures do. */
            abstract class LazyFuture<T> implements Future<T> {
              abstract T getNow(T valueIfAbsent) throws InterruptedException, ExecutionException;
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            class Test {
              RuntimeException failureNow(LazyFuture<String> pending) {
                try {
                  pending.getNow(null);
                  return null;
                } catch (ExecutionException e) {
                  return new RuntimeException(e.getCause());
                } catch (InterruptedException e) {
                  return null;
                }
              }
              String waits(LazyFuture<String> pending) {
                try {
                  return pending.get();
                } catch (ExecutionException e) {
                  return null;
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------- a helper that throws the interrupt on

  @Test
  void sneakyThrowOfTheSameFile() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Test {
              @SuppressWarnings("unchecked")
              static <E extends Throwable> void throwAsUnchecked(Throwable t) throws E {
                throw (E) t;
              }
              static <E extends Throwable> void throwWrapped(Throwable t) throws E {
                throw (E) new IllegalStateException(t);
              }
              Object await(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throwAsUnchecked(e);
                  return null;
                }
                return "done";
              }
              Object wrapped(CountDownLatch latch) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throwWrapped(e);
                  return null;
                }
                return "done";
              }
              Object castToAnotherType(CountDownLatch latch) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  throw (RuntimeException) e;
                }
                return "done";
              }
              Object anotherExceptionIsHanded(CountDownLatch latch) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throwAsUnchecked(new RuntimeException("interrupted"));
                  return null;
                }
                return "done";
              }
            }
            """)
        .doTest();
  }

  @Test
  void sneakyThrowOfAnotherClass() {
    helper
        .addSourceLines(
            "com/acme/util/Sneaky.java",
            """
            package com.acme.util;
            public final class Sneaky {
              private Sneaky() {}
              @SuppressWarnings("unchecked")
              public static <E extends Throwable> RuntimeException throwAsUnchecked(Throwable t)
                  throws E {
                throw (E) t;
              }
            }
            """)
        .addSourceLines(
            "com/acme/util/Wrapping.java",
            """
            package com.acme.util;
            /** The same name, not generic: it wraps. */
            public final class Wrapping {
              private Wrapping() {}
              public static RuntimeException throwAsUnchecked(Throwable t) {
                throw new IllegalStateException(t);
              }
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import com.acme.util.Sneaky;
            import com.acme.util.Wrapping;
            import java.util.concurrent.CountDownLatch;
            class Test {
              /** A helper of this file that throws its parameter through another class's one. */
              static RuntimeException rethrow(Throwable t) {
                throw Sneaky.throwAsUnchecked(t);
              }
              Object thrown(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw Sneaky.throwAsUnchecked(e);
                }
                return "done";
              }
              Object bareCall(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  Sneaky.throwAsUnchecked(e);
                  return null;
                }
                return "done";
              }
              Object throughTheFilesHelper(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw rethrow(e);
                }
                return "done";
              }
              Object wrappedFirst(CountDownLatch latch) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw Sneaky.throwAsUnchecked(new RuntimeException(e));
                }
                return "done";
              }
              Object wrapped(CountDownLatch latch) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new RuntimeException(e);
                }
                return "done";
              }
              Object onOnePathOnly(CountDownLatch latch, boolean strict) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  if (strict) {
                    throw Sneaky.throwAsUnchecked(e);
                  }
                  return null;
                }
                return "done";
              }
              Object lookalikeThatWraps(CountDownLatch latch) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw Wrapping.throwAsUnchecked(e);
                }
                return "done";
              }
            }
            """)
        .doTest();
  }

  /** A null check, then the throw: the code rule does not read it; the library models know it. */
  private static final String NULL_CHECKED_SNEAKY_THROW =
      """
        public static RuntimeException throwAsUncheckedException(Throwable t) {
          if (t == null) {
            throw new NullPointerException("t");
          }
          throw ExceptionUtils.<RuntimeException>throwAs(t);
        }
        @SuppressWarnings("unchecked")
        private static <T extends Throwable> T throwAs(Throwable t) throws T {
          throw (T) t;
        }
      """;

  @Test
  void sneakyThrowOfTheLibraryModels() {
    helper
        .addSourceLines(
            "org/junit/platform/commons/util/ExceptionUtils.java",
            "package org.junit.platform.commons.util;",
            "public final class ExceptionUtils {",
            "  private ExceptionUtils() {}",
            NULL_CHECKED_SNEAKY_THROW,
            "}")
        .addSourceLines(
            "com/acme/util/ExceptionUtils.java",
            "package com.acme.util;",
            "/** The same code under another name: no library model, and a null check first. */",
            "public final class ExceptionUtils {",
            "  private ExceptionUtils() {}",
            NULL_CHECKED_SNEAKY_THROW,
            "}")
        .addSourceLines(
            "lombok/Lombok.java",
            """
            package lombok;
            public final class Lombok {
              private Lombok() {}
              public static RuntimeException sneakyThrow(Throwable t) {
                if (t == null) {
                  throw new NullPointerException("t");
                }
                return Lombok.<RuntimeException>sneakyThrow0(t);
              }
              @SuppressWarnings("unchecked")
              private static <T extends Throwable> T sneakyThrow0(Throwable t) throws T {
                throw (T) t;
              }
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            import org.junit.platform.commons.util.ExceptionUtils;
            class Test {
              Object junit(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw ExceptionUtils.throwAsUncheckedException(e);
                }
                return "done";
              }
              Object lombok(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw lombok.Lombok.sneakyThrow(e);
                }
                return "done";
              }
              Object caughtAsException(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (Exception e) {
                  lombok.Lombok.sneakyThrow(e);
                }
                return "done";
              }
              Object wrappedFirst(CountDownLatch latch) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw ExceptionUtils.throwAsUncheckedException(new IllegalStateException(e));
                }
                return "done";
              }
              Object onOnePathOnly(CountDownLatch latch, boolean strict) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  if (strict) {
                    throw lombok.Lombok.sneakyThrow(e);
                  }
                }
                return "done";
              }
              Object sameCodeNotModelled(CountDownLatch latch) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw com.acme.util.ExceptionUtils.throwAsUncheckedException(e);
                }
                return "done";
              }
            }
            """)
        .doTest();
  }

  // ------------------------- a method that declares the interrupt only because its interface does

  @Test
  void confinedImplementationThatCannotThrowIt() {
    helper
        .addSourceLines(
            "com/acme/retry/Strategy.java",
            """
            package com.acme.retry;
            public interface Strategy {
              boolean recovered(String record) throws InterruptedException;
            }
            """)
        .addSourceLines(
            "com/acme/retry/Tracker.java",
            """
            package com.acme.retry;
            /** Declares the interrupt because Strategy does; its body cannot throw one. */
            class Tracker implements Strategy {
              @Override
              public boolean recovered(String record) throws InterruptedException {
                return record.isEmpty();
              }
            }
            """)
        .addSourceLines(
            "com/acme/retry/Sleeper.java",
            """
            package com.acme.retry;
            /** Its body sleeps. */
            class Sleeper implements Strategy {
              @Override
              public boolean recovered(String record) throws InterruptedException {
                Thread.sleep(10);
                return true;
              }
            }
            """)
        .addSourceLines(
            "com/acme/retry/Quiet.java",
            """
            package com.acme.retry;
            /** Quiet itself, but a class of the package overrides it with one that sleeps. */
            class Quiet implements Strategy {
              @Override
              public boolean recovered(String record) throws InterruptedException {
                return false;
              }
              static Quiet patient() {
                return new Quiet() {
                  @Override
                  public boolean recovered(String record) throws InterruptedException {
                    Thread.sleep(10);
                    return true;
                  }
                };
              }
            }
            """)
        .addSourceLines(
            "com/acme/retry/Open.java",
            """
            package com.acme.retry;
            /** Public and not final: a class of another package may extend it and sleep. */
            public class Open implements Strategy {
              @Override
              public boolean recovered(String record) throws InterruptedException {
                return false;
              }
              /** Only the package can override this one, and no class here does. */
              boolean pause() throws InterruptedException {
                return true;
              }
            }
            """)
        .addSourceLines(
            "com/acme/retry/Handler.java",
            """
            package com.acme.retry;
            class Handler {
              private final Tracker tracker = new Tracker();
              boolean handle(String record) {
                try {
                  return tracker.recovered(record);
                } catch (Exception e) {
                  return false;
                }
              }
              boolean packagePrivateMethod(Open open) {
                try {
                  return open.pause();
                } catch (InterruptedException e) {
                  return false;
                }
              }
              boolean throughTheInterface(Strategy strategy, String record) {
                try {
                  return strategy.recovered(record);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  return false;
                }
              }
              boolean sleeps(Sleeper sleeper, String record) {
                try {
                  return sleeper.recovered(record);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  return false;
                }
              }
              boolean overriddenBySomethingThatSleeps(Quiet quiet, String record) {
                try {
                  return quiet.recovered(record);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  return false;
                }
              }
              boolean publicClassOthersMayExtend(Open open, String record) {
                try {
                  return open.recovered(record);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  return false;
                }
              }
            }
            """)
        .doTest();
  }

  // --------------- an interface only its package can implement, whose implementations cannot throw

  /**
   * A package-private interface of a package compiled here whole, with the given extra sources of
   * the package; {@code Queue.wake()} catches what {@code runner.wakeup()} declares.
   */
  private CompilationTestHelper confinedRunner(
      String pkg, String visibility, boolean flagged, String... extraSources) {
    String dir = pkg.replace('.', '/');
    CompilationTestHelper test =
        helper
            .addSourceLines(
                dir + "/Runner.java",
                "package " + pkg + ";",
                visibility + " interface Runner {",
                "  void wakeup() throws InterruptedException;",
                "}")
            .addSourceLines(
                dir + "/Pooled.java",
                "package " + pkg + ";",
                "/** Declares the interrupt, as the interface does, and never throws it. */",
                "final class Pooled implements Runner {",
                "  private boolean queued;",
                "  @Override",
                "  public synchronized void wakeup() throws InterruptedException {",
                "    queued = true;",
                "  }",
                "}")
            .addSourceLines(
                dir + "/Dedicated.java",
                "package " + pkg + ";",
                "class Dedicated implements Runner {",
                "  private final Object mutex = new Object();",
                "  @Override",
                "  public void wakeup() {",
                "    synchronized (mutex) {",
                "      mutex.notifyAll();",
                "    }",
                "  }",
                "  static Runner direct() {",
                "    return () -> {};",
                "  }",
                "}")
            .addSourceLines(
                dir + "/Queue.java",
                "package " + pkg + ";",
                "class Queue {",
                "  private Runner runner = new Pooled();",
                "  void wake() {",
                "    try {",
                "      runner.wakeup();",
                flagged ? "      // BUG: Diagnostic contains: SwallowedInterrupt" : "",
                "    } catch (InterruptedException e) {",
                "    }",
                "  }",
                "}");
    for (int i = 0; i < extraSources.length; i += 2) {
      test = test.addSourceLines(dir + "/" + extraSources[i], extraSources[i + 1]);
    }
    return test;
  }

  @Test
  void packagePrivateInterfaceWhoseImplementationsCannotThrowIt() {
    confinedRunner("com.acme.run", "", false).doTest();
  }

  @Test
  void publicInterfaceOthersMayImplement() {
    confinedRunner("com.acme.pub", "public", true).doTest();
  }

  @Test
  void publicSubinterfaceOpensTheSet() {
    confinedRunner(
            "com.acme.sub",
            "",
            true,
            "Pausing.java",
            """
            package com.acme.sub;
            public interface Pausing extends Runner {}
            """)
        .doTest();
  }

  @Test
  void anImplementationThatSleeps() {
    confinedRunner(
            "com.acme.sleeps",
            "",
            true,
            "Slow.java",
            """
            package com.acme.sleeps;
            final class Slow implements Runner {
              @Override
              public void wakeup() throws InterruptedException {
                Thread.sleep(10);
              }
            }
            """)
        .doTest();
  }

  @Test
  void aLambdaThatSleeps() {
    confinedRunner(
            "com.acme.lambda",
            "",
            true,
            "Slow.java",
            """
            package com.acme.lambda;
            final class Slow {
              static Runner slow() {
                return () -> Thread.sleep(10);
              }
            }
            """)
        .doTest();
  }

  @Test
  void publicClassOthersMayExtendDeclaresIt() {
    confinedRunner(
            "com.acme.open",
            "",
            true,
            "Open.java",
            """
            package com.acme.open;
            public class Open implements Runner {
              @Override
              public void wakeup() throws InterruptedException {}
            }
            """)
        .doTest();
  }

  @Test
  void publicClassThatDeclaresNoneKeepsTheSetClosed() {
    confinedRunner(
            "com.acme.closed",
            "",
            false,
            "Quiet.java",
            """
            package com.acme.closed;
            public class Quiet implements Runner {
              @Override
              public void wakeup() {}
            }
            """)
        .doTest();
  }

  // ------------------------------------- a call that only passes on its action's interrupt

  /** Hadoop's class as its jar declares it: doAs rethrows what the action throws. */
  private static final String USER_GROUP_INFORMATION =
      """
      package org.apache.hadoop.security;
      import java.io.IOException;
      import java.security.PrivilegedAction;
      import java.security.PrivilegedExceptionAction;
      public class UserGroupInformation {
        public <T> T doAs(PrivilegedAction<T> action) {
          return action.run();
        }
        public <T> T doAs(PrivilegedExceptionAction<T> action)
            throws IOException, InterruptedException {
          return null;
        }
      }
      """;

  @Test
  void doAsOfAnActionThatThrowsNoInterrupt() {
    helper
        .addSourceLines("UserGroupInformation.java", USER_GROUP_INFORMATION)
        .addSourceLines(
            "Client.java",
            """
            import java.io.IOException;
            import java.security.PrivilegedExceptionAction;
            import org.apache.hadoop.security.UserGroupInformation;
            class Client {
              Object proxy;

              Object lambdaAction(UserGroupInformation ugi) {
                try {
                  return ugi.doAs((PrivilegedExceptionAction<Object>) () -> connect("rm"));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                } catch (IOException e) {
                  return null;
                }
              }

              void anonymousAction(UserGroupInformation ugi) {
                try {
                  proxy =
                      ugi.doAs(
                          new PrivilegedExceptionAction<Object>() {
                            @Override
                            public Object run() throws Exception {
                              return connect("dn");
                            }
                          });
                } catch (Exception e) {
                  log(e);
                }
              }

              Object methodReference(UserGroupInformation ugi) throws IOException {
                try {
                  return ugi.doAs((PrivilegedExceptionAction<Object>) this::connectDefault);
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              Object nestedDoAs(UserGroupInformation ugi, UserGroupInformation real)
                  throws IOException {
                try {
                  return ugi.doAs(
                      (PrivilegedExceptionAction<Object>)
                          () -> real.doAs((PrivilegedExceptionAction<Object>) () -> connect("x")));
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              Object helperThatDeclaresButNeverThrows(UserGroupInformation ugi)
                  throws IOException {
                try {
                  return ugi.doAs((PrivilegedExceptionAction<Object>) () -> quick());
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              private static Object quick() throws InterruptedException {
                return "done";
              }

              Object connect(String host) throws IOException {
                return host;
              }

              private Object connectDefault() throws IOException {
                return connect("default");
              }

              void log(Throwable t) {}
            }
            """)
        .doTest();
  }

  @Test
  void doAsOfAnActionThatMayThrowAnInterrupt() {
    helper
        .addSourceLines("UserGroupInformation.java", USER_GROUP_INFORMATION)
        .addSourceLines(
            "Client.java",
            """
            import java.io.IOException;
            import java.security.PrivilegedExceptionAction;
            import org.apache.hadoop.security.UserGroupInformation;
            class Client {
              PrivilegedExceptionAction<Object> action;

              Object sleepingLambda(UserGroupInformation ugi) {
                try {
                  return ugi.doAs(
                      (PrivilegedExceptionAction<Object>)
                          () -> {
                            Thread.sleep(100);
                            return connect("rm");
                          });
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                } catch (IOException e) {
                  return null;
                }
              }

              void anonymousActionCallingAWait(UserGroupInformation ugi) {
                try {
                  ugi.doAs(
                      new PrivilegedExceptionAction<Object>() {
                        @Override
                        public Object run() throws Exception {
                          return retrying();
                        }
                      });
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  log(e);
                }
              }

              Object actionInAField(UserGroupInformation ugi) throws IOException {
                try {
                  return ugi.doAs(action);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              Object actionHandedIn(UserGroupInformation ugi, PrivilegedExceptionAction<Object> a)
                  throws IOException {
                try {
                  return ugi.doAs(a);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              Object referenceToAWait(UserGroupInformation ugi) throws IOException {
                try {
                  return ugi.doAs((PrivilegedExceptionAction<Object>) this::waitForIt);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              Object nestedSleep(UserGroupInformation ugi, UserGroupInformation real)
                  throws IOException {
                try {
                  return ugi.doAs(
                      (PrivilegedExceptionAction<Object>)
                          () -> real.doAs((PrivilegedExceptionAction<Object>) () -> waitForIt()));
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              Object anotherSleepInTheTry(UserGroupInformation ugi) throws IOException {
                try {
                  Thread.sleep(10);
                  return ugi.doAs((PrivilegedExceptionAction<Object>) () -> connect("rm"));
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              // A method of the same name on a class the models do not know.
              Object unmodelledRunner(Runner runner) throws IOException {
                try {
                  return runner.doAs((PrivilegedExceptionAction<Object>) () -> connect("rm"));
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              private Object retrying() throws Exception {
                Thread.sleep(1000);
                return connect("rm");
              }

              private Object waitForIt() throws InterruptedException {
                Thread.sleep(10);
                return null;
              }

              Object connect(String host) throws IOException {
                return host;
              }

              void log(Throwable t) {}
            }
            """)
        .addSourceLines(
            "Runner.java",
            """
            import java.security.PrivilegedExceptionAction;
            public abstract class Runner {
              public abstract <T> T doAs(PrivilegedExceptionAction<T> action)
                  throws InterruptedException;
            }
            """)
        .doTest();
  }

  @Test
  void helperWhoseEveryCallThrowsNoInterrupt() {
    helper
        .addSourceLines("UserGroupInformation.java", USER_GROUP_INFORMATION)
        .addSourceLines(
            "Interceptor.java",
            """
            import java.io.IOException;
            import java.security.PrivilegedExceptionAction;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            import org.apache.hadoop.security.UserGroupInformation;
            class Interceptor {
              UserGroupInformation user;
              Object client;

              void init() {
                try {
                  client = createClient();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }

              void initThroughTwoHelpers() {
                try {
                  client = createThroughAnother();
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }

              Object doneResult(Future<Object> f) {
                try {
                  return resultIfDone(f);
                } catch (InterruptedException | ExecutionException e) {
                  return null;
                }
              }

              private Object createClient() throws IOException, InterruptedException {
                if (user == null) {
                  return connect("local");
                }
                return user.doAs((PrivilegedExceptionAction<Object>) () -> connect("rm"));
              }

              private Object createThroughAnother() throws IOException, InterruptedException {
                return createClient();
              }

              private static Object resultIfDone(Future<Object> f)
                  throws InterruptedException, ExecutionException {
                if (!f.isDone()) {
                  return null;
                }
                return f.get();
              }

              Object connect(String host) throws IOException {
                return host;
              }
            }
            """)
        .doTest();
  }

  @Test
  void helperWithACallThatMayThrowAnInterrupt() {
    helper
        .addSourceLines("UserGroupInformation.java", USER_GROUP_INFORMATION)
        .addSourceLines(
            "Interceptor.java",
            """
            import java.io.IOException;
            import java.security.PrivilegedExceptionAction;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            import org.apache.hadoop.security.UserGroupInformation;
            public class Interceptor {
              UserGroupInformation user;
              Object client;

              void actionSleeps() {
                try {
                  client = createSleeping();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }

              void helperCanBeOverridden() {
                try {
                  client = createOverridable();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }

              void actionHandedIn(PrivilegedExceptionAction<Object> action) {
                try {
                  client = createWith(action);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }

              void helperAlsoWaits() {
                try {
                  client = createAfterAPause();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }

              void helperRethrows() {
                try {
                  client = createRethrowing();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }

              void helperCallsItself() {
                try {
                  client = retry(3);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }

              Object futureMayNotBeDone(Future<Object> f) {
                try {
                  return resultOf(f);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException | ExecutionException e) {
                  return null;
                }
              }

              private Object createSleeping() throws IOException, InterruptedException {
                return user.doAs(
                    (PrivilegedExceptionAction<Object>)
                        () -> {
                          Thread.sleep(100);
                          return connect("rm");
                        });
              }

              protected Object createOverridable() throws IOException, InterruptedException {
                return user.doAs((PrivilegedExceptionAction<Object>) () -> connect("rm"));
              }

              private Object createWith(PrivilegedExceptionAction<Object> action)
                  throws IOException, InterruptedException {
                return user.doAs(action);
              }

              private Object createAfterAPause() throws IOException, InterruptedException {
                Thread.sleep(10);
                return user.doAs((PrivilegedExceptionAction<Object>) () -> connect("rm"));
              }

              private Object createRethrowing() throws IOException, InterruptedException {
                try {
                  return user.doAs((PrivilegedExceptionAction<Object>) () -> connect("rm"));
                } catch (IOException e) {
                  InterruptedException failure = new InterruptedException(e.getMessage());
                  throw failure;
                }
              }

              private Object retry(int left) throws IOException, InterruptedException {
                if (left == 0) {
                  Thread.sleep(10);
                  return connect("rm");
                }
                return retry(left - 1);
              }

              private static Object resultOf(Future<Object> f)
                  throws InterruptedException, ExecutionException {
                return f.get();
              }

              Object connect(String host) throws IOException {
                return host;
              }
            }
            """)
        .doTest();
  }

  @Test
  void sameFileHelperThatOnlyRunsItsAction() {
    helper
        .addSourceLines(
            "Store.java",
            """
            import java.io.IOException;
            class Store {
              interface Action<T> {
                T run() throws IOException, InterruptedException;
              }

              Object anonymousAction() {
                try {
                  return withContext(
                      new Action<Object>() {
                        @Override
                        public Object run() throws IOException {
                          return read("a");
                        }
                      });
                } catch (IOException | InterruptedException e) {
                  return null;
                }
              }

              Object methodReference() throws IOException {
                try {
                  return withContext(this::readDefault);
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              private <T> T withContext(Action<T> action) throws IOException, InterruptedException {
                return action.run();
              }

              private Object readDefault() throws IOException {
                return read("default");
              }

              Object read(String key) throws IOException {
                return key;
              }
            }
            """)
        .doTest();
  }

  @Test
  void sameFileHelperThatWaitsItselfOrIsHandedAWait() {
    helper
        .addSourceLines(
            "Store.java",
            """
            import java.io.IOException;
            class Store {
              interface Action<T> {
                T run() throws IOException, InterruptedException;
              }

              Object helperSleepsItself() throws IOException {
                try {
                  return sleepThenRun(
                      new Action<Object>() {
                        @Override
                        public Object run() throws IOException {
                          return read("a");
                        }
                      });
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              Object anonymousActionSleeps() throws IOException {
                try {
                  return withContext(
                      new Action<Object>() {
                        @Override
                        public Object run() throws IOException, InterruptedException {
                          Thread.sleep(5);
                          return read("a");
                        }
                      });
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              Object referenceToAWait() throws IOException {
                try {
                  return withContext(this::pause);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new IOException(e);
                }
              }

              private <T> T withContext(Action<T> action) throws IOException, InterruptedException {
                return action.run();
              }

              private <T> T sleepThenRun(Action<T> action) throws IOException, InterruptedException {
                Thread.sleep(10);
                return action.run();
              }

              private Object pause() throws InterruptedException {
                Thread.sleep(10);
                return null;
              }

              Object read(String key) throws IOException {
                return key;
              }
            }
            """)
        .doTest();
  }
}
