package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
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
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.interrupts.BlockingCalls;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.tasks.FutureOwnership;
import dev.cancelguard.analysis.tasks.FutureValues;
import dev.cancelguard.analysis.tasks.RemoteCalls;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Lines;
import java.util.ArrayList;
import java.util.List;

/** A wait with no deadline for work that does remote I/O with no timeout of its own. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A wait with no timeout for work that does remote I/O with no timeout: a stalled peer"
            + " hangs the waiting thread forever",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "UnboundedWait.md")
public final class UnboundedWait extends CancelGuardChecker implements MethodInvocationTreeMatcher {

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    // Cheap test first: only get(), join(), await() with no deadline.
    if (!BlockingCalls.isUnboundedWait(tree, state)) {
      return NO_MATCH;
    }
    ExpressionTree receiver = getReceiver(tree);
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    // join() inside a Thread subclass on itself, or a wait at class level: nothing to follow.
    if (receiver == null || codeUnit == null) {
      return NO_MATCH;
    }
    List<Tree> tasks = new ArrayList<>();
    List<Tree> code = new ArrayList<>();
    if (SyncCalls.LATCH_AWAIT.matches(tree, state)) {
      code.addAll(countingDownCode(receiver, state));
    } else if (ThreadCalls.JOIN.matches(tree, state)) {
      for (ExpressionTree value : FutureValues.possibleValues(receiver, state)) {
        addThreadWork(value, tasks, state);
      }
    } else {
      addFutureWork(receiver, codeUnit, tasks, code, state);
    }
    // The work waited for is not in this file (a future handed in, a latch counted down
    // elsewhere): whoever wrote it decides how long it may take.
    List<RemoteCalls.Scan> scans = new ArrayList<>();
    tasks.forEach(task -> scans.add(RemoteCalls.scanTask((ExpressionTree) task, state)));
    code.forEach(body -> scans.add(RemoteCalls.scanCode(body, state)));
    for (RemoteCalls.Scan scan : scans) {
      // Remote I/O bounded by a timeout of its own ends by itself.
      if (scan.unbounded()) {
        return describe(tree, scan.remoteCall(), state);
      }
    }
    return NO_MATCH;
  }

  private Description describe(MethodInvocationTree wait, Tree remote, VisitorState state) {
    String waitName = getSymbol(wait).getSimpleName() + "()";
    return buildDescription(wait)
        .setMessage(
            waitName
                + " waits with no timeout for work that does remote I/O ("
                + describeCall(remote)
                + " at line "
                + Lines.of(remote, state)
                + ") with no timeout of its own: if the other side stalls, this thread hangs"
                + " with it and nothing ends the wait. Wait with a deadline (get(timeout, unit),"
                + " join(millis), await(timeout, unit)) and stop the work when it passes, or give"
                + " the remote call a timeout (HttpRequest.Builder.timeout, Socket.setSoTimeout,"
                + " URLConnection.setReadTimeout, Statement.setQueryTimeout).")
        .build();
  }

  /**
   * The work behind a future: the tasks started in this expression or by the local holding it, or
   * the remote call whose future it is ({@code client.sendAsync(..)}).
   */
  private static void addFutureWork(
      ExpressionTree receiver,
      TreePath codeUnit,
      List<Tree> work,
      List<Tree> remoteFutures,
      VisitorState state) {
    ExpressionTree root = FutureOwnership.chainRoot(receiver, state);
    List<ExpressionTree> values = FutureValues.possibleValues(root, state);
    if (!values.isEmpty() && values.stream().allMatch(v -> RemoteCalls.isRemoteCall(v, state))) {
      remoteFutures.addAll(values);
      return;
    }
    List<? extends ExpressionTree> starts;
    if (FutureOwnership.startsTask(root, state)) {
      starts = List.of(root);
    } else {
      VarSymbol future = FutureOwnership.ownedLocal(root, codeUnit, state);
      starts = future == null ? List.of() : FutureOwnership.startsOf(future, codeUnit, state);
    }
    for (ExpressionTree start : starts) {
      ExpressionTree task = FutureOwnership.taskOf(start);
      if (task != null) {
        work.add(task);
      }
    }
  }

  /** The code a thread runs: the task given to it, or its own class's (a Thread subclass). */
  private static void addThreadWork(ExpressionTree value, List<Tree> work, VisitorState state) {
    if (Tasks.isTaskSubmission(value, state)) {
      ExpressionTree task = FutureOwnership.taskOf(value);
      if (task != null) {
        work.add(task);
      }
      return;
    }
    Type thread = state.getTypeFromString("java.lang.Thread");
    if (value instanceof NewClassTree newClass
        && thread != null
        && isSubtype(getType(newClass), thread, state)) {
      work.add(newClass);
    }
  }

  /** The methods and lambdas of this file that count the latch down. */
  private static List<Tree> countingDownCode(ExpressionTree latch, VisitorState state) {
    Symbol symbol = getSymbol(stripParentheses(latch));
    List<Tree> code = new ArrayList<>();
    if (!(symbol instanceof VarSymbol)) {
      return code;
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (SyncCalls.COUNT_DOWN.matches(call, state)
            && getReceiver(call) != null
            && symbol.equals(getSymbol(stripParentheses(getReceiver(call))))) {
          TreePath unit = Tasks.enclosingCodeUnit(getCurrentPath());
          Tree body = unit == null ? null : CodeUnits.bodyOf(unit.getLeaf());
          if (body != null && !code.contains(body)) {
            code.add(body);
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return code;
  }

  private static String describeCall(Tree call) {
    Symbol symbol = getSymbol(call);
    if (symbol == null) {
      return "a network call";
    }
    return symbol.isConstructor()
        ? "new " + symbol.owner.getSimpleName()
        : symbol.owner.getSimpleName() + "." + symbol.getSimpleName();
  }
}
