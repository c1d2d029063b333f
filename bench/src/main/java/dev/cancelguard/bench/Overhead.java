package dev.cancelguard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compile-time overhead of CancelGuard: each corpus library compiled by javac alone, by javac with
 * Error Prone (its default checks), and by javac with Error Prone and CancelGuard, in interleaved
 * rounds in this one JVM; medians and ratios as a Markdown table. With {@code --per-check} (warm
 * mode), the time spent in each check as Error Prone's own per-check timer measures it in the
 * CancelGuard configuration: a difference of whole compile times is too noisy to show a check that
 * costs a few tens of milliseconds.
 *
 * <p>Two modes. {@code --mode cold} (the default): Error Prone and the plugin are javac's processor
 * path, loaded afresh by every compilation, as a Maven build loads them for each module; the
 * harness's own classpath must not hold them (javac's processor class loader delegates to it).
 * {@code --mode warm}: Error Prone and the plugin are on the harness's classpath, loaded once and
 * JIT-compiled, as in a Gradle daemon or a Bazel worker; "Error Prone alone" turns every
 * CancelGuard check off with {@code -Xep:<check>:OFF}.
 *
 * <p>Usage: {@code Overhead [--mode cold|warm] [--errorprone-path CP --plugin JAR] --checks A,B
 * [--rounds N] [--warmup N] [--per-check] LIBRARY_DIR...}; a library folder holds {@code src/} and
 * {@code classpath.txt} (as {@code bench/run-corpus} leaves them).
 */
public final class Overhead {
  private static final List<String> JAVAC =
      List.of(
          "-implicit:none", "-nowarn", "-Xlint:none", "-Xmaxerrs", "100000", "-encoding", "UTF-8");

  /** One library: its sources and compile classpath. */
  record Library(String name, List<Path> files, String classpath) {}

  /** One way to compile. */
  record Config(String name, List<String> options) {}

  private Overhead() {}

