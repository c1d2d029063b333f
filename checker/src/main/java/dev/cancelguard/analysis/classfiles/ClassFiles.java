package dev.cancelguard.analysis.classfiles;

import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.jspecify.annotations.Nullable;

/**
 * The class files javac read classes from (a jar, a module, an earlier build's output folder), each
 * read at most once per compilation. One instance lives in each compilation's {@link Context} and
 * dies with it: nothing is kept across compilations, which a long-lived compiler daemon runs many
 * of.
 */
public final class ClassFiles {
  private static final Context.Key<ClassFiles> KEY = new Context.Key<>();

  /** Larger class files are not read: no helper worth reading is in one. */
  static final int MAX_BYTES = 4 << 20;

  /** What was read, by the class file's URI; empty for a file that could not be read. */
  private final Map<String, Optional<ClassFile>> read = new HashMap<>();

  private ClassFiles() {}

  /** This compilation's instance. */
  public static ClassFiles instance(Context context) {
    ClassFiles files = context.get(KEY);
    if (files == null) {
      files = new ClassFiles();
      context.put(KEY, files);
    }
    return files;
  }

  /**
   * The class file {@code type} was read from, or null: a class compiled from source (in this
   * compilation or, through the source path, beside it), or a file that cannot be read or parsed.
   */
  public @Nullable ClassFile of(ClassSymbol type) {
    JavaFileObject file = type.classfile;
    if (file == null || file.getKind() != JavaFileObject.Kind.CLASS) {
      return null;
    }
    return read.computeIfAbsent(file.toUri().toString(), uri -> Optional.ofNullable(load(file)))
        .orElse(null);
  }

  /**
   * The code of {@code method} in the class file of {@code owner} (the class the method is read
   * from), found by its name and {@code descriptor}; null where {@link #of} has no file, the
   * descriptor is null or the file has no such method.
   */
  public ClassFile.@Nullable Method methodOf(
      ClassSymbol owner, MethodSymbol method, @Nullable String descriptor) {
    ClassFile file = of(owner);
    return file == null || descriptor == null
        ? null
        : file.method(method.getSimpleName().toString(), descriptor);
  }

  private static @Nullable ClassFile load(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      return bytes.length > MAX_BYTES ? null : ClassFileReader.read(bytes);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /**
   * True unless the class file can be read and no constant of it spells {@code binaryName} (with
   * slashes, {@code com/acme/Outer$Inner}): a class file names a class it uses (a {@code new}, a
   * call, a field, a descriptor, a signature, an inner-class entry) only through a UTF-8 constant
   * holding that name, and an ASCII name is the same bytes in every form of UTF-8, so a file whose
   * bytes do not hold it does not name the class. A file that cannot be read, or one larger than
   * {@value #MAX_BYTES} bytes, may name it.
   */
  public static boolean mayName(JavaFileObject file, String binaryName) {
    byte[] name = binaryName.getBytes(StandardCharsets.UTF_8);
    for (byte b : name) {
      if (b < 0) {
        return true; // not ASCII: not searched for
      }
    }
    byte[] bytes;
    try (InputStream in = file.openInputStream()) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException | RuntimeException unreadable) {
      return true;
    }
    if (bytes.length > MAX_BYTES || bytes.length < 4 || readInt(bytes) != 0xCAFEBABE) {
      return true;
    }
    outer:
    for (int i = 0; i + name.length <= bytes.length; i++) {
      for (int j = 0; j < name.length; j++) {
        if (bytes[i + j] != name[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static int readInt(byte[] bytes) {
    return ((bytes[0] & 0xff) << 24)
        | ((bytes[1] & 0xff) << 16)
        | ((bytes[2] & 0xff) << 8)
        | (bytes[3] & 0xff);
  }

  /** The binary name of a class as a class file spells it: {@code com/acme/Outer$Inner}. */
  public static String binaryName(ClassSymbol type) {
    return type.flatname.toString().replace('.', '/');
  }

  /**
   * The descriptor the class file gives the method ({@code (Ljava/lang/Throwable;)V}), from its
   * erased signature; null where the symbol's signature is not the class file's: constructors of
   * inner, local and anonymous classes (the class file adds the outer instance and the captured
   * variables) and of enums (name and ordinal).
   */
  public static @Nullable String descriptor(MethodSymbol method, Types types) {
    if (method.isConstructor()
        && (method.owner.hasOuterInstance()
            || method.owner.isDirectlyOrIndirectlyLocal()
            || method.owner.isEnum())) {
      return null;
    }
    Type erased = types.erasure(method.type);
    StringBuilder descriptor = new StringBuilder("(");
    for (Type parameter : erased.getParameterTypes()) {
      if (!append(descriptor, parameter, types)) {
        return null;
      }
    }
    descriptor.append(')');
    return append(descriptor, erased.getReturnType(), types) ? descriptor.toString() : null;
  }

  private static boolean append(StringBuilder descriptor, Type type, Types types) {
    switch (type.getTag()) {
      case BYTE -> descriptor.append('B');
      case CHAR -> descriptor.append('C');
      case DOUBLE -> descriptor.append('D');
      case FLOAT -> descriptor.append('F');
      case INT -> descriptor.append('I');
      case LONG -> descriptor.append('J');
      case SHORT -> descriptor.append('S');
      case BOOLEAN -> descriptor.append('Z');
      case VOID -> descriptor.append('V');
      case ARRAY -> {
        descriptor.append('[');
        return append(descriptor, types.elemtype(type), types);
      }
      case CLASS -> {
        if (!(type.tsym instanceof ClassSymbol c)) {
          return false;
        }
        descriptor.append('L').append(binaryName(c)).append(';');
      }
      default -> {
        return false;
      }
    }
    return true;
  }
}
