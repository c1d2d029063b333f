package dev.cancelguard.analysis.flow;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.Lines;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
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
 * <p>This file is the question and its answer: the {@link Spec} a check writes and the {@link
 * Result} it gets. The walk itself is {@code Walker} (statements, jumps and loops), {@code
 * ExpressionWalker} (expressions and the branches of conditions), {@code TryFrames} (how
 * exceptions, {@code finally} blocks and jumps leave a try) and {@code HelperSummaries} (what a
 * call to a helper of the same file removes).
 *
 * <p>It answers two questions: the ways out of the code unit (return, throw, an exception raised by
 * a call, the end of the body) reached with facts still set, and the facts that may hold just
 * before chosen calls. Calls that throw only unchecked exceptions are not followed unless the spec
 * says so.
 */
public final class FactFlow {
  private FactFlow() {}

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
     * Facts added when a call, constructor call or assignment completes, given the facts that held
     * before it: a fact that turns into another ("running" becomes "cancelled" at a cancel, and
     * nothing does when nothing ran). By default {@link #addedBy(ExpressionTree)}.
     */
    default long addedBy(ExpressionTree tree, long before) {
      return addedBy(tree);
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

    /**
     * Facts removed when one resource of a try-with-resources is closed; resources close last
     * first, each before {@link #killedByLeaving}, and an observed resource is observed with the
     * facts holding as it closes.
     */
    default long killedByClosing(Tree resource) {
      return 0;
    }

    /** Facts an explicit {@code throw} discharges (rethrowing the exception a fact stands for). */
    default long killedByThrow(ThrowTree tree) {
      return 0;
    }

    /**
     * The spec to walk {@code helper}, a method of this file that {@code call} invokes, with; null
     * (the default) not to follow it. A followed helper's summary — the facts it removes on every
     * way out of its body when entered with the caller's facts, and the facts it adds on some way
     * out — is removed and added by the call.
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

  /**
   * Walks a code unit's body, or one statement of it (a catch block): a {@code break}, {@code
   * continue} or {@code yield} to a statement around the walked one is then a way out.
   *
   * @param body a method body, a lambda body (block or expression), or a statement
   * @param initial the facts set on entry
   * @param catchEntry which states a catch block is entered with (see {@link CatchEntry})
   * @param observe trees (calls, constructor calls, assignments, variable reads, resources of a
   *     try-with-resources as they close) whose incoming facts to record
   */
  public static Result walk(
      Tree body,
      Spec spec,
      VisitorState state,
      long initial,
      CatchEntry catchEntry,
      Set<? extends Tree> observe) {
    return Walker.run(body, spec, state, initial, catchEntry, observe, new HelperSummaries());
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

  /**
   * The facts of the tracked things {@code holds} is true of: how a spec turns "which of its
   * resources, tasks, ... does this tree release or start" into the facts it removes or adds.
   */
  public static <T> long factsOf(
      Iterable<? extends T> tracked, ToLongFunction<? super T> fact, Predicate<? super T> holds) {
    long facts = 0;
    for (T item : tracked) {
      if (holds.test(item)) {
        facts |= fact.applyAsLong(item);
      }
    }
    return facts;
  }
}
