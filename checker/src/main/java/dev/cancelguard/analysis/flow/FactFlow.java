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
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DefaultCaseLabelTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCBreak;
import com.sun.tools.javac.tree.JCTree.JCContinue;
import dev.cancelguard.analysis.interrupts.Interrupts;
import java.util.ArrayList;
import java.util.HashMap;
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
  }

  /** An exception of {@code type} raised with {@code added} facts on top of the path's. */
  public record Raise(Type type, long added) {}

  /** How a path leaves the code unit. */
  public enum ExitKind {
    RETURNS,
    /** An explicit throw statement whose exception leaves the code unit. */
    THROWS,
    /** An exception raised by a call leaves the code unit. */
    PROPAGATES,
    /**
     * The end of the body, or a break or continue to a statement outside it (when the walked code
     * is a block inside a method).
     */
    FALLS_OFF,
    /** A call that overwrites a fact still set (see {@link Spec#acquiredBy}). */
    REACQUIRES
  }

  /**
   * A way out reached with {@code facts} set; {@code origin} is the earliest tree that added one of
   * them (a raising call, a throw, a condition), or null when they were set from the start.
   */
  public record Exit(ExitKind kind, Tree tree, long facts, @Nullable Tree origin) {}

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

  private static final int MAX_LOOP_ROUNDS = 70;

  private final VisitorState state;
  private final Spec spec;
  private final boolean catchesSeeTryEntry;
  private final Set<? extends Tree> observe;

  private List<Frame> frames = new ArrayList<>();
  private final Map<Tree, Integer> targetDepth = new HashMap<>();
  private final Map<Tree, State> breakStates = new HashMap<>();
  private final Map<Tree, State> continueStates = new HashMap<>();
  private final Map<Tree, Exit> exits = new LinkedHashMap<>();
  private final Map<Tree, Long> observed = new LinkedHashMap<>();
  private final Map<FinallyKey, @Nullable Long> finallyMemo = new HashMap<>();

  private FactFlow(
      VisitorState state, Spec spec, boolean catchesSeeTryEntry, Set<? extends Tree> observe) {
    this.state = state;
    this.spec = spec;
    this.catchesSeeTryEntry = catchesSeeTryEntry;
    this.observe = observe;
  }

  /**
   * Walks a code unit's body.
   *
   * @param body a method body, a lambda body (block or expression), or a block inside one walked on
   *     its own
   * @param initial the facts set on entry
   * @param catchesSeeTryEntry whether a catch is also entered with the facts holding at the start
   *     of its try block (for "may" questions, where any unchecked exception could enter it)
   * @param observe trees (calls, constructor calls, assignments) whose incoming facts to record
   */
  public static Result walk(
      Tree body,
      Spec spec,
      VisitorState state,
      long initial,
      boolean catchesSeeTryEntry,
      Set<? extends Tree> observe) {
    FactFlow flow = new FactFlow(state, spec, catchesSeeTryEntry, observe);
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
      case BreakTree breakTree -> jump(breakTree, ((JCBreak) breakTree).target, in, breakStates);
      case ContinueTree continueTree ->
          jump(continueTree, ((JCContinue) continueTree).target, in, continueStates);
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
      case SwitchTree switchTree -> walkSwitch(switchTree, in);
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
    State afterCondition = scan(ifTree.getCondition(), in);
    if (afterCondition == null) {
      return null;
    }
    long added = spec.addedOnTrueBranch(ifTree.getCondition());
    State thenIn =
        afterCondition
            .plus(added, ifTree.getCondition())
            .minus(spec.killedOnBranch(ifTree.getCondition(), true));
    State elseIn = afterCondition.minus(spec.killedOnBranch(ifTree.getCondition(), false));
    return join(walk(ifTree.getThenStatement(), thenIn), walk(ifTree.getElseStatement(), elseIn));
  }

  private @Nullable State walkThrow(ThrowTree throwTree, State in) {
    State current = scan(throwTree.getExpression(), in);
    if (current == null) {
      return null;
    }
    current = current.plus(spec.addedByThrow(throwTree), throwTree);
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
    State back = null;
    for (int round = 0; round < MAX_LOOP_ROUNDS; round++) {
      State bodyIn = bodyFirst ? entry : scan(condition, entry);
      conditionOut = bodyFirst ? null : bodyIn;
      State bodyOut = walk(body, bodyIn);
      State roundEnd = walkAll(update, join(bodyOut, continueStates.remove(loop)));
      if (bodyFirst) {
        roundEnd = scan(condition, roundEnd);
        conditionOut = roundEnd;
      }
      back = roundEnd == null ? null : roundEnd.minus(loopKill);
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

  private @Nullable State walkSwitch(SwitchTree switchTree, State in) {
    targetDepth.put(switchTree, frames.size());
    State selected = scan(switchTree.getExpression(), in);
    if (selected == null) {
      return null;
    }
    State fallThrough = null;
    State out = null;
    boolean hasDefault = false;
    for (CaseTree caseTree : switchTree.getCases()) {
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
    return hasDefault ? out : join(out, selected);
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
      if (catchesSeeTryEntry) {
        entry = join(entry, in.minus(closed));
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

  private @Nullable State jump(
      Tree jumpTree, @Nullable Tree target, State in, Map<Tree, State> targetStates) {
    Integer depth = target == null ? null : targetDepth.get(target);
    if (depth == null) {
      // A target outside the walked code (a block walked on its own): the jump leaves it normally.
      return leave(ExitKind.FALLS_OFF, jumpTree, in);
    }
    State current = in;
    for (int i = frames.size() - 1; i >= depth && current != null; i--) {
      current = crossFrame(i, current);
    }
    if (current != null) {
      targetStates.merge(target, current, FactFlow::join);
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
      for (Type caught : Interrupts.caughtTypes(catchTree)) {
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

  /** Follows the calls of an expression in evaluation order (inner calls first). */
  private @Nullable State scan(@Nullable ExpressionTree expression, @Nullable State in) {
    if (expression == null || in == null) {
      return in;
    }
    State[] current = {in};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        super.visitMethodInvocation(call, null);
        step(call, current);
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        scan(newClass.getEnclosingExpression(), null);
        scan(newClass.getArguments(), null);
        step(newClass, current);
        return null;
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        super.visitAssignment(assignment, null);
        step(assignment, current);
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return null;
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        return null;
      }
    }.scan(expression, null);
    return current[0];
  }

  private void step(ExpressionTree tree, State[] current) {
    State in = current[0];
    if (in == null) {
      return;
    }
    if (observe.contains(tree)) {
      observed.merge(tree, in.facts(), (a, b) -> a | b);
    }
    long overwritten = in.facts() & spec.acquiredBy(tree);
    if (overwritten != 0) {
      record(ExitKind.REACQUIRES, tree, new State(overwritten, in.origin()));
    }
    // A call that fails still counts as having done what it kills (a close that throws closed,
    // a wait that failed is over); what it raises may add facts of its own.
    State attempted = in.minus(spec.killedBy(tree));
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
    current[0] = attempted.plus(spec.addedBy(tree), tree);
  }

  private static List<Type> declaredThrows(ExpressionTree tree) {
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
