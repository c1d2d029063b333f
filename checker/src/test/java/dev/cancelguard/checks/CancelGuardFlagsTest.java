package dev.cancelguard.checks;

import com.google.errorprone.CompilationTestHelper;
import com.sun.tools.javac.main.Main.Result;
import org.junit.jupiter.api.Test;

/** A flag CancelGuard cannot read is one compile error naming it, never a compiler crash. */
class CancelGuardFlagsTest {
  private static final String PAGE =
      "(see https://github.com/cancelguard/cancelguard/blob/main/docs/configuration.md)";

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(CancelGuardFlags.class, getClass());

  @Test
  void aSeverityThatIsNotALevel() {
    helper
        .addSourceLines(
            "A.java",
            "// BUG: Diagnostic contains: -XepOpt:CancelGuard:Severity: 'LOUD' is not ERROR,"
                + " WARNING or OFF "
                + PAGE,
            "class A {}")
        .setArgs("-XepOpt:CancelGuard:Severity=LOUD")
        .doTest();
  }

  @Test
  void levelsInAnyCaseAreWellFormed() {
    for (String level : new String[] {"ERROR", "warning", "Warn", " off "}) {
      CompilationTestHelper.newInstance(CancelGuardFlags.class, getClass())
          .addSourceLines("A.java", "class A {}")
          .setArgs("-XepOpt:CancelGuard:Severity=" + level)
          .expectNoDiagnostics()
          .doTest();
    }
  }

  @Test
  void aListEntryThatIsNotClassHashMethod() {
    helper
        .addSourceLines(
            "A.java",
            "// BUG: Diagnostic contains: -XepOpt:CancelGuard:InterruptRestorers: 'restore' is not"
                + " of the form fully.qualified.Class#method "
                + PAGE,
            "class A {}")
        .setArgs("-XepOpt:CancelGuard:InterruptRestorers=com.acme.Threads#restore,restore")
        .doTest();
  }

  @Test
  void aTerminationAwaiterWithoutItsClass() {
    helper
        .addSourceLines(
            "A.java",
            "// BUG: Diagnostic contains: -XepOpt:CancelGuard:TerminationAwaiters: 'awaitQuietly'"
                + " is not of the form fully.qualified.Class#method "
                + PAGE,
            "class A {}")
        .setArgs("-XepOpt:CancelGuard:TerminationAwaiters=awaitQuietly")
        .doTest();
  }

  @Test
  void wellFormedListsOfEveryFlag() {
    helper
        .addSourceLines("A.java", "class A {}")
        .setArgs(
            "-XepOpt:CancelGuard:InterruptRestorers=com.acme.Threads#restore,com.acme.Outer.Inner#x",
            "-XepOpt:CancelGuard:CancellationPoints=com.acme.Tasks#checkCancelled",
            "-XepOpt:CancelGuard:TerminationAwaiters=com.acme.Pools#close")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void aFlagCancelGuardDoesNotHave() {
    helper
        .addSourceLines(
            "A.java",
            "// BUG: Diagnostic contains: -XepOpt:CancelGuard:Severty is not a CancelGuard flag;"
                + " the flags are -XepOpt:CancelGuard:Severity,",
            "class A {}")
        .setArgs("-XepOpt:CancelGuard:Severty=ERROR")
        .doTest();
  }

  @Test
  void otherToolsFlagsAreNotOurs() {
    helper
        .addSourceLines("A.java", "class A {}")
        .setArgs("-XepOpt:NullAway:AnnotatedPackages=com.acme", "-XepOpt:CancelGuardX:Y=1")
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void reportedOnceNotOncePerFile() {
    helper
        .addSourceLines(
            "A.java",
            "// BUG: Diagnostic contains: 'LOUD' is not ERROR, WARNING or OFF",
            "class A {}")
        .addSourceLines("B.java", "class B {}")
        .setArgs("-XepOpt:CancelGuard:Severity=LOUD")
        .doTest();
  }

  @Test
  void severityOffDoesNotHideIt() {
    helper
        .addSourceLines(
            "A.java", "// BUG: Diagnostic contains: 'x#' is not of the form", "class A {}")
        .setArgs("-XepOpt:CancelGuard:Severity=OFF", "-XepOpt:CancelGuard:CancellationPoints=x#")
        .doTest();
  }

  @Test
  void theWellFormedEntriesOfAListStillApply() {
    EveryCheck.helper(getClass())
        .addSourceLines(
            "Worker.java",
            "// BUG: Diagnostic contains: 'restore' is not of the form",
            "package com.acme;",
            "class Worker {",
            "  void f() {",
            "    try {",
            "      Thread.sleep(10);",
            "    } catch (InterruptedException e) {",
            "      Threads.restore(e);",
            "    }",
            "  }",
            "}")
        .addSourceLines(
            "Threads.java",
            "package com.acme;",
            "public final class Threads {",
            "  // Restores nothing itself: only the flag makes it a restorer.",
            "  public static void restore(InterruptedException e) {}",
            "}")
        .setArgs("-XepOpt:CancelGuard:InterruptRestorers=restore,com.acme.Threads#restore")
        .doTest();
  }

  @Test
  void theChecksStillRunWithTheWellFormedRest() {
    // The bad level is ignored (the check keeps its default, a warning); the bad flag fails the
    // build on its own.
    EveryCheck.helper(getClass())
        .addSourceLines(
            "Swallows.java",
            "// BUG: Diagnostic contains: CancelGuardFlags",
            "class Swallows {",
            "  void f() {",
            "    try {",
            "      Thread.sleep(10);",
            "      // BUG: Diagnostic contains: SwallowedInterrupt",
            "    } catch (InterruptedException e) {}",
            "  }",
            "}")
        .setArgs("-XepOpt:CancelGuard:Severity=LOUD")
        .expectResult(Result.ERROR)
        .doTest();
  }
}
