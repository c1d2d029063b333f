package dev.cancelguard.analysis.flow;

import static dev.cancelguard.analysis.flow.PathState.join;

import com.google.common.collect.ImmutableMap;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.flow.FactFlow.CatchEntry;
import dev.cancelguard.analysis.flow.FactFlow.ExitKind;
import dev.cancelguard.analysis.flow.FactFlow.Raise;
import dev.cancelguard.analysis.flow.FactFlow.Spec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The expressions half of {@link Walker}: operands and arguments in evaluation order, the branches
 * of a condition, and each call, assignment or construction as one step that adds and removes the
 * spec's facts, raises what it throws into {@link TryFrames}, and is followed into a helper by
 * {@link HelperSummaries}. Statements, jumps and loops are {@link Walker}'s.
 */
final class ExpressionWalker {
  /** The states after a condition: where it is true, and where it is false. */
  record Branches(@Nullable PathState whenTrue, @Nullable PathState whenFalse) {}

  private final Walker walker;
  private final TryFrames tries;
  private final VisitorState state;
  private final Spec spec;
  private final CatchEntry catchEntry;
  private final Set<? extends Tree> observe;
  private final HelperSummaries helpers;
  private final Map<Tree, Long> observed = new LinkedHashMap<>();

  ExpressionWalker(
      Walker walker,
      TryFrames tries,
      VisitorState state,
      Spec spec,
      CatchEntry catchEntry,
      Set<? extends Tree> observe,
      HelperSummaries helpers) {
    this.walker = walker;
    this.tries = tries;
    this.state = state;
    this.spec = spec;
    this.catchEntry = catchEntry;
    this.observe = observe;
    this.helpers = helpers;
  }

  /** The facts holding before each observed tree, on any path. */
  ImmutableMap<Tree, Long> observed() {
    return ImmutableMap.copyOf(observed);
  }

  /**
   * Follows an expression in evaluation order (operands and arguments before the call): {@code &&},
   * {@code ||}, {@code ?:} and switch expressions branch and join. Lambda, method reference and
   * class bodies are not entered: that code runs later, elsewhere.
   */
  @Nullable PathState scan(@Nullable ExpressionTree expression, @Nullable PathState in) {
    if (expression == null || in == null) {
      return in;
    }
    return switch (expression) {
      case IdentifierTree identifier -> observe(identifier, in);
      case LiteralTree literal -> in;
      case LambdaExpressionTree lambda -> in;
      case MemberReferenceTree reference -> scan(reference.getQualifierExpression(), in);
      case ParenthesizedTree parens -> scan(parens.getExpression(), in);
      case MemberSelectTree select -> observe(select, scan(select.getExpression(), in));
      case BinaryTree binary
          when binary.getKind() == Tree.Kind.CONDITIONAL_AND
              || binary.getKind() == Tree.Kind.CONDITIONAL_OR -> {
        Branches branches = branch(binary, in);
        yield join(branches.whenTrue(), branches.whenFalse());
      }
      case ConditionalExpressionTree conditional -> {
        Branches branches = branch(conditional.getCondition(), in);
        yield join(
            scan(conditional.getTrueExpression(), branches.whenTrue()),
            scan(conditional.getFalseExpression(), branches.whenFalse()));
      }
      case SwitchExpressionTree switchExpression ->
          walker.walkSwitch(
              switchExpression, switchExpression.getExpression(), switchExpression.getCases(), in);
      case MethodInvocationTree call -> {
        PathState current = scan(call.getMethodSelect(), in);
        for (ExpressionTree argument : call.getArguments()) {
          current = scan(argument, current);
        }
        yield step(call, current);
      }
      case NewClassTree newClass -> {
        PathState current = scan(newClass.getEnclosingExpression(), in);
        for (ExpressionTree argument : newClass.getArguments()) {
          current = scan(argument, current);
        }
        yield step(newClass, current); // not the anonymous class body
      }
      case AssignmentTree assignment ->
          step(assignment, scan(assignment.getExpression(), scan(assignment.getVariable(), in)));
      default -> scanOperands(expression, in);
    };
  }

