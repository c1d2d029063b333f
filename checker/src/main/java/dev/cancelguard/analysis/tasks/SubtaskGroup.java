package dev.cancelguard.analysis.tasks;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The sub-tasks one code unit (a method or a block lambda) starts and then waits for or cancels
 * itself: its futures and started threads, each kept in a local or in a local collection (list,
 * array, map values, a stream's {@code toList()}), with the calls that start, wait for and cancel
 * them. Handles handed on (returned, stored, passed along, captured) and handles never waited for
 * nor cancelled are not part of the group: someone else owns them, or nobody means to.
 *
 * <p>Built by {@link #collect}; {@link #number} then gives each member its fact bit and the range
 * of source positions where it runs, for {@link OrphanPaths}.
 */
public final class SubtaskGroup {
  /** Calls that put a handle into a collection. */
  static final ImmutableSet<String> ADDS =
      ImmutableSet.of("add", "addLast", "addFirst", "offer", "put", "set", "push");

  /** One handle, or one collection of handles, the code unit started. */
  public static final class Member {
    final Symbol symbol;
    final VariableTree declaration;
    final boolean collection;
    final boolean completable;
    boolean thread;
    boolean several;
    boolean handedOn;
    final List<Tree> starts = new ArrayList<>();
    final List<ExpressionTree> waits = new ArrayList<>();
    final List<StatementTree> waitingLoops = new ArrayList<>();

    /** Calls that cancel the whole member: its own cancel, a chain cancelling every element. */
    final List<ExpressionTree> cancels = new ArrayList<>();

    /** Cancels of single elements and cancelling loops: they only mark where the member ends. */
    final List<Tree> otherCancels = new ArrayList<>();

    @Nullable Symbol executor;
    boolean mixedExecutors;
    int bit;
    int rangeStart = Integer.MAX_VALUE;
    int rangeEnd = -1;

    Member(Symbol symbol, VariableTree declaration, boolean collection, boolean completable) {
      this.symbol = symbol;
      this.declaration = declaration;
      this.collection = collection;
      this.completable = completable;
    }

    public String name() {
      return symbol.getSimpleName().toString();
    }

    /** The local that holds the handle or the collection. */
    public VariableTree declaration() {
      return declaration;
    }

    /** A collection of handles rather than one. */
    public boolean isCollection() {
      return collection;
    }

    /** Started threads rather than futures. */
    public boolean isThread() {
      return thread;
    }

    /** The first call that started it. */
    public Tree firstStart() {
      return starts.getFirst();
    }

    long mask() {
      return 1L << bit;
    }
  }

  final TreePath path;
  final BlockTree body;
  final VisitorState state;
  final Map<Symbol, VariableTree> locals = new HashMap<>();
  final Map<Symbol, Member> members = new LinkedHashMap<>();

  /** Wait calls, and the members each one waits for; "all" waits settle their members. */
  final Map<ExpressionTree, List<Member>> waitsFor = new HashMap<>();

  final Set<ExpressionTree> settlingWaits = new HashSet<>();

  /** Waits for several handles at once (allOf, a stream of joins): one failure says nothing. */
  final Set<ExpressionTree> combinedWaits = new HashSet<>();

  private SubtaskGroup(TreePath path, BlockTree body, VisitorState state) {
    this.path = path;
    this.body = body;
    this.state = state;
  }

  /**
   * The code unit whose {@link #collect} sees the call or method reference at {@code path} as a
   * possible start (it is named like one); null if it is none, or no code unit collects there. A
   * code unit that holds no such call has an empty group: a cheap test, by names alone, from the
   * call up.
   */
  public static @Nullable TreePath codeUnitCollecting(TreePath path) {
    return SubtaskStarts.codeUnitCollecting(path);
  }

  /**
   * The sub-tasks {@code body} (the body of the code unit at {@code unitPath}) starts and waits for
   * or cancels; empty if there are none.
   */
  public static SubtaskGroup collect(TreePath unitPath, BlockTree body, VisitorState state) {
    SubtaskGroup group = new SubtaskGroup(unitPath, body, state);
    SubtaskStarts.collectStarts(group);
    // Most code units start no sub-task at all.
    if (group.members.isEmpty()) {
      return group;
    }
    SubtaskStarts.absorbIntoCollections(group);
    for (Member member : List.copyOf(group.members.values())) {
      SubtaskUses.classifyUses(group, member);
    }
    // Handed on (returned, stored, passed along, captured): someone else owns their cancellation.
    // Never waited for nor cancelled here: deliberately detached.
    group
        .members
        .values()
        .removeIf(
            m ->
                m.handedOn
                    || (m.waits.isEmpty()
                        && m.waitingLoops.isEmpty()
                        && m.cancels.isEmpty()
                        && m.otherCancels.isEmpty()));
    group.waitsFor.values().forEach(list -> list.removeIf(m -> !group.members.containsValue(m)));
    return group;
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** Siblings: a collection filled several times, or two or more single handles. */
  public boolean hasSiblings() {
    return members.values().stream().anyMatch(m -> m.collection && m.several)
        || members.values().stream().filter(m -> !m.collection).count() >= 2;
  }

  /**
   * Gives each member its fact bit (the first 64 members are followed) and the range of positions
   * from its first start to its last wait, in which it runs.
   */
  public void number() {
    int bit = 0;
    for (Member member : List.copyOf(members.values())) {
      if (bit == Long.SIZE) {
        members.remove(member.symbol);
        continue;
      }
      member.bit = bit++;
      computeRange(member, state);
    }
    waitsFor.values().forEach(list -> list.removeIf(m -> !members.containsValue(m)));
  }

  /** The members whose facts are set in {@code facts}. */
  public List<Member> membersIn(long facts) {
    return members.values().stream()
        .filter(m -> (facts & m.mask()) != 0)
        .collect(Collectors.toList());
  }

  /** True if the tree is a wait for one of the members. */
  public boolean isWait(Tree tree) {
    return waitsFor.containsKey(tree);
  }

  /** True if one member is a collection of futures (not threads). */
  public boolean hasFutureCollection() {
    return members.values().stream().anyMatch(m -> m.collection && !m.thread);
  }

  private static void computeRange(Member member, VisitorState state) {
    for (Tree start : member.starts) {
      member.rangeStart = Math.min(member.rangeStart, state.getEndPosition(start));
    }
    List<Tree> ends = new ArrayList<>();
    ends.addAll(member.waits);
    ends.addAll(member.waitingLoops);
    if (ends.isEmpty()) {
      ends.addAll(member.cancels);
      ends.addAll(member.otherCancels);
    }
    for (Tree end : ends) {
      member.rangeEnd = Math.max(member.rangeEnd, state.getEndPosition(end));
    }
  }
}
