package dev.cancelguard.analysis.flow;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * The facts on the paths reaching a point, and the earliest tree that added one of them; a null
 * state stands for "no path".
 */
record PathState(long facts, @Nullable Tree origin) {
  PathState plus(long added, @Nullable Tree addedBy) {
    if ((facts | added) == facts) {
      return this;
    }
    return new PathState(facts | added, facts == 0 ? addedBy : origin);
  }

  PathState minus(long removed) {
    if ((facts & removed) == 0) {
      return this;
    }
    long left = facts & ~removed;
    return new PathState(left, left == 0 ? null : origin);
  }

  /** Where two paths meet: the facts of either, the earlier origin. */
  static @Nullable PathState join(@Nullable PathState a, @Nullable PathState b) {
    if (a == null) {
      return b;
    }
    if (b == null || a.equals(b)) {
      return a;
    }
    long facts = a.facts() | b.facts();
    Tree origin =
        a.facts() == 0 ? b.origin() : b.facts() == 0 ? a.origin() : earlier(a.origin(), b.origin());
    return new PathState(facts, origin);
  }

  static @Nullable Tree earlier(@Nullable Tree a, @Nullable Tree b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return getStartPosition(b) < getStartPosition(a) ? b : a;
  }
}
