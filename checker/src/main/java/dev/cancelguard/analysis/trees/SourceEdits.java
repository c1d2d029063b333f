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
   * Inserts the lines of {@code lines} (each ending in a newline) above the line {@code tree}
   * starts, at its indentation: at the start of that line, a point other than the start of {@code
   * tree}, where {@link #insertBefore} puts its code. Two fixes that each add statements before the
   * same statement, one with each method, touch different points and apply together (this one's
   * lines first). Where code precedes {@code tree} on its line, the lines go right before it.
   */
  public static SuggestedFix insertLinesAbove(Tree tree, String lines, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int start = getStartPosition(tree);
    String indentation = source == null || start < 0 ? null : indentation(source, start);
    if (indentation == null || indentation.isEmpty()) {
      return SuggestedFix.prefixWith(tree, lines);
    }
    StringBuilder indented = new StringBuilder();
    for (int from = 0; from < lines.length(); ) {
      int newline = lines.indexOf('\n', from);
      int end = newline < 0 ? lines.length() : newline;
      indented.append(indentation).append(lines, from, end).append('\n');
      from = end + 1;
    }
    int lineStart = lineStart(source, start);
    return SuggestedFix.replace(lineStart, lineStart, indented.toString());
  }

  /**
   * Inserts {@code lines} (each ending in a newline, indented by the caller) below the line {@code
   * tree} ends on: at the start of the next line when only blanks follow {@code tree} on its line,
   * a point no edit right after {@code tree} ({@code postfixWith}) touches; else right after {@code
   * tree}, on a line of their own.
   */
  public static SuggestedFix insertLinesBelow(Tree tree, String lines, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int end = state.getEndPosition(tree);
    if (source != null && end >= 0) {
      int next = end;
      while (next < source.length()
          && (source.charAt(next) == ' '
              || source.charAt(next) == '\t'
              || source.charAt(next) == '\r')) {
        next++;
      }
      if (next < source.length() && source.charAt(next) == '\n') {
        return SuggestedFix.replace(next + 1, next + 1, lines);
      }
    }
    String text = lines.endsWith("\n") ? lines.substring(0, lines.length() - 1) : lines;
    return SuggestedFix.postfixWith(tree, "\n" + text);
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
   * Inserts {@code code} as the first statement of {@code block}, like {@link #insertFirst}, but at
   * the start of the first statement's line ({@link #insertLinesAbove}): another fix that puts its
   * own first statement into the same block (a restore of the interrupt flag) touches a different
   * point, so both apply together, this one's line first.
   */
  public static SuggestedFix insertFirstLine(BlockTree block, String code, VisitorState state) {
    if (block.getStatements().isEmpty()) {
      return insertFirst(block, code, state);
    }
    return insertLinesAbove(block.getStatements().getFirst(), code + "\n", state);
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
