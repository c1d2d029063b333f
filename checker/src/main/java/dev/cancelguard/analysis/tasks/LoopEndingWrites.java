package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.tree.JCTree.JCContinue;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.interrupts.InterruptPaths.Leak;
import dev.cancelguard.analysis.interrupts.InterruptPaths.LeakKind;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.WriteScanner;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A catch (or the branch taken when {@code Thread.interrupted()} returned true) that ends its loop
 * by the loop's own test: it first sets the variable the loop tests to the value that makes the
 * test fail ({@code active.set(false);} in {@code while (active.get())}, {@code running = false;}
 * in {@code while (running && !queue.isEmpty())}), and then goes on, with nothing that could notice
 * an interrupt and nothing that sets the variable again, to that test. The loop then ends as surely
 * as after a {@code break}; when the loop is the last thing a thread's whole work does, the thread
 * ends, which is what the interrupt asked, and nobody is left to read the flag.
 */
final class LoopEndingWrites {
  private static final Set<String> ATOMIC_READS =
      Set.of("get", "getAcquire", "getPlain", "getOpaque");

  private LoopEndingWrites() {}

  /**
   * True if the leak (falling through the end of {@code entered}, or continuing its loop) reaches
   * the test of the nearest loop around {@code statementPath} (the catch, or the {@code if} whose
   * branch {@code entered} is) after {@code entered} set the variable the test reads to the value
   * that ends the loop, and the loop is in tail position in {@code codeUnit}: only code with no
   * cancellation point follows it.
   */
  static boolean endsTheLoopAtItsTest(
      Leak leak,
      TreePath statementPath,
      StatementTree entered,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (leak.kind() != LeakKind.FALLS_THROUGH && leak.kind() != LeakKind.CONTINUES) {
      return false;
    }
    TreePath loop = Loops.enclosingLoop(statementPath, codeUnit);
    if (loop == null) {
      return false;
    }
    ExpressionTree condition = Loops.condition(loop.getLeaf());
    if (condition == null) {
      return false;
    }
    if (leak.kind() == LeakKind.CONTINUES
        && !(leak.tree() instanceof JCContinue jump && jump.target == loop.getLeaf())) {
      return false;
    }
    VarSymbol flag = endingWriteFirst(entered, condition, state);
    if (flag == null) {
      return false;
    }
    TreePath from =
        statementPath.getLeaf() instanceof CatchTree
            ? statementPath.getParentPath()
            : statementPath;
    // The catch's own `finally` runs on the way too.
    if (from.getLeaf() instanceof TryTree tryTree
        && tryTree.getFinallyBlock() != null
        && noticesOrWrites(tryTree.getFinallyBlock(), flag, from, state, options)) {
      return false;
    }
    if (leak.kind() == LeakKind.FALLS_THROUGH
        && !reachesTheTest(from, loop, flag, state, options)) {
      return false;
    }
    if (loop.getLeaf() instanceof ForLoopTree forLoop
        && forLoop.getUpdate().stream()
            .anyMatch(update -> noticesOrWrites(update, flag, statementPath, state, options))) {
      return false;
    }
    return Tasks.isInTailPosition(loop, codeUnit, state, options);
  }

  /**
   * The variable the condition tests that one of the leading statements of {@code entered} (those
   * before any statement that is not an expression statement) sets to the value that makes the
   * condition false, when every write of it in {@code entered} is such a write; null if none.
   */
  private static @Nullable VarSymbol endingWriteFirst(
      StatementTree entered, ExpressionTree condition, VisitorState state) {
    List<? extends StatementTree> statements =
        entered instanceof BlockTree block ? block.getStatements() : List.of(entered);
    for (StatementTree statement : statements) {
      if (!(statement instanceof ExpressionStatementTree expressionStatement)) {
        return null;
      }
      Write write = writeOf(expressionStatement.getExpression(), state);
      if (write != null
          && Boolean.FALSE.equals(valueWith(condition, write.variable(), write.value()))
          && everyWriteEnds(entered, write.variable(), condition, state)) {
        return write.variable();
      }
    }
    return null;
  }

  /** A write of a constant boolean to a variable: {@code x = false}, {@code x.set(false)}. */
  private record Write(VarSymbol variable, boolean value) {}

  private static @Nullable Write writeOf(ExpressionTree expression, VisitorState state) {
    ExpressionTree stripped = Expressions.strip(expression);
    if (stripped instanceof com.sun.source.tree.AssignmentTree assignment
        && getSymbol(Expressions.strip(assignment.getVariable())) instanceof VarSymbol variable
        && constValue(assignment.getExpression()) instanceof Boolean value) {
      return new Write(variable, value);
    }
    if (stripped instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && SyncCalls.ATOMIC_SET.matches(call, state)
        && call.getMethodSelect() instanceof MemberSelectTree select
        && !select.getIdentifier().contentEquals("compareAndSet")
        && call.getArguments().size() == 1
        && getSymbol(Expressions.strip(select.getExpression())) instanceof VarSymbol variable
        && constValue(call.getArguments().getFirst()) instanceof Boolean value) {
      return new Write(variable, value);
    }
    return null;
  }

  /** True if every write of the variable in {@code tree} is a write that ends the loop. */
  private static boolean everyWriteEnds(
      Tree tree, VarSymbol variable, ExpressionTree condition, VisitorState state) {
    boolean[] other = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(com.sun.source.tree.AssignmentTree assignment, Void unused) {
        check(assignment);
        return super.visitAssignment(assignment, null);
      }

      @Override
      public Void visitCompoundAssignment(
          com.sun.source.tree.CompoundAssignmentTree assignment, Void unused) {
        other[0] |= variable.equals(getSymbol(Expressions.strip(assignment.getVariable())));
        return super.visitCompoundAssignment(assignment, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call)
            && SyncCalls.ATOMIC_SET.matches(call, state)
            && call.getMethodSelect() instanceof MemberSelectTree select
            && variable.equals(getSymbol(Expressions.strip(select.getExpression())))) {
          check(call);
        }
        return super.visitMethodInvocation(call, null);
      }

