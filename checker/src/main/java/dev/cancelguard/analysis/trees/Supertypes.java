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
 * Whether a type is a subtype of one of several named classes, read off the names of its own
 * supertypes: one pass for a list of names (a polling loop asks a dozen of every query's receiver),
 * and no named class is looked up. Looking a class up reads its class file (once per compilation),
 * and the vocabulary names many JDK classes most code never uses.
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
    if (erased.isPrimitiveOrVoid() || type.hasTag(TypeTag.ERROR)) {
      return false; // no class has a primitive or void subtype; an unknown type is none
    }
    if (!erased.hasTag(TypeTag.CLASS)) {
      // Arrays: few, and not worth a shortcut.
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
