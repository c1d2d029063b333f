package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * A future cancelled on the very thread that would run its task: every task the future holds was
 * scheduled on one single-threaded executor or event loop, and the code that cancels it runs on
 * that same executor (a task submitted to it, or a method that asserts it runs in that event loop).
 * The cancelled task cannot be running then, so nothing after the cancel races with it.
 */
public final class SameThreadCancels {
  /** How many leading statements of a method are read for an event-loop assertion. */
  private static final int LEADING_STATEMENTS = 3;

  /** {@code Executors.newFixedThreadPool(n, ..)} and {@code newScheduledThreadPool(n, ..)}. */
  private static final Matcher<ExpressionTree> ONE_THREAD_FACTORY =
      CallNames.resolvedOnly(
          staticMethod()
              .onClass("java.util.concurrent.Executors")
              .namedAnyOf("newFixedThreadPool", "newScheduledThreadPool"));

  private SameThreadCancels() {}

  /**
   * True if the future {@code target} holds comes only from submissions to one single-threaded
   * executor (or is {@code null}), and the code at {@code path} runs on that executor.
   */
  public static boolean cancelsOnTheTasksOwnThread(
      CancelTarget target, TreePath path, VisitorState state) {
    VarSymbol future = target.variable();
    if (future.getKind() != ElementKind.FIELD && future.getKind() != ElementKind.LOCAL_VARIABLE) {
      return false;
    }
    List<ExpressionTree> values = FutureValues.assignedBranches(future, path.getCompilationUnit());
    if (values == null) {
      return false;
    }
    Symbol executor = null;
    for (ExpressionTree value : values) {
      if (value.getKind() == Tree.Kind.NULL_LITERAL) {
        continue;
      }
      if (!(value instanceof MethodInvocationTree submission)
          || !Tasks.isTaskSubmission(submission, state)) {
        return false; // a future of unknown origin
      }
      Symbol submittedTo = executorNamedBy(getReceiver(submission));
      if (submittedTo == null || (executor != null && !executor.equals(submittedTo))) {
        return false;
      }
      executor = submittedTo;
    }
    if (executor == null || !isSingleThreaded(executor, path, state)) {
      return false;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(path);
    return codeUnit != null
        && (isSubmittedTo(codeUnit, executor, state) || assertsItRunsIn(codeUnit, executor));
  }

  /**
   * What names an executor: a variable ({@code executor}, {@code this.executor}) or a method
   * without arguments ({@code eventLoop()}); null for anything else.
   */
  private static @Nullable Symbol executorNamedBy(@Nullable ExpressionTree expression) {
    ExpressionTree stripped = Expressions.strip(expression);
    if (stripped == null) {
      return null;
    }
    VarSymbol variable = Expressions.variableOf(stripped);
    if (variable != null) {
      return variable;
    }
    return stripped instanceof MethodInvocationTree call
            && call.getArguments().isEmpty()
            && Expressions.isResolved(call)
            && getSymbol(call) instanceof MethodSymbol method
        ? method
        : null;
  }

  /**
   * True if the executor runs its tasks on one thread: an event loop (its type has {@code boolean
   * inEventLoop()}), or a variable of this file set only to pools of one thread ({@code
   * Executors.newSingleThreadExecutor(..)}, {@code new ScheduledThreadPoolExecutor(1, ..)}: {@link
   * #makesOneThreadPool}) and never resized.
   */
  private static boolean isSingleThreaded(Symbol executor, TreePath path, VisitorState state) {
    Type type = executor instanceof MethodSymbol method ? method.getReturnType() : executor.type;
    if (isEventLoop(type, state)) {
      return true;
    }
    if (!(executor instanceof VarSymbol variable)) {
      return false;
    }
    boolean[] declared = new boolean[1];
    List<ExpressionTree> values =
        FutureValues.collectAssignments(variable, path.getCompilationUnit(), declared);
    return declared[0]
        && !values.isEmpty()
        && values.stream().allMatch(v -> makesOneThreadPool(v, state))
        && !resized(variable, path.getCompilationUnit());
  }

  /**
   * {@code Executors.newSingleThreadExecutor(..)}, {@code newSingleThreadScheduledExecutor(..)},
   * {@code newFixedThreadPool(1, ..)}, {@code newScheduledThreadPool(1, ..)}, {@code new
   * ScheduledThreadPoolExecutor(1, ..)} (a fixed pool of its core size) or {@code new
   * ThreadPoolExecutor(core, 1, ..)} (at most one thread).
   */
  private static boolean makesOneThreadPool(ExpressionTree value, VisitorState state) {
    ExpressionTree stripped = stripParentheses(value);
    if (stripped instanceof MethodInvocationTree call) {
      return ExecutorCalls.SINGLE_THREAD_FACTORY.matches(call, state)
          || ONE_THREAD_FACTORY.matches(call, state)
              && !call.getArguments().isEmpty()
              && isOne(call.getArguments().getFirst());
    }
    if (!(stripped instanceof NewClassTree creation)
        || creation.getClassBody() != null
        || !Expressions.isResolved(creation)
        || !(getSymbol(creation) instanceof MethodSymbol constructor)) {
      return false;
    }
    String type = constructor.owner.getQualifiedName().toString();
    List<? extends ExpressionTree> arguments = creation.getArguments();
    return switch (type) {
      case "java.util.concurrent.ScheduledThreadPoolExecutor" ->
          !arguments.isEmpty() && isOne(arguments.getFirst());
      case "java.util.concurrent.ThreadPoolExecutor" ->
          arguments.size() >= 2 && isOne(arguments.get(1));
      default -> false;
    };
  }

  private static boolean isOne(ExpressionTree argument) {
    return constValue(argument) instanceof Integer value && value == 1;
  }

  /** True if the file calls {@code setCorePoolSize} or {@code setMaximumPoolSize} on the pool. */
  private static boolean resized(VarSymbol pool, CompilationUnitTree unit) {
    boolean[] resized = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        resized[0] |=
            Expressions.isResolved(call)
                && getSymbol(call) instanceof MethodSymbol method
                && (method.getSimpleName().contentEquals("setCorePoolSize")
                    || method.getSimpleName().contentEquals("setMaximumPoolSize"))
                && pool.equals(Expressions.variableOf(getReceiver(call)));
        return super.visitMethodInvocation(call, null);
      }
    }.scan(unit, null);
    return resized[0];
  }

  private static boolean isEventLoop(@Nullable Type type, VisitorState state) {
    if (type == null || type.tsym == null) {
      return false;
    }
    try {
      for (Symbol member :
          state
              .getTypes()
              .membersClosure(type, false)
              .getSymbolsByName(state.getName("inEventLoop"))) {
        if (member instanceof MethodSymbol method
            && method.getParameters().isEmpty()
            && method.getReturnType().getKind() == TypeKind.BOOLEAN) {
          return true;
        }
      }
    } catch (RuntimeException incomplete) {
      return false; // a supertype that cannot be completed
    }
    return false;
  }

  /** True if the code unit is a lambda or anonymous class's method handed to {@code executor}. */
  private static boolean isSubmittedTo(TreePath codeUnit, Symbol executor, VisitorState state) {
    TreePath handed = handedOnCode(codeUnit);
    if (handed == null) {
      return false;
    }
    TreePath parent = handed.getParentPath();
    while (parent != null
        && (parent.getLeaf().getKind() == Tree.Kind.PARENTHESIZED
            || parent.getLeaf().getKind() == Tree.Kind.TYPE_CAST)) {
      parent = parent.getParentPath();
    }
    return parent != null
        && parent.getLeaf() instanceof MethodInvocationTree submission
        && submission.getArguments().stream()
            .anyMatch(a -> Expressions.strip(a) == handed.getLeaf())
        && Tasks.isTaskSubmission(submission, state)
        && executor.equals(executorNamedBy(getReceiver(submission)));
  }

  /** The lambda, or the anonymous class whose method the code unit is; null for other code. */
  private static @Nullable TreePath handedOnCode(TreePath codeUnit) {
    if (codeUnit.getLeaf() instanceof LambdaExpressionTree) {
      return codeUnit;
    }
    TreePath classPath = codeUnit.getParentPath();
    return codeUnit.getLeaf() instanceof MethodTree
            && classPath != null
            && classPath.getLeaf() instanceof ClassTree
            && classPath.getParentPath() != null
            && classPath.getParentPath().getLeaf() instanceof NewClassTree
        ? classPath.getParentPath()
        : null;
  }

  /**
   * True if the method's first statements assert that it runs in the executor's event loop: {@code
   * assert executor.inEventLoop();}, {@code if (!executor.inEventLoop()) throw ..;}, {@code
   * checkState(executor.inEventLoop())}.
   */
  private static boolean assertsItRunsIn(TreePath codeUnit, Symbol executor) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method) || method.getBody() == null) {
      return false;
    }
    BlockTree body = method.getBody();
    int read = 0;
    for (StatementTree statement : body.getStatements()) {
      if (read++ >= LEADING_STATEMENTS) {
        break;
      }
      ExpressionTree condition =
          switch (statement) {
            case AssertTree assertion -> assertion.getCondition();
            case IfTree ifTree
                when ifTree.getElseStatement() == null
                    && stripParentheses(ifTree.getCondition()) instanceof UnaryTree not
                    && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
                    && throwsOnly(ifTree.getThenStatement()) ->
                not.getExpression();
            case ExpressionStatementTree expression
                when stripParentheses(expression.getExpression()) instanceof MethodInvocationTree c
                    && !c.getArguments().isEmpty() ->
                c.getArguments().getFirst();
            default -> null;
          };
      if (condition != null
          && stripParentheses(condition) instanceof MethodInvocationTree test
          && test.getArguments().isEmpty()
          && getSymbol(test) instanceof MethodSymbol testMethod
          && testMethod.getSimpleName().contentEquals("inEventLoop")
          && executor.equals(executorNamedBy(getReceiver(test)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean throwsOnly(StatementTree then) {
    StatementTree only = then;
    if (then instanceof BlockTree block && block.getStatements().size() == 1) {
      only = block.getStatements().getFirst();
    }
    return only.getKind() == Tree.Kind.THROW;
  }
}
