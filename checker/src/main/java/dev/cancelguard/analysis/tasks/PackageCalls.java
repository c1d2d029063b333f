package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.UnresolvedCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The calls of a method or constructor that only code of its own package can call, read in every
 * file of that package: all its calls, when the package is compiled whole.
 */
final class PackageCalls {
  private PackageCalls() {}

  /**
   * The code units (methods, lambdas) whose code calls {@code executable} in {@code files}, one per
   * call: {@code m(..)}, and for a constructor {@code new C(..)}, {@code this(..)} and {@code
   * super(..)}. Null if there is none, or if it may also be called another way: a method reference
   * names it (or an unresolved one may), a call javac could not resolve may be one of it, a call
   * lies outside any code unit (a field's initializer), an anonymous class extends the
   * constructor's class, or another class of the files extends it (its constructors call this one,
   * implicitly or not).
   */
  static @Nullable List<TreePath> callingCodeUnits(
      MethodSymbol executable, Set<CompilationUnitTree> files) {
    ClassSymbol type = executable.enclClass();
    if (type == null) {
      return null;
    }
    List<TreePath> callers = new ArrayList<>();
    boolean[] elsewhere = new boolean[1];
    TreePathScanner<Void, Void> scanner =
        new TreePathScanner<>() {
          @Override
          public Void scan(Tree tree, Void unused) {
            return elsewhere[0] ? null : super.scan(tree, null);
          }

          @Override
          public Void visitClass(ClassTree tree, Void unused) {
            elsewhere[0] |=
                executable.isConstructor()
                    && getSymbol(tree) instanceof ClassSymbol declared
                    && !declared.equals(type)
                    && declared.getSuperclass() != null
                    && declared.getSuperclass().tsym == type;
            return super.visitClass(tree, null);
          }

          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            if (!Expressions.isResolved(call)) {
              elsewhere[0] |= UnresolvedCalls.mayCall(call, executable);
            } else if (executable.equals(getSymbol(call))) {
              called();
            }
            return super.visitMethodInvocation(call, null);
          }

          @Override
          public Void visitNewClass(NewClassTree creation, Void unused) {
            if (executable.isConstructor()) {
              if (!Expressions.isResolved(creation)) {
                // new C(..) whose arguments javac could not resolve: its class may still be this
                // one
                Object named = getSymbol(creation.getIdentifier());
                elsewhere[0] |= named == null || named.equals(type);
              } else if (executable.equals(getSymbol(creation))) {
                elsewhere[0] |= creation.getClassBody() != null;
                called();
              }
            }
            return super.visitNewClass(creation, null);
          }

          @Override
          public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
            elsewhere[0] |= UnresolvedCalls.mayName(reference, executable);
            return super.visitMemberReference(reference, null);
          }

          private void called() {
            TreePath caller = Tasks.enclosingCodeUnit(getCurrentPath());
            if (caller == null) {
              elsewhere[0] = true;
            } else {
              callers.add(caller);
            }
          }
        };
    for (CompilationUnitTree file : files) {
      scanner.scan(new TreePath(file), null);
      if (elsewhere[0]) {
        return null;
      }
    }
    return callers.isEmpty() ? null : callers;
  }
}
