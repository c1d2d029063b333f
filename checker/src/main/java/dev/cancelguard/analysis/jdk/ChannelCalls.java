package dev.cancelguard.analysis.jdk;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;

/**
 * The JDK's interruptible channels ({@code java.nio.channels.InterruptibleChannel}), named once:
 * I/O on one closes the channel and throws {@code ClosedByInterruptException} when the thread is
 * interrupted.
 */
public final class ChannelCalls {
  /** Operations of an interruptible channel that close it on interrupt. */
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
   * Blocking calls on an {@link java.nio.channels.InterruptibleChannel}: an interrupt closes the
   * channel and ends the call with {@code ClosedByInterruptException}. {@code Selector.select()}
   * returns at once when the thread is interrupted.
   */
  public static final Matcher<ExpressionTree> INTERRUPTIBLE_CHANNEL_CALL =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.nio.channels.InterruptibleChannel")
              .namedAnyOf(
                  "read",
                  "write",
                  "accept",
                  "receive",
                  "send",
                  "connect",
                  "finishConnect",
                  "transferTo",
                  "transferFrom",
                  "lock"),
          instanceMethod().onDescendantOf("java.nio.channels.Selector").named("select"));

  private ChannelCalls() {}
}
