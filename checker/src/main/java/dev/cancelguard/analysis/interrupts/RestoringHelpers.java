package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.util.Context;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.classfiles.MethodVerdicts;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Helpers declared in another file or in a jar that restore the interrupt flag, known from their
 * own code, so that a project's own helper needs no flag and no annotation.
 *
 * <p>The rule, the same whether the helper is read from source or from a class file: a method (or
 * constructor) that is handed an exception restores the interrupt when its own code calls {@code
 * Thread.currentThread().interrupt()}, or calls a method or constructor of its own class that takes
 * an exception ({@code Throwable}, {@code Exception} or {@code InterruptedException}) and does so
 * itself, up to {@value #MAX_DEPTH} calls deep. Its own code is what runs when it runs: its body,
 * and for a constructor the field initializers and initializer blocks its class file inlines into
 * it; not the lambdas and classes it creates, which run later or elsewhere. Where in the body the
 * restore sits is not asked: such a helper's restore is its answer to the interrupt it is handed
 * (typically under {@code if (t instanceof InterruptedException)}).
 *
 * <p>Read from source when the helper's file is part of this compilation (its tree, attributed
 * before any check runs under {@code -XDcompilePolicy=simple}); otherwise from the class file javac
 * read its class from ({@link ClassFiles}): the call {@code invokestatic
 * java/lang/Thread.currentThread} followed at once by {@code invokevirtual
 * java/lang/Thread.interrupt()V}, and calls whose owner is the class itself. Both readings see the
 * same calls, so a full build and an incremental one agree. A helper whose code cannot be read (an
 * abstract or native method, a class file that is missing, damaged or stripped of code as {@code
 * --release}'s platform classes are, a tree that was not attributed) is not taken for a restorer.
 *
 * <p>Verdicts and class files are kept per compilation, in its {@link Context}.
 */
public final class RestoringHelpers {
  /** How many calls deep a helper's own-class delegation is followed. */
  static final int MAX_DEPTH = 3;

  private static final Context.Key<MethodVerdicts> KEY = new Context.Key<>();

  /** The parameter types (erased, as a class file names them) through which an exception comes. */
  private static final ImmutableSet<String> EXCEPTION_PARAMETERS =
      ImmutableSet.of(
          "java/lang/Throwable", "java/lang/Exception", "java/lang/InterruptedException");

  private static final String THREAD = "java/lang/Thread";

  private RestoringHelpers() {}

  /**
   * True if {@code method}, declared in another file or read from a jar, restores the flag by its
   * own code (the rule above). The caller has checked that the method is handed the exception.
   */
  public static boolean restoresByItsOwnCode(MethodSymbol method, VisitorState state) {
    if ((method.flags() & (Flags.ABSTRACT | Flags.NATIVE)) != 0
        || !(method.owner instanceof ClassSymbol)) {
      return false;
    }
    return MethodVerdicts.of(KEY, method, state, RestoringHelpers::read);
  }

  private static final Context.Key<MethodVerdicts> RESTORES_AT_ONCE = new Context.Key<>();

  /**
   * True if {@code method} restores the flag whenever it is called, whatever it is handed: it takes
   * no arguments, returns nothing, cannot be overridden (static, private, final, or of a final
   * class), and its code begins with {@code Thread.currentThread().interrupt()} — a project's own
   * {@code interruptCurrentThread()}. Read by the same rule from source (its first statement) and
   * from a class file (its first instructions are {@code invokestatic
   * java/lang/Thread.currentThread} and, right after, {@code invokevirtual
   * java/lang/Thread.interrupt()V}), so a full build and an incremental one agree.
   */
  public static boolean restoresAtOnce(MethodSymbol method, VisitorState state) {
    if (!method.getParameters().isEmpty()
        || method.isConstructor()
        || method.getReturnType().getKind() != javax.lang.model.type.TypeKind.VOID
        || (method.flags() & (Flags.ABSTRACT | Flags.NATIVE)) != 0
        || !(method.owner instanceof ClassSymbol owner)
        || !(method.isStatic()
            || method.isPrivate()
            || (method.flags() & Flags.FINAL) != 0
            || (owner.flags() & Flags.FINAL) != 0)
        || isJdk(owner)) {
      return false;
    }
    return MethodVerdicts.of(RESTORES_AT_ONCE, method, state, RestoringHelpers::readRestoresAtOnce);
  }

  /** The JDK's own classes restore nothing for a caller (and under --release have no code). */
  private static boolean isJdk(ClassSymbol owner) {
    String name = owner.getQualifiedName().toString();
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.");
  }

  private static boolean readRestoresAtOnce(
      MethodSymbol method, ClassSymbol owner, String descriptor, VisitorState state) {
    MethodTree declaration = CompiledSources.methodTree(method, state);
    if (declaration != null) {
      return declaration.getBody() != null
          && !declaration.getBody().getStatements().isEmpty()
          && declaration.getBody().getStatements().getFirst()
              instanceof ExpressionStatementTree first
          && first.getExpression() instanceof MethodInvocationTree call
          && Interrupts.isCurrentThreadInterrupt(call, state);
    }
    ClassFile.Method code = ClassFiles.instance(state.context).methodOf(owner, method, descriptor);
    if (code == null || !code.hasCode() || code.calls().size() < 2) {
      return false;
    }
    ClassFile.Call first = code.calls().get(0);
    ClassFile.Call second = code.calls().get(1);
    return first.offset() == 0
        && isCurrentThread(first)
        && isInterrupt(second)
        && first.offset() + first.length() == second.offset();
  }

  /**
   * True if a parameter of the method at {@code index} (the argument's position) is one through
   * which an exception comes: {@code Throwable}, {@code Exception}, {@code InterruptedException} or
   * a subclass of it.
   */
  public static boolean takesAnExceptionAt(MethodSymbol method, int index, VisitorState state) {
    List<Symbol.VarSymbol> parameters = method.getParameters();
    if (index >= parameters.size() || (method.isVarArgs() && index >= parameters.size() - 1)) {
      return false;
    }
    Type type = parameters.get(index).type;
    return isExceptionParameter(type, state)
        || isSubtype(type, Interrupts.interruptedExceptionType(state), state);
  }

  private static boolean isExceptionParameter(Type type, VisitorState state) {
    Type erased = state.getTypes().erasure(type);
    return erased.tsym instanceof ClassSymbol c
        && EXCEPTION_PARAMETERS.contains(ClassFiles.binaryName(c));
  }

  private static boolean read(
      MethodSymbol method, ClassSymbol owner, String descriptor, VisitorState state) {
    MethodTree declaration = CompiledSources.methodTree(method, state);
    if (declaration != null) {
      Set<MethodSymbol> seen = new HashSet<>();
      seen.add(method);
      return sourceRestores(declaration, method, 0, seen, state);
    }
    ClassFile file = ClassFiles.instance(state.context).of(owner);
    ClassFile.Method code =
        file == null ? null : file.method(method.getSimpleName().toString(), descriptor);
    if (code == null) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    seen.add(code.name() + code.descriptor());
    return classRestores(file, code, 0, seen);
  }

  // ---------------------------------------------------------------- from source

  private static boolean sourceRestores(
      MethodTree declaration,
      MethodSymbol method,
      int depth,
      Set<MethodSymbol> seen,
      VisitorState state) {
    if (declaration.getBody() == null) {
      return false;
    }
    List<Tree> ownCode = new ArrayList<>();
    ownCode.add(declaration.getBody());
    if (method.isConstructor() && !startsWithThisCall(declaration.getBody())) {
      ClassTree type =
          method.owner instanceof ClassSymbol c ? CompiledSources.classTree(c, state) : null;
      if (type != null) {
        for (Tree member : type.getMembers()) {
          if ((member instanceof VariableTree field && !isStatic(field))
              || (member instanceof BlockTree block && !block.isStatic())) {
            ownCode.add(member);
          }
        }
      }
    }
    List<MethodSymbol> delegates = new ArrayList<>();
    boolean[] restores = new boolean[1];
    NestedCodeSkipper scanner =
        new NestedCodeSkipper() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            // A tree javac has not attributed (yet) has no symbols: nothing in it is read.
            if (Interrupts.isCurrentThreadInterrupt(call, state)) {
              restores[0] = true;
            } else if (Expressions.isResolved(call)) {
              noteDelegate(getSymbol(call));
            }
            return super.visitMethodInvocation(call, null);
          }

          @Override
          public Void visitNewClass(NewClassTree creation, Void unused) {
            if (Expressions.isResolved(creation)) {
              noteDelegate(getSymbol(creation));
            }
            return super.visitNewClass(creation, null);
          }

          private void noteDelegate(@Nullable Symbol callee) {
            if (callee instanceof MethodSymbol delegate
                && delegate.owner == method.owner
                && takesAnException(delegate, state)) {
              delegates.add(delegate);
            }
          }
        };
    for (Tree code : ownCode) {
      scanner.scan(code, null);
    }
    if (restores[0]) {
      return true;
    }
    if (depth >= MAX_DEPTH) {
      return false;
    }
    for (MethodSymbol delegate : delegates) {
      if (seen.add(delegate)) {
        MethodTree tree = CompiledSources.methodTree(delegate, state);
        if (tree != null && sourceRestores(tree, delegate, depth + 1, seen, state)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isStatic(VariableTree field) {
    Symbol symbol = ((JCVariableDecl) field).sym; // null where javac has not entered it
    return symbol != null
        ? symbol.isStatic()
        : field.getModifiers().getFlags().contains(Modifier.STATIC);
  }

  private static boolean takesAnException(MethodSymbol method, VisitorState state) {
    return method.getParameters().stream().anyMatch(p -> isExceptionParameter(p.type, state));
  }

  /** A constructor that begins with {@code this(..)}: the class file inlines no initializer. */
  private static boolean startsWithThisCall(BlockTree body) {
    List<? extends StatementTree> statements = body.getStatements();
    return !statements.isEmpty()
        && statements.getFirst() instanceof ExpressionStatementTree first
        && first.getExpression() instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof IdentifierTree name
        && name.getName().contentEquals("this");
  }

  // ---------------------------------------------------------------- from a class file

  private static boolean classRestores(
      ClassFile file, ClassFile.Method method, int depth, Set<String> seen) {
    if (!method.hasCode()) {
      return false;
    }
    List<ClassFile.Call> calls = method.calls();
    for (int i = 1; i < calls.size(); i++) {
      ClassFile.Call previous = calls.get(i - 1);
      ClassFile.Call call = calls.get(i);
      if (isCurrentThread(previous)
          && isInterrupt(call)
          && previous.offset() + previous.length() == call.offset()
          && method.onlyFallenInto(call.offset())) {
        return true;
      }
    }
    if (depth >= MAX_DEPTH) {
      return false;
    }
    for (ClassFile.Call call : calls) {
      if (call.owner().equals(file.name())
          && takesAnException(call.descriptor())
          && seen.add(call.name() + call.descriptor())) {
        ClassFile.Method delegate = file.method(call.name(), call.descriptor());
        if (delegate != null && classRestores(file, delegate, depth + 1, seen)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isCurrentThread(ClassFile.Call call) {
    return call.opcode() == 0xb8 // invokestatic
        && call.owner().equals(THREAD)
        && call.name().equals("currentThread")
        && call.descriptor().equals("()Ljava/lang/Thread;");
  }

  private static boolean isInterrupt(ClassFile.Call call) {
    return call.opcode() == 0xb6 // invokevirtual
        && call.owner().equals(THREAD)
        && call.name().equals("interrupt")
        && call.descriptor().equals("()V");
  }

  /** True if one of the descriptor's parameters is one of {@link #EXCEPTION_PARAMETERS}. */
  private static boolean takesAnException(String descriptor) {
    int at = 1; // after '('
    while (at < descriptor.length() && descriptor.charAt(at) != ')') {
      int start = at;
      while (at < descriptor.length() && descriptor.charAt(at) == '[') {
        at++;
      }
      if (at >= descriptor.length()) {
        return false;
      }
      if (descriptor.charAt(at) == 'L') {
        int end = descriptor.indexOf(';', at);
        if (end < 0) {
          return false;
        }
        if (start == at && EXCEPTION_PARAMETERS.contains(descriptor.substring(at + 1, end))) {
          return true;
        }
        at = end;
      }
      at++;
    }
    return false;
  }
}
