package dev.cancelguard.checks;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.collect.ImmutableList;

/**
 * Compiling test sources that use {@code StructuredTaskScope}, a preview API: they need {@code
 * --enable-preview} with the running JDK's own release, and JDK 25 or later for the {@code
 * StructuredTaskScope.open(..)} form the tests are written in.
 */
final class PreviewApi {
  private static final int RUNNING = Runtime.version().feature();

  private PreviewApi() {}

  /** Skips the test on a JDK before 25, where the scope API has another shape. */
  static void assumeScopeApi() {
    assumeTrue(RUNNING >= 25, "StructuredTaskScope.open needs JDK 25+, running " + RUNNING);
  }

  /** The javac arguments that enable the preview API of the running JDK. */
  static ImmutableList<String> args() {
    return ImmutableList.of("--enable-preview", "--release", Integer.toString(RUNNING));
  }
}
