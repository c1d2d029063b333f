package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.getType;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.CatchTree;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.UnionClassType;

/** What a catch clause takes. */
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
}
