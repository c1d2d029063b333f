package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isConsideredFinal;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.flow.FactFlow;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.trees.CodeUnits;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The path question of a caught interrupt, asked of {@link FactFlow}: on which ways out of a block
 * (a catch, or the branch taken when {@code Thread.interrupted()} returned true) is the interrupt
 * neither restored nor rethrown?
 *
 * <p>One fact, "not handled yet", set on entry. It is removed by restoring the flag ({@code
 * Thread.currentThread().interrupt()}, a configured restorer, a helper of this file that restores
 * on every way out, recording the interrupt where every later path out turns the record into a
 * restore or a rethrow), by rethrowing the interrupt (also through a helper that throws it on
 * unchecked, {@link RethrowingHelpers}), and on the branch where the caught exception is known not
 * to be an interrupt (the {@code else} of {@code e instanceof InterruptedException}). Exceptions
 * other calls raise are not followed: they are not the interrupt.
 */
public final class InterruptPaths {
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

  private static final long UNHANDLED = 1;

  private InterruptPaths() {}

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
    Spec spec =
        new Spec(
            state,
            options,
            getSymbol(catchTree.getParameter()),
            enclosingMethod,
            catchTree.getBlock());
    return leaksOf(catchTree.getBlock(), spec, state);
  }

  /** The unhandled ways out of a statement entered with the flag just cleared. */
  public static ImmutableList<Leak> leaksOfStatement(
      StatementTree statement,
      @Nullable MethodTree enclosingMethod,
      VisitorState state,
      CancelGuardOptions options) {
    return leaksOf(statement, new Spec(state, options, null, enclosingMethod, statement), state);
  }

  /** True if every path through the block that completes normally restores the flag. */
  public static boolean restoresOnEveryPath(
      BlockTree block,
      @Nullable MethodTree enclosingMethod,
      VisitorState state,
      CancelGuardOptions options) {
    return walk(block, new Spec(state, options, null, enclosingMethod, block), state).stream()
        .noneMatch(exit -> exit.kind() == FactFlow.ExitKind.FALLS_OFF);
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

  private static ImmutableList<Exit> walk(StatementTree statement, Spec spec, VisitorState state) {
    return FactFlow.walk(
            statement, spec, state, UNHANDLED, /* catchesSeeTryEntry= */ true, Set.of())
        .exits();
  }

  private static ImmutableList<Leak> leaksOf(
      StatementTree statement, Spec spec, VisitorState state) {
    ImmutableList.Builder<Leak> leaks = ImmutableList.builder();
    for (Exit exit : walk(statement, spec, state)) {
      LeakKind kind =
          switch (exit.kind()) {
            case RETURNS -> LeakKind.RETURNS;
            case BREAKS -> LeakKind.BREAKS;
            case CONTINUES -> LeakKind.CONTINUES;
            case THROWS, PROPAGATES -> LeakKind.WRAPS;
            case FALLS_OFF, YIELDS, REACQUIRES -> LeakKind.FALLS_THROUGH;
          };
      Type thrown =
          exit.tree() instanceof ThrowTree throwTree ? getType(throwTree.getExpression()) : null;
      leaks.add(new Leak(kind, exit.tree(), thrown));
    }
    return leaks.build();
  }

  /** The facts of the question for one walked block (or helper body). */
  private static final class Spec implements FactFlow.Spec {
    private final VisitorState state;
    private final CancelGuardOptions options;

    /** The caught exception (or the helper parameter it was passed to); null if there is none. */
    private final @Nullable Symbol caughtVariable;

    /** Final locals holding the caught exception: {@code Throwable cause = e;}. */
    private final Set<Symbol> caughtAliases = new HashSet<>();

    /**
     * Final locals holding the caught exception's cause: {@code Throwable cause = e.getCause();}.
     */
    private final Set<Symbol> causeAliases = new HashSet<>();

    private final @Nullable MethodTree enclosingMethod;

    Spec(
        VisitorState state,
        CancelGuardOptions options,
        @Nullable Symbol caughtVariable,
        @Nullable MethodTree enclosingMethod,
        Tree walked) {
      this.state = state;
      this.options = options;
      this.caughtVariable = caughtVariable;
      this.enclosingMethod = enclosingMethod;
      if (caughtVariable != null) {
        new NestedCodeSkipper() {
          @Override
          public Void visitVariable(VariableTree variable, Void unused) {
            ExpressionTree initializer = variable.getInitializer();
            Symbol local = getSymbol(variable);
            if (initializer != null && local != null && isConsideredFinal(local)) {
              if (isCaughtValue(initializer)) {
                caughtAliases.add(local);
              } else if (isCauseOfCaught(initializer)) {
                causeAliases.add(local);
              }
            }
            return super.visitVariable(variable, null);
          }
        }.scan(walked, null);
      }
    }

    @Override
    public long killedBy(ExpressionTree tree) {
      return switch (tree) {
        // A constructor that restores: `throw new InterruptException(e)`.
        case MethodInvocationTree call when isRestoring(call) || rethrowsCaught(call) -> UNHANDLED;
        case NewClassTree creation when isRestoring(creation) -> UNHANDLED;
        case AssignmentTree assignment when isRecordedInterrupt(assignment) -> UNHANDLED;
        default -> 0;
      };
    }

    /**
     * A restore; a helper of another file or jar counts where it is handed the caught exception.
     */
    private boolean isRestoring(ExpressionTree call) {
      return Interrupts.isRestoringCall(
          call,
          state,
          options,
          caughtVariable != null
              ? this::isCaughtValue
              : value -> Interrupts.mayBeInterruptedException(value, state));
    }

    /**
     * {@code Utils.throwAsUnchecked(e)}: a helper that throws the caught exception on, unchecked
     * ({@link RethrowingHelpers}); the interrupt propagates as after {@code throw e;}.
     */
    private boolean rethrowsCaught(MethodInvocationTree call) {
      return caughtVariable != null
          && call.getArguments().size() == 1
          && isCaughtValue(call.getArguments().getFirst())
          && RethrowingHelpers.rethrowsItsArgument(call, state);
    }

    /**
     * On the branch where the caught exception cannot be an interrupt, there is none to handle; on
     * the branch where a record of the compilation's own interrupt is set ({@link
     * OwnInterruptRecords}: {@code if (!execution.isInterrupted()) restore;}), the interrupt is the
     * doorbell its sender rang, consumed by the sender's own protocol.
     */
    @Override
    public long killedOnBranch(ExpressionTree condition, boolean value) {
      return excludesInterrupt(condition, value)
              || OwnInterruptRecords.impliesOwnInterrupt(condition, value, state)
          ? UNHANDLED
          : 0;
    }

    /** Rethrowing the caught exception, or another interrupt, lets the interrupt propagate. */
    @Override
    public long killedByThrow(ThrowTree tree) {
      ExpressionTree thrown = stripParentheses(tree.getExpression());
      // `throw (E) e;` with E erased to Throwable or Exception: the cast cannot fail on an
      // interrupt, and what is thrown is the caught exception itself.
      while (thrown instanceof TypeCastTree cast && admitsAnInterrupt(cast)) {
        thrown = stripParentheses(cast.getExpression());
      }
      boolean rethrowsCaught = caughtVariable != null && caughtVariable.equals(getSymbol(thrown));
      return rethrowsCaught || Interrupts.isInterruptedExceptionValue(thrown, state)
          ? UNHANDLED
          : 0;
    }

    private boolean admitsAnInterrupt(TypeCastTree cast) {
      Type target = getType(cast.getType());
      return target != null
          && isSubtype(
              Interrupts.interruptedExceptionType(state), state.getTypes().erasure(target), state);
    }

    /** Other exceptions are not the interrupt. */
    @Override
    public boolean carriesFacts(ExpressionTree call, Type thrown) {
      return false;
    }

    /**
     * A helper restores if it does on every way out of its body; when the caught exception is
     * passed to it, the parameter it binds stands for the caught exception there: {@code if (t
     * instanceof InterruptedException) { restore; return ..; } return ..;} restores on every path
     * where there is an interrupt to restore.
     */
    @Override
    public FactFlow.Spec helperSpec(MethodInvocationTree call, MethodTree helper) {
      return new Spec(state, options, parameterOfCaught(call, helper), helper, helper.getBody());
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

    /**
     * True if, where the condition has the given value, the caught exception cannot be an
     * InterruptedException: {@code e instanceof InterruptedException} is false, or {@code e
     * instanceof KeeperException} (a class unrelated to it) is true; through {@code !}, {@code &&}
     * and {@code ||}.
     */
    private boolean excludesInterrupt(ExpressionTree condition, boolean value) {
      ExpressionTree stripped = stripParentheses(condition);
      return switch (stripped.getKind()) {
        case LOGICAL_COMPLEMENT ->
            excludesInterrupt(((UnaryTree) stripped).getExpression(), !value);
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
          // An InterruptedException carries no cause (it has no constructor that takes one, and
          // the blocking calls that throw it set none): where `e.getCause() instanceof X` is true,
          // the caught exception is not an interrupt.
          if (value
              && caughtVariable != null
              && isCauseOfCaught(((InstanceOfTree) stripped).getExpression())) {
            yield true;
          }
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

    /** True if the expression is {@code e.getCause()} of the caught exception, or a local of it. */
    private boolean isCauseOfCaught(ExpressionTree expression) {
      ExpressionTree stripped = stripParentheses(expression);
      if (stripped instanceof IdentifierTree) {
        Symbol symbol = getSymbol(stripped);
        return symbol != null && causeAliases.contains(symbol);
      }
      return stripped instanceof MethodInvocationTree call
          && call.getArguments().isEmpty()
          && call.getMethodSelect() instanceof MemberSelectTree select
          && select.getIdentifier().contentEquals("getCause")
          && isCaughtValue(select.getExpression());
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

    /**
     * {@code interrupted = true;}, {@code saved = e;} or a state set to a constant, where every
     * path out of the code unit afterwards restores the flag or rethrows ({@link
     * InterruptRecords}): the uninterruptible-wait idiom (wait on, restore at the end).
     */
    private boolean isRecordedInterrupt(AssignmentTree assignment) {
      InterruptRecords.Record record = InterruptRecords.recordOf(assignment, this::isCaughtValue);
      if (record == null) {
        return false;
      }
      TreePath path = TreePath.getPath(state.getPath().getCompilationUnit(), assignment);
      TreePath codeUnit = path == null ? null : CodeUnits.enclosing(path);
      return codeUnit != null
          && InterruptRecords.redeemedOnEveryPath(record, codeUnit, state, options);
    }
  }
}
