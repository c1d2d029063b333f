package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Code that may run on a thread of the work it would wait for: a wait inserted there could wait for
 * its own thread, which then never ends.
 */
public final class WorkerCode {
  /** How many same-file calls deep a task's code is followed to a stop method. */
  private static final int MAX_CALL_DEPTH = 4;

  private WorkerCode() {}

  /**
   * True if the code at {@code state}'s path, in {@code codeUnit}, may run on a worker thread: a
   * task, a thread's body, an event callback, a method one of those (or a lambda) calls in this
   * file, or a pool's own machinery.
   */
  public static boolean mayRunOnAWorker(TreePath codeUnit, VisitorState state) {
    return isWorkerCode(codeUnit, state)
        || calledFromWorkerCode(codeUnit, state)
        || Tasks.isExecutorInternals(state.getPath(), state);
  }

  /**
   * True if the code runs as a task, as the whole of a thread's work or as an event callback: on a
   * thread that may be one of those it would wait for. A shutdown hook's thread and {@code main}
   * are nobody's workers.
   */
  static boolean isWorkerCode(TreePath codeUnit, VisitorState state) {
    if (Terminations.isShutdownHook(codeUnit, state) || Tasks.isMainMethod(codeUnit)) {
      return false;
    }
    return Tasks.runsAsTask(codeUnit, state)
        || Tasks.isThreadTopLevel(codeUnit, state)
        || Terminations.isEventCallback(codeUnit, state);
  }

  /**
   * True if a call in this file to the method runs in code {@link #isWorkerCode}, or in a lambda or
   * an anonymous class's method: code handed to someone else, who runs it when and where it decides
   * (a deferred supplier subscribed on a thread of the work, a callback), so possibly on a thread
   * of the work the method stops.
   */
  private static boolean calledFromWorkerCode(TreePath codeUnit, VisitorState state) {
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
          called[0] =
              caller != null && (isWorkerCode(caller, state) || isHandedOnCode(caller, state));
        }
        return super.visitMethodInvocation(invocation, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return called[0];
  }

  /**
   * A lambda, or a method of an anonymous class, other than a shutdown hook's body (which runs on a
   * thread of its own, nobody's worker).
   */
  static boolean isHandedOnCode(TreePath codeUnit, VisitorState state) {
    boolean handedOn =
        codeUnit.getLeaf() instanceof LambdaExpressionTree
            || (codeUnit.getLeaf() instanceof MethodTree
                && codeUnit.getParentPath() != null
                && codeUnit.getParentPath().getLeaf() instanceof ClassTree
                && codeUnit.getParentPath().getParentPath() != null
                && codeUnit.getParentPath().getParentPath().getLeaf() instanceof NewClassTree);
    return handedOn && !Terminations.isShutdownHook(codeUnit, state);
  }

