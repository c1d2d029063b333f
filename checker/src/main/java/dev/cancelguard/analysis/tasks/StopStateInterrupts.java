package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Whether every interrupt of a thread a class family keeps follows the stop its loop tests: for
 * each {@code thread.interrupt()} on one of the family's {@code Thread} fields, in the sources of
 * the compilation or in the code of a superclass read from its class file, a field the loop's
 * condition reads (its stop state) is set before it on every path to it — written in the same
 * method before the interrupt, or by a no-argument method of the family called before it that
 * always writes it. Then each interrupt comes after the stop and the loop ends on it; an interrupt
 * with no stop before it (a stop that only interrupts, one that sets the state after the interrupt,
 * a wake-up that interrupts and sets nothing the loop tests) leaves a loop that swallows it and
 * goes round. Where the code cannot tell, the answer is no.
 */
final class StopStateInterrupts {
  private static final Set<String> ATOMIC_WRITES =
      Set.of(
          "set",
          "lazySet",
          "setRelease",
          "setPlain",
          "setOpaque",
          "compareAndSet",
          "weakCompareAndSet",
          "weakCompareAndSetPlain",
          "weakCompareAndSetVolatile",
          "weakCompareAndSetRelease",
          "getAndSet");

  /**
   * The classes whose {@code this} may be the running object and the threads they keep.
   *
   * @param type the class whose {@code run()} the loop is in
   * @param sourceClasses its family compiled here: the class, its subclasses, its superclasses
   * @param jarClasses its superclasses read from class files
   * @param threadFields the family's {@code Thread} fields
   */
  record Family(
      ClassSymbol type,
      Set<ClassSymbol> sourceClasses,
      List<ClassSymbol> jarClasses,
      List<VarSymbol> threadFields) {
    boolean contains(@Nullable Symbol owner) {
      return owner instanceof ClassSymbol c
          && (sourceClasses.contains(c) || jarClasses.contains(c));
    }

    boolean containsBinaryName(String name) {
      for (ClassSymbol c : sourceClasses) {
        if (ClassFiles.binaryName(c).equals(name)) {
          return true;
        }
      }
      for (ClassSymbol c : jarClasses) {
        if (ClassFiles.binaryName(c).equals(name)) {
          return true;
        }
      }
      return false;
    }
  }

  private StopStateInterrupts() {}

  /**
   * True if the loop's condition reads a stop state (a field of the family that is not final, or an
   * atomic one) and every interrupt of the family's threads the compilation or a superclass's class
   * file shows comes after a write of it.
   */
  static boolean everyInterruptFollowsTheStop(
      ExpressionTree condition, Family family, VisitorState state) {
    Set<VarSymbol> stop = stopState(condition, family, state);
    if (stop == null || stop.isEmpty()) {
      return false;
    }
    Set<String> names = new LinkedHashSet<>();
    stop.forEach(field -> names.add(field.getSimpleName().toString()));
    return sourceInterruptsFollow(stop, names, family, state)
        && classFileInterruptsFollow(names, family, state);
  }

  // ------------------------------------------------------------------ the stop state the loop
  // tests

  /**
   * The fields the condition reads, directly or through the no-argument methods of the family it
   * calls (read from source or from the class file); only those that can change. Null where a
   * called method's code cannot be read.
   */
  private static @Nullable Set<VarSymbol> stopState(
      ExpressionTree condition, Family family, VisitorState state) {
    Set<VarSymbol> fields = new LinkedHashSet<>();
    boolean[] unreadable = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        take(getSymbol(identifier));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        take(getSymbol(select));
        return super.visitMemberSelect(select, null);
      }

