package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stop that releases what the work uses before the place where a wait for the work would go:
 * {@code close() { reset(); pool.shutdownNow(); }}, where {@code reset()} destroys the connection
 * pools of {@code nodes} and clears it, and the pool's refresh task reads and refills {@code
 * nodes}. A wait inserted after the cancel comes after that release: a late run still fails on, or
 * refills, what was released, and nothing releases it again, so the wait only delays the stop. The
 * wait that would help goes before the release, with the cancel moved there too, which is the
 * author's choice of order (what the release may unblock), not a mechanical edit. Only what empties
 * or tears down a collection the work uses counts: the close of the one resource the work uses is
 * often what ends it (the socket its {@code receive()} blocks on), and the wait after it is prompt.
 */
public final class ReleasesBeforeTheWait {
  private ReleasesBeforeTheWait() {}

  /**
   * Releases that stop a component ({@code securityProxy.shutdown()}): what a late call on a
   * stopped component does is that component's own contract (often nothing, or a failure it
   * reports), unlike a closed, destroyed or cleared resource, which a late run fails on or fills
   * again.
   */
  private static final ImmutableSet<String> COMPONENT_STOPS =
      ImmutableSet.of("shutdown", "shutdownNow", "stop", "terminate", "disconnect");

  /** The calls that release what an element of a walked collection holds. */
  private static final ImmutableSet<String> ELEMENT_RELEASES =
      ImmutableSet.of("close", "destroy", "dispose");

  /** How deep same-file helpers called before the wait are followed ({@code reset()}). */
  private static final int MAX_HELPER_DEPTH = 2;

  /**
   * A release found before the wait: the call of the stop it happens in, what it releases, and
   * whether it only empties a collection ({@code clear()}), which harms only work that fills it
   * again (work that reads it finds it empty, as after the stop).
   */
  public record Release(Tree site, VarSymbol released, boolean clears) {}

  /**
   * The first release, in the statements that run before {@code spot} in the code unit (those
   * before the cancel in each block around it, and those from the cancel to the spot's anchor), of
   * a variable the work uses ({@link TaskUses#uses}, not only to stop or ask about a pool it
   * shares, nor only to hold a task object; for a {@code clear()}, one the work writes: it fills it
   * again), that the stop does not release again after the wait (no {@link AwaitUse.Kind#RELEASES}
   * of it in {@code found}); null where there is none. A release in a same-file helper called there
   * ({@code reset()}) counts, reported at the call. The cancelled executor, thread or future itself
   * is not a release.
   */
  public static @Nullable Release releasedBeforeTheWait(
      TreePath cancelStatement,
      WaitPlacement.Spot spot,
      TreePath codeUnit,
      CancelTarget target,
      TaskUses uses,
      List<AwaitUse> found,
      VisitorState state) {
    if (uses.usesNothing()) {
      return null;
    }
    CompilationUnitTree unit = cancelStatement.getCompilationUnit();
    Set<Symbol> releasedAgain = new HashSet<>();
    for (AwaitUse use : found) {
      if (use.kind() == AwaitUse.Kind.RELEASES && use.symbol() != null) {
        releasedAgain.add(use.symbol());
      }
    }
    List<Release> after = new ArrayList<>();
    for (StatementTree statement : statementsAfter(spot, codeUnit)) {
      collectReleases(statement, null, unit, state, 0, after);
    }
    after.forEach(release -> releasedAgain.add(release.released()));
    List<Release> before = new ArrayList<>();
    for (StatementTree statement : statementsBefore(cancelStatement, spot, codeUnit)) {
      collectReleases(statement, null, unit, state, 0, before);
    }
    for (Release release : before) {
      VarSymbol released = release.released();
      if (!released.equals(target.variable())
          && uses.uses(released)
          && !uses.usesOnlyByStopsAndQueries(released, state)
          && !uses.onlyHoldsATask(released)
          && (!release.clears() || uses.writes(released))
          && !releasedAgain.contains(released)) {
        return release;
      }
    }
    return null;
  }

  /**
   * The statements that run before the wait, in source order: in each block from the code unit's
   * body down to the cancel's, those before the block's statement that holds the cancel; then, in
   * the cancel's block, those after the cancel up to the spot's anchor (itself included when the
   * wait goes after it).
   */
  private static List<StatementTree> statementsBefore(
      TreePath cancelStatement, WaitPlacement.Spot spot, TreePath codeUnit) {
    List<List<StatementTree>> outerFirst = new ArrayList<>();
    Tree child = cancelStatement.getLeaf();
    for (TreePath p = cancelStatement.getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        child = p.getLeaf(), p = p.getParentPath()) {
      if (p.getLeaf() instanceof BlockTree block) {
        List<? extends StatementTree> statements = block.getStatements();
        int index = statements.indexOf(child);
        if (index > 0) {
          outerFirst.addFirst(new ArrayList<>(statements.subList(0, index)));
        }
      }
    }
    List<StatementTree> before = new ArrayList<>();
    outerFirst.forEach(before::addAll);
    if (cancelStatement.getParentPath().getLeaf() instanceof BlockTree block
        && spot.anchor().getParentPath().getLeaf() == block) {
      List<? extends StatementTree> statements = block.getStatements();
      int cancel = statements.indexOf(cancelStatement.getLeaf());
      int anchor = statements.indexOf(spot.anchor().getLeaf());
      int end = spot.before() ? anchor : anchor + 1;
      for (int i = cancel + 1; cancel >= 0 && i < end; i++) {
        before.add(statements.get(i));
      }
    }
    return before;
  }

