package dev.cancelguard.analysis.trees;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a variable (a field or a local) is named under a tree: every identifier or member select
 * that refers to it, nested code included, in source order.
 */
public final class VariableReferences {
  private VariableReferences() {}

  /**
   * The paths of the identifiers and member selects under {@code root} that name {@code variable}.
   */
  public static List<TreePath> in(TreePath root, Symbol variable) {
    List<TreePath> found = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (variable.equals(getSymbol(identifier))) {
          found.add(getCurrentPath());
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        if (variable.equals(getSymbol(select))) {
          found.add(getCurrentPath());
          return null;
        }
        return super.visitMemberSelect(select, null);
      }
    }.scan(root, null);
    return found;
  }
}
