package samples;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static samples.DemoSupport.await;
import static samples.DemoSupport.awaitTermination;
import static samples.DemoSupport.onInterruptedThread;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import samples.DemoFakes.FakeDatabase;
import samples.DemoFakes.FanOut;
import samples.DemoFakes.GatedOutputStream;
import samples.DemoFakes.GatedWriter;
import samples.DemoFakes.RecordingThreads;
import samples.DemoFakes.StalledInventory;
import samples.DemoFakes.StartsAtOnce;
import samples.DemoFakes.TrackedImage;
import samples.DemoFakes.WatchedQueue;
import samples.DemoSupport.DemoPool;
import samples.DemoSupport.DemoThread;
import samples.DemoSupport.Gate;
import samples.DemoSupport.Outcome;
import samples.s000_cancel_await.BrokenWebSocketServer;
import samples.s000_cancel_await.WebSocketServer;
import samples.s000_cleanup_reraise.BrokenChatServer;
import samples.s000_cleanup_reraise.ChatServer;
import samples.s000_graceful.BrokenLobbyServer;
import samples.s000_graceful.LobbyServer;
import samples.s000_shutdown_pattern.BrokenChatRoomSession;
import samples.s000_shutdown_pattern.ChatRoomSession;
import samples.s001_base_exception.BrokenPaymentCommitter;
import samples.s001_base_exception.PaymentCommitter;
import samples.s001_cooperative.BlockMiner;
import samples.s001_cooperative.BrokenBlockMiner;
import samples.s001_cooperative.BrokenSearchIndexer;
import samples.s001_cooperative.SearchIndexer;
import samples.s001_no_swallow.BrokenReportDownloader;
import samples.s001_no_swallow.ReportDownloader;
import samples.s001_shield.BrokenPaymentCommit;
import samples.s001_shield.PaymentCommit;
import samples.s001_timeout_is_cancel.BrokenReleaseDownloader;
import samples.s001_timeout_is_cancel.ReleaseDownloader;
import samples.s002_any_await.BrokenOrderWriter;
import samples.s002_any_await.OrderWriter;
import samples.s002_executor_outlives_main.BrokenLogArchiver;
import samples.s002_executor_outlives_main.BrokenMirrorDownloader;
import samples.s002_executor_outlives_main.LogArchiver;
import samples.s002_executor_outlives_main.MirrorDownloader;
import samples.s002_no_task_in_handler.BrokenConnectionHandler;
import samples.s002_no_task_in_handler.ConnectionHandler;
import samples.s002_signal_shutdown.BrokenMetricsAgent;
import samples.s002_signal_shutdown.MetricsAgent;
import samples.s002_sleep0_checkpoint.BrokenWarmupGate;
import samples.s002_sleep0_checkpoint.WarmupGate;
import samples.s003_check_cancellation.BrokenThumbnailRenderer;
import samples.s003_check_cancellation.ThumbnailRenderer;
import samples.s003_consumed_error.BrokenThumbnailSheet;
import samples.s003_consumed_error.ThumbnailSheet;
import samples.s003_explicit_cancel_all.BrokenThumbnailBatch;
import samples.s003_explicit_cancel_all.ThumbnailBatch;
import samples.s003_implicit_propagation.BrokenGalleryDownloader;
import samples.s003_implicit_propagation.GalleryDownloader;
import samples.s003_manual_propagation.AlbumExporter;
import samples.s003_manual_propagation.BrokenAlbumExporter;
import samples.s003_unstructured.BrokenPageRenderTask;
import samples.s003_unstructured.PageRenderTask;
import samples.s004_await_in_finally.BrokenChunkUploader;
import samples.s004_await_in_finally.ChunkUploader;
import samples.s004_cpu_loop.BrokenPhotoBlurrer;
import samples.s004_cpu_loop.PhotoBlurrer;
import samples.s004_finally_cleanup.BrokenChunkDownloader;
import samples.s004_finally_cleanup.ChunkDownloader;
import samples.s004_network_timeouts.BrokenInventoryClient;
import samples.s004_network_timeouts.InventoryClient;
import samples.s004_taskgroup_vs_gather.BrokenPriceComparison;
import samples.s004_taskgroup_vs_gather.PriceComparison;

