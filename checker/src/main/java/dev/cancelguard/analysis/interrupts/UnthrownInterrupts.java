package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Methods declared to throw {@link InterruptedException} whose code, read where it is (a file of
 * this compilation or a class file of a jar), never throws one: it throws none by hand and every
 * call in it that may throw one is of a method judged the same way. Only code whose every version
 * can be read is judged: a method that cannot be overridden (private, static, final, a constructor,
 * a member of a final class or a record), or, in this compilation, one only its package can
 * override, with that package compiled here whole ({@link ConfinedOverrides#everyBody}). An
 * overridable method of a jar, or an interface or abstract method, keeps its declared {@code
 * throws}: its users may write the code that runs there. The calls are followed at most {@value
 * #MAX_DEPTH} deep and through at most {@value #MAX_METHODS} methods per question; nothing is kept
 * between questions.
 */
final class UnthrownInterrupts {
  /** How deep calls are followed below the method asked about. */
  static final int MAX_DEPTH = 3;

  /** How many methods one question reads at most. */
  static final int MAX_METHODS = 40;

  private final VisitorState state;
  private final Type interrupted;
  private int budget = MAX_METHODS;

  private UnthrownInterrupts(VisitorState state) {
    this.state = state;
    this.interrupted = Interrupts.interruptedExceptionType(state);
  }

  /**
   * True if {@code method}'s code, and that of every method it calls that may throw, throws none.
   */
  static boolean neverThrows(MethodSymbol method, VisitorState state) {
    try {
      return new UnthrownInterrupts(state).throwsNone(method, 0);
    } catch (RuntimeException incomplete) {
      return false; // a class whose members or supertypes cannot be completed
    }
  }

  private boolean throwsNone(MethodSymbol method, int depth) {
    if (depth > MAX_DEPTH
        || --budget < 0
        || (method.flags() & (Flags.ABSTRACT | Flags.NATIVE)) != 0
        || declaresWiderThanInterrupt(method)) {
      return false;
    }
    MethodTree declaration = CompiledSources.methodTree(method, state);
    if (declaration != null) {
      if (ConfinedOverrides.cannotBeOverridden(method)) {
        return declaration.getBody() != null && bodyThrowsNone(declaration, depth);
      }
      return ConfinedOverrides.everyBody(method, tree -> bodyThrowsNone(tree, depth), state);
    }
    return ConfinedOverrides.cannotBeOverridden(method) && classFileCodeThrowsNone(method, depth);
  }

  /** Declares {@code Exception} or {@code Throwable}: its code may throw what it pleases. */
  private boolean declaresWiderThanInterrupt(MethodSymbol method) {
    for (Type declared : method.getThrownTypes()) {
      Type thrown = state.getTypes().erasure(declared);
      if (isSubtype(interrupted, thrown, state) && !isSubtype(thrown, interrupted, state)) {
        return true;
      }
    }
    return false;
  }

  /** True if a call or constructor that declares {@code thrown} may pass an interrupt on. */
  private boolean mayPassOn(Iterable<? extends Type> thrown) {
    for (Type declared : thrown) {
      Type type = state.getTypes().erasure(declared);
      if (isSubtype(type, interrupted, state) || isSubtype(interrupted, type, state)) {
        return true;
      }
    }
    return false;
  }

  private boolean bodyThrowsNone(MethodTree declaration, int depth) {
    if (declaration.getBody() == null) {
      return false;
    }
    Set<Type> thrown = ThrownTypes.of(declaration.getBody(), state);
    if (thrown == null) {
      return false; // unknown: not shown to throw none
    }
    if (!mayPassOn(thrown)) {
      return true; // what may throw one is caught in the method itself
    }
    boolean[] throwing = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        throwing[0] |= !calleeThrowsNone(call, depth);
        return throwing[0] ? null : super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        throwing[0] |= !calleeThrowsNone(newClass, depth);
        return throwing[0] ? null : super.visitNewClass(newClass, null);
      }

      @Override
      public Void visitThrow(ThrowTree throwTree, Void unused) {
        Type thrown = getType(throwTree.getExpression());
        throwing[0] |= thrown == null || mayPassOn(List.of(thrown));
        return throwing[0] ? null : super.visitThrow(throwTree, null);
      }
    }.scan(declaration.getBody(), null);
    return !throwing[0];
  }

  private boolean calleeThrowsNone(ExpressionTree call, int depth) {
    if (!Expressions.isResolved(call)) {
      return false;
    }
    Symbol symbol = getSymbol(call);
    if (!(symbol instanceof MethodSymbol callee)) {
      return false;
    }
    return !mayPassOn(callee.getThrownTypes()) || throwsNone(callee, depth + 1);
  }

  /**
   * The method's class-file code: no value it makes, casts or reads from a field, and none its
   * parameters or its calls hand it, is an {@link InterruptedException}; and every call in it that
   * may throw one is of a method that throws none.
   */
  private boolean classFileCodeThrowsNone(MethodSymbol method, int depth) {
    if (!(method.owner instanceof ClassSymbol owner)) {
      return false;
    }
    String descriptor = ClassFiles.descriptor(method, state.getTypes());
    ClassFile.Method code = ClassFiles.instance(state.context).methodOf(owner, method, descriptor);
    if (code == null || !code.hasCode() || mayHoldAnInterrupt(descriptor)) {
      return false;
    }
    for (String type : code.valueTypes()) {
      if (isInterruptClass(type)) {
        return false;
      }
    }
    for (ClassFile.Call call : code.calls()) {
      if (mayHoldAnInterrupt(call.descriptor())) {
        return false;
      }
      ClassSymbol calledOn = BlockingHelpers.classNamed(call.owner(), state);
      MethodSymbol callee =
          calledOn == null ? null : BlockingHelpers.methodOf(calledOn, call, state);
      if (callee == null
          || (mayPassOn(callee.getThrownTypes()) && !throwsNone(callee, depth + 1))) {
        return false;
      }
    }
    return true;
  }

  /** A method descriptor one of whose parameters, or whose result, may be an interrupt. */
  private boolean mayHoldAnInterrupt(String descriptor) {
    int i = 1;
    while (i < descriptor.length()) {
      char c = descriptor.charAt(i);
      if (c == 'L') {
        int end = descriptor.indexOf(';', i);
        if (end < 0) {
          return true;
        }
        if (isInterruptClass(descriptor.substring(i + 1, end))) {
          return true;
        }
        i = end + 1;
      } else {
        i++; // a primitive, an array's '[', or the ')' before the result
      }
    }
    return false;
  }

  /**
   * True if values of the class (a binary name with slashes) may be interrupts: {@link
   * InterruptedException}, a subclass, or a class that cannot be resolved. Wider types (Exception,
   * Throwable) are not: a method that declares no wider type can throw a value of one only as the
   * precise rethrow of what its calls throw, which are judged as calls.
   */
  private boolean isInterruptClass(String binaryName) {
    if (binaryName.length() <= 1) {
      return false; // a primitive type's letter
    }
    if (binaryName.equals("java/lang/InterruptedException")) {
      return true;
    }
    @Nullable ClassSymbol type = BlockingHelpers.classNamed(binaryName, state);
    return type == null || isSubtype(type.type, interrupted, state);
  }
}
