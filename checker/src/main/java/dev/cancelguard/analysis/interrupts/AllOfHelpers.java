package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.classfiles.Opcodes.ACONST_NULL;
import static dev.cancelguard.analysis.classfiles.Opcodes.ALOAD_0;
import static dev.cancelguard.analysis.classfiles.Opcodes.ANEWARRAY;
import static dev.cancelguard.analysis.classfiles.Opcodes.ARETURN;
import static dev.cancelguard.analysis.classfiles.Opcodes.CHECKCAST;
import static dev.cancelguard.analysis.classfiles.Opcodes.ICONST_0;
import static dev.cancelguard.analysis.classfiles.Opcodes.IFEQ;
import static dev.cancelguard.analysis.classfiles.Opcodes.IFNULL;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKEINTERFACE;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKESTATIC;
import static dev.cancelguard.analysis.classfiles.Opcodes.INVOKEVIRTUAL;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.primitives.ImmutableIntArray;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.classfiles.MethodVerdicts;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A call of a project's own "wait for all" helper: a static method of one parameter, a {@link
 * java.util.Collection}, whose code does nothing but return {@code CompletableFuture.allOf} over
 * that collection's elements, optionally after returning a completed future when the collection is
 * empty (or null):
 *
 * <pre>{@code
 * static CompletableFuture<Void> waitForAll(Collection<? extends CompletableFuture<?>> futures) {
 *   if (futures == null || futures.isEmpty()) {
 *     return CompletableFuture.completedFuture(null);
 *   }
 *   return CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]));
 * }
 * }</pre>
 *
 * <p>What it returns is the JDK's own combined future, which nobody else holds and which completes
 * (either way) only once every element of the collection completed; or, when the collection has no
 * element, a future completed at once. The code is read from source when the helper is compiled
 * here and from its class file otherwise (the exact instructions javac makes of the lines above,
 * with no exception handler and nothing else). {@code toArray} is {@link java.util.Collection}'s: a
 * fresh empty array ({@code new X[0]}) comes back filled with the collection's elements. Any other
 * code — {@code anyOf}, a future of the helper's own, a timeout, a second statement — is not taken
 * for such a helper.
 */
final class AllOfHelpers {
  private static final Context.Key<MethodVerdicts> KEY = new Context.Key<>();

  private static final String CF = "java/util/concurrent/CompletableFuture";
  private static final String ALL_OF_DESCRIPTOR = "([L" + CF + ";)L" + CF + ";";
  private static final String COMPLETED_DESCRIPTOR = "(Ljava/lang/Object;)L" + CF + ";";
  private static final String TO_ARRAY_DESCRIPTOR = "([Ljava/lang/Object;)[Ljava/lang/Object;";

  private AllOfHelpers() {}

  /** True if {@code call} calls a "wait for all" helper (above) of its one argument. */
  static boolean isAllOfHelperCall(MethodInvocationTree call, VisitorState state) {
    if (call.getArguments().size() != 1
        || !Expressions.isResolved(call)
        || !(getSymbol(call) instanceof MethodSymbol helper)
        || !helper.isStatic()
        || helper.getParameters().size() != 1
        || helper.isVarArgs()) {
      return false;
    }
    try {
      Type collection = state.getTypeFromString("java.util.Collection");
      Type completable = state.getTypeFromString(FutureCalls.COMPLETABLE_FUTURE);
      if (collection == null
          || completable == null
          || !state
              .getTypes()
              .isSubtype(
                  state.getTypes().erasure(helper.getParameters().getFirst().asType()),
                  state.getTypes().erasure(collection))
          || !state
              .getTypes()
              .isSameType(
                  state.getTypes().erasure(helper.getReturnType()),
                  state.getTypes().erasure(completable))) {
        return false;
      }
      return MethodVerdicts.of(KEY, helper, state, AllOfHelpers::judge);
    } catch (RuntimeException incomplete) {
      return false; // a class whose members cannot be completed: no claim about it
    }
  }

  private static boolean judge(
      MethodSymbol helper, ClassSymbol owner, String descriptor, VisitorState state) {
    MethodTree declaration = CompiledSources.methodTree(helper, state);
    if (declaration != null) {
      return sourceReturnsAllOfItsParameter(declaration, state);
    }
    ClassFile.Method code = ClassFiles.instance(state.context).methodOf(owner, helper, descriptor);
    return code != null && code.hasCode() && classFileReturnsAllOfItsParameter(code);
  }

  // ------------------------------------------------------------------------------ from source

