package dev.cancelguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Known findings, one key per line ({@link Finding#baselineKey}: check, enclosing method,
 * normalised source line — no line numbers, so moving code does not make old findings new).
 */
final class Baseline {
  private Baseline() {}

  static void write(Path file, List<Finding> findings) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "# CancelGuard baseline: check<TAB>enclosing method<TAB>source line; one per finding");
    findings.stream().map(Finding::baselineKey).sorted().forEach(lines::add);
    Files.write(file, lines, UTF_8);
  }

  /**
   * The findings that the baseline does not already hold (a key counts as many times as listed).
   */
  static List<Finding> newFindings(Path file, List<Finding> findings) throws IOException {
    Map<String, Integer> known = new HashMap<>();
    for (String line : Files.readAllLines(file, UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        known.merge(line, 1, Integer::sum);
      }
    }
    List<Finding> fresh = new ArrayList<>();
    for (Finding finding : findings) {
      Integer left = known.get(finding.baselineKey());
      if (left != null && left > 0) {
        known.put(finding.baselineKey(), left - 1);
      } else {
        fresh.add(finding);
      }
    }
    return fresh;
  }
}
