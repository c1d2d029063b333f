package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.interrupts.BlockingCalls;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.interrupts.WorkEndingStops;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * What the code a method returns into does next on the same thread, where that code is in this
 * compilation. A restore of the interrupt flag just before returning hands the flag to the caller;
 * that is right where the caller is outside the compilation (its policy, the public contract), and
 * wrong where a caller here goes on, with the flag set, to something that fails at once: it calls
 * the method again in a loop that never looks at the flag (a retry, a poll, a credit wait, a
 * runner's {@code while (running) function.run()}: each next wait fails at once and the loop
 * spins), it runs blocking cleanup in a {@code finally} around the call, or it goes on after the
 * call to cleanup that waits or to I/O on an interruptible channel (which the flag closes).
 *
 * <p>The calls of the method are found in every file of this compilation ({@link
 * CompilationCalls}): direct calls and {@code super} calls, calls of a method of this compilation
 * it overrides or implements (an interface's {@code next()} called from a client thread's loop),
 * and calls back through what it was handed to ({@code this}, a method reference or a lambda passed
 * to a constructor or method whose class keeps it and calls it). A caller whose continuation is
 * safe and that looks at the flag nowhere hands it on to its own callers, followed one level more.
 */
public final class CallerContinuations {
  /** The callers, and their callers. */
  private static final int MAX_DEPTH = 2;

  /**
   * How many private methods and lambdas an exception is followed through, in all, where it passes
   * through them uncaught: those frames only run their {@code finally} blocks and are their class's
   * own code, so they do not count against {@link #MAX_DEPTH}.
   */
  private static final int MAX_PROPAGATION = 6;

  /** More classes of the compilation than this override a method, and its calls are not taken. */
  private static final int MAX_OVERRIDES = 4;

  /** How many call sites one question looks at before it gives up (and finds nothing). */
  private static final int MAX_CALL_SITES = 400;

  /** Why the caller's continuation fails once the flag is restored. */
  public enum Why {
    /** The call sits in a loop of the caller that never looks at the flag: it runs again. */
    CALLS_AGAIN_IN_A_LOOP,
    /** A {@code finally} around the call waits (its cleanup). */
    CLEANUP_IN_FINALLY,
    /**
     * The exception the code throws reaches, through callers that do not catch it, a caller's catch
     * that takes it and goes on to cleanup that waits (a thread's {@code catch (Throwable t) {
     * stopServices(); }}).
     */
    CLEANUP_IN_CATCH,
    /** A try-with-resources around the call closes a resource whose {@code close()} may wait. */
    RESOURCE_CLOSE,
    /** After the call the caller goes on to cleanup that waits, or to interruptible I/O. */
    GOES_ON_TO_BLOCK
  }

  /**
   * The caller's call of the method (or of the method that calls it), and the call that would fail
   * at once after it: for {@link Why#CALLS_AGAIN_IN_A_LOOP} that call itself. Both are in the file
   * of {@code callerCall}.
   */
  public record Failing(TreePath callerCall, Tree failingCall, Why why) {}

  private CallerContinuations() {}

  /**
   * The first caller in this compilation of {@code codeUnit} (a method or lambda) whose
   * continuation fails at once with the flag set, or null. {@code returns}: some path of the code
   * unit returns normally (rather than all of them throwing, when only a {@code finally}, or a
   * catch around the call in the caller that takes any exception, runs after it).
   */
  public static @Nullable Failing of(
      TreePath codeUnit,
      boolean returns,
      List<Type> thrown,
      VisitorState state,
      CancelGuardOptions options) {
    return of(codeUnit, returns, thrown, state, options, null);
  }

