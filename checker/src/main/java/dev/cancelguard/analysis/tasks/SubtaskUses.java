package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import dev.cancelguard.analysis.tasks.SubtaskGroup.Member;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SubtaskGroup}'s code does with each handle it started: waits for it (one element,
 * every element, {@code allOf(..).join()}, a stream of joins), cancels it (itself, every element, a
 * loop over the rest), only inspects it ({@code isDone()}, {@code size()}), or hands it on. A use
 * that is not understood counts as handing on: the handle then leaves the group.
 */
final class SubtaskUses {
  private static final ImmutableSet<String> FUTURE_INSPECTIONS =
      ImmutableSet.of(
          "isDone",
          "isCancelled",
          "state",
          "resultNow",
          "exceptionNow",
          "getNow",
          "isCompletedExceptionally");

  private static final ImmutableSet<String> THREAD_INSPECTIONS =
      ImmutableSet.of(
          "start",
          "isAlive",
          "getName",
          "setName",
          "setDaemon",
          "isDaemon",
          "setPriority",
          "setUncaughtExceptionHandler",
          "isInterrupted",
          "threadId",
          "getId",
          "getState");

  private SubtaskUses() {}

  static void classifyUses(SubtaskGroup group, Member member) {
    for (TreePath reference : LocalUses.references(group.path, member.symbol)) {
      if (LocalUses.isInNestedCode(reference, group.path)) {
        member.handedOn = true;
        continue;
      }
      boolean understood =
          member.collection
              ? classifyCollectionUse(group, member, reference)
              : classifyHandleUse(group, member, reference, member.thread);
      member.handedOn |= !understood;
    }
  }

  /** A use of a single handle; false if it hands the handle on or is not understood. */
  private static boolean classifyHandleUse(
      SubtaskGroup group, Member member, TreePath reference, boolean thread) {
    TreePath parent = LocalUses.parent(reference);
    if (parent == null) {
      return false;
    }
    return switch (parent.getLeaf()) {
      case AssignmentTree assignment -> assignment.getVariable() == reference.getLeaf();
      case MemberSelectTree select -> {
        TreePath callPath = LocalUses.parent(parent);
        if (callPath == null || !(callPath.getLeaf() instanceof MethodInvocationTree call)) {
          yield false;
        }
        yield classifyCall(group, member, call, thread, false);
      }
      case MethodInvocationTree call when Subtasks.isAllOf(call, group.state) ->
          classifyAllOf(group, member, parent);
      case MethodInvocationTree add
          when getSymbol(add) != null
              && SubtaskGroup.ADDS.contains(getSymbol(add).getSimpleName().toString()) ->
          group.members.containsKey(Expressions.receiverSymbol(add));
      default -> false;
    };
  }

  /** A call on a handle (or on an element of a collection of handles). */
  private static boolean classifyCall(
      SubtaskGroup group,
      Member member,
      MethodInvocationTree call,
      boolean thread,
      boolean element) {
    VisitorState state = group.state;
    String name = getSymbol(call) == null ? "" : getSymbol(call).getSimpleName().toString();
    if (Subtasks.isWait(call, state)) {
      member.waits.add(call);
      group.waitsFor.computeIfAbsent(call, c -> new ArrayList<>()).add(member);
      if (!element) {
        group.settlingWaits.add(call);
      }
      return true;
    }
    if (Subtasks.isCancel(call, state)) {
      if (element) {
        member.otherCancels.add(call);
      } else {
        member.cancels.add(call);
      }
      return true;
    }
    return thread ? THREAD_INSPECTIONS.contains(name) : FUTURE_INSPECTIONS.contains(name);
  }

  /** {@code CompletableFuture.allOf(a, b).join()}: waits for all its arguments. */
  private static boolean classifyAllOf(SubtaskGroup group, Member member, TreePath allOfPath) {
    TreePath select = LocalUses.parent(allOfPath);
    TreePath callPath = select == null ? null : LocalUses.parent(select);
    if (select == null
        || !(select.getLeaf() instanceof MemberSelectTree)
        || callPath == null
        || !(callPath.getLeaf() instanceof MethodInvocationTree wait)
        || !Subtasks.isWait(wait, group.state)) {
      return false; // the combined future is kept or chained: handed on
    }
    member.waits.add(wait);
    group.waitsFor.computeIfAbsent(wait, c -> new ArrayList<>()).add(member);
    group.settlingWaits.add(wait);
    group.combinedWaits.add(wait);
    return true;
  }

