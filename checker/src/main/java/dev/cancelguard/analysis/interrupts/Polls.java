package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.ReadOnlyCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.WriteScanner;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Loops whose body does nothing but poll and pause: the shape of a busy-wait and of a hand-made
 * timeout.
 *
 * <p>A <em>poll</em> only reads: variables the loop does not write, the clock, and side-effect free
 * queries ({@code isDone()}, {@code get()} of an atomic, {@code isEmpty()}, {@code getCount()}, …).
 * A <em>pause</em> is {@code Thread.onSpinWait()}, {@code Thread.yield()}, a sleep, or {@code
 * LockSupport.park*}. The body of a polling loop is made of pauses (possibly in a try), local
 * variables holding polls, {@code continue}, and {@code if (poll)} whose branches leave the loop
 * (with any content) or are polling statements themselves. A loop that does anything else does work
 * and is not a polling loop.
 *
 * <p>Bookkeeping does not count as work: a <em>counter</em> (a local the loop only increments,
 * decrements or sets to a constant: {@code spins++}, {@code spins = 0}) and logging ({@code
 * log.debug(..)}, {@code System.out.println(..)}). A loop that spins on shared state while it only
 * counts and logs still waits for another thread. A counter that ends the loop (read by the loop's
 * condition, or by an {@code if} with a branch that leaves it) bounds the spin: that loop is not a
 * polling loop; one that only picks between pauses ({@code if (++spins < 100) onSpinWait(); else
 * spins = 0;}) bounds nothing.
 */
public final class Polls {
  /** How a polling loop pauses between polls. */
  public enum PauseKind {
    /** {@code Thread.onSpinWait()}, {@code Thread.yield()}: the thread keeps its core. */
    SPIN,
    /** {@code Thread.sleep}, {@code TimeUnit.sleep}: throws InterruptedException. */
    SLEEP,
    /**
     * {@code LockSupport.park*}: returns at once, without a word, while the thread is interrupted.
     */
    PARK
  }

  /** One pause statement of a polling loop. */
  public record Pause(PauseKind kind, TreePath path) {}

  /**
   * A loop that only polls and pauses.
   *
   * @param readsClock it reads the clock ({@code System.nanoTime()}, {@code Instant.now()}, …)
   * @param readsShared it reads something another thread can change: a non-final field, or a query
   *     on an object (a future, an atomic, a collection, this)
   * @param isDoneCall the first {@code Future.isDone()} it polls, if any
   * @param pauses its pause statements, in source order
   */
  public record PollingLoop(
      boolean readsClock,
      boolean readsShared,
      @Nullable MethodInvocationTree isDoneCall,
      ImmutableList<Pause> pauses) {}

  private enum Source {
    CLOCK,
    SHARED
  }

  private final TreePath loopPath;
  private final VisitorState state;
  private @Nullable Set<Symbol> written;
  private final Map<Symbol, Set<Source>> loopLocals = new HashMap<>();
  private final Set<Source> sources = EnumSet.noneOf(Source.class);
  private final List<Pause> pauses = new ArrayList<>();
  private @Nullable MethodInvocationTree isDoneCall;

  /** A query on an object of unknown kind: it might move a cursor, like a parser's get(). */
  private boolean unknownQuery;

  private @Nullable Set<Symbol> counters;

  /** The body counts or logs. */
  private boolean bookkeeping;

  /** An exit condition (the loop's, or an if's with a branch leaving the loop) is being read. */
  private boolean readingExitCondition;

  /** A counter is read by an exit condition: the spin is bounded. */
  private boolean counterEndsLoop;

  Polls(TreePath loopPath, VisitorState state) {
    this.loopPath = loopPath;
    this.state = state;
  }

  /** Computed on first use: most loops fail the body test before any variable is read. */
  private Set<Symbol> written() {
    if (written == null) {
      written = Loops.writtenVariables(loopPath);
    }
    return written;
  }

