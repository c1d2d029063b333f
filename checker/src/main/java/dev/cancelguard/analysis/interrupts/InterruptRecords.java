package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A recorded interrupt: instead of restoring the flag at once, a catch of {@code
 * InterruptedException} (or the branch taken when {@code Thread.interrupted()} returned true) notes
 * the interrupt — {@code interrupted = true}, {@code saved = e}, a state field set to a constant
 * such as {@code INTERRUPTED} — and the code unit turns the note into a restore or a rethrow later,
 * on every path out: in a {@code finally}, after the loop, or by a later {@code if} on what was
 * recorded. This is the uninterruptible-wait idiom (wait on, restore once the wait is over), and it
 * is correct; restoring at once instead would make the next wait throw at once and the loop spin.
 */
public final class InterruptRecords {
  private InterruptRecords() {}

  /**
   * What a statement noted: the variable (a local or a field) and the value it now holds — {@code
   * Boolean.TRUE}, a constant's symbol, or {@link #CAUGHT} for the caught exception itself.
   */
  public record Record(AssignmentTree assignment, Symbol variable, Object value) {}

  /** The value of a record that holds the caught exception: known not to be null. */
  public static final Object CAUGHT = new Object();

  /**
   * The record an expression statement makes, or null: {@code flag = true}, {@code saved = e}
   * (where {@code isCaughtValue} accepts {@code e}), {@code state = State.INTERRUPTED} (a constant
   * other than false, null or a number).
   */
  public static @Nullable Record recordOf(
      ExpressionTree expression, Predicate<ExpressionTree> isCaughtValue) {
    if (!(stripParentheses(expression) instanceof AssignmentTree assignment)) {
      return null;
    }
    Symbol variable = getSymbol(assignment.getVariable());
    if (!(variable instanceof VarSymbol)) {
      return null;
    }
    ExpressionTree value = stripParentheses(assignment.getExpression());
    if (Boolean.TRUE.equals(constValue(value))) {
      return new Record(assignment, variable, Boolean.TRUE);
    }
    if (isCaughtValue.test(value)) {
      return new Record(assignment, variable, CAUGHT);
    }
    Symbol constant = getSymbol(value);
    if ((value instanceof IdentifierTree || value instanceof MemberSelectTree)
        && constant instanceof VarSymbol constantVar
        && (constantVar.flags() & (Flags.ENUM | Flags.FINAL)) != 0
        && constantVar.isStatic()) {
      return new Record(assignment, variable, constantVar);
    }
    return null;
  }

  /**
   * The first record made directly in {@code statement} (not in nested code), or null; {@code
   * isCaughtValue} tells which expressions hold the caught exception.
   */
  public static @Nullable Record firstRecordIn(
      Tree statement, Predicate<ExpressionTree> isCaughtValue) {
    Record[] found = new Record[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitExpressionStatement(ExpressionStatementTree tree, Void unused) {
        if (found[0] == null) {
          found[0] = recordOf(tree.getExpression(), isCaughtValue);
        }
        return super.visitExpressionStatement(tree, null);
      }
    }.scan(statement, null);
    return found[0];
  }

  /**
   * True if every path that goes on from just after the record leaves the code unit ({@code
   * codeUnit}, a method or lambda) only after restoring the flag or throwing an interrupt: a
   * restore reached on the way, a {@code throw saved} or {@code throw new InterruptedException()},
   * and the branches of a test of the record that cannot be taken after it ({@code if
   * (interrupted)}'s else) are not followed. A bare {@code Thread.interrupted();} under a test of
   * the record ends a path too: the check reports that clear by itself. A path that writes another
   * value to the variable first does not count as redeemed.
   */
  public static boolean redeemedOnEveryPath(
      Record record, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    Tree body = CodeUnits.bodyOf(codeUnit.getLeaf());
    if (body == null) {
      return false;
    }
    Set<ExpressionTree> reportedClears = clearsUnderATestOfTheRecord(record, codeUnit, state);
    FactFlow.Spec spec =
        new FactFlow.Spec() {
          @Override
          public long addedBy(ExpressionTree tree) {
            return tree == record.assignment() ? UNREDEEMED : 0;
          }

          @Override
          public long acquiredBy(ExpressionTree tree) {
            return isOverwrite(tree, record) ? UNREDEEMED : 0;
          }

          @Override
          public long killedBy(ExpressionTree tree) {
            return isOverwrite(tree, record)
                    || Interrupts.isRestoringCall(tree, state, options)
                    || reportedClears.contains(tree)
                ? UNREDEEMED
                : 0;
          }

          @Override
          public long killedByThrow(ThrowTree tree) {
            ExpressionTree thrown = stripParentheses(tree.getExpression());
            return record.variable().equals(getSymbol(thrown))
                    || Interrupts.isInterruptedExceptionValue(thrown, state)
                ? UNREDEEMED
                : 0;
          }

          @Override
          public long killedOnBranch(ExpressionTree condition, boolean value) {
            Boolean known = valueOfTest(condition, record);
            return known != null && known != value ? UNREDEEMED : 0;
          }

          @Override
          public boolean carriesFacts(ExpressionTree call, Type thrown) {
            return false; // only explicit throws: any call might throw, that is not the question
          }
        };
    // The record sits in a catch block, which every exception of its try may enter.
    FactFlow.Result result =
        FactFlow.walk(
            body, spec, state, 0, FactFlow.CatchEntry.REACHABLE, Set.of(record.assignment()));
    // Not reached (code the walk cannot follow): no answer, so nothing is taken as redeemed.
    return result.factsAt(record.assignment()) != null && result.exits().isEmpty();
  }

