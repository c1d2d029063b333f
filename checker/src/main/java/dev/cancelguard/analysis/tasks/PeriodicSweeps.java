package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.cancelguard.analysis.interrupts.BlockingCalls;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One run of a periodic task that sweeps over the program's live objects: {@code
 * pool.scheduleWithFixedDelay(() -> { for (Connection c : connections) { if (idle(c))
 * c.closeAsync(); } }, ..)}. Such a run is housekeeping the scheduler repeats every period on a
 * shared thread; it walks what is there now and ends with it, and the task is stopped by cancelling
 * its next runs ({@code future.cancel(..)}, {@code shutdown()}), which an interrupt check in the
 * running sweep would not change. It is not the task's main CPU work the way a computation over
 * data is.
 *
 * <p>The shape: the task is periodic ({@code scheduleAtFixedRate}, {@code scheduleWithFixedDelay},
 * a {@code Timer}'s repeating {@code schedule}/{@code scheduleAtFixedRate}; a lambda or anonymous
 * class handed to one, or {@code run()} of a class only this file makes (private, or with no public
 * constructor and named by no other file of its package) whose every instance the file hands on
 * goes to one); every loop of the sweep is a for-each over a collection (no array, no counted or
 * conditional loop, which is where a computation's rounds are); nothing in it waits ({@code
 * join()}, {@code lock()}, {@code park}, a call that throws InterruptedException) or adds to what
 * it walks (a walk over a queue it refills need not end).
 */
public final class PeriodicSweeps {
  /** The calls that run a task again and again. */
  private static final Matcher<ExpressionTree> PERIODIC_SCHEDULE =
      CallNames.namedFirst(
          anyOf(
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.ScheduledExecutorService"))
                  .namedAnyOf("scheduleAtFixedRate", "scheduleWithFixedDelay"),
              instanceMethod().onDescendantOf("java.util.Timer").named("scheduleAtFixedRate"),
              instanceMethod()
                  .onDescendantOf("java.util.Timer")
                  .named("schedule")
                  .withParameters("java.util.TimerTask", "long", "long"),
              instanceMethod()
                  .onDescendantOf("java.util.Timer")
                  .named("schedule")
                  .withParameters("java.util.TimerTask", "java.util.Date", "long")),
          "scheduleAtFixedRate",
          "scheduleWithFixedDelay",
          "schedule");

