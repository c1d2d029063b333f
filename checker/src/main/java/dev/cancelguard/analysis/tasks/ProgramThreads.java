package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.UnitCache;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Code that runs only on a thread the program itself starts and that nothing interrupts: its main
 * thread, below a {@code main(String[])} of this file, or the thread of a shutdown hook this file
 * hands straight to {@code Runtime.addShutdownHook}.
 *
 * <p>A method is reached only from such a thread's work when only this file can call it and every
 * call of it in the file lies, on the same thread, in such work: in the {@code main} itself (a
 * {@code main} no code of the compilation calls or names by a method reference), in the hook's
 * body, or in another method reached only from there ({@value #MAX_DEPTH} calls up at most). A call
 * in a lambda counts only where the lambda runs on its own caller's thread ({@link
 * SameThreadActions}): the action of an {@code Iterable}'s, a {@code Map}'s or a stream's {@code
 * forEach}, or a step of a stream pipeline the same expression finishes. Only this file can call a
 * method that is private, a member of a class only this file can name ({@link
 * OwnThreads#callableOnlyInThisFile}), or package-private in a package compiled whole whose other
 * files never name it; a public or protected method of a class other packages can name is the
 * library's users' to call, on their threads, and is not followed. The method overrides nothing (a
 * call through the supertype could reach it from anywhere) and no method reference names it.
 *
 * <p>An instance method is also reached only from such work, whoever calls it, when its class is
 * one only this file can name whose every instance is made in such work and never leaves the code
 * that makes it, nor its {@code this} the class's own code ({@link ConfinedInstances}): a
 * command-line tool's service object, made and used through a local by code only {@code main}
 * reaches. Whatever runs the method holds the object, and only frames of the making thread ever do.
 *
 * <p>Nothing can interrupt those threads: a thread is interrupted only through its {@code Thread}
 * object, the JVM interrupts neither the main thread (a signal starts the shutdown hooks) nor a
 * hook's thread, a hook's {@code Thread} handed straight to {@code addShutdownHook} is held by
 * nobody else, and the file hands no {@code Thread.currentThread()} out (it is only ever the
 * receiver of a call). What the file does not show is not assumed: code of other files that runs on
 * the main thread and keeps it to interrupt later is not seen, as for {@code main}'s own catches.
 */
public final class ProgramThreads {
  /** Methods followed up the call chain at most this deep. */
  private static final int MAX_DEPTH = 6;

  /** Whether a file declares a {@code main} or adds a shutdown hook, asked once per file. */
  private static final UnitCache.Kind<CompilationUnitTree, Boolean> HAS_PROGRAM_THREADS_WORK =
      new UnitCache.Kind<>();

  /** Whether a file hands its {@code Thread.currentThread()} out, asked once per file. */
  private static final UnitCache.Kind<CompilationUnitTree, Boolean> HANDS_OUT_THE_CURRENT_THREAD =
      new UnitCache.Kind<>();

  private ProgramThreads() {}

  /**
   * True if the code unit is not a {@code main} itself (its catches are {@link
   * LostInterrupts#isMainNobodyCanInterrupt}'s) and runs only below a program's {@code main} or in
   * a shutdown hook's body, in a file that never hands its thread out.
   */
  public static boolean runsOnlyOnMainOrAShutdownHook(TreePath codeUnit, VisitorState state) {
    if (Tasks.isMainMethod(codeUnit)) {
      return false;
    }
    CompilationUnitTree unit = codeUnit.getCompilationUnit();
    // Every caller followed is in this file or, for code only its package can call, in another file
    // of its package: without a main or a shutdown hook there, nothing here is reached from one.
    // The questions about a file are asked once per file, not per catch.
    if (!hasProgramThreadsWork(unit, state)
        && !aFileOfItsPackageHasProgramThreadsWork(unit, state)) {
      return false;
    }
    Set<CompilationUnitTree> files = new LinkedHashSet<>();
    if (!reachedOnlyFromProgramThreads(
        codeUnit, state, new HashSet<>(), new HashSet<>(), files, MAX_DEPTH)) {
      return false;
    }
    for (CompilationUnitTree file : files) {
      if (UnitCache.get(
          HANDS_OUT_THE_CURRENT_THREAD, file, state, u -> handsOutTheCurrentThread(u, state))) {
        return false;
      }
    }
    return true;
  }

  /** {@link #findsProgramThreadsWork}, asked once per file. */
  private static boolean hasProgramThreadsWork(CompilationUnitTree unit, VisitorState state) {
    return UnitCache.get(
        HAS_PROGRAM_THREADS_WORK, unit, state, u -> findsProgramThreadsWork(u, state));
  }

  /**
   * Another source file of the file's package declares a {@code main} or adds a shutdown hook: code
   * only the package can call may be reached from there.
   */
  private static boolean aFileOfItsPackageHasProgramThreadsWork(
      CompilationUnitTree unit, VisitorState state) {
    if (!(unit instanceof JCCompilationUnit compiled) || compiled.packge == null) {
      return false;
    }
    try {
      for (Symbol member : compiled.packge.members().getSymbols()) {
        if (member instanceof ClassSymbol type
            && CompiledSources.classPath(type, state) instanceof TreePath declaration
            && declaration.getCompilationUnit() != unit
            && hasProgramThreadsWork(declaration.getCompilationUnit(), state)) {
          return true;
        }
      }
    } catch (RuntimeException unlisted) {
      return false; // a package whose members cannot be listed
    }
    return false;
  }

  /**
   * The file declares a {@code main(String[])} or calls {@code Runtime.addShutdownHook}: without
   * either, no code unit of it is {@link #isProgramThreadsWork}, and every caller {@link
   * #sameThreadCallers} follows is in the file.
   */
  private static boolean findsProgramThreadsWork(CompilationUnitTree unit, VisitorState state) {
    boolean[] found = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] ? null : super.scan(tree, null);
      }

      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        found[0] |= Tasks.isMainMethod(getCurrentPath());
        return super.visitMethod(method, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        found[0] |=
            Expressions.isResolved(call) && ThreadCalls.ADD_SHUTDOWN_HOOK.matches(call, state);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(new TreePath(unit), null);
    return found[0];
  }

  /**
   * The code unit is the work of a program thread, or every code unit that runs it on the caller's
   * thread is reached only from such work. {@code visiting} holds the code units of the chain being
   * followed (a cycle answers false); {@code reached} those already shown reached; {@code files}
   * gathers the files of the code units followed, each of which must hand no thread out.
   */
  private static boolean reachedOnlyFromProgramThreads(
      TreePath codeUnit,
      VisitorState state,
      Set<Tree> visiting,
      Set<Tree> reached,
      Set<CompilationUnitTree> files,
      int depth) {
    Tree leaf = codeUnit.getLeaf();
    files.add(codeUnit.getCompilationUnit());
    if (reached.contains(leaf) || isProgramThreadsWork(codeUnit, state)) {
      return true;
    }
    if (depth == 0 || !visiting.add(leaf)) {
      return false;
    }
    boolean all =
        allReached(sameThreadCallers(codeUnit, state), state, visiting, reached, files, depth)
            || allReached(
                ConfinedInstances.makingCodeUnits(codeUnit, state),
                state,
                visiting,
                reached,
                files,
                depth);
    visiting.remove(leaf);
    if (all) {
      reached.add(leaf);
    }
    return all;
  }

  /**
   * There are code units, and each is reached only from program threads' work, one call (or one
   * creation) up.
   */
  private static boolean allReached(
      @Nullable List<TreePath> codeUnits,
      VisitorState state,
      Set<Tree> visiting,
      Set<Tree> reached,
      Set<CompilationUnitTree> files,
      int depth) {
    if (codeUnits == null) {
      return false;
    }
    for (TreePath codeUnit : codeUnits) {
      if (!reachedOnlyFromProgramThreads(codeUnit, state, visiting, reached, files, depth - 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A {@code main(String[])} no code of the compilation calls or hands on as a method reference, or
   * the body of a thread handed straight to {@code Runtime.addShutdownHook}.
   */
  private static boolean isProgramThreadsWork(TreePath codeUnit, VisitorState state) {
    if (Tasks.isMainMethod(codeUnit)) {
      if (!(getSymbol(codeUnit.getLeaf()) instanceof MethodSymbol main)) {
        return false;
      }
      CompilationCalls calls = CompilationCalls.of(state);
      return calls.callsOf(main).isEmpty() && calls.referencesHandedOver(main).isEmpty();
    }
    TreePath thread = Terminations.hookThread(codeUnit, state);
    if (thread == null) {
      return false;
    }
    TreePath parent = thread.getParentPath();
    while (parent.getLeaf() instanceof ParenthesizedTree
        || parent.getLeaf() instanceof TypeCastTree) {
      parent = parent.getParentPath();
    }
    return parent.getLeaf() instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && ThreadCalls.ADD_SHUTDOWN_HOOK.matches(call, state);
  }

  /**
   * The code units that run this one on their own thread, one per code unit: for the action of a
   * {@code forEach}, the code unit of that call; for a method only this file can call, the code
   * units of its calls; for a method or constructor only its package can call, in a package
   * compiled whole, the code units of its calls in the package's files. Null when there is none, or
   * when the code may also run elsewhere.
   */
  private static @Nullable List<TreePath> sameThreadCallers(TreePath codeUnit, VisitorState state) {
    CompilationUnitTree unit = codeUnit.getCompilationUnit();
    if (codeUnit.getLeaf() instanceof LambdaExpressionTree) {
      TreePath call = SameThreadActions.callRunningItInPlace(codeUnit, state);
      if (call == null) {
        return null;
      }
      TreePath caller = Tasks.enclosingCodeUnit(call);
      return caller == null ? null : List.of(caller);
    }
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)
        || !ASTHelpers.findSuperMethods(symbol, state.getTypes()).isEmpty()) {
      return null;
    }
    List<TreePath> calls;
    if (!symbol.isConstructor()
        && (OwnThreads.callableOnlyInThisFile(symbol, unit, state)
            || packagePrivateNamedOnlyHere(symbol, unit, state))) {
      calls = OwnThreads.callingCodeUnits(symbol, unit, true);
    } else {
      Set<CompilationUnitTree> packageFiles = filesOfThePackageThatAloneCalls(symbol, state);
      calls = packageFiles == null ? null : PackageCalls.callingCodeUnits(symbol, packageFiles);
    }
    if (calls == null) {
      return null;
    }
    Map<Tree, TreePath> callers = new LinkedHashMap<>();
    for (TreePath call : calls) {
      callers.putIfAbsent(call.getLeaf(), call);
    }
    return List.copyOf(callers.values());
  }

  /**
   * The files of the package of a method or constructor that only code of its package can call,
   * when every class of the package is a source of this compilation, or every other one a class
   * file that does not spell its class's name (a package split across jars, {@link
   * UninterruptedThreads#sourceFilesOfPackageWhereOnlySourcesName}); null otherwise. Only the
   * package can call a method or constructor that is neither public nor protected, nor a
   * constructor of a class that cannot be named outside its package (it, or a class around it,
   * neither public nor protected, or a local class): other packages can neither make nor extend
   * such a class. An interface's methods are public.
   */
  private static @Nullable Set<CompilationUnitTree> filesOfThePackageThatAloneCalls(
      MethodSymbol executable, VisitorState state) {
    if (!(executable.owner instanceof ClassSymbol type)
        || type.isInterface()
        || executable.packge() == null) {
      return null;
    }
    boolean packageOnly =
        (executable.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0
            || (executable.isConstructor() && !namedOutsideItsPackage(type));
    if (!packageOnly) {
      return null;
    }
    Set<CompilationUnitTree> files =
        CompiledSources.filesOfWholePackage(executable.packge(), state);
    return files != null
        ? files
        : UninterruptedThreads.sourceFilesOfPackageWhereOnlySourcesName(type, state);
  }

  /**
   * Code of other packages can name the class: it and every class around it are public or
   * protected.
   */
  private static boolean namedOutsideItsPackage(ClassSymbol type) {
    Symbol s = type;
    while (s instanceof ClassSymbol c) {
      if ((c.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0) {
        return false;
      }
      s = c.owner;
    }
    return s instanceof PackageSymbol;
  }

  /**
   * A package-private method (neither public, protected nor private, not an interface's) in a
   * package every class of which is a source of this compilation, which no file of the package but
   * this one names: only this file calls it.
   */
  private static boolean packagePrivateNamedOnlyHere(
      MethodSymbol method, CompilationUnitTree unit, VisitorState state) {
    return (method.flags() & (Flags.PUBLIC | Flags.PROTECTED | Flags.PRIVATE)) == 0
        && method.owner != null
        && !method.owner.isInterface()
        && method.packge() != null
        && UninterruptedThreads.noOtherFileOfItsPackageNames(method, unit, state);
  }

  /**
   * Some {@code Thread.currentThread()} of the file is used other than as the receiver of a call
   * ({@code owner = Thread.currentThread()}, an argument, a comparison): the thread may be kept
   * where someone interrupts it.
   */
  private static boolean handsOutTheCurrentThread(CompilationUnitTree unit, VisitorState state) {
    boolean[] handedOut = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!handedOut[0] && ThreadCalls.CURRENT_THREAD.matches(call, state)) {
          TreePath parent = getCurrentPath().getParentPath();
          while (parent.getLeaf() instanceof ParenthesizedTree) {
            parent = parent.getParentPath();
          }
          handedOut[0] = !(parent.getLeaf() instanceof MemberSelectTree);
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(new TreePath(unit), null);
    return handedOut[0];
  }
}
