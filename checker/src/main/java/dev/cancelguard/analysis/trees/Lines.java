package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.Tree;

/** Line numbers for messages that point at another place in the same file. */
public final class Lines {
  private Lines() {}

  /** The line, in the file being checked, where the tree starts. */
  public static long of(Tree tree, VisitorState state) {
    return state.getPath().getCompilationUnit().getLineMap().getLineNumber(getStartPosition(tree));
  }
}
