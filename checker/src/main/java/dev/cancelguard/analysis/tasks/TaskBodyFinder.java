package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
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
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import dev.cancelguard.analysis.trees.UnitCache;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Finds the task bodies of a cancel target in its compilation unit: what its executor runs, what
 * its threads run, what completes its futures; and the variables those submissions use directly.
 */
/** Finds the code that runs as the target's tasks. */
final class TaskBodyFinder {
  private final CancelTarget target;
  private final VisitorState state;
  private final CompilationUnitTree unit;
  final List<Tree> bodies = new ArrayList<>();
  final Set<Symbol> directlyUsed = new HashSet<>();

  /** Variables that hold a task object handed to the executor ({@code pool.execute(task)}). */
  final Set<Symbol> taskHolders = new HashSet<>();

  /**
   * True if the target is handed tasks whose code this file cannot see: a task that a non-private
   * method takes as a parameter ({@code fireEvent(Runnable event) { pool.execute(event); }}), which
   * any caller fills with code of its own.
   */
  boolean runsCodeFromOutside;

  final Set<Symbol> executors = new HashSet<>();
  final Set<Symbol> completionServices = new HashSet<>();

  /**
   * Code that runs as the tasks but lies outside {@link #bodies}, read only where a question reads
   * the work wide ({@link WorkerCode#runsCodeOfItsUsers}): the entry points ({@code run()}, {@code
   * call()}) of a task object's class declared in another file compiled here, and the code of a
   * task held in a local and handed to a task object's constructor ({@code callable = new
   * RequestCallable(..); pool.execute(new RequestFutureTask(request, callable))}), which the
   * wrapper runs.
   */
  final List<Tree> wrappedElsewhere = new ArrayList<>();

  /**
   * The {@code Runnable}/{@code Callable} instance fields of the task classes of other files whose
   * entry points are among {@link #wrappedElsewhere}: they hold the task the object wraps ({@code
   * action.run()}), whose code is read where it is made, not a callback from outside.
   */
  final Set<Symbol> wrappedTaskFields = new HashSet<>();

  private static final UnitCache.Kind<CancelTarget.Key, TaskBodyFinder> FOUND =
      new UnitCache.Kind<>();

  private TaskBodyFinder(CancelTarget target, VisitorState state, CompilationUnitTree unit) {
    this.target = target;
    this.state = state;
    this.unit = unit;
  }

  /**
   * The target's task bodies in the unit being checked, found once per unit and target (a cancel's
   * question and its fix both ask). Read only: the finder is shared.
   */
  static TaskBodyFinder found(CancelTarget target, VisitorState state) {
    return UnitCache.get(
        FOUND,
        target.key(),
        state,
        key -> {
          TaskBodyFinder finder =
              new TaskBodyFinder(target, state, state.getPath().getCompilationUnit());
          finder.find();
          return finder;
        });
  }

  /**
   * The target's task bodies in another file of the compilation ({@code unit}): the work a subclass
   * of the target's class declared there hands the pool it inherits. Not cached: asked once per
   * such file and stop.
   */
  static TaskBodyFinder foundIn(CancelTarget target, CompilationUnitTree unit, VisitorState state) {
    TaskBodyFinder finder = new TaskBodyFinder(target, state, unit);
    finder.find();
    return finder;
  }

