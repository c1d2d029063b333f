package dev.cancelguard.analysis.interrupts;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.Locale;

/**
 * Calls that end a component's life or wait for it, whose code cannot be read: {@code
 * connector.stop()} through a {@code LifeCycle} interface of a jar, {@code resource.close()}
 * through {@code AutoCloseable}. What such a call runs is anybody's code, and a stop or close
 * commonly waits for the component's threads ({@code ExecutorService.close()}, a server's {@code
 * stop()} joining its acceptors): with the interrupt flag set that wait throws at once and the rest
 * of the shutdown is skipped. Where the code is not seen, such a call is taken to fail when
 * interrupted.
 *
 * <p>The rule, by the JDK's contracts rather than any library's names: the called method is named
 * like a lifecycle end ({@code close}, {@code stop}, {@code shutdown}, {@code terminate}, {@code
 * destroy}, each alone or followed by a capitalised word) or like a wait for one ({@code join},
 * {@code await*}); it is abstract (an interface method or an abstract method) whose implementations
 * among the classes of this compilation are not followed (declared outside it, or too many). Not
 * taken: the waits the JDK documents as uninterruptible ({@code awaitUninterruptibly}), the JDK's
 * stops documented not to wait ({@code ExecutorService.shutdown()} and {@code shutdownNow()},
 * {@code Process.destroy()} and {@code destroyForcibly()}), and the {@code close()} of the JDK's
 * I/O and JDBC types ({@code java.io}, {@code java.nio}, {@code java.net}, {@code java.sql}, {@code
 * javax.sql}), whose contract is to release the resource at once. Nor {@code dispose}: the reactive
 * libraries' {@code Disposable} contract, where the name is at home, is a cancel that returns at
 * once and is routinely called from the very threads it concerns.
 */
public final class UnseenLifecycleCalls {
  private static final ImmutableSet<String> END_PREFIXES =
      ImmutableSet.of("close", "stop", "shutdown", "terminate", "destroy");

  /**
   * JDK packages whose types' {@code close()} releases a resource at once and waits for nothing.
   */
  private static final ImmutableSet<String> RELEASING_PACKAGES =
      ImmutableSet.of("java.io", "java.nio", "java.net", "java.sql", "javax.sql");

  private UnseenLifecycleCalls() {}

  /** True if a call of {@code method} is taken to fail when interrupted (the rule above). */
  public static boolean mayWait(MethodSymbol method, VisitorState state) {
    if ((method.flags() & Flags.ABSTRACT) == 0
        || method.isStatic()
        || !isLifecycleName(method.getSimpleName().toString())
        || CompiledImplementations.isFollowed(method, state)) {
      return false;
    }
    String name = method.getSimpleName().toString();
    if (!(method.owner instanceof ClassSymbol owner)) {
      return false;
    }
    String ownerName = owner.getQualifiedName().toString();
    if (ownerName.equals("java.util.concurrent.ExecutorService")
        && (name.equals("shutdown") || name.equals("shutdownNow"))) {
      return false; // documented: "does not wait"
    }
    if (ownerName.equals("java.lang.Process") && name.startsWith("destroy")) {
      return false; // documented: requests the process's end and returns
    }
    String pkg = owner.packge().getQualifiedName().toString();
    boolean releasing =
        RELEASING_PACKAGES.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
    return !(releasing && name.equals("close"));
  }

  /** A lifecycle end or a wait for one, not an uninterruptible wait. */
  public static boolean isLifecycleName(String name) {
    if (name.equals("join")) {
      return true;
    }
    if (name.startsWith("await")) {
      return !name.toLowerCase(Locale.ROOT).contains("uninterruptibl");
    }
    for (String prefix : END_PREFIXES) {
      if (name.startsWith(prefix)
          && (name.length() == prefix.length()
              || Character.isUpperCase(name.charAt(prefix.length())))) {
        return true;
      }
    }
    return false;
  }
}
