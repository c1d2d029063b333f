package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.BlockingHelpers;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Jumps;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.List;

/**
 * A task's walk over the collections it holds, made on its way to a wait: {@code for (Entry<String,
 * Spec> e : spec.topics().entrySet()) { for (int p : e.getValue().partitions()) { active.add(new
 * TopicPartition(e.getKey(), p)); } } createTopics(admin, topics);} where {@code createTopics}
 * waits for the broker in {@code future.get()}. The walk is not the task's main work: it builds
 * what the wait needs, over collections that are there when it starts, and an interrupt that comes
 * during it stays pending until the wait right after it, which the interrupt ends.
 *
 * <p>The shape, all of it read from the code:
 *
 * <ul>
 *   <li>the loop is a walk ({@link PeriodicSweeps#isWalk}): every loop of it is a for-each over a
 *       {@code java.util.Collection} (no array, no counted or conditional loop, where a
 *       computation's rounds are; no {@code Iterable} of the program's own, which may be a
 *       generator), nothing in it waits, and nothing is added to what it walks;
 *   <li>its code is of known length: no call of an abstract method other than those of {@code
 *       java.util}'s collections, maps and iterators (a listener, a handler, a callback or a
 *       comparator runs whatever its implementation does), no lambda, method reference or anonymous
 *       class (code handed on, which may run at once), no call whose own code waits ({@link
 *       BlockingHelpers#mayFailByItsOwnCode}), and no call of a method of this compilation whose
 *       body has a counted or conditional loop of its own — except the calls that yield a
 *       for-each's collection, which cost what walking it costs;
 *   <li>on every normal path from the loop's end (not through a {@code return}, {@code break},
 *       {@code continue} or {@code yield}; a {@code throw} ends the task) the task reaches, before
 *       anything else that notices an interrupt, a statement whose own expression (not a branch of
 *       {@code ?:}, {@code &&} or {@code ||}, not a lambda) makes a call that notices cancellation
 *       ({@link CancellationPoints#noticesCancellation}), a same-file helper that has such a call,
 *       or a call whose own code waits in one ({@link BlockingHelpers#blocksByItsOwnCode}).
 * </ul>
 *
 * <p>Nothing between the loop and that wait can take the interrupt (it would have to notice it), so
 * the interrupt ends the task there. A computation over arrays or counted ranges, a walk that calls
 * handlers or helpers that loop, one with nothing after it, one whose wait is behind a branch or
 * after a {@code return}, and one over a collection the walk refills are still reported.
 */
public final class WalksBeforeAWait {
  private WalksBeforeAWait() {}

  /**
   * True if the loop at {@code loopPath}, the outermost loop of {@code codeUnit}, is such a walk
   * followed by such a wait.
   */
  public static boolean isWalkBeforeAWait(
      StatementTree loop,
      TreePath loopPath,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    return PeriodicSweeps.isWalk(loop, state)
        && walksOnlyCollections(loop, state)
        && hasCodeOfKnownLength(loop, state)
        && waitFollows(loopPath, codeUnit, state, options);
  }

