package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A package-private method that is the whole work of a daemon thread its class makes and never
 * interrupts ({@code new Thread(this::clearQueue)}), in a package compiled whole that no other file
 * of names it; with must-flag neighbours for each condition.
 */
class SwallowedInterruptPackageThreadMethodTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String FLAG = "// BUG: Diagnostic contains: SwallowedInterrupt";

  /**
   * A reference cleaner whose constructor hands {@code this::clearQueue} to a daemon thread kept in
   * a local, joined by a cleanup action; {@code modifiers} are the method's, {@code more} the
   * class's other members.
   */
  private static String cleaner(String modifiers, String marker, String more) {
    return """
        package com.acme.refs;
        import java.lang.ref.ReferenceQueue;
        import java.util.concurrent.atomic.AtomicInteger;
        public final class Cleaner {
          private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
          private final AtomicInteger live = new AtomicInteger(1);
          private Runnable cleanup;

          public Cleaner() {
            Thread thread = new Thread(this::clearQueue, "cleaner");
            cleanup = () -> {
              try {
                thread.join();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            };
            thread.setDaemon(true);
            thread.start();
          }

          %s void clearQueue() {
            while (live.get() > 0) {
              Object reference = null;
              try {
                reference = queue.remove(30000);
              %s
              } catch (InterruptedException e) {
                System.err.println("interrupted while waiting");
              }
              if (reference != null) {
                live.decrementAndGet();
              }
            }
          }

          %s
        }
        """
        .formatted(modifiers, marker, more);
  }

  private static final String OTHER = "package com.acme.refs;\nclass Other {}\n";

  @Test
  void negative_packagePrivateMethodOnlyTheThreadRuns() {
    helper
        .addSourceLines("com/acme/refs/Cleaner.java", cleaner("", "", ""))
        .addSourceLines("com/acme/refs/Other.java", OTHER)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void negative_privateMethodOnlyTheThreadRuns() {
    helper
        .addSourceLines("com/acme/refs/Cleaner.java", cleaner("private", "", ""))
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void positive_publicMethodItsUsersCanCall() {
    helper.addSourceLines("com/acme/refs/Cleaner.java", cleaner("public", FLAG, "")).doTest();
  }

  @Test
  void positive_protectedMethodASubclassCanCall() {
    helper.addSourceLines("com/acme/refs/Cleaner.java", cleaner("protected", FLAG, "")).doTest();
  }

  @Test
  void positive_packagePrivateMethodAnotherFileOfThePackageCalls() {
    helper
        .addSourceLines("com/acme/refs/Cleaner.java", cleaner("", FLAG, ""))
        .addSourceLines(
            "com/acme/refs/Other.java",
            """
            package com.acme.refs;
            class Other {
              void drain(Cleaner cleaner) {
                cleaner.clearQueue();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_packagePrivateMethodAnotherFileNamesByAReference() {
    helper
        .addSourceLines("com/acme/refs/Cleaner.java", cleaner("", FLAG, ""))
        .addSourceLines(
            "com/acme/refs/Other.java",
            """
            package com.acme.refs;
            class Other {
              Runnable drainer(Cleaner cleaner) {
                return cleaner::clearQueue;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_packagePrivateMethodTheClassAlsoCalls() {
    helper
        .addSourceLines(
            "com/acme/refs/Cleaner.java",
            cleaner("", FLAG, "public void drainNow() { clearQueue(); }"))
        .doTest();
  }

  @Test
  void positive_threadTheClassInterrupts() {
    helper
        .addSourceLines(
            "com/acme/refs/Cleaner.java",
            cleaner("", FLAG, "")
                .replace("thread.join();", "thread.interrupt();\n        thread.join();"))
        .doTest();
  }
}
