package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.getType;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.UnionClassType;

/** What a catch clause takes, and whether a throw reaches one. */
public final class Catches {
  private Catches() {}

  /** The alternatives of a catch parameter's type: one, or several for a multi-catch. */
  public static ImmutableList<Type> caughtTypes(CatchTree catchTree) {
    Type type = getType(catchTree.getParameter());
    if (type == null) {
      return ImmutableList.of();
    }
    if (type.isUnion()) {
      return ImmutableList.copyOf(((UnionClassType) type).getAlternativeTypes());
    }
    return ImmutableList.of(type);
  }

  /**
   * True if an exception of type {@code thrown}, thrown at {@code throwPath}, leaves the code unit
   * at {@code codeUnit} uncaught: no try between them whose block holds the throw has a catch that
   * could take it (a catch of one of its supertypes, or of one of its subtypes, which might). A
   * finally block on the way does not stop it.
   */
  public static boolean escapesUncaught(
      TreePath throwPath, TreePath codeUnit, Type thrown, VisitorState state) {
    for (TreePath p = throwPath; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getLeaf() == codeUnit.getLeaf()) {
        return true;
      }
      if (p.getParentPath().getLeaf() instanceof TryTree tryTree
          && p.getLeaf() == tryTree.getBlock()) {
        for (CatchTree catchTree : tryTree.getCatches()) {
          for (Type caught : caughtTypes(catchTree)) {
            if (ASTHelpers.isSubtype(thrown, caught, state)
                || ASTHelpers.isSubtype(caught, thrown, state)) {
              return false;
            }
          }
        }
      }
    }
    return false;
  }
}
