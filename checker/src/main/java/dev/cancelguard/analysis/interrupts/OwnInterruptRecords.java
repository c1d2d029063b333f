package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A record of the interrupt the compilation itself sent: a private field ({@code boolean}, or a
 * final {@code AtomicBoolean} that never leaves its class) that its file sets to true only in the
 * statement right before it interrupts a thread it keeps in a field of the same class ({@code
 * interrupted.set(true); executionThread.interrupt();}), and sets back to false somewhere other
 * than a constructor (so that the record of one interrupt does not stand for every later one). Code
 * that finds the record set knows that the interrupt its thread has was sent by the record's owner,
 * as a doorbell of its own protocol (a timeout that interrupts the attempt it ends); a clear or a
 * swallow on that branch consumes that doorbell, not an interrupt of whoever owns the thread.
 *
 * <p>The record is read directly, through {@code get()} of the atomic, or through a getter of the
 * compilation whose body is {@code return field;} (also an interface method whose implementations,
 * all in this compilation, are such getters: {@link CompiledImplementations}).
 */
public final class OwnInterruptRecords {
  private OwnInterruptRecords() {}

  /**
   * True if the condition having {@code value} means a record of the compilation's own interrupt is
   * set: the record read is true; through {@code !}, {@code &&} and {@code ||}.
   */
  public static boolean impliesOwnInterrupt(
      ExpressionTree condition, boolean value, VisitorState state) {
    ExpressionTree c = stripParentheses(condition);
    return switch (c.getKind()) {
      case LOGICAL_COMPLEMENT ->
          impliesOwnInterrupt(((UnaryTree) c).getExpression(), !value, state);
      case CONDITIONAL_AND, CONDITIONAL_OR -> {
        BinaryTree binary = (BinaryTree) c;
        boolean left = impliesOwnInterrupt(binary.getLeftOperand(), value, state);
        boolean right = impliesOwnInterrupt(binary.getRightOperand(), value, state);
        // `a && b` true, or `a || b` false: both operands have that value; otherwise either.
        yield (c.getKind() == Tree.Kind.CONDITIONAL_AND) == value ? left || right : left && right;
      }
      case IDENTIFIER, MEMBER_SELECT, METHOD_INVOCATION -> value && readsARecord(c, state, true);
      default -> false;
    };
  }

  /** The expression reads a record: the field, its atomic's get(), or (once) a getter of it. */
  private static boolean readsARecord(
      ExpressionTree expression, VisitorState state, boolean followGetters) {
    VarSymbol field = recordFieldRead(expression, state);
    if (field != null) {
      return isOwnInterruptRecord(field, state);
    }
    if (!followGetters
        || !(expression instanceof MethodInvocationTree call)
        || !Expressions.isResolved(call)
        || !call.getArguments().isEmpty()
        || !(getSymbol(call) instanceof MethodSymbol method)
        || method.isStatic()
        || method.getReturnType().getTag() != TypeTag.BOOLEAN) {
      return false;
    }
    List<MethodSymbol> bodies;
    if ((method.flags() & Flags.ABSTRACT) != 0) {
      bodies = CompiledImplementations.of(method, state);
    } else if (ConfinedOverrides.cannotBeOverridden(method)) {
      bodies = List.of(method);
    } else {
      return false;
    }
    if (bodies.isEmpty()) {
      return false;
    }
    for (MethodSymbol getter : bodies) {
      MethodTree tree = CompiledSources.methodTree(getter, state);
      if (tree == null
          || tree.getBody() == null
          || tree.getBody().getStatements().size() != 1
          || !(tree.getBody().getStatements().getFirst() instanceof ReturnTree ret)
          || ret.getExpression() == null
          || !readsARecord(stripParentheses(ret.getExpression()), state, false)) {
        return false;
      }
    }
    return true;
  }

  /** The field of {@code field} or {@code field.get()} (an AtomicBoolean), or null. */
  private static @Nullable VarSymbol recordFieldRead(
      ExpressionTree expression, VisitorState state) {
    ExpressionTree e = stripParentheses(expression);
    if (e instanceof MethodInvocationTree call) {
      if (!Expressions.isResolved(call)
          || !call.getArguments().isEmpty()
          || !(getSymbol(call) instanceof MethodSymbol method)
          || !method.getSimpleName().contentEquals("get")
          || getReceiver(call) == null) {
        return null;
      }
      VarSymbol field = fieldOf(getReceiver(call));
      return field != null && isAtomicBoolean(field.type) ? field : null;
    }
    VarSymbol field = fieldOf(e);
    return field != null && field.type.getTag() == TypeTag.BOOLEAN ? field : null;
  }

  private static @Nullable VarSymbol fieldOf(@Nullable ExpressionTree expression) {
    if (expression == null) {
      return null;
    }
    ExpressionTree e = stripParentheses(expression);
    return (e instanceof IdentifierTree || e instanceof MemberSelectTree)
            && getSymbol(e) instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
            && !field.isStatic()
        ? field
        : null;
  }

  private static boolean isAtomicBoolean(@Nullable Type type) {
    return type != null
        && type.tsym != null
        && type.tsym.getQualifiedName().contentEquals("java.util.concurrent.atomic.AtomicBoolean");
  }

