package dev.cancelguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules that read every call of a method in its file (code only a program's {@code main}
 * reaches, a helper only a private pool's tasks call) in a file where javac could not resolve some
 * call, as with a logger field an annotation processor missing from the class path would have made:
 * only an unresolved call or method reference written with the method's own name may be one of it.
 * Error Prone's test harness analyses no code that does not compile, so these run the command line.
 */
class UnresolvedCallersTest {
  @TempDir Path dir;

  /** The exit code and both streams of one run. */
  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new Run(exit, out.toString(UTF_8), err.toString(UTF_8));
  }

  private Run check(String file, String source) throws Exception {
    Path path = dir.resolve("src/demo/" + file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, source, UTF_8);
    Run run = run("-q", "--checks", "SwallowedInterrupt", dir.resolve("src").toString());
    assertFalse(run.err().contains("a check crashed"), run.err());
    assertTrue(run.err().contains("javac reported"), run.err());
    return run;
  }

  /**
   * A command-line tool whose {@code main} calls a package-private {@code doMain}, which waits for
   * its shutdown hook; its catch logs through {@code log}, a field javac cannot resolve. {@code
   * extra} adds members.
   */
  private static String starter(String extra) {
    return """
        package demo;

        import java.util.concurrent.CountDownLatch;

        public class Starter {
          public static void main(String[] args) throws Exception {
            int code = doMain(args);
            Runtime.getRuntime().exit(code);
          }

          static int doMain(String[] args) throws Exception {
            CountDownLatch live = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(live::countDown));
            try {
              live.await();
            } catch (InterruptedException e) {
              log.error("interrupted", e);
            }
            return 0;
          }
          %s
        }
        """
        .formatted(extra);
  }

  @Test
  void negative_codeOnlyMainReachesWithAnUnresolvedLogCall() throws Exception {
    Run run = check("Starter.java", starter(""));
    assertEquals(0, run.exit(), run.out() + run.err());
  }

  @Test
  void positive_anUnresolvedCallOfTheSameName() throws Exception {
    // com.missing.Launcher.doMain(..) may be a call of Starter.doMain for all javac could tell.
    Run run =
        check(
            "Starter.java",
            starter(
                """
                public static void relaunch(String[] args) throws Exception {
                  com.missing.Launcher.doMain(args);
                }
                """));
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("Starter.java:16:7: warning: [SwallowedInterrupt]"), run.out());
  }

  @Test
  void positive_anUnresolvedMethodReferenceOfTheSameName() throws Exception {
    Run run =
        check(
            "Starter.java",
            starter(
                """
                public static void later() {
                  com.missing.Pool.submit(Starter::doMain);
                }
                """));
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("Starter.java:16:7: warning: [SwallowedInterrupt]"), run.out());
  }

  @Test
  void positive_calledFromAPublicMethodBesideTheUnresolvedCall() throws Exception {
    // The unresolved call does not hide a resolved caller the rule cannot follow.
    Run run =
        check(
            "Starter.java",
            starter(
                """
                public static void embed(String[] args) throws Exception {
                  doMain(args);
                }
                """));
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("Starter.java:16:7: warning: [SwallowedInterrupt]"), run.out());
  }

  /**
   * A private back-off helper only the task of a pool the class keeps to itself calls, in a file
   * with an unresolved call {@code unresolved}.
   */
  private static String dispatcher(String unresolved) {
    return """
        package demo;

        import java.util.concurrent.*;

        public class Dispatcher {
          private final ExecutorService pool = Executors.newFixedThreadPool(2);

          public void dispatch(Runnable request) {
            pool.execute(
                () -> {
                  try {
                    request.run();
                  } catch (RuntimeException e) {
                    backOff();
                  }
                });
          }

          public void stop() {
            pool.shutdown();
            %s
          }

          private void backOff() {
            try {
              Thread.sleep(50);
            } catch (InterruptedException e) {
              // ignore
            }
          }
        }
        """
        .formatted(unresolved);
  }

  @Test
  void negative_privatePoolHelperWithAnUnresolvedCallOfAnotherName() throws Exception {
    Run run = check("Dispatcher.java", dispatcher("com.missing.Metrics.count(\"stopped\");"));
    assertEquals(0, run.exit(), run.out() + run.err());
  }

  @Test
  void positive_privatePoolHelperWithAnUnresolvedCallOfItsName() throws Exception {
    Run run = check("Dispatcher.java", dispatcher("com.missing.Retry.backOff();"));
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(
        run.out().contains("Dispatcher.java:27:7: warning: [SwallowedInterrupt]"), run.out());
  }
}