  /**
   * True if the work a wait would wait for can itself reach the stop method: a task submitted to
   * the target (or the thread's body) calls it, through up to {@value #MAX_CALL_DEPTH} methods of
   * this file ({@code task -> failConnection() -> close()}); or it runs callbacks handed in from
   * outside — a listener's {@code stateChanged(..)}, a queued {@code Runnable}'s {@code run()}, a
   * task a public method takes as a parameter and submits (or wraps in a task object it submits),
   * an executor handed out to other code ({@link HandedOutPools}) — code this file cannot see,
   * which may well stop the component (a listener that closes the client when the connection is
   * lost); or a task class that extends the stop's class, compiled with it, calls the stop from its
   * own work ({@code run() { try { .. } finally { close(); } }}). Code the work hands to a plain
   * {@code Executor} that someone else chose is followed as the work's own: a direct executor runs
   * it on the work's thread (a consumer callback that closes the queue from inside the queue's
   * loop). A wait there waits for its own thread.
   */
  public static boolean reachedFromItsOwnWork(
      TreePath codeUnit, CancelTarget target, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol stop)) {
      return false;
    }
    CompilationUnitTree unit = codeUnit.getCompilationUnit();
    TaskBodyFinder finder = TaskBodyFinder.found(target, state);
    if (finder.runsCodeFromOutside || HandedOutPools.isHandedOut(target, state)) {
      return true;
    }
    if (callsTheStop(finder.bodies, stop, unit, false, Set.of(), state)) {
      return true;
    }
    return stop.owner instanceof ClassSymbol owner
        && !stop.isStatic()
        && !stop.isPrivate()
        && (aSubclassTaskCallsTheStop(owner, stop, state)
            || aSubclassesWorkReachesTheStop(owner, stop, target, unit, state));
  }

  /**
   * True if the tasks of the target run code of the component's users, read further than {@link
   * #reachedFromItsOwnWork} reads: through methods compiled in other files as well as this one, up
   * to {@value #MAX_CALL_DEPTH} calls deep, a task that calls out to a callback handed in from
   * outside ({@code rf.executeRequestCallback()} in another file calling {@code
   * requestCallback.onException(..)}), or that completes a promise it did not create ({@code
   * promise.complete(null)} on a {@code CompletableFuture} held in a field or captured from the
   * method that returned it): the dependent stages its users registered ({@code whenComplete},
   * {@code thenRun}) run right there, on the pool's thread. Such code may call the stop (a callback
   * that shuts the producer down), which then runs on a thread of the pool it would wait for: an
   * unbounded wait there never ends. The tasks read here include a task object's class declared in
   * another file compiled here (its {@code run()}/{@code call()}) and the task a local hands to its
   * constructor ({@code callable = new RequestCallable(.., callback); pool.execute(new
   * RequestFutureTask(request, callable))}, whose {@code call()} calls {@code callback.failed(e)});
   * the wrapper's own {@code Runnable}/{@code Callable} fields hold that wrapped task, not a
   * callback. And a pool named through another local copy of its field is fed code from outside
   * where a non-private method submits a task parameter to it ({@code protected void
   * execute(Runnable job)}).
   */
  public static boolean runsCodeOfItsUsers(
      TreePath codeUnit, CancelTarget target, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol stop)) {
      return false;
    }
    // A local copy of the pool's field (`pool = this.pool; this.pool = null; pool.shutdown();`)
    // names the tasks submitted through the field.
    CancelTarget pool = target;
    if (target.kind() == CancelTarget.Kind.EXECUTOR) {
      for (Symbol name :
          HandedOutPools.namesOfTheSamePool(target.variable(), codeUnit.getCompilationUnit())) {
        if (!target.isNameOrCollection(name)) {
          pool = pool.withAlias(name);
        }
      }
    }
    // The stop's class is itself an executor (`GroupExecutor implements Executor`) whose
    // execute(Runnable) hands its callers' tasks on to the pools it keeps: whatever runs there is
    // theirs.
    if (target.kind() == CancelTarget.Kind.EXECUTOR
        && isAnExecutorForItsCallers(stop, target, codeUnit.getCompilationUnit(), state)) {
      return true;
    }
    TaskBodyFinder finder = TaskBodyFinder.found(pool, state);
    // A task a non-private method takes as a parameter and hands to the pool under another name
    // for it (`protected void execute(Runnable job) { ExecutorService e = this.executor; ..
    // e.execute(job); }`): whoever calls it decides what runs on the pool.
    if (finder.runsCodeFromOutside) {
      return true;
    }
    List<Tree> work = new ArrayList<>(finder.bodies);
    work.addAll(finder.wrappedElsewhere);
    return callsTheStop(
        work, stop, codeUnit.getCompilationUnit(), true, finder.wrappedTaskFields, state);
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
      boolean wide,
      Set<Symbol> wrappedTasks,
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
        if (callsOutToCallbacks(code, called, ownCodeArguments, wide, wrappedTasks, state)) {
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
        if (seen.add(callee) && (wide || SameFile.isDeclaredIn(callee, unit))) {
          MethodTree declaration =
              SameFile.isDeclaredIn(callee, unit)
                  ? SameFile.findMethod(unit, callee, state)
                  : CompiledSources.methodTree(callee, state);
          if (declaration != null && declaration.getBody() != null) {
            next.add(declaration);
          }
        }
      }
      toScan = next;
    }
    return false;
  }

  /**
   * True if the stop's class implements {@code java.util.concurrent.Executor}, declares a
   * non-private {@code execute(Runnable)} that hands its parameter to an executor's method (not one
   * of its own class: {@code executor.execute(command)} on a pool it chose), and keeps the
   * cancelled pool in a field of its own (or in a collection field the stop loops over): the class
   * is an executor whose pools run the tasks its callers hand in.
   */
  private static boolean isAnExecutorForItsCallers(
      MethodSymbol stop, CancelTarget target, CompilationUnitTree unit, VisitorState state) {
    if (!(stop.owner instanceof ClassSymbol owner)
        || !(CancelTarget.fieldOfWork(target.variable(), unit) instanceof VarSymbol field)
        || !owner.equals(field.owner)) {
      return false;
    }
    Type executor = state.getTypeFromString("java.util.concurrent.Executor");
    Type runnable = state.getTypeFromString("java.lang.Runnable");
    ClassTree declaration = CompiledSources.classTree(owner, state);
    if (executor == null || runnable == null || declaration == null) {
      return false;
    }
    Types types = state.getTypes();
    if (!isSubtypeOf(owner, executor, types)) {
      return false;
    }
    for (Tree member : declaration.getMembers()) {
      if (member instanceof MethodTree method
          && method.getName().contentEquals("execute")
          && method.getParameters().size() == 1
          && method.getBody() != null
          && getSymbol(method) instanceof MethodSymbol execute
          && !execute.isPrivate()
          && !execute.isStatic()
          && getSymbol(method.getParameters().getFirst()) instanceof VarSymbol command
          && types.isSameType(types.erasure(command.type), types.erasure(runnable))
          && handsOnToAnotherExecutor(method.getBody(), command, owner, executor, types)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if {@code body} passes {@code command} to a method of an executor not of {@code owner}.
   */
  private static boolean handsOnToAnotherExecutor(
      Tree body, VarSymbol command, ClassSymbol owner, Type executor, Types types) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (getSymbol(call) instanceof MethodSymbol callee
            && callee.owner instanceof ClassSymbol calleeOwner
            && !calleeOwner.equals(owner)
            && getReceiver(call) != null
            && !isThisOrSuper(getReceiver(call))
            && call.getArguments().stream()
                .anyMatch(argument -> command.equals(Expressions.variableOf(argument)))
            && isSubtypeOf(calleeOwner, executor, types)) {
          found[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        return null; // code of another class runs where that class decides
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return null;
      }
    }.scan(body, null);
    return found[0];
  }

  private static boolean isThisOrSuper(ExpressionTree receiver) {
    return receiver instanceof IdentifierTree identifier
        && (identifier.getName().contentEquals("this")
            || identifier.getName().contentEquals("super"));
  }

  private static boolean isSubtypeOf(ClassSymbol type, Type supertype, Types types) {
    try {
      return types.isSubtype(types.erasure(type.type), types.erasure(supertype));
    } catch (RuntimeException incomplete) {
      return false; // a supertype that cannot be completed
    }
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
      TreePath path = CompiledSources.classPath(subclass, state);
      if (declaration == null || path == null) {
        continue;
      }
      List<Tree> entryPoints = TaskBodyFinder.entryPointsIn(declaration);
      if (callsTheStop(entryPoints, stop, path.getCompilationUnit(), false, Set.of(), state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The subclass of another file whose work reaches the stop at {@code codeUnit} on the object
   * itself ({@link #aSubclassesWorkReachesTheStop}), where that, and no reading of this file, is
   * why the work reaches it; null otherwise. For the message.
   */
  public static @Nullable ClassSymbol subclassWhoseWorkReachesTheStop(
      TreePath codeUnit, CancelTarget target, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol stop)
        || !(stop.owner instanceof ClassSymbol owner)
        || stop.isStatic()
        || stop.isPrivate()
        || target.kind() == CancelTarget.Kind.FUTURE) {
      return null;
    }
    TaskBodyFinder finder = TaskBodyFinder.found(target, state);
    if (finder.runsCodeFromOutside
        || HandedOutPools.isHandedOut(target, state)
        || callsTheStop(finder.bodies, stop, codeUnit.getCompilationUnit(), false, Set.of(), state)
        || aSubclassTaskCallsTheStop(owner, stop, state)) {
      return null;
    }
    Set<CompilationUnitTree> read = new HashSet<>();
    read.add(codeUnit.getCompilationUnit());
    for (ClassSymbol subclass : CompiledSources.subclassesOf(owner, state)) {
      TreePath path = CompiledSources.classPath(subclass, state);
      if (path == null || !read.add(path.getCompilationUnit())) {
        continue;
      }
      TaskBodyFinder work = TaskBodyFinder.foundIn(target, path.getCompilationUnit(), state);
      if (!work.bodies.isEmpty() && callsTheStopOnItself(work.bodies, stop, state)) {
        return subclass;
      }
    }
    return null;
  }

  /**
   * True if a class of another file of this compilation that extends the stop's class hands the
   * cancelled pool (or thread) work of its own — the pool a field of the stop's class it inherits,
   * {@code scheduledPool.scheduleWithFixedDelay(new StatusCheckRunnable(), ..)} — and that work
   * calls the stop on the object itself, through up to {@value #MAX_CALL_DEPTH} methods the object
   * calls on itself, in any file of the compilation ({@code run() -> reportFinalStatusThenDestroy()
   * -> destroy()}, the last an abstract method of a base class that the stop implements). The stop
   * then runs on a thread of the very pool it would wait for. Only calls on the object itself
   * (implicit, {@code this}, {@code super}, {@code Outer.this}) are followed: another object's stop
   * stops another pool.
   */
  private static boolean aSubclassesWorkReachesTheStop(
      ClassSymbol owner,
      MethodSymbol stop,
      CancelTarget target,
      CompilationUnitTree unit,
      VisitorState state) {
    if (target.kind() == CancelTarget.Kind.FUTURE) {
      return false;
    }
    Set<CompilationUnitTree> read = new HashSet<>();
    read.add(unit); // this file's work is read above
    for (ClassSymbol subclass : CompiledSources.subclassesOf(owner, state)) {
      TreePath path = CompiledSources.classPath(subclass, state);
      if (path == null || !read.add(path.getCompilationUnit())) {
        continue;
      }
      TaskBodyFinder finder = TaskBodyFinder.foundIn(target, path.getCompilationUnit(), state);
      if (!finder.bodies.isEmpty() && callsTheStopOnItself(finder.bodies, stop, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if {@code bodies}, or a method of the compilation they call on the object itself up to
   * {@value #MAX_CALL_DEPTH} deep, calls on the object itself the stop, a method that overrides it,
   * or a method the stop overrides (which dispatches to the stop on an object of its class).
   */
  private static boolean callsTheStopOnItself(
      List<? extends Tree> bodies, MethodSymbol stop, VisitorState state) {
    Set<MethodSymbol> seen = new HashSet<>();
    Deque<Tree> toScan = new ArrayDeque<>(bodies);
    for (int depth = 0; depth <= MAX_CALL_DEPTH && !toScan.isEmpty(); depth++) {
      Set<MethodSymbol> called = new HashSet<>();
      for (Tree code : toScan) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            ExpressionTree receiver = getReceiver(call);
            if (getSymbol(call) instanceof MethodSymbol callee
                && !callee.isStatic()
                && (receiver == null || isThisOrSuper(receiver) || isOuterThis(receiver))) {
              called.add(callee);
            }
            return super.visitMethodInvocation(call, null);
          }

          @Override
          public Void visitClass(ClassTree classTree, Void unused) {
            return null; // a class the work makes runs where it is handed
          }
        }.scan(code, null);
      }
      Deque<Tree> next = new ArrayDeque<>();
      for (MethodSymbol callee : called) {
        if (callee.equals(stop)
            || overrides(callee, stop, state)
            || (callee.owner instanceof ClassSymbol && overrides(stop, callee, state))) {
          return true;
        }
        if (seen.add(callee)) {
          MethodTree declaration = CompiledSources.methodTree(callee, state);
          if (declaration != null && declaration.getBody() != null) {
            next.add(declaration.getBody());
          }
        }
      }
      toScan = next;
    }
    return false;
  }

  /** {@code Outer.this}: the object an inner task class's code belongs to. */
  private static boolean isOuterThis(ExpressionTree receiver) {
    return receiver instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("this");
  }

  private static boolean isTaskType(ClassSymbol type, VisitorState state) {
    Type runnable = state.getTypeFromString("java.lang.Runnable");
    Type callable = state.getTypeFromString("java.util.concurrent.Callable");
    Types types = state.getTypes();
    try {
      return runnable != null && types.isSubtype(types.erasure(type.type), types.erasure(runnable))
          || callable != null && types.isSubtype(types.erasure(type.type), types.erasure(callable));
    } catch (RuntimeException incomplete) {
      return false; // a supertype that cannot be completed
    }
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
      boolean completesPromises,
      Set<Symbol> wrappedTasks,
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
                  && !isWrappedTask(receiver, wrappedTasks)
                  && (symbol.flags() & Flags.ABSTRACT) != 0
                  && (symbol.flags() & (Flags.DEFAULT | Flags.STATIC)) == 0
                  && symbol.owner instanceof ClassSymbol owner
                  && isCallbackType(owner);
          callsOut[0] |= completesPromises && completesAPromiseFromOutside(call, symbol, root);
        }
        // What the work hands to an executor or a thread runs there, not on the work's thread;
        // unless the executor is a plain Executor handed in from outside, which may well run it
        // right here (a direct executor, the default of many APIs that take one).
        if (Tasks.isTaskSubmission(call, state)) {
          if (mayRunOnTheCallersThread(getReceiver(call))) {
            for (ExpressionTree argument : call.getArguments()) {
              scanHandedOnCode(argument);
            }
          }
          return scan(call.getMethodSelect(), null);
        }
        return super.visitMethodInvocation(call, null);
      }

      /** Scans a lambda's body, or the methods of an anonymous class, as the work's own code. */
      private void scanHandedOnCode(ExpressionTree argument) {
        ExpressionTree stripped = Expressions.strip(argument);
        if (stripped instanceof NewClassTree newClass && newClass.getClassBody() != null) {
          for (Tree member : newClass.getClassBody().getMembers()) {
            if (member instanceof MethodTree method && method.getBody() != null) {
              scan(method.getBody(), null);
            }
          }
        } else {
          scan(stripped, null);
        }
      }

      /**
       * A field or parameter whose static type is {@code java.util.concurrent.Executor} itself and
       * which is not assigned in this file from anything but a parameter: an executor somebody else
       * chose, which promises nothing about the thread it runs a task on.
       */
      private boolean mayRunOnTheCallersThread(@Nullable ExpressionTree receiver) {
        VarSymbol executor = Expressions.variableOf(receiver);
        if (executor == null
            || !executor
                .type
                .tsym
                .getQualifiedName()
                .contentEquals("java.util.concurrent.Executor")) {
          return false;
        }
        if (executor.getKind() == ElementKind.PARAMETER) {
          return true;
        }
        if (executor.getKind() != ElementKind.FIELD) {
          return false;
        }
        boolean[] declared = new boolean[1];
        List<ExpressionTree> values =
            FutureValues.collectAssignments(
                executor, state.getPath().getCompilationUnit(), declared);
        return declared[0]
            && !values.isEmpty()
            && values.stream()
                .allMatch(
                    v ->
                        Expressions.variableOf(v) instanceof VarSymbol from
                            && from.getKind() == ElementKind.PARAMETER);
      }

      private void recordArguments(MethodSymbol callee, MethodInvocationTree call) {
        int count = callee.getParameters().size();
        boolean[] own = ownCodeArguments.get(callee);
        if (own == null) {
          own = new boolean[count];
          Arrays.fill(own, true);
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

  /** The receiver is a field of a task object that holds the task it wraps. */
  private static boolean isWrappedTask(ExpressionTree receiver, Set<Symbol> wrappedTasks) {
    VarSymbol variable = Expressions.variableOf(receiver);
    return variable != null && wrappedTasks.contains(variable);
  }

  /** Methods that complete a promise and run, on the calling thread, the stages others added. */
  private static final ImmutableSet<String> COMPLETIONS =
      ImmutableSet.of(
          "complete",
          "completeExceptionally",
          "setSuccess",
          "trySuccess",
          "setFailure",
          "tryFailure",
          "set",
          "setException");

  /**
   * True if {@code call} completes a {@code CompletableFuture}, a Guava {@code SettableFuture} or a
   * {@code *Promise} that the code at {@code root} did not create: one held in a field, or a local
   * or parameter declared outside {@code root} (captured from the method that made and returned
   * it). Its users' dependent stages run on this thread.
   */
  private static boolean completesAPromiseFromOutside(
      MethodInvocationTree call, MethodSymbol method, Tree root) {
    if (!COMPLETIONS.contains(method.getSimpleName().toString())
        || !(method.owner instanceof ClassSymbol owner)
        || method.isStatic()) {
      return false;
    }
    String name = owner.getQualifiedName().toString();
    boolean promise =
        name.equals("java.util.concurrent.CompletableFuture")
            || name.equals("com.google.common.util.concurrent.SettableFuture")
            || name.equals("com.google.common.util.concurrent.AbstractFuture")
            || owner.getSimpleName().toString().endsWith("Promise");
    if (!promise) {
      return false;
    }
    VarSymbol variable = Expressions.variableOf(getReceiver(call));
    if (variable == null) {
      return false;
    }
    if (variable.getKind() == ElementKind.FIELD) {
      return true;
    }
    boolean[] declaredInside = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        declaredInside[0] |= variable.equals(getSymbol(tree));
        return super.visitVariable(tree, null);
      }
    }.scan(root, null);
    return !declaredInside[0];
  }

  /**
   * A type of callback: {@code Runnable}, {@code Callable}, a functional interface, a {@code
   * *Listener}/{@code *Callback}/... type, or an interface that extends one of those ({@code
   * interface QueueConsumer extends ConnectionStateListener}).
   */
  private static boolean isCallbackType(ClassSymbol type) {
    if (isCallbackTypeByName(type)) {
      return true;
    }
    if (!type.isInterface()) {
      return false;
    }
    try {
      for (Type extended : type.getInterfaces()) {
        if (extended.tsym instanceof ClassSymbol parent && isCallbackTypeByName(parent)) {
          return true;
        }
      }
    } catch (RuntimeException incomplete) {
      return false; // a supertype that cannot be completed
    }
    return false;
  }

  private static boolean isCallbackTypeByName(ClassSymbol type) {
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
}