  /**
   * As {@link #of(TreePath, boolean, List, VisitorState, CancelGuardOptions)}, judging fixes as
   * they are applied together: a caller that goes on to another stop of this compilation counts as
   * one that fails also where that stop waits only once a fix has inserted the wait. {@code
   * madeToWait} says, of a call that ends work in that stop or the methods it calls ({@link
   * WorkEndingStops#endingCalls}: {@code pool.shutdown()}, {@code worker.interrupt()}), whether the
   * fix of the check asking puts a wait after it that the flag cuts short.
   */
  public static @Nullable Failing of(
      TreePath codeUnit,
      boolean returns,
      List<Type> thrown,
      VisitorState state,
      CancelGuardOptions options,
      @Nullable Predicate<TreePath> madeToWait) {
    try {
      return new Search(state, options, thrown, madeToWait)
          .from(codeUnit, returns, MAX_DEPTH, MAX_PROPAGATION);
    } catch (RuntimeException incomplete) {
      // A type javac cannot complete (a class missing from the classpath): its callers are not
      // seen. Let through, the failure would end every check's work on the rest of this file.
      return null;
    }
  }

  /** One question's search; what it has seen lives only as long as the question. */
  private static final class Search {
    private final VisitorState state;
    private final CancelGuardOptions options;
    private final List<Type> thrown;
    private final @Nullable Predicate<TreePath> madeToWait;
    private final Set<Tree> seen = new HashSet<>();

    /**
     * The branches of the {@code if}s and conditional expressions around the call being read that
     * it is not in: they run instead of the call, so nothing in them follows it.
     */
    private final Set<Tree> untaken = new HashSet<>();

    private int budget = MAX_CALL_SITES;

    Search(
        VisitorState state,
        CancelGuardOptions options,
        List<Type> thrown,
        @Nullable Predicate<TreePath> madeToWait) {
      this.state = state;
      this.options = options;
      this.thrown = thrown;
      this.madeToWait = madeToWait;
    }

    @Nullable Failing from(TreePath codeUnit, boolean returns, int depth, int propagation) {
      if (!seen.add(codeUnit.getLeaf())) {
        return null;
      }
      for (TreePath site : callSites(codeUnit)) {
        if (budget-- <= 0) {
          return null;
        }
        TreePath caller = Tasks.enclosingCodeUnit(site);
        if (caller == null || caller.getLeaf() == codeUnit.getLeaf()) {
          continue; // a recursive call: the method's own code is the placement's question
        }
        boolean[] propagates = new boolean[1];
        Failing failing = continuation(site, caller, returns, propagates);
        if (failing != null) {
          return failing;
        }
        // The exception passes through the caller uncaught: the caller decides nothing, and its
        // own callers meet the exception, with the flag set, as if they had called this code.
        // Through a private method or a lambda it stays in one class's own code, and that step is
        // free; through a method others can call it reaches callers of their own, one level more.
        if (propagates[0]) {
          if (propagation > 0 && passesThroughOwnCode(caller)) {
            failing = from(caller, false, depth, propagation - 1);
          } else if (depth > 1) {
            failing = from(caller, false, depth - 1, propagation);
          }
          if (failing != null) {
            return failing;
          }
          continue;
        }
        // The caller returns with the flag still set: its own callers go on with it, unless it
        // looks at the flag itself.
        if (depth > 1 && !FlagBlindLoops.looksAtTheFlag(caller.getLeaf(), state)) {
          failing = from(caller, true, depth - 1, propagation);
          if (failing != null) {
            return failing;
          }
        }
      }
      return null;
    }

    /** A lambda, or a private method: code only its own class calls. */
    private static boolean passesThroughOwnCode(TreePath caller) {
      return caller.getLeaf() instanceof LambdaExpressionTree
          || (caller.getLeaf() instanceof MethodTree method
              && getSymbol(method) instanceof MethodSymbol symbol
              && symbol.isPrivate());
    }

