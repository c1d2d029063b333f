package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.interrupts.ClosedNativeWaits;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.interrupts.Polls;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.WriteScanner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A loop of an executor's work that a {@code shutdown()} leaves running: the stop interrupts
 * nothing, and the loop goes round waiting until state outside it, which the stop does not change,
 * lets it out. A wait inserted after that {@code shutdown()} only holds the stop while the work
 * goes on: it neither ends the loop nor keeps it from doing, after the wait, what it was waiting to
 * do.
 *
 * <p>The loop: {@code while (true)}, {@code do .. while (true)} or {@code for (;;)} in the work
 * ({@link TaskBodyFinder}'s task bodies of this file and the entry points of task classes of other
 * files it reads, and the methods of the compilation they call, up to {@value #MAX_CALL_DEPTH}
 * deep), with at least one way out, each (a {@code break}, {@code return}, ..) under an {@code if}
 * whose condition tests only outside state: calls on fields and what they return ({@code
 * server.getMemberState().isLeader()}, {@code store.getEndIndex() == -1}), the results of the
 * class's own methods ({@code appendAndWait(request)}, their arguments aside), and fields the loop
 * does not write. A condition that reads a local variable or parameter (a counter, a deadline, an
 * item the loop took), asks a clock or the thread, or reads a field the stop writes or calls a
 * method on (directly or through the class's methods it calls, {@value #MAX_CALL_DEPTH} deep) is
 * the loop's own way to end, or the stop's: not this shape. Each round waits: the loop, or a method
 * of the compilation it calls ({@value #MAX_CALL_DEPTH} deep), makes a call that throws {@code
 * InterruptedException} ({@code Thread.sleep(100)}, a timed {@code future.get(..)}). Left out: a
 * loop with a {@code throw} of its own (outside a catch), with a way out only in a catch, or that
 * does stream or socket I/O or blocks on a handle its class closes (a close later in the stop may
 * end those).
 */
public final class OutsideStateLoops {
  /** How many calls deep the work, a condition's methods and the stop's methods are followed. */
  static final int MAX_CALL_DEPTH = 2;

  /** How many methods the stop's reading follows, at most. */
  private static final int MAX_METHODS = 64;

  private OutsideStateLoops() {}

  /**
   * The path of a loop of the work of {@code target} that the {@code shutdown()} at {@code cancel}
   * leaves running until outside state ends it; null where the cancel sends an interrupt or cancels
   * tasks, or no such loop is in sight.
   */
  public static @Nullable TreePath loopTheStopLeavesRunning(
      CancelTarget target, MethodInvocationTree cancel, TreePath codeUnit, VisitorState state) {
    if (target.kind() != CancelTarget.Kind.EXECUTOR
        || !(getSymbol(cancel) instanceof MethodSymbol method)
        || !method.getSimpleName().contentEquals("shutdown")
        || !method.getParameters().isEmpty()) {
      return null;
    }
    Set<Symbol> touched = touchedByTheStop(codeUnit, state);
    touched.add(target.variable());
    return WorkLoops.first(
        target, state, MAX_CALL_DEPTH, new Shape(state, touched)::waitsForOutsideState);
  }

  /**
   * The fields the stop writes and those it calls a method on, in its own body and in the methods
   * of the compilation it calls on the object itself, {@value #MAX_CALL_DEPTH} deep.
   */
  private static Set<Symbol> touchedByTheStop(TreePath codeUnit, VisitorState state) {
    Set<Symbol> touched = new HashSet<>();
    Set<MethodSymbol> read = new HashSet<>();
    Deque<TreePath> pending = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    pending.add(codeUnit);
    depths.add(0);
    while (!pending.isEmpty()) {
      TreePath unit = pending.removeFirst();
      int depth = depths.removeFirst();
      Tree body = CodeUnits.bodyOf(unit.getLeaf());
      if (body == null) {
        continue;
      }
      CompilationUnitTree file = unit.getCompilationUnit();
      new WriteScanner() {
        @Override
        protected void written(ExpressionTree variable, ExpressionTree write) {
          Symbol symbol = getSymbol(stripParentheses(variable));
          if (symbol != null) {
            touched.add(symbol);
          }
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (Polls.isLogging(call)) {
            return null; // a log line changes nothing a loop tests
          }
          ExpressionTree receiver = getReceiver(call);
          Symbol root = receiver == null ? null : rootField(receiver);
          if (root != null) {
            touched.add(root);
          }
          if (isOnItself(receiver)
              && depth < MAX_CALL_DEPTH
              && getSymbol(call) instanceof MethodSymbol callee
              && read.size() < MAX_METHODS
              && read.add(callee)) {
            TreePath path = CompiledSources.methodPath(callee, state);
            if (path != null) {
              pending.addLast(path);
              depths.addLast(depth + 1);
            }
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scanWithin(file, body);
    }
    return touched;
  }

  /**
   * The field a chain of selects and calls starts from ({@code server} in {@code server.a().b}).
   */
  private static @Nullable Symbol rootField(ExpressionTree expression) {
    ExpressionTree tree = stripParentheses(expression);
    while (true) {
      if (tree instanceof MethodInvocationTree call) {
        ExpressionTree receiver = getReceiver(call);
        if (receiver == null) {
          return null;
        }
        tree = stripParentheses(receiver);
      } else if (tree instanceof MemberSelectTree select && isField(getSymbol(select))) {
        return getSymbol(select);
      } else if (tree instanceof MemberSelectTree select) {
        tree = stripParentheses(select.getExpression());
      } else if (tree instanceof IdentifierTree identifier) {
        Symbol symbol = getSymbol(identifier);
        return isField(symbol) ? symbol : null;
      } else {
        return null;
      }
    }
  }

  private static boolean isField(@Nullable Symbol symbol) {
    return symbol instanceof VarSymbol variable
        && variable.getKind() == ElementKind.FIELD
        && !isSelfName(symbol);
  }

  private static boolean isSelfName(Symbol symbol) {
    return symbol.getSimpleName().contentEquals("this")
        || symbol.getSimpleName().contentEquals("super");
  }

  /** A call on the object itself: no receiver, {@code this}, {@code super}, {@code Outer.this}. */
  private static boolean isOnItself(@Nullable ExpressionTree receiver) {
    if (receiver == null) {
      return true;
    }
    Symbol symbol = getSymbol(stripParentheses(receiver));
    return symbol != null && isSelfName(symbol);
  }

  /** The shape of the class comment, judged against what one stop touches. */
  private static final class Shape {
    private final VisitorState state;
    private final Set<Symbol> touched;

    Shape(VisitorState state, Set<Symbol> touched) {
      this.state = state;
      this.touched = touched;
    }

    /** True if the loop at {@code loopPath} is of the shape of the class comment. */
    private boolean waitsForOutsideState(TreePath loopPath) {
      Tree loop = loopPath.getLeaf();
      if (!Loops.hasNoExitCondition(loop) || throwsOfItsOwn(loopPath)) {
        return false;
      }
      var exits = Loops.exits(loopPath);
      if (exits.isEmpty()) {
        return false;
      }
      Set<Symbol> writtenInLoop = Loops.writtenVariables(loopPath);
      for (TreePath exit : exits) {
        boolean guarded = false;
        for (TreePath p = exit.getParentPath();
            p != null && p.getLeaf() != loop;
            p = p.getParentPath()) {
          if (p.getLeaf() instanceof IfTree choice) {
            if (!testsOutsideState(choice.getCondition(), writtenInLoop)) {
              return false;
            }
            guarded = true;
          }
        }
        if (!guarded) {
          return false;
        }
      }
      VisitorState here = state.withPath(loopPath);
      TreePath codeUnit = Tasks.enclosingCodeUnit(loopPath);
      return codeUnit != null
          && !CancellationPoints.containsIoCall(loop, here)
          && !ClosedNativeWaits.blocksOnAHandleTheClassCloses(loopPath, codeUnit.getLeaf())
          && waitsEachRound(loop, 0, new HashSet<>());
    }

    /** True if the loop throws of its own, outside a catch: a way out this reading does not see. */
    private static boolean throwsOfItsOwn(TreePath loopPath) {
      boolean[] throwing = new boolean[1];
      new NestedCodeSkipper() {
        @Override
        public Void visitThrow(ThrowTree tree, Void unused) {
          throwing[0] = true;
          return null;
        }

        @Override
        public Void visitCatch(CatchTree tree, Void unused) {
          return null;
        }
      }.scan(loopPath, null);
      return throwing[0];
    }

    /**
     * True if {@code condition} tests only outside state: no local variable or parameter read
     * (outside calls' arguments), no clock or thread asked, no field the loop writes, and no field
     * the stop touches, read here or in the class's own methods it calls.
     */
    private boolean testsOutsideState(ExpressionTree condition, Set<Symbol> writtenInLoop) {
      return readsOnlyOutsideState(condition, writtenInLoop, 0, new HashSet<>(), true);
    }

    private boolean readsOnlyOutsideState(
        Tree tree,
        Set<Symbol> writtenInLoop,
        int depth,
        Set<MethodSymbol> followed,
        boolean localsCount) {
      boolean[] outside = {true};
      new TreeScanner<Void, Void>() {
        @Override
        public Void scan(Tree node, Void unused) {
          return outside[0] ? super.scan(node, null) : null;
        }

        @Override
        public Void visitIdentifier(IdentifierTree identifier, Void unused) {
          judge(getSymbol(identifier));
          return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree select, Void unused) {
          Symbol symbol = getSymbol(select);
          if (symbol instanceof VarSymbol) {
            judge(symbol);
          }
          return super.visitMemberSelect(select, null);
        }

        private void judge(@Nullable Symbol symbol) {
          if (!(symbol instanceof VarSymbol variable) || isSelfName(symbol)) {
            return;
          }
          if (variable.getKind() == ElementKind.FIELD) {
            if (writtenInLoop.contains(variable) || touched.contains(variable)) {
              outside[0] = false;
            }
          } else if (localsCount) {
            outside[0] = false; // the loop's own state: a counter, a deadline, an item it took
          }
        }

        @Override
        public Void visitNewClass(NewClassTree tree, Void unused) {
          // In the condition itself, a new object is the loop's own; in a method it calls, a
          // local value.
          outside[0] &= !localsCount;
          return localsCount ? null : super.visitNewClass(tree, null);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
          outside[0] &= !localsCount;
          return null;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (Polls.isLogging(call)) {
            return null; // a log line tests nothing
          }
          if (!(getSymbol(call) instanceof MethodSymbol method)
              || !(method.owner instanceof ClassSymbol owner)) {
            outside[0] = false;
            return null;
          }
          String ownerName = owner.getQualifiedName().toString();
          if (ownerName.equals("java.lang.System")
              || ownerName.equals("java.lang.Thread")
              || ownerName.startsWith("java.time.")) {
            outside[0] = false; // a clock, or the thread's own state
            return null;
          }
          // The receiver is read as the condition reads it; in the condition itself the arguments
          // are what is asked about (`appendAndWait(request)`), in a method it calls they are read.
          scan(call.getMethodSelect(), null);
          if (!localsCount) {
            scan(call.getArguments(), null);
          }
          if (isOnItself(getReceiver(call)) && outside[0]) {
            if (depth >= MAX_CALL_DEPTH) {
              outside[0] = false;
              return null;
            }
            if (followed.add(method)) {
              TreePath callee = CompiledSources.methodPath(method, state);
              Tree body = callee == null ? null : CodeUnits.bodyOf(callee.getLeaf());
              if (body == null
                  || !readsOnlyOutsideState(body, writtenInLoop, depth + 1, followed, false)) {
                outside[0] = false;
              }
            }
          }
          return null;
        }
      }.scan(tree, null);
      return outside[0];
    }

    /**
     * True if the tree, or a method of the compilation it calls ({@value #MAX_CALL_DEPTH} deep),
     * makes a call that throws {@code InterruptedException}: it waits.
     */
    private boolean waitsEachRound(Tree tree, int depth, Set<MethodSymbol> followed) {
      boolean[] waits = new boolean[1];
      new NestedCodeSkipper() {
        @Override
        public Void scan(Tree node, Void unused) {
          return waits[0] ? null : super.scan(node, null);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (Interrupts.throwsInterruptedException(call, state)) {
            waits[0] = true;
            return null;
          }
          if (depth < MAX_CALL_DEPTH
              && getSymbol(call) instanceof MethodSymbol method
              && followed.add(method)) {
            TreePath callee = CompiledSources.methodPath(method, state);
            Tree body = callee == null ? null : CodeUnits.bodyOf(callee.getLeaf());
            if (body != null && waitsEachRound(body, depth + 1, followed)) {
              waits[0] = true;
              return null;
            }
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(tree, null);
      return waits[0];
    }
  }
}