  /**
   * The statements that run after the wait: in the spot's block, those after its anchor (the anchor
   * too when the wait goes before it), then in each block around it up to the code unit's body,
   * those after the statement that holds it.
   */
  private static List<StatementTree> statementsAfter(WaitPlacement.Spot spot, TreePath codeUnit) {
    List<StatementTree> after = new ArrayList<>();
    Tree child = spot.anchor().getLeaf();
    boolean first = true;
    for (TreePath p = spot.anchor().getParentPath();
        p != null && p.getLeaf() != codeUnit.getLeaf();
        child = p.getLeaf(), p = p.getParentPath()) {
      if (p.getLeaf() instanceof BlockTree block) {
        List<? extends StatementTree> statements = block.getStatements();
        int index = statements.indexOf(child);
        int from = first && spot.before() ? index : index + 1;
        for (int i = from; index >= 0 && i < statements.size(); i++) {
          after.add(statements.get(i));
        }
      }
      first = false;
    }
    return after;
  }

  /**
   * Every release under {@code scanned} (outside nested code, into same-file helpers up to {@link
   * #MAX_HELPER_DEPTH}), in source order (a release of each element of a for-each loop, {@code for
   * (Pool pool : nodes.values()) pool.destroy();}, a release of the collection it walks), each with
   * the call of the stop it happens in ({@code reset()} for the {@code nodes.clear()} inside it).
   */
  private static void collectReleases(
      Tree scanned,
      @Nullable Tree siteInTheStop,
      CompilationUnitTree unit,
      VisitorState state,
      int depth,
      List<Release> into) {
    Map<Symbol, VarSymbol> elementOf = new HashMap<>();
    new NestedCodeSkipper() {
      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
        // `for (Pool pool : nodes.values()) pool.destroy();` releases what nodes holds.
        ExpressionTree collection = Expressions.strip(loop.getExpression());
        while (collection instanceof MethodInvocationTree view
            && view.getArguments().isEmpty()
            && getReceiver(view) != null) {
          collection = Expressions.strip(getReceiver(view));
        }
        VarSymbol holder = Expressions.variableOf(collection);
        if (holder != null && getSymbol(loop.getVariable()) instanceof VarSymbol element) {
          elementOf.put(element, holder);
        }
        return super.visitEnhancedForLoop(loop, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        super.visitMethodInvocation(call, null);
        if (!Expressions.isResolved(call)) {
          return null;
        }
        Tree site = depth > 0 && siteInTheStop != null ? siteInTheStop : call;
        VarSymbol released = TaskUses.releasedBy(call, state);
        if (released != null
            && COMPONENT_STOPS.contains(getSymbol(call).getSimpleName().toString())) {
          return null;
        }
        VarSymbol holdingElement = released == null ? elementHolding(call, elementOf) : null;
        if (released != null && elementOf.containsKey(released)) {
          into.add(new Release(site, elementOf.get(released), false));
        } else if (holdingElement != null) {
          // `for (Map.Entry<String, Wrapper> e : table.entrySet()) e.getValue().close();` closes
          // what each element holds: the collection's resources, as a close of each element does.
          into.add(new Release(site, elementOf.get(holdingElement), false));
        } else if (released != null) {
          // A close of the one resource the work uses is often what ends it (the socket its
          // receive() blocks on): the wait after it is then prompt and keeps what the stop does
          // next from racing the work's last steps. Only emptying what the work fills counts.
          if (getSymbol(call).getSimpleName().contentEquals("clear")) {
            into.add(new Release(site, released, true));
          }
        } else if (depth < MAX_HELPER_DEPTH && getSymbol(call) instanceof MethodSymbol method) {
          MethodTree helper = SameFile.findMethod(unit, method, state);
          if (helper != null && helper.getBody() != null) {
            collectReleases(helper.getBody(), site, unit, state, depth + 1, into);
          }
        }
        return null;
      }
    }.scan(scanned, null);
  }

  /**
   * The loop variable of a for-each loop of {@code elementOf} whose held value a close or destroy
   * releases through a chain of getters without arguments ({@code entry.getValue().close()}, {@code
   * locator.client().close()}); null for any other call.
   */
  private static @Nullable VarSymbol elementHolding(
      MethodInvocationTree call, Map<Symbol, VarSymbol> elementOf) {
    String name = getSymbol(call).getSimpleName().toString();
    if (!ELEMENT_RELEASES.contains(name) || !call.getArguments().isEmpty()) {
      return null;
    }
    ExpressionTree receiver = Expressions.strip(getReceiver(call));
    if (!(receiver instanceof MethodInvocationTree)) {
      return null;
    }
    while (receiver instanceof MethodInvocationTree getter
        && getter.getArguments().isEmpty()
        && getReceiver(getter) != null) {
      receiver = Expressions.strip(getReceiver(getter));
    }
    VarSymbol element = Expressions.variableOf(receiver);
    return element != null && elementOf.containsKey(element) ? element : null;
  }
}
