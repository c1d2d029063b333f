package dev.cancelguard.analysis.resources;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One resource of a code unit that a task must give back: what holds it, where it is taken and
 * where given back, and its fact (one bit) in a path question.
 */
public final class HeldResource {
  public enum Kind {
    /** A closeable local, closed by {@code close()} (or given back to the pool it came from). */
    CLOSEABLE,
    /** An object taken out of a pool or queue and given back to it. */
    CHECKOUT,
    /** A semaphore permit. */
    PERMIT,
    /** A lock taken by {@code lockInterruptibly()}. */
    LOCK
  }

  public final Kind kind;
  public final Symbol symbol;
  public final @Nullable Symbol pool;
  public final List<ExpressionTree> acquisitions = new ArrayList<>();
  public final List<MethodInvocationTree> releases = new ArrayList<>();
  int bit;
  int rangeStart = Integer.MAX_VALUE;
  int rangeEnd = -1;

  HeldResource(Kind kind, Symbol symbol, @Nullable Symbol pool) {
    this.kind = kind;
    this.symbol = symbol;
    this.pool = pool;
  }

  public String name() {
    return symbol.getSimpleName().toString();
  }

  /** The resource's fact in a path question. */
  public long mask() {
    return 1L << bit;
  }

  /** True if {@code position} lies between the first acquisition and the last release. */
  public boolean heldAt(int position) {
    return rangeStart <= position && position < rangeEnd;
  }
}
