package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
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
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.HelperChain;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodePathSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
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

  private static final Matcher<ExpressionTree> CLOCK =
      anyOf(
          staticMethod().onClass("java.lang.System").namedAnyOf("currentTimeMillis", "nanoTime"),
          staticMethod()
              .onClassAny(
                  "java.time.Instant",
                  "java.time.LocalDateTime",
                  "java.time.LocalTime",
                  "java.time.OffsetDateTime",
                  "java.time.ZonedDateTime")
              .named("now"),
          instanceMethod().onDescendantOf("java.time.Clock").namedAnyOf("millis", "instant"));

  /**
   * Calls that return at once whether or not there is anything: {@code queue.poll()}, {@code
   * lock.tryLock()}, {@code semaphore.tryAcquire()}, {@code future.isDone()}, {@code
   * reader.ready()}.
   */
  private static final Matcher<ExpressionTree> NON_BLOCKING_POLL =
      anyOf(
          instanceMethod().onDescendantOf("java.util.Queue").named("poll").withNoParameters(),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.locks.Lock")
              .named("tryLock")
              .withNoParameters(),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.Semaphore")
              .named("tryAcquire")
              .withNoParameters(),
          instanceMethod().onDescendantOf("java.util.concurrent.Future").named("isDone"),
          instanceMethod().onDescendantOf("java.io.Reader").named("ready"));

  /** What a sweep over futures may call without waiting. */
  private static final Matcher<ExpressionTree> SWEEP_CALL =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.util.concurrent.Future")
              .namedAnyOf("isDone", "isCancelled", "cancel", "state", "resultNow", "exceptionNow"),
          instanceMethod().onDescendantOf("java.util.Iterator"),
          instanceMethod().onDescendantOf("java.lang.Iterable").named("iterator"),
          instanceMethod().onDescendantOf("java.util.Collection"),
          instanceMethod().onDescendantOf("java.util.Map"));

  private static final Matcher<ExpressionTree> FUTURE_GET =
      instanceMethod().onDescendantOf("java.util.concurrent.Future").named("get");

  private static final Matcher<ExpressionTree> FUTURE_IS_DONE =
      instanceMethod().onDescendantOf("java.util.concurrent.Future").named("isDone");

  /** Instance queries assumed to only read. */
  private static final Pattern QUERY_NAME =
      Pattern.compile(
          "(is|has)[A-Z].*|get|get(?!And)[A-Z].*|size|length|peek|contains|containsKey"
              + "|availablePermits|equals|compareTo|intValue|longValue|booleanValue|state");

  /** Static helpers that compute a value from their arguments. */
  private static final Set<String> VALUE_CLASSES =
      Set.of(
          "java.lang.Math",
          "java.lang.Long",
          "java.lang.Integer",
          "java.lang.Boolean",
          "java.util.Objects",
          "java.time.Duration",
          "java.time.Instant");

  /** Objects whose queries move a cursor: {@code buffer.get()}, {@code iterator.hasNext()}. */
  private static final ImmutableList<String> CURSOR_TYPES =
      ImmutableList.of(
          "java.nio.Buffer",
          "java.io.InputStream",
          "java.io.Reader",
          "java.io.DataInput",
          "java.util.Iterator",
          "java.util.Enumeration",
          "java.util.Scanner",
          "java.util.Spliterator");

  /** Objects other threads change, whose queries a waiting loop polls. */
  private static final ImmutableList<String> SHARED_STATE_TYPES =
      ImmutableList.of(
          "java.util.concurrent.Future",
          "java.util.concurrent.CountDownLatch",
          "java.util.concurrent.Semaphore",
          "java.util.concurrent.Phaser",
          "java.util.concurrent.CyclicBarrier",
          "java.util.concurrent.ExecutorService",
          "java.util.concurrent.locks.ReentrantLock",
          "java.util.concurrent.locks.ReentrantReadWriteLock",
          "java.lang.Thread",
          "java.lang.Process",
          "java.lang.ref.Reference",
          "java.util.Collection",
          "java.util.Map");

  private static final String ATOMIC_PACKAGE = "java.util.concurrent.atomic";

  private static final String IMMUTABLE_VALUE_PACKAGE = "java.time";

  private static final Set<String> IMMUTABLE_VALUE_TYPES =
      Set.of(
          "java.lang.String",
          "java.lang.Long",
          "java.lang.Integer",
          "java.lang.Boolean",
          "java.util.concurrent.TimeUnit");

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

  private Polls(TreePath loopPath, VisitorState state) {
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
  public static @Nullable MethodInvocationTree idleSpinPoll(TreePath loopPath, VisitorState state) {
    Tree loop = loopPath.getLeaf();
    if (!Loops.isLoop(loop) || loop instanceof EnhancedForLoopTree) {
      return null;
    }
    Polls polls = new Polls(loopPath, state);
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
          && polls.bookkeeping(expression.getExpression())) {
        continue;
      }
      return null; // runs on the idle rounds too, and may wait
    }
    return found;
  }

  /**
   * The first {@code isDone()} of a loop that sweeps over futures again and again — a {@code while}
   * or {@code do} loop with a loop inside it — and does nothing that waits: its calls are {@code
   * isDone()} and other queries of futures, {@code cancel}, collection and iterator calls, the
   * clock, counting and logging, {@code Thread.onSpinWait()}, and {@code get()} only where an
   * {@code isDone()} of the same future was just seen true. Such a loop burns a core until the
   * slowest future finishes. Null if the loop does not have that shape.
   */
  public static @Nullable MethodInvocationTree futureSweepPoll(
      TreePath loopPath, VisitorState state) {
    Tree loop = loopPath.getLeaf();
    if (!(loop instanceof WhileLoopTree || loop instanceof DoWhileLoopTree)) {
      return null;
    }
    Polls polls = new Polls(loopPath, state);
    MethodInvocationTree[] isDone = {null};
    boolean[] waitsOrUnknown = {false};
    boolean[] innerLoop = {false};
    new NestedCodePathSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (waitsOrUnknown[0]) {
          return null;
        }
        if (FUTURE_IS_DONE.matches(call, state)) {
          isDone[0] = isDone[0] == null ? call : isDone[0];
        } else if (FUTURE_GET.matches(call, state)) {
          waitsOrUnknown[0] |= !knownDone(getCurrentPath(), loopPath);
        } else if (Interrupts.throwsInterruptedException(call, state)
            || !SWEEP_CALL.matches(call, state)
                && !CLOCK.matches(call, state)
                && !polls.isLogging(call)
                && pauseKind(call, state) != PauseKind.SPIN) {
          waitsOrUnknown[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(com.sun.source.tree.NewClassTree newClass, Void unused) {
        waitsOrUnknown[0] = true; // a constructor may do anything
        return null;
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree inner, Void unused) {
        innerLoop[0] = true;
        return super.visitEnhancedForLoop(inner, null);
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree inner, Void unused) {
        innerLoop[0] |= inner != loop;
        return super.visitWhileLoop(inner, null);
      }

      @Override
      public Void visitForLoop(com.sun.source.tree.ForLoopTree inner, Void unused) {
        innerLoop[0] = true;
        return super.visitForLoop(inner, null);
      }
    }.scan(loopPath, null);
    return innerLoop[0] && !waitsOrUnknown[0] ? isDone[0] : null;
  }

  /**
   * {@code f.get()} inside {@code if (f.isDone()) { .. }}, or after {@code if (!f.isDone()) {
   * continue; }} in the same block: the future is done, get() does not wait.
   */
  private static boolean knownDone(TreePath getPath, TreePath loopPath) {
    MethodInvocationTree get = (MethodInvocationTree) getPath.getLeaf();
    Symbol future = getSymbol(getReceiver(get) == null ? get : getReceiver(get));
    if (getReceiver(get) == null || future == null) {
      return false;
    }
    Tree child = get;
    for (TreePath p = getPath.getParentPath();
        p != null && p.getLeaf() != loopPath.getLeaf();
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof IfTree ifTree
          && child == ifTree.getThenStatement()
          && testsDone(ifTree.getCondition(), future, true)) {
        return true;
      }
      if (p.getLeaf() instanceof BlockTree block && child instanceof StatementTree statement) {
        for (StatementTree before : block.getStatements()) {
          if (before == statement) {
            break;
          }
          if (before instanceof IfTree guard
              && guard.getElseStatement() == null
              && endsInContinue(guard.getThenStatement())
              && testsDone(guard.getCondition(), future, false)) {
            return true;
          }
        }
      }
      child = p.getLeaf();
    }
    return false;
  }

  /** {@code f.isDone()} (when {@code value} is true) or {@code !f.isDone()} (when false). */
  private static boolean testsDone(ExpressionTree condition, Symbol future, boolean value) {
    ExpressionTree expression = stripParentheses(condition);
    if (expression instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return testsDone(not.getExpression(), future, !value);
    }
    return value
        && expression instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("isDone")
        && future.equals(getSymbol(stripParentheses(select.getExpression())));
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
    if (NON_BLOCKING_POLL.matches(call, state)) {
      return call;
    }
    if (!(getSymbol(call) instanceof MethodSymbol method)
        || !SameFile.isDeclaredIn(method, state.getPath().getCompilationUnit())) {
      return null;
    }
    HelperChain inner = chain.enter(method);
    MethodTree helper =
        inner == null ? null : SameFile.findMethod(state.getPath().getCompilationUnit(), method);
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
          bookkeeping(expression.getExpression())
              || isStatistic(expression.getExpression())
              || pauseKind(expression.getExpression(), state) == PauseKind.SPIN;
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

  private static boolean endsInContinue(StatementTree statement) {
    if (statement instanceof BlockTree block) {
      return !block.getStatements().isEmpty() && endsInContinue(block.getStatements().getLast());
    }
    return statement instanceof ContinueTree continueTree && continueTree.getLabel() == null;
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
  private boolean bookkeeping(ExpressionTree expression) {
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
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitUnary(UnaryTree tree, Void unused) {
          switch (tree.getKind()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
                note(tree.getExpression(), candidates);
            default -> {}
          }
          return super.visitUnary(tree, null);
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
          note(tree.getVariable(), constValue(tree.getExpression()) != null ? candidates : other);
          return super.visitCompoundAssignment(tree, null);
        }

        @Override
        public Void visitAssignment(AssignmentTree tree, Void unused) {
          note(tree.getVariable(), constValue(tree.getExpression()) != null ? candidates : other);
          return super.visitAssignment(tree, null);
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
      }.scan(loopPath.getLeaf(), null);
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
  private boolean isLogging(MethodInvocationTree call) {
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
    if (CLOCK.matches(call, state)) {
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
      return VALUE_CLASSES.contains(method.owner.getQualifiedName().toString())
          && !method.getSimpleName().contentEquals("now");
    }
    boolean flagCheck =
        CancellationPoints.isInterruptCheck(call, state)
            || CancellationPoints.isCancelledCheck(call, state);
    if (!flagCheck && !QUERY_NAME.matcher(method.getSimpleName()).matches()) {
      return false;
    }
    ExpressionTree receiver = getReceiver(call);
    if (receiver != null && (!pure(receiver, into) || isCursor(getType(receiver)))) {
      return false;
    }
    if (isDoneCall == null && FutureCalls.IS_DONE.matches(call, state)) {
      isDoneCall = call;
    }
    Type receiverType = receiver == null ? null : getType(receiver);
    if (receiver == null || !isImmutableValue(receiverType)) {
      into.add(Source.SHARED);
      unknownQuery |= !flagCheck && !isSharedState(receiverType);
    }
    return true;
  }

  private boolean isSharedState(@Nullable Type type) {
    if (type == null) {
      return false;
    }
    if (type.tsym.packge() != null
        && type.tsym.packge().getQualifiedName().contentEquals(ATOMIC_PACKAGE)) {
      return true;
    }
    for (String name : SHARED_STATE_TYPES) {
      Type shared = state.getTypeFromString(name);
      if (shared != null && isSubtype(type, shared, state)) {
        return true;
      }
    }
    return false;
  }

  private boolean isCursor(@Nullable Type type) {
    if (type == null) {
      return false;
    }
    for (String name : CURSOR_TYPES) {
      Type cursor = state.getTypeFromString(name);
      if (cursor != null && isSubtype(type, cursor, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isImmutableValue(@Nullable Type type) {
    if (type == null) {
      return false;
    }
    if (type.isPrimitive()) {
      return true;
    }
    String name = type.tsym.getQualifiedName().toString();
    return IMMUTABLE_VALUE_TYPES.contains(name)
        || (type.tsym.packge() != null
            && type.tsym.packge().getQualifiedName().contentEquals(IMMUTABLE_VALUE_PACKAGE)
            && !name.equals("java.time.Clock")
            && !name.endsWith("Clock"));
  }
}
