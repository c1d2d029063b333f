package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.trees.Expressions;
import org.jspecify.annotations.Nullable;

/**
 * Counts kept in a JDK atomic number and only ever moved by a statement that adds to it and drops
 * the result ({@code pending.decrementAndGet();}, {@code sent.addAndGet(n);}). Two such additions
 * commute: each is one atomic step, neither reads anything the other wrote (the result is dropped),
 * and the count ends the same whichever runs first. So a stop that moves the count while a
 * cancelled task may still move it too reads nothing the task wrote, and loses nothing of it: the
 * count ends as it would had the stop waited for the task first.
 */
public final class CountUpdates {
  private CountUpdates() {}

  /** The atomic numbers whose additions are final methods (no subclass can change them). */
  private static final ImmutableSet<String> COUNTERS =
      ImmutableSet.of(
          "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong");

  /** The additions: each adds a delta in one atomic step. */
  private static final ImmutableSet<String> ADDITIONS =
      ImmutableSet.of(
          "incrementAndGet",
          "getAndIncrement",
          "decrementAndGet",
          "getAndDecrement",
          "addAndGet",
          "getAndAdd");

  /**
   * The receiver of the statement's call when the statement is an addition to an {@code
   * AtomicInteger} or {@code AtomicLong} whose result it drops ({@code count.incrementAndGet();}),
   * the receiver a private field or a local of this file; null for any other statement. The method
   * must be the JDK's own (declared final in {@code java.util.concurrent.atomic}), not another
   * method of a subclass. {@code set}, {@code getAndSet}, {@code compareAndSet}, {@code
   * updateAndGet} and {@code accumulateAndGet} are not additions: the order of two of them, or of
   * one and an addition, changes what the count ends as.
   */
  static @Nullable ExpressionTree receiverOfDroppedAddition(ExpressionStatementTree statement) {
    if (!(Expressions.strip(statement.getExpression()) instanceof MethodInvocationTree call)
        || !(getSymbol(call) instanceof MethodSymbol method)
        || method.isStatic()
        || (method.flags() & Flags.FINAL) == 0
        || !ADDITIONS.contains(method.getSimpleName().toString())
        || !(method.owner != null
            && COUNTERS.contains(method.owner.getQualifiedName().toString()))) {
      return null;
    }
    ExpressionTree receiver = getReceiver(call);
    VarSymbol counter = Expressions.variableOf(receiver);
    if (receiver == null || counter == null || !isPrivateFieldOrLocal(counter)) {
      return null;
    }
    return Expressions.strip(receiver);
  }

  /**
   * A private field (only this file's code can reach it) or a local variable; not a parameter,
   * whose atomic a caller handed in and other code may move in other ways.
   */
  private static boolean isPrivateFieldOrLocal(Symbol variable) {
    if (Ownership.isField(variable)) {
      return (variable.flags() & Flags.PRIVATE) != 0;
    }
    return Ownership.isLocal(variable);
  }
}
