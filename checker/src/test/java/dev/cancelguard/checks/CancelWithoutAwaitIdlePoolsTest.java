package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CancelWithoutAwait on a pool the component never gives any work: a private field made on the spot
 * (a JDK pool, or a pool of another jar from its {@code newBuilder()..build()} chain over plain
 * values) and only ever shut down, tested against {@code null} or asked about its state. No task of
 * the component can be running there, so nothing after the stop can meet one. Next to each, the
 * neighbour that gives the pool work, hands it on, or takes it from where others may have given it
 * work, which still is reported.
 */
class CancelWithoutAwaitIdlePoolsTest {
  /** A pool class of another jar, with a builder, a shared instance and a factory setting. */
  private static final Map<String, String> LIBRARY =
      Map.of(
          "lib/OrderedPool.java",
          """
          package lib;
          import java.util.concurrent.LinkedBlockingQueue;
          import java.util.concurrent.ThreadFactory;
          import java.util.concurrent.ThreadPoolExecutor;
          import java.util.concurrent.TimeUnit;
          public class OrderedPool extends ThreadPoolExecutor {
            private static final OrderedPool SHARED = new OrderedPool(4, "shared");
            OrderedPool(int threads, String name) {
              super(threads, threads, 0L, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>());
            }
            public static Builder newBuilder() {
              return new Builder();
            }
            public static OrderedPool shared() {
              return SHARED;
            }
            public static class Builder {
              private int threads = 1;
              private String name = "pool";
              public Builder numThreads(int threads) {
                this.threads = threads;
                return this;
              }
              public Builder name(String name) {
                this.name = name;
                return this;
              }
              public Builder threadFactory(ThreadFactory factory) {
                return this;
              }
              public OrderedPool build() {
                return new OrderedPool(threads, name);
              }
            }
          }
          """);

  @TempDir static Path work;

  private static ClassFileBases library;

  @BeforeAll
  static void compileTheLibraryElsewhere() throws IOException {
    library = ClassFileBases.compile(work, LIBRARY);
  }

  private static CompilationTestHelper helper() {
    return library.classFilesOnly(CancelWithoutAwait.class, CancelWithoutAwaitIdlePoolsTest.class);
  }

  private static final String FINDING = "// BUG: Diagnostic contains: stop() returns";

  /**
   * A worker whose cache pool is {@code %1$s} (declaration and value), used also by {@code %3$s};
   * {@code %2$s} marks the shutdown.
   */
  private static final String WORKER =
      """
      import java.util.concurrent.ThreadFactory;
      import lib.OrderedPool;
      class Worker {
        %1$s;
        private final java.io.Closeable store;
        Worker(java.io.Closeable store, OrderedPool given) {
          this.store = store;
        }
        void stop() throws java.io.IOException {
          store.close();
          if (cache != null) {
            %2$s
            cache.shutdownNow();
          }
        }
        boolean stopped() {
          return cache == null || cache.isShutdown();
        }
        %3$s
      }
      """;

  private static String worker(String field, String finding, String more) {
    return WORKER.formatted(field, finding, more);
  }

  private static final String BUILT =
      "private final OrderedPool cache ="
          + " OrderedPool.newBuilder().numThreads(8).name(\"zk-cache-ordered\").build()";

  /** The pool of another jar, from its builder over plain values, only ever shut down. */
  @Test
  void negative_builtPoolOfAnotherJarNeverGivenWork() {
    helper().addSourceLines("Worker.java", worker(BUILT, "", "")).doTest();
  }

  /** A JDK pool made here, only ever shut down, tested and asked about, then dropped. */
  @Test
  void negative_jdkPoolNeverGivenWork() {
    helper()
        .addSourceLines(
            "Loader.java",
            """
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            class Loader implements java.io.Closeable {
              private ThreadPoolExecutor pool =
                  new ThreadPoolExecutor(1, 2, 30L, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
              private volatile boolean refreshing;
              void refresh() {
                refreshing = true;
                System.out.println("refreshed");
                refreshing = false;
              }
              @Override
              public void close() {
                if (pool != null && !pool.isTerminated()) {
                  pool.shutdown();
                }
                pool = null;
              }
            }
            """)
        .doTest();
  }

  /** The same pool given a task: it may still run when stop() returns. */
  @Test
  void positive_builtPoolGivenATask() {
    helper()
        .addSourceLines(
            "Worker.java",
            worker(
                BUILT, FINDING, "void warm() { cache.execute(() -> System.out.println(\"x\")); }"))
        .doTest();
  }

  /** The same pool handed out: what its users give it is not seen. */
  @Test
  void positive_builtPoolHandedOut() {
    helper()
        .addSourceLines(
            "Worker.java", worker(BUILT, FINDING, "OrderedPool pool() { return cache; }"))
        .doTest();
  }

  /** The builder is handed code of the component: a thread factory written here. */
  @Test
  void positive_builderGivenCodeOfTheComponent() {
    helper()
        .addSourceLines(
            "Worker.java",
            worker(
                "private final OrderedPool cache ="
                    + " OrderedPool.newBuilder().threadFactory(r -> new Thread(r)).build()",
                FINDING,
                ""))
        .doTest();
  }

  /** A factory that is not a {@code new..}: the pool may be shared with code that gives it work. */
  @Test
  void positive_sharedPool() {
    helper()
        .addSourceLines(
            "Worker.java",
            worker("private final OrderedPool cache = OrderedPool.shared()", FINDING, ""))
        .doTest();
  }

  /** A pool handed in by the caller, who may have given it work. */
  @Test
  void positive_poolHandedIn() {
    helper()
        .addSourceLines(
            "Worker.java",
            worker("private final OrderedPool cache", FINDING, "")
                .replace("this.store = store;", "this.store = store;\n    this.cache = given;"))
        .doTest();
  }

  /** Not private: a subclass or a class of the package may give it work. */
  @Test
  void positive_notPrivate() {
    helper()
        .addSourceLines("Worker.java", worker(BUILT.replace("private ", ""), FINDING, ""))
        .doTest();
  }

  /** The pool's class compiled here: what its own code runs on it is not read. */
  @Test
  void positive_poolClassCompiledHere() {
    CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass())
        .addSourceLines("lib/OrderedPool.java", library.source("lib/OrderedPool.java"))
        .addSourceLines("Worker.java", worker(BUILT, FINDING, ""))
        .doTest();
  }

  /** The JDK pool given a task in a method the stop does not call. */
  @Test
  void positive_jdkPoolGivenATask() {
    helper()
        .addSourceLines(
            "Loader.java",
            """
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            class Loader implements java.io.Closeable {
              private ThreadPoolExecutor pool =
                  new ThreadPoolExecutor(1, 2, 30L, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
              void refresh() {
                pool.execute(() -> System.out.println("refreshed"));
              }
              @Override
              public void close() {
                if (pool != null && !pool.isTerminated()) {
                  // BUG: Diagnostic contains: pool.shutdown()
                  pool.shutdown();
                }
                pool = null;
              }
            }
            """)
        .doTest();
  }
}
