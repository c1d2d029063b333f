package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.ErrorProneEndPosTable;
import com.google.errorprone.fixes.Replacement;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.tasks.SubtaskGroup.Member;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What ExecutorNeverShutdown reports about a pool a code unit creates, and the fix it offers: the
 * work wrapped in try-with-resources where {@code close()} exists, otherwise in try/finally with
 * the shutdown. The wrap is made of edits at the edges of the wrapped code only (the declaration
 * turned into the resource, {@code try {} inserted above the first wrapped statement, {@code }
 * finally { .. }} and {@code }} inserted below the work), never a rewritten copy of it: another
 * check's edit inside that code (a restore in a catch, a cancel after a timed {@code get}) then
 * touches none of the pool's edits, and Error Prone applies both. When OrphanedSubtasks' fix for
 * the same code unit would not nest in the wrap ({@link #conflict}: its {@code finally} after the
 * pool's, or at the same point), the pool's fix takes it over: its finally also cancels those
 * sub-tasks, before the pool is shut down, and OrphanedSubtasks offers no fix of its own for that
 * finding ({@link #poolFixCovering}). Both checks ask this class, so they agree on which finding
 * carries the edit.
 */
public final class PoolFixes {
  private PoolFixes() {}

  /** How a pool of this code unit is left running. */
  public enum Case {
    /** Never shut down, closed or handed on. */
    NEVER_SHUT_DOWN,
    /** Shut down on the normal path only. */
    SHUT_DOWN_ON_SOME_PATHS
  }

  /**
   * ExecutorNeverShutdown's finding about a pool.
   *
   * @param exit for {@link Case#SHUT_DOWN_ON_SOME_PATHS}, the first way out with the pool running
   * @param neverEnding a loop of the pool's tasks that nothing ends (then no fix that waits)
   * @param fix the fix offered, or null
   * @param folded the OrphanedSubtasks finding of the same code unit whose cancels the fix takes
   *     over, or null
   * @param heldBack the fix is not offered because OrphanedSubtasks' fix edits the same code and
   *     the two cannot be joined: the sub-tasks' fix goes first
   */
  public record Decision(
      Case kind,
      FactFlow.@Nullable Exit exit,
      boolean closeAvailable,
      @Nullable TreePath neverEnding,
      @Nullable SuggestedFix fix,
      OrphanFindings.@Nullable Finding folded,
      boolean heldBack) {}

  /** The pool whose fix covers an OrphanedSubtasks finding: its name and declaration's line. */
  public record CoveringPool(String name, long line) {}

  /**
   * ExecutorNeverShutdown's finding about the local pool {@code declaration} declares, or null when
   * there is none. {@code state} stands at the declaration.
   */
  public static @Nullable Decision decide(
      VariableTree declaration, VisitorState state, CancelGuardOptions options) {
    // Cheap test first: only a variable initialized with a new pool.
    if (!Ownership.isExecutorCreation(declaration.getInitializer(), state)) {
      return null;
    }
    // Fields are shut down by the class's own lifecycle; only locals are judged here.
    if (!(getSymbol(declaration) instanceof VarSymbol local) || !Ownership.isLocal(local)) {
      return null;
    }
    TreePath parent = state.getPath().getParentPath();
    // A resource of try-with-resources is closed by it.
    if (parent.getLeaf() instanceof TryTree) {
      return null;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    TreePath scope = codeUnit != null ? codeUnit : parent;
    Set<Ownership.Fate> fates = Ownership.fatesOfLocalExecutor(local, scope, state);
    boolean closeAvailable = WaitFixes.executorCloseAvailable(state);
    // Shut down here and never handed on: is it shut down on every path?
    if (fates.equals(Set.of(Ownership.Fate.TERMINATED)) && codeUnit != null) {
      FactFlow.Exit exit = PoolShutdownPaths.exitWithPoolRunning(local, codeUnit, state);
      // Shut down on every path out.
      if (exit == null) {
        return null;
      }
      // close() would wait for a task that never ends; moving the method's own shutdown into a
      // finally adds no wait.
      TreePath neverEnding = closeAvailable ? loopThatNeverEnds(local, state, options) : null;
      if (neverEnding != null) {
        return new Decision(
            Case.SHUT_DOWN_ON_SOME_PATHS, exit, true, neverEnding, null, null, false);
      }
      return withFix(
          Case.SHUT_DOWN_ON_SOME_PATHS,
          exit,
          closeAvailable,
          codeUnit,
          fold ->
              closeAvailable
                  ? fix(declaration, local, parent, true, fold, state)
                  : finallyFix(declaration, local, parent, fold, state),
          state,
          options);
    }
    // Shut down, closed, or handed on (returned, stored, passed): not this method's leak.
    if (!fates.isEmpty()) {
      return null;
    }
    TreePath neverEnding = loopThatNeverEnds(local, state, options);
    if (neverEnding != null) {
      return new Decision(
          Case.NEVER_SHUT_DOWN, null, closeAvailable, neverEnding, null, null, false);
    }
    return withFix(
        Case.NEVER_SHUT_DOWN,
        null,
        closeAvailable,
        codeUnit,
        fold -> fix(declaration, local, parent, closeAvailable, fold, state),
        state,
        options);
  }

  private interface FixBuilder {
    @Nullable SuggestedFix build(OrphanFindings.@Nullable Finding fold);
  }

  /**
   * The pool's own fix; or, where OrphanedSubtasks' fix for the same code unit would not nest in
   * it, the fix that also cancels those sub-tasks (none when the code does not let the two be
   * joined).
   */
  private static Decision withFix(
      Case kind,
      FactFlow.@Nullable Exit exit,
      boolean closeAvailable,
      @Nullable TreePath codeUnit,
      FixBuilder builder,
      VisitorState state,
      CancelGuardOptions options) {
    SuggestedFix own = builder.build(null);
    if (own == null || codeUnit == null) {
      return new Decision(kind, exit, closeAvailable, null, own, null, false);
    }
    OrphanFindings.Finding orphans = OrphanFindings.of(codeUnit, state.withPath(codeUnit), options);
    SuggestedFix theirs =
        orphans == null ? null : orphans.ownFix(state.withPath(codeUnit)).orElse(null);
    if (theirs == null || !conflict(own, theirs, state)) {
      return new Decision(kind, exit, closeAvailable, null, own, null, false);
    }
    SuggestedFix joined = builder.build(orphans);
    return joined == null
        ? new Decision(kind, exit, closeAvailable, null, null, null, true)
        : new Decision(kind, exit, closeAvailable, null, joined, orphans, false);
  }

  /**
   * The local pool of this code unit whose fix takes over its OrphanedSubtasks finding, or null.
   * {@code state} stands at the code unit.
   */
  public static @Nullable CoveringPool poolFixCovering(
      TreePath unitPath, VisitorState state, CancelGuardOptions options) {
    Tree body =
        switch (unitPath.getLeaf()) {
          case com.sun.source.tree.MethodTree method -> method.getBody();
          case LambdaExpressionTree lambda when lambda.getBody() instanceof BlockTree block ->
              block;
          default -> null;
        };
    if (body == null) {
      return null;
    }
    CoveringPool[] found = new CoveringPool[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (found[0] == null
            && Ownership.isExecutorCreation(variable.getInitializer(), state)
            && Tasks.enclosingCodeUnit(getCurrentPath()) != null
            && Tasks.enclosingCodeUnit(getCurrentPath()).getLeaf() == unitPath.getLeaf()) {
          Decision decision = decide(variable, state.withPath(getCurrentPath()), options);
          if (decision != null && decision.fix() != null && decision.folded() != null) {
            found[0] = new CoveringPool(variable.getName().toString(), Lines.of(variable, state));
          }
        }
        return super.visitVariable(variable, unused);
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null; // another class's code units
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null; // another code unit
      }
    }.scan(new TreePath(unitPath, body), null);
    return found[0];
  }

  /**
   * Whether Error Prone could not apply both fixes, or applied together they would not nest: the
   * pool's fix is made of edits at the edges of the code it wraps (the declaration, {@code try {}
   * above the first wrapped statement, {@code } finally { .. }} below the work, {@code }} below the
   * last), and the other fix must keep all its edits within one gap between two of them (or before
   * the first, or after the last), not at a point where the pool's fix inserts other text. An edit
   * inside the wrapped code (a restore in a catch, a cancel before a throw, a {@code try} and its
   * {@code finally} around some of the statements) then lands inside the new {@code try} as it
   * landed in the code. The same edit in both is applied once.
   */
  private static boolean conflict(SuggestedFix pool, SuggestedFix other, VisitorState state) {
    ErrorProneEndPosTable ends = ErrorProneEndPosTable.create(state.getPath().getCompilationUnit());
    List<Replacement> edges =
        pool.getReplacements(ends).stream()
            .sorted(java.util.Comparator.comparingInt(Replacement::startPosition))
            .toList();
    Set<Replacement> shared = new HashSet<>(edges);
    int gap = -1;
    for (Replacement edit : other.getReplacements(ends)) {
      if (shared.contains(edit)) {
        continue;
      }
      int before = 0;
      for (Replacement edge : edges) {
        boolean insertions =
            edge.startPosition() == edge.endPosition()
                && edit.startPosition() == edit.endPosition();
        if (insertions && edge.startPosition() == edit.startPosition()) {
          return true; // two texts inserted at one point
        }
        if (edge.endPosition() <= edit.startPosition()
            && !(edge.startPosition() == edit.startPosition()
                && edit.endPosition() > edit.startPosition())) {
          before++;
        } else if (edge.startPosition() < edit.endPosition()) {
          return true; // the edit and the edge share text, or the edit spans the edge
        }
      }
      if (gap >= 0 && gap != before) {
        return true; // the other fix opens in one part of the wrap and closes in another
      }
      gap = before;
    }
    return false;
  }

  /**
   * Where the joined fix's try starts: after the pool's declaration and the sub-tasks' declarations
   * that follow it (they must stay in scope for the finally), or -1 when the code is not that
   * shape: a sub-task declared elsewhere than this block, another statement among those
   * declarations, a way out the sub-tasks leak on outside the wrapped statements.
   */
  private static int firstFoldedStatement(
      List<? extends StatementTree> statements,
      int index,
      int last,
      OrphanFindings.Finding fold,
      VisitorState state) {
    int from = index + 1;
    for (Member member : fold.group().members.values()) {
      int at = statements.indexOf(member.declaration());
      if (at < 0 || member.declaration().getInitializer() == null) {
        return -1;
      }
      from = Math.max(from, at + 1);
    }
    for (int i = index + 1; i < from; i++) {
      StatementTree statement = statements.get(i);
      if (fold.group().members.values().stream().noneMatch(m -> m.declaration() == statement)) {
        return -1;
      }
    }
    if (from > last) {
      return -1;
    }
    int start = getStartPosition(statements.get(from));
    int end = state.getEndPosition(statements.get(last));
    for (Exit exit : fold.exits()) {
      int origin = getStartPosition(exit.origin());
      if (origin < start || origin >= end) {
        return -1;
      }
    }
    return from;
  }

  /** Each line of {@code lines} after {@code prefix}. */
  private static String indented(String lines, String prefix) {
    StringBuilder out = new StringBuilder();
    for (String line : lines.split("\n")) {
      if (!line.isBlank()) {
        out.append(prefix).append(line.strip()).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * A loop of the pool's tasks that never ends, not even on the interrupt ({@link
   * NeverEndingTasks}): closing the pool, or shutting it down and waiting, in this method would
   * wait for it forever (or for the whole timeout, every time).
   */
  private static @Nullable TreePath loopThatNeverEnds(
      VarSymbol local, VisitorState state, CancelGuardOptions options) {
    CancelTarget target =
        CancelTarget.ofVariable(
            CancelTarget.Kind.EXECUTOR, local, state.getPath().getCompilationUnit());
    return NeverEndingTasks.loopThatNeverEnds(target, state, options);
  }

  /**
   * Wraps the declaration and the statements that use the pool: in try-with-resources where {@code
   * close()} exists, otherwise in try/finally with shutdown and awaitTermination.
   */
  private static @Nullable SuggestedFix fix(
      VariableTree declaration,
      VarSymbol local,
      TreePath parent,
      boolean closeAvailable,
      OrphanFindings.@Nullable Finding fold,
      VisitorState state) {
    if (!(parent.getLeaf() instanceof BlockTree block)) {
      return null; // a case of an old-style switch, a lambda body: no block to wrap
    }
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf(declaration);
    if (index < 0) {
      return null;
    }
    int last = lastStatementToWrap(statements, index, local);
    int from =
        fold == null ? index + 1 : firstFoldedStatement(statements, index, last, fold, state);
    if (from < 0) {
      return null;
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String cancels = fold == null ? "" : fold.cancels(fix, state);
    CharSequence source = state.getSourceCode();
    int declarationStart = getStartPosition(declaration);
    int declarationEnd = state.getEndPosition(declaration);
    String indent = SourceEdits.indentation(source, declarationStart);
    if (indent == null || declarationEnd < 0) {
      return null;
    }
    Type type = getType(declaration);
    Type autoCloseable = state.getSymtab().autoCloseableType;
    Type executorService = state.getTypeFromString("java.util.concurrent.ExecutorService");
    StatementTree lastWrapped = statements.get(last);
    if (closeAvailable && type != null && isSubtype(type, autoCloseable, state)) {
      String header = source.subSequence(declarationStart, declarationEnd).toString().strip();
      if (header.endsWith(";")) {
        header = header.substring(0, header.length() - 1).strip();
      }
      // The declaration becomes the resource; the statements after it stay as they are.
      fix.replace(declarationStart, declarationEnd, "try (" + header + ") {");
      if (fold == null) {
        return fix.merge(SourceEdits.insertLinesBelow(lastWrapped, indent + "}\n", state)).build();
      }
      // The sub-tasks are cancelled in a finally inside the try-with-resources: the pool's
      // close() runs after it, and waits for tasks already told to stop.
      int declarationsEnd =
          from > index + 1 ? state.getEndPosition(statements.get(from - 1)) : declarationEnd;
      int innerStart = SourceEdits.lineStart(source, getStartPosition(statements.get(from)));
      if (innerStart <= declarationsEnd) {
        return null; // the first wrapped statement shares a line with a declaration
      }
      return fix.merge(SourceEdits.insertLinesAbove(statements.get(from), "try {\n", state))
          .merge(
              SourceEdits.insertLinesBelow(
                  lastWrapped,
                  indent
                      + "} finally {\n"
                      + indented(cancels, indent + "  ")
                      + indent
                      + "}\n"
                      + indent
                      + "}\n",
                  state))
          .build();
    }
    if (type == null
        || executorService == null
        || !isSubtype(type, executorService, state)
        || last == index) {
      return null;
    }
    int firstStart = getStartPosition(statements.get(from));
    int lineStart = SourceEdits.lineStart(source, firstStart);
    if (lineStart <= state.getEndPosition(statements.get(from - 1))) {
      return null; // the next statement shares the declaration's line
    }
    String name = local.getSimpleName().toString();
    boolean checkResult = readsTaskResultsAfter(statements, last, local, state);
    String wait =
        WaitFixes.waitStatement(
            CancelTarget.Kind.EXECUTOR,
            name,
            declaration,
            state.getPath(),
            checkResult,
            fix,
            state);
    return fix.merge(SourceEdits.insertLinesAbove(statements.get(from), "try {\n", state))
        .merge(
            SourceEdits.insertLinesBelow(
                lastWrapped,
                indent
                    + "} finally {\n"
                    + indented(cancels, indent + "  ")
                    + indent
                    + "  "
                    + name
                    + ".shutdown();\n"
                    + indent
                    + "  "
                    + wait
                    + "\n"
                    + indent
                    + "}\n",
                state))
        .build();
  }

  /**
   * Before JDK 19 (no {@code close()}): the statements between the declaration and the shutdown go
   * into a try block, and the shutdown statements that follow the work (plain calls on the pool:
   * {@code shutdown()}, {@code awaitTermination(..)}, ...) move into its finally block. No fix when
   * the shutdown is not such a run of statements in the declaration's block, or when moving them
   * would take a variable out of scope.
   */
  private static @Nullable SuggestedFix finallyFix(
      VariableTree declaration,
      VarSymbol local,
      TreePath parent,
      OrphanFindings.@Nullable Finding fold,
      VisitorState state) {
    if (!(parent.getLeaf() instanceof BlockTree block)) {
      return null;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf(declaration);
    if (index < 0) {
      return null;
    }
    int first = -1;
    for (int i = index + 1; i < statements.size() && first < 0; i++) {
      if (callOnPool(statements.get(i), local) instanceof MethodInvocationTree call
          && ExecutorShutdowns.isShutdown(call, state)) {
        first = i;
      }
    }
    if (first <= index + 1) {
      return null;
    }
    int last = first;
    while (last + 1 < statements.size() && callOnPool(statements.get(last + 1), local) != null) {
      last++;
    }
    Set<Symbol> declared = new HashSet<>();
    for (int i = index + 1; i < first; i++) {
      if ((statements.get(i) instanceof VariableTree || statements.get(i) instanceof ClassTree)
          && getSymbol(statements.get(i)) != null) {
        declared.add(getSymbol(statements.get(i)));
      }
    }
    for (int i = first; i < statements.size(); i++) {
      if (mentions(statements.get(i), declared)
          || (i > last && mentions(statements.get(i), Set.of(local)))) {
        return null; // a variable of the work read later, or the pool used after its shutdown
      }
    }
    int from =
        fold == null ? index + 1 : firstFoldedStatement(statements, index, first - 1, fold, state);
    if (from < 0) {
      return null;
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String cancels = fold == null ? "" : fold.cancels(fix, state);
    CharSequence source = state.getSourceCode();
    String indent = SourceEdits.indentation(source, getStartPosition(declaration));
    int lineStart = SourceEdits.lineStart(source, getStartPosition(statements.get(from)));
    if (indent == null
        || lineStart <= state.getEndPosition(statements.get(from - 1))
        || state.getEndPosition(statements.get(first - 1)) < 0
        || state.getEndPosition(statements.get(last)) < 0) {
      return null;
    }
    // The shutdown statements stay where they are: `} finally {` goes in above them.
    return fix.merge(SourceEdits.insertLinesAbove(statements.get(from), "try {\n", state))
        .merge(
            SourceEdits.insertLinesBelow(
                statements.get(first - 1),
                indent + "} finally {\n" + indented(cancels, indent + "  "),
                state))
        .merge(SourceEdits.insertLinesBelow(statements.get(last), indent + "}\n", state))
        .build();
  }

  /** {@code pool.anything(..);} as a statement, or null. */
  private static @Nullable MethodInvocationTree callOnPool(
      StatementTree statement, VarSymbol pool) {
    return statement instanceof ExpressionStatementTree expression
            && expression.getExpression() instanceof MethodInvocationTree call
            && getReceiver(call) != null
            && pool.equals(getSymbol(Expressions.strip(getReceiver(call))))
        ? call
        : null;
  }

  /**
   * The last statement that uses the pool, extended so that no variable or class declared inside
   * the wrapped statements is used after them.
   */
  private static int lastStatementToWrap(
      List<? extends StatementTree> statements, int index, VarSymbol local) {
    int last = index;
    for (int i = index + 1; i < statements.size(); i++) {
      if (mentions(statements.get(i), Set.of(local))) {
        last = i;
      }
    }
    boolean grown = true;
    while (grown) {
      grown = false;
      Set<Symbol> declared = new HashSet<>();
      for (int i = index + 1; i <= last; i++) {
        Symbol symbol = getSymbol(statements.get(i));
        if (statements.get(i) instanceof VariableTree || statements.get(i) instanceof ClassTree) {
          if (symbol != null) {
            declared.add(symbol);
          }
        }
      }
      for (int i = statements.size() - 1; i > last; i--) {
        if (mentions(statements.get(i), declared)) {
          last = i;
          grown = true;
          break;
        }
      }
    }
    return last;
  }

  private static boolean mentions(Tree tree, Set<? extends Symbol> symbols) {
    if (symbols.isEmpty()) {
      return false;
    }
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        found[0] |= symbols.contains(getSymbol(identifier));
        return null;
      }
    }.scan(tree, null);
    return found[0];
  }

  /** True if a statement after the wrapped ones reads something the pool's tasks write. */
  private static boolean readsTaskResultsAfter(
      List<? extends StatementTree> statements, int last, VarSymbol local, VisitorState state) {
    CancelTarget target =
        CancelTarget.ofVariable(
            CancelTarget.Kind.EXECUTOR, local, state.getPath().getCompilationUnit());
    TaskUses uses = TaskUses.of(target, state);
    boolean[] found = new boolean[1];
    for (int i = last + 1; i < statements.size(); i++) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree identifier, Void unused) {
          found[0] |= uses.writes(getSymbol(identifier)) || uses.uses(getSymbol(identifier));
          return null;
        }
      }.scan(statements.get(i), null);
    }
    return found[0];
  }
}
