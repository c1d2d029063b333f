package dev.cancelguard.analysis.interrupts;

import static com.google.errorprone.util.ASTHelpers.getType;
import static com.google.errorprone.util.ASTHelpers.isSubtype;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.cancelguard.analysis.CancelGuardOptions;
import dev.cancelguard.analysis.jdk.FutureCalls;
import dev.cancelguard.analysis.jdk.ThreadCalls;
import dev.cancelguard.analysis.trees.Catches;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.NestedCodeSkipper;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** What throws {@link InterruptedException}, what receives it, and what touches the flag. */
public final class Interrupts {
  private Interrupts() {}

  public static Type interruptedExceptionType(VisitorState state) {
    return state.getSymtab().interruptedExceptionType;
  }

  /** True if a catch names {@link InterruptedException} (or a subclass) itself. */
  public static boolean catchesInterruptedExceptionByName(CatchTree catchTree, VisitorState state) {
    Type interrupted = interruptedExceptionType(state);
    return Catches.caughtTypes(catchTree).stream().anyMatch(t -> isSubtype(t, interrupted, state));
  }

  /**
   * True if {@code catchTree}, one of {@code tryTree}'s catches, can receive an {@link
   * InterruptedException}: it names it, or it names a supertype ({@code Exception}, {@code
   * Throwable}) while the try block or its resources throw it and no earlier catch takes it. Calls
   * that only declare {@code throws Exception} are not counted: whether they are interrupted is
   * unknown, and counting them would flag every generic catch around a {@code Callable}.
   */
  public static boolean receivesInterruptedException(
      TryTree tryTree, CatchTree catchTree, VisitorState state) {
    Type interrupted = interruptedExceptionType(state);
    for (CatchTree earlier : tryTree.getCatches()) {
      if (earlier == catchTree) {
        break;
      }
      if (Catches.caughtTypes(earlier).stream().anyMatch(t -> isSubtype(interrupted, t, state))) {
        return false;
      }
    }
    List<Type> caught = Catches.caughtTypes(catchTree);
    if (caught.stream().anyMatch(t -> isSubtype(t, interrupted, state))) {
      return true;
    }
    if (caught.stream().noneMatch(t -> isSubtype(interrupted, t, state))) {
      return false;
    }
    return tryBodyThrowsInterruptedException(tryTree, state);
  }

  /** True if the try block or its resources can throw {@link InterruptedException}. */
  public static boolean tryBodyThrowsInterruptedException(TryTree tryTree, VisitorState state) {
    Type interrupted = interruptedExceptionType(state);
    // Unknown where javac could not resolve the block's code: no claim that an interrupt comes.
    Set<Type> thrown = ThrownTypes.ofTryBody(tryTree, state);
    return thrown != null && thrown.stream().anyMatch(t -> isSubtype(t, interrupted, state));
  }

  /**
   * True if no interrupt can reach a catch of the try block (at {@code tryPath}) for real: every
   * call in it that is declared to throw {@link InterruptedException} either is {@code f.get()} on
   * a future known to be done — inside {@code if (f.isDone() && ...)}, the else of {@code if
   * (!f.isDone())}, or after {@code if (!f.isDone()) return;} or {@code checkState(f.isDone())}
   * ({@link KnownDoneFutures}: also {@code isCancelled()}, {@code f == null}, an array element, a
   * local boolean holding the test; {@code f} may be this object itself: {@code if (isDone())
   * return get();}), which neither waits nor reads the flag; or {@code get()} in a callback that
   * runs once its future completed ({@link AllOfCallbacks}), or on the future a completion listener
   * is handed ({@link ListenerFutures}); or {@code get()} on a future the JDK documents as
   * completed there ({@link CompletedFutures}: in {@code FutureTask.done()}, from {@code
   * invokeAll(..)} or a {@code CompletionService}); or {@code f.getNow(..)}, which never waits
   * whatever it declares; or declares it only to pass on what the action it is handed throws, and
   * is handed here an action that throws none for real ({@link PassedOnActions}: Hadoop's {@code
   * ugi.doAs(..)} of a lambda or anonymous class calling only methods that declare {@code
   * IOException}); or never throws it ({@link #neverThrowsInterrupt}); and nothing throws one by
   * hand.
   */
  public static boolean noInterruptReachesTheCatches(TreePath tryPath, VisitorState state) {
    TryTree tryTree = (TryTree) tryPath.getLeaf();
    boolean[] sawCall = new boolean[1];
    boolean[] other = new boolean[1];
    new NestedCodeSkipper() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (Expressions.isResolved(call) && throwsInterruptedException(call, state)) {
          sawCall[0] = true;
          other[0] |= mayThrowForReal(call, getCurrentPath(), state, 0);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitNewClass(NewClassTree newClass, Void unused) {
        other[0] |=
            Expressions.isResolved(newClass) && throwsAnInterruptedException(newClass, state);
        return super.visitNewClass(newClass, null);
      }

      @Override
      public Void visitThrow(ThrowTree throwTree, Void unused) {
        Type thrown = getType(throwTree.getExpression());
        other[0] |=
            thrown == null
                || isSubtype(interruptedExceptionType(state), thrown, state)
                || isSubtype(thrown, interruptedExceptionType(state), state);
        return super.visitThrow(throwTree, null);
      }
    }.scan(new TreePath(tryPath, tryTree.getBlock()), null);
    return sawCall[0] && !other[0] && tryTree.getResources().isEmpty();
  }

