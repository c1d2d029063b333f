package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;

/** Line numbers for messages that point at another place in the same file. */
public final class Lines {
  private Lines() {}

  /** The line, in the file being checked, where the tree starts. */
  public static long of(Tree tree, VisitorState state) {
    return state.getPath().getCompilationUnit().getLineMap().getLineNumber(getStartPosition(tree));
  }

  /**
   * Where the tree at {@code path} starts: {@code line 12} in the file being checked, {@code line
   * 12 of Other.java} in another file of the compilation.
   */
  public static String where(TreePath path, VisitorState state) {
    return where(path.getCompilationUnit(), path.getLeaf(), state);
  }

  /**
   * Where {@code tree}, in the file {@code unit}, starts: as {@link #where(TreePath,
   * VisitorState)}.
   */
  public static String where(CompilationUnitTree unit, Tree tree, VisitorState state) {
    long line = unit.getLineMap().getLineNumber(getStartPosition(tree));
    if (unit == state.getPath().getCompilationUnit()) {
      return "line " + line;
    }
    String file = unit.getSourceFile().getName();
    return "line " + line + " of " + file.substring(file.lastIndexOf('/') + 1);
  }
}
