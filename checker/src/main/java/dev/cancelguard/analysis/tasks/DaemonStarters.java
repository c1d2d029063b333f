package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.classfiles.Opcodes.ICONST_1;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKESPECIAL;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKESTATIC;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.classfiles.MethodVerdicts;
import dev.cancelguard.analysis.interrupts.ConfinedOverrides;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Helpers that make a thread a daemon, start it and keep nothing of it: {@code
 * Threads.setDaemonThreadRunning(new Thread(this::run), name);}, its result dropped. The thread
 * created in the argument is then held by nobody, so nobody can reach it to interrupt it.
 *
 * <p>The helper cannot be overridden (static, private, final, or of a final class) and takes the
 * thread as a {@code Thread} parameter. Its code makes no call other than {@code setName}, {@code
 * setDaemon}, {@code setPriority}, {@code setUncaughtExceptionHandler} and {@code start} of {@code
 * java.lang.Thread}, and calls of non-overridable methods of its own class that are such helpers
 * themselves (at most {@value #MAX_DEPTH} deep); it writes no field and no array element and makes
 * no lambda, method reference, object, array or string concatenation; it calls {@code
 * setDaemon(true)} and {@code start()}, itself or through such a call. So the thread it is handed
 * can leave it only as its result. The same rule is read from the helper's source when it is
 * compiled in the same run, and from its class file otherwise (the calls its code makes, whether it
 * writes a field or an array element of reference type or runs an {@code invokedynamic}, and an
 * {@code iconst_1} right before {@code setDaemon(Z)V}).
 */
public final class DaemonStarters {
  private static final Context.Key<MethodVerdicts> KEY = new Context.Key<>();
  private static final Context.Key<MethodVerdicts> DAEMON = new Context.Key<>();
  private static final Context.Key<MethodVerdicts> STARTS = new Context.Key<>();

  /** How many helpers deep a helper's own delegates are followed. */
  private static final int MAX_DEPTH = 2;

  private static final Set<String> THREAD_SETTERS =
      Set.of("setName", "setDaemon", "setPriority", "setUncaughtExceptionHandler", "start");

  private DaemonStarters() {}

  /**
   * True if the thread creation at {@code creation} is handed straight to such a helper, in a
   * statement that drops the helper's result.
   */
  public static boolean isStartedAsDaemonByHelper(TreePath creation, VisitorState state) {
    if (!(creation.getLeaf() instanceof NewClassTree)) {
      return false;
    }
    TreePath callPath = LocalUses.parent(creation);
    TreePath statement = callPath == null ? null : LocalUses.parent(callPath);
    if (callPath == null
        || !(callPath.getLeaf() instanceof MethodInvocationTree call)
        || statement == null
        || !(statement.getLeaf() instanceof ExpressionStatementTree)
        || !Expressions.isResolved(call)
        || !(getSymbol(call) instanceof MethodSymbol helper)
        || helper.isVarArgs()) {
      return false;
    }
    int index = -1;
    for (int i = 0; i < call.getArguments().size(); i++) {
      if (Expressions.strip(call.getArguments().get(i)) == creation.getLeaf()) {
        index = i;
      }
    }
    Type thread = state.getTypeFromString("java.lang.Thread");
    return index >= 0
        && index < helper.getParameters().size()
        && thread != null
        && state
            .getTypes()
            .isSameType(state.getTypes().erasure(helper.getParameters().get(index).type), thread)
        && isDaemonStarter(helper, state, MAX_DEPTH);
  }

  private static boolean isDaemonStarter(MethodSymbol helper, VisitorState state, int depth) {
    return depth >= 0
        && ConfinedOverrides.cannotBeOverridden(helper)
        && !helper.isConstructor()
        && MethodVerdicts.of(KEY, helper, state, (m, o, d, s) -> keepsNothing(m, o, d, s, depth))
        && MethodVerdicts.of(DAEMON, helper, state, (m, o, d, s) -> does(m, o, d, s, true, depth))
        && MethodVerdicts.of(STARTS, helper, state, (m, o, d, s) -> does(m, o, d, s, false, depth));
  }

  /** Makes no call, store or creation but those the rule allows. */
  private static boolean keepsNothing(
      MethodSymbol helper, ClassSymbol owner, String descriptor, VisitorState state, int depth) {
    MethodTree declaration = CompiledSources.methodTree(helper, state);
    if (declaration != null) {
      return declaration.getBody() != null && sourceKeepsNothing(declaration, owner, state, depth);
    }
    ClassFile.Method code = code(helper, owner, descriptor, state);
    if (code == null || !code.hasCode() || code.storesReferences()) {
      return false;
    }
    for (ClassFile.Call call : code.calls()) {
      if (isThreadSetter(call)) {
        continue;
      }
      MethodSymbol delegate = delegate(call, owner, state);
      if (delegate == null || !isDaemonStarterOrPlain(delegate, state, depth - 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A delegate of a helper: keeps nothing (making a daemon and starting may be left to its caller).
   */
  private static boolean isDaemonStarterOrPlain(
      MethodSymbol delegate, VisitorState state, int depth) {
    return depth >= 0
        && ConfinedOverrides.cannotBeOverridden(delegate)
        && !delegate.isConstructor()
        && MethodVerdicts.of(KEY, delegate, state, (m, o, d, s) -> keepsNothing(m, o, d, s, depth));
  }

  /**
   * Calls {@code setDaemon(true)} ({@code daemon}) or {@code start()}, itself or through a delegate
   * of its own class.
   */
  private static boolean does(
      MethodSymbol helper,
      ClassSymbol owner,
      String descriptor,
      VisitorState state,
      boolean daemon,
      int depth) {
    if (depth < 0) {
      return false;
    }
    MethodTree declaration = CompiledSources.methodTree(helper, state);
    if (declaration != null) {
      boolean[] found = new boolean[1];
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (getSymbol(call) instanceof MethodSymbol callee) {
            if (isThreadMethod(callee, state)) {
              found[0] |=
                  daemon
                      ? callee.getSimpleName().contentEquals("setDaemon")
                          && call.getArguments().size() == 1
                          && Boolean.TRUE.equals(constValue(call.getArguments().getFirst()))
                      : callee.getSimpleName().contentEquals("start");
            } else if (callee.owner == owner && ConfinedOverrides.cannotBeOverridden(callee)) {
              found[0] |= doesThrough(callee, state, daemon, depth - 1);
            }
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(declaration.getBody(), null);
      return found[0];
    }
    ClassFile.Method code = code(helper, owner, descriptor, state);
    if (code == null) {
      return false;
    }
    for (ClassFile.Call call : code.calls()) {
      if (isThreadSetter(call)) {
        if (daemon
            ? call.name().equals("setDaemon") && call.previousOpcode() == ICONST_1
            : call.name().equals("start")) {
          return true;
        }
      } else if (delegate(call, owner, state) instanceof MethodSymbol delegate
          && doesThrough(delegate, state, daemon, depth - 1)) {
        return true;
      }
    }
    return false;
  }

  private static boolean doesThrough(
      MethodSymbol delegate, VisitorState state, boolean daemon, int depth) {
    return MethodVerdicts.of(
        daemon ? DAEMON : STARTS, delegate, state, (m, o, d, s) -> does(m, o, d, s, daemon, depth));
  }

  private static boolean sourceKeepsNothing(
      MethodTree declaration, ClassSymbol owner, VisitorState state, int depth) {
    boolean[] other = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!(getSymbol(call) instanceof MethodSymbol callee)
            || !(isThreadMethod(callee, state)
                || (callee.owner == owner && isDaemonStarterOrPlain(callee, state, depth - 1)))) {
          other[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        Symbol target = getSymbol(assignment.getVariable());
        other[0] |= target == null || !(target.owner instanceof MethodSymbol);
        return super.visitAssignment(assignment, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree assignment, Void unused) {
        other[0] = true;
        return null;
      }

      @Override
      public Void visitBinary(BinaryTree binary, Void unused) {
        Type type = getType(binary);
        other[0] |= type != null && !type.isPrimitive();
        return super.visitBinary(binary, null);
      }

      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        other[0] = true;
        return null;
      }

      @Override
      public Void visitNewArray(NewArrayTree creation, Void unused) {
        other[0] = true;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        other[0] = true;
        return null;
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        other[0] = true;
        return null;
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
        other[0] = true;
        return null;
      }

      @Override
      public Void visitAssert(AssertTree assertion, Void unused) {
        other[0] = true;
        return null;
      }

      @Override
      public Void scan(Tree tree, Void unused) {
        return other[0] ? null : super.scan(tree, null);
      }
    }.scan(declaration.getBody(), null);
    return !other[0];
  }

  /** One of the allowed instance methods of {@code java.lang.Thread} itself. */
  private static boolean isThreadMethod(MethodSymbol callee, VisitorState state) {
    return !callee.isStatic()
        && callee.owner instanceof ClassSymbol type
        && type.getQualifiedName().contentEquals("java.lang.Thread")
        && THREAD_SETTERS.contains(callee.getSimpleName().toString());
  }

  private static boolean isThreadSetter(ClassFile.Call call) {
    return call.owner().equals("java/lang/Thread") && THREAD_SETTERS.contains(call.name());
  }

  /** The method of the helper's own class that an {@code invokestatic} or private call names. */
  private static @Nullable MethodSymbol delegate(
      ClassFile.Call call, ClassSymbol owner, VisitorState state) {
    if ((call.opcode() != INVOKESTATIC && call.opcode() != INVOKESPECIAL)
        || call.name().startsWith("<")
        || !call.owner().equals(ClassFiles.binaryName(owner))) {
      return null;
    }
    for (Symbol member : owner.getEnclosedElements()) {
      if (member instanceof MethodSymbol method
          && method.getSimpleName().contentEquals(call.name())
          && (method.isStatic() || method.isPrivate())
          && call.descriptor().equals(ClassFiles.descriptor(method, state.getTypes()))) {
        return method;
      }
    }
    return null;
  }

  private static ClassFile.@Nullable Method code(
      MethodSymbol helper, ClassSymbol owner, String descriptor, VisitorState state) {
    return ClassFiles.instance(state.context).methodOf(owner, helper, descriptor);
  }
}
