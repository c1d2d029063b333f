package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Loops that end by themselves: one run of a periodic sweep, a poll that ends at its deadline and
 * keeps the interrupt for later, a loop whose catch sets the flag its condition tests; each next to
 * the neighbours that are still reported.
 */
class LoopWithoutCancellationPointEndsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(LoopWithoutCancellationPoint.class, getClass());

  // ---------------------------------------------------------------- periodic sweeps

  private static final String POOL =
      """
      import java.util.List;
      import java.util.Map;
      import java.util.Queue;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.concurrent.ConcurrentLinkedQueue;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.ScheduledFuture;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.locks.ReentrantLock;
      interface Conn {
        long lastUsed();
        void closeAsync();
      }
      class Pool {
        final Map<String, List<Conn>> pools = new ConcurrentHashMap<>();
        final Queue<Conn> pending = new ConcurrentLinkedQueue<>();
        final ReentrantLock lock = new ReentrantLock();
      """;

  @Test
  void negative_periodicSweepOverConnections() {
    helper
        .addSourceLines(
            "Pool.java",
            POOL
                + """
                  ScheduledFuture<?> watch(ScheduledExecutorService timer, long idle) {
                    return timer.scheduleWithFixedDelay(() -> {
                      long now = System.nanoTime();
                      for (List<Conn> conns : pools.values()) {
                        for (Conn c : conns) {
                          if (now - c.lastUsed() > idle) {
                            c.closeAsync();
                          }
                        }
                      }
                    }, idle, idle, TimeUnit.NANOSECONDS);
                  }
                }
                """)
        .doTest();
  }

  @Test
  void negative_periodicSweepInAPrivateRunnableClass() {
    helper
        .addSourceLines(
            "Pool.java",
            POOL
                + """
                  private ScheduledFuture<?> reaper;
                  void start(ScheduledExecutorService timer) {
                    reaper = timer.scheduleAtFixedRate(new Reaper(5), 1, 1, TimeUnit.SECONDS);
                  }
                  private class Reaper implements Runnable {
                    private final long idle;
                    private Reaper(long idle) {
                      this.idle = idle;
                    }
                    @Override
                    public void run() {
                      for (List<Conn> conns : pools.values()) {
                        for (Conn c : conns) {
                          if (c.lastUsed() > idle) {
                            c.closeAsync();
                          }
                        }
                      }
                    }
                  }
                }
                """)
        .doTest();
  }

  @Test
  void positive_theSameSweepSubmittedOnce() {
    helper
        .addSourceLines(
            "Pool.java",
            POOL
                + """
                  void sweep(ExecutorService pool, long idle) {
                    pool.execute(() -> {
                      // BUG: Diagnostic contains: This loop is the task's main work
                      for (List<Conn> conns : pools.values()) {
                        for (Conn c : conns) {
                          if (c.lastUsed() > idle) {
                            c.closeAsync();
                          }
                        }
                      }
                    });
                  }
                }
                """)
        .doTest();
  }

  @Test
  void positive_periodicComputationOverArrays() {
    helper
        .addSourceLines(
            "Pool.java",
            POOL
                + """
                  void blur(ScheduledExecutorService timer, List<int[][]> images) {
                    timer.scheduleAtFixedRate(() -> {
                      // BUG: Diagnostic contains: This loop is the task's main work
                      for (int[][] image : images) {
                        for (int y = 1; y < image.length; y++) {
                          for (int x = 0; x < image[y].length; x++) {
                            image[y][x] = image[y - 1][x] / 2;
                          }
                        }
                      }
                    }, 1, 1, TimeUnit.SECONDS);
                  }
                }
                """)
        .doTest();
  }

  @Test
  void positive_periodicSweepThatRefillsWhatItWalks() {
    helper
        .addSourceLines(
            "Pool.java",
            POOL
                + """
                  void retry(ScheduledExecutorService timer) {
                    timer.scheduleWithFixedDelay(() -> {
                      // BUG: Diagnostic contains: This loop is the task's main work
                      for (Conn c : pending) {
                        for (List<Conn> conns : pools.values()) {
                          if (conns.isEmpty()) {
                            pending.add(c);
                          }
                        }
                      }
                    }, 1, 1, TimeUnit.SECONDS);
                  }
                }
                """)
        .doTest();
  }

  @Test
  void positive_periodicSweepThatWaitsForALock() {
    helper
        .addSourceLines(
            "Pool.java",
            POOL
                + """
                  void sweep(ScheduledExecutorService timer) {
                    timer.scheduleWithFixedDelay(() -> {
                      // BUG: Diagnostic contains: This loop is the task's main work
                      for (List<Conn> conns : pools.values()) {
                        lock.lock();
                        try {
                          for (Conn c : conns) {
                            c.closeAsync();
                          }
                        } finally {
                          lock.unlock();
                        }
                      }
                    }, 1, 1, TimeUnit.SECONDS);
                  }
                }
                """)
        .doTest();
  }

  @Test
  void positive_runnableClassAlsoRunOnce() {
    helper
        .addSourceLines(
            "Pool.java",
            POOL
                + """
                  void start(ScheduledExecutorService timer, ExecutorService pool) {
                    timer.scheduleAtFixedRate(new Reaper(), 1, 1, TimeUnit.SECONDS);
                    pool.execute(new Reaper());
                  }
                  private class Reaper implements Runnable {
                    @Override
                    public void run() {
                      // BUG: Diagnostic contains: This loop is the task's main work
                      for (List<Conn> conns : pools.values()) {
                        for (Conn c : conns) {
                          c.closeAsync();
                        }
                      }
                    }
                  }
                }
                """)
        .doTest();
  }

  /** A sweep in a protected Runnable class held in a field, with {@code constructor} (or none). */
  private static String collector(String constructor, String bug) {
    return POOL
        + """
          protected final Collector collector = new Collector();
          void start(ScheduledExecutorService timer) {
            timer.scheduleWithFixedDelay(collector, 0, 1, TimeUnit.SECONDS);
          }
          protected class Collector implements Runnable {
            %s
            @Override
            public void run() {
              %s
              for (String name : pools.keySet()) {
                for (Conn c : pools.get(name)) {
                  c.closeAsync();
                }
              }
            }
          }
        }
        """
            .formatted(constructor, bug);
  }

  @Test
  void negative_periodicSweepInAClassNoOtherFileCanMake() {
    helper.addSourceLines("Pool.java", collector("", "")).doTest();
  }

  @Test
  void negative_periodicSweepInAClassWithAProtectedConstructor() {
    helper.addSourceLines("Pool.java", collector("protected Collector() {}", "")).doTest();
  }

  @Test
  void positive_periodicSweepInAClassWithAPublicConstructor() {
    helper
        .addSourceLines(
            "Pool.java",
            collector(
                "public Collector() {}",
                "// BUG: Diagnostic contains: This loop is the task's main work"))
        .doTest();
  }

  @Test
  void positive_periodicSweepInAClassAnotherFileRunsOnce() {
    helper
        .addSourceLines(
            "Pool.java",
            collector("", "// BUG: Diagnostic contains: This loop is the task's main work"))
        .addSourceLines(
            "Other.java",
            """
            import java.util.concurrent.ExecutorService;
            class Other {
              void once(Pool pool, ExecutorService executor) {
                Pool.Collector sweep = pool.new Collector();
                executor.execute(sweep);
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- deadline polls

  private static String closer(String loop) {
    return """
        class Closer {
          static final int CLOSED = 2;
          volatile int state;
          void log(Object o) {}
          void waitForClosed() {
            boolean interrupted = false;
            try {
              long start = System.currentTimeMillis();
        """
        + loop
        + """
            } finally {
              if (interrupted) {
                Thread.currentThread().interrupt();
              }
            }
          }
        }
        """;
  }

  @Test
  void negative_pollThatEndsAtItsDeadlineAndRestoresTheInterruptAfter() {
    helper
        .addSourceLines(
            "Closer.java",
            closer(
                """
                while (state != CLOSED) {
                  if (System.currentTimeMillis() > start + 2_500) {
                    log("gave up");
                    break;
                  }
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    interrupted = true;
                  }
                }
                """))
        .doTest();
  }

  @Test
  void negative_deadlineInTheCondition() {
    helper
        .addSourceLines(
            "Closer.java",
            closer(
                """
                while (state != CLOSED && System.currentTimeMillis() - start < 2_500) {
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    interrupted = true;
                  }
                }
                """))
        .doTest();
  }

  @Test
  void positive_recordedButNoDeadline() {
    helper
        .addSourceLines(
            "Closer.java",
            closer(
                """
                // BUG: Diagnostic contains: swallows the InterruptedException of its sleep
                while (state != CLOSED) {
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    interrupted = true;
                  }
                }
                """))
        .doTest();
  }

  @Test
  void positive_deadlineButTheInterruptIsDropped() {
    helper
        .addSourceLines(
            "Closer.java",
            closer(
                """
                // BUG: Diagnostic contains: swallows the InterruptedException of its sleep
                while (state != CLOSED && System.currentTimeMillis() - start < 2_500) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    log(e);
                  }
                }
                """))
        .doTest();
  }

  @Test
  void positive_deadlineButTheCatchRestoresAtOnceAndSpins() {
    helper
        .addSourceLines(
            "Closer.java",
            closer(
                """
                // BUG: Diagnostic contains: LoopWithoutCancellationPoint
                while (state != CLOSED && System.currentTimeMillis() - start < 2_500) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    interrupted = true;
                    Thread.currentThread().interrupt();
                  }
                }
                """))
        .doTest();
  }

  @Test
  void positive_aDeadlineThatOnlyWarns() {
    helper
        .addSourceLines(
            "Closer.java",
            closer(
                """
                // BUG: Diagnostic contains: swallows the InterruptedException of its sleep
                while (state != CLOSED) {
                  if (System.currentTimeMillis() > start + 2_500) {
                    System.out.println("slow close");
                  }
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    interrupted = true;
                  }
                }
                """))
        .doTest();
  }

  // ---------------------------------------------------------------- a catch that ends the loop

  private static String auth(String catchBody) {
    return """
        import java.util.concurrent.CountDownLatch;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.atomic.AtomicBoolean;
        class Auth {
          final AtomicBoolean done = new AtomicBoolean();
          volatile boolean failed;
          CountDownLatch step() {
            return new CountDownLatch(1);
          }
          void start(ExecutorService pool) {
            pool.execute(() -> {
              MARK
              while (!done.get()) {
                CountDownLatch latch = step();
                try {
                  latch.await();
                } catch (InterruptedException e) {
        """
        + catchBody
        + """
                }
              }
            });
          }
        }
        """;
  }

  @Test
  void negative_catchSetsTheStopFlagTheConditionTests() {
    helper
        .addSourceLines(
            "Auth.java",
            auth("""
                    Thread.currentThread().interrupt();
                    done.set(true);
                    """)
                .replace("MARK", ""))
        .doTest();
  }

  @Test
  void positive_catchSetsAnotherFlag() {
    helper
        .addSourceLines(
            "Auth.java",
            auth("""
                    Thread.currentThread().interrupt();
                    failed = true;
                    """)
                .replace("MARK", "// BUG: Diagnostic contains: catches the InterruptedException"))
        .doTest();
  }

  @Test
  void positive_catchSetsTheFlagToTheValueThatGoesOn() {
    helper
        .addSourceLines(
            "Auth.java",
            auth("""
                    Thread.currentThread().interrupt();
                    done.set(false);
                    """)
                .replace("MARK", "// BUG: Diagnostic contains: catches the InterruptedException"))
        .doTest();
  }

  @Test
  void positive_catchSetsTheFlagOnlySometimes() {
    helper
        .addSourceLines(
            "Auth.java",
            auth("""
                    if (failed) {
                      done.set(true);
                    }
                    """)
                .replace("MARK", "// BUG: Diagnostic contains: catches the InterruptedException"))
        .doTest();
  }

  @Test
  void positive_catchSetsTheFlagInsideAnInnerLoop() {
    helper
        .addSourceLines(
            "Auth.java",
            """
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Auth {
              final AtomicBoolean done = new AtomicBoolean();
              void start(ExecutorService pool, CountDownLatch latch) {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: LoopWithoutCancellationPoint
                  while (!done.get()) {
                    // BUG: Diagnostic contains: LoopWithoutCancellationPoint
                    while (true) {
                      try {
                        latch.await();
                      } catch (InterruptedException e) {
                        done.set(true);
                      }
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- a walk on the way to a wait

  private static final String BUG =
      "// BUG: Diagnostic contains: This loop is the task's main work";

  /**
   * A task that walks the spec's topics and their partitions, building what it asks for, and then
   * does {@code after}; {@code body} is the inner loop's body and {@code inner} its head.
   */
  private static String prepare(String bug, String inner, String body, String after) {
    return """
        import java.util.ArrayList;
        import java.util.HashMap;
        import java.util.HashSet;
        import java.util.List;
        import java.util.Map;
        import java.util.Set;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Future;
        import java.util.concurrent.locks.ReentrantLock;
        interface Admin {
          Future<Void> create(Map<String, Integer> topics);
        }
        interface Listener {
          void onPartition(String topic, int partition);
        }
        class Prepare {
          final Map<String, List<Integer>> spec = new HashMap<>();
          final ReentrantLock lock = new ReentrantLock();
          Listener listener;
          static int[] rows = new int[8];
          static String describe(String topic, int partition) {
            return topic + "-" + partition;
          }
          static String spread(String topic, int partition) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < partition; i++) {
              b.append(topic);
            }
            return b.toString();
          }
          void start(ExecutorService pool, Admin admin) {
            pool.submit(() -> {
              Map<String, Integer> topics = new HashMap<>();
              Set<String> active = new HashSet<>();
              %s
              for (Map.Entry<String, List<Integer>> entry : spec.entrySet()) {
                topics.put(entry.getKey(), entry.getValue().size());
                %s {
                  %s
                }
              }
              %s
              return null;
            });
          }
        }
        """
        .formatted(bug, inner, body, after);
  }

  private static final String EACH_PARTITION = "for (Integer p : entry.getValue())";

  private static final String BUILD = "active.add(describe(entry.getKey(), p));";

  private static final String WAIT = "Future<Void> created = admin.create(topics); created.get();";

  @Test
  void negative_walkBeforeAWaitTheInterruptEnds() {
    helper.addSourceLines("Prepare.java", prepare("", EACH_PARTITION, BUILD, WAIT)).doTest();
  }

  @Test
  void negative_walkBeforeAThrowAndAWait() {
    helper
        .addSourceLines(
            "Prepare.java",
            prepare(
                "",
                EACH_PARTITION,
                BUILD,
                "if (active.isEmpty()) { throw new IllegalStateException(\"no topic\"); }\n"
                    + "for (String t : active) { topics.putIfAbsent(t, 1); }\n"
                    + WAIT))
        .doTest();
  }

  @Test
  void positive_theSameWalkWithNothingAfterIt() {
    helper.addSourceLines("Prepare.java", prepare(BUG, EACH_PARTITION, BUILD, "")).doTest();
  }

  @Test
  void positive_theSameWalkWhoseWaitIsBehindABranch() {
    helper
        .addSourceLines(
            "Prepare.java",
            prepare(
                BUG,
                EACH_PARTITION,
                BUILD,
                "if (!active.isEmpty()) { admin.create(topics).get(); }"))
        .doTest();
  }

  @Test
  void positive_theSameWalkThatMayReturnBeforeItsWait() {
    helper
        .addSourceLines(
            "Prepare.java",
            prepare(BUG, EACH_PARTITION, BUILD, "if (active.isEmpty()) { return null; }\n" + WAIT))
        .doTest();
  }

  @Test
  void positive_theSameWalkCallingAListener() {
    helper
        .addSourceLines(
            "Prepare.java",
            prepare(BUG, EACH_PARTITION, "listener.onPartition(entry.getKey(), p);", WAIT))
        .doTest();
  }

  @Test
  void positive_theSameWalkCallingAHelperThatLoops() {
    helper
        .addSourceLines(
            "Prepare.java",
            prepare(BUG, EACH_PARTITION, "active.add(spread(entry.getKey(), p));", WAIT))
        .doTest();
  }

  @Test
  void positive_theSameWalkTakingALock() {
    helper
        .addSourceLines(
            "Prepare.java",
            prepare(
                BUG,
                EACH_PARTITION,
                "lock.lock(); try { active.add(describe(entry.getKey(), p)); } finally {"
                    + " lock.unlock(); }",
                WAIT))
        .doTest();
  }

  @Test
  void positive_aWhileLoopBeforeAWait() {
    helper
        .addSourceLines(
            "Prepare.java",
            prepare(
                BUG,
                "java.util.Iterator<Integer> it = entry.getValue().iterator(); while (it.hasNext())",
                "active.add(describe(entry.getKey(), it.next()));",
                WAIT))
        .doTest();
  }

  @Test
  void positive_aComputationOverCountedRangesBeforeAWait() {
    helper
        .addSourceLines(
            "Prepare.java",
            prepare(
                BUG,
                "for (int r = 0; r < entry.getValue().size(); r++)",
                "rows[r % 8] += entry.getValue().get(r);",
                WAIT))
        .doTest();
  }

  @Test
  void negative_walkBeforeAWaitInAHelperOfAnotherFile() {
    helper
        .addSourceLines(
            "Topics.java",
            """
            import java.util.Map;
            import java.util.concurrent.Future;
            final class Topics {
              static void create(Admin admin, Map<String, Integer> topics) throws Throwable {
                if (topics.isEmpty()) {
                  return;
                }
                Future<Void> created = admin.create(topics);
                created.get();
              }
            }
            """)
        .addSourceLines(
            "Prepare.java",
            prepare(
                "",
                EACH_PARTITION,
                BUILD,
                "try { Topics.create(admin, topics); } catch"
                    + " (Throwable e) { throw new RuntimeException(e); }"))
        .doTest();
  }

  // ---------------------------------------------------------------- a task nothing can interrupt

  /**
   * A report task that walks the latencies per node and partition and records each in a metric; it
   * runs on a pool the class makes, and {@code extra} is more of the class.
   */
  private static String reporter(String bug, String submit, String extra) {
    return """
        import java.util.Map;
        import java.util.concurrent.Callable;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.Future;
        interface Metric {
          void record(long latency);
        }
        class Reporter {
          private final ExecutorService reportExecutor = Executors.newSingleThreadExecutor();
          private Future<?> reportingTask = null;
          private Metric metric;
          void report(long now, Map<String, Map<String, Long>> endTimes) {
            if (reportingTask == null || reportingTask.isDone()) {
              %s reportExecutor.submit(new Callable<Object>() {
                @Override
                public Object call() {
                  %s
                  for (String node : endTimes.keySet()) {
                    Map<String, Long> partitions = endTimes.get(node);
                    for (String partition : partitions.keySet()) {
                      metric.record(now - partitions.get(partition));
                    }
                  }
                  return null;
                }
              });
            }
          }
          %s
        }
        """
        .formatted(submit, bug, extra);
  }

  @Test
  void negative_cpuLoopOnAPoolTheClassKeeps_itsFutureOnlyAskedWhetherDone() {
    helper.addSourceLines("Reporter.java", reporter("", "reportingTask =", "")).doTest();
  }

  @Test
  void negative_cpuLoopOnAPoolTheClassKeeps_itsFutureDropped() {
    helper.addSourceLines("Reporter.java", reporter("", "", "")).doTest();
  }

  @Test
  void positive_theSameTaskWhoseFutureTheClassCancels() {
    helper
        .addSourceLines(
            "Reporter.java",
            reporter(BUG, "reportingTask =", "void stop() { reportingTask.cancel(true); }"))
        .doTest();
  }

  @Test
  void positive_theSameTaskWhoseFutureIsHandedOut() {
    helper
        .addSourceLines(
            "Reporter.java",
            reporter(BUG, "reportingTask =", "Future<?> reporting() { return reportingTask; }"))
        .doTest();
  }

  @Test
  void positive_theSameTaskOnAPoolTheClassShutsDownNow() {
    helper
        .addSourceLines(
            "Reporter.java",
            reporter(BUG, "reportingTask =", "void stop() { reportExecutor.shutdownNow(); }"))
        .doTest();
  }

  @Test
  void positive_theSameTaskInAFileThatInterruptsAThread() {
    helper
        .addSourceLines(
            "Reporter.java",
            reporter(BUG, "reportingTask =", "void wake(Thread t) { t.interrupt(); }"))
        .doTest();
  }

  @Test
  void negative_cpuLoopInAThreadNobodyHolds() {
    helper
        .addSourceLines(
            "Blur.java",
            """
            import java.util.List;
            class Blur {
              void blurAll(List<int[][]> images) {
                new Thread(() -> {
                  for (int[][] image : images) {
                    for (int y = 0; y < image.length; y++) {
                      for (int x = 0; x < image[y].length; x++) {
                        image[y][x] = image[y][x] / 2;
                      }
                    }
                  }
                }).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_theSameCpuLoopInAThreadThatIsReturned() {
    helper
        .addSourceLines(
            "Blur.java",
            """
            import java.util.List;
            class Blur {
              Thread blurAll(List<int[][]> images) {
                Thread t = new Thread(() -> {
                  // BUG: Diagnostic contains: This loop is the task's main work
                  for (int[][] image : images) {
                    for (int y = 0; y < image.length; y++) {
                      for (int x = 0; x < image[y].length; x++) {
                        image[y][x] = image[y][x] / 2;
                      }
                    }
                  }
                });
                t.start();
                return t;
              }
            }
            """)
        .doTest();
  }
}
