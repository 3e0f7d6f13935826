package io.enginebench.loadgen.reliability;

import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.FaultConfig;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.loadgen.sse.SseDecoder;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.enginebench.loadgen.reliability.RawSocketServer.After;
import static io.enginebench.loadgen.reliability.RawSocketServer.DONE;
import static io.enginebench.loadgen.reliability.RawSocketServer.finishEvent;
import static io.enginebench.loadgen.reliability.RawSocketServer.healthyStream;
import static io.enginebench.loadgen.reliability.RawSocketServer.textEvent;
import static io.enginebench.loadgen.reliability.RawSocketServer.usageEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The load generator's fault matrix: each case runs six requests of {@code single_request_latency} through the real
 * {@code ScenarioRunner} and Netty client against a misbehaving server (the simulator's fault knobs, or a raw socket
 * server scripted byte by byte) and checks the outcome of every request, that the run goes on and ends in time, and
 * that the counts reach the manifest and the printed summary. docs/RELIABILITY.md lists the cases.
 */
class FaultMatrixTest {
    private static final int REQUESTS = 6;
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(400);

    @TempDir
    Path out;

    // ---- connection level ----

    @Test
    void connectionRefusedIsConnectError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        FaultRun r = run(FaultRun.vllmAt("http://127.0.0.1:" + port));
        assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> {
            assertThat(x.outcome()).isEqualTo("connect_error");
            assertThat(x.httpStatus()).isNull();
            assertThat(x.error()).contains("cannot connect");
        });
        assertCounted(r, Map.of("connect_error", 6L), "outcomes: connect_error 6");
    }

    @Test
    void resetBeforeHeadersIsStreamError() throws Exception {
        try (RawSocketServer server = new RawSocketServer((ex, n) -> ex.reset())) {
            FaultRun r = run(FaultRun.vllmAt(server.baseUrl()));
            assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> {
                assertThat(x.outcome()).isEqualTo("stream_error");
                assertThat(x.headersNs()).isNull();
                assertThat(x.httpStatus()).isNull();
                assertThat(x.error()).isNotBlank();
            });
            assertCounted(r, Map.of("stream_error", 6L), "outcomes: stream_error 6");
        }
    }

    @Test
    void resetMidStreamIsStreamErrorAndKeepsTheChunksThatArrived() throws Exception {
        try (RawSocketServer server = new RawSocketServer((ex, n) -> {
            if (n % 2 == 1) {
                healthyStream(ex, 4);
                return After.KEEP_ALIVE;
            }
            ex.sseHeaders();
            ex.chunk(textEvent(" a"));
            ex.chunk(textEvent(" b"));
            sleep(50); // let both events arrive before the reset
            return ex.reset();
        })) {
            FaultRun r = run(FaultRun.vllmAt(server.baseUrl()));
            assertAlternating(r, "stream_error", x -> {
                assertThat(x.httpStatus()).isEqualTo(200);
                assertThat(x.contentChunkCount()).isEqualTo(2);
                assertThat(x.chunkOffsetsNs()).hasSize(2);
                assertThat(x.completedNs()).isGreaterThanOrEqualTo(x.lastTokenNs());
            });
            assertCounted(r, Map.of("ok", 3L, "stream_error", 3L), "outcomes: ok 3, stream_error 3");
        }
    }

    // ---- HTTP level ----

    @Test
    void http429And500And503AreHttpErrorsWithTheirBody() throws Exception {
        int[] statuses = {429, 500, 503};
        try (RawSocketServer server = new RawSocketServer((ex, n) -> {
            int code = statuses[n % 3];
            ex.status(code, "Err", "{\"error\":{\"message\":\"failure number " + n + "\",\"code\":" + code + "}}");
            return After.KEEP_ALIVE;
        })) {
            FaultRun r = run(FaultRun.vllmAt(server.baseUrl()));
            assertThat(r.requests()).extracting(RequestRecord::httpStatus).containsExactly(429, 500, 503, 429, 500, 503);
            for (RequestRecord x : r.requests()) {
                assertThat(x.outcome()).isEqualTo("http_error");
                assertThat(x.error()).isEqualTo("{\"error\":{\"message\":\"failure number " + x.requestIndex()
                        + "\",\"code\":" + x.httpStatus() + "}}");
                assertThat(x.contentChunkCount()).isZero();
            }
            assertCounted(r, Map.of("http_error", 6L), "outcomes: http_error 6");
        }
    }

    @Test
    void simulatorErrorFaultIsHttpError() throws Exception {
        try (SimServer sim = sim(FaultConfig.NONE.with("error=1.0:503"))) {
            FaultRun r = run(simTarget(sim));
            assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> {
                assertThat(x.outcome()).isEqualTo("http_error");
                assertThat(x.httpStatus()).isEqualTo(503);
                assertThat(x.error()).contains("injected fault");
            });
            assertCounted(r, Map.of("http_error", 6L), "outcomes: http_error 6");
        }
    }

    // ---- stream content ----

    @Test
    void malformedSseLinesAreIgnored() throws Exception {
        try (RawSocketServer server = new RawSocketServer((ex, n) -> {
            ex.sseHeaders();
            ex.chunk(": keep-alive comment\n\nevent: message\nid: 7\nretry: 10\ngarbage line without a colon\n\n");
            ex.chunk(textEvent(" x"));
            ex.chunk("nonsense: field\n" + textEvent(" y"));
            ex.chunk(finishEvent() + usageEvent(2) + DONE);
            ex.endChunks();
            return After.KEEP_ALIVE;
        })) {
            FaultRun r = run(FaultRun.vllmAt(server.baseUrl()));
            assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> {
                assertThat(x.outcome()).isEqualTo("ok");
                assertThat(x.contentChunkCount()).isEqualTo(2);
                assertThat(x.outputChars()).isEqualTo(4);
            });
            assertCounted(r, Map.of("ok", 6L), "outcomes: ok 6");
        }
    }

    @Test
    void invalidJsonChunkIsStreamError() throws Exception {
        try (RawSocketServer server = new RawSocketServer((ex, n) -> {
            if (n % 2 == 1) {
                healthyStream(ex, 3);
                return After.KEEP_ALIVE;
            }
            ex.sseHeaders();
            ex.chunk(textEvent(" ok"));
            ex.chunk("data: {\"choices\":[{\"text\":\"broken\n\n");
            ex.chunk(textEvent(" never counted") + DONE);
            ex.endChunks();
            return After.KEEP_ALIVE;
        })) {
            FaultRun r = run(FaultRun.vllmAt(server.baseUrl()));
            assertAlternating(r, "stream_error", x -> {
                assertThat(x.error()).startsWith("malformed stream event");
                assertThat(x.contentChunkCount()).isEqualTo(1);
            });
            assertCounted(r, Map.of("ok", 3L, "stream_error", 3L), "outcomes: ok 3, stream_error 3");
        }
    }

    /**
     * Decision: a body that ends cleanly after a finish_reason but without {@code [DONE]} is ok (the generation
     * finished and nothing was lost); without a finish_reason it is a stream_error.
     */
    @Test
    void missingDoneIsOkAfterAFinishReasonAndStreamErrorWithoutOne() throws Exception {
        try (RawSocketServer server = new RawSocketServer((ex, n) -> {
            ex.sseHeaders();
            ex.chunk(textEvent(" a") + textEvent(" b"));
            if (n % 2 == 1) ex.chunk(finishEvent() + usageEvent(2));
            ex.endChunks();
            return After.KEEP_ALIVE;
        })) {
            FaultRun r = run(FaultRun.vllmAt(server.baseUrl()));
            assertAlternating(r, "stream_error", x -> assertThat(x.error()).contains("without [DONE]"));
            assertThat(r.requests()).filteredOn(RequestRecord::isOk).allSatisfy(x -> {
                assertThat(x.finishReason()).isEqualTo("length");
                assertThat(x.usageReported()).isTrue();
                assertThat(x.completionTokens()).isEqualTo(2);
            });
            assertCounted(r, Map.of("ok", 3L, "stream_error", 3L), "outcomes: ok 3, stream_error 3");
        }
    }

    @Test
    void connectionClosedInsideTheChunkedBodyIsStreamErrorEvenAfterAFinishReason() throws Exception {
        try (RawSocketServer server = new RawSocketServer((ex, n) -> {
            ex.sseHeaders();
            ex.chunk(textEvent(" a") + finishEvent() + usageEvent(1));
            sleep(30);
            return After.CLOSE; // FIN without the terminating chunk
        })) {
            FaultRun r = run(FaultRun.vllmAt(server.baseUrl()));
            assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> {
                assertThat(x.outcome()).isEqualTo("stream_error");
                assertThat(x.contentChunkCount()).isEqualTo(1);
            });
            assertCounted(r, Map.of("stream_error", 6L), "outcomes: stream_error 6");
        }
    }

    @Test
    void simulatorDisconnectIsStreamError() throws Exception {
        try (SimServer sim = sim(FaultConfig.NONE.with("disconnect=1.0"))) {
            FaultRun r = run(simTarget(sim));
            assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> {
                assertThat(x.outcome()).isEqualTo("stream_error");
                assertThat(x.httpStatus()).isEqualTo(200);
            });
            assertCounted(r, Map.of("stream_error", 6L), "outcomes: stream_error 6");
        }
    }

    @Test
    void oversizedEventIsStreamErrorWithoutBufferingIt() throws Exception {
        String big = "x".repeat(1 << 20);     // one 1 MiB event: beyond the bound
        String large = "y".repeat(100_000);   // 100 KB: within it
        try (RawSocketServer server = new RawSocketServer((ex, n) -> {
            ex.sseHeaders();
            ex.chunk(textEvent(n % 2 == 0 ? big : large));
            ex.chunk(finishEvent() + usageEvent(1) + DONE);
            ex.endChunks();
            return After.KEEP_ALIVE;
        })) {
            FaultRun r = run(FaultRun.vllmAt(server.baseUrl()));
            assertAlternating(r, "stream_error", x -> {
                assertThat(x.error()).contains("larger than " + SseDecoder.MAX_EVENT_BYTES + " bytes");
                assertThat(x.outputChars()).isZero();
            });
            assertThat(r.requests()).filteredOn(RequestRecord::isOk)
                    .allSatisfy(x -> assertThat(x.outputChars()).isEqualTo(100_000));
            assertCounted(r, Map.of("ok", 3L, "stream_error", 3L), "outcomes: ok 3, stream_error 3");
        }
    }

    // ---- time ----

    @Test
    void simulatorStallForeverHitsTheIdleTimeout() throws Exception {
        try (SimServer sim = sim(FaultConfig.NONE.with("stall=1.0:forever"))) {
            FaultRun r = run(simTarget(sim));
            assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> {
                assertThat(x.outcome()).isEqualTo("timeout");
                assertThat(x.error()).startsWith("idle timeout");
                assertThat(x.httpStatus()).isEqualTo(200);
                long silent = x.completedNs() - (x.lastTokenNs() != null ? x.lastTokenNs() : x.headersNs());
                assertThat(silent).isGreaterThanOrEqualTo(IDLE_TIMEOUT.toNanos() - 5_000_000L);
            });
            assertCounted(r, Map.of("timeout", 6L), "outcomes: timeout 6");
        }
    }

    @Test
    void simulatorStallShorterThanTheIdleTimeoutIsOk() throws Exception {
        try (SimServer sim = sim(FaultConfig.NONE.with("stall=1.0:1000"))) { // 200 ms real at speed 5
            FaultRun r = run(simTarget(sim), REQUEST_TIMEOUT, Duration.ofSeconds(2));
            assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> assertThat(x.outcome()).isEqualTo("ok"));
            assertCounted(r, Map.of("ok", 6L), "outcomes: ok 6");
        }
    }

    @Test
    void headersThenSilenceForeverHitsTheIdleTimeout() throws Exception {
        try (RawSocketServer server = new RawSocketServer((ex, n) -> {
            ex.sseHeaders();
            return After.HOLD;
        })) {
            FaultRun r = run(FaultRun.vllmAt(server.baseUrl()));
            assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> {
                assertThat(x.outcome()).isEqualTo("timeout");
                assertThat(x.headersNs()).isNotNull();
                assertThat(x.firstChunkNs()).isNull();
                assertThat(x.error()).startsWith("idle timeout");
            });
            assertCounted(r, Map.of("timeout", 6L), "outcomes: timeout 6");
        }
    }

    @Test
    void slowHeadersPastTheRequestDeadlineAreTimeouts() throws Exception {
        try (SimServer sim = sim(FaultConfig.NONE.with("slow-headers=3000"))) { // 600 ms real
            FaultRun r = run(simTarget(sim), Duration.ofMillis(300), Duration.ofSeconds(2));
            assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> {
                assertThat(x.outcome()).isEqualTo("timeout");
                assertThat(x.headersNs()).isNull();
                assertThat(x.error()).contains("deadline of 300 ms");
            });
            assertCounted(r, Map.of("timeout", 6L), "outcomes: timeout 6");
        }
    }

    @Test
    void slowHeadersWithinTheLimitsAreOkAndTimed() throws Exception {
        try (SimServer sim = sim(FaultConfig.NONE.with("slow-headers=1000"))) { // 200 ms real
            FaultRun r = run(simTarget(sim), REQUEST_TIMEOUT, Duration.ofSeconds(1));
            assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> {
                assertThat(x.outcome()).isEqualTo("ok");
                assertThat(x.headersNs() - x.sentNs()).isGreaterThanOrEqualTo(180_000_000L);
            });
            assertCounted(r, Map.of("ok", 6L), "outcomes: ok 6");
        }
    }

    @Test
    void keepAliveAfterDoneReusesOneConnection() throws Exception {
        Set<Socket> used = ConcurrentHashMap.newKeySet();
        try (RawSocketServer server = new RawSocketServer((ex, n) -> {
            used.add(ex.socket);
            healthyStream(ex, 3);
            return After.KEEP_ALIVE; // the connection stays open for the next request
        })) {
            FaultRun r = run(FaultRun.vllmAt(server.baseUrl()));
            assertThat(r.requests()).hasSize(REQUESTS).allSatisfy(x -> assertThat(x.outcome()).isEqualTo("ok"));
            assertThat(used).hasSize(1);
            assertCounted(r, Map.of("ok", 6L), "outcomes: ok 6");
        }
    }

    @Test
    void doneWithoutEndOfBodyCompletesAtDoneAndFreesTheConnection() throws Exception {
        Duration idle = Duration.ofSeconds(3);
        try (RawSocketServer server = new RawSocketServer((ex, n) -> {
            ex.sseHeaders();
            ex.chunk(textEvent(" a") + textEvent(" b") + finishEvent() + usageEvent(2));
            sleep(20);
            ex.chunk(DONE);
            return After.HOLD; // neither the terminating chunk nor a close, ever
        })) {
            FaultRun r = run(FaultRun.vllmAt(server.baseUrl()), Duration.ofSeconds(10), idle);
            List<RequestRecord> rs = r.requests();
            assertThat(rs).hasSize(REQUESTS).allSatisfy(x -> {
                assertThat(x.outcome()).isEqualTo("ok");
                assertThat(x.completedNs() - x.lastTokenNs()).isGreaterThanOrEqualTo(15_000_000L)
                        .isLessThan(idle.toNanos() / 2);
            });
            // the next request does not wait for the idle timeout to free the only connection
            for (int i = 1; i < rs.size(); i++) {
                assertThat(rs.get(i).sentNs() - rs.get(i - 1).completedNs()).isLessThan(idle.toNanos() / 3);
            }
            assertCounted(r, Map.of("ok", 6L), "outcomes: ok 6");
        }
    }

    // ---- helpers ----

    private FaultRun run(EngineTarget target) {
        return run(target, REQUEST_TIMEOUT, IDLE_TIMEOUT);
    }

    private FaultRun run(EngineTarget target, Duration requestTimeout, Duration idleTimeout) {
        return assertTimeoutPreemptively(RUN_DEADLINE,
                () -> FaultRun.of(out, target, REQUESTS, requestTimeout, idleTimeout));
    }

    private static SimServer sim(FaultConfig faults) {
        return SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(5).withFaults(faults));
    }

    private static EngineTarget simTarget(SimServer sim) {
        return new EngineTarget(EngineKind.SIM, "vllm", sim.baseUrl(), sim.config().modelName(), null);
    }

    /** Even request indexes failed with {@code outcome} (and pass {@code check}); odd ones are ok. */
    private static void assertAlternating(FaultRun r, String outcome,
                                          java.util.function.Consumer<RequestRecord> check) {
        assertThat(r.requests()).hasSize(REQUESTS);
        for (RequestRecord x : r.requests()) {
            if (x.requestIndex() % 2 == 0) {
                assertThat(x.outcome()).as("request %d", x.requestIndex()).isEqualTo(outcome);
                check.accept(x);
            } else {
                assertThat(x.outcome()).as("request %d", x.requestIndex()).isEqualTo("ok");
            }
        }
    }

    private static void assertCounted(FaultRun r, Map<String, Long> expected, String summaryLine) {
        assertThat(r.manifest().status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(r.manifest().outcomes()).isEqualTo(expected);
        assertThat(r.console()).contains(summaryLine + "\n");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
