package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.tasks.AwaitFlow;
import dev.cancelguard.analysis.tasks.AwaitFlow.Use;
import dev.cancelguard.analysis.tasks.AwaitFlow.UseKind;
import dev.cancelguard.analysis.tasks.CancelTarget;
import dev.cancelguard.analysis.tasks.CancelTarget.Kind;
import dev.cancelguard.analysis.tasks.Ownership;
import dev.cancelguard.analysis.tasks.TaskUses;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.tasks.Terminations;
import dev.cancelguard.analysis.tasks.WaitFixes;
import dev.cancelguard.analysis.tasks.WaitPlacement;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.inject.Inject;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/** Work that is cancelled and then treated as stopped without anyone waiting for it to finish. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "Work is cancelled (shutdown, shutdownNow, interrupt, cancel) and then treated as stopped"
            + " without waiting for it to finish",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "CancelWithoutAwait.md")
public final class CancelWithoutAwait extends CancelGuardChecker
    implements MethodInvocationTreeMatcher {
  private static final Matcher<ExpressionTree> CANCEL_OR_TIMED_WAIT =
      anyOf(
          ExecutorCalls.SHUTDOWN,
          ThreadCalls.INTERRUPT,
          FutureCalls.CANCEL,
          ExecutorCalls.AWAIT_TERMINATION);

  /** Words of a parameter or constant that choose a stop without waiting. */
  private static final ImmutableSet<String> IMMEDIATE_WORDS =
      ImmutableSet.of(
          "immediate",
          "immediately",
          "now",
          "force",
          "forced",
          "forcibly",
          "abort",
          "abrupt",
          "abruptly",
          "kill",
          "hard");

  private final CancelGuardOptions options;

  /** The constructor Error Prone uses when no flags are in play. */
  public CancelWithoutAwait() {
    this(CancelGuardOptions.defaults());
  }

  @Inject
  CancelWithoutAwait(ErrorProneFlags flags) {
    this(CancelGuardOptions.fromFlags(flags));
  }

  private CancelWithoutAwait(CancelGuardOptions options) {
    this.options = options;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree call, VisitorState state) {
    // Cheap test first: almost no call cancels anything (and an unresolved call is unknown).
    if (!Expressions.isResolved(call) || !CANCEL_OR_TIMED_WAIT.matches(call, state)) {
      return NO_MATCH;
    }
    boolean timedWait = ExecutorCalls.AWAIT_TERMINATION.matches(call, state);
    // A timed wait whose result is used (if, loop, assignment, return) was checked by its author.
    if (timedWait
        && !(state.getPath().getParentPath().getLeaf() instanceof ExpressionStatementTree)) {
      return NO_MATCH;
    }
    // `pool.awaitTermination(..); if (pool.isTerminated()) ...`: checked, through the pool itself.
    if (timedWait && nextStatementTestsTermination(call, state)) {
      return NO_MATCH;
    }
    Kind kind =
        ThreadCalls.INTERRUPT.matches(call, state)
            ? Kind.THREAD
            : FutureCalls.CANCEL.matches(call, state) ? Kind.FUTURE : Kind.EXECUTOR;
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    // Only a variable can be followed: `Thread.currentThread()`, `this`, a method's result could be
    // anything.
    CancelTarget target = CancelTarget.of(kind, getReceiver(call), unit);
    if (target == null) {
      return NO_MATCH;
    }
    // A thread this file did not make (a caller's, `Thread.currentThread()` remembered in a field)
    // is joined by whoever owns it.
    if (kind == Kind.THREAD && !Ownership.isOwnedThread(target, unit, state)) {
      return NO_MATCH;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    Tree body = bodyOf(codeUnit);
    // A field initializer, or a method without a body: no statements to walk.
    if (codeUnit == null || body == null) {
      return NO_MATCH;
    }
    // A listener or callback (`onClose`, `terminated()`) runs when whoever fires the event says,
    // often on a thread of the cancelled work itself: it is not the component's stop method, and
    // no wait belongs there. The stop protocol is the component's own.
    if (Terminations.isEventCallback(codeUnit, state)) {
      return NO_MATCH;
    }
    boolean exitIsUse =
        !timedWait && kind != Kind.FUTURE && exitMeansStopped(codeUnit, target, call, state);
    TaskUses uses = TaskUses.of(target, state);
    boolean startsIdle =
        kind == Kind.EXECUTOR && isLocalExecutorOfThisCode(target.variable(), body, state);
    ImmutableList<Use> found =
        AwaitFlow.usesBeforeWait(
            body,
            new AwaitFlow.Question(target, call, startsIdle, exitIsUse, uses),
            state,
            options);
    // A synchronized method releasing or reading what the tasks touch only in synchronized
    // methods of the same instance: the two never run at the same time. If the tasks touch
    // nothing else, returning is safe too: what they do next waits for the lock.
    ClassSymbol monitor = monitorHeldBy(codeUnit);
    if (monitor != null) {
      boolean serialized = uses.everyUseHolding(monitor);
      found =
          found.stream()
              .filter(
                  u ->
                      u.kind() == UseKind.RETURNS
                          ? !serialized
                          : !uses.usedOnlyHolding(u.symbol(), monitor))
              .collect(ImmutableList.toImmutableList());
    }
    // Nothing after the cancel treats the work as stopped: fire-and-forget is fine.
    if (found.isEmpty()) {
      return NO_MATCH;
    }
    // `close(boolean immediately)`: the caller asked for a stop without waiting.
    if (!timedWait && immediateStopChosenByCaller(codeUnit, target, state)) {
      return NO_MATCH;
    }
    Use first = found.getFirst();
    Description.Builder description =
        buildDescription(call).setMessage(message(call, kind, timedWait, first, codeUnit, state));
    boolean releasesOrReads = found.stream().anyMatch(u -> u.kind() != UseKind.RETURNS);
    int firstUse =
        found.stream().mapToInt(u -> AwaitFlow.position(u, state)).min().orElse(Integer.MAX_VALUE);
    SuggestedFix fix =
        timedWait
            ? checkResultFix(call, codeUnit, state)
            : waitFix(call, kind, releasesOrReads, codeUnit, target, uses, firstUse, state);
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  /** The class whose instance lock a synchronized instance method holds; null otherwise. */
  private static @Nullable ClassSymbol monitorHeldBy(TreePath codeUnit) {
    return codeUnit.getLeaf() instanceof MethodTree method
            && method.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED)
            && getSymbol(method) instanceof MethodSymbol symbol
            && !symbol.isStatic()
            && symbol.owner instanceof ClassSymbol owner
        ? owner
        : null;
  }

  private static @Nullable Tree bodyOf(@Nullable TreePath codeUnit) {
    if (codeUnit == null) {
      return null;
    }
    return switch (codeUnit.getLeaf()) {
      case MethodTree method -> method.getBody();
      case LambdaExpressionTree lambda -> lambda.getBody();
      default -> null;
    };
  }

  /**
   * True if leaving this code means "the work has stopped": a close/stop/shutdown-like method or a
   * shutdown hook, cancelling work that is not the caller's to wait for.
   */
  private boolean exitMeansStopped(
      TreePath codeUnit, CancelTarget target, MethodInvocationTree call, VisitorState state) {
    boolean stopLike =
        codeUnit.getLeaf() instanceof MethodTree method && Terminations.isStopLike(method);
    if (!stopLike && !Terminations.isShutdownHook(codeUnit, state)) {
      return false;
    }
    // A parameter: the caller passed it in and may wait for it after this returns.
    if (Ownership.isParameter(target.variable())) {
      return false;
    }
    // `return pool.shutdownNow();`: the drained tasks go to the caller, who takes over.
    if (returnsDrainedTasks(call, codeUnit, state)) {
      return false;
    }
    ClassTree enclosingClass = enclosingClass(codeUnit);
    if (enclosingClass == null) {
      return true;
    }
    // A wrapper that is itself an executor: its own awaitTermination is the wait.
    Type self = getType(enclosingClass);
    Type executorService = state.getTypeFromString("java.util.concurrent.ExecutorService");
    if (self != null && executorService != null && isSubtype(self, executorService, state)) {
      return false;
    }
    // An Executor that only hands its tasks on to the target: stopping it is stopping the target,
    // on the target's terms (shutdown() does not wait either); its owner waits for the target.
    Type executor = state.getTypeFromString("java.util.concurrent.Executor");
    if (self != null
        && executor != null
        && isSubtype(self, executor, state)
        && delegatesTasksTo(enclosingClass, target, state)) {
      return false;
    }
    // stop() + a separate awaitStopped()/join(): the class offers the wait to its callers.
    return !otherMethodWaits(enclosingClass, codeUnit.getLeaf(), target, state);
  }

  /**
   * True if the class's {@code execute} hands its task to the target: {@code target.execute(r)}.
   */
  private static boolean delegatesTasksTo(
      ClassTree enclosingClass, CancelTarget target, VisitorState state) {
    for (Tree member : enclosingClass.getMembers()) {
      if (!(member instanceof MethodTree method)
          || !method.getName().contentEquals("execute")
          || method.getBody() == null) {
        continue;
      }
      boolean[] delegates = new boolean[1];
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          delegates[0] |=
              Tasks.isTaskSubmission(call, state) && target.isNamedBy(getReceiver(call));
          return super.visitMethodInvocation(call, null);
        }
      }.scan(method.getBody(), null);
      if (delegates[0]) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the caller chose a stop without waiting: the cancel is in a branch ({@code if}, {@code
   * ?:}, {@code switch}) taken on a parameter of this method, and either that choice names an
   * immediate stop ({@code close(boolean immediately)}, {@code mode == CloseMode.IMMEDIATE}, {@code
   * force}, {@code abort}) or the method waits for the work on its other path (the graceful mode).
   */
  private boolean immediateStopChosenByCaller(
      TreePath codeUnit, CancelTarget target, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method) || method.getParameters().isEmpty()) {
      return false;
    }
    Set<Symbol> parameters = new HashSet<>();
    method.getParameters().forEach(p -> parameters.add(getSymbol(p)));
    Tree child = state.getPath().getLeaf();
    for (TreePath p = state.getPath().getParentPath();
        p != null && p.getLeaf() != method;
        child = p.getLeaf(), p = p.getParentPath()) {
      Choice choice = choiceOf(p.getLeaf(), child);
      if (choice == null) {
        continue;
      }
      if (!readsAny(choice.parts().getFirst(), parameters)) {
        continue;
      }
      if ((choice.taken()
              && choice.parts().stream().anyMatch(CancelWithoutAwait::namesImmediateStop))
          || waitsOutside(method.getBody(), child, target, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What decides whether {@code child} runs: the condition, or the switch selector and the case's
   * labels; {@code taken} says whether the child runs when the condition holds ({@code if
   * (immediately)}'s then, {@code if (!graceful)}'s else).
   */
  private record Choice(List<Tree> parts, boolean taken) {}

  private static @Nullable Choice choiceOf(Tree parent, Tree child) {
    return switch (parent) {
      case IfTree ifTree when child != ifTree.getCondition() ->
          new Choice(
              List.of(ifTree.getCondition()),
              (child == ifTree.getThenStatement()) != isNegation(ifTree.getCondition()));
      case ConditionalExpressionTree conditional when child != conditional.getCondition() ->
          new Choice(
              List.of(conditional.getCondition()),
              (child == conditional.getTrueExpression()) != isNegation(conditional.getCondition()));
      case SwitchTree switchTree when child instanceof CaseTree caseTree -> {
        List<Tree> parts = new ArrayList<>();
        parts.add(switchTree.getExpression());
        parts.addAll(caseTree.getExpressions());
        yield new Choice(parts, true);
      }
      default -> null;
    };
  }

  /** {@code !x}, {@code a != b}: the condition holds when what it names does not. */
  private static boolean isNegation(ExpressionTree condition) {
    ExpressionTree stripped = Expressions.strip(condition);
    return stripped != null
        && (stripped.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
            || stripped.getKind() == Tree.Kind.NOT_EQUAL_TO);
  }

  private static boolean readsAny(Tree tree, Set<Symbol> variables) {
    boolean[] reads = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        reads[0] |= variables.contains(getSymbol(identifier));
        return null;
      }
    }.scan(tree, null);
    return reads[0];
  }

  /**
   * An identifier in the choice says "now": {@code immediately}, {@code IMMEDIATE}, {@code force}.
   */
  private static boolean namesImmediateStop(Tree choice) {
    boolean[] names = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        names[0] |= saysImmediate(identifier.getName().toString());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        names[0] |= saysImmediate(select.getIdentifier().toString());
        return super.visitMemberSelect(select, null);
      }
    }.scan(choice, null);
    return names[0];
  }

  private static boolean saysImmediate(String name) {
    for (String word : name.split("_|(?<=[a-z0-9])(?=[A-Z])")) {
      if (IMMEDIATE_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** True if the method waits for the target somewhere outside {@code branch}. */
  private boolean waitsOutside(
      @Nullable Tree body, Tree branch, CancelTarget target, VisitorState state) {
    boolean[] waits = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return tree == branch ? null : super.scan(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        waits[0] |= Terminations.isWaitFor(call, target, TaskUses.none(), false, options, state);
        return super.visitMethodInvocation(call, null);
      }
    }.scan(body, null);
    return waits[0];
  }

  private static boolean nextStatementTestsTermination(
      MethodInvocationTree await, VisitorState state) {
    TreePath statement = state.getPath().getParentPath();
    if (!(statement.getParentPath().getLeaf() instanceof BlockTree block)) {
      return false;
    }
    int index = block.getStatements().indexOf(statement.getLeaf());
    if (index < 0 || index + 1 >= block.getStatements().size()) {
      return false;
    }
    Symbol pool = getSymbol(getReceiver(await));
    boolean[] tested = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        String name = getSymbol(call) == null ? "" : getSymbol(call).getSimpleName().toString();
        tested[0] |=
            (name.equals("isTerminated") || name.equals("isTerminating"))
                && pool != null
                && getReceiver(call) != null
                && pool.equals(getSymbol(getReceiver(call)));
        return super.visitMethodInvocation(call, null);
      }
    }.scan(
        block.getStatements().get(index + 1) instanceof IfTree ifTree
            ? ifTree.getCondition()
            : null,
        null);
    return tested[0];
  }

  private static @Nullable ClassTree enclosingClass(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree classTree) {
        return classTree;
      }
    }
    return null;
  }

  private static boolean returnsDrainedTasks(
      MethodInvocationTree call, TreePath codeUnit, VisitorState state) {
    Tree parent = state.getPath().getParentPath().getLeaf();
    if (parent instanceof ReturnTree) {
      return true;
    }
    if (!(parent instanceof VariableTree variable)
        || !(getSymbol(variable) instanceof VarSymbol drained)) {
      return false;
    }
    boolean[] returned = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        returned[0] |= drained.equals(Expressions.variableOf(tree.getExpression()));
        return super.visitReturn(tree, null);
      }
    }.scan(codeUnit.getLeaf(), null);
    return returned[0];
  }

  private boolean otherMethodWaits(
      ClassTree enclosingClass, Tree codeUnit, CancelTarget target, VisitorState state) {
    // A field, or a loop over a field's executors (`for (ExecutorService w : workers) ...`).
    if (!Ownership.isField(target.variable())
        && (target.collection() == null || !Ownership.isField(target.collection()))) {
      return false;
    }
    boolean[] waits = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        return method == codeUnit ? null : super.visitMethod(method, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return lambda == codeUnit ? null : super.visitLambdaExpression(lambda, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        waits[0] |= Terminations.isWaitFor(tree, target, TaskUses.none(), false, options, state);
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(enclosingClass, null);
    return waits[0];
  }

  /**
   * A local executor created in this code and used only here (not from lambdas or classes in it):
   * nothing runs on it until this code submits work.
   */
  private static boolean isLocalExecutorOfThisCode(
      VarSymbol variable, Tree body, VisitorState state) {
    if (!Ownership.isLocal(variable)) {
      return false;
    }
    boolean[] created = new boolean[1];
    boolean[] usedFromNestedCode = new boolean[1];
    new TreeScanner<Void, Void>() {
      private int nested;

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (variable.equals(getSymbol(tree))) {
          created[0] = Ownership.isExecutorCreation(tree.getInitializer(), state);
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        nested++;
        super.visitLambdaExpression(tree, null);
        nested--;
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        nested++;
        super.visitClass(tree, null);
        nested--;
        return null;
      }

      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        usedFromNestedCode[0] |= nested > 0 && variable.equals(getSymbol(tree));
        return null;
      }
    }.scan(body, null);
    return created[0] && !usedFromNestedCode[0];
  }

  // ------------------------------------------------------------------ message

  private static String message(
      MethodInvocationTree call,
      Kind kind,
      boolean timedWait,
      Use use,
      TreePath codeUnit,
      VisitorState state) {
    String receiver = state.getSourceForNode(getReceiver(call));
    String method = getSymbol(call).getSimpleName().toString();
    String asked;
    if (timedWait) {
      asked =
          "The result of "
              + receiver
              + ".awaitTermination(..) is ignored: when it returns false the wait timed out and the"
              + " tasks are still running";
    } else {
      asked =
          switch (kind) {
            case EXECUTOR ->
                method.equals("shutdown")
                    ? receiver + ".shutdown() only stops new tasks; the running ones go on"
                    : receiver
                        + ".shutdownNow() only interrupts the tasks; each stops when it next"
                        + " notices";
            case THREAD ->
                receiver
                    + ".interrupt() only asks the thread to stop; it stops when it next notices";
            case FUTURE ->
                receiver + ".cancel(..) only asks the task to stop; it may still be running";
          };
    }
    String who =
        kind == Kind.THREAD ? "the thread" : kind == Kind.FUTURE ? "the task" : "the tasks";
    boolean plural = kind == Kind.EXECUTOR;
    String they = plural ? "they" : "it";
    long line =
        state
            .getPath()
            .getCompilationUnit()
            .getLineMap()
            .getLineNumber(AwaitFlow.position(use, state));
    String then =
        switch (use.kind()) {
          case RELEASES ->
              ", yet "
                  + releaseText(use, line, state)
                  + " while "
                  + who
                  + " may still use it: "
                  + they
                  + (plural ? " fail" : " fails")
                  + " on a closed resource or corrupt"
                  + (plural ? "" : "s")
                  + " it";
          case READS ->
              ", yet the code then reads "
                  + use.symbol().getSimpleName()
                  + " (line "
                  + line
                  + "), which "
                  + who
                  + (plural ? " write" : " writes")
                  + ": it may be incomplete or change while being read";
          case RETURNS ->
              codeUnit.getLeaf() instanceof MethodTree m
                      && !Terminations.isShutdownHook(codeUnit, state)
                  ? ", yet "
                      + m.getName()
                      + "() returns (line "
                      + line
                      + ") as if "
                      + who
                      + " had stopped: the caller goes on while "
                      + they
                      + (plural ? " still run" : " still runs")
                  : ", yet the shutdown hook returns (line "
                      + line
                      + ") without waiting: the JVM halts and kills "
                      + who
                      + " mid-work";
        };
    String remedy =
        timedWait
            ? " Check the result, and do not release what running tasks use when the wait times out."
            : switch (kind) {
              case EXECUTOR ->
                  " Wait for termination first: "
                      + receiver
                      + ".awaitTermination(..)"
                      + (WaitFixes.executorCloseAvailable(state)
                          ? ", or " + receiver + ".close()."
                          : ".");
              case THREAD -> " Wait for it first: " + receiver + ".join().";
              case FUTURE ->
                  " Wait for the task to finish first: shut its executor down and await"
                      + " termination, or have the task count down a latch in finally and await it.";
            };
    return asked + then + "." + remedy;
  }

  private static String releaseText(Use use, long line, VisitorState state) {
    String name = use.symbol() == null ? "a resource" : use.symbol().getSimpleName().toString();
    return switch (use.tree()) {
      case MethodInvocationTree call -> {
        String source = state.getSourceForNode(call);
        yield "the code then calls "
            + (source != null && source.length() <= 60 ? source : name + "..")
            + " (line "
            + line
            + "), releasing "
            + name;
      }
      case AssignmentTree assignment ->
          "the code then sets " + name + " to null (line " + line + ")";
      default ->
          "the try-with-resources of line " + line + " closes " + name + " when its block ends";
    };
  }

  // ------------------------------------------------------------------ fixes

  /**
   * Inserts the wait after the rest of the stop, before what treats the work as stopped (see {@link
   * WaitPlacement#spot}), keeping the method's own deadline ({@code stop(long timeout, TimeUnit
   * unit)}) or the bound its stop path puts on its other waits. None where the code may run on a
   * thread of the work it would wait for, where the class offers its own wait, or where a timed
   * wait would have to throw in the middle of a close.
   */
  private @Nullable SuggestedFix waitFix(
      MethodInvocationTree call,
      Kind kind,
      boolean checkResult,
      TreePath codeUnit,
      CancelTarget target,
      TaskUses uses,
      int firstUse,
      VisitorState state) {
    if (kind == Kind.FUTURE) {
      return null; // a cancelled future cannot be waited for; the executor's owner must do it
    }
    // A task, a thread's body, a pool's own machinery, a method they call, or a stop the work
    // itself reaches (a task that fails the connection closes it): it may be the very thread the
    // wait waits for, which then never ends.
    if (mayRunOnWorkerThread(codeUnit, state)
        || calledFromWorkerThreadCode(codeUnit, state)
        || Tasks.isExecutorInternals(state.getPath(), state)
        || WaitPlacement.reachedFromItsOwnWork(codeUnit, target, state)) {
      return null;
    }
    // stop() next to a join/awaitTermination/waitForState of the class's own: stop() is meant to
    // return at once, and its callers wait where they choose.
    if (WaitPlacement.classOffersItsOwnWait(codeUnit, target, uses, options, state)) {
      return null;
    }
    ExpressionTree receiver = getReceiver(call);
    // A scheduler's delayed tasks still run after shutdown(): a wait would last until the last is
    // due.
    if (kind == Kind.EXECUTOR
        && receiver != null
        && getSymbol(receiver) != null
        && WaitFixes.keepsDelayedTasks(call, getSymbol(receiver), state)) {
      return null;
    }
    WaitFixes.Deadline deadline = WaitFixes.deadlineOf(codeUnit, state);
    if (deadline == null) {
      deadline = WaitPlacement.boundOfStopPath(codeUnit, state);
    }
    TreePath parentPath = state.getPath().getParentPath();
    String receiverSource = state.getSourceForNode(receiver);
    if (receiverSource == null) {
      return null;
    }
    // A timed wait that fails when time runs out would skip the rest of the close (and leak what
    // it releases).
    if (checkResult
        && WaitFixes.waitThrowsOnTimeout(kind, receiver, deadline, state)
        && WaitPlacement.cleanupFollows(parentPath, codeUnit, state)) {
      return null;
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (parentPath.getLeaf() instanceof LambdaExpressionTree) {
      // () -> pool.shutdownNow(): the body becomes a block that also waits.
      String wait =
          WaitFixes.waitStatement(
              kind, receiverSource, receiver, state.getPath(), checkResult, deadline, fix, state);
      return fix.replace(call, "{ " + state.getSourceForNode(call) + "; " + wait + " }").build();
    }
    Tree statement = parentPath.getLeaf();
    if (!(statement instanceof ExpressionStatementTree) && !(statement instanceof VariableTree)) {
      return null;
    }
    WaitPlacement.Spot spot = WaitPlacement.spot(parentPath, firstUse, state);
    String wait =
        WaitFixes.waitStatement(
            kind, receiverSource, receiver, spot.anchor(), checkResult, deadline, fix, state);
    SuggestedFix insertion =
        spot.before()
            ? SourceEdits.insertBefore(spot.anchor().getLeaf(), wait, state)
            : WaitFixes.insertAfter(spot.anchor(), wait, state);
    if (insertion == null) {
      return null;
    }
    return fix.merge(insertion).build();
  }

  /**
   * True if the code runs as a task, as the whole of a thread's work or as an event callback: on a
   * thread that may be one of those it would wait for. A shutdown hook's thread and {@code main}
   * are nobody's workers.
   */
  private static boolean mayRunOnWorkerThread(TreePath codeUnit, VisitorState state) {
    if (Terminations.isShutdownHook(codeUnit, state) || Tasks.isMainMethod(codeUnit)) {
      return false;
    }
    return Tasks.runsAsTask(codeUnit, state)
        || Tasks.isThreadTopLevel(codeUnit, state)
        || Terminations.isEventCallback(codeUnit, state);
  }

  /** True if a call in this file to the method runs in code {@link #mayRunOnWorkerThread}. */
  private static boolean calledFromWorkerThreadCode(TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    boolean[] called = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        if (!called[0] && symbol.equals(getSymbol(invocation))) {
          TreePath caller = Tasks.enclosingCodeUnit(getCurrentPath());
          called[0] = caller != null && mayRunOnWorkerThread(caller, state);
        }
        return super.visitMethodInvocation(invocation, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return called[0];
  }

  /** Turns {@code pool.awaitTermination(t, u);} into a check that fails when time runs out. */
  private static @Nullable SuggestedFix checkResultFix(
      MethodInvocationTree call, TreePath codeUnit, VisitorState state) {
    String source = state.getSourceForNode(call);
    String receiver = state.getSourceForNode(getReceiver(call));
    if (source == null || receiver == null) {
      return null;
    }
    TreePath statementPath = state.getPath().getParentPath();
    // Throwing in a close with more of the close to come skips it: the connection, the files it
    // would release leak. The message explains; no mechanical fix is right there.
    if (WaitPlacement.cleanupFollows(statementPath, codeUnit, state)) {
      return null;
    }
    String check =
        "if (!"
            + source
            + ") { throw new IllegalStateException(\""
            + receiver.replace("\\", "\\\\").replace("\"", "\\\"")
            + " did not terminate in time\"); }";
    // `case X -> pool.awaitTermination(..);` takes a block, not an if.
    boolean inBlock =
        statementPath.getParentPath().getLeaf() instanceof BlockTree
            || statementPath.getParentPath().getLeaf() instanceof CaseTree caseTree
                && caseTree.getCaseKind() == CaseTree.CaseKind.STATEMENT;
    return SuggestedFix.replace(statementPath.getLeaf(), inBlock ? check : "{ " + check + " }");
  }
}