/**
 * Runs each scenario's incorrect program next to its correct one and asserts what differs at run
 * time: what the finding costs, observed. One test per scenario, named after its sample package.
 *
 * <p>Threads are held at known points with gates and latches, never with sleeps, so every outcome
 * asserted here is the only one possible. The one timed wait (200 ms) bounds how long a test
 * watches a loop that nothing can stop; a longer wait would show the same. Every thread a test
 * starts is stopped and awaited when it ends ({@link DemoSupport#close()}).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RuntimeDemoTest {
  private final DemoSupport demo = new DemoSupport();

  @AfterEach
  void stopWhatTheTestStarted() throws InterruptedException {
    demo.close();
  }

  /** 000-cancel-await: "server stopped" is printed while a handler is still serving a client. */
  @Test
  void s000_cancel_await() throws Exception {
    // A client's socket read that does not answer interrupts (blocking socket reads in Java
    // do not), held until the test lets it return.
    Gate aliceSocket = demo.gate();
    BrokenWebSocketServer broken = new BrokenWebSocketServer(client -> read(aliceSocket));
    broken.start();
    broken.handshake("alice");
    aliceSocket.awaitEntered();
    broken.stop();
    assertEquals(
        List.of("alice"), broken.openSessions(), "alice is still served after \"server stopped\"");

    // The same read, returning once the handler is interrupted: stop() waits for it to end.
    Gate socket = demo.gateOpenedByInterrupt();
    WebSocketServer correct = new WebSocketServer(client -> read(socket));
    correct.start();
    correct.handshake("alice");
    socket.awaitEntered();
    correct.stop();
    assertEquals(List.of(), correct.openSessions(), "stop() returns once every session ended");
  }

  private static String read(Gate socket) {
    socket.passIgnoringInterrupts();
    return "close frame";
  }

  /** 000-cleanup-reraise: the server cleans up and the cancellation is gone. */
  @Test
  void s000_cleanup_reraise() {
    Outcome<?> broken =
        onInterruptedThread(
            () -> {
              new BrokenChatServer().run();
              return null;
            });
    assertFalse(broken.stillInterrupted(), "the owner cannot tell the server was cancelled");

    Outcome<?> correct =
        onInterruptedThread(
            () -> {
              new ChatServer().run();
              return null;
            });
    assertTrue(correct.stillInterrupted(), "after its cleanup the thread is still interrupted");
  }

  /** 000-graceful: the chat log is closed under a handler's write; the notice never goes out. */
  @Test
  void s000_graceful() throws Exception {
    GatedWriter brokenLog = new GatedWriter(demo.gate()); // the log's disk is slow
    BrokenLobbyServer broken = new BrokenLobbyServer(brokenLog);
    broken.start();
    broken.connect("alice");
    brokenLog.gate().awaitEntered(); // alice's handler is writing "alice joined"
    broken.stop();
    assertTrue(brokenLog.closedDuringWrite(), "stop() closed the log under a handler's write");
    brokenLog.gate().open();
    brokenLog.awaitFinishedWrites(1);
    assertEquals(List.of("alice joined\n"), brokenLog.lost(), "that line is lost");
    assertEquals(List.of(), brokenLog.written(), "and the shutdown notice was never logged");

    GatedWriter log = new GatedWriter(demo.gate());
    LobbyServer correct = new LobbyServer(log);
    correct.start();
    correct.connect("alice");
    log.gate().awaitEntered();
    DemoThread stopping = demo.start("lobby-stop", correct::stop);
    log.gate().open(); // the disk catches up at some point during stop(): any point will do
    demo.join(stopping);
    assertEquals(List.of("alice joined\n", "alice <- server going down\n"), log.written());
    assertEquals(List.of(), log.lost());
    assertTrue(log.isClosed(), "closed last, after every handler ended");
  }

  /** 000-shutdown-pattern: cancel without await in finally closes the transcript mid-write. */
  @Test
  void s000_shutdown_pattern() throws Exception {
    GatedWriter brokenTranscript = new GatedWriter(demo.gate());
    new BrokenChatRoomSession(brokenTranscript).run(userSays("hi", brokenTranscript.gate()));
    assertTrue(brokenTranscript.closedDuringWrite(), "closed while the relay was writing");
    brokenTranscript.gate().open();
    brokenTranscript.awaitFinishedWrites(1);
    assertEquals(List.of("hi\n"), brokenTranscript.lost(), "the last line is lost");

    // The relay's write finishes once it is cancelled; finally waits for that before closing.
    GatedWriter transcript = new GatedWriter(demo.gateOpenedByInterrupt());
    new ChatRoomSession(transcript).run(userSays("hi", transcript.gate()));
    assertEquals(List.of("hi\n"), transcript.written());
    assertEquals(List.of(), transcript.lost());
    assertTrue(transcript.isClosed());
  }

  /** The user types one line and hangs up while the relay is writing it to the transcript. */
  private static BufferedReader userSays(String line, Gate relayWriting) {
    return new BufferedReader(
        new Reader() {
          private boolean typed;

          @Override
          public int read(char[] buffer, int offset, int length) throws IOException {
            if (!typed) {
              typed = true;
              String text = line + "\n";
              text.getChars(0, text.length(), buffer, offset);
              return text.length();
            }
            try {
              relayWriting.awaitEntered();
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            return -1;
          }

          @Override
          public void close() {}
        });
  }

  /** 001-base-exception: catch (Exception) reports a failed payment, and it is charged anyway. */
  @Test
  void s001_base_exception() throws Exception {
    FanOut brokenGateway = new FanOut(demo.gate(), null, "order-7"); // a slow network call
    ExecutorService brokenPool = demo.pool(1);
    BrokenPaymentCommitter broken =
        new BrokenPaymentCommitter(brokenPool, id -> brokenGateway.run(id) != null);
    Outcome<Boolean> brokenCommit = onInterruptedThread(() -> broken.commit("order-7"));
    assertEquals(false, brokenCommit.value(), "commit() reports the payment as failed");
    assertFalse(brokenCommit.stillInterrupted(), "and the interrupt is gone");
    brokenGateway.slow().open();
    brokenPool.shutdown();
    awaitTermination(brokenPool);
    assertEquals(List.of("order-7"), brokenGateway.completed(), "yet the charge went through");

    FanOut gateway = new FanOut(demo.gate(), null, "order-7");
    ExecutorService pool = demo.pool(1);
    PaymentCommitter correct = new PaymentCommitter(pool, id -> gateway.run(id) != null);
    Outcome<Boolean> commit = onInterruptedThread(() -> correct.commit("order-7"));
    assertInstanceOf(InterruptedException.class, commit.thrown(), "the interrupt propagates");
    pool.shutdown();
    awaitTermination(pool);
    assertEquals(List.of(), gateway.completed(), "and the charge was cancelled");
  }

  /**
   * 001-cooperative: cancel(true) and shutdownNow() do not stop loops that never reach a
   * cancellation point; the correct loops stop at once.
   */
  @Test
  void s001_cooperative() throws Exception {
    // Difficulty 0: every nonce is a solution, so the listener runs on every round and gives
    // the test a way to end the broken miner (by throwing) once it has been watched.
    AtomicBoolean endOfTest = new AtomicBoolean();
    demo.atEnd(() -> endOfTest.set(true));
    CountDownLatch brokenMining = new CountDownLatch(1);
    ExecutorService brokenMiners = demo.pool(1);
    Future<?> brokenMiner =
        brokenMiners.submit(
            new BrokenBlockMiner("block-42", 0, endableBy(endOfTest, brokenMining)));
    BrokenSearchIndexer brokenIndexer = new BrokenSearchIndexer();
    demo.atEnd(brokenIndexer::stop);
    DemoPool brokenIndexing = demo.pool(1);
    brokenIndexer.start(brokenIndexing);
    brokenIndexing.awaitStarted(1);
    await(brokenMining, "the miner runs");

    brokenMiner.cancel(true);
    brokenMiners.shutdown();
    brokenIndexing.shutdownNow();
    assertFalse(brokenMiners.awaitTermination(200, MILLISECONDS), "the miner ignores cancel(true)");
    assertFalse(brokenIndexing.isTerminated(), "the indexer ignores shutdownNow()");
    endOfTest.set(true);
    brokenIndexer.stop(); // its own stop flag still works
    awaitTermination(brokenMiners);
    awaitTermination(brokenIndexing);

    CountDownLatch mining = new CountDownLatch(1);
    ExecutorService miners = demo.pool(1);
    Future<?> miner = miners.submit(new BlockMiner("block-42", 0, nonce -> mining.countDown()));
    DemoPool indexing = demo.pool(1);
    new SearchIndexer().start(indexing);
    indexing.awaitStarted(1);
    await(mining, "the miner runs");

    miner.cancel(true);
    miners.shutdown();
    indexing.shutdownNow();
    awaitTermination(miners);
    awaitTermination(indexing);
  }

  private static LongConsumer endableBy(AtomicBoolean endOfTest, CountDownLatch running) {
    return nonce -> {
      running.countDown();
      if (endOfTest.get()) {
        throw new CancellationException("end of the test");
      }
    };
  }

  /** 001-no-swallow: the downloader logs the interrupt and fetches every report anyway. */
  @Test
  void s001_no_swallow() {
    List<String> reports = List.of("q1.pdf", "q2.pdf", "q3.pdf");
    Duration rateLimit = Duration.ofMillis(1);
    Outcome<Integer> broken =
        onInterruptedThread(() -> new BrokenReportDownloader(reports, rateLimit).downloadAll());
    assertEquals(3, broken.value(), "every report downloaded after the interrupt");
    assertFalse(broken.stillInterrupted(), "and the interrupt is gone");

    Outcome<Integer> correct =
        onInterruptedThread(() -> new ReportDownloader(reports, rateLimit).downloadAll());
    assertInstanceOf(InterruptedException.class, correct.thrown(), "stops at the first pause");
  }

  /**
   * 001-shield: the commit outlives the deadline, as it must, but nobody waits for it: the client
   * is told "pending" and the receipt of the charge is lost.
   */
  @Test
  void s001_shield() throws Exception {
    FanOut brokenBank = new FanOut(demo.gate(), null, "pay-7"); // the bank is slow to answer
    ExecutorService brokenCommits = new StartsAtOnce(demo.pool(1), brokenBank.slow());
    BrokenPaymentCommit broken =
        new BrokenPaymentCommit(
            brokenCommits, (id, cents) -> "receipt-" + brokenBank.run(id), Duration.ZERO);
    assertEquals(
        new BrokenPaymentCommit.Status("pay-7", "pending", null),
        broken.commit("pay-7", 4_200),
        "the deadline passed: \"pending\"");
    assertFalse(brokenBank.slow().wasInterrupted(), "the commit goes on, shielded");
    brokenBank.slow().open(); // the bank answers
    brokenCommits.shutdown();
    awaitTermination(brokenCommits);
    assertEquals(
        List.of("pay-7"), brokenBank.completed(), "charged, and the receipt went to nobody");

    FanOut bank = new FanOut(demo.gate(), null, "pay-7");
    ExecutorService commits = new StartsAtOnce(demo.pool(1), bank.slow());
    PaymentCommit correct =
        new PaymentCommit(commits, (id, cents) -> "receipt-" + bank.run(id), Duration.ZERO);
    // The bank answers at some point after the deadline has passed: any point will do.
    DemoThread answering = demo.start("bank", bank.slow()::open);
    assertEquals("receipt-pay-7", correct.commit("pay-7", 4_200), "the outcome is learned");
    demo.join(answering);
    assertFalse(bank.slow().wasInterrupted(), "the commit was not torn down half-way");
    assertEquals(List.of("pay-7"), bank.completed());
  }

  /**
   * 001-timeout-is-cancel: the deadline passes and download() reports "no release", while the
   * download goes on to the end for nobody; the correct version interrupts it.
   */
  @Test
  void s001_timeout_is_cancel() throws Exception {
    URI release = URI.create("https://mirror.example/release-2.1.tar.gz");
    // The mirror is slow: the fetch is held at the gate; its read ends on an interrupt.
    FanOut brokenMirror = new FanOut(demo.gate(), null, release.toString());
    ExecutorService brokenDownloads = new StartsAtOnce(demo.pool(1), brokenMirror.slow());
    BrokenReleaseDownloader broken =
        new BrokenReleaseDownloader(
            brokenDownloads, 0, archive -> brokenMirror.run(archive.toString()).getBytes());
    assertEquals(Optional.empty(), broken.download(release), "the deadline passed");
    assertFalse(brokenMirror.slow().wasInterrupted(), "the download was not stopped");
    brokenMirror.slow().open(); // the mirror goes on sending
    brokenDownloads.shutdown();
    awaitTermination(brokenDownloads);
    assertEquals(
        List.of(release.toString()),
        brokenMirror.completed(),
        "downloaded in full after download() had given up on it");

    FanOut mirror = new FanOut(demo.gate(), null, release.toString());
    ExecutorService downloads = new StartsAtOnce(demo.pool(1), mirror.slow());
    ReleaseDownloader correct =
        new ReleaseDownloader(downloads, 0, archive -> mirror.run(archive.toString()).getBytes());
    assertEquals(Optional.empty(), correct.download(release));
    mirror.slow().awaitInterrupted(); // cancel(true) reached the read
    downloads.shutdown();
    awaitTermination(downloads);
    assertEquals(List.of(), mirror.completed(), "the download was stopped at the deadline");
  }

  /** 002-any-await: stopped while waiting for orders, the writer keeps its connection for good. */
  @Test
  void s002_any_await() throws Exception {
    FakeDatabase brokenDatabase = new FakeDatabase();
    WatchedQueue<BrokenOrderWriter.Order> brokenOrders = new WatchedQueue<>();
    BrokenOrderWriter broken = new BrokenOrderWriter(brokenDatabase.dataSource(), brokenOrders);
    ExecutorService brokenService = demo.pool(1);
    brokenService.submit(
        () -> {
          broken.writeNextBatch();
          return null;
        });
    brokenOrders.awaitTakes(1); // idle, waiting for orders
    brokenService.shutdownNow(); // the service stops
    awaitTermination(brokenService);
    assertEquals(1, brokenDatabase.open(), "the connection is never given back to the pool");

    FakeDatabase database = new FakeDatabase();
    WatchedQueue<OrderWriter.Order> orders = new WatchedQueue<>();
    OrderWriter correct = new OrderWriter(database.dataSource(), orders);
    ExecutorService service = demo.pool(1);
    service.submit(
        () -> {
          correct.writeNextBatch();
          return null;
        });
    orders.awaitTakes(1);
    service.shutdownNow();
    awaitTermination(service);
    assertEquals(0, database.taken(), "no connection is held while waiting");
    assertEquals(0, database.open());
  }

  /**
   * 002-executor-outlives-main: a pool never shut down keeps its threads after the work is done; a
   * pool shut down but not awaited lets the archive close before any entry is written.
   */
  @Test
  void s002_executor_outlives_main() throws Exception {
    List<String> mirrors = List.of("eu.mirror.example", "us.mirror.example");
    long bytes = mirrors.stream().mapToLong(mirror -> mirror.length() * 1024L).sum();
    // With the default factory (as in main) these threads are not daemons and the JVM would never
    // exit; they are made daemons here only so that the test JVM still can. An idle worker of a
    // pool nobody can reach cannot be stopped: these two stay parked until the test JVM exits.
    RecordingThreads brokenThreads = new RecordingThreads("never-shut-down-mirror", true);
    assertEquals(bytes, BrokenMirrorDownloader.downloadAll(mirrors, brokenThreads), "work done");
    assertEquals(2, brokenThreads.made().size());
    for (Thread worker : brokenThreads.made()) {
      assertTrue(worker.isAlive(), worker.getName() + " outlives the work");
    }

    RecordingThreads threads = new RecordingThreads("mirror", false);
    assertEquals(bytes, MirrorDownloader.downloadAll(mirrors, threads));
    for (Thread worker : threads.made()) {
      worker.join(DemoSupport.PATIENCE.toMillis());
      assertFalse(worker.isAlive(), worker.getName() + " ended with the pool");
    }

    List<String> logs = List.of("access.log", "app.log", "gc.log");
    // The archive is on a slow disk: the compressors' writes wait until the test lets them go.
    GatedOutputStream brokenArchive = new GatedOutputStream(demo.gate());
    try {
      BrokenLogArchiver.archive(logs, brokenArchive);
    } catch (ConcurrentModificationException | NullPointerException closeRacedACompressor) {
      // The same bug, seen as a crash: the close walks the zip's list of entries while a
      // compressor that has just started adds its entry to it. Either way nothing is archived.
    }
    assertTrue(brokenArchive.isClosed(), "archive() returned, the archive is closed");
    brokenArchive.gate().open();
    assertEquals(List.of(), brokenArchive.zipEntries(), "no log made it into the archive");

    GatedOutputStream archive = new GatedOutputStream(demo.gate());
    DemoThread disk =
        demo.start(
            "slow-disk",
            () -> {
              archive.gate().awaitEntered();
              archive.gate().open();
            });
    LogArchiver.archive(logs, archive);
    demo.join(disk);
    assertEquals(logs, archive.zipEntries());
  }

  /** 002-no-task-in-handler: the "user left" notice, handed to a pool that is stopping, is lost. */
  @Test
  void s002_no_task_in_handler() throws Exception {
    List<String> brokenRoom = new CopyOnWriteArrayList<>();
    CountDownLatch brokenRelayed = new CountDownLatch(1);
    ExecutorService brokenHandlers = demo.pool(1);
    ExecutorService brokenNotifier = demo.pool(1);
    Future<?> brokenHandler =
        brokenHandlers.submit(
            new BrokenConnectionHandler(
                "alice",
                new LinkedBlockingQueue<>(List.of("hello")),
                (from, message) -> {
                  brokenRoom.add(from + ": " + message);
                  brokenRelayed.countDown();
                },
                brokenNotifier));
    await(brokenRelayed, "alice's message is relayed");
    // The server stops its pools. Whichever stops first, a task started by a handler now races
    // the shutdown; here the notifier goes first and the notice is rejected.
    brokenNotifier.shutdown();
    brokenHandlers.shutdownNow();
    awaitTermination(brokenHandlers);
    ExecutionException failure = assertThrows(ExecutionException.class, brokenHandler::get);
    assertInstanceOf(RejectedExecutionException.class, failure.getCause());
    awaitTermination(brokenNotifier);
    assertEquals(List.of("alice: hello"), brokenRoom, "nobody hears that alice left");

    List<String> room = new CopyOnWriteArrayList<>();
    CountDownLatch relayed = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> departures = new ConcurrentLinkedQueue<>();
    ExecutorService handlers = demo.pool(1);
    Future<?> handler =
        handlers.submit(
            new ConnectionHandler(
                "alice",
                new LinkedBlockingQueue<>(List.of("hello")),
                (from, message) -> {
                  room.add(from + ": " + message);
                  relayed.countDown();
                },
                departures));
    await(relayed, "alice's message is relayed");
    handlers.shutdownNow();
    awaitTermination(handlers);
    assertNull(handler.get(), "the handler ended normally");
    for (String user; (user = departures.poll()) != null; ) {
      room.add("server: " + user + " left"); // the server, once its handlers have stopped
    }
    assertEquals(List.of("alice: hello", "server: alice left"), room);
  }

  /** 002-signal-shutdown: the hook returns with the spool closed under the uploader's write. */
  @Test
  void s002_signal_shutdown() throws Exception {
    GatedWriter brokenSpool = new GatedWriter(demo.gate());
    BrokenMetricsAgent broken = new BrokenMetricsAgent(brokenSpool);
    broken.start();
    brokenSpool.gate().awaitEntered(); // the uploader is writing the first sample
    broken.stop(); // what the shutdown hook runs; the JVM halts as soon as it returns
    assertTrue(brokenSpool.closedDuringWrite(), "the spool was closed under the uploader");
    brokenSpool.gate().open();
    brokenSpool.awaitFinishedWrites(1);
    assertEquals(1, brokenSpool.lost().size(), "the sample in hand is lost");

    GatedWriter spool = new GatedWriter(demo.gateOpenedByInterrupt());
    MetricsAgent correct = new MetricsAgent(spool);
    correct.start();
    spool.gate().awaitEntered();
    correct.stop();
    assertEquals(1, spool.written().size(), "the sample in hand is written");
    assertTrue(spool.written().getFirst().startsWith("heap.used "));
    assertEquals(List.of(), spool.lost());
    assertTrue(spool.isClosed(), "then the spool is closed");
  }

  /** 002-sleep0-checkpoint: a spin without a checkpoint goes on after cancel(true). */
  @Test
  void s002_sleep0_checkpoint() throws Exception {
    BrokenWarmupGate brokenGate = new BrokenWarmupGate();
    demo.atEnd(() -> brokenGate.warmUp(Map.of()));
    CountDownLatch brokenWaiting = new CountDownLatch(1);
    ExecutorService brokenRequests = demo.pool(1);
    Future<String> brokenRequest =
        brokenRequests.submit(
            () -> {
              brokenWaiting.countDown();
              return brokenGate.product("sku-1");
            });
    await(brokenWaiting, "a request waits for the warm-up");
    brokenRequest.cancel(true); // the request timed out
    brokenRequests.shutdown();
    assertFalse(brokenRequests.awaitTermination(200, MILLISECONDS), "it spins on regardless");
    brokenGate.warmUp(Map.of("sku-1", "kettle")); // only the warm-up ends the spin
    awaitTermination(brokenRequests);

    WarmupGate gate = new WarmupGate();
    CountDownLatch waiting = new CountDownLatch(1);
    ExecutorService requests = demo.pool(1);
    Future<String> request =
        requests.submit(
            () -> {
              waiting.countDown();
              return gate.product("sku-1");
            });
    await(waiting, "a request waits for the warm-up");
    request.cancel(true);
    requests.shutdown();
    awaitTermination(requests);
  }

  /** 003-check-cancellation: Thread.interrupted() as a plain test forgets the cancellation. */
  @Test
  void s003_check_cancellation() {
    List<String> photos = List.of("p1", "p2", "p3");
    Outcome<List<String>> broken =
        onInterruptedThread(() -> new BrokenThumbnailRenderer().render(photos));
    assertEquals(List.of(), broken.value(), "an empty result, as if there were no photos");
    assertFalse(broken.stillInterrupted(), "and nothing says it was cancelled");

    Outcome<List<String>> correct =
        onInterruptedThread(() -> new ThumbnailRenderer().render(photos));
    assertInstanceOf(InterruptedException.class, correct.thrown());
    Outcome<Integer> counted =
        onInterruptedThread(() -> new ThumbnailRenderer().countRendered(photos));
    assertEquals(0, counted.value());
    assertTrue(counted.stillInterrupted(), "the isInterrupted() form leaves the flag set");
  }

  /** 003-consumed-error: after the first failed render, the sibling renders on for nobody. */
  @Test
  void s003_consumed_error() throws Exception {
    List<String> photos = List.of("cover.jpg", "bad.jpg", "huge.jpg");
    FanOut brokenRenders = new FanOut(demo.gate(), "bad.jpg", "huge.jpg");
    ExecutorService brokenPool = demo.pool(3);
    List<String> brokenSheet =
        new BrokenThumbnailSheet(brokenPool, brokenRenders::run).build(photos);
    assertEquals(List.of("cover.jpg"), brokenSheet, "a partial sheet");
    brokenRenders.slow().open();
    brokenPool.shutdown();
    awaitTermination(brokenPool);
    assertEquals(
        List.of("cover.jpg", "huge.jpg"),
        brokenRenders.completed(),
        "huge.jpg was rendered in full for a sheet already returned");

    FanOut renders = new FanOut(demo.gate(), "bad.jpg", "huge.jpg");
    ExecutorService pool = demo.pool(3);
    assertEquals(List.of("cover.jpg"), new ThumbnailSheet(pool, renders::run).build(photos));
    renders.slow().awaitInterrupted();
    pool.shutdown();
    awaitTermination(pool);
    assertEquals(List.of("cover.jpg"), renders.completed(), "huge.jpg was cancelled");
  }

  /** 003-explicit-cancel-all: the cache is closed while cancelled renders still run. */
  @Test
  void s003_explicit_cancel_all() throws Exception {
    List<String> photos = List.of("beach.jpg", "dunes.jpg", "harbour.jpg", "lighthouse.jpg");
    // The decoder does not answer interrupts, as image codecs do not.
    Gate brokenDecoder = demo.gate();
    AtomicInteger brokenRendering = new AtomicInteger();
    BrokenThumbnailBatch broken =
        new BrokenThumbnailBatch(photo -> decode(brokenDecoder, brokenRendering));
    broken.start(photos);
    brokenDecoder.awaitEntered();
    broken.cancelAll();
    assertTrue(brokenRendering.get() > 0, "the cache was closed with renders still running");
    brokenDecoder.open();

    Gate decoder = demo.gateOpenedByInterrupt(); // finishes the photo in hand, then stops
    AtomicInteger rendering = new AtomicInteger();
    ThumbnailBatch correct = new ThumbnailBatch(photo -> decode(decoder, rendering));
    correct.start(photos);
    decoder.awaitEntered();
    correct.cancelAll();
    assertEquals(0, rendering.get(), "cancelAll() returns when no render is running any more");
  }

  private static byte[] decode(Gate decoder, AtomicInteger rendering) {
    rendering.incrementAndGet();
    try {
      decoder.passIgnoringInterrupts();
      return new byte[] {1, 2, 3};
    } finally {
      rendering.decrementAndGet();
    }
  }

  /** 003-implicit-propagation: one image fails, and the other downloads run on. */
  @Test
  void s003_implicit_propagation() throws Exception {
    List<String> images = List.of("cover.jpg", "broken.jpg", "huge.jpg");
    FanOut brokenStore = new FanOut(demo.gate(), "broken.jpg", "huge.jpg");
    ExecutorService brokenPool = demo.pool(3);
    BrokenGalleryDownloader broken =
        new BrokenGalleryDownloader(brokenPool, url -> brokenStore.run(url).getBytes());
    assertThrows(ExecutionException.class, () -> broken.download(images));
    brokenStore.slow().open();
    brokenPool.shutdown();
    awaitTermination(brokenPool);
    assertEquals(
        List.of("cover.jpg", "huge.jpg"),
        brokenStore.completed(),
        "huge.jpg was downloaded in full for a gallery that failed");

    FanOut store = new FanOut(demo.gate(), "broken.jpg", "huge.jpg");
    ExecutorService pool = demo.pool(3);
    GalleryDownloader correct = new GalleryDownloader(pool, url -> store.run(url).getBytes());
    assertThrows(ExecutionException.class, () -> correct.download(images));
    store.slow().awaitInterrupted();
    pool.shutdown();
    awaitTermination(pool);
    assertEquals(List.of("cover.jpg"), store.completed(), "huge.jpg was cancelled");
  }

  /** 003-manual-propagation: the export is cancelled, the upload it started is not. */
  @Test
  void s003_manual_propagation() throws Exception {
    List<String> photos = List.of("beach.jpg");
    FanOut brokenCloud = new FanOut(demo.gate(), null, "holiday"); // a slow upload
    ExecutorService brokenExports = demo.pool(1);
    ExecutorService brokenTransfers = demo.pool(1);
    Future<String> brokenExport =
        new BrokenAlbumExporter(
                brokenExports, brokenTransfers, (name, archive) -> brokenCloud.run(name))
            .export("holiday", photos);
    brokenCloud.slow().awaitEntered();
    brokenExport.cancel(true); // the user cancels the export
    brokenExports.shutdown();
    awaitTermination(brokenExports); // the export task is over
    brokenCloud.slow().open();
    brokenTransfers.shutdown();
    awaitTermination(brokenTransfers);
    assertEquals(List.of("holiday"), brokenCloud.completed(), "uploaded all the same");

    FanOut cloud = new FanOut(demo.gate(), null, "holiday");
    ExecutorService exports = demo.pool(1);
    ExecutorService transfers = demo.pool(1);
    Future<String> export =
        new AlbumExporter(exports, transfers, (name, archive) -> cloud.run(name))
            .export("holiday", photos);
    cloud.slow().awaitEntered();
    export.cancel(true);
    cloud.slow().awaitInterrupted();
    transfers.shutdown();
    awaitTermination(transfers);
    assertEquals(List.of(), cloud.completed(), "the upload was cancelled with the export");
  }

  /** 003-unstructured: the render task is cancelled, the prefetch it started is not. */
  @Test
  void s003_unstructured() throws Exception {
    CountDownLatch fontsLoaded = new CountDownLatch(1); // the fonts never arrive
    FanOut brokenDisk = new FanOut(demo.gate(), null, "page 2"); // loading page 2 is slow
    ExecutorService brokenRendering = demo.pool(1);
    ExecutorService brokenPrefetching = demo.pool(1);
    Future<String> brokenRender =
        brokenRendering.submit(
            new BrokenPageRenderTask(
                1,
                page -> brokenDisk.runUnchecked("page " + page),
                fontsLoaded,
                brokenPrefetching));
    brokenDisk.slow().awaitEntered();
    brokenRender.cancel(true); // the user closed the document
    brokenRendering.shutdown();
    awaitTermination(brokenRendering);
    brokenDisk.slow().open();
    brokenPrefetching.shutdown();
    awaitTermination(brokenPrefetching);
    assertEquals(List.of("page 2"), brokenDisk.completed(), "page 2 loaded for a closed document");

    FanOut disk = new FanOut(demo.gate(), null, "page 2");
    ExecutorService rendering = demo.pool(1);
    ExecutorService prefetching = demo.pool(1);
    Future<String> render =
        rendering.submit(
            new PageRenderTask(
                1, page -> disk.runUnchecked("page " + page), fontsLoaded, prefetching));
    disk.slow().awaitEntered();
    render.cancel(true);
    disk.slow().awaitInterrupted();
    prefetching.shutdown();
    awaitTermination(prefetching);
    assertEquals(List.of(), disk.completed(), "the prefetch was cancelled with the render");
  }

  /**
   * 004-await-in-finally: the interrupt flag, restored in the catch, makes the cleanup in finally
   * fail at once: the end-of-upload marker is never queued and the sender waits for it forever.
   */
  @Test
  void s004_await_in_finally() throws Exception {
    List<String> brokenWire = new CopyOnWriteArrayList<>();
    CountDownLatch brokenSent = new CountDownLatch(2);
    RecordingThreads brokenSenders = new RecordingThreads("broken-chunk-sender", false);
    demo.atEnd(() -> brokenSenders.made().forEach(Thread::interrupt));
    new BrokenChunkUploader(chunk -> send(brokenWire, brokenSent, chunk), brokenSenders)
        .upload(chunksCancelledAfter(2));
    assertTrue(Thread.interrupted(), "upload() returns with the flag set");
    await(brokenSent, "the two queued chunks are sent");
    Thread brokenSender = brokenSenders.made().getFirst();
    assertTrue(brokenSender.isAlive(), "the sender still waits for the end of the upload");
    brokenSender.interrupt(); // nothing else can stop it
    brokenSender.join(DemoSupport.PATIENCE.toMillis());
    assertEquals(List.of("chunk 1", "chunk 2"), brokenWire, "the upload is never closed");

    List<String> wire = new CopyOnWriteArrayList<>();
    RecordingThreads senders = new RecordingThreads("chunk-sender", false);
    new ChunkUploader(chunk -> send(wire, new CountDownLatch(0), chunk), senders)
        .upload(chunksCancelledAfter(2));
    assertTrue(Thread.interrupted(), "the caller still learns of the interrupt");
    assertEquals(List.of("chunk 1", "chunk 2", "end of upload"), wire, "flushed and closed");
    assertFalse(senders.made().getFirst().isAlive(), "the sender has ended");
  }

  private static void send(List<String> wire, CountDownLatch sent, byte[] chunk) {
    wire.add(chunk.length == 0 ? "end of upload" : new String(chunk, StandardCharsets.UTF_8));
    sent.countDown();
  }

  /** Chunks of a file; the user cancels the upload (interrupts its thread) after {@code count}. */
  private static Iterator<byte[]> chunksCancelledAfter(int count) {
    return new Iterator<>() {
      private int read;

      @Override
      public boolean hasNext() {
        if (read == count) {
          Thread.currentThread().interrupt();
        }
        return true;
      }

      @Override
      public byte[] next() {
        read++;
        return ("chunk " + read).getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  /** 004-cpu-loop: after cancel(true) the broken job blurs the rest of the batch anyway. */
  @Test
  void s004_cpu_loop() throws Exception {
    Gate brokenFirstPixel = demo.gate();
    TrackedImage brokenLast = new TrackedImage(32, null);
    ExecutorService brokenWorkers = demo.pool(1);
    Future<?> brokenJob =
        new BrokenPhotoBlurrer(brokenWorkers)
            .blurAll(
                List.of(
                    new TrackedImage(32, brokenFirstPixel),
                    new TrackedImage(32, null),
                    brokenLast));
    brokenFirstPixel.awaitEntered(); // blurring the first photo
    brokenJob.cancel(true); // the user left the page
    brokenFirstPixel.open();
    brokenWorkers.shutdown();
    awaitTermination(brokenWorkers);
    assertTrue(brokenLast.pixelReads() > 0, "the last photo was blurred after cancel(true)");

    Gate firstPixel = demo.gate();
    TrackedImage last = new TrackedImage(32, null);
    ExecutorService workers = demo.pool(1);
    Future<?> job =
        new PhotoBlurrer(workers)
            .blurAll(List.of(new TrackedImage(32, firstPixel), new TrackedImage(32, null), last));
    firstPixel.awaitEntered();
    job.cancel(true);
    firstPixel.open();
    workers.shutdown();
    awaitTermination(workers);
    assertEquals(0, last.pixelReads(), "the job stopped within a row of the first photo");
  }

  /** 004-finally-cleanup: a download cancelled between chunks leaves its partial file behind. */
  @Test
  void s004_finally_cleanup(@TempDir Path downloads) throws Exception {
    Path brokenTarget = downloads.resolve("broken.iso");
    WatchedQueue<byte[]> brokenChunks = new WatchedQueue<>();
    brokenChunks.add(new byte[] {1, 2, 3});
    ExecutorService brokenPool = demo.pool(1);
    Future<Path> brokenDownload =
        brokenPool.submit(new BrokenChunkDownloader(brokenChunks, brokenTarget));
    brokenChunks.awaitTakes(2); // chunk 1 written, waiting for chunk 2
    brokenDownload.cancel(true);
    brokenPool.shutdown();
    awaitTermination(brokenPool);
    // Its stream is not closed either; the JDK releases the descriptor only if a garbage
    // collection happens to reclaim the stream, which a test cannot wait for.
    assertTrue(Files.exists(downloads.resolve("broken.iso.part")), "the partial file stays");

    Path target = downloads.resolve("fine.iso");
    WatchedQueue<byte[]> chunks = new WatchedQueue<>();
    chunks.add(new byte[] {1, 2, 3});
    ExecutorService pool = demo.pool(1);
    Future<Path> download = pool.submit(new ChunkDownloader(chunks, target));
    chunks.awaitTakes(2);
    download.cancel(true);
    pool.shutdown();
    awaitTermination(pool);
    assertFalse(Files.exists(downloads.resolve("fine.iso.part")), "closed and removed");
    assertFalse(Files.exists(target));
  }

  /**
   * 004-network-timeouts: against a service that accepts the request and stalls, the lookup with a
   * timeout fails after it; the one without a timeout is still waiting, and only the service's
   * answer would end its wait. A real HTTP client against a stand-in service on the loopback.
   */
  @Test
  void s004_network_timeouts() throws Exception {
    StalledInventory inventory = new StalledInventory(demo.gate(), demo.pool(2));
    demo.atEnd(inventory::close);
    HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(demo.pool(2)).build();
    demo.atEnd(http::shutdownNow);

    AtomicInteger brokenStock = new AtomicInteger(-1);
    BrokenInventoryClient broken = new BrokenInventoryClient(http, inventory.uri());
    DemoThread brokenCheckout =
        demo.start("broken-checkout", () -> brokenStock.set(broken.stockLevel("kettle")));
    inventory.awaitRequests(1);

    InventoryClient correct = new InventoryClient(http, inventory.uri(), Duration.ofMillis(100));
    assertEquals(OptionalInt.empty(), correct.stockLevel("kettle"), "\"stock unknown\"");
    inventory.awaitRequests(1); // the correct lookup did reach the stalled service
    assertTrue(brokenCheckout.isAlive(), "the lookup without a timeout is still waiting");

    inventory.stall().open(); // only an answer from the service ends that wait
    demo.join(brokenCheckout);
    assertEquals(7, brokenStock.get());
  }

  /**
   * 004-taskgroup-vs-gather: allOf(..).join() waits for every other shop after one failed and
   * cancels none; the task-group shape cancels the slow shop and fails at once.
   */
  @Test
  void s004_taskgroup_vs_gather() throws Exception {
    FanOut brokenShops = new FanOut(demo.gate(), "cheapo", "slowmart");
    ExecutorService brokenPool = demo.pool(2);
    BrokenPriceComparison broken = new BrokenPriceComparison(brokenPool);
    List<BrokenPriceComparison.Shop> brokenQuotes =
        List.of(product -> quote(brokenShops, "cheapo"), product -> quote(brokenShops, "slowmart"));
    DemoThread comparing =
        demo.start(
            "compare",
            () -> {
              assertThrows(
                  CompletionException.class, () -> broken.cheapest("kettle", brokenQuotes));
              brokenShops.note("comparison failed");
            });
    brokenShops.awaitFailed();
    brokenShops.slow().open(); // slowmart answers, at some point after cheapo failed
    demo.join(comparing);
    assertEquals(
        List.of("slowmart", "comparison failed"),
        brokenShops.completed(),
        "the failure surfaced only once slowmart had finished a quote nobody would use");

    FanOut shops = new FanOut(demo.gate(), "cheapo", "slowmart");
    ExecutorService pool = demo.pool(2);
    PriceComparison correct = new PriceComparison(pool);
    List<PriceComparison.Shop> quotes =
        List.of(product -> quote(shops, "cheapo"), product -> quote(shops, "slowmart"));
    // The correct version waits for the quotes in list order; the failing shop is listed first.
    assertThrows(ExecutionException.class, () -> correct.cheapest("kettle", quotes));
    shops.slow().awaitInterrupted();
    pool.shutdown();
    awaitTermination(pool);
    assertEquals(List.of(), shops.completed(), "slowmart was cancelled");
  }

  private static long quote(FanOut shops, String shop) {
    return shops.runUnchecked(shop).length() * 100L;
  }

  /**
   * Every scenario in the corpus has a demonstration here, named after its package, or a
   * "compile-time only" row in the README's "Run-time demonstrations" table; the table names the
   * tests that exist.
   */
  @Test
  void everyScenarioIsDemonstratedOrListedAsCompileTimeOnly() throws IOException {
    Map<String, String> table = demonstrationTable();
    Set<String> demos = new TreeSet<>();
    for (Method method : RuntimeDemoTest.class.getDeclaredMethods()) {
      if (method.isAnnotationPresent(Test.class) && method.getName().matches("s\\d{3}_\\w+")) {
        demos.add(method.getName());
      }
    }
    Set<String> scenarios = new TreeSet<>();
    SampleCorpus.samples().forEach(sample -> scenarios.add(sample.scenario()));
    for (String scenario : scenarios) {
      String test = "s" + scenario.replace('-', '_');
      String row = table.get(scenario);
      if (demos.remove(test)) {
        assertEquals("`" + test + "`", row, scenario + ": README row must name " + test);
      } else {
        assertEquals(
            "compile-time only",
            row,
            scenario
                + ": add RuntimeDemoTest."
                + test
                + ", or list it as compile-time only (with the reason) in samples/README.md");
      }
    }
    assertEquals(Set.of(), demos, "demonstrations of scenarios that have no samples");
    assertEquals(scenarios, table.keySet(), "README rows for scenarios that have no samples");
  }

  /** The README's "Run-time demonstrations" table: scenario to its second column. */
  private static Map<String, String> demonstrationTable() throws IOException {
    Map<String, String> rows = new TreeMap<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Run-time demonstrations");
      } else if (inSection && line.matches("\\| \\d{3}-.*")) {
        String[] cells = line.split("\\|");
        rows.put(cells[1].strip(), cells[2].strip());
      }
    }
    return rows;
  }
}
