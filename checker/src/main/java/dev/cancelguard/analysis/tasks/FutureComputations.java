package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * What computes a future, as far as the code of this compilation shows: a task run on a pool
 * ({@code supplyAsync}, {@code runAsync}, a stage's {@code *Async} method given a function, {@code
 * completeAsync}), or nothing (a promise: {@code new CompletableFuture<>()}, {@code
 * completedFuture(..)}, completed by whoever holds it), or something this compilation does not show
 * (a parameter, the result of an interface method, a field that code not seen here may set).
 *
 * <p>The values of an expression are followed through {@code c ? a : b} and casts, through the
 * locals and fields they are read from (every assignment in the compilation: in the declaring file
 * for a local or a private field, in every file for any other field), through the returns of a
 * method of this compilation that no class of it overrides, through the stages that depend on a
 * future ({@code f.thenApply(..)}, {@code allOf(..)}) and through the elements of a collection the
 * compilation fills and hands to nobody.
 */
public final class FutureComputations {
  /** Variables, methods and collections are followed at most this many steps. */
  private static final int MAX_DEPTH = 6;

  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";

  /** Calls that hand out an element of a collection or a value of a map. */
  private static final ImmutableSet<String> ELEMENT_READS =
      ImmutableSet.of(
          "poll",
          "pollFirst",
          "pollLast",
          "peek",
          "peekFirst",
          "peekLast",
          "remove",
          "removeFirst",
          "removeLast",
          "take",
          "get",
          "getFirst",
          "getLast",
          "element",
          "pop",
          "first",
          "last");

  /** Calls that put their last argument into a collection or a map. */
  private static final ImmutableSet<String> ELEMENT_WRITES =
      ImmutableSet.of(
          "add",
          "offer",
          "put",
          "push",
          "addFirst",
          "addLast",
          "offerFirst",
          "offerLast",
          "putIfAbsent");

  private FutureComputations() {}

  /**
   * True if a task is known to run behind the future {@code tree} evaluates to: every value it may
   * hold is known (a task's future or a stage depending on one, a promise, {@code null}) and at
   * least one is a task's future or a stage depending on one. False when nothing computes it (a
   * promise) or when any of its values comes from code this compilation does not show.
   */
  public static boolean runsTask(ExpressionTree tree, VisitorState state) {
    Origins origins = new Walk(state).of(tree, 0);
    return origins.known() && origins.task();
  }

  /**
   * True if nothing computes the future {@code tree} evaluates to: every value it may hold is a
   * promise or {@code null}, and at least one is a promise.
   */
  public static boolean isPromise(ExpressionTree tree, VisitorState state) {
    Origins origins = new Walk(state).of(tree, 0);
    return origins.known() && origins.promise() && !origins.task();
  }

  /** What the values of an expression are known to be. */
  private record Origins(boolean known, boolean task, boolean promise) {
    static final Origins UNKNOWN = new Origins(false, false, false);

    /** {@code null}, or a value already followed (a cycle of assignments): adds nothing. */
    static final Origins NONE = new Origins(true, false, false);

    static final Origins TASK = new Origins(true, true, false);
    static final Origins PROMISE = new Origins(true, false, true);

    Origins and(Origins other) {
      return new Origins(known && other.known, task || other.task, promise || other.promise);
    }
  }

  /** One question's walk: what it has followed already. */
  private static final class Walk {
    private final VisitorState state;
    private final Set<Object> seen = new HashSet<>();
    private @Nullable Set<CompilationUnitTree> units;

    Walk(VisitorState state) {
      this.state = state;
    }

    Origins of(ExpressionTree tree, int depth) {
      ExpressionTree value = stripParentheses(tree);
      if (depth > MAX_DEPTH) {
        return Origins.UNKNOWN;
      }
      return switch (value) {
        case ConditionalExpressionTree c ->
            of(c.getTrueExpression(), depth).and(of(c.getFalseExpression(), depth));
        case TypeCastTree cast -> of(cast.getExpression(), depth);
        case NewClassTree created ->
            FutureCalls.PROMISE.matches(created, state) ? Origins.PROMISE : Origins.UNKNOWN;
        case MethodInvocationTree call -> ofCall(call, depth);
        case IdentifierTree id when getSymbol(id) instanceof VarSymbol variable ->
            ofVariable(variable, depth);
        case MemberSelectTree select when getSymbol(select) instanceof VarSymbol variable ->
            ofVariable(variable, depth);
        default -> value.getKind() == Tree.Kind.NULL_LITERAL ? Origins.NONE : Origins.UNKNOWN;
      };
    }

