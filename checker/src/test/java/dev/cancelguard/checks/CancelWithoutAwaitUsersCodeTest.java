package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait where the pool's tasks run code of its users: a callback reached through a
 * method of another file, a promise the task completes that its users hold (their dependent stages
 * run on the pool's thread), a pool handed out by a getter on one branch of a conditional, a task
 * object of another file that runs a wrapped task calling a user's callback, code a protected
 * method takes and submits to a local copy of the pool's field. The finding stays; no unbounded
 * wait is offered and the message says why; a bounded wait where the method has a deadline stays.
 * Next to each, the neighbour that keeps the wait.
 */
class CancelWithoutAwaitUsersCodeTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  private static final String CALLBACK = "interface Callback { void onTimeout(); }";

  private static final String REQUEST =
      """
      class Request {
        private final Callback callback;
        Request(Callback callback) { this.callback = callback; }
        void expire() {
          if (callback != null) {
            callback.onTimeout();
          }
        }
      }
      """;

  private static final String QUIET_REQUEST =
      """
      class Request {
        private boolean expired;
        Request(Callback callback) {}
        void expire() {
          expired = true;
          System.out.println("expired");
        }
      }
      """;

  private static final String HOLDER =
      """
      import java.util.List;
      import java.util.concurrent.CopyOnWriteArrayList;
      import java.util.concurrent.Executors;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.TimeUnit;
      class Holder {
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private final ScheduledExecutorService scanner =
            Executors.newSingleThreadScheduledExecutor();
        Holder() {
          scanner.scheduleAtFixedRate(() -> scan(), 1, 1, TimeUnit.SECONDS);
        }
        private void scan() {
          for (Request request : requests) {
            request.expire();
          }
        }
        void shutdown() {
          scanner.shutdownNow();
        }
      }
      """;

  @Test
  void noFix_theTaskCallsAUsersCallbackInAnotherFile() {
    helper
        .addSourceLines("Callback.java", CALLBACK)
        .addSourceLines("Request.java", REQUEST)
        .addSourceLines(
            "Holder.java",
            HOLDER.replace(
                "    scanner.shutdownNow();",
                "    // BUG: Diagnostic contains: runs code its users hand in\n"
                    + "    scanner.shutdownNow();"))
        .doTest();
    refactoring
        .addInputLines("Callback.java", CALLBACK)
        .expectUnchanged()
        .addInputLines("Request.java", REQUEST)
        .expectUnchanged()
        .addInputLines("Holder.java", HOLDER)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_theCodeInTheOtherFileCallsNoCallback() {
    refactoring
        .addInputLines("Callback.java", CALLBACK)
        .expectUnchanged()
        .addInputLines("Request.java", QUIET_REQUEST)
        .expectUnchanged()
        .addInputLines("Holder.java", HOLDER)
        .addOutputLines(
            "Holder.java",
            HOLDER.replace(
                "    scanner.shutdownNow();", "    scanner.shutdownNow();\n    scanner.close();"))
        .doTest();
  }

  private static final String PROMISES =
      """
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Promises {
        private final ExecutorService pool = Executors.newSingleThreadExecutor();
        public CompletableFuture<Void> whenDone(Runnable work) {
          CompletableFuture<Void> done = new CompletableFuture<>();
          pool.execute(
              () -> {
                work.hashCode();
                done.complete(null);
              });
          return done;
        }
        public void close() {
          pool.shutdownNow();
        }
      }
      """;

  @Test
  void noFix_theTaskCompletesAPromiseItsCallersHold() {
    helper
        .addSourceLines(
            "Promises.java",
            PROMISES.replace(
                "    pool.shutdownNow();",
                "    // BUG: Diagnostic contains: a promise's dependent stages\n"
                    + "    pool.shutdownNow();"))
        .doTest();
    refactoring.addInputLines("Promises.java", PROMISES).expectUnchanged().doTest();
  }

  private static final String OWN_PROMISE =
      """
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Promises {
        private final ExecutorService pool = Executors.newSingleThreadExecutor();
        public void compute() {
          pool.execute(
              () -> {
                CompletableFuture<Integer> result = new CompletableFuture<>();
                result.complete(42);
                System.out.println(result.join());
              });
        }
        public void close() {
          pool.shutdownNow();
        }
      }
      """;

  @Test
  void fix_theTaskCompletesOnlyAPromiseItMade() {
    refactoring
        .addInputLines("Promises.java", OWN_PROMISE)
        .addOutputLines(
            "Promises.java",
            OWN_PROMISE.replace(
                "    pool.shutdownNow();", "    pool.shutdownNow();\n    pool.close();"))
        .doTest();
  }

  @Test
  void boundedFix_keptWhereTheStopHasADeadline() {
    String bounded =
        PROMISES.replace(
            "  public void close() {",
            "  public void close(long timeout, java.util.concurrent.TimeUnit unit)"
                + " throws InterruptedException {");
    refactoring
        .addInputLines("Promises.java", bounded)
        .addOutputLines(
            "Promises.java",
            bounded.replace(
                "    pool.shutdownNow();",
                "    pool.shutdownNow();\n    pool.awaitTermination(timeout, unit);"))
        .doTest();
  }

  private static final String GETTER =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Producer {
        private final ExecutorService defaultSender = Executors.newFixedThreadPool(2);
        private ExecutorService sender;
        VISIBILITY ExecutorService getSender() {
          return sender == null ? defaultSender : sender;
        }
        void send(String message) {
          defaultSender.execute(() -> System.out.println(message));
        }
        void shutdown() {
          defaultSender.shutdown();
        }
      }
      """;

  @Test
  void noFix_aGetterHandsThePoolOutOnOneBranch() {
    String code = GETTER.replace("VISIBILITY", "public");
    refactoring.addInputLines("Producer.java", code).expectUnchanged().doTest();
  }

  @Test
  void fix_aPrivateGetterHandsNothingOut() {
    String code = GETTER.replace("VISIBILITY", "private");
    refactoring
        .addInputLines("Producer.java", code)
        .addOutputLines(
            "Producer.java",
            code.replace(
                "    defaultSender.shutdown();",
                "    defaultSender.shutdown();\n    defaultSender.close();"))
        .doTest();
  }

  @Test
  void noFix_theStopShutsDownALocalCopyOfThePool() {
    String copy =
        HOLDER
            .replace(
                "private final ScheduledExecutorService scanner",
                "private ScheduledExecutorService scanner")
            .replace(
                "    scanner.shutdownNow();",
                "    ScheduledExecutorService pool = this.scanner;\n"
                    + "    this.scanner = null;\n"
                    + "    pool.shutdown();");
    refactoring
        .addInputLines("Callback.java", CALLBACK)
        .expectUnchanged()
        .addInputLines("Request.java", REQUEST)
        .expectUnchanged()
        .addInputLines("Holder.java", copy)
        .expectUnchanged()
        .doTest();
  }

  // A task object of a class declared in another file, wrapping a task held in a local: the
  // wrapper's class and the wrapped task's class are read where they are declared.

  private static final String DONE_CALLBACK =
      "interface DoneCallback { void done(Object result); }";

  private static final String REQUEST_CALLABLE =
      """
      import java.util.concurrent.Callable;
      class RequestCallable implements Callable<Object> {
        private final DoneCallback callback;
        RequestCallable(DoneCallback callback) { this.callback = callback; }
        @Override
        public Object call() {
          Object result = new Object();
          if (callback != null) {
            callback.done(result);
          }
          return result;
        }
      }
      """;

  private static final String QUIET_REQUEST_CALLABLE =
      """
      import java.util.concurrent.Callable;
      class RequestCallable implements Callable<Object> {
        RequestCallable(DoneCallback callback) {}
        @Override
        public Object call() {
          return new Object();
        }
      }
      """;

  private static final String REQUEST_FUTURE_TASK =
      """
      import java.util.concurrent.Callable;
      import java.util.concurrent.FutureTask;
      class RequestFutureTask extends FutureTask<Object> {
        RequestFutureTask(String name, Callable<Object> callable) { super(callable); }
      }
      """;

  private static final String REQUEST_SERVICE =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.FutureTask;
      class RequestService {
        private final ExecutorService executorService;
        RequestService(ExecutorService executorService) {
          this.executorService = executorService;
        }
        public FutureTask<Object> execute(String name, DoneCallback callback) {
          RequestCallable callable = new RequestCallable(callback);
          RequestFutureTask task = new RequestFutureTask(name, callable);
          executorService.execute(task);
          return task;
        }
        public void close() {
          executorService.shutdownNow();
        }
      }
      """;

  @Test
  void noFix_aWrappedTaskOfAnotherFileCallsAUsersCallback() {
    helper
        .addSourceLines("DoneCallback.java", DONE_CALLBACK)
        .addSourceLines("RequestCallable.java", REQUEST_CALLABLE)
        .addSourceLines("RequestFutureTask.java", REQUEST_FUTURE_TASK)
        .addSourceLines(
            "RequestService.java",
            REQUEST_SERVICE.replace(
                "    executorService.shutdownNow();",
                "    // BUG: Diagnostic contains: runs code its users hand in\n"
                    + "    executorService.shutdownNow();"))
        .doTest();
    refactoring
        .addInputLines("DoneCallback.java", DONE_CALLBACK)
        .expectUnchanged()
        .addInputLines("RequestCallable.java", REQUEST_CALLABLE)
        .expectUnchanged()
        .addInputLines("RequestFutureTask.java", REQUEST_FUTURE_TASK)
        .expectUnchanged()
        .addInputLines("RequestService.java", REQUEST_SERVICE)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void fix_theWrappedTaskOfAnotherFileCallsNoCallback() {
    refactoring
        .addInputLines("DoneCallback.java", DONE_CALLBACK)
        .expectUnchanged()
        .addInputLines("RequestCallable.java", QUIET_REQUEST_CALLABLE)
        .expectUnchanged()
        .addInputLines("RequestFutureTask.java", REQUEST_FUTURE_TASK)
        .expectUnchanged()
        .addInputLines("RequestService.java", REQUEST_SERVICE)
        .addOutputLines(
            "RequestService.java",
            REQUEST_SERVICE.replace(
                "    executorService.shutdownNow();",
                "    executorService.shutdownNow();\n    executorService.close();"))
        .doTest();
  }

  @Test
  void boundedFix_aWrappedTaskCallsAUsersCallbackAndTheStopHasADeadline() {
    String bounded =
        REQUEST_SERVICE.replace(
            "  public void close() {",
            "  public void close(long timeout, java.util.concurrent.TimeUnit unit)"
                + " throws InterruptedException {");
    refactoring
        .addInputLines("DoneCallback.java", DONE_CALLBACK)
        .expectUnchanged()
        .addInputLines("RequestCallable.java", REQUEST_CALLABLE)
        .expectUnchanged()
        .addInputLines("RequestFutureTask.java", REQUEST_FUTURE_TASK)
        .expectUnchanged()
        .addInputLines("RequestService.java", bounded)
        .addOutputLines(
            "RequestService.java",
            bounded.replace(
                "    executorService.shutdownNow();",
                "    executorService.shutdownNow();\n"
                    + "    executorService.awaitTermination(timeout, unit);"))
        .doTest();
  }

  // Code handed in to a non-private method and submitted to a local copy of the pool's field.

  private static final String CLIENT =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      class Client {
        private ExecutorService executor = Executors.newSingleThreadExecutor();
        public void get(String uri) {
          execute(() -> System.out.println(uri));
        }
        VISIBILITY void execute(Runnable job) {
          ExecutorService executor;
          synchronized (this) {
            executor = this.executor;
          }
          if (executor != null) {
            executor.execute(job);
          }
        }
        public void shutdown() {
          ExecutorService executor;
          synchronized (this) {
            executor = this.executor;
            this.executor = null;
          }
          if (executor != null) {
            executor.shutdownNow();
          }
        }
      }
      """;

  @Test
  void noFix_aProtectedMethodHandsItsCallersCodeToACopyOfThePool() {
    String code = CLIENT.replace("VISIBILITY", "protected");
    helper
        .addSourceLines(
            "Client.java",
            code.replace(
                "      executor.shutdownNow();",
                "      // BUG: Diagnostic contains: runs code its users hand in\n"
                    + "      executor.shutdownNow();"))
        .doTest();
    refactoring.addInputLines("Client.java", code).expectUnchanged().doTest();
  }

  @Test
  void fix_aPrivateMethodHandsTheCopyOnlyTheClassesOwnCode() {
    String code = CLIENT.replace("VISIBILITY", "private");
    refactoring
        .addInputLines("Client.java", code)
        .addOutputLines(
            "Client.java",
            code.replace(
                "      executor.shutdownNow();",
                "      executor.shutdownNow();\n      executor.close();"))
        .doTest();
  }

  /**
   * A class that is itself an executor: EXECUTE is the body of its execute(Runnable command), and
   * close() shuts down the pools it keeps.
   */
  private static final String GROUP_EXECUTOR =
      """
      import java.util.ArrayList;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.concurrent.Executor;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.atomic.AtomicInteger;
      class GroupExecutor implements Executor, AutoCloseable {
        private final List<ExecutorService> executorList = new ArrayList<>();
        private final Map<Long, Executor> threadExecutorMap = new ConcurrentHashMap<>();
        private final AtomicInteger index = new AtomicInteger();
        private final AtomicInteger ticks = new AtomicInteger();
        GroupExecutor(int groups) {
          for (int i = 0; i < groups; i++) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            pool.execute(ticks::incrementAndGet);
            executorList.add(pool);
          }
        }
        @Override
        public void execute(Runnable command) {
          EXECUTE
        }
        private Executor chooseExecutor(long threadId) {
          return executorList.get(index.getAndIncrement() % executorList.size());
        }
        @Override
        public void close() {
          for (ExecutorService executorService : executorList) {
            executorService.shutdown();
          }
          executorList.clear();
        }
      }
      """;

  private static String groupExecutor(String execute) {
    return GROUP_EXECUTOR.replace("EXECUTE", execute);
  }

  @Test
  void noFix_anExecutorClassStopsThePoolsItHandsItsCallersTasksTo() {
    String handsOn =
        groupExecutor(
            "Executor executor ="
                + " threadExecutorMap.computeIfAbsent(Thread.currentThread().getId(),"
                + " this::chooseExecutor);\n    executor.execute(command);");
    helper
        .addSourceLines(
            "GroupExecutor.java",
            handsOn.replace(
                "      executorService.shutdown();",
                "      // BUG: Diagnostic contains: runs code its users hand in\n"
                    + "      executorService.shutdown();"))
        .doTest();
    refactoring.addInputLines("GroupExecutor.java", handsOn).expectUnchanged().doTest();
  }

  @Test
  void fix_anExecutorClassRunsItsCallersTasksItselfAndItsPoolsOnlyItsOwn() {
    String runsThemItself = groupExecutor("command.run();");
    refactoring
        .addInputLines("GroupExecutor.java", runsThemItself)
        .addOutputLines(
            "GroupExecutor.java",
            runsThemItself.replace(
                "      executorService.shutdown();\n",
                "      executorService.shutdown();\n      executorService.close();\n"))
        .doTest();
  }
}
