package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Locks a wait inserted into a stop would hold while it waits: the stop's own (a {@code
 * synchronized} method or block, a {@code Lock} taken earlier in an enclosing block), or one that a
 * caller in this compilation holds when it calls the stop. Work handed to a pool that takes such a
 * lock cannot finish while the stop waits for it: the wait deadlocks.
 *
 * <p>A lock is named by a symbol: a class for the monitor of one of its instances ({@code
 * synchronized} methods, {@code synchronized (this)}, {@code synchronized (Outer.this)}), a
 * variable for a lock object or a {@code Lock} ({@code rw.writeLock().lock()} names {@code rw}: its
 * read and write locks exclude each other). Instances are not told apart: a task that takes the
 * monitor of another instance of the class counts too, which can only withhold a fix.
 */
public final class LockedWaits {
  /** How many same-file calls deep the work's code is followed to a lock it takes. */
  private static final int MAX_CALL_DEPTH = 3;

  private LockedWaits() {}

  /**
   * True if a wait at {@code at}, in the stop {@code codeUnit}, would hold a lock that code which
   * runs as work handed to a pool or thread takes: in the stop's own file for the locks the stop
   * holds, in the caller's file for the locks a caller holds around its call of the stop (or of a
   * method the stop implements). Work is what runs as a task, a thread's body, an event callback, a
   * lambda or an anonymous class's method, and the methods of its file it calls.
   */
  public static boolean waitWouldHoldALockTheWorkTakes(
      TreePath codeUnit, TreePath at, CancelTarget target, VisitorState state) {
    Set<Symbol> held = locksHeldAt(at, codeUnit);
    if (!held.isEmpty()
        && (workTakesOneOf(held, at.getCompilationUnit(), state)
            || submittersTakeOneOf(held, target, at.getCompilationUnit(), state))) {
      return true;
    }
    return codeUnit.getLeaf() instanceof MethodTree method
        && getSymbol(method) instanceof MethodSymbol stop
        && !stop.isConstructor()
        && aCallerHoldsALockItsWorkTakes(stop, state);
  }

