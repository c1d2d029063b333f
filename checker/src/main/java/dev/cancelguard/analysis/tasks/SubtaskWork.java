package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.interrupts.Polls;
import dev.cancelguard.analysis.tasks.SubtaskGroup.Member;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * What the threads a {@link SubtaskGroup} started do, read from their code: whether an interrupt
 * can stop them at all, whether their work is confined to the method that started them, and whether
 * their work is a lasting change of the component that others rely on rather than a result only the
 * waiting method reads.
 */
public final class SubtaskWork {
  /** Stream reads that block until the other end writes or closes; no interrupt ends them. */
  private static final ImmutableSet<String> STREAM_READS =
      ImmutableSet.of("read", "readLine", "readAllBytes", "readNBytes", "transferTo", "skip");

  /** Streams whose reads wait in {@code Object.wait} and end with an interrupt. */
  private static final ImmutableSet<String> INTERRUPTIBLE_STREAMS =
      ImmutableSet.of("java.io.PipedInputStream", "java.io.PipedReader");

  /** In-memory sinks: what is written to them stays in the object. */
  private static final ImmutableSet<String> IN_MEMORY_SINKS =
      ImmutableSet.of(
          "java.io.ByteArrayOutputStream",
          "java.io.CharArrayWriter",
          "java.io.StringWriter",
          "java.lang.StringBuilder",
          "java.lang.StringBuffer");

  /** Classes whose static methods only compute from their arguments. */
  private static final ImmutableSet<String> PURE_STATICS =
      ImmutableSet.of(
          "java.lang.Math",
          "java.util.Objects",
          "java.util.Arrays",
          "java.lang.String",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Character",
          "java.lang.Boolean");

  private SubtaskWork() {}

  /**
   * What one started thread runs.
   *
   * @param creation the {@code new} that made the thread
   * @param body the body of its {@code run()} or of the lambda it was handed
   * @param type its class when that class is named (a {@code Thread} subclass), null for an
   *     anonymous class or a lambda written where it is started
   */
  record ThreadWork(NewClassTree creation, Tree body, @Nullable ClassSymbol type) {}

  /**
   * The work of every thread the member started, or an empty list if some of them is not a local
   * made by {@code new} in the code unit whose body can be read.
   */
  static List<ThreadWork> threadWork(Member member, SubtaskGroup group) {
    if (!member.thread || member.starts.isEmpty()) {
      return List.of();
    }
    List<ThreadWork> works = new ArrayList<>();
    for (Tree start : member.starts) {
      if (!(start instanceof MethodInvocationTree call)
          || !(getReceiver(call) instanceof ExpressionTree receiver)
          || !(getSymbol(receiver) instanceof Symbol local)) {
        return List.of();
      }
      VariableTree declaration = group.locals.get(local);
      if (declaration == null
          || !(stripParentheses(declaration.getInitializer()) instanceof NewClassTree creation)) {
        return List.of();
      }
      ThreadWork work = workOf(creation, group.state);
      if (work == null) {
        return List.of();
      }
      works.add(work);
    }
    return works;
  }

  private static @Nullable ThreadWork workOf(NewClassTree creation, VisitorState state) {
    if (creation.getClassBody() != null) {
      Tree run = runBody(creation.getClassBody());
      return run == null ? null : new ThreadWork(creation, run, null);
    }
    Type type = getType(creation);
    if (type == null || !(type.tsym instanceof ClassSymbol c)) {
      return null;
    }
    if (c.getQualifiedName().contentEquals("java.lang.Thread")) {
      Type runnable = state.getTypeFromString("java.lang.Runnable");
      for (ExpressionTree argument : creation.getArguments()) {
        ExpressionTree stripped = stripParentheses(argument);
        if (stripped instanceof LambdaExpressionTree lambda
            && runnable != null
            && getType(lambda) != null
            && isSubtype(getType(lambda), runnable, state)) {
          return new ThreadWork(creation, lambda.getBody(), null);
        }
        if (stripped instanceof NewClassTree runner && runner.getClassBody() != null) {
          Tree run = runBody(runner.getClassBody());
          return run == null ? null : new ThreadWork(creation, run, null);
        }
      }
      return null;
    }
    for (Symbol member : c.getEnclosedElements()) {
      if (member instanceof MethodSymbol method
          && method.getSimpleName().contentEquals("run")
          && method.getParameters().isEmpty()
          && !method.isStatic()) {
        MethodTree tree = CompiledSources.methodTree(method, state);
        return tree == null || tree.getBody() == null
            ? null
            : new ThreadWork(creation, tree.getBody(), c);
      }
    }
    return null;
  }

  private static @Nullable Tree runBody(ClassTree body) {
    for (Tree member : body.getMembers()) {
      if (member instanceof MethodTree method
          && method.getName().contentEquals("run")
          && method.getParameters().isEmpty()
          && method.getBody() != null) {
        return method.getBody();
      }
    }
    return null;
  }

