package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.classfiles.Opcodes.ATHROW;
import static dev.cancelguard.analysis.classfiles.Opcodes.IFNE;
import static dev.cancelguard.analysis.classfiles.Opcodes.ILOAD_0;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.common.primitives.ImmutableIntArray;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * A statement that calls a precondition helper: a static method (so no other code can be there at
 * run time) whose first parameter is a {@code boolean} and whose code starts by throwing unless
 * that parameter is true — {@code if (!expression) { throw new IllegalStateException(message); }}
 * in its source (Spring's {@code Assert.state(..)}), or, read from its class file, code that loads
 * the parameter, jumps past a {@code throw} when it is true and reaches nothing but that {@code
 * throw} otherwise (Guava's {@code Preconditions.checkState(boolean)}). When such a call returns,
 * its first argument was true. What the helper's code does not show is not assumed: a helper named
 * so but that logs, returns, or tests the parameter later, an instance method (an override could be
 * there), and a class file whose code is longer than {@link ClassFile.Method#SHORT_CODE} bytes are
 * not taken for one.
 */
final class ThrowingGuards {
  private ThrowingGuards() {}

  /**
   * The call the statement is, if it is a call of a precondition helper (above) with at least one
   * argument; null otherwise.
   */
  static @Nullable MethodInvocationTree guardCall(StatementTree statement, VisitorState state) {
    if (!(statement instanceof ExpressionStatementTree expression)
        || !(stripParentheses(expression.getExpression()) instanceof MethodInvocationTree call)
        || call.getArguments().isEmpty()
        || !Expressions.isResolved(call)
        || !(getSymbol(call) instanceof MethodSymbol helper)
        || !helper.isStatic()
        || helper.getParameters().isEmpty()
        || helper.getParameters().getFirst().asType().getKind() != TypeKind.BOOLEAN) {
      return null;
    }
    try {
      MethodTree declaration = CompiledSources.methodTree(helper, state);
      if (declaration != null) {
        return sourceThrowsUnlessFirstIsTrue(declaration) ? call : null;
      }
      return classFileThrowsUnlessFirstIsTrue(helper, state) ? call : null;
    } catch (RuntimeException unreadable) {
      return null; // a class whose members cannot be completed: no claim about it
    }
  }

  /** The body's first statement is {@code if (!p) throw ..;} (also in braces) on the first one. */
  private static boolean sourceThrowsUnlessFirstIsTrue(MethodTree declaration) {
    if (declaration.getBody() == null
        || declaration.getBody().getStatements().isEmpty()
        || declaration.getParameters().isEmpty()
        || !(declaration.getBody().getStatements().getFirst() instanceof IfTree guard)
        || guard.getElseStatement() != null
        || !(stripParentheses(guard.getCondition()) instanceof UnaryTree not)
        || not.getKind() != Tree.Kind.LOGICAL_COMPLEMENT) {
      return false;
    }
    StatementTree then = guard.getThenStatement();
    if (then instanceof BlockTree block && block.getStatements().size() == 1) {
      then = block.getStatements().getFirst();
    }
    return then instanceof ThrowTree
        && getSymbol(stripParentheses(not.getExpression())) != null
        && getSymbol(stripParentheses(not.getExpression()))
            .equals(getSymbol(declaration.getParameters().getFirst()));
  }

  /**
   * The class-file code, kept whole, is {@code iload_0; ifne L; ..; athrow; L: ..}: the straight
   * code between the jump and {@code L} leaves only by the {@code throw} right before {@code L},
   * and {@code L} is the code's only jump target (no exception handler could catch that throw).
   */
  private static boolean classFileThrowsUnlessFirstIsTrue(MethodSymbol helper, VisitorState state) {
    if (!(helper.owner instanceof ClassSymbol owner)) {
      return false;
    }
    String descriptor = ClassFiles.descriptor(helper, state.getTypes());
    ClassFile.Method code = ClassFiles.instance(state.context).methodOf(owner, helper, descriptor);
    if (code == null || !code.hasCode()) {
      return false;
    }
    ImmutableIntArray bytes = code.shortCode();
    if (bytes.length() < 5 || bytes.get(0) != ILOAD_0 || bytes.get(1) != IFNE) {
      return false;
    }
    int target = 1 + (short) ((bytes.get(2) << 8) | bytes.get(3));
    int thrower = target - 1;
    return thrower > 4
        && target < bytes.length()
        && bytes.get(thrower) == ATHROW
        && code.nextExit(4) == thrower
        && code.jumpTargets().equals(ImmutableSet.of(target));
  }
}
