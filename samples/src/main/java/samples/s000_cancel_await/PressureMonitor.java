// Scenario: 000-cancel-await (correct)
// A periodic check that moves itself to a new interval: it cancels its own schedule and schedules
// itself again, without waiting for the cancelled schedule. That is right here: the check's class
// is private and every instance of it goes straight to the monitor's single-thread pool, so the
// cancelling run is on the pool's one thread, and no other run of the check can be going while it
// reads and changes the interval.
package samples.s000_cancel_await;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Checks the pressure every period, the period read from the configuration at each check. */
public final class PressureMonitor implements AutoCloseable {
  private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor();
  private final LongSupplier configuredIntervalMillis;
  private final PrintStream log;
  private ScheduledFuture<?> schedule;
  private long intervalMillis;

  public PressureMonitor(LongSupplier configuredIntervalMillis, PrintStream log) {
    this.configuredIntervalMillis = configuredIntervalMillis;
    this.log = log;
    this.intervalMillis = configuredIntervalMillis.getAsLong();
  }

  public void start() {
    reschedule();
  }

  private void reschedule() {
    schedule =
        checks.scheduleAtFixedRate(
            new Check(), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  private final class Check implements Runnable {
    @Override
    public void run() {
      long configured = configuredIntervalMillis.getAsLong();
      if (configured != intervalMillis) {
        schedule.cancel(false);
        intervalMillis = configured;
        log.println("checking every " + intervalMillis + " ms");
        reschedule();
      } else {
        log.println("pressure checked");
      }
    }
  }

  @Override
  public void close() {
    checks.close();
  }
}
