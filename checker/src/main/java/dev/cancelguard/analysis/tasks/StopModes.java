package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A stop mode the caller chooses: {@code close(boolean immediately)}, {@code stop(Mode mode)} with
 * an immediate and a graceful mode. A cancel on the immediate branch asks for a stop without
 * waiting, on purpose.
 */
public final class StopModes {
  /** Words of a parameter or constant that choose a stop without waiting. */
  private static final ImmutableSet<String> IMMEDIATE_WORDS =
      ImmutableSet.of(
          "immediate",
          "immediately",
          "now",
          "force",
          "forced",
          "forcibly",
          "abort",
          "abrupt",
          "abruptly",
          "kill",
          "hard");

  /** Words of a method name that say it stops something. */
  private static final ImmutableSet<String> STOP_WORDS =
      ImmutableSet.of(
          "close",
          "shutdown",
          "stop",
          "destroy",
          "terminate",
          "dispose",
          "halt",
          "cancel",
          "disconnect",
          "kill",
          "abort");

  /** Where a camel-case or snake-case name breaks into words; compiled once, not per name. */
  private static final Pattern WORD_BREAK = Pattern.compile("_|(?<=[a-z0-9])(?=[A-Z])");

  private static final Pattern DIGITS = Pattern.compile("[0-9]");

  private StopModes() {}

