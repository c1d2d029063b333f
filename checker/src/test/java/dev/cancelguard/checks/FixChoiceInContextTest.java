package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Fixes withdrawn or moved where, applied, they would be wrong in context: a bare {@code
 * Thread.interrupted()} in a catch gets its restore only where the catch's own restore would go in
 * place; a rethrow is not inserted after a wait in the catch nor out of a stop whose rest would be
 * skipped; an inserted join goes after the setter or field write that tells the thread to stop.
 * Each has a neighbour that keeps its fix.
 */
class FixChoiceInContextTest {
  private final BugCheckerRefactoringTestHelper swallowed =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private final BugCheckerRefactoringTestHelper cancel =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  // ------------------------------------------- a bare Thread.interrupted() in a catch

  private static final String SHUTDOWN_RETRY =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.TimeUnit;

      class Pools {
        static void shutdown(ExecutorService executor) {
          executor.shutdown();
          int retry = 3;
          while (retry > 0) {
            retry--;
            try {
              if (executor.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                return;
              }
            } catch (InterruptedException e) {
              executor.shutdownNow();
              Thread.interrupted();
            }
          }
          executor.shutdownNow();
        }
      }
      """;

  @Test
  void bareInterrupted_noRestoreWhereTheLoopWaitsAgain() {
    // Restored in place, the flag would make the next round's awaitTermination throw at once:
    // the pool's tasks lose the time the method still gives them.
    swallowed.addInputLines("Pools.java", SHUTDOWN_RETRY).expectUnchanged().doTest();
  }

  @Test
  void bareInterrupted_restoreWhereNothingWaitsAfter() {
    String once =
        """
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.TimeUnit;

        class Pools {
          static void shutdown(ExecutorService executor) {
            executor.shutdown();
            try {
              executor.awaitTermination(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              executor.shutdownNow();
              Thread.interrupted();
            }
          }
        }
        """;
    swallowed
        .addInputLines("Pools.java", once)
        .addOutputLines(
            "Pools.java",
            once.replace(
                "      Thread.interrupted();", "      Thread.currentThread().interrupt();"))
        .doTest();
  }

  // ------------------------------------------- a bare Thread.interrupted() in a finally

  private static final String GUARDED_CALL =
      """
      import java.util.concurrent.Callable;

      class Guarded {
        <T> T call(Callable<T> work) throws Exception {
          try {
            return work.call();
          } finally {
            Thread.interrupted();
          }
        }
      }
      """;

  @Test
  void bareInterrupted_noRethrowInAFinally() {
    // A throw in the finally would replace the result, or the failure the try is reporting.
    swallowed.addInputLines("Guarded.java", GUARDED_CALL).expectUnchanged().doTest();
  }

  @Test
  void bareInterrupted_rethrowOutsideAFinally() {
    String after =
        """
        import java.util.concurrent.Callable;

        class Guarded {
          <T> T call(Callable<T> work) throws Exception {
            T result = work.call();
            Thread.interrupted();
            return result;
          }
        }
        """;
    swallowed
        .addInputLines("Guarded.java", after)
        .addOutputLines(
            "Guarded.java",
            after.replace(
                "    Thread.interrupted();",
                "    if (Thread.interrupted()) { throw new InterruptedException(); }"))
        .doTest();
  }

  // ------------------------------------------- a rethrow that would skip what follows

  private static final String SERVER =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.TimeUnit;

      class Server extends Base {
        private final ExecutorService accepting;

        Server(ExecutorService accepting) {
          this.accepting = accepting;
        }

        @Override
        protected void doStop() throws Exception {
          accepting.shutdownNow();
          try {
            accepting.awaitTermination(3, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
          }
          super.doStop();
        }
      }
      """;

