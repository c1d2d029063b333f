package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.util.Context;
import dev.cancelguard.analysis.trees.CompiledSources;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The classes whose values this compilation only ever handles as values of a class: every
 * expression whose static type is the class (or an array of it) is the receiver of a call or field
 * access, compared, joined to a string, a lock, tested with {@code instanceof}, dropped, or goes
 * where the declared type is again a class other than {@code Object} (a variable, a field, a
 * parameter of a method or constructor compiled here, a method's result, a cast, a branch of {@code
 * ?:}, an array element) — never to an interface such as {@code Runnable}, to {@code Object} (other
 * than a parameter declared {@code Object}, as a log call takes it), to a type variable (a
 * collection's element), to a lambda's result, or to a method read from a class file; and none of
 * them is the receiver of {@code run()} or of a method reference to it. Then, whichever variables
 * and fields hold such an object, the code of the compilation neither calls its {@code run()} nor
 * hands it on as something a pool or another thread could run: from {@code new C(..)} on, its
 * static type is one of its class's superclasses or the class itself, and each hop to another such
 * type is an expression of that type, checked in turn.
 *
 * <p>A constructor reference ({@code Worker::new}) makes objects no expression of the class's type
 * shows: its class counts as handed on. Bare {@code this} and {@code super} are left to the rules
 * that read a class's own uses of itself ({@code SelfReferences}). Found in one walk of the
 * compilation's trees the first time a rule asks, and kept in the compilation's {@link Context},
 * never in static state.
 */
public final class ClassTypedValues {
  private static final Context.Key<ClassTypedValues> KEY = new Context.Key<>();

  /** Classes some value of which the compilation handles as something other than a class. */
  private final Set<ClassSymbol> handedOnOtherwise = new HashSet<>();

  private ClassTypedValues() {}

  /** The uses of this compilation, read the first time they are asked for. */
  static ClassTypedValues of(VisitorState state) {
    ClassTypedValues known = state.context.get(KEY);
    if (known == null) {
      known = new ClassTypedValues();
      Set<CompilationUnitTree> units = CompiledSources.units(state);
      for (CompilationUnitTree unit : units) {
        known.read(unit, state);
      }
      state.context.put(KEY, known);
    }
    return known;
  }

  /** True if every value of each of the classes is handled only as a value of a class. */
  boolean keepTheirClass(Collection<ClassSymbol> classes) {
    for (ClassSymbol c : classes) {
      if (handedOnOtherwise.contains(c)) {
        return false;
      }
    }
    return true;
  }

  private void read(CompilationUnitTree unit, VisitorState state) {
    Types types = Types.instance(state.context);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree instanceof MemberReferenceTree reference
            && reference.getMode() == MemberReferenceTree.ReferenceMode.NEW
            && classOf(typeOf(reference.getQualifierExpression()), types)
                instanceof ClassSymbol c) {
          handedOnOtherwise.add(c); // `Worker::new`: its objects are made where no type shows
        }
        if (tree instanceof ExpressionTree expression && !(tree instanceof ParenthesizedTree)) {
          ClassSymbol c = classOfValue(expression, types);
          if (c != null && !handedOnOtherwise.contains(c)) {
            TreePath path = new TreePath(getCurrentPath(), tree);
            if (!keepsItsClass(path, state, types)) {
              handedOnOtherwise.add(c);
            }
          }
        }
        return super.scan(tree, null);
      }
    }.scan(unit, null);
  }

  /**
   * The class of the value the expression is, or of the elements of the array it is; null for a
   * primitive, an interface, {@code Object}, a type variable, a type or package name, and bare
   * {@code this} or {@code super}.
   */
  private static @Nullable ClassSymbol classOfValue(ExpressionTree expression, Types types) {
    if (!(expression instanceof JCTree.JCExpression tree)
        || tree.type == null
        || expression instanceof ArrayTypeTree
        || expression instanceof ParameterizedTypeTree
        || expression instanceof AnnotatedTypeTree
        || expression instanceof PrimitiveTypeTree
        || expression instanceof WildcardTree
        || expression instanceof UnionTypeTree
        || expression instanceof IntersectionTypeTree) {
      return null; // a type, not a value
    }
    Symbol symbol = getSymbol(expression);
    if (symbol instanceof ClassSymbol || symbol instanceof PackageSymbol) {
      return null; // a type's or a package's name
    }
    if (expression instanceof IdentifierTree identifier
        && (identifier.getName().contentEquals("this")
            || identifier.getName().contentEquals("super"))) {
      return null;
    }
    return classOf(tree.type, types);
  }

  /** The class (not an interface nor {@code Object}) a type, or its arrays' elements, erase to. */
  private static @Nullable ClassSymbol classOf(@Nullable Type type, Types types) {
    if (type == null) {
      return null;
    }
    Type t = types.erasure(type);
    while (t instanceof Type.ArrayType array) {
      t = types.erasure(array.elemtype);
    }
    if (t == null
        || !t.hasTag(TypeTag.CLASS)
        || !(t.tsym instanceof ClassSymbol c)
        || c.isInterface()
        || c.getQualifiedName().contentEquals("java.lang.Object")) {
      return null;
    }
    return c;
  }

  /** True if the expression at {@code path} is used as a value of a class (see the class doc). */
  private static boolean keepsItsClass(TreePath path, VisitorState state, Types types) {
    Tree value = path.getLeaf();
    TreePath parentPath = path.getParentPath();
    while (parentPath != null && parentPath.getLeaf() instanceof ParenthesizedTree) {
      value = parentPath.getLeaf();
      parentPath = parentPath.getParentPath();
    }
    if (parentPath == null) {
      return false;
    }
    Tree parent = parentPath.getLeaf();
    return switch (parent) {
      case MemberSelectTree select -> !namesRunCalledWithoutArguments(select, parentPath);
      case MemberReferenceTree reference -> !reference.getName().contentEquals("run");
      case BinaryTree binary -> true; // ==, !=, or joined to a string
      case InstanceOfTree test -> test.getPattern() == null || keeps(typeOf(test.getType()), types);
      case SynchronizedTree lock -> true;
      case ExpressionStatementTree dropped -> true;
      case ArrayAccessTree access -> access.getExpression() == value;
      case TypeCastTree cast -> keeps(typeOf(cast.getType()), types);
      case ConditionalExpressionTree conditional ->
          conditional.getCondition() != value && keeps(typeOf(conditional), types);
      case AssignmentTree assignment ->
          assignment.getVariable() == value || keeps(typeOf(assignment.getVariable()), types);
      case VariableTree variable ->
          getSymbol(variable) instanceof VarSymbol v && keeps(v.type, types);
      case EnhancedForLoopTree loop ->
          getSymbol(loop.getVariable()) instanceof VarSymbol v && keeps(v.type, types);
      case NewArrayTree array ->
          typeOf(array) instanceof Type.ArrayType arrayType && keeps(arrayType.elemtype, types);
      case ReturnTree returned -> keeps(returnTypeAround(parentPath), types);
      case MethodInvocationTree call ->
          takenAsAClass(getSymbol(call), call.getArguments(), value, state, types);
      case NewClassTree creation ->
          takenAsAClass(getSymbol(creation), creation.getArguments(), value, state, types);
      default -> false;
    };
  }

  /** {@code x.run()}: the member select names {@code run} and is called with no arguments. */
  private static boolean namesRunCalledWithoutArguments(MemberSelectTree select, TreePath path) {
    TreePath parent = path.getParentPath();
    return select.getIdentifier().contentEquals("run")
        && parent != null
        && parent.getLeaf() instanceof MethodInvocationTree call
        && call.getArguments().isEmpty();
  }

  /** The result type of the method a {@code return} leaves; null in a lambda or an initializer. */
  private static @Nullable Type returnTypeAround(TreePath returnPath) {
    for (TreePath p = returnPath; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return null;
      }
      if (leaf instanceof MethodTree method) {
        return getSymbol(method) instanceof MethodSymbol m ? m.getReturnType() : null;
      }
    }
    return null;
  }

  /**
   * True if the method or constructor, compiled here, declares the parameter that takes {@code
   * value} as a class, or as a plain {@code Object} (also its varargs), as a log call takes it.
   */
  private static boolean takenAsAClass(
      @Nullable Symbol callee,
      List<? extends ExpressionTree> arguments,
      Tree value,
      VisitorState state,
      Types types) {
    if (!(callee instanceof MethodSymbol method)) {
      return false;
    }
    List<VarSymbol> parameters = method.getParameters();
    for (int i = 0; i < arguments.size(); i++) {
      if (arguments.get(i) != value) {
        continue;
      }
      if (parameters.isEmpty()) {
        return false;
      }
      int last = parameters.size() - 1;
      Type type = parameters.get(Math.min(i, last)).type;
      if (method.isVarArgs() && i >= last && type instanceof Type.ArrayType array) {
        type = array.elemtype; // an element of the varargs (an array passed whole is no element)
      }
      if (type != null
          && !type.isPrimitive()
          && type.tsym != null
          && type.tsym.getQualifiedName().contentEquals("java.lang.Object")
          && !(((JCTree.JCExpression) value).type instanceof Type.ArrayType)) {
        return true; // a plain Object, as a log call takes it
      }
      return CompiledSources.classTree(method.enclClass(), state) != null && keeps(type, types);
    }
    return false; // the receiver of the call or the creation's enclosing instance
  }

  /** True if the declared type is a class (or an array of one), not an interface nor Object. */
  private static boolean keeps(@Nullable Type declared, Types types) {
    return declared != null
        && !declared.hasTag(TypeTag.TYPEVAR)
        && !(declared instanceof Type.ArrayType array && array.elemtype.hasTag(TypeTag.TYPEVAR))
        && classOf(declared, types) != null;
  }

  private static @Nullable Type typeOf(@Nullable Tree tree) {
    return tree instanceof JCTree jc ? jc.type : null;
  }
}
