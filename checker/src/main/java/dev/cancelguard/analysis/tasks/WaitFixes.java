package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Source;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.FreshNames;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The code a fix inserts to wait for work to terminate, written for the compilation at hand: {@code
 * executor.close()} where the release has it (JDK 19+), otherwise {@code awaitTermination} with a
 * timeout; {@code thread.join()}; wrapped in a catch that restores the interrupt flag where an
 * {@link InterruptedException} could not propagate.
 */
public final class WaitFixes {
  /** How long an inserted {@code awaitTermination} waits. */
  public static final int TIMEOUT_SECONDS = 30;

  private WaitFixes() {}

  /**
   * True if {@code ExecutorService.close()} exists for this compilation: the source level is 19 or
   * later and the platform's {@code ExecutorService} declares it ({@code --release 17} has
   * neither).
   */
  public static boolean executorCloseAvailable(VisitorState state) {
    Source source = Source.instance(state.context);
    if (source.compareTo(Source.JDK19) < 0) {
      return false;
    }
    Symbol executorService = state.getSymbolFromString("java.util.concurrent.ExecutorService");
    if (!(executorService instanceof ClassSymbol type)) {
      return false;
    }
    for (Symbol member : type.members().getSymbolsByName(state.getName("close"))) {
      if (member instanceof MethodSymbol method && method.getParameters().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** True if the expression's static type is an ExecutorService (so it has close() in 19+). */
  public static boolean isExecutorService(Tree tree, VisitorState state) {
    Type type = getType(tree);
    Type executorService = state.getTypeFromString("java.util.concurrent.ExecutorService");
    return type != null && executorService != null && isSubtype(type, executorService, state);
  }

  /**
   * True if an {@link InterruptedException} thrown at {@code path} leaves its method or lambda to
   * the caller: the method declares it (or a supertype), the lambda's functional interface allows
   * it, and no enclosing catch in between would receive it.
   */
  public static boolean interruptPropagates(TreePath path, VisitorState state) {
    Type interrupted = Interrupts.interruptedExceptionType(state);
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      TreePath parent = p.getParentPath();
      if (parent != null
          && parent.getLeaf() instanceof TryTree tryTree
          && tryTree.getBlock() == leaf
          && tryTree.getCatches().stream()
              .flatMap(c -> Catches.caughtTypes(c).stream())
              .anyMatch(t -> isSubtype(interrupted, t, state))) {
        return false;
      }
      if (leaf instanceof LambdaExpressionTree lambda) {
        return lambdaMayThrow(lambda, interrupted, state);
      }
      if (leaf instanceof MethodTree method) {
        return Interrupts.declaresInterruptedException(method, state);
      }
      if (leaf instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  private static boolean lambdaMayThrow(
      LambdaExpressionTree lambda, Type interrupted, VisitorState state) {
    Type type = getType(lambda);
    if (type == null) {
      return false;
    }
    try {
      Type descriptor = state.getTypes().findDescriptorType(type);
      return descriptor.getThrownTypes().stream().anyMatch(t -> isSubtype(interrupted, t, state));
    } catch (RuntimeException e) {
      return false; // not a functional interface javac can describe: be safe
    }
  }

  /**
   * True if, after {@code shutdown()} (not {@code shutdownNow()}) of {@code executor}, a wait for
   * it would last until the last delayed task this file schedules on it is due: {@code
   * schedule(task, delay, unit)} tasks still run after {@code shutdown()} unless the file turns
   * that off ({@code setExecuteExistingDelayedTasksAfterShutdownPolicy(false)}). A wait inserted
   * there holds the stop for as long as the longest delay.
   */
  public static boolean keepsDelayedTasks(
      MethodInvocationTree shutdown, Symbol executor, VisitorState state) {
    if (!(getSymbol(shutdown) instanceof MethodSymbol method)
        || !method.getSimpleName().contentEquals("shutdown")) {
      return false;
    }
    boolean[] schedules = new boolean[1];
    boolean[] dropsThem = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call)
            && getReceiver(call) != null
            && executor.equals(getSymbol(getReceiver(call)))) {
          schedules[0] |= ExecutorCalls.SCHEDULE_ONCE.matches(call, state);
          dropsThem[0] |= ExecutorCalls.DELAYED_TASKS_AFTER_SHUTDOWN_POLICY.matches(call, state);
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return schedules[0] && !dropsThem[0];
  }

  /**
   * A deadline the enclosing method was given ({@link MethodDeadlines}), which a wait inserted
   * there keeps: an amount in a {@code TimeUnit} the code names ({@code unit}), in a fixed {@code
   * TimeUnit} constant ({@code unitConstant}: {@code timeoutMs} is in {@code MILLISECONDS}), or,
   * with neither, a {@link java.time.Duration}.
   */
  public record Deadline(String amount, @Nullable String unit, @Nullable String unitConstant) {
    /** An amount in the {@code TimeUnit} that {@code unit} names, or a Duration if it is null. */
    public Deadline(String amount, @Nullable String unit) {
      this(amount, unit, null);
    }

    /** An amount in the {@code TimeUnit} constant {@code constant} ({@code "MILLISECONDS"}). */
    public static Deadline inUnit(String amount, String constant) {
      return new Deadline(amount, null, constant);
    }

    /** True for a {@link java.time.Duration}. */
    boolean isDuration() {
      return unit == null && unitConstant == null;
    }
  }

  /**
   * True if the wait {@link #waitStatement} writes for these arguments is an {@code
   * awaitTermination}, which (with {@code checkResult}) throws when its time runs out; not an
   * unbounded {@code close()}, nor a {@code join}, which just returns.
   */
  public static boolean waitThrowsOnTimeout(
      CancelTarget.Kind kind, Tree receiverTree, @Nullable Deadline deadline, VisitorState state) {
    if (kind == CancelTarget.Kind.THREAD) {
      return false;
    }
    return !(deadline == null
        && executorCloseAvailable(state)
        && isExecutorService(receiverTree, state));
  }

  /**
   * One statement, on one line, that waits for {@code receiver} to terminate at {@code at}.
   *
   * @param checkResult for a timed wait, fail instead of going on when the time runs out (the code
   *     after the wait releases what the tasks use)
   */
  public static String waitStatement(
      CancelTarget.Kind kind,
      String receiver,
      Tree receiverTree,
      TreePath at,
      boolean checkResult,
      SuggestedFix.Builder fix,
      VisitorState state) {
    return waitStatement(kind, receiver, receiverTree, at, checkResult, null, fix, state);
  }

  /**
   * As {@link #waitStatement(CancelTarget.Kind, String, Tree, TreePath, boolean,
   * SuggestedFix.Builder, VisitorState)}, keeping the method's own {@code deadline} where it has
   * one: a timed wait on it rather than an unbounded {@code close()} or {@code join()}.
   */
  public static String waitStatement(
      CancelTarget.Kind kind,
      String receiver,
      Tree receiverTree,
      TreePath at,
      boolean checkResult,
      @Nullable Deadline deadline,
      SuggestedFix.Builder fix,
      VisitorState state) {
    String wait = waitCall(kind, receiver, receiverTree, checkResult, deadline, fix, state);
    if (waitsByClose(kind, receiverTree, deadline, state) || interruptPropagates(at, state)) {
      return wait;
    }
    return withRestoringCatch(wait, at);
  }

  /** {@code try { <waits> } catch (InterruptedException e) { <restore> }}, on one line. */
  public static String withRestoringCatch(String waits, TreePath at) {
    return "try { "
        + waits
        + " } catch (InterruptedException "
        + freshName(at, "e")
        + ") { Thread.currentThread().interrupt(); }";
  }

  /** The wait is an executor's {@code close()}, which throws no {@code InterruptedException}. */
  private static boolean waitsByClose(
      CancelTarget.Kind kind, Tree receiverTree, @Nullable Deadline deadline, VisitorState state) {
    return kind != CancelTarget.Kind.THREAD
        && deadline == null
        && executorCloseAvailable(state)
        && isExecutorService(receiverTree, state);
  }

  /**
   * The wait of {@link #waitStatement}, without the catch it may need: {@code t.join();}, {@code
   * pool.awaitTermination(..);}, {@code pool.close();} (which waits and keeps the flag itself).
   */
  public static String waitCall(
      CancelTarget.Kind kind,
      String receiver,
      Tree receiverTree,
      boolean checkResult,
      @Nullable Deadline deadline,
      SuggestedFix.Builder fix,
      VisitorState state) {
    String wait;
    if (kind == CancelTarget.Kind.THREAD) {
      if (deadline == null) {
        wait = receiver + ".join();";
      } else if (deadline.isDuration()) {
        wait = receiver + ".join(" + deadline.amount() + ".toMillis());";
      } else {
        // timedJoin, not join(millis): a deadline already past gives 0 or less, which join()
        // takes for "forever" or rejects.
        wait =
            unitOf(deadline, fix, state)
                + ".timedJoin("
                + receiver
                + ", "
                + deadline.amount()
                + ");";
      }
    } else if (waitsByClose(kind, receiverTree, deadline, state)) {
      return receiver + ".close();"; // waits, and keeps the interrupt flag itself
    } else {
      String await;
      String within;
      if (deadline == null) {
        String timeUnit = SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.TimeUnit");
        await = receiver + ".awaitTermination(" + TIMEOUT_SECONDS + ", " + timeUnit + ".SECONDS)";
        within = " within " + TIMEOUT_SECONDS + " seconds";
      } else if (deadline.isDuration()) {
        String timeUnit = SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.TimeUnit");
        await =
            receiver
                + ".awaitTermination("
                + deadline.amount()
                + ".toNanos(), "
                + timeUnit
                + ".NANOSECONDS)";
        within = " in time";
      } else {
        await =
            receiver
                + ".awaitTermination("
                + deadline.amount()
                + ", "
                + unitOf(deadline, fix, state)
                + ")";
        within = " in time";
      }
      wait =
          checkResult
              ? "if (!"
                  + await
                  + ") { throw new IllegalStateException(\""
                  + receiver.replace("\\", "\\\\").replace("\"", "\\\"")
                  + " did not terminate"
                  + within
                  + "\"); }"
              : await + ";";
    }
    return wait;
  }

  /**
   * Puts {@code wait} (a wait statement that needs a catch of its own, as {@link #waitStatement}
   * makes it) first into the block of the statement right after {@code anchor}, where that
   * statement is such a wait already: a {@code try} that only waits and whose one catch, of {@code
   * InterruptedException}, restores the flag ({@code try { other.join(); } catch
   * (InterruptedException e) { Thread.currentThread().interrupt(); }}, what the fix for another
   * cancel of the same stop inserted). Two such tries in a row would restore the flag between the
   * waits, and the second would throw at once and skip its wait. Null where no such try follows.
   */
  public static @Nullable SuggestedFix joinTheWaitThatFollows(
      TreePath anchor, String wait, VisitorState state) {
    if (!(anchor.getParentPath().getLeaf() instanceof BlockTree block)) {
      return null;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf(anchor.getLeaf());
    if (index < 0
        || index + 1 >= statements.size()
        || !(statements.get(index + 1) instanceof TryTree next)
        || !isWaitThatRestores(next, state)) {
      return null;
    }
    return SuggestedFix.prefixWith(next.getBlock().getStatements().getFirst(), wait + " ");
  }

  /** {@code try { a.join(); b.join(); } catch (InterruptedException e) { <restore>; }} */
  private static boolean isWaitThatRestores(TryTree tryTree, VisitorState state) {
    if (!tryTree.getResources().isEmpty()
        || tryTree.getFinallyBlock() != null
        || tryTree.getCatches().size() != 1
        || tryTree.getBlock().getStatements().isEmpty()) {
      return false;
    }
    for (StatementTree statement : tryTree.getBlock().getStatements()) {
      if (!(statement instanceof ExpressionStatementTree expression)
          || !(expression.getExpression() instanceof MethodInvocationTree call)
          || !Interrupts.throwsInterruptedException(call, state)) {
        return false;
      }
    }
    CatchTree handler = tryTree.getCatches().getFirst();
    List<? extends StatementTree> body = handler.getBlock().getStatements();
    return Interrupts.catchesInterruptedExceptionByName(handler, state)
        && body.size() == 1
        && body.getFirst() instanceof ExpressionStatementTree restore
        && Interrupts.isCurrentThreadInterrupt(restore.getExpression(), state);
  }

  /** The source that names a deadline's {@code TimeUnit}: its variable, or the constant. */
  private static String unitOf(Deadline deadline, SuggestedFix.Builder fix, VisitorState state) {
    if (deadline.unit() != null) {
      return deadline.unit();
    }
    return SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.TimeUnit")
        + "."
        + deadline.unitConstant();
  }

  /**
   * Inserts {@code statement} right after the statement at {@code path}, on a line of its own with
   * the same indentation (so that "Did you mean" shows it); a statement that is the whole body of
   * an if, a loop or a case rule is put in braces with the new one.
   */
  public static @Nullable SuggestedFix insertAfter(
      TreePath path, String statement, VisitorState state) {
    if (!(path.getLeaf() instanceof StatementTree current) || path.getParentPath() == null) {
      return null;
    }
    Tree parent = path.getParentPath().getLeaf();
    List<? extends StatementTree> siblings =
        switch (parent) {
          case BlockTree block -> block.getStatements();
          case CaseTree caseTree when caseTree.getCaseKind() == CaseTree.CaseKind.STATEMENT ->
              caseTree.getStatements();
          default -> null;
        };
    if (siblings == null) {
      return SuggestedFix.replace(
          current, "{ " + state.getSourceForNode(current) + " " + statement + " }");
    }
    int index = siblings.indexOf(current);
    if (index < 0) {
      return null;
    }
    if (index + 1 < siblings.size()) {
      return SourceEdits.insertBefore(siblings.get(index + 1), statement, state);
    }
    if (parent instanceof BlockTree block) {
      return SourceEdits.insertLast(block, statement, state);
    }
    return SuggestedFix.postfixWith(current, " " + statement);
  }

  /**
   * A variable name no variable of the enclosing top-level method or lambda uses, so that a new
   * catch parameter cannot clash with a local in scope.
   */
  public static String freshName(TreePath at, String preferred) {
    Tree outermost = null;
    for (TreePath p = at; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree || p.getLeaf() instanceof LambdaExpressionTree) {
        outermost = p.getLeaf();
      }
    }
    Set<String> taken = outermost == null ? Set.of() : LocalUses.declaredNames(outermost);
    return FreshNames.pick(
        taken, List.of(preferred, "ie", "interrupted", "interruption"), preferred, 1);
  }
}
