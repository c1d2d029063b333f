package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Which fix a catch in a loop gets where recording the interrupt and restoring it after the loop
 * would keep the interrupted thread waiting or working: the loop of a private method that is the
 * last thing its task does is left; a walk through items whose timed waits the code lets time out
 * restores at once; a caller's wait under a lock in a method that may throw the interrupt rethrows
 * it. Next to each, the neighbour that keeps the record-and-restore.
 */
class SwallowedInterruptLoopFixesTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  // ------------------------------------------- a private method that is its task's last act

  @Test
  void leave_theLoopOfAPrivateMethodItsTaskEndsWith() {
    refactoring
        .addInputLines(
            "Shrinker.java",
            """
            import java.util.Iterator;
            import java.util.List;
            import java.util.concurrent.CopyOnWriteArrayList;
            class Shrinker implements Runnable {
              interface Region { int deleteExpired(); }
              private final List<Region> regions = new CopyOnWriteArrayList<>();
              @Override
              public void run() {
                try {
                  deleteFromAll();
                } catch (Throwable t) {
                  System.err.println(t);
                }
              }
              private void deleteFromAll() {
                for (Iterator<Region> i = regions.iterator(); i.hasNext(); ) {
                  i.next().deleteExpired();
                  if (i.hasNext()) {
                    try {
                      Thread.sleep(1000);
                    } catch (InterruptedException e) {
                      System.err.println("interrupted");
                    }
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Shrinker.java",
            """
            import java.util.Iterator;
            import java.util.List;
            import java.util.concurrent.CopyOnWriteArrayList;
            class Shrinker implements Runnable {
              interface Region { int deleteExpired(); }
              private final List<Region> regions = new CopyOnWriteArrayList<>();
              @Override
              public void run() {
                try {
                  deleteFromAll();
                } catch (Throwable t) {
                  System.err.println(t);
                }
              }
              private void deleteFromAll() {
                for (Iterator<Region> i = regions.iterator(); i.hasNext(); ) {
                  i.next().deleteExpired();
                  if (i.hasNext()) {
                    try {
                      Thread.sleep(1000);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      System.err.println("interrupted");
                      break;
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  /** A catch that goes back round with {@code continue;} leaves instead: the jump is replaced. */
  @Test
  void leave_replacesTheContinueThatGoesBackRound() {
    refactoring
        .addInputLines(
            "Drainer.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            class Drainer {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final BlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
              void start() {
                pool.execute(
                    () -> {
                      while (true) {
                        Runnable job;
                        try {
                          job = jobs.take();
                        } catch (InterruptedException e) {
                          System.err.println("interrupted");
                          continue;
                        }
                        job.run();
                      }
                    });
              }
              void stop() {
                pool.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Drainer.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            class Drainer {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final BlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
              void start() {
                pool.execute(
                    () -> {
                      while (true) {
                        Runnable job;
                        try {
                          job = jobs.take();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                          System.err.println("interrupted");
                          break;
                        }
                        job.run();
                      }
                    });
              }
              void stop() {
                pool.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  /** Its neighbour: a catch that ends by falling through gets the leave added after it. */
  @Test
  void leave_addedAfterACatchThatFallsThrough() {
    refactoring
        .addInputLines(
            "Drainer.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            class Drainer {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final BlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
              void start() {
                pool.execute(
                    () -> {
                      while (true) {
                        Runnable job = null;
                        try {
                          job = jobs.take();
                        } catch (InterruptedException e) {
                          System.err.println("interrupted");
                          job = null;
                        }
                        if (job != null) {
                          job.run();
                        }
                      }
                    });
              }
              void stop() {
                pool.shutdownNow();
              }
            }
            """)
        .addOutputLines(
            "Drainer.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            class Drainer {
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              private final BlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
              void start() {
                pool.execute(
                    () -> {
                      while (true) {
                        Runnable job = null;
                        try {
                          job = jobs.take();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                          System.err.println("interrupted");
                          job = null;
                          break;
                        }
                        if (job != null) {
                          job.run();
                        }
                      }
                    });
              }
              void stop() {
                pool.shutdownNow();
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_whenThePrivateMethodIsAlsoCalledOnACallersThread() {
    refactoring
        .addInputLines(
            "Shrinker.java",
            """
            import java.util.Iterator;
            import java.util.List;
            import java.util.concurrent.CopyOnWriteArrayList;
            class Shrinker implements Runnable {
              interface Region { int deleteExpired(); }
              private final List<Region> regions = new CopyOnWriteArrayList<>();
              @Override
              public void run() {
                deleteFromAll();
              }
              public void shrinkNow() {
                deleteFromAll();
              }
              private void deleteFromAll() {
                for (Iterator<Region> i = regions.iterator(); i.hasNext(); ) {
                  i.next().deleteExpired();
                  if (i.hasNext()) {
                    try {
                      Thread.sleep(1000);
                    } catch (InterruptedException e) {
                      System.err.println("interrupted");
                    }
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Shrinker.java",
            """
            import java.util.Iterator;
            import java.util.List;
            import java.util.concurrent.CopyOnWriteArrayList;
            class Shrinker implements Runnable {
              interface Region { int deleteExpired(); }
              private final List<Region> regions = new CopyOnWriteArrayList<>();
              @Override
              public void run() {
                deleteFromAll();
              }
              public void shrinkNow() {
                deleteFromAll();
              }
              private void deleteFromAll() {
                boolean interrupted = false;
                try {
                  for (Iterator<Region> i = regions.iterator(); i.hasNext(); ) {
                    i.next().deleteExpired();
                    if (i.hasNext()) {
                      try {
                        Thread.sleep(1000);
                      } catch (InterruptedException e) {
                        interrupted = true;
                        System.err.println("interrupted");
                      }
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
  void record_whenTheLoopsOrdinaryEndIsFollowedByItsBookkeeping() {
    refactoring
        .addInputLines(
            "Reconnector.java",
            """
            import java.util.concurrent.atomic.AtomicBoolean;
            class Reconnector implements Runnable {
              final AtomicBoolean failed = new AtomicBoolean();
              @Override
              public void run() {
                try {
                  reconnect();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
              private void reconnect() {
                for (int attempt = 0; attempt < 5; attempt++) {
                  try {
                    Thread.sleep(1000);
                  } catch (InterruptedException e) {
                  }
                }
                failed.set(true);
              }
            }
            """)
        .addOutputLines(
            "Reconnector.java",
            """
            import java.util.concurrent.atomic.AtomicBoolean;
            class Reconnector implements Runnable {
              final AtomicBoolean failed = new AtomicBoolean();
              @Override
              public void run() {
                try {
                  reconnect();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
              private void reconnect() {
                boolean interrupted = false;
                try {
                  for (int attempt = 0; attempt < 5; attempt++) {
                    try {
                      Thread.sleep(1000);
                    } catch (InterruptedException e) {
                      interrupted = true;
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
                failed.set(true);
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- a walk whose timed waits may time out

  @Test
  void restore_inAWalkWhoseTimedWaitsTheCodeLetsTimeOut() {
    refactoring
        .addInputLines(
            "Pending.java",
            """
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Pending {
              static final Map<Long, CompletableFuture<String>> FUTURES = new ConcurrentHashMap<>();
              static void closeChannel(long timeout) {
                long deadline = System.currentTimeMillis() + timeout;
                for (CompletableFuture<String> future : FUTURES.values()) {
                  long rest = deadline - System.currentTimeMillis();
                  if (rest > 0) {
                    try {
                      future.get(rest, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                      System.err.println("no response in time");
                    } catch (Throwable ignore) {
                    }
                  }
                  if (!future.isDone()) {
                    future.complete("inactive");
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Pending.java",
            """
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.TimeoutException;
            class Pending {
              static final Map<Long, CompletableFuture<String>> FUTURES = new ConcurrentHashMap<>();
              static void closeChannel(long timeout) {
                long deadline = System.currentTimeMillis() + timeout;
                for (CompletableFuture<String> future : FUTURES.values()) {
                  long rest = deadline - System.currentTimeMillis();
                  if (rest > 0) {
                    try {
                      future.get(rest, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                      System.err.println("no response in time");
                    } catch (Throwable ignore) {
                      if (ignore instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                      }
                    }
                  }
                  if (!future.isDone()) {
                    future.complete("inactive");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_inAWalkWhoseWaitsMustEachEnd() {
    refactoring
        .addInputLines(
            "Results.java",
            """
            import java.util.List;
            import java.util.concurrent.Future;
            class Results {
              static void awaitAll(List<Future<?>> results) {
                for (Future<?> result : results) {
                  try {
                    result.get();
                  } catch (Exception e) {
                    System.err.println(e);
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Results.java",
            """
            import java.util.List;
            import java.util.concurrent.Future;
            class Results {
              static void awaitAll(List<Future<?>> results) {
                boolean interrupted = false;
                try {
                  for (Future<?> result : results) {
                    try {
                      result.get();
                    } catch (Exception e) {
                      if (e instanceof InterruptedException) {
                        interrupted = true;
                      }
                      System.err.println(e);
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
  void restore_inAWalkWhoseCatchKeepsEachFailureForItsCaller() {
    // Each job's failure is counted and returned: restored, the remaining get()s fail at once into
    // this catch, as failed jobs the caller learns of, and the walk ends promptly.
    refactoring
        .addInputLines(
            "Jobs.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.Future;
            import java.util.function.Consumer;
            class Jobs {
              static boolean waitForAll(List<Future<?>> jobs, Consumer<Throwable> callback) {
                List<Future<?>> failed = new ArrayList<>();
                for (Future<?> job : jobs) {
                  try {
                    job.get();
                  } catch (Exception e) {
                    callback.accept(e);
                    failed.add(job);
                  }
                }
                return failed.isEmpty();
              }
            }
            """)
        .addOutputLines(
            "Jobs.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.Future;
            import java.util.function.Consumer;
            class Jobs {
              static boolean waitForAll(List<Future<?>> jobs, Consumer<Throwable> callback) {
                List<Future<?>> failed = new ArrayList<>();
                for (Future<?> job : jobs) {
                  try {
                    job.get();
                  } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                      Thread.currentThread().interrupt();
                    }
                    callback.accept(e);
                    failed.add(job);
                  }
                }
                return failed.isEmpty();
              }
            }
            """)
        .doTest();
  }

  @Test
  void restore_inAWalkWhoseCatchKeepsTheExceptionItThrowsAfter() {
    refactoring
        .addInputLines(
            "Results.java",
            """
            import java.io.IOException;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Results {
              static List<String> collect(List<Future<String>> futures) throws IOException {
                List<String> results = new ArrayList<>();
                IOException parent = null;
                for (Future<String> f : futures) {
                  try {
                    results.add(f.get());
                  } catch (ExecutionException e) {
                    parent = new IOException(e.getCause());
                  } catch (Exception e) {
                    if (parent == null) {
                      parent = new IOException(e);
                    } else {
                      parent.addSuppressed(e);
                    }
                  }
                }
                if (parent != null) {
                  throw parent;
                }
                return results;
              }
            }
            """)
        .addOutputLines(
            "Results.java",
            """
            import java.io.IOException;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;
            class Results {
              static List<String> collect(List<Future<String>> futures) throws IOException {
                List<String> results = new ArrayList<>();
                IOException parent = null;
                for (Future<String> f : futures) {
                  try {
                    results.add(f.get());
                  } catch (ExecutionException e) {
                    parent = new IOException(e.getCause());
                  } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                      Thread.currentThread().interrupt();
                    }
                    if (parent == null) {
                      parent = new IOException(e);
                    } else {
                      parent.addSuppressed(e);
                    }
                  }
                }
                if (parent != null) {
                  throw parent;
                }
                return results;
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_inAStopWhoseWalkKeepsEachFailure() {
    // The walk is a stop's: its remaining waits are cleanup, which the interrupted thread still
    // waits out.
    refactoring
        .addInputLines(
            "Children.java",
            """
            import java.util.List;
            import java.util.concurrent.Future;
            class Children {
              static boolean stopChildren(List<Future<?>> stops) {
                boolean fail = false;
                for (Future<?> stop : stops) {
                  try {
                    stop.get();
                  } catch (Exception e) {
                    fail = true;
                  }
                }
                return !fail;
              }
            }
            """)
        .addOutputLines(
            "Children.java",
            """
            import java.util.List;
            import java.util.concurrent.Future;
            class Children {
              static boolean stopChildren(List<Future<?>> stops) {
                boolean fail = false;
                boolean interrupted = false;
                try {
                  for (Future<?> stop : stops) {
                    try {
                      stop.get();
                    } catch (Exception e) {
                      if (e instanceof InterruptedException) {
                        interrupted = true;
                      }
                      fail = true;
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
                return !fail;
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------- a caller's wait for another thread

  @Test
  void rethrow_fromACallersWaitUnderALockInAMethodThatMayThrowIt() {
    refactoring
        .addInputLines(
            "Worker.java",
            """
            class Worker {
              static class Helper {
                private boolean finished;
                synchronized boolean isFinished() { return finished; }
              }
              Object run(Helper helper) throws Exception {
                synchronized (helper) {
                  while (!helper.isFinished()) {
                    try {
                      helper.wait();
                    } catch (InterruptedException e) {
                      // expected
                    }
                  }
                }
                return helper;
              }
            }
            """)
        .addOutputLines(
            "Worker.java",
            """
            class Worker {
              static class Helper {
                private boolean finished;
                synchronized boolean isFinished() { return finished; }
              }
              Object run(Helper helper) throws Exception {
                synchronized (helper) {
                  while (!helper.isFinished()) {
                    try {
                      helper.wait();
                    } catch (InterruptedException e) {
                      throw e;
                    }
                  }
                }
                return helper;
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_whenTheMethodCannotThrowTheInterrupt() {
    refactoring
        .addInputLines(
            "Worker.java",
            """
            class Worker {
              static class Helper {
                private boolean finished;
                synchronized boolean isFinished() { return finished; }
              }
              Object run(Helper helper) {
                synchronized (helper) {
                  while (!helper.isFinished()) {
                    try {
                      helper.wait();
                    } catch (InterruptedException e) {
                      // expected
                    }
                  }
                }
                return helper;
              }
            }
            """)
        .addOutputLines(
            "Worker.java",
            """
            class Worker {
              static class Helper {
                private boolean finished;
                synchronized boolean isFinished() { return finished; }
              }
              Object run(Helper helper) {
                synchronized (helper) {
                  boolean interrupted = false;
                  try {
                    while (!helper.isFinished()) {
                      try {
                        helper.wait();
                      } catch (InterruptedException e) {
                        interrupted = true;
                        // expected
                      }
                    }
                  } finally {
                    if (interrupted) {
                      Thread.currentThread().interrupt();
                    }
                  }
                }
                return helper;
              }
            }
            """)
        .doTest();
  }
}