    private Origins ofCall(MethodInvocationTree call, int depth) {
      if (!(getSymbol(call) instanceof MethodSymbol method)) {
        return Origins.UNKNOWN;
      }
      if (FutureCalls.PROMISE.matches(call, state)) {
        return Origins.PROMISE;
      }
      String name = method.getSimpleName().toString();
      boolean onStage =
          Supertypes.isSubtypeOf(method.owner.type, COMPLETION_STAGE, state)
              || method.owner.getQualifiedName().contentEquals(COMPLETABLE_FUTURE);
      if (method.isStatic()) {
        if (method.owner.getQualifiedName().contentEquals(COMPLETABLE_FUTURE)) {
          return switch (name) {
            case "supplyAsync", "runAsync" -> Origins.TASK;
            case "allOf", "anyOf" -> ofAll(call.getArguments(), depth);
            default -> Origins.UNKNOWN;
          };
        }
      } else if (onStage && name.endsWith("Async") && !call.getArguments().isEmpty()) {
        return Origins.TASK; // thenApplyAsync(fn, pool), completeAsync(supplier): a task on a pool
      } else if (isJdkStageMethod(method) && getReceiver(call) != null) {
        return of(getReceiver(call), depth); // a stage of the same chain, or the future itself
      } else if (ELEMENT_READS.contains(name)
          && getReceiver(call) != null
          && getSymbol(stripParentheses(getReceiver(call))) instanceof VarSymbol collection) {
        return ofElements(collection, depth);
      }
      return ofReturns(method, depth);
    }

    private Origins ofAll(List<? extends ExpressionTree> values, int depth) {
      Origins all = Origins.NONE;
      for (ExpressionTree value : values) {
        all = all.and(of(value, depth));
      }
      return values.isEmpty() ? Origins.UNKNOWN : all;
    }

    /** A method of the JDK's {@code CompletionStage} or {@code CompletableFuture}. */
    private static boolean isJdkStageMethod(MethodSymbol method) {
      String owner = method.owner.getQualifiedName().toString();
      return owner.equals(COMPLETABLE_FUTURE) || owner.equals(COMPLETION_STAGE);
    }

    /**
     * What a method of this compilation returns, when no class of the compilation overrides it: a
     * task's future only when every return that is not {@code null} is one; a promise when every
     * one is a promise; unknown otherwise.
     */
    private Origins ofReturns(MethodSymbol method, int depth) {
      if (!seen.add(method)) {
        return Origins.NONE;
      }
      MethodTree declaration = CompiledSources.methodTree(method, state);
      if (declaration == null || declaration.getBody() == null || isOverridden(method)) {
        return Origins.UNKNOWN;
      }
      List<ExpressionTree> returned = new ArrayList<>();
      new NestedCodeSkipper() {
        @Override
        public Void visitReturn(ReturnTree tree, Void unused) {
          if (tree.getExpression() != null) {
            returned.add(tree.getExpression());
          }
          return super.visitReturn(tree, null);
        }
      }.scan(declaration.getBody(), null);
      Origins all = returned.isEmpty() ? Origins.UNKNOWN : ofAll(returned, depth + 1);
      return all.task() && all.promise() ? Origins.UNKNOWN : all;
    }

    /** True if a class of this compilation may override {@code method}, or does. */
    private boolean isOverridden(MethodSymbol method) {
      if (method.isStatic()
          || method.isPrivate()
          || method.isConstructor()
          || (method.flags() & Flags.FINAL) != 0
          || !(method.owner instanceof ClassSymbol owner)) {
        return false;
      }
      try {
        for (ClassSymbol subclass : CompiledSources.subclassesOf(owner, state)) {
          for (Symbol member : subclass.members().getSymbolsByName(method.name)) {
            if (member instanceof MethodSymbol other
                && other != method
                && other.overrides(method, subclass, state.getTypes(), true)) {
              return true;
            }
          }
        }
      } catch (RuntimeException incomplete) {
        return true; // a class whose members cannot be completed: it may override it
      }
      return false;
    }

    /**
     * The values of a local or a field, as every assignment of the compilation that can reach it
     * tells; a variable on which {@code completeAsync(..)} is called holds a task's future too.
     */
    private Origins ofVariable(VarSymbol variable, int depth) {
      if (variable.getKind() != ElementKind.LOCAL_VARIABLE
          && variable.getKind() != ElementKind.FIELD) {
        return Origins.UNKNOWN; // a parameter, a resource, a catch or pattern variable
      }
      if (!seen.add(variable)) {
        return Origins.NONE; // its values are already followed
      }
      Set<CompilationUnitTree> scope = scopeOf(variable);
      if (scope.isEmpty()) {
        return Origins.UNKNOWN;
      }
      Assignments assignments = assignments(variable, scope);
      if (!assignments.declared) {
        return Origins.UNKNOWN;
      }
      Origins all = Origins.NONE;
      if (assignments.loopSource != null) {
        all = ofLoopElements(assignments.loopSource, depth);
      } else if (assignments.values.isEmpty()) {
        return Origins.UNKNOWN;
      }
      for (ExpressionTree value : assignments.values) {
        all = all.and(of(value, depth + 1));
      }
      for (TreePath call : CompilationCalls.of(state).callsOn(variable)) {
        if (call.getLeaf() instanceof MethodInvocationTree invocation
            && getSymbol(invocation) instanceof MethodSymbol method
            && method.getSimpleName().contentEquals("completeAsync")) {
          all = all.and(Origins.TASK); // a task completes what it holds
        }
      }
      return all;
    }

    private Origins ofLoopElements(ExpressionTree iterated, int depth) {
      return getSymbol(stripParentheses(iterated)) instanceof VarSymbol collection
          ? ofElements(collection, depth)
          : Origins.UNKNOWN;
    }

