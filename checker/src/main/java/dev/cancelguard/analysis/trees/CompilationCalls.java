package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCMemberReference;
import com.sun.tools.javac.util.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The calls made in every file of this compilation, found in one walk of its trees the first time a
 * rule asks (every file's trees are attributed before any check runs under {@code
 * -XDcompilePolicy=simple}) and kept in the compilation's {@link Context}, never in static state:
 * the calls of each method, the calls made on each variable ({@code function.run()} on a field),
 * the code handed to a method or constructor as an argument ({@code this}, {@code new Task(..)}, a
 * method reference, a lambda), where it may be called back, and the methods method references name.
 */
public final class CompilationCalls {
  private static final Context.Key<CompilationCalls> KEY = new Context.Key<>();

  private final Map<MethodSymbol, List<TreePath>> callsOf = new HashMap<>();
  private final Map<VarSymbol, List<TreePath>> callsOn = new HashMap<>();

  /**
   * Arguments that hand code over, by what they hand: the class of a {@code this} or {@code new
   * C(..)}, the method of a method reference, the lambda itself.
   */
  private final Map<Object, List<TreePath>> handedOver = new HashMap<>();

  /**
   * Arguments whose static type is {@code Thread} or a subclass, whatever the expression (a
   * variable, a field, a call's result): a thread handed on.
   */
  private final List<TreePath> threadArguments = new ArrayList<>();

  /** The creations {@code new C(..)} (without a class body) of each class. */
  private final Map<ClassSymbol, List<TreePath>> creations = new HashMap<>();

  /** The creations {@code new C(..) { .. }} of an anonymous subclass, by the class they extend. */
  private final Map<ClassSymbol, List<TreePath>> anonymousCreations = new HashMap<>();

  /** The resolved calls of a no-argument method named {@code interrupt}, in source order. */
  private final List<TreePath> interruptCalls = new ArrayList<>();

  /** What every method reference of the compilation names, wherever it stands. */
  private final Set<Symbol> referenced = new HashSet<>();

  private CompilationCalls() {}

  /** The calls of this compilation, indexed the first time they are asked for. */
  public static CompilationCalls of(VisitorState state) {
    CompilationCalls known = state.context.get(KEY);
    if (known == null) {
      known = new CompilationCalls();
      // In the order of the classes' names, so that the first call found does not depend on the
      // order the files were given in.
      for (CompilationUnitTree unit : CompiledSources.units(state)) {
        known.index(unit);
      }
      state.context.put(KEY, known);
    }
    return known;
  }

  /** The resolved calls of {@code method} in this compilation. */
  public List<TreePath> callsOf(MethodSymbol method) {
    return callsOf.getOrDefault(method, List.of());
  }

  /** The resolved calls whose receiver is the variable {@code variable} ({@code variable.m()}). */
  public List<TreePath> callsOn(VarSymbol variable) {
    return callsOn.getOrDefault(variable, List.of());
  }

  /**
   * The arguments, of calls and {@code new}, that hand over an instance of {@code type}: {@code
   * this} in its code, or {@code new type(..)}.
   */
  public List<TreePath> instancesHandedOver(ClassSymbol type) {
    return handedOver.getOrDefault(type, List.of());
  }

  /**
   * The arguments, of calls and {@code new}, whose static type is {@code Thread} or a subclass of
   * it ({@code pool.execute(worker)} with {@code IoThread worker}): the threads handed on by any
   * expression, where {@link #instancesHandedOver} sees only {@code this} and {@code new}.
   */
  public List<TreePath> threadsHandedOver() {
    return threadArguments;
  }

  /** The creations {@code new type(..)} (without a class body) in this compilation. */
  public List<TreePath> creationsOf(ClassSymbol type) {
    return creations.getOrDefault(type, List.of());
  }

  /** The creations {@code new type(..) { .. }} of anonymous subclasses of {@code type}. */
  public List<TreePath> anonymousCreationsOf(ClassSymbol type) {
    return anonymousCreations.getOrDefault(type, List.of());
  }

  /**
   * The resolved calls of a method named {@code interrupt} that takes no argument, whatever its
   * class ({@code thread.interrupt()}, {@code interrupt()} in a {@code Thread} subclass).
   */
  public List<TreePath> interruptCalls() {
    return interruptCalls;
  }

