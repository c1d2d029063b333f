package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * What a future-holding expression may evaluate to, as far as this file tells (the values assigned
 * to a local or field, through {@code c ? a : b}), and what that says of the future: a promise
 * completed by hand, or a {@code CompletableFuture} whatever the declared type.
 */
public final class FutureValues {
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";

  private FutureValues() {}

  /**
   * The expressions {@code tree} may evaluate to, as far as this file tells: for a local variable
   * or a field declared in this file, every value assigned to it (through {@code c ? a : b});
   * otherwise the expression itself. Empty when a variable's values are unknown (declared
   * elsewhere, or never assigned here).
   */
  public static ImmutableList<ExpressionTree> possibleValues(
      ExpressionTree tree, VisitorState state) {
    ExpressionTree stripped = stripParentheses(tree);
    List<ExpressionTree> branches = new ArrayList<>();
    if ((stripped instanceof IdentifierTree || stripped instanceof MemberSelectTree)
        && getSymbol(stripped) instanceof VarSymbol variable) {
      if (variable.getKind() != ElementKind.LOCAL_VARIABLE
          && variable.getKind() != ElementKind.FIELD) {
        return ImmutableList.of(); // a parameter, a resource, a catch or pattern variable
      }
      for (ExpressionTree value : assignedValuesInFile(variable, state)) {
        collectBranches(value, branches);
      }
    } else {
      collectBranches(stripped, branches);
    }
    return ImmutableList.copyOf(branches);
  }

  /**
   * The expressions {@code tree} may evaluate to, as {@link #possibleValues} tells, where a value
   * that is itself a local or a field of this file is replaced by that variable's own values, at
   * most four steps deep: for {@code f} in {@code CompletableFuture<?> f = this.current;}, with
   * {@code this.current = future;} and {@code future = new CompletableFuture<>();} elsewhere, the
   * constructor call. A variable whose values are unknown (a parameter, declared elsewhere), or one
   * past the last step, stays as it is; a variable met again (a cycle of assignments) adds nothing
   * new. Empty when the values of {@code tree} are unknown.
   */
  public static ImmutableList<ExpressionTree> followedValues(
      ExpressionTree tree, VisitorState state) {
    Set<Symbol> seen = new HashSet<>();
    if (getSymbol(stripParentheses(tree)) instanceof VarSymbol variable) {
      seen.add(variable);
    }
    List<ExpressionTree> out = new ArrayList<>();
    for (ExpressionTree value : possibleValues(tree, state)) {
      follow(value, state, 1, seen, out);
    }
    return ImmutableList.copyOf(out);
  }

  private static void follow(
      ExpressionTree value,
      VisitorState state,
      int depth,
      Set<Symbol> seen,
      List<ExpressionTree> out) {
    if (!(value instanceof IdentifierTree || value instanceof MemberSelectTree)
        || !(getSymbol(value) instanceof VarSymbol variable)
        || depth > MAX_FOLLOW) {
      out.add(value);
      return;
    }
    if (!seen.add(variable)) {
      return; // its values are already followed
    }
    ImmutableList<ExpressionTree> values = possibleValues(value, state);
    if (values.isEmpty()) {
      out.add(value); // unknown: the variable itself is all that can be told
      return;
    }
    for (ExpressionTree next : values) {
      follow(next, state, depth + 1, seen, out);
    }
  }

  /** Plain assignments from one variable to another are followed at most this many steps. */
  private static final int MAX_FOLLOW = 4;

  /**
   * True if {@code tree} is known to be a {@code CompletableFuture} completed by hand (a promise:
   * {@code new CompletableFuture<>()}, {@code completedFuture(..)}, ...), with no computation
   * behind it: every {@link #followedValues followed value} is one (a promise kept in a local,
   * stored in a field and read back into a local is still a promise), or {@code null}, or an
   * element taken out of a collection that holds nothing but promises ({@code pongs.poll()}), and
   * at least one is not {@code null}.
   */
  public static boolean isPromise(ExpressionTree tree, VisitorState state) {
    ImmutableList<ExpressionTree> values = followedValues(tree, state);
    boolean anyPromise = false;
    for (ExpressionTree value : values) {
      if (FutureCalls.PROMISE.matches(value, state) || isTakenFromPromises(value, state)) {
        anyPromise = true;
      } else if (value.getKind() != Tree.Kind.NULL_LITERAL) {
        return false; // a computation, or a value this file cannot tell
      }
    }
    // `pending = null` beside `pending = new CompletableFuture<>()`: nothing to cancel then.
    return anyPromise;
  }

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

  /**
   * True if {@code value} reads an element out of a collection or map ({@code pongs.poll()}) kept
   * in a variable of this file, into which the file puts nothing but promises ({@code pongs.add(new
   * CompletableFuture<>())}, through locals) and which it hands to nobody else.
   */
  private static boolean isTakenFromPromises(ExpressionTree value, VisitorState state) {
    if (!(value instanceof MethodInvocationTree read)
        || !(getSymbol(read) instanceof MethodSymbol method)
        || !ELEMENT_READS.contains(method.getSimpleName().toString())) {
      return false;
    }
    VarSymbol collection = Expressions.variableOf(getReceiver(read));
    if (collection == null
        || (collection.getKind() != ElementKind.FIELD
            && collection.getKind() != ElementKind.LOCAL_VARIABLE)
        || !(Supertypes.isSubtypeOf(collection.type, "java.util.Collection", state)
            || Supertypes.isSubtypeOf(collection.type, "java.util.Map", state))) {
      return false;
    }
    return holdsOnlyPromises(collection, state);
  }