      private void check(ExpressionTree expression) {
        Write write = writeOf(expression, state);
        if (write == null) {
          other[0] |=
              expression instanceof com.sun.source.tree.AssignmentTree assignment
                  ? variable.equals(getSymbol(Expressions.strip(assignment.getVariable())))
                  : true;
          return;
        }
        other[0] |=
            write.variable().equals(variable)
                && !Boolean.FALSE.equals(valueWith(condition, variable, write.value()));
      }
    }.scan(tree, null);
    return !other[0];
  }

  /**
   * The condition's value when {@code variable} holds {@code value}: false if a conjunct reads the
   * variable (as itself, negated, or through an atomic's {@code get()}) and is false then; true or
   * null (unknown) otherwise.
   */
  private static @Nullable Boolean valueWith(
      ExpressionTree condition, VarSymbol variable, boolean value) {
    ExpressionTree c = Expressions.strip(condition);
    switch (c) {
      case UnaryTree not when not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT -> {
        Boolean inner = valueWith(not.getExpression(), variable, value);
        return inner == null ? null : !inner;
      }
      case BinaryTree and when and.getKind() == Tree.Kind.CONDITIONAL_AND -> {
        Boolean left = valueWith(and.getLeftOperand(), variable, value);
        Boolean right = valueWith(and.getRightOperand(), variable, value);
        if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
          return false;
        }
        return Boolean.TRUE.equals(left) && Boolean.TRUE.equals(right) ? true : null;
      }
      case MethodInvocationTree read
          when read.getArguments().isEmpty()
              && read.getMethodSelect() instanceof MemberSelectTree select
              && ATOMIC_READS.contains(select.getIdentifier().toString())
              && isAtomicBoolean(getSymbol(Expressions.strip(select.getExpression())))
              && variable.equals(getSymbol(Expressions.strip(select.getExpression()))) -> {
        return value;
      }
      default -> {
        Symbol read = getSymbol(c);
        return variable.equals(read) && isBoolean(variable) ? value : null;
      }
    }
  }

  private static boolean isAtomicBoolean(@Nullable Symbol symbol) {
    return symbol instanceof VarSymbol v
        && v.type != null
        && v.type.tsym != null
        && v.type
            .tsym
            .getQualifiedName()
            .contentEquals("java.util.concurrent.atomic.AtomicBoolean");
  }

  private static boolean isBoolean(VarSymbol variable) {
    return variable.type != null
        && (variable.type.getKind() == javax.lang.model.type.TypeKind.BOOLEAN
            || variable.type.tsym.getQualifiedName().contentEquals("java.lang.Boolean"));
  }

  /**
   * True if, from the statement at {@code from} up to the loop's body, every statement that follows
   * on the way has no cancellation point, writes the variable nowhere and jumps nowhere with a
   * label (a {@code finally} passed on the way counts as following), and the way passes only
   * through blocks, {@code if} branches, labels and {@code try} statements.
   */
  private static boolean reachesTheTest(
      TreePath from,
      TreePath loop,
      VarSymbol flag,
      VisitorState state,
      CancelGuardOptions options) {
    for (TreePath p = from;
        p.getParentPath() != null && p.getParentPath() != loop;
        p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      switch (parent) {
        case BlockTree block -> {
          List<? extends StatementTree> statements = block.getStatements();
          int index = statements.indexOf(p.getLeaf());
          if (index < 0) {
            return false;
          }
          for (StatementTree after : statements.subList(index + 1, statements.size())) {
            if (noticesOrWrites(after, flag, p, state, options)) {
              return false;
            }
          }
        }
        case IfTree ifTree -> {
          if (p.getLeaf() == ifTree.getCondition()) {
            return false;
          }
        }
        case TryTree tryTree -> {
          if (p.getLeaf() == tryTree.getFinallyBlock()
              || (tryTree.getFinallyBlock() != null
                  && noticesOrWrites(tryTree.getFinallyBlock(), flag, p, state, options))) {
            return false;
          }
        }
        case CatchTree catchTree -> {}
        case LabeledStatementTree labeled -> {}
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  /** True if the tree may notice an interrupt, writes the flag, throws, or jumps with a label. */
  private static boolean noticesOrWrites(
      Tree tree, VarSymbol flag, TreePath context, VisitorState state, CancelGuardOptions options) {
    if (CallScans.anyCallOutsideNestedCode(
        tree, call -> CancellationPoints.isCancellationPoint(call, state, options))) {
      return true;
    }
    if (WriteScanner.writesAny(context.getCompilationUnit(), tree, Set.of(flag))
        || CallScans.anyCallOutsideNestedCode(
            tree,
            call ->
                SyncCalls.ATOMIC_SET.matches(call, state)
                    && call.getMethodSelect() instanceof MemberSelectTree select
                    && flag.equals(getSymbol(Expressions.strip(select.getExpression()))))) {
      return true;
    }
    boolean[] labelled = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree jump, Void unused) {
        labelled[0] |= jump.getLabel() != null;
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree jump, Void unused) {
        labelled[0] |= jump.getLabel() != null;
        return null;
      }

      @Override
      public Void visitThrow(ThrowTree thrown, Void unused) {
        labelled[0] = true; // a catch further out may take it and go on
        return null;
      }
    }.scan(tree, null);
    return labelled[0];
  }
}
