package dev.cancelguard.analysis.trees;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * Calls and method references javac could not resolve (a class missing from the class path, a field
 * an annotation processor would have made), and the methods they could still be of.
 *
 * <p>Where javac cannot tell which method a call invokes, the call's name can still be read off the
 * tree, and a call invokes only a method of the name it is written with: {@code log.debug(..)} can
 * be a call of no method but one named {@code debug}, whatever {@code log} is. A constructor is
 * called by name only as {@code this(..)} or {@code super(..)}. So a question about every call of
 * one method (are they all on such a thread?) need not give up on a file where some other call is
 * unresolved: only an unresolved call or method reference written with that method's name may be
 * one of it.
 */
public final class UnresolvedCalls {
  private UnresolvedCalls() {}

  /**
   * True if {@code call}, which javac did not resolve, may be a call of {@code method}: it is
   * written with the method's name ({@code this(..)} or {@code super(..)} for a constructor), or
   * its name cannot be read off the tree.
   */
  public static boolean mayCall(MethodInvocationTree call, MethodSymbol method) {
    String name = CallNames.of(call);
    return name == null || name.contentEquals(nameOf(method));
  }

  /**
   * True if {@code reference} may name {@code method}: javac resolved it to {@code method}, or did
   * not resolve it and it is written with the method's name ({@code ::new} for a constructor).
   */
  public static boolean mayName(MemberReferenceTree reference, MethodSymbol method) {
    if (getSymbol(reference) instanceof MethodSymbol named) {
      return method.equals(named);
    }
    String name = CallNames.of(reference);
    return name == null
        || name.contentEquals(nameOf(method))
        || (method.isConstructor() && name.equals("new"));
  }

  private static CharSequence nameOf(MethodSymbol method) {
    return method.isConstructor() ? CallNames.CONSTRUCTOR : method.getSimpleName();
  }
}
