package dev.cancelguard.analysis.trees;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The methods and classes declared in one compilation unit, by symbol, found by one scan of the
 * unit instead of one scan per lookup: the path questions look up the same-file helper of every
 * call they follow. Kept in the {@link UnitCache} while the checks look at that unit.
 */
final class Declarations {
  private static final UnitCache.Kind<CompilationUnitTree, Declarations> DECLARATIONS =
      new UnitCache.Kind<>();

  /** The first declaration of each symbol in scan order, as a scan that stops there finds it. */
  private final Map<Symbol, MethodTree> methods = new HashMap<>();

  private final Map<Symbol, ClassTree> classes = new HashMap<>();

  private Declarations(CompilationUnitTree unit) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        Symbol symbol = getSymbol(tree);
        if (symbol != null) {
          methods.putIfAbsent(symbol, tree);
        }
        return super.visitMethod(tree, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        Symbol symbol = getSymbol(tree);
        if (symbol != null) {
          classes.putIfAbsent(symbol, tree);
        }
        return super.visitClass(tree, null);
      }
    }.scan(unit, null);
  }

  /** The declarations of {@code unit}, scanned once while the checks look at it. */
  static Declarations of(CompilationUnitTree unit, VisitorState state) {
    return UnitCache.get(DECLARATIONS, unit, state, Declarations::new);
  }

  @Nullable MethodTree method(MethodSymbol method) {
    return methods.get(method);
  }

  @Nullable ClassTree type(ClassSymbol type) {
    return classes.get(type);
  }
}