    /** The calls in this compilation that may run {@code codeUnit}, in a stable order. */
    private Set<TreePath> callSites(TreePath codeUnit) {
      CompilationCalls calls = CompilationCalls.of(state);
      Set<TreePath> sites = new LinkedHashSet<>();
      switch (codeUnit.getLeaf()) {
        case MethodTree method
            when getSymbol(method) instanceof MethodSymbol symbol && !symbol.isConstructor() -> {
          sites.addAll(calls.callsOf(symbol));
          if (symbol.isStatic()) {
            break;
          }
          List<MethodSymbol> overridden = overriddenInThisCompilation(symbol);
          for (MethodSymbol other : overridden) {
            for (TreePath call : calls.callsOf(other)) {
              // `super.m()` runs that very method, never this override.
              if (!isSuperCall(call.getLeaf())) {
                sites.add(call);
              }
            }
          }
          for (TreePath reference : calls.referencesHandedOver(symbol)) {
            sites.addAll(callsBack(reference, CallerContinuations::isAbstract));
          }
          if (!symbol.isPrivate() && symbol.owner instanceof ClassSymbol owner) {
            // What holds this very object may call any method this one overrides, the JDK's too.
            Predicate<MethodSymbol> runsIt =
                invoked ->
                    invoked.equals(symbol)
                        || symbol.overrides(invoked, owner, state.getTypes(), true);
            for (TreePath instance : calls.instancesHandedOver(owner)) {
              sites.addAll(callsBack(instance, runsIt));
            }
          }
        }
        case LambdaExpressionTree lambda -> {
          // A lambda a JDK method runs in place (`ifPresent(c -> c.remove(id))`, `forEach`) is
          // called, in effect, where that method is called.
          TreePath inPlace = FailingCalls.inPlaceCall(codeUnit, state);
          if (inPlace != null) {
            sites.add(inPlace);
          }
          for (TreePath argument : calls.lambdaHandedOver(lambda)) {
            sites.addAll(callsBack(argument, CallerContinuations::isAbstract));
          }
        }
        default -> {}
      }
      return sites;
    }

    /**
     * The methods {@code method} overrides or implements that are declared in this compilation (a
     * call of one may run this implementation). Those of the JDK and of jars ({@code
     * Runnable.run()}) are called by code anybody may write: their callers here are not taken. Nor
     * are those of a broad abstraction, overridden in more than {@value #MAX_OVERRIDES} classes of
     * the compilation (a protocol stack's {@code down(..)}): a call of it says little about any one
     * of them.
     */
    private List<MethodSymbol> overriddenInThisCompilation(MethodSymbol method) {
      List<MethodSymbol> found = new ArrayList<>();
      if (method.isPrivate() || !(method.owner instanceof ClassSymbol owner)) {
        return found;
      }
      Types types = state.getTypes();
      try {
        for (Type supertype : types.closure(owner.type)) {
          if (!(supertype.tsym instanceof ClassSymbol type)
              || type == owner
              || CompiledSources.classTree(type, state) == null) {
            continue;
          }
          for (Symbol member : type.members().getSymbolsByName(method.getSimpleName())) {
            if (member instanceof MethodSymbol other
                && method.overrides(other, owner, types, true)
                && !overriddenWidely(other, type)) {
              found.add(other);
            }
          }
        }
      } catch (RuntimeException incomplete) {
        return found; // a supertype that cannot be completed: its callers are not seen
      }
      return found;
    }

    /** True if more than {@value #MAX_OVERRIDES} classes of the compilation override it. */
    private boolean overriddenWidely(MethodSymbol method, ClassSymbol owner) {
      Set<MethodSymbol> overrides = new HashSet<>();
      for (ClassSymbol type : CompiledSources.subclassesOf(owner, state)) {
        if (method.implementation(type, state.getTypes(), true) instanceof MethodSymbol override
            && !override.equals(method)
            && overrides.add(override)
            && overrides.size() > MAX_OVERRIDES) {
          return true;
        }
      }
      return false;
    }

