package samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import samples.DemoSupport.Gate;

/** The stand-ins the demonstrations hand to the sample programs. */
final class DemoFakes {
  private DemoFakes() {}

  /**
   * A log, spool or transcript on a slow disk: every write from a thread other than the one that
   * created it waits at a gate first. It records what was written while it was open, what was
   * written after it had been closed (lost: a real stream throws "Stream closed"), and whether it
   * was closed while a write was in progress.
   */
  static final class GatedWriter extends Writer {
    private final Gate gate;
    private final Thread owner = Thread.currentThread();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final List<String> lost = new CopyOnWriteArrayList<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final Semaphore finished = new Semaphore(0);
    private volatile boolean closed;
    private volatile boolean closedDuringWrite;

    GatedWriter(Gate gate) {
      this.gate = gate;
    }

    Gate gate() {
      return gate;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      record(new String(chars, offset, length));
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
      record(text.substring(offset, offset + length));
    }

    private void record(String text) throws IOException {
      inProgress.incrementAndGet();
      try {
        if (Thread.currentThread() != owner) {
          gate.passIgnoringInterrupts();
        }
        if (closed) {
          lost.add(text);
          throw new IOException("Stream closed");
        }
        written.add(text);
      } finally {
        inProgress.decrementAndGet();
        finished.release();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      closedDuringWrite |= inProgress.get() > 0;
      closed = true;
    }

    List<String> written() {
      return List.copyOf(written);
    }

    List<String> lost() {
      return List.copyOf(lost);
    }

    boolean isClosed() {
      return closed;
    }

    boolean closedDuringWrite() {
      return closedDuringWrite;
    }

    /** Waits until {@code count} writes have ended, kept or lost. */
    void awaitFinishedWrites(int count) throws InterruptedException {
      assertTrue(
          finished.tryAcquire(count, DemoSupport.PATIENCE.toMillis(), TimeUnit.MILLISECONDS),
          "writes never finished");
    }
  }

  /**
   * An archive file on a slow disk: writes from threads other than the one that created it wait at
   * a gate; writes after {@link #close()} fail, as on a closed file.
   */
  static final class GatedOutputStream extends OutputStream {
    private final Gate gate;
    private final Thread owner = Thread.currentThread();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean closed;

    GatedOutputStream(Gate gate) {
      this.gate = gate;
    }

    Gate gate() {
      return gate;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
      if (Thread.currentThread() != owner) {
        gate.passIgnoringInterrupts();
      }
      synchronized (bytes) {
        if (closed) {
          throw new IOException("Stream closed");
        }
        bytes.write(data, offset, length);
      }
    }

    @Override
    public void close() {
      synchronized (bytes) {
        closed = true;
      }
    }

    boolean isClosed() {
      return closed;
    }

