// Scenario: 001-no-swallow (correct)
// Where an interrupt carries no request of its own: the sweeper's daemon thread is made in the
// constructor, kept in a local and never interrupted or handed out, so no interrupt it can see asks
// anything of it. Its work is a package-private method only that thread runs, in a package whose
// classes are all compiled together and none of the others names it: the wait's catch goes back to
// the loop's own test, which ends the thread once nothing is left to clean.
package samples.s001_no_swallow;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs a cleanup action once each registered object has become unreachable. */
public final class ReferenceSweeper {
  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
  private final Map<Reference<?>, Runnable> actions = new ConcurrentHashMap<>();

  public ReferenceSweeper() {
    actions.put(new PhantomReference<>(this, queue), () -> {});
    Thread sweeper = new Thread(this::sweep, "reference-sweeper");
    sweeper.setDaemon(true);
    sweeper.start();
  }

  public void register(Object object, Runnable cleanup) {
    actions.put(new PhantomReference<>(object, queue), cleanup);
  }

  void sweep() {
    while (!actions.isEmpty()) {
      Reference<?> reference = null;
      try {
        reference = queue.remove(30_000);
      } catch (InterruptedException e) {
        // Nothing interrupts this thread: an interrupt here is a stray one, and the loop's test
        // decides whether there is more to clean.
      }
      Runnable cleanup = reference == null ? null : actions.remove(reference);
      if (cleanup != null) {
        cleanup.run();
      }
    }
  }
}
