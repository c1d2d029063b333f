package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.CurrentThreadLocals;
import dev.cancelguard.analysis.jdk.ReadOnlyCalls;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Loops whose own exits already say what an interrupt should do, so that recording the interrupt
 * and restoring it after the loop — which keeps the interrupted thread going round and waiting
 * again — is not the right fix:
 *
 * <ul>
 *   <li>The loop's condition tests the current thread's flag without clearing it ({@code while
 *       (port == -1 && !Thread.currentThread().isInterrupted())}): restored in the catch, the flag
 *       ends the loop at that test before it waits again, as the code meant.
 *   <li>A poll on a caller's thread: the only wait in the {@code try} is a pause ({@code
 *       Thread.sleep(interval)}) or a timed wait under a lock ({@code lock.wait(remaining)}), and
 *       the loop's condition has a bound of time or count of its own ({@code timeLeft > 0} counted
 *       down in the loop, a clock read): the code after the loop already copes with a loop that
 *       ends before what it polls for has happened. Recorded, the interrupted caller would go on
 *       polling until the whole timeout has run out; restored and left with {@code break;}, it
 *       stops at once and the code after the loop runs as on a timeout.
 *   <li>A caller's timed wait whose every return leaves the loop ({@code while (key == null) { try
 *       { wait(10_000); break; } catch (InterruptedException e) {} }}): only the interrupt goes
 *       round, to wait the whole time again. Restored and left with {@code break;}, the code after
 *       the loop runs as when the wait timed out.
 *   <li>A caller's poll whose round already fails on a bound of its own ({@code if (++tries > max)
 *       throw new TimeoutException(..);}, a clock deadline): that throw is the code's answer to a
 *       wait that ends unsatisfied. Restored and thrown from the catch, the interrupted caller
 *       stops at once with the failure its callers already handle; where that throw cannot be
 *       written in the catch (it reads a local the round computes after the wait), no fix is
 *       offered.
 *   <li>A caller's catch that already leaves once a count of its own says so ({@code tryTimes++; if
 *       (tryTimes > 3) return null;}): that way out, taken at the first interrupt after the
 *       restore, stops the caller with an answer its callers already handle; where it cannot be
 *       written at the end of the catch, no fix is offered.
 *   <li>A caller's retry that goes on until its own attempt succeeds ({@code while (!success)}, a
 *       back-off pause, no count or clock): recorded, the interrupted caller would retry for as
 *       long as the attempts fail, and the code has no way out to take instead: no fix.
 * </ul>
 */
final class LoopInterruptExits {
  private LoopInterruptExits() {}

  /**
   * True if the condition of {@code loop} calls {@code isInterrupted()} on the current thread
   * ({@code Thread.currentThread()}, or a local holding it).
   */
  static boolean conditionTestsOwnFlag(Tree loop, VisitorState state) {
    ExpressionTree condition = Loops.condition(loop);
    if (condition == null) {
      return false;
    }
    boolean[] tests = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && ThreadCalls.IS_INTERRUPTED.matches(call, state)) {
          ExpressionTree receiver = com.google.errorprone.util.ASTHelpers.getReceiver(call);
          tests[0] |=
              receiver != null
                  && (ThreadCalls.CURRENT_THREAD.matches(Expressions.strip(receiver), state)
                      || CurrentThreadLocals.holdsTheCurrentThread(receiver, state));
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(condition, null);
    return tests[0];
  }

