package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.tasks.SubtaskGroup.Member;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link SubtaskGroup}'s handles come from: the calls of its code unit that start a task
 * and hand back a future or thread ({@code pool.submit(..)}, {@code supplyAsync}, a started thread,
 * {@code stream().map(x -> pool.submit(..))} or {@code map(pool::submit)}), and the local or local
 * collection each one is kept in, with the executor it went to.
 */
final class SubtaskStarts {
  private SubtaskStarts() {}

  /**
   * The code unit (a method, or a lambda with a block body) whose {@link #collectStarts} looks at
   * the call or method reference at {@code path}, if that is named like a start; null if none does:
   * a call at class level, or in nested code of no such unit (inside an expression lambda, but for
   * the lambda's whole body, which the code around the lambda looks at). Every start it collects is
   * named like one, so a code unit with no such call starts nothing: a check starts from these
   * calls, which Error Prone visits anyway, rather than scan every code unit for one.
   */
  static @Nullable TreePath codeUnitCollecting(TreePath path) {
    Tree leaf = path.getLeaf();
    boolean named =
        leaf instanceof MethodInvocationTree call
            ? namedLikeStart(call)
            : leaf instanceof MemberReferenceTree reference
                && ExecutorCalls.SUBMISSION_NAMES.contains(CallNames.of(reference));
    if (!named) {
      return null;
    }
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      switch (p.getLeaf()) {
        case MethodTree method -> {
          return method.getBody() == null ? null : p;
        }
        case ClassTree classTree -> {
          return null;
        }
        case LambdaExpressionTree lambda -> {
          if (lambda.getBody() instanceof BlockTree) {
            return p;
          }
          // `map(id -> pool.submit(..))`: the lambda's whole body is looked at from around it.
          if (lambda.getBody() != leaf || !(leaf instanceof MethodInvocationTree)) {
            return null;
          }
        }
        default -> {}
      }
    }
    return null;
  }

  /** Named like a task or thread start ({@link Tasks#isTaskSubmission}, {@code thread.start()}). */
  private static boolean namedLikeStart(MethodInvocationTree call) {
    String name = CallNames.of(call);
    return name != null
        && (ExecutorCalls.SUBMISSION_NAMES.contains(name)
            || (!name.equals(CallNames.CONSTRUCTOR)
                && ThreadCalls.THREAD_BODY_NAMES.contains(name)));
  }

  static void collectStarts(SubtaskGroup group) {
    VisitorState state = group.state;
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        Symbol symbol = getSymbol(variable);
        if (symbol != null && symbol.getKind() == ElementKind.LOCAL_VARIABLE) {
          group.locals.put(symbol, variable);
        }
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Subtasks.isHandleStart(call, state)) {
          recordStart(group, getCurrentPath(), call, false);
        } else if (Subtasks.isThreadStart(call, state)) {
          Member member = member(group, Expressions.receiverSymbol(call), false);
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
            recordStart(group, chainEnd, call, true);
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
            recordStart(group, chainEnd, reference, true);
          }
        }
        return super.visitMemberReference(reference, null);
      }

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        return null;
      }
    }.scan(new TreePath(group.path, group.body), null);
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
  private static void recordStart(
      SubtaskGroup group, TreePath startPath, Tree start, boolean several) {
    TreePath parent = LocalUses.parent(startPath);
    if (parent == null) {
      return;
    }
    Member member =
        switch (parent.getLeaf()) {
          case VariableTree variable -> member(group, getSymbol(variable), several);
          case AssignmentTree assignment
              when stripParentheses(assignment.getExpression()) == startPath.getLeaf() ->
              stripParentheses(assignment.getVariable()) instanceof ArrayAccessTree access
                  ? member(group, getSymbol(stripParentheses(access.getExpression())), true)
                  : member(group, getSymbol(assignment.getVariable()), several);
          case MethodInvocationTree add
              when getSymbol(add) != null
                  && SubtaskGroup.ADDS.contains(getSymbol(add).getSimpleName().toString()) ->
              member(group, Expressions.receiverSymbol(add), true);
          default -> null;
        };
    if (member == null) {
      return;
    }
    member.starts.add(start);
    member.several |= several || member.collection && (insideLoop(startPath, group.path));
    if (member.collection && member.starts.size() >= 2) {
      member.several = true;
    }
    Type type =
        start instanceof MemberReferenceTree reference
                && getSymbol(reference) instanceof MethodSymbol method
            ? method.getReturnType()
            : getType(start);
    member.thread |= type != null && Subtasks.isThread(type, group.state);
    Symbol executor =
        start instanceof MemberReferenceTree reference
            ? executorOf(reference)
            : executorOf((MethodInvocationTree) start, group.state);
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

  private static @Nullable Member member(
      SubtaskGroup group, @Nullable Symbol symbol, boolean collection) {
    if (symbol == null || !group.locals.containsKey(symbol)) {
      return null; // fields and parameters: someone else holds them too
    }
    return group.members.computeIfAbsent(
        symbol,
        s ->
            new Member(
                s,
                group.locals.get(s),
                collection,
                s.type != null && Subtasks.isCompletableFuture(s.type, group.state)));
  }

  private static boolean insideLoop(TreePath path, TreePath codeUnit) {
    for (TreePath p = path; p != null && p.getLeaf() != codeUnit.getLeaf(); p = p.getParentPath()) {
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
  static void absorbIntoCollections(SubtaskGroup group) {
    for (Member local : List.copyOf(group.members.values())) {
      if (local.collection) {
        continue;
      }
      for (TreePath reference : LocalUses.references(group.path, local.symbol)) {
        TreePath parent = LocalUses.parent(reference);
        if (parent != null
            && parent.getLeaf() instanceof MethodInvocationTree add
            && add.getArguments().contains(reference.getLeaf())
            && getSymbol(add) != null
            && SubtaskGroup.ADDS.contains(getSymbol(add).getSimpleName().toString())
            && !LocalUses.isInNestedCode(reference, group.path)) {
          Member collection = member(group, Expressions.receiverSymbol(add), true);
          if (collection == null || collection == local) {
            continue;
          }
          group.members.remove(local.symbol);
          collection.starts.addAll(local.starts);
          collection.thread |= local.thread;
          collection.several |= insideLoop(reference, group.path) || collection.starts.size() >= 2;
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
}
