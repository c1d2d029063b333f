package dev.cancelguard.checks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.errorprone.CodeTransformer;
import com.google.errorprone.ErrorProneOptions;
import com.google.errorprone.apply.DescriptionBasedDiff;
import com.google.errorprone.apply.ImportOrganizer;
import com.google.errorprone.apply.SourceFile;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.ErrorProneEndPosTable;
import com.google.errorprone.fixes.Replacement;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.scanner.ErrorProneScannerTransformer;
import com.google.errorprone.scanner.ScannerSupplier;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.api.JavacTaskImpl;
import com.sun.tools.javac.api.JavacTool;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.util.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.jspecify.annotations.Nullable;

/**
 * Applies the first fix of every finding of every CancelGuard check to one source file at once, as
 * {@code -XepPatchChecks} does, but refusing overlapping edits instead of dropping some of them:
 * two checks whose fixes touch the same text make {@link #apply} throw.
 */
final class AllFixes {
  private AllFixes() {}

  /** The CancelGuard checks registered through {@code META-INF/services}. */
  static List<Class<? extends BugChecker>> everyCheck() {
    return ServiceLoader.load(BugChecker.class).stream()
        .map(ServiceLoader.Provider::type)
        .filter(type -> type.getPackageName().startsWith("dev.cancelguard"))
        .<Class<? extends BugChecker>>map(type -> type)
        .toList();
  }

  /**
   * One file's findings and its source once all their first fixes are applied; or, where two fixes
   * overlap, what overlaps (and {@code fixed} is null).
   */
  record Result(List<Description> findings, @Nullable String fixed, @Nullable String overlap) {}

  /** Writes one source file into {@code directory} and applies every check's fixes to it. */
  static Result apply(Path directory, String fileName, String source, String... javacOptions) {
    try {
      Path file = directory.resolve(fileName);
      Files.writeString(file, source, UTF_8);
      return applyAll(List.of(file), directory, javacOptions).get(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles the files together and, file by file, applies the first fix of every finding. */
  static Map<Path, Result> applyAll(List<Path> sources, Path classes, String... javacOptions)
      throws IOException {
    JavacTool javac = JavacTool.create();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, UTF_8)) {
      JavacTaskImpl task =
          (JavacTaskImpl)
              javac.getTask(
                  new StringWriter(),
                  files,
                  diagnostics,
                  Stream.concat(
                          Stream.of("-proc:none", "-d", classes.toString()),
                          Arrays.stream(javacOptions))
                      .toList(),
                  null,
                  files.getJavaFileObjectsFromPaths(sources));
      List<CompilationUnitTree> units = new ArrayList<>();
      task.parse().forEach(units::add);
      task.analyze();
      if (diagnostics.getDiagnostics().stream()
          .anyMatch(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)) {
        throw new AssertionError("the input does not compile: " + diagnostics.getDiagnostics());
      }
      Context context = task.getContext();
      context.put(ErrorProneOptions.class, ErrorProneOptions.empty());
      CodeTransformer checks =
          ErrorProneScannerTransformer.create(
              ScannerSupplier.fromBugCheckerClasses(everyCheck()).get());
      Map<Path, Result> results = new LinkedHashMap<>();
      for (CompilationUnitTree unit : units) {
        Path file = Path.of(unit.getSourceFile().toUri());
        List<Description> findings = new ArrayList<>();
        checks.apply(new TreePath(unit), context, findings::add);
        // Strict, unlike the patching Error Prone does: an overlap throws here.
        DescriptionBasedDiff diff =
            DescriptionBasedDiff.create(
                (JCCompilationUnit) unit, ImportOrganizer.STATIC_FIRST_ORGANIZER);
        String source = unit.getSourceFile().getCharContent(true).toString();
        String inside = insertionInsideAnotherEdit(findings, (JCCompilationUnit) unit);
        try {
          if (inside != null) {
            throw new IllegalArgumentException(inside);
          }
          findings.forEach(diff::onDescribed);
        } catch (IllegalArgumentException overlap) {
          results.put(
              file,
              new Result(
                  findings,
                  null,
                  overlap.getMessage()
                      + "; findings: "
                      + findings.stream().map(d -> d.checkName + " at " + d.position).toList()));
          continue;
        }
        SourceFile fixed = new SourceFile(file.toString(), source);
        diff.applyDifferences(fixed);
        results.put(file, new Result(findings, fixed.getSourceText(), null));
      }
      return results;
    }
  }

  /**
   * An edit of one finding's first fix that starts or ends strictly inside a replaced range of
   * another's (an insertion in the middle of a rewritten block, which Error Prone's own test lets
   * through and then applies out of order), or null. The same edit in two fixes is applied once.
   */
  private static @Nullable String insertionInsideAnotherEdit(
      List<Description> findings, JCCompilationUnit unit) {
    List<List<Replacement>> edits = new ArrayList<>();
    for (Description finding : findings) {
      edits.add(
          finding.fixes.isEmpty()
              ? List.of()
              : List.copyOf(
                  finding.fixes.getFirst().getReplacements(ErrorProneEndPosTable.create(unit))));
    }
    for (int i = 0; i < edits.size(); i++) {
      for (int j = 0; j < edits.size(); j++) {
        if (i == j) {
          continue;
        }
        for (Replacement outer : edits.get(i)) {
          for (Replacement edit : edits.get(j)) {
            if (edit.equals(outer)) {
              continue;
            }
            int start = outer.startPosition();
            int end = outer.endPosition();
            if ((edit.startPosition() > start && edit.startPosition() < end)
                || (edit.endPosition() > start && edit.endPosition() < end)) {
              return findings.get(j).checkName
                  + " edits "
                  + edit.range()
                  + " inside "
                  + findings.get(i).checkName
                  + "'s "
                  + outer.range();
            }
          }
        }
      }
    }
    return null;
  }
}
