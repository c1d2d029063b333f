package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCContinue;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.flow.FactFlow.ExitKind;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.HelperChain;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@link FactFlow} spec of {@link AwaitPaths}' question for one walked body, the caller's or a
 * helper's with its arguments: the facts, what adds and removes them, and the trees of the body the
 * walk observes (uses, helper calls, conditions that mean a wait on one branch).
 */
final class AwaitSpec implements FactFlow.Spec {
  /** Every path has it: the facts of a reached point are never empty. */
  static final long REACHED = 1;

  /** Work may run on the target. */
  static final long RUNNING = 2;

  /** The target was cancelled and may still run: nothing has waited for it since. */
  static final long PENDING = 4;

  static final long ACTIVE = RUNNING | PENDING;

  /** What all the walks of one question share. */
  record Context(
      VisitorState state,
      CancelGuardOptions options,
      TaskUses uses,
      HelperChain chain,
      Set<Tree> loopsBeingAsked) {}

  /** A tree the walk observes: a use, or a call to a helper whose own uses count at the call. */
  private record Candidate(@Nullable AwaitUse use, @Nullable MethodTree helper) {}

  private final Context context;
  private final VisitorState state;
  private final CancelTarget target;
  private final @Nullable Tree site;

  /** A helper's parameters, standing for the caller's variables passed to them. */
  private final Map<Symbol, Symbol> substitution;

  /** The trees of the body to observe, in source order. */
  private final Map<Tree, Candidate> candidates = new LinkedHashMap<>();

  /** Conditions whose false branch has waited (see {@link #killedOnBranch}). */
  private final Set<Tree> waitedWhenFalse = new HashSet<>();

  /** Conditions of final flags the site runs under: false, the site did not run. */
  private final Set<Tree> siteSkippedWhenFalse = new HashSet<>();

  /**
   * Null tests of the site's receiver after it, with the branch where it is null: a path that ran
   * the site cannot take it.
   */
  private final Map<Tree, Boolean> siteSkippedWhen = new HashMap<>();

  private final Map<Tree, Boolean> loopsThatWait = new HashMap<>();

  AwaitSpec(
      Context context,
      CancelTarget target,
      @Nullable Tree site,
      Map<Symbol, Symbol> substitution,
      Tree body) {
    this.context = context;
    this.state = context.state();
    this.target = target;
    this.site = site;
    this.substitution = substitution;
    new CandidateScanner().scan(body, null);
    if (site != null) {
      siteSkippedWhenFalse.addAll(WaitConditions.siteGuardConditions(body, site, state));
      siteSkippedWhen.putAll(WaitConditions.siteReceiverNullTests(body, site, state));
    }
  }

