package dev.cancelguard.analysis.classfiles;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One rule's verdicts about methods of other files and jars, each judged at most once per
 * compilation and kept in that compilation's {@link Context} (never in static state: a compiler
 * daemon runs many compilations). A method is known by its class file name, simple name and
 * descriptor, so a method read from source and the same method read from its class file share one
 * verdict.
 */
public final class MethodVerdicts {
  /** How a rule judges a method it has not judged yet in this compilation. */
  public interface Rule {
    boolean judge(MethodSymbol method, ClassSymbol owner, String descriptor, VisitorState state);
  }

  private final Map<String, Boolean> verdicts = new HashMap<>();

  private MethodVerdicts() {}

  /**
   * The rule's verdict on {@code method}; false when the method has no class file identity (not a
   * member of a class, or a descriptor the symbol does not show).
   *
   * @param key the rule's own key: one per rule, so that two rules never share verdicts
   */
  public static boolean of(
      Context.Key<MethodVerdicts> key, MethodSymbol method, VisitorState state, Rule rule) {
    if (!(method.owner instanceof ClassSymbol owner)) {
      return false;
    }
    String descriptor = ClassFiles.descriptor(method, state.getTypes());
    if (descriptor == null) {
      return false;
    }
    String name = ClassFiles.binaryName(owner) + "#" + method.getSimpleName() + descriptor;
    MethodVerdicts verdicts = instance(state.context, key);
    // Not computeIfAbsent: a rule may ask about other methods while judging this one.
    @Nullable Boolean known = verdicts.verdicts.get(name);
    if (known == null) {
      known = rule.judge(method, owner, descriptor, state);
      verdicts.verdicts.put(name, known);
    }
    return known;
  }

  private static MethodVerdicts instance(Context context, Context.Key<MethodVerdicts> key) {
    MethodVerdicts verdicts = context.get(key);
    if (verdicts == null) {
      verdicts = new MethodVerdicts();
      context.put(key, verdicts);
    }
    return verdicts;
  }
}
