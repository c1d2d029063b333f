// Scenario: 003-check-cancellation (correct)
// Where clearing the flag is the owner's decision: a thread that is itself the executor of the
// tasks it runs owns its own interruption policy. It clears an interrupt a task left behind before
// the next task and before each idle wait, so one task's cancellation cannot leak into the next
// task or make every wait return at once, and it stops by its own state, never by an interrupt.
// The tasks it runs still see, and must honour, any interrupt sent while they run.
package samples.s003_check_cancellation;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** The one thread that renders previews, one queued request after another, until it is closed. */
public final class PreviewEventLoop extends Thread implements Executor {
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean closed;

  public PreviewEventLoop() {
    super("preview-loop");
    setDaemon(true);
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      if (closed) {
        throw new IllegalStateException("the preview loop is closed");
      }
      tasks.add(task);
      tasks.notifyAll();
    }
  }

  /** Stops the loop once the queued tasks have run, and waits until it has. */
  public void close() throws InterruptedException {
    synchronized (tasks) {
      closed = true;
      tasks.notifyAll();
    }
    join();
  }

  @Override
  public void run() {
    for (; ; ) {
      Runnable task;
      synchronized (tasks) {
        task = tasks.poll();
        if (task == null && closed) {
          return;
        }
      }
      if (task != null) {
        // A previous task's interrupt is not this task's cancellation.
        Thread.interrupted();
        task.run();
        continue;
      }
      // Nor is it a reason for the idle wait below to return at once, forever.
      Thread.interrupted();
      synchronized (tasks) {
        try {
          if (tasks.isEmpty() && !closed) {
            tasks.wait();
          }
        } catch (InterruptedException stray) {
          // The loop stops on `closed`, which close() sets: an interrupt here is a task's leftover.
        }
      }
    }
  }
}
