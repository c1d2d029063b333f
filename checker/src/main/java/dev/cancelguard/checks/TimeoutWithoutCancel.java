package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.tasks.FutureOwnership;
import dev.cancelguard.analysis.tasks.FutureValues;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.FreshNames;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A wait with a deadline on a task the method owns, left on timeout without cancelling the task.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A timed wait on a task this method started gives up without cancelling the task, which"
            + " runs on as a zombie",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "TimeoutWithoutCancel.md")
public final class TimeoutWithoutCancel extends CancelGuardChecker
    implements MethodInvocationTreeMatcher {

  private static final String TIMEOUT_EXCEPTION = "java.util.concurrent.TimeoutException";

  /** The one fact of the path question: the wait timed out and the task is not yet settled. */
  private static final long TIMED_OUT = 1;

  private static final String ZOMBIE =
      " Future.get(timeout) only stops waiting: the task keeps running as a zombie, holding its"
          + " thread and whatever it uses, and its late result is lost.";

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (FutureCalls.TIMED_GET.matches(tree, state)) {
      return matchTimedGet(tree, state);
    }
    if (FutureCalls.COMPLETE_ON_EXPIRY.matches(tree, state)) {
      return matchExpiry(tree, state);
    }
    return NO_MATCH;
  }

  private Description matchTimedGet(MethodInvocationTree tree, VisitorState state) {
    ExpressionTree receiver = getReceiver(tree);
    // get(..) called inside a Future implementation on itself: nothing to own.
    if (receiver == null) {
      return NO_MATCH;
    }
    if (FutureOwnership.startsTask(receiver, state)) {
      // `pool.submit(task).get(30, SECONDS)` with `pool.shutdownNow()` on every way out of the
      // timeout (a finally): ending the pool cancels the task the future was not kept for.
      if (endsItsExecutorOnTimeout(tree, receiver, state)) {
        return NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage(
              "This get(timeout) waits for a task started in the same expression, whose future is"
                  + " not kept: when the wait times out nothing can cancel the task."
                  + ZOMBIE
                  + " Keep the future in a variable and call cancel(true) on it when get(timeout)"
                  + " throws TimeoutException.")
          .build();
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    if (codeUnit == null) {
      return NO_MATCH;
    }
    // A future handed in by the caller, or of unknown origin: whoever started it owns it.
    VarSymbol future = FutureOwnership.ownedLocal(receiver, codeUnit, state);
    if (future == null) {
      return NO_MATCH;
    }
    // Returned, stored, passed on or captured: its ownership leaves with it.
    if (FutureOwnership.escape(future, codeUnit, state) != null) {
      return NO_MATCH;
    }
    ImmutableList<MethodInvocationTree> starts = FutureOwnership.startsOf(future, codeUnit, state);
    Symbol executor = commonExecutor(starts);
    // try (var pool = ...) { ... }: closing the executor waits for the task on every way out.
    if (executor != null && isResourceAround(executor, state.getPath(), codeUnit)) {
      return NO_MATCH;
    }
    Type timeout = state.getTypeFromString(TIMEOUT_EXCEPTION);
    Tree body = CodeUnits.bodyOf(codeUnit.getLeaf());
    if (timeout == null || body == null) {
      return NO_MATCH;
    }
    FactFlow.Exit exit = unsettledTimeoutExit(tree, timeout, body, future, executor, state);
    // Every path from the timeout cancels the task, waits for it again, or never leaves.
    if (exit == null) {
      return NO_MATCH;
    }
    CatchTree handler = receivingCatch(state.getPath(), codeUnit, timeout, state);
    boolean completable = FutureValues.holdsCompletableFuture(receiver, state);
    String name = future.getSimpleName().toString();
    String cancel = name + ".cancel(" + !completable + ");";
    String where =
        handler != null
            ? "the TimeoutException is caught (line "
                + Lines.of(handler, state)
                + ") and the method "
                + (exit.kind().isNormal() ? "goes on and returns" : "throws")
            : "the TimeoutException propagates out of the method";
    String message =
        "This get(timeout) waits for a task this method started; when the wait times out, "
            + where
            + " without cancelling the task."
            + ZOMBIE
            + " Call "
            + cancel.substring(0, cancel.length() - 1)
            + " when the wait times out (or keep waiting for the task if it must finish)."
            + (completable
                ? " A CompletableFuture cannot interrupt its computation: cancel(false) keeps it"
                    + " from starting but stops nothing already running; submit the work to an"
                    + " ExecutorService to be able to interrupt it."
                : "");
    Description.Builder description = buildDescription(tree).setMessage(message);
    // The cancel goes where the future's variable is in scope: into the catch (on a line of its
    // own, so that SwallowedInterrupt's restore at the top of a catch that also takes the
    // interrupt lands at another point), else into a new catch that cancels and rethrows.
    Tree scope = declarationScope(future, codeUnit);
    Optional<SuggestedFix> fix =
        handler != null && encloses(scope, handler, state)
            ? Optional.of(SourceEdits.insertFirstLine(handler.getBlock(), cancel, state))
            : rethrowingCatchFix(state.getPath(), codeUnit, handler, scope, name, cancel, state);
    fix.ifPresent(description::addFix);
    return description.build();
  }

  private Description matchExpiry(MethodInvocationTree tree, VisitorState state) {
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    if (codeUnit == null) {
      return NO_MATCH;
    }
    ExpressionTree receiver = getReceiver(tree);
    if (receiver == null) {
      return NO_MATCH;
    }
    ExpressionTree root = FutureOwnership.chainRoot(receiver, state);
    if (FutureOwnership.startsTask(root, state)) {
      // supplyAsync(..)...orTimeout(..): where does the chain's value go?
      if (FutureOwnership.chainLeaves(state.getPath(), codeUnit, state)) {
        return NO_MATCH;
      }
    } else {
      VarSymbol future = FutureOwnership.ownedLocal(root, codeUnit, state);
      // Not started here: whoever started it owns its computation.
      if (future == null) {
        return NO_MATCH;
      }
      // Handed on (or a later stage of it is): the receiver decides.
      if (FutureOwnership.escape(future, codeUnit, state) != null) {
        return NO_MATCH;
      }
      // A deadline on a later stage (price.copy().completeOnTimeout(..)) while the original is
      // still awaited: stop waiting for the answer, keep the work (the shield idiom).
      if (stripParentheses(receiver) != root
          && FutureOwnership.isWaitedOn(future, codeUnit, state)) {
        return NO_MATCH;
      }
    }
    String method = getSymbol(tree).getSimpleName().toString();
    return buildDescription(tree)
        .setMessage(
            method
                + "(..) completes this future when time is up but does not stop the computation"
                + " this method started behind it: that keeps running as a zombie, and nothing"
                + " else can stop it. Submit the work to an ExecutorService, wait with"
                + " get(timeout, unit) and cancel(true) the Future on TimeoutException, or have the"
                + " task check a cancellation signal that the timeout path sets.")
        .build();
  }

  /**
   * The first way out of the code unit that the TimeoutException of {@code timedGet} reaches with
   * the task neither cancelled nor waited for again, or null. The one fact is "timed out, task
   * unsettled": raised by the wait, removed by whatever {@link #settles}, and by the branch where
   * {@code future.isDone()} holds. Only the timeout and explicit throws carry it: an unchecked
   * exception some call might throw is not a path worth reporting.
   */
  private static FactFlow.@Nullable Exit unsettledTimeoutExit(
      MethodInvocationTree timedGet,
      Type timeout,
      Tree body,
      @Nullable VarSymbol future,
      @Nullable Symbol executor,
      VisitorState state) {
    FactFlow.Spec spec =
        new FactFlow.Spec() {
          @Override
          public List<FactFlow.Raise> raises(ExpressionTree call) {
            return call == timedGet ? List.of(new FactFlow.Raise(timeout, TIMED_OUT)) : List.of();
          }

          @Override
          public boolean carriesFacts(ExpressionTree call, Type thrown) {
            return false;
          }

          @Override
          public long killedBy(ExpressionTree tree) {
            return settles(tree, future, executor, state) ? TIMED_OUT : 0;
          }

          @Override
          public long killedOnBranch(ExpressionTree condition, boolean value) {
            return value && future != null && isDoneTest(condition, future, state) ? TIMED_OUT : 0;
          }
        };
    // The wait may sit in a catch block: every catch is walked, the fact is added at the wait.
    return FactFlow.walk(body, spec, state, 0, FactFlow.CatchEntry.REACHABLE, Set.of())
        .exits()
        .stream()
        .findFirst()
        .orElse(null);
  }

  /**
   * True if {@code start} ({@code pool.submit(..)}, whose future {@code timedGet} waits on and
   * nobody keeps) was submitted to an executor variable that every way out of the timeout ends
   * ({@code shutdownNow()}, {@code close()}), or that is a resource of a try around the wait.
   */
  private static boolean endsItsExecutorOnTimeout(
      MethodInvocationTree timedGet, ExpressionTree start, VisitorState state) {
    if (!(stripParentheses(start) instanceof MethodInvocationTree submit)
        || getReceiver(submit) == null
        || !(getSymbol(stripParentheses(getReceiver(submit))) instanceof VarSymbol executor)) {
      return false;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    if (codeUnit == null) {
      return false;
    }
    if (isResourceAround(executor, state.getPath(), codeUnit)) {
      return true;
    }
    Type timeout = state.getTypeFromString(TIMEOUT_EXCEPTION);
    Tree body = CodeUnits.bodyOf(codeUnit.getLeaf());
    return timeout != null
        && body != null
        && unsettledTimeoutExit(timedGet, timeout, body, null, executor, state) == null;
  }

  /**
   * Cancelling the future, waiting for it again, or ending the executor that runs it (the only way
   * when no variable holds the future).
   */
  private static boolean settles(
      Tree node, @Nullable VarSymbol future, @Nullable Symbol executor, VisitorState state) {
    if (future != null
        && (FutureOwnership.isCancelOf(node, future, state)
            || FutureOwnership.isWaitOn(node, future, state))) {
      return true;
    }
    return executor != null
        && node instanceof MethodInvocationTree call
        && ExecutorCalls.END_ALL_TASKS.matches(call, state)
        && getReceiver(call) != null
        && executor.equals(getSymbol(stripParentheses(getReceiver(call))));
  }

  /**
   * {@code future.isDone()}: where it holds the task has no zombie (the engine takes {@code !} and
   * {@code &&} apart, as in {@code if (!f.isDone()) ...}).
   */
  private static boolean isDoneTest(
      ExpressionTree condition, VarSymbol future, VisitorState state) {
    return condition instanceof MethodInvocationTree call
        && FutureCalls.IS_DONE.matches(call, state)
        && FutureOwnership.isOn(call, future);
  }

  /** The executor variable every start of the future was submitted to, if one. */
  private static @Nullable Symbol commonExecutor(List<MethodInvocationTree> starts) {
    Symbol executor = null;
    for (MethodInvocationTree start : starts) {
      ExpressionTree receiver = getReceiver(start);
      Symbol symbol = receiver == null ? null : getSymbol(stripParentheses(receiver));
      if (!(symbol instanceof VarSymbol) || (executor != null && !executor.equals(symbol))) {
        return null;
      }
      executor = symbol;
    }
    return executor;
  }

  private static boolean isResourceAround(Symbol executor, TreePath path, TreePath codeUnit) {
    for (TreePath p = path; p != null && p != codeUnit; p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree tryTree) {
        for (Tree resource : tryTree.getResources()) {
          Symbol symbol =
              resource instanceof VariableTree variable
                  ? getSymbol(variable)
                  : getSymbol((ExpressionTree) resource);
          if (executor.equals(symbol)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The catch that receives a TimeoutException thrown at {@code path}: the first catch, of the
   * innermost try whose block holds the call, whose type takes it.
   */
  private static @Nullable CatchTree receivingCatch(
      TreePath path, TreePath codeUnit, Type timeout, VisitorState state) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null && p != codeUnit; p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree tryTree && tryTree.getBlock() == child) {
        for (CatchTree catchTree : tryTree.getCatches()) {
          if (Catches.caughtTypes(catchTree).stream().anyMatch(t -> isSubtype(timeout, t, state))) {
            return catchTree;
          }
        }
      }
      child = p.getLeaf();
    }
    return null;
  }

  /**
   * Adds {@code catch (TimeoutException t) { future.cancel(true); throw t; }}: to the innermost try
   * whose block holds the call, when it has no catch of its own for the exception and the future is
   * in scope in its catches; otherwise around the call's statement and the rest of its block.
   */
  private static Optional<SuggestedFix> rethrowingCatchFix(
      TreePath path,
      TreePath codeUnit,
      @Nullable CatchTree handler,
      @Nullable Tree scope,
      String futureName,
      String cancel,
      VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String type = SuggestedFixes.qualifyType(state, fix, TIMEOUT_EXCEPTION);
    // A catch parameter name not used anywhere in the code unit.
    Set<String> taken = new HashSet<>(FreshNames.usedNames(codeUnit.getLeaf()));
    taken.add(futureName);
    String parameter =
        FreshNames.pick(taken, List.of("timeout", "timedOut", "expired"), "timeout", 2);
    Tree child = path.getLeaf();
    BlockTree innermostBlock = null;
    StatementTree statementInBlock = null;
    for (TreePath p = path.getParentPath(); p != null && p != codeUnit; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (innermostBlock == null
          && leaf instanceof BlockTree block
          && child instanceof StatementTree statement) {
        innermostBlock = block;
        statementInBlock = statement;
      }
      if (leaf instanceof TryTree tryTree && tryTree.getBlock() == child) {
        if (!tryTree.getCatches().contains(handler) && encloses(scope, tryTree, state)) {
          String indent = SourceEdits.indentationOf(tryTree, state);
          fix.postfixWith(tryTree.getBlock(), catchClause(type, parameter, cancel, indent));
          return Optional.of(fix.build());
        }
        break;
      }
      child = leaf;
    }
    if (innermostBlock == null) {
      return Optional.empty(); // e.g. an expression lambda: no statement to wrap
    }
    String indent = SourceEdits.indentationOf(statementInBlock, state);
    fix.prefixWith(statementInBlock, "try { ");
    fix.postfixWith(
        innermostBlock.getStatements().getLast(),
        "\n" + indent + "}" + catchClause(type, parameter, cancel, indent));
    return Optional.of(fix.build());
  }

  /** The tree holding the declaration of a local: the block (or loop, or case) it is scoped to. */
  private static @Nullable Tree declarationScope(VarSymbol variable, TreePath codeUnit) {
    Tree[] scope = new Tree[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (scope[0] == null && variable.equals(getSymbol(tree))) {
          scope[0] = getCurrentPath().getParentPath().getLeaf();
        }
        return super.visitVariable(tree, null);
      }
    }.scan(codeUnit, null);
    return scope[0];
  }

  private static boolean encloses(@Nullable Tree outer, Tree inner, VisitorState state) {
    return outer != null
        && getStartPosition(outer) <= getStartPosition(inner)
        && state.getEndPosition(inner) <= state.getEndPosition(outer);
  }

  private static String catchClause(String type, String parameter, String cancel, String indent) {
    String body = indent + "  ";
    return " catch (%s %s) {\n%s%s\n%sthrow %s;\n%s}"
        .formatted(type, parameter, body, cancel, body, parameter, indent);
  }
}
