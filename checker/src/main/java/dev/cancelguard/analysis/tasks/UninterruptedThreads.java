package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.classfiles.ClassFiles;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.CompilationCalls;
import dev.cancelguard.analysis.trees.CompiledSources;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.LocalUses;
import dev.cancelguard.analysis.trees.Loops;
import dev.cancelguard.analysis.trees.VariableReferences;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.jspecify.annotations.Nullable;

/**
 * Threads a class creates, keeps to itself and never interrupts: the thread is held only in a
 * private field or a local (or copied from one such holder to another), used only as the receiver
 * of calls other than {@code interrupt()}, compared or reassigned — never returned, passed on or
 * stored elsewhere. Nobody outside the class can reach such a thread to interrupt it, and the class
 * does not: an interrupt it sees is a stray one, not a request to stop. Its whole work — a lambda
 * or anonymous {@code Runnable} handed to {@code new Thread(..)} or a {@code ThreadFactory}, an
 * anonymous {@code Thread} subclass, the {@code run()} of a {@code Runnable} or {@code Thread}
 * class whose every instance is made in this file (the class or its constructors private, or a
 * class only its package can name that no other file of the package names) and only ever handed to
 * such threads, or of a {@code Runnable} class that reaches a thread only by handing itself ({@code
 * new Thread(this)}) to one — sets its own interruption policy. A thread made through reflection
 * ({@code Constructor<Thread>.newInstance(..)}) is made as by {@code new Thread(..)}, and a
 * reflective field write on it hands it to nobody. Ending its loop on an interrupt would stop the
 * only thread doing that work (a clock updater, a finalizer, a watcher), and nothing starts it
 * again. Whether the thread is a daemon does not change who can interrupt it, so no fix ends its
 * loop either way; a swallowed interrupt there goes unreported only on a daemon (made so with
 * {@code setDaemon(true)} on one of its holders), as for the other threads of {@link OwnThreads}.
 */
public final class UninterruptedThreads {
  /** Holders followed from one to the next (a local copied into a private field) at most. */
  private static final int MAX_HOLDERS = 3;

  private UninterruptedThreads() {}

  /**
   * True if the statement at {@code path} lies in the whole work of such a thread, every one of
   * them a daemon, in a loop that ends by its own protocol (a condition, a {@code break} or {@code
   * return}), in a loop that can never end which LoopWithoutCancellationPoint reports ({@link
   * UnstoppableTaskLoops}: the loop's finding is that check's, once), or in no loop. A loop that
   * can never end which that check does not report is still reported.
   */
  public static boolean isEndingLoopOfUninterruptedDaemon(
      TreePath path, TreePath codeUnit, VisitorState state, CancelGuardOptions options) {
    TreePath loop = Loops.enclosingLoop(path, codeUnit);
    if (loop != null
        && Loops.hasNoExitCondition(loop.getLeaf())
        && Loops.exits(loop).isEmpty()
        && !UnstoppableTaskLoops.isReportedAsUnstoppable(loop, state, options)) {
      return false; // a loop that can never end, and no other check reports it
    }
    return keeping(codeUnit, state) == Keeping.KEPT_DAEMON;
  }

  /** True if the code unit is the whole work of threads the class keeps and never interrupts. */
  public static boolean isBodyOfUninterruptedThread(TreePath codeUnit, VisitorState state) {
    return keeping(codeUnit, state) != Keeping.ESCAPES;
  }

  /**
   * True if nobody can interrupt the threads running the code unit: each is started where it is
   * made and held by nobody ({@code new Thread(() -> ..).start();}), or kept to the class and never
   * interrupted as above. Whether they are daemons does not matter.
   */
  public static boolean isBodyOfUnreachableThread(TreePath codeUnit, VisitorState state) {
    List<TreePath> creations = threadCreations(codeUnit, state);
    if (creations == null || creations.isEmpty()) {
      return false;
    }
    for (TreePath creation : creations) {
      boolean unreachable =
          holderOf(creation) instanceof VarSymbol holder
              ? keptAndNeverInterrupted(holder, state, MAX_HOLDERS) != Keeping.ESCAPES
              : isStartedWhereMade(creation);
      if (!unreachable) {
        return false;
      }
    }
    return true;
  }

