package dev.cancelguard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every check's fixes applied together, as {@code -XepPatchChecks} applies them: where two checks
 * fix the same code their edits must agree (the same insertion, applied once) or not overlap, or
 * Error Prone drops edits; and the patched code must pass every check.
 */
class FixesTogetherTest {
  @TempDir Path directory;

  private String fixedByEveryCheck(String fileName, String source) {
    AllFixes.Result result = AllFixes.apply(directory, fileName, source);
    assertNull(result.overlap(), "overlapping fixes");
    return result.fixed();
  }

  private void passesEveryCheck(String fileName, String source) {
    EveryCheck.helper(getClass()).addSourceLines(fileName, source).expectNoDiagnostics().doTest();
  }

  @Test
  void pollLoopSwallowingTheInterrupt() {
    String fixed =
        fixedByEveryCheck(
            "Poller.java",
            """
            class Poller {
              volatile boolean ready;
              void awaitReady() {
                while (!ready) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                  }
                }
              }
            }
            """);
    // LoopWithoutCancellationPoint leaves the loop through its condition and restores in the
    // catch; SwallowedInterrupt, in a method that is no task, records the interrupt and restores it
    // once the loop is over. The two insertions at the top of the catch do not overlap, and
    // together the loop stops at the next test with the flag set.
    assertEquals(
        """
        class Poller {
          volatile boolean ready;
          void awaitReady() {
            boolean interrupted = false;
            try {
            while (!ready && !Thread.currentThread().isInterrupted()) {
              try {
                Thread.sleep(10);
              } catch (InterruptedException e) { Thread.currentThread().interrupt(); interrupted = true;
              }
            }
            } finally {
              if (interrupted) {
                Thread.currentThread().interrupt();
              }
            }
          }
        }
        """,
        fixed);
    passesEveryCheck("Poller.java", fixed);
  }

