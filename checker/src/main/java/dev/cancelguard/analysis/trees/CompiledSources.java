package dev.cancelguard.analysis.trees;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.util.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The source tree of a method or class declared in any file of this compilation (not only the file
 * being checked, which {@link SameFile} covers). Null when the symbol comes from a class file:
 * rules that read other files' code then read the class file instead, so that a full and an
 * incremental build agree.
 */
public final class CompiledSources {
  /** The classes declared in the files of a compilation, listed once, kept in its Context. */
  private static final class Classes {
    final List<ClassSymbol> declared;

    /** The subclasses of each class asked about, found once per compilation. */
    final Map<ClassSymbol, List<ClassSymbol>> subclasses = new HashMap<>();

    /** The files that declare them, listed the first time they are asked for. */
    @Nullable Set<CompilationUnitTree> units;

    Classes(List<ClassSymbol> declared) {
      this.declared = declared;
    }
  }

  private static final Context.Key<Classes> CLASSES = new Context.Key<>();

  private CompiledSources() {}

  /**
   * Every class (nested ones included) declared in the files of this compilation: the classes javac
   * knows of whose declaration is a tree here. Listed once per compilation, in the order of their
   * binary names.
   */
  public static List<ClassSymbol> classes(VisitorState state) {
    Classes known = state.context.get(CLASSES);
    if (known == null) {
      // Only a class javac entered from source has a tree, and Enter keeps an environment for each
      // of those: a few hundred, where the symbol table lists every class javac has read
      // (thousands, of the JDK and the jars), each of which would be looked up.
      Symtab symtab = Symtab.instance(state.context);
      Set<ClassSymbol> declared = new HashSet<>();
      for (Env<AttrContext> env : Enter.instance(state.context).getEnvs()) {
        if (env.enclClass != null
            && env.enclClass.sym instanceof ClassSymbol type
            && isInSymbolTable(type, symtab)
            && classTree(type, state) != null) {
          declared.add(type);
        }
      }
      List<Map.Entry<String, ClassSymbol>> byName = new ArrayList<>();
      for (ClassSymbol type : declared) {
        byName.add(Map.entry(type.flatname.toString(), type));
      }
      byName.sort(Map.Entry.comparingByKey());
      known = new Classes(byName.stream().map(Map.Entry::getValue).toList());
      state.context.put(CLASSES, known);
    }
    return known.declared;
  }

  /**
   * The files of this compilation, each the file of some class of {@link #classes}, in the order of
   * their first class's binary name; listed once per compilation (finding a class's file walks the
   * file's trees to the class), for the rules that read every file.
   */
  public static Set<CompilationUnitTree> units(VisitorState state) {
    classes(state);
    Classes known = state.context.get(CLASSES);
    Set<CompilationUnitTree> units = known.units;
    if (units == null) {
      Set<CompilationUnitTree> found = new LinkedHashSet<>(); // a unit is equal only to itself
      for (ClassSymbol type : known.declared) {
        TreePath declaration = classPath(type, state);
        if (declaration != null) {
          found.add(declaration.getCompilationUnit());
        }
      }
      units = Collections.unmodifiableSet(found);
      known.units = units;
    }
    return units;
  }

  /**
   * True if the symbol table holds {@code type} under its name, in any module (a class whose
   * package has no module, in code that does not compile, included).
   */
  private static boolean isInSymbolTable(ClassSymbol type, Symtab symtab) {
    for (ClassSymbol known : symtab.getClassesForName(type.flatname)) {
      if (known == type) {
        return true;
      }
    }
    return false;
  }

  /**
   * The classes of this compilation other than {@code type} that are subclasses of it; found once
   * per compilation and class (the implementations of each abstract method of an interface ask).
   */
  public static List<ClassSymbol> subclassesOf(ClassSymbol type, VisitorState state) {
    List<ClassSymbol> classes = classes(state);
    Map<ClassSymbol, List<ClassSymbol>> known = state.context.get(CLASSES).subclasses;
    List<ClassSymbol> found = known.get(type);
    if (found == null) {
      found = findSubclasses(type, classes, state);
      known.put(type, found);
    }
    return found;
  }

