package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Supertypes;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Lambdas the JDK runs before the call they are handed to returns, on the caller's own thread: the
 * action of an {@code Iterable}'s, a {@code Map}'s or a stream's {@code forEach}, and a step of a
 * stream pipeline that the same expression finishes with a terminal operation ({@code
 * list.stream().map(x -> ..).collect(..)}). A parallel stream also runs them on the common pool's
 * threads, which nothing interrupts either. A lambda kept in a local and only ever applied in place
 * runs there too. A pipeline left unfinished (a stream or its iterator returned, stored or passed
 * on) may run its steps later, anywhere: not counted.
 */
public final class SameThreadActions {
  private static final String BASE_STREAM = "java.util.stream.BaseStream";

  private SameThreadActions() {}

  /**
   * The path of the call the lambda is handed to when the JDK runs it on that call's own thread
   * before the call (or the pipeline it starts) returns; null otherwise.
   */
  public static @Nullable TreePath callRunningItInPlace(TreePath lambda, VisitorState state) {
    if (!(lambda.getLeaf() instanceof LambdaExpressionTree)) {
      return null;
    }
    TreePath parent = lambda.getParentPath();
    while (parent != null && parent.getLeaf() instanceof ParenthesizedTree) {
      parent = parent.getParentPath();
    }
    if (parent == null
        || !(parent.getLeaf() instanceof MethodInvocationTree call)
        || !call.getArguments().contains(lambda.getLeaf())) {
      return null;
    }
    return isForEach(call, state) || isFinishedPipelineStep(parent, state) ? parent : null;
  }

  /**
   * True if the lambda runs only on the thread of the code unit around it, before that returns: the
   * JDK runs it in place ({@link #callRunningItInPlace}), or it is the value of a local of that
   * code unit whose every reference there is the receiver of a call of the local's functional
   * method ({@code describe.apply(..)}), made in the code unit itself or in lambdas it runs in
   * place in turn.
   */
  public static boolean runsOnItsCodeUnitsThread(TreePath lambda, VisitorState state) {
    if (callRunningItInPlace(lambda, state) != null) {
      return true;
    }
    TreePath parent = LocalUses.parent(lambda);
    if (parent == null
        || !(parent.getLeaf() instanceof VariableTree variable)
        || variable.getInitializer() != lambda.getLeaf()
        || !(getSymbol(variable) instanceof VarSymbol local)
        || local.getKind() != ElementKind.LOCAL_VARIABLE) {
      return false;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(parent);
    if (codeUnit == null) {
      return false;
    }
    for (TreePath reference : LocalUses.references(codeUnit, local)) {
      if (!isCallOfItsFunctionalMethod(reference) || !runsInPlaceIn(reference, codeUnit, state)) {
        return false;
      }
    }
    return true;
  }

  /** The reference is the receiver of a call of an abstract method: the functional one. */
  private static boolean isCallOfItsFunctionalMethod(TreePath reference) {
    TreePath select = reference.getParentPath();
    return select != null
        && select.getLeaf() instanceof MemberSelectTree member
        && member.getExpression() == reference.getLeaf()
        && select.getParentPath() != null
        && select.getParentPath().getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() == member
        && getSymbol(call) instanceof MethodSymbol method
        && (method.flags() & Flags.ABSTRACT) != 0;
  }

  /** Every lambda between the path and the code unit runs in place, and no class lies between. */
  private static boolean runsInPlaceIn(TreePath path, TreePath codeUnit, VisitorState state) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() == codeUnit.getLeaf()) {
        return true;
      }
      if (p.getLeaf() instanceof ClassTree
          || (p.getLeaf() instanceof LambdaExpressionTree
              && callRunningItInPlace(p, state) == null)) {
        return false;
      }
    }
    return false;
  }

  /**
   * {@code forEach(action)} of an {@code Iterable}, a {@code Map} or a stream (also {@code
   * forEachOrdered}), the JDK's own: the action runs before the call returns.
   */
  private static boolean isForEach(MethodInvocationTree call, VisitorState state) {
    if (call.getArguments().size() != 1
        || !Expressions.isResolved(call)
        || !(getSymbol(call) instanceof MethodSymbol method)
        || method.owner == null
        || !method.packge().getQualifiedName().toString().startsWith("java.")) {
      return false;
    }
    String name = method.getSimpleName().toString();
    return (name.equals("forEach")
            && (Supertypes.isSubtypeOf(method.owner.type, "java.lang.Iterable", state)
                || Supertypes.isSubtypeOf(method.owner.type, "java.util.Map", state)
                || Supertypes.isSubtypeOf(method.owner.type, "java.util.stream.Stream", state)))
        || (name.equals("forEachOrdered")
            && Supertypes.isSubtypeOf(method.owner.type, "java.util.stream.Stream", state));
  }

  /**
   * The call is a method of the JDK's streams, and the stream each call of the chain returns is at
   * once the receiver of the next such call, up to one whose result is neither a stream nor an
   * {@code Iterator} or {@code Spliterator} over one: that terminal operation runs the steps.
   */
  private static boolean isFinishedPipelineStep(TreePath callPath, VisitorState state) {
    TreePath current = callPath;
    for (int steps = 0; steps < 64; steps++) {
      if (!(current.getLeaf() instanceof MethodInvocationTree call)
          || !isStreamMethod(call, state)) {
        return false;
      }
      Type result = getType(call);
      if (result == null) {
        return false;
      }
      if (!Supertypes.isSubtypeOf(result, BASE_STREAM, state)) {
        return !Supertypes.isSubtypeOf(result, "java.util.Iterator", state)
            && !Supertypes.isSubtypeOf(result, "java.util.Spliterator", state)
            && !Supertypes.isSubtypeOf(result, "java.util.PrimitiveIterator", state);
      }
      TreePath select = current.getParentPath();
      while (select != null && select.getLeaf() instanceof ParenthesizedTree) {
        select = select.getParentPath();
      }
      if (select == null
          || !(select.getLeaf() instanceof MemberSelectTree member)
          || select.getParentPath() == null
          || !(select.getParentPath().getLeaf() instanceof MethodInvocationTree next)
          || next.getMethodSelect() != member) {
        return false;
      }
      current = select.getParentPath();
    }
    return false;
  }

  /** A resolved method of a JDK stream type ({@code Stream}, {@code IntStream}, ..). */
  private static boolean isStreamMethod(MethodInvocationTree call, VisitorState state) {
    return Expressions.isResolved(call)
        && getSymbol(call) instanceof MethodSymbol method
        && method.owner != null
        && method.packge() != null
        && method.packge().getQualifiedName().contentEquals("java.util.stream")
        && Supertypes.isSubtypeOf(method.owner.type, BASE_STREAM, state);
  }
}
