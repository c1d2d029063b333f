package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A same-file method that throws {@link InterruptedException} only through the functional
 * interfaces it is handed: {@code terminateCache(c -> { c.stop(); return true; }, name)} where
 * {@code terminateCache(CacheTerminator terminator, ..)} declares it only because {@code
 * terminator.stop(cache)} does. Called with actions none of which can throw one for real (a lambda,
 * an anonymous class or a method reference written in the call, judged by {@link
 * PassedOnActions#mayThrow}), the call cannot throw one either, whatever other callers hand in. The
 * method may hand such a parameter on to another same-file method that cannot be overridden and is
 * judged the same way ({@code performOnCaches(terminator)} calling {@code
 * terminateCache(terminator, name)}), at most {@value #MAX_DEPTH} calls deep.
 *
 * <p>It may also make an interrupt itself while the flag is still set: {@code if
 * (Thread.currentThread().isInterrupted()) { throw new InterruptedException(); }}. {@code
 * isInterrupted()} does not clear the flag, so whoever catches that exception finds the flag set,
 * and a catch that drops it loses nothing. A test that clears ({@code Thread.interrupted()}), one
 * of another thread, a throw after other statements, and one inside a {@code try} of its method (a
 * catch or {@code finally} there may clear the flag or wait on it) still count as making one.
 */
public final class FunctionalArguments {
  /** How deep a functional parameter is followed through the methods it is handed on to. */
  private static final int MAX_DEPTH = 3;

  private FunctionalArguments() {}

  /**
   * True if every place in the body of {@code declaration} (not in its lambdas or nested classes)
   * that may throw an interrupt is a call of the abstract method of one of its parameters (never
   * assigned in the body) for which {@code call} passes an action that cannot throw one for real, a
   * call that hands such parameters on to a method judged the same way, or a {@code throw new
   * InterruptedException(..)} made while the flag is still set; and there is at least one such
   * place. Any other {@code throw}, constructor or call that may throw one answers false.
   */
  public static boolean throwsOnlyThroughActionsThatThrowNone(
      MethodInvocationTree call, MethodTree declaration, VisitorState state, int actionDepth) {
    Map<Symbol, ExpressionTree> actions = actionArguments(call, declaration, Map.of());
    if (declaration.getBody() == null) {
      return false;
    }
    Verdict verdict =
        walk(
            declaration,
            actions,
            /* flagSetThrowsPass= */ true,
            new HashSet<>(),
            0,
            actionDepth,
            state);
    return verdict.something && !verdict.other;
  }

  /** What a walk of one body found. */
  private static final class Verdict {
    boolean something;
    boolean other;
  }

  private static Verdict walk(
      MethodTree declaration,
      Map<Symbol, ExpressionTree> actions,
      boolean flagSetThrowsPass,
      Set<MethodTree> inProgress,
      int depth,
      int actionDepth,
      VisitorState state) {
    Verdict verdict = new Verdict();
    if (declaration.getBody() == null || !inProgress.add(declaration)) {
      verdict.other = true;
      return verdict;
    }
    Type interrupted = Interrupts.interruptedExceptionType(state);
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        Type type = getType(invocation.getMethodSelect());
        if (type == null || declaresAnInterrupt(type.getThrownTypes(), interrupted, state)) {
          ExpressionTree action = actionCalled(invocation, actions);
          TreePath actionPath = action == null ? null : TreePath.getPath(unit, action);
          if (actionPath != null
              && getSymbol(invocation) instanceof MethodSymbol functional
              && !PassedOnActions.mayThrow(action, actionPath, functional, state, actionDepth)) {
            verdict.something = true;
          } else if (!handedOn(invocation, getCurrentPath())) {
            verdict.other = true;
          }
        }
        return super.visitMethodInvocation(invocation, null);
      }

      /** A call of a same-file method that only throws through what this call hands it. */
      private boolean handedOn(MethodInvocationTree invocation, TreePath path) {
        if (actions.isEmpty()
            || depth >= MAX_DEPTH
            || !Expressions.isResolved(invocation)
            || !(getSymbol(invocation) instanceof MethodSymbol callee)
            || (callee.flags() & Flags.ABSTRACT) != 0
            || !ConfinedOverrides.cannotBeOverridden(callee)
            || !SameFile.isDeclaredIn(callee, unit)) {
          return false;
        }
        MethodTree inner = SameFile.findMethod(unit, callee, state);
        if (inner == null) {
          return false;
        }
        Map<Symbol, ExpressionTree> handed = actionArguments(invocation, inner, actions);
        if (handed.isEmpty()) {
          return false;
        }
        Verdict innerVerdict =
            walk(
                inner,
                handed,
                flagSetThrowsPass && !insideATry(path, declaration),
                inProgress,
                depth + 1,
                actionDepth,
                state);
        verdict.something |= innerVerdict.something;
        return !innerVerdict.other;
      }

      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        Symbol constructor = getSymbol(creation);
        verdict.other |=
            constructor == null
                || declaresAnInterrupt(constructor.type.getThrownTypes(), interrupted, state);
        return super.visitNewClass(creation, null);
      }

      @Override
      public Void visitThrow(ThrowTree throwTree, Void unused) {
        Type thrown = getType(throwTree.getExpression());
        if (thrown == null || mayBeAnInterrupt(thrown, interrupted, state)) {
          if (flagSetThrowsPass && madeWhileTheFlagIsSet(getCurrentPath(), declaration, state)) {
            verdict.something = true;
          } else {
            verdict.other = true;
          }
        }
        return super.visitThrow(throwTree, null);
      }
    }.scan(new TreePath(new TreePath(unit), declaration), null);
    inProgress.remove(declaration);
    return verdict;
  }

  /**
   * {@code throw new InterruptedException(..)} as the whole, or the first statement, of the branch
   * taken when {@code Thread.currentThread().isInterrupted()} is true, with no call in its
   * arguments and no {@code try} of its method around it: the exception leaves the method with the
   * flag still set.
   */
  private static boolean madeWhileTheFlagIsSet(
      TreePath throwPath, MethodTree declaration, VisitorState state) {
    ThrowTree throwTree = (ThrowTree) throwPath.getLeaf();
    if (!(Expressions.strip(throwTree.getExpression()) instanceof NewClassTree creation)
        || creation.getClassBody() != null
        || getType(creation) == null
        || !isSubtype(getType(creation), Interrupts.interruptedExceptionType(state), state)
        || containsACall(creation.getArguments())) {
      return false;
    }
    TreePath parent = throwPath.getParentPath();
    Tree branch = throwTree;
    if (parent.getLeaf() instanceof BlockTree block) {
      if (block.getStatements().isEmpty() || block.getStatements().get(0) != throwTree) {
        return false;
      }
      branch = block;
      parent = parent.getParentPath();
    }
    return parent.getLeaf() instanceof IfTree ifTree
        && ifTree.getThenStatement() == branch
        && Expressions.strip(ifTree.getCondition()) instanceof MethodInvocationTree test
        && ThreadCalls.IS_INTERRUPTED.matches(test, state)
        && getReceiver(test) != null
        && ThreadCalls.CURRENT_THREAD.matches(Expressions.strip(getReceiver(test)), state)
        && !insideATry(parent, declaration);
  }

  private static boolean containsACall(List<? extends ExpressionTree> arguments) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        found[0] = true;
        return null;
      }
    }.scan(arguments, null);
    return found[0];
  }

  /** True if a {@code try} of {@code declaration} holds the node at {@code path}. */
  private static boolean insideATry(TreePath path, MethodTree declaration) {
    for (TreePath p = path; p != null && p.getLeaf() != declaration; p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree) {
        return true;
      }
    }
    return false;
  }

  /**
   * The actions {@code call} passes, keyed by the effectively final parameter they bind: a lambda,
   * an anonymous class or a method reference written in the call, or a parameter of the caller the
   * caller's own call bound to one ({@code outer}).
   */
  private static Map<Symbol, ExpressionTree> actionArguments(
      MethodInvocationTree call, MethodTree declaration, Map<Symbol, ExpressionTree> outer) {
    Map<Symbol, ExpressionTree> actions = new HashMap<>();
    List<? extends ExpressionTree> arguments = call.getArguments();
    if (arguments.size() != declaration.getParameters().size()) {
      return actions; // varargs: positions may not line up
    }
    for (int i = 0; i < arguments.size(); i++) {
      Symbol parameter = getSymbol(declaration.getParameters().get(i));
      if (parameter == null || (parameter.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0) {
        continue;
      }
      ExpressionTree argument = Expressions.strip(arguments.get(i));
      if (argument instanceof LambdaExpressionTree
          || argument instanceof MemberReferenceTree
          || (argument instanceof NewClassTree creation && creation.getClassBody() != null)) {
        actions.put(parameter, argument);
      } else if (argument instanceof IdentifierTree name
          && outer.get(getSymbol(name)) instanceof ExpressionTree action) {
        actions.put(parameter, action);
      }
    }
    return actions;
  }

  /** The action bound to the parameter the invocation calls the abstract method of, or null. */
  private static @Nullable ExpressionTree actionCalled(
      MethodInvocationTree invocation, Map<Symbol, ExpressionTree> actions) {
    ExpressionTree receiver = getReceiver(invocation);
    Symbol method = getSymbol(invocation);
    if (receiver == null
        || method == null
        || (method.flags() & Flags.ABSTRACT) == 0
        || !(Expressions.strip(receiver) instanceof IdentifierTree)) {
      return null;
    }
    return actions.get(getSymbol(Expressions.strip(receiver)));
  }

  private static boolean declaresAnInterrupt(
      List<Type> thrownTypes, Type interrupted, VisitorState state) {
    return thrownTypes.stream().anyMatch(t -> mayBeAnInterrupt(t, interrupted, state));
  }

  private static boolean mayBeAnInterrupt(Type thrown, Type interrupted, VisitorState state) {
    return isSubtype(thrown, interrupted, state) || isSubtype(interrupted, thrown, state);
  }
}