  /**
   * True unless a call that may throw {@link InterruptedException} (at {@code callPath}) is shown
   * not to throw one for real by one of the answers {@link #noInterruptReachesTheCatches} lists, or
   * is a call that throws one only through the action it is handed ({@link PassedOnActions}: a
   * library model such as Hadoop's {@code doAs}) whose actions here throw none. {@code depth}
   * counts the actions this question is inside.
   */
  static boolean mayThrowForReal(
      MethodInvocationTree call, TreePath callPath, VisitorState state, int depth) {
    return !KnownDoneFutures.isGetOfDoneFuture(call, callPath, state)
        && !AllOfCallbacks.isGetAfterAllOf(call, callPath, state)
        && !AllOfCallbacks.isGetInItsOwnCallback(call, callPath, state)
        && !ListenerFutures.isGetOfTheListenersOwnFuture(call, callPath, state)
        && !CompletedFutures.isGetOfACompletedFuture(call, callPath, state)
        && !FutureCalls.GET_NOW.matches(call, state)
        && !PassedOnActions.isModelledCallWhoseActionsThrowNone(call, callPath, state, depth)
        && !neverThrowsInterrupt(call, state, depth);
  }

  /**
   * True if a call declared to throw {@link InterruptedException} never does, as this file shows:
   * it calls a method of this file that cannot be overridden elsewhere (private, static, final, a
   * constructor, or a member of a final class) and whose body throws none, or throws one only where
   * the call's boolean constants rule it out ({@link ParameterGuards}), or only through calls of
   * its functional parameters the call hands actions (lambdas, anonymous classes, method
   * references) that throw none for real ({@link PassedOnActions}), also handed on to such a
   * method, or by {@code throw new InterruptedException()} while the flag is still set ({@link
   * FunctionalArguments}), or only through calls these same questions show throw none ({@code
   * private Proxy create() throws IOException, InterruptedException { return ugi.doAs(() ->
   * connect()); }}); or a concrete method of this compilation that only its package can override,
   * whose body and overrides, all compiled here, throw none ({@link ConfinedOverrides}); or an
   * interface or abstract method declared in this file whose implementations in this file (at least
   * one, no lambda or method reference among them) all declare none; or an interface or abstract
   * method of a type only its package can implement, compiled here whole, none of whose
   * implementations there can throw one ({@link ConfinedOverrides#everyImplementation}); or an
   * abstract method of a sealed type, wherever declared, whose implementations in its permitted
   * subtypes all declare none ({@link SealedImplementations}: the set is read from the symbol, the
   * same in full and incremental builds); or a method whose every version can be read, in a file of
   * this compilation or in a jar's class file, and whose code throws none by hand and calls nothing
   * that may throw one, followed a few calls deep ({@link UnthrownInterrupts}).
   */
  public static boolean neverThrowsInterrupt(MethodInvocationTree call, VisitorState state) {
    return neverThrowsInterrupt(call, state, 0);
  }

