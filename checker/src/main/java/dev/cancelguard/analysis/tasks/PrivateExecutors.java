package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.SameFile;
import dev.cancelguard.analysis.trees.Supertypes;
import dev.cancelguard.analysis.trees.VariableReferences;
import java.util.List;
import javax.lang.model.element.Name;
import org.jspecify.annotations.Nullable;

/**
 * Executors a class creates and keeps to itself, so that nothing can interrupt the tasks it gives
 * them: the executor is a private field or a local, only ever assigned a new pool ({@link
 * Ownership#isExecutorCreation}), and only ever the receiver of calls that neither interrupt its
 * threads nor hand out a handle that could ({@code execute}, a {@code submit} or {@code schedule}
 * whose future is dropped, {@code shutdown()}, {@code awaitTermination}, state queries); and the
 * file never interrupts a thread other than the current one. A {@code shutdownNow()}, {@code
 * close()} (which interrupts when its wait is interrupted), a kept future, an executor returned or
 * passed on (other than where a plain {@code Object} is taken, as by a log call), or a {@code
 * thread.interrupt()} anywhere in the file disqualifies it; comparisons do not.
 *
 * <p>Threads come from the pool's thread factory; a factory in another file that keeps its threads
 * and interrupts them is not followed.
 */
final class PrivateExecutors {
  /** Calls that give a pool a task. Their result, where they have one, must be dropped. */
  private static final ImmutableSet<String> SUBMISSIONS =
      ImmutableSet.of(
          "execute", "submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");

  /** Calls on a pool that neither interrupt its threads nor hand out anything that could. */
  private static final ImmutableSet<String> QUIET_CALLS =
      ImmutableSet.of(
          "shutdown",
          "isShutdown",
          "isTerminated",
          "isTerminating",
          "awaitTermination",
          "allowCoreThreadTimeOut",
          "setCorePoolSize",
          "setMaximumPoolSize",
          "setKeepAliveTime",
          "getActiveCount",
          "getPoolSize",
          "getCompletedTaskCount",
          "getTaskCount",
          "toString");

  /**
   * What a pool kept to the class may do besides running tasks whose futures are dropped: with
   * {@code keptFutures} a future may be kept where nobody can cancel it; with a {@code
   * stoppedPool}, every task goes to that one pool, a JDK pool made in this file, which may also be
   * stopped by its own {@code shutdownNow()} (which writes the pool's shut-down state before it
   * interrupts: {@link #runsOnlyOnAPoolOnlyItsShutdownNowInterrupts}).
   */
  private record Allowance(boolean keptFutures, @Nullable VarSymbol stoppedPool) {
    static final Allowance NONE = new Allowance(false, null);

    boolean mayStop(VarSymbol executor, @Nullable VarSymbol aliasOf) {
      return stoppedPool != null && (stoppedPool.equals(executor) || stoppedPool.equals(aliasOf));
    }
  }

  private PrivateExecutors() {}

  /**
   * True if the code unit (a task lambda, the {@code run()} or {@code call()} of an anonymous task,
   * or of a named task class as {@link #isNamedTaskOfPrivateExecutors} reads one) reaches a thread
   * only through {@code pool}: a private field or a local only ever given a new JDK pool ({@link
   * Ownership#isExecutorCreation}, not a subclass declared here), used only as the receiver of
   * submissions whose futures are dropped, of calls that interrupt nothing, and of its own {@code
   * shutdownNow()}; and the file interrupts no thread but the current one. The pool's {@code
   * shutdownNow()} is then the only thing that can interrupt the task, and the JDK's pools put
   * themselves in their shut-down state before they interrupt, so the task can read that state as
   * the stop flag its class wrote first.
   */
  static boolean runsOnlyOnAPoolOnlyItsShutdownNowInterrupts(
      TreePath codeUnit, VarSymbol pool, VisitorState state) {
    Allowance allowance = new Allowance(false, pool);
    TreePath unit = new TreePath(state.getPath().getCompilationUnit());
    Tree leaf = codeUnit.getLeaf();
    if (leaf instanceof LambdaExpressionTree) {
      return handedOnlyToPrivateExecutors(codeUnit, allowance, unit, state)
          && !interruptsAnotherThread(unit, state);
    }
    if (!(leaf instanceof MethodTree method)
        || !method.getParameters().isEmpty()
        || !(method.getName().contentEquals("run") || method.getName().contentEquals("call"))
        || codeUnit.getParentPath() == null
        || codeUnit.getParentPath().getParentPath() == null) {
      return false;
    }
    TreePath creation = codeUnit.getParentPath().getParentPath();
    if (creation.getLeaf() instanceof NewClassTree) {
      return handedOnlyToPrivateExecutors(creation, allowance, unit, state)
          && !interruptsAnotherThread(unit, state);
    }
    return isNamedTaskOfPrivateExecutors(codeUnit, allowance, state);
  }

