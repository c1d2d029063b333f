package dev.cancelguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
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

  private static final String HEADER =
      "# CancelGuard baseline: check<TAB>enclosing method<TAB>source line; one per finding";

  static void write(Path file, List<Finding> findings) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    findings.stream().map(Finding::baselineKey).sorted().forEach(lines::add);
    Files.write(file, lines, UTF_8);
  }

  /**
   * The findings that the baseline does not already hold (a key counts as many times as listed).
   */
  static List<Finding> newFindings(Path file, List<Finding> findings)
      throws IOException, UsageException {
    Map<String, Integer> known = new HashMap<>();
    for (String line : read(file)) {
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

  /**
   * Reads a baseline, refusing anything else: a file that cannot be read is never taken as an empty
   * baseline, which would hide nothing and silently report every known finding as new.
   */
  static void check(Path file) throws UsageException {
    read(file);
  }

  private static List<String> read(Path file) throws UsageException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, UTF_8);
    } catch (CharacterCodingException e) {
      throw new UsageException(
          "the baseline " + file + " is not a CancelGuard baseline (not text)");
    } catch (IOException e) {
      throw new UsageException("the baseline " + file + " cannot be read: " + e.getMessage());
    }
    if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
      throw new UsageException(
          "the baseline "
              + file
              + " is not a CancelGuard baseline (its first line is not '"
              + HEADER
              + "')");
    }
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && !line.startsWith("#") && line.split("\t", -1).length != 3) {
        throw new UsageException(
            "the baseline "
                + file
                + " is not a CancelGuard baseline (line "
                + (i + 1)
                + " is not check<TAB>method<TAB>source line)");
      }
    }
    return lines;
  }
}
