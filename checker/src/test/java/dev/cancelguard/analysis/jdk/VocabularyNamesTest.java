package dev.cancelguard.analysis.jdk;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The JDK vocabulary's matchers try Error Prone's type tests only on calls of their names ({@code
 * CallNames.namedFirst}): every way of writing a call they match must still match — a static
 * import, a qualified call, a method reference, a constructor, an anonymous subclass — and a call
 * of another name on the same type must not. The lists are what the matchers matched before they
 * were guarded by names, with the matchers made of them since.
 */
class VocabularyNamesTest {
  /** Reports, on each call, constructor call and method reference, every matcher that takes it. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class Vocabulary extends BugChecker
      implements MethodInvocationTreeMatcher, NewClassTreeMatcher, MemberReferenceTreeMatcher {
    private static final Map<String, Matcher<ExpressionTree>> MATCHERS = matchers();

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return report(tree, state);
    }

    @Override
    public Description matchNewClass(NewClassTree tree, VisitorState state) {
      return report(tree, state);
    }

    @Override
    public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
      return report(tree, state);
    }

    private Description report(ExpressionTree tree, VisitorState state) {
      List<String> matched = new ArrayList<>();
      MATCHERS.forEach(
          (name, matcher) -> {
            if (matcher.matches(tree, state)) {
              matched.add(name);
            }
          });
      return matched.isEmpty()
          ? Description.NO_MATCH
          : buildDescription(tree).setMessage("matches " + matched).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Matcher<ExpressionTree>> matchers() {
      Map<String, Matcher<ExpressionTree>> all = new TreeMap<>();
      for (Class<?> type :
          List.of(
              ChannelCalls.class,
              ExecutorCalls.class,
              FutureCalls.class,
              ReadOnlyCalls.class,
              RemoteIoCalls.class,
              SyncCalls.class,
              ThreadCalls.class)) {
        for (Field field : type.getFields()) {
          if (Modifier.isStatic(field.getModifiers())
              && Matcher.class.isAssignableFrom(field.getType())) {
            try {
              all.put(
                  type.getSimpleName() + "." + field.getName(),
                  (Matcher<ExpressionTree>) field.get(null));
            } catch (IllegalAccessException e) {
              throw new AssertionError(e);
            }
          }
        }
      }
      return all;
    }
  }

  @Test
  void everyFormOfACallMatchesAndOtherNamesDoNot() {
    CompilationTestHelper.newInstance(Vocabulary.class, getClass())
        .addSourceLines(
            "Test.java",
            """
            import static java.lang.Thread.interrupted;
            import static java.util.concurrent.Executors.newFixedThreadPool;
            import static java.util.concurrent.locks.LockSupport.parkNanos;

            import java.nio.ByteBuffer;
            import java.nio.channels.FileChannel;
            import java.nio.channels.Selector;
            import java.time.Clock;
            import java.time.Instant;
            import java.util.Map;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.Semaphore;
            import java.util.concurrent.ThreadFactory;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.locks.Lock;
            import java.util.function.Supplier;

            class Test {
              void calls(
                  Future<String> future,
                  CompletableFuture<String> stage,
                  ExecutorService pool,
                  Thread thread,
                  CountDownLatch latch,
                  Semaphore permits,
                  Lock lock,
                  Map<String, String> map,
                  FileChannel channel,
                  ByteBuffer buffer,
                  Selector selector,
                  Clock clock,
                  ThreadFactory factory,
                  Runnable task)
                  throws Exception {
                // BUG: Diagnostic contains: matches [ThreadCalls.INTERRUPTED]
                interrupted();
                // BUG: Diagnostic contains: matches [ThreadCalls.INTERRUPTED]
                Thread.interrupted();
                // BUG: Diagnostic contains: matches [ThreadCalls.CURRENT_THREAD]
                Thread current = Thread.currentThread();
                // BUG: Diagnostic contains: matches [ThreadCalls.IS_INTERRUPTED]
                current.isInterrupted();
                // BUG: Diagnostic contains: matches [ThreadCalls.PARK, ThreadCalls.RETURNS_AT_ONCE_WHILE_INTERRUPTED]
                parkNanos(1000);
                // BUG: Diagnostic contains: matches [ThreadCalls.SLEEP]
                TimeUnit.SECONDS.sleep(1);
                // BUG: Diagnostic contains: matches [ThreadCalls.SPIN]
                Thread.onSpinWait();
                // BUG: Diagnostic contains: matches [ThreadCalls.CREATE_UNSTARTED, ThreadCalls.FACTORY_CALL, ThreadCalls.THREAD_BODY, ThreadCalls.THREAD_FACTORY_METHOD, ThreadCalls.THREAD_WHOLE_WORK]
                Thread made = factory.newThread(task);
                // BUG: Diagnostic contains: matches [ThreadCalls.CREATE_UNSTARTED, ThreadCalls.NEW_THREAD, ThreadCalls.THREAD_BODY, ThreadCalls.THREAD_WHOLE_WORK]
                Supplier<Thread> threads = Thread::new;
                // BUG: Diagnostic contains: matches [FutureCalls.GET, FutureCalls.WAIT, SyncCalls.UNBOUNDED_WAIT]
                future.get();
                // BUG: Diagnostic contains: matches [FutureCalls.CHAINED_STAGE, FutureCalls.GET, FutureCalls.WAIT, SyncCalls.UNBOUNDED_WAIT]
                Callable<String> result = stage::get;
                // BUG: Diagnostic contains: matches [ReadOnlyCalls.SWEEP_CALL]
                map.get("key");
                // BUG: Diagnostic contains: matches [FutureCalls.FINISHED_TEST, FutureCalls.IS_DONE, ReadOnlyCalls.NON_BLOCKING_POLL, ReadOnlyCalls.SWEEP_CALL]
                future.isDone();
                // BUG: Diagnostic contains: matches [FutureCalls.FINISHED_TEST, FutureCalls.IS_CANCELLED, ReadOnlyCalls.SWEEP_CALL]
                future.isCancelled();
                // BUG: Diagnostic contains: matches [FutureCalls.PROMISE]
                CompletableFuture<String> promise = new CompletableFuture<>() {};
                // BUG: Diagnostic contains: matches [ExecutorCalls.POOL_FACTORY]
                ExecutorService fixed = newFixedThreadPool(2);
                // BUG: Diagnostic contains: matches [ExecutorCalls.END_ALL_TASKS, ExecutorCalls.SHUTDOWN, ExecutorCalls.SHUTDOWN_NOW, ExecutorCalls.STOP]
                pool.shutdownNow();
                // BUG: Diagnostic contains: matches [ExecutorCalls.TASK_SUBMISSION]
                pool.submit(task);
                // BUG: Diagnostic contains: matches [SyncCalls.LATCH_AWAIT, SyncCalls.UNBOUNDED_WAIT]
                latch.await();
                // BUG: Diagnostic contains: matches [SyncCalls.SEMAPHORE_ACQUIRE]
                permits.acquire();
                // BUG: Diagnostic contains: matches [SyncCalls.UNLOCK]
                lock.unlock();
                lock.lock();
                // BUG: Diagnostic contains: matches [ChannelCalls.INTERRUPTIBLE_CHANNEL_CALL, ChannelCalls.INTERRUPTIBLE_CHANNEL_IO]
                channel.read(buffer);
                // BUG: Diagnostic contains: matches [ChannelCalls.INTERRUPTIBLE_CHANNEL_CALL, ChannelCalls.SELECT, ThreadCalls.RETURNS_AT_ONCE_WHILE_INTERRUPTED]
                selector.select();
                // BUG: Diagnostic contains: matches [ReadOnlyCalls.CLOCK]
                clock.millis();
                // BUG: Diagnostic contains: matches [ReadOnlyCalls.CLOCK]
                Instant.now();
                // BUG: Diagnostic contains: matches [ReadOnlyCalls.CLOCK]
                System.nanoTime();
                // BUG: Diagnostic contains: matches [ThreadCalls.PROCESS_EXIT]
                Runtime.getRuntime().halt(1);
              }
            }
            """)
        .doTest();
  }
}