  /**
   * True if the catch at {@code catchPath}, which goes back round {@code loop}, guards only pauses
   * ({@code Thread.sleep}, {@code TimeUnit.sleep}) or timed waits under a lock of a loop whose
   * condition has a bound of time or count of its own, the catch can leave that loop with {@code
   * break;} (no {@code switch} between) and nothing that runs after the loop may fail when
   * interrupted.
   */
  static boolean pollLeavesAsOnItsTimeout(
      TreePath loop,
      TreePath catchPath,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (!(catchPath.getParentPath().getLeaf() instanceof TryTree tryTree)
        || !onlyPausesOrTimedWaits(tryTree, state, options)
        || switchBetween(catchPath, loop)) {
      return false;
    }
    for (TreePath p = catchPath.getParentPath(); p != null && p != loop; p = p.getParentPath()) {
      // What the rest of the loop's round does after the try is skipped by the break: only its
      // counting (`timeLeft -= interval;`, `if (++tries > max) break;`) may be, not work or
      // cleanup (`closeSocket(client);`, a recheck that undeploys).
      // A test that only decides whether the round leaves (`if (!isDoing()) break;`) may call:
      // skipped, the break taken instead is the way out it would choose when the wait is over.
      if (p.getParentPath().getLeaf() instanceof BlockTree block) {
        boolean after = false;
        for (StatementTree statement : block.getStatements()) {
          if (after && callsMoreThanAClock(statement) && !onlyDecidesToLeave(statement)) {
            return false;
          }
          after |= statement == p.getLeaf();
        }
      }
    }
    return (conditionHasABound(loop.getLeaf(), state) || leavesOnABound(loop.getLeaf(), state))
        && FailingCalls.mayFailAfter(loop, codeUnit, state, options) == null;
  }

  /**
   * True if {@code statement}, in a loop's round, only decides whether the round leaves the loop:
   * {@code if}s (whose conditions may call: they are tests) whose branches hold nothing but
   * unlabelled {@code break}s, blocks, and assignments and declarations that call nothing but a
   * clock ({@code if (!isDoing()) break; else { left = deadline - now(); if (left <= 0) break; }}).
   */
  private static boolean onlyDecidesToLeave(StatementTree statement) {
    return switch (statement) {
      case BlockTree block ->
          block.getStatements().stream().allMatch(LoopInterruptExits::onlyDecidesToLeave);
      case IfTree ifTree ->
          onlyDecidesToLeave(ifTree.getThenStatement())
              && (ifTree.getElseStatement() == null
                  || onlyDecidesToLeave(ifTree.getElseStatement()));
      case BreakTree breakTree -> breakTree.getLabel() == null;
      case ExpressionStatementTree expression ->
          !(expression.getExpression() instanceof MethodInvocationTree)
              && !callsMoreThanAClock(expression);
      case VariableTree variable -> !callsMoreThanAClock(variable);
      default -> false;
    };
  }

  /**
   * True if {@code loop}, whatever its condition, leaves on a bound of its own: an unlabelled
   * {@code break} of it (not in a nested loop or {@code switch}) under an {@code if} whose
   * condition reads a bound the loop keeps ({@link #boundsKeptIn}: {@code for (;;) { .. wait(left);
   * .. left = timeout - (now() - start); if (left <= 0) break; }}). The code after the loop copes
   * with a loop that ends before what it waits for has happened, as for a bounded condition.
   */
  private static boolean leavesOnABound(Tree loop, VisitorState state) {
    Set<Symbol> bounds = boundsKeptIn(loop, state);
    if (bounds.isEmpty()) {
      return false;
    }
    boolean[] leaves = new boolean[1];
    new NestedCodeSkipper() {
      private final List<IfTree> ifs = new ArrayList<>();

      @Override
      public Void scan(Tree node, Void unused) {
        if (leaves[0]
            || (node != loop
                && (Loops.isLoop(node)
                    || node instanceof SwitchTree
                    || node instanceof SwitchExpressionTree))) {
          return null;
        }
        return super.scan(node, null);
      }

      @Override
      public Void visitIf(IfTree tree, Void unused) {
        scan(tree.getCondition(), null);
        ifs.add(tree);
        scan(tree.getThenStatement(), null);
        scan(tree.getElseStatement(), null);
        ifs.removeLast();
        return null;
      }

      @Override
      public Void visitBreak(BreakTree tree, Void unused) {
        leaves[0] |=
            tree.getLabel() == null
                && !ifs.isEmpty()
                && readsAny(ifs.getLast().getCondition(), bounds);
        return null;
      }
    }.scan(loop, null);
    return leaves[0];
  }

