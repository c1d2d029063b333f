package dev.cancelguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Turns the command line's inputs into source files and a classpath. */
final class Inputs {
  /** What to compile: files, classpath, and the folder paths are shown relative to. */
  record SourceSet(List<Path> files, String classpath, Path root, String description) {}

  private static final Pattern COORDINATES = Pattern.compile("[\\w.-]+:[\\w.-]+:[\\w.+-]+");

  private Inputs() {}

  /** A folder of sources: every .java file under it, tests only when the folder is a test one. */
  static SourceSet folder(Path dir, String classpath) throws UsageException {
    if (!Files.isDirectory(dir)) {
      throw new UsageException("no such directory: " + dir);
    }
    List<Path> files = javaFiles(dir, true);
    if (files.isEmpty()) {
      throw new UsageException("no .java files under " + dir);
    }
    return new SourceSet(files, classpath, dir.toAbsolutePath().normalize(), dir.toString());
  }

  /**
   * A Maven project: the main sources of every module, and their compile classpath resolved by
   * Maven itself ({@code dependency:build-classpath}, run once over the reactor).
   */
  static SourceSet mavenProject(Path dir, String extraClasspath, boolean offline, Notes notes)
      throws UsageException {
    Path pom = dir.resolve("pom.xml");
    List<Path> modules = moduleDirs(dir);
    Path out;
    try {
      // Outside the user's tree: one classpath file per module, named by Maven itself.
      out = Files.createTempDirectory("cancelguard-classpath");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(mvn(offline));
    command.addAll(
        List.of(
            "-f",
            pom.toString(),
            // Go on past a module whose dependencies do not resolve: the rest is still analysed.
            "--fail-at-end",
            // The compile phase, with compilation itself skipped, lets Maven resolve a module's
            // dependency on a sibling module of the reactor.
            "compile",
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
            "-Dmaven.main.skip=true",
            "-Dmaven.resources.skip=true",
            "-Denforcer.skip=true",
            "-Dcheckstyle.skip=true",
            "-Dspotless.check.skip=true",
            "-Drat.skip=true",
            "-Dmdep.outputFile="
                + out.resolve("${project.groupId}:${project.artifactId}.classpath"),
            "-Dmdep.includeScope=compile"));
    notes.progress("resolving the classpath of " + dir + " with Maven...");
    MavenRun maven = run(command, null);
    String output = maven.output();
    Set<String> classpath = new LinkedHashSet<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> written = Files.list(out)) {
      for (Path cpFile : written.sorted().toList()) {
        for (String entry :
            Files.readString(cpFile, UTF_8).strip().split(java.io.File.pathSeparator)) {
          if (!entry.isEmpty() && !isReactorOutput(entry, modules)) {
            classpath.add(entry);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(out);
    }
    List<String> failed =
        output
            .lines()
            .filter(l -> l.startsWith("[ERROR] Failed to execute goal"))
            .map(l -> l.replace("[ERROR] ", "").strip())
            .toList();
    for (String failure : failed) {
      notes.warn(
          "a module's classpath did not resolve; its sources are analysed with what did: "
              + failure.replaceFirst(" -> \\[Help 1\\]$", ""));
    }
    if (maven.exit() != 0 && failed.isEmpty()) {
      throw new UsageException(
          "could not resolve the classpath of " + dir + " with Maven: " + firstError(output));
    }
    for (Path module : modules) {
      Path sources = module.resolve("src/main/java");
      if (Files.isDirectory(sources)) {
        files.addAll(javaFiles(sources, false));
      }
    }
    if (files.isEmpty()) {
      throw new UsageException("no .java files under src/main/java of " + dir + " or its modules");
    }
    if (!extraClasspath.isEmpty()) {
      classpath.add(extraClasspath);
    }
    return new SourceSet(
        files,
        String.join(java.io.File.pathSeparator, classpath),
        dir.toAbsolutePath().normalize(),
        dir + " (" + modules.size() + " Maven module" + (modules.size() == 1 ? "" : "s") + ")");
  }

  /** Where the command line's one-line notes go. */
  interface Notes {
    /** What is going on (on standard error; not with -q). */
    void progress(String line);

    /** Something the results lack (on standard error, always). */
    void warn(String line);
  }

  /**
   * A published artifact: its {@code -sources.jar} and its compile classpath, both resolved by
   * Maven from Maven Central into the user's local repository, the sources unpacked into {@code
   * work}.
   */
  static SourceSet artifact(String coordinates, Path work, boolean offline, Notes notes)
      throws UsageException {
    if (!COORDINATES.matcher(coordinates).matches()) {
      throw new UsageException("--artifact wants group:name:version, got '" + coordinates + "'");
    }
    String[] gav = coordinates.split(":");
    try {
      Path unpacked = work.resolve("src");
      Path classpathFile = work.resolve("classpath.txt");
      if (Files.isDirectory(unpacked) && Files.isRegularFile(classpathFile)) {
        // Resolved before into this folder (--work): reuse it.
        return new SourceSet(
            withoutRepeatedCopies(javaFiles(unpacked, false), unpacked, notes),
            Files.readString(classpathFile, UTF_8).strip(),
            unpacked,
            coordinates + " (sources jar)");
      }
      Files.createDirectories(work);
      Path pom = work.resolve("pom.xml");
      Files.writeString(
          pom,
          """
          <project xmlns="http://maven.apache.org/POM/4.0.0">
            <modelVersion>4.0.0</modelVersion>
            <groupId>dev.cancelguard.cli</groupId>
            <artifactId>resolve</artifactId>
            <version>1</version>
            <dependencies>
              <dependency>
                <groupId>%s</groupId>
                <artifactId>%s</artifactId>
                <version>%s</version>
              </dependency>
            </dependencies>
          </project>
          """
              .formatted(gav[0], gav[1], gav[2]),
          UTF_8);
      Path jars = work.resolve("jars");
      List<String> command = new ArrayList<>(mvn(offline));
      command.addAll(
          List.of(
              "-f",
              pom.toString(),
              "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy",
              "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
              "-Dartifact=" + coordinates + ":jar:sources",
              "-DoutputDirectory=" + jars,
              "-Dmdep.outputFile=" + work.resolve("dependencies.txt"),
              "-Dmdep.includeScope=compile"));
      notes.progress("resolving " + coordinates + " and its dependencies with Maven...");
      run(command, "artifact " + coordinates + " did not resolve");
      Path sourcesJar = jars.resolve(gav[1] + "-" + gav[2] + "-sources.jar");
      Path sources = work.resolve("src");
      unzipJava(sourcesJar, sources);
      List<Path> files =
          Files.isDirectory(sources)
              ? withoutRepeatedCopies(javaFiles(sources, false), sources, notes)
              : List.of();
      if (files.isEmpty()) {
        throw new UsageException("the sources jar of " + coordinates + " has no .java files");
      }
      Set<String> classpath = new LinkedHashSet<>();
      classpath.add(Files.readString(work.resolve("dependencies.txt"), UTF_8).strip());
      classpath.addAll(ownBuildClasspath(coordinates, gav, work, offline));
      classpath.remove("");
      String joined = String.join(java.io.File.pathSeparator, classpath);
      Files.writeString(classpathFile, joined, UTF_8);
      return new SourceSet(files, joined, sources, coordinates + " (sources jar)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A sources jar's files less the copies of files it already has at a shorter path: the sources of
   * a multi-release jar's other releases ({@code META-INF/versions/N/a/B.java} beside {@code
   * a/B.java}), or a tree shipped twice ({@code java/a/B.java}). javac rejects the second class of
   * a name, so such a copy would be code nothing can analyse; the one at the shorter path is the
   * one the jar's own release compiles.
   */
  static List<Path> withoutRepeatedCopies(List<Path> files, Path root, Notes notes) {
    Path base = root.toAbsolutePath().normalize();
    Map<Path, String> relative = new LinkedHashMap<>();
    for (Path file : files) {
      relative.put(
          file, base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/'));
    }
    Set<String> paths = new HashSet<>(relative.values());
    List<Path> kept = new ArrayList<>();
    List<String> repeated = new ArrayList<>();
    relative.forEach(
        (file, path) -> {
          for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (paths.contains(path.substring(slash + 1))) {
              repeated.add(path);
              return;
            }
          }
          kept.add(file);
        });
    if (!repeated.isEmpty()) {
      notes.warn(
          repeated.size()
              + " file"
              + (repeated.size() == 1 ? "" : "s")
              + " of the sources jar repeat one it has at a shorter path (first: "
              + repeated.getFirst()
              + "; a multi-release jar's other releases, or a tree shipped twice): not analysed,"
              + " javac takes one class of a name");
    }
    return kept;
  }

  /**
   * The classpath the artifact was built with, read from its own POM: its optional and provided
   * dependencies too, which a dependent does not inherit but its sources need. Best effort: empty
   * when that POM cannot be resolved as a project.
   */
  private static List<String> ownBuildClasspath(
      String coordinates, String[] gav, Path work, boolean offline) throws UsageException {
    Path ownPom = work.resolve("own");
    List<String> copyPom = new ArrayList<>(mvn(offline));
    copyPom.addAll(
        List.of(
            "-f",
            work.resolve("pom.xml").toString(),
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy",
            "-Dartifact=" + coordinates + ":pom",
            "-DoutputDirectory=" + ownPom));
    Path classpathFile = work.resolve("own-classpath.txt");
    List<String> resolve = new ArrayList<>(mvn(offline));
    resolve.addAll(
        List.of(
            "-f",
            ownPom.resolve(gav[1] + "-" + gav[2] + ".pom").toString(),
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
            "-Dmdep.outputFile=" + classpathFile,
            "-Dmdep.includeScope=compile"));
    try {
      run(copyPom, "");
      run(resolve, "");
      return List.of(
          Files.readString(classpathFile, UTF_8).strip().split(java.io.File.pathSeparator));
    } catch (UsageException | IOException e) {
      return List.of();
    }
  }

  private static List<String> mvn(boolean offline) throws UsageException {
    String mvn = findOnPath(isWindows() ? "mvn.cmd" : "mvn");
    if (mvn == null) {
      throw new UsageException(
          "Maven (mvn) is not on PATH; it is needed for Maven projects and --artifact");
    }
    List<String> command = new ArrayList<>(List.of(mvn, "-B", "-q"));
    if (offline) {
      command.add("-o");
    }
    return command;
  }

  /**
   * Runs Maven; returns its output. With a {@code failure} message, a failing run is a usage error
   * naming Maven's first error; without one, the caller reads the output.
   */
  private static MavenRun run(List<String> command, String failure) throws UsageException {
    String what = failure == null ? "mvn" : failure;
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), UTF_8);
      }
      if (!process.waitFor(30, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new UsageException(what + ": Maven did not finish in 30 minutes");
      }
      if (process.exitValue() != 0 && failure != null) {
        throw new UsageException(failure + ": " + firstError(output));
      }
      return new MavenRun(process.exitValue(), output);
    } catch (IOException e) {
      throw new UsageException(what + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageException(what + ": interrupted");
    }
  }

  private record MavenRun(int exit, String output) {}

  private static String firstError(String output) {
    return output
        .lines()
        .filter(l -> l.contains("[ERROR]"))
        .map(l -> l.replace("[ERROR]", "").strip())
        .filter(l -> !l.isEmpty())
        .findFirst()
        .orElse("mvn failed");
  }

  private static List<Path> moduleDirs(Path dir) throws UsageException {
    if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
      throw new UsageException("no pom.xml in " + dir);
    }
    try (Stream<Path> poms = Files.walk(dir)) {
      return poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/src/"))
          .map(Path::getParent)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isReactorOutput(String entry, List<Path> modules) {
    Path path = Path.of(entry).toAbsolutePath().normalize();
    return modules.stream()
        .anyMatch(m -> path.startsWith(m.toAbsolutePath().normalize().resolve("target")));
  }

  private static List<Path> javaFiles(Path dir, boolean skipNestedTests) {
    Path base = dir.toAbsolutePath().normalize();
    try (Stream<Path> files = Files.walk(base)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !base.relativize(f).toString().contains("target/"))
          .filter(f -> !skipNestedTests || !base.relativize(f).toString().contains("src/test/"))
          .filter(f -> !f.getFileName().toString().equals("module-info.java"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void unzipJava(Path jar, Path into) throws IOException {
    Path base = into.toAbsolutePath().normalize();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        Path target = base.resolve(entry.getName()).normalize();
        if (entry.isDirectory() || !entry.getName().endsWith(".java") || !target.startsWith(base)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.copy(zip, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Deletes a folder and everything in it, quietly (used for temporary folders). */
  static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: it is a temporary folder.
    }
  }

  private static String findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
  }
}
