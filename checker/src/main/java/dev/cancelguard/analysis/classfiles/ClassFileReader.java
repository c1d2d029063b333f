package dev.cancelguard.analysis.classfiles;

import static dev.cancelguard.analysis.classfiles.Opcodes.AASTORE;
import static dev.cancelguard.analysis.classfiles.Opcodes.CHECKCAST;
import static dev.cancelguard.analysis.classfiles.Opcodes.GETFIELD;
import static dev.cancelguard.analysis.classfiles.Opcodes.GETSTATIC;
import static dev.cancelguard.analysis.classfiles.Opcodes.GOTO_W;
import static dev.cancelguard.analysis.classfiles.Opcodes.IINC;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKEDYNAMIC;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKEINTERFACE;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKEVIRTUAL;
import static dev.cancelguard.analysis.classfiles.Opcodes.JSR_W;
import static dev.cancelguard.analysis.classfiles.Opcodes.LOOKUPSWITCH;
import static dev.cancelguard.analysis.classfiles.Opcodes.NEW;
import static dev.cancelguard.analysis.classfiles.Opcodes.PUTFIELD;
import static dev.cancelguard.analysis.classfiles.Opcodes.PUTSTATIC;
import static dev.cancelguard.analysis.classfiles.Opcodes.TABLESWITCH;
import static dev.cancelguard.analysis.classfiles.Opcodes.WIDE;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.primitives.ImmutableIntArray;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the methods of a class file (JVMS chapter 4): the constant pool, each method's {@code Code}
 * attribute, and in the code the calls and the jump targets, walking the instructions with their
 * real lengths ({@code tableswitch} and {@code lookupswitch} padding, {@code wide}). Anything it
 * does not understand — a bad magic number, an unknown constant or opcode, a length past the end —
 * makes the whole file unreadable ({@code null}), never an exception: a check must not crash javac
 * on a damaged jar.
 */
public final class ClassFileReader {
  private static final int MAGIC = 0xCAFEBABE;

  /** The length of each fixed-length instruction; 0 for variable-length and undefined opcodes. */
  private static final int[] LENGTHS = instructionLengths();

  private ClassFileReader() {}

  /** The class file's methods, or null if the bytes are not a class file this reader follows. */
  public static @Nullable ClassFile read(byte[] bytes) {
    try {
      return new Parser(ByteBuffer.wrap(bytes)).classFile();
    } catch (RuntimeException | IOException malformed) {
      return null;
    }
  }

  private static int[] instructionLengths() {
    int[] lengths = new int[256];
    fill(lengths, 0x00, 0x0f, 1); // nop, constants
    lengths[0x10] = 2; // bipush
    lengths[0x11] = 3; // sipush
    lengths[0x12] = 2; // ldc
    fill(lengths, 0x13, 0x14, 3); // ldc_w, ldc2_w
    fill(lengths, 0x15, 0x19, 2); // loads with an index
    fill(lengths, 0x1a, 0x35, 1); // loads _0.._3, array loads
    fill(lengths, 0x36, 0x3a, 2); // stores with an index
    fill(lengths, 0x3b, 0x83, 1); // stores _0.._3, array stores, stack, arithmetic
    lengths[IINC] = 3;
    fill(lengths, 0x85, 0x98, 1); // conversions, comparisons
    fill(lengths, 0x99, 0xa8, 3); // if*, goto, jsr
    lengths[0xa9] = 2; // ret
    fill(lengths, 0xac, 0xb1, 1); // returns
    fill(lengths, 0xb2, 0xb8, 3); // fields, invokevirtual/special/static
    fill(lengths, 0xb9, 0xba, 5); // invokeinterface, invokedynamic
    lengths[0xbb] = 3; // new
    lengths[0xbc] = 2; // newarray
    lengths[0xbd] = 3; // anewarray
    fill(lengths, 0xbe, 0xbf, 1); // arraylength, athrow
    fill(lengths, 0xc0, 0xc1, 3); // checkcast, instanceof
    fill(lengths, 0xc2, 0xc3, 1); // monitorenter, monitorexit
    lengths[0xc5] = 4; // multianewarray
    fill(lengths, 0xc6, 0xc7, 3); // ifnull, ifnonnull
    fill(lengths, GOTO_W, JSR_W, 5);
    return lengths;
  }

