package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.ScopeCalls;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * {@code java.util.concurrent.StructuredTaskScope}, a preview API in JDK 21 to 25: the calls that
 * open a scope, fork a subtask in it, join it and close it, the reads of a subtask's outcome, and
 * the order of these along the paths of a code unit.
 *
 * <p>Both forms of the API are named: JDK 25's {@code StructuredTaskScope.open(..)} and the
 * constructors of JDK 21 to 24 ({@code new StructuredTaskScope.ShutdownOnFailure()}), with {@code
 * join()} and the older {@code joinUntil(..)}. Where the compiler's JDK lacks the API the matchers
 * match nothing.
 */
public final class TaskScopes {

  private static final Matcher<ExpressionTree> LIST_GET =
      CallNames.resolvedOnly(
          instanceMethod().onClass(Supertypes.descendantOf("java.util.List")).named("get"));

  /** Calls on a list of subtasks that only read it. */
  private static final ImmutableSet<String> LIST_READS =
      ImmutableSet.of("get", "size", "isEmpty", "iterator", "stream", "getFirst", "getLast");

  private TaskScopes() {}

  /**
   * A scope kept in a local (or resource) variable of a code unit, created by {@code open(..)} or a
   * constructor there.
   */
  public record Scope(Symbol variable, VariableTree declaration) {}

  /** True if the call opens a new scope: {@code StructuredTaskScope.open(..)}, or {@code new}. */
  public static boolean isOpen(@Nullable ExpressionTree tree, VisitorState state) {
    return tree != null && ScopeCalls.OPEN.matches(stripParentheses(tree), state);
  }

  public static boolean isFork(ExpressionTree call, VisitorState state) {
    return ExecutorCalls.STRUCTURED_FORK.matches(call, state);
  }

  public static boolean isJoin(ExpressionTree call, VisitorState state) {
    return ScopeCalls.JOIN.matches(call, state);
  }

  public static boolean isClose(ExpressionTree call, VisitorState state) {
    return ScopeCalls.CLOSE.matches(call, state);
  }

  /**
   * {@code subtask.get()}, {@code state()} or {@code exception()}, or a method reference to one
   * ({@code Subtask::get}).
   */
  public static boolean isSubtaskRead(ExpressionTree call, VisitorState state) {
    return ScopeCalls.SUBTASK_READ.matches(call, state);
  }

  /** True if the type is a {@code StructuredTaskScope} (or a subclass). */
  public static boolean isScopeType(@Nullable Type type, VisitorState state) {
    // A class type: by its supertypes' names, without loading the scope class (asked of every
    // local that holds a closeable).
    if (type != null && state.getTypes().erasure(type).hasTag(TypeTag.CLASS)) {
      return Supertypes.isSubtypeOf(type, ScopeCalls.SCOPE, state);
    }
    Type scope = state.getTypeFromString(ScopeCalls.SCOPE);
    return type != null
        && scope != null
        && state
            .getTypes()
            .isSubtype(state.getTypes().erasure(type), state.getTypes().erasure(scope));
  }

  /**
   * The scope {@code variable} names, if it is one this code unit owns and keeps to itself: a local
   * or resource variable declared in the unit (not in a nested lambda or class) with {@code
   * open(..)} or a constructor, never assigned again, and used only as the receiver of its own
   * calls. A scope passed to a method, stored, returned or captured may be joined or closed there:
   * nothing is said about it.
   */
  public static @Nullable Scope ownedScope(
      @Nullable Symbol variable, TreePath unit, VisitorState state) {
    if (variable == null
        || (variable.getKind() != ElementKind.LOCAL_VARIABLE
            && variable.getKind() != ElementKind.RESOURCE_VARIABLE)
        || !isScopeType(variable.type, state)) {
      return null;
    }
    TreePath declarationPath = declarationPathIn(unit, variable);
    VariableTree declaration =
        declarationPath == null ? null : (VariableTree) declarationPath.getLeaf();
    if (declaration == null || !isOpen(declaration.getInitializer(), state)) {
      return null;
    }
    for (TreePath reference : LocalUses.references(unit, variable)) {
      if (!isReceiverOfCall(reference) || LocalUses.isInNestedCode(reference, unit)) {
        return null;
      }
    }
    return new Scope(variable, declaration);
  }