  /** The loop at {@code loopPath} as a polling loop, or null if it does anything but poll. */
  public static @Nullable PollingLoop pollingLoop(TreePath loopPath, VisitorState state) {
    Tree loop = loopPath.getLeaf();
    if (!Loops.isLoop(loop) || loop instanceof EnhancedForLoopTree) {
      return null; // a for-each walks a collection: it does work
    }
    Polls polls = new Polls(loopPath, state);
    // The body first: a loop that does work usually shows it in its first statement.
    if (!polls.pollingStatement(Loops.body(loop))) {
      return null;
    }
    ExpressionTree condition = Loops.condition(loop);
    if (condition != null && !polls.exitCondition(condition)) {
      return null;
    }
    // A counter that ends the loop: a bounded spin (spin-then-give-up), not a wait.
    if (polls.counterEndsLoop) {
      return null;
    }
    // A loop that waits pauses, or has an empty body (or one that only counts and logs) and polls
    // known shared state. Anything else (a parser skipping bytes: `if (b.get() == ';') break;`)
    // is a scan, not a wait.
    boolean idle =
        isEmpty(Loops.body(loop)) || (polls.bookkeeping && polls.sources.contains(Source.SHARED));
    if (polls.pauses.isEmpty() && (!idle || polls.unknownQuery)) {
      return null;
    }
    return new PollingLoop(
        polls.sources.contains(Source.CLOCK),
        polls.sources.contains(Source.SHARED),
        polls.isDoneCall,
        ImmutableList.copyOf(polls.pauses));
  }

  /** The non-blocking poll a working loop spins on while idle, or null: see {@link IdleSpins}. */
  public static @Nullable MethodInvocationTree idleSpinPoll(TreePath loopPath, VisitorState state) {
    return IdleSpins.poll(loopPath, state);
  }

  /**
   * The first {@code isDone()} of a loop that sweeps over futures without waiting, or null: see
   * {@link FutureSweeps}.
   */
  public static @Nullable MethodInvocationTree futureSweepPoll(
      TreePath loopPath, VisitorState state) {
    return FutureSweeps.isDonePolled(loopPath, state);
  }

  /**
   * True for {@code Thread.onSpinWait()}, {@code yield()}, sleeps and {@code LockSupport.park*}.
   */
  public static @Nullable PauseKind pauseKind(ExpressionTree tree, VisitorState state) {
    if (ThreadCalls.SPIN.matches(tree, state)) {
      return PauseKind.SPIN;
    }
    if (ThreadCalls.SLEEP.matches(tree, state)) {
      return PauseKind.SLEEP;
    }
    if (ThreadCalls.PARK.matches(tree, state)) {
      return PauseKind.PARK;
    }
    return null;
  }

  private static boolean isEmpty(StatementTree body) {
    return switch (body) {
      case EmptyStatementTree empty -> true;
      case BlockTree block -> block.getStatements().stream().allMatch(Polls::isEmpty);
      default -> false;
    };
  }

  private boolean pollingStatement(@Nullable StatementTree statement) {
    return switch (statement) {
      case null -> true;
      case EmptyStatementTree empty -> true;
      case ContinueTree continueTree -> true;
      case BlockTree block -> block.getStatements().stream().allMatch(this::pollingStatement);
      case ExpressionStatementTree expression ->
          pause(expression.getExpression()) || bookkeeping(expression.getExpression());
      case TryTree tryTree ->
          // Catch blocks only run when something threw; what they do is judged elsewhere.
          tryTree.getResources().isEmpty()
              && pollingStatement(tryTree.getBlock())
              && pollingStatement(tryTree.getFinallyBlock());
      case IfTree ifTree ->
          (leaves(ifTree.getThenStatement()) || leaves(ifTree.getElseStatement())
                  ? exitCondition(ifTree.getCondition())
                  : pure(ifTree.getCondition(), sources))
              && branch(ifTree.getThenStatement())
              && branch(ifTree.getElseStatement());
      case VariableTree variable -> declare(variable);
      default -> false;
    };
  }

  private boolean leaves(@Nullable StatementTree statement) {
    return statement != null && Loops.leavesLoop(statement, loopPath);
  }

  /** A condition that can end the loop: reads as {@link #pure}, noting counters it reads. */
  private boolean exitCondition(ExpressionTree condition) {
    readingExitCondition = true;
    try {
      return pure(condition, sources);
    } finally {
      readingExitCondition = false;
    }
  }

  /** A counter update or a logging call, as a statement. */
  boolean bookkeeping(ExpressionTree expression) {
    boolean counts = counterUpdate(expression);
    boolean logs =
        !counts
            && expression instanceof MethodInvocationTree call
            && isLogging(call)
            && call.getArguments().stream().allMatch(a -> pure(a, EnumSet.noneOf(Source.class)));
    bookkeeping |= counts || logs;
    return counts || logs;
  }

