package dev.cancelguard.analysis.flow;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.flow.PathState.join;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DefaultCaseLabelTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCBreak;
import com.sun.tools.javac.tree.JCTree.JCContinue;
import com.sun.tools.javac.tree.JCTree.JCYield;
import dev.cancelguard.analysis.flow.ExpressionWalker.Branches;
import dev.cancelguard.analysis.flow.FactFlow.CatchEntry;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.flow.FactFlow.ExitKind;
import dev.cancelguard.analysis.flow.FactFlow.Result;
import dev.cancelguard.analysis.flow.FactFlow.Spec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The walker of {@link FactFlow}: statements in order, {@code if} on the branches of its condition,
 * {@code switch} with fall-through and {@code yield}, labelled jumps, and loops until their facts
 * stop changing. Expressions and the branches of conditions ({@code &&}, {@code ||}, {@code !},
 * {@code ?:}) are {@link ExpressionWalker}; try statements and exceptions are {@link TryFrames};
 * calls to helpers of the file are {@link HelperSummaries}.
 */
final class Walker {
  /** Bits are only ever added on the way round, so 65 rounds reach the fixpoint of 64 facts. */
  private static final int MAX_LOOP_ROUNDS = 70;

  private final Spec spec;
  private final CatchEntry catchEntry;
  private final TryFrames tries;
  private final ExpressionWalker expressions;

  private final Map<Tree, Integer> targetDepth = new HashMap<>();
  private final Map<Tree, PathState> breakStates = new HashMap<>();
  private final Map<Tree, PathState> continueStates = new HashMap<>();
  private final Map<Tree, PathState> yieldStates = new HashMap<>();
  private final Map<Tree, Exit> exits = new LinkedHashMap<>();

  private Walker(
      VisitorState state,
      Spec spec,
      CatchEntry catchEntry,
      Set<? extends Tree> observe,
      HelperSummaries helpers) {
    this.spec = spec;
    this.catchEntry = catchEntry;
    this.tries = new TryFrames(this, spec, state);
    this.expressions = new ExpressionWalker(this, tries, state, spec, catchEntry, observe, helpers);
  }

  static Result run(
      Tree body,
      Spec spec,
      VisitorState state,
      long initial,
      CatchEntry catchEntry,
      Set<? extends Tree> observe,
      HelperSummaries helpers) {
    Walker flow = new Walker(state, spec, catchEntry, observe, helpers);
    PathState start = new PathState(initial, null);
    if (body instanceof StatementTree statement) {
      PathState out = flow.walk(statement, start);
      if (out != null) {
        flow.record(ExitKind.FALLS_OFF, body, out);
      }
    } else if (body instanceof ExpressionTree expression) {
      PathState out = flow.scan(expression, start);
      if (out != null) {
        flow.record(ExitKind.RETURNS, body, out);
      }
    }
    return new Result(ImmutableList.copyOf(flow.exits.values()), flow.expressions.observed());
  }

  // ---------------------------------------------------------------- statements

  @Nullable PathState walk(@Nullable StatementTree tree, @Nullable PathState in) {
    if (tree == null || in == null) {
      return in;
    }
    long killed = spec.killedByStatement(tree);
    if (killed != 0) {
      return in.minus(killed);
    }
    return switch (tree) {
      case BlockTree block -> walkAll(block.getStatements(), in);
      case ExpressionStatementTree statement -> scan(statement.getExpression(), in);
      case VariableTree variable -> scan(variable.getInitializer(), in);
      case IfTree ifTree -> walkIf(ifTree, in);
      case ReturnTree returnTree ->
          leave(ExitKind.RETURNS, returnTree, scan(returnTree.getExpression(), in));
      case ThrowTree throwTree -> walkThrow(throwTree, in);
      case BreakTree breakTree ->
          jump(breakTree, ((JCBreak) breakTree).target, in, breakStates, ExitKind.BREAKS);
      case ContinueTree continueTree ->
          jump(
              continueTree,
              ((JCContinue) continueTree).target,
              in,
              continueStates,
              ExitKind.CONTINUES);
      case YieldTree yieldTree ->
          jump(
              yieldTree,
              ((JCYield) yieldTree).target,
              scan(yieldTree.getValue(), in),
              yieldStates,
              ExitKind.YIELDS);
      case WhileLoopTree loop ->
          walkLoop(loop, loop.getCondition(), loop.getStatement(), List.of(), in, false);
      case DoWhileLoopTree loop ->
          walkLoop(loop, loop.getCondition(), loop.getStatement(), List.of(), in, true);
      case ForLoopTree loop -> {
        targetDepth.put(loop, tries.depth());
        PathState afterInit = walkAll(loop.getInitializer(), in);
        yield walkLoop(
            loop, loop.getCondition(), loop.getStatement(), loop.getUpdate(), afterInit, false);
      }
      case EnhancedForLoopTree loop ->
          walkLoop(
              loop, null, loop.getStatement(), List.of(), scan(loop.getExpression(), in), false);
      case LabeledStatementTree labeled -> {
        targetDepth.put(labeled, tries.depth());
        yield join(walk(labeled.getStatement(), in), breakStates.remove(labeled));
      }
      case SynchronizedTree sync -> walk(sync.getBlock(), scan(sync.getExpression(), in));
      case SwitchTree switchTree ->
          walkSwitch(switchTree, switchTree.getExpression(), switchTree.getCases(), in);
      case TryTree tryTree -> tries.walkTry(tryTree, in, catchEntry);
      default -> in; // assert, empty statements, local classes: no effect here
    };
  }

  private @Nullable PathState walkAll(
      List<? extends StatementTree> statements, @Nullable PathState in) {
    PathState current = in;
    for (StatementTree statement : statements) {
      current = walk(statement, current);
    }
    return current;
  }

