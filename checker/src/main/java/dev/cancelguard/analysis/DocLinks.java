package dev.cancelguard.analysis;

/** Where each check's documentation page lives; {@code @BugPattern(link = ...)} uses these. */
public final class DocLinks {
  /** The docs folder of the repository; a check's page is {@code BASE + CheckName + ".md"}. */
  public static final String BASE = "https://github.com/cancelguard/cancelguard/blob/main/docs/";

  /** The page listing every {@code -XepOpt:CancelGuard:*} flag. */
  public static final String CONFIGURATION = BASE + "configuration.md";

  private DocLinks() {}
}
