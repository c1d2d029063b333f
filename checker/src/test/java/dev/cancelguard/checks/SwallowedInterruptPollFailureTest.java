package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A caller's wait for another thread whose loop already says how it ends unsatisfied: a timed wait
 * whose every return leaves the loop (only the interrupt goes round) is left with {@code break;},
 * as on its timeout; a poll whose round throws on a count or a deadline of its own gets that throw
 * in the catch, after the restore; where the throw reads what the round computes after the wait, no
 * fix. Next to each, the neighbours that keep the record: an untimed wait that leaves (the
 * uninterruptible wait), a throw on another thread's state rather than a bound, the same poll as a
 * task's whole work.
 */
class SwallowedInterruptPollFailureTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());
  private final CompilationTestHelper compilation =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  // -------------------------------------------- a timed wait whose every return leaves the loop

  @Test
  void leave_aTimedWaitWhoseEveryReturnLeavesTheLoop() {
    refactoring
        .addInputLines(
            "Keys.java",
            """
            class Keys {
              private volatile byte[] key;
              byte[] retrieve() {
                if (key == null) {
                  synchronized (this) {
                    while (key == null) {
                      try {
                        wait(10_000);
                        break;
                      } catch (InterruptedException e) {
                      }
                    }
                  }
                }
                return key;
              }
              synchronized void setKey(byte[] key) {
                this.key = key;
                notifyAll();
              }
            }
            """)
        .addOutputLines(
            "Keys.java",
            """
            class Keys {
              private volatile byte[] key;
              byte[] retrieve() {
                if (key == null) {
                  synchronized (this) {
                    while (key == null) {
                      try {
                        wait(10_000);
                        break;
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                      }
                    }
                  }
                }
                return key;
              }
              synchronized void setKey(byte[] key) {
                this.key = key;
                notifyAll();
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_anUntimedWaitWhoseReturnLeavesTheLoop() {
    refactoring
        .addInputLines(
            "Gate.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Gate {
              private final CountDownLatch ready = new CountDownLatch(1);
              void awaitReady() {
                while (true) {
                  try {
                    ready.await();
                    break;
                  } catch (InterruptedException e) {
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Gate.java",
            """
            import java.util.concurrent.CountDownLatch;
            class Gate {
              private final CountDownLatch ready = new CountDownLatch(1);
              void awaitReady() {
                boolean interrupted = false;
                try {
                  while (true) {
                    try {
                      ready.await();
                      break;
                    } catch (InterruptedException e) {
                      interrupted = true;
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  // ------------------------------------- a timed wait whose round leaves on a deadline of its own

  /** A reply's timed wait; %1$s: the catch's body, %2$s: the test of the reply, %3$s: the rest. */
  private static final String REPLY =
      """
      class Reply {
        private final Object lock = new Object();
        private final long timeout;
        private final long created = System.currentTimeMillis();
        private Object value;

        Reply(long timeout) {
          this.timeout = timeout;
        }

        boolean isDone() {
          return value != null;
        }

        Object get() {
          synchronized (lock) {
            long waitTime = timeout - (System.currentTimeMillis() - created);
            if (waitTime > 0) {
              for (; ; ) {
                try {
                  lock.wait(waitTime);
                } catch (InterruptedException ignore) {%1$s
                }
                if (%2$s) {
                  break;
                }%3$s
              }
            }
            if (value == null) {
              throw new IllegalStateException("timed out");
            }
            return value;
          }
        }

        void set(Object value) {
          synchronized (lock) {
            this.value = value;
            lock.notifyAll();
          }
        }
      }
      """;

  private static final String DEADLINE =
      """
       else {
                waitTime = timeout - (System.currentTimeMillis() - created);
                if (waitTime <= 0) {
                  break;
                }
              }\
      """;

  private static final String LEAVE =
      """

                  Thread.currentThread().interrupt();
                  break;\
      """;

  @Test
  void leave_aTimedWaitWhoseRoundLeavesOnADeadlineOfItsOwn() {
    // The loop's own answer to a wait that ends unsatisfied is the deadline's break, and the code
    // after the loop fails as on a timeout: recorded, the interrupted caller would wait out the
    // whole deadline; restored and left, it takes that answer at once.
    refactoring
        .addInputLines("Reply.java", REPLY.formatted("", "value != null", DEADLINE))
        .addOutputLines("Reply.java", REPLY.formatted(LEAVE, "value != null", DEADLINE))
        .doTest();
  }

  @Test
  void leave_aTimedWaitWhoseRoundTestsAStateWithACallThenLeavesOnADeadline() {
    // The test that decides whether the round leaves may call (`isDone()`): skipped by the break,
    // it only chooses between ways out.
    refactoring
        .addInputLines("Reply.java", REPLY.formatted("", "isDone()", DEADLINE))
        .addOutputLines("Reply.java", REPLY.formatted(LEAVE, "isDone()", DEADLINE))
        .doTest();
  }

  @Test
  void noLeave_aTimedWaitWhoseOnlyBreakTestsAnotherThreadsState() {
    // No deadline of its own: the loop waits until the other thread answers, and nothing at the
    // catch says how to end without that answer. No leave; as before, no record round a poll
    // with no bound either.
    refactoring
        .addInputLines("Reply.java", REPLY.formatted("", "value != null", ""))
        .expectUnchanged()
        .doTest();
  }

  @Test
  void record_aTimedWaitWhoseRoundWorksBeforeItsDeadline() {
    // The round does more than decide whether to leave (it sends again): leaving would skip that
    // work, which the deadline's way out does not; the record stays.
    String resent = DEADLINE.replace(" else {", " else {\n          resend();");
    String input =
        REPLY
            .formatted("", "value != null", resent)
            .replace(
                "  void set(Object value) {", "  void resend() {}\n\n  void set(Object value) {");
    String opened =
        input
            .replace("for (; ; ) {", "boolean interrupted = false;\ntry {\nfor (; ; ) {")
            .replace(
                "catch (InterruptedException ignore) {\n",
                "catch (InterruptedException ignore) {\ninterrupted = true;\n");
    // The try closes with the `if (waitTime > 0)` block around the loop.
    int ifEnd = opened.lastIndexOf('}', opened.indexOf("if (value == null)"));
    String recorded =
        opened.substring(0, ifEnd)
            + "} finally {\nif (interrupted) {\nThread.currentThread().interrupt();\n}\n}\n"
            + opened.substring(ifEnd);
    refactoring.addInputLines("Reply.java", input).addOutputLines("Reply.java", recorded).doTest();
  }

  // ------------------------------------------- a poll whose round fails on a bound of its own

  @Test
  void throwInCatch_aPollThatFailsOnItsCount() {
    refactoring
        .addInputLines(
            "Writes.java",
            """
            class Writes {
              interface Channel { boolean isWritable(); void close(); }
              private final Object lock = new Object();
              void awaitWritable(Channel channel, Object msg) {
                int tries = 0;
                synchronized (lock) {
                  while (!channel.isWritable()) {
                    try {
                      tries++;
                      if (tries > 2000) {
                        channel.close();
                        throw new IllegalStateException(
                            "not writable: " + msg);
                      }
                      lock.wait(10);
                    } catch (InterruptedException e) {
                      System.err.println(e.getMessage());
                    }
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Writes.java",
            """
            class Writes {
              interface Channel { boolean isWritable(); void close(); }
              private final Object lock = new Object();
              void awaitWritable(Channel channel, Object msg) {
                int tries = 0;
                synchronized (lock) {
                  while (!channel.isWritable()) {
                    try {
                      tries++;
                      if (tries > 2000) {
                        channel.close();
                        throw new IllegalStateException(
                            "not writable: " + msg);
                      }
                      lock.wait(10);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      System.err.println(e.getMessage());
                      throw new IllegalStateException("not writable: " + msg);
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void throwInCatch_aBroadCatchOfAPollWithAClockDeadline() {
    refactoring
        .addInputLines(
            "Replies.java",
            """
            import java.io.IOException;
            class Replies {
              private volatile int reply = -1;
              void awaitReply(long timeout) throws IOException {
                long start = System.currentTimeMillis();
                while (reply == -1) {
                  try {
                    Thread.sleep(10);
                  } catch (Exception e) {
                  }
                  if (timeout > 0 && System.currentTimeMillis() - start > timeout) {
                    reply = 0;
                    throw new IOException("request: timeout");
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Replies.java",
            """
            import java.io.IOException;
            class Replies {
              private volatile int reply = -1;
              void awaitReply(long timeout) throws IOException {
                long start = System.currentTimeMillis();
                while (reply == -1) {
                  try {
                    Thread.sleep(10);
                  } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                      Thread.currentThread().interrupt();
                      throw new IOException("request: timeout");
                    }
                  }
                  if (timeout > 0 && System.currentTimeMillis() - start > timeout) {
                    reply = 0;
                    throw new IOException("request: timeout");
                  }
                }
              }
            }
            """)
        .doTest();
  }

  private static final String SLOTS =
      """
      class Slots {
        interface Status { boolean begin(); }
        String acquire(Status status, long timeout) {
          long start = System.currentTimeMillis();
          long remain = timeout;
          synchronized (status) {
            while (!status.begin()) {
              try {
                status.wait(remain);
              } catch (InterruptedException e) {
              }
              long elapsed = System.currentTimeMillis() - start;
              remain = timeout - elapsed;
              if (remain <= 0) {
                throw new IllegalStateException("no slot after " + elapsed + " ms");
              }
            }
          }
          return "slot";
        }
      }
      """;

  @Test
  void noFix_whereTheFailureReadsWhatTheRoundComputesAfterTheWait() {
    refactoring.addInputLines("Slots.java", SLOTS).expectUnchanged().doTest();
  }

  @Test
  void reported_whereTheFailureReadsWhatTheRoundComputesAfterTheWait() {
    compilation
        .addSourceLines(
            "Slots.java",
            SLOTS.replace(
                "} catch (InterruptedException e) {",
                "// BUG: Diagnostic contains: until the loop's own bound fails it (line 16)\n"
                    + "        } catch (InterruptedException e) {"))
        .doTest();
  }

  @Test
  void record_aPollWhoseThrowTestsAnotherThreadsState() {
    refactoring
        .addInputLines(
            "Replies.java",
            """
            class Replies {
              private volatile int reply = -1;
              private volatile boolean closed;
              void awaitReply() {
                while (reply == -1) {
                  try {
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                  }
                  if (closed) {
                    throw new IllegalStateException("closed");
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Replies.java",
            """
            class Replies {
              private volatile int reply = -1;
              private volatile boolean closed;
              void awaitReply() {
                boolean interrupted = false;
                try {
                  while (reply == -1) {
                    try {
                      Thread.sleep(10);
                    } catch (InterruptedException e) {
                      interrupted = true;
                    }
                    if (closed) {
                      throw new IllegalStateException("closed");
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_aPollThatFailsOnItsCountWhereItWaitsForMoreThanAPause() {
    refactoring
        .addInputLines(
            "Takes.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Takes {
              String next(BlockingQueue<String> queue) {
                int tries = 0;
                String item = null;
                while (item == null) {
                  try {
                    item = queue.take();
                  } catch (InterruptedException e) {
                  }
                  if (++tries > 3) {
                    throw new IllegalStateException("gave up");
                  }
                }
                return item;
              }
            }
            """)
        .addOutputLines(
            "Takes.java",
            """
            import java.util.concurrent.BlockingQueue;
            class Takes {
              String next(BlockingQueue<String> queue) {
                int tries = 0;
                String item = null;
                boolean interrupted = false;
                try {
                  while (item == null) {
                    try {
                      item = queue.take();
                    } catch (InterruptedException e) {
                      interrupted = true;
                    }
                    if (++tries > 3) {
                      throw new IllegalStateException("gave up");
                    }
                  }
                } finally {
                  if (interrupted) {
                    Thread.currentThread().interrupt();
                  }
                }
                return item;
              }
            }
            """)
        .doTest();
  }
}
