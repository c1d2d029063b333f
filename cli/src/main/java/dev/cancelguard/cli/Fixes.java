package dev.cancelguard.cli;

import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import com.google.errorprone.apply.DescriptionBasedDiff;
import com.google.errorprone.apply.ImportOrganizer;
import com.google.errorprone.apply.SourceFile;
import com.google.errorprone.fixes.ErrorProneEndPosTable;
import com.google.errorprone.fixes.Fix;
import com.google.errorprone.fixes.Replacement;
import com.google.errorprone.matchers.Description;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Suggested fixes as text: a file's fixes applied together, and one fix shown as the lines it
 * changes. Nothing here writes a file.
 */
final class Fixes {
  private Fixes() {}

  /**
   * A file with the fixes that could be applied together.
   *
   * @param text the file's text after them
   * @param applied how many fixes it holds
   * @param deferred fixes left out because they touch what an applied one changes (the next round
   *     of --fix sees the new code and offers them again if they still apply)
   * @param failure why the fixes could not be applied, or null
   */
  record FileFix(String text, int applied, int deferred, @Nullable String failure) {}

  /**
   * Applies the first fix of each description, in source order; a fix whose edits overlap an
   * earlier one's is left for the next round. An edit an earlier fix already makes, the same text
   * at the same place, is no overlap: it is applied once. Two different insertions at one place are
   * no overlap either: both are applied, the earlier finding's text first, as Error Prone's patch
   * joins them (two waits below the shutdowns of one stop, two checks' statements at the top of one
   * catch). A fix that cannot be applied makes the whole file fail rather than be half fixed.
   */
  static FileFix apply(
      JCCompilationUnit unit, Path file, String source, List<Description> descriptions) {
    List<Description> withFix = new ArrayList<>();
    for (Description description : descriptions) {
      if (!description.fixes.isEmpty() && !description.fixes.getFirst().isEmpty()) {
        withFix.add(description);
      }
    }
    withFix.sort(Comparator.comparingInt(d -> d.position.getStartPosition()));
    RangeSet<Integer> changed = TreeRangeSet.create();
    Set<Integer> insertions = new HashSet<>();
    // Edits already taken: the same edit in a later fix is applied once, as Error Prone's patch
    // does (two checks that restore in one catch, two cancels of one stop that share one `try`).
    Set<Replacement> taken = new HashSet<>();
    List<Description> accepted = new ArrayList<>();
    int deferred = 0;
    try {
      for (Description description : withFix) {
        Fix fix = description.fixes.getFirst();
        Set<Replacement> replacements =
            new HashSet<>(fix.getReplacements(ErrorProneEndPosTable.create(unit)));
        replacements.removeAll(taken);
        if (overlaps(replacements, changed, insertions, source.length())) {
          deferred++;
          continue;
        }
        taken.addAll(replacements);
        for (Replacement replacement : replacements) {
          if (replacement.startPosition() == replacement.endPosition()) {
            insertions.add(replacement.startPosition());
          } else {
            changed.add(Range.closedOpen(replacement.startPosition(), replacement.endPosition()));
          }
        }
        accepted.add(description);
      }
      if (accepted.isEmpty()) {
        return new FileFix(source, 0, deferred, null);
      }
      DescriptionBasedDiff diff =
          DescriptionBasedDiff.create(unit, ImportOrganizer.STATIC_FIRST_ORGANIZER);
      for (Description description : accepted) {
        diff.handleFix(description.fixes.getFirst());
      }
      SourceFile fixed = new SourceFile(file.toString(), source);
      diff.applyDifferences(fixed);
      return new FileFix(fixed.getSourceText(), accepted.size(), deferred, null);
    } catch (RuntimeException e) {
      return new FileFix(source, 0, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static boolean overlaps(
      Set<Replacement> replacements, RangeSet<Integer> changed, Set<Integer> insertions, int end) {
    for (Replacement replacement : replacements) {
      int from = replacement.startPosition();
      int to = replacement.endPosition();
      if (from < 0 || to < from || to > end) {
        throw new IllegalStateException("a fix edits [" + from + ", " + to + ") of " + end);
      }
      if (from == to) {
        // An insertion inside another fix's edit; one at a place another fix also inserts at is
        // joined after it.
        if (changed.contains(from) && !changed.rangeContaining(from).lowerEndpoint().equals(from)) {
          return true;
        }
      } else if (!changed.subRangeSet(Range.closedOpen(from, to)).isEmpty()
          || insertions.stream().anyMatch(i -> i > from && i < to)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One description's first fix, for display: one replacement spanning every change (for SARIF) and
   * the changed lines only, grouped in hunks.
   */
  static Finding.@Nullable FixEdit edit(
      JCCompilationUnit unit, Path file, String source, Description description) {
    String after;
    try {
      DescriptionBasedDiff diff =
          DescriptionBasedDiff.create(unit, ImportOrganizer.STATIC_FIRST_ORGANIZER);
      diff.handleFix(description.fixes.getFirst());
      SourceFile fixed = new SourceFile(file.toString(), source);
      diff.applyDifferences(fixed);
      after = fixed.getSourceText();
    } catch (RuntimeException e) {
      // A fix Error Prone cannot apply is not shown (--fix reports it).
      return null;
    }
    if (after.equals(source)) {
      return null;
    }
    int prefix = 0;
    int max = Math.min(source.length(), after.length());
    while (prefix < max && source.charAt(prefix) == after.charAt(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < max - prefix
        && source.charAt(source.length() - 1 - suffix)
            == after.charAt(after.length() - 1 - suffix)) {
      suffix++;
    }
    List<Finding.Hunk> hunks = LineDiff.hunks(source, after);
    return new Finding.FixEdit(
        prefix,
        source.length() - suffix - prefix,
        after.substring(prefix, after.length() - suffix),
        hunks);
  }
}
