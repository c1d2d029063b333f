package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class CompletableFutureCancelNoInterruptTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CompletableFutureCancelNoInterrupt.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(
          CompletableFutureCancelNoInterrupt.class, getClass());

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_supplyAsyncLocal() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(Executor pool) {
                CompletableFuture<String> page = CompletableFuture.supplyAsync(() -> "page", pool);
                // BUG: Diagnostic contains: cancel(true) on a CompletableFuture interrupts nothing
                page.cancel(true);
              }
            }
            """)
        .doTest();
  }

  /** A subtype's own {@code cancel()} without the flag is not {@code Future.cancel(boolean)}. */
  @Test
  void negative_ownCancelWithoutArguments() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              static class Request<T> extends CompletableFuture<T> {
                boolean cancel() {
                  return cancel(false);
                }
              }

              void f(Request<String> request) {
                request.cancel();
                CompletableFuture<String> job = CompletableFuture.supplyAsync(() -> "x");
                // BUG: Diagnostic contains: cancel(true) on a CompletableFuture interrupts nothing
                job.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runAsyncLocalWithVar() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f() {
                var refresh = CompletableFuture.runAsync(() -> {});
                // BUG: Diagnostic contains: keeps running
                refresh.cancel(true);
              }
            }
            """)
        .doTest();
  }

  /** A future handed in may be a promise some handler completes: nothing says a task runs. */
  @Test
  void negative_parameterOfTypeCompletableFuture() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void stop(CompletableFuture<?> download) {
                download.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_localOfTypeCompletableFuture() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void stop(Executor pool) {
                CompletableFuture<?> download = CompletableFuture.runAsync(() -> {}, pool);
                // BUG: Diagnostic contains: run it on an ExecutorService
                download.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_fieldOfTypeCompletableFuture() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private CompletableFuture<Void> indexing;
              void start(Executor pool) {
                indexing = CompletableFuture.runAsync(() -> {}, pool);
              }
              void stop() {
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                indexing.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_futureTypedLocalKnownToHoldOne() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(Executor pool) {
                Future<String> page = CompletableFuture.supplyAsync(() -> "page", pool);
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                page.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_futureTypedFieldKnownToHoldOne() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final Future<?> warmUp = CompletableFuture.runAsync(() -> {});
              void close() {
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                warmUp.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_dependentStage() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(Executor pool) {
                CompletableFuture<Integer> size =
                    CompletableFuture.supplyAsync(() -> "page", pool).thenApply(String::length);
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                size.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_allOfDoesNotReachItsParts() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f() {
                CompletableFuture<?> a = CompletableFuture.runAsync(() -> {});
                CompletableFuture<?> b = new CompletableFuture<>();
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                CompletableFuture.allOf(a, b).cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_allOfPromisesOrFuturesOfUnknownOrigin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(CompletableFuture<?> a) {
                CompletableFuture<?> b = new CompletableFuture<>();
                CompletableFuture.allOf(a, b).cancel(true);
                CompletableFuture.allOf(b, new CompletableFuture<>()).cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_directlyOnTheStartingCall() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              boolean f() {
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                return CompletableFuture.supplyAsync(() -> 1).cancel(true);
              }
            }
            """)
        .doTest();
  }

  /** An interface method's future may be anything: a promise its implementation completes. */
  @Test
  void negative_returnedByAnInterfaceMethod() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              interface Loader {
                CompletableFuture<byte[]> load(String key);
              }
              void f(Loader loader) {
                loader.load("k").cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_returnedByAMethodOfTheCompilationThatStartsATask() {
    helper
        .addSourceLines(
            "Loader.java",
            """
            import java.util.concurrent.*;
            class Loader {
              private final Executor pool;
              Loader(Executor pool) {
                this.pool = pool;
              }
              CompletableFuture<byte[]> load(String key) {
                if (key.isEmpty()) {
                  return CompletableFuture.supplyAsync(() -> new byte[0]);
                }
                CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> fetch(key), pool);
                return read;
              }
              static byte[] fetch(String key) {
                return key.getBytes();
              }
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(Loader loader) {
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                loader.load("k").cancel(true);
                CompletableFuture<byte[]> next = loader.load("n").thenApply(b -> b);
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                next.cancel(true);
              }
            }
            """)
        .doTest();
  }

  /**
   * A waiter's promise handed out by a method of another class ({@code new CompletableFuture<>()}
   * kept in a queue and completed when a permit frees up): nothing computes it.
   */
  @Test
  void negative_promiseReturnedByAMethodOfTheCompilation() {
    helper
        .addSourceLines(
            "Waiters.java",
            """
            import java.util.ArrayDeque;
            import java.util.concurrent.CompletableFuture;
            class Waiters {
              private final ArrayDeque<CompletableFuture<Void>> queue = new ArrayDeque<>();
              synchronized CompletableFuture<Void> add() {
                CompletableFuture<Void> waiter = new CompletableFuture<>();
                queue.add(waiter);
                return waiter;
              }
              synchronized void release() {
                CompletableFuture<Void> waiter = queue.poll();
                if (waiter != null) {
                  waiter.complete(null);
                }
              }
            }
            """)
        .addSourceLines(
            "Bulkhead.java",
            """
            import java.util.concurrent.*;
            class Bulkhead {
              static final CompletableFuture<Void> NULL_FUTURE = CompletableFuture.completedFuture(null);
              private final Waiters waiters = new Waiters();
              private int permits;
              CompletableFuture<Void> acquire() {
                synchronized (this) {
                  if (permits > 0) {
                    permits--;
                    return NULL_FUTURE;
                  }
                }
                return waiters.add();
              }
              void acquireWithin(ScheduledExecutorService timer) {
                CompletableFuture<Void> acquireFuture = acquire();
                timer.schedule(() -> acquireFuture.cancel(true), 1, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  /** Returns that mix a promise and a task: the method is no evidence either way. */
  @Test
  void negative_methodReturningAPromiseOrATask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private String cached;
              CompletableFuture<String> load() {
                if (cached != null) {
                  return CompletableFuture.completedFuture(cached);
                }
                return CompletableFuture.supplyAsync(() -> "x");
              }
              void f() {
                load().cancel(true);
              }
            }
            """)
        .doTest();
  }

  /** A method that a class of the compilation overrides may return what the override returns. */
  @Test
  void negative_methodOverriddenInTheCompilation() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              static class Source {
                CompletableFuture<String> open() {
                  return CompletableFuture.supplyAsync(() -> "x");
                }
              }
              static class Replayed extends Source {
                @Override
                CompletableFuture<String> open() {
                  return new CompletableFuture<>();
                }
              }
              void f(Source source) {
                source.open().cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_onTimeoutInACatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String f(Executor pool) throws Exception {
                CompletableFuture<String> page = CompletableFuture.supplyAsync(() -> "page", pool);
                try {
                  return page.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                  // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                  page.cancel(true);
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_inLambdaAndAnonymousClass() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              Runnable lambda() {
                CompletableFuture<?> job = CompletableFuture.runAsync(() -> {});
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                return () -> job.cancel(true);
              }
              Runnable anonymous() {
                CompletableFuture<?> job = CompletableFuture.runAsync(() -> {});
                return new Runnable() {
                  @Override
                  public void run() {
                    // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                    job.cancel(true);
                  }
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_inLambdaAndAnonymousClassOnAParameter() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              Runnable lambda(CompletableFuture<?> job) {
                return () -> job.cancel(true);
              }
              Runnable anonymous(CompletableFuture<?> job) {
                return new Runnable() {
                  @Override
                  public void run() {
                    job.cancel(true);
                  }
                };
              }
            }
            """)
        .doTest();
  }

  /** A record component and a loop over an argument hold what the caller gave. */
  @Test
  void negative_recordComponentAndLoopOverAnArgument() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            record Job<T>(CompletableFuture<T> result) {
              void stop() {
                result.cancel(true);
              }
              static <T> void stopAll(Iterable<CompletableFuture<T>> jobs) {
                for (CompletableFuture<T> job : jobs) {
                  job.cancel(true);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_genericMethodAndLoopOverTasks() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.function.Supplier;
            class Test {
              private final List<CompletableFuture<?>> running = new ArrayList<>();
              <T> void start(Supplier<T> work) {
                CompletableFuture<T> job = CompletableFuture.supplyAsync(work);
                running.add(job);
                if (running.size() > 10) {
                  // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                  job.cancel(true);
                }
              }
              void stopAll() {
                for (CompletableFuture<?> job : running) {
                  // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                  job.cancel(true);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_constantTrueFlag() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private static final boolean MAY_INTERRUPT = true;
              void f() {
                CompletableFuture<?> job = CompletableFuture.runAsync(() -> {});
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                job.cancel(MAY_INTERRUPT);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_subclassThatKeepsTheInheritedCancel() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              static class Download extends CompletableFuture<byte[]> {
                final String url;
                Download(String url) {
                  this.url = url;
                }
              }
              void f(Download handedIn, Executor pool) {
                handedIn.cancel(true); // of unknown origin
                Download download = new Download("https://example.com");
                download.completeAsync(() -> new byte[0], pool);
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                download.cancel(true);
                Download idle = new Download("https://example.com");
                idle.cancel(true); // a promise
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_conditionalOfTwoComputations() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(boolean fast, Executor pool) {
                Future<?> job =
                    fast ? CompletableFuture.runAsync(() -> {}) : CompletableFuture.runAsync(() -> {}, pool);
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                job.cancel(true);
              }
            }
            """)
        .doTest();
  }

  /** A stage of a supplyAsync poll kept in a field of an entry, cancelled from outside. */
  @Test
  void positive_stageOfATaskInAFieldOfAnotherObject() {
    helper
        .addSourceLines(
            "Delayer.java",
            """
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.function.Consumer;
            import java.util.function.Predicate;
            class Delayer<T> {
              protected Map<T, Entry> map = new ConcurrentHashMap<>();
              Delayer<T> add(T key, Predicate<T> pred, Consumer<Boolean> action) {
                map.computeIfAbsent(key, k -> new Entry(k, pred, action).run());
                return this;
              }
              Delayer<T> clear() {
                map.values().forEach(e -> {
                  if (e.f != null)
                    // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                    e.f.cancel(true);
                });
                map.clear();
                return this;
              }
              protected class Entry {
                protected T key;
                protected Predicate<T> pred;
                protected Consumer<Boolean> action;
                protected CompletableFuture<Void> f;
                Entry(T key, Predicate<T> pred, Consumer<Boolean> action) {
                  this.key = key;
                  this.pred = pred;
                  this.action = action;
                }
                Entry run() {
                  f = CompletableFuture.supplyAsync(() -> pred.test(key)).thenAccept(action);
                  return this;
                }
              }
            }
            """)
        .doTest();
  }

  /** A field other files of the compilation assign: every assignment counts. */
  @Test
  void negative_fieldAlsoAssignedInAnotherFileWithSomethingUnknown() {
    helper
        .addSourceLines(
            "Job.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Job {
              CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> "x");
              void stop() {
                result.cancel(true);
              }
            }
            """)
        .addSourceLines(
            "Replay.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Replay {
              void replay(Job job, CompletableFuture<String> recorded) {
                job.result = recorded;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_fieldAlsoAssignedInAnotherFileWithATask() {
    helper
        .addSourceLines(
            "Job.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Job {
              CompletableFuture<String> result = new CompletableFuture<>();
              void stop() {
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                result.cancel(true);
              }
            }
            """)
        .addSourceLines(
            "Starter.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Starter {
              void start(Job job) {
                job.result = CompletableFuture.supplyAsync(() -> "x").thenApplyAsync(String::trim);
              }
            }
            """)
        .doTest();
  }

  /** A promise whose dependent stage runs on a pool: the *Async stage is a task. */
  @Test
  void positive_asyncStageOfAPromise() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(Executor pool) {
                CompletableFuture<String> reply = new CompletableFuture<>();
                CompletableFuture<Integer> parsed = reply.thenApplyAsync(String::length, pool);
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                parsed.cancel(true);
                CompletableFuture<Integer> inline = reply.thenApply(String::length);
                inline.cancel(true); // runs on whoever completes the promise, if at all
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_cancelFalse() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(Executor pool) {
                CompletableFuture<String> page = CompletableFuture.supplyAsync(() -> "page", pool);
                page.cancel(false);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_executorFutureIsInterrupted() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(ExecutorService pool) {
                Future<String> page = pool.submit(() -> "page");
                page.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureParameterOfUnknownKind() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void stop(Future<?> job) {
                job.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_promiseLocal() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              CompletableFuture<String> reply = new CompletableFuture<>();
              void f() {
                CompletableFuture<String> ready = new CompletableFuture<>();
                ready.thenAccept(System.out::println);
                ready.cancel(true); // completes the dependents; nothing runs behind it
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_promiseField() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final CompletableFuture<Void> closed = new CompletableFuture<>();
              void onShutdown() {
                closed.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_promiseHeldInAnAtomicReferenceAndCompletedByHand() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.concurrent.atomic.AtomicReference;
            class Test {
              private final AtomicReference<CompletableFuture<Void>> done = new AtomicReference<>();
              CompletableFuture<Void> shutdown(Supplier<CompletableFuture<Void>> factory) {
                done.compareAndSet(null, factory.get());
                return done.get();
              }
              void check() {
                CompletableFuture<Void> d = done.get();
                if (d != null) {
                  d.complete(null);
                }
              }
              void cancel() {
                CompletableFuture<Void> d = done.get();
                if (d != null && !d.isDone()) {
                  d.cancel(true);
                }
              }
              interface Supplier<T> {
                T get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_taskFutureAlsoCompletedByHand() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private CompletableFuture<String> quote;
              void start(Executor pool) {
                quote = CompletableFuture.supplyAsync(() -> "42", pool);
              }
              void giveUp() {
                quote.complete("n/a");
                // BUG: Diagnostic contains: CompletableFutureCancelNoInterrupt
                quote.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_promiseThroughALocalIntoAFieldAndOutIntoALocal() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Reconnector {
              private volatile CompletableFuture<String> currentFuture;
              CompletableFuture<String> reconnect(Executor events) {
                CompletableFuture<String> future = new CompletableFuture<>();
                events.execute(() -> {
                  if (!future.isCancelled()) {
                    future.complete("channel");
                  }
                });
                this.currentFuture = future;
                return future;
              }
              void prepareClose() {
                CompletableFuture<?> currentFuture = this.currentFuture;
                if (currentFuture != null && !currentFuture.isDone()) {
                  currentFuture.cancel(true);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_promiseFieldAssignedFromALocal() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private CompletableFuture<String> pending;
              CompletableFuture<String> open() {
                CompletableFuture<String> answer = new CompletableFuture<>();
                pending = answer;
                return answer;
              }
              void close() {
                if (pending != null) {
                  pending.cancel(true);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_promiseFieldReadIntoALocal() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private CompletableFuture<String> pending = new CompletableFuture<>();
              void close() {
                var p = pending;
                p.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureOfUnknownOriginCompletedByHandThroughAFieldAndALocal() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            import java.util.function.Supplier;
            class Test {
              private CompletableFuture<String> current;
              void open(Supplier<CompletableFuture<String>> promises) {
                CompletableFuture<String> future = promises.get();
                current = future;
                try {
                  future.complete(connect());
                } catch (RuntimeException e) {
                  future.completeExceptionally(e);
                }
              }
              void close() {
                CompletableFuture<String> f = current;
                if (f != null) {
                  f.cancel(true);
                }
              }
              String connect() {
                return "ok";
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_taskFutureThroughALocalIntoAFieldAndOutIntoALocal() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Reconnector {
              private volatile CompletableFuture<String> currentFuture;
              CompletableFuture<String> reconnect(Executor pool) {
                CompletableFuture<String> future = CompletableFuture.supplyAsync(() -> "channel", pool);
                this.currentFuture = future;
                return future;
              }
              void prepareClose() {
                CompletableFuture<?> currentFuture = this.currentFuture;
                if (currentFuture != null && !currentFuture.isDone()) {
                  // BUG: Diagnostic contains: interrupts nothing
                  currentFuture.cancel(true);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_taskFutureThroughAFieldAlsoCompletedByHand() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private CompletableFuture<String> quote;
              void start(Executor pool) {
                CompletableFuture<String> q = CompletableFuture.supplyAsync(() -> "42", pool);
                quote = q;
              }
              void giveUp() {
                CompletableFuture<String> q = quote;
                q.complete("n/a");
                // BUG: Diagnostic contains: interrupts nothing
                q.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_fieldsAssignedInACycleStillSeeTheTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private CompletableFuture<String> front = new CompletableFuture<>();
              private CompletableFuture<String> back;
              void refill(Executor pool) {
                back = CompletableFuture.supplyAsync(() -> "next", pool);
              }
              void swap() {
                CompletableFuture<String> t = front;
                front = back;
                back = t;
              }
              void drop() {
                // BUG: Diagnostic contains: interrupts nothing
                front.cancel(true);
              }
              void dropBoth() {
                CompletableFuture<String> a = front;
                CompletableFuture<String> b = a;
                a = b;
                // BUG: Diagnostic contains: interrupts nothing
                b.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_promiseFieldsAssignedInACycle() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private CompletableFuture<String> front = new CompletableFuture<>();
              private CompletableFuture<String> back = new CompletableFuture<>();
              void swap() {
                CompletableFuture<String> t = front;
                front = back;
                back = t;
              }
              void drop() {
                front.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_completedFuture() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(boolean cached) {
                CompletableFuture<String> value =
                    cached ? CompletableFuture.completedFuture("x") : new CompletableFuture<>();
                value.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_promiseOfASubclass() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              static class Reply extends CompletableFuture<String> {}
              void f() {
                Reply reply = new Reply();
                reply.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_computedFlag() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(CompletableFuture<?> job, boolean mayInterrupt) {
                job.cancel(mayInterrupt);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_subclassOverridingCancel() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              static class Interruptible<T> extends CompletableFuture<T> {
                volatile Thread runner;
                @Override
                public boolean cancel(boolean mayInterruptIfRunning) {
                  if (mayInterruptIfRunning && runner != null) {
                    runner.interrupt();
                  }
                  return super.cancel(mayInterruptIfRunning);
                }
              }
              void f(Interruptible<String> job) {
                job.cancel(true);
              }
              void g() {
                Future<String> job = new Interruptible<>();
                job.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_httpClientSendAsync() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URI;
            import java.net.http.*;
            import java.util.concurrent.*;
            class Test {
              void f(HttpClient client) {
                CompletableFuture<HttpResponse<String>> response =
                    client.sendAsync(
                        HttpRequest.newBuilder(URI.create("https://example.com")).build(),
                        HttpResponse.BodyHandlers.ofString());
                response.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureTypedLocalOfMixedOrigin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(boolean async, ExecutorService pool) {
                Future<?> job = async ? CompletableFuture.runAsync(() -> {}) : pool.submit(() -> {});
                job.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void f(Executor pool) {
                FutureTask<String> task = new FutureTask<>(() -> "x");
                pool.execute(task);
                task.cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_subclassCancellingItself() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test extends CompletableFuture<String> {
              void abandon() {
                cancel(true);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_parameterOfFutureTypeEvenIfACallerPassesACompletableFuture() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void stop(Future<?> job) {
                job.cancel(true);
              }
              void caller() {
                stop(CompletableFuture.runAsync(() -> {}));
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_switchExpressionAndPatternsWithoutCancelTrue() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              sealed interface Handle permits Async, Pooled {}
              record Async(CompletableFuture<?> future) implements Handle {}
              record Pooled(Future<?> future) implements Handle {}
              boolean stop(Handle handle) {
                return switch (handle) {
                  case Async(CompletableFuture<?> f) -> f.cancel(false);
                  case Pooled(Future<?> f) -> f.cancel(true);
                };
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
            import java.util.concurrent.*;
            class Test {
              @SuppressWarnings("CompletableFutureCancelNoInterrupt")
              void stop(CompletableFuture<?> download) {
                download.cancel(true);
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  @Test
  void fix_noneOffered() {
    // The work behind the future has to move to something that can be interrupted: no
    // mechanical fix, and flipping the flag to false would only hide the finding.
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void stop(CompletableFuture<?> download) {
                download.cancel(true);
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void negative_promiseFieldSetBackToNull() {
    helper
        .addSourceLines(
            "Pager.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Pager {
              private CompletableFuture<String> pending;
              CompletableFuture<String> next() {
                pending = new CompletableFuture<>();
                return pending;
              }
              void onPage(String page) {
                CompletableFuture<String> waiting = pending;
                pending = null;
                waiting.complete(page);
              }
              void cancel() {
                if (pending != null) {
                  pending.cancel(true);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_taskFieldSetBackToNull() {
    helper
        .addSourceLines(
            "Pager.java",
            """
            import java.util.concurrent.CompletableFuture;
            class Pager {
              private CompletableFuture<String> pending;
              void next() {
                pending = CompletableFuture.supplyAsync(() -> "page");
              }
              void done() {
                pending = null;
              }
              void cancel() {
                if (pending != null) {
                  // BUG: Diagnostic contains: cancel(true) on a CompletableFuture interrupts nothing
                  pending.cancel(true);
                }
              }
            }
            """)
        .doTest();
  }

  /** The null a wider-typed field is set back to has no class to look for a cancel in. */
  @Test
  void positive_futureTypedFieldOfATaskSetBackToNull() {
    helper
        .addSourceLines(
            "Resync.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Future;
            class Resync {
              private Future<?> resync;
              synchronized void schedule() {
                CompletableFuture<?> scheduled = CompletableFuture.runAsync(() -> {});
                resync = scheduled;
              }
              synchronized void stop() {
                if (resync != null) {
                  // BUG: Diagnostic contains: cancel(true) on a CompletableFuture interrupts nothing
                  resync.cancel(true);
                  resync = null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureTypedFieldOfAPromiseSetBackToNull() {
    helper
        .addSourceLines(
            "Resync.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Future;
            class Resync {
              private Future<?> resync;
              synchronized void schedule() {
                CompletableFuture<?> scheduled = new CompletableFuture<>();
                resync = scheduled;
              }
              synchronized void stop() {
                if (resync != null) {
                  resync.cancel(true);
                  resync = null;
                }
              }
            }
            """)
        .doTest();
  }

  private static String pinger(String pongFuture, String otherUse) {
    return """
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.ConcurrentLinkedDeque;
        import java.util.concurrent.Future;
        class Pinger {
          private final ConcurrentLinkedDeque<CompletableFuture<Boolean>> pongs =
              new ConcurrentLinkedDeque<>();
          CompletableFuture<Boolean> ping() {
            CompletableFuture<Boolean> pong = %s;
            pongs.add(pong);
            %s
            return pong;
          }
          void onPong() {
            CompletableFuture<Boolean> pong = pongs.pollFirst();
            if (pong != null) {
              pong.complete(true);
            }
          }
          void cleanUp() {
            Future<Boolean> b;
            while ((b = pongs.poll()) != null) {
              // BUG: Diagnostic contains: cancel(true) on a CompletableFuture interrupts nothing
              b.cancel(true);
            }
          }
          static void register(ConcurrentLinkedDeque<CompletableFuture<Boolean>> queue) {}
        }
        """
        .formatted(pongFuture, otherUse);
  }

  @Test
  void negative_promisesTakenOutOfACollectionOfPromises() {
    helper
        .addSourceLines(
            "Pinger.java",
            pinger("new CompletableFuture<>()", "")
                .replace(
                    "// BUG: Diagnostic contains: cancel(true) on a CompletableFuture interrupts"
                        + " nothing\n",
                    ""))
        .doTest();
  }

  @Test
  void positive_tasksTakenOutOfACollection() {
    helper
        .addSourceLines("Pinger.java", pinger("CompletableFuture.supplyAsync(() -> true)", ""))
        .doTest();
  }

  /** Handed to other code, a collection may be filled with anything: its elements are unknown. */
  @Test
  void negative_collectionHandedToOtherCode() {
    helper
        .addSourceLines(
            "Pinger.java",
            pinger("CompletableFuture.supplyAsync(() -> true)", "register(pongs);")
                .replace(
                    "// BUG: Diagnostic contains: cancel(true) on a CompletableFuture interrupts"
                        + " nothing\n",
                    ""))
        .doTest();
  }
}
