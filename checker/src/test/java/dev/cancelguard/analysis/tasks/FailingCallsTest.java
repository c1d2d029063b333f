package dev.cancelguard.analysis.tasks;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.TryTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import dev.cancelguard.analysis.CancelGuardOptions;
import org.junit.jupiter.api.Test;

/**
 * Which calls {@link FailingCalls#mayFailWhenInterrupted} takes to fail at once (or spin) when the
 * interrupt flag is set, and which try-with-resources closes {@link FailingCalls#failingClose}
 * does, seen through a reporting checker: every call and close the predicate accepts is reported,
 * every neighbour it rejects is not.
 */
class FailingCallsTest {
  /** Reports "may fail" on every call, and "close of NAME" on every resource, that may fail. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class MayFail extends BugChecker
      implements MethodInvocationTreeMatcher, TryTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return FailingCalls.mayFailWhenInterrupted(tree, state, CancelGuardOptions.defaults())
          ? buildDescription(tree).setMessage("may fail").build()
          : Description.NO_MATCH;
    }

    @Override
    public Description matchTry(TryTree tree, VisitorState state) {
      Tree resource = FailingCalls.failingClose(tree, state);
      return resource == null
          ? Description.NO_MATCH
          : buildDescription(resource)
              .setMessage("close of " + state.getSourceForNode(resource))
              .build();
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MayFail.class, getClass()).matchAllDiagnostics();

  @Test
  void callsThatFailOrReturnAtOnceByThemselves() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.nio.ByteBuffer;
            import java.nio.channels.FileChannel;
            import java.nio.channels.Selector;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.locks.Condition;
            import java.util.concurrent.locks.Lock;
            import java.util.concurrent.locks.LockSupport;
            class Test {
              void f(BlockingQueue<String> queue, FileChannel channel, Selector selector, Lock lock,
                  Condition condition, ByteBuffer buffer) throws Exception {
                // BUG: Diagnostic contains: may fail
                queue.take();
                // BUG: Diagnostic contains: may fail
                channel.write(buffer);
                // BUG: Diagnostic contains: may fail
                channel.force(true);
                // BUG: Diagnostic contains: may fail
                selector.select();
                // BUG: Diagnostic contains: may fail
                LockSupport.park();
                // BUG: Diagnostic contains: may fail
                lock.lockInterruptibly();
                // BUG: Diagnostic contains: may fail
                condition.await();
                // Neighbours that do not fail: they never wait, or wait uninterruptibly.
                queue.poll();
                lock.lock();
                condition.awaitUninterruptibly();
                selector.selectNow();
                channel.isOpen();
                Thread.currentThread().isInterrupted();
              }
            }
            """)
        .doTest();
  }

  @Test
  void callsOfCodeOfTheCompilationThatWaitsTransitively() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Test {
              private final CountDownLatch latch = new CountDownLatch(1);

              void awaitQuietly() {
                while (true) {
                  try {
                    // BUG: Diagnostic contains: may fail
                    latch.await();
                    return;
                  } catch (InterruptedException e) {
                    // keep waiting
                  }
                }
              }

              void outer() {
                // BUG: Diagnostic contains: may fail
                middle();
              }

              void middle() {
                // BUG: Diagnostic contains: may fail
                awaitQuietly();
              }

              void recursive(int n) {
                if (n > 0) {
                  recursive(n - 1);
                }
              }

              void nothing() {
                latch.countDown();
              }

              void callers() {
                // BUG: Diagnostic contains: may fail
                outer();
                recursive(3);
                nothing();
              }
            }
            """)
        .doTest();
  }

  @Test
  void lifecycleCallsWhoseCodeIsNotSeen() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.InputStream;
            import java.sql.Connection;
            import java.util.concurrent.ExecutorService;
            class Test {
              void f(AutoCloseable resource, ExecutorService pool, InputStream in, Connection db,
                  java.util.concurrent.Flow.Subscription subscription, Process process) throws Exception {
                // BUG: Diagnostic contains: may fail
                resource.close();
                // Documented not to wait.
                pool.shutdown();
                pool.shutdownNow();
                process.destroy();
                process.destroyForcibly();
                // The JDK's I/O and JDBC closes release at once.
                in.close();
                db.close();
                // Not a lifecycle end.
                subscription.cancel();
              }
            }
            """)
        .doTest();
  }

  @Test
  void aDisposeIsACancelThatReturnsAtOnce() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              interface Disposable {
                void dispose();
              }
              interface Service {
                void stopService();
              }
              void f(Disposable task, Service service) {
                task.dispose();
                // BUG: Diagnostic contains: may fail
                service.stopService();
              }
            }
            """)
        .doTest();
  }

  @Test
  void lifecycleCallsFollowedIntoImplementationsOfTheCompilation() {
    helper
        .addSourceLines(
            "Test.java",
            """
            interface Component {
              void stop();
            }
            class Quick implements Component {
              @Override
              public void stop() {}
            }
            class Test {
              void f(Component component) {
                // the one implementation here waits for nothing
                component.stop();
              }
            }
            """)
        .doTest();
  }

  @Test
  void closesOfTryWithResources() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.ByteArrayInputStream;
            import java.io.InputStream;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Admin implements AutoCloseable {
              private final ExecutorService pool;

              Admin(ExecutorService pool) {
                this.pool = pool;
              }

              @Override
              public void close() throws InterruptedException {
                pool.shutdown();
                // BUG: Diagnostic contains: may fail
                pool.awaitTermination(1, TimeUnit.SECONDS);
              }
            }
            class Plain implements AutoCloseable {
              @Override
              public void close() {}
            }
            class Test {
              void f(ExecutorService pool, AutoCloseable unknown) throws Exception {
                // BUG: Diagnostic contains: close of Admin admin = new Admin(pool)
                try (Admin admin = new Admin(pool)) {}
                // BUG: Diagnostic contains: close of AutoCloseable r = unknown
                try (AutoCloseable r = unknown) {}
                try (Plain plain = new Plain()) {}
                try (InputStream in = new ByteArrayInputStream(new byte[0])) {}
              }
            }
            """)
        .doTest();
  }
}
