package dev.cancelguard.analysis;

import static java.util.stream.Collectors.joining;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code -XepOpt:CancelGuard:*} flags, read once per check instance.
 *
 * <p>Each list flag holds comma-separated {@code fully.qualified.Class#method} entries naming a
 * project's own helpers. The three questions asked here ({@link #isInterruptRestorer}, {@link
 * #isCancellationPoint}, {@link #isTerminationAwaiter}) also answer yes for a method annotated with
 * the matching annotation of {@code cancelguard-annotations} ({@link HelperAnnotations}) and for
 * the well-known library helpers of {@link LibraryModels}.
 */
public final class CancelGuardOptions {
  /** Methods that restore the interrupt flag, e.g. {@code com.acme.Threads#restoreInterrupt}. */
  public static final String INTERRUPT_RESTORERS = "CancelGuard:InterruptRestorers";

  /** Methods that are cancellation points (they check the flag or throw on interrupt). */
  public static final String CANCELLATION_POINTS = "CancelGuard:CancellationPoints";

  /** Methods that wait for an executor or thread to terminate. */
  public static final String TERMINATION_AWAITERS = "CancelGuard:TerminationAwaiters";

  /**
   * The severity of every CancelGuard check at once ({@code ERROR}, {@code WARNING} or {@code
   * OFF}); a check named in its own {@code -Xep:Name:LEVEL} keeps that level.
   */
  public static final String SEVERITY = "CancelGuard:Severity";

  private static final String PREFIX = "CancelGuard:";

  /** Every flag CancelGuard reads. */
  private static final ImmutableSet<String> FLAGS =
      ImmutableSet.of(SEVERITY, INTERRUPT_RESTORERS, CANCELLATION_POINTS, TERMINATION_AWAITERS);

  /** What {@link #SEVERITY} asks for. */
  public enum Severity {
    ERROR,
    WARNING,
    OFF
  }

  private static final CancelGuardOptions DEFAULTS =
      new CancelGuardOptions(ImmutableSet.of(), ImmutableSet.of(), ImmutableSet.of());

  private final ImmutableSet<MethodRef> interruptRestorers;
  private final ImmutableSet<MethodRef> cancellationPoints;
  private final ImmutableSet<MethodRef> terminationAwaiters;

  private CancelGuardOptions(
      ImmutableSet<MethodRef> interruptRestorers,
      ImmutableSet<MethodRef> cancellationPoints,
      ImmutableSet<MethodRef> terminationAwaiters) {
    this.interruptRestorers = interruptRestorers;
    this.cancellationPoints = cancellationPoints;
    this.terminationAwaiters = terminationAwaiters;
  }

  /** The options when no flag is given. */
  public static CancelGuardOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Reads the flags. A malformed value never stops the compilation here: it is left out (a bad
   * {@link #SEVERITY} counts as not given, a bad list entry is skipped) and {@link #problems} names
   * it, which the {@code CancelGuardFlags} check reports as one error.
   */
  public static CancelGuardOptions fromFlags(ErrorProneFlags flags) {
    return new CancelGuardOptions(
        parse(flags, INTERRUPT_RESTORERS, null),
        parse(flags, CANCELLATION_POINTS, null),
        parse(flags, TERMINATION_AWAITERS, null));
  }

  /** Reads {@link #SEVERITY}: empty when the flag is not given or its value is not a level. */
  public static Optional<Severity> severity(ErrorProneFlags flags) {
    return flags.get(SEVERITY).flatMap(CancelGuardOptions::level);
  }

  /**
   * What is wrong with the {@code -XepOpt:CancelGuard:*} flags, one line each naming the flag and
   * the configuration page: a flag CancelGuard does not have, a severity that is not a level, a
   * list entry that is not {@code fully.qualified.Class#method}. Empty when all are well formed.
   */
  public static ImmutableList<String> problems(ErrorProneFlags flags) {
    ImmutableList.Builder<String> problems = ImmutableList.builder();
    for (String name : flags.getFlagsMap().keySet()) {
      if (name.startsWith(PREFIX) && !FLAGS.contains(name)) {
        problems.add(
            String.format(
                "-XepOpt:%s is not a CancelGuard flag; the flags are %s (see %s)",
                name,
                FLAGS.stream().map(flag -> "-XepOpt:" + flag).collect(joining(", ")),
                DocLinks.CONFIGURATION));
      }
    }
    flags
        .get(SEVERITY)
        .filter(value -> level(value).isEmpty())
        .ifPresent(
            value ->
                problems.add(
                    String.format(
                        "-XepOpt:%s: '%s' is not ERROR, WARNING or OFF (see %s)",
                        SEVERITY, value, DocLinks.CONFIGURATION)));
    for (String name : List.of(INTERRUPT_RESTORERS, CANCELLATION_POINTS, TERMINATION_AWAITERS)) {
      parse(flags, name, problems);
    }
    return problems.build();
  }

  private static Optional<Severity> level(String value) {
    return switch (value.strip().toUpperCase(Locale.ROOT)) {
      case "ERROR" -> Optional.of(Severity.ERROR);
      case "WARNING", "WARN" -> Optional.of(Severity.WARNING);
      case "OFF" -> Optional.of(Severity.OFF);
      default -> Optional.empty();
    };
  }

  /**
   * True if the method restores the interrupt flag: named by {@code -XepOpt:…InterruptRestorers},
   * annotated {@code @RestoresInterrupt}, or a library helper known to ({@link LibraryModels}).
   */
  public boolean isInterruptRestorer(Symbol symbol) {
    return matchesAny(interruptRestorers, symbol) || isKnown(symbol, HelperRole.RESTORES_INTERRUPT);
  }

  /**
   * True if the method notices an interrupt: named by {@code -XepOpt:…CancellationPoints},
   * annotated {@code @CancellationPoint}, or a library helper known to.
   */
  public boolean isCancellationPoint(Symbol symbol) {
    return matchesAny(cancellationPoints, symbol) || isKnown(symbol, HelperRole.CANCELLATION_POINT);
  }

  /**
   * True if the method waits for termination: named by {@code -XepOpt:…TerminationAwaiters},
   * annotated {@code @AwaitsTermination}, or a library helper known to.
   */
  public boolean isTerminationAwaiter(Symbol symbol) {
    return matchesAny(terminationAwaiters, symbol)
        || isKnown(symbol, HelperRole.AWAITS_TERMINATION);
  }

  private static boolean isKnown(Symbol symbol, HelperRole role) {
    return HelperAnnotations.has(symbol, role) || LibraryModels.has(symbol, role);
  }

  private static boolean matchesAny(ImmutableSet<MethodRef> refs, Symbol symbol) {
    if (refs.isEmpty() || !(symbol instanceof MethodSymbol method)) {
      return false;
    }
    MethodRef ref =
        new MethodRef(
            method.owner.getQualifiedName().toString(), method.getSimpleName().toString());
    return refs.contains(ref);
  }

  /** The well-formed entries of a list flag; each malformed one is added to {@code problems}. */
  private static ImmutableSet<MethodRef> parse(
      ErrorProneFlags flags, String name, ImmutableList.@Nullable Builder<String> problems) {
    ImmutableSet.Builder<MethodRef> refs = ImmutableSet.builder();
    for (String entry : flags.getListOrEmpty(name)) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int hash = trimmed.indexOf('#');
      if (hash <= 0
          || hash == trimmed.length() - 1
          || trimmed.indexOf('#', hash + 1) >= 0
          || !isQualifiedName(trimmed.substring(0, hash))
          || !isIdentifier(trimmed.substring(hash + 1))) {
        if (problems != null) {
          problems.add(
              String.format(
                  "-XepOpt:%s: '%s' is not of the form fully.qualified.Class#method (see %s)",
                  name, trimmed, DocLinks.CONFIGURATION));
        }
        continue;
      }
      refs.add(new MethodRef(trimmed.substring(0, hash), trimmed.substring(hash + 1)));
    }
    return refs.build();
  }

  private static boolean isQualifiedName(String name) {
    for (String part : name.split("\\.", -1)) {
      if (!isIdentifier(part)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    return name.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
  }

  /** A method named by its declaring class (binary nesting with '.') and simple name. */
  private record MethodRef(String owner, String name) {}
}
