package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.cancelguard.analysis.flow.FactFlow.Exit;
import dev.cancelguard.analysis.tasks.SubtaskGroup.Member;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.SourceEdits;
import java.util.List;
import java.util.Set;

/**
 * The source edits that cancel a {@link SubtaskGroup}'s sub-tasks: the cancelling statements for a
 * member, inserted before a way out ({@code return}, {@code throw}, the end of the body), or a
 * {@code try { .. } finally { <cancel them> }} around the code that waits.
 *
 * <p>Cancels before a way out go on lines of their own above its line ({@link
 * SourceEdits#insertLinesAbove}), not right before the statement: a restore of the interrupt flag
 * is inserted right before the first statement of its catch ({@link RestoreEdits#restoreInCatch}),
 * which is often that same {@code throw}, and two different insertions at one point are an overlap
 * that makes Error Prone drop the file's patch. At two points, both apply: the cancels, then the
 * restore, then the throw.
 */
public final class SubtaskCancels {
  private SubtaskCancels() {}

  /** The statement(s) that cancel a member, each on its own line. */
  public static String cancelText(Member member, String variable, String futureType) {
    if (member.collection) {
      boolean map =
          member.symbol.type != null
              && member.symbol.type.tsym != null
              && member.symbol.type.tsym.getQualifiedName().toString().endsWith("Map");
      String elements = member.name() + (map ? ".values()" : "");
      return member.thread
          ? "for (Thread " + variable + " : " + elements + ") { " + variable + ".interrupt(); }\n"
          : "for ("
              + futureType
              + "<?> "
              + variable
              + " : "
              + elements
              + ") { "
              + variable
              + ".cancel(true); }\n";
    }
    if (member.thread) {
      return member.name() + ".interrupt();\n";
    }
    // A CompletableFuture ignores the flag: it never interrupts its computation.
    return member.name() + ".cancel(" + !member.completable + ");\n";
  }

  /** Inserts the cancels right before a return, a throw, or the end of the body. */
  public static boolean insertBeforeExit(
      SubtaskGroup group, Exit exit, SuggestedFix.Builder fix, String variable, String futureType) {
    List<Member> left = group.membersIn(exit.facts());
    StringBuilder cancels = new StringBuilder();
    for (Member member : left) {
      cancels.append(cancelText(member, variable, futureType));
    }
    switch (exit.kind()) {
      case RETURNS, THROWS -> {
        TreePath exitPath = TreePath.getPath(group.path, exit.tree());
        if (exitPath == null || !(exit.tree() instanceof StatementTree statement)) {
          return false;
        }
        for (Member member : left) {
          if (!inScope(member, exitPath, group)) {
            return false;
          }
        }
        Tree parent = exitPath.getParentPath().getLeaf();
        if (parent instanceof BlockTree
            || (parent instanceof CaseTree caseTree
                && caseTree.getCaseKind() == CaseTree.CaseKind.STATEMENT)) {
          fix.merge(SourceEdits.insertLinesAbove(statement, cancels.toString(), group.state));
        } else {
          fix.prefixWith(statement, "{\n" + cancels).postfixWith(statement, "\n}");
        }
        return true;
      }
      case FALLS_OFF -> {
        for (Member member : left) {
          if (!group.body.getStatements().contains(member.declaration)
              || member.declaration.getInitializer() == null) {
            return false;
          }
        }
        int closingBrace = group.state.getEndPosition(group.body) - 1;
        fix.replace(closingBrace, closingBrace, cancels.toString());
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** The declaration is initialized and its block encloses the point, before it. */
  private static boolean inScope(Member member, TreePath point, SubtaskGroup group) {
    if (member.declaration.getInitializer() == null
        || getStartPosition(member.declaration) > getStartPosition(point.getLeaf())) {
      return false;
    }
    for (TreePath p = point; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof BlockTree block
          && block.getStatements().contains(member.declaration)) {
        return true;
      }
      if (p.getLeaf() == group.path.getLeaf()) {
        return false;
      }
    }
    return false;
  }

  /**
   * Wraps the statements from the first one that can fail to the end of the block declaring the
   * handles in {@code try { .. } finally { <cancel them> }}: cancelling a finished future does
   * nothing, so the normal path is unchanged.
   */
  public static boolean wrapInTryFinally(
      SubtaskGroup group,
      List<Exit> exits,
      SuggestedFix.Builder fix,
      String variable,
      String futureType) {
    BlockTree block = null;
    for (Member member : group.members.values()) {
      if (member.declaration.getInitializer() == null) {
        return false;
      }
      TreePath declaration = TreePath.getPath(group.path, member.declaration);
      if (declaration == null
          || !(declaration.getParentPath().getLeaf() instanceof BlockTree declaring)
          || (block != null && block != declaring)) {
        return false;
      }
      block = declaring;
    }
    if (block == null) {
      return false;
    }
    List<? extends StatementTree> statements = block.getStatements();
    int lastDeclaration = -1;
    for (Member member : group.members.values()) {
      lastDeclaration = Math.max(lastDeclaration, statements.indexOf(member.declaration));
    }
    int firstOrigin =
        exits.stream().mapToInt(e -> getStartPosition(e.origin())).min().orElse(Integer.MAX_VALUE);
    int from = -1;
    for (int i = lastDeclaration + 1; i < statements.size(); i++) {
      if (group.state.getEndPosition(statements.get(i)) > firstOrigin) {
        from = i;
        break;
      }
    }
    if (from < 0 || getStartPosition(statements.get(from)) > firstOrigin) {
      return false; // a source before the handles' declarations: not this shape
    }
    StringBuilder cancels = new StringBuilder();
    for (Member member : group.members.values()) {
      cancels.append(cancelText(member, variable, futureType));
    }
    // `try {` on the line of the first wrapped statement, so that line shows what is wrapped.
    fix.prefixWith(statements.get(from), "try { ")
        .postfixWith(statements.getLast(), "\n} finally {\n" + cancels + "}");
    return true;
  }

  public static String freshName(SubtaskGroup group) {
    TreePath outermost = group.path;
    for (TreePath p = group.path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        outermost = p;
      }
      if (p.getLeaf() instanceof ClassTree) {
        break;
      }
    }
    Set<String> taken = LocalUses.declaredNames(outermost.getLeaf());
    for (String candidate : List.of("f", "future", "task", "pending")) {
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
    int i = 1;
    while (taken.contains("f" + i)) {
      i++;
    }
    return "f" + i;
  }
}
