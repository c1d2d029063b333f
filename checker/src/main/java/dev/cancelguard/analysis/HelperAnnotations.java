package dev.cancelguard.analysis;

import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * Reads the annotations of {@code cancelguard-annotations} ({@code @RestoresInterrupt},
 * {@code @AwaitsTermination}, {@code @CancellationPoint}) from a method's symbol.
 *
 * <p>The symbol carries them whether the method was compiled from source in this compilation or
 * read from a class file (they have {@code CLASS} retention), so a helper in another file, module
 * or jar is understood, and so is one compiled in an earlier incremental build. A project that
 * cannot add the dependency may declare its own annotation of the same simple name.
 */
public final class HelperAnnotations {
  /** The package of the published annotations. */
  public static final String PACKAGE = "dev.cancelguard.annotations";

  private HelperAnnotations() {}

  /** True if the method (or constructor) is annotated with the annotation for {@code role}. */
  public static boolean has(Symbol symbol, HelperRole role) {
    if (!(symbol instanceof MethodSymbol method)) {
      return false;
    }
    for (Attribute.Compound annotation : method.getRawAttributes()) {
      Symbol type = annotation.type == null ? null : annotation.type.tsym;
      if (type != null && type.getSimpleName().contentEquals(role.annotationName())) {
        return true;
      }
    }
    return false;
  }
}