    /** The names of the zip entries that can be read back from what was written. */
    List<String> zipEntries() throws IOException {
      byte[] archive;
      synchronized (bytes) {
        archive = bytes.toByteArray();
      }
      List<String> names = new ArrayList<>();
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
          names.add(entry.getName());
        }
      }
      names.sort(null);
      return names;
    }
  }

  /** A connection pool that counts the connections handed out and given back. */
  static final class FakeDatabase {
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();

    DataSource dataSource() {
      return proxy(
          DataSource.class,
          (method, args) -> method.getName().equals("getConnection") ? connection() : null);
    }

    private Connection connection() {
      taken.incrementAndGet();
      open.incrementAndGet();
      boolean[] closed = {false};
      return proxy(
          Connection.class,
          (method, args) ->
              switch (method.getName()) {
                case "close" -> {
                  if (!closed[0]) {
                    closed[0] = true;
                    open.decrementAndGet();
                  }
                  yield null;
                }
                case "isClosed" -> closed[0];
                case "prepareStatement" ->
                    proxy(
                        PreparedStatement.class,
                        (m, a) -> m.getName().equals("executeBatch") ? new int[0] : null);
                default -> null;
              });
    }

    /** Connections handed out. */
    int taken() {
      return taken.get();
    }

    /** Connections handed out and not given back. */
    int open() {
      return open.get();
    }

    private interface Handler {
      Object invoke(Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
      Object proxy =
          Proxy.newProxyInstance(
              DemoFakes.class.getClassLoader(),
              new Class<?>[] {type},
              (self, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                  return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> type.getSimpleName() + " (fake)";
                  };
                }
                Object result = handler.invoke(method, args);
                return result != null ? result : zero(method.getReturnType());
              });
      return type.cast(proxy);
    }

    private static Object zero(Class<?> type) {
      if (type == boolean.class) {
        return false;
      }
      if (type == int.class) {
        return 0;
      }
      if (type == long.class) {
        return 0L;
      }
      return null;
    }
  }

  /** A blocking queue that says when a consumer has come to wait on {@link #take()}. */
  static final class WatchedQueue<E> extends LinkedBlockingQueue<E> {
    private final Semaphore takes = new Semaphore(0);

    @Override
    public E take() throws InterruptedException {
      takes.release();
      return super.take();
    }

    /** Waits until {@code take()} has been called {@code count} times. */
    void awaitTakes(int count) throws InterruptedException {
      assertTrue(
          takes.tryAcquire(count, DemoSupport.PATIENCE.toMillis(), TimeUnit.MILLISECONDS),
          "nobody came to take from the queue");
    }
  }

  /**
   * A photo that counts how often its pixels are read; the first read can wait at a gate (that
   * ignores interrupts, as pixel arithmetic does), which holds the blur at a known pixel.
   */
  static final class TrackedImage extends BufferedImage {
    private final Gate firstRead;
    private final AtomicLong reads = new AtomicLong();

    TrackedImage(int size, Gate firstRead) {
      super(size, size, BufferedImage.TYPE_INT_RGB);
      this.firstRead = firstRead;
    }

    @Override
    public int getRGB(int x, int y) {
      if (reads.getAndIncrement() == 0 && firstRead != null) {
        firstRead.passIgnoringInterrupts();
      }
      return super.getRGB(x, y);
    }

    long pixelReads() {
      return reads.get();
    }
  }

  /**
   * The sub-tasks of a fan-out (downloads, renders, quotes, uploads), by name: one fails, one is
   * slow — it waits at a gate and answers interrupts, like an interruptible network call — and the
   * others return at once. The failing one fails only once the slow one is under way, so the
   * failure always leaves a sibling running. Records the sub-tasks that ran to the end.
   */
  static final class FanOut {
    private final Gate slowGate;
    private final String failing;
    private final String slow;
    private final CountDownLatch failed = new CountDownLatch(1);
    private final List<String> completed = new CopyOnWriteArrayList<>();

    /** {@code failing} may be null: nothing fails. */
    FanOut(Gate slowGate, String failing, String slow) {
      this.slowGate = slowGate;
      this.failing = failing;
      this.slow = slow;
    }

    String run(String name) throws IOException {
      if (name.equals(failing)) {
        try {
          slowGate.awaitEntered();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        failed.countDown();
        throw new IOException(name + " failed");
      }
      if (name.equals(slow)) {
        try {
          slowGate.pass();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException(name + " interrupted");
        }
      }
      completed.add(name);
      return name;
    }

    /** {@link #run} for interfaces that allow no checked exception. */
    String runUnchecked(String name) {
      try {
        return run(name);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Gate slow() {
      return slowGate;
    }

    void awaitFailed() throws InterruptedException {
      DemoSupport.await(failed, failing + " fails");
    }

    /** The sub-tasks that ran to the end, in the order they ended. */
    List<String> completed() {
      return List.copyOf(completed);
    }

    /** Adds an event to the same record, to show what ended before what. */
    void note(String event) {
      completed.add(event);
    }
  }

  /** A thread factory that keeps the threads it made. */
  static final class RecordingThreads implements ThreadFactory {
    private final ThreadFactory threads;
    private final List<Thread> made = new CopyOnWriteArrayList<>();

    RecordingThreads(String name, boolean daemon) {
      this.threads = Thread.ofPlatform().name(name + "-", 1).daemon(daemon).factory();
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = threads.newThread(task);
      made.add(thread);
      return thread;
    }

    List<Thread> made() {
      return List.copyOf(made);
    }
  }

  /**
   * A pool that has a thread free for every task: {@code execute} returns once the task has reached
   * its slow call (the gate), so a deadline that passes at once passes with the task in progress.
   * For one task per gate.
   */
  static final class StartsAtOnce extends AbstractExecutorService {
    private final ExecutorService pool;
    private final Gate slowCall;

    StartsAtOnce(ExecutorService pool, Gate slowCall) {
      this.pool = pool;
      this.slowCall = slowCall;
    }

    @Override
    public void execute(Runnable task) {
      pool.execute(task);
      try {
        slowCall.awaitEntered();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RejectedExecutionException("interrupted before the task got under way", e);
      }
    }

    @Override
    public void shutdown() {
      pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return pool.awaitTermination(timeout, unit);
    }
  }

  /**
   * An inventory service on the loopback interface that accepts each stock request and then stalls:
   * it answers only once its gate is opened. It counts the requests it has received.
   */
  static final class StalledInventory implements AutoCloseable {
    private final HttpServer server;
    private final Gate stall;
    private final Semaphore received = new Semaphore(0);

    StalledInventory(Gate stall, ExecutorService handlers) throws IOException {
      this.stall = stall;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(handlers);
      server.createContext(
          "/stock/",
          exchange -> {
            received.release();
            stall.passIgnoringInterrupts();
            byte[] body = "7".getBytes(StandardCharsets.UTF_8);
            try (exchange) {
              exchange.sendResponseHeaders(200, body.length);
              exchange.getResponseBody().write(body);
            }
          });
      server.start();
    }

    URI uri() {
      InetSocketAddress address = server.getAddress();
      return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    Gate stall() {
      return stall;
    }

    /** Waits until {@code count} requests have reached the service. */
    void awaitRequests(int count) throws InterruptedException {
      assertTrue(
          received.tryAcquire(count, DemoSupport.PATIENCE.toMillis(), TimeUnit.MILLISECONDS),
          "the requests never arrived");
    }

    @Override
    public void close() {
      stall.open();
      server.stop(0);
    }
  }
}
