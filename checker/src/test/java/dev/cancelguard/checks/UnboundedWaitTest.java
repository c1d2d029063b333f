package dev.cancelguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class UnboundedWaitTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnboundedWait.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(UnboundedWait.class, getClass());

  // ---------------------------------------------------------------- must flag

  @Test
  void positive_futureOfAnHttpRequestWithoutTimeout() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URI;
            import java.net.http.*;
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool, HttpClient client, URI uri) throws Exception {
                Future<HttpResponse<String>> response =
                    pool.submit(
                        () ->
                            client.send(
                                HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.ofString()));
                // BUG: Diagnostic contains: get() waits with no timeout for work that does remote I/O (HttpClient.send at line 9)
                return response.get().body();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_submittedInlineThroughASameFileHelper() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.*;
            import java.net.URL;
            import java.util.concurrent.*;
            class Test {
              byte[] download(ExecutorService pool, URL url) throws Exception {
                // BUG: Diagnostic contains: URL.openStream at line 10
                return pool.submit(() -> fetch(url)).get();
              }
              private static byte[] fetch(URL url) throws IOException {
                try (InputStream in = url.openStream()) {
                  return in.readAllBytes();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_supplyAsyncJoinedThroughAChain() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.*;
            import java.net.*;
            import java.util.concurrent.*;
            class Test {
              int status(Executor pool, URL url) {
                return CompletableFuture.supplyAsync(() -> code(url), pool)
                    .thenApply(c -> c / 100)
                    // BUG: Diagnostic contains: join() waits with no timeout
                    .join();
              }
              private static int code(URL url) {
                try {
                  return ((HttpURLConnection) url.openConnection()).getResponseCode();
                } catch (IOException e) {
                  return -1;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadJoin() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.*;
            import java.net.Socket;
            class Test {
              void mirror(Socket upstream, OutputStream out) throws Exception {
                Thread copier =
                    new Thread(
                        () -> {
                          try {
                            upstream.getInputStream().transferTo(out);
                          } catch (IOException e) {
                            System.err.println(e);
                          }
                        });
                copier.start();
                // BUG: Diagnostic contains: join() waits with no timeout for work that does remote I/O (Socket.getInputStream
                copier.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_virtualThreadBuilder() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.InetAddress;
            class Test {
              void resolve(String host) throws Exception {
                Thread lookup =
                    Thread.ofVirtual()
                        .start(
                            () -> {
                              try {
                                System.out.println(InetAddress.getByName(host));
                              } catch (Exception e) {
                                System.err.println(e);
                              }
                            });
                // BUG: Diagnostic contains: InetAddress.getByName
                lookup.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadSubclassOfThisFile() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.sql.*;
            class Test {
              static final class Poller extends Thread {
                private final Connection db;
                Poller(Connection db) {
                  this.db = db;
                }
                @Override
                public void run() {
                  try (Statement s = db.createStatement()) {
                    s.executeQuery("select 1");
                  } catch (SQLException e) {
                    System.err.println(e);
                  }
                }
              }
              void once(Connection db) throws InterruptedException {
                Thread poller = new Poller(db);
                poller.start();
                // BUG: Diagnostic contains: Statement.executeQuery
                poller.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_latchCountedDownByANetworkTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URI;
            import java.net.http.*;
            import java.util.concurrent.*;
            class Test {
              void warm(ExecutorService pool, HttpClient client, URI uri) throws Exception {
                CountDownLatch done = new CountDownLatch(1);
                pool.execute(
                    () -> {
                      try {
                        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
                      } catch (Exception e) {
                        System.err.println(e);
                      } finally {
                        done.countDown();
                      }
                    });
                // BUG: Diagnostic contains: await() waits with no timeout
                done.await();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_methodReferenceTaskWithJdbc() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.sql.*;
            import java.util.concurrent.*;
            class Test {
              private final String url = "jdbc:h2:mem:";
              int count(ExecutorService pool) throws Exception {
                Future<Integer> rows = pool.submit(this::countRows);
                // BUG: Diagnostic contains: DriverManager.getConnection
                return rows.get();
              }
              private int countRows() throws SQLException {
                try (Connection c = DriverManager.getConnection(url)) {
                  return 1;
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_anonymousCallableReceivingDatagrams() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.*;
            import java.util.concurrent.*;
            class Test {
              byte[] listen(ExecutorService pool, DatagramSocket socket) throws Exception {
                Future<byte[]> packet =
                    pool.submit(
                        new Callable<byte[]>() {
                          @Override
                          public byte[] call() throws Exception {
                            DatagramPacket p = new DatagramPacket(new byte[512], 512);
                            socket.receive(p);
                            return p.getData();
                          }
                        });
                // BUG: Diagnostic contains: DatagramSocket.receive
                return packet.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_socketChannelRead() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.nio.ByteBuffer;
            import java.nio.channels.SocketChannel;
            import java.util.concurrent.*;
            class Test {
              int read(ExecutorService pool, SocketChannel channel) throws Exception {
                Future<Integer> n = pool.submit(() -> channel.read(ByteBuffer.allocate(64)));
                // BUG: Diagnostic contains: SocketChannel.read
                return n.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_connectingSocketConstructor() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.Socket;
            import java.util.concurrent.*;
            class Test {
              Socket open(ExecutorService pool, String host) throws Exception {
                Future<Socket> socket = pool.submit(() -> new Socket(host, 443));
                // BUG: Diagnostic contains: new Socket
                return socket.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_waitInALoopOverDownloads() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.*;
            import java.net.URL;
            import java.util.*;
            import java.util.concurrent.*;
            class Test {
              List<byte[]> all(ExecutorService pool, List<URL> urls) throws Exception {
                List<byte[]> pages = new ArrayList<>();
                for (URL url : urls) {
                  Future<byte[]> page = pool.submit(() -> url.openStream().readAllBytes());
                  // BUG: Diagnostic contains: UnboundedWait
                  pages.add(page.get());
                }
                return pages;
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_threadInAField() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.*;
            class Test {
              private final URL feed;
              private final Thread poller = new Thread(this::poll);
              Test(URL feed) {
                this.feed = feed;
                poller.start();
              }
              private void poll() {
                try {
                  feed.openConnection().connect();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
              void close() throws InterruptedException {
                // BUG: Diagnostic contains: URLConnection.connect
                poller.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_helperTwoCallsDeep() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URL;
            import java.util.concurrent.*;
            class Test {
              Object load(ExecutorService pool, URL url) throws Exception {
                Future<Object> value = pool.submit(() -> parse(url));
                // BUG: Diagnostic contains: URL.getContent
                return value.get();
              }
              private Object parse(URL url) throws Exception {
                return read(url);
              }
              private Object read(URL url) throws Exception {
                return url.getContent();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_timeoutSetOnlyOutsideTheTask() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.*;
            import java.util.concurrent.*;
            class Test {
              void tune(Socket control) throws SocketException {
                control.setSoTimeout(1000); // another socket, not the task's
              }
              byte[] fetch(ExecutorService pool, URL data) throws Exception {
                Future<byte[]> bytes = pool.submit(() -> data.openStream().readAllBytes());
                // BUG: Diagnostic contains: UnboundedWait
                return bytes.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_recordVarAndSwitchExpression() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URL;
            import java.util.concurrent.*;
            record Fetcher(ExecutorService pool, int mode) {
              int size(URL url) throws Exception {
                var bytes = pool.submit(() -> url.openStream().readAllBytes());
                return switch (mode) {
                  // BUG: Diagnostic contains: UnboundedWait
                  case 0 -> bytes.get().length;
                  default -> 0;
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_sendAsyncFutureOfARequestWithoutTimeout() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URI;
            import java.net.http.*;
            import java.util.concurrent.*;
            class Test {
              String fetch(HttpClient client, URI uri) throws Exception {
                CompletableFuture<HttpResponse<String>> reply =
                    client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                // BUG: Diagnostic contains: HttpClient.sendAsync
                return reply.get().body();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- must not flag

  @Test
  void negative_waitWithADeadline() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URL;
            import java.util.concurrent.*;
            class Test {
              byte[] fetch(ExecutorService pool, URL url) throws Exception {
                Future<byte[]> bytes = pool.submit(() -> url.openStream().readAllBytes());
                try {
                  return bytes.get(10, TimeUnit.SECONDS);
                } finally {
                  bytes.cancel(true);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_cpuWorkOnly() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              long sum(ExecutorService pool, long[] values) throws Exception {
                Future<Long> total = pool.submit(() -> java.util.Arrays.stream(values).sum());
                return total.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_requestWithATimeout() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URI;
            import java.net.http.*;
            import java.time.Duration;
            import java.util.concurrent.*;
            class Test {
              String fetch(ExecutorService pool, HttpClient client, URI uri) throws Exception {
                Future<HttpResponse<String>> response =
                    pool.submit(
                        () ->
                            client.send(
                                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.ofString()));
                return response.get().body();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_requestBuiltWithATimeoutInAField() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URI;
            import java.net.http.*;
            import java.time.Duration;
            import java.util.concurrent.*;
            class Test {
              private final HttpRequest health =
                  HttpRequest.newBuilder(URI.create("https://example.com/health"))
                      .timeout(Duration.ofSeconds(2))
                      .build();
              int check(ExecutorService pool, HttpClient client) throws Exception {
                Future<HttpResponse<Void>> reply =
                    pool.submit(() -> client.send(health, HttpResponse.BodyHandlers.discarding()));
                return reply.get().statusCode();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_socketWithReadTimeout() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.*;
            import java.util.concurrent.*;
            class Test {
              int firstByte(ExecutorService pool, Socket socket) throws Exception {
                Future<Integer> b =
                    pool.submit(
                        () -> {
                          socket.setSoTimeout(5000);
                          return socket.getInputStream().read();
                        });
                return b.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_readTimeoutSetInTheHelper() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.*;
            import java.util.concurrent.*;
            class Test {
              byte[] fetch(ExecutorService pool, URL url) throws Exception {
                return pool.submit(() -> read(url)).get();
              }
              private static byte[] read(URL url) throws Exception {
                URLConnection connection = url.openConnection();
                connection.setConnectTimeout(2000);
                connection.setReadTimeout(5000);
                return connection.getInputStream().readAllBytes();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_queryTimeout() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.sql.*;
            import java.util.concurrent.*;
            class Test {
              boolean ping(ExecutorService pool, Connection db) throws Exception {
                Future<Boolean> ok =
                    pool.submit(
                        () -> {
                          try (Statement s = db.createStatement()) {
                            s.setQueryTimeout(3);
                            return s.execute("select 1");
                          }
                        });
                return ok.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureHandedIn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              String await(Future<String> reply) throws Exception {
                return reply.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_futureFromAnotherApi() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              interface Client {
                CompletableFuture<String> call(String request);
              }
              String fetch(Client client) throws Exception {
                CompletableFuture<String> reply = client.call("status");
                return reply.get(); // someone else's future: its work is not in this file
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_sendAsyncWithARequestTimeout() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URI;
            import java.net.http.*;
            import java.time.Duration;
            import java.util.concurrent.*;
            class Test {
              String fetch(HttpClient client, URI uri) throws Exception {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build();
                CompletableFuture<HttpResponse<String>> reply =
                    client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
                return reply.get().body();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_latchCountedDownByLocalWork() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void warm(ExecutorService pool, Runnable load) throws Exception {
                CountDownLatch done = new CountDownLatch(1);
                pool.execute(
                    () -> {
                      try {
                        load.run();
                      } finally {
                        done.countDown();
                      }
                    });
                done.await();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_readOnAChannelSetNonBlocking() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            import java.nio.ByteBuffer;
            import java.nio.channels.SocketChannel;
            import java.util.concurrent.*;
            class Transport {
              private SocketChannel channel;
              private final ByteBuffer input = ByteBuffer.allocate(1024);
              private final CountDownLatch initialized = new CountDownLatch(1);

              void initializeStreams(Socket socket) throws IOException {
                channel = socket.getChannel();
                channel.configureBlocking(false);
              }

              void onSelect(Executor executor) throws InterruptedException {
                executor.execute(() -> {
                  serviceRead();
                  initialized.countDown();
                });
                initialized.await();
              }

              void serviceRead() {
                try {
                  secureRead();
                } catch (IOException e) {
                  System.err.println(e);
                }
              }

              private synchronized int secureRead() throws IOException {
                return channel.read(input);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_localChannelSetNonBlocking() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.InetSocketAddress;
            import java.nio.ByteBuffer;
            import java.nio.channels.SocketChannel;
            import java.util.concurrent.*;
            class Test {
              int poll(ExecutorService pool, InetSocketAddress peer) throws Exception {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                Future<Boolean> connected = pool.submit(() -> ch.connect(peer));
                connected.get();
                Future<Integer> n = pool.submit(() -> ch.read(ByteBuffer.allocate(64)));
                return n.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_readOnAChannelNeverSetNonBlocking() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            import java.nio.ByteBuffer;
            import java.nio.channels.SocketChannel;
            import java.util.concurrent.*;
            class Transport {
              private SocketChannel channel;
              private SocketChannel other;
              private final ByteBuffer input = ByteBuffer.allocate(1024);
              private final CountDownLatch initialized = new CountDownLatch(1);

              void initializeStreams(Socket socket) throws IOException {
                channel = socket.getChannel();
                other.configureBlocking(false);
              }

              void onSelect(Executor executor) throws InterruptedException {
                executor.execute(() -> {
                  serviceRead();
                  initialized.countDown();
                });
                // BUG: Diagnostic contains: SocketChannel.read
                initialized.await();
              }

              void serviceRead() {
                try {
                  channel.read(input);
                } catch (IOException e) {
                  System.err.println(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_channelSetBackToBlocking() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.io.IOException;
            import java.nio.ByteBuffer;
            import java.nio.channels.SocketChannel;
            import java.util.concurrent.*;
            class Transport {
              private SocketChannel channel;
              private final ByteBuffer input = ByteBuffer.allocate(1024);

              void select() throws IOException {
                channel.configureBlocking(false);
              }

              void handOff() throws IOException {
                channel.configureBlocking(true);
              }

              int read(ExecutorService pool) throws Exception {
                Future<Integer> n = pool.submit(() -> channel.read(input));
                // BUG: Diagnostic contains: SocketChannel.read
                return n.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_channelBlockingModeComputed() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.nio.ByteBuffer;
            import java.nio.channels.SocketChannel;
            import java.util.concurrent.*;
            class Test {
              int read(ExecutorService pool, SocketChannel ch, boolean async) throws Exception {
                ch.configureBlocking(false);
                ch.configureBlocking(async);
                Future<Integer> n = pool.submit(() -> ch.read(ByteBuffer.allocate(64)));
                // BUG: Diagnostic contains: SocketChannel.read
                return n.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_latchHandedIn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              void ready(CountDownLatch started) throws InterruptedException {
                started.await();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_threadHandedIn() {
    helper
        .addSourceLines(
            "Test.java",
            """
            class Test {
              void stop(Thread worker) throws InterruptedException {
                worker.interrupt();
                worker.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_taskOfAnotherFile() {
    helper
        .addSourceLines(
            "Remote.java",
            """
            import java.net.URL;
            final class Remote {
              static byte[] fetch(URL url) throws Exception {
                return url.openStream().readAllBytes();
              }
            }
            """)
        .addSourceLines(
            "Test.java",
            """
            import java.net.URL;
            import java.util.concurrent.*;
            class Test {
              byte[] load(ExecutorService pool, URL url) throws Exception {
                return pool.submit(() -> Remote.fetch(url)).get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_promiseJoined() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.util.concurrent.*;
            class Test {
              private final CompletableFuture<String> greeting = new CompletableFuture<>();
              String await() {
                return greeting.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_remoteCallInTheWaitingMethodItself() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URL;
            import java.util.concurrent.*;
            class Test {
              int fetchAndCount(ExecutorService pool, URL url) throws Exception {
                byte[] body = url.openStream().readAllBytes();
                Future<Integer> lines = pool.submit(() -> new String(body).split("\\n").length);
                return lines.get();
              }
            }
            """)
        .doTest();
  }

  @Test
  void positive_helpersAtAnyDepth() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URL;
            import java.util.concurrent.*;
            class Test {
              Object load(ExecutorService pool, URL url) throws Exception {
                // BUG: Diagnostic contains: URL.getContent
                return pool.submit(() -> a(url)).get();
              }
              private Object a(URL url) throws Exception {
                return b(url);
              }
              private Object b(URL url) throws Exception {
                return c(url);
              }
              private Object c(URL url) throws Exception {
                return url.getContent();
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_timeoutSetThreeCallsDeepAndRecursiveHelpers() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.*;
            import java.util.concurrent.*;
            class Test {
              byte[] fetch(ExecutorService pool, URL url) throws Exception {
                return pool.submit(() -> read(url)).get();
              }
              private static byte[] read(URL url) throws Exception {
                URLConnection connection = url.openConnection();
                configure(connection);
                return connection.getInputStream().readAllBytes();
              }
              private static void configure(URLConnection connection) {
                limits(connection);
              }
              private static void limits(URLConnection connection) {
                connection.setConnectTimeout(2000);
                connection.setReadTimeout(5000);
              }

              long count(ExecutorService pool, int n) throws Exception {
                return pool.submit(() -> down(n)).get();
              }
              private static long down(int n) {
                return n <= 0 ? 0 : up(n - 1);
              }
              private static long up(int n) {
                return down(n) + 1;
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_timedJoinAndAwait() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.*;
            import java.util.concurrent.*;
            class Test {
              void f(URL url) throws Exception {
                CountDownLatch done = new CountDownLatch(1);
                Thread t =
                    new Thread(
                        () -> {
                          try {
                            url.openStream().close();
                          } catch (Exception e) {
                            System.err.println(e);
                          }
                          done.countDown();
                        });
                t.start();
                done.await(5, TimeUnit.SECONDS);
                t.join(5000);
              }
            }
            """)
        .doTest();
  }

  @Test
  void negative_joinOnItselfInAThreadSubclass() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URL;
            class Test extends Thread {
              private final URL url;
              Test(URL url) {
                this.url = url;
              }
              @Override
              public void run() {
                try {
                  url.openStream().close();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }
              void waitForMe() throws InterruptedException {
                join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppression() {
    helper
        .addSourceLines(
            "Test.java",
            """
            import java.net.URL;
            import java.util.concurrent.*;
            class Test {
              @SuppressWarnings("UnboundedWait")
              byte[] fetch(ExecutorService pool, URL url) throws Exception {
                return pool.submit(() -> url.openStream().readAllBytes()).get();
              }
            }
            """)
        .doTest();
  }

  // ---------------------------------------------------------------- fixes

  @Test
  void fix_noneOffered() {
    // A deadline needs a TimeoutException path that cancels the task, or a timeout on the remote
    // call: neither is mechanical.
    refactoring
        .addInputLines(
            "Test.java",
            """
            import java.net.URL;
            import java.util.concurrent.*;
            class Test {
              byte[] fetch(ExecutorService pool, URL url) throws Exception {
                return pool.submit(() -> url.openStream().readAllBytes()).get();
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }
}
