package dev.cancelguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.errorprone.BugCheckerInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

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
        --fix                  apply every suggested fix in place, then report what is left
        --checks A,B           run only these checks (Error Prone's own may be named too)
        --disable C,D          skip these checks
        --baseline FILE        report only findings not in FILE (created from this run if missing)
        --update-baseline      rewrite the baseline FILE with this run's findings
        --release N            compile the sources as Java N
        --work DIR             with --artifact: unpack and keep the sources and classpath in DIR
                               (reused when DIR already holds them)
        --offline              let Maven use only the local repository
        -q                     no progress on standard error
        -XepOpt:..., -Xep:...  passed to Error Prone (e.g. -XepOpt:CancelGuard:InterruptRestorers=..)
      exit: 0 no findings, 1 findings, 2 usage or setup error, 3 a check crashed""";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      return execute(Options.parse(Arrays.asList(args)), out, err);
    } catch (UsageException e) {
      err.println("cancelguard: " + e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException e) {
      err.println("cancelguard: " + e.getMessage());
      return 2;
    }
  }

  private static int execute(Options options, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    if (options.help) {
      out.println(USAGE);
      return 0;
    }
    List<BugCheckerInfo> checks = CheckCatalog.select(options.checks, options.disabled);
    if (checks.isEmpty()) {
      throw new UsageException("no check left to run");
    }
    Analyzer.Progress progress = new Analyzer.Progress(options.quiet ? null : err);
    Inputs.SourceSet sources = sources(options);
    Function<Path, String> display = file -> relativize(sources.root(), file);
    List<String> javacOptions = new ArrayList<>();
    if (options.release != null) {
      javacOptions.addAll(List.of("--release", options.release));
    }
    Analyzer analyzer = new Analyzer(checks, options.errorProneFlags, javacOptions, progress);
    Analyzer.Result result =
        analyzer.run(sources.files(), sources.classpath(), display, options.fix);
    if (options.fix && result.filesFixed() > 0) {
      err.printf(
          "cancelguard: applied fixes to %d file%s; checking again%n",
          result.filesFixed(), result.filesFixed() == 1 ? "" : "s");
      result = analyzer.run(sources.files(), sources.classpath(), display, false);
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
    if (!result.crashes().isEmpty()) {
      result.crashes().forEach(c -> err.println("cancelguard: a check crashed on " + c));
      return 3;
    }
    return findings.isEmpty() ? 0 : 1;
  }

  private static Inputs.SourceSet sources(Options options) throws UsageException, IOException {
    if (options.artifact != null) {
      if (!options.paths.isEmpty()) {
        throw new UsageException("give either --artifact or paths, not both");
      }
      if (options.work != null) {
        return Inputs.artifact(
            options.artifact, options.work.toAbsolutePath().normalize(), options.offline);
      }
      Path work = Files.createTempDirectory("cancelguard-artifact");
      // javac reads the sources later: delete them when the JVM exits.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> Inputs.deleteTree(work)));
      return Inputs.artifact(options.artifact, work, options.offline);
    }
    if (options.paths.isEmpty()) {
      throw new UsageException("no input: give a source folder, a Maven project or --artifact");
    }
    if (options.paths.size() == 1
        && Files.isRegularFile(options.paths.getFirst().resolve("pom.xml"))) {
      return Inputs.mavenProject(options.paths.getFirst(), options.classpath, options.offline);
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
          case "--release" -> o.release = value(args, ++i, arg);
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
      return o;
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
