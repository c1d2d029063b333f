package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
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
import dev.cancelguard.analysis.trees.Expressions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@code get()} that cannot block: it runs in a callback that a combined future ({@code
 * allOf(futures)}) runs only once every one of those futures completed successfully ({@code
 * thenApply}, {@code thenAccept}, {@code thenRun}, {@code thenCompose}), and it reads a future of
 * the same collection — an element of a for-each loop or of {@code forEach} over the collection,
 * its {@code values()} or its entries' {@code getValue()}. Such a {@code get()} returns at once and
 * never throws {@link InterruptedException}, so a catch around it cannot receive one.
 *
 * <p>The collection must be one variable that cannot be assigned again (a final field, a parameter
 * or local never assigned), named both in {@code allOf}'s argument and at the {@code get()}: {@code
 * allOf(futures.values().toArray(..)).thenApply(v -> { for (var e : futures.entrySet())
 * e.getValue().get(); })}. {@code allOf} is a static method of that name that returns a {@link
 * java.util.concurrent.Future} ({@code CompletableFuture.allOf} and the libraries' own futures that
 * follow it), or a call of a helper whose own code only returns {@code CompletableFuture.allOf}
 * over the collection it is handed ({@link AllOfHelpers}: {@code waitForAll(futures).thenRun(() ->
 * { for (var f : futures) f.get(); })}, the helper read from source or from its class file); the
 * argument may also be a list copied from the collection ({@code new ArrayList<>(c.values())}). The
 * {@code get()} may also sit in a private helper of the same file that reads the collection through
 * its parameter, when every call of the helper is in such a callback, or in another such helper
 * (three up at most), and passes that same collection. Callbacks that also run on failure ({@code
 * whenComplete}, {@code handle}, {@code exceptionally}) count when they are chained on the {@code
 * allOf(..)} call itself: the combined future, which nobody else holds, completes either way only
 * once all of its futures did (a helper's call counts as the {@code allOf(..)} call it returns).
 *
 * <p>Likewise a {@code get()} in a callback of the very future it reads ({@link
 * #isGetInItsOwnCallback}).
 */
public final class AllOfCallbacks {
  private AllOfCallbacks() {}

  /**
   * True if {@code call}, a {@code Future.get}, reads a future an enclosing allOf callback waited
   * for.
   */
  public static boolean isGetAfterAllOf(
      MethodInvocationTree call, TreePath callPath, VisitorState state) {
    if (!FutureCalls.GET.matches(call, state)) {
      return false;
    }
    ExpressionTree receiver = getReceiver(call);
    Symbol collection = receiver == null ? null : collectionOf(receiver, callPath, state);
    if (collection == null || !cannotBeReassigned(collection)) {
      return false;
    }
    TreePath method = inAllOfCallbackOver(callPath, collection, state);
    return method == null
        || (method.getLeaf() instanceof MethodTree helper
            && isPrivateHelperOfAllOfCallbacks(
                helper, collection, state, new HashSet<>(), MAX_HELPER_DEPTH));
  }

  /** Private helpers followed up the calls that hand them the collection, at most. */
  private static final int MAX_HELPER_DEPTH = 3;

  /**
   * True if {@code call}, a {@code f.get()}, runs in a callback of {@code f} itself that runs only
   * once {@code f} completed: {@code f.whenComplete((v, e) -> .. f.get() ..)}, also {@code handle},
   * {@code exceptionally}, {@code thenApply}, {@code thenAccept}, {@code thenRun}, {@code
   * thenCompose} and their {@code Async} forms, and Guava's {@code f.addListener(() -> .. f.get()
   * .., executor)} ({@link FutureCalls#DONE_LISTENER}). {@code f} is one name that cannot be
   * assigned again (a final field, or an effectively final parameter or local), written alone at
   * both places, so both read the same future. Such a {@code get()} returns at once.
   */
  public static boolean isGetInItsOwnCallback(
      MethodInvocationTree call, TreePath callPath, VisitorState state) {
    if (!FutureCalls.GET.matches(call, state)) {
      return false;
    }
    ExpressionTree receiver = getReceiver(call);
    Symbol future = receiver == null ? null : plainVariable(receiver);
    if (future == null || !cannotBeReassigned(future)) {
      return false;
    }
    for (TreePath p = callPath; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof LambdaExpressionTree
          && p.getParentPath() != null
          && p.getParentPath().getLeaf() instanceof MethodInvocationTree stage
          && stage.getArguments().contains(leaf)
          && Expressions.isResolved(stage)
          && (FutureCalls.SUCCESS_CALLBACK.matches(stage, state)
              || FutureCalls.COMPLETION_CALLBACK.matches(stage, state)
              || FutureCalls.DONE_LISTENER.matches(stage, state))
          && getReceiver(stage) != null
          && future.equals(plainVariable(getReceiver(stage)))) {
        return true;
      }
    }
    return false;
  }

  /** The variable a bare name ({@code f}, not {@code other.f}) stands for, or null. */
  private static @Nullable Symbol plainVariable(ExpressionTree tree) {
    ExpressionTree stripped = stripParentheses(tree);
    return stripped instanceof IdentifierTree && getSymbol(stripped) instanceof VarSymbol v
        ? v
        : null;
  }

  /**
   * Walks out from {@code from} to its method: null if an enclosing success callback of {@code
   * allOf(collection..)} was found (the future is done), else the path of the method reached (or of
   * the class, which ends the question).
   */
  private static @Nullable TreePath inAllOfCallbackOver(
      TreePath from, Symbol collection, VisitorState state) {
    for (TreePath p = from; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return p;
      }
      if (leaf instanceof LambdaExpressionTree
          && p.getParentPath() != null
          && p.getParentPath().getLeaf() instanceof MethodInvocationTree stage
          && stage.getArguments().contains(leaf)
          && Expressions.isResolved(stage)) {
        ExpressionTree combined = null;
        if (FutureCalls.SUCCESS_CALLBACK.matches(stage, state)) {
          combined = allOfCall(getReceiver(stage), p, state);
        } else if (FutureCalls.COMPLETION_CALLBACK.matches(stage, state)
            && getReceiver(stage) != null
            && stripParentheses(getReceiver(stage)) instanceof MethodInvocationTree direct
            && combinesAll(direct, state)) {
          // Run on failure as well: only the combined future nobody else holds, which completes
          // (either way) once all of its futures did; a local could be completed by hand.
          combined = direct;
        }
        if (combined instanceof MethodInvocationTree allOf
            && allOf.getArguments().stream()
                .anyMatch(argument -> collection.equals(rootOf(argument, state)))) {
          return null;
        }
      }
    }
    return from; // no method around it (a field initializer): not answered
  }

  /**
   * True if {@code collection} is a parameter of {@code helper}, a private method, and every call
   * of the helper in this file (at least one; no method reference) sits in a success callback of
   * {@code allOf(c..)} and passes that same unassignable {@code c} for the parameter: {@code
   * allOf(futures.values()..).thenApply(v -> bindings(futures))} with {@code bindings(m)} reading
   * {@code m}'s futures. A call may also sit in another private helper judged the same way, which
   * passes on its own parameter ({@code depth} helpers up at most): {@code
   * allOf(writes).thenCombine( local, (v, n) -> reply(writes, n))}, {@code reply(ws, n)} calling
   * {@code check(ws, n)}, which reads {@code ws}'s futures.
   */
  private static boolean isPrivateHelperOfAllOfCallbacks(
      MethodTree helper,
      Symbol collection,
      VisitorState state,
      Set<MethodSymbol> visiting,
      int depth) {
    MethodSymbol symbol = getSymbol(helper);
    int index = -1;
    for (int i = 0; i < helper.getParameters().size(); i++) {
      if (collection.equals(getSymbol(helper.getParameters().get(i)))) {
        index = i;
      }
    }
    if (depth == 0 || symbol == null || !symbol.isPrivate() || index < 0 || !visiting.add(symbol)) {
      return false;
    }
    int parameter = index;
    boolean[] other = new boolean[1];
    int[] calls = new int[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        if (symbol.equals(getSymbol(invocation))) {
          calls[0]++;
          Symbol passed =
              parameter < invocation.getArguments().size()
                  ? variableOf(invocation.getArguments().get(parameter))
                  : null;
          if (passed == null || !cannotBeReassigned(passed)) {
            other[0] = true;
          } else {
            TreePath caller = inAllOfCallbackOver(getCurrentPath(), passed, state);
            other[0] |=
                caller != null
                    && !(caller.getLeaf() instanceof MethodTree callerHelper
                        && isPrivateHelperOfAllOfCallbacks(
                            callerHelper, passed, state, visiting, depth - 1));
          }
        }
        return super.visitMethodInvocation(invocation, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        other[0] |= symbol.equals(getSymbol(reference));
        return super.visitMemberReference(reference, null);
      }
    }.scan(new TreePath(state.getPath().getCompilationUnit()), null);
    visiting.remove(symbol);
    return calls[0] > 0 && !other[0];
  }

  /**
   * The {@code allOf(..)} call the stage's receiver is: the call itself, or a local initialised
   * with it and never assigned again.
   */
  private static @Nullable ExpressionTree allOfCall(
      @Nullable ExpressionTree receiver, TreePath from, VisitorState state) {
    if (receiver == null) {
      return null;
    }
    ExpressionTree stripped = stripParentheses(receiver);
    if (stripped instanceof IdentifierTree
        && getSymbol(stripped) instanceof VarSymbol local
        && !(local.owner instanceof ClassSymbol)
        && cannotBeReassigned(local)) {
      VariableTree declaration = declarationOf(local, from);
      stripped =
          declaration == null || declaration.getInitializer() == null
              ? null
              : stripParentheses(declaration.getInitializer());
    }
    return stripped instanceof MethodInvocationTree call && combinesAll(call, state) ? call : null;
  }

  /**
   * An {@code allOf(..)} call, or a call of a helper that returns {@code CompletableFuture.allOf}
   * over the collection it is handed ({@link AllOfHelpers}).
   */
  private static boolean combinesAll(MethodInvocationTree call, VisitorState state) {
    return Expressions.isResolved(call)
        && (FutureCalls.ALL_OF_ANY.matches(call, state)
            || AllOfHelpers.isAllOfHelperCall(call, state));
  }

  /**
   * The collection a future expression was taken from: {@code f} of {@code for (f : c)} or {@code
   * c.forEach(f -> ..)} (also over {@code c.values()}), {@code e.getValue()} of {@code for (e :
   * c.entrySet())} or {@code c.forEach((k, f) -> ..)}; null otherwise.
   */
  private static @Nullable Symbol collectionOf(
      ExpressionTree future, TreePath from, VisitorState state) {
    ExpressionTree stripped = stripParentheses(future);
    boolean throughEntry = false;
    if (stripped instanceof MethodInvocationTree getValue
        && getValue.getArguments().isEmpty()
        && getSymbol(getValue) != null
        && getSymbol(getValue).getSimpleName().contentEquals("getValue")
        && getReceiver(getValue) != null) {
      throughEntry = true;
      stripped = stripParentheses(getReceiver(getValue));
    }
    if (!(stripped instanceof IdentifierTree)
        || !(getSymbol(stripped) instanceof VarSymbol element)) {
      return null;
    }
    for (TreePath p = from; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree) {
        return null;
      }
      if (leaf instanceof EnhancedForLoopTree loop
          && element.equals(getSymbol(loop.getVariable()))) {
        return sourceOf(loop.getExpression(), throughEntry);
      }
      if (leaf instanceof LambdaExpressionTree lambda
          && lambda.getParameters().stream().anyMatch(v -> element.equals(getSymbol(v)))
          && p.getParentPath() != null
          && p.getParentPath().getLeaf() instanceof MethodInvocationTree forEach
          && forEach.getArguments().size() == 1
          && forEach.getArguments().getFirst() == lambda
          && getSymbol(forEach) != null
          && getSymbol(forEach).getSimpleName().contentEquals("forEach")
          && getReceiver(forEach) != null) {
        int index = indexOf(lambda, element);
        boolean mapForEach = lambda.getParameters().size() == 2;
        if (throughEntry || (mapForEach && index != 1) || (!mapForEach && index != 0)) {
          return null;
        }
        return mapForEach
            ? variableOf(getReceiver(forEach))
            : sourceOf(getReceiver(forEach), false);
      }
    }
    return null;
  }

  private static int indexOf(LambdaExpressionTree lambda, Symbol parameter) {
    List<? extends VariableTree> parameters = lambda.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (parameter.equals(getSymbol(parameters.get(i)))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The collection variable an iterated expression reads: {@code c}, {@code c.values()}, or (for
   * entries) {@code c.entrySet()}.
   */
  private static @Nullable Symbol sourceOf(ExpressionTree iterated, boolean entries) {
    ExpressionTree stripped = stripParentheses(iterated);
    if (stripped instanceof MethodInvocationTree view
        && view.getArguments().isEmpty()
        && getSymbol(view) != null
        && getReceiver(view) != null) {
      String name = getSymbol(view).getSimpleName().toString();
      if (entries ? name.equals("entrySet") : name.equals("values")) {
        return variableOf(getReceiver(view));
      }
      return null;
    }
    return entries ? null : variableOf(stripped);
  }

  /**
   * The variable at the root of an {@code allOf} argument: {@code c}, {@code c.values()}, {@code
   * c.toArray(..)}, {@code c.values().toArray(..)}, {@code c.values().stream()...toArray(..)}, and
   * a list copied from any of these ({@code new ArrayList<>(c.values())}).
   */
  private static @Nullable Symbol rootOf(ExpressionTree argument, VisitorState state) {
    ExpressionTree stripped = stripParentheses(argument);
    while (true) {
      if (stripped instanceof MethodInvocationTree call
          && getReceiver(call) != null
          && getSymbol(call) != null
          && ROOT_VIEWS.contains(getSymbol(call).getSimpleName().toString())) {
        stripped = stripParentheses(getReceiver(call));
      } else if (stripped instanceof NewClassTree copy && isListCopy(copy, state)) {
        stripped = stripParentheses(copy.getArguments().getFirst());
      } else {
        break;
      }
    }
    return stripped instanceof NewArrayTree ? null : variableOf(stripped);
  }

  /**
   * {@code new ArrayList<>(c)}, {@code new LinkedList<>(c)} or {@code new ArrayDeque<>(c)} of a
   * collection {@code c} (no class body): a list or deque that holds every element of {@code c},
   * none dropped (unlike a set) and nothing added.
   */
  private static boolean isListCopy(NewClassTree copy, VisitorState state) {
    if (copy.getClassBody() != null
        || copy.getArguments().size() != 1
        || !(getSymbol(copy) instanceof MethodSymbol constructor)
        || !(constructor.owner instanceof ClassSymbol type)
        || !LIST_COPIES.contains(type.getQualifiedName().toString())) {
      return false;
    }
    Type collection = state.getTypeFromString("java.util.Collection");
    Type argument = ASTHelpers.getType(copy.getArguments().getFirst());
    return collection != null
        && argument != null
        && state
            .getTypes()
            .isSubtype(state.getTypes().erasure(argument), state.getTypes().erasure(collection));
  }

  /** Collection classes whose copy constructor keeps every element it is handed. */
  private static final Set<String> LIST_COPIES =
      Set.of("java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque");

  /** Views and copies of a collection that keep exactly its futures. */
  private static final Set<String> ROOT_VIEWS = Set.of("values", "toArray", "stream");

  private static @Nullable Symbol variableOf(@Nullable ExpressionTree tree) {
    if (tree == null) {
      return null;
    }
    ExpressionTree stripped = stripParentheses(tree);
    if (stripped instanceof IdentifierTree || stripped instanceof MemberSelectTree) {
      Symbol symbol = getSymbol(stripped);
      return symbol instanceof VarSymbol ? symbol : null;
    }
    return null;
  }

  /** A final field, or a parameter or local that is final or effectively final. */
  private static boolean cannotBeReassigned(Symbol variable) {
    return (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0;
  }

  private static @Nullable VariableTree declarationOf(VarSymbol local, TreePath from) {
    for (TreePath p = from; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree method) {
        VariableTree[] found = new VariableTree[1];
        new com.sun.source.util.TreeScanner<Void, Void>() {
          @Override
          public Void visitVariable(VariableTree variable, Void unused) {
            if (local.equals(getSymbol(variable))) {
              found[0] = variable;
            }
            return super.visitVariable(variable, null);
          }
        }.scan(method.getBody(), null);
        return found[0];
      }
    }
    return null;
  }
}
