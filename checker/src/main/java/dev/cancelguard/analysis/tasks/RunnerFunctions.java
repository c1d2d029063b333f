package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCMemberReference;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.interrupts.InterruptPaths.Leak;
import dev.cancelguard.analysis.interrupts.InterruptPaths.LeakKind;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Jumps;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The work a runner of this compilation calls over and over on its own thread: a class (in any file
 * compiled here) that takes a {@code Runnable} in its constructor, keeps it in a final field, and
 * calls its {@code run()} only as the body of a stop-flag doorbell loop ({@link
 * WakeUps#isWakeUpOfStopFlagLoop}): {@code while (state == RUNNING) { try { function.run(); } catch
 * (Throwable t) {} }}, where its stop method sets {@code state} and then interrupts the thread. An
 * interrupt of that thread is the runner's doorbell: once the work returns (or throws an unchecked
 * exception the loop takes and drops), the loop tests the flag and ends. A catch in the work that
 * ends the work on an interrupt gives the thread back to that test, which is what the interrupt
 * asked.
 *
 * <p>The work is a lambda or method reference written as the constructor's argument, or the {@code
 * run()} of the class that passes itself ({@code new Runner(factory, name, this, null)}); a method
 * also called directly, a {@code run()} whose object this file also hands to another taker of a
 * {@code Runnable}, a runner whose field is read anywhere but as {@code function.run()} (or a null
 * test), or a runner compiled elsewhere (a jar) is not answered.
 */
public final class RunnerFunctions {
  private RunnerFunctions() {}

  /**
   * True if the code unit is the work of a stop-flag runner of this compilation and every leak ends
   * that work: the runner's loop then tests its stop flag before anything else.
   */
  public static boolean leaksEndTheWorkOfAStopFlagRunner(
      List<Leak> leaks,
      TreePath catchPath,
      @Nullable TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (codeUnit == null
        || leaks.isEmpty()
        || leaks.stream().anyMatch(l -> l.kind() == LeakKind.CONTINUES)
        || !leaks.stream()
            .allMatch(
                l -> LostInterrupts.endsTheCodeUnit(l, catchPath, codeUnit, state, options))) {
      return false;
    }
    List<Type> thrown = new ArrayList<>();
    for (Leak leak : leaks) {
      if (leak.kind() == LeakKind.WRAPS) {
        thrown.add(leak.thrownType());
      }
    }
    List<Handoff> handoffs = handoffsOf(codeUnit, state);
    return !handoffs.isEmpty()
        && handoffs.stream().allMatch(h -> isStopFlagRunner(h, thrown, state, options));
  }

  /** The code unit handed to a constructor, as its argument number {@code index}. */
  private record Handoff(NewClassTree newClass, int index) {}

