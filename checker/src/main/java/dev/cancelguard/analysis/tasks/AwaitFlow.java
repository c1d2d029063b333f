package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.isSubtype;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
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
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
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
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCBreak;
import com.sun.tools.javac.tree.JCTree.JCContinue;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.HelperChain;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * A structured walk over a method or lambda body answering: after a cancel ({@code shutdown},
 * {@code interrupt}, {@code cancel}) — or a timed wait whose result was dropped — is there a path
 * on which the code uses what the cancelled work still uses before anything waits for that work to
 * finish?
 *
 * <p>The state on a path is one of: the work is known to be idle (nothing submitted yet, or all of
 * it waited for), it may be running, or it was cancelled and may still be running ("pending"). The
 * walk follows if/else, switch (with fall-through), loops to a fixpoint, labeled break/continue,
 * try/catch/finally (a return or break runs the finally blocks it leaves; try-with-resources closes
 * its resources in reverse order), and return. Exceptions are followed from calls that declare
 * checked exceptions and from throw statements; a wait for termination that is itself interrupted
 * counts as a wait, whichever work it waited for (the waiting thread was asked to stop; restoring
 * the flag and going on is the accepted idiom). Lambda and class bodies are not entered: their code
 * runs later. Calls to methods of the same file are followed two levels deep, so a helper that
 * waits, or one that closes what the tasks use, counts.
 */
public final class AwaitFlow {
  /** How the code uses the work's resources while the work may still run. */
  public enum UseKind {
    /** Closes, clears or stops something the work uses. */
    RELEASES,
    /** Reads something the work writes (its results). */
    READS,
    /** Leaves a method whose return means "it has stopped" (close, stop, a shutdown hook). */
    RETURNS
  }

  /** One use: what, where (the statement or call), and the variable involved (null for RETURNS). */
  public record Use(UseKind kind, Tree tree, @Nullable Symbol symbol) {}

  /**
   * The question for one cancel.
   *
   * @param target what was cancelled
   * @param site the cancel (or the dropped timed wait) that makes the work pending
   * @param startsIdle true when nothing runs on the target at the start of the body (a local
   *     executor created there)
   * @param exitIsUse true when leaving the body counts as a use
   * @param uses what the target's work uses
   */
  public record Question(
      CancelTarget target, Tree site, boolean startsIdle, boolean exitIsUse, TaskUses uses) {}

  private enum State {
    UNREACHABLE,
    IDLE,
    BUSY,
    PENDING;

    State join(State other) {
      return compareTo(other) >= 0 ? this : other;
    }

    State waited() {
      return this == UNREACHABLE ? this : IDLE;
    }
  }

  private sealed interface Frame permits FinallyFrame, ResourceFrame {}

  /** A finally block that a return, break or continue runs on its way out. */
  private record FinallyFrame(BlockTree block) implements Frame {}

  /** A resource of a try-with-resources, closed on every way out of the try block. */
  private record ResourceFrame(Tree tree, @Nullable VarSymbol resource, boolean isTarget)
      implements Frame {}

  private final VisitorState state;
  private final CancelGuardOptions options;
  private final CancelTarget target;
  private final @Nullable Tree site;
  private final boolean exitIsUse;
  private final TaskUses uses;
  private final Map<Symbol, Symbol> substitution;
  private final HelperChain chain;

  /** Helper declarations already looked up in this walk (null: not in this file). */
  private final Map<MethodSymbol, java.util.Optional<MethodTree>> helpers;

  private final List<Use> found = new ArrayList<>();
  private final Set<Tree> foundTrees = new HashSet<>();
  private final Map<Tree, State> breakStates = new HashMap<>();
  private final Map<Tree, State> continueStates = new HashMap<>();
  private final Map<Tree, Integer> framesAtTarget = new HashMap<>();
  private final Set<Tree> walkedStatements = new HashSet<>();
  private final Deque<Frame> frames = new ArrayDeque<>();

  /** Final flags that are true wherever the site runs: {@code if (f) { pool.shutdown(); }}. */
  private final Set<Symbol> siteGuards = new HashSet<>();

  private final Deque<State[]> exceptionCollectors = new ArrayDeque<>();
  private State exitState = State.UNREACHABLE;