  private static void fill(int[] lengths, int from, int to, int length) {
    for (int op = from; op <= to; op++) {
      lengths[op] = length;
    }
  }

  /** True for the instructions whose two-byte operand is a relative jump. */
  private static boolean isShortBranch(int op) {
    return (op >= 0x99 && op <= 0xa8) || op == 0xc6 || op == 0xc7;
  }

  /** Branches, switches, subroutine jumps and returns, returns and throws. */
  private static boolean leavesTheStraightLine(int op) {
    return isShortBranch(op)
        || op == TABLESWITCH
        || op == LOOKUPSWITCH
        || op == 0xa9 // ret
        || (op >= 0xac && op <= 0xb1) // returns
        || op == 0xbf // athrow
        || op == GOTO_W
        || op == JSR_W;
  }

  private static final class Parser {
    private final ByteBuffer in;
    private int[] tags = new int[0];
    private int[] firsts = new int[0];
    private int[] seconds = new int[0];
    private String[] utf8 = new String[0];

    Parser(ByteBuffer in) {
      this.in = in;
    }

    ClassFile classFile() throws IOException {
      if (in.getInt() != MAGIC) {
        throw new IllegalArgumentException("not a class file");
      }
      in.getShort(); // minor version
      in.getShort(); // major version
      constantPool();
      in.getShort(); // access flags
      String name = className(u2());
      u2(); // super class
      skip(2 * u2()); // interfaces
      int fields = u2();
      for (int i = 0; i < fields; i++) {
        skip(6); // access, name, descriptor
        skipAttributes();
      }
      Map<String, ClassFile.Method> methods = new LinkedHashMap<>();
      int count = u2();
      for (int i = 0; i < count; i++) {
        ClassFile.Method method = method();
        methods.put(method.name() + method.descriptor(), method);
      }
      skipAttributes();
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("bytes after the class");
      }
      return new ClassFile(name, ImmutableMap.copyOf(methods));
    }

    private void constantPool() throws IOException {
      int count = u2();
      tags = new int[count];
      firsts = new int[count];
      seconds = new int[count];
      utf8 = new String[count];
      for (int i = 1; i < count; i++) {
        int tag = in.get() & 0xff;
        tags[i] = tag;
        switch (tag) {
          case 1 -> utf8[i] = utf8();
          case 3, 4 -> in.getInt(); // Integer, Float
          case 5, 6 -> { // Long, Double: two entries
            in.getLong();
            i++;
          }
          case 7, 8, 16, 19, 20 -> firsts[i] = u2(); // Class, String, MethodType, Module, Package
          case 9, 10, 11, 12, 17, 18 -> { // refs, NameAndType, Dynamic, InvokeDynamic
            firsts[i] = u2();
            seconds[i] = u2();
          }
          case 15 -> { // MethodHandle
            in.get();
            firsts[i] = u2();
          }
          default -> throw new IllegalArgumentException("constant tag " + tag);
        }
      }
    }

    private String utf8() throws IOException {
      int length = u2();
      byte[] encoded = new byte[length + 2];
      encoded[0] = (byte) (length >> 8);
      encoded[1] = (byte) length;
      in.get(encoded, 2, length);
      // Almost every constant is ASCII, which reads the same in every form of UTF-8: no decoder.
      boolean ascii = true;
      for (int i = 2; i < encoded.length && ascii; i++) {
        ascii = encoded[i] >= 0;
      }
      if (ascii) {
        return new String(encoded, 2, length, StandardCharsets.ISO_8859_1);
      }
      // The class-file form of UTF-8 is DataInput's ("modified UTF-8").
      return new DataInputStream(new ByteArrayInputStream(encoded)).readUTF();
    }

