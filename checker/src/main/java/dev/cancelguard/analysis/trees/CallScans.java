package dev.cancelguard.analysis.trees;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Searches for a call under a tree: anywhere, or only in the code that runs with it. */
public final class CallScans {
  private CallScans() {}

  /**
   * True if some method call under {@code root} (null: none), nested code included, passes {@code
   * test}.
   */
  public static boolean anyCall(@Nullable Tree root, Predicate<MethodInvocationTree> test) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] ? null : super.scan(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (test.test(call)) {
          found[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(root, null);
    return found[0];
  }

  /**
   * True if some method call under {@code root} (null: none), outside lambda and class bodies in it
   * (code that runs elsewhere), passes {@code test}.
   */
  public static boolean anyCallOutsideNestedCode(
      @Nullable Tree root, Predicate<MethodInvocationTree> test) {
    boolean[] found = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return found[0] ? null : super.scan(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (test.test(call)) {
          found[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(root, null);
    return found[0];
  }

  /** The paths of the resolved calls of {@code method} in {@code unit}, in source order. */
  public static List<TreePath> callsOf(CompilationUnitTree unit, MethodSymbol method) {
    List<TreePath> calls = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && method.equals(ASTHelpers.getSymbol(call))) {
          calls.add(getCurrentPath());
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(unit, null);
    return calls;
  }
}
