package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SubtaskReadBeforeJoinTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SubtaskReadBeforeJoin.class, getClass())
          .setArgs(PreviewApi.args());

  @BeforeAll
  static void scopeApi() {
    PreviewApi.assumeScopeApi();
  }

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_getBeforeJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            import java.util.concurrent.StructuredTaskScope.Subtask;
            class Test {
              String f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  Subtask<String> user = scope.fork(() -> "alice");
                  // BUG: Diagnostic contains: `user.get()` is called before `scope.join()` on some path
                  String name = user.get();
                  scope.join();
                  return name;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_stateBeforeJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              boolean f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  // BUG: Diagnostic contains: the answer is a race
                  boolean done = user.state() == StructuredTaskScope.Subtask.State.SUCCESS;
                  scope.join();
                  return done;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_joinOnOneBranchOnly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f(boolean wait) throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  if (wait) {
                    scope.join();
                  }
                  // BUG: Diagnostic contains: throws IllegalStateException
                  return user.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_exceptionOfForkedCallBeforeJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              Throwable f() {
                var scope = StructuredTaskScope.open();
                try {
                  // BUG: Diagnostic contains: `exception()` is called before `scope.join()`
                  return scope.fork(() -> "alice").exception();
                } finally {
                  scope.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_readInLoopBeforeJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            import java.util.List;
            class Test {
              int f(List<String> names) throws InterruptedException {
                int total = 0;
                try (var scope = StructuredTaskScope.open()) {
                  for (String name : names) {
                    var length = scope.fork(() -> name.length());
                    // BUG: Diagnostic contains: `length.get()` is called before
                    total += length.get();
                  }
                  scope.join();
                }
                return total;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_listOfSubtasksReadBeforeJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.StructuredTaskScope;
            import java.util.concurrent.StructuredTaskScope.Subtask;
            class Test {
              long f(List<String> shops) throws InterruptedException {
                try (var scope = StructuredTaskScope.<Long>open()) {
                  List<Subtask<Long>> quotes = new ArrayList<>();
                  for (String shop : shops) {
                    quotes.add(scope.fork(() -> (long) shop.length()));
                  }
                  long best = Long.MAX_VALUE;
                  for (Subtask<Long> quote : quotes) {
                    // BUG: Diagnostic contains: `quote.get()` is called before `scope.join()`
                    best = Math.min(best, quote.get());
                  }
                  Subtask<Long> first = quotes.get(0);
                  // BUG: Diagnostic contains: `first.state()` is read before `scope.join()`
                  Object state = first.state();
                  scope.join();
                  return best;
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_listOfSubtasksReadAfterJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.StructuredTaskScope;
            import java.util.concurrent.StructuredTaskScope.Subtask;
            class Test {
              long f(List<String> shops) throws InterruptedException {
                try (var scope = StructuredTaskScope.<Long>open()) {
                  List<Subtask<Long>> quotes = new ArrayList<>();
                  for (String shop : shops) {
                    quotes.add(scope.fork(() -> (long) shop.length()));
                  }
                  scope.join();
                  long best = Long.MAX_VALUE;
                  for (Subtask<Long> quote : quotes) {
                    best = Math.min(best, quote.get());
                  }
                  return best;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_listWithSubtasksFromElsewhere() {
    // One element was not forked here: its scope, and whether it was joined, are unknown.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.StructuredTaskScope;
            import java.util.concurrent.StructuredTaskScope.Subtask;
            class Test {
              long f(Subtask<Long> earlier) throws InterruptedException {
                try (var scope = StructuredTaskScope.<Long>open()) {
                  List<Subtask<Long>> quotes = new ArrayList<>();
                  quotes.add(earlier);
                  quotes.add(scope.fork(() -> 1L));
                  long first = quotes.get(0).get();
                  for (Subtask<Long> quote : quotes) {
                    first += quote.state().ordinal();
                  }
                  scope.join();
                  return first;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_listHandedOn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.StructuredTaskScope;
            import java.util.concurrent.StructuredTaskScope.Subtask;
            class Test {
              List<Subtask<Long>> kept = new ArrayList<>();
              void f() throws InterruptedException {
                try (var scope = StructuredTaskScope.<Long>open()) {
                  List<Subtask<Long>> quotes = new ArrayList<>();
                  quotes.add(scope.fork(() -> 1L));
                  kept = quotes;
                  for (Subtask<Long> quote : quotes) {
                    quote.state();
                  }
                  scope.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_readAfterJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  var order = scope.fork(() -> 42);
                  scope.join();
                  return user.get() + order.get() + user.state();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_readAfterJoinOnEveryBranch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            import java.time.Instant;
            class Test {
              String f(boolean quick) throws Exception {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  if (quick) {
                    scope.join();
                  } else {
                    scope.join();
                  }
                  return user.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_readAfterFailedJoinInCatch() {
    // The join was attempted: the read may fail, but not for want of a join.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              Object f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  try {
                    scope.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return user.state();
                  }
                  return user.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_subtaskFromAParameter() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope.Subtask;
            class Test {
              String f(Subtask<String> user) {
                return user.state() == Subtask.State.SUCCESS ? user.get() : "none";
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_readInsideAnotherSubtask() {
    // Runs later, in another thread: not the owner's read.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              void f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  scope.fork(() -> user.state());
                  scope.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_scopeJoinedByAHelper() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              String f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  awaitAll(scope);
                  return user.get();
                }
              }
              static void awaitAll(StructuredTaskScope<?, ?> scope) throws InterruptedException {
                scope.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_subtaskReassigned() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            import java.util.concurrent.StructuredTaskScope.Subtask;
            class Test {
              String f(Subtask<String> cached) throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  Subtask<String> user = scope.fork(() -> "alice");
                  user = cached;
                  String name = user.get();
                  scope.join();
                  return name;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppression() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.StructuredTaskScope;
            class Test {
              @SuppressWarnings("SubtaskReadBeforeJoin")
              Object f() throws InterruptedException {
                try (var scope = StructuredTaskScope.open()) {
                  var user = scope.fork(() -> "alice");
                  Object state = user.state();
                  scope.join();
                  return state;
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------ subtasks read through a stream

  @Test
  void positive_streamOfSubtasksReadBeforeJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.StructuredTaskScope;
            import java.util.concurrent.StructuredTaskScope.Subtask;
            class Test {
              long f(List<String> shops) throws InterruptedException {
                try (var scope = StructuredTaskScope.<Long>open()) {
                  List<Subtask<Long>> quotes = new ArrayList<>();
                  for (String shop : shops) {
                    quotes.add(scope.fork(() -> (long) shop.length()));
                  }
                  // BUG: Diagnostic contains: `Subtask::get` is called before `scope.join()`
                  long best = quotes.stream().map(Subtask::get).min(Long::compare).orElse(0L);
                  long failed =
                      // BUG: Diagnostic contains: `Subtask::state` is read before `scope.join()`
                      quotes.stream().map(Subtask::state).filter(s -> s == Subtask.State.FAILED).count();
                  scope.join();
                  return best + failed;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_streamOfSubtasksReadAfterJoinOrAfterTheScope() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.StructuredTaskScope;
            import java.util.concurrent.StructuredTaskScope.Subtask;
            class Test {
              long afterJoin(List<String> shops) throws InterruptedException {
                try (var scope = StructuredTaskScope.<Long>open()) {
                  List<Subtask<Long>> quotes = new ArrayList<>();
                  for (String shop : shops) {
                    quotes.add(scope.fork(() -> (long) shop.length()));
                  }
                  scope.join();
                  return quotes.stream().map(Subtask::get).min(Long::compare).orElse(0L);
                }
              }

              long afterTheScope(List<String> shops) throws InterruptedException {
                List<Subtask<Long>> quotes = new ArrayList<>();
                try (var scope = StructuredTaskScope.<Long>open()) {
                  for (String shop : shops) {
                    quotes.add(scope.fork(() -> (long) shop.length()));
                  }
                  scope.join();
                }
                return quotes.stream().map(Subtask::get).min(Long::compare).orElse(0L);
              }

              long handedIn(List<Subtask<Long>> quotes) {
                return quotes.stream().map(Subtask::get).min(Long::compare).orElse(0L);
              }

              long otherStreamsAndReferences(List<String> shops) throws InterruptedException {
                try (var scope = StructuredTaskScope.<Long>open()) {
                  List<Subtask<Long>> quotes = new ArrayList<>();
                  for (String shop : shops) {
                    quotes.add(scope.fork(() -> (long) shop.length()));
                  }
                  long named = shops.stream().map(String::length).count();
                  scope.join();
                  return named + quotes.size();
                }
              }
            }
            """)
        .doTest();
  }
}
