package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.SelfReferences;
import dev.cancelguard.analysis.trees.UnitCache;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code run()} of a {@code Runnable} class whose thread a superclass of it, in another file or
 * a jar, makes over {@code this} ({@code thread = new Thread(this, name)}) and keeps to itself: the
 * whole work of a thread the code creates and does not hand out, which sets that thread's
 * interruption policy. A catch in its loop that goes straight back to the loop's test of the
 * object's own stop state drops nothing anyone else sent, when every interrupt of that thread comes
 * after the stop state is set ({@link StopStateInterrupts}): the loop then ends on it.
 *
 * <p>What must hold, read from source for the classes compiled here and from the class file for a
 * superclass from a jar:
 *
 * <ul>
 *   <li>the class is not a {@code Thread}, not anonymous, has no anonymous subclass, and nothing
 *       calls its {@code run()} directly;
 *   <li>a superclass makes a thread whose {@code Runnable} is {@code this}: in source, {@code new
 *       Thread(.., this, ..)}; in a class file, a call of a {@code Thread} constructor taking a
 *       {@code Runnable} by a class that leaves {@code run()} to its subclasses and calls no {@code
 *       run()} itself;
 *   <li>no class of the family hands {@code this} anywhere else (in source: every {@code this} is a
 *       receiver, a lock, compared, or such a thread's {@code Runnable}; in a class file: no call
 *       takes a parameter that a {@code Thread} or the object could be passed to, other than a
 *       plain {@code Object} as a log call takes, and no method returns such a type);
 *   <li>its {@code Thread} fields are not public, and every use of them in the compilation is the
 *       receiver of a call, a comparison or the target of an assignment;
 *   <li>every {@code new C(..)} of the class and its subclasses in the compilation is stored in a
 *       local or a field that is private, or not public in a package compiled whole, and every use
 *       of those holders is the receiver of a call other than {@code run()}, a comparison or the
 *       target of an assignment (never an argument, a return value or a copy); or, wherever the
 *       objects are kept, the compilation handles every value of the family's classes only as a
 *       value of a class ({@link ClassTypedValues}: never as a {@code Runnable}, an {@code Object}
 *       or a type variable, never the receiver of {@code run()});
 *   <li>every {@code interrupt()} of the family's threads follows a write of the stop state the
 *       loop tests, on its path ({@link StopStateInterrupts}).
 * </ul>
 *
 * <p>Also the {@code run()} of an inner {@code Runnable} class that no superclass makes a thread
 * over, whose threads the class around it makes itself ({@code healThread = new Thread(new
 * HealRunner())}) and keeps: the family is then the outer class's, the stop state the outer
 * object's ({@code while (isStarted())}), and the threads' holders are its thread fields ({@link
 * #familyOfOuterKeepingItsRunner}).
 */
public final class SelfThreadBases {
  private static final UnitCache.Kind<Tree, Optional<StopStateInterrupts.Family>> FAMILIES =
      new UnitCache.Kind<>();

  private SelfThreadBases() {}

  /**
   * True if the statement at {@code statementPath} (a {@code try} whose catch goes on) lies in the
   * loop of such a {@code run()} whose condition tests only the object's own state (its fields and
   * its no-argument methods) and can turn false, nothing after the statement up to the loop's test
   * notices an interrupt (or the catch continues the loop), and every interrupt of the thread comes
   * after a write of the state the condition reads.
   */
  public static boolean isStopLoopOfThreadItsClassKeeps(
      TreePath statementPath,
      boolean continuesToTheTest,
      @Nullable TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    TreePath loop = ownStateLoop(statementPath, codeUnit, state);
    if (loop == null) {
      return false;
    }
    if (!continuesToTheTest && !returnsToTheTest(statementPath, loop, state, options)) {
      return false;
    }
    return everyInterruptFollowsTheStopOf(loop, codeUnit, state);
  }

  /**
   * True if the statement at {@code statementPath} (a {@code try} whose catches fall through or
   * return) lies in a method that only the stop loops of such {@code run()} methods reach, and
   * hands each of them back to its loop's test with nothing that waits on the way: the method ends
   * right after the statement (only code without a cancellation point follows it), or the catch
   * returns; every call of it in the compilation is, in such a {@code run()}, a statement of the
   * stop loop's body after which only such code follows before the test, or a part of the loop's
   * test in a loop whose body and test wait on nothing else; or, in another method with the same
   * property, the last thing that method does. The method is not {@code run()}, overrides nothing,
   * is named by no method reference, and nothing outside the compilation can call it (it, or a
   * class around it, is private, or not public in a package compiled whole). Then an interrupt the
   * catch takes reaches its thread only after the stop state is set ({@link StopStateInterrupts}),
   * and the loop ends at its next test. Also a catch of such a {@code run()} itself outside its
   * loop, after which the thread's work ends with nothing that waits: the thread ends.
   *
   * @param fallsThrough whether some catch goes on after the statement (otherwise all return)
   */
  public static boolean isReachedOnlyFromStopLoopsOfThreadsTheirClassesKeep(
      TreePath statementPath,
      boolean fallsThrough,
      @Nullable TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    if (codeUnit == null
        || !(codeUnit.getLeaf() instanceof MethodTree method)
        || method.getBody() == null
        || !(getSymbol(method) instanceof MethodSymbol symbol)) {
      return false;
    }
    if (fallsThrough && !Tasks.isInTailPosition(statementPath, codeUnit, state, options)) {
      return false;
    }
    try {
      if (isRun(method)) {
        return endsTheThread(statementPath, codeUnit, state, options);
      }
      return calledOnlyFromStopLoops(symbol, state, options, new HashSet<>(), MAX_CALLER_DEPTH);
    } catch (RuntimeException incomplete) {
      return false; // a supertype that cannot be completed, a malformed descriptor
    }
  }

  /**
   * True if the loop at {@code loopPath} is itself the stop loop of such a {@code run()}: a loop of
   * the method (in no other loop) whose condition tests only the object's own state and can turn
   * false, where every interrupt of the thread comes after a write of the state the condition
   * reads. The owner's stop is that write; the loop ends at its next test, whatever it does with an
   * interrupt.
   */
  public static boolean isOwnStopLoopOfThreadItsClassKeeps(TreePath loopPath, VisitorState state) {
    TreePath codeUnit = Tasks.enclosingCodeUnit(loopPath);
    if (codeUnit == null
        || !Loops.isLoop(loopPath.getLeaf())
        || Loops.enclosingLoop(loopPath, codeUnit) != null) {
      return false;
    }
    // The body's path, so that the loop found around it is this one.
    TreePath body = new TreePath(loopPath, Loops.body(loopPath.getLeaf()));
    TreePath loop = ownStateLoop(body, codeUnit, state);
    return loop != null
        && loop.getLeaf() == loopPath.getLeaf()
        && everyInterruptFollowsTheStopOf(loop, codeUnit, state);
  }

  /**
   * True if the loop at {@code loopPath}, in such a {@code run()} and in no loop of it, comes after
   * a stop loop {@link #isOwnStopLoopOfThreadItsClassKeeps} accepts: a statement before it, in a
   * block around it, is that loop. It runs once the loop is left, as the thread's work after its
   * stop (a pass that wakes or releases what the service still holds), and any interrupt of the
   * thread came with a stop that is already under way.
   */
  public static boolean followsTheStopLoopOfThreadItsClassKeeps(
      TreePath loopPath, VisitorState state) {
    TreePath codeUnit = Tasks.enclosingCodeUnit(loopPath);
    if (codeUnit == null
        || !(codeUnit.getLeaf() instanceof MethodTree method)
        || !isRun(method)
        || Loops.enclosingLoop(loopPath, codeUnit) != null) {
      return false;
    }
    for (TreePath p = loopPath;
        p.getParentPath() != null && p.getLeaf() != codeUnit.getLeaf();
        p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof BlockTree block) {
        List<? extends com.sun.source.tree.StatementTree> statements = block.getStatements();
        int index = statements.indexOf(p.getLeaf());
        for (int i = 0; i < index; i++) {
          com.sun.source.tree.StatementTree before = statements.get(i);
          if (Loops.isLoop(before)
              && isOwnStopLoopOfThreadItsClassKeeps(
                  new TreePath(p.getParentPath(), before), state)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Methods followed up the call chain at most this deep. */
  private static final int MAX_CALLER_DEPTH = 3;

  private static boolean isRun(MethodTree method) {
    return method.getName().contentEquals("run") && method.getParameters().isEmpty();
  }

  /**
   * True if every call of the method in the compilation hands it back to the stop loop of a {@code
   * run()} of a thread its class keeps, directly or as the last thing a method with the same
   * property does.
   */
  private static boolean calledOnlyFromStopLoops(
      MethodSymbol method,
      VisitorState state,
      CancelGuardOptions options,
      Set<MethodSymbol> visiting,
      int depth) {
    if (depth == 0
        || !visiting.add(method)
        || method.isConstructor()
        || (method.getSimpleName().contentEquals("run") && method.getParameters().isEmpty())
        || !ASTHelpers.findSuperMethods(method, state.getTypes()).isEmpty()
        || !CompiledSources.onlyTheCompilationReaches(method, state)) {
      return false;
    }
    List<TreePath> calls = CompilationCalls.of(state).callsOf(method);
    if (calls.isEmpty() || isNamedByAReference(method, state)) {
      return false;
    }
    for (TreePath call : calls) {
      TreePath caller = Tasks.enclosingCodeUnit(call);
      if (caller == null
          || !(caller.getLeaf() instanceof MethodTree callerTree)
          || callerTree.getBody() == null
          || !(getSymbol(callerTree) instanceof MethodSymbol callerSymbol)) {
        return false;
      }
      TreePath statement = statementOfWholeCall(call);
      if (isRun(callerTree)) {
        if (!returnsIntoTheStopLoop(call, caller, state, options)
            && (statement == null || !endsTheThread(statement, caller, state, options))) {
          return false;
        }
        continue;
      }
      if (statement == null
          || !Tasks.isInTailPosition(statement, caller, state, options)
          || !calledOnlyFromStopLoops(callerSymbol, state, options, visiting, depth - 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if the call, in the {@code run()} at {@code runUnit}, is in the loop of the thread's whole
   * work that {@link #isStopLoopOfThreadItsClassKeeps} accepts, and after it returns nothing that
   * waits runs before the loop's test.
   */
  private static boolean returnsIntoTheStopLoop(
      TreePath call, TreePath runUnit, VisitorState state, CancelGuardOptions options) {
    TreePath loop = ownStateLoop(call, runUnit, state);
    if (loop == null) {
      return false;
    }
    ExpressionTree condition = Loops.condition(loop.getLeaf());
    if (condition != null && Loops.isWithin(new TreePath(loop, condition), call.getLeaf())) {
      // In the test: the rest of the test and the body run before it is asked again.
      if (waitsOutside(condition, call.getLeaf(), state, options)
          || waitsOutside(Loops.body(loop.getLeaf()), null, state, options)) {
        return false;
      }
    } else {
      TreePath statement = statementOfWholeCall(call);
      if (statement == null || !returnsToTheTest(statement, loop, state, options)) {
        return false;
      }
    }
    return everyInterruptFollowsTheStopOf(loop, runUnit, state);
  }

  /**
   * True if the statement, in the {@code run()} at {@code runUnit} of a thread its class family
   * keeps, is in no loop and is the last thing the thread's work does that could wait: after it
   * only code with no cancellation point and no loop runs, and the thread ends.
   */
  private static boolean endsTheThread(
      TreePath statement, TreePath runUnit, VisitorState state, CancelGuardOptions options) {
    if (Loops.enclosingLoop(statement, runUnit) != null
        || !Tasks.isInTailPosition(statement, runUnit, state, options)
        || loopsAfter(statement, runUnit)
        || !(runUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol run)) {
      return false;
    }
    return UnitCache.get(
            FAMILIES, method, state, m -> Optional.ofNullable(safelyFamilyKeeping(run, state)))
        .isPresent();
  }

  /** True if a statement after the one at {@code path}, in a block around it, holds a loop. */
  private static boolean loopsAfter(TreePath path, TreePath codeUnit) {
    for (TreePath p = path;
        p.getParentPath() != null && p.getLeaf() != codeUnit.getLeaf();
        p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof BlockTree block) {
        List<? extends com.sun.source.tree.StatementTree> statements = block.getStatements();
        int index = statements.indexOf(p.getLeaf());
        for (int i = index + 1; index >= 0 && i < statements.size(); i++) {
          if (Loops.isLoop(statements.get(i)) || Loops.containsLoop(statements.get(i))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** True if the tree, apart from {@code except}, calls something that notices an interrupt. */
  private static boolean waitsOutside(
      Tree tree, @Nullable Tree except, VisitorState state, CancelGuardOptions options) {
    return CallScans.anyCallOutsideNestedCode(
        tree,
        call -> call != except && CancellationPoints.isCancellationPoint(call, state, options));
  }

  /**
   * The statement that is the call and nothing more: {@code m(..);}, {@code x = m(..);}, {@code T x
   * = m(..);} or {@code return m(..);}; null for a call inside a larger expression or a condition.
   */
  private static @Nullable TreePath statementOfWholeCall(TreePath call) {
    TreePath parent = LocalUses.parent(call);
    if (parent == null) {
      return null;
    }
    Tree leaf = parent.getLeaf();
    if (leaf instanceof AssignmentTree assignment
        && Expressions.strip(assignment.getExpression()) == call.getLeaf()) {
      parent = LocalUses.parent(parent);
      leaf = parent == null ? null : parent.getLeaf();
      return leaf instanceof ExpressionStatementTree ? parent : null;
    }
    return switch (leaf) {
      case ExpressionStatementTree statement -> parent;
      case VariableTree variable
          when Expressions.strip(variable.getInitializer()) == call.getLeaf() ->
          parent;
      case ReturnTree returned -> parent;
      case null -> null;
      default -> null;
    };
  }

  /** True if a method reference anywhere in the compilation names the method. */
  private static boolean isNamedByAReference(MethodSymbol method, VisitorState state) {
    return CompilationCalls.of(state).namedByAReference(method);
  }

  /**
   * The loop around {@code path} in the {@code run()} at {@code codeUnit} whose condition tests
   * only the object's own state (its fields and no-argument methods) and can turn false; null if
   * there is none.
   */
  private static @Nullable TreePath ownStateLoop(
      TreePath path, @Nullable TreePath codeUnit, VisitorState state) {
    if (codeUnit == null
        || !(codeUnit.getLeaf() instanceof MethodTree method)
        || !isRun(method)
        || method.getBody() == null) {
      return null;
    }
    TreePath loop = Loops.enclosingLoop(path, codeUnit);
    if (loop == null) {
      return null;
    }
    ExpressionTree condition = Loops.condition(loop.getLeaf());
    if (condition == null
        || Loops.isConstantTrue(condition)
        || !(getSymbol(method) instanceof MethodSymbol run)
        || !testsOnlyOwnState(condition, run.enclClass(), state)) {
      return null;
    }
    return loop;
  }

  /**
   * True if the {@code run()} at {@code codeUnit} is the whole work of a thread its class family
   * keeps, and every interrupt of that thread follows a write of the state the loop's condition
   * reads.
   */
  private static boolean everyInterruptFollowsTheStopOf(
      TreePath loop, TreePath codeUnit, VisitorState state) {
    MethodTree method = (MethodTree) codeUnit.getLeaf();
    ExpressionTree condition = Loops.condition(loop.getLeaf());
    if (condition == null || !(getSymbol(method) instanceof MethodSymbol run)) {
      return false;
    }
    Optional<StopStateInterrupts.Family> family =
        UnitCache.get(
            FAMILIES, method, state, m -> Optional.ofNullable(safelyFamilyKeeping(run, state)));
    try {
      return family.isPresent()
          && StopStateInterrupts.everyInterruptFollowsTheStop(condition, family.get(), state);
    } catch (RuntimeException incomplete) {
      return false; // a supertype that cannot be completed, a malformed descriptor
    }
  }

  /** The family, or null where a class cannot be completed or read. */
  private static StopStateInterrupts.@Nullable Family safelyFamilyKeeping(
      MethodSymbol run, VisitorState state) {
    try {
      return familyKeepingItsThread(run, state);
    } catch (RuntimeException incomplete) {
      return null; // a supertype that cannot be completed, a malformed descriptor
    }
  }

  /** Nothing after the statement, up to the loop's body, notices an interrupt. */
  private static boolean returnsToTheTest(
      TreePath statementPath, TreePath loop, VisitorState state, CancelGuardOptions options) {
    for (TreePath p = statementPath;
        p.getParentPath() != null && p.getParentPath() != loop;
        p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      if (parent instanceof BlockTree block) {
        if (!Tasks.onlyFinishingStatementsAfter(block, p.getLeaf(), state, options)) {
          return false;
        }
      } else if (!(parent instanceof com.sun.source.tree.IfTree)
          && !(parent instanceof com.sun.source.tree.TryTree)
          && !(parent instanceof com.sun.source.tree.LabeledStatementTree)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if the condition reads only the object's own state: instance fields of the class or its
   * superclasses, and their no-argument instance methods called on {@code this}; at least one.
   */
  private static boolean testsOnlyOwnState(
      ExpressionTree condition, @Nullable ClassSymbol type, VisitorState state) {
    if (type == null) {
      return false;
    }
    boolean[] own = new boolean[1];
    boolean[] other = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        Symbol symbol = getSymbol(identifier);
        if (identifier.getName().contentEquals("this")) {
          return null;
        }
        if (isOwnMember(symbol) || isOuterMember(symbol)) {
          own[0] |= symbol instanceof VarSymbol || isCalledWithoutArguments();
          other[0] |= symbol instanceof MethodSymbol && !isCalledWithoutArguments();
        } else if (!(symbol instanceof ClassSymbol)) {
          other[0] = true;
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        Symbol symbol = getSymbol(select);
        ExpressionTree receiver = Expressions.strip(select.getExpression());
        boolean onThis =
            receiver instanceof IdentifierTree self && self.getName().contentEquals("this");
        if (onThis && isOwnMember(symbol)) {
          own[0] |= symbol instanceof VarSymbol || isCalledWithoutArguments();
          other[0] |= symbol instanceof MethodSymbol && !isCalledWithoutArguments();
          return null;
        }
        if (receiver instanceof IdentifierTree field
            && (isOwnMember(getSymbol(field)) || isOuterMember(getSymbol(field)))
            && getSymbol(field) instanceof VarSymbol
            && isCalledWithoutArguments()) {
          own[0] = true; // `running.get()` on a field of its own
          return null;
        }
        if (symbol instanceof VarSymbol constant
            && constant.isStatic()
            && (constant.flags() & Flags.FINAL) != 0) {
          return null; // an enum constant or a constant
        }
        other[0] = true;
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!call.getArguments().isEmpty()) {
          other[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        other[0] = true;
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        other[0] = true;
        return null;
      }

      private boolean isCalledWithoutArguments() {
        TreePath parent = getCurrentPath().getParentPath();
        return parent != null
            && parent.getLeaf() instanceof MethodInvocationTree call
            && call.getMethodSelect() == getCurrentPath().getLeaf()
            && call.getArguments().isEmpty();
      }

      /**
       * A member of the object around an inner class, named without a qualifier: the state of the
       * object whose class made the inner object ({@link #familyOfOuterKeepingItsRunner}).
       */
      private boolean isOuterMember(@Nullable Symbol symbol) {
        if (!(symbol instanceof VarSymbol || symbol instanceof MethodSymbol)
            || symbol.isStatic()
            || !(symbol.owner instanceof ClassSymbol owner)) {
          return false;
        }
        for (ClassSymbol inner = type;
            inner.hasOuterInstance() && inner.owner instanceof ClassSymbol outer;
            inner = outer) {
          if (outer.isSubClass(owner, state.getTypes())) {
            return true;
          }
        }
        return false;
      }

      private boolean isOwnMember(@Nullable Symbol symbol) {
        return (symbol instanceof VarSymbol || symbol instanceof MethodSymbol)
            && !symbol.isStatic()
            && symbol.owner instanceof ClassSymbol owner
            && type.isSubClass(owner, state.getTypes());
      }
    }.scan(new TreePath(new TreePath(stateUnit(state)), condition), null);
    return own[0] && !other[0];
  }

  private static CompilationUnitTree stateUnit(VisitorState state) {
    return state.getPath().getCompilationUnit();
  }

  /**
   * The family of a class whose {@code run()} is the whole work of a thread a superclass makes over
   * {@code this} and keeps; null if it is not one.
   */
  private static StopStateInterrupts.@Nullable Family familyKeepingItsThread(
      MethodSymbol run, VisitorState state) {
    ClassSymbol type = run.enclClass();
    Type thread = state.getTypeFromString("java.lang.Thread");
    Type runnable = state.getTypeFromString("java.lang.Runnable");
    if (type == null
        || thread == null
        || runnable == null
        || run.isStatic()
        || type.isAnonymous()
        || type.isInterface()
        || isSubtype(type.type, thread, state)
        || !isSubtype(type.type, runnable, state)) {
      return null;
    }
    CompilationCalls calls = CompilationCalls.of(state);
    if (!calls.callsOf(run).isEmpty()) {
      return null;
    }
    // The classes whose objects run this run(): the class and its subclasses compiled here.
    Set<ClassSymbol> made = new LinkedHashSet<>();
    made.add(type);
    for (ClassSymbol sub : CompiledSources.subclassesOf(type, state)) {
      if (sub.isAnonymous() || sub.isInterface()) {
        return null;
      }
      made.add(sub);
    }
    for (ClassSymbol c : made) {
      if (!calls.anonymousCreationsOf(c).isEmpty()) {
        return null;
      }
    }
    // Every class whose `this` may be such an object: those, and the superclasses.
    Set<ClassSymbol> family = new LinkedHashSet<>(made);
    List<ClassSymbol> jarClasses = addSuperclasses(type, family, state);
    // A superclass makes the thread (a class that makes its own is judged by the rules of threads
    // a class makes).
    boolean baseMakesThread = false;
    List<VarSymbol> threadFields = new ArrayList<>();
    for (ClassSymbol c : family) {
      Boolean source = sourceHandsItselfOnlyToThreads(c, state);
      if (source == null) {
        return null;
      }
      baseMakesThread |= source && !made.contains(c);
      if (!threadFieldsNotPublic(c, thread, threadFields)) {
        return null;
      }
    }
    for (ClassSymbol c : jarClasses) {
      Boolean fromClassFile = classFileKeepsItself(c, thread, state);
      if (fromClassFile == null) {
        return null;
      }
      baseMakesThread |= fromClassFile;
      if (!threadFieldsNotPublic(c, thread, threadFields)) {
        return null;
      }
    }
    if (!baseMakesThread) {
      return made.size() == 1 ? familyOfOuterKeepingItsRunner(type, threadFields, state) : null;
    }
    // Where the objects are kept.
    List<VarSymbol> kept = new ArrayList<>(threadFields);
    boolean confined = true;
    for (ClassSymbol c : made) {
      for (TreePath creation : calls.creationsOf(c)) {
        VarSymbol holder = holderOf(creation);
        if (holder == null || !isConfined(holder, state)) {
          confined = false;
        } else {
          kept.add(holder);
        }
      }
    }
    // Kept in holders only the compilation reaches, each only ever the receiver of calls; or,
    // wherever it is kept, handled only as a value of its class or of a superclass, which no code
    // of the compilation runs or hands on as a task ({@link ClassTypedValues}).
    boolean keptToItself =
        (confined && onlyReceiversEverywhere(kept, state))
            || (onlyReceiversEverywhere(threadFields, state)
                && ClassTypedValues.of(state).keepTheirClass(family)
                && ClassTypedValues.of(state).keepTheirClass(jarClasses));
    return keptToItself
        ? new StopStateInterrupts.Family(type, family, jarClasses, threadFields)
        : null;
  }

  /**
   * For an inner {@code Runnable} class that no superclass makes a thread over: the family of the
   * class around it, when that class makes the class's threads itself and keeps them. Every {@code
   * new Runner(..)} of the compilation is the {@code Runnable} of a plain {@code new Thread(..)},
   * stored in a local or a field only the compilation reaches and only ever the receiver of calls
   * other than {@code run()}, a comparison or the target of an assignment; nothing outside the
   * compilation can make one (the class is private, or not public nor protected in a package
   * compiled whole) and no method reference names its constructors. The loop's stop state is then
   * the outer object's, and the threads' only interrupts are the ones the compilation shows on
   * those holders. Null otherwise.
   *
   * @param runnerFields the runner's own {@code Thread} fields (none may be used to interrupt it:
   *     the holders are asked below)
   */
  private static StopStateInterrupts.@Nullable Family familyOfOuterKeepingItsRunner(
      ClassSymbol runner, List<VarSymbol> runnerFields, VisitorState state) {
    if (!runner.hasOuterInstance()
        || !(runner.owner instanceof ClassSymbol outer)
        || !CompiledSources.onlyTheCompilationReaches(runner, state)) {
      return null;
    }
    CompilationCalls calls = CompilationCalls.of(state);
    for (Symbol member : runner.getEnclosedElements()) {
      if (member instanceof MethodSymbol constructor
          && constructor.isConstructor()
          && calls.namedByAReference(constructor)) {
        return null;
      }
    }
    List<TreePath> creations = calls.creationsOf(runner);
    if (creations.isEmpty()) {
      return null;
    }
    Type thread = state.getTypeFromString("java.lang.Thread");
    List<VarSymbol> holders = new ArrayList<>(runnerFields);
    for (TreePath creation : creations) {
      TreePath threadCreation = LocalUses.parent(creation);
      if (threadCreation == null
          || !(threadCreation.getLeaf() instanceof NewClassTree newThread)
          || newThread.getClassBody() != null
          || thread == null
          || !state.getTypes().isSameType(ASTHelpers.getType(newThread), thread)
          || newThread.getArguments().stream()
              .noneMatch(argument -> Expressions.strip(argument) == creation.getLeaf())) {
        return null;
      }
      VarSymbol holder = holderOf(threadCreation);
      if (holder == null || !isConfined(holder, state)) {
        return null;
      }
      holders.add(holder);
    }
    if (!onlyReceiversEverywhere(holders, state)) {
      return null;
    }
    Set<ClassSymbol> family = new LinkedHashSet<>();
    family.add(outer);
    family.addAll(CompiledSources.subclassesOf(outer, state));
    List<ClassSymbol> jarClasses = addSuperclasses(outer, family, state);
    return new StopStateInterrupts.Family(outer, family, jarClasses, holders);
  }

  /**
   * Adds the superclasses of {@code type} below {@code Object} whose code is compiled here to
   * {@code family}, and returns the others (from jars), nearest first. One split for a thread's own
   * class and for the class around its runner, so that both families are read the same way.
   */
  private static List<ClassSymbol> addSuperclasses(
      ClassSymbol type, Set<ClassSymbol> family, VisitorState state) {
    List<ClassSymbol> jarClasses = new ArrayList<>();
    for (Type up = state.getTypes().supertype(type.type);
        up != null && up.tsym instanceof ClassSymbol superclass;
        up = state.getTypes().supertype(up)) {
      if (superclass.getQualifiedName().contentEquals("java.lang.Object")) {
        break;
      }
      if (CompiledSources.classTree(superclass, state) != null) {
        family.add(superclass);
      } else {
        jarClasses.add(superclass);
      }
    }
    return jarClasses;
  }

  /** Adds the class's own {@code Thread} fields to {@code kept}; false if one is public. */
  private static boolean threadFieldsNotPublic(ClassSymbol c, Type thread, List<VarSymbol> kept) {
    for (Symbol member : c.getEnclosedElements()) {
      if (member instanceof VarSymbol field
          && !field.isStatic()
          && field.type != null
          && field.type.tsym == thread.tsym) {
        if ((field.flags() & Flags.PUBLIC) != 0) {
          return false;
        }
        kept.add(field);
      }
    }
    return true;
  }

  /** The variable a new object is stored in, as its whole initializer or assigned value. */
  private static @Nullable VarSymbol holderOf(TreePath creation) {
    TreePath parent = LocalUses.parent(creation);
    Tree use = parent == null ? null : parent.getLeaf();
    if (use instanceof VariableTree variable
        && Expressions.strip(variable.getInitializer()) == creation.getLeaf()) {
      return getSymbol(variable) instanceof VarSymbol v ? v : null;
    }
    if (use instanceof AssignmentTree assignment
        && Expressions.strip(assignment.getExpression()) == creation.getLeaf()
        && LocalUses.parent(parent) != null
        && LocalUses.parent(parent).getLeaf() instanceof com.sun.source.tree.ExpressionStatementTree
        && getSymbol(assignment.getVariable()) instanceof VarSymbol v) {
      return v;
    }
    return null;
  }

  /** A local, a private field, or a field that is not public in a package compiled whole. */
  private static boolean isConfined(VarSymbol holder, VisitorState state) {
    if (!(holder.owner instanceof ClassSymbol owner)) {
      return true; // a local
    }
    if (holder.isPrivate()) {
      return true;
    }
    return (holder.flags() & Flags.PUBLIC) == 0
        && CompiledSources.filesOfWholePackage(owner.packge(), state) != null;
  }

  /**
   * True if every use of the variables in the compilation is the receiver of a call other than
   * {@code run()}, a comparison with {@code ==}/{@code !=}, or the target of an assignment.
   */
  private static boolean onlyReceiversEverywhere(List<VarSymbol> variables, VisitorState state) {
    if (variables.isEmpty()) {
      return true;
    }
    Set<VarSymbol> wanted = new LinkedHashSet<>(variables);
    Set<CompilationUnitTree> units = CompiledSources.units(state);
    boolean[] escapes = new boolean[1];
    for (CompilationUnitTree unit : units) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree identifier, Void unused) {
          check(getCurrentPath());
          return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree select, Void unused) {
          check(getCurrentPath());
          return super.visitMemberSelect(select, null);
        }

        private void check(TreePath reference) {
          if (escapes[0] || !wanted.contains(getSymbol(reference.getLeaf()))) {
            return;
          }
          TreePath parent = LocalUses.parent(reference);
          Tree use = parent == null ? null : parent.getLeaf();
          switch (use) {
            case MemberSelectTree select
                when Expressions.strip(select.getExpression()) == reference.getLeaf()
                    && !select.getIdentifier().contentEquals("run")
                    && LocalUses.parent(parent) != null
                    && LocalUses.parent(parent).getLeaf() instanceof MethodInvocationTree -> {}
            case BinaryTree binary
                when binary.getKind() == Tree.Kind.EQUAL_TO
                    || binary.getKind() == Tree.Kind.NOT_EQUAL_TO -> {}
            case AssignmentTree assignment
                when Expressions.strip(assignment.getVariable()) == reference.getLeaf() -> {}
            case Tree other when takenAsPlainObject(parent, reference.getLeaf()) -> {}
            case null -> escapes[0] = true;
            default -> escapes[0] = true;
          }
        }
      }.scan(unit, null);
      if (escapes[0]) {
        return false;
      }
    }
    return true;
  }

  /**
   * For a class compiled here: null if its code hands {@code this} anywhere but to a thread
   * creation as its {@code Runnable}; true if it hands it to one; false if nowhere.
   */
  private static @Nullable Boolean sourceHandsItselfOnlyToThreads(
      ClassSymbol c, VisitorState state) {
    TreePath declaration = CompiledSources.classPath(c, state);
    if (declaration == null) {
      return null;
    }
    boolean[] escapes = new boolean[1];
    boolean[] threads = new boolean[1];
    SelfReferences.forEach(
        declaration,
        c,
        (self, parent) -> {
          if (SelfReferences.isOwnUse(self, parent)) {
            return;
          }
          if (parent != null
              && parent.getLeaf() instanceof NewClassTree
              && UninterruptedThreads.isThreadCreationWithArgument(parent, self.getLeaf(), state)) {
            threads[0] = true;
          } else if (!takenAsPlainObject(parent, self.getLeaf())) {
            escapes[0] = true;
          }
        });
    return escapes[0] ? null : threads[0];
  }

  /**
   * True if {@code argument} is joined to a string, handed to a parameter of type {@code Object}
   * (also its varargs), as a log call takes it, or to {@code LockSupport} ({@code unpark(thread)}):
   * the rule a class file's calls are read by.
   */
  private static boolean takenAsPlainObject(@Nullable TreePath parent, Tree argument) {
    if (parent == null) {
      return false;
    }
    if (parent.getLeaf() instanceof BinaryTree binary && binary.getKind() == Tree.Kind.PLUS) {
      return true;
    }
    if (getSymbol(parent.getLeaf()) instanceof MethodSymbol lockSupport
        && lockSupport
            .owner
            .getQualifiedName()
            .contentEquals("java.util.concurrent.locks.LockSupport")) {
      return true; // unpark(thread) wakes it, park(blocker) names what it waits for
    }
    List<? extends ExpressionTree> arguments =
        switch (parent.getLeaf()) {
          case MethodInvocationTree call -> call.getArguments();
          case NewClassTree newClass -> newClass.getArguments();
          default -> List.of();
        };
    if (!(getSymbol(parent.getLeaf()) instanceof MethodSymbol method)) {
      return false;
    }
    List<VarSymbol> parameters = method.getParameters();
    for (int i = 0; i < arguments.size(); i++) {
      if (Expressions.strip(arguments.get(i)) != argument || parameters.isEmpty()) {
        continue;
      }
      int last = parameters.size() - 1;
      Type type = parameters.get(Math.min(i, last)).type;
      if (method.isVarArgs() && i >= last && type instanceof Type.ArrayType array) {
        type = array.elemtype; // an element of the varargs (an array passed whole is no Object)
      }
      return type != null && type.tsym.getQualifiedName().contentEquals("java.lang.Object");
    }
    return false;
  }

  /**
   * For a class read from its class file: null if it may hand {@code this} or its thread out, run
   * {@code run()} itself or implement it; true if it makes a thread from a {@code Runnable} (which,
   * since {@code run()} is its subclasses' and nothing else could be the argument it hands on, runs
   * this object's {@code run()}); false if it makes none.
   */
  private static @Nullable Boolean classFileKeepsItself(
      ClassSymbol c, Type thread, VisitorState state) {
    ClassFile file = ClassFiles.instance(state.context).of(c);
    if (file == null) {
      return null;
    }
    for (Symbol member : c.getEnclosedElements()) {
      if (member instanceof MethodSymbol method) {
        if (method.getSimpleName().contentEquals("run")
            && method.getParameters().isEmpty()
            && (method.flags() & Flags.ABSTRACT) == 0) {
          return null; // the class's own run() is the thread's work
        }
        Type returned = method.getReturnType();
        if (returned != null
            && !returned.isPrimitiveOrVoid()
            && (isSubtype(thread, returned, state) || isSubtype(c.type, returned, state))) {
          return null; // may return its thread or itself
        }
      }
    }
    boolean makes = false;
    for (ClassFile.Method method : file.methods().values()) {
      for (ClassFile.Call call : method.calls()) {
        if (call.owner().equals("java/lang/Thread") && call.name().equals("<init>")) {
          if (call.descriptor().contains("Ljava/lang/Runnable;")) {
            makes = true;
          }
          continue;
        }
        if (call.name().equals("run") && call.descriptor().equals("()V")) {
          return null;
        }
        if (call.owner().equals("java/util/concurrent/locks/LockSupport")) {
          continue; // unpark(thread) wakes it, park(blocker) names what it waits for
        }
        if (!parametersTakeNeither(call.descriptor(), c, thread, state)) {
          return null;
        }
      }
    }
    return makes;
  }

  /**
   * True if no parameter of the descriptor could take the object or its thread: no reference
   * parameter of a type other than {@code Object}, {@code Object[]} or a type neither is a subtype
   * of (a class that cannot be resolved counts as one that could).
   */
  private static boolean parametersTakeNeither(
      String descriptor, ClassSymbol c, Type thread, VisitorState state) {
    int end = descriptor.indexOf(')');
    int i = 1;
    while (i > 0 && i < end) {
      char k = descriptor.charAt(i);
      while (k == '[') {
        k = descriptor.charAt(++i);
      }
      if (k == 'L') {
        int semicolon = descriptor.indexOf(';', i);
        if (semicolon < 0) {
          return false;
        }
        String name = descriptor.substring(i + 1, semicolon).replace('/', '.').replace('$', '.');
        i = semicolon + 1;
        if (name.equals("java.lang.Object")) {
          continue; // a plain Object, or the varargs of a log call
        }
        Type parameter = state.getTypeFromString(name);
        if (parameter == null
            || isSubtype(thread, parameter, state)
            || isSubtype(c.type, parameter, state)) {
          return false;
        }
      } else {
        i++;
      }
    }
    return true;
  }
}
