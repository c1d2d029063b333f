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
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.UnitCache;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    // Every caller followed is in this file: without a main or a shutdown hook, nothing here is
    // reached from one. Both questions about the file are asked once per file, not per catch.
    return UnitCache.get(
            HAS_PROGRAM_THREADS_WORK, unit, state, u -> hasProgramThreadsWork(u, state))
        && reachedOnlyFromProgramThreads(
            codeUnit, unit, state, new HashSet<>(), new HashSet<>(), MAX_DEPTH)
        && !UnitCache.get(
            HANDS_OUT_THE_CURRENT_THREAD, unit, state, u -> handsOutTheCurrentThread(u, state));
  }

  /**
   * The file declares a {@code main(String[])} or calls {@code Runtime.addShutdownHook}: without
   * either, no code unit of it is {@link #isProgramThreadsWork}, and every caller {@link
   * #sameThreadCallers} follows is in the file.
   */
  private static boolean hasProgramThreadsWork(CompilationUnitTree unit, VisitorState state) {
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
   * followed (a cycle answers false); {@code reached} those already shown reached.
   */
  private static boolean reachedOnlyFromProgramThreads(
      TreePath codeUnit,
      CompilationUnitTree unit,
      VisitorState state,
      Set<Tree> visiting,
      Set<Tree> reached,
      int depth) {
    Tree leaf = codeUnit.getLeaf();
    if (reached.contains(leaf) || isProgramThreadsWork(codeUnit, state)) {
      return true;
    }
    if (depth == 0 || !visiting.add(leaf)) {
      return false;
    }
    boolean all =
        allReached(sameThreadCallers(codeUnit, unit, state), unit, state, visiting, reached, depth)
            || allReached(
                ConfinedInstances.makingCodeUnits(codeUnit, state),
                unit,
                state,
                visiting,
                reached,
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
      CompilationUnitTree unit,
      VisitorState state,
      Set<Tree> visiting,
      Set<Tree> reached,
      int depth) {
    if (codeUnits == null) {
      return false;
    }
    for (TreePath codeUnit : codeUnits) {
      if (!reachedOnlyFromProgramThreads(codeUnit, unit, state, visiting, reached, depth - 1)) {
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
   * units of its calls. Null when there is none, or when the code may also run elsewhere.
   */
  private static @Nullable List<TreePath> sameThreadCallers(
      TreePath codeUnit, CompilationUnitTree unit, VisitorState state) {
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
        || symbol.isConstructor()
        || !ASTHelpers.findSuperMethods(symbol, state.getTypes()).isEmpty()
        || !(OwnThreads.callableOnlyInThisFile(symbol, unit, state)
            || packagePrivateNamedOnlyHere(symbol, unit, state))) {
      return null;
    }
    List<TreePath> calls = OwnThreads.callingCodeUnits(symbol, unit, true);
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
