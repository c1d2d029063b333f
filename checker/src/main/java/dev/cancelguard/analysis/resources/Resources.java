package dev.cancelguard.analysis.resources;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.tasks.TaskScopes;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Supertypes;
import javax.lang.model.element.Modifier;

/**
 * Resources a method holds and must give back: closeable objects, objects checked out of a pool or
 * queue, semaphore permits, interruptibly taken locks; and the calls that give them back.
 */
public final class Resources {
  private static final Matcher<ExpressionTree> CLOSE =
      CallNames.resolvedOnly(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.lang.AutoCloseable"))
              .named("close")
              .withNoParameters());

  /** Names of calls that give an object back to the pool or queue it came from. */
  private static final ImmutableSet<String> CHECK_IN =
      ImmutableSet.of(
          "put",
          "offer",
          "add",
          "addLast",
          "push",
          "release",
          "returnObject",
          "returnConnection",
          "returnResource",
          "checkIn",
          "checkin",
          "giveBack",
          "free",
          "recycle");

  private Resources() {}

  /**
   * True if a local of this type is a resource to close: an {@link AutoCloseable}, but not a stream
   * (Error Prone's {@code StreamResourceLeak}), not an executor (left to the executor checks) and
   * not a {@code StructuredTaskScope} (left to the scope checks, see {@link TaskScopes}).
   */
  public static boolean isCloseableResource(Type type, VisitorState state) {
    return Supertypes.isSubtypeOf(type, "java.lang.AutoCloseable", state)
        && !Supertypes.isSubtypeOf(type, "java.util.stream.BaseStream", state)
        && !Supertypes.isSubtypeOf(type, "java.util.concurrent.ExecutorService", state)
        && !TaskScopes.isScopeType(type, state);
  }

  /**
   * True if the method or constructor is annotated {@code @MustBeClosed}: Error Prone's {@code
   * MustBeClosedChecker} already requires try-with-resources for what it returns.
   */
  public static boolean isMustBeClosed(Symbol symbol) {
    for (Attribute.Compound annotation : symbol.getAnnotationMirrors()) {
      if (annotation.type.tsym.getSimpleName().contentEquals("MustBeClosed")) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if {@code value} makes an object of a named class ({@code new ChainRecordReader(ctx)}, no
   * class body) whose {@code close()}, the one that class has or inherits from a superclass, is
   * declared in this compilation with an empty body: closing such an object releases nothing. A
   * class whose {@code close()} is in a class file, abstract, or only a default method is not one.
   */
  public static boolean isMadeWithAnEmptyClose(ExpressionTree value, VisitorState state) {
    if (!(Expressions.strip(value) instanceof NewClassTree made)
        || made.getClassBody() != null
        || !(getSymbol(made) instanceof MethodSymbol constructor)
        || !(constructor.owner instanceof ClassSymbol type)) {
      return false;
    }
    Types types = state.getTypes();
    try {
      for (Type t = type.type;
          t != null && t.tsym instanceof ClassSymbol c;
          t = types.supertype(t)) {
        for (Symbol member : c.members().getSymbolsByName(state.getName("close"))) {
          if (member instanceof MethodSymbol close
              && close.getParameters().isEmpty()
              && !close.isStatic()) {
            if (close.getModifiers().contains(Modifier.ABSTRACT)) {
              return false;
            }
            MethodTree declaration = CompiledSources.methodTree(close, state);
            return declaration != null
                && declaration.getBody() != null
                && declaration.getBody().getStatements().isEmpty();
          }
        }
      }
    } catch (RuntimeException incomplete) {
      return false; // a superclass javac cannot complete
    }
    return false;
  }

  /** {@code x.close()}. */
  public static boolean isClose(ExpressionTree call, VisitorState state) {
    return CLOSE.matches(call, state);
  }

  /**
   * A helper that closes its argument: {@code closeQuietly(x)}, {@code Closeables.close(x, ..)}.
   */
  public static boolean isCloseHelper(MethodInvocationTree call, Symbol resource) {
    Symbol method = getSymbol(call);
    return method != null
        && method.getSimpleName().toString().startsWith("close")
        && !call.getArguments().isEmpty()
        && resource.equals(getSymbol(stripParentheses(call.getArguments().getFirst())));
  }

  /** {@code semaphore.acquire(..)}, {@code acquireUninterruptibly(..)}. */
  public static boolean isPermitAcquire(ExpressionTree call, VisitorState state) {
    return SyncCalls.SEMAPHORE_ACQUIRE.matches(call, state);
  }

  /** {@code semaphore.release(..)}. */
  public static boolean isPermitRelease(ExpressionTree call, VisitorState state) {
    return SyncCalls.SEMAPHORE_RELEASE.matches(call, state);
  }

  /** {@code lock.lockInterruptibly()}. */
  public static boolean isInterruptibleLock(ExpressionTree call, VisitorState state) {
    return SyncCalls.LOCK_INTERRUPTIBLY.matches(call, state);
  }

  /** {@code lock.unlock()}. */
  public static boolean isUnlock(ExpressionTree call, VisitorState state) {
    return SyncCalls.UNLOCK.matches(call, state);
  }

  /**
   * True if the call gives {@code resource} back to {@code pool}, the object it was taken from:
   * {@code pool.put(x)}, {@code pool.release(x)}, {@code pool.returnObject(x)}, ...
   */
  public static boolean isCheckIn(MethodInvocationTree call, Symbol pool, Symbol resource) {
    Symbol method = getSymbol(call);
    return method != null
        && CHECK_IN.contains(method.getSimpleName().toString())
        && pool.equals(Expressions.receiverSymbol(call))
        && call.getArguments().stream()
            .anyMatch(a -> resource.equals(getSymbol(stripParentheses(a))));
  }
}
