package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Kinds.Kind;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.SelfReferences;
import dev.cancelguard.analysis.trees.Supertypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Objects that never leave the code that makes them: every instance of a class is made by {@code
 * new C(..)} in the code units this answers, each held only in a local of that code unit (or used
 * at once as a call's receiver), and the local used only there, as the receiver of calls and field
 * accesses, compared, reassigned or closed by its {@code try} — never returned, passed, stored
 * elsewhere or captured by a lambda or class. The class's own code keeps its {@code this} home too:
 * used only to reach its own members, never handed anywhere, captured only by lambdas that run on
 * the thread of the code around them ({@link SameThreadActions}); the class has no inner, local or
 * anonymous class, and no superclass but {@code Object} nor interface with code of its own that
 * could hand {@code this} on. Then whatever runs an instance method of the class holds an instance,
 * and every holder is a frame of the making code unit's thread: the method runs only on the threads
 * the making code units run on.
 *
 * <p>Only classes no code but this file's can name are read ({@link
 * OwnThreads#namedOnlyInThisFile}), so that every creation and every use lies in this file; a
 * constructor reference ({@code C::new}) or an anonymous subclass makes instances no creation
 * shows. The method itself is an instance method that overrides nothing and that no method
 * reference names.
 */
public final class ConfinedInstances {
  private ConfinedInstances() {}

  /**
   * The code units that make every instance of the class of the method at {@code codeUnit}, one per
   * code unit, when those instances stay there as above; null when the method is not such a class's
   * instance method or an instance may leave.
   */
  public static @Nullable List<TreePath> makingCodeUnits(TreePath codeUnit, VisitorState state) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)
        || symbol.isStatic()
        || !(symbol.owner instanceof ClassSymbol type)
        || !ASTHelpers.findSuperMethods(symbol, state.getTypes()).isEmpty()) {
      return null;
    }
    CompilationCalls calls = CompilationCalls.of(state);
    CompilationUnitTree unit = codeUnit.getCompilationUnit();
    if (calls.namedByAReference(symbol)
        || !isPlainClass(type, state)
        || !OwnThreads.namedOnlyInThisFile(type, unit, state)
        || !calls.anonymousCreationsOf(type).isEmpty()
        || constructorReferenced(type, calls)) {
      return null;
    }
    TreePath declaration = CompiledSources.classPath(type, state);
    if (declaration == null
        || declaration.getCompilationUnit() != unit
        || !keepsItsSelfHome(declaration, type, state)) {
      return null;
    }
    List<TreePath> creations = calls.creationsOf(type);
    if (creations.isEmpty()) {
      return null;
    }
    Map<Tree, TreePath> makers = new LinkedHashMap<>();
    for (TreePath creation : creations) {
      TreePath maker = Tasks.enclosingCodeUnit(creation);
      if (creation.getCompilationUnit() != unit
          || maker == null
          || !staysInItsCodeUnit(creation, maker)) {
        return null;
      }
      makers.putIfAbsent(maker.getLeaf(), maker);
    }
    return List.copyOf(makers.values());
  }

  /**
   * A class (not an interface, enum or record) whose superclass is {@code Object} and whose
   * interfaces declare no method with code ({@code default}), so that no code but its own can hand
   * its {@code this} on; neither {@code Cloneable} nor {@code Serializable}, whose copies are made
   * without {@code new}.
   */
  private static boolean isPlainClass(ClassSymbol type, VisitorState state) {
    if (type.getKind() != javax.lang.model.element.ElementKind.CLASS
        || !state.getTypes().isSameType(type.getSuperclass(), state.getSymtab().objectType)
        || Supertypes.isSubtypeOf(type.type, "java.lang.Cloneable", state)
        || Supertypes.isSubtypeOf(type.type, "java.io.Serializable", state)) {
      return false; // a copy or a deserialized object is made without new
    }
    try {
      for (Type supertype : state.getTypes().closure(type.type)) {
        if (supertype.tsym == type || supertype.tsym == state.getSymtab().objectType.tsym) {
          continue;
        }
        if (!supertype.tsym.isInterface()) {
          return false;
        }
        for (Symbol member : supertype.tsym.members().getSymbols()) {
          if (member instanceof MethodSymbol m && (m.flags() & Flags.DEFAULT) != 0) {
            return false;
          }
        }
      }
    } catch (RuntimeException incomplete) {
      return false; // a supertype javac cannot complete
    }
    return true;
  }

  private static boolean constructorReferenced(ClassSymbol type, CompilationCalls calls) {
    for (Symbol member : type.members().getSymbols()) {
      if (member instanceof MethodSymbol m && m.isConstructor() && calls.namedByAReference(m)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The creation is the receiver of a call or field access, or the value a local of its code unit
   * is declared with or assigned, and every reference to that local lies in the code unit itself
   * (no lambda or class inside it) and only reaches the object's members, compares it, reassigns it
   * or names it as a {@code try}'s resource.
   */
  private static boolean staysInItsCodeUnit(TreePath creation, TreePath maker) {
    TreePath parent = LocalUses.parent(creation);
    if (parent == null) {
      return false;
    }
    Symbol local;
    switch (parent.getLeaf()) {
      case MemberSelectTree select when select.getExpression() == skipToCreation(creation) -> {
        return true;
      }
      case VariableTree variable when variable.getInitializer() == skipToCreation(creation) ->
          local = getSymbol(variable);
      case AssignmentTree assignment when assignment.getExpression() == skipToCreation(creation) ->
          local = getSymbol(assignment.getVariable());
      default -> {
        return false;
      }
    }
    if (local == null
        || !(local.getKind() == javax.lang.model.element.ElementKind.LOCAL_VARIABLE
            || local.getKind() == javax.lang.model.element.ElementKind.RESOURCE_VARIABLE)) {
      return false;
    }
    for (TreePath reference : LocalUses.references(maker, local)) {
      if (LocalUses.isInNestedCode(reference, maker) || !isOwnUse(reference)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The tree under the creation's parent that holds it: the creation past parentheses and casts.
   */
  private static Tree skipToCreation(TreePath creation) {
    TreePath p = creation;
    while (p.getParentPath() != null
        && (p.getParentPath().getLeaf().getKind() == Tree.Kind.PARENTHESIZED
            || p.getParentPath().getLeaf().getKind() == Tree.Kind.TYPE_CAST)) {
      p = p.getParentPath();
    }
    return p.getLeaf();
  }

  /** A reference to the local that reaches only the object's members or the local itself. */
  private static boolean isOwnUse(TreePath reference) {
    TreePath parent = LocalUses.parent(reference);
    Tree self = reference.getLeaf();
    return switch (parent == null ? null : parent.getLeaf()) {
      case MemberSelectTree select -> select.getExpression() == self;
      case AssignmentTree assignment -> assignment.getVariable() == self;
      case BinaryTree binary ->
          binary.getKind() == Tree.Kind.EQUAL_TO || binary.getKind() == Tree.Kind.NOT_EQUAL_TO;
      case TryTree tryTree -> tryTree.getResources().contains(self);
      case null, default -> false;
    };
  }

  /**
   * The class's code uses its {@code this} only to reach its own members; every lambda that uses
   * the object (its {@code this}, or a member of it by its simple name) is one the JDK runs in
   * place; no member reference names {@code super}; no class is declared inside it but static
   * member classes.
   */
  private static boolean keepsItsSelfHome(
      TreePath declaration, ClassSymbol type, VisitorState state) {
    boolean[] escapes = new boolean[1];
    SelfReferences.forEach(
        declaration, type, (self, parent) -> escapes[0] |= !SelfReferences.isOwnUse(self, parent));
    if (escapes[0]) {
      return false;
    }
    ClassTree own = (ClassTree) declaration.getLeaf();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return escapes[0] ? null : super.scan(tree, null);
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        if (nested != own) {
          Symbol symbol = getSymbol(nested);
          boolean staticMember =
              symbol instanceof ClassSymbol c
                  && c.owner instanceof ClassSymbol
                  && (c.isStatic() || c.isInterface() || c.isEnum() || c.isRecord());
          if (!staticMember) {
            escapes[0] = true;
            return null;
          }
          return null; // its own code cannot reach this class's object without being handed it
        }
        return super.visitClass(nested, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        escapes[0] |=
            reference.getQualifierExpression() instanceof IdentifierTree qualifier
                && qualifier.getName().contentEquals("super");
        return super.visitMemberReference(reference, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        if (usesTheObject(getCurrentPath(), type, state)
            && !SameThreadActions.runsOnItsCodeUnitsThread(getCurrentPath(), state)) {
          escapes[0] = true;
          return null;
        }
        return super.visitLambdaExpression(lambda, null);
      }
    }.scan(declaration, null);
    return !escapes[0];
  }

  /**
   * The lambda names the object: {@code this} or {@code super}, or an instance field or method of
   * the class (or one it inherits) by its simple name.
   */
  private static boolean usesTheObject(TreePath lambda, ClassSymbol type, VisitorState state) {
    boolean[] uses = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (identifier.getName().contentEquals("this")
            || identifier.getName().contentEquals("super")) {
          uses[0] = true;
          return null;
        }
        Symbol symbol = getSymbol(identifier);
        uses[0] |=
            symbol != null
                && !symbol.isStatic()
                && (symbol.getKind() == javax.lang.model.element.ElementKind.FIELD
                    || symbol.kind == Kind.MTH)
                && symbol.owner instanceof ClassSymbol owner
                && type.isSubClass(owner, state.getTypes());
        return null;
      }
    }.scan(lambda, null);
    return uses[0];
  }
}
