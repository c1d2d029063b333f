package samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelguard.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every suggested fix is applied to the incorrect samples through Error Prone's own patching, and
 * the fixed programs compile and keep only the findings that come without a fix.
 */
class FixesTest {
  @TempDir Path copy;

  private static String run(List<String> args, List<String> errors) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Main.run(
        args.toArray(String[]::new),
        new PrintStream(out, true, UTF_8),
        new PrintStream(err, true, UTF_8));
    errors.add(err.toString(UTF_8));
    return out.toString(UTF_8);
  }

  @Test
  void fixedSamplesCompileAndOnlyFindingsWithoutAFixRemain() throws Exception {
    try (Stream<Path> files = Files.walk(SampleCorpus.ROOT)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = copy.resolve(SampleCorpus.ROOT.relativize(file));
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    List<String> errors = new ArrayList<>();
    String before = run(List.of("-q", "--format", "lines", copy.toString()), errors);
    String withFixes = run(List.of("-q", "--format", "json", copy.toString()), errors);
    assertFalse(before.isEmpty(), "the incorrect samples have findings");

    // The findings that come without a fix, as `path:line: [Check]` keys.
    TreeSet<String> withoutFix = new TreeSet<>();
    TreeSet<String> fixable = new TreeSet<>();
    for (String finding : withFixes.split("\\{\\n\\s*\"check\"")) {
      if (!finding.contains("\"file\"")) {
        continue;
      }
      String check = finding.substring(finding.indexOf('"') + 1);
      check = check.substring(0, check.indexOf('"'));
      String key = field(finding, "file") + ": [" + check + "]";
      (finding.contains("\"fix\":") ? fixable : withoutFix).add(key);
    }
    assertFalse(fixable.isEmpty(), withFixes);

    run(List.of("-q", "--fix", copy.toString()), errors);
    String after = run(List.of("-q", "--format", "json", copy.toString()), errors);
    for (String error : errors) {
      assertFalse(error.contains("javac reported"), "a fixed sample does not compile: " + error);
      assertFalse(error.contains("crashed"), error);
    }
    TreeSet<String> remaining = new TreeSet<>();
    for (String finding : after.split("\\{\\n\\s*\"check\"")) {
      if (finding.contains("\"file\"")) {
        String check = finding.substring(finding.indexOf('"') + 1);
        check = check.substring(0, check.indexOf('"'));
        remaining.add(field(finding, "file") + ": [" + check + "]");
      }
    }
    // Fixes may move lines: compare per file and check, not per line.
    assertEquals(withoutFix, remaining, "findings left after applying every fix");
    assertTrue(
        fixable.stream().noneMatch(remaining::contains), "a fixed finding is still reported");
  }

  private static String field(String json, String name) {
    int start = json.indexOf("\"" + name + "\": \"") + name.length() + 5;
    return json.substring(start, json.indexOf('"', start));
  }
}
