package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.lang.model.element.ElementKind;

/** Durations the code writes as constants: {@code 5, TimeUnit.SECONDS}, {@code Long.MAX_VALUE}. */
public final class ConstantDurations {
  private ConstantDurations() {}

  /**
   * The duration of a constant {@code amount} in the {@link TimeUnit} constant {@code unit}, in
   * milliseconds (saturated at {@code Long.MAX_VALUE}, as {@link TimeUnit#toMillis} does); empty
   * when either is not a constant (a unit held in a variable, an amount computed at run time).
   */
  public static OptionalLong millis(ExpressionTree amount, ExpressionTree unit) {
    if (!(constValue(amount) instanceof Number number)
        || !(getSymbol(unit) instanceof VarSymbol constant)
        || constant.getKind() != ElementKind.ENUM_CONSTANT
        || !constant.owner.getQualifiedName().contentEquals(TimeUnit.class.getName())) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(
        TimeUnit.valueOf(constant.getSimpleName().toString()).toMillis(number.longValue()));
  }
}
