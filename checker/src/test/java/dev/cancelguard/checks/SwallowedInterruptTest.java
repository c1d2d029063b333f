package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.fixes.SuggestedFix;
import org.junit.jupiter.api.Test;

class SwallowedInterruptTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private final CompilationTestHelper loopHelper =
      CompilationTestHelper.newInstance(LoopWithoutCancellationPoint.class, getClass());

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_emptyCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {}
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_logOnly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f(java.util.concurrent.BlockingQueue<String> q) {
                try {
                  q.take();
                  // BUG: Diagnostic contains: Whoever interrupted this thread
                } catch (InterruptedException e) {
                  System.err.println("interrupted: " + e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_cleanupWithoutReraise() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.Closeable;
            import java.io.IOException;
            class Test {
              void serve(Closeable connection) throws IOException {
                try {
                  Thread.sleep(1000);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  connection.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_returnWithoutRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              String f(java.util.concurrent.BlockingQueue<String> q) {
                try {
                  return q.take();
                  // BUG: Diagnostic contains: returns (line 7)
                } catch (InterruptedException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_wrapWithoutRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: throws RuntimeException (line 7) without restoring
                } catch (InterruptedException e) {
                  throw new RuntimeException(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_wrapInInterruptedIoExceptionWithoutRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.InterruptedIOException;
            class Test {
              void f() throws InterruptedIOException {
                try {
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: throws InterruptedIOException
                } catch (InterruptedException e) {
                  throw new InterruptedIOException();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_restoreInOneBranchOnly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              boolean verbose;
              void f() {
                try {
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  if (verbose) {
                    Thread.currentThread().interrupt();
                  } else {
                    System.err.println("ignored");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_earlyReturnBeforeRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              boolean closing;
              void f() {
                try {
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: returns (line 8)
                } catch (InterruptedException e) {
                  if (closing) return;
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_catchExceptionAroundBlockingCall() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Future;
            class Test {
              Object f(Future<Object> future) {
                try {
                  return future.get();
                  // BUG: Diagnostic contains: through Exception
                } catch (Exception e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_catchThrowableAroundBlockingCall() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f(Thread worker) {
                try {
                  worker.join();
                  // BUG: Diagnostic contains: through Throwable
                } catch (Throwable t) {
                  t.printStackTrace();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_multiCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Test {
              Object f(Future<Object> future) {
                try {
                  return future.get();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException | ExecutionException e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_instanceofGuardButOtherBranchSwallows() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: swallows it
                } catch (Exception e) {
                  if (e instanceof InterruptedException) {
                    System.err.println("stopping");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_breakOutOfLoopInTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void start(ExecutorService pool, BlockingQueue<Runnable> queue) {
                pool.submit(() -> {
                  while (true) {
                    try {
                      queue.take().run();
                      // BUG: Diagnostic contains: breaks out (line 11)
                    } catch (InterruptedException e) {
                      break;
                    }
                  }
                  System.out.println("drained");
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_continueInLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              void consume(BlockingQueue<String> queue) {
                for (int i = 0; i < 10; i++) {
                  try {
                    System.out.println(queue.take());
                    // BUG: Diagnostic contains: continues the loop
                  } catch (InterruptedException e) {
                    continue;
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_inLambdaTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              void f(Executor executor) {
                executor.execute(() -> {
                  try {
                    Thread.sleep(100);
                    // BUG: Diagnostic contains: SwallowedInterrupt
                  } catch (InterruptedException ignored) {
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_inAnonymousCallable() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Callable;
            class Test {
              Callable<String> task() {
                return new Callable<String>() {
                  @Override
                  public String call() {
                    try {
                      Thread.sleep(5);
                      return "done";
                      // BUG: Diagnostic contains: returns
                    } catch (InterruptedException e) {
                      return "cancelled";
                    }
                  }
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_nestedLambdas() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.function.Supplier;
            class Test {
              Supplier<Runnable> f() {
                return () -> () -> {
                  try {
                    Thread.sleep(1);
                    // BUG: Diagnostic contains: SwallowedInterrupt
                  } catch (InterruptedException e) {
                  }
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_recordMethod() {
    helper
        .addSourceLines(
            "Test.java",
            """
            record Poller(long millis) {
              void pause() {
                try {
                  Thread.sleep(millis);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_switchExpressionInCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              int f(int mode) {
                try {
                  Thread.sleep(1);
                  return 0;
                  // BUG: Diagnostic contains: returns
                } catch (InterruptedException e) {
                  return switch (mode) {
                    case 0 -> 1;
                    default -> 2;
                  };
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_switchStatementMissingRestoreInOneCase() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f(int mode) {
                try {
                  Thread.sleep(1);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  switch (mode) {
                    case 0:
                      Thread.currentThread().interrupt();
                      break;
                    case 1:
                      System.out.println("one");
                      break;
                    default:
                      Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_genericMethodAndVar() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              <T> T next(BlockingQueue<T> queue, T fallback) {
                try {
                  var item = queue.take();
                  return item;
                  // BUG: Diagnostic contains: returns
                } catch (InterruptedException e) {
                  var result = fallback;
                  return result;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_tryWithResourcesSuppressed() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static class Lease implements AutoCloseable {
                @Override
                public void close() throws InterruptedException {
                  Thread.sleep(1);
                }
              }

              void f() {
                try (Lease lease = new Lease()) {
                  System.out.println(lease);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  for (Throwable suppressed : e.getSuppressed()) {
                    suppressed.printStackTrace();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_restoreOnlyInsideLoopThatMayNotRun() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            class Test {
              void f(List<Runnable> listeners) {
                try {
                  Thread.sleep(1);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  for (Runnable listener : listeners) {
                    Thread.currentThread().interrupt();
                    listener.run();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_restoreInsideLambdaDoesNotCount() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              Runnable later;
              void f() {
                try {
                  Thread.sleep(1);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  later = () -> Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptOnOtherThreadDoesNotRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f(Thread worker) {
                try {
                  Thread.sleep(1);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  worker.interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadSubclassRunContinuesLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Worker extends Thread {
              @Override
              public void run() {
                while (true) {
                  try {
                    Thread.sleep(100);
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException e) {
                    System.out.println("woken up");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptedAsBareStatement() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void reset() {
                // BUG: Diagnostic contains: its result is dropped
                Thread.interrupted();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptedInCatchInsteadOfInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptedThenReturn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            class Test {
              int sum(List<Integer> values) {
                int total = 0;
                for (int v : values) {
                  // BUG: Diagnostic contains: when it returns true this branch returns
                  if (Thread.interrupted()) {
                    return total;
                  }
                  total += v;
                }
                return total;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptedThenBreak() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            class Test {
              void process(List<String> items) {
                for (String item : items) {
                  // BUG: Diagnostic contains: breaks out
                  if (Thread.interrupted()) break;
                  System.out.println(item);
                }
                System.out.println("done");
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_negatedInterruptedElseBranch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              String poll() {
                // BUG: Diagnostic contains: Thread.interrupted() clears the interrupt flag
                if (!Thread.interrupted()) {
                  return "work";
                } else {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_restoreInFinallyOnlySometimes() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              boolean flag;
              void f() {
                try {
                  try {
                    Thread.sleep(1);
                    // BUG: Diagnostic contains: SwallowedInterrupt
                  } catch (InterruptedException e) {
                    System.out.println("x");
                  }
                } finally {
                  if (flag) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_restore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_restoreAndReturn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              String f(java.util.concurrent.BlockingQueue<String> q) {
                try {
                  return q.take();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_rethrow() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("cancelled");
                  throw e;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_throwNewInterruptedException() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  InterruptedException wrapped = new InterruptedException("while waiting");
                  wrapped.initCause(e);
                  throw wrapped;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_restoreThenWrap() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.InterruptedIOException;
            class Test {
              void f() throws InterruptedIOException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new InterruptedIOException("interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_restoreOnEveryBranch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              boolean verbose;
              void f() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  if (verbose) {
                    System.err.println("interrupted");
                    Thread.currentThread().interrupt();
                  } else {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_restoreOrRethrowPerBranch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f(boolean strict) throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  if (strict) {
                    throw e;
                  }
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_branchWhereTheExceptionIsAnUnrelatedClass() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static class NotFoundException extends Exception {}

              void remove(boolean quietly) throws Exception {
                try {
                  Thread.sleep(10);
                  lookUp();
                } catch (Exception e) {
                  if (e instanceof NotFoundException && quietly) {
                    // nothing to remove
                  } else {
                    throw e;
                  }
                }
              }

              void removeAll(boolean quietly) throws Exception {
                try {
                  Thread.sleep(10);
                  lookUp();
                } catch (Exception e) {
                  if (!(e instanceof NotFoundException) || !quietly) {
                    throw e;
                  }
                }
              }

              void lookUp() throws NotFoundException {}
            }
            """)
        .doTest();
  }

  @Test
  void positive_branchWhereTheExceptionMayStillBeTheInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static class NotFoundException extends Exception {}

              interface Quiet {}

              void removeEither(boolean quietly) throws Exception {
                try {
                  Thread.sleep(10);
                  lookUp();
                  // BUG: Diagnostic contains: swallows it
                } catch (Exception e) {
                  if (e instanceof NotFoundException || quietly) {
                    // ignored
                  } else {
                    throw e;
                  }
                }
              }

              void removeQuiet() throws Exception {
                try {
                  Thread.sleep(10);
                  lookUp();
                  // BUG: Diagnostic contains: swallows it
                } catch (Exception e) {
                  if (!(e instanceof Quiet)) {
                    throw e;
                  }
                }
              }

              void lookUp() throws NotFoundException {}
            }
            """)
        .doTest();
  }

  @Test
  void negative_exceptionCatchWithInstanceofGuard() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                } catch (Exception e) {
                  if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                  }
                  System.err.println(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_exceptionCatchWithPatternGuard() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (Exception e) {
                  if (e instanceof InterruptedException ie) {
                    throw ie;
                  }
                  System.err.println(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_exceptionCatchAroundCodeThatCannotBeInterrupted() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f(java.io.Reader reader) {
                try {
                  reader.read();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_exceptionCatchAroundCallableCall() {
    // Callable.call() declares `throws Exception`, not InterruptedException: not counted.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Callable;
            class Test {
              Object f(Callable<Object> task) {
                try {
                  return task.call();
                } catch (Exception e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_earlierCatchTakesInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptibleCallOnlyInLambda() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              Runnable f() {
                try {
                  return () -> {
                    try {
                      Thread.sleep(1);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  };
                } catch (Exception e) {
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_threadSubclassRunEndsOnInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Ticker extends Thread {
              @Override
              public void run() {
                try {
                  while (true) {
                    Thread.sleep(1000);
                    System.out.println("tick");
                  }
                } catch (InterruptedException e) {
                  System.out.println("ticker stopped");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_privateLoopCalledOnlyAtTheEndOfRun() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Watcher extends Thread {
              final BlockingQueue<String> events;

              Watcher(BlockingQueue<String> events) {
                this.events = events;
              }

              @Override
              public void run() {
                try {
                  System.out.println("started");
                  runLoop();
                } finally {
                  System.out.println("stopped");
                }
              }

              private void runLoop() {
                while (true) {
                  String event;
                  try {
                    event = events.take();
                  } catch (InterruptedException e) {
                    break;
                  }
                  System.out.println(event);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_privateLoopAlsoCalledWhereMoreWorkFollows() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Watcher extends Thread {
              final BlockingQueue<String> events;

              Watcher(BlockingQueue<String> events) {
                this.events = events;
              }

              @Override
              public void run() {
                drain();
              }

              void restart() throws InterruptedException {
                drain();
                Thread.sleep(100);
              }

              private void drain() {
                while (true) {
                  String event;
                  try {
                    event = events.take();
                    // BUG: Diagnostic contains: breaks out
                  } catch (InterruptedException e) {
                    break;
                  }
                  System.out.println(event);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_threadSubclassLogsAndEndsAfterInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class EventThread extends Thread {
              final BlockingQueue<Runnable> events;
              EventThread(BlockingQueue<Runnable> events) {
                this.events = events;
              }
              @Override
              public void run() {
                try {
                  while (true) {
                    events.take().run();
                  }
                } catch (InterruptedException e) {
                  System.err.println("event thread exiting due to interruption");
                }
                for (Runnable leftover : events) {
                  leftover.run();
                }
                System.out.println("event thread shut down");
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadSubclassBlocksAgainAfterSwallowing() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class EventThread extends Thread {
              final BlockingQueue<Runnable> events;
              EventThread(BlockingQueue<Runnable> events) {
                this.events = events;
              }
              @Override
              public void run() {
                try {
                  events.take().run();
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
                for (Runnable leftover : events) {
                  leftover.run();
                }
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_threadSubclassLoopBreaksOutAtEnd() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Consumer extends Thread {
              final BlockingQueue<String> queue;
              Consumer(BlockingQueue<String> queue) {
                this.queue = queue;
              }
              @Override
              public void run() {
                while (true) {
                  try {
                    System.out.println(queue.take());
                  } catch (InterruptedException e) {
                    break;
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_runnableGivenToNewThreadReturns() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              Thread start() {
                Thread t = new Thread(() -> {
                  try {
                    Thread.sleep(500);
                  } catch (InterruptedException e) {
                    return;
                  }
                  System.out.println("slept");
                });
                t.start();
                return t;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_mainEndsOnInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              public static void main(String[] args) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  System.out.println("bye");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_deferredRestoreUninterruptibly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              String takeUninterruptibly(BlockingQueue<String> queue) {
                boolean interrupted = false;
                try {
                  while (true) {
                    try {
                      return queue.take();
                    } catch (InterruptedException e) {
                      interrupted = true;
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_restoreInFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    System.out.println("stopping");
                  }
                } finally {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_sameFileHelperRestores() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  onInterrupt(e);
                }
              }

              private static void onInterrupt(InterruptedException e) {
                System.err.println("interrupted: " + e);
                Thread.currentThread().interrupt();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_configuredRestorer() {
    helper
        .addSourceLines(
            "Threads.java",
            """
            package com.acme;
            public final class Threads {
              public static native void restoreInterrupt(InterruptedException e);
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  com.acme.Threads.restoreInterrupt(e);
                }
              }
            }
            """)
        .setArgs("-XepOpt:CancelGuard:InterruptRestorers=com.acme.Threads#restoreInterrupt")
        .doTest();
  }

  @Test
  void negative_knownLibraryRestorer() {
    helper
        .addSourceLines(
            "ThreadUtils.java",
            """
            package org.apache.curator.utils;
            public final class ThreadUtils {
              public static native boolean checkInterrupted(Throwable e);
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import org.apache.curator.utils.ThreadUtils;
            class Test {
              void f() {
                try {
                  Thread.sleep(1);
                } catch (Throwable e) {
                  ThreadUtils.checkInterrupted(e);
                  System.err.println(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_unconfiguredRestorerNotTrusted() {
    helper
        .addSourceLines(
            "Threads.java",
            """
            package com.acme;
            public final class Threads {
              public static native void restoreInterrupt(InterruptedException e);
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(1);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  com.acme.Threads.restoreInterrupt(e);
                }
              }
            }
            """)
        .setArgs("-XepOpt:CancelGuard:InterruptRestorers=com.acme.Other#restoreInterrupt")
        .doTest();
  }

  @Test
  void negative_processExit() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  System.exit(1);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_helperOfAnotherFileThatAlwaysEndsTheProcess() {
    helper
        .addSourceLines(
            "Fatal.java",
            """
            final class Fatal {
              static void exit(int code) {
                if (code == 0) {
                  System.out.println("exiting");
                } else {
                  System.err.println("exiting with " + code);
                }
                halt(code);
              }

              private static void halt(int code) {
                Runtime.getRuntime().halt(code);
              }
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f(Thread worker) {
                try {
                  worker.join();
                } catch (InterruptedException e) {
                  System.err.println("interrupted while waiting");
                  Fatal.exit(1);
                }
              }

              void g(Thread worker) {
                try {
                  worker.join();
                } catch (InterruptedException e) {
                  die("interrupted");
                }
              }

              private void die(String why) {
                System.err.println(why);
                Runtime.getRuntime().exit(2);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_helperThatDoesNotAlwaysEndTheProcess() {
    helper
        .addSourceLines(
            "Exits.java",
            """
            import java.util.function.IntConsumer;

            class Exits {
              static volatile IntConsumer procedure = System::exit;
              static final IntConsumer LOG_ONLY = code -> System.err.println("would exit " + code);

              static void setProcedure(IntConsumer replacement) {
                procedure = replacement;
              }

              static void requestExit(int code) {
                procedure.accept(code);
              }

              static void exitIfFatal(int code) {
                if (code != 0) {
                  System.exit(code);
                }
              }

              static void report(int code) {
                System.err.println("fatal " + code);
              }

              void exitOverridable(int code) {
                System.exit(code);
              }
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void throughAReplaceableProcedure(Thread worker) {
                try {
                  worker.join();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  Exits.requestExit(1);
                }
              }

              void exitOnlyOnSomePaths(Thread worker, int code) {
                try {
                  worker.join();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  Exits.exitIfFatal(code);
                }
              }

              void exitOnlyOnSomePathsOfTheCatch(Thread worker, boolean fatal) {
                try {
                  worker.join();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  if (fatal) {
                    System.exit(1);
                  }
                }
              }

              void aHelperThatOnlyLogs(Thread worker) {
                try {
                  worker.join();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  Exits.report(1);
                }
              }

              void aMethodASubclassMayReplace(Thread worker, Exits exits) {
                try {
                  worker.join();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  exits.exitOverridable(1);
                }
              }

              void aHelperThatCallsItself(Thread worker) {
                try {
                  worker.join();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  loop(0);
                }
              }

              private static void loop(int n) {
                if (n > 3) {
                  return;
                }
                loop(n + 1);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_expectedInTest() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class MyTest {
              @interface Test {}

              @Test
              void interruptsSleep() {
                Thread.currentThread().interrupt();
                try {
                  Thread.sleep(1000);
                  fail();
                } catch (InterruptedException e) {
                  System.out.println("interrupted as expected");
                }
              }

              @Test
              void namedExpected() {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException expected) {
                }
              }

              static void fail() {
                throw new AssertionError();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_catchInSwitchRuleRestores() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f(int mode) {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  switch (mode) {
                    case 0 -> Thread.currentThread().interrupt();
                    default -> {
                      System.out.println("mode " + mode);
                      Thread.currentThread().interrupt();
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptedThenThrow() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            class Test {
              void process(List<String> items) throws InterruptedException {
                for (String item : items) {
                  if (Thread.interrupted()) {
                    throw new InterruptedException();
                  }
                  System.out.println(item);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptedThenRestoreAndReturn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void step() {
                if (Thread.interrupted()) {
                  Thread.currentThread().interrupt();
                  return;
                }
                System.out.println("step");
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptedResultKept() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void cleanup(Thread worker) throws InterruptedException {
                boolean wasInterrupted = Thread.interrupted();
                try {
                  worker.join();
                } finally {
                  if (wasInterrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_maskAndUnmaskInTheSameClass() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class InterruptMask {
              private final boolean wasInterrupted = Thread.currentThread().isInterrupted();

              void mask() {
                if (wasInterrupted) {
                  Thread.interrupted();
                }
              }

              void unmask() {
                if (wasInterrupted) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_getOfAFutureKnownToBeDone() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Monitor {
              Future<?> monitorFuture;

              void check() {
                if (monitorFuture != null && monitorFuture.isDone()) {
                  try {
                    monitorFuture.get();
                  } catch (InterruptedException | ExecutionException e) {
                    System.err.println("monitor failed: " + e);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_getAfterAnArrayElementWrite() {
    // An array element written between the isDone() guard and the get() has no symbol: the
    // question "is the future reassigned in between" must not crash on it.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Loader {
              Future<String> future;
              String[] recent = new String[4];

              String load(int i) {
                recent[i % recent.length] = "x";
                try {
                  return future.get();
                  // BUG: Diagnostic contains: returns
                } catch (InterruptedException | ExecutionException e) {
                  return recent[0];
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_getOfAFutureNotKnownToBeDone() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Monitor {
              Future<?> monitorFuture;
              Future<?> other;

              void check() {
                if (other.isDone() || monitorFuture != null) {
                  try {
                    monitorFuture.get();
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException | ExecutionException e) {
                    System.err.println("monitor failed: " + e);
                  }
                }
                if (other.isDone()) {
                  try {
                    monitorFuture.get();
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException | ExecutionException e) {
                    System.err.println("monitor failed: " + e);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_namedRunnableHandedToANewThread() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Watcher implements Runnable {
              BlockingQueue<String> queue;
              Thread thread;

              void start() {
                thread = new Thread(this, "watcher");
                thread.start();
              }

              @Override
              public void run() {
                try {
                  while (true) {
                    System.out.println(queue.take());
                  }
                } catch (InterruptedException exit) {
                  // the watcher thread ends here
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_namedRunnableNeverHandedToAThread() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Watcher implements Runnable {
              BlockingQueue<String> queue;

              void start(ExecutorService pool) {
                pool.execute(this);
              }

              @Override
              public void run() {
                try {
                  while (true) {
                    System.out.println(queue.take());
                  }
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException exit) {
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_anonymousRunnableInALocalHandedToANewThread() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Test {
              BlockingQueue<String> queue;
              volatile boolean stopped;
              Thread handler;

              void start() {
                Runnable run = new Runnable() {
                  @Override
                  public void run() {
                    try {
                      while (!stopped) {
                        String s = queue.poll(1, TimeUnit.SECONDS);
                        System.out.println(s);
                      }
                    } catch (InterruptedException e) {
                      System.err.println("handler interrupted - stopping");
                    }
                  }
                };
                handler = new Thread(null, run, "handler", 0);
                handler.setDaemon(true);
                handler.start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_lambdaInALocalHandedToANewThread() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              BlockingQueue<String> queue;

              Thread start() {
                Runnable drain = () -> {
                  try {
                    while (true) {
                      System.out.println(queue.take());
                    }
                  } catch (InterruptedException e) {
                    System.err.println("drain stopped");
                  }
                };
                Thread t = Thread.ofPlatform().name("drain").unstarted(drain);
                t.start();
                return t;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runnableInALocalAlsoRunDirectly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Test {
              BlockingQueue<String> queue;
              volatile boolean stopped;

              void start(boolean inline) {
                Runnable run = new Runnable() {
                  @Override
                  public void run() {
                    try {
                      while (!stopped) {
                        System.out.println(queue.poll(1, TimeUnit.SECONDS));
                      }
                      // BUG: Diagnostic contains: swallows it
                    } catch (InterruptedException e) {
                      System.err.println("interrupted");
                    }
                  }
                };
                if (inline) {
                  run.run();
                } else {
                  new Thread(null, run, "handler", 0).start();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_lambdaInALocalHandedToAnExecutor() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              BlockingQueue<String> queue;

              void start(ExecutorService pool) {
                Runnable drain = () -> {
                  try {
                    while (true) {
                      System.out.println(queue.take());
                    }
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException e) {
                    System.err.println("drain stopped");
                  }
                };
                pool.execute(drain);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_runnableLocalReassignedOrCapturedIsNotTheThreadsWholeWork() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              BlockingQueue<String> queue;

              void start(Runnable fallback, boolean useFallback) {
                Runnable first = () -> {
                  try {
                    System.out.println(queue.take());
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException e) {
                  }
                };
                if (useFallback) {
                  first = fallback;
                }
                new Thread(first).start();
                var second = (Runnable) () -> {
                  try {
                    System.out.println(queue.take());
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException e) {
                  }
                };
                new Thread(() -> { second.run(); second.run(); }).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptIsTheDoorbellOfAStopFlag() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Sender implements Runnable {
              private volatile boolean running = true;
              private Thread worker;
              BlockingQueue<String> queue;

              void finish() {
                running = false;
                worker.interrupt();
              }

              @Override
              public void run() {
                while (running) {
                  try {
                    String next = queue.poll(1, TimeUnit.SECONDS);
                    System.out.println(next);
                  } catch (InterruptedException e) {
                    System.err.println("woken up");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_stopFlagSetButNobodyInterrupts() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Sender implements Runnable {
              private volatile boolean running = true;
              BlockingQueue<String> queue;

              void finish() {
                running = false;
              }

              @Override
              public void run() {
                while (running) {
                  try {
                    System.out.println(queue.poll(1, TimeUnit.SECONDS));
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException e) {
                    System.err.println("woken up");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_doorbellRungThroughAHelperAndTheCatchContinues() {
    // The stop method sets the flag and calls a helper that interrupts the workers; the catch
    // continues straight back to the loop's test, past the blocking work that follows the wait.
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.locks.Condition;
            import java.util.concurrent.locks.ReentrantLock;
            class Acceptors {
              private final ReentrantLock lock = new ReentrantLock();
              private final Condition accepting = lock.newCondition();
              private final Thread[] threads = new Thread[2];
              private volatile boolean running = true;
              private boolean paused;
              BlockingQueue<String> connections;

              void stop() {
                running = false;
                interruptAcceptors();
              }

              private void interruptAcceptors() {
                for (Thread thread : threads) {
                  if (thread != null) {
                    thread.interrupt();
                  }
                }
              }

              void accept() {
                while (running) {
                  lock.lock();
                  try {
                    if (paused) {
                      accepting.await();
                      continue;
                    }
                  } catch (InterruptedException e) {
                    continue;
                  } finally {
                    lock.unlock();
                  }
                  try {
                    System.out.println(connections.take());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_helperThatInterruptsNobodyOrAFlagNeverSet() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.locks.Condition;
            import java.util.concurrent.locks.ReentrantLock;
            class Acceptors {
              private final ReentrantLock lock = new ReentrantLock();
              private final Condition accepting = lock.newCondition();
              private final Thread[] threads = new Thread[2];
              private volatile boolean running = true;
              private volatile boolean open = true;

              void stop() {
                running = false;
                logAcceptors();
              }

              void pause() {
                interruptAcceptors();
              }

              private void logAcceptors() {
                System.out.println(threads.length);
              }

              private void interruptAcceptors() {
                for (Thread thread : threads) {
                  thread.interrupt();
                }
              }

              void accept() {
                while (running) {
                  lock.lock();
                  try {
                    accepting.await();
                    // BUG: Diagnostic contains: continues the loop
                  } catch (InterruptedException e) {
                    continue;
                  } finally {
                    lock.unlock();
                  }
                  System.out.println("accepted");
                }
              }

              void acceptWhileOpen() {
                while (open) {
                  lock.lock();
                  try {
                    accepting.await();
                    // BUG: Diagnostic contains: continues the loop
                  } catch (InterruptedException e) {
                    continue;
                  } finally {
                    lock.unlock();
                  }
                  System.out.println("accepted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_privateThreadClassTheFileKeepsToItself() {
    // A private Thread subclass, created into a private field, interrupted only by the class's own
    // stop: nobody else can reach the thread, and its loop ends by the class's protocol.
    helper
        .addSourceLines(
            "LogWriter.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.TimeUnit;
            class LogWriter {
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              private volatile boolean running;
              private WriterThread writer;

              private class WriterThread extends Thread {
                @Override
                public void run() {
                  while (running) {
                    try {
                      String line = queue.poll(10, TimeUnit.SECONDS);
                      if (line != null) {
                        System.out.println(line);
                      }
                    } catch (InterruptedException e) {
                      System.err.println("woken");
                    }
                  }
                }
              }

              void start() {
                running = true;
                writer = new WriterThread();
                writer.start();
              }

              void stop() throws InterruptedException {
                writer.interrupt();
                writer.join();
                writer = null;
              }

              void drained() {
                running = false;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadClassReachableFromOutsideOrNeverEnding() {
    helper
        .addSourceLines(
            "LogWriter.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.TimeUnit;
            class LogWriter {
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              private volatile boolean running;
              private WriterThread writer;
              private Forever forever;
              private Shared shared;

              // Not private: another class of the package may create and interrupt it.
              class WriterThread extends Thread {
                @Override
                public void run() {
                  while (running) {
                    try {
                      System.out.println(queue.poll(10, TimeUnit.SECONDS));
                      // BUG: Diagnostic contains: swallows it
                    } catch (InterruptedException e) {
                      System.err.println("woken");
                    }
                  }
                }
              }

              private class Forever extends Thread {
                @Override
                public void run() {
                  while (true) {
                    try {
                      System.out.println(queue.take());
                      // BUG: Diagnostic contains: swallows it
                    } catch (InterruptedException e) {
                      System.err.println("woken");
                    }
                  }
                }
              }

              private class Shared extends Thread {
                @Override
                public void run() {
                  while (running) {
                    try {
                      System.out.println(queue.take());
                      // BUG: Diagnostic contains: swallows it
                    } catch (InterruptedException e) {
                      System.err.println("woken");
                    }
                  }
                }
              }

              void start() {
                running = true;
                writer = new WriterThread();
                writer.start();
                forever = new Forever();
                forever.setDaemon(true);
                forever.start();
                shared = new Shared();
                shared.start();
              }

              // Handed out: whoever gets it may interrupt it.
              Thread sharedThread() {
                return shared;
              }

              void stop() {
                writer.interrupt();
                forever.interrupt();
                shared.interrupt();
              }

              void drained() {
                running = false;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_timerTakesBackTheInterruptItsAlarmSent() {
    // The alarm sets deadline = 0 as it interrupts the caller; end() clears exactly that interrupt
    // so that it does not leak into the caller's next operation.
    helper
        .addSourceLines(
            "Timer.java",
            """
            class Timer {
              private Thread caller;
              private long deadline;

              /** Called by the alarm thread every few milliseconds. */
              synchronized void alarm() {
                if (deadline > 0 && deadline <= System.currentTimeMillis()) {
                  deadline = 0;
                  caller.interrupt();
                }
              }

              synchronized void begin(long timeout) {
                caller = Thread.currentThread();
                deadline = System.currentTimeMillis() + timeout;
              }

              synchronized void end() {
                if (0 == deadline) {
                  Thread.interrupted();
                } else {
                  deadline = 0;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_clearGuardedByStateTheInterruptDoesNotSet() {
    helper
        .addSourceLines(
            "Timer.java",
            """
            class Timer implements Runnable {
              private Thread caller;
              private long deadline;
              private boolean finished;

              @Override
              public synchronized void run() {
                if (deadline > 0 && deadline <= System.currentTimeMillis()) {
                  caller.interrupt();
                }
              }

              synchronized void finish() {
                finished = true;
              }

              synchronized void end() {
                if (finished) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
                // BUG: Diagnostic contains: its result is dropped
                Thread.interrupted();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_doorbellButTheCatchBlocksAgainBeforeTheTest() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Sender implements Runnable {
              private volatile boolean running = true;
              private Thread worker;
              BlockingQueue<String> queue;

              void finish() {
                running = false;
                worker.interrupt();
              }

              @Override
              public void run() {
                while (running) {
                  try {
                    System.out.println(queue.poll(1, TimeUnit.SECONDS));
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException e) {
                    System.err.println("woken up");
                  }
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_threadPoolWorkerMachinery() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.AbstractExecutorService;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.TimeUnit;
            abstract class Pool extends AbstractExecutorService {
              BlockingQueue<Runnable> workQueue;
              volatile boolean stopped;

              private void runJob(Runnable job) {
                try {
                  job.run();
                } finally {
                  Thread.interrupted(); // a finished job's leftover interrupt
                }
              }

              private Runnable getTask() {
                while (!stopped) {
                  try {
                    return workQueue.poll(1, TimeUnit.SECONDS);
                  } catch (InterruptedException retry) {
                    // woken up to re-check the pool state
                  }
                }
                return null;
              }

              final class Worker implements Runnable {
                @Override
                public void run() {
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_poolWithItsOwnInterface() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class SimpleThreadPool {
              volatile boolean run = true;
              final Object lock = new Object();

              class WorkerThread extends Thread {
                @Override
                public void run() {
                  while (SimpleThreadPool.this.run) {
                    try {
                      synchronized (lock) {
                        lock.wait(500);
                      }
                    } catch (InterruptedException e) {
                      System.err.println("worker woken");
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadPoolPublicMethodStillReported() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.AbstractExecutorService;
            import java.util.concurrent.TimeUnit;
            abstract class Pool extends AbstractExecutorService {
              public void drain() {
                try {
                  awaitTermination(1, TimeUnit.SECONDS);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptedEndsThreadRun() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Spinner extends Thread {
              @Override
              public void run() {
                while (true) {
                  if (Thread.interrupted()) {
                    return;
                  }
                  Thread.onSpinWait();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_isInterruptedIsNotClearing() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              int count(int n) {
                int i = 0;
                while (i < n) {
                  if (Thread.currentThread().isInterrupted()) {
                    return i;
                  }
                  i++;
                }
                return i;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_anonymousClassInCatchNotWalked() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              Runnable r;
              void f() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  r = new Runnable() {
                    @Override
                    public void run() {
                      return;
                    }
                  };
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_labeledLoopInsideCatchRestoresAfter() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            class Test {
              void f(List<List<String>> rows) {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  outer:
                  for (List<String> row : rows) {
                    for (String cell : row) {
                      if (cell.isEmpty()) {
                        break outer;
                      }
                    }
                  }
                  Thread.currentThread().interrupt();
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
            class Test {
              @SuppressWarnings("SwallowedInterrupt")
              void f() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                }
              }

              void g() {
                try {
                  Thread.sleep(1);
                } catch (@SuppressWarnings("SwallowedInterrupt") InterruptedException e) {
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_sameFileHelperRestoresInsideThrowExpression() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.io.InterruptedIOException;
            import java.util.concurrent.BlockingQueue;
            class FutureResponse {
              BlockingQueue<String> slot;

              String getResult() throws IOException {
                try {
                  return slot.take();
                } catch (InterruptedException e) {
                  throw dealWithInterrupt(e);
                }
              }

              String getResultPlain() throws IOException {
                try {
                  return slot.take();
                } catch (InterruptedException e) {
                  throw new IOException("interrupted", plainRestore(e));
                }
              }

              private InterruptedIOException dealWithInterrupt(InterruptedException e) {
                InterruptedIOException x = new InterruptedIOException(e.getMessage());
                try {
                  onException(x);
                } finally {
                  Thread.currentThread().interrupt();
                }
                return x;
              }

              private static InterruptedException plainRestore(InterruptedException e) {
                Thread.currentThread().interrupt();
                return e;
              }

              void onException(IOException x) {}
            }
            """)
        .doTest();
  }

  @Test
  void negative_configuredRestorerInsideThrowOrReturnExpression() {
    helper
        .addSourceLines(
            "Exceptions.java",
            """
            package com.acme;
            public final class Exceptions {
              public static native RuntimeException bubble(Throwable t);
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import com.acme.Exceptions;
            import java.util.concurrent.Future;
            class Test {
              Object get(Future<Object> f) {
                try {
                  return f.get();
                } catch (Exception e) {
                  throw Exceptions.bubble(e);
                }
              }

              Throwable failureOf(Future<Object> f) {
                try {
                  f.get();
                } catch (Exception e) {
                  return Exceptions.bubble(e);
                }
                return null;
              }
            }
            """)
        .setArgs("-XepOpt:CancelGuard:InterruptRestorers=com.acme.Exceptions#bubble")
        .doTest();
  }

  @Test
  void positive_unconfiguredHelperInsideThrowExpression() {
    helper
        .addSourceLines(
            "Exceptions.java",
            """
            package com.acme;
            public final class Exceptions {
              public static native RuntimeException bubble(Throwable t);
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import com.acme.Exceptions;
            import java.util.concurrent.Future;
            class Test {
              Object get(Future<Object> f) {
                try {
                  return f.get();
                  // BUG: Diagnostic contains: throws RuntimeException
                } catch (Exception e) {
                  throw Exceptions.bubble(e);
                }
              }
            }
            """)
        .setArgs("-XepOpt:CancelGuard:InterruptRestorers=com.acme.Other#bubble")
        .doTest();
  }

  @Test
  void positive_throwExpressionThatDoesNotRestoreBeforeTheThrow() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              static class Failure extends RuntimeException {
                Failure(String message, Runnable onRetry) {
                  super(message);
                }
              }

              BlockingQueue<String> slot;
              boolean retry;

              String clearsInstead() {
                try {
                  return slot.take();
                  // BUG: Diagnostic contains: throws IllegalStateException
                } catch (InterruptedException e) {
                  throw new IllegalStateException("interrupted: " + Thread.interrupted());
                }
              }

              String restoresLaterInALambda() {
                try {
                  return slot.take();
                  // BUG: Diagnostic contains: throws Failure
                } catch (InterruptedException e) {
                  throw new Failure("interrupted", () -> Thread.currentThread().interrupt());
                }
              }

              String restoresOnOneArmOnly() {
                try {
                  return slot.take();
                  // BUG: Diagnostic contains: throws RuntimeException
                } catch (InterruptedException e) {
                  throw retry ? restoring(e) : new RuntimeException(e);
                }
              }

              String restoresOnlyIfTheLeftSideHolds() {
                try {
                  return slot.take();
                  // BUG: Diagnostic contains: throws IllegalStateException
                } catch (InterruptedException e) {
                  throw new IllegalStateException("interrupted, retry: " + (retry && marks(e)));
                }
              }

              String helperThatDoesNotRestore() {
                try {
                  return slot.take();
                  // BUG: Diagnostic contains: throws RuntimeException
                } catch (InterruptedException e) {
                  throw describe(e);
                }
              }

              String restoresInOneSwitchArm(int attempt) {
                try {
                  return slot.take();
                  // BUG: Diagnostic contains: throws RuntimeException
                } catch (InterruptedException e) {
                  throw switch (attempt) {
                    case 0 -> restoring(e);
                    default -> new RuntimeException(e);
                  };
                }
              }

              String restoresInAnAnonymousClass() {
                try {
                  return slot.take();
                  // BUG: Diagnostic contains: throws Failure
                } catch (InterruptedException e) {
                  throw new Failure(
                      "interrupted",
                      new Runnable() {
                        @Override
                        public void run() {
                          Thread.currentThread().interrupt();
                        }
                      });
                }
              }

              private static RuntimeException restoring(InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RuntimeException(e);
              }

              private static boolean marks(InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
              }

              private static RuntimeException describe(InterruptedException e) {
                System.err.println("interrupted");
                return new RuntimeException(e);
              }
            }
            """)
        .doTest();
  }

  // ----------------------------- helpers that restore when their argument is the interrupt

  @Test
  void negative_sameFileHelperRestoresWhenItsArgumentIsAnInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.Future;
            class Test {
              static class MyInterrupted extends RuntimeException {
                MyInterrupted(Throwable cause) {
                  super(cause);
                }
              }

              Object get(Future<Object> f) {
                try {
                  return f.get();
                } catch (Exception e) {
                  throw bubble(e);
                }
              }

              void await(Future<Object> f) {
                try {
                  f.get();
                } catch (Exception e) {
                  restore(e);
                  System.err.println("failed: " + e);
                }
              }

              Object getUnwrapping(Future<Object> f) {
                try {
                  return f.get();
                } catch (Exception e) {
                  throw unwrapAndBubble(e);
                }
              }

              Object getPassingOn(Future<Object> f) {
                try {
                  return f.get();
                } catch (Exception e) {
                  throw passOn("get failed", e);
                }
              }

              Object getThroughALocal(Future<Object> f) {
                try {
                  return f.get();
                } catch (Exception e) {
                  RuntimeException failure = bubble(e);
                  System.err.println("failed: " + failure);
                  throw failure;
                }
              }

              Object getTestingInTheCondition(Future<Object> f) {
                try {
                  return f.get();
                } catch (Exception e) {
                  if (!restoredIfInterrupted(e)) {
                    System.err.println("failed: " + e);
                  }
                  return null;
                }
              }

              static boolean restoredIfInterrupted(Throwable t) {
                if (t instanceof InterruptedException interrupted) {
                  Thread.currentThread().interrupt();
                  return true;
                }
                return false;
              }

              static RuntimeException bubble(Throwable t) {
                if (t instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                  return new MyInterrupted(t);
                }
                return new RuntimeException(t);
              }

              static void restore(Throwable t) {
                if (t instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                }
              }

              static RuntimeException unwrapAndBubble(Throwable t) {
                Throwable cause = t instanceof CompletionException ? t.getCause() : t;
                if (cause instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                  return new MyInterrupted(cause);
                }
                return new RuntimeException(cause);
              }

              static RuntimeException passOn(String message, Throwable t) {
                System.err.println(message);
                return bubble(t);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_sameFileHelperDoesNotRestoreForTheCaughtException() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeoutException;
            class Test {
              Object otherArgument(Future<Object> f) {
                try {
                  return f.get();
                  // BUG: Diagnostic contains: throws RuntimeException
                } catch (Exception e) {
                  throw bubble(new RuntimeException("get failed"));
                }
              }

              Object otherParameter(Future<Object> f, Throwable previous) {
                try {
                  return f.get();
                  // BUG: Diagnostic contains: throws RuntimeException
                } catch (Exception e) {
                  throw bubbleFirst(previous, e);
                }
              }

              Object otherClass(Future<Object> f) {
                try {
                  return f.get();
                  // BUG: Diagnostic contains: throws RuntimeException
                } catch (Exception e) {
                  throw restoreOnTimeout(e);
                }
              }

              Object passedAsVarargs(Future<Object> f) {
                try {
                  return f.get();
                  // BUG: Diagnostic contains: throws RuntimeException
                } catch (Exception e) {
                  throw bubbleAll("get failed", e, new RuntimeException("earlier"));
                }
              }

              static RuntimeException bubbleAll(String message, Throwable... failures) {
                RuntimeException all = new RuntimeException(message);
                for (Throwable t : failures) {
                  all.addSuppressed(t);
                }
                return all;
              }

              Object onlyWhenWrapped(Future<Object> f) {
                try {
                  return f.get();
                  // BUG: Diagnostic contains: throws RuntimeException
                } catch (Exception e) {
                  throw restoreCause(e);
                }
              }

              static RuntimeException bubble(Throwable t) {
                if (t instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                }
                return new RuntimeException(t);
              }

              static RuntimeException bubbleFirst(Throwable first, Throwable second) {
                if (first instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                }
                return new RuntimeException(second);
              }

              static RuntimeException restoreOnTimeout(Throwable t) {
                if (t instanceof TimeoutException) {
                  Thread.currentThread().interrupt();
                }
                return new RuntimeException(t);
              }

              static RuntimeException restoreCause(Throwable t) {
                Throwable cause = t.getCause();
                if (cause instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                }
                return new RuntimeException(t);
              }
            }
            """)
        .doTest();
  }

  // --------------------------------------------- futures known to be done, other spellings

  @Test
  void negative_getOfAFutureKnownToBeDoneOtherSpellings() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            class Test {
              void elseOfNotDone(List<Future<Object>> tasks) {
                for (Future<Object> task : tasks) {
                  if (!task.isDone()) {
                    System.err.println("task should be done " + task);
                  } else {
                    try {
                      task.get(1, TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                      System.err.println("task failed: " + e);
                    }
                  }
                }
              }

              void earlyExit(List<Future<Object>> tasks) {
                for (Future<Object> task : tasks) {
                  if (!task.isDone()) {
                    continue;
                  }
                  System.err.println("collecting " + task);
                  try {
                    task.get();
                  } catch (Exception e) {
                    System.err.println("task failed: " + e);
                  }
                }
              }

              void completedExceptionally(List<CompletableFuture<?>> futures, RuntimeException error) {
                futures.forEach(
                    cf -> {
                      if (cf.isCompletedExceptionally()) {
                        try {
                          cf.get();
                        } catch (Exception x) {
                          error.addSuppressed(x);
                        }
                      }
                    });
              }

              void cancelled(Future<?> f) {
                if (f.isCancelled()) {
                  try {
                    f.get();
                  } catch (Exception e) {
                    System.err.println("cancelled: " + e);
                  }
                }
              }

              void stateNotRunning(Future<?> f) {
                if (f.state() != Future.State.RUNNING) {
                  try {
                    f.get();
                  } catch (Exception e) {
                    System.err.println("finished: " + e);
                  }
                }
              }

              void notDoneOrOther(Future<?> f, boolean skip) {
                if (!f.isDone() || skip) {
                  return;
                }
                try {
                  f.get();
                } catch (Exception e) {
                  System.err.println("failed: " + e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_getOfAFutureNotKnownToBeDoneOtherSpellings() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Future;
            class Test {
              void thenOfNotDone(Future<?> f) {
                if (!f.isDone()) {
                  try {
                    f.get();
                    // BUG: Diagnostic contains: swallows it
                  } catch (Exception e) {
                    System.err.println("failed: " + e);
                  }
                }
              }

              void elseOfAnotherFuture(Future<?> f, Future<?> other) {
                if (!other.isDone()) {
                  System.err.println("still running");
                } else {
                  try {
                    f.get();
                    // BUG: Diagnostic contains: swallows it
                  } catch (Exception e) {
                    System.err.println("failed: " + e);
                  }
                }
              }

              void elseOfADisjunction(Future<?> f, boolean skip) {
                if (f.isDone() || skip) {
                  System.err.println("done or skipped");
                } else {
                  try {
                    f.get();
                    // BUG: Diagnostic contains: swallows it
                  } catch (Exception e) {
                    System.err.println("failed: " + e);
                  }
                }
              }

              void guardThatDoesNotLeave(Future<?> f) {
                if (!f.isDone()) {
                  System.err.println("not done yet");
                }
                try {
                  f.get();
                  // BUG: Diagnostic contains: swallows it
                } catch (Exception e) {
                  System.err.println("failed: " + e);
                }
              }

              void stateRunning(Future<?> f) {
                if (f.state() == Future.State.RUNNING) {
                  try {
                    f.get();
                    // BUG: Diagnostic contains: swallows it
                  } catch (Exception e) {
                    System.err.println("failed: " + e);
                  }
                }
              }

              void reassignedAfterTheGuard(Future<?> f, Future<?> next) {
                if (!f.isDone()) {
                  return;
                }
                f = next;
                try {
                  f.get();
                  // BUG: Diagnostic contains: swallows it
                } catch (Exception e) {
                  System.err.println("failed: " + e);
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------- interrupts recorded, restored later

  @Test
  void negative_recordedFlagRestoredAfterTheLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              String takeUninterruptibly(BlockingQueue<String> queue) {
                boolean interrupted = false;
                String item;
                while (true) {
                  try {
                    item = queue.take();
                    break;
                  } catch (InterruptedException e) {
                    interrupted = true;
                  }
                }
                if (interrupted) {
                  Thread.currentThread().interrupt();
                }
                return item;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_recordedFlagButOneReturnLeavesBeforeTheRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              String takeUninterruptibly(BlockingQueue<String> queue) {
                boolean interrupted = false;
                String item;
                while (true) {
                  try {
                    item = queue.take();
                    // BUG: Diagnostic contains: records the interrupt in interrupted
                  } catch (InterruptedException e) {
                    interrupted = true;
                    continue;
                  }
                  if (item.isEmpty()) {
                    return null;
                  }
                  break;
                }
                if (interrupted) {
                  Thread.currentThread().interrupt();
                }
                return item;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_recordedFlagNeverRestored() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              boolean interrupted;

              void pause() {
                try {
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  interrupted = true;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_recordedFlagClearedBeforeTheRestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              String take(BlockingQueue<String> queue) {
                boolean interrupted = false;
                String item = null;
                try {
                  item = queue.take();
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  interrupted = true;
                }
                interrupted = false;
                if (interrupted) {
                  Thread.currentThread().interrupt();
                }
                return item;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_savedExceptionRethrownInFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Test {
              void awaitAll(CountDownLatch first, CountDownLatch second) throws InterruptedException {
                InterruptedException saved = null;
                try {
                  try {
                    first.await();
                  } catch (InterruptedException e) {
                    saved = e;
                  }
                  try {
                    second.await();
                  } catch (InterruptedException e) {
                    saved = e;
                  }
                } finally {
                  if (saved != null) {
                    throw saved;
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void savedExceptionDroppedOnlyByAClearUnderItsTestIsReportedAtTheClear() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;
            class Test {
              Object item;

              Object poll(CountDownLatch latch, long timeout) throws InterruptedException {
                InterruptedException saved = null;
                try {
                  latch.await(timeout, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                  saved = e;
                }
                Object result = item;
                if (null != saved) {
                  if (result != null) {
                    // BUG: Diagnostic contains: SwallowedInterrupt
                    Thread.interrupted();
                  } else {
                    throw saved;
                  }
                }
                return result;
              }

              Object pollReturningFirst(CountDownLatch latch, long timeout)
                  throws InterruptedException {
                InterruptedException saved = null;
                try {
                  latch.await(timeout, TimeUnit.MILLISECONDS);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  saved = e;
                }
                Object result = item;
                if (result != null) {
                  return result;
                }
                if (saved != null) {
                  Thread.interrupted();
                  throw saved;
                }
                return null;
              }

              Object pollClearingUnderAnotherTest(CountDownLatch latch, long timeout)
                  throws InterruptedException {
                InterruptedException saved = null;
                try {
                  latch.await(timeout, TimeUnit.MILLISECONDS);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  saved = e;
                }
                Object result = item;
                if (result != null) {
                  // BUG: Diagnostic contains: SwallowedInterrupt
                  Thread.interrupted();
                  return result;
                }
                if (saved != null) {
                  throw saved;
                }
                return null;
              }

              Object pollClearingInALaterTask(CountDownLatch latch, long timeout)
                  throws InterruptedException {
                InterruptedException saved = null;
                try {
                  latch.await(timeout, TimeUnit.MILLISECONDS);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  saved = e;
                }
                Object result = item;
                if (saved != null) {
                  if (result != null) {
                    Runnable clear = () -> Thread.interrupted();
                    clear.run();
                  } else {
                    throw saved;
                  }
                }
                return result;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_stateSetToInterruptedThenTurnedIntoARethrow() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.locks.Condition;
            class Test {
              enum Outcome { DONE, INTERRUPTED }

              Outcome outcome = Outcome.DONE;

              void awaitSignal(Condition condition, java.util.function.BooleanSupplier ready)
                  throws InterruptedException {
                while (!ready.getAsBoolean()) {
                  try {
                    condition.await();
                  } catch (InterruptedException e) {
                    outcome = Outcome.INTERRUPTED;
                  }
                }
                if (outcome == Outcome.INTERRUPTED) {
                  throw new InterruptedException();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_stateSetToInterruptedButTheTestLooksForAnotherState() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.locks.Condition;
            class Test {
              enum Outcome { DONE, INTERRUPTED, FAILED }

              Outcome outcome = Outcome.DONE;

              void awaitSignal(Condition condition, java.util.function.BooleanSupplier ready)
                  throws InterruptedException {
                while (!ready.getAsBoolean()) {
                  try {
                    condition.await();
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException e) {
                    outcome = Outcome.INTERRUPTED;
                  }
                }
                if (outcome == Outcome.FAILED) {
                  throw new InterruptedException();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptedBranchRecordsForTheRestoreAfterAParkLoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.locks.LockSupport;
            class Test {
              volatile boolean done;

              void parkUntilDone() {
                boolean interrupted = false;
                while (!done) {
                  LockSupport.park(this);
                  if (Thread.interrupted()) {
                    interrupted = true;
                  }
                }
                if (interrupted) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptedBranchRecordsButAnEarlyReturnForgetsIt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.locks.LockSupport;
            class Test {
              volatile boolean done;
              volatile boolean abandoned;

              void parkUntilDone() {
                boolean interrupted = false;
                while (!done) {
                  LockSupport.park(this);
                  // BUG: Diagnostic contains: clears the interrupt flag
                  if (Thread.interrupted()) {
                    interrupted = true;
                  }
                  if (abandoned) {
                    return;
                  }
                }
                if (interrupted) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- catches that cannot run

  @Test
  void negative_sameFileCalleeDeclaresButNeverThrows() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              private void flush() throws InterruptedException {
                System.out.println("flushed");
              }

              void close() {
                try {
                  flush();
                } catch (InterruptedException e) {
                  System.err.println("cannot happen");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_sameFileCalleeThatSleeps() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              private void flush() throws InterruptedException {
                Thread.sleep(10);
              }

              void close() {
                try {
                  flush();
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_overridableCalleeMayThrowInASubclass() {
    // A public class: a subclass in any other package may override flush() with one that waits.
    // (A class only its package can name, compiled whole, is answered by its overrides there.)
    helper
        .addSourceLines(
            "Test.java",
            """
            public class Test {
              protected void flush() throws InterruptedException {
                System.out.println("flushed");
              }

              void close() {
                try {
                  flush();
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interfaceWhoseImplementationsInTheFileDeclareNothing() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              interface Waker {
                void wakeup() throws InterruptedException;
              }

              static final class FlagWaker implements Waker {
                volatile boolean woken;

                @Override
                public void wakeup() {
                  woken = true;
                }
              }

              static final class NotifyingWaker implements Waker {
                @Override
                public synchronized void wakeup() {
                  notifyAll();
                }
              }

              void poke(Waker waker) {
                try {
                  waker.wakeup();
                } catch (InterruptedException e) {
                  System.err.println("cannot happen");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interfaceWithOneImplementationThatBlocks() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              interface Waker {
                void wakeup() throws InterruptedException;
              }

              static final class FlagWaker implements Waker {
                @Override
                public void wakeup() {}
              }

              static final class SleepyWaker implements Waker {
                @Override
                public void wakeup() throws InterruptedException {
                  Thread.sleep(10);
                }
              }

              void poke(Waker waker) {
                try {
                  waker.wakeup();
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interfaceAlsoImplementedByALambda() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              interface Waker {
                void wakeup() throws InterruptedException;
              }

              static final class FlagWaker implements Waker {
                @Override
                public void wakeup() {}
              }

              Waker sleepy = () -> Thread.sleep(10);

              void poke(Waker waker) {
                try {
                  waker.wakeup();
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_publicInterfaceDeclaredInAnotherFile() {
    // Public: others may implement it, whatever the implementations here (a package-private one,
    // whose package is compiled whole, is SwallowedInterruptUnreachableCatchTest's question).
    helper
        .addSourceLines(
            "Waker.java",
            """
            public interface Waker {
              void wakeup() throws InterruptedException;
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static final class FlagWaker implements Waker {
                @Override
                public void wakeup() {}
              }

              void poke(Waker waker) {
                try {
                  waker.wakeup();
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_catchThatOnlyThrowsAnAssertionError() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Test {
              void await(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw new AssertionError("cannot happen", e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_catchThatOnlyThrowsAnotherError() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Test {
              static final class Unrecoverable extends Error {
                Unrecoverable(Throwable cause) {
                  super(cause);
                }
              }

              void await(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw new InternalError("cannot happen", e);
                }
              }

              void awaitAgain(CountDownLatch latch) {
                try {
                  latch.await();
                } catch (InterruptedException e) {
                  throw new Unrecoverable(e);
                }
              }

              void awaitOnce(CountDownLatch latch) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: throws IllegalStateException
                } catch (InterruptedException e) {
                  throw new IllegalStateException("cannot happen", e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_catchThatThrowsAnAssertionErrorOnlyOnOneBranch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Test {
              boolean strict;

              void await(CountDownLatch latch) {
                try {
                  latch.await();
                  // BUG: Diagnostic contains: throws AssertionError
                } catch (InterruptedException e) {
                  if (strict) {
                    throw new AssertionError("cannot happen", e);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_catchThatNeverRunsButTheTryAlsoThrowsByHand() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              private void flush() throws InterruptedException {}

              void close(boolean stop) {
                try {
                  flush();
                  if (stop) {
                    throw new InterruptedException();
                  }
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_privateDaemonThreadWhoseLoopEndsByItsOwnProtocol() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              private volatile boolean open = true;
              private final Thread flusher;
              BlockingQueue<String> pending;

              Test() {
                flusher =
                    new Thread(
                        () -> {
                          while (open) {
                            try {
                              System.out.println(pending.take());
                            } catch (InterruptedException e) {
                              System.err.println("woken up");
                            }
                          }
                        });
                flusher.setDaemon(true);
                flusher.start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_daemonThreadHandedOut() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              private volatile boolean open = true;
              private final Thread flusher;
              BlockingQueue<String> pending;

              Test() {
                flusher =
                    new Thread(
                        () -> {
                          while (open) {
                            try {
                              System.out.println(pending.take());
                              // BUG: Diagnostic contains: swallows it
                            } catch (InterruptedException e) {
                              System.err.println("woken up");
                            }
                          }
                        });
                flusher.setDaemon(true);
                flusher.start();
              }

              Thread flusher() {
                return flusher;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_privateThreadThatIsNotADaemon() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              private volatile boolean open = true;
              private final Thread flusher;
              BlockingQueue<String> pending;

              Test() {
                flusher =
                    new Thread(
                        () -> {
                          while (open) {
                            try {
                              System.out.println(pending.take());
                              // BUG: Diagnostic contains: swallows it
                            } catch (InterruptedException e) {
                              System.err.println("woken up");
                            }
                          }
                        });
                flusher.start();
              }
            }
            """)
        .doTest();
  }

  /** A daemon flusher whose loop never ends; {@code marker} goes before the catch. */
  private static String neverEndingFlusher(String loopMarker, String marker, String extra) {
    return """
        import java.util.concurrent.BlockingQueue;
        class Test {
          private final Thread flusher;
          BlockingQueue<String> pending;

          Test() {
            flusher =
                new Thread(
                    () -> {
                      %s
                      while (true) {
                        try {
                          System.out.println(pending.take());
                          %s
                        } catch (InterruptedException e) {
                          System.err.println("woken up");
                        }
                      }
                    });
            flusher.setDaemon(true);
            flusher.start();
          }
          %s
        }
        """
        .formatted(loopMarker, marker, extra);
  }

  @Test
  void negative_privateDaemonThreadWhoseLoopNeverEnds_isTheLoopChecksFinding() {
    // Nothing can interrupt the daemon, and its loop can never end: LoopWithoutCancellationPoint
    // reports that on the same loop (below), so this check leaves it.
    helper.addSourceLines("Test.java", neverEndingFlusher("", "", "")).doTest();
    loopHelper
        .addSourceLines(
            "Test.java",
            neverEndingFlusher(
                "// BUG: Diagnostic contains: catches the InterruptedException of take()", "", ""))
        .doTest();
  }

  @Test
  void positive_privateDaemonThreadWhoseLoopNeverEndsThatItsClassInterrupts() {
    // The class interrupts the thread: an interrupt is sent, and the never-ending loop loses it.
    helper
        .addSourceLines(
            "Test.java",
            neverEndingFlusher(
                "",
                "// BUG: Diagnostic contains: swallows it",
                "void wake() {\n    flusher.interrupt();\n  }"))
        .doTest();
  }

  // ------------------------------------------------ tasks of an executor the class keeps private

  /** The pool, the task field and the class around them; {@code extra} adds members. */
  private static String privatePoolSource(String poolUse, String extra) {
    return """
        import java.util.concurrent.*;
        class Test {
          private static final Executor pool =
              new ThreadPoolExecutor(0, 1, 60L, TimeUnit.SECONDS, new SynchronousQueue<>());
          private boolean running;
          private final Runnable cleanup =
              () -> {
                while (true) {
                  long waitMillis = cleanup();
                  if (waitMillis < 0) return;
                  synchronized (Test.this) {
                    try {
                      Test.this.wait(waitMillis);
                      // BUG: Diagnostic contains: swallows it
                    } catch (InterruptedException ignored) {
                    }
                  }
                }
              };

          synchronized long cleanup() {
            return -1;
          }

          synchronized void put() {
            if (!running) {
              running = true;
              %s
            }
          }
          %s
        }
        """
        .formatted(poolUse, extra);
  }

  @Test
  void negative_taskOfAPoolTheClassKeepsPrivate() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource("pool.execute(cleanup);", "")
                .replace("// BUG: Diagnostic contains: swallows it", ""))
        .doTest();
  }

  @Test
  void negative_taskOfAPrivatePoolSubmittedInlineAndShutDownGently() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              private volatile boolean open = true;

              void start() {
                pool.submit(
                    new Runnable() {
                      @Override
                      public void run() {
                        while (open) {
                          try {
                            System.out.println(queue.take());
                          } catch (InterruptedException e) {
                            System.err.println("woken up");
                          }
                        }
                      }
                    });
              }

              void stop() throws InterruptedException {
                open = false;
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_taskOfALocalPoolNeverHandedOut() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              private volatile boolean open = true;

              void start() {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                Runnable drain =
                    () -> {
                      while (open) {
                        try {
                          System.out.println(queue.take());
                        } catch (InterruptedException e) {
                          System.err.println("woken up");
                        }
                      }
                    };
                pool.execute(drain);
                pool.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_taskOfALocalPoolThatIsReturned() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              private volatile boolean open = true;

              ExecutorService start() {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                Runnable drain =
                    () -> {
                      while (open) {
                        try {
                          System.out.println(queue.take());
                          // BUG: Diagnostic contains: swallows it
                        } catch (InterruptedException e) {
                          System.err.println("woken up");
                        }
                      }
                    };
                pool.execute(drain);
                return pool;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_privateMethodGivenOnlyToAPrivatePoolByAMethodReference() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor();
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              private volatile boolean open = true;

              void start() {
                pool.execute(this::drain);
              }

              void stop() {
                open = false;
                pool.shutdown();
              }

              private void drain() {
                while (open) {
                  try {
                    System.out.println(queue.take());
                  } catch (InterruptedException e) {
                    System.err.println("woken up");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_methodGivenToAPrivatePoolButAlsoCalledOrNotPrivate() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              private volatile boolean open = true;

              void start() {
                pool.execute(this::drain);
                pool.execute(this::drainAgain);
              }

              void drainNow() {
                drain();
              }

              private void drain() {
                while (open) {
                  try {
                    System.out.println(queue.take());
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException e) {
                    System.err.println("woken up");
                  }
                }
              }

              void drainAgain() {
                while (open) {
                  try {
                    System.out.println(queue.take());
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException e) {
                    System.err.println("woken up");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  /** A stop task cast to {@code Callable<Void>} on a pool the class keeps; {@code stop} ends it. */
  private static String castTaskOfAPrivatePool(String stop, String marker) {
    return """
        import java.util.concurrent.*;
        class Server {
          private final ExecutorService stopper = Executors.newSingleThreadExecutor();
          private final Thread worker = new Thread(() -> {});

          void beginShutdown() {
            stopper.submit(
                (Callable<Void>)
                    () -> {
                      try {
                        worker.join();
                        %s
                      } catch (InterruptedException e) {
                        System.err.println("interrupted");
                      }
                      stopper.%s();
                      return null;
                    });
          }
        }
        """
        .formatted(marker, stop);
  }

  @Test
  void negative_castTaskOfAPrivatePoolOnlyShutDown() {
    helper.addSourceLines("Server.java", castTaskOfAPrivatePool("shutdown", "")).doTest();
  }

  @Test
  void positive_castTaskOfAPrivatePoolShutDownNow() {
    helper
        .addSourceLines(
            "Server.java",
            castTaskOfAPrivatePool("shutdownNow", "// BUG: Diagnostic contains: swallows it"))
        .doTest();
  }

  @Test
  void positive_privatePoolShutDownNow() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource(
                "pool.execute(cleanup);",
                "void stop() { ((ExecutorService) pool).shutdownNow(); }"))
        .doTest();
  }

  @Test
  void positive_privatePoolClosed() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource("pool.execute(cleanup);", "")
                .replace(
                    "private static final Executor pool",
                    "private static final ExecutorService pool")
                .replace(
                    "synchronized long cleanup()",
                    "void stop() { pool.close(); }\n  synchronized long cleanup()"))
        .doTest();
  }

  @Test
  void positive_privatePoolWhoseFutureIsKeptAndCancelled() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource(
                    "future = pool.submit(cleanup);",
                    "private Future<?> future;\n  void stop() { future.cancel(true); }")
                .replace(
                    "private static final Executor pool",
                    "private static final ExecutorService pool"))
        .doTest();
  }

  @Test
  void positive_privatePoolHandedOutByAGetter() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource("pool.execute(cleanup);", "static Executor pool() { return pool; }"))
        .doTest();
  }

  @Test
  void negative_privatePoolComparedAndLogged() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource(
                    "pool.execute(cleanup);",
                    "void stop() { if (pool != null) { System.out.printf(\"stopping %s%n\", pool);"
                        + " ((ExecutorService) Test.pool).shutdown(); } }")
                .replace("// BUG: Diagnostic contains: swallows it", ""))
        .doTest();
  }

  @Test
  void positive_privatePoolPassedWhereAnExecutorIsTaken() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource(
                "pool.execute(cleanup);",
                "void stop() { if (pool != null) { register(pool); } }"
                    + " static void register(Executor executor) {}"))
        .doTest();
  }

  @Test
  void positive_privatePoolPassedOut() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource(
                "pool.execute(cleanup);",
                "void register(java.util.List<Executor> all) { all.add(pool); }"))
        .doTest();
  }

  @Test
  void positive_poolThatIsNotPrivate() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource("pool.execute(cleanup);", "")
                .replace("private static final Executor pool", "static final Executor pool"))
        .doTest();
  }

  @Test
  void positive_poolTheClassDidNotCreate() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource("pool.execute(cleanup);", "")
                .replace(
                    "new ThreadPoolExecutor(0, 1, 60L, TimeUnit.SECONDS, new SynchronousQueue<>())",
                    "ForkJoinPool.commonPool()"))
        .doTest();
  }

  @Test
  void positive_privatePoolTaskAlsoRunDirectly() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource("pool.execute(cleanup);", "void cleanNow() { cleanup.run(); }"))
        .doTest();
  }

  @Test
  void positive_privatePoolInAClassThatInterruptsAThread() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource(
                "pool.execute(cleanup);",
                """
                private Thread cleaner;
                  void stop() { cleaner.interrupt(); }
                """))
        .doTest();
  }

  @Test
  void positive_privatePoolTaskWhoseLoopNeverEnds() {
    helper
        .addSourceLines(
            "Test.java",
            privatePoolSource("pool.execute(cleanup);", "")
                .replace("if (waitMillis < 0) return;", ""))
        .doTest();
  }

  // ---------------------------------------------------------------- stop-flag doorbells

  @Test
  void negative_doorbellThroughASetter() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static final class Stopper extends Thread {
                private volatile boolean stopped;

                void shutdown() {
                  stopped = true;
                }

                @Override
                public void run() {
                  while (!stopped) {
                    try {
                      Thread.sleep(1000);
                    } catch (InterruptedException e) {
                      System.err.println("woken up");
                    }
                  }
                }
              }

              private final Stopper stopper = new Stopper();

              void close() {
                stopper.shutdown();
                stopper.interrupt();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_doorbellOfACounterWrittenByAnyWriteForm() {
    // A stop counter bumped with `+= 1` or with `++` before the interrupt: both are writes.
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static final class Compound extends Thread {
                private volatile int stops;

                void shutdown() {
                  stops += 1;
                  interrupt();
                }

                @Override
                public void run() {
                  while (stops == 0) {
                    try {
                      Thread.sleep(1000);
                    } catch (InterruptedException e) {
                      System.err.println("woken up");
                    }
                  }
                }
              }

              static final class Increment extends Thread {
                private volatile int stops;

                void shutdown() {
                  stops++;
                  interrupt();
                }

                @Override
                public void run() {
                  while (stops == 0) {
                    try {
                      Thread.sleep(1000);
                    } catch (InterruptedException e) {
                      System.err.println("woken up");
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_counterIncrementedButNobodyInterrupts() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static final class Increment extends Thread {
                private volatile int stops;

                void shutdown() {
                  stops++;
                }

                @Override
                public void run() {
                  while (stops == 0) {
                    try {
                      Thread.sleep(1000);
                      // BUG: Diagnostic contains: swallows it
                    } catch (InterruptedException e) {
                      System.err.println("woken up");
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_setterCalledButNobodyInterrupts() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              static final class Stopper extends Thread {
                private volatile boolean stopped;

                void shutdown() {
                  stopped = true;
                }

                @Override
                public void run() {
                  while (!stopped) {
                    try {
                      Thread.sleep(1000);
                      // BUG: Diagnostic contains: swallows it
                    } catch (InterruptedException e) {
                      System.err.println("woken up");
                    }
                  }
                }
              }

              private final Stopper stopper = new Stopper();

              void close() {
                stopper.shutdown();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_doorbellOfATaskLoopIsTheOwnPoolsShutdownNow() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Test {
              private final AtomicBoolean started = new AtomicBoolean();
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              BlockingQueue<Runnable> operations;

              void start() {
                started.set(true);
                pool.execute(this::loop);
              }

              private boolean markClosed() {
                return started.compareAndSet(true, false);
              }

              void close() {
                if (markClosed()) {
                  pool.shutdownNow();
                }
              }

              private void loop() {
                while (started.get()) {
                  try {
                    operations.take().run();
                  } catch (InterruptedException e) {
                    // the while test sees the closed state
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_poolShutdownNowWithoutTheStopFlag() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Test {
              private final AtomicBoolean started = new AtomicBoolean();
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              BlockingQueue<Runnable> operations;

              void start() {
                started.set(true);
                pool.execute(this::loop);
              }

              void close() {
                pool.shutdownNow();
              }

              private void loop() {
                while (started.get()) {
                  try {
                    operations.take().run();
                    // BUG: Diagnostic contains: swallows it
                  } catch (InterruptedException e) {
                    // the while test sees the closed state
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_catchTestsTheStopFlagAndLeaves() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test implements Runnable {
              private volatile boolean closed;
              private Thread worker;
              BlockingQueue<Runnable> queue;

              void close() {
                closed = true;
                worker.interrupt();
              }

              @Override
              public void run() {
                while (true) {
                  Runnable next;
                  try {
                    next = queue.take();
                  } catch (InterruptedException e) {
                    if (closed) {
                      return;
                    }
                    continue;
                  }
                  next.run();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_catchTestsAFlagNobodySetsWhereTheyInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test implements Runnable {
              private volatile boolean closed;
              BlockingQueue<Runnable> queue;

              void close() {
                closed = true;
              }

              @Override
              public void run() {
                while (true) {
                  Runnable next;
                  try {
                    next = queue.take();
                    // BUG: Diagnostic contains: without restoring
                  } catch (InterruptedException e) {
                    if (closed) {
                      return;
                    }
                    continue;
                  }
                  next.run();
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------ code on a thread the class owns

  @Test
  void negative_eventLoopMethodGuardedByAnOwnThreadAssertion() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              private Thread thread;
              BlockingQueue<Runnable> tasks;

              boolean inEventLoop() {
                return Thread.currentThread() == thread;
              }

              public void runTasks() {
                assert inEventLoop();
                while (!tasks.isEmpty()) {
                  try {
                    tasks.take().run();
                  } catch (InterruptedException e) {
                    System.err.println("woken up");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_workerMethodGuardedByAThrowingOwnThreadCheck() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              private Thread owner;

              void pause() {
                if (Thread.currentThread() != owner) {
                  throw new IllegalStateException("not on the loop thread");
                }
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("woken up");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_guardTestsAnotherThreadsIdentity() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              private Thread owner;

              void pause(Thread caller) {
                assert caller != null;
                try {
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("woken up");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_methodGuardedByAPreconditionHelperOnTheOwnThread() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              private Thread loopThread;

              private boolean inEventLoop() {
                return Thread.currentThread() == loopThread;
              }

              private static void checkState(boolean condition, String message) {
                if (!condition) {
                  throw new IllegalStateException(message);
                }
              }

              public void pause() {
                checkState(inEventLoop(), "not on the loop thread");
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("woken up");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_preconditionHelperThatTestsSomethingElse() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              private Thread loopThread;
              private volatile boolean open;

              private boolean isOpen() {
                return open;
              }

              private static void checkState(boolean condition, String message) {
                if (!condition) {
                  throw new IllegalStateException(message);
                }
              }

              public void pause() {
                checkState(isOpen(), "closed");
                try {
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("woken up");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_publicMethodCalledOnlyFromAnExecutorsOwnWorkerRun() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.Executor;
            class Test implements Executor, Runnable {
              private volatile boolean running = true;
              BlockingQueue<Runnable> tasks;

              @Override
              public void execute(Runnable task) {
                tasks.add(task);
              }

              @Override
              public void run() {
                while (running) {
                  runNext();
                }
              }

              public void runNext() {
                takeAndRun();
              }

              public void takeAndRun() {
                try {
                  tasks.take().run();
                } catch (InterruptedException e) {
                  System.err.println("woken up");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_publicMethodOfAnExecutorAlsoCalledFromExecute() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.Executor;
            class Test implements Executor, Runnable {
              private volatile boolean running = true;
              BlockingQueue<Runnable> tasks;

              @Override
              public void execute(Runnable task) {
                tasks.add(task);
                if (!running) {
                  takeAndRun();
                }
              }

              @Override
              public void run() {
                while (running) {
                  takeAndRun();
                }
              }

              public void takeAndRun() {
                try {
                  tasks.take().run();
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("woken up");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_methodCalledOnlyFromTheOwnThreadsRun() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test extends Thread {
              private volatile boolean running = true;
              BlockingQueue<Runnable> tasks;

              @Override
              public void run() {
                while (running) {
                  processOne();
                }
              }

              public void processOne() {
                try {
                  tasks.take().run();
                } catch (InterruptedException e) {
                  System.err.println("woken up");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_methodAlsoCalledFromOutsideRun() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test extends Thread {
              private volatile boolean running = true;
              BlockingQueue<Runnable> tasks;

              @Override
              public void run() {
                while (running) {
                  processOne();
                }
              }

              public void drain() {
                processOne();
              }

              public void processOne() {
                try {
                  tasks.take().run();
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("woken up");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_methodCalledOnlyFromRunOfARunnableNobodyGivesAThread() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test implements Runnable {
              BlockingQueue<Runnable> tasks;

              @Override
              public void run() {
                processOne();
              }

              void processOne() {
                try {
                  tasks.take().run();
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("woken up");
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  @Test
  void fix_restoreInEmptyCatch() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {}
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_restoreKeepsTheCommentsOfAnEmptyCatch() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  // Swallow: the API cannot propagate it
                }
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  // Swallow: the API cannot propagate it
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_restoreBeforeWrapping() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  throw new IllegalStateException("stopped", e);
                }
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException("stopped", e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_guardedRestoreForCatchException() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.Future;
            class Test {
              Object f(Future<Object> future) {
                try {
                  return future.get();
                } catch (Exception e) {
                  return null;
                }
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.Future;
            class Test {
              Object f(Future<Object> future) {
                try {
                  return future.get();
                } catch (Exception e) {
                  if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                  }
                  return null;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_rethrowWhenMethodDeclaresIt() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            class Test {
              void f() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("stopping");
                }
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            class Test {
              void f() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("stopping");
                  throw e;
                }
              }
            }
            """)
        .setFixChooser(FixChoosers.SECOND)
        .doTest();
  }

  @Test
  void fix_rethrowAddsThrowsToPrivateMethodWhoseCallersTakeIt() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            class Test {
              void run() throws InterruptedException {
                pause();
              }

              private void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("stopping");
                }
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            class Test {
              void run() throws InterruptedException {
                pause();
              }

              private void pause() throws InterruptedException {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("stopping");
                  throw e;
                }
              }
            }
            """)
        .setFixChooser(FixChoosers.SECOND)
        .doTest();
  }

  @Test
  void fix_noRethrowWhenACallerCannotTakeIt() {
    // Only the restore fix is offered: choosing the second fix changes nothing.
    refactoring
        .addInputLines(
            "Test.java",
            """
            class Test {
              void run() {
                pause();
              }

              private void pause() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  System.err.println("stopping");
                }
              }
            }
            """)
        .expectUnchanged()
        .setFixChooser(fixes -> fixes.size() > 1 ? fixes.get(1) : SuggestedFix.emptyFix())
        .doTest();
  }

  @Test
  void fix_bareInterruptedInCatchBecomesRestore() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.interrupted();
                }
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_interruptedBranchUsesIsInterrupted() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.List;
            class Test {
              void process(List<String> items) {
                for (String item : items) {
                  if (Thread.interrupted()) break;
                  System.out.println(item);
                }
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.List;
            class Test {
              void process(List<String> items) {
                for (String item : items) {
                  if (Thread.currentThread().isInterrupted()) break;
                  System.out.println(item);
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------ helpers at any depth

  @Test
  void negative_restoreThreeHelpersDeep() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  onInterrupt(e);
                }
              }

              private void onInterrupt(InterruptedException e) {
                System.err.println("interrupted: " + e);
                cleanUp();
              }

              private void cleanUp() {
                System.err.println("cleaning up");
                markInterrupted();
              }

              private void markInterrupted() {
                Thread.currentThread().interrupt();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_deepHelperChainThatNeverRestores() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f() {
                try {
                  Thread.sleep(1);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  onInterrupt(e);
                }
              }

              private void onInterrupt(InterruptedException e) {
                cleanUp(e);
              }

              private void cleanUp(InterruptedException e) {
                if (e.getMessage() == null) {
                  onInterrupt(e);
                }
                log(e);
              }

              private void log(InterruptedException e) {
                System.err.println("interrupted: " + e);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_methodReturningIntoAFlagBlindThreadLoopIsToldWhyNoRestore() {
    helper
        .addSourceLines(
            "Acceptor.java",
            """
            class Acceptor implements Runnable {
              private volatile boolean stopCalled;
              @Override
              public void run() {
                while (!stopCalled) {
                  backOff();
                }
              }
              private void backOff() {
                try {
                  Thread.sleep(50);
                // BUG: Diagnostic contains: returns into a thread's loop (line 6) that never tests the flag
                } catch (InterruptedException e) {
                  System.err.println("ignored");
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- a get() in a callback of allOf over its collection

  @Test
  void negative_getInCallbackOfAllOfOverTheSameCollection() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutionException;
            class Test {
              private final Map<String, CompletableFuture<Integer>> futures = new HashMap<>();

              CompletableFuture<Map<String, Integer>> entries() {
                return CompletableFuture.allOf(futures.values().toArray(new CompletableFuture<?>[0]))
                    .thenApply(
                        v -> {
                          Map<String, Integer> out = new HashMap<>();
                          for (Map.Entry<String, CompletableFuture<Integer>> e : futures.entrySet()) {
                            try {
                              out.put(e.getKey(), e.getValue().get());
                            } catch (InterruptedException | ExecutionException x) {
                              throw new RuntimeException(x);
                            }
                          }
                          return out;
                        });
              }

              CompletableFuture<Map<String, Integer>> mapForEach() {
                return CompletableFuture.allOf(futures.values().toArray(new CompletableFuture<?>[0]))
                    .thenApply(
                        v -> {
                          Map<String, Integer> out = new HashMap<>();
                          futures.forEach(
                              (key, future) -> {
                                try {
                                  out.put(key, future.get());
                                } catch (InterruptedException | ExecutionException x) {
                                  throw new RuntimeException(x);
                                }
                              });
                          return out;
                        });
              }

              static CompletableFuture<Integer> sum(List<CompletableFuture<Integer>> parts) {
                CompletableFuture<Void> all = CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
                return all.thenApply(
                    v -> {
                      int total = 0;
                      for (CompletableFuture<Integer> part : parts) {
                        try {
                          total += part.get();
                        } catch (Exception x) {
                          throw new IllegalStateException(x);
                        }
                      }
                      return total;
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void getInAPrivateHelperOfAnAllOfCallback() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            class Test {
              private final Map<String, CompletableFuture<Integer>> futures;
              private final Map<String, CompletableFuture<Integer>> others;

              Test(Map<String, CompletableFuture<Integer>> futures, Map<String, CompletableFuture<Integer>> others) {
                this.futures = futures;
                this.others = others;
              }

              CompletableFuture<List<Integer>> all() {
                return CompletableFuture.allOf(futures.values().toArray(new CompletableFuture<?>[0]))
                    .thenApply(v -> values(futures));
              }

              private List<Integer> values(Map<String, CompletableFuture<Integer>> done) {
                List<Integer> out = new ArrayList<>();
                for (CompletableFuture<Integer> f : done.values()) {
                  try {
                    out.add(f.get());
                  } catch (Exception e) {
                    throw new IllegalStateException("unreachable: allOf completed", e);
                  }
                }
                return out;
              }

              CompletableFuture<List<Integer>> mixed() {
                return CompletableFuture.allOf(futures.values().toArray(new CompletableFuture<?>[0]))
                    .thenApply(v -> valuesAlsoCalledElsewhere(futures));
              }

              List<Integer> direct() {
                return valuesAlsoCalledElsewhere(others);
              }

              private List<Integer> valuesAlsoCalledElsewhere(Map<String, CompletableFuture<Integer>> maybe) {
                List<Integer> out = new ArrayList<>();
                for (CompletableFuture<Integer> f : maybe.values()) {
                  try {
                    out.add(f.get());
                    // BUG: Diagnostic contains: Whoever interrupted this thread
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
                return out;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_getNotCoveredByTheAllOfCallback() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            class Test {
              private List<CompletableFuture<Integer>> reassigned = new ArrayList<>();

              static CompletableFuture<Integer> otherCollection(
                  List<CompletableFuture<Integer>> waited, List<CompletableFuture<Integer>> others) {
                return CompletableFuture.allOf(waited.toArray(new CompletableFuture<?>[0]))
                    .thenApply(
                        v -> {
                          int total = 0;
                          for (CompletableFuture<Integer> f : others) {
                            try {
                              total += f.get();
                              // BUG: Diagnostic contains: Whoever interrupted this thread
                            } catch (Exception x) {
                              System.err.println(x);
                            }
                          }
                          return total;
                        });
              }

              static int beforeTheCallback(List<CompletableFuture<Integer>> parts) {
                CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
                int total = 0;
                for (CompletableFuture<Integer> part : parts) {
                  try {
                    total += part.get();
                    // BUG: Diagnostic contains: Whoever interrupted this thread
                  } catch (Exception x) {
                    System.err.println(x);
                  }
                }
                return total;
              }

              CompletableFuture<Integer> fieldThatMayChange() {
                return CompletableFuture.allOf(reassigned.toArray(new CompletableFuture<?>[0]))
                    .thenApply(
                        v -> {
                          int total = 0;
                          for (CompletableFuture<Integer> f : reassigned) {
                            try {
                              total += f.get();
                              // BUG: Diagnostic contains: Whoever interrupted this thread
                            } catch (Exception x) {
                              System.err.println(x);
                            }
                          }
                          return total;
                        });
              }

              void replace(List<CompletableFuture<Integer>> next) {
                reassigned = next;
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------ restored by the statements after the try

  @Test
  void negative_innerCatchFollowedByARestore() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Test {
              void stop(ExecutorService pool) {
                pool.shutdown();
                try {
                  pool.awaitTermination(1, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                  pool.shutdownNow();
                  try {
                    pool.awaitTermination(1, TimeUnit.SECONDS);
                  } catch (InterruptedException inner) {
                    System.err.println("some tasks may still run");
                  }
                  // Preserve interrupt status
                  Thread.currentThread().interrupt();
                }
              }

              void afterALog(ExecutorService pool) {
                try {
                  pool.awaitTermination(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
                System.err.println("stopping");
                Thread.currentThread().interrupt();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_restoreAfterTheTryNotOnEveryPath() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Test {
              boolean stopping;

              void conditional(ExecutorService pool) {
                try {
                  pool.awaitTermination(1, TimeUnit.SECONDS);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
                if (stopping) {
                  Thread.currentThread().interrupt();
                }
              }

              int returnsFirst(ExecutorService pool) {
                try {
                  pool.awaitTermination(1, TimeUnit.SECONDS);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
                if (pool.isTerminated()) {
                  return 0;
                }
                Thread.currentThread().interrupt();
                return 1;
              }

              int catchReturns(ExecutorService pool) {
                try {
                  pool.awaitTermination(1, TimeUnit.SECONDS);
                  // BUG: Diagnostic contains: returns
                } catch (InterruptedException e) {
                  return -1;
                }
                Thread.currentThread().interrupt();
                return 1;
              }
            }
            """)
        .doTest();
  }

  // ----------------------------------- an unchecked throw out of a thread's whole work ends it

  @Test
  void throwOutOfAThreadsWholeWorkEndsTheThread() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.ExecutorService;
            class Test {
              private final ExecutorService pool;
              private volatile boolean running = true;

              Test(ExecutorService pool) {
                this.pool = pool;
              }

              void publisher() {
                new Thread(
                        () -> {
                          while (running) {
                            try {
                              Thread.sleep(10);
                            } catch (InterruptedException e) {
                              throw new RuntimeException(e);
                            } finally {
                              System.out.println("tick");
                            }
                          }
                        })
                    .start();
              }

              static final class Consumer extends Thread {
                @Override
                public void run() {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted", e);
                  }
                }
              }

              // A task of a pool: the exception goes to its future, and the pool's thread goes on.
              void task() {
                pool.submit(
                    () -> {
                      try {
                        Thread.sleep(10);
                        // BUG: Diagnostic contains: throws RuntimeException
                      } catch (InterruptedException e) {
                        throw new RuntimeException(e);
                      }
                    });
              }

              // The thread's own catch takes the exception and its loop goes on.
              void caughtInTheThread() {
                new Thread(
                        () -> {
                          while (running) {
                            try {
                              try {
                                Thread.sleep(10);
                                // BUG: Diagnostic contains: throws IllegalStateException
                              } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                              }
                            } catch (Exception e) {
                              System.err.println("retrying: " + e);
                            }
                          }
                        })
                    .start();
              }

              // A private method that ends with its thread: the top level that calls it may catch
              // the exception, so the throw alone is not taken as the end of the thread.
              void viaPrivateMethod() {
                new Thread(
                        () -> {
                          loop();
                        })
                    .start();
              }

              private void loop() {
                try {
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: throws RuntimeException
                } catch (InterruptedException e) {
                  throw new RuntimeException(e);
                }
              }

              // Not a thread at all: the caller's thread goes on with the flag cleared.
              void onTheCallersThread() {
                try {
                  Thread.sleep(10);
                  // BUG: Diagnostic contains: throws RuntimeException
                } catch (InterruptedException e) {
                  throw new RuntimeException(e);
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------ a project's own thread factory method

  @Test
  void threadFactoryMethodsBodyEndsItsThread() {
    helper
        .addSourceLines(
            "Threads.java",
            """
            final class Threads {
              static Thread daemon(String name, Runnable work) {
                Thread thread = new Thread(work, name);
                thread.setDaemon(true);
                return thread;
              }

              static void runLater(Runnable work) {
                new java.util.Timer().schedule(
                    new java.util.TimerTask() {
                      @Override
                      public void run() {
                        work.run();
                      }
                    },
                    10);
              }
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void start() {
                Threads.daemon(
                        "refresher",
                        () -> {
                          while (true) {
                            try {
                              Thread.sleep(1000);
                            } catch (InterruptedException e) {
                              System.err.println("refresher interrupted, exiting");
                              return;
                            }
                          }
                        })
                    .start();
                Runtime.getRuntime()
                    .addShutdownHook(
                        Threads.daemon(
                            "hook",
                            () -> {
                              try {
                                Thread.sleep(10);
                              } catch (InterruptedException ignored) {
                                // shutting down anyway
                              }
                            }));
              }

              void notAThread() {
                Threads.runLater(
                    () -> {
                      try {
                        Thread.sleep(1000);
                        // BUG: Diagnostic contains: returns
                      } catch (InterruptedException e) {
                        return;
                      }
                    });
              }

              // The exception leaves the thread's whole work and ends the thread, as the interrupt
              // asked: nobody is left to read the flag.
              void wrapsInTheThread() {
                Threads.daemon(
                        "wrapper",
                        () -> {
                          while (true) {
                            try {
                              Thread.sleep(1000);
                            } catch (InterruptedException e) {
                              throw new IllegalStateException(e);
                            }
                          }
                        })
                    .start();
              }

              // ... but here the thread's own loop catches it and goes on.
              void wrapsCaughtInTheThread() {
                Threads.daemon(
                        "wrapper",
                        () -> {
                          while (true) {
                            try {
                              try {
                                Thread.sleep(1000);
                                // BUG: Diagnostic contains: throws IllegalStateException
                              } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                              }
                            } catch (RuntimeException e) {
                              System.err.println("retrying: " + e);
                            }
                          }
                        })
                    .start();
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------- code run only by a nested worker's run(), guards after
  // returns

  @Test
  void negative_methodCalledOnlyFromANestedWorkersRun() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ThreadFactory;
            class Test {
              private final TaskRunner taskRunner = new TaskRunner();
              BlockingQueue<Runnable> taskQueue;
              volatile Thread thread;

              void start(ThreadFactory threadFactory) {
                Thread t = threadFactory.newThread(taskRunner);
                thread = t;
                t.start();
              }

              Runnable takeTask() {
                try {
                  return taskQueue.take();
                } catch (InterruptedException e) {
                  return null; // woken up
                }
              }

              final class TaskRunner implements Runnable {
                @Override
                public void run() {
                  for (; ; ) {
                    Runnable task = takeTask();
                    if (task == null && taskQueue.isEmpty()) {
                      break;
                    }
                    if (task != null) {
                      task.run();
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_nestedClassMethodOtherThanItsRun() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              BlockingQueue<Runnable> taskQueue;

              Runnable takeTask() {
                try {
                  return taskQueue.take();
                  // BUG: Diagnostic contains: returns
                } catch (InterruptedException e) {
                  return null;
                }
              }

              final class Helper {
                Runnable next() {
                  return takeTask();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void ownThreadGuardAfterEarlyReturns() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              private volatile Thread thread;
              private volatile boolean shuttingDown;

              boolean inEventLoop() {
                return Thread.currentThread() == thread;
              }

              boolean confirmShutdown() {
                if (!shuttingDown) {
                  return false;
                }
                if (!inEventLoop()) {
                  throw new IllegalStateException("must be invoked from an event loop");
                }
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  // woken up by the loop itself
                }
                return false;
              }

              boolean workBeforeTheGuard() {
                shuttingDown = true;
                if (!inEventLoop()) {
                  throw new IllegalStateException("must be invoked from an event loop");
                }
                try {
                  Thread.sleep(100);
                  // BUG: Diagnostic contains: swallows it
                } catch (InterruptedException e) {
                  // woken up
                }
                return false;
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- a bare Thread.interrupted() as a thread ends

  @Test
  void bareInterruptedAsTheThreadEnds() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test extends Thread {
              BlockingQueue<Runnable> beats;
              volatile Exception failure;

              @Override
              public void run() {
                try {
                  while (true) {
                    beats.take().run();
                  }
                } catch (InterruptedException e) {
                  Thread.interrupted();
                  failure = e;
                } finally {
                  System.err.println("heartbeat thread has closed");
                }
              }

              void notTheThreadsEnd() {
                try {
                  beats.take().run();
                } catch (InterruptedException e) {
                  // BUG: Diagnostic contains: Thread.interrupted() clears the interrupt flag
                  Thread.interrupted();
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- uninterruptible variants

  @Test
  void negative_uninterruptibleVariantCallsSharedWaitWithFalse() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              private final Object lock = new Object();
              private boolean ready;

              boolean awaitUninterruptibly(long millis) {
                try {
                  return await0(millis, false);
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }

              boolean await(long millis) throws InterruptedException {
                return await0(millis, true);
              }

              private boolean await0(long millis, boolean interruptible)
                  throws InterruptedException {
                boolean interrupted = false;
                synchronized (lock) {
                  try {
                    while (!ready) {
                      try {
                        lock.wait(millis);
                      } catch (InterruptedException e) {
                        if (interruptible) {
                          throw e;
                        }
                        interrupted = true;
                      }
                    }
                  } finally {
                    if (interrupted) {
                      Thread.currentThread().interrupt();
                    }
                  }
                }
                return ready;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_sharedWaitCalledWithTrue() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              boolean awaitQuietly(java.util.concurrent.CountDownLatch latch) {
                try {
                  return await0(latch, true);
                  // BUG: Diagnostic contains: returns
                } catch (InterruptedException e) {
                  return false;
                }
              }

              private static boolean await0(
                  java.util.concurrent.CountDownLatch latch, boolean interruptible)
                  throws InterruptedException {
                if (interruptible) {
                  latch.await();
                }
                return latch.getCount() == 0;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_sharedWaitThrowsOutsideTheGuard() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              boolean awaitQuietly(java.util.concurrent.CountDownLatch latch) {
                try {
                  return await0(latch, false);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  return false;
                }
              }

              private static boolean await0(java.util.concurrent.CountDownLatch latch, boolean timed)
                  throws InterruptedException {
                if (timed) {
                  return latch.await(1, java.util.concurrent.TimeUnit.SECONDS);
                }
                latch.await();
                return true;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_guardParameterReassigned() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void sleepQuietly() {
                try {
                  sleep0(false);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                }
              }

              private static void sleep0(boolean interruptible) throws InterruptedException {
                interruptible = !interruptible;
                if (interruptible) {
                  Thread.sleep(10);
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- the current thread in a local

  @Test
  void negative_recordRestoredThroughLocalCurrentThread() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.locks.LockSupport;
            class Test {
              private volatile boolean done;

              void await() {
                final Thread thread = Thread.currentThread();
                boolean intr = Thread.interrupted();
                try {
                  do {
                    LockSupport.park(this);
                    if (Thread.interrupted()) intr = true;
                  } while (!done);
                } finally {
                  if (intr) thread.interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_localThreadInterruptedFromLambda() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Executor;
            class Test {
              void f(Executor executor, java.util.concurrent.BlockingQueue<String> q) {
                Thread thread = Thread.currentThread();
                try {
                  q.take();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  executor.execute(() -> thread.interrupt());
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_localThreadIsNotTheCurrentOne() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void f(Thread worker, java.util.concurrent.BlockingQueue<String> q) {
                Thread thread = worker;
                try {
                  q.take();
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  thread.interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- main

  @Test
  void negative_catchInMain() {
    helper
        .addSourceLines(
            "Demo.java",
            """
            public class Demo {
              public static void main(String[] args) {
                while (true) {
                  System.out.println("tick");
                  try {
                    Thread.sleep(1000);
                  } catch (InterruptedException e) {
                    // nothing interrupts the main thread
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_mainHandsItsThreadOut() {
    helper
        .addSourceLines(
            "Demo.java",
            """
            public class Demo {
              static volatile Thread mainThread;

              public static void main(String[] args) {
                mainThread = Thread.currentThread();
                while (true) {
                  System.out.println("tick");
                  try {
                    Thread.sleep(1000);
                    // BUG: Diagnostic contains: SwallowedInterrupt
                  } catch (InterruptedException e) {
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_lambdaInMainRunsOnAnotherThread() {
    helper
        .addSourceLines(
            "Demo.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            public class Demo {
              public static void main(String[] args) {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.execute(
                    () -> {
                      while (true) {
                        try {
                          Thread.sleep(1000);
                          // BUG: Diagnostic contains: SwallowedInterrupt
                        } catch (InterruptedException e) {
                        }
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_helperCalledFromMain() {
    // Public: other code may call it on its own threads (a package-private helper only main
    // reaches is SwallowedInterruptProgramThreadTest's).
    helper
        .addSourceLines(
            "Demo.java",
            """
            public class Demo {
              public static void main(String[] args) {
                pause();
              }

              public static void pause() {
                try {
                  Thread.sleep(1000);
                  // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_uncheckedThrowFromAPoolTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void start(ExecutorService pool, BlockingQueue<Runnable> queue) {
                pool.submit(
                    () -> {
                      try {
                        queue.take().run();
                        // BUG: Diagnostic contains: throws RuntimeException
                      } catch (InterruptedException e) {
                        throw new RuntimeException(e);
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_helperWhoseCallerGoesOnToBlock_saysWhereToRestore() {
    helper
        .addSourceLines(
            "Stream.java",
            """
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;

            class Stream {
              Future<?> pending;
              Thread copier;

              void close() throws Exception {
                if (!tryCleanClose()) {
                  copier.join(200);
                }
              }

              private boolean tryCleanClose() {
                try {
                  pending.get(0, TimeUnit.MILLISECONDS);
                  return true;
                  // BUG: Diagnostic contains: its caller goes on to a blocking call (line 11)
                } catch (TimeoutException | InterruptedException e) {
                  return false;
                } catch (Exception e) {
                  return true;
                }
              }
            }
            """)
        .doTest();
  }

  private static final String WATCHER =
      """
      import java.util.Queue;
      import java.util.concurrent.ConcurrentLinkedQueue;
      import java.util.concurrent.ThreadFactory;
      final class DeathWatcher {
        private static final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
        private static final Watcher watcher = new Watcher();
        private static volatile Thread watcherThread;
        private final ThreadFactory threadFactory;

        DeathWatcher(ThreadFactory threadFactory) {
          this.threadFactory = threadFactory;
        }

        void watch(Runnable task) {
          pending.add(task);
          Thread thread = threadFactory.newThread(watcher);
          thread.setDaemon(true);
          thread.start();
          watcherThread = thread;
        }

        boolean awaitInactivity(long millis) throws InterruptedException {
          Thread thread = watcherThread;
          if (thread != null) {
            thread.join(millis);
            return !thread.isAlive();
          }
          return true;
        }

        private static final class Watcher implements Runnable {
          @Override
          public void run() {
            for (;;) {
              Runnable task = pending.poll();
              if (task != null) {
                task.run();
              }
              try {
                Thread.sleep(1000);
              } catch (InterruptedException ignore) {
                // MARK
              }
              if (pending.isEmpty()) {
                break;
              }
            }
          }
        }
      }
      """;

  @Test
  void negative_loopOfAThreadItsClassKeepsAndNeverInterrupts() {
    // The watcher's thread is made from a private Runnable, held in a local and a private field,
    // never handed out nor interrupted: an interrupt there is a stray one, and the loop ends by
    // its own protocol.
    helper.addSourceLines("DeathWatcher.java", WATCHER).doTest();
  }

  @Test
  void positive_loopOfAThreadHandedOut() {
    helper
        .addSourceLines(
            "DeathWatcher.java",
            WATCHER
                .replace("          // MARK\n", "")
                .replace(
                    "        } catch (InterruptedException ignore) {",
                    "        // BUG: Diagnostic contains: without restoring\n"
                        + "        } catch (InterruptedException ignore) {")
                .replace(
                    "  boolean awaitInactivity(",
                    "  Thread thread() {\n    return watcherThread;\n  }\n\n  boolean awaitInactivity("))
        .doTest();
  }

  @Test
  void positive_loopOfAThreadItsClassInterrupts() {
    helper
        .addSourceLines(
            "DeathWatcher.java",
            WATCHER
                .replace("          // MARK\n", "")
                .replace(
                    "        } catch (InterruptedException ignore) {",
                    "        // BUG: Diagnostic contains: without restoring\n"
                        + "        } catch (InterruptedException ignore) {")
                .replace(
                    "      thread.join(millis);",
                    "      thread.interrupt();\n      thread.join(millis);"))
        .doTest();
  }

  /** The watcher whose loop never ends: its {@code break} is gone. */
  private static final String NEVER_ENDING_WATCHER =
      WATCHER
          .replace("          // MARK\n", "")
          .replace("        if (pending.isEmpty()) {\n          break;\n        }\n", "");

  @Test
  void negative_loopThatNeverEndsOnAThreadItsClassKeeps_isTheLoopChecksFinding() {
    // Nothing can interrupt the watcher's thread, and its loop can never end: that is
    // LoopWithoutCancellationPoint's finding on the same loop (below), not this check's.
    helper.addSourceLines("DeathWatcher.java", NEVER_ENDING_WATCHER).doTest();
    loopHelper
        .addSourceLines(
            "DeathWatcher.java",
            NEVER_ENDING_WATCHER.replace(
                "      for (;;) {",
                "      // BUG: Diagnostic contains: catches the InterruptedException of sleep()\n"
                    + "      for (;;) {"))
        .doTest();
  }

  @Test
  void positive_loopThatNeverEndsOnAThreadItsClassInterrupts() {
    helper
        .addSourceLines(
            "DeathWatcher.java",
            NEVER_ENDING_WATCHER
                .replace(
                    "        } catch (InterruptedException ignore) {",
                    "        // BUG: Diagnostic contains: without restoring\n"
                        + "        } catch (InterruptedException ignore) {")
                .replace(
                    "      thread.join(millis);",
                    "      thread.interrupt();\n      thread.join(millis);"))
        .doTest();
  }

  @Test
  void positive_loopOfAThreadItsClassKeepsThatIsNotADaemon() {
    helper
        .addSourceLines(
            "DeathWatcher.java",
            WATCHER
                .replace("          // MARK\n", "")
                .replace(
                    "        } catch (InterruptedException ignore) {",
                    "        // BUG: Diagnostic contains: without restoring\n"
                        + "        } catch (InterruptedException ignore) {")
                .replace("    thread.setDaemon(true);\n", ""))
        .doTest();
  }

  /** A factory of the project whose constructor says whether its threads are daemons. */
  private static final String NAMED_FACTORY =
      """
      import java.util.concurrent.ThreadFactory;
      final class NamedFactory implements ThreadFactory {
        private final String name;
        private final boolean daemon;

        NamedFactory(String name, boolean daemon) {
          this.name = name;
          this.daemon = daemon;
        }

        @Override
        public Thread newThread(Runnable task) {
          Thread thread = new Thread(task, name);
          thread.setDaemon(daemon);
          return thread;
        }
      }
      """;

  /** The watcher's thread made a daemon by the factory the class makes, not by setDaemon. */
  private static String watcherWithFactory(String factory) {
    return WATCHER
        .replace("          // MARK\n", "")
        .replace("    thread.setDaemon(true);\n", "")
        .replace(
            "  private final ThreadFactory threadFactory;\n\n"
                + "  DeathWatcher(ThreadFactory threadFactory) {\n"
                + "    this.threadFactory = threadFactory;\n"
                + "  }\n",
            "  private static final ThreadFactory threadFactory;\n\n"
                + "  static {\n"
                + "    threadFactory = "
                + factory
                + ";\n"
                + "  }\n");
  }

  @Test
  void negative_loopOfAThreadItsClassKeepsMadeByADaemonFactoryItMakes() {
    helper
        .addSourceLines("NamedFactory.java", NAMED_FACTORY)
        .addSourceLines(
            "DeathWatcher.java", watcherWithFactory("new NamedFactory(\"watcher\", true)"))
        .doTest();
  }

  @Test
  void positive_loopOfAThreadMadeByAFactoryThatMakesNoDaemons() {
    helper
        .addSourceLines("NamedFactory.java", NAMED_FACTORY)
        .addSourceLines(
            "DeathWatcher.java",
            watcherWithFactory("new NamedFactory(\"watcher\", false)")
                .replace(
                    "        } catch (InterruptedException ignore) {",
                    "        // BUG: Diagnostic contains: without restoring\n"
                        + "        } catch (InterruptedException ignore) {"))
        .doTest();
  }

  @Test
  void positive_loopOfAThreadMadeByAFactoryWhoseTrueIsNotTheDaemonParameter() {
    helper
        .addSourceLines(
            "NamedFactory.java",
            NAMED_FACTORY
                .replace("boolean daemon) {", "boolean verbose) {")
                .replace("this.daemon = daemon;", "this.daemon = false;"))
        .addSourceLines(
            "DeathWatcher.java",
            watcherWithFactory("new NamedFactory(\"watcher\", true)")
                .replace(
                    "        } catch (InterruptedException ignore) {",
                    "        // BUG: Diagnostic contains: without restoring\n"
                        + "        } catch (InterruptedException ignore) {"))
        .doTest();
  }

  @Test
  void positive_loopOfAThreadMadeByAFactoryHandedIn() {
    // The factory comes from the caller: whether its threads are daemons is not known here.
    helper
        .addSourceLines(
            "DeathWatcher.java",
            WATCHER
                .replace("          // MARK\n", "")
                .replace("    thread.setDaemon(true);\n", "")
                .replace(
                    "        } catch (InterruptedException ignore) {",
                    "        // BUG: Diagnostic contains: without restoring\n"
                        + "        } catch (InterruptedException ignore) {"))
        .doTest();
  }

  @Test
  void positive_runnableOthersCanMake() {
    // A Runnable class with a constructor others can call: its run() may run on any thread.
    helper
        .addSourceLines(
            "DeathWatcher.java",
            WATCHER
                .replace("          // MARK\n", "")
                .replace(
                    "        } catch (InterruptedException ignore) {",
                    "        // BUG: Diagnostic contains: without restoring\n"
                        + "        } catch (InterruptedException ignore) {")
                .replace("final class DeathWatcher {", "public final class DeathWatcher {")
                .replace(
                    "  private static final class Watcher", "  public static final class Watcher"))
        .doTest();
  }

  @Test
  void negative_runnableOnlyItsPackageCanNameAndNoOtherFileThereDoes() {
    // Only the package can make a Watcher, and no other file of it names the class: every one is
    // made in this file, handed to the kept thread.
    helper
        .addSourceLines(
            "DeathWatcher.java",
            WATCHER.replace("  private static final class Watcher", "  static final class Watcher"))
        .addSourceLines("Other.java", "class Other {}")
        .doTest();
  }

  @Test
  void positive_runnableAnotherFileOfItsPackageMakes() {
    helper
        .addSourceLines(
            "DeathWatcher.java",
            WATCHER
                .replace("          // MARK\n", "")
                .replace(
                    "        } catch (InterruptedException ignore) {",
                    "        // BUG: Diagnostic contains: without restoring\n"
                        + "        } catch (InterruptedException ignore) {")
                .replace("  private static final class Watcher", "  static final class Watcher"))
        .addSourceLines(
            "Other.java",
            "class Other {",
            "  Thread watch() {",
            "    return new Thread(new DeathWatcher.Watcher());",
            "  }",
            "}")
        .doTest();
  }

  private static final String FINALIZER =
      """
      import java.lang.ref.Reference;
      import java.lang.ref.ReferenceQueue;
      import java.lang.reflect.Constructor;
      import java.lang.reflect.Field;

      public class Finalizer implements Runnable {
        private static final Constructor<Thread> BIG_CONSTRUCTOR = bigConstructor();
        private static final Field INHERITED = inheritedField();

        public static void startFinalizer(ReferenceQueue<Object> queue) {
          Finalizer finalizer = new Finalizer(queue);
          Thread thread = null;
          if (BIG_CONSTRUCTOR != null) {
            try {
              thread = BIG_CONSTRUCTOR.newInstance(null, finalizer, "finalizer", 0L, false);
            } catch (Throwable t) {
              // falls back to the plain constructor
            }
          }
          if (thread == null) {
            thread = new Thread(null, finalizer, "finalizer");
          }
          thread.setDaemon(true);
          try {
            if (INHERITED != null) {
              INHERITED.set(thread, null);
            }
          } catch (Throwable t) {
            // keeps what it inherited
          }
          thread.start();
        }

        private final ReferenceQueue<Object> queue;

        private Finalizer(ReferenceQueue<Object> queue) {
          this.queue = queue;
        }

        @Override
        public void run() {
          while (true) {
            try {
              if (!cleanUp(queue.remove())) {
                break;
              }
            } catch (InterruptedException e) {
              // MARK
            }
          }
        }

        private boolean cleanUp(Reference<?> reference) {
          reference.clear();
          return reference != null;
        }

        private static Constructor<Thread> bigConstructor() {
          try {
            return Thread.class.getConstructor(
                ThreadGroup.class, Runnable.class, String.class, long.class, boolean.class);
          } catch (Throwable t) {
            return null;
          }
        }

        private static Field inheritedField() {
          try {
            Field field = Thread.class.getDeclaredField("inheritableThreadLocals");
            field.setAccessible(true);
            return field;
          } catch (Throwable t) {
            return null;
          }
        }
      }
      """;

  @Test
  void negative_finalizerDaemonMadeThroughReflectionAndKept() {
    // The daemon is made by a reflective Constructor<Thread> or new Thread(..), the field write
    // through reflection hands it to nobody, and its loop ends by its own protocol: nobody can
    // interrupt it, so a stray interrupt is rightly ignored.
    helper.addSourceLines("Finalizer.java", FINALIZER).doTest();
  }

  @Test
  void positive_finalizerThreadHandedOut() {
    helper
        .addSourceLines(
            "Finalizer.java",
            FINALIZER
                .replace("        // MARK\n", "")
                .replace(
                    "      } catch (InterruptedException e) {",
                    "      // BUG: Diagnostic contains: without restoring\n"
                        + "      } catch (InterruptedException e) {")
                .replace(
                    "  public static void startFinalizer(ReferenceQueue<Object> queue) {",
                    "  public static Thread startFinalizer(ReferenceQueue<Object> queue) {")
                .replace("    thread.start();\n", "    thread.start();\n    return thread;\n"))
        .doTest();
  }

  @Test
  void positive_finalizerThreadHandedToAnotherMethod() {
    helper
        .addSourceLines(
            "Finalizer.java",
            FINALIZER
                .replace("        // MARK\n", "")
                .replace(
                    "      } catch (InterruptedException e) {",
                    "      // BUG: Diagnostic contains: without restoring\n"
                        + "      } catch (InterruptedException e) {")
                .replace(
                    "        INHERITED.set(thread, null);", "        INHERITED.set(null, thread);"))
        .doTest();
  }

  @Test
  void positive_finalizerThreadInterruptedByItsClass() {
    helper
        .addSourceLines(
            "Finalizer.java",
            FINALIZER
                .replace("        // MARK\n", "")
                .replace(
                    "      } catch (InterruptedException e) {",
                    "      // BUG: Diagnostic contains: without restoring\n"
                        + "      } catch (InterruptedException e) {")
                .replace("    thread.start();\n", "    thread.start();\n    thread.interrupt();\n"))
        .doTest();
  }

  @Test
  void messageNamesTheFileOfTheFlagBlindLoop() {
    helper
        .addSourceLines(
            "BaseAcceptor.java",
            "abstract class BaseAcceptor implements Runnable {",
            "  private volatile boolean running = true;",
            "  @Override",
            "  public void run() {",
            "    while (running) {",
            "      accept();",
            "    }",
            "  }",
            "  protected abstract void accept();",
            "}")
        .addSourceLines(
            "SocketAcceptor.java",
            "class SocketAcceptor extends BaseAcceptor {",
            "  @Override",
            "  protected void accept() {",
            "    try {",
            "      Thread.sleep(50);",
            "    // BUG: Diagnostic contains: returns into a thread's loop (line 6 of BaseAcceptor.java)",
            "    } catch (InterruptedException e) {",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  // ------------------------------------------------ a clear of only the interrupt the code caused

  @Test
  void negative_clearsOnlyTheInterruptItsOwnShutdownNowCaused() {
    // shutdownNow() may interrupt the current thread when it is one of the pool's: the method
    // takes that interrupt back, and leaves one that was there before.
    helper
        .addSourceLines(
            "Transport.java",
            """
            import java.util.concurrent.ExecutorService;
            class Transport {
              private ExecutorService shutdownService;

              void finalizeShutdown() {
                final boolean isInterrupted = Thread.currentThread().isInterrupted();
                shutdownService.shutdownNow();
                if (!isInterrupted) {
                  Thread.interrupted();
                }
              }

              void throughAHelper() {
                boolean wasInterrupted = Thread.currentThread().isInterrupted();
                stopWorkers();
                if (!wasInterrupted) Thread.interrupted();
              }

              private void stopWorkers() {
                shutdownService.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_clearOfAnInterruptTheCodeDidNotCause() {
    helper
        .addSourceLines(
            "Transport.java",
            """
            import java.util.concurrent.ExecutorService;
            class Transport {
              private ExecutorService shutdownService;
              private boolean flag;

              void nothingInBetweenInterrupts() {
                final boolean isInterrupted = Thread.currentThread().isInterrupted();
                shutdownService.shutdown();
                if (!isInterrupted) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }

              void clearsWhatWasThereBefore() {
                final boolean isInterrupted = Thread.currentThread().isInterrupted();
                shutdownService.shutdownNow();
                if (isInterrupted) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }

              void savedAfterTheInterruptingCall() {
                shutdownService.shutdownNow();
                final boolean isInterrupted = Thread.currentThread().isInterrupted();
                if (!isInterrupted) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }

              void savedSomethingElse() {
                final boolean isInterrupted = flag;
                shutdownService.shutdownNow();
                if (!isInterrupted) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }

              void savedAnotherThreadsFlag(Thread other) {
                final boolean isInterrupted = other.isInterrupted();
                shutdownService.shutdownNow();
                if (!isInterrupted) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }

              void savedThenReassigned() {
                boolean isInterrupted = Thread.currentThread().isInterrupted();
                shutdownService.shutdownNow();
                isInterrupted = false;
                if (!isInterrupted) {
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------- Thread.interrupted() where a caught interrupt is held in a local

  @Test
  void fix_bareClearWhereACaughtInterruptIsHeldRestoresInsteadOfThrowing() {
    // The exception already cleared the flag; the code keeps the item it took and returns it, so
    // throwing would lose the item: the restore is what was meant. (The catch, whose record is
    // lost on that path, is reported too; it gets no fix of its own, since the code throws the
    // exception it holds later, where a restore in the catch would also leave the flag set.)
    refactoring
        .addInputLines(
            "Queue.java",
            """
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;
            class Queue {
              Object item;

              Object poll(CountDownLatch latch, long timeout) throws InterruptedException {
                InterruptedException interruptedException = null;
                try {
                  latch.await(timeout, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ix) {
                  interruptedException = ix;
                }
                Object result = item;
                if (null != interruptedException) {
                  if (null != result) {
                    Thread.interrupted();
                  } else {
                    throw interruptedException;
                  }
                }
                return result;
              }
            }
            """)
        .addOutputLines(
            "Queue.java",
            """
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;
            class Queue {
              Object item;

              Object poll(CountDownLatch latch, long timeout) throws InterruptedException {
                InterruptedException interruptedException = null;
                try {
                  latch.await(timeout, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ix) {
                  interruptedException = ix;
                }
                Object result = item;
                if (null != interruptedException) {
                  if (null != result) {
                    Thread.currentThread().interrupt();
                  } else {
                    throw interruptedException;
                  }
                }
                return result;
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_bareClearWhereTheHeldExceptionMayBeAnotherStillThrows() {
    // The local is also given an exception the code made itself: not known to hold a caught
    // interrupt, so the method that declares InterruptedException gets the rethrow.
    refactoring
        .addInputLines(
            "Queue.java",
            """
            class Queue {
              Object item;

              Object poll(boolean late) throws InterruptedException {
                InterruptedException interruptedException = null;
                if (late) {
                  interruptedException = new InterruptedException();
                }
                Object result = item;
                if (null != interruptedException) {
                  Thread.interrupted();
                }
                return result;
              }
            }
            """)
        .addOutputLines(
            "Queue.java",
            """
            class Queue {
              Object item;

              Object poll(boolean late) throws InterruptedException {
                InterruptedException interruptedException = null;
                if (late) {
                  interruptedException = new InterruptedException();
                }
                Object result = item;
                if (null != interruptedException) {
                  if (Thread.interrupted()) {
                    throw new InterruptedException();
                  }
                }
                return result;
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------- the interrupt returned by a lambda, rethrown by its runner

  @Test
  void negative_interruptReturnedByTheLambdaAndRethrownByItsRunner() {
    helper
        .addSourceLines(
            "Tasks.java",
            """
            import java.util.concurrent.locks.Condition;
            import java.util.concurrent.locks.ReentrantLock;
            import java.util.function.Supplier;
            class Tasks {
              private final ReentrantLock lock = new ReentrantLock();
              private final Condition ready = lock.newCondition();
              private boolean available;

              void awaitWork() throws InterruptedException {
                final boolean interrupted =
                    withLock(
                        () -> {
                          if (available) {
                            return false;
                          }
                          try {
                            ready.await();
                          } catch (final InterruptedException ignored) {
                            return true;
                          }
                          return false;
                        });
                if (interrupted) {
                  throw new InterruptedException();
                }
              }

              void awaitWorkRestoring() {
                boolean interrupted =
                    withLock(
                        () -> {
                          try {
                            ready.await();
                          } catch (InterruptedException e) {
                            return true;
                          }
                          return false;
                        });
                if (interrupted) {
                  Thread.currentThread().interrupt();
                }
              }

              private <T> T withLock(Supplier<T> action) {
                lock.lock();
                try {
                  return action.get();
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptReturnedByALambdaNobodyRethrows() {
    helper
        .addSourceLines(
            "Tasks.java",
            """
            import java.util.concurrent.locks.Condition;
            import java.util.concurrent.locks.ReentrantLock;
            import java.util.function.Supplier;
            class Tasks {
              private final ReentrantLock lock = new ReentrantLock();
              private final Condition ready = lock.newCondition();

              boolean testedButNotRethrown() {
                final boolean interrupted =
                    withLock(
                        () -> {
                          try {
                            ready.await();
                          // BUG: Diagnostic contains: returns
                          } catch (InterruptedException e) {
                            return true;
                          }
                          return false;
                        });
                if (interrupted) {
                  System.out.println("interrupted");
                }
                return interrupted;
              }

              void resultDropped() {
                withLock(
                    () -> {
                      try {
                        ready.await();
                      // BUG: Diagnostic contains: returns
                      } catch (InterruptedException e) {
                        return true;
                      }
                      return false;
                    });
              }

              void runnerReturnsSomethingElse() throws InterruptedException {
                final boolean interrupted =
                    always(
                        () -> {
                          try {
                            ready.await();
                          // BUG: Diagnostic contains: returns
                          } catch (InterruptedException e) {
                            return true;
                          }
                          return false;
                        });
                if (interrupted) {
                  throw new InterruptedException();
                }
              }

              void returnsFalseOnInterrupt() throws InterruptedException {
                final boolean done =
                    withLock(
                        () -> {
                          try {
                            ready.await();
                          // BUG: Diagnostic contains: returns
                          } catch (InterruptedException e) {
                            return false;
                          }
                          return true;
                        });
                if (done) {
                  throw new InterruptedException();
                }
              }

              private <T> T withLock(Supplier<T> action) {
                lock.lock();
                try {
                  return action.get();
                } finally {
                  lock.unlock();
                }
              }

              private boolean always(Supplier<Boolean> action) {
                action.get();
                return true;
              }
            }
            """)
        .doTest();
  }

  // ------------------------- a task wrapper taking back the interrupt it aimed at its own runner

  @Test
  void negative_taskWrapperClearsTheInterruptItsCancelAimedAtItsRunner() {
    helper
        .addSourceLines(
            "CancellableTask.java",
            """
            import java.util.concurrent.atomic.AtomicInteger;
            class CancellableTask extends AtomicInteger implements Runnable {
              private final Runnable task;
              private volatile Thread runner;

              CancellableTask(Runnable task) {
                this.task = task;
              }

              @Override
              public void run() {
                runner = Thread.currentThread();
                if (compareAndSet(0, 1)) {
                  try {
                    task.run();
                  } finally {
                    runner = null;
                    if (!compareAndSet(1, 2)) {
                      while (get() == 3) {
                        Thread.yield();
                      }
                      Thread.interrupted();
                    }
                  }
                }
              }

              void cancel() {
                if (compareAndSet(1, 3)) {
                  Thread t = runner;
                  if (t != null) {
                    t.interrupt();
                  }
                  set(4);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_derivedExecutorsTaskWrapperClearsTheInterruptItsStopAimedAtItsRunner() {
    helper
        .addSourceLines(
            "SerialExecutor.java",
            """
            import java.util.Queue;
            import java.util.concurrent.ConcurrentLinkedQueue;
            import java.util.concurrent.Executor;
            class SerialExecutor implements Executor {
              private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
              private final Executor executor;
              private final Object threadLock = new Object();
              private Thread thread;
              private volatile boolean shutdown;

              SerialExecutor(Executor executor) {
                this.executor = executor;
              }

              @Override
              public synchronized void execute(Runnable r) {
                tasks.offer(
                    () -> {
                      try {
                        synchronized (threadLock) {
                          thread = Thread.currentThread();
                        }
                        r.run();
                      } finally {
                        synchronized (threadLock) {
                          thread = null;
                        }
                        Thread.interrupted();
                        scheduleNext();
                      }
                    });
              }

              private synchronized void scheduleNext() {
                Runnable next = tasks.poll();
                if (next != null) {
                  executor.execute(next);
                }
              }

              void shutdownNow() {
                shutdown = true;
                tasks.clear();
                synchronized (threadLock) {
                  if (thread != null && thread != Thread.currentThread()) {
                    thread.interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_taskWrapperClearWithoutItsOwnInterruptOfTheRunner() {
    helper
        .addSourceLines(
            "SerialExecutor.java",
            """
            import java.util.Queue;
            import java.util.concurrent.ConcurrentLinkedQueue;
            import java.util.concurrent.Executor;
            class SerialExecutor implements Executor {
              private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
              private volatile Thread thread;
              private volatile Thread other;

              @Override
              public void execute(Runnable r) {
                tasks.offer(
                    () -> {
                      thread = Thread.currentThread();
                      try {
                        r.run();
                      } finally {
                        thread = null;
                        // BUG: Diagnostic contains: its result is dropped
                        Thread.interrupted();
                      }
                    });
                tasks.offer(
                    () -> {
                      other = Thread.currentThread(); // never withdrawn
                      r.run();
                      // BUG: Diagnostic contains: its result is dropped
                      Thread.interrupted();
                    });
              }

              void shutdownNow() {
                Thread t = other; // the runner field `thread` is never interrupted
                if (t != null) {
                  t.interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_clearAfterTheWorkWithoutItsOwnInterrupt() {
    helper
        .addSourceLines(
            "CancellableTask.java",
            """
            class CancellableTask implements Runnable {
              private final Runnable task;
              private volatile Thread runner;
              private volatile Thread other;

              CancellableTask(Runnable task) {
                this.task = task;
              }

              @Override
              public void run() {
                runner = Thread.currentThread();
                try {
                  task.run();
                } finally {
                  runner = null;
                  // BUG: Diagnostic contains: its result is dropped
                  Thread.interrupted();
                }
              }

              void cancel() {
                Thread t = other; // interrupts another thread, not the runner
                if (t != null) {
                  t.interrupt();
                }
              }
            }
            """)
        .addSourceLines(
            "Published.java",
            """
            class Published implements Runnable {
              private final Runnable task;
              private volatile Thread runner;

              Published(Runnable task) {
                this.task = task;
              }

              @Override
              public void run() {
                runner = Thread.currentThread(); // never withdrawn
                task.run();
                // BUG: Diagnostic contains: its result is dropped
                Thread.interrupted();
              }

              void cancel() {
                runner.interrupt();
              }

              void elsewhere() {
                // BUG: Diagnostic contains: its result is dropped
                Thread.interrupted();
              }
            }
            """)
        .doTest();
  }
}
