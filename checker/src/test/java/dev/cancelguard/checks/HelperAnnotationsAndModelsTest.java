package dev.cancelguard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.CompilationTestHelper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helpers in other files: the annotations of {@code cancelguard-annotations} read from compiled
 * class files, and the bundled models of well-known libraries' helpers.
 */
class HelperAnnotationsAndModelsTest {
  /** The published annotations' sources, compiled here as a user's build gets them: a jar. */
  private static final Path ANNOTATION_SOURCES =
      Path.of("..", "annotations", "src", "main", "java", "dev", "cancelguard", "annotations");

  @TempDir static Path helperClasses;

  /**
   * Compiles the annotations and a project's helpers (some annotated, their unannotated twins
   * beside them) with {@code --release 8} into a classes folder, as another module or jar would
   * provide them: the checks see them only as class files.
   */
  @BeforeAll
  static void compileHelpersElsewhere() throws IOException {
    Path sources = Files.createDirectories(helperClasses.resolve("src/com/acme"));
    Files.writeString(
        sources.resolve("Threads.java"),
        """
        package com.acme;
        import dev.cancelguard.annotations.RestoresInterrupt;
        public final class Threads {
          // Restores through a lambda, which reading the helper's own code does not follow: only
          // the annotation says that restore(..) restores.
          private static final java.util.function.Consumer<InterruptedException> RESTORE =
              ignored -> Thread.currentThread().interrupt();
          @RestoresInterrupt
          public static void restore(InterruptedException e) {
            RESTORE.accept(e);
          }
          public static void log(InterruptedException e) {}
        }
        """);
    Files.writeString(
        sources.resolve("Pools.java"),
        """
        package com.acme;
        import dev.cancelguard.annotations.AwaitsTermination;
        import java.util.concurrent.ExecutorService;
        public final class Pools {
          @AwaitsTermination
          public static void awaitQuietly(ExecutorService pool) {}
          public static void report(ExecutorService pool) {}
        }
        """);
    Files.writeString(
        sources.resolve("Jobs.java"),
        """
        package com.acme;
        import dev.cancelguard.annotations.CancellationPoint;
        public final class Jobs {
          @CancellationPoint
          public static void checkpoint() {
            if (Thread.currentThread().isInterrupted()) {
              throw new java.util.concurrent.CancellationException();
            }
          }
          public static void tick() {}
        }
        """);
    List<String> files = new ArrayList<>();
    try (Stream<Path> annotations = Files.list(ANNOTATION_SOURCES);
        Stream<Path> helpers = Files.list(sources)) {
      Stream.concat(annotations, helpers).map(Path::toString).forEach(files::add);
    }
    Path classes = Files.createDirectories(helperClasses.resolve("classes"));
    List<String> args =
        new ArrayList<>(
            List.of("--release", "8", "-Xlint:-options", "-d", classes.toString(), "-proc:none"));
    args.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(classes.resolve("com/acme/Threads.class")));
  }

  private static String classpath() {
    return helperClasses.resolve("classes")
        + File.pathSeparator
        + System.getProperty("java.class.path");
  }

  private static CompilationTestHelper withHelpers(Class<?> check) {
    return CompilationTestHelper.newInstance(
            check.asSubclass(com.google.errorprone.bugpatterns.BugChecker.class),
            HelperAnnotationsAndModelsTest.class)
        .setArgs("-cp", classpath());
  }

  // ---------------------------------------------------------------- annotations, from class files

  @Test
  void annotatedRestorerInAnotherModule() {
    withHelpers(SwallowedInterrupt.class)
        .addSourceLines(
            "Test.java",
            """
            import com.acme.Threads;
            class Test {
              void restored() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  Threads.restore(e);
                }
              }
              void logged() {
                try {
                  Thread.sleep(1);
                // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  Threads.log(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void annotatedAwaiterInAnotherModule() {
    withHelpers(CancelWithoutAwait.class)
        .addSourceLines(
            "Service.java",
            """
            import com.acme.Pools;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final ExecutorService other = Executors.newFixedThreadPool(2);
              void stop() {
                pool.shutdown();
                Pools.awaitQuietly(pool);
              }
              void stopOther() {
                // BUG: Diagnostic contains: stopOther() returns
                other.shutdown();
                Pools.report(other);
              }
            }
            """)
        .doTest();
  }

  @Test
  void annotatedAwaiterWaitsOnlyForWhatItIsGiven() {
    withHelpers(CancelWithoutAwait.class)
        .addSourceLines(
            "Service.java",
            """
            import com.acme.Pools;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final ExecutorService other = Executors.newFixedThreadPool(2);
              void stop() {
                // BUG: Diagnostic contains: stop() returns
                pool.shutdown();
                Pools.awaitQuietly(other);
              }
              void start() { pool.execute(() -> System.out.println("job")); }
            }
            """)
        .doTest();
  }

  @Test
  void annotatedCancellationPointInAnotherModule() {
    withHelpers(LoopWithoutCancellationPoint.class)
        .addSourceLines(
            "Test.java",
            """
            import com.acme.Jobs;
            import java.util.concurrent.ExecutorService;
            class Test {
              long work;
              void start(ExecutorService pool) {
                pool.execute(() -> {
                  while (true) {
                    Jobs.checkpoint();
                    work++;
                  }
                });
                pool.execute(() -> {
                  // BUG: Diagnostic contains: no cancellation point
                  while (true) {
                    Jobs.tick();
                    work++;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void projectsOwnAnnotationOfTheSameName() {
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addSourceLines(
            "RestoresInterrupt.java",
            """
            package com.acme.concurrent;
            public @interface RestoresInterrupt {}
            """)
        .addSourceLines(
            "Interrupts.java",
            """
            package com.acme.concurrent;
            public final class Interrupts {
              @RestoresInterrupt
              public static native void reinterrupt(InterruptedException e);
              public static native void ignore(InterruptedException e);
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import com.acme.concurrent.Interrupts;
            class Test {
              void restored() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  Interrupts.reinterrupt(e);
                }
              }
              void ignored() {
                try {
                  Thread.sleep(1);
                // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  Interrupts.ignore(e);
                }
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- library models

  @Test
  void kafkaInterruptExceptionRestores() {
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .addSourceLines(
            "KafkaException.java",
            """
            package org.apache.kafka.common;
            public class KafkaException extends RuntimeException {
              public KafkaException(Throwable cause) { super(cause); }
            }
            """)
        .addSourceLines(
            "InterruptException.java",
            """
            package org.apache.kafka.common.errors;
            public class InterruptException extends org.apache.kafka.common.KafkaException {
              public InterruptException(InterruptedException cause) {
                super(cause);
                Thread.currentThread().interrupt();
              }
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import org.apache.kafka.common.KafkaException;
            import org.apache.kafka.common.errors.InterruptException;
            class Test {
              void wrapsAndRestores() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  throw new InterruptException(e);
                }
              }
              void wrapsOnly() {
                try {
                  Thread.sleep(1);
                // BUG: Diagnostic contains: SwallowedInterrupt
                } catch (InterruptedException e) {
                  throw new KafkaException(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void guavaAwaiters() {
    CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass())
        .addSourceLines(
            "Service.java",
            """
            import com.google.common.util.concurrent.MoreExecutors;
            import com.google.common.util.concurrent.Uninterruptibles;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;
            class Service {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final ExecutorService other = Executors.newFixedThreadPool(2);
              private final Thread worker = new Thread(() -> {});
              void stop() {
                MoreExecutors.shutdownAndAwaitTermination(pool, 10, TimeUnit.SECONDS);
                other.shutdownNow();
                Uninterruptibles.awaitTerminationUninterruptibly(other);
                worker.interrupt();
                Uninterruptibles.joinUninterruptibly(worker);
              }
            }
            """)
        .doTest();
  }

  @Test
  void commonsLangAndTimeUnitJoin() {
    CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass())
        .addSourceLines(
            "ThreadUtils.java",
            """
            package org.apache.commons.lang3;
            public class ThreadUtils {
              public static void join(Thread thread, java.time.Duration duration)
                  throws InterruptedException {
                thread.join(duration.toMillis());
              }
            }
            """)
        .addSourceLines(
            "Service.java",
            """
            import java.time.Duration;
            import java.util.concurrent.TimeUnit;
            import org.apache.commons.lang3.ThreadUtils;
            class Service {
              private final Thread first = new Thread(() -> {});
              private final Thread second = new Thread(() -> {});
              private final Thread third = new Thread(() -> System.out.println("third"));
              void stop() throws InterruptedException {
                first.interrupt();
                ThreadUtils.join(first, Duration.ofSeconds(5));
                second.interrupt();
                TimeUnit.SECONDS.timedJoin(second, 5);
              }
              void close() throws InterruptedException {
                // BUG: Diagnostic contains: close() returns
                third.interrupt();
                TimeUnit.SECONDS.sleep(1);
              }
            }
            """)
        .doTest();
  }

  @Test
  void nettyTerminationFuture() {
    CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass())
        .addSourceLines(
            "Future.java",
            """
            package io.netty.util.concurrent;
            public interface Future<V> extends java.util.concurrent.Future<V> {
              Future<V> sync() throws InterruptedException;
              Future<V> syncUninterruptibly();
            }
            """)
        .addSourceLines(
            "EventExecutorGroup.java",
            """
            package io.netty.util.concurrent;
            public interface EventExecutorGroup extends java.util.concurrent.ScheduledExecutorService {
              Future<?> shutdownGracefully();
              Future<?> terminationFuture();
            }
            """)
        .addSourceLines(
            "LoopGroup.java",
            """
            package io.netty.channel;
            public abstract class LoopGroup implements io.netty.util.concurrent.EventExecutorGroup {
              @Override
              public abstract io.netty.util.concurrent.Future<?> terminationFuture();
            }
            """)
        .addSourceLines(
            "Server.java",
            """
            import io.netty.channel.LoopGroup;
            import io.netty.util.concurrent.EventExecutorGroup;
            abstract class Server {
              private final EventExecutorGroup workers = make();
              private final LoopGroup boss = makeLoop();
              private final EventExecutorGroup other = make();
              abstract EventExecutorGroup make();
              abstract LoopGroup makeLoop();
              void stop() throws InterruptedException {
                workers.shutdownNow();
                workers.terminationFuture().sync();
              }
              void stopBoss() {
                boss.shutdownNow();
                boss.terminationFuture().syncUninterruptibly();
              }
              void close() {
                // BUG: Diagnostic contains: close() returns
                other.shutdownNow();
                other.terminationFuture();
              }
            }
            """)
        .doTest();
  }

  @Test
  void guavaGetCheckedIsACancellationPoint() {
    CompilationTestHelper.newInstance(LoopWithoutCancellationPoint.class, getClass())
        .addSourceLines(
            "Test.java",
            """
            import com.google.common.util.concurrent.Futures;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            class Test {
              static class Failed extends Exception {}
              long work;
              void start(ExecutorService pool, Future<String> next) {
                pool.execute(() -> {
                  while (true) {
                    try {
                      work += Futures.getChecked(next, Failed.class).length();
                    } catch (Failed e) {
                      work = 0;
                    }
                  }
                });
                pool.execute(() -> {
                  // BUG: Diagnostic contains: no cancellation point
                  while (true) {
                    work += next.isDone() ? 1 : 0;
                  }
                });
              }
            }
            """)
        .doTest();
  }
}