  /** The arguments that are method references to {@code method}. */
  public List<TreePath> referencesHandedOver(MethodSymbol method) {
    return handedOver.getOrDefault(method, List.of());
  }

  /**
   * True if some method reference of the compilation names the method ({@code this::m}, {@code
   * Type::m}), wherever it stands: an argument, a variable's value, a return value.
   */
  public boolean namedByAReference(MethodSymbol method) {
    return referenced.contains(method);
  }

  /** The lambda, at {@code lambda}, where it is an argument; empty otherwise. */
  public List<TreePath> lambdaHandedOver(LambdaExpressionTree lambda) {
    return handedOver.getOrDefault(lambda, List.of());
  }

  private void index(CompilationUnitTree unit) {
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && getSymbol(call) instanceof MethodSymbol method) {
          callsOf.computeIfAbsent(method, k -> new ArrayList<>()).add(getCurrentPath());
          if (method.getSimpleName().contentEquals("interrupt")
              && method.getParameters().isEmpty()) {
            interruptCalls.add(getCurrentPath());
          }
          if (receiver(call) instanceof VarSymbol variable) {
            callsOn.computeIfAbsent(variable, k -> new ArrayList<>()).add(getCurrentPath());
          }
          indexArguments(call.getArguments());
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        if (newClass.getClassBody() == null
            && getSymbol(newClass.getIdentifier()) instanceof ClassSymbol type) {
          creations.computeIfAbsent(type, k -> new ArrayList<>()).add(getCurrentPath());
        } else if (newClass.getClassBody() != null
            && getSymbol(newClass.getIdentifier()) instanceof ClassSymbol type) {
          anonymousCreations.computeIfAbsent(type, k -> new ArrayList<>()).add(getCurrentPath());
        }
        indexArguments(newClass.getArguments());
        return super.visitNewClass(newClass, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        Symbol named = ((JCMemberReference) reference).sym;
        if (named != null) {
          referenced.add(named);
        }
        return super.visitMemberReference(reference, null);
      }

      private void indexArguments(List<? extends ExpressionTree> arguments) {
        for (ExpressionTree argument : arguments) {
          Object handed = handedBy(stripParentheses(argument));
          if (handed != null) {
            handedOver
                .computeIfAbsent(handed, k -> new ArrayList<>())
                .add(new TreePath(getCurrentPath(), argument));
          }
          if (isThread(ASTHelpers.getType(argument))) {
            threadArguments.add(new TreePath(getCurrentPath(), argument));
          }
        }
      }
    }.scan(unit, null);
  }

  /**
   * True if the type is {@code java.lang.Thread} or a class extending it, told by the names of its
   * superclasses (no class is looked up).
   */
  private static boolean isThread(@Nullable Type type) {
    if (!(type instanceof Type.ClassType) || !(type.tsym instanceof ClassSymbol start)) {
      return false;
    }
    try {
      for (ClassSymbol c = start; c != null; ) {
        if (c.getQualifiedName().contentEquals("java.lang.Thread")) {
          return true;
        }
        Type superclass = c.getSuperclass();
        c = superclass != null && superclass.tsym instanceof ClassSymbol next ? next : null;
      }
    } catch (RuntimeException incomplete) {
      return false; // a superclass javac cannot complete: not known to be a thread
    }
    return false;
  }

  /** What an argument hands over, as a key of {@link #handedOver}; null for anything else. */
  private static @Nullable Object handedBy(ExpressionTree argument) {
    return switch (argument) {
      case IdentifierTree identifier
          when identifier.getName().contentEquals("this")
              && getSymbol(identifier) instanceof VarSymbol self ->
          self.type == null ? null : self.type.tsym;
      case NewClassTree newClass when newClass.getClassBody() == null ->
          getSymbol(newClass.getIdentifier()) instanceof ClassSymbol type ? type : null;
      case MemberReferenceTree reference ->
          getSymbol(reference) instanceof MethodSymbol method ? method : null;
      case LambdaExpressionTree lambda -> lambda;
      default -> null;
    };
  }

  /** The variable a call is made on ({@code x.m()}, {@code this.x.m()}); null for any other. */
  private static @Nullable Symbol receiver(MethodInvocationTree call) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return null;
    }
    Tree target = stripParentheses(select.getExpression());
    return target instanceof IdentifierTree || target instanceof MemberSelectTree
        ? getSymbol(target)
        : null;
  }
}
