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
    assertTrue(run.err().contains("applied fixes to 1 file; checking again"), run.err());
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
            List.of("--artifact", "not-coordinates"));
    List<String> expected =
        List.of(
            "cancelguard: no such directory: no/such/dir",
            "cancelguard: no input: give a source folder, a Maven project or --artifact",
            "cancelguard: --format must be text, sarif, json or lines, got 'xml'",
            "cancelguard: unknown check 'NoSuchCheck' (known: ",
            "cancelguard: unknown option --bogus (see --help)",
            "cancelguard: --update-baseline needs --baseline FILE",
            "cancelguard: --classpath needs a value",
            "cancelguard: IllegalArgumentException: -XepOpt:CancelGuard:InterruptRestorers:"
                + " 'not-a-method' is not of the form fully.qualified.Class#method",
            "cancelguard: --artifact wants group:name:version, got 'not-coordinates'");
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
    Run help = run("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().startsWith("usage: cancelguard"), help.out());
  }
}