  /** {@code spins++}, {@code --spins}, {@code spins += 1}, {@code spins = 0} on a counter. */
  private boolean counterUpdate(ExpressionTree tree) {
    ExpressionTree expression = stripParentheses(tree);
    ExpressionTree variable =
        switch (expression) {
          case UnaryTree unary
              when unary.getKind() == Tree.Kind.PREFIX_INCREMENT
                  || unary.getKind() == Tree.Kind.POSTFIX_INCREMENT
                  || unary.getKind() == Tree.Kind.PREFIX_DECREMENT
                  || unary.getKind() == Tree.Kind.POSTFIX_DECREMENT ->
              unary.getExpression();
          case CompoundAssignmentTree compound when constValue(compound.getExpression()) != null ->
              compound.getVariable();
          case AssignmentTree assignment when constValue(assignment.getExpression()) != null ->
              assignment.getVariable();
          default -> null;
        };
    return variable != null && counters().contains(getSymbol(stripParentheses(variable)));
  }

  /**
   * Locals declared outside the loop that the loop only increments, decrements or sets to a
   * constant; computed on first use.
   */
  private Set<Symbol> counters() {
    if (counters == null) {
      Set<Symbol> candidates = new HashSet<>();
      Set<Symbol> other = new HashSet<>();
      new WriteScanner() {
        @Override
        protected void written(ExpressionTree variable, ExpressionTree write) {
          ExpressionTree value =
              switch (write) {
                case AssignmentTree assignment -> assignment.getExpression();
                case CompoundAssignmentTree compound -> compound.getExpression();
                default -> null; // ++, --
              };
          note(variable, value == null || constValue(value) != null ? candidates : other);
        }

        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
          Symbol declared = getSymbol(tree);
          if (declared != null) {
            other.add(declared); // declared in the loop: starts afresh every round
          }
          return super.visitVariable(tree, null);
        }

        private void note(ExpressionTree variable, Set<Symbol> into) {
          Symbol symbol = getSymbol(stripParentheses(variable));
          if (symbol != null) {
            into.add(symbol);
          }
        }
      }.scan(loopPath, null);
      candidates.removeAll(other);
      candidates.removeIf(c -> c.getKind() != ElementKind.LOCAL_VARIABLE || !c.type.isPrimitive());
      counters = candidates;
    }
    return counters;
  }

  /**
   * A call on a logger ({@code log.debug(..)}: a receiver whose type is named {@code *Logger} or
   * {@code *Log}) or on {@code System.out}/{@code System.err}.
   */
  public static boolean isLogging(MethodInvocationTree call) {
    ExpressionTree receiver = getReceiver(call);
    Type type = receiver == null ? null : getType(receiver);
    if (type == null) {
      return false;
    }
    String name = type.tsym.getSimpleName().toString();
    if (name.endsWith("Logger") || name.endsWith("Log")) {
      return true;
    }
    Symbol stream = getSymbol(receiver);
    return stream != null
        && stream.owner != null
        && stream.owner.getQualifiedName().contentEquals("java.lang.System")
        && (stream.getSimpleName().contentEquals("out")
            || stream.getSimpleName().contentEquals("err"));
  }

  private boolean branch(@Nullable StatementTree statement) {
    return statement == null
        || Loops.leavesLoop(statement, loopPath)
        || pollingStatement(statement);
  }

  private boolean declare(VariableTree variable) {
    ExpressionTree initializer = variable.getInitializer();
    if (initializer == null) {
      return true;
    }
    Set<Source> held = EnumSet.noneOf(Source.class);
    if (!pure(initializer, held)) {
      return false;
    }
    Symbol symbol = getSymbol(variable);
    if (symbol != null) {
      loopLocals.put(symbol, held);
    }
    return true;
  }

  private boolean pause(ExpressionTree expression) {
    PauseKind kind = pauseKind(expression, state);
    if (kind == null) {
      return false;
    }
    TreePath path = TreePath.getPath(loopPath, expression);
    if (path != null) {
      pauses.add(new Pause(kind, path));
    }
    return true;
  }

  /** True if the expression only reads; what it reads goes into {@code into}. */
  private boolean pure(ExpressionTree tree, Set<Source> into) {
    ExpressionTree expression = stripParentheses(tree);
    return switch (expression) {
      case LiteralTree literal -> true;
      case IdentifierTree identifier -> variable(getSymbol(identifier), into);
      case MemberSelectTree select -> select(select, into);
      case UnaryTree unary ->
          switch (unary.getKind()) {
            case LOGICAL_COMPLEMENT, UNARY_MINUS, UNARY_PLUS, BITWISE_COMPLEMENT ->
                pure(unary.getExpression(), into);
            // ++ and -- write: only a counter's count is bookkeeping
            default -> counterUpdate(unary) && variable(getSymbol(unary.getExpression()), into);
          };
      case BinaryTree binary ->
          pure(binary.getLeftOperand(), into) && pure(binary.getRightOperand(), into);
      case ConditionalExpressionTree conditional ->
          pure(conditional.getCondition(), into)
              && pure(conditional.getTrueExpression(), into)
              && pure(conditional.getFalseExpression(), into);
      case InstanceOfTree instanceOf -> pure(instanceOf.getExpression(), into);
      case TypeCastTree cast -> pure(cast.getExpression(), into);
      case MethodInvocationTree call -> call(call, into);
      default -> false;
    };
  }

  private boolean select(MemberSelectTree select, Set<Source> into) {
    Symbol symbol = getSymbol(select);
    if (!(symbol instanceof VarSymbol)) {
      return false;
    }
    Symbol receiver = getSymbol(select.getExpression());
    boolean receiverIsTypeOrThis =
        receiver instanceof ClassSymbol
            || (receiver instanceof VarSymbol && receiver.getSimpleName().contentEquals("this"));
    return (receiverIsTypeOrThis || pure(select.getExpression(), into)) && variable(symbol, into);
  }

  private boolean variable(@Nullable Symbol symbol, Set<Source> into) {
    if (symbol instanceof ClassSymbol) {
      return true; // a type name before a static member
    }
    if (symbol instanceof VarSymbol && counters().contains(symbol)) {
      counterEndsLoop |= readingExitCondition;
      return true; // bookkeeping: it says nothing about what the loop waits for
    }
    if (!(symbol instanceof VarSymbol) || written().contains(symbol)) {
      return false;
    }
    Set<Source> held = loopLocals.get(symbol);
    if (held != null) {
      into.addAll(held); // a local of the loop body holds what its initializer read
      return true;
    }
    boolean isField =
        symbol.getKind() == ElementKind.FIELD || symbol.getKind() == ElementKind.ENUM_CONSTANT;
    if (isField && !symbol.getModifiers().contains(Modifier.FINAL)) {
      into.add(Source.SHARED);
    }
    return true; // locals, parameters and final fields do not change while the loop runs
  }

  private boolean call(MethodInvocationTree call, Set<Source> into) {
    if (ReadOnlyCalls.CLOCK.matches(call, state)) {
      into.add(Source.CLOCK);
      return call.getArguments().stream().allMatch(a -> pure(a, into));
    }
    if (!(getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    if (!call.getArguments().stream().allMatch(a -> pure(a, into))) {
      return false;
    }
    if (method.isStatic()) {
      return ReadOnlyCalls.isValueHelper(method);
    }
    boolean flagCheck =
        CancellationPoints.isInterruptCheck(call, state)
            || CancellationPoints.isCancelledCheck(call, state);
    if (!flagCheck && !ReadOnlyCalls.QUERY_NAME.matcher(method.getSimpleName()).matches()) {
      return false;
    }
    ExpressionTree receiver = getReceiver(call);
    if (receiver != null
        && (!pure(receiver, into) || ReadOnlyCalls.isCursor(getType(receiver), state))) {
      return false;
    }
    if (isDoneCall == null && FutureCalls.IS_DONE.matches(call, state)) {
      isDoneCall = call;
    }
    Type receiverType = receiver == null ? null : getType(receiver);
    if (receiver == null || !ReadOnlyCalls.isImmutableValue(receiverType)) {
      into.add(Source.SHARED);
      unknownQuery |= !flagCheck && !ReadOnlyCalls.isSharedState(receiverType, state);
    }
    return true;
  }
}