    /**
     * What a collection or map kept in a local or field holds: everything the compilation puts into
     * it ({@code add}, {@code offer}, {@code put}, ...), when it is only ever set to a new
     * collection and used for nothing but calls on it (handed to other code, it could be filled
     * with anything).
     */
    private Origins ofElements(VarSymbol collection, int depth) {
      if ((collection.getKind() != ElementKind.FIELD
              && collection.getKind() != ElementKind.LOCAL_VARIABLE)
          || !(Supertypes.isSubtypeOf(collection.type, "java.util.Collection", state)
              || Supertypes.isSubtypeOf(collection.type, "java.util.Map", state))
          || !seen.add(new ElementsOf(collection))) {
        return Origins.UNKNOWN;
      }
      Set<CompilationUnitTree> scope = scopeOf(collection);
      Assignments assignments = assignments(collection, scope);
      if (!assignments.declared
          || assignments.loopSource != null
          || !assignments.values.stream()
              .allMatch(v -> stripParentheses(v) instanceof NewClassTree)) {
        return Origins.UNKNOWN;
      }
      List<ExpressionTree> written = new ArrayList<>();
      boolean[] unknown = new boolean[1];
      for (CompilationUnitTree unit : scope) {
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitIdentifier(IdentifierTree tree, Void unused) {
            check(tree);
            return super.visitIdentifier(tree, null);
          }

          @Override
          public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
            check(tree);
            return super.visitMemberSelect(tree, null);
          }

          private void check(ExpressionTree reference) {
            if (unknown[0] || !collection.equals(getSymbol(reference))) {
              return;
            }
            TreePath parent = getCurrentPath().getParentPath();
            if (parent.getLeaf() instanceof AssignmentTree assignment
                && assignment.getVariable() == reference) {
              return; // its new collection, checked above
            }
            if (parent.getLeaf() instanceof MemberSelectTree select
                && parent.getParentPath().getLeaf() instanceof MethodInvocationTree call
                && call.getMethodSelect() == select) {
              String name = select.getIdentifier().toString();
              if (ELEMENT_WRITES.contains(name) && !call.getArguments().isEmpty()) {
                written.add(call.getArguments().getLast());
              } else if (name.startsWith("add")
                  || name.startsWith("put")
                  || name.startsWith("set")
                  || name.startsWith("replace")
                  || name.startsWith("compute")
                  || name.equals("merge")) {
                unknown[0] = true; // filled some other way: addAll, compute, replaceAll
              }
              return;
            }
            if (parent.getLeaf() instanceof EnhancedForLoopTree) {
              return; // iterated over
            }
            unknown[0] = true; // handed to other code, which may put anything into it
          }
        }.scan(unit, null);
      }
      if (unknown[0] || written.isEmpty()) {
        return Origins.UNKNOWN;
      }
      return ofAll(written, depth + 1);
    }

    /** The key under which a collection's elements are followed once. */
    private record ElementsOf(VarSymbol collection) {}

    /**
     * The files whose code may assign {@code variable}: the declaring file for a local or a private
     * field, every file of the compilation for any other field; empty when its declaration is not
     * in this compilation.
     */
    private Set<CompilationUnitTree> scopeOf(VarSymbol variable) {
      ClassSymbol owner = variable.enclClass();
      TreePath declaring = owner == null ? null : CompiledSources.classPath(owner, state);
      if (declaring == null) {
        return Set.of();
      }
      if (variable.getKind() == ElementKind.LOCAL_VARIABLE || variable.isPrivate()) {
        return Set.of(declaring.getCompilationUnit());
      }
      if (units == null) {
        units = new LinkedHashSet<>();
        for (ClassSymbol type : CompiledSources.classes(state)) {
          TreePath path = CompiledSources.classPath(type, state);
          if (path != null) {
            units.add(path.getCompilationUnit());
          }
        }
        units.add(declaring.getCompilationUnit());
      }
      return units;
    }
  }

  /** The values assigned to a variable, and the collection it iterates over if a loop's. */
  private static final class Assignments {
    boolean declared;
    @Nullable ExpressionTree loopSource;
    final List<ExpressionTree> values = new ArrayList<>();
  }

  private static Assignments assignments(VarSymbol variable, Set<CompilationUnitTree> scope) {
    Assignments found = new Assignments();
    for (CompilationUnitTree unit : scope) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
          if (variable.equals(getSymbol(loop.getVariable()))) {
            found.loopSource = loop.getExpression();
          }
          return super.visitEnhancedForLoop(loop, null);
        }

        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
          if (variable.equals(getSymbol(tree))) {
            found.declared = true;
            if (tree.getInitializer() != null) {
              found.values.add(tree.getInitializer());
            }
          }
          return super.visitVariable(tree, null);
        }

        @Override
        public Void visitAssignment(AssignmentTree tree, Void unused) {
          if (variable.equals(getSymbol(tree.getVariable()))) {
            found.values.add(tree.getExpression());
          }
          return super.visitAssignment(tree, null);
        }
      }.scan(unit, null);
    }
    return found;
  }
}
