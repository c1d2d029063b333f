package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether a pool a code unit creates and shuts down itself is shut down on every path out, or on
 * the normal path only.
 */
public final class PoolShutdownPaths {
  /** Executor methods that hand it a task. */
  private static final Pattern WORK = Pattern.compile("submit|execute|invoke(All|Any)|schedule.*");

  private PoolShutdownPaths() {}

  /**
   * For a pool a code unit creates and shuts down itself, the first way out of the code unit (an
   * exception a call declares, a throw, a return, the end of the body) reached while the pool is
   * still running: the pool is shut down on the normal path only. Null when every path shuts it
   * down, or when some shutdown is not a plain call of this code unit (a lambda, a shutdown hook, a
   * method reference: when that runs is not known here). Exceptions no call declares are not
   * followed: any call may throw one, and reporting every pool for them would say nothing.
   *
   * <p>The pool counts as running from the first work given to it (a pool that ran nothing has
   * started no thread).
   */
  public static FactFlow.@Nullable Exit exitWithPoolRunning(
      Symbol pool, TreePath codeUnit, VisitorState state) {
    Tree body =
        switch (codeUnit.getLeaf()) {
          case MethodTree method -> method.getBody();
          case LambdaExpressionTree lambda when lambda.getBody() instanceof BlockTree block ->
              block;
          default -> null;
        };
    if (body == null || !shutsDownOnlyByPlainCalls(pool, new TreePath(codeUnit, body), state)) {
      return null;
    }
    FactFlow.Spec spec =
        new FactFlow.Spec() {
          /** Running from the first work given to it: an idle pool has started no thread yet. */
          @Override
          public long addedBy(ExpressionTree tree) {
            return givesWork(tree, pool, state) ? 1 : 0;
          }

          /** A call that gives work and fails ({@code invokeAll} interrupted) started threads. */
          @Override
          public List<FactFlow.Raise> raises(ExpressionTree tree) {
            Symbol method = getSymbol(tree);
            if (method == null || !givesWork(tree, pool, state)) {
              return List.of();
            }
            return method.type.getThrownTypes().stream()
                .map(thrown -> new FactFlow.Raise(thrown, 1))
                .toList();
          }

          @Override
          public long killedBy(ExpressionTree tree) {
            return ExecutorShutdowns.isShutdown(tree, state)
                    && pool.equals(Expressions.receiverSymbol(tree))
                ? 1
                : 0;
          }

          /** {@code if (pool != null) pool.shutdown();}: the pool was never null. */
          @Override
          public long killedOnBranch(ExpressionTree condition, boolean value) {
            return pool.equals(LocalUses.nullTested(condition, value)) ? 1 : 0;
          }

          @Override
          public long killedByLeaving(TryTree tryTree) {
            return tryTree.getResources().stream()
                    .anyMatch(r -> r instanceof IdentifierTree id && pool.equals(getSymbol(id)))
                ? 1
                : 0;
          }
        };
    return FactFlow.walk(body, spec, state, 0, false, Set.of()).exits().stream()
        .min(Comparator.comparingInt(exit -> getStartPosition(exit.tree())))
        .orElse(null);
  }

  /**
   * A call on the pool that gives it work ({@code submit}, {@code execute}, {@code invokeAll},
   * {@code schedule}, ...), or a call or constructor call the pool is passed to ({@code
   * runAsync(job, pool)}, {@code jobs.forEach(pool::execute)}).
   */
  private static boolean givesWork(ExpressionTree tree, Symbol pool, VisitorState state) {
    List<? extends ExpressionTree> arguments;
    if (tree instanceof MethodInvocationTree call) {
      if (pool.equals(Expressions.receiverSymbol(call))) {
        return getSymbol(call) != null && WORK.matcher(getSymbol(call).getSimpleName()).matches();
      }
      arguments = call.getArguments();
    } else if (tree instanceof NewClassTree newClass) {
      arguments = newClass.getArguments();
    } else {
      return false;
    }
    for (ExpressionTree argument : arguments) {
      ExpressionTree stripped = Expressions.strip(argument);
      if (stripped instanceof MemberReferenceTree reference) {
        stripped = reference.getQualifierExpression();
      }
      if (stripped instanceof IdentifierTree && pool.equals(getSymbol(stripped))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the pool is shut down somewhere, and only by {@code shutdown()}, {@code shutdownNow()}
   * or {@code close()} called on it in the code unit itself (also as {@code try (pool)}).
   */
  private static boolean shutsDownOnlyByPlainCalls(Symbol pool, TreePath body, VisitorState state) {
    boolean[] plain = {false};
    boolean[] elsewhere = {false};
    new TreePathScanner<Void, Void>() {
      private int nested;

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        nested++;
        super.visitLambdaExpression(lambda, null);
        nested--;
        return null;
      }

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        nested++;
        super.visitClass(classTree, null);
        nested--;
        return null;
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        elsewhere[0] |=
            pool.equals(getSymbol(reference.getQualifierExpression()))
                && reference.getName().toString().matches("shutdown|shutdownNow|close");
        return super.visitMemberReference(reference, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (ExecutorShutdowns.isShutdown(call, state)
            && pool.equals(Expressions.receiverSymbol(call))) {
          if (nested > 0) {
            elsewhere[0] = true;
          } else {
            plain[0] = true;
          }
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitTry(TryTree tryTree, Void unused) {
        plain[0] |=
            tryTree.getResources().stream()
                .anyMatch(r -> r instanceof IdentifierTree id && pool.equals(getSymbol(id)));
        return super.visitTry(tryTree, null);
      }
    }.scan(body, null);
    return plain[0] && !elsewhere[0];
  }
}
