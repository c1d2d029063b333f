package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import dev.cancelguard.analysis.trees.CallScans;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/**
 * Loops that block in native code on a handle the class closes: {@code while (true) { long client =
 * Local.accept(handle); .. }} where {@code close()} calls {@code Socket.close(handle)}. An
 * interrupt does not wake a thread blocked in a native call; closing the handle does, and the call
 * then fails and its exception leaves the loop. Such a loop is stopped the way a stream loop is: by
 * closing what it waits on.
 */
public final class ClosedNativeWaits {
  /** Words in the name of a call that releases a handle. */
  private static final ImmutableSet<String> RELEASING_WORDS =
      ImmutableSet.of("close", "destroy", "shutdown", "release", "free");

  private ClosedNativeWaits() {}

  /**
   * True if {@code loop} (outside code nested in it) calls a native method on or with an instance
   * field of a class of this file, and code of the file outside {@code loopPath}'s code unit {@code
   * except} passes that field to, or calls on it, a method whose name says it releases it ({@code
   * close}, {@code destroy}, {@code shutdown}, {@code release}, {@code free}).
   */
  public static boolean blocksOnAHandleTheClassCloses(TreePath loopPath, Tree except) {
    Set<Symbol> handles = new HashSet<>();
    CallScans.anyCallOutsideNestedCode(
        loopPath.getLeaf(),
        call -> {
          if (Expressions.isResolved(call)
              && getSymbol(call) instanceof MethodSymbol method
              && (method.flags() & Flags.NATIVE) != 0) {
            handles.addAll(fieldsUsedBy(call, loopPath));
          }
          return false;
        });
    if (handles.isEmpty()) {
      return false;
    }
    boolean[] closed = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return closed[0] || tree == except ? null : super.scan(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call)
            && getSymbol(call) instanceof MethodSymbol method
            && releases(method.getSimpleName().toString())) {
          closed[0] |= fieldsUsedBy(call, loopPath).stream().anyMatch(handles::contains);
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loopPath.getCompilationUnit(), null);
    return closed[0];
  }

  private static boolean releases(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return RELEASING_WORDS.stream().anyMatch(lower::contains);
  }

  /** The instance fields of classes of this file the call takes as receiver or argument. */
  private static Set<Symbol> fieldsUsedBy(MethodInvocationTree call, TreePath inFile) {
    Set<Symbol> fields = new HashSet<>();
    ExpressionTree receiver = getReceiver(call);
    if (receiver != null) {
      addIfField(receiver, inFile, fields);
    }
    for (ExpressionTree argument : call.getArguments()) {
      addIfField(argument, inFile, fields);
    }
    return fields;
  }

  private static void addIfField(ExpressionTree tree, TreePath inFile, Set<Symbol> fields) {
    Symbol symbol = getSymbol(stripParentheses(tree));
    if (symbol != null
        && symbol.getKind() == ElementKind.FIELD
        && !symbol.isStatic()
        && SameFile.isDeclaredIn(symbol, inFile.getCompilationUnit())) {
      fields.add(symbol);
    }
  }
}