  /** A use of a collection of handles; false if it hands them on or is not understood. */
  private static boolean classifyCollectionUse(
      SubtaskGroup group, Member member, TreePath reference) {
    TreePath parent = LocalUses.parent(reference);
    if (parent == null) {
      return false;
    }
    switch (parent.getLeaf()) {
      case EnhancedForLoopTree loop when loop.getExpression() == reference.getLeaf() -> {
        return classifyElementLoop(group, member, loop, parent);
      }
      case AssignmentTree assignment -> {
        return assignment.getVariable() == reference.getLeaf();
      }
      case ArrayAccessTree access -> {
        return classifyElement(group, member, parent);
      }
      case MethodInvocationTree call when Subtasks.isAllOf(call, group.state) -> {
        return classifyAllOf(group, member, parent);
      }
      case MemberSelectTree select -> {
        TreePath callPath = LocalUses.parent(parent);
        if (callPath == null || !(callPath.getLeaf() instanceof MethodInvocationTree call)) {
          return Subtasks.isCollectionInspection(select, false);
        }
        String name = select.getIdentifier().toString();
        if (SubtaskGroup.ADDS.contains(name) || Subtasks.isCollectionInspection(select, true)) {
          return true;
        }
        return switch (name) {
          case "get" -> call.getArguments().size() == 1 && classifyElement(group, member, callPath);
          case "toArray" -> {
            TreePath user = LocalUses.parent(callPath);
            yield user != null
                && user.getLeaf() instanceof MethodInvocationTree allOf
                && Subtasks.isAllOf(allOf, group.state)
                && classifyAllOf(group, member, user);
          }
          case "values", "entrySet", "stream", "parallelStream", "forEach" ->
              classifyView(group, member, callPath);
          default -> false;
        };
      }
      default -> {
        return false;
      }
    }
  }

  /** {@code for (Future<T> f : futures)}: what the loop does with each element. */
  private static boolean classifyElementLoop(
      SubtaskGroup group, Member member, EnhancedForLoopTree loop, TreePath loopPath) {
    Symbol element = getSymbol(loop.getVariable());
    if (element == null) {
      return false;
    }
    if (Subtasks.cancelsEveryElement(loop, member.symbol, group.state)) {
      member.otherCancels.add(loop);
    }
    boolean entries = Subtasks.isEntrySetOf(loop.getExpression(), member.symbol);
    int waitsBefore = member.waits.size();
    for (TreePath use : LocalUses.references(loopPath, element)) {
      if (LocalUses.isInNestedCode(use, group.path)
          || !(entries
              ? classifyEntryUse(group, member, use, element)
              : classifyElementUse(group, member, use))) {
        return false;
      }
    }
    if (member.waits.size() > waitsBefore) {
      member.waitingLoops.add(loop);
    }
    return true;
  }

  /** {@code futures.get(i)} or {@code futures[i]}, used directly or through a local. */
  private static boolean classifyElement(SubtaskGroup group, Member member, TreePath elementPath) {
    TreePath parent = LocalUses.parent(elementPath);
    if (parent == null) {
      return false;
    }
    if (parent.getLeaf() instanceof AssignmentTree assignment
        && assignment.getVariable() == elementPath.getLeaf()) {
      return true; // futures[i] = pool.submit(..)
    }
    int waitsBefore = member.waits.size();
    boolean understood;
    if (parent.getLeaf() instanceof VariableTree alias && getSymbol(alias) != null) {
      understood = true;
      for (TreePath use : LocalUses.references(group.path, getSymbol(alias))) {
        understood &=
            !LocalUses.isInNestedCode(use, group.path) && classifyElementUse(group, member, use);
      }
    } else {
      understood = classifyElementUse(group, member, elementPath);
    }
    if (understood && member.waits.size() > waitsBefore) {
      ForLoopTree indexLoop = enclosingForLoop(elementPath, group.path);
      if (indexLoop != null) {
        member.waitingLoops.add(indexLoop);
      }
    }
    return understood;
  }

