package io.enginebench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.loadgen.matrix.MatrixManifest;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.trace.TraceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard over a temporary results folder, a run against the in-process simulator written to its journal as
 * it goes, and a WebSocket subscriber: the counts it receives grow while the run goes on, and the run shows as
 * complete once sealed. No warehouse exists, so Spark is never started.
 */
class DashboardEndToEndTest {
    @TempDir Path tmp;

    @Test
    void liveFeedFollowsARunAsItsJournalGrows() throws Exception {
        Path results = tmp.resolve("raw-results");
        DashboardConfig cfg = DashboardConfig.defaults().withPort(0)
                .withDirs(results, tmp.resolve("warehouse"), tmp.resolve("reports"));
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED).withSpeed(20));
             DashboardServer dashboard = DashboardServer.start(cfg);
             LiveFeedClient feed = new LiveFeedClient(dashboard.port())) {
            JsonNode hello = feed.await(m -> m.path("type").asText().equals("hello"), Duration.ofSeconds(5));
            assertThat(hello.path("runs").size()).isZero();
            new MatrixManifest("m1", "2026-11-28T00:00:00Z", "2026-11-28T00:01:00Z", "running", List.of(
                    new MatrixManifest.CellState("a", "sim-fixed", "vllm", "vllm", "steady_chat", 1, "complete", "x", null),
                    new MatrixManifest.CellState("b", "sim-fixed", "sglang", "sglang", "steady_chat", 1, "running", null,
                            null))).write(results);
            JsonNode matrix = feed.await(m -> m.path("matrices").size() == 1, Duration.ofSeconds(5))
                    .path("matrices").get(0);
            assertThat(matrix.path("matrix_id").asText()).isEqualTo("m1");
            assertThat(matrix.path("cells").get(1).path("status").asText()).isEqualTo("running");

            try (SimRunDriver run = new SimRunDriver(results, sim.baseUrl(), "steady_chat")) {
                run.requests(8, 4);
                run.scrapeMetrics();
                JsonNode first = feed.await(m -> done(m, run.runId()) >= 8, Duration.ofSeconds(10));
                JsonNode view = LiveFeedClient.run(first, run.runId());
                assertThat(view.path("status").asText()).isEqualTo("running");
                assertThat(view.path("scenario").asText()).isEqualTo("steady_chat");
                assertThat(view.path("simulated").asBoolean()).isTrue();
                assertThat(view.path("in_flight_estimate").asInt()).isEqualTo(4);
                assertThat(view.path("idle_s").asDouble()).isBetween(0.0, 5.0);

                run.requests(8, 4);
                run.scrapeMetrics();
                JsonNode second = feed.await(m -> done(m, run.runId()) >= 16
                        && LiveFeedClient.run(m, run.runId()).path("latest").hasNonNull("kv_cache_usage"),
                        Duration.ofSeconds(10));
                JsonNode latest = LiveFeedClient.run(second, run.runId()).path("latest");
                assertThat(latest.path("requests_done").asLong()).isEqualTo(16);
                assertThat(latest.path("requests_failed").asLong()).isZero();
                assertThat(latest.path("ttft_p50_ms").asDouble()).isPositive();
                assertThat(latest.path("ttft_p99_ms").asDouble()).isGreaterThanOrEqualTo(latest.path("ttft_p50_ms").asDouble());
                assertThat(latest.path("tpot_p50_ms").asDouble()).isPositive();
                assertThat(latest.path("tokens_per_s").asDouble()).isPositive();
                assertThat(latest.path("seq").asLong()).isGreaterThan(view.path("latest").path("seq").asLong());

                // counts seen over the socket never go down and did pass through both batches
                List<Long> counts = new ArrayList<>();
                for (JsonNode m : feed.messages) if (done(m, run.runId()) >= 0) counts.add(done(m, run.runId()));
                assertThat(counts).isSorted().contains(16L);
                assertThat(counts.get(0)).isLessThan(16L);

                JsonNode status = get(dashboard, "/api/status");
                assertThat(status.path("runs").get(0).path("run_id").asText()).isEqualTo(run.runId());
                assertThat(status.path("matrices").get(0).path("matrix_id").asText()).isEqualTo("m1");
                JsonNode runs = get(dashboard, "/api/runs?scenario=steady_chat");
                assertThat(runs.path("warehouse").asBoolean()).isFalse();
                assertThat(runs.path("runs").get(0).path("run_uid").asText()).isEqualTo(run.runId());
                assertThat(runs.path("runs").get(0).path("engine").asText()).isEqualTo("vllm");
                assertThat(get(dashboard, "/api/runs?scenario=other").path("count").asInt()).isZero();

                run.finish();
                feed.await(m -> LiveFeedClient.run(m, run.runId()) != null
                        && LiveFeedClient.run(m, run.runId()).path("status").asText().equals("complete")
                        && LiveFeedClient.run(m, run.runId()).path("idle_s").isNull()
                        && LiveFeedClient.run(m, run.runId()).path("in_flight_estimate").isNull(),
                        Duration.ofSeconds(5));
            }
            assertThat(dashboard.liveSubscribers()).isEqualTo(1);
        }
    }

    private static long done(JsonNode message, String runId) {
        JsonNode r = LiveFeedClient.run(message, runId);
        return r == null ? -1 : r.path("requests_done").asLong();
    }

    static JsonNode get(DashboardServer d, String path) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(path).isEqualTo(200);
        return TraceJson.mapper().readTree(res.body());
    }
}
