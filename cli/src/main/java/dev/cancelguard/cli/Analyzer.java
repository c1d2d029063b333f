package dev.cancelguard.cli;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugCheckerInfo;
import com.google.errorprone.CodeTransformer;
import com.google.errorprone.ErrorProneError;
import com.google.errorprone.ErrorProneOptions;
import com.google.errorprone.InvalidCommandLineOptionException;
import com.google.errorprone.SubContext;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.scanner.ErrorProneScannerTransformer;
import com.google.errorprone.scanner.Scanner;
import com.google.errorprone.scanner.ScannerSupplier;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import com.sun.tools.javac.api.JavacTaskImpl;
import com.sun.tools.javac.api.JavacTool;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.util.Context;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.jspecify.annotations.Nullable;

/**
 * Compiles sources with javac (through attribution and flow analysis, no class files) and runs the
 * CancelGuard checks on every compilation unit, whether or not the code compiled cleanly: a unit
 * with a missing class is still analysed where javac could attribute it.
 */
final class Analyzer {
  /** What one run found. */
  record Result(
      List<Finding> findings,
      int files,
      List<String> compileErrors,
      List<String> crashes,
      List<String> skipped,
      Map<Path, Fixes.FileFix> fixes) {}

  private final List<BugCheckerInfo> checks;
  private final List<String> errorProneFlags;
  private final List<String> javacOptions;
  private final Progress progress;
  private final Charset encoding;

  Analyzer(
      List<BugCheckerInfo> checks,
      List<String> errorProneFlags,
      List<String> javacOptions,
      Charset encoding,
      Progress progress) {
    this.checks = checks;
    this.errorProneFlags = errorProneFlags;
    this.javacOptions = javacOptions;
    this.encoding = encoding;
    this.progress = progress;
  }

