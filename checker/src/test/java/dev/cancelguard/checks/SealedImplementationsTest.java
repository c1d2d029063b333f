package dev.cancelguard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.errorprone.CompilationTestHelper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call of an interface method declared to throw InterruptedException whose implementations live
 * in other files: only a sealed type's implementations form a set the symbol names, so only there
 * can the catch be known not to receive an interrupt. Each caller is checked twice, with the types
 * in the same compilation and against their class files (a full and an incremental build): both
 * must report the same findings.
 */
class SealedImplementationsTest {
  private static final Map<String, String> TYPES =
      Map.of(
          "com/acme/tasks/Wakeable.java",
          """
          package com.acme.tasks;
          /** Sealed; no implementation blocks. */
          public sealed interface Wakeable permits FlagWaker, PoolWaker, Composite {
            void wakeup() throws InterruptedException;
          }
          """,
          "com/acme/tasks/FlagWaker.java",
          """
          package com.acme.tasks;
          public final class FlagWaker implements Wakeable {
            private volatile boolean woken;
            @Override public void wakeup() { woken = true; }
          }
          """,
          "com/acme/tasks/PoolWaker.java",
          """
          package com.acme.tasks;
          public record PoolWaker(java.util.concurrent.Executor pool) implements Wakeable {
            @Override public void wakeup() { pool.execute(() -> {}); }
          }
          """,
          "com/acme/tasks/Composite.java",
          """
          package com.acme.tasks;
          public sealed abstract class Composite implements Wakeable permits Pair {}
          """,
          "com/acme/tasks/Pair.java",
          """
          package com.acme.tasks;
          public final class Pair extends Composite {
            @Override public void wakeup() {}
          }
          """,
          "com/acme/tasks/Stoppable.java",
          """
          package com.acme.tasks;
          /** Sealed, but one implementation waits. */
          public sealed interface Stoppable permits QuickStop, JoiningStop {
            void stop() throws InterruptedException;
          }
          """,
          "com/acme/tasks/QuickStop.java",
          """
          package com.acme.tasks;
          public final class QuickStop implements Stoppable {
            @Override public void stop() {}
          }
          """,
          "com/acme/tasks/JoiningStop.java",
          """
          package com.acme.tasks;
          public final class JoiningStop implements Stoppable {
            private final Thread worker = new Thread(() -> {});
            @Override public void stop() throws InterruptedException { worker.join(); }
          }
          """,
          "com/acme/tasks/Openable.java",
          """
          package com.acme.tasks;
          /** Sealed, but opened again by a non-sealed subtype others may implement. */
          public sealed interface Openable permits OpenForAll {
            void open() throws InterruptedException;
          }
          """,
          "com/acme/tasks/OpenForAll.java",
          """
          package com.acme.tasks;
          public non-sealed interface OpenForAll extends Openable {}
          """);

  @TempDir static Path work;

  @BeforeAll
  static void compileTypesElsewhere() throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of("--release", "17", "-proc:none", "-d", work.resolve("classes").toString()));
    for (Map.Entry<String, String> type : TYPES.entrySet()) {
      Path file = work.resolve("src").resolve(type.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, type.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
  }

  private static void bothWays(String caller) {
    CompilationTestHelper fromSource =
        CompilationTestHelper.newInstance(SwallowedInterrupt.class, SealedImplementationsTest.class)
            .addSourceLines("Caller.java", caller);
    TYPES.forEach(fromSource::addSourceLines);
    fromSource.doTest();
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, SealedImplementationsTest.class)
        .setArgs(
            "-cp",
            work.resolve("classes") + File.pathSeparator + System.getProperty("java.class.path"))
        .addSourceLines("Caller.java", caller)
        .doTest();
  }

  @Test
  void sealedTypeWhoseImplementationsDeclareNothing() {
    bothWays(
        """
        import com.acme.tasks.Wakeable;
        class Caller {
          void wake(Wakeable wakeable) {
            try {
              wakeable.wakeup();
            } catch (InterruptedException e) {
              System.err.println("cannot happen");
            }
          }
        }
        """);
  }

  @Test
  void sealedTypeWithAnImplementationThatWaits() {
    bothWays(
        """
        import com.acme.tasks.Stoppable;
        class Caller {
          void stop(Stoppable stoppable) {
            try {
              stoppable.stop();
              // BUG: Diagnostic contains: swallows it
            } catch (InterruptedException e) {
              System.err.println("interrupted");
            }
          }
        }
        """);
  }

  @Test
  void sealedTypeOpenedByANonSealedSubtype() {
    bothWays(
        """
        import com.acme.tasks.Openable;
        class Caller {
          void open(Openable openable) {
            try {
              openable.open();
              // BUG: Diagnostic contains: swallows it
            } catch (InterruptedException e) {
              System.err.println("interrupted");
            }
          }
        }
        """);
  }

  @Test
  void interfaceThatIsNotSealed() {
    bothWays(
        """
        class Caller {
          interface Waker {
            void wakeup() throws InterruptedException;
          }

          void wake(Waker waker) {
            try {
              waker.wakeup();
              // BUG: Diagnostic contains: swallows it
            } catch (InterruptedException e) {
              System.err.println("interrupted");
            }
          }
        }
        """);
  }
}