  /**
   * A pause ({@code Thread.sleep}, {@code TimeUnit.sleep}), or a wait for a condition under a lock
   * that ends by a timeout of its own ({@code lock.wait(remaining)}, {@code
   * condition.await(remaining, unit)}, {@code condition.awaitNanos(remaining)}): in a loop with a
   * deadline, the code after the loop copes with a wait that ended before what it waits for.
   */
  private static boolean isPauseOrTimedWait(MethodInvocationTree wait, VisitorState state) {
    return Expressions.isResolved(wait)
        && (ThreadCalls.SLEEP.matches(wait, state)
            || (!wait.getArguments().isEmpty()
                && (SyncCalls.OBJECT_WAIT.matches(wait, state)
                    || SyncCalls.CONDITION_AWAIT.matches(wait, state))));
  }

  /**
   * True if the loop's condition reads a clock ({@code System.nanoTime()}, {@code
   * System.currentTimeMillis()}) or a variable that the loop counts ({@code timeLeft -= interval},
   * {@code attempts++}) or sets from a clock.
   */
  private static boolean conditionHasABound(Tree loop, VisitorState state) {
    ExpressionTree condition = Loops.condition(loop);
    if (condition == null || Loops.isConstantTrue(condition)) {
      return false;
    }
    if (ReadOnlyCalls.readsSystemClock(condition)) {
      return true;
    }
    Set<Symbol> counted = countedIn(loop);
    new NestedCodeSkipper() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        Symbol symbol = getSymbol(Expressions.strip(tree.getVariable()));
        if (symbol != null && ReadOnlyCalls.readsSystemClock(tree.getExpression())) {
          counted.add(symbol);
        }
        return super.visitAssignment(tree, null);
      }
    }.scan(loop, null);
    boolean[] reads = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        reads[0] |= counted.contains(getSymbol(tree));
        return null;
      }
    }.scan(condition, null);
    return reads[0];
  }

  /**
   * True if the catch at {@code catchPath} guards a pause or timed wait whose every return leaves
   * {@code loop}: its {@code try} block ends with {@code break;} of that loop, and nothing before
   * the break jumps elsewhere, so that only an interrupt sends the caller round to wait again. No
   * {@code switch} between the catch and the loop (its {@code break;} would land there), and
   * nothing after the loop may fail when interrupted.
   */
  static boolean timedWaitLeavesEitherWay(
      TreePath loop,
      TreePath catchPath,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (!(catchPath.getParentPath().getLeaf() instanceof TryTree tryTree)
        || tryTree.getFinallyBlock() != null
        || !onlyPausesOrTimedWaits(tryTree, state, options)
        || switchBetween(catchPath, loop)) {
      return false;
    }
    List<? extends StatementTree> statements = tryTree.getBlock().getStatements();
    if (statements.isEmpty()
        || !(statements.getLast() instanceof BreakTree last)
        || last.getLabel() != null) {
      return false;
    }
    for (StatementTree statement : statements.subList(0, statements.size() - 1)) {
      if (NestedCodeSkipper.containsKind(
          statement,
          Tree.Kind.BREAK,
          Tree.Kind.CONTINUE,
          Tree.Kind.RETURN,
          Tree.Kind.THROW,
          Tree.Kind.YIELD)) {
        return false;
      }
    }
    return FailingCalls.mayFailAfter(loop, codeUnit, state, options) == null;
  }

  /**
   * The throw by which a caller's poll already fails on a bound of its own, for the catch at {@code
   * catchPath} that goes back round {@code loop}; {@code copyable} when the same throw can be
   * written at the end of the catch.
   */
  record FailureExit(ThrowTree exit, boolean copyable) {}

  /**
   * The failure exit of a caller's poll: the catch guards only pauses and timed waits, and the
   * round holds exactly one {@code throw new ..(..)}, outside any catch, guarded by an {@code if}
   * whose condition reads a bound the loop keeps (a count it steps, a clock, a local computed from
   * them): the code's answer to a wait that ended unsatisfied. Null where there is none, where a
   * {@code try} with catches (other than the catch's own, which must not catch what is thrown)
   * stands between the throw or the loop and the code unit, or where another {@code try} stands
   * between the catch and the loop.
   */
  static @Nullable FailureExit pollFailureExit(
      TreePath loop,
      TreePath catchPath,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (!(catchPath.getParentPath().getLeaf() instanceof TryTree tryTree)) {
      return null;
    }
    for (TreePath p = catchPath.getParentPath().getParentPath();
        p != null && p != loop;
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree) {
        return null;
      }
    }
    for (TreePath p = loop.getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree around && !around.getCatches().isEmpty()) {
        return null;
      }
    }
    Set<Symbol> bounds = boundsKeptIn(loop.getLeaf(), state);
    List<ThrowTree> exits = new ArrayList<>();
    List<IfTree> guards = new ArrayList<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitThrow(ThrowTree tree, Void unused) {
        IfTree guard = boundGuard(getCurrentPath(), tryTree, loop, bounds, state);
        if (guard != null) {
          exits.add(tree);
          guards.add(guard);
        }
        return super.visitThrow(tree, null);
      }
    }.scan(loop, null);
    // What the failure exit does before its throw (`destroyChannel(channel);`) runs only once the
    // bound is reached: it is not one of the poll's waits.
    if (exits.size() != 1
        || !onlyPausesOrTimedWaits(tryTree, guards.getFirst().getThenStatement(), state, options)) {
      return null;
    }
    ThrowTree exit = exits.getFirst();
    return new FailureExit(exit, inScopeAt(exit.getExpression(), tryTree, catchPath, codeUnit));
  }

  /**
   * True if {@code loop} retries until its own attempt succeeds and has no other end: its condition
   * reads only local {@code boolean} flags ({@code while (!success)}) that the loop sets only to
   * {@code true} or {@code false}, never in the catch at {@code catchPath}; it keeps no count or
   * clock; and the {@code try} of the catch guards only pauses ({@code Thread.sleep}, {@code
   * TimeUnit.sleep}), its back-off between attempts. Recorded, the interrupt would keep the caller
   * retrying for as long as the attempts fail; restored at once, every pause would fail at once and
   * the retries would spin; leaving needs a way out the code does not have.
   */
  static boolean retriesUntilItsOwnSuccess(
      TreePath loop, TreePath catchPath, VisitorState state, CancelGuardOptions options) {
    if (!(catchPath.getLeaf() instanceof CatchTree catchTree)
        || !(catchPath.getParentPath().getLeaf() instanceof TryTree tryTree)) {
      return false;
    }
    ExpressionTree condition = Loops.condition(loop.getLeaf());
    if (condition == null || Loops.isConstantTrue(condition)) {
      return false;
    }
    // After the back-off the code leaves the loop anyway (`retry = true; break;` for a last try
    // after it): the interrupted caller does not go round again.
    if (leavesTheLoopAfter(catchPath.getParentPath(), loop)) {
      return false;
    }
    List<MethodInvocationTree> waits =
        FailingCalls.failingCallsIn(tryTree.getBlock(), state, options);
    if (waits.isEmpty()
        || !waits.stream()
            .allMatch(
                wait -> Expressions.isResolved(wait) && ThreadCalls.SLEEP.matches(wait, state))) {
      return false;
    }
    Set<Symbol> flags = new HashSet<>();
    boolean[] other = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        Symbol symbol = getSymbol(id);
        if (symbol != null
            && symbol.getKind() == ElementKind.LOCAL_VARIABLE
            && symbol.type != null
            && symbol.type.getKind() == javax.lang.model.type.TypeKind.BOOLEAN) {
          flags.add(symbol);
        } else {
          other[0] = true;
        }
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        other[0] = true;
        return null;
      }

      @Override
      public Void visitMemberSelect(com.sun.source.tree.MemberSelectTree tree, Void unused) {
        other[0] = true;
        return null;
      }
    }.scan(condition, null);
    if (flags.isEmpty() || other[0]) {
      return false;
    }
    if (!boundsKeptIn(loop.getLeaf(), state).isEmpty()
        || ReadOnlyCalls.readsSystemClock(loop.getLeaf())) {
      return false;
    }
    boolean[] otherWrites = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (flags.contains(getSymbol(Expressions.strip(tree.getVariable())))) {
          boolean literal =
              Expressions.strip(tree.getExpression()).getKind() == Tree.Kind.BOOLEAN_LITERAL;
          otherWrites[0] |= !literal || contains(catchTree, tree);
        }
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
        otherWrites[0] |= flags.contains(getSymbol(Expressions.strip(tree.getVariable())));
        return super.visitCompoundAssignment(tree, null);
      }
    }.scan(loop, null);
    return !otherWrites[0];
  }

  /**
   * True if a statement that follows the statement at {@code statementPath}, in its block or in an
   * enclosing block inside {@code loop}, leaves the loop without going round again ({@link
   * Loops#leavesLoop}).
   */
  private static boolean leavesTheLoopAfter(TreePath statementPath, TreePath loop) {
    TreePath child = statementPath;
    for (TreePath path = statementPath.getParentPath();
        path != null && path.getLeaf() != loop.getLeaf();
        path = path.getParentPath()) {
      if (path.getLeaf() instanceof BlockTree block) {
        boolean after = false;
        for (StatementTree statement : block.getStatements()) {
          if (after && Loops.leavesLoop(statement, loop)) {
            return true;
          }
          after |= statement == child.getLeaf();
        }
      }
      child = path;
    }
    return false;
  }

  /**
   * The way out that the catch of the interrupt already takes once a count or a clock says so, for
   * the catch at {@code catchPath} that otherwise goes back round {@code loop}; {@code copyable}
   * when the same statement can be written at the end of the catch, after the restore.
   */
  record CountedExit(StatementTree exit, boolean copyable) {}

  /**
   * The catch's own counted way out: the catch's block holds exactly one {@code return} or {@code
   * throw} outside nested loops, classes and lambdas, and whether it is taken depends on an {@code
   * if} of the catch whose condition reads a bound the loop keeps (a count it steps, a clock, a
   * local computed from them): either the exit is in that {@code if}'s then branch ({@code
   * tryTimes++; if (tryTimes > 3) { return null; }}), or it is the catch's last statement and the
   * {@code if} before it goes back round ({@code if (i + 1 < retry) { continue; } .. throw e;}).
   * The code already says that interrupts end the loop this way, only not at the first one.
   * Copyable where the exit sits in the then branch (the end of the catch is reached on the other
   * branch), is a {@code return} or a {@code throw} of an exception other than the caught one (a
   * rethrow of the caught interrupt needs no restore before it), and reads only what is in scope at
   * the end of the catch.
   */
  static @Nullable CountedExit catchCountedExit(
      TreePath loop, TreePath catchPath, TreePath codeUnit, VisitorState state) {
    if (!(catchPath.getLeaf() instanceof CatchTree catchTree)
        || !(catchPath.getParentPath().getLeaf() instanceof TryTree tryTree)) {
      return null;
    }
    BlockTree block = catchTree.getBlock();
    List<TreePath> exits = new ArrayList<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitReturn(com.sun.source.tree.ReturnTree tree, Void unused) {
        exits.add(getCurrentPath());
        return null;
      }

      @Override
      public Void visitThrow(ThrowTree tree, Void unused) {
        exits.add(getCurrentPath());
        return null;
      }

      @Override
      public Void visitWhileLoop(com.sun.source.tree.WhileLoopTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitDoWhileLoop(com.sun.source.tree.DoWhileLoopTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitForLoop(com.sun.source.tree.ForLoopTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitEnhancedForLoop(com.sun.source.tree.EnhancedForLoopTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitTry(TryTree tree, Void unused) {
        exits.add(getCurrentPath()); // a try inside the catch: what leaves it is not plain
        return null;
      }
    }.scan(new TreePath(catchPath, block), null);
    if (exits.size() != 1
        || !(exits.getFirst().getLeaf() instanceof StatementTree exit)
        || exit instanceof TryTree) {
      return null;
    }
    Set<Symbol> bounds = boundsKeptIn(loop.getLeaf(), state);
    Symbol caught = getSymbol(catchTree.getParameter());
    boolean rethrowsCaught =
        exit instanceof ThrowTree thrown
            && caught != null
            && caught.equals(getSymbol(Expressions.strip(thrown.getExpression())));
    // The exit in the then branch of a counted if of the catch.
    Tree child = exit;
    for (TreePath p = exits.getFirst().getParentPath();
        p != null && p.getLeaf() != block;
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof IfTree ifTree) {
        if (ifTree.getThenStatement() == child
            && ifTree.getElseStatement() == null
            && p.getParentPath().getLeaf() == block
            && readsAny(ifTree.getCondition(), bounds)
            && endsReachably(block.getStatements().getLast())) {
          ExpressionTree value =
              exit instanceof ThrowTree thrown
                  ? thrown.getExpression()
                  : ((com.sun.source.tree.ReturnTree) exit).getExpression();
          return new CountedExit(
              exit,
              !rethrowsCaught && (value == null || inScopeAt(value, tryTree, catchPath, codeUnit)));
        }
        return null;
      }
      child = p.getLeaf();
    }
    // The exit last, after a counted if that goes back round.
    List<? extends StatementTree> statements = block.getStatements();
    if (statements.getLast() != exit) {
      return null;
    }
    for (StatementTree statement : statements) {
      if (statement instanceof IfTree ifTree
          && ifTree.getElseStatement() == null
          && readsAny(ifTree.getCondition(), bounds)
          && endsWithContinue(ifTree.getThenStatement())) {
        return new CountedExit(exit, false);
      }
    }
    return null;
  }

  private static boolean endsWithContinue(StatementTree statement) {
    StatementTree last = statement;
    while (last instanceof BlockTree inner && !inner.getStatements().isEmpty()) {
      last = inner.getStatements().getLast();
    }
    return last instanceof com.sun.source.tree.ContinueTree continued
        && continued.getLabel() == null;
  }

  /**
   * True if the end of a block whose last statement is {@code statement} is reached when that
   * statement completes: an expression, a declaration, or an {@code if} with no {@code else}.
   */
  private static boolean endsReachably(StatementTree statement) {
    return statement instanceof com.sun.source.tree.ExpressionStatementTree
        || statement instanceof VariableTree
        || (statement instanceof IfTree ifTree && ifTree.getElseStatement() == null);
  }

  /**
   * The source of {@code exit}, to be written in a catch: its line breaks and the indentation after
   * them folded into single spaces (not where it holds a text block, whose line breaks are its
   * content, or something that may be a comment).
   */
  static String sourceOf(StatementTree exit, VisitorState state) {
    String source = state.getSourceForNode(exit);
    if (source == null) {
      ExpressionTree value =
          exit instanceof ThrowTree thrown
              ? thrown.getExpression()
              : ((com.sun.source.tree.ReturnTree) exit).getExpression();
      return (exit instanceof ThrowTree ? "throw " : "return")
          + (value == null
              ? ""
              : (exit instanceof ThrowTree ? "" : " ") + state.getSourceForNode(value))
          + ";";
    }
    return source.contains("\"\"\"") || source.contains("//") || source.contains("/*")
        ? source
        : source.replaceAll("\\(\\s*\\R\\s*", "(").replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * The {@code if} that guards the throw at {@code path} as a failure on a bound: the throw creates
   * its exception, sits in {@code loop} outside any catch and nested loop, in no {@code try} but
   * {@code tryTree} (whose catches must not take what it throws), and its nearest {@code if} (the
   * throw in the then branch) has a condition that reads one of {@code bounds}; null otherwise.
   */
  private static @Nullable IfTree boundGuard(
      TreePath path, TryTree tryTree, TreePath loop, Set<Symbol> bounds, VisitorState state) {
    ThrowTree tree = (ThrowTree) path.getLeaf();
    if (!(Expressions.strip(tree.getExpression()) instanceof NewClassTree created)) {
      return null;
    }
    Type thrown = ASTHelpers.getType(created);
    if (thrown == null) {
      return null;
    }
    IfTree guard = null;
    Tree child = tree;
    for (TreePath p = path.getParentPath(); p != null && p != loop; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof CatchTree || Loops.isLoop(leaf)) {
        return null;
      }
      if (leaf instanceof TryTree around) {
        if (around != tryTree || child != around.getBlock()) {
          return null;
        }
        for (CatchTree catchTree : around.getCatches()) {
          for (Type caught : Catches.caughtTypes(catchTree)) {
            if (ASTHelpers.isSubtype(thrown, caught, state)
                || ASTHelpers.isSubtype(caught, thrown, state)) {
              return null;
            }
          }
        }
      }
      if (guard == null && leaf instanceof IfTree ifTree && ifTree.getThenStatement() == child) {
        guard = ifTree;
      }
      child = leaf;
    }
    return guard != null && readsAny(guard.getCondition(), bounds) ? guard : null;
  }

  /**
   * The variables {@code loop} keeps as a bound: those it counts ({@code tries++}, {@code left -=
   * step}) or sets from a clock, and, as far as it goes, those it sets from them ({@code long
   * elapsed = now() - start; remain = timeout - elapsed;}).
   */
  private static Set<Symbol> boundsKeptIn(Tree loop, VisitorState state) {
    Set<Symbol> bounds = countedIn(loop);
    boolean[] grew = {true};
    while (grew[0]) {
      grew[0] = false;
      new NestedCodeSkipper() {
        @Override
        public Void visitAssignment(AssignmentTree tree, Void unused) {
          note(getSymbol(Expressions.strip(tree.getVariable())), tree.getExpression());
          return super.visitAssignment(tree, null);
        }

        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
          note(getSymbol(tree), tree.getInitializer());
          return super.visitVariable(tree, null);
        }

        private void note(@Nullable Symbol variable, @Nullable ExpressionTree value) {
          if (variable != null
              && value != null
              && !bounds.contains(variable)
              && (ReadOnlyCalls.readsSystemClock(value) || readsAny(value, bounds))) {
            bounds.add(variable);
            grew[0] = true;
          }
        }
      }.scan(loop, null);
    }
    return bounds;
  }

  /** The variables {@code loop} counts: {@code tries++}, {@code --left}, {@code left -= step}. */
  private static Set<Symbol> countedIn(Tree loop) {
    Set<Symbol> counted = new HashSet<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
        add(tree.getVariable());
        return super.visitCompoundAssignment(tree, null);
      }

      @Override
      public Void visitUnary(UnaryTree tree, Void unused) {
        switch (tree.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
              add(tree.getExpression());
          default -> {}
        }
        return super.visitUnary(tree, null);
      }

      private void add(ExpressionTree variable) {
        Symbol symbol = getSymbol(Expressions.strip(variable));
        if (symbol != null) {
          counted.add(symbol);
        }
      }
    }.scan(loop, null);
    return counted;
  }

  private static boolean readsAny(Tree tree, Set<Symbol> variables) {
    if (ReadOnlyCalls.readsSystemClock(tree)) {
      return true;
    }
    boolean[] reads = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        reads[0] |= variables.contains(getSymbol(id));
        return null;
      }
    }.scan(tree, null);
    return reads[0];
  }

  /**
   * True if every local variable {@code expression} reads is in scope, and assigned, at the end of
   * the catch at {@code catchPath}: a parameter of the code unit, or a local declared with a value
   * before {@code tryTree} in a block around it.
   */
  private static boolean inScopeAt(
      ExpressionTree expression, TryTree tryTree, TreePath catchPath, TreePath codeUnit) {
    Map<Symbol, TreePath> declarations = new HashMap<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        Symbol symbol = getSymbol(tree);
        if (symbol != null) {
          declarations.put(symbol, getCurrentPath());
        }
        return super.visitVariable(tree, null);
      }
    }.scan(codeUnit, null);
    long tryStart = ASTHelpers.getStartPosition(tryTree);
    boolean[] outOfScope = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        Symbol symbol = getSymbol(id);
        if (symbol == null || !isLocal(symbol)) {
          return null;
        }
        TreePath declaration = declarations.get(symbol);
        if (declaration == null) {
          // Declared outside the code unit: a parameter of an enclosing method or lambda, or a
          // local an inner class captures; in scope, and (being captured) assigned.
          return null;
        }
        VariableTree variable = (VariableTree) declaration.getLeaf();
        boolean parameter = symbol.getKind() == ElementKind.PARAMETER;
        outOfScope[0] |=
            !parameter
                && (variable.getInitializer() == null
                    || ASTHelpers.getStartPosition(variable) >= tryStart
                    || !encloses(declaration.getParentPath(), catchPath));
        return null;
      }
    }.scan(expression, null);
    return !outOfScope[0];
  }

  private static boolean isLocal(Symbol symbol) {
    return switch (symbol.getKind()) {
      case LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE ->
          true;
      default -> false;
    };
  }

  private static boolean encloses(@Nullable TreePath outer, TreePath inner) {
    if (outer == null) {
      return false;
    }
    for (TreePath p = inner; p != null; p = p.getParentPath()) {
      if (p.getLeaf() == outer.getLeaf()) {
        return true;
      }
    }
    return false;
  }

  private static boolean onlyPausesOrTimedWaits(
      TryTree tryTree, VisitorState state, CancelGuardOptions options) {
    return onlyPausesOrTimedWaits(tryTree, null, state, options);
  }

  /**
   * True if the calls in {@code tryTree}'s block that may fail when interrupted, those inside
   * {@code except} left out, are all pauses or timed waits, and there is one.
   */
  private static boolean onlyPausesOrTimedWaits(
      TryTree tryTree, @Nullable Tree except, VisitorState state, CancelGuardOptions options) {
    List<MethodInvocationTree> waits =
        FailingCalls.failingCallsIn(tryTree.getBlock(), state, options).stream()
            .filter(wait -> except == null || !contains(except, wait))
            .toList();
    return !waits.isEmpty() && waits.stream().allMatch(wait -> isPauseOrTimedWait(wait, state));
  }

  private static boolean contains(Tree root, Tree target) {
    boolean[] found = new boolean[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == target) {
          found[0] = true;
        }
        return found[0] ? null : super.scan(tree, null);
      }
    }.scan(root, null);
    return found[0];
  }

  private static boolean switchBetween(TreePath catchPath, TreePath loop) {
    for (TreePath p = catchPath.getParentPath(); p != null && p != loop; p = p.getParentPath()) {
      if (p.getLeaf() instanceof SwitchTree || p.getLeaf() instanceof SwitchExpressionTree) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code tree} calls or creates anything but a clock read. */
  private static boolean callsMoreThanAClock(Tree tree) {
    boolean[] calls = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        calls[0] |= !ReadOnlyCalls.readsSystemClock(call);
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        calls[0] = true;
        return null;
      }
    }.scan(tree, null);
    return calls[0];
  }
}
