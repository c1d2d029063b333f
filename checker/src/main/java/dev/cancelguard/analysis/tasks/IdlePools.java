package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.VariableReferences;

/**
 * Pools the component never gives any work: a private field whose every value the file gives it is
 * a pool made on the spot from plain values, and whose every use is a stop, a wait, a query of its
 * state, a test against {@code null} or an assignment. No task of the component can be running
 * there when it is shut down, so nothing after the stop can meet one (the standard's "no work of
 * the component can be running there").
 *
 * <p>A value is "made on the spot" when it is {@code new C(..)} without a class body, or a chain of
 * calls rooted in {@code new C(..)} or in a static factory whose name starts with {@code new}
 * (Effective Java's convention, which the JDK's {@code Executors.newFixedThreadPool} and the pool
 * builders' {@code newBuilder()} follow: each call returns a new object), ending where the value is
 * ({@code OrderedExecutor.newBuilder().numThreads(8).name("cache").build()}). No class or method of
 * that chain may be compiled here (the rule would have to read what its own code runs on the pool,
 * and does not), and every argument anywhere in it is a plain value: a literal, an expression of a
 * primitive, boxed, {@code String}, {@code TimeUnit} or {@code Duration} type, or itself a {@code
 * new} or a {@code new..} chain of such arguments ({@code new DefaultThreadFactory("cache")}). So
 * no lambda, method reference, task, listener, {@code this} or variable of the component reaches
 * the pool through its making: the only code it can run is its own library's.
 *
 * <p>The field being private, every use of it is in this file; a submission, a pool handed on (an
 * argument, a return, a copy into another variable) or any other call keeps the stop reported.
 */
public final class IdlePools {
  /** Calls on a pool that give it nothing to run and hand nothing of it on. */
  private static final ImmutableSet<String> STOPS_WAITS_AND_QUERIES =
      ImmutableSet.of(
          "shutdown",
          "shutdownNow",
          "close",
          "awaitTermination",
          "isShutdown",
          "isTerminated",
          "isTerminating");

  /** Reference types whose values carry no code another thread could run. */
  private static final ImmutableSet<String> VALUE_TYPES =
      ImmutableSet.of("java.lang.String", "java.util.concurrent.TimeUnit", "java.time.Duration");

  private IdlePools() {}

  /** True if {@code target} is an executor field of the kind the class comment describes. */
  public static boolean givenNoWork(CancelTarget target, VisitorState state) {
    try {
      return isGivenNoWork(target, state);
    } catch (RuntimeException | AssertionError incomplete) {
      return false; // a symbol javac could not complete: nothing is shown
    }
  }

  private static boolean isGivenNoWork(CancelTarget target, VisitorState state) {
    VarSymbol pool = target.variable();
    if (target.kind() != CancelTarget.Kind.EXECUTOR
        || target.collection() != null
        || !Ownership.isField(pool)
        || !pool.isPrivate()) {
      return false;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    boolean made = false;
    for (ExpressionTree value : DelegatedTaskPools.valuesOf(unit, pool)) {
      ExpressionTree stripped = Expressions.strip(value);
      if (stripped.getKind() == Tree.Kind.NULL_LITERAL) {
        continue;
      }
      if (!isMadeOnTheSpot(stripped, state)) {
        return false;
      }
      made = true;
    }
    if (!made) {
      return false; // never given a pool here: one from elsewhere may hold others' work
    }
    for (TreePath reference : VariableReferences.in(new TreePath(unit), pool)) {
      if (!isIdleUse(reference)) {
        return false;
      }
    }
    return true;
  }

  /** An assignment to the field, a {@code null} test, or a stop, wait or query called on it. */
  private static boolean isIdleUse(TreePath reference) {
    TreePath parentPath = LocalUses.parent(reference);
    Tree parent = parentPath == null ? null : parentPath.getLeaf();
    if (parent instanceof AssignmentTree assignment
        && Expressions.strip(assignment.getVariable()) == reference.getLeaf()) {
      return true; // a value, checked on its own
    }
    if (parent instanceof BinaryTree test
        && (test.getKind() == Tree.Kind.EQUAL_TO || test.getKind() == Tree.Kind.NOT_EQUAL_TO)) {
      ExpressionTree other =
          Expressions.strip(test.getLeftOperand()) == reference.getLeaf()
              ? test.getRightOperand()
              : test.getLeftOperand();
      return Expressions.strip(other).getKind() == Tree.Kind.NULL_LITERAL;
    }
    TreePath callPath = parentPath == null ? null : LocalUses.parent(parentPath);
    return parent instanceof MemberSelectTree select
        && callPath != null
        && callPath.getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() == select
        && Expressions.isResolved(call)
        && STOPS_WAITS_AND_QUERIES.contains(select.getIdentifier().toString());
  }

  /**
   * {@code new C(..)}, or a chain of calls rooted in one or in a static {@code new..} factory, of
   * code not compiled here, with plain values for arguments.
   */
  private static boolean isMadeOnTheSpot(ExpressionTree value, VisitorState state) {
    ExpressionTree current = Expressions.strip(value);
    while (current instanceof MethodInvocationTree call) {
      if (!Expressions.isResolved(call)
          || !(getSymbol(call) instanceof MethodSymbol method)
          || isCompiledHere(method, state)
          || !call.getArguments().stream().allMatch(argument -> isPlainValue(argument, state))) {
        return false;
      }
      ExpressionTree receiver = getReceiver(call);
      if (method.isStatic()) {
        return isFactoryName(method.getSimpleName().toString());
      }
      if (receiver == null) {
        return false; // an instance method of the class itself, on `this`
      }
      current = Expressions.strip(receiver);
    }
    return current instanceof NewClassTree made
        && made.getClassBody() == null
        && made.getEnclosingExpression() == null
        && Expressions.isResolved(made)
        && getSymbol(made) instanceof MethodSymbol constructor
        && !isCompiledHere(constructor, state)
        && made.getArguments().stream().allMatch(argument -> isPlainValue(argument, state));
  }

  /** {@code new..}, then an upper-case letter or a digit: {@code newBuilder}, {@code new2}. */
  private static boolean isFactoryName(String name) {
    return name.length() > 3
        && name.startsWith("new")
        && (Character.isUpperCase(name.charAt(3)) || Character.isDigit(name.charAt(3)));
  }

  /** A value that carries no code another thread could run later. */
  private static boolean isPlainValue(ExpressionTree argument, VisitorState state) {
    ExpressionTree stripped = Expressions.strip(argument);
    if (stripped instanceof LiteralTree) {
      return true;
    }
    Type type = getType(stripped);
    if (type != null && isValueType(type, state)) {
      return true;
    }
    return (stripped instanceof NewClassTree || stripped instanceof MethodInvocationTree)
        && isMadeOnTheSpot(stripped, state);
  }

  private static boolean isValueType(Type type, VisitorState state) {
    if (type.isPrimitive()) {
      return type.getTag() != TypeTag.VOID;
    }
    if (state.getTypes().unboxedType(type).getTag() != TypeTag.NONE) {
      return true; // a boxed number, character or boolean
    }
    return type.tsym instanceof ClassSymbol named
        && VALUE_TYPES.contains(named.getQualifiedName().toString());
  }

  /** Declared in a class whose source is part of this compilation. */
  private static boolean isCompiledHere(MethodSymbol method, VisitorState state) {
    return method.owner instanceof ClassSymbol owner
        && CompiledSources.classTree(owner.outermostClass(), state) != null;
  }
}
