package samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import samples.SampleCorpus.Sample;

/** Every sample is reported exactly where its markers say, and nowhere else. */
class SamplesTest {
  @Test
  void everyFindingIsMarkedAndEveryMarkerIsFound() {
    List<Sample> samples = SampleCorpus.samples();
    TreeSet<String> expected = new TreeSet<>();
    samples.forEach(s -> expected.addAll(s.expected()));
    TreeSet<String> actual =
        SampleCorpus.findings(samples.stream().map(Sample::path).toList(), List.of());
    assertEquals(String.join("\n", expected), String.join("\n", actual));
  }

  @Test
  void previewSamplesAreReportedWhereTheirMarkersSay() {
    List<Sample> samples = SampleCorpus.samples(SampleCorpus.PREVIEW_ROOT);
    assertFalse(samples.isEmpty(), "no sample under " + SampleCorpus.PREVIEW_ROOT);
    assumeTrue(
        SampleCorpus.RUNNING_JDK >= 25,
        "the StructuredTaskScope.open form needs JDK 25+, running " + SampleCorpus.RUNNING_JDK);
    TreeSet<String> expected = new TreeSet<>();
    samples.forEach(s -> expected.addAll(s.expected()));
    TreeSet<String> actual =
        SampleCorpus.findings(
            samples.stream().map(Sample::path).toList(), List.of(), SampleCorpus.PREVIEW_ROOT);
    assertEquals(String.join("\n", expected), String.join("\n", actual));
  }

  @Test
  void previewSampleFixesApplyAndLeaveNoFinding(@TempDir Path copy) throws IOException {
    assumeTrue(SampleCorpus.RUNNING_JDK >= 25, "running " + SampleCorpus.RUNNING_JDK);
    List<Path> files = new ArrayList<>();
    for (Sample sample : SampleCorpus.samples(SampleCorpus.PREVIEW_ROOT)) {
      Path target = copy.resolve(SampleCorpus.PREVIEW_ROOT.relativize(sample.path()));
      Files.createDirectories(target.getParent());
      files.add(Files.copy(sample.path(), target));
    }
    // Error Prone's own patching writes every CancelGuard fix into the copies.
    SampleCorpus.findings(
        files,
        List.of(
            "-XepPatchChecks:" + String.join(",", SampleCorpus.checkNames()),
            "-XepPatchLocation:IN_PLACE"),
        copy);
    Path broken = copy.resolve("samples/s004_taskgroup_vs_gather/BrokenScopedPriceComparison.java");
    assertTrue(
        Files.readString(broken).contains("try (var scope = StructuredTaskScope.<Long>open()) {"),
        Files.readString(broken));
    assertEquals(new TreeSet<>(), SampleCorpus.findings(files, List.of(), copy));
  }

  @Test
  void incorrectSamplesHaveMarkersAndCorrectOnesNone() {
    for (Sample sample : allSamples()) {
      if (sample.incorrect()) {
        assertFalse(sample.expected().isEmpty(), sample.path() + ": incorrect but no `// BUG:`");
      } else {
        assertTrue(sample.expected().isEmpty(), sample.path() + ": correct but has `// BUG:`");
      }
    }
  }

  @Test
  void markersNameRegisteredChecks() {
    List<String> checks = SampleCorpus.checkNames();
    assertTrue(checks.contains("SwallowedInterrupt"), "registered: " + checks);
    for (Sample sample : allSamples()) {
      for (String finding : sample.expected()) {
        String check = finding.substring(finding.lastIndexOf(' ') + 1);
        assertTrue(checks.contains(check), sample.path() + ": unknown check " + check);
      }
    }
  }

  @Test
  void harnessSeesAFindingInAnUnmarkedCopy() {
    // The comparison can fail: an incorrect sample compiled on its own yields its finding.
    Path broken = SampleCorpus.ROOT.resolve("samples/s001_no_swallow/BrokenReportDownloader.java");
    TreeSet<String> findings = SampleCorpus.findings(List.of(broken), List.of());
    assertEquals(1, findings.size(), findings.toString());
    assertTrue(findings.first().endsWith(": SwallowedInterrupt"), findings.toString());
  }

  private static List<Sample> allSamples() {
    List<Sample> samples = new ArrayList<>(SampleCorpus.samples());
    samples.addAll(SampleCorpus.samples(SampleCorpus.PREVIEW_ROOT));
    return samples;
  }
}
