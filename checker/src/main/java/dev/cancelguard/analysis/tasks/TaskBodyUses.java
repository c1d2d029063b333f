package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.HashMultimap;
import com.google.common.collect.SetMultimap;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import dev.cancelguard.analysis.trees.WriteScanner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * What task bodies use, write and signal, and under which instance lock (a synchronized method's,
 * or a {@code synchronized (this)} / {@code synchronized (Outer.this)} block's); same-file helpers
 * they call are followed a little way (a parameter a helper writes is the caller's argument).
 */
/** Collects the variables a piece of task code reads, writes and signals. */
final class TaskBodyUses extends WriteScanner {
  private final VisitorState state;
  private final CompilationUnitTree unit;
  private final int depth;
  private final Set<Object> followed;
  private @Nullable Symbol monitor;

  /** A method of the file not followed: its uses are counted apart (the stop itself). */
  @Nullable Symbol excluded;

  final Set<Symbol> usedUnlocked = new HashSet<>();
  final SetMultimap<Symbol, Symbol> monitors = HashMultimap.create();
  private final Set<Symbol> declared = new HashSet<>();
  final Set<Symbol> used = new HashSet<>();
  final Set<Symbol> written = new HashSet<>();
  final Set<Symbol> signalled = new HashSet<>();

  /**
   * Variables the code uses other than as the receiver of an executor's stop, wait or query ({@link
   * StoppedPoolCalls}): a pool only stopped or asked about here cannot fail this code by being shut
   * down.
   */
  final Set<Symbol> usedBeyondStopsAndQueries = new HashSet<>();

  /** Receivers of stops, waits and queries of executors, by identity. */
  private final Set<ExpressionTree> stopOrQueryReceivers =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /**
   * Variables the code uses other than as the receiver of an addition to an atomic count whose
   * result it drops ({@link CountUpdates}): a count only moved that way here reads nothing another
   * addition wrote.
   */
  final Set<Symbol> usedBeyondCountUpdates = new HashSet<>();

  /** Receivers of additions to atomic counts whose results are dropped, by identity. */
  private final Set<ExpressionTree> countUpdateReceivers =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  TaskBodyUses(
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
  public Void visitSynchronized(SynchronizedTree tree, Void unused) {
    // `synchronized (this)`, `synchronized (Outer.this)`: the instance monitor a synchronized
    // method of that class takes. A lock on any other object is not counted as one.
    scan(tree.getExpression(), null);
    Symbol outer = monitor;
    if (monitor == null) {
      monitor = InstanceMonitors.lockedBy(tree);
    }
    scan(tree.getBlock(), null);
    monitor = outer;
    return null;
  }

  @Override
  public Void visitIdentifier(IdentifierTree tree, Void unused) {
    noteUse(tree);
    return null;
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
    noteUse(tree);
    return super.visitMemberSelect(tree, null);
  }

  private void noteUse(ExpressionTree tree) {
    VarSymbol variable = Expressions.variableOf(tree);
    note(variable, used);
    if (!stopOrQueryReceivers.contains(tree)) {
      note(variable, usedBeyondStopsAndQueries);
    }
    if (!countUpdateReceivers.contains(tree)) {
      noteBeyondCountUpdates(variable);
    }
  }

  @Override
  protected void written(ExpressionTree variable, ExpressionTree write) {
    note(Expressions.variableOf(variable), written);
    noteBeyondCountUpdates(Expressions.variableOf(variable));
  }

  @Override
  public Void visitExpressionStatement(ExpressionStatementTree tree, Void unused) {
    ExpressionTree counter = CountUpdates.receiverOfDroppedAddition(tree);
    if (counter != null) {
      countUpdateReceivers.add(counter);
    }
    return super.visitExpressionStatement(tree, null);
  }

  private void noteBeyondCountUpdates(@Nullable VarSymbol symbol) {
    if (symbol != null && !declared.contains(symbol) && isOfThisFile(symbol)) {
      usedBeyondCountUpdates.add(symbol);
    }
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
    Symbol method = getSymbol(call);
    ExpressionTree stoppedPool = StoppedPoolCalls.receiverOfStopOrQuery(call, state);
    if (stoppedPool != null) {
      stopOrQueryReceivers.add(Expressions.strip(stoppedPool));
    }
    if (method != null && !method.isStatic()) {
      VarSymbol receiver = Expressions.variableOf(getReceiver(call));
      String name = method.getSimpleName().toString();
      if (TaskUses.MUTATORS.contains(name)) {
        note(receiver, written);
      }
      if (TaskUses.SIGNALS.contains(name)) {
        note(receiver, signalled);
      }
    }
    if (method instanceof MethodSymbol helper
        && depth < TaskUses.MAX_HELPER_DEPTH
        && SameFile.isDeclaredIn(helper, unit)
        && !helper.equals(excluded)
        && followed.add(monitor == null ? helper : List.of(helper, monitor))) {
      MethodTree declaredHelper = SameFile.findMethod(unit, helper, state);
      if (declaredHelper != null && declaredHelper.getBody() != null) {
        TaskBodyUses inner = new TaskBodyUses(state, unit, depth + 1, followed, monitor);
        inner.excluded = excluded;
        inner.scanWithin(unit, declaredHelper);
        used.addAll(inner.used);
        usedBeyondStopsAndQueries.addAll(inner.usedBeyondStopsAndQueries);
        usedBeyondCountUpdates.addAll(inner.usedBeyondCountUpdates);
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

  final Set<Symbol> writtenLocally = new HashSet<>();

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
      if (into == usedBeyondStopsAndQueries) {
        return;
      }
      if (into != used) {
        used.add(symbol);
        usedBeyondStopsAndQueries.add(symbol);
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
