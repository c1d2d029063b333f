package dev.cancelguard.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines a fix changes, as hunks of removed and added lines (a longest-common-subsequence diff).
 */
final class LineDiff {
  /** Above this many cells the middle is shown as one hunk rather than diffed line by line. */
  private static final long MAX_CELLS = 4_000_000;

  private LineDiff() {}

  static List<Finding.Hunk> hunks(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix
        && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<String> oldMiddle = a.subList(prefix, a.size() - suffix);
    List<String> newMiddle = b.subList(prefix, b.size() - suffix);
    List<Finding.Hunk> hunks = new ArrayList<>();
    if ((long) oldMiddle.size() * newMiddle.size() > MAX_CELLS) {
      hunks.add(new Finding.Hunk(prefix + 1, oldMiddle, newMiddle));
      return hunks;
    }
    int n = oldMiddle.size();
    int m = newMiddle.size();
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] =
            oldMiddle.get(i).equals(newMiddle.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    int hunkLine = -1;
    while (i < n || j < m) {
      if (i < n && j < m && oldMiddle.get(i).equals(newMiddle.get(j))) {
        if (hunkLine > 0) {
          hunks.add(new Finding.Hunk(hunkLine, List.copyOf(removed), List.copyOf(added)));
          removed.clear();
          added.clear();
          hunkLine = -1;
        }
        i++;
        j++;
      } else if (j < m && (i == n || common[i][j + 1] >= common[i + 1][j])) {
        if (hunkLine < 0) {
          hunkLine = prefix + i + 1;
        }
        added.add(newMiddle.get(j++));
      } else {
        if (hunkLine < 0) {
          hunkLine = prefix + i + 1;
        }
        removed.add(oldMiddle.get(i++));
      }
    }
    if (hunkLine > 0) {
      hunks.add(new Finding.Hunk(hunkLine, List.copyOf(removed), List.copyOf(added)));
    }
    return hunks;
  }
}
