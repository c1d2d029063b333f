// Scenario: 002-signal-shutdown (correct)
// The hook stops the sampler, lets the uploader finish the sample in hand, and waits for both
// (bounded: the JVM's shutdown should not hang) before closing the spool. If the uploader does
// not stop in time the spool stays open rather than being closed under it.
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

/** A metrics agent whose shutdown hook waits for its work before releasing the spool. */
public final class MetricsAgent {
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService uploader = Executors.newSingleThreadExecutor();
  private final BlockingQueue<String> samples = new LinkedBlockingQueue<>();
  private final Writer spool;

  public MetricsAgent(Writer spool) {
    this.spool = spool;
  }

  public void start() {
    sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    uploader.execute(this::uploadLoop);
  }

  /** Runs as the JVM's shutdown hook (SIGINT, SIGTERM). */
  public void stop() {
    sampler.shutdownNow();
    uploader.shutdownNow();
    try {
      boolean samplerStopped = sampler.awaitTermination(2, TimeUnit.SECONDS);
      boolean uploaderStopped = uploader.awaitTermination(5, TimeUnit.SECONDS);
      if (!samplerStopped || !uploaderStopped) {
        System.err.println("metrics agent did not stop in time; spool left open");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
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
    MetricsAgent agent = new MetricsAgent(new PrintWriter(System.out, true));
    agent.start();
    Runtime.getRuntime().addShutdownHook(new Thread(agent::stop, "metrics-shutdown"));
  }
}
