package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Jumps;
import dev.cancelguard.analysis.trees.SameFile;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Where a wait inserted by a fix is right, and where none is: after the rest of the stop's cleanup
 * (which may be what unblocks the work), keeping the bounds the stop path puts on its other waits,
 * never on a thread of the awaited work, never in a stop whose class offers its own wait, and never
 * as a throw that skips the cleanup still to come.
 */
public final class WaitPlacement {
  /** How many same-file calls deep a task's code is followed to a stop method. */
  private static final int MAX_CALL_DEPTH = 3;

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
   * skipped on that path).
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
    for (int i = index + 1; i < statements.size(); i++) {
      StatementTree next = statements.get(i);
      if (getStartPosition(next) <= firstUse && firstUse < state.getEndPosition(next)
          || Jumps.mayLeaveEarly(next, /* countThrows= */ false)) {
        break;
      }
      if (endsOrWakesSomething(next, state)) {
        lastEnding = i;
      }
    }
    return new Spot(
        new TreePath(cancelStatement.getParentPath(), statements.get(lastEnding)), false);
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

  private static boolean endsOrWakesSomething(StatementTree statement, VisitorState state) {
    boolean[] ends = new boolean[1];
    new TreeScanner<Void, Void>() {
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

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(statement, null);
    return ends[0];
  }

  /**
   * True if, in a close/stop-like method, cleanup runs after {@code statement}: a later statement
   * that ends or releases something. A fix that throws there when a wait times out would skip it
   * (the rest of the close), leaking what it releases.
   */
  public static boolean cleanupFollows(TreePath statement, TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method) || !Terminations.isStopLike(method)) {
      return false;
    }
    Tree child = statement.getLeaf();
    for (TreePath p = statement.getParentPath();
        p != null && p.getLeaf() != method;
        child = p.getLeaf(), p = p.getParentPath()) {
      if (p.getLeaf() instanceof BlockTree block) {
        List<? extends StatementTree> statements = block.getStatements();
        int index = statements.indexOf(child);
        for (int i = index + 1; index >= 0 && i < statements.size(); i++) {
          if (endsOrWakesSomething(statements.get(i), state)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * True if the class of the stop method offers its callers a wait of its own for the work, so the
   * stop is meant not to wait: another method of the class joins it or awaits its termination, or
   * waits in a guarded {@code wait()}/{@code await()} loop on state the work itself writes (a
   * {@code waitForState(STOPPED)}).
   */
  public static boolean classOffersItsOwnWait(
      TreePath codeUnit,
      CancelTarget target,
      TaskUses uses,
      CancelGuardOptions options,
      VisitorState state) {
    ClassTree owner = null;
    for (TreePath p = codeUnit.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree classTree) {
        owner = classTree;
        break;
      }
    }
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
    return false;
  }

  /**
   * True if the work a wait would wait for can itself reach the stop method: a task submitted to
   * the target (or the thread's body) calls it, through up to {@value #MAX_CALL_DEPTH} methods of
   * this file ({@code task -> failConnection() -> close()}); or it runs callbacks handed in from
   * outside — a listener's {@code stateChanged(..)}, a queued {@code Runnable}'s {@code run()}, a
   * task a public method takes as a parameter and submits — code this file cannot see, which may
   * well stop the component (a listener that closes the client when the connection is lost); or a
   * task class that extends the stop's class, compiled with it, calls the stop from its own work
   * ({@code run() { try { .. } finally { close(); } }}). A wait there waits for its own thread.
   */
  public static boolean reachedFromItsOwnWork(
      TreePath codeUnit, CancelTarget target, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol stop)) {
      return false;
    }
    CompilationUnitTree unit = codeUnit.getCompilationUnit();
    TaskBodyFinder finder = TaskBodyFinder.found(target, state);
    if (finder.runsCodeFromOutside) {
      return true;
    }
    if (callsTheStop(finder.bodies, stop, unit, state)) {
      return true;
    }
    return stop.owner instanceof ClassSymbol owner
        && !stop.isStatic()
        && !stop.isPrivate()
        && aSubclassTaskCallsTheStop(owner, stop, state);
  }

  /**
   * True if the code (task bodies of {@code unit}), or a method of {@code unit} it calls up to
   * {@value #MAX_CALL_DEPTH} deep, calls the stop (or a method that overrides it), or calls out to
   * a callback handed in from outside.
   */
  private static boolean callsTheStop(
      List<? extends Tree> bodies,
      MethodSymbol stop,
      CompilationUnitTree unit,
      VisitorState state) {
    Set<MethodSymbol> seen = new HashSet<>();
    // For each method of this file the work calls, which of its parameters get only code the work
    // itself writes (a lambda, a method reference, a new object): calling those is no callback.
    Map<MethodSymbol, boolean[]> ownCodeArguments = new HashMap<>();
    Deque<Tree> toScan = new ArrayDeque<>(bodies);
    for (int depth = 0; depth <= MAX_CALL_DEPTH && !toScan.isEmpty(); depth++) {
      Deque<Tree> next = new ArrayDeque<>();
      Set<MethodSymbol> calledThisRound = new HashSet<>();
      for (Tree code : toScan) {
        Set<MethodSymbol> called = new HashSet<>();
        if (callsOutToCallbacks(code, called, ownCodeArguments, state)) {
          return true;
        }
        for (MethodSymbol callee : called) {
          if (callee.equals(stop) || overrides(callee, stop, state)) {
            return true;
          }
        }
        calledThisRound.addAll(called);
      }
      for (MethodSymbol callee : calledThisRound) {
        if (seen.add(callee) && SameFile.isDeclaredIn(callee, unit)) {
          MethodTree declaration = SameFile.findMethod(unit, callee, state);
          if (declaration != null && declaration.getBody() != null) {
            next.add(declaration);
          }
        }
      }
      toScan = next;
    }
    return false;
  }

  private static boolean overrides(MethodSymbol method, MethodSymbol base, VisitorState state) {
    return method.getSimpleName().equals(base.getSimpleName())
        && method.owner instanceof ClassSymbol owner
        && owner != base.owner
        && method.overrides(base, owner, state.getTypes(), true);
  }

  /**
   * True if a class of this compilation that extends the stop's class and is a task ({@code
   * Runnable}, {@code Callable}) calls the stop, or an override of it, from its entry point ({@code
   * run()}, {@code call()}): it may be the very work the stop would wait for.
   */
  private static boolean aSubclassTaskCallsTheStop(
      ClassSymbol owner, MethodSymbol stop, VisitorState state) {
    for (ClassSymbol subclass : CompiledSources.subclassesOf(owner, state)) {
      if (!isTaskType(subclass, state)) {
        continue;
      }
      ClassTree declaration = CompiledSources.classTree(subclass, state);
      TreePath path = JavacTrees.instance(state.context).getPath(subclass);
      if (declaration == null || path == null) {
        continue;
      }
      List<Tree> entryPoints = new ArrayList<>();
      for (Tree member : declaration.getMembers()) {
        if (member instanceof MethodTree method
            && method.getBody() != null
            && method.getParameters().isEmpty()
            && TaskUses.TASK_ENTRY_POINTS.contains(method.getName().toString())) {
          entryPoints.add(method);
        }
      }
      if (callsTheStop(entryPoints, stop, path.getCompilationUnit(), state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTaskType(ClassSymbol type, VisitorState state) {
    Type runnable = state.getTypeFromString("java.lang.Runnable");
    Type callable = state.getTypeFromString("java.util.concurrent.Callable");
    Types types = state.getTypes();
    return runnable != null && types.isSubtype(types.erasure(type.type), types.erasure(runnable))
        || callable != null && types.isSubtype(types.erasure(type.type), types.erasure(callable));
  }

  /**
   * Collects the methods {@code body} calls into {@code called}; true if one of them is a callback
   * handed in from outside: an abstract method of a {@code Runnable}, {@code Callable}, a
   * functional interface, or a {@code *Listener}/{@code *Callback}/{@code *Handler}/{@code
   * *Observer}/{@code *Watcher} type, called on something other than {@code this} or a parameter
   * that every call the work makes fills with its own code ({@code ownCodeArguments}, which this
   * scan extends with the calls it sees). Code the work only creates and hands on (a class it
   * instantiates, a task it submits) runs elsewhere and is not followed.
   */
  private static boolean callsOutToCallbacks(
      Tree code,
      Set<MethodSymbol> called,
      Map<MethodSymbol, boolean[]> ownCodeArguments,
      VisitorState state) {
    // A method of this file the work calls: a parameter the work's own code fills
    // (`logTopPaths(paths, entry -> LOG.info(..))`) is no callback from outside; one it fills with
    // a listener it keeps (`invokeCallback(callback, changes)`) is.
    Set<Symbol> boundHere = new HashSet<>();
    Tree body = code;
    if (code instanceof MethodTree method) {
      boolean[] own = ownCodeArguments.get(getSymbol(method));
      for (int i = 0; i < method.getParameters().size(); i++) {
        if (own != null && i < own.length && own[i]) {
          boundHere.add(getSymbol(method.getParameters().get(i)));
        }
      }
      body = method.getBody();
    }
    Tree root = body;
    boolean[] callsOut = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        // A class created inside the work runs when and where whoever gets it says.
        return tree == root ? super.visitClass(tree, null) : null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!Expressions.isResolved(call)) {
          return super.visitMethodInvocation(call, null);
        }
        if (getSymbol(call) instanceof MethodSymbol symbol) {
          called.add(symbol);
          recordArguments(symbol, call);
          ExpressionTree receiver = getReceiver(call);
          callsOut[0] |=
              receiver != null
                  && !(receiver instanceof IdentifierTree id
                      && (id.getName().contentEquals("this") || boundHere.contains(getSymbol(id))))
                  && (symbol.flags() & Flags.ABSTRACT) != 0
                  && (symbol.flags() & (Flags.DEFAULT | Flags.STATIC)) == 0
                  && symbol.owner instanceof ClassSymbol owner
                  && isCallbackType(owner);
        }
        // What the work hands to an executor or a thread runs there, not on the work's thread.
        if (Tasks.isTaskSubmission(call, state)) {
          return scan(call.getMethodSelect(), null);
        }
        return super.visitMethodInvocation(call, null);
      }

      private void recordArguments(MethodSymbol callee, MethodInvocationTree call) {
        int count = callee.getParameters().size();
        boolean[] own = ownCodeArguments.get(callee);
        if (own == null) {
          own = new boolean[count];
          java.util.Arrays.fill(own, true);
          ownCodeArguments.put(callee, own);
        }
        for (int i = 0; i < count && i < call.getArguments().size(); i++) {
          ExpressionTree argument = Expressions.strip(call.getArguments().get(i));
          own[i] &=
              argument instanceof LambdaExpressionTree
                  || argument instanceof MemberReferenceTree
                  || argument instanceof NewClassTree;
        }
      }
    }.scan(body, null);
    return callsOut[0];
  }

  private static boolean isCallbackType(ClassSymbol type) {
    String name = type.getQualifiedName().toString();
    String simpleName = type.getSimpleName().toString();
    return name.equals("java.lang.Runnable")
        || name.equals("java.util.concurrent.Callable")
        || name.startsWith("java.util.function.")
        || type.getAnnotationMirrors().stream()
            .anyMatch(
                a -> a.type.tsym.getQualifiedName().contentEquals("java.lang.FunctionalInterface"))
        || Terminations.CALLBACK_TYPE_SUFFIXES.stream().anyMatch(simpleName::endsWith);
  }

  /**
   * True if the work blocks reading the very resource the stop releases later ({@code
   * errReader.readLine()} in the thread, {@code errReader.close()} after its {@code interrupt()}):
   * a read from a stream or an accept on a classic socket does not end on an interrupt, only when
   * the resource is closed, so a wait before that release can wait as long as the other end stays
   * open, and a wait after it comes too late.
   */
  public static boolean workBlocksOnWhatIsReleased(
      CancelTarget target, List<AwaitUse> uses, VisitorState state) {
    Set<Symbol> released = new HashSet<>();
    for (AwaitUse use : uses) {
      if (use.kind() == AwaitUse.Kind.RELEASES && use.symbol() != null) {
        released.add(use.symbol());
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
          if (Expressions.isResolved(call)
              && getReceiver(call) != null
              && released.contains(getSymbol(getReceiver(call)))
              && UNINTERRUPTIBLE_IO.matches(call, state)) {
            blocks[0] = true;
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(body, null);
    }
    return blocks[0];
  }

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

  /**
   * The bound the stop path puts on its other waits: the {@code (timeout, unit)} of an {@code
   * awaitTermination} in the stop method or in a method of the same class that calls it, whose
   * arguments mean the same at the stop method (literals, constants, fields, methods of the class;
   * no locals or parameters). Null where the stop path waits without a bound or not at all.
   */
  public static WaitFixes.@Nullable Deadline boundOfStopPath(
      TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol stop)
        || !(stop.owner instanceof ClassSymbol owner)) {
      return null;
    }
    WaitFixes.Deadline[] bound = new WaitFixes.Deadline[1];
    Set<MethodTree> stopPath = new HashSet<>();
    stopPath.add(method);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && stop.equals(getSymbol(call))) {
          TreePath caller = Tasks.enclosingCodeUnit(getCurrentPath());
          if (caller != null
              && caller.getLeaf() instanceof MethodTree callerMethod
              && getSymbol(callerMethod) instanceof MethodSymbol callerSymbol
              && owner.equals(callerSymbol.owner)) {
            stopPath.add(callerMethod);
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(codeUnit.getCompilationUnit(), null);
    for (MethodTree onPath : stopPath) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (bound[0] == null
              && Expressions.isResolved(call)
              && ExecutorCalls.AWAIT_TERMINATION.matches(call, state)
              && call.getArguments().size() == 2
              && call.getArguments().stream().allMatch(a -> meansTheSameIn(a, stop))) {
            String amount = state.getSourceForNode(call.getArguments().get(0));
            String unit = state.getSourceForNode(call.getArguments().get(1));
            if (amount != null && unit != null) {
              bound[0] = new WaitFixes.Deadline(amount, unit);
            }
          }
          return super.visitMethodInvocation(call, null);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
          return null;
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          return null;
        }
      }.scan(onPath.getBody(), null);
    }
    return bound[0];
  }

  /**
   * True if a method of a subclass compiled with this file (in another file, or this one) calls the
   * stop and bounds its own waits ({@code awaitTermination(timeout, unit)}): {@code
   * HikariPool.shutdown()} calling {@code shutdownNetworkTimeoutExecutor()} of its base class and
   * giving every other pool ten seconds. That bound is the subclass's, in terms this file may not
   * reach; an unbounded wait inserted here would break it.
   */
  public static boolean boundedByASubclassCaller(TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol stop)
        || stop.isPrivate()
        || !(stop.owner instanceof ClassSymbol owner)) {
      return false;
    }
    for (ClassSymbol subclass : CompiledSources.subclassesOf(owner, state)) {
      ClassTree declaration = CompiledSources.classTree(subclass, state);
      if (declaration == null) {
        continue;
      }
      for (Tree member : declaration.getMembers()) {
        if (member instanceof MethodTree caller
            && caller.getBody() != null
            && CallScans.anyCallOutsideNestedCode(
                caller.getBody(),
                call -> Expressions.isResolved(call) && stop.equals(getSymbol(call)))
            && CallScans.anyCallOutsideNestedCode(
                caller.getBody(),
                call ->
                    Expressions.isResolved(call)
                        && ExecutorCalls.AWAIT_TERMINATION.matches(call, state)
                        && call.getArguments().size() == 2)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True if the expression names nothing local to its method: only literals, constants, and fields
   * and methods it can reach from {@code stop} (static ones where {@code stop} is static).
   */
  private static boolean meansTheSameIn(ExpressionTree argument, MethodSymbol stop) {
    boolean[] local = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        check(getSymbol(id));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        if (select.getExpression() instanceof IdentifierTree id
            && id.getName().contentEquals("this")) {
          local[0] |= stop.isStatic();
          return null;
        }
        return super.visitMemberSelect(select, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        local[0] = true;
        return null;
      }

      private void check(@Nullable Symbol symbol) {
        if (symbol == null) {
          local[0] = true;
          return;
        }
        ElementKind kind = symbol.getKind();
        if (kind == ElementKind.LOCAL_VARIABLE
            || kind == ElementKind.PARAMETER
            || kind == ElementKind.EXCEPTION_PARAMETER
            || kind == ElementKind.RESOURCE_VARIABLE
            || kind == ElementKind.BINDING_VARIABLE) {
          local[0] = true;
        } else if ((kind == ElementKind.FIELD || kind == ElementKind.METHOD)
            && stop.isStatic()
            && !symbol.isStatic()) {
          local[0] = true;
        }
      }
    }.scan(argument, null);
    Type type = getType(argument);
    return !local[0] && type != null && type.getKind() != TypeKind.ERROR;
  }
}
