package dev.cancelguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private static final String SWALLOWING =
      """
      package demo;

      public class Poller {
        public void pause() {
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            System.out.println("interrupted");
          }
        }
      }
      """;

  private static final String CORRECT =
      """
      package demo;

      public class Sleeper {
        public void pause() throws InterruptedException {
          Thread.sleep(100);
        }
      }
      """;

  @TempDir Path dir;

  /** The exit code and both streams of one run. */
  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    return new Run(exit, out.toString(UTF_8), err.toString(UTF_8));
  }

  private Path write(String relative, String content) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, UTF_8);
    return file;
  }

  @Test
  void folderWithFindingsExitsOneAndPrintsDiagnosticCaretFixAndSummary() throws Exception {
    write("src/demo/Poller.java", SWALLOWING);
    write("src/demo/Sleeper.java", CORRECT);
    Run run = run("-q", dir.resolve("src").toString());
    assertEquals(1, run.exit(), run.err());
    assertTrue(
        run.out().contains("demo/Poller.java:7:7: warning: [SwallowedInterrupt] This catch"),
        run.out());
    assertTrue(
        run.out().contains("        } catch (InterruptedException e) {\n          ^"), run.out());
    assertTrue(run.out().contains("  suggested fix, at line 8:"), run.out());
    assertTrue(run.out().contains("  +       Thread.currentThread().interrupt();"), run.out());
    assertTrue(run.out().matches("(?s).*\n  SwallowedInterrupt +1\n.*"), run.out());
    assertTrue(run.out().contains(", 2 files"), run.out());
    assertFalse(run.out().contains("Sleeper.java:"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void cleanFolderExitsZero() throws Exception {
    write("src/demo/Sleeper.java", CORRECT);
    Run run = run("-q", dir.resolve("src").toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().matches("(?s).*\n  total +0\n.*"), run.out());
  }

  @Test
  void sarifOutputValidatesAgainstTheSarif210Schema() throws Exception {
    write("src/demo/Poller.java", SWALLOWING);
    Path sarif = dir.resolve("out.sarif");
    Run run = run("-q", "--format", "sarif", "-o", sarif.toString(), dir.resolve("src").toString());
    assertEquals(1, run.exit(), run.err());

    JsonNode log = new ObjectMapper().readTree(sarif.toFile());
    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    Set<ValidationMessage> errors = schema.validate(log);
    assertEquals(Set.of(), errors);

    JsonNode runNode = log.get("runs").get(0);
    JsonNode rule = null;
    for (JsonNode candidate : runNode.get("tool").get("driver").get("rules")) {
      if (candidate.get("id").asText().equals("SwallowedInterrupt")) {
        rule = candidate;
      }
    }
    assertTrue(rule != null, runNode.toString());
    assertEquals("SwallowedInterrupt", rule.get("id").asText());
    assertTrue(rule.get("helpUri").asText().endsWith("docs/SwallowedInterrupt.md"));
    assertEquals("warning", rule.get("defaultConfiguration").get("level").asText());
    JsonNode result = runNode.get("results").get(0);
    JsonNode region = result.get("locations").get(0).get("physicalLocation").get("region");
    assertEquals(7, region.get("startLine").asInt());
    assertEquals(
        "demo/Poller.java",
        result
            .get("locations")
            .get(0)
            .get("physicalLocation")
            .get("artifactLocation")
            .get("uri")
            .asText());
    JsonNode replacement =
        result.get("fixes").get(0).get("artifactChanges").get(0).get("replacements").get(0);
    String source = Files.readString(dir.resolve("src/demo/Poller.java"), UTF_8);
    int offset = replacement.get("deletedRegion").get("charOffset").asInt();
    int length = replacement.get("deletedRegion").get("charLength").asInt();
    String fixed =
        source.substring(0, offset)
            + replacement.get("insertedContent").get("text").asText()
            + source.substring(offset + length);
    assertTrue(
        fixed.contains(
            "    } catch (InterruptedException e) {\n"
                + "      Thread.currentThread().interrupt();\n"
                + "      System.out.println(\"interrupted\");"),
        fixed);
  }

  @Test
  void jsonOutputListsFindings() throws Exception {
    write("src/demo/Poller.java", SWALLOWING);
    Run run = run("-q", "--format", "json", dir.resolve("src").toString());
    assertEquals(1, run.exit(), run.err());
    JsonNode finding = new ObjectMapper().readTree(run.out()).get("findings").get(0);
    assertEquals("SwallowedInterrupt", finding.get("check").asText());
    assertEquals("Poller#pause", finding.get("method").asText());
    assertEquals(7, finding.get("line").asInt());
  }

  @Test
  void fixAppliesInPlaceAndTheFixedCodeCompilesCleanly() throws Exception {
    Path poller = write("src/demo/Poller.java", SWALLOWING);
    Run run = run("-q", "--fix", dir.resolve("src").toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertEquals("cancelguard: fixed demo/Poller.java (1 fix)\n", run.err());
    String fixed = Files.readString(poller, UTF_8);
    assertTrue(
        fixed.contains(
            "    } catch (InterruptedException e) {\n"
                + "      Thread.currentThread().interrupt();\n"
                + "      System.out.println(\"interrupted\");"),
        fixed);
    int javac =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", dir.resolve("classes").toString(), poller.toString());
    assertEquals(0, javac);
  }

  @Test
  void baselineHidesKnownFindingsEvenAfterLinesMove() throws Exception {
    Path poller = write("src/demo/Poller.java", SWALLOWING);
    Path baseline = dir.resolve("cancelguard.baseline");
    Run first = run("-q", "--baseline", baseline.toString(), dir.resolve("src").toString());
    assertEquals(0, first.exit(), first.out() + first.err());
    assertTrue(first.err().contains("recorded 1 finding in the baseline"), first.err());
    assertTrue(Files.readString(baseline, UTF_8).contains("SwallowedInterrupt\tPoller#pause\t"));

    // Lines move: still known.
    Files.writeString(poller, "\n\n\n" + SWALLOWING.replace("package demo;", "package demo;\n"));
    Run moved = run("-q", "--baseline", baseline.toString(), dir.resolve("src").toString());
    assertEquals(0, moved.exit(), moved.out());
    assertTrue(moved.out().contains("(1 known findings hidden by the baseline)"), moved.out());

    // A new swallowing method: reported, the old one still hidden.
    Files.writeString(
        poller,
        SWALLOWING.replace(
            "  public void pause() {",
            """
              public void nap() {
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                }
              }

              public void pause() {\
            """));
    Run grown = run("-q", "--baseline", baseline.toString(), dir.resolve("src").toString());
    assertEquals(1, grown.exit(), grown.out());
    assertTrue(grown.out().contains("Poller.java:7:7: warning: [SwallowedInterrupt]"), grown.out());
    assertTrue(grown.out().matches("(?s).*\n  total +1\n.*"), grown.out());
  }

  @Test
  void codeThatDoesNotFullyCompileIsStillAnalysed() throws Exception {
    write(
        "src/demo/Poller.java",
        SWALLOWING.replace(
            "System.out.println(\"interrupted\");", "com.missing.Metrics.count(\"interrupted\");"));
    Run run = run("-q", dir.resolve("src").toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("[SwallowedInterrupt]"), run.out());
    assertTrue(
        run.err().contains("javac reported 1 error (first: Poller.java:8: package com.missing"),
        run.err());
    assertFalse(run.err().contains("\n\n"), run.err());
  }

  @Test
  void aBrokenMethodDoesNotHideFindingsInTheRestOfTheFile() throws Exception {
    write(
        "src/demo/Poller.java",
        SWALLOWING.replace(
            "  public void pause() {",
            """
              public int broken() {
                return com.missing.Metrics.count("x").size();
              }

              public void pause() {\
            """));
    Run run = run("-q", dir.resolve("src").toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("Poller.java:11:7: warning: [SwallowedInterrupt]"), run.out());
  }

  @Test
  void aBrokenCallElsewhereInTheFileDoesNotHideAFinding() throws Exception {
    // SwallowedInterrupt looks for the callers of a private method across the file: an
    // unresolved call among them must not make it give up on the member it reports.
    write(
        "src/demo/Poller.java",
        """
        package demo;

        public class Poller {
          private void pause() {
            try {
              Thread.sleep(100);
            } catch (InterruptedException e) {
              return;
            }
            System.out.println("slept");
          }

          public void poll() {
            pause();
            com.missing.Metrics.count("polled");
          }
        }
        """);
    Run run = run("-q", dir.resolve("src").toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("Poller.java:7:7: warning: [SwallowedInterrupt]"), run.out());
  }

  @Test
  void aCallThroughAFieldOfABrokenFileDoesNotCrashTheChecks() throws Exception {
    // Log.java does not compile; Worker.java has no error of its own, but javac leaves its calls
    // on Log.logger unresolved, without reporting them: the checks must skip that code, not crash.
    write(
        "src/demo/Log.java",
        """
        package demo;

        final class Log {
          static final com.missing.Logger logger = com.missing.Logger.get("demo");
        }
        """);
    write(
        "src/demo/Worker.java",
        """
        package demo;

        public class Worker {
          private volatile boolean running = true;

          public void run() {
            while (running) {
              Log.logger.trace("polling");
            }
          }

          public void pause() {
            try {
              Thread.sleep(100);
            } catch (InterruptedException e) {
              Log.logger.debug("interrupted");
            }
          }
        }
        """);
    Run run = run("-q", dir.resolve("src").toString());
    assertFalse(run.err().contains("a check crashed"), run.err());
    assertFalse(run.err().contains("could not analyse"), run.err());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("Worker.java:15:7: warning: [SwallowedInterrupt]"), run.out());
    // What the unresolved call in the loop does is unknown: it may block or notice the interrupt.
    assertFalse(run.out().contains("[LoopWithoutCancellationPoint]"), run.out());
  }

  @Test
  void anUnresolvedCallInATaskDoesNotHideTheStopThatReleasesWhatTheTaskUses() throws Exception {
    // CancelWithoutAwait reads the calls of the pool's tasks; asking an unresolved call's receiver
    // for its symbol threw, the stop method was skipped and its finding lost.
    write(
        "src/demo/Store.java",
        """
        package demo;

        import java.io.Closeable;
        import java.io.IOException;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;

        public class Store {
          private final ExecutorService scheduler = Executors.newSingleThreadExecutor();
          private final Closeable table;

          Store(Closeable table) {
            this.table = table;
          }

          public void start() {
            scheduler.execute(
                () -> {
                  com.missing.Metrics.counter().inc();
                  System.out.println(table);
                });
          }

          public void close() throws IOException {
            scheduler.shutdown();
            table.close();
          }
        }
        """);
    Run run = run("-q", dir.resolve("src").toString());
    assertFalse(run.err().contains("could not analyse"), run.err());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("Store.java:25:23: warning: [CancelWithoutAwait]"), run.out());
  }

  @Test
  void aBrokenChannelCallDoesNotHideAnUnboundedWait() throws Exception {
    // UnboundedWait looks across the file for configureBlocking(false) on the channel a task
    // reads: a configureBlocking call javac could not resolve must not make it give up.
    write(
        "src/demo/Reader.java",
        """
        package demo;

        import java.nio.ByteBuffer;
        import java.nio.channels.SocketChannel;
        import java.util.concurrent.*;

        public class Reader {
          public int read(ExecutorService pool, SocketChannel channel) throws Exception {
            Future<Integer> n = pool.submit(() -> channel.read(ByteBuffer.allocate(64)));
            return n.get();
          }

          void reset() throws Exception {
            com.missing.Channels.open().configureBlocking(false);
          }
        }
        """);
    Run run = run("-q", dir.resolve("src").toString());
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("Reader.java:10:17: warning: [UnboundedWait]"), run.out());
  }

  @Test
  void checksAndDisableSelectChecks() throws Exception {
    write("src/demo/Poller.java", SWALLOWING);
    Run disabled =
        run(
            "-q",
            "--checks",
            "SwallowedInterrupt",
            "--disable",
            "SwallowedInterrupt",
            dir.resolve("src").toString());
    assertEquals(2, disabled.exit(), disabled.err());
    assertEquals("cancelguard: no check left to run\n", disabled.err());
    Run only = run("-q", "--checks", "SwallowedInterrupt", dir.resolve("src").toString());
    assertEquals(1, only.exit(), only.err());
  }

  @Test
  void errorProneBuiltInChecksCanBeNamedForComparison() throws Exception {
    write("src/demo/Poller.java", SWALLOWING);
    write(
        "src/demo/Waiter.java",
        """
        package demo;

        public class Waiter {
          public Object await(java.util.concurrent.Future<Object> f) {
            try {
              return f.get();
            } catch (Exception e) {
              return null;
            }
          }
        }
        """);
    Run run =
        run(
            "-q",
            "--format",
            "lines",
            "--checks",
            "InterruptedExceptionSwallowed,SwallowedInterrupt",
            dir.resolve("src").toString());
    assertEquals(1, run.exit(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(3, lines.size(), run.out());
    assertTrue(lines.get(0).startsWith("demo/Poller.java:7:7: [SwallowedInterrupt] "), run.out());
    assertTrue(
        lines.get(1).startsWith("demo/Waiter.java:7:7: [InterruptedExceptionSwallowed] "),
        run.out());
    assertTrue(lines.get(2).startsWith("demo/Waiter.java:7:7: [SwallowedInterrupt] "), run.out());
  }

  @Test
  void errorProneFlagsPassThrough() throws Exception {
    write(
        "src/demo/Poller.java",
        SWALLOWING.replace("System.out.println(\"interrupted\");", "demo.Threads.restore();"));
    write(
        "src/demo/Threads.java",
        "package demo; public class Threads { public static void restore() {} }");
    assertEquals(1, run("-q", dir.resolve("src").toString()).exit());
    Run configured =
        run(
            "-q",
            "-XepOpt:CancelGuard:InterruptRestorers=demo.Threads#restore",
            dir.resolve("src").toString());
    assertEquals(0, configured.exit(), configured.out() + configured.err());
    Run off = run("-q", "-Xep:SwallowedInterrupt:OFF", dir.resolve("src").toString());
    assertEquals(0, off.exit(), off.out() + off.err());
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() throws Exception {
    write("src/demo/Poller.java", SWALLOWING);
    String src = dir.resolve("src").toString();
    List<List<String>> cases =
        List.of(
            List.of("no/such/dir"),
            List.of(),
            List.of("--format", "xml", src),
            List.of("--checks", "NoSuchCheck", src),
            List.of("--bogus", src),
            List.of("--update-baseline", src),
            List.of("--classpath"),
            List.of("-XepOpt:CancelGuard:InterruptRestorers=not-a-method", src),
            List.of("-XepOpt:CancelGuard:Severity=LOUD", src),
            List.of("-XepOpt:CancelGuard:Restorers=a.B#c", src),
            List.of("-XepNoSuchOption", src),
            List.of("--artifact", "not-coordinates"),
            List.of("--release", "99", src),
            List.of("--release", "seventeen", src),
            List.of("--encoding", "NO-SUCH-CHARSET", src),
            List.of("-o", dir.resolve("missing/report.sarif").toString(), src));
    List<String> expected =
        List.of(
            "cancelguard: no such directory: no/such/dir",
            "cancelguard: no input: give a source folder, a Maven project or --artifact",
            "cancelguard: --format must be text, sarif, json or lines, got 'xml'",
            "cancelguard: unknown check 'NoSuchCheck' (known: ",
            "cancelguard: unknown option --bogus (see --help)",
            "cancelguard: --update-baseline needs --baseline FILE",
            "cancelguard: --classpath needs a value",
            "cancelguard: -XepOpt:CancelGuard:InterruptRestorers:"
                + " 'not-a-method' is not of the form fully.qualified.Class#method",
            "cancelguard: -XepOpt:CancelGuard:Severity: 'LOUD' is not ERROR, WARNING or OFF (see ",
            "cancelguard: -XepOpt:CancelGuard:Restorers is not a CancelGuard flag; the flags are ",
            "cancelguard: invalid flag: -XepNoSuchOption",
            "cancelguard: --artifact wants group:name:version, got 'not-coordinates'",
            "cancelguard: --release 99: this JDK compiles for releases 8 to ",
            "cancelguard: --release seventeen: this JDK compiles for releases 8 to ",
            "cancelguard: --encoding NO-SUCH-CHARSET: unknown encoding",
            "cancelguard: -o " + dir.resolve("missing/report.sarif") + ": no such directory: ");
    for (int i = 0; i < cases.size(); i++) {
      Run run = run(cases.get(i).toArray(String[]::new));
      assertEquals(2, run.exit(), cases.get(i) + ": " + run.err());
      assertTrue(run.err().startsWith(expected.get(i)), cases.get(i) + ": " + run.err());
      assertEquals(1, run.err().lines().count(), run.err());
    }
  }

  @Test
  void progressGoesToStandardErrorUnlessQuiet() throws Exception {
    write("src/demo/Poller.java", SWALLOWING);
    Run quiet = run("-q", dir.resolve("src").toString());
    assertEquals("", quiet.err());
    // Not a terminal: whatever progress is printed comes in whole lines.
    Run loud = run(dir.resolve("src").toString());
    assertFalse(loud.err().contains("\r"), loud.err());
    Run help = run("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().startsWith("usage: cancelguard"), help.out());
  }

  // ------------------------------------------------------------ bad input, one line each

  @Test
  void aBinaryJavaFileIsOneLineAndExitTwo() throws Exception {
    write("src/demo/Poller.java", SWALLOWING);
    Path junk = dir.resolve("src/demo/Junk.java");
    Files.write(junk, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff, 1, 2});
    Run run = run("-q", dir.resolve("src").toString());
    assertEquals(2, run.exit(), run.err());
    assertEquals(
        "cancelguard: demo/Junk.java is binary data, not Java source (it holds NUL bytes)\n",
        run.err());
    assertEquals("", run.out());
  }

  @Test
  void aFileInAnotherEncodingNeedsEncoding() throws Exception {
    String latin1 = SWALLOWING.replace("\"interrupted\"", "\"interrompu à l'arrêt\"");
    Path file = dir.resolve("src/demo/Poller.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, latin1, java.nio.charset.StandardCharsets.ISO_8859_1);
    Run utf8 = run("-q", dir.resolve("src").toString());
    assertEquals(2, utf8.exit(), utf8.err());
    assertEquals(
        "cancelguard: demo/Poller.java is not UTF-8 text (give its encoding with --encoding)\n",
        utf8.err());
    Run declared = run("-q", "--encoding", "ISO-8859-1", dir.resolve("src").toString());
    assertEquals(1, declared.exit(), declared.err());
    assertTrue(declared.out().contains("demo/Poller.java:7:7: warning:"), declared.out());
  }

  @Test
  void aBaselineThatIsNotOneIsOneLineAndExitTwoNeverAnEmptyBaseline() throws Exception {
    write("src/demo/Poller.java", SWALLOWING);
    Path binary = dir.resolve("binary.baseline");
    Files.write(binary, new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xa0, (byte) 0xa1});
    Path junk = write("junk.baseline", "hello\nthis is not a baseline\n");
    Path noTabs =
        write(
            "notabs.baseline",
            "# CancelGuard baseline: check<TAB>enclosing method<TAB>source line; one per finding\n"
                + "SwallowedInterrupt Poller#pause catch\n");
    List<String> expected =
        List.of(
            "cancelguard: the baseline " + binary + " is not a CancelGuard baseline (not text)\n",
            "cancelguard: the baseline "
                + junk
                + " is not a CancelGuard baseline (its first line is not '# CancelGuard"
                + " baseline: check<TAB>enclosing method<TAB>source line; one per finding')\n",
            "cancelguard: the baseline "
                + noTabs
                + " is not a CancelGuard baseline (line 2 is not check<TAB>method<TAB>source"
                + " line)\n");
    List<Path> baselines = List.of(binary, junk, noTabs);
    for (int i = 0; i < baselines.size(); i++) {
      Run run = run("-q", "--baseline", baselines.get(i).toString(), dir.resolve("src").toString());
      assertEquals(2, run.exit(), run.err());
      assertEquals(expected.get(i), run.err());
      assertEquals("", run.out());
    }
  }

  // ------------------------------------------------------------------------- columns

  @Test
  void columnsCountATabAsOneCharacterInEveryFormat() throws Exception {
    String tabbed = SWALLOWING.replace("    ", "\t\t").replace("  ", "\t");
    write("src/demo/Poller.java", tabbed);
    // "\t\t} catch (": the catch keyword javac reports is the 5th character.
    Run text = run("-q", dir.resolve("src").toString());
    assertTrue(
        text.out().contains("demo/Poller.java:7:5: warning: [SwallowedInterrupt]"), text.out());
    assertTrue(
        text.out().contains("\n    \t\t} catch (InterruptedException e) {\n    \t\t  ^\n"),
        text.out());
    Run json = run("-q", "--format", "json", dir.resolve("src").toString());
    assertEquals(
        5, new ObjectMapper().readTree(json.out()).get("findings").get(0).get("column").asInt());
    Run sarif = run("-q", "--format", "sarif", dir.resolve("src").toString());
    JsonNode region =
        new ObjectMapper()
            .readTree(sarif.out())
            .at("/runs/0/results/0/locations/0/physicalLocation/region");
    assertEquals(7, region.get("startLine").asInt());
    assertEquals(5, region.get("startColumn").asInt());
  }

  // ------------------------------------------------------------------------------ fixes

  private static final String STOPS_WITHOUT_WAITING =
      """
      package demo;

      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;

      class Server {
        private final ExecutorService acceptor = Executors.newSingleThreadExecutor();

        void stop() throws InterruptedException {
          acceptor.shutdownNow();
          System.out.println("server stopped");
        }

        void start() {
          acceptor.execute(() -> System.out.println("accepting"));
        }
      }
      """;

  @Test
  void aFixIsShownAsTheLinesItChangesOnly() throws Exception {
    write("src/demo/Server.java", STOPS_WITHOUT_WAITING);
    Run run = run("-q", "--release", "17", dir.resolve("src").toString());
    assertEquals(1, run.exit(), run.err());
    assertTrue(
        run.out()
            .contains(
                "  suggested fix, at line 5:\n"
                    + "  + import java.util.concurrent.TimeUnit;\n"
                    + "  suggested fix, at line 11:\n"
                    + "  +     acceptor.awaitTermination(30, TimeUnit.SECONDS);\n"
                    + "  see "),
        run.out());
  }

  @Test
  void fixesFollowTheReleaseOfTheProjectsPom() throws Exception {
    Path server = write("src/main/java/demo/Server.java", STOPS_WITHOUT_WAITING);
    Run newest = run("-q", "--fix", dir.resolve("src/main/java").toString());
    assertEquals(0, newest.exit(), newest.out() + newest.err());
    String onNewest = Files.readString(server, UTF_8);
    // Without a pom the JDK's newest release is assumed: ExecutorService.close() exists there.
    assertTrue(onNewest.contains("acceptor.close();"), onNewest);

    Files.writeString(server, STOPS_WITHOUT_WAITING, UTF_8);
    write(
        "pom.xml",
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>demo</groupId>
          <artifactId>demo</artifactId>
          <version>1</version>
          <properties>
            <java.version>17</java.version>
            <maven.compiler.release>${java.version}</maven.compiler.release>
          </properties>
        </project>
        """);
    Run on17 = run("-q", "--fix", dir.resolve("src/main/java").toString());
    assertEquals(0, on17.exit(), on17.out() + on17.err());
    String fixed = Files.readString(server, UTF_8);
    assertFalse(fixed.contains("close()"), fixed);
    assertTrue(fixed.contains("acceptor.awaitTermination(30, TimeUnit.SECONDS);"), fixed);
    int javac =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "--release",
                "17",
                "-d",
                dir.resolve("classes").toString(),
                server.toString());
    assertEquals(0, javac);
  }

  @Test
  void fixWritesNothingWhenAFileCannotBeWritten() throws Exception {
    Path poller = write("src/demo/Poller.java", SWALLOWING);
    Path missing = dir.resolve("gone/Other.java");
    String failure =
        Main.writeAll(
            new java.util.LinkedHashMap<>(
                java.util.Map.of(poller, "changed", missing, "changed too")),
            file -> dir.relativize(file).toString(),
            UTF_8);
    assertEquals("gone/Other.java is not writable", failure);
    assertEquals(SWALLOWING, Files.readString(poller, UTF_8));
    try (var files = Files.list(poller.getParent())) {
      assertEquals(List.of(poller), files.toList());
    }
  }

  @Test
  void fixedCodeWithACompileErrorItDidNotHaveBeforeIsNotWritten() {
    assertEquals(
        "Server.java:12: cannot find symbol",
        Main.newCompileError(
            List.of("Client.java:3: cannot find symbol"),
            List.of("Client.java:5: cannot find symbol", "Server.java:12: cannot find symbol")));
    // The same errors as before, on moved lines: nothing new.
    assertEquals(
        null,
        Main.newCompileError(
            List.of("Client.java:3: cannot find symbol", "Client.java:9: cannot find symbol"),
            List.of("Client.java:4: cannot find symbol", "Client.java:10: cannot find symbol")));
  }
}
