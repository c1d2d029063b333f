package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.getType;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import org.jspecify.annotations.Nullable;

/** Where a class's code names its own object: {@code this} and {@code Outer.this}. */
public final class SelfReferences {
  private SelfReferences() {}

  /** What is done with one {@code this}. */
  @FunctionalInterface
  public interface Use {
    /**
     * @param self the path of the {@code this} expression
     * @param parent the tree around it, past parentheses and casts ({@link LocalUses#parent}); null
     *     if there is none
     */
    void at(TreePath self, @Nullable TreePath parent);
  }

  /**
   * Calls {@code use} for every {@code this} or {@code C.this} under {@code root} that is a {@code
   * c}.
   */
  public static void forEach(TreePath root, ClassSymbol c, Use use) {
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (identifier.getName().contentEquals("this")) {
          check(getCurrentPath());
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        if (select.getIdentifier().contentEquals("this")) {
          check(getCurrentPath());
          return null;
        }
        return super.visitMemberSelect(select, null);
      }

      private void check(TreePath self) {
        Type selfType = getType((ExpressionTree) self.getLeaf());
        if (selfType != null && selfType.tsym == c) {
          use.at(self, LocalUses.parent(self));
        }
      }
    }.scan(root, null);
  }

  /**
   * True if {@code this} is used only as the object's own: a field or method selected from it, its
   * own method called, its own lock taken, or compared by identity. Such a use hands it nowhere.
   */
  public static boolean isOwnUse(TreePath self, @Nullable TreePath parent) {
    return switch (parent == null ? null : parent.getLeaf()) {
      case MemberSelectTree select -> select.getExpression() == self.getLeaf();
      case MethodInvocationTree call -> call.getMethodSelect() == self.getLeaf();
      case SynchronizedTree lock -> true;
      case BinaryTree binary ->
          binary.getKind() == Tree.Kind.EQUAL_TO || binary.getKind() == Tree.Kind.NOT_EQUAL_TO;
      case null, default -> false;
    };
  }
}
