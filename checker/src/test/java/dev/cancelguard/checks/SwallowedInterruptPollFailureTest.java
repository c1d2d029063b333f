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
