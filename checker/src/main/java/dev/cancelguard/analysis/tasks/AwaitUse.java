package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import org.jspecify.annotations.Nullable;

/**
 * One use of what cancelled work uses, reached while the work may still run ({@link AwaitPaths}'s
 * answer): what kind, where (the statement or call), and the variable involved (null for {@link
 * Kind#RETURNS}).
 */
public record AwaitUse(Kind kind, Tree tree, @Nullable Symbol symbol) {
  /** How the code uses the work's resources while the work may still run. */
  public enum Kind {
    /** Closes, clears or stops something the work uses. */
    RELEASES,
    /** Reads something the work writes (its results). */
    READS,
    /** Leaves a method whose return means "it has stopped" (close, stop, a shutdown hook). */
    RETURNS
  }

  /**
   * Where the use happens: its statement or call; for leaving by the end of the body, the closing
   * brace.
   */
  public int position(VisitorState state) {
    if (kind == Kind.RETURNS && !(tree instanceof ReturnTree)) {
      return Math.max(getStartPosition(tree), state.getEndPosition(tree) - 1);
    }
    return getStartPosition(tree);
  }
}
