package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.classfiles.MethodVerdicts;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;

/**
 * A no-argument test of "am I on this object's thread" declared in another file or a jar, known
 * from its code: {@code boolean inEventLoop() { return inEventLoop(Thread.currentThread()); }} — it
 * hands the current thread to its own one-{@code Thread}-parameter overload, which the class that
 * owns the thread implements. Read by one rule from source (its file compiled in the same run) and
 * from its class file otherwise ({@code invokestatic java/lang/Thread.currentThread}, then at once
 * a call of the same name with descriptor {@code (Ljava/lang/Thread;)Z}, and nothing else), so that
 * a full build and an incremental one agree. Verdicts are kept per compilation ({@link
 * MethodVerdicts}).
 */
public final class CurrentThreadTests {
  private static final Context.Key<MethodVerdicts> KEY = new Context.Key<>();

  private CurrentThreadTests() {}

  /** True if {@code test()} is {@code return test(Thread.currentThread());} by its own code. */
  public static boolean passesTheCurrentThreadOn(MethodSymbol test, VisitorState state) {
    if (!test.getParameters().isEmpty()
        || test.getReturnType().getKind() != javax.lang.model.type.TypeKind.BOOLEAN) {
      return false;
    }
    return MethodVerdicts.of(KEY, test, state, CurrentThreadTests::read);
  }

  private static boolean read(
      MethodSymbol test, ClassSymbol owner, String descriptor, VisitorState state) {
    MethodTree declaration = CompiledSources.methodTree(test, state);
    if (declaration != null) {
      return declaration.getBody() != null
          && declaration.getBody().getStatements().size() == 1
          && declaration.getBody().getStatements().getFirst() instanceof ReturnTree returned
          && returned.getExpression() != null
          && stripParentheses(returned.getExpression()) instanceof MethodInvocationTree call
          && Expressions.isResolved(call)
          && getSymbol(call).getSimpleName().equals(test.getSimpleName())
          && call.getArguments().size() == 1
          && stripParentheses(call.getArguments().getFirst())
              instanceof MethodInvocationTree current
          && Expressions.isResolved(current)
          && ThreadCalls.CURRENT_THREAD.matches(current, state);
    }
    ClassFile.Method code = ClassFiles.instance(state.context).methodOf(owner, test, descriptor);
    if (code == null || !code.hasCode() || code.calls().size() != 2) {
      return false;
    }
    ClassFile.Call current = code.calls().get(0);
    ClassFile.Call overload = code.calls().get(1);
    return current.opcode() == 0xb8 // invokestatic
        && current.owner().equals("java/lang/Thread")
        && current.name().equals("currentThread")
        && current.descriptor().equals("()Ljava/lang/Thread;")
        && current.offset() + current.length() == overload.offset()
        && overload.name().equals(test.getSimpleName().toString())
        && overload.descriptor().equals("(Ljava/lang/Thread;)Z")
        && code.jumpTargets().isEmpty();
  }
}
