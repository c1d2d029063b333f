package dev.cancelguard.analysis.resources;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.flow.FactFlow.factsOf;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * The resources of a code unit that a task holds and must give back (closeables, objects checked
 * out of a pool or queue, permits, interruptibly taken locks), found with their acquisitions and
 * releases; only those held across a cancellation point, and released on the normal path, matter to
 * a cancellation question.
 */
public final class HeldResources {
  private HeldResources() {}

  /** Names of calls that take an object out of a pool or queue (not a lookup that leaves it). */
  private static final Pattern CHECK_OUT =
      Pattern.compile(
          "take|poll\\w*|pop|remove(First|Last)?|borrow\\w*|acquire\\w*|check[Oo]ut\\w*|lease\\w*"
              + "|obtain\\w*|allocate\\w*|lend\\w*");

  /**
   * The resources of {@code bodyPath} (the body of {@code unitPath}) held across one of {@code
   * points} and released on some path, each with its fact; empty when there are none (at most 64).
   * Objects taken out of a queue that the normal path itself does not always give back are not
   * borrowed, and are left out.
   */
  public static Map<Symbol, HeldResource> heldAcross(
      TreePath bodyPath, TreePath unitPath, List<Tree> points, VisitorState state) {
    Map<Symbol, HeldResource> resources = findResources(bodyPath, unitPath, state);
    findReleases(bodyPath, unitPath, resources, state);
    resources.values().removeIf(r -> r.releases.isEmpty());
    if (resources.isEmpty()) {
      return resources;
    }
    int bit = 0;
    for (HeldResource resource : List.copyOf(resources.values())) {
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
                p -> resources.values().stream().anyMatch(r -> r.heldAt(getStartPosition(p))));
    // Only resources held across a cancellation point matter here.
    if (!anyPointInRange) {
      resources.clear();
      return resources;
    }
    dropConsumedCheckouts(bodyPath.getLeaf(), resources, state);
    return resources;
  }

