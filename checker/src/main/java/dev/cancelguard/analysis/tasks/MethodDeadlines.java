package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getType;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.WriteScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * The deadline a method was given, which a wait inserted into it keeps: a {@code (long timeout,
 * TimeUnit unit)} pair or a {@code Duration} parameter, a number whose name says its unit ({@code
 * long timeoutMs}, {@code int closeTimeoutSeconds}), or a deadline the method computed from one
 * ({@code long deadline = System.nanoTime() + unit.toNanos(timeout)}, whose remaining time the wait
 * gets). A number named as a timeout whose unit nothing says ({@code long timeout}) is a deadline
 * too, one a fix cannot keep: no unbounded wait belongs there.
 */
public final class MethodDeadlines {
  private MethodDeadlines() {}

  /** Words that name a relative timeout in a parameter's name. */
  private static final ImmutableSet<String> TIMEOUT_WORDS =
      ImmutableSet.of("timeout", "wait", "await", "grace", "linger");

  /** Words that end a number's name and give its unit, with that {@code TimeUnit} constant. */
  private static final ImmutableMap<String, String> UNIT_WORDS =
      ImmutableMap.<String, String>builder()
          .put("ns", "NANOSECONDS")
          .put("nanos", "NANOSECONDS")
          .put("nanoseconds", "NANOSECONDS")
          .put("us", "MICROSECONDS")
          .put("micros", "MICROSECONDS")
          .put("microseconds", "MICROSECONDS")
          .put("ms", "MILLISECONDS")
          .put("msec", "MILLISECONDS")
          .put("msecs", "MILLISECONDS")
          .put("millis", "MILLISECONDS")
          .put("milliseconds", "MILLISECONDS")
          .put("sec", "SECONDS")
          .put("secs", "SECONDS")
          .put("seconds", "SECONDS")
          .put("mins", "MINUTES")
          .put("minutes", "MINUTES")
          .buildOrThrow();

  /** The clocks a computed deadline adds a timeout to, with the unit they count in. */
  private static final ImmutableMap<String, String> CLOCKS =
      ImmutableMap.of("nanoTime", "NANOSECONDS", "currentTimeMillis", "MILLISECONDS");

  /**
   * The deadline of the method enclosing {@code codeUnit} that a wait at {@code at} keeps, or null
   * for a lambda or a method given none (or one whose unit nothing says: see {@link
   * #hasDeadlineOfUnknownUnit}). A deadline computed from the method's timeout before {@code at},
   * in a block around it, comes first: the wait gets what remains of it.
   */
  public static WaitFixes.@Nullable Deadline deadlineOf(
      @Nullable TreePath codeUnit, TreePath at, VisitorState state) {
    if (codeUnit == null || !(codeUnit.getLeaf() instanceof MethodTree method)) {
      return null;
    }
    WaitFixes.Deadline computed = computedDeadline(method, at, state);
    if (computed != null) {
      return computed;
    }
    Type timeUnit = state.getTypeFromString("java.util.concurrent.TimeUnit");
    Type duration = state.getTypeFromString("java.time.Duration");
    List<? extends VariableTree> parameters = method.getParameters();
    WaitFixes.Deadline typed = null;
    WaitFixes.Deadline named = null;
    for (int i = 0; i < parameters.size(); i++) {
      Type type = getType(parameters.get(i));
      if (type == null) {
        continue;
      }
      String name = parameters.get(i).getName().toString();
      if (duration != null && state.getTypes().isSameType(type, duration)) {
        typed = new WaitFixes.Deadline(name, null);
      } else if (i > 0
          && timeUnit != null
          && state.getTypes().isSameType(type, timeUnit)
          && isWholeNumber(getType(parameters.get(i - 1)))) {
        typed = new WaitFixes.Deadline(parameters.get(i - 1).getName().toString(), name);
      } else if (isWholeNumber(type) && unitOfTimeout(name) != null) {
        named = WaitFixes.Deadline.inUnit(name, unitOfTimeout(name));
      }
    }
    return typed != null ? typed : named;
  }

