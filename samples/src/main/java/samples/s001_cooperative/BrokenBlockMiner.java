// Scenario: 001-cooperative (incorrect)
// Cancellation is cooperative. asyncio cancels a task at its next await, so code that never
// awaits is never cancelled; a Java task is the same: cancel(true) and shutdownNow() only set the
// thread's interrupt flag. This proof-of-work loop never blocks and never reads the flag, so
// once it is running nothing its owner does can stop it: shutdownNow() returns, the pool never
// terminates, and the JVM does not exit.
package samples.s001_cooperative;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/** Searches for nonces whose block hash starts with enough zero bits. */
public final class BrokenBlockMiner implements Runnable {
  private final byte[] header;
  private final int difficulty;
  private final MessageDigest sha256;
  private final LongConsumer onSolution;

  /** Reports every nonce that meets the difficulty to {@code onSolution}, as it is found. */
  public BrokenBlockMiner(String header, int difficulty, LongConsumer onSolution)
      throws NoSuchAlgorithmException {
    this.header = header.getBytes(StandardCharsets.UTF_8);
    this.difficulty = difficulty;
    this.sha256 = MessageDigest.getInstance("SHA-256");
    this.onSolution = onSolution;
  }

  @Override
  public void run() {
    long nonce = 0;
    // BUG: LoopWithoutCancellationPoint
    while (true) {
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
    BrokenBlockMiner miner =
        new BrokenBlockMiner("block-42", 16, nonce -> System.out.println("solution: " + nonce));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.execute(miner);
      TimeUnit.SECONDS.sleep(1);
    } finally {
      pool.shutdownNow();
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        System.err.println("the miner ignored shutdownNow() and is still running");
      }
    }
  }
}