  /** How the threads running the code unit are kept. */
  private enum Keeping {
    /** Some may be reached or interrupted by others, or the code may run elsewhere. */
    ESCAPES,
    /** Kept to the class and never interrupted. */
    KEPT,
    /** The same, and every one made a daemon. */
    KEPT_DAEMON
  }

  private static Keeping keeping(TreePath codeUnit, VisitorState state) {
    List<TreePath> creations = threadCreations(codeUnit, state);
    if (creations == null || creations.isEmpty()) {
      return Keeping.ESCAPES;
    }
    boolean daemons = true;
    for (TreePath creation : creations) {
      Keeping kept =
          holderOf(creation) instanceof VarSymbol holder
              ? keptAndNeverInterrupted(holder, state, MAX_HOLDERS)
              : isStartedDaemonNobodyHolds(creation)
                      || DaemonStarters.isStartedAsDaemonByHelper(creation, state)
                  ? Keeping.KEPT_DAEMON
                  : Keeping.ESCAPES;
      if (kept == Keeping.ESCAPES) {
        return Keeping.ESCAPES;
      }
      daemons &= kept == Keeping.KEPT_DAEMON || isMadeByDaemonFactory(creation, state);
    }
    return daemons ? Keeping.KEPT_DAEMON : Keeping.KEPT;
  }

