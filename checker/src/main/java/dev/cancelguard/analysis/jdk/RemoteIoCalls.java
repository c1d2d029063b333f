package dev.cancelguard.analysis.jdk;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.predicates.TypePredicate;
import com.sun.source.tree.ExpressionTree;
import dev.cancelguard.analysis.trees.CallNames;
import dev.cancelguard.analysis.trees.Supertypes;

/**
 * The JDK's I/O that waits on a remote peer, named once: sockets, URL connections, the HTTP client,
 * socket channels, name lookups, JDBC; and the calls that bound such a wait with a timeout.
 */
public final class RemoteIoCalls {
  /** Socket channel I/O: it waits on the peer unless the channel is in non-blocking mode. */
  public static final Matcher<ExpressionTree> CHANNEL_IO =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.nio.channels.SocketChannel"))
              .namedAnyOf("connect", "finishConnect", "read", "write"),
          "connect",
          "finishConnect",
          "read",
          "write");

  /** {@code channel.configureBlocking(..)}: puts a channel in or out of non-blocking mode. */
  public static final Matcher<ExpressionTree> CONFIGURE_BLOCKING =
      CallNames.namedFirst(
          instanceMethod()
              .onClass(Supertypes.descendantOf("java.nio.channels.SelectableChannel"))
              .named("configureBlocking"),
          "configureBlocking");

  /** Calls that wait on a remote peer: connect, request, read a socket, run a query. */
  public static final Matcher<ExpressionTree> REMOTE_CALL =
      CallNames.namedFirst(
          anyOf(
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.net.Socket"))
                  .namedAnyOf("connect", "getInputStream", "getOutputStream"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.net.URL"))
                  .namedAnyOf("openStream", "openConnection", "getContent"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.net.URLConnection"))
                  .namedAnyOf("connect", "getInputStream", "getOutputStream", "getContent"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.net.HttpURLConnection"))
                  .namedAnyOf("getResponseCode", "getResponseMessage"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.net.http.HttpClient"))
                  .namedAnyOf("send", "sendAsync"),
              CHANNEL_IO,
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.net.DatagramSocket"))
                  .namedAnyOf("receive", "send"),
              staticMethod()
                  .onClass("java.net.InetAddress")
                  .namedAnyOf("getByName", "getAllByName"),
              staticMethod().onClass("java.sql.DriverManager").named("getConnection"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("javax.sql.DataSource"))
                  .named("getConnection"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.sql.Statement"))
                  .namedAnyOf(
                      "execute",
                      "executeQuery",
                      "executeUpdate",
                      "executeBatch",
                      "executeLargeUpdate",
                      "executeLargeBatch")),
          "connect",
          "getInputStream",
          "getOutputStream",
          "openStream",
          "openConnection",
          "getContent",
          "getResponseCode",
          "getResponseMessage",
          "send",
          "sendAsync",
          "finishConnect",
          "read",
          "write",
          "receive",
          "getByName",
          "getAllByName",
          "getConnection",
          "execute",
          "executeQuery",
          "executeUpdate",
          "executeBatch",
          "executeLargeUpdate",
          "executeLargeBatch");

  /** {@code new Socket(host, port)} connects at once. */
  public static final Matcher<ExpressionTree> CONNECTING_SOCKET =
      CallNames.namedFirst(constructor().forClass("java.net.Socket"), CallNames.CONSTRUCTOR);

  /** Calls that bound a remote call's wait. */
  public static final Matcher<ExpressionTree> TIMEOUT_SETTING =
      CallNames.namedFirst(
          anyOf(
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.net.http.HttpRequest.Builder"))
                  .named("timeout"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.net.Socket"))
                  .named("setSoTimeout"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.net.DatagramSocket"))
                  .named("setSoTimeout"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.net.URLConnection"))
                  .named("setReadTimeout"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.sql.Statement"))
                  .named("setQueryTimeout"),
              instanceMethod()
                  .onClass(Supertypes.descendantOf("java.sql.Connection"))
                  .named("setNetworkTimeout")),
          "timeout",
          "setSoTimeout",
          "setReadTimeout",
          "setQueryTimeout",
          "setNetworkTimeout");

  /** The types whose values carry a timeout: a variable of one is followed to its values. */
  public static final TypePredicate CONFIGURABLE =
      Supertypes.descendantOf(
          "java.net.http.HttpRequest",
          "java.net.http.HttpRequest.Builder",
          "java.net.Socket",
          "java.net.DatagramSocket",
          "java.net.URLConnection",
          "java.sql.Statement",
          "java.sql.Connection");

  private RemoteIoCalls() {}
}
