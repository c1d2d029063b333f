package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Looks up helpers declared in the compilation unit being checked. */
public final class SameFile {
  private static final Pattern ATOMIC_SETTER =
      Pattern.compile(
          "set|lazySet|set(Plain|Opaque|Release)|(weak)?compareAndSet.*|compareAndExchange.*|getAndSet");

  private SameFile() {}

  /**
   * True if a method of {@code unit} other than {@code except} (and other than constructors and
   * initializers, which run before anything else) writes one of the variables: assigns it,
   * increments it, or sets it through an atomic's {@code set}, {@code lazySet}, {@code
   * compareAndSet}, {@code getAndSet}, … — a stop method clearing a flag, for example.
   */
  public static boolean writesAny(
      CompilationUnitTree unit, Set<Symbol> variables, @Nullable Tree except) {
    if (variables.isEmpty()) {
      return false;
    }
    boolean[] found = new boolean[1];
    new WriteScanner() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] || (tree != null && tree == except) ? null : super.scan(tree, null);
      }

      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        Symbol symbol = getSymbol(method);
        return symbol != null && symbol.isConstructor() ? null : super.visitMethod(method, null);
      }

      @Override
      public Void visitBlock(BlockTree block, Void unused) {
        boolean initializer = getCurrentPath().getParentPath().getLeaf() instanceof ClassTree;
        return initializer ? null : super.visitBlock(block, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        ExpressionTree receiver = getReceiver(call);
        Symbol method = getSymbol(call);
        if (receiver != null
            && method != null
            && ATOMIC_SETTER.matcher(method.getSimpleName()).matches()) {
          written(receiver, call);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      protected void written(ExpressionTree variable, ExpressionTree write) {
        found[0] |= variables.contains(getSymbol(stripParentheses(variable)));
      }
    }.scan(new TreePath(unit), null);
    return found[0];
  }

  /**
   * The declaration of {@code method} in {@code unit} (the unit being checked), or null if it is
   * declared elsewhere. The unit is scanned once for all such questions ({@link Declarations}).
   */
  public static @Nullable MethodTree findMethod(
      CompilationUnitTree unit, MethodSymbol method, VisitorState state) {
    return Declarations.of(unit, state).method(method);
  }

  /** True if the symbol belongs to a class declared in this compilation unit. */
  public static boolean isDeclaredIn(Symbol symbol, CompilationUnitTree unit) {
    // Walk the owners by hand: javac's outermostClass() fails on the synthetic array class (the
    // owner of `array.length`), whose owner is not a package.
    ClassSymbol outermost = null;
    for (Symbol s = symbol.enclClass(); s != null && !(s instanceof PackageSymbol); s = s.owner) {
      if (s instanceof ClassSymbol c) {
        outermost = c;
      }
      if (s.owner == s) {
        break;
      }
    }
    return outermost != null
        && outermost.sourcefile != null
        && outermost.sourcefile.equals(unit.getSourceFile());
  }

  /** The declaration of a class of this file (the unit being checked), or null. */
  public static @Nullable ClassTree findClass(
      CompilationUnitTree unit, ClassSymbol type, VisitorState state) {
    return Declarations.of(unit, state).type(type);
  }
}
