package dev.cancelguard.analysis.flow;

import static com.google.errorprone.util.ASTHelpers.isSubtype;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import javax.lang.model.type.TypeMirror;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.ConditionalBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.ExceptionBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.SingleSuccessorBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.SpecialBlock;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.checkerframework.errorprone.dataflow.cfg.node.MarkerNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.ThrowNode;
import org.jspecify.annotations.Nullable;

/**
 * The control flow graph of one method or lambda body (Error Prone's dataflow CFG, with its
 * exception edges and its copies of {@code finally} blocks), and the path questions the checks ask
 * of it: from a point, is the code unit left, or a given call reached, on some path that passes no
 * statement settling the matter?
 *
 * <p>A graph is built on demand, only for code that already passed a check's cheap tests, and never
 * kept beyond the question.
 */
public final class FlowGraph {
  /** How a path leaves the code unit. */
  public enum Exit {
    /** Through a return, or off the end of the body. */
    RETURNS,
    /** By an exception. */
    THROWS
  }

  private final ControlFlowGraph cfg;

  private FlowGraph(ControlFlowGraph cfg) {
    this.cfg = cfg;
  }

  /**
   * The graph of a method or lambda ({@code codeUnit}, as from {@link
   * dev.cancelguard.analysis.tasks.Tasks#enclosingCodeUnit}); null when it has no body or the graph
   * cannot be built (the question then has no answer and the check reports nothing).
   */
  public static @Nullable FlowGraph of(TreePath codeUnit, VisitorState state) {
    ClassTree enclosingClass = null;
    MethodTree enclosingMethod = null;
    for (TreePath p = codeUnit.getParentPath(); p != null; p = p.getParentPath()) {
      if (enclosingMethod == null && p.getLeaf() instanceof MethodTree method) {
        enclosingMethod = method;
      }
      if (p.getLeaf() instanceof ClassTree classTree) {
        enclosingClass = classTree;
        break;
      }
    }
    UnderlyingAST ast;
    Tree body;
    switch (codeUnit.getLeaf()) {
      case MethodTree method when method.getBody() != null -> {
        ast = new UnderlyingAST.CFGMethod(method, enclosingClass);
        body = method.getBody();
      }
      case LambdaExpressionTree lambda -> {
        ast = new UnderlyingAST.CFGLambda(lambda, enclosingClass, enclosingMethod);
        body = lambda.getBody();
      }
      default -> {
        return null;
      }
    }
    if (enclosingClass == null) {
      return null;
    }
    try {
      return new FlowGraph(
          CFGBuilder.build(
              new TreePath(codeUnit, body),
              ast,
              /* assumeAssertionsEnabled= */ false,
              /* assumeAssertionsDisabled= */ false,
              JavacProcessingEnvironment.instance(state.context)));
    } catch (RuntimeException | AssertionError e) {
      // The graph builder does not know every construct of every JDK (and asserts on some when
      // javac runs with -ea): no graph, no finding, never a crash.
      return null;
    }
  }

  /**
   * Follows the paths on which {@code call} throws an exception of type {@code thrown} (to the
   * catch that receives it, or through the {@code finally} blocks out of the code unit) and returns
   * how the first one found leaves the code unit without passing a node whose tree {@code settles}
   * accepts; null when every such path is settled or never leaves.
   *
   * <p>Along the way only normal edges and explicit {@code throw}s are followed: an unchecked
   * exception that any call might throw is not a path worth reporting. {@code infeasible} prunes
   * branches: it gets a branch condition and the branch taken ({@code true} for the then-branch).
   */
  public @Nullable Exit exitAfterThrow(
      Tree call,
      Type thrown,
      Predicate<Tree> settles,
      BiPredicate<Tree, Boolean> infeasible,
      VisitorState state) {
    Search search = new Search(settles, infeasible, /* allExceptionEdges= */ false);
    for (Node node : nodesOf(call)) {
      if (!(node.getBlock() instanceof ExceptionBlock exceptionBlock)) {
        continue;
      }
      for (Map.Entry<TypeMirror, Set<Block>> edge :
          exceptionBlock.getExceptionalSuccessors().entrySet()) {
        if (edge.getKey() instanceof Type type && isSubtype(type, thrown, state)) {
          edge.getValue().forEach(block -> search.push(block, 0, null));
        }
      }
    }
    return search.run(null);
  }

  /**
   * True if some path from just after {@code from} reaches {@code target} without passing a node
   * whose tree {@code blocks} accepts. Every edge is followed, exceptional ones included.
   */
  public boolean reaches(Tree from, Tree target, Predicate<Tree> blocks) {
    Search search = new Search(blocks, (condition, branch) -> false, /* allExceptionEdges= */ true);
    for (Node node : nodesOf(from)) {
      Block block = node.getBlock();
      if (block == null) {
        continue;
      }
      int index = block.getNodes().indexOf(node);
      if (index < block.getNodes().size() - 1) {
        search.push(block, index + 1, node);
      } else if (block instanceof SingleSuccessorBlock single) {
        // The normal way on; the start's own exceptions are not paths from "after" it.
        search.push(single.getSuccessor(), 0, node);
      }
    }
    return search.run(target) != null;
  }

