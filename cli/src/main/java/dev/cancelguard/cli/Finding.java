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
   * @param hunks the changed lines only, in order
   */
  record FixEdit(int offset, int length, String replacement, java.util.List<Hunk> hunks) {}

  /**
   * Lines a fix changes at one place.
   *
   * @param line 1-based number, in the original file, of the first removed line (or of the line the
   *     added lines go before)
   * @param removed the original lines
   * @param added the lines in their place
   */
  record Hunk(long line, java.util.List<String> removed, java.util.List<String> added) {}
}
