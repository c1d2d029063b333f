package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.tasks.CancelTarget;
import dev.cancelguard.analysis.tasks.ExecutorShutdowns;
import dev.cancelguard.analysis.tasks.NeverEndingTasks;
import dev.cancelguard.analysis.tasks.Ownership;
import dev.cancelguard.analysis.tasks.PoolShutdownPaths;
import dev.cancelguard.analysis.tasks.TaskUses;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.tasks.WaitFixes;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/** An executor created in a method, kept there, and never shut down or closed. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "An executor created here never leaves this method and is never shut down or closed: its"
            + " threads outlive the method",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "ExecutorNeverShutdown.md")
public final class ExecutorNeverShutdown extends CancelGuardChecker
    implements VariableTreeMatcher, MethodInvocationTreeMatcher {
  private static final String CONSEQUENCE =
      " Its threads keep running after the method returns (pool threads are not daemons: the JVM"
          + " cannot exit) and nobody waits for its tasks.";

  private final CancelGuardOptions options;

  /** The constructor Error Prone uses when no flags are in play. */
  public ExecutorNeverShutdown() {
    this(CancelGuardOptions.defaults());
  }

  @Inject
  ExecutorNeverShutdown(ErrorProneFlags flags) {
    this(CancelGuardOptions.fromFlags(flags));
  }

  private ExecutorNeverShutdown(CancelGuardOptions options) {
    this.options = options;
  }

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    // Cheap test first: only a variable initialized with a new pool.
    if (!Ownership.isExecutorCreation(tree.getInitializer(), state)) {
      return NO_MATCH;
    }
    // Fields are shut down by the class's own lifecycle; only locals are judged here.
    if (!(getSymbol(tree) instanceof VarSymbol local) || !Ownership.isLocal(local)) {
      return NO_MATCH;
    }
    TreePath parent = state.getPath().getParentPath();
    // A resource of try-with-resources is closed by it.
    if (parent.getLeaf() instanceof TryTree) {
      return NO_MATCH;
    }
    TreePath codeUnit = Tasks.enclosingCodeUnit(state.getPath());
    TreePath scope = codeUnit != null ? codeUnit : parent;
    Set<Ownership.Fate> fates = Ownership.fatesOfLocalExecutor(local, scope, state);
    // Shut down here and never handed on: is it shut down on every path?
    if (fates.equals(Set.of(Ownership.Fate.TERMINATED)) && codeUnit != null) {
      return matchShutDownOnSomePaths(tree, local, parent, codeUnit, state);
    }
    // Shut down, closed, or handed on (returned, stored, passed): not this method's leak.
    if (!fates.isEmpty()) {
      return NO_MATCH;
    }
    boolean closeAvailable = WaitFixes.executorCloseAvailable(state);
    TreePath neverEnding = loopThatNeverEnds(local, state);
    Description.Builder description =
        buildDescription(tree)
            .setMessage(
                local.getSimpleName()
                    + " is created here, never leaves this method, and is never shut down or"
                    + " closed."
                    + CONSEQUENCE
                    + remedy(closeAvailable, "shut it down and await termination")
                    + neverEndingNote(local, neverEnding, state));
    SuggestedFix fix = neverEnding == null ? fix(tree, local, parent, closeAvailable, state) : null;
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  /**
   * A loop of the pool's tasks that never ends, not even on the interrupt ({@link
   * NeverEndingTasks}): closing the pool, or shutting it down and waiting, in this method would
   * wait for it forever (or for the whole timeout, every time).
   */
  private @Nullable TreePath loopThatNeverEnds(VarSymbol local, VisitorState state) {
    CancelTarget target =
        CancelTarget.ofVariable(
            CancelTarget.Kind.EXECUTOR, local, state.getPath().getCompilationUnit());
    return NeverEndingTasks.loopThatNeverEnds(target, state, options);
  }

  /** Why no fix is offered for a pool whose tasks never end, and what is left to decide. */
  private static String neverEndingNote(
      VarSymbol local, @Nullable TreePath loop, VisitorState state) {
    if (loop == null) {
      return "";
    }
    return " No fix is offered: its task runs "
        + NeverEndingTasks.describe(loop, state)
        + ", which nothing ends, not even the interrupt, so closing "
        + local.getSimpleName()
        + " here would wait forever; decide whether that work should end (leave the loop on the"
        + " interrupt, or test a flag a stop sets, and close the pool there) or run as long as the"
        + " process (a pool made once, kept where a stop can reach it, its threads daemons).";
  }

  /**
   * A pool the method shuts down on the normal path only: an exception, a throw or a return before
   * the shutdown leaves it running.
   */
  private Description matchShutDownOnSomePaths(
      VariableTree tree, VarSymbol local, TreePath parent, TreePath codeUnit, VisitorState state) {
    FactFlow.Exit exit = PoolShutdownPaths.exitWithPoolRunning(local, codeUnit, state);
    // Shut down on every path out.
    if (exit == null) {
      return NO_MATCH;
    }
    boolean closeAvailable = WaitFixes.executorCloseAvailable(state);
    // close() would wait for a task that never ends; moving the method's own shutdown into a
    // finally adds no wait.
    TreePath neverEnding = closeAvailable ? loopThatNeverEnds(local, state) : null;
    Description.Builder description =
        buildDescription(tree)
            .setMessage(
                local.getSimpleName()
                    + " is not shut down on every path: "
                    + describeExit(exit, state)
                    + " leaves the method with the pool running, because the shutdown is on the"
                    + " normal path only."
                    + CONSEQUENCE
                    + remedy(closeAvailable, "shut it down")
                    + neverEndingNote(local, neverEnding, state));
    SuggestedFix fix =
        closeAvailable
            ? neverEnding == null ? fix(tree, local, parent, true, state) : null
            : finallyFix(tree, local, parent, state);
    if (fix != null) {
      description.addFix(fix);
    }
    return description.build();
  }

  /** What to do: try-with-resources where the JDK has it, or {@code inFinally} in a finally. */
  private static String remedy(boolean closeAvailable, String inFinally) {
    return closeAvailable
        ? " Use try-with-resources (an ExecutorService is AutoCloseable since JDK 19), or "
            + inFinally
            + " in a finally block."
        : " "
            + Character.toUpperCase(inFinally.charAt(0))
            + inFinally.substring(1)
            + " in a finally block.";
  }

  private static String describeExit(FactFlow.Exit exit, VisitorState state) {
    String line = " (line " + Lines.of(exit.tree(), state) + ")";
    return switch (exit.kind()) {
      case PROPAGATES -> {
        Symbol method = getSymbol(exit.tree());
        if (method == null) {
          yield "an exception" + line;
        }
        yield "an exception from "
            + (method.isConstructor()
                ? "new " + method.owner.getSimpleName()
                : method.getSimpleName())
            + "(..)"
            + line;
      }
      case THROWS -> "the throw" + line;
      case RETURNS -> "the return" + line;
      // A whole method body is walked: no break, continue or yield leaves it.
      case FALLS_OFF, BREAKS, CONTINUES, YIELDS, REACQUIRES -> "the end of the method";
    };
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    ExpressionTree receiver = Expressions.strip(getReceiver(tree));
    // `Executors.newSingleThreadExecutor().submit(..)`: the pool is never stored, so nobody can
    // shut it down.
    if (receiver == null
        || !Ownership.isExecutorCreation(receiver, state)
        || !Tasks.isTaskSubmission(tree, state)) {
      return NO_MATCH;
    }
    return buildDescription(receiver)
        .setMessage(
            "This executor is created, given work, and dropped: nothing can ever shut it down."
                + CONSEQUENCE
                + " Keep it in a variable and close it (try-with-resources on JDK 19+), or shut it"
                + " down and await termination in a finally block.")
        .build();
  }

  // ------------------------------------------------------------------ fix

  /**
   * Wraps the declaration and the statements that use the pool: in try-with-resources where {@code
   * close()} exists, otherwise in try/finally with shutdown and awaitTermination.
   */
  private static @Nullable SuggestedFix fix(
      VariableTree declaration,
      VarSymbol local,
      TreePath parent,
      boolean closeAvailable,
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
    if (closeAvailable && type != null && isSubtype(type, autoCloseable, state)) {
      String header = source.subSequence(declarationStart, declarationEnd).toString().strip();
      if (header.endsWith(";")) {
        header = header.substring(0, header.length() - 1).strip();
      }
      int end = last > index ? state.getEndPosition(statements.get(last)) : declarationEnd;
      String body = shift(source.subSequence(declarationEnd, end).toString(), false);
      return SuggestedFix.replace(
          declarationStart, end, "try (" + header + ") {" + body + "\n" + indent + "}");
    }
    if (type == null
        || executorService == null
        || !isSubtype(type, executorService, state)
        || last == index) {
      return null;
    }
    int firstStart = getStartPosition(statements.get(index + 1));
    int lineStart = SourceEdits.lineStart(source, firstStart);
    if (lineStart <= declarationStart) {
      return null; // the next statement shares the declaration's line
    }
    int end = state.getEndPosition(statements.get(last));
    String name = local.getSimpleName().toString();
    SuggestedFix.Builder fix = SuggestedFix.builder();
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
    String wrapped =
        indent
            + "try {\n"
            + shift(source.subSequence(lineStart, end).toString(), true)
            + "\n"
            + indent
            + "} finally {\n"
            + indent
            + "  "
            + name
            + ".shutdown();\n"
            + indent
            + "  "
            + wait
            + "\n"
            + indent
            + "}";
    return fix.replace(lineStart, end, wrapped).build();
  }

  /**
   * Before JDK 19 (no {@code close()}): the statements between the declaration and the shutdown go
   * into a try block, and the shutdown statements that follow the work (plain calls on the pool:
   * {@code shutdown()}, {@code awaitTermination(..)}, ...) move into its finally block. No fix when
   * the shutdown is not such a run of statements in the declaration's block, or when moving them
   * would take a variable out of scope.
   */
  private static @Nullable SuggestedFix finallyFix(
      VariableTree declaration, VarSymbol local, TreePath parent, VisitorState state) {
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
    CharSequence source = state.getSourceCode();
    String indent = SourceEdits.indentation(source, getStartPosition(declaration));
    int lineStart = SourceEdits.lineStart(source, getStartPosition(statements.get(index + 1)));
    int workEnd = state.getEndPosition(statements.get(first - 1));
    int end = state.getEndPosition(statements.get(last));
    if (indent == null
        || lineStart <= state.getEndPosition(declaration)
        || workEnd < 0
        || end < 0) {
      return null;
    }
    StringBuilder wrapped =
        new StringBuilder(indent)
            .append("try {\n")
            .append(shift(source.subSequence(lineStart, workEnd).toString(), true))
            .append('\n')
            .append(indent)
            .append("} finally {\n");
    for (int i = first; i <= last; i++) {
      StatementTree cleanup = statements.get(i);
      wrapped
          .append(indent)
          .append("  ")
          .append(source.subSequence(getStartPosition(cleanup), state.getEndPosition(cleanup)))
          .append('\n');
    }
    wrapped.append(indent).append('}');
    return SuggestedFix.replace(lineStart, end, wrapped.toString());
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

  /** Indents lines by two more spaces (blank lines stay blank; the first only if asked). */
  private static String shift(String text, boolean first) {
    String[] lines = text.split("\n", -1);
    StringBuilder shifted = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        shifted.append('\n');
      }
      if ((i > 0 || first) && !lines[i].isBlank()) {
        shifted.append("  ");
      }
      shifted.append(lines[i]);
    }
    return shifted.toString();
  }
}