  /**
   * Follows the paths that go on normally from just after {@code from} and returns how the first
   * one found leaves the code unit without passing a node whose tree {@code settles} accepts; null
   * when every such path is settled or never leaves. Edges are followed as in {@link
   * #exitAfterThrow}; {@code infeasible} prunes branches the same way.
   */
  public @Nullable Exit exitAfter(
      Tree from, Predicate<Tree> settles, BiPredicate<Tree, Boolean> infeasible) {
    Search search = new Search(settles, infeasible, /* allExceptionEdges= */ false);
    boolean started = false;
    for (Node node : nodesOf(from)) {
      Block block = node.getBlock();
      if (block == null) {
        continue;
      }
      started = true;
      int index = block.getNodes().indexOf(node);
      if (index < block.getNodes().size() - 1) {
        search.push(block, index + 1, node);
      } else if (block instanceof SingleSuccessorBlock single) {
        search.push(single.getSuccessor(), 0, node);
      }
    }
    // A point the graph does not hold: no answer, so nothing is taken as settled.
    return started ? search.run(null) : Exit.RETURNS;
  }

  private Set<Node> nodesOf(Tree tree) {
    // The nodes of the tree itself, not of a boxing or unboxing conversion applied to its value.
    Set<Node> nodes = cfg.getTreeLookup().get(tree);
    return nodes == null ? Set.of() : nodes;
  }

  /** A depth-first walk over blocks; each block is entered from its start at most once. */
  private static final class Search {
    private final Predicate<Tree> stops;
    private final BiPredicate<Tree, Boolean> infeasible;
    private final boolean allExceptionEdges;
    private final Deque<Position> work = new ArrayDeque<>();
    private final Set<Block> entered = new HashSet<>();

    Search(
        Predicate<Tree> stops, BiPredicate<Tree, Boolean> infeasible, boolean allExceptionEdges) {
      this.stops = stops;
      this.infeasible = infeasible;
      this.allExceptionEdges = allExceptionEdges;
    }

    /** {@code previous} is the last node evaluated before {@code block}: a branch's condition. */
    void push(@Nullable Block block, int index, @Nullable Node previous) {
      if (block == null || (index == 0 && !entered.add(block))) {
        return;
      }
      work.push(new Position(block, index, previous));
    }

    /**
     * Runs the walk. With a target, returns {@link Exit#RETURNS} when a node of the target is
     * reached (the exit kind is then meaningless); without one, returns the first exit reached.
     */
    @Nullable Exit run(@Nullable Tree target) {
      while (!work.isEmpty()) {
        Position position = work.pop();
        Block block = position.block();
        if (block instanceof SpecialBlock special) {
          switch (special.getSpecialType()) {
            case EXIT -> {
              if (target == null) {
                return Exit.RETURNS;
              }
            }
            case EXCEPTIONAL_EXIT -> {
              if (target == null) {
                return Exit.THROWS;
              }
            }
            case ENTRY -> push(special.getSuccessor(), 0, null);
          }
          continue;
        }
        List<Node> nodes = block.getNodes();
        Node last = position.previous();
        boolean stopped = false;
        for (int i = position.index(); i < nodes.size() && !stopped; i++) {
          Node node = nodes.get(i);
          Tree tree = node.getTree();
          if (tree != null && target != null && tree == target) {
            return Exit.RETURNS;
          }
          stopped = tree != null && stops.test(tree);
          last = node;
        }
        if (stopped) {
          continue;
        }
        switch (block) {
          case ConditionalBlock conditional -> {
            Tree condition = last == null ? null : last.getTree();
            if (condition == null || !infeasible.test(condition, true)) {
              push(conditional.getThenSuccessor(), 0, null);
            }
            if (condition == null || !infeasible.test(condition, false)) {
              push(conditional.getElseSuccessor(), 0, null);
            }
          }
          case ExceptionBlock exceptional -> {
            push(exceptional.getSuccessor(), 0, last);
            // A throw statement, or the end of a finally block entered by an exception, which
            // passes the exception on.
            if (allExceptionEdges
                || exceptional.getNode() instanceof ThrowNode
                || exceptional.getNode() instanceof MarkerNode) {
              for (Set<Block> handlers : exceptional.getExceptionalSuccessors().values()) {
                handlers.forEach(handler -> push(handler, 0, null));
              }
            }
          }
          case SingleSuccessorBlock single -> push(single.getSuccessor(), 0, last);
          default -> {}
        }
      }
      return null;
    }
  }

  private record Position(Block block, int index, @Nullable Node previous) {}
}
