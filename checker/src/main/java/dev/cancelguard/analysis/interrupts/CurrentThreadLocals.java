package dev.cancelguard.analysis.interrupts;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A local that holds the current thread for the whole of its method: {@code final Thread thread =
 * Thread.currentThread();} (final or effectively final), so that {@code thread.interrupt()} later
 * in the same method restores the flag just as {@code Thread.currentThread().interrupt()} would —
 * the uninterruptible-wait idiom keeps the thread in a local before it parks. Only where no lambda
 * or class body of the method names the local: such code may run on another thread, where the same
 * call interrupts the thread that made the local instead.
 */
public final class CurrentThreadLocals {
  private CurrentThreadLocals() {}

  /**
   * True if {@code receiver} names such a local of the method that encloses the code being matched
   * ({@code state.getPath()}).
   */
  public static boolean holdsTheCurrentThread(
      @Nullable ExpressionTree receiver, VisitorState state) {
    if (!(Expressions.strip(receiver) instanceof IdentifierTree identifier)
        || !(getSymbol(identifier) instanceof VarSymbol local)
        || local.getKind() != ElementKind.LOCAL_VARIABLE
        || (local.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0) {
      return false;
    }
    MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    if (method == null || method.getBody() == null) {
      return false;
    }
    boolean[] initializedWithCurrentThread = new boolean[1];
    boolean[] namedInNestedCode = new boolean[1];
    new TreeScanner<Void, Integer>() {
      @Override
      public Void visitVariable(VariableTree variable, Integer depth) {
        if (local.equals(getSymbol(variable))) {
          initializedWithCurrentThread[0] =
              depth == 0
                  && variable.getInitializer() != null
                  && Expressions.strip(variable.getInitializer()) instanceof ExpressionTree init
                  && ThreadCalls.CURRENT_THREAD.matches(init, state);
        }
        return super.visitVariable(variable, depth);
      }

      @Override
      public Void visitIdentifier(IdentifierTree name, Integer depth) {
        Symbol symbol = getSymbol(name);
        namedInNestedCode[0] |= depth > 0 && local.equals(symbol);
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Integer depth) {
        return super.visitLambdaExpression(lambda, depth + 1);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Integer depth) {
        return super.visitMemberReference(reference, depth + 1);
      }

      @Override
      public Void visitClass(ClassTree classTree, Integer depth) {
        return super.visitClass(classTree, depth + 1);
      }
    }.scan(method.getBody(), 0);
    return initializedWithCurrentThread[0] && !namedInNestedCode[0];
  }
}
