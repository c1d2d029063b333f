package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.ConstantDurations;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether the compilation shows that an inserted wait ends: that the work it waits for ends
 * promptly once cancelled, on threads other than the one that would wait. A wait is offered only
 * where nothing here says otherwise; each rule below withholds it:
 *
 * <ul>
 *   <li>The cancel runs inside a task of the very executor it cancels, at any depth of lambdas and
 *       classes ({@code pool.submit(() -> { .. all.whenComplete((v, e) -> pool.shutdown()); })}): a
 *       callback registered on a future that is already complete runs at once, on the pool's own
 *       thread, and a wait there waits for itself.
 *   <li>The executor is of a type whose termination is not a local pool's: neither a platform type
 *       ({@code java.*}, {@code javax.*}) nor a subclass of {@code ThreadPoolExecutor} or {@code
 *       ForkJoinPool}. A library's own {@code ExecutorService} (a distributed executor whose
 *       termination waits for the whole cluster, a facade over a shared pool) terminates when its
 *       own code says so, which this file does not show.
 *   <li>The cancel is {@code shutdown()}, which interrupts nothing, and the code that runs on the
 *       executor sleeps longer than a second or for a time only known at run time: a task of this
 *       file, a task object held in a field of this file, or any code of a class compiled here that
 *       the executor is handed to (a constructor's or a setter's argument), and what they call in
 *       the compilation up to {@value #MAX_CALL_DEPTH} calls deep ({@code Thread.sleep}, {@code
 *       TimeUnit.sleep}). A retry loop's back-off or a poll's pause runs its full length after
 *       {@code shutdown()}, and the stop would wait for all of it, maybe for minutes. A constant
 *       pause of a second or less does not count.
 *   <li>The work (an executor's tasks, a thread's body) runs a loop that can never end, not even on
 *       the interrupt ({@link NeverEndingTasks}): {@code while (true)} around a {@code take()} or a
 *       timed {@code wait(..)} whose {@code InterruptedException} a catch logs and goes round
 *       again. {@code shutdown()} interrupts nothing, and the interrupt {@code shutdownNow()},
 *       {@code close()} or {@code interrupt()} sends is swallowed: a wait for it never returns.
 * </ul>
 */
public final class PromptEnds {
  /** How many calls deep the code that runs on the executor is followed into the compilation. */
  static final int MAX_CALL_DEPTH = 2;

  /** How many methods one question reads, at most. */
  private static final int MAX_METHODS = 96;

  private PromptEnds() {}

  /** What the compilation shows against an inserted wait, by the rules of the class comment. */
  public enum Doubt {
    /** Nothing: the wait is shown to end. */
    NONE,
    /** The cancel runs inside a task of the work it would wait for. */
    OWN_TASK,
    /** The executor is of a type whose termination its own library defines. */
    LIBRARY_TYPE,
    /** The cancel is {@code shutdown()}, and the work sleeps. */
    SLEEPING_WORK,
    /** The work runs a loop that can never end, not even on the interrupt. */
    NEVER_ENDING_WORK
  }

  /**
   * What the compilation shows against a wait inserted after {@code cancel}: {@link Doubt#OWN_TASK}
   * withholds any wait, the other doubts an unbounded one.
   */
  public static Doubt doubtAbout(
      CancelTarget target,
      MethodInvocationTree cancel,
      TreePath cancelPath,
      CancelGuardOptions options,
      VisitorState state) {
    TaskBodyFinder finder = TaskBodyFinder.found(target, state);
    if (insideItsOwnTask(finder, cancelPath)) {
      return Doubt.OWN_TASK;
    }
    if (NeverEndingTasks.loopThatNeverEnds(target, state, options) != null) {
      return Doubt.NEVER_ENDING_WORK;
    }
    if (target.kind() != CancelTarget.Kind.EXECUTOR) {
      return Doubt.NONE;
    }
    if (!isLocalPoolType(getReceiver(cancel), state)) {
      return Doubt.LIBRARY_TYPE;
    }
    return getSymbol(cancel) instanceof MethodSymbol method
            && method.getSimpleName().contentEquals("shutdown")
            && method.getParameters().isEmpty()
            && workSleeps(finder, target, cancelPath.getCompilationUnit(), state)
        ? Doubt.SLEEPING_WORK
        : Doubt.NONE;
  }

