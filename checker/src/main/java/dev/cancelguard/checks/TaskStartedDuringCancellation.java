package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.tasks.ExecutorShutdowns;
import dev.cancelguard.analysis.tasks.Subtasks;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.tasks.Terminations;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * New work started while the current thread is handling an interrupt, or on an executor the code
 * has already shut down.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "New work is started while handling an interrupt, or on an executor that was already shut"
            + " down",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "TaskStartedDuringCancellation.md")
public final class TaskStartedDuringCancellation extends CancelGuardChecker
    implements MethodInvocationTreeMatcher {

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    // Cheap test first: only calls that start work are of interest.
    if (!Subtasks.isTaskStart(tree, state)) {
      return NO_MATCH;
    }
    TreePath unit = Tasks.enclosingCodeUnit(state.getPath());
    // Field initializers and the like: no handler, no shutdown before them.
    if (unit == null) {
      return NO_MATCH;
    }
    String handler = interruptHandler(state.getPath(), unit, state);
    if (handler != null) {
      return buildDescription(tree)
          .setMessage(
              "This starts new work ("
                  + startName(tree)
                  + ") while "
                  + handler
                  + ": the interrupt says this thread, and usually its pool, is being stopped, so"
                  + " the new task is rejected, cut off by the shutdown, or runs on after"
                  + " everything else stopped, with nobody waiting for it. Do the cleanup here"
                  + " without starting a task, or before cancelling; then restore the interrupt"
                  + " or rethrow it.")
          .build();
    }
    Symbol executor = executorOf(tree, state);
    // Not an executor the code can name (a chained call, a thread start).
    if (executor == null) {
      return NO_MATCH;
    }
    List<MethodInvocationTree> shutdowns = shutdownsBefore(unit, executor, tree, state);
    // Cheap test: no shutdown of this executor earlier in the code unit.
    if (shutdowns.isEmpty()) {
      return NO_MATCH;
    }
    if (!shutDownOnEveryPath(unit, executor, tree, state)) {
      return NO_MATCH;
    }
    MethodInvocationTree last = shutdowns.getLast();
    boolean hook = Terminations.isShutdownHook(unit, state);
    return buildDescription(tree)
        .setMessage(
            "`"
                + executor.getSimpleName()
                + "` was shut down"
                + (hook ? " in this shutdown hook" : "")
                + " on every path before this (line "
                + Lines.of(last, state)
                + "): it rejects the task with RejectedExecutionException, so the work is lost."
                + " Start it before the shutdown, or do it here without a task.")
        .build();
  }

  /**
   * If the call runs while an interrupt is being handled — in a catch that receives only {@code
   * InterruptedException}, or in the {@code e instanceof InterruptedException} branch of a broader
   * catch — a description of that place; null otherwise. Lambda and class bodies in between run
   * later and stop the search.
   */
  private static @Nullable String interruptHandler(
      TreePath path, TreePath unit, VisitorState state) {
    Type interrupted = Interrupts.interruptedExceptionType(state);
    for (TreePath p = path; p != null && p.getLeaf() != unit.getLeaf(); p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      Tree parent = p.getParentPath() == null ? null : p.getParentPath().getLeaf();
      if (leaf instanceof BlockTree && parent instanceof CatchTree catchTree) {
        List<Type> caught = Catches.caughtTypes(catchTree);
        if (!caught.isEmpty() && caught.stream().allMatch(t -> isSubtype(t, interrupted, state))) {
          return "handling an InterruptedException";
        }
      }
      if (parent instanceof IfTree ifTree
          && ifTree.getThenStatement() == leaf
          && stripParentheses(ifTree.getCondition()) instanceof InstanceOfTree test
          && isCaughtException(getSymbol(stripParentheses(test.getExpression())))
          && testedType(test) != null
          && isSubtype(testedType(test), interrupted, state)) {
        return "handling an InterruptedException (the instanceof branch of its catch)";
      }
    }
    return null;
  }

  private static boolean isCaughtException(@Nullable Symbol symbol) {
    return symbol != null && symbol.getKind() == ElementKind.EXCEPTION_PARAMETER;
  }

  private static @Nullable Type testedType(InstanceOfTree test) {
    return test.getPattern() != null ? getType(test.getPattern()) : getType(test.getType());
  }

  /** The executor a start uses, if it is a variable: the receiver, or runAsync's argument. */
  private static @Nullable Symbol executorOf(MethodInvocationTree call, VisitorState state) {
    Type executorType = state.getTypeFromString("java.util.concurrent.Executor");
    if (executorType == null) {
      return null;
    }
    Symbol receiver = Expressions.receiverSymbol(call);
    if (isVariable(receiver) && isSubtype(receiver.type, executorType, state)) {
      return receiver;
    }
    if (!call.getArguments().isEmpty()) {
      Symbol last = getSymbol(stripParentheses(call.getArguments().getLast()));
      if (isVariable(last) && isSubtype(last.type, executorType, state)) {
        return last;
      }
    }
    return null;
  }

  private static boolean isVariable(@Nullable Symbol symbol) {
    return symbol != null
        && symbol.type != null
        && (symbol.getKind() == ElementKind.LOCAL_VARIABLE
            || symbol.getKind() == ElementKind.PARAMETER
            || symbol.getKind() == ElementKind.FIELD
            || symbol.getKind() == ElementKind.RESOURCE_VARIABLE);
  }

  /** Shutdowns of the executor in the code unit (not in nested lambdas) before the call. */
  private static List<MethodInvocationTree> shutdownsBefore(
      TreePath unit, Symbol executor, Tree call, VisitorState state) {
    List<MethodInvocationTree> found = new ArrayList<>();
    int position = getStartPosition(call);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        if (getStartPosition(invocation) < position
            && ExecutorShutdowns.isShutdown(invocation, state)
            && executor.equals(Expressions.receiverSymbol(invocation))) {
          found.add(invocation);
        }
        return super.visitMethodInvocation(invocation, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return lambda == unit.getLeaf() ? super.visitLambdaExpression(lambda, null) : null;
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree classTree, Void unused) {
        return null;
      }
    }.scan(unit, null);
    return found;
  }

  /**
   * True if every path reaching the call has shut the executor down: one fact, "may still take
   * tasks", set on entry, cleared by a shutdown, set again by assigning the variable.
   */
  private static boolean shutDownOnEveryPath(
      TreePath unit, Symbol executor, Tree call, VisitorState state) {
    Tree body = CodeUnits.bodyOf(unit.getLeaf());
    FactFlow.Spec spec =
        new FactFlow.Spec() {
          @Override
          public long killedBy(ExpressionTree tree) {
            return ExecutorShutdowns.isShutdown(tree, state)
                    && executor.equals(Expressions.receiverSymbol(tree))
                ? 1
                : 0;
          }

          @Override
          public long addedBy(ExpressionTree tree) {
            return tree instanceof AssignmentTree assignment
                    && executor.equals(getSymbol(assignment.getVariable()))
                ? 1
                : 0;
          }
        };
    Long facts = FactFlow.walk(body, spec, state, 1, true, Set.of(call)).factsAt(call);
    return facts != null && facts == 0;
  }

  private static String startName(MethodInvocationTree call) {
    Symbol method = getSymbol(call);
    String name = method == null ? "a task" : method.getSimpleName().toString();
    return name.equals("start") ? "Thread.start" : name;
  }
}
