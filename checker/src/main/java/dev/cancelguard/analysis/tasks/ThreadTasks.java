package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.List;
import java.util.function.BiPredicate;
import javax.lang.model.element.Modifier;

/**
 * The whole work of a task that only new threads or the common pool run. Nobody can hand such code
 * a cancellation it should pass on: a thread's whole work ends with its thread, and nothing
 * interrupts the common pool's threads (nobody shuts that pool down, and neither a {@code
 * CompletableFuture}'s nor a {@code ForkJoinTask}'s {@code cancel(true)} interrupts). A catch that
 * ends such work leaves the flag to nobody. Code handed to a pool the program makes, or to one
 * handed in, is not such a task: the pool's {@code shutdownNow()} or a future's {@code
 * cancel(true)} is a cancellation the task must pass on (it may also run on the caller's thread).
 *
 * <p>The code is a lambda or an anonymous class handed to a new thread or the common pool (inline,
 * or through a local used for nothing else); a private method named only by method references each
 * handed to one; or {@code run()}/{@code call()} of a class of this compilation whose every
 * creation is an argument of such a hand-over, that no class of the compilation extends, and whose
 * entry point no code of the compilation calls directly.
 */
public final class ThreadTasks {
  private static final Matcher<ExpressionTree> COMMON_POOL =
      CallNames.resolvedOnly(
          staticMethod().onClass("java.util.concurrent.ForkJoinPool").named("commonPool"));

  private ThreadTasks() {}

  /** True if the code unit is the whole work of a task only new threads or the common pool run. */
  public static boolean isWholeWork(TreePath codeUnit, VisitorState state) {
    Tree leaf = codeUnit.getLeaf();
    BiPredicate<ExpressionTree, VisitorState> here = ThreadTasks::runsOnAThreadOrTheCommonPool;
    if (leaf instanceof LambdaExpressionTree) {
      return Tasks.isHandedTo(codeUnit, state, here);
    }
    if (!(leaf instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    TreePath creation = Tasks.anonymousCreation(codeUnit);
    if (creation != null) {
      return isEntryPoint(symbol, state) && Tasks.isHandedTo(creation, state, here);
    }
    CompilationCalls calls = CompilationCalls.of(state);
    if (!calls.callsOf(symbol).isEmpty()) {
      return false;
    }
    if (method.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
      List<TreePath> references = calls.referencesHandedOver(symbol);
      return !references.isEmpty()
          && references.stream()
              .allMatch(
                  r -> Tasks.isArgumentOf(r, state, ThreadTasks::runsOnAThreadOrTheCommonPool))
          && onlyReferencedAsArguments(symbol, references.size(), state);
    }
    return isEntryPoint(symbol, state) && isNamedTaskOnlyHandedToThreads(symbol.enclClass(), state);
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
  private static boolean isNamedTaskOnlyHandedToThreads(ClassSymbol type, VisitorState state) {
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
            .allMatch(p -> Tasks.isArgumentOf(p, state, ThreadTasks::runsOnAThreadOrTheCommonPool));
  }

  /**
   * The method is named in this compilation only by the {@code count} method references already
   * found as arguments: none is kept in a field or local to be called later.
   */
  static boolean onlyReferencedAsArguments(MethodSymbol method, int count, VisitorState state) {
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
   * A call that runs its task argument on a new thread, or on the common pool: {@code
   * runAsync}/{@code supplyAsync} given no executor, a submission to {@code
   * ForkJoinPool.commonPool()}. Nothing interrupts the common pool's threads: nobody shuts it down,
   * and neither a {@code CompletableFuture}'s nor a {@code ForkJoinTask}'s {@code cancel(true)}
   * interrupts. A pool the code makes is left out on purpose: its {@code shutdownNow()} and its
   * futures' {@code cancel(true)} are cancellations the task must pass on to whoever waits for it.
   */
  private static boolean runsOnAThreadOrTheCommonPool(ExpressionTree call, VisitorState state) {
    if (!Expressions.isResolved(call)) {
      return false;
    }
    return ThreadCalls.THREAD_WHOLE_WORK.matches(call, state) || runsOnTheCommonPool(call, state);
  }

  /**
   * A call that runs its task argument on the common pool: {@code runAsync}/{@code supplyAsync}
   * given no executor, a submission to {@code ForkJoinPool.commonPool()}.
   */
  static boolean runsOnTheCommonPool(ExpressionTree call, VisitorState state) {
    if (!Expressions.isResolved(call)
        || !(call instanceof MethodInvocationTree invocation)
        || !ExecutorCalls.TASK_SUBMISSION.matches(call, state)
        || !(getSymbol(invocation) instanceof MethodSymbol method)) {
      return false;
    }
    if (method.isStatic()) {
      return invocation.getArguments().stream()
          .noneMatch(
              argument ->
                  Supertypes.isSubtypeOf(
                      getType(argument), "java.util.concurrent.Executor", state));
    }
    return Expressions.strip(getReceiver(invocation)) instanceof MethodInvocationTree poolCall
        && Expressions.isResolved(poolCall)
        && COMMON_POOL.matches(poolCall, state);
  }
}