  /**
   * The bare {@code Thread.interrupted();} statements of the code unit (not of its lambdas or
   * nested classes) that lie in the branch of an {@code if} taken while the record holds ({@code if
   * (saved != null) { if (item != null) { Thread.interrupted(); } else { throw saved; } }}). The
   * check reports each such clear by itself, as the place where the recorded interrupt is dropped,
   * and its fix there is the restore; a path through one is not reported a second time at the
   * record.
   */
  private static Set<ExpressionTree> clearsUnderATestOfTheRecord(
      Record record, TreePath codeUnit, VisitorState state) {
    Set<ExpressionTree> clears = new HashSet<>();
    Tree unit = codeUnit.getLeaf();
    new NestedCodeSkipper() {
      @Override
      public Void visitExpressionStatement(ExpressionStatementTree statement, Void unused) {
        if (stripParentheses(statement.getExpression()) instanceof MethodInvocationTree call
            && ThreadCalls.INTERRUPTED.matches(call, state)
            && underATestOfTheRecord(getCurrentPath(), unit, record)) {
          clears.add(call);
        }
        return super.visitExpressionStatement(statement, null);
      }
    }.scan(new TreePath(codeUnit, Objects.requireNonNull(CodeUnits.bodyOf(unit))), null);
    return clears;
  }

