package dev.cancelguard.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import com.sun.tools.javac.main.Main.Result;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** {@code -XepOpt:CancelGuard:Severity}: one switch for every check. */
class SeverityFlagTest {
  private static final String SWALLOWS =
      """
      class Swallows {
        void f() {
          try {
            Thread.sleep(10);
            // BUG: Diagnostic contains: SwallowedInterrupt
          } catch (InterruptedException e) {}
        }
      }
      """;

  private static final String LEAKS_POOL =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;

      class LeaksPool {
        void f() {
          // BUG: Diagnostic contains: ExecutorNeverShutdown
          ExecutorService pool = Executors.newFixedThreadPool(2);
          pool.execute(() -> {});
        }
      }
      """;

  private final CompilationTestHelper every = EveryCheck.helper(getClass());

  @Test
  void everyCheckExtendsTheBaseThatAppliesTheFlag() {
    List<Class<?>> checks =
        ServiceLoader.load(BugChecker.class).stream()
            .map(ServiceLoader.Provider::type)
            .filter(type -> type.getPackageName().startsWith("dev.cancelguard"))
            // It reports the flags themselves, so the flag must not turn it off.
            .filter(type -> type != CancelGuardFlags.class)
            .<Class<?>>map(type -> type)
            .toList();
    assertTrue(checks.size() >= 11, checks.toString());
    for (Class<?> check : checks) {
      assertTrue(CancelGuardChecker.class.isAssignableFrom(check), check.getName());
    }
  }

  @Test
  void withoutTheFlagFindingsAreWarnings() {
    every
        .addSourceLines("Swallows.java", SWALLOWS)
        .addSourceLines("LeaksPool.java", LEAKS_POOL)
        .expectResult(Result.OK)
        .doTest();
  }

  @Test
  void errorMakesAFindingOfOneCheckFailTheCompilation() {
    every
        .addSourceLines("Swallows.java", SWALLOWS)
        .setArgs("-XepOpt:CancelGuard:Severity=ERROR")
        .expectResult(Result.ERROR)
        .doTest();
  }

  @Test
  void errorMakesAFindingOfAnotherCheckFailTheCompilation() {
    every
        .addSourceLines("LeaksPool.java", LEAKS_POOL)
        .setArgs("-XepOpt:CancelGuard:Severity=ERROR")
        .expectResult(Result.ERROR)
        .doTest();
  }

  @Test
  void aCheckNamedWithItsOwnLevelKeepsIt() {
    every
        .addSourceLines("Swallows.java", SWALLOWS)
        .setArgs("-XepOpt:CancelGuard:Severity=ERROR", "-Xep:SwallowedInterrupt:WARN")
        .expectResult(Result.OK)
        .doTest();
  }

  @Test
  void warningKeepsTheCompilationPassing() {
    every
        .addSourceLines("Swallows.java", SWALLOWS)
        .addSourceLines("LeaksPool.java", LEAKS_POOL)
        .setArgs("-XepOpt:CancelGuard:Severity=WARNING")
        .expectResult(Result.OK)
        .doTest();
  }

  @Test
  void offReportsNothing() {
    every
        .addSourceLines("Swallows.java", SWALLOWS.replace("// BUG: Diagnostic contains:", "//"))
        .addSourceLines("LeaksPool.java", LEAKS_POOL.replace("// BUG: Diagnostic contains:", "//"))
        .setArgs("-XepOpt:CancelGuard:Severity=OFF")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void offLeavesACheckNamedWithItsOwnLevelOn() {
    every
        .addSourceLines("Swallows.java", SWALLOWS)
        .addSourceLines("LeaksPool.java", LEAKS_POOL.replace("// BUG: Diagnostic contains:", "//"))
        .setArgs("-XepOpt:CancelGuard:Severity=OFF", "-Xep:SwallowedInterrupt:ERROR")
        .expectResult(Result.ERROR)
        .doTest();
  }
}