  /**
   * True if the task at {@code taskPath} (a lambda or an anonymous class creation) reaches a thread
   * only through executors this class keeps to itself: it is the argument of a submission to such
   * an executor, or is held in a private field or a local whose every use is such an argument.
   */
  static boolean onlyRunsOnPrivateExecutors(TreePath taskPath, VisitorState state) {
    return onlyRunsOnPrivateExecutors(taskPath, false, state);
  }

  /**
   * {@link #onlyRunsOnPrivateExecutors(TreePath, VisitorState)}, where with {@code keptFutures} a
   * {@code submit} or {@code schedule} may also keep its future, in a private field or a local that
   * is only ever assigned, compared, or asked whether the task finished ({@code pending == null ||
   * pending.isDone()}): nobody can cancel the task through such a future. With {@code keptFutures}
   * the pool may also be made in the submission's own receiver ({@code
   * Executors.newSingleThreadExecutor().submit(task)}): nothing holds such a pool, so nothing can
   * call its {@code shutdownNow()}.
   */
  static boolean onlyRunsOnPrivateExecutors(
      TreePath taskPath, boolean keptFutures, VisitorState state) {
    TreePath unit = new TreePath(state.getPath().getCompilationUnit());
    return handedOnlyToPrivateExecutors(taskPath, new Allowance(keptFutures, null), unit, state)
        && !interruptsAnotherThread(unit, state);
  }

  /**
   * The task at {@code taskPath} is the argument of a submission to an executor this class keeps to
   * itself, or of a call of a forwarder to one ({@link #isForwardedToPrivateSubmission}), or is
   * held in a private field or a local whose every use is such an argument.
   */
  private static boolean handedOnlyToPrivateExecutors(
      TreePath taskPath, Allowance allowance, TreePath unit, VisitorState state) {
    TreePath parent = LocalUses.parent(taskPath);
    if (parent == null) {
      return false;
    }
    if (parent.getLeaf() instanceof MethodInvocationTree call
        && argumentIndex(call, taskPath.getLeaf()) >= 0) {
      return isPrivateSubmission(parent, allowance, unit, state)
          || isForwardedToPrivateSubmission(parent, taskPath.getLeaf(), allowance, unit, state);
    }
    if (isMappedIntoPrivateSubmissions(taskPath, parent, allowance, unit, state)) {
      return true;
    }
    VarSymbol holder = holderOf(taskPath);
    return holder != null
        && isKeptToTheFile(holder)
        && everyUseIsPrivateSubmission(holder, allowance, unit, state, true);
  }

  /**
   * True if the call at {@code callPath} hands {@code argument} to a method of this file that no
   * subclass can override (static, private, final, or of a final class), whose parameter for it is
   * used in its body only as the task of submissions to executors this class keeps to itself:
   * {@code static void asyncGo(Runnable r) { POOL.execute(r); }}. The task then reaches a thread
   * only through that pool, whoever calls the forwarder. One forwarder deep; a forwarder that takes
   * the pool as a parameter, or that can be overridden, is not one.
   */
  private static boolean isForwardedToPrivateSubmission(
      TreePath callPath, Tree argument, Allowance allowance, TreePath unit, VisitorState state) {
    MethodInvocationTree call = (MethodInvocationTree) callPath.getLeaf();
    if (!Expressions.isResolved(call)
        || !(getSymbol(call) instanceof MethodSymbol method)
        || method.isVarArgs()
        || method.isConstructor()
        || !cannotBeOverridden(method)) {
      return false;
    }
    int index = argumentIndex(call, argument);
    MethodTree declaration = SameFile.findMethod(unit.getCompilationUnit(), method, state);
    if (index < 0
        || declaration == null
        || declaration.getBody() == null
        || index >= declaration.getParameters().size()
        || !(getSymbol(declaration.getParameters().get(index)) instanceof VarSymbol parameter)) {
      return false;
    }
    return everyUseIsPrivateSubmission(parameter, allowance, unit, state, false);
  }