  /** {@code entry.getKey()}, or {@code entry.getValue()} used as an element is. */
  private static boolean classifyEntryUse(
      SubtaskGroup group, Member member, TreePath use, Symbol entry) {
    TreePath select = LocalUses.parent(use);
    TreePath call = select == null ? null : LocalUses.parent(select);
    if (call == null
        || !(select.getLeaf() instanceof MemberSelectTree selected)
        || !(call.getLeaf() instanceof MethodInvocationTree)) {
      return false;
    }
    return selected.getIdentifier().contentEquals("getKey")
        || (Subtasks.isEntryValue((ExpressionTree) call.getLeaf(), entry)
            && classifyElement(group, member, call));
  }

  private static boolean classifyElementUse(SubtaskGroup group, Member member, TreePath use) {
    TreePath parent = LocalUses.parent(use);
    if (parent == null || !(parent.getLeaf() instanceof MemberSelectTree)) {
      return false;
    }
    TreePath callPath = LocalUses.parent(parent);
    return callPath != null
        && callPath.getLeaf() instanceof MethodInvocationTree call
        && classifyCall(group, member, call, member.thread, true);
  }

  /**
   * {@code futures.stream()..}, {@code futures.forEach(..)}, {@code futures.values()..}: a chain
   * that waits for every element ({@code map(CompletableFuture::join)}), cancels every element, or
   * iterates the values of a map.
   */
  private static boolean classifyView(SubtaskGroup group, Member member, TreePath viewCall) {
    TreePath end = viewCall;
    boolean waits = false;
    boolean cancels = false;
    while (true) {
      MethodInvocationTree call = (MethodInvocationTree) end.getLeaf();
      for (ExpressionTree argument : call.getArguments()) {
        waits |= isJoinFunction(argument, group.state);
        cancels |= isCancelFunction(argument, group.state);
      }
      TreePath parent = LocalUses.parent(end);
      if (parent != null && parent.getLeaf() instanceof EnhancedForLoopTree loop) {
        return classifyElementLoop(group, member, loop, parent);
      }
      if (parent == null
          || !(parent.getLeaf() instanceof MemberSelectTree)
          || LocalUses.parent(parent) == null
          || !(LocalUses.parent(parent).getLeaf() instanceof MethodInvocationTree)) {
        break;
      }
      end = LocalUses.parent(parent);
    }
    MethodInvocationTree last = (MethodInvocationTree) end.getLeaf();
    if (waits) {
      member.waits.add(last);
      group.waitsFor.computeIfAbsent(last, c -> new ArrayList<>()).add(member);
      group.settlingWaits.add(last);
      group.combinedWaits.add(last);
      return true;
    }
    if (cancels) {
      member.cancels.add(last);
      return true;
    }
    return false;
  }

  private static boolean isJoinFunction(ExpressionTree argument, VisitorState state) {
    ExpressionTree stripped = stripParentheses(argument);
    if (stripped instanceof MemberReferenceTree reference) {
      return reference.getName().contentEquals("join")
          && getSymbol(reference) != null
          && Subtasks.isCompletableFuture(getSymbol(reference).owner.type, state);
    }
    return stripped instanceof LambdaExpressionTree lambda
        && lambda.getBody() instanceof MethodInvocationTree call
        && Subtasks.isJoinOfCompletableFuture(call, state)
        && lambda.getParameters().size() == 1
        && getSymbol(lambda.getParameters().getFirst()) != null
        && getSymbol(lambda.getParameters().getFirst()).equals(Expressions.receiverSymbol(call));
  }

  private static boolean isCancelFunction(ExpressionTree argument, VisitorState state) {
    return stripParentheses(argument) instanceof LambdaExpressionTree lambda
        && lambda.getParameters().size() == 1
        && getSymbol(lambda.getParameters().getFirst()) != null
        && Subtasks.cancelsIn(
            lambda.getBody(), getSymbol(lambda.getParameters().getFirst()), state);
  }

  private static @Nullable ForLoopTree enclosingForLoop(TreePath path, TreePath codeUnit) {
    for (TreePath p = path; p != null && p.getLeaf() != codeUnit.getLeaf(); p = p.getParentPath()) {
      if (p.getLeaf() instanceof ForLoopTree loop) {
        return loop;
      }
    }
    return null;
  }
}