  /**
   * The body is {@code [if (p == null || p.isEmpty()) return
   * CompletableFuture.completedFuture(..);] return CompletableFuture.allOf(p.toArray(new X[0]));}
   * ({@code p.isEmpty()} alone also; braces or none).
   */
  private static boolean sourceReturnsAllOfItsParameter(
      MethodTree declaration, VisitorState state) {
    if (declaration.getBody() == null || declaration.getParameters().size() != 1) {
      return false;
    }
    Symbol parameter = getSymbol(declaration.getParameters().getFirst());
    List<? extends StatementTree> statements = declaration.getBody().getStatements();
    if (parameter == null || statements.isEmpty() || statements.size() > 2) {
      return false;
    }
    if (statements.size() == 2
        && !returnsCompletedWhenEmpty(statements.getFirst(), parameter, state)) {
      return false;
    }
    return statements.getLast() instanceof ReturnTree last
        && last.getExpression() != null
        && stripParentheses(last.getExpression()) instanceof MethodInvocationTree allOf
        && isJdkStatic(allOf, "allOf")
        && allOf.getArguments().size() == 1
        && stripParentheses(allOf.getArguments().getFirst()) instanceof MethodInvocationTree toArray
        && toArray.getArguments().size() == 1
        && getSymbol(toArray) instanceof MethodSymbol toArraySymbol
        && toArraySymbol.getSimpleName().contentEquals("toArray")
        && isCollectionMethod(toArraySymbol, state)
        && getReceiver(toArray) != null
        && parameter.equals(getSymbol(stripParentheses(getReceiver(toArray))))
        && stripParentheses(getReceiver(toArray)).getKind() == Tree.Kind.IDENTIFIER
        && isFreshEmptyArray(toArray.getArguments().getFirst());
  }

  /** {@code if (p == null || p.isEmpty()) return CompletableFuture.completedFuture(..);}. */
  private static boolean returnsCompletedWhenEmpty(
      StatementTree statement, Symbol parameter, VisitorState state) {
    if (!(statement instanceof IfTree test) || test.getElseStatement() != null) {
      return false;
    }
    StatementTree then = test.getThenStatement();
    if (then instanceof BlockTree block && block.getStatements().size() == 1) {
      then = block.getStatements().getFirst();
    }
    ExpressionTree condition = stripParentheses(test.getCondition());
    boolean empty =
        isEmptyTest(condition, parameter, state)
            || (condition instanceof BinaryTree or
                && or.getKind() == Tree.Kind.CONDITIONAL_OR
                && isNullTest(stripParentheses(or.getLeftOperand()), parameter)
                && isEmptyTest(stripParentheses(or.getRightOperand()), parameter, state));
    return empty
        && then instanceof ReturnTree done
        && done.getExpression() != null
        && stripParentheses(done.getExpression()) instanceof MethodInvocationTree completed
        && isJdkStatic(completed, "completedFuture");
  }

  /** {@code p.isEmpty()}, {@code Collection}'s. */
  private static boolean isEmptyTest(ExpressionTree tree, Symbol parameter, VisitorState state) {
    return tree instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && getSymbol(call) instanceof MethodSymbol isEmpty
        && isEmpty.getSimpleName().contentEquals("isEmpty")
        && isCollectionMethod(isEmpty, state)
        && getReceiver(call) != null
        && stripParentheses(getReceiver(call)).getKind() == Tree.Kind.IDENTIFIER
        && parameter.equals(getSymbol(stripParentheses(getReceiver(call))));
  }

  /** {@code p == null}. */
  private static boolean isNullTest(ExpressionTree tree, Symbol parameter) {
    return tree instanceof BinaryTree equal
        && equal.getKind() == Tree.Kind.EQUAL_TO
        && stripParentheses(equal.getRightOperand()).getKind() == Tree.Kind.NULL_LITERAL
        && stripParentheses(equal.getLeftOperand()).getKind() == Tree.Kind.IDENTIFIER
        && parameter.equals(getSymbol(stripParentheses(equal.getLeftOperand())));
  }

  /** {@code new X[0]}: no element in it. */
  private static boolean isFreshEmptyArray(ExpressionTree tree) {
    return stripParentheses(tree) instanceof NewArrayTree array
        && array.getInitializers() == null
        && array.getDimensions().size() == 1
        && stripParentheses(array.getDimensions().getFirst()) instanceof LiteralTree zero
        && Integer.valueOf(0).equals(zero.getValue());
  }

  /** A static method {@code name} of {@code CompletableFuture} itself. */
  private static boolean isJdkStatic(MethodInvocationTree call, String name) {
    return Expressions.isResolved(call)
        && getSymbol(call) instanceof MethodSymbol method
        && method.isStatic()
        && method.getSimpleName().contentEquals(name)
        && method.owner instanceof ClassSymbol owner
        && owner.getQualifiedName().contentEquals(FutureCalls.COMPLETABLE_FUTURE);
  }

  /** A method of {@code java.util.Collection}, or one overriding it in a {@code java.util} type. */
  private static boolean isCollectionMethod(MethodSymbol method, VisitorState state) {
    return method.owner instanceof ClassSymbol owner
        && owner.getQualifiedName().toString().startsWith("java.util.")
        && state.getTypeFromString("java.util.Collection") != null
        && state
            .getTypes()
            .isSubtype(
                state.getTypes().erasure(owner.asType()),
                state.getTypes().erasure(state.getTypeFromString("java.util.Collection")));
  }

