package dev.cancelguard.analysis.jdk;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.Supertypes;

/**
 * The JDK's interruptible channels ({@code java.nio.channels.InterruptibleChannel}), named once:
 * I/O on one closes the channel and throws {@code ClosedByInterruptException} when the thread is
 * interrupted.
 */
public final class ChannelCalls {
  /** The names of {@link #INTERRUPTIBLE_CHANNEL_IO}'s methods, for calls read from class files. */
  public static final ImmutableSet<String> INTERRUPTIBLE_IO_NAMES =
      ImmutableSet.of(
          "read",
          "write",
          "transferTo",
          "transferFrom",
          "force",
          "lock",
          "connect",
          "finishConnect",
          "accept",
          "receive",
          "send",
          "position",
          "size",
          "truncate");

  /**
   * I/O on an {@link java.nio.channels.InterruptibleChannel} ({@code FileChannel}, {@code
   * SocketChannel}, ...): when the thread is interrupted the channel is closed and the call ends
   * with {@code ClosedByInterruptException}.
   */
  public static final Matcher<ExpressionTree> INTERRUPTIBLE_CHANNEL_IO =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.nio.channels.InterruptibleChannel"))
              .namedAnyOf(INTERRUPTIBLE_IO_NAMES),
          INTERRUPTIBLE_IO_NAMES);

  /**
   * {@code Selector.select(..)}: returns at once when the thread is interrupted, and keeps
   * returning at once while the flag stays set (it clears nothing).
   */
  public static final Matcher<ExpressionTree> SELECT =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.nio.channels.Selector"))
              .named("select"),
          "select");

  /**
   * The blocking calls an interrupt ends on the NIO side: {@link #INTERRUPTIBLE_CHANNEL_IO}, and
   * {@link #SELECT}.
   */
  public static final Matcher<ExpressionTree> INTERRUPTIBLE_CHANNEL_CALL =
      anyOf(INTERRUPTIBLE_CHANNEL_IO, SELECT);

  private ChannelCalls() {}
}
