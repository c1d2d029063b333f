package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.UnresolvedCalls;
import dev.cancelguard.analysis.trees.VariableReferences;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Code that runs only on a thread its own class owns: an event loop's or executor's worker methods.
 * Such code sets its own interruption policy (the class interrupts its thread to wake it, and stops
 * it by its own protocol), so a swallowed interrupt there is the owner's decision; whether its loop
 * can end at all is another question (LoopWithoutCancellationPoint's).
 *
 * <p>Two signs, whatever the method's visibility: the method starts by asserting that it runs on
 * the class's own thread ({@code assert Thread.currentThread() == thread;}, {@code if
 * (!inEventLoop()) throw ...;}, {@code checkState(inOwnThread())}: {@link OwnThreadGuards}); or
 * every call of it in this file comes from the class's own {@code run()} — a thread's whole work
 * ({@link Tasks#isThreadTopLevel}) or an executor's worker, also the {@code run()} of a class
 * nested in it (the worker Runnable it hands to its thread) — directly or through methods that are
 * themselves called only from there.
 *
 * <p>And code whose thread the class creates and keeps to itself ({@link #runsOnPrivateThread}):
 * the body of a private daemon thread, or a task given only to a pool the class never hands out and
 * never interrupts.
 */
public final class OwnThreads {

  /** Methods followed up the call chain at most this deep. */
  private static final int MAX_CALLER_DEPTH = 3;

  private OwnThreads() {}

  /** True if the code unit (a method path) runs only on a thread its class owns. */
  public static boolean runsOnlyOnOwnThread(TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)
        || method.getBody() == null) {
      return false;
    }
    if (OwnThreadGuards.startsWithOwnThreadGuard(method.getBody(), state)) {
      return true;
    }
    return calledOnlyFromOwnRun(
        symbol, state.getPath().getCompilationUnit(), state, new HashSet<>(), MAX_CALLER_DEPTH);
  }

  /**
   * True if the catch (or statement) at {@code path} lies in the body of a daemon thread this class
   * creates and never hands out — {@code worker = new Thread(() -> ..); worker.setDaemon(true);},
   * the thread kept in a private field or a local that is only ever the receiver of calls — in a
   * loop that ends by its own protocol (a condition that can turn false), or in no loop at all.
   * Nobody outside the class can interrupt such a thread; the class's own interrupts are its
   * protocol.
   */
  public static boolean isPrivateDaemonLoop(TreePath path, TreePath codeUnit, VisitorState state) {
    TreePath bodyPath = taskBody(codeUnit);
    if (bodyPath == null) {
      return false;
    }
    TreePath creation = LocalUses.parent(bodyPath);
    if (creation == null
        || !(creation.getLeaf() instanceof NewClassTree newThread)
        || !newThread.getArguments().contains(bodyPath.getLeaf())
        || !Ownership.isThreadCreation(newThread, state)) {
      return false;
    }
    Symbol holder = holderOf(creation);
    if (!(holder instanceof VarSymbol variable)
        || (Ownership.isField(variable) && !variable.isPrivate())) {
      return false;
    }
    TreePath loop = Loops.enclosingLoop(path, codeUnit);
    if (loop != null && Loops.hasNoExitCondition(loop.getLeaf())) {
      return false;
    }
    return isDaemonNeverHandedOut(variable, state);
  }

  /**
   * True if the code at {@code path} runs on a thread its class creates and keeps to itself: {@link
   * #isPrivateDaemonLoop}, {@link #isPrivateThreadClassLoop}, {@link #isTaskOfPrivateExecutor}, or
   * {@link UninterruptedThreads#isEndingLoopOfUninterruptedDaemon}, or {@link
   * LibraryThreads#isEndingLoopOfLibraryThread} (such threads made in other files). The last three
   * are threads nothing can interrupt: a loop there that can never end is left to
   * LoopWithoutCancellationPoint where that check reports it ({@link UnstoppableTaskLoops}), and
   * still reported here where it does not. The first two may be interrupted by their own class, so
   * a loop there that can never end is still reported.
   */
  public static boolean runsOnPrivateThread(
      TreePath path, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    return isPrivateDaemonLoop(path, codeUnit, state)
        || isPrivateThreadClassLoop(path, codeUnit, state)
        || isTaskOfPrivateExecutor(path, codeUnit, state, options)
        || UninterruptedThreads.isEndingLoopOfUninterruptedDaemon(path, codeUnit, state, options)
        || LibraryThreads.isEndingLoopOfLibraryThread(path, codeUnit, state, options);
  }

  /**
   * True if the catch (or statement) at {@code path} lies in {@code run()} of a private {@code
   * Thread} subclass of this file, every instance of which the file keeps to itself — created into
   * a private field or a local that is only ever the receiver of calls — and either makes a daemon
   * or interrupts itself as its stop protocol ({@code doStop() { writer.interrupt(); writer.join();
   * }}); in a loop that ends by its own protocol, or in no loop at all. Nobody outside the class
   * can reach such a thread to interrupt it.
   */
  public static boolean isPrivateThreadClassLoop(
      TreePath path, TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !method.getName().contentEquals("run")
        || !method.getParameters().isEmpty()
        || !(getSymbol(method) instanceof MethodSymbol run)) {
      return false;
    }
    ClassSymbol threadClass = run.enclClass();
    Type thread = state.getTypeFromString("java.lang.Thread");
    if (threadClass == null
        || (threadClass.flags() & com.sun.tools.javac.code.Flags.PRIVATE) == 0
        || thread == null
        || !isSubtype(threadClass.type, thread, state)) {
      return false;
    }
    TreePath loop = Loops.enclosingLoop(path, codeUnit);
    if (loop != null && Loops.hasNoExitCondition(loop.getLeaf())) {
      return false;
    }
    List<TreePath> creations = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        if (getSymbol(newClass) instanceof MethodSymbol constructor
            && constructor.owner.equals(threadClass)) {
          creations.add(getCurrentPath());
        }
        return super.visitNewClass(newClass, null);
      }
    }.scan(new TreePath(state.getPath().getCompilationUnit()), null);
    if (creations.isEmpty()) {
      return false;
    }
    for (TreePath creation : creations) {
      Symbol holder = holderOf(creation);
      if (!(holder instanceof VarSymbol variable)
          || (Ownership.isField(variable) && !variable.isPrivate())) {
        return false;
      }
      Uses uses = usesOf(variable, state);
      if (uses.handedOut() || !(uses.daemon() || uses.interrupted())) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if the catch (or statement) at {@code path} lies in a task (a lambda or an anonymous
   * class's {@code run()}/{@code call()}, a private method only ever named by method references and
   * never called, or the {@code run()}/{@code call()} of a named task class whose instances are all
   * made in this file, {@link PrivateExecutors#isNamedTaskOfPrivateExecutors}) whose only way onto
   * a thread is an executor this class creates and keeps to itself ({@link PrivateExecutors}):
   * handed to it with {@code execute} or a {@code submit} whose future is dropped, directly,
   * through a forwarder no subclass can override, or through a private field or local used for
   * nothing else, on a pool nobody can shut down with {@code shutdownNow()}, and in a file that
   * interrupts no thread but the current one; or handed only to the common pool ({@link
   * PrivateExecutors#onlyRunsOnTheCommonPool}). Nothing can interrupt such a task; an interrupt it
   * sees is the pool's own. A loop around the catch that cannot end at all (no condition, no {@code
   * break} or {@code return}) is LoopWithoutCancellationPoint's finding where that check reports it
   * ({@link UnstoppableTaskLoops}), and is still reported here where it does not.
   */
  public static boolean isTaskOfPrivateExecutor(
      TreePath path, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    TreePath loop = Loops.enclosingLoop(path, codeUnit);
    if (loop != null
        && Loops.hasNoExitCondition(loop.getLeaf())
        && Loops.exits(loop).isEmpty()
        && !UnstoppableTaskLoops.isReportedAsUnstoppable(loop, state, options)) {
      return false;
    }
    return isPrivatePoolTask(codeUnit, state)
        || (codeUnit.getLeaf() instanceof MethodTree method
            && getSymbol(method) instanceof MethodSymbol symbol
            && calledOnlyFromPrivatePoolTasks(
                symbol,
                state.getPath().getCompilationUnit(),
                state,
                new HashSet<>(),
                MAX_CALLER_DEPTH));
  }

  /**
   * True if nothing can interrupt or cancel the code unit, whatever loop the code is in: a task
   * that reaches a thread only through pools its class keeps to itself ({@link PrivateExecutors},
   * where a {@code submit} may also keep its future in a private field or a local that is only ever
   * assigned, compared or asked whether the task finished: {@code pending == null ||
   * pending.isDone()}), or the whole work of threads nobody can reach ({@link
   * UninterruptedThreads#isBodyOfUnreachableThread}). Nobody holds a handle ({@code Future}, pool
   * or thread) through which a {@code cancel(true)}, {@code shutdownNow()} or {@code interrupt()}
   * could reach such code. A task of the common pool is not one: it is handed out as a {@code
   * CompletableFuture} or {@code ForkJoinTask} whose holders may cancel it.
   */
  public static boolean nothingCanInterrupt(TreePath codeUnit, VisitorState state) {
    if (UninterruptedThreads.isBodyOfUnreachableThread(codeUnit, state)) {
      return true;
    }
    TreePath bodyPath = taskBody(codeUnit);
    if (bodyPath != null) {
      return PrivateExecutors.onlyRunsOnPrivateExecutors(bodyPath, true, state);
    }
    return codeUnit.getLeaf() instanceof MethodTree method
        && getSymbol(method) instanceof MethodSymbol symbol
        && (onlyReferencedAsAPrivatePoolsTask(symbol, state)
            || PrivateExecutors.isNamedTaskOfPrivateExecutors(codeUnit, state));
  }

  /**
   * The code unit is a task that reaches a thread only through pools its class keeps to itself, or
   * only through the common pool (the question of {@link #isTaskOfPrivateExecutor}, whatever loop
   * the code is in).
   */
  private static boolean isPrivatePoolTask(TreePath codeUnit, VisitorState state) {
    TreePath bodyPath = taskBody(codeUnit);
    if (bodyPath != null) {
      return PrivateExecutors.onlyRunsOnPrivateExecutors(bodyPath, state)
          || PrivateExecutors.onlyRunsOnTheCommonPool(bodyPath, state);
    }
    return codeUnit.getLeaf() instanceof MethodTree method
        && getSymbol(method) instanceof MethodSymbol symbol
        && (onlyReferencedAsAPrivatePoolsTask(symbol, state)
            || PrivateExecutors.isNamedTaskOfPrivateExecutors(codeUnit, state));
  }

  /**
   * True if {@code method} runs only inside tasks of pools its class keeps to itself ({@link
   * #isPrivatePoolTask}): only this file can call it (it is private, or its class can be named in
   * no other file and no class of the file extends it), it overrides nothing (no call through a
   * supertype can reach it), no method reference names it, and every call of it in the file (at
   * least one) lies in such a task, or in a method that is itself such a method ({@code depth}
   * methods up at most). What runs only on threads nothing interrupts is not reached by a real
   * interrupt either.
   */
  private static boolean calledOnlyFromPrivatePoolTasks(
      MethodSymbol method,
      CompilationUnitTree unit,
      VisitorState state,
      Set<MethodSymbol> visiting,
      int depth) {
    if (depth == 0
        || !visiting.add(method)
        || method.isConstructor()
        || !ASTHelpers.findSuperMethods(method, state.getTypes()).isEmpty()
        || !callableOnlyInThisFile(method, unit, state)) {
      return false;
    }
    List<TreePath> callers = callingCodeUnits(method, unit, true);
    if (callers == null) {
      return false;
    }
    for (TreePath caller : callers) {
      if (isPrivatePoolTask(caller, state)) {
        continue;
      }
      if (!(caller.getLeaf() instanceof MethodTree callerTree)
          || !(getSymbol(callerTree) instanceof MethodSymbol callerSymbol)
          || !calledOnlyFromPrivatePoolTasks(callerSymbol, unit, state, visiting, depth - 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Only this file can call the method: it is private, or a class around it is private, or its
   * class can be named only inside its package and no other file of the package (compiled whole)
   * names it ({@link UninterruptedThreads#madeOnlyInThisFileOfItsPackage}); and no class of the
   * file extends its class (a subclass could carry it to code that names only the subclass).
   */
  static boolean callableOnlyInThisFile(
      MethodSymbol method, CompilationUnitTree unit, VisitorState state) {
    if (method.isPrivate()) {
      return true;
    }
    return method.owner instanceof ClassSymbol type && namedOnlyInThisFile(type, unit, state);
  }

  /**
   * Only this file can name the class: a class around it (or itself) is private, or it can be named
   * only inside its package and no other file of the package (compiled whole) names it; and no
   * other class of the file extends it.
   */
  static boolean namedOnlyInThisFile(
      ClassSymbol type, CompilationUnitTree unit, VisitorState state) {
    if (extendedInTheFile(type, unit, state)) {
      return false;
    }
    for (Symbol s = type; s instanceof ClassSymbol c; s = c.owner) {
      if (c.isPrivate()) {
        return true;
      }
    }
    return UninterruptedThreads.madeOnlyInThisFileOfItsPackage(type, new TreePath(unit), state);
  }

  /** A class of the file other than {@code type} is a subclass of it. */
  private static boolean extendedInTheFile(
      ClassSymbol type, CompilationUnitTree unit, VisitorState state) {
    boolean[] found = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        found[0] |=
            getSymbol(tree) instanceof ClassSymbol c
                && !c.equals(type)
                && c.isSubClass(type, state.getTypes());
        return super.visitClass(tree, null);
      }
    }.scan(new TreePath(unit), null);
    return found[0];
  }

  /**
   * A private method never called, only named by method references ({@code this::cleanup}) each of
   * which is a task that runs only on pools the class keeps to itself.
   */
  private static boolean onlyReferencedAsAPrivatePoolsTask(
      MethodSymbol method, VisitorState state) {
    if (!method.isPrivate() || method.isConstructor()) {
      return false;
    }
    List<TreePath> references = new ArrayList<>();
    boolean[] called = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        called[0] |=
            Expressions.isResolved(call)
                ? method.equals(getSymbol(call))
                : UnresolvedCalls.mayCall(call, method);
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        if (method.equals(getSymbol(reference))) {
          references.add(getCurrentPath());
        } else {
          // An unresolved reference written with the method's name may name it: it counts as a
          // call, since where it is handed cannot be read.
          called[0] |= UnresolvedCalls.mayName(reference, method);
        }
        return super.visitMemberReference(reference, null);
      }
    }.scan(new TreePath(state.getPath().getCompilationUnit()), null);
    return !called[0]
        && !references.isEmpty()
        && references.stream()
            .allMatch(reference -> PrivateExecutors.onlyRunsOnPrivateExecutors(reference, state));
  }

  /**
   * For a lambda, the lambda; for the method of an anonymous class, the class creation; otherwise
   * null.
   */
  private static @Nullable TreePath taskBody(TreePath codeUnit) {
    Tree body = codeUnit.getLeaf();
    if (body instanceof LambdaExpressionTree) {
      return codeUnit;
    }
    if (body instanceof MethodTree
        && codeUnit.getParentPath() != null
        && codeUnit.getParentPath().getLeaf() instanceof com.sun.source.tree.ClassTree
        && codeUnit.getParentPath().getParentPath() != null
        && codeUnit.getParentPath().getParentPath().getLeaf() instanceof NewClassTree) {
      return codeUnit.getParentPath().getParentPath(); // an anonymous Runnable's run()
    }
    return null;
  }

  private static @Nullable Symbol holderOf(TreePath creation) {
    TreePath parent = LocalUses.parent(creation);
    if (parent == null) {
      return null;
    }
    return switch (parent.getLeaf()) {
      case com.sun.source.tree.VariableTree variable -> getSymbol(variable);
      case com.sun.source.tree.AssignmentTree assignment ->
          assignment.getExpression() == creation.getLeaf()
              ? getSymbol(assignment.getVariable())
              : null;
      default -> null;
    };
  }

  /** Some use calls {@code setDaemon(true)} on it, and every use is a call's receiver. */
  private static boolean isDaemonNeverHandedOut(VarSymbol thread, VisitorState state) {
    Uses uses = usesOf(thread, state);
    return uses.daemon() && !uses.handedOut();
  }

  /**
   * What the file does with a variable holding a thread: calls {@code setDaemon(true)} on it, calls
   * {@code interrupt()} on it, or uses it other than as a call's receiver, an assignment's target
   * or in {@code ==}/{@code !=} (hands it out).
   */
  private record Uses(boolean daemon, boolean interrupted, boolean handedOut) {}

  private static Uses usesOf(VarSymbol thread, VisitorState state) {
    boolean[] daemon = new boolean[1];
    boolean[] interrupted = new boolean[1];
    boolean[] handedOut = new boolean[1];
    for (TreePath referencePath :
        VariableReferences.in(new TreePath(state.getPath().getCompilationUnit()), thread)) {
      TreePath parent = LocalUses.parent(referencePath);
      Tree leaf = parent == null ? null : parent.getLeaf();
      if (leaf instanceof MemberSelectTree select
          && LocalUses.parent(parent) != null
          && LocalUses.parent(parent).getLeaf() instanceof MethodInvocationTree call
          && call.getMethodSelect() == select) {
        interrupted[0] |=
            select.getIdentifier().contentEquals("interrupt") && call.getArguments().isEmpty();
        daemon[0] |=
            select.getIdentifier().contentEquals("setDaemon")
                && call.getArguments().size() == 1
                && Boolean.TRUE.equals(
                    com.google.errorprone.util.ASTHelpers.constValue(
                        call.getArguments().getFirst()));
        continue;
      }
      boolean harmless =
          (leaf instanceof com.sun.source.tree.AssignmentTree assignment
                  && assignment.getVariable() == referencePath.getLeaf())
              || leaf instanceof com.sun.source.tree.VariableTree
              || (leaf instanceof BinaryTree binary
                  && (binary.getKind() == Tree.Kind.EQUAL_TO
                      || binary.getKind() == Tree.Kind.NOT_EQUAL_TO));
      handedOut[0] |= !harmless;
    }
    return new Uses(daemon[0], interrupted[0], handedOut[0]);
  }

  /**
   * The code units (methods, lambdas) whose code calls {@code method} in the file, one per call;
   * null if there is none, if a method reference names it, if a call lies outside any code unit, or
   * (with {@code unresolvedMayCall}) if some call or method reference javac could not resolve might
   * be one of it: one written with the method's name ({@link UnresolvedCalls}; {@code
   * log.debug(..)} of a logger missing from the class path is a call of no method named otherwise).
   */
  static @Nullable List<TreePath> callingCodeUnits(
      MethodSymbol method, CompilationUnitTree unit, boolean unresolvedMayCall) {
    List<TreePath> callers = new ArrayList<>();
    boolean[] elsewhere = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!Expressions.isResolved(call)) {
          elsewhere[0] |= unresolvedMayCall && UnresolvedCalls.mayCall(call, method);
        } else if (method.equals(getSymbol(call))) {
          TreePath caller = Tasks.enclosingCodeUnit(getCurrentPath());
          if (caller == null) {
            elsewhere[0] = true;
          } else {
            callers.add(caller);
          }
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        elsewhere[0] |=
            unresolvedMayCall
                ? UnresolvedCalls.mayName(reference, method)
                : method.equals(getSymbol(reference));
        return super.visitMemberReference(reference, null);
      }
    }.scan(new TreePath(unit), null);
    return elsewhere[0] || callers.isEmpty() ? null : callers;
  }

  /**
   * True if {@code method} is called in this file, and only from its class's own {@code run()} or
   * from methods that are themselves called only from there; never by a method reference, never an
   * override (which others may call through the type it overrides).
   */
  private static boolean calledOnlyFromOwnRun(
      MethodSymbol method,
      CompilationUnitTree unit,
      VisitorState state,
      Set<MethodSymbol> visiting,
      int depth) {
    if (depth == 0
        || !visiting.add(method)
        || method.isConstructor()
        || method.isStatic()
        || !ASTHelpers.findSuperMethods(method, state.getTypes()).isEmpty()) {
      return false;
    }
    List<TreePath> callers = callingCodeUnits(method, unit, false);
    if (callers == null) {
      return false;
    }
    for (TreePath caller : callers) {
      if (!(caller.getLeaf() instanceof MethodTree callerTree)
          || !(getSymbol(callerTree) instanceof MethodSymbol callerSymbol)) {
        return false;
      }
      boolean sameClass = callerSymbol.enclClass().equals(method.enclClass());
      if (!sameClass && !isNestedIn(callerSymbol.enclClass(), method.enclClass())) {
        return false;
      }
      boolean ownRun =
          callerSymbol.getSimpleName().contentEquals("run")
              && callerTree.getParameters().isEmpty()
              && (Tasks.isThreadTopLevel(caller, state) || isExecutor(callerSymbol, state));
      // A class nested in it counts only by its own run(): the worker Runnable the class hands to
      // the thread it starts (`threadFactory.newThread(taskRunner)`).
      if (!ownRun
          && (!sameClass
              || !calledOnlyFromOwnRun(callerSymbol, unit, state, visiting, depth - 1))) {
        return false;
      }
    }
    return true;
  }

  /** True if {@code inner} is declared inside {@code outer}, at any depth. */
  private static boolean isNestedIn(ClassSymbol inner, ClassSymbol outer) {
    for (Symbol s = inner.owner; s != null; s = s.owner) {
      if (s.equals(outer)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isExecutor(MethodSymbol run, VisitorState state) {
    Type executor = state.getTypeFromString("java.util.concurrent.Executor");
    return executor != null && isSubtype(run.enclClass().type, executor, state);
  }
}
