package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ErrorProneComment;
import com.google.errorprone.util.ErrorProneToken;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Code whose own comments say that it clears the interrupt on purpose: the method's Javadoc ("The
 * interrupted status of the current thread is cleared by this method. Inspect the returned
 * OperationStatus ..."), or a comment in the method up to the end of the code that clears it ("//
 * consume InterruptedException", "// Transform a interrupt signal in an errno EINTR", "// clear the
 * interrupt status, don't propagate"). Such code relies on the flag staying clear for something a
 * fix cannot see from here: a status its callers read and retry on, a channel the flag would close,
 * a test fixture that simulates a swallowing callee. Restoring the flag there changes what the code
 * was written to do, and whether that is right is for its authors to decide: no fix is offered.
 *
 * <p>The comments are read with the compiler's own lexer (no text in a string literal is taken for
 * one); what they must say is narrow: the interrupt (status, flag) "is cleared" or "has not been
 * cleared", "clear the interrupt", "consume InterruptedException", "transform/translate/convert the
 * interrupt into". A comment that only names the interrupt ("// ignore interrupt", "// restore the
 * interrupt") says nothing about relying on the clear.
 */
public final class DocumentedClears {
  private static final Pattern SAYS_CLEARED =
      Pattern.compile(
          "interrupt\\w*(\\s+(status|flag|state))?(\\s+of\\s+the\\s+current\\s+thread)?"
              + "\\s+(is|has|was|be|been|gets?)\\s+(not\\s+)?(been\\s+)?cleared"
              + "|clear(s|ing|ed)?\\s+the\\s+interrupt"
              + "|consum\\w*\\s+(the\\s+)?InterruptedException"
              + "|(transform|translat|convert)\\w*\\s+((a|an|the)\\s+)?interrupt\\w*"
              + "(\\s+(signal|status|flag))?\\s+(in|into|to)\\s",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern COMMENT_MARKS = Pattern.compile("/\\*+|\\*+/|//+|(?m)^\\s*\\*+");

  private DocumentedClears() {}

  /**
   * True if the comments from the Javadoc of the method around {@code path} to the end of {@code
   * upTo} (the catch, or the statement that clears the flag) say the interrupt is cleared on
   * purpose (the rule above). False where the source is not at hand.
   */
  public static boolean saysTheClearIsDeliberate(TreePath path, Tree upTo, VisitorState state) {
    MethodTree method = enclosingMethod(path);
    CharSequence source = state.getSourceCode();
    if (method == null || source == null) {
      return false;
    }
    int methodStart = getStartPosition(method);
    int end = state.getEndPosition(upTo);
    if (methodStart < 0 || end <= methodStart || end > source.length()) {
      return false;
    }
    int start = commentsAbove(source, methodStart);
    StringBuilder text = new StringBuilder();
    try {
      for (ErrorProneToken token : state.getOffsetTokens(start, end)) {
        for (ErrorProneComment comment : token.comments()) {
          text.append(' ').append(COMMENT_MARKS.matcher(comment.getText()).replaceAll(" "));
        }
      }
    } catch (RuntimeException unreadable) {
      return false; // text the lexer cannot take: no claim about it
    }
    return SAYS_CLEARED.matcher(text.toString().replaceAll("\\s+", " ")).find();
  }

  /**
   * Where the comments right above a declaration starting at {@code start} begin (its Javadoc and
   * line comments, with only white space between them), or {@code start}.
   */
  private static int commentsAbove(CharSequence source, int start) {
    int from = start;
    while (true) {
      int p = from - 1;
      while (p >= 0 && Character.isWhitespace(source.charAt(p))) {
        p--;
      }
      if (p >= 1 && source.charAt(p) == '/' && source.charAt(p - 1) == '*') {
        int open = lastIndexOf(source, "/*", p - 2);
        if (open < 0) {
          return from;
        }
        from = open;
        continue;
      }
      if (p < 0) {
        return from;
      }
      int lineStart = p;
      while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
        lineStart--;
      }
      String line = source.subSequence(lineStart, p + 1).toString().strip();
      if (line.startsWith("//")) {
        from = lineStart;
        continue;
      }
      return from;
    }
  }

  private static int lastIndexOf(CharSequence source, String text, int before) {
    for (int i = Math.min(before, source.length() - text.length()); i >= 0; i--) {
      if (source.charAt(i) == text.charAt(0) && source.charAt(i + 1) == text.charAt(1)) {
        return i;
      }
    }
    return -1;
  }

  private static @Nullable MethodTree enclosingMethod(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree method) {
        return method;
      }
    }
    return null;
  }
}