  @Test
  void taskLoopSwallowingTheInterrupt() {
    String fixed =
        fixedByEveryCheck(
            "Consumer.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Consumer {
              void start(ExecutorService pool, BlockingQueue<String> queue) {
                pool.execute(
                    () -> {
                      while (true) {
                        try {
                          System.out.println(queue.take());
                        } catch (InterruptedException e) {
                          System.err.println(e);
                        }
                      }
                    });
              }
            }
            """);
    // The same restore from both checks, before the catch's first statement: once; in a task,
    // SwallowedInterrupt also leaves the loop at the end of the catch.
    assertEquals(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.ExecutorService;
        class Consumer {
          void start(ExecutorService pool, BlockingQueue<String> queue) {
            pool.execute(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      System.out.println(queue.take());
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      System.err.println(e);
                      break;
                    }
                  }
                });
          }
        }
        """,
        fixed);
    passesEveryCheck("Consumer.java", fixed);
  }

  @Test
  void taskLoopWhoseCatchAllSwallowsTheInterrupt() {
    String fixed =
        fixedByEveryCheck(
            "Consumer.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Consumer {
              void start(ExecutorService pool, BlockingQueue<String> queue) {
                pool.execute(
                    () -> {
                      while (true) {
                        try {
                          System.out.println(queue.take());
                        } catch (Exception e) {
                          System.err.println(e);
                        }
                      }
                    });
              }
            }
            """);
    // A catch that also takes other exceptions: SwallowedInterrupt restores and leaves the loop
    // under one test of the caught exception, and LoopWithoutCancellationPoint inserts that same
    // text there (a plain guarded restore would be another insertion at the same point).
    assertEquals(
        """
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.ExecutorService;
        class Consumer {
          void start(ExecutorService pool, BlockingQueue<String> queue) {
            pool.execute(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      System.out.println(queue.take());
                    } catch (Exception e) {
                      if (e instanceof InterruptedException) { Thread.currentThread().interrupt(); break; }
                      System.err.println(e);
                    }
                  }
                });
          }
        }
        """,
        fixed);
    passesEveryCheck("Consumer.java", fixed);
  }

  @Test
  void blockingCleanupAfterTheRestoreWithASwallowingCatch() {
    String fixed =
        fixedByEveryCheck(
            "Cleanup.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            class Cleanup {
              void pause(ExecutorService pool) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  try {
                    pool.awaitTermination(1, TimeUnit.SECONDS);
                  } catch (InterruptedException ie) {
                  }
                }
              }
            }
            """);
    // InterruptibleCleanup moves the outer restore below the cleanup; SwallowedInterrupt restores
    // in the cleanup's own catch. Neither edit touches the other's text.
    assertEquals(
        """
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.TimeUnit;
        class Cleanup {
          void pause(ExecutorService pool) {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              try {
                pool.awaitTermination(1, TimeUnit.SECONDS);
              } catch (InterruptedException ie) { Thread.currentThread().interrupt();
              }
              Thread.currentThread().interrupt();
            }
          }
        }
        """,
        fixed);
    passesEveryCheck("Cleanup.java", fixed);
  }

  @Test
  void timedGetInACatchAll() {
    String fixed =
        fixedByEveryCheck(
            "Lookup.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            class Lookup {
              String find(ExecutorService pool) {
                Future<String> answer = pool.submit(() -> "x");
                try {
                  return answer.get(1, TimeUnit.SECONDS);
                } catch (Exception e) {
                  return null;
                }
              }
            }
            """);
    // SwallowedInterrupt restores, TimeoutWithoutCancel cancels: two insertions at two points (the
    // cancel at the start of the line, the restore at the start of the statement), both kept.
    assertEquals(
        """
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Future;
        import java.util.concurrent.TimeUnit;
        class Lookup {
          String find(ExecutorService pool) {
            Future<String> answer = pool.submit(() -> "x");
            try {
              return answer.get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
              answer.cancel(true);
              if (e instanceof InterruptedException) { Thread.currentThread().interrupt(); }
              return null;
            }
          }
        }
        """,
        fixed);
    passesEveryCheck("Lookup.java", fixed);
  }

  @Test
  void timedGetInAMultiCatchThatLogsAndReturns() {
    String fixed =
        fixedByEveryCheck(
            "Lookup.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Lookup {
              String find(ExecutorService pool) {
                Future<String> answer = pool.submit(() -> "x");
                try {
                  return answer.get(1, TimeUnit.SECONDS);
                } catch (InterruptedException | ExecutionException | TimeoutException e) {
                  System.err.println("lookup failed: " + e);
                  return null;
                }
              }
            }
            """);
    // Each check's line at a point of its own: both apply in one round of --fix.
    assertEquals(
        """
        import java.util.concurrent.ExecutionException;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Future;
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.TimeoutException;
        class Lookup {
          String find(ExecutorService pool) {
            Future<String> answer = pool.submit(() -> "x");
            try {
              return answer.get(1, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
              answer.cancel(true);
              if (e instanceof InterruptedException) { Thread.currentThread().interrupt(); }
              System.err.println("lookup failed: " + e);
              return null;
            }
          }
        }
        """,
        fixed);
    passesEveryCheck("Lookup.java", fixed);
  }

  @Test
  void threadsDrainingIntoAResourceTheTryClosesFixedOverRounds() {
    // The drainers test the flag between reads, so an interrupt stops them (a drainer that never
    // does gets no interrupt:
    // OrphanedSubtasksTest.fix_noneForThreadsBlockedInAReadNoInterruptEnds).
    // OrphanedSubtasks interrupts the drainers in a finally; CancelWithoutAwait then has them
    // joined before the try-with-resources closes what they write to (one wait per thread, both
    // in one try: a restore between two waits would cut the second short); SwallowedInterrupt
    // restores before the rethrow. Each round's fixes are applied together; nothing is reported
    // after the last one.
    String source =
        """
        import java.io.File;
        import java.io.FileOutputStream;
        import java.io.IOException;
        import java.io.InputStream;
        import java.io.OutputStream;
        class Profiler {
          static class Drainer extends Thread {
            private final InputStream in;
            private final OutputStream out;
            Drainer(InputStream in, OutputStream out) {
              this.in = in;
              this.out = out;
            }
            @Override
            public void run() {
              byte[] buf = new byte[1024];
              try {
                int n;
                while (!isInterrupted() && (n = in.read(buf)) != -1) {
                  out.write(buf, 0, n);
                }
              } catch (IOException e) {
                // the process is gone
              }
            }
          }
          void parse(ProcessBuilder command, File file) {
            try (OutputStream out = new FileOutputStream(file)) {
              Process process = command.start();
              Drainer errors = new Drainer(process.getErrorStream(), out);
              Drainer output = new Drainer(process.getInputStream(), out);
              errors.start();
              output.start();
              process.waitFor();
              errors.join();
              output.join();
            } catch (IOException | InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
        }
        """;
    String fixed = source;
    for (int round = 1; round <= 4; round++) {
      String next = fixedByEveryCheck("Profiler.java", fixed);
      if (next.equals(fixed)) {
        break;
      }
      fixed = next;
    }
    assertEquals(
        """
        import java.io.File;
        import java.io.FileOutputStream;
        import java.io.IOException;
        import java.io.InputStream;
        import java.io.OutputStream;
        class Profiler {
          static class Drainer extends Thread {
            private final InputStream in;
            private final OutputStream out;
            Drainer(InputStream in, OutputStream out) {
              this.in = in;
              this.out = out;
            }
            @Override
            public void run() {
              byte[] buf = new byte[1024];
              try {
                int n;
                while (!isInterrupted() && (n = in.read(buf)) != -1) {
                  out.write(buf, 0, n);
                }
              } catch (IOException e) {
                // the process is gone
              }
            }
          }
          void parse(ProcessBuilder command, File file) {
            try (OutputStream out = new FileOutputStream(file)) {
              Process process = command.start();
              Drainer errors = new Drainer(process.getErrorStream(), out);
              Drainer output = new Drainer(process.getInputStream(), out);
              errors.start();
              output.start();
              try { process.waitFor();
              errors.join();
              output.join();
        } finally {
        errors.interrupt();
        output.interrupt();
        try { errors.join(); output.join(); } catch (InterruptedException ie) { Thread.currentThread().interrupt(); }
        }
            } catch (IOException | InterruptedException e) {
              if (e instanceof InterruptedException) { Thread.currentThread().interrupt(); }
              throw new IllegalStateException(e);
            }
          }
        }
        """,
        fixed);
    passesEveryCheck("Profiler.java", fixed);
  }

  /** A pool shut down on the normal path only, whose futures are left running when a get fails. */
  private static final String SERVERS =
      """
      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.Future;
      class Servers {
        final List<String> servers = new ArrayList<>();
        int n;
        String startOne() { return "s"; }
        void startAll() throws Exception {
          ExecutorService pool = Executors.newCachedThreadPool();
          List<Future<String>> futures = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> startOne()));
          }
          for (Future<String> f : futures) {
            servers.add(f.get());
          }
          pool.shutdown();
        }
      }
      """;

  @Test
  void poolShutDownOnTheNormalPathWithFuturesLeftByAFailedGet() {
    // ExecutorNeverShutdown's try-with-resources is made of edits at the edges of the code it
    // wraps: OrphanedSubtasks' own try/finally nests inside it, and both fixes apply.
    String fixed = fixedByEveryCheck("Servers.java", SERVERS);
    assertEquals(
        """
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.Future;
        class Servers {
          final List<String> servers = new ArrayList<>();
          int n;
          String startOne() { return "s"; }
          void startAll() throws Exception {
            try (ExecutorService pool = Executors.newCachedThreadPool()) {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              futures.add(pool.submit(() -> startOne()));
            }
            try { for (Future<String> f : futures) {
              servers.add(f.get());
            }
            pool.shutdown();
        } finally {
        for (Future<?> future : futures) { future.cancel(true); }
        }
            }
          }
        }
        """,
        fixed);
    passesEveryCheck("Servers.java", fixed);
  }

  @Test
  void poolShutDownOnTheNormalPathWithFuturesLeftByAFailedGetOnRelease17() {
    AllFixes.Result result = AllFixes.apply(directory, "Servers.java", SERVERS, "--release", "17");
    assertNull(result.overlap(), "overlapping fixes");
    assertEquals(
        List.of("ExecutorNeverShutdown", "OrphanedSubtasks"),
        result.findings().stream().map(d -> d.checkName).toList());
    assertEquals(
        """
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.Future;
        class Servers {
          final List<String> servers = new ArrayList<>();
          int n;
          String startOne() { return "s"; }
          void startAll() throws Exception {
            ExecutorService pool = Executors.newCachedThreadPool();
            List<Future<String>> futures = new ArrayList<>();
            try {
            for (int i = 0; i < n; i++) {
              futures.add(pool.submit(() -> startOne()));
            }
            for (Future<String> f : futures) {
              servers.add(f.get());
            }
            } finally {
              for (Future<?> future : futures) { future.cancel(true); }
            pool.shutdown();
            }
          }
        }
        """,
        result.fixed());
    EveryCheck.helper(getClass())
        .addSourceLines("Servers.java", result.fixed())
        .setArgs("--release", "17")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void futuresOfAPoolShutDownInAFinallyKeepTheirOwnFix() {
    // Only OrphanedSubtasks reports: its own try/finally, as before.
    String fixed =
        fixedByEveryCheck(
            "Servers.java",
            SERVERS
                .replace(
                    "    List<Future<String>> futures = new ArrayList<>();\n",
                    "    List<Future<String>> futures = new ArrayList<>();\n    try {\n")
                .replace(
                    "    pool.shutdown();\n", "    } finally {\n      pool.shutdown();\n    }\n"));
    assertEquals(
        """
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.Future;
        class Servers {
          final List<String> servers = new ArrayList<>();
          int n;
          String startOne() { return "s"; }
          void startAll() throws Exception {
            ExecutorService pool = Executors.newCachedThreadPool();
            List<Future<String>> futures = new ArrayList<>();
            try { try {
            for (int i = 0; i < n; i++) {
              futures.add(pool.submit(() -> startOne()));
            }
            for (Future<String> f : futures) {
              servers.add(f.get());
            }
            } finally {
              pool.shutdown();
            }
        } finally {
        for (Future<?> future : futures) { future.cancel(true); }
        }
          }
        }
        """,
        fixed);
  }

  @Test
  void poolShutDownOnTheNormalPathWithOneFutureKeepsItsOwnFix() {
    // One future in an ordinary method: no OrphanedSubtasks finding, the pool's fix as before.
    String fixed =
        fixedByEveryCheck(
            "Servers.java",
            SERVERS
                .replace("    List<Future<String>> futures = new ArrayList<>();\n", "")
                .replace(
                    """
                        for (int i = 0; i < n; i++) {
                          futures.add(pool.submit(() -> startOne()));
                        }
                        for (Future<String> f : futures) {
                          servers.add(f.get());
                        }
                    """,
                    """
                        Future<String> only = pool.submit(() -> startOne());
                        servers.add(only.get());
                    """));
    assertEquals(
        """
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.Future;
        class Servers {
          final List<String> servers = new ArrayList<>();
          int n;
          String startOne() { return "s"; }
          void startAll() throws Exception {
            try (ExecutorService pool = Executors.newCachedThreadPool()) {
            Future<String> only = pool.submit(() -> startOne());
            servers.add(only.get());
            pool.shutdown();
            }
          }
        }
        """,
        fixed);
  }

  @Test
  void futuresDeclaredAfterOtherWorkGoFirstOnRelease17() {
    // A statement between the pool and the futures' declaration: the two fixes cannot be joined,
    // so the pool's fix is held back and OrphanedSubtasks' own fix goes alone.
    AllFixes.Result result =
        AllFixes.apply(
            directory,
            "Servers.java",
            SERVERS.replace(
                "    List<Future<String>> futures",
                "    servers.clear();\n    List<Future<String>> futures"),
            "--release",
            "17");
    assertNull(result.overlap(), "overlapping fixes");
    assertEquals(
        List.of("ExecutorNeverShutdown", "OrphanedSubtasks"),
        result.findings().stream().map(d -> d.checkName).toList());
    assertEquals(List.of(), result.findings().getFirst().fixes);
    assertTrue(
        result.findings().getFirst().getMessageWithoutCheckName().contains("apply that one first"));
    assertTrue(result.fixed().contains("} finally {\nfor (Future<?> future : futures)"));
  }

  /**
   * Futures read in turn, whose catches throw: OrphanedSubtasks cancels the others before each
   * throw, SwallowedInterrupt restores the flag before the one in the catch of the interrupt.
   */
  private static final String REGIONS =
      """
      import java.io.IOException;
      import java.io.InterruptedIOException;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;
      class Regions {
        List<String> callAll(ExecutorService pool, List<String> rows) throws IOException {
          List<Future<String>> futures = new ArrayList<>();
          for (String row : rows) {
            futures.add(pool.submit(() -> row.trim()));
          }
          List<String> results = new ArrayList<>();
          for (Future<String> f : futures) {
            try {
              results.add(f.get());
            } catch (ExecutionException ee) {
              throw new IOException(ee.getCause());
            } catch (InterruptedException ie) {
              throw new InterruptedIOException("interrupted reading a region");
            }
          }
          return results;
        }
      }
      """;

  @Test
  void waitsForTwoPoolsShutDownInOneStopGoBelowBothShutdowns() {
    AllFixes.Result result =
        AllFixes.apply(
            directory,
            "Worker.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            class Worker {
              private final ExecutorService indexers = Executors.newFixedThreadPool(2);
              private final ScheduledExecutorService heartbeats =
                  Executors.newSingleThreadScheduledExecutor();
              void start(String document) {
                indexers.execute(() -> System.out.println("indexed " + document));
                heartbeats.execute(() -> System.out.println("alive"));
              }
              void shutdown() {
                indexers.shutdown();
                heartbeats.shutdown();
              }
            }
            """);
    assertNull(result.overlap(), "overlapping fixes");
    assertEquals(
        List.of("CancelWithoutAwait", "CancelWithoutAwait"),
        result.findings().stream().map(d -> d.checkName).toList());
    // Both waits are inserted at one point, below the last shutdown, so that both pools are
    // stopping before either wait begins; joined in the order of the shutdowns, as Error Prone's
    // patch (and --fix) joins insertions at one point.
    assertEquals(
        """
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.ScheduledExecutorService;
        class Worker {
          private final ExecutorService indexers = Executors.newFixedThreadPool(2);
          private final ScheduledExecutorService heartbeats =
              Executors.newSingleThreadScheduledExecutor();
          void start(String document) {
            indexers.execute(() -> System.out.println("indexed " + document));
            heartbeats.execute(() -> System.out.println("alive"));
          }
          void shutdown() {
            indexers.shutdown();
            heartbeats.shutdown();
            indexers.close();
            heartbeats.close();
          }
        }
        """,
        result.fixed());
    passesEveryCheck("Worker.java", result.fixed());
  }

  @Test
  void cancelsAndRestoreBeforeOneThrowApplyTogether() {
    AllFixes.Result result = AllFixes.apply(directory, "Regions.java", REGIONS);
    assertNull(result.overlap(), "overlapping fixes");
    assertEquals(
        List.of("OrphanedSubtasks", "SwallowedInterrupt"),
        result.findings().stream().map(d -> d.checkName).toList());
    assertEquals(
        """
        import java.io.IOException;
        import java.io.InterruptedIOException;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutionException;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Future;
        class Regions {
          List<String> callAll(ExecutorService pool, List<String> rows) throws IOException {
            List<Future<String>> futures = new ArrayList<>();
            for (String row : rows) {
              futures.add(pool.submit(() -> row.trim()));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : futures) {
              try {
                results.add(f.get());
              } catch (ExecutionException ee) {
                for (Future<?> future : futures) { future.cancel(true); }
                throw new IOException(ee.getCause());
              } catch (InterruptedException ie) {
                for (Future<?> future : futures) { future.cancel(true); }
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted reading a region");
              }
            }
            return results;
          }
        }
        """,
        result.fixed());
    passesEveryCheck("Regions.java", result.fixed());
  }

  @Test
  void cancelsBeforeAThrowAfterARestoreTheCatchAlreadyMakes() {
    // The catch restores already: only OrphanedSubtasks reports, its cancels above the throw.
    String source =
        REGIONS.replace(
            "throw new InterruptedIOException",
            "Thread.currentThread().interrupt();\n        throw new InterruptedIOException");
    AllFixes.Result result = AllFixes.apply(directory, "Regions.java", source);
    assertNull(result.overlap(), "overlapping fixes");
    assertEquals(
        List.of("OrphanedSubtasks"), result.findings().stream().map(d -> d.checkName).toList());
    assertTrue(
        result
            .fixed()
            .contains(
                """
                      } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        for (Future<?> future : futures) { future.cancel(true); }
                        throw new InterruptedIOException("interrupted reading a region");
                """),
        result.fixed());
    passesEveryCheck("Regions.java", result.fixed());
  }

  @Test
  void cancelsBeforeAThrowAloneGoOnTheirOwnLines() {
    BugCheckerRefactoringTestHelper.newInstance(OrphanedSubtasks.class, getClass())
        .addInputLines("Regions.java", REGIONS)
        .addOutputLines(
            "Regions.java",
            """
            import java.io.IOException;
            import java.io.InterruptedIOException;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class Regions {
              List<String> callAll(ExecutorService pool, List<String> rows) throws IOException {
                List<Future<String>> futures = new ArrayList<>();
                for (String row : rows) {
                  futures.add(pool.submit(() -> row.trim()));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : futures) {
                  try {
                    results.add(f.get());
                  } catch (ExecutionException ee) {
                    for (Future<?> future : futures) {
                      future.cancel(true);
                    }
                    throw new IOException(ee.getCause());
                  } catch (InterruptedException ie) {
                    for (Future<?> future : futures) {
                      future.cancel(true);
                    }
                    throw new InterruptedIOException("interrupted reading a region");
                  }
                }
                return results;
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void restoreBeforeAThrowAloneAsBefore() {
    BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addInputLines("Regions.java", REGIONS)
        .addOutputLines(
            "Regions.java",
            """
            import java.io.IOException;
            import java.io.InterruptedIOException;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class Regions {
              List<String> callAll(ExecutorService pool, List<String> rows) throws IOException {
                List<Future<String>> futures = new ArrayList<>();
                for (String row : rows) {
                  futures.add(pool.submit(() -> row.trim()));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : futures) {
                  try {
                    results.add(f.get());
                  } catch (ExecutionException ee) {
                    throw new IOException(ee.getCause());
                  } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted reading a region");
                  }
                }
                return results;
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  /**
   * A pool never shut down, whose timed get lets the timeout out without a cancel and whose catch
   * swallows the interrupt: three fixes in one method, the pool's wrapping the others' edits.
   */
  private static final String REPORTS =
      """
      import java.util.concurrent.Callable;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.Future;
      import java.util.concurrent.TimeUnit;
      class Reports {
        String build(Callable<String> job) throws Exception {
          ExecutorService pool = Executors.newSingleThreadExecutor();
          Future<String> report = pool.submit(job);
          try {
            return report.get(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            return "interrupted";
          }
        }
      }
      """;

  @Test
  void poolWrapAroundATimedGetAndASwallowingCatchAppliesWithThem() {
    AllFixes.Result result = AllFixes.apply(directory, "Reports.java", REPORTS);
    assertNull(result.overlap(), "overlapping fixes");
    assertEquals(
        List.of("ExecutorNeverShutdown", "SwallowedInterrupt", "TimeoutWithoutCancel"),
        result.findings().stream().map(d -> d.checkName).sorted().toList());
    assertEquals(
        """
        import java.util.concurrent.Callable;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.Future;
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.TimeoutException;
        class Reports {
          String build(Callable<String> job) throws Exception {
            try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<String> report = pool.submit(job);
            try {
              return report.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException timeout) {
              report.cancel(true);
              throw timeout;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return "interrupted";
            }
            }
          }
        }
        """,
        result.fixed());
    passesEveryCheck("Reports.java", result.fixed());
  }

  @Test
  void poolWrapAroundATimedGetAndASwallowingCatchAppliesWithThemOnRelease17() {
    AllFixes.Result result = AllFixes.apply(directory, "Reports.java", REPORTS, "--release", "17");
    assertNull(result.overlap(), "overlapping fixes");
    assertEquals(
        """
        import java.util.concurrent.Callable;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.Future;
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.TimeoutException;
        class Reports {
          String build(Callable<String> job) throws Exception {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
            Future<String> report = pool.submit(job);
            try {
              return report.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException timeout) {
              report.cancel(true);
              throw timeout;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return "interrupted";
            }
            } finally {
              pool.shutdown();
              pool.awaitTermination(30, TimeUnit.SECONDS);
            }
          }
        }
        """,
        result.fixed());
    // Left: the restore in the catch makes the pool's awaitTermination in the finally throw at
    // once (the pool is shut down, not waited for), which InterruptibleCleanup reports.
    EveryCheck.helper(getClass())
        .addSourceLines(
            "Reports.java",
            result
                .fixed()
                .replace(
                    "      pool.awaitTermination",
                    "      // BUG: Diagnostic contains: InterruptibleCleanup\n      pool.awaitTermination"))
        .setArgs("--release", "17")
        .doTest();
  }

  @Test
  void poolWrapAloneKeepsTheWrappedCodeAsItIs() {
    BugCheckerRefactoringTestHelper.newInstance(ExecutorNeverShutdown.class, getClass())
        .addInputLines("Reports.java", REPORTS)
        .addOutputLines(
            "Reports.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;

            class Reports {
              String build(Callable<String> job) throws Exception {
                try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
                  Future<String> report = pool.submit(job);
                  try {
                    return report.get(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    return "interrupted";
                  }
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void samplesFixedTogetherWithoutOverlap() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("..", "samples", "src", "main", "java"))) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    Map<Path, AllFixes.Result> results = AllFixes.applyAll(files, directory);
    assertEquals(files.size(), results.size());
    assertEquals(
        Map.of(),
        results.entrySet().stream()
            .filter(e -> e.getValue().overlap() != null)
            .collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().overlap())));
  }
}
