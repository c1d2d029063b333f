package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;

import com.google.common.collect.HashMultimap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSetMultimap;
import com.google.common.collect.SetMultimap;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * "Uses what the tasks use": the variables that the work started on a target (the tasks submitted
 * to an executor, a thread's body, the task behind a future) reads, writes or signals, as far as
 * this file shows them. Task bodies are lambdas, method references, anonymous classes and classes
 * of this file handed to the executor or thread; calls from them into methods of this file are
 * followed two levels deep.
 */
public final class TaskUses {
  /** Methods that change the receiver: a task calling one "writes" the variable. */
  private static final ImmutableSet<String> MUTATORS =
      ImmutableSet.of(
          "add",
          "addAll",
          "addFirst",
          "addLast",
          "put",
          "putAll",
          "putIfAbsent",
          "offer",
          "offerFirst",
          "offerLast",
          "push",
          "set",
          "lazySet",
          "compareAndSet",
          "getAndSet",
          "incrementAndGet",
          "getAndIncrement",
          "decrementAndGet",
          "getAndDecrement",
          "addAndGet",
          "getAndAdd",
          "increment",
          "decrement",
          "accumulate",
          "accumulateAndGet",
          "getAndAccumulate",
          "updateAndGet",
          "getAndUpdate",
          "merge",
          "compute",
          "computeIfAbsent",
          "computeIfPresent",
          "replace",
          "replaceAll",
          "append",
          "insert");

  /** Methods a task calls to tell a waiter it is done. */
  private static final ImmutableSet<String> SIGNALS =
      ImmutableSet.of(
          "countDown",
          "release",
          "arrive",
          "arriveAndDeregister",
          "arriveAndAwaitAdvance",
          "complete",
          "completeExceptionally",
          "signal",
          "signalAll");

  /** Instance methods that close, clear or stop their receiver. */
  private static final ImmutableSet<String> RELEASES =
      ImmutableSet.of(
          "close",
          "clear",
          "disconnect",
          "dispose",
          "destroy",
          "shutdown",
          "shutdownNow",
          "stop",
          "terminate",
          "delete",
          "invalidate",
          "release");

  /** Static helpers that close or delete their first argument. */
  private static final ImmutableSet<String> STATIC_RELEASES =
      ImmutableSet.of(
          "closeQuietly", "close", "delete", "deleteIfExists", "deleteRecursively", "closeAll");

  private static final int MAX_HELPER_DEPTH = 2;

  /** The methods an executor or a thread calls on a task object. */
  private static final ImmutableSet<String> TASK_ENTRY_POINTS =
      ImmutableSet.of("run", "call", "compute", "get");

  private static final TaskUses NONE =
      new TaskUses(
          ImmutableSet.of(),
          ImmutableSet.of(),
          ImmutableSet.of(),
          ImmutableSet.of(),
          ImmutableSet.of(),
          ImmutableSetMultimap.of(),
          false);

  private final ImmutableSet<Symbol> used;
  private final ImmutableSet<Symbol> written;
  private final ImmutableSet<Symbol> signalled;
  private final ImmutableSet<Symbol> executors;

  /** Variables the tasks use somewhere without holding an instance lock. */
  private final ImmutableSet<Symbol> usedUnlocked;

  /** For each variable, the classes whose instance lock the tasks hold where they use it. */
  private final ImmutableSetMultimap<Symbol, Symbol> monitors;

  /** True if some task code uses a variable without holding an instance lock. */
  private final boolean codeRunsUnlocked;

  private TaskUses(
      ImmutableSet<Symbol> used,
      ImmutableSet<Symbol> written,
      ImmutableSet<Symbol> signalled,
      ImmutableSet<Symbol> executors,
      ImmutableSet<Symbol> usedUnlocked,
      ImmutableSetMultimap<Symbol, Symbol> monitors,
      boolean codeRunsUnlocked) {
    this.codeRunsUnlocked = codeRunsUnlocked;
    this.usedUnlocked = usedUnlocked;
    this.monitors = monitors;
    this.used = used;
    this.written = written;
    this.signalled = signalled;
    this.executors = executors;
  }

  /** Nothing known about the tasks. */
  public static TaskUses none() {
    return NONE;
  }

  /** What the target's tasks, as found in this compilation unit, use. */
  public static TaskUses of(CancelTarget target, VisitorState state) {
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    Finder finder = new Finder(target, state, unit);
    finder.find();
    Collector collector = new Collector(state, unit, 0, new HashSet<>(), null);
    for (Tree body : finder.bodies) {
      collector.scan(body, null);
    }
    Set<Symbol> used = new HashSet<>(collector.used);
    used.addAll(finder.directlyUsed);
    Set<Symbol> written = new HashSet<>(collector.written);
    used.removeIf(target::isNameOrCollection);
    written.removeIf(target::isNameOrCollection);
    Set<Symbol> unlocked = new HashSet<>(collector.usedUnlocked);
    unlocked.addAll(finder.directlyUsed);
    // A local holding the task object is how it was handed over, not something it runs with.
    unlocked.removeIf(s -> finder.taskHolders.contains(s) && Ownership.isLocal(s));
    return new TaskUses(
        ImmutableSet.copyOf(used),
        ImmutableSet.copyOf(written),
        ImmutableSet.copyOf(collector.signalled),
        ImmutableSet.copyOf(finder.executors),
        ImmutableSet.copyOf(unlocked),
        ImmutableSetMultimap.copyOf(collector.monitors),
        !collector.usedUnlocked.isEmpty());
  }

  /**
   * True if every use the tasks make of the variable is inside a synchronized instance method of
   * {@code monitor} (or code such a method calls): code holding that instance's lock never runs
   * alongside them.
   */
  public boolean usedOnlyHolding(@Nullable Symbol symbol, ClassSymbol monitor) {
    return symbol != null && usesOnlyHolding(symbol, monitor);
  }

  /**
   * True if the tasks use variables, and every one only while holding {@code monitor}'s instance
   * lock: whatever they do after a synchronized method of it returns waits for its next turn.
   */
  public boolean everyUseHolding(ClassSymbol monitor) {
    return !codeRunsUnlocked
        && !monitors.isEmpty()
        && monitors.values().stream().allMatch(monitor::equals);
  }

  private boolean usesOnlyHolding(Symbol symbol, ClassSymbol monitor) {
    return used.contains(symbol)
        && !usedUnlocked.contains(symbol)
        && monitors.get(symbol).equals(ImmutableSet.of(monitor));
  }

  /** True if the tasks read, write or call the variable. */
  public boolean uses(@Nullable Symbol symbol) {
    return symbol != null && used.contains(symbol);
  }

  /** True if the tasks write the variable (assign it, or call a mutator such as add/put on it). */
  public boolean writes(@Nullable Symbol symbol) {
    return symbol != null && written.contains(symbol);
  }

  /** True if the tasks signal through the variable (countDown, release, complete, ...). */
  public boolean signals(@Nullable Symbol symbol) {
    return symbol != null && signalled.contains(symbol);
  }

  /** For a future target: the executors its task was submitted to. */
  public ImmutableSet<Symbol> executors() {
    return executors;
  }

  /**
   * The variable a call closes, clears or stops ({@code x.close()}, {@code x.clear()}, {@code
   * IOUtils.closeQuietly(x)}, {@code Files.delete(x)}); null for any other call.
   */
  public static @Nullable VarSymbol releasedBy(MethodInvocationTree call, VisitorState state) {
    Symbol method = getSymbol(call);
    if (method == null) {
      return null;
    }
    String name = method.getSimpleName().toString();
    if (method.isStatic()) {
      return STATIC_RELEASES.contains(name) && !call.getArguments().isEmpty()
          ? Expressions.variableOf(call.getArguments().getFirst())
          : null;
    }
    if (!RELEASES.contains(name) || !call.getArguments().isEmpty() && !name.equals("delete")) {
      return null;
    }
    ExpressionTree receiver = getReceiver(call);
    VarSymbol variable = Expressions.variableOf(receiver);
    if (variable == null) {
      return null;
    }
    // Clearing a concurrent collection corrupts nothing: a task still running sees it empty.
    if (name.equals("clear")
        && variable.type != null
        && variable.type.tsym != null
        && variable.type.tsym.packge().getQualifiedName().contentEquals("java.util.concurrent")) {
      return null;
    }
    // Nor does clearing a `Collections.synchronizedSet/List/Map(..)` wrapper held in a final field.
    if (name.equals("clear") && isSynchronizedWrapperField(variable, state)) {
      return null;
    }
    Type semaphore = state.getTypeFromString("java.util.concurrent.Semaphore");
    if (name.equals("release") && semaphore != null && isSubtype(variable.type, semaphore, state)) {
      return null; // handing back a permit releases nothing the tasks hold
    }
    return variable;
  }

  private static final Matcher<ExpressionTree> SYNCHRONIZED_WRAPPER =
      staticMethod()
          .onClass("java.util.Collections")
          .namedAnyOf(
              "synchronizedCollection",
              "synchronizedSet",
              "synchronizedSortedSet",
              "synchronizedNavigableSet",
              "synchronizedList",
              "synchronizedMap",
              "synchronizedSortedMap",
              "synchronizedNavigableMap");

  /**
   * True for a final field of this file initialised with {@code Collections.synchronizedX(..)}:
   * every call on it, {@code clear()} included, is atomic.
   */
  private static boolean isSynchronizedWrapperField(VarSymbol variable, VisitorState state) {
    if (!Ownership.isField(variable)
        || (variable.flags() & Flags.FINAL) == 0
        || !(variable.owner instanceof ClassSymbol owner)) {
      return false;
    }
    ClassTree declaring = SameFile.findClass(state.getPath().getCompilationUnit(), owner);
    if (declaring == null) {
      return false;
    }
    for (Tree member : declaring.getMembers()) {
      if (member instanceof VariableTree field && variable.equals(getSymbol(field))) {
        return field.getInitializer() != null
            && SYNCHRONIZED_WRAPPER.matches(field.getInitializer(), state);
      }
    }
    return false;
  }

  /** Finds the code that runs as the target's tasks. */
  private static final class Finder {
    private final CancelTarget target;
    private final VisitorState state;
    private final CompilationUnitTree unit;
    private final List<Tree> bodies = new ArrayList<>();
    private final Set<Symbol> directlyUsed = new HashSet<>();

    /** Variables that hold a task object handed to the executor ({@code pool.execute(task)}). */
    private final Set<Symbol> taskHolders = new HashSet<>();

    private final Set<Symbol> executors = new HashSet<>();
    private final Set<Symbol> completionServices = new HashSet<>();

    Finder(CancelTarget target, VisitorState state, CompilationUnitTree unit) {
      this.target = target;
      this.state = state;
      this.unit = unit;
    }

    void find() {
      switch (target.kind()) {
        case EXECUTOR -> findSubmissions();
        case THREAD -> findThreadBodies();
        case FUTURE -> findFutureOrigins();
      }
    }

    private void findSubmissions() {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitVariable(VariableTree variable, Void unused) {
          if (Expressions.strip(variable.getInitializer()) instanceof NewClassTree newClass
              && isCompletionService(newClass)
              && newClass.getArguments().stream().anyMatch(target::isNamedBy)) {
            completionServices.add(getSymbol(variable));
          }
          return super.visitVariable(variable, null);
        }
      }.scan(unit, null);
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          ExpressionTree receiver = getReceiver(call);
          if (Tasks.isTaskSubmission(call, state)
              && (target.isNamedBy(receiver)
                  || completionServices.contains(Expressions.variableOf(receiver)))) {
            call.getArguments().forEach(Finder.this::addTask);
          } else if (Expressions.isResolved(call)
              && ExecutorCalls.ASYNC_ON_EXECUTOR.matches(call, state)
              && call.getArguments().stream().anyMatch(target::isNamedBy)) {
            call.getArguments().stream()
                .filter(a -> !target.isNamedBy(a))
                .forEach(Finder.this::addTask);
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(unit, null);
    }

    private boolean isCompletionService(NewClassTree newClass) {
      Type type = getType(newClass.getIdentifier());
      return type != null
          && type.tsym
              .getQualifiedName()
              .contentEquals("java.util.concurrent.ExecutorCompletionService");
    }

    private void findThreadBodies() {
      forEachValueOfTarget(
          value -> {
            ExpressionTree created = Expressions.strip(value);
            if (!Ownership.isThreadCreation(created, state)) {
              return;
            }
            if (created instanceof NewClassTree newClass) {
              newClass.getArguments().forEach(this::addTask);
              if (newClass.getClassBody() != null) {
                bodies.add(newClass.getClassBody());
              } else if (getSymbol(newClass.getIdentifier()) instanceof ClassSymbol type) {
                addTaskMethodsOf(type);
              }
            } else if (created instanceof MethodInvocationTree call) {
              call.getArguments().forEach(this::addTask);
            }
          });
    }

    private void findFutureOrigins() {
      forEachValueOfTarget(
          value -> {
            ExpressionTree origin = Expressions.strip(value);
            // supplyAsync(..).thenApply(..): the work starts at the innermost call.
            while (origin instanceof MethodInvocationTree call
                && Expressions.isResolved(call)
                && !Tasks.isTaskSubmission(call, state)
                && !ExecutorCalls.ASYNC_ON_EXECUTOR.matches(call, state)
                && getReceiver(call) != null) {
              origin = Expressions.strip(getReceiver(call));
            }
            if (!(origin instanceof MethodInvocationTree call) || !Expressions.isResolved(call)) {
              return;
            }
            if (Tasks.isTaskSubmission(call, state)) {
              VarSymbol executor = Expressions.variableOf(getReceiver(call));
              if (executor != null) {
                executors.add(executor);
              }
              call.getArguments().forEach(this::addTask);
            } else if (ExecutorCalls.ASYNC_ON_EXECUTOR.matches(call, state)) {
              for (ExpressionTree argument : call.getArguments()) {
                Type type = getType(argument);
                Type executorType = state.getTypeFromString("java.util.concurrent.Executor");
                VarSymbol variable = Expressions.variableOf(argument);
                if (variable != null
                    && type != null
                    && executorType != null
                    && isSubtype(type, executorType, state)) {
                  executors.add(variable);
                } else {
                  addTask(argument);
                }
              }
            }
          });
    }

    /**
     * Calls {@code action} with every value stored into the target's variable: its initializer,
     * assignments, and for a loop variable the values added to the collection.
     */
    private void forEachValueOfTarget(java.util.function.Consumer<ExpressionTree> action) {
      VarSymbol collection = target.collection();
      VarSymbol variable = target.variable();
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
          if (collection == null
              && variable.equals(getSymbol(tree))
              && tree.getInitializer() != null) {
            action.accept(tree.getInitializer());
          }
          return super.visitVariable(tree, null);
        }

        @Override
        public Void visitAssignment(AssignmentTree tree, Void unused) {
          if (collection == null && variable.equals(Expressions.variableOf(tree.getVariable()))) {
            action.accept(tree.getExpression());
          }
          return super.visitAssignment(tree, null);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (collection != null
              && call.getMethodSelect() instanceof MemberSelectTree select
              && select.getIdentifier().contentEquals("add")
              && collection.equals(Expressions.variableOf(select.getExpression()))
              && call.getArguments().size() == 1) {
            ExpressionTree added = call.getArguments().getFirst();
            VarSymbol local = Expressions.variableOf(added);
            ExpressionTree initializer = local == null ? null : initializerOf(local);
            action.accept(initializer != null ? initializer : added);
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(unit, null);
    }

    private @Nullable ExpressionTree initializerOf(VarSymbol local) {
      if (!Ownership.isLocal(local)) {
        return null;
      }
      ExpressionTree[] found = new ExpressionTree[1];
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
          if (local.equals(getSymbol(tree))) {
            found[0] = tree.getInitializer();
          }
          return super.visitVariable(tree, null);
        }
      }.scan(unit, null);
      return found[0];
    }

    /**
     * The entry points of a task class of this file: its run/call/compute/get methods without
     * parameters (what an executor or thread calls), or the whole class when it has none.
     */
    private void addTaskMethodsOf(ClassSymbol type) {
      ClassTree declared = SameFile.findClass(unit, type);
      if (declared == null) {
        return;
      }
      List<Tree> entryPoints = new ArrayList<>();
      for (Tree member : declared.getMembers()) {
        if (member instanceof MethodTree method
            && method.getParameters().isEmpty()
            && TASK_ENTRY_POINTS.contains(method.getName().toString())) {
          entryPoints.add(method);
        }
      }
      bodies.addAll(entryPoints.isEmpty() ? List.of(declared) : entryPoints);
    }

    /** A task argument: a lambda, a method reference, a task object, a variable holding one. */
    private void addTask(ExpressionTree argument) {
      ExpressionTree task = Expressions.strip(argument);
      switch (task) {
        case LambdaExpressionTree lambda -> bodies.add(lambda);
        case MemberReferenceTree reference -> {
          VarSymbol qualifier = Expressions.variableOf(reference.getQualifierExpression());
          if (qualifier != null) {
            directlyUsed.add(qualifier);
          }
          if (getSymbol(reference) instanceof MethodSymbol method) {
            MethodTree declared = SameFile.findMethod(unit, method);
            if (declared != null) {
              bodies.add(declared);
            }
          }
        }
        case NewClassTree newClass -> {
          for (ExpressionTree constructorArgument : newClass.getArguments()) {
            VarSymbol variable = Expressions.variableOf(constructorArgument);
            if (variable != null) {
              directlyUsed.add(variable);
            } else {
              bodies.add(constructorArgument);
            }
          }
          if (newClass.getClassBody() != null) {
            bodies.add(newClass.getClassBody());
          } else if (getSymbol(newClass.getIdentifier()) instanceof ClassSymbol type) {
            addTaskMethodsOf(type);
          }
        }
        case IdentifierTree identifier when identifier.getName().contentEquals("this") -> {
          Type type = getType(identifier);
          if (type != null && type.tsym instanceof ClassSymbol classSymbol) {
            addTaskMethodsOf(classSymbol);
          }
        }
        case null -> {}
        default -> {
          VarSymbol variable = Expressions.variableOf(task);
          if (variable != null) {
            directlyUsed.add(variable);
            taskHolders.add(variable);
            ExpressionTree initializer = initializerOf(variable);
            if (initializer != null) {
              addTask(initializer);
            }
          } else {
            bodies.add(task);
          }
        }
      }
    }
  }

  /** Collects the variables a piece of task code reads, writes and signals. */
  private static final class Collector extends TreeScanner<Void, Void> {
    private final VisitorState state;
    private final CompilationUnitTree unit;
    private final int depth;
    private final Set<Object> followed;
    private @Nullable Symbol monitor;
    private final Set<Symbol> usedUnlocked = new HashSet<>();
    private final SetMultimap<Symbol, Symbol> monitors = HashMultimap.create();
    private final Set<Symbol> declared = new HashSet<>();
    private final Set<Symbol> used = new HashSet<>();
    private final Set<Symbol> written = new HashSet<>();
    private final Set<Symbol> signalled = new HashSet<>();

    Collector(
        VisitorState state,
        CompilationUnitTree unit,
        int depth,
        Set<Object> followed,
        @Nullable Symbol monitor) {
      this.monitor = monitor;
      this.state = state;
      this.unit = unit;
      this.depth = depth;
      this.followed = followed;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      Symbol symbol = getSymbol(tree);
      if (symbol != null) {
        declared.add(symbol);
      }
      return super.visitVariable(tree, null);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      // May run later, on another thread, without the lock.
      Symbol outer = monitor;
      monitor = null;
      super.visitLambdaExpression(tree, null);
      monitor = outer;
      return null;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      Symbol outer = monitor;
      monitor = null;
      super.visitClass(tree, null);
      monitor = outer;
      return null;
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      Symbol outer = monitor;
      Symbol method = getSymbol(tree);
      if (monitor == null
          && method != null
          && !method.isStatic()
          && tree.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED)) {
        monitor = method.owner;
      }
      super.visitMethod(tree, null);
      monitor = outer;
      return null;
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      note(Expressions.variableOf(tree), used);
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      note(Expressions.variableOf(tree), used);
      return super.visitMemberSelect(tree, null);
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
      note(Expressions.variableOf(tree.getVariable()), written);
      return super.visitAssignment(tree, null);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
      note(Expressions.variableOf(tree.getVariable()), written);
      return super.visitCompoundAssignment(tree, null);
    }

    @Override
    public Void visitUnary(UnaryTree tree, Void unused) {
      switch (tree.getKind()) {
        case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
            note(Expressions.variableOf(tree.getExpression()), written);
        default -> {}
      }
      return super.visitUnary(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      Symbol method = getSymbol(call);
      if (method != null && !method.isStatic()) {
        VarSymbol receiver = Expressions.variableOf(getReceiver(call));
        String name = method.getSimpleName().toString();
        if (MUTATORS.contains(name)) {
          note(receiver, written);
        }
        if (SIGNALS.contains(name)) {
          note(receiver, signalled);
        }
      }
      if (method instanceof MethodSymbol helper
          && depth < MAX_HELPER_DEPTH
          && SameFile.isDeclaredIn(helper, unit)
          && followed.add(monitor == null ? helper : List.of(helper, monitor))) {
        MethodTree declaredHelper = SameFile.findMethod(unit, helper);
        if (declaredHelper != null && declaredHelper.getBody() != null) {
          Collector inner = new Collector(state, unit, depth + 1, followed, monitor);
          inner.scan(declaredHelper, null);
          used.addAll(inner.used);
          usedUnlocked.addAll(inner.usedUnlocked);
          monitors.putAll(inner.monitors);
          written.addAll(inner.written);
          signalled.addAll(inner.signalled);
          // A parameter the helper writes is the caller's argument.
          for (int i = 0;
              i < declaredHelper.getParameters().size() && i < call.getArguments().size();
              i++) {
            Symbol parameter = getSymbol(declaredHelper.getParameters().get(i));
            if (inner.writtenLocally.contains(parameter)) {
              note(Expressions.variableOf(call.getArguments().get(i)), written);
            }
          }
        }
      }
      return super.visitMethodInvocation(call, null);
    }

    private final Set<Symbol> writtenLocally = new HashSet<>();

    private void note(@Nullable VarSymbol symbol, Set<Symbol> into) {
      if (symbol == null) {
        return;
      }
      if (declared.contains(symbol)) {
        if (into == written) {
          writtenLocally.add(symbol);
        }
        return;
      }
      if (isOfThisFile(symbol)) {
        into.add(symbol);
        if (into != used) {
          used.add(symbol);
        }
        if (monitor == null) {
          usedUnlocked.add(symbol);
        } else {
          monitors.put(symbol, monitor);
        }
      }
    }

    /** Locals and parameters, and fields of classes declared in this file. */
    private boolean isOfThisFile(VarSymbol symbol) {
      if (!Ownership.isField(symbol)) {
        return true;
      }
      return SameFile.isDeclaredIn(symbol, unit);
    }
  }
}
