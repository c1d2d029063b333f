package dev.cancelguard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Base classes a test compiles to class files of their own, so that the same expectations run
 * twice: with the bases compiled beside the code, and with them read from their class files, as a
 * base class of another jar is.
 */
final class ClassFileBases {
  private final Map<String, String> bases;
  private final Path classes;

  private ClassFileBases(Map<String, String> bases, Path classes) {
    this.bases = bases;
    this.classes = classes;
  }

  /** Compiles {@code bases} (file name to source) for Java 8 into {@code work/classes}. */
  static ClassFileBases compile(Path work, Map<String, String> bases) throws IOException {
    Path classes = work.resolve("classes");
    javac("8", work.resolve("src"), classes, bases);
    return new ClassFileBases(bases, classes);
  }

  /**
   * Compiles {@code sources} (file name to source) for Java 17 into {@code work/name}, a jar's
   * classes of their own: for tests that need several such jars.
   */
  static Path compileJar(Path work, String name, Map<String, String> sources) throws IOException {
    Path classes = work.resolve(name);
    javac("17", work.resolve("src-" + name), classes, sources);
    return classes;
  }

  private static void javac(
      String release, Path sourceDir, Path classes, Map<String, String> sources)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--release", release, "-Xlint:-options", "-proc:none", "-d", classes.toString()));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = sourceDir.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
  }

  /**
   * A helper for {@code check} that reads the bases from their class files only, as classes of
   * another jar: for expectations that hold only when the bases are not compiled beside the code.
   */
  CompilationTestHelper classFilesOnly(Class<? extends BugChecker> check, Class<?> test) {
    return CompilationTestHelper.newInstance(check, test)
        .setArgs("-cp", classes + File.pathSeparator + System.getProperty("java.class.path"));
  }

  /** The class path that reads the bases from their class files, before the test's own. */
  String classPath() {
    return classes + File.pathSeparator + System.getProperty("java.class.path");
  }

  /** The source of one base, to compile it beside the code instead. */
  String source(String file) {
    return bases.get(file);
  }

  /**
   * Runs {@code check} on {@code files} (file name, source, file name, source, ...) with the bases
   * as sources of the same compilation, then with them on the class path only.
   */
  void bothWays(Class<? extends BugChecker> check, Class<?> test, String... files) {
    CompilationTestHelper fromSource = CompilationTestHelper.newInstance(check, test);
    for (int i = 0; i < files.length; i += 2) {
      fromSource.addSourceLines(files[i], files[i + 1]);
    }
    bases.forEach(fromSource::addSourceLines);
    fromSource.doTest();
    CompilationTestHelper fromClassFiles =
        CompilationTestHelper.newInstance(check, test)
            .setArgs("-cp", classes + File.pathSeparator + System.getProperty("java.class.path"));
    for (int i = 0; i < files.length; i += 2) {
      fromClassFiles.addSourceLines(files[i], files[i + 1]);
    }
    fromClassFiles.doTest();
  }
}
