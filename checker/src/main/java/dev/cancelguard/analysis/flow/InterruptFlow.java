package dev.cancelguard.analysis.flow;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isConsideredFinal;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DefaultCaseLabelTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCBreak;
import com.sun.tools.javac.tree.JCTree.JCContinue;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.HelperChain;
import dev.cancelguard.analysis.interrupts.Interrupts;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A structured walk over a block (a catch, or the branch taken when {@code Thread.interrupted()}
 * returned true) answering: on which paths out of it is the interrupt neither restored nor
 * rethrown?
 *
 * <p>It follows if/else, switch (with fall-through), loops (zero or more iterations), labeled
 * statements, break/continue to their targets, nested try/catch/finally, return and throw. The
 * state on a path is one bit, "handled": the flag was restored ({@code
 * Thread.currentThread().interrupt()}, a configured restorer, a same-file helper that restores on
 * every path, or setting a boolean that the method later turns into a restore), or the path is
 * known not to carry an interrupt (the {@code else} of {@code e instanceof InterruptedException}).
 * Lambda and class bodies are not entered: code there runs later, elsewhere.
 */
public final class InterruptFlow {
  /** How a path leaves the walked block without handling the interrupt. */
  public enum LeakKind {
    /** The block completes normally; execution goes on after it. */
    FALLS_THROUGH,
    RETURNS,
    BREAKS,
    CONTINUES,
    /** Throws something other than the interrupt itself (wraps it). */
    WRAPS
  }

  /** One unhandled way out. {@code tree} is the statement that leaves, or the block itself. */
  public record Leak(LeakKind kind, Tree tree, @Nullable Type thrownType) {}

  /** The state on the paths reaching a point: none, all handled, or some unhandled. */
  private enum State {
    UNREACHABLE,
    HANDLED,
    UNHANDLED;

    State join(State other) {
      if (this == UNREACHABLE) {
        return other;
      }
      if (other == UNREACHABLE) {
        return this;
      }
      return this == HANDLED && other == HANDLED ? HANDLED : UNHANDLED;
    }
  }

  private final VisitorState state;
  private final CancelGuardOptions options;
  private final @Nullable Symbol caughtVariable;
  private final @Nullable MethodTree enclosingMethod;
  private final HelperChain helpers;

  private final Map<Tree, Leak> leaks = new LinkedHashMap<>();
  private final Map<Tree, State> jumpStates = new HashMap<>();
  private final Map<Tree, State> continueStates = new HashMap<>();
  private final Set<Tree> walkedStatements = new java.util.HashSet<>();
  private final Deque<List<Type>> enclosingCatchTypes = new ArrayDeque<>();
  private final Set<Symbol> caughtAliases = new java.util.HashSet<>();
  private @Nullable Set<Symbol> deferredRestoreFlags;

  private InterruptFlow(
      VisitorState state,
      CancelGuardOptions options,
      @Nullable Symbol caughtVariable,
      @Nullable MethodTree enclosingMethod,
      HelperChain helpers) {
    this.state = state;
    this.options = options;
    this.caughtVariable = caughtVariable;
    this.enclosingMethod = enclosingMethod;
    this.helpers = helpers;
  }

  /**
   * The unhandled ways out of a catch block, in source order.
   *
   * @param enclosingMethod the method holding the catch, where a deferred restore ({@code if
   *     (interrupted) Thread.currentThread().interrupt();}) may be; null inside a lambda
   */
  public static ImmutableList<Leak> leaksOfCatch(
      CatchTree catchTree,
      @Nullable MethodTree enclosingMethod,
      VisitorState state,
      CancelGuardOptions options) {
    InterruptFlow flow =
        new InterruptFlow(
            state,
            options,
            getSymbol(catchTree.getParameter()),
            enclosingMethod,
            HelperChain.start());
    return flow.leaksOf(catchTree.getBlock());
  }

  /** The unhandled ways out of a statement entered with the flag just cleared. */
  public static ImmutableList<Leak> leaksOfStatement(
      StatementTree statement,
      @Nullable MethodTree enclosingMethod,
      VisitorState state,
      CancelGuardOptions options) {
    return new InterruptFlow(state, options, null, enclosingMethod, HelperChain.start())
        .leaksOf(statement);
  }

  /** True if every path through the block that completes normally restores the flag. */
  public static boolean restoresOnEveryPath(
      BlockTree block,
      @Nullable MethodTree enclosingMethod,
      VisitorState state,
      CancelGuardOptions options) {
    return new InterruptFlow(state, options, null, enclosingMethod, HelperChain.start())
            .walk(block, State.UNHANDLED)
        != State.UNHANDLED;
  }

