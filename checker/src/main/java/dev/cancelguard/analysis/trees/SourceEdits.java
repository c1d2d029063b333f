package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * Fix edits shaped for people: an inserted statement gets a line of its own with the indentation of
 * its neighbour, so the IDE shows clean code and Error Prone's "Did you mean" line shows the
 * inserted statement itself.
 */
public final class SourceEdits {
  private SourceEdits() {}

  /** Inserts {@code code} on its own line just before {@code tree}, at its indentation. */
  public static SuggestedFix insertBefore(Tree tree, String code, VisitorState state) {
    return SuggestedFix.prefixWith(tree, code + "\n" + indentationOf(tree, state));
  }

  /**
   * Inserts {@code code} as the first statement of {@code block}; an empty block becomes {@code {
   * code }}.
   */
  public static SuggestedFix insertFirst(BlockTree block, String code, VisitorState state) {
    if (block.getStatements().isEmpty()) {
      // Right after the brace: comments in the block (`// ignored: ...`) stay.
      int afterBrace = getStartPosition(block) + 1;
      CharSequence source = state.getSourceCode();
      boolean closesAtOnce =
          source != null && afterBrace < source.length() && source.charAt(afterBrace) == '}';
      return SuggestedFix.replace(afterBrace, afterBrace, " " + code + (closesAtOnce ? " " : ""));
    }
    return insertBefore(block.getStatements().getFirst(), code, state);
  }

  /**
   * Inserts {@code code} as the last statement of a non-empty block, on its own line before the
   * closing brace, indented like the block's last statement.
   */
  public static SuggestedFix insertLast(BlockTree block, String code, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int brace = state.getEndPosition(block) - 1;
    if (source == null || brace < 0 || block.getStatements().isEmpty()) {
      return SuggestedFix.replace(block, "{ " + code + " }");
    }
    int lineStart = lineStart(source, brace);
    boolean braceOnItsOwnLine =
        source.subSequence(lineStart, brace).chars().allMatch(Character::isWhitespace);
    if (!braceOnItsOwnLine) {
      return SuggestedFix.replace(brace, brace, code + " ");
    }
    String indent = indentationOf(block.getStatements().getLast(), state);
    return SuggestedFix.replace(lineStart, lineStart, indent + code + "\n");
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
    String indentation = indentation(source, start);
    return indentation == null ? "" : indentation;
  }

  /** The position where the line holding {@code position} starts. */
  public static int lineStart(CharSequence source, int position) {
    int lineStart = position;
    while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    return lineStart;
  }

  /** The whitespace before {@code position} on its line, or null if code precedes it there. */
  public static @Nullable String indentation(CharSequence source, int position) {
    String before = source.subSequence(lineStart(source, position), position).toString();
    return before.isBlank() ? before : null;
  }
}
