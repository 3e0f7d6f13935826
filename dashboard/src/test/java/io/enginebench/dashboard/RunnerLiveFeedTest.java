package io.enginebench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.loadgen.run.RunOptions;
import io.enginebench.loadgen.run.RunResult;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.scenario.ScenarioOverrides;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real load generator ({@link io.enginebench.loadgen.run.ScenarioRunner} over HTTP) against the simulator, with
 * the dashboard following the run folder it writes: the live feed shows the run with growing counts, then complete.
 */
class RunnerLiveFeedTest {
    @TempDir Path tmp;

    @Test
    void liveFeedFollowsARealRun() throws Exception {
        Path results = tmp.resolve("raw-results");
        DashboardConfig cfg = DashboardConfig.defaults().withPort(0)
                .withDirs(results, tmp.resolve("warehouse"), tmp.resolve("reports"));
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.FIXED));
             DashboardServer dashboard = DashboardServer.start(cfg);
             LiveFeedClient feed = new LiveFeedClient(dashboard.port())) {
            // 10 ms per engine step, 16 tokens per request, 2 at a time: about 3 s of run, several pushes
            Scenario s = new ScenarioOverrides(40, List.of(2), null, 16, null, 1, 1, null, null)
                    .applyTo(ScenarioCatalog.standard().get("single_request_latency"));
            EngineTarget target = new EngineTarget(EngineKind.SIM, "vllm", sim.baseUrl(), sim.config().modelName(), null);
            CompletableFuture<List<RunResult>> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return new io.enginebench.loadgen.run.ScenarioRunner(new HttpEngineConnector(),
                            PromptPacks.fromDirectory(Path.of("..", "prompts")),
                            RunOptions.defaults(results).withHardware("test"), null).run(s, target, LoadControl.standard());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            JsonNode first = feed.await(m -> m.path("runs").size() == 1
                    && m.path("runs").get(0).path("status").asText().equals("running")
                    && m.path("runs").get(0).path("requests_done").asLong() > 0, Duration.ofSeconds(30));
            String runId = first.path("runs").get(0).path("run_id").asText();
            long early = first.path("runs").get(0).path("requests_done").asLong();

            List<RunResult> done = run.get(60, TimeUnit.SECONDS);
            assertThat(done.get(0).runDir().getFileName().toString()).isEqualTo(runId);
            JsonNode last = feed.await(m -> m.path("runs").size() == 1
                    && m.path("runs").get(0).path("status").asText().equals("complete"), Duration.ofSeconds(10));
            JsonNode view = last.path("runs").get(0);
            // 1 warm-up + 40 measured, all read from the journal before it was sealed away
            assertThat(view.path("requests_done").asLong()).isEqualTo(41).isGreaterThan(early);
            assertThat(view.path("requests_measured").asLong()).isEqualTo(40);
            assertThat(view.path("requests_failed").asLong()).isZero();
            // fixed preset: TPOT is one 10 ms engine step; a busy machine makes steps late, never early (3× allowed;
            // the precision is measured by scripts/bench-perf sim-timing)
            assertThat(view.path("latest").path("tpot_p50_ms").asDouble()).isBetween(8.0, 30.0);
        }
    }
}
