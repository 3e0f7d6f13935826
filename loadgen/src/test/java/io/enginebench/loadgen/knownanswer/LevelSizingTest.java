package io.enginebench.loadgen.knownanswer;

import io.enginebench.loadgen.arrival.LoadControl;
import io.enginebench.loadgen.engine.EngineKind;
import io.enginebench.loadgen.engine.EngineTarget;
import io.enginebench.loadgen.prompt.PromptPacks;
import io.enginebench.loadgen.run.HttpEngineConnector;
import io.enginebench.loadgen.run.RunOptions;
import io.enginebench.loadgen.run.ScenarioRunner;
import io.enginebench.loadgen.scenario.Scenario;
import io.enginebench.loadgen.scenario.ScenarioCatalog;
import io.enginebench.loadgen.scenario.ScenarioOverrides;
import io.enginebench.loadgen.sim.SimServer;
import io.enginebench.loadgen.sim.config.ModelPreset;
import io.enginebench.loadgen.sim.config.Personality;
import io.enginebench.loadgen.sim.config.SimConfig;
import io.enginebench.trace.RequestRecord;
import io.enginebench.trace.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every closed-loop level of the catalogue's ramp holds its concurrency label: achieved concurrency
 * Σ(completed − sent)/(max completed − min sent) over the level's measured requests is at least 90 % of it, as the
 * {@code concurrency_below_label} data-quality rule demands. Run like the demo: a sped-up simulator, outputs that stop
 * at EOS (up to 96 tokens), and a small {@code --requests} that the catalogue's sizing lifts. 4× rather than the
 * demo's 20× keeps a simulated request (about 0.2 s) long against the client's and simulator's own turnaround on a
 * busy 2-core host, which is not what the sizing is about.
 */
class LevelSizingTest {
    private static final double SPEED = 4;
    @TempDir
    Path out;

    static double achievedConcurrency(List<RequestRecord> level) {
        long minSent = level.stream().mapToLong(RequestRecord::sentNs).min().orElseThrow();
        long maxDone = level.stream().mapToLong(RequestRecord::completedNs).max().orElseThrow();
        double busy = level.stream().mapToDouble(r -> r.completedNs() - r.sentNs()).sum();
        return busy / (maxDone - minSent);
    }

    @Test
    void rampLevelsAchieveAtLeastNinetyPercentOfTheirConcurrency() throws Exception {
        Scenario s = new ScenarioOverrides(8, List.of(1, 8, 64), null, 96, null, 1, 1, null, null)
                .applyTo(ScenarioCatalog.standard().get("throughput_ramp"));
        try (SimServer sim = SimServer.start(SimConfig.of(Personality.VLLM, ModelPreset.SMALL_2B).withSpeed(SPEED))) {
            EngineTarget target = new EngineTarget(EngineKind.SIM, "vllm", sim.baseUrl(), sim.config().modelName(), null);
            var result = new ScenarioRunner(new HttpEngineConnector(), PromptPacks.fromDirectory(Path.of("..", "prompts")),
                    RunOptions.defaults(out).withHardware("test"), null).run(s, target, LoadControl.standard()).get(0);
            Map<Integer, List<RequestRecord>> levels = new RunFolder(result.runDir()).readRequests().stream()
                    .filter(RequestRecord::isMeasured)
                    .collect(Collectors.groupingBy(RequestRecord::concurrency, TreeMap::new, Collectors.toList()));

            assertThat(levels.keySet()).containsExactly(1, 8, 64);
            Map<Integer, Double> share = new TreeMap<>();
            levels.forEach((c, rs) -> {
                assertThat(rs).as("c=%d sized by the catalogue", c).hasSize(s.load().measuredAt(c));
                assertThat(rs).allMatch(RequestRecord::isOk);
                share.put(c, achievedConcurrency(rs) / c);
            });
            assertThat(share).as("achieved concurrency / label per level").allSatisfy((c, v) ->
                    assertThat(v).as("c=%d", c).isGreaterThanOrEqualTo(0.9));
        }
    }
}
