package io.enginebench.loadgen.client;

import io.enginebench.loadgen.openai.Usage;
import io.enginebench.trace.Outcome;
import io.enginebench.trace.UserFacingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NettyStreamingClientTest {
    private static final double MS = 1e6;
    private static final byte[] BODY = "{\"model\":\"m\",\"prompt\":\"hi\",\"stream\":true}".getBytes(StandardCharsets.UTF_8);

    private ScriptedSseServer server;
    private NettyStreamingClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static StreamRequest request(Duration timeout, Duration idle) {
        return new StreamRequest("/v1/completions", BODY, timeout, idle);
    }

    private StreamResult send(StreamRequest r) throws Exception {
        return client.send(r).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRequestThatWaitsForTheOnlyConnectionReportsThatWaitAndIsSentAfterwards() throws Exception {
        server = new ScriptedSseServer(ScriptedSseServer.schedule(20, 5, 10, 7)); // about 70 ms per response
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(1));
        StreamResult opening = send(request(Duration.ofSeconds(5), Duration.ofSeconds(2))); // later ones reuse it
        assertThat(opening.poolWaitNanos()).as("opening a connection is not waiting for one").isZero();

        long asked = System.nanoTime();
        var first = client.send(request(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        var second = client.send(request(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        StreamResult a = first.get(10, TimeUnit.SECONDS);
        StreamResult b = second.get(10, TimeUnit.SECONDS);

        assertThat(a.outcome()).isEqualTo(Outcome.OK);
        assertThat(b.outcome()).isEqualTo(Outcome.OK);
        // the first may wait a moment for the opening request to hand its connection back; the second waits a whole
        // response
        assertThat(a.poolWaitNanos()).isLessThan(b.poolWaitNanos());
        assertThat(b.sentNanos()).as("the second goes out once the first is done").isGreaterThanOrEqualTo(a.completedNanos());
        assertThat(b.poolWaitNanos()).as("it waited about as long as the first took")
                .isGreaterThanOrEqualTo(a.completedNanos() - a.sentNanos() - 5_000_000L)
                .isLessThanOrEqualTo(b.sentNanos() - asked);
    }

    @Test
    void aRequestSentAsAResponseCompletesTakesThatConnectionInsteadOfOpeningAnother() throws Exception {
        // a closed loop's pattern: each of 4 users sends its next request from the previous one's completion, which
        // comes with [DONE] while the response's last bytes still hold the connection; the pool may open 16
        server = new ScriptedSseServer(ScriptedSseServer.schedule(0, 3, 1, 5));
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(16));
        int users = 4;
        int perUser = 25;
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(users);
        java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
        StreamRequest r = request(Duration.ofSeconds(10), Duration.ofSeconds(5));
        for (int u = 0; u < users; u++) {
            new Runnable() {
                int left = perUser;

                @Override
                public void run() {
                    client.send(r).whenComplete((res, e) -> {
                        if (res != null && res.outcome() == Outcome.OK) ok.incrementAndGet();
                        if (--left > 0) run();
                        else done.countDown();
                    });
                }
            }.run();
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.get()).isEqualTo(users * perUser);
        assertThat(server.connections.get()).as("one connection per user, each handed on as its response ends")
                .isEqualTo(users);
    }

    @Test
    void measuredTimesFollowTheServersSchedule() throws Exception {
        // headers after 20 ms, 10 events 15 ms apart, then finish + usage + [DONE]
        server = new ScriptedSseServer(ScriptedSseServer.schedule(20, 10, 15, 42));
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(1));
        send(request(Duration.ofSeconds(5), Duration.ofSeconds(2))); // warm-up: class loading, JIT
        server.eventWriteNanos.clear();

        StreamResult r = send(request(Duration.ofSeconds(5), Duration.ofSeconds(2)));

        assertThat(r.outcome()).isEqualTo(Outcome.OK);
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.contentChunkCount()).isEqualTo(10);
        assertThat(r.chunkNanos()).hasSize(10);
        assertThat(r.chunkTokens()).containsOnly(1);
        assertThat(r.usage()).isEqualTo(new Usage(42, 10, null));
        assertThat(r.finishReason()).isEqualTo("length");
        assertThat(r.text()).isEqualTo("t0t1t2t3t4t5t6t7t8t9");
        assertThat(server.connections.get()).as("keep-alive: one connection for both requests").isEqualTo(1);

        // Schedule: headers +20 ms, first token +35 ms, then 15 ms gaps. Nothing can arrive before it was scheduled or
        // written (the server's write times are on the same JVM clock), and each byte is stamped as it arrives, not
        // when the stream ends. How soon after the write it is stamped (client-added latency) is a speed claim that a
        // busy machine breaks: `scripts/bench-perf e2e` measures it (docs/PERFORMANCE.md), this test does not.
        double headersMs = (r.headersNanos() - r.sentNanos()) / MS;
        double ttftMs = (r.firstTokenNanos() - r.sentNanos()) / MS;
        double meanGapMs = (r.lastTokenNanos() - r.firstTokenNanos()) / MS / 9;
        assertThat(headersMs).isGreaterThanOrEqualTo(19.0);
        assertThat(ttftMs).isGreaterThanOrEqualTo(34.0);
        double serverMeanGapMs = (server.eventWriteNanos.get(9) - server.eventWriteNanos.get(0)) / MS / 9;
        double[] delaysMs = new double[10];
        for (int i = 0; i < 10; i++) {
            long delay = r.chunkNanos()[i] - server.eventWriteNanos.get(i);
            assertThat(delay).as("chunk %d arrived after it was written", i).isPositive();
            delaysMs[i] = delay / MS;
        }
        assertThat(r.chunkNanos()).as("stamped in arrival order").isSorted();
        // streamed, not buffered: the first chunk was stamped before the server wrote the last (135 ms later)
        assertThat(r.chunkNanos()[0]).isLessThan(server.eventWriteNanos.get(9));
        assertThat(r.headersNanos()).as("headers stamped when they arrived, before the stream ended")
                .isGreaterThan(server.headersWriteNanos.get(server.headersWriteNanos.size() - 1))
                .isLessThan(server.eventWriteNanos.get(9));
        java.util.Arrays.sort(delaysMs);
        double medianDelayMs = (delaysMs[4] + delaysMs[5]) / 2;
        assertThat(r.firstChunkNanos()).isEqualTo(r.firstTokenNanos());
        assertThat(r.completedNanos()).isGreaterThanOrEqualTo(r.lastTokenNanos());
        System.out.printf("epoll=%s headers %.2f ms, ttft %.2f ms, mean gap %.2f ms (server %.2f), mean server->client"
                        + " delay median %.3f ms%n", client.nativeTransport(), headersMs, ttftMs, meanGapMs, serverMeanGapMs,
                medianDelayMs);
    }

    @Test
    void concurrentRequestsUseAtMostTheConfiguredConnections() throws Exception {
        server = new ScriptedSseServer(ScriptedSseServer.schedule(5, 3, 5, 1));
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(2));
        var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<StreamResult>>();
        for (int i = 0; i < 6; i++) {
            futures.add(client.send(request(Duration.ofSeconds(5), Duration.ofSeconds(2))));
        }
        for (var f : futures) {
            assertThat(f.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.OK);
        }
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void non200KeepsStatusAndTruncatedBody() throws Exception {
        server = new ScriptedSseServer(ScriptedSseServer.status(503, "{\"error\":\"overloaded\"}"));
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(1));
        StreamResult r = send(request(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        assertThat(r.outcome()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(r.httpStatus()).isEqualTo(503);
        assertThat(r.error()).isEqualTo("{\"error\":\"overloaded\"}");

        server.script(ScriptedSseServer.status(400, "x".repeat(10_000)));
        StreamResult big = send(request(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        assertThat(big.httpStatus()).isEqualTo(400);
        assertThat(big.error()).startsWith("xxxx").hasSize(StreamExchange.MAX_ERROR_BODY_BYTES + 1).endsWith("…");
        assertThat(server.connections.get()).as("error responses keep the connection").isEqualTo(1);
    }

    @Test
    void refusedConnectionIsConnectError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        client = NettyStreamingClient.create("http://127.0.0.1:" + port, ClientOptions.forConcurrency(1));
        StreamResult r = send(request(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        assertThat(r.outcome()).isEqualTo(Outcome.CONNECT_ERROR);
        assertThat(r.error()).contains("127.0.0.1:" + port);
        assertThat(r.httpStatus()).isNull();
    }

    @Test
    void silentServerHitsIdleTimeoutAndKeepsWhatArrived() throws Exception {
        server = new ScriptedSseServer(ScriptedSseServer.stallAfter(2));
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(1));
        StreamResult r = send(request(Duration.ofSeconds(5), Duration.ofMillis(150)));
        assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(r.error()).contains("idle");
        assertThat(r.contentChunkCount()).isEqualTo(2);
        double silentMs = (r.completedNanos() - r.lastTokenNanos()) / MS;
        // never before the idle timeout; how promptly after it depends on the machine's load, so only a loose bound
        assertThat(silentMs).isGreaterThanOrEqualTo(145.0).isLessThan(5_000.0);
    }

    @Test
    void slowDripHitsTheRequestDeadline() throws Exception {
        server = new ScriptedSseServer(ScriptedSseServer.drip(20));
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(1));
        StreamResult r = send(request(Duration.ofMillis(200), Duration.ofSeconds(2)));
        assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(r.error()).contains("deadline");
        assertThat(r.contentChunkCount()).isGreaterThan(3);
        // never before the deadline; the request's own 2 s idle timeout is far off, so the deadline is what ended it
        assertThat((r.completedNanos() - r.sentNanos()) / MS).isGreaterThanOrEqualTo(195.0).isLessThan(2_000.0);
    }

    @Test
    void resetMidStreamIsStreamErrorAndNextRequestStillWorks() throws Exception {
        server = new ScriptedSseServer(ScriptedSseServer.resetAfter(3));
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(1));
        StreamResult r = send(request(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        assertThat(r.outcome()).isEqualTo(Outcome.STREAM_ERROR);
        assertThat(r.contentChunkCount()).isEqualTo(3);
        assertThat(r.headersNanos()).isNotNull();

        server.script(ScriptedSseServer.schedule(0, 2, 1, 3));
        assertThat(send(request(Duration.ofSeconds(5), Duration.ofSeconds(2))).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void staleKeepAliveConnectionIsRetriedOnceOnAFreshOne() throws Exception {
        server = new ScriptedSseServer(ScriptedSseServer.oneRequestPerConnection(ScriptedSseServer.schedule(0, 2, 1, 3)));
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(1));
        assertThat(send(request(Duration.ofSeconds(5), Duration.ofSeconds(2))).outcome()).isEqualTo(Outcome.OK);
        StreamResult second = send(request(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        assertThat(second.outcome()).isEqualTo(Outcome.OK);
        assertThat(second.contentChunkCount()).isEqualTo(2);
        assertThat(server.connections.get()).isEqualTo(2);
        assertThat(server.requestBodies).hasSize(3); // the dropped attempt reached the server but got no answer
    }

    @Test
    void errorEventInsideStreamIsStreamError() throws Exception {
        server = new ScriptedSseServer(ScriptedSseServer.raw(
                "data: " + ScriptedSseServer.textChunk("a") + "\n\ndata: {\"error\":{\"message\":\"engine died\"}}\n\n"));
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(1));
        StreamResult r = send(request(Duration.ofSeconds(5), Duration.ofSeconds(2)));
        assertThat(r.outcome()).isEqualTo(Outcome.STREAM_ERROR);
        assertThat(r.error()).contains("engine died");
        assertThat(r.text()).isEqualTo("a");
    }

    @Test
    void bearerTokenComesFromTheNamedVariableAndStaysOutOfToString() throws Exception {
        server = new ScriptedSseServer(ScriptedSseServer.schedule(0, 1, 1, 1));
        Map<String, String> env = Map.of("BENCH_API_KEY", "s3cret-value");
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(1).withApiKeyEnv("BENCH_API_KEY"),
                env::get);
        assertThat(send(request(Duration.ofSeconds(5), Duration.ofSeconds(2))).outcome()).isEqualTo(Outcome.OK);
        assertThat(server.authorizationHeaders).containsExactly("Bearer s3cret-value");
        assertThat(server.requestBodies).containsExactly(new String(BODY, StandardCharsets.UTF_8));
        assertThat(client.toString()).doesNotContain("s3cret");
    }

    @Test
    void eachRequestCarriesItsIdAsXRequestIdAndOneWithoutAnIdSendsNone() throws Exception {
        server = new ScriptedSseServer(ScriptedSseServer.schedule(0, 1, 1, 1));
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(1));
        StreamRequest plain = request(Duration.ofSeconds(5), Duration.ofSeconds(2));
        assertThat(send(plain.withRequestId("run-a-0")).outcome()).isEqualTo(Outcome.OK);
        assertThat(send(plain.withRequestId("run-a-1")).outcome()).isEqualTo(Outcome.OK);
        assertThat(send(plain).outcome()).isEqualTo(Outcome.OK);
        assertThat(server.requestIdHeaders).containsExactly("run-a-0", "run-a-1", "");
    }

    @Test
    void missingApiKeyVariableIsAUserError() {
        assertThatThrownBy(() -> NettyStreamingClient.create("http://127.0.0.1:1",
                ClientOptions.forConcurrency(1).withApiKeyEnv("NOPE_KEY"), name -> null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("NOPE_KEY");
    }

    @Test
    void closingTheClientCancelsRequestsInFlight() throws Exception {
        server = new ScriptedSseServer(ScriptedSseServer.stallAfter(1));
        client = NettyStreamingClient.create(server.baseUrl(), ClientOptions.forConcurrency(1));
        var f = client.send(request(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        Thread.sleep(100);
        client.close();
        assertThat(f.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.CANCELLED);
        client = null;
    }
}