    /**
     * The calls through which the method or constructor that {@code argument} is passed to calls it
     * back: calls, in the file that declares it, on its parameter or on a field it stores the
     * parameter in ({@code this.function = function; .. function.run()}), of a method {@code
     * invoked} accepts.
     */
    private List<TreePath> callsBack(TreePath argument, Predicate<MethodSymbol> invoked) {
      Tree call = argument.getParentPath().getLeaf();
      List<? extends ExpressionTree> arguments;
      Symbol callee;
      if (call instanceof MethodInvocationTree invocation) {
        arguments = invocation.getArguments();
        callee = getSymbol(invocation);
      } else if (call instanceof NewClassTree newClass) {
        arguments = newClass.getArguments();
        callee = getSymbol(newClass);
      } else {
        return List.of();
      }
      int index = arguments.indexOf(argument.getLeaf());
      if (!(callee instanceof MethodSymbol method)
          || index < 0
          || index >= method.getParameters().size()
          || (method.isVarArgs() && index == method.getParameters().size() - 1)) {
        return List.of();
      }
      MethodTree declaration = CompiledSources.methodTree(method, state);
      if (declaration == null || declaration.getBody() == null) {
        return List.of(); // its code is not in this compilation: it is somebody else's caller
      }
      VarSymbol parameter = method.getParameters().get(index);
      Set<VarSymbol> holders = new LinkedHashSet<>();
      holders.add(parameter);
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitAssignment(AssignmentTree assignment, Void unused) {
          if (parameter.equals(getSymbol(assignment.getExpression()))
              && getSymbol(assignment.getVariable()) instanceof VarSymbol field
              && field.getKind() == ElementKind.FIELD) {
            holders.add(field);
          }
          return super.visitAssignment(assignment, null);
        }
      }.scan(declaration.getBody(), null);
      CompilationCalls calls = CompilationCalls.of(state);
      List<TreePath> found = new ArrayList<>();
      for (VarSymbol holder : holders) {
        for (TreePath callBack : calls.callsOn(holder)) {
          if (getSymbol(callBack.getLeaf()) instanceof MethodSymbol target
              && invoked.test(target)) {
            found.add(callBack);
          }
        }
      }
      return found;
    }