  /**
   * True if the method's own name says it stops without waiting: {@code closeImmediately()}, {@code
   * shutdownNow()}, {@code forceClose()}, {@code abort()}, {@code kill()}. Like {@code
   * ExecutorService.shutdownNow()}, such a method promises only that the stop has begun; its
   * callers wait where they need to (often through the graceful variant next to it).
   */
  public static boolean isImmediateStopMethod(TreePath codeUnit) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)) {
      return false;
    }
    boolean immediate = false;
    boolean stops = false;
    for (String word : words(method.getName().toString())) {
      immediate |= IMMEDIATE_WORDS.contains(word);
      stops |= STOP_WORDS.contains(word);
    }
    return immediate && stops;
  }

  /**
   * True if the caller chose a stop without waiting: the cancel (at {@code state}'s path) is in a
   * branch ({@code if}, {@code ?:}, {@code switch}) taken on a parameter of this method, and either
   * that choice names an immediate stop ({@code close(boolean immediately)}, {@code mode ==
   * CloseMode.IMMEDIATE}, {@code force}, {@code abort}) or the method waits for the work on its
   * other path (the graceful mode).
   */
  public static boolean immediateStopChosenByCaller(
      TreePath codeUnit, CancelTarget target, CancelGuardOptions options, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method) || method.getParameters().isEmpty()) {
      return false;
    }
    Set<Symbol> parameters = new HashSet<>();
    method.getParameters().forEach(p -> parameters.add(getSymbol(p)));
    Tree child = state.getPath().getLeaf();
    for (TreePath p = state.getPath().getParentPath();
        p != null && p.getLeaf() != method;
        child = p.getLeaf(), p = p.getParentPath()) {
      Choice choice = choiceOf(p.getLeaf(), child);
      if (choice == null || !readsAny(choice.parts().getFirst(), parameters)) {
        continue;
      }
      if ((choice.taken() && choice.parts().stream().anyMatch(StopModes::namesImmediateStop))
          || StopMethods.waitsOutside(method.getBody(), child, target, options, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if the method waits for the work only when its caller asks: after the cancel (at {@code
   * state}'s path) the wait sits in a branch taken on a parameter of this method — {@code
   * dispose(boolean awaitTermination) { pool.shutdownNow(); if (awaitTermination) {
   * pool.awaitTermination(..); } }}. The path without the wait is the caller's explicit "do not
   * wait" mode (often the only safe one on the work's own thread).
   */
  public static boolean waitChosenByCaller(
      TreePath codeUnit, CancelTarget target, CancelGuardOptions options, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || method.getParameters().isEmpty()
        || method.getBody() == null) {
      return false;
    }
    Set<Symbol> parameters = new HashSet<>();
    method.getParameters().forEach(p -> parameters.add(getSymbol(p)));
    int cancelEnd = state.getEndPosition(state.getPath().getLeaf());
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIf(IfTree ifTree, Void unused) {
        if (!found[0]
            && com.google.errorprone.util.ASTHelpers.getStartPosition(ifTree) >= cancelEnd
            && readsAny(ifTree.getCondition(), parameters)
            && (StopMethods.waitsOutside(ifTree.getThenStatement(), null, target, options, state)
                || StopMethods.waitsOutside(
                    ifTree.getElseStatement(), null, target, options, state))) {
          found[0] = true;
        }
        return super.visitIf(ifTree, null);
      }
    }.scan(method.getBody(), null);
    return found[0];
  }

  /**
   * True if the method only forwards the stop to the executor it wraps: its whole body is the
   * cancel, a call of the same name ({@code public void shutdown() { delegate.shutdown(); }}, also
   * {@code return delegate.shutdownNow();}) on a field the constructor sets from its parameter (the
   * executor is handed in to be wrapped, not created here). Such an adapter has the wrapped
   * executor's own contract — begin the stop, do not wait — and whoever waits does it through the
   * adapter.
   */
  public static boolean isForwardingStop(TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || method.getBody() == null
        || method.getBody().getStatements().size() != 1
        || !(state.getPath().getLeaf() instanceof com.sun.source.tree.MethodInvocationTree call)
        || !(getSymbol(call) instanceof Symbol.MethodSymbol cancel)
        || !cancel.getSimpleName().equals(method.getName())) {
      return false;
    }
    Tree only = method.getBody().getStatements().getFirst();
    ExpressionTree expression =
        switch (only) {
          case com.sun.source.tree.ExpressionStatementTree statement -> statement.getExpression();
          case com.sun.source.tree.ReturnTree returned -> returned.getExpression();
          default -> null;
        };
    return expression != null
        && Expressions.strip(expression) == call
        && getSymbol(getReceiver(call)) instanceof VarSymbol field
        && isWrappedFromTheConstructor(field, state);
  }

  /**
   * True if {@code field} is a field of the class at {@code state}'s path with no initializer whose
   * every assignment in the class is a constructor's parameter ({@code this.delegate = delegate;}):
   * the executor is handed in to be wrapped, not created by the class.
   */
  private static boolean isWrappedFromTheConstructor(VarSymbol field, VisitorState state) {
    ClassTree owner = ASTHelpers.findEnclosingNode(state.getPath(), ClassTree.class);
    if (owner == null
        || !(field.owner instanceof Symbol.ClassSymbol fieldClass)
        || !fieldClass.equals(getSymbol(owner))) {
      return false;
    }
    boolean[] assigned = new boolean[1];
    boolean[] other = new boolean[1];
    new TreeScanner<Void, MethodTree>() {
      @Override
      public Void visitMethod(MethodTree method, MethodTree unused) {
        return super.visitMethod(method, method);
      }

      @Override
      public Void visitVariable(VariableTree variable, MethodTree method) {
        other[0] |= field.equals(getSymbol(variable)) && variable.getInitializer() != null;
        return super.visitVariable(variable, method);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, MethodTree method) {
        if (field.equals(getSymbol(assignment.getVariable()))) {
          boolean fromParameter =
              method != null
                  && getSymbol(method) instanceof Symbol.MethodSymbol constructor
                  && constructor.isConstructor()
                  && getSymbol(Expressions.strip(assignment.getExpression()))
                      instanceof Symbol value
                  && method.getParameters().stream().anyMatch(p -> value.equals(getSymbol(p)));
          assigned[0] |= fromParameter;
          other[0] |= !fromParameter;
        }
        return super.visitAssignment(assignment, method);
      }
    }.scan(owner, null);
    return assigned[0] && !other[0];
  }

  /**
   * What decides whether {@code child} runs: the condition, or the switch selector and the case's
   * labels; {@code taken} says whether the child runs when the condition holds ({@code if
   * (immediately)}'s then, {@code if (!graceful)}'s else).
   */
  private record Choice(List<Tree> parts, boolean taken) {}

  private static @Nullable Choice choiceOf(Tree parent, Tree child) {
    return switch (parent) {
      case IfTree ifTree when child != ifTree.getCondition() ->
          new Choice(
              List.of(ifTree.getCondition()),
              (child == ifTree.getThenStatement()) != isNegation(ifTree.getCondition()));
      case ConditionalExpressionTree conditional when child != conditional.getCondition() ->
          new Choice(
              List.of(conditional.getCondition()),
              (child == conditional.getTrueExpression()) != isNegation(conditional.getCondition()));
      case SwitchTree switchTree when child instanceof CaseTree caseTree -> {
        List<Tree> parts = new ArrayList<>();
        parts.add(switchTree.getExpression());
        parts.addAll(caseTree.getExpressions());
        yield new Choice(parts, true);
      }
      default -> null;
    };
  }

  /** {@code !x}, {@code a != b}: the condition holds when what it names does not. */
  private static boolean isNegation(ExpressionTree condition) {
    ExpressionTree stripped = Expressions.strip(condition);
    return stripped != null
        && (stripped.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
            || stripped.getKind() == Tree.Kind.NOT_EQUAL_TO);
  }

  private static boolean readsAny(Tree tree, Set<Symbol> variables) {
    boolean[] reads = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        reads[0] |= variables.contains(getSymbol(identifier));
        return null;
      }
    }.scan(tree, null);
    return reads[0];
  }

  /**
   * An identifier in the choice says "now": {@code immediately}, {@code IMMEDIATE}, {@code force}.
   */
  private static boolean namesImmediateStop(Tree choice) {
    boolean[] names = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        names[0] |= saysImmediate(identifier.getName().toString());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        names[0] |= saysImmediate(select.getIdentifier().toString());
        return super.visitMemberSelect(select, null);
      }
    }.scan(choice, null);
    return names[0];
  }

  private static boolean saysImmediate(String name) {
    return words(name).stream().anyMatch(IMMEDIATE_WORDS::contains);
  }

  /**
   * The lower-case words of a camel-case or snake-case name, without digits: {@code
   * closeImmediately0} is {@code close}, {@code immediately}.
   */
  private static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    for (String word : WORD_BREAK.split(name)) {
      String letters = DIGITS.matcher(word).replaceAll("").toLowerCase(Locale.ROOT);
      if (!letters.isEmpty()) {
        words.add(letters);
      }
    }
    return words;
  }
}
