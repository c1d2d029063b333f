package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.trees.CompiledSources;
import java.util.Set;

/**
 * A method only its own file can name by a method reference, though it is not private: it is
 * neither public nor protected ({@code void clearQueue()}), so only code of its package can call it
 * or name it, even through a public subclass; every class of that package is a source of this
 * compilation (a package split across jars has code the compilation does not see); and no other
 * file of the package names it in a method reference. {@link UninterruptedThreads} then reads the
 * references of the declaring file as all there are, as it does for a private method handed to
 * {@code new Thread(this::clearQueue)}. Calls of the method are asked of the whole compilation
 * there ({@code CompilationCalls}), which, with the package compiled whole, are all the calls there
 * can be.
 */
final class PackageThreadMethods {
  private PackageThreadMethods() {}

  /** True if the method is neither public, protected nor private. */
  static boolean isPackagePrivate(MethodSymbol method) {
    return (method.flags() & (Flags.PUBLIC | Flags.PROTECTED | Flags.PRIVATE)) == 0;
  }

  /**
   * True if the method is package-private, its package is compiled whole, and no file of the
   * package but the method's own names it in a method reference.
   */
  static boolean isNamedOnlyInItsFile(MethodSymbol method, VisitorState state) {
    if (!isPackagePrivate(method) || method.enclClass() == null) {
      return false;
    }
    Set<CompilationUnitTree> files = CompiledSources.filesOfWholePackage(method.packge(), state);
    TreePath declaration = CompiledSources.classPath(method.enclClass(), state);
    if (files == null || declaration == null) {
      return false;
    }
    CompilationUnitTree own = declaration.getCompilationUnit();
    for (CompilationUnitTree file : files) {
      if (file != own && namesInAReference(file, method)) {
        return false;
      }
    }
    return true;
  }

  private static boolean namesInAReference(CompilationUnitTree file, MethodSymbol method) {
    boolean[] named = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        if (method.equals(getSymbol(reference))) {
          named[0] = true;
        }
        return super.visitMemberReference(reference, null);
      }
    }.scan(file, null);
    return named[0];
  }
}
