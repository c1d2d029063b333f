package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.interrupts.Polls.PauseKind;
import dev.cancelguard.analysis.jdk.ReadOnlyCalls;
import dev.cancelguard.analysis.trees.HelperChain;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Working loops that spin while idle: on the rounds a non-blocking poll ({@code queue.poll()},
 * {@code lock.tryLock()}) finds nothing, the loop does nothing that waits. What a round may do
 * besides polling (counting, logging) is {@link Polls}'s bookkeeping.
 */
final class IdleSpins {
  private final Polls polls;
  private final VisitorState state;

  private IdleSpins(Polls polls, VisitorState state) {
    this.polls = polls;
    this.state = state;
  }

  /**
   * The non-blocking poll a working loop turns on when, on the rounds it finds nothing, it does
   * nothing that waits: the loop spins while idle. The body polls ({@code Job job = queue.poll();},
   * directly or through a same-file method that returns the poll, at any depth), then tests the
   * result ({@code if (job != null) { work }}, {@code if (job == null) continue;}, {@code if
   * (lock.tryLock()) { work }}); on the branch taken when nothing was found there is nothing but
   * {@code continue}, bookkeeping (counters, logging) or a spin pause. Any other statement on that
   * path (a sleep, a blocking call, a call this analysis does not know) and the loop is not judged.
   * Null if the loop does not have that shape.
   */
  static @Nullable MethodInvocationTree poll(TreePath loopPath, VisitorState state) {
    Tree loop = loopPath.getLeaf();
    if (!Loops.isLoop(loop) || loop instanceof EnhancedForLoopTree) {
      return null;
    }
    IdleSpins polls = new IdleSpins(new Polls(loopPath, state), state);
    StatementTree body = Loops.body(loop);
    List<? extends StatementTree> statements =
        body instanceof BlockTree block ? block.getStatements() : List.of(body);
    Map<Symbol, MethodInvocationTree> polled = new HashMap<>();
    MethodInvocationTree found = null;
    for (StatementTree statement : statements) {
      if (statement instanceof VariableTree variable && variable.getInitializer() != null) {
        MethodInvocationTree poll =
            polls.nonBlockingPoll(variable.getInitializer(), HelperChain.start());
        Symbol symbol = getSymbol(variable);
        if (poll == null || symbol == null) {
          return null;
        }
        polled.put(symbol, poll);
        continue;
      }
      if (statement instanceof IfTree ifTree) {
        IdleTest test = polls.idleTest(ifTree.getCondition(), polled);
        if (test == null) {
          return null;
        }
        StatementTree idle =
            test.idleWhen() ? ifTree.getThenStatement() : ifTree.getElseStatement();
        if (idle != null && !polls.idleStatement(idle)) {
          return null;
        }
        found = found == null ? test.poll() : found;
        if (idle != null && endsInContinue(idle)) {
          return found; // the rest of the body runs only when something was found
        }
        continue;
      }
      if (statement instanceof ExpressionStatementTree expression
          && polls.polls.bookkeeping(expression.getExpression())) {
        continue;
      }
      return null; // runs on the idle rounds too, and may wait
    }
    return found;
  }

  /** The poll an if tests, and whether the then-branch is the one taken when nothing was found. */
  private record IdleTest(MethodInvocationTree poll, boolean idleWhen) {}

  private @Nullable IdleTest idleTest(
      ExpressionTree condition, Map<Symbol, MethodInvocationTree> polled) {
    ExpressionTree expression = stripParentheses(condition);
    if (expression instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      IdleTest inner = idleTest(not.getExpression(), polled);
      return inner == null ? null : new IdleTest(inner.poll(), !inner.idleWhen());
    }
    if (expression instanceof BinaryTree binary
        && (binary.getKind() == Tree.Kind.EQUAL_TO || binary.getKind() == Tree.Kind.NOT_EQUAL_TO)) {
      Symbol tested = LocalUses.nullTested(binary, true);
      boolean nullWhenTrue = tested != null;
      if (tested == null) {
        tested = LocalUses.nullTested(binary, false);
      }
      MethodInvocationTree poll = tested == null ? null : polled.get(tested);
      return poll == null ? null : new IdleTest(poll, nullWhenTrue);
    }
    Symbol variable = getSymbol(expression);
    if (expression instanceof IdentifierTree && polled.containsKey(variable)) {
      return new IdleTest(polled.get(variable), false);
    }
    MethodInvocationTree poll = nonBlockingPoll(expression, HelperChain.start());
    return poll == null ? null : new IdleTest(poll, false);
  }

  /**
   * The non-blocking poll an expression is, directly or as what a same-file method returns ({@code
   * private Job next() { return queue.poll(); }}), or null.
   */
  private @Nullable MethodInvocationTree nonBlockingPoll(ExpressionTree tree, HelperChain chain) {
    if (!(stripParentheses(tree) instanceof MethodInvocationTree call)) {
      return null;
    }
    if (ReadOnlyCalls.NON_BLOCKING_POLL.matches(call, state)) {
      return call;
    }
    if (!(getSymbol(call) instanceof MethodSymbol method)
        || !SameFile.isDeclaredIn(method, state.getPath().getCompilationUnit())) {
      return null;
    }
    HelperChain inner = chain.enter(method);
    MethodTree helper =
        inner == null
            ? null
            : SameFile.findMethod(state.getPath().getCompilationUnit(), method, state);
    if (helper == null
        || helper.getBody() == null
        || helper.getBody().getStatements().size() != 1
        || !(helper.getBody().getStatements().getFirst() instanceof ReturnTree returned)
        || returned.getExpression() == null) {
      return null;
    }
    return nonBlockingPoll(returned.getExpression(), inner);
  }

  /** What a round that found nothing may do: continue, count, log, spin. */
  private boolean idleStatement(StatementTree statement) {
    return switch (statement) {
      case EmptyStatementTree empty -> true;
      case ContinueTree continueTree -> continueTree.getLabel() == null;
      case BlockTree block -> block.getStatements().stream().allMatch(this::idleStatement);
      case ExpressionStatementTree expression ->
          polls.bookkeeping(expression.getExpression())
              || isStatistic(expression.getExpression())
              || Polls.pauseKind(expression.getExpression(), state) == PauseKind.SPIN;
      default -> false;
    };
  }

  /** {@code idleRounds++} on a number, a field too: a statistic the idle round keeps. */
  private static boolean isStatistic(ExpressionTree expression) {
    return stripParentheses(expression) instanceof UnaryTree unary
        && switch (unary.getKind()) {
          case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> true;
          default -> false;
        }
        && getType(unary.getExpression()) != null
        && getType(unary.getExpression()).isPrimitive();
  }

  static boolean endsInContinue(StatementTree statement) {
    if (statement instanceof BlockTree block) {
      return !block.getStatements().isEmpty() && endsInContinue(block.getStatements().getLast());
    }
    return statement instanceof ContinueTree continueTree && continueTree.getLabel() == null;
  }
}
