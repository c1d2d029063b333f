package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.classfiles.ClassFile;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Executors that own no thread: an {@code ExecutorService} class (over {@code
 * AbstractExecutorService}) that keeps no thread, executor, thread factory or timer in a field and
 * whose code (its nested classes' included) starts no thread and hands no work to another executor,
 * and whose queued tasks are run by a method of its own other than {@code execute}, called by
 * whoever waits for a result ({@code ThreadlessExecutor.waitAndDrain}). Its tasks run on the
 * threads that call into it; shutting it down leaves no thread of its own running to wait for.
 *
 * <p>The class is read from source when it is compiled here, from its class file otherwise. The
 * pool's class is known when the variable's declared type is such a class, or the shutdown runs
 * only where an enclosing {@code if} has tested {@code pool instanceof C}.
 */
public final class ThreadlessPools {
  /** Types whose instances run or hold threads. */
  private static final List<String> THREAD_HOLDERS =
      List.of(
          "java.lang.Thread",
          "java.util.concurrent.Executor",
          "java.util.concurrent.ThreadFactory",
          "java.util.Timer");

  /** Calls that hand work to some thread (on a class other than the pool's own). */
  private static final Set<String> HANDING_ON =
      Set.of(
          "execute",
          "submit",
          "schedule",
          "scheduleAtFixedRate",
          "scheduleWithFixedDelay",
          "invokeAll",
          "invokeAny",
          "start",
          "startVirtualThread",
          "newThread",
          "ofPlatform",
          "ofVirtual");

  private ThreadlessPools() {}

  /**
   * True if the pool cancelled at {@code path} (by {@code pool.shutdown()}) is known to be of a
   * class that owns no thread.
   */
  public static boolean ownsNoThread(VarSymbol pool, TreePath path, VisitorState state) {
    List<Type> known = new ArrayList<>();
    known.add(pool.type);
    known.addAll(typesTestedAround(pool, path, state));
    for (Type type : known) {
      if (type != null
          && type.tsym instanceof ClassSymbol owner
          && !owner.isInterface()
          && !owner.isAbstract()
          && ownsNoThread(owner, state)) {
        return true;
      }
    }
    return false;
  }

  /** The types {@code C} of {@code pool instanceof C} tests whose true branch holds the path. */
  private static List<Type> typesTestedAround(VarSymbol pool, TreePath path, VisitorState state) {
    List<Type> types = new ArrayList<>();
    Tree child = path.getLeaf();
    for (TreePath current = path.getParentPath();
        current != null && !(current.getLeaf() instanceof ClassTree);
        current = current.getParentPath()) {
      if (current.getLeaf() instanceof IfTree ifTree && ifTree.getThenStatement() == child) {
        collectTrueInstanceOfs(ifTree.getCondition(), pool, types);
      }
      child = current.getLeaf();
    }
    return types;
  }

  private static void collectTrueInstanceOfs(
      ExpressionTree condition, VarSymbol pool, List<Type> types) {
    ExpressionTree stripped = Expressions.strip(condition);
    if (stripped instanceof BinaryTree and && and.getKind() == Tree.Kind.CONDITIONAL_AND) {
      collectTrueInstanceOfs(and.getLeftOperand(), pool, types);
      collectTrueInstanceOfs(and.getRightOperand(), pool, types);
    } else if (stripped instanceof InstanceOfTree test
        && pool.equals(Expressions.variableOf(test.getExpression()))
        && getSymbol(test.getType()) instanceof ClassSymbol tested) {
      types.add(tested.type);
    }
  }

  private static boolean ownsNoThread(ClassSymbol type, VisitorState state) {
    if (!isSubtype(
        type.type, state.getTypeFromString("java.util.concurrent.ExecutorService"), state)) {
      return false;
    }
    List<ClassSymbol> chain;
    try {
      chain = CallerRunsPools.ownClasses(type);
      if (chain == null) {
        return false; // a JDK pool (ThreadPoolExecutor, ForkJoinPool) with threads of its own
      }
      boolean drained = false;
      for (ClassSymbol current : chain) {
        if (!keepsNoThreadAndStartsNone(current, chain, state)) {
          return false;
        }
        drained |= drainsItsTasks(current, state);
      }
      if (!drained) {
        return false; // tasks parked with nobody to run them, or run by code not seen here
      }
    } catch (RuntimeException incomplete) {
      return false; // a class whose supertypes cannot be completed
    }
    return !chain.isEmpty();
  }

  /** The class and its nested classes: no thread-holding field, no call that starts work. */
  private static boolean keepsNoThreadAndStartsNone(
      ClassSymbol type, List<ClassSymbol> chain, VisitorState state) {
    for (Symbol member : type.getEnclosedElements()) {
      if (member instanceof VarSymbol field && holdsThreads(field.type, state)) {
        return false;
      }
      if (member instanceof ClassSymbol nested
          && !keepsNoThreadAndStartsNone(nested, chain, state)) {
        return false;
      }
    }
    ClassTree source = CompiledSources.classTree(type, state);
    if (source != null) {
      return !sourceStartsWork(source, chain, state);
    }
    ClassFile file = ClassFiles.instance(state.context).of(type);
    if (file == null) {
      return false; // neither source nor a readable class file: unknown
    }
    Set<String> own = chain.stream().map(ClassFiles::binaryName).collect(Collectors.toSet());
    for (ClassFile.Method method : file.methods().values()) {
      for (ClassFile.Call call : method.calls()) {
        if (startsWork(call.owner(), call.name(), own)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * True if a method of the class other than {@code execute} runs tasks ({@code Runnable.run()}):
   * the queue is drained by whoever calls it ({@code waitAndDrain()}).
   */
  private static boolean drainsItsTasks(ClassSymbol type, VisitorState state) {
    ClassTree source = CompiledSources.classTree(type, state);
    if (source != null) {
      boolean[] runs = new boolean[1];
      for (Tree member : source.getMembers()) {
        if (member instanceof MethodTree method && !method.getName().contentEquals("execute")) {
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
              runs[0] |=
                  getSymbol(call) instanceof MethodSymbol run
                      && run.getSimpleName().contentEquals("run")
                      && run.getParameters().isEmpty()
                      && run.owner instanceof ClassSymbol owner
                      && owner.getQualifiedName().contentEquals("java.lang.Runnable");
              return super.visitMethodInvocation(call, null);
            }
          }.scan(method, null);
        }
      }
      return runs[0];
    }
    ClassFile file = ClassFiles.instance(state.context).of(type);
    if (file == null) {
      return false;
    }
    for (ClassFile.Method method : file.methods().values()) {
      if (method.name().equals("execute")) {
        continue;
      }
      for (ClassFile.Call call : method.calls()) {
        if (call.owner().equals("java/lang/Runnable") && call.name().equals("run")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWork(String owner, String name, Set<String> own) {
    if (owner.equals("java/lang/Thread") && name.equals("<init>")) {
      return true;
    }
    if (owner.startsWith("java/util/concurrent/Executors")
        || owner.startsWith("java/util/concurrent/ForkJoinPool")
        || owner.startsWith("java/util/concurrent/CompletableFuture") && name.endsWith("Async")) {
      return true;
    }
    return HANDING_ON.contains(name) && !own.contains(owner);
  }

  private static boolean sourceStartsWork(
      ClassTree source, List<ClassSymbol> chain, VisitorState state) {
    Set<String> own = chain.stream().map(ClassFiles::binaryName).collect(Collectors.toSet());
    boolean[] starts = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        starts[0] |=
            getSymbol(tree) instanceof MethodSymbol constructor
                && holdsThreads(constructor.owner.type, state);
        return super.visitNewClass(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        starts[0] |= calls(getSymbol(tree));
        return super.visitMethodInvocation(tree, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
        starts[0] |= calls(getSymbol(tree));
        return super.visitMemberReference(tree, null);
      }

      private boolean calls(@Nullable Symbol symbol) {
        return !(symbol instanceof MethodSymbol method)
            || !(method.owner instanceof ClassSymbol owner)
            || startsWork(ClassFiles.binaryName(owner), method.getSimpleName().toString(), own);
      }
    }.scan(source, null);
    return starts[0];
  }

  private static boolean holdsThreads(@Nullable Type type, VisitorState state) {
    if (type == null) {
      return false;
    }
    Type erased = state.getTypes().erasure(type);
    for (String holder : THREAD_HOLDERS) {
      Type holderType = state.getTypeFromString(holder);
      if (holderType != null && isSubtype(erased, holderType, state)) {
        return true;
      }
    }
    return false;
  }
}
