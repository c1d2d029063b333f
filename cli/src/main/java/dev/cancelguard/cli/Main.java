package dev.cancelguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.errorprone.BugCheckerInfo;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.ErrorProneOptions;
import com.google.errorprone.InvalidCommandLineOptionException;
import dev.cancelguard.analysis.CancelGuardOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.lang.model.SourceVersion;
import org.jspecify.annotations.Nullable;

/**
 * {@code cancelguard}: runs the CancelGuard checks on a source folder, a Maven project or a
 * published artifact, without touching any build.
 *
 * <p>Exit codes: 0 no findings, 1 findings, 2 usage or setup error, 3 a check crashed.
 */
public final class Main {
  static final String USAGE =
      """
      usage: cancelguard [options] PATH...            a source folder, or a Maven project (has pom.xml)
             cancelguard [options] --artifact G:A:V   a published artifact's sources jar
      options:
        --classpath CP         extra classpath for the sources
        --format text|sarif|json|lines   report format (default text; lines: one per finding)
        -o FILE                write the report to FILE instead of standard output
        --fix                  apply the suggested fixes, then report what is left: all files are
                               written at once when every fix applies, or none is (exit 3)
        --checks A,B           run only these checks (Error Prone's own may be named too)
        --disable C,D          skip these checks
        --baseline FILE        report only findings not in FILE (created from this run if missing)
        --update-baseline      rewrite the baseline FILE with this run's findings
        --release N            compile the sources as Java N (default: the Maven project's release;
                               with --artifact, the language level its classes were compiled for)
        --encoding E           the sources' encoding (default: the Maven project's, else UTF-8)
        --work DIR             with --artifact: unpack and keep the sources and classpath in DIR
                               (reused when DIR already holds them)
        --offline              let Maven use only the local repository
        -q                     no progress on standard error
        -XepOpt:..., -Xep:...  passed to Error Prone (e.g. -XepOpt:CancelGuard:InterruptRestorers=..)
      exit: 0 no findings, 1 findings, 2 usage or setup error, 3 a check crashed""";

  private Main() {}

