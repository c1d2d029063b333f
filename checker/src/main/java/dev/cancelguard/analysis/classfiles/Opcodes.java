package dev.cancelguard.analysis.classfiles;

/** The JVM instruction opcodes the class-file readers of the analysis look for (JVMS 6.5). */
public final class Opcodes {
  public static final int ACONST_NULL = 0x01;
  public static final int ICONST_0 = 0x03;
  public static final int ICONST_1 = 0x04;
  public static final int ALOAD = 0x19;
  public static final int ILOAD_0 = 0x1a;
  public static final int ALOAD_0 = 0x2a;
  public static final int ALOAD_1 = 0x2b;
  public static final int AASTORE = 0x53;
  public static final int POP = 0x57;
  public static final int IINC = 0x84;
  public static final int IFEQ = 0x99;
  public static final int IFNE = 0x9a;
  public static final int GOTO = 0xa7;
  public static final int TABLESWITCH = 0xaa;
  public static final int LOOKUPSWITCH = 0xab;
  public static final int ARETURN = 0xb0;
  public static final int RETURN = 0xb1;
  public static final int GETSTATIC = 0xb2;
  public static final int PUTSTATIC = 0xb3;
  public static final int GETFIELD = 0xb4;
  public static final int PUTFIELD = 0xb5;
  public static final int INVOKEVIRTUAL = 0xb6;
  public static final int INVOKESPECIAL = 0xb7;
  public static final int INVOKESTATIC = 0xb8;
  public static final int INVOKEINTERFACE = 0xb9;
  public static final int INVOKEDYNAMIC = 0xba;
  public static final int NEW = 0xbb;
  public static final int ANEWARRAY = 0xbd;
  public static final int ATHROW = 0xbf;
  public static final int CHECKCAST = 0xc0;
  public static final int WIDE = 0xc4;
  public static final int IFNULL = 0xc6;
  public static final int GOTO_W = 0xc8;
  public static final int JSR_W = 0xc9;

  private Opcodes() {}
}