  /** Waits that no interrupt ends, or that make the sweep last as long as another thread. */
  private static final Matcher<ExpressionTree> UNINTERRUPTIBLE_WAIT =
      CallNames.namedFirst(
          anyOf(
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.locks.Lock"))
                  .named("lock"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.Semaphore"))
                  .named("acquireUninterruptibly"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.util.concurrent.locks.Condition"))
                  .named("awaitUninterruptibly"),
              staticMethod().onClass("java.util.concurrent.locks.LockSupport"),
              staticMethod().onClass("com.google.common.util.concurrent.Uninterruptibles")),
          "lock",
          "acquireUninterruptibly",
          "awaitUninterruptibly",
          "park",
          "parkNanos",
          "parkUntil",
          "getUninterruptibly",
          "sleepUninterruptibly",
          "joinUninterruptibly",
          "awaitUninterruptibly",
          "putUninterruptibly",
          "takeUninterruptibly",
          "tryAcquireUninterruptibly",
          "awaitTerminationUninterruptibly");

  /** Calls that put an element into a collection. */
  private static final Set<String> ADDING =
      Set.of(
          "add",
          "addAll",
          "addFirst",
          "addLast",
          "offer",
          "offerFirst",
          "offerLast",
          "push",
          "put",
          "putAll",
          "putIfAbsent",
          "compute",
          "computeIfAbsent",
          "merge",
          "addElement");

  private PeriodicSweeps() {}

  /**
   * True if the loop at {@code loopPath}, the outermost loop of {@code codeUnit}, is a sweep (the
   * class comment's shape) in a periodic task.
   */
  public static boolean isSweepOfAPeriodicTask(
      StatementTree loop, TreePath loopPath, TreePath codeUnit, VisitorState state) {
    return loop instanceof EnhancedForLoopTree
        && isSweep(loop, state)
        && isPeriodicTask(codeUnit, state);
  }

  /**
   * True if the loop is a walk: every loop of it is a for-each over a collection (no array, no
   * counted or conditional loop), nothing in it waits, and nothing is added to what it walks (the
   * class comment's shape, without the periodic task).
   */
  public static boolean isWalk(StatementTree loop, VisitorState state) {
    return loop instanceof EnhancedForLoopTree && isSweep(loop, state);
  }

  /** True if the code unit runs as a periodic task. */
  static boolean isPeriodicTask(TreePath codeUnit, VisitorState state) {
    Tree leaf = codeUnit.getLeaf();
    if (leaf instanceof LambdaExpressionTree) {
      return Tasks.isHandedTo(codeUnit, state, PERIODIC_SCHEDULE::matches);
    }
    if (!(leaf instanceof MethodTree method)
        || !method.getName().contentEquals("run")
        || !method.getParameters().isEmpty()
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    TreePath creation = Tasks.anonymousCreation(codeUnit);
    if (creation != null) {
      return Tasks.isHandedTo(creation, state, PERIODIC_SCHEDULE::matches);
    }
    ClassSymbol owner = symbol.enclClass();
    return owner != null
        && !owner.isAnonymous()
        && (UninterruptedThreads.madeOnlyHere(owner)
            || UninterruptedThreads.newOnlyInThisFileOfItsPackage(owner, codeUnit, state))
        && everyInstanceHandedOnIsScheduled(owner, state);
  }

  /**
   * True if every call or creation in the file that is handed an instance of the class hands it to
   * a periodic schedule, and some call does.
   */
  private static boolean everyInstanceHandedOnIsScheduled(ClassSymbol type, VisitorState state) {
    List<ExpressionTree> handedOn =
        CallScans.callsHandedAn(type, state.getPath().getCompilationUnit());
    return !handedOn.isEmpty()
        && handedOn.stream()
            .allMatch(
                call -> Expressions.isResolved(call) && PERIODIC_SCHEDULE.matches(call, state));
  }

  /** Every loop a for-each over a collection; no wait; nothing added to what it walks. */
  private static boolean isSweep(StatementTree loop, VisitorState state) {
    Set<Symbol> walked = new HashSet<>();
    boolean[] bad = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree forEach, Void unused) {
        Type type = getType(forEach.getExpression());
        if (type == null || type.getTag() == TypeTag.ARRAY) {
          bad[0] = true;
          return null;
        }
        Symbol root = rootOf(forEach.getExpression());
        if (root == null) {
          bad[0] = true;
          return null;
        }
        walked.add(root);
        return super.visitEnhancedForLoop(forEach, null);
      }

      @Override
      public Void visitForLoop(ForLoopTree tree, Void unused) {
        bad[0] = true;
        return null;
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
        bad[0] = true;
        return null;
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
        bad[0] = true;
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (UNINTERRUPTIBLE_WAIT.matches(call, state)
            || BlockingCalls.isUnboundedWait(call, state)
            || Interrupts.throwsInterruptedException(call, state)) {
          bad[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loop, null);
    if (bad[0]) {
      return false;
    }
    // Nothing put into what the sweep walks (its own loops' collections, by their root variable).
    boolean[] adds = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (getSymbol(call) instanceof MethodSymbol method
            && ADDING.contains(method.getSimpleName().toString())) {
          ExpressionTree receiver = getReceiver(call);
          Symbol root = receiver == null ? null : rootOf(receiver);
          adds[0] |= root == null || walked.contains(root);
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loop, null);
    return !adds[0];
  }

  /**
   * The variable a chain of selects and calls starts from ({@code entries} in {@code
   * entries.values().stream()}, {@code acceptor} in {@code acceptor.getConnections().values()}), or
   * null when it starts elsewhere (a call with no receiver, a creation).
   */
  private static @Nullable Symbol rootOf(ExpressionTree tree) {
    ExpressionTree expression = stripParentheses(tree);
    while (true) {
      switch (expression) {
        case IdentifierTree identifier -> {
          return getSymbol(identifier);
        }
        case MemberSelectTree select -> {
          ExpressionTree owner = stripParentheses(select.getExpression());
          if (owner instanceof IdentifierTree self
              && (self.getName().contentEquals("this") || self.getName().contentEquals("super"))) {
            return getSymbol(select); // `this.connections` is the field `connections`
          }
          expression = owner;
        }
        case MethodInvocationTree call -> {
          ExpressionTree receiver = getReceiver(call);
          if (receiver == null) {
            // An unqualified call of the class's own method: the class's state.
            return getSymbol(call) instanceof MethodSymbol method ? method.owner : null;
          }
          expression = stripParentheses(receiver);
        }
        default -> {
          return null;
        }
      }
    }
  }
}