  /** The uses reached with the target pending, walking {@code body} from {@code initial}. */
  List<AwaitUse> usesIn(Tree body, long initial, boolean exitIsUse, HelperChain chain) {
    FactFlow.Result result =
        FactFlow.walk(body, this, state, initial, FactFlow.CatchEntry.BY_TYPE, candidates.keySet());
    Map<Tree, AwaitUse> found = new LinkedHashMap<>();
    for (Map.Entry<Tree, Candidate> entry : candidates.entrySet()) {
      Long facts = result.factsAt(entry.getKey());
      if (facts == null || (facts & PENDING) == 0) {
        continue;
      }
      Candidate candidate = entry.getValue();
      AwaitUse use =
          candidate.use() != null
              ? candidate.use()
              : useInHelper(
                  (MethodInvocationTree) entry.getKey(), candidate.helper(), facts, chain);
      if (use != null) {
        found.putIfAbsent(use.tree(), use);
      }
    }
    if (exitIsUse) {
      for (Exit exit : result.exits()) {
        if ((exit.kind() == ExitKind.RETURNS || exit.kind() == ExitKind.FALLS_OFF)
            && (exit.facts() & PENDING) != 0) {
          found.putIfAbsent(exit.tree(), new AwaitUse(AwaitUse.Kind.RETURNS, exit.tree(), null));
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  /** The first use the helper reaches when entered with {@code facts}, reported at the call. */
  private @Nullable AwaitUse useInHelper(
      MethodInvocationTree call, MethodTree helper, long facts, HelperChain chain) {
    HelperChain inner = chain.enter((MethodSymbol) getSymbol(helper));
    if (inner == null) {
      return null;
    }
    AwaitSpec helperSpec = helperSpecFor(call, helper);
    List<AwaitUse> uses = helperSpec.usesIn(helper.getBody(), facts, false, inner);
    return uses.stream()
        .min(Comparator.comparingInt((AwaitUse u) -> u.position(state)))
        .map(u -> new AwaitUse(u.kind(), call, u.symbol()))
        .orElse(null);
  }

  // ------------------------------------------------------------ the facts

  @Override
  public long killedBy(ExpressionTree tree) {
    return tree != site && tree instanceof MethodInvocationTree call && isWait(call) ? ACTIVE : 0;
  }

  @Override
  public long addedBy(ExpressionTree tree, long before) {
    if (tree == site) {
      return (before & ACTIVE) != 0 ? PENDING : 0;
    }
    return tree instanceof MethodInvocationTree call
            && !isWait(call)
            && Terminations.isStartOf(call, target, state)
        ? RUNNING
        : 0;
  }

  /**
   * Only checked exceptions carry the facts; an interrupted wait for termination counts as a wait,
   * so its exception carries none.
   */
  @Override
  public boolean carriesFacts(ExpressionTree call, Type thrown) {
    if (isSubtype(thrown, state.getSymtab().runtimeExceptionType, state)
        || isSubtype(thrown, state.getSymtab().errorType, state)) {
      return false;
    }
    return !(call instanceof MethodInvocationTree invocation
        && Terminations.isTerminationWait(invocation, context.options(), state));
  }

  @Override
  public long killedByClosing(Tree resource) {
    boolean closesTarget =
        switch (resource) {
          case VariableTree variable -> target.isNameOrCollection(getSymbol(variable));
          case ExpressionTree expression -> target.isNamedBy(expression);
          default -> false;
        };
    return closesTarget ? ACTIVE : 0; // close() waits for the executor's tasks
  }

  @Override
  public long killedOnBranch(ExpressionTree condition, boolean value) {
    if (Boolean.valueOf(value).equals(siteSkippedWhen.get(condition))) {
      return PENDING;
    }
    if (value) {
      return 0;
    }
    if (waitedWhenFalse.contains(condition)) {
      return ACTIVE;
    }
    return siteSkippedWhenFalse.contains(condition) ? PENDING : 0;
  }

  /**
   * A for-each loop runs its body once per element. When the body waits on every path (joins each
   * thread, awaits each executor, gets each future), the loop as a whole is a wait: with no
   * elements there was nothing to wait for.
   */
  @Override
  public long killedByLoop(StatementTree loop) {
    if (!(loop instanceof EnhancedForLoopTree forEach)) {
      return 0;
    }
    // Not computeIfAbsent: the walk of the body asks about the loops inside it.
    Boolean waits = loopsThatWait.get(loop);
    if (waits == null) {
      // A loop whose body reaches it again (recursive helpers) is asked once: inside, it counts
      // as no wait, so the nested walks end.
      if (!context.loopsBeingAsked().add(loop)) {
        return 0;
      }
      try {
        waits = bodyWaitsOnEveryPath(forEach);
      } finally {
        context.loopsBeingAsked().remove(loop);
      }
      loopsThatWait.put(loop, waits);
    }
    return waits ? ACTIVE : 0;
  }

  private boolean bodyWaitsOnEveryPath(EnhancedForLoopTree loop) {
    boolean ends = false;
    for (Exit exit :
        FactFlow.walk(
                loop.getStatement(),
                this,
                state,
                REACHED | ACTIVE,
                FactFlow.CatchEntry.BY_TYPE,
                Set.of())
            .exits()) {
      boolean end =
          exit.kind() == ExitKind.FALLS_OFF
              || (exit.kind() == ExitKind.CONTINUES && ((JCContinue) exit.tree()).target == loop);
      if (end && (exit.facts() & ACTIVE) != 0) {
        return false;
      }
      ends |= end;
    }
    return ends;
  }

  /**
   * Helpers of this file called on this object or statically: their waits, submissions and uses
   * count. Not the site, a wait or a submission itself.
   */
  @Override
  public FactFlow.@Nullable Spec helperSpec(MethodInvocationTree call, MethodTree helper) {
    return isFollowedHelperCall(call) ? helperSpecFor(call, helper) : null;
  }

  private AwaitSpec helperSpecFor(MethodInvocationTree call, MethodTree helper) {
    CancelTarget helperTarget = target;
    Map<Symbol, Symbol> helperSubstitution = new HashMap<>(substitution);
    List<? extends VariableTree> parameters = helper.getParameters();
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
    return new AwaitSpec(context, helperTarget, null, helperSubstitution, helper.getBody());
  }

  private boolean isFollowedHelperCall(MethodInvocationTree call) {
    return call != site
        && Expressions.isResolved(call)
        && !isWait(call)
        && !Terminations.isStartOf(call, target, state)
        && getSymbol(call) instanceof MethodSymbol helper
        && SameFile.isDeclaredIn(helper, state.getPath().getCompilationUnit())
        && isOwnCall(call, helper);
  }

  /** A call on this object or a static call: the helper's fields are ours. */
  private static boolean isOwnCall(MethodInvocationTree call, MethodSymbol helper) {
    ExpressionTree receiver = getReceiver(call);
    return helper.isStatic()
        || receiver == null
        || Expressions.strip(receiver) instanceof IdentifierTree id
            && id.getName().contentEquals("this");
  }

  private boolean isWait(MethodInvocationTree call) {
    return Terminations.isWaitFor(
        call,
        target,
        context.uses(),
        target.kind() == CancelTarget.Kind.EXECUTOR,
        context.options(),
        state);
  }

  private @Nullable Symbol resolve(@Nullable Symbol symbol) {
    return symbol == null ? null : substitution.getOrDefault(symbol, symbol);
  }

  // ------------------------------------------------------------ the trees of the body

  /** The uses, helper calls and conditions of the body, as the walk evaluates them. */
  private final class CandidateScanner extends NestedCodeSkipper {
    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
      return scan(tree.getQualifierExpression(), null);
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void unused) {
      scan(tree.getEnclosingExpression(), null);
      return scan(tree.getArguments(), null); // an anonymous class body runs later
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
    public Void visitExpressionStatement(ExpressionStatementTree tree, Void unused) {
      // `queue.offer(POISON);` on a concurrent collection the tasks also fill: the stop adds an
      // element of its own through a thread-safe call and reads nothing the tasks wrote.
      // `pending.set(false);` on an atomic the tasks also set: a write of the stop's own value,
      // like an assignment, which reads nothing the tasks wrote.
      if (Expressions.strip(tree.getExpression()) instanceof MethodInvocationTree call
          && (TaskUses.addsToConcurrentCollection(call, state)
              || TaskUses.setsAnAtomic(call, state))) {
        if (getReceiver(call) instanceof MemberSelectTree select) {
          scan(select.getExpression(), null);
        }
        return scan(call.getArguments(), null);
      }
      // `pending.decrementAndGet();` on an atomic count the tasks also move only that way: two
      // additions commute and neither reads the other's result, so the count ends the same
      // whichever runs first, as it would had the stop waited.
      ExpressionTree counter = CountUpdates.receiverOfDroppedAddition(tree);
      if (counter != null
          && context.uses().usesOnlyByCountUpdates(resolve(Expressions.variableOf(counter)))) {
        MethodInvocationTree call = (MethodInvocationTree) Expressions.strip(tree.getExpression());
        return scan(call.getArguments(), null);
      }
      return super.visitExpressionStatement(tree, null);
    }

    private void read(ExpressionTree tree) {
      Symbol variable = resolve(Expressions.variableOf(tree));
      if (context.uses().writes(variable)) {
        candidates.put(
            tree, new Candidate(new AwaitUse(AwaitUse.Kind.READS, tree, variable), null));
      }
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
      VarSymbol assigned = Expressions.variableOf(tree.getVariable());
      if (assigned == null) {
        return super.visitAssignment(tree, null);
      }
      scan(tree.getExpression(), null);
      Symbol resolved = resolve(assigned);
      // Dropping the reference to the task object itself does not touch the running task.
      if (Expressions.strip(tree.getExpression()) instanceof LiteralTree literal
          && literal.getKind() == Tree.Kind.NULL_LITERAL
          && context.uses().uses(resolved)
          && !context.uses().onlyHoldsATask(resolved)) {
        candidates.put(
            tree, new Candidate(new AwaitUse(AwaitUse.Kind.RELEASES, tree, resolved), null));
      }
      return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      super.visitMethodInvocation(call, null);
      if (!Expressions.isResolved(call)
          || call == site
          || isWait(call)
          || Terminations.isStartOf(call, target, state)) {
        return null;
      }
      Symbol released = resolve(TaskUses.releasedBy(call, state));
      // A pool the tasks only stop, wait for or ask about: shutting it down cannot fail them.
      if (released != null
          && context.uses().uses(released)
          && !context.uses().usesOnlyByStopsAndQueries(released, state)) {
        candidates.put(
            call, new Candidate(new AwaitUse(AwaitUse.Kind.RELEASES, call, released), null));
      } else if (isFollowedHelperCall(call)) {
        MethodTree helper =
            SameFile.findMethod(
                state.getPath().getCompilationUnit(), (MethodSymbol) getSymbol(call), state);
        if (helper != null && helper.getBody() != null) {
          candidates.put(call, new Candidate(null, helper));
        }
      }
      return null;
    }

    @Override
    public Void visitTry(TryTree tree, Void unused) {
      for (Tree resource : tree.getResources()) {
        Symbol variable =
            switch (resource) {
              case VariableTree declared -> getSymbol(declared);
              case ExpressionTree expression -> Expressions.variableOf(expression);
              default -> null;
            };
        if (killedByClosing(resource) == 0 && context.uses().uses(resolve(variable))) {
          candidates.put(
              resource,
              new Candidate(
                  new AwaitUse(AwaitUse.Kind.RELEASES, resource, resolve(variable)), null));
        }
      }
      return super.visitTry(tree, null);
    }

    @Override
    public Void visitIf(IfTree tree, Void unused) {
      if (WaitConditions.skipsOnlyANonPositiveTimeout(
          tree, target, context.uses(), context.options(), state)) {
        // `if (timeout > 0) { pool.awaitTermination(timeout, ..); }`: the other branch is the
        // configured choice not to wait.
        waitedWhenFalse.add(tree.getCondition());
      }
      return super.visitIf(tree, null);
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
      loopCondition(tree.getCondition());
      return super.visitWhileLoop(tree, null);
    }

    @Override
    public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
      loopCondition(tree.getCondition());
      return super.visitDoWhileLoop(tree, null);
    }

    @Override
    public Void visitForLoop(ForLoopTree tree, Void unused) {
      loopCondition(tree.getCondition());
      return super.visitForLoop(tree, null);
    }

    /** `while (!pool.isTerminated())`, `while (thread.isAlive())`: left once it terminated. */
    private void loopCondition(@Nullable ExpressionTree condition) {
      if (condition != null && Terminations.exitMeansTerminated(condition, target, state)) {
        waitedWhenFalse.add(condition);
      }
    }
  }
}
