package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.SelfReferences;
import dev.cancelguard.analysis.trees.UnitCache;
import dev.cancelguard.analysis.trees.VariableReferences;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Threads the code of a compilation creates in one file for a {@code Thread} subclass or {@code
 * Runnable} class declared in another, keeps to itself and never interrupts: {@link
 * UninterruptedThreads} across the files of the compilation. The {@code run()} of such a class is
 * the whole work of those threads, which set their own interruption policy.
 *
 * <p>Every instance of the class (and of its subclasses) anywhere in the compilation is made with
 * {@code new} and is either the thread itself (a {@code Thread} subclass) or handed only to thread
 * creations ({@code new Thread(worker, name)}, {@code factory.newThread(worker)}), directly or
 * through a holder used for nothing else; every such thread is held only in locals, private fields
 * or fields of a package whose every file is compiled here, and those holders are only the
 * receivers of calls other than {@code interrupt()}, compared, reassigned or copied to holders kept
 * likewise; every one is made a daemon. No object of the class's family hands itself ({@code this})
 * anywhere but to such a thread creation; nothing calls its {@code run()} directly; no anonymous
 * subclass exists; and no {@code interrupt()} in the compilation is called on something that could
 * be one of those threads — a parameter, a call's result, a collection's element, a field others
 * may set, or {@code this} of a thread class the threads may be — only on the current thread or on
 * holders whose every value is another new thread. A {@code Runnable} class must be one only its
 * package can make (users who make one may run it as a task anywhere); a {@code Thread} subclass
 * may have public constructors: its {@code run()} is the whole work of every thread of the class,
 * whoever makes it, and the library never interrupts threads of that class.
 */
public final class LibraryThreads {
  private static final UnitCache.Kind<Tree, Boolean> ANSWERS = new UnitCache.Kind<>();

  /** Holders followed from one to the next (a local copied into a field) at most. */
  private static final int MAX_HOLDERS = 6;

  private LibraryThreads() {}

  /**
   * True if the catch (or statement) at {@code path} lies in the {@code run()} of such a class, in
   * a loop that ends by its own protocol (a condition, a {@code break} or {@code return}), in a
   * loop that can never end which LoopWithoutCancellationPoint reports ({@link
   * UnstoppableTaskLoops}), or in no loop. A loop that can never end which that check does not
   * report is still reported.
   */
  public static boolean isEndingLoopOfLibraryThread(
      TreePath path, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    if (!(codeUnit.getLeaf() instanceof MethodTree method)
        || !method.getName().contentEquals("run")
        || !method.getParameters().isEmpty()) {
      return false;
    }
    TreePath loop = Loops.enclosingLoop(path, codeUnit);
    if (loop != null
        && Loops.hasNoExitCondition(loop.getLeaf())
        && Loops.exits(loop).isEmpty()
        && !UnstoppableTaskLoops.isReportedAsUnstoppable(loop, state, options)) {
      return false; // a loop that can never end, and no other check reports it
    }
    return UnitCache.get(ANSWERS, method, state, m -> runsOnlyOnKeptDaemons(codeUnit, state));
  }

  /** What the threads found so far are: their creations and whether each is a daemon. */
  private static final class Threads {
    final List<TreePath> creations = new ArrayList<>();

    /** The classes the threads are made of; null once one is made by a factory (any class). */
    @Nullable Set<Type> classes = new LinkedHashSet<>();

    boolean daemons = true;
  }