  /** An {@code if} of the code unit whose then-branch holds the path and whose test holds. */
  private static boolean underATestOfTheRecord(TreePath path, Tree unit, Record record) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf == unit
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof com.sun.source.tree.ClassTree
          || leaf instanceof MethodTree) {
        return false;
      }
      if (leaf instanceof IfTree ifTree
          && ifTree.getThenStatement() == child
          && Boolean.TRUE.equals(valueOfTest(ifTree.getCondition(), record))) {
        return true;
      }
      child = leaf;
    }
    return false;
  }

  /** The fact of the path question: the record holds and has not been turned into a restore. */
  private static final long UNREDEEMED = 1;

  /** Another value written to the recorded variable: the record is lost on that path. */
  private static boolean isOverwrite(ExpressionTree tree, Record record) {
    return tree instanceof AssignmentTree assignment
        && assignment != record.assignment()
        && record.variable().equals(getSymbol(assignment.getVariable()))
        && !sameValue(record, stripParentheses(assignment.getExpression()));
  }

  private static boolean sameValue(Record record, ExpressionTree value) {
    if (record.value() == Boolean.TRUE) {
      return Boolean.TRUE.equals(constValue(value));
    }
    if (record.value() == CAUGHT) {
      return false;
    }
    return record.value().equals(getSymbol(value));
  }

  /**
   * The value a condition has while the record holds, or null if it does not depend on the record
   * alone: {@code flag}, {@code !flag}, {@code saved != null}, {@code state == INTERRUPTED}.
   */
  private static @Nullable Boolean valueOfTest(Tree condition, Record record) {
    if (!(condition instanceof ExpressionTree expression)) {
      return null;
    }
    ExpressionTree stripped = stripParentheses(expression);
    if (stripped instanceof UnaryTree not && stripped.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      Boolean inner = valueOfTest(not.getExpression(), record);
      return inner == null ? null : !inner;
    }
    if (isVariable(stripped, record)) {
      return record.value() == Boolean.TRUE ? Boolean.TRUE : null;
    }
    if (stripped instanceof BinaryTree binary
        && (stripped.getKind() == Tree.Kind.EQUAL_TO
            || stripped.getKind() == Tree.Kind.NOT_EQUAL_TO)) {
      ExpressionTree other;
      if (isVariable(stripParentheses(binary.getLeftOperand()), record)) {
        other = stripParentheses(binary.getRightOperand());
      } else if (isVariable(stripParentheses(binary.getRightOperand()), record)) {
        other = stripParentheses(binary.getLeftOperand());
      } else {
        return null;
      }
      Boolean equal = equalsRecorded(other, record);
      if (equal == null) {
        return null;
      }
      return stripped.getKind() == Tree.Kind.EQUAL_TO ? equal : !equal;
    }
    return null;
  }

  /** Whether {@code other} equals the recorded value, or null if unknown. */
  private static @Nullable Boolean equalsRecorded(ExpressionTree other, Record record) {
    if (other.getKind() == Tree.Kind.NULL_LITERAL) {
      return record.value() == Boolean.TRUE ? null : Boolean.FALSE;
    }
    if (record.value() == Boolean.TRUE) {
      Object constant = constValue(other);
      return constant instanceof Boolean b ? b : null;
    }
    if (!(record.value() instanceof VarSymbol recorded)
        || !(getSymbol(other) instanceof VarSymbol constant)) {
      return null;
    }
    if (recorded.equals(constant)) {
      return Boolean.TRUE;
    }
    if ((constant.flags() & Flags.ENUM) != 0 && (recorded.flags() & Flags.ENUM) != 0) {
      return Boolean.FALSE;
    }
    Object recordedValue = recorded.getConstValue();
    Object otherValue = constant.getConstValue();
    return recordedValue != null && otherValue != null
        ? Objects.equals(recordedValue, otherValue)
        : null;
  }

  private static boolean isVariable(ExpressionTree tree, Record record) {
    return (tree instanceof IdentifierTree || tree instanceof MemberSelectTree)
        && record.variable().equals(getSymbol(tree));
  }

  /**
   * True if the code at {@code path} runs only where a local holds an interrupt that a catch took:
   * it sits in the branch of {@code if (saved != null)} (or the {@code else} of {@code if (saved ==
   * null)}), in {@code codeUnit}, where {@code saved} is a local of type {@code
   * InterruptedException} only ever given {@code null} or the parameter of a catch. The flag there
   * is already clear: the thrown exception cleared it.
   */
  public static boolean afterACaughtInterrupt(
      TreePath path, TreePath codeUnit, VisitorState state) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        p = p.getParentPath()) {
      if (p.getLeaf() instanceof IfTree ifTree && child != ifTree.getCondition()) {
        Symbol saved =
            LocalUses.nullTested(
                ifTree.getCondition(), /* value= */ child != ifTree.getThenStatement());
        if (saved instanceof VarSymbol local
            && local.getKind() == ElementKind.LOCAL_VARIABLE
            && ASTHelpers.isSameType(local.type, Interrupts.interruptedExceptionType(state), state)
            && onlyEverNullOrCaught(local, codeUnit)) {
          return true;
        }
      }
      child = p.getLeaf();
    }
    return false;
  }

  private static boolean onlyEverNullOrCaught(VarSymbol local, TreePath codeUnit) {
    boolean[] other = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (local.equals(getSymbol(tree)) && tree.getInitializer() != null) {
          other[0] |= !isNullOrCaught(tree.getInitializer());
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (local.equals(getSymbol(tree.getVariable()))) {
          other[0] |= !isNullOrCaught(tree.getExpression());
        }
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
        other[0] |= local.equals(getSymbol(tree.getVariable()));
        return super.visitCompoundAssignment(tree, null);
      }
    }.scan(codeUnit.getLeaf(), null);
    return !other[0];
  }

  private static boolean isNullOrCaught(ExpressionTree value) {
    ExpressionTree stripped = stripParentheses(value);
    return stripped.getKind() == Tree.Kind.NULL_LITERAL
        || (getSymbol(stripped) instanceof VarSymbol variable
            && variable.getKind() == ElementKind.EXCEPTION_PARAMETER);
  }

  /**
   * True if the interrupt is handed back as a lambda's result and rethrown by the code that ran the
   * lambda: every way out of the catch that loses it ({@code leaks}) is {@code return true;} of the
   * lambda {@code codeUnit}; the lambda is an argument of a call — of a method of this file whose
   * every {@code return} returns a call on that parameter ({@code return action.get();}, the lambda
   * run under a lock) — whose result initializes an effectively final local; and the statement
   * right after it is {@code if (local) { throw new InterruptedException(); }} (or restores the
   * flag first thing). The result is the record: {@code boolean interrupted = withLock(() -> { try
   * { cond.await(); } catch (InterruptedException e) { return true; } return false; }); if
   * (interrupted) throw new InterruptedException();}.
   */
  public static boolean returnedToCodeThatRethrows(
      List<InterruptPaths.Leak> leaks, TreePath codeUnit, VisitorState state) {
    if (leaks.isEmpty()
        || !(codeUnit.getLeaf() instanceof LambdaExpressionTree lambda)
        || !leaks.stream()
            .allMatch(
                leak ->
                    leak.kind() == InterruptPaths.LeakKind.RETURNS
                        && leak.tree() instanceof ReturnTree ret
                        && ret.getExpression() != null
                        && Boolean.TRUE.equals(
                            constValue(stripParentheses(ret.getExpression()))))) {
      return false;
    }
    TreePath callPath = LocalUses.parent(codeUnit);
    if (callPath == null
        || !(callPath.getLeaf() instanceof MethodInvocationTree call)
        || !(getSymbol(call) instanceof MethodSymbol runner)
        || !returnsTheRunOf(runner, call.getArguments().indexOf(lambda), codeUnit, state)) {
      return false;
    }
    TreePath declarationPath = LocalUses.parent(callPath);
    if (declarationPath == null
        || !(declarationPath.getLeaf() instanceof VariableTree declaration)
        || declaration.getInitializer() != call
        || !(getSymbol(declaration) instanceof VarSymbol local)
        || local.getKind() != ElementKind.LOCAL_VARIABLE
        || (local.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0
        || !(declarationPath.getParentPath().getLeaf() instanceof BlockTree block)) {
      return false;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int at = statements.indexOf(declaration);
    if (at < 0
        || at + 1 >= statements.size()
        || !(statements.get(at + 1) instanceof IfTree test)
        || !local.equals(getSymbol(stripParentheses(test.getCondition())))) {
      return false;
    }
    StatementTree first = test.getThenStatement();
    while (first instanceof BlockTree thenBlock && !thenBlock.getStatements().isEmpty()) {
      first = thenBlock.getStatements().getFirst();
    }
    return (first instanceof ThrowTree thrown
            && stripParentheses(thrown.getExpression()) instanceof NewClassTree created
            && ASTHelpers.isSubtype(
                ASTHelpers.getType(created), Interrupts.interruptedExceptionType(state), state))
        || (first instanceof ExpressionStatementTree restore
            && Interrupts.isCurrentThreadInterrupt(restore.getExpression(), state));
  }

  /**
   * True if {@code runner}, declared in this file, returns on every {@code return} the result of a
   * call on its parameter {@code index} (the code it was handed, run there and then).
   */
  private static boolean returnsTheRunOf(
      MethodSymbol runner, int index, TreePath codeUnit, VisitorState state) {
    if (index < 0
        || index >= runner.getParameters().size()
        || !SameFile.isDeclaredIn(runner, codeUnit.getCompilationUnit())) {
      return false;
    }
    MethodTree declaration = SameFile.findMethod(codeUnit.getCompilationUnit(), runner, state);
    if (declaration == null || declaration.getBody() == null) {
      return false;
    }
    Symbol parameter = getSymbol(declaration.getParameters().get(index));
    boolean[] returns = new boolean[2]; // [0]: some return; [1]: one that returns something else
    new NestedCodeSkipper() {
      @Override
      public Void visitReturn(ReturnTree ret, Void unused) {
        returns[0] = true;
        returns[1] |=
            !(ret.getExpression() != null
                && stripParentheses(ret.getExpression()) instanceof MethodInvocationTree run
                && ASTHelpers.getReceiver(run) instanceof IdentifierTree receiver
                && parameter != null
                && parameter.equals(getSymbol(receiver)));
        return null;
      }
    }.scan(declaration.getBody(), null);
    return returns[0] && !returns[1];
  }
}
