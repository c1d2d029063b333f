package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.tasks.FutureComputations;
import dev.cancelguard.analysis.tasks.FutureValues;
import org.jspecify.annotations.Nullable;

/** {@code cancel(true)} on a CompletableFuture, which ignores the flag and interrupts nothing. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "cancel(true) on a CompletableFuture does not interrupt the computation: the flag is"
            + " ignored",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "CompletableFutureCancelNoInterrupt.md")
public final class CompletableFutureCancelNoInterrupt extends CancelGuardChecker
    implements MethodInvocationTreeMatcher {
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!FutureCalls.CANCEL_WITH_FLAG.matches(tree, state)) {
      return NO_MATCH;
    }
    // cancel(false), or a flag computed at run time: no claim to interrupt anything.
    if (!Boolean.TRUE.equals(constValue(tree.getArguments().getFirst()))) {
      return NO_MATCH;
    }
    ExpressionTree receiver = getReceiver(tree);
    // A future subclass cancelling itself: it knows what its cancel does.
    if (receiver == null) {
      return NO_MATCH;
    }
    if (!isCompletableFutureCancel(tree, receiver, state)) {
      return NO_MATCH;
    }
    // Only where a task is known to run behind the future: a promise (completed by a callback or
    // a handler) has nothing to interrupt, and a future of unknown origin may be either.
    if (!FutureComputations.runsTask(receiver, state)) {
      return NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(
            "cancel(true) on a CompletableFuture interrupts nothing: the flag is ignored, the"
                + " future is only completed with a CancellationException, and the computation"
                + " behind it (a supplyAsync/runAsync task, or whoever completes it) keeps"
                + " running. To stop the work, run it on an ExecutorService and cancel(true) that"
                + " Future, have the task check a cancellation token, or use"
                + " StructuredTaskScope; write cancel(false) where completing the future is all"
                + " that is meant.")
        .build();
  }

  /**
   * True if the call runs {@code CompletableFuture.cancel} itself: the receiver's static type is a
   * CompletableFuture that does not override it, or the receiver is a variable (of a wider type)
   * every value of which is such a CompletableFuture.
   */
  private static boolean isCompletableFutureCancel(
      MethodInvocationTree tree, ExpressionTree receiver, VisitorState state) {
    Symbol method = getSymbol(tree);
    if (method != null && method.owner.getQualifiedName().contentEquals(COMPLETABLE_FUTURE)) {
      return true;
    }
    Type completable = state.getTypeFromString(COMPLETABLE_FUTURE);
    if (completable == null || !FutureValues.holdsCompletableFuture(receiver, state)) {
      return false;
    }
    ImmutableList<ExpressionTree> values = FutureValues.possibleValues(receiver, state);
    return !values.isEmpty()
        && values.stream().noneMatch(v -> overridesCancel(getType(v), completable, state));
  }

  /** True if a subclass of CompletableFuture between {@code type} and it overrides cancel. */
  private static boolean overridesCancel(
      @Nullable Type type, Type completable, VisitorState state) {
    Types types = state.getTypes();
    Type erased = types.erasure(completable);
    for (Type t = type;
        t != null && t.tsym != null && !types.isSameType(types.erasure(t), erased);
        t = types.supertype(t)) {
      if (t.hasTag(TypeTag.BOT)) {
        return false; // a null the variable is set back to runs no cancel at all
      }
      if (t.isErroneous() || !types.isSubtype(types.erasure(t), erased)) {
        return true; // not a CompletableFuture at all, or a type javac could not resolve
      }
      if (!(t.tsym instanceof ClassSymbol owner) || owner.members() == null) {
        return true; // no members to look in: the cancel it runs is unknown
      }
      for (Symbol member : owner.members().getSymbolsByName(state.getName("cancel"))) {
        if (member instanceof MethodSymbol m && m.getParameters().size() == 1) {
          return true;
        }
      }
    }
    return false;
  }
}
