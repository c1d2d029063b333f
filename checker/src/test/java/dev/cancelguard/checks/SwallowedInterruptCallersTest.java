package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * SwallowedInterrupt's restore before returning, judged by what the callers in the compilation do
 * next on the same thread: a caller that runs the code again in a loop blind to the flag, or that
 * goes on to blocking cleanup, gets no restore; a caller outside the compilation, or one whose
 * continuation takes the flag well, gets it.
 */
class SwallowedInterruptCallersTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  // ------------------------------------------------------------- a caller that retries in a loop

  private static final String CREDITS =
      """
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.locks.Condition;
      import java.util.concurrent.locks.Lock;
      import java.util.concurrent.locks.ReentrantLock;

      public class Credits {
        private final Lock lock = new ReentrantLock();
        private final Condition available = lock.newCondition();
        private long credits;

        public boolean decrement(long amount, long timeout) {
          lock.lock();
          try {
            if (credits < amount) {
              available.await(timeout, TimeUnit.MILLISECONDS);
            }
            if (credits >= amount) {
              credits -= amount;
              return true;
            }
            return false;
          } catch (InterruptedException e) {
            return false;
          } finally {
            lock.unlock();
          }
        }
      }
      """;

  private static final String CREDITS_FIXED =
      CREDITS.replace(
          "    } catch (InterruptedException e) {\n",
          "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n");

  private static final String FLOW_CONTROL =
      """
      class FlowControl {
        private final Credits credits = new Credits();
        private volatile boolean running = true;

        void send(byte[] message) {
          while (running) {
            if (credits.decrement(message.length, 500)) {
              break;
            }
          }
        }
      }
      """;

  @Test
  void noFix_whenACallerInAnotherFileRetriesInALoopBlindToTheFlag() {
    // Restored, the flag makes every next await throw at once: send(..) spins until credits come.
    helper
        .addSourceLines(
            "Credits.java",
            CREDITS.replace(
                "    } catch (InterruptedException e) {\n",
                "      // BUG: Diagnostic contains: its caller runs this again in a loop that never"
                    + " tests the flag nor ends on an interrupt (the call of decrement(..) at line"
                    + " 7 of FlowControl.java)\n"
                    + "    } catch (InterruptedException e) {\n"))
        .addSourceLines("FlowControl.java", FLOW_CONTROL)
        .doTest();
    refactoring
        .addInputLines("Credits.java", CREDITS)
        .expectUnchanged()
        .addInputLines("FlowControl.java", FLOW_CONTROL)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void restore_whenTheCallerIsOutsideTheCompilation() {
    // A public method nobody here calls: its callers own the policy, and the contract is the flag.
    refactoring
        .addInputLines("Credits.java", CREDITS)
        .addOutputLines("Credits.java", CREDITS_FIXED)
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenTheCallersLoopTestsTheFlag() {
    String watching =
        FLOW_CONTROL.replace(
            "while (running)", "while (running && !Thread.currentThread().isInterrupted())");
    refactoring
        .addInputLines("Credits.java", CREDITS)
        .addOutputLines("Credits.java", CREDITS_FIXED)
        .addInputLines("FlowControl.java", watching)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenTheCallersLoopEndsOnAnInterrupt() {
    // The restored flag makes the loop's own take() throw, which leaves send(..).
    String ending =
        FLOW_CONTROL
            .replace(
                "void send(byte[] message) {",
                "void send(java.util.concurrent.BlockingQueue<byte[]> queue)"
                    + " throws InterruptedException {\n    byte[] message = queue.take();")
            .replace("break;", "message = queue.take();");
    refactoring
        .addInputLines("Credits.java", CREDITS)
        .addOutputLines("Credits.java", CREDITS_FIXED)
        .addInputLines("FlowControl.java", ending)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void noFix_whenTheLoopIsTwoCallsUp() {
    // acquire(..) does nothing with the flag and returns it to the loop of send(..).
    String throughAHelper =
        FLOW_CONTROL
            .replace("credits.decrement(message.length, 500)", "acquire(message.length)")
            .replace(
                "  void send(",
                "  private boolean acquire(int length) {\n"
                    + "    return credits.decrement(length, 500);\n"
                    + "  }\n\n"
                    + "  void send(");
    helper
        .addSourceLines(
            "Credits.java",
            CREDITS.replace(
                "    } catch (InterruptedException e) {\n",
                "      // BUG: Diagnostic contains: (the call of acquire(..) at line 11 of"
                    + " FlowControl.java)\n"
                    + "    } catch (InterruptedException e) {\n"))
        .addSourceLines("FlowControl.java", throughAHelper)
        .doTest();
  }

  // --------------------------------------------------------- code handed to a runner's loop

  private static final String RUNNER =
      """
      class Runner implements Runnable {
        private final Runnable function;
        private volatile boolean running = true;

        Runner(Runnable function) {
          this.function = function;
        }

        @Override
        public void run() {
          while (running) {
            try {
              function.run();
            } catch (Throwable t) {
              System.err.println(t);
            }
          }
        }

        void stop() {
          running = false;
        }
      }
      """;

  private static final String SENDER =
      """
      import java.util.concurrent.BlockingQueue;

      class Sender {
        private final BlockingQueue<String> queue;
        private final Runner runner;

        Sender(BlockingQueue<String> queue) {
          this.queue = queue;
          this.runner = new Runner(this::sendOne);
        }

        void sendOne() {
          try {
            System.out.println(queue.take());
          } catch (InterruptedException e) {
            System.err.println("interrupted");
          }
        }
      }
      """;

  @Test
  void noFix_forAMethodReferenceARunnerCallsInALoopBlindToTheFlag() {
    helper
        .addSourceLines("Runner.java", RUNNER)
        .addSourceLines(
            "Sender.java",
            SENDER.replace(
                "    } catch (InterruptedException e) {\n",
                "      // BUG: Diagnostic contains: (the call of run(..) at line 13 of"
                    + " Runner.java)\n"
                    + "    } catch (InterruptedException e) {\n"))
        .doTest();
  }

  @Test
  void noFix_forThisHandedToARunnerOfSteps() {
    String steps =
        """
        interface Step {
          void step();
        }
        """;
    String runner =
        RUNNER
            .replace("Runnable function", "Step function")
            .replace("function.run();", "function.step();");
    String sender =
        SENDER
            .replace("class Sender {", "class Sender implements Step {")
            .replace("new Runner(this::sendOne)", "new Runner(this)")
            .replace("void sendOne() {", "@Override\n  public void step() {");
    helper
        .addSourceLines("Step.java", steps)
        .addSourceLines("Runner.java", runner)
        .addSourceLines(
            "Sender.java",
            sender.replace(
                "    } catch (InterruptedException e) {\n",
                "      // BUG: Diagnostic contains: (the call of step(..) at line 13 of"
                    + " Runner.java)\n"
                    + "    } catch (InterruptedException e) {\n"))
        .doTest();
  }

  @Test
  void restore_whenTheRunnersLoopTestsTheFlag() {
    String watching =
        RUNNER.replace(
            "while (running)", "while (running && !Thread.currentThread().isInterrupted())");
    refactoring
        .addInputLines("Runner.java", watching)
        .expectUnchanged()
        .addInputLines("Sender.java", SENDER)
        .addOutputLines(
            "Sender.java",
            SENDER.replace(
                "    } catch (InterruptedException e) {\n",
                "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  // ------------------------------------------------------------- a call through an interface

  private static final String HOST_PROVIDER =
      """
      interface HostProvider {
        String next(long spinDelay);
      }
      """;

  private static final String PROVIDERS =
      """
      import java.util.List;

      class StaticHostProvider implements HostProvider {
        private final List<String> hosts;
        private int index;

        StaticHostProvider(List<String> hosts) {
          this.hosts = hosts;
        }

        @Override
        public String next(long spinDelay) {
          index = (index + 1) % hosts.size();
          if (index == 0) {
            try {
              Thread.sleep(spinDelay);
            } catch (InterruptedException e) {
              System.err.println("unexpected");
            }
          }
          return hosts.get(index);
        }
      }
      """;

  private static final String CLIENT =
      """
      class Client {
        private final HostProvider hosts;
        private volatile boolean alive = true;

        Client(HostProvider hosts) {
          this.hosts = hosts;
        }

        void connectLoop() {
          while (alive) {
            String host = hosts.next(1000);
            System.out.println("connecting to " + host);
          }
        }
      }
      """;

  @Test
  void noFix_whenTheInterfaceMethodIsCalledFromALoopBlindToTheFlag() {
    helper
        .addSourceLines(
            "StaticHostProvider.java",
            PROVIDERS.replace(
                "      } catch (InterruptedException e) {\n",
                "        // BUG: Diagnostic contains: (the call of next(..) at line 11 of"
                    + " Client.java)\n"
                    + "      } catch (InterruptedException e) {\n"))
        .addSourceLines("HostProvider.java", HOST_PROVIDER)
        .addSourceLines("Client.java", CLIENT)
        .doTest();
  }

  @Test
  void restore_whenTheInterfaceMethodIsCalledOnce() {
    String once = CLIENT.replace("while (alive) {", "if (alive) {");
    refactoring
        .addInputLines("StaticHostProvider.java", PROVIDERS)
        .addOutputLines(
            "StaticHostProvider.java",
            PROVIDERS.replace(
                "      } catch (InterruptedException e) {\n",
                "      } catch (InterruptedException e) {\n"
                    + "        Thread.currentThread().interrupt();\n"))
        .addInputLines("HostProvider.java", HOST_PROVIDER)
        .expectUnchanged()
        .addInputLines("Client.java", once)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenTheInterfaceIsABroadAbstraction() {
    // Five implementations in the compilation: a call of next(..) says little about this one.
    String others =
        """
        class OtherProviders {
          static class A implements HostProvider {
            public String next(long spinDelay) { return "a"; }
          }
          static class B implements HostProvider {
            public String next(long spinDelay) { return "b"; }
          }
          static class C implements HostProvider {
            public String next(long spinDelay) { return "c"; }
          }
          static class D implements HostProvider {
            public String next(long spinDelay) { return "d"; }
          }
        }
        """;
    refactoring
        .addInputLines("StaticHostProvider.java", PROVIDERS)
        .addOutputLines(
            "StaticHostProvider.java",
            PROVIDERS.replace(
                "      } catch (InterruptedException e) {\n",
                "      } catch (InterruptedException e) {\n"
                    + "        Thread.currentThread().interrupt();\n"))
        .addInputLines("HostProvider.java", HOST_PROVIDER)
        .expectUnchanged()
        .addInputLines("OtherProviders.java", others)
        .expectUnchanged()
        .addInputLines("Client.java", CLIENT)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  // ------------------------------------------------------------------ super calls

  private static final String COMPONENT =
      """
      class Component {
        void stop() {}
      }
      """;

  private static final String PAUSING_COMPONENT =
      """
      class PausingComponent extends Component {
        @Override
        void stop() {
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            System.err.println("stop cut short");
          }
        }
      }
      """;

  @Test
  void restore_whenAnotherSubclassCallsOnlyTheSuperMethodBeforeItsCleanup() {
    // `super.stop()` in a sibling runs Component.stop(), never this override.
    String sibling =
        """
        class JoiningComponent extends Component {
          private final Thread worker = new Thread(() -> {});

          @Override
          void stop() {
            super.stop();
            try {
              worker.join(1000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        }
        """;
    refactoring
        .addInputLines("Component.java", COMPONENT)
        .expectUnchanged()
        .addInputLines("JoiningComponent.java", sibling)
        .expectUnchanged()
        .addInputLines("PausingComponent.java", PAUSING_COMPONENT)
        .addOutputLines(
            "PausingComponent.java",
            PAUSING_COMPONENT.replace(
                "    } catch (InterruptedException e) {\n",
                "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void noFix_whenACallThroughTheSuperclassIsFollowedByCleanup() {
    // The neighbour: a call of stop() on a Component, which may run this override, then a join.
    String owner =
        """
        class Owner {
          private final Component component;
          private final Thread worker;

          Owner(Component component, Thread worker) {
            this.component = component;
            this.worker = worker;
          }

          void close() throws InterruptedException {
            component.stop();
            worker.join(1000);
          }
        }
        """;
    helper
        .addSourceLines("Component.java", COMPONENT)
        .addSourceLines("Owner.java", owner)
        .addSourceLines(
            "PausingComponent.java",
            PAUSING_COMPONENT.replace(
                "    } catch (InterruptedException e) {\n",
                "      // BUG: Diagnostic contains: its caller goes on to a blocking call (line 12 of"
                    + " Owner.java)\n"
                    + "    } catch (InterruptedException e) {\n"))
        .doTest();
  }

  // -------------------------------------------------------- a caller that goes on to cleanup

  private static final String DRAIN =
      """
      public class Drain {
        public static void pause(long millis) {
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            System.err.println("pause cut short");
          }
        }
      }
      """;

  private static final String SESSION =
      """
      class Session {
        private final Thread reader;

        Session(Thread reader) {
          this.reader = reader;
        }

        void close() throws InterruptedException {
          try {
            Drain.pause(100);
          } finally {
            reader.join(1000);
          }
        }
      }
      """;

  @Test
  void noFix_whenACallersFinallyWaits() {
    helper
        .addSourceLines(
            "Drain.java",
            DRAIN.replace(
                "    } catch (InterruptedException e) {\n",
                "      // BUG: Diagnostic contains: its caller's finally block goes on to a blocking"
                    + " call (line 12 of Session.java)\n"
                    + "    } catch (InterruptedException e) {\n"))
        .addSourceLines("Session.java", SESSION)
        .doTest();
  }

  @Test
  void restore_whenTheCallersFinallyDoesNotWait() {
    String quick = SESSION.replace("reader.join(1000);", "reader.interrupt();");
    refactoring
        .addInputLines("Drain.java", DRAIN)
        .addOutputLines(
            "Drain.java",
            DRAIN.replace(
                "    } catch (InterruptedException e) {\n",
                "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n"))
        .addInputLines("Session.java", quick)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  // ------------------------------------- a caller that calls the code in one branch of an `if`

  private static final String BRANCHED_SESSION =
      """
      class Session {
        private final Thread reader;
        private final boolean quick;

        Session(Thread reader, boolean quick) {
          this.reader = reader;
          this.quick = quick;
        }

        void close() throws InterruptedException {
          if (quick) {
            Drain.pause(100);
          } else {
            reader.join(1000);
          }
        }
      }
      """;

  @Test
  void restore_whenTheCallersWaitIsInTheOtherBranchOfTheIf() {
    // The join runs instead of the pause, never after it: the flag meets no cleanup.
    refactoring
        .addInputLines("Drain.java", DRAIN)
        .addOutputLines(
            "Drain.java",
            DRAIN.replace(
                "    } catch (InterruptedException e) {\n",
                "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n"))
        .addInputLines("Session.java", BRANCHED_SESSION)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void restore_whenTheCallersWaitIsInTheOtherOperandOfAConditional() {
    String conditional =
        BRANCHED_SESSION.replace(
            """
                if (quick) {
                  Drain.pause(100);
                } else {
                  reader.join(1000);
                }
            """,
            """
                long waited = quick ? pauseFor(100) : joinFor(1000);
              }

              private long pauseFor(long millis) {
                Drain.pause(millis);
                return millis;
              }

              private long joinFor(long millis) throws InterruptedException {
                reader.join(millis);
                return millis;
            """);
    refactoring
        .addInputLines("Drain.java", DRAIN)
        .addOutputLines(
            "Drain.java",
            DRAIN.replace(
                "    } catch (InterruptedException e) {\n",
                "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n"))
        .addInputLines("Session.java", conditional)
        .expectUnchanged()
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  @Test
  void noFix_whenTheCallersWaitFollowsTheIf() {
    // The neighbour: the join after the if runs after the pause, with the flag set.
    String after =
        BRANCHED_SESSION.replace(
            """
                } else {
                  reader.join(1000);
                }
            """,
            """
                }
                reader.join(1000);
            """);
    helper
        .addSourceLines(
            "Drain.java",
            DRAIN.replace(
                "    } catch (InterruptedException e) {\n",
                "      // BUG: Diagnostic contains: its caller goes on to a blocking call (line 14 of"
                    + " Session.java)\n"
                    + "    } catch (InterruptedException e) {\n"))
        .addSourceLines("Session.java", after)
        .doTest();
  }

  @Test
  void noFix_whenTheCallIsTheConditionOfTheIf() {
    // Both branches follow the condition: the join in the else runs after the call.
    String condition =
        BRANCHED_SESSION
            .replace("if (quick) {\n      Drain.pause(100);\n", "if (Drain.paused(100)) {\n")
            .replace("private final boolean quick;", "private final boolean quick = false;")
            .replace("    this.quick = quick;\n", "");
    String drain =
        DRAIN.replace(
            "public static void pause(long millis) {\n    try {\n      Thread.sleep(millis);\n",
            "public static boolean paused(long millis) {\n    try {\n      Thread.sleep(millis);\n"
                + "      return true;\n");
    drain = drain.replace("System.err.println(\"pause cut short\");\n", "return false;\n");
    helper
        .addSourceLines(
            "Drain.java",
            drain.replace(
                "    } catch (InterruptedException e) {\n",
                "      // BUG: Diagnostic contains: its caller goes on to a blocking call\n"
                    + "    } catch (InterruptedException e) {\n"))
        .addSourceLines("Session.java", condition)
        .doTest();
  }

  private static final String CHANNELS =
      """
      import java.util.List;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.locks.ReentrantLock;

      class Channels {
        private final ReentrantLock lock = new ReentrantLock();

        void closeChannels(List<String> addresses) {
          for (String address : addresses) {
            closeChannel(address);
          }
        }

        void closeChannel(String address) {
          try {
            if (lock.tryLock(3, TimeUnit.SECONDS)) {
              try {
                System.out.println("closing " + address);
              } finally {
                lock.unlock();
              }
            }
          } catch (InterruptedException e) {
            System.err.println("closeChannel interrupted");
          }
        }
      }
      """;

  @Test
  void noFix_whenACloseOverItemsCallsItForTheNextItems() {
    // Restored, the flag makes every next closeChannel(..)'s tryLock throw at once: the remaining
    // channels are left open.
    helper
        .addSourceLines(
            "Channels.java",
            CHANNELS.replace(
                "    } catch (InterruptedException e) {\n",
                "      // BUG: Diagnostic contains: its caller goes on to a blocking call (line 10)\n"
                    + "    } catch (InterruptedException e) {\n"))
        .doTest();
  }

  @Test
  void restore_whenAWalkOverItemsIsNoCleanup() {
    String notClosing = CHANNELS.replace("closeChannel", "describeChannel");
    refactoring
        .addInputLines("Channels.java", notClosing)
        .addOutputLines(
            "Channels.java",
            notClosing.replace(
                "    } catch (InterruptedException e) {\n",
                "    } catch (InterruptedException e) {\n      Thread.currentThread().interrupt();\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }

  // ------------------------------------------------------------ the rethrow, where mechanical

  @Test
  void rethrow_whenEveryCallerTakesItAndTheLoopEndsOnIt() {
    // The restore is withheld (the loop would spin), but the rethrow ends the loop: it is offered.
    String input =
        """
        class Poller {
          private volatile boolean running = true;

          void poll() throws InterruptedException {
            while (running) {
              pause();
            }
          }

          private void pause() {
            try {
              Thread.sleep(100);
            } catch (InterruptedException e) {
              System.err.println("pause cut short");
            }
          }
        }
        """;
    refactoring
        .addInputLines("Poller.java", input)
        .addOutputLines(
            "Poller.java",
            input
                .replace(
                    "private void pause() {", "private void pause() throws InterruptedException {")
                .replace(
                    "      System.err.println(\"pause cut short\");\n",
                    "      System.err.println(\"pause cut short\");\n      throw e;\n"))
        .setFixChooser(FixChoosers.FIRST)
        .doTest();
  }
}