  /**
   * True if the file declares {@code collection}, fills it with a new collection only, puts into it
   * at least one element and every one a promise, and uses it for nothing but calls on it.
   */
  private static boolean holdsOnlyPromises(VarSymbol collection, VisitorState state) {
    boolean[] declared = new boolean[1];
    List<ExpressionTree> assigned =
        collectAssignments(collection, state.getPath().getCompilationUnit(), declared);
    if (!declared[0]
        || !assigned.stream().allMatch(v -> stripParentheses(v) instanceof NewClassTree)) {
      return false;
    }
    boolean[] onlyPromises = {true};
    boolean[] anyWrite = new boolean[1];
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
        if (!onlyPromises[0] || !collection.equals(getSymbol(reference))) {
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
            anyWrite[0] = true;
            ImmutableList<ExpressionTree> elements =
                followedValues(call.getArguments().getLast(), state);
            onlyPromises[0] =
                !elements.isEmpty()
                    && elements.stream().allMatch(e -> FutureCalls.PROMISE.matches(e, state));
          } else if (name.startsWith("add")
              || name.startsWith("put")
              || name.startsWith("set")
              || name.startsWith("replace")
              || name.startsWith("compute")
              || name.equals("merge")) {
            onlyPromises[0] = false; // filled some other way: addAll, compute, replaceAll
          }
          return;
        }
        onlyPromises[0] = false; // handed to other code, which may put anything into it
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return onlyPromises[0] && anyWrite[0];
  }

  /**
   * True if this file completes the future {@code tree} holds by hand — {@code complete(..)},
   * {@code completeExceptionally(..)}, {@code obtrudeValue(..)} or {@code obtrudeException(..)} on
   * the same local, field, or {@code AtomicReference} it is read from — so that it is a promise
   * whatever the declared type of where it comes from.
   */
  public static boolean isCompletedByHand(ExpressionTree tree, VisitorState state) {
    Symbol origin = originOf(tree, state, 0);
    if (origin == null) {
      return false;
    }
    return CallScans.anyCall(
        state.getPath().getCompilationUnit(),
        call ->
            FutureCalls.COMPLETE_BY_HAND.matches(call, state)
                && getReceiver(call) != null
                && origin.equals(originOf(getReceiver(call), state, 0)));
  }

  /**
   * The variable a future is read from: a field or a local (followed to the variable of its only
   * value, at most four steps: {@code f = this.current} and {@code this.current = future} lead to
   * {@code future}), or the {@code AtomicReference} it is taken out of.
   */
  private static @Nullable Symbol originOf(ExpressionTree tree, VisitorState state, int depth) {
    ExpressionTree stripped = stripParentheses(tree);
    if (stripped instanceof MethodInvocationTree call
        && SyncCalls.ATOMIC_REFERENCE_READ.matches(call, state)
        && getReceiver(call) != null) {
      return originOf(getReceiver(call), state, depth);
    }
    if (!(stripped instanceof IdentifierTree || stripped instanceof MemberSelectTree)
        || !(getSymbol(stripped) instanceof VarSymbol variable)) {
      return null;
    }
    if ((variable.getKind() == ElementKind.LOCAL_VARIABLE
            || variable.getKind() == ElementKind.FIELD)
        && depth < MAX_FOLLOW) {
      ImmutableList<ExpressionTree> values = possibleValues(stripped, state);
      if (values.size() == 1) {
        Symbol inner = originOf(values.getFirst(), state, depth + 1);
        if (inner != null) {
          return inner;
        }
      }
    }
    return variable;
  }

  /**
   * True if {@code tree} evaluates to a {@code CompletableFuture}: its static type is one, or every
   * {@link #possibleValues possible value} of it (a variable of a wider type such as {@code
   * Future}) has one.
   */
  public static boolean holdsCompletableFuture(ExpressionTree tree, VisitorState state) {
    if (isSubtypeOf(getType(stripParentheses(tree)), COMPLETABLE_FUTURE, state)) {
      return true;
    }
    ImmutableList<ExpressionTree> values = possibleValues(tree, state);
    return !values.isEmpty()
        && values.stream().allMatch(v -> isSubtypeOf(getType(v), COMPLETABLE_FUTURE, state));
  }

  /** The values assigned to a local or field in the whole compilation unit. */
  private static List<ExpressionTree> assignedValuesInFile(VarSymbol variable, VisitorState state) {
    boolean[] declared = new boolean[1];
    List<ExpressionTree> values =
        collectAssignments(variable, state.getPath().getCompilationUnit(), declared);
    return declared[0] ? values : List.of();
  }

  /**
   * The values assigned to {@code variable} under {@code root} (its initializer first); {@code
   * declared[0]} tells whether its declaration is there.
   */
  static List<ExpressionTree> collectAssignments(
      VarSymbol variable, Tree root, boolean[] declared) {
    List<ExpressionTree> values = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (variable.equals(getSymbol(tree))) {
          declared[0] = true;
          if (tree.getInitializer() != null) {
            values.add(tree.getInitializer());
          }
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (variable.equals(getSymbol(tree.getVariable()))) {
          values.add(tree.getExpression());
        }
        return super.visitAssignment(tree, null);
      }
    }.scan(root, null);
    return values;
  }

  /** The possible values of an expression through {@code c ? a : b} and parentheses. */
  static void collectBranches(ExpressionTree value, List<ExpressionTree> out) {
    ExpressionTree stripped = stripParentheses(value);
    if (stripped instanceof ConditionalExpressionTree conditional) {
      collectBranches(conditional.getTrueExpression(), out);
      collectBranches(conditional.getFalseExpression(), out);
    } else {
      out.add(stripped);
    }
  }

  private static boolean isSubtypeOf(@Nullable Type type, String name, VisitorState state) {
    return Supertypes.isSubtypeOf(type, name, state);
  }
}
