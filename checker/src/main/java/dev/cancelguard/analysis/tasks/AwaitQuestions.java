package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.ConstantDurations;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * The await question of one cancel ({@code shutdown}, {@code interrupt}, {@code cancel}) or one
 * timed wait whose result is dropped: what the cancelled work uses, whether it may already run when
 * the code unit starts, whether leaving the code unit means "it has stopped", and which of the uses
 * reached before a wait can really overlap with the work.
 */
public final class AwaitQuestions {
  private AwaitQuestions() {}

  /** The shortest {@code awaitTermination} timeout that means "as long as it takes". */
  static final long WAIT_AS_LONG_AS_IT_TAKES_MILLIS = TimeUnit.HOURS.toMillis(1);

  /**
   * True if the timed wait {@code await} ({@code pool.awaitTermination(amount, unit)}) waits at
   * least an hour, in constants: {@code (1, TimeUnit.DAYS)}, {@code (Long.MAX_VALUE, NANOSECONDS)}.
   * A stop that waits that long means "until the work has ended" (the JDK's own {@code
   * ExecutorService.close()} waits in rounds of a day); should it still time out, the work hangs,
   * and what the code releases next is not what went wrong.
   */
  public static boolean waitsAsLongAsItTakes(MethodInvocationTree await) {
    List<? extends ExpressionTree> arguments = await.getArguments();
    return arguments.size() == 2
        && ConstantDurations.millis(arguments.get(0), arguments.get(1)).orElse(0)
            >= WAIT_AS_LONG_AS_IT_TAKES_MILLIS;
  }

  /**
   * True if the author checked the timed wait at {@code state}'s path: its result is used (if,
   * loop, assignment, return), or the next statement tests {@code pool.isTerminated()}.
   */
  public static boolean isCheckedTimedWait(MethodInvocationTree await, VisitorState state) {
    TreePath statement = state.getPath().getParentPath();
    if (!(statement.getLeaf() instanceof ExpressionStatementTree)) {
      return true;
    }
    if (!(statement.getParentPath().getLeaf() instanceof BlockTree block)) {
      return false;
    }
    List<? extends Tree> statements = block.getStatements();
    int index = statements.indexOf(statement.getLeaf());
    if (index < 0
        || index + 1 >= statements.size()
        || !(statements.get(index + 1) instanceof IfTree next)) {
      return false;
    }
    Symbol pool = getSymbol(getReceiver(await));
    return pool != null
        && CallScans.anyCall(
            next.getCondition(),
            call -> {
              String name =
                  getSymbol(call) == null ? "" : getSymbol(call).getSimpleName().toString();
              return (name.equals("isTerminated") || name.equals("isTerminating"))
                  && getReceiver(call) != null
                  && pool.equals(getSymbol(getReceiver(call)));
            });
  }

  /**
   * The uses of what the target's work uses that some path from the cancel (at {@code state}'s
   * path) reaches before a wait, in source order: releasing or reading what the work uses, and — in
   * a stop method or shutdown hook — leaving. Uses that cannot overlap with the work (both hold the
   * same instance lock) are left out.
   */
  public static ImmutableList<AwaitUse> usesBeforeWait(
      MethodInvocationTree cancel,
      CancelTarget target,
      boolean timedWait,
      TreePath codeUnit,
      CancelGuardOptions options,
      VisitorState state) {
    ImmutableList<AwaitUse> found = usesFound(cancel, target, timedWait, codeUnit, options, state);
    // Leaving the stop while the work may still run harms no one when every late run is
    // confined to the component's own memory (its tasks compute, log, and touch only objects the
    // component made): returning is left out; releases and reads are kept.
    if (found.stream().anyMatch(u -> u.kind() == AwaitUse.Kind.RETURNS)
        && ConfinedWork.lateRunIsConfined(target, cancel, state)) {
      return found.stream()
          .filter(u -> u.kind() != AwaitUse.Kind.RETURNS)
          .collect(ImmutableList.toImmutableList());
    }
    return found;
  }

