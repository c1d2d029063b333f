package samples;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The sample programs under {@code src/main/java}, their markers, and a compile of them with Error
 * Prone and every CancelGuard check loaded as a plugin (the way a user's build loads it).
 *
 * <p>Markers: a sample's first line is {@code // Scenario: <id> (correct|incorrect)}; a line {@code
 * // BUG: CheckName} sits directly above each line the check must report.
 */
final class SampleCorpus {
  static final Path ROOT = Path.of("src/main/java");

  /**
   * Samples written with {@code StructuredTaskScope}, a preview API: kept out of {@code
   * src/main/java}, which Maven compiles for Java 21, and compiled by the harness with {@code
   * --enable-preview} on JDK 25 or later.
   */
  static final Path PREVIEW_ROOT = Path.of("src/preview/java");

  private static final Pattern HEADER =
      Pattern.compile("^// Scenario: (\\d{3}-[a-z0-9-]+) \\((correct|incorrect)\\)$");
  private static final Pattern MARKER = Pattern.compile("^\\s*// BUG: (\\w+)\\s*$");
  private static final Pattern FINDING = Pattern.compile("^\\[(\\w+)\\] ");

  /** One sample file: its scenario, its kind, and the findings its markers expect. */
  record Sample(Path path, String scenario, boolean incorrect, TreeSet<String> expected) {}

  /** A finding as {@code file:line: Check}, the form both sides are compared in. */
  static String key(Path file, long line, String check) {
    return key(ROOT, file, line, check);
  }

  private static String key(Path root, Path file, long line, String check) {
    return root.relativize(file) + ":" + line + ": " + check;
  }

  static List<Sample> samples() {
    return samples(ROOT);
  }

  static List<Sample> samples(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      List<Sample> samples = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        samples.add(read(file, root));
      }
      return samples;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Sample read(Path file, Path root) throws IOException {
    List<String> lines = Files.readAllLines(file, UTF_8);
    Matcher header = HEADER.matcher(lines.isEmpty() ? "" : lines.getFirst());
    if (!header.matches()) {
      throw new AssertionError(
          file + ": first line must be `// Scenario: <id> (correct|incorrect)`");
    }
    TreeSet<String> expected = new TreeSet<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher marker = MARKER.matcher(lines.get(i));
      if (marker.matches()) {
        // The flagged line is the next one; line numbers are 1-based.
        expected.add(key(root, file, i + 2, marker.group(1)));
      }
    }
    return new Sample(file, header.group(1), header.group(2).equals("incorrect"), expected);
  }

  /** The CancelGuard checks registered through {@code META-INF/services}. */
  static List<String> checkNames() {
    List<String> names = new ArrayList<>();
    for (ServiceLoader.Provider<BugChecker> provider :
        ServiceLoader.load(BugChecker.class).stream().toList()) {
      Class<? extends BugChecker> type = provider.type();
      if (type.getPackageName().startsWith("dev.cancelguard")) {
        BugPattern pattern = type.getAnnotation(BugPattern.class);
        names.add(pattern.name().isEmpty() ? type.getSimpleName() : pattern.name());
      }
    }
    names.sort(null);
    return names;
  }

  /** Compiles files outside the corpus; findings as {@code fileName:line: Check}. */
  static TreeSet<String> compile(List<Path> files) {
    return findings(files, List.of(), files.getFirst().getParent());
  }

  /** The feature release of the running JDK, whose javac compiles the samples. */
  static final int RUNNING_JDK = Runtime.version().feature();

  /**
   * True if the files use {@code StructuredTaskScope}, a preview API: they are compiled with {@code
   * --enable-preview} for the running JDK, and only on JDK 25 or later, whose {@code
   * StructuredTaskScope.open(..)} form they are written in.
   */
  static boolean usesPreviewApi(List<Path> files) {
    try {
      for (Path file : files) {
        if (Files.readString(file, UTF_8).contains("java.util.concurrent.StructuredTaskScope")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compiles the files with Error Prone, only the CancelGuard checks on, and returns the findings
   * as sorted {@link #key} strings.
   */
  static TreeSet<String> findings(List<Path> files, List<String> extraErrorProneFlags) {
    return findings(files, extraErrorProneFlags, ROOT);
  }

  /** As {@link #findings(List, List)}, for files under {@code root}, keyed relative to it. */
  static TreeSet<String> findings(List<Path> files, List<String> extraErrorProneFlags, Path root) {

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringBuilder plugin = new StringBuilder("-Xplugin:ErrorProne -XepDisableAllChecks");
    for (String check : checkNames()) {
      plugin.append(" -Xep:").append(check).append(":WARN");
    }
    extraErrorProneFlags.forEach(flag -> plugin.append(' ').append(flag));
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, UTF_8)) {
      Path out = Files.createTempDirectory("samples");
      List<String> options =
          new ArrayList<>(
              List.of(
                  "-XDcompilePolicy=simple",
                  "--should-stop=ifError=FLOW",
                  "-processorpath",
                  System.getProperty("java.class.path"),
                  "-d",
                  out.toString(),
                  "-Xlint:none",
                  plugin.toString()));
      if (usesPreviewApi(files)) {
        options.addAll(List.of("--enable-preview", "--release", Integer.toString(RUNNING_JDK)));
      }
      boolean ok =
          javac
              .getTask(
                  null,
                  fileManager,
                  diagnostics,
                  options,
                  null,
                  fileManager.getJavaFileObjectsFromPaths(files))
              .call();
      TreeSet<String> findings = new TreeSet<>();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        String message = d.getMessage(Locale.ROOT);
        Matcher finding = FINDING.matcher(message);
        if (finding.find() && d.getSource() != null) {
          Path file =
              root.resolve(root.toAbsolutePath().relativize(Path.of(d.getSource().toUri())));
          findings.add(key(root, file, d.getLineNumber(), finding.group(1)));
        } else if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(d.toString());
        }
      }
      if (!ok || !errors.isEmpty()) {
        throw new AssertionError("samples do not compile:\n" + String.join("\n", errors));
      }
      return findings;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SampleCorpus() {}
}
