package dev.cancelguard.analysis.trees;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import org.jspecify.annotations.Nullable;

/**
 * The source tree of a method or class declared in any file of this compilation (not only the file
 * being checked, which {@link SameFile} covers). Null when the symbol comes from a class file:
 * rules that read other files' code then read the class file instead, so that a full and an
 * incremental build agree.
 */
public final class CompiledSources {
  private CompiledSources() {}

  /** The method's declaration, if its file is part of this compilation; null otherwise. */
  public static @Nullable MethodTree methodTree(MethodSymbol method, VisitorState state) {
    try {
      return JavacTrees.instance(state.context).getTree(method) instanceof MethodTree tree
          ? tree
          : null;
    } catch (RuntimeException notFound) {
      return null; // a symbol javac cannot place in any tree
    }
  }

  /** The class's declaration, if its file is part of this compilation; null otherwise. */
  public static @Nullable ClassTree classTree(ClassSymbol type, VisitorState state) {
    try {
      return JavacTrees.instance(state.context).getTree(type) instanceof ClassTree tree
          ? tree
          : null;
    } catch (RuntimeException notFound) {
      return null; // a symbol javac cannot place in any tree
    }
  }
}
