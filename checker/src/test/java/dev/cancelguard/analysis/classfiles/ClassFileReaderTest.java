package dev.cancelguard.analysis.classfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-file reader against javap, the JDK's own disassembler, on code with every kind of
 * variable-length instruction; and on damaged files, where it must give up without throwing.
 */
class ClassFileReaderTest {
  @TempDir static Path work;

  private static byte[] bytes;

  /** A class whose methods use tableswitch, lookupswitch, wide, invokeinterface, invokedynamic. */
  @BeforeAll
  static void compile() throws IOException {
    StringBuilder manyLocals = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      manyLocals.append("    int v").append(i).append(" = kind + ").append(i).append(";\n");
    }
    String source =
        """
        package p;
        import java.util.List;
        import java.util.function.Supplier;
        public class Shapes {
          static int table(int kind) {
            switch (kind) {
              case 0: return 3;
              case 1: return 5;
              case 2: return 8;
              case 3: return 13;
              default: Thread.currentThread().interrupt(); return 0;
            }
          }
          static int lookup(int kind, List<String> list) {
            switch (kind) {
              case -7: return list.size();
              case 1000: return 1;
              case 1000000: Thread.yield(); return 2;
              default: return list.isEmpty() ? 0 : 1;
            }
          }
          static long wide(int kind) {
        """
            + manyLocals
            + """
            v299 += 1000;
            long big = 123456789012L;
            int[][] grid = new int[kind][v299];
            Supplier<String> later = () -> String.valueOf(v0);
            Thread.currentThread().interrupt();
            return big + grid.length + later.get().length() + v299;
          }
          abstract static class Inner {
            abstract void nothing();
          }
        }
        """;
    Path file = work.resolve("src/p/Shapes.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit =
        javax.tools.ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                errors,
                errors,
                "-proc:none",
                "-d",
                work.resolve("classes").toString(),
                file.toString());
    assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
    bytes = Files.readAllBytes(work.resolve("classes/p/Shapes.class"));
  }

  /** Each call javap lists, as "method offset opcode owner.name:descriptor". */
  private static List<String> callsByJavap() {
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    StringWriter out = new StringWriter();
    int exit =
        javap.run(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "-c",
            "-p",
            work.resolve("classes/p/Shapes.class").toString());
    assertEquals(0, exit);
    Pattern method = Pattern.compile("^  \\S.*?([\\w$.]+)\\(.*\\);$");
    Pattern call =
        Pattern.compile(
            "^\\s+(\\d+): (invokevirtual|invokespecial|invokestatic|invokeinterface)\\s.*//"
                + " (?:Interface)?Method ([\\w/$]+)\\.(\"?[\\w<>$]+\"?):(\\S+)$");
    List<String> calls = new ArrayList<>();
    String current = null;
    for (String line : out.toString().split("\\R")) {
      Matcher m = method.matcher(line);
      if (m.matches()) {
        String name = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
        current = name.equals("Shapes") ? "<init>" : name;
      }
      Matcher c = call.matcher(line);
      if (c.matches()) {
        calls.add(
            current
                + " "
                + c.group(1)
                + " "
                + c.group(2)
                + " "
                + c.group(3)
                + "."
                + c.group(4).replace("\"", "")
                + ":"
                + c.group(5));
      }
    }
    return calls;
  }

  private static String opcodeName(int opcode) {
    return switch (opcode) {
      case 0xb6 -> "invokevirtual";
      case 0xb7 -> "invokespecial";
      case 0xb8 -> "invokestatic";
      case 0xb9 -> "invokeinterface";
      default -> "?" + opcode;
    };
  }

  @Test
  void findsEveryCallJavapFinds() {
    ClassFile file = ClassFileReader.read(bytes);
    assertNotNull(file);
    assertEquals("p/Shapes", file.name());
    List<String> calls = new ArrayList<>();
    for (ClassFile.Method method : file.methods().values()) {
      for (ClassFile.Call call : method.calls()) {
        calls.add(
            method.name()
                + " "
                + call.offset()
                + " "
                + opcodeName(call.opcode())
                + " "
                + call.owner()
                + "."
                + call.name()
                + ":"
                + call.descriptor());
      }
    }
    List<String> expected = callsByJavap();
    assertTrue(expected.size() > 10, expected.toString());
    assertEquals(expected.stream().sorted().toList(), calls.stream().sorted().toList());
  }

  @Test
  void methodsByNameAndDescriptor() {
    ClassFile file = ClassFileReader.read(bytes);
    assertNotNull(file);
    ClassFile.Method wide = file.method("wide", "(I)J");
    assertNotNull(wide);
    assertTrue(wide.hasCode());
    ClassFile.Method table = file.method("table", "(I)I");
    assertNotNull(table);
    // The switch's targets are jump targets; the default's restore is reached only by a jump.
    ClassFile.Call currentThread = table.calls().getFirst();
    assertEquals("currentThread", currentThread.name());
    assertFalse(table.onlyFallenInto(currentThread.offset()));
    ClassFile.Call interrupt = table.calls().get(1);
    assertTrue(table.onlyFallenInto(interrupt.offset()));
    assertNull(file.method("table", "(J)I"));
  }

  @Test
  void exitsAndTheCodesFirstBytes() {
    ClassFile file = ClassFileReader.read(bytes);
    assertNotNull(file);
    // table(kind): iload_0, then the tableswitch at offset 1 is the first exit.
    ClassFile.Method table = file.method("table", "(I)I");
    assertNotNull(table);
    assertEquals(1, table.exits().get(0));
    assertEquals(0x1a, table.head().get(0)); // iload_0
    assertEquals(0xaa, table.head().get(1)); // tableswitch
    assertEquals(ClassFile.Method.HEAD, table.head().length());
    // After the switch, each case returns: every exit lies past it, in code order.
    assertTrue(table.exits().length() > 4);
    assertEquals(1, table.nextExit(0));
    assertTrue(table.nextExit(2) > 1);
    assertEquals(Integer.MAX_VALUE, table.nextExit(Integer.MAX_VALUE - 1));
  }

  /**
   * Constants outside ASCII (a method name, and a NUL, which a class file writes in two bytes) are
   * read through the modified-UTF-8 decoder; ASCII ones are read without it, to the same strings.
   */
  @Test
  void namesOutsideAsciiReadAsWritten() throws IOException {
    Path file = work.resolve("src/q/Names.java");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        package q;
        public class Names {
          static String na\u00efve(String s) {
            return s + "\\0\u00e9";
          }
          static int l\u00e4nge() {
            return na\u00efve("\u00fc").length();
          }
        }
        """);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit =
        javax.tools.ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                errors,
                errors,
                "-proc:none",
                "-d",
                work.resolve("classes").toString(),
                file.toString());
    assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
    ClassFile names =
        ClassFileReader.read(Files.readAllBytes(work.resolve("classes/q/Names.class")));
    assertNotNull(names);
    assertEquals("q/Names", names.name());
    ClassFile.Method length = names.method("l\u00e4nge", "()I");
    assertNotNull(length);
    ClassFile.Call call = length.calls().getFirst();
    assertEquals("q/Names", call.owner());
    assertEquals("na\u00efve", call.name());
    assertEquals("(Ljava/lang/String;)Ljava/lang/String;", call.descriptor());
    assertNotNull(names.method("na\u00efve", "(Ljava/lang/String;)Ljava/lang/String;"));
  }

  @Test
  void abstractMethodsHaveNoCode() throws IOException {
    ClassFile inner =
        ClassFileReader.read(Files.readAllBytes(work.resolve("classes/p/Shapes$Inner.class")));
    assertNotNull(inner);
    ClassFile.Method nothing = inner.method("nothing", "()V");
    assertNotNull(nothing);
    assertFalse(nothing.hasCode());
  }

  @Test
  void damagedFilesAreUnreadableNeverAnException() {
    for (int length = 0; length < bytes.length; length += 7) {
      assertNull(
          ClassFileReader.read(java.util.Arrays.copyOf(bytes, length)), "truncated at " + length);
    }
    Random random = new Random(42);
    for (int round = 0; round < 2000; round++) {
      byte[] damaged = bytes.clone();
      for (int flips = 0; flips < 4; flips++) {
        damaged[8 + random.nextInt(damaged.length - 8)] = (byte) random.nextInt(256);
      }
      ClassFileReader.read(damaged); // a result or null, never an exception
    }
    assertNull(ClassFileReader.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  }
}
