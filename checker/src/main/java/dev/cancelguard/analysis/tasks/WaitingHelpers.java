package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.common.primitives.ImmutableIntArray;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.classfiles.MethodVerdicts;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Static helpers of another file or of a jar that wait for the executor or thread they are handed,
 * known from their own code: {@code ExecutorUtils.awaitTermination(pool, timeout)}, whose body is
 * {@code return pool.awaitTermination(timeout.toMillis(), MILLISECONDS);}.
 *
 * <p>The rule, the same whether the helper is read from source or from a class file: a static
 * method with exactly one parameter that is an {@code ExecutorService} or a {@code Thread} waits
 * for it when its straight-line start — the code that runs on every path before anything may
 * branch, return or throw — calls {@code awaitTermination(..)} or {@code close()} of an executor,
 * or {@code join(..)} of a thread, or a static method of its own class of the same kind that does,
 * up to {@value #MAX_DEPTH} calls deep. A first statement {@code if (pool == null) return;} is
 * passed over (javac's {@code aload; ifnonnull} at the very start of a class file): the caller has
 * just cancelled the work through that reference, so it is not null. From source the wait must be
 * on the parameter itself (and a {@code try} block's start, an {@code if} or {@code while}
 * condition and the left operand of {@code &&}/{@code ||} count as run on every path); a class file
 * does not say which object a call is made on, and a static method can only wait there on its
 * parameters, its locals or static fields, so the kind of call is enough. A wait behind a branch
 * ({@code if (timeout > 0) pool.awaitTermination(..)}) is not one on every path and does not count.
 *
 * <p>Verdicts are kept per compilation, in its {@link Context}.
 */
public final class WaitingHelpers {
  /** How many calls deep a helper's own-class delegation is followed. */
  static final int MAX_DEPTH = 3;

  private static final Context.Key<MethodVerdicts> KEY = new Context.Key<>();

  private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";

  /** The parameter types, as a class file names them, through which such a helper gets its work. */
  private static final ImmutableSet<String> WAITABLE_PARAMETERS =
      ImmutableSet.of(
          "java/util/concurrent/ExecutorService",
          "java/util/concurrent/ScheduledExecutorService",
          "java/util/concurrent/ThreadPoolExecutor",
          "java/util/concurrent/ScheduledThreadPoolExecutor",
          "java/util/concurrent/ForkJoinPool",
          "java/lang/Thread");

  private WaitingHelpers() {}

  /**
   * The index of the argument whose executor or thread the call waits for, or -1: the callee is a
   * static method of another file or a jar that waits for its one executor or thread parameter by
   * the rule above.
   */
  public static int waitedArgument(MethodInvocationTree call, VisitorState state) {
    if (!(getSymbol(call) instanceof MethodSymbol method)
        || !method.isStatic()
        || (method.flags() & (Flags.ABSTRACT | Flags.NATIVE)) != 0
        || !(method.owner instanceof ClassSymbol owner)
        || isJdk(owner)) {
      return -1;
    }
    int index = waitableParameter(method, state);
    if (index < 0 || index >= call.getArguments().size()) {
      return -1;
    }
    return MethodVerdicts.of(KEY, method, state, WaitingHelpers::read) ? index : -1;
  }

  /**
   * The JDK's own waits are matched by name elsewhere; its classes have no code under --release.
   */
  private static boolean isJdk(ClassSymbol owner) {
    String name = owner.getQualifiedName().toString();
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.");
  }

  /** The position of the method's one executor or thread parameter, or -1 (none, or several). */
  private static int waitableParameter(MethodSymbol method, VisitorState state) {
    List<VarSymbol> parameters = method.getParameters();
    int found = -1;
    for (int i = 0; i < parameters.size(); i++) {
      if (isWaitable(parameters.get(i).type, state)) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      }
    }
    return found;
  }

  private static boolean isWaitable(Type type, VisitorState state) {
    Type executor = state.getTypeFromString(EXECUTOR_SERVICE);
    Type thread = state.getTypeFromString("java.lang.Thread");
    return (executor != null && isSubtype(type, executor, state))
        || (thread != null && isSubtype(type, thread, state));
  }

  private static boolean read(
      MethodSymbol method, ClassSymbol owner, String descriptor, VisitorState state) {
    MethodTree declaration = CompiledSources.methodTree(method, state);
    if (declaration != null) {
      Set<MethodSymbol> seen = new HashSet<>();
      seen.add(method);
      int index = waitableParameter(method, state);
      return index >= 0
          && sourceWaits(declaration, method.getParameters().get(index), 0, seen, state);
    }
    ClassFile file = ClassFiles.instance(state.context).of(owner);
    ClassFile.Method code =
        file == null ? null : file.method(method.getSimpleName().toString(), descriptor);
    if (code == null) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    seen.add(code.name() + code.descriptor());
    return classWaits(file, code, 0, seen);
  }

  // ---------------------------------------------------------------- from source

  private static boolean sourceWaits(
      MethodTree declaration,
      VarSymbol parameter,
      int depth,
      Set<MethodSymbol> seen,
      VisitorState state) {
    if (declaration.getBody() == null) {
      return false;
    }
    List<? extends StatementTree> statements = declaration.getBody().getStatements();
    // `if (pool == null) return;` first: the caller just cancelled the work, so it is not null.
    if (!statements.isEmpty() && isNullGuard(statements.getFirst(), parameter)) {
      statements = statements.subList(1, statements.size());
    }
    return startWaits(statements, parameter, depth, seen, state);
  }

  /** {@code if (parameter == null) return ..;} (or {@code null == parameter}), with no else. */
  private static boolean isNullGuard(StatementTree statement, VarSymbol parameter) {
    if (!(statement instanceof IfTree ifTree)
        || ifTree.getElseStatement() != null
        || !(Expressions.strip(ifTree.getCondition()) instanceof BinaryTree test)
        || test.getKind() != Tree.Kind.EQUAL_TO) {
      return false;
    }
    boolean testsParameter =
        (isNull(test.getRightOperand())
                && getSymbol(Expressions.strip(test.getLeftOperand())) == parameter)
            || (isNull(test.getLeftOperand())
                && getSymbol(Expressions.strip(test.getRightOperand())) == parameter);
    StatementTree then = ifTree.getThenStatement();
    if (then instanceof BlockTree block && block.getStatements().size() == 1) {
      then = block.getStatements().getFirst();
    }
    return testsParameter && then instanceof ReturnTree;
  }

  private static boolean isNull(ExpressionTree tree) {
    return Expressions.strip(tree).getKind() == Tree.Kind.NULL_LITERAL;
  }

  /** True if the statements, run from their start, wait for the parameter before any branch. */
  private static boolean startWaits(
      List<? extends StatementTree> statements,
      VarSymbol parameter,
      int depth,
      Set<MethodSymbol> seen,
      VisitorState state) {
    for (StatementTree statement : statements) {
      switch (statement) {
        case ExpressionStatementTree expression -> {
          if (waitsIn(expression.getExpression(), parameter, depth, seen, state)) {
            return true;
          }
        }
        case VariableTree variable -> {
          if (variable.getInitializer() != null
              && waitsIn(variable.getInitializer(), parameter, depth, seen, state)) {
            return true;
          }
        }
        case ReturnTree returned -> {
          return returned.getExpression() != null
              && waitsIn(returned.getExpression(), parameter, depth, seen, state);
        }
        case BlockTree block -> {
          return startWaits(block.getStatements(), parameter, depth, seen, state);
        }
        case TryTree tryTree -> {
          return tryTree.getResources().isEmpty()
              && startWaits(tryTree.getBlock().getStatements(), parameter, depth, seen, state);
        }
        case IfTree ifTree -> {
          return waitsIn(ifTree.getCondition(), parameter, depth, seen, state);
        }
        case WhileLoopTree loop -> {
          return waitsIn(loop.getCondition(), parameter, depth, seen, state);
        }
        default -> {
          return false;
        }
      }
    }
    return false;
  }

  /** True if evaluating the expression always calls a wait for the parameter. */
  private static boolean waitsIn(
      ExpressionTree expression,
      VarSymbol parameter,
      int depth,
      Set<MethodSymbol> seen,
      VisitorState state) {
    boolean[] waits = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitBinary(BinaryTree binary, Void unused) {
        // The right operand of && and || may not run.
        return switch (binary.getKind()) {
          case CONDITIONAL_AND, CONDITIONAL_OR -> scan(binary.getLeftOperand(), null);
          default -> super.visitBinary(binary, null);
        };
      }

      @Override
      public Void visitConditionalExpression(ConditionalExpressionTree conditional, Void unused) {
        return scan(conditional.getCondition(), null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call)
            && (isWaitOn(call, parameter, state)
                || isWaitingDelegate(call, parameter, depth, seen, state))) {
          waits[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(expression, null);
    return waits[0];
  }

  private static boolean isWaitOn(
      MethodInvocationTree call, VarSymbol parameter, VisitorState state) {
    boolean waits =
        ExecutorCalls.AWAIT_TERMINATION.matches(call, state)
            || ExecutorCalls.CLOSE.matches(call, state)
            || ThreadCalls.JOIN.matches(call, state);
    ExpressionTree receiver = getReceiver(call);
    return waits && receiver != null && getSymbol(Expressions.strip(receiver)) == parameter;
  }

  /** A static method of the helper's own class handed the parameter, which waits for it. */
  private static boolean isWaitingDelegate(
      MethodInvocationTree call,
      VarSymbol parameter,
      int depth,
      Set<MethodSymbol> seen,
      VisitorState state) {
    if (depth >= MAX_DEPTH
        || !(getSymbol(call) instanceof MethodSymbol delegate)
        || !delegate.isStatic()
        || delegate.owner != parameter.owner.owner) {
      return false;
    }
    int index = waitableParameter(delegate, state);
    if (index < 0
        || index >= call.getArguments().size()
        || getSymbol(Expressions.strip(call.getArguments().get(index))) != parameter
        || !seen.add(delegate)) {
      return false;
    }
    MethodTree tree = CompiledSources.methodTree(delegate, state);
    return tree != null
        && sourceWaits(tree, delegate.getParameters().get(index), depth + 1, seen, state);
  }

  // ---------------------------------------------------------------- from a class file

  private static boolean classWaits(
      ClassFile file, ClassFile.Method method, int depth, Set<String> seen) {
    if (!method.hasCode()) {
      return false;
    }
    int start = nonNullStart(method, waitableSlot(method.descriptor()));
    int end = method.nextExit(start);
    for (ClassFile.Call call : method.calls()) {
      if (call.offset() < start) {
        continue;
      }
      if (call.offset() >= end) {
        return false;
      }
      if (isWaitInstruction(call)) {
        return true;
      }
      if (depth < MAX_DEPTH
          && call.opcode() == 0xb8 // invokestatic
          && call.owner().equals(file.name())
          && waitableParameters(call.descriptor()) == 1
          && seen.add(call.name() + call.descriptor())) {
        ClassFile.Method delegate = file.method(call.name(), call.descriptor());
        if (delegate != null && classWaits(file, delegate, depth + 1, seen)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Where the code goes on when the parameter in local {@code slot} is not null, if it begins with
   * javac's {@code if (p == null) return ..;} ({@code aload p; ifnonnull L}); else 0.
   */
  private static int nonNullStart(ClassFile.Method method, int slot) {
    ImmutableIntArray head = method.head();
    if (slot < 0 || head.length() < 5) {
      return 0;
    }
    int at;
    if (slot <= 3 && head.get(0) == 0x2a + slot) { // aload_<slot>
      at = 1;
    } else if (head.get(0) == 0x19 && head.get(1) == slot) { // aload slot
      at = 2;
    } else {
      return 0;
    }
    if (head.get(at) != 0xc7) { // ifnonnull
      return 0;
    }
    int target = at + (short) ((head.get(at + 1) << 8) | head.get(at + 2));
    return target > at ? target : 0;
  }

  /** The local slot of a static method's one executor or thread parameter; -1 if none. */
  private static int waitableSlot(String descriptor) {
    int slot = 0;
    int found = -1;
    int at = 1; // after '('
    while (at < descriptor.length() && descriptor.charAt(at) != ')') {
      int start = at;
      while (at < descriptor.length() && descriptor.charAt(at) == '[') {
        at++;
      }
      if (at >= descriptor.length()) {
        return -1;
      }
      char kind = descriptor.charAt(at);
      if (kind == 'L') {
        int end = descriptor.indexOf(';', at);
        if (end < 0) {
          return -1;
        }
        if (start == at && WAITABLE_PARAMETERS.contains(descriptor.substring(at + 1, end))) {
          if (found >= 0) {
            return -1;
          }
          found = slot;
        }
        at = end;
      }
      slot += start == at && (kind == 'J' || kind == 'D') ? 2 : 1;
      at++;
    }
    return found;
  }

  private static boolean isWaitInstruction(ClassFile.Call call) {
    String owner = call.owner();
    if (owner.equals("java/lang/Thread")) {
      return call.name().equals("join");
    }
    if (!WAITABLE_PARAMETERS.contains(owner)) {
      return false;
    }
    return (call.name().equals("awaitTermination")
            && call.descriptor().equals("(JLjava/util/concurrent/TimeUnit;)Z"))
        || (call.name().equals("close") && call.descriptor().equals("()V"));
  }

  /** How many of the descriptor's parameters are one of {@link #WAITABLE_PARAMETERS}. */
  private static int waitableParameters(String descriptor) {
    int count = 0;
    int at = 1; // after '('
    while (at < descriptor.length() && descriptor.charAt(at) != ')') {
      int start = at;
      while (at < descriptor.length() && descriptor.charAt(at) == '[') {
        at++;
      }
      if (at >= descriptor.length()) {
        return -1;
      }
      if (descriptor.charAt(at) == 'L') {
        int end = descriptor.indexOf(';', at);
        if (end < 0) {
          return -1;
        }
        if (start == at && WAITABLE_PARAMETERS.contains(descriptor.substring(at + 1, end))) {
          count++;
        }
        at = end;
      }
      at++;
    }
    return count;
  }
}
