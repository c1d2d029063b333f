package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

class ResourceLeakOnCancelTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ResourceLeakOnCancel.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(ResourceLeakOnCancel.class, getClass());

  /** Every CancelGuard check, to show a fixed program is clean. */
  private final CompilationTestHelper allChecks =
      CompilationTestHelper.newInstance(
          ScannerSupplier.fromBugCheckerClasses(
              ResourceLeakOnCancel.class,
              SwallowedInterrupt.class,
              OrphanedSubtasks.class,
              TaskStartedDuringCancellation.class),
          getClass());

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_connectionClosedAtTheEndOfTheHappyPath() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.sql.Connection;
            import java.sql.SQLException;
            import java.util.concurrent.BlockingQueue;
            import javax.sql.DataSource;
            class Test {
              void store(DataSource db, BlockingQueue<String> rows)
                  throws SQLException, InterruptedException {
                // BUG: Diagnostic contains: `connection` is released only on the normal path (line 12); if the thread is interrupted at take() (line 10), the method lets the exception propagate
                Connection connection = db.getConnection();
                String row = rows.take();
                connection.createStatement().execute(row);
                connection.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_writerDeclaredInsideTryLostToTheCatch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            import java.io.Writer;
            class Test {
              void export(String path, Object lock) {
                try {
                  // BUG: Diagnostic contains: ResourceLeakOnCancel
                  Writer out = new FileWriter(path);
                  synchronized (lock) {
                    lock.wait(100);
                  }
                  out.write("done");
                  out.close();
                } catch (IOException | InterruptedException e) {
                  System.err.println("export failed: " + e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_objectCheckedOutOfAQueuePool() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              static final class Channel {}

              void send(BlockingQueue<Channel> channels, String message) throws InterruptedException {
                // BUG: Diagnostic contains: it never goes back to `channels`
                Channel channel = channels.take();
                Thread.sleep(5);
                System.out.println(channel + message);
                channels.put(channel);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_semaphorePermit() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Semaphore;
            class Test {
              private final Semaphore permits = new Semaphore(4);

              void download(String url) throws InterruptedException {
                // BUG: Diagnostic contains: The permit of `permits` is released only on the normal path
                permits.acquire();
                Thread.sleep(url.length());
                permits.release();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_lockTakenInterruptibly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.locks.ReentrantLock;
            class Test {
              private final ReentrantLock lock = new ReentrantLock();

              String next(BlockingQueue<String> queue) throws InterruptedException {
                // BUG: Diagnostic contains: The lock `lock`
                lock.lockInterruptibly();
                String item = queue.take();
                lock.unlock();
                return item;
              }
            }
            """)
        .doTest();
  }

  /**
   * A lock released and taken again: interrupted in the second {@code lockInterruptibly()}, the
   * method does not hold it (the first hold ended at the unlock), so nothing stays locked.
   */
  @Test
  void negative_lockReleasedThenTakenAgainInterruptibly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.locks.ReentrantLock;
            class Test {
              private final ReentrantLock lock = new ReentrantLock();
              private int count;

              void fill(int target) throws InterruptedException {
                for (;;) {
                  lock.lockInterruptibly();
                  boolean fillable = count < target;
                  lock.unlock();
                  if (!fillable) {
                    break;
                  }
                  Object created = create();
                  lock.lockInterruptibly();
                  try {
                    count++;
                  } finally {
                    lock.unlock();
                  }
                }
              }

              void fillWithCatch(int target) {
                for (;;) {
                  try {
                    lock.lockInterruptibly();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupt", e);
                  }
                  boolean fillable = count < target;
                  lock.unlock();
                  if (!fillable) {
                    break;
                  }
                  try {
                    lock.lockInterruptibly();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupt", e);
                  }
                  try {
                    count++;
                  } finally {
                    lock.unlock();
                  }
                }
              }

              static Object create() {
                return new Object();
              }
            }
            """)
        .doTest();
  }

  /** The same lock held across a wait before its unlock, then taken again: still reported. */
  @Test
  void positive_lockHeldAcrossAWaitBeforeItIsReleasedAndTakenAgain() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.locks.ReentrantLock;
            class Test {
              private final ReentrantLock lock = new ReentrantLock();
              private int count;

              void fill(BlockingQueue<String> queue) throws InterruptedException {
                // BUG: Diagnostic contains: The lock `lock`
                lock.lockInterruptibly();
                String first = queue.take();
                lock.unlock();
                lock.lockInterruptibly();
                try {
                  count++;
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .doTest();
  }

  /** Interrupted on the branch where the resource is null: there is nothing of it to release. */
  @Test
  void negative_interruptedOnTheBranchWhereTheResourceIsNull() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.atomic.AtomicReference;
            class Test {
              interface Handle extends AutoCloseable {
                @Override
                void close() throws InterruptedException;
              }
              private final AtomicReference<Handle> current = new AtomicReference<>();

              void closeHandle() throws InterruptedException {
                Handle handle = current.get();
                if (null == handle) {
                  Thread.sleep(10);
                } else {
                  handle.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptedOnTheBranchWhereTheResourceIsNotNull() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.atomic.AtomicReference;
            class Test {
              interface Handle extends AutoCloseable {
                @Override
                void close() throws InterruptedException;
              }
              private final AtomicReference<Handle> current = new AtomicReference<>();

              void closeHandle() throws InterruptedException {
                // BUG: Diagnostic contains: `handle` is released only on the normal path
                Handle handle = current.get();
                if (null != handle) {
                  Thread.sleep(10);
                  handle.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_interruptRestoredAndReturnedEarly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileInputStream;
            import java.io.IOException;
            import java.io.InputStream;
            class Test {
              int firstByte(String path) throws IOException {
                // BUG: Diagnostic contains: the method returns (line 12) without releasing it
                InputStream in = new FileInputStream(path);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return -1;
                }
                int b = in.read();
                in.close();
                return b;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_flagTestReturnsEarly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileOutputStream;
            import java.io.IOException;
            import java.io.OutputStream;
            import java.util.List;
            class Test {
              void write(String path, List<byte[]> chunks) throws IOException {
                // BUG: Diagnostic contains: interrupted at the isInterrupted() check (line 10), the method returns (line 11)
                OutputStream out = new FileOutputStream(path);
                for (byte[] chunk : chunks) {
                  if (Thread.currentThread().isInterrupted()) {
                    return;
                  }
                  out.write(chunk);
                }
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_throwNewInterruptedException() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileOutputStream;
            import java.io.IOException;
            import java.io.OutputStream;
            import java.util.List;
            class Test {
              void write(String path, List<byte[]> chunks) throws IOException, InterruptedException {
                // BUG: Diagnostic contains: interrupted at the Thread.interrupted() check (line 10), the method throws (line 11)
                OutputStream out = new FileOutputStream(path);
                for (byte[] chunk : chunks) {
                  if (Thread.interrupted()) {
                    throw new InterruptedException();
                  }
                  out.write(chunk);
                }
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_configuredCancellationPoint() {
    helper
        .setArgs("-XepOpt:CancelGuard:CancellationPoints=Test#checkpoint")
        .addSourceLines(
            "Test.java",
            """
            import java.io.StringWriter;
            class Test {
              static void checkpoint() {}

              String render(int rows) {
                // BUG: Diagnostic contains: interrupted at checkpoint()
                StringWriter out = new StringWriter();
                for (int i = 0; i < rows; i++) {
                  checkpoint();
                  out.write("row " + i);
                }
                String text = out.toString();
                try {
                  out.close();
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
                return text;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_assignedAfterItsDeclaration() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            class Test {
              void ping(String host) throws IOException, InterruptedException {
                Socket socket = null;
                // BUG: Diagnostic contains: `socket`
                socket = new Socket(host, 7);
                Thread.sleep(100);
                socket.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_insideATaskLambda() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileOutputStream;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;
            class Test {
              void start(ExecutorService pool, BlockingQueue<byte[]> chunks, String path) {
                pool.submit(
                    () -> {
                      // BUG: Diagnostic contains: ResourceLeakOnCancel
                      FileOutputStream out = new FileOutputStream(path);
                      out.write(chunks.take());
                      out.close();
                      return null;
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_loopAcquiresAgainAfterASwallowedInterrupt() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileInputStream;
            import java.io.IOException;
            import java.io.InputStream;
            import java.util.List;
            class Test {
              void scan(List<String> paths) throws IOException {
                for (String path : paths) {
                  // BUG: Diagnostic contains: acquires it again (line 9)
                  InputStream in = new FileInputStream(path);
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    continue;
                  }
                  in.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_closeHelperAtTheEnd() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.Closeable;
            import java.io.FileInputStream;
            import java.io.IOException;
            import java.util.concurrent.Future;
            class Test {
              static void closeQuietly(Closeable c) {
                try {
                  c.close();
                } catch (IOException e) {
                  // ignored
                }
              }

              int read(String path, Future<?> ready) throws Exception {
                // BUG: Diagnostic contains: interrupted at get()
                FileInputStream in = new FileInputStream(path);
                ready.get();
                int b = in.read();
                closeQuietly(in);
                return b;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadJoinInBetween() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            class Test {
              void report(Thread worker, String path) throws IOException, InterruptedException {
                // BUG: Diagnostic contains: interrupted at join()
                FileWriter out = new FileWriter(path);
                worker.join();
                out.write("worker done");
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_recordWithVarAndSwitch() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.BufferedReader;
            import java.io.FileReader;
            import java.io.IOException;
            record Test(String path) {
              String firstLine(Object mode) throws IOException, InterruptedException {
                // BUG: Diagnostic contains: `reader`
                var reader = new BufferedReader(new FileReader(path));
                String line =
                    switch (mode) {
                      case Integer delay -> {
                        Thread.sleep(delay);
                        yield reader.readLine();
                      }
                      default -> reader.readLine();
                    };
                reader.close();
                return line;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_checkoutGivenBackByRelease() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.TimeUnit;
            class Test {
              interface Pool<T> {
                T borrowObject() throws Exception;

                void returnObject(T t);
              }

              void use(Pool<StringBuilder> buffers) throws Exception {
                // BUG: Diagnostic contains: it never goes back to `buffers`
                StringBuilder buffer = buffers.borrowObject();
                TimeUnit.MILLISECONDS.sleep(5);
                buffer.append("x");
                buffers.returnObject(buffer);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_cancellationTokenThrowsInterruptedException() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Test {
              void export(String path, List<String> rows, AtomicBoolean cancelled)
                  throws IOException, InterruptedException {
                // BUG: Diagnostic contains: interrupted at `throw new InterruptedException()` (line 12)
                FileWriter out = new FileWriter(path);
                for (String row : rows) {
                  if (cancelled.get()) {
                    throw new InterruptedException("export cancelled");
                  }
                  out.write(row);
                }
                out.close();
              }
            }
            """)
        .doTest();
  }

  /**
   * A code unit is looked at from its own cancellation points: one in a lambda inside the method is
   * the lambda's, and leaves the method's resource alone, as the same resource held across a point
   * of the method itself (the neighbour below) does not.
   */
  @Test
  void pointInANestedLambdaIsNotTheMethods() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.Callable;
            class Test {
              Callable<String> later(String path, BlockingQueue<String> queue) throws IOException {
                FileWriter out = new FileWriter(path);
                Callable<String> next =
                    () -> {
                      return queue.take();
                    };
                out.write("x");
                out.close();
                return next;
              }

              void now(String path, BlockingQueue<String> queue)
                  throws IOException, InterruptedException {
                // BUG: Diagnostic contains: ResourceLeakOnCancel
                FileWriter out = new FileWriter(path);
                out.write(queue.take());
                out.close();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_tryWithResources() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.sql.Connection;
            import java.sql.SQLException;
            import java.util.concurrent.BlockingQueue;
            import javax.sql.DataSource;
            class Test {
              void store(DataSource db, BlockingQueue<String> rows)
                  throws SQLException, InterruptedException {
                try (Connection connection = db.getConnection()) {
                  String row = rows.take();
                  connection.createStatement().execute(row);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_closedInFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.sql.Connection;
            import java.sql.SQLException;
            import java.util.concurrent.BlockingQueue;
            import javax.sql.DataSource;
            class Test {
              void store(DataSource db, BlockingQueue<String> rows)
                  throws SQLException, InterruptedException {
                Connection connection = db.getConnection();
                try {
                  String row = rows.take();
                  connection.createStatement().execute(row);
                } finally {
                  connection.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_nothingBlocksInBetween() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            class Test {
              void write(String path) throws IOException, InterruptedException {
                Thread.sleep(10);
                FileWriter out = new FileWriter(path);
                out.write("hello");
                out.close();
                Thread.sleep(10);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_catchReleasesAndRethrows() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            class Test {
              void write(String path) throws IOException, InterruptedException {
                FileWriter out = new FileWriter(path);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  out.close();
                  throw e;
                }
                out.write("hello");
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptRestoredThenTheReleaseStillRuns() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            class Test {
              void write(String path) throws IOException {
                FileWriter out = new FileWriter(path);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                out.write("hello");
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_returnedToTheCaller() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileInputStream;
            import java.io.IOException;
            import java.io.InputStream;
            class Test {
              InputStream open(String path, boolean probe) throws IOException, InterruptedException {
                InputStream in = new FileInputStream(path);
                Thread.sleep(10);
                if (probe) {
                  in.close();
                  return null;
                }
                return in;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_storedInAFieldOrCaptured() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileInputStream;
            import java.io.IOException;
            import java.io.InputStream;
            import java.util.concurrent.Executor;
            class Test {
              InputStream current;

              void keep(String path) throws IOException, InterruptedException {
                InputStream in = new FileInputStream(path);
                current = in;
                Thread.sleep(10);
                in.close();
              }

              void closeLater(String path, Executor pool) throws IOException, InterruptedException {
                InputStream in = new FileInputStream(path);
                pool.execute(() -> System.out.println(in));
                Thread.sleep(10);
                in.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_wrappedStreamIsOwnedByItsWrapper() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.BufferedInputStream;
            import java.io.FileInputStream;
            import java.io.IOException;
            import java.io.InputStream;
            class Test {
              int read(String path) throws IOException, InterruptedException {
                InputStream raw = new FileInputStream(path);
                try (InputStream in = new BufferedInputStream(raw)) {
                  Thread.sleep(10);
                  int b = in.read();
                  raw.close();
                  return b;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_mustBeClosedIsErrorPronesOwnCheck() {
    helper
        .addSourceLines(
            "MustBeClosed.java",
            """
            @interface MustBeClosed {}
            """)
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.io.StringReader;
            class Test {
              @MustBeClosed
              static StringReader open(String text) {
                return new StringReader(text);
              }

              void read(String text) throws IOException, InterruptedException {
                StringReader reader = open(text);
                Thread.sleep(10);
                reader.read();
                reader.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_streamsAndExecutorsAreLeftToOtherChecks() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.stream.Stream;
            class Test {
              long count(Path file) throws IOException, InterruptedException {
                Stream<String> lines = Files.lines(file);
                Thread.sleep(10);
                long n = lines.count();
                lines.close();
                ExecutorService pool = Executors.newSingleThreadExecutor();
                Thread.sleep(10);
                pool.close();
                return n;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_plainLockIsLockNotBeforeTrysCase() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.locks.ReentrantLock;
            class Test {
              private final ReentrantLock lock = new ReentrantLock();

              String next(BlockingQueue<String> queue) throws InterruptedException {
                lock.lock();
                String item = queue.take();
                lock.unlock();
                return item;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_permitAndLockReleasedInFinally() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.Semaphore;
            import java.util.concurrent.locks.Lock;
            class Test {
              void guarded(Semaphore permits, Lock lock) throws InterruptedException {
                permits.acquire();
                try {
                  lock.lockInterruptibly();
                  try {
                    Thread.sleep(10);
                  } finally {
                    lock.unlock();
                  }
                } finally {
                  permits.release();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_mapLookupIsNotACheckout() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.Map;
            import java.util.concurrent.BlockingQueue;
            class Test {
              void touch(Map<String, StringBuilder> sessions, BlockingQueue<String> ids)
                  throws InterruptedException {
                StringBuilder session = sessions.remove("current");
                String id = ids.take();
                sessions.put(id, session);
              }

              void peek(BlockingQueue<String> queue) throws InterruptedException {
                String head = queue.peek();
                Thread.sleep(10);
                queue.offer(head);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_messageQueueConsumerThatPutsSomeMessagesBack() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.TimeUnit;
            class Test {
              record Vote(long epoch) {}

              long elect(BlockingQueue<Vote> inbox, long current) throws InterruptedException {
                while (true) {
                  Vote vote = inbox.poll(100, TimeUnit.MILLISECONDS);
                  if (vote == null) {
                    continue;
                  }
                  current = Math.max(current, vote.epoch());
                  while ((vote = inbox.poll(10, TimeUnit.MILLISECONDS)) != null) {
                    if (vote.epoch() > current) {
                      inbox.put(vote);
                      break;
                    }
                  }
                  if (vote == null) {
                    return current;
                  }
                }
              }

              void relay(BlockingQueue<String> inbox, StringBuilder log) throws InterruptedException {
                String message = inbox.take();
                Thread.sleep(5);
                if (message.isEmpty()) {
                  return;
                }
                log.append(message);
                inbox.put(message);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_checkoutGivenBackOnEveryNormalPathOfALoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.List;
            import java.util.concurrent.BlockingQueue;
            class Test {
              void sendAll(BlockingQueue<StringBuilder> buffers, List<String> messages)
                  throws InterruptedException {
                for (String message : messages) {
                  // BUG: Diagnostic contains: it never goes back to `buffers`
                  StringBuilder buffer = buffers.take();
                  if (message.isEmpty()) {
                    buffers.put(buffer);
                    continue;
                  }
                  Thread.sleep(5);
                  buffer.append(message);
                  buffers.put(buffer);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_neverReleasedHereIsNotThisCheck() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            class Test {
              void leak(String path) throws IOException, InterruptedException {
                FileWriter out = new FileWriter(path);
                Thread.sleep(10);
                out.write("x");
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_noBodyOrExpressionLambda() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.Reader;
            import java.util.concurrent.Callable;
            abstract class Test {
              abstract Reader open() throws Exception;

              Callable<Integer> reader() {
                return () -> open().read();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_interruptHandledInsideBeforeTheRelease() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            import java.util.concurrent.BlockingQueue;
            class Test {
              void drain(String path, BlockingQueue<String> lines) throws IOException {
                FileWriter out = new FileWriter(path);
                while (true) {
                  String line;
                  try {
                    line = lines.take();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                  }
                  out.write(line);
                }
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_acquiredAfterTheLastBlockingCallInALoop() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            import java.util.concurrent.BlockingQueue;
            class Test {
              void append(String path, BlockingQueue<String> lines) throws IOException, InterruptedException {
                while (true) {
                  String line = lines.take();
                  if (line.isEmpty()) {
                    return;
                  }
                  FileWriter out = new FileWriter(path, true);
                  out.write(line);
                  out.close();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_mainIsNeverInterrupted() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            public class Test {
              public static void main(String[] args) throws IOException, InterruptedException {
                FileWriter out = new FileWriter(args[0]);
                Thread.sleep(10);
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_closedInFinallyBehindANullCheck() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.io.ObjectOutputStream;
            import java.io.OutputStream;
            import java.util.concurrent.BlockingQueue;
            class Sender {
              void send(BlockingQueue<String> queue, OutputStream out)
                  throws IOException, InterruptedException {
                ObjectOutputStream oos = null;
                try {
                  oos = new ObjectOutputStream(out);
                  oos.writeObject(queue.take());
                } finally {
                  if (oos != null) {
                    oos.close();
                  }
                }
              }

              void sendReversed(BlockingQueue<String> queue, OutputStream out)
                  throws IOException, InterruptedException {
                ObjectOutputStream oos = null;
                try {
                  oos = new ObjectOutputStream(out);
                  oos.writeObject(queue.take());
                } finally {
                  if (null == oos) {
                    System.err.println("never opened");
                  } else {
                    oos.close();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_nullCheckOnAnotherVariableDoesNotRelease() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.io.ObjectOutputStream;
            import java.io.OutputStream;
            import java.util.concurrent.BlockingQueue;
            class Sender {
              void send(BlockingQueue<String> queue, OutputStream out, Object audit)
                  throws IOException, InterruptedException {
                // BUG: Diagnostic contains: ResourceLeakOnCancel
                ObjectOutputStream oos = new ObjectOutputStream(out);
                oos.writeObject(queue.take());
                if (audit != null) {
                  oos.close();
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
            import java.io.FileWriter;
            import java.io.IOException;
            class Test {
              @SuppressWarnings("ResourceLeakOnCancel")
              void a(String path) throws IOException, InterruptedException {
                FileWriter out = new FileWriter(path);
                Thread.sleep(10);
                out.close();
              }

              void b(String path) throws IOException, InterruptedException {
                @SuppressWarnings("ResourceLeakOnCancel")
                FileWriter out = new FileWriter(path);
                Thread.sleep(10);
                out.close();
              }

              // Suppressed for another check only: still reported.
              @SuppressWarnings("SwallowedInterrupt")
              void c(String path) throws IOException, InterruptedException {
                // BUG: Diagnostic contains: ResourceLeakOnCancel
                FileWriter out = new FileWriter(path);
                Thread.sleep(10);
                out.close();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  private static final String CONNECTION_FIXED =
      """
      import java.sql.Connection;
      import java.sql.SQLException;
      import java.util.concurrent.BlockingQueue;
      import javax.sql.DataSource;
      class Test {
        void store(DataSource db, BlockingQueue<String> rows)
            throws SQLException, InterruptedException {
          try (Connection connection = db.getConnection()) {
            String row = rows.take();
            connection.createStatement().execute(row);
          }
          System.out.println("stored");
        }
      }
      """;

  @Test
  void fix_tryWithResources() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.sql.Connection;
            import java.sql.SQLException;
            import java.util.concurrent.BlockingQueue;
            import javax.sql.DataSource;
            class Test {
              void store(DataSource db, BlockingQueue<String> rows)
                  throws SQLException, InterruptedException {
                Connection connection = db.getConnection();
                String row = rows.take();
                connection.createStatement().execute(row);
                connection.close();
                System.out.println("stored");
              }
            }
            """)
        .addOutputLines("Test.java", CONNECTION_FIXED)
        .doTest();
  }

  @Test
  void fixedCode_tryWithResourcesIsClean() {
    allChecks.addSourceLines("Test.java", CONNECTION_FIXED).expectNoDiagnostics().doTest();
  }

  private static final String CHECKOUT_FIXED =
      """
      import java.util.concurrent.BlockingQueue;
      class Test {
        static final class Channel {}

        void send(BlockingQueue<Channel> channels, String message) throws InterruptedException {
          Channel channel = channels.take();
          try {
            Thread.sleep(5);
            System.out.println(channel + message);
          } finally {
            channels.put(channel);
          }
        }
      }
      """;

  @Test
  void fix_tryFinallyForACheckout() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Test {
              static final class Channel {}

              void send(BlockingQueue<Channel> channels, String message) throws InterruptedException {
                Channel channel = channels.take();
                Thread.sleep(5);
                System.out.println(channel + message);
                channels.put(channel);
              }
            }
            """)
        .addOutputLines("Test.java", CHECKOUT_FIXED)
        .doTest();
  }

  @Test
  void fixedCode_tryFinallyIsClean() {
    allChecks.addSourceLines("Test.java", CHECKOUT_FIXED).expectNoDiagnostics().doTest();
  }

  @Test
  void fix_tryFinallyForAPermit() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.Semaphore;
            class Test {
              private final Semaphore permits = new Semaphore(4);

              void download(String url) throws InterruptedException {
                permits.acquire();
                Thread.sleep(url.length());
                permits.release();
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.Semaphore;
            class Test {
              private final Semaphore permits = new Semaphore(4);

              void download(String url) throws InterruptedException {
                permits.acquire();
                try {
                  Thread.sleep(url.length());
                } finally {
                  permits.release();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_tryFinallyForAnInterruptibleLock() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.locks.ReentrantLock;
            class Test {
              private final ReentrantLock lock = new ReentrantLock();

              void next(BlockingQueue<String> queue) throws InterruptedException {
                lock.lockInterruptibly();
                String item = queue.take();
                System.out.println(item);
                lock.unlock();
              }
            }
            """)
        .addOutputLines(
            "Test.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.locks.ReentrantLock;
            class Test {
              private final ReentrantLock lock = new ReentrantLock();

              void next(BlockingQueue<String> queue) throws InterruptedException {
                lock.lockInterruptibly();
                try {
                  String item = queue.take();
                  System.out.println(item);
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void fix_noneWhenAVariableDeclaredInsideIsUsedAfter() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.io.FileWriter;
            import java.io.IOException;
            import java.util.concurrent.BlockingQueue;
            class Test {
              String log(String path, BlockingQueue<String> lines)
                  throws IOException, InterruptedException {
                FileWriter out = new FileWriter(path);
                String line = lines.take();
                out.write(line);
                out.close();
                return line;
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_noneWhenReleasedInTwoPlaces() {
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.io.FileInputStream;
            import java.io.IOException;
            import java.io.InputStream;
            class Test {
              int firstByte(String path) throws IOException {
                InputStream in = new FileInputStream(path);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return -1;
                }
                if (path.isEmpty()) {
                  in.close();
                  return 0;
                }
                int b = in.read();
                in.close();
                return b;
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  // ---------------------------------------------------------------- nothing to release

  /**
   * A chain step that reads through {@code reader}, made as {@code make}; its close() is {@code
   * close}.
   */
  private static String chainStep(String bug, String make, String close) {
    return """
        import java.io.Closeable;
        import java.io.IOException;
        import java.util.concurrent.BlockingQueue;
        class Chain {
          abstract static class Reader implements Closeable {
            abstract String next() throws InterruptedException;
          }
          static class QueueReader extends Reader {
            private final BlockingQueue<String> queue;
            QueueReader(BlockingQueue<String> queue) {
              this.queue = queue;
            }
            @Override
            String next() throws InterruptedException {
              return queue.take();
            }
            @Override
            public void close() throws IOException {
              CLOSE
            }
          }
          static class CountingReader extends QueueReader {
            CountingReader(BlockingQueue<String> queue) {
              super(queue);
            }
          }
          void step(BlockingQueue<String> input, StringBuilder out)
              throws IOException, InterruptedException {
            BUG
            Reader reader = MAKE;
            out.append(reader.next());
            reader.close();
          }
        }
        """
        .replace("CLOSE", close)
        .replace("BUG\n", bug.isEmpty() ? "" : bug + "\n")
        .replace("MAKE", make);
  }

  private static final String NOT_RELEASED =
      "// BUG: Diagnostic contains: `reader` is released only on the normal path";

  @Test
  void negative_closeableWhoseCloseIsEmpty() {
    helper.addSourceLines("Chain.java", chainStep("", "new QueueReader(input)", "")).doTest();
  }

  @Test
  void negative_closeableThatInheritsAnEmptyClose() {
    helper.addSourceLines("Chain.java", chainStep("", "new CountingReader(input)", "")).doTest();
  }

  @Test
  void positive_theSameReaderWhoseCloseDoesSomething() {
    helper
        .addSourceLines(
            "Chain.java", chainStep(NOT_RELEASED, "new QueueReader(input)", "queue.clear();"))
        .doTest();
  }

  @Test
  void positive_theSameReaderAsAnAnonymousSubclass() {
    helper
        .addSourceLines(
            "Chain.java",
            chainStep(
                NOT_RELEASED,
                "new QueueReader(input) {\n"
                    + "  @Override public void close() { System.out.println(\"closed\"); }\n"
                    + "}",
                ""))
        .doTest();
  }

  @Test
  void positive_theSameReaderFromAFactory() {
    helper
        .addSourceLines(
            "Chain.java",
            chainStep(NOT_RELEASED, "open(input)", "")
                .replace(
                    "  void step(",
                    "  Reader open(BlockingQueue<String> q) { return new QueueReader(q); }\n"
                        + "  void step("))
        .doTest();
  }

  @Test
  void positive_aCloseableOfAClassFileIsNotReadForAnEmptyClose() {
    helper
        .addSourceLines(
            "Copy.java",
            """
            import java.io.ByteArrayOutputStream;
            import java.io.IOException;
            import java.util.concurrent.BlockingQueue;
            class Copy {
              void copy(BlockingQueue<byte[]> chunks) throws IOException, InterruptedException {
                // BUG: Diagnostic contains: `out` is released only on the normal path
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(chunks.take());
                out.close();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- readers taken out of a queue

  /**
   * A join over child readers kept in {@code kids} and queued in {@code q}, each of which blocks in
   * accept(); {@code body} is the join step.
   */
  private static String join(String body) {
    return """
        import java.io.Closeable;
        import java.io.IOException;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.PriorityQueue;
        class Join implements Closeable {
          interface Child extends Closeable {
            void accept(StringBuilder out) throws InterruptedException;
            boolean hasNext();
          }
          private final List<Child> kids = new ArrayList<>();
          private final PriorityQueue<Child> q = new PriorityQueue<>();
          BODY
          @Override
          public void close() throws IOException {
            for (Child kid : kids) {
              kid.close();
            }
          }
        }
        """
        .replace("BODY", body);
  }

  @Test
  void negative_readerTakenOutOfAQueueAndPutBackOnlyWhileItHasMore() {
    helper
        .addSourceLines(
            "Join.java",
            join(
                """
                void fill(StringBuilder out) throws InterruptedException {
                  while (!q.isEmpty()) {
                    Child t = q.poll();
                    t.accept(out);
                    if (t.hasNext()) {
                      q.add(t);
                    } else if (q.isEmpty()) {
                      return;
                    }
                  }
                }
                """))
        .doTest();
  }

  @Test
  void positive_theSameReaderPutBackOnEveryNormalPath() {
    helper
        .addSourceLines(
            "Join.java",
            join(
                """
                void fill(StringBuilder out) throws InterruptedException {
                  // BUG: Diagnostic contains: `t` is released only on the normal path
                  Child t = q.poll();
                  t.accept(out);
                  q.add(t);
                }
                """))
        .doTest();
  }

  @Test
  void positive_aReaderTheCodeOpensAndClosesOnlySometimes() {
    helper
        .addSourceLines(
            "Join.java",
            join(
                """
                Child open() { return null; }
                void fill(StringBuilder out) throws InterruptedException, IOException {
                  // BUG: Diagnostic contains: `t` is released only on the normal path
                  Child t = open();
                  t.accept(out);
                  if (!t.hasNext()) {
                    t.close();
                  }
                }
                """
                    .replace(
                        "Child open() { return null; }", "Child open() { return kids.get(0); }")))
        .doTest();
  }

  @Test
  void negative_readerPutBackIntoAListOnlyThisMethodHolds() {
    helper
        .addSourceLines(
            "Join.java",
            join(
                """
                void fill(StringBuilder out) throws InterruptedException {
                  List<Child> list = new ArrayList<>();
                  while (!q.isEmpty()) {
                    list.add(q.poll());
                  }
                  Child t = list.remove(0);
                  t.accept(out);
                  list.add(t);
                  for (Child c : list) {
                    if (c.hasNext()) {
                      q.add(c);
                    }
                  }
                }
                """))
        .doTest();
  }

  @Test
  void positive_theSameListKeptInAField() {
    helper
        .addSourceLines(
            "Join.java",
            join(
                """
                private List<Child> pending;
                void fill(StringBuilder out) throws InterruptedException {
                  List<Child> list = new ArrayList<>();
                  pending = list;
                  while (!q.isEmpty()) {
                    list.add(q.poll());
                  }
                  // BUG: Diagnostic contains: `t` is released only on the normal path
                  Child t = list.remove(0);
                  t.accept(out);
                  list.add(t);
                }
                """))
        .doTest();
  }

  @Test
  void positive_theSameReaderPutBackIntoAListHandedIn() {
    helper
        .addSourceLines(
            "Join.java",
            join(
                """
                void fill(StringBuilder out, List<Child> list) throws InterruptedException {
                  // BUG: Diagnostic contains: `t` is released only on the normal path
                  Child t = list.remove(0);
                  t.accept(out);
                  list.add(t);
                }
                """))
        .doTest();
  }
}