  /** Any other expression: its operands in order. */
  private @Nullable PathState scanOperands(ExpressionTree expression, PathState in) {
    PathState[] current = {in};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == expression || !(tree instanceof ExpressionTree operand)) {
          return super.scan(tree, null);
        }
        current[0] = ExpressionWalker.this.scan(operand, current[0]);
        return null;
      }

      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        return null;
      }
    }.scan(expression, null);
    return current[0];
  }

  /**
   * The states where a condition is true and where it is false: through parentheses, {@code !},
   * {@code &&} and {@code ||} (whose right operand runs on one branch of the left only); each
   * condition and sub-condition then adds and removes the facts its spec says for each branch.
   */
  Branches branch(@Nullable ExpressionTree condition, @Nullable PathState in) {
    if (condition == null || in == null) {
      return new Branches(in, in); // none: `for (;;)`, or the end of a for-each loop's elements
    }
    Branches branches =
        switch (condition) {
          case ParenthesizedTree parens -> branch(parens.getExpression(), in);
          case UnaryTree not when not.getKind() == Tree.Kind.LOGICAL_COMPLEMENT -> {
            Branches operand = branch(not.getExpression(), in);
            yield new Branches(operand.whenFalse(), operand.whenTrue());
          }
          case BinaryTree and when and.getKind() == Tree.Kind.CONDITIONAL_AND -> {
            Branches left = branch(and.getLeftOperand(), in);
            Branches right = branch(and.getRightOperand(), left.whenTrue());
            yield new Branches(right.whenTrue(), join(left.whenFalse(), right.whenFalse()));
          }
          case BinaryTree or when or.getKind() == Tree.Kind.CONDITIONAL_OR -> {
            Branches left = branch(or.getLeftOperand(), in);
            Branches right = branch(or.getRightOperand(), left.whenFalse());
            yield new Branches(join(left.whenTrue(), right.whenTrue()), right.whenFalse());
          }
          default -> {
            PathState after = scan(condition, in);
            yield new Branches(after, after);
          }
        };
    PathState whenTrue = branches.whenTrue();
    if (whenTrue != null) {
      whenTrue =
          whenTrue
              .plus(spec.addedOnTrueBranch(condition), condition)
              .minus(spec.killedOnBranch(condition, true));
    }
    PathState whenFalse = branches.whenFalse();
    if (whenFalse != null) {
      whenFalse = whenFalse.minus(spec.killedOnBranch(condition, false));
    }
    return new Branches(whenTrue, whenFalse);
  }

  /** Records the facts before {@code tree} when it is observed. */
  @Nullable PathState observe(Tree tree, @Nullable PathState in) {
    if (in != null && observe.contains(tree)) {
      observed.merge(tree, in.facts(), (a, b) -> a | b);
    }
    return in;
  }

  private @Nullable PathState step(ExpressionTree tree, @Nullable PathState in) {
    if (in == null) {
      return null;
    }
    observe(tree, in);
    if (ProcessExits.endsTheProcess(tree, state)) {
      return null; // the process ends here: no way out of the code unit follows
    }
    long overwritten = in.facts() & spec.acquiredBy(tree);
    if (overwritten != 0) {
      walker.record(ExitKind.REACQUIRES, tree, new PathState(overwritten, in.origin()));
    }
    // A call that fails still counts as having done what it kills (a close that throws closed,
    // a wait that failed is over); what it raises may add facts of its own.
    HelperSummaries.Summary helper = helpers.of(tree, in.facts(), spec, catchEntry, state);
    PathState attempted = in.minus(spec.killedBy(tree) | helper.killed());
    List<Raise> extra = spec.raises(tree);
    for (Raise raise : extra) {
      tries.raise(raise.type(), attempted.plus(raise.added(), tree), tree, ExitKind.PROPAGATES);
    }
    if (attempted.facts() != 0) {
      for (Type thrown : TryFrames.declaredThrows(tree)) {
        if (extra.stream().noneMatch(r -> state.getTypes().isSameType(r.type(), thrown))
            && spec.carriesFacts(tree, thrown)) {
          tries.raise(thrown, attempted, tree, ExitKind.PROPAGATES);
        }
      }
    }
    return attempted.plus(spec.addedBy(tree, in.facts()) | helper.added(), tree);
  }
}
