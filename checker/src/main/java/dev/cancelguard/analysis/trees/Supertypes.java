package dev.cancelguard.analysis.trees;

import static com.google.errorprone.util.ASTHelpers.isSubtype;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.predicates.TypePredicate;
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
   * Error Prone's {@code TypePredicates.isDescendantOfAny(names)}, answered without loading the
   * named classes: a method matcher's {@code onClass(descendantOf(..))} in place of {@code
   * onDescendantOf(..)}. The named class is looked up, and read from its class file, only to answer
   * for a type that is not a class (an array, say). Matchers see every call whose name they accept,
   * and most of the classes they name are never used by the code compiled.
   */
  public static TypePredicate descendantOf(String... names) {
    ImmutableSet<String> named = ImmutableSet.copyOf(names);
    return (type, state) -> anyNamed(type, named, state);
  }

  /** {@link #anyNamed} with one name. */
  public static boolean isSubtypeOf(@Nullable Type type, String name, VisitorState state) {
    return anyNamed(type, ImmutableSet.of(name), state);
  }

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
    if (erased.isPrimitiveOrVoid()) {
      return false; // no class has a primitive or void subtype
    }
    if (!erased.hasTag(TypeTag.CLASS)) {
      // Arrays, unknown types: few, and not worth a shortcut.
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
