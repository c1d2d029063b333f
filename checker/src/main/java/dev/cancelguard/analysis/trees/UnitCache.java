package dev.cancelguard.analysis.trees;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.util.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Answers computed once per compilation unit and reused by every check that asks again about the
 * same unit: a unit's declarations, what a cancel target's tasks use. Kept in the compilation's
 * {@link Context} while the checks look at one unit (Error Prone runs every check on a unit before
 * it goes on to the next) and dropped when another unit is asked about; never in static state (a
 * compiler daemon runs many compilations, and a symbol means nothing outside its own).
 *
 * <p>Only for answers that depend on nothing but the unit, the key and the compilation: not on the
 * path a check stands at, nor on its flags.
 */
public final class UnitCache {
  /** One kind of answer; each has its own table. Create one per question, as a constant. */
  public static final class Kind<K, V> {}

  /** The one value of this key in a compilation's context (javac takes a value per key once). */
  private static final class Slot {
    @Nullable CompilationUnitTree unit;
    final Map<Kind<?, ?>, Map<Object, Object>> tables = new HashMap<>();
  }

  private static final Context.Key<Slot> KEY = new Context.Key<>();

  private UnitCache() {}

  /**
   * The answer for {@code key} in the unit being checked, computed by {@code compute} the first
   * time it is asked.
   */
  @SuppressWarnings("unchecked") // each kind's table holds only that kind's keys and values
  public static <K, V> V get(
      Kind<K, V> kind, K key, VisitorState state, Function<? super K, ? extends V> compute) {
    Slot slot = state.context.get(KEY);
    if (slot == null) {
      slot = new Slot();
      state.context.put(KEY, slot);
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    if (slot.unit != unit) {
      slot.unit = unit;
      slot.tables.clear();
    }
    Map<Object, Object> table = slot.tables.computeIfAbsent(kind, k -> new HashMap<>());
    // Not computeIfAbsent: computing one answer may ask for others.
    Object known = table.get(key);
    if (known == null) {
      known = compute.apply(key);
      table.put(key, known);
    }
    return (V) known;
  }
}
