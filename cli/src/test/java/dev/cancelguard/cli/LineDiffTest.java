package dev.cancelguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {
  @Test
  void anImportAndALineFarApartAreTwoHunks() {
    StringBuilder before = new StringBuilder("package p;\n\nimport a.A;\n\nclass C {\n");
    for (int i = 0; i < 50; i++) {
      before.append("  int f").append(i).append(";\n");
    }
    before.append("  void m() {\n    a();\n  }\n}\n");
    String after =
        before
            .toString()
            .replace("import a.A;\n", "import a.A;\nimport b.B;\n")
            .replace("    a();\n", "    a();\n    B.b();\n");
    assertEquals(
        List.of(
            new Finding.Hunk(4, List.of(), List.of("import b.B;")),
            new Finding.Hunk(58, List.of(), List.of("    B.b();"))),
        LineDiff.hunks(before.toString(), after));
  }

  @Test
  void aChangedLineIsRemovedAndAdded() {
    assertEquals(
        List.of(new Finding.Hunk(2, List.of("  b();"), List.of("  c();"))),
        LineDiff.hunks("x\n  b();\ny\n", "x\n  c();\ny\n"));
  }
}
