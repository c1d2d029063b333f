package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Executors this file hands to code it cannot see: returned by a method others call ({@code
 * ExecutorService executor() { return executor; }}), or passed to a constructor or method declared
 * elsewhere ({@code new ConcurrentTaskScheduler(localExecutor)}, {@code server.setExecutor(pool)})
 * whose class may run on it code from outside (a class of a jar, or one compiled here that takes
 * code or hands an executor out). Whoever gets the pool runs on it what they choose, and that may
 * be what stops it (a scheduled task that closes the application, a handler that stops the server):
 * the stop may run on a thread of the very pool it would wait for.
 */
final class HandedOutPools {
  private HandedOutPools() {}

  /** Words of a callee's name that stop or wait for what it is given, rather than use it. */
  private static final ImmutableSet<String> STOPPING_WORDS =
      ImmutableSet.of(
          "shutdown", "await", "close", "stop", "terminat", "dispose", "destroy", "release");

  /**
   * True if the executor the target names — under that name, or under another name for the same
   * field (a local copy {@code pool = this.pool}, a local stored into it {@code this.pool = pool})
   * — is returned by a non-private method, or passed to a constructor or method that is neither
   * declared in this file nor part of the platform ({@code java.*}, {@code javax.*}), nor one that
   * stops or waits for it ({@code shutdownAndAwaitTermination(pool, ..)}), nor a {@code *Async}
   * call whose tasks this file writes.
   */
  static boolean isHandedOut(CancelTarget target, VisitorState state) {
    if (target.kind() != CancelTarget.Kind.EXECUTOR) {
      return false;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    Set<Symbol> names = namesOfTheSamePool(target.variable(), unit);
    boolean[] handedOut = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        if (returnsThePool(tree.getExpression(), names)
            && returnsFromANonPrivateMethod(getCurrentPath())) {
          handedOut[0] = true;
        }
        return super.visitReturn(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!handedOut[0]
            && passes(call.getArguments(), names)
            && Expressions.isResolved(call)
            && !Tasks.isTaskSubmission(call, state)
            && !ExecutorCalls.ASYNC_ON_EXECUTOR.matches(call, state)
            && getSymbol(call) instanceof MethodSymbol callee) {
          handedOut[0] = isElsewhere(callee, unit) && mayRunCodeFromOutside(callee, state);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        if (!handedOut[0]
            && passes(tree.getArguments(), names)
            && getSymbol(tree) instanceof MethodSymbol constructor) {
          handedOut[0] =
              isElsewhere(constructor, unit) && mayRunCodeFromOutside(constructor, state);
        }
        return super.visitNewClass(tree, null);
      }
    }.scan(unit, null);
    return handedOut[0];
  }

  /**
   * True if the returned value is the pool, also as one branch of a conditional ({@code return
   * custom == null ? defaultPool : custom;}): a getter that returns it on some path hands it out.
   */
  private static boolean returnsThePool(@Nullable ExpressionTree returned, Set<Symbol> names) {
    ExpressionTree value = Expressions.strip(returned);
    if (value instanceof ConditionalExpressionTree conditional) {
      return returnsThePool(conditional.getTrueExpression(), names)
          || returnsThePool(conditional.getFalseExpression(), names);
    }
    return namesThePool(value, names);
  }

