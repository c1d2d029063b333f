// Scenario: 004-wait-for-not-loop (incorrect)
// A hand-written waiting loop over several tasks: it sweeps over the tiles still rendering,
// re-checking isDone() and taking the finished ones, and sweeps again at once. It never blocks,
// so it burns a core for as long as the slowest tile renders, and nothing in it answers an
// interrupt: cancelling the assembly does not stop it.
package samples.s004_wait_for_not_loop;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Places rendered map tiles into a mosaic as they come in. */
public final class BrokenMosaicAssembler {
  private final List<String> mosaic = new ArrayList<>();

  /** The renders were started by the caller, which owns them. */
  public List<String> assemble(List<Future<String>> renders)
      throws ExecutionException, InterruptedException {
    List<Future<String>> pending = new ArrayList<>(renders);
    // BUG: LoopWithoutCancellationPoint
    while (!pending.isEmpty()) {
      Iterator<Future<String>> it = pending.iterator();
      while (it.hasNext()) {
        Future<String> render = it.next();
        if (render.isDone()) {
          mosaic.add(render.get());
          it.remove();
        }
      }
    }
    return mosaic;
  }
}
