package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.scanner.ScannerSupplier;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A compilation with every CancelGuard check registered through {@code META-INF/services}: code a
 * fix produced must pass it without a finding.
 */
final class EveryCheck {
  private EveryCheck() {}

  static CompilationTestHelper helper(Class<?> testClass) {
    List<Class<? extends BugChecker>> checks =
        ServiceLoader.load(BugChecker.class).stream()
            .map(ServiceLoader.Provider::type)
            .filter(type -> type.getPackageName().startsWith("dev.cancelguard"))
            .<Class<? extends BugChecker>>map(type -> type)
            .toList();
    if (checks.isEmpty()) {
      throw new AssertionError("no CancelGuard check registered through META-INF/services");
    }
    return CompilationTestHelper.newInstance(
        ScannerSupplier.fromBugCheckerClasses(checks), testClass);
  }
}
