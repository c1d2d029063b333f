package dev.cancelguard.analysis.trees;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * The name a call invokes, read off the tree: a string comparison that can turn a call away before
 * Error Prone's method matchers test its receiver's type against every supertype they name. Checks
 * see every call of a compilation, and almost none is a concurrency call.
 */
public final class CallNames {
  /**
   * The name of constructors: {@code new T(..)}, {@code super(..)}, {@code this(..)}, {@code
   * T::new}.
   */
  public static final String CONSTRUCTOR = "<init>";

  private CallNames() {}

  /**
   * The simple name of the method a call or method reference invokes ({@link #CONSTRUCTOR} for a
   * constructor), or null for any other tree.
   */
  public static @Nullable String of(@Nullable Tree tree) {
    return switch (tree) {
      case MethodInvocationTree call ->
          switch (call.getMethodSelect()) {
            case IdentifierTree identifier -> {
              String name = identifier.getName().toString();
              yield name.equals("super") || name.equals("this") ? CONSTRUCTOR : name;
            }
            case MemberSelectTree select -> select.getIdentifier().toString();
            default -> null;
          };
      case NewClassTree newClass -> CONSTRUCTOR;
      case MemberReferenceTree reference -> reference.getName().toString();
      case null, default -> null;
    };
  }

  /**
   * {@code matcher}, tried only on calls to one of {@code names}; trees whose name cannot be read
   * off go to {@code matcher} as they are. {@code names} must hold every name {@code matcher} can
   * match.
   */
  public static Matcher<ExpressionTree> namedFirst(
      Matcher<ExpressionTree> matcher, String... names) {
    return namedFirst(matcher, ImmutableSet.copyOf(names));
  }

  /** {@link #namedFirst(Matcher, String...)} with the names as a set. */
  public static Matcher<ExpressionTree> namedFirst(
      Matcher<ExpressionTree> matcher, ImmutableSet<String> accepted) {
    return (tree, state) -> {
      String name = of(tree);
      // Error Prone's method matchers throw on a call javac could not resolve.
      return (name == null || accepted.contains(name))
          && Expressions.isResolved(tree)
          && matcher.matches(tree, state);
    };
  }

  /**
   * {@code matcher}, tried only on calls javac resolved: Error Prone's method matchers throw on a
   * call it could not (code that does not fully compile, analysed by the command line tool).
   */
  public static <T extends ExpressionTree> Matcher<T> resolvedOnly(Matcher<T> matcher) {
    return (tree, state) -> Expressions.isResolved(tree) && matcher.matches(tree, state);
  }
}
