package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.isSubtype;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a type is a subtype of one of several named classes, in one pass over its supertypes
 * rather than one subtype test per name: a loop's every query is asked this of its receiver, and
 * the lists name a dozen types.
 */
public final class Supertypes {
  private Supertypes() {}

  /**
   * True if {@code type} (erased, as {@link com.google.errorprone.util.ASTHelpers#isSubtype}
   * compares) is a subtype of one of the classes or interfaces named in {@code names} (fully
   * qualified): the same answer as testing each name in turn.
   */
  public static boolean anyNamed(@Nullable Type type, Set<String> names, VisitorState state) {
    if (type == null) {
      return false;
    }
    Types types = state.getTypes();
    Type erased = types.erasure(type);
    if (!erased.hasTag(TypeTag.CLASS)) {
      // Arrays, primitives, unknown types: few, and not worth a shortcut.
      return names.stream().anyMatch(name -> isSubtype(type, state.getTypeFromString(name), state));
    }
    // The closure of a class type: itself and every superclass and interface (javac keeps it).
    for (Type supertype : types.closure(erased)) {
      if (!supertype.isErroneous()
          && names.contains(supertype.tsym.getQualifiedName().toString())) {
        return true;
      }
    }
    return false;
  }
}
