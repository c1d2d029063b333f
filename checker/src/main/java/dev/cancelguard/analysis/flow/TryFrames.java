package dev.cancelguard.analysis.flow;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.flow.FactFlow.CatchEntry;
import dev.cancelguard.analysis.flow.FactFlow.ExitKind;
import dev.cancelguard.analysis.flow.FactFlow.Spec;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The exception model of the walk: the try statements around the current point, and how a path
 * leaves them. An exception goes to the first catch whose type takes it (a catch that only may take
 * it sees it too), or out through every enclosing {@code finally}; a return, break, continue or
 * yield passes through the {@code finally} blocks it leaves. Leaving a try block closes its
 * resources ({@link Spec#killedByLeaving}).
 */
final class TryFrames {
  /** A try statement being walked, and where in it the walk is. */
  static final class Frame {
    final TryTree tree;

    /** False in the try block (its catches and finally still ahead), true in its catches. */
    boolean inCatches;

    /** The states the exceptions routed so far enter each catch with. */
    final Map<CatchTree, PathState> catchEntries = new HashMap<>();

    Frame(TryTree tree) {
      this.tree = tree;
    }
  }

  private record FinallyKey(Tree block, long facts) {}

  private final Walker walker;
  private final Spec spec;
  private final VisitorState state;
  private List<Frame> frames = new ArrayList<>();
  private final Map<FinallyKey, @Nullable Long> finallyMemo = new HashMap<>();

  TryFrames(Walker walker, Spec spec, VisitorState state) {
    this.walker = walker;
    this.spec = spec;
    this.state = state;
  }

  /**
   * A try statement: its resources, its block (leaving it closes the resources), each catch with
   * the exceptions routed to it (and what {@code catchEntry} adds), then its finally.
   */
  @Nullable PathState walkTry(TryTree tryTree, PathState in, CatchEntry catchEntry) {
    Frame frame = enter(tryTree);
    PathState current = in;
    for (Tree resource : tryTree.getResources()) {
      current =
          switch (resource) {
            case VariableTree variable -> walker.scan(variable.getInitializer(), current);
            case ExpressionTree expression -> walker.scan(expression, current);
            default -> current;
          };
    }
    PathState blockOut = walker.walk(tryTree.getBlock(), current);
    PathState out = blockOut == null ? null : close(tryTree, blockOut, true);
    frame.inCatches = true;
    for (CatchTree catchTree : tryTree.getCatches()) {
      PathState entry = frame.catchEntries.get(catchTree);
      switch (catchEntry) {
        case TRY_ENTRY -> entry = PathState.join(entry, close(tryTree, in, false));
        case REACHABLE -> entry = PathState.join(entry, new PathState(0, null));
        case BY_TYPE -> {}
      }
      out = PathState.join(out, walker.walk(catchTree.getBlock(), entry));
    }
    exit();
    BlockTree finallyBlock = tryTree.getFinallyBlock();
    if (finallyBlock != null && out != null) {
      out = walker.walk(finallyBlock, out);
    }
    return out;
  }

  /** How many try statements are around the current point. */
  int depth() {
    return frames.size();
  }

  Frame enter(TryTree tryTree) {
    Frame frame = new Frame(tryTree);
    frames.add(frame);
    return frame;
  }

  void exit() {
    frames.removeLast();
  }

  /**
   * Leaves the try statements around the current point down to {@code depth} (0: all of them),
   * innermost first; null when a {@code finally} on the way never completes normally.
   */
  @Nullable PathState leaveTo(int depth, PathState in) {
    PathState current = in;
    for (int i = frames.size() - 1; i >= depth && current != null; i--) {
      current = crossFrame(i, current);
    }
    return current;
  }

  /** Sends an exception from the current point to the catch that takes it, or out. */
  void raise(@Nullable Type type, PathState in, Tree raisedAt, ExitKind kindIfOut) {
    PathState current = in;
    for (int i = frames.size() - 1; i >= 0; i--) {
      Frame frame = frames.get(i);
      if (!frame.inCatches) {
        current = close(frame.tree, current, true);
        if (type == null || routeToCatches(frame, type, current)) {
          return;
        }
      }
      if (frame.tree.getFinallyBlock() != null) {
        current = walkFinally(i, current);
        if (current == null) {
          return;
        }
      }
    }
    walker.record(kindIfOut, raisedAt, current);
  }

  /** Leaves frame {@code i} outward: its resources are closed, its finally runs. */
  private @Nullable PathState crossFrame(int i, PathState in) {
    Frame frame = frames.get(i);
    PathState current = in;
    if (!frame.inCatches) {
      current = close(frame.tree, current, true);
    }
    if (frame.tree.getFinallyBlock() != null) {
      current = walkFinally(i, current);
    }
    return current;
  }

  /**
   * Leaves a try block: its resources close, last first, each observed as it closes when {@code
   * observe}; then {@link Spec#killedByLeaving}.
   */
  private PathState close(TryTree tryTree, PathState in, boolean observe) {
    PathState current = in;
    List<? extends Tree> resources = tryTree.getResources();
    for (int i = resources.size() - 1; i >= 0; i--) {
      if (observe) {
        walker.observe(resources.get(i), current);
      }
      current = current.minus(spec.killedByClosing(resources.get(i)));
    }
    return current.minus(spec.killedByLeaving(tryTree));
  }

  /** Walks frame {@code i}'s finally block on its own, as entered by an abrupt completion. */
  private @Nullable PathState walkFinally(int i, PathState in) {
    Frame frame = frames.get(i);
    BlockTree finallyBlock = frame.tree.getFinallyBlock();
    FinallyKey key = new FinallyKey(finallyBlock, in.facts());
    if (finallyMemo.containsKey(key)) {
      Long facts = finallyMemo.get(key);
      return facts == null ? null : new PathState(facts, facts == 0 ? null : in.origin());
    }
    List<Frame> saved = frames;
    frames = new ArrayList<>(saved.subList(0, i));
    PathState out;
    try {
      out = walker.walk(finallyBlock, in);
    } finally {
      frames = saved;
    }
    finallyMemo.put(key, out == null ? null : out.facts());
    return out;
  }

  /** True if a catch of the frame certainly takes the type; catches that may take it see it too. */
  private boolean routeToCatches(Frame frame, Type type, PathState in) {
    for (CatchTree catchTree : frame.tree.getCatches()) {
      boolean certain = false;
      boolean possible = false;
      for (Type caught : Catches.caughtTypes(catchTree)) {
        certain |= isSubtype(type, caught, state);
        possible |= isSubtype(caught, type, state);
      }
      if (certain || possible) {
        frame.catchEntries.merge(catchTree, in, PathState::join);
      }
      if (certain) {
        return true;
      }
    }
    return false;
  }

  /** The exceptions a call or constructor call declares; none for code that does not compile. */
  static List<Type> declaredThrows(ExpressionTree tree) {
    if (!Expressions.isResolved(tree)) {
      return List.of(); // code that does not compile: nothing is known of the call
    }
    Symbol symbol = getSymbol(tree);
    if (tree instanceof AssignmentTree || symbol == null || symbol.type == null) {
      return List.of();
    }
    Type methodType =
        tree instanceof MethodInvocationTree call ? getType(call.getMethodSelect()) : symbol.type;
    return methodType == null ? List.of() : methodType.getThrownTypes();
  }
}
