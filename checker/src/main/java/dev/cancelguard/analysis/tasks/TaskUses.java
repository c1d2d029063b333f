package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSetMultimap;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.jdk.SyncCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import dev.cancelguard.analysis.trees.Supertypes;
import dev.cancelguard.analysis.trees.UnitCache;
import java.util.HashSet;
import java.util.Set;
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
  static final ImmutableSet<String> MUTATORS =
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
  static final ImmutableSet<String> SIGNALS =
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

  static final int MAX_HELPER_DEPTH = 2;

  /** The methods an executor or a thread calls on a task object. */
  static final ImmutableSet<String> TASK_ENTRY_POINTS =
      ImmutableSet.of("run", "call", "compute", "get");

  private static final TaskUses NONE =
      new TaskUses(
          ImmutableSet.of(),
          ImmutableSet.of(),
          ImmutableSet.of(),
          ImmutableSet.of(),
          ImmutableSet.of(),
          ImmutableSetMultimap.of(),
          false,
          ImmutableSet.of(),
          ImmutableSet.of(),
          ImmutableSet.of());

  private final ImmutableSet<Symbol> used;

  /**
   * Variables the tasks use other than by a dropped-result addition to an atomic count ({@link
   * CountUpdates}).
   */
  private final ImmutableSet<Symbol> usedBeyondCountUpdates;

  /** Variables the tasks use other than by an executor's stop, wait or query on them. */
  private final ImmutableSet<Symbol> usedBeyondStopsAndQueries;

  private final ImmutableSet<Symbol> written;
  private final ImmutableSet<Symbol> signalled;
  private final ImmutableSet<Symbol> executors;

  /** Variables the tasks use somewhere without holding an instance lock. */
  private final ImmutableSet<Symbol> usedUnlocked;

  /** For each variable, the classes whose instance lock the tasks hold where they use it. */
  private final ImmutableSetMultimap<Symbol, Symbol> monitors;

  /** True if some task code uses a variable without holding an instance lock. */
  private final boolean codeRunsUnlocked;

  /**
   * Variables that only hold a task object handed to the executor or thread ({@code
   * pool.scheduleAtFixedRate(listener, ..)}), which the task's own code does not read: the running
   * task has itself, whatever becomes of the variable.
   */
  private final ImmutableSet<Symbol> taskObjectHolders;

  private TaskUses(
      ImmutableSet<Symbol> used,
      ImmutableSet<Symbol> written,
      ImmutableSet<Symbol> signalled,
      ImmutableSet<Symbol> executors,
      ImmutableSet<Symbol> usedUnlocked,
      ImmutableSetMultimap<Symbol, Symbol> monitors,
      boolean codeRunsUnlocked,
      ImmutableSet<Symbol> taskObjectHolders,
      ImmutableSet<Symbol> usedBeyondStopsAndQueries,
      ImmutableSet<Symbol> usedBeyondCountUpdates) {
    this.usedBeyondStopsAndQueries = usedBeyondStopsAndQueries;
    this.usedBeyondCountUpdates = usedBeyondCountUpdates;
    this.codeRunsUnlocked = codeRunsUnlocked;
    this.usedUnlocked = usedUnlocked;
    this.monitors = monitors;
    this.used = used;
    this.written = written;
    this.signalled = signalled;
    this.executors = executors;
    this.taskObjectHolders = taskObjectHolders;
  }

  /** Nothing known about the tasks. */
  public static TaskUses none() {
    return NONE;
  }

  private static final UnitCache.Kind<CancelTarget.Key, TaskUses> USES = new UnitCache.Kind<>();

  /**
   * What the target's tasks, as found in this compilation unit, use; found once per unit and target
   * (every cancel of the variable, and the fix, ask).
   */
  public static TaskUses of(CancelTarget target, VisitorState state) {
    return UnitCache.get(USES, target.key(), state, key -> find(target, state));
  }

  private static TaskUses find(CancelTarget target, VisitorState state) {
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    TaskBodyFinder finder = TaskBodyFinder.found(target, state);
    TaskBodyUses collector = new TaskBodyUses(state, unit, 0, new HashSet<>(), null);
    for (Tree body : finder.bodies) {
      collector.scanWithin(unit, body);
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
    Set<Symbol> holders = new HashSet<>(finder.taskHolders);
    holders.removeIf(collector.used::contains);
    Set<Symbol> beyond = new HashSet<>(collector.usedBeyondStopsAndQueries);
    beyond.addAll(finder.directlyUsed);
    Set<Symbol> beyondCounts = new HashSet<>(collector.usedBeyondCountUpdates);
    beyondCounts.addAll(finder.directlyUsed);
    return new TaskUses(
        ImmutableSet.copyOf(used),
        ImmutableSet.copyOf(written),
        ImmutableSet.copyOf(collector.signalled),
        ImmutableSet.copyOf(finder.executors),
        ImmutableSet.copyOf(unlocked),
        ImmutableSetMultimap.copyOf(collector.monitors),
        !collector.usedUnlocked.isEmpty(),
        ImmutableSet.copyOf(holders),
        ImmutableSet.copyOf(beyond),
        ImmutableSet.copyOf(beyondCounts));
  }

  /**
   * True if the target's tasks, as found in this file, use the variable (for {@code written}: write
   * it) only inside {@code stop} or code it calls: every other task body and helper is followed as
   * usual, and the stop's own body is left out.
   */
  static boolean usedOnlyThrough(
      CancelTarget target,
      MethodSymbol stop,
      Symbol variable,
      boolean written,
      VisitorState state) {
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    TaskBodyFinder finder = TaskBodyFinder.found(target, state);
    if (!written && finder.directlyUsed.contains(variable)) {
      return false;
    }
    TaskBodyUses collector = new TaskBodyUses(state, unit, 0, new HashSet<>(), null);
    collector.excluded = stop;
    for (Tree body : finder.bodies) {
      if (!(body instanceof MethodTree method && stop.equals(getSymbol(method)))) {
        collector.scanWithin(unit, body);
      }
    }
    return !(written ? collector.written : collector.used).contains(variable);
  }

  /**
   * True if the variable only holds a task object handed over to run, and the task's own code does
   * not read it: setting it to null cannot fail the running task, which has itself.
   */
  public boolean onlyHoldsATask(@Nullable Symbol symbol) {
    return symbol != null && taskObjectHolders.contains(symbol);
  }

  /**
   * True if every use the tasks make of the variable is inside a synchronized instance method of
   * {@code monitor} or a {@code synchronized (this)} / {@code synchronized (Monitor.this)} block
   * (or code such a method or block calls): code holding that instance's lock never runs alongside
   * them.
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

  /**
   * True if the variable holds an executor ({@code ExecutorService}) that the tasks use only to
   * stop it, wait for it or ask about its state ({@link StoppedPoolCalls}): never to hand it work,
   * never to hand it on. Shutting that pool down cannot fail a task still running: the JDK's
   * executors refuse only new work once shut down, and their stops, waits and queries work the
   * same.
   */
  public boolean usesOnlyByStopsAndQueries(@Nullable Symbol symbol, VisitorState state) {
    return symbol != null
        && used.contains(symbol)
        && !usedBeyondStopsAndQueries.contains(symbol)
        && StoppedPoolCalls.isExecutor(symbol, state);
  }

  /**
   * True if the variable holds an atomic count ({@code AtomicInteger}, {@code AtomicLong}) that the
   * tasks, as far as this file shows them, only move by additions whose results they drop ({@link
   * CountUpdates}): {@code pending.decrementAndGet();}, never a read, a store, a compare-and-set,
   * nor the count handed on.
   */
  public boolean usesOnlyByCountUpdates(@Nullable Symbol symbol) {
    return symbol != null && used.contains(symbol) && !usedBeyondCountUpdates.contains(symbol);
  }

  /** True if the tasks read, write or call the variable. */
  public boolean uses(@Nullable Symbol symbol) {
    return symbol != null && used.contains(symbol);
  }

  /**
   * True if the tasks use and write no variable of this file: nothing the code after a cancel
   * releases or reads can be in their way.
   */
  public boolean usesNothing() {
    return used.isEmpty() && written.isEmpty();
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
    if (name.equals("release")
        && Supertypes.isSubtypeOf(variable.type, "java.util.concurrent.Semaphore", state)) {
      return null; // handing back a permit releases nothing the tasks hold
    }
    return variable;
  }

  private static final ImmutableSet<String> ADDS =
      ImmutableSet.of(
          "add",
          "offer",
          "put",
          "addFirst",
          "addLast",
          "offerFirst",
          "offerLast",
          "putFirst",
          "putLast");

  /**
   * True for a call that adds one element ({@code queue.offer(POISON)}, {@code add}, {@code put},
   * {@code addLast} ..) to a collection of {@code java.util.concurrent} held in a variable ({@code
   * LinkedBlockingQueue}, {@code ConcurrentLinkedDeque}; not a map, whose {@code put} may overwrite
   * what a task stored): a thread-safe write of the caller's own element that reads nothing the
   * tasks wrote, and that a task still running cannot see half done.
   */
  public static boolean addsToConcurrentCollection(MethodInvocationTree call, VisitorState state) {
    Symbol method = getSymbol(call);
    if (method == null
        || method.isStatic()
        || call.getArguments().size() != 1
        || !ADDS.contains(method.getSimpleName().toString())) {
      return false;
    }
    VarSymbol variable = Expressions.variableOf(getReceiver(call));
    return variable != null
        && variable.type != null
        && variable.type.tsym != null
        && variable.type.tsym.packge().getQualifiedName().contentEquals("java.util.concurrent")
        && Supertypes.isSubtypeOf(variable.type, "java.util.Collection", state);
  }

  /** The calls that store one value into an atomic variable and return nothing. */
  private static final ImmutableSet<String> ATOMIC_STORES =
      ImmutableSet.of("set", "lazySet", "setPlain", "setOpaque", "setRelease");

  /**
   * True for a call that stores a value into a {@code java.util.concurrent.atomic} variable ({@code
   * pending.set(false)}, {@code lazySet}), other than {@code null}: like an assignment, a write of
   * the caller's own value, which reads nothing the tasks wrote and which a task still running
   * cannot see half done. Storing {@code null} takes away what a task may still read, and a read
   * ({@code get()}, {@code getAndSet}, {@code compareAndSet}) is still a read.
   */
  public static boolean setsAnAtomic(MethodInvocationTree call, VisitorState state) {
    Symbol method = getSymbol(call);
    if (method == null
        || method.isStatic()
        || call.getArguments().size() != 1
        || !ATOMIC_STORES.contains(method.getSimpleName().toString())
        || Expressions.strip(call.getArguments().getFirst()) instanceof LiteralTree literal
            && literal.getKind() == Tree.Kind.NULL_LITERAL) {
      return false;
    }
    VarSymbol variable = Expressions.variableOf(getReceiver(call));
    return variable != null
        && variable.type != null
        && variable.type.tsym != null
        && method.owner != null
        && method.owner.packge().getQualifiedName().contentEquals("java.util.concurrent.atomic");
  }

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
    ClassTree declaring = SameFile.findClass(state.getPath().getCompilationUnit(), owner, state);
    if (declaring == null) {
      return false;
    }
    for (Tree member : declaring.getMembers()) {
      if (member instanceof VariableTree field && variable.equals(getSymbol(field))) {
        return field.getInitializer() != null
            && SyncCalls.SYNCHRONIZED_WRAPPER.matches(field.getInitializer(), state);
      }
    }
    return false;
  }
}
