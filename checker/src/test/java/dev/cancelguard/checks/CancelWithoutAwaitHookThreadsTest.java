package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * CancelWithoutAwait on a shutdown hook that interrupts a thread which only ever runs as a shutdown
 * hook itself (a force-kill timer, registered beside the cleanup hook that interrupts it once the
 * cleanup is done). The JVM halts only once every registered hook has ended, and outside the
 * shutdown the thread has never started: the hook's return lets nothing halt under it. Next to
 * each, the neighbour whose thread can also run another way (started, run in place, made by a class
 * of its own, handed on, given another value), or whose interrupt is in a stop rather than a hook,
 * which still is reported.
 */
class CancelWithoutAwaitHookThreadsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelWithoutAwait.class, getClass());

  @Test
  void negative_forceKillTimerRegisteredBesideTheCleanupHook() {
    helper
        .addSourceLines(
            "Hooks.java",
            """
            import java.util.concurrent.TimeUnit;
            class Hooks {
              static void addShutdownHookWithDelayedForceKill(Runnable cleanup, int seconds) {
                final Thread sleepKill =
                    new Thread(
                        () -> {
                          try {
                            TimeUnit.SECONDS.sleep(seconds);
                            Runtime.getRuntime().halt(20);
                          } catch (InterruptedException expected) {
                            // the cleanup ended in time
                          }
                        },
                        "ShutdownHook-sleepKill");
                sleepKill.setDaemon(true);
                Thread shutdownFunc =
                    new Thread(
                        () -> {
                          cleanup.run();
                          sleepKill.interrupt();
                        },
                        "ShutdownHook-shutdownFunc");
                Runtime.getRuntime().addShutdownHook(shutdownFunc);
                Runtime.getRuntime().addShutdownHook(sleepKill);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_privateFieldRegisteredAsAHook() {
    helper
        .addSourceLines(
            "Server.java",
            """
            class Server {
              private final Thread watchdog = new Thread(Server::haltLater, "watchdog");
              Server() {
                watchdog.setDaemon(true);
                Runtime.getRuntime().addShutdownHook(this.watchdog);
                Runtime.getRuntime()
                    .addShutdownHook(
                        new Thread(
                            () -> {
                              System.out.println("flushing");
                              if (watchdog.isAlive()) {
                                watchdog.interrupt();
                              }
                            }));
              }
              private static void haltLater() {
                try {
                  Thread.sleep(5_000);
                  Runtime.getRuntime().halt(1);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_timerAlsoStartedOutsideTheShutdown() {
    helper
        .addSourceLines(
            "Hooks.java",
            """
            class Hooks {
              static void install(Runnable cleanup) {
                Thread sleepKill = new Thread(() -> System.out.println("tick"));
                sleepKill.start();
                Runtime.getRuntime()
                    .addShutdownHook(
                        new Thread(
                            () -> {
                              cleanup.run();
                              // BUG: Diagnostic contains: the shutdown hook returns
                              sleepKill.interrupt();
                            }));
                Runtime.getRuntime().addShutdownHook(sleepKill);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_timerNeverRegisteredButRunInPlace() {
    helper
        .addSourceLines(
            "Hooks.java",
            """
            class Hooks {
              static void install(Runnable cleanup) {
                Thread sleepKill = new Thread(() -> System.out.println("tick"));
                Runtime.getRuntime()
                    .addShutdownHook(
                        new Thread(
                            () -> {
                              cleanup.run();
                              // BUG: Diagnostic contains: the shutdown hook returns
                              sleepKill.interrupt();
                            }));
                Runtime.getRuntime().addShutdownHook(sleepKill);
                sleepKill.run();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_timerHandedOn() {
    helper
        .addSourceLines(
            "Hooks.java",
            """
            import java.util.function.Consumer;
            class Hooks {
              static void install(Runnable cleanup, Consumer<Thread> registry) {
                Thread sleepKill = new Thread(() -> System.out.println("tick"));
                Runtime.getRuntime()
                    .addShutdownHook(
                        new Thread(
                            () -> {
                              cleanup.run();
                              // BUG: Diagnostic contains: the shutdown hook returns
                              sleepKill.interrupt();
                            }));
                Runtime.getRuntime().addShutdownHook(sleepKill);
                registry.accept(sleepKill);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_timerOfItsOwnClass() {
    helper
        .addSourceLines(
            "Hooks.java",
            """
            class Hooks {
              static void install(Runnable cleanup) {
                Thread sleepKill =
                    new Thread() {
                      {
                        start();
                      }

                      @Override
                      public void run() {
                        System.out.println("tick");
                      }
                    };
                Runtime.getRuntime()
                    .addShutdownHook(
                        new Thread(
                            () -> {
                              cleanup.run();
                              // BUG: Diagnostic contains: the shutdown hook returns
                              sleepKill.interrupt();
                            }));
                Runtime.getRuntime().addShutdownHook(sleepKill);
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_fieldGivenAnotherThreadLater() {
    helper
        .addSourceLines(
            "Server.java",
            """
            class Server {
              private Thread watchdog = new Thread(() -> System.out.println("tick"));
              Server() {
                Runtime.getRuntime().addShutdownHook(watchdog);
                Runtime.getRuntime()
                    .addShutdownHook(
                        new Thread(
                            () -> {
                              // BUG: Diagnostic contains: the shutdown hook returns
                              watchdog.interrupt();
                            }));
              }
              void restart() {
                watchdog = new Thread(() -> System.out.println("tock"));
                watchdog.start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_hookThreadInterruptedByAStopRatherThanAHook() {
    helper
        .addSourceLines(
            "Server.java",
            """
            class Server {
              private final Thread watchdog = new Thread(() -> System.out.println("tick"));
              Server() {
                Runtime.getRuntime().addShutdownHook(watchdog);
              }
              void close() {
                // BUG: Diagnostic contains: close() returns
                watchdog.interrupt();
              }
            }
            """)
        .doTest();
  }
}
