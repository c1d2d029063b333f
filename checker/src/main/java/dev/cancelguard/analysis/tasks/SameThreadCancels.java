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
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
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
    if (codeUnit == null) {
      return false;
    }
    TreePath handed = handedOnCode(codeUnit);
    if (handed != null) {
      return isSubmissionTo(handed, executor, state);
    }
    return assertsItRunsIn(codeUnit, executor)
        || isPrivateTaskOnlyRunBy(codeUnit, executor, state)
            && onTheTasksOwnInstance(path, future, executor, values, codeUnit);
  }

  /**
   * For a named task class: the cancel, and the submissions that gave the future its values, name
   * the future and the executor as fields of the instance the task belongs to (unqualified, {@code
   * this.f}, {@code Outer.this.f}), and the class is an inner class of that instance (or both
   * fields are static): the task then runs on the very executor whose future it cancels.
   */
  private static boolean onTheTasksOwnInstance(
      TreePath cancelPath,
      VarSymbol future,
      Symbol executor,
      List<ExpressionTree> values,
      TreePath codeUnit) {
    if (!(cancelPath.getLeaf() instanceof MethodInvocationTree cancel)
        || !namesAnOwnField(getReceiver(cancel))) {
      return false;
    }
    for (ExpressionTree value : values) {
      if (value instanceof MethodInvocationTree submission
          && !namesAnOwnField(getReceiver(submission))) {
        return false;
      }
    }
    boolean bothStatic = future.isStatic() && executor.isStatic();
    return bothStatic
        || codeUnit.getParentPath().getLeaf() instanceof ClassTree declared
            && getSymbol(declared) instanceof ClassSymbol task
            && task.hasOuterInstance();
  }

  /** {@code f}, {@code this.f} or {@code Outer.this.f}: a field of the code's own instances. */
  private static boolean namesAnOwnField(@Nullable ExpressionTree expression) {
    ExpressionTree stripped = Expressions.strip(expression);
    if (stripped instanceof IdentifierTree) {
      return true;
    }
    if (!(stripped instanceof MemberSelectTree select)) {
      return false;
    }
    ExpressionTree owner = Expressions.strip(select.getExpression());
    return owner instanceof IdentifierTree id && id.getName().contentEquals("this")
        || owner instanceof MemberSelectTree outer && outer.getIdentifier().contentEquals("this");
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

  /** The call the expression at {@code handed} is an argument of (parentheses and casts aside). */
  private static @Nullable MethodInvocationTree submissionOf(TreePath handed) {
    TreePath parent = handed.getParentPath();
    while (parent != null
        && (parent.getLeaf().getKind() == Tree.Kind.PARENTHESIZED
            || parent.getLeaf().getKind() == Tree.Kind.TYPE_CAST)) {
      parent = parent.getParentPath();
    }
    return parent != null && parent.getLeaf() instanceof MethodInvocationTree call ? call : null;
  }

  /** True if the expression at {@code handed} is an argument of a task submission to it. */
  private static boolean isSubmissionTo(TreePath handed, Symbol executor, VisitorState state) {
    MethodInvocationTree submission = submissionOf(handed);
    return submission != null
        && submission.getArguments().stream()
            .anyMatch(a -> Expressions.strip(a) == handed.getLeaf())
        && Tasks.isTaskSubmission(submission, state)
        && executor.equals(executorNamedBy(getReceiver(submission)));
  }

  /**
   * True if the code unit is {@code run()} or {@code call()} of a named task class that only this
   * file can make or extend (private, inside a private class, or local), which nothing in the file
   * extends, whose every {@code new} in the file is an argument of a task submission to {@code
   * executor} itself (no class body, not kept in a variable, not wrapped), and whose body never
   * hands on {@code this}: every instance is then one the executor holds, and nothing else can call
   * its entry method. So the code unit runs only on the executor's thread.
   *
   * <pre>{@code
   * private class PolicyInvoker implements Runnable {
   *   public void run() {
   *     if (changed()) {
   *       handler.cancel(true);
   *       monitorInterval = newInterval();
   *       handler = ses.scheduleAtFixedRate(new PolicyInvoker(), 0, monitorInterval, MILLISECONDS);
   *     }
   *   }
   * }
   * }</pre>
   */
  private static boolean isPrivateTaskOnlyRunBy(
      TreePath codeUnit, Symbol executor, VisitorState state) {
    TreePath classPath = codeUnit.getParentPath();
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !method.getParameters().isEmpty()
        || !(method.getName().contentEquals("run") || method.getName().contentEquals("call"))
        || classPath == null
        || !(classPath.getLeaf() instanceof ClassTree declared)
        || !(getSymbol(declared) instanceof ClassSymbol task)
        || !(getSymbol(method) instanceof MethodSymbol entry)
        || entry.isStatic()
        || (task.flags() & (Flags.ABSTRACT | Flags.INTERFACE)) != 0
        || task.isAnonymous()
        || !(isInAPrivateClass(task) || task.isDirectlyOrIndirectlyLocal())
        || !Tasks.runsAsTask(codeUnit, state)) {
      return false;
    }
    boolean[] unknown = new boolean[1];
    int[] made = new int[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return unknown[0] ? null : super.scan(tree, null);
      }

      @Override
      public Void visitClass(ClassTree other, Void unused) {
        if (getSymbol(other) instanceof ClassSymbol type
            && type != task
            && extendsTask(type, task, state)) {
          unknown[0] = true; // a subclass: its instances are made elsewhere
          return null;
        }
        return super.visitClass(other, null);
      }

      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        if (getSymbol(creation) instanceof MethodSymbol constructor && constructor.owner == task) {
          made[0]++;
          unknown[0] |=
              creation.getClassBody() != null
                  || creation.getEnclosingExpression() != null
                  || !isSubmissionTo(getCurrentPath(), executor, state)
                  || !namesAnOwnField(getReceiver(submissionOf(getCurrentPath())));
        }
        return super.visitNewClass(creation, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        // `PolicyInvoker::new`: instances made where the file does not show them.
        unknown[0] |=
            getSymbol(reference) instanceof MethodSymbol referenced
                && referenced.owner == task
                && referenced.isConstructor();
        return super.visitMemberReference(reference, null);
      }
    }.scan(new TreePath(codeUnit.getCompilationUnit()), null);
    return !unknown[0] && made[0] > 0 && !handsOnItself(classPath);
  }

  private static boolean extendsTask(ClassSymbol type, ClassSymbol task, VisitorState state) {
    try {
      return type.isSubClass(task, state.getTypes());
    } catch (RuntimeException incomplete) {
      return true; // a supertype that cannot be completed: maybe
    }
  }

  /** The class, or one around it, is private: only its own file can make or extend it. */
  private static boolean isInAPrivateClass(ClassSymbol type) {
    for (Symbol s = type; s instanceof ClassSymbol c; s = c.owner) {
      if ((c.flags() & Flags.PRIVATE) != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the class's code, its nested code included, uses {@code this} or {@code Outer.this}
   * other than to select a member: handed on, stored or returned, an instance could be run by other
   * code. (A nested class's own {@code this} counts too: taken as a possible escape.)
   */
  private static boolean handsOnItself(TreePath classPath) {
    boolean[] handed = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        handed[0] |=
            identifier.getName().contentEquals("this") && !selectsAMember(getCurrentPath());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        handed[0] |=
            select.getIdentifier().contentEquals("this") && !selectsAMember(getCurrentPath());
        return super.visitMemberSelect(select, null);
      }
    }.scan(classPath, null);
    return handed[0];
  }

  /** {@code this.field}, {@code this.m()}, or a constructor's {@code this(..)} call. */
  private static boolean selectsAMember(TreePath thisPath) {
    TreePath parent = thisPath.getParentPath();
    return parent != null
        && (parent.getLeaf() instanceof MemberSelectTree select
                && select.getExpression() == thisPath.getLeaf()
            || parent.getLeaf() instanceof MethodInvocationTree call
                && call.getMethodSelect() == thisPath.getLeaf());
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
