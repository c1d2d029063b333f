package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A {@code get()} on a future the JDK documents as completed when the code reads it, so that it
 * returns (or throws its {@code ExecutionException} or {@code CancellationException}) at once,
 * without waiting and without reading the interrupt flag:
 *
 * <ul>
 *   <li>the task's own {@code get()} in an override of {@code FutureTask.done()}, which {@code
 *       FutureTask} calls once the task's state is final ("invoked when this task transitions to
 *       state isDone"): {@code super.get()}, or {@code get()} / {@code this.get()} in a class no
 *       subclass can change (anonymous or final), resolved to {@code FutureTask}'s own method, in a
 *       {@code done()} the file never calls itself;
 *   <li>a future of the list {@code ExecutorService.invokeAll(..)} returns ("{@code Future.isDone}
 *       is true for each element of the returned list", with or without a deadline): an element of
 *       a for-each loop over that list, or {@code list.get(i)};
 *   <li>a future a {@code CompletionService} hands out with {@code take()} or {@code poll(..)}
 *       ("the Future representing the next completed task");
 *   <li>an element of a list the method makes empty itself and fills only with such futures, or
 *       with the whole list {@code invokeAll(..)} returns ({@code futures.addAll(pool.invokeAll(
 *       tasks))});
 *   <li>the parameter of a lambda that {@code list.forEach(..)} or {@code
 *       list.stream().forEach(..)} hands each element of such a list.
 * </ul>
 *
 * <p>Each value is read through a local that is never assigned again, and each list is a local used
 * only to add such futures and to read them ({@code size()}, {@code isEmpty()}, {@code get(i)},
 * {@code contains(..)}, a for-each loop, {@code stream()}, {@code forEach(..)}): a list handed
 * anywhere else could be given another future.
 */
public final class CompletedFutures {
  /** Calls on a list of completed futures that neither add to it nor hand it on. */
  private static final ImmutableSet<String> READS =
      ImmutableSet.of("size", "isEmpty", "get", "contains", "indexOf");

  /** How many locals deep a value is followed to where it came from. */
  private static final int MAX_DEPTH = 4;

  private CompletedFutures() {}

  /** True if {@code call}, a {@code Future.get}, reads a future known to be completed. */
  public static boolean isGetOfACompletedFuture(
      MethodInvocationTree call, TreePath callPath, VisitorState state) {
    if (!FutureCalls.GET.matches(call, state)) {
      return false;
    }
    ExpressionTree receiver = getReceiver(call);
    if (receiver == null || isThis(receiver) || isSuper(receiver)) {
      return isOwnGetInDone(call, receiver, callPath, state);
    }
    return isCompleted(receiver, callPath, state, MAX_DEPTH);
  }

  /**
   * {@code super.get()}, or {@code get()} / {@code this.get()} in an anonymous or final class, of
   * {@code FutureTask} itself, in the class's own {@code done()} override that no code of the file
   * calls (other than a subclass's {@code super.done()}).
   */
  private static boolean isOwnGetInDone(
      MethodInvocationTree call,
      @Nullable ExpressionTree receiver,
      TreePath callPath,
      VisitorState state) {
    if (!(getSymbol(call) instanceof MethodSymbol get)
        || !get.owner.getQualifiedName().contentEquals("java.util.concurrent.FutureTask")) {
      return false;
    }
    TreePath methodPath = null;
    for (TreePath p = callPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof MethodTree) {
        methodPath = p;
        break;
      }
    }
    if (methodPath == null
        || !(getSymbol((MethodTree) methodPath.getLeaf()) instanceof MethodSymbol done)
        || !done.getSimpleName().contentEquals("done")
        || !done.getParameters().isEmpty()
        || done.isStatic()
        || !(done.owner instanceof ClassSymbol type)
        || !Supertypes.isSubtypeOf(type.type, "java.util.concurrent.FutureTask", state)) {
      return false;
    }
    if (receiver != null && isSuper(receiver)) {
      // super.get() of a direct subclass of FutureTask: FutureTask's own code, whatever overrides.
      Type superclass = state.getTypes().supertype(type.type);
      if (superclass == null
          || superclass.tsym == null
          || !superclass.tsym.getQualifiedName().contentEquals("java.util.concurrent.FutureTask")) {
        return false;
      }
    } else if (!type.isAnonymous() && (type.flags() & Flags.FINAL) == 0) {
      return false;
    }
    return !calledInTheFile(state);
  }

  /**
   * The file calls a {@code done()} of a {@code FutureTask} other than by {@code super.done()}, or
   * names one by a method reference: code other than {@code FutureTask} may then run {@code done}
   * before the task is done.
   */
  private static boolean calledInTheFile(VisitorState state) {
    boolean[] found = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        if (getSymbol(invocation) instanceof MethodSymbol called
            && called.getSimpleName().contentEquals("done")
            && called.getParameters().isEmpty()
            && Supertypes.isSubtypeOf(called.owner.type, "java.util.concurrent.FutureTask", state)
            && !(getReceiver(invocation) instanceof ExpressionTree r && isSuper(r))) {
          found[0] = true;
        }
        return super.visitMethodInvocation(invocation, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        found[0] |= reference.getName().contentEquals("done");
        return super.visitMemberReference(reference, null);
      }
    }.scan(new TreePath(state.getPath().getCompilationUnit()), null);
    return found[0];
  }

  /**
   * True if the expression is a future known to be completed: {@code completionService.take()} or
   * {@code poll(..)}; an element of a list of completed futures ({@code list.get(i)}, or the
   * variable of a for-each loop over it); or a local never assigned again whose initializer is one.
   */
  private static boolean isCompleted(
      ExpressionTree expression, TreePath from, VisitorState state, int depth) {
    if (depth == 0) {
      return false;
    }
    ExpressionTree stripped = Expressions.strip(expression);
    if (stripped instanceof MethodInvocationTree call && Expressions.isResolved(call)) {
      if (getSymbol(call) instanceof MethodSymbol method
          && (method.getSimpleName().contentEquals("take")
              || method.getSimpleName().contentEquals("poll"))
          && Supertypes.isSubtypeOf(
              method.owner.type, "java.util.concurrent.CompletionService", state)) {
        return true;
      }
      return getSymbol(call) instanceof MethodSymbol method
          && method.getSimpleName().contentEquals("get")
          && call.getArguments().size() == 1
          && Supertypes.isSubtypeOf(method.owner.type, "java.util.List", state)
          && getReceiver(call) != null
          && isListOfCompletedFutures(getReceiver(call), from, state, depth - 1);
    }
    if (!(stripped instanceof IdentifierTree)
        || !(getSymbol(stripped) instanceof VarSymbol local)) {
      return false;
    }
    if (!isUnassignedLocal(local)) {
      return isElementHandedByForEach(local, from, state, depth);
    }
    TreePath declaration = declarationOf(local, from);
    if (declaration == null) {
      return false;
    }
    TreePath parent = declaration.getParentPath();
    if (parent != null
        && parent.getLeaf() instanceof EnhancedForLoopTree loop
        && loop.getVariable() == declaration.getLeaf()) {
      return isListOfCompletedFutures(loop.getExpression(), parent, state, depth - 1);
    }
    VariableTree variable = (VariableTree) declaration.getLeaf();
    return variable.getInitializer() != null
        && isCompleted(variable.getInitializer(), declaration, state, depth - 1);
  }

  /**
   * True if {@code parameter} is the parameter, never assigned, of a lambda handed to {@code
   * list.forEach(..)} or {@code list.stream().forEach(..)} ({@code Iterable.forEach}, {@code
   * Stream.forEach}) where {@code list} is a list of completed futures: each value it takes is an
   * element of that list.
   */
  private static boolean isElementHandedByForEach(
      VarSymbol parameter, TreePath from, VisitorState state, int depth) {
    if (parameter.getKind() != ElementKind.PARAMETER
        || (parameter.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0) {
      return false;
    }
    TreePath declaration = declarationOf(parameter, from);
    TreePath lambdaPath = declaration == null ? null : declaration.getParentPath();
    if (lambdaPath == null
        || !(lambdaPath.getLeaf() instanceof LambdaExpressionTree lambda)
        || lambda.getParameters().size() != 1
        || lambda.getParameters().get(0) != declaration.getLeaf()) {
      return false;
    }
    TreePath callPath = lambdaPath.getParentPath();
    if (callPath == null
        || !(callPath.getLeaf() instanceof MethodInvocationTree forEach)
        || !Expressions.isResolved(forEach)
        || forEach.getArguments().size() != 1
        || forEach.getArguments().get(0) != lambda
        || !(getSymbol(forEach) instanceof MethodSymbol method)
        || !method.getSimpleName().contentEquals("forEach")
        || getReceiver(forEach) == null) {
      return false;
    }
    String owner = method.owner.getQualifiedName().toString();
    ExpressionTree receiver = Expressions.strip(getReceiver(forEach));
    if (owner.equals("java.util.stream.Stream")) {
      if (!(receiver instanceof MethodInvocationTree stream)
          || !Expressions.isResolved(stream)
          || !stream.getArguments().isEmpty()
          || !(getSymbol(stream) instanceof MethodSymbol streamMethod)
          || !streamMethod.getSimpleName().contentEquals("stream")
          || !streamMethod.owner.getQualifiedName().contentEquals("java.util.Collection")
          || getReceiver(stream) == null) {
        return false;
      }
      receiver = getReceiver(stream);
    } else if (!Supertypes.isSubtypeOf(method.owner.type, "java.lang.Iterable", state)) {
      return false;
    }
    return isListOfCompletedFutures(receiver, callPath, state, depth - 1);
  }

  /**
   * True if the expression is a local list never assigned again, initialised with {@code
   * executor.invokeAll(..)} and only read, or with a new empty collection and only given completed
   * futures and read.
   */
  private static boolean isListOfCompletedFutures(
      ExpressionTree expression, TreePath from, VisitorState state, int depth) {
    if (depth == 0
        || !(Expressions.strip(expression) instanceof IdentifierTree name)
        || !(getSymbol(name) instanceof VarSymbol list)
        || !isUnassignedLocal(list)) {
      return false;
    }
    TreePath declaration = declarationOf(list, from);
    if (declaration == null
        || !(declaration.getLeaf() instanceof VariableTree variable)
        || variable.getInitializer() == null) {
      return false;
    }
    ExpressionTree initializer = Expressions.strip(variable.getInitializer());
    boolean invokeAll = isInvokeAll(initializer, state);
    if (!invokeAll && !isNewEmptyCollection(initializer, state)) {
      return false;
    }
    TreePath scope = declaration.getParentPath();
    while (scope != null
        && !(scope.getLeaf() instanceof MethodTree)
        && !(scope.getLeaf() instanceof LambdaExpressionTree)) {
      scope = scope.getParentPath();
    }
    if (scope == null) {
      return false;
    }
    for (TreePath use : LocalUses.references(scope, list)) {
      TreePath parent = LocalUses.parent(use);
      Tree leaf = parent == null ? null : parent.getLeaf();
      if (leaf instanceof EnhancedForLoopTree loop && loop.getExpression() == use.getLeaf()) {
        continue;
      }
      TreePath grandparent = parent == null ? null : LocalUses.parent(parent);
      if (!(leaf instanceof MemberSelectTree select)
          || grandparent == null
          || !(grandparent.getLeaf() instanceof MethodInvocationTree call)
          || call.getMethodSelect() != select
          || !Expressions.isResolved(call)) {
        return false;
      }
      String called = select.getIdentifier().toString();
      if (READS.contains(called)) {
        continue;
      }
      if (!invokeAll
          && called.equals("add")
          && call.getArguments().size() == 1
          && isCompleted(call.getArguments().get(0), grandparent, state, depth - 1)) {
        continue;
      }
      if (!invokeAll
          && called.equals("addAll")
          && call.getArguments().size() == 1
          && isInvokeAll(Expressions.strip(call.getArguments().get(0)), state)) {
        continue;
      }
      if (called.equals("stream") && call.getArguments().isEmpty()) {
        continue; // a stream of the list's elements cannot add to it
      }
      if (called.equals("forEach")) {
        continue; // hands each element to the action; adding to the list would be a use of its own
      }
      return false;
    }
    return true;
  }

  /** {@code executor.invokeAll(..)} of an {@code ExecutorService}. */
  private static boolean isInvokeAll(ExpressionTree tree, VisitorState state) {
    return tree instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && getSymbol(call) instanceof MethodSymbol method
        && method.getSimpleName().contentEquals("invokeAll")
        && Supertypes.isSubtypeOf(method.owner.type, "java.util.concurrent.ExecutorService", state);
  }

  /**
   * {@code new ArrayList<>()}, {@code new ArrayList<>(n)}: a new {@code java.util} collection,
   * empty (no argument, or only a capacity).
   */
  private static boolean isNewEmptyCollection(ExpressionTree tree, VisitorState state) {
    if (!(tree instanceof NewClassTree created)
        || created.getClassBody() != null
        || !(ASTHelpers.getType(created) instanceof Type type)
        || type.tsym == null
        || !type.tsym.getQualifiedName().toString().startsWith("java.util.")
        || !Supertypes.isSubtypeOf(type, "java.util.Collection", state)) {
      return false;
    }
    List<? extends ExpressionTree> arguments = created.getArguments();
    return arguments.isEmpty()
        || (arguments.size() == 1
            && ASTHelpers.getType(arguments.get(0)) instanceof Type size
            && size.isPrimitive());
  }

  /** A local variable (not a parameter, not a field) that is final or effectively final. */
  private static boolean isUnassignedLocal(VarSymbol variable) {
    return variable.getKind() != ElementKind.PARAMETER
        && variable.getKind() != ElementKind.FIELD
        && !(variable.owner instanceof ClassSymbol)
        && (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0;
  }

  /**
   * The path of the local's declaration, found in the method (or lambda) around {@code from} whose
   * body holds it; null when it is not there.
   */
  private static @Nullable TreePath declarationOf(VarSymbol local, TreePath from) {
    TreePath outermost = null;
    for (TreePath p = from; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree) {
        break;
      }
      if (p.getLeaf() instanceof MethodTree || p.getLeaf() instanceof LambdaExpressionTree) {
        outermost = p;
      }
    }
    if (outermost == null) {
      return null;
    }
    TreePath[] found = new TreePath[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (local.equals(getSymbol(variable))) {
          found[0] = getCurrentPath();
        }
        return super.visitVariable(variable, null);
      }
    }.scan(outermost, null);
    return found[0];
  }

  private static boolean isThis(ExpressionTree tree) {
    return Expressions.strip(tree) instanceof IdentifierTree name
        && name.getName().contentEquals("this");
  }

  private static boolean isSuper(ExpressionTree tree) {
    return Expressions.strip(tree) instanceof IdentifierTree name
        && name.getName().contentEquals("super");
  }
}
