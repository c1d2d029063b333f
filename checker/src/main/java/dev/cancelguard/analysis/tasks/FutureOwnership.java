package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Who owns a future, and so who must cancel it: a future the code unit started itself ({@code
 * submit}, {@code schedule}, {@code runAsync}/{@code supplyAsync}, {@code fork}) and kept in a
 * local variable is its own; one handed in by the caller (a parameter, a field, the result of some
 * other call) belongs to someone else; one the code unit returns, stores or passes on leaves with
 * its ownership.
 */
public final class FutureOwnership {
  /** Methods of a future that observe or settle it without handing it on. */
  private static final ImmutableSet<String> KEEPING_METHODS =
      ImmutableSet.of(
          "get",
          "join",
          "getNow",
          "resultNow",
          "exceptionNow",
          "state",
          "isDone",
          "isCancelled",
          "isCompletedExceptionally",
          "cancel",
          "complete",
          "completeExceptionally",
          "obtrudeValue",
          "obtrudeException",
          "getNumberOfDependents",
          "toString",
          "hashCode",
          "equals");

  private FutureOwnership() {}

  /**
   * True if the call starts a task and returns the handle to it (a {@code Future}, a {@code
   * CompletableFuture} or a {@code StructuredTaskScope.Subtask}): {@code submit}, {@code schedule},
   * {@code runAsync}, {@code supplyAsync}, {@code fork}.
   */
  public static boolean startsTask(ExpressionTree tree, VisitorState state) {
    ExpressionTree stripped = stripParentheses(tree);
    if (!(stripped instanceof MethodInvocationTree call) || !Tasks.isTaskSubmission(call, state)) {
      return false;
    }
    Type type = getType(call);
    return isSubtypeOf(type, "java.util.concurrent.Future", state)
        || isSubtypeOf(type, "java.util.concurrent.StructuredTaskScope.Subtask", state);
  }

  /**
   * The local variable {@code receiver} names when it holds a future this code unit started: it is
   * declared in {@code codeUnit} (not captured from outside) and every value ever assigned to it is
   * a {@link #startsTask} call. Null otherwise: the future was handed in, or its origin is unknown.
   */
  public static @Nullable VarSymbol ownedLocal(
      ExpressionTree receiver, TreePath codeUnit, VisitorState state) {
    VarSymbol variable = localVariable(receiver);
    if (variable == null) {
      return null;
    }
    List<ExpressionTree> values = assignedValues(variable, codeUnit);
    if (values == null || values.isEmpty()) {
      return null;
    }
    for (ExpressionTree value : values) {
      if (!allBranches(value, v -> startsTask(v, state))) {
        return null;
      }
    }
    return variable;
  }

  /**
   * The {@link #startsTask} calls whose futures the local {@code variable} may hold, in source
   * order; empty when it may hold anything else.
   */
  public static ImmutableList<MethodInvocationTree> startsOf(
      VarSymbol variable, TreePath codeUnit, VisitorState state) {
    List<ExpressionTree> values = assignedValues(variable, codeUnit);
    if (values == null || values.isEmpty()) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<MethodInvocationTree> starts = ImmutableList.builder();
    for (ExpressionTree value : values) {
      List<ExpressionTree> branches = new ArrayList<>();
      FutureValues.collectBranches(value, branches);
      for (ExpressionTree branch : branches) {
        if (!startsTask(branch, state)) {
          return ImmutableList.of();
        }
        starts.add((MethodInvocationTree) stripParentheses(branch));
      }
    }
    return starts.build();
  }

  /**
   * The first use of the local {@code variable} through which its future leaves the code unit, or
   * null if it never does. It leaves when it is returned, passed to a call or constructor, assigned
   * to a field or another variable, put in an array, used as the value of a conditional or a
   * switch, captured by a lambda or a local/anonymous class, or when a stage chained from it
   * ({@code f.thenApply(..)}, {@code f.orTimeout(..)}) leaves (see {@link #chainLeaves}). Calls
   * that only observe or settle it ({@code get}, {@code join}, {@code cancel}, {@code isDone}, ...)
   * keep it.
   */
  public static @Nullable Tree escape(VarSymbol variable, TreePath codeUnit, VisitorState state) {
    return escape(variable, codeUnit, state, 0);
  }

