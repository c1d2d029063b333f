package dev.cancelguard.analysis.tasks;

import com.google.common.collect.ImmutableSet;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Symbols;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * What a cancel is aimed at: an executor, a thread or a future, named by a variable (a local, a
 * parameter or a field). When the variable is the loop variable of {@code for (x : xs)}, the target
 * is "every element of {@code xs}", and any other loop over {@code xs} names the same target.
 */
public final class CancelTarget {
  /** What kind of work the target runs. */
  public enum Kind {
    EXECUTOR,
    THREAD,
    FUTURE
  }

  private final Kind kind;
  private final VarSymbol variable;
  private final @Nullable VarSymbol collection;
  private final ImmutableSet<Symbol> names;

  private CancelTarget(
      Kind kind, VarSymbol variable, @Nullable VarSymbol collection, ImmutableSet<Symbol> names) {
    this.kind = kind;
    this.variable = variable;
    this.collection = collection;
    this.names = names;
  }

  /**
   * The target a receiver names, or null when it is not a plain variable ({@code x}, {@code
   * this.x}): a method's result, an array element, {@code this}.
   */
  public static @Nullable CancelTarget of(
      Kind kind, @Nullable ExpressionTree receiver, CompilationUnitTree unit) {
    VarSymbol variable = Expressions.variableOf(receiver);
    return variable == null ? null : ofVariable(kind, variable, unit);
  }

  /** The target held in a variable. */
  public static CancelTarget ofVariable(Kind kind, VarSymbol variable, CompilationUnitTree unit) {
    VarSymbol collection = loopCollection(variable, unit);
    ImmutableSet.Builder<Symbol> names = ImmutableSet.builder();
    names.add(variable);
    if (collection != null) {
      names.addAll(loopVariablesOver(collection, unit));
    }
    return new CancelTarget(kind, variable, collection, names.build());
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The target as a value: the cancels of one variable in one file name the same target, and what
   * its tasks use is found once ({@link TaskUses#of}).
   */
  record Key(
      Kind kind, VarSymbol variable, @Nullable VarSymbol collection, ImmutableSet<Symbol> names) {}

  Key key() {
    return new Key(kind, variable, collection, names);
  }

  /** The variable the cancel was called on. */
  public VarSymbol variable() {
    return variable;
  }

  /** For a loop variable, the collection looped over; null otherwise. */
  public @Nullable VarSymbol collection() {
    return collection;
  }

  /** True if the expression names this target (the variable, or an element of its collection). */
  public boolean isNamedBy(@Nullable ExpressionTree tree) {
    VarSymbol symbol = Expressions.variableOf(tree);
    return symbol != null && names.contains(symbol);
  }

  /** True if the symbol is the variable, its collection, or another loop variable over it. */
  public boolean isNameOrCollection(@Nullable Symbol symbol) {
    return symbol != null && (names.contains(symbol) || symbol.equals(collection));
  }

  /** The same target, also named by {@code alias} (a helper's parameter it is passed to). */
  public CancelTarget withAlias(Symbol alias) {
    return new CancelTarget(
        kind,
        variable,
        collection,
        ImmutableSet.<Symbol>builder().addAll(names).add(alias).build());
  }

  /** The collection {@code variable} iterates over when it is a for-each loop variable. */
  private static @Nullable VarSymbol loopCollection(VarSymbol variable, CompilationUnitTree unit) {
    return Expressions.variableOf(loopExpression(variable, unit));
  }

  /**
   * The field whose work a variable names: the field itself, or for the variable of a for-each loop
   * over a field ({@code for (x : xs)}, {@code for (x : state.xs)}), that field; null otherwise.
   * Two such variables with the same answer name executors kept in the same field.
   */
  public static @Nullable Symbol fieldOfWork(@Nullable Symbol variable, CompilationUnitTree unit) {
    if (!(variable instanceof VarSymbol var)) {
      return null;
    }
    if (Ownership.isField(var)) {
      return var;
    }
    ExpressionTree collection = Expressions.strip(loopExpression(var, unit));
    Symbol field = collection == null ? null : Symbols.getSymbol(collection);
    return field != null && Ownership.isField(field) ? field : null;
  }

  /** For the variable of a for-each loop, the expression looped over; null otherwise. */
  private static @Nullable ExpressionTree loopExpression(
      VarSymbol variable, CompilationUnitTree unit) {
    // A for-each loop's variable is a local: a field or a parameter never is one (no scan).
    if (variable.getKind() != ElementKind.LOCAL_VARIABLE) {
      return null;
    }
    ExpressionTree[] found = new ExpressionTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
        if (variable.equals(Symbols.getSymbol(loop.getVariable()))) {
          found[0] = loop.getExpression();
        }
        return super.visitEnhancedForLoop(loop, null);
      }
    }.scan(unit, null);
    return found[0];
  }

  private static ImmutableSet<Symbol> loopVariablesOver(
      VarSymbol collection, CompilationUnitTree unit) {
    ImmutableSet.Builder<Symbol> variables = ImmutableSet.builder();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
        if (collection.equals(Expressions.variableOf(loop.getExpression()))) {
          Symbol symbol = Symbols.getSymbol(loop.getVariable());
          if (symbol != null) {
            variables.add(symbol);
          }
        }
        return super.visitEnhancedForLoop(loop, null);
      }
    }.scan(unit, null);
    return variables.build();
  }
}