  private static boolean neverThrowsInterrupt(
      MethodInvocationTree call, VisitorState state, int depth) {
    if (!Expressions.isResolved(call) || !(getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    if (SealedImplementations.isAbstractInSealedType(method)) {
      return SealedImplementations.everyImplementationDeclaresNone(method, state);
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    if (!SameFile.isDeclaredIn(method, unit)) {
      return everyConfinedBodyThrowsNone(method, state)
          || everyConfinedImplementationThrowsNone(method, state)
          || UnthrownInterrupts.neverThrows(method, state);
    }
    if ((method.flags() & Flags.ABSTRACT) == 0) {
      MethodTree declaration = SameFile.findMethod(unit, method, state);
      return (declaration != null
              && declaration.getBody() != null
              && cannotBeOverridden(method)
              && (!bodyThrowsInterrupt(declaration.getBody(), state)
                  || ParameterGuards.throwsOnlyWhereTheCallRulesOut(call, declaration, state)
                  || FunctionalArguments.throwsOnlyThroughActionsThatThrowNone(
                      call, declaration, state, depth)
                  || everyCallInTheBodyThrowsNone(declaration, unit, state, depth)))
          || everyConfinedBodyThrowsNone(method, state)
          || UnthrownInterrupts.neverThrows(method, state);
    }
    return everyImplementationInTheFileDeclaresNone(method, unit, state)
        || everyConfinedImplementationThrowsNone(method, state);
  }

  /**
   * True if the body of a same-file method that cannot be overridden throws {@link
   * InterruptedException} for real nowhere: each call in it that may throw one is shown not to by
   * the questions asked of a call in a try block ({@link #mayThrowForReal}: a pass-on call such as
   * Hadoop's {@code doAs} handed an action that throws none, a future known to be done, a callee
   * that never throws one), no constructor it calls declares one, and it throws none by hand: a
   * {@code private} helper that only wraps {@code ugi.doAs(() -> connect())} gives its caller's
   * catch nothing to receive. The helper is read as {@link PassedOnActions} reads a method an
   * action names; helpers inside helpers at most {@value PassedOnActions#MAX_DEPTH} deep.
   */
  private static boolean everyCallInTheBodyThrowsNone(
      MethodTree declaration, CompilationUnitTree unit, VisitorState state, int depth) {
    if (depth >= PassedOnActions.MAX_DEPTH) {
      return false;
    }
    TreePath methodPath = TreePath.getPath(unit, declaration);
    return methodPath != null
        && !PassedOnActions.bodyMayThrow(
            new TreePath(methodPath, declaration.getBody()), state, depth);
  }

  /**
   * An interface or abstract method of a type only its package can implement, whose package is
   * compiled here whole ({@link ConfinedOverrides#everyImplementation}), and none of whose
   * implementations there can throw {@link InterruptedException}: each declares none, or declares
   * it and its body throws none (the test of a same-file callee); a lambda's body throws none; a
   * method reference names a method that declares none.
   */
  private static boolean everyConfinedImplementationThrowsNone(
      MethodSymbol method, VisitorState state) {
    Type interrupted = interruptedExceptionType(state);
    return ConfinedOverrides.everyImplementation(
        method,
        tree ->
            !declaresInterruptedException(tree, state)
                || (tree.getBody() != null && !bodyThrowsInterrupt(tree.getBody(), state)),
        functional ->
            switch (functional) {
              case LambdaExpressionTree lambda -> !bodyThrowsInterrupt(lambda.getBody(), state);
              case MemberReferenceTree reference ->
                  getSymbol(reference) instanceof MethodSymbol target
                      && target.getThrownTypes().stream()
                          .noneMatch(thrown -> isSubtype(interrupted, thrown, state));
              default -> false;
            },
        state);
  }

  /**
   * A concrete method of this compilation whose body, and the body of every override it can have,
   * throws no {@link InterruptedException} ({@link ConfinedOverrides}): it declares one only
   * because what it overrides or implements does ({@code FailedRecordTracker.recovered(..)} of a
   * package-private class whose whole package is compiled here).
   */
  private static boolean everyConfinedBodyThrowsNone(MethodSymbol method, VisitorState state) {
    return ConfinedOverrides.everyBody(
        method, tree -> !bodyThrowsInterrupt(tree.getBody(), state), state);
  }

  /**
   * As {@link ConfinedOverrides#cannotBeOverridden}, and also a method of an enum or an anonymous
   * class (an enum constant with a body could override it: this same-file test accepts that).
   */
  private static boolean cannotBeOverridden(MethodSymbol method) {
    Symbol owner = method.owner;
    return ConfinedOverrides.cannotBeOverridden(method)
        || (owner.flags() & Flags.ENUM) != 0
        || (owner instanceof Symbol.ClassSymbol c && c.isAnonymous());
  }

  private static boolean bodyThrowsInterrupt(Tree body, VisitorState state) {
    Set<Type> thrown = ThrownTypes.of(body, state);
    if (thrown == null) {
      return true; // unknown: not shown to throw none
    }
    Type interrupted = interruptedExceptionType(state);
    return thrown.stream()
        .anyMatch(t -> isSubtype(t, interrupted, state) || isSubtype(interrupted, t, state));
  }

  private static boolean everyImplementationInTheFileDeclaresNone(
      MethodSymbol method, CompilationUnitTree unit, VisitorState state) {
    Type interrupted = interruptedExceptionType(state);
    int[] implementations = new int[1];
    boolean[] throwing = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        MethodSymbol symbol = getSymbol(tree);
        if (symbol != null
            && symbol != method
            && symbol.overrides(method, symbol.enclClass(), state.getTypes(), true)) {
          implementations[0]++;
          throwing[0] |=
              symbol.getThrownTypes().stream().anyMatch(t -> isSubtype(interrupted, t, state));
        }
        return super.visitMethod(tree, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        throwing[0] |= implementsMethod(lambda, method, state);
        return super.visitLambdaExpression(lambda, null);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        throwing[0] |= implementsMethod(reference, method, state);
        return super.visitMemberReference(reference, null);
      }
    }.scan(unit, null);
    return implementations[0] > 0 && !throwing[0];
  }

  /** A lambda or method reference of the functional interface that {@code method} belongs to. */
  private static boolean implementsMethod(
      Tree functional, MethodSymbol method, VisitorState state) {
    Type type = getType(functional);
    return type != null && isSubtype(type, method.owner.type, state);
  }

  private static boolean throwsAnInterruptedException(NewClassTree newClass, VisitorState state) {
    Symbol constructor = getSymbol(newClass);
    Type interrupted = interruptedExceptionType(state);
    return constructor != null
        && constructor.type.getThrownTypes().stream()
            .anyMatch(t -> isSubtype(t, interrupted, state));
  }

  /**
   * True if the method declares {@link InterruptedException} or a supertype in its throws. A type
   * variable ({@code throws E}) does not count: the method may throw only what each caller chose
   * {@code E} to be, whatever its bound.
   */
  public static boolean declaresInterruptedException(MethodTree method, VisitorState state) {
    Type interrupted = interruptedExceptionType(state);
    return method.getThrows().stream()
        .map(t -> getType(t))
        .anyMatch(t -> t != null && !t.hasTag(TypeTag.TYPEVAR) && isSubtype(interrupted, t, state));
  }

  /** True if a call declares that it throws {@link InterruptedException} (a blocking call). */
  public static boolean throwsInterruptedException(MethodInvocationTree call, VisitorState state) {
    Type methodType = getType(call.getMethodSelect());
    if (methodType == null) {
      return false;
    }
    // A loop, not a stream: this runs on every call the checks look at, and almost every call
    // declares nothing.
    Type interrupted = interruptedExceptionType(state);
    for (Type thrown : methodType.getThrownTypes()) {
      if (isSubtype(thrown, interrupted, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code Thread.currentThread().interrupt()}, also through a local that holds the current thread
   * ({@link CurrentThreadLocals}: {@code thread.interrupt()} after {@code final Thread thread =
   * Thread.currentThread();}), or a thread's own {@code interrupt()} in its {@code run()} ({@link
   * ThreadSelfInterrupts}).
   */
  public static boolean isCurrentThreadInterrupt(ExpressionTree tree, VisitorState state) {
    if (!(stripParentheses(tree) instanceof MethodInvocationTree call)
        || !Expressions.isResolved(call)
        || !ThreadCalls.INTERRUPT.matches(call, state)) {
      return false;
    }
    @Nullable ExpressionTree receiver = com.google.errorprone.util.ASTHelpers.getReceiver(call);
    return (receiver != null
            && (ThreadCalls.CURRENT_THREAD.matches(stripParentheses(receiver), state)
                || CurrentThreadLocals.holdsTheCurrentThread(receiver, state)))
        || ThreadSelfInterrupts.interruptsItsOwnThread(call, state);
  }

  /**
   * True if the call restores the flag by itself: {@code Thread.currentThread().interrupt()}; a
   * helper (method or constructor) that {@link CancelGuardOptions#isInterruptRestorer} knows; or a
   * helper declared in another file or jar that is handed an exception that may be an interrupt and
   * restores it by its own code ({@link RestoringHelpers}).
   */
  public static boolean isRestoringCall(
      ExpressionTree tree, VisitorState state, CancelGuardOptions options) {
    return isRestoringCall(tree, state, options, value -> mayBeInterruptedException(value, state));
  }

  /**
   * {@link #isRestoringCall(ExpressionTree, VisitorState, CancelGuardOptions)}, where {@code
   * carriesTheInterrupt} says which arguments hold the interrupt being handled (the caught
   * exception): a helper of another file or jar counts only when it is handed one of them.
   */
  public static boolean isRestoringCall(
      ExpressionTree tree,
      VisitorState state,
      CancelGuardOptions options,
      Predicate<ExpressionTree> carriesTheInterrupt) {
    ExpressionTree stripped = stripParentheses(tree);
    // `new InterruptException(e)` whose constructor restores the flag (models, annotations).
    if (stripped instanceof NewClassTree creation) {
      if (!Expressions.isResolved(creation)
          || !(getSymbol(creation) instanceof MethodSymbol constructor)) {
        return false;
      }
      return options.isInterruptRestorer(constructor)
          || restoresWhatItIsHanded(
              constructor, creation.getArguments(), state, carriesTheInterrupt);
    }
    if (!(stripped instanceof MethodInvocationTree call) || !Expressions.isResolved(call)) {
      return false;
    }
    if (isCurrentThreadInterrupt(call, state)) {
      return true;
    }
    Symbol symbol = getSymbol(call);
    return symbol != null
        && (options.isInterruptRestorer(symbol)
            || (symbol instanceof MethodSymbol method
                && (restoresWhatItIsHanded(method, call.getArguments(), state, carriesTheInterrupt)
                    || RestoringHelpers.restoresAtOnce(method, state))));
  }

  /**
   * A helper of another file or jar, handed the interrupt, that restores it by its own code. Same-
   * file helpers are not asked here: the path walk follows their bodies path by path.
   */
  private static boolean restoresWhatItIsHanded(
      MethodSymbol method,
      List<? extends ExpressionTree> arguments,
      VisitorState state,
      Predicate<ExpressionTree> carriesTheInterrupt) {
    boolean handed = false;
    for (int i = 0; i < arguments.size() && !handed; i++) {
      handed =
          carriesTheInterrupt.test(arguments.get(i))
              && RestoringHelpers.takesAnExceptionAt(method, i, state);
    }
    return handed
        && !SameFile.isDeclaredIn(method, state.getPath().getCompilationUnit())
        && RestoringHelpers.restoresByItsOwnCode(method, state);
  }

  /**
   * True if the expression may hold an {@link InterruptedException}: its static type is one, a
   * subclass, or a supertype ({@code Exception}, {@code Throwable}).
   */
  public static boolean mayBeInterruptedException(ExpressionTree tree, VisitorState state) {
    Type type = getType(tree);
    Type interrupted = interruptedExceptionType(state);
    return type != null
        && (isSubtype(type, interrupted, state) || isSubtype(interrupted, type, state));
  }

  /** {@code System.exit}, {@code Runtime.halt}: nobody is left to tell. */
  public static boolean isProcessExit(ExpressionTree tree, VisitorState state) {
    return stripParentheses(tree) instanceof MethodInvocationTree call
        && Expressions.isResolved(call)
        && ThreadCalls.PROCESS_EXIT.matches(call, state);
  }

  /** True if the expression's static type is {@link InterruptedException} or a subclass. */
  public static boolean isInterruptedExceptionValue(ExpressionTree tree, VisitorState state) {
    Type type = getType(tree);
    return type != null && isSubtype(type, interruptedExceptionType(state), state);
  }
}
