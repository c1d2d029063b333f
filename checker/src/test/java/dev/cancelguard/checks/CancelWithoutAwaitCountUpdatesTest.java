package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait where the code after a cancel only adds to an atomic count that the cancelled
 * tasks also only add to, both dropping the result ({@code pending.decrementAndGet();}): the two
 * additions commute, so the count ends as it would had the code waited; and the must-flag cases
 * next to it.
 */
class CancelWithoutAwaitCountUpdatesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  @Test
  void negative_aPendingAcquisitionThatCancelsItsTimeout() {
    helper
        .addSourceLines(
            "Limit.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.ScheduledFuture;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.concurrent.atomic.AtomicLong;
            final class Limit {
              private final ScheduledExecutorService timer;
              private final AtomicLong numPending = new AtomicLong();
              private final AtomicInteger permits = new AtomicInteger();
              Limit(ScheduledExecutorService timer) {
                this.timer = timer;
              }
              private final class Pending implements Runnable {
                private final CompletableFuture<String> future;
                private final ScheduledFuture<?> timeoutFuture;
                Pending(CompletableFuture<String> future, long timeoutMillis) {
                  this.future = future;
                  timeoutFuture = timer.schedule(
                      () -> {
                        future.completeExceptionally(new IllegalStateException("timed out"));
                        numPending.decrementAndGet();
                      }, timeoutMillis, TimeUnit.MILLISECONDS);
                }
                @Override
                public void run() {
                  if (timeoutFuture.isDone() || !timeoutFuture.cancel(false)) {
                    permits.decrementAndGet();
                    return;
                  }
                  numPending.decrementAndGet();
                  future.complete("permit");
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_countsMovedByTheStopAndTheTasks() {
    helper
        .addSourceLines(
            "Sender.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.concurrent.atomic.AtomicLong;
            class Sender {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final AtomicInteger inFlight = new AtomicInteger();
              private final AtomicLong sentBytes = new AtomicLong();
              void send(byte[] message) {
                inFlight.incrementAndGet();
                pool.execute(() -> {
                  System.out.println(message.length);
                  this.sentBytes.getAndAdd(message.length);
                  inFlight.decrementAndGet();
                });
              }
              void abandon(int queued) {
                pool.shutdownNow();
                inFlight.addAndGet(-queued);
                sentBytes.getAndAdd(0L);
                pool.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_theTasksOrTheCodeReadOrSetTheCount() {
    helper
        .addSourceLines(
            "Sender.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.concurrent.atomic.AtomicLong;
            class Sender {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final AtomicInteger inFlight = new AtomicInteger();
              private final AtomicLong sentBytes = new AtomicLong();
              private final AtomicLong rounds = new AtomicLong();
              void send(byte[] message) {
                pool.execute(() -> {
                  System.out.println(message.length);
                  if (inFlight.decrementAndGet() == 0) {
                    System.out.println("drained");
                  }
                  sentBytes.set(message.length);
                  rounds.incrementAndGet();
                });
              }
              void abandonReadByTheTask(int queued) {
                // BUG: Diagnostic contains: reads inFlight
                pool.shutdownNow();
                inFlight.addAndGet(-queued);
                pool.close();
              }
              void abandonSetByTheTask() {
                // BUG: Diagnostic contains: reads sentBytes
                pool.shutdownNow();
                sentBytes.incrementAndGet();
                pool.close();
              }
              void abandonAndReadTheCount() {
                // BUG: Diagnostic contains: reads rounds
                pool.shutdownNow();
                if (rounds.incrementAndGet() > 10) {
                  System.out.println("many rounds");
                }
                pool.close();
              }
              void abandonAndSwapTheCount() {
                // BUG: Diagnostic contains: reads rounds
                pool.shutdownNow();
                rounds.getAndSet(0L);
                pool.close();
              }
              void abandonAndUpdateTheCount() {
                // BUG: Diagnostic contains: reads rounds
                pool.shutdownNow();
                rounds.updateAndGet(r -> r * 2);
                pool.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_aCountOthersCanReachOrTheTasksHandOn() {
    helper
        .addSourceLines(
            "Sender.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.atomic.AtomicLong;
            import java.util.concurrent.atomic.LongAdder;
            class Sender {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              final AtomicLong shared = new AtomicLong();
              private final AtomicLong handedOn = new AtomicLong();
              private final LongAdder adder = new LongAdder();
              void send(byte[] message) {
                pool.execute(() -> {
                  shared.incrementAndGet();
                  record(handedOn);
                  handedOn.incrementAndGet();
                  adder.increment();
                });
              }
              private static void record(AtomicLong count) {
                System.out.println(count.get());
              }
              void abandonAPackageCount() {
                // BUG: Diagnostic contains: reads shared
                pool.shutdownNow();
                shared.incrementAndGet();
                pool.close();
              }
              void abandonAHandedOnCount() {
                // BUG: Diagnostic contains: reads handedOn
                pool.shutdownNow();
                handedOn.incrementAndGet();
                pool.close();
              }
              void abandonAnAdder() {
                // BUG: Diagnostic contains: reads adder
                pool.shutdownNow();
                adder.increment();
                pool.close();
              }
            }
            """)
        .doTest();
  }
}
