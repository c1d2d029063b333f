package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A same-file method that throws {@link InterruptedException} only where one of its boolean
 * parameters allows it, called with the constant that rules it out: {@code awaitUninterruptibly() {
 * await0(timeout, false); }} where {@code await0(long timeout, boolean interruptible)} reaches its
 * interruptible wait, or rethrows what its wait threw, only under {@code if (interruptible)}. The
 * common shape of a class's interruptible and uninterruptible waits sharing one body: the call
 * declares the exception, but with that argument it never throws it.
 */
public final class ParameterGuards {
  private ParameterGuards() {}

  /**
   * True if every place in {@code declaration}'s body that could throw an interrupt (a call or
   * constructor declaring it, or {@code InterruptedException}, {@code Exception} or {@code
   * Throwable}; a {@code throw} of such a type) lies in a branch that {@code call}'s boolean
   * constants rule out ({@code if (p)} called with {@code false}, {@code if (!p)} with {@code
   * true}), or in the try block of a {@code try} that catches it (whose own rethrows count as such
   * places in turn). Parameters assigned in the body count as unknown.
   */
  public static boolean throwsOnlyWhereTheCallRulesOut(
      MethodInvocationTree call, MethodTree declaration, VisitorState state) {
    Map<Symbol, Boolean> constants = constantArguments(call, declaration);
    if (constants.isEmpty() || declaration.getBody() == null) {
      return false;
    }
    Type interrupted = Interrupts.interruptedExceptionType(state);
    boolean[] reachable = new boolean[1];
    // Code of a lambda or a nested class runs when someone else calls it.
    new NestedCodeSkipper() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return reachable[0] ? null : super.scan(tree, null);
      }

      @Override
      public Void visitIf(IfTree ifTree, Void unused) {
        Boolean value = valueOf(ifTree.getCondition(), constants);
        scan(ifTree.getCondition(), null);
        if (value == null || value) {
          scan(ifTree.getThenStatement(), null);
        }
        if (value == null || !value) {
          scan(ifTree.getElseStatement(), null);
        }
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        Type type = getType(invocation.getMethodSelect());
        if (type == null || declaresAnInterrupt(type.getThrownTypes(), interrupted, state)) {
          reachable[0] |= !isCaughtAround(getCurrentPath(), interrupted, state);
        }
        return super.visitMethodInvocation(invocation, null);
      }

      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        Type type = getSymbol(creation) == null ? null : getSymbol(creation).type;
        if (type == null || declaresAnInterrupt(type.getThrownTypes(), interrupted, state)) {
          reachable[0] |= !isCaughtAround(getCurrentPath(), interrupted, state);
        }
        return super.visitNewClass(creation, null);
      }

      @Override
      public Void visitThrow(ThrowTree throwTree, Void unused) {
        Type thrown = getType(throwTree.getExpression());
        if (thrown == null || mayBeAnInterrupt(thrown, interrupted, state)) {
          reachable[0] |= !isCaughtAround(getCurrentPath(), interrupted, state);
        }
        return super.visitThrow(throwTree, null);
      }
    }.scan(new TreePath(new TreePath(state.getPath().getCompilationUnit()), declaration), null);
    return !reachable[0];
  }

  /** The method's effectively final boolean parameters the call passes a literal for. */
  private static Map<Symbol, Boolean> constantArguments(
      MethodInvocationTree call, MethodTree declaration) {
    Map<Symbol, Boolean> constants = new HashMap<>();
    List<? extends ExpressionTree> arguments = call.getArguments();
    if (arguments.size() != declaration.getParameters().size()) {
      return constants; // varargs: positions may not line up
    }
    for (int i = 0; i < arguments.size(); i++) {
      Symbol parameter = getSymbol(declaration.getParameters().get(i));
      if (parameter != null
          && (parameter.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0
          && Expressions.strip(arguments.get(i)) instanceof LiteralTree literal
          && literal.getValue() instanceof Boolean value) {
        constants.put(parameter, value);
      }
    }
    return constants;
  }

  /** {@code p} or {@code !p} for a parameter with a known value; null otherwise. */
  private static @Nullable Boolean valueOf(ExpressionTree condition, Map<Symbol, Boolean> known) {
    ExpressionTree stripped = Expressions.strip(condition);
    if (stripped instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      Boolean inner = valueOf(not.getExpression(), known);
      return inner == null ? null : !inner;
    }
    return stripped instanceof IdentifierTree identifier ? known.get(getSymbol(identifier)) : null;
  }

  /** In the try block of a {@code try} of the same body with a catch that takes an interrupt. */
  private static boolean isCaughtAround(TreePath path, Type interrupted, VisitorState state) {
    Tree child = path.getLeaf();
    for (TreePath p = path.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        return false;
      }
      if (p.getLeaf() instanceof TryTree tryTree && child == tryTree.getBlock()) {
        for (CatchTree catchTree : tryTree.getCatches()) {
          Type caught = getType(catchTree.getParameter());
          if (caught != null && isSubtype(interrupted, caught, state)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean declaresAnInterrupt(
      List<Type> thrownTypes, Type interrupted, VisitorState state) {
    for (Type thrown : thrownTypes) {
      if (mayBeAnInterrupt(thrown, interrupted, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mayBeAnInterrupt(Type thrown, Type interrupted, VisitorState state) {
    return isSubtype(thrown, interrupted, state) || isSubtype(interrupted, thrown, state);
  }
}
