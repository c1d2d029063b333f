package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.util.ASTHelpers.findEnclosingNode;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Jumps;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.Supertypes;
import dev.cancelguard.analysis.trees.WriteScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a wait inserted by a fix is right, and where none is: after the rest of the stop's cleanup
 * (which may be what unblocks the work), keeping the bounds the stop path puts on its other waits,
 * never on a thread of the awaited work, never in a stop whose class offers its own wait, and never
 * as a throw that skips the cleanup still to come.
 */
public final class WaitPlacement {
  private WaitPlacement() {}

  /** Insert the wait before {@code anchor} (a statement), or after it. */
  public record Spot(TreePath anchor, boolean before) {}

  /**
   * Where the wait for a cancel at {@code cancelStatement} goes: after the rest of the stop that
   * follows it in its block, before {@code firstUse} (the first thing that treats the work as
   * stopped). The rest of the stop is the statements up to the last one that ends or wakes
   * something ({@code socket.close()}, {@code workers.interrupt()}, {@code listener.terminate()}):
   * that may be what ends the work, and a wait before it can wait forever. What comes after it (a
   * log line saying the server stopped) stays after the wait. Right after the cancel where nothing
   * ends there, or where a statement in between may jump out of the block (the wait would be
   * skipped on that path). Never after a statement that writes a variable the wait names ({@code
   * this.executorService = null;} after {@code this.executorService.shutdown();}): the wait is
   * written with the cancel's receiver, which would by then hold something else, or {@code null}
   * and throw; it goes after the last statement that ends something before that write, right after
   * the cancel where none does.
   */
  public static Spot spot(TreePath cancelStatement, int firstUse, VisitorState state) {
    Spot rightAfter = new Spot(cancelStatement, false);
    if (!(cancelStatement.getParentPath().getLeaf() instanceof BlockTree block)) {
      return rightAfter;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf((StatementTree) cancelStatement.getLeaf());
    if (index < 0) {
      return rightAfter;
    }
    int lastEnding = index;
    Set<Symbol> named = namedByTheReceiver(cancelStatement.getLeaf());
    CompilationUnitTree unit = cancelStatement.getCompilationUnit();
    for (int i = index + 1; i < statements.size(); i++) {
      StatementTree next = statements.get(i);
      if (getStartPosition(next) <= firstUse && firstUse < state.getEndPosition(next)
          || Jumps.mayLeaveEarly(next, /* countThrows= */ false)
          || WriteScanner.writesAny(unit, next, named)) {
        break;
      }
      if (endsOrWakesSomething(next, state) || signalsStop(next)) {
        lastEnding = i;
      }
    }
    return new Spot(
        new TreePath(cancelStatement.getParentPath(), statements.get(lastEnding)), false);
  }

  /**
   * The variables the receiver of a cancel statement ({@code pool.shutdown();}, {@code
   * this.holder.pool.shutdownNow();}) names: the wait fixes repeat that receiver, so a write of any
   * of them between the cancel and the wait changes what the wait is called on.
   */
  private static Set<Symbol> namedByTheReceiver(Tree cancelStatement) {
    Set<Symbol> named = new HashSet<>();
    if (cancelStatement instanceof ExpressionStatementTree expression
        && stripParentheses(expression.getExpression()) instanceof MethodInvocationTree call) {
      for (ExpressionTree receiver = getReceiver(call);
          receiver != null;
          receiver =
              stripParentheses(receiver) instanceof MemberSelectTree select
                  ? select.getExpression()
                  : null) {
        if (getSymbol(stripParentheses(receiver)) instanceof VarSymbol variable) {
          named.add(variable);
        }
      }
    }
    return named;
  }

  /** Verbs of calls that end or wake what work may be blocked on. */
  private static final ImmutableSet<String> ENDING_VERBS =
      ImmutableSet.of(
          "close",
          "stop",
          "shutdown",
          "terminate",
          "destroy",
          "dispose",
          "disconnect",
          "interrupt",
          "cancel",
          "abort",
          "wakeup",
          "unpark",
          "notify",
          "signal",
          "countDown",
          "release",
          "complete");

  /**
   * True for a statement that sets a constant through a setter or into a field: {@code
   * worker.setSelector(null);}, {@code running = false;}. A loop of the work that swallows the
   * interrupt may test exactly that to stop; a wait before it can wait forever.
   */
  private static boolean signalsStop(StatementTree statement) {
    if (!(statement instanceof ExpressionStatementTree expression)) {
      return false;
    }
    return switch (stripParentheses(expression.getExpression())) {
      case MethodInvocationTree call ->
          Expressions.isResolved(call)
              && getSymbol(call) instanceof MethodSymbol method
              && isSetterName(method.getSimpleName().toString())
              && !call.getArguments().isEmpty()
              && call.getArguments().stream().allMatch(WaitPlacement::isNullOrBoolean);
      case AssignmentTree assignment ->
          getSymbol(assignment.getVariable()) instanceof Symbol variable
              && Ownership.isField(variable)
              && stripParentheses(assignment.getExpression()) instanceof LiteralTree literal
              && literal.getKind() == Tree.Kind.BOOLEAN_LITERAL;
      default -> false;
    };
  }

  private static boolean isSetterName(String name) {
    return name.length() > 3 && name.startsWith("set") && Character.isUpperCase(name.charAt(3));
  }

  private static boolean isNullOrBoolean(ExpressionTree argument) {
    Tree.Kind kind = stripParentheses(argument).getKind();
    return kind == Tree.Kind.NULL_LITERAL || kind == Tree.Kind.BOOLEAN_LITERAL;
  }

  /** A statement that calls something that ends or wakes work ({@link #ENDING_VERBS}). */
  static boolean endsOrWakesSomething(StatementTree statement, VisitorState state) {
    boolean[] ends = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        // `Thread.currentThread().interrupt()` ends nothing: it restores this thread's flag (and a
        // wait after it would throw at once).
        ExpressionTree receiver = getReceiver(call);
        if (Expressions.isResolved(call)
            && getSymbol(call) instanceof MethodSymbol method
            && !(receiver instanceof MethodInvocationTree current
                && Expressions.isResolved(current)
                && ThreadCalls.CURRENT_THREAD.matches(current, state))) {
          String name = method.getSimpleName().toString();
          for (String verb : ENDING_VERBS) {
            ends[0] |=
                name.startsWith(verb)
                    && (name.length() == verb.length()
                        || !Character.isLowerCase(name.charAt(verb.length())));
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(statement, null);
    return ends[0];
  }

  /**
   * In a close/stop-like method (or a template stop's step, {@code doStop}, {@code serviceStop}),
   * the first call after {@code statement} (in the rest of each block around it, up to the method)
   * that is more of the stop: a close/stop-like call ({@code executor.shutdownNow()}), a call that
   * may fail when interrupted (a wait for other work), or the stop of the superclass ({@code
   * super.doStop(..)}, from {@code doStop}). Null where none follows, or where the method is not a
   * stop. A fix that leaves the method there (a rethrow) would skip it.
   */
  public static @Nullable Tree stopWorkFollows(
      TreePath statement, MethodTree method, VisitorState state, CancelGuardOptions options) {
    if (!Terminations.isStopLike(method) && !isStopTemplateStep(method.getName().toString())) {
      return null;
    }
    Tree[] found = new Tree[1];
    NestedCodeSkipper scanner =
        new NestedCodeSkipper() {
          @Override
          public Void scan(Tree node, Void unused) {
            return found[0] != null ? null : super.scan(node, null);
          }

          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            if (Expressions.isResolved(call)
                && getSymbol(call) instanceof MethodSymbol callee
                && (Terminations.isStopLikeName(callee.getSimpleName().toString())
                    || isSuperCallOf(call, callee, method)
                    || FailingCalls.mayFailWhenInterrupted(call, state, options))) {
              found[0] = call;
              return null;
            }
            return super.visitMethodInvocation(call, null);
          }
        };
    Tree child = statement.getLeaf();
    for (TreePath p = statement.getParentPath();
        p != null && p.getLeaf() != method && found[0] == null;
        child = p.getLeaf(), p = p.getParentPath()) {
      if (p.getLeaf() instanceof BlockTree block) {
        List<? extends StatementTree> statements = block.getStatements();
        int index = statements.indexOf(child);
        for (int i = index + 1; index >= 0 && i < statements.size(); i++) {
          scanner.scan(statements.get(i), null);
        }
      }
    }
    return found[0];
  }

  /**
   * {@code doStop}, {@code doClose}, {@code serviceStop}, {@code internalShutdown}: the step of a
   * template stop that subclasses implement, named by a first word and then the stop it performs
   * (its last word: {@code Stop}, {@code Close}, {@code Shutdown}, {@code Terminate}, {@code
   * Destroy}). A base class's {@code stop()} calls it, in this compilation or in a jar; what
   * follows a catch in it is the rest of that stop all the same.
   */
  static boolean isStopTemplateStep(String name) {
    if (name.length() > 2
        && name.startsWith("do")
        && Character.isUpperCase(name.charAt(2))
        && Terminations.isStopLikeName(name.substring(2))) {
      return true;
    }
    int lastWord = name.length() - 1;
    while (lastWord > 0 && !Character.isUpperCase(name.charAt(lastWord))) {
      lastWord--;
    }
    return lastWord > 0
        && Character.isLowerCase(name.charAt(0))
        && Terminations.isStopLikeName(name.substring(lastWord));
  }

  /** {@code super.m(..)} where {@code m} is the name of {@code method}. */
  private static boolean isSuperCallOf(
      MethodInvocationTree call, MethodSymbol callee, MethodTree method) {
    return call.getMethodSelect() instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree target
        && target.getName().contentEquals("super")
        && callee.getSimpleName().contentEquals(method.getName());
  }

  /**
   * True if the class of the stop method offers its callers a wait of its own for the work, so the
   * stop is meant not to wait: another method of the class joins it or awaits its termination, or
   * waits in a guarded {@code wait()}/{@code await()} loop on state the work itself writes (a
   * {@code waitForState(STOPPED)}); or, for a field's work, a method of another class declared in
   * the same top-level class awaits that field ({@link #otherClassOfTheFileWaits}).
   */
  public static boolean classOffersItsOwnWait(
      TreePath codeUnit,
      CancelTarget target,
      TaskUses uses,
      CancelGuardOptions options,
      VisitorState state) {
    ClassTree owner = findEnclosingNode(codeUnit, ClassTree.class);
    if (owner == null) {
      return false;
    }
    Tree stop = codeUnit.getLeaf();
    boolean[] waits = new boolean[1];
    for (Tree member : owner.getMembers()) {
      if (!(member instanceof MethodTree method) || method == stop || method.getBody() == null) {
        continue;
      }
      new TreeScanner<Void, Boolean>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Boolean inGuardedLoop) {
          waits[0] |=
              Terminations.isWaitFor(call, target, TaskUses.none(), false, options, state)
                  || (inGuardedLoop
                      && Expressions.isResolved(call)
                      && (SyncCalls.OBJECT_WAIT.matches(call, state)
                          || SyncCalls.CONDITION_AWAIT.matches(call, state)));
          return super.visitMethodInvocation(call, inGuardedLoop);
        }

        @Override
        public Void visitWhileLoop(WhileLoopTree loop, Boolean inGuardedLoop) {
          scan(loop.getCondition(), inGuardedLoop);
          return scan(loop.getStatement(), inGuardedLoop || readsWrittenState(loop.getCondition()));
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree loop, Boolean inGuardedLoop) {
          scan(loop.getCondition(), inGuardedLoop);
          return scan(loop.getStatement(), inGuardedLoop || readsWrittenState(loop.getCondition()));
        }

        private boolean readsWrittenState(ExpressionTree condition) {
          boolean[] reads = new boolean[1];
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
              reads[0] |= isWrittenField(getSymbol(id));
              return null;
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree select, Void unused) {
              reads[0] |= isWrittenField(getSymbol(select));
              return super.visitMemberSelect(select, null);
            }
          }.scan(condition, null);
          return reads[0];
        }

        private boolean isWrittenField(@Nullable Symbol symbol) {
          return symbol != null && Ownership.isField(symbol) && uses.writes(symbol);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree lambda, Boolean inGuardedLoop) {
          return null;
        }

        @Override
        public Void visitClass(ClassTree tree, Boolean inGuardedLoop) {
          return null;
        }
      }.scan(method.getBody(), false);
      if (waits[0]) {
        return true;
      }
    }
    return otherClassOfTheFileWaits(codeUnit, owner, target, options, state);
  }

  /**
   * True if the work is a field of the stop's class and a method of another named class of the same
   * top-level class awaits that field's work, outside nested code: {@code for (State s : states) {
   * s.executor.awaitTermination(t, unit); }} in the scheduler around the nested {@code State} whose
   * {@code shutdown()} shuts {@code executor} down. The component the file declares offers the wait
   * there, as a method of the stop's own class would.
   */
  private static boolean otherClassOfTheFileWaits(
      TreePath codeUnit,
      ClassTree owner,
      CancelTarget target,
      CancelGuardOptions options,
      VisitorState state) {
    if (!Ownership.isField(target.variable())) {
      return false;
    }
    ClassTree top = null;
    for (TreePath p = codeUnit; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree classTree) {
        top = classTree;
      }
    }
    if (top == null || top == owner && !hasMemberClass(top)) {
      return false;
    }
    List<ClassTree> classes = new ArrayList<>();
    collectNamedClasses(top, classes);
    for (ClassTree other : classes) {
      if (other == owner) {
        continue;
      }
      for (Tree member : other.getMembers()) {
        if (member instanceof MethodTree method
            && method.getBody() != null
            && CallScans.anyCallOutsideNestedCode(
                method.getBody(),
                call ->
                    awaitsTheFieldOfAnyInstance(call, target, state)
                        || Terminations.isWaitFor(
                            call, target, TaskUses.none(), false, options, state))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code awaitTermination(..)} or {@code close()} on the target executor's field, {@code
   * join(..)} on the target thread's, reached through any instance ({@code state.executor}).
   */
  private static boolean awaitsTheFieldOfAnyInstance(
      MethodInvocationTree call, CancelTarget target, VisitorState state) {
    ExpressionTree receiver = getReceiver(call);
    if (receiver == null
        || !Expressions.isResolved(call)
        || !target.variable().equals(getSymbol(Expressions.strip(receiver)))) {
      return false;
    }
    return switch (target.kind()) {
      case EXECUTOR ->
          ExecutorCalls.AWAIT_TERMINATION.matches(call, state)
              || ExecutorCalls.CLOSE.matches(call, state);
      case THREAD -> ThreadCalls.JOIN.matches(call, state);
      case FUTURE -> false;
    };
  }

  private static boolean hasMemberClass(ClassTree classTree) {
    return classTree.getMembers().stream().anyMatch(ClassTree.class::isInstance);
  }

  /** {@code classTree} and the classes declared as its members, at any depth (not local ones). */
  private static void collectNamedClasses(ClassTree classTree, List<ClassTree> classes) {
    classes.add(classTree);
    for (Tree member : classTree.getMembers()) {
      if (member instanceof ClassTree nested) {
        collectNamedClasses(nested, classes);
      }
    }
  }

  /**
   * True if the work blocks in I/O on the very resource the stop releases later ({@code
   * errReader.readLine()} in the thread, {@code errReader.close()} after its {@code interrupt()}):
   * a read from a stream or an accept on a classic socket does not end on an interrupt, only when
   * the resource is closed, so a wait before that release can wait as long as the other end stays
   * open, and a wait after it comes too late. The same holds for a subprocess the stop destroys
   * ({@code process.destroy()}, on a {@link Process} or on an object of the compilation whose
   * {@code destroy()} destroys one) and the work talks to through any call on that object declared
   * to throw {@code IOException} ({@code process.writeMsg(..)}; {@link
   * CancellationPoints#isIoCall}, not a blocking call on an interruptible channel, which the
   * interrupt ends): that I/O goes through the subprocess's pipes, a write blocks while the
   * subprocess does not read and a read while it does not write, and only destroying it closes
   * them.
   */
  public static boolean workBlocksOnWhatIsReleased(
      CancelTarget target, List<AwaitUse> uses, VisitorState state) {
    Set<Symbol> released = new HashSet<>();
    Set<Symbol> destroyedSubprocesses = new HashSet<>();
    for (AwaitUse use : uses) {
      Symbol symbol = use.symbol();
      if (use.kind() == AwaitUse.Kind.RELEASES && symbol != null) {
        released.add(symbol);
        if (destroysASubprocess(use.tree(), symbol, state)) {
          destroyedSubprocesses.add(symbol);
        }
      }
    }
    if (released.isEmpty()) {
      return false;
    }
    TaskBodyFinder finder = TaskBodyFinder.found(target, state);
    boolean[] blocks = new boolean[1];
    for (Tree body : finder.bodies) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          // Only a resolved call's receiver has a symbol to ask for: in code javac could not
          // attribute, asking would throw.
          Symbol receiver =
              Expressions.isResolved(call) && getReceiver(call) != null
                  ? getSymbol(getReceiver(call))
                  : null;
          if (receiver != null
              && (released.contains(receiver) && UNINTERRUPTIBLE_IO.matches(call, state)
                  || destroyedSubprocesses.contains(receiver)
                      && CancellationPoints.isIoCall(call, state)
                      && !CancellationPoints.isInterruptibleChannelCall(call, state))) {
            blocks[0] = true;
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(body, null);
    }
    return blocks[0];
  }

  /**
   * True if the release is {@code x.destroy()} (or {@code destroyForcibly()}) of a {@link Process},
   * or a call of a method of the compilation on {@code x} whose body calls one of those; {@code x}
   * is {@code released}.
   */
  private static boolean destroysASubprocess(Tree use, Symbol released, VisitorState state) {
    if (!(use instanceof MethodInvocationTree release)
        || !(getSymbol(release) instanceof MethodSymbol method)
        || getReceiver(release) == null
        || !released.equals(getSymbol(getReceiver(release)))) {
      return false;
    }
    if (DESTROY_PROCESS.matches(release, state)) {
      return true;
    }
    MethodTree declared = CompiledSources.methodTree(method, state);
    return declared != null
        && declared.getBody() != null
        && CallScans.anyCallOutsideNestedCode(
            declared.getBody(), call -> DESTROY_PROCESS.matches(call, state));
  }

  /** {@code process.destroy()}, {@code process.destroyForcibly()} of a {@link Process}. */
  private static final Matcher<ExpressionTree> DESTROY_PROCESS =
      CallNames.resolvedOnly(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.lang.Process"))
              .namedAnyOf("destroy", "destroyForcibly"));

  /** Blocking I/O that an interrupt does not end: stream reads, classic socket accepts. */
  private static final Matcher<ExpressionTree> UNINTERRUPTIBLE_IO =
      anyOf(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.io.InputStream", "java.io.Reader"))
              .namedAnyOf("read", "readLine", "readAllBytes", "readNBytes"),
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.net.ServerSocket"))
              .named("accept"),
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.net.DatagramSocket"))
              .named("receive"));
}