  /**
   * Analyses the files, reading those in {@code contents} from there instead of the disk (the text
   * earlier rounds of --fix produced); with {@code computeFixes}, also works out the text of each
   * file with its findings' fixes applied ({@link Fixes}), writing nothing.
   */
  Result run(
      List<Path> files,
      String classpath,
      Function<Path, String> displayPath,
      Map<Path, String> contents,
      boolean computeFixes)
      throws UsageException {
    ScannerSupplier supplier = scannerSupplier();
    Scanner scanner = scanner(supplier);
    JavacTool javac = JavacTool.create();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, encoding)) {
      List<String> options = new ArrayList<>();
      options.addAll(
          List.of(
              "-proc:none",
              "-implicit:none",
              "-nowarn",
              "-Xlint:none",
              "-Xmaxerrs",
              "100000",
              "-encoding",
              encoding.name(),
              "-XDshould-stop.ifError=FLOW",
              "-XDshould-stop.ifNoError=FLOW",
              "-sourcepath",
              ""));
      if (!classpath.isEmpty()) {
        options.addAll(List.of("-classpath", classpath));
      }
      options.addAll(javacOptions);
      JavacTaskImpl task =
          (JavacTaskImpl)
              javac.getTask(
                  new StringWriter(),
                  fileManager,
                  diagnostics,
                  options,
                  null,
                  sources(fileManager, files, contents));
      progress.start("compiling", files.size());
      task.addTaskListener(
          new TaskListener() {
            @Override
            public void finished(TaskEvent e) {
              if (e.getKind() == TaskEvent.Kind.ANALYZE) {
                progress.step(e.getSourceFile() == null ? null : e.getSourceFile().getName());
              }
            }
          });
      List<CompilationUnitTree> units = new ArrayList<>();
      task.parse().forEach(units::add);
      task.analyze();
      progress.done();

      java.util.Set<java.net.URI> filesWithErrors = new java.util.HashSet<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
          filesWithErrors.add(d.getSource().toUri());
        }
      }
      Context context = new SubContext(task.getContext());
      context.put(ErrorProneOptions.class, errorProneOptions());
      CodeTransformer transformer = ErrorProneScannerTransformer.create(scanner);
      Trees trees = Trees.instance(task);
      List<Finding> findings = new ArrayList<>();
      List<String> crashes = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      Map<Path, Fixes.FileFix> fixes = new LinkedHashMap<>();
      progress.start("analysing", units.size());
      for (CompilationUnitTree unit : units) {
        Path file = Path.of(unit.getSourceFile().toUri());
        List<Description> descriptions = new ArrayList<>();
        try {
          transformer.apply(new TreePath(unit), context, descriptions::add);
        } catch (RuntimeException | Error e) {
          descriptions.clear();
          if (!filesWithErrors.isEmpty()) {
            // javac could not attribute all of the code: analyse what it could, member by
            // member, and skip the members whose broken code a check could not handle. A file
            // without errors of its own is broken too where it uses a broken file's types: javac
            // leaves those calls unresolved without reporting them again.
            scanCheckByCheck(
                unit, supplier, context, descriptions, displayPath.apply(file), skipped);
          } else {
            crashes.add(
                displayPath.apply(file)
                    + (e instanceof ErrorProneError error ? " (" + error.checkName() + ")" : "")
                    + ": "
                    + rootCause(e));
            if (System.getenv("CANCELGUARD_STACK_TRACES") != null) {
              e.printStackTrace();
            }
          }
        }
        String source = unit.getSourceFile().getCharContent(true).toString();
        for (Description description : descriptions) {
          findings.add(toFinding(description, unit, file, source, displayPath, trees));
        }
        if (computeFixes) {
          Fixes.FileFix fix = Fixes.apply((JCCompilationUnit) unit, file, source, descriptions);
          if (fix.applied() > 0 || fix.deferred() > 0) {
            fixes.put(file, fix);
          }
        }
        progress.step(file.toString());
      }
      progress.done();
      return new Result(
          findings, units.size(), compileErrors(diagnostics), crashes, skipped, fixes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files as javac reads them: from {@code contents} where given, else from the disk. */
  private static List<JavaFileObject> sources(
      StandardJavaFileManager fileManager, List<Path> files, Map<Path, String> contents) {
    List<JavaFileObject> sources = new ArrayList<>();
    for (Path file : files) {
      String text = contents.get(file);
      if (text == null) {
        fileManager.getJavaFileObjects(file).forEach(sources::add);
      } else {
        sources.add(
            new SimpleJavaFileObject(file.toUri(), JavaFileObject.Kind.SOURCE) {
              @Override
              public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
              }
            });
      }
    }
    return sources;
  }

  /**
   * For a file javac could not fully attribute: each check on its own over the whole file, and a
   * check that cannot handle the broken code member by member, so one check's trouble with one
   * broken member hides nothing else. What a check could not analyse is added to {@code skipped}:
   * its findings there are lost, so the user (and the corpus benchmark) must hear of it.
   */
  private static void scanCheckByCheck(
      CompilationUnitTree unit,
      ScannerSupplier supplier,
      Context context,
      List<Description> descriptions,
      String displayPath,
      List<String> skipped) {
    Map<String, String> failures = new LinkedHashMap<>();
    for (BugCheckerInfo check : supplier.getEnabledChecks()) {
      CodeTransformer single =
          ErrorProneScannerTransformer.create(
              supplier.filter(c -> c.canonicalName().equals(check.canonicalName())).get());
      List<Description> found = new ArrayList<>();
      try {
        single.apply(new TreePath(unit), context, found::add);
        descriptions.addAll(found);
      } catch (RuntimeException | Error e) {
        List<String> skippedMembers = scanMembers(unit, single, context, descriptions);
        failures.put(
            check.canonicalName(),
            rootCause(e)
                + "; "
                + (skippedMembers.isEmpty()
                    ? "analysed member by member instead, none skipped"
                    : "skipped " + String.join(", ", skippedMembers)));
      }
    }
    // Where javac left the file unattributed every check fails alike: one line says so.
    if (failures.size() > 1
        && failures.size() == supplier.getEnabledChecks().size()
        && failures.values().stream().distinct().count() == 1) {
      skipped.add(displayPath + " (every check): " + failures.values().iterator().next());
      return;
    }
    failures.forEach((check, failure) -> skipped.add(displayPath + " (" + check + "): " + failure));
  }

  /** Runs the check over each member on its own; returns the members it could not analyse. */
  private static List<String> scanMembers(
      CompilationUnitTree unit,
      CodeTransformer transformer,
      Context context,
      List<Description> descriptions) {
    List<String> skippedMembers = new ArrayList<>();
    TreePath unitPath = new TreePath(unit);
    for (Tree type : unit.getTypeDecls()) {
      if (!(type instanceof ClassTree classTree)) {
        continue;
      }
      TreePath classPath = new TreePath(unitPath, classTree);
      for (Tree member : classTree.getMembers()) {
        List<Description> found = new ArrayList<>();
        try {
          transformer.apply(new TreePath(classPath, member), context, found::add);
          descriptions.addAll(found);
        } catch (RuntimeException | Error e) {
          skippedMembers.add(memberName(classTree, member));
        }
      }
    }
    return skippedMembers;
  }

  /** {@code Outer#method}, {@code Outer.Inner} or {@code Outer#field}, as findings name members. */
  private static String memberName(ClassTree owner, Tree member) {
    String ownerName = owner.getSimpleName().toString();
    return switch (member) {
      case MethodTree method -> ownerName + "#" + method.getName();
      case ClassTree nested -> ownerName + "." + nested.getSimpleName();
      case com.sun.source.tree.VariableTree field -> ownerName + "#" + field.getName();
      default -> ownerName + " (an initializer)";
    };
  }

  private ScannerSupplier scannerSupplier() throws UsageException {
    try {
      return ScannerSupplier.fromBugCheckerInfos(checks).applyOverrides(errorProneOptions());
    } catch (InvalidCommandLineOptionException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private Scanner scanner(ScannerSupplier supplier) throws UsageException {
    try {
      return supplier.get();
    } catch (InvalidCommandLineOptionException e) {
      throw new UsageException(e.getMessage());
    } catch (RuntimeException e) {
      // A check rejected its -XepOpt flags (the message names the flag).
      throw new UsageException(rootCause(e));
    }
  }

  private ErrorProneOptions errorProneOptions() throws UsageException {
    List<String> args = new ArrayList<>();
    // Checks the user named are on even if they are off by default.
    checks.forEach(c -> args.add("-Xep:" + c.canonicalName()));
    args.addAll(errorProneFlags);
    try {
      return ErrorProneOptions.processArgs(args);
    } catch (InvalidCommandLineOptionException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static Finding toFinding(
      Description description,
      CompilationUnitTree unit,
      Path file,
      String source,
      Function<Path, String> displayPath,
      Trees trees) {
    int position = description.position.getPreferredPosition();
    long line = unit.getLineMap().getLineNumber(position);
    long lineStart = unit.getLineMap().getStartPosition(line);
    // In characters, as editors and SARIF count: javac's own column counts a tab as up to 8.
    long column = position - lineStart + 1;
    String sourceLine = lineAt(source, lineStart);
    Finding.FixEdit fix = null;
    if (!description.fixes.isEmpty()) {
      fix = Fixes.edit((JCCompilationUnit) unit, file, source, description);
    }
    return new Finding(
        description.checkName,
        description.severity().name(),
        file,
        displayPath.apply(file),
        line,
        column,
        description.getRawMessage(),
        description.getLink(),
        enclosingMember(unit, position, trees.getSourcePositions()),
        sourceLine,
        fix);
  }

  private static String lineAt(String source, long start) {
    int from = (int) start;
    int end = source.indexOf('\n', from);
    return source.substring(from, end < 0 ? source.length() : end).stripTrailing();
  }

  /** {@code Outer.Inner#method} around the position, or the class at class level. */
  private static String enclosingMember(
      CompilationUnitTree unit, int position, SourcePositions positions) {
    List<String> names = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == null) {
          return null;
        }
        long start = positions.getStartPosition(unit, tree);
        long end = positions.getEndPosition(unit, tree);
        if (start >= 0 && end >= 0 && (position < start || position >= end)) {
          return null;
        }
        if (tree instanceof ClassTree c) {
          names.add(c.getSimpleName().isEmpty() ? "<anonymous>" : c.getSimpleName().toString());
        } else if (tree instanceof MethodTree m && !ASTHelpers.isGeneratedConstructor(m)) {
          names.add("#" + m.getName());
        }
        return super.scan(tree, null);
      }
    }.scan(unit, null);
    String member = String.join(".", names).replace(".#", "#");
    return member.isEmpty() ? "<top>" : member;
  }

  private static List<String> compileErrors(DiagnosticCollector<JavaFileObject> diagnostics) {
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(
            d ->
                (d.getSource() == null ? "" : fileName(d.getSource()) + ":")
                    + d.getLineNumber()
                    + ": "
                    + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * The file's own name: a source's, or a class file's in a jar, which has no path of its own (its
   * name reads {@code archive.jar(/pkg/Name.class)}).
   */
  private static String fileName(JavaFileObject source) {
    String name = source.getName();
    if (name.endsWith(")")) {
      name = name.substring(0, name.length() - 1);
    }
    return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    StackTraceElement[] frames = cause.getStackTrace();
    String where = frames.length == 0 ? "" : " at " + frames[0];
    // Where a library threw (e.g. ASTHelpers on an unresolved call), the CancelGuard code that
    // asked is what a bug report needs.
    for (StackTraceElement frame : frames) {
      if (frame.getClassName().startsWith("dev.cancelguard.")
          && !frame.getClassName().startsWith("dev.cancelguard.cli.")
          && frame != frames[0]) {
        where += " from " + frame;
        break;
      }
    }
    // A message may quote source code over several lines: the report keeps one line per failure.
    String message = String.valueOf(cause.getMessage()).replaceAll("\\s+", " ");
    if (message.length() > 200) {
      message = message.substring(0, 200) + "...";
    }
    return cause.getClass().getSimpleName() + ": " + message + where;
  }

  /**
   * Progress on stderr for long runs; silent with -q. On a terminal one line is redrawn with {@code
   * \r}; elsewhere (a CI log, a file) a plain line is printed every few seconds.
   */
  static final class Progress {
    private final @Nullable PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private String phase = "";
    private int total;
    private int done;
    private long lastPrint = startNanos;
    private boolean printed;

    Progress(@Nullable PrintStream out, boolean terminal) {
      this.out = out;
      this.terminal = terminal;
    }

    void start(String phase, int total) {
      this.phase = phase;
      this.total = total;
      this.done = 0;
    }

    void step(@Nullable String unused) {
      done++;
      long now = System.nanoTime();
      long every = terminal ? 1_000_000_000L : 10_000_000_000L;
      if (out != null && now - lastPrint > every) {
        lastPrint = now;
        if (terminal) {
          printed = true;
          out.printf("\r%s %d/%d files, %.1fs   ", phase, Math.min(done, total), total, seconds());
        } else {
          out.printf("%s %d/%d files, %.1fs%n", phase, Math.min(done, total), total, seconds());
        }
      }
    }

    void done() {
      if (out != null && printed) {
        out.printf("\r%s %d/%d files, %.1fs   %n", phase, total, total, seconds());
        printed = false;
      }
    }

    /** A line about what is happening, e.g. Maven resolving an artifact. */
    void note(String line) {
      if (out != null) {
        out.println("cancelguard: " + line);
      }
    }

    double seconds() {
      return (System.nanoTime() - startNanos) / 1e9;
    }
  }
}
