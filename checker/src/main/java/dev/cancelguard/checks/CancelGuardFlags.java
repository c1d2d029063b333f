package dev.cancelguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.DocLinks;

/**
 * A {@code -XepOpt:CancelGuard:*} flag CancelGuard cannot read, reported as one compile error per
 * problem instead of a compiler crash (a forked javac under Maven would print nothing at all).
 *
 * <p>The checks themselves skip what is malformed, so the rest of the configuration still applies.
 * This check does not extend {@link CancelGuardChecker}: {@code -XepOpt:CancelGuard:Severity=OFF}
 * must not hide a typo in the other flags.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A -XepOpt:CancelGuard flag has a name or value CancelGuard cannot read",
    severity = ERROR,
    linkType = CUSTOM,
    link = DocLinks.BASE + "CancelGuardFlags.md")
public final class CancelGuardFlags extends BugChecker implements CompilationUnitTreeMatcher {
  /**
   * Whether this compilation's first file has carried the report; an instance serves one
   * compilation, so the flags are reported once, not once per file.
   */
  private transient boolean reported;

  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    if (reported) {
      return NO_MATCH;
    }
    reported = true;
    ImmutableList<String> problems =
        CancelGuardOptions.problems(state.errorProneOptions().getFlags());
    for (String problem : problems) {
      state.reportMatch(buildDescription(tree).setMessage(problem).build());
    }
    return NO_MATCH;
  }
}
