// Scenario: 000-cancel-await (correct)
// A shutdown hook that flushes the journal and then interrupts a force-kill timer without waiting
// for it, which is right here: the timer is itself a registered shutdown hook and nothing else
// starts it, so it runs only during the JVM's shutdown, and the JVM halts only once every hook,
// the timer included, has ended. The interrupt lets the timer end early; no one is killed mid-work.
package samples.s000_cancel_await;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/** Flushes a journal when the JVM shuts down, and halts it if the flush hangs. */
public final class ForceKillHooks {
  private ForceKillHooks() {}

  /** Registers the flush, and a timer that halts the JVM if the flush outlasts the grace time. */
  public static void install(PrintStream journal, int graceSeconds) {
    Thread forceKill =
        new Thread(
            () -> {
              try {
                TimeUnit.SECONDS.sleep(graceSeconds);
                Runtime.getRuntime().halt(20);
              } catch (InterruptedException flushed) {
                // The flush ended in time: nothing to force.
              }
            },
            "journal-force-kill");
    forceKill.setDaemon(true);
    Thread flush =
        new Thread(
            () -> {
              journal.println("-- end of journal --");
              journal.flush();
              forceKill.interrupt();
            },
            "journal-flush");
    Runtime.getRuntime().addShutdownHook(flush);
    Runtime.getRuntime().addShutdownHook(forceKill);
  }

  public static void main(String[] args) {
    install(new PrintStream(System.out, true), 5);
    System.out.println("journal open");
  }
}
