package dev.cancelguard.analysis.tasks;

import static com.google.errorprone.util.ASTHelpers.constValue;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;
import static dev.cancelguard.analysis.trees.Symbols.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import dev.cancelguard.analysis.jdk.RemoteIoCalls;
import dev.cancelguard.analysis.trees.Expressions;
import dev.cancelguard.analysis.trees.HelperChain;
import dev.cancelguard.analysis.trees.SameFile;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which calls talk to another machine (the JDK's network and JDBC APIs), which calls bound them
 * with a timeout, and what a task's code does, followed into the same file's helpers.
 */
public final class RemoteCalls {

  private RemoteCalls() {}

  /** What a task's code does on the network: its first remote call, and whether any is bounded. */
  public record Scan(@Nullable Tree remoteCall, boolean timeoutSet) {
    /** A remote call, and nothing in the task's code bounds it. */
    public boolean unbounded() {
      return remoteCall != null && !timeoutSet;
    }
  }

  /** True if the call waits on a remote peer (JDK network or JDBC API). */
  public static boolean isRemoteCall(Tree tree, VisitorState state) {
    if (tree instanceof NewClassTree newClass) {
      return RemoteIoCalls.CONNECTING_SOCKET.matches(newClass, state)
          && !newClass.getArguments().isEmpty();
    }
    return tree instanceof MethodInvocationTree call
        && RemoteIoCalls.REMOTE_CALL.matches(call, state)
        && !(RemoteIoCalls.CHANNEL_IO.matches(call, state) && isOnNonBlockingChannel(call, state));
  }

  /**
   * True if the call's receiver is a variable (a local or field) that this file puts in
   * non-blocking mode with {@code configureBlocking(false)} and never with anything else: its reads
   * and writes return at once when the peer is silent, and its connect only starts.
   */
  private static boolean isOnNonBlockingChannel(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = getReceiver(call);
    if (receiver == null || !(getSymbol(stripParentheses(receiver)) instanceof VarSymbol channel)) {
      return false;
    }
    boolean[] nonBlocking = new boolean[1];
    boolean[] otherwise = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        // Resolved first: getSymbol of a call javac could not resolve throws.
        ExpressionTree target = getReceiver(node);
        if (target != null
            && node.getArguments().size() == 1
            && Expressions.isResolved(node)
            && (!(stripParentheses(target) instanceof MethodInvocationTree receiverCall)
                || Expressions.isResolved(receiverCall))
            && channel.equals(getSymbol(stripParentheses(target)))
            && RemoteIoCalls.CONFIGURE_BLOCKING.matches(node, state)) {
          if (Boolean.FALSE.equals(constValue(node.getArguments().getFirst()))) {
            nonBlocking[0] = true;
          } else {
            otherwise[0] = true; // blocking again, or a mode known only at run time
          }
        }
        return super.visitMethodInvocation(node, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return nonBlocking[0] && !otherwise[0];
  }

  /** True if the call bounds a remote call with a timeout. */
  public static boolean isTimeoutSetting(Tree tree, VisitorState state) {
    return tree instanceof MethodInvocationTree call
        && RemoteIoCalls.TIMEOUT_SETTING.matches(call, state);
  }

  /**
   * Scans the code a task runs — a lambda, a method reference to a method of this file, an
   * anonymous class, an instance of a class of this file — and the same file's methods it calls,
   * for remote calls and timeout settings. The values of the variables it reads (a request built
   * with {@code .timeout(..)} in a field) count too. An unknown task scans as nothing.
   */
  public static Scan scanTask(ExpressionTree task, VisitorState state) {
    Tree code = codeOf(stripParentheses(task), state);
    return code == null ? new Scan(null, false) : scanCode(code, state);
  }

  /** Scans a piece of code (and what it calls in the same file) as {@link #scanTask} does. */
  public static Scan scanCode(Tree code, VisitorState state) {
    Scanner scanner = new Scanner(state);
    scanner.scanWithin(code, HelperChain.start());
    return new Scan(scanner.remoteCall, scanner.timeoutSet);
  }

  private static @Nullable Tree codeOf(ExpressionTree task, VisitorState state) {
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    return switch (task) {
      case LambdaExpressionTree lambda -> lambda.getBody();
      case MemberReferenceTree reference ->
          getSymbol(reference) instanceof MethodSymbol method
              ? SameFile.findMethod(unit, method, state)
              : null;
      case NewClassTree newClass when newClass.getClassBody() != null -> newClass.getClassBody();
      case NewClassTree newClass ->
          getSymbol(newClass.getIdentifier()) instanceof ClassSymbol type
              ? SameFile.findClass(unit, type, state)
              : null;
      default -> null;
    };
  }

  /** Scans code and, through {@link HelperChain}, the same-file helpers it calls at any depth. */
  private static final class Scanner extends TreeScanner<Void, HelperChain> {
    private final VisitorState state;
    private final Set<Symbol> followed = new HashSet<>();
    private @Nullable Tree remoteCall;
    private boolean timeoutSet;

    Scanner(VisitorState state) {
      this.state = state;
    }

    void scanWithin(Tree code, HelperChain chain) {
      scan(code, chain);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, HelperChain chain) {
      note(call);
      if (getSymbol(call) instanceof MethodSymbol method
          && isInThisFile(method, state)
          && followed.add(method)) {
        HelperChain inner = chain.enter(method);
        MethodTree helper =
            SameFile.findMethod(state.getPath().getCompilationUnit(), method, state);
        if (inner != null && helper != null && helper.getBody() != null) {
          scan(helper.getBody(), inner);
        }
      }
      return super.visitMethodInvocation(call, chain);
    }

    @Override
    public Void visitNewClass(NewClassTree newClass, HelperChain chain) {
      note(newClass);
      return super.visitNewClass(newClass, chain);
    }

    @Override
    public Void visitIdentifier(IdentifierTree identifier, HelperChain chain) {
      noteValuesOf(identifier);
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree select, HelperChain chain) {
      noteValuesOf(select);
      return super.visitMemberSelect(select, chain);
    }

    private void note(Tree call) {
      if (remoteCall == null && isRemoteCall(call, state)) {
        remoteCall = call;
      }
      timeoutSet |= isTimeoutSetting(call, state);
    }

    /**
     * A request, socket, connection or statement read by the task: was it built with a timeout
     * ({@code .timeout(..)}, {@code setSoTimeout(..)})?
     */
    private void noteValuesOf(ExpressionTree reference) {
      if (timeoutSet
          || !(getSymbol(reference) instanceof VarSymbol variable)
          || !RemoteIoCalls.CONFIGURABLE.apply(variable.type, state)
          || !followed.add(variable)) {
        return;
      }
      for (ExpressionTree value : FutureValues.possibleValues(reference, state)) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            timeoutSet |= isTimeoutSetting(call, state);
            return super.visitMethodInvocation(call, null);
          }
        }.scan(value, null);
      }
    }
  }

  /** True if the method is declared in the compilation unit being checked. */
  private static boolean isInThisFile(MethodSymbol method, VisitorState state) {
    return SameFile.isDeclaredIn(method, state.getPath().getCompilationUnit());
  }
}