  private ImmutableList<Leak> leaksOf(StatementTree statement) {
    State end = walk(statement, State.UNHANDLED);
    if (end == State.UNHANDLED) {
      leaks.putIfAbsent(statement, new Leak(LeakKind.FALLS_THROUGH, statement, null));
    }
    return ImmutableList.copyOf(leaks.values());
  }

  private State walk(@Nullable StatementTree tree, State in) {
    if (tree == null || in == State.UNREACHABLE) {
      return in;
    }
    walkedStatements.add(tree);
    return switch (tree) {
      case BlockTree block -> walkAll(block.getStatements(), in);
      case ExpressionStatementTree statement -> walkExpression(statement.getExpression(), in);
      case VariableTree variable -> walkVariable(variable, in);
      case IfTree ifTree -> walkIf(ifTree, in);
      case ReturnTree returnTree ->
          leave(
              returnTree, LeakKind.RETURNS, afterEvaluating(returnTree.getExpression(), in), null);
      case ThrowTree throwTree -> walkThrow(throwTree, in);
      case BreakTree breakTree ->
          jump(breakTree, ((JCBreak) breakTree).target, LeakKind.BREAKS, in);
      case ContinueTree continueTree ->
          jump(continueTree, ((JCContinue) continueTree).target, LeakKind.CONTINUES, in);
      case WhileLoopTree loop ->
          walkLoop(loop, loop.getStatement(), in, !isConstantTrue(loop.getCondition()), false);
      case DoWhileLoopTree loop ->
          walkLoop(loop, loop.getStatement(), in, !isConstantTrue(loop.getCondition()), true);
      case ForLoopTree loop -> {
        State afterInit = walkAll(loop.getInitializer(), in);
        boolean mayExit = loop.getCondition() != null && !isConstantTrue(loop.getCondition());
        yield walkLoop(loop, loop.getStatement(), afterInit, mayExit, false);
      }
      case EnhancedForLoopTree loop -> walkLoop(loop, loop.getStatement(), in, true, false);
      case LabeledStatementTree labeled ->
          walk(labeled.getStatement(), in).join(takeJumps(labeled));
      case SynchronizedTree sync -> walk(sync.getBlock(), in);
      case SwitchTree switchTree -> walkSwitch(switchTree, in);
      case TryTree tryTree -> walkTry(tryTree, in);
      default -> in; // declarations, assert, empty statements, local classes: no effect
    };
  }

  private State walkAll(List<? extends StatementTree> statements, State in) {
    State current = in;
    for (StatementTree statement : statements) {
      current = walk(statement, current);
    }
    return current;
  }

  private State walkExpression(ExpressionTree expression, State in) {
    if (Interrupts.isProcessExit(expression, state)) {
      return State.UNREACHABLE;
    }
    if (isDeferredRestore(expression)) {
      return State.HANDLED;
    }
    return afterEvaluating(expression, in);
  }

  private State walkVariable(VariableTree variable, State in) {
    ExpressionTree initializer = variable.getInitializer();
    if (initializer != null && isCaughtValue(initializer)) {
      Symbol local = getSymbol(variable);
      if (local != null && isConsideredFinal(local)) {
        caughtAliases.add(local); // `Throwable cause = e;`: tests of `cause` are tests of `e`
      }
    }
    return afterEvaluating(initializer, in);
  }

  /**
   * The state once the expression is evaluated: handled if a call evaluated every time, before the
   * expression completes, restores the flag ({@code throw wrap(e)} with {@code wrap} restoring
   * first, {@code throw new IOException(restoring(e))}). Lambda and class bodies run later; the
   * arms of {@code ?:} and the right side of {@code &&}/{@code ||} may not run at all.
   */
  private State afterEvaluating(@Nullable ExpressionTree expression, State in) {
    if (expression == null || in != State.UNHANDLED) {
      return in;
    }
    boolean[] restores = new boolean[1];
    // Lambda and anonymous class bodies do not run here.
    new NestedCodeSkipper() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return restores[0] ? null : super.scan(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Interrupts.isRestoringCall(call, state, options) || isRestoringHelper(call)) {
          restores[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        if (Interrupts.isRestoringCall(newClass, state, options)) {
          restores[0] = true; // a constructor that restores: `throw new InterruptException(e)`
          return null;
        }
        scan(newClass.getEnclosingExpression(), null);
        return scan(newClass.getArguments(), null); // not the anonymous class body
      }

      @Override
      public Void visitConditionalExpression(ConditionalExpressionTree conditional, Void unused) {
        return scan(conditional.getCondition(), null);
      }

      @Override
      public Void visitBinary(BinaryTree binary, Void unused) {
        return binary.getKind() == Tree.Kind.CONDITIONAL_AND
                || binary.getKind() == Tree.Kind.CONDITIONAL_OR
            ? scan(binary.getLeftOperand(), null)
            : super.visitBinary(binary, null);
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree switchExpression, Void unused) {
        return scan(switchExpression.getExpression(), null);
      }
    }.scan(expression, null);
    return restores[0] ? State.HANDLED : in;
  }

