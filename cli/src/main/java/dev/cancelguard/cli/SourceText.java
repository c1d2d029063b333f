package dev.cancelguard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Sources that are not text in the given encoding stop the run with one line, before javac. */
final class SourceText {
  private SourceText() {}

  static void check(List<Path> files, Charset encoding, Function<Path, String> display)
      throws UsageException {
    for (Path file : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (byte b : bytes) {
        if (b == 0) {
          throw new UsageException(
              display.apply(file) + " is binary data, not Java source (it holds NUL bytes)");
        }
      }
      try {
        encoding
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes));
      } catch (CharacterCodingException e) {
        throw new UsageException(
            display.apply(file)
                + " is not "
                + encoding.name()
                + " text (give its encoding with --encoding)");
      }
    }
  }
}
