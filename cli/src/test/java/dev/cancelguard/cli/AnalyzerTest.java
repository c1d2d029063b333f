package dev.cancelguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugCheckerInfo;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerTest {
  /** Stands for a check with a bug: it fails on one method and reports every other one. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class FailsOnExplode extends BugChecker
      implements BugChecker.MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      failOnExplode(tree);
      return tree.getName().contentEquals("<init>") ? Description.NO_MATCH : describeMatch(tree);
    }
  }

  /** A second check with the same bug, failing at the same place. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class AlsoFailsOnExplode extends BugChecker
      implements BugChecker.MethodTreeMatcher {
    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      failOnExplode(tree);
      return Description.NO_MATCH;
    }
  }

  private static void failOnExplode(MethodTree tree) {
    if (tree.getName().contentEquals("explode")) {
      throw new IllegalStateException("cannot handle\n  this method");
    }
  }

  @TempDir Path dir;

  private Analyzer.Result analyse(String source) throws Exception {
    return analyse(source, List.of(BugCheckerInfo.create(FailsOnExplode.class)));
  }

  private Analyzer.Result analyse(String source, List<BugCheckerInfo> checks) throws Exception {
    Path file = dir.resolve("Worker.java");
    Files.writeString(file, source, UTF_8);
    Analyzer analyzer =
        new Analyzer(checks, List.of(), List.of(), UTF_8, new Analyzer.Progress(null, false));
    return analyzer.run(List.of(file), "", p -> p.getFileName().toString(), Map.of(), false);
  }

  @Test
  void aCheckFailingOnCodeJavacCouldNotAttributeIsReportedNotSilent() throws Exception {
    Analyzer.Result result =
        analyse(
            """
            class Worker {
              void explode() {
                com.missing.Metrics.count();
              }

              void work() {}
            }
            """);
    assertEquals(List.of(), result.crashes());
    assertEquals(1, result.findings().size(), result.findings().toString());
    assertEquals(
        List.of(
            "Worker.java (FailsOnExplode): IllegalStateException: cannot handle this method at "),
        result.skipped().stream().map(s -> s.replaceAll(" at .*", " at ")).toList());
    assertTrue(
        result.skipped().getFirst().endsWith("; skipped Worker#explode"),
        result.skipped().toString());
  }

  @Test
  void aCheckFailingInCodeThatCompilesIsACrashNotASkip() throws Exception {
    Analyzer.Result result =
        analyse(
            """
            class Worker {
              void explode() {}

              void work() {}
            }
            """);
    assertEquals(List.of(), result.skipped());
    assertEquals(1, result.crashes().size(), result.crashes().toString());
  }

  @Test
  void aCheckThatHandlesBrokenCodeSkipsNothing() throws Exception {
    Analyzer.Result result =
        analyse(
            """
            class Worker {
              void broken() {
                com.missing.Metrics.count();
              }

              void work() {}
            }
            """);
    assertEquals(List.of(), result.skipped());
    assertEquals(2, result.findings().size(), result.findings().toString());
  }

  @Test
  void checksFailingAlikeOnAFileAreOneLine() throws Exception {
    String broken =
        """
        class Worker {
          void explode() {
            com.missing.Metrics.count();
          }
        }
        """;
    List<String> skipped =
        analyse(
                broken,
                List.of(
                    BugCheckerInfo.create(FailsOnExplode.class),
                    BugCheckerInfo.create(AlsoFailsOnExplode.class)))
            .skipped();
    assertEquals(1, skipped.size(), skipped.toString());
    assertTrue(skipped.getFirst().startsWith("Worker.java (every check): "), skipped.toString());
  }
}
