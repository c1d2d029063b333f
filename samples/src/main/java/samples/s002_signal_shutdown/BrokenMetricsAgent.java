// Scenario: 002-signal-shutdown (incorrect)
// On SIGINT/SIGTERM asyncio's handler cancels the tasks and stops the loop only after they
// end. Java runs shutdown hooks, and halts the JVM as soon as the hooks return. This hook
// asks the sampler and the uploader to stop and returns at once: the JVM halts under them,
// the batch being uploaded is cut off, and the spool file is closed while still being written.
package samples.s002_signal_shutdown;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A metrics agent: samples the process every second and uploads the samples in batches. */
public final class BrokenMetricsAgent {
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService uploader = Executors.newSingleThreadExecutor();
  private final BlockingQueue<String> samples = new LinkedBlockingQueue<>();
  private final Writer spool;

  public BrokenMetricsAgent(Writer spool) {
    this.spool = spool;
  }

  public void start() {
    sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    uploader.execute(this::uploadLoop);
  }

  /** Runs as the JVM's shutdown hook (SIGINT, SIGTERM). */
  public void stop() {
    // BUG: CancelWithoutAwait
    sampler.shutdownNow();
    // BUG: CancelWithoutAwait
    uploader.shutdownNow();
    closeSpool();
  }

  private void sample() {
    Runtime runtime = Runtime.getRuntime();
    samples.offer("heap.used " + (runtime.totalMemory() - runtime.freeMemory()));
  }

  private void uploadLoop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        String sample = samples.take();
        spool.write(sample + "\n");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      System.err.println("spool failed: " + e);
    }
  }

  private void closeSpool() {
    try {
      spool.close();
    } catch (IOException e) {
      System.err.println("could not close the spool: " + e);
    }
  }

  public static void main(String[] args) {
    BrokenMetricsAgent agent = new BrokenMetricsAgent(new PrintWriter(System.out, true));
    agent.start();
    Runtime.getRuntime().addShutdownHook(new Thread(agent::stop, "metrics-shutdown"));
  }
}