  /** True if a task body of the target encloses the cancel. */
  private static boolean insideItsOwnTask(TaskBodyFinder finder, TreePath cancelPath) {
    for (TreePath path = cancelPath; path != null; path = path.getParentPath()) {
      Tree leaf = path.getLeaf();
      for (Tree body : finder.bodies) {
        if (body == leaf) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True if the receiver's static type is a platform type or a subclass of a JDK pool; true also
   * when its type is unknown (nothing to say against it).
   */
  private static boolean isLocalPoolType(@Nullable ExpressionTree receiver, VisitorState state) {
    Type type = receiver == null ? null : getType(receiver);
    if (type == null || !(type.tsym instanceof ClassSymbol symbol)) {
      return true;
    }
    String name = symbol.getQualifiedName().toString();
    if (name.startsWith("java.") || name.startsWith("javax.")) {
      return true;
    }
    Type erased = state.getTypes().erasure(type);
    for (String pool :
        List.of("java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ForkJoinPool")) {
      Type poolType = state.getTypeFromString(pool);
      if (poolType != null && isSubtype(erased, poolType, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if code that runs on the target's executor sleeps: its task bodies in this file, the
   * initializers of fields of this file that hold its task objects, the classes compiled here (in
   * other files) whose constructor or setter the executor is handed to, and what they call in the
   * compilation.
   */
  private static boolean workSleeps(
      TaskBodyFinder finder, CancelTarget target, CompilationUnitTree unit, VisitorState state) {
    List<Tree> roots = new ArrayList<>(finder.bodies);
    Set<Symbol> holders = new HashSet<>(finder.taskHolders);
    holders.addAll(finder.directlyUsed);
    Set<ClassSymbol> receivers = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        Symbol symbol = getSymbol(variable);
        if (symbol instanceof VarSymbol field
            && field.owner instanceof ClassSymbol
            && holders.contains(field)
            && variable.getInitializer() != null) {
          roots.add(variable.getInitializer());
        }
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (getSymbol(call) instanceof MethodSymbol method
            && method.getSimpleName().toString().startsWith("set")) {
          handedTo(method, call.getArguments());
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        handedTo(getSymbol(newClass), newClass.getArguments());
        return super.visitNewClass(newClass, null);
      }

      private void handedTo(@Nullable Symbol callee, List<? extends ExpressionTree> arguments) {
        if (callee instanceof MethodSymbol method
            && method.owner instanceof ClassSymbol owner
            && !SameFile.isDeclaredIn(owner, unit)
            && arguments.stream().anyMatch(target::isNamedBy)) {
          receivers.add(owner);
        }
      }
    }.scan(unit, null);
    for (ClassSymbol receiver : receivers) {
      ClassTree declared = CompiledSources.classTree(receiver, state);
      if (declared != null) {
        roots.add(declared);
      }
    }
    SleepFinder sleeps = new SleepFinder(state);
    for (Tree root : roots) {
      if (sleeps.sleepsIn(root, 0)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the sleep lasts a constant time of at most {@value #SHORT_SLEEP_MILLIS} ms: {@code
   * Thread.sleep(500L)}, {@code TimeUnit.MILLISECONDS.sleep(100)}. A pause that short in a loop
   * that tests the executor's state ends with it soon after the shutdown.
   */
  private static boolean isShortConstantSleep(MethodInvocationTree call) {
    if (call.getArguments().isEmpty()
        || !(constValue(call.getArguments().getFirst()) instanceof Number amount)) {
      return false;
    }
    long millis;
    ExpressionTree receiver = getReceiver(call);
    if (receiver == null || getSymbol(receiver) instanceof ClassSymbol) {
      millis = amount.longValue(); // Thread.sleep(millis[, nanos])
    } else {
      // TimeUnit.X.sleep(amount); not a unit held in a variable
      millis =
          ConstantDurations.millis(call.getArguments().getFirst(), receiver).orElse(Long.MAX_VALUE);
    }
    return millis <= SHORT_SLEEP_MILLIS;
  }

  /** The longest constant sleep that does not count, in milliseconds. */
  static final long SHORT_SLEEP_MILLIS = 1000;

  /** Finds a sleep in code and in the methods of the compilation it calls. */
  private static final class SleepFinder {
    private final VisitorState state;
    private final Set<MethodSymbol> read = new HashSet<>();

    SleepFinder(VisitorState state) {
      this.state = state;
    }

    boolean sleepsIn(Tree code, int depth) {
      boolean[] found = new boolean[1];
      List<MethodTree> callees = new ArrayList<>();
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (found[0]) {
            return null;
          }
          if (ThreadCalls.SLEEP.matches(call, state)) {
            found[0] |= !isShortConstantSleep(call);
            return null;
          }
          if (depth < MAX_CALL_DEPTH
              && getSymbol(call) instanceof MethodSymbol method
              && read.size() < MAX_METHODS
              && read.add(method)) {
            MethodTree declared = CompiledSources.methodTree(method, state);
            if (declared != null && declared.getBody() != null) {
              callees.add(declared);
            }
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(code, null);
      if (found[0]) {
        return true;
      }
      for (MethodTree callee : callees) {
        if (sleepsIn(callee.getBody(), depth + 1)) {
          return true;
        }
      }
      return false;
    }
  }
}