    /**
     * What the caller does after the call at {@code site}: the statements and the rest of the
     * statement after it up to a {@code return} or {@code throw}, the {@code finally} blocks around
     * it, and the loops around it (which run it again).
     */
    private @Nullable Failing continuation(
        TreePath site, TreePath caller, boolean returns, boolean[] propagates) {
      Tree call = site.getLeaf();
      untaken.clear();
      boolean stopping =
          caller.getLeaf() instanceof MethodTree callerMethod
              && Terminations.isStopLike(callerMethod);
      boolean thrown = !returns;
      boolean returned = false;
      Tree leftLoop = null; // the loop a catch that took the exception breaks out of
      for (TreePath p = site;
          p.getParentPath() != null && p.getLeaf() != caller.getLeaf();
          p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        if (leaf != call && (leaf instanceof ReturnTree || leaf instanceof ThrowTree)) {
          returned = true; // `return helper();`: only the finally blocks on the way out run
        }
        Tree parent = p.getParentPath().getLeaf();
        if (parent == caller.getLeaf()) {
          break;
        }
        if (parent instanceof TryTree tryTree) {
          if (thrown && leaf == tryTree.getBlock() && takesTheException(tryTree)) {
            thrown = false; // caught here: the caller goes on after the try
            // The catch that takes it runs first: cleanup there meets the flag as a finally's does.
            Tree cleanup = cleanupInCatches(tryTree, stopping);
            if (cleanup != null) {
              return new Failing(site, cleanup, Why.CLEANUP_IN_CATCH);
            }
            // The catches that take it may end by leaving: a `return`, a `throw` (the failure goes
            // on up), or a `break` out of the loop around the try, which then does not run again.
            switch (howTheCatchesEnd(tryTree)) {
              case RETURN -> returned = true;
              case THROW -> thrown = true;
              case BREAK -> {
                TreePath loop = Loops.enclosingLoop(p.getParentPath(), caller);
                leftLoop = loop == null ? null : loop.getLeaf();
              }
              default -> {}
            }
          }
          if (tryTree.getFinallyBlock() != null && leaf != tryTree.getFinallyBlock()) {
            Tree cleanup = FailingCalls.mayFailIn(tryTree.getFinallyBlock(), state, options);
            if (cleanup != null) {
              return new Failing(site, cleanup, Why.CLEANUP_IN_FINALLY);
            }
          }
          // The resources of a try-with-resources around the call are closed on every way out,
          // before its catches: a close that waits is the caller's cleanup.
          if (leaf == tryTree.getBlock()) {
            Tree resource = FailingCalls.failingClose(tryTree, state);
            if (resource != null) {
              return new Failing(site, resource, Why.RESOURCE_CLOSE);
            }
          }
          continue;
        }
        if (thrown || returned) {
          continue;
        }
        if (leftLoop != null && parent != leftLoop) {
          continue; // what follows in the loop's body does not run after the break
        }
        if (parent == leftLoop) {
          leftLoop = null;
          continue; // left, not run again; what follows the loop is looked at above it
        }
        if (parent instanceof BlockTree block) {
          boolean after = false;
          for (StatementTree statement : block.getStatements()) {
            if (after) {
              Tree found = goesOnTo(statement, call, -1, stopping);
              if (found != null) {
                return new Failing(site, found, Why.GOES_ON_TO_BLOCK);
              }
              if (statement.getKind() == Tree.Kind.RETURN
                  || statement.getKind() == Tree.Kind.THROW) {
                returned = true;
                break;
              }
            }
            after |= statement == leaf;
          }
          continue;
        }
        if (Loops.isLoop(parent)) {
          untaken.clear(); // the next round may take either branch
          boolean runsOnce =
              parent instanceof EnhancedForLoopTree forEach && forEach.getExpression() == leaf;
          if (runsOnce
              || FlagBlindLoops.looksAtTheFlag(parent, state)
              || endsOnAnInterrupt(p.getParentPath())) {
            continue;
          }
          if (!Loops.walksThroughItems(parent)) {
            return new Failing(site, call, Why.CALLS_AGAIN_IN_A_LOOP);
          }
          // A walk over items ends by itself: its next rounds matter as what follows the call.
          Tree found = goesOnTo(parent, null, -1, stopping);
          if (found != null) {
            return new Failing(site, found, Why.GOES_ON_TO_BLOCK);
          }
          continue;
        }
        // A call in one branch of an `if` (or of a `?:`): the other branch is the way not taken,
        // nothing of it runs after the call. What follows the whole `if` is read above it.
        Tree otherBranch = otherBranch(parent, leaf);
        if (otherBranch != null) {
          untaken.add(otherBranch);
          continue;
        }
        // The rest of a condition (both branches follow it) or of an expression statement.
        Tree found = goesOnTo(parent, call, getStartPosition(call), stopping);
        if (found != null) {
          return new Failing(site, found, Why.GOES_ON_TO_BLOCK);
        }
      }
      propagates[0] = thrown;
      return null;
    }

    /**
     * True if a catch of {@code tryTree} takes the exception the code throws: one of its types is a
     * supertype of a type thrown, or, where those are not known, it takes any unchecked exception.
     */
    private boolean takesTheException(TryTree tryTree) {
      return !catchesTakingIt(tryTree).isEmpty();
    }

    /**
     * The catches of {@code tryTree} that run for the exception the code throws: for each type
     * thrown (any unchecked exception, where those are not known), the first catch that takes it.
     */
    private List<CatchTree> catchesTakingIt(TryTree tryTree) {
      List<Type> taken =
          thrown.isEmpty() ? List.of(state.getSymtab().runtimeExceptionType) : thrown;
      List<CatchTree> found = new ArrayList<>();
      for (Type type : taken) {
        Type erased = state.getTypes().erasure(type);
        for (CatchTree catchTree : tryTree.getCatches()) {
          boolean takes = false;
          for (Type caught : Catches.caughtTypes(catchTree)) {
            takes |= state.getTypes().isSubtype(erased, caught);
          }
          if (takes) {
            if (!found.contains(catchTree)) {
              found.add(catchTree);
            }
            break;
          }
        }
      }
      return found;
    }

