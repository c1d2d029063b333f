package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.UnitCache;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A loop of a cancel target's work that can never end, not even on the interrupt: a task of the
 * executor (or the thread's body) runs a loop that {@link
 * UnstoppableTaskLoops#neverEndsOnTheInterrupt} says nothing ends ({@code while (true)} with no way
 * out, whose only cancellation point is a call whose {@code InterruptedException} a catch inside it
 * swallows, or that has none). An unbounded wait inserted for that work ({@code pool.close()},
 * {@code worker.join()}, a try-with-resources around the pool) never returns: {@code shutdown()}
 * interrupts nothing, and the interrupt {@code shutdownNow()} or {@code close()} sends is
 * swallowed.
 *
 * <p>The work read: the task bodies {@link TaskBodyFinder} finds in the file (lambdas, methods
 * named by reference, the entry points of task classes and anonymous classes), the entry points of
 * task classes of other files compiled here that it reads ({@link
 * TaskBodyFinder#wrappedElsewhere}), and the methods of the compilation they call, up to {@value
 * #MAX_CALL_DEPTH} calls deep. Code the file cannot see (a jar, a callback from outside) is not
 * read: the answer is "never ends" only where the loop is in sight.
 */
public final class NeverEndingTasks {
  /** How many calls deep the work is followed into the compilation. */
  static final int MAX_CALL_DEPTH = 2;

  /** How many methods one question reads, at most. */
  private static final int MAX_METHODS = 64;

  private static final UnitCache.Kind<CancelTarget.Key, Optional<TreePath>> FOUND =
      new UnitCache.Kind<>();

  private NeverEndingTasks() {}

  /**
   * The path of a loop of the target's work that can never end, not even on the interrupt; null
   * where none is in sight. Asked once per unit and target.
   */
  public static @Nullable TreePath loopThatNeverEnds(
      CancelTarget target, VisitorState state, CancelGuardOptions options) {
    if (target.kind() == CancelTarget.Kind.FUTURE) {
      return null; // a cancelled future is not waited for by these fixes
    }
    return UnitCache.get(
            FOUND,
            target.key(),
            state,
            key -> Optional.ofNullable(new Search(state, options).in(target)))
        .orElse(null);
  }

  /**
   * How a message names the loop: {@code the while loop of BatchLogRunnable.run() (line 52)}, with
   * the file's name where it is not the file being checked.
   */
  public static String describe(TreePath loop, VisitorState state) {
    String kind =
        switch (loop.getLeaf()) {
          case WhileLoopTree unused -> "while loop";
          case DoWhileLoopTree unused -> "do-while loop";
          default -> "for loop";
        };
    String where = "";
    TreePath codeUnit = Tasks.enclosingCodeUnit(loop);
    if (codeUnit != null && codeUnit.getLeaf() instanceof MethodTree method) {
      MethodSymbol symbol = getSymbol(method) instanceof MethodSymbol m ? m : null;
      String owner =
          symbol != null && symbol.owner instanceof ClassSymbol type && !type.isAnonymous()
              ? type.getSimpleName() + "."
              : "";
      where = " of " + owner + method.getName() + "()";
    } else if (codeUnit != null && codeUnit.getLeaf() instanceof LambdaExpressionTree) {
      where = " of a task lambda";
    }
    return "the " + kind + where + " (" + Lines.where(loop, state) + ")";
  }

  /** One question's walk over the work, with its own record of the methods read. */
  private static final class Search {
    private final VisitorState state;
    private final CancelGuardOptions options;
    private final Set<MethodSymbol> read = new HashSet<>();
    private final Deque<Root> pending = new ArrayDeque<>();

    private record Root(TreePath path, int depth) {}

    Search(VisitorState state, CancelGuardOptions options) {
      this.state = state;
      this.options = options;
    }

    @Nullable TreePath in(CancelTarget target) {
      TaskBodyFinder finder = TaskBodyFinder.found(target, state);
      CompilationUnitTree unit = state.getPath().getCompilationUnit();
      for (Tree body : finder.bodies) {
        addRoot(TreePath.getPath(unit, body), 0);
      }
      for (Tree body : finder.wrappedElsewhere) {
        if (getSymbol(body) instanceof MethodSymbol method) {
          addRoot(CompiledSources.methodPath(method, state), 0);
        } else {
          addRoot(TreePath.getPath(unit, body), 0);
        }
      }
      while (!pending.isEmpty()) {
        Root root = pending.removeFirst();
        TreePath found = scan(root);
        if (found != null) {
          return found;
        }
      }
      return null;
    }

    private void addRoot(@Nullable TreePath path, int depth) {
      if (path == null) {
        return;
      }
      if (path.getLeaf() instanceof ClassTree declared) {
        // An anonymous class or a task class: what the executor or thread calls.
        for (Tree entryPoint : TaskBodyFinder.entryPointsIn(declared)) {
          pending.addLast(new Root(new TreePath(path, entryPoint), depth));
        }
      } else {
        pending.addLast(new Root(path, depth));
      }
    }

    /** The first loop under {@code root} that never ends; the calls it makes are queued. */
    private @Nullable TreePath scan(Root root) {
      Tree start = root.path().getLeaf();
      TreePath[] found = new TreePath[1];
      new TreePathScanner<Void, Void>() {
        @Override
        public Void scan(Tree tree, Void unused) {
          return found[0] != null ? null : super.scan(tree, null);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
          // Another lambda runs when and where whoever gets it decides; the root itself is the
          // task.
          return lambda == start ? super.visitLambdaExpression(lambda, null) : null;
        }

        @Override
        public Void visitClass(ClassTree classTree, Void unused) {
          return null;
        }

        @Override
        public Void visitWhileLoop(WhileLoopTree loop, Void unused) {
          test();
          return super.visitWhileLoop(loop, null);
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree loop, Void unused) {
          test();
          return super.visitDoWhileLoop(loop, null);
        }

        @Override
        public Void visitForLoop(ForLoopTree loop, Void unused) {
          test();
          return super.visitForLoop(loop, null);
        }

        private void test() {
          TreePath loop = getCurrentPath();
          if (UnstoppableTaskLoops.neverEndsOnTheInterrupt(loop, state.withPath(loop), options)) {
            found[0] = loop;
          }
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (root.depth() < MAX_CALL_DEPTH
              && getSymbol(call) instanceof MethodSymbol method
              && read.size() < MAX_METHODS
              && read.add(method)) {
            TreePath callee = CompiledSources.methodPath(method, state);
            if (callee != null
                && callee.getLeaf() instanceof MethodTree declared
                && declared.getBody() != null) {
              pending.addLast(new Root(callee, root.depth() + 1));
            }
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(root.path(), null);
      return found[0];
    }
  }
}