  private static boolean passes(List<? extends ExpressionTree> arguments, Set<Symbol> names) {
    for (ExpressionTree argument : arguments) {
      if (namesThePool(argument, names)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if {@code expression} is one of {@code names}, or reads a field among them through another
   * object of the class ({@code executor.executorService}: the pool of some instance, which may be
   * the one the stop shuts down).
   */
  private static boolean namesThePool(@Nullable ExpressionTree expression, Set<Symbol> names) {
    VarSymbol variable = Expressions.variableOf(expression);
    if (variable != null) {
      return names.contains(variable);
    }
    return Expressions.strip(expression) instanceof MemberSelectTree select
        && getSymbol(select) instanceof VarSymbol field
        && Ownership.isField(field)
        && !field.isStatic()
        && names.contains(field);
  }

  /** A method or constructor this file cannot see into, and which is not one that stops. */
  private static boolean isElsewhere(MethodSymbol callee, CompilationUnitTree unit) {
    if (SameFile.isDeclaredIn(callee, unit)) {
      return false;
    }
    PackageSymbol pkg = callee.packge();
    String packageName = pkg == null ? "" : pkg.getQualifiedName().toString();
    if (packageName.startsWith("java.") || packageName.startsWith("javax.")) {
      return false;
    }
    String name =
        (callee.isConstructor() ? callee.owner.getSimpleName() : callee.getSimpleName())
            .toString()
            .toLowerCase(Locale.ROOT);
    return STOPPING_WORDS.stream().noneMatch(name::contains);
  }

  /**
   * False if the class the pool is handed to is compiled here and can run on it only code of its
   * own: neither it nor a superclass (all compiled here) is an {@code Executor}, takes code in a
   * non-private method (a {@code Runnable}, {@code Callable} or other functional interface
   * parameter) or hands an executor out ({@code ProxyLeakTaskFactory(threshold, executor)}, which
   * schedules only its own leak tasks). A class of a jar, which this analysis cannot read, may.
   */
  private static boolean mayRunCodeFromOutside(MethodSymbol callee, VisitorState state) {
    Types types = state.getTypes();
    Type executor = state.getTypeFromString("java.util.concurrent.Executor");
    if (executor == null) {
      return true;
    }
    for (Type type = callee.owner.type;
        type != null && type.tsym instanceof ClassSymbol owner;
        type = types.supertype(type)) {
      if (owner.getQualifiedName().contentEquals("java.lang.Object")) {
        return false;
      }
      ClassTree declaration = CompiledSources.classTree(owner, state);
      if (declaration == null || types.isSubtype(types.erasure(type), types.erasure(executor))) {
        return true;
      }
      for (Tree member : declaration.getMembers()) {
        if (member instanceof MethodTree method
            && getSymbol(method) instanceof MethodSymbol symbol
            && !symbol.isPrivate()
            && !symbol.isConstructor()
            && (types.isSubtype(types.erasure(symbol.getReturnType()), types.erasure(executor))
                || symbol.getParameters().stream().anyMatch(p -> isCode(p.type, state)))) {
          return true;
        }
      }
    }
    return true;
  }

  /** A type that holds code to run: a functional interface ({@code Runnable}, {@code Callable}). */
  private static boolean isCode(@Nullable Type type, VisitorState state) {
    if (type == null || type.isPrimitive()) {
      return false;
    }
    try {
      return state.getTypes().isFunctionalInterface(type);
    } catch (RuntimeException incomplete) {
      return true; // a type javac cannot complete: it may be one
    }
  }

  private static boolean returnsFromANonPrivateMethod(TreePath returnPath) {
    for (TreePath p = returnPath.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return false;
      }
      if (p.getLeaf() instanceof MethodTree method) {
        return getSymbol(method) instanceof MethodSymbol symbol && !symbol.isPrivate();
      }
    }
    return false;
  }

  /**
   * The variable and the other names this file gives the same pool: the field a local copies
   * ({@code ExecutorService pool = this.pool;}), and the locals stored into or copied from that
   * field anywhere in the file.
   */
  static Set<Symbol> namesOfTheSamePool(VarSymbol variable, CompilationUnitTree unit) {
    Set<Symbol> names = new HashSet<>();
    names.add(variable);
    Symbol field = Ownership.isField(variable) ? variable : fieldCopiedInto(variable, unit);
    if (field == null) {
      return names;
    }
    names.add(field);
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (field.equals(Expressions.variableOf(tree.getInitializer()))
            && getSymbol(tree) instanceof VarSymbol local
            && Ownership.isLocal(local)) {
          names.add(local);
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        VarSymbol assigned = Expressions.variableOf(tree.getVariable());
        VarSymbol value = Expressions.variableOf(tree.getExpression());
        if (field.equals(assigned) && value != null && Ownership.isLocal(value)) {
          names.add(value);
        } else if (field.equals(value) && assigned != null && Ownership.isLocal(assigned)) {
          names.add(assigned);
        }
        return super.visitAssignment(tree, null);
      }
    }.scan(unit, null);
    return names;
  }

  /** The field a local is initialized or assigned from ({@code pool = this.pool}), or null. */
  private static @Nullable Symbol fieldCopiedInto(VarSymbol local, CompilationUnitTree unit) {
    if (!Ownership.isLocal(local)) {
      return null;
    }
    Symbol[] field = new Symbol[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        VarSymbol value = Expressions.variableOf(tree.getInitializer());
        if (local.equals(getSymbol(tree)) && value != null && Ownership.isField(value)) {
          field[0] = value;
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        // `maybeExecutor = executor;` after `ExecutorService maybeExecutor = null;`
        VarSymbol value = Expressions.variableOf(tree.getExpression());
        if (field[0] == null
            && local.equals(Expressions.variableOf(tree.getVariable()))
            && value != null
            && Ownership.isField(value)) {
          field[0] = value;
        }
        return super.visitAssignment(tree, null);
      }
    }.scan(unit, null);
    return field[0];
  }
}
