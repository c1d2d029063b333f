package dev.cancelguard.cli;

import com.google.errorprone.BugCheckerInfo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The three output formats: javac-style text, SARIF 2.1.0, and plain JSON. */
final class Reports {
  private Reports() {}

  /** javac-style lines, the source line with a caret, the fix as a diff; then a summary. */
  static void human(
      PrintStream out, List<Finding> findings, List<BugCheckerInfo> checks, Summary summary) {
    for (Finding f : findings) {
      out.printf(
          "%s:%d:%d: %s: [%s] %s%n",
          f.path(),
          f.line(),
          f.column(),
          f.severity().toLowerCase(Locale.ROOT),
          f.check(),
          f.message());
      out.println("    " + f.sourceLine());
      out.println("    " + caretPadding(f.sourceLine(), f.column()) + "^");
      if (f.fix() != null) {
        for (Finding.Hunk hunk : f.fix().hunks()) {
          out.printf("  suggested fix, at line %d:%n", hunk.line());
          hunk.removed().forEach(l -> out.println("  - " + l));
          hunk.added().forEach(l -> out.println("  + " + l));
        }
      }
      if (f.link() != null) {
        out.println("  see " + f.link());
      }
      out.println();
    }
    Map<String, Integer> perCheck = new TreeMap<>();
    checks.forEach(c -> perCheck.put(c.canonicalName(), 0));
    findings.forEach(f -> perCheck.merge(f.check(), 1, Integer::sum));
    int width = perCheck.keySet().stream().mapToInt(String::length).max().orElse(10);
    out.printf("CancelGuard: %s, %d files%n", summary.input(), summary.files());
    out.printf("  %-" + width + "s  %s%n", "check", "findings");
    perCheck.forEach((check, n) -> out.printf("  %-" + width + "s  %d%n", check, n));
    out.printf("  %-" + width + "s  %d%n", "total", findings.size());
    if (summary.baselined() > 0) {
      out.printf("  (%d known findings hidden by the baseline)%n", summary.baselined());
    }
    out.printf("  time: %.1fs%n", summary.seconds());
  }

  /** What the summary line says about the run. */
  record Summary(String input, int files, int baselined, double seconds) {}

  /** SARIF 2.1.0: one run, the checks as rules, findings as results with their fix. */
  static String sarif(List<Finding> findings, List<BugCheckerInfo> checks, Path root) {
    List<Object> rules = new ArrayList<>();
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (BugCheckerInfo check : checks) {
      ruleIndex.put(check.canonicalName(), rules.size());
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("id", check.canonicalName());
      rule.put("name", check.canonicalName());
      rule.put("shortDescription", Map.of("text", check.message()));
      rule.put("fullDescription", Map.of("text", check.message() + "."));
      if (check.linkUrl() != null) {
        rule.put("helpUri", check.linkUrl());
      }
      rule.put("defaultConfiguration", Map.of("level", level(check.defaultSeverity().name())));
      rules.add(rule);
    }
    List<Object> results = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ruleId", f.check());
      if (ruleIndex.containsKey(f.check())) {
        result.put("ruleIndex", ruleIndex.get(f.check()));
      }
      result.put("level", level(f.severity()));
      result.put("message", Map.of("text", f.message()));
      Map<String, Object> artifact = artifactLocation(f.path());
      Map<String, Object> region = new LinkedHashMap<>();
      region.put("startLine", f.line());
      region.put("startColumn", f.column());
      result.put(
          "locations",
          List.of(
              Map.of("physicalLocation", Map.of("artifactLocation", artifact, "region", region))));
      result.put("partialFingerprints", Map.of("cancelguard/v1", f.baselineKey()));
      if (f.fix() != null) {
        Map<String, Object> replacement = new LinkedHashMap<>();
        replacement.put(
            "deletedRegion",
            Map.of("charOffset", f.fix().offset(), "charLength", f.fix().length()));
        replacement.put("insertedContent", Map.of("text", f.fix().replacement()));
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("artifactLocation", artifact);
        change.put("replacements", List.of(replacement));
        Map<String, Object> fix = new LinkedHashMap<>();
        fix.put("description", Map.of("text", "Apply the suggested fix of " + f.check()));
        fix.put("artifactChanges", List.of(change));
        result.put("fixes", List.of(fix));
      }
      results.add(result);
    }
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "CancelGuard");
    driver.put("informationUri", "https://github.com/cancelguard/cancelguard");
    driver.put("rules", rules);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", Map.of("driver", driver));
    run.put(
        "originalUriBaseIds",
        Map.of("SRCROOT", Map.of("uri", root.toAbsolutePath().normalize().toUri().toString())));
    run.put("results", results);
    Map<String, Object> log = new LinkedHashMap<>();
    log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    log.put("version", "2.1.0");
    log.put("runs", List.of(run));
    return Json.write(log);
  }

  /**
   * One finding a line, {@code path:line:col: [Check] message}, sorted: diff-friendly, for corpora
   * whose expected findings are committed.
   */
  static String lines(List<Finding> findings) {
    StringBuilder out = new StringBuilder();
    for (Finding f : findings) {
      out.append(
          String.format(
              "%s:%d:%d: [%s] %s%n",
              f.path().replace('\\', '/'),
              f.line(),
              f.column(),
              f.check(),
              f.message().lines().findFirst().orElse("")));
    }
    return out.toString();
  }

  /** Plain JSON: the findings as objects. */
  static String json(List<Finding> findings) {
    List<Object> out = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("check", f.check());
      o.put("severity", f.severity());
      o.put("file", f.path());
      o.put("line", f.line());
      o.put("column", f.column());
      o.put("method", f.method());
      o.put("message", f.message());
      o.put("link", f.link());
      if (f.fix() != null) {
        List<Object> hunks = new ArrayList<>();
        for (Finding.Hunk hunk : f.fix().hunks()) {
          Map<String, Object> h = new LinkedHashMap<>();
          h.put("line", hunk.line());
          h.put("removed", hunk.removed());
          h.put("added", hunk.added());
          hunks.add(h);
        }
        o.put("fix", Map.of("hunks", hunks));
      }
      out.add(o);
    }
    return Json.write(Map.of("findings", out));
  }

  private static Map<String, Object> artifactLocation(String path) {
    Map<String, Object> location = new LinkedHashMap<>();
    location.put("uri", path.replace('\\', '/'));
    location.put("uriBaseId", "SRCROOT");
    return location;
  }

  private static String level(String severity) {
    return switch (severity) {
      case "ERROR" -> "error";
      case "WARNING" -> "warning";
      default -> "note";
    };
  }

  private static String caretPadding(String line, long column) {
    StringBuilder pad = new StringBuilder();
    for (int i = 0; i < column - 1 && i < line.length(); i++) {
      pad.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
    return pad.toString();
  }
}