  private static boolean runsOnlyOnKeptDaemons(TreePath codeUnit, VisitorState state) {
    MethodTree method = (MethodTree) codeUnit.getLeaf();
    TreePath classPath = codeUnit.getParentPath();
    Type thread = state.getTypeFromString("java.lang.Thread");
    Type runnable = state.getTypeFromString("java.lang.Runnable");
    if (!(getSymbol(method) instanceof MethodSymbol run)
        || run.isStatic()
        || thread == null
        || runnable == null
        || classPath == null
        || !(classPath.getLeaf() instanceof ClassTree)
        || classPath.getParentPath() == null
        || classPath.getParentPath().getLeaf() instanceof NewClassTree
        || !(run.owner instanceof ClassSymbol type)
        || type.isInterface()
        || !isSubtype(type.type, runnable, state)) {
      return false;
    }
    boolean isThread = isSubtype(type.type, thread, state);
    if (!isThread && !madeOnlyByItsPackage(type, state)) {
      return false; // users may make one and run it as a task anywhere
    }
    CompilationCalls calls = CompilationCalls.of(state);
    if (!calls.callsOf(run).isEmpty()) {
      return false;
    }
    // The classes whose objects may run this run(): the class and its subclasses; and those whose
    // `this` may be such an object: those and the class's superclasses, each compiled here.
    Set<ClassSymbol> made = new LinkedHashSet<>();
    made.add(type);
    for (ClassSymbol sub : CompiledSources.subclassesOf(type, state)) {
      if (sub.isAnonymous() || (sub.flags() & Flags.INTERFACE) != 0) {
        return false;
      }
      made.add(sub);
    }
    Set<ClassSymbol> family = new LinkedHashSet<>(made);
    Type up = state.getTypes().supertype(type.type);
    while (up != null && up.tsym instanceof ClassSymbol superclass) {
      if (state.getTypes().isSameType(up, thread)
          || superclass.getQualifiedName().contentEquals("java.lang.Object")) {
        break;
      }
      if (CompiledSources.classTree(superclass, state) == null) {
        return false; // code we cannot read may hand the object out
      }
      family.add(superclass);
      up = state.getTypes().supertype(up);
    }
    Threads threads = new Threads();
    for (ClassSymbol c : made) {
      if (!calls.anonymousCreationsOf(c).isEmpty()) {
        return false;
      }
    }
    for (ClassSymbol c : family) {
      if (!handsItselfOnlyToThreads(c, isThread, threads, state)) {
        return false;
      }
    }
    for (ClassSymbol c : made) {
      for (TreePath creation : calls.creationsOf(c)) {
        List<TreePath> taking = threadsTaking(creation, isThread, state);
        if (taking != null) {
          for (TreePath t : taking) {
            addThread(t, threads, state);
          }
        } else if (isThread) {
          addThread(creation, threads, state);
        } else {
          return false;
        }
      }
    }
    if (threads.creations.isEmpty() || !threads.daemons) {
      return false;
    }
    for (TreePath creation : threads.creations) {
      if (kept(creation, state) == null) {
        return false;
      }
    }
    for (TreePath call : calls.interruptCalls()) {
      if (mayInterruptOneOf(call, threads, thread, state)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if only code of the class's package can make its instances, every file of which is
   * compiled here: the class (or one around it) can be named only by its package, or every
   * constructor it declares is private or package-private.
   */
  private static boolean madeOnlyByItsPackage(ClassSymbol type, VisitorState state) {
    boolean confined = false;
    for (Symbol s = type; s instanceof ClassSymbol c; s = c.owner) {
      confined |= (c.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0;
    }
    if (!confined) {
      boolean any = false;
      for (Symbol member : type.getEnclosedElements()) {
        if (member instanceof MethodSymbol constructor && constructor.isConstructor()) {
          if ((constructor.flags() & (Flags.PUBLIC | Flags.PROTECTED)) != 0) {
            return false;
          }
          any = true;
        }
      }
      if (!any) {
        return false;
      }
    }
    return CompiledSources.filesOfWholePackage(type.packge(), state) != null;
  }

  /** Adds a thread creation: its class, and whether it is made a daemon. */
  private static void addThread(TreePath creation, Threads threads, VisitorState state) {
    threads.creations.add(creation);
    Type made = creation.getLeaf() instanceof NewClassTree newClass ? getType(newClass) : null;
    if (made == null) {
      threads.classes = null;
    } else if (threads.classes != null) {
      threads.classes.add(made);
    }
    Boolean daemon = kept(creation, state);
    threads.daemons &=
        Boolean.TRUE.equals(daemon)
            || UninterruptedThreads.isMadeByDaemonFactory(creation, state)
            || (made != null
                && made.tsym instanceof ClassSymbol c
                && constructorsMakeDaemon(c, state, MAX_HOLDERS));
  }

  /**
   * Whether the thread made at {@code creation} is kept: null if it may be reached or interrupted
   * by others; true if kept and made a daemon by a holder; false if kept.
   */
  private static @Nullable Boolean kept(TreePath creation, VisitorState state) {
    if (UninterruptedThreads.holderOf(creation) instanceof VarSymbol holder) {
      return keptHolder(holder, creation.getCompilationUnit(), state, MAX_HOLDERS);
    }
    return UninterruptedThreads.isStartedDaemonNobodyHolds(creation)
            || DaemonStarters.isStartedAsDaemonByHelper(creation, state)
        ? Boolean.TRUE
        : null;
  }

  /**
   * Every {@code this} of the class's code (other than a member access, a comparison, or {@code
   * this(..)}) is handed to a thread creation that takes it as its {@code Runnable}: those are
   * added to the threads. False if one goes anywhere else, or the class is a thread itself.
   */
  private static boolean handsItselfOnlyToThreads(
      ClassSymbol c, boolean isThread, Threads threads, VisitorState state) {
    TreePath declaration = CompiledSources.classPath(c, state);
    if (declaration == null) {
      return false;
    }
    boolean[] escapes = new boolean[1];
    List<TreePath> taking = new ArrayList<>();
    SelfReferences.forEach(
        declaration,
        c,
        (self, parent) -> {
          if (SelfReferences.isOwnUse(self, parent)) {
            return;
          }
          if (parent != null
              && !isThread
              && (UninterruptedThreads.isThreadCreationWithArgument(parent, self.getLeaf(), state)
                  || UninterruptedThreads.isThreadFactoryMethodWithArgument(
                      parent, self.getLeaf(), state))) {
            taking.add(parent);
          } else {
            escapes[0] = true;
          }
        });
    if (escapes[0]) {
      return false;
    }
    for (TreePath t : taking) {
      addThread(t, threads, state);
    }
    return true;
  }

  /**
   * The thread creations the object made at {@code creation} is handed to as their {@code
   * Runnable}: directly, or through a holder (a local, a private field, or a field of a package
   * compiled whole) whose every use is such an argument, a field access, a comparison, a new value,
   * or a call other than {@code run()}, {@code start()} or {@code interrupt()}. Null if it goes
   * anywhere else or to no thread.
   */
  private static @Nullable List<TreePath> threadsTaking(
      TreePath creation, boolean isThread, VisitorState state) {
    TreePath parent = LocalUses.parent(creation);
    if (parent == null) {
      return null;
    }
    if (isTakenByThread(parent, creation.getLeaf(), state)) {
      return List.of(parent);
    }
    if (!(UninterruptedThreads.holderOf(creation) instanceof VarSymbol holder)) {
      return null;
    }
    List<TreePath> references = confinedReferences(holder, creation.getCompilationUnit(), state);
    if (references == null) {
      return null;
    }
    List<TreePath> creations = new ArrayList<>();
    for (TreePath referencePath : references) {
      Tree reference = referencePath.getLeaf();
      TreePath use = LocalUses.parent(referencePath);
      Tree leaf = use == null ? null : use.getLeaf();
      switch (leaf) {
        case MemberSelectTree select
            when select.getExpression() == reference && getSymbol(select) instanceof VarSymbol -> {}
        case MemberSelectTree select
            when select.getExpression() == reference
                && LocalUses.parent(use) != null
                && LocalUses.parent(use).getLeaf() instanceof MethodInvocationTree call
                && call.getMethodSelect() == select
                && !select.getIdentifier().contentEquals("run")
                && !select.getIdentifier().contentEquals("start")
                && !select.getIdentifier().contentEquals("interrupt") -> {}
        case AssignmentTree assignment when assignment.getVariable() == reference -> {}
        case BinaryTree binary
            when binary.getKind() == Tree.Kind.EQUAL_TO
                || binary.getKind() == Tree.Kind.NOT_EQUAL_TO -> {}
        case SynchronizedTree lock -> {}
        case null -> {
          return null;
        }
        default -> {
          if (!isTakenByThread(use, reference, state)) {
            return null;
          }
          creations.add(use);
        }
      }
    }
    return creations.isEmpty() ? null : creations;
  }

  private static boolean isTakenByThread(TreePath creation, Tree argument, VisitorState state) {
    return UninterruptedThreads.isThreadCreationWithArgument(creation, argument, state)
        || UninterruptedThreads.isThreadFactoryMethodWithArgument(creation, argument, state);
  }

  /**
   * The references to a holder that code can make: in its file for a local or a private field, in
   * every file of its package for a field only the package can name when the whole package is
   * compiled here. Null for any other holder (a parameter, a field others may reach).
   */
  private static @Nullable List<TreePath> confinedReferences(
      VarSymbol holder, CompilationUnitTree unit, VisitorState state) {
    if (Ownership.isLocal(holder)) {
      return VariableReferences.in(new TreePath(unit), holder);
    }
    if (!Ownership.isField(holder) || !(holder.owner instanceof ClassSymbol owner)) {
      return null;
    }
    if (holder.isPrivate()) {
      return VariableReferences.in(new TreePath(unit), holder);
    }
    if ((holder.flags() & (Flags.PUBLIC | Flags.PROTECTED)) != 0) {
      return null;
    }
    Set<CompilationUnitTree> files = CompiledSources.filesOfWholePackage(owner.packge(), state);
    if (files == null) {
      return null;
    }
    List<TreePath> references = new ArrayList<>();
    for (CompilationUnitTree file : files) {
      references.addAll(VariableReferences.in(new TreePath(file), holder));
    }
    return references;
  }

  /**
   * Whether a thread holder keeps the thread to itself: every use of it is the receiver of a call
   * other than {@code interrupt()}, a field access, an assignment's target, a comparison, a
   * reflective field write, or a copy into another holder kept so ({@code depth} holders deep at
   * most). Null if not; true if one of them is the receiver of {@code setDaemon(true)}.
   */
  private static @Nullable Boolean keptHolder(
      VarSymbol holder, CompilationUnitTree unit, VisitorState state, int depth) {
    List<TreePath> references = depth == 0 ? null : confinedReferences(holder, unit, state);
    return references == null ? null : keptUses(holder, references, state, depth);
  }

  private static @Nullable Boolean keptUses(
      VarSymbol holder, List<TreePath> references, VisitorState state, int depth) {
    boolean daemon = false;
    List<TreePath> copies = new ArrayList<>();
    for (TreePath referencePath : references) {
      ExpressionTree reference = (ExpressionTree) referencePath.getLeaf();
      TreePath parent = LocalUses.parent(referencePath);
      Tree leaf = parent == null ? null : parent.getLeaf();
      switch (leaf) {
        case MemberSelectTree select
            when select.getExpression() == reference
                && LocalUses.parent(parent) != null
                && LocalUses.parent(parent).getLeaf() instanceof MethodInvocationTree call
                && call.getMethodSelect() == select -> {
          if (select.getIdentifier().contentEquals("interrupt")) {
            return null;
          }
          daemon |=
              select.getIdentifier().contentEquals("setDaemon")
                  && call.getArguments().size() == 1
                  && Boolean.TRUE.equals(constValue(call.getArguments().getFirst()));
        }
        case MemberSelectTree select
            when select.getExpression() == reference && getSymbol(select) instanceof VarSymbol -> {}
        case AssignmentTree assignment when assignment.getVariable() == reference -> {}
        case AssignmentTree assignment
            when getSymbol(assignment.getVariable()) instanceof VarSymbol copy ->
            copies.add(new TreePath(parent, assignment.getVariable()));
        case VariableTree variable when getSymbol(variable) instanceof VarSymbol ->
            copies.add(parent);
        case BinaryTree binary
            when binary.getKind() == Tree.Kind.EQUAL_TO
                || binary.getKind() == Tree.Kind.NOT_EQUAL_TO -> {}
        case SynchronizedTree lock -> {}
        case MethodInvocationTree call
            when !call.getArguments().isEmpty()
                && Expressions.strip(call.getArguments().getFirst()) == reference
                && ThreadCalls.REFLECTIVE_FIELD_ACCESS.matches(call, state) -> {}
        case MethodInvocationTree call when call.getArguments().contains(reference) -> {
          Boolean kept =
              keptByCallee(getSymbol(call), call.getArguments().indexOf(reference), state, depth);
          if (kept == null) {
            return null;
          }
          daemon |= kept;
        }
        case NewClassTree newClass
            when newClass.getClassBody() == null && newClass.getArguments().contains(reference) -> {
          Boolean kept =
              keptByCallee(
                  getSymbol(newClass), newClass.getArguments().indexOf(reference), state, depth);
          if (kept == null) {
            return null;
          }
          daemon |= kept;
        }
        case null, default -> {
          return null;
        }
      }
    }
    for (TreePath copyPath : copies) {
      if (!(getSymbol(copyPath.getLeaf()) instanceof VarSymbol copy)) {
        return null;
      }
      if (copy.equals(holder)) {
        continue;
      }
      Boolean kept = keptHolder(copy, copyPath.getCompilationUnit(), state, depth - 1);
      if (kept == null) {
        return null;
      }
      daemon |= kept;
    }
    return daemon;
  }

  /**
   * Whether the method or constructor the thread is handed to keeps it as a holder does: it cannot
   * be overridden (a constructor, or a static, private or final method, or one of a final class),
   * its code is compiled here, and its parameter is used only as a kept holder's references are
   * (stored into a private field kept so, handed on to another such method). Null if not.
   */
  private static @Nullable Boolean keptByCallee(
      @Nullable Symbol callee, int index, VisitorState state, int depth) {
    if (!(callee instanceof MethodSymbol method)
        || method.isVarArgs()
        || index < 0
        || depth <= 1
        || !(method.isConstructor()
            || method.isStatic()
            || method.isPrivate()
            || (method.flags() & Flags.FINAL) != 0
            || (method.enclClass().flags() & Flags.FINAL) != 0)) {
      return null;
    }
    MethodTree tree = CompiledSources.methodTree(method, state);
    TreePath declaration = CompiledSources.classPath(method.enclClass(), state);
    if (tree == null
        || declaration == null
        || tree.getBody() == null
        || index >= tree.getParameters().size()) {
      return null;
    }
    TreePath methodPath = TreePath.getPath(declaration.getCompilationUnit(), tree);
    if (methodPath == null
        || !(getSymbol(tree.getParameters().get(index)) instanceof VarSymbol parameter)) {
      return null;
    }
    return keptUses(parameter, VariableReferences.in(methodPath, parameter), state, depth - 1);
  }

  /**
   * Every constructor the class declares makes the thread a daemon: it calls {@code
   * setDaemon(true)} as one of its own statements, or hands on to another constructor of the class
   * ({@code this(..)}), or to its superclass's ({@code super(..)}, or implicitly) whose every
   * constructor does so (a superclass compiled here). A class that declares none relies on its
   * superclass's.
   */
  private static boolean constructorsMakeDaemon(ClassSymbol c, VisitorState state, int depth) {
    ClassTree declaration = CompiledSources.classTree(c, state);
    if (depth == 0 || declaration == null) {
      return false;
    }
    boolean any = false;
    boolean sets = false;
    boolean superNeeded = false;
    for (Tree member : declaration.getMembers()) {
      if (!(member instanceof MethodTree constructor)
          || !(getSymbol(constructor) instanceof MethodSymbol symbol)
          || !symbol.isConstructor()) {
        continue;
      }
      any = true;
      BlockTree body = constructor.getBody();
      if (body == null) {
        return false;
      }
      boolean setsHere = false;
      boolean delegates = false;
      for (StatementTree statement : body.getStatements()) {
        if (statement instanceof ExpressionStatementTree expression
            && expression.getExpression() instanceof MethodInvocationTree call) {
          ExpressionTree select = call.getMethodSelect();
          String name =
              select instanceof IdentifierTree id
                  ? id.getName().toString()
                  : select instanceof MemberSelectTree ms
                          && ms.getExpression() instanceof IdentifierTree self
                          && self.getName().contentEquals("this")
                      ? ms.getIdentifier().toString()
                      : "";
          setsHere |=
              name.equals("setDaemon")
                  && call.getArguments().size() == 1
                  && Boolean.TRUE.equals(constValue(call.getArguments().getFirst()));
          delegates |= name.equals("this");
        }
      }
      sets |= setsHere;
      superNeeded |= !setsHere && !delegates;
    }
    if (!any || superNeeded) {
      Type up = state.getTypes().supertype(c.type);
      return up != null
          && up.tsym instanceof ClassSymbol superclass
          && constructorsMakeDaemon(superclass, state, depth - 1);
    }
    return sets;
  }

  /**
   * True if the {@code interrupt()} at {@code callPath} may be sent to one of the threads: its
   * receiver is not the current thread, nor a holder whose every value is another new thread, nor
   * {@code this} of a thread class none of the threads can be.
   */
  private static boolean mayInterruptOneOf(
      TreePath callPath, Threads threads, Type thread, VisitorState state) {
    MethodInvocationTree call = (MethodInvocationTree) callPath.getLeaf();
    if (!(getSymbol(call) instanceof MethodSymbol method)
        || !(method.owner instanceof ClassSymbol owner)) {
      return true;
    }
    if (!isSubtype(owner.type, thread, state)) {
      // ThreadGroup.interrupt() reaches every thread of the group; anything else is not a thread's.
      return owner.getQualifiedName().contentEquals("java.lang.ThreadGroup");
    }
    ExpressionTree receiver = getReceiver(call);
    if (receiver == null
        || (Expressions.strip(receiver) instanceof IdentifierTree self
            && self.getName().contentEquals("this"))) {
      ClassSymbol enclosing = enclosingClassOf(callPath, owner, state);
      return enclosing == null || mayBeOneOf(enclosing, threads, state);
    }
    ExpressionTree stripped = Expressions.strip(receiver);
    if (ThreadCalls.CURRENT_THREAD.matches(stripped, state)) {
      return false;
    }
    if (stripped instanceof MemberSelectTree outer && outer.getIdentifier().contentEquals("this")) {
      Type self = getType(outer);
      return !(self != null && self.tsym instanceof ClassSymbol c) || mayBeOneOf(c, threads, state);
    }
    return !(getSymbol(stripped) instanceof VarSymbol variable)
        || mayHoldOneOf(variable, callPath.getCompilationUnit(), state, MAX_HOLDERS);
  }

  /** The innermost class around the call that inherits the method's class. */
  private static @Nullable ClassSymbol enclosingClassOf(
      TreePath path, ClassSymbol owner, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree tree
          && getSymbol(tree) instanceof ClassSymbol c
          && isSubtype(c.type, owner.type, state)) {
        return c;
      }
    }
    return null;
  }

  /** True if an object of class {@code c} may be one of the threads. */
  private static boolean mayBeOneOf(ClassSymbol c, Threads threads, VisitorState state) {
    if (threads.classes == null) {
      return true;
    }
    for (Type made : threads.classes) {
      if (isSubtype(made, c.type, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True unless every value code can give the variable is a new thread ({@code new T(..)}, a
   * factory's thread) or null, or another variable of which that holds: a thread made elsewhere
   * than at the creations of the threads asked about (whose own holders are checked as such). A
   * parameter, a loop's element, a call's result or a field others may set may hold anything.
   */
  private static boolean mayHoldOneOf(
      VarSymbol variable, CompilationUnitTree unit, VisitorState state, int depth) {
    if (depth == 0 || !(Ownership.isLocal(variable) || Ownership.isField(variable))) {
      return true;
    }
    List<CompilationUnitTree> files = new ArrayList<>();
    if (Ownership.isLocal(variable)) {
      files.add(unit);
    } else if (variable.owner instanceof ClassSymbol owner) {
      TreePath declaration = CompiledSources.classPath(owner, state);
      if (declaration == null) {
        return true;
      }
      if (variable.isPrivate() || (variable.flags() & Flags.FINAL) != 0) {
        files.add(declaration.getCompilationUnit());
      } else if ((variable.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0) {
        Set<CompilationUnitTree> whole = CompiledSources.filesOfWholePackage(owner.packge(), state);
        if (whole == null) {
          return true;
        }
        files.addAll(whole);
      } else {
        return true;
      }
    } else {
      return true;
    }
    List<ExpressionTree> values = new ArrayList<>();
    boolean[] unknown = new boolean[1];
    for (CompilationUnitTree file : files) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitVariable(VariableTree declared, Void unused) {
          if (variable.equals(getSymbol(declared))) {
            if (declared.getInitializer() != null) {
              values.add(declared.getInitializer());
            } else if (getCurrentPath().getParentPath() != null
                && getCurrentPath().getParentPath().getLeaf() instanceof EnhancedForLoopTree) {
              unknown[0] = true;
            }
          }
          return super.visitVariable(declared, null);
        }

        @Override
        public Void visitAssignment(AssignmentTree assignment, Void unused) {
          if (variable.equals(getSymbol(assignment.getVariable()))) {
            values.add(assignment.getExpression());
          }
          return super.visitAssignment(assignment, null);
        }
      }.scan(new TreePath(file), null);
    }
    if (unknown[0]) {
      return true;
    }
    for (ExpressionTree value : values) {
      ExpressionTree stripped = Expressions.strip(value);
      if (stripped.getKind() == Tree.Kind.NULL_LITERAL
          || Ownership.isThreadCreation(stripped, state)
          || (stripped instanceof MethodInvocationTree call
              && Expressions.isResolved(call)
              && ThreadCalls.THREAD_FACTORY_METHOD.matches(call, state))) {
        continue;
      }
      if (getSymbol(stripped) instanceof VarSymbol copied
          && !copied.equals(variable)
          && !mayHoldOneOf(copied, files.getFirst(), state, depth - 1)) {
        continue;
      }
      return true;
    }
    return false;
  }
}