  /**
   * True if the task at {@code taskPath} is the whole body of an expression lambda handed to a
   * stream's {@code map(..)}, whose result goes straight to {@code forEach(pool::submit)} (or
   * {@code forEachOrdered}, {@code execute}) with {@code pool} an executor the class keeps to
   * itself: {@code addresses.stream().map(a -> new Connector(a)).forEach(pool::submit)}. Each task
   * the stream makes is handed to that pool and to nothing else, and a {@code Consumer} drops the
   * futures.
   */
  private static boolean isMappedIntoPrivateSubmissions(
      TreePath taskPath, TreePath parent, Allowance allowance, TreePath unit, VisitorState state) {
    if (!(parent.getLeaf() instanceof LambdaExpressionTree lambda)
        || lambda.getBodyKind() != LambdaExpressionTree.BodyKind.EXPRESSION
        || Expressions.strip((ExpressionTree) lambda.getBody()) != taskPath.getLeaf()) {
      return false;
    }
    TreePath mapPath = LocalUses.parent(parent);
    if (mapPath == null
        || !(mapPath.getLeaf() instanceof MethodInvocationTree map)
        || map.getArguments().size() != 1
        || Expressions.strip(map.getArguments().get(0)) != lambda
        || !isStreamCall(map, "map", state)) {
      return false;
    }
    TreePath selectPath = LocalUses.parent(mapPath);
    TreePath forEachPath = selectPath == null ? null : LocalUses.parent(selectPath);
    return selectPath != null
        && selectPath.getLeaf() instanceof MemberSelectTree select
        && Expressions.strip(select.getExpression()) == map
        && forEachPath != null
        && forEachPath.getLeaf() instanceof MethodInvocationTree forEach
        && forEach.getMethodSelect() == select
        && isForEach(forEach, state)
        && Expressions.strip(forEach.getArguments().get(0)) instanceof MemberReferenceTree reference
        && isSubmissionReference(reference)
        && Expressions.variableOf(reference.getQualifierExpression()) instanceof VarSymbol executor
        && isKeptPrivate(executor, allowance, unit, state);
  }

  /** A method named {@code name} of {@code java.util.stream.Stream}. */
  private static boolean isStreamCall(MethodInvocationTree call, String name, VisitorState state) {
    return Expressions.isResolved(call)
        && getSymbol(call) instanceof MethodSymbol method
        && method.getSimpleName().contentEquals(name)
        && method.owner != null
        && Supertypes.isSubtypeOf(method.owner.type, "java.util.stream.Stream", state);
  }

  /**
   * {@code forEach(..)} or {@code forEachOrdered(..)} of a stream, or {@code forEach(..)} of an
   * {@code Iterable}, with one argument: a {@code Consumer}, whose result is dropped.
   */
  private static boolean isForEach(MethodInvocationTree call, VisitorState state) {
    return call.getArguments().size() == 1
        && (isStreamCall(call, "forEach", state)
            || isStreamCall(call, "forEachOrdered", state)
            || (Expressions.isResolved(call)
                && getSymbol(call) instanceof MethodSymbol method
                && method.getSimpleName().contentEquals("forEach")
                && method.owner != null
                && Supertypes.isSubtypeOf(method.owner.type, "java.lang.Iterable", state)));
  }

  /** {@code pool::submit}, {@code pool::execute}: a reference to a submission on a variable. */
  private static boolean isSubmissionReference(MemberReferenceTree reference) {
    return reference.getMode() == MemberReferenceTree.ReferenceMode.INVOKE
        && SUBMISSIONS.contains(reference.getName().toString())
        && Expressions.variableOf(reference.getQualifierExpression()) != null;
  }

