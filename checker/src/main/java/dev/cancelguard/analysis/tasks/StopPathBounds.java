package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * The bounds a stop path already puts on its waits, which a wait inserted by a fix keeps: an {@code
 * awaitTermination(timeout, unit)} in the stop method or a method of its class that calls it, or in
 * a subclass's method that calls the stop and bounds its own waits.
 */
public final class StopPathBounds {
  private StopPathBounds() {}

  /**
   * The bound the stop path puts on its other waits: the {@code (timeout, unit)} of an {@code
   * awaitTermination} in the stop method or in a method of the same class that calls it, whose
   * arguments mean the same at the stop method (literals, constants, fields, methods of the class;
   * no locals or parameters). Null where the stop path waits without a bound or not at all.
   */
  public static WaitFixes.@Nullable Deadline boundOfStopPath(
      TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol stop)
        || !(stop.owner instanceof ClassSymbol owner)) {
      return null;
    }
    WaitFixes.Deadline[] bound = new WaitFixes.Deadline[1];
    Set<MethodTree> stopPath = new HashSet<>();
    stopPath.add(method);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && stop.equals(getSymbol(call))) {
          TreePath caller = Tasks.enclosingCodeUnit(getCurrentPath());
          if (caller != null
              && caller.getLeaf() instanceof MethodTree callerMethod
              && getSymbol(callerMethod) instanceof MethodSymbol callerSymbol
              && owner.equals(callerSymbol.owner)) {
            stopPath.add(callerMethod);
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(codeUnit.getCompilationUnit(), null);
    for (MethodTree onPath : stopPath) {
      new NestedCodeSkipper() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (bound[0] == null
              && Expressions.isResolved(call)
              && ExecutorCalls.AWAIT_TERMINATION.matches(call, state)
              && call.getArguments().size() == 2
              && call.getArguments().stream().allMatch(a -> meansTheSameIn(a, stop))) {
            String amount = state.getSourceForNode(call.getArguments().get(0));
            String unit = state.getSourceForNode(call.getArguments().get(1));
            if (amount != null && unit != null) {
              bound[0] = new WaitFixes.Deadline(amount, unit);
            }
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(onPath.getBody(), null);
    }
    return bound[0];
  }

  /**
   * True if a method of a subclass compiled with this file (in another file, or this one) calls the
   * stop and bounds its own waits ({@code awaitTermination(timeout, unit)}): {@code
   * HikariPool.shutdown()} calling {@code shutdownNetworkTimeoutExecutor()} of its base class and
   * giving every other pool ten seconds. That bound is the subclass's, in terms this file may not
   * reach; an unbounded wait inserted here would break it.
   */
  public static boolean boundedByASubclassCaller(TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol stop)
        || stop.isPrivate()
        || !(stop.owner instanceof ClassSymbol owner)) {
      return false;
    }
    for (ClassSymbol subclass : CompiledSources.subclassesOf(owner, state)) {
      ClassTree declaration = CompiledSources.classTree(subclass, state);
      if (declaration == null) {
        continue;
      }
      for (Tree member : declaration.getMembers()) {
        if (member instanceof MethodTree caller
            && caller.getBody() != null
            && CallScans.anyCallOutsideNestedCode(
                caller.getBody(),
                call -> Expressions.isResolved(call) && stop.equals(getSymbol(call)))
            && CallScans.anyCallOutsideNestedCode(
                caller.getBody(),
                call ->
                    Expressions.isResolved(call)
                        && ExecutorCalls.AWAIT_TERMINATION.matches(call, state)
                        && call.getArguments().size() == 2)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True if the expression names nothing local to its method: only literals, constants, and fields
   * and methods it can reach from {@code stop} (static ones where {@code stop} is static).
   */
  private static boolean meansTheSameIn(ExpressionTree argument, MethodSymbol stop) {
    boolean[] local = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        check(getSymbol(id));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        if (select.getExpression() instanceof IdentifierTree id
            && id.getName().contentEquals("this")) {
          local[0] |= stop.isStatic();
          return null;
        }
        return super.visitMemberSelect(select, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        local[0] = true;
        return null;
      }

      private void check(@Nullable Symbol symbol) {
        if (symbol == null) {
          local[0] = true;
          return;
        }
        ElementKind kind = symbol.getKind();
        if (kind == ElementKind.LOCAL_VARIABLE
            || kind == ElementKind.PARAMETER
            || kind == ElementKind.EXCEPTION_PARAMETER
            || kind == ElementKind.RESOURCE_VARIABLE
            || kind == ElementKind.BINDING_VARIABLE) {
          local[0] = true;
        } else if ((kind == ElementKind.FIELD || kind == ElementKind.METHOD)
            && stop.isStatic()
            && !symbol.isStatic()) {
          local[0] = true;
        }
      }
    }.scan(argument, null);
    Type type = getType(argument);
    return !local[0] && type != null && type.getKind() != TypeKind.ERROR;
  }
}
