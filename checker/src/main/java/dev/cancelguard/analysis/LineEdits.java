package dev.cancelguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.Tree;

/**
 * Edits that add whole statements on their own lines, indented like their neighbours, so that a
 * fix's first changed line (what Error Prone prints as "Did you mean '…'?") is the added statement.
 */
public final class LineEdits {
  private LineEdits() {}

  /** Inserts {@code statement} on a new line just before {@code tree}, at its indentation. */
  public static SuggestedFix insertLineBefore(Tree tree, String statement, VisitorState state) {
    return SuggestedFix.prefixWith(tree, statement + "\n" + indentationOf(tree, state));
  }

  /**
   * Inserts {@code statement} as the first statement of {@code block}; an empty block becomes
   * {@code { statement }}.
   */
  public static SuggestedFix insertFirst(BlockTree block, String statement, VisitorState state) {
    if (block.getStatements().isEmpty()) {
      return SuggestedFix.replace(block, "{ " + statement + " }");
    }
    return insertLineBefore(block.getStatements().getFirst(), statement, state);
  }

  /**
   * The whitespace before {@code tree} on its line when {@code tree} starts the line, else the
   * empty string.
   */
  public static String indentationOf(Tree tree, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int start = getStartPosition(tree);
    if (source == null || start < 0) {
      return "";
    }
    int lineStart = start;
    while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    String before = source.subSequence(lineStart, start).toString();
    return before.isBlank() ? before : "";
  }
}
