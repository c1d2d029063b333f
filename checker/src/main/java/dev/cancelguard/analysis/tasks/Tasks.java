package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCMemberReference;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * What code runs as a task (on another thread, cancellable by its submitter), and what code is a
 * thread's own top level (it owns the thread's interruption policy).
 */
public final class Tasks {
  private Tasks() {}

  /** True if the call hands a task to an executor, a pool, a structured scope or a new thread. */
  public static boolean isTaskSubmission(ExpressionTree call, VisitorState state) {
    return Expressions.isResolved(call)
        && (ExecutorCalls.TASK_SUBMISSION.matches(call, state)
            || ThreadCalls.THREAD_BODY.matches(call, state));
  }

  /**
   * The innermost code unit (method, lambda or initializer) enclosing {@code path}, as a path; null
   * at class level.
   */
  public static @Nullable TreePath enclosingCodeUnit(TreePath path) {
    return CodeUnits.enclosing(path);
  }

  /**
   * True if the code unit (a method or lambda path from {@link #enclosingCodeUnit}) runs as a task:
   * a lambda or anonymous class passed to an executor, a thread, {@code runAsync}, {@code fork}
   * (inline, or through a local used for nothing else); {@code run()}/{@code call()}/{@code
   * compute()} of a Runnable, Callable, Thread or ForkJoinTask.
   */
  public static boolean runsAsTask(TreePath codeUnit, VisitorState state) {
    Tree leaf = codeUnit.getLeaf();
    if (leaf instanceof LambdaExpressionTree) {
      return isHandedTo(codeUnit, state, Tasks::isTaskSubmission);
    }
    if (!(leaf instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    if (!method.getParameters().isEmpty() || symbol.isStatic()) {
      return false;
    }
    String name = symbol.getSimpleName().toString();
    ClassSymbol owner = symbol.enclClass();
    return switch (name) {
      case "run" -> isSubtypeOf(owner, "java.lang.Runnable", state);
      case "call" -> isSubtypeOf(owner, "java.util.concurrent.Callable", state);
      case "compute" -> isSubtypeOf(owner, "java.util.concurrent.ForkJoinTask", state);
      default -> false;
    };
  }

  /**
   * True if the code unit is a lambda, or a method of an anonymous class, handed to an executor, a
   * pool, {@code runAsync}/{@code supplyAsync} or a structured scope (inline, or through a local
   * used for nothing else) — not to a new thread. Such a task is cancelled the executor's way: by
   * {@code cancel(true)} or {@code shutdownNow()}, that is by interrupting it.
   */
  public static boolean isSubmittedToExecutor(TreePath codeUnit, VisitorState state) {
    Tree leaf = codeUnit.getLeaf();
    if (leaf instanceof LambdaExpressionTree) {
      return isHandedTo(codeUnit, state, ExecutorCalls.TASK_SUBMISSION::matches);
    }
    TreePath creation = anonymousCreation(codeUnit);
    return creation != null && isHandedTo(creation, state, ExecutorCalls.TASK_SUBMISSION::matches);
  }

  /**
   * For a method of an anonymous class, the path of the class's creation ({@code new Runnable() {
   * .. }}); null for any other code unit.
   */
  static @Nullable TreePath anonymousCreation(TreePath codeUnit) {
    TreePath classPath = codeUnit.getParentPath();
    return codeUnit.getLeaf() instanceof MethodTree
            && classPath != null
            && classPath.getLeaf() instanceof ClassTree
            && classPath.getParentPath() != null
            && classPath.getParentPath().getLeaf() instanceof NewClassTree newClass
            && newClass.getClassBody() == classPath.getLeaf()
        ? classPath.getParentPath()
        : null;
  }

  /**
   * The value (a lambda, a class creation) is an argument of a call of that kind, inline or through
   * a local used for nothing else.
   */
  static boolean isHandedTo(
      TreePath valuePath,
      VisitorState state,
      java.util.function.BiPredicate<ExpressionTree, VisitorState> callKind) {
    return isArgumentOf(valuePath, state, callKind)
        || isLocalOnlyHandedTo(valuePath, state, callKind);
  }

  /**
   * True if the code unit is the whole of a thread's work, so that when it ends the thread ends and
   * nobody is left to read the interrupt flag: {@code run()} of a {@link Thread} subclass, a
   * Runnable (lambda or anonymous class) handed to {@code new Thread(..)}, a thread builder, a
   * ThreadFactory or a project's own thread factory method ({@link
   * ThreadCalls#THREAD_FACTORY_METHOD}) (inline, or through a local used for nothing else), the
   * hook a template thread's final {@code run()} hands its whole work to ({@link ThreadHooks}), and
   * {@code main}.
   */
  public static boolean isThreadTopLevel(TreePath codeUnit, VisitorState state) {
    Tree leaf = codeUnit.getLeaf();
    if (leaf instanceof LambdaExpressionTree) {
      return isHandedTo(codeUnit, state, ThreadCalls.THREAD_WHOLE_WORK::matches);
    }
    if (!(leaf instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    if (isMainMethod(method, symbol)) {
      return true;
    }
    if (!symbol.getSimpleName().contentEquals("run")) {
      // The hook a template thread's final run() hands its whole work to: `work()` of a
      // `Thread` subclass whose base's `public final void run() { work(); }`.
      return ThreadHooks.isWholeWorkOfItsThread(method, symbol, state);
    }
    if (!method.getParameters().isEmpty()) {
      return false;
    }
    if (isSubtypeOf(symbol.enclClass(), "java.lang.Thread", state)) {
      return true;
    }
    // run() of an anonymous Runnable passed to a Thread constructor or builder, directly or
    // through a local that is used for nothing else.
    TreePath creation = anonymousCreation(codeUnit);
    if (creation != null) {
      return isHandedTo(creation, state, ThreadCalls.THREAD_WHOLE_WORK::matches);
    }
    // run() of a named Runnable class whose instances this file hands to new Thread(..) (or a
    // builder or factory): `new Thread(this)`, `new Thread(new Watcher())`.
    return isHandedToThreadInThisFile(symbol.enclClass(), state);
  }

  /**
   * True if the code unit is a private method that every caller calls as the last thing a thread's
   * top level ({@link #isThreadTopLevel}) or the whole work of a task only threads or the common
   * pool run ({@link ThreadTasks}) does: {@code run() { try { runLoop(); } finally { .. } }}. When
   * it ends, its thread (or task) ends, as when the top level itself ends.
   */
  public static boolean endsWithItsThread(
      TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !method.getModifiers().getFlags().contains(Modifier.PRIVATE)
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    List<TreePath> calls = new ArrayList<>();
    boolean[] referenced = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && symbol.equals(getSymbol(call))) {
          calls.add(getCurrentPath());
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        // The symbol field, not getSymbol: a reference javac could not resolve has none.
        referenced[0] |= symbol.equals(((JCMemberReference) reference).sym);
        return super.visitMemberReference(reference, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    if (calls.isEmpty() || referenced[0]) {
      return false;
    }
    for (TreePath call : calls) {
      TreePath statement = call.getParentPath();
      TreePath caller = enclosingCodeUnit(call);
      if (!(statement.getLeaf() instanceof ExpressionStatementTree)
          || caller == null
          || !(isThreadTopLevel(caller, state) || ThreadTasks.isWholeWork(caller, state))
          || !isInTailPosition(statement, caller, state, options)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHandedToThreadInThisFile(ClassSymbol runnable, VisitorState state) {
    if (runnable == null || runnable.isAnonymous()) {
      return false;
    }
    return CallScans.callsHandedAn(runnable, state.getPath().getCompilationUnit()).stream()
        .anyMatch(
            call ->
                Expressions.isResolved(call) && ThreadCalls.THREAD_WHOLE_WORK.matches(call, state));
  }

  /**
   * True if the code is an executor's own worker machinery: a private method, or a member of a
   * nested class, inside a class that implements {@link java.util.concurrent.Executor} or is named
   * {@code *ThreadPool} (pools with an interface of their own); or the {@code run()} of a thread
   * that is itself an executor, which only that thread runs ({@link ExecutorThreads}). A thread
   * pool owns its worker threads' interruption policy (it wakes them with interrupts and checks its
   * own state), unlike the tasks it runs.
   */
  public static boolean isExecutorInternals(TreePath path, VisitorState state) {
    if (ExecutorThreads.isOwnWorkerLoop(path, state)) {
      return true;
    }
    // Null when this compilation never mentions Executor: then only the name can tell.
    Type executor = state.getTypeFromString("java.util.concurrent.Executor");
    boolean privateOrNested = false;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree method
          && method.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
        privateOrNested = true;
      }
      if (leaf instanceof ClassTree classTree && getSymbol(classTree) instanceof ClassSymbol c) {
        if (privateOrNested
            && ((executor != null && isSubtype(c.type, executor, state))
                || c.getSimpleName().toString().endsWith("ThreadPool"))) {
          return true;
        }
        privateOrNested = true; // code in a nested class of what encloses it
      }
    }
    return false;
  }

  /**
   * True if the code unit is a program's {@code main} method: nothing interrupts the main thread in
   * practice (a signal runs the shutdown hooks, it does not interrupt {@code main}).
   */
  public static boolean isMainMethod(TreePath codeUnit) {
    return codeUnit.getLeaf() instanceof MethodTree method
        && getSymbol(method) instanceof MethodSymbol symbol
        && isMainMethod(method, symbol);
  }

  private static boolean isMainMethod(MethodTree method, MethodSymbol symbol) {
    return symbol.getSimpleName().contentEquals("main")
        && symbol.isStatic()
        && method.getModifiers().getFlags().contains(Modifier.PUBLIC)
        && method.getParameters().size() == 1;
  }

  /**
   * True if the statement at {@code path} is the last thing its code unit does that could notice an
   * interrupt: after it, the method or lambda {@code codeUnit} only runs code with no cancellation
   * point (a final log line, a drain of what is left) and returns. Never inside a loop.
   */
  public static boolean isInTailPosition(
      TreePath path, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    Tree body = CodeUnits.bodyOf(codeUnit.getLeaf());
    for (TreePath p = path; p != null && p.getParentPath() != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf == body) {
        return true;
      }
      Tree parent = p.getParentPath().getLeaf();
      boolean stillTail =
          switch (parent) {
            case BlockTree block -> onlyFinishingStatementsAfter(block, leaf, state, options);
            case TryTree tryTree -> leaf != tryTree.getFinallyBlock();
            case CatchTree catchTree -> true;
            case IfTree ifTree -> leaf != ifTree.getCondition();
            case LabeledStatementTree labeled -> true;
            case SynchronizedTree sync -> leaf == sync.getBlock();
            case CaseTree caseTree -> caseTree.getCaseKind() == CaseTree.CaseKind.RULE;
            case SwitchTree switchTree -> leaf != switchTree.getExpression();
            default -> false;
          };
      if (!stillTail) {
        return false;
      }
    }
    return false;
  }

  /** The statements after {@code leaf} in the block have no cancellation point. */
  public static boolean onlyFinishingStatementsAfter(
      BlockTree block, Tree leaf, VisitorState state, CancelGuardOptions options) {
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf(leaf);
    if (index < 0) {
      return false;
    }
    return statements.subList(index + 1, statements.size()).stream()
        .noneMatch(
            statement ->
                CallScans.anyCallOutsideNestedCode(
                    statement,
                    call -> CancellationPoints.isCancellationPoint(call, state, options)));
  }

  /**
   * True if the lambda or anonymous class at {@code valuePath} initializes a local variable whose
   * every use is as an argument of a call of {@code callKind}: {@code Runnable r = () -> ..; new
   * Thread(null, r, name, 0)}. The local then only carries the code to that call, as if it were
   * written inline. A local that is reassigned, run directly ({@code r.run()}) or handed to any
   * other call does not count.
   */
  private static boolean isLocalOnlyHandedTo(
      TreePath valuePath,
      VisitorState state,
      java.util.function.BiPredicate<ExpressionTree, VisitorState> callKind) {
    TreePath declarationPath = LocalUses.parent(valuePath);
    if (declarationPath == null
        || !(declarationPath.getLeaf() instanceof VariableTree declaration)
        || declaration.getInitializer() == null
        || !containsOrIs(declaration.getInitializer(), valuePath.getLeaf())
        || !(getSymbol(declaration) instanceof VarSymbol local)
        || local.getKind() != ElementKind.LOCAL_VARIABLE) {
      return false;
    }
    // A local's uses all lie in the code unit that declares it (captures included).
    TreePath scope = enclosingCodeUnit(declarationPath);
    if (scope == null) {
      return false; // declared in an initializer block: not followed
    }
    List<TreePath> uses = LocalUses.references(scope, local);
    return !uses.isEmpty() && uses.stream().allMatch(use -> isArgumentOf(use, state, callKind));
  }

  static boolean isArgumentOf(
      TreePath argumentPath,
      VisitorState state,
      java.util.function.BiPredicate<ExpressionTree, VisitorState> callKind) {
    TreePath parent = argumentPath.getParentPath();
    while (parent != null
        && (parent.getLeaf().getKind() == Tree.Kind.PARENTHESIZED
            || parent.getLeaf().getKind() == Tree.Kind.TYPE_CAST)) {
      parent = parent.getParentPath();
    }
    if (parent == null) {
      return false;
    }
    Tree call = parent.getLeaf();
    List<? extends ExpressionTree> arguments =
        switch (call) {
          case MethodInvocationTree invocation -> invocation.getArguments();
          case NewClassTree newClass -> newClass.getArguments();
          default -> List.of();
        };
    return arguments.stream().anyMatch(a -> containsOrIs(a, argumentPath.getLeaf()))
        && Expressions.isResolved((ExpressionTree) call)
        && callKind.test((ExpressionTree) call, state);
  }

  private static boolean containsOrIs(ExpressionTree argument, Tree leaf) {
    Tree stripped = argument;
    while (stripped instanceof com.sun.source.tree.ParenthesizedTree parens) {
      stripped = parens.getExpression();
    }
    while (stripped instanceof com.sun.source.tree.TypeCastTree cast) {
      stripped = cast.getExpression();
    }
    return argument == leaf || stripped == leaf;
  }

  private static boolean isSubtypeOf(@Nullable Symbol owner, String typeName, VisitorState state) {
    return owner != null && Supertypes.isSubtypeOf(owner.type, typeName, state);
  }
}
