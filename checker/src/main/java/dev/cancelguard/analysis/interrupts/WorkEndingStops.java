package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.cancelguard.analysis.classfiles.MethodVerdicts;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stops of this compilation that end work — {@code executor.shutdown()}/{@code shutdownNow()}, or
 * {@code thread.interrupt()} of another thread — by their own code, up to {@value #MAX_DEPTH} calls
 * deep. Such a stop may wait for that work, or CancelWithoutAwait's fix may insert the wait there
 * (in a catch that restores the flag, where the stop cannot throw {@link InterruptedException});
 * which of its calls get a wait is the asking check's to say ({@code CallerContinuations}' {@code
 * madeToWait}). With the fixes applied together, such a stop called with the interrupt flag set has
 * that wait throw at once, and the work it ends is not waited for.
 *
 * <p>Only code of this compilation is read (the fixes change nothing in a jar), through the same
 * calls {@link BlockingHelpers} follows: calls by their static target, and an abstract method of
 * this compilation into its implementations here ({@link CompiledImplementations}). Verdicts are
 * kept per compilation, in its {@link Context}.
 */
public final class WorkEndingStops {
  /** How many calls deep a stop's callees are followed. */
  static final int MAX_DEPTH = 3;

  private static final Context.Key<MethodVerdicts> KEY = new Context.Key<>();

  private WorkEndingStops() {}

  /** True if {@code method}'s own code in this compilation shuts a pool down or interrupts. */
  public static boolean endsWork(MethodSymbol method, VisitorState state) {
    return MethodVerdicts.of(
        KEY, method, state, (judged, owner, descriptor, s) -> !endingCalls(judged, s).isEmpty());
  }

  /**
   * The calls that end work in {@code method}'s own code and the methods it calls, up to {@value
   * #MAX_DEPTH} calls deep, in this compilation: each with its path (its file's compilation unit at
   * the root), breadth first, so that the answer does not depend on the order calls are met in.
   */
  public static List<TreePath> endingCalls(MethodSymbol start, VisitorState state) {
    List<TreePath> found = new ArrayList<>();
    Set<MethodSymbol> seen = new HashSet<>();
    seen.add(start);
    List<MethodSymbol> level = List.of(start);
    for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty(); depth++) {
      List<MethodSymbol> next = new ArrayList<>();
      for (MethodSymbol method : level) {
        if ((method.flags() & Flags.ABSTRACT) != 0) {
          for (MethodSymbol implementation : CompiledImplementations.of(method, state)) {
            if (seen.add(implementation)) {
              next.add(implementation);
            }
          }
          continue;
        }
        TreePath declaration = CompiledSources.methodPath(method, state);
        if (declaration == null
            || !(declaration.getLeaf() instanceof MethodTree tree)
            || tree.getBody() == null) {
          continue; // a jar's code, which no fix changes
        }
        new NestedCodeSkipper() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            if (!Expressions.isResolved(call)) {
              return null;
            }
            if (endsWorkHere(call, state)) {
              found.add(getCurrentPath());
              return null;
            }
            if (getSymbol(call) instanceof MethodSymbol callee
                && !callee.isConstructor()
                && seen.add(callee)) {
              next.add(callee);
            }
            return super.visitMethodInvocation(call, null);
          }
        }.scan(new TreePath(declaration, tree.getBody()), null);
      }
      level = next;
    }
    return found;
  }

  /** {@code pool.shutdown()}, {@code pool.shutdownNow()}, {@code worker.interrupt()}. */
  private static boolean endsWorkHere(MethodInvocationTree call, VisitorState state) {
    if (ExecutorCalls.SHUTDOWN.matches(call, state)) {
      return true;
    }
    if (!ThreadCalls.INTERRUPT.matches(call, state)) {
      return false;
    }
    ExpressionTree receiver = getReceiver(call);
    return receiver != null
        && !(Expressions.strip(receiver) instanceof MethodInvocationTree current
            && ThreadCalls.CURRENT_THREAD.matches(current, state));
  }
}