  private static @Nullable Tree escape(
      VarSymbol variable, TreePath codeUnit, VisitorState state, int depth) {
    Tree body = CodeUnits.bodyOf(codeUnit.getLeaf());
    if (body == null) {
      return null;
    }
    Tree[] found = new Tree[1];
    new TreePathScanner<Void, Void>() {
      private int nested;

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        nested++;
        try {
          return super.visitLambdaExpression(lambda, null);
        } finally {
          nested--;
        }
      }

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        nested++;
        try {
          return super.visitClass(classTree, null);
        } finally {
          nested--;
        }
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (found[0] == null
            && variable.equals(getSymbol(identifier))
            && (nested > 0 || leavesThrough(getCurrentPath(), codeUnit, state, depth))) {
          found[0] = identifier;
        }
        return null;
      }
    }.scan(new TreePath(codeUnit, body), null);
    return found[0];
  }

  /**
   * True if the future (or stage) computed at {@code path} may leave the code unit. It is followed
   * up through the calls made on it ({@code .thenApply(..).orTimeout(..)}): it stays when the chain
   * ends in a call that consumes it ({@code join()}, {@code get()}, {@code isDone()}: anything not
   * returning a future), in a statement that drops it, or in a local variable that itself stays;
   * anywhere else (returned, passed, stored) it leaves.
   */
  public static boolean chainLeaves(TreePath path, TreePath codeUnit, VisitorState state) {
    return chainLeaves(path, codeUnit, state, 0);
  }

  private static boolean chainLeaves(
      TreePath path, TreePath codeUnit, VisitorState state, int depth) {
    TreePath current = path;
    while (true) {
      if (!isFutureLike(getType(current.getLeaf()), state)) {
        return false; // consumed here: waited for, tested, turned into a value
      }
      TreePath parentPath = skipParensAndCasts(current);
      if (parentPath == null) {
        return true;
      }
      if (parentPath.getLeaf() instanceof MemberSelectTree select
          && parentPath.getParentPath() != null
          && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree call
          && call.getMethodSelect() == select) {
        if (KEEPING_METHODS.contains(select.getIdentifier().toString())) {
          return false;
        }
        current = parentPath.getParentPath();
        continue;
      }
      Tree parent = parentPath.getLeaf();
      if (parent instanceof ExpressionStatementTree) {
        return false;
      }
      if (parent instanceof VariableTree declaration
          && getSymbol(declaration) instanceof VarSymbol local
          && local.getKind() == ElementKind.LOCAL_VARIABLE
          && depth < MAX_DEPTH) {
        return escape(local, codeUnit, state, depth + 1) != null;
      }
      return true;
    }
  }

  /** Locals a chain is followed into, at most this deep. */
  private static final int MAX_DEPTH = 2;

  /** True if the use of a future at {@code use} (an identifier) may hand it on. */
  private static boolean leavesThrough(
      TreePath use, TreePath codeUnit, VisitorState state, int depth) {
    Tree child = use.getLeaf();
    TreePath parentPath = use.getParentPath();
    while (parentPath != null
        && (parentPath.getLeaf().getKind() == Tree.Kind.PARENTHESIZED
            || parentPath.getLeaf() instanceof TypeCastTree)) {
      child = parentPath.getLeaf();
      parentPath = parentPath.getParentPath();
    }
    if (parentPath == null) {
      return false;
    }
    Tree parent = parentPath.getLeaf();
    return switch (parent) {
      case MemberSelectTree select -> {
        TreePath callPath = parentPath.getParentPath();
        if (callPath == null
            || !(callPath.getLeaf() instanceof MethodInvocationTree call)
            || call.getMethodSelect() != select) {
          yield false; // a field of the future, or a method reference: not handed on here
        }
        yield !KEEPING_METHODS.contains(select.getIdentifier().toString())
            && chainLeaves(callPath, codeUnit, state, depth);
      }
      case AssignmentTree assignment -> assignment.getExpression() == child;
      case VariableTree declaration -> declaration.getInitializer() == child;
      case Tree t
          when t.getKind() == Tree.Kind.EQUAL_TO
              || t.getKind() == Tree.Kind.NOT_EQUAL_TO
              || t.getKind() == Tree.Kind.INSTANCE_OF
              || t.getKind() == Tree.Kind.PLUS
              || t.getKind() == Tree.Kind.SYNCHRONIZED ->
          false;
      default -> true; // return, argument, array, conditional, yield, ...
    };
  }

  private static @Nullable TreePath skipParensAndCasts(TreePath path) {
    TreePath parent = path.getParentPath();
    while (parent != null
        && (parent.getLeaf().getKind() == Tree.Kind.PARENTHESIZED
            || parent.getLeaf() instanceof TypeCastTree)) {
      parent = parent.getParentPath();
    }
    return parent;
  }

  private static boolean isFutureLike(@Nullable Type type, VisitorState state) {
    return isSubtypeOf(type, "java.util.concurrent.Future", state)
        || isSubtypeOf(type, "java.util.concurrent.CompletionStage", state);
  }

  /** True if {@code call} is a {@code cancel(..)} of the future held by {@code variable}. */
  public static boolean isCancelOf(Tree tree, VarSymbol variable, VisitorState state) {
    return tree instanceof MethodInvocationTree call
        && FutureCalls.CANCEL.matches(call, state)
        && isOn(call, variable);
  }

  /** True if {@code call} waits for the future held by {@code variable} (get, join). */
  public static boolean isWaitOn(Tree tree, VarSymbol variable, VisitorState state) {
    return tree instanceof MethodInvocationTree call
        && FutureCalls.WAIT.matches(call, state)
        && isOn(call, variable);
  }

  /** True if the code unit waits for the future held by {@code variable} somewhere (get, join). */
  public static boolean isWaitedOn(VarSymbol variable, TreePath codeUnit, VisitorState state) {
    Tree body = CodeUnits.bodyOf(codeUnit.getLeaf());
    return CallScans.anyCall(body, call -> isWaitOn(call, variable, state));
  }

  /** True if the call's receiver is the variable itself. */
  public static boolean isOn(MethodInvocationTree call, VarSymbol variable) {
    ExpressionTree receiver = getReceiver(call);
    return receiver != null && variable.equals(getSymbol(stripParentheses(receiver)));
  }

  /**
   * The expression a chain of stages starts from: {@code supplyAsync(..)} in {@code
   * supplyAsync(..).thenApply(..).copy()}, {@code f} in {@code f.thenApply(..)}.
   */
  public static ExpressionTree chainRoot(ExpressionTree expression, VisitorState state) {
    ExpressionTree current = stripParentheses(expression);
    while (current instanceof MethodInvocationTree call
        && FutureCalls.CHAINED_STAGE.matches(call, state)
        && getReceiver(call) != null) {
      current = stripParentheses(getReceiver(call));
    }
    return current;
  }

  /**
   * The task a task-starting call or constructor runs ({@link #startsTask}, {@code new Thread(..)},
   * a thread builder's {@code start(..)}): its lambda, method reference or object argument; null
   * when it has no argument.
   */
  public static @Nullable ExpressionTree taskOf(ExpressionTree start) {
    List<? extends ExpressionTree> arguments =
        switch (stripParentheses(start)) {
          case MethodInvocationTree call -> call.getArguments();
          case NewClassTree newClass -> newClass.getArguments();
          default -> List.of();
        };
    for (ExpressionTree argument : arguments) {
      ExpressionTree stripped = stripParentheses(argument);
      if (stripped instanceof LambdaExpressionTree
          || stripped.getKind() == Tree.Kind.MEMBER_REFERENCE
          || stripped instanceof NewClassTree) {
        return stripped;
      }
    }
    return arguments.isEmpty() ? null : arguments.getFirst();
  }

  private static @Nullable VarSymbol localVariable(ExpressionTree tree) {
    ExpressionTree stripped = stripParentheses(tree);
    return stripped instanceof IdentifierTree
            && getSymbol(stripped) instanceof VarSymbol variable
            && variable.getKind() == ElementKind.LOCAL_VARIABLE
        ? variable
        : null;
  }

  /**
   * The values assigned to a local anywhere in the code unit (its initializer first), or null when
   * it is not declared there.
   */
  private static @Nullable List<ExpressionTree> assignedValues(
      VarSymbol variable, TreePath codeUnit) {
    Tree body = CodeUnits.bodyOf(codeUnit.getLeaf());
    if (body == null) {
      return null;
    }
    boolean[] declared = new boolean[1];
    List<ExpressionTree> values = FutureValues.collectAssignments(variable, body, declared);
    return declared[0] ? values : null;
  }

  private static boolean allBranches(
      ExpressionTree value, java.util.function.Predicate<ExpressionTree> test) {
    List<ExpressionTree> branches = new ArrayList<>();
    FutureValues.collectBranches(value, branches);
    return branches.stream().allMatch(test);
  }

  private static boolean isSubtypeOf(@Nullable Type type, String name, VisitorState state) {
    return Supertypes.isSubtypeOf(type, name, state);
  }
}