  // --------------------------------------------------------------------------- from class file

  /**
   * The code is, exactly, what javac makes of the source shape: {@code [aload_0; ifnull E;]
   * [aload_0; invoke* isEmpty()Z; ifeq A; E: aconst_null; invokestatic
   * CompletableFuture.completedFuture; areturn;] A: aload_0; iconst_0; anewarray; invoke*
   * toArray([Object)[Object; checkcast; invokestatic CompletableFuture.allOf; areturn}, the {@code
   * isEmpty} and {@code toArray} of a {@code java/util} type, with no other jump target (so no
   * exception handler).
   */
  private static boolean classFileReturnsAllOfItsParameter(ClassFile.Method method) {
    ImmutableIntArray code = method.smallCode();
    if (code.isEmpty()) {
      return false;
    }
    Cursor at = new Cursor(code, method);
    Set<Integer> targets = new HashSet<>();
    int empty = -1;
    if (at.is(ALOAD_0) && at.peek(1) == IFNULL) {
      at.step(1);
      empty = at.branch(IFNULL);
      targets.add(empty);
    }
    if (at.is(ALOAD_0) && (at.peek(1) == INVOKEINTERFACE || at.peek(1) == INVOKEVIRTUAL)) {
      at.step(1);
      if (!at.collectionCall("isEmpty", "()Z")) {
        return false;
      }
      int all = at.branch(IFEQ);
      if (all < 0 || (empty >= 0 && empty != at.offset)) {
        return false;
      }
      targets.add(all);
      if (!at.take(ACONST_NULL)
          || !at.staticCall("completedFuture", COMPLETED_DESCRIPTOR)
          || !at.take(ARETURN)
          || at.offset != all) {
        return false;
      }
    } else if (empty >= 0) {
      return false; // a null test alone
    }
    boolean shape =
        at.take(ALOAD_0)
            && at.take(ICONST_0)
            && at.skip(ANEWARRAY, 3)
            && at.collectionCall("toArray", TO_ARRAY_DESCRIPTOR)
            && at.skip(CHECKCAST, 3)
            && at.staticCall("allOf", ALL_OF_DESCRIPTOR)
            && at.take(ARETURN)
            && at.offset == code.length();
    return shape && method.jumpTargets().equals(targets);
  }

  /** Reads the instructions of a small method's code one after another. */
  private static final class Cursor {
    private final ImmutableIntArray code;
    private final ClassFile.Method method;
    int offset;

    Cursor(ImmutableIntArray code, ClassFile.Method method) {
      this.code = code;
      this.method = method;
    }

    int peek(int ahead) {
      return offset + ahead < code.length() ? code.get(offset + ahead) : -1;
    }

    boolean is(int opcode) {
      return peek(0) == opcode;
    }

    void step(int bytes) {
      offset += bytes;
    }

    /** Takes a one-byte instruction. */
    boolean take(int opcode) {
      if (!is(opcode)) {
        return false;
      }
      offset++;
      return true;
    }

    /** Takes an instruction of {@code length} bytes whose operands are not read. */
    boolean skip(int opcode, int length) {
      if (!is(opcode) || offset + length > code.length()) {
        return false;
      }
      offset += length;
      return true;
    }

    /** Takes a two-byte branch; its target, or -1. */
    int branch(int opcode) {
      if (!is(opcode) || offset + 3 > code.length()) {
        return -1;
      }
      int target = offset + (short) ((code.get(offset + 1) << 8) | code.get(offset + 2));
      offset += 3;
      return target;
    }

    /** Takes a call of a {@code java/util} collection method of that name and descriptor. */
    boolean collectionCall(String name, String descriptor) {
      ClassFile.Call call = callHere();
      if (call == null
          || (call.opcode() != INVOKEINTERFACE && call.opcode() != INVOKEVIRTUAL)
          || !call.owner().startsWith("java/util/")
          || !call.name().equals(name)
          || !call.descriptor().equals(descriptor)) {
        return false;
      }
      offset += call.length();
      return true;
    }

    /** Takes a call of {@code CompletableFuture}'s static method of that name and descriptor. */
    boolean staticCall(String name, String descriptor) {
      ClassFile.Call call = callHere();
      if (call == null
          || call.opcode() != INVOKESTATIC
          || !call.owner().equals(CF)
          || !call.name().equals(name)
          || !call.descriptor().equals(descriptor)) {
        return false;
      }
      offset += call.length();
      return true;
    }

    private ClassFile.@Nullable Call callHere() {
      for (ClassFile.Call call : method.calls()) {
        if (call.offset() == offset) {
          return call;
        }
      }
      return null;
    }
  }
}
