package dev.cancelguard.analysis.trees;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names for what a fix declares (a catch parameter, a loop variable) that clash with nothing in
 * scope. The caller chooses the scope and the names it counts as taken ({@link
 * LocalUses#declaredNames} or {@link #usedNames}); the picking is here.
 */
public final class FreshNames {
  private FreshNames() {}

  /**
   * The first of {@code candidates} not taken; when all are, {@code numbered} followed by the first
   * number from {@code firstNumber} up that is not taken ({@code timeout2}).
   */
  public static String pick(
      Set<String> taken, List<String> candidates, String numbered, int firstNumber) {
    for (String candidate : candidates) {
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
    int n = firstNumber;
    while (taken.contains(numbered + n)) {
      n++;
    }
    return numbered + n;
  }

  /** The names of every variable declared under {@code root} and every name it refers to. */
  public static Set<String> usedNames(Tree root) {
    Set<String> names = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        names.add(tree.getName().toString());
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        names.add(tree.getName().toString());
        return null;
      }
    }.scan(root, null);
    return names;
  }
}