  /**
   * True if some call of the stop in this compilation (or of a method it overrides) is made while
   * holding a lock that the work of the caller's file takes.
   */
  private static boolean aCallerHoldsALockItsWorkTakes(MethodSymbol stop, VisitorState state) {
    Set<CompilationUnitTree> files = new LinkedHashSet<>();
    for (ClassSymbol type : CompiledSources.classes(state)) {
      TreePath path = CompiledSources.classPath(type, state);
      if (path != null) {
        files.add(path.getCompilationUnit());
      }
    }
    for (CompilationUnitTree file : files) {
      List<TreePath> calls = callsOf(stop, file, state);
      for (TreePath call : calls) {
        TreePath caller = Tasks.enclosingCodeUnit(call);
        if (caller == null) {
          continue;
        }
        Set<Symbol> held = locksHeldAt(call, caller);
        if (!held.isEmpty() && workTakesOneOf(held, file, state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The calls in {@code file} that may run {@code stop}: of it, or of a method it overrides. */
  private static List<TreePath> callsOf(
      MethodSymbol stop, CompilationUnitTree file, VisitorState state) {
    List<TreePath> calls = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call)
            && getSymbol(call) instanceof MethodSymbol callee
            && callee.getSimpleName().equals(stop.getSimpleName())
            && (callee.equals(stop) || overrides(stop, callee, state))
            && mayDispatchTo(call, getCurrentPath(), stop, state)) {
          calls.add(getCurrentPath());
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(file, null);
    return calls;
  }

  /**
   * True if the call's receiver may be an instance of the stop's class: its static type (the
   * enclosing class for a call without one) is the class, a supertype or a subtype of it, or a
   * supertype of a subclass of it compiled here. {@code conn.close(mode)} on a connection type does
   * not reach a client's {@code close(CloseMode)} because both implement one interface.
   */
  private static boolean mayDispatchTo(
      MethodInvocationTree call, TreePath path, MethodSymbol stop, VisitorState state) {
    ExpressionTree receiver = getReceiver(call);
    ClassTree enclosing = ASTHelpers.findEnclosingNode(path, ClassTree.class);
    Type type =
        receiver != null
            ? getType(receiver)
            : enclosing != null && getSymbol(enclosing) instanceof ClassSymbol own
                ? own.type
                : null;
    if (type == null
        || !(type.tsym instanceof ClassSymbol receiverClass)
        || !(stop.owner instanceof ClassSymbol stopClass)) {
      return false;
    }
    try {
      if (stopClass.isSubClass(receiverClass, state.getTypes())
          || receiverClass.isSubClass(stopClass, state.getTypes())) {
        return true;
      }
      // `rpcService.shutdown()` on a RaftClientService: the stop's class does not implement it,
      // but its subclass DefaultRaftClientService does.
      for (ClassSymbol subclass : CompiledSources.subclassesOf(stopClass, state)) {
        if (subclass.isSubClass(receiverClass, state.getTypes())) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException incomplete) {
      return true; // a supertype that cannot be completed: assume it may, withholding a fix
    }
  }

  private static boolean overrides(MethodSymbol method, MethodSymbol base, VisitorState state) {
    try {
      return method.owner instanceof ClassSymbol owner
          && method.overrides(base, owner, state.getTypes(), true);
    } catch (RuntimeException incomplete) {
      return false; // a supertype that cannot be completed
    }
  }

  // ------------------------------------------------------------------ locks held

  /**
   * The locks held at {@code path} inside {@code codeUnit}: the method's own monitor if it is
   * {@code synchronized}, the enclosing {@code synchronized} blocks', and each {@code Lock} locked
   * by an earlier statement of an enclosing block and not unlocked after it ({@code lock.lock();
   * try { .. } finally { lock.unlock(); }}).
   */
  static Set<Symbol> locksHeldAt(TreePath path, TreePath codeUnit) {
    Set<Symbol> held = new LinkedHashSet<>();
    Tree child = path.getLeaf();
    for (TreePath up = path.getParentPath();
        up != null && child != codeUnit.getLeaf();
        child = up.getLeaf(), up = up.getParentPath()) {
      Tree leaf = up.getLeaf();
      if (leaf instanceof SynchronizedTree sync && sync.getBlock() == child) {
        Symbol lock = lockNamedBy(sync.getExpression());
        if (lock != null) {
          held.add(lock);
        }
      } else if (leaf instanceof BlockTree block) {
        held.addAll(lockedBefore(block, child));
      }
    }
    if (codeUnit.getLeaf() instanceof MethodTree method
        && method.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED)
        && getSymbol(method) instanceof MethodSymbol symbol
        && symbol.owner instanceof ClassSymbol owner) {
      held.add(owner);
    }
    return held;
  }

  /** The locks that statements of {@code block} before {@code child} lock and do not unlock. */
  private static Set<Symbol> lockedBefore(BlockTree block, Tree child) {
    Set<Symbol> locked = new LinkedHashSet<>();
    for (StatementTree statement : block.getStatements()) {
      if (statement == child) {
        break;
      }
      if (statement instanceof TryTree tryTree && tryTree.getFinallyBlock() != null) {
        // lock.lock(); try { .. } finally { lock.unlock(); } ends before the child.
        for (StatementTree last : tryTree.getFinallyBlock().getStatements()) {
          Symbol unlocked = lockCalled(last, true);
          if (unlocked != null) {
            locked.remove(unlocked);
          }
        }
        continue;
      }
      Symbol lock = lockCalled(statement, false);
      if (lock != null) {
        locked.add(lock);
      }
      Symbol unlocked = lockCalled(statement, true);
      if (unlocked != null) {
        locked.remove(unlocked);
      }
    }
    return locked;
  }

  /**
   * The lock a statement {@code x.unlock();} (if {@code unlock}) or {@code x.lock();} (otherwise)
   * names; null for any other statement.
   */
  private static @Nullable Symbol lockCalled(StatementTree statement, boolean unlock) {
    if (statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && getSymbol(call) instanceof MethodSymbol method
        && isLockMethod(method)
        && method.getSimpleName().contentEquals("unlock") == unlock) {
      return lockNamedBy(getReceiver(call));
    }
    return null;
  }

  /** {@code lock()}, {@code lockInterruptibly()}, {@code tryLock(..)} or {@code unlock()}. */
  private static boolean isLockMethod(MethodSymbol method) {
    return switch (method.getSimpleName().toString()) {
      case "lock", "lockInterruptibly", "tryLock", "unlock" -> {
        try {
          yield method.owner instanceof ClassSymbol owner && isLockType(owner);
        } catch (RuntimeException incomplete) {
          yield false; // a supertype that cannot be completed
        }
      }
      default -> false;
    };
  }

  private static boolean isLockType(ClassSymbol type) {
    for (Type t = type.type; t != null && t.tsym instanceof ClassSymbol c; t = c.getSuperclass()) {
      if (c.getQualifiedName().contentEquals("java.util.concurrent.locks.Lock")) {
        return true;
      }
      for (Type implemented : c.getInterfaces()) {
        if (implemented.tsym instanceof ClassSymbol i && isLockType(i)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The lock an expression names: the class for {@code this}, {@code Outer.this} or {@code
   * Outer.class}; a variable for a variable, or for a call on one without arguments ({@code
   * rw.writeLock()}); null for anything else.
   */
  private static @Nullable Symbol lockNamedBy(@Nullable ExpressionTree expression) {
    ExpressionTree stripped = Expressions.strip(expression);
    if (stripped == null) {
      return null;
    }
    if (stripped instanceof IdentifierTree id && id.getName().contentEquals("this")
        || stripped instanceof MemberSelectTree select
            && (select.getIdentifier().contentEquals("this")
                || select.getIdentifier().contentEquals("class"))) {
      Type type = getType(stripped);
      if (type != null
          && stripped instanceof MemberSelectTree select
          && select.getIdentifier().contentEquals("class")) {
        type = type.getTypeArguments().isEmpty() ? null : type.getTypeArguments().getFirst();
      }
      return type != null && type.tsym instanceof ClassSymbol owner ? owner : null;
    }
    if (stripped instanceof MethodInvocationTree call && call.getArguments().isEmpty()) {
      return lockNamedBy(getReceiver(call));
    }
    VarSymbol variable = Expressions.variableOf(stripped);
    if (variable == null && getSymbol(stripped) instanceof VarSymbol field && isField(field)) {
      variable = field; // `other.lock`: a field of another object of the class, named alike
    }
    return variable;
  }

  private static boolean isField(VarSymbol variable) {
    return variable.owner instanceof ClassSymbol;
  }

  // ------------------------------------------------------------------ locks the submitters take

  /**
   * True if a method of {@code file} that takes code from its callers hands a task to the awaited
   * pool (under any of its names: the field, a local copy of it) while holding one of {@code held}:
   * {@code synchronized (this) { executor.schedule(task, ..); }} next to a stop that would wait
   * under the same monitor. A task of the pool that schedules again blocks on the lock while the
   * stop holds it and waits for the pool: the wait cannot end.
   */
  private static boolean submittersTakeOneOf(
      Set<Symbol> held, CancelTarget target, CompilationUnitTree file, VisitorState state) {
    if (target.kind() != CancelTarget.Kind.EXECUTOR) {
      return false;
    }
    Set<Symbol> names = HandedOutPools.namesOfTheSamePool(target.variable(), file);
    boolean[] found = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (!found[0]
            && Tasks.isTaskSubmission(call, state)
            && getReceiver(call) instanceof ExpressionTree receiver
            && namesOneOf(receiver, names)) {
          TreePath unit = Tasks.enclosingCodeUnit(getCurrentPath());
          if (unit != null && takesCodeFromItsCallers(unit, state)) {
            for (Symbol lock : locksHeldAt(getCurrentPath(), unit)) {
              found[0] |= isHeld(lock, held, state);
            }
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(file, null);
    return found[0];
  }

  /**
   * A non-private method that takes code from its callers (a {@code Runnable}, {@code Callable} or
   * other functional interface parameter): what it schedules is code anybody writes, a task of the
   * pool among them ({@code schedule(name, task, delay)}), and that may call it again.
   */
  private static boolean takesCodeFromItsCallers(TreePath unit, VisitorState state) {
    if (!(unit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)
        || symbol.isPrivate()) {
      return false;
    }
    for (VarSymbol parameter : symbol.getParameters()) {
      try {
        if (!parameter.type.isPrimitive()
            && state.getTypes().isFunctionalInterface(parameter.type)) {
          return true;
        }
      } catch (RuntimeException incomplete) {
        return true; // a type javac cannot complete: it may be one
      }
    }
    return false;
  }

  /** The variable an expression names ({@code pool}, {@code this.pool}) is one of {@code names}. */
  private static boolean namesOneOf(ExpressionTree expression, Set<Symbol> names) {
    VarSymbol variable = Expressions.variableOf(expression);
    return variable != null && names.contains(variable);
  }

  // ------------------------------------------------------------------ locks the work takes

  /**
   * True if code of {@code file} that runs as work (see {@link WorkerCode#isWorkerCode} and {@link
   * WorkerCode#isHandedOnCode}, and a method handed on by a method reference), or a method of the
   * file it calls up to {@value #MAX_CALL_DEPTH} deep, takes one of {@code held}.
   */
  private static boolean workTakesOneOf(
      Set<Symbol> held, CompilationUnitTree file, VisitorState state) {
    List<Tree> work = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        noteIfWork(method);
        return super.visitMethod(method, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        noteIfWork(lambda);
        return super.visitLambdaExpression(lambda, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        // `pool.execute(this::flush)`: the method referred to is handed on like a lambda.
        if (getSymbol(reference) instanceof MethodSymbol referred
            && SameFile.isDeclaredIn(referred, file)) {
          MethodTree declaration = CompiledSources.methodTree(referred, state);
          if (declaration != null) {
            work.add(declaration);
          }
        }
        return super.visitMemberReference(reference, null);
      }

      private void noteIfWork(Tree code) {
        TreePath path = getCurrentPath();
        if (WorkerCode.isWorkerCode(path, state) || WorkerCode.isHandedOnCode(path, state)) {
          work.add(code);
        }
      }
    }.scan(file, null);
    Set<MethodSymbol> seen = new HashSet<>();
    Deque<Tree> toScan = new ArrayDeque<>(work);
    for (int depth = 0; depth <= MAX_CALL_DEPTH && !toScan.isEmpty(); depth++) {
      Set<MethodSymbol> called = new LinkedHashSet<>();
      for (Tree code : toScan) {
        if (takesOneOf(code, held, called, state)) {
          return true;
        }
      }
      Deque<Tree> next = new ArrayDeque<>();
      for (MethodSymbol callee : called) {
        if (seen.add(callee) && SameFile.isDeclaredIn(callee, file)) {
          MethodTree declaration = CompiledSources.methodTree(callee, state);
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
   * True if {@code code} takes one of {@code held} itself: a {@code synchronized} method or block,
   * a {@code Lock}'s lock methods, a call of a {@code synchronized} method. Collects the methods it
   * calls into {@code called}.
   */
  private static boolean takesOneOf(
      Tree code, Set<Symbol> held, Set<MethodSymbol> called, VisitorState state) {
    boolean[] takes = new boolean[1];
    if (code instanceof MethodTree method
        && method.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED)
        && getSymbol(method) instanceof MethodSymbol symbol
        && isHeld(symbol.owner, held, state)) {
      return true;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitSynchronized(SynchronizedTree sync, Void unused) {
        takes[0] |= isHeld(lockNamedBy(sync.getExpression()), held, state);
        return super.visitSynchronized(sync, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && getSymbol(call) instanceof MethodSymbol callee) {
          called.add(callee);
          if ((callee.flags() & Flags.SYNCHRONIZED) != 0 && !callee.isStatic()) {
            takes[0] |= isHeld(callee.owner, held, state);
          } else if (isLockMethod(callee) && !callee.getSimpleName().contentEquals("unlock")) {
            takes[0] |= isHeld(lockNamedBy(getReceiver(call)), held, state);
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(code instanceof MethodTree method ? method.getBody() : code, null);
    return takes[0];
  }

  /** True if {@code lock} is one of {@code held}, a class monitor matching through subclassing. */
  private static boolean isHeld(@Nullable Symbol lock, Set<Symbol> held, VisitorState state) {
    if (lock == null) {
      return false;
    }
    if (held.contains(lock)) {
      return true;
    }
    if (!(lock instanceof ClassSymbol taken)) {
      return false;
    }
    try {
      for (Symbol h : held) {
        if (h instanceof ClassSymbol monitor
            && (taken.isSubClass(monitor, state.getTypes())
                || monitor.isSubClass(taken, state.getTypes()))) {
          return true;
        }
      }
    } catch (RuntimeException incomplete) {
      return true; // a supertype that cannot be completed: assume the worst, withholding a fix
    }
    return false;
  }
}
