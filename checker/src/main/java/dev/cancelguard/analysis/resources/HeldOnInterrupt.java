package dev.cancelguard.analysis.resources;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.flow.FactFlow.factsOf;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.flow.FactFlow.CatchEntry;
import dev.cancelguard.analysis.flow.FactFlow.Raise;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The question {@code ResourceLeakOnCancel} asks {@link FactFlow}: one fact per resource, "held, on
 * a path where an interrupt was noticed". A cancellation point raises the interrupt (or what a
 * configured point throws) carrying the facts of the resources held there; an interrupt test adds
 * them on its true branch, {@code throw new InterruptedException()} adds them; a release removes
 * its resource, and taking it again while held is a way out.
 *
 * <p>A resource is held at a point when the point lies between its first acquisition and its last
 * release and some path reaches the point from an acquisition that completed without passing a
 * release or a test that finds it {@code null} (a first walk of the body answers that): a lock
 * released and taken again is not held while the second {@code lockInterruptibly()} waits, and
 * nothing is held on the branch where the resource is {@code null}. Only the interrupt is followed:
 * another exception after a caught interrupt leaks the resource on the normal path just the same,
 * which is not a cancellation question.
 */
public final class HeldOnInterrupt implements FactFlow.Spec {

  private final Map<Symbol, HeldResource> resources;
  private final VisitorState state;
  private final CancelGuardOptions options;

  /** The resources each call or constructor call of the body may be reached holding. */
  private final FactFlow.Result holding;

  /** The spec for {@code body}, the code unit's body in which {@code resources} are found. */
  public HeldOnInterrupt(
      Tree body,
      Map<Symbol, HeldResource> resources,
      VisitorState state,
      CancelGuardOptions options) {
    this.resources = resources;
    this.state = state;
    this.options = options;
    Set<Tree> calls = new HashSet<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        calls.add(call);
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree created, Void unused) {
        calls.add(created);
        return super.visitNewClass(created, null);
      }
    }.scan(body, null);
    this.holding =
        FactFlow.walk(body, new Holding(resources), state, 0, CatchEntry.TRY_ENTRY, calls);
  }

  /** The resources held at {@code tree}, a call or the exception of a throw. */
  private long held(Tree tree) {
    Long reached = holding.factsAt(tree);
    if (reached == null) {
      return 0;
    }
    int position = getStartPosition(tree);
    return reached & factsOf(resources.values(), HeldResource::mask, r -> r.heldAt(position));
  }

  /**
   * The facts of the first walk: one per resource, "acquired and not released since", on every
   * path; a catch block may be entered with the facts of its try's start (any unchecked exception
   * could get there).
   */
  private static final class Holding implements FactFlow.Spec {
    private final Map<Symbol, HeldResource> resources;

    Holding(Map<Symbol, HeldResource> resources) {
      this.resources = resources;
    }

    @Override
    public long addedBy(ExpressionTree tree) {
      return factsOf(resources.values(), HeldResource::mask, r -> r.acquisitions.contains(tree));
    }

    @Override
    public long killedBy(ExpressionTree tree) {
      return factsOf(resources.values(), HeldResource::mask, r -> r.releases.contains(tree));
    }

    @Override
    public long killedOnBranch(ExpressionTree condition, boolean value) {
      return HeldResources.nullOnBranch(condition, value, resources);
    }
  }

  @Override
  public List<Raise> raises(ExpressionTree tree) {
    if (!(tree instanceof MethodInvocationTree call)
        || !CancellationPoints.isCancellationPoint(call, state, options)) {
      return List.of();
    }
    long held = held(call);
    if (held == 0) {
      return List.of();
    }
    if (Interrupts.throwsInterruptedException(call, state)) {
      return List.of(new Raise(Interrupts.interruptedExceptionType(state), held));
    }
    if (ThreadCalls.INTERRUPTED.matches(call, state)
        || ThreadCalls.IS_INTERRUPTED.matches(call, state)) {
      return List.of(); // a flag test: its true branch is followed instead
    }
    // A configured cancellation point: it throws what it declares, or something unchecked.
    Type methodType = getType(call.getMethodSelect());
    List<Type> thrown = methodType == null ? List.of() : methodType.getThrownTypes();
    if (thrown.isEmpty()) {
      return List.of(new Raise(state.getSymtab().runtimeExceptionType, held));
    }
    return thrown.stream().map(t -> new Raise(t, held)).toList();
  }

  /**
   * Only the interrupt is followed: another exception after a caught interrupt leaks the resource
   * on the normal path just the same, which is not a cancellation question.
   */
  @Override
  public boolean carriesFacts(ExpressionTree call, Type thrown) {
    return isSubtype(thrown, Interrupts.interruptedExceptionType(state), state);
  }

  @Override
  public long addedOnTrueBranch(ExpressionTree condition) {
    ExpressionTree stripped = stripParentheses(condition);
    return stripped instanceof MethodInvocationTree call
            && (ThreadCalls.INTERRUPTED.matches(call, state)
                || ThreadCalls.IS_INTERRUPTED.matches(call, state))
        ? held(call)
        : 0;
  }

  /** {@code if (r != null) r.close();}: on the branch where r is null, r is not held. */
  @Override
  public long killedOnBranch(ExpressionTree condition, boolean value) {
    return HeldResources.nullOnBranch(condition, value, resources);
  }

  @Override
  public long addedByThrow(ThrowTree tree) {
    return isNewInterrupt(tree, state) ? held(tree.getExpression()) : 0;
  }

  @Override
  public long killedBy(ExpressionTree tree) {
    return factsOf(resources.values(), HeldResource::mask, r -> r.releases.contains(tree));
  }

  @Override
  public long acquiredBy(ExpressionTree tree) {
    return factsOf(resources.values(), HeldResource::mask, r -> r.acquisitions.contains(tree));
  }

  /** {@code throw new InterruptedException()}: a cancellation point of its own. */
  public static boolean isNewInterrupt(ThrowTree tree, VisitorState state) {
    return stripParentheses(tree.getExpression()) instanceof NewClassTree created
        && Interrupts.isInterruptedExceptionValue(created, state);
  }
}
