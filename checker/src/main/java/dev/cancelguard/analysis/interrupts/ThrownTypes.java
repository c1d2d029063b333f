package dev.cancelguard.analysis.interrupts;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers.ScanThrownTypes;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.tools.javac.code.Type;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checked exceptions code may throw, as Error Prone's {@link ScanThrownTypes} finds them, or
 * null where it cannot tell: on a call or creation javac could not resolve, or a resource whose
 * {@code close()} it cannot find (code that does not fully compile, analysed by the command line
 * tool), Error Prone's scan throws. Each caller decides what an unknown answer means for it, always
 * the one that claims nothing.
 */
public final class ThrownTypes {
  private ThrownTypes() {}

  /** What {@code tree} may throw, or null if it holds code javac could not resolve. */
  public static @Nullable Set<Type> of(Tree tree, VisitorState state) {
    ScanThrownTypes scanner = new ScanThrownTypes(state);
    try {
      scanner.scan(tree, null);
      return scanner.getThrownTypes();
    } catch (RuntimeException unresolved) {
      return null;
    }
  }

  /** What a try statement's resources and block may throw, or null as for {@link #of}. */
  public static @Nullable Set<Type> ofTryBody(TryTree tryTree, VisitorState state) {
    ScanThrownTypes scanner = new ScanThrownTypes(state);
    try {
      scanner.scanResources(tryTree);
      scanner.scan(tryTree.getBlock(), null);
      return scanner.getThrownTypes();
    } catch (RuntimeException unresolved) {
      return null;
    }
  }
}
