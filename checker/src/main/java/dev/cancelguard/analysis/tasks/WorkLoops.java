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
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.trees.CompiledSources;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The loops of a cancel target's work, in the order a walk over the work meets them: the task
 * bodies {@link TaskBodyFinder} finds in the file (lambdas, methods named by reference, the entry
 * points of task classes and anonymous classes), the entry points of task classes of other files
 * compiled here that it reads ({@link TaskBodyFinder#wrappedElsewhere}), then the methods of the
 * compilation they call, breadth first, up to a given number of calls deep. Code the file cannot
 * see (a jar, a callback from outside) is not read, nor a lambda or class inside the work: that
 * code runs when and where whoever gets it decides.
 */
final class WorkLoops {
  /** How many methods one walk reads, at most. */
  private static final int MAX_METHODS = 64;

  private WorkLoops() {}

  /** The first loop of the work of {@code target} that {@code shape} accepts, or null. */
  static @Nullable TreePath first(
      CancelTarget target, VisitorState state, int maxCallDepth, Predicate<TreePath> shape) {
    return new Walk(state, maxCallDepth, shape).in(target);
  }

  /** One walk, with its own record of the methods read. */
  private static final class Walk {
    private final VisitorState state;
    private final int maxCallDepth;
    private final Predicate<TreePath> shape;
    private final Set<MethodSymbol> read = new HashSet<>();
    private final Deque<Root> pending = new ArrayDeque<>();

    private record Root(TreePath path, int depth) {}

    Walk(VisitorState state, int maxCallDepth, Predicate<TreePath> shape) {
      this.state = state;
      this.maxCallDepth = maxCallDepth;
      this.shape = shape;
    }

    @Nullable TreePath in(CancelTarget target) {
      TaskBodyFinder finder = TaskBodyFinder.found(target, state);
      CompilationUnitTree unit = state.getPath().getCompilationUnit();
      for (Tree body : finder.bodies) {
        add(TreePath.getPath(unit, body), 0);
      }
      for (Tree body : finder.wrappedElsewhere) {
        add(
            getSymbol(body) instanceof MethodSymbol method
                ? CompiledSources.methodPath(method, state)
                : TreePath.getPath(unit, body),
            0);
      }
      while (!pending.isEmpty()) {
        TreePath found = scan(pending.removeFirst());
        if (found != null) {
          return found;
        }
      }
      return null;
    }

    private void add(@Nullable TreePath path, int depth) {
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

    /** The first loop under {@code root} of the shape; the calls it makes are queued. */
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
          if (shape.test(loop)) {
            found[0] = loop;
          }
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (root.depth() < maxCallDepth
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