  private AwaitFlow(
      VisitorState state,
      CancelGuardOptions options,
      CancelTarget target,
      @Nullable Tree site,
      boolean exitIsUse,
      TaskUses uses,
      Map<Symbol, Symbol> substitution,
      HelperChain chain,
      Map<MethodSymbol, java.util.Optional<MethodTree>> helpers) {
    this.state = state;
    this.options = options;
    this.target = target;
    this.site = site;
    this.exitIsUse = exitIsUse;
    this.uses = uses;
    this.substitution = substitution;
    this.chain = chain;
    this.helpers = helpers;
  }

  /**
   * The uses, in source order, that some path from the question's site reaches before a wait.
   *
   * @param body a method body, or a lambda body (block or expression)
   */
  public static ImmutableList<Use> usesBeforeWait(
      Tree body, Question question, VisitorState state, CancelGuardOptions options) {
    AwaitFlow flow =
        new AwaitFlow(
            state,
            options,
            question.target(),
            question.site(),
            question.exitIsUse(),
            question.uses(),
            Map.of(),
            HelperChain.start(),
            new HashMap<>());
    flow.walkBody(body, question.startsIdle() ? State.IDLE : State.BUSY);
    return flow.found.stream()
        .sorted(Comparator.comparingInt((Use u) -> position(u, state)).thenComparing(Use::kind))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Where a use happens: its statement or call; for leaving by the end of the body, the closing
   * brace.
   */
  public static int position(Use use, VisitorState state) {
    if (use.kind() == UseKind.RETURNS && !(use.tree() instanceof ReturnTree)) {
      return Math.max(getStartPosition(use.tree()), state.getEndPosition(use.tree()) - 1);
    }
    return getStartPosition(use.tree());
  }

  private void walkBody(Tree body, State initial) {
    State out =
        body instanceof StatementTree statement
            ? walk(statement, initial)
            : events((ExpressionTree) body, initial);
    leave(body, out);
  }

  private void leave(Tree exit, State s) {
    exitState = exitState.join(s);
    if (s == State.PENDING && exitIsUse) {
      record(UseKind.RETURNS, exit, null);
    }
  }

  private void record(UseKind kind, Tree tree, @Nullable Symbol symbol) {
    if (foundTrees.add(tree)) {
      found.add(new Use(kind, tree, symbol));
    }
  }

  private @Nullable Symbol resolve(@Nullable Symbol symbol) {
    return symbol == null ? null : substitution.getOrDefault(symbol, symbol);
  }

  // ------------------------------------------------------------------ statements

  private State walk(@Nullable StatementTree tree, State in) {
    if (tree == null || in == State.UNREACHABLE) {
      return in;
    }
    walkedStatements.add(tree);
    framesAtTarget.put(tree, frames.size());
    return switch (tree) {
      case BlockTree block -> walkAll(block.getStatements(), in);
      case ExpressionStatementTree statement -> events(statement.getExpression(), in);
      case VariableTree variable -> events(variable.getInitializer(), in);
      case IfTree ifTree -> {
        State afterCondition = events(ifTree.getCondition(), in);
        VarSymbol guard = finalFlag(ifTree.getCondition());
        if (guard != null && site != null && contains(ifTree.getThenStatement(), site)) {
          siteGuards.add(guard);
        }
        State thenOut = walk(ifTree.getThenStatement(), afterCondition);
        // `if (timeout > 0) { pool.awaitTermination(timeout, ..); }`: the other branch is the
        // configured choice not to wait.
        State elseIn =
            skipsOnlyANonPositiveTimeout(ifTree) ? afterCondition.waited() : afterCondition;
        // `if (f) pool.shutdown(); ..; if (f) { wait }` on a final `f`: a path that cancelled
        // took `f` true, so it cannot take the second test's false branch.
        if (afterCondition == State.PENDING && guard != null && siteGuards.contains(guard)) {
          elseIn = State.UNREACHABLE;
        }
        State elseOut =
            ifTree.getElseStatement() == null ? elseIn : walk(ifTree.getElseStatement(), elseIn);
        yield thenOut.join(elseOut);
      }
      case ReturnTree returnTree -> {
        State s = crossFrames(events(returnTree.getExpression(), in), 0);
        leave(returnTree, s);
        yield State.UNREACHABLE;
      }
      case ThrowTree throwTree -> {
        collectException(events(throwTree.getExpression(), in));
        yield State.UNREACHABLE;
      }
      case BreakTree breakTree -> jump(((JCBreak) breakTree).target, in, breakStates);
      case ContinueTree continueTree ->
          jump(((JCContinue) continueTree).target, in, continueStates);
      case WhileLoopTree loop ->
          walkLoop(loop, loop.getCondition(), loop.getStatement(), List.of(), in);
      case DoWhileLoopTree loop -> walkDoWhile(loop, in);
      case ForLoopTree loop ->
          walkLoop(
              loop,
              loop.getCondition(),
              loop.getStatement(),
              loop.getUpdate(),
              walkAll(loop.getInitializer(), in));
      case EnhancedForLoopTree loop -> walkForEach(loop, in);
      case LabeledStatementTree labeled ->
          walk(labeled.getStatement(), in).join(take(breakStates, labeled));
      case SynchronizedTree sync -> walk(sync.getBlock(), events(sync.getExpression(), in));
      case SwitchTree switchTree -> walkSwitch(switchTree, in);
      case TryTree tryTree -> walkTry(tryTree, in);
      default -> in; // empty statements, assert, local classes
    };
  }

  /** The variable of a condition that is a bare final (or effectively final) variable. */
  private static @Nullable VarSymbol finalFlag(ExpressionTree condition) {
    VarSymbol variable = Expressions.variableOf(condition);
    if (variable == null
        || (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0
        || variable.type == null
        || variable.type.getKind() != TypeKind.BOOLEAN) {
      return null;
    }
    return variable;
  }

  private boolean contains(Tree outer, Tree inner) {
    int start = getStartPosition(outer);
    int end = state.getEndPosition(outer);
    int at = getStartPosition(inner);
    return start >= 0 && end >= 0 && at >= start && at < end;
  }

  /**
   * True for {@code if (t > 0)} (or {@code t >= 1}, {@code t != 0}, {@code 0 < t}) whose then
   * branch waits for the target with {@code t} as the timeout: the condition only tests whether a
   * wait was configured at all.
   */
  private boolean skipsOnlyANonPositiveTimeout(IfTree ifTree) {
    if (!(Expressions.strip(ifTree.getCondition()) instanceof BinaryTree test)) {
      return false;
    }
    Symbol timeout = timeoutTested(test);
    if (timeout == null) {
      return false;
    }
    boolean[] waits = new boolean[1];
    new NestedCodeSkipper() {

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        waits[0] |=
            !call.getArguments().isEmpty()
                && timeout.equals(Expressions.variableOf(call.getArguments().getFirst()))
                && Terminations.isWaitFor(call, target, uses, false, options, state);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(ifTree.getThenStatement(), null);
    return waits[0];
  }

  /** The variable {@code v} of {@code v > 0}, {@code v >= 1}, {@code v != 0} or their mirrors. */
  private static @Nullable Symbol timeoutTested(BinaryTree test) {
    ExpressionTree left = Expressions.strip(test.getLeftOperand());
    ExpressionTree right = Expressions.strip(test.getRightOperand());
    Tree.Kind kind = test.getKind();
    ExpressionTree variable;
    Object bound;
    if (Expressions.variableOf(left) != null && constValue(right) instanceof Number number) {
      variable = left;
      bound = number;
    } else if (Expressions.variableOf(right) != null && constValue(left) instanceof Number number) {
      variable = right;
      bound = number;
      kind =
          switch (kind) {
            case LESS_THAN -> Tree.Kind.GREATER_THAN;
            case LESS_THAN_EQUAL -> Tree.Kind.GREATER_THAN_EQUAL;
            default -> kind;
          };
    } else {
      return null;
    }
    long value = ((Number) bound).longValue();
    boolean positive =
        switch (kind) {
          case GREATER_THAN, NOT_EQUAL_TO -> value == 0;
          case GREATER_THAN_EQUAL -> value == 1;
          default -> false;
        };
    return positive ? Expressions.variableOf(variable) : null;
  }

  private State walkAll(List<? extends StatementTree> statements, State in) {
    State current = in;
    for (StatementTree statement : statements) {
      current = walk(statement, current);
    }
    return current;
  }

  private State jump(@Nullable Tree jumpTarget, State in, Map<Tree, State> into) {
    if (jumpTarget == null || !walkedStatements.contains(jumpTarget)) {
      return State.UNREACHABLE;
    }
    State s = crossFrames(in, framesAtTarget.getOrDefault(jumpTarget, 0));
    into.merge(jumpTarget, s, State::join);
    return State.UNREACHABLE;
  }

  private static State take(Map<Tree, State> states, Tree jumpTarget) {
    State s = states.remove(jumpTarget);
    return s == null ? State.UNREACHABLE : s;
  }

  /** Runs the finally blocks and resource closes between here and {@code keep} frames. */
  private State crossFrames(State in, int keep) {
    List<Frame> popped = new ArrayList<>();
    State current = in;
    while (frames.size() > keep && current != State.UNREACHABLE) {
      Frame frame = frames.pop();
      popped.add(frame);
      current = cross(frame, current);
    }
    for (int i = popped.size() - 1; i >= 0; i--) {
      frames.push(popped.get(i));
    }
    return current;
  }

  private State cross(Frame frame, State in) {
    return switch (frame) {
      case FinallyFrame finallyFrame -> walk(finallyFrame.block(), in);
      case ResourceFrame resource -> {
        if (resource.isTarget()) {
          yield in.waited(); // close() waits for the executor's tasks
        }
        if (in == State.PENDING && uses.uses(resolve(resource.resource()))) {
          record(UseKind.RELEASES, resource.tree(), resolve(resource.resource()));
        }
        yield in;
      }
    };
  }

  private State walkLoop(
      StatementTree loop,
      @Nullable ExpressionTree condition,
      StatementTree body,
      List<? extends StatementTree> update,
      State in) {
    boolean endless = condition == null || isConstantTrue(condition);
    boolean exitWaits = Terminations.exitMeansTerminated(condition, target, state);
    State entry = in;
    State exit = State.UNREACHABLE;
    while (true) {
      State afterCondition = condition == null ? entry : events(condition, entry);
      exit = endless ? State.UNREACHABLE : exitWaits ? afterCondition.waited() : afterCondition;
      State bodyOut = walk(body, afterCondition).join(take(continueStates, loop));
      State next = in.join(walkAll(update, bodyOut));
      if (next == entry) {
        break;
      }
      entry = next;
    }
    return exit.join(take(breakStates, loop));
  }

  private State walkDoWhile(DoWhileLoopTree loop, State in) {
    boolean endless = isConstantTrue(loop.getCondition());
    boolean exitWaits = Terminations.exitMeansTerminated(loop.getCondition(), target, state);
    State entry = in;
    State exit;
    while (true) {
      State bodyOut = walk(loop.getStatement(), entry).join(take(continueStates, loop));
      State afterCondition = events(loop.getCondition(), bodyOut);
      exit = endless ? State.UNREACHABLE : exitWaits ? afterCondition.waited() : afterCondition;
      State next = in.join(afterCondition);
      if (next == entry) {
        break;
      }
      entry = next;
    }
    return exit.join(take(breakStates, loop));
  }

  /**
   * A for-each loop runs its body once per element. When the body waits on every path (joins each
   * thread, awaits each executor, gets each future), the loop as a whole is a wait: with no
   * elements there was nothing to wait for.
   */
  private State walkForEach(EnhancedForLoopTree loop, State in) {
    State head = events(loop.getExpression(), in);
    State entry = head;
    State bodyOut;
    while (true) {
      bodyOut = walk(loop.getStatement(), entry).join(take(continueStates, loop));
      State next = head.join(bodyOut);
      if (next == entry) {
        break;
      }
      entry = next;
    }
    State exit = entry.compareTo(State.IDLE) > 0 && bodyOut == State.IDLE ? State.IDLE : entry;
    return exit.join(take(breakStates, loop));
  }

  private State walkSwitch(SwitchTree switchTree, State in) {
    State selected = events(switchTree.getExpression(), in);
    State fallThrough = State.UNREACHABLE;
    State out = State.UNREACHABLE;
    boolean hasDefault = false;
    for (CaseTree caseTree : switchTree.getCases()) {
      hasDefault |=
          caseTree.getExpressions().isEmpty()
              || caseTree.getLabels().stream().anyMatch(l -> l instanceof DefaultCaseLabelTree);
      if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
        State caseOut =
            switch (caseTree.getBody()) {
              case StatementTree statement -> walk(statement, selected);
              case ExpressionTree expression -> events(expression, selected);
              case null, default -> selected;
            };
        out = out.join(caseOut);
      } else {
        fallThrough = walkAll(caseTree.getStatements(), selected.join(fallThrough));
      }
    }
    out = out.join(fallThrough).join(take(breakStates, switchTree));
    return hasDefault ? out : out.join(selected);
  }

  private State walkTry(TryTree tryTree, State in) {
    State current = in;
    int outerFrames = frames.size();
    if (tryTree.getFinallyBlock() != null) {
      frames.push(new FinallyFrame(tryTree.getFinallyBlock()));
    }
    int finallyFrames = frames.size();
    for (Tree resource : tryTree.getResources()) {
      if (resource instanceof VariableTree variable) {
        current = events(variable.getInitializer(), current);
        VarSymbol symbol = getSymbol(variable) instanceof VarSymbol v ? v : null;
        frames.push(
            new ResourceFrame(
                variable, symbol, symbol != null && target.isNameOrCollection(symbol)));
      } else if (resource instanceof ExpressionTree expression) {
        current = events(expression, current);
        frames.push(
            new ResourceFrame(
                expression, Expressions.variableOf(expression), target.isNamedBy(expression)));
      }
    }
    State[] exceptional = {State.UNREACHABLE};
    exceptionCollectors.push(exceptional);
    State blockOut;
    try {
      blockOut = walk(tryTree.getBlock(), current);
    } finally {
      exceptionCollectors.pop();
    }
    // Resources are closed, last first, before any catch or finally runs.
    blockOut = crossFrames(blockOut, finallyFrames);
    State caught = crossFrames(exceptional[0], finallyFrames);
    while (frames.size() > finallyFrames) {
      frames.pop();
    }
    State out = blockOut;
    for (CatchTree catchTree : tryTree.getCatches()) {
      out = out.join(walk(catchTree.getBlock(), caught));
    }
    if (tryTree.getFinallyBlock() != null) {
      frames.pop();
      if (tryTree.getCatches().isEmpty() && caught != State.UNREACHABLE) {
        // An exception passing through runs the finally too; its uses count, its end does not.
        walk(tryTree.getFinallyBlock(), caught);
      }
      out = walk(tryTree.getFinallyBlock(), out);
    }
    while (frames.size() > outerFrames) {
      frames.pop(); // never expected; keeps the walk balanced on odd code
    }
    return out;
  }

  private void collectException(State s) {
    if (s == State.UNREACHABLE) {
      return;
    }
    for (State[] collector : exceptionCollectors) {
      collector[0] = collector[0].join(s);
    }
  }

  private static boolean isConstantTrue(@Nullable ExpressionTree condition) {
    return condition != null && Boolean.TRUE.equals(constValue(Expressions.strip(condition)));
  }

  // ------------------------------------------------------------------ expressions

  private State events(@Nullable ExpressionTree expression, State in) {
    if (expression == null || in == State.UNREACHABLE) {
      return in;
    }
    EventScanner scanner = new EventScanner(in);
    scanner.scan(expression, null);
    return scanner.current;
  }

  /** Applies the effect of each call and variable read, in evaluation order. */
  private final class EventScanner extends NestedCodeSkipper {
    private State current;

    /** Above zero inside code that runs only on some paths (&&, ||, ?:, switch expressions). */
    private int conditional;

    EventScanner(State in) {
      this.current = in;
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
      return scan(tree.getQualifierExpression(), null);
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void unused) {
      scan(tree.getEnclosingExpression(), null);
      scan(tree.getArguments(), null);
      afterCall(getSymbol(tree));
      return null; // an anonymous class body runs later
    }

    @Override
    public Void visitConditionalExpression(ConditionalExpressionTree tree, Void unused) {
      scan(tree.getCondition(), null);
      conditional++;
      scan(tree.getTrueExpression(), null);
      scan(tree.getFalseExpression(), null);
      conditional--;
      return null;
    }

    @Override
    public Void visitBinary(BinaryTree tree, Void unused) {
      if (tree.getKind() != Tree.Kind.CONDITIONAL_AND
          && tree.getKind() != Tree.Kind.CONDITIONAL_OR) {
        return super.visitBinary(tree, null);
      }
      scan(tree.getLeftOperand(), null);
      conditional++;
      scan(tree.getRightOperand(), null);
      conditional--;
      return null;
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
      scan(tree.getExpression(), null);
      conditional++;
      scan(tree.getCases(), null);
      conditional--;
      return null;
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      read(tree);
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      super.visitMemberSelect(tree, null);
      read(tree);
      return null;
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
      VarSymbol assigned = Expressions.variableOf(tree.getVariable());
      if (assigned == null) {
        return super.visitAssignment(tree, null);
      }
      scan(tree.getExpression(), null);
      Symbol resolved = resolve(assigned);
      if (current == State.PENDING
          && Expressions.strip(tree.getExpression()) instanceof LiteralTree literal
          && literal.getKind() == Tree.Kind.NULL_LITERAL
          && uses.uses(resolved)) {
        record(UseKind.RELEASES, tree, resolved);
      }
      return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      scan(call.getMethodSelect(), null);
      scan(call.getArguments(), null);
      effect(call);
      return null;
    }

    private void read(ExpressionTree tree) {
      Symbol variable = resolve(Expressions.variableOf(tree));
      if (current == State.PENDING && uses.writes(variable)) {
        record(UseKind.READS, tree, variable);
      }
    }

    private void effect(MethodInvocationTree call) {
      if (!Expressions.isResolved(call)) {
        return; // code that does not compile: nothing is known about the call
      }
      Symbol method = getSymbol(call);
      if (call == site) {
        if (current.compareTo(State.BUSY) >= 0) {
          current = State.PENDING;
        }
      } else if (Terminations.isWaitFor(
          call, target, uses, target.kind() == CancelTarget.Kind.EXECUTOR, options, state)) {
        if (conditional == 0) {
          current = current.waited();
        }
      } else if (Terminations.isStartOf(call, target, state)) {
        if (current == State.IDLE) {
          current = State.BUSY;
        }
      } else {
        Symbol released = resolve(TaskUses.releasedBy(call, state));
        if (released != null && current == State.PENDING && uses.uses(released)) {
          record(UseKind.RELEASES, call, released);
        }
        if (method instanceof MethodSymbol helper) {
          followHelper(call, helper);
        }
      }
      if (Terminations.isTerminationWait(call, options, state)) {
        // Interrupted while waiting for termination (of this work or other work): the thread
        // was asked to stop itself; leaving now is the accepted idiom, so the path counts as
        // waited.
        collectException(current.waited());
      } else {
        afterCall(method);
      }
    }

    /** An exception a call declares may reach a catch in this body, in the state after the call. */
    private void afterCall(@Nullable Symbol method) {
      if (method instanceof MethodSymbol m && declaresCheckedException(m)) {
        collectException(current);
      }
    }

    private void followHelper(MethodInvocationTree call, MethodSymbol helper) {
      if (!SameFile.isDeclaredIn(helper, state.getPath().getCompilationUnit())
          || !isOwnCall(call, helper)) {
        return;
      }
      MethodTree declared =
          helpers
              .computeIfAbsent(
                  helper,
                  h ->
                      java.util.Optional.ofNullable(
                          SameFile.findMethod(state.getPath().getCompilationUnit(), h)))
              .orElse(null);
      HelperChain inner =
          declared == null || declared.getBody() == null ? null : chain.enter(helper);
      if (inner == null) {
        return;
      }
      CancelTarget helperTarget = target;
      Map<Symbol, Symbol> helperSubstitution = new HashMap<>(substitution);
      List<? extends VariableTree> parameters = declared.getParameters();
      for (int i = 0; i < parameters.size() && i < call.getArguments().size(); i++) {
        Symbol parameter = getSymbol(parameters.get(i));
        ExpressionTree argument = call.getArguments().get(i);
        if (parameter == null) {
          continue;
        }
        if (target.isNamedBy(argument)) {
          helperTarget = helperTarget.withAlias(parameter);
        } else {
          Symbol variable = resolve(Expressions.variableOf(argument));
          if (variable != null) {
            helperSubstitution.put(parameter, variable);
          }
        }
      }
      AwaitFlow helperFlow =
          new AwaitFlow(
              state, options, helperTarget, null, false, uses, helperSubstitution, inner, helpers);
      helperFlow.walkBody(declared.getBody(), current);
      for (Use use : helperFlow.found) {
        record(use.kind(), call, use.symbol());
      }
      if (helperFlow.exitState != State.UNREACHABLE) {
        current = conditional > 0 ? current.join(helperFlow.exitState) : helperFlow.exitState;
      }
    }

    /** A call on this object or a static call: the helper's fields are ours. */
    private boolean isOwnCall(MethodInvocationTree call, MethodSymbol helper) {
      ExpressionTree receiver = getReceiver(call);
      return helper.isStatic()
          || receiver == null
          || Expressions.strip(receiver) instanceof IdentifierTree id
              && id.getName().contentEquals("this");
    }
  }

  private boolean declaresCheckedException(MethodSymbol method) {
    Type runtime = state.getSymtab().runtimeExceptionType;
    Type error = state.getSymtab().errorType;
    for (Type thrown : method.getThrownTypes()) {
      if (!isSubtype(thrown, runtime, state) && !isSubtype(thrown, error, state)) {
        return true;
      }
    }
    return false;
  }
}
