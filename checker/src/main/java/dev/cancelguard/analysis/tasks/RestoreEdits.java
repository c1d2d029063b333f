package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.tasks.RestorePlacement.Placement;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The edits that restore the interrupt flag in a catch of {@code InterruptedException}, one per
 * {@link RestorePlacement.Shape}: restore at once, record and restore after the loop, or restore
 * and leave the loop. Every check that restores in a catch makes these edits, so that two checks
 * fixing the same catch agree.
 */
public final class RestoreEdits {
  private static final String RESTORE = "Thread.currentThread().interrupt();";

  private RestoreEdits() {}

  /**
   * {@code boolean interrupted = false;} before the loop, {@code interrupted = true;} at the top of
   * the catch, and a {@code finally} around the loop that restores the flag when it is set.
   */
  public static SuggestedFix recordAndRestoreAfter(
      Placement placement,
      CatchTree catchTree,
      @Nullable String guard,
      TreePath codeUnit,
      VisitorState state,
      CancelGuardOptions options) {
    Tree statement = RestorePlacement.wrappable(placement.loop());
    // The statements after the loop that may fail when interrupted (a last put of an end marker,
    // the latch.await() that waits for what the loop started): restored before them, the flag
    // would make them throw or spin at once. The flag is restored after them instead.
    Tree last = lastStatementToWrap(placement.loop(), state, options);
    Tree end = last == null ? statement : last;
    Set<String> taken = LocalUses.declaredNames(codeUnit.getLeaf());
    // Another catch of the code unit may wrap an enclosing or an earlier loop of the same block
    // with its own flag: each loop gets a name of its own, so that both fixes together compile.
    int earlierLoops = loopsWithACatchBefore(placement.loop().getLeaf(), codeUnit);
    String flag = earlierLoops == 0 ? "interrupted" : "interrupted" + (earlierLoops + 1);
    for (int i = earlierLoops + 2; taken.contains(flag); i++) {
      flag = "interrupted" + i;
    }
    String indent = SourceEdits.indentationOf(statement, state);
    return SuggestedFix.builder()
        .prefixWith(statement, "boolean " + flag + " = false;\n" + indent + "try {\n" + indent)
        .postfixWith(
            end,
            "\n"
                + indent
                + "} finally {\n"
                + indent
                + "  if ("
                + flag
                + ") {\n"
                + indent
                + "    Thread.currentThread().interrupt();\n"
                + indent
                + "  }\n"
                + indent
                + "}")
        .merge(
            SourceEdits.insertFirst(catchTree.getBlock(), guarded(guard, flag + " = true;"), state))
        .build();
  }

  /**
   * The edit that restores the flag in a catch where nothing after it blocks again ({@link
   * RestorePlacement.Shape#RESTORE}): {@code Thread.currentThread().interrupt();} as the catch's
   * first statement — or its last, when the catch itself blocks (cleanup a restore at the top would
   * make throw at once) and {@code fallsThroughOnly} (every way out of the catch is its end);
   * guarded by {@code instanceof InterruptedException} where the catch also takes other exceptions
   * ({@link #restoreFor}). Null where no restore is safe or the parameter cannot be tested.
   *
   * <p>Every check that restores in a catch uses this edit, so that two checks fixing the same
   * catch make the same insertion at the same place, which Error Prone applies once, instead of
   * overlapping edits that make it drop the file's patch.
   */
  public static @Nullable SuggestedFix restoreInCatch(
      CatchTree catchTree,
      boolean fallsThroughOnly,
      VisitorState state,
      CancelGuardOptions options) {
    if (FailingCalls.mayFailIn(catchTree.getBlock(), state, options) != null) {
      String restore = restoreFor(catchTree, /* atTop= */ false, state);
      return fallsThroughOnly && restore != null
          ? SourceEdits.insertLast(catchTree.getBlock(), restore, state)
          : null;
    }
    String restore = restoreFor(catchTree, /* atTop= */ true, state);
    return restore == null ? null : SourceEdits.insertFirst(catchTree.getBlock(), restore, state);
  }

  /**
   * The statement that restores the flag in {@code catchTree}, on one line so that its first line
   * names the restore: {@code Thread.currentThread().interrupt();} where the catch takes interrupts
   * only; {@code if (e instanceof InterruptedException) { Thread.currentThread().interrupt(); }}
   * where its parameter can also hold other exceptions (a multi-catch, a catch of {@code
   * Exception}), whose arms must not set the flag of a thread nobody interrupted. Null where that
   * test cannot be written ({@link #interruptGuard}). {@code atTop}: the statement is the catch's
   * first, where nothing can have assigned the parameter yet.
   */
  public static @Nullable String restoreFor(
      CatchTree catchTree, boolean atTop, VisitorState state) {
    String guard = interruptGuard(catchTree, atTop, state);
    return "".equals(guard) ? null : guarded(guard, RESTORE);
  }

