package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.tasks.NeverEndingTasks;
import dev.cancelguard.analysis.tasks.Ownership;
import dev.cancelguard.analysis.tasks.PoolFixes;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/** An executor created in a method, kept there, and never shut down or closed. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "An executor created here never leaves this method and is never shut down or closed: its"
            + " threads outlive the method",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "ExecutorNeverShutdown.md")
public final class ExecutorNeverShutdown extends CancelGuardChecker
    implements VariableTreeMatcher, MethodInvocationTreeMatcher {
  private static final String CONSEQUENCE =
      " Its threads keep running after the method returns (pool threads are not daemons: the JVM"
          + " cannot exit) and nobody waits for its tasks.";

  private final CancelGuardOptions options;

  /** The constructor Error Prone uses when no flags are in play. */
  public ExecutorNeverShutdown() {
    this(CancelGuardOptions.defaults());
  }

  @Inject
  ExecutorNeverShutdown(ErrorProneFlags flags) {
    this(CancelGuardOptions.fromFlags(flags));
  }

  private ExecutorNeverShutdown(CancelGuardOptions options) {
    this.options = options;
  }

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    PoolFixes.Decision decision = PoolFixes.decide(tree, state, options);
    if (decision == null) {
      return NO_MATCH;
    }
    VarSymbol local = (VarSymbol) getSymbol(tree);
    boolean closeAvailable = decision.closeAvailable();
    String message =
        switch (decision.kind()) {
          case NEVER_SHUT_DOWN ->
              local.getSimpleName()
                  + " is created here, never leaves this method, and is never shut down or"
                  + " closed."
                  + CONSEQUENCE
                  + remedy(closeAvailable, "shut it down and await termination");
          case SHUT_DOWN_ON_SOME_PATHS ->
              local.getSimpleName()
                  + " is not shut down on every path: "
                  + describeExit(decision.exit(), state)
                  + " leaves the method with the pool running, because the shutdown is on the"
                  + " normal path only."
                  + CONSEQUENCE
                  + remedy(closeAvailable, "shut it down");
        };
    Description.Builder description =
        buildDescription(tree)
            .setMessage(
                message
                    + neverEndingNote(local, decision.neverEnding(), state)
                    + subtasksNote(decision, state));
    if (decision.fix() != null) {
      description.addFix(decision.fix());
    }
    return description.build();
  }

  /**
   * What the fix does about the sub-tasks OrphanedSubtasks reports in the same code, whose own fix
   * would edit the code this one wraps.
   */
  private static String subtasksNote(PoolFixes.Decision decision, VisitorState state) {
    if (decision.folded() != null) {
      Tree origin =
          decision.folded().exits().stream()
              .min(java.util.Comparator.comparingInt(e -> getStartPosition(e.origin())))
              .get()
              .origin();
      return " The fix also cancels, in a finally that runs before the pool is shut down, the"
          + " sub-tasks OrphanedSubtasks reports as left running when the wait on line "
          + Lines.of(origin, state)
          + " fails.";
    }
    if (decision.heldBack()) {
      return " No fix is offered here: OrphanedSubtasks' fix for the sub-tasks of this method"
          + " wraps the same code and the two cannot be joined; apply that one first.";
    }
    return "";
  }

  /** Why no fix is offered for a pool whose tasks never end, and what is left to decide. */
  private static String neverEndingNote(
      VarSymbol local, @Nullable TreePath loop, VisitorState state) {
    if (loop == null) {
      return "";
    }
    return " No fix is offered: its task runs "
        + NeverEndingTasks.describe(loop, state)
        + ", which nothing ends, not even the interrupt, so closing "
        + local.getSimpleName()
        + " here would wait forever; decide whether that work should end (leave the loop on the"
        + " interrupt, or test a flag a stop sets, and close the pool there) or run as long as the"
        + " process (a pool made once, kept where a stop can reach it, its threads daemons).";
  }

  /** What to do: try-with-resources where the JDK has it, or {@code inFinally} in a finally. */
  private static String remedy(boolean closeAvailable, String inFinally) {
    return closeAvailable
        ? " Use try-with-resources (an ExecutorService is AutoCloseable since JDK 19), or "
            + inFinally
            + " in a finally block."
        : " "
            + Character.toUpperCase(inFinally.charAt(0))
            + inFinally.substring(1)
            + " in a finally block.";
  }

  private static String describeExit(FactFlow.@Nullable Exit exit, VisitorState state) {
    if (exit == null) {
      return "a way out";
    }
    String line = " (line " + Lines.of(exit.tree(), state) + ")";
    return switch (exit.kind()) {
      case PROPAGATES -> {
        Symbol method = getSymbol(exit.tree());
        if (method == null) {
          yield "an exception" + line;
        }
        yield "an exception from "
            + (method.isConstructor()
                ? "new " + method.owner.getSimpleName()
                : method.getSimpleName())
            + "(..)"
            + line;
      }
      case THROWS -> "the throw" + line;
      case RETURNS -> "the return" + line;
      // A whole method body is walked: no break, continue or yield leaves it.
      case FALLS_OFF, BREAKS, CONTINUES, YIELDS, REACQUIRES -> "the end of the method";
    };
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    ExpressionTree receiver = Expressions.strip(getReceiver(tree));
    // `Executors.newSingleThreadExecutor().submit(..)`: the pool is never stored, so nobody can
    // shut it down.
    if (receiver == null
        || !Ownership.isExecutorCreation(receiver, state)
        || !Tasks.isTaskSubmission(tree, state)) {
      return NO_MATCH;
    }
    return buildDescription(receiver)
        .setMessage(
            "This executor is created, given work, and dropped: nothing can ever shut it down."
                + CONSEQUENCE
                + " Keep it in a variable and close it (try-with-resources on JDK 19+), or shut it"
                + " down and await termination in a finally block.")
        .build();
  }
}