  /**
   * True if the creation is {@code factory.newThread(..)} on a final field or local of this file
   * whose every value is a factory made here to make daemons: {@code new F(.., true, ..)} where the
   * constructor's parameter that takes {@code true} is named {@code daemon} ({@code new
   * DefaultThreadFactory(name, true, priority)}). A factory handed in, or one whose constructor's
   * parameter names are not known (read from a class file without them), is not taken for one.
   */
  static boolean isMadeByDaemonFactory(TreePath creation, VisitorState state) {
    if (!(creation.getLeaf() instanceof MethodInvocationTree call)
        || !Expressions.isResolved(call)
        || !ThreadCalls.FACTORY_CALL.matches(call, state)
        || !(getReceiver(call) instanceof ExpressionTree receiver)
        || !(getSymbol(receiver) instanceof VarSymbol factory)
        || (factory.flags() & Flags.FINAL) == 0) {
      return false;
    }
    List<ExpressionTree> values = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (factory.equals(getSymbol(variable)) && variable.getInitializer() != null) {
          values.add(variable.getInitializer());
        }
        return super.visitVariable(variable, null);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (factory.equals(getSymbol(assignment.getVariable()))) {
          values.add(assignment.getExpression());
        }
        return super.visitAssignment(assignment, null);
      }
    }.scan(creation.getCompilationUnit(), null);
    return !values.isEmpty() && values.stream().allMatch(UninterruptedThreads::makesDaemons);
  }

  /**
   * True if the creation is started and dropped in one statement, {@code newThread(factory, this,
   * name, true).start();}, by a call that passes {@code true} to a parameter named {@code daemon}:
   * nobody holds the thread to interrupt it, and it is made a daemon.
   */
  static boolean isStartedDaemonNobodyHolds(TreePath creation) {
    return creation.getLeaf() instanceof MethodInvocationTree
        && isStartedWhereMade(creation)
        && makesDaemons((ExpressionTree) creation.getLeaf());
  }

  /** {@code new Thread(..).start();} or {@code factory.newThread(..).start();} as a statement. */
  private static boolean isStartedWhereMade(TreePath creation) {
    TreePath select = LocalUses.parent(creation);
    TreePath call = select == null ? null : LocalUses.parent(select);
    TreePath statement = call == null ? null : LocalUses.parent(call);
    return select != null
        && select.getLeaf() instanceof MemberSelectTree start
        && start.getIdentifier().contentEquals("start")
        && call != null
        && call.getLeaf() instanceof MethodInvocationTree startCall
        && startCall.getMethodSelect() == start
        && startCall.getArguments().isEmpty()
        && statement != null
        && statement.getLeaf() instanceof ExpressionStatementTree;
  }

  /**
   * {@code new F(.., true, ..)} or {@code f(.., true, ..)} whose parameter taking {@code true} is
   * named {@code daemon}.
   */
  private static boolean makesDaemons(ExpressionTree value) {
    ExpressionTree made = Expressions.strip(value);
    List<? extends ExpressionTree> arguments =
        switch (made) {
          case NewClassTree creation -> creation.getArguments();
          case MethodInvocationTree call -> call.getArguments();
          case null, default -> null;
        };
    if (arguments == null
        || !(getSymbol(made) instanceof MethodSymbol constructor)
        || constructor.isVarArgs()) {
      return false;
    }
    List<VarSymbol> parameters = constructor.getParameters();
    for (int i = 0; i < arguments.size() && i < parameters.size(); i++) {
      if (parameters.get(i).getSimpleName().contentEquals("daemon")
          && Boolean.TRUE.equals(constValue(arguments.get(i)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The creations of the threads whose whole work the code unit is, or null where some other code
   * may run it.
   */
  private static @Nullable List<TreePath> threadCreations(TreePath codeUnit, VisitorState state) {
    Type thread = state.getTypeFromString("java.lang.Thread");
    if (thread == null) {
      return null;
    }
    Tree leaf = codeUnit.getLeaf();
    TreePath parent = codeUnit.getParentPath();
    if (leaf instanceof LambdaExpressionTree) {
      return handedToThreadCreation(codeUnit, state);
    }
    if (leaf instanceof MethodTree method
        && getSymbol(method) instanceof MethodSymbol symbol
        && (symbol.isPrivate() || PackageThreadMethods.isPackagePrivate(symbol))
        && !symbol.isStatic()
        && method.getParameters().isEmpty()) {
      List<TreePath> creations = referencedByThreadCreations(symbol, state);
      if (creations != null) {
        return creations;
      }
    }
    if (!(leaf instanceof MethodTree method)
        || !method.getName().contentEquals("run")
        || !method.getParameters().isEmpty()
        || !(getSymbol(method) instanceof MethodSymbol run)
        || run.isStatic()
        || parent == null
        || !(parent.getLeaf() instanceof ClassTree)) {
      return null;
    }
    ClassSymbol type = run.enclClass();
    boolean isThread = isSubtype(type.type, thread, state);
    if (parent.getParentPath() != null
        && parent.getParentPath().getLeaf() instanceof NewClassTree anonymous) {
      // An anonymous Thread subclass is its own thread; an anonymous Runnable is handed to one.
      return isThread
          ? List.of(parent.getParentPath())
          : handedToThreadCreation(parent.getParentPath(), state);
    }
    if (isThread) {
      return madeOnlyHere(type) || madeOnlyInThisFileOfItsPackage(type, codeUnit, state)
          ? nonEmptyOrNull(instancesOf(type, codeUnit.getCompilationUnit()))
          : null;
    }
    List<TreePath> creations =
        madeOnlyHere(type) || madeOnlyInThisFileOfItsPackage(type, codeUnit, state)
            ? instancesHandedToThreads(type, codeUnit, state)
            : null;
    return creations != null ? creations : threadsItHandsItselfTo(type, run, state);
  }

  /**
   * The thread creations a private method is handed to as a method reference ({@code new
   * Thread(this::run)}), when that is the only way it is named in the compilation: no code calls
   * it, and every reference to it is such an argument. Null otherwise. A package-private method of
   * a package compiled whole that no other file of the package names ({@link PackageThreadMethods})
   * is read the same way.
   */
  private static @Nullable List<TreePath> referencedByThreadCreations(
      MethodSymbol method, VisitorState state) {
    CompilationCalls calls = CompilationCalls.of(state);
    if (!calls.callsOf(method).isEmpty()) {
      return null;
    }
    List<TreePath> references = calls.referencesHandedOver(method);
    if (references.isEmpty()
        || !ThreadTasks.onlyReferencedAsArguments(method, references.size(), state)) {
      return null;
    }
    List<TreePath> creations = new ArrayList<>();
    for (TreePath reference : references) {
      TreePath creation = LocalUses.parent(reference);
      if (creation == null || !isThreadCreationWithArgument(creation, reference.getLeaf(), state)) {
        return null;
      }
      creations.add(creation);
    }
    // Last, as it reads every file of the package.
    return method.isPrivate() || PackageThreadMethods.isNamedOnlyInItsFile(method, state)
        ? creations
        : null;
  }

  private static @Nullable List<TreePath> nonEmptyOrNull(List<TreePath> paths) {
    return paths.isEmpty() ? null : paths;
  }

  /**
   * The thread creations every instance {@code new Type(..)} of the file is handed to; null if
   * there is none, or some goes elsewhere.
   */
  private static @Nullable List<TreePath> instancesHandedToThreads(
      ClassSymbol type, TreePath codeUnit, VisitorState state) {
    List<TreePath> instances = instancesOf(type, codeUnit.getCompilationUnit());
    if (instances.isEmpty()) {
      return null;
    }
    List<TreePath> creations = new ArrayList<>();
    for (TreePath instance : instances) {
      List<TreePath> threads = handedToThreadCreation(instance, state);
      if (threads == null) {
        return null;
      }
      creations.addAll(threads);
    }
    return creations;
  }

  /**
   * The thread creations a {@code Runnable} class hands itself to ({@code runner = new Thread(this,
   * name);}), when that is the only way its instances reach a thread in this compilation: every
   * instance of it handed to a call or a constructor is {@code this}, each taken as a {@code
   * Runnable} by a thread creation, or as the class itself (a callback's argument, {@code
   * observer.timeoutOccured(this)}); no code calls its {@code run()} directly; and no class of the
   * compilation extends it. Its {@code run()} is then the whole work of the threads it makes for
   * itself, whoever makes its instances. Null otherwise.
   */
  private static @Nullable List<TreePath> threadsItHandsItselfTo(
      ClassSymbol type, MethodSymbol run, VisitorState state) {
    if (!CompiledSources.subclassesOf(type, state).isEmpty()) {
      return null;
    }
    Type runnable = state.getTypeFromString("java.lang.Runnable");
    CompilationCalls calls = CompilationCalls.of(state);
    List<TreePath> handed = calls.instancesHandedOver(type);
    if (runnable == null || handed.isEmpty() || !calls.callsOf(run).isEmpty()) {
      return null;
    }
    List<TreePath> creations = new ArrayList<>();
    for (TreePath argument : handed) {
      ExpressionTree value = Expressions.strip((ExpressionTree) argument.getLeaf());
      TreePath creation = argument.getParentPath();
      if (!(value instanceof IdentifierTree self)
          || !self.getName().contentEquals("this")
          || creation == null) {
        return null;
      }
      Type parameter = parameterTaking(creation, value);
      if (parameter != null && state.getTypes().isSameType(parameter, runnable)) {
        if (!(isThreadCreationWithArgument(creation, value, state)
            || isThreadFactoryMethodWithArgument(creation, value, state))) {
          return null;
        }
        creations.add(creation);
      } else if (parameter == null
          || !state
              .getTypes()
              .isSameType(state.getTypes().erasure(parameter), type.erasure(state.getTypes()))) {
        // Code that takes it as this very class can run it only by calling its run(), which no
        // code of the compilation does (`observer.timeoutOccured(this)`); code that takes it as a
        // Runnable or an Object may run it anywhere.
        return null;
      }
    }
    return creations.isEmpty() ? null : creations;
  }

  /**
   * The thread creations the Runnable at {@code runnable} is handed to: directly as an argument, or
   * through a private field or local whose every use is such an argument. Null if it goes anywhere
   * else.
   */
  private static @Nullable List<TreePath> handedToThreadCreation(
      TreePath runnable, VisitorState state) {
    TreePath parent = LocalUses.parent(runnable);
    if (parent == null) {
      return null;
    }
    if (isThreadCreationWithArgument(parent, runnable.getLeaf(), state)) {
      return List.of(parent);
    }
    if (!(holderOf(runnable) instanceof VarSymbol holder)
        || (holder.owner instanceof ClassSymbol && !holder.isPrivate())) {
      return null;
    }
    List<TreePath> creations = new ArrayList<>();
    boolean[] elsewhere = new boolean[1];
    for (TreePath referencePath :
        VariableReferences.in(new TreePath(runnable.getCompilationUnit()), holder)) {
      ExpressionTree reference = (ExpressionTree) referencePath.getLeaf();
      TreePath use = LocalUses.parent(referencePath);
      if (use != null && isThreadCreationWithArgument(use, reference, state)) {
        creations.add(use);
      } else {
        elsewhere[0] = true;
      }
    }
    return elsewhere[0] ? null : creations;
  }

  static boolean isThreadCreationWithArgument(
      TreePath creation, Tree argument, VisitorState state) {
    List<? extends ExpressionTree> arguments =
        switch (creation.getLeaf()) {
          case NewClassTree newClass -> newClass.getArguments();
          case MethodInvocationTree call -> call.getArguments();
          default -> List.of();
        };
    return arguments.stream().anyMatch(a -> Expressions.strip(a) == argument)
        && (Ownership.isThreadCreation((ExpressionTree) creation.getLeaf(), state)
            || isReflectiveThreadConstruction(creation.getLeaf(), state));
  }

  /**
   * The declared type of the parameter that the call or constructor at {@code creation} takes
   * {@code argument} for; null where it is not known (a varargs method, an unresolved call).
   */
  private static @Nullable Type parameterTaking(TreePath creation, Tree argument) {
    List<? extends ExpressionTree> arguments =
        switch (creation.getLeaf()) {
          case NewClassTree newClass -> newClass.getArguments();
          case MethodInvocationTree call -> call.getArguments();
          default -> List.of();
        };
    if (!(getSymbol(creation.getLeaf()) instanceof MethodSymbol method) || method.isVarArgs()) {
      return null;
    }
    List<VarSymbol> parameters = method.getParameters();
    for (int i = 0; i < arguments.size() && i < parameters.size(); i++) {
      if (Expressions.strip(arguments.get(i)) == argument) {
        return parameters.get(i).type;
      }
    }
    return null;
  }

  /**
   * A call of a method of the project that makes a thread for the {@code Runnable} it is given
   * ({@link ThreadCalls#THREAD_FACTORY_METHOD}): {@code ThreadUtil.newThread(factory, this, name,
   * true)}.
   */
  static boolean isThreadFactoryMethodWithArgument(
      TreePath creation, Tree argument, VisitorState state) {
    return creation.getLeaf() instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && call.getArguments().stream().anyMatch(a -> Expressions.strip(a) == argument)
        && ThreadCalls.THREAD_FACTORY_METHOD.matches(call, state);
  }

  /**
   * {@code constructor.newInstance(.., runnable, ..)} on a {@code Constructor<Thread>}: a thread
   * made through reflection (to pick a constructor only some JDKs have), as {@code new Thread(..)}.
   */
  private static boolean isReflectiveThreadConstruction(Tree tree, VisitorState state) {
    Type thread = state.getTypeFromString("java.lang.Thread");
    Type made = tree instanceof MethodInvocationTree call ? getType(call) : null;
    return thread != null
        && made != null
        && ThreadCalls.REFLECTIVE_CONSTRUCTION.matches((ExpressionTree) tree, state)
        && isSubtype(made, thread, state);
  }

  /** The class is private, or every constructor it declares is: its instances are made here. */
  static boolean madeOnlyHere(ClassSymbol type) {
    if ((type.flags() & Flags.PRIVATE) != 0) {
      return true;
    }
    boolean any = false;
    for (Symbol member : type.getEnclosedElements()) {
      if (member instanceof MethodSymbol constructor && constructor.isConstructor()) {
        if (!constructor.isPrivate()) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /**
   * The class can be named only inside its package (it, or a class around it, is neither public nor
   * protected), and no other file of that package names it: every class of the package is a source
   * of this compilation, and none outside this file mentions the type. Its instances are then made
   * in this file only. A package some of whose classes come from class files (an incremental build,
   * a package split across jars) may make them elsewhere.
   */
  static boolean madeOnlyInThisFileOfItsPackage(
      ClassSymbol type, TreePath codeUnit, VisitorState state) {
    boolean confined = false;
    for (Symbol s = type; s instanceof ClassSymbol c; s = c.owner) {
      confined |= (c.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0;
    }
    if (!confined) {
      return false;
    }
    CompilationUnitTree here = codeUnit.getCompilationUnit();
    Set<CompilationUnitTree> files = CompiledSources.filesOfWholePackage(type.packge(), state);
    if (files == null) {
      return false;
    }
    Set<CompilationUnitTree> others = new LinkedHashSet<>(files);
    others.remove(here);
    for (CompilationUnitTree other : others) {
      if (names(other, type)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #madeOnlyInThisFileOfItsPackage}, also where some classes of the package come from class
   * files (a package split across jars, such as records generated into it by another module): the
   * class can be named only inside its package, no other source file of the package names it, and
   * no class file of the package on the class path spells its binary name ({@link
   * ClassFiles#mayName}: a class file names a class only through a constant holding that name), the
   * class files of classes compiled here from source aside (the library's own jar beside its
   * sources: their source is what is read). A class of the package read from anywhere else (the
   * module path, the source path), or a class file that cannot be read, may name it.
   */
  static boolean madeOnlyInThisFileOfItsSplitPackage(
      ClassSymbol type, TreePath codeUnit, VisitorState state) {
    if (madeOnlyInThisFileOfItsPackage(type, codeUnit, state)) {
      return true;
    }
    boolean confined = false;
    for (Symbol s = type; s instanceof ClassSymbol c; s = c.owner) {
      confined |= (c.flags() & (Flags.PUBLIC | Flags.PROTECTED)) == 0;
    }
    if (!confined) {
      return false;
    }
    CompilationUnitTree here = codeUnit.getCompilationUnit();
    Set<CompilationUnitTree> sources = sourceFilesOfPackageWhereOnlySourcesName(type, state);
    if (sources == null || !sources.contains(here)) {
      return false;
    }
    for (CompilationUnitTree other : sources) {
      if (other != here && names(other, type)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The source files of this compilation that declare classes of the class's package, when every
   * other class of the package is a class file on the class path that does not spell the class's
   * binary name ({@link ClassFiles#mayName}: a class file names a class, and so a member of it,
   * only through a constant holding that name), the class files of classes compiled here from
   * source aside (their source is what is read). Null when a class of the package is read from
   * anywhere else (the module path, the source path), a class file cannot be read or may name the
   * class, or the package cannot be listed: then code the compilation does not show may name it.
   */
  static @Nullable Set<CompilationUnitTree> sourceFilesOfPackageWhereOnlySourcesName(
      ClassSymbol type, VisitorState state) {
    PackageSymbol packge = type.packge();
    JavaFileManager fileManager = state.context.get(JavaFileManager.class);
    if (packge == null || packge.isUnnamed() || fileManager == null) {
      return null;
    }
    String binaryName = ClassFiles.binaryName(type);
    try {
      Set<String> classPathFiles = new HashSet<>();
      for (JavaFileObject file :
          fileManager.list(
              StandardLocation.CLASS_PATH,
              packge.fullname.toString(),
              EnumSet.of(JavaFileObject.Kind.CLASS),
              false)) {
        classPathFiles.add(file.toUri().toString());
        String binary = fileManager.inferBinaryName(StandardLocation.CLASS_PATH, file);
        if (binary == null) {
          return null;
        }
        String simple = binary.substring(binary.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        Symbol top =
            packge
                .members()
                .findFirst(state.getName(dollar > 0 ? simple.substring(0, dollar) : simple));
        if (top instanceof ClassSymbol compiled
            && CompiledSources.classPath(compiled, state) != null) {
          continue; // a class compiled here from source: its source is read below
        }
        if (ClassFiles.mayName(file, binaryName)) {
          return null;
        }
      }
      Set<CompilationUnitTree> sources = new LinkedHashSet<>();
      for (Symbol member : packge.members().getSymbols()) {
        if (!(member instanceof ClassSymbol c)) {
          continue;
        }
        TreePath declaration = CompiledSources.classPath(c, state);
        if (declaration != null) {
          sources.add(declaration.getCompilationUnit());
        } else if (c.classfile == null
            || c.classfile.getKind() != JavaFileObject.Kind.CLASS
            || !classPathFiles.contains(c.classfile.toUri().toString())) {
          return null; // a class read from elsewhere, not searched
        }
      }
      return sources;
    } catch (IOException | RuntimeException unlisted) {
      return null; // a package that cannot be listed
    }
  }

  /**
   * Only this file can write {@code new Type(..)}: no constructor of the class is public (a
   * protected or package-private one is open to {@code new} only inside its package, JLS 6.6.2.2;
   * the implicit constructor has the class's own access), every class of the package is a source of
   * this compilation, and no other file of the package names the type. A subclass another package
   * declares is another class, made by its own code.
   */
  static boolean newOnlyInThisFileOfItsPackage(
      ClassSymbol type, TreePath codeUnit, VisitorState state) {
    boolean any = false;
    for (Symbol member : type.getEnclosedElements()) {
      if (member instanceof MethodSymbol constructor && constructor.isConstructor()) {
        if ((constructor.flags() & Flags.PUBLIC) != 0) {
          return false;
        }
        any = true;
      }
    }
    return any
        && type.packge() != null
        && noOtherFileOfItsPackageNames(type, codeUnit.getCompilationUnit(), state);
  }

  /**
   * The field can be named only inside its package (it is neither public, protected nor private),
   * and no other file of that package names it: every class of the package is a source of this
   * compilation, and none outside this file mentions the field. Only this file reads or writes it.
   */
  static boolean namedOnlyInThisFileOfItsPackage(
      VarSymbol field, CompilationUnitTree here, VisitorState state) {
    if ((field.flags() & (Flags.PUBLIC | Flags.PROTECTED | Flags.PRIVATE)) != 0
        || field.owner == null
        || field.packge() == null) {
      return false;
    }
    return noOtherFileOfItsPackageNames(field, here, state);
  }

  /**
   * Every class of the symbol's package is a source of this compilation, {@code here} among them,
   * and no file of the package but {@code here} names the symbol.
   */
  static boolean noOtherFileOfItsPackageNames(
      Symbol symbol, CompilationUnitTree here, VisitorState state) {
    Set<CompilationUnitTree> files = CompiledSources.filesOfWholePackage(symbol.packge(), state);
    if (files == null || !files.contains(here)) {
      return false;
    }
    for (CompilationUnitTree other : files) {
      if (other != here && names(other, symbol)) {
        return false;
      }
    }
    return true;
  }

  /** True if some name in the file resolves to the symbol (a method reference's name too). */
  private static boolean names(CompilationUnitTree unit, Symbol type) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        found[0] |= getSymbol(identifier) == type;
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        found[0] |= getSymbol(select) == type;
        return super.visitMemberSelect(select, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        found[0] |= getSymbol(reference) == type;
        return super.visitMemberReference(reference, null);
      }
    }.scan(unit, null);
    return found[0];
  }

  /** The paths of {@code new Type(..)} in the file. */
  static List<TreePath> instancesOf(ClassSymbol type, CompilationUnitTree unit) {
    List<TreePath> instances = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        Type made = getType(newClass);
        if (made != null && made.tsym == type) {
          instances.add(getCurrentPath());
        }
        return super.visitNewClass(newClass, null);
      }
    }.scan(new TreePath(unit), null);
    return instances;
  }

  /** The variable a creation is stored in: a declaration's initializer or an assignment's value. */
  static @Nullable Symbol holderOf(TreePath creation) {
    TreePath parent = LocalUses.parent(creation);
    if (parent == null) {
      return null;
    }
    return switch (parent.getLeaf()) {
      case VariableTree variable -> getSymbol(variable);
      case AssignmentTree assignment ->
          Expressions.strip(assignment.getExpression()) == creation.getLeaf()
              ? getSymbol(assignment.getVariable())
              : null;
      default -> null;
    };
  }

  /**
   * Whether the holder is a private field or a local, and every use of it in the file is the
   * receiver of a call other than {@code interrupt()}, an assignment's target, a comparison, or a
   * copy into another holder that is itself kept so ({@code depth} holders deep at most); a daemon
   * if one of them is the receiver of {@code setDaemon(true)}.
   */
  private static Keeping keptAndNeverInterrupted(VarSymbol holder, VisitorState state, int depth) {
    if (depth == 0 || (holder.owner instanceof ClassSymbol && !holder.isPrivate())) {
      return Keeping.ESCAPES;
    }
    boolean[] escapes = new boolean[1];
    boolean[] daemon = new boolean[1];
    List<VarSymbol> copies = new ArrayList<>();
    for (TreePath referencePath :
        VariableReferences.in(new TreePath(state.getPath().getCompilationUnit()), holder)) {
      ExpressionTree reference = (ExpressionTree) referencePath.getLeaf();
      TreePath parent = LocalUses.parent(referencePath);
      Tree leaf = parent == null ? null : parent.getLeaf();
      switch (leaf) {
        case MemberSelectTree select
            when LocalUses.parent(parent) != null
                && LocalUses.parent(parent).getLeaf() instanceof MethodInvocationTree call
                && call.getMethodSelect() == select -> {
          escapes[0] |= select.getIdentifier().contentEquals("interrupt");
          daemon[0] |=
              select.getIdentifier().contentEquals("setDaemon")
                  && call.getArguments().size() == 1
                  && Boolean.TRUE.equals(constValue(call.getArguments().getFirst()));
        }
        case AssignmentTree assignment when assignment.getVariable() == reference -> {}
        case AssignmentTree assignment
            when getSymbol(assignment.getVariable()) instanceof VarSymbol copy ->
            copies.add(copy);
        case VariableTree variable when getSymbol(variable) instanceof VarSymbol copy ->
            copies.add(copy);
        case BinaryTree binary
            when binary.getKind() == Tree.Kind.EQUAL_TO
                || binary.getKind() == Tree.Kind.NOT_EQUAL_TO -> {}
        // A reflective field write on the thread (clearing what it inherited) keeps no hold of it.
        case MethodInvocationTree call
            when !call.getArguments().isEmpty()
                && Expressions.strip(call.getArguments().getFirst()) == reference
                && ThreadCalls.REFLECTIVE_FIELD_ACCESS.matches(call, state) -> {}
        case null, default -> escapes[0] = true;
      }
    }
    if (escapes[0]) {
      return Keeping.ESCAPES;
    }
    for (VarSymbol copy : copies) {
      if (copy.equals(holder)) {
        continue;
      }
      Keeping kept = keptAndNeverInterrupted(copy, state, depth - 1);
      if (kept == Keeping.ESCAPES) {
        return Keeping.ESCAPES;
      }
      daemon[0] |= kept == Keeping.KEPT_DAEMON;
    }
    return daemon[0] ? Keeping.KEPT_DAEMON : Keeping.KEPT;
  }
}
