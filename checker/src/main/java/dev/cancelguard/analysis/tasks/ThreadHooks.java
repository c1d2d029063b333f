package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.classfiles.Opcodes.ACONST_NULL;
import static dev.cancelguard.analysis.classfiles.Opcodes.ALOAD_0;
import static dev.cancelguard.analysis.classfiles.Opcodes.ARETURN;
import static dev.cancelguard.analysis.classfiles.Opcodes.GETFIELD;
import static dev.cancelguard.analysis.classfiles.Opcodes.GOTO;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKESPECIAL;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKESTATIC;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKEVIRTUAL;
import static dev.cancelguard.analysis.classfiles.Opcodes.POP;
import static dev.cancelguard.analysis.classfiles.Opcodes.RETURN;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.primitives.ImmutableIntArray;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.LibraryModels;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The method a {@code Thread} base class's final {@code run()} hands the thread's whole work to: a
 * template thread, whose subclasses write their work in a hook ({@code class Fetcher extends
 * SubjectInheritingThread { public void work() { .. } }}) and whose base's {@code public final void
 * run()} does nothing but call that hook, directly or through an action it runs in place. Leaving
 * the hook ends the thread, as leaving the {@code run()} of a {@code Thread} subclass does: the
 * hook is that thread's top level ({@link Tasks#isThreadTopLevel}).
 *
 * <p>What must hold, the same rule whether the base is read from source (compiled here) or from its
 * class file:
 *
 * <ul>
 *   <li>the method takes no argument, returns nothing, is neither static nor abstract nor {@code
 *       run()}; its class is a {@code Thread} that declares no {@code run()};
 *   <li>the {@code run()} its class inherits is final and declared by a superclass other than
 *       {@code Thread}, which also declares the hook, of the same name;
 *   <li>that {@code run()} does nothing but call the hook: every call it makes is the hook on
 *       {@code this}, a library call that runs the action it is handed in place, on the caller's
 *       thread ({@link LibraryModels#runsItsActionInPlace}), or the constructor of such an action
 *       (in a class file, a class nested in the base; in source, an anonymous class or a lambda
 *       written as the runner's argument); the hook and the runner calls are each the last thing
 *       {@code run()} does (only a return follows), and it calls the hook at least once;
 *   <li>in the action, every call is the last thing its method does (only a return of nothing, of
 *       {@code null} or of the call's own result follows), and the hook is among them;
 *   <li>nothing in this compilation calls the method or names it by a method reference: a
 *       subclass's {@code super.work()} would go on after it, a direct call would run it on some
 *       other thread.
 * </ul>
 */
public final class ThreadHooks {
  private ThreadHooks() {}

  /** True if the method is the hook a template thread's final {@code run()} hands its work to. */
  static boolean isWholeWorkOfItsThread(MethodTree method, MethodSymbol hook, VisitorState state) {
    if (hook.isStatic()
        || (hook.flags() & Flags.ABSTRACT) != 0
        || !method.getParameters().isEmpty()
        || hook.getSimpleName().contentEquals("run")
        || hook.getReturnType().getKind() != javax.lang.model.type.TypeKind.VOID
        || !(hook.owner instanceof ClassSymbol threadClass)
        || !Supertypes.isSubtypeOf(threadClass.type, "java.lang.Thread", state)) {
      return false;
    }
    MethodSymbol run = inheritedRun(threadClass, state);
    if (run == null
        || (run.flags() & Flags.FINAL) == 0
        || !(run.owner instanceof ClassSymbol base)
        || base == threadClass
        || base.getQualifiedName().contentEquals("java.lang.Thread")
        || !declaresHook(base, hook, state)) {
      return false;
    }
    CompilationCalls calls = CompilationCalls.of(state);
    if (!calls.callsOf(hook).isEmpty() || calls.namedByAReference(hook)) {
      return false;
    }
    TreePath runPath = CompiledSources.methodPath(run, state);
    if (runPath != null) {
      return runPath.getLeaf() instanceof MethodTree runTree
          && runTree.getBody() != null
          && sourceRunCallsOnlyTheHook(
              new TreePath(runPath, runTree.getBody()), hook.getSimpleName().toString());
    }
    return classFileRunCallsOnlyTheHook(base, run, hook.getSimpleName().toString(), state);
  }

  /**
   * The no-argument {@code run()} the class inherits: the first one declared up its superclass
   * chain, the class itself excluded only in that it must declare none (then null).
   */
  private static @Nullable MethodSymbol inheritedRun(ClassSymbol threadClass, VisitorState state) {
    try {
      for (Type type = threadClass.type;
          type != null && type.tsym instanceof ClassSymbol declaring;
          type = state.getTypes().supertype(type)) {
        for (Symbol member : declaring.members().getSymbolsByName(state.getName("run"))) {
          if (member instanceof MethodSymbol candidate
              && !candidate.isStatic()
              && candidate.getParameters().isEmpty()) {
            return declaring == threadClass ? null : candidate;
          }
        }
      }
    } catch (RuntimeException incomplete) {
      return null; // a class whose supertypes cannot be completed
    }
    return null;
  }

  /**
   * The base declares a no-argument instance method of the hook's name, which the hook overrides.
   */
  private static boolean declaresHook(ClassSymbol base, MethodSymbol hook, VisitorState state) {
    for (Symbol member : base.members().getSymbolsByName(hook.getSimpleName())) {
      if (member instanceof MethodSymbol declared
          && !declared.isStatic()
          && declared.getParameters().isEmpty()
          && hook.overrides(declared, (ClassSymbol) hook.owner, state.getTypes(), true)) {
        return true;
      }
    }
    return false;
  }

  // ----------------------------------------------------------------------------- from source

  /**
   * The body of {@code run()}, read from source: every call in it is the hook on {@code this}, or a
   * runner of an action in place whose only arguments other than plain values are the actions
   * (anonymous classes or lambdas that do nothing but call, each call last), each as the last
   * statement on its path; and the hook is called.
   */
  private static boolean sourceRunCallsOnlyTheHook(TreePath bodyPath, String hookName) {
    Tree body = bodyPath.getLeaf();
    boolean[] ok = {true};
    int[] hookCalls = {0};
    List<Tree> actions = new ArrayList<>();
    List<TreePath> actionPaths = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!Expressions.isResolved(call) || !(getSymbol(call) instanceof MethodSymbol callee)) {
          ok[0] = false;
          return null;
        }
        if (isHookCallOnThis(call, callee, hookName)) {
          hookCalls[0]++;
          ok[0] &= isLastOfItsPath(getCurrentPath(), body);
        } else if (LibraryModels.runsItsActionInPlace(callee)) {
          ok[0] &= isLastOfItsPath(getCurrentPath(), body);
          for (ExpressionTree argument : call.getArguments()) {
            if (argument instanceof NewClassTree creation && creation.getClassBody() != null) {
              actions.add(creation.getClassBody());
            } else if (argument instanceof LambdaExpressionTree lambda) {
              actions.add(lambda);
            }
          }
        } else {
          ok[0] = false;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        // An action only as a runner's argument (visited after the runner itself).
        if (creation.getClassBody() == null || !actions.contains(creation.getClassBody())) {
          ok[0] = false;
        } else {
          actionPaths.add(new TreePath(getCurrentPath(), creation.getClassBody()));
        }
        return null; // the action's own code is read below
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        if (!actions.contains(lambda)) {
          ok[0] = false;
        } else {
          actionPaths.add(getCurrentPath());
        }
        return null;
      }

      @Override
      public Void visitClass(ClassTree local, Void unused) {
        ok[0] = false; // a local class: not read
        return null;
      }
    }.scan(bodyPath, null);
    if (!ok[0]) {
      return false;
    }
    for (TreePath action : actionPaths) {
      int called = sourceActionCalls(action, hookName);
      if (called < 0) {
        return false;
      }
      hookCalls[0] += called;
    }
    return hookCalls[0] > 0;
  }

  /**
   * How often the action (an anonymous class's body or a lambda) calls the hook of its outer
   * instance, each call the last thing its method does; -1 if it makes any call that is not last,
   * or any call other than the hook.
   */
  private static int sourceActionCalls(TreePath action, String hookName) {
    List<TreePath> bodies = new ArrayList<>();
    if (action.getLeaf() instanceof LambdaExpressionTree lambda) {
      bodies.add(new TreePath(action, lambda.getBody()));
    } else if (action.getLeaf() instanceof ClassTree classBody) {
      for (Tree member : classBody.getMembers()) {
        if (member instanceof MethodTree method) {
          // Skipped: the constructor javac writes for an anonymous class, which calls super(..).
          if (method.getBody() != null
              && !(getSymbol(method) instanceof MethodSymbol declared
                  && declared.isConstructor())) {
            bodies.add(new TreePath(new TreePath(action, method), method.getBody()));
          }
        } else {
          return -1; // fields, initializers, nested classes: not read
        }
      }
    }
    int hookCalls = 0;
    for (TreePath bodyPath : bodies) {
      Tree body = bodyPath.getLeaf();
      if (body instanceof MethodInvocationTree call) {
        // An expression lambda: the call is its whole body.
        if (!Expressions.isResolved(call)
            || !(getSymbol(call) instanceof MethodSymbol callee)
            || !isHookCallOnThis(call, callee, hookName)) {
          return -1;
        }
        hookCalls++;
        continue;
      }
      if (!(body instanceof BlockTree)) {
        return -1;
      }
      boolean[] ok = {true};
      int[] called = {0};
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (!Expressions.isResolved(call)
              || !(getSymbol(call) instanceof MethodSymbol callee)
              || !isHookCallOnThis(call, callee, hookName)
              || !isLastOfItsPath(getCurrentPath(), body)) {
            ok[0] = false;
          } else {
            called[0]++;
          }
          return super.visitMethodInvocation(call, null);
        }

        @Override
        public Void visitNewClass(NewClassTree creation, Void unused) {
          ok[0] = false;
          return null;
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
          ok[0] = false;
          return null;
        }

        @Override
        public Void visitClass(ClassTree local, Void unused) {
          ok[0] = false;
          return null;
        }
      }.scan(bodyPath, null);
      if (!ok[0]) {
        return -1;
      }
      hookCalls += called[0];
    }
    return hookCalls;
  }

  /**
   * {@code work()} or {@code this.work()} (or {@code Outer.this.work()}): the hook, no argument.
   */
  private static boolean isHookCallOnThis(
      MethodInvocationTree call, MethodSymbol callee, String hookName) {
    if (!callee.getSimpleName().contentEquals(hookName)
        || callee.isStatic()
        || !call.getArguments().isEmpty()) {
      return false;
    }
    ExpressionTree select = call.getMethodSelect();
    return select instanceof IdentifierTree
        || (select instanceof MemberSelectTree member
            && member.getExpression() instanceof IdentifierTree self
            && self.getName().contentEquals("this"))
        || (select instanceof MemberSelectTree qualified
            && qualified.getExpression() instanceof MemberSelectTree outer
            && outer.getIdentifier().contentEquals("this"));
  }

  /**
   * The call is the expression of a statement after which only a return (of nothing, of {@code
   * null} or of a literal) follows, up to the end of {@code body}: the statement is the last of its
   * block, or is followed only by such a return, and every block and branch around it is in turn
   * the last thing its parent does.
   */
  private static boolean isLastOfItsPath(TreePath callPath, Tree body) {
    TreePath statement = callPath.getParentPath();
    if (statement == null || !(statement.getLeaf() instanceof ExpressionStatementTree)) {
      return false;
    }
    for (TreePath p = statement; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getLeaf() == body) {
        return true;
      }
      Tree parent = p.getParentPath().getLeaf();
      boolean last =
          switch (parent) {
            case BlockTree block -> onlyAReturnAfter(block, p.getLeaf());
            case IfTree ifTree -> p.getLeaf() != ifTree.getCondition();
            default -> parent == body;
          };
      if (!last) {
        return false;
      }
    }
    return false;
  }

  private static boolean onlyAReturnAfter(BlockTree block, Tree statement) {
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf(statement);
    if (index < 0) {
      return false;
    }
    for (StatementTree after : statements.subList(index + 1, statements.size())) {
      if (!(after instanceof ReturnTree returned)
          || !(returned.getExpression() == null
              || returned.getExpression() instanceof LiteralTree)) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------------- from class file

  /**
   * The code of {@code run()}, read from the base's class file (kept whole only when it is short):
   * every call is the hook on {@code this} (an {@code aload_0} right before it) or a static runner
   * of an action in place, each followed only by {@code pop}s and a {@code return} (or a {@code
   * goto} to one), or the constructor of a class nested in the base, whose own methods call only
   * the hook on the outer instance (and each other), each call followed only by a return.
   */
  private static boolean classFileRunCallsOnlyTheHook(
      ClassSymbol base, MethodSymbol run, String hookName, VisitorState state) {
    ClassFiles files = ClassFiles.instance(state.context);
    ClassFile.Method code = files.methodOf(base, run, "()V");
    if (code == null || !code.hasCode() || code.smallCode().isEmpty()) {
      return false;
    }
    String baseName = ClassFiles.binaryName(base);
    int hookCalls = 0;
    for (ClassFile.Call call : code.calls()) {
      if (isHookCallOn(call, baseName, hookName, ALOAD_0)) {
        if (!endsAfter(code.smallCode(), call.offset() + call.length())) {
          return false;
        }
        hookCalls++;
      } else if (call.opcode() == INVOKESTATIC
          && LibraryModels.runsItsActionInPlace(call.owner(), call.name())) {
        if (!endsAfter(code.smallCode(), call.offset() + call.length())) {
          return false;
        }
      } else if (call.opcode() == INVOKESPECIAL
          && call.name().equals("<init>")
          && call.owner().startsWith(baseName + "$")) {
        int called = classFileActionCalls(call.owner(), baseName, hookName, state);
        if (called < 0) {
          return false;
        }
        hookCalls += called;
      } else {
        return false;
      }
    }
    return hookCalls > 0;
  }

  /**
   * How often the action class nested in the base calls the hook on its outer instance ({@code
   * aload_0; getfield this$0; invokevirtual hook}), each call followed only by a return; -1 if the
   * class cannot be read, or one of its methods makes another call that is not its own method's
   * last act, or any call of another class than {@code Object}'s constructor.
   */
  private static int classFileActionCalls(
      String actionName, String baseName, String hookName, VisitorState state) {
    Symbol found;
    try {
      found = state.getSymbolFromString(actionName.replace('/', '.'));
    } catch (RuntimeException unresolvable) {
      return -1;
    }
    if (!(found instanceof ClassSymbol action)) {
      return -1;
    }
    ClassFile file = ClassFiles.instance(state.context).of(action);
    if (file == null) {
      return -1;
    }
    int hookCalls = 0;
    for (ClassFile.Method method : file.methods().values()) {
      for (ClassFile.Call call : method.calls()) {
        if (method.name().equals("<init>")) {
          if (!(call.opcode() == INVOKESPECIAL
              && call.name().equals("<init>")
              && call.owner().equals("java/lang/Object"))) {
            return -1;
          }
          continue;
        }
        ImmutableIntArray code = method.smallCode();
        boolean ownMethod = call.owner().equals(actionName) && call.opcode() == INVOKEVIRTUAL;
        boolean hook = isHookCallOn(call, baseName, hookName, GETFIELD);
        if (code.isEmpty()
            || !(ownMethod || hook)
            || !returnsAfter(code, call.offset() + call.length())) {
          return -1;
        }
        hookCalls += hook ? 1 : 0;
      }
    }
    return hookCalls;
  }

  /** {@code invokevirtual Base.hook()V} right after {@code previous}. */
  private static boolean isHookCallOn(
      ClassFile.Call call, String baseName, String hookName, int previous) {
    return call.opcode() == INVOKEVIRTUAL
        && call.owner().equals(baseName)
        && call.name().equals(hookName)
        && call.descriptor().equals("()V")
        && call.previousOpcode() == previous;
  }

  /** From {@code offset} on: any {@code pop}s, then a {@code return} or a {@code goto} to one. */
  private static boolean endsAfter(ImmutableIntArray code, int offset) {
    int at = offset;
    while (at < code.length() && code.get(at) == POP) {
      at++;
    }
    if (at < code.length() && code.get(at) == RETURN) {
      return true;
    }
    if (at + 2 < code.length() && code.get(at) == GOTO) {
      int target = at + (short) ((code.get(at + 1) << 8) | code.get(at + 2));
      return target >= 0 && target < code.length() && code.get(target) == RETURN;
    }
    return false;
  }

  /**
   * From {@code offset} on: a {@code return}, an {@code areturn} of the call's own result, or
   * {@code aconst_null; areturn}.
   */
  private static boolean returnsAfter(ImmutableIntArray code, int offset) {
    if (offset >= code.length()) {
      return false;
    }
    int next = code.get(offset);
    return next == RETURN
        || next == ARETURN
        || (next == ACONST_NULL && offset + 1 < code.length() && code.get(offset + 1) == ARETURN);
  }
}