  private @Nullable PathState walkIf(IfTree ifTree, PathState in) {
    Branches branches = branch(ifTree.getCondition(), in);
    return join(
        walk(ifTree.getThenStatement(), branches.whenTrue()),
        walk(ifTree.getElseStatement(), branches.whenFalse()));
  }

  private @Nullable PathState walkThrow(ThrowTree throwTree, PathState in) {
    PathState current = scan(throwTree.getExpression(), in);
    if (current == null) {
      return null;
    }
    current =
        current.minus(spec.killedByThrow(throwTree)).plus(spec.addedByThrow(throwTree), throwTree);
    Type thrown = getType(throwTree.getExpression());
    tries.raise(thrown, current, throwTree, ExitKind.THROWS);
    return null;
  }

  private @Nullable PathState walkLoop(
      StatementTree loop,
      @Nullable ExpressionTree condition,
      StatementTree body,
      List<? extends StatementTree> update,
      @Nullable PathState in,
      boolean bodyFirst) {
    if (in == null) {
      return null;
    }
    targetDepth.put(loop, tries.depth());
    long loopKill = spec.killedByLoop(loop);
    boolean conditionMayFail =
        loop instanceof EnhancedForLoopTree
            || (condition != null && !Boolean.TRUE.equals(constValue(stripParentheses(condition))));
    PathState entry = in;
    PathState conditionOut = null;
    for (int round = 0; round < MAX_LOOP_ROUNDS; round++) {
      PathState bodyIn = entry;
      conditionOut = null;
      if (!bodyFirst) {
        Branches tested = branch(condition, entry);
        bodyIn = tested.whenTrue();
        conditionOut = tested.whenFalse();
      }
      PathState bodyOut = walk(body, bodyIn);
      PathState roundEnd = walkAll(update, join(bodyOut, continueStates.remove(loop)));
      if (bodyFirst) {
        Branches tested = branch(condition, roundEnd);
        roundEnd = tested.whenTrue();
        conditionOut = tested.whenFalse();
      }
      PathState back = roundEnd == null ? null : roundEnd.minus(loopKill);
      PathState next = join(in, back);
      if (next != null && next.facts() == entry.facts()) {
        break;
      }
      entry = next;
    }
    PathState exits = breakStates.remove(loop);
    if (conditionMayFail && conditionOut != null) {
      exits = join(exits, conditionOut.minus(loopKill));
    }
    return exits;
  }

  /** A switch statement or expression: its cases, with fall-through, breaks and yields. */
  @Nullable PathState walkSwitch(
      Tree switchTree, ExpressionTree selector, List<? extends CaseTree> cases, PathState in) {
    targetDepth.put(switchTree, tries.depth());
    PathState selected = scan(selector, in);
    if (selected == null) {
      return null;
    }
    PathState fallThrough = null;
    PathState out = null;
    boolean hasDefault = false;
    for (CaseTree caseTree : cases) {
      hasDefault |=
          caseTree.getExpressions().isEmpty()
              || caseTree.getLabels().stream().anyMatch(l -> l instanceof DefaultCaseLabelTree);
      if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = caseTree.getBody();
        PathState caseOut =
            switch (body) {
              case StatementTree statement -> walk(statement, selected);
              case ExpressionTree expression -> scan(expression, selected);
              case null, default -> selected;
            };
        out = join(out, caseOut);
      } else {
        fallThrough = walkAll(caseTree.getStatements(), join(selected, fallThrough));
      }
    }
    out = join(join(out, fallThrough), breakStates.remove(switchTree));
    out = join(out, yieldStates.remove(switchTree));
    // A switch expression is exhaustive; a switch statement without default may match no case.
    return hasDefault || switchTree instanceof SwitchExpressionTree ? out : join(out, selected);
  }

  /**
   * A break, continue or yield: through the finally blocks it leaves to its target, or out of the
   * walked statement when the target is around it.
   */
  private @Nullable PathState jump(
      Tree jump,
      @Nullable Tree target,
      @Nullable PathState in,
      Map<Tree, PathState> targetStates,
      ExitKind kindIfOut) {
    if (target == null || in == null) {
      return null; // no target: code that does not compile
    }
    Integer depth = targetDepth.get(target);
    PathState current = tries.leaveTo(depth == null ? 0 : depth, in);
    if (current != null) {
      if (depth == null) {
        record(kindIfOut, jump, current);
      } else {
        targetStates.merge(target, current, PathState::join);
      }
    }
    return null;
  }

  /** Return, or the end of a lambda's expression body: out through every enclosing finally. */
  private @Nullable PathState leave(ExitKind kind, Tree exit, @Nullable PathState in) {
    PathState current = in == null ? null : tries.leaveTo(0, in);
    if (current != null) {
      record(kind, exit, current);
    }
    return null;
  }

  void record(ExitKind kind, Tree exit, PathState out) {
    if (out.facts() == 0) {
      return;
    }
    exits.merge(
        exit,
        new Exit(kind, exit, out.facts(), out.origin()),
        (a, b) ->
            new Exit(
                a.kind(),
                a.tree(),
                a.facts() | b.facts(),
                PathState.earlier(a.origin(), b.origin())));
  }

  // ---------------------------------------------------------------- expressions

  /** See {@link ExpressionWalker#observe}. */
  @Nullable PathState observe(Tree tree, @Nullable PathState in) {
    return expressions.observe(tree, in);
  }

  /** See {@link ExpressionWalker#scan}. */
  @Nullable PathState scan(@Nullable ExpressionTree expression, @Nullable PathState in) {
    return expressions.scan(expression, in);
  }

  private Branches branch(@Nullable ExpressionTree condition, @Nullable PathState in) {
    return expressions.branch(condition, in);
  }
}
