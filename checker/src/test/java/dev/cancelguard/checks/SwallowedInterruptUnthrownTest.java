package dev.cancelguard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.errorprone.CompilationTestHelper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catches of {@link SwallowedInterrupt} around calls of another file or of a jar that declare
 * {@code InterruptedException} but whose code, read a few calls deep, never throws one. Each caller
 * is checked with the callees in the same compilation and against their class files; a callee that
 * throws one, or that its users may override, keeps the finding.
 */
class SwallowedInterruptUnthrownTest {
  private static final Map<String, String> CALLEES =
      Map.ofEntries(
          Map.entry(
              "com/acme/codec/Codec.java",
              """
          package com.acme.codec;
          import java.nio.charset.StandardCharsets;
          public final class Codec {
            private Codec() {}
            /** Declares the interrupt for what it may do one day; converts in memory. */
            public static byte[] encode(String text) throws InterruptedException {
              if (text == null) {
                throw new IllegalArgumentException("no text");
              }
              return text.getBytes(StandardCharsets.UTF_8);
            }
            /** Only calls one that never throws it. */
            public static byte[] encodeTwice(String text) throws InterruptedException {
              byte[] once = encode(text);
              return encode(new String(once, StandardCharsets.UTF_8));
            }
            /** Waits: throws it for real. */
            public static byte[] encodeSlowly(String text) throws InterruptedException {
              Thread.sleep(10);
              return encode(text);
            }
            /** Throws the interrupt a failure holds. */
            public static byte[] unwrap(Exception failure) throws InterruptedException {
              if (failure.getCause() instanceof InterruptedException) {
                throw (InterruptedException) failure.getCause();
              }
              return new byte[0];
            }
          }
          """),
          Map.entry(
              "com/acme/codec/Encoder.java",
              """
          package com.acme.codec;
          import java.nio.charset.StandardCharsets;
          /** Users may extend it and override encode with code that waits. */
          public class Encoder {
            public byte[] encode(String text) throws InterruptedException {
              return text.getBytes(StandardCharsets.UTF_8);
            }
            public final byte[] encodeFinal(String text) throws InterruptedException {
              return text.getBytes(StandardCharsets.UTF_8);
            }
          }
          """));

  @TempDir static Path work;

  @BeforeAll
  static void compileCalleesElsewhere() throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--release",
                "8",
                "-Xlint:-options",
                "-proc:none",
                "-d",
                work.resolve("classes").toString()));
    for (Map.Entry<String, String> callee : CALLEES.entrySet()) {
      Path file = work.resolve("src").resolve(callee.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, callee.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertEquals(0, exit, errors.toString(StandardCharsets.UTF_8));
  }

  private static final String CALLER =
      """
      import com.acme.codec.Codec;
      import com.acme.codec.Encoder;
      class Caller {
        byte[] neverThrows(String text) {
          try {
            return Codec.encode(text);
          } catch (InterruptedException e) {
            return null;
          }
        }
        byte[] onlyCallsOneThatNeverThrows(String text) {
          try {
            return Codec.encodeTwice(text);
          } catch (InterruptedException e) {
            return null;
          }
        }
        byte[] finalMethodNeverThrows(Encoder encoder, String text) {
          try {
            return encoder.encodeFinal(text);
          } catch (InterruptedException e) {
            return null;
          }
        }
        byte[] waits(String text) {
          try {
            return Codec.encodeSlowly(text);
            // BUG: Diagnostic contains: SwallowedInterrupt
          } catch (InterruptedException e) {
            return null;
          }
        }
        byte[] throwsTheOneItHolds(Exception failure) {
          try {
            return Codec.unwrap(failure);
            // BUG: Diagnostic contains: SwallowedInterrupt
          } catch (InterruptedException e) {
            return null;
          }
        }
        byte[] overridable(Encoder encoder, String text) {
          try {
            return encoder.encode(text);
            // BUG: Diagnostic contains: SwallowedInterrupt
          } catch (InterruptedException e) {
            return null;
          }
        }
        byte[] neverThrowsButAlsoWaits(String text) {
          try {
            Thread.sleep(1);
            return Codec.encode(text);
            // BUG: Diagnostic contains: SwallowedInterrupt
          } catch (InterruptedException e) {
            return null;
          }
        }
      }
      """;

  @Test
  void calleesInTheSameCompilation() {
    CompilationTestHelper helper =
        CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
            .addSourceLines("Caller.java", CALLER);
    CALLEES.forEach((name, text) -> helper.addSourceLines(name, text));
    helper.doTest();
  }

  @Test
  void calleesReadFromTheirClassFiles() {
    CompilationTestHelper.newInstance(SwallowedInterrupt.class, getClass())
        .setArgs(
            "-cp",
            work.resolve("classes") + File.pathSeparator + System.getProperty("java.class.path"))
        .addSourceLines("Caller.java", CALLER)
        .doTest();
  }
}
