package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ThrowTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.resources.HeldOnInterrupt;
import dev.cancelguard.analysis.resources.HeldResource;
import dev.cancelguard.analysis.resources.HeldResources;
import dev.cancelguard.analysis.resources.Resources;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.UnitCache;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * A resource released only on the normal path, with a cancellation point between acquiring and
 * releasing it: an interrupt there leaves without releasing it.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A resource is released only on the normal path; an interrupt at a blocking call before"
            + " the release leaks it",
    severity = WARNING,
    tags = StandardTags.CONCURRENCY,
    linkType = CUSTOM,
    link = DocLinks.BASE + "ResourceLeakOnCancel.md")
public final class ResourceLeakOnCancel extends CancelGuardChecker
    implements MethodInvocationTreeMatcher, ThrowTreeMatcher {
  private final CancelGuardOptions options;

  /** The constructor Error Prone uses when no flags are in play. */
  public ResourceLeakOnCancel() {
    this(CancelGuardOptions.defaults());
  }

  @Inject
  ResourceLeakOnCancel(ErrorProneFlags flags) {
    this(CancelGuardOptions.fromFlags(flags));
  }

  private ResourceLeakOnCancel(CancelGuardOptions options) {
    this.options = options;
  }

  /**
   * Per code unit of the file: whether it has been looked at (from its first cancellation point).
   */
  private static final UnitCache.Kind<Tree, boolean[]> LOOKED_AT = new UnitCache.Kind<>();

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return analyzeUnitOf(tree, state);
  }

  @Override
  public Description matchThrow(ThrowTree tree, VisitorState state) {
    return analyzeUnitOf(tree, state);
  }

  /**
   * Looks at the code unit (a method, or a lambda with a block body) this call or throw belongs to,
   * once, at its first cancellation point. Cheap exit: most code units never block, and are never
   * walked; the calls they make are visited by Error Prone anyway.
   */
  private Description analyzeUnitOf(Tree tree, VisitorState state) {
    TreePath unitPath = CodeUnits.enclosing(state.getPath());
    Tree unit = unitPath == null ? null : unitPath.getLeaf();
    BlockTree body =
        unit instanceof MethodTree method
            ? method.getBody()
            : unit instanceof LambdaExpressionTree lambda
                    && lambda.getBody() instanceof BlockTree block
                ? block
                : null; // an expression lambda declares no locals and releases nothing later
    if (body == null) {
      return NO_MATCH;
    }
    boolean[] lookedAt = UnitCache.get(LOOKED_AT, unit, state, u -> new boolean[1]);
    if (lookedAt[0] || !isCancellationPoint(tree, state)) {
      return NO_MATCH;
    }
    lookedAt[0] = true;
    // Asked as if standing at the code unit, as a matcher of methods and lambdas would be.
    analyze(unitPath, body, state.withPath(unitPath));
    return NO_MATCH;
  }

  private void analyze(TreePath unitPath, BlockTree body, VisitorState state) {
    // Nothing interrupts the main thread: its interrupt paths are not real.
    if (Tasks.isMainMethod(unitPath)) {
      return;
    }
    TreePath bodyPath = new TreePath(unitPath, body);
    List<Tree> points = cancellationPoints(bodyPath, state);
    // Cheap exit: most code units never block.
    if (points.isEmpty()) {
      return;
    }
    Map<Symbol, HeldResource> resources =
        HeldResources.heldAcross(bodyPath, unitPath, points, state);
    if (resources.isEmpty()) {
      return;
    }
    FactFlow.Result result =
        FactFlow.walk(
            body, new HeldOnInterrupt(body, resources, state, options), state, 0, false, Set.of());
    for (HeldResource resource : resources.values()) {
      Optional<Exit> leak =
          result.exits().stream()
              .filter(e -> (e.facts() & resource.mask()) != 0 && e.origin() != null)
              .min(Comparator.comparingInt(e -> getStartPosition(e.origin())));
      if (leak.isEmpty()) {
        continue;
      }
      Tree reported = reportedTree(resource, bodyPath);
      // @SuppressWarnings on the declaration of the local.
      if (reported instanceof VariableTree variable && isSuppressed(variable, state)) {
        continue;
      }
      Description.Builder description =
          buildDescription(reported).setMessage(message(resource, leak.get(), state));
      fix(resource, bodyPath, state).ifPresent(description::addFix);
      state.reportMatch(description.build());
    }
  }

  // ---------------------------------------------------------------- finding the resources

  /** Calls that notice an interrupt, and {@code throw new InterruptedException()}. */
  private List<Tree> cancellationPoints(TreePath bodyPath, VisitorState state) {
    List<Tree> found = new ArrayList<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (isCancellationPoint(call, state)) {
          found.add(call);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitThrow(ThrowTree tree, Void unused) {
        if (isCancellationPoint(tree, state)) {
          found.add(tree);
        }
        return super.visitThrow(tree, null);
      }
    }.scan(bodyPath.getLeaf(), null);
    return found;
  }

  private boolean isCancellationPoint(Tree tree, VisitorState state) {
    return tree instanceof ThrowTree throwTree
        ? HeldOnInterrupt.isNewInterrupt(throwTree, state)
        : CancellationPoints.isCancellationPoint((MethodInvocationTree) tree, state, options);
  }

  // ---------------------------------------------------------------- message

  private static String message(HeldResource resource, Exit exit, VisitorState state) {
    MethodInvocationTree lastRelease =
        resource.releases.stream().max(Comparator.comparingInt(r -> getStartPosition(r))).get();
    String what =
        switch (resource.kind) {
          case CLOSEABLE, CHECKOUT -> "`" + resource.name() + "`";
          case PERMIT -> "The permit of `" + resource.name() + "`";
          case LOCK -> "The lock `" + resource.name() + "`";
        };
    String consequence =
        switch (resource.kind) {
          case CLOSEABLE ->
              "it stays open (a connection, file or socket lost to its pool or the OS) until"
                  + " something else closes it";
          case CHECKOUT ->
              "it never goes back to `"
                  + (resource.pool == null ? "its pool" : resource.pool.getSimpleName())
                  + "`, which has one fewer for every cancelled task";
          case PERMIT ->
              "the permit is never returned, and each cancelled task leaves one fewer until"
                  + " everyone blocks";
          case LOCK -> "the lock stays held and every other thread that needs it blocks for good";
        };
    return what
        + " is released only on the normal path (line "
        + Lines.of(lastRelease, state)
        + "); if the thread is interrupted at "
        + describeOrigin(exit.origin(), state)
        + ", the method "
        + exit.describe(state, "acquires it again")
        + " without releasing it: "
        + consequence
        + ". Release it in a finally block, or use try-with-resources.";
  }

  private static String describeOrigin(@Nullable Tree tree, VisitorState state) {
    Tree origin = tree instanceof ExpressionTree expression ? stripParentheses(expression) : tree;
    String what =
        switch (origin) {
          case MethodInvocationTree call when ThreadCalls.INTERRUPTED.matches(call, state) ->
              "the Thread.interrupted() check";
          case MethodInvocationTree call when ThreadCalls.IS_INTERRUPTED.matches(call, state) ->
              "the isInterrupted() check";
          case MethodInvocationTree call when getSymbol(call) != null ->
              getSymbol(call).getSimpleName() + "()";
          case ThrowTree throwTree -> "`throw new InterruptedException()`";
          case null, default -> "the interrupt check";
        };
    return origin == null ? what : what + " (line " + Lines.of(origin, state) + ")";
  }

  /** The statement that acquires the resource: its declaration, or the acquiring statement. */
  private static Tree reportedTree(HeldResource resource, TreePath bodyPath) {
    ExpressionTree first =
        resource.acquisitions.stream().min(Comparator.comparingInt(a -> getStartPosition(a))).get();
    TreePath path = TreePath.getPath(bodyPath, first);
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof StatementTree) {
        return p.getLeaf();
      }
    }
    return first;
  }

  // ---------------------------------------------------------------- fix

  /**
   * Try-with-resources for a closeable local declared and closed in the same block; try/finally for
   * the other kinds. Only when the release is one statement of that block, the resource's only
   * release, and nothing declared in between is used after it.
   */
  private static Optional<SuggestedFix> fix(
      HeldResource resource, TreePath bodyPath, VisitorState state) {
    if (resource.acquisitions.size() != 1 || resource.releases.size() != 1) {
      return Optional.empty();
    }
    Tree acquiring = reportedTree(resource, bodyPath);
    TreePath acquiringPath = TreePath.getPath(bodyPath, acquiring);
    MethodInvocationTree release = resource.releases.getFirst();
    TreePath releasePath = TreePath.getPath(bodyPath, release);
    if (acquiringPath == null
        || releasePath == null
        || !(acquiringPath.getParentPath().getLeaf() instanceof BlockTree block)
        || !(releasePath.getParentPath().getLeaf() instanceof ExpressionStatementTree releasing)
        || releasePath.getParentPath().getParentPath().getLeaf() != block) {
      return Optional.empty();
    }
    List<? extends StatementTree> statements = block.getStatements();
    int from = statements.indexOf(acquiring);
    int to = statements.indexOf(releasing);
    if (from < 0 || to <= from) {
      return Optional.empty();
    }
    if (resource.kind == HeldResource.Kind.CLOSEABLE
        && acquiring instanceof VariableTree declaration
        && Resources.isClose(release, state)
        && !reassigned(bodyPath, resource.symbol, declaration)) {
      if (blocksWrapping(statements, from, to, resource.symbol, true)) {
        return Optional.empty();
      }
      String source = state.getSourceForNode(declaration);
      if (source == null) {
        return Optional.empty();
      }
      source = source.strip();
      if (source.endsWith(";")) {
        source = source.substring(0, source.length() - 1).strip();
      }
      return Optional.of(
          SuggestedFix.builder()
              .replace(declaration, "try (" + source + ") {")
              .replace(releasing, "}")
              .build());
    }
    String releaseSource = state.getSourceForNode(releasing);
    if (releaseSource == null || blocksWrapping(statements, from, to, resource.symbol, false)) {
      return Optional.empty();
    }
    return Optional.of(
        SuggestedFix.builder()
            .postfixWith(acquiring, " try {")
            .replace(releasing, "} finally {\n" + releaseSource + "\n}")
            .build());
  }

  /**
   * True if wrapping the statements between the acquisition and the release would take a variable
   * out of scope: one declared in between (or, for try-with-resources, the resource itself) is used
   * after the release, or, for try/finally, by the release that moves into the finally.
   */
  private static boolean blocksWrapping(
      List<? extends StatementTree> statements, int from, int to, Symbol resource, boolean twr) {
    Set<Symbol> inside = new HashSet<>();
    for (int i = from + 1; i < to; i++) {
      if (statements.get(i) instanceof VariableTree variable && getSymbol(variable) != null) {
        inside.add(getSymbol(variable));
      }
    }
    if (twr) {
      inside.add(resource);
    }
    List<Tree> after = new ArrayList<>(statements.subList(to + 1, statements.size()));
    if (!twr) {
      after.add(statements.get(to));
    }
    boolean[] used = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        used[0] |= inside.contains(getSymbol(identifier));
        return null;
      }
    }.scan(after, null);
    return used[0];
  }

  private static boolean reassigned(TreePath bodyPath, Symbol local, VariableTree declaration) {
    for (TreePath reference : LocalUses.references(bodyPath, local)) {
      TreePath parent = LocalUses.parent(reference);
      if (parent != null
          && parent.getLeaf() instanceof AssignmentTree assignment
          && assignment.getVariable() == reference.getLeaf()) {
        return true;
      }
    }
    return declaration.getInitializer() == null;
  }
}
