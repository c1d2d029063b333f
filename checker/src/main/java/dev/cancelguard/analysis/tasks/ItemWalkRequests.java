package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A walk through items whose rounds each start blocking work of their own, and whose catch takes
 * the interrupt as one more failure of an item: {@code for (id : ledgers) { try {
 * manager.readMetadata(id).get(); .. } catch (Throwable t) { log(..); } }}, {@code for (p :
 * partitions) { try { deleteRemoteData(p); } catch (Exception e) { errorHandler.accept(p, e); } }},
 * {@code for (address : seeds) { try { connect(address).get(timeout); .. break; } catch (Exception
 * e) { last = e; } }}. Each remaining round sends a new request, opens a new connection, takes a
 * new lock: work the interrupt asked the thread to stop. Recorded and restored after the walk, the
 * interrupted thread still does all of it, round by round, with the flag clear; restored at once,
 * every remaining round fails into the same catch, which only takes it for that item's failure, and
 * the code after the walk goes on as if the items had been dealt with. Neither is the code's own
 * answer to an interrupt, so no fix is offered there.
 *
 * <p>A walk whose rounds only wait for what was started before it — the item itself is what the
 * round waits on ({@code for (Future<?> f : results) f.get();}, {@code futures.get(i).get()},
 * {@code listener.future().get()}) — keeps its record: the work goes on whether or not the thread
 * waits for it, and the waits end as that work does.
 */
public final class ItemWalkRequests {
  private ItemWalkRequests() {}

  /**
   * The first call of {@code loop} (round which the catch at {@code catchPath} goes) that may fail
   * when interrupted and is not a wait on the walked item, where the loop walks through items
   * ({@link Loops#walksThroughItems}) and the catch takes every failure ({@code Exception}, {@code
   * Throwable}) and goes on; null elsewhere.
   */
  public static @Nullable Tree newBlockingWork(
      TreePath loop, TreePath catchPath, VisitorState state, CancelGuardOptions options) {
    Tree loopTree = loop.getLeaf();
    if (!Loops.walksThroughItems(loopTree)
        || !(catchPath.getLeaf() instanceof CatchTree catchTree)
        || !takesEveryFailureAndGoesOn(catchTree, state)) {
      return null;
    }
    Set<Symbol> walked = walkedVariables(loopTree);
    if (walked.isEmpty()) {
      return null;
    }
    // Locals of the round that name the item: `Future<?> f = futures.get(i);`.
    Map<Symbol, ExpressionTree> locals = new HashMap<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        Symbol symbol = getSymbol(variable);
        if (symbol != null
            && symbol.getKind() == ElementKind.LOCAL_VARIABLE
            && variable.getInitializer() != null) {
          locals.put(symbol, variable.getInitializer());
        }
        return super.visitVariable(variable, null);
      }
    }.scan(Loops.body(loopTree), null);
    Tree[] found = new Tree[1];
    new NestedCodeSkipper() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] != null ? null : super.scan(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call)
            && FailingCalls.mayFailWhenInterrupted(call, state, options)
            && !namesTheItem(getReceiver(call), walked, locals, 0, state)) {
          found[0] = call;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(Loops.body(loopTree), null);
    return found[0];
  }

  /** {@code list.get(i)}, {@code map.get(key)}: a lookup in a {@code java.util} collection. */
  private static boolean isCollectionLookup(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = getReceiver(call);
    Type type = receiver == null ? null : ASTHelpers.getType(receiver);
    if (type == null || !(getSymbol(call) instanceof Symbol.MethodSymbol method)) {
      return false;
    }
    if (!method.getSimpleName().contentEquals("get")) {
      return false;
    }
    Type list = state.getTypeFromString("java.util.List");
    Type map = state.getTypeFromString("java.util.Map");
    return (list != null
            && ASTHelpers.isSubtype(
                state.getTypes().erasure(type), state.getTypes().erasure(list), state))
        || (map != null
            && ASTHelpers.isSubtype(
                state.getTypes().erasure(type), state.getTypes().erasure(map), state));
  }

  /** The catch names {@code Exception} or {@code Throwable} and neither throws nor leaves. */
  private static boolean takesEveryFailureAndGoesOn(CatchTree catchTree, VisitorState state) {
    boolean leaves =
        catchTree.getBlock().getStatements().stream()
            .anyMatch(
                s ->
                    s.getKind() == Tree.Kind.THROW
                        || s.getKind() == Tree.Kind.RETURN
                        || s.getKind() == Tree.Kind.BREAK);
    if (leaves) {
      return false;
    }
    Type exception = state.getTypeFromString("java.lang.Exception");
    Type throwable = state.getTypeFromString("java.lang.Throwable");
    for (Type caught : Catches.caughtTypes(catchTree)) {
      if ((exception != null && ASTHelpers.isSameType(caught, exception, state))
          || (throwable != null && ASTHelpers.isSameType(caught, throwable, state))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The variables a walk goes through: a for-each loop's variable, the variables a {@code for} loop
   * declares (its index, its iterator).
   */
  private static Set<Symbol> walkedVariables(Tree loop) {
    Set<Symbol> walked = new HashSet<>();
    if (loop instanceof EnhancedForLoopTree forEach) {
      Symbol symbol = getSymbol(forEach.getVariable());
      if (symbol != null) {
        walked.add(symbol);
      }
    } else if (loop instanceof ForLoopTree forLoop) {
      for (StatementTree init : forLoop.getInitializer()) {
        if (init instanceof VariableTree variable && getSymbol(variable) != null) {
          walked.add(getSymbol(variable));
        }
      }
    }
    return walked;
  }

  /**
   * True if {@code expression} is the walked item, reached from a walked variable through
   * no-argument calls, field reads, and lookups by the walked variables ({@code result}, {@code
   * listener.future()}, {@code futures.get(i)}, {@code it.next()}, {@code tasks[i]}), or a local of
   * the round initialised so.
   */
  private static boolean namesTheItem(
      @Nullable ExpressionTree expression,
      Set<Symbol> walked,
      Map<Symbol, ExpressionTree> locals,
      int depth,
      VisitorState state) {
    if (expression == null || depth > 8) {
      return false;
    }
    ExpressionTree e = Expressions.strip(expression);
    return switch (e) {
      case IdentifierTree id -> {
        Symbol symbol = getSymbol(id);
        yield symbol != null
            && (walked.contains(symbol)
                || (locals.containsKey(symbol)
                    && namesTheItem(locals.get(symbol), walked, locals, depth + 1, state)));
      }
      case MemberSelectTree select ->
          namesTheItem(select.getExpression(), walked, locals, depth + 1, state);
      case ArrayAccessTree access ->
          namesTheItem(access.getIndex(), walked, locals, depth + 1, state)
              || namesTheItem(access.getExpression(), walked, locals, depth + 1, state);
      case MethodInvocationTree call -> {
        if (call.getArguments().isEmpty()) {
          yield namesTheItem(getReceiver(call), walked, locals, depth + 1, state);
        }
        // A lookup by the walked variables in a collection: `futures.get(i)`, `map.get(key)`.
        yield isCollectionLookup(call, state)
            && call.getArguments().stream()
                .allMatch(argument -> namesTheItem(argument, walked, locals, depth + 1, state));
      }
      default -> false;
    };
  }
}
