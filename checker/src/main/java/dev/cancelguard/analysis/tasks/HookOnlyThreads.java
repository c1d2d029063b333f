package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.VariableReferences;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Threads that only ever run as shutdown hooks: a thread the code makes and never starts, but
 * registers with {@code Runtime.addShutdownHook(..)}. Outside the JVM's shutdown such a thread has
 * not started, so an interrupt of it stops nothing; during the shutdown the JVM runs every
 * registered hook, and "the shutdown sequence finishes when all shutdown hooks have terminated"
 * ({@code Runtime}'s documentation): only then does the JVM halt. So a shutdown hook that
 * interrupts it and returns does not let the JVM halt while it still runs: the JVM waits for it as
 * for the hook itself (a force-kill timer the cleanup hook interrupts once it is done).
 */
public final class HookOnlyThreads {
  private HookOnlyThreads() {}

  /**
   * Methods of {@code Thread} that configure or ask about a thread without starting, running or
   * handing it on.
   */
  private static final ImmutableSet<String> CONFIGURATION_AND_QUERIES =
      ImmutableSet.of(
          "interrupt",
          "isInterrupted",
          "setDaemon",
          "isDaemon",
          "setName",
          "getName",
          "setPriority",
          "getPriority",
          "setUncaughtExceptionHandler",
          "getUncaughtExceptionHandler",
          "isAlive",
          "getState",
          "getId",
          "threadId");

  /**
   * True if {@code variable} holds a thread that can only ever run as a registered shutdown hook: a
   * local (not a parameter) or a private field, given exactly one value, its initializer {@code new
   * Thread(..)} of {@code java.lang.Thread} itself (no subclass, no class body, so no code of its
   * own can start it), never assigned again; and every use of it in the file is the receiver of one
   * of {@code Thread}'s configuring or querying methods ({@code interrupt}, {@code setDaemon},
   * {@code setName}, {@code isAlive}..) or the argument of {@code Runtime.addShutdownHook(..)},
   * which at least one use is. Nothing starts it, runs its body, or hands it to code that could.
   */
  public static boolean runsOnlyAsAShutdownHook(VarSymbol variable, VisitorState state) {
    boolean privateField =
        Ownership.isField(variable) && variable.getModifiers().contains(Modifier.PRIVATE);
    if (!privateField && variable.getKind() != ElementKind.LOCAL_VARIABLE) {
      return false;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    TreePath root = new TreePath(unit);
    List<VariableTree> declarations = new ArrayList<>();
    boolean[] assigned = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (variable.equals(getSymbol(tree))) {
          declarations.add(tree);
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (variable.equals(Expressions.variableOf(tree.getVariable()))) {
          assigned[0] = true;
        }
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
        if (variable.equals(Expressions.variableOf(tree.getVariable()))) {
          assigned[0] = true;
        }
        return super.visitCompoundAssignment(tree, null);
      }

      @Override
      public Void visitUnary(UnaryTree tree, Void unused) {
        if (variable.equals(Expressions.variableOf(tree.getExpression()))) {
          assigned[0] = true;
        }
        return super.visitUnary(tree, null);
      }
    }.scan(root, null);
    if (assigned[0]
        || declarations.size() != 1
        || !isPlainThreadCreation(declarations.getFirst().getInitializer(), state)) {
      return false;
    }
    boolean registered = false;
    for (TreePath reference : VariableReferences.in(root, variable)) {
      TreePath parent = LocalUses.parent(reference);
      if (parent == null) {
        return false;
      }
      if (parent.getLeaf() instanceof MemberSelectTree select
          && Expressions.strip(select.getExpression()) == reference.getLeaf()
          && parent.getParentPath().getLeaf() instanceof MethodInvocationTree call
          && call.getMethodSelect() == select
          && isConfigurationOrQuery(call)) {
        continue;
      }
      if (parent.getLeaf() instanceof MethodInvocationTree call
          && Expressions.isResolved(call)
          && ThreadCalls.ADD_SHUTDOWN_HOOK.matches(call, state)
          && call.getArguments().size() == 1
          && Expressions.strip(call.getArguments().getFirst()) == reference.getLeaf()) {
        registered = true;
        continue;
      }
      return false;
    }
    return registered;
  }

  /** {@code new Thread(..)} of {@code java.lang.Thread} itself, without a class body. */
  private static boolean isPlainThreadCreation(ExpressionTree initializer, VisitorState state) {
    if (!(Expressions.strip(initializer) instanceof NewClassTree creation)
        || creation.getClassBody() != null
        || creation.getEnclosingExpression() != null) {
      return false;
    }
    Type created = getType(creation);
    return created != null
        && created.tsym != null
        && created.tsym.getQualifiedName().contentEquals("java.lang.Thread");
  }

  /** A call of one of {@code Thread}'s own configuring or querying methods, resolved. */
  private static boolean isConfigurationOrQuery(MethodInvocationTree call) {
    Symbol method = getSymbol(call);
    return method instanceof MethodSymbol symbol
        && symbol.owner != null
        && symbol.owner.getQualifiedName().contentEquals("java.lang.Thread")
        && CONFIGURATION_AND_QUERIES.contains(symbol.getSimpleName().toString());
  }
}