    /**
     * How every catch of {@code tryTree} that takes the exception ends, where they all end alike
     * with a {@code return}, a {@code throw} or an unlabelled {@code break} as their last
     * statement; {@link Tree.Kind#OTHER} otherwise (the caller goes on after the try).
     */
    private Tree.Kind howTheCatchesEnd(TryTree tryTree) {
      Tree.Kind ending = null;
      for (CatchTree catchTree : catchesTakingIt(tryTree)) {
        List<? extends StatementTree> statements = catchTree.getBlock().getStatements();
        Tree.Kind kind =
            statements.isEmpty()
                ? Tree.Kind.OTHER
                : switch (statements.getLast()) {
                  case ReturnTree r -> Tree.Kind.RETURN;
                  case ThrowTree t -> Tree.Kind.THROW;
                  case BreakTree b when b.getLabel() == null -> Tree.Kind.BREAK;
                  default -> Tree.Kind.OTHER;
                };
        if (ending != null && ending != kind) {
          return Tree.Kind.OTHER;
        }
        ending = kind;
      }
      return ending == null ? Tree.Kind.OTHER : ending;
    }

    /**
     * The first cleanup that fails when interrupted ({@link #goesOnTo}) in a catch of {@code
     * tryTree} that takes the exception the code throws, or null.
     */
    private @Nullable Tree cleanupInCatches(TryTree tryTree, boolean stopping) {
      for (CatchTree catchTree : catchesTakingIt(tryTree)) {
        Tree found = goesOnTo(catchTree.getBlock(), null, -1, stopping);
        if (found != null) {
          return found;
        }
      }
      return null;
    }

    /**
     * A call under {@code tree} (not in nested code, nor in {@code call} itself, starting after
     * {@code from}; -1: anywhere) that fails when interrupted and that the flag makes go wrong:
     * cleanup (made while {@code stopping}, or a call of a close/stop-like method) cut short, or
     * I/O on an interruptible channel, which the flag closes. Any other wait the flag ends early is
     * the interrupt doing its job.
     */
    private @Nullable Tree goesOnTo(Tree tree, @Nullable Tree call, int from, boolean stopping) {
      Tree[] found = new Tree[1];
      new NestedCodeSkipper() {
        @Override
        public Void scan(Tree node, Void unused) {
          return found[0] != null || (call != null && node == call) || untaken.contains(node)
              ? null
              : super.scan(node, null);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
          if (getStartPosition(invocation) > from
              && Expressions.isResolved(invocation)
              && (BlockingCalls.isInterruptibleChannelIo(invocation, state)
                  || ((stopping
                          || (getSymbol(invocation) instanceof MethodSymbol callee
                              && Terminations.isStopLikeName(callee.getSimpleName().toString())))
                      && (FailingCalls.failsWhenInterrupted(invocation, state, options)
                          || closesAFailingReference(invocation)))
                  || stopThatEndsWork(invocation))) {
            found[0] = invocation;
            return null;
          }
          return super.visitMethodInvocation(invocation, null);
        }
      }.scan(tree, null);
      return found[0];
    }

    /**
     * True if the call is another stop of this compilation ({@code connector.shutdown()}, {@code
     * stopMonitor()}: a stop-like name) that ends work by its own code ({@link WorkEndingStops})
     * where the asking check's fix inserts a wait ({@link #madeToWait}). With the flag already set,
     * that wait throws at once and the work is not waited for: a composite stop that goes on
     * stopping its other parts after this one is the shape.
     */
    private boolean stopThatEndsWork(MethodInvocationTree invocation) {
      if (madeToWait == null
          || !(getSymbol(invocation) instanceof MethodSymbol callee)
          || callee.isConstructor()
          || !Terminations.isStopLikeName(callee.getSimpleName().toString())
          || !WorkEndingStops.endsWork(callee, state)) {
        return false;
      }
      for (TreePath ending : WorkEndingStops.endingCalls(callee, state)) {
        if (madeToWait.test(ending)) {
          return true;
        }
      }
      return false;
    }

