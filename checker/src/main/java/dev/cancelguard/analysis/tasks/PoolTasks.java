package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getReceiverType;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Supertypes;
import dev.cancelguard.analysis.trees.VariableReferences;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import javax.lang.model.element.Modifier;

/**
 * The whole work of a task that only a thread pool this compilation makes, the common pool, or a
 * new thread runs. The compilation then owns the thread's interruption policy: only its own {@code
 * shutdownNow()}, {@code cancel(true)} or {@code interrupt()} can interrupt the task, to stop it
 * (nothing interrupts the common pool's threads). When such code ends, the task is over and its
 * thread goes back to its owner: a {@code ThreadPoolExecutor} or {@code ForkJoinPool} clears a
 * stray interrupt before the next task and ends the worker of a pool asked to stop, and a thread
 * ends. An interrupt that made the task end was obeyed; the flag it leaves behind is read by
 * nobody. Code handed to a plain {@code Executor}, or to a pool handed in, is not such a task: a
 * direct executor runs it on the caller's thread, whose flag it would lose.
 *
 * <p>The code is a lambda or an anonymous class handed to a pool or a thread (inline, or through a
 * local used for nothing else); a private method named only by method references that are each
 * handed to one; or {@code run()}/{@code call()} of a class of this compilation whose every
 * creation is an argument of such a hand-over, that no class of the compilation extends, and whose
 * entry point no code of the compilation calls directly.
 */
public final class PoolTasks {
  private static final Matcher<ExpressionTree> COMMON_POOL =
      staticMethod().onClass("java.util.concurrent.ForkJoinPool").named("commonPool");

  private PoolTasks() {}

