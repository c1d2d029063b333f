// Scenario: 001-cooperative (correct)
// The loop gives cancellation its chance: it tests the interrupt flag on every round, so
// shutdownNow() (or cancel(true) on its future) ends it within one hash. The flag is only read,
// not cleared, so the pool still sees that the task was interrupted.
package samples.s001_cooperative;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/** Searches for nonces whose block hash starts with enough zero bits, until interrupted. */
public final class BlockMiner implements Runnable {
  private final byte[] header;
  private final int difficulty;
  private final MessageDigest sha256;
  private final LongConsumer onSolution;

  /** Reports every nonce that meets the difficulty to {@code onSolution}, as it is found. */
  public BlockMiner(String header, int difficulty, LongConsumer onSolution)
      throws NoSuchAlgorithmException {
    this.header = header.getBytes(StandardCharsets.UTF_8);
    this.difficulty = difficulty;
    this.sha256 = MessageDigest.getInstance("SHA-256");
    this.onSolution = onSolution;
  }

  @Override
  public void run() {
    long nonce = 0;
    while (!Thread.currentThread().isInterrupted()) {
      if (leadingZeroBits(hash(nonce)) >= difficulty) {
        onSolution.accept(nonce);
      }
      nonce++;
    }
  }

  private byte[] hash(long nonce) {
    sha256.update(header);
    return sha256.digest(ByteBuffer.allocate(Long.BYTES).putLong(nonce).array());
  }

  private static int leadingZeroBits(byte[] digest) {
    int bits = 0;
    for (byte b : digest) {
      if (b != 0) {
        return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
      }
      bits += 8;
    }
    return bits;
  }

  public static void main(String[] args) throws Exception {
    BlockMiner miner =
        new BlockMiner("block-42", 16, nonce -> System.out.println("solution: " + nonce));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.execute(miner);
      TimeUnit.SECONDS.sleep(1);
    } finally {
      pool.shutdownNow();
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        System.err.println("the miner is still running");
      }
    }
  }
}