  /** Static, private, final, or of a final class: no subclass can replace its body. */
  private static boolean cannotBeOverridden(MethodSymbol method) {
    return method.isStatic()
        || method.isPrivate()
        || (method.flags() & Flags.FINAL) != 0
        || (method.enclClass() != null && (method.enclClass().flags() & Flags.FINAL) != 0);
  }

  /**
   * True if the code unit is {@code run()} of a named {@code Runnable} class (or {@code call()} of
   * a named {@code Callable} class), not a {@code Thread}, whose instances are made only in this
   * file ({@link UninterruptedThreads#madeOnlyHere}, {@link
   * UninterruptedThreads#madeOnlyInThisFileOfItsSplitPackage}) and each reach a thread only through
   * executors this class keeps to itself: every {@code new Task(..)} of the file is handed to a
   * submission to such a pool, directly, through a forwarder or through a holder used for nothing
   * else; every {@code this} of the class that is handed anywhere is handed to such a submission (a
   * task that submits itself again); no class of the file extends it; no code calls or names its
   * {@code run()}/{@code call()}; and the file interrupts no thread but the current one. Nothing
   * can interrupt such a task, as for a lambda on such a pool ({@link
   * #onlyRunsOnPrivateExecutors}).
   */
  static boolean isNamedTaskOfPrivateExecutors(TreePath codeUnit, VisitorState state) {
    return isNamedTaskOfPrivateExecutors(codeUnit, Allowance.NONE, state);
  }

