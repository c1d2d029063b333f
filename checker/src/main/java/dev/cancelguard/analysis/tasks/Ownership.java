package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Who owns an executor, a thread or a future: what creates a new one (as opposed to a view over a
 * pool someone else owns), which variable holds it, and whether a local one ever leaves its method.
 */
public final class Ownership {
  /** Pool classes whose constructor starts a new pool. */
  private static final ImmutableSet<String> POOL_CLASSES =
      ImmutableSet.of(
          "java.util.concurrent.ThreadPoolExecutor",
          "java.util.concurrent.ScheduledThreadPoolExecutor",
          "java.util.concurrent.ForkJoinPool");

  private Ownership() {}

  /**
   * True if the expression starts a new pool: an {@code Executors.new*} factory, or {@code new
   * ThreadPoolExecutor/ScheduledThreadPoolExecutor/ForkJoinPool(..)} (also an anonymous subclass).
   * Views over a pool ({@code Executors.unconfigurableExecutorService}, decorators, {@code
   * ForkJoinPool.commonPool()}) and executors returned by other methods are not creations.
   */
  public static boolean isExecutorCreation(@Nullable ExpressionTree tree, VisitorState state) {
    ExpressionTree stripped = Expressions.strip(tree);
    if (stripped instanceof MethodInvocationTree call) {
      return Expressions.isResolved(call) && ExecutorCalls.POOL_FACTORY.matches(call, state);
    }
    if (stripped instanceof NewClassTree newClass) {
      Type created = getType(newClass.getIdentifier());
      return created != null && POOL_CLASSES.contains(created.tsym.getQualifiedName().toString());
    }
    return false;
  }

  /** True if the expression makes a new thread: {@code new Thread(..)}, a builder, a factory. */
  public static boolean isThreadCreation(@Nullable ExpressionTree tree, VisitorState state) {
    ExpressionTree stripped = Expressions.strip(tree);
    if (stripped instanceof NewClassTree newClass) {
      Type created = getType(newClass);
      Type thread = state.getTypeFromString("java.lang.Thread");
      return created != null && isSubtype(created, thread, state);
    }
    return stripped instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && ThreadCalls.FACTORY_CALL.matches(call, state);
  }

  /**
   * True if the code of this file made the thread(s) the target names: the variable (or, for a loop
   * variable, a collection filled with {@code add}) is only ever given threads created here. A
   * thread handed in by a caller, or remembered with {@code Thread.currentThread()}, belongs to
   * someone else.
   */
  public static boolean isOwnedThread(
      CancelTarget target, CompilationUnitTree unit, VisitorState state) {
    VarSymbol holder = target.collection() != null ? target.collection() : target.variable();
    boolean collection = target.collection() != null;
    int[] created = new int[1];
    int[] other = new int[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (!collection
            && holder.equals(getSymbol(variable))
            && variable.getInitializer() != null) {
          count(variable.getInitializer());
        }
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (!collection && holder.equals(Expressions.variableOf(assignment.getVariable()))) {
          count(assignment.getExpression());
        }
        return super.visitAssignment(assignment, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (collection
            && call.getMethodSelect() instanceof MemberSelectTree select
            && select.getIdentifier().contentEquals("add")
            && holder.equals(Expressions.variableOf(select.getExpression()))
            && call.getArguments().size() == 1) {
          ExpressionTree added = call.getArguments().getFirst();
          VarSymbol local = Expressions.variableOf(added);
          if (local != null && local.getKind() == ElementKind.LOCAL_VARIABLE) {
            created[0] += isInitializedWithThread(local, unit, state) ? 1 : 0;
          } else {
            count(added);
          }
        }
        return super.visitMethodInvocation(call, null);
      }

      private void count(ExpressionTree value) {
        if (isThreadCreation(value, state)) {
          created[0]++;
        } else if (!(Expressions.strip(value) instanceof com.sun.source.tree.LiteralTree)) {
          other[0]++; // null is fine; anything else may be a thread made elsewhere
        }
      }
    }.scan(unit, null);
    return created[0] > 0 && other[0] == 0;
  }

