package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A {@code get()} on a future the code already knows is done, in the shapes the older guard rule
 * missed: the test kept in a local boolean, a test that the future is null (its {@code get()} then
 * throws a {@code NullPointerException}, not an interrupt), an array element; and the writes
 * between the test and the {@code get()} that undo what the test said.
 */
class SwallowedInterruptDoneTestShapesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  @Test
  void negative_getOfAFutureKnownDoneThroughTheseShapes() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.Optional;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Test {
              private CompletableFuture<Boolean> stateChange;
              private final CompletableFuture<Optional<String>>[] tasks = null;

              boolean testKeptInALocal(CompletableFuture<Boolean> init) {
                boolean initialized = false;
                initialized = init.isDone();
                if (initialized) {
                  try {
                    return init.get();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
                return false;
              }

              boolean testDeclaredInALocal(CompletableFuture<Boolean> init) {
                boolean pending = !init.isDone();
                if (pending) {
                  return false;
                }
                try {
                  return init.get();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }

              void earlyExitWhileNotDoneOrNull(boolean shutdown) {
                if (stateChange != null && !stateChange.isDone()) {
                  return;
                }
                try {
                  if (shutdown) {
                    stateChange = new CompletableFuture<>();
                  } else if (stateChange != null) {
                    if (stateChange.get()) {
                      System.err.println("initialized");
                    }
                  }
                } catch (InterruptedException e) {
                  // ignored
                } catch (ExecutionException e) {
                  throw new RuntimeException(e);
                }
              }

              synchronized void arrayElementsNullOrDone() {
                for (int i = 0; i < tasks.length; i += 1) {
                  if (tasks[i] == null || tasks[i].isDone()) {
                    if (tasks[i] != null) {
                      try {
                        tasks[i].get().ifPresent(System.err::println);
                        tasks[i] = null;
                      } catch (ExecutionException e) {
                        throw new RuntimeException(e.getCause());
                      } catch (InterruptedException e) {
                        throw new RuntimeException("Interrupted", e);
                      }
                    }
                    tasks[i] = new CompletableFuture<>();
                  }
                }
              }

              String constantIndex(Future<String>[] futures) {
                if (!futures[0].isDone()) {
                  return null;
                }
                try {
                  return futures[0].get();
                } catch (InterruptedException | ExecutionException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_theTestNoLongerHoldsOrSaysNothing() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            class Test {
              boolean localReassignedAfterTheTest(boolean retry) {
                boolean done = false;
                done = true;
                if (done) {
                  try {
                    return new CompletableFuture<Boolean>().get();
                    // BUG: Diagnostic contains: InterruptedException
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
                return false;
              }

              boolean testOfTheLocalThenTheFutureReplaced(
                  CompletableFuture<Boolean> init, CompletableFuture<Boolean> next) {
                boolean initialized = init.isDone();
                init = next;
                if (initialized) {
                  try {
                    return init.get();
                    // BUG: Diagnostic contains: InterruptedException
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
                return false;
              }

              boolean localOfAnotherFuture(CompletableFuture<Boolean> init, Future<?> other) {
                boolean initialized = other.isDone();
                if (initialized) {
                  try {
                    return init.get();
                    // BUG: Diagnostic contains: InterruptedException
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
                return false;
              }

              boolean localChangedInBetween(CompletableFuture<Boolean> init, boolean force) {
                boolean initialized = init.isDone();
                initialized |= force;
                if (initialized) {
                  try {
                    return init.get();
                    // BUG: Diagnostic contains: InterruptedException
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
                return false;
              }

              void notNullIsNotDone(Future<?> f) {
                if (f != null) {
                  try {
                    f.get();
                    // BUG: Diagnostic contains: InterruptedException
                  } catch (InterruptedException | ExecutionException e) {
                    System.err.println("failed: " + e);
                  }
                }
              }

              void nullOrDoneOfAnotherFuture(Future<?> f, Future<?> other) {
                if (other == null || other.isDone()) {
                  try {
                    f.get();
                    // BUG: Diagnostic contains: InterruptedException
                  } catch (InterruptedException | ExecutionException e) {
                    System.err.println("failed: " + e);
                  }
                }
              }

              void anotherElement(Future<?>[] futures, int i, int j) {
                if (futures[i].isDone()) {
                  try {
                    futures[j].get();
                    // BUG: Diagnostic contains: InterruptedException
                  } catch (InterruptedException | ExecutionException e) {
                    System.err.println("failed: " + e);
                  }
                }
              }

              void elementReplacedInBetween(Future<?>[] futures, int i, Future<?> next) {
                if (futures[i].isDone()) {
                  futures[i] = next;
                  try {
                    futures[i].get();
                    // BUG: Diagnostic contains: InterruptedException
                  } catch (InterruptedException | ExecutionException e) {
                    System.err.println("failed: " + e);
                  }
                }
              }

              void indexMovedInBetween(Future<?>[] futures, int i) {
                if (futures[i].isDone()) {
                  i++;
                  try {
                    futures[i].get();
                    // BUG: Diagnostic contains: InterruptedException
                  } catch (InterruptedException | ExecutionException e) {
                    System.err.println("failed: " + e);
                  }
                }
              }

              void reassignedInAnInnerBlockAfterAnOuterGuard(Future<?> f, Future<?> next) {
                if (!f.isDone()) {
                  return;
                }
                try {
                  f = next;
                  f.get();
                  // BUG: Diagnostic contains: InterruptedException
                } catch (InterruptedException | ExecutionException e) {
                  System.err.println("failed: " + e);
                }
              }

              void reassignedLaterInTheLoop(Future<?> f, Future<?> next) {
                if (!f.isDone()) {
                  return;
                }
                for (int round = 0; round < 3; round++) {
                  try {
                    f.get();
                    // BUG: Diagnostic contains: InterruptedException
                  } catch (InterruptedException | ExecutionException e) {
                    System.err.println("failed: " + e);
                  }
                  f = next;
                }
              }

              void timedGetOfANotDoneFuture(Future<?> f) {
                if (f == null || !f.isDone()) {
                  try {
                    f.get(1, TimeUnit.SECONDS);
                    // BUG: Diagnostic contains: InterruptedException
                  } catch (Exception e) {
                    System.err.println("failed: " + e);
                  }
                }
              }

              void testInALambdaThatRunsLater(Future<?> f) {
                if (f.isDone()) {
                  Runnable later =
                      () -> {
                        try {
                          f.get();
                          // BUG: Diagnostic contains: InterruptedException
                        } catch (InterruptedException | ExecutionException e) {
                          System.err.println("failed: " + e);
                        }
                      };
                  later.run();
                }
              }
            }
            """)
        .doTest();
  }
}