  public static void main(String[] args) {
    // The console is there when the tool runs in a terminal (not in CI, not piped to a file).
    System.exit(run(args, System.out, System.err, System.console() != null));
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, false);
  }

  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    try {
      return execute(Options.parse(Arrays.asList(args)), out, err, terminal);
    } catch (UsageException e) {
      err.println("cancelguard: " + e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException e) {
      err.println("cancelguard: " + e.getMessage());
      return 2;
    }
  }

  /** How many rounds --fix runs at most: a fix may enable another, but not forever. */
  private static final int MAX_FIX_ROUNDS = 5;

  private static int execute(Options options, PrintStream out, PrintStream err, boolean terminal)
      throws UsageException, IOException {
    if (options.help) {
      out.println(USAGE);
      return 0;
    }
    List<BugCheckerInfo> checks = CheckCatalog.select(options.checks, options.disabled);
    if (checks.isEmpty()) {
      throw new UsageException("no check left to run");
    }
    // What the user must fix is found before the run, not after it.
    if (options.output != null) {
      Path parent = options.output.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new UsageException("-o " + options.output + ": no such directory: " + parent);
      }
    }
    if (options.baseline != null && Files.exists(options.baseline) && !options.updateBaseline) {
      Baseline.check(options.baseline);
    }
    Analyzer.Progress progress = new Analyzer.Progress(options.quiet ? null : err, terminal);
    Inputs.SourceSet sources =
        sources(
            options,
            new Inputs.Notes() {
              @Override
              public void progress(String line) {
                progress.note(line);
              }

              @Override
              public void warn(String line) {
                err.println("cancelguard: " + line);
              }
            });
    ProjectSettings settings =
        options.paths.size() == 1 && options.artifact == null
            ? ProjectSettings.read(options.paths.getFirst())
            : ProjectSettings.NONE;
    String release = options.release != null ? options.release : settings.release();
    Charset encoding =
        options.encoding != null
            ? options.encoding
            : settings.encoding() != null ? settings.encoding() : UTF_8;
    SourceText.check(sources.files(), encoding, file -> relativize(sources.root(), file));
    Function<Path, String> display = file -> relativize(sources.root(), file);
    List<String> javacOptions = new ArrayList<>();
    if (release != null) {
      javacOptions.addAll(List.of("--release", release));
    } else if (options.artifact != null) {
      // A published artifact's language level is the one its classes were compiled for; only the
      // level, not --release: its build saw the whole JDK, internal packages too.
      String level = artifactLanguageLevel(options.artifact, sources.classpath());
      if (level != null) {
        javacOptions.addAll(List.of("-source", level));
      }
    }
    Analyzer analyzer =
        new Analyzer(checks, options.errorProneFlags, javacOptions, encoding, progress);
    Analyzer.Result result;
    if (options.fix) {
      FixRun fixed = fix(analyzer, sources, display, encoding, err);
      if (fixed.failure() != null) {
        err.println("cancelguard: --fix: " + fixed.failure() + "; no file was changed");
        return 3;
      }
      result = fixed.result();
    } else {
      result = analyzer.run(sources.files(), sources.classpath(), display, Map.of(), false);
    }
    List<Finding> findings = new ArrayList<>(result.findings());
    findings.sort(
        Comparator.comparing(Finding::path)
            .thenComparingLong(Finding::line)
            .thenComparingLong(Finding::column)
            .thenComparing(Finding::check));
    int baselined = 0;
    if (options.baseline != null) {
      if (options.updateBaseline || !Files.exists(options.baseline)) {
        Baseline.write(options.baseline, findings);
        err.printf(
            "cancelguard: recorded %d finding%s in the baseline %s%n",
            findings.size(), findings.size() == 1 ? "" : "s", options.baseline);
      }
      List<Finding> fresh = Baseline.newFindings(options.baseline, findings);
      baselined = findings.size() - fresh.size();
      findings = fresh;
    }
    report(options, out, findings, checks, sources, result, baselined, progress.seconds());
    if (!result.compileErrors().isEmpty()) {
      err.printf(
          "cancelguard: javac reported %d error%s (first: %s); code it could attribute was still"
              + " analysed%n",
          result.compileErrors().size(),
          result.compileErrors().size() == 1 ? "" : "s",
          result.compileErrors().getFirst());
    }
    result
        .skipped()
        .forEach(
            s ->
                err.println(
                    "cancelguard: a check could not analyse code javac could not attribute, its"
                        + " findings there are lost: "
                        + s));
    if (!result.crashes().isEmpty()) {
      result.crashes().forEach(c -> err.println("cancelguard: a check crashed on " + c));
      return 3;
    }
    return findings.isEmpty() ? 0 : 1;
  }

  /**
   * The {@code -source} level for an artifact's sources: the release its own jar's classes were
   * compiled for, at least 8 (javac's oldest), or null when that is this JDK's own level or
   * unknown.
   */
  private static @Nullable String artifactLanguageLevel(String coordinates, String classpath) {
    String[] gav = coordinates.split(":");
    String jarName = gav[1] + "-" + gav[2] + ".jar";
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (jar.getFileName() == null || !jar.getFileName().toString().equals(jarName)) {
        continue;
      }
      Integer compiled = ProjectSettings.compiledRelease(jar);
      if (compiled == null) {
        return null;
      }
      int latest = SourceVersion.latest().ordinal();
      int level = Math.max(8, compiled);
      return level >= latest ? null : String.valueOf(level);
    }
    return null;
  }

  /** The outcome of --fix: the last round's analysis, or why nothing was written. */
  private record FixRun(Analyzer.@Nullable Result result, @Nullable String failure) {}

  /**
   * --fix as one transaction: rounds of analysis over the files' new text, kept in memory, until no
   * fix changes anything (a fix that overlaps another waits for the next round, which sees the code
   * the first produced); then every changed file is written at once, each through a temporary file
   * renamed over it. Any failure writes nothing.
   */
  private static FixRun fix(
      Analyzer analyzer,
      Inputs.SourceSet sources,
      Function<Path, String> display,
      Charset encoding,
      PrintStream err)
      throws UsageException {
    Map<Path, String> contents = new LinkedHashMap<>();
    Map<Path, Integer> applied = new TreeMap<>();
    Analyzer.Result result = null;
    List<String> errorsBefore = null;
    for (int round = 1; ; round++) {
      result =
          analyzer.run(
              sources.files(), sources.classpath(), display, contents, round <= MAX_FIX_ROUNDS);
      if (!result.crashes().isEmpty()) {
        return new FixRun(null, "a check crashed on " + result.crashes().getFirst());
      }
      if (errorsBefore == null) {
        errorsBefore = result.compileErrors();
      }
      if (round > MAX_FIX_ROUNDS) {
        err.printf(
            "cancelguard: --fix: fixes still change the code after %d rounds; stopped there%n",
            MAX_FIX_ROUNDS);
        break;
      }
      boolean changed = false;
      for (Map.Entry<Path, Fixes.FileFix> entry : result.fixes().entrySet()) {
        Path file = entry.getKey();
        Fixes.FileFix fix = entry.getValue();
        if (fix.failure() != null) {
          return new FixRun(
              null,
              "the fixes for " + display.apply(file) + " cannot be applied: " + fix.failure());
        }
        if (fix.deferred() > 0) {
          err.printf(
              "cancelguard: --fix: %d fix%s in %s overlap%s another one; left for round %d%n",
              fix.deferred(),
              fix.deferred() == 1 ? "" : "es",
              display.apply(file),
              fix.deferred() == 1 ? "s" : "",
              round + 1);
        }
        if (fix.applied() > 0) {
          contents.put(file, fix.text());
          applied.merge(file, fix.applied(), Integer::sum);
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    String broken = newCompileError(errorsBefore, result.compileErrors());
    if (broken != null) {
      return new FixRun(null, "the fixed code would not compile (" + broken + ")");
    }
    String failure = writeAll(contents, display, encoding);
    if (failure != null) {
      return new FixRun(null, failure);
    }
    applied.forEach(
        (file, count) ->
            err.printf(
                "cancelguard: fixed %s (%d fix%s)%n",
                display.apply(file), count, count == 1 ? "" : "es"));
    return new FixRun(result, null);
  }

  /**
   * A compile error the fixes brought in, or null: one whose message javac did not give before
   * (errors are compared by file and message, since fixes move lines).
   */
  static @Nullable String newCompileError(List<String> before, List<String> after) {
    Map<String, Integer> known = new java.util.HashMap<>();
    before.forEach(e -> known.merge(withoutLine(e), 1, Integer::sum));
    for (String error : after) {
      Integer left = known.get(withoutLine(error));
      if (left == null || left == 0) {
        return error;
      }
      known.put(withoutLine(error), left - 1);
    }
    return null;
  }

  private static String withoutLine(String error) {
    return error.replaceFirst("^([^:]*):\\d+: ", "$1: ");
  }

  /**
   * Writes the new texts: every one to a temporary file next to its target first, then each renamed
   * over its target, so no file is ever half written. Returns why it could not, having changed
   * nothing, or null.
   */
  static @Nullable String writeAll(
      Map<Path, String> contents, Function<Path, String> display, Charset encoding) {
    for (Path file : contents.keySet()) {
      if (!Files.isWritable(file)) {
        return display.apply(file) + " is not writable";
      }
    }
    Map<Path, Path> temporary = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, String> entry : contents.entrySet()) {
        Path file = entry.getKey();
        Path temp =
            Files.createTempFile(
                file.toAbsolutePath().getParent(), "." + file.getFileName(), ".cancelguard");
        temporary.put(file, temp);
        Files.writeString(temp, entry.getValue(), encoding);
        try {
          Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: the temporary file keeps the folder's defaults.
        }
      }
    } catch (IOException | UncheckedIOException e) {
      temporary.values().forEach(Main::deleteQuietly);
      return "could not write a temporary file: " + e.getMessage();
    }
    for (Map.Entry<Path, Path> entry : temporary.entrySet()) {
      try {
        Files.move(
            entry.getValue(),
            entry.getKey(),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        temporary.values().forEach(Main::deleteQuietly);
        return "could not replace " + display.apply(entry.getKey()) + ": " + e.getMessage();
      }
    }
    return null;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A temporary file: nothing more to do.
    }
  }

  private static Inputs.SourceSet sources(Options options, Inputs.Notes notes)
      throws UsageException, IOException {
    if (options.artifact != null) {
      if (!options.paths.isEmpty()) {
        throw new UsageException("give either --artifact or paths, not both");
      }
      if (options.work != null) {
        return Inputs.artifact(
            options.artifact, options.work.toAbsolutePath().normalize(), options.offline, notes);
      }
      Path work = Files.createTempDirectory("cancelguard-artifact");
      // javac reads the sources later: delete them when the JVM exits.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> Inputs.deleteTree(work)));
      return Inputs.artifact(options.artifact, work, options.offline, notes);
    }
    if (options.paths.isEmpty()) {
      throw new UsageException("no input: give a source folder, a Maven project or --artifact");
    }
    if (options.paths.size() == 1
        && Files.isRegularFile(options.paths.getFirst().resolve("pom.xml"))) {
      return Inputs.mavenProject(
          options.paths.getFirst(), options.classpath, options.offline, notes);
    }
    List<Path> files = new ArrayList<>();
    for (Path path : options.paths) {
      files.addAll(Inputs.folder(path, options.classpath).files());
    }
    Path root =
        options.paths.size() == 1
            ? options.paths.getFirst().toAbsolutePath().normalize()
            : Path.of("").toAbsolutePath();
    return new Inputs.SourceSet(
        files,
        options.classpath,
        root,
        String.join(" ", options.paths.stream().map(Path::toString).toList()));
  }

  private static void report(
      Options options,
      PrintStream out,
      List<Finding> findings,
      List<BugCheckerInfo> checks,
      Inputs.SourceSet sources,
      Analyzer.Result result,
      int baselined,
      double seconds)
      throws IOException {
    String text =
        switch (options.format) {
          case "sarif" -> Reports.sarif(findings, checks, sources.root());
          case "json" -> Reports.json(findings);
          case "lines" -> Reports.lines(findings);
          default -> null;
        };
    if (text == null) {
      PrintStream target = out;
      if (options.output != null) {
        target = new PrintStream(Files.newOutputStream(options.output), true, UTF_8);
      }
      Reports.human(
          target,
          findings,
          checks,
          new Reports.Summary(sources.description(), result.files(), baselined, seconds));
      if (options.output != null) {
        target.close();
      }
    } else if (options.output != null) {
      Files.writeString(options.output, text, UTF_8);
    } else {
      out.print(text);
    }
  }

  private static String relativize(Path root, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
  }

  /** The parsed command line. */
  static final class Options {
    final List<Path> paths = new ArrayList<>();
    final List<String> errorProneFlags = new ArrayList<>();
    List<String> checks = List.of();
    List<String> disabled = List.of();
    String classpath = "";
    String format = "text";
    Path output;
    Path baseline;
    String artifact;
    String release;
    Charset encoding;
    Path work;
    boolean fix;
    boolean updateBaseline;
    boolean offline;
    boolean quiet;
    boolean help;

    static Options parse(List<String> args) throws UsageException {
      Options o = new Options();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "-h", "--help" -> o.help = true;
          case "-q", "--quiet" -> o.quiet = true;
          case "--fix" -> o.fix = true;
          case "--offline" -> o.offline = true;
          case "--update-baseline" -> o.updateBaseline = true;
          case "--classpath", "-cp" -> o.classpath = value(args, ++i, arg);
          case "--format" -> {
            o.format = value(args, ++i, arg);
            if (!List.of("text", "sarif", "json", "lines").contains(o.format)) {
              throw new UsageException(
                  "--format must be text, sarif, json or lines, got '" + o.format + "'");
            }
          }
          case "-o", "--output" -> o.output = Path.of(value(args, ++i, arg));
          case "--checks" -> o.checks = names(value(args, ++i, arg));
          case "--disable" -> o.disabled = names(value(args, ++i, arg));
          case "--baseline" -> o.baseline = Path.of(value(args, ++i, arg));
          case "--artifact" -> o.artifact = value(args, ++i, arg);
          case "--release" -> o.release = release(value(args, ++i, arg));
          case "--encoding" -> o.encoding = encoding(value(args, ++i, arg));
          case "--work" -> o.work = Path.of(value(args, ++i, arg));
          default -> {
            if (arg.startsWith("-Xep")) {
              o.errorProneFlags.add(arg);
            } else if (arg.startsWith("-")) {
              throw new UsageException("unknown option " + arg + " (see --help)");
            } else {
              Path path = Path.of(arg);
              if (!Files.isDirectory(path)) {
                throw new UsageException("no such directory: " + arg);
              }
              o.paths.add(path);
            }
          }
        }
      }
      if (o.updateBaseline && o.baseline == null) {
        throw new UsageException("--update-baseline needs --baseline FILE");
      }
      checkErrorProneFlags(o.errorProneFlags);
      return o;
    }

    /** Bad Error Prone or CancelGuard flags stop the run before anything is compiled. */
    private static void checkErrorProneFlags(List<String> flags) throws UsageException {
      ErrorProneFlags parsed;
      try {
        parsed = ErrorProneOptions.processArgs(flags).getFlags();
      } catch (InvalidCommandLineOptionException e) {
        throw new UsageException(e.getMessage());
      }
      List<String> problems = CancelGuardOptions.problems(parsed);
      if (!problems.isEmpty()) {
        throw new UsageException(String.join("; ", problems));
      }
    }

    private static String release(String value) throws UsageException {
      int latest = SourceVersion.latest().ordinal();
      int release;
      try {
        release = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        release = -1;
      }
      // javac's oldest --release is 8.
      if (release < 8 || release > latest) {
        throw new UsageException(
            "--release " + value + ": this JDK compiles for releases 8 to " + latest);
      }
      return value;
    }

    private static Charset encoding(String name) throws UsageException {
      try {
        return Charset.forName(name);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--encoding " + name + ": unknown encoding");
      }
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
      if (i >= args.size()) {
        throw new UsageException(option + " needs a value");
      }
      return args.get(i);
    }

    private static List<String> names(String list) {
      return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
  }
}
