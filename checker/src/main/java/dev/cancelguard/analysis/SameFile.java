package dev.cancelguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import org.jspecify.annotations.Nullable;

/** Looks up helpers declared in the compilation unit being checked. */
public final class SameFile {
  private SameFile() {}

  /** The declaration of {@code method} in {@code unit}, or null if it is declared elsewhere. */
  public static @Nullable MethodTree findMethod(CompilationUnitTree unit, MethodSymbol method) {
    MethodTree[] found = new MethodTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        if (found[0] == null && method.equals(getSymbol(tree))) {
          found[0] = tree;
        }
        return found[0] == null ? super.visitMethod(tree, null) : null;
      }
    }.scan(unit, null);
    return found[0];
  }
}