  /**
   * Removes from the group the members whose work nobody misses when it is left running: threads
   * {@linkplain #isConfinedToTheMethod confined to the method}, and threads doing {@linkplain
   * #isLastingLifecycleWork a component's start or stop}. Call before {@link SubtaskGroup#number}.
   */
  public static void dropWorkNotOrphaned(SubtaskGroup group) {
    List<Member> dropped = new ArrayList<>();
    for (Member member : group.members.values()) {
      if (isConfinedToTheMethod(member, group) || isLastingLifecycleWork(member, group)) {
        dropped.add(member);
      }
    }
    if (dropped.isEmpty()) {
      return;
    }
    group.members.values().removeAll(dropped);
    group.waitsFor.values().forEach(list -> list.removeAll(dropped));
  }

  // ------------------------------------------------------------------ no interrupt stops them

  /**
   * A read of a stream in which every thread of the member blocks and that no interrupt ends
   * ({@code in.read(buf)} on a process's or a socket's stream), when none of them ever notices an
   * interrupt (no call that throws {@link InterruptedException}, no test of the flag): interrupting
   * them stops nothing. Null if some thread notices interrupts, makes no such read, or cannot be
   * read.
   */
  public static @Nullable MethodInvocationTree readNoInterruptEnds(
      Member member, SubtaskGroup group, CancelGuardOptions options) {
    List<ThreadWork> works = threadWork(member, group);
    MethodInvocationTree first = null;
    for (ThreadWork work : works) {
      if (CancellationPoints.containsCancellationPoint(work.body(), group.state, options)) {
        return null;
      }
      MethodInvocationTree read = streamRead(work.body(), group.state);
      if (read == null) {
        return null;
      }
      if (first == null) {
        first = read;
      }
    }
    return first;
  }

  /**
   * The first stream read the body makes, directly or through static or private methods whose
   * source is compiled here (three deep).
   */
  private static @Nullable MethodInvocationTree streamRead(Tree body, VisitorState state) {
    return streamRead(body, state, new ArrayList<>());
  }