  private static boolean isNamedTaskOfPrivateExecutors(
      TreePath codeUnit, Allowance allowance, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !method.getParameters().isEmpty()
        || !(getSymbol(method) instanceof MethodSymbol body)
        || body.isStatic()
        || codeUnit.getParentPath() == null
        || !(codeUnit.getParentPath().getLeaf() instanceof ClassTree)
        || codeUnit.getParentPath().getParentPath() == null
        || codeUnit.getParentPath().getParentPath().getLeaf() instanceof NewClassTree
        || !(body.enclClass() instanceof ClassSymbol type)
        || type.isAnonymous()) {
      return false;
    }
    String taskType =
        body.getSimpleName().contentEquals("run")
            ? "java.lang.Runnable"
            : body.getSimpleName().contentEquals("call") ? "java.util.concurrent.Callable" : null;
    if (taskType == null
        || !Supertypes.isSubtypeOf(type.type, taskType, state)
        || Supertypes.isSubtypeOf(type.type, "java.lang.Thread", state)
        || !(UninterruptedThreads.madeOnlyHere(type)
            || UninterruptedThreads.madeOnlyInThisFileOfItsSplitPackage(type, codeUnit, state))) {
      return false;
    }
    CompilationUnitTree file = codeUnit.getCompilationUnit();
    TreePath unit = new TreePath(file);
    List<TreePath> instances = UninterruptedThreads.instancesOf(type, file);
    if (instances.isEmpty()
        || !instances.stream()
            .allMatch(instance -> handedOnlyToPrivateExecutors(instance, allowance, unit, state))
        || extendedOrRunElsewhere(type, body, allowance, unit, state)) {
      return false;
    }
    return !interruptsAnotherThread(unit, state);
  }

  /**
   * A class of the file extends {@code type}; some code calls {@code body} or names it by a method
   * reference; or some {@code this} of {@code type} is handed anywhere but to a submission to a
   * private executor (used other than as the receiver of a member select).
   */
  private static boolean extendedOrRunElsewhere(
      ClassSymbol type, MethodSymbol body, Allowance allowance, TreePath unit, VisitorState state) {
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

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        found[0] |= !Expressions.isResolved(call) || body.equals(getSymbol(call));
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        found[0] |= body.equals(getSymbol(reference));
        return super.visitMemberReference(reference, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        checkThis(identifier);
        return super.visitIdentifier(identifier, null);
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        checkThis(select);
        return super.visitMemberSelect(select, null);
      }

      private void checkThis(ExpressionTree tree) {
        Name name =
            tree instanceof IdentifierTree identifier
                ? identifier.getName()
                : ((MemberSelectTree) tree).getIdentifier();
        Type thisType = ASTHelpers.getType(tree);
        if (found[0]
            || !name.contentEquals("this")
            || thisType == null
            || !type.equals(thisType.tsym)) {
          return;
        }
        TreePath parent = LocalUses.parent(getCurrentPath());
        if (parent != null
            && parent.getLeaf() instanceof MemberSelectTree select
            && Expressions.strip(select.getExpression()) == tree) {
          return; // this.field, this.method(..)
        }
        if (parent != null
            && parent.getLeaf() instanceof MemberReferenceTree reference
            && Expressions.strip(reference.getQualifierExpression()) == tree
            && !body.equals(getSymbol(reference))) {
          return; // this::cancel: a reference that can only call another method
        }
        found[0] =
            !(parent != null
                && parent.getLeaf() instanceof MethodInvocationTree call
                && argumentIndex(call, tree) >= 0
                && (isPrivateSubmission(parent, allowance, unit, state)
                    || isForwardedToPrivateSubmission(parent, tree, allowance, unit, state)));
      }
    }.scan(unit, null);
    return found[0];
  }

  /** The variable the task is stored in: {@code Runnable task = () -> ..} or {@code task = ..}. */
  private static @Nullable VarSymbol holderOf(TreePath taskPath) {
    TreePath parent = LocalUses.parent(taskPath);
    if (parent == null) {
      return null;
    }
    Symbol symbol =
        switch (parent.getLeaf()) {
          case VariableTree variable -> getSymbol(variable);
          case AssignmentTree assignment ->
              assignment.getExpression() == taskPath.getLeaf()
                  ? getSymbol(assignment.getVariable())
                  : null;
          default -> null;
        };
    return symbol instanceof VarSymbol variable ? variable : null;
  }

  /** Every use of the task variable is an assignment to it or a private submission of it. */
  private static boolean everyUseIsPrivateSubmission(
      VarSymbol task,
      Allowance allowance,
      TreePath unit,
      VisitorState state,
      boolean followForwarders) {
    List<TreePath> uses = VariableReferences.in(unit, task);
    boolean submitted = false;
    for (TreePath use : uses) {
      TreePath parent = LocalUses.parent(use);
      if (parent == null) {
        return false;
      }
      if (parent.getLeaf() instanceof AssignmentTree assignment
          && assignment.getVariable() == use.getLeaf()) {
        continue;
      }
      if (!(parent.getLeaf() instanceof MethodInvocationTree call)
          || argumentIndex(call, use.getLeaf()) < 0
          || !(isPrivateSubmission(parent, allowance, unit, state)
              || (followForwarders
                  && isForwardedToPrivateSubmission(
                      parent, use.getLeaf(), allowance, unit, state)))) {
        return false;
      }
      submitted = true;
    }
    return submitted;
  }

  /**
   * A submission whose receiver is an executor the class keeps to itself (or, with {@code
   * keptFutures}, a pool made right there).
   */
  private static boolean isPrivateSubmission(
      TreePath callPath, Allowance allowance, TreePath unit, VisitorState state) {
    MethodInvocationTree call = (MethodInvocationTree) callPath.getLeaf();
    if (!Expressions.isResolved(call) || !isSubmission(callPath, allowance, unit, state)) {
      return false;
    }
    // `Executors.newSingleThreadExecutor().submit(task)`: a pool made for this one submission and
    // held by nobody.
    if (allowance.keptFutures() && isPoolCreation(getReceiver(call), state)) {
      return true;
    }
    return Expressions.variableOf(getReceiver(call)) instanceof VarSymbol executor
        && isKeptPrivate(executor, allowance, unit, state);
  }

  /**
   * {@code execute(..)}, or a submit/schedule whose future is dropped (or, with {@code
   * keptFutures}, kept only to ask whether the task finished: {@link
   * #futureOnlyAskedWhetherFinished}).
   */
  private static boolean isSubmission(
      TreePath callPath, Allowance allowance, TreePath unit, VisitorState state) {
    MethodInvocationTree call = (MethodInvocationTree) callPath.getLeaf();
    if (!(getSymbol(call) instanceof Symbol method)) {
      return false;
    }
    String name = method.getSimpleName().toString();
    if (!SUBMISSIONS.contains(name)) {
      return false;
    }
    TreePath parent = LocalUses.parent(callPath);
    return name.equals("execute")
        || (parent != null && parent.getLeaf() instanceof ExpressionStatementTree)
        || (allowance.keptFutures()
            && parent != null
            && futureOnlyAskedWhetherFinished(callPath, parent, unit, state));
  }

  /**
   * The submission at {@code callPath} stores its future ({@code pending = pool.submit(..)}, or a
   * declaration's initializer) in a private field or a local that is only ever assigned, compared
   * ({@code pending == null}), or the receiver of {@code isDone()}, {@code isCancelled()} or {@code
   * isCompletedExceptionally()}: the future goes to nobody who could cancel the task.
   */
  private static boolean futureOnlyAskedWhetherFinished(
      TreePath callPath, TreePath parent, TreePath unit, VisitorState state) {
    Tree call = callPath.getLeaf();
    Symbol stored =
        switch (parent.getLeaf()) {
          case AssignmentTree assignment
              when Expressions.strip(assignment.getExpression()) == call ->
              Expressions.variableOf(assignment.getVariable());
          case VariableTree variable when Expressions.strip(variable.getInitializer()) == call ->
              getSymbol(variable);
          default -> null;
        };
    if (!(stored instanceof VarSymbol future) || !isKeptToTheFile(future)) {
      return false;
    }
    for (TreePath use : VariableReferences.in(unit, future)) {
      TreePath useParent = LocalUses.parent(use);
      Tree leaf = useParent == null ? null : useParent.getLeaf();
      if (leaf instanceof AssignmentTree assignment && assignment.getVariable() == use.getLeaf()) {
        continue;
      }
      if (isComparison(leaf)) {
        continue;
      }
      TreePath grandparent = useParent == null ? null : LocalUses.parent(useParent);
      boolean finishedTest =
          leaf instanceof MemberSelectTree select
              && grandparent != null
              && grandparent.getLeaf() instanceof MethodInvocationTree test
              && test.getMethodSelect() == select
              && Expressions.isResolved(test)
              && FutureCalls.FINISHED_TEST.matches(test, state);
      if (!finishedTest) {
        return false;
      }
    }
    return true;
  }

  /**
   * A private field or a local that is only ever given a new pool and used as the receiver of
   * submissions with dropped futures and calls that interrupt nothing.
   */
  private static boolean isKeptPrivate(
      VarSymbol executor, Allowance allowance, TreePath unit, VisitorState state) {
    return (allowance.stoppedPool() == null || allowance.stoppedPool().equals(executor))
        && (isKeptToTheFile(executor) || isPackagePoolField(executor, state))
        && isKeptPrivate(executor, null, allowance, unit, state)
        && (isKeptToTheFile(executor)
            || UninterruptedThreads.namedOnlyInThisFileOfItsPackage(
                executor, unit.getCompilationUnit(), state));
  }

  /**
   * {@link #isKeptPrivate(VarSymbol, boolean, TreePath, VisitorState)} read in this file; {@code
   * aliasOf}, when not null, is the field a local pool is handed to ({@code POOL = executor;}), a
   * use of the local that hands it to nobody else. The pool may also come from such a local: a
   * local only ever given a new pool, used as the receiver of calls that interrupt nothing, and
   * stored in this variable (a pool configured in a static initializer before it is published to
   * its field).
   */
  private static boolean isKeptPrivate(
      VarSymbol executor,
      @Nullable VarSymbol aliasOf,
      Allowance allowance,
      TreePath unit,
      VisitorState state) {
    boolean[] created = new boolean[1];
    boolean[] other = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (executor.equals(getSymbol(variable)) && variable.getInitializer() != null) {
          if (isPoolCreation(variable.getInitializer(), allowance, state)
              || (aliasOf == null
                  && isPoolLocalStoredIn(
                      variable.getInitializer(), executor, allowance, unit, state))) {
            created[0] = true;
          } else {
            other[0] = true;
          }
        }
        return super.visitVariable(variable, null);
      }
    }.scan(unit, null);
    for (TreePath use : VariableReferences.in(unit, executor)) {
      TreePath parent = LocalUses.parent(use);
      Tree leaf = parent == null ? null : parent.getLeaf();
      if (aliasOf != null
          && leaf instanceof AssignmentTree store
          && Expressions.strip(store.getExpression()) == use.getLeaf()
          && aliasOf.equals(Expressions.variableOf(store.getVariable()))) {
        continue; // POOL = executor;
      }
      if (aliasOf != null
          && leaf instanceof VariableTree declaration
          && declaration.getInitializer() == use.getLeaf()
          && aliasOf.equals(getSymbol(declaration))) {
        continue; // final ExecutorService pool = executor;
      }
      if (leaf instanceof AssignmentTree assignment && assignment.getVariable() == use.getLeaf()) {
        if (isPoolCreation(assignment.getExpression(), allowance, state)
            || (aliasOf == null
                && isPoolLocalStoredIn(
                    assignment.getExpression(), executor, allowance, unit, state))) {
          created[0] = true;
        } else {
          other[0] = true;
        }
        continue;
      }
      TreePath grandparent = parent == null ? null : LocalUses.parent(parent);
      boolean quiet =
          (leaf instanceof MemberSelectTree select
                  && grandparent != null
                  && grandparent.getLeaf() instanceof MethodInvocationTree call
                  && call.getMethodSelect() == select
                  && Expressions.isResolved(call)
                  && (QUIET_CALLS.contains(select.getIdentifier().toString())
                      || (select.getIdentifier().contentEquals("shutdownNow")
                          && allowance.mayStop(executor, aliasOf))
                      || isSubmission(grandparent, allowance, unit, state)))
              || (leaf instanceof MemberReferenceTree reference
                  && Expressions.strip(reference.getQualifierExpression()) == use.getLeaf()
                  && isSubmissionReference(reference)
                  && grandparent != null
                  && grandparent.getLeaf() instanceof MethodInvocationTree forEach
                  && forEach.getArguments().contains(reference)
                  && isForEach(forEach, state))
              || isComparison(leaf)
              || isPlainObjectArgument(use, leaf, state);
      other[0] |= !quiet;
    }
    return created[0] && !other[0];
  }

  /**
   * The value is a local other than {@code executor} that is only ever given a new pool and used
   * only as the receiver of calls that interrupt nothing, or stored in {@code executor}.
   */
  private static boolean isPoolLocalStoredIn(
      @Nullable ExpressionTree value,
      VarSymbol executor,
      Allowance allowance,
      TreePath unit,
      VisitorState state) {
    return Expressions.strip(value) instanceof IdentifierTree identifier
        && getSymbol(identifier) instanceof VarSymbol local
        && Ownership.isLocal(local)
        && !local.equals(executor)
        && isKeptPrivate(local, executor, allowance, unit, state);
  }

  /**
   * A field only its package can name (neither public, protected nor private) declared as an {@code
   * ExecutorService}: a pool with threads of its own. One declared as a plain {@code Executor} is a
   * slot the package may use for any executor, also one that runs its tasks on the caller's thread.
   */
  private static boolean isPackagePoolField(VarSymbol variable, VisitorState state) {
    return Ownership.isField(variable)
        && (variable.flags() & (Flags.PUBLIC | Flags.PROTECTED | Flags.PRIVATE)) == 0
        && Supertypes.isSubtypeOf(variable.type, "java.util.concurrent.ExecutorService", state);
  }

  /** A local or a private field. */
  private static boolean isKeptToTheFile(VarSymbol variable) {
    return Ownership.isLocal(variable) || (Ownership.isField(variable) && variable.isPrivate());
  }

  /**
   * A new pool: {@link Ownership#isExecutorCreation}, or a static factory named {@code new..} that
   * returns an {@code ExecutorService} and takes the {@code ThreadFactory} its threads come from
   * ({@code ThreadUtils.newThreadPoolExecutor(4, 10, 60, SECONDS, queue, factory)}): by the naming
   * convention of static factories a new instance, and a pool with threads of its own (not one that
   * runs its tasks on the caller's thread).
   */
  private static boolean isPoolCreation(
      @Nullable ExpressionTree tree, Allowance allowance, VisitorState state) {
    if (allowance.stoppedPool() == null) {
      return isPoolCreation(tree, state);
    }
    // A JDK pool, whose shutdownNow() writes its state before it interrupts; not a subclass
    // declared here, which may replace either.
    return Ownership.isExecutorCreation(tree, state)
        && !(Expressions.strip(tree) instanceof NewClassTree creation
            && creation.getClassBody() != null);
  }

  private static boolean isPoolCreation(@Nullable ExpressionTree tree, VisitorState state) {
    if (Ownership.isExecutorCreation(tree, state)) {
      return true;
    }
    return Expressions.strip(tree) instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && getSymbol(call) instanceof MethodSymbol factory
        && factory.isStatic()
        && factory.getSimpleName().toString().startsWith("new")
        && Supertypes.isSubtypeOf(
            factory.getReturnType(), "java.util.concurrent.ExecutorService", state)
        && factory.getParameters().stream()
            .anyMatch(
                parameter ->
                    Supertypes.isSubtypeOf(
                        parameter.type, "java.util.concurrent.ThreadFactory", state));
  }

  /**
   * True if the task at {@code taskPath} (a lambda or an anonymous class creation) runs only on the
   * common pool ({@link ThreadTasks#runsOnTheCommonPool}), inline or through a local used for
   * nothing else, in a file that interrupts no thread but the current one: nobody shuts that pool
   * down, and neither a {@code CompletableFuture}'s nor a {@code ForkJoinTask}'s {@code
   * cancel(true)} interrupts, so nothing can interrupt the task.
   */
  static boolean onlyRunsOnTheCommonPool(TreePath taskPath, VisitorState state) {
    return Tasks.isHandedTo(taskPath, state, ThreadTasks::runsOnTheCommonPool)
        && !interruptsAnotherThread(new TreePath(state.getPath().getCompilationUnit()), state);
  }

  /** {@code executor == null}, {@code executor != other}: a comparison hands nothing out. */
  private static boolean isComparison(@Nullable Tree parent) {
    return parent != null
        && (parent.getKind() == Tree.Kind.EQUAL_TO || parent.getKind() == Tree.Kind.NOT_EQUAL_TO);
  }

  /**
   * The executor passed where a plain {@code Object} is taken ({@code log.info("stopping {}",
   * executor)}, {@code String.valueOf(executor)}): code that takes an {@code Object} can only print
   * or compare it, not stop the pool.
   */
  private static boolean isPlainObjectArgument(
      TreePath use, @Nullable Tree parent, VisitorState state) {
    if (!(parent instanceof MethodInvocationTree call)
        || !Expressions.isResolved(call)
        || !(getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    int index = argumentIndex(call, use.getLeaf());
    if (index < 0) {
      return false;
    }
    List<VarSymbol> parameters = method.getParameters();
    if (parameters.isEmpty()) {
      return false;
    }
    Type parameter =
        index < parameters.size()
            ? parameters.get(index).type
            : parameters.get(parameters.size() - 1).type;
    if (method.isVarArgs()
        && index >= parameters.size() - 1
        && parameter instanceof Type.ArrayType array) {
      parameter = array.getComponentType();
    }
    return parameter != null
        && parameter.tsym != null
        && parameter.tsym.getQualifiedName().contentEquals("java.lang.Object");
  }

  /**
   * The file calls {@code interrupt()} on some thread other than {@code Thread.currentThread()}.
   */
  private static boolean interruptsAnotherThread(TreePath unit, VisitorState state) {
    boolean[] found = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!found[0]
            && Expressions.isResolved(call)
            && ThreadCalls.INTERRUPT.matches(call, state)) {
          ExpressionTree receiver = Expressions.strip(getReceiver(call));
          found[0] =
              !(receiver instanceof MethodInvocationTree current
                  && Expressions.isResolved(current)
                  && ThreadCalls.CURRENT_THREAD.matches(current, state));
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(unit, null);
    return found[0];
  }

  /**
   * The index of the argument of {@code call} that is {@code tree} once parentheses and casts are
   * stripped ({@code submit((Callable<Void>) () -> ..)}), or -1.
   */
  private static int argumentIndex(MethodInvocationTree call, Tree tree) {
    List<? extends ExpressionTree> arguments = call.getArguments();
    for (int i = 0; i < arguments.size(); i++) {
      if (Expressions.strip(arguments.get(i)) == tree) {
        return i;
      }
    }
    return -1;
  }
}
