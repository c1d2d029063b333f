// Scenario: 000-cancel-await (incorrect)
// The same monitor, but a check can also be run at once on the caller's thread (`checkNow()`).
// That run and the pool's can both find the interval changed: each cancels the schedule while the
// other may be running, each changes the interval and schedules the check again, and one of the
// two schedules is lost in the field, running for ever with nothing left to cancel it.
package samples.s000_cancel_await;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Checks the pressure every period, the period read from the configuration at each check. */
public final class BrokenPressureMonitor implements AutoCloseable {
  private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor();
  private final LongSupplier configuredIntervalMillis;
  private final PrintStream log;
  private ScheduledFuture<?> schedule;
  private long intervalMillis;

  public BrokenPressureMonitor(LongSupplier configuredIntervalMillis, PrintStream log) {
    this.configuredIntervalMillis = configuredIntervalMillis;
    this.log = log;
    this.intervalMillis = configuredIntervalMillis.getAsLong();
  }

  public void start() {
    reschedule();
  }

  /** Checks now, on the caller's thread. */
  public void checkNow() {
    new Check().run();
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
        // BUG: CancelWithoutAwait
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