  private static @Nullable MethodInvocationTree streamRead(
      Tree body, VisitorState state, List<MethodSymbol> entered) {
    Type input = state.getTypeFromString("java.io.InputStream");
    Type reader = state.getTypeFromString("java.io.Reader");
    MethodInvocationTree[] found = new MethodInvocationTree[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (found[0] != null || !(getSymbol(call) instanceof MethodSymbol method)) {
          return super.visitMethodInvocation(call, null);
        }
        if (STREAM_READS.contains(method.getSimpleName().toString())
            && getReceiver(call) instanceof ExpressionTree receiver
            && getType(receiver) instanceof Type type
            && !INTERRUPTIBLE_STREAMS.contains(type.tsym.getQualifiedName().toString())
            && ((input != null && isSubtype(type, input, state))
                || (reader != null && isSubtype(type, reader, state)))) {
          found[0] = call;
        } else if ((method.isStatic() || method.getModifiers().contains(Modifier.PRIVATE))
            && entered.size() < 3
            && !entered.contains(method)
            && CompiledSources.methodTree(method, state) instanceof MethodTree helper
            && helper.getBody() != null) {
          entered.add(method);
          found[0] = streamRead(helper.getBody(), state, entered);
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(body, null);
    return found[0];
  }

  // ------------------------------------------------------------------ confined to the method

  /**
   * True if the member's threads only move data between what the method made and nobody else sees:
   * each is a named {@code Thread} subclass, without an outer instance, whose code touches only its
   * own fields (no static state but constants and loggers), handed only the output streams of a
   * process the method started and in-memory buffers the method made that are read only after every
   * thread writing them has been joined. Left running, such a thread changes nothing anyone reads;
   * it ends with the process.
   */
  public static boolean isConfinedToTheMethod(Member member, SubtaskGroup group) {
    List<ThreadWork> works = threadWork(member, group);
    if (works.isEmpty()) {
      return false;
    }
    for (ThreadWork work : works) {
      ClassSymbol type = work.type();
      if (type == null
          || work.creation().getEnclosingExpression() != null
          || type.hasOuterInstance()
          || !(type.getSuperclass().tsym instanceof ClassSymbol parent)
          || !parent.getQualifiedName().contentEquals("java.lang.Thread")) {
        return false;
      }
      ClassTree classTree = CompiledSources.classTree(type, group.state);
      if (classTree == null || !touchesOnlyItsOwnState(classTree)) {
        return false;
      }
      for (ExpressionTree argument : work.creation().getArguments()) {
        if (!isConfinedArgument(argument, member, works, group)) {
          return false;
        }
      }
    }
    return true;
  }

  /** No static state but constants and loggers, no static calls but pure ones and loggers'. */
  private static boolean touchesOnlyItsOwnState(ClassTree classTree) {
    boolean[] foreign = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        checkField(getSymbol(identifier));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        checkField(getSymbol(select));
        return super.visitMemberSelect(select, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol symbol = getSymbol(call);
        if (!(symbol instanceof MethodSymbol method)) {
          foreign[0] = true;
        } else if (method.isStatic()
            && !PURE_STATICS.contains(method.owner.getQualifiedName().toString())
            && !isLoggerType(method.getReturnType())) {
          foreign[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }

      private void checkField(@Nullable Symbol symbol) {
        if (symbol instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
            && field.isStatic()
            && !(field.getModifiers().contains(Modifier.FINAL)
                && (field.getConstValue() != null
                    || isLoggerType(field.type)
                    || field.type.tsym == field.owner))) {
          foreign[0] = true;
        }
      }
    }.scan(classTree, null);
    return !foreign[0];
  }

  private static boolean isLoggerType(@Nullable Type type) {
    if (type == null || type.tsym == null) {
      return false;
    }
    String name = type.tsym.getSimpleName().toString();
    return name.endsWith("Logger") || name.endsWith("Log");
  }

  /**
   * A constant, {@code p.getInputStream()}/{@code p.getErrorStream()} of a local process, or a
   * local in-memory buffer made here and read only after the threads writing it were joined.
   */
  private static boolean isConfinedArgument(
      ExpressionTree argument, Member member, List<ThreadWork> works, SubtaskGroup group) {
    ExpressionTree stripped = stripParentheses(argument);
    if (constValue(stripped) != null) {
      return true;
    }
    VisitorState state = group.state;
    if (stripped instanceof MethodInvocationTree call
        && getSymbol(call) instanceof MethodSymbol method
        && (method.getSimpleName().contentEquals("getInputStream")
            || method.getSimpleName().contentEquals("getErrorStream"))
        && getReceiver(call) instanceof ExpressionTree receiver
        && getSymbol(receiver) instanceof Symbol process
        && group.locals.containsKey(process)
        && state.getTypeFromString("java.lang.Process") instanceof Type processType
        && isSubtype(getType(receiver), processType, state)) {
      return true;
    }
    if (!(getSymbol(stripped) instanceof Symbol local)
        || !(group.locals.get(local) instanceof VariableTree declaration)
        || !(stripParentheses(declaration.getInitializer()) instanceof NewClassTree made)
        || made.getClassBody() != null
        || getType(made) == null
        || !IN_MEMORY_SINKS.contains(getType(made).tsym.getQualifiedName().toString())) {
      return false;
    }
    // Every other use comes after joins of every thread handed the buffer, in one block: a failed
    // or interrupted join skips it, so nobody reads what a thread still running writes.
    List<Member> writers = new ArrayList<>();
    List<NewClassTree> creations = new ArrayList<>();
    for (Member other : group.members.values()) {
      List<ThreadWork> otherWorks = other == member ? works : threadWork(other, group);
      for (ThreadWork work : otherWorks) {
        creations.add(work.creation());
        if (work.creation().getArguments().stream()
            .anyMatch(a -> local.equals(getSymbol(stripParentheses(a))))) {
          writers.add(other);
        }
      }
    }
    for (TreePath reference : LocalUses.references(group.path, local)) {
      if (creations.stream().anyMatch(c -> within(reference.getLeaf(), c, state))) {
        continue;
      }
      if (!writers.stream().allMatch(w -> afterJoinsOfAll(reference, w, group))) {
        return false;
      }
    }
    return true;
  }

  private static boolean within(Tree tree, Tree outer, VisitorState state) {
    int start = getStartPosition(tree);
    return getStartPosition(outer) <= start && start < state.getEndPosition(outer);
  }

  /** The reference sits in a statement after waits for every thread of the member, one block. */
  private static boolean afterJoinsOfAll(TreePath reference, Member member, SubtaskGroup group) {
    for (TreePath p = reference; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return false;
      }
      if (p.getParentPath().getLeaf() instanceof BlockTree block) {
        List<Symbol> joined = new ArrayList<>();
        for (StatementTree statement : block.getStatements()) {
          if (statement == p.getLeaf()) {
            break;
          }
          if (statement instanceof ExpressionStatementTree expression
              && group.waitsFor.get(expression.getExpression()) instanceof List<Member> waited
              && waited.contains(member)
              && getReceiver(expression.getExpression()) instanceof ExpressionTree receiver
              && getSymbol(receiver) instanceof Symbol thread) {
            joined.add(thread);
          }
        }
        if (!joined.isEmpty()) {
          return member.starts.stream()
              .allMatch(
                  s ->
                      s instanceof MethodInvocationTree call
                          && getReceiver(call) instanceof ExpressionTree receiver
                          && joined.contains(getSymbol(receiver)));
        }
      }
      if (p.getLeaf() == group.body) {
        return false;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ a lasting change

  /**
   * True if each thread of the member does one thing: start or stop a component that outlives the
   * method ({@code activeMQServer.stop()}, {@code createCache(name)} in {@code startCaches}). Its
   * body, catches and logging aside, is one call whose result it drops, on the enclosing instance
   * or one of its fields, handed only immutable values; the call is named as a start or a stop, or
   * it is on the same instance as a code unit that is itself a start or a stop. Such work is what
   * the component's other users rely on, not a result only the waiting method reads: leaving it
   * running lets the start or stop complete, and cancelling it would leave the component half
   * started or half stopped for all of them.
   */
  public static boolean isLastingLifecycleWork(Member member, SubtaskGroup group) {
    List<ThreadWork> works = threadWork(member, group);
    if (works.isEmpty()) {
      return false;
    }
    String unitName =
        group.path.getLeaf() instanceof MethodTree method
            ? method.getName().toString()
            : enclosingMethodName(group.path);
    for (ThreadWork work : works) {
      if (work.type() != null) {
        return false;
      }
      MethodInvocationTree call = soleWork(work.body(), group.state);
      if (call == null || !(getSymbol(call) instanceof MethodSymbol method) || method.isStatic()) {
        return false;
      }
      ExpressionTree receiver = getReceiver(call);
      boolean onThis;
      if (receiver == null) {
        // An implicit receiver: a method of an enclosing class, not of the thread itself.
        Type thread = group.state.getTypeFromString("java.lang.Thread");
        if (thread == null || isSubtype(method.owner.type, thread, group.state)) {
          return false;
        }
        onThis = true;
      } else if (stripParentheses(receiver) instanceof IdentifierTree identifier
          && identifier.getName().contentEquals("this")) {
        onThis = true;
      } else if (getSymbol(receiver) instanceof VarSymbol field
          && field.getKind() == ElementKind.FIELD) {
        onThis = false;
      } else {
        return false;
      }
      for (ExpressionTree argument : call.getArguments()) {
        if (!isImmutableValue(argument, group.state)) {
          return false;
        }
      }
      String name = method.getSimpleName().toString();
      boolean lifecycle =
          isStartOrStopName(name) || (onThis && unitName != null && isStartOrStopName(unitName));
      if (!lifecycle) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable String enclosingMethodName(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree method) {
        return method.getName().toString();
      }
    }
    return null;
  }

  private static boolean isStartOrStopName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return (lower.startsWith("start")
            && (name.length() == 5 || !Character.isLowerCase(name.charAt(5))))
        || Terminations.isStopLikeName(name);
  }

  /**
   * The one call a body makes outside its catch blocks and logging, its result dropped; null if it
   * makes any other call or statement.
   */
  private static @Nullable MethodInvocationTree soleWork(Tree body, VisitorState state) {
    List<MethodInvocationTree> calls = new ArrayList<>();
    if (body instanceof MethodInvocationTree call) {
      calls.add(call); // an expression lambda: `() -> server.stop()`
    } else if (!(body instanceof BlockTree block) || !collectWork(block, calls)) {
      return null;
    }
    calls.removeIf(c -> Polls.isLogging(c));
    return calls.size() == 1 ? calls.getFirst() : null;
  }

  private static boolean collectWork(BlockTree block, List<MethodInvocationTree> calls) {
    for (StatementTree statement : block.getStatements()) {
      if (statement instanceof TryTree tryTree) {
        if (!tryTree.getResources().isEmpty()
            || tryTree.getFinallyBlock() != null
            || !collectWork(tryTree.getBlock(), calls)) {
          return false;
        }
      } else if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof MethodInvocationTree call
          && call.getArguments().stream().noneMatch(SubtaskWork::containsCall)
          && (getReceiver(call) == null || !containsCall(getReceiver(call)))) {
        calls.add(call);
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean containsCall(Tree tree) {
    return NestedCodeSkipper.containsKind(
        tree, Tree.Kind.METHOD_INVOCATION, Tree.Kind.NEW_CLASS, Tree.Kind.LAMBDA_EXPRESSION);
  }

  /** A constant, or a value of a primitive, boxed, {@code String} or enum type. */
  private static boolean isImmutableValue(ExpressionTree argument, VisitorState state) {
    if (constValue(argument) != null) {
      return true;
    }
    Type type = getType(argument);
    if (type == null) {
      return false;
    }
    if (type.isPrimitive() || type.tsym.isEnum()) {
      return true;
    }
    String name = type.tsym.getQualifiedName().toString();
    return name.equals("java.lang.String")
        || name.equals("java.lang.Integer")
        || name.equals("java.lang.Long")
        || name.equals("java.lang.Boolean")
        || state.getTypes().unboxedType(type).isPrimitive();
  }
}
