package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A caller's wait under a lock in a method that fails with {@code IOException}, where the interrupt
 * cannot be rethrown: the catch restores the flag and throws {@code InterruptedIOException}, rather
 * than record the interrupt and keep the caller waiting for another thread. Next to each, the
 * neighbour that keeps the record-and-restore.
 */
class SwallowedInterruptInterruptedIoTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(SwallowedInterrupt.class, getClass());
  private final CompilationTestHelper compilation =
      CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass());

  @Test
  void throwsInterruptedIo_fromAStreamReadWaitingUnderALock() {
    refactoring
        .addInputLines(
            "Pipe.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.util.concurrent.locks.Condition;
            import java.util.concurrent.locks.ReentrantLock;
            class Pipe extends InputStream {
              private final ReentrantLock lock = new ReentrantLock();
              private final Condition notEmpty = lock.newCondition();
              private final byte[] buf = new byte[64];
              private int readPos, writePos;
              private boolean closed;
              @Override
              public int read() throws IOException {
                lock.lock();
                try {
                  while (true) {
                    if (readPos < writePos) {
                      return buf[readPos++] & 0xff;
                    }
                    if (closed) {
                      return -1;
                    }
                    try {
                      notEmpty.await();
                    } catch (InterruptedException e) {
                    }
                  }
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .addOutputLines(
            "Pipe.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.util.concurrent.locks.Condition;
            import java.util.concurrent.locks.ReentrantLock;
            class Pipe extends InputStream {
              private final ReentrantLock lock = new ReentrantLock();
              private final Condition notEmpty = lock.newCondition();
              private final byte[] buf = new byte[64];
              private int readPos, writePos;
              private boolean closed;
              @Override
              public int read() throws IOException {
                lock.lock();
                try {
                  while (true) {
                    if (readPos < writePos) {
                      return buf[readPos++] & 0xff;
                    }
                    if (closed) {
                      return -1;
                    }
                    try {
                      notEmpty.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt(); throw new java.io.InterruptedIOException();
                    }
                  }
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void throwsInterruptedIo_fromACatchOfExceptionWaitingForAWriteLock() {
    refactoring
        .addInputLines(
            "Mux.java",
            """
            import java.io.IOException;
            import java.io.OutputStream;
            class Mux {
              private final Object writeLock = new Object();
              private boolean writeLocked;
              private OutputStream os;
              OutputStream writeChannel(int channel) throws IOException {
                while (os != null) {
                  boolean canWrite = false;
                  synchronized (writeLock) {
                    if (!writeLocked) {
                      writeLocked = true;
                      canWrite = true;
                    } else {
                      try {
                        writeLock.wait(5000);
                      } catch (Exception e) {
                      }
                    }
                  }
                  if (canWrite) {
                    return os;
                  }
                }
                return null;
              }
            }
            """)
        .addOutputLines(
            "Mux.java",
            """
            import java.io.IOException;
            import java.io.OutputStream;
            class Mux {
              private final Object writeLock = new Object();
              private boolean writeLocked;
              private OutputStream os;
              OutputStream writeChannel(int channel) throws IOException {
                while (os != null) {
                  boolean canWrite = false;
                  synchronized (writeLock) {
                    if (!writeLocked) {
                      writeLocked = true;
                      canWrite = true;
                    } else {
                      try {
                        writeLock.wait(5000);
                      } catch (Exception e) {
                        if (e instanceof InterruptedException) { Thread.currentThread().interrupt(); throw new java.io.InterruptedIOException(); }
                      }
                    }
                  }
                  if (canWrite) {
                    return os;
                  }
                }
                return null;
              }
            }
            """)
        .doTest();
  }

  @Test
  void throwsInterruptedIo_byItsSimpleNameWhereTheFileImportsIt() {
    refactoring
        .addInputLines(
            "Pipe.java",
            """
            import java.io.*;
            class Pipe {
              private final Object lock = new Object();
              private boolean ready;
              int read() throws IOException {
                synchronized (lock) {
                  while (!ready) {
                    try {
                      lock.wait();
                    } catch (InterruptedException e) {
                    }
                  }
                }
                return 0;
              }
            }
            """)
        .addOutputLines(
            "Pipe.java",
            """
            import java.io.*;
            class Pipe {
              private final Object lock = new Object();
              private boolean ready;
              int read() throws IOException {
                synchronized (lock) {
                  while (!ready) {
                    try {
                      lock.wait();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt(); throw new InterruptedIOException();
                    }
                  }
                }
                return 0;
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_whenTheLoopGathersWhatTheMethodReturns() {
    refactoring
        .addInputLines(
            "Pipe.java",
            """
            import java.io.IOException;
            class Pipe {
              private final Object lock = new Object();
              private final byte[] buf = new byte[64];
              private int readPos, writePos;
              int read(byte[] b) throws IOException {
                int bytesRead = 0;
                synchronized (lock) {
                  while (bytesRead < b.length) {
                    if (readPos < writePos) {
                      b[bytesRead++] = buf[readPos++];
                      continue;
                    }
                    try {
                      lock.wait();
                    } catch (InterruptedException e) {
                    }
                  }
                }
                return bytesRead;
              }
            }
            """)
        .addOutputLines(
            "Pipe.java",
            """
            import java.io.IOException;
            class Pipe {
              private final Object lock = new Object();
              private final byte[] buf = new byte[64];
              private int readPos, writePos;
              int read(byte[] b) throws IOException {
                int bytesRead = 0;
                synchronized (lock) {
                  boolean interrupted = false;
                  try {
                    while (bytesRead < b.length) {
                      if (readPos < writePos) {
                        b[bytesRead++] = buf[readPos++];
                        continue;
                      }
                      try {
                        lock.wait();
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
                return bytesRead;
              }
            }
            """)
        .doTest();
  }

  @Test
  void record_whenTheMethodDoesNotFailWithIOException() {
    refactoring
        .addInputLines(
            "Gate.java",
            """
            class Gate {
              private final Object lock = new Object();
              private boolean open;
              void pass() {
                synchronized (lock) {
                  while (!open) {
                    try {
                      lock.wait();
                    } catch (InterruptedException e) {
                    }
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Gate.java",
            """
            class Gate {
              private final Object lock = new Object();
              private boolean open;
              void pass() {
                synchronized (lock) {
                  boolean interrupted = false;
                  try {
                    while (!open) {
                      try {
                        lock.wait();
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
            }
            """)
        .doTest();
  }

  @Test
  void record_whenATryOfTheMethodWouldTakeTheIoFailure() {
    refactoring
        .addInputLines(
            "Gate.java",
            """
            import java.io.IOException;
            class Gate {
              private final Object lock = new Object();
              private boolean open;
              void pass() throws IOException {
                try {
                  synchronized (lock) {
                    while (!open) {
                      try {
                        lock.wait();
                      } catch (InterruptedException e) {
                      }
                    }
                  }
                  check();
                } catch (IOException e) {
                  System.err.println(e);
                }
              }
              void check() throws IOException {}
            }
            """)
        .addOutputLines(
            "Gate.java",
            """
            import java.io.IOException;
            class Gate {
              private final Object lock = new Object();
              private boolean open;
              void pass() throws IOException {
                try {
                  synchronized (lock) {
                    boolean interrupted = false;
                    try {
                      while (!open) {
                        try {
                          lock.wait();
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
                  check();
                } catch (IOException e) {
                  System.err.println(e);
                }
              }
              void check() throws IOException {}
            }
            """)
        .doTest();
  }

  @Test
  void record_whenACallerRetriesOnTheIoFailure() {
    refactoring
        .addInputLines(
            "Gate.java",
            """
            import java.io.IOException;
            class Gate {
              private final Object lock = new Object();
              private boolean open;
              private void pass() throws IOException {
                synchronized (lock) {
                  while (!open) {
                    try {
                      lock.wait();
                    } catch (InterruptedException e) {
                    }
                  }
                }
              }
              void passForSure() {
                while (true) {
                  try {
                    pass();
                    return;
                  } catch (IOException e) {
                    System.err.println(e);
                  }
                }
              }
            }
            """)
        .addOutputLines(
            "Gate.java",
            """
            import java.io.IOException;
            class Gate {
              private final Object lock = new Object();
              private boolean open;
              private void pass() throws IOException {
                synchronized (lock) {
                  boolean interrupted = false;
                  try {
                    while (!open) {
                      try {
                        lock.wait();
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
              void passForSure() {
                while (true) {
                  try {
                    pass();
                    return;
                  } catch (IOException e) {
                    System.err.println(e);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void stillReported_withTheMessageOfTheLoop() {
    compilation
        .addSourceLines(
            "Pipe.java",
            """
            import java.io.IOException;
            class Pipe {
              private final Object lock = new Object();
              private boolean ready;
              int read() throws IOException {
                synchronized (lock) {
                  while (!ready) {
                    try {
                      lock.wait();
                    // BUG: Diagnostic contains: record the interrupt in a local flag and restore it once the loop is over, leave the loop, or rethrow
                    } catch (InterruptedException e) {
                    }
                  }
                }
                return 0;
              }
            }
            """)
        .doTest();
  }
}
