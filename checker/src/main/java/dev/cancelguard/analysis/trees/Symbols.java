package dev.cancelguard.analysis.trees;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.PackageTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import org.jspecify.annotations.Nullable;

/**
 * The symbol of a tree, as {@link ASTHelpers#getSymbol} gives it, or null where javac left the tree
 * unresolved.
 *
 * <p>The command line tool analyses code that does not fully compile, and javac leaves some trees
 * without a symbol there (a call inside a lambda whose target type needs a missing class, say).
 * Error Prone's overloads for calls, creations, method references and declarations throw on such a
 * tree instead of returning null; these return null, so a check that asks gives no finding rather
 * than crashing the compilation. On a resolved tree each returns what Error Prone's does. The
 * overloads mirror Error Prone's, so a static import of this class picks the same one.
 */
public final class Symbols {
  private Symbols() {}

  public static @Nullable Symbol getSymbol(Tree tree) {
    try {
      // Error Prone's own passes a call, a creation or a method reference on to the overloads
      // that throw.
      return ASTHelpers.getSymbol(tree);
    } catch (IllegalArgumentException | NullPointerException unresolved) {
      return null;
    }
  }

  public static @Nullable ClassSymbol getSymbol(ClassTree tree) {
    try {
      return ASTHelpers.getSymbol(tree);
    } catch (IllegalArgumentException | NullPointerException unresolved) {
      return null;
    }
  }

  public static @Nullable PackageSymbol getSymbol(PackageTree tree) {
    try {
      return ASTHelpers.getSymbol(tree);
    } catch (IllegalArgumentException | NullPointerException unresolved) {
      return null;
    }
  }

  public static @Nullable MethodSymbol getSymbol(MethodTree tree) {
    try {
      return ASTHelpers.getSymbol(tree);
    } catch (IllegalArgumentException | NullPointerException unresolved) {
      return null;
    }
  }

  public static @Nullable MethodSymbol getSymbol(NewClassTree tree) {
    try {
      return ASTHelpers.getSymbol(tree);
    } catch (IllegalArgumentException | NullPointerException unresolved) {
      return null;
    }
  }

  public static @Nullable VarSymbol getSymbol(VariableTree tree) {
    try {
      return ASTHelpers.getSymbol(tree);
    } catch (IllegalArgumentException | NullPointerException unresolved) {
      return null;
    }
  }

  public static @Nullable MethodSymbol getSymbol(MethodInvocationTree tree) {
    try {
      return ASTHelpers.getSymbol(tree);
    } catch (IllegalArgumentException | NullPointerException unresolved) {
      return null;
    }
  }

  public static @Nullable MethodSymbol getSymbol(MemberReferenceTree tree) {
    try {
      return ASTHelpers.getSymbol(tree);
    } catch (IllegalArgumentException | NullPointerException unresolved) {
      return null;
    }
  }
}