      private void take(@Nullable Symbol symbol) {
        if (isField(symbol, family)) {
          fields.add((VarSymbol) symbol);
        } else if (symbol instanceof MethodSymbol method
            && !method.isStatic()
            && method.getParameters().isEmpty()
            && family.contains(method.owner)) {
          if (!readsOfMethod(method, family, fields, state)) {
            unreadable[0] = true;
          }
        }
      }
    }.scan(condition, null);
    if (unreadable[0]) {
      return null;
    }
    fields.removeIf(field -> !canChange(field));
    return fields;
  }

  /** Adds the family's fields the method (as the running class has it) reads; false if unread. */
  private static boolean readsOfMethod(
      MethodSymbol method, Family family, Set<VarSymbol> fields, VisitorState state) {
    MethodSymbol implementation =
        method.implementation(family.type(), state.getTypes(), true) instanceof MethodSymbol m
            ? m
            : method;
    MethodTree tree = CompiledSources.methodTree(implementation, state);
    if (tree != null) {
      if (tree.getBody() == null) {
        return false;
      }
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree identifier, Void unused) {
          take(getSymbol(identifier));
          return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree select, Void unused) {
          take(getSymbol(select));
          return super.visitMemberSelect(select, null);
        }

        private void take(@Nullable Symbol symbol) {
          if (isField(symbol, family)) {
            fields.add((VarSymbol) symbol);
          }
        }
      }.scan(tree.getBody(), null);
      return true;
    }
    if (!(implementation.owner instanceof ClassSymbol owner)
        || !family.jarClasses().contains(owner)) {
      return false;
    }
    ClassFile.Method code =
        ClassFiles.instance(state.context)
            .methodOf(
                owner, implementation, ClassFiles.descriptor(implementation, state.getTypes()));
    if (code == null || !code.hasCode()) {
      return false;
    }
    for (ClassFile.FieldAccess access : code.fieldAccesses()) {
      if (!access.writes() && family.containsBinaryName(access.owner())) {
        VarSymbol field = fieldNamed(family.type(), access.name(), state);
        if (field == null) {
          return false;
        }
        fields.add(field);
      }
    }
    return true;
  }

  /** An instance field of the family ({@code this} and {@code super} are none). */
  private static boolean isField(@Nullable Symbol symbol, Family family) {
    return symbol instanceof VarSymbol field
        && !field.isStatic()
        && field.getKind() == ElementKind.FIELD
        && !field.getSimpleName().contentEquals("this")
        && !field.getSimpleName().contentEquals("super")
        && family.contains(field.owner);
  }

  /** The instance field of that name the class has (its own or inherited), or null. */
  private static @Nullable VarSymbol fieldNamed(ClassSymbol type, String name, VisitorState state) {
    for (Type t = type.type;
        t != null && t.tsym instanceof ClassSymbol c;
        t = state.getTypes().supertype(t)) {
      for (Symbol member : c.getEnclosedElements()) {
        if (member instanceof VarSymbol field
            && !field.isStatic()
            && field.getSimpleName().contentEquals(name)) {
          return field;
        }
      }
    }
    return null;
  }

  /** A field that is not final, or a final one of an atomic type (whose value can be set). */
  private static boolean canChange(VarSymbol field) {
    if ((field.flags() & Flags.FINAL) == 0) {
      return true;
    }
    return field.type != null
        && field.type.tsym != null
        && field
            .type
            .tsym
            .getQualifiedName()
            .toString()
            .startsWith("java.util.concurrent.atomic.Atomic");
  }

  // ------------------------------------------------------------------------- interrupts in source

  /** Every {@code thread.interrupt()} of the compilation on a family's thread field follows. */
  private static boolean sourceInterruptsFollow(
      Set<VarSymbol> stop, Set<String> names, Family family, VisitorState state) {
    if (family.threadFields().isEmpty()) {
      return true;
    }
    Set<CompilationUnitTree> units = CompiledSources.units(state);
    boolean[] unstopped = new boolean[1];
    for (CompilationUnitTree unit : units) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (!unstopped[0]
              && call.getArguments().isEmpty()
              && call.getMethodSelect() instanceof MemberSelectTree select
              && select.getIdentifier().contentEquals("interrupt")
              && family
                  .threadFields()
                  .contains(getSymbol(Expressions.strip(select.getExpression())))
              && !stopSetBefore(getCurrentPath(), stop, names, family, state)) {
            unstopped[0] = true;
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(unit, null);
      if (unstopped[0]) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if a statement before the one holding {@code interrupt}, in it or in a block that holds it
   * up to its method, writes the stop state (a lambda or a class on the way: false).
   */
  private static boolean stopSetBefore(
      TreePath interrupt,
      Set<VarSymbol> stop,
      Set<String> names,
      Family family,
      VisitorState state) {
    for (TreePath p = interrupt; p.getParentPath() != null; p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      if (parent instanceof MethodTree) {
        return false;
      }
      if (parent instanceof LambdaExpressionTree || parent instanceof ClassTree) {
        return false;
      }
      if (parent instanceof BlockTree block) {
        for (StatementTree statement : block.getStatements()) {
          if (statement == p.getLeaf()) {
            break;
          }
          if (writesStop(statement, stop, names, family, state, true)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * True if the statement always writes the stop state: an assignment to one of its fields, an
   * atomic write on one ({@code running.set(false)}), a {@code synchronized} block whose leading
   * statements do, or (when {@code throughCalls}) a call of a no-argument method of the family
   * whose code always does.
   */
  private static boolean writesStop(
      StatementTree statement,
      Set<VarSymbol> stop,
      Set<String> names,
      Family family,
      VisitorState state,
      boolean throughCalls) {
    if (statement instanceof SynchronizedTree lock) {
      return leadingStatementsWriteStop(
          lock.getBlock().getStatements(), stop, names, family, state, throughCalls);
    }
    // `if (started.compareAndSet(true, false)) { .. }`: the condition runs every time.
    if (statement instanceof IfTree test) {
      ExpressionTree condition = Expressions.strip(test.getCondition());
      while (condition instanceof UnaryTree not && not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
        condition = Expressions.strip(not.getExpression());
      }
      return condition instanceof MethodInvocationTree call && isAtomicWriteOfStop(call, stop);
    }
    if (!(statement instanceof ExpressionStatementTree expressionStatement)) {
      return false;
    }
    ExpressionTree expression = Expressions.strip(expressionStatement.getExpression());
    switch (expression) {
      case AssignmentTree assignment -> {
        return stop.contains(getSymbol(Expressions.strip(assignment.getVariable())));
      }
      case CompoundAssignmentTree assignment -> {
        return stop.contains(getSymbol(Expressions.strip(assignment.getVariable())));
      }
      case MethodInvocationTree call -> {
        if (isAtomicWriteOfStop(call, stop)) {
          return true;
        }
        return throughCalls
            && call.getArguments().isEmpty()
            && getSymbol(call) instanceof MethodSymbol method
            && !method.isStatic()
            && family.contains(method.owner)
            && alwaysWritesStop(method, isSuperCall(call), stop, names, family, state);
      }
      default -> {
        return false;
      }
    }
  }

  /** An atomic's write on a field of the stop state: {@code running.set(false)}. */
  private static boolean isAtomicWriteOfStop(MethodInvocationTree call, Set<VarSymbol> stop) {
    return call.getMethodSelect() instanceof MemberSelectTree select
        && ATOMIC_WRITES.contains(select.getIdentifier().toString())
        && stop.contains(getSymbol(Expressions.strip(select.getExpression())));
  }

  /** {@code super.m()}: the call runs the superclass's method, whatever overrides it. */
  private static boolean isSuperCall(MethodInvocationTree call) {
    return call.getMethodSelect() instanceof MemberSelectTree select
        && Expressions.strip(select.getExpression()) instanceof IdentifierTree receiver
        && receiver.getName().contentEquals("super");
  }

  /** True if one of the statements, before any that may leave or branch, writes the stop state. */
  private static boolean leadingStatementsWriteStop(
      List<? extends StatementTree> statements,
      Set<VarSymbol> stop,
      Set<String> names,
      Family family,
      VisitorState state,
      boolean throughCalls) {
    for (StatementTree statement : statements) {
      if (writesStop(statement, stop, names, family, state, throughCalls)) {
        return true;
      }
      if (!(statement instanceof ExpressionStatementTree)) {
        return false;
      }
    }
    return false;
  }

  /**
   * True if the method's code (source or class file) writes the stop state on every run.
   *
   * @param named whether the call names the method itself ({@code super.m()}) rather than the
   *     running class's implementation of it
   */
  private static boolean alwaysWritesStop(
      MethodSymbol method,
      boolean named,
      Set<VarSymbol> stop,
      Set<String> names,
      Family family,
      VisitorState state) {
    MethodSymbol implementation =
        !named
                && method.implementation(family.type(), state.getTypes(), true)
                    instanceof MethodSymbol m
            ? m
            : method;
    MethodTree tree = CompiledSources.methodTree(implementation, state);
    if (tree != null) {
      return tree.getBody() != null
          && leadingStatementsWriteStop(
              tree.getBody().getStatements(), stop, names, family, state, false);
    }
    if (!(implementation.owner instanceof ClassSymbol owner)
        || !family.jarClasses().contains(owner)) {
      return false;
    }
    ClassFile.Method code =
        ClassFiles.instance(state.context)
            .methodOf(
                owner, implementation, ClassFiles.descriptor(implementation, state.getTypes()));
    return code != null && alwaysWritesStop(code, names, family);
  }

  // --------------------------------------------------------------------- interrupts in class files

  /**
   * Every {@code interrupt()} in the code of the family's superclasses read from class files is of
   * the current thread ({@code Thread.currentThread().interrupt()}) or of a {@code Thread} field
   * read just before, after a write of the stop state in the same method or a call, in the same
   * method, of a no-argument method of the family that always writes it; an interrupt of anything
   * else (a local, a call's result) cannot be told apart from the thread's.
   */
  private static boolean classFileInterruptsFollow(
      Set<String> names, Family family, VisitorState state) {
    for (ClassSymbol c : family.jarClasses()) {
      ClassFile file = ClassFiles.instance(state.context).of(c);
      if (file == null) {
        return false;
      }
      for (ClassFile.Method method : file.methods().values()) {
        for (ClassFile.Call call : method.calls()) {
          if (call.name().equals("interrupt")
              && call.descriptor().equals("()V")
              && !ofCurrentThread(method, call)
              && !(ofThreadField(method, call)
                  && stopWrittenBefore(method, call, names, family, file))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** {@code Thread.currentThread().interrupt()}: the call right before is {@code currentThread}. */
  private static boolean ofCurrentThread(ClassFile.Method method, ClassFile.Call interrupt) {
    for (ClassFile.Call call : method.calls()) {
      if (call.offset() + call.length() == interrupt.offset()
          && call.owner().equals("java/lang/Thread")
          && call.name().equals("currentThread")
          && method.onlyFallenInto(interrupt.offset())) {
        return true;
      }
    }
    return false;
  }

  /** The instruction right before the interrupt reads a {@code Thread} field. */
  private static boolean ofThreadField(ClassFile.Method method, ClassFile.Call interrupt) {
    for (ClassFile.FieldAccess access : method.fieldAccesses()) {
      if (!access.writes()
          && access.offset() + 3 == interrupt.offset()
          && access.descriptor().equals("Ljava/lang/Thread;")
          && method.onlyFallenInto(interrupt.offset())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A write of the stop state (a {@code putfield}, or an atomic's write on it), or a call of a
   * method of the class that always writes it, first.
   */
  private static boolean stopWrittenBefore(
      ClassFile.Method method,
      ClassFile.Call interrupt,
      Set<String> names,
      Family family,
      ClassFile file) {
    for (ClassFile.FieldAccess access : method.fieldAccesses()) {
      if (access.writes()
          && names.contains(access.name())
          && family.containsBinaryName(access.owner())
          && method.reachedOnlyThrough(access.offset(), interrupt.offset())) {
        return true;
      }
    }
    for (ClassFile.Call call : method.calls()) {
      if (isAtomicWriteOfStop(method, call, names, family)
          && method.reachedOnlyThrough(call.offset(), interrupt.offset())) {
        return true;
      }
      if (call.descriptor().startsWith("()")
          && call.owner().equals(file.name())
          && method.reachedOnlyThrough(call.offset(), interrupt.offset())) {
        ClassFile.Method callee = file.method(call.name(), call.descriptor());
        if (callee != null && alwaysWritesStop(callee, names, family)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The class file's method writes the stop state on its straight line from its start: a {@code
   * putfield} of it, or an atomic's write on it ({@code started.compareAndSet(true, false)}, also
   * as the condition of an {@code if}: the call runs before the branch).
   */
  private static boolean alwaysWritesStop(ClassFile.Method code, Set<String> names, Family family) {
    if (!code.hasCode()) {
      return false;
    }
    for (ClassFile.FieldAccess access : code.fieldAccesses()) {
      if (access.writes()
          && names.contains(access.name())
          && family.containsBinaryName(access.owner())
          && code.alwaysReaches(access.offset())) {
        return true;
      }
    }
    for (ClassFile.Call call : code.calls()) {
      if (code.alwaysReaches(call.offset()) && isAtomicWriteOfStop(code, call, names, family)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The call is an atomic's write ({@code set}, {@code compareAndSet}, ..) on a stop field read
   * right before: {@code getfield started; iconst_1; iconst_0; invokevirtual compareAndSet}, each
   * argument pushed by a one-byte instruction and the call reached only through the read.
   */
  private static boolean isAtomicWriteOfStop(
      ClassFile.Method code, ClassFile.Call call, Set<String> names, Family family) {
    if (!call.owner().startsWith("java/util/concurrent/atomic/Atomic")
        || !ATOMIC_WRITES.contains(call.name())) {
      return false;
    }
    int arguments = call.descriptor().indexOf(')') - 1;
    if (arguments < 1 || !call.descriptor().substring(1, arguments + 1).matches("[ZIJ]+")) {
      return false;
    }
    for (ClassFile.FieldAccess access : code.fieldAccesses()) {
      if (!access.writes()
          && names.contains(access.name())
          && family.containsBinaryName(access.owner())
          && access.descriptor().startsWith("Ljava/util/concurrent/atomic/Atomic")
          && call.offset() - access.offset() - 3 == arguments
          && code.reachedOnlyThrough(access.offset(), call.offset())) {
        return true;
      }
    }
    return false;
  }
}
