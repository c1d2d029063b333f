package dev.cancelguard.analysis.trees;

import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The same-file helpers one question follows (does this call restore the flag, wait for
 * termination, check for cancellation?): chains of calls of any depth, never through a method
 * already on the chain (recursion ends there), and within a budget of helper bodies for the whole
 * question, shared by all its chains, so that a file of helpers calling each other costs a bounded
 * amount of work. The first two levels (a helper, and the helpers it calls) are always followed, as
 * each question's own walk bounds them; deeper helpers draw on the budget.
 *
 * <p>One chain is made per question, at its start ({@link #start}); nothing is kept beyond it.
 */
public final class HelperChain {
  /** Helper bodies more than two levels deep one question may enter, over all its chains. */
  static final int MAX_DEEP_BODIES = 32;

  private static final int ALWAYS_FOLLOWED_DEPTH = 2;

  /** A guard for the stack; real helper chains are much shorter. */
  static final int MAX_DEPTH = 16;

  private final Set<MethodSymbol> onChain;
  private final int[] entered;

  private HelperChain(Set<MethodSymbol> onChain, int[] entered) {
    this.onChain = onChain;
    this.entered = entered;
  }

  /** An empty chain, with a fresh budget, for a new question. */
  public static HelperChain start() {
    return new HelperChain(Set.of(), new int[1]);
  }

  /**
   * The chain continued into {@code helper}, or null when the helper is on the chain already
   * (recursion), the chain is too deep, or the question has spent its budget.
   */
  public @Nullable HelperChain enter(MethodSymbol helper) {
    boolean deep = onChain.size() >= ALWAYS_FOLLOWED_DEPTH;
    if (onChain.contains(helper)
        || onChain.size() >= MAX_DEPTH
        || (deep && entered[0] >= MAX_DEEP_BODIES)) {
      return null;
    }
    if (deep) {
      entered[0]++;
    }
    Set<MethodSymbol> longer = new HashSet<>(onChain);
    longer.add(helper);
    return new HelperChain(longer, entered);
  }

  /** How many helpers deep this chain is (0 at the start). */
  public int depth() {
    return onChain.size();
  }
}
