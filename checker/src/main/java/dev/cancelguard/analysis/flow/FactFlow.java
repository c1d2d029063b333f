package dev.cancelguard.analysis.flow;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DefaultCaseLabelTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCBreak;
import com.sun.tools.javac.tree.JCTree.JCContinue;
import com.sun.tools.javac.tree.JCTree.JCYield;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A structured walk over one code unit (a method or lambda body) that follows a small set of facts
 * — at most 64, one bit each — along every path, including the paths exceptions take.
 *
 * <p>A check describes its facts with a {@link Spec}: which calls add or remove a fact when they
 * complete, which calls raise an exception that carries an extra fact (for example "a sub-task is
 * still running" on the path where waiting for a sibling failed), which statements remove a fact as
 * a whole (a loop cancelling every future of a list). The walk follows if/else, switch (with
 * fall-through), loops to a fixpoint, labeled statements, break/continue to their targets, return,
 * throw, and try/catch/finally: a raised exception goes to the first catch that takes its type, or
 * through the enclosing {@code finally} blocks out of the code unit; return, break and continue
 * pass through the {@code finally} blocks they leave. Lambda and class bodies are not entered: code
 * there runs later, elsewhere.
 *
 * <p>It answers two questions: the ways out of the code unit (return, throw, an exception raised by
 * a call, the end of the body) reached with facts still set, and the facts that may hold just
 * before chosen calls. Calls that throw only unchecked exceptions are not followed unless the spec
 * says so.
 */
public final class FactFlow {
  /** What a check's facts are; every method has a neutral default. */
  public interface Spec {
    /**
     * Exceptions a call raises beyond those it declares, or declared ones that carry extra facts:
     * each adds {@link Raise#added} to the facts of the path on the exception's way.
     */
    default List<Raise> raises(ExpressionTree call) {
      return List.of();
    }

    /** Facts an explicit {@code throw} adds to the facts of the path it throws on. */
    default long addedByThrow(ThrowTree tree) {
      return 0;
    }

    /** Facts added on the branch taken when the condition is true. */
    default long addedOnTrueBranch(ExpressionTree condition) {
      return 0;
    }

    /**
     * Facts known not to hold on the branch taken when the condition is {@code value} (a null test
     * on a resource: on its null branch nothing is held).
     */
    default long killedOnBranch(ExpressionTree condition, boolean value) {
      return 0;
    }

    /**
     * Facts removed by a whole statement, which is then not walked into (a loop that cancels every
     * element of a list); 0 to walk the statement as usual.
     */
    default long killedByStatement(StatementTree statement) {
      return 0;
    }

    /** Facts removed when a call, constructor call or assignment completes. */
    default long killedBy(ExpressionTree tree) {
      return 0;
    }

    /** Facts added when a call, constructor call or assignment completes. */
    default long addedBy(ExpressionTree tree) {
      return 0;
    }

    /**
     * Facts that the call overwrites: reaching it with one of them set is a way out for that fact
     * ({@link ExitKind#REACQUIRES}), as the old value can no longer be reached.
     */
    default long acquiredBy(ExpressionTree tree) {
      return 0;
    }

    /** Facts removed each time the loop goes round, and when its condition ends it. */
    default long killedByLoop(StatementTree loop) {
      return 0;
    }

    /**
     * Whether an exception a call declares carries the facts of the path it is raised on (by
     * default it does); a check about interrupts may follow only the interrupt itself.
     */
    default boolean carriesFacts(ExpressionTree call, Type thrown) {
      return true;
    }

    /** Facts removed when control leaves the block of a try-with-resources (resources closed). */
    default long killedByLeaving(TryTree tryTree) {
      return 0;
    }

    /** Facts an explicit {@code throw} discharges (rethrowing the exception a fact stands for). */
    default long killedByThrow(ThrowTree tree) {
      return 0;
    }

    /**
     * The spec to walk {@code helper}, a method of this file that {@code call} invokes, with; null
     * (the default) not to follow it. A followed helper's summary — the facts it removes on every
     * way out of its body when entered with the caller's facts — is removed by the call.
     */
    default @Nullable Spec helperSpec(MethodInvocationTree call, MethodTree helper) {
      return null;
    }
  }

  /** An exception of {@code type} raised with {@code added} facts on top of the path's. */
  public record Raise(Type type, long added) {}

  /** Which states a catch block is entered with, besides those of the exceptions routed to it. */
  public enum CatchEntry {
    /** Only the exceptions the walk follows, each to the first catch that takes its type. */
    BY_TYPE,
    /**
     * Also the state at the start of its try block: for "may" questions, where any unchecked
     * exception could enter the catch with the facts holding then.
     */
    TRY_ENTRY,
    /**
     * Also with no facts: every catch is reachable (by some exception) whenever its try is, but
     * facts ride only on the exceptions the spec follows. For questions asked from a point that may
     * lie in a catch block: the facts are added there.
     */
    REACHABLE
  }

  /** How a path leaves the code unit. */
  public enum ExitKind {
    RETURNS,
    /** An explicit throw statement whose exception leaves the code unit. */
    THROWS,
    /** An exception raised by a call leaves the code unit. */
    PROPAGATES,
    /** The end of the walked body or statement. */
    FALLS_OFF,
    /** A {@code break} to a statement around the walked one. */
    BREAKS,
    /** A {@code continue} of a loop around the walked statement. */
    CONTINUES,
    /** A {@code yield} to a switch expression around the walked statement. */
    YIELDS,
    /** A call that overwrites a fact still set (see {@link Spec#acquiredBy}). */
    REACQUIRES;

    /** True for the ways out after which execution goes on normally, without an exception. */
    public boolean isNormal() {
      return this != THROWS && this != PROPAGATES && this != REACQUIRES;
    }
  }

  /**
   * A way out reached with {@code facts} set; {@code origin} is the earliest tree that added one of
   * them (a raising call, a throw, a condition), or null when they were set from the start.
   */
  public record Exit(ExitKind kind, Tree tree, long facts, @Nullable Tree origin) {
    /**
     * How the path leaves, for a message: "returns (line 12)", "reaches its end", ...; {@code
     * reacquires} names what a {@link ExitKind#REACQUIRES} exit does ("starts new sub-tasks").
     */
    public String describe(VisitorState state, String reacquires) {
      String line = " (line " + Lines.of(tree, state) + ")";
      return switch (kind) {
        case RETURNS -> "returns" + line;
        case THROWS -> "throws" + line;
        case PROPAGATES ->
            tree == origin
                ? "lets the exception propagate"
                : "lets the exception of line " + Lines.of(tree, state) + " propagate";
        case FALLS_OFF -> "reaches its end";
        case BREAKS, CONTINUES, YIELDS -> "leaves the block" + line;
        case REACQUIRES -> reacquires + line;
      };
    }
  }

  /** The ways out with facts set, in the order found, and the facts before each observed tree. */
  public record Result(ImmutableList<Exit> exits, ImmutableMap<Tree, Long> observed) {
    /** The facts that may hold just before {@code tree}, or null if no path reaches it. */
    public @Nullable Long factsAt(Tree tree) {
      return observed.get(tree);
    }
  }

  /** The facts on the paths reaching a point; null stands for "no path". */
  private record State(long facts, @Nullable Tree origin) {
    State plus(long added, @Nullable Tree addedBy) {
      if ((facts | added) == facts) {
        return this;
      }
      return new State(facts | added, facts == 0 ? addedBy : origin);
    }

    State minus(long removed) {
      if ((facts & removed) == 0) {
        return this;
      }
      long left = facts & ~removed;
      return new State(left, left == 0 ? null : origin);
    }
  }

  /** The states after a condition: where it is true, and where it is false. */
  private record Branches(@Nullable State whenTrue, @Nullable State whenFalse) {}

  private enum Region {
    BLOCK,
    CATCH,
    FINALLY
  }

  /** A try statement being walked, and where in it the walk is. */
  private static final class Frame {
    final TryTree tree;
    Region region = Region.BLOCK;
    final Map<CatchTree, State> catchEntries = new HashMap<>();

    Frame(TryTree tree) {
      this.tree = tree;
    }
  }

  private record FinallyKey(Tree block, long facts) {}

  /**
   * What the walks of one question share: the helpers being walked (a helper reached again while it
   * is walked is not followed: recursion), and what is left of the budget of helper walks.
   */
  private static final class Helpers {
    final Set<MethodSymbol> inProgress = new HashSet<>();
    int budget = MAX_HELPER_WALKS;
  }

  /** Bits are only ever added on the way round, so 65 rounds reach the fixpoint of 64 facts. */
  private static final int MAX_LOOP_ROUNDS = 70;

  /** Helper bodies walked for one question, at most: deep helper chains stay cheap. */
  private static final int MAX_HELPER_WALKS = 16;

  private final VisitorState state;
  private final Spec spec;
  private final CatchEntry catchEntry;
  private final Set<? extends Tree> observe;
  private final Helpers helpers;

  private List<Frame> frames = new ArrayList<>();
  private final Map<Tree, Integer> targetDepth = new HashMap<>();
  private final Map<Tree, State> breakStates = new HashMap<>();
  private final Map<Tree, State> continueStates = new HashMap<>();
  private final Map<Tree, State> yieldStates = new HashMap<>();
  private final Map<Tree, Exit> exits = new LinkedHashMap<>();
  private final Map<Tree, Long> observed = new LinkedHashMap<>();
  private final Map<FinallyKey, @Nullable Long> finallyMemo = new HashMap<>();

  private FactFlow(
      VisitorState state,
      Spec spec,
      CatchEntry catchEntry,
      Set<? extends Tree> observe,
      Helpers helpers) {
    this.state = state;
    this.spec = spec;
    this.catchEntry = catchEntry;
    this.observe = observe;
    this.helpers = helpers;
  }

  /**
   * Walks a code unit's body, or one statement of it (a catch block): a {@code break}, {@code
   * continue} or {@code yield} to a statement around the walked one is then a way out.
   *
   * @param body a method body, a lambda body (block or expression), or a statement
   * @param initial the facts set on entry
   * @param catchEntry which states a catch block is entered with (see {@link CatchEntry})
   * @param observe trees (calls, constructor calls, assignments) whose incoming facts to record
   */
  public static Result walk(
      Tree body,
      Spec spec,
      VisitorState state,
      long initial,
      CatchEntry catchEntry,
      Set<? extends Tree> observe) {
    return walk(body, spec, state, initial, catchEntry, observe, new Helpers());
  }

  /**
   * {@link #walk(Tree, Spec, VisitorState, long, CatchEntry, Set)} with catches entered {@link
   * CatchEntry#BY_TYPE}, or also {@link CatchEntry#TRY_ENTRY} when {@code catchesSeeTryEntry}.
   */
  public static Result walk(
      Tree body,
      Spec spec,
      VisitorState state,
      long initial,
      boolean catchesSeeTryEntry,
      Set<? extends Tree> observe) {
    return walk(
        body,
        spec,
        state,
        initial,
        catchesSeeTryEntry ? CatchEntry.TRY_ENTRY : CatchEntry.BY_TYPE,
        observe);
  }

  private static Result walk(
      Tree body,
      Spec spec,
      VisitorState state,
      long initial,
      CatchEntry catchEntry,
      Set<? extends Tree> observe,
      Helpers helpers) {
    FactFlow flow = new FactFlow(state, spec, catchEntry, observe, helpers);
    State start = new State(initial, null);
    if (body instanceof StatementTree statement) {
      State out = flow.walk(statement, start);
      if (out != null) {
        flow.record(ExitKind.FALLS_OFF, body, out);
      }
    } else if (body instanceof ExpressionTree expression) {
      State out = flow.scan(expression, start);
      if (out != null) {
        flow.record(ExitKind.RETURNS, body, out);
      }
    }
    return new Result(
        ImmutableList.copyOf(flow.exits.values()), ImmutableMap.copyOf(flow.observed));
  }

  // ---------------------------------------------------------------- statements

  private @Nullable State walk(@Nullable StatementTree tree, @Nullable State in) {
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
        targetDepth.put(loop, frames.size());
        State afterInit = walkAll(loop.getInitializer(), in);
        yield walkLoop(
            loop, loop.getCondition(), loop.getStatement(), loop.getUpdate(), afterInit, false);
      }
      case EnhancedForLoopTree loop ->
          walkLoop(
              loop, null, loop.getStatement(), List.of(), scan(loop.getExpression(), in), false);
      case LabeledStatementTree labeled -> {
        targetDepth.put(labeled, frames.size());
        yield join(walk(labeled.getStatement(), in), breakStates.remove(labeled));
      }
      case SynchronizedTree sync -> walk(sync.getBlock(), scan(sync.getExpression(), in));
      case SwitchTree switchTree ->
          walkSwitch(switchTree, switchTree.getExpression(), switchTree.getCases(), in);
      case TryTree tryTree -> walkTry(tryTree, in);
      default -> in; // assert, empty statements, local classes: no effect here
    };
  }

  private @Nullable State walkAll(List<? extends StatementTree> statements, @Nullable State in) {
    State current = in;
    for (StatementTree statement : statements) {
      current = walk(statement, current);
    }
    return current;
  }

  private @Nullable State walkIf(IfTree ifTree, State in) {
    Branches branches = branch(ifTree.getCondition(), in);
    return join(
        walk(ifTree.getThenStatement(), branches.whenTrue()),
        walk(ifTree.getElseStatement(), branches.whenFalse()));
  }

  private @Nullable State walkThrow(ThrowTree throwTree, State in) {
    State current = scan(throwTree.getExpression(), in);
    if (current == null) {
      return null;
    }
    current =
        current.minus(spec.killedByThrow(throwTree)).plus(spec.addedByThrow(throwTree), throwTree);
    Type thrown = getType(throwTree.getExpression());
    raise(thrown, current, throwTree, ExitKind.THROWS);
    return null;
  }

  private @Nullable State walkLoop(
      StatementTree loop,
      @Nullable ExpressionTree condition,
      StatementTree body,
      List<? extends StatementTree> update,
      @Nullable State in,
      boolean bodyFirst) {
    if (in == null) {
      return null;
    }
    targetDepth.put(loop, frames.size());
    long loopKill = spec.killedByLoop(loop);
    boolean conditionMayFail =
        loop instanceof EnhancedForLoopTree
            || (condition != null && !Boolean.TRUE.equals(constValue(stripParentheses(condition))));
    State entry = in;
    State conditionOut = null;
    for (int round = 0; round < MAX_LOOP_ROUNDS; round++) {
      State bodyIn = entry;
      conditionOut = null;
      if (!bodyFirst) {
        Branches tested = branch(condition, entry);
        bodyIn = tested.whenTrue();
        conditionOut = tested.whenFalse();
      }
      State bodyOut = walk(body, bodyIn);
      State roundEnd = walkAll(update, join(bodyOut, continueStates.remove(loop)));
      if (bodyFirst) {
        Branches tested = branch(condition, roundEnd);
        roundEnd = tested.whenTrue();
        conditionOut = tested.whenFalse();
      }
      State back = roundEnd == null ? null : roundEnd.minus(loopKill);
      State next = join(in, back);
      if (next != null && next.facts() == entry.facts()) {
        break;
      }
      entry = next;
    }
    State exits = breakStates.remove(loop);
    if (conditionMayFail && conditionOut != null) {
      exits = join(exits, conditionOut.minus(loopKill));
    }
    return exits;
  }

  /** A switch statement or expression: its cases, with fall-through, breaks and yields. */
  private @Nullable State walkSwitch(
      Tree switchTree, ExpressionTree selector, List<? extends CaseTree> cases, State in) {
    targetDepth.put(switchTree, frames.size());
    State selected = scan(selector, in);
    if (selected == null) {
      return null;
    }
    State fallThrough = null;
    State out = null;
    boolean hasDefault = false;
    for (CaseTree caseTree : cases) {
      hasDefault |=
          caseTree.getExpressions().isEmpty()
              || caseTree.getLabels().stream().anyMatch(l -> l instanceof DefaultCaseLabelTree);
      if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = caseTree.getBody();
        State caseOut =
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

  private @Nullable State walkTry(TryTree tryTree, State in) {
    Frame frame = new Frame(tryTree);
    frames.add(frame);
    State current = in;
    for (Tree resource : tryTree.getResources()) {
      current =
          switch (resource) {
            case VariableTree variable -> scan(variable.getInitializer(), current);
            case ExpressionTree expression -> scan(expression, current);
            default -> current;
          };
    }
    long closed = spec.killedByLeaving(tryTree);
    State blockOut = walk(tryTree.getBlock(), current);
    State out = blockOut == null ? null : blockOut.minus(closed);
    frame.region = Region.CATCH;
    for (CatchTree catchTree : tryTree.getCatches()) {
      State entry = frame.catchEntries.get(catchTree);
      switch (catchEntry) {
        case TRY_ENTRY -> entry = join(entry, in.minus(closed));
        case REACHABLE -> entry = join(entry, new State(0, null));
        case BY_TYPE -> {}
      }
      out = join(out, walk(catchTree.getBlock(), entry));
    }
    frames.removeLast();
    BlockTree finallyBlock = tryTree.getFinallyBlock();
    if (finallyBlock != null && out != null) {
      out = walk(finallyBlock, out);
    }
    return out;
  }

  /**
   * A break, continue or yield: through the finally blocks it leaves to its target, or out of the
   * walked statement when the target is around it.
   */
  private @Nullable State jump(
      Tree jump,
      @Nullable Tree target,
      @Nullable State in,
      Map<Tree, State> targetStates,
      ExitKind kindIfOut) {
    if (target == null || in == null) {
      return null; // no target: code that does not compile
    }
    Integer depth = targetDepth.get(target);
    State current = in;
    for (int i = frames.size() - 1; i >= (depth == null ? 0 : depth) && current != null; i--) {
      current = crossFrame(i, current);
    }
    if (current != null) {
      if (depth == null) {
        record(kindIfOut, jump, current);
      } else {
        targetStates.merge(target, current, FactFlow::join);
      }
    }
    return null;
  }

  /** Return, or the end of a lambda's expression body: out through every enclosing finally. */
  private @Nullable State leave(ExitKind kind, Tree exit, @Nullable State in) {
    State current = in;
    for (int i = frames.size() - 1; i >= 0 && current != null; i--) {
      current = crossFrame(i, current);
    }
    if (current != null) {
      record(kind, exit, current);
    }
    return null;
  }

  /** Leaves frame {@code i} outward: its resources are closed, its finally runs. */
  private @Nullable State crossFrame(int i, State in) {
    Frame frame = frames.get(i);
    State current = in;
    if (frame.region == Region.BLOCK) {
      current = current.minus(spec.killedByLeaving(frame.tree));
    }
    if (frame.region != Region.FINALLY && frame.tree.getFinallyBlock() != null) {
      current = walkFinally(i, current);
    }
    return current;
  }

  /** Walks frame {@code i}'s finally block on its own, as entered by an abrupt completion. */
  private @Nullable State walkFinally(int i, State in) {
    Frame frame = frames.get(i);
    BlockTree finallyBlock = frame.tree.getFinallyBlock();
    FinallyKey key = new FinallyKey(finallyBlock, in.facts());
    if (finallyMemo.containsKey(key)) {
      Long facts = finallyMemo.get(key);
      return facts == null ? null : new State(facts, facts == 0 ? null : in.origin());
    }
    List<Frame> saved = frames;
    frames = new ArrayList<>(saved.subList(0, i));
    State out;
    try {
      out = walk(finallyBlock, in);
    } finally {
      frames = saved;
    }
    finallyMemo.put(key, out == null ? null : out.facts());
    return out;
  }

  /** Sends an exception from the current point to the catch that takes it, or out. */
  private void raise(@Nullable Type type, State in, Tree raisedAt, ExitKind kindIfOut) {
    State current = in;
    for (int i = frames.size() - 1; i >= 0; i--) {
      Frame frame = frames.get(i);
      if (frame.region == Region.BLOCK) {
        current = current.minus(spec.killedByLeaving(frame.tree));
        if (type == null || routeToCatches(frame, type, current)) {
          return;
        }
      }
      if (frame.region != Region.FINALLY && frame.tree.getFinallyBlock() != null) {
        current = walkFinally(i, current);
        if (current == null) {
          return;
        }
      }
    }
    record(kindIfOut, raisedAt, current);
  }

  /** True if a catch of the frame certainly takes the type; catches that may take it see it too. */
  private boolean routeToCatches(Frame frame, Type type, State in) {
    for (CatchTree catchTree : frame.tree.getCatches()) {
      boolean certain = false;
      boolean possible = false;
      for (Type caught : Catches.caughtTypes(catchTree)) {
        certain |= isSubtype(type, caught, state);
        possible |= isSubtype(caught, type, state);
      }
      if (certain || possible) {
        frame.catchEntries.merge(catchTree, in, FactFlow::join);
      }
      if (certain) {
        return true;
      }
    }
    return false;
  }

  private void record(ExitKind kind, Tree exit, State out) {
    if (out.facts() == 0) {
      return;
    }
    exits.merge(
        exit,
        new Exit(kind, exit, out.facts(), out.origin()),
        (a, b) ->
            new Exit(a.kind(), a.tree(), a.facts() | b.facts(), earlier(a.origin(), b.origin())));
  }

  // ---------------------------------------------------------------- expressions

  /**
   * Follows an expression in evaluation order (operands and arguments before the call): {@code &&},
   * {@code ||}, {@code ?:} and switch expressions branch and join. Lambda, method reference and
   * class bodies are not entered: that code runs later, elsewhere.
   */
  private @Nullable State scan(@Nullable ExpressionTree expression, @Nullable State in) {
    if (expression == null || in == null) {
      return in;
    }
    return switch (expression) {
      case IdentifierTree identifier -> in;
      case LiteralTree literal -> in;
      case LambdaExpressionTree lambda -> in;
      case MemberReferenceTree reference -> in;
      case ParenthesizedTree parens -> scan(parens.getExpression(), in);
      case MemberSelectTree select -> scan(select.getExpression(), in);
      case BinaryTree binary
          when binary.getKind() == Tree.Kind.CONDITIONAL_AND
              || binary.getKind() == Tree.Kind.CONDITIONAL_OR -> {
        Branches branches = branch(binary, in);
        yield join(branches.whenTrue(), branches.whenFalse());
      }
      case ConditionalExpressionTree conditional -> {
        Branches branches = branch(conditional.getCondition(), in);
        yield join(
            scan(conditional.getTrueExpression(), branches.whenTrue()),
            scan(conditional.getFalseExpression(), branches.whenFalse()));
      }
      case SwitchExpressionTree switchExpression ->
          walkSwitch(
              switchExpression, switchExpression.getExpression(), switchExpression.getCases(), in);
      case MethodInvocationTree call -> {
        State current = scan(call.getMethodSelect(), in);
        for (ExpressionTree argument : call.getArguments()) {
          current = scan(argument, current);
        }
        yield step(call, current);
      }
      case NewClassTree newClass -> {
        State current = scan(newClass.getEnclosingExpression(), in);
        for (ExpressionTree argument : newClass.getArguments()) {
          current = scan(argument, current);
        }
        yield step(newClass, current); // not the anonymous class body
      }
      case AssignmentTree assignment ->
          step(assignment, scan(assignment.getExpression(), scan(assignment.getVariable(), in)));
      default -> scanOperands(expression, in);
    };
  }

  /** Any other expression: its operands in order. */
  private @Nullable State scanOperands(ExpressionTree expression, State in) {
    State[] current = {in};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == expression || !(tree instanceof ExpressionTree operand)) {
          return super.scan(tree, null);
        }
        current[0] = FactFlow.this.scan(operand, current[0]);
        return null;
      }

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        return null;
      }
    }.scan(expression, null);
    return current[0];
  }

  /**
   * The states where a condition is true and where it is false: through parentheses, {@code !},
   * {@code &&} and {@code ||} (whose right operand runs on one branch of the left only); each
   * condition and sub-condition then adds and removes the facts its spec says for each branch.
   */
  private Branches branch(@Nullable ExpressionTree condition, @Nullable State in) {
    if (condition == null || in == null) {
      return new Branches(in, in); // none: `for (;;)`, or the end of a for-each loop's elements
    }
    Branches branches =
        switch (condition) {
          case ParenthesizedTree parens -> branch(parens.getExpression(), in);
          case UnaryTree not when not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT -> {
            Branches operand = branch(not.getExpression(), in);
            yield new Branches(operand.whenFalse(), operand.whenTrue());
          }
          case BinaryTree and when and.getKind() == Tree.Kind.CONDITIONAL_AND -> {
            Branches left = branch(and.getLeftOperand(), in);
            Branches right = branch(and.getRightOperand(), left.whenTrue());
            yield new Branches(right.whenTrue(), join(left.whenFalse(), right.whenFalse()));
          }
          case BinaryTree or when or.getKind() == Tree.Kind.CONDITIONAL_OR -> {
            Branches left = branch(or.getLeftOperand(), in);
            Branches right = branch(or.getRightOperand(), left.whenFalse());
            yield new Branches(join(left.whenTrue(), right.whenTrue()), right.whenFalse());
          }
          default -> {
            State after = scan(condition, in);
            yield new Branches(after, after);
          }
        };
    State whenTrue = branches.whenTrue();
    if (whenTrue != null) {
      whenTrue =
          whenTrue
              .plus(spec.addedOnTrueBranch(condition), condition)
              .minus(spec.killedOnBranch(condition, true));
    }
    State whenFalse = branches.whenFalse();
    if (whenFalse != null) {
      whenFalse = whenFalse.minus(spec.killedOnBranch(condition, false));
    }
    return new Branches(whenTrue, whenFalse);
  }

  private @Nullable State step(ExpressionTree tree, @Nullable State in) {
    if (in == null) {
      return null;
    }
    if (observe.contains(tree)) {
      observed.merge(tree, in.facts(), (a, b) -> a | b);
    }
    if (tree instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && ThreadCalls.PROCESS_EXIT.matches(call, state)) {
      return null; // the process ends here: no way out of the code unit follows
    }
    long overwritten = in.facts() & spec.acquiredBy(tree);
    if (overwritten != 0) {
      record(ExitKind.REACQUIRES, tree, new State(overwritten, in.origin()));
    }
    // A call that fails still counts as having done what it kills (a close that throws closed,
    // a wait that failed is over); what it raises may add facts of its own.
    State attempted = in.minus(spec.killedBy(tree) | killedByHelper(tree, in.facts()));
    List<Raise> extra = spec.raises(tree);
    for (Raise raise : extra) {
      raise(raise.type(), attempted.plus(raise.added(), tree), tree, ExitKind.PROPAGATES);
    }
    if (attempted.facts() != 0) {
      for (Type thrown : declaredThrows(tree)) {
        if (extra.stream().noneMatch(r -> state.getTypes().isSameType(r.type(), thrown))
            && spec.carriesFacts(tree, thrown)) {
          raise(thrown, attempted, tree, ExitKind.PROPAGATES);
        }
      }
    }
    return attempted.plus(spec.addedBy(tree), tree);
  }

  /**
   * The facts a call to a helper of this file removes on every way out of its body, walked with the
   * spec's {@link Spec#helperSpec}: followed to any depth, but not into a helper already being
   * walked (recursion), and not beyond the question's budget of helper walks.
   */
  private long killedByHelper(ExpressionTree tree, long facts) {
    if (facts == 0
        || !(tree instanceof MethodInvocationTree call)
        || !Expressions.isResolved(call)
        || !(getSymbol(call) instanceof MethodSymbol method)
        || helpers.budget <= 0
        || helpers.inProgress.contains(method)) {
      return 0;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    if (!SameFile.isDeclaredIn(method, unit)) {
      return 0;
    }
    MethodTree helper = SameFile.findMethod(unit, method);
    if (helper == null || helper.getBody() == null) {
      return 0;
    }
    Spec helperSpec = spec.helperSpec(call, helper);
    if (helperSpec == null) {
      return 0;
    }
    helpers.budget--;
    helpers.inProgress.add(method);
    try {
      Result result =
          walk(helper.getBody(), helperSpec, state, facts, catchEntry, Set.of(), helpers);
      long left = 0;
      for (Exit exit : result.exits()) {
        left |= exit.facts();
      }
      return facts & ~left;
    } finally {
      helpers.inProgress.remove(method);
    }
  }

  private static List<Type> declaredThrows(ExpressionTree tree) {
    if (!Expressions.isResolved(tree)) {
      return List.of(); // code that does not compile: nothing is known of the call
    }
    Symbol symbol = getSymbol(tree);
    if (tree instanceof AssignmentTree || symbol == null || symbol.type == null) {
      return List.of();
    }
    Type methodType =
        tree instanceof MethodInvocationTree call ? getType(call.getMethodSelect()) : symbol.type;
    return methodType == null ? List.of() : methodType.getThrownTypes();
  }

  // ---------------------------------------------------------------- helpers

  private static @Nullable State join(@Nullable State a, @Nullable State b) {
    if (a == null) {
      return b;
    }
    if (b == null || a.equals(b)) {
      return a;
    }
    long facts = a.facts() | b.facts();
    Tree origin =
        a.facts() == 0 ? b.origin() : b.facts() == 0 ? a.origin() : earlier(a.origin(), b.origin());
    return new State(facts, origin);
  }

  private static @Nullable Tree earlier(@Nullable Tree a, @Nullable Tree b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return getStartPosition(b) < getStartPosition(a) ? b : a;
  }
}
