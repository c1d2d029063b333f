package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.flow.FactFlow.ExitKind;
import dev.cancelguard.analysis.flow.FactFlow.Raise;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.tasks.Subtasks;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.LocalUses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Sub-tasks a method started and waits for, left running when waiting for one of them fails or is
 * interrupted and the method leaves without cancelling the others.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "Sub-tasks started here are left running when waiting for one of them fails or is"
            + " interrupted",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "OrphanedSubtasks.md")
public final class OrphanedSubtasks extends CancelGuardChecker
    implements MethodTreeMatcher, LambdaExpressionTreeMatcher {
  /** Calls that put a handle into a collection. */
  private static final ImmutableSet<String> ADDS =
      ImmutableSet.of("add", "addLast", "addFirst", "offer", "put", "set", "push");

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

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    // Abstract and native methods have nothing to walk.
    if (tree.getBody() == null) {
      return NO_MATCH;
    }
    return analyze(state.getPath(), tree.getBody(), state);
  }

  @Override
  public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
    // An expression lambda declares no locals to hold handles in.
    if (!(tree.getBody() instanceof BlockTree body)) {
      return NO_MATCH;
    }
    return analyze(state.getPath(), body, state);
  }

  /** One handle, or one collection of handles, the code unit started. */
  private static final class Member {
    final Symbol symbol;
    final VariableTree declaration;
    final boolean collection;
    final boolean completable;
    boolean thread;
    boolean several;
    boolean handedOn;
    final List<Tree> starts = new ArrayList<>();
    final List<ExpressionTree> waits = new ArrayList<>();
    final List<StatementTree> waitingLoops = new ArrayList<>();

    /** Calls that cancel the whole member: its own cancel, a chain cancelling every element. */
    final List<ExpressionTree> cancels = new ArrayList<>();

    /** Cancels of single elements and cancelling loops: they only mark where the member ends. */
    final List<Tree> otherCancels = new ArrayList<>();

    @Nullable Symbol executor;
    boolean mixedExecutors;
    int bit;
    int rangeStart = Integer.MAX_VALUE;
    int rangeEnd = -1;

    Member(Symbol symbol, VariableTree declaration, boolean collection, boolean completable) {
      this.symbol = symbol;
      this.declaration = declaration;
      this.collection = collection;
      this.completable = completable;
    }

    String name() {
      return symbol.getSimpleName().toString();
    }

    long mask() {
      return 1L << bit;
    }
  }

  /** What a code unit starts, waits for and cancels. */
  private static final class Unit {
    final TreePath path;
    final BlockTree body;
    final VisitorState state;
    final Map<Symbol, VariableTree> locals = new HashMap<>();
    final Map<Symbol, Member> members = new LinkedHashMap<>();

    /** Wait calls, and the members each one waits for; "all" waits settle their members. */
    final Map<ExpressionTree, List<Member>> waitsFor = new HashMap<>();

    final Set<ExpressionTree> settlingWaits = new HashSet<>();

    /** Waits for several handles at once (allOf, a stream of joins): one failure says nothing. */
    final Set<ExpressionTree> combinedWaits = new HashSet<>();

    Unit(TreePath path, BlockTree body, VisitorState state) {
      this.path = path;
      this.body = body;
      this.state = state;
    }
  }

  private Description analyze(TreePath unitPath, BlockTree body, VisitorState state) {
    // Cheap exit: most code units call nothing named like a task start.
    if (!Tasks.mayCallTaskStarts(body)) {
      return NO_MATCH;
    }
    Unit unit = new Unit(unitPath, body, state);
    collectStarts(unit);
    // Cheap exit: most code units start no sub-task at all.
    if (unit.members.isEmpty()) {
      return NO_MATCH;
    }
    absorbIntoCollections(unit);
    for (Member member : List.copyOf(unit.members.values())) {
      classifyUses(unit, member);
    }
    // Handed on (returned, stored, passed along, captured): someone else owns their cancellation.
    // Never waited for nor cancelled here: deliberately detached.
    unit.members
        .values()
        .removeIf(
            m ->
                m.handedOn
                    || (m.waits.isEmpty()
                        && m.waitingLoops.isEmpty()
                        && m.cancels.isEmpty()
                        && m.otherCancels.isEmpty()));
    unit.waitsFor.values().forEach(list -> list.removeIf(m -> !unit.members.containsValue(m)));
    if (unit.members.isEmpty()) {
      return NO_MATCH;
    }
    boolean several =
        unit.members.values().stream().anyMatch(m -> m.collection && m.several)
            || unit.members.values().stream().filter(m -> !m.collection).count() >= 2;
    // One sub-task in an ordinary method is out of scope; in a task it is a nested task.
    if (!several && !Tasks.runsAsTask(unitPath, state)) {
      return NO_MATCH;
    }
    int bit = 0;
    for (Member member : List.copyOf(unit.members.values())) {
      if (bit == Long.SIZE) {
        unit.members.remove(member.symbol);
        continue;
      }
      member.bit = bit++;
      computeRange(member, state);
    }
    unit.waitsFor.values().forEach(list -> list.removeIf(m -> !unit.members.containsValue(m)));
    boolean followInterrupts = !Tasks.isMainMethod(unitPath);
    FactFlow.Result result =
        FactFlow.walk(
            body, new OrphanSpec(unit, several, followInterrupts), state, 0, false, Set.of());
    List<Exit> exits =
        result.exits().stream().filter(e -> e.origin() != null).collect(Collectors.toList());
    if (exits.isEmpty()) {
      return NO_MATCH;
    }
    Exit first =
        exits.stream().min(Comparator.comparingInt(e -> getStartPosition(e.origin()))).get();
    List<Member> left = membersIn(unit, first.facts());
    // @SuppressWarnings on the declaration of the futures.
    if (left.stream().allMatch(m -> isSuppressed(m.declaration, state))) {
      return NO_MATCH;
    }
    List<Exit> sameOrigin =
        exits.stream().filter(e -> e.origin() == first.origin()).collect(Collectors.toList());
    Description.Builder description =
        buildDescription(first.origin()).setMessage(message(unit, sameOrigin, left, several));
    fix(unit, exits).ifPresent(description::addFix);
    return description.build();
  }

  // ---------------------------------------------------------------- finding the handles

  private static void collectStarts(Unit unit) {
    VisitorState state = unit.state;
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        Symbol symbol = getSymbol(variable);
        if (symbol != null && symbol.getKind() == ElementKind.LOCAL_VARIABLE) {
          unit.locals.put(symbol, variable);
        }
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Subtasks.isHandleStart(call, state)) {
          recordStart(unit, getCurrentPath(), call, false);
        } else if (Subtasks.isThreadStart(call, state)) {
          Member member = member(unit, Expressions.receiverSymbol(call), false);
          if (member != null) {
            member.thread = true;
            member.starts.add(call);
          }
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        // `ids.stream().map(id -> pool.submit(..)).toList()`: one start per element.
        if (lambda.getBody() instanceof MethodInvocationTree call
            && Subtasks.isHandleStart(call, state)) {
          TreePath chainEnd = streamChainEnd(getCurrentPath());
          if (chainEnd != null) {
            recordStart(unit, chainEnd, call, true);
          }
        }
        return null;
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        // `ids.stream().map(pool::submit).toList()`: one start per element, as with a lambda.
        if (Subtasks.isHandleStartReference(reference, state)) {
          TreePath chainEnd = streamChainEnd(getCurrentPath());
          if (chainEnd != null) {
            recordStart(unit, chainEnd, reference, true);
          }
        }
        return super.visitMemberReference(reference, null);
      }

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        return null;
      }
    }.scan(new TreePath(unit.path, unit.body), null);
  }

  /**
   * For a lambda or method reference passed to {@code map} in a stream chain, the outermost call of
   * the chain.
   */
  private static @Nullable TreePath streamChainEnd(TreePath functionPath) {
    TreePath call = LocalUses.parent(functionPath);
    if (call == null
        || !(call.getLeaf() instanceof MethodInvocationTree map)
        || getSymbol(map) == null
        || !getSymbol(map).getSimpleName().toString().startsWith("map")) {
      return null;
    }
    TreePath end = call;
    while (LocalUses.parent(end) != null
        && LocalUses.parent(end).getLeaf() instanceof MemberSelectTree
        && LocalUses.parent(LocalUses.parent(end)) != null
        && LocalUses.parent(LocalUses.parent(end)).getLeaf() instanceof MethodInvocationTree) {
      end = LocalUses.parent(LocalUses.parent(end));
    }
    return end;
  }

  /** Records where a started handle goes: a local, or a collection. */
  private static void recordStart(Unit unit, TreePath startPath, Tree start, boolean several) {
    TreePath parent = LocalUses.parent(startPath);
    if (parent == null) {
      return;
    }
    Member member =
        switch (parent.getLeaf()) {
          case VariableTree variable -> member(unit, getSymbol(variable), several);
          case AssignmentTree assignment
              when stripParentheses(assignment.getExpression()) == startPath.getLeaf() ->
              stripParentheses(assignment.getVariable()) instanceof ArrayAccessTree access
                  ? member(unit, getSymbol(stripParentheses(access.getExpression())), true)
                  : member(unit, getSymbol(assignment.getVariable()), several);
          case MethodInvocationTree add
              when getSymbol(add) != null
                  && ADDS.contains(getSymbol(add).getSimpleName().toString()) ->
              member(unit, Expressions.receiverSymbol(add), true);
          default -> null;
        };
    if (member == null) {
      return;
    }
    member.starts.add(start);
    member.several |= several || member.collection && (insideLoop(startPath, unit.path));
    if (member.collection && member.starts.size() >= 2) {
      member.several = true;
    }
    Type type =
        start instanceof MemberReferenceTree reference
                && getSymbol(reference) instanceof MethodSymbol method
            ? method.getReturnType()
            : getType(start);
    member.thread |= type != null && Subtasks.isThread(type, unit.state);
    Symbol executor =
        start instanceof MemberReferenceTree reference
            ? executorOf(reference)
            : executorOf((MethodInvocationTree) start, unit.state);
    if (executor == null || (member.executor != null && !member.executor.equals(executor))) {
      member.mixedExecutors = true;
    }
    member.executor = executor;
  }

  /** The executor a start submits to: its receiver, or the executor argument of runAsync. */
  private static @Nullable Symbol executorOf(MethodInvocationTree start, VisitorState state) {
    Symbol receiver = Expressions.receiverSymbol(start);
    if (isVariable(receiver)) {
      return receiver;
    }
    Type executor = state.getTypeFromString("java.util.concurrent.Executor");
    if (!start.getArguments().isEmpty() && executor != null) {
      Symbol last = getSymbol(stripParentheses(start.getArguments().getLast()));
      return isVariable(last) && last.type != null && isSubtype(last.type, executor, state)
          ? last
          : null;
    }
    return null;
  }

  /** The executor a method reference submits to: {@code pool} in {@code pool::submit}. */
  private static @Nullable Symbol executorOf(MemberReferenceTree start) {
    Symbol receiver = getSymbol(stripParentheses(start.getQualifierExpression()));
    return isVariable(receiver) ? receiver : null;
  }

  private static boolean isVariable(@Nullable Symbol symbol) {
    return symbol != null
        && (symbol.getKind() == ElementKind.LOCAL_VARIABLE
            || symbol.getKind() == ElementKind.PARAMETER
            || symbol.getKind() == ElementKind.FIELD
            || symbol.getKind() == ElementKind.RESOURCE_VARIABLE);
  }

  private static @Nullable Member member(Unit unit, @Nullable Symbol symbol, boolean collection) {
    if (symbol == null || !unit.locals.containsKey(symbol)) {
      return null; // fields and parameters: someone else holds them too
    }
    return unit.members.computeIfAbsent(
        symbol,
        s ->
            new Member(
                s,
                unit.locals.get(s),
                collection,
                s.type != null && Subtasks.isCompletableFuture(s.type, unit.state)));
  }

  private static boolean insideLoop(TreePath path, TreePath unit) {
    for (TreePath p = path; p != null && p.getLeaf() != unit.getLeaf(); p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof ForLoopTree
          || leaf instanceof EnhancedForLoopTree
          || leaf instanceof WhileLoopTree
          || leaf instanceof DoWhileLoopTree) {
        return true;
      }
    }
    return false;
  }

  /** {@code Future<T> f = pool.submit(..); futures.add(f);}: f belongs to {@code futures}. */
  private static void absorbIntoCollections(Unit unit) {
    for (Member local : List.copyOf(unit.members.values())) {
      if (local.collection) {
        continue;
      }
      for (TreePath reference : LocalUses.references(unit.path, local.symbol)) {
        TreePath parent = LocalUses.parent(reference);
        if (parent != null
            && parent.getLeaf() instanceof MethodInvocationTree add
            && add.getArguments().contains(reference.getLeaf())
            && getSymbol(add) != null
            && ADDS.contains(getSymbol(add).getSimpleName().toString())
            && !LocalUses.isInNestedCode(reference, unit.path)) {
          Member collection = member(unit, Expressions.receiverSymbol(add), true);
          if (collection == null || collection == local) {
            continue;
          }
          unit.members.remove(local.symbol);
          collection.starts.addAll(local.starts);
          collection.thread |= local.thread;
          collection.several |= insideLoop(reference, unit.path) || collection.starts.size() >= 2;
          if (local.executor == null
              || (collection.executor != null && !collection.executor.equals(local.executor))) {
            collection.mixedExecutors = true;
          }
          collection.executor = local.executor;
          collection.mixedExecutors |= local.mixedExecutors;
          break;
        }
      }
    }
  }

  // ---------------------------------------------------------------- classifying the uses

  private static void classifyUses(Unit unit, Member member) {
    for (TreePath reference : LocalUses.references(unit.path, member.symbol)) {
      if (LocalUses.isInNestedCode(reference, unit.path)) {
        member.handedOn = true;
        continue;
      }
      boolean understood =
          member.collection
              ? classifyCollectionUse(unit, member, reference)
              : classifyHandleUse(unit, member, reference, member.thread);
      member.handedOn |= !understood;
    }
  }

  /** A use of a single handle; false if it hands the handle on or is not understood. */
  private static boolean classifyHandleUse(
      Unit unit, Member member, TreePath reference, boolean thread) {
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
        yield classifyCall(unit, member, call, thread, false);
      }
      case MethodInvocationTree call when Subtasks.isAllOf(call, unit.state) ->
          classifyAllOf(unit, member, parent);
      case MethodInvocationTree add
          when getSymbol(add) != null && ADDS.contains(getSymbol(add).getSimpleName().toString()) ->
          unit.members.containsKey(Expressions.receiverSymbol(add));
      default -> false;
    };
  }

  /** A call on a handle (or on an element of a collection of handles). */
  private static boolean classifyCall(
      Unit unit, Member member, MethodInvocationTree call, boolean thread, boolean element) {
    VisitorState state = unit.state;
    String name = getSymbol(call) == null ? "" : getSymbol(call).getSimpleName().toString();
    if (Subtasks.isWait(call, state)) {
      member.waits.add(call);
      unit.waitsFor.computeIfAbsent(call, c -> new ArrayList<>()).add(member);
      if (!element) {
        unit.settlingWaits.add(call);
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
  private static boolean classifyAllOf(Unit unit, Member member, TreePath allOfPath) {
    TreePath select = LocalUses.parent(allOfPath);
    TreePath callPath = select == null ? null : LocalUses.parent(select);
    if (select == null
        || !(select.getLeaf() instanceof MemberSelectTree)
        || callPath == null
        || !(callPath.getLeaf() instanceof MethodInvocationTree wait)
        || !Subtasks.isWait(wait, unit.state)) {
      return false; // the combined future is kept or chained: handed on
    }
    member.waits.add(wait);
    unit.waitsFor.computeIfAbsent(wait, c -> new ArrayList<>()).add(member);
    unit.settlingWaits.add(wait);
    unit.combinedWaits.add(wait);
    return true;
  }

  /** A use of a collection of handles; false if it hands them on or is not understood. */
  private static boolean classifyCollectionUse(Unit unit, Member member, TreePath reference) {
    TreePath parent = LocalUses.parent(reference);
    if (parent == null) {
      return false;
    }
    switch (parent.getLeaf()) {
      case EnhancedForLoopTree loop when loop.getExpression() == reference.getLeaf() -> {
        return classifyElementLoop(unit, member, loop, parent);
      }
      case AssignmentTree assignment -> {
        return assignment.getVariable() == reference.getLeaf();
      }
      case ArrayAccessTree access -> {
        return classifyElement(unit, member, parent);
      }
      case MethodInvocationTree call when Subtasks.isAllOf(call, unit.state) -> {
        return classifyAllOf(unit, member, parent);
      }
      case MemberSelectTree select -> {
        TreePath callPath = LocalUses.parent(parent);
        if (callPath == null || !(callPath.getLeaf() instanceof MethodInvocationTree call)) {
          return Subtasks.isCollectionInspection(select, false);
        }
        String name = select.getIdentifier().toString();
        if (ADDS.contains(name) || Subtasks.isCollectionInspection(select, true)) {
          return true;
        }
        return switch (name) {
          case "get" -> call.getArguments().size() == 1 && classifyElement(unit, member, callPath);
          case "toArray" -> {
            TreePath user = LocalUses.parent(callPath);
            yield user != null
                && user.getLeaf() instanceof MethodInvocationTree allOf
                && Subtasks.isAllOf(allOf, unit.state)
                && classifyAllOf(unit, member, user);
          }
          case "values", "entrySet", "stream", "parallelStream", "forEach" ->
              classifyView(unit, member, callPath);
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
      Unit unit, Member member, EnhancedForLoopTree loop, TreePath loopPath) {
    Symbol element = getSymbol(loop.getVariable());
    if (element == null) {
      return false;
    }
    if (Subtasks.cancelsEveryElement(loop, member.symbol, unit.state)) {
      member.otherCancels.add(loop);
    }
    boolean entries = Subtasks.isEntrySetOf(loop.getExpression(), member.symbol);
    int waitsBefore = member.waits.size();
    for (TreePath use : LocalUses.references(loopPath, element)) {
      if (LocalUses.isInNestedCode(use, unit.path)
          || !(entries
              ? classifyEntryUse(unit, member, use, element)
              : classifyElementUse(unit, member, use))) {
        return false;
      }
    }
    if (member.waits.size() > waitsBefore) {
      member.waitingLoops.add(loop);
    }
    return true;
  }

  /** {@code futures.get(i)} or {@code futures[i]}, used directly or through a local. */
  private static boolean classifyElement(Unit unit, Member member, TreePath elementPath) {
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
      for (TreePath use : LocalUses.references(unit.path, getSymbol(alias))) {
        understood &=
            !LocalUses.isInNestedCode(use, unit.path) && classifyElementUse(unit, member, use);
      }
    } else {
      understood = classifyElementUse(unit, member, elementPath);
    }
    if (understood && member.waits.size() > waitsBefore) {
      ForLoopTree indexLoop = enclosingForLoop(elementPath, unit.path);
      if (indexLoop != null) {
        member.waitingLoops.add(indexLoop);
      }
    }
    return understood;
  }

  /** {@code entry.getKey()}, or {@code entry.getValue()} used as an element is. */
  private static boolean classifyEntryUse(Unit unit, Member member, TreePath use, Symbol entry) {
    TreePath select = LocalUses.parent(use);
    TreePath call = select == null ? null : LocalUses.parent(select);
    if (call == null
        || !(select.getLeaf() instanceof MemberSelectTree selected)
        || !(call.getLeaf() instanceof MethodInvocationTree)) {
      return false;
    }
    return selected.getIdentifier().contentEquals("getKey")
        || (Subtasks.isEntryValue((ExpressionTree) call.getLeaf(), entry)
            && classifyElement(unit, member, call));
  }

  private static boolean classifyElementUse(Unit unit, Member member, TreePath use) {
    TreePath parent = LocalUses.parent(use);
    if (parent == null || !(parent.getLeaf() instanceof MemberSelectTree)) {
      return false;
    }
    TreePath callPath = LocalUses.parent(parent);
    return callPath != null
        && callPath.getLeaf() instanceof MethodInvocationTree call
        && classifyCall(unit, member, call, member.thread, true);
  }

  /**
   * {@code futures.stream()..}, {@code futures.forEach(..)}, {@code futures.values()..}: a chain
   * that waits for every element ({@code map(CompletableFuture::join)}), cancels every element, or
   * iterates the values of a map.
   */
  private static boolean classifyView(Unit unit, Member member, TreePath viewCall) {
    TreePath end = viewCall;
    boolean waits = false;
    boolean cancels = false;
    while (true) {
      MethodInvocationTree call = (MethodInvocationTree) end.getLeaf();
      for (ExpressionTree argument : call.getArguments()) {
        waits |= isJoinFunction(argument, unit.state);
        cancels |= isCancelFunction(argument, unit.state);
      }
      TreePath parent = LocalUses.parent(end);
      if (parent != null && parent.getLeaf() instanceof EnhancedForLoopTree loop) {
        return classifyElementLoop(unit, member, loop, parent);
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
      unit.waitsFor.computeIfAbsent(last, c -> new ArrayList<>()).add(member);
      unit.settlingWaits.add(last);
      unit.combinedWaits.add(last);
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

  private static @Nullable ForLoopTree enclosingForLoop(TreePath path, TreePath unit) {
    for (TreePath p = path; p != null && p.getLeaf() != unit.getLeaf(); p = p.getParentPath()) {
      if (p.getLeaf() instanceof ForLoopTree loop) {
        return loop;
      }
    }
    return null;
  }

  private static void computeRange(Member member, VisitorState state) {
    for (Tree start : member.starts) {
      member.rangeStart = Math.min(member.rangeStart, state.getEndPosition(start));
    }
    List<Tree> ends = new ArrayList<>();
    ends.addAll(member.waits);
    ends.addAll(member.waitingLoops);
    if (ends.isEmpty()) {
      ends.addAll(member.cancels);
      ends.addAll(member.otherCancels);
    }
    for (Tree end : ends) {
      member.rangeEnd = Math.max(member.rangeEnd, state.getEndPosition(end));
    }
  }

  // ---------------------------------------------------------------- the walk

  /** The facts: one per handle, "still running and nobody will wait for it or cancel it". */
  private static final class OrphanSpec implements FactFlow.Spec {
    private final Unit unit;
    private final boolean several;
    private final boolean followInterrupts;
    private final VisitorState state;

    OrphanSpec(Unit unit, boolean several, boolean followInterrupts) {
      this.unit = unit;
      this.several = several;
      this.followInterrupts = followInterrupts;
      this.state = unit.state;
    }

    /** Members started before {@code position} and not yet waited for by their last wait. */
    private long live(int position) {
      long live = 0;
      for (Member member : unit.members.values()) {
        if (member.rangeStart <= position && position < member.rangeEnd) {
          live |= member.mask();
        }
      }
      return live;
    }

    @Override
    public List<Raise> raises(ExpressionTree call) {
      if (!(call instanceof MethodInvocationTree invocation)) {
        return List.of();
      }
      int position = getStartPosition(call);
      List<Member> waited = unit.waitsFor.get(call);
      if (waited == null || waited.isEmpty()) {
        long live = live(position);
        return live != 0
                && followInterrupts
                && Interrupts.throwsInterruptedException(invocation, state)
            ? List.of(new Raise(Interrupts.interruptedExceptionType(state), live))
            : List.of();
      }
      long live = live(position);
      for (Member member : waited) {
        live |= member.mask();
      }
      // A wait that failed: the future waited for is done (a collection still has the rest).
      long failedDone = 0;
      for (Member member : waited) {
        if (!member.collection && !unit.combinedWaits.contains(call)) {
          failedDone |= member.mask();
        }
      }
      List<Raise> raises = new ArrayList<>();
      Type interrupted = Interrupts.interruptedExceptionType(state);
      Type methodType = getType(invocation.getMethodSelect());
      List<Type> thrown = methodType == null ? List.of() : methodType.getThrownTypes();
      for (Type type : thrown) {
        if (isSubtype(type, interrupted, state)) {
          if (followInterrupts) {
            raises.add(new Raise(type, live));
          }
        } else if (several) {
          raises.add(new Raise(type, live & ~failedDone));
        }
      }
      if (several
          && (Subtasks.isJoinOfCompletableFuture(call, state)
              || unit.combinedWaits.contains(call))) {
        Type completion = state.getTypeFromString("java.util.concurrent.CompletionException");
        if (completion != null) {
          raises.add(new Raise(completion, live & ~failedDone));
        }
      }
      return raises;
    }

    @Override
    public long addedByThrow(ThrowTree tree) {
      // A new interrupt noticed here (`throw new InterruptedException()`), not a rethrow.
      return followInterrupts
              && stripParentheses(tree.getExpression()) instanceof NewClassTree created
              && Interrupts.isInterruptedExceptionValue(created, state)
          ? live(getStartPosition(tree))
          : 0;
    }

    @Override
    public long killedByStatement(StatementTree statement) {
      if (!(statement instanceof EnhancedForLoopTree
          || statement instanceof ForLoopTree
          || statement instanceof ExpressionStatementTree)) {
        return 0;
      }
      long killed = 0;
      for (Member member : unit.members.values()) {
        if (member.collection && Subtasks.cancelsEveryElement(statement, member.symbol, state)) {
          killed |= member.mask();
        }
      }
      return killed;
    }

    @Override
    public long killedBy(ExpressionTree tree) {
      long killed = 0;
      for (Member member : unit.members.values()) {
        if (member.cancels.contains(tree)) {
          killed |= member.mask();
        }
      }
      List<Member> waited = unit.waitsFor.get(tree);
      if (waited != null && unit.settlingWaits.contains(tree)) {
        for (Member member : waited) {
          killed |= member.mask();
        }
      }
      if (Subtasks.stopsAllTasksOfExecutor(tree, state)) {
        killed |= startedOn(Expressions.receiverSymbol(tree));
      }
      return killed;
    }

    @Override
    public long acquiredBy(ExpressionTree tree) {
      long acquired = 0;
      for (Member member : unit.members.values()) {
        if (member.starts.contains(tree)) {
          acquired |= member.mask();
        }
      }
      return acquired;
    }

    @Override
    public long killedByLoop(StatementTree loop) {
      long killed = 0;
      for (Member member : unit.members.values()) {
        if (member.waitingLoops.contains(loop)) {
          killed |= member.mask();
        }
      }
      return killed;
    }

    @Override
    public long killedByLeaving(TryTree tryTree) {
      long killed = 0;
      for (Tree resource : tryTree.getResources()) {
        killed |= startedOn(getSymbol(resource));
      }
      return killed;
    }

    /** Members whose every start went to this executor. */
    private long startedOn(@Nullable Symbol executor) {
      long started = 0;
      if (executor == null) {
        return 0;
      }
      for (Member member : unit.members.values()) {
        if (!member.mixedExecutors && executor.equals(member.executor)) {
          started |= member.mask();
        }
      }
      return started;
    }
  }

  private static List<Member> membersIn(Unit unit, long facts) {
    return unit.members.values().stream()
        .filter(m -> (facts & m.mask()) != 0)
        .collect(Collectors.toList());
  }

  // ---------------------------------------------------------------- message

  private static String message(Unit unit, List<Exit> exits, List<Member> left, boolean several) {
    VisitorState state = unit.state;
    Tree origin = exits.getFirst().origin();
    boolean isWait = unit.waitsFor.containsKey(origin);
    String trigger =
        origin instanceof ThrowTree
            ? "When this InterruptedException is thrown"
            : isWait
                ? several ? "If this wait fails or is interrupted" : "If this wait is interrupted"
                : "If this call is interrupted";
    // Ways out the code chose (return, throw, ..) first, then propagation; at most two.
    String how =
        exits.stream()
            .sorted(
                Comparator.comparing((Exit e) -> e.kind() == ExitKind.PROPAGATES)
                    .thenComparingInt(e -> getStartPosition(e.tree())))
            .map(e -> e.describe(state, "starts new sub-tasks"))
            .distinct()
            .limit(2)
            .collect(Collectors.joining(" or "));
    if (!several) {
      Member child = left.getFirst();
      return trigger
          + ", the task "
          + how
          + " without "
          + (child.thread ? "interrupting thread " : "cancelling ")
          + "`"
          + child.name()
          + "` (started on line "
          + Lines.of(child.starts.getFirst(), state)
          + "): a nested task does not inherit its parent's interrupt and runs on, unowned. "
          + (child.thread ? "Interrupt" : "Cancel")
          + " it before leaving ("
          + cancelText(child, "f", "Future").strip()
          + "), or start it in a StructuredTaskScope.";
    }
    return trigger
        + ", the method "
        + how
        + " while "
        + describeMembers(left)
        + " still run: nobody cancels them, so they keep using threads and connections for a"
        + " result nobody will read. Cancel them on that path (e.g. "
        + cancelText(left.getFirst(), "f", "Future").strip()
        + "), or use StructuredTaskScope, which cancels the siblings when one fails, or"
        + " ExecutorService.invokeAll, which returns only when all are done.";
  }

  private static String describeMembers(List<Member> members) {
    List<String> parts = new ArrayList<>();
    List<String> singles = new ArrayList<>();
    for (Member member : members) {
      if (member.collection) {
        parts.add(
            "the other " + (member.thread ? "threads" : "futures") + " in `" + member.name() + "`");
      } else {
        singles.add("`" + member.name() + "`");
      }
    }
    if (!singles.isEmpty()) {
      parts.add(String.join(", ", singles));
    }
    return String.join(" and ", parts);
  }

  // ---------------------------------------------------------------- fix

  /** The statement(s) that cancel a member, each on its own line. */
  private static String cancelText(Member member, String variable, String futureType) {
    if (member.collection) {
      boolean map =
          member.symbol.type != null
              && member.symbol.type.tsym != null
              && member.symbol.type.tsym.getQualifiedName().toString().endsWith("Map");
      String elements = member.name() + (map ? ".values()" : "");
      return member.thread
          ? "for (Thread " + variable + " : " + elements + ") { " + variable + ".interrupt(); }\n"
          : "for ("
              + futureType
              + "<?> "
              + variable
              + " : "
              + elements
              + ") { "
              + variable
              + ".cancel(true); }\n";
    }
    if (member.thread) {
      return member.name() + ".interrupt();\n";
    }
    // A CompletableFuture ignores the flag: it never interrupts its computation.
    return member.name() + ".cancel(" + !member.completable + ");\n";
  }

  private Optional<SuggestedFix> fix(Unit unit, List<Exit> exits) {
    VisitorState state = unit.state;
    SuggestedFix.Builder fix = SuggestedFix.builder();
    boolean loopOverFutures =
        unit.members.values().stream().anyMatch(m -> m.collection && !m.thread);
    String futureType =
        loopOverFutures
            ? SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.Future")
            : "Future";
    String variable = freshName(unit);
    boolean insertable = true;
    for (Exit exit : exits) {
      if (!insertBeforeExit(unit, exit, fix, variable, futureType)) {
        insertable = false;
        break;
      }
    }
    if (insertable) {
      return Optional.of(fix.build());
    }
    SuggestedFix.Builder wrap = SuggestedFix.builder();
    futureType =
        loopOverFutures
            ? SuggestedFixes.qualifyType(state, wrap, "java.util.concurrent.Future")
            : "Future";
    return wrapInTryFinally(unit, exits, wrap, variable, futureType)
        ? Optional.of(wrap.build())
        : Optional.empty();
  }

  /** Inserts the cancels right before a return, a throw, or the end of the body. */
  private static boolean insertBeforeExit(
      Unit unit, Exit exit, SuggestedFix.Builder fix, String variable, String futureType) {
    List<Member> left = membersIn(unit, exit.facts());
    StringBuilder cancels = new StringBuilder();
    for (Member member : left) {
      cancels.append(cancelText(member, variable, futureType));
    }
    switch (exit.kind()) {
      case RETURNS, THROWS -> {
        TreePath exitPath = TreePath.getPath(unit.path, exit.tree());
        if (exitPath == null || !(exit.tree() instanceof StatementTree statement)) {
          return false;
        }
        for (Member member : left) {
          if (!inScope(member, exitPath, unit)) {
            return false;
          }
        }
        Tree parent = exitPath.getParentPath().getLeaf();
        if (parent instanceof BlockTree
            || (parent instanceof CaseTree caseTree
                && caseTree.getCaseKind() == CaseTree.CaseKind.STATEMENT)) {
          fix.prefixWith(statement, cancels.toString());
        } else {
          fix.prefixWith(statement, "{\n" + cancels).postfixWith(statement, "\n}");
        }
        return true;
      }
      case FALLS_OFF -> {
        for (Member member : left) {
          if (!unit.body.getStatements().contains(member.declaration)
              || member.declaration.getInitializer() == null) {
            return false;
          }
        }
        int closingBrace = unit.state.getEndPosition(unit.body) - 1;
        fix.replace(closingBrace, closingBrace, cancels.toString());
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** The declaration is initialized and its block encloses the point, before it. */
  private static boolean inScope(Member member, TreePath point, Unit unit) {
    if (member.declaration.getInitializer() == null
        || getStartPosition(member.declaration) > getStartPosition(point.getLeaf())) {
      return false;
    }
    for (TreePath p = point; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof BlockTree block
          && block.getStatements().contains(member.declaration)) {
        return true;
      }
      if (p.getLeaf() == unit.path.getLeaf()) {
        return false;
      }
    }
    return false;
  }

  /**
   * Wraps the statements from the first one that can fail to the end of the block declaring the
   * handles in {@code try { .. } finally { <cancel them> }}: cancelling a finished future does
   * nothing, so the normal path is unchanged.
   */
  private static boolean wrapInTryFinally(
      Unit unit, List<Exit> exits, SuggestedFix.Builder fix, String variable, String futureType) {
    BlockTree block = null;
    for (Member member : unit.members.values()) {
      if (member.declaration.getInitializer() == null) {
        return false;
      }
      TreePath declaration = TreePath.getPath(unit.path, member.declaration);
      if (declaration == null
          || !(declaration.getParentPath().getLeaf() instanceof BlockTree declaring)
          || (block != null && block != declaring)) {
        return false;
      }
      block = declaring;
    }
    if (block == null) {
      return false;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int lastDeclaration = -1;
    for (Member member : unit.members.values()) {
      lastDeclaration = Math.max(lastDeclaration, statements.indexOf(member.declaration));
    }
    int firstOrigin =
        exits.stream().mapToInt(e -> getStartPosition(e.origin())).min().orElse(Integer.MAX_VALUE);
    int from = -1;
    for (int i = lastDeclaration + 1; i < statements.size(); i++) {
      if (unit.state.getEndPosition(statements.get(i)) > firstOrigin) {
        from = i;
        break;
      }
    }
    if (from < 0 || getStartPosition(statements.get(from)) > firstOrigin) {
      return false; // a source before the handles' declarations: not this shape
    }
    StringBuilder cancels = new StringBuilder();
    for (Member member : unit.members.values()) {
      cancels.append(cancelText(member, variable, futureType));
    }
    // `try {` on the line of the first wrapped statement, so that line shows what is wrapped.
    fix.prefixWith(statements.get(from), "try { ")
        .postfixWith(statements.getLast(), "\n} finally {\n" + cancels + "}");
    return true;
  }

  private static String freshName(Unit unit) {
    TreePath outermost = unit.path;
    for (TreePath p = unit.path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        outermost = p;
      }
      if (p.getLeaf() instanceof ClassTree) {
        break;
      }
    }
    Set<String> taken = LocalUses.declaredNames(outermost.getLeaf());
    for (String candidate : List.of("f", "future", "task", "pending")) {
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
    int i = 1;
    while (taken.contains("f" + i)) {
      i++;
    }
    return "f" + i;
  }
}
