package dev.cancelguard.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One reported problem.
 *
 * @param file the source file, absolute
 * @param path the file as shown to the user (relative to the input's root)
 * @param line 1-based
 * @param column 1-based
 * @param method the enclosing {@code Class#method} (or {@code Class} at class level)
 * @param sourceLine the reported line's text
 * @param fix the first suggested fix, if any
 */
record Finding(
    String check,
    String severity,
    Path file,
    String path,
    long line,
    long column,
    String message,
    @Nullable String link,
    String method,
    String sourceLine,
    @Nullable FixEdit fix) {

  /** A key that survives line moves: check, enclosing method and the line's normalised text. */
  String baselineKey() {
    return check + "\t" + method + "\t" + sourceLine.strip().replaceAll("\\s+", " ");
  }

  /**
   * A fix as one replacement of the original text, plus the changed lines for display.
   *
   * @param offset character offset of the replaced region in the original file
   * @param length length of the replaced region
   * @param replacement the text put in its place
   * @param firstLine 1-based line number where the change starts
   * @param removedLines the original lines touched by the change
   * @param addedLines the same lines after the change
   */
  record FixEdit(
      int offset,
      int length,
      String replacement,
      long firstLine,
      java.util.List<String> removedLines,
      java.util.List<String> addedLines) {}
}
