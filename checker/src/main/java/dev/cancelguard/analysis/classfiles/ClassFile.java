package dev.cancelguard.analysis.classfiles;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.primitives.ImmutableIntArray;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ClassFileReader} keeps of a class file: its name and, for each method with code, the
 * calls it makes, the instance fields it reads and writes, and where its jumps land. Nothing else
 * (field declarations, attributes, constants) is kept.
 *
 * @param name the class's binary name with slashes ({@code com/acme/Outer$Inner})
 * @param methods the methods, keyed by name and descriptor ({@code bubble(Ljava/lang/Throwable;)…})
 */
public record ClassFile(String name, ImmutableMap<String, Method> methods) {

  /** The method of that name and descriptor, or null if the class declares none. */
  public @Nullable Method method(String methodName, String descriptor) {
    return methods.get(methodName + descriptor);
  }

  /**
   * One method.
   *
   * @param hasCode false for abstract and native methods (and for class files stripped of code)
   * @param calls the method's own calls ({@code invoke*} instructions) in code order
   * @param jumpTargets the offsets a branch, a switch or an exception handler jumps to
   * @param shortCode the code itself, byte by byte (0..255), of a method whose code is at most
   *     {@value #SHORT_CODE} bytes long (a one-line helper that rethrows or delegates); empty for
   *     longer code
   * @param exits where each instruction that may leave the straight line starts (a branch, a
   *     switch, a return, a throw, a subroutine jump), in code order: every call between a place
   *     the code reaches and the next exit after it runs whenever that place is reached, unless an
   *     exception leaves first
   * @param head the code's first bytes (0..255), at most {@value #HEAD} of them
   * @param valueTypes the classes (binary names with slashes, array dimensions dropped) of the
   *     values the code makes or reads other than by a call: those a {@code new} or a {@code
   *     checkcast} names and the types of the fields it reads
   * @param storesReferences true if the code writes a field or an array element of reference type,
   *     or makes a lambda or a string concatenation ({@code putfield}, {@code putstatic}, {@code
   *     aastore}, {@code invokedynamic}): a way other than a call for a value to outlive the code
   * @param fieldAccesses the code's {@code getfield} and {@code putfield} instructions in code
   *     order
   * @param smallCode the code itself, byte by byte (0..255), of a method whose code is at most
   *     {@value #SMALL_CODE} bytes long (a helper of a few statements whose shape is read whole);
   *     empty for longer code
   */
  public record Method(
      String name,
      String descriptor,
      boolean hasCode,
      ImmutableList<Call> calls,
      ImmutableSet<Integer> jumpTargets,
      ImmutableIntArray shortCode,
      ImmutableIntArray exits,
      ImmutableIntArray head,
      ImmutableSet<String> valueTypes,
      boolean storesReferences,
      ImmutableList<FieldAccess> fieldAccesses,
      ImmutableIntArray smallCode) {
    /** The longest code kept whole, in bytes. */
    public static final int SHORT_CODE = 16;

    /** The longest code kept whole as {@code smallCode}, in bytes. */
    public static final int SMALL_CODE = 64;

    /** How many of the code's first bytes are kept. */
    public static final int HEAD = 8;

    /** Where the first exit at or after {@code offset} starts; past the code when there is none. */
    public int nextExit(int offset) {
      for (int i = 0; i < exits.length(); i++) {
        if (exits.get(i) >= offset) {
          return exits.get(i);
        }
      }
      return Integer.MAX_VALUE;
    }

    /** True if the instruction at {@code offset} is reached only by falling through to it. */
    public boolean onlyFallenInto(int offset) {
      return !jumpTargets.contains(offset);
    }

    /**
     * True if the instruction at {@code offset} is reached only through the one at {@code earlier}:
     * nothing jumps (no branch, switch or exception handler) to an instruction after {@code
     * earlier} up to and including {@code offset}, so the code between is entered only by falling
     * through from {@code earlier}.
     */
    public boolean reachedOnlyThrough(int earlier, int offset) {
      if (earlier >= offset) {
        return false;
      }
      for (int target : jumpTargets) {
        if (target > earlier && target <= offset) {
          return false;
        }
      }
      return true;
    }

    /**
     * True if every run of the code reaches the instruction at {@code offset}, unless an exception
     * leaves first: no instruction before it leaves the straight line and nothing jumps to it or
     * before it.
     */
    public boolean alwaysReaches(int offset) {
      if (nextExit(0) < offset) {
        return false;
      }
      for (int target : jumpTargets) {
        if (target <= offset) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * A {@code getfield} or {@code putfield} instruction.
   *
   * @param offset where the instruction starts in the method's code
   * @param writes true for {@code putfield}
   * @param owner the class named by the instruction
   * @param descriptor the field's type as its descriptor spells it ({@code Ljava/lang/Thread;})
   */
  public record FieldAccess(
      int offset, boolean writes, String owner, String name, String descriptor) {}

  /**
   * An {@code invokevirtual}, {@code invokespecial}, {@code invokestatic} or {@code
   * invokeinterface} instruction.
   *
   * @param offset where the instruction starts in the method's code
   * @param length the instruction's length in bytes (the next one starts at offset + length)
   * @param owner the class named by the instruction ({@code java/lang/Thread})
   * @param previousOpcode the opcode of the instruction before it in code order, or -1 for the
   *     first ({@code iconst_1} before {@code setDaemon(Z)V}: the argument is the constant true
   *     when the call is reached only by falling through)
   */
  public record Call(
      int offset,
      int length,
      int opcode,
      String owner,
      String name,
      String descriptor,
      int previousOpcode) {}
}
