package dev.cancelguard.analysis.tasks;

import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.tasks.RestorePlacement.Placement;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * A caller's wait under a lock in a method whose failure is an {@code IOException}: {@code while
 * (!isWriteLocked) lock.wait(5000);} in a stream's {@code write}, {@code not_empty.await()} in an
 * input stream's {@code read()}. Recorded and restored after the loop, the interrupt would keep the
 * interrupted caller waiting until another thread (a writer, the peer) does its part; the rethrow
 * that lets it stop is not possible, since the method cannot throw {@code InterruptedException}.
 * Its I/O failure can say the same: {@code InterruptedIOException} is the exception {@code java.io}
 * itself throws for an interrupted I/O wait (a piped stream's read), a subtype of what the method
 * already declares, so its callers handle it already. The catch restores the flag and throws it.
 */
public final class InterruptedIoExits {
  private static final String EXCEPTION = "java.io.InterruptedIOException";

  private InterruptedIoExits() {}

  /**
   * The restore and the throw of {@code InterruptedIOException} for the catch at {@code catchPath},
   * whose record-and-restore ({@code placement}) would keep a caller waiting under a lock; null
   * where the method does not declare {@code IOException} (or {@code InterruptedIOException}), a
   * try of the method around the catch would take the exception, the loop adds up what the method
   * returns, or a caller in this compilation takes it and goes on to something that fails at once
   * with the flag set ({@link CallerContinuations}: a retry that calls the method again, cleanup
   * that waits).
   */
  public static @Nullable SuggestedFix restoreAndThrow(
      TreePath catchPath,
      TreePath codeUnit,
      Placement placement,
      @Nullable String guard,
      VisitorState state,
      CancelGuardOptions options) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !(getSymbol(method) instanceof MethodSymbol symbol)
        || placement.loop() == null) {
      return null;
    }
    Type interruptedIo = state.getTypeFromString("java.io.InterruptedIOException");
    Type io = state.getTypeFromString("java.io.IOException");
    if (interruptedIo == null || io == null) {
      return null;
    }
    Types types = state.getTypes();
    // Declared as the I/O failure itself, not through Exception or Throwable (where the rethrow
    // of the interrupt is possible and offered instead).
    boolean declared =
        symbol.getThrownTypes().stream()
            .anyMatch(
                thrown -> types.isSubtype(interruptedIo, thrown) && types.isSubtype(thrown, io));
    if (!declared
        || caughtOnTheWayOut(catchPath, method, interruptedIo, state)
        || gathersWhatItReturns(placement.loop().getLeaf(), method)) {
      return null;
    }
    if (CallerContinuations.of(codeUnit, false, List.of(interruptedIo), state, options) != null) {
      return null;
    }
    // Named as the file already imports it, else in full: an import added here would also
    // reorder the file's imports, and the fix would no longer start where it changes the code.
    String name = importsIt(catchPath.getCompilationUnit()) ? "InterruptedIOException" : EXCEPTION;
    Placement leave =
        new Placement(
            RestorePlacement.Shape.LEAVE_THE_LOOP,
            placement.loop(),
            placement.blockingCall(),
            "throw new " + name + "();");
    return RestoreEdits.leaveTheLoop(leave, (CatchTree) catchPath.getLeaf(), guard, state);
  }

  /**
   * True if the loop adds up what the method returns ({@code bytesRead += n;} then {@code return
   * bytesRead;}): a local declared outside the loop that the loop steps ({@code +=}, {@code ++})
   * and a {@code return} of the method reads. Thrown out of, the part gathered so far would be lost
   * to the caller (taken from the source and never handed over); the record keeps it.
   */
  private static boolean gathersWhatItReturns(Tree loop, MethodTree method) {
    Set<Symbol> stepped = new HashSet<>();
    Set<Symbol> declaredInside = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        Symbol variable = getSymbol(tree);
        if (variable != null) {
          declaredInside.add(variable);
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
        addLocal(tree.getVariable());
        return super.visitCompoundAssignment(tree, null);
      }

      @Override
      public Void visitUnary(UnaryTree tree, Void unused) {
        switch (tree.getKind()) {
          case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT ->
              addLocal(tree.getExpression());
          default -> {}
        }
        return super.visitUnary(tree, null);
      }

      private void addLocal(Tree target) {
        if (target instanceof IdentifierTree identifier
            && getSymbol(identifier) instanceof VarSymbol variable
            && variable.getKind() == ElementKind.LOCAL_VARIABLE) {
          stepped.add(variable);
        }
      }
    }.scan(loop, null);
    stepped.removeAll(declaredInside);
    if (stepped.isEmpty()) {
      return false;
    }
    boolean[] returned = new boolean[1];
    new NestedCodeSkipper() {
      private boolean inReturn;

      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        inReturn = true;
        super.visitReturn(tree, null);
        inReturn = false;
        return null;
      }

      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        returned[0] |= inReturn && stepped.contains(getSymbol(tree));
        return null;
      }
    }.scan(method.getBody(), null);
    return returned[0];
  }

  /** The file imports {@code java.io.InterruptedIOException}, by name or with {@code java.io.*}. */
  private static boolean importsIt(CompilationUnitTree file) {
    for (ImportTree importTree : file.getImports()) {
      String imported = importTree.getQualifiedIdentifier().toString();
      if (!importTree.isStatic() && (imported.equals(EXCEPTION) || imported.equals("java.io.*"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True if a try of the method around the catch (the catch's own try included, whose other catches
   * do not take what the catch throws, but whose enclosing tries do) has a catch that takes {@code
   * thrown}: the exception would not leave the method.
   */
  private static boolean caughtOnTheWayOut(
      TreePath catchPath, MethodTree method, Type thrown, VisitorState state) {
    Types types = state.getTypes();
    Tree child = catchPath.getParentPath().getLeaf(); // the catch's own try
    for (TreePath p = catchPath.getParentPath().getParentPath();
        p != null && p.getLeaf() != method;
        child = p.getLeaf(), p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof ClassTree || leaf instanceof LambdaExpressionTree) {
        return true; // not the method's own code: nothing is known of the way out
      }
      if (leaf instanceof TryTree tryTree && tryTree.getBlock() == child) {
        for (CatchTree other : tryTree.getCatches()) {
          for (Type caught : Catches.caughtTypes(other)) {
            if (types.isSubtype(thrown, caught) || types.isSubtype(caught, thrown)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