  /**
   * True if the method enclosing {@code codeUnit} takes a number named as a timeout or a deadline
   * whose unit neither its name nor a {@code TimeUnit} beside it says ({@code close(long timeout)},
   * {@code stop(long deadline)}): the caller bounded the stop, and a wait inserted there can
   * neither keep that bound nor ignore it.
   */
  public static boolean hasDeadlineOfUnknownUnit(@Nullable TreePath codeUnit, VisitorState state) {
    if (codeUnit == null || !(codeUnit.getLeaf() instanceof MethodTree method)) {
      return false;
    }
    Type timeUnit = state.getTypeFromString("java.util.concurrent.TimeUnit");
    List<? extends VariableTree> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      String name = parameters.get(i).getName().toString();
      boolean unitBeside =
          i + 1 < parameters.size()
              && timeUnit != null
              && getType(parameters.get(i + 1)) != null
              && state.getTypes().isSameType(getType(parameters.get(i + 1)), timeUnit);
      List<String> words = words(name);
      if (isWholeNumber(getType(parameters.get(i)))
          && !unitBeside
          && !words.isEmpty()
          && unitOfTimeout(name) == null
          && (words.contains("deadline") || TIMEOUT_WORDS.contains(words.getLast()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code TimeUnit} constant a number's name gives a timeout in ({@code timeoutMs}, {@code
   * close_timeout_seconds}, {@code waitMillis}, {@code awaitTerminateMillis}), or null: a name
   * without a timeout word, without a unit at its end, or naming a deadline (a point in time on
   * some clock, not an amount).
   */
  static @Nullable String unitOfTimeout(String name) {
    List<String> words = words(name);
    if (words.size() < 2 || words.contains("deadline")) {
      return null;
    }
    String unit = UNIT_WORDS.get(words.getLast());
    return unit != null && words.stream().anyMatch(TIMEOUT_WORDS::contains) ? unit : null;
  }

  /** The lower-case words of a camelCase or snake_case name. */
  private static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean startsWord =
          Character.isUpperCase(c)
              && i > 0
              && (Character.isLowerCase(name.charAt(i - 1))
                  || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
      if (c == '_' || c == '$' || startsWord) {
        if (!word.isEmpty()) {
          words.add(word.toString().toLowerCase(Locale.ROOT));
          word.setLength(0);
        }
        if (c == '_' || c == '$') {
          continue;
        }
      }
      word.append(c);
    }
    if (!word.isEmpty()) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  private static boolean isWholeNumber(@Nullable Type type) {
    return type != null && (type.getKind() == TypeKind.LONG || type.getKind() == TypeKind.INT);
  }

  /**
   * A local {@code long} declared before {@code at}, in a block around it, never written again,
   * whose value is a clock plus something computed from a parameter of the method ({@code
   * System.nanoTime() + unit.toNanos(timeout)}): what remains of it is {@code deadline -
   * System.nanoTime()}.
   */
  private static WaitFixes.@Nullable Deadline computedDeadline(
      MethodTree method, TreePath at, VisitorState state) {
    Set<Symbol> parameters = new java.util.HashSet<>();
    method.getParameters().forEach(p -> parameters.add(getSymbol(p)));
    if (parameters.isEmpty()) {
      return null;
    }
    WaitFixes.Deadline found = null;
    Tree child = at.getLeaf();
    for (TreePath p = at.getParentPath();
        p != null && p.getLeaf() != method;
        child = p.getLeaf(), p = p.getParentPath()) {
      if (!(p.getLeaf() instanceof BlockTree block)) {
        continue;
      }
      for (StatementTree statement : block.getStatements()) {
        if (statement == child) {
          break;
        }
        if (statement instanceof VariableTree local
            && getType(local) != null
            && getType(local).getKind() == TypeKind.LONG
            && getSymbol(local) != null
            && getSymbol(local).getKind() == ElementKind.LOCAL_VARIABLE) {
          String clockUnit = clockPlusParameter(local.getInitializer(), parameters, state);
          if (clockUnit != null
              && !WriteScanner.writesAny(
                  at.getCompilationUnit(), method.getBody(), Set.of(getSymbol(local)))) {
            String clock =
                clockUnit.equals("NANOSECONDS")
                    ? "System.nanoTime()"
                    : "System.currentTimeMillis()";
            found =
                found == null
                    ? WaitFixes.Deadline.inUnit(local.getName() + " - " + clock, clockUnit)
                    : found;
          }
        }
      }
    }
    return found;
  }

  /**
   * The unit of the clock in {@code clock() + amount} (either order), where the amount reads a
   * parameter of the method; null for anything else.
   */
  private static @Nullable String clockPlusParameter(
      @Nullable ExpressionTree initializer, Set<Symbol> parameters, VisitorState state) {
    if (!(Expressions.strip(initializer) instanceof BinaryTree sum)
        || sum.getKind() != Tree.Kind.PLUS) {
      return null;
    }
    for (int side = 0; side < 2; side++) {
      ExpressionTree clock = side == 0 ? sum.getLeftOperand() : sum.getRightOperand();
      ExpressionTree amount = side == 0 ? sum.getRightOperand() : sum.getLeftOperand();
      if (Expressions.strip(clock) instanceof MethodInvocationTree call
          && call.getArguments().isEmpty()
          && getSymbol(call) instanceof MethodSymbol called
          && called.owner.getQualifiedName().contentEquals("java.lang.System")
          && CLOCKS.containsKey(called.getSimpleName().toString())
          && readsAny(amount, parameters)) {
        return CLOCKS.get(called.getSimpleName().toString());
      }
    }
    return null;
  }

  private static boolean readsAny(ExpressionTree expression, Set<Symbol> variables) {
    boolean[] reads = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        reads[0] |= variables.contains(getSymbol(id));
        return null;
      }
    }.scan(expression, null);
    return reads[0];
  }
}