  private static ImmutableList<AwaitUse> usesFound(
      MethodInvocationTree cancel,
      CancelTarget target,
      boolean timedWait,
      TreePath codeUnit,
      CancelGuardOptions options,
      VisitorState state) {
    Tree body = CodeUnits.bodyOf(codeUnit.getLeaf());
    if (body == null) {
      return ImmutableList.of();
    }
    boolean exitIsUse =
        !timedWait
            && target.kind() != CancelTarget.Kind.FUTURE
            && StopMethods.exitMeansStopped(codeUnit, target, cancel, options, state);
    TaskUses uses = TaskUses.of(target, state);
    // Every use the walk can find is a release or read of what the tasks use or write, or a way
    // out where leaving means stopped: with neither, there is nothing to walk for.
    if (!exitIsUse && uses.usesNothing()) {
      return ImmutableList.of();
    }
    boolean startsIdle =
        target.kind() == CancelTarget.Kind.EXECUTOR
            && isLocalExecutorOfThisCode(target.variable(), body, state);
    ImmutableList<AwaitUse> found =
        AwaitPaths.usesBeforeWait(
            body,
            new AwaitPaths.Question(target, cancel, startsIdle, exitIsUse, uses),
            state,
            options);
    // A stop that runs once (`synchronized (this) { if (!started) return; started = false; }`)
    // releasing or reading what the tasks touch only by calling this very stop: a task's call
    // either is the one run of the stop, or returns at once.
    if (codeUnit.getLeaf() instanceof MethodTree stop
        && getSymbol(stop) instanceof MethodSymbol stopSymbol
        && found.stream().anyMatch(u -> u.kind() != AwaitUse.Kind.RETURNS)
        && OnceGuardedStops.runsOnce(stop)) {
      found =
          found.stream()
              .filter(
                  u ->
                      u.kind() == AwaitUse.Kind.RETURNS
                          || u.symbol() == null
                          || !TaskUses.usedOnlyThrough(
                              target,
                              stopSymbol,
                              u.symbol(),
                              u.kind() == AwaitUse.Kind.READS,
                              state))
              .collect(ImmutableList.toImmutableList());
    }
    // The cancel and a release or read after it inside one `synchronized (this)` block (or
    // `synchronized (Outer.this)`), where the tasks touch what it releases or reads only holding
    // that instance's lock too: the two never run at the same time, as in a synchronized method.
    // Leaving the block releases the lock before the method returns, so returning is kept.
    List<SynchronizedTree> lockBlocks = InstanceMonitors.enclosing(state.getPath(), codeUnit);
    if (!lockBlocks.isEmpty()) {
      found =
          found.stream()
              .filter(
                  u ->
                      u.kind() == AwaitUse.Kind.RETURNS
                          || lockBlocks.stream()
                              .noneMatch(
                                  block -> {
                                    ClassSymbol locked = InstanceMonitors.lockedBy(block);
                                    return locked != null
                                        && InstanceMonitors.within(u.tree(), block, state)
                                        && uses.usedOnlyHolding(u.symbol(), locked);
                                  }))
              .collect(ImmutableList.toImmutableList());
    }
    // A synchronized method releasing or reading what the tasks touch only in synchronized
    // methods of the same instance (or in `synchronized (this)` blocks of them): the two never run
    // at the same time. If the tasks touch nothing else, returning is safe too: what they do next
    // waits for the lock.
    ClassSymbol monitor = monitorHeldBy(codeUnit);
    if (monitor == null) {
      return found;
    }
    boolean serialized = uses.everyUseHolding(monitor);
    return found.stream()
        .filter(
            u ->
                u.kind() == AwaitUse.Kind.RETURNS
                    ? !serialized
                    : !uses.usedOnlyHolding(u.symbol(), monitor))
        .collect(ImmutableList.toImmutableList());
  }

  /** The class whose instance lock a synchronized instance method holds; null otherwise. */
  private static @Nullable ClassSymbol monitorHeldBy(TreePath codeUnit) {
    return codeUnit.getLeaf() instanceof MethodTree method
            && method.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED)
            && getSymbol(method) instanceof MethodSymbol symbol
            && !symbol.isStatic()
            && symbol.owner instanceof ClassSymbol owner
        ? owner
        : null;
  }

  /**
   * A local executor created in this code and used only here (not from lambdas or classes in it):
   * nothing runs on it until this code submits work.
   */
  private static boolean isLocalExecutorOfThisCode(
      VarSymbol variable, Tree body, VisitorState state) {
    if (!Ownership.isLocal(variable)) {
      return false;
    }
    boolean[] created = new boolean[1];
    boolean[] usedFromNestedCode = new boolean[1];
    new TreeScanner<Void, Void>() {
      private int nested;

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (variable.equals(getSymbol(tree))) {
          created[0] = Ownership.isExecutorCreation(tree.getInitializer(), state);
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        nested++;
        super.visitLambdaExpression(tree, null);
        nested--;
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        nested++;
        super.visitClass(tree, null);
        nested--;
        return null;
      }

      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        usedFromNestedCode[0] |= nested > 0 && variable.equals(getSymbol(tree));
        return null;
      }
    }.scan(body, null);
    return created[0] && !usedFromNestedCode[0];
  }
}
