package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.classfiles.Opcodes.ALOAD_1;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Jumps;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Executors that run each task on the thread that hands it over, and have no thread of their own: a
 * class whose {@code execute(Runnable command)} runs {@code command.run()} itself, as a statement
 * of its body that no earlier {@code return} can skip ({@code execute(Runnable command) {
 * checkShutdown(); command.run(); }}). When {@code shutdown()} returns, no task of such a pool is
 * left running on a thread the pool owns: each ran to its end inside the call that submitted it.
 *
 * <p>The class is read from source when it is compiled here, from its class file otherwise (a short
 * {@code execute} of straight-line code that loads its parameter and calls {@code Runnable.run()}
 * on it), so that a full and an incremental build agree. A class that also declares {@code submit},
 * {@code invokeAll}, {@code invokeAny} or a {@code schedule} method (which may hand work to a
 * thread), or that extends a JDK pool other than {@code AbstractExecutorService}, is not such an
 * executor.
 */
public final class CallerRunsPools {
  private static final Set<String> OTHER_ENTRY_POINTS =
      Set.of(
          "submit",
          "invokeAll",
          "invokeAny",
          "schedule",
          "scheduleAtFixedRate",
          "scheduleWithFixedDelay");

  private CallerRunsPools() {}

  /**
   * True if every value this file gives {@code pool} (a local, a private field or a final one) is
   * {@code new C(..)} of such a class.
   */
  public static boolean runsTasksOnTheCaller(VarSymbol pool, VisitorState state) {
    boolean assignedOnlyHere =
        pool.getKind() == ElementKind.LOCAL_VARIABLE
            || pool.getKind() == ElementKind.FIELD
                && (pool.isPrivate() || (pool.flags() & Flags.FINAL) != 0);
    if (!assignedOnlyHere) {
      return false;
    }
    List<ExpressionTree> values =
        FutureValues.assignedBranches(pool, state.getPath().getCompilationUnit());
    return values != null
        && !values.isEmpty()
        && values.stream()
            .allMatch(
                value ->
                    Expressions.strip(value) instanceof NewClassTree creation
                        && creation.getClassBody() == null
                        && Expressions.isResolved(creation)
                        && getSymbol(creation) instanceof MethodSymbol constructor
                        && constructor.owner instanceof ClassSymbol type
                        && runsOnTheCaller(type, state));
  }

  private static boolean runsOnTheCaller(ClassSymbol type, VisitorState state) {
    MethodSymbol execute = null;
    try {
      List<ClassSymbol> ownClasses = ownClasses(type);
      if (ownClasses == null) {
        return false;
      }
      for (ClassSymbol current : ownClasses) {
        for (Symbol member : current.getEnclosedElements()) {
          if (!(member instanceof MethodSymbol method) || method.isStatic()) {
            continue;
          }
          String methodName = method.getSimpleName().toString();
          if (OTHER_ENTRY_POINTS.contains(methodName)) {
            return false;
          }
          if (execute == null && methodName.equals("execute") && takesOneRunnable(method, state)) {
            execute = method;
          }
        }
      }
    } catch (RuntimeException incomplete) {
      return false; // a class whose supertypes cannot be completed
    }
    if (execute == null || (execute.flags() & Flags.ABSTRACT) != 0) {
      return false;
    }
    MethodTree declaration = CompiledSources.methodTree(execute, state);
    return declaration != null
        ? runsItsParameter(declaration)
        : classFileRunsItsParameter(execute, state);
  }

  /**
   * A pool type's own classes, from the type up to {@code AbstractExecutorService} or {@code
   * Object} (neither included); null if a JDK pool ({@code ThreadPoolExecutor}, {@code
   * ForkJoinPool}), which has threads of its own, is among them. Throws when a supertype cannot be
   * completed.
   */
  static @Nullable List<ClassSymbol> ownClasses(ClassSymbol type) {
    List<ClassSymbol> classes = new ArrayList<>();
    for (ClassSymbol current = type;
        current != null;
        current =
            current.getSuperclass() instanceof Type superType
                    && superType.tsym instanceof ClassSymbol superclass
                ? superclass
                : null) {
      String name = current.getQualifiedName().toString();
      if (name.equals("java.lang.Object")
          || name.equals("java.util.concurrent.AbstractExecutorService")) {
        break;
      }
      if (name.startsWith("java.") || name.startsWith("javax.")) {
        return null;
      }
      classes.add(current);
    }
    return classes;
  }

  private static boolean takesOneRunnable(MethodSymbol method, VisitorState state) {
    return method.getParameters().size() == 1
        && state
            .getTypes()
            .isSameType(
                state.getTypes().erasure(method.getParameters().getFirst().type),
                state.getTypeFromString("java.lang.Runnable"));
  }

  /** {@code command.run();} as a statement of the body, with no {@code return} before it. */
  private static boolean runsItsParameter(MethodTree execute) {
    if (execute.getBody() == null) {
      return false;
    }
    Symbol command = getSymbol(execute.getParameters().getFirst());
    for (StatementTree statement : execute.getBody().getStatements()) {
      if (statement instanceof ExpressionStatementTree expression
          && Expressions.strip(expression.getExpression()) instanceof MethodInvocationTree call
          && call.getArguments().isEmpty()
          && Expressions.isResolved(call)
          && getSymbol(call).getSimpleName().contentEquals("run")
          && command != null
          && command.equals(Expressions.receiverSymbol(call))) {
        return true;
      }
      if (Jumps.mayLeaveEarly(statement, false)) {
        return false;
      }
    }
    return false;
  }

  /**
   * A short {@code execute} read from its class file: straight-line code (no jump lands anywhere in
   * it) that calls {@code Runnable.run()} right after loading its parameter.
   */
  private static boolean classFileRunsItsParameter(MethodSymbol execute, VisitorState state) {
    if (!(execute.owner instanceof ClassSymbol owner)) {
      return false;
    }
    ClassFile.Method code =
        ClassFiles.instance(state.context)
            .methodOf(owner, execute, ClassFiles.descriptor(execute, state.getTypes()));
    if (code == null
        || !code.hasCode()
        || code.shortCode().isEmpty()
        || !code.jumpTargets().isEmpty()) {
      return false;
    }
    for (ClassFile.Call call : code.calls()) {
      if (call.owner().equals("java/lang/Runnable")
          && call.name().equals("run")
          && call.descriptor().equals("()V")
          && call.offset() > 0
          && call.offset() < code.shortCode().length()
          && code.shortCode().get(call.offset() - 1) == ALOAD_1) {
        return true;
      }
    }
    return false;
  }
}
