package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.trees.CompiledSources;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A concrete method declared in another file of this compilation whose code, and the code of every
 * override it can have, is in this compilation: it cannot be overridden (private, static, final, of
 * a final class), or only its package can override it (the method, or its class or a class around
 * it, is neither public nor protected) and every class of that package is a source of this
 * compilation ({@link CompiledSources#filesOfWholePackage}). Its overrides are then the methods of
 * the package's files that override it — in named, nested and anonymous classes alike — provided
 * none of the subclasses there opens the set again: a public or protected subclass that is not
 * final, of a method that is public or protected, may be extended and the method overridden
 * anywhere. A class file of the package (an incremental build) or an interface's method (a lambda
 * in any file may implement it) is not answered.
 */
public final class ConfinedOverrides {
  private ConfinedOverrides() {}

  /**
   * True if {@code method}'s own body and the bodies of all of its overrides satisfy {@code
   * bodyIsFine}; false when one of them cannot be seen.
   */
  static boolean everyBody(
      MethodSymbol method, Predicate<MethodTree> bodyIsFine, VisitorState state) {
    if ((method.flags() & (Flags.ABSTRACT | Flags.NATIVE)) != 0
        || !(method.owner instanceof ClassSymbol owner)
        || (owner.flags() & Flags.INTERFACE) != 0) {
      return false;
    }
    MethodTree declaration = CompiledSources.methodTree(method, state);
    if (declaration == null || declaration.getBody() == null || !bodyIsFine.test(declaration)) {
      return false;
    }
    if (cannotBeOverridden(method)) {
      return true;
    }
    boolean methodVisibleOutside = (method.flags() & (Flags.PUBLIC | Flags.PROTECTED)) != 0;
    if (methodVisibleOutside && !confinedToItsPackage(owner)) {
      return false;
    }
    Set<CompilationUnitTree> files = CompiledSources.filesOfWholePackage(owner.packge(), state);
    if (files == null) {
      return false;
    }
    try {
      return noOverrideOpensTheSet(method, owner, methodVisibleOutside, files, bodyIsFine, state);
    } catch (RuntimeException incomplete) {
      return false; // a class whose supertypes cannot be completed
    }
  }

  private static boolean noOverrideOpensTheSet(
      MethodSymbol method,
      ClassSymbol owner,
      boolean methodVisibleOutside,
      Set<CompilationUnitTree> files,
      Predicate<MethodTree> bodyIsFine,
      VisitorState state) {
    boolean[] open = new boolean[1];
    for (CompilationUnitTree file : files) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          if (getSymbol(tree) instanceof ClassSymbol type
              && type != owner
              && type.isSubClass(owner, state.getTypes())
              && methodVisibleOutside
              && !type.isAnonymous()
              && (type.flags() & Flags.FINAL) == 0
              && !confinedToItsPackage(type)) {
            open[0] = true; // another package may extend it and override the method
          }
          return open[0] ? null : super.visitClass(tree, null);
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
          MethodSymbol symbol = getSymbol(tree);
          if (symbol != null
              && symbol != method
              && symbol.overrides(method, symbol.enclClass(), state.getTypes(), true)
              && (tree.getBody() == null || !bodyIsFine.test(tree))) {
            open[0] = true;
          }
          return open[0] ? null : super.visitMethod(tree, null);
        }
      }.scan(file, null);
      if (open[0]) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if every implementation of the abstract {@code method} can be seen and is fine: the type
   * that declares it (or a class around that type) is neither public nor protected, so only its
   * package can implement it, and every class of that package is a source of this compilation
   * ({@link CompiledSources#filesOfWholePackage}); its implementations are then the methods of the
   * package's files that override it ({@code overrideIsFine}) and the lambdas and method references
   * there whose type is the type or a subtype of it ({@code functionalIsFine}). There must be at
   * least one. A subtype that other packages may extend or implement opens the set again: a public
   * or protected interface, abstract class, or class that is not final whose implementation of the
   * method declares the interrupt (an override elsewhere may then throw it). A public type is never
   * answered, whatever its implementations here: the users of a library may implement it, and the
   * object a call is made on may be one of theirs.
   */
  static boolean everyImplementation(
      MethodSymbol method,
      Predicate<MethodTree> overrideIsFine,
      Predicate<Tree> functionalIsFine,
      VisitorState state) {
    if ((method.flags() & Flags.ABSTRACT) == 0
        || method.isStatic()
        || !(method.owner instanceof ClassSymbol owner)
        || !confinedToItsPackage(owner)
        || CompiledSources.classTree(owner, state) == null) {
      return false;
    }
    Set<CompilationUnitTree> files = CompiledSources.filesOfWholePackage(owner.packge(), state);
    if (files == null) {
      return false;
    }
    Type interrupted = Interrupts.interruptedExceptionType(state);
    int[] implementations = new int[1];
    boolean[] open = new boolean[1];
    try {
      for (CompilationUnitTree file : files) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitClass(ClassTree tree, Void unused) {
            if (getSymbol(tree) instanceof ClassSymbol type
                && type != owner
                && type.isSubClass(owner, state.getTypes())
                && !type.isAnonymous()
                && !confinedToItsPackage(type)
                && ((type.flags() & (Flags.ABSTRACT | Flags.INTERFACE)) != 0
                    || ((type.flags() & Flags.FINAL) == 0
                        && !implementationDeclaresNone(type, interrupted)))) {
              open[0] = true; // another package may implement it, or override what throws
            }
            return open[0] ? null : super.visitClass(tree, null);
          }

          private boolean implementationDeclaresNone(ClassSymbol type, Type interrupted) {
            return method.implementation(type, state.getTypes(), true) instanceof MethodSymbol found
                && (found.flags() & Flags.ABSTRACT) == 0
                && found.getThrownTypes().stream()
                    .noneMatch(thrown -> isSubtype(interrupted, thrown, state));
          }

          @Override
          public Void visitMethod(MethodTree tree, Void unused) {
            MethodSymbol symbol = getSymbol(tree);
            if (symbol != null
                && symbol != method
                && symbol.overrides(method, symbol.enclClass(), state.getTypes(), true)) {
              implementations[0]++;
              open[0] |= !overrideIsFine.test(tree);
            }
            return open[0] ? null : super.visitMethod(tree, null);
          }

          @Override
          public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
            functional(lambda);
            return open[0] ? null : super.visitLambdaExpression(lambda, null);
          }

          @Override
          public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
            functional(reference);
            return open[0] ? null : super.visitMemberReference(reference, null);
          }

          private void functional(Tree tree) {
            Type type = getType(tree);
            if (type != null && isSubtype(type, owner.type, state)) {
              implementations[0]++;
              open[0] |= !functionalIsFine.test(tree);
            }
          }
        }.scan(file, null);
        if (open[0]) {
          return false;
        }
      }
    } catch (RuntimeException incomplete) {
      return false; // a class whose supertypes cannot be completed
    }
    return implementations[0] > 0;
  }

  /**
   * No override of the method can exist: private, static, a constructor, final or in a final class.
   */
  public static boolean cannotBeOverridden(MethodSymbol method) {
    Symbol owner = method.owner;
    return method.isPrivate()
        || method.isStatic()
        || method.isConstructor()
        || (method.flags() & Flags.FINAL) != 0
        || (owner.flags() & (Flags.FINAL | Flags.RECORD)) != 0;
  }

  /** The class, or a class around it, is neither public nor protected. */
  private static boolean confinedToItsPackage(ClassSymbol type) {
    for (Symbol s = type; s instanceof ClassSymbol c; s = c.owner) {
      if ((c.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0) {
        return true;
      }
    }
    return false;
  }
}