  /**
   * True if the expression is the caught exception whenever that is an InterruptedException: the
   * caught variable, a final local holding it, or {@code e instanceof CompletionException ?
   * e.getCause() : e} (the arm taken when the test excludes an interrupt).
   */
  private boolean isCaughtValue(ExpressionTree expression) {
    ExpressionTree stripped = stripParentheses(expression);
    if (stripped instanceof ConditionalExpressionTree conditional) {
      if (excludesInterrupt(conditional.getCondition(), true)) {
        return isCaughtValue(conditional.getFalseExpression());
      }
      if (excludesInterrupt(conditional.getCondition(), false)) {
        return isCaughtValue(conditional.getTrueExpression());
      }
      return isCaughtValue(conditional.getTrueExpression())
          && isCaughtValue(conditional.getFalseExpression());
    }
    if (!(stripped instanceof IdentifierTree)) {
      return false;
    }
    Symbol symbol = getSymbol(stripped);
    return symbol != null && (symbol.equals(caughtVariable) || caughtAliases.contains(symbol));
  }

  private State walkIf(IfTree ifTree, State in) {
    ExpressionTree condition = stripParentheses(ifTree.getCondition());
    State afterCondition = afterEvaluating(condition, in);
    // The branch where the caught exception is known not to be an InterruptedException has
    // nothing to restore.
    State thenIn = excludesInterrupt(condition, true) ? State.HANDLED : afterCondition;
    State elseIn = excludesInterrupt(condition, false) ? State.HANDLED : afterCondition;
    State thenOut = walk(ifTree.getThenStatement(), thenIn);
    State elseOut =
        ifTree.getElseStatement() == null ? elseIn : walk(ifTree.getElseStatement(), elseIn);
    return thenOut.join(elseOut);
  }

  /**
   * True if, where the condition has the given value, the caught exception cannot be an
   * InterruptedException: {@code e instanceof InterruptedException} is false, or {@code e
   * instanceof KeeperException} (a class unrelated to it) is true; through {@code !}, {@code &&}
   * and {@code ||}.
   */
  private boolean excludesInterrupt(ExpressionTree condition, boolean value) {
    ExpressionTree stripped = stripParentheses(condition);
    return switch (stripped.getKind()) {
      case LOGICAL_COMPLEMENT -> excludesInterrupt(((UnaryTree) stripped).getExpression(), !value);
      case CONDITIONAL_AND, CONDITIONAL_OR -> {
        BinaryTree binary = (BinaryTree) stripped;
        boolean left = excludesInterrupt(binary.getLeftOperand(), value);
        boolean right = excludesInterrupt(binary.getRightOperand(), value);
        // `a && b` true, or `a || b` false: both operands have that value; otherwise either.
        yield (stripped.getKind() == Tree.Kind.CONDITIONAL_AND) == value
            ? left || right
            : left && right;
      }
      case INSTANCE_OF -> {
        Type tested = testedType((InstanceOfTree) stripped);
        if (tested == null) {
          yield false;
        }
        Type interrupted = Interrupts.interruptedExceptionType(state);
        boolean coversInterrupt =
            isSubtype(tested, interrupted, state) || isSubtype(interrupted, tested, state);
        // An interface could be implemented by a subclass of InterruptedException.
        yield value ? !coversInterrupt && !tested.isInterface() : coversInterrupt;
      }
      default -> false;
    };
  }

  /** The type an {@code instanceof} on the caught variable tests, or null for another test. */
  private @Nullable Type testedType(InstanceOfTree instanceOf) {
    if (caughtVariable == null || !isCaughtValue(instanceOf.getExpression())) {
      return null;
    }
    return instanceOf.getPattern() != null
        ? getType(instanceOf.getPattern())
        : getType(instanceOf.getType());
  }

