package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * SwallowedInterrupt offers no fix where the code's own comments say it clears the interrupt on
 * purpose (the method's Javadoc, or a comment up to the clear): the finding stays, the message says
 * why there is no fix. Neighbours whose comments only name the interrupt keep their fix. And a
 * method reference that a JDK method runs in place ({@code Optional.ifPresent(Server::close)}) is a
 * call of that method for where the restore goes: after it, not before.
 */
class SwallowedInterruptDocumentedClearTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private static final String STATUS_JAVADOC =
      """
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.Future;

      class Op {
        String status = "OK";

        /**
         * Waits for the operation.
         *
         * The interrupted status of the current thread is cleared by this method.
         * Inspect the returned status to check whether an interruption has taken place.
         */
        String getStatus(Future<String> future) throws ExecutionException {
          try {
            future.get();
          // BUG: Diagnostic contains: own comments say
          } catch (InterruptedException e) {
            status = "INTERRUPTED";
          }
          return status;
        }
      }
      """;

  @Test
  void none_whenTheJavadocSaysTheStatusIsCleared() {
    helper.addSourceLines("Op.java", STATUS_JAVADOC).doTest();
    refactoring
        .addInputLines(
            "Op.java",
            STATUS_JAVADOC.replace("// BUG: Diagnostic contains: own comments say\n", ""))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void restore_whenTheJavadocOnlyDescribesTheMethod() {
    String source =
        """
        import java.util.concurrent.ExecutionException;
        import java.util.concurrent.Future;

        class Op {
          String status = "OK";

          /** Waits for the operation; an interruption is logged. */
          String getStatus(Future<String> future) throws ExecutionException {
            try {
              future.get();
            // BUG: Diagnostic contains: swallows it
            } catch (InterruptedException e) {
              // ignore the interrupt
              status = "INTERRUPTED";
            }
            return status;
          }
        }
        """;
    helper.addSourceLines("Op.java", source).doTest();
    refactoring
        .addInputLines("Op.java", source.replace("// BUG: Diagnostic contains: swallows it\n", ""))
        .addOutputLines(
            "Op.java",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;

            class Op {
              String status = "OK";

              /** Waits for the operation; an interruption is logged. */
              String getStatus(Future<String> future) throws ExecutionException {
                try {
                  future.get();
                } catch (InterruptedException e) {
                  // ignore the interrupt
                  Thread.currentThread().interrupt();
                  status = "INTERRUPTED";
                }
                return status;
              }
            }
            """)
        .doTest();
  }

  @Test
  void none_whenACommentSaysTheCatchConsumesTheInterrupt() {
    String source =
        """
        class Fixture {
          boolean interrupted;

          void append(String event) {
            try {
              Thread.sleep(10);
            // BUG: Diagnostic contains: own comments say
            } catch (InterruptedException ie) {
              // consume InterruptedException
              interrupted = true;
            }
            System.out.println(event);
          }
        }
        """;
    helper.addSourceLines("Fixture.java", source).doTest();
    refactoring
        .addInputLines(
            "Fixture.java", source.replace("// BUG: Diagnostic contains: own comments say\n", ""))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void none_forAClearTheCommentAboveCallsDeliberate() {
    String source =
        """
        import java.util.concurrent.BlockingQueue;

        class Queue {
          String poll(BlockingQueue<String> items) throws InterruptedException {
            String item = items.poll();
            if (item != null) {
              // we got an item - clear the interrupt status
              // and do not propagate: the item is handed out
              // BUG: Diagnostic contains: own comments say
              Thread.interrupted();
            }
            return item;
          }
        }
        """;
    helper.addSourceLines("Queue.java", source).doTest();
    refactoring
        .addInputLines(
            "Queue.java", source.replace("// BUG: Diagnostic contains: own comments say\n", ""))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void none_forABranchThatTranslatesTheInterrupt() {
    String source =
        """
        class Signal {
          int errno;

          boolean waitEvent() {
            // Transform an interrupt signal into an error code
            // BUG: Diagnostic contains: own comments say
            if (Thread.interrupted()) {
              errno = 4;
              return false;
            }
            return true;
          }
        }
        """;
    helper.addSourceLines("Signal.java", source).doTest();
    refactoring
        .addInputLines(
            "Signal.java", source.replace("// BUG: Diagnostic contains: own comments say\n", ""))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void keepsTheTest_forABranchWhoseCommentOnlyNamesTheInterrupt() {
    String source =
        """
        class Signal {
          int errno;

          boolean waitEvent() {
            // stop early on an interrupt
            if (Thread.interrupted()) {
              errno = 4;
              return false;
            }
            return true;
          }
        }
        """;
    refactoring
        .addInputLines("Signal.java", source)
        .addOutputLines(
            "Signal.java",
            """
            class Signal {
              int errno;

              boolean waitEvent() {
                // stop early on an interrupt
                if (Thread.currentThread().isInterrupted()) {
                  errno = 4;
                  return false;
                }
                return true;
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------------------ method references run in place

  private static final String DIVISION =
      """
      interface Division {
        void close();

        void note(String what);
      }
      """;

  @Test
  void restoresAfterALifecycleMethodReferenceRunInPlace() {
    refactoring
        .addInputLines("Division.java", DIVISION)
        .expectUnchanged()
        .addInputLines(
            "Worker.java",
            """
            import java.util.Optional;
            import java.util.concurrent.BlockingQueue;

            class Worker {
              private Division server;

              void add(BlockingQueue<String> queue, String task) {
                try {
                  queue.put(task);
                } catch (Exception e) {
                  System.err.println("failed to add " + task);
                  Optional.ofNullable(server).ifPresent(Division::close);
                }
              }
            }
            """)
        .addOutputLines(
            "Worker.java",
            """
            import java.util.Optional;
            import java.util.concurrent.BlockingQueue;

            class Worker {
              private Division server;

              void add(BlockingQueue<String> queue, String task) {
                try {
                  queue.put(task);
                } catch (Exception e) {
                  System.err.println("failed to add " + task);
                  Optional.ofNullable(server).ifPresent(Division::close);
                  if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void restoresFirst_whenTheReferenceRunInPlaceDoesNotWait() {
    refactoring
        .addInputLines("Division.java", DIVISION)
        .expectUnchanged()
        .addInputLines(
            "Worker.java",
            """
            import java.util.Optional;
            import java.util.concurrent.BlockingQueue;

            class Worker {
              private Division server;

              void add(BlockingQueue<String> queue, String task) {
                try {
                  queue.put(task);
                } catch (Exception e) {
                  System.err.println("failed to add " + task);
                  Optional.ofNullable(server).ifPresent(s -> s.note(task));
                }
              }
            }
            """)
        .addOutputLines(
            "Worker.java",
            """
            import java.util.Optional;
            import java.util.concurrent.BlockingQueue;

            class Worker {
              private Division server;

              void add(BlockingQueue<String> queue, String task) {
                try {
                  queue.put(task);
                } catch (Exception e) {
                  if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                  }
                  System.err.println("failed to add " + task);
                  Optional.ofNullable(server).ifPresent(s -> s.note(task));
                }
              }
            }
            """)
        .doTest();
  }
}