  /** Every for-each of the loop walks a {@code java.util.Collection}. */
  private static boolean walksOnlyCollections(StatementTree loop, VisitorState state) {
    boolean[] other = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree forEach, Void unused) {
        other[0] |=
            !Supertypes.isSubtypeOf(
                getType(forEach.getExpression()), "java.util.Collection", state);
        return super.visitEnhancedForLoop(forEach, null);
      }
    }.scan(loop, null);
    return !other[0];
  }

  /** The second point of the class comment. */
  private static boolean hasCodeOfKnownLength(StatementTree loop, VisitorState state) {
    boolean[] unknown = new boolean[1];
    new TreeScanner<Void, Void>() {
      private boolean yieldsAWalkedCollection;

      @Override
      public Void scan(Tree tree, Void unused) {
        return unknown[0] ? null : super.scan(tree, null);
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree forEach, Void unused) {
        boolean outer = yieldsAWalkedCollection;
        yieldsAWalkedCollection = true;
        scan(forEach.getExpression(), null);
        yieldsAWalkedCollection = outer;
        scan(forEach.getVariable(), null);
        return scan(forEach.getStatement(), null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        unknown[0] = true;
        return null;
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        unknown[0] = true;
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        if (creation.getClassBody() != null) {
          unknown[0] = true;
          return null;
        }
        return super.visitNewClass(creation, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!Expressions.isResolved(call)
            || !(getSymbol(call) instanceof MethodSymbol method)
            || isOfUnknownLength(method, yieldsAWalkedCollection, state)) {
          unknown[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loop, null);
    return !unknown[0];
  }

  private static boolean isOfUnknownLength(
      MethodSymbol method, boolean yieldsAWalkedCollection, VisitorState state) {
    if ((method.flags() & Flags.ABSTRACT) != 0) {
      String owner = method.owner.getQualifiedName().toString();
      String ownerPackage = method.owner.packge().getQualifiedName().toString();
      // java.util's collections, maps, entries and iterators; not a Comparator of the program's.
      return !ownerPackage.equals("java.util") || owner.equals("java.util.Comparator");
    }
    if (BlockingHelpers.mayFailByItsOwnCode(method, state)) {
      return true;
    }
    if (yieldsAWalkedCollection) {
      return false;
    }
    MethodTree declaration = CompiledSources.methodTree(method, state);
    return declaration != null
        && declaration.getBody() != null
        && NestedCodeSkipper.containsKind(
            declaration.getBody(),
            Tree.Kind.WHILE_LOOP,
            Tree.Kind.DO_WHILE_LOOP,
            Tree.Kind.FOR_LOOP);
  }

  // ------------------------------------------------------------------ the wait after the walk

  /** The third point of the class comment. */
  private static boolean waitFollows(
      TreePath loopPath, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    TreePath current = loopPath;
    while (true) {
      TreePath parentPath = current.getParentPath();
      if (parentPath == null || parentPath.getLeaf() == codeUnit.getLeaf()) {
        return false; // the end of the task: no wait after the walk
      }
      Way way =
          switch (parentPath.getLeaf()) {
            case BlockTree block -> {
              List<? extends StatementTree> statements = block.getStatements();
              int index = statements.indexOf(current.getLeaf());
              yield index < 0
                  ? Way.STOPS
                  : sequence(statements.subList(index + 1, statements.size()), state, options);
            }
            // After the try block or a catch, the finally runs, then what follows the try.
            case TryTree tryTree ->
                tryTree.getFinallyBlock() == null || current.getLeaf() == tryTree.getFinallyBlock()
                    ? Way.ON
                    : statement(tryTree.getFinallyBlock(), state, options);
            case CatchTree catchTree -> Way.ON;
            case IfTree ifTree -> Way.ON;
            case LabeledStatementTree labeled -> Way.ON;
            case SynchronizedTree synchronizedTree -> Way.ON;
            default -> Way.STOPS; // a loop, a switch, a lambda: not a straight way on
          };
      if (way != Way.ON) {
        return way == Way.WAITS;
      }
      current = parentPath;
    }
  }

  /** Where a way through statements leads. */
  private enum Way {
    /** To a wait that an interrupt ends. */
    WAITS,
    /** Through, with no wait and nothing that takes the interrupt or leaves. */
    ON,
    /** Somewhere else: it leaves, branches or takes the interrupt. */
    STOPS
  }

  private static Way sequence(
      List<? extends StatementTree> statements, VisitorState state, CancelGuardOptions options) {
    for (StatementTree next : statements) {
      Way way = statement(next, state, options);
      if (way != Way.ON) {
        return way;
      }
    }
    return Way.ON;
  }

  /**
   * A statement on the way: a wait, or a block, {@code try} or {@code synchronized} whose block
   * begins with a way to one; otherwise passed through or not.
   */
  private static Way statement(
      StatementTree statement, VisitorState state, CancelGuardOptions options) {
    if (isWait(statement, state, options)) {
      return Way.WAITS;
    }
    Way inner =
        switch (statement) {
          case BlockTree block -> sequence(block.getStatements(), state, options);
          case TryTree tryTree -> sequence(tryTree.getBlock().getStatements(), state, options);
          case SynchronizedTree synchronizedTree ->
              sequence(synchronizedTree.getBlock().getStatements(), state, options);
          case LabeledStatementTree labeled -> statement(labeled.getStatement(), state, options);
          default -> Way.ON;
        };
    if (inner != Way.ON) {
      return inner;
    }
    return isPassedThrough(statement, state, options) ? Way.ON : Way.STOPS;
  }

  /**
   * A statement whose own expression makes a call that notices cancellation: not in a branch of
   * {@code ?:}, {@code &&}, {@code ||} or a switch expression, not in a lambda or class.
   */
  private static boolean isWait(StatementTree statement, VisitorState state, CancelGuardOptions o) {
    ExpressionTree expression =
        switch (statement) {
          case ExpressionStatementTree expressionStatement -> expressionStatement.getExpression();
          case VariableTree variable -> variable.getInitializer();
          case ReturnTree returnTree -> returnTree.getExpression();
          default -> null;
        };
    if (expression == null) {
      return false;
    }
    return CallScans.anyCallEveryEvaluationMakes(
        expression,
        call ->
            CancellationPoints.noticesCancellation(call, state, o)
                || isSameFileWaitingHelper(call, state, o)
                || BlockingHelpers.callBlocksInside(call, state));
  }

  /** A call of a method of this file that has a cancellation point (at any depth). */
  private static boolean isSameFileWaitingHelper(
      MethodInvocationTree call, VisitorState state, CancelGuardOptions options) {
    if (!Expressions.isResolved(call) || !(getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    if (!SameFile.isDeclaredIn(method, unit)) {
      return false;
    }
    MethodTree helper = SameFile.findMethod(unit, method, state);
    return helper != null
        && helper.getBody() != null
        && CancellationPoints.containsCancellationPoint(helper.getBody(), state, options);
  }

  /**
   * A statement the way on goes through: it notices no interrupt (so it cannot take the one that
   * came during the walk) and it does not leave what it is in by {@code return}, {@code yield}, or
   * a {@code break} or {@code continue} whose loop or switch is not inside it.
   */
  private static boolean isPassedThrough(
      StatementTree statement, VisitorState state, CancelGuardOptions options) {
    if (CancellationPoints.containsCancellationPoint(statement, state, options)) {
      return false;
    }
    return !Jumps.leavesItself(statement);
  }
}