  private static List<ClassSymbol> findSubclasses(
      ClassSymbol type, List<ClassSymbol> classes, VisitorState state) {
    List<ClassSymbol> found = new ArrayList<>();
    try {
      for (ClassSymbol other : classes) {
        if (other != type && other.isSubClass(type, state.getTypes())) {
          found.add(other);
        }
      }
    } catch (RuntimeException incomplete) {
      return List.of(); // a class whose supertypes cannot be completed
    }
    return List.copyOf(found);
  }

  /** The method's declaration, if its file is part of this compilation; null otherwise. */
  public static @Nullable MethodTree methodTree(MethodSymbol method, VisitorState state) {
    try {
      return JavacTrees.instance(state.context).getTree(method) instanceof MethodTree tree
          ? tree
          : null;
    } catch (RuntimeException notFound) {
      return null; // a symbol javac cannot place in any tree
    }
  }

  /**
   * The path of the method's declaration, whose compilation unit is its file, if that file is part
   * of this compilation; null otherwise.
   */
  public static @Nullable TreePath methodPath(MethodSymbol method, VisitorState state) {
    try {
      return JavacTrees.instance(state.context).getPath(method);
    } catch (RuntimeException notFound) {
      return null; // a symbol javac cannot place in any tree
    }
  }

  /** The class's declaration, if its file is part of this compilation; null otherwise. */
  public static @Nullable ClassTree classTree(ClassSymbol type, VisitorState state) {
    try {
      return JavacTrees.instance(state.context).getTree(type) instanceof ClassTree tree
          ? tree
          : null;
    } catch (RuntimeException notFound) {
      return null; // a symbol javac cannot place in any tree
    }
  }

  /**
   * The path of the class's declaration, whose compilation unit is its file, if that file is part
   * of this compilation; null otherwise.
   */
  public static @Nullable TreePath classPath(ClassSymbol type, VisitorState state) {
    try {
      return JavacTrees.instance(state.context).getPath(type);
    } catch (RuntimeException notFound) {
      return null; // a symbol javac cannot place in any tree
    }
  }

  /**
   * True if nothing outside the compilation can call the method or make an instance of the class:
   * it, or a method or class around it, is private, or not public nor protected in a package
   * compiled whole.
   */
  public static boolean onlyTheCompilationReaches(Symbol methodOrClass, VisitorState state) {
    for (Symbol s = methodOrClass;
        s instanceof MethodSymbol || s instanceof ClassSymbol;
        s = s.owner) {
      if (s.isPrivate()) {
        return true;
      }
      if ((s.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0
          && filesOfWholePackage(s.packge(), state) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The files of this compilation that declare the classes of a package, when every class of the
   * package is a source of this compilation; null when some come from class files (an incremental
   * build, a package split across jars) or the package cannot be listed. A class file of a nested
   * or anonymous class whose top-level class is compiled here from source (the library's own jar on
   * the class path beside its sources) does not count: the source of its top-level class is what is
   * read.
   */
  public static @Nullable Set<CompilationUnitTree> filesOfWholePackage(
      PackageSymbol packge, VisitorState state) {
    Set<CompilationUnitTree> files = new LinkedHashSet<>();
    try {
      for (Symbol member : packge.members().getSymbols()) {
        if (!(member instanceof ClassSymbol type)) {
          continue;
        }
        TreePath declaration = classPath(type, state);
        if (declaration == null) {
          if (isStaleNestedClassFile(type, state)) {
            continue;
          }
          return null; // its code is not in this compilation
        }
        files.add(declaration.getCompilationUnit());
      }
    } catch (RuntimeException incomplete) {
      return null; // a package javac cannot list
    }
    return files;
  }

  private static boolean isStaleNestedClassFile(ClassSymbol member, VisitorState state) {
    String name = member.getSimpleName().toString();
    int dollar = name.indexOf('$');
    if (dollar <= 0) {
      return false;
    }
    Symbol outer = member.packge().members().findFirst(state.getName(name.substring(0, dollar)));
    return outer instanceof ClassSymbol top && classPath(top, state) != null;
  }
}