    private ClassFile.Method method() {
      u2(); // access flags
      String name = utf8At(u2());
      String descriptor = utf8At(u2());
      ClassFile.Method method =
          new ClassFile.Method(
              name,
              descriptor,
              false,
              ImmutableList.of(),
              ImmutableSet.of(),
              ImmutableIntArray.of(),
              ImmutableIntArray.of(),
              ImmutableIntArray.of(),
              ImmutableSet.of(),
              false,
              ImmutableList.of(),
              ImmutableIntArray.of());
      int attributes = u2();
      for (int i = 0; i < attributes; i++) {
        String attribute = utf8At(u2());
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw new IllegalArgumentException("attribute length");
        }
        int end = in.position() + length;
        if (attribute.equals("Code")) {
          method = code(name, descriptor);
        }
        in.position(end);
      }
      return method;
    }

    private ClassFile.Method code(String name, String descriptor) {
      skip(4); // max stack, max locals
      int length = in.getInt();
      if (length <= 0 || length > in.remaining()) {
        throw new IllegalArgumentException("code length");
      }
      byte[] code = new byte[length];
      in.get(code);
      ImmutableList.Builder<ClassFile.Call> calls = ImmutableList.builder();
      ImmutableSet.Builder<Integer> targets = ImmutableSet.builder();
      ImmutableSet.Builder<String> valueTypes = ImmutableSet.builder();
      ImmutableList.Builder<ClassFile.FieldAccess> fieldAccesses = ImmutableList.builder();
      ByteBuffer c = ByteBuffer.wrap(code);
      int pc = 0;
      int previous = -1;
      boolean storesReferences = false;
      ImmutableIntArray.Builder exits = ImmutableIntArray.builder();
      while (pc < length) {
        int op = code[pc] & 0xff;
        storesReferences |=
            op == PUTSTATIC || op == PUTFIELD || op == AASTORE || op == INVOKEDYNAMIC;
        if (leavesTheStraightLine(op)) {
          exits.add(pc);
        }
        int size;
        if (op == TABLESWITCH) {
          int p = padded(pc);
          targets.add(pc + c.getInt(p));
          int low = c.getInt(p + 4);
          int high = c.getInt(p + 8);
          if (high < low || (long) high - low >= length) {
            throw new IllegalArgumentException("tableswitch range");
          }
          for (int k = 0; k <= high - low; k++) {
            targets.add(pc + c.getInt(p + 12 + 4 * k));
          }
          size = p + 12 + 4 * (high - low + 1) - pc;
        } else if (op == LOOKUPSWITCH) {
          int p = padded(pc);
          targets.add(pc + c.getInt(p));
          int pairs = c.getInt(p + 4);
          if (pairs < 0 || pairs >= length) {
            throw new IllegalArgumentException("lookupswitch pairs");
          }
          for (int k = 0; k < pairs; k++) {
            targets.add(pc + c.getInt(p + 12 + 8 * k));
          }
          size = p + 8 + 8 * pairs - pc;
        } else if (op == WIDE) {
          size = (code[pc + 1] & 0xff) == IINC ? 6 : 4;
        } else {
          size = LENGTHS[op];
          if (size == 0) {
            throw new IllegalArgumentException("opcode " + op);
          }
        }
        if (pc + size > length) {
          throw new IllegalArgumentException("instruction past the end of the code");
        }
        if (isShortBranch(op)) {
          targets.add(pc + c.getShort(pc + 1));
        } else if (op == GOTO_W || op == JSR_W) {
          targets.add(pc + c.getInt(pc + 1));
        } else if (op >= INVOKEVIRTUAL && op <= INVOKEINTERFACE) {
          calls.add(call(pc, size, op, c.getShort(pc + 1) & 0xffff, previous));
        } else if (op == NEW || op == CHECKCAST) {
          valueTypes.add(elementClass(className(c.getShort(pc + 1) & 0xffff)));
        } else if (op == GETSTATIC || op == GETFIELD) {
          valueTypes.add(elementClass(fieldType(c.getShort(pc + 1) & 0xffff)));
        }
        if (op == GETFIELD || op == PUTFIELD) {
          fieldAccesses.add(fieldAccess(pc, op == PUTFIELD, c.getShort(pc + 1) & 0xffff));
        }
        previous = op;
        pc += size;
      }
      int handlers = u2();
      for (int i = 0; i < handlers; i++) {
        u2(); // start
        u2(); // end
        targets.add(u2()); // handler
        u2(); // catch type
      }
      ImmutableIntArray.Builder shortCode = ImmutableIntArray.builder();
      if (length <= ClassFile.Method.SHORT_CODE) {
        for (byte b : code) {
          shortCode.add(b & 0xff);
        }
      }
      ImmutableIntArray.Builder smallCode = ImmutableIntArray.builder();
      if (length <= ClassFile.Method.SMALL_CODE) {
        for (byte b : code) {
          smallCode.add(b & 0xff);
        }
      }
      ImmutableIntArray.Builder head = ImmutableIntArray.builder();
      for (int i = 0; i < Math.min(length, ClassFile.Method.HEAD); i++) {
        head.add(code[i] & 0xff);
      }
      return new ClassFile.Method(
          name,
          descriptor,
          true,
          calls.build(),
          targets.build(),
          shortCode.build(),
          exits.build(),
          head.build(),
          valueTypes.build(),
          storesReferences,
          fieldAccesses.build(),
          smallCode.build());
    }

    /** Where a switch's operands start: after its opcode, padded to a multiple of four. */
    private static int padded(int pc) {
      return (pc + 4) & ~3;
    }

    private ClassFile.Call call(int pc, int size, int op, int index, int previous) {
      int tag = tags[index];
      if (tag != 10 && tag != 11) {
        throw new IllegalArgumentException("call to constant " + tag);
      }
      int nameAndType = seconds[index];
      if (tags[nameAndType] != 12) {
        throw new IllegalArgumentException("NameAndType expected");
      }
      return new ClassFile.Call(
          pc,
          size,
          op,
          className(firsts[index]),
          utf8At(firsts[nameAndType]),
          utf8At(seconds[nameAndType]),
          previous);
    }

    private ClassFile.FieldAccess fieldAccess(int pc, boolean writes, int index) {
      if (tags[index] != 9 || tags[seconds[index]] != 12) {
        throw new IllegalArgumentException("field expected");
      }
      int nameAndType = seconds[index];
      return new ClassFile.FieldAccess(
          pc,
          writes,
          className(firsts[index]),
          utf8At(firsts[nameAndType]),
          utf8At(seconds[nameAndType]));
    }

    /** The type of the field a field instruction names, as its descriptor spells it. */
    private String fieldType(int index) {
      if (tags[index] != 9 || tags[seconds[index]] != 12) {
        throw new IllegalArgumentException("field expected");
      }
      return utf8At(seconds[seconds[index]]);
    }

    /**
     * The class a class name or a field descriptor names, array dimensions dropped: {@code
     * java/lang/Thread} for {@code [Ljava/lang/Thread;}; a primitive type's letter stays as it is.
     */
    private static String elementClass(String type) {
      String element = type.substring(type.lastIndexOf('[') + 1);
      return element.startsWith("L") && element.endsWith(";")
          ? element.substring(1, element.length() - 1)
          : element;
    }

    private String className(int index) {
      if (tags[index] != 7) {
        throw new IllegalArgumentException("Class expected");
      }
      return utf8At(firsts[index]);
    }

    private String utf8At(int index) {
      if (tags[index] != 1) {
        throw new IllegalArgumentException("Utf8 expected");
      }
      return utf8[index];
    }

    private void skipAttributes() {
      int count = u2();
      for (int i = 0; i < count; i++) {
        skip(2);
        int length = in.getInt();
        if (length < 0) {
          throw new IllegalArgumentException("attribute length");
        }
        skip(length);
      }
    }

    private void skip(int bytes) {
      in.position(in.position() + bytes);
    }

    private int u2() {
      return in.getShort() & 0xffff;
    }
  }
}
