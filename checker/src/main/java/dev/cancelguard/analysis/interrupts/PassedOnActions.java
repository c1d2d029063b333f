package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.cancelguard.analysis.LibraryModels;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Calls that declare {@link InterruptedException} only to pass on what the action they are handed
 * throws, judged by that action: {@code ugi.doAs((PrivilegedExceptionAction<T>) () ->
 * createProxy(conf))}, where Hadoop's {@code doAs} rethrows the action's exception and the action
 * only calls methods declaring {@code IOException}, cannot throw an interrupt, whatever {@code
 * doAs} declares.
 *
 * <p>Such a call is known two ways: the library models say so of a published API ({@link
 * LibraryModels#throwsInterruptOnlyThroughItsAction}), or it is a method of this file whose every
 * source of an interrupt is a call of its own functional parameter ({@link FunctionalArguments},
 * which judges what it is handed with {@link #mayThrow}).
 *
 * <p>An action is judged only where the call writes it: a lambda, an anonymous class, or a method
 * reference. It throws none for real when the code that runs (the lambda's body, the anonymous
 * class's implementation of the method called, the referenced method) throws none: every call in it
 * that may throw an interrupt (one declaring {@link InterruptedException} or a supertype, such as
 * {@code Exception}) is shown not to by the same questions as a call in a try block ({@link
 * Interrupts#neverThrowsInterrupt}, a future known to be done, a call of this kind whose own
 * actions throw none), no constructor it calls declares one, and it throws none by hand. A method
 * reference whose method declares none throws none; one that declares it is read only in this file,
 * where it cannot be overridden. An action held in a variable or a field, or made elsewhere, counts
 * as throwing. Actions written inside actions are followed at most {@value #MAX_DEPTH} deep.
 */
public final class PassedOnActions {
  /** How deep actions handed to such calls inside actions are followed. */
  static final int MAX_DEPTH = 3;

  private PassedOnActions() {}

  /**
   * True if the call is of a method the library models say throws {@link InterruptedException} only
   * through the action it is handed, and every action it is handed here (each argument whose
   * parameter's functional interface method may throw one) cannot throw one for real.
   */
  static boolean isModelledCallWhoseActionsThrowNone(
      MethodInvocationTree call, TreePath callPath, VisitorState state, int depth) {
    if (depth > MAX_DEPTH
        || !(getSymbol(call) instanceof MethodSymbol method)
        || !LibraryModels.throwsInterruptOnlyThroughItsAction(method)) {
      return false;
    }
    List<VarSymbol> parameters = method.getParameters();
    List<? extends ExpressionTree> arguments = call.getArguments();
    if (method.isVarArgs() || parameters.size() != arguments.size()) {
      return false;
    }
    boolean judged = false;
    for (int i = 0; i < arguments.size(); i++) {
      MethodSymbol functional = functionalMethod(parameters.get(i).asType(), state);
      if (functional == null || !mayThrowAnInterrupt(functional.getThrownTypes(), state)) {
        continue;
      }
      judged = true;
      ExpressionTree argument = arguments.get(i);
      if (mayThrow(argument, new TreePath(callPath, argument), functional, state, depth)) {
        return false;
      }
    }
    return judged;
  }

  /**
   * True unless the action at {@code argumentPath}, handed where {@code functional} will be called
   * on it, is written there (a lambda, an anonymous class, a method reference) and its code cannot
   * throw {@link InterruptedException} for real.
   */
  static boolean mayThrow(
      ExpressionTree argument,
      TreePath argumentPath,
      MethodSymbol functional,
      VisitorState state,
      int depth) {
    if (depth > MAX_DEPTH) {
      return true;
    }
    TreePath path = argumentPath;
    Tree leaf = argument;
    while (leaf instanceof ParenthesizedTree || leaf instanceof TypeCastTree) {
      leaf =
          leaf instanceof ParenthesizedTree parens
              ? parens.getExpression()
              : ((TypeCastTree) leaf).getExpression();
      path = new TreePath(path, leaf);
    }
    return switch (leaf) {
      case LambdaExpressionTree lambda ->
          bodyMayThrow(new TreePath(path, lambda.getBody()), state, depth);
      case NewClassTree creation when creation.getClassBody() != null ->
          anonymousImplementationMayThrow(
              new TreePath(path, creation.getClassBody()), functional, state, depth);
      case MemberReferenceTree reference -> referencedMethodMayThrow(reference, state, depth);
      default -> true;
    };
  }

  /** The anonymous class's implementation of {@code functional}: none found counts as throwing. */
  private static boolean anonymousImplementationMayThrow(
      TreePath classPath, MethodSymbol functional, VisitorState state, int depth) {
    ClassTree body = (ClassTree) classPath.getLeaf();
    Types types = state.getTypes();
    for (Tree member : body.getMembers()) {
      if (member instanceof MethodTree method
          && getSymbol(method) instanceof MethodSymbol symbol
          && symbol.overrides(functional, symbol.enclClass(), types, true)) {
        return mayThrowAnInterrupt(symbol.getThrownTypes(), state)
            && (method.getBody() == null
                || bodyMayThrow(
                    new TreePath(new TreePath(classPath, method), method.getBody()), state, depth));
      }
    }
    return true;
  }

  /**
   * A method reference: its method declares no interrupt, or it is a method of this file that
   * cannot be overridden whose body throws none for real.
   */
  private static boolean referencedMethodMayThrow(
      MemberReferenceTree reference, VisitorState state, int depth) {
    if (!(getSymbol(reference) instanceof MethodSymbol target)) {
      return true;
    }
    if (!mayThrowAnInterrupt(target.getThrownTypes(), state)) {
      return false;
    }
    if ((target.flags() & Flags.ABSTRACT) != 0
        || !ConfinedOverrides.cannotBeOverridden(target)
        || !SameFile.isDeclaredIn(target, state.getPath().getCompilationUnit())) {
      return true;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    MethodTree declaration = SameFile.findMethod(unit, target, state);
    TreePath methodPath = declaration == null ? null : TreePath.getPath(unit, declaration);
    return methodPath == null
        || declaration.getBody() == null
        || bodyMayThrow(new TreePath(methodPath, declaration.getBody()), state, depth);
  }

  /**
   * True if the code at {@code bodyPath} (not its lambdas or nested classes, which run elsewhere or
   * are actions judged where they are handed) may throw {@link InterruptedException} for real.
   */
  static boolean bodyMayThrow(TreePath bodyPath, VisitorState state, int depth) {
    Set<Type> declared = ThrownTypes.of(bodyPath.getLeaf(), state);
    if (declared != null && !mayThrowAnInterrupt(declared, state)) {
      return false;
    }
    boolean[] throwing = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Type type = getType(call.getMethodSelect());
        if (type == null || mayThrowAnInterrupt(type.getThrownTypes(), state)) {
          throwing[0] |=
              !Expressions.isResolved(call)
                  || Interrupts.mayThrowForReal(call, getCurrentPath(), state, depth + 1);
        }
        return throwing[0] ? null : super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        Symbol constructor = getSymbol(creation);
        throwing[0] |=
            constructor == null || mayThrowAnInterrupt(constructor.type.getThrownTypes(), state);
        return throwing[0] ? null : super.visitNewClass(creation, null);
      }

      @Override
      public Void visitThrow(ThrowTree throwTree, Void unused) {
        Type thrown = getType(throwTree.getExpression());
        throwing[0] |= thrown == null || mayThrowAnInterrupt(List.of(thrown), state);
        return super.visitThrow(throwTree, null);
      }
    }.scan(bodyPath, null);
    return throwing[0];
  }

  /** The single abstract method of a functional interface type, or null. */
  private static @Nullable MethodSymbol functionalMethod(Type type, VisitorState state) {
    Types types = state.getTypes();
    try {
      return type != null
              && types.isFunctionalInterface(type)
              && types.findDescriptorSymbol(type.tsym) instanceof MethodSymbol method
          ? method
          : null;
    } catch (RuntimeException notFunctional) {
      return null; // a type whose members cannot be completed
    }
  }

  /** True if one of the types is {@link InterruptedException}, a subclass, or a supertype. */
  private static boolean mayThrowAnInterrupt(Collection<Type> thrownTypes, VisitorState state) {
    Type interrupted = Interrupts.interruptedExceptionType(state);
    for (Type thrown : thrownTypes) {
      if (isSubtype(thrown, interrupted, state) || isSubtype(interrupted, thrown, state)) {
        return true;
      }
    }
    return false;
  }
}
