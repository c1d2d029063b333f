package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.classfiles.MethodVerdicts;
import dev.cancelguard.analysis.jdk.ChannelCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Methods whose own code waits in a call that fails when the thread is interrupted, known from that
 * code wherever it is declared: {@code zkServer.shutdown()} whose class's {@code shutdown(false)}
 * joins a worker thread. Called with the interrupt flag set, such a method has that wait cut short
 * (it throws at once, is swallowed or ends in the method's error path), so a catch that goes on to
 * call it must not restore the flag first.
 *
 * <p>The rule, the same whether the method is read from source or from a class file: its own code
 * (its body, not the lambdas and classes it creates) makes a call that declares {@link
 * InterruptedException} or that is I/O on an interruptible channel, or calls a method (of any
 * class, by the call's static target) that does so, up to {@value #MAX_DEPTH} calls deep. A call of
 * an abstract method declared in a type of this compilation is followed into its implementations
 * among the classes of this compilation ({@link CompiledImplementations}: an {@code
 * InvertedShell.exitValue()} whose one implementation here waits for its process), each step
 * counted as a call; other abstract and native methods — an interface of the JDK or a jar, whose
 * implementations are anybody's — are not followed.
 *
 * <p>Read from source when the method's file is part of this compilation (its tree, attributed
 * before any check runs under {@code -XDcompilePolicy=simple}); otherwise from the class file javac
 * read its class from ({@link ClassFiles}), whose calls are resolved to the same symbols. Both
 * readings see the same calls, so a full build and an incremental one agree on every call but those
 * followed into implementations: an incremental build that does not recompile an implementation
 * does not see it (a class file cannot list the implementations of a type), and then offers the
 * restore a full build withholds. Verdicts are kept per compilation, in its {@link Context}.
 */
public final class BlockingHelpers {
  /** How many calls deep a method's callees are followed. */
  static final int MAX_DEPTH = 3;

  private static final Context.Key<MethodVerdicts> KEY = new Context.Key<>();

  /** The verdicts of the wider rule of {@link #mayFailByItsOwnCode}. */
  private static final Context.Key<MethodVerdicts> MAY_FAIL_KEY = new Context.Key<>();

  private BlockingHelpers() {}

  /**
   * True if the call's method (not one that fails by itself, which {@link BlockingCalls} knows)
   * waits, by its own code, in a call that fails when interrupted (the rule above).
   */
  public static boolean callBlocksInside(MethodInvocationTree call, VisitorState state) {
    return Expressions.isResolved(call)
        && getSymbol(call) instanceof MethodSymbol method
        && blocksByItsOwnCode(method, state);
  }

  /** True if {@code method} waits, by its own code, in a call that fails when interrupted. */
  public static boolean blocksByItsOwnCode(MethodSymbol method, VisitorState state) {
    return (hasCode(method) || CompiledImplementations.isFollowed(method, state))
        && MethodVerdicts.of(
            KEY, method, state, (judged, owner, descriptor, s) -> blocks(judged, false, s));
  }

  /**
   * True if {@code method}, by its own code, makes a call that may fail at once when interrupted in
   * the wider sense: besides the calls of {@link #blocksByItsOwnCode}, one that returns at once
   * while the flag is set ({@code LockSupport.park}, {@code Selector.select}) or a lifecycle call
   * whose code is not seen ({@link UnseenLifecycleCalls}).
   */
  public static boolean mayFailByItsOwnCode(MethodSymbol method, VisitorState state) {
    return (hasCode(method) || CompiledImplementations.isFollowed(method, state))
        && MethodVerdicts.of(
            MAY_FAIL_KEY, method, state, (judged, owner, descriptor, s) -> blocks(judged, true, s));
  }

  private static boolean hasCode(MethodSymbol method) {
    return (method.flags() & (Flags.ABSTRACT | Flags.NATIVE)) == 0 && !method.isConstructor();
  }

  /** Breadth first, so that the verdict does not depend on the order calls are met in. */
  private static boolean blocks(MethodSymbol start, boolean wide, VisitorState state) {
    Set<MethodSymbol> seen = new HashSet<>();
    seen.add(start);
    List<MethodSymbol> level = List.of(start);
    for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty(); depth++) {
      List<MethodSymbol> next = new ArrayList<>();
      for (MethodSymbol method : level) {
        if (!hasCode(method)) {
          // An abstract method of this compilation: its implementations here are what it runs.
          for (MethodSymbol implementation : CompiledImplementations.of(method, state)) {
            if (seen.add(implementation)) {
              next.add(implementation);
            }
          }
          continue;
        }
        List<Callee> callees = calleesOf(method, state);
        if (callees == null) {
          continue;
        }
        for (Callee callee : callees) {
          if (fails(callee, wide, state)) {
            return true;
          }
          if ((hasCode(callee.method())
                  || CompiledImplementations.isFollowed(callee.method(), state))
              && seen.add(callee.method())) {
            next.add(callee.method());
          }
        }
      }
      level = next;
    }
    return false;
  }

  /** A call: the method it targets and the static type it is called on. */
  private record Callee(MethodSymbol method, @Nullable Symbol calledOn) {}

  /**
   * A call that fails at once when interrupted: it declares the exception, is channel I/O, or (by
   * the {@code wide} rule) returns at once while the flag is set ({@code LockSupport.park}, {@code
   * Selector.select}: the loop around it spins) or is a lifecycle call whose code is not seen
   * ({@link UnseenLifecycleCalls}).
   */
  private static boolean fails(Callee callee, boolean wide, VisitorState state) {
    Type interrupted = Interrupts.interruptedExceptionType(state);
    if (callee.method().getThrownTypes().stream().anyMatch(t -> isSubtype(t, interrupted, state))
        || (wide
            && (UnseenLifecycleCalls.mayWait(callee.method(), state)
                || returnsAtOnceWhileInterrupted(callee)))) {
      return true;
    }
    if (!ChannelCalls.INTERRUPTIBLE_IO_NAMES.contains(callee.method().getSimpleName().toString())
        || callee.calledOn() == null) {
      return false;
    }
    return Supertypes.isSubtypeOf(
        callee.calledOn().type, "java.nio.channels.InterruptibleChannel", state);
  }

  private static boolean returnsAtOnceWhileInterrupted(Callee callee) {
    String name = callee.method().getSimpleName().toString();
    String owner = callee.method().owner.getQualifiedName().toString();
    return (owner.equals("java.util.concurrent.locks.LockSupport") && name.startsWith("park"))
        || (name.equals("select") && owner.equals("java.nio.channels.Selector"));
  }

  /** The calls of the method's own code, or null where its code cannot be read. */
  private static @Nullable List<Callee> calleesOf(MethodSymbol method, VisitorState state) {
    MethodTree declaration = CompiledSources.methodTree(method, state);
    if (declaration != null) {
      if (declaration.getBody() == null) {
        return null;
      }
      List<Callee> callees = new ArrayList<>();
      new NestedCodeSkipper() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          // A tree javac has not attributed (yet) has no symbols: nothing in it is read.
          if (Expressions.isResolved(call) && getSymbol(call) instanceof MethodSymbol callee) {
            ExpressionTree receiver = getReceiver(call);
            Type type = receiver == null ? null : getType(receiver);
            callees.add(new Callee(callee, type == null ? callee.owner : type.tsym));
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(declaration.getBody(), null);
      return callees;
    }
    if (!(method.owner instanceof ClassSymbol owner)) {
      return null;
    }
    ClassFile.Method code =
        ClassFiles.instance(state.context)
            .methodOf(owner, method, ClassFiles.descriptor(method, state.getTypes()));
    if (code == null || !code.hasCode()) {
      return null;
    }
    List<Callee> callees = new ArrayList<>();
    for (ClassFile.Call call : code.calls()) {
      ClassSymbol calledOn = classNamed(call.owner(), state);
      MethodSymbol callee = calledOn == null ? null : methodOf(calledOn, call, state);
      if (callee != null) {
        callees.add(new Callee(callee, calledOn));
      }
    }
    return callees;
  }

  static @Nullable ClassSymbol classNamed(String binaryName, VisitorState state) {
    if (binaryName.startsWith("[")) {
      return null; // an array's clone()
    }
    try {
      Symbol found = state.getSymbolFromString(binaryName.replace('/', '.'));
      if (found == null) {
        found = state.getSymbolFromString(binaryName.replace('/', '.').replace('$', '.'));
      }
      return found instanceof ClassSymbol type ? type : null;
    } catch (RuntimeException unresolvable) {
      return null;
    }
  }

  /** The method a call instruction names, declared in its class or inherited from a supertype. */
  static @Nullable MethodSymbol methodOf(
      ClassSymbol calledOn, ClassFile.Call call, VisitorState state) {
    try {
      for (Type type : state.getTypes().closure(calledOn.type)) {
        if (!(type.tsym instanceof ClassSymbol declaring)) {
          continue;
        }
        for (Symbol member : declaring.members().getSymbolsByName(state.getName(call.name()))) {
          if (member instanceof MethodSymbol method
              && call.descriptor().equals(ClassFiles.descriptor(method, state.getTypes()))) {
            return method;
          }
        }
      }
    } catch (RuntimeException incomplete) {
      return null; // a class whose supertypes cannot be completed
    }
    return null;
  }
}
