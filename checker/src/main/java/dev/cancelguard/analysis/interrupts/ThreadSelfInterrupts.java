package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCMethodInvocation;
import com.sun.tools.javac.tree.JCTree.JCNewClass;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.List;

/**
 * A thread's own {@code interrupt()} in its {@code run()}: in the {@code run()} of a {@code Thread}
 * subclass, {@code interrupt()} (or {@code this.interrupt()}) interrupts the object whose {@code
 * run()} is running, and {@code start()} runs it on exactly that thread, so the call sets the
 * current thread's flag just as {@code Thread.currentThread().interrupt()} would ({@code catch
 * (InterruptedException e) { interrupt(); }} in {@code while (!isInterrupted())}). It holds only
 * where the thread runs its own {@code run()}: no code of the compilation calls that {@code run()}
 * or names it by a method reference, no instance of the class is handed where a {@code Runnable}
 * that is not a {@code Thread} is taken (an executor, another thread's constructor: there {@code
 * this} is not the thread running the code), and the call stands in {@code run()}'s own body, not
 * in a lambda or class body inside it (code that may run on another thread).
 */
public final class ThreadSelfInterrupts {
  private ThreadSelfInterrupts() {}

  /**
   * True if {@code call} is {@code interrupt()} or {@code this.interrupt()} written in the body of
   * the {@code run()} that encloses the code being matched ({@code state.getPath()}), of a {@code
   * Thread} subclass that runs that {@code run()} only as its own thread's work.
   */
  public static boolean interruptsItsOwnThread(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = getReceiver(call);
    if (receiver != null
        && !(Expressions.strip(receiver) instanceof IdentifierTree self
            && self.getName().contentEquals("this"))) {
      return false;
    }
    if (!ThreadCalls.INTERRUPT.matches(call, state)) {
      return false;
    }
    MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    Type thread = state.getTypeFromString("java.lang.Thread");
    if (method == null
        || method.getBody() == null
        || thread == null
        || !method.getName().contentEquals("run")
        || !method.getParameters().isEmpty()
        || !(getSymbol(method) instanceof MethodSymbol run)
        || run.isStatic()
        || !(run.owner instanceof ClassSymbol type)
        || !isSubtype(type.type, thread, state)
        || !(getSymbol(call) instanceof MethodSymbol interrupt)
        || !isSubtype(type.type, interrupt.owner.type, state)) {
      return false;
    }
    return inOwnBody(method, call) && runsOnlyAsItsOwnThread(type, run, state);
  }

  /** True if the call is in the method's body itself, not in a lambda or class body inside it. */
  private static boolean inOwnBody(MethodTree method, MethodInvocationTree call) {
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        found[0] |= invocation == call;
        return super.visitMethodInvocation(invocation, null);
      }
    }.scan(method.getBody(), null);
    return found[0];
  }

  /**
   * True if nothing in the compilation runs the class's {@code run()} but its own thread: no call
   * or method reference names it, and no instance of the class ({@code this}, {@code new C(..)}, or
   * any expression whose type may hold one) is handed to a parameter that takes a {@code Runnable}
   * (or one of its supertypes but {@code Object}) rather than a {@code Thread}, the parameter read
   * as the call instantiates it.
   */
  public static boolean runsOnlyAsItsOwnThread(
      ClassSymbol type, MethodSymbol run, VisitorState state) {
    CompilationCalls calls = CompilationCalls.of(state);
    if (!calls.callsOf(run).isEmpty() || !calls.referencesHandedOver(run).isEmpty()) {
      return false;
    }
    Type thread = state.getTypeFromString("java.lang.Thread");
    Type runnable = state.getTypeFromString("java.lang.Runnable");
    if (thread == null || runnable == null) {
      return false;
    }
    List<TreePath> handed = new ArrayList<>(calls.instancesHandedOver(type));
    // A thread handed on by any other expression whose type may hold one of these threads (a
    // variable of the class, of a subclass, or of a superclass below `Thread`).
    for (TreePath argument : calls.threadsHandedOver()) {
      Type argumentType = ASTHelpers.getType(argument.getLeaf());
      if (argumentType != null
          && (isSubtype(argumentType, type.type, state)
              || isSubtype(type.type, argumentType, state))) {
        handed.add(argument);
      }
    }
    for (TreePath argument : handed) {
      Type parameter = parameterTaking(argument);
      if (parameter == null
          || (!isSubtype(parameter, thread, state)
              && isSubtype(runnable, parameter, state)
              && !state.getTypes().isSameType(parameter, state.getSymtab().objectType))) {
        return false;
      }
    }
    return true;
  }

  /** The declared type of the parameter the argument at {@code argument} is passed to, or null. */
  private static @org.jspecify.annotations.Nullable Type parameterTaking(TreePath argument) {
    TreePath parent = argument.getParentPath();
    Tree value = argument.getLeaf();
    List<? extends ExpressionTree> arguments =
        switch (parent == null ? null : parent.getLeaf()) {
          case NewClassTree newClass -> newClass.getArguments();
          case MethodInvocationTree invocation -> invocation.getArguments();
          case null, default -> null;
        };
    if (arguments == null || !(getSymbol(parent.getLeaf()) instanceof MethodSymbol callee)) {
      return null;
    }
    List<Type> parameters = parameterTypesAt(parent.getLeaf(), callee);
    for (int i = 0; i < arguments.size(); i++) {
      if (arguments.get(i) == value || Expressions.strip(arguments.get(i)) == value) {
        if (callee.isVarArgs() && i >= parameters.size() - 1) {
          Type last = parameters.getLast();
          return last instanceof Type.ArrayType array ? array.elemtype : last;
        }
        return i < parameters.size() ? parameters.get(i) : null;
      }
    }
    return null;
  }

  /**
   * The parameter types of the call as the call site instantiates them ({@code
   * AtomicIntegerFieldUpdater<Worker>.compareAndSet(T, ..)} takes a {@code Worker}, {@code
   * Queue<Runnable>.add(E)} a {@code Runnable}), or as the callee declares them where javac kept no
   * instantiated type. A declared type variable erases to {@code Object}, which would hide both.
   */
  private static List<Type> parameterTypesAt(Tree call, MethodSymbol callee) {
    Type instantiated =
        switch (call) {
          case JCMethodInvocation invocation -> invocation.meth.type;
          case JCNewClass newClass -> newClass.constructorType;
          default -> null;
        };
    List<Type> declared = callee.type.getParameterTypes();
    if (instantiated instanceof Type.MethodType method
        && method.getParameterTypes().size() == declared.size()) {
      return method.getParameterTypes();
    }
    return declared;
  }
}
