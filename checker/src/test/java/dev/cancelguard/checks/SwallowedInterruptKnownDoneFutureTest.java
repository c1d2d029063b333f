package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A {@code get()} on a future known to be done, one step past the older rules: after a precondition
 * helper handed {@code f.isDone()} ({@code Assert.state(f.isDone(), ..)}, Guava's {@code
 * checkState(f.isDone())}), and in a {@code thenCombine} callback of {@code allOf(c)} that hands
 * {@code c} down a chain of private helpers.
 */
class SwallowedInterruptKnownDoneFutureTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  /** A precondition helper of the compilation, and look-alikes that do not throw first. */
  private static final String ASSERT =
      """
      package util;
      public abstract class Assert {
        public static void state(boolean expression, String message) {
          if (!expression) {
            throw new IllegalStateException(message);
          }
        }

        public static void warnUnless(boolean expression, String message) {
          if (!expression) {
            System.err.println(message);
          }
        }

        public static void stateLater(boolean expression, String message) {
          System.err.println(message);
          if (!expression) {
            throw new IllegalStateException(message);
          }
        }

        public void stateOf(boolean expression, String message) {
          if (!expression) {
            throw new IllegalStateException(message);
          }
        }
      }
      """;

  @Test
  void negative_getAfterAPreconditionHelperSaysTheFutureIsDone() {
    helper
        .addSourceLines("util/Assert.java", ASSERT)
        .addSourceLines(
            "Decoder.java",
            """
            import static com.google.common.base.Preconditions.checkState;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            import util.Assert;
            interface Decoder<T> {
              CompletableFuture<T> decodeLater(byte[] data);

              default T decode(byte[] data) {
                CompletableFuture<T> future = decodeLater(data);
                Assert.state(future.isDone(), "decoding should have completed");
                try {
                  return future.get();
                } catch (ExecutionException ex) {
                  throw new IllegalStateException(ex.getCause());
                } catch (InterruptedException ex) {
                  throw new IllegalStateException("interrupted during decode", ex);
                }
              }

              static <V> V result(Future<V> future) {
                checkState(future.isDone());
                try {
                  return future.get();
                } catch (InterruptedException | ExecutionException ex) {
                  throw new IllegalStateException(ex);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_getAfterAGuardThatDoesNotSayTheFutureIsDone() {
    helper
        .addSourceLines("util/Assert.java", ASSERT)
        .addSourceLines(
            "Decoder.java",
            """
            import static com.google.common.base.Preconditions.checkState;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            import util.Assert;
            class Decoder {
              static <V> V onlyWarns(Future<V> future) {
                Assert.warnUnless(future.isDone(), "should be done");
                try {
                  return future.get();
                  // BUG: Diagnostic contains: Whoever interrupted this thread
                } catch (InterruptedException | ExecutionException ex) {
                  throw new IllegalStateException(ex);
                }
              }

              static <V> V throwsAfterOtherWork(Future<V> future) {
                Assert.stateLater(future.isDone(), "should be done");
                try {
                  return future.get();
                  // BUG: Diagnostic contains: Whoever interrupted this thread
                } catch (InterruptedException | ExecutionException ex) {
                  throw new IllegalStateException(ex);
                }
              }

              static <V> V overridable(Assert checks, Future<V> future) {
                checks.stateOf(future.isDone(), "should be done");
                try {
                  return future.get();
                  // BUG: Diagnostic contains: Whoever interrupted this thread
                } catch (InterruptedException | ExecutionException ex) {
                  throw new IllegalStateException(ex);
                }
              }

              static <V> V anotherFuture(Future<V> future, Future<?> other) {
                checkState(other.isDone());
                try {
                  return future.get();
                  // BUG: Diagnostic contains: Whoever interrupted this thread
                } catch (InterruptedException | ExecutionException ex) {
                  throw new IllegalStateException(ex);
                }
              }

              static <V> V notDone(Future<V> future) {
                checkState(!future.isDone());
                try {
                  return future.get();
                  // BUG: Diagnostic contains: Whoever interrupted this thread
                } catch (InterruptedException | ExecutionException ex) {
                  throw new IllegalStateException(ex);
                }
              }

              static <V> V reassigned(Future<V> future, Future<V> next) {
                checkState(future.isDone());
                future = next;
                try {
                  return future.get();
                  // BUG: Diagnostic contains: Whoever interrupted this thread
                } catch (InterruptedException | ExecutionException ex) {
                  throw new IllegalStateException(ex);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_getInAHelperChainOfAThenCombineCallbackOfAllOf() {
    helper
        .addSourceLines(
            "Streams.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.TimeUnit;
            class Streams {
              void write(List<CompletableFuture<Long>> remoteWrites, CompletableFuture<Long> localWrite) {
                CompletableFuture.allOf(remoteWrites.toArray(new CompletableFuture<?>[0]))
                    .thenCombineAsync(
                        localWrite,
                        (v, written) -> {
                          reply(remoteWrites, written);
                          return null;
                        });
              }

              void acceptBoth(List<CompletableFuture<Long>> parts, CompletableFuture<Long> local) {
                CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
                    .thenAcceptBoth(local, (v, written) -> reply(parts, written));
              }

              private void reply(List<CompletableFuture<Long>> writes, long written) {
                boolean ok = check(writes, written);
                System.out.println(ok);
              }

              private boolean check(List<CompletableFuture<Long>> replies, long written) {
                for (CompletableFuture<Long> reply : replies) {
                  try {
                    if (reply.get(1, TimeUnit.SECONDS) != written) {
                      return false;
                    }
                  } catch (Exception e) {
                    throw new CompletionException(e);
                  }
                }
                return true;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_helperChainAlsoReachedWithFuturesNobodyWaitedFor() {
    helper
        .addSourceLines(
            "Streams.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.TimeUnit;
            class Streams {
              void write(List<CompletableFuture<Long>> remoteWrites, CompletableFuture<Long> localWrite) {
                CompletableFuture.allOf(remoteWrites.toArray(new CompletableFuture<?>[0]))
                    .thenCombineAsync(
                        localWrite,
                        (v, written) -> {
                          reply(remoteWrites, written);
                          return null;
                        });
              }

              void early(List<CompletableFuture<Long>> pending) {
                reply(pending, 0L);
              }

              void otherCollection(
                  List<CompletableFuture<Long>> waited,
                  List<CompletableFuture<Long>> others,
                  CompletableFuture<Long> local) {
                CompletableFuture.allOf(waited.toArray(new CompletableFuture<?>[0]))
                    .thenCombine(local, (v, written) -> checkOthers(others, written));
              }

              private void reply(List<CompletableFuture<Long>> writes, long written) {
                boolean ok = check(writes, written);
                System.out.println(ok);
              }

              private boolean check(List<CompletableFuture<Long>> replies, long written) {
                for (CompletableFuture<Long> reply : replies) {
                  try {
                    if (reply.get(1, TimeUnit.SECONDS) != written) {
                      return false;
                    }
                    // BUG: Diagnostic contains: Whoever interrupted this thread
                  } catch (Exception e) {
                    throw new CompletionException(e);
                  }
                }
                return true;
              }

              private boolean checkOthers(List<CompletableFuture<Long>> replies, long written) {
                for (CompletableFuture<Long> reply : replies) {
                  try {
                    if (reply.get() != written) {
                      return false;
                    }
                    // BUG: Diagnostic contains: Whoever interrupted this thread
                  } catch (Exception e) {
                    throw new CompletionException(e);
                  }
                }
                return true;
              }
            }
            """)
        .doTest();
  }
}