  private void find() {
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
        // The target tests first: they compare symbols, the matchers test types.
        if ((target.isNamedBy(receiver)
                || completionServices.contains(Expressions.variableOf(receiver)))
            && Tasks.isTaskSubmission(call, state)) {
          call.getArguments().forEach(TaskBodyFinder.this::addTask);
        } else if (call.getArguments().stream().anyMatch(target::isNamedBy)
            && Expressions.isResolved(call)
            && ExecutorCalls.ASYNC_ON_EXECUTOR.matches(call, state)) {
          call.getArguments().stream()
              .filter(a -> !target.isNamedBy(a))
              .forEach(TaskBodyFinder.this::addTask);
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(unit, null);
  }

  /** How many locals deep a wrapped task's argument is followed to a parameter. */
  private static final int MAX_LOCAL_HOPS = 2;

  /**
   * A task a non-private method takes as a parameter: whoever calls it fills it with code of their
   * own.
   */
  private boolean isCodeFromOutside(VarSymbol variable) {
    return variable.getKind() == ElementKind.PARAMETER
        && variable.owner instanceof MethodSymbol method
        && !method.isPrivate()
        && isTaskType(variable.type);
  }

  /**
   * True if a task-typed argument of a task object's constructor is, or is computed from ({@code
   * RxJavaPlugins.onSchedule(run)}, through up to {@value #MAX_LOCAL_HOPS} locals), a task a
   * non-private method takes as a parameter: the object runs code its caller handed in.
   */
  private boolean carriesCodeFromOutside(ExpressionTree argument, int hops) {
    if (!isTaskType(getType(argument))) {
      return false;
    }
    boolean[] carries = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        if (getSymbol(id) instanceof VarSymbol variable) {
          if (isCodeFromOutside(variable)) {
            carries[0] = true;
          } else if (hops > 0 && Ownership.isLocal(variable)) {
            ExpressionTree initializer = initializerOf(variable);
            carries[0] |= initializer != null && carriesCodeFromOutside(initializer, hops - 1);
          }
        }
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return null; // code the file writes; what it calls is followed as a task body
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(argument, null);
    return carries[0];
  }

  /** A {@code Runnable} or {@code Callable}: code to run, not a delay or a unit. */
  private boolean isTaskType(@Nullable Type type) {
    if (type == null || type.isPrimitive()) {
      return false;
    }
    Type runnable = state.getTypeFromString("java.lang.Runnable");
    Type callable = state.getTypeFromString("java.util.concurrent.Callable");
    return runnable != null && isSubtype(type, runnable, state)
        || callable != null
            && isSubtype(state.getTypes().erasure(type), state.getTypes().erasure(callable), state);
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
          // `supplyAsync(task, pool)` is a task submission too, but its executor is an argument:
          // where the task runs (as the receiver of `pool.submit(task)` is), not something the
          // task runs with. Asked first, so that the pool is not taken for a second task.
          if (!ExecutorCalls.ASYNC_ON_EXECUTOR.matches(call, state)
              && Tasks.isTaskSubmission(call, state)) {
            VarSymbol executor = Expressions.variableOf(getReceiver(call));
            if (executor != null) {
              executors.add(executor);
            }
            call.getArguments().forEach(this::addTask);
          } else if (ExecutorCalls.ASYNC_ON_EXECUTOR.matches(call, state)) {
            for (ExpressionTree argument : call.getArguments()) {
              Type type = getType(argument);
              Type executorType = state.getTypeFromString("java.util.concurrent.Executor");
              if (type != null && executorType != null && isSubtype(type, executorType, state)) {
                VarSymbol variable = Expressions.variableOf(argument);
                if (variable != null) {
                  executors.add(variable);
                }
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
    ClassTree declared = SameFile.findClass(unit, type, state);
    if (declared == null) {
      return;
    }
    List<Tree> entryPoints = new ArrayList<>();
    for (Tree member : declared.getMembers()) {
      if (member instanceof MethodTree method
          && method.getParameters().isEmpty()
          && TaskUses.TASK_ENTRY_POINTS.contains(method.getName().toString())) {
        entryPoints.add(method);
      }
    }
    bodies.addAll(entryPoints.isEmpty() ? List.of(declared) : entryPoints);
  }

  /**
   * The code of a task held in the local {@code variable} (a lambda, a method of this file named by
   * reference, an object of a task class) handed to a task object's constructor: the wrapper runs
   * it ({@code new FutureTask<>(callable)}).
   */
  private void addWrappedTaskHeldIn(VarSymbol variable) {
    if (!Ownership.isLocal(variable) || !isTaskType(variable.type)) {
      return;
    }
    switch (Expressions.strip(initializerOf(variable))) {
      case LambdaExpressionTree lambda -> wrappedElsewhere.add(lambda);
      case MemberReferenceTree reference -> {
        if (getSymbol(reference) instanceof MethodSymbol method) {
          MethodTree declared = SameFile.findMethod(unit, method, state);
          if (declared != null) {
            wrappedElsewhere.add(declared);
          }
        }
      }
      case NewClassTree newClass when newClass.getClassBody() != null ->
          wrappedElsewhere.add(newClass.getClassBody());
      case NewClassTree newClass -> {
        if (getSymbol(newClass.getIdentifier()) instanceof ClassSymbol type) {
          ClassTree declared = SameFile.findClass(unit, type, state);
          if (declared != null) {
            wrappedElsewhere.addAll(entryPointsIn(declared));
          } else {
            wrappedElsewhere.addAll(entryPointsElsewhere(type));
          }
        }
      }
      case null, default -> {}
    }
  }

  /**
   * The entry points, with code, of a task class declared in another file compiled here; none for a
   * class of this file (its code is among {@link #bodies}) or of a jar.
   */
  private List<Tree> entryPointsElsewhere(ClassSymbol type) {
    if (SameFile.isDeclaredIn(type, unit)) {
      return List.of();
    }
    ClassTree declared = CompiledSources.classTree(type, state);
    if (declared == null) {
      return List.of();
    }
    for (Tree member : declared.getMembers()) {
      if (member instanceof VariableTree field
          && getSymbol(field) instanceof VarSymbol symbol
          && !symbol.isStatic()
          && isTaskType(symbol.type)) {
        wrappedTaskFields.add(symbol);
      }
    }
    return entryPointsIn(declared);
  }

  /** The run/call/compute/get methods without parameters a class declares, with their code. */
  static List<Tree> entryPointsIn(ClassTree declared) {
    List<Tree> entryPoints = new ArrayList<>();
    for (Tree member : declared.getMembers()) {
      if (member instanceof MethodTree method
          && method.getBody() != null
          && method.getParameters().isEmpty()
          && TaskUses.TASK_ENTRY_POINTS.contains(method.getName().toString())) {
        entryPoints.add(method);
      }
    }
    return entryPoints;
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
          MethodTree declared = SameFile.findMethod(unit, method, state);
          if (declared != null) {
            bodies.add(declared);
          }
        }
      }
      case NewClassTree newClass -> {
        for (ExpressionTree constructorArgument : newClass.getArguments()) {
          // `new ScheduledRunnable(decorate(run), ..)`: a task object wrapping code a caller
          // handed in runs that code.
          runsCodeFromOutside |= carriesCodeFromOutside(constructorArgument, MAX_LOCAL_HOPS);
          VarSymbol variable = Expressions.variableOf(constructorArgument);
          if (variable != null) {
            directlyUsed.add(variable);
            addWrappedTaskHeldIn(variable);
          } else {
            bodies.add(constructorArgument);
          }
        }
        if (newClass.getClassBody() != null) {
          bodies.add(newClass.getClassBody());
        } else if (getSymbol(newClass.getIdentifier()) instanceof ClassSymbol type) {
          addTaskMethodsOf(type);
          wrappedElsewhere.addAll(entryPointsElsewhere(type));
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
          runsCodeFromOutside |= isCodeFromOutside(variable);
          directlyUsed.add(variable);
          taskHolders.add(variable);
          ExpressionTree initializer = initializerOf(variable);
          if (initializer != null) {
            addTask(initializer);
          }
          // `Builder builder = builders.get(i); runAsync(builder, pool)`: where the value is not
          // made here, a task class of this file that the variable is typed with still says what
          // runs (its entry points).
          if (!(Expressions.strip(initializer) instanceof LambdaExpressionTree
                  || Expressions.strip(initializer) instanceof MemberReferenceTree
                  || Expressions.strip(initializer) instanceof NewClassTree)
              && variable.type != null
              && variable.type.tsym instanceof ClassSymbol type
              && !type.isInterface()
              && SameFile.isDeclaredIn(type, unit)
              && isTaskType(variable.type)) {
            addTaskMethodsOf(type);
          }
        } else {
          bodies.add(task);
        }
      }
    }
  }
}