  private static boolean isInitializedWithThread(
      VarSymbol local, CompilationUnitTree unit, VisitorState state) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        found[0] |=
            local.equals(getSymbol(variable)) && isThreadCreation(variable.getInitializer(), state);
        return super.visitVariable(variable, null);
      }
    }.scan(unit, null);
    return found[0];
  }

  /** What happens to a local executor within the code that declares it. */
  public enum Fate {
    /** Shut down or closed somewhere (also from a lambda or a try-with-resources). */
    TERMINATED,
    /** Returned, stored, passed on, aliased: someone else may own it now. */
    LEAVES,
    /** Assigned more than once: which pool is meant is not clear. */
    REASSIGNED,
    /** Used only to run work here, and never shut down. */
    STAYS
  }

  /**
   * What the code in {@code scope} (the method or lambda declaring {@code local}, nested lambdas
   * and classes included) does with the executor in {@code local}. Calling its own methods (submit,
   * execute, invokeAll, schedule, ...) and running work on it ({@code
   * CompletableFuture.supplyAsync(task, pool)}) keep it; shutdown/shutdownNow/close terminate it;
   * any other use (returned, assigned, passed to a method or constructor, captured other than as a
   * receiver) hands it over.
   */
  public static Fate fateOfLocalExecutor(VarSymbol local, TreePath scope, VisitorState state) {
    return fatesOfLocalExecutor(local, scope, state).stream()
        .reduce(Fate.STAYS, Ownership::strongest);
  }

  /**
   * Every fate some use in {@code scope} gives the executor in {@code local} (see {@link
   * #fateOfLocalExecutor}); empty when it is only used to run work.
   */
  public static Set<Fate> fatesOfLocalExecutor(
      VarSymbol local, TreePath scope, VisitorState state) {
    Set<Fate> fates = java.util.EnumSet.noneOf(Fate.class);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (local.equals(getSymbol(identifier))) {
          fates.add(fateOfUse(getCurrentPath()));
        }
        return null;
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (local.equals(Expressions.variableOf(assignment.getVariable()))) {
          fates.add(Fate.REASSIGNED);
          scan(assignment.getExpression(), null);
          return null;
        }
        return super.visitAssignment(assignment, null);
      }

      private Fate fateOfUse(TreePath use) {
        TreePath parent = use.getParentPath();
        while (parent.getLeaf() instanceof ParenthesizedTree
            || parent.getLeaf() instanceof TypeCastTree) {
          parent = parent.getParentPath();
        }
        Tree leaf = parent.getLeaf();
        if (leaf instanceof MemberSelectTree select
            && parent.getParentPath().getLeaf() instanceof MethodInvocationTree call
            && call.getMethodSelect() == select) {
          return Expressions.isResolved(call) && ExecutorCalls.STOP.matches(call, state)
              ? Fate.TERMINATED
              : Fate.STAYS;
        }
        if (leaf instanceof MemberReferenceTree reference) {
          Symbol method = getSymbol(reference);
          return method != null
                  && (method.getSimpleName().contentEquals("shutdown")
                      || method.getSimpleName().contentEquals("shutdownNow")
                      || method.getSimpleName().contentEquals("close"))
              ? Fate.TERMINATED
              : Fate.STAYS;
        }
        if (leaf instanceof TryTree) {
          return Fate.TERMINATED; // try (pool) { .. }
        }
        if ((leaf instanceof MethodInvocationTree || leaf instanceof NewClassTree)
            && Expressions.isResolved((ExpressionTree) leaf)
            && ExecutorCalls.RUNS_ON_EXECUTOR.matches((ExpressionTree) leaf, state)) {
          return Fate.STAYS;
        }
        if (leaf instanceof com.sun.source.tree.BinaryTree binary
            && (binary.getKind() == Tree.Kind.EQUAL_TO
                || binary.getKind() == Tree.Kind.NOT_EQUAL_TO
                || binary.getKind() == Tree.Kind.PLUS)) {
          return Fate.STAYS; // compared or printed
        }
        if (leaf instanceof com.sun.source.tree.InstanceOfTree
            || leaf instanceof com.sun.source.tree.SynchronizedTree) {
          return Fate.STAYS;
        }
        return Fate.LEAVES;
      }
    }.scan(scope, null);
    fates.remove(Fate.STAYS);
    return fates;
  }

  /** The stronger reason not to report: terminated, then leaves, then reassigned. */
  private static Fate strongest(Fate a, Fate b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** True if the symbol is a parameter of a method or lambda. */
  public static boolean isParameter(Symbol symbol) {
    return symbol.getKind() == ElementKind.PARAMETER;
  }

  /** True if the symbol is a field. */
  public static boolean isField(Symbol symbol) {
    return symbol.getKind() == ElementKind.FIELD;
  }

  /** True if the symbol is a local variable (also a resource or a loop variable). */
  public static boolean isLocal(Symbol symbol) {
    return symbol.getKind() == ElementKind.LOCAL_VARIABLE
        || symbol.getKind() == ElementKind.RESOURCE_VARIABLE
        || symbol.getKind() == ElementKind.EXCEPTION_PARAMETER;
  }
}
