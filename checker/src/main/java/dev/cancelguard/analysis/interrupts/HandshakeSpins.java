package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Jumps;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A spin that waits out another thread's handshake: {@code while (get() == INTERRUPTING)
 * Thread.yield();} where every write of {@code INTERRUPTING} in the file is followed, a few
 * straight-line statements later, by a write of another value ({@code if (compareAndSet(RUNNING,
 * INTERRUPTING)) { t.interrupt(); set(INTERRUPTED); }}), with nothing in between that blocks or
 * loops. The state never stays put: the spin lasts as long as those few instructions on the other
 * thread, and ending it early on an interrupt would only let the handshake finish after the spinner
 * went on (its {@code interrupt()} landing on whatever the thread runs next).
 */
public final class HandshakeSpins {
  private HandshakeSpins() {}

  /** Reads of an atomic's value. */
  private static final ImmutableSet<String> ATOMIC_READS =
      ImmutableSet.of("get", "getAcquire", "getOpaque", "getPlain", "intValue", "longValue");

  /** Calls that wait for a lock or permit without throwing InterruptedException. */
  private static final ImmutableSet<String> UNINTERRUPTIBLE_ACQUIRES =
      ImmutableSet.of("lock", "acquireUninterruptibly", "awaitUninterruptibly");

  /** Writes of an atomic whose last argument is the new value. */
  private static final ImmutableSet<String> ATOMIC_WRITES =
      ImmutableSet.of(
          "set",
          "lazySet",
          "setRelease",
          "setOpaque",
          "setPlain",
          "compareAndSet",
          "weakCompareAndSet",
          "weakCompareAndSetPlain",
          "weakCompareAndSetVolatile",
          "weakCompareAndSetAcquire",
          "weakCompareAndSetRelease",
          "compareAndExchange",
          "compareAndExchangeAcquire",
          "compareAndExchangeRelease",
          "getAndSet");

  /**
   * The state a spin reads: a field, or the atomic a field holds, or the atomic the enclosing class
   * itself is ({@code class Task extends AtomicInteger}).
   */
  private record State(Symbol holder, boolean atomic) {}

  /** One write of the state, with the value written (null when it is not a constant). */
  private record Write(TreePath path, @Nullable Object value) {}

  /**
   * True if the loop at {@code loopPath} spins while a state equals a constant that every writer in
   * this file leaves within a few straight-line statements: see the class comment.
   */
  public static boolean isHandshakeSpin(TreePath loopPath, VisitorState state) {
    if (!(Expressions.strip(Loops.condition(loopPath.getLeaf())) instanceof BinaryTree test)
        || test.getKind() != Tree.Kind.EQUAL_TO) {
      return false;
    }
    Object awaited = constantOf(test.getRightOperand());
    State read = stateRead(test.getLeftOperand(), loopPath, state);
    if (awaited == null || read == null) {
      awaited = constantOf(test.getLeftOperand());
      read = stateRead(test.getRightOperand(), loopPath, state);
    }
    if (awaited == null || read == null) {
      return false;
    }
    List<Write> writes = writesOf(read, loopPath, state);
    if (writes == null) {
      return false; // a write this analysis cannot read (an increment, another instance's)
    }
    boolean entered = false;
    for (Write write : writes) {
      if (write.value() == null) {
        return false;
      }
      if (Objects.equals(write.value(), awaited)) {
        if (!leftSoonAfter(write.path(), read, awaited, loopPath, state)) {
          return false;
        }
        entered = true;
      }
    }
    return entered;
  }