  /**
   * True if the field is a record of the compilation's own interrupt: private, declared in a file
   * of this compilation; every write of it there is a constant; each true is written by the
   * statement right before one that interrupts a thread held in a field of the same class; false is
   * written somewhere besides its declaration and the constructors. An atomic one is final, made
   * with no value or false (or shared with another instance's same field), and used only through
   * {@code get()}, {@code set(constant)} and {@code lazySet(constant)}.
   */
  static boolean isOwnInterruptRecord(VarSymbol field, VisitorState state) {
    boolean atomic = isAtomicBoolean(field.type);
    if ((field.flags() & Flags.PRIVATE) == 0
        || (atomic && (field.flags() & Flags.FINAL) == 0)
        || !(field.owner instanceof ClassSymbol owner)) {
      return false;
    }
    ClassSymbol top = owner.outermostClass();
    TreePath declaration = CompiledSources.classPath(top, state);
    if (declaration == null) {
      return false;
    }
    CompilationUnitTree unit = declaration.getCompilationUnit();
    Uses uses = new Uses(field, atomic, state);
    uses.scan(unit, null);
    return !uses.other && uses.sets > 0 && uses.resets > 0;
  }

  /** Every use of the record field in its file, sorted. */
  private static final class Uses extends TreePathScanner<Void, Void> {
    private final VarSymbol field;
    private final boolean atomic;
    private final VisitorState state;
    int sets;
    int resets;
    boolean other;

    Uses(VarSymbol field, boolean atomic, VisitorState state) {
      this.field = field;
      this.atomic = atomic;
      this.state = state;
    }

    @Override
    public Void visitVariable(VariableTree variable, Void unused) {
      if (field.equals(getSymbol(variable))) {
        ExpressionTree initializer = variable.getInitializer();
        other |= initializer != null && !isInitialValue(initializer);
        return null;
      }
      return super.visitVariable(variable, null);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      if (field.equals(getSymbol(tree))) {
        use();
      }
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      if (field.equals(getSymbol(tree))) {
        use();
      }
      return super.visitMemberSelect(tree, null);
    }

    private void use() {
      if (other) {
        return;
      }
      TreePath path = getCurrentPath();
      Tree leaf = path.getLeaf();
      TreePath parentPath = path.getParentPath();
      Tree parent = parentPath.getLeaf();
      while (parent.getKind() == Tree.Kind.PARENTHESIZED) {
        leaf = parent;
        parentPath = parentPath.getParentPath();
        parent = parentPath.getLeaf();
      }
      if (parent instanceof AssignmentTree assignment && assignment.getVariable() == leaf) {
        if (atomic) {
          other |= !inConstructor(parentPath) || !isInitialValue(assignment.getExpression());
        } else {
          written(assignment.getExpression(), parentPath);
        }
        return;
      }
      if (parent instanceof AssignmentTree assignment && assignment.getExpression() == leaf) {
        // `interrupted = other.interrupted;`: the atomic shared with another instance.
        other |= atomic && !field.equals(getSymbol(assignment.getVariable()));
        return;
      }
      if (!atomic) {
        // Any other use of a boolean is a read, except a compound or unary write.
        other |=
            parent instanceof com.sun.source.tree.CompoundAssignmentTree
                || parent instanceof UnaryTree unary
                    && unary.getKind() != Tree.Kind.LOGICAL_COMPLEMENT;
        return;
      }
      if (parent instanceof MemberSelectTree select
          && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree call
          && call.getMethodSelect() == select) {
        String name = select.getIdentifier().toString();
        if (name.equals("get") && call.getArguments().isEmpty()) {
          return;
        }
        if ((name.equals("set") || name.equals("lazySet")) && call.getArguments().size() == 1) {
          written(call.getArguments().getFirst(), parentPath.getParentPath());
          return;
        }
      }
      other = true; // handed out, compared and set, or anything else
    }

    /** A write of {@code value} by the expression at {@code writePath}. */
    private void written(ExpressionTree value, TreePath writePath) {
      Object constant = constValue(stripParentheses(value));
      if (Boolean.FALSE.equals(constant)) {
        if (!inConstructor(writePath)) {
          resets++;
        }
      } else if (Boolean.TRUE.equals(constant) && interruptsRightAfter(writePath)) {
        sets++;
      } else {
        other = true;
      }
    }

    /**
     * The write is a statement of a block, and the next statement interrupts a thread held in a
     * field of the record's class.
     */
    private boolean interruptsRightAfter(TreePath writePath) {
      TreePath statementPath = writePath.getParentPath();
      if (statementPath == null
          || !(statementPath.getLeaf() instanceof ExpressionStatementTree statement)
          || !(statementPath.getParentPath().getLeaf() instanceof BlockTree block)) {
        return false;
      }
      List<? extends StatementTree> statements = block.getStatements();
      int index = statements.indexOf(statement);
      if (index < 0 || index + 1 >= statements.size()) {
        return false;
      }
      return statements.get(index + 1) instanceof ExpressionStatementTree next
          && stripParentheses(next.getExpression()) instanceof MethodInvocationTree call
          && Expressions.isResolved(call)
          && ThreadCalls.INTERRUPT.matches(call, state)
          && fieldOf(getReceiver(call)) instanceof VarSymbol thread
          && thread.owner == field.owner;
    }

    private boolean isInitialValue(ExpressionTree value) {
      ExpressionTree v = stripParentheses(value);
      if (!atomic) {
        return Boolean.FALSE.equals(constValue(v));
      }
      if (v instanceof NewClassTree creation) {
        Symbol constructor = getSymbol(creation);
        return constructor != null
            && isAtomicBoolean(constructor.owner.type)
            && (creation.getArguments().isEmpty()
                || Boolean.FALSE.equals(constValue(creation.getArguments().getFirst())));
      }
      return field.equals(getSymbol(v));
    }

    private static boolean inConstructor(TreePath path) {
      for (TreePath p = path; p != null; p = p.getParentPath()) {
        if (p.getLeaf() instanceof MethodTree method) {
          Symbol symbol = getSymbol(method);
          return symbol != null && symbol.isConstructor();
        }
        if (p.getLeaf() instanceof com.sun.source.tree.ClassTree) {
          return true; // an initializer block
        }
      }
      return false;
    }
  }
}