  @Test
  void rethrow_notOutOfAStopWhoseRestWouldBeSkipped() {
    // `throw e;` would leave doStop() before super.doStop() closes what the superclass holds.
    swallowed
        .addInputLines(
            "Base.java",
            "class Base { protected void doStop() throws Exception { Thread.sleep(10); } }")
        .expectUnchanged()
        .addInputLines("Server.java", SERVER)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void rethrow_outOfAMethodThatIsNoStop() {
    String drain =
        """
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.TimeUnit;

        class Server {
          void drain(ExecutorService accepting, ExecutorService other) throws Exception {
            try {
              accepting.awaitTermination(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
            }
            other.awaitTermination(3, TimeUnit.SECONDS);
          }
        }
        """;
    swallowed
        .addInputLines("Server.java", drain)
        .addOutputLines(
            "Server.java",
            drain.replace(
                """
                    } catch (InterruptedException e) {
                    }
                """,
                """
                    } catch (InterruptedException e) {
                      throw e;
                    }
                """))
        .doTest();
  }

  private static final String SERVICE_STEP =
      """
      class Allocator extends Service {
        private Thread allocatorThread;

        @Override
        protected void serviceStop() throws Exception {
          if (allocatorThread != null) {
            allocatorThread.interrupt();
            try {
              allocatorThread.join();
            } catch (InterruptedException ie) {
              System.err.println("interrupted while stopping");
            }
          }
          unregister();
          super.serviceStop();
        }

        private void unregister() throws Exception {
          Thread.sleep(100);
        }
      }
      """;

  private static final String SERVICE =
      """
      abstract class Service {
        public final void stop() throws Exception {
          serviceStop();
        }

        protected void serviceStop() throws Exception {}

        protected void serviceStart() throws Exception {}
      }
      """;

  @Test
  void rethrow_notOutOfAServiceStopStepBeforeTheRestOfTheStop() {
    // serviceStop() is the step a base class's stop() calls: `throw ie;` in the catch would leave
    // it before unregister() and the superclass's stop, the rest of the stop. A restore in place
    // would cut unregister()'s wait short: no fix.
    swallowed
        .addInputLines("Service.java", SERVICE)
        .expectUnchanged()
        .addInputLines("Allocator.java", SERVICE_STEP)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void rethrow_outOfAServiceStepThatIsNoStop() {
    // The same code in the start step: the rethrow ends the start, which is what an interrupt of
    // a start means.
    String start =
        SERVICE_STEP
            .replace("void serviceStop()", "void serviceStart()")
            .replace("super.serviceStop();", "super.serviceStart();");
    swallowed
        .addInputLines("Service.java", SERVICE)
        .expectUnchanged()
        .addInputLines("Allocator.java", start)
        .addOutputLines(
            "Allocator.java",
            start.replace(
                """
                        System.err.println("interrupted while stopping");
                """,
                """
                        System.err.println("interrupted while stopping");
                        throw ie;
                """))
        .doTest();
  }

  @Test
  void rethrow_outOfAStepNamedForAStopWordThatIsNotItsLast() {
    // `stopwatchReport` and `closeCount`-like names are no stop steps: only the last word counts
    // after the first (`serviceStop`), as `stopListening` counts by its first.
    String report =
        SERVICE_STEP
            .replace("void serviceStop()", "void reportStopped()")
            .replace("super.serviceStop();", "super.serviceStart();");
    swallowed
        .addInputLines("Service.java", SERVICE)
        .expectUnchanged()
        .addInputLines("Allocator.java", report.replace("@Override\n", ""))
        .addOutputLines(
            "Allocator.java",
            report
                .replace("@Override\n", "")
                .replace(
                    """
                            System.err.println("interrupted while stopping");
                    """,
                    """
                            System.err.println("interrupted while stopping");
                            throw ie;
                    """))
        .doTest();
  }

  private static final String LOCK =
      """
      import java.util.concurrent.Semaphore;
      import java.util.concurrent.TimeUnit;

      class Lock {
        private final Semaphore latch = new Semaphore(0);

        boolean tryTake() {
          return false;
        }

        void lock(boolean interruptibly) throws InterruptedException {
          while (true) {
            if (tryTake()) {
              return;
            }
            try {
              latch.tryAcquire(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              if (interruptibly) {
                throw e;
              }
              %s
            }
          }
        }
      }
      """;

  private static final String RETRIER =
      """
      class Retrier<T, R extends Exception> {
        interface Attempt<T, R extends Exception> {
          T get() throws R;
        }

        T start(Attempt<T, R> attempt) throws R {
          while (true) {
            try {
              return attempt.get();
            } catch (Exception e) {
              try {
                Thread.sleep(10);
              } catch (InterruptedException ex) {
              }
            }
          }
        }
      }
      """;

  @Test
  void rethrow_notThroughAThrowsClauseOfATypeVariable() {
    // `throws R` lets start() throw only what the class's user chose R to be: `throw ex;` of an
    // InterruptedException does not compile there, although R's bound is Exception. A restore
    // would make the next sleep of the retry loop throw at once (a spin): no fix.
    swallowed.addInputLines("Retrier.java", RETRIER).expectUnchanged().doTest();
  }

  @Test
  void rethrow_outOfARetryLoopWhereTheMethodDeclaresIt() {
    String declared =
        RETRIER.replace(
            "T start(Attempt<T, R> attempt) throws R {",
            "T start(Attempt<T, R> attempt) throws Exception {");
    swallowed
        .addInputLines("Retrier.java", declared)
        .addOutputLines(
            "Retrier.java",
            declared.replace(
                """
                        } catch (InterruptedException ex) {
                        }
                """,
                """
                        } catch (InterruptedException ex) {
                          throw ex;
                        }
                """))
        .doTest();
  }

  @Test
  void rethrow_notAfterAWaitInTheCatch() {
    // Inserted last, `throw e;` would come after the second wait, which still waits in full.
    swallowed
        .addInputLines("Lock.java", LOCK.formatted("latch.tryAcquire(100, TimeUnit.MILLISECONDS);"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void rethrow_whereTheCatchDoesNotWait() {
    String source = LOCK.formatted("System.err.println(\"interrupted\");");
    swallowed
        .addInputLines("Lock.java", source)
        .addOutputLines(
            "Lock.java",
            source.replace(
                "      System.err.println(\"interrupted\");\n",
                "      System.err.println(\"interrupted\");\n          throw e;\n"))
        .doTest();
  }

  // ------------------------------------------- an inserted join after the stop signal

  private static final String SELECTOR =
      """
      class Selector {
        private final Validator validator = new Validator();
        private final Thread validatorThread = new Thread(validator);

        void init() {
          validatorThread.start();
        }

        public void destroy() {
          validatorThread.interrupt();
          validator.setTarget(%s);
        }

        static class Validator implements Runnable {
          private volatile Object target = new Object();

          void setTarget(Object target) {
            this.target = target;
          }

          @Override
          public void run() {
            while (target != null) {
              try {
                Thread.sleep(1000);
              } catch (InterruptedException e) {
                System.err.println("ignored");
              }
            }
          }
        }
      }
      """;

  @Test
  void join_afterTheSetterThatStopsTheThread() {
    String source = SELECTOR.formatted("null");
    cancel
        .addInputLines("Selector.java", source)
        .addOutputLines(
            "Selector.java",
            source.replace(
                "    validator.setTarget(null);\n",
                """
                    validator.setTarget(null);
                    try {
                      validatorThread.join();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                """))
        .doTest();
  }

  @Test
  void join_rightAfterTheInterruptWhereTheSetterSetsNoConstant() {
    String source = SELECTOR.formatted("new Object()");
    cancel
        .addInputLines("Selector.java", source)
        .addOutputLines(
            "Selector.java",
            source.replace(
                "    validatorThread.interrupt();\n",
                """
                    validatorThread.interrupt();
                    try {
                      validatorThread.join();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                """))
        .doTest();
  }

  // ------------------------------------------- a caller's try-with-resources

  private static final String LOOKUP =
      """
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.Future;

      class Lookup {
        static String clusterId(Future<String> id) {
          try {
            return id.get();
          } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
          } catch (ExecutionException e) {
            throw new IllegalStateException(e);
          }
        }
      }
      """;

  private static final String TOOL =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;
      import java.util.concurrent.TimeUnit;

      class Tool {
        static class Admin implements AutoCloseable {
          private final ExecutorService pool;

          Admin(ExecutorService pool) {
            this.pool = pool;
          }

          @Override
          public void close() %s {
            pool.shutdown();
            %s
          }
        }

        String run(ExecutorService pool, Future<String> id) %1$s {
          try (Admin admin = new Admin(pool)) {
            return Lookup.clusterId(id);
          }
        }
      }
      """;

  @Test
  void restore_noneWhereTheCallersResourceCloseWaits() {
    // Restored, the flag would make the Admin's close() throw at once from its awaitTermination:
    // the pool is not waited for.
    swallowed
        .addInputLines("Lookup.java", LOOKUP)
        .expectUnchanged()
        .addInputLines(
            "Tool.java",
            TOOL.formatted(
                "throws InterruptedException", "pool.awaitTermination(10, TimeUnit.SECONDS);"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void restore_whereTheCallersResourceCloseDoesNotWait() {
    swallowed
        .addInputLines("Lookup.java", LOOKUP)
        .addOutputLines(
            "Lookup.java",
            LOOKUP.replace(
                "    } catch (InterruptedException e) {\n",
                "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n"))
        .addInputLines("Tool.java", TOOL.formatted("", "pool.shutdownNow();"))
        .expectUnchanged()
        .doTest();
  }

  // ------------------------------------------- an exception handed on and thrown later

  private static final String RECEIVER =
      """
      import java.util.concurrent.CountDownLatch;

      class Receiver {
        private final CountDownLatch latch = new CountDownLatch(1);
        private volatile Object result;

        private Object tryCancel(Object onCancel) {
          Object raced = result;
          return raced == null ? onCancel : raced;
        }

        String receive() throws InterruptedException {
          Object received;
          try {
            latch.await();
            received = result;
          } catch (InterruptedException e) {
            received = tryCancel(e);
          }
          if (received instanceof String s) {
            return s;
          }
          %s
          throw new IllegalStateException();
        }
      }
      """;

  @Test
  void restore_noneWhereTheCaughtExceptionIsThrownLater() {
    // Restored at the top of the catch, the flag would be set as the exception is thrown as
    // itself; a rethrow in the catch would lose the raced result.
    swallowed
        .addInputLines(
            "Receiver.java",
            RECEIVER.formatted(
                "if (received instanceof InterruptedException) { throw (InterruptedException)"
                    + " received; }"))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void restore_whereTheCaughtExceptionIsNotThrownLater() {
    String source = RECEIVER.formatted("System.err.println(received);");
    swallowed
        .addInputLines("Receiver.java", source)
        .addOutputLines(
            "Receiver.java",
            source.replace(
                "      received = tryCancel(e);\n",
                "      Thread.currentThread().interrupt();\n      received = tryCancel(e);\n"))
        .doTest();
  }
}