  private State walkThrow(ThrowTree throwTree, State in) {
    ExpressionTree thrown = stripParentheses(throwTree.getExpression());
    Type thrownType = getType(thrown);
    if (thrownType != null && isCaughtLocally(thrownType)) {
      return State.UNREACHABLE; // goes to a catch inside the walked block, walked on its own
    }
    boolean rethrowsCaught = caughtVariable != null && caughtVariable.equals(getSymbol(thrown));
    if (rethrowsCaught || Interrupts.isInterruptedExceptionValue(thrown, state)) {
      return State.UNREACHABLE; // the interrupt propagates
    }
    return leave(throwTree, LeakKind.WRAPS, afterEvaluating(thrown, in), thrownType);
  }

  private boolean isCaughtLocally(Type thrownType) {
    for (List<Type> catchTypes : enclosingCatchTypes) {
      for (Type caught : catchTypes) {
        if (isSubtype(thrownType, caught, state)) {
          return true;
        }
      }
    }
    return false;
  }

  private State leave(Tree exit, LeakKind kind, State in, @Nullable Type thrownType) {
    if (in == State.UNHANDLED) {
      leaks.putIfAbsent(exit, new Leak(kind, exit, thrownType));
    }
    return State.UNREACHABLE;
  }

  private State jump(Tree jump, @Nullable Tree target, LeakKind kind, State in) {
    if (target != null && walkedStatements.contains(target)) {
      (kind == LeakKind.CONTINUES ? continueStates : jumpStates).merge(target, in, State::join);
      return State.UNREACHABLE;
    }
    return leave(jump, kind, in, null);
  }

  private State takeJumps(Tree target) {
    State jumped = jumpStates.remove(target);
    return jumped == null ? State.UNREACHABLE : jumped;
  }

  private State walkLoop(
      StatementTree loop, StatementTree body, State in, boolean conditionMayFail, boolean once) {
    // One bit of state: a second pass from the joined loop-back state reaches the fixpoint.
    State bodyOut = walk(body, in);
    State loopBack = bodyOut.join(takeJumpsOfContinue(loop));
    State entry = in.join(loopBack);
    if (entry != in) {
      bodyOut = walk(body, entry);
      loopBack = loopBack.join(bodyOut).join(takeJumpsOfContinue(loop));
    }
    State exits = takeJumps(loop);
    if (conditionMayFail) {
      exits = exits.join(once ? loopBack : in.join(loopBack));
    }
    return exits;
  }

  private State takeJumpsOfContinue(Tree loop) {
    State jumped = continueStates.remove(loop);
    return jumped == null ? State.UNREACHABLE : jumped;
  }