  private static Map<Symbol, HeldResource> findResources(
      TreePath bodyPath, TreePath unitPath, VisitorState state) {
    Map<Symbol, HeldResource> resources = new LinkedHashMap<>();
    Set<Symbol> locals = new HashSet<>();
    Set<Symbol> handedOn = new HashSet<>();
    new NestedCodeSkipper() {
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
        // `new ChainRecordReader(context)` whose close() is `{}`: closing it releases nothing.
        boolean closeable =
            Resources.isCloseableResource(symbol.type, state)
                && !Resources.isMadeWithAnEmptyClose(value, state);
        boolean checkout =
            isVariable(pool)
                && acquiring != null
                && CHECK_OUT.matcher(acquiring.getSimpleName().toString()).matches()
                && !isMap(pool.type, state);
        if (!closeable && !checkout) {
          return;
        }
        HeldResource resource =
            resources.computeIfAbsent(
                symbol,
                s ->
                    new HeldResource(
                        closeable ? HeldResource.Kind.CLOSEABLE : HeldResource.Kind.CHECKOUT,
                        s,
                        isVariable(pool) ? pool : null));
        resource.acquisitions.add(value);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol receiver = Expressions.receiverSymbol(call);
        if (isVariable(receiver)) {
          HeldResource.Kind kind =
              Resources.isPermitAcquire(call, state)
                  ? HeldResource.Kind.PERMIT
                  : Resources.isInterruptibleLock(call, state) ? HeldResource.Kind.LOCK : null;
          if (kind != null) {
            resources
                .computeIfAbsent(receiver, s -> new HeldResource(kind, s, null))
                .acquisitions
                .add(call);
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(bodyPath, null);
    // Handed on (returned, stored, wrapped, captured): someone else releases it.
    for (HeldResource resource : resources.values()) {
      if (resource.kind == HeldResource.Kind.CLOSEABLE
          || resource.kind == HeldResource.Kind.CHECKOUT) {
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
      TreePath bodyPath,
      TreePath unitPath,
      Map<Symbol, HeldResource> resources,
      VisitorState state) {
    Set<Symbol> methodsOwnCollections = new HashSet<>();
    for (HeldResource resource : resources.values()) {
      if (resource.pool != null
          && isCollectionOnlyThisCodeHolds(resource.pool, bodyPath, unitPath, state)) {
        methodsOwnCollections.add(resource.pool);
      }
    }
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        for (HeldResource resource : resources.values()) {
          if (releases(resource, call, methodsOwnCollections, state)) {
            resource.releases.add(call);
          }
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(bodyPath.getLeaf(), null);
  }

  /**
   * A local of the code unit given only a new collection where it is declared ({@code list = new
   * ArrayList<>()}), never assigned again and never handed on (returned, stored, wrapped, captured
   * by a lambda or class): nothing but this run of the code unit ever holds it, and an exception
   * that leaves the code unit drops it with whatever is in it. Putting an object back into it gives
   * the object to nobody.
   */
  private static boolean isCollectionOnlyThisCodeHolds(
      Symbol pool, TreePath bodyPath, TreePath unitPath, VisitorState state) {
    if (pool.getKind() != ElementKind.LOCAL_VARIABLE
        || !Supertypes.isSubtypeOf(pool.type, "java.util.Collection", state)) {
      return false;
    }
    boolean[] madeHere = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (pool.equals(getSymbol(variable))) {
          madeHere[0] =
              Expressions.strip(variable.getInitializer()) instanceof NewClassTree made
                  && made.getClassBody() == null;
        }
        return super.visitVariable(variable, null);
      }
    }.scan(bodyPath.getLeaf(), null);
    if (!madeHere[0]) {
      return false;
    }
    for (TreePath reference : LocalUses.references(bodyPath, pool)) {
      TreePath parent = LocalUses.parent(reference);
      if (LocalUses.handsOn(reference, unitPath)
          || (parent != null
              && parent.getLeaf() instanceof AssignmentTree assignment
              && assignment.getVariable() == reference.getLeaf())) {
        return false;
      }
    }
    return true;
  }

  private static boolean releases(
      HeldResource resource,
      MethodInvocationTree call,
      Set<Symbol> methodsOwnCollections,
      VisitorState state) {
    Symbol receiver = Expressions.receiverSymbol(call);
    return switch (resource.kind) {
      case CLOSEABLE, CHECKOUT ->
          (Resources.isClose(call, state) && resource.symbol.equals(receiver))
              || Resources.isCloseHelper(call, resource.symbol)
              || (resource.pool != null
                  && !methodsOwnCollections.contains(resource.pool)
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

  /**
   * Drops the objects taken out of a queue that the normal path itself does not always give back: a
   * message consumed, and only sometimes put back for another round, is not borrowed from a pool,
   * and "released only on the normal path" would not be true of it.
   */
  private static void dropConsumedCheckouts(
      Tree body, Map<Symbol, HeldResource> resources, VisitorState state) {
    if (resources.values().stream().noneMatch(HeldResources::isTakenOutOfAPool)) {
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
    resources.values().removeIf(r -> isTakenOutOfAPool(r) && (consumed & r.mask()) != 0);
  }

  /**
   * An object checked out of a pool or queue: one of kind {@code CHECKOUT}, or a closeable every
   * acquisition of which takes it out of its pool ({@code reader = queue.poll()}), not one the code
   * opens. Such a closeable is the pool's, not the code's: when the normal path itself does not
   * always close it or give it back, the code does not borrow it.
   */
  private static boolean isTakenOutOfAPool(HeldResource resource) {
    if (resource.kind == HeldResource.Kind.CHECKOUT) {
      return true;
    }
    return resource.kind == HeldResource.Kind.CLOSEABLE
        && resource.pool != null
        && resource.acquisitions.stream()
            .allMatch(
                a ->
                    a instanceof MethodInvocationTree call
                        && resource.pool.equals(Expressions.receiverSymbol(call))
                        && getSymbol(call) != null
                        && CHECK_OUT.matcher(getSymbol(call).getSimpleName().toString()).matches());
  }

  /** The facts: one per checked-out object, "taken and not given back", on normal paths only. */
  private static final class NormalPathSpec implements FactFlow.Spec {
    private final Map<Symbol, HeldResource> resources;

    NormalPathSpec(Map<Symbol, HeldResource> resources) {
      this.resources = resources;
    }

    private long masks(ExpressionTree tree, boolean acquisitions) {
      return factsOf(
          resources.values(),
          HeldResource::mask,
          r -> isTakenOutOfAPool(r) && (acquisitions ? r.acquisitions : r.releases).contains(tree));
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
  static long nullOnBranch(
      ExpressionTree condition, boolean value, Map<Symbol, HeldResource> resources) {
    Symbol tested = LocalUses.nullTested(condition, value);
    HeldResource resource = tested == null ? null : resources.get(tested);
    return resource == null ? 0 : resource.mask();
  }
}