  /**
   * The scope a subtask read's receiver was forked in: the receiver is {@code scope.fork(..)}
   * itself, a local of the unit initialized with it, or an element of a local list of the unit
   * filled only with forks of one scope ({@code for (Subtask<T> s : subtasks)}, {@code
   * subtasks.get(i)}); locals never assigned again. Null when the subtask comes from elsewhere (a
   * parameter, a list handed in or out, a joiner's callback).
   */
  public static @Nullable Symbol forkingScope(
      MethodInvocationTree read, TreePath unit, VisitorState state) {
    ExpressionTree receiver =
        read.getMethodSelect() instanceof MemberSelectTree select
            ? stripParentheses(select.getExpression())
            : null;
    if (receiver == null) {
      return null;
    }
    if (isFork(receiver, state)) {
      return Expressions.receiverSymbol(receiver);
    }
    Symbol subtask = getSymbol(receiver);
    if (subtask == null
        || subtask.getKind() != ElementKind.LOCAL_VARIABLE
        || isAssignedIn(unit, subtask)) {
      return null;
    }
    TreePath declarationPath = declarationPathIn(unit, subtask);
    if (declarationPath == null) {
      return null;
    }
    VariableTree declaration = (VariableTree) declarationPath.getLeaf();
    ExpressionTree initializer =
        declaration.getInitializer() == null
            ? null
            : stripParentheses(declaration.getInitializer());
    if (initializer != null && isFork(initializer, state)) {
      return Expressions.receiverSymbol(initializer);
    }
    Symbol list = null;
    if (declarationPath.getParentPath().getLeaf() instanceof EnhancedForLoopTree loop
        && loop.getVariable() == declaration) {
      list = getSymbol(stripParentheses(loop.getExpression()));
    } else if (initializer != null && LIST_GET.matches(initializer, state)) {
      list = Expressions.receiverSymbol(initializer);
    }
    return list == null ? null : scopeOfForkList(list, unit, state);
  }

  /**
   * The scope whose subtasks a stream over a local list reads by method reference: {@code
   * subtasks.stream().map(Subtask::get)}, the reference at {@code referencePath} passed to a step
   * of a chain that starts with {@code subtasks.stream()}, the list filled only with forks of one
   * scope (see {@link #forkingScope}). Null otherwise.
   */
  public static @Nullable Symbol forkingScopeOfStream(
      TreePath referencePath, TreePath unit, VisitorState state) {
    TreePath consumer = LocalUses.parent(referencePath);
    if (consumer == null
        || !(consumer.getLeaf() instanceof MethodInvocationTree call)
        || !call.getArguments().contains(referencePath.getLeaf())) {
      return null;
    }
    ExpressionTree receiver = getReceiver(call);
    while (receiver instanceof MethodInvocationTree step) {
      ExpressionTree next = getReceiver(step);
      if (next != null
          && getSymbol(step) != null
          && getSymbol(step).getSimpleName().contentEquals("stream")
          && step.getArguments().isEmpty()) {
        Symbol list = getSymbol(stripParentheses(next));
        return list == null ? null : scopeOfForkList(list, unit, state);
      }
      receiver = next == null ? null : stripParentheses(next);
    }
    return null;
  }

  /**
   * The scope every element of a local list was forked in: the list is created empty in the unit,
   * filled only by {@code list.add(scope.fork(..))} with one scope, and otherwise only read ({@code
   * get}, {@code size}, iteration); null if it is handed on, captured, or filled otherwise.
   */
  private static @Nullable Symbol scopeOfForkList(Symbol list, TreePath unit, VisitorState state) {
    if (list.getKind() != ElementKind.LOCAL_VARIABLE || isAssignedIn(unit, list)) {
      return null;
    }
    TreePath declaration = declarationPathIn(unit, list);
    if (declaration == null
        || !(((VariableTree) declaration.getLeaf()).getInitializer()
            instanceof NewClassTree created)
        || !created.getArguments().isEmpty()) {
      return null;
    }
    Symbol scope = null;
    for (TreePath reference : LocalUses.references(unit, list)) {
      TreePath parent = LocalUses.parent(reference);
      if (LocalUses.isInNestedCode(reference, unit) || parent == null) {
        return null;
      }
      if (parent.getLeaf() instanceof EnhancedForLoopTree loop
          && loop.getExpression() == reference.getLeaf()) {
        continue;
      }
      if (!isReceiverOfCall(reference)
          || !(parent.getParentPath().getLeaf() instanceof MethodInvocationTree call)) {
        return null;
      }
      String name = getSymbol(call) == null ? "" : getSymbol(call).getSimpleName().toString();
      if (name.equals("add") && call.getArguments().size() == 1) {
        ExpressionTree added = stripParentheses(call.getArguments().getFirst());
        Symbol forkedIn = isFork(added, state) ? Expressions.receiverSymbol(added) : null;
        if (forkedIn == null || (scope != null && !scope.equals(forkedIn))) {
          return null;
        }
        scope = forkedIn;
      } else if (!LIST_READS.contains(name)) {
        return null;
      }
    }
    return scope;
  }