  /** True if the code unit is the whole work of a task only pools or new threads run. */
  public static boolean isWholeWork(TreePath codeUnit, VisitorState state) {
    Tree leaf = codeUnit.getLeaf();
    BiPredicate<ExpressionTree, VisitorState> here = handOverIn(codeUnit.getCompilationUnit());
    if (leaf instanceof LambdaExpressionTree) {
      return Tasks.isArgumentOf(codeUnit, state, here)
          || Tasks.isLocalOnlyHandedTo(codeUnit, state, here);
    }
    if (!(leaf instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    TreePath classPath = codeUnit.getParentPath();
    if (classPath != null
        && classPath.getLeaf() instanceof ClassTree
        && classPath.getParentPath() != null
        && classPath.getParentPath().getLeaf() instanceof NewClassTree newClass
        && newClass.getClassBody() == classPath.getLeaf()) {
      return isEntryPoint(symbol, state)
          && (Tasks.isArgumentOf(classPath.getParentPath(), state, here)
              || Tasks.isLocalOnlyHandedTo(classPath.getParentPath(), state, here));
    }
    CompilationCalls calls = CompilationCalls.of(state);
    if (!calls.callsOf(symbol).isEmpty()) {
      return false;
    }
    if (method.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
      List<TreePath> references = calls.referencesHandedOver(symbol);
      return !references.isEmpty()
          && references.stream()
              .allMatch(r -> Tasks.isArgumentOf(r, state, handOverIn(r.getCompilationUnit())))
          && onlyReferencedAsArguments(symbol, references.size(), state);
    }
    return isEntryPoint(symbol, state) && isNamedTaskOnlyHandedToPools(symbol.enclClass(), state);
  }

  /** {@code run()} of a Runnable, {@code call()} of a Callable. */
  private static boolean isEntryPoint(MethodSymbol symbol, VisitorState state) {
    if (!symbol.getParameters().isEmpty() || symbol.isStatic()) {
      return false;
    }
    ClassSymbol owner = symbol.enclClass();
    return switch (symbol.getSimpleName().toString()) {
      case "run" -> Supertypes.isSubtypeOf(owner.type, "java.lang.Runnable", state);
      case "call" -> Supertypes.isSubtypeOf(owner.type, "java.util.concurrent.Callable", state);
      default -> false;
    };
  }

  /**
   * Every creation of the class in this compilation is an argument of a hand-over to a pool or a
   * thread, as is every {@code this} it hands over; there is at least one; and no class of the
   * compilation extends it (a subclass's instances would be made elsewhere).
   */
  private static boolean isNamedTaskOnlyHandedToPools(ClassSymbol type, VisitorState state) {
    if (type == null
        || type.isAnonymous()
        || !CompiledSources.subclassesOf(type, state).isEmpty()) {
      return false;
    }
    CompilationCalls calls = CompilationCalls.of(state);
    List<TreePath> creations = calls.creationsOf(type);
    List<TreePath> handedOver = calls.instancesHandedOver(type);
    // Every creation is handed over directly, so the hand-overs cover them all: `new C(..)` and
    // `this` among the hand-overs, each one to a pool or a thread.
    long createdAndHanded =
        handedOver.stream().filter(p -> p.getLeaf() instanceof NewClassTree).count();
    return !creations.isEmpty()
        && createdAndHanded == creations.size()
        && handedOver.stream()
            .allMatch(p -> Tasks.isArgumentOf(p, state, handOverIn(p.getCompilationUnit())));
  }

  /**
   * The method is named in this compilation only by the {@code count} method references already
   * found as arguments: none is kept in a field or local to be called later.
   */
  private static boolean onlyReferencedAsArguments(
      MethodSymbol method, int count, VisitorState state) {
    TreePath declaration = CompiledSources.classPath(method.enclClass(), state);
    if (declaration == null) {
      return false;
    }
    int[] references = new int[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitMemberReference(
          com.sun.source.tree.MemberReferenceTree reference, Void unused) {
        if (method.equals(getSymbol(reference))) {
          references[0]++;
        }
        return super.visitMemberReference(reference, null);
      }
    }.scan(declaration.getCompilationUnit(), null);
    return references[0] == count;
  }

  /**
   * A call, in {@code unit}, that runs its task argument on a pool this compilation makes or a new
   * thread.
   */
  private static BiPredicate<ExpressionTree, VisitorState> handOverIn(CompilationUnitTree unit) {
    return (call, state) -> runsOnOwnPoolOrThread(call, unit, state);
  }

  /**
   * A call that runs its task argument on a new thread, or on a pool this compilation makes ({@link
   * #isPoolMadeHere}): a submission to an {@code ExecutorService} (not to a plain {@code Executor},
   * which may be a direct one, nor to a {@code CompletionService}, which may wrap one). A pool
   * handed in by a caller may run the task anywhere, the caller's thread included.
   */
  private static boolean runsOnOwnPoolOrThread(
      ExpressionTree call, CompilationUnitTree unit, VisitorState state) {
    if (!Expressions.isResolved(call)) {
      return false;
    }
    if (ThreadCalls.THREAD_WHOLE_WORK.matches(call, state)) {
      return true;
    }
    if (!(call instanceof MethodInvocationTree invocation)
        || !ExecutorCalls.TASK_SUBMISSION.matches(call, state)
        || !(getSymbol(invocation) instanceof MethodSymbol method)) {
      return false;
    }
    if (method.isStatic()) {
      // runAsync(task) / supplyAsync(task): the common pool, which nobody shuts down and whose
      // futures' cancel(true) interrupts nothing.
      return invocation.getArguments().stream()
          .noneMatch(
              argument ->
                  Supertypes.isSubtypeOf(
                      getType(argument), "java.util.concurrent.Executor", state));
    }
    if (!Supertypes.isSubtypeOf(
        getReceiverType(invocation), ExecutorCalls.EXECUTOR_SERVICE, state)) {
      return false;
    }
    ExpressionTree receiver = Expressions.strip(getReceiver(invocation));
    if (receiver instanceof MethodInvocationTree poolCall
        && Expressions.isResolved(poolCall)
        && COMMON_POOL.matches(poolCall, state)) {
      return true;
    }
    return Expressions.receiverSymbol(invocation) instanceof VarSymbol pool
        && isPoolMadeHere(pool, unit, state);
  }

  /**
   * The variable is a local, or a private or final field, and every value it is given (its
   * initializer, each assignment in its file) starts a new pool ({@link
   * Ownership#isExecutorCreation}), directly or as what a method of this compilation returns on
   * every path.
   */
  private static boolean isPoolMadeHere(
      VarSymbol pool, CompilationUnitTree unit, VisitorState state) {
    CompilationUnitTree file = unit;
    if (Ownership.isField(pool)) {
      if (!pool.isPrivate() && !pool.getModifiers().contains(Modifier.FINAL)) {
        return false;
      }
      TreePath declaringClass =
          pool.owner instanceof ClassSymbol owner ? CompiledSources.classPath(owner, state) : null;
      if (declaringClass == null) {
        return false;
      }
      file = declaringClass.getCompilationUnit();
    } else if (!Ownership.isLocal(pool)) {
      return false;
    }
    List<ExpressionTree> values = new ArrayList<>();
    boolean[] other = new boolean[1];
    TreePath root = new TreePath(file);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (pool.equals(getSymbol(variable)) && variable.getInitializer() != null) {
          values.add(variable.getInitializer());
        }
        return super.visitVariable(variable, null);
      }
    }.scan(root, null);
    for (TreePath use : VariableReferences.in(root, pool)) {
      TreePath parent = LocalUses.parent(use);
      if (parent != null
          && parent.getLeaf() instanceof AssignmentTree assignment
          && assignment.getVariable() == use.getLeaf()) {
        values.add(assignment.getExpression());
      } else if (parent != null && parent.getLeaf() instanceof CompoundAssignmentTree) {
        other[0] = true;
      }
    }
    return !other[0]
        && !values.isEmpty()
        && values.stream().allMatch(value -> startsANewPool(value, state));
  }

  /** A pool creation, or a call of a method of this compilation whose every return is one. */
  private static boolean startsANewPool(ExpressionTree value, VisitorState state) {
    if (Ownership.isExecutorCreation(value, state)) {
      return true;
    }
    if (!(Expressions.strip(value) instanceof MethodInvocationTree call)
        || !Expressions.isResolved(call)
        || !(getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    MethodTree declaration = CompiledSources.methodTree(method, state);
    if (declaration == null || declaration.getBody() == null) {
      return false;
    }
    List<ExpressionTree> returned = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree ret, Void unused) {
        returned.add(ret.getExpression());
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return null; // a lambda's returns are its own
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return null;
      }
    }.scan(declaration.getBody(), null);
    return !returned.isEmpty()
        && returned.stream().allMatch(r -> Ownership.isExecutorCreation(r, state));
  }
}
