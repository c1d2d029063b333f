// Scenario: 004-wait-for-not-loop (correct)
// The renders finish in any order, but each tile has its place in the mosaic anyway: waiting
// for them in order with get() blocks exactly as long as needed, uses no core meanwhile, and an
// interrupt ends the wait with InterruptedException.
package samples.s004_wait_for_not_loop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Places rendered map tiles into a mosaic as they come in. */
public final class MosaicAssembler {
  private final List<String> mosaic = new ArrayList<>();

  /** The renders were started by the caller, which owns them. */
  public List<String> assemble(List<Future<String>> renders)
      throws ExecutionException, InterruptedException {
    for (Future<String> render : renders) {
      mosaic.add(render.get());
    }
    return mosaic;
  }
}