  private State walkSwitch(SwitchTree switchTree, State in) {
    State fallThrough = State.UNREACHABLE;
    State out = State.UNREACHABLE;
    boolean hasDefault = false;
    for (CaseTree caseTree : switchTree.getCases()) {
      hasDefault |=
          caseTree.getExpressions().isEmpty()
              || caseTree.getLabels().stream().anyMatch(l -> l instanceof DefaultCaseLabelTree);
      if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = caseTree.getBody();
        State caseOut =
            switch (body) {
              case StatementTree statement -> walk(statement, in);
              case ExpressionTree expression -> walkExpression(expression, in);
              case null, default -> in;
            };
        out = out.join(caseOut);
      } else {
        fallThrough = walkAll(caseTree.getStatements(), in.join(fallThrough));
      }
    }
    out = out.join(fallThrough).join(takeJumps(switchTree));
    return hasDefault ? out : out.join(in);
  }

  private State walkTry(TryTree tryTree, State in) {
    Map<Tree, Leak> outerLeaks = new LinkedHashMap<>(leaks);
    leaks.clear();
    List<Type> catchTypes = new ArrayList<>();
    for (CatchTree catchTree : tryTree.getCatches()) {
      catchTypes.addAll(Interrupts.caughtTypes(catchTree));
    }
    enclosingCatchTypes.push(catchTypes);
    State out;
    try {
      out = walk(tryTree.getBlock(), in);
    } finally {
      enclosingCatchTypes.pop();
    }
    // A catch may be entered from any point of the try block; the state only grows, so the
    // entry state is the weakest one.
    for (CatchTree catchTree : tryTree.getCatches()) {
      out = out.join(walk(catchTree.getBlock(), in));
    }
    BlockTree finallyBlock = tryTree.getFinallyBlock();
    if (finallyBlock != null) {
      State finallyFromScratch =
          new InterruptFlow(state, options, null, enclosingMethod, helpers)
              .walk(finallyBlock, State.UNHANDLED);
      if (finallyFromScratch != State.UNHANDLED) {
        // The finally restores on every path, or never completes: whatever left the try block
        // went through it.
        leaks.clear();
      }
      out = out == State.UNREACHABLE ? out : walk(finallyBlock, out);
    }
    Map<Tree, Leak> inner = new LinkedHashMap<>(leaks);
    leaks.clear();
    leaks.putAll(outerLeaks);
    inner.forEach(leaks::putIfAbsent);
    return out;
  }

  private static boolean isConstantTrue(@Nullable ExpressionTree condition) {
    return condition != null && Boolean.TRUE.equals(constValue(stripParentheses(condition)));
  }

  /**
   * A method of this compilation unit that restores the flag on every path out of its body. When
   * the caught exception is passed to it, the parameter it binds stands for the caught exception
   * there: {@code if (t instanceof InterruptedException) { restore; return ..; } return ..;}
   * restores on every path where there is an interrupt to restore.
   */
  private boolean isRestoringHelper(MethodInvocationTree call) {
    if (!Expressions.isResolved(call)
        || !(getSymbol(call) instanceof MethodSymbol method)
        || !SameFile.isDeclaredIn(method, state.getPath().getCompilationUnit())) {
      return false;
    }
    MethodTree helper = SameFile.findMethod(state.getPath().getCompilationUnit(), method);
    HelperChain inner = helpers.enter(method);
    if (helper == null || helper.getBody() == null || inner == null) {
      return false;
    }
    InterruptFlow flow =
        new InterruptFlow(state, options, parameterOfCaught(call, helper), helper, inner);
    return flow.walk(helper.getBody(), State.UNHANDLED) != State.UNHANDLED && flow.leaks.isEmpty();
  }

  /** The helper's parameter that receives the caught exception, or null. */
  private @Nullable Symbol parameterOfCaught(MethodInvocationTree call, MethodTree helper) {
    if (caughtVariable == null) {
      return null;
    }
    List<? extends ExpressionTree> arguments = call.getArguments();
    List<? extends VariableTree> parameters = helper.getParameters();
    for (int i = 0; i < arguments.size() && i < parameters.size(); i++) {
      boolean varargs = i == parameters.size() - 1 && getSymbol(helper).isVarArgs();
      if (!varargs && isCaughtValue(arguments.get(i))) {
        return getSymbol(parameters.get(i));
      }
    }
    return null;
  }

  /**
   * {@code interrupted = true;} where the method later does {@code if (interrupted) {
   * Thread.currentThread().interrupt(); }} (the "uninterruptibly" idiom: wait on, restore at the
   * end).
   */
  private boolean isDeferredRestore(ExpressionTree expression) {
    if (!(stripParentheses(expression) instanceof AssignmentTree assignment)
        || !Boolean.TRUE.equals(constValue(assignment.getExpression()))
        || enclosingMethod == null) {
      return false;
    }
    Symbol flag = getSymbol(assignment.getVariable());
    return flag != null && deferredRestoreFlags().contains(flag);
  }

  private Set<Symbol> deferredRestoreFlags() {
    if (deferredRestoreFlags == null) {
      Set<Symbol> flags = new java.util.HashSet<>();
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitIf(IfTree tree, Void unused) {
          if (stripParentheses(tree.getCondition()) instanceof IdentifierTree flag
              && containsRestore(tree.getThenStatement())) {
            Symbol symbol = getSymbol(flag);
            if (symbol != null) {
              flags.add(symbol);
            }
          }
          return super.visitIf(tree, null);
        }
      }.scan(enclosingMethod, null);
      deferredRestoreFlags = flags;
    }
    return deferredRestoreFlags;
  }

  private boolean containsRestore(StatementTree statement) {
    return containsRestore(statement, state, options);
  }

  /** True if the statement restores the flag somewhere (on some path; lambdas included). */
  public static boolean containsRestore(
      StatementTree statement, VisitorState state, CancelGuardOptions options) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        found[0] |= Interrupts.isRestoringCall(tree, state, options);
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        found[0] |= Interrupts.isRestoringCall(tree, state, options);
        return super.visitNewClass(tree, null);
      }
    }.scan(statement, null);
    return found[0];
  }
}
