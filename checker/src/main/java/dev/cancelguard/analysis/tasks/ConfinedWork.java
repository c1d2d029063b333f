package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
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
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.jdk.ExecutorCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Supertypes;
import dev.cancelguard.analysis.trees.VariableReferences;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Work whose late run is confined to its component's own memory: every task a private executor
 * field (or the body of a private thread field) can ever run is code of this compilation that only
 * computes, logs, and reads and writes in-memory objects the component itself made. Such a run,
 * left going after its stop returns, does nothing anyone outside the component can see but a log
 * line; the standard calls it a false positive (rule 3, "confined").
 *
 * <p>What counts, read from the code (tasks, and the methods of the compilation they call, {@value
 * #MAX_DEPTH} calls deep, each by the arguments of its call):
 *
 * <ul>
 *   <li>calls of the JDK's in-memory classes (collections, streams, atomics, locks, strings, boxed
 *       numbers, {@code Math}, references), never of its I/O, executors, futures or processes;
 *   <li>calls on a logger of a known logging API;
 *   <li>calls of methods of the compilation that no code outside it can override, read in turn;
 *   <li>a functional object only where the code itself wrote it (a lambda or method reference read
 *       here, or a parameter every such call fills with one);
 *   <li>writes to locals and to instance fields, never to static fields nor public ones;
 *   <li>fields of JDK types read only where every value the field is given is made by its class
 *       ({@code new}), so that nothing of the component's callers is reached through them, and no
 *       public field but a final value;
 *   <li>a call that can block ({@code throws InterruptedException}) only when the cancel
 *       interrupts, and no loop whose test is the constant {@code true}.
 * </ul>
 */
public final class ConfinedWork {
  /** How many calls deep the tasks are followed into methods of the compilation. */
  static final int MAX_DEPTH = 4;

  /** How many method bodies one question reads, at most. */
  private static final int MAX_METHODS = 64;

  private ConfinedWork() {}

  /** Packages of the JDK whose classes only compute on memory. */
  private static final ImmutableSet<String> IN_MEMORY_PACKAGES =
      ImmutableSet.of(
          "java.util",
          "java.util.stream",
          "java.util.function",
          "java.util.concurrent.atomic",
          "java.util.concurrent.locks",
          "java.util.regex",
          "java.lang.ref",
          "java.math",
          "java.time");

  /** Classes of those packages that do more than compute on memory, or start work. */
  private static final ImmutableSet<String> NOT_IN_MEMORY =
      ImmutableSet.of(
          "java.util.Timer",
          "java.util.TimerTask",
          "java.util.Scanner",
          "java.util.ServiceLoader",
          "java.util.Properties",
          "java.util.Formatter",
          "java.util.ResourceBundle");

  /** Classes of {@code java.lang} and {@code java.util.concurrent} that only compute on memory. */
  private static final ImmutableSet<String> IN_MEMORY_CLASSES =
      ImmutableSet.of(
          "java.lang.Object",
          "java.lang.String",
          "java.lang.StringBuilder",
          "java.lang.StringBuffer",
          "java.lang.AbstractStringBuilder",
          "java.lang.CharSequence",
          "java.lang.Math",
          "java.lang.StrictMath",
          "java.lang.Number",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Short",
          "java.lang.Byte",
          "java.lang.Double",
          "java.lang.Float",
          "java.lang.Character",
          "java.lang.Boolean",
          "java.lang.Enum",
          "java.lang.Comparable",
          "java.lang.Iterable",
          "java.lang.ThreadLocal",
          "java.lang.Throwable",
          "java.util.concurrent.TimeUnit",
          "java.util.concurrent.ThreadLocalRandom",
          "java.util.concurrent.CountDownLatch",
          "java.util.concurrent.Semaphore");

  /** Methods of {@code Thread} and {@code System} that only read or touch the calling thread. */
  private static final ImmutableSet<String> THREAD_AND_SYSTEM_READS =
      ImmutableSet.of(
          "java.lang.Thread.currentThread",
          "java.lang.Thread.interrupted",
          "java.lang.Thread.isInterrupted",
          "java.lang.Thread.getName",
          "java.lang.Thread.getId",
          "java.lang.Thread.threadId",
          "java.lang.Thread.sleep",
          "java.lang.Thread.onSpinWait",
          "java.lang.Thread.yield",
          "java.lang.System.currentTimeMillis",
          "java.lang.System.nanoTime",
          "java.lang.System.identityHashCode",
          "java.lang.System.arraycopy",
          "java.lang.System.lineSeparator");

  /** Packages of logging APIs: a call on one of their loggers only writes a log line. */
  private static final ImmutableSet<String> LOGGING_PACKAGES =
      ImmutableSet.of(
          "org.slf4j",
          "org.apache.logging.log4j",
          "org.apache.logging.log4j.spi",
          "org.apache.log4j",
          "org.apache.commons.logging",
          "java.util.logging",
          "org.jboss.logging",
          "io.netty.util.internal.logging");

  /** The submissions whose first argument is the one task they run. */
  private static final ImmutableSet<String> SINGLE_TASK_SUBMISSIONS =
      ImmutableSet.of(
          "execute", "submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");

  /**
   * True if every late run of the work {@code cancel} stops is confined to the component's memory,
   * by the rules of the class comment: the target is a private field of this file holding an
   * executor it makes, used only to submit tasks written here and to stop or query it, or a thread
   * it makes over a body written here.
   */
  public static boolean lateRunIsConfined(
      CancelTarget target, MethodInvocationTree cancel, VisitorState state) {
    try {
      return isConfined(target, cancel, state);
    } catch (RuntimeException | AssertionError incomplete) {
      return false; // a symbol javac could not complete: nothing is shown
    }
  }

  private static boolean isConfined(
      CancelTarget target, MethodInvocationTree cancel, VisitorState state) {
    VarSymbol variable = target.variable();
    if (target.collection() != null
        || !Ownership.isField(variable)
        || !variable.getModifiers().contains(Modifier.PRIVATE)
        || target.kind() == CancelTarget.Kind.FUTURE) {
      return false;
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    List<Tree> roots = new ArrayList<>();
    boolean interrupts;
    if (target.kind() == CancelTarget.Kind.EXECUTOR) {
      interrupts = ExecutorCalls.SHUTDOWN_NOW.matches(cancel, state);
      if (!executorTasks(variable, unit, state, roots)) {
        return false;
      }
    } else {
      interrupts = ThreadCalls.INTERRUPT.matches(cancel, state);
      if (!threadBodies(variable, unit, state, roots)) {
        return false;
      }
    }
    if (roots.isEmpty()) {
      return false;
    }
    Reader reader = new Reader(state, interrupts);
    for (Tree root : roots) {
      if (!reader.confined(root, Set.of(), 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds the code of every task the executor field is handed; false unless every value it is given
   * is a pool this file makes and every use is a single-task submission, a stop, a wait, a query or
   * a setting.
   */
  private static boolean executorTasks(
      VarSymbol pool, CompilationUnitTree unit, VisitorState state, List<Tree> roots) {
    List<ExpressionTree> values = DelegatedTaskPools.valuesOf(unit, pool);
    if (values.isEmpty()
        || !values.stream().allMatch(value -> Ownership.isExecutorCreation(value, state))) {
      return false;
    }
    for (TreePath reference : VariableReferences.in(new TreePath(unit), pool)) {
      TreePath parentPath = LocalUses.parent(reference);
      Tree parent = parentPath == null ? null : parentPath.getLeaf();
      if (parent instanceof AssignmentTree assignment
          && Expressions.strip(assignment.getVariable()) == reference.getLeaf()) {
        continue; // a value, checked above
      }
      TreePath callPath = parentPath == null ? null : LocalUses.parent(parentPath);
      if (!(parent instanceof MemberSelectTree select)
          || callPath == null
          || !(callPath.getLeaf() instanceof MethodInvocationTree call)
          || call.getMethodSelect() != select
          || !Expressions.isResolved(call)) {
        return false; // handed out, compared, or a call javac could not resolve
      }
      String name = select.getIdentifier().toString();
      if (ExecutorCalls.TASK_SUBMISSION.matches(call, state)) {
        if (!SINGLE_TASK_SUBMISSIONS.contains(name)
            || call.getArguments().isEmpty()
            || !addTask(call.getArguments().getFirst(), unit, state, roots)) {
          return false;
        }
      } else if (!StoppedPoolCalls.isStopWaitOrQuery(name)
          && !name.equals("allowCoreThreadTimeOut")
          && !name.startsWith("set")) {
        // Besides its stops, waits and queries, the field may be configured: nothing handed on.
        return false;
      }
    }
    return true;
  }

  /**
   * Adds the body of every thread the field holds; false unless every value it is given is a {@code
   * new Thread(task, ..)} over a task written here, or a thread class written here.
   */
  private static boolean threadBodies(
      VarSymbol thread, CompilationUnitTree unit, VisitorState state, List<Tree> roots) {
    List<ExpressionTree> values = DelegatedTaskPools.valuesOf(unit, thread);
    if (values.isEmpty()) {
      return false;
    }
    for (ExpressionTree value : values) {
      if (!(Expressions.strip(value) instanceof NewClassTree made)
          || !(getSymbol(made) instanceof MethodSymbol constructor)
          || !(constructor.owner instanceof ClassSymbol type)) {
        return false;
      }
      if (made.getClassBody() != null
          || !type.getQualifiedName().contentEquals("java.lang.Thread")) {
        // A Thread subclass: its run() is the work, and it takes no task of Thread's.
        if (!addRunOf(made, type, state, roots)) {
          return false;
        }
        continue;
      }
      ExpressionTree task = null;
      for (ExpressionTree argument : made.getArguments()) {
        if (Supertypes.isSubtypeOf(getType(argument), "java.lang.Runnable", state)) {
          task = argument;
        }
      }
      if (task == null || !addTask(task, unit, state, roots)) {
        return false;
      }
    }
    return true;
  }

  /** Adds a task's code: a lambda, a method reference, a class written here, or a local of one. */
  private static boolean addTask(
      ExpressionTree task, CompilationUnitTree unit, VisitorState state, List<Tree> roots) {
    ExpressionTree stripped = Expressions.strip(task);
    if (stripped instanceof LambdaExpressionTree || stripped instanceof MemberReferenceTree) {
      roots.add(stripped);
      return true;
    }
    if (stripped instanceof NewClassTree made
        && getSymbol(made) instanceof MethodSymbol constructor
        && constructor.owner instanceof ClassSymbol type) {
      return addRunOf(made, type, state, roots);
    }
    if (getSymbol(stripped) instanceof VarSymbol local && Ownership.isLocal(local)) {
      List<ExpressionTree> values = DelegatedTaskPools.valuesOf(unit, local);
      return values.size() == 1
          && !(Expressions.strip(values.getFirst()) instanceof IdentifierTree)
          && addTask(values.getFirst(), unit, state, roots);
    }
    return false;
  }

  /**
   * Adds the {@code new} itself (its arguments and constructor run where it is made, its body is
   * read whole) for an anonymous class or a class of the compilation whose superclass is {@code
   * Object} or {@code Thread} and that nothing outside the compilation can subclass.
   */
  private static boolean addRunOf(
      NewClassTree made, ClassSymbol type, VisitorState state, List<Tree> roots) {
    if (made.getClassBody() != null) {
      roots.add(made.getClassBody());
      return isPlainBase(made.getClassBody(), type, state);
    }
    ClassTree declared = CompiledSources.classTree(type, state);
    if (declared == null
        || !isPlainBase(declared, type, state)
        || (type.flags() & (Flags.ABSTRACT | Flags.INTERFACE)) != 0) {
      return false;
    }
    boolean found = false;
    for (Tree member : declared.getMembers()) {
      if (member instanceof MethodTree method
          && method.getParameters().isEmpty()
          && method.getBody() != null
          && TaskUses.TASK_ENTRY_POINTS.contains(method.getName().toString())) {
        roots.add(method.getBody());
        found = true;
      }
    }
    return found;
  }

  /** Its superclass is Object or Thread, or a class of the compilation read with it. */
  private static boolean isPlainBase(ClassTree declared, ClassSymbol type, VisitorState state) {
    Type superclass = type.getSuperclass();
    if (superclass == null || !(superclass.tsym instanceof ClassSymbol parent)) {
      return true; // an anonymous class over an interface
    }
    String name = parent.getQualifiedName().toString();
    return name.equals("java.lang.Object") || name.equals("java.lang.Thread");
  }

  /** Reads task code and the methods it calls, by the rules of the class comment. */
  private static final class Reader {
    private final VisitorState state;
    private final boolean interrupts;
    private final Set<MethodSymbol> read = new HashSet<>();
    private final Set<VarSymbol> fieldsChecked = new HashSet<>();
    private int methods;

    Reader(VisitorState state, boolean interrupts) {
      this.state = state;
      this.interrupts = interrupts;
    }

    /**
     * True if the code is confined; {@code bound} are the parameters of the method being read that
     * its call fills with code read here (a lambda or method reference), which it may call.
     */
    boolean confined(Tree code, Set<VarSymbol> bound, int depth) {
      boolean[] foreign = new boolean[1];
      List<Runnable> callees = new ArrayList<>();
      new TreeScanner<Void, Void>() {
        @Override
        public Void scan(Tree tree, Void unused) {
          return foreign[0] ? null : super.scan(tree, null);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (!(getSymbol(call) instanceof MethodSymbol method)) {
            foreign[0] = true;
            return null;
          }
          foreign[0] |= !callIsConfined(call, method, call.getArguments(), bound, depth, callees);
          return super.visitMethodInvocation(call, null);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
          if (!(getSymbol(reference) instanceof MethodSymbol method)) {
            foreign[0] = true;
            return null;
          }
          foreign[0] |= !callIsConfined(null, method, List.of(), Set.of(), depth, callees);
          return super.visitMemberReference(reference, null);
        }

        @Override
        public Void visitNewClass(NewClassTree made, Void unused) {
          if (!(getSymbol(made) instanceof MethodSymbol constructor)
              || !(constructor.owner instanceof ClassSymbol type)) {
            foreign[0] = true;
            return null;
          }
          if (made.getClassBody() == null || !isPlainBase(made.getClassBody(), type, state)) {
            foreign[0] |=
                !callIsConfined(null, constructor, made.getArguments(), bound, depth, callees);
          }
          return super.visitNewClass(made, null);
        }

        @Override
        public Void visitIdentifier(IdentifierTree identifier, Void unused) {
          foreign[0] |= !fieldReadIsConfined(getSymbol(identifier));
          return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree select, Void unused) {
          foreign[0] |= !fieldReadIsConfined(getSymbol(select));
          return super.visitMemberSelect(select, null);
        }

        @Override
        public Void visitAssignment(AssignmentTree assignment, Void unused) {
          foreign[0] |= !writeIsConfined(assignment.getVariable());
          return super.visitAssignment(assignment, null);
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree assignment, Void unused) {
          foreign[0] |= !writeIsConfined(assignment.getVariable());
          return super.visitCompoundAssignment(assignment, null);
        }

        @Override
        public Void visitUnary(UnaryTree unary, Void unused) {
          switch (unary.getKind()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
                foreign[0] |= !writeIsConfined(unary.getExpression());
            default -> {}
          }
          return super.visitUnary(unary, null);
        }

        @Override
        public Void visitWhileLoop(WhileLoopTree loop, Void unused) {
          foreign[0] |= isConstantTrue(loop.getCondition());
          return super.visitWhileLoop(loop, null);
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree loop, Void unused) {
          foreign[0] |= isConstantTrue(loop.getCondition());
          return super.visitDoWhileLoop(loop, null);
        }

        @Override
        public Void visitForLoop(ForLoopTree loop, Void unused) {
          foreign[0] |= loop.getCondition() == null || isConstantTrue(loop.getCondition());
          return super.visitForLoop(loop, null);
        }
      }.scan(code, null);
      if (foreign[0]) {
        return false;
      }
      for (Runnable callee : callees) {
        callee.run();
        if (failed) {
          return false;
        }
      }
      return true;
    }

    /** Set when a method read later turns out not to be confined. */
    private boolean failed;

    private boolean callIsConfined(
        @Nullable MethodInvocationTree call,
        MethodSymbol method,
        List<? extends ExpressionTree> arguments,
        Set<VarSymbol> bound,
        int depth,
        List<Runnable> callees) {
      if (!interrupts && method.getThrownTypes().stream().anyMatch(this::isInterruptedException)) {
        return false; // it may block, and nothing interrupts it
      }
      if (call != null && !receiverIsConfined(call)) {
        return false;
      }
      if (isLogging(method)) {
        return true;
      }
      if (call != null
          && Expressions.receiverSymbol(call) instanceof VarSymbol function
          && bound.contains(function)) {
        return true; // code this read wrote, handed in by the call being read
      }
      if (isInMemory(method)) {
        return arguments.stream().allMatch(a -> functionIsWrittenHere(a, bound));
      }
      if (call != null && interruptsItsOwnThread(call, method)) {
        return true;
      }
      if (!(method.owner instanceof ClassSymbol owner)
          || !cannotBeOverriddenOutside(method, owner)) {
        return false;
      }
      MethodTree declared = CompiledSources.methodTree(method, state);
      if (declared == null || declared.getBody() == null || depth >= MAX_DEPTH) {
        return false;
      }
      if (!read.add(method) && arguments.stream().noneMatch(ConfinedWork::isWrittenCode)) {
        return true; // read already, with nothing of its caller's to read with it
      }
      if (++methods > MAX_METHODS) {
        return false;
      }
      Set<VarSymbol> calleeBound = new HashSet<>();
      List<? extends VariableTree> parameters = declared.getParameters();
      for (int i = 0; i < parameters.size() && i < arguments.size(); i++) {
        ExpressionTree argument = arguments.get(i);
        if (getSymbol(parameters.get(i)) instanceof VarSymbol parameter
            && (isWrittenCode(argument)
                || getSymbol(Expressions.strip(argument)) instanceof VarSymbol passed
                    && bound.contains(passed))) {
          calleeBound.add(parameter);
        }
      }
      callees.add(
          () -> failed |= !confined(declared.getBody(), Set.copyOf(calleeBound), depth + 1));
      return true;
    }

    /** {@code Thread.currentThread().interrupt()}: the flag of the thread running the task. */
    private boolean interruptsItsOwnThread(MethodInvocationTree call, MethodSymbol method) {
      return method.getSimpleName().contentEquals("interrupt")
          && method.owner.getQualifiedName().contentEquals("java.lang.Thread")
          && Expressions.strip(getReceiver(call)) instanceof MethodInvocationTree current
          && ThreadCalls.CURRENT_THREAD.matches(current, state);
    }

    private boolean isInterruptedException(Type type) {
      return type.tsym != null
          && type.tsym.getQualifiedName().contentEquals("java.lang.InterruptedException");
    }

    /**
     * The receiver's root is not a static field other than a logger or constant: static state
     * outlives the component, and other instances share it.
     */
    private boolean receiverIsConfined(MethodInvocationTree call) {
      ExpressionTree receiver = getReceiver(call);
      while (receiver != null) {
        ExpressionTree stripped = Expressions.strip(receiver);
        Symbol symbol = getSymbol(stripped);
        if (symbol instanceof VarSymbol field && field.getKind() == ElementKind.FIELD) {
          return !field.isStatic() || isConstantOrLogger(field);
        }
        if (stripped instanceof MethodInvocationTree inner) {
          receiver = getReceiver(inner);
        } else if (stripped instanceof MemberSelectTree select
            && !(symbol instanceof ClassSymbol)) {
          receiver = select.getExpression();
        } else {
          return true;
        }
      }
      return true;
    }

    private static boolean isConstantOrLogger(VarSymbol field) {
      return field.getConstValue() != null
          || field.getKind() == ElementKind.ENUM_CONSTANT
          || field.type != null
              && field.type.tsym instanceof ClassSymbol type
              && LOGGING_PACKAGES.contains(type.packge().getQualifiedName().toString());
    }

    /** A lambda or method reference (read as part of the code), or a bound parameter. */
    private boolean functionIsWrittenHere(ExpressionTree argument, Set<VarSymbol> bound) {
      Type type = getType(argument);
      if (type == null || !isFunctional(type)) {
        return true;
      }
      ExpressionTree stripped = Expressions.strip(argument);
      // `Comparator.comparing(Entry::getValue)`: the JDK's own function over code read here.
      return isWrittenCode(argument)
          || getSymbol(stripped) instanceof VarSymbol passed && bound.contains(passed)
          || stripped instanceof MethodInvocationTree made
              && getSymbol(made) instanceof MethodSymbol maker
              && isInMemory(maker);
    }

    private boolean isFunctional(Type type) {
      if (!(type.tsym instanceof ClassSymbol symbol) || !symbol.isInterface()) {
        return false;
      }
      try {
        return state.getTypes().findDescriptorSymbol(symbol) != null;
      } catch (RuntimeException notFunctional) {
        return false;
      }
    }

    /**
     * A field read: a static one is a constant, a logger or any value (reading changes nothing); an
     * instance field of a JDK type that is not a value must be given only what its class makes.
     */
    private boolean fieldReadIsConfined(@Nullable Symbol symbol) {
      if (!(symbol instanceof VarSymbol field)
          || field.getKind() != ElementKind.FIELD
          || field.isStatic()
          || field.type == null) {
        return true;
      }
      boolean value =
          field.type.isPrimitive()
              || field.type.tsym instanceof ClassSymbol c
                  && isValueType(c.getQualifiedName().toString());
      // A public field that can change is state other code reads directly.
      if ((field.flags() & Flags.PUBLIC) != 0 && !(value && (field.flags() & Flags.FINAL) != 0)) {
        return false;
      }
      if (value || !(field.type.tsym instanceof ClassSymbol type)) {
        return true;
      }
      String name = type.getQualifiedName().toString();
      if (!name.startsWith("java.")
          || isValueType(name)
          || LOGGING_PACKAGES.contains(type.packge().getQualifiedName().toString())
          || !fieldsChecked.add(field)) {
        return true;
      }
      if (!(field.owner instanceof ClassSymbol owner)) {
        return false;
      }
      ClassTree declaring = CompiledSources.classTree(owner, state);
      if (declaring == null) {
        return false;
      }
      for (ExpressionTree given : DelegatedTaskPools.valuesOf(declaring, field)) {
        if (!isMadeHere(given)) {
          return false;
        }
      }
      return true;
    }

    /** A {@code new} of a JDK class, or a JDK factory over such news ({@code synchronizedMap}). */
    private boolean isMadeHere(ExpressionTree value) {
      ExpressionTree stripped = Expressions.strip(value);
      if (stripped instanceof NewClassTree made) {
        return made.getClassBody() == null
            && getSymbol(made) instanceof MethodSymbol constructor
            && constructor.owner.getQualifiedName().toString().startsWith("java.");
      }
      if (stripped instanceof MethodInvocationTree call
          && getSymbol(call) instanceof MethodSymbol method
          && method.isStatic()
          && method.owner.getQualifiedName().toString().startsWith("java.util.")) {
        return call.getArguments().stream().allMatch(a -> isValue(a) || isMadeHere(a));
      }
      if (getSymbol(stripped) instanceof VarSymbol local && Ownership.isLocal(local)) {
        // A local of the constructor that fills the field: `Map<..> made = new HashMap<>();`.
        MethodTree declaring =
            local.owner instanceof MethodSymbol method
                ? CompiledSources.methodTree(method, state)
                : null;
        return declaring != null
            && DelegatedTaskPools.valuesOf(declaring, local).stream()
                .allMatch(
                    v -> !(getSymbol(Expressions.strip(v)) instanceof VarSymbol) && isMadeHere(v));
      }
      return stripped != null && stripped.getKind() == Tree.Kind.NULL_LITERAL;
    }

    /** A constant, or a value of a primitive, boxed or string type: nothing shared. */
    private static boolean isValue(ExpressionTree argument) {
      Type type = getType(argument);
      return constValue(argument) != null
          || type != null
              && (type.isPrimitive()
                  || type.tsym instanceof ClassSymbol c
                      && isValueType(c.getQualifiedName().toString()));
    }

    private static boolean isValueType(String name) {
      return name.equals("java.lang.String")
          || name.startsWith("java.lang.") && IN_MEMORY_CLASSES.contains(name)
          || name.startsWith("java.time.");
    }

    /** Writes go to locals, array elements or instance fields, never to static fields. */
    private boolean writeIsConfined(ExpressionTree target) {
      Symbol symbol = getSymbol(Expressions.strip(target));
      return !(symbol instanceof VarSymbol field
          && field.getKind() == ElementKind.FIELD
          && (field.isStatic() || (field.flags() & Flags.PUBLIC) != 0));
    }

    private boolean isLogging(MethodSymbol method) {
      return isLoggingApi(method);
    }

    private boolean isInMemory(MethodSymbol method) {
      if (!(method.owner instanceof ClassSymbol owner)) {
        return false;
      }
      String name = owner.getQualifiedName().toString();
      String packge = owner.packge().getQualifiedName().toString();
      if (name.equals("java.lang.Thread") || name.equals("java.lang.System")) {
        return THREAD_AND_SYSTEM_READS.contains(name + "." + method.getSimpleName());
      }
      if (IN_MEMORY_CLASSES.contains(name)) {
        return true;
      }
      if (IN_MEMORY_PACKAGES.contains(packge)) {
        return !NOT_IN_MEMORY.contains(name);
      }
      if (packge.equals("java.util.concurrent")) {
        return Supertypes.isSubtypeOf(owner.type, "java.util.Collection", state)
            || Supertypes.isSubtypeOf(owner.type, "java.util.Map", state);
      }
      // An exception's constructor and accessors, in the JDK's own exception classes.
      return packge.startsWith("java.")
          && Supertypes.isSubtypeOf(owner.type, "java.lang.Throwable", state);
    }

    /**
     * Static, private, final, a constructor, in a final, anonymous or local class, or overridable
     * only inside its package, which is compiled whole here with no class overriding it.
     */
    private boolean cannotBeOverriddenOutside(MethodSymbol method, ClassSymbol owner) {
      if (method.isStatic()
          || method.isConstructor()
          || (method.flags() & (Flags.PRIVATE | Flags.FINAL)) != 0
          || (owner.flags() & Flags.FINAL) != 0
          || owner.isAnonymous()
          || owner.isDirectlyOrIndirectlyLocal()
          || owner.isEnum()
          || owner.isRecord()) {
        return true;
      }
      if ((method.flags() & Flags.ABSTRACT) != 0 || owner.isInterface()) {
        return false;
      }
      if (!isInAPrivateClass(owner)
          && (isReachableFromOtherPackages(method, owner)
              || CompiledSources.filesOfWholePackage(owner.packge(), state) == null)) {
        return false;
      }
      for (ClassSymbol subclass : CompiledSources.subclassesOf(owner, state)) {
        for (Symbol member : subclass.members().getSymbolsByName(method.getSimpleName())) {
          if (member instanceof MethodSymbol other
              && other != method
              && other.overrides(method, subclass, state.getTypes(), false)) {
            return false;
          }
        }
      }
      return true;
    }

    /** The class, or one around it, is private: only its own file can subclass it. */
    private static boolean isInAPrivateClass(ClassSymbol owner) {
      for (Symbol s = owner; s instanceof ClassSymbol c; s = c.owner) {
        if ((c.flags() & Flags.PRIVATE) != 0) {
          return true;
        }
      }
      return false;
    }

    /** A public or protected method of a class every enclosing class of which is one too. */
    private static boolean isReachableFromOtherPackages(MethodSymbol method, ClassSymbol owner) {
      if ((method.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0) {
        return false;
      }
      for (Symbol s = owner; s instanceof ClassSymbol c; s = c.owner) {
        if ((c.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** A lambda or a method reference: code that lies in what is being read. */
  /**
   * True for a method of a known logging API, or a static factory returning one of its loggers: a
   * call of it only writes a log line.
   */
  static boolean isLoggingApi(MethodSymbol method) {
    return method.owner instanceof ClassSymbol owner
        && (LOGGING_PACKAGES.contains(owner.packge().getQualifiedName().toString())
            || method.isStatic()
                && method.getReturnType() != null
                && method.getReturnType().tsym instanceof ClassSymbol returned
                && LOGGING_PACKAGES.contains(returned.packge().getQualifiedName().toString()));
  }

  private static boolean isWrittenCode(ExpressionTree argument) {
    ExpressionTree stripped = Expressions.strip(argument);
    return stripped instanceof LambdaExpressionTree || stripped instanceof MemberReferenceTree;
  }

  private static boolean isConstantTrue(@Nullable ExpressionTree condition) {
    return condition != null && Boolean.TRUE.equals(constValue(Expressions.strip(condition)));
  }
}
