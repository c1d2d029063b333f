package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Stop flags handed in by whoever starts the loop: a final field set in the constructor from one of
 * its parameters ({@code this.running = running}), where the code of this file that makes the
 * object passes a variable it later sets ({@code AtomicBoolean running = new AtomicBoolean(true);
 * .. new Sender(latch, running) .. running.set(false);}). The loop ends by that protocol: the
 * starter owns the flag and sets it, as a stop method of the class itself would.
 */
public final class HandedInStopFlags {
  private HandedInStopFlags() {}

  /**
   * True if one of {@code flags} is such a field and some variable passed for it in this file is
   * set by code of the file other than {@code except} (the loop's own code).
   */
  public static boolean setByWhoHandsThemIn(
      CompilationUnitTree unit, Set<Symbol> flags, @Nullable Tree except) {
    for (Symbol flag : flags) {
      if (!(flag instanceof VarSymbol field)
          || field.getKind() != ElementKind.FIELD
          || field.isStatic()
          || (field.flags() & Flags.FINAL) == 0
          || !SameFile.isDeclaredIn(field, unit)) {
        continue;
      }
      for (VarSymbol handedIn : variablesHandedInFor(unit, field)) {
        if (SameFile.writesAny(unit, Collections.singleton(handedIn), except)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The locals and fields passed, in a {@code new} of the field's class in this file, for a
   * constructor parameter the field is set from.
   */
  private static List<VarSymbol> variablesHandedInFor(CompilationUnitTree unit, VarSymbol field) {
    List<VarSymbol> handedIn = new ArrayList<>();
    List<ParameterOfConstructor> sources = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (field.equals(getSymbol(assignment.getVariable()))
            && getSymbol(stripParentheses(assignment.getExpression())) instanceof VarSymbol value
            && value.getKind() == ElementKind.PARAMETER
            && value.owner instanceof MethodSymbol constructor
            && constructor.isConstructor()
            && enclosingMethodIs(getCurrentPath(), constructor)) {
          sources.add(
              new ParameterOfConstructor(constructor, constructor.getParameters().indexOf(value)));
        }
        return super.visitAssignment(assignment, null);
      }
    }.scan(new TreePath(unit), null);
    if (sources.isEmpty()) {
      return handedIn;
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitNewClass(NewClassTree creation, Void unused) {
        Symbol constructor = getSymbol(creation);
        for (ParameterOfConstructor source : sources) {
          if (source.constructor().equals(constructor)
              && source.index() >= 0
              && source.index() < creation.getArguments().size()
              && !source.constructor().isVarArgs()) {
            ExpressionTree argument = stripParentheses(creation.getArguments().get(source.index()));
            if (getSymbol(argument) instanceof VarSymbol variable
                && (variable.getKind() == ElementKind.LOCAL_VARIABLE
                    || variable.getKind() == ElementKind.FIELD)) {
              handedIn.add(variable);
            }
          }
        }
        return super.visitNewClass(creation, null);
      }
    }.scan(new TreePath(unit), null);
    return handedIn;
  }

  private static boolean enclosingMethodIs(TreePath path, MethodSymbol constructor) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree method) {
        return constructor.equals(getSymbol(method));
      }
    }
    return false;
  }

  private record ParameterOfConstructor(MethodSymbol constructor, int index) {}
}