  /**
   * True if the loop at {@code loopPath} spins while a field is null ({@code while (subscription ==
   * null) Thread.onSpinWait();}), and runs only once a state has been seen at a constant ({@code if
   * (state.compareAndSet(HAS_SUBSCRIPTION, DONE))}, {@code if (state.get() == HAS_SUBSCRIPTION)})
   * that every writer of this file sets a few straight-line statements before it stores the field
   * ({@code if (state.compareAndSet(SUBSCRIBED, HAS_SUBSCRIPTION)) { this.subscription = s; }}),
   * with nothing in between that loops, blocks, locks or leaves, and the file never sets the field
   * back to null. The spin lasts as long as those few instructions on the other thread.
   */
  public static boolean isPublicationSpin(TreePath loopPath, VisitorState state) {
    if (!(Expressions.strip(Loops.condition(loopPath.getLeaf())) instanceof BinaryTree test)
        || test.getKind() != Tree.Kind.EQUAL_TO) {
      return false;
    }
    VarSymbol field = Expressions.nullTestedVariable(test);
    if (field == null
        || field.getKind() != ElementKind.FIELD
        || (field.flags() & Flags.FINAL) != 0
        || setToNull(field, loopPath)) {
      return false;
    }
    for (TreePath p = loopPath.getParentPath(), child = loopPath;
        p != null && !(p.getLeaf() instanceof ClassTree);
        child = p, p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree) {
        return false;
      }
      if (p.getLeaf() instanceof IfTree ifTree
          && ifTree.getThenStatement() == child.getLeaf()
          && publishedUnder(ifTree.getCondition(), field, loopPath, state)) {
        return true;
      }
    }
    return false;
  }

  /** The condition saw a state at a constant whose every writer stores {@code field} soon after. */
  private static boolean publishedUnder(
      ExpressionTree condition, VarSymbol field, TreePath loopPath, VisitorState state) {
    ExpressionTree stripped = Expressions.strip(condition);
    State read = null;
    Object seen = null;
    if (stripped instanceof MethodInvocationTree call
        && call.getArguments().size() == 2
        && getSymbol(call) instanceof MethodSymbol method
        && isAtomicMember(method)
        && method.getSimpleName().toString().contains("ompareAndSet")) {
      Symbol holder = atomicHolder(getReceiver(call), loopPath);
      read = holder == null ? null : new State(holder, true);
      seen = constantOf(call.getArguments().getFirst());
    } else if (stripped instanceof BinaryTree equal && equal.getKind() == Tree.Kind.EQUAL_TO) {
      seen = constantOf(equal.getRightOperand());
      read = stateRead(equal.getLeftOperand(), loopPath, state);
      if (seen == null || read == null) {
        seen = constantOf(equal.getLeftOperand());
        read = stateRead(equal.getRightOperand(), loopPath, state);
      }
    }
    if (seen == null || read == null) {
      return false;
    }
    List<Write> writes = writesOf(read, loopPath, state);
    if (writes == null) {
      return false;
    }
    boolean entered = false;
    for (Write write : writes) {
      if (write.value() == null) {
        return false;
      }
      if (Objects.equals(write.value(), seen)) {
        if (!storedSoonAfter(write.path(), field, state)) {
          return false;
        }
        entered = true;
      }
    }
    return entered;
  }

  private static boolean setToNull(VarSymbol field, TreePath at) {
    boolean[] nulled = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        nulled[0] |=
            field.equals(getSymbol(tree.getVariable()))
                && Expressions.strip(tree.getExpression()).getKind() == Tree.Kind.NULL_LITERAL;
        return super.visitAssignment(tree, null);
      }
    }.scan(at.getCompilationUnit(), null);
    return nulled[0];
  }

  /** After the write, the same thread assigns {@code field} a few straight-line statements on. */
  private static boolean storedSoonAfter(TreePath writePath, VarSymbol field, VisitorState state) {
    List<? extends StatementTree> after = statementsAfter(writePath);
    if (after == null) {
      return false;
    }
    for (StatementTree statement : after) {
      if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof AssignmentTree assignment
          && field.equals(Expressions.variableOf(assignment.getVariable()))) {
        return true;
      }
      if (mayHold(statement, state)) {
        return false;
      }
    }
    return false;
  }

  /** A literal, a compile-time constant, or a static final field or enum constant as a value. */
  private static @Nullable Object constantOf(ExpressionTree operand) {
    ExpressionTree stripped = Expressions.strip(operand);
    Object value = constValue(stripped);
    if (value != null) {
      return value;
    }
    Symbol symbol = getSymbol(stripped);
    if (symbol instanceof VarSymbol variable
        && (variable.getKind() == ElementKind.ENUM_CONSTANT
            || (variable.getKind() == ElementKind.FIELD
                && (variable.flags() & Flags.STATIC) != 0
                && (variable.flags() & Flags.FINAL) != 0))) {
      return variable;
    }
    return null;
  }

  private static @Nullable State stateRead(
      ExpressionTree operand, TreePath loopPath, VisitorState state) {
    ExpressionTree stripped = Expressions.strip(operand);
    if (stripped instanceof MethodInvocationTree call) {
      if (!call.getArguments().isEmpty()
          || !(getSymbol(call) instanceof MethodSymbol method)
          || !ATOMIC_READS.contains(method.getSimpleName().toString())
          || !isAtomicMember(method)) {
        return null;
      }
      Symbol holder = atomicHolder(getReceiver(call), loopPath);
      return holder == null ? null : new State(holder, true);
    }
    VarSymbol variable = Expressions.variableOf(stripped);
    if (variable != null
        && variable.getKind() == ElementKind.FIELD
        && (variable.flags() & Flags.FINAL) == 0) {
      return new State(variable, false);
    }
    return null;
  }

  /** The field holding the atomic, or the enclosing class for {@code get()} on itself. */
  private static @Nullable Symbol atomicHolder(@Nullable ExpressionTree receiver, TreePath at) {
    if (receiver == null
        || (receiver instanceof IdentifierTree id && id.getName().contentEquals("this"))) {
      return enclosingClass(at);
    }
    VarSymbol field = Expressions.variableOf(receiver);
    return field != null
            && field.getKind() == ElementKind.FIELD
            && (field.flags() & Flags.FINAL) != 0
        ? field
        : null;
  }

  private static @Nullable ClassSymbol enclosingClass(TreePath at) {
    for (TreePath p = at; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree tree) {
        return getSymbol(tree) instanceof ClassSymbol type ? type : null;
      }
    }
    return null;
  }

  private static boolean isAtomicMember(MethodSymbol method) {
    return method.owner instanceof ClassSymbol owner
        && owner.packge().getQualifiedName().contentEquals("java.util.concurrent.atomic");
  }

  /** Every write of the state in the file; null if one of them cannot be read. */
  private static @Nullable List<Write> writesOf(State read, TreePath loopPath, VisitorState state) {
    List<Write> writes = new ArrayList<>();
    boolean[] unreadable = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (!read.atomic() && read.holder().equals(Expressions.variableOf(tree.getVariable()))) {
          writes.add(new Write(getCurrentPath(), constantOf(tree.getExpression())));
        }
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitCompoundAssignment(
          com.sun.source.tree.CompoundAssignmentTree tree, Void unused) {
        unreadable[0] |= read.holder().equals(Expressions.variableOf(tree.getVariable()));
        return super.visitCompoundAssignment(tree, null);
      }

      @Override
      public Void visitUnary(com.sun.source.tree.UnaryTree tree, Void unused) {
        unreadable[0] |= read.holder().equals(Expressions.variableOf(tree.getExpression()));
        return super.visitUnary(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (read.atomic()
            && getSymbol(call) instanceof MethodSymbol method
            && isAtomicMember(method)
            && !method.isConstructor() // the implicit super() of a class extending the atomic
            && !ATOMIC_READS.contains(method.getSimpleName().toString())) {
          ExpressionTree receiver = getReceiver(call);
          Symbol holder = atomicHolder(receiver, getCurrentPath());
          boolean ofTheState = read.holder().equals(holder);
          if (!ofTheState
              && read.holder() instanceof ClassSymbol type
              && receiver != null
              && getType(receiver) != null
              && getType(receiver).tsym == type) {
            unreadable[0] = true; // another instance's state, written from outside
          } else if (ofTheState) {
            if (ATOMIC_WRITES.contains(method.getSimpleName().toString())
                && !call.getArguments().isEmpty()) {
              writes.add(new Write(getCurrentPath(), constantOf(call.getArguments().getLast())));
            } else if (!method.getSimpleName().toString().startsWith("get")
                || method.getSimpleName().toString().startsWith("getAnd")) {
              unreadable[0] = true; // incrementAndGet, getAndAdd, updateAndGet, ..
            }
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loopPath.getCompilationUnit(), null);
    return unreadable[0] ? null : writes;
  }

  /**
   * True if, after the write at {@code writePath}, the same thread writes another value a few
   * straight-line statements later: in the statements after the write's own (or, for a write in an
   * {@code if} condition such as a successful {@code compareAndSet}, in its then-branch), with
   * nothing before that write that loops, blocks, locks, or leaves.
   */
  private static boolean leftSoonAfter(
      TreePath writePath, State read, Object awaited, TreePath loopPath, VisitorState state) {
    List<? extends StatementTree> after = statementsAfter(writePath);
    if (after == null) {
      return false;
    }
    for (StatementTree statement : after) {
      Object left = writtenValue(statement, read, writePath, state);
      if (left != null) {
        return !Objects.equals(left, awaited);
      }
      if (mayHold(statement, state)) {
        return false;
      }
    }
    return false;
  }

  /**
   * The statements after the write's own in its block, or the then-branch of the {@code if} whose
   * condition it is; null for a write in a lambda or class body before either.
   */
  private static @Nullable List<? extends StatementTree> statementsAfter(TreePath writePath) {
    List<? extends StatementTree> after = null;
    Tree child = writePath.getLeaf();
    for (TreePath p = writePath.getParentPath();
        p != null;
        child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof IfTree ifTree && ifTree.getCondition() == child) {
        after =
            ifTree.getThenStatement() instanceof BlockTree block
                ? block.getStatements()
                : List.of(ifTree.getThenStatement());
        break;
      }
      if (leaf instanceof BlockTree block && child instanceof StatementTree statement) {
        int index = block.getStatements().indexOf(statement);
        after = block.getStatements().subList(index + 1, block.getStatements().size());
        break;
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return null;
      }
    }
    return after;
  }

  /** The constant a statement that is one write of the state writes, or null. */
  private static @Nullable Object writtenValue(
      StatementTree statement, State read, TreePath at, VisitorState state) {
    if (!(statement instanceof ExpressionStatementTree expression)) {
      return null;
    }
    ExpressionTree written = expression.getExpression();
    if (!read.atomic()
        && written instanceof AssignmentTree assignment
        && read.holder().equals(Expressions.variableOf(assignment.getVariable()))) {
      return constantOf(assignment.getExpression());
    }
    if (read.atomic()
        && written instanceof MethodInvocationTree call
        && getSymbol(call) instanceof MethodSymbol method
        && isAtomicMember(method)
        && ATOMIC_WRITES.contains(method.getSimpleName().toString())
        && !method.getSimpleName().toString().contains("ompare")
        && !call.getArguments().isEmpty()
        && read.holder().equals(atomicHolder(getReceiver(call), at))) {
      return constantOf(call.getArguments().getLast());
    }
    return null;
  }

  /**
   * True if the statement may hold the thread, or leave before the state is left: a loop, a {@code
   * synchronized} block, a jump, or a call that blocks (declares {@code InterruptedException},
   * sleeps, parks, joins, waits).
   */
  private static boolean mayHold(StatementTree statement, VisitorState state) {
    if (Loops.containsLoop(statement) || Jumps.mayLeaveEarly(statement, /* countThrows= */ true)) {
      return true;
    }
    boolean[] holds = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitSynchronized(SynchronizedTree tree, Void unused) {
        holds[0] = true;
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        holds[0] |=
            Expressions.isResolved(call)
                && (Interrupts.throwsInterruptedException(call, state)
                    || ThreadCalls.SLEEP.matches(call, state)
                    || ThreadCalls.PARK.matches(call, state)
                    || ThreadCalls.JOIN.matches(call, state)
                    || SyncCalls.UNBOUNDED_WAIT.matches(call, state)
                    || (getSymbol(call) != null
                        && UNINTERRUPTIBLE_ACQUIRES.contains(
                            getSymbol(call).getSimpleName().toString())));
        return super.visitMethodInvocation(call, null);
      }
    }.scan(statement, null);
    return holds[0];
  }
}
