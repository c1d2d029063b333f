package dev.cancelguard.analysis.flow;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.cancelguard.analysis.classfiles.MethodVerdicts;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.HashSet;
import java.util.Set;

/**
 * Calls after which the process is gone: {@code System.exit}, {@code Runtime.exit} and {@code
 * Runtime.halt} (the JDK's contract: they never return normally), and a project's own helper that
 * always reaches one of them ({@code fatal(String message) { log(message); System.exit(1); }}). No
 * way out of the calling code follows such a call, so nothing it held is left behind.
 *
 * <p>A helper counts when it cannot be overridden (static, private, final, or of a final class),
 * its file is part of this compilation, its body calls one of them, and every path through its body
 * ends the process: no path returns, falls off its end, throws, or lets an exception it declares
 * propagate. Helpers it calls are judged by the same rule. Not followed: a call through a function
 * held in a field or parameter ({@code exitProcedure.accept(code)}), whose value the program may
 * replace by one that only logs; an overridable method, which a subclass may replace; and a helper
 * read only from a class file (a jar, or a file not recompiled), which is not taken for one that
 * ends the process.
 *
 * <p>Verdicts are kept per compilation, in its {@link Context}.
 */
public final class ProcessExits {
  private static final Context.Key<MethodVerdicts> KEY = new Context.Key<>();
  private static final Context.Key<InProgress> IN_PROGRESS = new Context.Key<>();

  /** Helpers being judged in this compilation: a recursive helper is not taken for an exit. */
  private static final class InProgress {
    final Set<MethodSymbol> methods = new HashSet<>();
  }

  /** No more than this many helpers are judged inside one another. */
  private static final int MAX_DEPTH = 4;

  private ProcessExits() {}

  /** True if the process ends at this call: no way out of the calling code follows it. */
  public static boolean endsTheProcess(ExpressionTree tree, VisitorState state) {
    if (!(tree instanceof MethodInvocationTree call) || !Expressions.isResolved(call)) {
      return false;
    }
    if (ThreadCalls.PROCESS_EXIT.matches(call, state)) {
      return true;
    }
    return getSymbol(call) instanceof MethodSymbol method && alwaysEndsTheProcess(method, state);
  }

  /** True if every call of {@code method} ends the process (the rule above). */
  public static boolean alwaysEndsTheProcess(MethodSymbol method, VisitorState state) {
    if (method.isConstructor()
        || (method.flags() & (Flags.ABSTRACT | Flags.NATIVE)) != 0
        || !(method.owner instanceof ClassSymbol owner)
        || !(method.isStatic()
            || method.isPrivate()
            || (method.flags() & Flags.FINAL) != 0
            || (owner.flags() & Flags.FINAL) != 0)) {
      return false;
    }
    InProgress inProgress = state.context.get(IN_PROGRESS);
    if (inProgress == null) {
      inProgress = new InProgress();
      state.context.put(IN_PROGRESS, inProgress);
    }
    if (inProgress.methods.contains(method) || inProgress.methods.size() >= MAX_DEPTH) {
      return false;
    }
    inProgress.methods.add(method);
    try {
      return MethodVerdicts.of(KEY, method, state, ProcessExits::read);
    } finally {
      inProgress.methods.remove(method);
    }
  }

  /**
   * True if the body (not the lambdas and classes it creates) makes a call that ends the process.
   */
  private static boolean callsAnExit(Tree body, VisitorState state) {
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        found[0] |= !found[0] && endsTheProcess(call, state);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(body, null);
    return found[0];
  }

  private static boolean read(
      MethodSymbol method, ClassSymbol owner, String descriptor, VisitorState state) {
    MethodTree declaration = CompiledSources.methodTree(method, state);
    if (declaration == null || declaration.getBody() == null) {
      return false;
    }
    try {
      // One fact, "still running", that no call removes: a way out of the body reached with it
      // set is a way the helper returns to its caller. A process exit ends the path (the walker
      // asks this class), so a body that always ends the process has no way out at all.
      return callsAnExit(declaration.getBody(), state)
          && FactFlow.walk(
                  declaration.getBody(),
                  new FactFlow.Spec() {},
                  state,
                  /* initial= */ 1,
                  FactFlow.CatchEntry.TRY_ENTRY,
                  Set.of())
              .exits()
              .isEmpty();
    } catch (RuntimeException unusualCode) {
      return false; // a body the walk cannot follow: not taken for one that ends the process
    }
  }
}