    /**
     * True if a close-like call is handed a method reference that names a stop-like method which
     * may fail when interrupted: {@code Utils.closeQuietly(this::stopServices, "services")} runs
     * that cleanup, as a call of it would.
     */
    private boolean closesAFailingReference(MethodInvocationTree invocation) {
      for (ExpressionTree argument : invocation.getArguments()) {
        if (argument instanceof MemberReferenceTree reference
            && getSymbol(reference) instanceof MethodSymbol named
            && !named.isConstructor()
            && Terminations.isStopLikeName(named.getSimpleName().toString())
            && FailingCalls.mayFailWhenInterrupted(named, state)) {
          return true;
        }
      }
      return false;
    }

    /**
     * True if the loop ends when interrupted: a call in it throws {@code InterruptedException} that
     * no catch inside the loop takes, so the restored flag ends the loop at its next wait.
     */
    private boolean endsOnAnInterrupt(TreePath loop) {
      boolean[] ends = new boolean[1];
      new NestedCodeSkipper() {
        @Override
        public Void scan(Tree node, Void unused) {
          return ends[0] ? null : super.scan(node, null);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
          if (Expressions.isResolved(invocation)
              && Interrupts.throwsInterruptedException(invocation, state)
              && !caughtWithin(getCurrentPath(), loop.getLeaf())) {
            ends[0] = true;
            return null;
          }
          return super.visitMethodInvocation(invocation, null);
        }
      }.scan(loop, null);
      return ends[0];
    }

    /** True if a catch between {@code path} and {@code stopAt} takes an InterruptedException. */
    private boolean caughtWithin(TreePath path, Tree stopAt) {
      Type interrupted = Interrupts.interruptedExceptionType(state);
      for (TreePath p = path; p.getParentPath() != null && p.getLeaf() != stopAt; ) {
        TreePath parent = p.getParentPath();
        if (parent.getLeaf() instanceof TryTree tryTree && tryTree.getBlock() == p.getLeaf()) {
          for (CatchTree catchTree : tryTree.getCatches()) {
            for (Type caught : Catches.caughtTypes(catchTree)) {
              if (state.getTypes().isSubtype(interrupted, caught)) {
                return true;
              }
            }
          }
        }
        p = parent;
      }
      return false;
    }
  }

  /**
   * Where {@code leaf} is the then- or else-branch of the {@code if}, or the second or third
   * operand of the conditional expression, {@code parent}: the other branch (an empty block where
   * an {@code if} has no {@code else}), which runs instead of it, never after it. Null where {@code
   * leaf} is anything else (the condition, which both branches follow).
   */
  private static @Nullable Tree otherBranch(Tree parent, Tree leaf) {
    return switch (parent) {
      case IfTree ifTree when leaf == ifTree.getThenStatement() ->
          ifTree.getElseStatement() == null ? leaf : ifTree.getElseStatement();
      case IfTree ifTree when leaf == ifTree.getElseStatement() -> ifTree.getThenStatement();
      case ConditionalExpressionTree conditional when leaf == conditional.getTrueExpression() ->
          conditional.getFalseExpression();
      case ConditionalExpressionTree conditional when leaf == conditional.getFalseExpression() ->
          conditional.getTrueExpression();
      default -> null;
    };
  }

  private static boolean isSuperCall(Tree call) {
    return call instanceof MethodInvocationTree invocation
        && invocation.getMethodSelect() instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree target
        && target.getName().contentEquals("super");
  }

  private static boolean isAbstract(MethodSymbol method) {
    return (method.flags() & Flags.ABSTRACT) != 0;
  }
}