  public static void main(String[] args) throws Exception {
    String mode = "cold";
    String errorPronePath = null;
    String plugin = null;
    int rounds = 5;
    int warmup = 1;
    boolean perCheck = false;
    List<String> checks = List.of();
    List<Path> libraries = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mode" -> mode = args[++i];
        case "--errorprone-path" -> errorPronePath = args[++i];
        case "--plugin" -> plugin = args[++i];
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--checks" -> checks = Arrays.asList(args[++i].split(","));
        case "--per-check" -> perCheck = true;
        default -> libraries.add(Path.of(args[i]));
      }
    }
    boolean cold = mode.equals("cold");
    if (!List.of("cold", "warm").contains(mode)
        || (cold && (errorPronePath == null || plugin == null))
        || (cold && perCheck)
        || checks.isEmpty()
        || libraries.isEmpty()) {
      System.err.println(
          "usage: Overhead [--mode cold|warm] [--errorprone-path CP --plugin JAR] --checks A,B"
              + " [--rounds N] [--warmup N] [--per-check (warm mode)] LIBRARY_DIR...");
      System.exit(2);
    }
    System.out.print(
        run(cold ? errorPronePath : null, plugin, checks, rounds, warmup, perCheck, libraries));
  }

  /**
   * Measures and returns the report.
   *
   * @param errorPronePath Error Prone's classpath for cold mode; null for warm mode (Error Prone
   *     and the plugin on this JVM's classpath)
   */
  static String run(
      String errorPronePath,
      String plugin,
      List<String> checks,
      int rounds,
      int warmup,
      boolean perCheck,
      List<Path> libraryDirs)
      throws IOException {
    boolean cold = errorPronePath != null;
    // Warm: an empty processor path, so that Error Prone looks for plugins at all and finds them
    // through its parent, this JVM's class loader.
    String withPlugin =
        cold
            ? errorPronePath + java.io.File.pathSeparator + plugin
            : Files.createTempDirectory("empty-processor-path").toString();
    StringBuilder checksOff = new StringBuilder();
    if (!cold) {
      checks.forEach(c -> checksOff.append(" -Xep:").append(c).append(":OFF"));
    }
    List<Config> configs =
        List.of(
            new Config("javac", List.of()),
            new Config(
                "errorprone",
                cold
                    ? errorProne(errorPronePath, "")
                    : errorProne(withPlugin, checksOff.toString())),
            new Config("cancelguard", errorProne(withPlugin, "")));
    StringBuilder out = new StringBuilder();
    out.append(
        "| library | files | javac (ms) | + Error Prone (ms) | + CancelGuard (ms) | Error Prone /"
            + " javac | CancelGuard added to Error Prone |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    Map<String, List<Long>> totals = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    Map<String, Long> checkTotals = new LinkedHashMap<>();
    for (Path dir : libraryDirs) {
      Library library = load(dir);
      if (!compiles(library)) {
        skipped.add(library.name());
        continue;
      }
      Map<String, List<Long>> checkTimes = new LinkedHashMap<>();
      Map<String, Long> median =
          measure(library, configs, rounds, warmup, perCheck ? checkTimes : null);
      median.forEach((k, v) -> totals.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      out.append(row(library.name(), library.files().size(), median));
      checkTimes.forEach((check, times) -> checkTotals.merge(check, median(times), Long::sum));
    }
    Map<String, Long> sum = new LinkedHashMap<>();
    totals.forEach((k, v) -> sum.put(k, v.stream().mapToLong(Long::longValue).sum()));
    if (!sum.isEmpty()) {
      out.append(row("**all**", -1, sum));
    }
    if (!skipped.isEmpty()) {
      out.append("\nNot measured (javac reports errors, so Error Prone would not analyse them): ")
          .append(String.join(", ", skipped))
          .append('\n');
    }
    if (perCheck) {
      out.append(checkTable(checks, checkTotals));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nMedians of %d rounds after %d warm-up round(s), configurations interleaved, one JVM"
                + " (%s mode; %s %s).%n",
            rounds,
            warmup,
            cold ? "cold" : "warm",
            System.getProperty("java.vm.name"),
            System.getProperty("java.version")));
    return out.toString();
  }

  /** Error Prone's javac options; a null processor path leaves Error Prone to this JVM's loader. */
  private static List<String> errorProne(String processorPath, String extra) {
    return List.of(
        "-XDcompilePolicy=simple",
        "--should-stop=ifError=FLOW",
        "-processorpath",
        processorPath,
        // Error Prone's own error-level findings (BanJNDI, ...) must not stop a library compiling.
        "-Xplugin:ErrorProne -XepAllErrorsAsWarnings" + extra);
  }

  private static String row(String name, int files, Map<String, Long> ms) {
    long javac = ms.get("javac");
    long errorProne = ms.get("errorprone");
    long cancelGuard = ms.get("cancelguard");
    return String.format(
        Locale.ROOT,
        "| %s | %s | %d | %d | %d | %.2f | %+.1f%% |%n",
        name,
        files < 0 ? "" : Integer.toString(files),
        javac,
        errorProne,
        cancelGuard,
        (double) errorProne / javac,
        100.0 * (cancelGuard - errorProne) / errorProne);
  }

  /**
   * Median compile time per configuration; unless {@code checkTimes} is null, also the time of each
   * check in the CancelGuard configuration's measured rounds, by Error Prone's timer.
   */
  private static Map<String, Long> measure(
      Library library,
      List<Config> configs,
      int rounds,
      int warmup,
      Map<String, List<Long>> checkTimes)
      throws IOException {
    Map<String, List<Long>> times = new LinkedHashMap<>();
    for (int round = 0; round < warmup + rounds; round++) {
      for (int i = 0; i < configs.size(); i++) {
        // Rotate the order each round so no configuration always runs first.
        Config config = configs.get((i + round) % configs.size());
        boolean timed =
            checkTimes != null && round >= warmup && config.name().equals("cancelguard");
        long ms =
            compile(
                library,
                config.options(),
                timed ? context -> addCheckTimes(context, checkTimes) : null);
        System.err.printf("%s %s round %d: %d ms%n", library.name(), config.name(), round + 1, ms);
        if (round >= warmup) {
          times.computeIfAbsent(config.name(), k -> new ArrayList<>()).add(ms);
        }
      }
    }
    Map<String, Long> median = new LinkedHashMap<>();
    for (Config config : configs) {
      median.put(config.name(), median(times.get(config.name())));
    }
    return median;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /**
   * Adds the time each check took in a finished compilation, read from Error Prone's per-check
   * timer of that compilation's javac context ({@code ErrorProneTimings}), which runs around every
   * matcher call.
   */
  private static void addCheckTimes(Object context, Map<String, List<Long>> checkTimes) {
    try {
      Class<?> contextClass = Class.forName("com.sun.tools.javac.util.Context");
      Class<?> timingsClass = Class.forName("com.google.errorprone.ErrorProneTimings");
      Object timings = timingsClass.getMethod("instance", contextClass).invoke(null, context);
      Map<?, ?> byCheck = (Map<?, ?>) timingsClass.getMethod("timings").invoke(timings);
      byCheck.forEach(
          (check, duration) ->
              checkTimes
                  .computeIfAbsent(check.toString(), k -> new ArrayList<>())
                  .add(((Duration) duration).toMillis()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read Error Prone's per-check timings", e);
    }
  }

  private static Object javacContext(JavaCompiler.CompilationTask task) {
    try {
      return task.getClass().getMethod("getContext").invoke(task);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the compilation's javac context", e);
    }
  }

  /** Each CancelGuard check's time, then all of them and all of Error Prone's own checks. */
  private static String checkTable(List<String> checks, Map<String, Long> checkTotals) {
    long ours = 0;
    long theirs = 0;
    for (Map.Entry<String, Long> entry : checkTotals.entrySet()) {
      if (checks.contains(entry.getKey())) {
        ours += entry.getValue();
      } else {
        theirs += entry.getValue();
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(
        "\n| check | time in the check (ms, Error Prone's per-check timer, the libraries above"
            + " together) |\n");
    out.append("|---|---:|\n");
    for (String check : checks) {
      out.append("| ")
          .append(check)
          .append(" | ")
          .append(checkTotals.getOrDefault(check, 0L))
          .append(" |\n");
    }
    out.append("| **all CancelGuard checks** | ").append(ours).append(" |\n");
    out.append("| (all of Error Prone's own checks that ran) | ").append(theirs).append(" |\n");
    return out.toString();
  }

  private static boolean compiles(Library library) throws IOException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok = compile(library, List.of(), diagnostics, null) >= 0;
    return ok
        && diagnostics.getDiagnostics().stream()
            .noneMatch(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR);
  }

  /** {@code afterCall}, when not null, receives the compilation's javac context once it is done. */
  private static long compile(Library library, List<String> extra, Consumer<Object> afterCall)
      throws IOException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    long ms = compile(library, extra, diagnostics, afterCall);
    if (ms < 0) {
      throw new IllegalStateException(
          library.name() + " did not compile with " + extra + ": " + diagnostics.getDiagnostics());
    }
    return ms;
  }

  /** Milliseconds to compile, or -1 when javac failed. */
  private static long compile(
      Library library,
      List<String> extra,
      DiagnosticCollector<JavaFileObject> diagnostics,
      Consumer<Object> afterCall)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createTempDirectory("overhead");
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, UTF_8)) {
      List<String> options = new ArrayList<>(JAVAC);
      options.addAll(List.of("-d", out.toString()));
      if (!library.classpath().isEmpty()) {
        options.addAll(List.of("-classpath", library.classpath()));
      }
      options.addAll(extra);
      JavaCompiler.CompilationTask task =
          javac.getTask(
              new StringWriter(),
              files,
              diagnostics,
              options,
              null,
              files.getJavaFileObjectsFromPaths(library.files()));
      // The task lets go of its context when it is done: take it first.
      Object context = afterCall == null ? null : javacContext(task);
      long start = System.nanoTime();
      boolean ok = task.call();
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (afterCall != null) {
        afterCall.accept(context);
      }
      return ok ? ms : -1;
    } finally {
      delete(out);
    }
  }

  private static Library load(Path dir) throws IOException {
    Path src = dir.resolve("src");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(src)) {
      files =
          walk.filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.getFileName().toString().equals("module-info.java"))
              .sorted()
              .toList();
    }
    Path classpathFile = dir.resolve("classpath.txt");
    String classpath =
        Files.exists(classpathFile) ? Files.readString(classpathFile, UTF_8).strip() : "";
    return new Library(dir.getFileName().toString(), files, classpath);
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
