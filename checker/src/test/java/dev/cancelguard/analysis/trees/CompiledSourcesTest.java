package dev.cancelguard.analysis.trees;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symtab;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CompiledSources}: declarations found in any file of the compilation, never in a jar. */
class CompiledSourcesTest {
  /** Reports on every call whether the callee's method and class declarations have a tree. */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class FindsTrees extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!(ASTHelpers.getSymbol(tree) instanceof MethodSymbol method)) {
        return Description.NO_MATCH;
      }
      boolean method_ = CompiledSources.methodTree(method, state) != null;
      boolean class_ = CompiledSources.classTree(method.enclClass(), state) != null;
      return buildDescription(tree)
          .setMessage(
              (method_ ? "method tree" : "no method tree")
                  + ", "
                  + (class_ ? "class tree" : "no class tree"))
          .build();
    }
  }

  @Test
  void findsDeclarationsInOtherSourceFilesButNotInClassFiles() {
    CompilationTestHelper.newInstance(FindsTrees.class, getClass())
        .addSourceLines(
            "Helpers.java",
            """
            class Helpers {
              static void restore() {}
            }
            """)
        .addSourceLines(
            "Caller.java",
            """
            class Caller {
              void run() {
                // BUG: Diagnostic contains: method tree, class tree
                Helpers.restore();
                // BUG: Diagnostic contains: no method tree, no class tree
                Thread.currentThread();
              }
            }
            """)
        .doTest();
  }

  /**
   * Reports, on each file, the classes of the compilation as {@link CompiledSources#classes} lists
   * them, and whether that is the list a look at every class of the symbol table finds (each class
   * javac knows of whose declaration has a tree here): the environments of Enter must miss none.
   * Local and anonymous classes are in neither list (the symbol table does not hold them).
   */
  @BugPattern(summary = "test only", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ListsClasses extends BugChecker implements CompilationUnitTreeMatcher {
    @Override
    public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
      List<String> everyClass = new ArrayList<>();
      Symtab.instance(state.context)
          .getAllClasses()
          .forEach(
              type -> {
                if (CompiledSources.classTree(type, state) != null) {
                  everyClass.add(type.flatname.toString());
                }
              });
      everyClass.sort(null);
      List<String> listed = new ArrayList<>();
      for (ClassSymbol type : CompiledSources.classes(state)) {
        listed.add(type.flatname.toString());
      }
      // The subclasses of each class, found once per compilation: asked again, the same answer.
      List<String> subclasses = new ArrayList<>();
      for (ClassSymbol type : CompiledSources.classes(state)) {
        List<ClassSymbol> first = CompiledSources.subclassesOf(type, state);
        if (!first.equals(CompiledSources.subclassesOf(type, state))) {
          subclasses.add("asked again, a different answer for " + type);
        }
        for (ClassSymbol subclass : first) {
          subclasses.add(subclass.flatname + " < " + type.flatname);
        }
      }
      // The files of the compilation, listed once: each class's file, in the order of the classes.
      List<String> files = new ArrayList<>();
      for (CompilationUnitTree unit : CompiledSources.units(state)) {
        String name = unit.getSourceFile().getName();
        files.add(name.substring(name.lastIndexOf('/') + 1));
      }
      return buildDescription(tree)
          .setMessage(
              (listed.equals(everyClass) ? "same: " : "differs from " + everyClass + ": ")
                  + listed
                  + "; "
                  + subclasses
                  + "; files "
                  + files)
          .build();
    }
  }

  @Test
  void listsTheClassesOfEveryFileAsTheSymbolTableDoes() {
    CompilationTestHelper.newInstance(ListsClasses.class, getClass())
        .addSourceLines(
            "p/Base.java",
            """
            // BUG: Diagnostic contains: same: [p.Base, p.Base$Kind, p.Base$Nested, p.Base$Nested$Deeper, p.Other, p.Other$Point, q.Third]; [p.Base$Nested < p.Base, q.Third < p.Base]; files [Base.java, Other.java, Third.java]
            package p;
            public abstract class Base {
              enum Kind { A }
              static class Nested extends Base {
                interface Deeper {}
              }
            }
            """)
        .addSourceLines(
            "p/Other.java",
            """
            // BUG: Diagnostic contains: same: [p.Base
            package p;
            class Other {
              record Point(int x) {}
              Object run() {
                class Local extends Base {}
                return new Base() {};
              }
            }
            """)
        .addSourceLines(
            "p/package-info.java",
            """
            /** A package documented in its own file: Enter keeps an environment for it too. */
            // BUG: Diagnostic contains: same: [p.Base
            package p;
            """)
        .addSourceLines(
            "q/Third.java",
            """
            // BUG: Diagnostic contains: same:
            package q;
            public class Third extends p.Base {}
            """)
        .doTest();
  }
}
