package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Conditions that decide whether a wait for cancelled work was due: a timeout setting that turns
 * the wait off, a final flag that guards both the cancel and the wait, a null test of what was just
 * cancelled.
 */
public final class WaitConditions {
  private WaitConditions() {}

  /**
   * True for {@code if (t > 0)} (or {@code t >= 1}, {@code t != 0}, {@code 0 < t}) whose then
   * branch waits for the target with {@code t} as the timeout: the condition only tests whether a
   * wait was configured at all, and its false branch is the configured choice not to wait.
   */
  public static boolean skipsOnlyANonPositiveTimeout(
      IfTree ifTree,
      CancelTarget target,
      TaskUses uses,
      CancelGuardOptions options,
      VisitorState state) {
    if (!(Expressions.strip(ifTree.getCondition()) instanceof BinaryTree test)) {
      return false;
    }
    Symbol timeout = timeoutTested(test);
    if (timeout == null) {
      return false;
    }
    boolean[] waits = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        waits[0] |=
            !call.getArguments().isEmpty()
                && timeout.equals(Expressions.variableOf(call.getArguments().getFirst()))
                && Terminations.isWaitFor(call, target, uses, false, options, state);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(ifTree.getThenStatement(), null);
    return waits[0];
  }

  /**
   * The conditions of the {@code if} statements in {@code body} that test a final flag the site
   * runs under: {@code if (f) pool.shutdown(); ..; if (f) { wait }} on a final {@code f}. A path
   * that ran the site took {@code f} true, so it cannot take such a test's false branch.
   */
  public static ImmutableSet<Tree> siteGuardConditions(Tree body, Tree site, VisitorState state) {
    Set<Symbol> guards = new HashSet<>();
    List<IfTree> ifs = new ArrayList<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitIf(IfTree tree, Void unused) {
        ifs.add(tree);
        VarSymbol guard = finalFlag(tree.getCondition());
        if (guard != null && contains(tree.getThenStatement(), site, state)) {
          guards.add(guard);
        }
        return super.visitIf(tree, null);
      }
    }.scan(body, null);
    ImmutableSet.Builder<Tree> conditions = ImmutableSet.builder();
    for (IfTree tree : ifs) {
      VarSymbol flag = finalFlag(tree.getCondition());
      if (flag != null && guards.contains(flag)) {
        conditions.add(tree.getCondition());
      }
    }
    return conditions.build();
  }

  /**
   * The null tests of the variable the site is called on, each with the branch a path that ran the
   * site cannot take: after {@code maybeExecutor.shutdown()}, {@code maybeExecutor} is not null, so
   * a later {@code if (maybeExecutor != null) maybeExecutor.awaitTermination(..)} waits on every
   * such path. Only tests after the site, of a variable that cannot have changed since: a final (or
   * effectively final) one, or a local or parameter of the body assigned nowhere after the site and
   * with the site in no loop of the body (where an assignment before it would run after it).
   */
  public static ImmutableMap<Tree, Boolean> siteReceiverNullTests(
      Tree body, Tree site, VisitorState state) {
    if (!(site instanceof MethodInvocationTree call)) {
      return ImmutableMap.of();
    }
    VarSymbol receiver = Expressions.variableOf(getReceiver(call));
    int siteEnd = state.getEndPosition(site);
    if (receiver == null || siteEnd < 0) {
      return ImmutableMap.of();
    }
    boolean unchanging = (receiver.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0;
    if (!unchanging
        && receiver.getKind() != ElementKind.LOCAL_VARIABLE
        && receiver.getKind() != ElementKind.PARAMETER) {
      return ImmutableMap.of();
    }
    Map<Tree, Boolean> tests = new LinkedHashMap<>();
    boolean[] changes = new boolean[1];
    new NestedCodeSkipper() {
      private int loops;

      @Override
      public Void visitBinary(BinaryTree tree, Void unused) {
        Boolean nullWhen = nullTestOf(tree, receiver);
        if (nullWhen != null && getStartPosition(tree) > siteEnd) {
          tests.put(tree, nullWhen);
        }
        return super.visitBinary(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        changes[0] |=
            receiver.equals(Expressions.variableOf(tree.getVariable()))
                && getStartPosition(tree) > siteEnd;
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        changes[0] |= tree == site && loops > 0;
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
        return inLoop(() -> super.visitWhileLoop(tree, null));
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
        return inLoop(() -> super.visitDoWhileLoop(tree, null));
      }

      @Override
      public Void visitForLoop(ForLoopTree tree, Void unused) {
        return inLoop(() -> super.visitForLoop(tree, null));
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
        return inLoop(() -> super.visitEnhancedForLoop(tree, null));
      }

      private Void inLoop(Runnable scan) {
        loops++;
        try {
          scan.run();
        } finally {
          loops--;
        }
        return null;
      }
    }.scan(body, null);
    return unchanging || !changes[0] ? ImmutableMap.copyOf(tests) : ImmutableMap.of();
  }

  /**
   * For {@code v == null} (or {@code null == v}) the branch where {@code v} is null: true; for
   * {@code v != null}: false; null for any other condition.
   */
  private static @Nullable Boolean nullTestOf(BinaryTree test, VarSymbol variable) {
    if (test.getKind() != Tree.Kind.EQUAL_TO && test.getKind() != Tree.Kind.NOT_EQUAL_TO) {
      return null;
    }
    if (!variable.equals(Expressions.nullTestedVariable(test))) {
      return null;
    }
    return test.getKind() == Tree.Kind.EQUAL_TO;
  }

  /** The variable of a condition that is a bare final (or effectively final) boolean variable. */
  private static @Nullable VarSymbol finalFlag(ExpressionTree condition) {
    VarSymbol variable = Expressions.variableOf(condition);
    if (variable == null
        || (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0
        || variable.type == null
        || variable.type.getKind() != TypeKind.BOOLEAN) {
      return null;
    }
    return variable;
  }

  private static boolean contains(Tree outer, Tree inner, VisitorState state) {
    int start = getStartPosition(outer);
    int end = state.getEndPosition(outer);
    int at = getStartPosition(inner);
    return start >= 0 && end >= 0 && at >= start && at < end;
  }

  /** The variable {@code v} of {@code v > 0}, {@code v >= 1}, {@code v != 0} or their mirrors. */
  private static @Nullable Symbol timeoutTested(BinaryTree test) {
    ExpressionTree left = Expressions.strip(test.getLeftOperand());
    ExpressionTree right = Expressions.strip(test.getRightOperand());
    Tree.Kind kind = test.getKind();
    ExpressionTree variable;
    Object bound;
    if (Expressions.variableOf(left) != null && constValue(right) instanceof Number number) {
      variable = left;
      bound = number;
    } else if (Expressions.variableOf(right) != null && constValue(left) instanceof Number number) {
      variable = right;
      bound = number;
      kind =
          switch (kind) {
            case LESS_THAN -> Tree.Kind.GREATER_THAN;
            case LESS_THAN_EQUAL -> Tree.Kind.GREATER_THAN_EQUAL;
            default -> kind;
          };
    } else {
      return null;
    }
    long value = ((Number) bound).longValue();
    boolean positive =
        switch (kind) {
          case GREATER_THAN, NOT_EQUAL_TO -> value == 0;
          case GREATER_THAN_EQUAL -> value == 1;
          default -> false;
        };
    return positive ? Expressions.variableOf(variable) : null;
  }
}
