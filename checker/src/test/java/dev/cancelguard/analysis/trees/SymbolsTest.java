package dev.cancelguard.analysis.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTool;
import java.io.StringWriter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import org.junit.jupiter.api.Test;

/** {@link Symbols}: Error Prone's symbol on resolved trees, null on trees javac left unresolved. */
class SymbolsTest {
  private static final String SOURCE =
      """
      import java.util.function.Supplier;

      class Calls {
        void resolved() {
          String.valueOf(1);
          new StringBuilder();
          Supplier<String> s = String::new;
        }

        void unresolved() {
          missing(1);
          new Missing();
          Supplier<String> s = String::missing;
        }
      }
      """;

  @Test
  void resolvedTreesGiveErrorProneSymbolAndUnresolvedOnesGiveNullInsteadOfThrowing()
      throws Exception {
    Map<String, Object> trees = attributedTrees();

    MethodInvocationTree call = (MethodInvocationTree) trees.get("call:valueOf");
    assertEquals(ASTHelpers.getSymbol(call), Symbols.getSymbol(call));
    assertNotNull(Symbols.getSymbol(call));
    NewClassTree creation = (NewClassTree) trees.get("new:StringBuilder");
    assertEquals(ASTHelpers.getSymbol(creation), Symbols.getSymbol(creation));
    MemberReferenceTree reference = (MemberReferenceTree) trees.get("ref:<init>");
    assertEquals(ASTHelpers.getSymbol(reference), Symbols.getSymbol(reference));

    MethodInvocationTree missingCall = (MethodInvocationTree) trees.get("call:missing");
    assertThrows(IllegalArgumentException.class, () -> ASTHelpers.getSymbol(missingCall));
    assertNull(Symbols.getSymbol(missingCall));
    NewClassTree missingCreation = (NewClassTree) trees.get("new:Missing");
    assertThrows(IllegalArgumentException.class, () -> ASTHelpers.getSymbol(missingCreation));
    assertNull(Symbols.getSymbol(missingCreation));
    MemberReferenceTree missingReference = (MemberReferenceTree) trees.get("ref:missing");
    assertThrows(IllegalArgumentException.class, () -> ASTHelpers.getSymbol(missingReference));
    assertNull(Symbols.getSymbol(missingReference));
  }

  /** The calls, creations and method references of {@link #SOURCE}, attributed despite errors. */
  private static Map<String, Object> attributedTrees() throws Exception {
    JavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///Calls.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return SOURCE;
          }
        };
    JavacTask task =
        JavacTool.create()
            .getTask(
                new StringWriter(),
                null,
                diagnostic -> {},
                List.of("-proc:none"),
                null,
                List.of(file));
    Iterable<? extends CompilationUnitTree> units = task.parse();
    task.analyze();
    Map<String, Object> trees = new LinkedHashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        String select = tree.getMethodSelect().toString();
        trees.put("call:" + select.substring(select.lastIndexOf('.') + 1), tree);
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        trees.put("new:" + tree.getIdentifier(), tree);
        return super.visitNewClass(tree, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
        trees.put("ref:" + tree.getName(), tree);
        return super.visitMemberReference(tree, null);
      }
    }.scan(units, null);
    return trees;
  }
}
