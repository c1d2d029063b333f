package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
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
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.flow.FactFlow.Raise;
import dev.cancelguard.analysis.interrupts.CancellationPoints;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.resources.Resources;
import dev.cancelguard.analysis.tasks.Tasks;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Lines;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.NestedCodePathSkipper;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;
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
    implements MethodTreeMatcher, LambdaExpressionTreeMatcher {
  /** Names of calls that take an object out of a pool or queue (not a lookup that leaves it). */
  private static final Pattern CHECK_OUT =
      Pattern.compile(
          "take|poll\\w*|pop|remove(First|Last)?|borrow\\w*|acquire\\w*|check[Oo]ut\\w*|lease\\w*"
              + "|obtain\\w*|allocate\\w*|lend\\w*");

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

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    // Abstract and native methods have nothing to walk.
    if (tree.getBody() == null) {
      return NO_MATCH;
    }
    analyze(state.getPath(), tree.getBody(), state);
    return NO_MATCH;
  }

  @Override
  public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
    // An expression lambda declares no locals and releases nothing later.
    if (!(tree.getBody() instanceof BlockTree body)) {
      return NO_MATCH;
    }
    analyze(state.getPath(), body, state);
    return NO_MATCH;
  }

  private enum Kind {
    /** A closeable local, closed by {@code close()} (or given back to the pool it came from). */
    CLOSEABLE,
    /** An object taken out of a pool or queue and given back to it. */
    CHECKOUT,
    /** A semaphore permit. */
    PERMIT,
    /** A lock taken by {@code lockInterruptibly()}. */
    LOCK
  }

  /** One resource of the code unit: what holds it, where it is taken and given back. */
  private static final class Resource {
    final Kind kind;
    final Symbol symbol;
    final @Nullable Symbol pool;
    final List<ExpressionTree> acquisitions = new ArrayList<>();
    final List<MethodInvocationTree> releases = new ArrayList<>();
    int bit;
    int rangeStart = Integer.MAX_VALUE;
    int rangeEnd = -1;

    Resource(Kind kind, Symbol symbol, @Nullable Symbol pool) {
      this.kind = kind;
      this.symbol = symbol;
      this.pool = pool;
    }

    String name() {
      return symbol.getSimpleName().toString();
    }

    long mask() {
      return 1L << bit;
    }
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
    Map<Symbol, Resource> resources = findResources(bodyPath, unitPath, state);
    findReleases(bodyPath, resources, state);
    resources.values().removeIf(r -> r.releases.isEmpty());
    if (resources.isEmpty()) {
      return;
    }
    int bit = 0;
    for (Resource resource : List.copyOf(resources.values())) {
      if (bit == Long.SIZE) {
        resources.remove(resource.symbol);
        continue;
      }
      resource.bit = bit++;
      for (ExpressionTree acquisition : resource.acquisitions) {
        resource.rangeStart = Math.min(resource.rangeStart, state.getEndPosition(acquisition));
      }
      for (MethodInvocationTree release : resource.releases) {
        resource.rangeEnd = Math.max(resource.rangeEnd, getStartPosition(release));
      }
    }
    boolean anyPointInRange =
        points.stream()
            .anyMatch(
                p ->
                    resources.values().stream()
                        .anyMatch(
                            r ->
                                r.rangeStart <= getStartPosition(p)
                                    && getStartPosition(p) < r.rangeEnd));
    // Only resources held across a cancellation point matter here.
    if (!anyPointInRange) {
      return;
    }
    dropConsumedCheckouts(body, resources, state);
    if (resources.isEmpty()) {
      return;
    }
    FactFlow.Result result =
        FactFlow.walk(body, new HeldSpec(resources, state, options), state, 0, false, Set.of());
    for (Resource resource : resources.values()) {
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
        if (CancellationPoints.isCancellationPoint(call, state, options)) {
          found.add(call);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitThrow(ThrowTree tree, Void unused) {
        if (isNewInterrupt(tree, state)) {
          found.add(tree);
        }
        return super.visitThrow(tree, null);
      }
    }.scan(bodyPath.getLeaf(), null);
    return found;
  }

  private static boolean isNewInterrupt(ThrowTree tree, VisitorState state) {
    return stripParentheses(tree.getExpression()) instanceof NewClassTree created
        && Interrupts.isInterruptedExceptionValue(created, state);
  }

  private static Map<Symbol, Resource> findResources(
      TreePath bodyPath, TreePath unitPath, VisitorState state) {
    Map<Symbol, Resource> resources = new LinkedHashMap<>();
    Set<Symbol> locals = new HashSet<>();
    Set<Symbol> handedOn = new HashSet<>();
    new NestedCodePathSkipper() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        Symbol symbol = getSymbol(variable);
        // Try-with-resources variables are closed by the statement itself.
        if (symbol != null
            && symbol.getKind() == ElementKind.LOCAL_VARIABLE
            && !(getCurrentPath().getParentPath().getLeaf() instanceof TryTree)) {
          locals.add(symbol);
          localAcquisition(symbol, variable.getInitializer());
        }
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        Symbol symbol = getSymbol(assignment.getVariable());
        if (symbol != null && locals.contains(symbol)) {
          localAcquisition(symbol, assignment.getExpression());
        }
        return super.visitAssignment(assignment, null);
      }

      private void localAcquisition(Symbol symbol, @Nullable ExpressionTree initializer) {
        ExpressionTree value = initializer == null ? null : stripParentheses(initializer);
        if (!(value instanceof NewClassTree || value instanceof MethodInvocationTree)
            || symbol.type == null) {
          return;
        }
        Symbol acquiring = getSymbol(value);
        // @MustBeClosed results are Error Prone's MustBeClosedChecker's.
        if (acquiring != null && Resources.isMustBeClosed(acquiring)) {
          return;
        }
        Symbol pool = Expressions.receiverSymbol(value);
        boolean closeable = Resources.isCloseableResource(symbol.type, state);
        boolean checkout =
            isVariable(pool)
                && acquiring != null
                && CHECK_OUT.matcher(acquiring.getSimpleName().toString()).matches()
                && !isMap(pool.type, state);
        if (!closeable && !checkout) {
          return;
        }
        Resource resource =
            resources.computeIfAbsent(
                symbol,
                s ->
                    new Resource(
                        closeable ? Kind.CLOSEABLE : Kind.CHECKOUT,
                        s,
                        isVariable(pool) ? pool : null));
        resource.acquisitions.add(value);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol receiver = Expressions.receiverSymbol(call);
        if (isVariable(receiver)) {
          Kind kind =
              Resources.isPermitAcquire(call, state)
                  ? Kind.PERMIT
                  : Resources.isInterruptibleLock(call, state) ? Kind.LOCK : null;
          if (kind != null) {
            resources
                .computeIfAbsent(receiver, s -> new Resource(kind, s, null))
                .acquisitions
                .add(call);
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(bodyPath, null);
    // Handed on (returned, stored, wrapped, captured): someone else releases it.
    for (Resource resource : resources.values()) {
      if (resource.kind == Kind.CLOSEABLE || resource.kind == Kind.CHECKOUT) {
        for (TreePath reference : LocalUses.references(bodyPath, resource.symbol)) {
          if (LocalUses.handsOn(reference, unitPath)) {
            handedOn.add(resource.symbol);
          }
        }
      }
    }
    resources.keySet().removeAll(handedOn);
    return resources;
  }

  private static void findReleases(
      TreePath bodyPath, Map<Symbol, Resource> resources, VisitorState state) {
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        for (Resource resource : resources.values()) {
          if (releases(resource, call, state)) {
            resource.releases.add(call);
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(bodyPath.getLeaf(), null);
  }

  private static boolean releases(
      Resource resource, MethodInvocationTree call, VisitorState state) {
    Symbol receiver = Expressions.receiverSymbol(call);
    return switch (resource.kind) {
      case CLOSEABLE, CHECKOUT ->
          (Resources.isClose(call, state) && resource.symbol.equals(receiver))
              || Resources.isCloseHelper(call, resource.symbol)
              || (resource.pool != null
                  && Resources.isCheckIn(call, resource.pool, resource.symbol));
      case PERMIT -> Resources.isPermitRelease(call, state) && resource.symbol.equals(receiver);
      case LOCK -> Resources.isUnlock(call, state) && resource.symbol.equals(receiver);
    };
  }

  private static boolean isVariable(@Nullable Symbol symbol) {
    return symbol != null
        && symbol.type != null
        && (symbol.getKind() == ElementKind.LOCAL_VARIABLE
            || symbol.getKind() == ElementKind.PARAMETER
            || symbol.getKind() == ElementKind.FIELD);
  }

  private static boolean isMap(Type type, VisitorState state) {
    Type map = state.getTypeFromString("java.util.Map");
    return map != null && isSubtype(type, map, state);
  }

  // ---------------------------------------------------------------- the walk

  /** The facts: one per resource, "held, on a path where an interrupt was noticed". */
  private static final class HeldSpec implements FactFlow.Spec {
    private final Map<Symbol, Resource> resources;
    private final VisitorState state;
    private final CancelGuardOptions options;

    HeldSpec(Map<Symbol, Resource> resources, VisitorState state, CancelGuardOptions options) {
      this.resources = resources;
      this.state = state;
      this.options = options;
    }

    private long held(int position) {
      long held = 0;
      for (Resource resource : resources.values()) {
        if (resource.rangeStart <= position && position < resource.rangeEnd) {
          held |= resource.mask();
        }
      }
      return held;
    }

    @Override
    public List<Raise> raises(ExpressionTree tree) {
      if (!(tree instanceof MethodInvocationTree call)
          || !CancellationPoints.isCancellationPoint(call, state, options)) {
        return List.of();
      }
      long held = held(getStartPosition(call));
      if (held == 0) {
        return List.of();
      }
      if (Interrupts.throwsInterruptedException(call, state)) {
        return List.of(new Raise(Interrupts.interruptedExceptionType(state), held));
      }
      if (ThreadCalls.INTERRUPTED.matches(call, state)
          || ThreadCalls.IS_INTERRUPTED.matches(call, state)) {
        return List.of(); // a flag test: its true branch is followed instead
      }
      // A configured cancellation point: it throws what it declares, or something unchecked.
      Type methodType = getType(call.getMethodSelect());
      List<Type> thrown = methodType == null ? List.of() : methodType.getThrownTypes();
      if (thrown.isEmpty()) {
        return List.of(new Raise(state.getSymtab().runtimeExceptionType, held));
      }
      return thrown.stream().map(t -> new Raise(t, held)).toList();
    }

    /**
     * Only the interrupt is followed: another exception after a caught interrupt leaks the resource
     * on the normal path just the same, which is not a cancellation question.
     */
    @Override
    public boolean carriesFacts(ExpressionTree call, Type thrown) {
      return isSubtype(thrown, Interrupts.interruptedExceptionType(state), state);
    }

    @Override
    public long addedOnTrueBranch(ExpressionTree condition) {
      ExpressionTree stripped = stripParentheses(condition);
      return stripped instanceof MethodInvocationTree call
              && (ThreadCalls.INTERRUPTED.matches(call, state)
                  || ThreadCalls.IS_INTERRUPTED.matches(call, state))
          ? held(getStartPosition(call))
          : 0;
    }

    /** {@code if (r != null) r.close();}: on the branch where r is null, r is not held. */
    @Override
    public long killedOnBranch(ExpressionTree condition, boolean value) {
      return nullOnBranch(condition, value, resources);
    }

    @Override
    public long addedByThrow(ThrowTree tree) {
      return isNewInterrupt(tree, state) ? held(getStartPosition(tree)) : 0;
    }

    @Override
    public long killedBy(ExpressionTree tree) {
      long killed = 0;
      for (Resource resource : resources.values()) {
        if (resource.releases.contains(tree)) {
          killed |= resource.mask();
        }
      }
      return killed;
    }

    @Override
    public long acquiredBy(ExpressionTree tree) {
      long acquired = 0;
      for (Resource resource : resources.values()) {
        if (resource.acquisitions.contains(tree)) {
          acquired |= resource.mask();
        }
      }
      return acquired;
    }
  }

  /**
   * Drops the objects taken out of a queue that the normal path itself does not always give back: a
   * message consumed, and only sometimes put back for another round, is not borrowed from a pool,
   * and "released only on the normal path" would not be true of it.
   */
  private static void dropConsumedCheckouts(
      Tree body, Map<Symbol, Resource> resources, VisitorState state) {
    if (resources.values().stream().noneMatch(r -> r.kind == Kind.CHECKOUT)) {
      return;
    }
    FactFlow.Result normal =
        FactFlow.walk(body, new NormalPathSpec(resources), state, 0, false, Set.of());
    long keptOnTheNormalPath = 0;
    for (Exit exit : normal.exits()) {
      if (exit.kind() == FactFlow.ExitKind.RETURNS
          || exit.kind() == FactFlow.ExitKind.FALLS_OFF
          || exit.kind() == FactFlow.ExitKind.REACQUIRES) {
        keptOnTheNormalPath |= exit.facts();
      }
    }
    long consumed = keptOnTheNormalPath;
    resources.values().removeIf(r -> r.kind == Kind.CHECKOUT && (consumed & r.mask()) != 0);
  }

  /** The facts: one per checked-out object, "taken and not given back", on normal paths only. */
  private static final class NormalPathSpec implements FactFlow.Spec {
    private final Map<Symbol, Resource> resources;

    NormalPathSpec(Map<Symbol, Resource> resources) {
      this.resources = resources;
    }

    private long masks(ExpressionTree tree, boolean acquisitions) {
      long found = 0;
      for (Resource resource : resources.values()) {
        if (resource.kind == Kind.CHECKOUT
            && (acquisitions ? resource.acquisitions : resource.releases).contains(tree)) {
          found |= resource.mask();
        }
      }
      return found;
    }

    @Override
    public long addedBy(ExpressionTree tree) {
      return masks(tree, true);
    }

    @Override
    public long acquiredBy(ExpressionTree tree) {
      return masks(tree, true);
    }

    @Override
    public long killedBy(ExpressionTree tree) {
      return masks(tree, false);
    }

    /** {@code if (taken == null) ...}: a poll that timed out took nothing. */
    @Override
    public long killedOnBranch(ExpressionTree condition, boolean value) {
      return nullOnBranch(condition, value, resources);
    }

    @Override
    public boolean carriesFacts(ExpressionTree call, Type thrown) {
      return false;
    }
  }

  /** The resource a condition compares with null, as a mask, on the branch where it is null. */
  private static long nullOnBranch(
      ExpressionTree condition, boolean value, Map<Symbol, Resource> resources) {
    Symbol tested = LocalUses.nullTested(condition, value);
    Resource resource = tested == null ? null : resources.get(tested);
    return resource == null ? 0 : resource.mask();
  }

  // ---------------------------------------------------------------- message

  private static String message(Resource resource, Exit exit, VisitorState state) {
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
  private static Tree reportedTree(Resource resource, TreePath bodyPath) {
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
      Resource resource, TreePath bodyPath, VisitorState state) {
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
    if (resource.kind == Kind.CLOSEABLE
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