  private static boolean isAssignedIn(TreePath unit, Symbol variable) {
    for (TreePath reference : LocalUses.references(unit, variable)) {
      TreePath parent = LocalUses.parent(reference);
      if (parent != null
          && parent.getLeaf() instanceof AssignmentTree assignment
          && assignment.getVariable() == reference.getLeaf()) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable TreePath declarationPathIn(TreePath unit, Symbol variable) {
    Tree body = CodeUnits.bodyOf(unit.getLeaf());
    if (body == null) {
      return null;
    }
    TreePath[] found = {null};
    new NestedCodeSkipper() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (variable.equals(getSymbol(tree))) {
          found[0] = getCurrentPath();
        }
        return super.visitVariable(tree, null);
      }
    }.scan(new TreePath(unit, body), null);
    return found[0];
  }

  /** The fact "a subtask was forked in scope {@code i} and the scope not joined since". */
  public static long pending(int i) {
    return 1L << (2 * i);
  }

  /** The fact "scope {@code i} has been joined". */
  public static long joined(int i) {
    return 1L << (2 * i + 1);
  }

  /**
   * Walks a code unit's body, or a scope's try-with-resources block, following for each scope
   * whether a subtask is forked and not yet joined ({@link #pending}) and whether the scope was
   * joined ({@link #joined}). A join that fails still counts as attempted: the JDK asks only that
   * the owner try to join before closing.
   */
  public static FactFlow.Result walkJoinOrder(
      Tree body, List<Scope> allScopes, VisitorState state, Set<? extends Tree> observe) {
    // Two facts per scope in a 64-bit set: the first 32 scopes are followed.
    List<Scope> scopes = allScopes.subList(0, Math.min(allScopes.size(), 32));
    FactFlow.Spec spec =
        new FactFlow.Spec() {
          @Override
          public long killedBy(ExpressionTree tree) {
            for (int i = 0; i < scopes.size(); i++) {
              if (tree == scopes.get(i).declaration().getInitializer()) {
                return pending(i) | joined(i); // opened again, on a loop's next round
              }
            }
            int i = indexOf(scopes, tree, state);
            return i >= 0 && isJoin(tree, state) ? pending(i) : 0;
          }

          @Override
          public long addedBy(ExpressionTree tree) {
            int i = indexOf(scopes, tree, state);
            if (i < 0) {
              return 0;
            }
            if (isFork(tree, state)) {
              return pending(i);
            }
            return isJoin(tree, state) ? joined(i) : 0;
          }
        };
    return FactFlow.walk(body, spec, state, 0, false, observe);
  }

  /**
   * The ways out of the code unit on which the scope, opened outside try-with-resources, is still
   * open: no {@code close()} on that path.
   */
  public static ImmutableList<FactFlow.Exit> unclosedExits(
      Tree body, Scope scope, VisitorState state) {
    FactFlow.Spec spec =
        new FactFlow.Spec() {
          @Override
          public long addedBy(ExpressionTree tree) {
            return tree == scope.declaration().getInitializer() ? 1 : 0;
          }

          @Override
          public long killedBy(ExpressionTree tree) {
            return isClose(tree, state) && scope.variable().equals(Expressions.receiverSymbol(tree))
                ? 1
                : 0;
          }
        };
    return FactFlow.walk(body, spec, state, 0, false, Set.of()).exits();
  }

  private static int indexOf(List<Scope> scopes, ExpressionTree call, VisitorState state) {
    Symbol receiver = Expressions.receiverSymbol(call);
    if (receiver == null) {
      return -1;
    }
    for (int i = 0; i < scopes.size(); i++) {
      if (receiver.equals(scopes.get(i).variable())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isReceiverOfCall(TreePath reference) {
    TreePath select = LocalUses.parent(reference);
    if (select == null || !(select.getLeaf() instanceof MemberSelectTree member)) {
      return false;
    }
    TreePath call = select.getParentPath();
    return call != null
        && call.getLeaf() instanceof MethodInvocationTree invocation
        && invocation.getMethodSelect() == member;
  }
}
