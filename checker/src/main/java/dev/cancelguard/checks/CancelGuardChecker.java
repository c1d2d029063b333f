package dev.cancelguard.checks;

import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.ErrorProneOptions;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.ErrorPronePosition;
import com.google.errorprone.matchers.Description;
import com.sun.tools.javac.util.Name;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.CancelGuardOptions.Severity;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What every CancelGuard check extends: it applies {@code -XepOpt:CancelGuard:Severity}, the one
 * switch that sets all the checks to ERROR, WARNING or OFF, so a check added later follows it too.
 *
 * <p>Error Prone has no switch for a plugin's checks as a group. OFF reports the check as
 * suppressed everywhere, so it does no work; ERROR and WARNING set the severity of what it reports.
 * A check the user named with {@code -Xep:Name:LEVEL} keeps that level. A value that is not a level
 * changes nothing here; {@link CancelGuardFlags} reports it.
 */
public abstract class CancelGuardChecker extends BugChecker {
  /**
   * The flag's effect on this check, read from the compilation's options the first time Error Prone
   * asks whether the check is suppressed (it asks before every match). The options are fixed for
   * the compilation a checker instance belongs to.
   */
  private transient @Nullable Effect effect;

  private enum Effect {
    NONE,
    ERROR,
    WARNING,
    OFF
  }

  @Override
  public boolean suppressedByAnyOf(Set<Name> annotations, VisitorState state) {
    if (effect(state.errorProneOptions()) == Effect.OFF) {
      return true;
    }
    return super.suppressedByAnyOf(annotations, state);
  }

  @Override
  public Description.Builder buildDescription(ErrorPronePosition position) {
    Description.Builder description = super.buildDescription(position);
    if (effect == Effect.ERROR) {
      description.overrideSeverity(SeverityLevel.ERROR);
    } else if (effect == Effect.WARNING) {
      description.overrideSeverity(SeverityLevel.WARNING);
    }
    return description;
  }

  private Effect effect(ErrorProneOptions options) {
    if (effect == null) {
      ErrorProneOptions.Severity named = options.getSeverityMap().get(canonicalName());
      Severity all = CancelGuardOptions.severity(options.getFlags()).orElse(null);
      if (all == null || (named != null && named != ErrorProneOptions.Severity.DEFAULT)) {
        effect = Effect.NONE;
      } else {
        effect = Effect.valueOf(all.name());
      }
    }
    return effect;
  }
}