  /**
   * The test that the exception {@code catchTree} caught is an interrupt ({@code e instanceof
   * InterruptedException}): null when the catch takes interrupts only, "" when the test cannot be
   * written — the parameter is unnamed, or, for a test not at the top of the catch ({@code atTop}
   * false), the catch block may have assigned it by then, so that it no longer holds what was
   * caught.
   */
  public static @Nullable String interruptGuard(
      CatchTree catchTree, boolean atTop, VisitorState state) {
    List<Type> caught = Catches.caughtTypes(catchTree);
    if (caught.size() == 1
        && isSubtype(caught.getFirst(), Interrupts.interruptedExceptionType(state), state)) {
      return null;
    }
    String name = catchTree.getParameter().getName().toString();
    boolean unchanged =
        atTop
            || (getSymbol(catchTree.getParameter()) instanceof Symbol parameter
                && (parameter.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0);
    return name.equals("_") || name.isEmpty() || !unchanged
        ? ""
        : name + " instanceof InterruptedException";
  }

  /**
   * Restores the flag at the top of the catch and leaves the loop at its end; with a {@code guard}
   * (a test that the caught exception is an interrupt), both under it at the top.
   */
  public static SuggestedFix leaveTheLoop(
      Placement placement, CatchTree catchTree, @Nullable String guard, VisitorState state) {
    BlockTree block = catchTree.getBlock();
    String restore = RESTORE;
    if (guard != null || block.getStatements().isEmpty()) {
      return SourceEdits.insertFirst(
          block, guarded(guard, restore + " " + placement.leave()), state);
    }
    SuggestedFix.Builder fix =
        SuggestedFix.builder().merge(SourceEdits.insertFirst(block, restore, state));
    StatementTree last = block.getStatements().getLast();
    // The catch goes back round with `continue;`: that is the statement leaving replaces (a leave
    // added after it could never run, and javac rejects it as unreachable).
    if (last instanceof ContinueTree) {
      return fix.replace(last, placement.leave()).build();
    }
    return fix.merge(SourceEdits.insertLast(block, placement.leave(), state)).build();
  }

  /**
   * The statement after the loop at {@code loop} (or its label) to restore after: the last of the
   * statements after it in its block (up to a {@code return} or {@code throw}) that may fail when
   * interrupted ({@link FailingCalls#mayFailIn}); null if none does, or if one of the statements up
   * to it declares a variable that later statements use (wrapped in a {@code try}, it would go out
   * of their scope).
   */
  static @Nullable Tree lastStatementToWrap(
      TreePath loop, VisitorState state, CancelGuardOptions options) {
    Tree statement = RestorePlacement.wrappable(loop);
    TreePath path = loop;
    if (path.getParentPath().getLeaf() instanceof com.sun.source.tree.LabeledStatementTree) {
      path = path.getParentPath();
    }
    if (statement == null || !(path.getParentPath().getLeaf() instanceof BlockTree block)) {
      return null;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int from = statements.indexOf(statement);
    int last = -1;
    for (int i = from + 1; i < statements.size(); i++) {
      StatementTree next = statements.get(i);
      if (next.getKind() == Tree.Kind.RETURN || next.getKind() == Tree.Kind.THROW) {
        break;
      }
      if (FailingCalls.mayFailIn(next, state, options) != null) {
        last = i;
      }
    }
    if (last < 0) {
      return null;
    }
    Set<com.sun.tools.javac.code.Symbol> declared = new java.util.HashSet<>();
    for (int i = from + 1; i <= last; i++) {
      if (statements.get(i) instanceof com.sun.source.tree.VariableTree variable
          && getSymbol(variable) != null) {
        declared.add(getSymbol(variable));
      }
    }
    for (int i = last + 1; i < statements.size() && !declared.isEmpty(); i++) {
      boolean[] uses = new boolean[1];
      new com.sun.source.util.TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(com.sun.source.tree.IdentifierTree id, Void unused) {
          uses[0] |= declared.contains(getSymbol(id));
          return null;
        }
      }.scan(statements.get(i), null);
      if (uses[0]) {
        return null;
      }
    }
    return statements.get(last);
  }

  /**
   * How many loops of the code unit (not in nested code) that hold a catch start before {@code
   * loop}: those around it and those before it.
   */
  private static int loopsWithACatchBefore(Tree loop, TreePath codeUnit) {
    int[] count = new int[1];
    new NestedCodeSkipper() {
      @Override
      public Void scan(Tree node, Void unused) {
        if (node != null
            && node != loop
            && Loops.isLoop(node)
            && getStartPosition(node) < getStartPosition(loop)
            && NestedCodeSkipper.containsKind(node, Tree.Kind.CATCH)) {
          count[0]++;
        }
        return super.scan(node, null);
      }
    }.scan(
        switch (codeUnit.getLeaf()) {
          case MethodTree method -> method.getBody();
          case LambdaExpressionTree lambda -> lambda.getBody();
          default -> codeUnit.getLeaf();
        },
        null);
    return count[0];
  }

  private static String guarded(@Nullable String guard, String code) {
    return guard == null ? code : "if (" + guard + ") { " + code + " }";
  }
}
