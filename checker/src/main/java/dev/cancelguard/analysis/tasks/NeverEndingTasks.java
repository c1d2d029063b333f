package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.UnitCache;
import java.util.Optional;
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
 * <p>The work read is {@link WorkLoops}', up to {@value #MAX_CALL_DEPTH} calls deep. Code the file
 * cannot see (a jar, a callback from outside) is not read: the answer is "never ends" only where
 * the loop is in sight.
 */
public final class NeverEndingTasks {
  /** How many calls deep the work is followed into the compilation. */
  static final int MAX_CALL_DEPTH = 2;

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
            key ->
                Optional.ofNullable(
                    WorkLoops.first(
                        target,
                        state,
                        MAX_CALL_DEPTH,
                        loop ->
                            UnstoppableTaskLoops.neverEndsOnTheInterrupt(
                                loop, state.withPath(loop), options))))
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
}