  /**
   * Where this file hands the code unit to a constructor; empty when it is used any other way (a
   * method also called, a method reference or {@code this} given to something other than a
   * constructor).
   */
  private static List<Handoff> handoffsOf(TreePath codeUnit, VisitorState state) {
    Tree leaf = codeUnit.getLeaf();
    List<Handoff> handoffs = new ArrayList<>();
    if (leaf instanceof LambdaExpressionTree) {
      Handoff handoff = asConstructorArgument(codeUnit);
      return handoff == null ? List.of() : List.of(handoff);
    }
    if (!(leaf instanceof MethodTree method)
        || !method.getParameters().isEmpty()
        || !(getSymbol(method) instanceof MethodSymbol symbol)
        || symbol.isStatic()) {
      return List.of();
    }
    ClassSymbol owner = symbol.enclClass();
    boolean runOfRunnable =
        symbol.getSimpleName().contentEquals("run")
            && Supertypes.isSubtypeOf(owner.type, "java.lang.Runnable", state);
    boolean[] otherUse = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        otherUse[0] |= Expressions.isResolved(call) && symbol.equals(getSymbol(call));
        if (runOfRunnable) {
          noteThisArguments(call.getArguments(), getCurrentPath(), call);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        if (runOfRunnable) {
          noteThisArguments(newClass.getArguments(), getCurrentPath(), newClass);
        }
        return super.visitNewClass(newClass, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        // The symbol field, not getSymbol: a reference javac could not resolve has none.
        if (symbol.equals(((JCMemberReference) reference).sym)) {
          Handoff handoff = asConstructorArgument(getCurrentPath());
          if (handoff == null) {
            otherUse[0] = true;
          } else {
            handoffs.add(handoff);
          }
        }
        return super.visitMemberReference(reference, null);
      }

      /**
       * {@code this} of the method's class passed where a {@code Runnable} is taken: to a
       * constructor, a hand-off; to a method, another way onto a thread.
       */
      private void noteThisArguments(
          List<? extends ExpressionTree> arguments, TreePath callPath, Tree call) {
        for (int i = 0; i < arguments.size(); i++) {
          ExpressionTree argument = stripParentheses(arguments.get(i));
          if (!(argument instanceof IdentifierTree name)
              || !name.getName().contentEquals("this")
              || !owner.equals(getType(argument) == null ? null : getType(argument).tsym)) {
            continue;
          }
          Type parameter = parameterType(getSymbol(call), i);
          Type runnable = state.getTypeFromString("java.lang.Runnable");
          if (parameter == null || runnable == null || !isSubtype(runnable, parameter, state)) {
            continue;
          }
          if (call instanceof NewClassTree newClass) {
            handoffs.add(new Handoff(newClass, i));
          } else {
            otherUse[0] = true;
          }
        }
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return otherUse[0] ? List.of() : handoffs;
  }

  private static @Nullable Type parameterType(@Nullable Symbol callee, int index) {
    if (!(callee instanceof MethodSymbol method)
        || method.isVarArgs()
        || index >= method.getParameters().size()) {
      return null;
    }
    return method.getParameters().get(index).type;
  }

  /** The constructor call whose argument the tree at {@code path} is, written there directly. */
  private static @Nullable Handoff asConstructorArgument(TreePath path) {
    TreePath parent = path.getParentPath();
    if (parent != null && parent.getLeaf() instanceof NewClassTree newClass) {
      int index = newClass.getArguments().indexOf(path.getLeaf());
      if (index >= 0 && newClass.getClassBody() == null) {
        return new Handoff(newClass, index);
      }
    }
    return null;
  }

  /**
   * True if the constructor called keeps its argument in a final field of a class compiled here,
   * every read of which (in that class's file, and in no subclass) is a {@code field.run()} alone
   * in the body of a stop-flag doorbell loop, within a try whose catches of what the work throws go
   * back to the test.
   */
  private static boolean isStopFlagRunner(
      Handoff handoff, List<Type> thrown, VisitorState state, CancelGuardOptions options) {
    if (!(getSymbol(handoff.newClass()) instanceof MethodSymbol constructor)
        || !(constructor.owner instanceof ClassSymbol runner)) {
      return false;
    }
    VarSymbol field = fieldKeeping(constructor, handoff.index(), state, 3);
    TreePath runnerPath = CompiledSources.classPath(runner, state);
    if (field == null
        || runnerPath == null
        || (field.flags() & Flags.FINAL) == 0
        || !field.owner.equals(runner)) {
      return false;
    }
    for (ClassSymbol subclass : CompiledSources.subclassesOf(runner, state)) {
      TreePath subclassPath = CompiledSources.classPath(subclass, state);
      if (subclassPath == null || !readsOf(field, subclassPath).isEmpty()) {
        return false;
      }
    }
    List<TreePath> reads = readsOf(field, runnerPath);
    boolean called = false;
    for (TreePath read : reads) {
      if (isNullTest(read)) {
        continue;
      }
      TreePath statement = runStatement(read, state);
      if (statement == null
          || !WakeUps.isWakeUpOfStopFlagLoop(
              statement, /* continuesToTheTest= */ false, state.withPath(statement), options)
          || !thrownGoesBackToTheTest(statement, thrown, state, options)) {
        return false;
      }
      called = true;
    }
    return called;
  }

  /**
   * The final field the constructor assigns its parameter number {@code index} to ({@code
   * this.function = function}), also through {@code this(..)} to another constructor of the class.
   */
  private static @Nullable VarSymbol fieldKeeping(
      MethodSymbol constructor, int index, VisitorState state, int depth) {
    MethodTree tree = CompiledSources.methodTree(constructor, state);
    if (depth == 0
        || tree == null
        || tree.getBody() == null
        || index >= constructor.getParameters().size()) {
      return null;
    }
    VarSymbol parameter = constructor.getParameters().get(index);
    VarSymbol found = null;
    for (StatementTree statement : tree.getBody().getStatements()) {
      if (!(statement instanceof ExpressionStatementTree expression)) {
        continue;
      }
      ExpressionTree value = stripParentheses(expression.getExpression());
      if (value instanceof AssignmentTree assignment
          && parameter.equals(getSymbol(stripParentheses(assignment.getExpression())))
          && getSymbol(assignment.getVariable()) instanceof VarSymbol target
          && target.owner instanceof ClassSymbol) {
        found = target;
      } else if (value instanceof MethodInvocationTree call
          && call.getMethodSelect() instanceof IdentifierTree name
          && name.getName().contentEquals("this")
          && getSymbol(call) instanceof MethodSymbol delegate) {
        int passed = -1;
        for (int i = 0; i < call.getArguments().size(); i++) {
          if (parameter.equals(getSymbol(stripParentheses(call.getArguments().get(i))))) {
            passed = i;
          }
        }
        if (passed >= 0) {
          found = fieldKeeping(delegate, passed, state, depth - 1);
        }
      }
    }
    return found;
  }

  /** The reads of the field within the class at {@code classPath} (writes excluded). */
  private static List<TreePath> readsOf(VarSymbol field, TreePath classPath) {
    List<TreePath> reads = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        note(tree);
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        note(tree);
        return super.visitMemberSelect(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        // The constructor's `this.function = function` writes the field; only its value is read.
        if (!field.equals(getSymbol(assignment.getVariable()))) {
          scan(assignment.getVariable(), null);
        }
        scan(assignment.getExpression(), null);
        return null;
      }

      private void note(Tree tree) {
        if (field.equals(getSymbol(tree))) {
          reads.add(getCurrentPath());
        }
      }
    }.scan(classPath, null);
    return reads;
  }

  /** {@code function != null} or {@code function == null}. */
  private static boolean isNullTest(TreePath read) {
    Tree parent = read.getParentPath().getLeaf();
    return parent instanceof com.sun.source.tree.BinaryTree binary
        && (binary.getKind() == Tree.Kind.EQUAL_TO || binary.getKind() == Tree.Kind.NOT_EQUAL_TO)
        && (binary.getLeftOperand().getKind() == Tree.Kind.NULL_LITERAL
            || binary.getRightOperand().getKind() == Tree.Kind.NULL_LITERAL);
  }

  /** The statement {@code function.run();} the read at {@code read} is the receiver of. */
  private static @Nullable TreePath runStatement(TreePath read, VisitorState state) {
    TreePath select = read.getParentPath();
    TreePath call = select == null ? null : select.getParentPath();
    if (call == null
        || !(select.getLeaf() instanceof MemberSelectTree member)
        || !member.getIdentifier().contentEquals("run")
        || !(call.getLeaf() instanceof MethodInvocationTree invocation)
        || !invocation.getArguments().isEmpty()
        || getReceiver(invocation) != read.getLeaf()
        || !(call.getParentPath().getLeaf() instanceof ExpressionStatementTree)) {
      return null;
    }
    return call.getParentPath();
  }

  /**
   * True if every unchecked exception the work throws is taken, at the {@code function.run()}
   * statement, by a catch of a try around it (inside the loop) whose block has no cancellation
   * point and completes normally, back to the loop's test.
   */
  private static boolean thrownGoesBackToTheTest(
      TreePath statement, List<Type> thrown, VisitorState state, CancelGuardOptions options) {
    for (Type type : thrown) {
      if (type == null || !isTakenAndDropped(statement, type, state, options)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTakenAndDropped(
      TreePath statement, Type type, VisitorState state, CancelGuardOptions options) {
    for (TreePath p = statement; p.getParentPath() != null; p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      if (parent instanceof MethodTree
          || parent instanceof LambdaExpressionTree
          || parent instanceof ClassTree
          || Loops.isLoop(parent)) {
        return false;
      }
      if (parent instanceof TryTree tryTree && p.getLeaf() == tryTree.getBlock()) {
        for (CatchTree catchTree : tryTree.getCatches()) {
          Type caught = getType(catchTree.getParameter());
          if (caught != null && isSubtype(type, caught, state)) {
            BlockTree block = catchTree.getBlock();
            return !Jumps.mayLeaveEarly(block, /* countThrows= */ true)
                && !CallScans.anyCallOutsideNestedCode(
                    block, call -> CancellationPoints.isCancellationPoint(call, state, options));
          }
        }
      }
    }
    return false;
  }
}
